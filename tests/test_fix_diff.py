"""``check --diff``: the fixes ``--fix`` would make, as a patch ``git apply`` takes.

Each test runs the real CLI on files in a real git repository; nothing it checks is written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from support import cli, commit_all, git, init_repo, write

CRLF_BOM = (
    b'\xef\xbb\xbfdef g(x: int) -> int:\r\n    """G.\r\n\r\n    Args:\r\n'
    b'        y: Gone.\r\n    """\r\n    return x'  # no newline at the end
)
PLAIN = 'def f(a: int, b: int) -> int:\n    """Sum.\n\n    Args:\n        b: Second.\n    """\n'


def notebook() -> str:
    """A notebook with an executed code cell: outputs and an execution count to clear."""
    cell = new_code_cell("print(1)", execution_count=3)
    cell.outputs = [new_output("stream", name="stdout", text="1\n")]
    return nbformat.writes(new_notebook(cells=[cell]))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a CRLF file with a BOM, a plain file and a notebook, committed."""
    root = init_repo(tmp_path / "repo")
    write(root, "pkg/crlf.py", CRLF_BOM)
    write(root, "pkg/plain.py", PLAIN + "    return a + b\n")
    write(root, "run.ipynb", notebook())
    commit_all(root, "feat(pkg): add files")
    monkeypatch.chdir(root)
    return root


SELECT = ("--select", "ML203,ML204,ML206,ML302,ML303")


def contents(root: Path) -> dict[str, bytes]:
    """Every tracked file's bytes."""
    return {name: (root / name).read_bytes() for name in git(root, "ls-files").split()}


def test_diff_is_what_fix_writes_and_writes_nothing(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Applied with ``git apply``, the diff gives the bytes ``--fix`` writes, BOM and CRLF kept."""
    before = contents(repo)
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    run = cli(capsys, "check", ".", *SELECT, "--diff", "--unsafe-fixes", "--no-cache")
    assert run.code == 1
    assert contents(repo) == before
    assert run.err == (
        "ml-lint: --diff: 7 problems would be fixed in 3 files; no file was written\n"
    )
    assert [line for line in run.out.splitlines() if line.startswith("+++")] == [
        "+++ b/pkg/crlf.py",
        "+++ b/pkg/plain.py",
        "+++ b/run.ipynb",
    ]
    assert "\\ No newline at end of file" in run.out
    patch = tmp_path / "fixes.patch"
    patch.write_text(run.out, encoding="utf-8", newline="")
    git(copy, "apply", str(patch))
    cli(capsys, "check", ".", *SELECT, "--fix", "--unsafe-fixes", "--no-cache")
    fixed = contents(repo)
    assert contents(copy) == fixed != before
    assert fixed["pkg/crlf.py"].startswith(b"\xef\xbb\xbf")
    assert b"x (int): TODO: describe x.\r\n" in fixed["pkg/crlf.py"]
    assert json.loads(fixed["run.ipynb"])["cells"][0]["outputs"] == []


def test_diff_honours_unsafe_fixes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without ``--unsafe-fixes`` a stale Args entry stays in the diff's context."""
    run = cli(capsys, "check", "pkg/crlf.py", *SELECT, "--diff", "--no-cache")
    assert run.code == 1
    assert "-        y: Gone.\r\n" not in run.out
    assert "+        x (int): TODO: describe x.\r\n" in run.out


def test_nothing_to_fix_is_exit_zero_and_no_output(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file without fixable findings gives an empty diff, whatever else it breaks."""
    write(repo, "pkg/plain.py", "def f(a, b):\n    return a + b\n")  # ML202, ML201: no fixes
    run = cli(capsys, "check", "pkg/plain.py", "--diff", "--no-cache")
    assert (run.code, run.out) == (0, "")
    assert "0 problems would be fixed in 0 files" in run.err


def test_files_diff_cannot_read_fail_it_and_are_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid UTF-8, a syntax error and a broken notebook are named on stderr; exit 1."""
    unread = [
        write(repo, "latin1.py", b'x = "caf\xe9"\n'),
        write(repo, "broken.py", "def f(:\n"),
        write(repo, "broken.ipynb", '{"cells": ['),
    ]
    before = contents(repo), [path.read_bytes() for path in unread]
    run = cli(capsys, "check", ".", *SELECT, "--diff", "--no-cache")
    assert run.code == 1
    assert (contents(repo), [path.read_bytes() for path in unread]) == before
    assert [line for line in run.out.splitlines() if line.startswith("+++")] == [
        "+++ b/pkg/crlf.py",
        "+++ b/pkg/plain.py",
        "+++ b/run.ipynb",
    ]  # the patch on stdout is only the fixes of the files that were read
    assert "ml-lint: --diff: 3 files could not be read, so no fix was tried:\n" in run.err
    for place in ("broken.ipynb:1:12: ML301", "broken.py:1:7: ML003", "latin1.py:1:1: ML002"):
        assert place in run.err
    alone = cli(capsys, "check", "broken.py", "--diff", "--no-cache")
    assert alone.code == 1
    assert alone.out == ""
    assert "1 file could not be read" in alone.err
    assert cli(capsys, "check", "broken.py", "--diff", "--exit-zero", "--no-cache").code == 0


def test_diff_leaves_the_cache_true_to_the_files(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ``--diff`` run through the cache does not make a later check forget the findings."""
    first = cli(capsys, "check", ".", *SELECT, "--format", "json")
    diff = cli(capsys, "check", ".", *SELECT, "--diff")
    again = cli(capsys, "check", ".", *SELECT, "--format", "json")
    assert diff.code == 1
    assert json.loads(again.out) == json.loads(first.out) != []


def test_diff_with_jobs_is_the_same(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Files checked in worker processes give the same patch, in path order."""
    serial = cli(capsys, "check", ".", *SELECT, "--diff", "--no-cache")
    parallel = cli(capsys, "check", ".", *SELECT, "--diff", "--no-cache", "--jobs", "2")
    assert parallel == serial


def test_staged_diff_is_against_the_index(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With ``--staged`` the patch fixes the staged content and applies with ``--cached``."""
    write(repo, "pkg/staged.py", PLAIN + "    return a\n")
    git(repo, "add", "pkg/staged.py")
    write(repo, "pkg/staged.py", "x = 1\n")  # the work tree differs from the index
    run = cli(capsys, "check", "--staged", *SELECT, "--diff", "--no-cache")
    assert run.code == 1
    assert "+++ b/pkg/staged.py" in run.out and "+++ b/pkg/plain.py" not in run.out
    (repo / "staged.patch").write_text(run.out, encoding="utf-8")
    git(repo, "apply", "--cached", "staged.patch")
    assert "a (int): TODO: describe a." in git(repo, "show", ":pkg/staged.py")
    assert (repo / "pkg/staged.py").read_text(encoding="utf-8") == "x = 1\n"


def test_fix_with_staged_is_still_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--fix`` would write the work tree for the index's content: a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, "check", "--staged", "--fix")
    assert exit_info.value.code == 2
    assert "cannot be combined with --staged" in capsys.readouterr().err


def test_lone_cr_file_gives_a_patch_git_applies(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git ends lines at \\n only: a file of \\r line ends is one line to it, and stays so."""
    text = PLAIN.replace("\n", "\r").encode() + b"    return a\r"
    write(repo, "pkg/cr.py", text)
    commit_all(repo, "test(pkg): add a file with CR line ends")
    run = cli(capsys, "check", "pkg/cr.py", "pkg/plain.py", *SELECT, "--diff", "--no-cache")
    assert run.err.startswith("ml-lint: --diff: 4 problems would be fixed in 2 files")
    patch = tmp_path / "fixes.patch"
    patch.write_text(run.out, encoding="utf-8", newline="")
    git(repo, "apply", str(patch))
    fixed = (repo / "pkg/cr.py").read_bytes()
    assert b"\n" not in fixed and b"        a (int): TODO: describe a.\r" in fixed
    assert b"a (int): TODO: describe a." in (repo / "pkg/plain.py").read_bytes()


def test_names_git_quotes_are_quoted_in_the_patch(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tab, a quote or a backslash in a file name is C-quoted, as git does, so it applies."""
    names = ["pkg/tab\there.py", 'pkg/say "hi".py', "pkg/back\\slash.py", "pkg/with space.py"]
    for name in names:
        write(repo, name, PLAIN)
    run = cli(capsys, "check", *names, *SELECT, "--diff", "--no-cache")
    assert run.code == 1, run.err
    assert '+++ "b/pkg/tab\\there.py"' in run.out and "+++ b/pkg/with space.py\n" in run.out
    patch = tmp_path / "fixes.patch"
    patch.write_text(run.out, encoding="utf-8", newline="")
    git(repo, "apply", str(patch))
    for name in names:
        assert b"a (int): TODO: describe a." in (repo / name).read_bytes(), name


def test_diff_from_a_subdirectory_honours_per_file_ignores(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixed text is checked at the file's own path, wherever the run starts."""
    write(repo, "pyproject.toml", '[tool.ml-lint.per-file-ignores]\n"pkg/plain.py" = ["ML203"]\n')
    monkeypatch.chdir(repo / "pkg")
    run = cli(capsys, "check", "plain.py", *SELECT, "--diff", "--no-cache")
    assert run.code == 1
    assert "+        a (int)" not in run.out and "+    Returns:" in run.out
    assert "1 problem would be fixed in 1 file" in run.err


def test_symbolic_links_are_left_to_their_targets(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A patch through a link would not apply; the target's diff holds the fixes once."""
    (repo / "pkg/link.py").symlink_to("plain.py")
    commit_all(repo, "test(pkg): link a file")
    alone = cli(capsys, "check", "pkg/link.py", *SELECT, "--diff", "--no-cache")
    assert (alone.code, alone.out) == (0, "")
    assert "ml-lint: --diff leaves out pkg/link.py: a patch does not apply through" in alone.err
    run = cli(capsys, "check", "pkg", *SELECT, "--diff", "--no-cache")
    assert "+++ b/pkg/link.py" not in run.out and "+++ b/pkg/plain.py" in run.out
    assert "leaves out" not in run.err  # the target's diff is there
    patch = tmp_path / "fixes.patch"
    patch.write_text(run.out, encoding="utf-8", newline="")
    git(repo, "apply", str(patch))


def test_diff_with_commits_or_branch_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--diff prints nothing but the fixes, so asking it for a report is a usage error."""
    extras = (
        ("--commits", "HEAD"),
        ("--branch", "main"),
        ("--format", "json"),
        ("--output-file", "o.txt"),
        ("--statistics",),
    )
    for extra in extras:
        with pytest.raises(SystemExit) as exit_info:
            cli(capsys, "check", ".", "--diff", *extra)
        assert exit_info.value.code == 2
        assert "--diff prints the fixes to files only" in capsys.readouterr().err
    assert not (repo / "o.txt").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_read_only_file_is_left_and_the_others_are_fixed(
    repo: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A fix never writes a file without write permission; the run goes on and exits 2."""
    locked = repo / "pkg/plain.py"
    before = locked.read_bytes()
    locked.chmod(0o444)
    run = cli(capsys, "check", ".", *SELECT, "--fix", "--no-cache", "--jobs", jobs)
    assert run.code == 2
    assert (
        "ml-lint: error: cannot write the fixed pkg/plain.py: you have no permission to write "
        "it; "
        "it was left as it was\n"
    ) in run.err
    assert locked.read_bytes() == before
    assert "pkg/plain.py:" in run.out  # its findings are reported, unfixed
    assert (repo / "pkg/crlf.py").read_bytes() != CRLF_BOM  # the other file was fixed


def test_a_hard_linked_file_is_fixed_under_every_name(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with a second hard link is rewritten in place: both names show the fix."""
    fixed_file = repo / "pkg/crlf.py"
    other_name = repo / "crlf-copy.txt"
    os.link(fixed_file, other_name)
    run = cli(capsys, "check", "pkg/crlf.py", *SELECT, "--fix", "--no-cache")
    assert run.code in (0, 1), run.err
    assert fixed_file.read_bytes() != CRLF_BOM
    assert other_name.read_bytes() == fixed_file.read_bytes()
    assert os.stat(other_name).st_ino == os.stat(fixed_file).st_ino


def test_a_fixed_file_keeps_its_owner_group_and_extended_attributes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shared file's group (and owner, for root) and its extended attributes (ACLs live
    there) survive the fix, as they would with an editor's save."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to give a file another owner")
    shared = repo / "pkg/crlf.py"
    os.chown(shared, 65534, 65534)
    tagged = repo / "pkg/plain.py"
    try:
        os.setxattr(tagged, "user.ml-lint-test", b"kept")
    except OSError:
        pytest.skip("the file system holds no user extended attributes")
    before = tagged.read_bytes()

    run = cli(capsys, "check", "pkg", *SELECT, "--fix", "--no-cache")

    assert run.code in (0, 1), run.err
    assert shared.read_bytes() != CRLF_BOM and tagged.read_bytes() != before  # both fixed
    assert (shared.stat().st_uid, shared.stat().st_gid) == (65534, 65534)
    assert os.getxattr(tagged, "user.ml-lint-test") == b"kept"


def test_a_diff_for_a_file_named_like_a_commit_applies(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reports show ``./commit:x.py``; the patch names it as git does, without ``./``."""
    write(repo, "commit:x.py", PLAIN + "    return a + b\n")
    commit_all(repo, "test(pkg): a file named like a commit")
    run = cli(capsys, "check", "commit:x.py", *SELECT, "--diff", "--no-cache")
    assert "--- a/commit:x.py\n+++ b/commit:x.py\n" in run.out
    patch = tmp_path / "fixes.patch"
    patch.write_text(run.out, encoding="utf-8", newline="")
    git(repo, "apply", str(patch))


def test_a_hard_linked_file_a_fix_cannot_write_keeps_its_content(tmp_path: Path) -> None:
    """Written in place, a hard-linked file gets its old bytes back when the write fails."""
    root = init_repo(tmp_path / "repo")
    original = (PLAIN + "    return a + b\n").encode()
    write(root, "m.py", original)
    os.link(root / "m.py", root / "m-link.py")
    limit = len(original) + 8  # the fixed text, with its new entries, is longer

    def small_files() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "ml_lint", "check", "m.py", *SELECT, "--fix", "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot write the fixed m.py" in done.stderr
    assert (root / "m.py").read_bytes() == original == (root / "m-link.py").read_bytes()


def linked_module(functions: int) -> str:
    """A module of ``functions`` functions, each with an Args section that misses ``b``.

    Long enough that two workers checking it under two paths both read it before either
    writes it.
    """
    return "".join(
        f'def f{i}(a: int, b: int) -> int:\n    """Sum.\n\n    Args:\n        a: First.\n'
        '    """\n    return a + b\n\n\n'
        for i in range(functions)
    )


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_a_file_reached_by_two_paths_is_fixed_once_whatever_the_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, link: str
) -> None:
    """Its paths are fixed one after the other: the count, the file and the report are those of
    one process, and the second path is reported as it is after the fix."""
    functions = 300
    runs = {}
    for jobs in ("1", "2"):
        root = init_repo(tmp_path / f"jobs-{jobs}")
        write(root, "pkg/a.py", '"""Sums."""\n\n' + linked_module(functions))
        for name in ("b.py", "c.py", "d.py"):
            if link == "hard":
                os.link(root / "pkg/a.py", root / "pkg" / name)
            else:
                (root / "pkg" / name).symlink_to("a.py")
        monkeypatch.chdir(root)
        run = cli(
            capsys, "check", ".", "--select", "ML203,ML215", "--fix", "--no-cache", "--jobs", jobs
        )
        runs[jobs] = (run, (root / "pkg/a.py").read_text(encoding="utf-8"))
    (serial, fixed), (parallel, fixed_in_parallel) = runs["1"], runs["2"]
    assert serial.err == f"ml-lint: fixed {functions} problems\n"
    assert parallel.err == serial.err
    assert fixed_in_parallel == fixed and fixed.count("b (int): TODO: describe b.\n") == functions
    assert parallel.out == serial.out and parallel.code == serial.code == 1
    for name in ("a.py", "b.py", "c.py", "d.py"):  # placeholders left by the fix, under each
        assert serial.out.count(f"pkg/{name}:") == functions


def test_a_cached_path_of_a_file_fixed_under_another_path_is_checked_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hard link whose own settings leave nothing to fix: its findings stored for the old
    content are not reported once the fix under the other path moved its lines."""
    root = init_repo(tmp_path / "repo")
    write(root, "pyproject.toml", '[tool.ml-lint.per-file-ignores]\n"pkg/b.py" = ["ML2"]\n')
    long_line = "LONG = '" + "x" * 100 + "'\n"
    write(root, "pkg/a.py", '"""Sums."""\n\n' + linked_module(1) + long_line)
    os.link(root / "pkg/a.py", root / "pkg/b.py")
    monkeypatch.chdir(root)
    select = ("--select", "ML010,ML203", "--format", "json")
    cli(capsys, "check", ".", *select)  # stores both paths' findings
    run = cli(capsys, "check", ".", *select, "--fix")
    assert run.err == "ml-lint: fixed 1 problem\n"
    lines = {(f["path"], f["code"]): f["line"] for f in json.loads(run.out)}
    long_at = 1 + (root / "pkg/a.py").read_text(encoding="utf-8").splitlines().index(long_line[:-1])
    assert lines == {("pkg/a.py", "ML010"): long_at, ("pkg/b.py", "ML010"): long_at}


def test_a_file_of_another_user_is_not_replaced(repo: Path) -> None:
    """Write permission is asked of the file itself, though its directory allows a rename."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root, to own a file as another user, and setpriv to drop the rights")
    theirs = repo / "pkg/plain.py"
    before = theirs.read_bytes()
    os.chown(theirs, 65534, 65534)
    caps = "-dac_override,-dac_read_search,-fowner"
    command = [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", sys.executable]
    done = subprocess.run(
        [*command, "-m", "ml_lint", "check", ".", *SELECT, "--fix", "--no-cache"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot write the fixed pkg/plain.py: you have no permission" in done.stderr
    assert theirs.read_bytes() == before and theirs.stat().st_uid == 65534


def test_the_diff_of_random_edits_applies_and_gives_the_new_text(tmp_path: Path) -> None:
    """Whatever the alignment, ``git apply`` of the diff turns the old text into the new."""
    import random

    from ml_lint.fixes import unified_diff

    generator = random.Random(7)
    words = ["a\n", "b\n", "    return x\n", "def f():\n", "\n", "y\r\n"]
    git(tmp_path, "init", "-q")
    for trial in range(40):
        old = [
            generator.choice([*words, f"u{trial}.{i}\n"]) for i in range(generator.randint(0, 40))
        ]
        new = list(old)
        for _ in range(generator.randint(1, 6)):
            at = generator.randint(0, len(new))
            if generator.random() < 0.5 or not new:
                new.insert(at, generator.choice([*words, f"n{trial}.{at}\n"]))
            else:
                del new[min(at, len(new) - 1)]
        old_text, new_text = (
            "".join(old),
            "".join(new).rstrip("\n") if trial % 4 == 0 else "".join(new),
        )
        target = tmp_path / "f.py"
        target.write_text(old_text, encoding="utf-8", newline="")
        patch = tmp_path / "fix.diff"
        patch.write_text(unified_diff("f.py", old_text, new_text), encoding="utf-8", newline="")
        if old_text != new_text:
            git(tmp_path, "apply", "--whitespace=nowarn", "fix.diff")
        with open(target, encoding="utf-8", newline="") as handle:
            assert handle.read() == new_text, trial


def test_a_diff_of_thousands_of_fixes_is_made_at_once(tmp_path: Path) -> None:
    """Many small fixes in a large file: the diff is anchored, not one quadratic comparison.

    Under a timeout: difflib alone took over a minute on this file.
    """
    script = (
        "from ml_lint.fixes import unified_diff\n"
        'body = \'    """Do it\\n\\n    Args:\\n        x: X.\\n    """\\n    return x\\n\\n\\n\'\n'
        "old = ''.join(f'def f{i}(x):\\n' + body for i in range(8000))\n"
        "new = old.replace('Do it\\n', 'Do it.\\n')\n"
        "print(unified_diff('f.py', old, new).count('\\n+ '))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout == "8000\n"
