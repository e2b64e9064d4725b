"""Private modules and test files are judged by their place in their own project.

A project's root is the deepest directory above a file that holds pyproject.toml, setup.py,
setup.cfg or .git; the directory ml-lint runs from, and the directories above the project,
decide nothing.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from support import cli, git, init_repo, write

UNDOCUMENTED = "def run(x: int) -> int:\n    return x\n"
PUBLIC = '"""Documented."""\n\n\n' + UNDOCUMENTED  # its function, on line 4, is reported
PYPROJECT = '[project]\nname = "proj"\n'


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the scratch directory."""
    monkeypatch.chdir(tmp_path)


def report(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str, int]]:
    """(path, code, line) of the ML201 findings of ``ml-lint check ARGS``."""
    result = cli(capsys, "check", *args, "--select", "ML201", "--format", "json")
    assert result.code in (0, 1), result.err
    data: list[dict[str, Any]] = json.loads(result.out)
    return [(f["path"], f["code"], f["line"]) for f in data]


def test_a_private_directory_above_the_project_hides_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check _work/proj`` from above ``_work`` reports what a run inside ``proj`` does."""
    write(tmp_path, "_work/proj/pyproject.toml", PYPROJECT)
    write(tmp_path, "_work/proj/pkg/model.py", UNDOCUMENTED)
    above = report(capsys, "_work/proj")
    monkeypatch.chdir(tmp_path / "_work" / "proj")
    inside = report(capsys, ".")
    assert inside == [("pkg/model.py", "ML201", 1)] * 2  # the module and its function
    assert above == [("_work/proj/" + path, code, line) for path, code, line in inside]


def test_a_tests_directory_above_the_project_exempts_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project kept under ``tests/`` is checked; only its own test files are exempt."""
    write(tmp_path, "tests/myproj/setup.cfg", "[metadata]\nname = myproj\n")
    write(tmp_path, "tests/myproj/lib.py", PUBLIC)
    write(tmp_path, "tests/myproj/tests/helpers.py", UNDOCUMENTED)
    write(tmp_path, "tests/myproj/test_lib.py", UNDOCUMENTED)
    write(tmp_path, "tests/myproj/conftest.py", UNDOCUMENTED)
    assert report(capsys, "tests/myproj") == [("tests/myproj/lib.py", "ML201", 4)]


def test_the_projects_own_tests_and_private_modules_stay_exempt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a project under ``_work``, ``tests/`` and ``_private.py`` are what they are inside."""
    write(tmp_path, "_work/proj/setup.py", "")
    write(tmp_path, "_work/proj/pkg/__init__.py", PUBLIC)
    write(tmp_path, "_work/proj/pkg/_impl.py", UNDOCUMENTED)
    write(tmp_path, "_work/proj/_private.py", UNDOCUMENTED)
    write(tmp_path, "_work/proj/tests/test_x.py", UNDOCUMENTED)
    write(tmp_path, "_work/proj/tests/helpers.py", UNDOCUMENTED)
    assert report(capsys, "_work") == [("_work/proj/pkg/__init__.py", "ML201", 4)]


def test_without_a_project_marker_the_path_checked_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no marker between a file and the run's directory, its path from there decides."""
    write(tmp_path, "_work/loose/mod.py", UNDOCUMENTED)
    write(tmp_path, "tests/loose/lib.py", UNDOCUMENTED)
    write(tmp_path, "_work/proj/mod.py", PUBLIC)
    init_repo(tmp_path / "_work" / "proj")  # a .git directory marks a project too
    found = report(capsys, "_work", "tests")
    assert found == [("_work/proj/mod.py", "ML201", 4)]


def test_content_not_read_from_its_file_is_placed_where_the_file_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A buffer on stdin, staged content and a notebook's cells are judged by their paths.

    Run from ``_work`` in a repository whose root is above it: reports give paths from there.
    """
    init_repo(tmp_path)
    write(tmp_path, "_work/proj/pyproject.toml", PYPROJECT)
    monkeypatch.chdir(tmp_path / "_work")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PUBLIC.encode())))
    stdin = report(capsys, "--stdin-filename", "proj/new.py")
    assert stdin == [("_work/proj/new.py", "ML201", 4)]

    cells = [new_code_cell("def area(r: float) -> float:\n    return r * r")]
    nbformat.write(new_notebook(cells=cells), tmp_path / "_work" / "proj" / "nb.ipynb")
    assert report(capsys, "proj/nb.ipynb") == [("_work/proj/nb.ipynb", "ML201", 1)]

    write(tmp_path, "_work/proj/staged.py", PUBLIC)
    git(tmp_path, "add", "_work/proj/staged.py")
    write(tmp_path, "_work/proj/staged.py", '"""Documented."""\n')  # not what is checked
    assert report(capsys, "--staged") == [("_work/proj/staged.py", "ML201", 4)]


def test_a_marker_added_between_runs_is_seen_through_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unchanged files are checked again when a new project marker places them elsewhere."""
    write(tmp_path, "_work/proj/model.py", PUBLIC)
    assert report(capsys, "_work/proj") == []  # private: no project marker yet
    write(tmp_path, "_work/proj/pyproject.toml", PYPROJECT)
    assert report(capsys, "_work/proj") == [("_work/proj/model.py", "ML201", 4)]
