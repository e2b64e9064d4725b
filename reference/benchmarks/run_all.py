"""Run every reference benchmark: matmul peak, GPT training, attention; JSON and PNG plots.

Usage (from the repository root, no install needed)::

    PYTHONPATH=reference python reference/benchmarks/run_all.py --out DIR [--budget-s 330]
    PYTHONPATH=reference python reference/benchmarks/run_all.py --out DIR --tiny   # CPU, seconds

Without CUDA the tiny shapes are used automatically, so CI keeps the script working.

The sections run in this order: environment, bf16 matmul peak, training (eager, compiled,
eager with activation checkpointing), attention sweep. ``DIR/results.json`` is rewritten after
every measurement, so a run cut short still leaves valid partial results; a measurement that
no longer fits in ``--budget-s`` is skipped with the reason recorded instead of being killed.
Compilation, the largest and least predictable cost, runs before the attention sweep, whose
many short measurements are the ones to drop when time runs out. The targets' verdicts
(``targets`` in the JSON) and ``attention.png`` / ``training.png`` are written at the end.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attention_bench
import torch
import training_bench
from bench_harness import (
    Budget,
    Results,
    environment,
    log,
    matmul_peak,
    nominal_peak_tflops,
    short_error,
)
from bench_plots import plot_attention, plot_training

SECTIONS = ("matmul", "training", "attention")
# Seconds kept back at every step for the sections' verdicts, the plots and the final write.
FINAL_RESERVE_S = 10.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--tiny", action="store_true", help="tiny shapes (automatic on CPU)")
    parser.add_argument("--budget-s", type=float, default=330.0, help="wall-clock budget (s)")
    parser.add_argument("--device", default=None, help="torch device (default: cuda if present)")
    parser.add_argument(
        "--train-batch", type=int, default=16, help="GPU training micro-batch (x 1024 tokens)"
    )
    parser.add_argument(
        "--train-runs",
        default=",".join(training_bench.TRAINING_RUNS),
        help=f"comma-separated subset of {','.join(training_bench.TRAINING_RUNS)}",
    )
    parser.add_argument(
        "--compile-mode",
        default="default",
        choices=("default", "max-autotune-no-cudagraphs", "reduce-overhead"),
        help="inductor mode of the compiled GPU training runs",
    )
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"comma-separated subset of {','.join(SECTIONS)}",
    )
    return parser.parse_args(argv)


def _guarded(results: Results, name: str, fn: Callable[[], None]) -> None:
    """Run one section; an unexpected failure is recorded and the next section still runs."""
    try:
        fn()
    except Exception as error:  # a benchmark run reports every section it can
        results.data.setdefault("errors", []).append({"section": name, "error": short_error(error)})
        results.save()
        print(f"section {name} failed: {short_error(error)}", file=sys.stderr, flush=True)


def targets(data: dict[str, Any], tiny: bool) -> dict[str, Any]:
    """The targets and their verdicts, from the measurements in ``data``.

    The issue's three targets (fast path vs the best SDPA backend, compiled MFU, checkpointing
    memory) plus the correctness check of every attention variant.

    Args:
        data: The results document.
        tiny: Whether the run used tiny shapes (the verdicts are then only informational).

    Returns:
        One entry per target with ``target``, ``verdict`` and the measured value.
    """
    out: dict[str, Any] = {
        "attention_outputs_correct": attention_bench.correctness_verdict(
            data.get("attention", {}).get("correctness", [])
        ),
        "fast_path_within_5pct_of_best_sdpa": attention_bench.fast_path_verdict(
            data.get("attention", {}).get("timings", [])
        ),
        "mfu_compiled_at_least_45pct": training_bench.mfu_verdict(
            data.get("training", {}), "nominal"
        ),
        "checkpointing_cuts_peak_memory_40pct": training_bench.checkpointing_verdict(
            data.get("training", {})
        ),
    }
    if tiny:
        out["note"] = "tiny shapes: verdicts are informational; the targets are for the H100 run"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected sections within the budget and write results and plots.

    Args:
        argv: Command-line arguments (default ``sys.argv[1:]``).

    Returns:
        The exit status: 0, also when sections were skipped or failed (see the JSON).
    """
    args = parse_args(argv)
    budget = Budget(args.budget_s)
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    tiny = args.tiny or device.type != "cuda"
    sections = [s for s in args.sections.split(",") if s]
    train_runs = [r for r in args.train_runs.split(",") if r]
    for kind, chosen, known in (
        ("sections", sections, SECTIONS),
        ("training runs", train_runs, tuple(training_bench.TRAINING_RUNS)),
    ):
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            print(f"unknown {kind}: {', '.join(unknown)}", file=sys.stderr)
            return 2
    if device.type == "cuda":
        if device.index is None:  # "cuda" means the current device; name it for the events
            device = torch.device("cuda", torch.cuda.current_device())
        torch.cuda.set_device(device)
    elif tiny:
        # Tiny CPU kernels are too small to split across threads; one thread avoids the
        # scheduler noise of idle workers and keeps the run steady next to other jobs.
        torch.set_num_threads(1)
    torch.manual_seed(0)

    results = Results(
        args.out / "results.json",
        {
            "environment": environment(device),
            "run": {
                "argv": list(sys.argv[1:] if argv is None else argv),
                "tiny": tiny,
                "budget_s": args.budget_s,
                "sections": sections,
                "cpu_threads": torch.get_num_threads(),
                "complete": False,
            },
        },
    )
    results.save()
    log(budget, f"{results.data['environment']['device_name']}, torch {torch.__version__}")

    peaks: dict[str, float | None] = {"nominal": nominal_peak_tflops(device), "measured": None}

    def matmul() -> None:
        size = 256 if tiny else 8192
        results.data["matmul_peak"] = matmul_peak(device, size=size, dtype=torch.bfloat16)
        peaks["measured"] = results.data["matmul_peak"]["tflops"]
        results.save()
        log(budget, f"bf16 matmul {size}^3: {peaks['measured']:.1f} TFLOP/s")

    def training() -> None:
        if tiny:
            setup = training_bench.tiny_setup()
        else:
            setup = training_bench.gpu_setup(args.train_batch, args.compile_mode)
        training_bench.run_training(
            setup, device, results, budget, peaks, FINAL_RESERVE_S, only=train_runs
        )

    def attention() -> None:
        setup = attention_bench.tiny_setup() if tiny else attention_bench.gpu_setup()
        attention_bench.run_attention(setup, device, results, budget, FINAL_RESERVE_S)

    runners = {"matmul": matmul, "training": training, "attention": attention}
    for name in SECTIONS:
        if name in sections:
            _guarded(results, name, runners[name])

    results.data["targets"] = targets(results.data, tiny)
    results.save()
    plots = [
        plot_attention(results.data, args.out / "attention.png"),
        plot_training(results.data, args.out / "training.png"),
    ]
    results.data["run"]["plots"] = [p.name for p in plots if p is not None]
    results.data["run"]["elapsed_s"] = budget.elapsed()
    results.data["run"]["complete"] = True
    results.save()
    for name, verdict in results.data["targets"].items():
        if isinstance(verdict, dict):
            log(budget, f"target {name}: {verdict['verdict']} ({verdict.get('value', '')})")
    log(budget, f"done: {results.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
