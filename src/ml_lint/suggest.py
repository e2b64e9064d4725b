"""Nearest-match suggestions for misspelled types, prefixes and scopes."""

from __future__ import annotations

SYNONYMS = {
    "feature": "feat",
    "features": "feat",
    "bugfix": "fix",
    "hotfix": "fix",
    "bug": "fix",
    "doc": "docs",
    "documentation": "docs",
    "tests": "test",
    "testing": "test",
    "refactoring": "refactor",
    "performance": "perf",
    "chores": "chore",
    "feat": "feature",
    "bugfixes": "fix",
    "refac": "refactor",
}


def nearest(word: str, choices: tuple[str, ...]) -> str | None:
    """The allowed choice closest to ``word``, or None when nothing is close.

    Args:
        word: The misspelled word.
        choices: The allowed words.

    Returns:
        ``word`` lowercased if allowed, else the allowed word it is a known synonym of
        (``fix`` for ``bugfix``), else the closest choice by ``difflib`` (ratio >= 0.6).
    """
    lowered = word.lower()
    if lowered in choices:
        return lowered
    synonym = SYNONYMS.get(lowered)
    if synonym in choices:
        return synonym
    import difflib

    close = difflib.get_close_matches(lowered, choices, n=1, cutoff=0.6)
    return close[0] if close else None
