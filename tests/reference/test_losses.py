"""linear_cross_entropy equals cross_entropy of the full logits, in value and in gradients."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from ml_reference.losses import linear_cross_entropy


def _inputs(
    n: int = 10, d: int = 6, v: int = 13, dtype: torch.dtype = torch.float64
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    hidden = torch.randn(n, d, dtype=dtype, requires_grad=True)
    weight = torch.randn(v, d, dtype=dtype, requires_grad=True)
    targets = torch.randint(0, v, (n,))
    return hidden, weight, targets


def _reference(
    hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    h = hidden.detach().clone().requires_grad_()
    w = weight.detach().clone().requires_grad_()
    loss = F.cross_entropy(h @ w.T, targets, ignore_index=-100)
    loss.backward()
    assert h.grad is not None and w.grad is not None
    return loss.detach(), h.grad, w.grad


@pytest.mark.parametrize("chunk_size", [1, 3, 10, 64])
def test_loss_and_gradients_match_full_logits(chunk_size: int) -> None:
    hidden, weight, targets = _inputs()
    targets[[2, 7]] = -100  # ignored positions leave the mean and get no gradient
    expected, grad_h, grad_w = _reference(hidden, weight, targets)

    loss = linear_cross_entropy(hidden, weight, targets, chunk_size=chunk_size)
    (3.0 * loss).backward()  # the incoming gradient scales the stored ones

    assert loss.dtype == torch.float64  # a float64 model keeps float64 precision
    torch.testing.assert_close(loss, expected, rtol=1e-12, atol=1e-12)
    assert hidden.grad is not None and weight.grad is not None
    torch.testing.assert_close(hidden.grad, 3.0 * grad_h, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(weight.grad, 3.0 * grad_w, rtol=1e-12, atol=1e-12)
    assert torch.count_nonzero(hidden.grad[[2, 7]]) == 0


def test_without_gradients_only_the_loss_is_computed() -> None:
    hidden, weight, targets = _inputs()
    expected, _, _ = _reference(hidden, weight, targets)
    with torch.no_grad():
        loss = linear_cross_entropy(hidden, weight, targets, chunk_size=4)
    assert not loss.requires_grad
    torch.testing.assert_close(loss, expected)


def test_every_target_ignored_gives_zero_loss_and_zero_gradients() -> None:
    hidden, weight, targets = _inputs()
    targets[:] = -100
    loss = linear_cross_entropy(hidden, weight, targets)
    loss.backward()
    assert loss.item() == 0.0
    assert hidden.grad is not None and weight.grad is not None
    assert torch.count_nonzero(hidden.grad) == 0 and torch.count_nonzero(weight.grad) == 0


def test_bf16_autocast_matches_full_logits_within_bf16_precision() -> None:
    hidden, weight, targets = _inputs(n=32, d=16, v=50, dtype=torch.float32)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        expected = F.cross_entropy(hidden @ weight.T, targets)
        loss = linear_cross_entropy(hidden, weight, targets, chunk_size=8)
    loss.backward()
    torch.testing.assert_close(loss, expected.float(), rtol=2e-2, atol=2e-2)
    # gradients come back in the parameters' own dtype
    assert hidden.grad is not None and hidden.grad.dtype == torch.float32
    assert weight.grad is not None and weight.grad.dtype == torch.float32


def test_fp16_gradients_do_not_underflow_before_the_scaler_scales_them() -> None:
    """Under fp16 the stored gradients (~p / tokens) would flush to zero; they must not.

    The GradScaler's factor reaches the loss only in backward, after the chunked loss has
    computed its gradients, so those are kept in float32: they match float64 better than
    the full fp16 logits' gradients do.
    """
    torch.manual_seed(0)
    n, d, v = 2048, 32, 4096
    hidden = torch.randn(n, d)
    weight = torch.randn(v, d) * 0.02
    targets = torch.randint(0, v, (n,))
    _, ref_h, ref_w = _reference(hidden.double(), weight.double(), targets)
    h, w = hidden.clone().requires_grad_(), weight.clone().requires_grad_()
    with torch.autocast("cpu", dtype=torch.float16):
        loss = linear_cross_entropy(h, w, targets, chunk_size=512)
    (loss * 2.0**16).backward()  # what GradScaler.scale(loss).backward() does
    assert h.grad is not None and w.grad is not None
    for grad, ref in ((h.grad, ref_h), (w.grad, ref_w)):
        error = (grad.double() / 2.0**16 - ref).norm() / ref.norm()
        assert error < 1e-4, error
    assert torch.count_nonzero(h.grad) == h.grad.numel()


def test_bad_shapes_and_chunk_sizes_are_rejected() -> None:
    hidden, weight, targets = _inputs()
    with pytest.raises(ValueError, match="expected hidden"):
        linear_cross_entropy(hidden, weight, targets[:-1])
    with pytest.raises(ValueError, match="expected hidden"):
        linear_cross_entropy(hidden, weight[:, :-1], targets)
    with pytest.raises(ValueError, match="chunk_size"):
        linear_cross_entropy(hidden, weight, targets, chunk_size=0)
