"""What every benchmark section shares: timing, the time budget, the results file, the device.

Timing follows the usual GPU rules: warm-up first (kernel selection, caches, lazy
initialisation, compilation), then each iteration between two CUDA events on the current stream,
one synchronisation at the end, and the median of the iterations (robust to the odd slow one).
On the CPU the same loop uses ``time.perf_counter``.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

# H100 SXM dense bf16 tensor-core peak (no sparsity), from NVIDIA's datasheet; the H200 has the
# same compute. Used as the MFU denominator next to a measured matmul peak.
H100_BF16_DENSE_TFLOPS = 989.4


@dataclass
class Budget:
    """A wall-clock budget for the whole run, so late sections are skipped rather than killed.

    Attributes:
        total_s: Seconds the run may take.
        start: ``time.perf_counter()`` when the run started.
    """

    total_s: float
    start: float = field(default_factory=time.perf_counter)

    def elapsed(self) -> float:
        """Seconds since the start.

        Returns:
            The elapsed time.
        """
        return time.perf_counter() - self.start

    def remaining(self) -> float:
        """Seconds left.

        Returns:
            The remaining time, negative once overspent.
        """
        return self.total_s - self.elapsed()

    def allows(self, needed_s: float) -> bool:
        """Whether ``needed_s`` more seconds fit in the budget.

        Args:
            needed_s: The expected duration of the next step.

        Returns:
            True when the step fits.
        """
        return self.remaining() >= needed_s


def _json_safe(value: Any) -> Any:
    """Replace NaN and infinities (not valid JSON) by ``None``, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


class Results:
    """The results document, rewritten atomically after every measurement.

    A run cut short (time limit, crash, lost machine) still leaves every measurement made so far
    in a valid JSON file: each save writes a temporary file and renames it over the old one.

    Args:
        path: The JSON file to write.
        data: The initial document.
    """

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def save(self) -> None:
        """Write the document to ``path`` (temporary file + ``os.replace``)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(_json_safe(self.data), indent=2, allow_nan=False) + "\n")
        os.replace(tmp, self.path)

    def skip(self, what: str, reason: str) -> None:
        """Record that a measurement was skipped, and why, then save.

        Args:
            what: The measurement.
            reason: Why it did not run.
        """
        self.data.setdefault("skipped", []).append({"what": what, "reason": reason})
        self.save()


def synchronize(device: torch.device) -> None:
    """Wait for the device's queued work (a no-op on the CPU).

    Args:
        device: The device.
    """
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_ms(
    fn: Callable[[], object],
    device: torch.device,
    *,
    warmup: int,
    iters: int,
    target_s: float | None = None,
    max_iters: int = 50,
) -> list[float]:
    """Time ``fn`` after warm-up; one duration per iteration, in milliseconds.

    Args:
        fn: The work to time; it must queue all its work on the current stream.
        device: Where it runs (CUDA events there, ``perf_counter`` on the CPU).
        warmup: Untimed calls first.
        iters: Timed calls (the minimum when ``target_s`` is given).
        target_s: When given, run as many iterations as fit in about this many seconds,
            estimated from the last warm-up call, between ``iters`` and ``max_iters``.
        max_iters: Upper bound on the iterations chosen for ``target_s``.

    Returns:
        The per-iteration times in milliseconds.
    """
    estimate_s = 0.0
    for _ in range(warmup):
        synchronize(device)
        t0 = time.perf_counter()
        fn()
        synchronize(device)
        estimate_s = time.perf_counter() - t0
    if target_s is not None and estimate_s > 0:
        iters = max(iters, min(max_iters, int(target_s / estimate_s)))
    if device.type == "cuda":
        # torch.Event is the device-generic (and typed) form of torch.cuda.Event; record()
        # without a stream records on the device's current stream, where fn queued its work.
        starts = [torch.Event(device=device, enable_timing=True) for _ in range(iters)]
        ends = [torch.Event(device=device, enable_timing=True) for _ in range(iters)]
        for start, end in zip(starts, ends, strict=True):
            start.record()
            fn()
            end.record()
        torch.cuda.synchronize(device)
        return [start.elapsed_time(end) for start, end in zip(starts, ends, strict=True)]
    times = []
    for _ in range(iters):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return times


def summarize(times_ms: list[float]) -> dict[str, float]:
    """Median, min, max and count of a list of timings.

    Args:
        times_ms: Per-iteration times in milliseconds.

    Returns:
        ``median_ms``, ``min_ms``, ``max_ms`` and ``iters``.
    """
    return {
        "median_ms": statistics.median(times_ms),
        "min_ms": min(times_ms),
        "max_ms": max(times_ms),
        "iters": float(len(times_ms)),
    }


def is_out_of_memory(error: BaseException) -> bool:
    """Whether ``error`` is an out-of-memory failure of the device.

    Args:
        error: The exception caught.

    Returns:
        True for CUDA's out-of-memory errors.
    """
    return isinstance(error, torch.cuda.OutOfMemoryError) or "out of memory" in str(error)


def free_memory(device: torch.device) -> None:
    """Release cached blocks after a section or an out-of-memory failure.

    Args:
        device: The device.
    """
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


def short_error(error: BaseException, limit: int = 300) -> str:
    """A one-line description of an exception for the results file.

    Args:
        error: The exception.
        limit: Maximum length.

    Returns:
        ``Type: first line of the message``, truncated.
    """
    message = str(error).strip().splitlines()
    first = message[0] if message else ""
    return f"{type(error).__name__}: {first}"[:limit]


def _git(*args: str) -> str | None:
    """Output of a git command in the repository holding this file, or None outside git."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def environment(device: torch.device) -> dict[str, Any]:
    """Describe the machine and software the numbers come from.

    Args:
        device: The device benchmarked.

    Returns:
        Device name, torch/CUDA/cuDNN/Python versions, date (UTC), platform, git commit and
        whether the working tree had uncommitted changes.
    """
    cudnn: Any = torch.backends.cudnn  # its functions carry no annotations
    info: dict[str, Any] = {
        "date_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "device_type": device.type,
        "device_name": platform.processor() or platform.machine(),
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": cudnn.version() if cudnn.is_available() else None,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "git_commit": _git("rev-parse", "HEAD") or None,
        # Uncommitted changes mean the commit alone does not identify the code that ran.
        "git_dirty": None if (status := _git("status", "--porcelain")) is None else bool(status),
    }
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        info["device_name"] = props.name
        info["capability"] = f"{props.major}.{props.minor}"
        info["memory_gib"] = props.total_memory / 2**30
        info["sm_count"] = props.multi_processor_count
    return info


def nominal_peak_tflops(device: torch.device) -> float | None:
    """The datasheet dense bf16 peak of the device, when known.

    Args:
        device: The device.

    Returns:
        989.4 for an H100 or H200 SXM; None elsewhere (the PCIe and NVL cards are slower,
        CPUs vary).
    """
    if device.type != "cuda":
        return None
    name = torch.cuda.get_device_name(device)
    if ("H200" in name or "H100" in name) and "PCIe" not in name and "NVL" not in name:
        return H100_BF16_DENSE_TFLOPS
    return None


def matmul_peak(device: torch.device, *, size: int, dtype: torch.dtype) -> dict[str, Any]:
    """Measure the achievable matmul throughput: ``size`` x ``size`` x ``size`` in ``dtype``.

    Args:
        device: Where to run.
        size: The square matrix side (8192 on a GPU).
        dtype: The operand dtype (bf16).

    Returns:
        The timing summary plus ``tflops`` (2 * size**3 FLOPs per product).
    """
    a = torch.randn(size, size, device=device, dtype=dtype)
    b = torch.randn(size, size, device=device, dtype=dtype)
    out = torch.empty(size, size, device=device, dtype=dtype)
    times = time_ms(lambda: torch.matmul(a, b, out=out), device, warmup=5, iters=20)
    summary: dict[str, Any] = {"size": size, "dtype": str(dtype), **summarize(times)}
    summary["tflops"] = 2 * size**3 / (summary["median_ms"] * 1e-3) / 1e12
    return summary


def log(budget: Budget, message: str) -> None:
    """Print a progress line with the elapsed time, flushed at once (the run may be cut short).

    Args:
        budget: The run's budget (for the elapsed time).
        message: What happened.
    """
    print(f"[{budget.elapsed():6.1f}s] {message}", flush=True)
