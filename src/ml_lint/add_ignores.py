"""``check --add-ignores``: a suppression comment for every finding, to adopt rules on old code.

Each Python line with findings gets ``# ml-lint: ignore[CODE, ...]`` at its end, or its
codes added to the directive already there, so that the next run reports only new problems
(ruff's ``--add-noqa``). A finding on a line inside a multi-line string (a docstring) is
suppressed on the line where the string ends, the only place a comment can cover it. Lines
that cannot hold a working comment (continued with a backslash, a ``#!`` line, a comment
with another ml-lint directive), notebooks, and findings about a whole file are left alone
and counted. Only comments are added: a file whose text outside its comments would change is
not written.
"""

from __future__ import annotations

import bisect
import re

from ml_lint import pylex
from ml_lint.model import Finding
from ml_lint.records import NamedTuple
from ml_lint.rules import general
from ml_lint.suppress import DIRECTIVE, MENTION

# Findings that no line comment can or should suppress: a file that cannot be read or
# parsed, a failing checker, and suppressions themselves.
UNSUPPRESSIBLE = frozenset(
    rule.code
    for rule in (
        general.INTERNAL_ERROR,
        general.UNREADABLE_FILE,
        general.SYNTAX_ERROR,
        general.UNUSED_SUPPRESSION,
    )
)


class Added(NamedTuple):
    """What adding suppressions to one file's text did.

    Attributes:
        text: The new text (the old one if nothing was added).
        added: How many comments were added or extended.
        suppressed: How many findings they cover.
        left: How many findings no comment could cover.
    """

    text: str
    added: int
    suppressed: int
    left: int


def suppressible(result: Finding) -> bool:
    """Whether a line comment can suppress ``result`` (a Python file's finding on a line).

    Args:
        result: The finding.

    Returns:
        False for notebook cells and findings about a whole file or a suppression.
    """
    return result.cell is None and result.code not in UNSUPPRESSIBLE


def add_ignores(text: str, findings: list[Finding]) -> Added:
    """``text`` with a suppression comment for each of ``findings`` that a line can take.

    Args:
        text: A Python file's text, BOM and line endings as read.
        findings: The file's findings that ``suppressible`` accepts.

    Returns:
        The new text and the counts.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    layout = _layout(body)
    if layout is None:
        return Added(text, 0, 0, len(findings))
    lines = re.split(pylex.LINE_END, body)
    by_line: dict[int, list[Finding]] = {}
    left = 0
    for result in findings:
        line = layout.string_ends.get(result.line, result.line)
        shebang = line == 1 and lines[0].startswith("#!")  # `#!python  # x` runs no python
        if line in layout.continued or shebang or not 0 < line <= len(lines):
            left += 1
        else:
            by_line.setdefault(line, []).append(result)
    added = 0
    for line, found in by_line.items():
        codes = {result.code for result in found}
        new = _with_directive(lines[line - 1], codes, layout.comments.get(line))
        if new is None:
            left += len(found)
        elif new != lines[line - 1]:
            lines[line - 1] = new
            added += 1
    separators = [*re.findall(pylex.LINE_END, body), ""]
    new_body = "".join(part for pair in zip(lines, separators, strict=True) for part in pair)
    if _code(new_body) != _code(body) or _layout(new_body) is None:  # only comments changed
        return Added(text, 0, 0, len(findings))
    return Added(bom + new_body, added, len(findings) - left, left)


class Layout(NamedTuple):
    """Where a file's comments can go.

    Attributes:
        string_ends: For each line inside a multi-line string but its last, the last line.
        continued: The lines a backslash continues, which cannot end in a comment.
        comments: For each line with a comment, the comment's 0-based column.
    """

    string_ends: dict[int, int]
    continued: set[int]
    comments: dict[int, int]


def _layout(text: str) -> Layout | None:
    """The file's ``Layout``, or None if it does not parse."""
    import ast

    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    starts = pylex.line_starts(text)
    lexemes = list(pylex.lexemes(text, starts))
    spans = [(lexeme.start, lexeme.end) for lexeme in lexemes]  # strings and comments, in order
    comments = {lexeme.line: lexeme.column - 1 for lexeme in lexemes if lexeme.comment}
    string_ends = {
        line: last for first, last in pylex.string_blocks(lexemes) for line in range(first, last)
    }
    continued = set()
    for match in re.finditer(r"\\(?=\r\n|\r|\n)", text):  # a backslash that ends a line
        index = bisect.bisect_right(spans, (match.start(), len(text))) - 1
        if index < 0 or spans[index][1] <= match.start():  # outside every string and comment
            continued.add(bisect.bisect_right(starts, match.start()))
    return Layout(string_ends, continued, comments)


def _code(text: str) -> list[str]:
    """The lines of ``text`` with comments and trailing spaces removed."""
    pieces = []
    position = 0
    for lexeme in pylex.lexemes(text):
        if lexeme.comment:
            pieces.append(text[position : lexeme.start])
            position = lexeme.end
    pieces.append(text[position:])
    return [line.rstrip() for line in re.split(pylex.LINE_END, "".join(pieces))]


def _with_directive(line: str, codes: set[str], comment: int | None) -> str | None:
    """``line`` with ``codes`` in its ``ignore[...]``: the one it has, or a new one.

    Returns:
        The new line, or None if the line's comment holds another ml-lint directive
        (``ignore-file``, or one that does not parse): only the first counts, so a new one
        after it would do nothing.
    """
    mention = MENTION.search(line, comment) if comment is not None else None
    if mention:
        match = DIRECTIVE.match(line, mention.start())
        if not match or match["kind"] != "ignore" or match["codes"] is None:
            return None
        named = [c.strip() for c in match["codes"].split(",") if c.strip()]
        merged = named + sorted(codes - set(named))
        start, end = match.span("codes")
        return f"{line[:start]}{', '.join(merged)}{line[end:]}"
    code = line.rstrip()
    directive = f"# ml-lint: ignore[{', '.join(sorted(codes))}]"
    return f"{code}  {directive}" if code else directive
