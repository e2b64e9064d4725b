"""Report formats end to end: real git repositories, real files, the CLI run in-process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest
from support import cli, commit_all, git, init_repo, write

import ml_lint.checks.style as style_checks
from ml_lint import registry
from ml_lint.config import Config
from ml_lint.model import Finding
from ml_lint.source import SourceFile

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
# 120 characters; the 20 two-byte characters before the limit make byte and character
# columns differ by 20, so column 101 proves columns count characters.
LONG_LINE = "s = '" + "é" * 20 + "x" * 94 + "'"
LONG_MESSAGE = "line is 120 characters, more than 100; wrap it"
TAB_MESSAGE = "indentation contains a tab; indent with 4 spaces per level"
LATIN1_MESSAGE = "file is not valid UTF-8 (byte 0xe9 at offset 21); re-save it as UTF-8"
SYNTAX_MESSAGE = "cannot parse Python: unmatched ')'"
BRANCH_MESSAGE = (
    "branch 'Bad_Branch' has no prefix; name it `<prefix>/<description>` with a prefix "
    "from feature, fix, docs, refactor: try 'feature/bad-branch'"
)
EXPECTED = (
    "expected `type(scope): description`, "
    "e.g. `feat(transformers): add multi-head attention implementation`"
)
COMMIT_MESSAGE = (
    "subject 'Added stuff' is not in Conventional Commits form: start with a type and a "
    f"colon; {EXPECTED} (for example `feat: added stuff`)"
)
FINDING_KEYS = {
    "code",
    "name",
    "message",
    "severity",
    "path",
    "cell",
    "line",
    "column",
    "end_line",
    "end_column",
    "fingerprint",
    "secret_fingerprint",
    "secret_detector",
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class FindingsRepo(NamedTuple):
    """A repository with one known finding per kind of problem."""

    root: Path
    sha: str


def json_findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    """The findings of ``ml-lint check ARGS --format json``."""
    run = cli(capsys, "check", *args, "--format", "json")
    assert run.err == ""
    data: list[dict[str, Any]] = json.loads(run.out)
    return data


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    """The SARIF document of ``ml-lint check ARGS --format sarif``."""
    run = cli(capsys, "check", *args, "--format", "sarif")
    document: dict[str, Any] = json.loads(run.out)
    return document


def sarif_validator() -> jsonschema.Draft7Validator:
    """A Draft 7 validator of the official SARIF 2.1.0 schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def assert_valid_sarif(document: dict[str, Any]) -> None:
    """Fail with every schema violation listed."""
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(document)
    ]
    assert errors == []


def result_by_rule(document: dict[str, Any], code: str) -> dict[str, Any]:
    """The one SARIF result of rule ``code``."""
    matches = [r for r in document["runs"][0]["results"] if r["ruleId"] == code]
    assert len(matches) == 1, matches
    result: dict[str, Any] = matches[0]
    return result


def make_findings_repo(root: Path) -> FindingsRepo:
    """A committed repository whose files each trigger one known finding (and a .png)."""
    init_repo(root)
    write(root, "long.py", LONG_LINE + "\n")
    write(root, "tabs.py", "def f():\n\treturn 1\n")
    write(root, "broken.py", "x = 'é' + )\n")
    write(root, "latin1.py", b"# comment\nname = 'caf\xe9'\n")
    write(root, "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe")
    write(root, "clean.py", '"""A clean module."""\n\nVALUE = 1\n')
    write(root, "pyproject.toml", '[tool.ml-lint]\nignore = ["ML2"]  # one finding per file\n')
    sha = commit_all(root, "Added stuff")
    return FindingsRepo(root, sha)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FindingsRepo:
    """The findings repository, as the current directory."""
    made = make_findings_repo(tmp_path / "repo")
    monkeypatch.chdir(made.root)
    return made


@pytest.fixture
def clean_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed repository with two clean Python files, as the current directory."""
    root = init_repo(tmp_path / "clean")
    write(root, "a.py", '"""Module a."""\n\nA = 1\n')
    write(root, "b.py", '"""Module b."""\n\nB = 2\n')
    commit_all(root, "feat: add modules")
    monkeypatch.chdir(root)
    return root


def all_args() -> tuple[str, ...]:
    """Files, the commit and a branch name: every kind of finding at once."""
    return (".", "--commits", "HEAD", "--branch", "Bad_Branch")


# --- json --------------------------------------------------------------------------------


def test_json_every_field(repo: FindingsRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON lists every finding, sorted, with every field; the .png is skipped."""
    findings = json_findings(capsys, *all_args())
    for item in findings:
        assert set(item) == FINDING_KEYS
        assert re.fullmatch(r"[0-9a-f]{32}", item["fingerprint"])
    without_fingerprints = [{k: v for k, v in f.items() if k != "fingerprint"} for f in findings]

    def expected(
        code: str, name: str, path: str, message: str, position: tuple[int, int, int, int]
    ) -> dict[str, Any]:
        line, column, end_line, end_column = position
        return {
            "code": code,
            "name": name,
            "message": message,
            "severity": "error",
            "path": path,
            "cell": None,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "secret_fingerprint": None,
            "secret_detector": None,
        }

    commit = f"commit:{repo.sha[:12]}"
    assert without_fingerprints == [
        expected("ML121", "branch-name-format", "branch:Bad_Branch", BRANCH_MESSAGE, (1, 1, 1, 1)),
        expected("ML003", "syntax-error", "broken.py", SYNTAX_MESSAGE, (1, 11, 1, 11)),
        expected("ML101", "commit-header-format", commit, COMMIT_MESSAGE, (1, 1, 1, 12)),
        expected("ML002", "unreadable-file", "latin1.py", LATIN1_MESSAGE, (2, 1, 2, 1)),
        expected("ML010", "line-too-long", "long.py", LONG_MESSAGE, (1, 101, 1, 121)),
        expected("ML011", "tab-indentation", "tabs.py", TAB_MESSAGE, (2, 1, 2, 1)),
    ]
    assert len({f["fingerprint"] for f in findings}) == len(findings)


def test_json_rows_are_exactly_what_json_dumps_writes() -> None:
    """Each row, written field by field, is the text json.dumps gives for the same object.

    Characters outside ASCII are escaped, as json.dumps does by default.
    """
    from ml_lint.report import fingerprints, json_report

    findings = [
        Finding("a.py", 1, 2, "ML201", 'quote " backslash \\ tab \t ü 🙂 \x01', 1, 3, "n"),
        Finding("nb.ipynb", 4, 1, "ML202", "m", 4, 9, "n", "warning", cell=2),
        Finding("s.env", 1, 1, "ML401", "secret", 1, 5, "n", fingerprint="ab", detector="aws"),
    ]
    keys = fingerprints(findings)
    rows = []
    for item, key in zip(findings, keys, strict=True):
        data = {
            **{k: getattr(item, k) for k in ("code", "name", "message", "severity", "path")},
            **{k: getattr(item, k) for k in ("cell", "line", "column", "end_line", "end_column")},
            "fingerprint": key,
            "secret_fingerprint": item.fingerprint,
            "secret_detector": item.detector,
        }
        assert set(data) == FINDING_KEYS
        rows.append(json.dumps(data))
    report = json_report.render(findings, None)
    assert report == "[\n  " + ",\n  ".join(rows) + "\n]\n"
    assert report.isascii()
    assert json.loads(report)[0]["message"] == findings[0].message


def test_json_columns_count_characters(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line-too-long column is 101 in characters although 20 two-byte characters precede it."""
    assert len(LONG_LINE) == 120
    assert len(LONG_LINE.encode("utf-8")) == 140
    (finding,) = [f for f in json_findings(capsys, "long.py") if f["code"] == "ML010"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 101, 121)
    assert LONG_LINE[finding["column"] - 1 :] == "x" * 19 + "'"


def test_json_fingerprints_stable_across_runs(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two runs over the same tree give byte-identical JSON."""
    first = cli(capsys, "check", *all_args(), "--format", "json")
    second = cli(capsys, "check", *all_args(), "--format", "json")
    assert first.code == second.code == 1
    assert first.out == second.out


def test_json_clean_run_is_empty_array(
    clean_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clean run prints an empty JSON array and exits 0."""
    run = cli(capsys, "check", "--format", "json")
    assert (run.code, json.loads(run.out), run.err) == (0, [], "")


def test_json_good_commit_range_has_no_commit_findings(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--commits BASE..HEAD` checks only the commits in the range, here one good one."""
    write(repo.root, "more.py", "MORE = 1\n")
    commit_all(repo.root, "feat(core): add more")
    run = cli(capsys, "check", "--commits", f"{repo.sha}..HEAD", "--format", "json")
    assert (run.code, json.loads(run.out)) == (0, [])
    findings = json_findings(capsys, "--commits", "HEAD")
    assert [(f["code"], f["path"]) for f in findings] == [("ML101", f"commit:{repo.sha[:12]}")]


@pytest.mark.parametrize("separator", ["\u2028", "\x0c"], ids=["line-separator", "form-feed"])
def test_json_line_numbers_ignore_non_newline_separators(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    separator: str,
) -> None:
    """Only \\n, \\r\\n and \\r end a line: a long line 2 is reported on line 2."""
    root = init_repo(tmp_path / "sep")
    write(root, "sep.py", f"s = 'a{separator}b'\n" + LONG_LINE + "\n")
    monkeypatch.chdir(root)
    findings = json_findings(capsys)
    assert [(f["code"], f["line"]) for f in findings] == [("ML010", 2)]


# --- sarif -------------------------------------------------------------------------------


def test_sarif_valid_with_findings(repo: FindingsRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """SARIF with file, commit and branch findings validates against the official schema."""
    document = sarif(capsys, *all_args())
    assert_valid_sarif(document)
    (run,) = document["runs"]
    assert document["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "ml-lint"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.root.resolve().as_uri() + "/"
    assert sorted(r["ruleId"] for r in run["results"]) == [
        "ML002",
        "ML003",
        "ML010",
        "ML011",
        "ML101",
        "ML121",
    ]


def test_sarif_valid_without_findings(clean_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean run's SARIF validates, has no results and still describes the enabled rules."""
    run = cli(capsys, "check", "--format", "sarif")
    assert run.code == 0
    document = json.loads(run.out)
    assert_valid_sarif(document)
    assert document["runs"][0]["results"] == []
    described = [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]]
    assert described == [rule.code for rule in registry.all_rules() if not rule.preview]


def test_sarif_rule_metadata(repo: FindingsRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """Every result's ruleIndex points at its rule, described from the registry."""
    document = sarif(capsys, *all_args(), "--select", "ML010,ML011", "--ignore", "ML002,ML003")
    driver_rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in driver_rules] == ["ML010", "ML011"]
    results = document["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["ML010", "ML011"]
    for result in results:
        described = driver_rules[result["ruleIndex"]]
        rule = registry.get(result["ruleId"])
        assert described["id"] == rule.code
        assert described["name"] == rule.name
        assert described["shortDescription"] == {"text": rule.summary}
        assert described["fullDescription"] == {"text": rule.explanation}
        assert rule.bad in described["help"]["text"]
        assert rule.good in described["help"]["text"]
        assert described["defaultConfiguration"] == {"level": "error"}
        assert result["level"] == "error"
    assert_valid_sarif(document)


def test_sarif_report_holds_no_secret_for_a_later_scan(
    clean_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The secrets rules' failing examples stay out of SARIF: a report in the tree scans clean."""
    run = cli(capsys, "check", "--select", "ALL", "--format", "sarif", "-o", "ml-lint.sarif")
    assert run.code == 0, run.out
    driver = json.loads((clean_repo / "ml-lint.sarif").read_text(encoding="utf-8"))
    help_texts = {
        rule["id"]: rule["help"]["text"] for rule in driver["runs"][0]["tool"]["driver"]["rules"]
    }
    assert "`ml-lint rule ML402` shows it" in help_texts["ML402"]
    assert registry.get("ML010").bad in help_texts["ML010"]
    scan = cli(capsys, "secrets", "ml-lint.sarif")
    assert scan.code == 0, scan.out


def test_sarif_warning_rule_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning-severity rule (ML004) is level warning in the result and its metadata."""
    root = init_repo(tmp_path / "warn")
    write(root, "a.py", "x = 1  # ml-lint: ignore[ML010]\n")
    monkeypatch.chdir(root)
    document = sarif(capsys, "--report-unused-ignores")
    result = result_by_rule(document, "ML004")
    assert result["level"] == "warning"
    described = document["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert described["defaultConfiguration"] == {"level": "warning"}
    assert_valid_sarif(document)


def test_sarif_uris_are_repo_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from a subdirectory, URIs are still relative to the repository root."""
    root = init_repo(tmp_path / "nested")
    write(root, "pkg/sub/mod.py", LONG_LINE + "\n")
    monkeypatch.chdir(root / "pkg")
    document = sarif(capsys, ".")
    location = result_by_rule(document, "ML010")["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pkg/sub/mod.py", "uriBaseId": "%SRCROOT%"}
    base = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == root.resolve().as_uri() + "/"
    assert_valid_sarif(document)


def test_sarif_regions_are_one_based(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regions use 1-based lines and character columns."""
    document = sarif(capsys, ".")

    def region(code: str) -> dict[str, Any]:
        found: dict[str, Any] = result_by_rule(document, code)["locations"][0]["physicalLocation"][
            "region"
        ]
        return found

    assert region("ML010") == {"startLine": 1, "startColumn": 101, "endLine": 1, "endColumn": 121}
    assert region("ML011") == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1}
    assert region("ML003") == {"startLine": 1, "startColumn": 11, "endLine": 1, "endColumn": 11}
    assert region("ML002") == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1}


def test_sarif_fingerprint_stable_when_line_moves(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Inserting lines above a finding moves its region but keeps its partialFingerprints."""
    before = result_by_rule(sarif(capsys, "long.py"), "ML010")
    write(repo.root, "long.py", "import os\n\nprint(os.sep)\n" + LONG_LINE + "\n")
    after = result_by_rule(sarif(capsys, "long.py"), "ML010")
    assert before["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert set(before["partialFingerprints"]) == {"mlLintFingerprint/v1"}
    assert re.fullmatch(r"[0-9a-f]{32}", before["partialFingerprints"]["mlLintFingerprint/v1"])
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_sarif_commit_and_branch_logical_locations(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Commit and branch findings have logical locations, and their messages name them."""
    document = sarif(capsys, "--commits", "HEAD", "--branch", "Bad_Branch")
    assert_valid_sarif(document)
    short = repo.sha[:12]
    assert result_by_rule(document, "ML101")["locations"] == [
        {
            "logicalLocations": [
                {"name": short, "kind": "resource", "fullyQualifiedName": f"commit:{short}"}
            ]
        }
    ]
    assert result_by_rule(document, "ML121")["locations"] == [
        {
            "logicalLocations": [
                {
                    "name": "Bad_Branch",
                    "kind": "resource",
                    "fullyQualifiedName": "branch:Bad_Branch",
                }
            ]
        }
    ]
    assert result_by_rule(document, "ML101")["message"] == {
        "text": f"commit:{short}: {COMMIT_MESSAGE}"
    }
    assert result_by_rule(document, "ML121")["message"]["text"].startswith("branch:Bad_Branch: ")


def test_a_file_named_like_a_commit_is_reported_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file called ``commit:x.py`` is not taken for a commit: its path gets a ``./``."""
    root = init_repo(tmp_path / "pseudo")
    write(root, "commit:x.py", "if True:\n\tx = 1\n")
    monkeypatch.chdir(root)
    run = cli(capsys, "check", "--select", "ML011", ".")
    assert run.out.startswith("./commit:x.py:2:1: ML011")
    assert run.out.endswith("Found 1 problem in 1 file.\n")
    document = sarif(capsys, "--select", "ML011", ".")
    location = document["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "./commit%3Ax.py"


def test_sarif_uri_is_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path with a space and a '#' becomes a percent-encoded URI reference."""
    root = init_repo(tmp_path / "spaces")
    write(root, "my dir/data #1.py", LONG_LINE + "\n")
    monkeypatch.chdir(root)
    document = sarif(capsys)
    uri = result_by_rule(document, "ML010")["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "my%20dir/data%20%231.py"
    assert urllib.parse.unquote(uri["uri"]) == "my dir/data #1.py"


# --- github ------------------------------------------------------------------------------


def test_github_annotations_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One workflow command per finding; %, ',' and ':' are escaped in properties and data."""
    root = init_repo(tmp_path / "gh")
    write(root, "long.py", LONG_LINE + "\n")
    write(root, "odd%,name:x.py", "if True:\n\tx = 1\n")
    sha = commit_all(root, "Added 100% stuff")[:12]
    monkeypatch.chdir(root)
    run = cli(capsys, "check", ".", "--commits", "HEAD", "--format", "github")
    assert run.code == 1
    commit_message = (
        "subject 'Added 100%25 stuff' is not in Conventional Commits form: start with a type "
        f"and a colon; {EXPECTED} (for example `feat: added 100%25 stuff`)"
    )
    assert run.out.splitlines() == [
        f"::error title=ML101 commit-header-format::commit:{sha}: {commit_message}",
        "::error file=long.py,line=1,col=101,endLine=1,endColumn=121,"
        f"title=ML010 line-too-long::{LONG_MESSAGE}",
        "::error file=odd%25%2Cname%3Ax.py,line=2,col=1,endLine=2,"
        f"title=ML011 tab-indentation::{TAB_MESSAGE}",
    ]
    assert run.out.endswith("\n")


def test_github_annotation_of_a_notebook_cell_points_at_line_one() -> None:
    """A cell finding is annotated on the notebook's first line, the cell named in the text."""
    from ml_lint.report import Context, github_report

    found = Finding("nb.ipynb", 4, 2, "ML202", "m", 4, 9, "type-hints-missing", cell=3)
    assert github_report.render([found], Context((), "/repo")) == (
        "::error file=nb.ipynb,line=1,title=ML202 type-hints-missing::cell 3, line 4, column 2: m\n"
    )


def test_github_escapes_newline_and_percent_in_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A message with a newline and '%' stays on one annotation line, escaped."""

    def crash(source: SourceFile, config: Config) -> Iterator[Finding]:
        raise ValueError("first line\nsecond 50%")

    monkeypatch.setattr(style_checks, "check", crash)
    root = init_repo(tmp_path / "crash")
    write(root, "a:b.py", "A = 1\n")
    monkeypatch.chdir(root)
    run = cli(capsys, "check", "--format", "github")
    assert run.code == 1
    assert run.out == (
        "::error file=a%3Ab.py,line=1,col=1,endLine=1,title=ML001 internal-error::"
        "checker 'style' failed on this file with ValueError: first line%0Asecond 50%25; "
        "the other checks ran. Please report this.\n"
    )


def test_github_warning_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning-severity finding becomes a ::warning command."""
    root = init_repo(tmp_path / "warn")
    write(root, "a.py", "x = 1  # ml-lint: ignore[ML010]\n")
    monkeypatch.chdir(root)
    run = cli(capsys, "check", "--report-unused-ignores", "--format", "github")
    assert run.out == (
        "::warning file=a.py,line=1,col=8,endLine=1,title=ML004 unused-suppression::"
        "suppression of 'ML010' is unused; remove it\n"
    )


def test_github_step_summary_appended_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GITHUB_STEP_SUMMARY gets a markdown table appended on every run, never overwritten."""
    root = init_repo(tmp_path / "summary")
    write(root, "long.py", LONG_LINE + "\n")
    write(root, "tabs.py", "def f():\n\treturn 1\n")
    write(root, "pipe.py", "if True:\n\tx = 1\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(root)
    table = (
        "### ml-lint\n\n3 problems.\n\n| rule | count |\n|---|---:|\n"
        "| `ML011` tab-indentation | 2 |\n| `ML010` line-too-long | 1 |\n\n"
        "| location | rule | message |\n|---|---|---|\n"
        f"| `long.py:1:101` | `ML010` | {LONG_MESSAGE} |\n"
        f"| `pipe.py:2:1` | `ML011` | {TAB_MESSAGE} |\n"
        f"| `tabs.py:2:1` | `ML011` | {TAB_MESSAGE} |\n"
    )
    assert cli(capsys, "check", "--only", "ML0", "--format", "github").code == 1
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + table
    assert cli(capsys, "check", "--only", "ML0", "--format", "github").code == 1
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + table + table


def test_github_step_summary_cells_survive_any_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bars, backticks and newlines in a path keep each finding one cell of one row."""
    root = init_repo(tmp_path / "summary")
    for name in ("pi|pe.py", "back`tick.py", "new\nline.py"):
        write(root, name, "if True:\n\tx = 1\n")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(root)
    assert cli(capsys, "check", "--select", "ML011", "--format", "github").code == 1
    rows = summary.read_text(encoding="utf-8").splitlines()
    assert rows[2] == "3 problems."
    assert rows[-3:] == [
        f"| `` back`tick.py:2:1 `` | `ML011` | {TAB_MESSAGE} |",
        f"| `new\\nline.py:2:1` | `ML011` | {TAB_MESSAGE} |",
        f"| `pi\\|pe.py:2:1` | `ML011` | {TAB_MESSAGE} |",
    ]
    write(root, "back`tick.py", "x = 1\n")
    write(root, "new\nline.py", "x = 1\n")
    summary.unlink()
    assert cli(capsys, "check", "--select", "ML011", "--format", "github").code == 1
    assert summary.read_text(encoding="utf-8").splitlines()[2] == "1 problem."


def test_github_step_summary_clean_and_other_formats(
    clean_repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A clean github run writes 'All checks passed.'; other formats leave the summary alone."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli(capsys, "check", "--format", "json").code == 0
    assert not summary.exists()
    run = cli(capsys, "check", "--format", "github")
    assert (run.code, run.out) == (0, "")
    assert summary.read_text(encoding="utf-8") == "### ml-lint\n\nAll checks passed.\n"


# --- gitlab ------------------------------------------------------------------------------


def test_gitlab_code_quality_fields(repo: FindingsRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """Code Quality issues carry description, check_name, severity, location and fingerprint."""
    findings = json_findings(capsys, *all_args())
    run = cli(capsys, "check", *all_args(), "--format", "gitlab")
    assert run.code == 1
    issues = json.loads(run.out)
    assert len(issues) == len(findings) == 6
    for issue, finding in zip(issues, findings, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["description"] == f"{finding['code']} {finding['message']}"
        assert issue["check_name"] == finding["name"]
        assert issue["severity"] == "major"
        assert issue["location"] == {
            "path": finding["path"],
            "lines": {"begin": finding["line"], "end": finding["end_line"]},
        }
        assert issue["fingerprint"] == finding["fingerprint"]
    long_issue = next(i for i in issues if i["check_name"] == "line-too-long")
    assert long_issue["location"] == {"path": "long.py", "lines": {"begin": 1, "end": 1}}
    assert long_issue["description"] == f"ML010 {LONG_MESSAGE}"


def test_fingerprints_unique_for_identical_findings_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Same rule, file and message: distinct fingerprints, the same in json, SARIF, GitLab."""
    root = init_repo(tmp_path / "dupes")
    write(root, "tabs.py", "if True:\n\tx = 1\n\ty = 2\n\tz = 3\n")
    monkeypatch.chdir(root)
    issues = json.loads(cli(capsys, "check", "--only", "ML0", "--format", "gitlab").out)
    assert [i["location"]["lines"]["begin"] for i in issues] == [2, 3, 4]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 3
    assert [f["fingerprint"] for f in json_findings(capsys, "--only", "ML0")] == fingerprints
    results = sarif(capsys, "--only", "ML0")["runs"][0]["results"]
    assert [r["partialFingerprints"]["mlLintFingerprint/v1"] for r in results] == fingerprints


def test_gitlab_warning_is_minor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning-severity finding has Code Quality severity minor."""
    root = init_repo(tmp_path / "warn")
    write(root, "a.py", "x = 1  # ml-lint: ignore[ML010]\n")
    monkeypatch.chdir(root)
    (issue,) = json.loads(
        cli(capsys, "check", "--only", "ML0", "--report-unused-ignores", "--format", "gitlab").out
    )
    assert (issue["check_name"], issue["severity"]) == ("unused-suppression", "minor")


def test_gitlab_clean_run(clean_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean run is an empty Code Quality array."""
    run = cli(capsys, "check", "--format", "gitlab")
    assert (run.code, json.loads(run.out)) == (0, [])


# --- junit -------------------------------------------------------------------------------


def test_junit_suite_per_file(repo: FindingsRepo, capsys: pytest.CaptureFixture[str]) -> None:
    """One testsuite per file, commit or branch; one failed testcase per finding."""
    write(repo.root, "tabs.py", "if True:\n\tx = 1\n\ty = 2\n")
    run = cli(capsys, "check", *all_args(), "--format", "junit")
    assert run.code == 1
    assert run.out.startswith("<?xml version='1.0' encoding='utf-8'?>\n")
    root = ET.fromstring(run.out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    assert (root.get("name"), root.get("tests"), root.get("failures")) == ("ml-lint", "7", "7")
    short = f"commit:{repo.sha[:12]}"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == [
        "branch:Bad_Branch",
        "broken.py",
        short,
        "latin1.py",
        "long.py",
        "tabs.py",
    ]
    counts = {name: (s.get("tests"), s.get("failures")) for name, s in suites.items()}
    assert counts["tabs.py"] == ("2", "2")
    assert counts["long.py"] == ("1", "1")
    (case,) = suites["long.py"].findall("testcase")
    assert case.attrib == {
        "classname": "long.py",
        "name": "ML010 line-too-long at long.py:1:101",
        "file": "long.py",
        "line": "1",
    }
    (failure,) = case.findall("failure")
    assert failure.attrib == {"message": LONG_MESSAGE, "type": "ML010"}
    assert failure.text == f"long.py:1:101: ML010 [line-too-long] {LONG_MESSAGE}"
    lines = [c.get("line") for c in suites["tabs.py"].findall("testcase")]
    assert lines == ["2", "3"]
    (commit_case,) = suites[short].findall("testcase")
    commit_failure = commit_case.find("failure")
    assert commit_failure is not None
    assert commit_failure.get("type") == "ML101"


def test_junit_case_names_are_unique_within_a_suite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two findings of one rule at one place get distinct names (CI keys cases by name)."""
    root = init_repo(tmp_path / "junit")
    write(
        root,
        "m.py",
        '"""Module."""\n\n\ndef f(a: int, b: int) -> None:\n'
        '    """Do.\n\n    Args:\n        a (str): A.\n        b (str): B.\n    """\n',
    )
    monkeypatch.chdir(root)
    run = cli(capsys, "check", "--select", "ML213", "--format", "junit", ".")
    suite = ET.fromstring(run.out.split("\n", 1)[1]).find("testsuite")
    assert suite is not None
    assert [case.get("name") for case in suite.findall("testcase")] == [
        "ML213 docstring-args-type at m.py:4:1",
        "ML213 docstring-args-type at m.py:4:1 (2)",
    ]


def test_junit_clean_run_has_one_passing_testcase(
    clean_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clean run is one suite with one passing testcase."""
    run = cli(capsys, "check", "--format", "junit")
    assert run.code == 0
    root = ET.fromstring(run.out.split("\n", 1)[1])
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "all checks passed"
    assert list(case) == []


# --- text --------------------------------------------------------------------------------


def test_text_grouped_by_file_with_summary(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text groups findings by file with a blank line between files, then counts per rule."""
    write(repo.root, "tabs.py", "if True:\n\tx = 1\n\ty = 2\n")
    run = cli(capsys, "check", *all_args())
    assert run.code == 1
    short = repo.sha[:12]
    assert run.out == (
        f"branch:Bad_Branch:1:1: ML121 [branch-name-format] {BRANCH_MESSAGE}\n"
        "\n"
        f"broken.py:1:11: ML003 [syntax-error] {SYNTAX_MESSAGE}\n"
        "\n"
        f"commit:{short}:1:1: ML101 [commit-header-format] {COMMIT_MESSAGE}\n"
        "\n"
        f"latin1.py:2:1: ML002 [unreadable-file] {LATIN1_MESSAGE}\n"
        "\n"
        f"long.py:1:101: ML010 [line-too-long] {LONG_MESSAGE}\n"
        "\n"
        f"tabs.py:2:1: ML011 [tab-indentation] {TAB_MESSAGE}\n"
        f"tabs.py:3:1: ML011 [tab-indentation] {TAB_MESSAGE}\n"
        "\n"
        "    2  ML011  tab-indentation\n"
        "    1  ML002  unreadable-file\n"
        "    1  ML003  syntax-error\n"
        "    1  ML010  line-too-long\n"
        "    1  ML101  commit-header-format\n"
        "    1  ML121  branch-name-format\n"
        "Found 7 problems in 4 files, 1 commit and 1 branch name.\n"
    )


def test_text_escapes_control_characters(
    clean_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tab or an escape sequence in a file name or a quoted text is shown, not obeyed."""
    write(clean_repo, "a\tb\x1b[31m.py", "if True:\n\tx = 1\n")
    write(clean_repo, "c\u202ed\x9b.py", "if True:\n\tx = 1\n")  # a bidi override, a C1 CSI
    git(clean_repo, "commit", "-q", "--allow-empty", "-m", "Red \x1b[31malert")
    run = cli(capsys, "check", "--commits", "HEAD", ".")
    assert "\x1b" not in run.out and "\t" not in run.out
    assert "a\\tb\\x1b[31m.py:2:1: ML011" in run.out
    assert "c\\u202ed\\x9b.py:2:1: ML011" in run.out and "\u202e" not in run.out
    assert "'Red \\x1b[31malert'" in run.out


def test_text_statistics_shows_counts_only(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """--statistics prints the counts per rule and the total, no individual findings."""
    run = cli(capsys, "check", ".", "--statistics")
    assert run.code == 1
    assert run.out == (
        "    1  ML002  unreadable-file\n"
        "    1  ML003  syntax-error\n"
        "    1  ML010  line-too-long\n"
        "    1  ML011  tab-indentation\n"
        "Found 4 problems in 4 files.\n"
    )


def test_text_warning_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning-severity finding is labelled (warning) in text output."""
    root = init_repo(tmp_path / "warn")
    write(root, "a.py", "x = 1  # ml-lint: ignore[ML010]\n")
    monkeypatch.chdir(root)
    run = cli(capsys, "check", "--report-unused-ignores", "--only", "ML0")
    assert run.out.splitlines()[0] == (
        "a.py:1:8: ML004 [unused-suppression] (warning) suppression of 'ML010' is unused; remove it"
    )


def test_text_no_ansi_when_not_a_terminal(
    repo: FindingsRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --color auto and a captured (non-terminal) stdout there are no ANSI codes."""
    auto = cli(capsys, "check", "long.py")
    never = cli(capsys, "check", "long.py", "--color", "never")
    assert auto.out == never.out
    assert "\x1b[" not in auto.out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" not in cli(capsys, "check", "long.py", "--color", "never").out


def test_text_ansi_with_color_always(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """--color always paints location and code; stripping the codes gives the plain report."""
    plain = cli(capsys, "check", "long.py", "--only", "ML0").out
    colored = cli(capsys, "check", "long.py", "--only", "ML0", "--color", "always").out
    assert colored.splitlines()[0] == (
        f"\x1b[1mlong.py:1:101\x1b[0m: \x1b[1;35mML010\x1b[0m [line-too-long] {LONG_MESSAGE}"
    )
    assert ANSI.sub("", colored) == plain


def test_text_force_color_env(
    repo: FindingsRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """FORCE_COLOR turns colour on under --color auto; NO_COLOR wins over it."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[1;35mML010" in cli(capsys, "check", "long.py").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli(capsys, "check", "long.py").out


def test_text_clean_run(clean_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A clean run says all checks passed and how many files were checked."""
    write(clean_repo, "logo.png", b"\x89PNG\r\n\x1a\n\x00")
    run = cli(capsys, "check")
    assert (run.code, run.out, run.err) == (0, "All checks passed (2 files checked).\n", "")


def test_text_clean_run_one_file_singular(
    clean_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With one file checked the summary says '1 file', not '1 files'."""
    run = cli(capsys, "check", "a.py")
    assert run.out == "All checks passed (1 file checked).\n"


# --- output file -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_output_file_gets_report_stdout_empty(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """--output-file writes exactly the report stdout would show, and prints nothing."""
    (repo.root / "out").mkdir()
    to_stdout = cli(capsys, "check", *all_args(), "--format", fmt)
    to_file = cli(capsys, "check", *all_args(), "--format", fmt, "--output-file", "out/report")
    assert to_file.code == to_stdout.code == 1
    assert (to_file.out, to_file.err) == ("", "")
    assert (repo.root / "out" / "report").read_text(encoding="utf-8") == to_stdout.out


def test_output_file_short_option_never_colored(
    repo: FindingsRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o writes the text report without colour even when FORCE_COLOR is set."""
    (repo.root / "out").mkdir()
    monkeypatch.setenv("FORCE_COLOR", "1")
    run = cli(capsys, "check", "long.py", "--select", "ML010", "-o", "out/report.txt")
    assert (run.code, run.out) == (1, "")
    text = (repo.root / "out" / "report.txt").read_text(encoding="utf-8")
    assert text.startswith(f"long.py:1:101: ML010 [line-too-long] {LONG_MESSAGE}\n")
    assert "\x1b[" not in text


def test_junit_stays_valid_xml_with_control_characters(
    clean_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control character in a file name cannot make the JUnit report unparsable."""
    write(clean_repo, "odd\x02name.py", "if True:\n\tx = 1\n")
    root = ET.fromstring(cli(capsys, "check", "--format", "junit").out)
    suite = root.find("./testsuite")
    assert suite is not None and suite.attrib["name"] == "odd\ufffdname.py"


def test_fingerprints_are_the_same_in_another_process(
    repo: FindingsRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fingerprints come from content, not from per-process state such as hash seeds."""
    in_process = [f["fingerprint"] for f in json_findings(capsys)]
    done = subprocess.run(
        [sys.executable, "-m", "ml_lint", "check", "--format", "json"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert [f["fingerprint"] for f in json.loads(done.stdout)] == in_process


def test_a_console_that_cannot_encode_a_path_gets_escapes_or_utf8(tmp_path: Path) -> None:
    """With a cp1252 stdout (Windows pipes), text shows escapes and machine formats are UTF-8."""
    write(tmp_path, "日本.py", "if True:\n\tx = 1\n")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [sys.executable, "-m", "ml_lint", *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, check=False)

    text = run("check", "--no-cache", "--select", "ML011", ".")
    assert text.returncode == 1, text.stderr.decode()
    assert text.stdout.decode("cp1252").startswith("\\u65e5\\u672c.py:2:1: ML011")
    junit = run("check", "--no-cache", "--select", "ML011", "--format", "junit", ".")
    assert junit.returncode == 1, junit.stderr.decode()
    suite = ET.fromstring(junit.stdout).find("testsuite")
    assert suite is not None and suite.get("name") == "日本.py"
    hook = run("commit-msg", str(write(tmp_path, "MSG", "これは駄目\n")))
    assert hook.returncode == 1, hook.stderr.decode()
    assert "'\\u3053\\u308c\\u306f\\u99c4\\u76ee'" in hook.stdout.decode("cp1252")
