"""Secrets in git history: the lines each commit added, streamed from one ``git log -p``.

One ``git log -p -U1`` process (through gitpython) streams every commit of a range; the
parser keeps, for each file a commit changed, the lines it added and one line of context
around them (so that a ``pragma: allowlist nextline secret`` on the line before an added
line still counts), and hands that text to the same scanner as the file scan. A match is
reported only when it lies on an added line, at the line number the file had in that commit.

What is scanned, and what is not:

* Added and modified files, renames included (git's rename detection is on, so a renamed
  file's unchanged lines are not reported again). Deleted files are skipped.
* Binary files (git says "Binary files differ") and merge commits' own changes are skipped,
  as gitleaks does: a merge adds nothing that its parents did not, unless it resolved a
  conflict by hand.
* In a shallow clone, the oldest commit has no parent to compare with, so every line of its
  files counts as added: the whole snapshot at the shallow boundary is scanned.
* A secret added again by a later commit (a line moved, a revert undone) is reported once,
  at the oldest commit that added it, with the number of later additions.

The scan honours ml-lint's configuration (exclude globs, per-file-ignores, the selection),
the pragmas, and ``# ml-lint: ignore[...]`` comments on the added lines.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator

from ml_lint import gitutil
from ml_lint.config import Config
from ml_lint.model import Finding
from ml_lint.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

COMMIT_MARKER = b"\x01"
# The commit header each commit starts with: marker, full sha, author date (YYYY-MM-DD).
LOG_FORMAT = "--format=%x01%H %ad"
LARGE_FILE = 5 * 1024 * 1024  # added text past this per file and commit is not scanned


class Added(NamedTuple):
    """The lines one commit added to one file, with one line of context around them.

    Attributes:
        path: The file's repo-relative path in that commit.
        lines: The text of each line kept, in order.
        numbers: The file's line number of each line, or 0 for the blank line put
            between two hunks.
        added: Whether each line was added by the commit (False for context).
        new_file: Whether the commit created the file.
        binary: Whether git called the file binary (then it has no lines).
    """

    path: str
    lines: list[str]
    numbers: list[int]
    added: list[bool]
    new_file: bool
    binary: bool = False


class Commit(NamedTuple):
    """One commit of the range and the files it added lines to.

    Attributes:
        sha: The full commit hash.
        date: The author date, ``YYYY-MM-DD``.
        files: The files the commit added lines to.
    """

    sha: str
    date: str
    files: list[Added]


ESCAPES = {
    ord("a"): 7, ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("v"): 11, ord("f"): 12,
    ord("r"): 13, ord('"'): 34, ord("\\"): 92,
}  # fmt: skip


def _unquote(raw: bytes) -> str:
    r"""A path as git prints it, C-quoted (``"a\tb"``, octal bytes) when it is unusual."""
    if len(raw) >= 2 and raw.startswith(b'"') and raw.endswith(b'"'):
        out = bytearray()
        body, index = raw[1:-1], 0
        while index < len(body):
            byte = body[index]
            if byte == 92 and index + 1 < len(body):  # a backslash
                following = body[index + 1]
                if 48 <= following <= 55:  # \ooo, an octal byte
                    out.append(int(body[index + 1 : index + 4], 8))
                    index += 4
                    continue
                out.append(ESCAPES.get(following, following))
                index += 2
                continue
            out.append(byte)
            index += 1
        raw = bytes(out)
    return raw.decode("utf-8", "replace")


def _header_path(names: bytes) -> str:
    """The file of a ``diff --git a/P b/P`` header whose two names are the same, else ''.

    Only a new file without content needs it: it has no ``+++`` line to name it.
    """
    if names.startswith(b'"'):
        old, separator, new = names.partition(b'" "')
        old, new = old + b'"', b'"' + new
    else:
        half = (len(names) - 1) // 2
        old, separator, new = names[:half], names[half : half + 1], names[half + 1 :]
        separator = separator if separator == b" " else b""
    old_path, new_path = _unquote(old), _unquote(new)
    if not separator or old_path[2:] != new_path[2:]:
        return ""
    return new_path.removeprefix("b/")


def _hunk_start(header: str) -> tuple[int, int, int]:
    """From ``@@ -a,b +c,d @@``: (old line count, new first line, new line count)."""
    old, new = header.split(" ", 3)[1:3]
    old_count = int(old.partition(",")[2] or "1")
    first, _, count = new[1:].partition(",")
    return old_count, int(first), int(count or "1")


class _Parser:
    """The state of the ``git log -p`` parse; ``feed`` one line, ``commits`` when done."""

    def __init__(self) -> None:
        self.commit: Commit | None = None
        self.file: Added | None = None
        self.new_file = False
        self.old_left = 0
        self.new_left = 0
        self.line = 0
        self.size = 0
        self.header_path = ""

    def start_commit(self, header: bytes) -> Commit | None:
        done = self.finish_commit()
        sha, _, date = header[1:].decode("ascii", "replace").strip().partition(" ")
        self.commit = Commit(sha, date, [])
        return done

    def finish_commit(self) -> Commit | None:
        self.finish_file()
        done, self.commit = self.commit, None
        return done

    def finish_file(self) -> None:
        if self.file is None and self.new_file and self.header_path:  # a new empty file
            self.file = Added(self.header_path, [], [], [], True)
        file, commit = self.file, self.commit
        # A new file is kept even without added lines (empty or binary): its name may be
        # one that should never be committed (ML405).
        wanted = file is not None and (file.new_file or any(file.added))
        if wanted and commit is not None and self.size <= LARGE_FILE:
            assert file is not None
            commit.files.append(file)
        self.file = None
        self.old_left = self.new_left = 0

    def feed(self, raw: bytes) -> None:
        if self.old_left or self.new_left:  # inside a hunk: the counts say where it ends
            self._hunk_line(raw)
            return
        if raw.startswith(b"diff --git "):
            self.finish_file()
            self.new_file = False
            self.header_path = _header_path(raw[len(b"diff --git ") :].rstrip(b"\r\n"))
        elif raw.startswith(b"new file mode"):
            self.new_file = True
        elif raw.startswith(b"Binary files /dev/null and ") and self.new_file:
            target = raw[len(b"Binary files /dev/null and ") :].rstrip(b"\r\n")
            path = _unquote(target.removesuffix(b" differ"))
            self.file = Added(path.removeprefix("b/"), [], [], [], True, binary=True)
        elif raw.startswith(b"+++ "):
            # Git ends a name holding a space with a tab, after the quotes of one it quotes
            # (a tab in a name is always quoted, as \t).
            target = raw[4:].rstrip(b"\r\n").removesuffix(b"\t")
            if target != b"/dev/null":
                path = _unquote(target).removeprefix("b/")
                self.file = Added(path, [], [], [], self.new_file)
                self.size = 0
        elif raw.startswith(b"@@ ") and self.file is not None:
            self.old_left, first, self.new_left = _hunk_start(raw.decode("ascii", "replace"))
            self.line = first
            if self.file.lines:  # keep hunks apart so no match spans two of them
                self._keep("", 0, False)

    def _hunk_line(self, raw: bytes) -> None:
        kind = raw[:1]
        if kind == b"\\":  # "\ No newline at end of file"
            return
        if kind == b"-":
            self.old_left -= 1
            return
        text = raw[1:].rstrip(b"\n").rstrip(b"\r").decode("utf-8", "replace")
        if kind == b"+":
            self.new_left -= 1
            self._keep(text, self.line, True)
        else:  # context
            self.old_left -= 1
            self.new_left -= 1
            self._keep(text, self.line, False)
        self.line += 1

    def _keep(self, text: str, number: int, added: bool) -> None:
        assert self.file is not None
        self.size += len(text) + 1
        if self.size <= LARGE_FILE:
            self.file.lines.append(text)
            self.file.numbers.append(number)
            self.file.added.append(added)


def parse_log(stream: Iterable[bytes]) -> Iterator[Commit]:
    """The commits of a ``git log -p -U<n> --format=%x01%H %ad`` output, as they stream.

    Args:
        stream: The output's lines, as bytes with their line endings.

    Yields:
        Each commit once its diff has been read.
    """
    parser = _Parser()
    for raw in stream:
        if raw.startswith(COMMIT_MARKER) and not (parser.old_left or parser.new_left):
            done = parser.start_commit(raw)
            if done is not None:
                yield done
        else:
            parser.feed(raw)
    done = parser.finish_commit()
    if done is not None:
        yield done


def log_arguments(rev_args: list[str]) -> list[str]:
    """The ``git`` command line that streams the lines each commit in the range added.

    Options that a user's configuration could change are given explicitly: the root
    commit's diff (``log.showRoot``), prefixes (``diff.noprefix``, ``diff.mnemonicPrefix``),
    signatures (``log.showSignature``), colour, external diff and text conversion drivers.

    Args:
        rev_args: The revisions and range options to log.

    Returns:
        The command line, starting with ``git``.
    """
    return [
        "git",
        "-c",
        "core.quotePath=false",
        "log",
        "-p",
        "-U1",
        "-M",
        "--root",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "--no-show-signature",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--diff-filter=d",
        "--date=short",
        LOG_FORMAT,
        *rev_args,
        "--",
    ]


def iter_commits(root: str, rev_args: list[str]) -> Iterator[Commit]:
    """Stream the commits of ``rev_args`` (e.g. ``["main..HEAD"]``), newest first.

    Args:
        root: The repository's work tree, or its git directory when it is bare.
        rev_args: The revisions and range options to log.

    Yields:
        Each commit with the lines it added.

    Raises:
        GitError: If git fails, e.g. on a revision that does not exist.
    """
    import git  # gitpython: slow to import, only history scans need it

    repo = gitutil.find_repo(root)
    try:  # the git dir: GIT_DIR may put it anywhere
        handle = git.Repo(repo.git_dir if repo is not None else root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
        raise gitutil.GitError(f"not a git repository: {error}") from None
    try:
        process = handle.git.execute(log_arguments(rev_args), as_process=True)
    except git.GitCommandError as error:  # pragma: no cover - git itself is missing
        raise gitutil.GitError(f"cannot run git log: {error}") from error
    assert process.proc is not None and process.proc.stdout is not None
    stdout: IO[bytes] = process.proc.stdout
    try:
        yield from parse_log(stdout)
    finally:
        stdout.close()
        try:
            process.wait()
        except git.GitCommandError as error:
            message = gitutil.git_reason(error)
            raise gitutil.GitError(
                f"cannot read the history of {' '.join(rev_args)!r}: {message}"
            ) from None


def count_commits(root: str, rev_args: list[str]) -> int:
    """How many commits ``git log`` will list for ``rev_args``, for the progress bar.

    Args:
        root: The repository's work tree, or its git directory when it is bare.
        rev_args: The revisions and range options to count.

    Returns:
        The count, or 0 if git cannot tell.
    """
    out = gitutil.run_git(["rev-list", "--count", *rev_args, "--"], root, check=False)
    return int(out.strip()) if out.strip().isdigit() else 0


class Progress:
    """A one-line progress bar on a terminal; nothing at all elsewhere.

    Args:
        total: How many commits there are (0 if unknown).
        stream: Where to draw it (standard error); drawn only if it is a terminal.
    """

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = self.stream.isatty()
        self.total = total
        self.done = 0
        self.last = 0.0

    def advance(self) -> None:
        """Count one commit; redraw at most ten times a second."""
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.last >= 0.1 or self.done == self.total):
            self.last = now
            self._draw()

    def _draw(self) -> None:
        width = 30
        if self.total:
            filled = min(width, width * self.done // self.total)
            bar = "#" * filled + "-" * (width - filled)
            text = f"\rscanning history [{bar}] {self.done}/{self.total} commits"
        else:
            text = f"\rscanning history: {self.done} commits"
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar's line."""
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()


class _Hit(NamedTuple):
    commit: int  # position in the log, 0 = newest
    finding: Finding


def scan_commits(
    commits: Iterable[Commit],
    config: Config,
    root: str,
    progress: Progress | None = None,
) -> list[Finding]:
    """Findings for the lines the commits added: one per secret and file, oldest commit first.

    Args:
        commits: The commits, newest first (as ``iter_commits`` streams them).
        config: The selection, exclusions and per-file-ignores to honour.
        root: The repository's work tree, or its git directory when it is bare (paths
            are relative to it).
        progress: Counts each commit.

    Returns:
        The findings, in the order of the commits that added them (newest first); each
        message names the commit and its author date.
    """
    hits: list[_Hit] = []
    # Each path relative to the configuration's base, or None when excluded: the same
    # paths come back commit after commit.
    relpaths: dict[str, str | None] = {}
    for position, commit in enumerate(commits):
        for added in commit.files:
            if added.path not in relpaths:
                relative = _config_relpath(root, added.path, config)
                relpaths[added.path] = None if config.is_excluded(relative) else relative
            relpath = relpaths[added.path]
            if relpath is None:
                continue
            for result in scan_added(added, commit, config):
                if config.is_enabled(result.code, relpath):
                    hits.append(_Hit(position, result))
        if progress is not None:
            progress.advance()
    return _first_additions(hits)


def _config_relpath(root: str, path: str, config: Config) -> str:
    return os.path.relpath(os.path.join(root, path), config.base).replace(os.sep, "/")


def _first_additions(hits: list[_Hit]) -> list[Finding]:
    """One finding per (fingerprint, path): the oldest commit's, counting the later ones."""
    from ml_lint.secrets.baseline import finding_fingerprint

    first: dict[tuple[str, str, str], _Hit] = {}
    again: dict[tuple[str, str, str], int] = {}
    for hit in sorted(hits, key=lambda h: -h.commit):  # oldest first
        key = (hit.finding.code, finding_fingerprint(hit.finding), hit.finding.path)
        if key in first:
            again[key] = again.get(key, 0) + 1
        else:
            first[key] = hit
    kept = []
    for key, hit in first.items():
        result = hit.finding
        if key in again:
            times = again[key]
            later = f"; added again by {times} later commit{'s' if times > 1 else ''}"
            result = result._replace(message=result.message + later)
        kept.append(_Hit(hit.commit, result))
    kept.sort(key=lambda h: (h.commit, h.finding.path, h.finding.line, h.finding.column))
    return [hit.finding for hit in kept]


def scan_added(added: Added, commit: Commit, config: Config) -> list[Finding]:
    """The findings on the lines one commit added to one file, at that file's line numbers.

    Args:
        added: The lines the commit added to the file, with context.
        commit: The commit, named in each finding's message.
        config: Unused; the caller applies the selection.

    Returns:
        An ML405 finding if the commit created a never-commit file, and one per secret on
        an added line; those a suppression comment in the lines covers are dropped.
    """
    from ml_lint import registry
    from ml_lint.model import finding
    from ml_lint.secrets import message, scan_text

    where = f"added in commit {commit.sha[:12]} ({commit.date}): "
    results = _file_findings(added, where) if added.new_file else []
    text = "\n".join(added.lines)
    for match in scan_text(text, lone_cr=False) if text else ():  # git's lines, as joined
        span = range(match.line - 1, min(match.end_line, len(added.lines)))
        if not any(added.added[i] for i in span):
            continue  # a secret on a context line was added by an older commit
        first = next((i for i in span if added.numbers[i]), match.line - 1)
        line = added.numbers[first]
        end_line = line + (match.end_line - match.line)
        rule = registry.get(match.rule)
        text_of = where + message(match)
        result = finding(rule, added.path, text_of, line, match.column, end_line, match.end_column)
        results.append(result._replace(fingerprint=match.fingerprint, detector=match.detector))
    from ml_lint.suppress import mentions

    if results and any(mentions(line) for line in added.lines):
        results = _suppressed(results, added)
    return results


def _file_findings(added: Added, where: str) -> list[Finding]:
    """A file that should never be committed (ML405), which this commit created."""
    from ml_lint.model import finding
    from ml_lint.rules import secrets as rules
    from ml_lint.secrets import files

    text = None if added.binary else "\n".join(added.lines)
    reason = files.secret_file(added.path, lambda: text)
    if reason is None:
        return []
    message = (
        f"{where}{reason} is committed: remove it from git and rotate what it holds; the "
        "history keeps it until rewritten (git filter-repo), so treat it as leaked"
    )
    return [finding(rules.SECRET_FILE, added.path, message)]


def _suppressed(results: list[Finding], added: Added) -> list[Finding]:
    """Drop the findings that an ``# ml-lint: ignore[...]`` comment on their line covers."""
    from ml_lint import suppress

    by_number = {n: i + 1 for i, n in enumerate(added.numbers) if n}
    local = [r._replace(line=by_number.get(r.line, 0)) for r in results]
    comments = suppress.line_comments(added.lines)
    suppressions, _malformed = suppress.collect(comments, added.lines, added.path)
    kept = suppress.apply(local, suppressions, [], added.path, report_unused=False)
    kept_ids = {id(r) for r in kept}
    return [r for r, mine in zip(results, local, strict=True) if id(mine) in kept_ids]
