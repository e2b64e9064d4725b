"""Training throughput of a GPT-2-124M-shaped model: tokens/s, MFU, step time, peak memory.

One training step is forward + backward + fused AdamW step + ``zero_grad(set_to_none=True)`` on
a micro-batch of synthetic random tokens (no data loading: this measures the model and the
optimizer), in bf16 autocast with float32 weights and optimizer state (mixed precision as
recommended; the loss and softmax stay in float32).

MFU (model FLOPs utilisation) = ``model.flops_per_token() * tokens_per_s / peak``, with
``flops_per_token = 6 N + 12 L d T`` (PaLM appendix B), against two peaks: the datasheet dense
bf16 peak (989 TFLOP/s for the H100 SXM) and the bf16 matmul throughput measured in the same
run, which says how far the model is from what this particular GPU actually delivers.

Measured: eager and ``torch.compile`` (compilation time reported separately: it is paid once),
``torch.compile`` with the loss computed from the full logits (``GPTConfig.chunked_loss``
False, which the compiler can fuse), the same with a bf16 residual stream
(``GPTConfig.fp32_residual`` False), and eager with and without activation checkpointing
(``GPTConfig.activation_checkpointing``: each block's activations are recomputed in the
backward pass instead of stored), comparing peak memory (``torch.cuda.max_memory_allocated``)
and step time.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

import torch
from bench_harness import (
    Budget,
    Results,
    free_memory,
    log,
    short_error,
    summarize,
    synchronize,
    time_ms,
)
from torch import Tensor

from ml_reference.transformer import GPT, GPTConfig


@dataclass(frozen=True)
class TrainingSetup:
    """The model, micro-batch and timing parameters.

    Attributes:
        config: The model (GPT-2 124M shape on the GPU).
        batch_size: Sequences per micro-batch (each ``config.block_size`` tokens).
        warmup: Untimed steps first (the first compiled steps compile).
        iters: Timed steps.
        compile_backend: ``torch.compile`` backend (``inductor`` on the GPU; ``aot_eager`` on
            tiny CPU runs, which traces the same graph without the C++ compile).
        compile_reserve_s: Seconds the compiled measurement needs, compilation included; it is
            skipped, with the reason recorded, when the budget has less left.
        compile_mode: Inductor's ``mode``: ``default``, ``max-autotune-no-cudagraphs`` (to
            benchmark Triton matmul kernels against cuBLAS while compiling) or
            ``reduce-overhead`` (CUDA graphs); other backends take only ``default``.
    """

    config: GPTConfig
    batch_size: int
    warmup: int
    iters: int
    compile_backend: str
    compile_reserve_s: float
    compile_mode: str = "default"

    def to_dict(self) -> dict[str, Any]:
        """The setup as JSON-friendly values.

        Returns:
            Every field, the model config as a dict, plus tokens per step and precision.
        """
        out = asdict(self)
        out["config"] = self.config.to_dict()
        out["tokens_per_step"] = self.batch_size * self.config.block_size
        out["precision"] = "bf16 autocast; float32 weights, gradients and AdamW state"
        out["optimizer"] = "AdamW (fused on CUDA), weight decay 0.1 on >= 2-D weights"
        out["data"] = "synthetic uniform random tokens"
        return out


def gpu_setup(batch_size: int = 16, compile_mode: str = "default") -> TrainingSetup:
    """GPT-2 124M (12 layers, 12 heads, d_model 768, block 1024, vocab 50304) on an H100.

    Args:
        batch_size: Sequences per micro-batch (16 x 1024 = 16k tokens per step by default).
        compile_mode: Inductor's ``mode`` for the compiled runs.

    Returns:
        The setup.
    """
    config = GPTConfig(
        vocab_size=50304, block_size=1024, n_layer=12, n_head=12, d_model=768, dropout=0.0
    )
    return TrainingSetup(
        config=config,
        batch_size=batch_size,
        warmup=3,
        iters=10,
        compile_backend="inductor",
        # max-autotune benchmarks candidate kernels for every matmul shape while compiling.
        compile_reserve_s=360.0 if compile_mode.startswith("max-autotune") else 150.0,
        compile_mode=compile_mode,
    )


def tiny_setup() -> TrainingSetup:
    """A two-layer model on the CPU that exercises every code path in seconds.

    Returns:
        The setup.
    """
    config = GPTConfig(vocab_size=256, block_size=32, n_layer=2, n_head=2, d_model=32)
    return TrainingSetup(
        config=config,
        batch_size=4,
        warmup=2,
        iters=3,
        compile_backend="aot_eager",
        compile_reserve_s=10.0,
    )


@dataclass(frozen=True)
class TrainingRun:
    """One measured variant of the training step.

    Attributes:
        compiled: Wrap the model in ``torch.compile``.
        checkpointing: ``GPTConfig.activation_checkpointing``.
        chunked_loss: ``GPTConfig.chunked_loss`` (False: the loss from the full logits).
        fp32_residual: ``GPTConfig.fp32_residual`` (False: a bf16 residual stream).
    """

    compiled: bool
    checkpointing: bool = False
    chunked_loss: bool = True
    fp32_residual: bool = True


TRAINING_RUNS: dict[str, TrainingRun] = {
    "eager": TrainingRun(compiled=False),
    "compiled": TrainingRun(compiled=True),
    "eager_checkpointing": TrainingRun(compiled=False, checkpointing=True),
    "compiled_full_logits": TrainingRun(compiled=True, chunked_loss=False),
    "compiled_bf16_residual": TrainingRun(compiled=True, chunked_loss=False, fp32_residual=False),
}


@contextlib.contextmanager
def _tf32_matmuls() -> Iterator[None]:
    """Allow TF32 for the float32 matmuls left outside autocast; restore the setting after."""
    previous = torch.get_float32_matmul_precision()
    torch.set_float32_matmul_precision("high")
    try:
        yield
    finally:
        torch.set_float32_matmul_precision(previous)


def _make_step(
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    x: Tensor,
    y: Tensor,
    losses: list[Tensor],
) -> Callable[[], None]:
    """One training step as a closure; the loss stays on the device (no sync per step)."""
    device_type = x.device.type

    def step() -> None:
        with torch.autocast(device_type=device_type, dtype=torch.bfloat16):
            _, loss = model(x, y)
        assert loss is not None
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses[:] = [loss.detach()]

    return step


def measure_training(
    setup: TrainingSetup,
    device: torch.device,
    run: TrainingRun,
    *,
    peaks_tflops: dict[str, float | None],
) -> dict[str, Any]:
    """Build the model, run warm-up steps, then time steps; report throughput and memory.

    Args:
        setup: Model, batch and timing parameters.
        device: Where to train.
        run: What to measure: compiled or eager (backend from the setup), and the model options.
        peaks_tflops: Peaks to compute MFU against, by name (None entries are skipped).

    Returns:
        Step time summary, ``tokens_per_s``, ``mfu_<peak>`` for each peak, ``first_step_s``
        (compilation included when compiled), ``peak_memory_gib`` and
        ``activation_memory_gib`` (peak minus what was allocated before the step) on CUDA, and
        the last loss (a sanity check that training ran).
    """
    config = replace(
        setup.config,
        activation_checkpointing=run.checkpointing,
        chunked_loss=run.chunked_loss,
        fp32_residual=run.fp32_residual,
    )
    torch.manual_seed(0)
    model = GPT(config).to(device)
    optimizer = model.configure_optimizer(
        weight_decay=0.1, lr=6e-4, betas=(0.9, 0.95), device_type=device.type
    )
    runner: torch.nn.Module = model
    if run.compiled:
        compiled_fn = torch.compile(model, backend=setup.compile_backend, mode=setup.compile_mode)
        assert isinstance(compiled_fn, torch.nn.Module)
        runner = compiled_fn
    tokens = setup.batch_size * config.block_size
    data = torch.randint(0, config.vocab_size, (setup.batch_size, config.block_size + 1))
    x, y = data[:, :-1].to(device), data[:, 1:].to(device)
    losses: list[Tensor] = []
    step = _make_step(runner, optimizer, x, y, losses)

    with _tf32_matmuls():
        synchronize(device)
        t0 = time.perf_counter()
        step()  # first step: allocations, autotuning, compilation
        synchronize(device)
        first_step_s = time.perf_counter() - t0
        if device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(device)
            before_step = torch.cuda.memory_allocated(device)
        times = time_ms(step, device, warmup=max(setup.warmup - 1, 0), iters=setup.iters)

    stats: dict[str, Any] = {
        "compiled": run.compiled,
        "compile_mode": setup.compile_mode if run.compiled else None,
        "activation_checkpointing": run.checkpointing,
        "chunked_loss": run.chunked_loss,
        "fp32_residual": run.fp32_residual,
        "first_step_s": first_step_s,
        **summarize(times),
    }
    stats["tokens_per_s"] = tokens / (stats["median_ms"] * 1e-3)
    stats["flops_per_token"] = model.flops_per_token()
    achieved = stats["flops_per_token"] * stats["tokens_per_s"]
    stats["achieved_tflops"] = achieved / 1e12
    for name, peak in peaks_tflops.items():
        if peak:
            stats[f"mfu_{name}"] = achieved / (peak * 1e12)
    if device.type == "cuda":
        peak_bytes = torch.cuda.max_memory_allocated(device)
        stats["peak_memory_gib"] = peak_bytes / 2**30
        stats["activation_memory_gib"] = (peak_bytes - before_step) / 2**30
    stats["last_loss"] = losses[0].item()
    del runner, model, optimizer, losses, step
    free_memory(device)
    return stats


def run_training(
    setup: TrainingSetup,
    device: torch.device,
    results: Results,
    budget: Budget,
    peaks_tflops: dict[str, float | None],
    reserve_s: float,
    only: Sequence[str] | None = None,
) -> None:
    """Measure the runs of ``TRAINING_RUNS`` (or those named in ``only``), one after another.

    Each measurement is saved as soon as it is taken.

    Args:
        setup: Model, batch and timing parameters.
        device: Where to train.
        results: The results document; fills ``training``.
        budget: The run's time budget.
        peaks_tflops: Peaks to compute MFU against.
        reserve_s: Seconds to keep for the sections that follow.
        only: The names of the runs to measure (default: all of ``TRAINING_RUNS``).
    """
    section: dict[str, Any] = {"setup": setup.to_dict(), "peaks_tflops": peaks_tflops}
    results.data["training"] = section
    results.save()
    for name, variant in TRAINING_RUNS.items():
        if only is not None and name not in only:
            continue
        needed_s = setup.compile_reserve_s if variant.compiled else 20.0
        if not budget.allows(needed_s + reserve_s):
            results.skip(f"training {name}", f"time budget: needs ~{needed_s:.0f} s more")
            continue
        try:
            section[name] = measure_training(setup, device, variant, peaks_tflops=peaks_tflops)
        except RuntimeError as error:
            free_memory(device)
            section[name] = {"status": "error", "reason": short_error(error)}
        results.save()
        run = section[name]
        if "median_ms" in run:
            mfu = ", ".join(f"{k} {v:.1%}" for k, v in run.items() if k.startswith("mfu_"))
            memory = f", peak {run['peak_memory_gib']:.2f} GiB" if "peak_memory_gib" in run else ""
            log(
                budget,
                f"training {name}: {run['median_ms']:.1f} ms/step, "
                f"{run['tokens_per_s']:,.0f} tok/s, {mfu or 'no MFU peak'}{memory}, "
                f"first step {run['first_step_s']:.1f} s",
            )
        else:
            log(budget, f"training {name}: {run.get('reason')}")


def mfu_verdict(training: dict[str, Any], peak_name: str, minimum: float = 0.45) -> dict[str, Any]:
    """Judge the target "MFU at least ``minimum`` with torch.compile", by the best compiled run.

    Args:
        training: The ``training`` section.
        peak_name: Which peak the target is defined against (``nominal``).
        minimum: The required MFU (0.45 = 45%).

    Returns:
        ``verdict`` (pass / fail / not measured), the value and the run that gave it.
    """
    target = f"compiled MFU >= {minimum:.0%} of the {peak_name} bf16 peak"
    measured = {
        name: run[f"mfu_{peak_name}"]
        for name, run in training.items()
        if isinstance(run, dict) and run.get("compiled") and f"mfu_{peak_name}" in run
    }
    if not measured:
        return {"target": target, "verdict": "not measured"}
    best = max(measured, key=measured.__getitem__)
    value = measured[best]
    verdict = "pass" if value >= minimum else "fail"
    return {"target": target, "verdict": verdict, "value": value, "run": best}


def checkpointing_verdict(training: dict[str, Any], minimum: float = 0.40) -> dict[str, Any]:
    """Judge the target "activation checkpointing cuts peak memory by at least ``minimum``".

    Args:
        training: The ``training`` section.
        minimum: The required relative reduction of peak memory (0.40 = 40%).

    Returns:
        ``verdict`` (pass / fail / not measured), the reduction of total peak memory (the
        target) and, for information, of the activation memory alone and the step-time cost.
    """
    target = f"checkpointing cuts peak memory by >= {minimum:.0%} (eager, same batch)"
    plain = training.get("eager", {})
    ckpt = training.get("eager_checkpointing", {})
    if "peak_memory_gib" not in plain or "peak_memory_gib" not in ckpt:
        return {"target": target, "verdict": "not measured"}
    reduction = 1 - ckpt["peak_memory_gib"] / plain["peak_memory_gib"]
    return {
        "target": target,
        "verdict": "pass" if reduction >= minimum else "fail",
        "value": reduction,
        "activation_memory_reduction": 1
        - ckpt["activation_memory_gib"] / plain["activation_memory_gib"],
        "step_time_increase": ckpt["median_ms"] / plain["median_ms"] - 1,
    }
