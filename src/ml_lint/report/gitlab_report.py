"""GitLab Code Quality JSON (the ``codequality`` report artifact)."""

from __future__ import annotations

import json

from ml_lint.model import Finding
from ml_lint.report import Context, fingerprint

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(findings: list[Finding], context: Context) -> str:
    """A Code Quality issue per finding."""
    seen: dict[str, int] = {}
    issues = []
    for result in findings:
        base = fingerprint(result)
        seen[base] = seen.get(base, 0) + 1  # GitLab needs fingerprints unique within a report
        issues.append(
            {
                "description": f"{result.code} {result.message}",
                "check_name": result.name,
                "fingerprint": base if seen[base] == 1 else f"{base}-{seen[base]}",
                "severity": SEVERITIES[result.severity],
                "location": {
                    "path": result.path,
                    "lines": {"begin": result.line, "end": max(result.end_line, result.line)},
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
