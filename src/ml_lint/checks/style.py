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
    comments: dict[int, int] | None = None
    for number, line in enumerate(source.lines, start=1):
        if len(line) > limit and "#" in line and comments is None:
            comments = _comment_columns(source)
        comment = comments.get(number) if comments else None
        if len(line) > limit and not _exempt_past_limit(line, limit, comment):
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
        indent = line[: len(line) - len(line.lstrip(" \t\f"))]
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


# Comments that tools read, as ruff's E501 knows them: noqa (in any case), nosec, and
# "<tool>: ..." for these tools (type: ignore, ml-lint: ignore[...]...).
PRAGMA_TOOLS = frozenset(
    {"type", "pyright", "pylint", "mypy", "ruff", "flake8", "isort", "ml-lint", "pragma"}
)


def _exempt_past_limit(line: str, limit: int, comment: int | None) -> bool:
    """Whether a long line is exempt, as in ruff's E501.

    Exempt are a line that is long only through the pragma comments that end it (noqa,
    type: ignore, ml-lint: ignore[...]...), which must stay on their line, or through an
    ml-lint directive anywhere in its comment (``# ml-lint: ignore[...]  # why``), and a line
    whose overflow, pragmas left out, is one unbreakable URL.

    Args:
        line: The line.
        limit: The longest line allowed.
        comment: The 0-based column where the line's comment starts, if it has one.

    Returns:
        True if the line is not to be reported.
    """
    from ml_lint.suppress import DIRECTIVE, mentions

    if comment is not None and mentions(line):
        without = line[:comment] + DIRECTIVE.sub("", line[comment:])
        if len(without.rstrip()) <= limit:
            return True
    if comment is not None:
        hashes = [comment + i for i, char in enumerate(line[comment:]) if char == "#"]
        # The pragmas are the comments from the first one after which every one is a pragma.
        ends = [*hashes[1:], len(line)]
        first = len(hashes)
        while first > 0 and _is_pragma(line[hashes[first - 1] : ends[first - 1]]):
            first -= 1
        if first < len(hashes):
            line = line[: hashes[first]].rstrip()
            if len(line) <= limit:
                return True
    words = line.split()
    last = words[-1] if words else ""
    return "://" in last and len(line) - len(last) <= limit


def _is_pragma(comment: str) -> bool:
    text = comment[1:].lstrip()
    if text[:4].lower() == "noqa" or text.startswith(("nosec", "gitleaks:allow")):
        return True
    tool, colon, _ = text.partition(":")
    return bool(colon) and tool in PRAGMA_TOOLS


def _comment_columns(source: SourceFile) -> dict[int, int]:
    """The 0-based column where each line's comment starts; none if the file does not parse."""
    from ml_lint import pylex

    if not source.parses():  # pylex reads Python that parses
        return {}
    return {
        lexeme.line: lexeme.column - 1 for lexeme in pylex.lexemes(source.text) if lexeme.comment
    }
