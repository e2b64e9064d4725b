"""GitLab Code Quality JSON (the ``codequality`` report artifact)."""

from __future__ import annotations

import json

from ml_lint.model import Finding
from ml_lint.report import Context, fingerprints

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(findings: list[Finding], context: Context) -> str:
    """A Code Quality issue per finding.

    Args:
        findings: The findings.
        context: Unused; every format takes it.

    Returns:
        The issues as a JSON array.
    """
    issues = []
    for result, fingerprint in zip(findings, fingerprints(findings), strict=True):
        where = result.cell_position()
        # Cell lines are not lines of the notebook file: point at its first line instead.
        begin, end = (1, 1) if where else (result.line, max(result.end_line, result.line))
        issues.append(
            {
                "description": f"{result.code} {where + ': ' if where else ''}{result.message}",
                "check_name": result.name,
                "fingerprint": fingerprint,
                "severity": SEVERITIES[result.severity],
                "location": {"path": result.path, "lines": {"begin": begin, "end": end}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
