"""Reading git state: cheap file reads on the hook path, subprocesses and gitpython elsewhere."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ml_lint.errors import UsageError
from ml_lint.records import NamedTuple


class GitError(UsageError):
    """A git operation that cannot give an answer (no repository, bad revision range)."""


class Repo(NamedTuple):
    """A work tree and its git directory (they differ for linked worktrees), or a bare one.

    Attributes:
        root: The work tree's absolute path; for a bare repository, its git directory, where
            git commands run.
        git_dir: The git directory: ``<root>/.git``, or where a ``.git`` file points.
        bare: Whether the repository has no work tree (``git init --bare``, a mirror): it has
            commits, a HEAD and a config, but no files to check.
    """

    root: str
    git_dir: str
    bare: bool = False


class Head(NamedTuple):
    """What HEAD points at: a branch (maybe without commits yet) or, detached, a commit.

    Attributes:
        branch: The branch name without ``refs/heads/``; None when HEAD is detached.
        commit: The commit HEAD points at when detached (its sha); None on a branch.
    """

    branch: str | None
    commit: str | None


def find_repo(start: str = ".") -> Repo | None:
    """The git repository containing ``start``, found by walking up as git does.

    At each directory, a ``.git`` entry makes it a work tree; else a directory that is a git
    directory itself (``is_git_dir``) is a bare repository, unless it is a work tree's
    ``.git``, whose work tree the walk goes on to. ``GIT_DIR`` (and ``GIT_WORK_TREE``), which
    git exports to hooks, take precedence, as they do for git itself.

    Args:
        start: The directory to start from.

    Returns:
        The repository (``Repo.bare`` for one without a work tree), or None when ``start``
        is in none.

    Raises:
        GitError: If a ``.git`` file (a worktree's pointer) cannot be read, or points to
            nothing.
    """
    if os.environ.get("GIT_DIR"):
        root = os.environ.get("GIT_WORK_TREE") or start
        return Repo(os.path.abspath(root), os.path.abspath(os.environ["GIT_DIR"]))
    directory = os.path.abspath(start)
    while True:
        dot_git = os.path.join(directory, ".git")
        if os.path.isdir(dot_git):
            return Repo(directory, dot_git)
        if os.path.isfile(dot_git):  # linked worktree or submodule: "gitdir: <path>"
            try:
                with open(dot_git, encoding="utf-8") as handle:
                    content = handle.read().strip()
            except (OSError, UnicodeDecodeError) as error:
                raise GitError(f"cannot read {dot_git}: {error}") from None
            if content.startswith("gitdir:"):
                git_dir = os.path.join(directory, content[len("gitdir:") :].strip())
                if not os.path.isdir(git_dir):
                    raise GitError(
                        f"{dot_git} points to {git_dir}, which does not exist (a worktree that "
                        "was pruned?): not a git repository"
                    )
                return Repo(directory, os.path.normpath(git_dir))
        if os.path.basename(directory) != ".git" and is_git_dir(directory):
            return Repo(directory, directory, bare=True)
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def is_git_dir(directory: str) -> bool:
    """Whether ``directory`` is a git directory: a bare repository, or a work tree's ``.git``.

    As git tells (``is_git_directory``): a valid ``HEAD`` file, and ``objects`` and ``refs``
    directories, in the directory or in the one its ``commondir`` file names.

    Args:
        directory: The directory.

    Returns:
        True if git would use it as a repository.
    """
    try:
        with open(os.path.join(directory, "HEAD"), "rb") as handle:
            head = handle.read(256)
    except OSError:  # none (nearly every directory), or a directory named HEAD
        return False
    if not _valid_head(head):
        return False
    common = directory
    try:
        with open(os.path.join(directory, "commondir"), encoding="utf-8") as handle:
            common = os.path.join(directory, handle.read().strip())
    except (OSError, UnicodeDecodeError):
        pass
    return all(os.path.isdir(os.path.join(common, name)) for name in ("objects", "refs"))


def _valid_head(head: bytes) -> bool:
    """Whether ``head`` is what a HEAD file holds: a symbolic ref, or a commit when detached."""
    head = head.strip()
    if head.startswith(b"ref:"):
        return head[len(b"ref:") :].lstrip().startswith(b"refs/")
    return len(head) in (40, 64) and not head.strip(b"0123456789abcdef")  # SHA-1 or SHA-256


def git_dir_holding(path: str) -> str | None:
    """The git directory that ``path`` is or is in, below any work tree holding it.

    Args:
        path: An absolute path.

    Returns:
        The git directory (a bare repository, or a work tree's ``.git``), or None when
        ``path`` is in none: in a work tree, or outside every repository.
    """
    directory = os.path.normpath(path)
    while True:
        if os.path.basename(directory) == ".git" or is_git_dir(directory):
            return directory
        if os.path.lexists(os.path.join(directory, ".git")):
            return None  # a work tree (or a directory of one) holds it
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def read_head(repo: Repo) -> Head:
    """Read HEAD, without starting git unless the repository stores refs in a reftable.

    Args:
        repo: The repository.

    Returns:
        The branch HEAD is on, or the commit it points at when detached.
    """
    # A branch name is any bytes git allows, as in a file name: kept as surrogates.
    with open(os.path.join(repo.git_dir, "HEAD"), encoding="utf-8", errors="surrogateescape") as f:
        head = f.read().strip()
    if head == "ref: refs/heads/.invalid":  # reftable: HEAD is a stub, ask git
        ref = run_git(["symbolic-ref", "-q", "HEAD"], repo.root, check=False).strip()
        if not ref:
            commit = run_git(["rev-parse", "HEAD"], repo.root, check=False).strip()
            return Head(None, commit or "HEAD")
        head = f"ref: {ref}"
    if not head.startswith("ref: "):
        return Head(None, head)
    return Head(head[len("ref: ") :].removeprefix("refs/heads/"), None)


def _common_dir(repo: Repo) -> str:
    commondir = os.path.join(repo.git_dir, "commondir")
    if os.path.isfile(commondir):
        with open(commondir, encoding="utf-8") as handle:
            return os.path.normpath(os.path.join(repo.git_dir, handle.read().strip()))
    return repo.git_dir


def comment_char(repo: Repo | None) -> str:
    """The comment character git uses.

    Args:
        repo: The repository whose config counts too; None outside a repository.

    Returns:
        ``core.commentChar``: ``#`` when it is unset, and ``auto`` as set (see
        ``checks.commits.auto_comment_char``).
    """
    return config_value(repo, "core.commentChar") or "#"


def config_value(repo: Repo | None, key: str) -> str | None:
    """A git config value, asking git only when some config file could set it.

    Starting git costs more than the rest of the commit-msg hook, so the config files are
    first searched for the key's last part (or an include, which could hide it).

    Args:
        repo: The repository whose config counts too; None outside a repository.
        key: The dotted key, e.g. ``core.commentChar``.

    Returns:
        The value, or None when it is unset or empty.
    """
    name = key.rsplit(".", 1)[-1].lower()
    if not any(_may_set(path, name) for path in _config_files(repo)) and not any(
        name in value.lower()
        for variable, value in os.environ.items()
        if variable.startswith("GIT_CONFIG")
    ):
        return None
    value = run_git(["config", "--get", key], repo.root if repo else ".", check=False)
    return value.strip() or None


def _config_files(repo: Repo | None) -> list[str]:
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    files = [
        os.environ.get("GIT_CONFIG_GLOBAL") or os.path.join(home, ".gitconfig"),
        os.path.join(xdg, "git", "config"),
        os.environ.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig",
    ]
    if repo is not None:
        files.append(os.path.join(_common_dir(repo), "config"))
        files.append(os.path.join(repo.git_dir, "config.worktree"))
    return files


def _may_set(path: str, name: str) -> bool:
    try:
        with open(path, "rb") as handle:
            text = handle.read().lower()
    except OSError:
        return False
    return name.encode() in text or b"include" in text


def run_git(args: list[str], cwd: str, check: bool = True) -> str:
    """Run git and return its standard output (``run_git_streams`` says when it fails).

    Args:
        args: The arguments after ``git``.
        cwd: The directory to run git in.
        check: Raise ``GitError`` when git exits non-zero; else return the output regardless.

    Returns:
        Git's standard output, decoded as UTF-8 with undecodable bytes kept as surrogates.
    """
    return run_git_streams(args, cwd, check)[0]


def run_git_streams(
    args: list[str], cwd: str, check: bool = True, english: bool = False
) -> tuple[str, str]:
    """Run git and return its standard output and standard error.

    Args:
        args: The arguments after ``git``.
        cwd: The directory to run git in.
        check: Raise when git exits non-zero; else return the output regardless.
        english: Run git in the C locale, so that its messages can be read.

    Returns:
        Git's standard output and error, decoded as UTF-8 with undecodable bytes kept as
        surrogates.

    Raises:
        GitError: If git is missing, or exits non-zero while ``check`` is set.
    """
    import subprocess

    try:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            env={**os.environ, "LC_ALL": "C"} if english else None,
        )
    except FileNotFoundError as error:
        raise GitError("git is not installed or not on PATH") from error
    # Decoded by hand: text mode would turn a \r in a file name into \n. File names need not
    # be UTF-8 either; their bytes are kept as surrogates.
    out, err = (
        stream.decode("utf-8", "surrogateescape") for stream in (result.stdout, result.stderr)
    )
    if check and result.returncode != 0:
        raise GitError(f"`git {' '.join(args)}` failed: {err.strip()}")
    return out, err


def list_files(repo: Repo, staged_only: bool = False) -> tuple[list[str], list[str]]:
    """Repo-relative paths: tracked plus untracked-not-ignored, or only what is staged.

    Also the directories git could not read to list untracked files in: git warns
    "could not open directory 'd/': Permission denied" and lists nothing there.

    Args:
        repo: The repository.
        staged_only: List only files added (renamed ones too), modified or retyped in the index; not
            symbolic links (their target is a file of its own) or submodules.

    Returns:
        The paths, sorted and without duplicates, and the unreadable directories; both
        ``/``-separated.

    Raises:
        GitError: If the repository is bare: it has neither a work tree nor an index.
    """
    import re

    if repo.bare:
        raise GitError(f"{repo.git_dir} is a bare git repository: it has no work tree to list")
    if staged_only:
        args = ["diff", "--cached", "--raw", "-z", "--no-renames", "--diff-filter=ACMT"]
    else:
        args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    out, err = run_git_streams(["-c", "core.quotePath=false", *args], repo.root, english=True)
    unreadable = re.findall(r"could not open directory '(.*)/': ", err)
    paths = _staged_files(out) if staged_only else [path for path in out.split("\0") if path]
    return sorted(set(paths)), unreadable


# The index modes of what is no regular file: a symbolic link and a submodule (gitlink).
NOT_FILE_MODES = ("120000", "160000")


def _staged_files(raw: str) -> list[str]:
    """The regular files in ``git diff --raw -z --no-renames`` output.

    Each change is ``:old-mode new-mode old-sha new-sha status``, then the path.
    """
    fields = raw.split("\0")
    return [
        path
        for header, path in zip(fields[::2], fields[1::2], strict=False)
        if header.startswith(":") and header.split(" ", 2)[1] not in NOT_FILE_MODES
    ]


class Commit(NamedTuple):
    """One commit of a range, as ``check --commits`` needs it.

    Attributes:
        sha: The full commit hash.
        message: The commit message, decoded as its ``encoding`` header says (UTF-8 without).
    """

    sha: str
    message: str


def git_reason(error: Exception) -> str:
    """What git said when a command failed, without gitpython's wrapping.

    Args:
        error: A ``git.GitCommandError`` (its ``stderr``), or any other exception.

    Returns:
        git's message, with advice to fetch the history when the clone is shallow.
    """
    stderr = getattr(error, "stderr", None)
    reason = str(stderr).strip().removeprefix("stderr:").strip() if stderr else ""
    if len(reason) > 1 and reason[0] == reason[-1] == "'":  # gitpython's quotes, not git's
        reason = reason[1:-1]
    reason = (reason or str(error)).splitlines()[0]  # git's first line says what went wrong
    if "shallow" in reason or "ambiguous argument" in reason:
        reason += " (in CI, a shallow clone may lack it: fetch the history, e.g. fetch-depth: 0)"
    return reason


def read_index(root: str, path: str) -> bytes:
    """The staged content of ``path`` (what the next commit will contain).

    Args:
        root: The work tree.
        path: The file, absolute or relative to ``root``.

    Returns:
        The file's bytes as staged.

    Raises:
        GitError: If the path is not in the index.
    """
    import subprocess

    relpath = os.path.relpath(os.path.join(root, path), root).replace(os.sep, "/")
    result = subprocess.run(["git", "show", f":./{relpath}"], cwd=root, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise GitError(f"cannot read the staged content: {message}")
    return result.stdout


def has_commit(repo: Repo, sha: str) -> bool:
    """Whether ``sha`` names a commit this repository has.

    Args:
        repo: The repository.
        sha: A commit hash (or any revision).

    Returns:
        True if ``sha`` resolves to a commit object.
    """
    return run_git(["cat-file", "-t", sha], repo.root, check=False).strip() == "commit"


# The options a revision range may hold, such as `main --not --remotes`; any other word that
# starts with `-` would be an option of the git command itself (`--output=FILE`, say).
RANGE_OPTIONS = ("--not", "--all", "--branches", "--remotes", "--tags")


def range_words(rev_range: str) -> list[str]:
    """``rev_range`` split into git arguments: revisions, ranges and ``RANGE_OPTIONS`` only.

    Args:
        rev_range: A range such as ``origin/main..HEAD`` or ``HEAD --not --remotes``.

    Returns:
        Its words.

    Raises:
        GitError: If a word is another option.
    """
    words = rev_range.split()
    for word in words:
        if word.startswith("-") and word.partition("=")[0] not in RANGE_OPTIONS:
            raise GitError(
                f"{word!r} in the revision range {rev_range!r} is not a revision; a range takes "
                f"revisions (A..B, A...B, ^A) and {', '.join(RANGE_OPTIONS)}"
            )
    return words


def iter_commits(repo: Repo, rev_range: str) -> Iterator[Commit]:
    """Commits in ``rev_range`` (e.g. ``origin/main..HEAD``), newest first.

    Args:
        repo: The repository.
        rev_range: ``git rev-list`` arguments, split on whitespace.

    Yields:
        Each commit's sha and message.

    Raises:
        GitError: If the repository or the range is invalid, or the range holds an option.
    """
    words = range_words(rev_range)  # a range may be several, e.g. "<sha> --not --remotes"
    import git  # gitpython is slow to import; only commit ranges need it

    try:
        handle = git.Repo(repo.git_dir)  # the git dir: GIT_DIR may put it anywhere
        shas: str = handle.git.rev_list(*words)
    except git.GitCommandError as error:
        raise GitError(f"cannot read commits {rev_range!r}: {git_reason(error)}") from None
    except (ValueError, git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
        raise GitError(f"cannot read commits {rev_range!r}: {error}") from None
    for sha in shas.split():
        yield Commit(sha, commit_message(handle.odb.stream(bytes.fromhex(sha)).read()))


def commit_message(raw: bytes) -> str:
    """The message of a raw commit object, decoded as its ``encoding`` header says.

    Git stores a message in the encoding it was written in (``i18n.commitEncoding``) and
    names it in the header, unless it is UTF-8.

    Args:
        raw: The commit object: header lines, a blank line, the message.

    Returns:
        The message; bytes invalid in its encoding become U+FFFD.
    """
    header, _, message = raw.partition(b"\n\n")
    encoding = "utf-8"
    for line in header.split(b"\n"):
        if line.startswith(b"encoding "):
            encoding = line[len(b"encoding ") :].decode("ascii", "replace").strip()
    try:
        return message.decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know: read what UTF-8 can
        return message.decode("utf-8", "replace")
