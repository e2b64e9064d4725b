"""The ml-lint command line: exit codes, selection, discovery, suppressions and subcommands."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import Run, cli, cli_subprocess, commit_all, git, init_repo, write

import ml_lint
import ml_lint.checks.style as style_checks
from ml_lint import gitutil, registry
from ml_lint.config import DEFAULT_EXCLUDES, Config
from ml_lint.model import Finding
from ml_lint.source import SourceFile

LONG_LINE = "s = '" + "é" * 20 + "x" * 94 + "'"  # 120 characters
TABBED = "if True:\n\tx = 1\n"  # ML011 on line 2


def plain_dir(tmp_path: Path, name: str) -> Path:
    """A directory that is not inside any git repository."""
    root = tmp_path / name
    root.mkdir()
    assert gitutil.find_repo(str(root)) is None, "tmp_path is inside a git repository"
    return root


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    """``ml-lint check ARGS --format json``, parsed."""
    run = cli(capsys, "check", *args, "--format", "json")
    assert run.code in (0, 1), run.err
    data: list[dict[str, Any]] = json.loads(run.out)
    return data


def where(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int, str]]:
    """(path, line, code) of every finding of ``ml-lint check ARGS``."""
    return [(f["path"], f["line"], f["code"]) for f in findings(capsys, *args)]


def checked_paths(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """The files a run reports on, when every file has exactly one ML011 finding."""
    return [f["path"] for f in findings(capsys, *args, "--select", "ML011")]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository on main, as the current directory."""
    root = init_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def pyproject(root: Path, body: str) -> Path:
    """Write ``pyproject.toml`` with ``body`` at ``root``."""
    return write(root, "pyproject.toml", body)


# --- exit codes --------------------------------------------------------------------------


def test_exit_codes_in_process(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """0 for a clean tree, 1 with findings, 0 again with --exit-zero."""
    write(repo, "ok.py", "OK = 1\n")
    clean = cli(capsys, "check")
    assert (clean.code, clean.err) == (0, "")
    assert clean.out.startswith("All checks passed (1 file")
    write(repo, "long.py", LONG_LINE + "\n")
    assert cli(capsys, "check").code == 1
    exit_zero = cli(capsys, "check", "--exit-zero")
    assert exit_zero.code == 0
    assert "long.py:1:101: ML010" in exit_zero.out


def test_exit_codes_subprocess(tmp_path: Path) -> None:
    """`python -m ml_lint` exits 0 clean, 1 with findings and 2 on a usage error."""
    root = init_repo(tmp_path / "proc")
    write(root, "ok.py", "OK = 1\n")
    clean = cli_subprocess(root, "check")
    assert (clean.code, clean.err) == (0, "")
    assert clean.out.startswith("All checks passed (1 file")
    write(root, "tabs.py", TABBED)
    dirty = cli_subprocess(root, "check")
    assert dirty.code == 1
    assert dirty.out.startswith("tabs.py:2:1: ML011 [tab-indentation] ")
    assert "\x1b[" not in dirty.out
    missing = cli_subprocess(root, "check", "missing_dir")
    assert missing.code == 2
    assert missing.out == ""
    assert missing.err == f"ml-lint: error: no such file or directory: {root / 'missing_dir'}\n"
    usage = cli_subprocess(root, "check", "--format", "xml")
    assert usage.code == 2
    assert "invalid choice: 'xml'" in usage.err
    version = cli_subprocess(root, "--version")
    assert (version.code, version.out) == (0, f"ml-lint {ml_lint.__version__}\n")


ERROR_CASES: list[tuple[str, str | None, list[str], list[str]]] = [
    (
        "unknown-key",
        '[tool.ml-lint]\nselect = ["ML010"]\nmax-line-lenght = 3\n',
        [],
        [
            "unknown key 'max-line-lenght' in [tool.ml-lint]",
            "valid keys: branches, commits, docstrings, exclude, extend-exclude, extend-select, "
            "force-exclude, ignore, notebooks, per-file-ignores, secrets, select, style",
        ],
    ),
    (
        "unknown-family-key",
        "[tool.ml-lint.style]\nmax-length = 3\n",
        [],
        ["unknown key 'max-length' in [tool.ml-lint.style]", "valid keys: max-line-length"],
    ),
    (
        "negative-length",
        "[tool.ml-lint.style]\nmax-line-length = -1\n",
        [],
        ["max-line-length must be a positive number, got -1"],
    ),
    (
        "unknown-rule-in-select",
        '[tool.ml-lint]\nselect = ["lien-too-long"]\n',
        [],
        ["select in [tool.ml-lint] in ", "unknown rule 'lien-too-long'.", "'line-too-long'"],
    ),
    (
        "unknown-code-in-ignore",
        '[tool.ml-lint]\nignore = ["ML0100"]\n',
        [],
        ["ignore in [tool.ml-lint]", "Did you mean 'ML010'", "`ml-lint rules` lists every rule"],
    ),
    (
        "unknown-rule-on-command-line",
        None,
        ["--select", "ML010,ML9"],
        ["--select on the command line: unknown rule 'ML9'."],
    ),
    (
        "invalid-toml",
        "[tool.ml-lint]\nselect = [\n",
        [],
        ["pyproject.toml is not valid TOML:"],
    ),
    (
        "wrong-option-type",
        '[tool.ml-lint.style]\nmax-line-length = "100"\n',
        [],
        ["[tool.ml-lint.style]", "max-line-length must be int, got '100'"],
    ),
    (
        "bool-is-not-int",
        "[tool.ml-lint.branches]\nmax-length = true\n",
        [],
        ["max-length must be int, got True"],
    ),
    (
        "wrong-list-type",
        "[tool.ml-lint]\nexclude = [1]\n",
        [],
        ["exclude must be a list of strings, got [1]"],
    ),
    (
        "missing-config-file",
        None,
        ["--config", "nowhere/pyproject.toml"],
        ["config file not found: nowhere/pyproject.toml"],
    ),
    (
        "bad-commit-range",
        None,
        ["--commits", "no-such-rev..HEAD"],
        ["cannot read commits 'no-such-rev..HEAD'"],
    ),
    (
        "nonexistent-path",
        None,
        ["does/not/exist.py"],
        ["no such file or directory:", "does/not/exist.py"],
    ),
]


@pytest.mark.parametrize(
    ("toml", "args", "expected"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_usage_errors_exit_2(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    toml: str | None,
    args: list[str],
    expected: list[str],
) -> None:
    """Configuration, selection, git and path errors exit 2 with a clear message on stderr."""
    write(repo, "long.py", LONG_LINE + "\n")
    commit_all(repo, "feat: add long module")
    if toml is not None:
        pyproject(repo, toml)
    run = cli(capsys, "check", *args)
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("ml-lint: error: ")
    for text in expected:
        assert text in run.err


@pytest.mark.parametrize(
    "args",
    [["check", "--commits", ""], ["check", "--branch", " "], ["secrets", "--history", ""]],
)
def test_an_empty_range_or_branch_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """``--commits "$RANGE"`` with the variable unset fails loudly instead of passing."""
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, *args)
    assert exit_.value.code == 2
    assert f"error: {args[1]} is empty" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--commits=--output=victim.txt"],
        ["check", "--commits", "--parents HEAD~1..HEAD"],
        ["check", "--commits", "--objects HEAD"],
        ["secrets", "--history=--output=victim.txt"],
    ],
)
def test_a_range_holding_a_git_option_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """A word of a range that git would take as one of its own options (``--output=FILE``
    truncates a file) is refused before git runs; the revisions around it are not read."""
    write(repo, "a.py", "x = 1\n")
    commit_all(repo, "bad subject")
    commit_all(repo, "feat: ok")
    victim = write(repo, "victim.txt", "IMPORTANT\n")

    run = cli(capsys, *args)

    assert run.code == 2 and run.out == ""
    assert "is not a revision; a range takes revisions" in run.err
    assert victim.read_text(encoding="utf-8") == "IMPORTANT\n"


def test_a_range_may_hold_not_and_remotes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--not`` and ``--all``-like words select commits, as in the pre-push hook's ranges."""
    write(repo, "a.py", "x = 1\n")
    commit_all(repo, "bad subject")
    assert cli(capsys, "check", "--commits", "HEAD --not --branches=ma*").code == 0
    assert cli(capsys, "check", "--commits=--all").code == 1


def test_a_selection_of_nothing_is_an_error_or_a_warning(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--select ""`` names no rule (exit 2); an empty intersection checks nothing, loudly."""
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, "check", "--select", ",,")
    assert exit_.value.code == 2
    assert "--select names no rule" in capsys.readouterr().err
    run = cli(capsys, "check", "--only", "ML1", "--select", "ML010")
    assert run.err == "ml-lint: warning: no rule is selected; nothing is checked\n"


def test_commits_outside_git_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--commits outside a repository exits 2 and says a repository is needed."""
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    run = cli(capsys, "check", "--commits", "HEAD")
    assert (run.code, run.err) == (2, "ml-lint: error: --commits needs a git repository\n")


@pytest.mark.parametrize(
    "toml",
    ['[tool."ml-lint"]\nselect = ["ML011"]\n', '[tool]\nml-lint.select = ["ML011"]\n'],
    ids=["quoted-key", "dotted-key"],
)
def test_config_table_spelled_differently_is_read(
    repo: Path, capsys: pytest.CaptureFixture[str], toml: str
) -> None:
    """Every TOML spelling of the [tool.ml-lint] table is honoured."""
    write(repo, "both.py", "if True:\n\tx = 1\n" + LONG_LINE + "\n")
    pyproject(repo, toml)
    assert where(capsys) == [("both.py", 2, "ML011")]


# --- selection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "args", "expected"),
    [
        (None, [], ["ML011", "ML010"]),
        (None, ["--select", "ML010"], ["ML010"]),
        (None, ["--select", "ML010,tab-indentation"], ["ML011", "ML010"]),
        (None, ["--select", "ML0", "--ignore", "ML011"], ["ML010"]),
        (None, ["--ignore", "line-too-long", "--ignore", "ML011"], []),
        (None, ["--select", "ALL", "--ignore", "ML01,ML2"], []),
        ('[tool.ml-lint]\nselect = ["ML011"]\n', [], ["ML011"]),
        ('[tool.ml-lint]\nselect = ["ML011"]\n', ["--extend-select", "ML010"], ["ML011", "ML010"]),
        ('[tool.ml-lint]\nselect = ["ML011"]\n', ["--select", "ML010"], ["ML010"]),
        ('[tool.ml-lint]\nignore = ["ML010"]\n', [], ["ML011"]),
        ('[tool.ml-lint]\nextend-select = ["ML010"]\nselect = ["ML1"]\n', [], ["ML010"]),
        ("[tool.ml-lint.style]\nmax-line-length = 120\n", [], ["ML011"]),
    ],
    ids=[
        "default",
        "select",
        "select-comma",
        "select-prefix-ignore",
        "ignore-twice",
        "all-minus-prefix",
        "config-select",
        "cli-extend-select",
        "cli-select-replaces-config",
        "config-ignore",
        "config-extend-select",
        "max-line-length",
    ],
)
def test_rule_selection(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    toml: str | None,
    args: list[str],
    expected: list[str],
) -> None:
    """--select, --ignore, --extend-select and their config keys pick the reported rules."""
    write(repo, "both.py", "if True:\n\tx = 1\n" + LONG_LINE + "\n")
    if toml is not None:
        pyproject(repo, toml)
    assert [code for _path, _line, code in where(capsys, *args)] == expected


def test_per_file_ignores_globs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """per-file-ignores globs drop the named rules only in matching files."""
    pyproject(
        repo,
        "[tool.ml-lint.per-file-ignores]\n"
        '"tests/*" = ["line-too-long"]\n'
        '"*_gen.py" = ["ALL"]\n'
        '"legacy/old.py" = ["ML011"]\n',
    )
    content = "if True:\n\tx = 1\n" + LONG_LINE + "\n"
    for name in ("tests/test_a.py", "pkg/model_gen.py", "legacy/old.py", "pkg/core.py"):
        write(repo, name, content)
    assert where(capsys) == [
        ("legacy/old.py", 3, "ML010"),
        ("pkg/core.py", 2, "ML011"),
        ("pkg/core.py", 3, "ML010"),
        ("tests/test_a.py", 2, "ML011"),
    ]


def test_per_file_ignores_relative_to_config_dir(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Globs are relative to the pyproject.toml's directory, not the repository root."""
    pyproject(repo / "svc", '[tool.ml-lint.per-file-ignores]\n"gen/*" = ["ML011"]\n')
    write(repo, "svc/gen/a.py", TABBED)
    write(repo, "svc/app.py", TABBED)
    monkeypatch.chdir(repo / "svc")
    assert where(capsys) == [("svc/app.py", 2, "ML011")]


def test_exclude_and_extend_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """extend-exclude adds to the default excludes; exclude replaces them."""
    for name in ("src/a.py", "generated/g.py", "docs/conf.py", "tools/ok.py", "build/b.py"):
        write(repo, name, TABBED)
    pyproject(repo, '[tool.ml-lint]\nextend-exclude = ["generated", "docs/*.py"]\n')
    assert checked_paths(capsys) == ["src/a.py", "tools/ok.py"]
    pyproject(repo, '[tool.ml-lint]\nexclude = ["generated"]\n')
    assert checked_paths(capsys) == [
        "build/b.py",
        "docs/conf.py",
        "src/a.py",
        "tools/ok.py",
    ]


def test_explicit_file_wins_over_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named on the command line is checked even when excluded or git-ignored."""
    pyproject(repo, '[tool.ml-lint]\nextend-exclude = ["generated"]\n')
    write(repo, ".gitignore", "ignored.py\n")
    for name in ("generated/g.py", "build/b.py", "ignored.py", "src/a.py"):
        write(repo, name, TABBED)
    assert checked_paths(capsys) == ["src/a.py"]
    explicit = ("generated/g.py", "build/b.py", "ignored.py")
    assert checked_paths(capsys, *explicit) == ["build/b.py", "generated/g.py", "ignored.py"]


def test_explicit_directory_wins_over_exclude(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory named on the command line is checked even when excluded."""
    write(repo, "build/b.py", TABBED)
    assert checked_paths(capsys, "build") == ["build/b.py"]


def test_named_directory_git_lists_nothing_under_is_walked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A named directory that git ignores, or one outside the repository, is still checked."""
    write(repo, ".gitignore", "data/\n")
    write(repo, "data/prep.py", TABBED)
    write(repo, "src/a.py", TABBED)
    outside = repo.parent / "elsewhere"
    write(outside, "tool.py", TABBED)
    assert checked_paths(capsys) == ["src/a.py"]  # the whole repository: git's view
    assert checked_paths(capsys, "data") == ["data/prep.py"]
    assert checked_paths(capsys, "src", "data") == ["data/prep.py", "src/a.py"]
    assert checked_paths(capsys, str(outside)) == ["../elsewhere/tool.py"]


def test_named_repository_nested_in_the_work_tree_is_walked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git lists an untracked nested repository as `inner/`: named, its files are checked."""
    write(repo, "src/a.py", TABBED)
    init_repo(repo / "inner")
    write(repo, "inner/leak.py", TABBED)
    assert checked_paths(capsys) == ["src/a.py"]  # not this repository's files
    assert checked_paths(capsys, "inner") == ["inner/leak.py"]
    pyproject(repo, "[tool.ml-lint]\nexclude = []\n")  # .git is never walked, excluded or not
    from ml_lint import config, discover

    walked = discover.find_files(["inner"], config.load(str(repo)), str(repo))
    assert [os.path.relpath(path, repo) for path in walked] == ["inner/leak.py"]


def bare_clone(repo: Path, bare: Path) -> Path:
    """``git clone --bare`` of ``repo`` at ``bare``, with a Python hook holding a tab, as a
    server's hooks may be: checked as the project's code, it would be a finding."""
    git(repo.parent, "clone", "-q", "--bare", str(repo), str(bare))
    write(bare, "hooks/post-receive.py", TABBED)
    return bare


def test_a_bare_repository_has_no_work_tree_to_check(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file scan in a bare repository is a usage error; its commits are checked."""
    write(repo, "src/a.py", TABBED)
    commit_all(repo, "Bad subject")
    bare = bare_clone(repo, repo.parent / "mirror.git")
    for where_from, what in ((bare, f"{bare} is"), (bare / "refs", f"{bare / 'refs'} is in")):
        monkeypatch.chdir(where_from)
        for args in (["check"], ["check", "."], ["secrets"], ["check", "--staged"]):
            run = cli(capsys, *args, "--no-cache")
            assert run.code == 2, (args, run)
            assert run.err.startswith(f"ml-lint: error: {what}"), run.err
            assert "bare git repository: it has no work tree, so no files to check" in run.err
        run = cli(capsys, "check", "--commits", "HEAD")
        assert run.code == 1, run.err
        assert ": ML101 " in run.out
    run = cli(capsys, "install-hooks")  # no commit is made there: no hook to install
    assert (run.code, run.err) == (
        2,
        f"ml-lint: error: install-hooks must run in a work tree: {bare} is a bare git repository\n",
    )
    assert not (bare / ".ml_lint_cache").exists() and not (bare / "hooks/pre-commit").exists()


def test_gits_own_directory_is_not_walked(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`.git` named, or the current directory inside it: a usage error, not git's files."""
    write(repo, "src/a.py", TABBED)
    commit_all(repo, "feat: add a")
    write(repo, ".git/hooks/post-commit.py", TABBED)
    run = cli(capsys, "check", ".git", "--no-cache")
    assert run.code == 2
    assert run.err == (
        f"ml-lint: error: {repo / '.git'} is git's own directory, not the work tree: name the "
        "work tree's files or directories instead\n"
    )
    monkeypatch.chdir(repo / ".git/hooks")
    run = cli(capsys, "check", "--no-cache")
    assert run.code == 2
    assert run.err.startswith(f"ml-lint: error: {repo / '.git/hooks'} is in {repo / '.git'}, ")
    assert cli(capsys, "check", "post-commit.py", "--no-cache").code == 1  # a file named: read


def test_a_bare_repository_in_the_tree_is_not_checked(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """git lists an untracked bare repository's files, and a walk would enter it: neither is
    checked, as `.git` is not."""
    write(repo, "src/a.py", TABBED)
    commit_all(repo, "feat: add a")
    bare_clone(repo, repo / "mirror.git")
    assert checked_paths(capsys, "--no-cache") == ["src/a.py"]
    plain = plain_dir(tmp_path, "plain")
    write(plain, "tool.py", TABBED)
    bare_clone(repo, plain / "mirrors/project.git")
    monkeypatch.chdir(plain)
    assert checked_paths(capsys, "--no-cache") == ["tool.py"]
    assert checked_paths(capsys, "mirrors", "--no-cache") == []
    monkeypatch.chdir(repo)  # a directory outside the repository, walked
    assert checked_paths(capsys, str(plain), "--no-cache") == ["../plain/tool.py"]


def test_a_file_a_thousand_directories_deep_is_found(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Looking for cache directories above a file walks its parents in a loop, not by recursion."""
    depth = 1200
    here = os.getcwd()
    try:
        for _ in range(depth):
            os.mkdir("a")
            os.chdir("a")
        write(Path.cwd(), "m.py", TABBED)
        os.chdir(here)
        git(repo, "add", "-A")
        assert [line for _, line, code in where(capsys) if code == "ML011"] == [2]
    finally:  # removed here, a level at a time: shutil.rmtree would recurse too deep
        os.chdir(here)
        for level in range(depth, 0, -1):
            deepest = os.path.join(*["a"] * level)
            with contextlib.suppress(OSError):
                os.remove(os.path.join(deepest, "m.py"))
            with contextlib.suppress(OSError):
                os.rmdir(deepest)


def test_force_exclude_holds_for_named_paths(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --force-exclude (or force-exclude = true) named files and directories are excluded.

    What pre-commit does: it names every staged file, excluded or not.
    """
    pyproject(repo, '[tool.ml-lint]\nextend-exclude = ["generated"]\n')
    for name in ("generated/g.py", "build/b.py", "src/a.py"):
        write(repo, name, TABBED)
    named = ("generated/g.py", "build/b.py", "src/a.py")
    assert checked_paths(capsys, *named, "--force-exclude") == ["src/a.py"]
    assert checked_paths(capsys, "build", "src", "--force-exclude") == ["src/a.py"]
    git(repo, "add", "-A")
    staged = cli(capsys, "check", "--staged", *named, "--force-exclude", "--format", "json")
    assert sorted({f["path"] for f in json.loads(staged.out)}) == ["src/a.py"]
    token = "gh" + "p_" + "Zq8RtY3uVw9XkL2mN7bC4dF6gH1jK5pQ0sTa"  # split: no file holds it
    write(repo, "generated/keys.py", f'TOKEN = "{token}"\n')
    assert cli(capsys, "secrets", "generated/keys.py").code == 1
    assert cli(capsys, "secrets", "generated/keys.py", "--force-exclude").code == 0
    pyproject(repo, '[tool.ml-lint]\nextend-exclude = ["generated"]\nforce-exclude = true\n')
    assert checked_paths(capsys, *named) == ["src/a.py"]
    config = json.loads(cli(capsys, "config", "--format", "json").out)
    assert config["force-exclude"] is True
    pyproject(repo, '[tool.ml-lint]\nforce-exclude = "yes"\n')
    run = cli(capsys, "check", "src/a.py")
    assert run.code == 2
    assert "force-exclude must be true or false, got 'yes'" in run.err


# --- parallelism -------------------------------------------------------------------------


def test_jobs_output_identical(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs 2 (and 0, all CPUs) print byte-identical reports to --jobs 1 on 40 files."""
    for i in range(40):
        lines = [f'"""Module {i}."""', f"VALUE_{i} = {i}"]
        if i % 3 == 0:
            lines.append(LONG_LINE)
        if i % 4 == 0:
            lines += ["if True:", "\tx = 1"]
        if i % 13 == 0:
            lines.append("def broken(:")
        write(repo, f"pkg{i % 5}/mod_{i:02d}.py", "\n".join(lines) + "\n")
    for fmt in ("json", "text"):
        serial = cli(capsys, "check", "--jobs", "1", "--format", fmt)
        assert serial.code == 1
        for jobs in ("2", "0"):
            assert cli(capsys, "check", "--jobs", jobs, "--format", fmt) == serial
    data = findings(capsys, "-j", "2")
    assert {f["path"] for f in data} >= {"pkg0/mod_00.py", "pkg3/mod_03.py", "pkg4/mod_04.py"}
    assert sum(f["code"] == "ML003" for f in data) == 4


# --- discovery ---------------------------------------------------------------------------


def test_discovery_in_git(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In git: tracked and untracked-not-ignored files are checked, ignored ones are not."""
    write(repo, ".gitignore", "ignored.py\nignored_dir/\n")
    write(repo, "tracked.py", TABBED)
    commit_all(repo, "feat: add tracked")
    write(repo, "untracked.py", TABBED)
    write(repo, "ignored.py", TABBED)
    write(repo, "ignored_dir/x.py", TABBED)
    write(repo, "sub/new.py", TABBED)
    write(repo, "data.txt", "\tnot python\n")
    write(repo, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert checked_paths(capsys) == ["sub/new.py", "tracked.py", "untracked.py"]
    assert checked_paths(capsys, "sub") == ["sub/new.py"]


def test_discovery_keeps_a_carriage_return_in_a_file_name(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git's list is read as bytes: a \r in a name is not turned into \n, and the file is found."""
    write(repo, "odd\rname.py", TABBED)
    assert checked_paths(capsys) == ["odd\rname.py"]


def test_discovery_deleted_tracked_file_is_skipped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tracked file deleted from the work tree is not an error."""
    write(repo, "gone.py", TABBED)
    write(repo, "kept.py", TABBED)
    commit_all(repo, "feat: add files")
    (repo / "gone.py").unlink()
    assert checked_paths(capsys) == ["kept.py"]


def test_discovery_from_subdirectory(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from a subdirectory, only files below it are checked, with repo-relative paths."""
    write(repo, "top.py", TABBED)
    write(repo, "pkg/inner.py", TABBED)
    monkeypatch.chdir(repo / "pkg")
    assert checked_paths(capsys) == ["pkg/inner.py"]


def test_discovery_outside_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside git the walk skips .venv, node_modules, build and other default excludes."""
    root = plain_dir(tmp_path, "plain")
    for directory in (".venv", "venv", "node_modules", "build", "dist", "__pycache__", "src"):
        write(root, f"{directory}/m.py", TABBED)
    write(root, "src/deep/build/x.py", TABBED)
    write(root, "top.py", TABBED)
    monkeypatch.chdir(root)
    assert checked_paths(capsys) == ["src/m.py", "top.py"]


def test_named_paths_that_are_no_files_are_reported(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A named FIFO or broken link is one ML002 each; the FIFO is never waited on."""
    monkeypatch.chdir(repo)
    os.symlink("missing.py", repo / "broken.py")
    os.mkfifo(repo / "pipe.py")
    for command in ("check", "secrets"):
        run = cli(capsys, command, "broken.py", "pipe.py", "--no-cache")
        assert run.code == 1, run.err
        assert [line for line in run.out.splitlines() if ": ML" in line] == [
            "broken.py:1:1: ML002 [unreadable-file] cannot read file: a broken symbolic link "
            "(to missing.py)",
            "pipe.py:1:1: ML002 [unreadable-file] cannot read file: not a regular file "
            "(a FIFO, socket or device)",
        ]


@pytest.mark.parametrize("in_git", [True, False])
def test_a_directory_that_cannot_be_read_is_reported(tmp_path: Path, in_git: bool) -> None:
    """A file or directory nobody may read fails the scan (ML002) instead of passing unseen."""
    root = init_repo(tmp_path / "repo") if in_git else plain_dir(tmp_path, "plain")
    write(root, "d/s.py", "x = 1\n")
    write(root, "c.yaml", "key: value\n").chmod(0)
    write(root, "pyproject.toml", '[tool.ml-lint]\nextend-exclude = ["data"]\n')
    write(root, "data/x.csv", "1\n")  # excluded: not reported, readable or not
    command = [sys.executable, "-m", "ml_lint", "secrets", "--no-cache"]
    if os.geteuid() == 0:  # root reads anything: run without the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
        caps = "-dac_override,-dac_read_search"
        command = [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", *command]
    (root / "d").chmod(0)
    (root / "data").chmod(0)
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)
    finally:
        (root / "d").chmod(0o755)
        (root / "data").chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert [line for line in done.stdout.splitlines() if ": ML" in line] == [
        "c.yaml:1:1: ML002 [unreadable-file] cannot read file: Permission denied",
        "d:1:1: ML002 [unreadable-file] cannot read this directory: Permission denied; "
        "the files in it were not checked",
    ]


def test_symlinks_out_of_tree_not_followed_outside_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside git, symlinks to files or directories outside the tree are not followed."""
    outside = plain_dir(tmp_path, "outside")
    write(outside, "o.py", TABBED)
    write(outside, "pkg/p.py", TABBED)
    root = plain_dir(tmp_path, "plain")
    write(root, "src/m.py", TABBED)
    (root / "link.py").symlink_to(outside / "o.py")
    (root / "linkdir").symlink_to(outside / "pkg", target_is_directory=True)
    (root / "inside_link.py").symlink_to(root / "src" / "m.py")
    monkeypatch.chdir(root)
    assert checked_paths(capsys) == ["inside_link.py", "src/m.py"]


def test_symlinks_out_of_tree_not_followed_in_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In git, a tracked symlink leading out of the repository is not followed."""
    outside = plain_dir(tmp_path, "outside")
    write(outside, "o.py", TABBED)
    root = init_repo(tmp_path / "repo")
    write(root, "src/m.py", TABBED)
    (root / "link.py").symlink_to(outside / "o.py")
    (root / "rel_link.py").symlink_to(Path("..") / "outside" / "o.py")
    (root / "linkdir").symlink_to(outside, target_is_directory=True)
    commit_all(root, "feat: add links")
    assert "link.py" in git(root, "ls-files")
    monkeypatch.chdir(root)
    assert checked_paths(capsys) == ["src/m.py"]


# --- rules, rule, config -----------------------------------------------------------------


def test_rules_text_lists_every_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rules` prints one line per rule: code, name and summary."""
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    run = cli(capsys, "rules")
    assert run.code == 0
    lines = run.out.splitlines()
    all_rules = registry.all_rules()
    assert len(lines) == len(all_rules) >= 21
    for line, rule in zip(lines, all_rules, strict=True):
        assert line.split()[:2] == [rule.code, rule.name]
        marks = (" [fix]" if rule.fixable else "") + (" [preview]" if rule.preview else "")
        assert line.endswith(rule.summary + marks)
    assert {"ML001", "ML010", "ML101", "ML121"} <= {rule.code for rule in all_rules}


def test_rules_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """`rules --format json` gives every rule with all of its metadata."""
    run = cli(capsys, "rules", "--format", "json")
    assert run.code == 0
    data = json.loads(run.out)
    assert [item["code"] for item in data] == [rule.code for rule in registry.all_rules()]
    for item in data:
        rule = registry.get(item["code"])
        assert item == {**rule._asdict(), "family": rule.code[:3]}
    by_code = {item["code"]: item for item in data}
    assert by_code["ML010"]["name"] == "line-too-long"
    assert by_code["ML004"]["severity"] == "warning"
    assert by_code["ML121"]["family"] == "ML1"


def test_rules_markdown_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`rules --format markdown` is a table with a row per rule."""
    run = cli(capsys, "rules", "--format", "markdown")
    rows = run.out.splitlines()
    assert rows[0] == "| code | name | summary | guide section | fix |"
    assert len(rows) == 2 + len(registry.all_rules())
    assert "| ML010 | `line-too-long` |" in run.out


def test_rule_commit_header_examples_fail_and_pass(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rule ML101` shows a failing and a passing example, and they really fail and pass."""
    run = cli(capsys, "rule", "ML101")
    assert run.code == 0
    assert run.out.startswith(
        "ML101 commit-header-format: The subject line is not `type(scope): description`.\n"
    )
    assert "Fails:\n    Added multi-head attention\n" in run.out
    assert "Passes:\n    feat(transformers): add multi-head attention implementation\n" in run.out
    assert "add 'commit-header-format' to `ignore` in [tool.ml-lint]" in run.out
    assert cli(capsys, "rule", "commit-header-format") == run
    assert cli(capsys, "rule", "Commit-Header-Format").out == run.out
    rule = registry.get("ML101")
    write(repo, "bad.txt", rule.bad + "\n")
    write(repo, "good.txt", rule.good + "\n")
    rejected = cli(capsys, "commit-msg", "bad.txt")
    assert rejected.code == 1
    assert "bad.txt:1:1: ML101 [commit-header-format]" in rejected.out
    assert cli(capsys, "commit-msg", "good.txt") == Run(0, "", "")


def test_rule_line_too_long_examples(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`rule line-too-long`'s failing example fails the check and its passing one passes."""
    run = cli(capsys, "rule", "line-too-long")
    assert run.code == 0
    rule = registry.get("ML010")
    assert "Fails:\n" + "\n".join("    " + ln for ln in rule.bad.splitlines()) in run.out
    write(repo, "bad.py", rule.bad + "\n")
    write(repo, "good.py", rule.good + "\n")
    assert where(capsys, "bad.py") == [("bad.py", 1, "ML010")]
    assert where(capsys, "good.py") == []


@pytest.mark.parametrize(
    ("rule", "advice"),
    [
        ("ML010", "Suppress one line with `# ml-lint: ignore[line-too-long]`; or turn it off"),
        ("ML313", "No comment on a line covers it: turn it off for some files in"),
        ("ML405", "No comment on a line covers it"),
        ("ML302", 'Keep a cell\'s outputs with `"keep_output": true` in its metadata'),
        ("ML121", "To turn it off, add 'branch-name-format' to `ignore` in [tool.ml-lint]."),
    ],
)
def test_rule_says_how_its_findings_can_be_suppressed(
    capsys: pytest.CaptureFixture[str], rule: str, advice: str
) -> None:
    """A notebook heading or a JSON file takes no comment: `rule` says what works instead."""
    run = cli(capsys, "rule", rule)
    assert run.code == 0 and advice in run.out.rsplit("\n\n", 1)[-1]


def test_rule_unknown_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """`rule ML999` exits 2 with the unknown-rule message and a suggestion."""
    run = cli(capsys, "rule", "ML999")
    assert run.code == 2
    output = run.out + run.err
    assert "ml-lint: error: unknown rule 'ML999'." in output
    assert "Did you mean" in output
    assert "ALL" not in output and "prefix" not in output  # `rule` takes neither


def test_rule_of_a_selection_says_it_is_many_rules(capsys: pytest.CaptureFixture[str]) -> None:
    """`rule ALL` or `rule ML1` names how many rules they select, not "unknown rule"."""
    run = cli(capsys, "rule", "ML1")
    assert run == Run(
        2,
        "",
        "ml-lint: error: 'ML1' selects 15 rules (ML101-ML123); name one of them, "
        "or list them with `ml-lint rules`\n",
    )
    assert "unknown" not in cli(capsys, "rule", "ALL").err


def test_rule_unknown_message_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """`rule ML999` writes its error to stderr and nothing to stdout."""
    run = cli(capsys, "rule", "ML999")
    assert run.out == ""
    assert run.err.startswith("ml-lint: error: unknown rule 'ML999'.")


def test_config_json_prints_resolved_settings(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config --format json` prints the merged, validated settings."""
    path = pyproject(
        repo,
        "[tool.ml-lint]\n"
        'select = ["ML0"]\n'
        'ignore = ["unused-suppression"]\n'
        'extend-exclude = ["generated"]\n'
        "[tool.ml-lint.per-file-ignores]\n"
        '"tests/*" = ["line-too-long", "ML011"]\n'
        "[tool.ml-lint.style]\n"
        "max-line-length = 120\n"
        "[tool.ml-lint.commits]\n"
        'extend-types = ["wip"]\n'
        "require-scope = true\n",
    )
    run = cli(capsys, "config", "--format", "json")
    assert (run.code, run.err) == (0, "")
    settings = json.loads(run.out)
    assert settings["config-file"] == os.path.join(os.getcwd(), path.name)
    assert settings["base"] == os.getcwd()
    assert settings["enabled"] == ["ML001", "ML002", "ML003", "ML010", "ML011"]
    assert settings["per-file-ignores"] == {"tests/*": ["ML010", "ML011"]}
    assert settings["exclude"] == [*DEFAULT_EXCLUDES, "generated"]
    assert settings["style"] == {"max-line-length": 120}
    assert settings["commits"]["extend-types"] == ["wip"]
    assert settings["commits"]["require-scope"] is True
    assert settings["commits"]["subject-max-length"] == 72
    assert settings["branches"]["prefixes"] == ["feature", "fix", "docs", "refactor"]
    narrowed = json.loads(cli(capsys, "config", "--format", "json", "--select", "ML010").out)
    assert narrowed["enabled"] == ["ML010"]


def test_config_text_and_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config` without a pyproject shows defaults; text format uses [family] sections."""
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    run = cli(capsys, "config")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "config-file = null"
    assert "[style]" in lines
    assert "  max-line-length = 100" in lines
    assert "per-file-ignores = {}" in lines
    settings = json.loads(cli(capsys, "config", "--format", "json").out)
    assert settings["enabled"] == [rule.code for rule in registry.all_rules() if not rule.preview]


def test_config_explicit_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--config reads the named file instead of searching upwards."""
    root = plain_dir(tmp_path, "plain")
    pyproject(root, '[tool.ml-lint]\nselect = ["ML011"]\n')
    other = write(tmp_path, "elsewhere/custom.toml", '[tool.ml-lint]\nselect = ["ML010"]\n')
    write(root, "both.py", "if True:\n\tx = 1\n" + LONG_LINE + "\n")
    monkeypatch.chdir(root)
    assert where(capsys) == [("both.py", 2, "ML011")]
    assert where(capsys, "--config", str(other)) == [("both.py", 3, "ML010")]


# --- suppressions ------------------------------------------------------------------------


def test_line_suppressions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ignore[CODE], ignore[name] and a bare ignore drop findings on their line only."""
    write(
        repo,
        "s.py",
        "\n".join(
            [
                LONG_LINE + "  # ml-lint: ignore[ML010]",
                LONG_LINE + "  # ml-lint: ignore[line-too-long]",
                LONG_LINE,
                "if True:",
                "\tx = 1  # ml-lint: ignore",
                "\ty = 2  # ml-lint: ignore[ML010]",
                "\tz = 3  #ml-lint:ignore[ ml011 , ML010 ]",
            ]
        )
        + "\n",
    )
    assert where(capsys) == [("s.py", 3, "ML010"), ("s.py", 6, "ML011")]


def test_file_suppressions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ignore-file[...] drops the named rules in the whole file; bare ignore-file drops all."""
    body = "if True:\n\tx = 1\n" + LONG_LINE + "\n"
    write(repo, "named.py", "# ml-lint: ignore-file[tab-indentation]\n" + body)
    write(repo, "bare.py", body + "# ml-lint: ignore-file\n")
    write(repo, "broken.py", "# ml-lint: ignore-file[ML003]\ndef f(:\n")
    write(repo, "plain.py", body)
    assert where(capsys) == [
        ("named.py", 4, "ML010"),
        ("plain.py", 2, "ML011"),
        ("plain.py", 3, "ML010"),
    ]


def test_report_unused_ignores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--report-unused-ignores flags unused and unknown codes as ML004, never used ones."""
    write(
        repo,
        "s.py",
        "\n".join(
            [
                "x = 1  # ml-lint: ignore[ML011]",
                "y = 2  # ml-lint: ignore[ML999]",
                LONG_LINE + "  # ml-lint: ignore[ML010]",
                "z = 3  # ml-lint: ignore",
                "if True:",
                "\tw = 4  # ml-lint: ignore[tab-indentation, line-too-long]",
            ]
        )
        + "\n",
    )
    assert cli(capsys, "check").code == 0
    data = findings(capsys, "--report-unused-ignores")
    assert [(f["line"], f["column"], f["code"], f["severity"], f["message"]) for f in data] == [
        (1, 8, "ML004", "warning", "suppression of 'ML011' is unused; remove it"),
        (
            2,
            8,
            "ML004",
            "warning",
            "suppression names unknown rule 'ML999'; `ml-lint rules` lists them",
        ),
        (4, 8, "ML004", "warning", "blanket suppression suppresses nothing; remove it"),
        (6, 9, "ML004", "warning", "suppression of 'line-too-long' is unused; remove it"),
    ]
    assert cli(capsys, "check", "--report-unused-ignores").code == 1


def test_unused_ignores_only_of_rules_that_ran(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A suppression of a rule that did not run is not called unused, however rules group."""
    write(repo, "s.py", "x = 1  # ml-lint: ignore[ML202]\ny = 2  # ml-lint: ignore[ML010]\n")
    for selection in (["--ignore", "ML2"], ["--ignore", "ML202"], ["--select", "ML0"]):
        messages = [f["message"] for f in findings(capsys, "--report-unused-ignores", *selection)]
        assert messages == ["suppression of 'ML010' is unused; remove it"], selection
    both = findings(capsys, "--report-unused-ignores", "--select", "ML010,ML202")
    assert [f["line"] for f in both] == [1, 2]


def test_report_unused_ignores_reports_without_ml004_selected(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking for unused suppressions reports them even when the selection leaves ML004 out."""
    write(repo, "s.py", "x = 1  # keep  # ml-lint: ignore[ML010]\n")
    results = findings(capsys, "--report-unused-ignores", "--select", "ML010")
    assert [(f["code"], f["column"]) for f in results] == [("ML004", 16)]  # at the directive


def test_a_directive_and_its_reason_do_not_make_a_line_too_long(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ml-lint directive's own length never counts, wherever it is in the comment."""
    code = "value = compute()  # ml-lint: ignore[ML011, ML202]  # " + "reason " * 9
    assert len(code) > 100 and len(code) - len("# ml-lint: ignore[ML011, ML202]  ") <= 100
    write(repo, "s.py", code + "\n" + "long = compute()  # " + "reason " * 13 + "\n")
    assert where(capsys, "--select", "ML010") == [("s.py", 2, "ML010")]


def test_unused_ignores_can_be_deselected(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ML004 findings obey --ignore like any other rule."""
    write(repo, "s.py", "x = 1  # ml-lint: ignore[ML011]\n")
    assert where(capsys, "--report-unused-ignores", "--ignore", "ML004") == []


# --- fault isolation ---------------------------------------------------------------------


def test_checker_exception_becomes_ml001(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A checker that raises yields ML001 naming it; other checkers and files still run."""
    original = style_checks.check

    def flaky(source: SourceFile, config: Config) -> Iterator[Finding]:
        if source.relpath == "crash.py":
            raise RuntimeError("boom")
        return original(source, config)

    monkeypatch.setattr(style_checks, "check", flaky)
    write(repo, "crash.py", LONG_LINE + "\ndef f(:\n")
    write(repo, "other.py", LONG_LINE + "\n")
    write(repo, "zzz.py", TABBED)
    run = cli(capsys, "check", "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    assert [(f["path"], f["line"], f["code"]) for f in data] == [
        ("crash.py", 1, "ML001"),
        ("crash.py", 2, "ML003"),
        ("other.py", 1, "ML010"),
        ("zzz.py", 2, "ML011"),
    ]
    assert data[0]["message"] == (
        "checker 'style' failed on this file with RuntimeError: boom; the other checks ran. "
        "Please report this."
    )
    assert data[0]["name"] == "internal-error"


# --- branch names ------------------------------------------------------------------------


def test_branch_name_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`branch --name` checks the given name: good and exempt names pass, bad ones fail."""
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    assert cli(capsys, "branch", "--name", "feature/add-attention") == Run(0, "", "")
    assert cli(capsys, "branch", "--name", "main") == Run(0, "", "")
    bad = cli(capsys, "branch", "--name", "Feature/Add_Attention")
    assert bad.code == 1
    assert bad.out.startswith("branch:Feature/Add_Attention:1:1: ML122 [branch-prefix-unknown]")
    assert "ML121 [branch-name-format]" in bad.out
    assert "try 'feature/add-attention'" in bad.out
    assert "Rename the branch" not in bad.out  # a name proposed, no branch to rename
    assert cli(capsys, "branch", "--name", "Feature/Add_Attention", "--ignore", "ML12").code == 0


def test_branch_current(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`branch` checks the current branch, even before the first commit."""
    assert cli(capsys, "branch") == Run(0, "", "")
    git(repo, "checkout", "-q", "-b", "wip_stuff")
    run = cli(capsys, "branch")
    assert run.code == 1
    assert run.out.startswith("branch:wip_stuff:1:1: ML121 [branch-name-format] ")
    assert run.out.endswith("Rename the branch with: git branch -m wip_stuff <new-name>\n")
    assert cli(capsys, "branch", "--name", "wip_stuff").out == run.out  # a branch here


@pytest.mark.parametrize("report", ["text", "json", "sarif", "junit", "github"])
def test_a_branch_name_that_is_not_utf8_is_reported_not_a_crash(
    repo: Path, capsys: pytest.CaptureFixture[str], report: str
) -> None:
    """Git takes any bytes in a branch name: HEAD on one, and one named on the command line,
    are reported (the bad byte as U+FFFD) in every format, to stdout and to a file."""
    commit_all(repo, "feat: start")
    name = os.fsdecode(b"feature/caf\xe9")
    git(repo, "checkout", "-q", "-b", name)
    current = cli(capsys, "branch")
    assert current.code == 1 and "branch:feature/caf\ufffd:1:9: ML121" in current.out

    run = cli(capsys, "check", "--branch", os.fsdecode(b"Bad\xffname"), "--format", report)
    to_file = cli(capsys, "check", "--branch", "auto", "--format", report, "-o", "out.txt")

    assert run.code == 1 and run.err == ""
    assert to_file.code == 1 and to_file.err == ""
    assert "\ufffd" in run.out or "\\ufffd" in run.out
    assert (repo / "out.txt").read_text(encoding="utf-8")


def test_branch_at_pre_commit_pre_push_checks_the_pushed_branch(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under pre-commit's pre-push stage the branch pushed to is judged, not the one out."""
    git(repo, "checkout", "-q", "-b", "wip_stuff")
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setenv("PRE_COMMIT_REMOTE_BRANCH", "refs/heads/feature/good-name")
    assert cli(capsys, "branch") == Run(0, "", "")
    monkeypatch.setenv("PRE_COMMIT_REMOTE_BRANCH", "refs/heads/Bad_Name")
    run = cli(capsys, "branch")
    assert run.code == 1
    assert run.out.startswith("branch:Bad_Name:1:1: ML121")
    assert "git push <remote> HEAD:<new-name>" in run.out
    monkeypatch.setenv("PRE_COMMIT_REMOTE_BRANCH", "refs/tags/v1.0.0")  # no branch to judge
    assert cli(capsys, "branch") == Run(0, "", "")


def test_commits_of_a_repository_whose_git_dir_is_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``GIT_DIR`` + ``GIT_WORK_TREE`` (a bare repository for dotfiles) read commits there."""
    bare = tmp_path / "dotfiles.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    work = plain_dir(tmp_path, "home")
    monkeypatch.setenv("GIT_DIR", str(bare))
    monkeypatch.setenv("GIT_WORK_TREE", str(work))
    monkeypatch.chdir(work)
    git(work, "-c", "user.email=a@b", "-c", "user.name=t", "commit", "-q", "--allow-empty",
        "-m", "Bad subject")  # fmt: skip
    run = cli(capsys, "check", "--commits", "HEAD")
    assert run.code == 1, run.err
    assert ": ML101 " in run.out
    assert cli(capsys, "secrets", "--history").code == 0


def test_branch_detached_head(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """On a detached HEAD `branch` says so and exits 0."""
    sha = commit_all(repo, "feat: start")
    git(repo, "checkout", "-q", "--detach")
    run = cli(capsys, "branch")
    assert run == Run(
        0,
        f"ml-lint: HEAD is detached at {sha[:12]}: there is no branch name to check; skipped\n",
        "",
    )


def test_branch_says_nothing_on_each_commit_of_a_rebase(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rebase commits on a detached HEAD: the hook passes quietly, as it has no name to judge."""
    commit_all(repo, "feat: start")
    write(repo, "a.txt", "one\n")
    commit_all(repo, "feat: one")
    environment = {**os.environ, "GIT_SEQUENCE_EDITOR": "sed -i 's/^pick/edit/'"}
    subprocess.run(
        ["git", "rebase", "-q", "-i", "HEAD~1"], cwd=repo, env=environment, check=True,
        capture_output=True,
    )  # fmt: skip
    assert (repo / ".git/rebase-merge").is_dir()  # stopped at the commit, HEAD detached
    assert cli(capsys, "branch") == Run(0, "", "")


def test_branch_no_repo_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside git without --name or CI variables `branch` exits 2 and explains why."""
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    run = cli(capsys, "branch")
    assert run.code == 2
    assert run.out == ""
    assert run.err == (
        "ml-lint: error: not inside a git repository and none of GITHUB_HEAD_REF, "
        "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_COMMIT_BRANCH is set; name the branch: "
        "`ml-lint branch --name NAME`, `ml-lint check --branch NAME`\n"
    )


@pytest.mark.parametrize(
    "variable", ["GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_BRANCH"]
)
def test_branch_ci_variable_fallback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
) -> None:
    """Without a branch (no repo, or detached HEAD) the CI variable names the branch."""
    monkeypatch.setenv(variable, "Bad_Name")
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    run = cli(capsys, "branch")
    assert run.code == 1
    assert run.out.startswith("branch:Bad_Name:1:1: ML121")
    root = init_repo(tmp_path / "repo")
    commit_all(root, "feat: start")
    git(root, "checkout", "-q", "--detach")
    monkeypatch.chdir(root)
    monkeypatch.setenv(variable, "feature/from-ci")
    assert cli(capsys, "branch") == Run(0, "", "")
    git(root, "checkout", "-q", "-b", "fix/local-wins")
    monkeypatch.setenv(variable, "Bad_Name")
    assert cli(capsys, "branch") == Run(0, "", "")


def test_check_branch_auto(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check --branch auto` checks the current branch name and no files."""
    write(repo, "long.py", LONG_LINE + "\n")
    commit_all(repo, "feat: add long module")
    git(repo, "checkout", "-q", "-b", "Feature/Bad")
    data = findings(capsys, "--branch", "auto")
    assert [(f["path"], f["code"]) for f in data] == [
        ("branch:Feature/Bad", "ML122"),
        ("branch:Feature/Bad", "ML121"),
    ]
    git(repo, "checkout", "-q", "-b", "feature/good-name")
    assert cli(capsys, "check", "--branch", "auto") == Run(0, "All checks passed.\n", "")
    both = where(capsys, ".", "--branch", "auto")
    assert both == [("long.py", 1, "ML010")]


def test_check_branch_auto_detached(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check --branch auto` on a detached HEAD skips the branch with a note and exits 0."""
    sha = commit_all(repo, "feat: start")
    git(repo, "checkout", "-q", "--detach")
    run = cli(capsys, "check", "--branch", "auto")
    assert run == Run(
        0,
        "All checks passed.\n",
        f"ml-lint: HEAD is detached at {sha[:12]}: there is no branch name to check; "
        "branch check skipped\n",
    )


def test_check_branch_name_and_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check --branch NAME --commits RANGE` reports both, with pseudo paths."""
    base = commit_all(repo, "feat: start")
    bad = commit_all(repo, "Fixed things.")
    data = findings(capsys, "--branch", "Bad_Branch", "--commits", f"{base}..HEAD")
    assert [(f["path"], f["code"]) for f in data] == [
        ("branch:Bad_Branch", "ML121"),
        (f"commit:{bad[:12]}", "ML101"),
        (f"commit:{bad[:12]}", "ML107"),
    ]


# --- staged content, hooks' edge cases and failure modes ---------------------------------


def test_staged_reads_the_index_under_the_named_paths_only(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--staged DIR checks staged files under DIR, from the index, reading only Python."""
    write(repo, "src/a.py", TABBED)
    write(repo, "other/b.py", TABBED)
    write(repo, "data.bin", b"\x00" * 1024)
    git(repo, "add", "-A")
    write(repo, "src/a.py", "x = 1\n")  # fixed in the work tree only: the index still has tabs
    reads: list[str] = []
    real_read = gitutil.read_index

    def spy(root: str, path: str) -> bytes:
        reads.append(os.path.relpath(path, root))
        return real_read(root, path)

    monkeypatch.setattr(gitutil, "read_index", spy)
    assert where(capsys, "--staged", "src") == [("src/a.py", 2, "ML011")]
    assert reads == ["src/a.py"]
    assert sorted(f["path"] for f in findings(capsys, "--staged")) == ["other/b.py", "src/a.py"]


def test_staged_file_deleted_from_the_work_tree_is_still_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is staged is what gets committed, even if the work-tree copy is gone."""
    write(repo, "a.py", TABBED)
    git(repo, "add", "a.py")
    (repo / "a.py").unlink()
    assert where(capsys, "--staged") == [("a.py", 2, "ML011")]


def test_staged_symbolic_links_and_submodules_are_no_files_to_check(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staged link (its text is a path, not Python) and a submodule bump pass; files don't."""
    child = init_repo(tmp_path / "child")
    git(child, "commit", "-q", "--allow-empty", "-m", "chore: one")
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(child), "child")
    git(repo, "commit", "-q", "-m", "chore: add child")
    git(child, "commit", "-q", "--allow-empty", "-m", "chore: two")
    git(repo, "-C", "child", "pull", "-q", "origin", "main")
    write(repo, "real.py", TABBED)
    (repo / "link.py").symlink_to("real.py")
    git(repo, "add", "-A")
    staged = git(repo, "diff", "--cached", "--raw")
    assert " 160000 " in staged and " 120000 " in staged
    assert where(capsys, "--staged") == [("real.py", 2, "ML011")]
    secrets = cli(capsys, "secrets", "--staged")
    assert secrets.code == 0, secrets.out + secrets.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_python_warnings_about_the_checked_code_stay_off_stderr(repo: Path, jobs: str) -> None:
    """An invalid escape in a checked file is the user's code: no Python warning for it."""
    write(repo, "esc.py", '"""M."""\n\nimport re\n\nDIGITS = re.compile("\\d+")\n')
    write(repo, "other.py", '"""M."""\n\nPATH = "C:\\data"\n')
    done = subprocess.run(
        [sys.executable, "-W", "always", "-m", "ml_lint", "check", ".", "--jobs", jobs],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stdout


def test_staged_outside_git_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--staged needs a repository."""
    monkeypatch.chdir(plain_dir(tmp_path, "plain"))
    run = cli(capsys, "check", "--staged")
    assert run.code == 2 and "--staged needs a git repository" in run.err


def test_unwritable_output_file_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report that cannot be written exits 2 with the reason, never a traceback."""
    write(repo, "a.py", TABBED)
    run = cli(capsys, "check", "--output-file", str(repo / "missing" / "report.json"))
    assert run.code == 2
    assert run.err.startswith("ml-lint: error: cannot write ") and "No such file" in run.err


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:  # Python ignores SIGXFSZ: a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_failed_report_write_keeps_the_previous_report(repo: Path) -> None:
    """A report that cannot be written whole (here: past a file size limit, as on a full disk)
    leaves the previous one as it was, and no temporary file; one that fits replaces it."""
    for number in range(40):
        write(repo, f"m{number}.py", TABBED)
    report = write(repo, "report.json", "previous\n")
    command = [sys.executable, "-m", "ml_lint", "check", "--format", "json", "-o", "report.json"]

    failed = subprocess.run(
        command, cwd=repo, capture_output=True, text=True, preexec_fn=_file_size_limit(4096)
    )

    assert failed.returncode == 2, failed.stderr
    assert "cannot write report.json: File too large" in failed.stderr
    assert report.read_text(encoding="utf-8") == "previous\n"
    assert sorted(path.name for path in repo.glob(".report.json*")) == []
    report.chmod(0o640)
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert len(json.loads(report.read_text(encoding="utf-8"))) >= 40
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_a_current_directory_that_is_gone_is_named_as_the_cause(tmp_path: Path) -> None:
    """Run from a directory removed under the shell: exit 2 saying so, not a write error."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = 'cd "$1" && rmdir "$1" && exec "$2" -m ml_lint check .'
    done = subprocess.run(
        ["sh", "-c", script, "sh", str(gone), sys.executable], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr == "ml-lint: error: the current directory no longer exists; cd to one\n"


def test_a_run_from_the_root_directory_ends(tmp_path: Path) -> None:
    """From ``/`` (a container's usual working directory), outside git, a directory is walked
    and checked; the search for cache tags stops at ``/``, its own parent."""
    project = tmp_path / "proj"
    long_line = "x = 1  # " + "a" * 110 + "\n"
    write(project, "pkg/m.py", long_line)
    write(project, "pkg/.cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")
    write(project, "pkg/.cache/junk.py", long_line)
    command = [sys.executable, "-m", "ml_lint", "check", str(project), "--no-cache"]
    done = subprocess.run(command, cwd="/", capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "m.py:1:101: ML010" in done.stdout and "junk.py" not in done.stdout


def test_internal_error_exits_2_not_1(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug outside the checkers is an internal error (2), never mistaken for findings (1)."""
    import ml_lint.commands.check as check_command

    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(check_command, "find_files", broken)
    run = cli(capsys, "check")
    assert run.code == 2
    assert "RuntimeError: boom" in run.err and "internal error" in run.err


@pytest.mark.parametrize("value", ["-1", "two"])
def test_jobs_must_be_a_whole_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--jobs rejects negative and non-numeric values with a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, "check", "--jobs", value)
    assert exit_info.value.code == 2
    assert "expected 0 or a positive whole number" in capsys.readouterr().err


def test_command_line_select_starts_afresh(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--select ML010 enables ML010 even if the file ignores it; select = [] selects nothing."""
    write(repo, "a.py", LONG_LINE + "\n" + TABBED)
    pyproject(repo, '[tool.ml-lint]\nignore = ["ML010"]\n')
    assert [code for _, _, code in where(capsys)] == ["ML011"]
    assert [code for _, _, code in where(capsys, "--select", "ML010")] == ["ML010"]
    pyproject(repo, "[tool.ml-lint]\nselect = []\n")
    assert where(capsys) == []


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("\tx = 1  # ml-lint: ignore [tab-indentation]", "is malformed"),
        ("\tx = 1  # ml-lint: ignore[tab-indentation", "is malformed"),
        ("\tx = 1  # ml-lint: ignore[]", "is malformed"),
        ("\tx = 1  # ml-lint: ignore-file[tab-indentation]", "must be on a line of its own"),
        ("\tx = 1  # ml-lint: ignore[ML011 ML010]", "separate codes with commas"),
        ("\tx = 1  # ml-lint: ignore[ML0]", "which selects several rules: name each rule"),
        ("\tx = 1  # ml-lint: ignore[ALL]", "which selects several rules: name each rule"),
    ],
)
def test_malformed_suppressions_hide_nothing_and_are_reported(
    repo: Path, capsys: pytest.CaptureFixture[str], line: str, problem: str
) -> None:
    """A directive that does not parse suppresses nothing and is always reported."""
    write(repo, "a.py", f"if True:\n{line}\n")
    results = findings(capsys)
    assert [(f["line"], f["code"]) for f in results] == [(2, "ML011"), (2, "ML004")]
    assert problem in results[1]["message"]


def test_directive_inside_a_string_is_not_a_suppression(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In Python only real comments suppress: text in a string literal does not."""
    write(repo, "a.py", 'MARK = "# ml-lint: ignore-file"\nif True:\n\tx = 1\n')
    assert where(capsys) == [("a.py", 3, "ML011")]


def test_commits_in_history_are_not_cleaned_up_again(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committed subject starting with '#' is the subject: it is not a comment any more."""
    git(repo, "commit", "-q", "--allow-empty", "-m", "# Release notes", "-m", "feat: add x")
    results = findings(capsys, "--commits", "HEAD")
    assert [(f["line"], f["code"]) for f in results] == [(1, "ML101")]
    assert "'# Release notes'" in results[0]["message"]


def test_commit_msg_retry_advice_quotes_the_path(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The retry command pastes as is, also where the message file's path has a space."""
    message = write(repo, "work tree/COMMIT_EDITMSG", "Bad subject\n")
    run = cli(capsys, "commit-msg", str(message))
    assert run.code == 1
    assert f"git commit --edit --file='{message}'\n" in run.out
    assert "(--amend, -a, paths)" in run.out


@pytest.mark.parametrize(
    "raw", [b"\xef\xbb\xbffeat: add x\n", b"feat: add x\r\n\r\nBody.\r\n", b"feat: add x\x0cpage\n"]
)
def test_commit_msg_file_encodings(
    repo: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    """A byte-order mark, CRLF line ends and a form feed in a message are read as git does."""
    message = write(repo, "MSG", raw)
    assert cli(capsys, "commit-msg", str(message)) == Run(0, "", "")


def test_commit_msg_lone_carriage_return_does_not_end_the_subject(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git ends lines at \\n only: a lone \\r does not make a body line, as --commits agrees."""
    message = write(repo, "MSG", b"feat: add thing\rmore words\n")
    assert cli(capsys, "commit-msg", str(message)) == Run(0, "", "")


@pytest.mark.parametrize(
    ("encoding", "subject", "expected"),
    [
        ("latin1", "café au lait", [(1, "ML101")]),
        ("EUC-JP", "feat: " + "あ" * 60, []),  # 66 characters, 126 bytes as EUC-JP
    ],
)
def test_commits_are_decoded_as_their_encoding_header_says(
    repo: Path, capsys: pytest.CaptureFixture[str], encoding: str, subject: str, expected: Any
) -> None:
    """A message git stored in ``i18n.commitEncoding`` is read in that encoding."""
    git(repo, "config", "i18n.commitEncoding", encoding)
    write(repo, "MSG", (subject + "\n").encode(encoding))
    git(repo, "commit", "-q", "--allow-empty", "-F", "MSG")
    results = findings(capsys, "--commits", "HEAD")
    assert [(f["line"], f["code"]) for f in results] == expected
    assert all(f"'{subject}'" in f["message"] for f in results)


def test_commit_msg_reads_the_configured_commit_encoding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hook decodes the message file as git will store it: in ``i18n.commitEncoding``."""
    git(repo, "config", "i18n.commitEncoding", "latin1")
    message = write(repo, "MSG", "café au lait\n".encode("latin1"))
    run = cli(capsys, "commit-msg", str(message))
    assert run.code == 1 and "'café au lait'" in run.out


@pytest.mark.parametrize(
    ("git_editor", "cleanup", "code"),
    [
        (":", None, 1),  # -m or -F: git keeps the '#' line, which becomes the subject
        (":", "strip", 0),  # ... unless commit.cleanup strips comments anyway
        ("vi", None, 0),  # edited: git drops comment lines
        ("vi", "scissors", 1),  # ... except where commit.cleanup keeps them
        ("vi", "whitespace", 1),
        ("vi", "verbatim", 1),
        (":", "scissors", 1),
    ],
)
def test_commit_msg_treats_comment_lines_as_git_will(
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    git_editor: str,
    cleanup: str | None,
    code: int,
) -> None:
    """Git sets GIT_EDITOR=: for hooks when no editor ran; then '#' lines are committed."""
    monkeypatch.setenv("GIT_EDITOR", git_editor)
    if cleanup is not None:
        git(repo, "config", "commit.cleanup", cleanup)
    message = write(repo, "MSG", "#42 quick hack\n\nfeat: looks fine\n")
    run = cli(capsys, "commit-msg", str(message))
    assert run.code == code
    if code:
        assert "subject '#42 quick hack'" in run.out


def test_commit_msg_retry_advice_works_from_a_subdirectory(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Git passes the file relative to the top of the work tree; the advice names it fully."""
    write(repo, ".git/COMMIT_EDITMSG", "Bad subject\n")
    run = cli(capsys, "commit-msg", ".git/COMMIT_EDITMSG")
    assert run.code == 1
    assert f"--file={repo / '.git' / 'COMMIT_EDITMSG'}\n" in run.out


def test_git_dir_environment_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GIT_DIR/GIT_WORK_TREE (a bare-repository dotfiles setup) locate the repository."""
    git(tmp_path, "init", "-q", "--bare", "dotfiles.git")
    work = plain_dir(tmp_path, "home")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "dotfiles.git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(work))
    git(work, "symbolic-ref", "HEAD", "refs/heads/Bad_Name")
    monkeypatch.chdir(work)
    run = cli(capsys, "branch")
    assert run.code == 1 and "'feature/bad-name'" in run.out


def test_pre_push_under_pre_commit_without_refs_checks_unpushed_commits(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pushing the root commit, pre-commit sets no range: every unpushed commit is checked."""
    commit_all(repo, "bad message here")
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setenv("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main")
    monkeypatch.setenv("PRE_COMMIT_REMOTE_BRANCH", "refs/heads/main")
    run = cli(capsys, "pre-push")
    assert run.code == 1 and "ML101" in run.out


def test_pre_push_refuses_input_git_does_not_write(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A malformed line, or a terminal for input (run by hand), is an error, not a pass."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("garbage\n"))
    run = cli(capsys, "pre-push", "origin", "url")
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith("ml-lint: error: unexpected pre-push input 'garbage': git writes")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    run = cli(capsys, "pre-push", "origin", "url")
    assert run.code == 2 and "ml-lint check --commits RANGE" in run.err
    monkeypatch.setattr("sys.stdin", None)  # started with standard input closed
    run = cli(capsys, "pre-push", "origin", "url")
    assert run.code == 2 and run.err.startswith("ml-lint: error: ml-lint pre-push reads the refs")
    run = cli(capsys, "secrets", "--pre-push")
    assert run.code == 2 and "to check by hand: ml-lint secrets --history RANGE" in run.err


def test_a_dash_for_standard_input_says_how(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check -` (ruff reads stdin so) points at --stdin-filename instead of a missing file."""
    run = cli(capsys, "check", "-")
    assert run.code == 2 and "pass --stdin-filename PATH" in run.err


def test_pre_push_with_an_unfetched_remote_commit(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A force push over a remote commit this clone never fetched checks the unpushed commits."""
    import io

    head = commit_all(repo, "feat: add x")
    unknown = "1" * 40
    stdin = io.StringIO(f"refs/heads/main {head} refs/heads/main {unknown}\n")
    monkeypatch.setattr("sys.stdin", stdin)
    assert cli(capsys, "pre-push", "origin", "url").code == 0
    commit_all(repo, "bad message")
    head = git(repo, "rev-parse", "HEAD").strip()
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(f"refs/heads/main {head} refs/heads/x {unknown}\n")
    )
    run = cli(capsys, "pre-push", "origin", "url")
    assert run.code == 1 and "ML101" in run.out and "ML121" in run.out


def test_unreadable_files_are_reported_whatever_the_selection(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file a selected rule could not read is reported, unless that rule is ignored.

    ML010 reads text but does not parse, so a syntax error is not its concern.
    """
    write(repo, "latin.py", "name = 'caf\xe9'\n".encode("latin-1"))
    write(repo, "broken.py", "def f(:\n")
    write(repo, "nb.ipynb", '{"nbformat": 3}')
    expected = [("latin.py", 1, "ML002"), ("nb.ipynb", 1, "ML301")]
    assert where(capsys, "--select", "ML010,ML302") == expected
    assert where(capsys, "--select", "ML010,ML302", "--ignore", "ML002,ML003,ML301") == []


def test_only_narrows_the_configured_selection(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--only keeps the configuration's ignores, unlike --select, which starts afresh."""
    write(repo, "a.py", LONG_LINE + "\n" + TABBED)
    pyproject(repo, '[tool.ml-lint]\nignore = ["ML010"]\n')
    assert where(capsys, "--only", "ML0") == [("a.py", 3, "ML011")]
    assert where(capsys, "--only", "ML010") == []


# Rules whose examples describe what no file can show: an internal error, an unreadable file.
DESCRIBED_EXAMPLES = ("ML001", "ML002")


@pytest.mark.parametrize(
    "code",
    [
        rule.code
        for rule in registry.all_rules()
        if rule.code.startswith(("ML0", "ML2")) and rule.code not in DESCRIBED_EXAMPLES
    ],
)
def test_python_rule_examples_fail_and_pass(
    repo: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    """Each Python rule's failing example, pasted, is flagged by it; its passing one is not."""
    rule = registry.get(code)
    for name, example in (("bad.py", rule.bad), ("good.py", rule.good)):
        write(repo, name, '"""Examples."""\n\nfrom collections.abc import Iterator\n\n\n' + example)
    args = ("--select", code, "--report-unused-ignores")
    assert [found for found in where(capsys, "bad.py", *args)] != [], rule.bad
    assert where(capsys, "good.py", *args) == [], rule.good


@pytest.mark.parametrize("code", sorted(registry.select("ML1")))
def test_commit_and_branch_rule_examples_fail_and_pass(
    repo: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    """Each commit rule's examples, as a message file, and each branch rule's, as a name.

    An autosquash subject (ML111) is fine while committing and flagged in a range: it is
    committed and checked with --commits.
    """
    rule = registry.get(code)
    git(repo, "commit", "-q", "--allow-empty", "-m", "chore: start")
    for example, flagged in ((rule.bad, True), (rule.good, False)):
        write(repo, "MSG", example + "\n")
        if rule.target == "branch":
            run = cli(capsys, "branch", "--name", example, "--select", code)
        elif code == "ML111":
            git(repo, "commit", "-q", "--allow-empty", "-F", "MSG")
            run = cli(capsys, "check", "--commits", "HEAD~1..HEAD", "--select", code)
        else:
            run = cli(capsys, "commit-msg", "MSG", "--select", code)
        assert (code in run.out) is flagged, (example, run.out, run.err)


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        ({"pyproject.toml": 'tool = "ml-lint"\n'}, ["config"], "[tool] must be a table"),
        (
            {"pyproject.toml": "[tool.ml-lint]\nselect = " + "[" * 5000 + "]" * 5000 + "\n"},
            ["config"],
            "is not valid TOML: it nests too deeply",
        ),
        (
            {"b.json": "{}".encode("utf-16")},
            ["secrets", "--no-cache", "--baseline", "b.json"],
            "baseline b.json is not UTF-8 text",
        ),
        (
            {"b.json": "[" * 100_000 + "]" * 100_000},
            ["secrets", "--no-cache", "--baseline", "b.json"],
            "baseline b.json is not valid JSON: it nests too deeply",
        ),
        ({".git": b"gitdir: \xff\n"}, ["check", "--no-cache"], "/.git: 'utf-8' codec can't"),
        ({".git": "gitdir: pruned/wt\n"}, ["branch"], "which does not exist (a worktree"),
    ],
)
def test_damaged_inputs_are_usage_errors(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
    args: list[str],
    expected: str,
) -> None:
    """Configuration, baseline and .git files that are not what they should be: exit 2."""
    root = plain_dir(tmp_path, "plain")
    for name, content in files.items():
        write(root, name, content)
    monkeypatch.chdir(root)
    run = cli(capsys, *args)
    assert run.code == 2, run
    assert run.err.startswith("ml-lint: error: ") and expected in run.err, run.err


def test_output_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    """A full disk or a closed stdout: exit 2 with the reason, never a traceback."""
    write(tmp_path, "a.py", "x = 1\n")
    command = [sys.executable, "-m", "ml_lint", "check", "--no-cache", "a.py"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (done.returncode, done.stderr) == (
        2,
        "ml-lint: error: cannot write the output: No space left on device\n",
    )
    done = subprocess.run(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, pass_fds=(), close_fds=True,
                          preexec_fn=lambda: os.close(1))  # fmt: skip
    assert (done.returncode, done.stderr) == (2, "ml-lint: error: standard output is closed\n")
