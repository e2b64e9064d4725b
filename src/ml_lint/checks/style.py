"""The guide's Python style rules that need only the text: line length and indentation."""

from __future__ import annotations

from collections.abc import Iterator

from ml_lint.config import Config
from ml_lint.model import Finding, finding
from ml_lint.rules import general
from ml_lint.source import SourceError, SourceFile


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Flag long lines and tab indentation in a Python file.

    Args:
        source: The Python file.
        config: The configuration, for ``max-line-length``.

    Yields:
        An ML010 finding for each line over the limit (unless the overflow is one URL), and
        an ML011 finding for each line indented with a tab, except lines that begin inside
        a multi-line string other than a docstring (that whitespace is the string's own, as
        in ruff's W191).
    """
    limit = config.style.max_line_length
    in_strings: set[int] | None = None
    for number, line in enumerate(source.lines, start=1):
        if len(line) > limit and not _exempt_past_limit(line, limit):
            message = f"line is {len(line)} characters, more than {limit}; wrap it"
            yield finding(
                general.LINE_TOO_LONG,
                source.relpath,
                message,
                number,
                limit + 1,
                number,
                len(line) + 1,
            )
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            if in_strings is None:
                in_strings = _lines_inside_strings(source)
            if number in in_strings:
                continue
            message = "indentation contains a tab; indent with 4 spaces per level"
            yield finding(
                general.TAB_INDENTATION, source.relpath, message, number, indent.index("\t") + 1
            )


def _lines_inside_strings(source: SourceFile) -> set[int]:
    """The numbers of the lines that begin inside a multi-line string other than a docstring.

    A docstring's indentation is held to the rule, as pydocstyle's D206 holds it. Tokens
    find the strings, not the syntax tree: implicitly concatenated strings are one node
    there, and the lines between their parts begin outside any string.
    """
    import ast
    import io
    import tokenize

    from ml_lint.checks.docstring_style import definitions

    try:
        tree = source.tree
    except SourceError:  # reported as a syntax error; every tab is flagged meanwhile
        return set()
    fstring_start = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+
    fstring_end = getattr(tokenize, "FSTRING_END", None)
    inside: set[int] = set()
    opened: list[int] = []
    try:
        lines = io.StringIO(source.text, newline="").readline  # \r alone ends a line too
        for token in tokenize.generate_tokens(lines):
            if token.type == tokenize.STRING:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
            elif token.type == fstring_start:
                opened.append(token.start[0])
            elif token.type == fstring_end and opened:
                inside.update(range(opened.pop() + 1, token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        return set()
    for node, _ in definitions(tree):
        first = node.body[0] if node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            inside.difference_update(range(first.lineno + 1, (first.end_lineno or 0) + 1))
    return inside


# Trailing comments that other tools read (noqa, type: ignore, ml-lint: ignore[...]...).
PRAGMAS = (
    r"(?:\s*#\s*(?:noqa\b|type:\s*ignore\b|pyright:|pylint:|mypy:|ruff:|flake8:|isort:|"
    r"nosec\b|ml-lint:|pragma:|gitleaks:allow)[^#]*)+$"
)


def _exempt_past_limit(line: str, limit: int) -> bool:
    """Whether a long line is exempt, as in ruff's E501.

    Exempt are a line whose overflow is one unbreakable URL, and one that is long only
    through the pragma comments that end it (``# noqa``, ``# type: ignore``,
    ``# ml-lint: ignore[...]``...), which must stay on their line.
    """
    words = line.split()
    last = words[-1] if words else ""
    if "://" in last and len(line) - len(last) <= limit:
        return True
    if "#" not in line:
        return False
    import re

    pragma = re.search(PRAGMAS, line)  # compiled once, by re's cache
    return pragma is not None and pragma.start() <= limit
