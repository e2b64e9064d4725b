"""Docstring style, google convention (ML220-ML242): each rule's failing and passing cases.

Where pydocstyle is installed, every case is also checked against ``pydocstyle
--convention=google``: the rules' codes map to pydocstyle's, and the cases where they
differ on purpose say so (``differs``). ``test_docstring_oracle`` does the same on real code.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from support import cli, write

from ml_lint.checks import docstring_style

STYLE = ",".join(sorted(docstring_style.CODES))
HEADER = '"""Module."""\n\nimport typing\nfrom typing import overload\n\n\n'
TO_PYDOCSTYLE = {
    "ML220": {"D419"},
    "ML221": {"D200"},
    "ML222": {"D201", "D211"},
    "ML223": {"D202"},
    "ML224": {"D300"},
    "ML225": {"D301"},
    "ML226": {"D210"},
    "ML227": {"D212"},
    "ML228": {"D205"},
    "ML229": {"D415"},
    "ML230": {"D403"},
    "ML231": {"D402"},
    "ML232": {"D207"},
    "ML233": {"D208"},
    "ML234": {"D209"},
    "ML235": {"D214"},
    "ML236": {"D405"},
    "ML237": {"D416"},
    "ML238": {"D411"},
    "ML239": {"D412"},
    "ML240": {"D414"},
    "ML241": {"D418"},
    "ML242": set(),  # NumPy style: pydocstyle has no code for it
}
FROM_PYDOCSTYLE = {d: ml for ml, ds in TO_PYDOCSTYLE.items() for d in ds}


class Case(NamedTuple):
    """A snippet (after HEADER) and the (code, line in the snippet) it is flagged with.

    ``differs`` names the deliberate difference from pydocstyle, if any.
    """

    id: str
    source: str
    expected: list[tuple[str, int]]
    differs: str = ""


CASES = [
    Case("clean", 'def f() -> None:\n    """Do it."""\n    return None\n', []),
    Case(
        "clean-multi-line",
        'def f(x: int) -> int:\n    """Do it.\n\n    Args:\n        x: The x.\n\n'
        '    Returns:\n        The y.\n    """\n    return x\n',
        [],
    ),
    Case("empty", 'def f() -> None:\n    """"""\n', [("ML220", 2)]),
    Case("empty-whitespace", 'class C:\n    """   """\n', [("ML220", 2)]),
    Case("one-line", 'def f() -> None:\n    """Do it.\n    """\n', [("ML221", 2)]),
    Case(
        "one-line-summary-below",
        'def f() -> None:\n    """\n    Do it.\n    """\n',
        [("ML221", 2), ("ML227", 2)],
    ),
    Case("blank-before-def", 'def f() -> None:\n\n    """Do it."""\n', [("ML222", 3)]),
    Case("blank-before-class", 'class C:\n\n    """Do it."""\n', [("ML222", 3)]),
    Case(
        "blank-before-multi-line-signature",
        'def f(\n    x: int,\n) -> None:\n    """Do it."""\n',
        [],
    ),
    Case(
        "blank-after",
        'def f() -> int:\n    """Do it."""\n\n    return 1\n',
        [("ML223", 2)],
    ),
    Case(
        "blank-after-before-inner-def",
        'def f() -> None:\n    """Do it."""\n\n    def g() -> None:\n        """Do g."""\n',
        [],
    ),
    Case(
        "blank-after-before-decorator",
        'def f() -> None:\n    """Do it."""\n\n    @overload\n    def g() -> None: ...\n',
        [],
    ),
    Case(
        "blank-after-comment-after-quotes-before-inner-def",
        'def f() -> None:\n    """Do it."""  # note\n\n    def g() -> None:\n        """G."""\n',
        [],
        differs="comment-after-docstring",
    ),
    Case(
        "blank-after-then-a-comment-above-the-inner-def",
        'def f() -> None:\n    """Do it."""\n\n    # Wrap it.\n    def g() -> None:\n'
        '        """G."""\n',
        [],
        differs="comment-after-docstring",
    ),
    Case(
        "blank-after-then-a-comment-above-code",
        'def f() -> None:\n    """Do it."""\n\n    # Say it.\n    print(1)\n',
        [("ML223", 2)],
    ),
    Case(
        "blank-after-comment-then-code",
        'def f() -> int:\n    """Do it."""\n\n    # one\n    return 1\n',
        [("ML223", 2)],
    ),
    Case(
        "two-blanks-before-inner-def",
        'def f() -> None:\n    """Do it."""\n\n\n    def g() -> None:\n        """Do g."""\n',
        [("ML223", 2)],
    ),
    Case(
        "code-after-docstring-on-its-line",
        'def f() -> int: """Do it."""; return 1\n\n\ndef g() -> None:\n    """G."""\n',
        [],
    ),
    Case("blank-after-class-is-fine", 'class C:\n    """Do it."""\n\n    x = 1\n', []),
    Case("single-quotes", "def f() -> None:\n    '''Do it.'''\n", [("ML224", 2)]),
    Case("one-double-quote", 'def f() -> None:\n    "Do it."\n', [("ML224", 2)]),
    Case("triple-inside", "def f() -> None:\n    '''Say \"\"\"hi\"\"\".'''\n", []),
    Case("backslash", 'def f() -> None:\n    """Match \\\\d+."""\n', [("ML225", 2)]),
    Case(
        "click-markers",
        'def f() -> None:\n    """Run it.\n\n    \\b\n    a\n    b\n    \\f\n    """\n',
        [],
        differs="click-markers",
    ),
    Case(
        "click-marker-and-another-backslash",
        'def f() -> None:\n    """Run it.\n\n    \\b\n    Match \\d+.\n    """\n',
        [("ML225", 2)],
    ),
    Case(
        "click-marker-and-a-doubled-backslash",
        'def f() -> None:\n    """Run it.\n\n    \\b\n    run --id 1 \\\\\n'
        '        --yes\n    """\n',
        [],
        differs="click-markers",
    ),
    Case("raw-backslash", 'def f() -> None:\n    r"""Match \\d+."""\n', []),
    Case(
        "uppercase-raw",
        'def f() -> None:\n    R"""Match \\d+."""\n',
        [],
        differs="uppercase-raw-prefix",
    ),
    Case("unicode-escape", 'def f() -> None:\n    """Say \\u00e9."""\n', []),
    Case("leading-space", 'def f() -> None:\n    """ Do it."""\n', [("ML226", 2)]),
    Case("trailing-space", 'def f() -> None:\n    """Do it. """\n', [("ML226", 2)]),
    Case(
        "trailing-space-multi-line-is-fine",
        'def f() -> None:\n    """Do it.\n    Next. \n    """\n',
        [("ML228", 2)],
    ),
    Case(
        "summary-second-line",
        'def f() -> None:\n    """\n    Do it.\n\n    More.\n    """\n',
        [("ML227", 2)],
    ),
    Case(
        "summary-wraps",
        'def f() -> None:\n    """Do it\n    and more.\n    """\n',
        [("ML228", 2), ("ML229", 2)],
    ),
    Case(
        "two-blanks-after-summary",
        'def f() -> None:\n    """Do it.\n\n\n    More.\n    """\n',
        [("ML228", 2)],
    ),
    Case("no-period", 'def f() -> None:\n    """Do it"""\n', [("ML229", 2)]),
    Case("question-mark", 'def f() -> bool:\n    """Is it?"""\n    return True\n', []),
    Case("module-no-period", "", [("ML229", -5)]),
    Case("lowercase", 'def f() -> None:\n    """do it."""\n', [("ML230", 2)]),
    Case("lowercase-class-is-fine", 'class C:\n    """thing."""\n', []),
    Case("identifier-first", 'def f() -> None:\n    """torch.nn wrapper."""\n', []),
    Case("all-caps-first", 'def f() -> None:\n    """HTTP call."""\n', []),
    Case(
        "capitalized-inside",
        'def f() -> None:\n    """PyTorch call."""\n',
        [],
        differs="capitalized-inside",
    ),
    Case("signature", 'def scale(x: int) -> int:\n    """scale(x) -> int."""\n', [("ML231", 2)]),
    Case(
        "under-indented",
        'def f() -> None:\n    """Do it.\n\n  More.\n    """\n',
        [("ML232", 4)],
    ),
    Case(
        "over-indented",
        'def f() -> None:\n    """Do it.\n\n      More.\n      """\n',
        [("ML233", 4)],
    ),
    Case(
        "closing-quotes-over-indented",
        'def f() -> None:\n    """Do it.\n\n    More.\n      """\n',
        [("ML233", 5)],
    ),
    Case(
        "indented-code-is-fine",
        'def f() -> None:\n    """Do it.\n\n    Example:\n        >>> f()\n    """\n',
        [],
    ),
    Case(
        "escaped-backslash-at-a-line-end",
        'def f() -> None:\n    """Run it.\n\n    Example:\n        run --name x \\\\\n'
        '            --fast \\\\\n    """\n',
        [("ML225", 2)],
        differs="backslash-continues-nothing",
    ),
    Case(
        "raw-backslash-at-a-line-end",
        'def f() -> None:\n    r"""Run it.\n\n    Example:\n        run --name x \\\n'
        '            --fast \\\n    """\n',
        [],
        differs="backslash-continues-nothing",
    ),
    Case(
        "closing-quotes",
        'def f() -> None:\n    """Do it.\n\n    More."""\n',
        [("ML234", 4)],
    ),
    Case(
        "section-indented",
        'def f() -> None:\n    """Do it.\n\n    Text.\n\n      Note:\n          Careful.\n'
        '    """\n',
        [("ML235", 6)],
    ),
    Case(
        "section-case",
        'def f(x: int) -> None:\n    """Do it.\n\n    args:\n        x: The x.\n    """\n',
        [("ML236", 4)],
    ),
    Case(
        "section-case-upper",
        'def f() -> None:\n    """Do it.\n\n    NOTE:\n        Careful.\n    """\n',
        [("ML236", 4)],
    ),
    Case(
        "section-colon",
        'def f(x: int) -> None:\n    """Do it.\n\n    Args\n        x: The x.\n    """\n',
        [("ML237", 4)],
    ),
    Case(
        "not-a-section-after-text",
        'def f() -> None:\n    """Do it.\n\n    Text that goes on\n    Note\n    """\n',
        [],
    ),
    Case(
        "section-blank-before",
        'def f(x: int) -> None:\n    """Do it.\n\n    Args:\n        x: The x.\n    Note:\n'
        '        Careful.\n    """\n',
        [("ML238", 6)],
    ),
    Case(
        "section-blank-before-google-sections",
        'def f(x: int) -> int:\n    """Do it.\n\n    Args:\n        x: The x.\n    Note:\n'
        '        Careful.\n\n    Returns:\n        The y.\n    """\n    return x\n',
        [("ML238", 6)],
        differs="google-sections",
    ),
    Case(
        "section-after-an-entry",
        'def f(x: int) -> None:\n    """Do it.\n\n    Args:\n        x: the x\n    Note:\n'
        '        Careful.\n    """\n',
        [("ML238", 6)],
        differs="title-after-an-entry",
    ),
    Case(
        "no-section-after-an-entry-without-its-colon",
        'def f(x: int) -> None:\n    """Do it.\n\n    Args:\n        x: the x\n    Note\n'
        '        Careful.\n    """\n',
        [],
    ),
    Case(
        "section-blank-after",
        'def f(x: int) -> None:\n    """Do it.\n\n    Args:\n\n        x: The x.\n    """\n',
        [("ML239", 4)],
    ),
    Case(
        "section-empty",
        'def f() -> None:\n    """Do it.\n\n    Note:\n\n    """\n',
        [("ML240", 4)],
    ),
    Case(
        "section-content-on-closing-line",
        'def f() -> None:\n    """Do it.\n\n    Note:\n        Careful."""\n',
        [("ML233", 5), ("ML234", 5)],
        differs="section-content-on-closing-line",
    ),
    Case(
        "overload",
        '@overload\ndef f(x: int) -> int:\n    """Do it."""\n',
        [("ML241", 3)],
    ),
    Case(
        "typing-overload",
        '@typing.overload\ndef f(x: int) -> int:\n    """Do it."""\n',
        [("ML241", 3)],
        differs="typing-overload",
    ),
    Case(
        "numpy-style",
        'def f(x: int) -> int:\n    """Do it.\n\n    Returns\n    -------\n    int\n'
        '        The y.\n    """\n    return x\n',
        [("ML242", 4)],
        differs="numpy-style",
    ),
    Case(
        "private-and-nested",
        'def _f() -> None:\n    """do it"""\n\n    def g() -> None:\n        """do g"""\n',
        [("ML229", 2), ("ML229", 5), ("ML230", 2), ("ML230", 5)],
    ),
]


def _run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, *args: str
) -> list[dict[str, Any]]:
    write(tmp_path, "mod.py", source)
    result = cli(capsys, "check", "mod.py", "--select", STYLE, "--format", "json", *args)
    assert result.code in (0, 1), result.err
    data: list[dict[str, Any]] = json.loads(result.out)
    return data


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the scratch directory."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Case) -> None:
    """Each case is flagged with exactly its expected codes, where expected."""
    header = HEADER if case.id != "module-no-period" else '"""Module"""\n\n\n\n\n\n'
    source = header + case.source
    offset = header.count("\n")
    found = _run(tmp_path, capsys, source)
    assert sorted((f["code"], f["line"] - offset) for f in found) == sorted(case.expected)
    for item in found:
        assert item["message"], item


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_agrees_with_pydocstyle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Case
) -> None:
    """pydocstyle --convention=google reports the mapped codes, unless the case says why not."""
    checker = pytest.importorskip("pydocstyle.checker")
    conventions = pytest.importorskip("pydocstyle.violations").conventions
    header = HEADER if case.id != "module-no-period" else '"""Module"""\n\n\n\n\n\n'
    write(tmp_path, "mod.py", header + case.source)
    theirs = Counter(
        FROM_PYDOCSTYLE[error.code]
        for error in checker.check(["mod.py"], select=conventions.google, ignore_inline_noqa=True)
        if error.code in FROM_PYDOCSTYLE
    )
    ours = Counter(code for code, _ in case.expected)
    if case.differs:
        assert theirs != ours, f"{case.id} no longer differs from pydocstyle"
    else:
        assert theirs == ours


def test_messages_say_what_and_how(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Messages name the problem and the repair."""
    source = HEADER + 'def f(x: int) -> None:\n    """do it\n    Args\n        x: The x.\n    """\n'
    messages = {f["code"]: f["message"] for f in _run(tmp_path, capsys, source)}
    assert messages["ML229"] == (
        "the summary line ends with 't'; end it with a period, question mark or exclamation mark"
    )
    assert messages["ML230"] == "start the summary with a capital letter: 'Do', not 'do'"
    assert "make it one line" in messages["ML228"]


def test_a_docstring_that_starts_with_a_section_is_told_it_has_no_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "the summary ends with ':'": what is missing is the summary itself."""
    body = '    """Args:\n        x: The x.\n    """\n'
    source = HEADER + "def f(x: int) -> None:\n" + body
    found = _run(tmp_path, capsys, source)
    messages = {f["code"]: f["message"] for f in found if f["code"] in ("ML228", "ML229")}
    assert messages == {
        "ML228": "the docstring has no summary: it starts with 'Args:'; put a one-line summary "
        "and a blank line before that section",
        "ML229": "the docstring has no summary line ('Args:' is a section title); start it with "
        "a sentence that ends with a period",
    }
    # A summary that merely ends with a colon is still a summary.
    source = HEADER + 'def f(x: int) -> None:\n    """Do this:\n        x: The x.\n    """\n'
    messages = {f["code"]: f["message"] for f in _run(tmp_path, capsys, source)}
    assert messages["ML229"].startswith("the summary line ends with ':'")


def test_section_findings_point_at_the_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A section finding is at its title's line and column; docstring findings at the quotes."""
    source = HEADER + (
        "class C:\n"
        '    """A class.\n\n'
        "    Attributes:\n        x: The x.\n"
        "    Note:\n        Careful\n"
        '    """\n'
    )
    found = [(f["code"], f["line"], f["column"]) for f in _run(tmp_path, capsys, source)]
    assert found == [("ML238", 12, 5)]


def test_test_files_are_exempt_like_the_other_docstring_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """exempt-tests covers the style rules too."""
    write(tmp_path, "tests/test_x.py", 'def test_x() -> None:\n    """do it"""\n')
    result = cli(capsys, "check", "tests/test_x.py", "--select", STYLE)
    assert result.code == 0, result.out


def test_implicitly_concatenated_docstring_reads_its_first_string(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in pydocstyle, only the first string of an implicit concatenation is checked."""
    source = HEADER + 'def f() -> None:\n    """Do it.""" "\\n"\n'
    assert _run(tmp_path, capsys, source) == []


def test_definitions_in_every_block_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Functions under with, for, while, try and match blocks have their docstrings checked."""
    source = HEADER + textwrap.dedent(
        '''
        with open("x") as handle:
            def a() -> None:
                """a"""
        for _ in range(1):
            def b() -> None:
                """b"""
        while False:
            def c() -> None:
                """c"""
        try:
            pass
        except ValueError:
            def d() -> None:
                """d"""
        finally:
            def e() -> None:
                """e"""
        match 1:
            case 1:
                def g() -> None:
                    """g"""
        '''
    )
    found = [f["code"] for f in _run(tmp_path, capsys, source) if f["code"] == "ML229"]
    assert len(found) == 6


# --- fixes -------------------------------------------------------------------------------------


def _fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, select: str = STYLE
) -> str:
    """What ``--fix`` makes of ``source`` (dedented) as ``m.py``, checked to be idempotent."""
    path = write(tmp_path, "m.py", textwrap.dedent(source).lstrip("\n"))
    run = cli(capsys, "check", "m.py", "--fix", "--select", select)
    assert run.code in (0, 1), run.err
    once = path.read_text(encoding="utf-8")
    again = cli(capsys, "check", "m.py", "--fix", "--select", select)
    assert again.code in (0, 1), again.err
    assert path.read_text(encoding="utf-8") == once, "a second --fix changed the file"
    return once


FIXES = [
    pytest.param(
        '''
        def f() -> None:
            """ Do it."""
        ''',
        '''
        def f() -> None:
            """Do it."""
        ''',
        id="ML226-whitespace",
    ),
    pytest.param(
        '''
        def f() -> None:
            """
            Do it.

            More.
            """
        ''',
        '''
        def f() -> None:
            """Do it.

            More.
            """
        ''',
        id="ML227-summary-first-line",
    ),
    pytest.param(
        '''
        def f() -> None:
            """
            Do it.
            """
        ''',
        '''
        def f() -> None:
            """Do it."""
        ''',
        id="ML227-and-ML221-one-line",
    ),
    pytest.param(
        '''
        def f() -> None:
            """Do it.


            More.
            """
        ''',
        '''
        def f() -> None:
            """Do it.

            More.
            """
        ''',
        id="ML228-extra-blank-lines",
    ),
    pytest.param(
        '''
        class C:
            """A thing (with parts)"""
        ''',
        '''
        class C:
            """A thing (with parts)."""
        ''',
        id="ML229-period",
    ),
    pytest.param(
        '''
        def f() -> None:
            """Do it.

            More."""
        ''',
        '''
        def f() -> None:
            """Do it.

            More.
            """
        ''',
        id="ML234-closing-quotes",
    ),
    pytest.param(
        '''
        def f() -> None:
            """ Do it.

            More. \t"""
        ''',
        '''
        def f() -> None:
            """Do it.

            More.
            """
        ''',
        id="ML226-ML234-no-space-left-before-the-moved-quotes",
    ),
    pytest.param(
        '''
        def f() -> None:
            """Do it.

            Ends in \\ """
        ''',
        '''
        def f() -> None:
            """Do it.

            Ends in \\\x20
            """
        ''',
        id="ML234-the-space-after-a-backslash-stays",
    ),
    pytest.param(
        '''
        def f(x: int) -> None:
            """Do it.

            args
                x: The x.
            note:

                Careful.
            """
        ''',
        '''
        def f(x: int) -> None:
            """Do it.

            Args:
                x: The x.

            Note:
                Careful.
            """
        ''',
        id="ML236-ML239-sections",
    ),
]


@pytest.mark.parametrize(("source", "expected"), FIXES)
def test_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, expected: str
) -> None:
    """Each fixable rule's fix, alone or with others; a second --fix changes nothing."""
    assert _fixed(tmp_path, capsys, source) == textwrap.dedent(expected).lstrip("\n")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('def f() -> None:\n    """Do it\n    and more\n    """\n', id="summary-wraps"),
        pytest.param('def f() -> None:\n    """Example usage:"""\n', id="ends-with-colon"),
        pytest.param("def f() -> None:\n    'Do it'\n", id="not-triple-quoted"),
        pytest.param('def f() -> None: """Do it"""\n', id="not-on-its-own-line"),
        pytest.param(
            'def f() -> None:\n    """\n    Args:\n        None.\n    """\n', id="no-summary"
        ),
        pytest.param(
            'def f(x: int) -> int:\n    """\n    Args:\n        x: The x.\n\n    Returns:\n'
            '        The value.\n    """\n    return x\n',
            id="starts-with-a-section",
        ),
        pytest.param(
            'def f(x: int) -> None:\n    r"""\n    x (int):\n        The x.\n    """\n',
            id="starts-with-an-entry",
        ),
        pytest.param(
            'def f(x: int) -> None:\n    """\n    :param x: The x.\n    """\n', id="rest-field"
        ),
        pytest.param('def f() -> None:\n    """\n    Example\n    """\n', id="a-bare-title"),
        pytest.param(
            '"""\n*************\nVF2 Algorithm\n*************\n\nAn implementation.\n"""\n',
            id="a-rest-heading-overline",
        ),
        pytest.param(
            'def f() -> None:\n    """Do it.\n\n    Example:\n\n    .. code-block:: python\n\n'
            '        f()\n    """\n',
            id="a-blank-line-that-keeps-a-directive-apart",
        ),
        pytest.param(
            'def f() -> None:\n    """\n    ' + "Long " * 19 + 'words.\n\n    More.\n    """\n',
            id="too-long-for-the-first-line",
        ),
        pytest.param(
            'def f() -> None:\n    """Compute it"""  # ' + "x" * 76 + "\n",
            id="a-period-the-comment-after-would-push-past-the-limit",
        ),
    ],
)
def test_what_is_not_fixed(tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str) -> None:
    """A fix that needs rewording, or would break the line limit or the literal, is not made."""
    assert _fixed(tmp_path, capsys, source) == source


def test_a_fix_keeps_the_code_after_the_closing_quotes_within_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Joining a docstring onto its quotes' line counts the comment after them."""
    source = 'def f() -> None:\n    """\n    Summary of f.\n    """  # ' + "z" * 80 + "\n"
    text = _fixed(tmp_path, capsys, source)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "ML221" in [f["code"] for f in _run(tmp_path, capsys, text)]


@pytest.mark.parametrize(
    "source",
    ['def f() -> None:\n    """Set it to ""empty"" """\n', "def f() -> None:\n    ''' ''x'' '''\n"],
    ids=["quotes-at-the-end", "quotes-at-both-ends"],
)
def test_whitespace_fix_never_ends_a_literal_early(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    """Without the space, the inner quotes would close the literal: "a" "b", joined, lose two."""
    assert _fixed(tmp_path, capsys, source, select="ML226") == source


def test_section_fixes_leave_doctest_output_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An example's output line that reads like a title ("Note") stays as doctest expects."""
    source = '''
        def heading(level: int) -> str:
            """Heading text for a level.

            Examples:
                >>> print(heading(1))
                Note
                >>> heading(2)
                'Args'

            Note:
                Only two levels.
            """
            return "Note" if level == 1 else "Args"
    '''
    assert _fixed(tmp_path, capsys, source) == textwrap.dedent(source).lstrip("\n")


def test_a_style_fix_that_fits_only_after_a_content_fix_is_made_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The period does not fit before the closing quotes; once Args moves them, it does."""
    summary = "Word " * 17 + "ended"  # with its quotes, the line is 100 characters long
    source = f'def f(x: int) -> None:\n    """{summary}"""\n'
    assert len(source.splitlines()[1]) == 100
    fixed = _fixed(tmp_path, capsys, source, select="ML203,ML229")
    assert fixed == (
        f'def f(x: int) -> None:\n    """{summary}.\n\n    Args:\n'
        '        x (int): TODO: describe x.\n    """\n'
    )


def test_style_and_content_fixes_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Style and Args fixes apply to the same docstring in one run."""
    source = '''
        """Module."""


        def scale(x: float, factor: float) -> float:
            """
            Scale x

            Args:
                x: The value.
            Returns:
                The product."""
            return x * factor
    '''
    assert _fixed(tmp_path, capsys, source, select="ML2") == textwrap.dedent('''\
        """Module."""


        def scale(x: float, factor: float) -> float:
            """Scale x.

            Args:
                x: The value.
                factor (float): TODO: describe factor.

            Returns:
                The product.
            """
            return x * factor
    ''')


def test_fix_keeps_crlf_and_module_docstrings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Line endings are kept; a module's docstring is fixed like any other."""
    path = write(tmp_path, "m.py", '"""\r\nModule\r\n\r\nMore.\r\n"""\r\n')
    cli(capsys, "check", "m.py", "--fix", "--select", STYLE)
    assert path.read_bytes() == b'"""Module.\r\n\r\nMore.\r\n"""\r\n'


def test_notebook_cells_have_function_docstrings_but_no_module_docstring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A string that starts a code cell is not a docstring; functions in cells are checked."""
    nbformat = pytest.importorskip("nbformat")
    from nbformat.v4 import new_code_cell, new_notebook

    cells = [new_code_cell('"""not a docstring"""'), new_code_cell('def f():\n    """do it"""')]
    nbformat.write(new_notebook(cells=cells), str(tmp_path / "nb.ipynb"))
    result = cli(capsys, "check", "nb.ipynb", "--select", STYLE, "--format", "json")
    found = [(f["code"], f.get("cell")) for f in json.loads(result.out)]
    assert found == [("ML229", 2), ("ML230", 2)]
