"""ONNX export checked against ONNX Runtime, and dynamic int8 quantization, on a tiny GPT."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import torch
from torch import nn

from ml_reference.deploy import (
    Int8DynamicLinear,
    LogitsOnly,
    OnnxMismatchError,
    check_onnx,
    export_onnx,
    gpt_dynamic_shapes,
    quantization_report,
    quantize_dynamic_int8,
    serialized_size,
)
from ml_reference.transformer import GPT, GPTConfig

VOCAB = 64
BLOCK = 16


def tiny_gpt() -> GPT:
    """A two-layer GPT small enough to export in a few seconds."""
    torch.manual_seed(0)
    return GPT(GPTConfig(vocab_size=VOCAB, block_size=BLOCK, n_layer=2, n_head=2, d_model=32))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[GPT, Path]:
    """Export the tiny GPT once, with dynamic batch and sequence, for every ONNX test."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnxscript")
    model = tiny_gpt()
    idx = torch.randint(0, VOCAB, (2, 8))
    path = tmp_path_factory.mktemp("onnx") / "gpt.onnx"
    out = export_onnx(LogitsOnly(model), path, (idx,), dynamic_shapes=gpt_dynamic_shapes(BLOCK))
    return model, out


def test_export_writes_one_self_contained_file(exported: tuple[GPT, Path]) -> None:
    _, path = exported
    assert path.is_file()
    assert not path.with_name(path.name + ".data").exists()  # weights inside the file


@pytest.mark.parametrize("shape", [(2, 8), (3, BLOCK), (1, 5), (5, 2)])
def test_onnx_runtime_matches_pytorch_at_dynamic_shapes(
    exported: tuple[GPT, Path], shape: tuple[int, int]
) -> None:
    model, path = exported
    idx = torch.randint(0, VOCAB, shape)
    max_diff = check_onnx(LogitsOnly(model), path, (idx,))
    assert 0.0 <= max_diff < 1e-4


def test_check_onnx_raises_when_the_model_changed(exported: tuple[GPT, Path]) -> None:
    model, path = exported
    changed = tiny_gpt()
    with torch.no_grad():
        changed.ln_f.weight.mul_(1.5)
    idx = torch.randint(0, VOCAB, (2, 8))
    assert check_onnx(LogitsOnly(model), path, (idx,)) < 1e-4
    with pytest.raises(OnnxMismatchError, match="max abs difference"):
        check_onnx(LogitsOnly(changed), path, (idx,))


def test_export_restores_training_mode(tmp_path: Path) -> None:
    pytest.importorskip("onnxscript")
    model = nn.Sequential(nn.Linear(4, 3), nn.Dropout(0.5))
    model.train()
    path = export_onnx(model, tmp_path / "mlp.onnx", (torch.randn(2, 4),))
    assert model.training
    # Exported in eval mode: dropout is gone, so ONNX Runtime agrees with the eval-mode model.
    assert check_onnx(model, path, (torch.randn(2, 4),)) < 1e-5
    assert model.training


def test_int8_linear_is_exact_on_integer_grids() -> None:
    # Rows whose largest magnitude is 127 have scale 1, so integer weights and inputs quantize
    # without error and the layer must equal nn.Linear exactly.
    weight = torch.randint(-127, 128, (5, 8)).float()
    weight[:, 0] = 127.0
    x = torch.randint(-127, 128, (3, 8)).float()
    x[:, 0] = -127.0
    bias = torch.randn(5)
    layer = Int8DynamicLinear(weight, bias)
    assert layer.weight_int8.dtype == torch.int8
    assert torch.equal(layer(x), torch.nn.functional.linear(x, weight, bias))


def test_int8_linear_accumulates_exactly_under_autocast() -> None:
    # Sums of int8 products are exact in float32, not in bf16: autocast must not lower them.
    torch.manual_seed(0)
    layer = Int8DynamicLinear(torch.randn(16, 512), None)
    x = torch.randn(4, 512)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        lowered = layer(x)
    assert torch.equal(lowered, layer(x))


def test_int8_linear_error_is_within_the_quantization_bound() -> None:
    linear = nn.Linear(64, 32)
    layer = Int8DynamicLinear.from_float(linear)
    x = torch.randn(10, 64)
    with torch.no_grad():
        expected = linear(x)
    error = (layer(x) - expected).abs().max()
    # Each operand is off by at most half a step (max|row| / 254); bound the product's error.
    x_step = x.abs().amax(dim=-1, keepdim=True) / 254
    w_step = linear.weight.abs().amax(dim=-1) / 254
    bound = x_step * linear.weight.abs().sum(dim=-1) + w_step * x.abs().sum(dim=-1, keepdim=True)
    assert 0 < error <= (bound + x_step * w_step * 64).max()
    weight_error = (layer.dequantized_weight() - linear.weight).abs()
    assert torch.all(weight_error <= w_step[:, None] + 1e-7)
    assert layer(x.to(torch.bfloat16)).dtype == torch.bfloat16


def test_quantize_replaces_untied_linears_and_keeps_the_original() -> None:
    model = tiny_gpt()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecation warning from a removed API
        quantized = quantize_dynamic_int8(model)
    assert not quantized.training
    names = {type(m).__name__ for m in quantized.modules()}
    assert "Int8DynamicLinear" in names
    linears = [n for n, m in quantized.named_modules() if isinstance(m, nn.Linear)]
    assert linears == ["lm_head"]  # tied to the token embedding: kept in float
    assert not any(isinstance(m, Int8DynamicLinear) for m in model.modules())
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_quantization_report_measures_accuracy_and_size() -> None:
    model = tiny_gpt()
    quantized = quantize_dynamic_int8(model)
    tokens = torch.randint(0, VOCAB, (6, BLOCK + 1))
    batches = [(tokens[i : i + 2, :-1], tokens[i : i + 2, 1:]) for i in range(0, 6, 2)]
    report = quantization_report(model, quantized, batches)
    assert report["positions"] == 6 * BLOCK
    assert abs(report["loss_delta"]) < 0.01
    assert report["loss_delta"] != 0.0  # quantization does change the numbers
    assert report["top1_agreement"] >= 0.9
    assert 0.0 <= report["accuracy_int8"] <= 1.0
    assert report["size_float"] == serialized_size(model)
    # Linear weights are 4x smaller; the float embeddings keep the ratio above 1/4.
    assert 0.25 < report["size_ratio"] < 0.6
    assert model.training  # modes restored

    padded = [(inputs, targets.clone()) for inputs, targets in batches]
    for _, targets in padded:
        targets[:, -2:] = -100  # ignored positions: neither in the mean nor in the counts
    kept = quantization_report(model, quantized, padded)
    assert kept["positions"] == 6 * (BLOCK - 2)
    # The model is causal: the same report as on windows without those last positions.
    trimmed = quantization_report(model, quantized, [(i[:, :-2], t[:, :-2]) for i, t in batches])
    for key in ("loss_float", "loss_int8", "top1_agreement", "accuracy_float", "positions"):
        assert kept[key] == pytest.approx(trimmed[key], rel=1e-5), key


def test_quantization_report_rejects_no_batches() -> None:
    model = tiny_gpt()
    with pytest.raises(ValueError, match="at least one"):
        quantization_report(model, quantize_dynamic_int8(model), [])
