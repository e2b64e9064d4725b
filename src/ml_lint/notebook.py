"""Reading and writing Jupyter notebooks (nbformat 4) without the nbformat package.

Writing reproduces the file's own JSON layout (Jupyter's is one-space indent and sorted keys)
so that a fix changes only what it clears.
"""

from __future__ import annotations

import json
import math
import re

from ml_lint.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
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

    Args:
        text: The file's content.

    Returns:
        The notebook's JSON object.

    Raises:
        NotebookError: If the text is not JSON, or not an nbformat 4 notebook.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise NotebookError("not a notebook: its JSON nests too deeply to read") from None
    if not isinstance(data, dict):
        raise NotebookError("not a notebook: the top level is not a JSON object")
    version = data.get("nbformat")
    if type(version) is not int:  # "4", 4.0, true, null: no version a tool would write
        shown = json.dumps(version)[:40]
        raise NotebookError(f"not an nbformat 4 notebook: 'nbformat' is {shown}, not the number 4")
    if version != 4:
        raise NotebookError(
            f"nbformat {version} is not supported, only 4; convert with "
            "`jupyter nbconvert --to notebook --nbformat 4 --inplace NOTEBOOK`"
        )
    cells = data.get("cells")
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise NotebookError("not a notebook: 'cells' is not a list of objects")
    for number, cell in enumerate(cells, start=1):
        source = cell.get("source", "")
        if not (isinstance(source, str) or _strings(source)):
            raise NotebookError(
                f"not a notebook: cell {number}'s 'source' is not a string or a list of strings"
            )
    return data


def unwritable(text: str) -> str | None:
    """Why the JSON ``text``, once read, cannot be written back as it was; None if it can.

    Reading keeps only the last of a key an object holds twice, and reads a number beyond a
    float's range (``1e400``), ``NaN`` or ``Infinity`` as a value JSON cannot write.

    Args:
        text: JSON text that parses.

    Returns:
        The reason, worded to follow "--fix cannot rewrite this notebook: ", or None.
    """
    reasons: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items) and not reasons:
            keys = [key for key, _ in items]
            repeated = next(key for key in keys if keys.count(key) > 1)
            reasons.append(f"key {repeated!r} appears twice in one object")
        return result

    def number(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value) and not reasons:
            reasons.append(f"the number {literal} is beyond a float's range")
        return value

    def constant(literal: str) -> float:
        if not reasons:
            reasons.append(f"{literal} is not a JSON number")
        return float(literal)

    json.loads(text, object_pairs_hook=pairs, parse_float=number, parse_constant=constant)
    return reasons[0] if reasons else None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def source_text(cell: dict[str, Any]) -> str:
    """A cell's source as one string (nbformat allows a string or a list of lines).

    Args:
        cell: A cell of the notebook's ``cells``.

    Returns:
        The source joined, or ``""`` when the cell has none.
    """
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    # A lone surrogate (JSON allows "\ud800") is no character: one U+FFFD keeps columns.
    return LONE_SURROGATE.sub("\ufffd", text) if not text.isascii() else text


def dumps(notebook: Notebook, like: str) -> str:
    r"""``notebook`` as JSON laid out like the text ``like`` it was read from.

    The indent (read off the second line: spaces or a tab; none for JSON on one line, with
    or without spaces after ``,`` and ``:``), the key order (kept from reading), non-ASCII as
    is or as ``\u`` escapes, the line endings and the final newline all follow ``like``,
    so that only changed values show in a diff. Jupyter's own layout is one space of indent
    and raw non-ASCII.

    Args:
        notebook: The notebook, as ``parse`` read it and a fix changed it.
        like: The text the notebook was read from.

    Returns:
        The JSON text to write.
    """
    newline = _newline(like)
    lines = like.strip().split(newline, 2)
    second = lines[1] if len(lines) > 1 else ""
    indent: int | str | None = len(second) - len(second.lstrip(" "))  # 0: json's indent=0
    # Python 2's json wrote ", " at the ends of lines too.
    separators = (", ", ": ") if TRAILING_SPACE.search(like) else (",", ": ")
    if len(lines) == 1:  # minified, as some tools write notebooks
        indent = None
        separators = (", ", ": ") if SPACED_KEY.match(like.lstrip()) else (",", ":")
    elif second.startswith("\t"):
        indent = "\t"
    ascii_only = like.isascii() and "\\u" in like
    try:
        text = _dump(notebook, indent, separators, ascii_only)
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escape cannot be written raw
        text = _dump(notebook, indent, separators, True)
    text += "\n" if like.endswith(newline) else ""
    return text.replace("\n", newline) if newline != "\n" else text


# The first key of minified JSON, and whether a space follows its colon (a string's own
# '": ' later in the text is no sign of the layout).
SPACED_KEY = re.compile(r'\{\s*"(?:[^"\\]|\\.)*"\s*: ')
TRAILING_SPACE = re.compile(r", \r?\n")


def _newline(text: str) -> str:
    r"""The line ending most of ``text``'s lines end with: ``\n``, ``\r\n`` or ``\r``."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda ending: counts[ending]) if any(counts.values()) else "\n"


def _dump(
    data: Any, indent: int | str | None, separators: tuple[str, str], ascii_only: bool
) -> str:
    # allow_nan=False: a number too large for a float (1e400) reads as infinity, which
    # JSON cannot write; the fix is then not made (``ValueError``).
    return json.dumps(
        data, indent=indent, ensure_ascii=ascii_only, separators=separators, allow_nan=False
    )


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Cell magics whose body is Python; any other cell magic (%%bash, %%html...) is not Python.
PYTHON_CELL_MAGICS = ("time", "timeit", "capture", "prun", "debug", "python", "python3", "pypy")
MAGIC_ASSIGNMENT = r"[\w.\[\], ]+=\s*[!%]"  # compiled on first use, by re's cache
# ``obj?``, ``obj.attr??``, ``np.*load*?``: IPython's help for a name (``_help_end_re``).
HELP_AFTER_NAME = r"%{0,2}(?!\d)[\w*]+(?:\.[\w*]+)*\?\??"


def is_python(notebook: Notebook) -> bool:
    """Whether the notebook's kernel runs Python (also when it does not say).

    Args:
        notebook: The notebook.

    Returns:
        False only if ``kernelspec.language`` (else ``language_info.name``, else jupytext's
        ``main_language``) names another language, or, none of them saying, the kernel's
        name is one of another language's usual kernels (IRkernel's ``ir``, ``julia-1.10``).
    """
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        return True
    fields = (("kernelspec", "language"), ("language_info", "name"), ("jupytext", "main_language"))
    for key, field in fields:
        value = metadata.get(key)
        if isinstance(value, dict) and isinstance(value.get(field), str):
            return bool(value[field].lower().startswith("python"))
    kernel = metadata.get("kernelspec")
    name = kernel.get("name") if isinstance(kernel, dict) else None
    if isinstance(name, str):  # a Python kernel may have any name: only known others count
        base = re.match(r"[a-z]*", name.lower())
        return base is None or base[0] not in OTHER_KERNELS
    return True


# The usual kernel names of other languages (the part before a version or a dash).
OTHER_KERNELS = frozenset(
    {"ir", "julia", "bash", "powershell", "ijavascript", "javascript", "scala", "xcpp", "java"}
)


class CellSource(NamedTuple):
    """A code cell as Python: ``python_source``'s result.

    Attributes:
        text: Python source with as many lines as the cell.
        indent: The indentation removed from the start of ``dedented`` lines (IPython runs a
            cell whose first line is indented as if every line started that much further
            left), ``""`` when none was.
        dedented: The 1-based lines ``indent`` was removed from.
    """

    text: str
    indent: str = ""
    dedented: frozenset[int] = frozenset()

    def column(self, line: int, column: int) -> int:
        """The 1-based column in the cell of a 1-based column on a line of ``text``.

        Args:
            line: The 1-based line.
            column: The 1-based column in ``text``.

        Returns:
            The column where the cell holds that character.
        """
        return column + len(self.indent) if line in self.dedented else column


def python_source(cell_source: str) -> CellSource:
    """A code cell's source with IPython syntax blanked out, line for line.

    Valid Python is returned as is. Otherwise, as IPython does, a first line's indentation
    is removed from every line that starts with it; then line magics (``%time x``), shell
    escapes (``!pip install``), assignments from them (``files = !ls``) and help (``?obj``,
    ``obj?``) that start a statement become ``pass`` at their indentation, and their
    backslash continuation lines become blank, so line numbers and blocks stay valid; text
    inside strings and brackets is never touched. A cell magic that does not run Python
    (``%%bash``) blanks the whole cell.

    Args:
        cell_source: The cell's source.

    Returns:
        Python source with as many lines as the cell, and the indentation removed.
    """
    lines = cell_source.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    head = "" if first is None else lines[first]
    indent = head[: len(head) - len(head.lstrip())]  # before a cell magic's line is blanked
    if first is not None and lines[first].lstrip().startswith("%%"):
        words = lines[first].strip()[2:].split(maxsplit=1)
        if not words or words[0] not in PYTHON_CELL_MAGICS:
            return CellSource("\n".join("" for _ in lines))
        lines[first] = ""
    text = "\n".join(lines)
    if _parses(text):
        return CellSource(text)
    dedented = frozenset(n for n, line in enumerate(lines, 1) if indent and line.startswith(indent))
    lines = [line[len(indent) :] if n in dedented else line for n, line in enumerate(lines, 1)]
    return CellSource(_masked(lines), indent, dedented)


def _parses(text: str) -> bool:
    import ast

    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _masked(lines: list[str]) -> str:
    """The lines with IPython syntax that starts a statement blanked (``python_source``)."""
    scanner = _Scanner()
    masked: list[str] = []
    continued_magic = False
    for line in lines:
        if continued_magic:
            masked.append("")
            continued_magic = line.rstrip().endswith("\\")
        elif scanner.at_statement_start() and _is_ipython(line.strip()):
            masked.append(line[: len(line) - len(line.lstrip())] + "pass")
            continued_magic = line.rstrip().endswith("\\")
        else:
            masked.append(line)
            scanner.feed(line)
    return "\n".join(masked)


def _is_ipython(stripped: str) -> bool:
    if stripped.startswith(("%", "?")) or (stripped.startswith("!") and stripped[1:2] != "="):
        return True
    if stripped.endswith("?") and re.fullmatch(HELP_AFTER_NAME, stripped):
        return True
    return re.match(MAGIC_ASSIGNMENT, stripped) is not None and "==" not in stripped.split("=")[0]


class _Scanner:
    """Just enough of Python's lexer to know whether a line starts a new statement."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""  # the open string's delimiter, if any
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and not self.quote and not self.continued

    def feed(self, line: str) -> None:
        index = 0
        while index < len(line):
            char = line[index]
            if self.quote:
                if char == "\\":
                    index += 2
                    continue
                if line.startswith(self.quote, index):
                    index += len(self.quote)
                    self.quote = ""
                    continue
            elif char == "#":
                break
            elif char in "\"'":
                triple = line[index : index + 3]
                self.quote = triple if triple in ('"""', "'''") else char
                index += len(self.quote)
                continue
            elif char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(self.depth - 1, 0)
            index += 1
        self.continued = line.rstrip().endswith("\\") and not self.quote
        if len(self.quote) == 1:  # a one-line string cannot span lines
            self.quote = ""


def code_cells(notebook: Notebook) -> list[tuple[int, CellSource]]:
    """(1-based cell number, the cell as Python: ``python_source``) for each code cell.

    A notebook whose kernel runs another language has none.

    Args:
        notebook: The notebook.

    Returns:
        The code cells in order, numbered among all the notebook's cells.
    """
    if not is_python(notebook):
        return []
    return [
        (number, python_source(source_text(cell)))
        for number, cell in enumerate(notebook["cells"], start=1)
        if cell.get("cell_type") == "code"
    ]
