"""``check --add-ignores``: a suppression comment for every finding, so the next run is clean.

Each test runs the real CLI on files in a real git repository.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from support import cli, init_repo, write

DOCSTRING = (
    'def f(a: int) -> int:\n    """Do it.\n\n    Args:\n        a: A.\n        b: Gone.\n\n'
    '    returns:\n        A.\n    """\n    return a\n'
)
CRLF_BOM = b'\xef\xbb\xbf"""Mod."""\r\nif True:\r\n\tx = 1\r\n'  # a tab: ML011
CONTINUED = '"""Mod."""\nz = 2  # ml-lint: ignore[ML010]\nif z:\n\tw = 1 + \\\n        2\n\tpass\n'
SELECT = ("--extend-select", "ML2", "--no-cache")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with findings in a docstring, a CRLF file with a BOM, and a notebook."""
    root = init_repo(tmp_path / "repo")
    write(root, "pkg/doc.py", '"""Mod."""\n\n\n' + DOCSTRING)
    write(root, "pkg/crlf.py", CRLF_BOM)
    write(root, "pkg/continued.py", CONTINUED)
    write(root, "pkg/broken.py", "def broken(:\n")
    cell = new_code_cell("if True:\n\tx = 1")
    write(root, "run.ipynb", nbformat.writes(new_notebook(cells=[cell])))
    monkeypatch.chdir(root)
    return root


def test_the_next_run_reports_only_what_no_comment_can_cover(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Comments go where they work; what is left is counted; only comments are added."""
    before = {path: path.read_bytes() for path in repo.glob("pkg/*.py")}
    run = cli(capsys, "check", *SELECT, "--add-ignores")
    assert run.code == 0, run.err
    assert "added 4 suppression comments for 4 problems in 3 files" in run.err
    assert "5 problems left" in run.err  # 2 of the notebook, 1 of its cell, broken, continued
    doc = (repo / "pkg/doc.py").read_text(encoding="utf-8")
    assert "def f(a: int) -> int:  # ml-lint: ignore[ML204]\n" in doc
    assert '    """  # ml-lint: ignore[ML236]\n' in doc  # after the docstring it is inside
    assert (repo / "pkg/crlf.py").read_bytes() == CRLF_BOM.replace(
        b"\tx = 1\r\n", b"\tx = 1  # ml-lint: ignore[ML011]\r\n"
    )
    continued = (repo / "pkg/continued.py").read_text(encoding="utf-8")
    assert continued == CONTINUED.replace("\tpass\n", "\tpass  # ml-lint: ignore[ML011]\n")
    for path, old in before.items():
        if path.name != "broken.py":
            assert ast.dump(ast.parse(path.read_bytes())) == ast.dump(ast.parse(old)), path
    assert (repo / "pkg/broken.py").read_bytes() == before[repo / "pkg/broken.py"]

    left = cli(capsys, "check", *SELECT, "--format", "json", "--report-unused-ignores")
    assert [(f["path"], f["cell"], f["line"], f["code"]) for f in json.loads(left.out)] == [
        ("pkg/broken.py", None, 1, "ML003"),
        ("pkg/continued.py", None, 2, "ML004"),  # the fixture's own unused suppression
        ("pkg/continued.py", None, 4, "ML011"),  # continued by a backslash
        ("run.ipynb", None, 1, "ML311"),
        ("run.ipynb", 1, 1, "ML310"),
        ("run.ipynb", 1, 2, "ML011"),
    ]
    again = cli(capsys, "check", *SELECT, "--add-ignores")
    assert "added 0 suppression comments" in again.err
    assert (repo / "pkg/doc.py").read_text(encoding="utf-8") == doc


def test_codes_join_the_directive_a_line_has(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A line with ``ignore[ML010]`` gets ``ignore[ML010, ML011]``, not a second comment."""
    write(repo, "pkg/tabs.py", '"""Mod."""\nif True:\n\tx = 1  # note  # ml-lint: ignore[ML010]\n')
    assert cli(capsys, "check", "pkg/tabs.py", *SELECT, "--add-ignores").code == 0
    text = (repo / "pkg/tabs.py").read_text(encoding="utf-8")
    assert text.endswith("\tx = 1  # note  # ml-lint: ignore[ML010, ML011]\n")


def test_unused_suppressions_are_counted_apart_from_what_is_left(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --report-unused-ignores the stale directives are to remove, not to per-file-ignore."""
    run = cli(
        capsys, "check", "pkg/continued.py", *SELECT, "--add-ignores", "--report-unused-ignores"
    )
    assert run.code == 0, run.err
    assert "1 problem left where no line comment can cover them" in run.err  # the backslash
    assert "1 unused or malformed suppression comment (ML004) left; remove or correct" in run.err


@pytest.mark.parametrize("option", ["--fix", "--diff", "--staged", "--statistics"])
def test_add_ignores_refuses_other_modes(
    repo: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    """Adding comments is a run of its own: combined with another mode it is a usage error."""
    before = (repo / "pkg/doc.py").read_bytes()
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, "check", "--add-ignores", option)
    assert exit_.value.code == 2
    assert "--add-ignores writes comments into the files only" in capsys.readouterr().err
    assert (repo / "pkg/doc.py").read_bytes() == before


LONG = "x " * 60  # a line of words past the limit


@pytest.mark.parametrize(
    ("text", "expected", "left"),
    [
        (  # a string joined after the closing quotes: the comment still covers the string
            f'u = """\n{LONG}\n""" + "tail"\n',
            f'u = """\n{LONG}\n""" + "tail"  # ml-lint: ignore[ML010]\n',
            0,
        ),
        (  # two multi-line strings joined on a line: one range, one comment at its end
            f't = """\n{LONG}\n""" + """\nd"""\nv = "{LONG}"\n',
            f't = """\n{LONG}\n""" + """\nd"""  # ml-lint: ignore[ML010]\n'
            f'v = "{LONG}"  # ml-lint: ignore[ML010]\n',
            0,
        ),
        (  # a directive for the whole file is not widened; the line's finding is left
            f"# ml-lint: ignore-file[ML011]  # {LONG}\na = 1\n",
            f"# ml-lint: ignore-file[ML011]  # {LONG}\na = 1\n",
            1,
        ),
        (  # a malformed directive would hide a new one: the line's finding is left
            f'y = "{LONG}"  # ml-lint: ignore[ML011] because\n',
            f'y = "{LONG}"  # ml-lint: ignore[ML011] because\n',
            1,
        ),
        (  # a comment on a #! line would become part of the interpreter's name
            f"#!/usr/bin/env python3 {LONG}\nprint('hi')\n",
            f"#!/usr/bin/env python3 {LONG}\nprint('hi')\n",
            1,
        ),
    ],
)
def test_comments_go_only_where_they_work(
    repo: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str, left: int
) -> None:
    """Each case: the file as written, then what the next run reports besides ML004."""
    write(repo, "pkg/case.py", text)
    run = cli(capsys, "check", "pkg/case.py", "--select", "ML010", "--no-cache", "--add-ignores")
    assert run.code == 0, run.err
    assert (repo / "pkg/case.py").read_text(encoding="utf-8") == expected
    assert (f"{left} problem left" in run.err) == (left == 1), run.err
    after = cli(capsys, "check", "pkg/case.py", "--select", "ML010,ML004", "--no-cache")
    assert after.out.count(": ML010 ") == left and "is unused" not in after.out, after.out
    again = cli(capsys, "check", "pkg/case.py", "--select", "ML010", "--add-ignores")
    assert "added 0 suppression comments" in again.err


def test_a_file_and_its_symbolic_link_are_edited_once(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The count says what was written: one comment in one file."""
    write(repo, "pkg/real.py", f'c = "{LONG}"\n')
    (repo / "pkg/link.py").symlink_to("real.py")
    run = cli(capsys, "check", "pkg/real.py", "pkg/link.py", "--select", "ML010", "--add-ignores")
    assert "added 1 suppression comment for 2 problems in 1 file" in run.err
    assert (repo / "pkg/real.py").read_text(encoding="utf-8").count("ml-lint: ignore") == 1
