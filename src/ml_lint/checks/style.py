"""The guide's Python style rules that need only the text: line length and indentation."""

from __future__ import annotations

from collections.abc import Iterator

from ml_lint.config import Config
from ml_lint.model import Finding, finding
from ml_lint.rules import general
from ml_lint.source import SourceFile


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Flag long lines and tab indentation in a Python file.

    Args:
        source: The Python file.
        config: The configuration, for ``max-line-length``.

    Yields:
        An ML010 finding for each line over the limit (unless the overflow is one URL), and
        an ML011 finding for each line indented with a tab.
    """
    limit = config.style.max_line_length
    for number, line in enumerate(source.lines, start=1):
        if len(line) > limit and not _only_url_past_limit(line, limit):
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
            message = "indentation contains a tab; indent with 4 spaces per level"
            yield finding(
                general.TAB_INDENTATION, source.relpath, message, number, indent.index("\t") + 1
            )


def _only_url_past_limit(line: str, limit: int) -> bool:
    """A line whose overflow is one unbreakable URL (as in ruff's E501) is exempt."""
    words = line.split()
    last = words[-1] if words else ""
    return "://" in last and len(line) - len(last) <= limit
