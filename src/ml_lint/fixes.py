"""Apply the fixes findings carry: non-overlapping edits, written atomically."""

from __future__ import annotations

import os
import tempfile

from ml_lint.model import Edit, Finding


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` applied; an edit overlapping an earlier one is skipped."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[min(line, len(lines) + 1) - 1] + column - 1

    spans = sorted(
        (offset(e.line, e.column), offset(e.end_line, e.end_column), e.replacement) for e in edits
    )
    out: list[str] = []
    position = 0
    for start, end, replacement in spans:
        if start < position:
            continue
        out += [text[position:start], replacement]
        position = end
    out.append(text[position:])
    return "".join(out)


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8), keeping its permissions; all or nothing."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    handle, temp = tempfile.mkstemp(dir=directory, prefix=".ml-lint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def apply_fixes(findings: list[Finding], root: str) -> int:
    """Apply every fix in ``findings`` to its file; returns how many findings were fixed."""
    by_path: dict[str, list[Finding]] = {}
    for result in findings:
        if result.fix is not None and result.cell is None:
            by_path.setdefault(result.path, []).append(result)
    fixed = 0
    for relpath, results in sorted(by_path.items()):
        path = os.path.join(root, relpath)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
        edits = [edit for result in results if result.fix for edit in result.fix.edits]
        new_text = apply_edits(text, edits)
        if new_text != text:
            write_atomic(path, new_text)
            fixed += len(results)
    return fixed
