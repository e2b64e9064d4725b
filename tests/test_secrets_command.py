"""``ml-lint secrets``: files and staged content, the baseline, selection and safe reports."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from secrets_support import (
    OTHER_TOKEN,
    PASSWORD_VALUE,
    TOKEN_DETECTOR,
    assert_no_secret,
    python_line,
)
from support import cli, cli_subprocess, commit_all, git, init_repo, write

from ml_lint.model import finding
from ml_lint.rules.general import UNREADABLE_FILE
from ml_lint.secrets.baseline import finding_fingerprint

LONG_LINE = "s = '" + "x" * 120 + "'\n"  # ML010 for `check`, nothing for `secrets`


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository on main, as the current directory."""
    root = init_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def scan(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    """``ml-lint secrets ARGS --format json``, parsed; the output never holds a secret."""
    run = cli(capsys, "secrets", *args, "--format", "json")
    assert run.code in (0, 1), run.err
    assert_no_secret(run.out, run.err)
    data: list[dict[str, Any]] = json.loads(run.out)
    return data


def where(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, int, str]]:
    """(path, line, code) of every finding of ``ml-lint secrets ARGS``."""
    return [(f["path"], f["line"], f["code"]) for f in scan(capsys, *args)]


# --- files -------------------------------------------------------------------------------


def test_scans_tracked_files_with_the_secrets_rules_only(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ML4 rules run whatever the selection; other families' findings never show."""
    write(repo, "app.py", "import os\n" + python_line())
    write(repo, "long.py", LONG_LINE)
    write(repo, "pyproject.toml", '[tool.ml-lint]\nselect = ["ML1"]\n')
    assert where(capsys) == [("app.py", 2, "ML401")]
    text = cli(capsys, "secrets")
    assert text.code == 1
    assert "app.py:2:17: ML401 [secret-token]" in text.out
    assert "ghp_…(40 chars)" in text.out
    assert_no_secret(text.out, text.err)


def test_a_selection_without_secrets_rules_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--only ML1` or `--ignore ML4` would scan nothing and call the tree clean."""
    write(repo, "app.py", python_line())
    for args in (("--only", "ML1"), ("--ignore", "ML4")):
        run = cli(capsys, "secrets", *args)
        assert run.code == 2, args
        assert "the selection holds no secrets rule (ML4)" in run.err


def test_clean_tree_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No secret: exit 0 and the usual all-clear line."""
    write(repo, "app.py", 'TOKEN = os.environ["GITHUB_TOKEN"]\n')
    run = cli(capsys, "secrets")
    assert run.code == 0, run.out
    assert run.out.startswith("All checks passed")


def test_selection_ignore_only_and_configuration(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--ignore``, ``--only`` and the file's ignore and per-file-ignores hold."""
    write(repo, "a.py", python_line() + python_line(PASSWORD_VALUE, "db_password"))
    write(repo, "fixtures/b.py", python_line(OTHER_TOKEN))
    assert where(capsys) == [
        ("a.py", 1, "ML401"),
        ("a.py", 2, "ML402"),
        ("fixtures/b.py", 1, "ML401"),
    ]
    assert where(capsys, "--ignore", "ML402") == [
        ("a.py", 1, "ML401"),
        ("fixtures/b.py", 1, "ML401"),
    ]
    assert where(capsys, "--only", "secret-assignment") == [("a.py", 2, "ML402")]
    write(
        repo,
        "pyproject.toml",
        '[tool.ml-lint]\nignore = ["ML402"]\n[tool.ml-lint.per-file-ignores]\n'
        '"fixtures/*" = ["ML401"]\n',
    )
    assert where(capsys) == [("a.py", 1, "ML401")]


def test_every_report_format_hides_the_secret(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Text, JSON, SARIF, GitHub, GitLab and JUnit, to stdout or a file: redacted only."""
    write(repo, "a.py", python_line() + python_line(PASSWORD_VALUE, "password"))
    for fmt in ("text", "json", "sarif", "github", "gitlab", "junit"):
        run = cli(capsys, "secrets", "--format", fmt)
        assert run.code == 1, (fmt, run.err)
        assert_no_secret(run.out, run.err)
        output = tmp_path / f"report.{fmt}"
        assert cli(capsys, "secrets", "--format", fmt, "-o", str(output)).code == 1
        assert_no_secret(output.read_text(encoding="utf-8"))


def test_subprocess_run_hides_the_secret(repo: Path) -> None:
    """The installed entry point, in a real process: exit 1, redacted output."""
    write(repo, "a.py", python_line())
    run = cli_subprocess(repo, "secrets")
    assert run.code == 1
    assert "ML401" in run.out
    assert_no_secret(run.out, run.err)


# --- staged content ----------------------------------------------------------------------


def test_staged_scans_the_index_not_the_work_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staged secret removed from the work tree is found; a secret only in the work tree is not.

    That is what the commit would contain, and what the plain pre-commit hook must read.
    """
    write(repo, "a.py", python_line())
    git(repo, "add", "a.py")
    write(repo, "a.py", "x = 1\n")  # fixed in the work tree only: the index still has it
    write(repo, "b.py", "y = 1\n")
    git(repo, "add", "b.py")
    write(repo, "b.py", python_line(OTHER_TOKEN))  # the index has the clean version
    assert where(capsys, "--staged") == [("a.py", 1, "ML401")]
    assert where(capsys) == [("b.py", 1, "ML401")]


def test_check_staged_runs_the_secrets_rules_on_the_index(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check --staged`` (the plain pre-commit hook) reports ML401 from the index too."""
    write(repo, "a.py", python_line())
    git(repo, "add", "a.py")
    write(repo, "a.py", "x = 1\n")
    run = cli(capsys, "check", "--staged", "--format", "json")
    assert run.code == 1
    assert [(f["path"], f["code"]) for f in json.loads(run.out)] == [("a.py", "ML401")]
    assert_no_secret(run.out)


# --- the baseline ------------------------------------------------------------------------


def baseline_entries(path: Path) -> list[dict[str, str]]:
    """The entries of a baseline file, which must never hold a secret."""
    text = path.read_text(encoding="utf-8")
    assert_no_secret(text)
    data = json.loads(text)
    assert data["version"] == 1
    entries: list[dict[str, str]] = data["findings"]
    return entries


def test_update_baseline_then_nothing_is_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--update-baseline`` writes path, rule, detector and fingerprint, sorted, no secret."""
    write(repo, "b.py", python_line(OTHER_TOKEN))
    write(repo, "a.py", python_line() + python_line(PASSWORD_VALUE, "password"))
    baseline = repo / ".secrets-baseline.json"
    run = cli(capsys, "secrets", "--baseline", str(baseline), "--update-baseline")
    assert run.code == 0
    assert run.out == ""
    assert "3 accepted findings (3 added, 0 removed)" in run.err
    entries = baseline_entries(baseline)
    assert [(e["path"], e["rule"]) for e in entries] == [
        ("a.py", "ML401"),
        ("a.py", "ML402"),
        ("b.py", "ML401"),
    ]
    assert entries[0]["detector"] == TOKEN_DETECTOR
    assert all(len(e["fingerprint"]) == 16 and "line" not in e for e in entries)
    assert set(entries[0]) == {"path", "rule", "name", "detector", "fingerprint"}
    clean = cli(capsys, "secrets", "--baseline", str(baseline))
    assert clean.code == 0, clean.out


def test_baseline_does_not_churn_when_lines_move(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Code added above a secret, the secret moved: same findings accepted, same bytes."""
    write(repo, "a.py", python_line())
    baseline = repo / "baseline.json"
    assert cli(capsys, "secrets", "--baseline", str(baseline), "--update-baseline").code == 0
    before = baseline.read_bytes()
    mtime = baseline.stat().st_mtime_ns
    write(repo, "a.py", "import os\n\n\ndef f():\n    return 1\n\n\n" + python_line() + "X = 2\n")
    assert cli(capsys, "secrets", "--baseline", str(baseline)).code == 0
    run = cli(capsys, "secrets", "--baseline", str(baseline), "--update-baseline")
    assert run.code == 0 and "is up to date" in run.err
    assert baseline.read_bytes() == before
    assert baseline.stat().st_mtime_ns == mtime  # not even rewritten


def test_new_secret_is_reported_despite_the_baseline(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what the baseline lists is accepted; a new secret, even in the same file, shows."""
    write(repo, "a.py", python_line())
    baseline = repo / "baseline.json"
    cli(capsys, "secrets", "--baseline", str(baseline), "--update-baseline")
    write(repo, "a.py", python_line() + python_line(OTHER_TOKEN, "OTHER"))
    assert where(capsys, "--baseline", str(baseline)) == [("a.py", 2, "ML401")]


def test_configured_baseline_holds_for_secrets_and_check_from_anywhere(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``baseline`` in ``[tool.ml-lint.secrets]``, relative to pyproject.toml: ``secrets``
    writes and reads it without ``--baseline``, and ``check`` (files, staged, standard input)
    leaves out what it accepts, from a subdirectory too; a new secret still shows."""
    write(repo, "pyproject.toml", '[tool.ml-lint.secrets]\nbaseline = "ci/secrets.json"\n')
    write(repo, "src/a.py", python_line())
    (repo / "ci").mkdir()
    updated = cli(capsys, "secrets", "--update-baseline")
    assert updated.code == 0 and "wrote ci/secrets.json: 1 accepted" in updated.err
    assert [e["path"] for e in baseline_entries(repo / "ci" / "secrets.json")] == ["src/a.py"]
    git(repo, "add", "-A")
    monkeypatch.chdir(repo / "src")
    assert cli(capsys, "secrets").code == 0
    assert cli(capsys, "check", "a.py").code == 0
    assert cli(capsys, "check", "--staged").code == 0
    source = (repo / "src" / "a.py").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(source.encode())))
    assert cli(capsys, "check", "--stdin-filename", "a.py").code == 0

    write(repo, "src/a.py", python_line() + python_line(OTHER_TOKEN, "OTHER"))
    assert where(capsys) == [("src/a.py", 2, "ML401")]
    rejected = cli(capsys, "check", "a.py")
    assert rejected.code == 1 and "a.py:2:" in rejected.out and "a.py:1:" not in rejected.out


def test_a_baseline_never_accepts_what_could_not_be_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that cannot be read (here a broken link, named) is no secret: the baseline takes
    only the secret beside it, and an entry for it from an older baseline accepts nothing."""
    write(repo, "a.py", python_line())
    (repo / "gone.py").symlink_to(repo / "nowhere.py")
    baseline = repo / "baseline.json"
    args = ("a.py", "gone.py", "--baseline", str(baseline))
    assert cli(capsys, "secrets", *args, "--update-baseline").code == 0
    assert [e["rule"] for e in baseline_entries(baseline)] == ["ML401"]
    assert where(capsys, *args) == [("gone.py", 1, "ML002")]

    old = json.loads(baseline.read_text(encoding="utf-8"))
    unreadable = finding_fingerprint(finding(UNREADABLE_FILE, "gone.py", "cannot read file"))
    old["findings"].append({"path": "gone.py", "rule": "ML002", "fingerprint": unreadable})
    baseline.write_text(json.dumps(old), encoding="utf-8")
    assert where(capsys, *args) == [("gone.py", 1, "ML002")]
    assert cli(capsys, "secrets", *args, "--update-baseline").code == 0
    assert [e["rule"] for e in baseline_entries(baseline)] == ["ML401"]


def test_update_baseline_drops_fixed_findings_and_keeps_unscanned_paths(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A removed secret leaves the baseline; scanning one file keeps the others' entries."""
    write(repo, "a.py", python_line())
    write(repo, "b.py", python_line(OTHER_TOKEN))
    baseline = repo / "baseline.json"
    cli(capsys, "secrets", "--baseline", str(baseline), "--update-baseline")
    write(repo, "a.py", "x = 1\n")
    run = cli(capsys, "secrets", "a.py", "--baseline", str(baseline), "--update-baseline")
    assert "1 accepted findings (0 added, 1 removed)" in run.err
    assert [e["path"] for e in baseline_entries(baseline)] == ["b.py"]


def test_missing_baseline_is_empty_and_broken_one_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A baseline that does not exist yet accepts nothing; an invalid one exits 2."""
    write(repo, "a.py", python_line())
    assert where(capsys, "--baseline", "missing.json") == [("a.py", 1, "ML401")]
    write(repo, "broken.json", "{not json")
    run = cli(capsys, "secrets", "--baseline", "broken.json")
    assert run.code == 2 and "baseline broken.json is not valid JSON" in run.err
    write(repo, "other.json", '{"version": 1, "findings": [{"rule": "ML401"}]}')
    run = cli(capsys, "secrets", "--baseline", "other.json")
    assert run.code == 2 and "needs string rule and fingerprint" in run.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--update-baseline"], "--update-baseline needs --baseline FILE"),
        (["--staged", "--history"], "choose one of --staged, --history and --pre-push"),
        (["--history", "HEAD", "a.py"], "paths cannot be combined with --history"),
    ],
)
def test_usage_errors(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Contradictory options exit 2 with the reason."""
    write(repo, "a.py", "x = 1\n")
    commit_all(repo, "chore: start")
    run = cli(capsys, "secrets", *args)
    assert run.code == 2 and message in run.err, run.err
