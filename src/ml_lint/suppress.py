"""Inline suppressions: ``# ml-lint: ignore[CODE, name]`` on a line, ``ignore-file`` for a file.

A bare ``# ml-lint: ignore`` (no brackets) suppresses every rule on its line, and a bare
``# ml-lint: ignore-file`` the whole file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ml_lint import registry
from ml_lint.model import Finding, finding
from ml_lint.rules import general

COMMENT = re.compile(r"#\s*ml-lint:\s*(?P<kind>ignore-file|ignore)\b(?:\[(?P<codes>[^\]]*)\])?")


class Suppression(NamedTuple):
    """One suppression comment: where it is, what it names (None for every rule)."""

    line: int
    column: int
    whole_file: bool
    codes: tuple[str, ...] | None


def parse(lines: list[str]) -> list[Suppression]:
    """Every suppression comment in ``lines``."""
    found: list[Suppression] = []
    for number, text in enumerate(lines, start=1):
        if "ml-lint:" not in text:
            continue
        for match in COMMENT.finditer(text):
            raw = match["codes"]
            codes = None if raw is None else tuple(c.strip() for c in raw.split(",") if c.strip())
            found.append(
                Suppression(number, match.start() + 1, match["kind"] == "ignore-file", codes)
            )
    return found


def _code_of(selector: str) -> str | None:
    try:
        return registry.get(selector).code
    except registry.UnknownSelector:
        return None


def apply(
    findings: list[Finding], lines: list[str], path: str, report_unused: bool
) -> list[Finding]:
    """Drop suppressed findings; with ``report_unused``, add one for each unused suppression."""
    suppressions = parse(lines)
    if not suppressions:
        return findings
    used: set[tuple[int, str | None]] = set()
    kept: list[Finding] = []
    for result in findings:
        hit = next((s for s in suppressions if _covers(s, result)), None)
        if hit is None:
            kept.append(result)
        else:
            used.add((hit.line, None if hit.codes is None else _matching(hit, result)))
    if report_unused:
        kept += _unused(suppressions, used, path)
    return kept


def _covers(suppression: Suppression, result: Finding) -> bool:
    if result.code == general.UNUSED_SUPPRESSION.code:
        return False
    if not suppression.whole_file and suppression.line != result.line:
        return False
    return suppression.codes is None or _matching(suppression, result) is not None


def _matching(suppression: Suppression, result: Finding) -> str | None:
    for selector in suppression.codes or ():
        if _code_of(selector) == result.code:
            return selector
    return None


def _unused(
    suppressions: list[Suppression], used: set[tuple[int, str | None]], path: str
) -> list[Finding]:
    rule = general.UNUSED_SUPPRESSION
    results: list[Finding] = []
    for s in suppressions:
        if s.codes is None:
            if (s.line, None) not in used:
                message = "blanket suppression suppresses nothing; remove it"
                results.append(finding(rule, path, message, s.line, s.column))
            continue
        for selector in s.codes:
            if _code_of(selector) is None:
                message = f"suppression names unknown rule {selector!r}; `ml-lint rules` lists them"
            elif (s.line, selector) not in used:
                message = f"suppression of {selector!r} is unused; remove it"
            else:
                continue
            results.append(finding(rule, path, message, s.line, s.column))
    return results
