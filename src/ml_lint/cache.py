"""Findings of unchanged files, kept between runs, so that an unchanged tree costs almost nothing.

A file's findings are stored under a digest of its content, in one cache file per set of
settings: ml-lint's own code, the Python version, the resolved configuration and the options
that change findings. Any change to those starts a new cache file; a changed file misses. The
directory (``.ml_lint_cache`` next to the configuration by default) holds a ``.gitignore`` of
``*`` so that git never sees it, and a ``CACHEDIR.TAG`` for backup tools, as ruff's and
pytest's caches do. Entries are JSON, never pickle: a cache directory may come from a checkout
nobody here trusts, and loading it must not run code.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

import ml_lint
from ml_lint.config import Config
from ml_lint.model import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:  # hashlib's own BLAKE2, without the OpenSSL bindings hashlib loads (5 ms at start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

DIRECTORY = ".ml_lint_cache"
FORMAT = 1
# Larger files (data, mostly) are checked without the cache rather than read to be hashed.
MAX_FILE_SIZE = 5 * 1024 * 1024
# Cache files of other settings (other hooks' selections, say) kept, the most recent ones.
KEEP_SETTINGS = 8
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by ml-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def directory_for(config: Config, cache_dir: str | None) -> str:
    """Where the cache lives: ``--cache-dir``, else ``ML_LINT_CACHE_DIR``, else the default.

    Args:
        config: The configuration; the default directory is next to it (or in the current
            directory when there is none).
        cache_dir: The directory given on the command line, if any.

    Returns:
        The cache directory, which may not exist yet.
    """
    return cache_dir or os.environ.get("ML_LINT_CACHE_DIR") or os.path.join(config.base, DIRECTORY)


def tracked_by_git(directory: str) -> bool:
    """Whether git tracks a file in the cache directory: then a commit may have put it there.

    A cache is trusted to hold what ml-lint found; one that came with a checkout could say
    that a file with a secret has no findings. Git is asked only when the directory exists.

    Args:
        directory: The cache directory.

    Returns:
        True if some file in it is in git's index.
    """
    if not os.path.isdir(directory):
        return False
    from ml_lint import gitutil

    # With GIT_DIR set (git sets it for hooks in a linked worktree), git takes the directory
    # it runs in as the top of the work tree, where every file is under ".": it runs where
    # the run started, with the cache's absolute path.
    cwd = os.getcwd() if os.environ.get("GIT_DIR") else directory
    try:
        found = gitutil.run_git(["ls-files", "-z", "--", os.path.abspath(directory)], cwd, False)
        return bool(found)
    except (OSError, gitutil.GitError):  # no git, or not a repository: nothing tracks it
        return False


def disabled_by_environment() -> bool:
    """Whether ``ML_LINT_NO_CACHE`` is set to something other than empty, ``0`` or ``false``.

    Returns:
        True if the environment turns the cache off.
    """
    return os.environ.get("ML_LINT_NO_CACHE", "").lower() not in ("", "0", "false")


def digest(data: bytes) -> str:
    """The digest a file's content is stored under.

    Args:
        data: The file's bytes.

    Returns:
        32 hex digits.
    """
    return blake2b(data, digest_size=16).hexdigest()


class ResultCache:
    """The stored findings for one set of settings, loaded at the start and saved at the end.

    Args:
        directory: The cache directory.
        settings: Everything besides a file's content that decides its findings.
        root: The directory the files' relative paths start from; entries of files that no
            longer exist there are dropped when the cache is saved.
    """

    def __init__(self, directory: str, settings: dict[str, Any], root: str) -> None:
        self.directory = directory
        self.root = root
        key = json.dumps(settings, sort_keys=True, default=str)
        self.path = os.path.join(directory, f"results-{digest(key.encode())}.json")
        self.settings = settings
        self._loaded_stamp = self._stamp()
        self._entries = self._load()
        self._updates: dict[str, list[Any]] = {}

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _load(self) -> dict[str, list[Any]]:
        try:
            with open(self.path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError, RecursionError):  # none yet, or damaged: start afresh
            return {}
        if not (isinstance(document, dict) and document.get("format") == FORMAT):
            return {}
        files = document.get("files")
        return files if isinstance(files, dict) else {}

    def get(self, relpath: str, content_digest: str) -> list[Finding] | None:
        """The stored findings of a file whose content has this digest, or None.

        Args:
            relpath: The file's path, as findings give it.
            content_digest: ``digest`` of its content.

        Returns:
            The findings, or None when the file is not stored with this content.
        """
        entry = self._entries.get(relpath)
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == content_digest):
            return None
        try:
            return [_finding(relpath, row) for row in entry[1]]
        except (TypeError, ValueError, IndexError, KeyError):  # a damaged entry is a miss
            return None

    def put(self, relpath: str, content_digest: str, findings: list[Finding]) -> None:
        """Store a file's findings under the digest of its content.

        Args:
            relpath: The file's path, as findings give it.
            content_digest: ``digest`` of the content the findings are for.
            findings: Its findings, every one with ``path`` equal to ``relpath``.
        """
        self._updates[relpath] = [content_digest, [_row(item) for item in findings]]

    def save(self) -> str | None:
        """Write the cache if it changed; never fail the run over it.

        Returns:
            None, or why the cache could not be written.
        """
        if not self._updates:
            return None
        # Another run (pre-commit runs a hook in several processes) may have saved since
        # this one loaded: keep what it stored too.
        entries = self._load() if self._stamp() != self._loaded_stamp else self._entries
        entries.update(self._updates)
        entries = {
            relpath: entry
            for relpath, entry in entries.items()
            if os.path.exists(os.path.join(self.root, relpath))
        }
        document = {"format": FORMAT, "settings": self.settings, "files": entries}
        temp = f"{self.path}.{os.getpid()}.tmp"
        try:
            _make_directory(self.directory)
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump(document, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, self.path)
            _prune(self.directory, self.path)
        except OSError as error:
            return f"cannot write the cache in {self.directory}: {error.strerror or error}"
        finally:  # a full disk or Ctrl-C must not leave a part-written file behind
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return None


def settings(config: Config, report_unused: bool, root: str) -> dict[str, Any]:
    """What besides a file's content decides its findings.

    Args:
        config: The resolved configuration.
        report_unused: Whether unused suppressions are reported.
        root: The directory the cached paths are relative to. Per-file-ignores match paths
            from the configuration's directory, so the same path under two roots (two
            repositories sharing one pyproject.toml) may have different findings.

    Returns:
        Plain data: ml-lint's version and code, the Python version and the settings.
    """
    return {
        "ml-lint": ml_lint.__version__,
        "code": _code_fingerprint(),
        "python": sys.version,
        "config": config.as_dict(),
        "report-unused-ignores": report_unused,
        "root": os.path.abspath(root),
    }


def _code_fingerprint() -> str:
    """A digest of the sizes and times of ml-lint's own modules: an edit starts a new cache."""
    package = os.path.dirname(ml_lint.__file__)
    stamps = []
    for directory, dirs, files in os.walk(package):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(directory, name))
                where = os.path.relpath(os.path.join(directory, name), package)
                stamps.append(f"{where}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(stamps).encode())


# The name of a cache file: one per settings digest.
RESULTS_FILE = r"results-[0-9a-f]{32}\.json"


def _make_directory(directory: str) -> None:
    if os.path.isdir(directory):
        return
    os.makedirs(directory, exist_ok=True)  # another run may make it at the same moment
    with open(os.path.join(directory, ".gitignore"), "w", encoding="utf-8") as handle:
        handle.write("# Created by ml-lint automatically.\n*\n")
    with open(os.path.join(directory, "CACHEDIR.TAG"), "w", encoding="utf-8") as handle:
        handle.write(CACHEDIR_TAG)


def _prune(directory: str, current: str) -> None:
    """Remove all but the ``KEEP_SETTINGS`` most recently written cache files.

    Only in a directory ml-lint made (its ``CACHEDIR.TAG`` says so), and only files named as
    ml-lint names them: ``--cache-dir`` may name a directory of the user's own files.
    """
    try:
        with open(os.path.join(directory, "CACHEDIR.TAG"), encoding="utf-8") as handle:
            if handle.read() != CACHEDIR_TAG:
                return
    except (OSError, ValueError):
        return
    import re

    others = [
        entry.path
        for entry in os.scandir(directory)
        if re.fullmatch(RESULTS_FILE, entry.name) and entry.path != current
    ]
    others.sort(key=lambda path: os.stat(path).st_mtime_ns, reverse=True)
    for path in others[KEEP_SETTINGS - 1 :]:
        with contextlib.suppress(OSError):  # another run removed it first
            os.unlink(path)


def _row(item: Finding) -> list[Any]:
    return [
        item.line,
        item.column,
        item.code,
        item.message,
        item.end_line,
        item.end_column,
        item.name,
        item.severity,
        item.cell,
        item.fingerprint,
        item.detector,
    ]


def _finding(relpath: str, row: list[Any]) -> Finding:
    line, column, code, message, end_line, end_column, name, severity = row[:8]
    cell, fingerprint, detector = row[8:11]
    if not (
        type(line) is type(column) is type(end_line) is type(end_column) is int
        and type(code) is type(message) is type(name) is type(severity) is str
        and (cell is None or type(cell) is int)
        and all(value is None or type(value) is str for value in (fingerprint, detector))
    ):
        raise ValueError("damaged entry")
    return Finding(
        relpath, line, column, code, message, end_line, end_column, name, severity,
        cell, fingerprint, detector,
    )  # fmt: skip
