"""Tests of ml_reference.attention: both attention paths, RoPE and multi-head attention."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ml_reference.attention import (
    MultiHeadAttention,
    RotaryEmbedding,
    attention_math,
    scaled_dot_product_attention,
)

B, H, T, S, D = 2, 4, 5, 6, 8
TOL = {torch.float32: {"rtol": 1e-5, "atol": 1e-5}, torch.float64: {"rtol": 1e-10, "atol": 1e-10}}


def _qkv(
    dtype: torch.dtype = torch.float32, *, hkv: int = H, t: int = T, s: int = S
) -> tuple[Tensor, Tensor, Tensor]:
    """Random q (B, H, t, D) and k, v (B, hkv, s, D) that require grad."""
    q = torch.randn(B, H, t, D, dtype=dtype, requires_grad=True)
    k = torch.randn(B, hkv, s, D, dtype=dtype, requires_grad=True)
    v = torch.randn(B, hkv, s, D, dtype=dtype, requires_grad=True)
    return q, k, v


def _bool_mask(t: int = T, s: int = S) -> Tensor:
    """A random (B, 1, t, s) boolean mask with at least one allowed key per row."""
    mask = torch.rand(B, 1, t, s) > 0.4
    mask[..., 0] = True
    return mask


def _mask(kind: str, dtype: torch.dtype) -> Tensor | None:
    """A mask of the given kind for (B, H, T, S) scores."""
    if kind == "none":
        return None
    if kind == "bool":
        return _bool_mask()
    if kind == "additive":
        return torch.randn(B, H, T, S, dtype=dtype)
    assert kind == "additive-inf"
    return torch.zeros(T, S, dtype=dtype).masked_fill(~_bool_mask()[0, 0], float("-inf"))


def _grads(out: Tensor, *inputs: Tensor) -> tuple[Tensor, ...]:
    """Gradients of a fixed random projection of ``out`` with respect to ``inputs``."""
    probe = torch.randn(out.shape, generator=torch.Generator().manual_seed(1), dtype=out.dtype)
    return torch.autograd.grad((out * probe).sum(), inputs)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("kind", ["none", "bool", "additive", "additive-inf"])
@pytest.mark.parametrize("is_causal", [False, True])
@pytest.mark.parametrize("hkv", [H, 2, 1])
def test_fast_path_equals_math_path(
    dtype: torch.dtype, kind: str, is_causal: bool, hkv: int
) -> None:
    q, k, v = _qkv(dtype, hkv=hkv)
    mask = _mask(kind, dtype)
    expected, _ = attention_math(q, k, v, mask, is_causal=is_causal)
    actual = scaled_dot_product_attention(q, k, v, mask, is_causal=is_causal)
    torch.testing.assert_close(actual, expected, **TOL[dtype])
    for g_fast, g_math in zip(_grads(actual, q, k, v), _grads(expected, q, k, v), strict=True):
        torch.testing.assert_close(g_fast, g_math, **TOL[dtype])


def test_custom_scale_is_used_by_both_paths() -> None:
    q, k, v = _qkv()
    expected, _ = attention_math(q * 0.5 * math.sqrt(D), k, v)
    torch.testing.assert_close(attention_math(q, k, v, scale=0.5)[0], expected)
    torch.testing.assert_close(scaled_dot_product_attention(q, k, v, scale=0.5), expected)


def _torch_mha(dtype: torch.dtype, *, bias: bool = True) -> nn.MultiheadAttention:
    """A batch-first ``nn.MultiheadAttention`` with random (non-default) biases."""
    mha = nn.MultiheadAttention(32, 4, bias=bias, batch_first=True, dtype=dtype)
    if bias:
        with torch.no_grad():
            assert mha.in_proj_bias is not None
            mha.in_proj_bias.normal_()
            mha.out_proj.bias.normal_()
    return mha


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("masks", ["none", "padding", "causal", "attn+padding"])
def test_matches_nn_multihead_attention(dtype: torch.dtype, bias: bool, masks: str) -> None:
    ref = _torch_mha(dtype, bias=bias)
    ours = MultiHeadAttention.from_torch(ref)
    x = torch.randn(2, 7, 32, dtype=dtype)
    padding = torch.zeros(2, 7, dtype=torch.bool)
    padding[0, 5:] = True
    kwargs: dict[str, Tensor | bool] = {}
    ref_kwargs: dict[str, Tensor | bool] = {}
    if masks in ("padding", "attn+padding"):
        kwargs["key_padding_mask"] = ref_kwargs["key_padding_mask"] = padding
    if masks == "causal":
        kwargs["is_causal"] = True
        ref_kwargs["attn_mask"] = nn.Transformer.generate_square_subsequent_mask(7, dtype=dtype)
    if masks == "attn+padding":
        allowed = torch.rand(7, 7) > 0.3
        allowed.fill_diagonal_(True)
        kwargs["attn_mask"] = allowed
        ref_kwargs["attn_mask"] = ~allowed  # nn.MultiheadAttention: True = masked out

    x_ours = x.clone().requires_grad_()
    x_ref = x.clone().requires_grad_()
    out = ours(x_ours, **kwargs)
    out_w, weights = ours.forward_with_weights(x_ours, **kwargs)
    expected, expected_w = ref(
        x_ref, x_ref, x_ref, need_weights=True, average_attn_weights=False, **ref_kwargs
    )
    torch.testing.assert_close(out, expected, **TOL[dtype])
    torch.testing.assert_close(out_w, expected, **TOL[dtype])
    torch.testing.assert_close(weights, expected_w, **TOL[dtype])

    grads = _grads(out, x_ours, ours.qkv.weight, ours.out.weight)
    ref_grads = _grads(expected, x_ref, ref.in_proj_weight, ref.out_proj.weight)
    for g, g_ref in zip(grads, ref_grads, strict=True):
        torch.testing.assert_close(g, g_ref, **TOL[dtype])


def test_from_torch_keeps_device_dtype_mode_and_rejects_unsupported() -> None:
    ref = _torch_mha(torch.float64).eval()
    ours = MultiHeadAttention.from_torch(ref)
    assert ours.qkv.weight.dtype == torch.float64
    assert not ours.training
    with pytest.raises(ValueError, match="batch_first"):
        MultiHeadAttention.from_torch(nn.MultiheadAttention(8, 2))
    with pytest.raises(ValueError, match="bias_k"):
        MultiHeadAttention.from_torch(
            nn.MultiheadAttention(8, 2, add_bias_kv=True, batch_first=True)
        )


@pytest.mark.parametrize("kind", ["none", "bool", "additive"])
@pytest.mark.parametrize("is_causal", [False, True])
def test_weights_sum_to_one(kind: str, is_causal: bool) -> None:
    q, k, v = _qkv()
    _, weights = attention_math(q, k, v, _mask(kind, q.dtype), is_causal=is_causal)
    assert weights.shape == (B, H, T, S)
    assert (weights >= 0).all()
    torch.testing.assert_close(weights.sum(-1), torch.ones(B, H, T))


def test_bool_mask_equals_additive_minus_inf_and_zeroes_masked_weights() -> None:
    q, k, v = _qkv()
    allowed = _bool_mask()
    additive = torch.zeros(allowed.shape).masked_fill(~allowed, float("-inf"))
    out_bool, w_bool = attention_math(q, k, v, allowed)
    out_add, w_add = attention_math(q, k, v, additive)
    torch.testing.assert_close(out_bool, out_add)
    torch.testing.assert_close(w_bool, w_add)
    assert (w_bool.masked_select(~allowed.expand_as(w_bool)) == 0).all()


def test_additive_mask_shifts_scores() -> None:
    q, k, v = _qkv()
    bias = torch.randn(B, H, T, S)
    _, weights = attention_math(q, k, v, bias)
    scores = q @ k.transpose(-2, -1) / math.sqrt(D) + bias
    torch.testing.assert_close(weights, scores.softmax(-1))


@pytest.mark.parametrize("path", ["math", "fast"])
@pytest.mark.parametrize("hkv", [H, 2])
def test_causal_future_keys_never_change_past_outputs(path: str, hkv: int) -> None:
    q, k, v = _qkv(hkv=hkv, t=S, s=S)
    attend: Callable[[Tensor, Tensor, Tensor], Tensor]
    if path == "math":
        attend = lambda q, k, v: attention_math(q, k, v, is_causal=True)[0]  # noqa: E731
    else:
        attend = lambda q, k, v: scaled_dot_product_attention(q, k, v, is_causal=True)  # noqa: E731
    out = attend(q, k, v)
    for t in range(S - 1):
        k2, v2, q2 = k.detach().clone(), v.detach().clone(), q.detach().clone()
        k2[..., t + 1 :, :] = torch.randn_like(k2[..., t + 1 :, :])
        v2[..., t + 1 :, :] = torch.randn_like(v2[..., t + 1 :, :])
        q2[..., t + 1 :, :] = torch.randn_like(q2[..., t + 1 :, :])
        out2 = attend(q2, k2, v2)
        torch.testing.assert_close(out2[..., : t + 1, :], out[..., : t + 1, :])
        assert not torch.allclose(out2[..., t + 1 :, :], out[..., t + 1 :, :])


def test_causal_is_top_left_aligned_for_rectangular_scores() -> None:
    q, k, v = _qkv()  # T = 5 queries, S = 6 keys
    _, weights = attention_math(q, k, v, is_causal=True)
    future = ~torch.ones(T, S, dtype=torch.bool).tril()
    assert (weights[..., future] == 0).all()
    assert (weights[..., ~future] > 0).all()


def test_multi_head_attention_causal_changing_future_token() -> None:
    mha = MultiHeadAttention(16, 4, 2, rotary=True).eval()
    x = torch.randn(2, 6, 16)
    x2 = x.clone()
    x2[:, 4] = torch.randn(2, 16)
    out, out2 = mha(x, is_causal=True), mha(x2, is_causal=True)
    torch.testing.assert_close(out2[:, :4], out[:, :4])
    assert not torch.allclose(out2[:, 4:], out[:, 4:])


def test_is_causal_alone_builds_no_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Tensor | None, bool]] = []
    sdpa = F.scaled_dot_product_attention

    def spy(*args: Any, **kwargs: Any) -> Tensor:
        calls.append((args[3], args[5]))  # (q, k, v, attn_mask, dropout_p, is_causal)
        return sdpa(*args, **kwargs)

    monkeypatch.setattr(F, "scaled_dot_product_attention", spy)
    MultiHeadAttention(16, 4)(torch.randn(2, 3, 16), is_causal=True)
    assert calls == [(None, True)]


@pytest.mark.parametrize("padded", [[], [4], [2, 3, 4]])
def test_key_padding_mask_hides_padded_keys(padded: list[int]) -> None:
    mha = MultiHeadAttention(16, 4).eval()
    x = torch.randn(2, 5, 16)
    padding = torch.zeros(2, 5, dtype=torch.bool)
    padding[:, padded] = True
    x2 = x.clone()
    x2[:, padded] = torch.randn(2, len(padded), 16)
    keep = [i for i in range(5) if i not in padded]
    out = mha(x, key_padding_mask=padding)
    out2 = mha(x2, key_padding_mask=padding)
    torch.testing.assert_close(out2[:, keep], out[:, keep])
    _, weights = mha.forward_with_weights(x, key_padding_mask=padding)
    assert (weights[..., padded] == 0).all()
    # the same as the additive form of the mask
    additive = torch.zeros(2, 1, 1, 5).masked_fill(padding[:, None, None, :], float("-inf"))
    torch.testing.assert_close(mha(x, attn_mask=additive), out)


@pytest.mark.parametrize("attn_kind", ["bool", "additive"])
def test_key_padding_combines_with_attn_mask_and_causal(attn_kind: str) -> None:
    mha = MultiHeadAttention(16, 4).eval()
    x = torch.randn(2, 5, 16)
    padding = torch.zeros(2, 5, dtype=torch.bool)
    padding[1, 3:] = True
    allowed = torch.rand(5, 5) > 0.3
    allowed[:, 0] = True
    attn = allowed if attn_kind == "bool" else torch.zeros(5, 5).masked_fill(~allowed, -math.inf)
    combined = allowed & ~padding[:, None, None, :] & torch.ones(5, 5, dtype=torch.bool).tril()
    out = mha(x, attn_mask=attn, key_padding_mask=padding, is_causal=True)
    out_w, weights = mha.forward_with_weights(
        x, attn_mask=attn, key_padding_mask=padding, is_causal=True
    )
    torch.testing.assert_close(out, mha(x, attn_mask=combined))
    torch.testing.assert_close(out_w, out)
    assert (weights.masked_select(~combined.expand_as(weights)) == 0).all()


def test_key_padding_mask_must_be_boolean() -> None:
    with pytest.raises(ValueError, match="boolean"):
        MultiHeadAttention(16, 4)(torch.randn(1, 3, 16), key_padding_mask=torch.zeros(1, 3))


@pytest.mark.parametrize("dtype", [torch.int64, torch.uint8])
def test_integer_masks_are_refused_by_every_path(dtype: torch.dtype) -> None:
    q, k, v = _qkv()
    mask = _bool_mask().to(dtype)
    for attend in (attention_math, scaled_dot_product_attention):
        with pytest.raises(ValueError, match=f"boolean .* got {dtype}"):
            attend(q, k, v, mask)
        with pytest.raises(ValueError, match="boolean"):
            attend(q, k, v, mask, is_causal=True)
    mha = MultiHeadAttention(16, 4)
    x = torch.randn(1, 3, 16)
    padding = torch.zeros(1, 3, dtype=torch.bool)
    ones = torch.ones(3, 3, dtype=dtype)
    for forward in (mha, mha.forward_with_weights):
        with pytest.raises(ValueError, match="boolean"):
            forward(x, attn_mask=ones)
        with pytest.raises(ValueError, match="boolean"):
            forward(x, attn_mask=ones, key_padding_mask=padding)


def test_gradcheck_float64() -> None:
    q, k, v = (t.detach().requires_grad_() for t in _qkv(torch.float64, hkv=2, t=3, s=4))
    mask = torch.tensor([[True, True, False, True], [True, False, True, True], [True] * 4])
    additive = torch.randn(3, 4, dtype=torch.float64)

    def math_out(q: Tensor, k: Tensor, v: Tensor) -> tuple[Tensor, Tensor]:
        return attention_math(q, k, v, mask, is_causal=True)

    assert torch.autograd.gradcheck(math_out, (q, k, v))
    assert torch.autograd.gradcheck(lambda q, k, v: attention_math(q, k, v, additive)[0], (q, k, v))
    assert torch.autograd.gradcheck(
        lambda q, k, v: scaled_dot_product_attention(q, k, v, mask, is_causal=True), (q, k, v)
    )
    assert torch.autograd.gradcheck(
        lambda q, k, v: scaled_dot_product_attention(q, k, v, additive), (q, k, v)
    )


@pytest.mark.parametrize("path", ["math", "fast"])
def test_grouped_query_equals_full_attention_with_repeated_heads(path: str) -> None:
    q, k, v = _qkv(hkv=2)
    mask = _bool_mask()
    k_full, v_full = k.repeat_interleave(2, dim=1), v.repeat_interleave(2, dim=1)
    if path == "math":
        gqa, _ = attention_math(q, k, v, mask)
        full, _ = attention_math(q, k_full, v_full, mask)
    else:
        gqa = scaled_dot_product_attention(q, k, v, mask)
        full = scaled_dot_product_attention(q, k_full, v_full, mask)
    torch.testing.assert_close(gqa, full)
    # head h reads kv head h // 2
    expected = F.scaled_dot_product_attention(q[:, 1:2], k[:, :1], v[:, :1], mask)
    torch.testing.assert_close(gqa[:, 1:2], expected)


def test_grouped_query_multi_head_attention_parameter_count() -> None:
    mha = MultiHeadAttention(32, 8, 2, bias=False)
    assert mha.qkv.weight.shape == ((8 + 2 * 2) * 4, 32)
    assert mha(torch.randn(2, 3, 32)).shape == (2, 3, 32)
    with pytest.raises(ValueError, match="must divide"):
        MultiHeadAttention(32, 8, 3)
    with pytest.raises(ValueError, match="divisible"):
        MultiHeadAttention(30, 8)


def test_shape_errors() -> None:
    q, k, v = _qkv(hkv=3)
    with pytest.raises(ValueError, match="multiple"):
        attention_math(q, k, v)
    with pytest.raises(ValueError, match="4-D"):
        scaled_dot_product_attention(q[0], k[0], v[0])
    with pytest.raises(ValueError, match="differ"):
        attention_math(q, k, v[..., :-1, :])


def test_rotary_preserves_norms_and_is_identity_at_position_zero() -> None:
    rope = RotaryEmbedding(D, max_seq_len=64)
    x = torch.randn(B, H, 16, D)
    rotated = rope(x, offset=7)
    torch.testing.assert_close(rotated.norm(dim=-1), x.norm(dim=-1))
    torch.testing.assert_close(rope(x[..., :1, :]), x[..., :1, :])
    assert not torch.allclose(rotated, x)


def test_rotary_dot_product_depends_only_on_relative_position() -> None:
    rope = RotaryEmbedding(D, max_seq_len=64).double()
    q = torch.randn(1, 1, 1, D, dtype=torch.float64)
    k = torch.randn(1, 1, 1, D, dtype=torch.float64)

    def score(m: int, n: int) -> Tensor:
        return (rope(q, offset=m) * rope(k, offset=n)).sum()

    for m, n in [(0, 0), (3, 1), (1, 3), (10, 2)]:
        for shift in (1, 5, 40):
            torch.testing.assert_close(score(m + shift, n + shift), score(m, n))
    assert not torch.allclose(score(3, 1), score(1, 3))  # but it does depend on m - n


def test_rotary_matches_complex_rotation_of_half_split_pairs() -> None:
    """Channel i pairs with i + D/2 and turns by position * base**(-2i/D), as in GPT-NeoX/LLaMA."""
    rope = RotaryEmbedding(D, base=100.0).double()
    x = torch.randn(1, 2, 5, D, dtype=torch.float64)
    positions = torch.arange(3, 8, dtype=torch.float64)[:, None]
    theta = 100.0 ** (-torch.arange(0, D, 2, dtype=torch.float64) / D)
    pairs = torch.complex(x[..., : D // 2], x[..., D // 2 :]) * torch.polar(
        torch.ones(5, D // 2, dtype=torch.float64), positions * theta
    )
    torch.testing.assert_close(rope(x, offset=3), torch.cat((pairs.real, pairs.imag), dim=-1))


def test_rotary_buffers_are_not_saved_and_offset_is_checked() -> None:
    rope = RotaryEmbedding(D, max_seq_len=4)
    assert rope.state_dict() == {}
    assert {name for name, _ in rope.named_buffers()} == {"cos", "sin"}
    with pytest.raises(ValueError, match="max_seq_len"):
        rope(torch.randn(1, 1, 3, D), offset=2)
    with pytest.raises(ValueError, match="even"):
        RotaryEmbedding(7)


def test_rotary_keeps_low_precision_dtype() -> None:
    rope = RotaryEmbedding(D)
    x = torch.randn(1, 2, 3, D, dtype=torch.bfloat16)
    assert rope(x).dtype == torch.bfloat16


@pytest.mark.parametrize("form", ["bool", "additive-inf"])
def test_fully_masked_rows_give_zero_output_and_finite_gradients(form: str) -> None:
    q, k, v = _qkv()
    allowed = _bool_mask()
    allowed[:, :, 2] = False  # query 2 may attend to nothing
    mask = (
        allowed if form == "bool" else torch.zeros(allowed.shape).masked_fill(~allowed, -math.inf)
    )
    out, weights = attention_math(q, k, v, mask)
    fast = scaled_dot_product_attention(q, k, v, mask)
    assert (weights[:, :, 2] == 0).all() and (out[:, :, 2] == 0).all()
    torch.testing.assert_close(fast, out)
    torch.testing.assert_close(weights[:, :, [0, 1, 3, 4]].sum(-1), torch.ones(B, H, 4))
    for g_math, g_fast in zip(_grads(out, q, k, v), _grads(fast, q, k, v), strict=True):
        assert torch.isfinite(g_math).all()
        torch.testing.assert_close(g_fast, g_math)


def test_finite_minimum_mask_is_not_fully_masked() -> None:
    """A row filled with finfo.min is a uniform average, in both paths (documented)."""
    q, k, v = _qkv()
    mask = torch.zeros(T, S)
    mask[2] = torch.finfo(torch.float32).min
    out, weights = attention_math(q, k, v, mask)
    torch.testing.assert_close(weights[:, :, 2], torch.full((B, H, S), 1 / S))
    torch.testing.assert_close(scaled_dot_product_attention(q, k, v, mask), out)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_masking_is_safe_in_half_precision(dtype: torch.dtype) -> None:
    q, k, v = (t.detach() for t in _qkv())
    mask = _bool_mask()
    expected, _ = attention_math(q, k, v, mask, is_causal=True)
    out, weights = attention_math(
        q.to(dtype), k.to(dtype), v.to(dtype), mask, is_causal=True
    )  # the guide's masked_fill(mask == 0, -1e9) raises here under float16
    assert out.dtype == weights.dtype == dtype
    assert torch.isfinite(out).all()
    torch.testing.assert_close(out.float(), expected, rtol=0.05, atol=0.05)


def test_math_path_does_not_overflow_in_float16_where_the_fast_path_does_not() -> None:
    # Unscaled, q . k = 64 * 40 * 40 = 102400 is beyond float16's 65504; scaled it is 12800.
    q = torch.full((1, 1, 4, 64), 40.0, dtype=torch.float16)
    k = q.clone()
    k[..., 0, :] = 39.0
    v = torch.randn(1, 1, 4, 64).half()
    out, weights = attention_math(q, k, v)
    assert torch.isfinite(out).all()
    assert torch.isfinite(weights).all()
    expected, _ = attention_math(q.float(), k.float(), v.float())
    torch.testing.assert_close(out.float(), expected, rtol=0.01, atol=0.01)
    fast = scaled_dot_product_attention(q, k, v)
    torch.testing.assert_close(out.float(), fast.float(), rtol=0.01, atol=0.01)


def test_attention_dropout_only_in_training() -> None:
    q, k, v = _qkv()
    plain, _ = attention_math(q, k, v)
    evaluated, _ = attention_math(q, k, v, dropout_p=0.5, training=False)
    torch.testing.assert_close(evaluated, plain)
    trained, weights = attention_math(q, k, v, dropout_p=0.5, training=True)
    assert not torch.allclose(trained, plain)
    torch.testing.assert_close(weights.sum(-1), torch.ones(B, H, T))  # weights before dropout

    mha = MultiHeadAttention(16, 4, dropout=0.5)
    ref = MultiHeadAttention(16, 4)
    ref.load_state_dict(mha.state_dict())
    x = torch.randn(2, 5, 16)
    mha.eval()
    torch.testing.assert_close(mha(x), ref(x))
    torch.testing.assert_close(mha.forward_with_weights(x)[0], ref(x))
    mha.train()
    assert not torch.allclose(mha(x), ref(x))
    assert not torch.allclose(mha.forward_with_weights(x)[0], ref(x))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_float32_additive_mask_with_half_precision_inputs(dtype: torch.dtype) -> None:
    q, k, v = (t.detach().to(dtype) for t in _qkv())
    bias = torch.randn(B, H, T, S)  # float32, as a caller's mask often is under autocast
    out, weights = attention_math(q, k, v, bias)
    fast = scaled_dot_product_attention(q, k, v, bias, is_causal=True)
    assert out.dtype == weights.dtype == fast.dtype == dtype
    torch.testing.assert_close(
        fast.float(), attention_math(q, k, v, bias, is_causal=True)[0].float(), rtol=0.02, atol=0.02
    )


def test_fast_path_passes_boolean_masks_as_additive_minus_inf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The workaround for cuDNN's handling of fully masked boolean rows (see _to_additive)."""
    masks: list[Tensor] = []
    sdpa = F.scaled_dot_product_attention

    def spy(*args: Any, **kwargs: Any) -> Tensor:
        masks.append(args[3])
        return sdpa(*args, **kwargs)

    monkeypatch.setattr(F, "scaled_dot_product_attention", spy)
    q, k, v = _qkv(torch.float64)
    allowed = _bool_mask()
    scaled_dot_product_attention(q, k, v, allowed)
    (mask,) = masks
    assert mask.dtype == torch.float64
    assert torch.equal(mask == 0, allowed) and torch.equal(mask == -math.inf, ~allowed)
