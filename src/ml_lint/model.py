"""Value types shared by every part of ml-lint: rules, findings and fixes.

They are NamedTuples rather than dataclasses because importing ``dataclasses`` pulls in
``inspect``, which would dominate the start-up time of the commit-msg hook; the NamedTuple
of ``ml_lint.records`` also spares the import of ``typing``.
"""

from __future__ import annotations

from operator import attrgetter

from ml_lint.records import NamedTuple

SEVERITIES = ("error", "warning", "info")


class Rule(NamedTuple):
    """One rule's metadata and documentation: the single source of truth for it.

    Attributes:
        code: Stable code such as ``ML101``.
        name: Kebab-case name usable wherever a code is.
        summary: One line describing what the rule flags.
        section: The best-practices guide section the rule enforces.
        explanation: Why the rule exists and how to comply, a short paragraph.
        bad: An example that fails the rule.
        good: The same example made to pass.
        fixable: Whether ``--fix`` can repair a finding automatically.
        severity: Default severity, one of ``SEVERITIES``.
        target: What the rule checks: ``file``, ``commit`` or ``branch``. Only file
            findings can be suppressed by comments.
        preview: A rule still growing: it runs only when selected explicitly (by code,
            name, prefix or ALL), not by default.
    """

    code: str
    name: str
    summary: str
    section: str
    explanation: str
    bad: str
    good: str
    fixable: bool = False
    severity: str = "error"
    target: str = "file"
    preview: bool = False

    @property
    def family(self) -> str:
        """The family prefix of the code, e.g. ``ML1`` for ``ML101``."""
        return self.code[:3]


class Finding(NamedTuple):
    """One problem found in one place.

    Fields are ordered so that sorting findings sorts them by path, then position, then code.
    Lines and columns are 1-based; columns count characters, not bytes. A finding about a
    whole file or commit uses line 1, column 1.

    Attributes:
        path: Repo-relative POSIX path, or ``commit:<sha>`` / ``branch:<name>`` pseudo paths.
        line: 1-based line.
        column: 1-based column in characters.
        code: Rule code.
        message: What is wrong, and how to fix it.
        end_line: 1-based end line (inclusive).
        end_column: 1-based end column (exclusive).
        name: Rule name.
        severity: One of ``SEVERITIES``.
        cell: For notebooks, the 1-based cell number ``line`` refers to.
        fingerprint: For a secret (ML401-ML404), ``ml_lint.secrets.fingerprint`` of it:
            16 hex digits that identify the secret without revealing it, used by baselines
            and the reports' stable identities.
        detector: For a secret, the id of the detector that found it
            (``ml_lint.secrets.detectors``).
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int
    end_column: int
    name: str
    severity: str = "error"
    cell: int | None = None
    fingerprint: str | None = None
    detector: str | None = None

    def cell_position(self) -> str:
        """``cell N, line L, column C`` for a notebook cell finding, else an empty string.

        Line numbers inside a cell do not match lines of the notebook's JSON, so reports
        that point at file lines name the cell position in the message instead.

        Returns:
            The cell position, or ``""`` outside a notebook cell.
        """
        if self.cell is None:
            return ""
        return f"cell {self.cell}, line {self.line}, column {self.column}"

    def location(self) -> str:
        """``path:line:col``, or ``path:cell N:line:col`` inside a notebook.

        Returns:
            The location as the text report prints it.
        """
        if self.cell is not None:
            return f"{self.path}:cell {self.cell}:{self.line}:{self.column}"
        return f"{self.path}:{self.line}:{self.column}"


def finding(
    rule: Rule,
    path: str,
    message: str,
    line: int = 1,
    column: int = 1,
    end_line: int | None = None,
    end_column: int | None = None,
    cell: int | None = None,
) -> Finding:
    """Build a finding for ``rule``; the end position defaults to the start.

    Args:
        rule: The rule broken, which gives the code, name and severity.
        path: The repo-relative path, or a ``commit:``/``branch:`` pseudo path.
        message: What is wrong, and how to fix it.
        line: The 1-based line.
        column: The 1-based column in characters.
        end_line: The 1-based end line; None for ``line``.
        end_column: The 1-based end column (exclusive); None for ``column``.
        cell: For a notebook, the 1-based cell number ``line`` refers to.

    Returns:
        The finding.
    """
    # Every field, in order, straight to tuple.__new__: a run may build 50,000 findings, and
    # this skips the namedtuple's own __new__ (a Python function) and keyword arguments.
    fields = (
        path,
        line,
        column,
        rule.code,
        message,
        line if end_line is None else end_line,
        column if end_column is None else end_column,
        rule.name,
        rule.severity,
        cell,
        None,
        None,
    )
    result: Finding = _new_tuple(Finding, fields)
    return result


_new_tuple = tuple.__new__


def sort_key(result: Finding) -> tuple[str, int, int, int, str, str]:
    """Order findings by path, cell, position, code and message.

    Args:
        result: The finding.

    Returns:
        The key to sort by; findings outside cells sort as cell 0.
    """
    return (result.path, result.cell or 0, result.line, result.column, result.code, result.message)


# ``sort_key`` without the cell, in C: the same order when no finding is in a cell.
_ORDER_OUTSIDE_CELLS = attrgetter("path", "line", "column", "code", "message")


def sort_findings(findings: list[Finding]) -> None:
    """Sort findings in place by ``sort_key``.

    Args:
        findings: The findings to sort.
    """
    if any(result.cell is not None for result in findings):
        findings.sort(key=sort_key)
    else:
        findings.sort(key=_ORDER_OUTSIDE_CELLS)


def is_file_path(path: str) -> bool:
    """False for the ``commit:<sha>`` and ``branch:<name>`` pseudo paths.

    Args:
        path: A finding's path.

    Returns:
        True if ``path`` names a file.
    """
    return not path.startswith(("commit:", "branch:"))
