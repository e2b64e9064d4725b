"""``ml-lint install-hooks``: plain git hooks for repositories without pre-commit."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from ml_lint import gitutil
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
    """Install the hooks; a foreign hook is kept unless ``--force`` (then backed up).

    Args:
        args: The parsed command line.

    Returns:
        1 if a foreign hook was kept, else 0.

    Raises:
        GitError: If the current directory is not in a git repository.
    """
    repo = gitutil.find_repo(".")
    if repo is None:
        raise gitutil.GitError("install-hooks must run inside a git repository")
    directory = hooks_dir(repo)
    os.makedirs(directory, exist_ok=True)
    kept = 0
    for hook in args.hook or list(COMMANDS):
        target = os.path.join(directory, hook)
        if os.path.lexists(target) and not _is_ours(target):  # a dangling link is a hook too
            if not args.force:
                print(f"kept existing {target} (not an ml-lint hook); use --force to replace it")
                kept += 1
                continue
            backup = _free_name(target + ".ml-lint-backup")
            shutil.move(target, backup)
            print(f"moved existing {target} to {backup}")
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


def _is_ours(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return MARKER in handle.read(4096)
    except OSError:
        return False
