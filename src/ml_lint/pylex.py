"""Python's strings and comments, found by one regular expression.

Suppression comments must be told from text inside strings, and a comment after a
multi-line string covers the string's lines. ``tokenize`` knows both but is pure Python
before 3.12, five times slower than this on large projects, where after
``check --add-ignores`` every file holds suppressions. The expression reads strings and
comments as Python's lexer does, for source that parses: a string is consumed whole, so a
``#`` inside one never starts a comment. (Python 3.12 allows an f-string to nest its own
quotes, ``f"{d["k"]}"``; that reads as two strings here, and a ``#`` between such nested
quotes, ``f"{d["#"]}"``, as a comment.)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from itertools import accumulate

from ml_lint.records import NamedTuple

_TRIPLE = r"{q}{q}{q}[^{q}\\]*(?:(?:\\.|{q}(?!{q}{q}))[^{q}\\]*)*{q}{q}{q}"
_SINGLE = r"{q}[^{q}\\\r\n]*(?:\\(?:\r\n|.)[^{q}\\\r\n]*)*{q}"
STRINGS_AND_COMMENTS = (
    r"(?P<comment>#[^\r\n]*)|(?:(?<![\w.])[rRbBuUfF]{1,2})?(?:"
    + "|".join(form.format(q=q) for form in (_TRIPLE, _SINGLE) for q in "\"'")
    + ")"
)
LINE_END = r"\r\n|\r|\n"  # what Python counts as a line end


class Lexeme(NamedTuple):
    """A string literal or a comment.

    Attributes:
        comment: True for a comment, False for a string.
        line: Its first 1-based line.
        end_line: Its last 1-based line.
        column: Its 1-based column (in characters) on ``line``.
        start: Its offset in the text.
        end: The offset just after it.
        text: The comment from ``#``, or the string with its prefix and quotes.
    """

    comment: bool
    line: int
    end_line: int
    column: int
    start: int
    end: int
    text: str


def line_starts(text: str) -> list[int]:
    """The offset where each line starts: line ``n`` starts at ``result[n - 1]``.

    Args:
        text: The text.

    Returns:
        The offsets, 0 first.
    """
    if "\r" in text:
        return [0, *(match.end() for match in re.finditer(LINE_END, text))]
    # Each line starts one past the end of the one before: no match object per line.
    return list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def lexemes(text: str, starts: list[int] | None = None) -> Iterator[Lexeme]:
    """The strings and comments of Python source that parses, in order.

    Args:
        text: The source.
        starts: ``line_starts(text)``, if the caller has it.

    Yields:
        Each string literal and comment.
    """
    if starts is None:
        starts = line_starts(text)
    for match in re.finditer(STRINGS_AND_COMMENTS, text, re.DOTALL):
        start, end = match.span()
        line = bisect.bisect_right(starts, start)
        end_line = bisect.bisect_right(starts, end - 1)
        comment = match.lastgroup == "comment"
        yield Lexeme(comment, line, end_line, start - starts[line - 1] + 1, start, end, match[0])


def string_blocks(lexemes: Iterable[Lexeme]) -> list[tuple[int, int]]:
    """The line ranges of multi-line strings: where a comment can only follow the last line.

    Strings that share a line (one ends where the next, joined to it, starts) make one range,
    as they do for ruff's ``noqa``.

    Args:
        lexemes: A file's lexemes, in order.

    Returns:
        ``(first line, last line)`` of each range, in order.
    """
    blocks: list[tuple[int, int]] = []
    for lexeme in lexemes:
        if lexeme.comment or lexeme.line == lexeme.end_line:
            continue
        if blocks and lexeme.line <= blocks[-1][1]:
            blocks[-1] = (blocks[-1][0], max(blocks[-1][1], lexeme.end_line))
        else:
            blocks.append((lexeme.line, lexeme.end_line))
    return blocks
