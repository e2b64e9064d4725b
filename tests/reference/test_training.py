"""Tests of ml_reference.training: the loop learns, accumulates, resumes exactly, logs honestly."""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from ml_reference.checkpoint import save_checkpoint
from ml_reference.data import TokenDataset, write_token_file
from ml_reference.training import (
    PEAK_FLOPS,
    TrainConfig,
    Trainer,
    autocast_context,
    evaluate,
    lr_at,
    peak_flops,
    resolve_precision,
    seed_everything,
    train,
)
from ml_reference.transformer import GPT, GPTConfig, TransformerBlock

VOCAB = 12
BLOCK = 8


class Recorder:
    """A tracker that keeps every metric and can simulate a crash at a given step."""

    def __init__(self, crash_at: int | None = None) -> None:
        self.metrics: dict[int, dict[str, float]] = {}
        self.crash_at = crash_at

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        if step == self.crash_at:
            raise KeyboardInterrupt(f"simulated crash at step {step}")
        self.metrics.setdefault(step, {}).update(metrics)


def _gpt(dropout: float = 0.0, dtype: torch.dtype = torch.float32) -> GPT:
    config = GPTConfig(
        vocab_size=VOCAB, block_size=BLOCK, n_layer=1, n_head=2, d_model=16, dropout=dropout
    )
    return GPT(config).to(dtype)


def _dataset(tmp_path: Path, tokens: list[int], name: str = "train.bin") -> TokenDataset:
    return TokenDataset(write_token_file(tmp_path / name, tokens, VOCAB), BLOCK)


def _pattern(windows: int) -> list[int]:
    """A learnable stream: a fixed cycle through the vocabulary."""
    return [i % VOCAB for i in range(windows * BLOCK + 1)]


def _random_tokens(windows: int, seed: int = 0) -> list[int]:
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(0, VOCAB, (windows * BLOCK + 1,), generator=generator).tolist()


def _config(**overrides: Any) -> TrainConfig:
    base: dict[str, Any] = {
        "batch_size": 4,
        "block_size": BLOCK,
        "max_steps": 10,
        "lr": 3e-2,
        "min_lr": 3e-3,
        "warmup_steps": 2,
        "log_interval": 1,
        "eval_interval": 0,
        "device": "cpu",
        "precision": "fp32",
    }
    base.update(overrides)
    return TrainConfig(**base)


def test_loss_falls_on_a_learnable_sequence(tmp_path: Path) -> None:
    torch.manual_seed(0)
    model = _gpt()
    train_data = _dataset(tmp_path, _pattern(32))
    val_data = _dataset(tmp_path, _pattern(8), "val.bin")
    config = _config(max_steps=40, eval_interval=20, eval_batches=2)
    recorder = Recorder()

    result = train(config, model, train_data, val_data, recorder)

    assert result.step == 40
    assert result.train_losses[1] > 2.0  # about log(12) = 2.48 at the start
    assert result.final_train_loss < 0.5 * result.train_losses[1]
    assert result.final_val_loss < 0.5 * result.train_losses[1]
    assert sorted(result.val_losses) == [20, 40]
    assert recorder.metrics[40]["val/loss"] == result.final_val_loss
    assert result.tokens_seen == 40 * 4 * BLOCK


def test_model_overfits_a_single_batch(tmp_path: Path) -> None:
    torch.manual_seed(0)
    model = _gpt()
    one_batch = _dataset(tmp_path, _random_tokens(4))  # exactly one batch of 4 windows
    config = _config(max_steps=100, lr=3e-2, min_lr=3e-2, warmup_steps=0, weight_decay=0.0)
    result = train(config, model, one_batch)
    assert result.final_train_loss < 0.05


class Bigram(nn.Module):
    """A float64 next-token model whose loss is plain ``F.cross_entropy`` (no float32 step)."""

    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(VOCAB, 16, dtype=torch.float64)
        self.head = nn.Linear(16, VOCAB, dtype=torch.float64)

    def forward(
        self, idx: torch.Tensor, targets: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        logits: torch.Tensor = self.head(self.embed(idx))
        return logits, nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())


def _params_after_one_step(
    tmp_path: Path, model: nn.Module, batch_size: int, accum: int
) -> dict[str, torch.Tensor]:
    data = _dataset(tmp_path, _random_tokens(16), f"data-{batch_size}.bin")
    config = _config(batch_size=batch_size, grad_accum_steps=accum, max_steps=1, warmup_steps=0)
    # Plain SGD: the update is the gradient itself, so a wrong scale cannot hide in Adam's
    # normalisation; no clipping for the same reason.
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    Trainer(dataclasses.replace(config, grad_clip=0.0), model, data, optimizer=optimizer).fit()
    return {name: p.detach().clone() for name, p in model.named_parameters()}


@pytest.mark.parametrize("model_name", ["bigram", "gpt"])
def test_accumulated_micro_batches_match_one_large_batch(tmp_path: Path, model_name: str) -> None:
    """Four micro-batches of 2 give the update of one batch of 8, in float64.

    The bigram model computes everything in float64 (agreement to 1e-12); GPT's chunked loss
    takes its softmax in float32, so it agrees to float32 rounding of the gradient.
    """

    def make() -> nn.Module:
        torch.manual_seed(0)
        return Bigram() if model_name == "bigram" else _gpt(dtype=torch.float64)

    accumulated = _params_after_one_step(tmp_path, make(), batch_size=2, accum=4)
    large = _params_after_one_step(tmp_path, make(), batch_size=8, accum=1)
    initial = dict(make().named_parameters())
    atol = 1e-12 if model_name == "bigram" else 1e-7
    for name, value in large.items():
        assert not torch.equal(value, initial[name].detach()), f"{name} did not move"
        torch.testing.assert_close(accumulated[name], value, rtol=0, atol=atol)


@pytest.mark.parametrize(("checkpoint_interval", "crash_at"), [(3, 5), (5, 6)])
def test_resumed_run_matches_uninterrupted_run(
    tmp_path: Path, checkpoint_interval: int, crash_at: int
) -> None:
    """Crash after a checkpoint, resume from it: same losses and bit-identical parameters.

    Five batches per epoch and two micro-batches per step put the checkpoints mid-epoch (step 3)
    and in the middle of an optimizer step's epoch boundary (step 5); dropout makes the RNG
    state matter.
    """
    tokens = _random_tokens(10)

    def run(out_dir: Path, crash: int | None, resume: Path | None = None) -> tuple[Any, GPT]:
        seed_everything(7)
        model = _gpt(dropout=0.2)
        config = _config(
            batch_size=2,
            grad_accum_steps=2,
            max_steps=8,
            checkpoint_interval=checkpoint_interval,
            eval_interval=4,
            eval_batches=1,
            seed=7,
            out_dir=str(out_dir),
        )
        data = _dataset(out_dir, tokens)
        val = _dataset(out_dir, tokens[: 2 * BLOCK + 1], "val.bin")
        return train(config, model, data, val, Recorder(crash), resume_from=resume), model

    (tmp_path / "full").mkdir()
    full, full_model = run(tmp_path / "full", crash=None)

    (tmp_path / "crashed").mkdir()
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "crashed", crash=crash_at)
    checkpoint = tmp_path / "crashed" / "checkpoint.pt"
    resumed, resumed_model = run(tmp_path / "crashed", None, resume=checkpoint)

    assert sorted(resumed.train_losses) == list(range(checkpoint_interval + 1, 9))
    for step, loss in resumed.train_losses.items():
        assert loss == full.train_losses[step], step
    assert resumed.val_losses[8] == full.val_losses[8]
    resumed_state = resumed_model.state_dict()
    for name, value in full_model.state_dict().items():
        assert torch.equal(resumed_state[name], value), name


def test_resume_with_another_seed_or_dataset_is_refused(tmp_path: Path) -> None:
    data = _dataset(tmp_path, _pattern(16))
    trainer = Trainer(_config(max_steps=2, seed=7, out_dir=tmp_path), _gpt(), data)
    checkpoint = trainer.fit().checkpoint_path
    assert checkpoint is not None
    other_seed = Trainer(_config(max_steps=4, seed=8), _gpt(), data)
    before = {k: v.clone() for k, v in other_seed.raw_model.state_dict().items()}
    with pytest.raises(ValueError, match="saved seed=7 but this sampler has seed=8"):
        other_seed.load(checkpoint)
    # refused before anything was restored: the weights and the optimizer are untouched
    after = other_seed.raw_model.state_dict()
    assert all(torch.equal(value, after[name]) for name, value in before.items())
    assert other_seed.optimizer.state_dict()["state"] == {}
    smaller = _dataset(tmp_path, _pattern(12), "smaller.bin")
    other_data = Trainer(_config(max_steps=4, seed=7), _gpt(), smaller)
    with pytest.raises(ValueError, match="saved num_items=16"):
        other_data.load(checkpoint)
    same = Trainer(_config(max_steps=4, seed=7), _gpt(), data)
    assert same.load(checkpoint).data_state == {
        "epoch": 0,
        "position": 8,
        "seed": 7,
        "num_items": 16,
        "world_size": 1,
    }


def test_checkpoint_with_only_epoch_and_position_still_resumes(tmp_path: Path) -> None:
    data = _dataset(tmp_path, _pattern(16))
    trainer = Trainer(_config(max_steps=4, seed=7), _gpt(), data)
    path = save_checkpoint(
        tmp_path / "old.pt",
        model=trainer.raw_model,
        optimizer=trainer.optimizer,
        scheduler=trainer.scheduler,
        scaler=trainer.scaler,
        step=2,
        data_state={"epoch": 1, "position": 4},
    )
    trainer.load(path)
    assert (trainer.step, trainer.epoch, trainer.batches_in_epoch) == (2, 1, 1)
    assert trainer.sampler.state_dict()["position"] == 4


def test_fp16_unscales_before_clipping(tmp_path: Path) -> None:
    """The logged gradient norm is the true one: the scaler's 2**16 is divided out first."""
    data = _dataset(tmp_path, _random_tokens(8))
    norms = {}
    for precision in ("fp32", "fp16"):
        torch.manual_seed(0)
        recorder = Recorder()
        config = _config(precision=precision, max_steps=1, grad_clip=1e-3)
        trainer = Trainer(config, _gpt(), data, tracker=recorder)
        trainer.fit()
        norms[precision] = recorder.metrics[1]["train/grad_norm"]
        assert trainer.scaler.is_enabled() == (precision == "fp16")
    assert norms["fp16"] == pytest.approx(norms["fp32"], rel=0.05)


def test_bf16_autocast_runs_the_forward_pass_in_bfloat16(tmp_path: Path) -> None:
    model = _gpt()
    seen: list[torch.dtype] = []
    block = model.blocks[0]
    assert isinstance(block, TransformerBlock)
    block.attn.qkv.register_forward_hook(lambda _m, _i, out: seen.append(out.dtype))
    trainer = Trainer(
        _config(precision="bf16", max_steps=1), model, _dataset(tmp_path, _pattern(8))
    )
    result = trainer.fit()
    assert seen == [torch.bfloat16]
    assert math.isfinite(result.final_train_loss)
    assert next(model.parameters()).dtype == torch.float32  # master weights stay float32


def test_loss_is_read_from_the_device_only_at_log_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _dataset(tmp_path, _pattern(64))
    real_item = torch.Tensor.item
    calls: dict[int, int] = {}

    for log_interval in (1, 10):
        count = 0

        def counting_item(self: torch.Tensor) -> Any:
            nonlocal count
            count += 1
            return real_item(self)

        monkeypatch.setattr(torch.Tensor, "item", counting_item)
        torch.manual_seed(0)
        train(_config(max_steps=10, log_interval=log_interval, grad_clip=0.0), _gpt(), data)
        monkeypatch.undo()
        calls[log_interval] = count
    # Ten log steps against one: exactly one more read per extra log step, none in between.
    assert calls[1] - calls[10] == 9


def test_throughput_and_mfu_are_logged(tmp_path: Path) -> None:
    recorder = Recorder()
    model = _gpt()
    config = _config(max_steps=2, log_interval=2, peak_flops=1e12)
    train(config, model, _dataset(tmp_path, _pattern(16)), tracker=recorder)
    metrics = recorder.metrics[2]
    assert metrics["train/tokens_per_s"] > 0
    expected = model.flops_per_token() * metrics["train/tokens_per_s"] / 1e12
    assert metrics["train/mfu"] == pytest.approx(expected)
    assert "time/total_s" in recorder.metrics[2]


def test_no_mfu_without_a_known_peak(tmp_path: Path) -> None:
    recorder = Recorder()
    train(_config(max_steps=1), _gpt(), _dataset(tmp_path, _pattern(8)), tracker=recorder)
    assert "train/mfu" not in recorder.metrics[1]
    assert "train/tokens_per_s" in recorder.metrics[1]


def test_peak_flops_table(monkeypatch: pytest.MonkeyPatch) -> None:
    cuda = torch.device("cuda", 0)
    assert peak_flops(torch.device("cpu"), "bf16") is None
    assert peak_flops(torch.device("cpu"), "bf16", override=5e12) == 5e12
    names = iter(
        ["NVIDIA H100 80GB HBM3", "NVIDIA H100 PCIe", "NVIDIA H200 NVL", "Some Future GPU"]
    )
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: next(names))
    assert peak_flops(cuda, "bf16") == 989e12
    assert peak_flops(cuda, "bf16") == PEAK_FLOPS["H100 PCIe"]["bf16"]
    assert peak_flops(cuda, "bf16") == 835e12  # the NVL cards run slower than the SXM ones
    assert peak_flops(cuda, "bf16") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NVIDIA L4", 121e12),
        ("NVIDIA L40", 181.05e12),
        ("NVIDIA L40S", 362e12),
        ("NVIDIA A100-SXM4-80GB", 312e12),
        ("Tesla V100-SXM2-16GB", None),  # no bf16 on a V100
        ("NVIDIA GL4000", None),
        ("NVIDIA GH200 480GB", 989e12),
    ],
)
def test_peak_flops_matches_whole_names(
    monkeypatch: pytest.MonkeyPatch, name: str, expected: float | None
) -> None:
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda device=None: name)
    assert peak_flops(torch.device("cuda", 0), "bf16") == expected


def test_evaluate_uses_eval_mode_and_no_grad_then_restores_training(tmp_path: Path) -> None:
    model = _gpt(dropout=0.5)
    states: list[tuple[bool, bool]] = []
    model.register_forward_hook(
        lambda module, _i, _o: states.append((module.training, torch.is_grad_enabled()))
    )
    loader = torch.utils.data.DataLoader(_dataset(tmp_path, _pattern(6)), batch_size=2)
    model.train()
    first = evaluate(model, loader, device=torch.device("cpu"), max_batches=2)
    second = evaluate(model, loader, device=torch.device("cpu"), max_batches=2)
    assert states == [(False, False)] * 4
    assert model.training
    assert first == second  # dropout was off
    everything = evaluate(model, loader, device=torch.device("cpu"), max_batches=100)
    assert len(states) == 7  # only three batches exist
    assert math.isfinite(everything)


def test_evaluate_is_the_mean_over_every_counted_target(tmp_path: Path) -> None:
    """A short last batch and ignored (-100) targets weigh by the targets they hold."""
    model = _gpt()
    inputs = torch.randint(0, VOCAB, (5, BLOCK))
    targets = torch.randint(0, VOCAB, (5, BLOCK))
    targets[1, 2:] = -100  # with batches of 2 they count 10, 8 and 8 targets
    targets[2, :] = -100
    model.eval()
    with torch.no_grad():
        _, expected = model(inputs, targets)  # one batch holding everything
    data = torch.utils.data.TensorDataset(inputs, targets)
    for batch_size in (2, 3, 5):
        loader = torch.utils.data.DataLoader(data, batch_size=batch_size)
        loss = evaluate(model, loader, device=torch.device("cpu"), max_batches=10)
        assert loss == pytest.approx(float(expected), rel=1e-5), batch_size
    ignored = torch.full((2, BLOCK), -100)
    empty = torch.utils.data.TensorDataset(inputs[:2], ignored)
    nothing = torch.utils.data.DataLoader(empty, batch_size=2)
    assert math.isnan(evaluate(model, nothing, device=torch.device("cpu"), max_batches=1))


def test_lr_schedule_warms_up_then_decays_to_min() -> None:
    config = TrainConfig(lr=1.0, min_lr=0.1, warmup_steps=4, max_steps=14)
    lrs = [lr_at(step, config) for step in range(16)]
    assert lrs[:4] == [0.25, 0.5, 0.75, 1.0]
    assert lrs[4] == 1.0
    assert lrs[9] == pytest.approx(0.55)  # halfway through the cosine
    assert all(a > b for a, b in itertools.pairwise(lrs[4:15]))
    assert lrs[14] == lrs[15] == 0.1


def test_scheduler_follows_lr_at(tmp_path: Path) -> None:
    recorder = Recorder()
    config = _config(max_steps=6, warmup_steps=2)
    train(config, _gpt(), _dataset(tmp_path, _pattern(32)), tracker=recorder)
    logged = [recorder.metrics[step]["train/lr"] for step in range(1, 7)]
    assert logged == pytest.approx([lr_at(step, config) for step in range(6)])


def test_seed_everything_is_rank_aware() -> None:
    def draws() -> tuple[float, float, float]:
        return random.random(), float(np.random.rand()), float(torch.rand(()))

    assert seed_everything(5) == 5
    first = draws()
    assert seed_everything(5, rank=0) == 5
    assert draws() == first
    assert seed_everything(5, rank=1) == 6
    assert draws() != first


def test_config_validation_and_dict() -> None:
    config = TrainConfig(betas=(0.8, 0.9))
    assert config.to_dict()["betas"] == [0.8, 0.9]
    assert config.to_dict()["precision"] == "auto"
    with pytest.raises(ValueError, match="grad_accum_steps"):
        TrainConfig(grad_accum_steps=0)
    with pytest.raises(ValueError, match="precision"):
        TrainConfig(precision="fp8")  # type: ignore[arg-type]  # the point of the test


def test_checkpoint_of_a_config_with_a_path_out_dir_loads(tmp_path: Path) -> None:
    data = _dataset(tmp_path, _pattern(8))
    trainer = Trainer(_config(max_steps=1, out_dir=tmp_path / "run"), _gpt(), data)
    result = trainer.fit()
    assert result.checkpoint_path == tmp_path / "run" / "checkpoint.pt"
    state = Trainer(_config(max_steps=1), _gpt(), data).load(result.checkpoint_path)
    assert state.extra["config"]["out_dir"] == str(tmp_path / "run")


def test_precision_resolution_and_autocast() -> None:
    cpu = torch.device("cpu")
    assert resolve_precision("auto", cpu) == "fp32"
    assert resolve_precision("bf16", cpu) == "bf16"
    with autocast_context(cpu, "bf16"):
        assert torch.get_autocast_dtype("cpu") == torch.bfloat16
        assert torch.is_autocast_enabled("cpu")
    with autocast_context(cpu, "fp32"):
        assert not torch.is_autocast_enabled("cpu")


@pytest.mark.parametrize(("native_bf16", "expected"), [(True, "bf16"), (False, "fp16")])
def test_auto_precision_picks_fp16_where_bf16_is_only_emulated(
    monkeypatch: pytest.MonkeyPatch, native_bf16: bool, expected: str
) -> None:
    def is_bf16_supported(including_emulation: bool = True) -> bool:
        return native_bf16 or including_emulation  # a V100 or T4 emulates bf16

    monkeypatch.setattr(torch.cuda, "is_bf16_supported", is_bf16_supported)
    assert resolve_precision("auto", torch.device("cuda", 0)) == expected


def test_nan_loss_stops_the_run(tmp_path: Path) -> None:
    model = _gpt()
    with torch.no_grad():
        model.lm_head.weight.fill_(math.nan)
    with pytest.raises(FloatingPointError, match="nan"):
        train(_config(max_steps=3), model, _dataset(tmp_path, _pattern(8)))


def test_train_data_needs_a_length() -> None:
    class Stream(torch.utils.data.IterableDataset[tuple[torch.Tensor, torch.Tensor]]):
        def __iter__(self) -> Any:
            return iter([])

    with pytest.raises(TypeError, match="length"):
        Trainer(_config(), nn.Linear(2, 2), Stream())


def test_evaluation_time_is_left_out_of_tokens_per_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window's tokens/s counts its steps' time only, wherever evaluations fall in it."""
    clock = [0.0]
    monkeypatch.setattr("ml_reference.training.time.perf_counter", lambda: clock[0])
    train, val = _dataset(tmp_path, _pattern(32)), _dataset(tmp_path, _pattern(8), "val.bin")
    config = _config(max_steps=8, log_interval=4, eval_interval=2, eval_batches=1)
    recorder = Recorder()
    trainer = Trainer(config, _gpt(), train, val, tracker=recorder)
    step, evaluate = trainer.train_step, trainer.evaluate

    def one_second_step() -> torch.Tensor:
        clock[0] += 1.0
        return step()

    def slow_evaluation() -> float:
        clock[0] += 100.0
        return evaluate()

    monkeypatch.setattr(trainer, "train_step", one_second_step)
    monkeypatch.setattr(trainer, "evaluate", slow_evaluation)
    trainer.fit()
    tokens_per_step = config.batch_size * config.block_size
    for logged in (4, 8):  # evaluations at steps 2 (inside the window) and 4 (at its end)
        assert recorder.metrics[logged]["train/tokens_per_s"] == tokens_per_step


def test_batches_are_pinned_only_for_a_gpu_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CPU run on a machine with a GPU does not page-lock its batches."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    data = _dataset(tmp_path, _pattern(8))
    trainer = Trainer(_config(), _gpt(), data, val_data=data)
    assert trainer.val_loader is not None
    assert not trainer.train_loader.pin_memory
    assert not trainer.val_loader.pin_memory


def test_data_too_small_for_one_batch_is_an_error(tmp_path: Path) -> None:
    """Fewer sequences than a batch give no batch at all: said, instead of looping forever."""
    trainer = Trainer(_config(batch_size=4), _gpt(), _dataset(tmp_path, _pattern(3)))
    with pytest.raises(ValueError, match=r"gives no batch of 4: .* gets 3 sequence"):
        trainer.fit()
