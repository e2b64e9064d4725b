"""Which files a run checks: git's view of the repository, or a directory walk outside git."""

from __future__ import annotations

import os
import re

from ml_lint import gitutil
from ml_lint.cache import CACHEDIR_TAG, RESULTS_FILE
from ml_lint.config import Config
from ml_lint.errors import UsageError


def find_files(paths: list[str], config: Config, cwd: str = ".", staged: bool = False) -> list[str]:
    """Absolute paths of the files to check, sorted.

    In a git repository: tracked plus untracked-not-ignored files under ``paths``; with
    ``staged``, the staged files under ``paths`` (present in the index, whatever the work
    tree holds); a named directory git lists nothing under (outside the repository, or
    ignored) is walked. Outside git: a walk that skips excluded directories. Files named
    explicitly are always checked, even if excluded or ignored, and a directory named
    explicitly is never excluded itself, unless ``config.force_exclude`` holds (pre-commit
    names every file). Symlinks that lead out of the tree are skipped, and so are git's own
    directories (``.git``, and a bare repository found in the tree): their files are git's
    store, not the project's.

    Args:
        paths: The files and directories to check; none means the current directory.
        config: The configuration, for its exclude globs.
        cwd: The directory ``paths`` are relative to.
        staged: Check what the index holds rather than the work tree.

    Returns:
        The absolute paths, sorted and without duplicates.

    Raises:
        UsageError: If a path does not exist, a directory named is a git directory or in
            one (a bare repository has no work tree, so no files to check), or ``staged`` is
            used outside a work tree.
    """
    cwd = os.path.abspath(cwd)
    targets = [os.path.normpath(os.path.join(cwd, p)) for p in paths or ["."]]
    for path, target in zip(paths or ["."], targets, strict=True):
        if path == "-" and not os.path.lexists(target):
            raise UsageError("'-' is no file: to check standard input, pass --stdin-filename PATH")
        try:
            os.lstat(target)
        except (FileNotFoundError, NotADirectoryError):
            raise UsageError(f"no such file or directory: {target}") from None
        except OSError as error:  # a directory on the way that cannot be searched, say
            raise UsageError(f"cannot read {target}: {error.strerror}") from None
    force = config.force_exclude
    if force:
        targets = [t for t in targets if not force_excluded(t, config)]
    for target in targets:
        if os.path.isdir(target):
            _refuse_git_dir(target)
    # A named file is checked; one that is no regular file (a FIFO, a broken link) too,
    # so that reading it reports why it was not.
    if not staged and not any(os.path.isdir(target) for target in targets):
        return sorted(set(targets))  # what pre-commit passes: no need to ask git
    repo = gitutil.find_repo(cwd)
    if staged and repo is None:
        raise UsageError("--staged needs a git repository")
    if staged and repo is not None and repo.bare:
        raise UsageError(f"--staged needs a work tree: {repo.git_dir} is a bare git repository")
    if repo is not None and repo.bare:  # the targets are outside it: walked as outside git
        repo = None
    directories = [t for t in targets if os.path.isdir(t)]
    found = set() if staged else {t for t in targets if not os.path.isdir(t)}
    # (file, the tree a symlink among them must not lead out of)
    candidates: list[tuple[str, str]] = []
    unlisted: set[str] = set()  # directories that could not be read: reported as such
    if repo is not None:
        names, unreadable = gitutil.list_files(repo, staged)
        listed = [os.path.join(repo.root, p) for p in names]
        unlisted.update(os.path.join(repo.root, p) for p in unreadable)
        candidates += [(path, repo.root) for path in listed]
        # git lists a repository nested in the work tree, untracked, as "dir/": it holds
        # no file of this one, but one named is walked, as a submodule named is.
        files = [path for path in listed if not path.endswith("/")]
        for directory in [] if staged else directories:
            # Named, but git lists nothing under it (outside the repository, or ignored):
            # walked as outside git, rather than checking nothing.
            inside = directory.rstrip(os.sep) + os.sep
            if not any(path.startswith(inside) for path in files):
                candidates += [(path, directory) for path in _walk(directory, config, unlisted)]
    else:
        candidates = [(path, cwd) for d in directories for path in _walk(d, config, unlisted)]
    candidates += [(path, path) for path in unlisted]
    stores = _in_stores([path for path, _ in candidates], repo.root if repo else cwd)
    for path, tree in candidates:
        if path in stores:
            continue
        if staged and path in targets:
            found.add(path)
            continue
        named = [d for d in directories if path == d or path.startswith(d.rstrip(os.sep) + os.sep)]
        keep = 0 if force else max((_depth(d, config.base) for d in named), default=0)
        if not named:
            continue
        if path in unlisted:  # kept to be reported, unless an exclude leaves it out
            if not config.is_excluded(_relative(path, config.base), keep):
                found.add(path)
        elif _keep(path, config, tree, keep, staged):
            found.add(path)
    return sorted(found)


def _refuse_git_dir(directory: str) -> None:
    """Raise ``UsageError`` if the directory named is a git directory, or in one.

    Its files are git's (objects, hook samples, config): walking them as the project's would
    check nothing of the user's and pass. A bare repository has no work tree at all, which
    an error says, rather than a run that checks no file and passes.
    """
    store = gitutil.git_dir_holding(directory)
    if store is None:
        return
    where = directory if directory == store else f"{directory} is in {store}, which"
    if os.path.basename(store) == ".git":
        raise UsageError(
            f"{where} is git's own directory, not the work tree: name the work tree's "
            "files or directories instead"
        )
    raise UsageError(
        f"{where} is a bare git repository: it has no work tree, so no files to check; scan "
        "its commits with `ml-lint secrets --history` or `ml-lint check --commits RANGE`, "
        "or check a clone's work tree"
    )


def force_excluded(path: str, config: Config) -> bool:
    """Whether ``force-exclude`` leaves out ``path``, though it is named explicitly.

    Args:
        path: The absolute path named.
        config: The configuration: ``force_exclude`` and the exclude globs.

    Returns:
        True if ``force_exclude`` is on and an exclude glob matches the path.
    """
    return config.force_exclude and config.is_excluded(_relative(path, config.base))


def _depth(directory: str, base: str) -> int:
    """How many path components of ``directory`` (named explicitly) exclusion must skip."""
    relpath = _relative(directory, base)
    if relpath == "." or relpath == ".." or relpath.startswith("../"):
        return 0
    return relpath.count("/") + 1


def _walk(directory: str, config: Config, unreadable: set[str]) -> list[str]:
    """The files under ``directory`` that no exclude leaves out; adds to ``unreadable``."""
    keep = _depth(directory, config.base)
    files: list[str] = []

    def fail(error: OSError) -> None:
        if error.filename and not config.is_excluded(_relative(error.filename, config.base), keep):
            unreadable.add(os.path.normpath(error.filename))

    for current, subdirs, names in os.walk(directory, onerror=fail):
        subdirs[:] = sorted(
            d
            for d in subdirs
            if d != ".git"  # a repository's own store, whatever `exclude` says
            and not config.is_excluded(_relative(os.path.join(current, d), config.base), keep)
            and not os.path.islink(os.path.join(current, d))
            and not gitutil.is_git_dir(os.path.join(current, d))  # a bare repository's
        )
        files.extend(os.path.join(current, name) for name in names)
    return files


def _keep(path: str, config: Config, tree: str, keep: int, staged: bool) -> bool:
    if config.is_excluded(_relative(path, config.base), keep):
        return False
    if staged:  # the content comes from the index; the work-tree file may be gone
        return True
    if not os.path.isfile(path):
        return False
    if os.path.islink(path):
        real = os.path.realpath(path)
        return real.startswith(os.path.realpath(tree) + os.sep)
    return True


def _in_stores(paths: list[str], top: str) -> set[str]:
    """The paths under a cache (``CACHEDIR.TAG``) or a git directory inside ``top``.

    ml-lint's cache, and other tools' (ruff's, pytest's), hold no code of the project,
    whatever ``exclude`` (which may replace the defaults) or a .gitignore says; nor does a
    bare repository in the work tree, whose files git lists as any untracked files.
    """
    tagged: dict[str, bool] = {}
    inside = top.rstrip(os.sep) + os.sep
    root = os.path.normpath(top)  # "/" is its own parent: the walk up stops there too

    def is_store(directory: str) -> bool:
        unknown = []  # the directory and its parents not looked at yet, deepest first
        while directory != root and directory.startswith(inside) and directory not in tagged:
            unknown.append(directory)
            directory = os.path.dirname(directory)
        below = tagged.get(directory, False)  # the tree itself, and what holds it: never
        for each in reversed(unknown):
            below = tagged[each] = below or _has_tag(each) or gitutil.is_git_dir(each)
        return below

    return {
        path
        for path in paths
        if OWN_CACHE_FILE.fullmatch(os.path.basename(path)) or is_store(os.path.dirname(path))
    }


def _has_tag(directory: str) -> bool:
    try:
        with open(os.path.join(directory, "CACHEDIR.TAG"), "rb") as handle:
            return handle.read(len(CACHEDIR_SIGNATURE)) == CACHEDIR_SIGNATURE
    except OSError:
        return False


CACHEDIR_SIGNATURE = CACHEDIR_TAG.split("\n", 1)[0].encode()  # what any tool's tag starts with
# ml-lint's own cache files, also in a directory of the user's (``--cache-dir``), which
# ml-lint does not tag; and one being written.
OWN_CACHE_FILE = re.compile(RESULTS_FILE + r"(?:\.\d+\.tmp)?")


def _relative(path: str, base: str) -> str:
    return os.path.relpath(path, base).replace(os.sep, "/")
