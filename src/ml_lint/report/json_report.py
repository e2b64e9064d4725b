"""JSON: an array of findings with every field, for scripts."""

from __future__ import annotations

import json

from ml_lint.model import Finding
from ml_lint.report import Context, fingerprints

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def as_dict(result: Finding, fingerprint: str) -> dict[str, Any]:
    """One finding as plain data.

    Args:
        result: The finding.
        fingerprint: Its stable identity in the report, from ``fingerprints``.

    Returns:
        Every field of the finding, the fix's edits included, keyed for JSON.
    """
    fix = result.fix
    return {
        "code": result.code,
        "name": result.name,
        "message": result.message,
        "severity": result.severity,
        "path": result.path,
        "cell": result.cell,
        "line": result.line,
        "column": result.column,
        "end_line": result.end_line,
        "end_column": result.end_column,
        "fingerprint": fingerprint,
        "secret_fingerprint": result.fingerprint,
        "secret_detector": result.detector,
        "fix": None
        if fix is None
        else {"description": fix.description, "edits": [edit._asdict() for edit in fix.edits]},
    }


def render(findings: list[Finding], context: Context) -> str:
    """The findings as a JSON array, one finding per line.

    One object per line reads and greps well, and unlike ``indent`` it keeps json's C
    encoder: a report of 50,000 findings is written in a tenth of the time.

    Args:
        findings: The findings.
        context: Unused; every format takes it.

    Returns:
        The JSON text with a final newline.
    """
    if not findings:
        return "[]\n"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = (
        encode(as_dict(item, key))
        for item, key in zip(findings, fingerprints(findings), strict=True)
    )
    return "[\n  " + ",\n  ".join(rows) + "\n]\n"
