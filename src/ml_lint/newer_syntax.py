"""Syntax of a newer Python than the one ml-lint runs on, named where a parse fails on it."""

from __future__ import annotations

import re
import sys

# (first version, what it is, a pattern for the line the error is on). Only forms that no
# older Python accepts, so that a real mistake is not excused as new syntax.
NEWER_FORMS = (
    ((3, 11), "an `except*` clause", re.compile(r"\s*except\s*\*")),
    ((3, 12), "a generic function", re.compile(r"\s*(?:async\s+)?def\s+\w+\s*\[\s*\**[^\W\d]")),
    ((3, 12), "a generic class", re.compile(r"\s*class\s+\w+\s*\[\s*\**[^\W\d]")),
    ((3, 12), "a `type` statement", re.compile(r"\s*type\s+\w+\s*(?:\[.*\]\s*)?=")),
    ((3, 14), "an `except` of several exceptions without brackets", re.compile(
        r"\s*except\*?\s+[\w.]+\s*,\s*[\w.]+(?:\s*,\s*[\w.]+)*\s*:"
    )),
)  # fmt: skip


def hint(message: str, line: str) -> str:
    """What to add to a syntax error's message when its line holds syntax of a newer Python.

    Args:
        message: The error's message, as Python gives it.
        line: The line the error is on.

    Returns:
        The hint, starting with "; ", or ``""`` where the line shows no newer syntax or this
        Python reads it.
    """
    running = sys.version_info[:2]
    for version, what, pattern in NEWER_FORMS:
        if running < version and pattern.match(line):
            return _hint(what, version)
    if running < (3, 12) and _newer_f_string(message, line):
        return _hint("an f-string with a backslash, a comment or its own quotes inside", (3, 12))
    return ""


# Python 3.12 lets an f-string's replacement fields hold anything an expression may (PEP 701).
F_STRING_LIMITS = ("f-string expression part cannot include",)  # a backslash, or '#'
# `f"{"a"}"`: a string in the f-string's own quotes inside a replacement field.
REUSED_QUOTE = re.compile(r"""[fF][rR]?(["'])[^"'{]*\{[^}]*?\1[^"']*\1[^}]*\}""")


def _newer_f_string(message: str, line: str) -> bool:
    if message.startswith(F_STRING_LIMITS):
        return True
    return message.startswith("f-string") and REUSED_QUOTE.search(line) is not None


def _hint(what: str, version: tuple[int, int]) -> str:
    running = ".".join(map(str, sys.version_info[:2]))
    needed = ".".join(map(str, version))
    return (
        f"; this looks like {what}, Python {needed} syntax, and ml-lint runs on Python "
        f"{running}: install it with Python {needed} or newer (for pre-commit, "
        f"`language_version: python{needed}`)"
    )
