"""The git-facing commands: commit-msg, branch and pre-push."""

from __future__ import annotations

import argparse
import os
import sys

from ml_lint import gitutil
from ml_lint.commands import load_config, use_color
from ml_lint.config import Config
from ml_lint.errors import UsageError
from ml_lint.model import Finding

ZERO_SHA = "0" * 40

# The rules about the subject's form, after which the expected form is worth repeating.
HEADER_CODES = frozenset(("ML101", "ML102", "ML103", "ML104", "ML105"))


def _print(findings: list[Finding]) -> None:
    from ml_lint.report import Context  # only needed when there is something to print
    from ml_lint.report.text_report import render as render_text

    context = Context(rules=(), root=".", color=use_color("auto", to_file=False))
    sys.stdout.write(render_text(findings, context))


def commit_msg(args: argparse.Namespace) -> int:
    """Check the message file git passes to the commit-msg hook.

    Args:
        args: The parsed command line.

    Returns:
        1 if the message is rejected, else 0.
    """
    from ml_lint.checks.commits import auto_comment_char, check_message, expected, has_scissors

    config = load_config(args)
    repo = gitutil.find_repo(".")
    raw = _read_message(args.file, repo)
    cleanup = _cleanup(repo)
    char: str | None = None if cleanup == "whitespace" else gitutil.comment_char(repo)
    if char == "auto":
        char = auto_comment_char(raw)
    keep_comments = cleanup == "scissors"
    findings = [
        f
        for f in check_message(raw, config.commits, args.file, args.in_range, char, keep_comments)
        if config.is_enabled(f.code)
    ]
    if not findings:
        return 0
    _print(findings)
    form = f": {expected(config.commits)}" if any(f.code in HEADER_CODES for f in findings) else ""
    # Without -v git would keep the diff below the scissors line as part of the message.
    verbose = " -v" if char is not None and has_scissors(raw, char) else ""
    import shlex

    # Git runs the hook from the top of the work tree, but reads --file from where the user
    # is, maybe a subdirectory: an absolute path works from anywhere.
    path = os.path.abspath(args.file)
    print(
        f"Commit message rejected{form}.\nGit kept it in {path}: fix it and retry "
        f"with\n  git commit{verbose} --edit --file={shlex.quote(path)}\n"
        "adding the options you committed with (--amend, -a, paths), if any."
    )
    return 1


def _read_message(path: str, repo: gitutil.Repo | None) -> str:
    """The message file's text, in the encoding git takes messages in (``i18n.commitEncoding``).

    Raises:
        UsageError: If the file cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise UsageError(f"cannot read commit message {path}: {error.strerror}") from None
    encoding = gitutil.config_value(repo, "i18n.commitEncoding") or "utf-8"
    if encoding.lower().replace("-", "").replace("_", "") == "utf8":
        encoding = "utf-8-sig"  # editors on Windows save a byte-order mark
    try:  # lines end at \n only, as in git: no newline translation
        return data.decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know
        return data.decode("utf-8-sig", "replace")


def _cleanup(repo: gitutil.Repo | None) -> str:
    """How git will clean the message up: ``strip``, ``scissors`` or ``whitespace``.

    ``strip`` drops comment lines and what follows a scissors line, ``scissors`` only the
    latter, ``whitespace`` neither. ``commit.cleanup`` chooses, as in git: ``default`` is
    ``strip`` when the user edited the message and ``whitespace`` when not (``-m``, ``-F``);
    ``scissors`` is ``whitespace`` when not edited. An edited message is cut at a scissors line
    in every mode (one is there with ``git commit -v``). Git tells its hooks that no editor ran
    by setting ``GIT_EDITOR=:``.
    """
    edited = os.environ.get("GIT_EDITOR") != ":"
    mode = gitutil.config_value(repo, "commit.cleanup") or "default"
    if mode == "strip" or (mode == "default" and edited):
        return "strip"
    return "scissors" if edited else "whitespace"


BRANCH_VARIABLES = ("GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_BRANCH")


def current_branch(cwd: str = ".") -> str:
    """The branch to check: HEAD's branch, else the CI's (``BRANCH_VARIABLES``).

    GitHub names a pull request's branch in ``GITHUB_HEAD_REF``; GitLab in
    ``CI_MERGE_REQUEST_SOURCE_BRANCH_NAME`` (merge requests) or ``CI_COMMIT_BRANCH`` (branch
    pipelines; a tag pipeline has no branch, unlike ``CI_COMMIT_REF_NAME``).

    Args:
        cwd: Where to look for the repository.

    Returns:
        The branch name.

    Raises:
        GitError: When outside a git repository and neither variable is set.
        DetachedHead: When HEAD is detached and neither variable is set.
    """
    repo = gitutil.find_repo(cwd)
    head = gitutil.read_head(repo) if repo is not None else None
    if head is not None and head.branch is not None:
        return head.branch
    for variable in BRANCH_VARIABLES:
        if os.environ.get(variable):
            return os.environ[variable]
    if repo is None:
        raise gitutil.GitError(
            f"not inside a git repository and none of {', '.join(BRANCH_VARIABLES)} is set; "
            "name the branch: `ml-lint branch --name NAME`, `ml-lint check --branch NAME`"
        )
    assert head is not None and head.commit is not None
    raise DetachedHead(head.commit)


class DetachedHead(gitutil.GitError):
    """HEAD is not on a branch (during a rebase or a CI checkout)."""

    def __init__(self, commit: str) -> None:
        super().__init__(f"HEAD is detached at {commit[:12]}: there is no branch name to check")


def branch_findings(name: str, config: Config) -> list[Finding]:
    """Findings for one branch name, filtered by the selection.

    Args:
        name: The branch name.
        config: The configuration.

    Returns:
        The findings of the selected branch rules.
    """
    from ml_lint.checks.branches import check_branch

    # Git takes any bytes in a name: ones that are not UTF-8 (surrogates, from a file, the
    # command line or the environment) show as U+FFFD, which a report can always encode.
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return [f for f in check_branch(name, config.branches) if config.is_enabled(f.code)]


def branch(args: argparse.Namespace) -> int:
    """Check the branch name given, or the current one.

    Args:
        args: The parsed command line.

    Returns:
        1 if the name breaks a rule, else 0 (also when HEAD is detached).
    """
    config = load_config(args)
    remote_ref = os.environ.get("PRE_COMMIT_REMOTE_BRANCH") if _under_pre_commit() else None
    if args.name is not None:
        name = args.name
    elif remote_ref:  # pre-commit's pre-push stage: the branch being pushed to
        pushed = _branch_of(remote_ref)
        if pushed is None:  # a tag or another ref: no branch name to check
            return 0
        name = pushed
    else:
        try:
            name = current_branch()
        except DetachedHead as error:
            if not _rebasing():  # in a rebase every commit is on a detached HEAD: say nothing
                print(f"ml-lint: {error}; skipped")
            return 0
    findings = branch_findings(name, config)
    if findings:
        _print(findings)
        if remote_ref and args.name is None:
            print("Push to a well-named branch instead: git push <remote> HEAD:<new-name>")
        elif _local_branch(name):  # not a name only proposed, or one a CI variable gave
            print(f"Rename the branch with: git branch -m {name} <new-name>")
    return 1 if findings else 0


def _local_branch(name: str) -> bool:
    repo = gitutil.find_repo(".")
    if repo is None:
        return False
    if gitutil.read_head(repo).branch == name:  # the current branch, commits or none yet
        return True
    ref = f"refs/heads/{name}"
    return gitutil.run_git(["rev-parse", "--verify", "--quiet", ref], repo.root, False) != ""


def _rebasing() -> bool:
    repo = gitutil.find_repo(".")
    return repo is not None and any(
        os.path.isdir(os.path.join(repo.git_dir, state))
        for state in ("rebase-merge", "rebase-apply")
    )


def _under_pre_commit() -> bool:
    return os.environ.get("PRE_COMMIT") == "1"


def commit_findings(config: Config, rev_range: str, cwd: str = ".") -> list[Finding]:
    """Findings for every commit message in ``rev_range``.

    Args:
        config: The configuration.
        rev_range: ``git rev-list`` arguments, such as ``origin/main..HEAD``.
        cwd: Where to look for the repository.

    Returns:
        The findings of the selected commit rules, each at ``commit:<sha>``.

    Raises:
        GitError: If ``cwd`` is not in a git repository.
    """
    from ml_lint.checks.commits import check_message

    repo = gitutil.find_repo(cwd)
    if repo is None:
        raise gitutil.GitError("--commits needs a git repository")
    findings: list[Finding] = []
    for commit in gitutil.iter_commits(repo, rev_range):
        path = f"commit:{commit.sha[:12]}"
        found = check_message(commit.message, config.commits, path, True, comment_char=None)
        findings += [f for f in found if config.is_enabled(f.code)]
    return findings


def pushed_span(repo: gitutil.Repo | None, old: str, new: str) -> str:
    """The commits a push adds: those of ``new`` that neither ``old`` nor any remote has.

    Commits a remote already has are not the pusher's to reword: merging or rebasing onto
    ``origin/main`` brings them into ``old..new``. ``old`` is left out when it is all zeros
    (a new branch) or a commit this repository has not fetched (a force push).

    Args:
        repo: The repository; None outside one.
        old: The remote's sha before the push (all zeros for a new branch).
        new: The sha being pushed.

    Returns:
        ``git rev-list`` arguments for the pushed commits.
    """
    if old == ZERO_SHA or repo is None or not gitutil.has_commit(repo, old):
        return f"{new} --not --remotes"
    return f"{new} --not {old} --remotes"


def pushed_ranges(
    stdin_lines: list[str], repo: gitutil.Repo | None
) -> list[tuple[str | None, str]]:
    """(remote branch, rev range) for each ref git's pre-push hook says is being pushed.

    The branch is the one created or updated on the remote (``git push origin HEAD:x``
    pushes to ``x``), or None for tags and other refs. Deleted refs are skipped.

    Args:
        stdin_lines: The lines git writes: ``<local ref> <local sha> <remote ref>
            <remote sha>``.
        repo: The repository; None outside one.

    Returns:
        The pushed refs' branches and ranges, in input order.

    Raises:
        UsageError: If a line is not one git writes.
    """
    ranges: list[tuple[str | None, str]] = []
    for line in stdin_lines:
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4:
            raise UsageError(
                f"unexpected pre-push input {line!r}: git writes "
                "`<local ref> <local sha> <remote ref> <remote sha>` lines"
            )
        if parts[1] == ZERO_SHA:
            continue
        _local_ref, local_sha, remote_ref, remote_sha = parts
        ranges.append((_branch_of(remote_ref), pushed_span(repo, remote_sha, local_sha)))
    return ranges


def pushed_lines(command: str, by_hand: str) -> list[str]:
    """The lines git's pre-push hook writes on standard input.

    Args:
        command: The command that reads them, for the error message.
        by_hand: The command that checks the same by hand, for the error message.

    Returns:
        The lines.

    Raises:
        UsageError: If standard input is a terminal or closed: run by hand, nothing would
            be checked.
    """
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError(
            f"{command} reads the refs being pushed from standard input, as git's pre-push "
            f"hook does (ml-lint install-hooks); to check by hand: {by_hand}"
        )
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:  # a ref name may be any bytes: kept as surrogates
        reconfigure(errors="surrogateescape")
    return sys.stdin.read().splitlines()


def _branch_of(ref: str) -> str | None:
    return ref[len("refs/heads/") :] if ref.startswith("refs/heads/") else None


def pre_push(args: argparse.Namespace) -> int:
    """Check the branch names and commit messages being pushed.

    Under the pre-commit framework (``PRE_COMMIT=1``) the range comes from
    ``PRE_COMMIT_FROM_REF`` and ``PRE_COMMIT_TO_REF``, which it leaves unset when the push
    includes the root commit; as a plain git hook, from git's lines on standard input.

    Args:
        args: The parsed command line.

    Returns:
        1 if a branch name or commit message breaks a rule, else 0.
    """
    config = load_config(args)
    repo = gitutil.find_repo(".")
    ranges: list[tuple[str | None, str]]
    if _under_pre_commit():
        env = os.environ
        from_ref, to_ref = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
        if from_ref and to_ref:
            span = pushed_span(repo, from_ref, to_ref)
        else:
            span = f"{env.get('PRE_COMMIT_LOCAL_BRANCH') or 'HEAD'} --not --remotes"
        ranges = [(_branch_of(env.get("PRE_COMMIT_REMOTE_BRANCH", "")), span)]
    else:
        lines = pushed_lines("ml-lint pre-push", "ml-lint check --commits RANGE")
        ranges = pushed_ranges(lines, repo)
    findings: list[Finding] = []
    for name, span in ranges:
        if name is not None:
            findings += branch_findings(name, config)
        findings += commit_findings(config, span)
    if not findings:
        return 0
    _print(findings)
    if any(f.path.startswith("commit:") for f in findings):
        print("Push rejected: reword the commits with `git rebase -i <base>` and push again.")
    if any(f.path.startswith("branch:") for f in findings):
        print("Push rejected: push to a branch named like feature/x: git push <remote> HEAD:<name>")
    return 1
