"""Helpers shared by the CLI-level tests: real git repositories and in-process CLI runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from ml_lint.cli import main


class Run(NamedTuple):
    """Exit code and captured output of one CLI run."""

    code: int
    out: str
    err: str


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` and return its standard output."""
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


def init_repo(root: Path) -> Path:
    """``git init`` a repository on branch main at ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit_all(root: Path, message: str) -> str:
    """Stage everything, commit with ``message`` and return the full sha."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def write(root: Path, relpath: str, content: str | bytes) -> Path:
    """Write a file (text as UTF-8, bytes as-is), creating parent directories."""
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run ``ml-lint ARGS`` in-process and capture what it prints."""
    code = main(list(args))
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def cli_subprocess(cwd: Path, *args: str) -> Run:
    """Run ``python -m ml_lint ARGS`` as a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "ml_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    return Run(done.returncode, done.stdout, done.stderr)
