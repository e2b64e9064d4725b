"""Cross-entropy of a linear output layer without materialising the full logits.

A language model's loss is ``cross_entropy(hidden @ weight.T, targets)``. Written that way,
autograd keeps the (tokens x vocabulary) logits for the backward pass, and under autocast a
float32 copy of them and of their gradient too: for GPT-2's 50k vocabulary and 16k tokens a
batch that is about 8 GB, more than every activation of the transformer blocks together.

:func:`linear_cross_entropy` computes the same loss a chunk of tokens at a time and, while the
chunk's logits are at hand, their gradient too, so the backward pass only scales two small
stored gradients: no logits outlive their chunk, and no matmul is recomputed.
"""

from __future__ import annotations

import contextlib
from typing import Any

import torch
from torch import Tensor

__all__ = ["linear_cross_entropy"]

DEFAULT_CHUNK_SIZE = 4096
"""Tokens per chunk: 4096 x 50k float32 logits are 0.8 GB, freed before the next chunk."""


def linear_cross_entropy(
    hidden: Tensor,
    weight: Tensor,
    targets: Tensor,
    *,
    ignore_index: int = -100,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Tensor:
    """Mean cross-entropy of ``hidden @ weight.T`` against ``targets``, chunk by chunk.

    Equal to ``F.cross_entropy(hidden @ weight.T, targets, ignore_index=ignore_index)``, with
    the matmul in the autocast dtype when autocast is on and the softmax in float32. Without
    gradients (evaluation), only the loss is computed.

    Args:
        hidden: Final hidden states, (N, d_model).
        weight: Output layer weight, (vocab_size, d_model).
        targets: Target ids, (N,); positions equal to ``ignore_index`` do not count.
        ignore_index: Target value to leave out of the mean.
        chunk_size: Tokens per chunk; bounds the transient logits at chunk_size x vocab_size.

    Returns:
        The scalar mean loss (float32, or float64 for a float64 weight); 0 when every target
        is ignored.

    Raises:
        ValueError: If the shapes disagree or ``chunk_size`` is not positive.
    """
    if hidden.dim() != 2 or targets.shape != hidden.shape[:1] or weight.shape[1] != hidden.shape[1]:
        raise ValueError(
            f"expected hidden (N, d), weight (V, d), targets (N,); got {tuple(hidden.shape)}, "
            f"{tuple(weight.shape)}, {tuple(targets.shape)}"
        )
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}")
    if torch.is_grad_enabled() and (hidden.requires_grad or weight.requires_grad):
        # torch declares Function.apply without annotations.
        loss: Tensor = _LinearCrossEntropy.apply(  # type: ignore[no-untyped-call]
            hidden, weight, targets, ignore_index, chunk_size
        )
        return loss
    total, _, _ = _chunked(hidden, weight, targets, ignore_index, chunk_size, with_grad=False)
    return total


def _chunked(
    hidden: Tensor,
    weight: Tensor,
    targets: Tensor,
    ignore_index: int,
    chunk_size: int,
    *,
    with_grad: bool,
) -> tuple[Tensor, Tensor | None, Tensor | None]:
    """Mean loss and, ``with_grad``, its gradients for hidden and weight, one chunk at a time.

    Args:
        hidden: Final hidden states, (N, d_model).
        weight: Output layer weight, (vocab_size, d_model).
        targets: Target ids, (N,).
        ignore_index: Target value to leave out.
        chunk_size: Tokens per chunk.
        with_grad: Also compute the gradients of the mean loss.

    Returns:
        ``(loss, grad_hidden, grad_weight)``; the gradients are None without ``with_grad``.
    """
    # The softmax runs in at least float32 (float64 for a float64 model).
    exact = torch.promote_types(weight.dtype, torch.float32)
    valid = targets != ignore_index
    # The mean's denominator stays on the device: no host sync in the training step.
    count = valid.sum().clamp(min=1).to(exact)
    total = torch.zeros((), dtype=exact, device=hidden.device)
    grad_hidden = torch.empty_like(hidden) if with_grad else None
    grad_weight = torch.zeros_like(weight, dtype=exact) if with_grad else None
    for start in range(0, hidden.shape[0], chunk_size):
        h = hidden[start : start + chunk_size]
        t = targets[start : start + chunk_size]
        keep = valid[start : start + chunk_size]
        logits = h @ weight.T  # the autocast dtype under autocast
        log_probs = torch.log_softmax(logits.to(exact), dim=-1)
        safe_t = torch.where(keep, t, 0)
        picked = log_probs.gather(1, safe_t[:, None]).squeeze(1)
        total = total - torch.where(keep, picked, 0.0).sum()
        if grad_hidden is not None and grad_weight is not None:
            # d(mean loss)/d(logits) = (softmax - one_hot(target)) / count, zero where ignored.
            grad_logits = log_probs.exp_()
            grad_logits[torch.arange(len(t), device=t.device), safe_t] -= 1.0
            grad_logits *= (keep.to(exact) / count)[:, None]
            # float16 would flush most of these (~p / count) to zero: the GradScaler's factor
            # only comes in backward. Their matmuls then run in float32; bfloat16's range
            # (float32's) keeps the fast path.
            in_float16 = logits.dtype == torch.float16
            dtype = exact if in_float16 else logits.dtype
            no_autocast = torch.autocast(hidden.device.type, enabled=False)
            with no_autocast if in_float16 else contextlib.nullcontext():
                grad_logits = grad_logits.to(dtype)
                grad_hidden[start : start + chunk_size] = grad_logits @ weight.to(dtype)
                grad_weight += grad_logits.T @ h.to(dtype)
    return total / count, grad_hidden, grad_weight


class _LinearCrossEntropy(torch.autograd.Function):
    """Autograd wrapper of :func:`_chunked`: forward computes gradients, backward scales them."""

    @staticmethod
    def forward(
        ctx: Any,
        hidden: Tensor,
        weight: Tensor,
        targets: Tensor,
        ignore_index: int,
        chunk_size: int,
    ) -> Tensor:
        """Return the mean loss and keep its gradients for :meth:`backward`.

        Args:
            ctx: Autograd context.
            hidden: Final hidden states, (N, d_model).
            weight: Output layer weight, (vocab_size, d_model).
            targets: Target ids, (N,).
            ignore_index: Target value to leave out.
            chunk_size: Tokens per chunk.

        Returns:
            The scalar mean loss.
        """
        loss, grad_hidden, grad_weight = _chunked(
            hidden, weight, targets, ignore_index, chunk_size, with_grad=True
        )
        assert grad_weight is not None
        ctx.save_for_backward(grad_hidden, grad_weight.to(weight.dtype))
        return loss

    @staticmethod
    def backward(ctx: Any, grad_loss: Tensor) -> tuple[Tensor, Tensor, None, None, None]:
        """Scale the stored gradients by the incoming gradient of the loss.

        Args:
            ctx: Autograd context.
            grad_loss: Gradient of the final objective with respect to the loss (a scalar).

        Returns:
            Gradients for hidden and weight; None for the non-tensor inputs.
        """
        grad_hidden, grad_weight = ctx.saved_tensors
        return grad_hidden * grad_loss, grad_weight * grad_loss, None, None, None
