"""Files through the engine: lazy shared parsing, fault isolation, suppressions, --jobs."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import write

from ml_lint import config, engine
from ml_lint.model import Finding
from ml_lint.source import SourceError, SourceFile

LONG = "x = '" + "a" * 100 + "'\n"


def run(tmp_path: Path, files: dict[str, bytes | str], **options: bool) -> list[Finding]:
    """Write ``files`` under ``tmp_path`` and check them with the default configuration.

    Args:
        tmp_path: A scratch directory.
        files: Relative path to content.
        **options: Passed to ``engine.Options``.

    Returns:
        The sorted findings.
    """
    sources = []
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        sources.append(SourceFile(str(path), name))
    settings = config.load(str(tmp_path))
    return engine.check_files(sources, engine.Options(settings, **options)).findings


def test_source_parses_once_and_caches_failures(tmp_path: Path) -> None:
    """The tree is built once and shared; a syntax error is raised identically each time."""
    good = tmp_path / "a.py"
    good.write_text("x = 1\n")
    source = SourceFile(str(good), "a.py")
    assert source.tree is source.tree
    bad = tmp_path / "b.py"
    bad.write_text("def f(:\n")
    broken = SourceFile(str(bad), "b.py")
    with pytest.raises(SourceError) as first:
        _ = broken.tree
    with pytest.raises(SourceError) as second:
        _ = broken.tree
    assert first.value is second.value
    assert first.value.finding.code == "ML003"


@pytest.mark.parametrize(
    "head",
    ["", "\ufeff", "# -*- coding: latin-1 -*-\n", "#!/usr/bin/env python\n# coding=cp1252\n"],
    ids=["plain", "bom", "cookie", "cookie-on-line-2"],
)
def test_tree_is_the_utf8_text_whatever_the_coding_cookie(tmp_path: Path, head: str) -> None:
    """The tree holds the text as decoded (UTF-8), even where a cookie names another codec."""
    path = tmp_path / "a.py"
    path.write_bytes((head + 'def f():\n    """Größe in µm."""\n').encode("utf-8"))
    source = SourceFile(str(path), "a.py")
    function = source.tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert ast.get_docstring(function) == "Größe in µm."
    assert function.lineno == head.count("\n") + 1


def test_syntax_error_column_counts_characters(tmp_path: Path) -> None:
    """A syntax error after multibyte characters is placed at its character column."""
    path = tmp_path / "a.py"
    path.write_text("x = 'üé' ü\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        _ = SourceFile(str(path), "a.py").tree
    assert (error.value.finding.line, error.value.finding.column) == (1, 10)


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    """A long line with multibyte characters is reported at character column 101."""
    findings = run(tmp_path, {"a.py": "s = '" + "é" * 97 + "'  # ok\n"})
    (result,) = findings
    assert (result.code, result.line, result.column) == ("ML010", 1, 101)
    source = SourceFile(str(tmp_path / "a.py"), "a.py")
    assert source.column(1, len("s = 'é".encode())) == 7


def test_style_rules(tmp_path: Path) -> None:
    """Long lines (URLs exempt) and tab indentation are flagged with positions."""
    url = "# see https://example.com/" + "p" * 100 + "\n"
    findings = run(tmp_path, {"a.py": LONG + url + "if x:\n\tpass\n"})
    assert [(f.code, f.line) for f in findings] == [("ML010", 1), ("ML011", 4)]


def test_a_line_long_only_through_its_pragma_comments_is_exempt(tmp_path: Path) -> None:
    """Pragmas must stay on their line: only the code before them counts, as in ruff's E501."""
    code = "x = '" + "a" * 90 + "'"  # 96 characters
    lines = [
        f"{code}  # noqa: E501  # type: ignore[assignment]",
        f"{code}  # ml-lint: ignore[ML011]",
        f"{code}  # pragma: allowlist secret",
        f"{code}  # a plain comment that runs past the limit",  # flagged
        f"{code}  # noqa: E501  # and a comment",  # flagged: the comment is no pragma
        "y = '" + "b" * 100 + "'  # noqa",  # flagged: the code alone is too long
        f"{code}  # NOQA:F401  # type: int",  # ruff's pragmas: noqa in any case, type: ...
        "url = 'https://example.org/" + "p" * 90 + "'  # type: ignore",  # a URL, then a pragma
        "s = '# noqa' + '" + "ab " * 40 + "'",  # flagged: that pragma is inside a string
        "x = 1" + "   # noqa" * 16 + " #x" + " " * 100,  # flagged, at once (no backtracking)
    ]
    findings = run(tmp_path, {"a.py": "\n".join(lines) + "\n"})
    assert [(f.code, f.line) for f in findings] == [("ML010", n) for n in (4, 5, 6, 9, 10)]


def test_tabs_inside_multiline_strings_are_not_indentation(tmp_path: Path) -> None:
    """A tab a string holds is its text, but a docstring's or joined strings' is indentation."""
    text = (
        'doc = """\n\tTabbed text.\n\t"""\n'  # lines 2-3: inside the string
        'joined = ("a"\n\t"b")\n'  # line 5: indentation between two strings
        'f"""{doc}\n\tline\n"""\n'  # line 7: inside an f-string
        "if doc:\n\tpass\n"  # line 10: indentation
        'def f() -> None:\n    """Summary.\n\n\tMore.\n    """\n'  # line 14: docstring
    )
    expected = [("ML011", 5), ("ML011", 10), ("ML011", 14)]
    for newline in ("\n", "\r\n", "\r"):
        findings = run(tmp_path, {"a.py": text.replace("\n", newline)})
        assert [(f.code, f.line) for f in findings if f.code == "ML011"] == expected, newline


def test_a_script_without_a_suffix_is_python_when_its_first_line_says_so(tmp_path: Path) -> None:
    """`#!/usr/bin/env python3` makes `bin/train` Python (pre-commit passes it as such)."""
    script = "#!/usr/bin/env python3\nif True:\n\tpass\n"
    findings = run(
        tmp_path,
        {
            "bin/train": script,
            "bin/deploy": script.replace("python3", "bash"),
            "Makefile": "all:\n\techo hi\n",
            "bin/empty": "",
        },
    )
    assert [(f.path, f.code, f.line) for f in findings] == [("bin/train", "ML011", 3)]


def test_a_tab_after_a_form_feed_is_indentation(tmp_path: Path) -> None:
    """A form feed (a page break some editors keep) starts the indentation, as in ruff's W191."""
    findings = run(tmp_path, {"a.py": "if True:\n\f\tx = 1\n\ty = 2\n"})
    assert [(f.code, f.line) for f in findings] == [("ML011", 2), ("ML011", 3)]


def test_unreadable_and_unparsable_files_get_one_finding(tmp_path: Path) -> None:
    """Non-UTF-8, binary and broken Python files yield one finding each; a PNG is skipped."""
    findings = run(
        tmp_path,
        {
            "latin.py": "name = 'café'\n".encode("latin-1"),
            "binary.py": b"\x00\x01\x02 binary",
            "broken.py": "def f(:\n" + LONG,
            "image.png": b"\x89PNG\r\n\x1a\n\x00\x00",
            "ok.py": "x = 1\n",
        },
    )
    assert [(f.path, f.code) for f in findings] == [
        ("binary.py", "ML002"),
        ("broken.py", "ML003"),
        ("broken.py", "ML010"),
        ("latin.py", "ML002"),
    ]
    latin = next(f for f in findings if f.path == "latin.py")
    assert "not valid UTF-8" in latin.message and "0xe9" in latin.message


def test_undecodable_files_are_placed_and_named(tmp_path: Path) -> None:
    """The bad byte's line counts lone CRs, its offset the BOM; UTF-16 is named as such."""
    findings = run(
        tmp_path,
        {
            "cr.py": b'a = 1\rb = 2\rc = "\xff"\r',
            "bom.py": b'\xef\xbb\xbfa = 1\nc = "\xff"\n',
            "utf16.py": "x = 1\n".encode("utf-16"),
        },
    )
    assert [(f.path, f.code, f.line) for f in findings] == [
        ("bom.py", "ML002", 2),
        ("cr.py", "ML002", 3),
        ("utf16.py", "ML002", 1),
    ]
    assert "0xff at offset 14" in findings[0].message
    assert findings[2].message.startswith(
        "file is UTF-16 (it starts with a UTF-16 byte-order mark)"
    )


def test_a_nul_byte_past_the_binary_sniff_is_placed(tmp_path: Path) -> None:
    """A NUL byte deep in a text file is a syntax error at its own line and column."""
    for newline in ("\n", "\r\n", "\r"):
        text = f"x = 1{newline}" * 2000 + f"y = '\x00'{newline}"
        (result,) = run(tmp_path, {"late.py": text})
        assert (result.code, result.line, result.column) == ("ML003", 2001, 6), repr(newline)
        assert "NUL byte" in result.message


def test_a_crashing_checker_becomes_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception inside one checker is an ML001 finding; other checkers still run."""
    from ml_lint.checks import syntax

    def explode(source: SourceFile, settings: config.Config) -> list[Finding]:
        raise RuntimeError("boom")

    monkeypatch.setattr(syntax, "check", explode)
    findings = run(tmp_path, {"a.py": LONG})
    assert [f.code for f in findings] == ["ML001", "ML010"]
    assert "'syntax'" in findings[0].message and "RuntimeError: boom" in findings[0].message


def test_line_and_file_suppressions(tmp_path: Path) -> None:
    """ignore[...] by code or name on the line, ignore-file for the file, bare ignore."""
    line = "x = '" + "a" * 100 + "'"
    findings = run(
        tmp_path,
        {
            "code.py": f"{line}  # ml-lint: ignore[ML010]\n{line}\n",
            "name.py": f"{line}  # ml-lint: ignore[tab-indentation, line-too-long]\n",
            "bare.py": f"{line}  # ml-lint: ignore\n",
            "file.py": f"# ml-lint: ignore-file[line-too-long]\n{line}\n{line}\nif x:\n\tpass\n",
            "other.py": f"{line}  # ml-lint: ignore[ML011]\n",
        },
    )
    assert [(f.path, f.code, f.line) for f in findings] == [
        ("code.py", "ML010", 2),
        ("file.py", "ML011", 5),
        ("other.py", "ML010", 1),
    ]


def test_a_directive_in_any_case_suppresses(tmp_path: Path) -> None:
    """As with ruff's noqa, the case of ``ml-lint:``, ``ignore`` and ``ignore-file`` is free."""
    line = "x = '" + "a" * 100 + "'"
    files = {
        "upper.py": f"{line}  # ML-LINT: IGNORE[ML010]\n",
        "title.py": f"{line}  # Ml-Lint: Ignore[line-too-long]\n",
        "file.py": f"# ML-Lint: Ignore-File[line-too-long]\n{line}\n",
        "mixed.py": f"{line}  # mL-LiNt: iGnOrE[ML010]\n",
        "kept.py": f"{line}  # ML-LINT: IGNORE[ML011]\n",
    }
    findings = run(tmp_path, files, report_unused=True)
    assert [(f.path, f.code, f.line) for f in findings] == [
        ("kept.py", "ML010", 1),
        ("kept.py", "ML004", 1),
    ]


def test_a_comment_after_a_multi_line_string_covers_its_lines(tmp_path: Path) -> None:
    """Lines inside a string hold no comment: one after the closing quotes covers them all."""
    long = "a" * 101
    text = (
        f'x = """{long}\n{long}\n"""  # ml-lint: ignore[line-too-long]\n'
        f'y = f"""{{x}}\n{long}\n"""  # ml-lint: ignore[line-too-long]\n'
        f"z = '{long}'\n"
        f'w = """\n{long}\n"""\n'
        f"# ml-lint: ignore[line-too-long]\n"
    )
    findings = run(tmp_path, {"a.py": text}, report_unused=True)
    assert [(f.code, f.line) for f in findings] == [("ML010", 7), ("ML010", 9), ("ML004", 11)]
    assert run(tmp_path, {"a.py": text.replace("# ml-lint: ignore", "# no")})[0].line == 1


def test_suppressions_in_a_file_of_cr_line_ends(tmp_path: Path) -> None:
    """A comment on line 2 of a file whose lines end in \r alone suppresses line 2."""
    text = "y = 2\rw = '" + "a" * 100 + "'  # ml-lint: ignore[line-too-long]\r"
    assert run(tmp_path, {"a.py": text}) == []
    assert run(tmp_path, {"a.py": text.replace("  # ml-lint", "  # no")})[0].line == 2


def test_unused_suppressions_are_reported_on_request(tmp_path: Path) -> None:
    """--report-unused-ignores flags unused and unknown codes, not used ones."""
    files = {
        "a.py": (
            "x = 1  # ml-lint: ignore[ML010]\n"
            "y = 2  # ml-lint: ignore[ML999]\n"
            "z = 3  # ml-lint: ignore\n"
            "w = '" + "a" * 100 + "'  # ml-lint: ignore[line-too-long, ML011]\n"
        )
    }
    assert run(tmp_path, files) == []
    findings = run(tmp_path, files, report_unused=True)
    assert [(f.code, f.line) for f in findings] == [("ML004", n) for n in (1, 2, 3, 4)]
    messages = " ".join(f.message for f in findings)
    assert "'ML999'" in messages and "unknown" in messages and "'ML011' is unused" in messages


def test_jobs_do_not_change_the_result(tmp_path: Path) -> None:
    """Parallel runs give the same sorted findings as a serial run."""
    files: dict[str, bytes | str] = {
        f"pkg/m{i:02d}.py": LONG * (i % 3) + "if x:\n\tpass\n" for i in range(30)
    }
    serial = run(tmp_path, files)
    sources = [SourceFile(str(tmp_path / name), name) for name in files]
    options = engine.Options(config.load(str(tmp_path)))
    assert engine.check_files(sources, options, jobs=2).findings == serial
    assert len(serial) == 30 + 30  # a tab in every file, 0-2 long lines each


def test_selection_and_per_file_ignores_filter_findings(tmp_path: Path) -> None:
    """Deselected rules and per-file-ignores drop findings; ML002 obeys them too."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.ml-lint]\nignore = ['ML011']\n"
        "[tool.ml-lint.per-file-ignores]\n'legacy/*' = ['ML0']\n"
    )
    findings = run(
        tmp_path,
        {"a.py": LONG + "if x:\n\tpass\n", "legacy/b.py": LONG, "legacy/c.py": b"\xff\xfe"},
    )
    assert [(f.path, f.code) for f in findings] == [("a.py", "ML010")]


def test_finding_builds_the_same_record_as_the_class() -> None:
    """``model.finding`` fills every field, defaults included, as ``Finding(...)`` does."""
    from ml_lint.model import finding
    from ml_lint.rules import general

    built = finding(general.LINE_TOO_LONG, "a.py", "long", 3, 4, 3, 9, 2)
    expected = Finding(
        "a.py", 3, 4, general.LINE_TOO_LONG.code, "long", 3, 9, general.LINE_TOO_LONG.name,
        general.LINE_TOO_LONG.severity, 2,
    )  # fmt: skip
    assert built == expected
    assert len(built) == len(Finding._fields)
    assert (built.fingerprint, built.detector) == (None, None)
    assert finding(general.LINE_TOO_LONG, "a.py", "m") == Finding(
        "a.py", 1, 1, "ML010", "m", 1, 1, "line-too-long", general.LINE_TOO_LONG.severity
    )


def test_sort_findings_orders_by_sort_key_with_and_without_cells() -> None:
    """The fast order used when no finding is in a cell is the order of ``sort_key``."""
    import random

    from ml_lint.model import sort_findings, sort_key

    rng = random.Random(0)
    plain = [
        Finding(rng.choice("ab"), rng.randint(1, 3), rng.randint(1, 3), rng.choice(["ML1", "ML2"]),
                rng.choice("xy"), 1, 1, "n")
        for _ in range(300)
    ]  # fmt: skip
    with_cells = [f._replace(cell=rng.choice([None, 1, 2])) for f in plain]
    for findings in (plain, with_cells):
        expected = sorted(findings, key=sort_key)
        sort_findings(findings)
        assert findings == expected


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ('x = "\U0001f600\U0001f600" + 0777 + 1\n', 12),  # a tokenizer error, in bytes
        ('y = "\u00e9" + (1 +\n', 11),
        ('z = "\u00e9\u00e9" + 1 +* 2\n', 15),
    ],
)
def test_syntax_errors_after_non_ascii_text_are_placed_in_characters(
    tmp_path: Path, line: str, column: int
) -> None:
    """Columns count characters whichever unit CPython's error gave."""
    (result,) = run(tmp_path, {"a.py": line})
    assert (result.code, result.line, result.column) == ("ML003", 1, column)


def test_a_file_too_deep_for_the_parser_is_a_syntax_error(tmp_path: Path) -> None:
    """Python gives up on thousands of nested operators; that is ML003, not a crash."""
    findings = run(tmp_path, {"deep.py": "x = " + "-" * 100_000 + "1\n"})
    assert [(f.code, f.line) for f in findings if f.code != "ML010"] == [("ML003", 1)]
    assert "nests too deeply" in findings[0].message


def test_inputs_built_to_make_patterns_backtrack_are_checked_at_once(tmp_path: Path) -> None:
    """Each file below took the earlier patterns minutes (they grew quadratically or worse).

    The run has a timeout: a pattern that backtracks again fails this test instead of
    hanging a pre-commit hook.
    """
    import json
    import subprocess
    import sys

    files = {
        # ML213: a docstring type (types longer than 1,000 characters are not compared) with a
        # long run of spaces and no "or"
        "types.py": 'def f(x: int) -> None:\n    """F.\n\n    Args:\n'
        f'        x (int{" " * 900}, str): X.\n    """\n',
        # secrets: a service name repeated with no "key" after it
        "comet.txt": 'x = "abcdefgh" ' + "comet" * 40_000 + "\n",
        ".pypirc": "\n" * 200_000 + "[pypi]\nusername = __token__\n",  # and no password
        # notebook markdown: unclosed HTML headings and comments, a heading with a space run
        "notes.ipynb": json.dumps(
            {
                "nbformat": 4,
                "metadata": {},
                "cells": [
                    {"cell_type": "markdown", "metadata": {}, "source": "<h1>x" * 40_000},
                    {"cell_type": "markdown", "metadata": {}, "source": "<!--x" * 40_000},
                    {"cell_type": "markdown", "metadata": {}, "source": "# a" + " " * 60_000 + "b"},
                ],
            }
        ),
        # notebook front matter whose closing `---` a run of spaces follows, then text
        "front.ipynb": json.dumps(
            {
                "nbformat": 4,
                "metadata": {},
                "cells": [
                    {
                        "cell_type": "raw",
                        "metadata": {},
                        "source": "---\nt: x\n---" + " " * 120_000 + "x",
                    }
                ],
            }
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "ml_lint", "check", "--no-cache", "--format", "json"]
    done = subprocess.run(
        [*command, "--extend-select", "ML213", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    codes = {(item["path"], item["code"]) for item in json.loads(done.stdout)}
    assert ("types.py", "ML213") in codes  # "int, str" is no spelling of int
    assert (".pypirc", "ML405") not in codes  # a .pypirc without a password


# --- stopping a run of several processes -------------------------------------------------


def _slow_project(root: Path) -> None:
    """A file whose docstring rules take seconds, and a small one for the other worker."""
    functions = "".join(
        f'def fn{i}(a, b):\n    """Doc {i}"""\n    return a + b\n' for i in range(20000)
    )
    write(root, "big.py", functions)
    write(root, "small.py", "x = 1\n")


def _start_with_workers(root: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """``ml-lint check --jobs 2`` in a session of its own, once its two workers are up."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ml_lint", "check", ".", "--no-cache", "--select", "ML2",
         "--jobs", "2"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    children: list[int] = []
    for _ in range(200):
        with open(f"/proc/{process.pid}/task/{process.pid}/children", encoding="ascii") as f:
            children = [int(pid) for pid in f.read().split()]
        if len(children) >= 2:
            return process, children
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the workers did not start")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_ctrl_c_stops_every_process_without_a_traceback(tmp_path: Path) -> None:
    """Ctrl-C reaches the workers too: the run exits 130, and no worker prints a traceback."""
    _slow_project(tmp_path)
    process, _ = _start_with_workers(tmp_path)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err, err


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    """A parent killed outright (no chance to stop its pool) leaves no worker running."""
    _slow_project(tmp_path)
    process, children = _start_with_workers(tmp_path)
    process.kill()
    process.communicate(timeout=60)
    deadline = time.monotonic() + 15
    alive = children
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in children if _running(pid)]
    for pid in alive:  # do not leave them behind, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_jobs_work_however_workers_start(tmp_path: Path, method: str) -> None:
    """Python 3.14 starts workers from a fork server: a worker's parent is not the run's."""
    write(tmp_path, "a.py", '"""A."""\n\nif True:\n\tx = 1\n')
    write(tmp_path, "b.py", '"""B."""\n')
    script = (
        "import multiprocessing, sys\n"
        "from ml_lint.cli import main\n"
        "if __name__ == '__main__':\n"
        f"    multiprocessing.set_start_method({method!r}, force=True)\n"
        "    sys.exit(main(['check', '.', '--no-cache', '--jobs', '2']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (1, ""), done.stderr
    assert "a.py:4:1: ML011" in done.stdout
