"""Atomic, resumable checkpoints that load with ``torch.load(weights_only=True)``.

A checkpoint holds everything a run needs to continue exactly where it stopped: the model and
optimizer state, the learning-rate scheduler and the fp16 gradient scaler, the optimizer step, the
position in the data, and every random number generator (Python ``random``, numpy's global
generator, torch's CPU generator and every CUDA device's generator).

Two rules make checkpoints safe to trust:

* **Writes are atomic.** The file is written to a temporary file in the same directory, flushed and
  ``fsync``-ed, then moved over the old checkpoint with ``os.replace``. A crash, a full disk or a
  kill while saving leaves the previous checkpoint intact instead of a truncated file.
* **Loads never run code.** ``torch.load(..., weights_only=True)`` refuses arbitrary pickled
  objects, so every value stored here is a tensor or a plain Python container of numbers and
  strings (numpy arrays are converted to tensors first). A value in ``extra`` that such a load
  would refuse (a ``pathlib.Path``, a numpy scalar) is refused when saving instead.

Example:
    >>> import torch
    >>> from ml_reference.checkpoint import load_checkpoint, save_checkpoint
    >>> model = torch.nn.Linear(2, 2)
    >>> path = save_checkpoint("/tmp/example.pt", model=model, step=10)
    >>> load_checkpoint(path, model=model).step
    10
"""

from __future__ import annotations

import io
import os
import pickle
import random
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from ml_reference.atomic import atomic_write

__all__ = [
    "CHECKPOINT_FORMAT_VERSION",
    "CheckpointError",
    "CheckpointState",
    "get_rng_state",
    "load_checkpoint",
    "save_checkpoint",
    "set_rng_state",
    "unwrap_model",
]

CHECKPOINT_FORMAT_VERSION = 1
"""Version of the checkpoint layout; bumped whenever a stored key changes meaning."""


class CheckpointError(RuntimeError):
    """A checkpoint is missing, corrupt or truncated, or does not fit the objects given to it."""


@dataclass(frozen=True)
class CheckpointState:
    """What a loaded checkpoint returns besides the states it restores in place.

    Attributes:
        path: The file the checkpoint was read from.
        step: Number of optimizer steps completed when the checkpoint was saved.
        data_state: Position in the training data (for example ``{"epoch": 0, "position": 64}``),
            or ``None`` when the run did not record one.
        extra: Any further values saved with the checkpoint (configuration, tokenizer, ...).
    """

    path: Path
    step: int
    data_state: dict[str, int] | None
    extra: dict[str, Any] = field(default_factory=dict)


def unwrap_model(model: nn.Module) -> nn.Module:
    """Return the plain module under DistributedDataParallel and ``torch.compile`` wrappers.

    ``DistributedDataParallel`` keeps the real model in ``.module`` and a compiled model keeps it in
    ``._orig_mod``; saving the wrapper would prefix every key with ``module.`` or ``_orig_mod.`` and
    make the checkpoint unloadable into a bare model.

    Args:
        model: A module, possibly wrapped (in any order and any depth) by DDP or ``torch.compile``.

    Returns:
        The innermost module, whose ``state_dict`` keys match a freshly built model.
    """
    while True:
        if isinstance(model, nn.parallel.DistributedDataParallel):
            model = model.module
            continue
        inner = getattr(model, "_orig_mod", None)
        if isinstance(inner, nn.Module):
            model = inner
            continue
        return model


def get_rng_state() -> dict[str, Any]:
    """Capture every random number generator a training run draws from.

    Returns:
        A dict with the states of Python ``random``, numpy's global generator, torch's CPU
        generator and, when CUDA is initialised, every CUDA device. Only tensors, numbers, strings
        and tuples, so it loads with ``torch.load(weights_only=True)``.
    """
    numpy_state = np.random.get_state(legacy=False)
    state: dict[str, Any] = {
        "python": random.getstate(),
        "numpy": {
            "bit_generator": str(numpy_state["bit_generator"]),
            # uint32 values do not fit torch's int32; int64 holds them exactly.
            "key": torch.from_numpy(np.asarray(numpy_state["state"]["key"], dtype=np.int64)),
            "pos": int(numpy_state["state"]["pos"]),
            "has_gauss": int(numpy_state["has_gauss"]),
            "gauss": float(numpy_state["gauss"]),
        },
        "torch": torch.get_rng_state(),
        "cuda": [],
    }
    # Querying the CUDA generators would initialise CUDA in a CPU-only process; skip it then.
    initialised = torch.cuda.is_initialized()  # type: ignore[no-untyped-call]  # torch: untyped
    if torch.cuda.is_available() and initialised:
        state["cuda"] = list(torch.cuda.get_rng_state_all())
    return state


def set_rng_state(state: Mapping[str, Any]) -> None:
    """Restore the generators captured by :func:`get_rng_state`.

    CUDA states are restored for as many devices as both the checkpoint and this machine have,
    so a checkpoint from a GPU run still resumes on a CPU-only machine.

    Args:
        state: The dict returned by :func:`get_rng_state` (possibly after a save and load).
    """
    version, internal, gauss_next = state["python"]
    random.setstate((int(version), tuple(int(x) for x in internal), gauss_next))
    numpy_state = state["numpy"]
    np.random.set_state(
        (
            numpy_state["bit_generator"],
            numpy_state["key"].cpu().numpy().astype(np.uint32),
            int(numpy_state["pos"]),
            int(numpy_state["has_gauss"]),
            float(numpy_state["gauss"]),
        )
    )
    torch.set_rng_state(state["torch"].cpu())
    cuda_states = [s.cpu() for s in state.get("cuda", [])]
    if cuda_states and torch.cuda.is_available():
        for device, cuda_state in enumerate(cuda_states[: torch.cuda.device_count()]):
            torch.cuda.set_rng_state(cuda_state, device)


def save_checkpoint(
    path: str | os.PathLike[str],
    *,
    model: nn.Module,
    optimizer: torch.optim.Optimizer | None = None,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    scaler: torch.amp.GradScaler | None = None,
    step: int = 0,
    data_state: Mapping[str, int] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write a checkpoint atomically: a temporary file in the same directory, then ``os.replace``.

    If anything fails while writing (including the process being killed), the previous file at
    ``path`` is left untouched and the temporary file is removed.

    Args:
        path: Destination file; its parent directories are created.
        model: The model; DDP and ``torch.compile`` wrappers are unwrapped first.
        optimizer: Optimizer whose state (moments, step counts) to store.
        scheduler: Learning-rate scheduler whose state to store.
        scaler: fp16 gradient scaler whose state (current scale, growth tracker) to store.
        step: Number of optimizer steps completed.
        data_state: Position in the training data, as plain ints.
        extra: Further values to store; they must be tensors or plain Python containers of numbers
            and strings so that the file still loads with ``weights_only=True``.

    Returns:
        The path written.

    Raises:
        TypeError: A value in ``extra``, the scheduler's state or the optimizer's parameter
            groups would not load with ``weights_only=True`` (a ``pathlib.Path``, a numpy scalar,
            any other object); nothing is written then.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "format_version": CHECKPOINT_FORMAT_VERSION,
        "model": unwrap_model(model).state_dict(),
        "optimizer": optimizer.state_dict() if optimizer is not None else None,
        "scheduler": scheduler.state_dict() if scheduler is not None else None,
        "scaler": scaler.state_dict() if scaler is not None else None,
        "step": int(step),
        "data_state": {k: int(v) for k, v in data_state.items()} if data_state else None,
        "rng": get_rng_state(),
        "extra": dict(extra) if extra is not None else {},
    }
    # The weights and optimizer moments are tensors by construction; the values that can come
    # from a user are checked one by one, so the error can name the one that would not load.
    checked: dict[str, object] = {
        f"extra[{key!r}]": value for key, value in payload["extra"].items()
    }
    checked["scheduler state"] = payload["scheduler"]
    if optimizer is not None:
        checked["optimizer param_groups"] = payload["optimizer"]["param_groups"]
    for name, value in checked.items():
        unsupported = _weights_only_refusal(value)
        if unsupported is not None:
            raise TypeError(
                f"cannot save {name}: torch.load(weights_only=True) refuses {unsupported}; "
                "store tensors or plain Python containers of numbers and strings"
            )
    return atomic_write(path, lambda f: torch.save(payload, f))


def _weights_only_refusal(value: object) -> str | None:
    """Describe why ``torch.load(weights_only=True)`` would refuse ``value``, if it would.

    Args:
        value: A value to store in a checkpoint.

    Returns:
        ``None`` when ``value`` survives a save and a ``weights_only`` load, else the reason.
    """
    buffer = io.BytesIO()
    torch.save(value, buffer)
    buffer.seek(0)
    try:
        torch.load(buffer, weights_only=True)
    except pickle.UnpicklingError as e:
        refused = _refused_type(e)
        return f"the type {refused}" if refused else str(e).strip().splitlines()[-1]
    return None


def _refused_type(error: pickle.UnpicklingError) -> str | None:
    """The type a ``weights_only`` load refused, such as ``"pathlib.PosixPath"``.

    Args:
        error: What ``torch.load(weights_only=True)`` raised.

    Returns:
        The refused type's qualified name, or ``None`` when the error is not such a refusal
        (for example a file that is not a pickle at all).
    """
    match = re.search(r"GLOBAL (\S+) was not an allowed global", str(error))
    return match.group(1) if match else None


def load_checkpoint(
    path: str | os.PathLike[str],
    *,
    model: nn.Module,
    optimizer: torch.optim.Optimizer | None = None,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    scaler: torch.amp.GradScaler | None = None,
    map_location: str | torch.device | None = "cpu",
    restore_rng: bool = True,
    check_data_state: Callable[[Mapping[str, Any]], None] | None = None,
) -> CheckpointState:
    """Load a checkpoint written by :func:`save_checkpoint` into existing objects.

    The file is read with ``torch.load(path, map_location=..., weights_only=True)``, so a
    checkpoint from an untrusted source cannot execute code. Every member of the archive is first
    checked against its CRC (one extra read of the file), because ``torch.load`` does not check.
    Each given object gets its state restored in place; objects that are ``None`` are skipped.

    Args:
        path: The checkpoint file.
        model: Model to load the weights into (strictly: every key must match); DDP and
            ``torch.compile`` wrappers are unwrapped first.
        optimizer: Optimizer to restore, if the checkpoint has one.
        scheduler: Learning-rate scheduler to restore, if the checkpoint has one.
        scaler: fp16 gradient scaler to restore, if the checkpoint has one.
        map_location: Where to put the loaded tensors (``"cpu"`` keeps GPU memory free until the
            states are copied into the model's and optimizer's own tensors).
        restore_rng: Also restore every random number generator, which an exact resume needs.
        check_data_state: Called with the stored data position, when there is one, before
            anything is restored: an exception it raises (a sampler refusing another run's
            position) leaves every object as it was.

    Returns:
        The step, data position and extra values stored with the checkpoint.

    Raises:
        CheckpointError: The file is missing, truncated, corrupt (a CRC does not match), not a
            checkpoint or an incomplete one, or does not match the model, optimizer, scheduler or
            scaler.
    """
    path = Path(path)
    try:
        _verify_archive(path)
        payload = torch.load(path, map_location=map_location, weights_only=True)
    except FileNotFoundError as e:
        raise CheckpointError(f"checkpoint not found: {path}") from e
    except IsADirectoryError as e:
        raise CheckpointError(f"checkpoint path is a directory, not a file: {path}") from e
    except PermissionError as e:
        raise CheckpointError(f"checkpoint {path} is not readable: {e}") from e
    # A damaged zip archive surfaces as RuntimeError or OSError (depending on the torch
    # version and where the damage is), an empty file as EOFError, garbage as UnpicklingError.
    except (
        OSError,
        RuntimeError,
        EOFError,
        pickle.UnpicklingError,
        zipfile.BadZipFile,
        ValueError,
    ) as e:
        refused = _refused_type(e) if isinstance(e, pickle.UnpicklingError) else None
        if refused is not None:
            raise CheckpointError(
                f"checkpoint {path} holds a {refused}, which torch.load(weights_only=True) "
                "refuses to load"
            ) from e
        raise CheckpointError(
            f"checkpoint {path} is corrupt or truncated ({type(e).__name__}); "
            "it may have been written by an interrupted save outside save_checkpoint"
        ) from e
    if not isinstance(payload, dict) or "model" not in payload:
        raise CheckpointError(f"{path} is not a checkpoint written by save_checkpoint")
    version = payload.get("format_version")
    if version != CHECKPOINT_FORMAT_VERSION:
        raise CheckpointError(
            f"checkpoint {path} has format version {version}; "
            f"this code reads version {CHECKPOINT_FORMAT_VERSION}"
        )
    # Checked before anything is restored, so an incomplete file changes nothing.
    missing = sorted({"step", "rng"} - payload.keys())
    if missing:
        raise CheckpointError(f"checkpoint {path} is incomplete: it has no {', '.join(missing)}")
    try:
        step = int(payload["step"])
    except (TypeError, ValueError) as e:
        raise CheckpointError(f"checkpoint {path} has an invalid step: {e}") from e
    if check_data_state is not None and payload.get("data_state") is not None:
        check_data_state(payload["data_state"])
    try:
        unwrap_model(model).load_state_dict(payload["model"])
        _load_optional(optimizer, payload.get("optimizer"), "optimizer", path)
        _load_optional(scheduler, payload.get("scheduler"), "scheduler", path)
        _load_optional(scaler, payload.get("scaler"), "scaler", path)
    except (RuntimeError, KeyError, ValueError) as e:
        raise CheckpointError(f"checkpoint {path} does not match the objects given: {e}") from e
    if restore_rng:
        try:
            set_rng_state(payload["rng"])
        except (KeyError, TypeError, ValueError, RuntimeError) as e:
            raise CheckpointError(f"checkpoint {path} has an unusable rng state: {e!r}") from e
    data_state = payload.get("data_state")
    return CheckpointState(
        path=path,
        step=step,
        data_state=dict(data_state) if data_state is not None else None,
        extra=dict(payload.get("extra") or {}),
    )


def _verify_archive(path: Path) -> None:
    """Check every member of the checkpoint's zip archive against its CRC.

    ``torch.load`` does not verify the CRCs, so a flipped byte inside a tensor would otherwise
    load silently as a wrong weight.

    Args:
        path: The checkpoint file.

    Raises:
        zipfile.BadZipFile: A member is damaged, for example fails its CRC check.
    """
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            # After torch.serialization.set_crc32_options(False), torch.save stores 0 for every
            # CRC: there is nothing to check such a member against.
            if member.CRC == 0:
                continue
            try:
                with archive.open(member) as f:
                    while f.read(1 << 20):  # the reader checks the CRC at the end
                        pass
            except zipfile.BadZipFile as e:
                raise zipfile.BadZipFile(f"{member.filename} is damaged: {e}") from e


def _load_optional(
    target: torch.optim.Optimizer
    | torch.optim.lr_scheduler.LRScheduler
    | torch.amp.GradScaler
    | None,
    state: dict[str, Any] | None,
    name: str,
    path: Path,
) -> None:
    """Restore one optional component, refusing a checkpoint that lacks it."""
    if target is None:
        return
    if state is None:
        raise KeyError(f"{path} has no {name} state")
    target.load_state_dict(state)
