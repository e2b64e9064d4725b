"""Model optimisation for deployment: ONNX export checked by ONNX Runtime, int8 quantization.

The guide's "Model Optimization" section lists quantization and ONNX export. This module does
both the way they should ship: every export is *checked* (ONNX Runtime must reproduce PyTorch's
outputs within a stated tolerance, including at shapes other than the example's when the export
has dynamic dimensions), and every quantization is *measured* (loss, top-1 agreement with the
float model and serialized size, before and after) rather than assumed harmless.

Example:
    >>> from ml_reference.transformer import GPT, GPTConfig
    >>> gpt = GPT(GPTConfig(vocab_size=64, block_size=16, n_layer=2, n_head=2, d_model=32))
    >>> idx = torch.randint(0, 64, (2, 8))
    >>> dims = gpt_dynamic_shapes(max_seq_len=16)
    >>> path = export_onnx(LogitsOnly(gpt), "gpt.onnx", (idx,), dynamic_shapes=dims)
    >>> max_diff = check_onnx(LogitsOnly(gpt), path, (idx,))
    >>> report = quantization_report(gpt, quantize_dynamic_int8(gpt), [(idx, idx)])

ONNX and ONNX Runtime are optional (the ``reference-onnx`` extra): they are imported inside the
functions that need them, so quantization works without them.
"""

from __future__ import annotations

import copy
import importlib
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor, nn

__all__ = [
    "DEFAULT_OPSET",
    "Int8DynamicLinear",
    "LogitsOnly",
    "OnnxMismatchError",
    "check_onnx",
    "export_onnx",
    "gpt_dynamic_shapes",
    "quantization_report",
    "quantize_dynamic_int8",
    "serialized_size",
]

# Opset 18 is the oldest the torch.export-based exporter emits and ONNX Runtime >= 1.14 runs it;
# pinning it (rather than taking each torch release's default) keeps exported files loadable by
# the runtimes already deployed.
DEFAULT_OPSET = 18

# The largest int8 magnitude used: symmetric quantization to [-127, 127] keeps zero exact and the
# range symmetric (-128 would make the negative side one step longer than the positive one).
_QMAX = 127.0


class OnnxMismatchError(AssertionError):
    """ONNX Runtime's outputs differ from PyTorch's by more than the allowed tolerance."""


class LogitsOnly(nn.Module):
    """Wrap a model that returns ``(logits, loss)`` so that it returns the logits alone.

    Deployment needs only the logits; an exported graph with a single tensor output is simpler
    for every runtime than one with an optional loss.

    Args:
        model: A module whose ``forward(idx)`` returns a tuple whose first item is the logits
            (like :class:`ml_reference.transformer.GPT`).
    """

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, idx: Tensor) -> Tensor:
        """Return the wrapped model's logits.

        Args:
            idx: Token ids, (B, T) int64.

        Returns:
            The logits, (B, T, vocab_size).
        """
        out = self.model(idx)
        logits = out[0] if isinstance(out, tuple) else out
        assert isinstance(logits, Tensor)
        return logits


def gpt_dynamic_shapes(max_seq_len: int) -> dict[str, dict[int, Any]]:
    """Dynamic dimensions for exporting :class:`LogitsOnly`: batch and sequence length.

    The sequence dimension is bounded by the model's context (learned position embeddings have
    ``block_size`` rows). ``torch.export`` specialises dimensions of size 0 or 1, so the example
    input must have a batch and a sequence of at least 2.

    Args:
        max_seq_len: The longest sequence the exported graph must accept (the ``block_size``).

    Returns:
        A ``dynamic_shapes`` mapping for :func:`export_onnx`, keyed by ``LogitsOnly.forward``'s
        argument name.
    """
    batch = torch.export.Dim("batch")
    seq = torch.export.Dim("seq", max=max_seq_len)
    return {"idx": {0: batch, 1: seq}}


def export_onnx(
    model: nn.Module,
    path: str | os.PathLike[str],
    example_inputs: tuple[Tensor, ...],
    *,
    opset: int = DEFAULT_OPSET,
    dynamic_shapes: dict[str, Any] | None = None,
    input_names: Sequence[str] | None = None,
    output_names: Sequence[str] | None = None,
) -> Path:
    """Export ``model`` to ONNX with the ``torch.export``-based exporter and validate the file.

    The model is exported in eval mode (dropout off) and put back into the mode it was in. Weights
    go into the ``.onnx`` file itself when they fit protobuf's 2 GB limit, so that a single file
    is the artefact to ship.

    Args:
        model: The module to export.
        path: Where to write the ``.onnx`` file; parent directories are created.
        example_inputs: Positional inputs to trace with.
        opset: The ONNX opset to emit.
        dynamic_shapes: Which input dimensions stay symbolic, in ``torch.export`` form (see
            :func:`gpt_dynamic_shapes`); ``None`` fixes every shape to the example's.
        input_names: Names of the graph inputs (default: the forward's argument names).
        output_names: Names of the graph outputs.

    Returns:
        The path of the written file.
    """
    import onnx

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    param_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            torch.onnx.export(
                model,
                example_inputs,
                out,
                dynamo=True,
                verbose=False,
                opset_version=opset,
                dynamic_shapes=dynamic_shapes,
                input_names=input_names,
                output_names=output_names,
                external_data=param_bytes >= 1_500_000_000,
            )
    finally:
        model.train(was_training)
    onnx.checker.check_model(str(out))
    return out


def _tensor_outputs(output: object) -> list[Tensor]:
    """Flatten a model's output into its tensors, in order, skipping ``None`` (an absent loss)."""
    if isinstance(output, Tensor):
        return [output]
    if isinstance(output, (tuple, list)):
        return [t for item in output for t in _tensor_outputs(item)]
    return []


def check_onnx(
    model: nn.Module,
    path: str | os.PathLike[str],
    example_inputs: tuple[Tensor, ...],
    *,
    rtol: float = 1e-3,
    atol: float = 1e-4,
) -> float:
    """Run the exported file in ONNX Runtime and compare its outputs with PyTorch's.

    Call it with inputs of other shapes than the export's example to check dynamic dimensions.
    Both sides run on the CPU in float32; the comparison is ``|ort - torch| <= atol + rtol*|torch|``
    element-wise (``numpy.allclose``).

    Args:
        model: The PyTorch module that was exported (run in eval mode, without gradients).
        path: The ``.onnx`` file.
        example_inputs: Positional inputs, in the order of the graph's inputs.
        rtol: Relative tolerance.
        atol: Absolute tolerance.

    Returns:
        The largest absolute difference over all outputs.

    Raises:
        OnnxMismatchError: The outputs differ in number or shape, or by more than the tolerance.
    """
    import numpy as np

    # onnxruntime ships no type information (no py.typed): use it as Any rather than silencing
    # mypy with an ignore that would go stale the day it does.
    ort: Any = importlib.import_module("onnxruntime")

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feeds = {
        graph_input.name: tensor.detach().cpu().numpy()
        for graph_input, tensor in zip(session.get_inputs(), example_inputs, strict=True)
    }
    actual = session.run(None, feeds)

    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            expected = [
                t.detach().cpu().float().numpy() for t in _tensor_outputs(model(*example_inputs))
            ]
    finally:
        model.train(was_training)

    if len(actual) != len(expected):
        raise OnnxMismatchError(
            f"ONNX Runtime returned {len(actual)} outputs, PyTorch {len(expected)}"
        )
    max_diff = 0.0
    for i, (got, want) in enumerate(zip(actual, expected, strict=True)):
        got_array = np.asarray(got, dtype=np.float32)
        if got_array.shape != want.shape:
            raise OnnxMismatchError(
                f"output {i}: shape {got_array.shape} != PyTorch's {want.shape}"
            )
        diff = float(np.max(np.abs(got_array - want))) if want.size else 0.0
        max_diff = max(max_diff, diff)
        if not np.allclose(got_array, want, rtol=rtol, atol=atol):
            raise OnnxMismatchError(
                f"output {i}: max abs difference {diff:.3e} exceeds atol={atol} + rtol={rtol}*|x|"
            )
    return max_diff


class Int8DynamicLinear(nn.Module):
    """A Linear layer with int8 weights and int8 activations quantized on the fly (W8A8 dynamic).

    Weights are quantized once, symmetrically per output channel (one float scale per row);
    activations are quantized at every call, symmetrically per token (one scale per row of the
    input), which is what "dynamic" quantization means: no calibration data is needed. This is
    the scheme of ``torchao``'s ``Int8DynamicActivationInt8WeightConfig``.

    Why not ``torch.ao.quantization.quantize_dynamic``: in torch 2.13 it emits a
    ``DeprecationWarning`` (eager-mode quantization moved to the separate ``torchao`` package)
    and its quantized-tensor constructors warn that they will be removed. Depending on
    ``torchao`` would tie this package to a second library's release cadence for one function.
    So the quantization is written out here with ordinary tensor ops, which also makes the
    numerics readable. The int8 x int8 products are accumulated in float32, which is exact while
    ``in_features * 127**2 < 2**24`` (in_features <= 1040) and otherwise rounds at ~1e-7
    relative, far below the quantization error: the outputs are those of an int32-accumulating
    kernel, the storage is int8 (4x smaller weights), but the speed is not an int8 kernel's. For
    int8 kernels on a CPU server, run ONNX Runtime's ``quantize_dynamic`` on the file written by
    :func:`export_onnx`.

    Args:
        weight: The float weight, (out_features, in_features).
        bias: The float bias, (out_features,), or ``None``.
    """

    weight_int8: Tensor
    weight_scale: Tensor
    bias: Tensor | None

    def __init__(self, weight: Tensor, bias: Tensor | None) -> None:
        super().__init__()
        weight = weight.detach().float()
        self.in_features = weight.shape[1]
        self.out_features = weight.shape[0]
        scale = weight.abs().amax(dim=1).clamp(min=torch.finfo(torch.float32).tiny) / _QMAX
        self.register_buffer("weight_int8", torch.round(weight / scale[:, None]).to(torch.int8))
        self.register_buffer("weight_scale", scale)
        self.register_buffer("bias", None if bias is None else bias.detach().float().clone())

    @classmethod
    def from_float(cls, linear: nn.Linear) -> Int8DynamicLinear:
        """Quantize a float ``nn.Linear``.

        Args:
            linear: The layer to quantize (left unchanged).

        Returns:
            The int8 layer.
        """
        return cls(linear.weight, linear.bias)

    def dequantized_weight(self) -> Tensor:
        """Return the float32 weight the int8 values represent, (out_features, in_features).

        Returns:
            ``weight_int8 * weight_scale`` per row.
        """
        return self.weight_int8.float() * self.weight_scale[:, None]

    def forward(self, x: Tensor) -> Tensor:
        """Quantize ``x`` per token, multiply with the int8 weight and rescale.

        Args:
            x: Input, (..., in_features), any float dtype.

        Returns:
            Output, (..., out_features), in ``x``'s dtype.
        """
        x32 = x.float()
        x_scale = x32.abs().amax(dim=-1, keepdim=True).clamp(min=torch.finfo(torch.float32).tiny)
        x_scale = x_scale / _QMAX
        x_int = torch.round(x32 / x_scale)  # integer-valued, in [-127, 127]
        # What an int32 accumulator would hold: float32 sums of such products are exact, but
        # autocast would run the matmul in bf16 or fp16, which are not.
        with torch.autocast(device_type=x.device.type, enabled=False):
            acc = x_int @ self.weight_int8.float().t()
        out = acc * x_scale * self.weight_scale
        if self.bias is not None:
            out = out + self.bias
        return out.to(x.dtype)

    def extra_repr(self) -> str:
        """Describe the layer like ``nn.Linear`` does.

        Returns:
            The sizes and whether there is a bias.
        """
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}, weight=int8 per-channel, activation=int8 per-token"
        )


def _tied_parameter_ids(model: nn.Module) -> set[int]:
    """Return the ids of parameters registered under more than one name (tied weights)."""
    seen: dict[int, int] = {}
    for _, param in model.named_parameters(remove_duplicate=False):
        seen[id(param)] = seen.get(id(param), 0) + 1
    return {pid for pid, count in seen.items() if count > 1}


def quantize_dynamic_int8(model: nn.Module) -> nn.Module:
    """Return a copy of ``model`` whose ``nn.Linear`` layers are :class:`Int8DynamicLinear`.

    A Linear whose weight is tied to another module (GPT's ``lm_head``, which shares the token
    embedding) stays in float: quantizing it would store a second, int8 copy next to the float
    embedding and make the model larger, not smaller. The copy is in eval mode; ``model`` itself
    is not modified.

    Args:
        model: The float model.

    Returns:
        The quantized copy, for inference.
    """
    quantized = copy.deepcopy(model).eval()
    tied = _tied_parameter_ids(quantized)
    targets = [
        name
        for name, module in quantized.named_modules()
        if isinstance(module, nn.Linear) and id(module.weight) not in tied
    ]
    for name in targets:
        parent_name, _, child_name = name.rpartition(".")
        parent = quantized.get_submodule(parent_name)
        linear = parent.get_submodule(child_name)
        assert isinstance(linear, nn.Linear)
        setattr(parent, child_name, Int8DynamicLinear.from_float(linear))
    return quantized


def serialized_size(model: nn.Module) -> int:
    """Return the size in bytes of ``torch.save(model.state_dict())``: the checkpoint on disk.

    Tied weights are stored once, as ``torch.save`` shares storages.

    Args:
        model: The model to measure.

    Returns:
        The number of bytes.
    """
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


def quantization_report(
    model: nn.Module,
    quantized: nn.Module,
    batches: Iterable[tuple[Tensor, Tensor]],
) -> dict[str, float]:
    """Measure what quantization changed: loss, top-1 predictions and size.

    Both models run in eval mode without gradients on the same ``(inputs, targets)`` batches;
    each is called as ``model(inputs)`` and its (first) output taken as logits over the last
    dimension.

    Args:
        model: The float model.
        quantized: Its quantized copy.
        batches: ``(inputs, targets)`` pairs, e.g. token windows and the next tokens;
            targets of -100 (``cross_entropy``'s ignore index) are not positions.

    Returns:
        ``loss_float`` and ``loss_int8`` (mean cross-entropy), ``loss_delta`` (int8 - float),
        ``top1_agreement`` (fraction of positions where both predict the same class),
        ``accuracy_float`` and ``accuracy_int8`` (top-1 against the targets), ``size_float``
        and ``size_int8`` (bytes, :func:`serialized_size`), ``size_ratio`` (int8 / float) and
        ``positions`` (how many predictions were compared).

    Raises:
        ValueError: ``batches`` held no prediction to compare.
    """
    totals = torch.zeros(5, dtype=torch.float64)  # loss_f, loss_q, agree, correct_f, correct_q
    positions = 0
    modes = (model.training, quantized.training)
    model.eval()
    quantized.eval()
    try:
        with torch.no_grad():
            for inputs, targets in batches:
                logits_f = _tensor_outputs(model(inputs))[0].float().flatten(0, -2)
                logits_q = _tensor_outputs(quantized(inputs))[0].float().flatten(0, -2)
                flat_targets = targets.flatten()
                keep = flat_targets != -100  # cross_entropy's ignore_index: not a position
                pred_f = logits_f.argmax(dim=-1)
                pred_q = logits_q.argmax(dim=-1)
                totals += torch.stack(
                    [
                        F.cross_entropy(logits_f, flat_targets, reduction="sum"),
                        F.cross_entropy(logits_q, flat_targets, reduction="sum"),
                        ((pred_f == pred_q) & keep).sum(),
                        ((pred_f == flat_targets) & keep).sum(),
                        ((pred_q == flat_targets) & keep).sum(),
                    ]
                ).to(torch.float64)
                positions += int(keep.sum())
    finally:
        model.train(modes[0])
        quantized.train(modes[1])
    if positions == 0:
        raise ValueError("quantization_report needs at least one non-empty batch")
    loss_f, loss_q, agree, correct_f, correct_q = (totals / positions).tolist()
    size_f = serialized_size(model)
    size_q = serialized_size(quantized)
    return {
        "loss_float": loss_f,
        "loss_int8": loss_q,
        "loss_delta": loss_q - loss_f,
        "top1_agreement": agree,
        "accuracy_float": correct_f,
        "accuracy_int8": correct_q,
        "size_float": float(size_f),
        "size_int8": float(size_q),
        "size_ratio": size_q / size_f,
        "positions": float(positions),
    }
