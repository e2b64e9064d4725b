"""``ml-lint install-hooks``: plain git hooks for repositories without pre-commit."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys

from ml_lint import gitutil
from ml_lint.errors import UsageError
from ml_lint.githooks import COMMANDS, MARKER, hook_script


def hooks_dir(repo: gitutil.Repo) -> str:
    """The directory git runs hooks from (honours ``core.hooksPath``).

    Args:
        repo: The repository.

    Returns:
        The directory's normalized path.
    """
    path = gitutil.run_git(["rev-parse", "--git-path", "hooks"], repo.root).strip()
    return os.path.normpath(os.path.join(repo.root, path))


def run(args: argparse.Namespace) -> int:
    """Install the hooks, keeping or backing up what is there.

    A foreign hook is kept unless ``--force`` (then backed up); an ml-lint hook the user
    edited is backed up before it is replaced.

    Args:
        args: The parsed command line.

    Returns:
        1 if a foreign hook was kept, else 0.

    Raises:
        GitError: If the current directory is not in a git repository, or is in a bare one.
        UsageError: If the hooks directory cannot be made or written.
    """
    repo = gitutil.find_repo(".")
    if repo is None:
        raise gitutil.GitError("install-hooks must run inside a git repository")
    if repo.bare:  # no commit is made there: its commit hooks would never run
        raise gitutil.GitError(
            f"install-hooks must run in a work tree: {repo.git_dir} is a bare git repository"
        )
    directory = hooks_dir(repo)
    try:
        return _install(args, directory)
    except OSError as error:
        raise UsageError(f"cannot install hooks into {directory}: {error.strerror}") from None


def _install(args: argparse.Namespace, directory: str) -> int:
    """``run`` once the hooks directory is known; 1 if a foreign hook was kept."""
    os.makedirs(directory, exist_ok=True)
    kept = 0
    for hook in args.hook or list(COMMANDS):
        target = os.path.join(directory, hook)
        state = _state(target, hook)
        if state == "foreign" and not args.force:
            print(f"kept existing {target} (not an ml-lint hook); use --force to replace it")
            kept += 1
            continue
        if state in ("edited", "foreign"):
            backup = _free_name(target + ".ml-lint-backup")
            shutil.move(target, backup)
            what = "ml-lint hook you edited" if state == "edited" else "existing"
            print(f"moved {what} {target} to {backup}")
        if os.path.islink(target):  # replace the link, never write through it
            os.unlink(target)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(hook_script(hook, sys.executable))
        os.chmod(target, 0o755)
        print(f"installed {target}")
    return 1 if kept else 0


def _free_name(path: str) -> str:
    """``path``, or ``path.1``, ``path.2``...: the first that does not exist (no backup lost)."""
    candidate, number = path, 0
    while os.path.lexists(candidate):
        number += 1
        candidate = f"{path}.{number}"
    return candidate


def _state(path: str, hook: str) -> str:
    """What is at ``path``: ``absent``, ``ours``, ``edited`` or ``foreign``.

    ``ours`` is an ml-lint hook as written, ``edited`` one changed since, ``foreign`` any other
    file or a dangling link. An ml-lint hook carries ``MARKER``; it is as written when it
    equals the template for the interpreter it names.
    """
    if not os.path.lexists(path):
        return "absent"
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            head = handle.read(4096)
            text = head + handle.read(65536)
    except OSError:
        return "foreign"
    if MARKER not in head:
        return "foreign"
    python = ""
    for line in text.splitlines():
        if line.startswith("ML_LINT_PYTHON="):
            try:
                python = "".join(shlex.split(line[len("ML_LINT_PYTHON=") :]))
            except ValueError:
                return "edited"
            break
    return "ours" if text == hook_script(hook, python) else "edited"
