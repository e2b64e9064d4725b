"""Tests of ml_reference.transformer: feed-forward, blocks and the GPT model."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor, nn

import ml_reference.transformer as transformer
from ml_reference.transformer import GPT, FeedForward, GPTConfig, TransformerBlock

TINY = GPTConfig(vocab_size=11, block_size=8, n_layer=2, n_head=2, d_model=8)


def _tokens(b: int = 2, t: int = 8, vocab: int = 11) -> Tensor:
    return torch.randint(vocab, (b, t))


def test_feed_forward_is_linear_gelu_linear_dropout() -> None:
    ff = FeedForward(8, 32, dropout=0.1)
    assert [type(m) for m in ff.children()] == [nn.Linear, nn.GELU, nn.Linear, nn.Dropout]
    ff.eval()
    x = torch.randn(2, 3, 8)
    torch.testing.assert_close(ff(x), ff.proj(F.gelu(ff.fc(x))))


def test_block_is_pre_norm_by_default() -> None:
    block = TransformerBlock(16, 4, 64).eval()
    assert block.norm_first
    x = torch.randn(2, 5, 16)
    h = x + block.attn(block.norm1(x), is_causal=True)
    expected = h + block.ff(block.norm2(h))
    torch.testing.assert_close(block(x), expected)


def test_post_norm_matches_the_guide_sample() -> None:
    block = TransformerBlock(16, 4, 64, norm_first=False).eval()
    x = torch.randn(2, 5, 16)
    h = block.norm1(x + block.attn(x, is_causal=True))
    expected = block.norm2(h + block.ff(h))
    torch.testing.assert_close(block(x), expected)
    # the output of a post-norm block is normalised; a pre-norm block's is not
    torch.testing.assert_close(block(x).mean(-1), torch.zeros(2, 5), atol=1e-5, rtol=0)


def test_block_passes_key_padding_mask_and_is_causal() -> None:
    block = TransformerBlock(16, 4, 64).eval()
    x = torch.randn(2, 5, 16)
    padding = torch.zeros(2, 5, dtype=torch.bool)
    padding[:, 3] = True
    x2 = x.clone()
    x2[:, 3] = torch.randn(2, 16)
    out = block(x, is_causal=False, key_padding_mask=padding)
    out2 = block(x2, is_causal=False, key_padding_mask=padding)
    keep = [0, 1, 2, 4]
    torch.testing.assert_close(out2[:, keep], out[:, keep])
    # without is_causal, position 0 sees the future
    assert not torch.allclose(block(x2, is_causal=False)[:, 0], block(x, is_causal=False)[:, 0])


@pytest.mark.parametrize("rotary", [False, True])
def test_activation_checkpointing_gives_identical_outputs_and_gradients(
    rotary: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = dataclasses.replace(TINY, dropout=0.1, rotary=rotary, n_kv_head=1)
    plain = GPT(config)
    ckpt = GPT(dataclasses.replace(config, activation_checkpointing=True))
    ckpt.load_state_dict(plain.state_dict())
    calls = 0
    original = transformer.checkpoint

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        assert kwargs["use_reentrant"] is False
        return original(*args, **kwargs)

    monkeypatch.setattr(transformer, "checkpoint", counting)
    idx, targets = _tokens(), _tokens()
    torch.manual_seed(1)  # same dropout masks in both runs
    _, loss = plain(idx, targets)
    loss.backward()
    torch.manual_seed(1)
    _, loss_c = ckpt(idx, targets)
    loss_c.backward()
    assert calls == config.n_layer
    torch.testing.assert_close(loss_c, loss, rtol=0, atol=0)
    grads = dict(plain.named_parameters())
    for name, p in ckpt.named_parameters():
        assert p.grad is not None and grads[name].grad is not None
        torch.testing.assert_close(p.grad, grads[name].grad, rtol=0, atol=0)
    # no checkpointing in eval mode or without grad
    ckpt.eval()
    ckpt(idx)
    ckpt.train()
    with torch.no_grad():
        ckpt(idx)
    assert calls == config.n_layer


def test_weight_tying() -> None:
    model = GPT(TINY)
    assert model.lm_head.weight is model.wte.weight
    names = [name for name, _ in model.named_parameters()]
    assert "wte.weight" in names and "lm_head.weight" not in names  # one parameter


@pytest.mark.parametrize(
    "config",
    [
        TINY,
        dataclasses.replace(TINY, rotary=True, n_kv_head=1),
        dataclasses.replace(TINY, bias=True, activation_checkpointing=True),
    ],
)
def test_future_tokens_do_not_change_past_logits(config: GPTConfig) -> None:
    model = GPT(config).eval()
    idx = _tokens()
    logits, _ = model(idx)
    for t in range(config.block_size - 1):
        changed = idx.clone()
        changed[:, t + 1 :] = (changed[:, t + 1 :] + 1) % config.vocab_size
        logits2, _ = model(changed)
        torch.testing.assert_close(logits2[:, : t + 1], logits[:, : t + 1])
        assert not torch.allclose(logits2[:, t + 1 :], logits[:, t + 1 :])


@pytest.mark.parametrize("rotary", [False, True])
def test_forward_composes_embeddings_blocks_and_tied_head(rotary: bool) -> None:
    model = GPT(dataclasses.replace(TINY, rotary=rotary)).eval()
    idx = _tokens(t=6)
    x = model.wte.weight[idx]
    if model.wpe is not None:
        x = x + model.wpe.weight[:6]
    assert (model.wpe is None) == rotary
    for block in model.blocks:
        x = block(x, is_causal=True)
    expected = model.ln_f(x) @ model.wte.weight.T
    torch.testing.assert_close(model(idx)[0], expected)


def test_loss_is_cross_entropy_of_logits() -> None:
    model = GPT(TINY)
    idx, targets = _tokens(), _tokens()
    logits, no_loss = model(idx)
    assert logits.shape == (2, 8, TINY.vocab_size) and no_loss is None
    no_logits, loss = model(idx, targets)
    assert no_logits is None and loss.shape == ()
    expected = -logits.log_softmax(-1).gather(-1, targets[..., None]).mean()
    torch.testing.assert_close(loss, expected)
    # at initialisation the predictions are nearly uniform
    assert abs(loss.item() - math.log(TINY.vocab_size)) < 0.1
    assert model(idx)[1] is None


def test_full_logits_loss_equals_the_chunked_loss_and_its_gradients() -> None:
    torch.manual_seed(0)
    chunked = GPT(TINY)
    full = GPT(dataclasses.replace(TINY, chunked_loss=False))
    full.load_state_dict(chunked.state_dict())
    idx, targets = _tokens(), _tokens()
    targets[0, :3] = -100  # ignored positions count in neither
    losses = [model(idx, targets)[1] for model in (chunked, full)]
    torch.testing.assert_close(losses[0], losses[1])
    for loss in losses:
        loss.backward()
    for (name, a), b in zip(chunked.named_parameters(), full.parameters(), strict=True):
        assert a.grad is not None and b.grad is not None, name
        torch.testing.assert_close(a.grad, b.grad, msg=name)


def _residual_dtypes(model: GPT) -> list[torch.dtype]:
    """Run a bf16-autocast forward pass; return the dtype of the residual stream at each block."""
    seen: list[torch.dtype] = []
    hooks = [
        block.register_forward_pre_hook(lambda _module, args: seen.append(args[0].dtype))
        for block in model.blocks
    ]
    with torch.autocast("cpu", dtype=torch.bfloat16):
        model(_tokens(), _tokens())
    for hook in hooks:
        hook.remove()
    return seen


def test_residual_stream_is_float32_under_autocast_unless_asked_for_bf16() -> None:
    torch.manual_seed(0)
    fp32 = GPT(TINY)
    bf16 = GPT(dataclasses.replace(TINY, fp32_residual=False))
    bf16.load_state_dict(fp32.state_dict())
    assert set(_residual_dtypes(fp32)) == {torch.float32}
    assert set(_residual_dtypes(bf16)) == {torch.bfloat16}
    # The same model, only rounded differently: the losses agree to bf16 precision.
    idx, targets = _tokens(), _tokens()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        losses = [model(idx, targets)[1] for model in (fp32, bf16)]
    torch.testing.assert_close(losses[0], losses[1], atol=2e-2, rtol=1e-2)
    # Outside autocast the option changes nothing.
    torch.testing.assert_close(fp32(idx, targets)[1], bf16(idx, targets)[1])


def test_sequence_longer_than_block_size_is_rejected() -> None:
    with pytest.raises(ValueError, match="block_size"):
        GPT(TINY)(_tokens(t=9))


def test_init_std_as_specified() -> None:
    config = GPTConfig(vocab_size=512, block_size=64, n_layer=4, n_head=4, d_model=64, bias=True)
    model = GPT(config)
    residual_std = 0.02 / math.sqrt(2 * config.n_layer)
    for name, p in model.named_parameters():
        if name.endswith(("attn.out.weight", "ff.proj.weight")):
            assert p.std().item() == pytest.approx(residual_std, rel=0.05), name
        elif p.dim() == 2:
            assert p.std().item() == pytest.approx(0.02, rel=0.05), name
        elif "norm" in name or name.startswith("ln_f"):
            expected = 1.0 if name.endswith("weight") else 0.0
            assert (p == expected).all(), name
        else:
            assert name.endswith("bias") and (p == 0).all(), name


def _hand_count(
    d: int, v: int, block: int, layers: int, heads: int, kv_heads: int, bias: bool
) -> int:
    """Parameter count of a GPT written out by hand."""
    head_dim = d // heads
    qkv = d * (heads + 2 * kv_heads) * head_dim + bias * (heads + 2 * kv_heads) * head_dim
    out = d * d + bias * d
    mlp = d * 4 * d + bias * 4 * d + 4 * d * d + bias * d
    norms = 2 * (d + bias * d)
    per_layer = qkv + out + mlp + norms
    return v * d + block * d + layers * per_layer + d + bias * d  # lm_head is tied: no extra


@pytest.mark.parametrize(("bias", "kv_heads"), [(False, 2), (True, 2), (False, 1)])
def test_num_parameters_matches_hand_count(bias: bool, kv_heads: int) -> None:
    config = dataclasses.replace(TINY, bias=bias, n_kv_head=kv_heads)
    model = GPT(config)
    expected = _hand_count(8, 11, 8, 2, 2, kv_heads, bias)
    assert model.num_parameters() == expected
    assert model.num_parameters(exclude_embeddings=True) == expected - 8 * 8
    if (bias, kv_heads) == (False, 2):
        assert expected == 88 + 64 + 2 * (192 + 64 + 256 + 256 + 16) + 8  # = 1728
    rotary = GPT(dataclasses.replace(config, rotary=True))
    assert rotary.wpe is None
    assert rotary.num_parameters() == rotary.num_parameters(exclude_embeddings=True)
    assert rotary.num_parameters() == expected - 8 * 8


def test_flops_per_token_formula() -> None:
    model = GPT(TINY)
    n = _hand_count(8, 11, 8, 2, 2, 2, False) - 8 * 8
    assert model.flops_per_token() == 6 * n + 12 * 2 * 8 * 8


def test_generate_shape_and_block_size_cropping(monkeypatch: pytest.MonkeyPatch) -> None:
    model = GPT(TINY).eval()
    lengths: list[int] = []
    forward = model.forward

    def spy(idx: Tensor, targets: Tensor | None = None) -> tuple[Tensor, Tensor | None]:
        lengths.append(idx.shape[1])
        return forward(idx, targets)

    monkeypatch.setattr(model, "forward", spy)
    prompt = _tokens(b=3, t=6)
    out = model.generate(prompt, max_new_tokens=5, top_k=3)
    assert out.shape == (3, 11)
    assert out.dtype == torch.long
    assert torch.equal(out[:, :6], prompt)
    assert lengths == [6, 7, 8, 8, 8]  # the context never exceeds block_size
    assert ((out >= 0) & (out < TINY.vocab_size)).all()


def test_generate_greedy_and_top_1_pick_the_most_likely_token() -> None:
    model = GPT(TINY).eval()
    prompt = _tokens(t=3)
    greedy = model.generate(prompt, max_new_tokens=4, temperature=0.0)
    assert torch.equal(model.generate(prompt, max_new_tokens=4, top_k=1), greedy)
    logits, _ = model(greedy[:, :-1])
    assert torch.equal(greedy[:, 3:], logits[:, 2:].argmax(-1))
    with pytest.raises(ValueError, match="temperature"):
        model.generate(prompt, 1, temperature=-1.0)
    with pytest.raises(ValueError, match="top_k"):
        model.generate(prompt, 1, top_k=0)


def test_configure_optimizer_groups() -> None:
    model = GPT(dataclasses.replace(TINY, bias=True))
    opt = model.configure_optimizer(weight_decay=0.1, lr=1e-3, betas=(0.9, 0.95), device_type="cpu")
    assert isinstance(opt, torch.optim.AdamW)
    decay, no_decay = opt.param_groups
    assert decay["weight_decay"] == 0.1 and no_decay["weight_decay"] == 0.0
    assert all(p.dim() >= 2 for p in decay["params"]) and decay["params"]
    assert all(p.dim() < 2 for p in no_decay["params"]) and no_decay["params"]
    grouped = [id(p) for group in opt.param_groups for p in group["params"]]
    assert len(grouped) == len(set(grouped))  # each once, the tied weight included
    assert set(grouped) == {id(p) for p in model.parameters()}
    assert opt.defaults["lr"] == 1e-3 and opt.defaults["betas"] == (0.9, 0.95)
    assert not opt.defaults["fused"]


def test_config_to_dict_d_ff_and_validation() -> None:
    config = GPTConfig()
    assert config.d_ff == 4 * 768
    assert config.to_dict()["vocab_size"] == 50304
    assert GPTConfig(**config.to_dict()) == config  # type: ignore[arg-type]  # values are object
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.n_layer = 1  # type: ignore[misc]  # the point: it is frozen
    with pytest.raises(ValueError, match="divisible"):
        GPTConfig(d_model=10, n_head=4)
    with pytest.raises(ValueError, match="must divide"):
        GPTConfig(n_head=12, n_kv_head=5)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("n_layer", 0, "n_layer must be >= 1"),
        ("n_head", 0, "n_head must be >= 1"),
        ("d_model", 0, "d_model must be >= 1"),
        ("vocab_size", 0, "vocab_size must be >= 1"),
        ("block_size", 0, "block_size must be >= 1"),
        ("dropout", 1.0, "dropout must be in"),
        ("dropout", -0.1, "dropout must be in"),
    ],
)
def test_config_rejects_sizes_a_model_cannot_have(field: str, value: float, message: str) -> None:
    """Zero sizes failed later with a ZeroDivisionError or built an empty model."""
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(TINY, **{field: value})


def test_dropout_only_in_training() -> None:
    model = GPT(dataclasses.replace(TINY, dropout=0.5))
    idx = _tokens()
    model.eval()
    torch.testing.assert_close(model(idx)[0], model(idx)[0])
    model.train()
    assert not torch.allclose(model(idx)[0], model(idx)[0])
