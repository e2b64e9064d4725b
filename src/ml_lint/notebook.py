"""Reading and writing Jupyter notebooks (nbformat 4) without the nbformat package.

Writing reproduces the file's own JSON layout (Jupyter's is one-space indent and sorted keys)
so that a fix changes only what it clears.
"""

from __future__ import annotations

import json
from typing import Any

Notebook = dict[str, Any]


class NotebookError(ValueError):
    """Not a notebook ml-lint can read; carries a 1-based line and column."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def parse(text: str) -> Notebook:
    """The notebook in ``text``.

    Raises:
        NotebookError: If the text is not JSON, or not an nbformat 4 notebook.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    if not isinstance(data, dict):
        raise NotebookError("not a notebook: the top level is not a JSON object")
    version = data.get("nbformat")
    if version != 4:
        raise NotebookError(
            f"nbformat {version} is not supported, only 4; convert with "
            "`jupyter nbconvert --to notebook --nbformat 4 --inplace NOTEBOOK`"
        )
    cells = data.get("cells")
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise NotebookError("not a notebook: 'cells' is not a list of objects")
    return data


def source_text(cell: dict[str, Any]) -> str:
    """A cell's source as one string (nbformat allows a string or a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def dumps(notebook: Notebook, like: str) -> str:
    """``notebook`` as JSON laid out like the text ``like`` it was read from.

    The indent, key order, line endings and final newline of ``like`` are kept when some
    layout reproduces it exactly; otherwise Jupyter's own layout (one-space indent, sorted
    keys, non-ASCII as is) is used.
    """
    original = json.loads(like)
    normalized = like.replace("\r\n", "\n").rstrip("\n")
    layouts = [
        (indent, sort_keys, ascii_only)
        for ascii_only in (False, True)  # some tools write non-ASCII as \u escapes
        for indent in (1, 2, 4)
        for sort_keys in (True, False)
    ]
    layout = next(
        (layout for layout in layouts if _dump(original, *layout) == normalized), (1, True, False)
    )
    text = _dump(notebook, *layout) + ("\n" if like.endswith("\n") else "")
    return text.replace("\n", "\r\n") if "\r\n" in like else text


def _dump(data: Any, indent: int, sort_keys: bool, ascii_only: bool) -> str:
    return json.dumps(
        data, indent=indent, sort_keys=sort_keys, ensure_ascii=ascii_only, separators=(",", ": ")
    )


# Cell magics whose body is Python; any other cell magic (%%bash, %%html...) is not Python.
PYTHON_CELL_MAGICS = ("time", "timeit", "capture", "prun", "debug")


def python_source(cell_source: str) -> str:
    """A code cell's source with IPython syntax blanked out, line for line.

    Line magics (``%time x``), shell escapes (``!pip install``), assignments from them
    (``files = !ls``) and help (``obj?``) become ``pass`` at their indentation, so line
    numbers and block structure stay valid; a cell magic that does not run Python
    (``%%bash``) blanks the whole cell.
    """
    lines = cell_source.split("\n")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("%%"):
        name = first[2:].split(maxsplit=1)[0] if len(first) > 2 else ""
        if name not in PYTHON_CELL_MAGICS:
            return "\n".join("" for _ in lines)
        lines[[line.strip() for line in lines].index(first)] = ""
    return "\n".join(_mask_line(line) for line in lines)


def _mask_line(line: str) -> str:
    stripped = line.strip()
    indent = line[: len(line) - len(line.lstrip())]
    is_magic = stripped.startswith(("%", "!")) and not stripped.startswith("!=")
    assigned = "=" in stripped and stripped.split("=", 1)[1].lstrip().startswith(("!", "%"))
    is_help = stripped.endswith("?") and not stripped.startswith("#") and "#" not in stripped
    if is_magic or (assigned and not stripped.startswith(("#", "'", '"'))) or is_help:
        return indent + "pass"
    return line


def code_cells(notebook: Notebook) -> list[tuple[int, str]]:
    """(1-based cell number, Python source with magics blanked) for every code cell."""
    return [
        (number, python_source(source_text(cell)))
        for number, cell in enumerate(notebook["cells"], start=1)
        if cell.get("cell_type") == "code"
    ]
