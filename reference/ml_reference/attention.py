"""Scaled dot-product attention: a readable math path, a fast path, RoPE and multi-head attention.

``attention_math`` spells the computation out and returns the attention weights; it is the
reference the fast path (``torch.nn.functional.scaled_dot_product_attention``) is tested against.
Both take the same arguments and follow F.sdpa's conventions:

- ``q`` is (B, H, T, D); ``k`` and ``v`` are (B, Hkv, S, D) with ``H % Hkv == 0``. When
  ``Hkv < H`` (grouped-query attention) query head ``h`` reads key/value head ``h // (H // Hkv)``.
- ``mask`` is either boolean (True = this query may attend to this key) or additive float (added to
  the scores), broadcastable to (B, H, T, S). Note that ``nn.MultiheadAttention`` uses the opposite
  boolean convention (True = masked out).
- ``is_causal`` masks keys after the query's position, top-left aligned (query ``i`` sees keys
  ``0..i``), and may be combined with ``mask``.
- A query whose keys are all masked out (boolean False or additive ``-inf``) gets all-zero weights,
  a zero output and zero gradients instead of NaN, as F.sdpa's own math backend does since torch
  2.5 (the fast path makes sure of it on CUDA too, see ``_to_additive``). A row masked with a
  large *finite* value such as ``finfo.min`` is not fully masked: its softmax is uniform. That
  holds while the value stays finite in the scores' dtype: an additive mask is cast to the
  queries' dtype, and float32's ``finfo.min`` becomes ``-inf`` in float16 and bfloat16, which
  masks the row fully.
- Integer masks are refused: a 0/1 mask would be added to the scores instead of hiding keys.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn

__all__ = [
    "MultiHeadAttention",
    "RotaryEmbedding",
    "attention_math",
    "scaled_dot_product_attention",
]


def _check_shapes(q: Tensor, k: Tensor, v: Tensor) -> None:
    """Validate the (B, H, T, D) / (B, Hkv, S, D) layout shared by both attention paths.

    Args:
        q: Queries.
        k: Keys.
        v: Values.

    Raises:
        ValueError: If the ranks, batch sizes, head counts or head sizes do not fit together.
    """
    if q.dim() != 4 or k.dim() != 4 or v.dim() != 4:
        raise ValueError(f"q, k, v must be 4-D (B, H, T, D), got {q.dim()}, {k.dim()}, {v.dim()}")
    if k.shape != v.shape:
        raise ValueError(f"k and v shapes differ: {tuple(k.shape)} vs {tuple(v.shape)}")
    if q.shape[0] != k.shape[0] or q.shape[-1] != k.shape[-1]:
        raise ValueError(f"q {tuple(q.shape)} and k {tuple(k.shape)} differ in batch or head size")
    if q.shape[1] % k.shape[1] != 0:
        raise ValueError(
            f"query heads ({q.shape[1]}) must be a multiple of kv heads ({k.shape[1]})"
        )


def _check_mask(mask: Tensor | None) -> None:
    """Refuse a mask that is neither boolean nor floating point.

    An integer 0/1 mask would otherwise be added to the scores as a bias of 0 or 1 instead of
    hiding anything.

    Args:
        mask: The mask, or None.

    Raises:
        ValueError: If ``mask`` is an integer (or complex) tensor.
    """
    if mask is not None and mask.dtype != torch.bool and not mask.dtype.is_floating_point:
        raise ValueError(
            f"mask must be boolean (True = may attend) or an additive float mask, got "
            f"{mask.dtype}; convert a 0/1 mask with mask.bool()"
        )


def _causal_mask(t: int, s: int, device: torch.device) -> Tensor:
    """Boolean (T, S) mask, True on and below the diagonal (top-left aligned, like F.sdpa).

    Args:
        t: Number of queries.
        s: Number of keys.
        device: Where to create the mask.

    Returns:
        The lower-triangular boolean mask.
    """
    return torch.ones(t, s, dtype=torch.bool, device=device).tril()


def _merge_causal(mask: Tensor, t: int, s: int) -> Tensor:
    """Fold a causal mask into ``mask``, keeping its kind (boolean stays boolean).

    Args:
        mask: Boolean (True = attend) or additive float mask, broadcastable to (..., T, S).
        t: Number of queries.
        s: Number of keys.

    Returns:
        A mask of the same kind that also hides future keys.
    """
    causal = _causal_mask(t, s, mask.device)
    if mask.dtype == torch.bool:
        return mask & causal
    return torch.where(causal, mask, float("-inf"))


def _to_additive(mask: Tensor, dtype: torch.dtype) -> Tensor:
    """An additive mask in ``dtype``: boolean masks become 0 (attend) / -inf (masked).

    The fast path hands F.sdpa additive masks only: with torch 2.11 on an H100, the cuDNN kernel
    that F.sdpa picks for a boolean mask returns a wrong, non-zero output for fully masked
    rows, while a -inf mask gives zeros, and finite gradients, on every backend. The price is
    one elementwise pass over the mask.

    Args:
        mask: Boolean (True = attend) or additive float mask.
        dtype: The query's dtype, which F.sdpa requires of an additive mask.

    Returns:
        The additive mask.
    """
    if mask.dtype != torch.bool:
        return mask.to(dtype)
    additive = torch.zeros(mask.shape, dtype=dtype, device=mask.device)
    return additive.masked_fill_(~mask, float("-inf"))


def _safe_softmax(scores: Tensor) -> Tensor:
    """Softmax over the last dim that returns zeros, not NaN, for rows that are entirely ``-inf``.

    The softmax runs in at least float32: half-precision exponent sums lose too many bits.

    Args:
        scores: Attention scores (..., T, S) in which masked positions are ``-inf``.

    Returns:
        Weights of the same shape and dtype as ``scores``; each row sums to one, or to zero when
        every key of the row is masked.
    """
    fully_masked = (scores == float("-inf")).all(dim=-1, keepdim=True)
    # Filling (not multiplying) keeps the backward pass free of NaN: masked_fill's gradient is
    # zero at the filled positions.
    scores = scores.masked_fill(fully_masked, 0.0)
    weights = F.softmax(scores, dim=-1, dtype=torch.promote_types(scores.dtype, torch.float32))
    return weights.masked_fill(fully_masked, 0.0).to(scores.dtype)


def attention_math(
    q: Tensor,
    k: Tensor,
    v: Tensor,
    mask: Tensor | None = None,
    *,
    is_causal: bool = False,
    dropout_p: float = 0.0,
    scale: float | None = None,
    training: bool = True,
) -> tuple[Tensor, Tensor]:
    """Attention written out step by step; returns the output and the attention weights.

    Use it to inspect weights and as the reference for ``scaled_dot_product_attention``, which
    has the same semantics (see the module docstring) and is faster.

    Args:
        q: Queries (B, H, T, D).
        k: Keys (B, Hkv, S, D), ``H % Hkv == 0``.
        v: Values (B, Hkv, S, D).
        mask: Boolean (True = may attend) or additive float mask broadcastable to (B, H, T, S).
        is_causal: Also hide keys after each query's position (top-left aligned).
        dropout_p: Dropout probability on the attention weights, applied only when ``training``.
        scale: Score scale; defaults to ``1 / sqrt(D)``.
        training: Whether dropout is active.

    Returns:
        ``(output, weights)``: output (B, H, T, D) and the softmax weights (B, H, T, S) before
        dropout, so each row sums to one (zero for a fully masked row).

    Example:
        >>> q = k = v = torch.randn(1, 2, 3, 4)
        >>> out, weights = attention_math(q, k, v, is_causal=True)
        >>> out.shape, weights.shape
        (torch.Size([1, 2, 3, 4]), torch.Size([1, 2, 3, 3]))
    """
    _check_shapes(q, k, v)
    _check_mask(mask)
    n_rep = q.shape[1] // k.shape[1]
    if n_rep > 1:  # grouped-query attention: every kv head serves n_rep consecutive query heads
        k = k.repeat_interleave(n_rep, dim=1)
        v = v.repeat_interleave(n_rep, dim=1)
    # A Python float scale, not torch.sqrt(torch.tensor(d)): a constant known in Python needs no
    # tensor allocation or extra op per call, traced graphs (torch.compile, ONNX) see a constant,
    # and F.sdpa's own ``scale`` argument takes a float.
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else scale
    # Scaling q before the product, as F.sdpa does, keeps the unscaled q . k (sqrt(D) times
    # larger) from overflowing in float16.
    scores = (q * scale) @ k.transpose(-2, -1)  # (B, H, T, S)

    t, s = q.shape[-2], k.shape[-2]
    allowed = _causal_mask(t, s, q.device) if is_causal else None
    if mask is not None:
        if mask.dtype == torch.bool:
            allowed = mask if allowed is None else allowed & mask
        else:  # in the scores' dtype, as the fast path does, so a float32 mask cannot promote
            scores = scores + mask.to(scores.dtype)
    if allowed is not None:
        # -inf, not -1e9: -1e9 does not fit in float16 (masked_fill raises) and, where it fits, a
        # large finite value leaks weight into fully masked rows. -inf exists in every float
        # dtype; _safe_softmax turns fully masked rows into zeros instead of NaN.
        scores = scores.masked_fill(~allowed, float("-inf"))

    weights = _safe_softmax(scores)
    dropped = F.dropout(weights, p=dropout_p, training=training) if dropout_p > 0 else weights
    return dropped @ v, weights


def _torch_version() -> tuple[int, int]:
    """The running torch's (major, minor) version.

    Returns:
        The version, e.g. ``(2, 5)``.
    """
    major, minor = torch.__version__.split(".")[:2]
    return int(major), int(minor)


# ``enable_gqa`` arrived in torch 2.5; older versions repeat the kv heads instead.
_SDPA_HAS_GQA = _torch_version() >= (2, 5)


def scaled_dot_product_attention(
    q: Tensor,
    k: Tensor,
    v: Tensor,
    mask: Tensor | None = None,
    *,
    is_causal: bool = False,
    dropout_p: float = 0.0,
    scale: float | None = None,
) -> Tensor:
    """Fast attention through ``torch.nn.functional.scaled_dot_product_attention``.

    Same semantics as ``attention_math`` (see the module docstring), but PyTorch picks a fused
    kernel (FlashAttention, memory-efficient, cuDNN or math) and never builds the (T, S) weights
    when it does not have to. Dropout is applied whenever ``dropout_p > 0``: pass
    ``dropout_p if module.training else 0.0``.

    Args:
        q: Queries (B, H, T, D).
        k: Keys (B, Hkv, S, D), ``H % Hkv == 0``.
        v: Values (B, Hkv, S, D).
        mask: Boolean (True = may attend) or additive float mask broadcastable to (B, H, T, S).
        is_causal: Also hide keys after each query's position (top-left aligned).
        dropout_p: Dropout probability on the attention weights.
        scale: Score scale; defaults to ``1 / sqrt(D)``.

    Returns:
        The attention output (B, H, T, D).

    Example:
        >>> q, k, v = torch.randn(2, 4, 5, 8), torch.randn(2, 2, 5, 8), torch.randn(2, 2, 5, 8)
        >>> scaled_dot_product_attention(q, k, v, is_causal=True).shape
        torch.Size([2, 4, 5, 8])
    """
    _check_shapes(q, k, v)
    _check_mask(mask)
    if mask is not None:
        if is_causal:  # F.sdpa refuses attn_mask together with is_causal: fold the two
            mask = _merge_causal(mask, q.shape[-2], k.shape[-2])
            is_causal = False
        mask = _to_additive(mask, q.dtype)
    # With is_causal and no other mask, F.sdpa never materialises a (T, S) mask: the fused
    # kernels skip the upper triangle altogether.
    n_rep = q.shape[1] // k.shape[1]
    # The fused CUDA kernels take grouped kv heads (enable_gqa) only in half precision; in
    # float32 F.sdpa would fall back to its slow math backend, so repeat the heads there and
    # keep the memory-efficient kernel (2x faster on an H100, torch 2.11).
    low_precision = q.dtype in (torch.float16, torch.bfloat16)
    if n_rep > 1 and (not _SDPA_HAS_GQA or (q.is_cuda and not low_precision)):
        k = k.repeat_interleave(n_rep, dim=1)
        v = v.repeat_interleave(n_rep, dim=1)
        n_rep = 1
    if n_rep > 1:
        return F.scaled_dot_product_attention(
            q, k, v, mask, dropout_p, is_causal, scale=scale, enable_gqa=True
        )
    return F.scaled_dot_product_attention(q, k, v, mask, dropout_p, is_causal, scale=scale)


class RotaryEmbedding(nn.Module):
    """Rotary position embedding (RoPE, Su et al. 2021), "rotate half" layout as in GPT-NeoX/LLaMA.

    Channel ``i`` and channel ``i + D/2`` of every head form a pair that is rotated by the angle
    ``position * base ** (-2i / D)``. Rotating q and k this way makes ``q_m . k_n`` depend on the
    positions only through ``m - n``, and leaves vector norms unchanged. cos and sin are cached
    for ``max_seq_len`` positions as non-persistent buffers: they follow ``.to(device)`` but are
    not saved in the state dict.

    Args:
        head_dim: Size D of each head; must be even.
        max_seq_len: Number of positions to cache.
        base: Frequency base.

    Raises:
        ValueError: If ``head_dim`` is odd.
    """

    cos: Tensor
    sin: Tensor

    def __init__(self, head_dim: int, max_seq_len: int = 2048, base: float = 10000.0) -> None:
        super().__init__()
        if head_dim % 2 != 0:
            raise ValueError(f"head_dim must be even for rotary embeddings, got {head_dim}")
        self.head_dim = head_dim
        self.max_seq_len = max_seq_len
        self.base = base
        inv_freq = 1.0 / base ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
        angles = torch.outer(torch.arange(max_seq_len, dtype=torch.float64), inv_freq)
        angles = torch.cat((angles, angles), dim=-1)  # (max_seq_len, D): pair i with i + D/2
        # Computed in float64, stored in float32: positions in the thousands need the precision.
        self.register_buffer("cos", angles.cos().float(), persistent=False)
        self.register_buffer("sin", angles.sin().float(), persistent=False)

    def forward(self, x: Tensor, offset: int = 0) -> Tensor:
        """Rotate ``x`` by the angles of positions ``offset .. offset + T - 1``.

        Args:
            x: Queries or keys (B, H, T, D).
            offset: Position of the first time step (e.g. the length of a kv cache).

        Returns:
            The rotated tensor, same shape and dtype as ``x``.

        Raises:
            ValueError: If the positions run past ``max_seq_len``.
        """
        t = x.shape[-2]
        if offset + t > self.max_seq_len:
            raise ValueError(f"positions up to {offset + t} exceed max_seq_len={self.max_seq_len}")
        # Cast to x's dtype: under autocast q/k are bf16 and float32 tables would promote them.
        cos = self.cos[offset : offset + t].to(x.dtype)
        sin = self.sin[offset : offset + t].to(x.dtype)
        x1, x2 = x.chunk(2, dim=-1)
        rotated_half = torch.cat((-x2, x1), dim=-1)
        return x * cos + rotated_half * sin


class MultiHeadAttention(nn.Module):
    """Multi-head self-attention with a fused QKV projection, grouped-query heads and RoPE.

    One ``nn.Linear`` (``qkv``) computes queries (``n_heads`` heads) and keys and values
    (``n_kv_heads`` heads each); ``out`` projects the concatenated heads back to ``d_model``.
    ``forward`` runs the fast path; ``forward_with_weights`` runs ``attention_math`` and also
    returns the weights. Attention dropout is active only in training mode.

    Masks follow F.sdpa: a boolean ``attn_mask`` is True where a query may attend (the opposite
    of ``nn.MultiheadAttention``), a float one is added to the scores. ``key_padding_mask`` is
    (B, S) and True at padding keys, as in ``nn.MultiheadAttention``.

    Args:
        d_model: Model width; must be divisible by ``n_heads``.
        n_heads: Number of query heads.
        n_kv_heads: Number of key/value heads (grouped-query attention); defaults to ``n_heads``
            and must divide it.
        dropout: Dropout probability on the attention weights during training.
        bias: Whether the projections have biases.
        rotary: Apply rotary position embeddings to queries and keys.
        max_seq_len: Longest sequence the rotary cache covers.

    Raises:
        ValueError: If the head counts do not divide ``d_model`` or each other.
    """

    def __init__(
        self,
        d_model: int,
        n_heads: int,
        n_kv_heads: int | None = None,
        *,
        dropout: float = 0.0,
        bias: bool = True,
        rotary: bool = False,
        max_seq_len: int = 2048,
    ) -> None:
        super().__init__()
        n_kv_heads = n_heads if n_kv_heads is None else n_kv_heads
        if d_model % n_heads != 0:
            raise ValueError(f"d_model ({d_model}) must be divisible by n_heads ({n_heads})")
        if n_kv_heads <= 0 or n_heads % n_kv_heads != 0:
            raise ValueError(f"n_kv_heads ({n_kv_heads}) must divide n_heads ({n_heads})")
        self.d_model = d_model
        self.n_heads = n_heads
        self.n_kv_heads = n_kv_heads
        self.head_dim = d_model // n_heads
        self.dropout = dropout
        self.qkv = nn.Linear(d_model, (n_heads + 2 * n_kv_heads) * self.head_dim, bias=bias)
        self.out = nn.Linear(d_model, d_model, bias=bias)
        self.rotary = RotaryEmbedding(self.head_dim, max_seq_len) if rotary else None

    @classmethod
    def from_torch(cls, mha: nn.MultiheadAttention) -> MultiHeadAttention:
        """Copy the weights of a self-attention ``nn.MultiheadAttention`` into a new module.

        ``nn.MultiheadAttention`` packs q, k, v the same way (rows ``[q; k; v]`` of
        ``in_proj_weight``), so the copy is exact. Remember that its boolean ``attn_mask`` means
        "masked out": pass ``~mask`` here.

        Args:
            mha: A ``batch_first=True`` module with equal q/k/v sizes and no bias_k/bias_v.

        Returns:
            A module on the same device and dtype, in the same training mode, whose ``forward``
            matches ``mha(x, x, x)[0]``.

        Raises:
            ValueError: If ``mha`` is not one this class can represent.
        """
        if not mha.batch_first or mha.in_proj_weight is None:
            raise ValueError("need batch_first=True and equal query/key/value sizes")
        if mha.bias_k is not None or mha.add_zero_attn:
            raise ValueError("bias_k/bias_v and add_zero_attn are not supported")
        bias = mha.in_proj_bias is not None
        new = cls(mha.embed_dim, mha.num_heads, dropout=mha.dropout, bias=bias)
        new.to(device=mha.in_proj_weight.device, dtype=mha.in_proj_weight.dtype)
        with torch.no_grad():
            new.qkv.weight.copy_(mha.in_proj_weight)
            new.out.weight.copy_(mha.out_proj.weight)
            if mha.in_proj_bias is not None:
                new.qkv.bias.copy_(mha.in_proj_bias)
                new.out.bias.copy_(mha.out_proj.bias)
        return new.train(mha.training)

    def _project(self, x: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        """Project ``x`` (B, T, d_model) to q (B, H, T, D) and k, v (B, Hkv, T, D), with RoPE.

        Args:
            x: Input sequence.

        Returns:
            Queries, keys and values.
        """
        b, t, _ = x.shape
        qkv: Tensor = self.qkv(x)
        kv_size = self.n_kv_heads * self.head_dim
        q, k, v = torch.split(qkv, [self.d_model, kv_size, kv_size], dim=-1)
        q = q.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        k = k.view(b, t, self.n_kv_heads, self.head_dim).transpose(1, 2)
        v = v.view(b, t, self.n_kv_heads, self.head_dim).transpose(1, 2)
        if self.rotary is not None:
            q, k = self.rotary(q), self.rotary(k)
        return q, k, v

    @staticmethod
    def _merge_masks(attn_mask: Tensor | None, key_padding_mask: Tensor | None) -> Tensor | None:
        """Combine ``attn_mask`` with a (B, S) padding mask into one F.sdpa-style mask.

        Args:
            attn_mask: Boolean (True = attend) or additive float mask, or None.
            key_padding_mask: Boolean (B, S), True at padding keys, or None.

        Returns:
            A mask broadcastable to (B, H, T, S), boolean unless ``attn_mask`` is float; None
            when both are None.

        Raises:
            ValueError: If ``key_padding_mask`` is not boolean.
        """
        _check_mask(attn_mask)  # before torch.where below could turn an integer mask into float
        if key_padding_mask is None:
            return attn_mask
        if key_padding_mask.dtype != torch.bool:
            raise ValueError("key_padding_mask must be boolean (True = padding)")
        keep = ~key_padding_mask[:, None, None, :]  # (B, 1, 1, S)
        if attn_mask is None:
            return keep
        if attn_mask.dtype == torch.bool:
            return attn_mask & keep
        return torch.where(keep, attn_mask, float("-inf"))

    def _merge_heads(self, y: Tensor) -> Tensor:
        """Concatenate heads (B, H, T, D) -> (B, T, d_model) and apply the output projection.

        Args:
            y: Per-head attention output.

        Returns:
            The projected output.
        """
        b, _, t, _ = y.shape
        out: Tensor = self.out(y.transpose(1, 2).reshape(b, t, self.d_model))
        return out

    def forward(
        self,
        x: Tensor,
        *,
        attn_mask: Tensor | None = None,
        key_padding_mask: Tensor | None = None,
        is_causal: bool = False,
    ) -> Tensor:
        """Self-attention over ``x`` with the fast path.

        Args:
            x: Input (B, T, d_model).
            attn_mask: Boolean (True = may attend) or additive float mask broadcastable to
                (B, H, T, T).
            key_padding_mask: Boolean (B, T), True at padding positions.
            is_causal: Hide future positions; with no other mask no mask tensor is built.

        Returns:
            The output (B, T, d_model).
        """
        q, k, v = self._project(x)
        mask = self._merge_masks(attn_mask, key_padding_mask)
        dropout_p = self.dropout if self.training else 0.0
        y = scaled_dot_product_attention(q, k, v, mask, is_causal=is_causal, dropout_p=dropout_p)
        return self._merge_heads(y)

    def forward_with_weights(
        self,
        x: Tensor,
        *,
        attn_mask: Tensor | None = None,
        key_padding_mask: Tensor | None = None,
        is_causal: bool = False,
    ) -> tuple[Tensor, Tensor]:
        """Self-attention over ``x`` with the math path, also returning the attention weights.

        Args:
            x: Input (B, T, d_model).
            attn_mask: Boolean (True = may attend) or additive float mask broadcastable to
                (B, H, T, T).
            key_padding_mask: Boolean (B, T), True at padding positions.
            is_causal: Hide future positions.

        Returns:
            ``(output, weights)``: output (B, T, d_model) and per-head weights (B, H, T, T)
            before dropout.
        """
        q, k, v = self._project(x)
        mask = self._merge_masks(attn_mask, key_padding_mask)
        y, weights = attention_math(
            q, k, v, mask, is_causal=is_causal, dropout_p=self.dropout, training=self.training
        )
        return self._merge_heads(y), weights
