"""Report formats. Each module renders findings to a string; only the CLI writes it out."""

import importlib
from typing import NamedTuple

from ml_lint.model import Finding, Rule


class Context(NamedTuple):
    """What a report may need besides the findings.

    Attributes:
        rules: The rules of the run (enabled ones), for metadata in SARIF.
        root: Absolute directory that finding paths are relative to.
        color: Whether text output may use ANSI colours.
        statistics: Text output shows only counts per rule.
        files_checked: How many files were checked, for the summary.
    """

    rules: tuple[Rule, ...]
    root: str
    color: bool = False
    statistics: bool = False
    files_checked: int = 0


def render(fmt: str, findings: list[Finding], context: Context) -> str:
    """Render ``findings`` in format ``fmt`` (a module ``ml_lint.report.<fmt>_report``)."""
    module = importlib.import_module(f"ml_lint.report.{fmt}_report")
    text: str = module.render(findings, context)
    return text


def fingerprint(result: Finding) -> str:
    """A stable identity for a finding that survives it moving to another line."""
    import hashlib

    key = f"{result.code}\0{result.path}\0{result.message}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def counts_by_rule(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """(code, name, count) for every rule with findings, most frequent first."""
    counts: dict[tuple[str, str], int] = {}
    for result in findings:
        key = (result.code, result.name)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((c, n, k) for (c, n), k in counts.items()), key=lambda t: (-t[2], t[0]))
