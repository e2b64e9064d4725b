"""JSON: an array of findings with every field, for scripts."""

from __future__ import annotations

from json.encoder import encode_basestring_ascii

from ml_lint.model import Finding
from ml_lint.report import Context, fingerprints


def render(findings: list[Finding], context: Context) -> str:
    """The findings as a JSON array, one finding per line, in ASCII.

    Each line is written from its fields with json's C string encoder: a report of 50,000
    findings takes a fraction of the time a ``JSONEncoder`` per finding (or ``indent``) would.
    Characters outside ASCII are escaped, as ``json.dumps`` does by default: one emoji in a
    message would otherwise make Python hold the whole report four bytes per character.

    Args:
        findings: The findings.
        context: Unused; every format takes it.

    Returns:
        The JSON text with a final newline.
    """
    if not findings:
        return "[]\n"
    rule_parts: dict[tuple[str, str], str] = {}
    file_parts: dict[tuple[str, str, int | None], str] = {}
    rows = []
    for item, fingerprint in zip(findings, fingerprints(findings), strict=True):
        # The rule's and the file's fields repeat from row to row: encode them once.
        rule = rule_parts.get((item.code, item.name))
        if rule is None:
            rule = f'{{"code": {_text(item.code)}, "name": {_text(item.name)}, "message": '
            rule_parts[item.code, item.name] = rule
        place = file_parts.get((item.severity, item.path, item.cell))
        if place is None:
            place = (
                f'"severity": {_text(item.severity)}, "path": {_text(item.path)}, '
                f'"cell": {_number(item.cell)}, "line": '
            )
            file_parts[item.severity, item.path, item.cell] = place
        rows.append(
            f"{rule}{_text(item.message)}, {place}{item.line:d}, "
            f'"column": {item.column:d}, "end_line": {item.end_line:d}, '
            f'"end_column": {item.end_column:d}, "fingerprint": "{fingerprint}", '
            f'"secret_fingerprint": {_string(item.fingerprint)}, '
            f'"secret_detector": {_string(item.detector)}}}'
        )
    # The brackets go on the first and last rows: one join, no copy of the whole text.
    rows[0] = "[\n  " + rows[0]
    rows[-1] += "\n]\n"
    return ",\n  ".join(rows)


_text = encode_basestring_ascii


def _number(value: int | None) -> str:
    return "null" if value is None else f"{value:d}"


def _string(value: str | None) -> str:
    return "null" if value is None else _text(value)
