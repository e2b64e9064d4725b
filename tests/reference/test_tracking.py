"""Tests of ml_reference.tracking: JSONL files, MLflow and W&B adapters, hardware, plots."""

from __future__ import annotations

import doctest
import json
import os
import struct
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import torch
from torch import nn

from ml_reference import tracking
from ml_reference.tracking import (
    JsonlTracker,
    MlflowTracker,
    MultiTracker,
    Tracker,
    WandbTracker,
    hardware_info,
    log_run_start,
    metric_series,
    plot_metrics,
    read_metrics,
)

CONFIG = {
    "train": {"lr": 3e-4, "batch_size": 8, "betas": (0.9, 0.95)},
    "model": {"n_layer": 2, "d_model": 16},
}


def tiny_model() -> nn.Sequential:
    return nn.Sequential(nn.Linear(4, 8), nn.GELU(), nn.Linear(8, 2))  # 40 + 18 parameters


def test_docstring_examples_run() -> None:
    results = doctest.testmod(tracking, raise_on_error=False)
    assert results.attempted >= 2
    assert results.failed == 0


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_tracker_records_the_six_things(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    with JsonlTracker(run_dir) as tracker:
        assert isinstance(tracker, Tracker)
        system = log_run_start(tracker, config=CONFIG, model=tiny_model(), seed=1234)
        for step in (10, 20, 30):
            tracker.log_metrics({"train/loss": 3.0 - step / 10, "lr": 1e-3}, step=step)
        tracker.log_metrics({"val/loss": torch.tensor(2.25)}, step=30)  # type: ignore[dict-item]

    assert sorted(p.name for p in run_dir.iterdir()) == [
        "architecture.txt",
        "metrics.jsonl",
        "params.json",
        "system.json",
    ]
    # 1. hyperparameters and 6. seeds
    params = json.loads((run_dir / "params.json").read_text())
    assert params["train"] == {"lr": 3e-4, "batch_size": 8, "betas": [0.9, 0.95]}
    assert params["model"] == {"n_layer": 2, "d_model": 16}
    assert params["seed"] == 1234
    assert params["num_parameters"] == params["num_trainable_parameters"] == 58
    # 2. metrics and 4. training time
    lines = read_metrics(run_dir / "metrics.jsonl")
    assert [line["step"] for line in lines] == [10, 20, 30, 30]
    assert [line.get("train/loss") for line in lines[:3]] == [2.0, 1.0, 0.0]
    assert lines[3]["val/loss"] == 2.25
    elapsed = [line["elapsed"] for line in lines]
    assert elapsed == sorted(elapsed) and elapsed[0] >= 0
    assert all(abs(line["time"] - lines[0]["time"]) < 60 for line in lines)
    # 3. architecture
    architecture = (run_dir / "architecture.txt").read_text()
    assert "Linear(in_features=4, out_features=8, bias=True)" in architecture
    assert "parameters: 58 (58 trainable)" in architecture
    # 5. hardware (and the seeds again)
    saved = json.loads((run_dir / "system.json").read_text())
    assert saved == json.loads(json.dumps(system))
    assert saved["hardware"]["torch"] == torch.__version__
    assert saved["hardware"]["cpu_count"] == os.cpu_count()
    assert saved["seeds"]["seed"] == 1234
    assert saved["start_time_utc"].endswith("+00:00")


def test_jsonl_tracker_resumes_into_the_same_directory(tmp_path: Path) -> None:
    with JsonlTracker(tmp_path) as tracker:
        tracker.log_params({"lr": 0.1, "seed": 0})
        tracker.log_metrics({"loss": 1.0}, step=1)
    with JsonlTracker(tmp_path) as tracker:
        tracker.log_params({"resumed_from": "ckpt.pt"})
        tracker.log_metrics({"loss": float("nan")}, step=2)
    params = json.loads((tmp_path / "params.json").read_text())
    assert params == {"lr": 0.1, "seed": 0, "resumed_from": "ckpt.pt"}
    lines = read_metrics(tmp_path / "metrics.jsonl")
    assert [line["step"] for line in lines] == [1, 2]
    assert lines[1]["loss"] != lines[1]["loss"]  # NaN is recorded, not dropped


def test_jsonl_tracker_stores_any_keys_as_strings(tmp_path: Path) -> None:
    with JsonlTracker(tmp_path) as tracker:
        tracker.log_params({"lr": 0.1})
        tracker.log_params({3: "int key", "layers": {0: {"d": 8}, (1, 2): [{4: 5}]}})
        tracker.log_params({"seed": 0})
    params = json.loads((tmp_path / "params.json").read_text())
    assert params == {
        "lr": 0.1,
        "3": "int key",
        "layers": {"0": {"d": 8}, "(1, 2)": [{"4": 5}]},
        "seed": 0,
    }


def test_jsonl_tracker_keeps_its_params_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with JsonlTracker(tmp_path) as tracker:
        tracker.log_params({"lr": 0.1})

        def full_disk(*args: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", full_disk)
        with pytest.raises(OSError, match="disk full"):
            tracker.log_params({"failed": 1})
        monkeypatch.undo()
        tracker.log_params({"seed": 0})
    assert json.loads((tmp_path / "params.json").read_text()) == {"lr": 0.1, "seed": 0}


def test_jsonl_tracker_rejects_clobbering_names(tmp_path: Path) -> None:
    with JsonlTracker(tmp_path) as tracker:
        for name in ("../escape.txt", "sub/dir.txt", "", "params.json", "metrics.jsonl"):
            with pytest.raises(ValueError):
                tracker.log_text(name, "x")
        with pytest.raises(ValueError, match="reserved"):
            tracker.log_metrics({"step": 1.0}, step=1)
    assert not (tmp_path.parent / "escape.txt").exists()


def test_multi_tracker_forwards_every_call(tmp_path: Path) -> None:
    first, second = JsonlTracker(tmp_path / "a"), JsonlTracker(tmp_path / "b")
    multi = MultiTracker(first, second)
    assert isinstance(multi, Tracker)
    multi.log_params({"lr": 0.5})
    multi.log_metrics({"loss": 2.0}, step=3)
    multi.log_text("notes.txt", "hello")
    multi.close()
    for run_dir in (tmp_path / "a", tmp_path / "b"):
        assert json.loads((run_dir / "params.json").read_text()) == {"lr": 0.5}
        assert read_metrics(run_dir / "metrics.jsonl")[0]["loss"] == 2.0
        assert (run_dir / "notes.txt").read_text() == "hello"


# --- run start details ----------------------------------------------------------------------


@dataclass
class Config:
    """A stand-in for a training config dataclass.

    Attributes:
        lr: Learning rate.
        steps: Optimizer steps.
    """

    lr: float = 0.01
    steps: int = 5


@pytest.mark.usefixtures("one_process_group")
def test_log_run_start_accepts_dataclasses_and_unwraps_models(tmp_path: Path) -> None:
    model = tiny_model()
    model[0].weight.requires_grad_(False)
    wrapped = torch.compile(nn.parallel.DistributedDataParallel(model))
    assert isinstance(wrapped, nn.Module)
    with JsonlTracker(tmp_path) as tracker:
        log_run_start(tracker, config=Config(), model=wrapped, seed=7)
        with pytest.raises(TypeError, match="config must be"):
            log_run_start(tracker, config=42, model=model, seed=7)
    params = json.loads((tmp_path / "params.json").read_text())
    assert params["lr"] == 0.01 and params["steps"] == 5
    assert params["num_trainable_parameters"] == 58 - 32
    architecture = (tmp_path / "architecture.txt").read_text()
    assert architecture.startswith("Sequential(")


class Holder(nn.Module):
    """A model that merely has a submodule named ``module``, as many models do."""

    def __init__(self) -> None:
        super().__init__()
        self.module = tiny_model()
        self.head = nn.Linear(2, 3)


def test_log_run_start_keeps_a_submodule_named_module(tmp_path: Path) -> None:
    with JsonlTracker(tmp_path) as tracker:
        log_run_start(tracker, config={}, model=Holder(), seed=0)
    assert json.loads((tmp_path / "params.json").read_text())["num_parameters"] == 58 + 9
    assert (tmp_path / "architecture.txt").read_text().startswith("Holder(")


def test_hardware_info_describes_cuda_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    info = hardware_info()
    assert info["cuda_available"] is torch.cuda.is_available()
    assert info["cpu_count"] == os.cpu_count()
    json.dumps(info)

    h100 = SimpleNamespace(name="NVIDIA H100", major=9, minor=0, total_memory=80 * 2**30)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    monkeypatch.setattr(torch.cuda, "get_device_properties", lambda index: h100)
    monkeypatch.setattr(torch.backends.cudnn, "version", lambda: 90100)
    info = hardware_info()
    assert info["cuda_device_count"] == 2
    assert (
        info["cuda_devices"]
        == [{"name": "NVIDIA H100", "capability": "9.0", "memory_gib": 80.0}] * 2
    )
    assert info["cudnn_version"] == 90100


# --- MLflow ---------------------------------------------------------------------------------


def test_mlflow_tracker_logs_to_a_file_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("mlflow")
    from mlflow.tracking import MlflowClient

    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")  # MLflow 3 opt-in for file: stores
    store = tmp_path / "mlruns"
    with tracking.MlflowTracker(store, "reference-tests", run_name="tiny") as tracker:
        assert tracker.tracking_uri == store.resolve().as_uri()
        log_run_start(tracker, config=CONFIG, model=tiny_model(), seed=3)
        for step in (1, 2, 3):
            tracker.log_metrics({"train/loss": 1.0 / step}, step=step)
    with (
        pytest.raises(RuntimeError),
        tracking.MlflowTracker(store.as_uri(), "reference-tests") as failed,
    ):
        raise RuntimeError("training diverged")

    client = MlflowClient(tracking_uri=store.as_uri())
    run = client.get_run(tracker.run_id)
    assert run.info.status == "FINISHED"
    assert run.info.run_name == "tiny"
    assert run.data.params["train/lr"] == "0.0003"
    assert run.data.params["train/betas"] == "[0.9, 0.95]"
    assert run.data.params["seed"] == "3"
    history = client.get_metric_history(tracker.run_id, "train/loss")
    assert [(m.step, m.value) for m in history] == [(1, 1.0), (2, 0.5), (3, 1.0 / 3)]
    artifacts = {a.path for a in client.list_artifacts(tracker.run_id)}
    assert artifacts == {"architecture.txt", "system.json"}
    local = client.download_artifacts(tracker.run_id, "architecture.txt", str(tmp_path))
    assert "parameters: 58" in Path(local).read_text()
    assert client.get_run(failed.run_id).info.status == "FAILED"


# --- Weights & Biases -----------------------------------------------------------------------


def read_wandb_log(path: Path) -> tuple[dict[str, object], list[dict[str, object]], bool]:
    """Decode a ``run-*.wandb`` file into its config, its history rows and whether it is complete.

    The file is W&B's LevelDB-style log of protobuf ``Record`` messages: a 7-byte file header
    (``:W&B``, magic, version), then 32 KiB blocks of chunks, each with a 7-byte header (crc32,
    length, type: 1 full, 2 first, 3 middle, 4 last).
    """
    from wandb.proto import wandb_internal_pb2

    data = path.read_bytes()
    assert data[:4] == b":W&B"
    config: dict[str, object] = {}
    history: list[dict[str, object]] = []
    complete = False
    pos, pending = 7, b""
    while pos + 7 <= len(data):
        left = 32768 - pos % 32768
        if left < 7:  # block trailer padding
            pos += left
            continue
        _, length, kind = struct.unpack("<IHB", data[pos : pos + 7])
        if kind == 0 or pos + 7 + length > len(data):  # end, or a chunk still being written
            break
        pending += data[pos + 7 : pos + 7 + length]
        pos += 7 + length
        if kind not in (1, 4):
            continue
        # The generated protobuf module is re-exported with `import *` and has no stubs.
        record: Any = wandb_internal_pb2.Record()  # type: ignore[attr-defined]
        record.ParseFromString(pending)
        pending = b""
        record_type = record.WhichOneof("record_type")
        complete = complete or record_type == "exit"
        if record_type in ("run", "config"):
            updates = record.run.config.update if record_type == "run" else record.config.update
            config.update({u.key: json.loads(u.value_json) for u in updates})
        elif record_type == "history":
            history.append(
                {
                    i.key or "/".join(i.nested_key): json.loads(i.value_json)
                    for i in record.history.item
                }
            )
    return config, history, complete


def test_wandb_tracker_writes_an_offline_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("wandb")
    for name, value in {
        "WANDB_MODE": "offline",
        "WANDB_DIR": str(tmp_path),
        "WANDB_SILENT": "true",
        "WANDB_CONFIG_DIR": str(tmp_path / "config"),
        "WANDB_CACHE_DIR": str(tmp_path / "cache"),
        "WANDB_DATA_DIR": str(tmp_path / "data"),
        "WANDB_BASE_URL": "http://127.0.0.1:9",  # nothing listens: any network use would fail
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WANDB_API_KEY", raising=False)

    with tracking.WandbTracker("reference-tests", tmp_path / "wb", name="tiny") as tracker:
        log_run_start(tracker, config=CONFIG, model=tiny_model(), seed=5)
        tracker.log_metrics({"train/loss": 2.0}, step=1)
        tracker.log_metrics({"train/loss": 1.5, "val/loss": 1.75}, step=2)

    (run_dir,) = (tmp_path / "wb" / "wandb").glob("offline-run-*")
    assert "parameters: 58" in (run_dir / "files" / "architecture.txt").read_text()
    assert json.loads((run_dir / "files" / "system.json").read_text())["seeds"]["seed"] == 5
    (log,) = run_dir.glob("run-*.wandb")

    # finish() can return before W&B's writer process has flushed the log: wait for the exit
    # record that closes it.
    deadline = time.monotonic() + 20
    config, history, complete = read_wandb_log(log)
    while not complete and time.monotonic() < deadline:
        time.sleep(0.05)
        config, history, complete = read_wandb_log(log)
    assert complete
    assert config["train"] == {"lr": 3e-4, "batch_size": 8, "betas": [0.9, 0.95]}
    assert config["seed"] == 5
    logged = [(row["_step"], row.get("train/loss"), row.get("val/loss")) for row in history]
    assert logged == [(1, 2.0, None), (2, 1.5, 1.75)]


# --- plots ----------------------------------------------------------------------------------


def test_a_resumed_run_s_metrics_are_read_once_per_step_in_order(tmp_path: Path) -> None:
    """Steps logged again after a resume replace the first values; nothing runs backwards."""
    with JsonlTracker(tmp_path) as tracker:
        for step in (1, 2, 3, 4):
            tracker.log_metrics({"train/loss": 10.0 - step}, step=step)
    with JsonlTracker(tmp_path) as tracker:  # resumed from a checkpoint at step 2
        for step in (3, 4, 5):
            tracker.log_metrics({"train/loss": 20.0 - step}, step=step)
    assert metric_series(tmp_path / "metrics.jsonl") == {
        "train/loss": ([1, 2, 3, 4, 5], [9.0, 8.0, 17.0, 16.0, 15.0])
    }


def test_plot_metrics_writes_a_png(tmp_path: Path) -> None:
    from matplotlib.image import imread

    with JsonlTracker(tmp_path) as tracker:
        for step in range(0, 100, 10):
            tracker.log_metrics({"train/loss": 4.0 / (1 + step), "lr": step * 1e-5}, step=step)
            if step % 30 == 0:
                tracker.log_metrics({"val/loss": 4.5 / (1 + step)}, step=step)

    out = plot_metrics(tmp_path / "metrics.jsonl", tmp_path / "loss.png")
    raw = out.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(raw) > 10_000
    assert imread(out).shape[:2] == (520, 700)  # two panels: loss (train + val) and lr

    one = plot_metrics(tmp_path / "metrics.jsonl", tmp_path / "lr.png", keys=["lr"])
    assert imread(one).shape[:2] == (260, 700)
    with pytest.raises(ValueError, match="no metrics"):
        plot_metrics(tmp_path / "metrics.jsonl", tmp_path / "none.png", keys=["missing"])


@pytest.mark.parametrize(
    ("module", "extra", "make"),
    [
        ("mlflow", "reference-mlflow", lambda path: MlflowTracker(path)),
        ("wandb", "reference-wandb", lambda path: WandbTracker("p", path)),
    ],
)
def test_a_missing_adapter_package_names_its_extra(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    extra: str,
    make: Callable[[Path], object],
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an import finds when it is missing
    with pytest.raises(ModuleNotFoundError, match=rf"pip install 'ml-lint\[{extra}\]'"):
        make(tmp_path)
