"""PNG plots of a results document (matplotlib, Agg backend, imported only here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The attention variants in legend order (as in attention_bench.VARIANTS, which this module does
# not import so that plotting needs neither torch nor the package).
VARIANT_ORDER = ("fast", "math", "sdpa_flash", "sdpa_efficient", "sdpa_cudnn", "sdpa_math")


def plot_attention(data: dict[str, Any], out_png: Path) -> Path | None:
    """TFLOP/s against sequence length, one panel per (mode, head dim), one line per variant.

    Args:
        data: The results document.
        out_png: Where to write the figure.

    Returns:
        The path written, or None when there is no attention timing to plot.
    """
    timings = [r for r in data.get("attention", {}).get("timings", []) if r["status"] == "ok"]
    if not timings:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = ["fwd", "fwd_bwd"]
    head_dims = sorted({r["head_dim"] for r in timings})
    fig, axes = plt.subplots(
        len(modes), len(head_dims), figsize=(6 * len(head_dims), 8), squeeze=False
    )
    device = data.get("environment", {}).get("device_name", "?")
    dtype = data["attention"]["setup"]["dtype"].removeprefix("torch.")
    matmul_tflops = data.get("matmul_peak", {}).get("tflops")
    for row, mode in enumerate(modes):
        for col, head_dim in enumerate(head_dims):
            ax = axes[row][col]
            subset = [r for r in timings if r["mode"] == mode and r["head_dim"] == head_dim]
            for variant in VARIANT_ORDER:
                if not any(r["variant"] == variant for r in subset):
                    continue
                points = sorted(
                    (r["seq_len"], r["tflops"]) for r in subset if r["variant"] == variant
                )
                color = f"C{VARIANT_ORDER.index(variant)}"  # same colour in every panel and run
                ax.plot(*zip(*points, strict=True), marker="o", label=variant, color=color)
            if matmul_tflops:
                ax.axhline(matmul_tflops, color="gray", linestyle="--", label="bf16 matmul peak")
            heads = subset[0]["n_heads"] if subset else "?"
            ax.set_title(f"{mode}, head dim {head_dim} ({heads} heads), causal {dtype}")
            ax.set_xscale("log", base=2)
            ax.set_xlabel("sequence length T (batch = tokens // T)")
            ax.set_ylabel("TFLOP/s")
            ax.grid(True, alpha=0.3)
            ax.legend(fontsize=8)
    fig.suptitle(f"Attention throughput on {device}")
    fig.tight_layout()
    out_png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_png, dpi=100)
    plt.close(fig)
    return out_png


def plot_training(data: dict[str, Any], out_png: Path) -> Path | None:
    """Bars: tokens/s and MFU for eager vs compiled; peak memory and step time with checkpointing.

    Args:
        data: The results document.
        out_png: Where to write the figure.

    Returns:
        The path written, or None when there is no training measurement to plot.
    """
    training = data.get("training", {})
    runs = {
        name: training[name]
        for name in (
            "eager",
            "compiled",
            "compiled_full_logits",
            "compiled_bf16_residual",
            "eager_checkpointing",
        )
        if "median_ms" in training.get(name, {})
    }
    if not runs:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_tok, ax_mfu, ax_mem) = plt.subplots(1, 3, figsize=(16, 4.5))
    names = list(runs)
    # One word per line: the run names are wider than their bars.
    tick_labels = [name.replace("_", "\n") for name in names]
    ax_tok.bar(range(len(names)), [runs[n]["tokens_per_s"] / 1e3 for n in names], color="tab:blue")
    ax_tok.set_xticks(range(len(names)), tick_labels)
    ax_tok.set_ylabel("thousand tokens / s")
    ax_tok.set_title("Training throughput")

    peaks = [key for key in ("mfu_nominal", "mfu_measured") if any(key in r for r in runs.values())]
    width = 0.8 / max(len(peaks), 1)
    for i, key in enumerate(peaks):
        positions = [j + (i - (len(peaks) - 1) / 2) * width for j in range(len(names))]
        ax_mfu.bar(positions, [100 * runs[n].get(key, 0.0) for n in names], width, label=key)
    ax_mfu.set_xticks(range(len(names)), tick_labels)
    ax_mfu.axhline(45, color="red", linestyle="--", linewidth=1, label="target 45%")
    ax_mfu.set_ylabel("MFU (%)")
    ax_mfu.set_title("Model FLOPs utilisation")
    ax_mfu.legend(fontsize=8, loc="upper left")

    memory = [n for n in ("eager", "eager_checkpointing") if "peak_memory_gib" in runs.get(n, {})]
    if memory:
        bars = ax_mem.bar(
            [n.replace("_", "\n") for n in memory],
            [runs[n]["peak_memory_gib"] for n in memory],
            color="tab:green",
        )
        labels = [f"{runs[n]['median_ms']:.0f} ms/step" for n in memory]
        ax_mem.bar_label(bars, labels=labels)
        ax_mem.set_ylabel("peak memory (GiB)")
    else:
        ax_mem.text(0.5, 0.5, "no device memory statistics\non this device", ha="center")
        ax_mem.set_axis_off()
    ax_mem.set_title("Activation checkpointing")

    setup = training.get("setup", {})
    device = data.get("environment", {}).get("device_name", "?")
    fig.suptitle(
        f"GPT {setup.get('config', {}).get('n_layer', '?')} layers, micro-batch "
        f"{setup.get('batch_size', '?')} x {setup.get('config', {}).get('block_size', '?')} "
        f"tokens, bf16, on {device}"
    )
    fig.tight_layout()
    out_png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_png, dpi=100)
    plt.close(fig)
    return out_png
