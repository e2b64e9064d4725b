"""Human-readable output: findings grouped by file, then a summary with counts per rule."""

from __future__ import annotations

from ml_lint.model import Finding, is_file_path
from ml_lint.report import Context, counts_by_rule

COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "code": "1;35"}
# Control characters in a file name or a quoted line, written as escapes: a raw tab, newline
# or escape sequence would garble (or drive) the terminal, and a bidirectional override
# would show the text in another order than it has.
BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
CONTROLS = (
    {code: f"\\x{code:02x}" for code in (*range(32), *range(127, 160))}
    | {code: f"\\u{code:04x}" for code in BIDI}
    | {ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}
)


def _shown(text: str) -> str:
    return text if text.isprintable() else text.translate(CONTROLS)


def render(findings: list[Finding], context: Context) -> str:
    """``path:line:col: CODE [name] message`` lines grouped by file, then a summary.

    Args:
        findings: The findings, sorted.
        context: Whether to use colours or print only the summary, and the file count.

    Returns:
        The report's text.
    """

    def paint(text: str, style: str) -> str:
        return f"\033[{COLORS[style]}m{text}\033[0m" if context.color else text

    out: list[str] = []
    if not context.statistics:
        previous = None
        for result in findings:
            if previous is not None and result.path != previous:
                out.append("")
            previous = result.path
            location = paint(_shown(result.location()), "path")
            code = paint(result.code, "code")
            severity = (
                ""
                if result.severity == "error"
                else paint(f"({result.severity}) ", result.severity)
            )
            out.append(f"{location}: {code} [{result.name}] {severity}{_shown(result.message)}")
        if findings:
            out.append("")
    out.extend(summary(findings, context))
    return "\n".join(out) + "\n"


def summary(findings: list[Finding], context: Context) -> list[str]:
    """The closing lines: counts per rule and a total.

    Args:
        findings: The findings.
        context: The report context, for how many files were checked.

    Returns:
        The lines, or one "All checks passed" line when there are no findings.
    """
    if not findings:
        files = _plural(context.files_checked, "file")
        checked = f" ({files} checked)" if context.files_checked else ""
        return [f"All checks passed{checked}."]
    lines = [f"{count:5d}  {code}  {name}" for code, name, count in counts_by_rule(findings)]
    lines.append(f"Found {_plural(len(findings), 'problem')} in {_places(findings)}.")
    return lines


def _places(findings: list[Finding]) -> str:
    paths = {result.path for result in findings}
    kinds = [
        ("file", sum(1 for p in paths if is_file_path(p))),
        ("commit", sum(1 for p in paths if p.startswith("commit:"))),
        ("branch name", sum(1 for p in paths if p.startswith("branch:"))),
    ]
    named = [_plural(count, kind) for kind, count in kinds if count]
    return " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 2 else named)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
