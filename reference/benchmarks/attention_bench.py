"""Attention throughput: the fast path, the math path and SDPA with each backend forced.

Every configuration is causal self-attention with a fixed number of tokens per batch
(``batch = tokens_per_batch // seq_len``) and a fixed model width (``n_heads = d_model //
head_dim``), so each row of the sweep does the same useful work per token as the sequence grows.

FLOPs are the usual convention of attention benchmarks (FlashAttention's): the two matmuls of
the forward pass cost ``4 * B * H * T**2 * D``, halved for causal attention (only the lower
triangle is useful work), and the backward pass costs 2.5 times the forward (five matmuls
instead of two), so forward + backward is 3.5 times the forward. Every variant is credited with
the same useful FLOPs, whether or not it wastes work on the masked upper triangle (the math
paths compute all of it), so TFLOP/s compare directly.

Variants:
    fast: ``ml_reference.attention.scaled_dot_product_attention`` (SDPA, PyTorch picks a kernel).
    math: ``ml_reference.attention.attention_math`` (written out; materialises the weights).
    sdpa_flash, sdpa_efficient, sdpa_cudnn, sdpa_math: ``F.scaled_dot_product_attention``
        inside ``torch.nn.attention.sdpa_kernel(SDPBackend.X)``. A backend that cannot run a
        configuration (not built, not supported on this device, dtype or head size) is recorded
        as ``unavailable`` with PyTorch's reason, not a crash.

Correctness is checked in the same run: each variant's bf16 output on the full-size inputs is
compared, on a small slice (the first sequence, first two heads), with ``attention_math`` in
float32 on the same inputs; the max absolute error is recorded next to the timings.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.nn.functional as F
from bench_harness import (
    Budget,
    Results,
    free_memory,
    is_out_of_memory,
    log,
    short_error,
    summarize,
    time_ms,
)
from torch import Tensor
from torch.nn.attention import SDPBackend, sdpa_kernel

from ml_reference.attention import attention_math, scaled_dot_product_attention

VARIANTS = ("fast", "math", "sdpa_flash", "sdpa_efficient", "sdpa_cudnn", "sdpa_math")
SDPA_BACKENDS = {
    "sdpa_flash": SDPBackend.FLASH_ATTENTION,
    "sdpa_efficient": SDPBackend.EFFICIENT_ATTENTION,
    "sdpa_cudnn": SDPBackend.CUDNN_ATTENTION,
    "sdpa_math": SDPBackend.MATH,
}
MODES = ("fwd", "fwd_bwd")


@dataclass(frozen=True)
class AttentionSetup:
    """The sweep: shapes, dtype and timing parameters.

    Attributes:
        seq_lens: Sequence lengths T.
        head_dims: Head sizes D; ``n_heads = d_model // D``.
        d_model: Model width (n_heads * head_dim), fixed across the sweep.
        tokens_per_batch: B * T, fixed across the sweep.
        dtype: Inputs' dtype.
        warmup: Untimed calls before timing.
        iters: Minimum timed calls.
        target_s: Roughly how long each measurement's timed loop runs (more iterations for
            fast kernels), or None for exactly ``iters``.
        check_heads: Heads of the first sequence compared with the float32 reference.
        tolerance: Largest max-abs error accepted against the float32 reference.
    """

    seq_lens: tuple[int, ...]
    head_dims: tuple[int, ...]
    d_model: int
    tokens_per_batch: int
    dtype: torch.dtype
    warmup: int
    iters: int
    target_s: float | None
    check_heads: int = 2
    tolerance: float = 3e-2

    def to_dict(self) -> dict[str, Any]:
        """The setup as JSON-friendly values.

        Returns:
            Every field, the dtype as a string.
        """
        return {**asdict(self), "dtype": str(self.dtype), "causal": True}


def gpu_setup() -> AttentionSetup:
    """The H100 sweep: bf16, 16k tokens per batch, T from 512 to 8192, d_model 2048.

    Returns:
        The setup (head dim 64 -> 32 heads, head dim 128 -> 16 heads).
    """
    return AttentionSetup(
        seq_lens=(512, 1024, 2048, 4096, 8192),
        head_dims=(64, 128),
        d_model=2048,
        tokens_per_batch=16384,
        dtype=torch.bfloat16,
        warmup=3,
        iters=5,
        target_s=0.2,
    )


def tiny_setup() -> AttentionSetup:
    """Tiny CPU shapes that exercise every code path in a second or two.

    Returns:
        The setup.
    """
    return AttentionSetup(
        seq_lens=(32, 64),
        head_dims=(8, 16),
        d_model=32,
        tokens_per_batch=128,
        dtype=torch.bfloat16,
        warmup=1,
        iters=3,
        target_s=None,
    )


def attention_flops(batch: int, heads: int, seq_len: int, head_dim: int, mode: str) -> float:
    """Useful FLOPs of causal attention: ``2*B*H*T**2*D`` forward, 3.5x that forward + backward.

    Args:
        batch: B.
        heads: H.
        seq_len: T.
        head_dim: D.
        mode: ``"fwd"`` or ``"fwd_bwd"``.

    Returns:
        The FLOPs of one call.
    """
    forward = 4 * batch * heads * seq_len**2 * head_dim / 2  # causal: half the full product
    return forward * (3.5 if mode == "fwd_bwd" else 1.0)


def attention_fn(variant: str) -> Callable[[Tensor, Tensor, Tensor], Tensor]:
    """The causal attention call of a variant.

    Args:
        variant: One of :data:`VARIANTS`.

    Returns:
        ``fn(q, k, v) -> output``; SDPA variants run inside ``sdpa_kernel`` with their backend.
    """
    if variant == "fast":
        return lambda q, k, v: scaled_dot_product_attention(q, k, v, is_causal=True)
    if variant == "math":
        return lambda q, k, v: attention_math(q, k, v, is_causal=True)[0]
    backend = SDPA_BACKENDS[variant]

    def forced(q: Tensor, k: Tensor, v: Tensor) -> Tensor:
        with sdpa_kernel(backend):
            return F.scaled_dot_product_attention(q, k, v, is_causal=True)

    return forced


def _probe(
    fn: Callable[[Tensor, Tensor, Tensor], Tensor], q: Tensor, k: Tensor, v: Tensor
) -> tuple[Tensor | None, str]:
    """Run one forward; return its output, or None and why the kernel could not run.

    SDPA raises ``RuntimeError: No available kernel`` after warning why each backend was
    rejected; the warnings are the useful part of the reason.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with torch.no_grad():
                return fn(q, k, v), ""
        except RuntimeError as error:
            if is_out_of_memory(error):
                raise
            why = [str(w.message).strip().splitlines()[0] for w in caught]
            return None, "; ".join([short_error(error), *why])[:600]


def run_attention(
    setup: AttentionSetup, device: torch.device, results: Results, budget: Budget, reserve_s: float
) -> None:
    """Run the sweep, appending each measurement to ``results`` and saving after each.

    Args:
        setup: The shapes and timing parameters.
        device: Where to run.
        results: The results document; fills ``attention``.
        budget: The run's time budget; configurations that no longer fit are skipped.
        reserve_s: Seconds to keep for what follows (plots, the final write).
    """
    section: dict[str, Any] = {"setup": setup.to_dict(), "timings": [], "correctness": []}
    results.data["attention"] = section
    results.save()
    for seq_len in setup.seq_lens:
        for head_dim in setup.head_dims:
            if not budget.allows(reserve_s):
                results.skip(f"attention T={seq_len} D={head_dim}", "time budget spent")
                continue
            try:
                _run_shape(setup, device, results, section, seq_len, head_dim, budget, reserve_s)
            finally:
                free_memory(device)


def _run_shape(
    setup: AttentionSetup,
    device: torch.device,
    results: Results,
    section: dict[str, Any],
    seq_len: int,
    head_dim: int,
    budget: Budget,
    reserve_s: float,
) -> None:
    """Time and check every variant at one (T, D)."""
    batch = setup.tokens_per_batch // seq_len
    heads = setup.d_model // head_dim
    shape = (batch, heads, seq_len, head_dim)
    q, k, v = (
        torch.randn(shape, device=device, dtype=setup.dtype, requires_grad=True) for _ in range(3)
    )
    grad_out = torch.randn(shape, device=device, dtype=setup.dtype)
    n = setup.check_heads
    with torch.no_grad():
        reference, _ = attention_math(
            q[:1, :n].float(), k[:1, :n].float(), v[:1, :n].float(), is_causal=True
        )
    base = {"seq_len": seq_len, "head_dim": head_dim, "n_heads": heads, "batch": batch}

    for variant in VARIANTS:
        if not budget.allows(reserve_s):
            results.skip(f"attention T={seq_len} D={head_dim} {variant}", "time budget spent")
            continue
        fn = attention_fn(variant)
        status = "ok"
        try:
            out, reason = _probe(fn, q, k, v)
        except RuntimeError as error:  # out of memory: skip this variant at this size
            out, reason, status = None, short_error(error), "oom"
        if out is None:
            free_memory(device)  # after the except block, see _measure
            status = "oom" if status == "oom" else "unavailable"
        if out is not None:
            error_max = (out[:1, :n].float() - reference).abs().max().item()
            section["correctness"].append(
                {
                    **base,
                    "variant": variant,
                    "max_abs_err": error_max,
                    "tolerance": setup.tolerance,
                    "ok": error_max <= setup.tolerance,
                }
            )
            del out
        for mode in MODES:
            record: dict[str, Any] = {**base, "variant": variant, "mode": mode, "status": status}
            if status != "ok":
                record["reason"] = reason
            else:
                record.update(_measure(setup, device, fn, mode, q, k, v, grad_out))
                if record["status"] == "ok":
                    flops = attention_flops(batch, heads, seq_len, head_dim, mode)
                    record["flops"] = flops
                    record["tflops"] = flops / (record["median_ms"] * 1e-3) / 1e12
            section["timings"].append(record)
            results.save()
            if status != "ok" or record["status"] != "ok":
                log(
                    budget, f"attention {seq_len=} {head_dim=} {variant} {mode}: {record['status']}"
                )
            else:
                log(
                    budget,
                    f"attention {seq_len=} {head_dim=} {variant} {mode}: "
                    f"{record['median_ms']:.3f} ms, {record['tflops']:.4g} TFLOP/s",
                )


def _measure(
    setup: AttentionSetup,
    device: torch.device,
    fn: Callable[[Tensor, Tensor, Tensor], Tensor],
    mode: str,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    grad_out: Tensor,
) -> dict[str, Any]:
    """Time one variant in one mode; out-of-memory and kernel errors become a status."""

    def forward() -> None:
        with torch.no_grad():
            fn(q, k, v)

    def forward_backward() -> None:
        out = fn(q, k, v)
        torch.autograd.grad(out, (q, k, v), grad_out)

    step = forward if mode == "fwd" else forward_backward
    failure: dict[str, Any] = {}
    try:
        times = time_ms(
            step, device, warmup=setup.warmup, iters=setup.iters, target_s=setup.target_s
        )
    except RuntimeError as error:
        status = "oom" if is_out_of_memory(error) else "error"
        failure = {"status": status, "reason": short_error(error)}
    if failure:
        # Outside the except block: the traceback, which holds the failed call's tensors, is
        # gone, so their memory can actually be released.
        free_memory(device)
        return failure
    return {"status": "ok", **summarize(times)}


def correctness_verdict(correctness: list[dict[str, Any]]) -> dict[str, Any]:
    """Judge "every variant's output matches the float32 math path within tolerance".

    Args:
        correctness: The ``attention.correctness`` records.

    Returns:
        ``verdict`` (pass / fail / not measured), ``value`` (the largest max-abs error) and the
        failing records.
    """
    target = "every variant's output within tolerance of attention_math in float32"
    if not correctness:
        return {"target": target, "verdict": "not measured"}
    failing = [record for record in correctness if not record["ok"]]
    return {
        "target": target,
        "verdict": "fail" if failing else "pass",
        "value": max(record["max_abs_err"] for record in correctness),
        "failing": failing,
    }


def fast_path_verdict(timings: list[dict[str, Any]], within: float = 0.05) -> dict[str, Any]:
    """Judge the target "the fast path is within ``within`` of the best SDPA backend".

    For every (T, D, mode) where the fast path and at least one forced SDPA backend ran, the
    ratio fast / best is computed; the target passes when the worst ratio is at least
    ``1 - within``.

    Args:
        timings: The ``attention.timings`` records.
        within: Allowed shortfall (0.05 = 5%).

    Returns:
        ``verdict`` (pass / fail / not measured), ``value`` (the worst ratio) and one entry per
        configuration with the best backend.
    """
    configs: dict[tuple[int, int, str], dict[str, float]] = {}
    for record in timings:
        if record.get("status") == "ok":
            key = (record["seq_len"], record["head_dim"], record["mode"])
            configs.setdefault(key, {})[record["variant"]] = record["tflops"]
    details: list[dict[str, Any]] = []
    for (seq_len, head_dim, mode), tflops in sorted(configs.items()):
        sdpa = {name: value for name, value in tflops.items() if name in SDPA_BACKENDS}
        if "fast" not in tflops or not sdpa:
            continue
        best = max(sdpa, key=lambda name: sdpa[name])
        details.append(
            {
                "seq_len": seq_len,
                "head_dim": head_dim,
                "mode": mode,
                "fast_tflops": tflops["fast"],
                "best_backend": best,
                "best_tflops": sdpa[best],
                "ratio": tflops["fast"] / sdpa[best],
            }
        )
    target = f"fast path >= {1 - within:.2f} x best forced SDPA backend, every configuration"
    if not details:
        return {"target": target, "verdict": "not measured", "details": []}
    worst = min(d["ratio"] for d in details)
    return {
        "target": target,
        "verdict": "pass" if worst >= 1 - within else "fail",
        "value": worst,
        "details": details,
    }
