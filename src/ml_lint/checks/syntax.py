"""ML003: a Python file must parse (the shared syntax tree is built here, once)."""

from __future__ import annotations

from collections.abc import Iterator

from ml_lint.config import Config
from ml_lint.model import Finding
from ml_lint.source import SourceFile


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Parse the file; a syntax error surfaces as the file's ML003 finding.

    Args:
        source: The Python file.
        config: Unused; every checker takes it.

    Returns:
        No findings: the ML003 finding comes from the ``SourceError`` that parsing raises.
    """
    source.tree  # noqa: B018 - parsing is the check; the tree is cached for other checkers
    return iter(())
