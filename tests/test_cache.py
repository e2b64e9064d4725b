"""The result cache: unchanged files are answered from it, anything else is checked again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from secret_fakes import fakes
from support import Run, cli, commit_all, git, init_repo, write

from ml_lint import cache
from ml_lint.config import load as load_config_at
from ml_lint.model import finding
from ml_lint.rules.docstrings import DOCSTRING_MISSING

UNDOCUMENTED = "def train(steps: int) -> None:\n    pass\n"  # ML201 twice: module, function
CONFIG = "[tool.ml-lint]\nselect = ['ML201']\n"
TAMPERED = "a message only the cache holds"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a configuration and one file with two findings; the cwd."""
    write(tmp_path, "pyproject.toml", CONFIG)
    write(tmp_path, "m.py", UNDOCUMENTED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cache_files(directory: Path) -> list[Path]:
    """The results files of a cache directory."""
    return sorted(directory.glob("results-*.json"))


def tamper(directory: Path, relpath: str = "m.py") -> None:
    """Rewrite every stored message of ``relpath``, so that a run that reads it shows it."""
    (path,) = cache_files(directory)
    document = json.loads(path.read_text(encoding="utf-8"))
    for row in document["files"][relpath][1]:
        row[3] = TAMPERED
    path.write_text(json.dumps(document), encoding="utf-8")


def messages(run: Run) -> list[str]:
    """The message of every finding in a text report."""
    return [line.split("] ", 1)[1] for line in run.out.splitlines() if ": ML" in line]


def test_unchanged_file_is_answered_from_the_cache(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second run reads the stored findings; a changed file is checked again."""
    first = cli(capsys, "check", ".")
    assert first.code == 1 and len(messages(first)) == 2
    directory = ws / ".ml_lint_cache"
    assert (directory / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (directory / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert cli(capsys, "check", ".") == first  # identical report from the cache

    tamper(directory)
    assert messages(cli(capsys, "check", ".")) == [TAMPERED, TAMPERED]

    write(ws, "m.py", '"""Now documented."""\n' + UNDOCUMENTED)
    changed = cli(capsys, "check", ".")
    assert messages(changed) == ["public function 'train' has no docstring; add a Google-style "
                                 "docstring (a summary line, then Args, Returns and Raises as they "
                                 "apply)"]  # fmt: skip


def test_other_settings_use_another_cache_file(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A different selection or configuration never reads the entries of another."""
    cli(capsys, "check", ".")
    tamper(ws / ".ml_lint_cache")
    run = cli(capsys, "check", ".", "--select", "ML201,ML202")
    assert TAMPERED not in run.out and "ML201" in run.out
    write(ws, "pyproject.toml", CONFIG + "[tool.ml-lint.docstrings]\nexempt-tests = false\n")
    assert TAMPERED not in cli(capsys, "check", ".").out
    assert len(cache_files(ws / ".ml_lint_cache")) == 3


def test_two_repositories_under_one_configuration_keep_their_own_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same repository-relative path in two repositories is two files to the cache.

    Per-file-ignores match paths from the configuration's directory, so ``legacy``'s file
    is exempt and ``svc``'s, the same bytes at the same relative path, is not.
    """
    ignores = '[tool.ml-lint.per-file-ignores]\n"legacy/*" = ["ML201"]\n'
    write(tmp_path, "pyproject.toml", CONFIG + ignores)
    for name in ("legacy", "svc"):
        init_repo(tmp_path / name)
        write(tmp_path / name, "m.py", UNDOCUMENTED)
    monkeypatch.chdir(tmp_path / "legacy")
    assert cli(capsys, "check", ".").code == 0
    monkeypatch.chdir(tmp_path / "svc")
    cached = cli(capsys, "check", ".")
    assert cached == cli(capsys, "check", ".", "--no-cache")
    assert cached.code == 1


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_no_cache(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """--no-cache and ML_LINT_NO_CACHE neither read nor write the cache."""
    cli(capsys, "check", ".")
    tamper(ws / ".ml_lint_cache")
    before = cache_files(ws / ".ml_lint_cache")[0].read_bytes()
    args = ["check", "."]
    if how == "flag":
        args.append("--no-cache")
    else:
        monkeypatch.setenv("ML_LINT_NO_CACHE", "1")
    run = cli(capsys, *args)
    assert TAMPERED not in run.out and len(messages(run)) == 2
    assert cache_files(ws / ".ml_lint_cache")[0].read_bytes() == before


def test_no_cache_writes_nothing(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A run with --no-cache leaves no cache directory behind."""
    cli(capsys, "check", ".", "--no-cache")
    assert not (ws / ".ml_lint_cache").exists()


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_cache_dir(
    ws: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """--cache-dir and ML_LINT_CACHE_DIR put the cache elsewhere."""
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "cache"
    if how == "flag":
        cli(capsys, "check", ".", "--cache-dir", str(elsewhere))
    else:
        monkeypatch.setenv("ML_LINT_CACHE_DIR", str(elsewhere))
        cli(capsys, "check", ".")
    assert len(cache_files(elsewhere)) == 1
    assert not (ws / ".ml_lint_cache").exists()


@pytest.mark.parametrize(
    "damage",
    [
        "not json {",
        '{"format": 1, "files": []}',
        '{"format": 1, "files": {"m.py": ["x", [["one", 1]]]}}',
        '{"format": 999, "files": {}}',
        "[]",
        "[" * 100_000 + "]" * 100_000,  # deeper than the JSON decoder's recursion limit
    ],
)
def test_damaged_cache_is_ignored_and_rewritten(
    ws: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """A cache file that is not what ml-lint writes costs a check, never a wrong report."""
    first = cli(capsys, "check", ".")
    (path,) = cache_files(ws / ".ml_lint_cache")
    path.write_text(damage, encoding="utf-8")
    assert cli(capsys, "check", ".") == first
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == cache.FORMAT


def test_damaged_entry_with_a_valid_digest_is_a_miss(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows of the wrong shape or types under the right digest are checked again."""
    first = cli(capsys, "check", ".")
    (path,) = cache_files(ws / ".ml_lint_cache")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["files"]["m.py"][1][0][0] = "1"  # a line number as text
    path.write_text(json.dumps(document), encoding="utf-8")
    assert cli(capsys, "check", ".") == first
    for index, value in ((8, "x"), (9, 5), (10, 7)):
        document = json.loads(path.read_text(encoding="utf-8"))
        document["files"]["m.py"][1][0][index] = value  # cell, fingerprint, detector
        path.write_text(json.dumps(document), encoding="utf-8")
        assert cli(capsys, "check", ".") == first, (index, value)


def test_unwritable_cache_warns_and_the_run_goes_on(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache directory that cannot be made is reported on stderr; the findings stand."""
    write(ws, "blocker", "a file where the cache directory would go\n")
    run = cli(capsys, "check", ".", "--cache-dir", "blocker/cache")
    assert run.code == 1 and len(messages(run)) == 2
    assert run.err.startswith("ml-lint: cannot write the cache in blocker/cache: ")
    assert run.err.endswith("(--no-cache skips it)\n")


def test_fix_is_never_skipped_by_the_cache(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cached file with fixable findings is fixed; the fixed content is then stored."""
    source = (
        '"""M."""\n\n\ndef scale(x: int, factor: int) -> int:\n'
        '    """Scale.\n\n    Args:\n        x: The value.\n    """\n    return x * factor\n'
    )
    write(ws, "pyproject.toml", "[tool.ml-lint]\nselect = ['ML2']\n")
    write(ws, "m.py", source)
    assert "ML203" in cli(capsys, "check", ".").out
    fixed = cli(capsys, "check", ".", "--fix")
    assert "TODO: describe factor." in (ws / "m.py").read_text(encoding="utf-8")
    assert "ML215" in fixed.out and "ML203" not in fixed.out
    after = cli(capsys, "check", ".")
    assert after.out == fixed.out
    tamper(ws / ".ml_lint_cache")  # the stored entry is the fixed content's
    assert TAMPERED in cli(capsys, "check", ".").out


def test_parallel_run_uses_and_fills_the_cache(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --jobs, hits come from the cache and what workers check is stored."""
    for index in range(6):
        write(ws, f"pkg/m{index}.py", UNDOCUMENTED)
    serial = cli(capsys, "check", ".", "--no-cache")
    assert cli(capsys, "check", ".", "--jobs", "2") == serial
    (path,) = cache_files(ws / ".ml_lint_cache")
    stored = json.loads(path.read_text(encoding="utf-8"))["files"]
    assert sorted(stored) == ["m.py"] + [f"pkg/m{index}.py" for index in range(6)]
    assert cli(capsys, "check", ".", "--jobs", "2") == serial


def test_deleted_files_leave_the_cache(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Entries of files that no longer exist are dropped when the cache is next written."""
    write(ws, "gone.py", UNDOCUMENTED)
    cli(capsys, "check", ".")
    os.remove(ws / "gone.py")
    write(ws, "new.py", UNDOCUMENTED)
    cli(capsys, "check", ".")
    (path,) = cache_files(ws / ".ml_lint_cache")
    assert sorted(json.loads(path.read_text(encoding="utf-8"))["files"]) == ["m.py", "new.py"]


def test_old_settings_are_pruned(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """At most KEEP_SETTINGS cache files stay, the most recent ones."""
    selections = ["ML201", "ML202", "ML203", "ML204", "ML205", "ML206", "ML207", "ML208"]
    for selection in [*selections, "ML209", "ML210"]:
        cli(capsys, "check", ".", "--select", selection)
    assert len(cache_files(ws / ".ml_lint_cache")) == cache.KEEP_SETTINGS


def test_a_cache_dir_of_other_files_loses_none(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pruning removes only ml-lint's own files, and only in a directory ml-lint made."""
    results = ws / "results"
    results.mkdir()
    mine = [results / f"results-{n}.json" for n in range(12)]
    for path in mine:
        path.write_text("{}\n", encoding="utf-8")
    for selection in ["ML201", "ML202", "ML203", "ML204", "ML205", "ML206", "ML207", "ML208"]:
        cli(capsys, "check", ".", "--select", selection, "--cache-dir", str(results))
        cli(capsys, "check", ".", "--select", selection, "--cache-dir", str(results) + "2")
    assert all(path.read_text(encoding="utf-8") == "{}\n" for path in mine)
    assert len(cache_files(results)) == 12 + 8  # nothing pruned in a directory of the user's
    made = ws / "results2"
    stray = made / "results-notes.json"
    stray.write_text("{}\n", encoding="utf-8")
    cli(capsys, "check", ".", "--select", "ML209", "--cache-dir", str(made))
    assert stray.exists() and len(cache_files(made)) == cache.KEEP_SETTINGS + 1


def test_cache_holds_no_secret(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Findings of secrets are stored as reported: redacted, with their fingerprints."""
    token = fakes("huggingface-token", 1)[0].secret
    write(ws, "pyproject.toml", "[tool.ml-lint]\nselect = ['ML4']\n")
    write(ws, "settings.py", f'HF_TOKEN = "{token}"\n')
    first = cli(capsys, "check", ".")
    assert "ML401" in first.out
    assert cli(capsys, "check", ".") == first
    for path in (ws / ".ml_lint_cache").iterdir():
        assert token not in path.read_text(encoding="utf-8")


def test_git_never_sees_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache directory ignores itself: a repository's status stays clean."""
    repo = init_repo(tmp_path / "repo")
    write(repo, "m.py", UNDOCUMENTED)
    commit_all(repo, "feat(m): add m")
    monkeypatch.chdir(repo)
    first = cli(capsys, "check", ".", "--select", "ML201")
    assert (repo / ".ml_lint_cache").is_dir()
    assert git(repo, "status", "--porcelain", "--ignored=no") == ""
    assert cli(capsys, "check", ".", "--select", "ML201") == first


def test_a_cache_that_came_with_a_checkout_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache force-added to a commit could clear a file of its findings (a secret's, say):
    in a clone, a cache git tracks is left alone, with a warning, and the files are checked."""
    origin = init_repo(tmp_path / "origin")
    write(origin, "m.py", UNDOCUMENTED)
    monkeypatch.chdir(origin)
    first = cli(capsys, "check", ".", "--select", "ML201")
    tamper(origin / ".ml_lint_cache")
    assert TAMPERED in cli(capsys, "check", ".", "--select", "ML201").out  # its own: trusted
    git(origin, "add", "-f", ".ml_lint_cache")
    commit_all(origin, "feat(m): add m and a cache")
    git(tmp_path, "clone", "-q", str(origin), "clone")
    monkeypatch.chdir(tmp_path / "clone")

    run = cli(capsys, "check", ".", "--select", "ML201")

    assert messages(run) == messages(first)
    assert "not using the cache" in run.err and "git tracks files in it" in run.err


def test_the_cache_is_used_in_a_hook_that_git_gives_git_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git sets GIT_DIR for hooks in a linked worktree: an untracked cache is still trusted,
    and a tracked one still is not."""
    repo = init_repo(tmp_path / "repo")
    write(repo, "m.py", UNDOCUMENTED)
    commit_all(repo, "feat(m): add m")
    git(repo, "worktree", "add", "-q", str(tmp_path / "linked"))
    linked = tmp_path / "linked"
    monkeypatch.chdir(linked)
    monkeypatch.setenv("GIT_DIR", git(linked, "rev-parse", "--absolute-git-dir").strip())
    cli(capsys, "check", ".", "--select", "ML201")
    tamper(linked / ".ml_lint_cache")

    run = cli(capsys, "check", ".", "--select", "ML201")

    assert TAMPERED in run.out and "not using the cache" not in run.err
    git(linked, "add", "-f", ".ml_lint_cache")
    run = cli(capsys, "check", ".", "--select", "ML201")
    assert TAMPERED not in run.out and "git tracks files in it" in run.err


def test_runs_that_overlap_keep_each_others_entries(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run saving after another one's save merges, as hook processes running at once do."""
    write(ws, "a.py", UNDOCUMENTED)
    write(ws, "b.py", UNDOCUMENTED)
    config = load_config_at(str(ws))
    settings = cache.settings(config, False, str(ws))
    first = cache.ResultCache(str(ws / ".ml_lint_cache"), settings, str(ws))
    second = cache.ResultCache(str(ws / ".ml_lint_cache"), settings, str(ws))
    findings = [finding(DOCSTRING_MISSING, "a.py", "one")]
    first.put("a.py", cache.digest(b"a"), findings)
    assert first.save() is None
    second.put("b.py", cache.digest(b"b"), [f._replace(path="b.py") for f in findings])
    assert second.save() is None
    third = cache.ResultCache(str(ws / ".ml_lint_cache"), settings, str(ws))
    assert third.get("a.py", cache.digest(b"a")) == findings
    assert third.get("b.py", cache.digest(b"b")) == [findings[0]._replace(path="b.py")]
    assert third.get("b.py", cache.digest(b"changed")) is None


# --- files that change while a run reads them, odd names, the cache's own files ----------

SECRET = fakes("aws-access-key-id", 1)[0]
CLEAN = '"""Clean."""\n\nX = 1\n'


def json_report(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    """The findings of ``ml-lint check --format json ARGS`` (exit 0 or 1)."""
    run = cli(capsys, "check", "--format", "json", *args)
    assert run.code in (0, 1), run.err
    found: list[dict[str, object]] = json.loads(run.out)
    return found


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_file_edited_while_it_is_checked_is_not_cached_wrongly(
    ws: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, jobs: str,
    when: str,
) -> None:  # fmt: skip
    """The findings are stored under the content that was checked, not what is there later.

    An editor saving the file after the cache looked it up but before its checker read it
    (and then undoing the edit), or just after the check of a --fix run, must not leave the
    next run answering from the cache with stale findings: a secret added meanwhile would go
    unreported for as long as the file stays so.
    """
    from ml_lint import engine

    write(ws, "pyproject.toml", "[tool.ml-lint]\n")
    path = write(ws, "zz.py", CLEAN)
    leaky = CLEAN + f'KEY = "{SECRET.secret}"\n'
    real = engine.check_file

    def editing(source: object, options: object) -> object:
        if getattr(source, "relpath", "") == "zz.py" and when == "before":
            path.write_text(leaky, encoding="utf-8")  # saved after the digest, before the check
        result = real(source, options)  # type: ignore[arg-type]
        if getattr(source, "relpath", "") == "zz.py" and when == "after":
            path.write_text(leaky, encoding="utf-8")  # saved after the check
        return result

    monkeypatch.setattr(engine, "check_file", editing)
    json_report(capsys, ".", "--jobs", jobs, *(["--fix"] if when == "after" else []))
    monkeypatch.setattr(engine, "check_file", real)
    if when == "before":
        path.write_text(CLEAN, encoding="utf-8")  # the edit is undone
    assert json_report(capsys, ".") == json_report(capsys, ".", "--no-cache")


def test_names_that_are_not_utf8_are_checked_each_time(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`a\\xff.py` and `a\\ufffd.py` show as the same path: neither is answered from the cache."""
    write(ws, "pyproject.toml", "[tool.ml-lint]\n")
    (ws / "m.py").unlink()
    with open(os.fsencode(ws) + b"/a\xff.py", "w", encoding="utf-8") as handle:
        handle.write('"""M."""\n\nX = 3\n')
    write(ws, "a\ufffd.py", '"""M."""\n\nX = 1  # ' + "0" * 120 + "\n")
    expected = json_report(capsys, ".", "--no-cache")
    assert [f["code"] for f in expected] == ["ML010"]
    for _ in range(3):
        assert json_report(capsys, ".") == expected


def test_the_cache_is_never_checked_as_a_file(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An `exclude` that replaces the defaults, or a --cache-dir of one's own, is no reason."""
    write(ws, "pyproject.toml", "[tool.ml-lint]\nexclude = ['data']\n")
    (ws / "own").mkdir()
    expected = cli(capsys, "check", ".", "--no-cache")
    assert expected.out == "All checks passed (2 files checked).\n"  # m.py, pyproject.toml
    for args in ((), ("--cache-dir", "own")):
        cli(capsys, "check", ".", *args)
        assert cli(capsys, "check", ".", *args) == expected
    assert [p.name for p in cache_files(ws / "own")] != []  # written, and passed over


def test_a_cache_write_that_fails_leaves_no_part_written_file(ws: Path) -> None:
    """A full disk (here: a file size limit) warns, and no temporary file stays behind."""
    import resource
    import signal
    import subprocess
    import sys

    for number in range(300):  # a cache file larger than the limit below
        write(ws, f"m{number}.py", UNDOCUMENTED)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = subprocess.run(
        [sys.executable, "-m", "ml_lint", "check", "."],
        cwd=ws, capture_output=True, text=True, timeout=120, preexec_fn=limit,
    )  # fmt: skip
    assert done.returncode == 1 and "cannot write the cache" in done.stderr
    assert sorted(p.name for p in (ws / ".ml_lint_cache").iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
    ]
