"""Inline suppressions: ``# ml-lint: ignore[CODE, name]`` on a line, ``ignore-file`` for a file.

A bare ``# ml-lint: ignore`` suppresses every rule on its line, and a bare
``# ml-lint: ignore-file`` (on a line of its own) the whole file. In Python files only real
comments count, never text inside a string; a comment on the line where a multi-line string
(a docstring) ends covers every line of the string, as ruff's ``noqa`` does. A directive that
does not parse suppresses nothing and is always reported, so a typo cannot hide a problem
silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ml_lint import registry
from ml_lint.model import Finding, finding
from ml_lint.records import NamedTuple
from ml_lint.rules import general

# A directive's case does not matter, as with ruff's noqa: ML-LINT and IGNORE count too.
MENTION = re.compile(r"#\s*ml-lint:", re.IGNORECASE)
DIRECTIVE = re.compile(
    r"#\s*ml-lint:\s*(?P<kind>ignore-file|ignore)(?:\[(?P<codes>[^\]]*)\])?\s*(?=#|$)",
    re.IGNORECASE,
)
# What ``mentions`` looks for, in any case. A literal search: on diffusers' 28 MB it takes a
# quarter of the time of three substring tests.
HINT = re.compile("-lint:", re.IGNORECASE)
EXPECTED = "write `# ml-lint: ignore[CODE, ...]` or `# ml-lint: ignore-file[CODE, ...]`"


class Comment(NamedTuple):
    """A comment: 1-based line and column, and its text from ``#`` to the end of the line.

    Attributes:
        line: The 1-based line number.
        column: The 1-based column of the ``#``.
        text: The comment, from ``#`` to the end of the line.
        first_line: The first line the comment speaks for: where a multi-line string that
            ends on its line starts (nothing can follow a line inside a string), else
            ``line``; 0 means ``line``.
    """

    line: int
    column: int
    text: str
    first_line: int = 0


class Suppression(NamedTuple):
    """One suppression comment: where it is, what it names (None for every rule).

    In a notebook, ``cell`` is the code cell the comment is in; ``ignore-file`` in any cell
    covers the whole notebook.

    Attributes:
        line: The comment's 1-based line (in its cell, for a notebook).
        column: The comment's 1-based column.
        whole_file: True for ``ignore-file``, False for ``ignore``.
        codes: The rule codes or names in brackets; None for a bare directive.
        cell: The notebook cell's number; None outside notebooks.
        first_line: The first line it covers: a comment after a multi-line string covers
            every line of the string, as in ruff.
    """

    line: int
    column: int
    whole_file: bool
    codes: tuple[str, ...] | None
    cell: int | None = None
    first_line: int = 0


def mentions(text: str) -> bool:
    """Whether ``text`` may hold a directive: the cheap test before ``MENTION`` runs.

    Args:
        text: A file's text, a line or a comment.

    Returns:
        True if it has ``-lint:`` in any case.
    """
    return HINT.search(text) is not None


def line_comments(lines: list[str]) -> list[Comment]:
    """Comments found by searching each line: for files without a tokenizer.

    Args:
        lines: The file's lines.

    Returns:
        From each line that mentions ``ml-lint:``, the text from its first ``# ml-lint:``.
    """
    return [
        Comment(number, match.start() + 1, text[match.start() :])
        for number, text in enumerate(lines, start=1)
        if mentions(text)
        for match in [MENTION.search(text)]
        if match
    ]


def python_comments(text: str) -> list[Comment]:
    """The comments of Python source that mention ml-lint (``ml_lint.pylex`` finds them).

    Args:
        text: Python source that parses.

    Returns:
        The comments containing ``ml-lint:``, in order.
    """
    if not mentions(text):
        return []
    from ml_lint import pylex

    lexemes = list(pylex.lexemes(text))
    first_lines = {last: first for first, last in pylex.string_blocks(lexemes)}
    return [
        Comment(lexeme.line, lexeme.column, lexeme.text, first_lines.get(lexeme.line, 0))
        for lexeme in lexemes
        if lexeme.comment and mentions(lexeme.text)
    ]


def collect(
    comments: list[Comment], lines: list[str], path: str, cell: int | None = None
) -> tuple[list[Suppression], list[Finding]]:
    """The suppressions in ``comments``, and a finding for each malformed directive.

    Args:
        comments: The comments that may hold directives.
        lines: The file's (or cell's) lines, to tell comments on a line of their own.
        path: The file's path in findings.
        cell: The notebook cell the comments are in; None outside notebooks.

    Returns:
        The valid suppressions, and ML004 findings for directives that do not parse or an
        ``ignore-file`` that shares its line with code.
    """
    found: list[Suppression] = []
    malformed: list[Finding] = []
    for comment in comments:
        start = MENTION.search(comment.text)
        if start is None:
            continue
        match = DIRECTIVE.match(comment.text, start.start())
        raw = match["codes"] if match else None
        codes = None if raw is None else tuple(c.strip() for c in raw.split(",") if c.strip())
        whole_file = match is not None and match["kind"].lower() == "ignore-file"
        own_line = lines[comment.line - 1].lstrip().startswith("#")
        column = comment.column + start.start()  # the directive's, after any other comment
        problem = _problem(match is not None, codes, whole_file and not own_line)
        if problem is not None:
            message = f"suppression {comment.text.strip()!r} {problem}"
            malformed.append(
                finding(general.UNUSED_SUPPRESSION, path, message, comment.line, column, cell=cell)
            )
            continue
        first_line = comment.first_line or comment.line
        found.append(Suppression(comment.line, column, whole_file, codes, cell, first_line))
    return found, malformed


def _problem(parsed: bool, codes: tuple[str, ...] | None, shares_line: bool) -> str | None:
    """What is wrong with a directive, worded to follow it in a message; None if nothing."""
    if not parsed or codes == ():
        return f"is malformed; {EXPECTED}"
    if shares_line:
        return f"must be on a line of its own; {EXPECTED}"
    for selector in codes or ():
        if " " in selector:
            return f"names {selector!r}: separate codes with commas; {EXPECTED}"
        if _code_of(selector) is None and _selects_several(selector):
            return f"names {selector!r}, which selects several rules: name each rule; {EXPECTED}"
    return None


def _selects_several(selector: str) -> bool:
    """Whether ``selector`` is a family prefix or ALL, which configuration takes."""
    try:
        registry.select(selector)
    except registry.UnknownSelector:
        return False
    return True


_CODES: dict[str, str | None] = {}


def _code_of(selector: str) -> str | None:
    if selector not in _CODES:
        try:
            _CODES[selector] = registry.get(selector).code
        except registry.UnknownSelector:
            _CODES[selector] = None
    return _CODES[selector]


def apply(
    findings: list[Finding],
    suppressions: list[Suppression],
    malformed: list[Finding],
    path: str,
    report_unused: bool,
    checked: Callable[[str], bool] = lambda code: True,
) -> list[Finding]:
    """Drop suppressed findings; report malformed directives and, on request, unused ones.

    Args:
        findings: The file's findings.
        suppressions: The file's suppressions, from ``collect``.
        malformed: The findings ``collect`` made for malformed directives.
        path: The file's path in findings.
        report_unused: Also report suppressions that hide nothing or name unknown rules.
        checked: Whether a rule code was checked on the file; a suppression of a rule that
            was not is never called unused.

    Returns:
        The findings that remain, plus ML004 findings.
    """
    used: set[tuple[int | None, int, str | None]] = set()
    kept: list[Finding] = []
    # Indexed by the (cell, line) they cover, and the whole-file ones by code: a file with a
    # comment on every line, or many ignore-file lines, stays linear.
    by_line: dict[tuple[int | None, int], list[Suppression]] = {}
    by_code: dict[str | None, Suppression] = {}  # None: a bare ignore-file
    for s in suppressions:
        if not s.whole_file:
            for line in range(s.first_line or s.line, s.line + 1):
                by_line.setdefault((s.cell, line), []).append(s)
        for code in [None] if s.codes is None else [_code_of(c) for c in s.codes]:
            if s.whole_file and code not in by_code:
                by_code[code] = s
    for result in findings:
        candidates = by_line.get((result.cell, result.line), [])
        hit = next((s for s in candidates if _covers(s, result)), None)
        if hit is None and result.code != general.UNUSED_SUPPRESSION.code:
            hit = by_code.get(result.code) or by_code.get(None)
        if hit is None:
            kept.append(result)
        else:
            used.add((hit.cell, hit.line, None if hit.codes is None else _matching(hit, result)))
    kept += malformed
    if report_unused:
        kept += _unused(suppressions, used, path, checked)
    return kept


def _covers(suppression: Suppression, result: Finding) -> bool:
    if result.code == general.UNUSED_SUPPRESSION.code:
        return False
    here = suppression.cell == result.cell and (
        (suppression.first_line or suppression.line) <= result.line <= suppression.line
    )
    if not suppression.whole_file and not here:
        return False
    return suppression.codes is None or _matching(suppression, result) is not None


def _matching(suppression: Suppression, result: Finding) -> str | None:
    for selector in suppression.codes or ():
        if _code_of(selector) == result.code:
            return selector
    return None


def _unused(
    suppressions: list[Suppression],
    used: set[tuple[int | None, int, str | None]],
    path: str,
    checked: Callable[[str], bool],
) -> list[Finding]:
    rule = general.UNUSED_SUPPRESSION
    results: list[Finding] = []
    for s in suppressions:
        if s.codes is None:
            if (s.cell, s.line, None) not in used:
                message = "blanket suppression suppresses nothing; remove it"
                results.append(finding(rule, path, message, s.line, s.column, cell=s.cell))
            continue
        for selector in s.codes:
            code = _code_of(selector)
            if code is None:
                message = f"suppression names unknown rule {selector!r}; `ml-lint rules` lists them"
            elif not checked(code):  # its rule did not run on this file: no telling
                continue
            elif (s.cell, s.line, selector) not in used:
                message = f"suppression of {selector!r} is unused; remove it"
            else:
                continue
            results.append(finding(rule, path, message, s.line, s.column, cell=s.cell))
    return results
