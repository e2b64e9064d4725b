"""``ml-lint secrets --history`` and ``--pre-push``: what commits added, in real repositories."""

from __future__ import annotations

import io
import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from secrets_support import OTHER_TOKEN, TOKEN_DETECTOR, assert_no_secret, python_line
from support import cli, git, init_repo, write

from ml_lint.secrets import history

DATE = "2024-05-01T12:00:00+00:00"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository on main, as the current directory, with fixed commit dates."""
    root = init_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_AUTHOR_DATE", DATE)
    monkeypatch.setenv("GIT_COMMITTER_DATE", DATE)
    return root


def commit(root: Path, message: str, **files: str) -> str:
    """Write ``files`` (name=text; ``__`` in a name is ``/``), commit them, return the sha."""
    for name, text in files.items():
        write(root, name.replace("__", "/"), text)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def history_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    """``ml-lint secrets --history ARGS --format json``, parsed (exit 0 or 1)."""
    run = cli(capsys, "secrets", "--history", *args, "--format", "json")
    assert run.code in (0, 1), run.err
    assert_no_secret(run.out, run.err)
    data: list[dict[str, Any]] = json.loads(run.out)
    return data


def where(results: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    """(path, line, code) of each finding."""
    return [(f["path"], f["line"], f["code"]) for f in results]


# --- the log parser ----------------------------------------------------------------------

LOG = b"""\x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2024-05-01

diff --git a/a.py b/a.py
index 1111111..2222222 100644
--- a/a.py
+++ b/a.py
@@ -1,3 +1,4 @@
 one
-two
+++ plus-prefixed content
+three
 four
@@ -10 +11,2 @@ def f():
 ten
+eleven
\\ No newline at end of file
diff --git a/logo.png b/logo.png
new file mode 100644
index 0000000..3333333
Binary files /dev/null and b/logo.png differ
diff --git "a/sp ace\\tq.txt" "b/sp ace\\tq.txt"
new file mode 100644
index 0000000..4444444
--- /dev/null
+++ "b/sp ace\\tq.txt"
@@ -0,0 +1 @@
+\xc3\xa9t\xc3\xa9
diff --git a/gone.py b/gone.py
deleted file mode 100644
index 5555555..0000000
--- a/gone.py
+++ /dev/null
@@ -1 +0,0 @@
-bye
\x01bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2024-04-30

"""


def test_parse_log_keeps_added_lines_with_context_and_line_numbers() -> None:
    """Hunk counts decide where a hunk ends, so ``+++`` inside one is content; binaries skip."""
    commits = list(history.parse_log(io.BytesIO(LOG)))
    assert [(c.sha[:4], c.date) for c in commits] == [
        ("aaaa", "2024-05-01"),
        ("bbbb", "2024-04-30"),
    ]
    first = commits[0].files
    assert [f.path for f in first] == ["a.py", "logo.png", "sp ace\tq.txt"]
    assert (first[1].binary, first[1].new_file, first[1].lines) == (True, True, [])
    a = first[0]
    assert a.lines == ["one", "++ plus-prefixed content", "three", "four", "", "ten", "eleven"]
    assert a.numbers == [1, 2, 3, 4, 0, 11, 12]
    assert a.added == [False, True, True, False, False, False, True]
    assert not a.new_file
    spaced = first[2]
    assert (spaced.lines, spaced.numbers, spaced.new_file) == (["été"], [1], True)
    assert commits[1].files == []


# --- what a history scan reports ---------------------------------------------------------


def test_history_reports_commit_date_path_and_line_of_the_addition(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commit that added the secret, its author date, the path and the line then."""
    commit(repo, "chore: start", **{"app__settings.py": "DEBUG = True\n"})
    added = commit(repo, "feat: token", **{"app__settings.py": "DEBUG = True\n" + python_line()})
    commit(repo, "chore: remove it", **{"app__settings.py": "DEBUG = True\n"})

    results = history_json(capsys)

    assert where(results) == [("app/settings.py", 2, "ML401")]
    message = results[0]["message"]
    assert message.startswith(f"added in commit {added[:12]} (2024-05-01): ")
    assert results[0]["column"] == len('GITHUB_TOKEN = "') + 1
    text = cli(capsys, "secrets", "--history")
    assert text.code == 1
    assert f"app/settings.py:2:17: ML401 [secret-token] added in commit {added[:12]}" in text.out
    assert_no_secret(text.out)


def test_history_finds_a_secret_after_a_lone_carriage_return(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone \\r in an added line does not shift the lines the scan reads past the secret."""
    commit(repo, "chore: start")
    commit(repo, "feat: token", **{"a.py": "x = 1\ry = 2\n" + python_line()})
    commit(repo, "feat: old mac", **{"b.py": "x = 1\r" + python_line().replace("\n", "\r")})
    results = history_json(capsys)
    assert sorted((f["path"], f["line"], f["column"]) for f in results) == [
        ("a.py", 2, len('GITHUB_TOKEN = "') + 1),
        ("b.py", 1, len('x = 1\rGITHUB_TOKEN = "') + 1),
    ]


def test_history_reads_paths_with_spaces_as_the_file_scan_does(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git ends a `+++` name holding a space with a tab, after the quotes of a name it quotes:
    the tab is no part of the path."""
    write(repo, "pyproject.toml", '[tool.ml-lint.per-file-ignores]\n"tests/*.py" = ["ML401"]\n')
    commit(repo, "test: fixtures", **{"tests__my fixture.py": python_line()})
    commit(repo, "test: quoted", **{'tests__my "quoted" fixture.py': python_line()})
    commit(repo, "feat: token", **{"src__my app.py": python_line(OTHER_TOKEN)})
    commit(repo, "feat: quoted", **{'src__my "quoted" app.py': python_line(OTHER_TOKEN)})
    assert where(history_json(capsys)) == [
        ('src/my "quoted" app.py', 1, "ML401"),
        ("src/my app.py", 1, "ML401"),
    ]


def test_history_range_limits_the_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``A..B`` scans only what B added since A; a clean range exits 0."""
    base = commit(repo, "feat: token", **{"a.py": python_line()})
    commit(repo, "feat: other", **{"b.py": python_line(OTHER_TOKEN)})
    assert where(history_json(capsys, f"{base}..HEAD")) == [("b.py", 1, "ML401")]
    assert where(history_json(capsys, "HEAD~1")) == [("a.py", 1, "ML401")]
    assert cli(capsys, "secrets", "--history", "HEAD..HEAD").code == 0


def test_moved_secret_is_reported_once_at_its_first_commit(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Moving a line re-adds it: one finding, at the oldest commit, counting the re-addition."""
    first = commit(repo, "feat: token", **{"a.py": "x = 1\ny = 2\n" + python_line()})
    commit(repo, "refactor: move", **{"a.py": python_line() + "x = 1\ny = 2\n"})

    results = history_json(capsys)

    assert where(results) == [("a.py", 3, "ML401")]
    assert results[0]["message"].startswith(f"added in commit {first[:12]}")
    assert results[0]["message"].endswith("; added again by 1 later commit")


def test_secret_on_a_context_line_is_not_blamed_on_a_later_commit(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edit next to an old secret reports the secret once, at the commit that added it."""
    first = commit(repo, "feat: token", **{"a.py": "x = 1\n" + python_line() + "y = 2\n"})
    commit(repo, "fix: edit", **{"a.py": "x = 10\n" + python_line() + "y = 20\n"})
    results = history_json(capsys)
    assert where(results) == [("a.py", 2, "ML401")]
    assert first[:12] in results[0]["message"]
    assert "added again" not in results[0]["message"]


def test_history_honours_pragmas_ignore_comments_and_configuration(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pragmas (also on an unchanged line before), ignore comments, excludes, per-file-ignores."""
    commit(repo, "chore: pragma", **{"a.py": "# pragma: allowlist nextline secret\nx = 1\n"})
    commit(
        repo,
        "feat: tokens",
        **{
            "a.py": "# pragma: allowlist nextline secret\n" + python_line(),
            "b.py": python_line().rstrip("\n") + "  # ml-lint: ignore[ML401]\n",
            "c.py": python_line().rstrip("\n") + "  # pragma: allowlist secret\n",
            "vendor__d.py": python_line(),
            "fixtures__e.py": python_line(),
            "f.py": python_line(OTHER_TOKEN),
            "pyproject.toml": (
                '[tool.ml-lint]\nextend-exclude = ["vendor"]\n'
                '[tool.ml-lint.per-file-ignores]\n"fixtures/*" = ["ML401"]\n'
            ),
        },
    )
    assert where(history_json(capsys)) == [("f.py", 1, "ML401")]


def test_history_reports_files_that_should_never_be_committed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A commit that creates .env (even empty) or a binary key store gets ML405, once."""
    added = commit(repo, "chore: env", **{".env": "", "app.py": "x = 1\n"})
    write(repo, "certs/client.p12", b"\x00\x01binary\x00")
    commit(repo, "chore: cert")
    commit(repo, "chore: edit env", **{".env": "DEBUG=1\n", ".env.example": "TOKEN=\n"})
    results = history_json(capsys)
    assert sorted(where(results)) == [(".env", 1, "ML405"), ("certs/client.p12", 1, "ML405")]
    env = next(f for f in results if f["path"] == ".env")
    assert env["message"].startswith(f"added in commit {added[:12]}")


def test_history_ignores_user_settings_that_change_git_log(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``log.showRoot=false``, ``diff.noprefix`` and friends do not hide or misname anything."""
    commit(repo, "feat: token", **{"b/a.py": python_line()})
    for key, value in (
        ("log.showRoot", "false"),
        ("diff.noprefix", "true"),
        ("diff.mnemonicPrefix", "true"),
        ("color.ui", "always"),
        ("diff.suppressBlankEmpty", "true"),
    ):
        git(repo, "config", key, value)
    assert where(history_json(capsys)) == [("b/a.py", 1, "ML401")]


def test_history_honours_the_baseline(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A baseline made from the files accepts the same secret in the history; a new one shows."""
    commit(repo, "feat: token", **{"a.py": python_line()})
    baseline = tmp_path / "baseline.json"
    assert cli(capsys, "secrets", "--baseline", str(baseline), "--update-baseline").code == 0
    assert where(history_json(capsys, "--baseline", str(baseline))) == []
    commit(repo, "feat: other", **{"b.py": python_line(OTHER_TOKEN)})
    results = history_json(capsys, "--baseline", str(baseline))
    assert where(results) == [("b.py", 1, "ML401")]


def test_history_update_baseline_accepts_what_the_history_holds(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--history --update-baseline`` adds the history's findings and keeps older entries."""
    commit(repo, "feat: token", **{"a.py": python_line()})
    commit(repo, "chore: drop", **{"a.py": "x = 1\n"})
    baseline = tmp_path / "baseline.json"
    run = cli(capsys, "secrets", "--history", "--baseline", str(baseline), "--update-baseline")
    assert run.code == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["rule"], e["detector"]) for e in entries] == [
        ("a.py", "ML401", TOKEN_DETECTOR)
    ]
    assert_no_secret(baseline.read_text(encoding="utf-8"))
    assert cli(capsys, "secrets", "--history", "--baseline", str(baseline)).code == 0


def test_updating_from_the_files_keeps_what_the_history_accepted(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A secret removed from a file stays accepted for history scans after a files update."""
    commit(repo, "feat: token", **{"a.py": python_line()})
    commit(repo, "chore: drop", **{"a.py": "x = 1\n"})
    baseline = tmp_path / "baseline.json"
    update = ("secrets", "--baseline", str(baseline), "--update-baseline")
    assert cli(capsys, *update[:1], "--history", *update[1:]).code == 0
    run = cli(capsys, *update)  # a.py is rescanned and holds no secret now
    assert run.code == 0
    assert "is up to date" in run.err, run.err
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e.get("origin")) for e in entries] == [("a.py", "history")]
    assert cli(capsys, "secrets", "--history", "--baseline", str(baseline)).code == 0


def test_one_secret_is_one_baseline_entry_whichever_scan_came_first(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A secret both in the files and in the history is accepted once, as history's."""
    commit(repo, "feat: token", **{"a.py": python_line()})
    for order in (("--history", None), (None, "--history")):
        baseline = tmp_path / f"baseline-{order.index('--history')}.json"
        for mode in order:
            args = ["secrets", "--baseline", str(baseline), "--update-baseline"]
            assert cli(capsys, *args, *([mode] if mode else [])).code == 0
        entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
        assert [(e["path"], e.get("origin")) for e in entries] == [("a.py", "history")], order


def test_a_baseline_entry_of_unknown_origin_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An ``origin`` other than ``history`` is named in the error, never guessed at."""
    baseline = tmp_path / "baseline.json"
    entry = {"path": "a.py", "rule": "ML401", "fingerprint": "0" * 16, "origin": "branch"}
    baseline.write_text(json.dumps({"version": 1, "findings": [entry]}), encoding="utf-8")
    run = cli(capsys, "secrets", "--baseline", str(baseline))
    assert run.code == 2
    assert "finding 1 has origin 'branch'" in run.err


def test_every_report_format_of_a_history_scan_hides_the_secret(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text, JSON, SARIF, GitHub, GitLab and JUnit reports show the redacted form only."""
    commit(repo, "feat: token", **{"a.py": python_line()})
    for fmt in ("text", "json", "sarif", "github", "gitlab", "junit"):
        run = cli(capsys, "secrets", "--history", "--format", fmt)
        assert run.code == 1, (fmt, run.err)
        assert "ghp_" in run.out, fmt  # the redacted prefix is there
        assert_no_secret(run.out, run.err)


def test_bad_range_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A revision that does not exist exits 2 with git's reason, never a traceback."""
    commit(repo, "chore: start", **{"a.py": "x = 1\n"})
    run = cli(capsys, "secrets", "--history", "nope..HEAD")
    assert run.code == 2
    assert run.err.startswith("ml-lint: error: cannot read the history of 'nope..HEAD'")
    assert "Traceback" not in run.err
    run = cli(capsys, "secrets", "--history", "nope")
    assert run.err.endswith("fatal: bad revision 'nope'\n")  # git's own quotes kept


def test_history_outside_git_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--history needs a repository."""
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain)
    run = cli(capsys, "secrets", "--history")
    assert run.code == 2 and "need a git repository" in run.err


def test_history_of_a_bare_repository(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bare repository (a mirror, a server's) has history: it is scanned from anywhere in it."""
    added = commit(repo, "feat: token", **{"app__settings.py": python_line()})
    commit(repo, "chore: remove it", **{"app__settings.py": "DEBUG = True\n"})
    bare = tmp_path / "mirror.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    for where_from in (bare, bare / "refs/heads"):
        monkeypatch.chdir(where_from)
        results = history_json(capsys)
        assert where(results) == [("app/settings.py", 1, "ML401")]
        assert results[0]["message"].startswith(f"added in commit {added[:12]} ")
        assert where(history_json(capsys, "HEAD~1..HEAD")) == []


# --- shallow clones, long histories, the progress bar ------------------------------------


def test_shallow_clone_scans_the_boundary_snapshot(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a ``--depth 1`` clone the one commit's files count as added, so old secrets show."""
    commit(repo, "feat: token", **{"a.py": python_line()})
    commit(repo, "feat: more", **{"b.py": "x = 1\n"})
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    monkeypatch.chdir(shallow)
    results = history_json(capsys)
    assert where(results) == [("a.py", 1, "ML401")]


def fast_import(root: Path, count: int, secret_at: int) -> list[str]:
    """Make ``count`` tiny commits with ``git fast-import``; commit ``secret_at`` adds a token.

    Returns:
        The commits' shas, oldest first.
    """
    chunks: list[bytes] = []
    for number in range(1, count + 1):
        message = f"chore: note {number}\n".encode()
        when = 1_700_000_000 + number * 60
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"mark :{number}\n".encode())
        for role in (b"author", b"committer"):
            chunks.append(role + f" Test <test@example.com> {when} +0000\n".encode())
        chunks.append(f"data {len(message)}\n".encode() + message)
        if number > 1:
            chunks.append(f"from :{number - 1}\n".encode())
        path, body = f"notes/{number % 97}.txt", f"note {number}\n"
        if number == secret_at:
            path, body = "config/settings.py", python_line()
        data = body.encode()
        chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
    subprocess.run(
        ["git", "fast-import", "--quiet", "--export-marks=marks"],
        cwd=root,
        input=b"".join(chunks),
        check=True,
    )
    marks = dict(line.split() for line in (root / "marks").read_text().splitlines())
    (root / "marks").unlink()
    return [marks[f":{number}"] for number in range(1, count + 1)]


def test_thousands_of_commits_scan_in_seconds(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2,000 commits: the one that added the token is found, with its sha, quickly."""
    shas = fast_import(repo, 2000, secret_at=1234)
    git(repo, "reset", "-q", "--hard", "main")
    started = time.perf_counter()
    results = history_json(capsys)
    elapsed = time.perf_counter() - started
    assert where(results) == [("config/settings.py", 1, "ML401")]
    assert shas[1233][:12] in results[0]["message"]
    assert elapsed < 30, f"2,000 commits took {elapsed:.1f} s"


class FakeTerminal(io.StringIO):
    """Standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the bar counts commits and clears itself; in a pipe nothing is drawn."""
    for number in range(3):
        commit(repo, f"chore: {number}", **{f"n{number}.txt": "x\n"})
    assert cli(capsys, "secrets", "--history").err == ""  # capsys is not a terminal

    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    from ml_lint.cli import main

    assert main(["secrets", "--history"]) == 0
    drawn = terminal.getvalue()
    assert "scanning history [" in drawn and "3/3 commits" in drawn
    assert drawn.endswith("\r\033[K")


# --- pre-push: exactly the commits being pushed ------------------------------------------

ZERO = "0" * 40


@pytest.fixture
def pushed(repo: Path, tmp_path: Path) -> tuple[Path, str]:
    """``repo`` with a remote ``origin`` that has main with one commit holding a token.

    Returns:
        The repository and the sha origin/main points at.
    """
    commit(repo, "feat: old token", **{"old.py": python_line()})
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")
    return repo, git(repo, "rev-parse", "HEAD").strip()


def pre_push(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stdin: str
) -> list[tuple[str, int, str]]:
    """``ml-lint secrets --pre-push --format json`` with ``stdin`` as git's ref lines."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    run = cli(capsys, "secrets", "--pre-push", "--format", "json")
    assert run.code in (0, 1), run.err
    assert_no_secret(run.out, run.err)
    return where(json.loads(run.out))


def test_pre_push_existing_branch_scans_only_new_commits(
    pushed: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``remote..local``: the token already on the remote is not reported again."""
    repo, remote_sha = pushed
    clean = commit(repo, "feat: clean", **{"clean.py": "x = 1\n"})
    line = f"refs/heads/main {clean} refs/heads/main {remote_sha}\n"
    assert pre_push(capsys, monkeypatch, line) == []
    dirty = commit(repo, "feat: new token", **{"new.py": python_line(OTHER_TOKEN)})
    line = f"refs/heads/main {dirty} refs/heads/main {remote_sha}\n"
    assert pre_push(capsys, monkeypatch, line) == [("new.py", 1, "ML401")]


def test_pre_push_new_branch_scans_commits_no_remote_has(
    pushed: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new branch (remote sha all zeros): its commits not on any remote ref, no more."""
    repo, _ = pushed
    git(repo, "checkout", "-q", "-b", "feature/x")
    sha = commit(repo, "feat: token", **{"new.py": python_line(OTHER_TOKEN)})
    line = f"refs/heads/feature/x {sha} refs/heads/feature/x {ZERO}\n"
    assert pre_push(capsys, monkeypatch, line) == [("new.py", 1, "ML401")]


def test_pre_push_deletion_is_ignored(
    pushed: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleting a remote branch pushes no commit: nothing to scan, exit 0."""
    _repo, remote_sha = pushed
    line = f"(delete) {ZERO} refs/heads/main {remote_sha}\n"
    assert pre_push(capsys, monkeypatch, line) == []
    assert pre_push(capsys, monkeypatch, "") == []


def test_pre_push_several_refs_scan_each_commit_once(
    pushed: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two refs pointing at the same new commit: it is scanned (and reported) once."""
    repo, remote_sha = pushed
    sha = commit(repo, "feat: token", **{"new.py": python_line(OTHER_TOKEN)})
    lines = (
        f"refs/heads/main {sha} refs/heads/main {remote_sha}\n"
        f"refs/heads/main {sha} refs/heads/copy {ZERO}\n"
    )
    assert pre_push(capsys, monkeypatch, lines) == [("new.py", 1, "ML401")]


def test_pre_push_under_the_framework_uses_its_refs(
    pushed: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``PRE_COMMIT_FROM_REF``..``PRE_COMMIT_TO_REF``; without them, what no remote has."""
    repo, remote_sha = pushed
    sha = commit(repo, "feat: token", **{"new.py": python_line(OTHER_TOKEN)})
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", remote_sha)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", sha)
    assert pre_push(capsys, monkeypatch, "ignored\n") == [("new.py", 1, "ML401")]
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", sha)
    assert pre_push(capsys, monkeypatch, "") == []
    monkeypatch.delenv("PRE_COMMIT_FROM_REF")
    monkeypatch.delenv("PRE_COMMIT_TO_REF")
    monkeypatch.setenv("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main")
    assert pre_push(capsys, monkeypatch, "") == [("new.py", 1, "ML401")]


def test_pre_push_failure_says_what_to_do(
    pushed: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text report ends with how to get the secret out of the pushed commits."""
    repo, remote_sha = pushed
    sha = commit(repo, "feat: token", **{"new.py": python_line(OTHER_TOKEN)})
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(f"refs/heads/main {sha} refs/heads/main {remote_sha}\n")
    )
    run = cli(capsys, "secrets", "--pre-push")
    assert run.code == 1
    assert "Push rejected: a pushed commit adds a secret" in run.err
    assert_no_secret(run.out, run.err)
