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
        # Unpacked rather than read field by field: a report may hold 50,000 findings.
        path, line, column, code, message, end_line, end_column, name, severity, cell, *rest = item
        secret, detector = rest
        # The rule's and the file's fields repeat from row to row: encode them once.
        rule = rule_parts.get((code, name))
        if rule is None:
            rule = rule_parts[code, name] = (
                f'{{"code": {_text(code)}, "name": {_text(name)}, "message": '
            )
        place = file_parts.get((severity, path, cell))
        if place is None:
            place = file_parts[severity, path, cell] = (
                f'"severity": {_text(severity)}, "path": {_text(path)}, '
                f'"cell": {_number(cell)}, "line": '
            )
        secrets = NO_SECRET if secret is None and detector is None else _secret(secret, detector)
        # Lines and columns are ints: no format spec, which costs a call per field.
        rows.append(
            f"{rule}{_text(message)}, {place}{line}, "
            f'"column": {column}, "end_line": {end_line}, '
            f'"end_column": {end_column}, "fingerprint": "{fingerprint}", {secrets}}}'
        )
    # The brackets go on the first and last rows: one join, no copy of the whole text.
    rows[0] = "[\n  " + rows[0]
    rows[-1] += "\n]\n"
    return ",\n  ".join(rows)


_text = encode_basestring_ascii


NO_SECRET = '"secret_fingerprint": null, "secret_detector": null'


def _secret(fingerprint: str | None, detector: str | None) -> str:
    return f'"secret_fingerprint": {_string(fingerprint)}, "secret_detector": {_string(detector)}'


def _number(value: int | None) -> str:
    return "null" if value is None else f"{value:d}"


def _string(value: str | None) -> str:
    return "null" if value is None else _text(value)
