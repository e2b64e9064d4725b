"""Set up (and tear down) data-parallel training from the environment ``torchrun`` provides.

``torchrun --nproc_per_node N script.py`` starts N copies of the script and sets ``RANK``,
``LOCAL_RANK`` and ``WORLD_SIZE`` (plus ``MASTER_ADDR``/``MASTER_PORT``) in each. When those
variables are absent, :func:`setup_distributed` returns a single-process context, so the same
training script runs unchanged with ``python script.py`` and with ``torchrun``.

The backend is NCCL on CUDA and gloo on CPU. Each process drives the GPU with its local rank.

Example:
    >>> from ml_reference.distributed import cleanup_distributed, setup_distributed
    >>> ctx = setup_distributed()
    >>> ctx.world_size, ctx.is_main
    (1, True)
    >>> cleanup_distributed()
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import torch
import torch.distributed as dist

__all__ = [
    "DistributedContext",
    "all_reduce_mean",
    "barrier",
    "cleanup_distributed",
    "resolve_device",
    "setup_distributed",
]


@dataclass(frozen=True)
class DistributedContext:
    """Where this process sits in a (possibly single-process) data-parallel job.

    Attributes:
        rank: Global index of this process, ``0 <= rank < world_size``.
        local_rank: Index of this process on its machine; selects its GPU.
        world_size: Number of processes in the job (1 without torchrun).
        device: The device this process computes on.
        backend: The ``torch.distributed`` backend in use, or ``None`` for a single process.
    """

    rank: int = 0
    local_rank: int = 0
    world_size: int = 1
    device: torch.device = field(default_factory=lambda: torch.device("cpu"))
    backend: str | None = None

    @property
    def is_main(self) -> bool:
        """Whether this is rank 0, the one process that logs, evaluates to disk and checkpoints."""
        return self.rank == 0

    @property
    def is_distributed(self) -> bool:
        """Whether a process group with more than one process is running."""
        return self.world_size > 1


def resolve_device(device: str = "auto", local_rank: int = 0) -> torch.device:
    """Turn a device name into a ``torch.device``; ``"auto"`` picks this process's GPU or the CPU.

    Args:
        device: ``"auto"``, ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``...
        local_rank: GPU index used for ``"auto"`` and a bare ``"cuda"``.

    Returns:
        The device to compute on.
    """
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    resolved = torch.device(device)
    if resolved.type == "cuda" and resolved.index is None:
        resolved = torch.device("cuda", local_rank)
    return resolved


def setup_distributed(
    device: str = "auto", env: Mapping[str, str] | None = None
) -> DistributedContext:
    """Join the process group described by torchrun's environment variables, if there is one.

    Args:
        device: ``"auto"`` (this process's GPU when CUDA is available, else the CPU) or an
            explicit device such as ``"cpu"``; a bare ``"cuda"`` gets the local rank as index.
        env: Environment to read (defaults to ``os.environ``); tests pass their own.

    Returns:
        The context; a single-process one when ``WORLD_SIZE`` is unset or 1.

    Raises:
        ValueError: The environment is inconsistent (rank outside the world size).
    """
    env = os.environ if env is None else env
    world_size = int(env.get("WORLD_SIZE", "1"))
    rank = int(env.get("RANK", "0"))
    local_rank = int(env.get("LOCAL_RANK", "0"))
    if not 0 <= rank < world_size:
        raise ValueError(f"RANK={rank} is outside WORLD_SIZE={world_size}")
    resolved = resolve_device(device, local_rank)
    if world_size == 1:
        return DistributedContext(device=resolved)
    backend = "nccl" if resolved.type == "cuda" else "gloo"
    if resolved.type == "cuda":
        torch.cuda.set_device(resolved)
    if not dist.is_initialized():
        dist.init_process_group(backend=backend, rank=rank, world_size=world_size)
    return DistributedContext(
        rank=rank, local_rank=local_rank, world_size=world_size, device=resolved, backend=backend
    )


def cleanup_distributed() -> None:
    """Leave and destroy the process group, if one was started (safe to call in every case)."""
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def barrier() -> None:
    """Wait for every process; a no-op without a process group."""
    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def all_reduce_mean(tensor: torch.Tensor) -> torch.Tensor:
    """Average a tensor over all processes (in place); unchanged without a process group.

    gloo has no ``ReduceOp.AVG``, so this sums and divides, which works on every backend.

    Args:
        tensor: A tensor with the same shape on every process.

    Returns:
        The same tensor, now holding the mean over processes.
    """
    if dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1:
        dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
        tensor /= dist.get_world_size()
    return tensor
