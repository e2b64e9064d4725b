"""Secrets in Jupyter notebooks: cell sources, outputs and metadata, never base64 images.

Tokens printed by a cell (``print(os.environ)``, a login banner, a traceback showing a
request's headers) are a classic leak, so outputs are scanned as well as sources. Each is
scanned as its own text: a finding names the cell and the line in the cell's source, or the
output and the line in that output's text.
"""

from __future__ import annotations

import json
import re

from ml_lint import notebook
from ml_lint.records import NamedTuple
from ml_lint.secrets.scan import Match, scan_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours in tracebacks would glue to tokens


class NotebookMatch(NamedTuple):
    """A secret in a notebook.

    Attributes:
        match: Positions are in ``where``'s own text (cell source lines count from 1).
        cell: 1-based cell number, or None for the notebook's metadata or an unparsed file.
        where: ``""`` for a cell's source, the raw file or the notebook metadata;
            ``"output N"`` (1-based) for an output; ``"metadata"`` for a cell's metadata.
    """

    match: Match
    cell: int | None
    where: str


def scan_notebook(text: str) -> list[NotebookMatch]:
    """Every secret in a notebook file; a file that does not parse is scanned as text.

    Args:
        text: The notebook file's text.

    Returns:
        The secrets: notebook metadata first, then cell by cell (source, metadata, outputs).
    """
    try:
        nb = notebook.parse(text)
    except notebook.NotebookError:
        return [NotebookMatch(m, None, "") for m in scan_text(text)]
    found: list[NotebookMatch] = []
    metadata = nb.get("metadata")
    if metadata:
        matches = scan_text(_dump(metadata))
        found += [NotebookMatch(_placed(m, text), None, "metadata") for m in matches]
    for number, cell in enumerate(nb["cells"], start=1):
        found += [NotebookMatch(m, number, "") for m in scan_text(notebook.source_text(cell))]
        if cell.get("metadata"):
            found += [
                NotebookMatch(m, number, "metadata") for m in scan_text(_dump(cell["metadata"]))
            ]
        outputs = cell.get("outputs")
        for index, output in enumerate(outputs if isinstance(outputs, list) else [], start=1):
            if isinstance(output, dict):
                output_text = output_texts(output)
                if output_text:
                    where = f"output {index}"
                    found += [NotebookMatch(m, number, where) for m in scan_text(output_text)]
    return found


def _placed(match: Match, text: str) -> Match:
    """A match in the notebook's metadata, moved to where the file holds the secret.

    The metadata is scanned as re-written JSON; the file holds it last, so the secret's last
    occurrence (as written, or JSON-escaped) is the one. Not found, it is at 1:1.
    """
    for written in (match.secret, json.dumps(match.secret)[1:-1]):
        start = text.rfind(written)
        if start != -1:
            break
    else:
        return match._replace(line=1, column=1, end_line=1, end_column=1, start=0, end=0)
    end = start + len(written)
    line, end_line = text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1
    column = start - text.rfind("\n", 0, start)
    end_column = end - text.rfind("\n", 0, end)
    return match._replace(
        line=line, column=column, end_line=end_line, end_column=end_column, start=start, end=end
    )


def output_texts(output: dict[str, Any]) -> str:
    """The text of an output that can hold a secret: never ``image/*`` data.

    Stream text, every ``text/*`` and JSON representation of a result or display, and an
    error's name, value and traceback (without terminal colours), one after the other.

    Args:
        output: One entry of a code cell's ``outputs``.

    Returns:
        The texts joined by newlines; ``""`` when there is none.
    """
    parts: list[str] = []
    kind = output.get("output_type")
    if kind == "stream":
        parts.append(_joined(output.get("text")))
    elif kind == "error":
        parts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
        parts += [ANSI.sub("", line) for line in _lines(output.get("traceback"))]
    data = output.get("data")
    if isinstance(data, dict):
        for mime, value in data.items():
            if mime.startswith("image/") or not isinstance(mime, str):
                continue
            if mime.startswith("text/") or mime.endswith(("json", "javascript")):
                parts.append(_joined(value) if not isinstance(value, dict) else _dump(value))
    return "\n".join(part for part in parts if part)


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return "".join(str(item) for item in value)
    return value if isinstance(value, str) else _dump(value) if value is not None else ""


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)] if value is not None else []


def _dump(value: Any) -> str:
    return json.dumps(value, indent=1, ensure_ascii=False)
