"""The exemplar notebook runs top to bottom (tiny configuration) and passes every ml-lint rule."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from ml_lint.cli import main

NOTEBOOK = Path(__file__).resolve().parents[2] / "reference" / "notebooks" / "char_gpt.ipynb"


def test_notebook_is_committed_clean_and_passes_every_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No outputs or execution counts are committed, and every rule, preview included, passes."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert main(["check", str(NOTEBOOK), "--select", "ALL"]) == 0, capsys.readouterr().out


def test_notebook_runs_top_to_bottom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Executed with a real kernel on the tiny configuration, every cell runs and trains."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("ML_REFERENCE_NOTEBOOK_TINY", "1")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()

    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    text = "".join(output.get("text", "") for output in outputs if output.output_type == "stream")
    assert "20 steps in" in text
    line = next(line for line in text.splitlines() if line.startswith("validation loss "))
    words = line.replace("(", " ").replace(")", " ").split()
    loss, baseline = float(words[2]), float(words[5])
    assert loss < baseline  # twenty steps already beat uniform guessing
    assert sum("image/png" in output.get("data", {}) for output in outputs) == 1  # the loss plot


def test_the_sample_prompt_is_made_on_the_model_s_device() -> None:
    """The trainer moves the model to a GPU when there is one; the prompt must go there too."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    source = next(source for source in sources if "model.generate(" in source)
    tensors = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "torch.tensor"
    ]
    assert tensors
    assert all(any(k.arg == "device" for k in call.keywords) for call in tensors)
