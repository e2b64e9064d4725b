"""Committed secrets (ML401-ML406) in every text file: code, configuration and notebooks.

Binary files (a NUL byte in the first 8 KB) and files over ``MAX_SIZE`` are skipped without
a finding, their names still checked (ML405); files with a binary suffix (images, archives,
model weights: ``source.BINARY_SUFFIXES``) are never even opened. Findings carry a redacted
form of the secret and its fingerprint, never the secret.
"""

from __future__ import annotations

from collections.abc import Iterator

from ml_lint.config import Config
from ml_lint.model import Finding, finding
from ml_lint.rules import secrets as rules
from ml_lint.secrets import files
from ml_lint.secrets.scan import Match, message, scan_text
from ml_lint.source import UTF16_BOMS, SourceError, SourceFile

MAX_SIZE = 5 * 1024 * 1024  # larger text files are data, not code or configuration
CONTENT_RULES = {rule.code: rule for rule in rules.CONTENT}
CONTENT_CODES = frozenset(CONTENT_RULES)


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Findings for one file: its name (ML405, ML406) and its content (ML401-ML404).

    Args:
        source: The file, of any kind but binary.
        config: The configuration, for the selection.

    Yields:
        The name findings first, then one finding per secret found in the content.
    """
    path = source.relpath
    enabled = config.enabled
    if rules.SECRET_FILE.code in enabled:
        reason = files.secret_file(path, lambda: _text(source))
        if reason is not None:
            yield finding(
                rules.SECRET_FILE,
                path,
                f"{reason} must never be committed: add it to .gitignore; if git tracks it "
                f"already, untrack it (`git rm --cached {path}`) and rotate what it holds; "
                "commit a template with placeholders instead",
            )
    if path == ".gitignore" and rules.ENV_NOT_IGNORED.code in enabled:
        text = _text(source)
        if text is not None and not files.ignores_env(text):
            message = ".gitignore does not ignore .env, where the guide keeps secrets: add `.env`"
            yield finding(rules.ENV_NOT_IGNORED, path, message)
    if not CONTENT_CODES & enabled:
        return
    if source.kind == "notebook":
        yield from _notebook_findings(source)
        return
    text = _text(source)
    if text is not None:
        for match in scan_text(text):
            yield _finding(match, path)


def _text(source: SourceFile) -> str | None:
    """The file's text, or None for a file not worth scanning (binary, huge).

    Raises:
        SourceError: If the file cannot be read: a scan must not call it clean.
    """
    try:
        if source.kind != "notebook" and source.size() > MAX_SIZE:
            return None
        return source.text  # one read; binary files fail here, on their first 8 KB
    except SourceError:
        pass
    # Not UTF-8 (ML002 says so where it matters): secrets are ASCII anyway. A file that
    # cannot be read raises here, and its ML002 finding is reported.
    data = source.data
    if data.startswith(UTF16_BOMS):  # a secret saved from Windows PowerShell is still one
        return data.decode("utf-16", "replace")
    return None if b"\0" in data[:8192] else data.decode("utf-8", "replace")


def _finding(match: Match, path: str, cell: int | None = None, where: str = "") -> Finding:
    rule = CONTENT_RULES[match.rule]
    text = message(match)
    if where:
        text = f"in {where} of the cell: {text}" if cell is not None else f"in the {where}: {text}"
    return finding(
        rule, path, text, match.line, match.column, match.end_line, match.end_column, cell=cell
    )._replace(fingerprint=match.fingerprint, detector=match.detector)


def _notebook_findings(source: SourceFile) -> Iterator[Finding]:
    from ml_lint.secrets.notebooks import scan_notebook

    text = _text(source)
    if text is None:
        return
    for found in scan_notebook(text):
        yield _finding(found.match, source.relpath, found.cell, found.where)
