"""GitHub Actions workflow commands (annotations) and a job-summary table.

GitHub shows only the first few annotations of a step, so the CLI also appends
``summary_markdown`` to ``$GITHUB_STEP_SUMMARY`` when that is set.
"""

from __future__ import annotations

import re

from ml_lint.model import Finding, is_file_path
from ml_lint.report import Context, counts_by_rule

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding], context: Context) -> str:
    """One ``::error file=...`` line per finding.

    Args:
        findings: The findings.
        context: Unused; every format takes it.

    Returns:
        The workflow commands, one per line (``error``, ``warning`` or ``notice``).
    """
    lines = []
    for result in findings:
        props = []
        if is_file_path(result.path):
            props.append(f"file={_escape_property(result.path)}")
        if is_file_path(result.path) and result.cell is not None:
            props.append("line=1")  # a cell's lines are no lines of the notebook's JSON
        elif is_file_path(result.path):
            props += [f"line={result.line}", f"col={result.column}", f"endLine={result.end_line}"]
            if result.end_line == result.line and result.end_column > result.column:
                props.append(f"endColumn={result.end_column}")
        props.append(f"title={_escape_property(f'{result.code} {result.name}')}")
        where = "" if is_file_path(result.path) else f"{result.path}: "
        if result.cell is not None:
            where = f"{result.cell_position()}: "
        message = _escape_data(where + result.message)
        lines.append(f"::{COMMANDS[result.severity]} {','.join(props)}::{message}")
    return "".join(line + "\n" for line in lines)


def summary_markdown(findings: list[Finding], limit: int = 200) -> str:
    """A markdown summary: counts per rule, then the first ``limit`` findings.

    Args:
        findings: The findings.
        limit: How many findings the table lists at most.

    Returns:
        The markdown for ``$GITHUB_STEP_SUMMARY``.
    """
    if not findings:
        return "### ml-lint\n\nAll checks passed.\n"
    problems = f"{len(findings)} problem{'s' if len(findings) > 1 else ''}."
    out = ["### ml-lint", "", problems, "", "| rule | count |", "|---|---:|"]
    out += [f"| `{code}` {name} | {count} |" for code, name, count in counts_by_rule(findings)]
    out += ["", "| location | rule | message |", "|---|---|---|"]
    for result in findings[:limit]:
        message = result.message.replace("|", "\\|").replace("\n", " ")
        out.append(f"| {_code_span(result.location())} | `{result.code}` | {message} |")
    if len(findings) > limit:
        out.append(f"\n... and {len(findings) - limit} more; see the full report.")
    return "\n".join(out) + "\n"


def _code_span(text: str) -> str:
    """``text`` as inline code in a table cell, whatever backticks, bars or newlines it holds."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")  # a table row is one line
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest else ""  # so that a backtick at either end is not read as the fence
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")
