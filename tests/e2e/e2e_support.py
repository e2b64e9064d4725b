"""Helpers for the end-to-end tests: real git, real hooks, no mocks.

Every subprocess runs with an isolated environment: a temporary ``HOME``, an empty global
git configuration (``GIT_CONFIG_GLOBAL``) and no system one, so the tests never depend on
(or change) the machine's git setup. ``PATH`` keeps the interpreter's ``bin`` directory
first so that ``git`` hooks find ``ml-lint`` and ``pre-commit``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout under test, found from this file's location (``tests/e2e/conftest.py``)."""

AUTHOR_NAME = "E2E Tester"
AUTHOR_EMAIL = "e2e@example.invalid"

GOOD_MESSAGE = "feat(model): add attention"
BAD_MESSAGE = "Added attention"
GOOD_BRANCH = "feature/add-attention"
BAD_BRANCH = "Add_Attention"
LONG_LINE_FILE = "x = 1  # " + "a" * 110 + "\n"
SHORT_LINE_FILE = "x = 1  # short enough\n"
# A fake GitHub token (ML401), split so that no source file holds it whole.
SECRET_LINE = 'GITHUB_TOKEN = "' + "gh" + "p_" + 'Zq8RtY3uVw9XkL2mN7bC4dF6gH1jK5pQ0sTa"\n'
SECRET = SECRET_LINE.split('"')[1]


def _user_pip_config() -> str | None:
    """The user's pip configuration file, so that moving ``HOME`` keeps pip's settings.

    Returns:
        The path of the first existing per-user pip configuration file, or ``None``.
    """
    home = Path.home()
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    for candidate in (xdg / "pip" / "pip.conf", home / ".pip" / "pip.conf"):
        if candidate.is_file():
            return str(candidate)
    return None


def make_env(home: Path) -> dict[str, str]:
    """An isolated environment for git, hooks and pre-commit.

    Inherited ``GIT_*`` and ``PRE_COMMIT_*`` variables are dropped (the suite may itself run
    inside a git hook), identity comes from ``GIT_AUTHOR_*``/``GIT_COMMITTER_*``, and the
    interpreter's ``bin`` directory is put first on ``PATH``.

    Args:
        home: An empty directory to use as ``HOME``; the empty global git config lives there.

    Returns:
        The environment mapping to pass to ``subprocess``.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT_"))
        and key
        not in {"GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_BRANCH"}
    }
    pip_config = os.environ.get("PIP_CONFIG_FILE") or _user_pip_config()
    if pip_config:
        env["PIP_CONFIG_FILE"] = pip_config
    global_config = home / ".gitconfig"
    global_config.touch()
    bin_dir = str(Path(sys.executable).parent)
    env.update(
        HOME=str(home),
        PATH=os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
        GIT_CONFIG_GLOBAL=str(global_config),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME=AUTHOR_NAME,
        GIT_AUTHOR_EMAIL=AUTHOR_EMAIL,
        GIT_COMMITTER_NAME=AUTHOR_NAME,
        GIT_COMMITTER_EMAIL=AUTHOR_EMAIL,
        GIT_TERMINAL_PROMPT="0",
        GIT_EDITOR="true",
    )
    return env


def run(
    args: list[str], cwd: Path, env: Mapping[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing standard output and error together.

    Args:
        args: The command and its arguments.
        cwd: The working directory.
        env: The environment (see :func:`make_env`).
        check: Fail the test with the command's output if it exits non-zero.

    Returns:
        The completed process; ``stdout`` holds both output streams.
    """
    result = subprocess.run(
        args,
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        pytest.fail(f"{args} exited {result.returncode} in {cwd}:\n{result.stdout}")
    return result


def git(
    repo: Path, *args: str, env: Mapping[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``git`` in ``repo``.

    Args:
        repo: The repository (or any directory) to run in.
        *args: git's arguments.
        env: The environment (see :func:`make_env`).
        check: Fail the test if git exits non-zero.

    Returns:
        The completed process, output streams combined.
    """
    return run(["git", *args], repo, env, check=check)


def git_out(repo: Path, *args: str, env: Mapping[str, str]) -> str:
    """The stripped standard output of a git command that must succeed.

    Args:
        repo: The repository to run in.
        *args: git's arguments.
        env: The environment (see :func:`make_env`).

    Returns:
        What git printed, without surrounding whitespace.
    """
    result = subprocess.run(
        ["git", *args], cwd=repo, env=dict(env), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def init_repo(path: Path, env: Mapping[str, str], bare: bool = False) -> Path:
    """Create a git repository on branch ``main`` with a local identity.

    Args:
        path: Where to create it (created if missing).
        env: The environment (see :func:`make_env`).
        bare: Create a bare repository (a push target).

    Returns:
        ``path``.
    """
    path.mkdir(parents=True, exist_ok=True)
    git(path, "-c", "init.defaultBranch=main", "init", "-q", *(["--bare"] if bare else []), env=env)
    if not bare:
        git(path, "config", "user.name", AUTHOR_NAME, env=env)
        git(path, "config", "user.email", AUTHOR_EMAIL, env=env)
        git(path, "config", "commit.gpgsign", "false", env=env)
    return path


def commit(
    repo: Path, message: str, env: Mapping[str, str], *extra: str
) -> subprocess.CompletedProcess[str]:
    """``git commit -m message`` through whatever hooks are installed, without failing.

    Args:
        repo: The repository.
        message: The commit message.
        env: The environment (see :func:`make_env`).
        *extra: More ``git commit`` arguments, e.g. ``--no-verify``.

    Returns:
        The completed process, output streams combined.
    """
    return git(repo, "commit", "-m", message, *extra, env=env, check=False)


def head(repo: Path, env: Mapping[str, str]) -> str:
    """The commit HEAD points at.

    Args:
        repo: The repository.
        env: The environment (see :func:`make_env`).

    Returns:
        The full sha, or ``""`` on an unborn branch.
    """
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD"],
        cwd=repo,
        env=dict(env),
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def write(repo: Path, name: str, text: str, env: Mapping[str, str], stage: bool = True) -> Path:
    """Write a file in the repository and optionally stage it.

    Args:
        repo: The repository.
        name: Repository-relative path.
        text: The file's content.
        env: The environment (see :func:`make_env`).
        stage: Run ``git add`` on it.

    Returns:
        The file's path.
    """
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if stage:
        git(repo, "add", name, env=env)
    return path
