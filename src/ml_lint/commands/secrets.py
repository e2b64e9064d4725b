"""``ml-lint secrets``: the ML4 rules on files, staged content, git history or a push.

* Files (default): the same discovery as ``check`` (git-tracked and untracked-not-ignored
  files, or the files named), ``--staged`` reads the index instead of the work tree.
* ``--history [REV_RANGE]``: the lines each commit of the range added (default: every
  commit reachable from HEAD).
* ``--pre-push``: the commits being pushed, as the pre-push hook of the pre-commit
  framework (``PRE_COMMIT_FROM_REF``/``PRE_COMMIT_TO_REF``) or git itself (the ref lines on
  standard input) says.

``--baseline FILE`` (by default the ``baseline`` of ``[tool.ml-lint.secrets]``) drops the
findings whose fingerprint the file lists, and ``--update-baseline`` writes the current
findings' fingerprints into it instead of reporting them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator

from ml_lint import config as config_module
from ml_lint import engine, gitutil, registry
from ml_lint.commands import check_files, write_report
from ml_lint.config import Config
from ml_lint.errors import UsageError
from ml_lint.model import Finding, sort_findings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ml_lint.secrets.history import Commit

FAMILY = "ML4"


def load_config(args: argparse.Namespace) -> Config:
    """The configuration with the secrets rules selected, and only them.

    Every ML4 rule runs unless the configuration or ``--ignore`` turns it off; ``--only``
    narrows them further. The rest of the configuration (exclusions, per-file-ignores) holds.

    Args:
        args: The parsed command line.

    Returns:
        The configuration, its selection cut to ML4 rules.

    Raises:
        UsageError: If the selection holds no ML4 rule.
    """
    family = registry.select(FAMILY)
    only = [FAMILY] if args.only is None else args.only
    config = config_module.load(
        ".", config_path=args.config, extend_select=[FAMILY], ignore=args.ignore, only=only
    )
    force_exclude = config.force_exclude or args.force_exclude
    if not config.enabled & family:  # a scan that would call every tree clean
        raise UsageError("the selection holds no secrets rule (ML4): nothing would be scanned")
    return config._replace(enabled=config.enabled & family, force_exclude=force_exclude)


def _scan_files(
    args: argparse.Namespace, config: Config, root: str, repo: gitutil.Repo | None
) -> tuple[list[Finding], list[str]]:
    """The findings in the files, and the repo-relative paths of the files scanned."""
    from ml_lint.discover import find_files
    from ml_lint.source import SourceFile

    index_root = repo.root if args.staged and repo is not None else None
    sources = [
        SourceFile(path, os.path.relpath(path, root).replace(os.sep, "/"), index_root)
        for path in find_files(args.paths, config, ".", staged=args.staged)
    ]
    sources = engine.checkable(sources, config)
    results = check_files(args, sources, engine.Options(config), root)
    return results.findings, [source.relpath for source in sources]


def _rev_args(rev_range: str) -> list[str]:
    """A range as git arguments: ``a..b``, ``main``, or several such as ``x --not --remotes``."""
    parts = gitutil.range_words(rev_range)
    if not parts:
        raise UsageError("--history needs a revision range, e.g. HEAD or origin/main..HEAD")
    return parts


def _history(
    config: Config, repo: gitutil.Repo, spans: list[list[str]], show_progress: bool
) -> list[Finding]:
    """The findings in the lines the commits of ``spans`` added, each commit scanned once."""
    from ml_lint.secrets import history

    seen: set[str] = set()
    findings: list[Finding] = []
    for rev_args in spans:
        progress = None
        if show_progress and sys.stderr.isatty():
            progress = history.Progress(history.count_commits(repo.root, rev_args))
        commits = _unseen(history.iter_commits(repo.root, rev_args), seen)
        try:
            findings += history.scan_commits(commits, config, repo.root, progress)
        finally:
            if progress is not None:
                progress.close()
    return findings


def _unseen(commits: Iterable[Commit], seen: set[str]) -> Iterator[Commit]:
    """The commits not in ``seen``, adding each to it (two pushed refs may share commits)."""
    for commit in commits:
        if commit.sha not in seen:
            seen.add(commit.sha)
            yield commit


def pushed_spans(repo: gitutil.Repo) -> list[list[str]]:
    """The commits a push sends, as git ``log`` arguments, one list per pushed ref.

    Under the pre-commit framework (``PRE_COMMIT=1``), from ``PRE_COMMIT_FROM_REF`` and
    ``PRE_COMMIT_TO_REF`` (unset when the push holds a root commit: then every commit of the
    local branch that no remote has); as a plain git hook, from git's
    ``<local ref> <local sha> <remote ref> <remote sha>`` lines on standard input: an
    existing branch sends what neither its remote sha nor any remote-tracking ref has, a new
    one (or a force push over commits this clone lacks) what no remote has yet, and
    deletions send nothing (``git_hooks.pushed_span``).

    Args:
        repo: The repository being pushed from.

    Returns:
        The ``git log`` arguments of each pushed ref's commits.
    """
    from ml_lint.commands.git_hooks import pushed_lines, pushed_ranges, pushed_span

    if os.environ.get("PRE_COMMIT") == "1":
        env = os.environ
        from_ref, to_ref = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
        if from_ref and to_ref:
            return [pushed_span(repo, from_ref, to_ref).split()]
        local = env.get("PRE_COMMIT_LOCAL_BRANCH") or "HEAD"
        return [[local, "--not", "--remotes"]]
    lines = pushed_lines("ml-lint secrets --pre-push", "ml-lint secrets --history RANGE")
    return [rev_range.split() for _branch, rev_range in pushed_ranges(lines, repo)]


def run(args: argparse.Namespace) -> int:
    """Scan, drop what the baseline accepts, report; 0 clean, 1 findings, 2 errors.

    Args:
        args: The parsed command line.

    Returns:
        0 when clean, the baseline was updated, or with ``--exit-zero``; else 1.

    Raises:
        UsageError: If the options conflict, a history range is empty, or the report
            cannot be written.
        GitError: If ``--history`` or ``--pre-push`` runs outside a git repository.
    """
    from ml_lint.secrets import baseline as baseline_module

    modes = [args.staged, args.history is not None, args.pre_push]
    if sum(modes) > 1:
        raise UsageError("choose one of --staged, --history and --pre-push")
    if (args.history is not None or args.pre_push) and args.paths:
        raise UsageError("paths cannot be combined with --history or --pre-push")
    config = load_config(args)
    path = args.baseline or config.secrets.baseline_path(config.base)
    if args.update_baseline and not path:
        raise UsageError(
            "--update-baseline needs --baseline FILE (the file to write), or `baseline` in "
            "[tool.ml-lint.secrets]"
        )
    repo = gitutil.find_repo(".")
    root = repo.root if repo is not None else os.getcwd()
    baseline = baseline_module.load(path) if path else None

    scanned: list[str] | None = None
    if args.history is not None or args.pre_push:
        if repo is None:
            raise gitutil.GitError("--history and --pre-push need a git repository")
        spans = pushed_spans(repo) if args.pre_push else [_rev_args(args.history)]
        findings = _history(config, repo, spans, show_progress=not args.pre_push)
    else:
        findings, scanned = _scan_files(args, config, root, repo)

    if args.update_baseline:
        assert baseline is not None
        entries = baseline_module.updated(baseline, findings, scanned)
        changed = baseline_module.write(baseline.path, entries)
        added = len(set(entries) - set(baseline.entries))
        removed = len(set(baseline.entries) - set(entries))
        shown = os.path.relpath(baseline.path) if not args.baseline else baseline.path
        state = f"wrote {shown}" if changed else f"{shown} is up to date"
        print(
            f"ml-lint: {state}: {len(entries)} accepted findings ({added} added, "
            f"{removed} removed)",
            file=sys.stderr,
        )
        return 0
    if baseline is not None:
        findings = baseline.without(findings)
    if args.history is None and not args.pre_push:
        sort_findings(findings)
    write_report(args, findings, config, root, len(scanned or ()))
    if findings and args.pre_push:
        print(
            "Push rejected: a pushed commit adds a secret. Revoke it, then remove it from the "
            "commits (git rebase -i <base>) before pushing; or, for a false positive, add "
            "`# pragma: allowlist secret` or accept it in a baseline (--update-baseline).",
            file=sys.stderr,
        )
    return 1 if findings and not args.exit_zero else 0
