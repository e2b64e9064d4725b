"""``check --stdin-filename``: an editor's buffer checked, and fixed, without touching files.

Each test runs ``python -m ml_lint`` as a real process with the content on its stdin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from support import init_repo, write

BUFFER = (
    b'"""Module."""\n\n\ndef f(a: int, b: int) -> int:\n    """Sum.\n\n'
    b'    Args:\n        b: Second.\n    """\n    return a + b\n'
)
CRLF_BOM = b'\xef\xbb\xbf"""M."""\r\n\r\n\r\ndef g(x: int) -> int:\r\n    """G."""\r\n    return x'


class Piped(NamedTuple):
    """Exit code and raw output of one run."""

    code: int
    out: bytes
    err: str


def piped(cwd: Path, data: bytes, *args: str) -> Piped:
    """Run ``ml-lint check ARGS`` in ``cwd`` with ``data`` on stdin."""
    done = subprocess.run(
        [sys.executable, "-m", "ml_lint", "check", "--no-cache", *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        timeout=120,
    )
    return Piped(done.returncode, done.stdout, done.stderr.decode("utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose configuration ignores ML202 under ``scripts/``."""
    root = init_repo(tmp_path / "repo")
    config = '[tool.ml-lint]\nextend-select = ["ML2"]\nextend-exclude = ["vendor"]\n'
    write(
        root,
        "pyproject.toml",
        config + '[tool.ml-lint.per-file-ignores]\n"scripts/*" = ["ML202"]\n',
    )
    return root


def test_buffer_is_checked_as_the_named_file(repo: Path) -> None:
    """Findings carry the named path, and its per-file-ignores apply; no file need exist."""
    untyped = b'"""M."""\n\n\ndef f(x):\n    """F.\n\n    Args:\n        x: X.\n    """\n'
    run = piped(repo, untyped, "--stdin-filename", "pkg/new.py", "--format", "json")
    assert run.code == 1, run.err
    assert {(f["path"], f["code"]) for f in json.loads(run.out)} == {("pkg/new.py", "ML202")}
    ignored = piped(repo, untyped, "--stdin-filename", "scripts/run.py")
    assert (ignored.code, ignored.out) == (0, b"All checks passed (1 file checked).\n")
    assert not (repo / "pkg").exists()


def test_fix_prints_the_fixed_buffer_and_reports_on_stderr(repo: Path) -> None:
    """With --fix, stdout is the fixed content alone; what remains is reported on stderr."""
    on_disk = write(repo, "pkg/m.py", BUFFER)
    run = piped(repo, BUFFER, "--stdin-filename", "pkg/m.py", "--fix")
    assert run.code == 1  # the placeholders the fix added (ML215) remain
    assert b"        a (int): TODO: describe a.\n        b: Second.\n" in run.out
    assert run.out.startswith(b'"""Module."""\n') and b"ML215" not in run.out
    assert "ml-lint: fixed 2 problems" in run.err and "ML215" in run.err
    assert on_disk.read_bytes() == BUFFER
    again = piped(repo, run.out, "--stdin-filename", "pkg/m.py", "--fix-only")
    assert (again.code, again.out) == (0, run.out)


def test_fix_keeps_bom_crlf_and_a_clean_buffer_byte_for_byte(repo: Path) -> None:
    """Nothing to fix echoes the buffer; a fix keeps its BOM and CRLF line endings."""
    clean = piped(repo, CRLF_BOM, "--stdin-filename", "m.py", "--fix", "--select", "ML204")
    assert (clean.code, clean.out) == (0, CRLF_BOM)
    stale = CRLF_BOM.replace(b'"""G."""', b'"""G.\r\n\r\n    Args:\r\n        y: Gone.\r\n    """')
    run = piped(repo, stale, "--stdin-filename", "m.py", "--fix-only", "--unsafe-fixes")
    assert run.code == 0
    assert run.out.startswith(b"\xef\xbb\xbf") and b"x (int): TODO: describe x.\r\n" in run.out
    assert b"y: Gone." not in run.out and b"\n" not in run.out.replace(b"\r\n", b"")


def test_diff_of_the_buffer(repo: Path) -> None:
    """--diff with stdin prints the patch against the named path."""
    run = piped(repo, BUFFER, "--stdin-filename", "pkg/m.py", "--diff")
    assert run.code == 1
    assert run.out.startswith(b"--- a/pkg/m.py\n+++ b/pkg/m.py\n")
    assert b"+        a (int): TODO: describe a.\n" in run.out


def test_force_exclude_and_bad_input(repo: Path) -> None:
    """An excluded name is skipped only with --force-exclude; bytes that are not UTF-8 are
    reported, not a crash; PATH arguments are refused."""
    untyped = b"def f(x):\n    return x\n"
    assert piped(repo, untyped, "--stdin-filename", "vendor/lib.py").code == 1
    skipped = piped(repo, untyped, "--stdin-filename", "vendor/lib.py", "--force-exclude", "--fix")
    assert (skipped.code, skipped.out) == (0, untyped)
    broken = piped(repo, b"x = '\xff'\n", "--stdin-filename", "m.py")
    assert broken.code == 1 and b"ML002" in broken.out and b"not valid UTF-8" in broken.out
    refused = piped(repo, untyped, "--stdin-filename", "m.py", "m.py")
    assert refused.code == 2 and "--stdin-filename checks stdin only" in refused.err


def test_fix_with_a_machine_format_leaves_stderr_to_the_report(repo: Path) -> None:
    """With --format json the report on stderr parses: no count line is mixed into it."""
    run = piped(repo, BUFFER, "--stdin-filename", "pkg/m.py", "--fix", "--format", "json")
    assert run.code == 1
    assert [f["code"] for f in json.loads(run.err)] == ["ML215", "ML215"]


def test_fixed_buffer_is_checked_where_it_would_be(repo: Path) -> None:
    """From a subdirectory, the named file's per-file-ignores hold for the fixed text too."""
    config = '[tool.ml-lint]\nextend-select = ["ML2"]\n'
    write(
        repo,
        "pyproject.toml",
        config + '[tool.ml-lint.per-file-ignores]\n"tools/run.py" = ["ML202"]\n',
    )
    untyped = BUFFER.replace(b"def f(a: int,", b"def f(a,")
    write(repo, "tools/run.py", untyped)
    run = piped(repo / "tools", untyped, "--stdin-filename", "run.py", "--fix")
    assert "fixed 2 problems" in run.err and "ML202" not in run.err
    assert b"        a: TODO: describe a.\n" in run.out


def test_closed_stdin_is_a_usage_error(repo: Path) -> None:
    """No stdin at all (``<&-``) is reported as such, with exit code 2."""
    command = f"'{sys.executable}' -m ml_lint check --stdin-filename m.py <&-"
    done = subprocess.run(["sh", "-c", command], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 2
    assert "--stdin-filename reads stdin, which is closed" in done.stderr


@pytest.mark.parametrize(("name", "what"), [("", "is empty"), (".", "is a directory")])
def test_a_stdin_filename_that_names_no_file_is_a_usage_error(
    repo: Path, name: str, what: str
) -> None:
    """The buffer must be named as a file: an empty name or a directory says so, exit 2."""
    done = piped(repo, b"x = 1\n", "--stdin-filename", name)
    assert done.code == 2
    assert f"--stdin-filename names the file the buffer is, but {name!r} {what}" in done.err
