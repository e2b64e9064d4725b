"""Tests of ml_reference.checkpoint: atomic saves, complete round trips, clear load errors."""

from __future__ import annotations

import random
import struct
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from ml_reference.checkpoint import (
    CheckpointError,
    get_rng_state,
    load_checkpoint,
    save_checkpoint,
    set_rng_state,
    unwrap_model,
)


class _Net(nn.Module):
    """A small model with a buffer, so both parameters and buffers round-trip."""

    running: torch.Tensor

    def __init__(self) -> None:
        super().__init__()
        self.lin = nn.Linear(4, 3)
        self.register_buffer("running", torch.zeros(3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor = self.lin(x) + self.running
        return out


def _trained_objects() -> tuple[_Net, torch.optim.Optimizer, Any, torch.amp.GradScaler]:
    """A model, AdamW, a scheduler and an enabled scaler, each with non-initial state."""
    model = _Net()
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    scaler = torch.amp.GradScaler("cpu", init_scale=1024.0, growth_interval=1)
    for _ in range(3):
        loss = model(torch.randn(5, 4)).pow(2).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad()
        scheduler.step()
    model.running += 1.5
    return model, optimizer, scheduler, scaler


def _draws() -> tuple[float, float, torch.Tensor]:
    """One draw from each generator a checkpoint restores."""
    return random.random(), float(np.random.rand()), torch.rand(3)


def test_round_trip_restores_every_state(tmp_path: Path) -> None:
    model, optimizer, scheduler, scaler = _trained_objects()
    data_state = {"epoch": 2, "position": 48}
    path = save_checkpoint(
        tmp_path / "run" / "ckpt.pt",
        model=model,
        optimizer=optimizer,
        scheduler=scheduler,
        scaler=scaler,
        step=3,
        data_state=data_state,
        extra={"config": {"lr": 0.1, "betas": [0.9, 0.95]}},
    )
    expected_draws = _draws()

    torch.manual_seed(123)
    fresh = _Net()
    fresh_opt = torch.optim.AdamW(fresh.parameters(), lr=0.1)
    fresh_sched = torch.optim.lr_scheduler.StepLR(fresh_opt, step_size=1, gamma=0.5)
    fresh_scaler = torch.amp.GradScaler("cpu")
    random.seed(9)
    np.random.seed(9)
    state = load_checkpoint(
        path, model=fresh, optimizer=fresh_opt, scheduler=fresh_sched, scaler=fresh_scaler
    )

    assert state.step == 3
    assert state.data_state == data_state
    assert state.extra == {"config": {"lr": 0.1, "betas": [0.9, 0.95]}}
    for key, value in model.state_dict().items():
        assert torch.equal(fresh.state_dict()[key], value), key
    saved_opt, loaded_opt = optimizer.state_dict(), fresh_opt.state_dict()
    assert saved_opt["param_groups"] == loaded_opt["param_groups"]
    for index, moments in saved_opt["state"].items():
        for name, value in moments.items():
            assert torch.equal(loaded_opt["state"][index][name], value), name
    assert fresh_sched.state_dict() == scheduler.state_dict()
    assert fresh_scaler.state_dict() == scaler.state_dict()
    assert fresh_scaler.get_scale() != 65536.0  # the saved scale, not the default one
    # The generators continue exactly where they were when the checkpoint was saved.
    py, nump, tor = _draws()
    assert (py, nump) == expected_draws[:2]
    assert torch.equal(tor, expected_draws[2])


def test_file_loads_with_weights_only_and_map_location(tmp_path: Path) -> None:
    model, optimizer, scheduler, scaler = _trained_objects()
    path = save_checkpoint(
        tmp_path / "c.pt", model=model, optimizer=optimizer, scheduler=scheduler, scaler=scaler
    )
    # Every stored value is allowed by the safe unpickler (no numpy objects, no classes).
    payload = torch.load(path, map_location="cpu", weights_only=True)
    assert set(payload) >= {"model", "optimizer", "scheduler", "scaler", "rng", "step"}
    assert payload["rng"]["numpy"]["key"].dtype == torch.int64

    seen: list[object] = []
    real_load = torch.load

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return real_load(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(torch, "load", spy)
        load_checkpoint(path, model=_Net(), map_location=torch.device("cpu"), restore_rng=False)
    assert seen == [{"map_location": torch.device("cpu"), "weights_only": True}]


def test_failed_write_keeps_the_previous_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _Net()
    path = save_checkpoint(tmp_path / "ckpt.pt", model=model, step=1)
    before = path.read_bytes()

    def broken_save(obj: object, f: Any, *args: object, **kwargs: object) -> None:
        f.write(b"partial bytes of a checkpoint")
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", broken_save)
    with torch.no_grad():
        model.lin.weight.add_(1.0)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(path, model=model, step=2)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ckpt.pt"]  # no temporary file left
    monkeypatch.undo()
    assert load_checkpoint(path, model=_Net()).step == 1


def test_missing_file_raises_checkpoint_error(tmp_path: Path) -> None:
    with pytest.raises(CheckpointError, match="not found") as info:
        load_checkpoint(tmp_path / "absent.pt", model=_Net())
    assert isinstance(info.value.__cause__, FileNotFoundError)


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_corrupt_file_raises_checkpoint_error(tmp_path: Path, damage: str) -> None:
    path = save_checkpoint(tmp_path / "ckpt.pt", model=_Net())
    data = path.read_bytes()
    damaged = {"truncated": data[: len(data) // 2], "garbage": b"\x80not a zip" * 20, "empty": b""}
    path.write_bytes(damaged[damage])
    with pytest.raises(CheckpointError, match="corrupt or truncated") as info:
        load_checkpoint(path, model=_Net())
    assert info.value.__cause__ is not None


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(Path("/tmp"), "pathlib"), (np.float64(0.5), "numpy"), ({"a": [slice(2)]}, "slice")],
)
def test_extra_that_would_not_load_is_refused_when_saving(
    tmp_path: Path, value: object, type_name: str
) -> None:
    path = tmp_path / "ckpt.pt"
    with pytest.raises(TypeError, match=rf"extra\['bad'\].*{type_name}"):
        save_checkpoint(path, model=_Net(), extra={"ok": 1, "bad": value})
    assert not path.exists()
    save_checkpoint(path, model=_Net(), extra={"ok": 1, "fine": [1.5, "a", torch.ones(2)]})
    assert load_checkpoint(path, model=_Net()).extra["fine"][1] == "a"


def test_value_refused_by_weights_only_load_is_not_called_corrupt(tmp_path: Path) -> None:
    path = save_checkpoint(tmp_path / "ckpt.pt", model=_Net())
    payload = torch.load(path, weights_only=True)
    payload["extra"] = {"out_dir": Path("/tmp")}
    torch.save(payload, path)  # as an unchecked save would have written it
    with pytest.raises(CheckpointError, match=r"holds a pathlib\.\w*Path") as info:
        load_checkpoint(path, model=_Net())
    assert "corrupt" not in str(info.value)


def test_flipped_byte_inside_a_tensor_raises_checkpoint_error(tmp_path: Path) -> None:
    path = save_checkpoint(tmp_path / "ckpt.pt", model=_Net())
    with zipfile.ZipFile(path) as archive:
        member = next(info for info in archive.infolist() if "/data/" in info.filename)
    data = bytearray(path.read_bytes())
    # The member's bytes start after its local header: 30 bytes, the name and the extra field.
    name_len, extra_len = struct.unpack(
        "<HH", data[member.header_offset + 26 : member.header_offset + 30]
    )
    data[member.header_offset + 30 + name_len + extra_len] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="corrupt") as info:
        load_checkpoint(path, model=_Net())
    assert "CRC" in str(info.value.__cause__)


def test_checkpoint_saved_without_crcs_still_loads(tmp_path: Path) -> None:
    model = _Net()
    previous = torch.serialization.get_crc32_options()
    torch.serialization.set_crc32_options(False)  # torch then stores 0 for every CRC
    try:
        path = save_checkpoint(tmp_path / "ckpt.pt", model=model, step=4)
    finally:
        torch.serialization.set_crc32_options(previous)
    assert load_checkpoint(path, model=_Net()).step == 4


@pytest.mark.parametrize("key", ["step", "rng"])
def test_checkpoint_without_a_required_key_raises_checkpoint_error(
    tmp_path: Path, key: str
) -> None:
    path = save_checkpoint(tmp_path / "ckpt.pt", model=_Net(), step=3)
    payload = torch.load(path, weights_only=True)
    del payload[key]
    torch.save(payload, path)
    model = _Net()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    with pytest.raises(CheckpointError, match=f"incomplete: it has no {key}"):
        load_checkpoint(path, model=model)
    for name, value in model.state_dict().items():  # nothing was restored
        assert torch.equal(value, before[name]), name


def test_mismatched_model_raises_checkpoint_error(tmp_path: Path) -> None:
    path = save_checkpoint(tmp_path / "ckpt.pt", model=nn.Linear(2, 2))
    with pytest.raises(CheckpointError, match="does not match") as info:
        load_checkpoint(path, model=_Net())
    assert isinstance(info.value.__cause__, RuntimeError)


def test_missing_optimizer_state_raises_checkpoint_error(tmp_path: Path) -> None:
    model = _Net()
    path = save_checkpoint(tmp_path / "ckpt.pt", model=model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(CheckpointError, match="no optimizer state"):
        load_checkpoint(path, model=model, optimizer=optimizer)


def test_not_a_checkpoint_raises_checkpoint_error(tmp_path: Path) -> None:
    path = tmp_path / "weights.pt"
    torch.save(_Net().state_dict(), path)
    with pytest.raises(CheckpointError, match="not a checkpoint"):
        load_checkpoint(path, model=_Net())


def test_unwrap_model_strips_the_compile_wrapper(tmp_path: Path) -> None:
    model = _Net()
    compiled = torch.compile(model)
    assert isinstance(compiled, nn.Module)
    assert unwrap_model(compiled) is model
    path = save_checkpoint(tmp_path / "ckpt.pt", model=compiled)
    keys = set(torch.load(path, weights_only=True)["model"])
    assert keys == {"lin.weight", "lin.bias", "running"}


def test_rng_state_survives_restore() -> None:
    state = get_rng_state()
    first = _draws()
    _draws()
    set_rng_state(state)
    again = _draws()
    assert first[:2] == again[:2]
    assert torch.equal(first[2], again[2])
