"""Report formats. Each module renders findings to a string; only the CLI writes it out."""

from __future__ import annotations

import importlib

from ml_lint.model import Finding, Rule
from ml_lint.records import NamedTuple


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
    """Render ``findings`` in format ``fmt`` (a module ``ml_lint.report.<fmt>_report``).

    Args:
        fmt: The format's name, such as ``text`` or ``sarif``.
        findings: The findings, sorted.
        context: What the format may need besides the findings.

    Returns:
        The report's text.
    """
    module = importlib.import_module(f"ml_lint.report.{fmt}_report")
    text: str = module.render(findings, context)
    return text


def fingerprints(findings: list[Finding]) -> list[str]:
    """A stable identity per finding, unique within the report.

    It hashes the rule, the path and the message (for a secret, its fingerprint instead),
    not the line, so a finding keeps its identity when code above it moves; identical
    findings in one file are told apart by their order.

    Args:
        findings: The report's findings, in report order.

    Returns:
        32 hex digits per finding, in the same order.
    """
    from hashlib import sha256

    seen: dict[str, int] = {}
    result = []
    # Unpacked rather than read field by field: a report may hold 50,000 findings.
    for path, _, _, code, message, _, _, _, _, _, secret, _ in findings:
        key = f"{code}\0{path}\0{secret or message}"
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            key += f"\0{count}"
        result.append(sha256(key.encode("utf-8")).hexdigest()[:32])
    return result


def counts_by_rule(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """(code, name, count) for every rule with findings, most frequent first.

    Args:
        findings: The findings to count.

    Returns:
        The counts; rules with equal counts are sorted by code.
    """
    counts: dict[tuple[str, str], int] = {}
    for result in findings:
        key = (result.code, result.name)
        counts[key] = counts.get(key, 0) + 1
    return sorted(((c, n, k) for (c, n), k in counts.items()), key=lambda t: (-t[2], t[0]))
