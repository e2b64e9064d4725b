"""``ml-lint check``: files, commit messages and the branch name in one report."""

from __future__ import annotations

import argparse
import os
import sys

from ml_lint import engine, gitutil
from ml_lint.commands import check_files, load_config, write_report
from ml_lint.config import Config
from ml_lint.discover import find_files, force_excluded
from ml_lint.errors import UsageError
from ml_lint.model import Finding, sort_findings
from ml_lint.rules import general, notebooks
from ml_lint.rules.general import UNUSED_SUPPRESSION as UNUSED_RULE
from ml_lint.source import SourceFile


def _check_files(
    args: argparse.Namespace, config: Config, root: str, repo: gitutil.Repo | None
) -> tuple[engine.Results, int]:
    """Findings for the files (and fixes made), and how many files some rule read."""
    index_root = repo.root if args.staged and repo is not None else None
    sources = [
        SourceFile(path, os.path.relpath(path, root).replace(os.sep, "/"), index_root)
        for path in find_files(args.paths, config, ".", staged=args.staged)
    ]
    sources = engine.checkable(sources, config)  # before any content is read
    if args.diff:  # a patch through a symbolic link does not apply: its target's does
        files = [source for source in sources if not os.path.islink(source.path)]
        checked = {os.path.realpath(source.path) for source in files}
        left = [
            source.relpath
            for source in sources
            if os.path.islink(source.path) and os.path.realpath(source.path) not in checked
        ]
        sources = files
        if left:
            print(
                f"ml-lint: --diff leaves out {', '.join(left)}: a patch does not apply through "
                "a symbolic link; name the file it points to",
                file=sys.stderr,
            )
    options = engine.Options(
        config, args.report_unused_ignores, args.fix, args.unsafe_fixes, in_memory=args.diff
    )
    return check_files(args, sources, options, root), len(sources)


def run(args: argparse.Namespace) -> int:
    """Check, report, and return 0 (clean), 1 (findings) or raise for exit code 2.

    A report that cannot be written to ``--output-file`` raises ``UsageError`` (exit code 2)
    from :func:`ml_lint.commands.write_report`.

    Args:
        args: The parsed command line.

    Returns:
        The exit status: 2 if a fixed file could not be written (the others are written
        and every finding is reported); else 0 with ``--fix-only``; 1 if a fix would change
        a file with ``--diff`` or a file could not be read, or if findings remain without it
        (unless ``--exit-zero``); else 0.
    """
    config = load_config(args)
    if not config.enabled:
        print("ml-lint: warning: no rule is selected; nothing is checked", file=sys.stderr)
    repo = gitutil.find_repo(".")
    root = repo.root if repo is not None else os.getcwd()
    if args.stdin_filename is not None:
        return _check_stdin(args, config, root)
    findings: list[Finding] = []
    files_checked = 0
    write_errors: tuple[str, ...] = ()
    if args.paths or args.staged or not (args.commits or args.branch):
        results, files_checked = _check_files(args, config, root, repo)
        findings = _without_accepted_secrets(results.findings, config)
        if args.add_ignores:
            return _add_ignores(findings, root)
        if args.diff:
            return _diff(args, results, config, root, files_checked)
        write_errors = results.write_errors
        for error in write_errors:
            print(f"ml-lint: error: {error}", file=sys.stderr)
        if args.fix:
            print(f"ml-lint: fixed {_problems(results.fixed)}", file=sys.stderr)
        if args.fix_only:  # reports only the files no fix could read
            unread = [result for result in findings if result.code in UNREAD_CODES]
            if unread:
                write_report(args, unread, config, root, files_checked)
            return 2 if write_errors else 1 if unread else 0
    if args.commits or args.branch:  # git's side is imported only when asked for
        from ml_lint.commands.git_hooks import (
            DetachedHead,
            branch_findings,
            commit_findings,
            current_branch,
        )
    if args.commits:
        findings += commit_findings(config, args.commits)
    if args.branch:
        try:
            name = current_branch() if args.branch == "auto" else args.branch
            findings += branch_findings(name, config)
        except DetachedHead as error:
            print(f"ml-lint: {error}; branch check skipped", file=sys.stderr)
    if args.commits or args.branch:  # the files' findings come sorted, and stay so filtered
        sort_findings(findings)

    write_report(args, findings, config, root, files_checked)
    if write_errors:
        return 2
    return 1 if findings and not args.exit_zero else 0


# A file with one of these findings could not be read as its kind (--fix-only reports them).
UNREAD_CODES = frozenset(
    (general.UNREADABLE_FILE.code, general.SYNTAX_ERROR.code, notebooks.INVALID.code)
)


def _without_accepted_secrets(findings: list[Finding], config: Config) -> list[Finding]:
    """The findings less the secrets the baseline of ``[tool.ml-lint.secrets]`` accepts."""
    path = config.secrets.baseline_path(config.base)
    if path is None:
        return findings
    from ml_lint.secrets import baseline

    return baseline.load(path).without(findings)


def _add_ignores(findings: list[Finding], root: str) -> int:
    """Write a suppression comment for each finding a line can take; say what was done.

    Returns:
        2 if a file could not be written (the others are), else 0.
    """
    from ml_lint.add_ignores import add_ignores, suppressible
    from ml_lint.fixes import write_atomic
    from ml_lint.source import SourceFile

    def python(relpath: str) -> bool:
        if relpath not in kinds:  # a script without a suffix is read to know
            kinds[relpath] = SourceFile(os.path.join(root, relpath), relpath).kind
        return kinds[relpath] == "python"

    kinds: dict[str, str] = {}
    by_file: dict[str, list[Finding]] = {}
    left = stale = 0
    for result in findings:
        if result.code == UNUSED_RULE.code:  # with --report-unused-ignores: to remove
            stale += 1
        elif suppressible(result) and python(result.path):
            by_file.setdefault(result.path, []).append(result)
        else:
            left += 1
    added = suppressed = files = failed = 0
    written: set[str] = set()  # a file and a symbolic link to it are edited once
    for relpath, found in by_file.items():
        path = os.path.join(root, relpath)
        if os.path.realpath(path) in written:
            suppressed += len(found)
            continue
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "not UTF-8"
            print(f"ml-lint: error: cannot read {relpath}: {reason}", file=sys.stderr)
            failed += 1
            continue
        written.add(os.path.realpath(path))
        change = add_ignores(text, found)
        left += change.left
        if change.added:
            try:
                write_atomic(path, change.text)
            except OSError as error:
                print(f"ml-lint: error: cannot write {relpath}: {error.strerror}", file=sys.stderr)
                failed += 1
                continue
            added, suppressed, files = (
                added + change.added,
                suppressed + change.suppressed,
                files + 1,
            )
    print(
        f"ml-lint: added {added} suppression {'comment' if added == 1 else 'comments'} for "
        f"{_problems(suppressed)} in {files} {'file' if files == 1 else 'files'}",
        file=sys.stderr,
    )
    if left:
        print(
            f"ml-lint: {_problems(left)} left where no line comment can cover them (files "
            "other than Python, Python that does not parse, notebook cells, whole files, a #! "
            "line, lines continued with a backslash or holding another ml-lint directive); "
            "ignore those in per-file-ignores",
            file=sys.stderr,
        )
    if stale:
        print(
            f"ml-lint: {stale} unused or malformed suppression "
            f"{'comment' if stale == 1 else 'comments'} (ML004) left; remove or correct them",
            file=sys.stderr,
        )
    return 2 if failed else 0


def _diff(
    args: argparse.Namespace, results: engine.Results, config: Config, root: str, files: int
) -> int:
    """Print the fixes' diffs, and on stderr the files no fix could read; the exit status.

    A file that is not valid UTF-8, does not parse or is no valid notebook had no fix tried:
    it fails the run as a diff does, so that a CI gate on an empty diff never passes it.
    """
    changed = _show_diffs(results)
    unread = [result for result in results.findings if result.code in UNREAD_CODES]
    if unread:
        count = len({result.path for result in unread})
        what = "1 file" if count == 1 else f"{count} files"
        print(f"ml-lint: --diff: {what} could not be read, so no fix was tried:", file=sys.stderr)
        write_report(args, unread, config, root, files, stream=sys.stderr)
    return 1 if (changed or unread) and not args.exit_zero else 0


def _show_diffs(results: engine.Results) -> bool:
    """Print the fixes' diffs and how many problems they fix; whether there were any."""
    from ml_lint.fixes import unified_diff

    for relpath, old_text, new_text in results.unwritten:
        # `./commit:x.py` is a report's way to show a file named like a commit; git's patch
        # paths take no `./`
        sys.stdout.write(unified_diff(relpath.removeprefix("./"), old_text, new_text))
    files = len(results.unwritten)
    print(
        f"ml-lint: --diff: {_problems(results.fixed)} would be fixed in {files} "
        f"{'file' if files == 1 else 'files'}; no file was written",
        file=sys.stderr,
    )
    return bool(results.unwritten)


def _check_stdin(args: argparse.Namespace, config: Config, root: str) -> int:
    """Check the content on stdin as the file ``--stdin-filename`` names (an editor's buffer).

    With ``--fix`` the fixed content (or the content unchanged) goes to stdout and the report
    of what remains to stderr; no file is read or written.
    """
    if sys.stdin is None:
        raise UsageError("--stdin-filename reads stdin, which is closed")
    if not args.stdin_filename.strip() or os.path.isdir(args.stdin_filename):
        what = "a directory" if args.stdin_filename.strip() else "empty"
        raise UsageError(
            f"--stdin-filename names the file the buffer is, but {args.stdin_filename!r} is {what}"
        )
    data = sys.stdin.buffer.read()
    path = os.path.abspath(args.stdin_filename)
    relpath = os.path.relpath(path, root).replace(os.sep, "/")
    source = SourceFile.from_bytes(path, relpath, data)
    sources = [] if force_excluded(path, config) else engine.checkable([source], config)
    options = engine.Options(
        config, args.report_unused_ignores, args.fix, args.unsafe_fixes, in_memory=True
    )
    results = engine.check_files(sources, options)
    if args.diff:
        return _diff(args, results, config, root, len(sources))
    report_stream = None
    if args.fix:
        fixed = results.unwritten[0][2].encode("utf-8") if results.unwritten else data
        sys.stdout.buffer.write(fixed)
        sys.stdout.flush()
        if args.fix_only or args.format == "text":  # a report read by machines stands alone
            print(f"ml-lint: fixed {_problems(results.fixed)}", file=sys.stderr)
        if args.fix_only:
            return 0
        report_stream = sys.stderr
    findings = _without_accepted_secrets(results.findings, config)
    write_report(args, findings, config, root, len(sources), report_stream)
    return 1 if findings and not args.exit_zero else 0


def _problems(count: int) -> str:
    return f"{count} problem" if count == 1 else f"{count} problems"
