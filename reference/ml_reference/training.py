"""The training loop: mixed precision, gradient accumulation, DDP, exact resume, MFU logging.

Read :meth:`Trainer.train_step` first: it is the whole recipe for one optimizer step.

* **Mixed precision.** ``precision="bf16"`` runs the forward pass under
  ``torch.autocast(device_type, dtype=torch.bfloat16)`` (on the CPU too); ``"fp16"`` adds a
  ``torch.amp.GradScaler`` so small gradients do not underflow; ``"fp32"`` runs plain float32.
  ``"auto"`` (the default) picks bf16 on GPUs that support it, fp16 on older GPUs and fp32 on the
  CPU, where bf16 autocast is usually slower than float32 and only worth it to mimic a GPU run.
* **Gradient accumulation.** ``grad_accum_steps`` micro-batches make one optimizer step; each
  micro-batch loss is divided by their number so the gradient is the mean over the whole batch.
  Under DDP all but the last micro-batch run inside ``model.no_sync()``, so gradients are
  all-reduced once per optimizer step instead of once per micro-batch.
* **Clipping.** Gradients are unscaled (fp16) *before* ``clip_grad_norm_``, so the threshold
  applies to the true gradient norm.
* **Schedule.** Linear warm-up, then cosine decay to ``min_lr`` (:func:`lr_at`), stepped once per
  optimizer step through a ``LambdaLR`` whose state is checkpointed.
* **No hidden synchronisation.** Losses are summed into a tensor on the device; ``.item()`` is
  called only at log steps, so a GPU never waits for the host in between.
* **Exact resume.** Checkpoints store model, optimizer, scheduler, scaler, step, the data position
  and every RNG; data-loader iterators are created without touching the global RNG, so a run
  stopped and resumed on the CPU reproduces the uninterrupted run bit for bit.
* **Throughput.** Tokens per second and model FLOPs utilisation (MFU) are logged; MFU needs the
  accelerator's peak FLOP/s from :data:`PEAK_FLOPS` (or ``TrainConfig.peak_flops``) and is left
  out on the CPU.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import math
import os
import random
import re
import time
from collections.abc import Iterator, Mapping, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, cast, runtime_checkable

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, Subset

from ml_reference.checkpoint import CheckpointState, load_checkpoint, save_checkpoint
from ml_reference.data import ResumableSampler, make_dataloader
from ml_reference.distributed import DistributedContext, all_reduce_mean, resolve_device

__all__ = [
    "PEAK_FLOPS",
    "MetricLogger",
    "Precision",
    "SupportsFlopsPerToken",
    "TrainConfig",
    "TrainResult",
    "Trainer",
    "autocast_context",
    "configure_optimizer",
    "evaluate",
    "lr_at",
    "peak_flops",
    "resolve_precision",
    "seed_everything",
    "train",
]

Precision = Literal["auto", "bf16", "fp16", "fp32"]
"""Numeric precision of a run; ``"auto"`` is resolved by :func:`resolve_precision`."""

Batch = tuple[torch.Tensor, torch.Tensor]
_IGNORE_INDEX = -100  # the target value cross-entropy leaves out of its mean

PEAK_FLOPS: dict[str, dict[str, float]] = {
    # Dense (no sparsity) tensor-core peak FLOP/s per GPU from NVIDIA's data sheets. "fp32" is the
    # TF32 rate, which float32 matmuls reach with torch.set_float32_matmul_precision("high").
    # Matched as a whole word of torch.cuda.get_device_name() ("L4" is not in "NVIDIA L40"), in
    # this order: specific names first.
    "H100 PCIe": {"bf16": 756e12, "fp16": 756e12, "fp32": 378e12},
    "H100 NVL": {"bf16": 835e12, "fp16": 835e12, "fp32": 418e12},
    "H100": {"bf16": 989e12, "fp16": 989e12, "fp32": 494e12},
    "H200 NVL": {"bf16": 835e12, "fp16": 835e12, "fp32": 418e12},
    "H200": {"bf16": 989e12, "fp16": 989e12, "fp32": 494e12},
    "GH200": {"bf16": 989e12, "fp16": 989e12, "fp32": 494e12},  # the Grace Hopper's H100-class GPU
    "A100": {"bf16": 312e12, "fp16": 312e12, "fp32": 156e12},
    "L40S": {"bf16": 362e12, "fp16": 362e12, "fp32": 183e12},
    "L40": {"bf16": 181.05e12, "fp16": 181.05e12, "fp32": 90.5e12},
    "L4": {"bf16": 121e12, "fp16": 121e12, "fp32": 60e12},
    "V100": {"fp16": 125e12},
}
"""Peak FLOP/s by GPU name and precision for MFU; extend it or set ``TrainConfig.peak_flops``."""


@dataclass
class TrainConfig:
    """Every hyperparameter of a training run; logged as-is with the run.

    Attributes:
        batch_size: Sequences per micro-batch *per process*.
        block_size: Tokens per sequence (the datasets are built with it; logged with the run).
        grad_accum_steps: Micro-batches per optimizer step. The global batch is
            ``batch_size * grad_accum_steps * world_size`` sequences.
        max_steps: Number of optimizer steps; also the end of the cosine decay.
        lr: Peak learning rate, reached at the end of warm-up.
        min_lr: Learning rate at the end of the cosine decay.
        warmup_steps: Optimizer steps of linear warm-up.
        weight_decay: AdamW weight decay, applied to matrices only (not biases or norms).
        betas: AdamW betas.
        grad_clip: Maximum global gradient norm; 0 disables clipping.
        precision: ``"bf16"``, ``"fp16"``, ``"fp32"`` or ``"auto"`` (see the module docstring).
        eval_interval: Evaluate every this many optimizer steps (and at the end); 0 disables.
        eval_batches: Validation batches per evaluation and process (under DDP each process
            evaluates its own strided share, so ``eval_batches * world_size`` batches in all).
        log_interval: Log the training loss, throughput and MFU every this many steps.
        checkpoint_interval: Save a checkpoint every this many steps (and at the end, whenever
            ``out_dir`` is set); 0 saves only at the end.
        seed: Base random seed; each process uses ``seed + rank``.
        compile: Compile the model with ``torch.compile``.
        num_workers: DataLoader worker processes.
        device: ``"auto"``, ``"cpu"``, ``"cuda"``...
        out_dir: Directory for checkpoints (``checkpoint.pt``), a string or a path; ``None``
            saves nothing.
        peak_flops: Peak FLOP/s per device for MFU, overriding :data:`PEAK_FLOPS`.
    """

    batch_size: int = 16
    block_size: int = 128
    grad_accum_steps: int = 1
    max_steps: int = 1000
    lr: float = 1e-3
    min_lr: float = 1e-4
    warmup_steps: int = 100
    weight_decay: float = 0.1
    betas: tuple[float, float] = (0.9, 0.95)
    grad_clip: float = 1.0
    precision: Precision = "auto"
    eval_interval: int = 250
    eval_batches: int = 20
    log_interval: int = 10
    checkpoint_interval: int = 0
    seed: int = 1337
    compile: bool = False
    num_workers: int = 0
    device: str = "auto"
    out_dir: str | os.PathLike[str] | None = None
    peak_flops: float | None = None

    def __post_init__(self) -> None:
        """Reject values that would fail later, far from their cause.

        Raises:
            ValueError: A size or interval is not positive, a rate is negative, or the precision
                is unknown.
        """
        positive = ("batch_size", "block_size", "grad_accum_steps", "max_steps", "log_interval")
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)}")
        non_negative = (
            "warmup_steps",
            "eval_interval",
            "eval_batches",
            "checkpoint_interval",
            "num_workers",
            "weight_decay",
            "grad_clip",
            "min_lr",
        )
        for name in non_negative:
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")
        if self.lr <= 0:
            raise ValueError(f"lr must be > 0, got {self.lr}")
        if self.precision not in ("auto", "bf16", "fp16", "fp32"):
            raise ValueError(f"unknown precision {self.precision!r}")

    def to_dict(self) -> dict[str, Any]:
        """Return the configuration as JSON-friendly values (for logs and checkpoints).

        Returns:
            A dict of field name to value, with tuples turned into lists and paths into strings
            (checkpoints store it, and they load only plain values).
        """
        return {key: _plain(value) for key, value in dataclasses.asdict(self).items()}


def _plain(value: object) -> object:
    """A tuple as a list and a path as a string; anything else unchanged."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


@dataclass
class TrainResult:
    """What a finished (or resumed and finished) run reports.

    Attributes:
        step: Optimizer steps completed.
        train_losses: Mean training loss of each logging window, keyed by the step it ends at.
        val_losses: Validation loss keyed by the step it was measured at.
        tokens_seen: Training tokens processed by all processes during this call.
        elapsed_s: Wall time of this call, in seconds.
        checkpoint_path: The last checkpoint written, if any.
    """

    step: int = 0
    train_losses: dict[int, float] = field(default_factory=dict)
    val_losses: dict[int, float] = field(default_factory=dict)
    tokens_seen: int = 0
    elapsed_s: float = 0.0
    checkpoint_path: Path | None = None

    @property
    def final_train_loss(self) -> float:
        """The last logged training loss (NaN when nothing was logged)."""
        return self.train_losses[max(self.train_losses)] if self.train_losses else math.nan

    @property
    def final_val_loss(self) -> float:
        """The last validation loss (NaN when no evaluation ran)."""
        return self.val_losses[max(self.val_losses)] if self.val_losses else math.nan


class MetricLogger(Protocol):
    """Where the loop sends metrics; every ``ml_reference.tracking`` tracker satisfies it."""

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        """Record metrics for a step.

        Args:
            metrics: Metric name to value.
            step: The optimizer step they belong to.
        """


@runtime_checkable
class SupportsFlopsPerToken(Protocol):
    """A model that can estimate its training FLOPs per token (forward and backward), for MFU."""

    def flops_per_token(self) -> float:
        """Return the training FLOPs per token."""


def seed_everything(seed: int, *, rank: int = 0) -> int:
    """Seed Python ``random``, numpy's global generator and torch (CPU and every CUDA device).

    Each process of a data-parallel job gets ``seed + rank``, so their dropout masks and any
    per-process sampling differ (DDP still starts every replica from rank 0's weights).

    Args:
        seed: Base seed of the run.
        rank: Global rank of this process.

    Returns:
        The seed actually used, ``seed + rank``.
    """
    used = seed + rank
    random.seed(used)
    np.random.seed(used % 2**32)
    torch.manual_seed(used)  # Also seeds every CUDA device.
    return used


def lr_at(step: int, config: TrainConfig) -> float:
    """Learning rate for an optimizer step: linear warm-up, then cosine decay to ``min_lr``.

    Args:
        step: Zero-based optimizer step.
        config: Supplies ``lr``, ``min_lr``, ``warmup_steps`` and ``max_steps``.

    Returns:
        The learning rate to use for that step.

    Example:
        >>> config = TrainConfig(lr=1.0, min_lr=0.0, warmup_steps=10, max_steps=110)
        >>> lr_at(0, config), lr_at(9, config), lr_at(60, config), lr_at(110, config)
        (0.1, 1.0, 0.5, 0.0)
    """
    if step < config.warmup_steps:
        return config.lr * (step + 1) / config.warmup_steps
    if step >= config.max_steps:
        return config.min_lr
    progress = (step - config.warmup_steps) / max(1, config.max_steps - config.warmup_steps)
    return config.min_lr + 0.5 * (1.0 + math.cos(math.pi * progress)) * (config.lr - config.min_lr)


def resolve_precision(
    precision: Precision, device: torch.device
) -> Literal["bf16", "fp16", "fp32"]:
    """Turn ``"auto"`` into a concrete precision for a device; other values pass through.

    Args:
        precision: Requested precision.
        device: Device the model runs on.

    Returns:
        bf16 on CUDA GPUs that support it natively (Ampere and newer), fp16 on older GPUs,
        fp32 elsewhere (CPU, MPS).
    """
    if precision != "auto":
        return precision
    if device.type == "cuda":
        # Without including_emulation=False, pre-Ampere GPUs (V100, T4) count as supporting
        # bf16 because they can emulate it, slowly.
        return "bf16" if torch.cuda.is_bf16_supported(including_emulation=False) else "fp16"
    return "fp32"


def autocast_context(
    device: torch.device, precision: Literal["bf16", "fp16", "fp32"]
) -> contextlib.AbstractContextManager[None]:
    """Return the autocast context for a precision (a no-op context for fp32).

    The returned object can be entered again and again, so one instance serves a whole run.

    Args:
        device: Device the forward pass runs on; its type selects the autocast backend.
        precision: ``"bf16"``, ``"fp16"`` or ``"fp32"``.

    Returns:
        ``torch.autocast(device.type, dtype=...)`` or ``contextlib.nullcontext()``.
    """
    if precision == "fp32":
        return contextlib.nullcontext()
    dtype = torch.bfloat16 if precision == "bf16" else torch.float16
    return torch.autocast(device_type=device.type, dtype=dtype)


def peak_flops(
    device: torch.device, precision: Literal["bf16", "fp16", "fp32"], override: float | None = None
) -> float | None:
    """Peak FLOP/s of one device at a precision, for model FLOPs utilisation (MFU).

    Args:
        device: The device; only CUDA devices are looked up in :data:`PEAK_FLOPS`.
        precision: The run's precision.
        override: A known value (for a GPU missing from the table); returned as is.

    Returns:
        FLOP/s, or ``None`` when unknown (the CPU, an unlisted GPU), in which case no MFU is logged.
    """
    if override is not None:
        return override
    if device.type != "cuda":
        return None
    name = torch.cuda.get_device_name(device)
    for key, rates in PEAK_FLOPS.items():
        if re.search(rf"(?<![0-9A-Za-z]){re.escape(key)}(?![0-9A-Za-z])", name):
            return rates.get(precision)
    return None


def configure_optimizer(
    model: nn.Module, config: TrainConfig, device: torch.device
) -> torch.optim.AdamW:
    """AdamW with weight decay on matrices (embeddings, linear weights), not on biases or norms.

    Args:
        model: The model whose trainable parameters to optimise.
        config: Supplies ``lr``, ``weight_decay`` and ``betas``.
        device: Selects the fused CUDA kernel when the model is on a GPU.

    Returns:
        The optimizer.
    """
    params = [p for p in model.parameters() if p.requires_grad]
    groups = [
        {"params": [p for p in params if p.dim() >= 2], "weight_decay": config.weight_decay},
        {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(
        groups, lr=config.lr, betas=config.betas, fused=device.type == "cuda" or None
    )


def _iterate(loader: DataLoader[Batch]) -> Iterator[Batch]:
    """Start an iterator over a loader without drawing from the global torch RNG.

    A DataLoader draws its workers' base seed from the global generator whenever an iterator is
    created; a resumed run creates its iterator at another point of the RNG stream than the
    uninterrupted run did, which would change every later dropout mask.
    """
    with torch.random.fork_rng(devices=[]):
        return iter(loader)


def evaluate(
    model: nn.Module,
    loader: DataLoader[Batch],
    *,
    device: torch.device,
    max_batches: int,
    autocast_ctx: contextlib.AbstractContextManager[None] | None = None,
) -> float:
    """Mean loss over the first ``max_batches`` batches, under ``eval()`` and ``no_grad()``.

    The loss is taken to be a mean over the batch's targets other than -100 (cross-entropy's
    ``ignore_index``), as :class:`ml_reference.transformer.GPT`'s is. Each batch is weighted by
    that count, so the result is the mean over every counted target, however the batches are
    cut (a short last batch weighs less) and, under DDP, over all processes. The model's
    previous train/eval mode is restored afterwards. Losses are summed on the device and read
    once at the end.

    Args:
        model: A model called as ``model(inputs, targets)`` returning ``(logits, loss)``.
        loader: Validation batches.
        device: Device to move the batches to.
        max_batches: Upper bound on the number of batches to evaluate.
        autocast_ctx: Autocast context from :func:`autocast_context`; ``None`` runs in fp32.

    Returns:
        The mean loss, or NaN when the loader yields no batch or no target to count.
    """
    ctx = autocast_ctx if autocast_ctx is not None else contextlib.nullcontext()
    was_training = model.training
    model.eval()
    total = torch.zeros((), device=device)  # sum of the per-target losses
    counted = torch.zeros((), device=device)  # number of targets they are summed over
    try:
        with torch.no_grad():
            for inputs, targets in itertools.islice(_iterate(loader), max_batches):
                targets = targets.to(device)
                with ctx:
                    _, loss = model(inputs.to(device), targets)
                count = (targets != _IGNORE_INDEX).sum()
                # A batch with no counted target has a NaN mean and adds nothing.
                total += torch.where(count > 0, loss.float() * count, 0.0)
                counted += count
    finally:
        model.train(was_training)
    sums = all_reduce_mean(torch.stack((total, counted)))  # the ratio of means = ratio of sums
    return float((sums[0] / sums[1]).item())  # 0 / 0 is NaN: no batch, or nothing to count


class Trainer:
    """Trains a language model; see the module docstring for what each step does.

    The model is called as ``model(inputs, targets)`` and must return ``(logits, loss)``, like
    :class:`ml_reference.transformer.GPT`. Only rank 0 logs and writes checkpoints.

    Args:
        config: Hyperparameters.
        model: The model; moved to the context's device, then compiled and wrapped in DDP as
            configured. Keep a reference to it: it is trained in place.
        train_data: Training sequences; shuffled per epoch and sharded by rank.
        val_data: Validation sequences, or ``None`` to skip evaluation; read in order, split
            across ranks.
        tracker: Where rank 0 logs metrics, or ``None``.
        context: The distributed context from :func:`ml_reference.distributed.setup_distributed`;
            defaults to a single process on ``config.device``.
        optimizer: An optimizer over ``model``'s parameters; defaults to
            :func:`configure_optimizer`.

    Raises:
        TypeError: ``train_data`` has no length.
    """

    def __init__(
        self,
        config: TrainConfig,
        model: nn.Module,
        train_data: Dataset[Batch],
        val_data: Dataset[Batch] | None = None,
        tracker: MetricLogger | None = None,
        *,
        context: DistributedContext | None = None,
        optimizer: torch.optim.Optimizer | None = None,
    ) -> None:
        if not isinstance(train_data, Sized):
            raise TypeError("train_data must have a length (a map-style dataset)")
        self.config = config
        self.context = context or DistributedContext(device=resolve_device(config.device))
        self.device = self.context.device
        self.precision = resolve_precision(config.precision, self.device)
        self.autocast = autocast_context(self.device, self.precision)
        self.tracker = tracker if self.context.is_main else None
        self.raw_model = model.to(self.device)
        self.optimizer = optimizer or configure_optimizer(self.raw_model, config, self.device)
        base_lr = config.lr
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(
            self.optimizer, lambda step: lr_at(step, config) / base_lr
        )
        self.scaler = torch.amp.GradScaler(self.device.type, enabled=self.precision == "fp16")
        self.model: nn.Module = self.raw_model
        if config.compile:
            # torch.compile is typed as returning a callable; for a module it is an nn.Module.
            self.model = cast(nn.Module, torch.compile(self.model))
        self.ddp: nn.parallel.DistributedDataParallel | None = None
        if self.context.is_distributed:
            device_ids = [self.device.index] if self.device.type == "cuda" else None
            self.ddp = nn.parallel.DistributedDataParallel(self.model, device_ids=device_ids)
            self.model = self.ddp
        self.sampler = ResumableSampler(
            len(train_data),
            shuffle=True,
            seed=config.seed,
            rank=self.context.rank,
            world_size=self.context.world_size,
            drop_last=True,
        )
        # Page-locked batches speed up copies to a GPU; for a CPU run (on a machine that also
        # has one) pinning is wasted work and would start a CUDA context on GPU 0.
        pin_memory = self.device.type == "cuda"
        self.train_loader = make_dataloader(
            train_data,
            batch_size=config.batch_size,
            sampler=self.sampler,
            num_workers=config.num_workers,
            pin_memory=pin_memory,
            drop_last=True,
        )
        self.val_loader: DataLoader[Batch] | None = None
        if val_data is not None:
            if self.context.is_distributed:
                # Each rank evaluates every world_size-th window, in order: together, every
                # window once. (DistributedSampler would repeat windows to even the shares.)
                size = len(cast(Sized, val_data))
                rank, world_size = self.context.rank, self.context.world_size
                val_data = Subset(val_data, range(rank, size, world_size))
            self.val_loader = make_dataloader(
                val_data,
                batch_size=config.batch_size,
                pin_memory=pin_memory,
                drop_last=False,
            )
        self.step = 0
        self.epoch = 0
        self.batches_in_epoch = 0
        self._iterator: Iterator[Batch] | None = None
        self._grad_norm = torch.zeros((), device=self.device)
        self.last_step_tokens = 0
        flops = (
            self.raw_model.flops_per_token()
            if isinstance(self.raw_model, SupportsFlopsPerToken)
            else None
        )
        self.flops_per_token = flops
        self.peak_flops = peak_flops(self.device, self.precision, config.peak_flops)

    @property
    def checkpoint_path(self) -> Path | None:
        """Where checkpoints go (``out_dir/checkpoint.pt``), or ``None`` without ``out_dir``."""
        return Path(self.config.out_dir) / "checkpoint.pt" if self.config.out_dir else None

    def data_state(self) -> dict[str, int]:
        """Position in the training data: epoch and sequences consumed in it by this process.

        The position is counted from the batches the loop took, not from the sampler, because
        DataLoader workers prefetch and the sampler runs ahead of the loop. The sampler's seed,
        dataset size and world size come along, so a resume with different ones is refused.

        Returns:
            The sampler's state dict with the loop's epoch and position, accepted by
            ``ResumableSampler.load_state_dict``.
        """
        return {
            **self.sampler.state_dict(),
            "epoch": self.epoch,
            "position": self.batches_in_epoch * self.config.batch_size,
        }

    def _next_batch(self) -> Batch:
        """Next training batch, moving to the next epoch when the current one is exhausted.

        Raises:
            ValueError: If a whole epoch gives no batch: fewer sequences per process than
                ``batch_size`` (the loader drops the last, incomplete batch).
        """
        empty_epochs = 0  # a resumed epoch may have nothing left; a whole one may not
        while True:
            if self._iterator is None:
                self._iterator = _iterate(self.train_loader)
            try:
                batch = next(self._iterator)
            except StopIteration:
                empty_epochs += self.batches_in_epoch == 0
                if empty_epochs == 2:
                    raise ValueError(
                        f"the training data gives no batch of {self.config.batch_size}: each "
                        f"of the {self.context.world_size} process(es) gets "
                        f"{len(self.sampler)} sequence(s); lower batch_size or add data"
                    ) from None
                self.epoch += 1
                self.batches_in_epoch = 0
                self.sampler.set_epoch(self.epoch)
                self._iterator = None
                continue
            self.batches_in_epoch += 1
            return batch

    def train_step(self) -> torch.Tensor:
        """Run one optimizer step over ``grad_accum_steps`` micro-batches.

        Sets :attr:`last_step_tokens` to the tokens the step processed on all processes.

        Returns:
            The step's mean loss as a detached 0-d tensor on the device (not synchronised).
        """
        config = self.config
        accum = config.grad_accum_steps
        self.model.train()
        step_loss = torch.zeros((), device=self.device)
        tokens = 0
        for micro_step in range(accum):
            inputs, targets = self._next_batch()
            tokens += inputs.numel()
            inputs = inputs.to(self.device, non_blocking=True)
            targets = targets.to(self.device, non_blocking=True)
            # Gradients are all-reduced only on the last micro-step; no_sync must wrap backward.
            sync_ctx: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
            if self.ddp is not None and micro_step < accum - 1:
                sync_ctx = self.ddp.no_sync()
            with sync_ctx:
                with self.autocast:
                    _, loss = self.model(inputs, targets)
                    loss = loss / accum
                self.scaler.scale(loss).backward()
            step_loss += loss.detach().float()
        if config.grad_clip > 0:
            self.scaler.unscale_(self.optimizer)  # Clip the true gradients, not the scaled ones.
            self._grad_norm = nn.utils.clip_grad_norm_(
                self.raw_model.parameters(), config.grad_clip
            )
        self.scaler.step(self.optimizer)
        self.scaler.update()
        self.optimizer.zero_grad(set_to_none=True)
        self.scheduler.step()
        self.step += 1
        self.last_step_tokens = tokens * self.context.world_size
        return step_loss

    def evaluate(self) -> float:
        """Validation loss over ``config.eval_batches`` batches (NaN without validation data).

        Runs the plain module, not the compiled or DDP-wrapped one: evaluation needs no gradient
        synchronisation, and eval mode would otherwise trigger a second compilation.

        Returns:
            The mean validation loss over every process's batches (see :func:`evaluate`).
        """
        if self.val_loader is None:
            return math.nan
        return evaluate(
            self.raw_model,
            self.val_loader,
            device=self.device,
            max_batches=self.config.eval_batches,
            autocast_ctx=self.autocast,
        )

    def save(self, path: Path | None = None) -> Path | None:
        """Write a checkpoint on rank 0 (other ranks write nothing).

        Args:
            path: Destination; defaults to :attr:`checkpoint_path`.

        Returns:
            The path written, or ``None`` when nothing was written.
        """
        path = path or self.checkpoint_path
        if path is None or not self.context.is_main:
            return None
        return save_checkpoint(
            path,
            model=self.raw_model,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
            scaler=self.scaler,
            step=self.step,
            data_state=self.data_state(),
            extra={"config": self.config.to_dict()},
        )

    def load(self, path: str | Path) -> CheckpointState:
        """Restore a checkpoint so training continues exactly where it stopped.

        A single process restores every RNG, which makes the resumed run identical to an
        uninterrupted one. Under DDP the checkpoint holds rank 0's RNG only, so every process
        reseeds with ``seed + step + rank`` instead: still deterministic, but not identical.
        The sampler refuses (``ValueError``) a checkpoint of a run with another seed, dataset
        size or world size, whose data order would differ.

        Args:
            path: Checkpoint written by :meth:`save`.

        Returns:
            The loaded checkpoint's step, data position and extras.
        """
        single = not self.context.is_distributed
        state = load_checkpoint(
            path,
            model=self.raw_model,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
            scaler=self.scaler,
            map_location="cpu",
            restore_rng=single,
            check_data_state=self.sampler.check_state,  # refused before anything is restored
        )
        if not single:
            seed_everything(self.config.seed + state.step, rank=self.context.rank)
        # Checkpoints from before the sampler's seed, dataset and world size were saved hold
        # only epoch and position; the sampler then skips its check.
        data_state = state.data_state or {"epoch": 0, "position": 0}
        self.sampler.load_state_dict(data_state)
        self.step = state.step
        self.epoch = data_state["epoch"]
        self.batches_in_epoch = data_state["position"] // self.config.batch_size
        self._iterator = None
        return state

    def fit(self, resume_from: str | Path | None = None) -> TrainResult:
        """Train until ``config.max_steps``, logging, evaluating and checkpointing on the way.

        Args:
            resume_from: Checkpoint to continue from, or ``None`` to start at step 0.

        Returns:
            Losses per logging window and per evaluation, tokens processed and wall time.

        Raises:
            FloatingPointError: The training loss became NaN or infinite.
        """
        config = self.config
        if resume_from is not None:
            self.load(resume_from)
        result = TrainResult(step=self.step)
        start = window_start = time.perf_counter()
        window_loss = torch.zeros((), device=self.device)
        window_steps = window_tokens = 0
        while self.step < config.max_steps:
            lr = float(self.optimizer.param_groups[0]["lr"])  # The rate this step uses.
            window_loss += self.train_step()
            window_steps += 1
            window_tokens += self.last_step_tokens
            result.tokens_seen += self.last_step_tokens
            last = self.step == config.max_steps
            if self.step % config.log_interval == 0 or last:
                loss = float(all_reduce_mean(window_loss / window_steps).item())  # The only sync.
                if not math.isfinite(loss):
                    raise FloatingPointError(f"training loss is {loss} at step {self.step}")
                elapsed = time.perf_counter() - window_start
                result.train_losses[self.step] = loss
                self._log(self._throughput(loss, lr, window_tokens, elapsed), self.step)
                window_loss.zero_()
                window_steps = window_tokens = 0
                window_start = time.perf_counter()
            paused = time.perf_counter()  # evaluation and checkpoints are not training time
            if (
                self.val_loader is not None
                and config.eval_interval > 0
                and (self.step % config.eval_interval == 0 or last)
            ):
                result.val_losses[self.step] = val_loss = self.evaluate()
                self._log({"val/loss": val_loss}, self.step)
            interval = config.checkpoint_interval
            if (interval > 0 and self.step % interval == 0) or last:
                result.checkpoint_path = self.save() or result.checkpoint_path
            window_start += time.perf_counter() - paused  # the window keeps its steps' time
        result.step = self.step
        result.elapsed_s = time.perf_counter() - start
        self._log({"time/total_s": result.elapsed_s}, self.step)
        return result

    def _throughput(self, loss: float, lr: float, tokens: int, elapsed: float) -> dict[str, float]:
        """Metrics of one logging window: loss, learning rate, grad norm, tokens/s and MFU."""
        tokens_per_s = tokens / max(elapsed, 1e-9)
        metrics = {
            "train/loss": loss,
            "train/lr": lr,
            "train/tokens_per_s": tokens_per_s,
        }
        if self.config.grad_clip > 0:
            metrics["train/grad_norm"] = float(self._grad_norm.item())
        if self.flops_per_token is not None and self.peak_flops is not None:
            achieved = self.flops_per_token * tokens_per_s / self.context.world_size
            metrics["train/mfu"] = achieved / self.peak_flops
        return metrics

    def _log(self, metrics: dict[str, float], step: int) -> None:
        """Send metrics to the tracker (rank 0 only)."""
        if self.tracker is not None:
            self.tracker.log_metrics(metrics, step)


def train(
    config: TrainConfig,
    model: nn.Module,
    train_data: Dataset[Batch],
    val_data: Dataset[Batch] | None = None,
    tracker: MetricLogger | None = None,
    *,
    resume_from: str | Path | None = None,
    context: DistributedContext | None = None,
) -> TrainResult:
    """Train ``model`` in place with :class:`Trainer` and return the run's results.

    Args:
        config: Hyperparameters.
        model: The model, called as ``model(inputs, targets) -> (logits, loss)``.
        train_data: Training sequences.
        val_data: Validation sequences, or ``None``.
        tracker: Where rank 0 logs metrics, or ``None``.
        resume_from: Checkpoint to continue from.
        context: Distributed context; defaults to a single process.

    Returns:
        The run's losses, tokens and time.
    """
    trainer = Trainer(config, model, train_data, val_data, tracker, context=context)
    return trainer.fit(resume_from=resume_from)
