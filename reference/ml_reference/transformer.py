"""A GPT-style decoder: feed-forward, transformer block and the GPT language model.

Written after nanoGPT. Blocks are pre-norm by default (``x + attn(norm(x))``), which trains
stably without warm-up tricks; ``norm_first=False`` gives the post-norm block of the original
Transformer and of the guide's sample (``norm(x + attn(x))``) for comparison.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import overload

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.utils.checkpoint import checkpoint

from ml_reference.attention import MultiHeadAttention
from ml_reference.losses import linear_cross_entropy

__all__ = ["GPT", "FeedForward", "GPTConfig", "TransformerBlock"]


class FeedForward(nn.Module):
    """Position-wise MLP: Linear -> GELU -> Linear -> Dropout.

    Args:
        d_model: Input and output width.
        d_ff: Hidden width (4 * d_model in GPT-2).
        dropout: Dropout probability on the output during training.
        bias: Whether the linear layers have biases.
    """

    def __init__(self, d_model: int, d_ff: int, *, dropout: float = 0.0, bias: bool = True) -> None:
        super().__init__()
        self.fc = nn.Linear(d_model, d_ff, bias=bias)
        self.act = nn.GELU()
        self.proj = nn.Linear(d_ff, d_model, bias=bias)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: Tensor) -> Tensor:
        """Apply the MLP to every position.

        Args:
            x: Input (..., d_model).

        Returns:
            Output of the same shape.
        """
        out: Tensor = self.dropout(self.proj(self.act(self.fc(x))))
        return out


class TransformerBlock(nn.Module):
    """Self-attention and feed-forward sub-layers, each with a residual connection and LayerNorm.

    Pre-norm (default): ``x = x + drop(attn(norm1(x)))``; ``x = x + ff(norm2(x))``.
    Post-norm (``norm_first=False``, the guide's sample): ``x = norm1(x + drop(attn(x)))``;
    ``x = norm2(x + ff(x))``.

    Args:
        d_model: Model width.
        n_heads: Number of query heads.
        d_ff: Feed-forward hidden width.
        n_kv_heads: Number of key/value heads (grouped-query attention); defaults to ``n_heads``.
        dropout: Dropout probability (attention weights and both residual branches).
        bias: Whether linear layers and LayerNorms have biases.
        norm_first: Pre-norm when True, post-norm when False.
        rotary: Use rotary position embeddings in attention.
        max_seq_len: Longest sequence the rotary cache covers.
        checkpoint: Recompute the block in the backward pass instead of storing its activations
            (activation checkpointing), in training mode only.
    """

    def __init__(
        self,
        d_model: int,
        n_heads: int,
        d_ff: int,
        *,
        n_kv_heads: int | None = None,
        dropout: float = 0.0,
        bias: bool = True,
        norm_first: bool = True,
        rotary: bool = False,
        max_seq_len: int = 2048,
        checkpoint: bool = False,
    ) -> None:
        super().__init__()
        self.norm_first = norm_first
        self.checkpoint = checkpoint
        self.norm1 = nn.LayerNorm(d_model, bias=bias)
        self.attn = MultiHeadAttention(
            d_model,
            n_heads,
            n_kv_heads,
            dropout=dropout,
            bias=bias,
            rotary=rotary,
            max_seq_len=max_seq_len,
        )
        self.dropout = nn.Dropout(dropout)  # on the attention branch; FeedForward has its own
        self.norm2 = nn.LayerNorm(d_model, bias=bias)
        self.ff = FeedForward(d_model, d_ff, dropout=dropout, bias=bias)

    def _attend(self, x: Tensor, is_causal: bool, key_padding_mask: Tensor | None) -> Tensor:
        """The attention branch before the residual addition.

        Args:
            x: Input of the branch (B, T, d_model).
            is_causal: Hide future positions.
            key_padding_mask: Boolean (B, T), True at padding positions.

        Returns:
            The branch output (B, T, d_model).
        """
        y = self.attn(x, key_padding_mask=key_padding_mask, is_causal=is_causal)
        out: Tensor = self.dropout(y)
        return out

    def _body(self, x: Tensor, is_causal: bool, key_padding_mask: Tensor | None) -> Tensor:
        """The block without checkpointing.

        Args:
            x: Input (B, T, d_model).
            is_causal: Hide future positions.
            key_padding_mask: Boolean (B, T), True at padding positions.

        Returns:
            Output (B, T, d_model).
        """
        if self.norm_first:
            x = x + self._attend(self.norm1(x), is_causal, key_padding_mask)
            out: Tensor = x + self.ff(self.norm2(x))
            return out
        x = self.norm1(x + self._attend(x, is_causal, key_padding_mask))
        out = self.norm2(x + self.ff(x))
        return out

    def forward(
        self, x: Tensor, *, is_causal: bool = True, key_padding_mask: Tensor | None = None
    ) -> Tensor:
        """Run the block, under activation checkpointing when enabled and training.

        Args:
            x: Input (B, T, d_model).
            is_causal: Hide future positions (the default for a decoder).
            key_padding_mask: Boolean (B, T), True at padding positions.

        Returns:
            Output (B, T, d_model).
        """
        if self.checkpoint and self.training and torch.is_grad_enabled():
            # use_reentrant=False is the recommended implementation: it supports keyword
            # arguments and inputs that do not require grad, and it restores the RNG state so
            # dropout masks are the same in the recomputation.
            out: Tensor = checkpoint(
                self._body, x, is_causal, key_padding_mask, use_reentrant=False
            )
            return out
        return self._body(x, is_causal, key_padding_mask)


@dataclass(frozen=True)
class GPTConfig:
    """Hyperparameters of ``GPT`` (GPT-2 small by default, vocabulary padded to 50304).

    Attributes:
        vocab_size: Number of token ids; 50304 = GPT-2's 50257 rounded up to a multiple of 64,
            which keeps the embedding and output matmuls on fast kernel shapes.
        block_size: Longest context (number of positions).
        n_layer: Number of transformer blocks.
        n_head: Number of query heads.
        n_kv_head: Number of key/value heads (grouped-query attention); None means ``n_head``.
        d_model: Model width.
        dropout: Dropout probability during training.
        bias: Whether linear layers and LayerNorms have biases.
        rotary: Rotary position embeddings instead of learned absolute ones.
        activation_checkpointing: Recompute block activations in the backward pass.
        chunked_loss: Compute the training loss with
            :func:`~ml_reference.losses.linear_cross_entropy`, which never materialises the
            (B, T, vocab_size) logits; False uses ``F.cross_entropy`` on the full logits,
            which takes more memory but which ``torch.compile`` can fuse into the output layer.
        fp32_residual: Under autocast, keep the residual stream (the running sum the blocks add
            into) in float32, as nanoGPT does. False keeps it in autocast's dtype (bfloat16),
            as Megatron-LM does by default: it halves the memory traffic of the residual
            additions and LayerNorms and their gradients, at the cost of rounding the running
            sum to 8 significant bits. Outside autocast it has no effect.

    Raises:
        ValueError: If a size is not positive, ``dropout`` is outside ``[0, 1)``, or the head
            counts do not divide ``d_model`` or each other.
    """

    vocab_size: int = 50304
    block_size: int = 1024
    n_layer: int = 12
    n_head: int = 12
    n_kv_head: int | None = None
    d_model: int = 768
    dropout: float = 0.0
    bias: bool = False
    rotary: bool = False
    activation_checkpointing: bool = False
    chunked_loss: bool = True
    fp32_residual: bool = True

    def __post_init__(self) -> None:
        """Reject sizes the model cannot be built with early, with a readable message.

        Raises:
            ValueError: If a size is not positive, ``dropout`` is outside ``[0, 1)``, or the
                head counts do not divide ``d_model`` or each other.
        """
        for name in ("vocab_size", "block_size", "n_layer", "n_head", "d_model"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1, got {getattr(self, name)}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {self.dropout}")
        if self.d_model % self.n_head != 0:
            raise ValueError(
                f"d_model ({self.d_model}) must be divisible by n_head ({self.n_head})"
            )
        if self.n_kv_head is not None and (
            self.n_kv_head <= 0 or self.n_head % self.n_kv_head != 0
        ):
            raise ValueError(f"n_kv_head ({self.n_kv_head}) must divide n_head ({self.n_head})")

    @property
    def d_ff(self) -> int:
        """Feed-forward hidden width, 4 * d_model as in GPT-2.

        Returns:
            The hidden width.
        """
        return 4 * self.d_model

    def to_dict(self) -> dict[str, object]:
        """The fields as a plain dict, for logging hyperparameters.

        Returns:
            Field name to value.
        """
        return dataclasses.asdict(self)


class GPT(nn.Module):
    """Decoder-only language model: embeddings, pre-norm blocks, final LayerNorm, tied LM head.

    The output projection shares its weight with the token embedding (weight tying, as in GPT-2):
    fewer parameters and a better-conditioned embedding. Weights follow GPT-2's initialisation:
    normal(0, 0.02) for linear and embedding weights, zero biases, and the two residual output
    projections of every block scaled by ``1 / sqrt(2 * n_layer)`` so the residual stream's
    variance does not grow with depth.

    Args:
        config: The model's hyperparameters.

    Example:
        >>> model = GPT(GPTConfig(vocab_size=11, block_size=8, n_layer=1, n_head=2, d_model=8))
        >>> logits, loss = model(torch.zeros(2, 5, dtype=torch.long))
        >>> logits.shape, loss is None
        (torch.Size([2, 5, 11]), True)
    """

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.d_model)
        # RoPE encodes positions inside attention; otherwise learn absolute position embeddings.
        self.wpe = None if config.rotary else nn.Embedding(config.block_size, config.d_model)
        self.drop = nn.Dropout(config.dropout)
        blocks = [
            TransformerBlock(
                config.d_model,
                config.n_head,
                config.d_ff,
                n_kv_heads=config.n_kv_head,
                dropout=config.dropout,
                bias=config.bias,
                rotary=config.rotary,
                max_seq_len=config.block_size,
                checkpoint=config.activation_checkpointing,
            )
            for _ in range(config.n_layer)
        ]
        self.blocks = nn.ModuleList(blocks)
        self.ln_f = nn.LayerNorm(config.d_model, bias=config.bias)
        self.lm_head = nn.Linear(config.d_model, config.vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight  # weight tying: one parameter, two uses

        self.apply(self._init_weights)
        residual_std = 0.02 / math.sqrt(2 * config.n_layer)
        for block in blocks:  # the projections that write into the residual stream
            nn.init.normal_(block.attn.out.weight, mean=0.0, std=residual_std)
            nn.init.normal_(block.ff.proj.weight, mean=0.0, std=residual_std)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        """GPT-2 initialisation of one submodule (LayerNorms keep their ones/zeros defaults).

        Args:
            module: The submodule.
        """
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    @overload
    def forward(self, idx: Tensor, targets: None = None) -> tuple[Tensor, None]: ...

    @overload
    def forward(self, idx: Tensor, targets: Tensor) -> tuple[None, Tensor]: ...

    def forward(
        self, idx: Tensor, targets: Tensor | None = None
    ) -> tuple[Tensor, None] | tuple[None, Tensor]:
        """Compute next-token logits, or, given targets, the mean cross-entropy loss.

        With targets (training and evaluation) the loss is computed by
        :func:`~ml_reference.losses.linear_cross_entropy`, a chunk of tokens at a time, and the
        (B, T, vocab_size) logits are never materialised: for a large vocabulary they would take
        more memory than every transformer block's activations together. With
        ``config.chunked_loss`` False it is ``F.cross_entropy`` of the full logits, in float32.

        Args:
            idx: Token ids (B, T) with ``T <= block_size``.
            targets: Next-token ids (B, T); positions equal to -100 are ignored.

        Returns:
            ``(logits, None)`` without targets, logits being (B, T, vocab_size); ``(None, loss)``
            with them.

        Raises:
            ValueError: If the sequence is longer than ``block_size``.
        """
        t = idx.shape[1]
        if t > self.config.block_size:
            raise ValueError(f"sequence length {t} exceeds block_size {self.config.block_size}")
        x: Tensor = self.wte(idx)
        if self.wpe is not None:
            x = x + self.wpe(torch.arange(t, device=idx.device))
        x = self.drop(x)
        device_type = x.device.type
        if not self.config.fp32_residual and torch.is_autocast_enabled(device_type):
            # Blocks add their bf16 outputs into x, so x keeps the dtype it starts with.
            x = x.to(torch.get_autocast_dtype(device_type))
        for block in self.blocks:
            x = block(x, is_causal=True)
        x = self.ln_f(x)
        if targets is None:
            logits: Tensor = self.lm_head(x)
            return logits, None
        if self.config.chunked_loss:
            loss = linear_cross_entropy(x.flatten(0, 1), self.lm_head.weight, targets.flatten())
        else:
            logits = self.lm_head(x).flatten(0, 1).float()
            loss = F.cross_entropy(logits, targets.flatten(), ignore_index=-100)
        return None, loss

    def num_parameters(self, exclude_embeddings: bool = False) -> int:
        """Count parameters; the tied embedding/LM head weight counts once.

        Args:
            exclude_embeddings: Leave out the position embedding, as nanoGPT does. The token
                embedding stays in: it is also the LM head's weight and does compute.

        Returns:
            The number of parameters.
        """
        n = sum(p.numel() for p in self.parameters())
        if exclude_embeddings and self.wpe is not None:
            n -= self.wpe.weight.numel()
        return n

    def flops_per_token(self) -> float:
        """Training FLOPs per token (forward + backward), for model FLOPs utilisation (MFU).

        ``6 * N + 12 * n_layer * d_model * block_size`` (PaLM appendix B, as in nanoGPT): 6 FLOPs
        per parameter per token for the matmuls of forward and backward, plus the attention
        score and value matmuls over a full context of ``block_size`` tokens. N excludes the
        position embedding (a lookup, not a matmul).

        Returns:
            FLOPs per token.
        """
        cfg = self.config
        n = self.num_parameters(exclude_embeddings=True)
        return float(6 * n + 12 * cfg.n_layer * cfg.d_model * cfg.block_size)

    def configure_optimizer(
        self,
        weight_decay: float,
        lr: float,
        betas: tuple[float, float],
        device_type: str,
    ) -> torch.optim.AdamW:
        """AdamW with weight decay on matrices and embeddings only.

        Biases and LayerNorm weights (the 1-D parameters) are not decayed: shrinking them toward
        zero only hurts. The fused CUDA implementation is used on CUDA.

        Args:
            weight_decay: Decoupled weight decay of the >= 2-D parameters.
            lr: Learning rate.
            betas: Adam's beta1 and beta2.
            device_type: ``"cuda"``, ``"cpu"``, ...: where the parameters live.

        Returns:
            The optimizer, with two parameter groups (decayed, then not decayed).
        """
        params = [p for p in self.parameters() if p.requires_grad]
        groups = [
            {"params": [p for p in params if p.dim() >= 2], "weight_decay": weight_decay},
            {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
        ]
        return torch.optim.AdamW(groups, lr=lr, betas=betas, fused=device_type == "cuda")

    @torch.no_grad()
    def generate(
        self,
        idx: Tensor,
        max_new_tokens: int,
        temperature: float = 1.0,
        top_k: int | None = None,
    ) -> Tensor:
        """Sample ``max_new_tokens`` tokens autoregressively (call ``model.eval()`` first).

        The context is cropped to the last ``block_size`` tokens at every step. Without a kv
        cache each step reruns the whole context: simple, and fine for a small model.

        Args:
            idx: Prompt token ids (B, T).
            max_new_tokens: Number of tokens to append.
            temperature: Softmax temperature; 0 picks the most likely token (greedy).
            top_k: Sample only among the ``top_k`` most likely tokens.

        Returns:
            Token ids (B, T + max_new_tokens): the prompt followed by the samples.

        Raises:
            ValueError: If ``temperature`` is negative or ``top_k`` is not positive.
        """
        if temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {temperature}")
        if top_k is not None and top_k <= 0:
            raise ValueError(f"top_k must be positive, got {top_k}")
        for _ in range(max_new_tokens):
            context = idx[:, -self.config.block_size :]
            logits, _ = self(context)
            logits = logits[:, -1, :]
            if temperature == 0:
                next_id = logits.argmax(dim=-1, keepdim=True)
            else:
                logits = logits / temperature
                if top_k is not None:
                    kth = torch.topk(logits, min(top_k, logits.shape[-1])).values[:, -1:]
                    logits = logits.masked_fill(logits < kth, float("-inf"))
                next_id = torch.multinomial(F.softmax(logits, dim=-1), num_samples=1)
            idx = torch.cat((idx, next_id), dim=1)
        return idx
