"""Rebuild the notebook fixtures by running them in a real IPython kernel.

The fixtures are committed, so the tests need no kernel. To rebuild them:

    pip install nbformat nbclient ipykernel
    python tests/data/notebooks/build.py

Each notebook is written by nbformat, Jupyter's own writer, so the files are in the exact
on-disk form Jupyter produces.
"""

from __future__ import annotations

import base64
import copy
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent
# A 1x1 PNG, shown through IPython.display so the kernel emits a real display_data output.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db40000000049454e44ae426082"
    )
).decode()


def executed_notebook() -> nbformat.NotebookNode:
    """A notebook with every kind of output, run for real (errors allowed)."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Training run\n\nTrains a tiny model and plots the loss: ünïcode."),
            new_code_cell("import math\nprint('loss', round(math.log(2), 4))"),
            new_code_cell("{'lr': 3e-4, 'batch_size': 32}"),
            new_code_cell(
                "import base64\nfrom IPython.display import Image, display\n"
                f"display(Image(data=base64.b64decode('{PNG}')))"
            ),
            new_code_cell("metrics = {}\nmetrics['accuracy']"),
            new_code_cell("print('kept on purpose')", metadata={"tags": ["keep_output"]}),
            new_code_cell("print('kept via metadata')", metadata={"keep_output": True}),
            new_code_cell("x = 1"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    NotebookClient(nb, kernel_name="python3", allow_errors=True, record_timing=True).execute()
    # What JupyterLab adds on save: widget state and per-cell timing from extensions.
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}
    }
    nb.cells[1].metadata["ExecuteTime"] = {
        "end_time": "2026-11-26T10:00:01.000Z",
        "start_time": "2026-11-26T10:00:00.000Z",
    }
    nb.cells[2].metadata["scrolled"] = True
    return nb


def clean_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` cleared by hand: no outputs (but kept ones), counts or noise metadata."""
    clean = copy.deepcopy(nb)
    clean.metadata.pop("widgets", None)
    clean.metadata.get("language_info", {}).pop("version", None)
    for cell in clean.cells:
        for key in ("ExecuteTime", "execution", "scrolled", "collapsed"):
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            keep = "keep_output" in cell.metadata.get("tags", []) or cell.metadata.get(
                "keep_output"
            )
            if not keep:
                cell.outputs = []
            cell.execution_count = None
    return clean


def main() -> None:
    """Write every fixture next to this script."""
    executed = executed_notebook()
    nbformat.write(executed, HERE / "executed.ipynb")
    nbformat.write(clean_notebook(executed), HERE / "clean.ipynb")
    markdown_only = new_notebook(cells=[new_markdown_cell("# Notes\n\nOnly prose here.")])
    nbformat.write(markdown_only, HERE / "markdown_only.ipynb")
    nbformat.write(new_notebook(), HERE / "empty.ipynb")
    crlf = (nbformat.writes(executed) + "\n").replace("\n", "\r\n")  # a Windows checkout
    (HERE / "executed_crlf.ipynb").write_bytes(crlf.encode("utf-8"))
    v3 = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[])])
    (HERE / "nbformat3.ipynb").write_text(nbformat.v3.writes_json(v3), encoding="utf-8")
    (HERE / "invalid.ipynb").write_text('{\n "cells": [\n  {"cell_type": "code",\n', "utf-8")


if __name__ == "__main__":
    main()
