"""``check --fix`` for ML242: a NumPy-style docstring rewritten in Google style.

Every test writes real files under tmp_path and runs the real CLI on them.
"""

from __future__ import annotations

import ast
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from support import Run, cli, write


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the scratch directory."""
    monkeypatch.chdir(tmp_path)


def dedent(source: str) -> str:
    """``source`` dedented, without its first newline."""
    return textwrap.dedent(source).lstrip("\n")


def fix(capsys: pytest.CaptureFixture[str], *args: str, select: str = "ML2") -> Run:
    """``ml-lint check --fix --select SELECT ARGS`` in-process."""
    return cli(capsys, "check", "--fix", "--no-cache", "--select", select, *args)


def findings(capsys: pytest.CaptureFixture[str], path: str, select: str = "ML2") -> list[Any]:
    """What ``ml-lint check`` reports for ``path``, as JSON data."""
    run = cli(capsys, "check", "--no-cache", path, "--select", select, "--format", "json")
    assert run.code in (0, 1), run.err
    found: list[Any] = json.loads(run.out)
    return found


def fixed_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str) -> str:
    """What ``--fix --select ML242`` makes of ``source`` as ``m.py``; a second run keeps it."""
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML242").err == "ml-lint: fixed 1 problem\n"
    once = path.read_bytes()
    ast.parse(once)
    assert fix(capsys, "m.py", select="ML242").err == "ml-lint: fixed 0 problems\n"
    assert path.read_bytes() == once
    return once.decode("utf-8")


NUMPY = dedent('''
    """M."""


    def scale(x: int, label: str, *args: int, **kwargs: float) -> float:
        """Scale x.

        A longer description
        over two lines.

        Parameters
        ----------
        x : int
            The value.
            Its second line.
        label
            No type here.
        *args : int
            More values.
        **kwargs : dict, optional
            Keywords.

        Returns
        -------
        float
            The scaled value.

        Raises
        ------
        ValueError
            If x is negative.

        Examples
        --------
        >>> scale(2, "a")
        4.0
        >>> for i in range(2):
        ...     print(i)
        0
        1

        Notes
        -----
        Free text,
          indented as written.
        """
        if x < 0:
            raise ValueError(x)
        return 2.0 * x
''')

GOOGLE = dedent('''
    """M."""


    def scale(x: int, label: str, *args: int, **kwargs: float) -> float:
        """Scale x.

        A longer description
        over two lines.

        Args:
            x (int): The value.
                Its second line.
            label: No type here.
            *args (int): More values.
            **kwargs (dict, optional): Keywords.

        Returns:
            float: The scaled value.

        Raises:
            ValueError: If x is negative.

        Examples:
            >>> scale(2, "a")
            4.0
            >>> for i in range(2):
            ...     print(i)
            0
            1

        Notes:
            Free text,
              indented as written.
        """
        if x < 0:
            raise ValueError(x)
        return 2.0 * x
''')


def test_a_numpy_docstring_becomes_google_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Titles, entries, Returns and Raises are rewritten; examples and notes only indented."""
    assert fixed_twice(tmp_path, capsys, NUMPY) == GOOGLE
    # Google's rules now read it, and find nothing: no ML242, no section or entry finding.
    assert findings(capsys, "m.py") == []
    assert fix(capsys, "m.py").err == "ml-lint: fixed 0 problems\n"
    assert (tmp_path / "m.py").read_text(encoding="utf-8") == GOOGLE


def test_the_fix_is_safe_and_listed(capsys: pytest.CaptureFixture[str]) -> None:
    """ML242 is fixed by plain --fix, and its explanation says why that is safe."""
    rules = {r["code"]: r for r in json.loads(cli(capsys, "rules", "--format", "json").out)}
    assert rules["ML242"]["fixable"] is True
    assert "needs no `--unsafe-fixes`" in rules["ML242"]["explanation"]


def test_doctests_still_pass_after_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Indenting an example as a whole keeps it a doctest with the same output."""
    import doctest

    fixed_twice(tmp_path, capsys, NUMPY.replace("def scale", "def double"))
    namespace: dict[str, Any] = {}
    exec(compile((tmp_path / "m.py").read_text(encoding="utf-8"), "m.py", "exec"), namespace)
    namespace["scale"] = namespace["double"]
    tests = doctest.DocTestFinder().find(namespace["double"], "double", globs=namespace)
    runner = doctest.DocTestRunner()
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False) == (0, 2)


def test_what_google_rules_then_find_is_fixed_in_the_same_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parameter the NumPy docstring missed shows once it is Google style: one --fix adds it.

    The fixed text is checked and fixed again until nothing changes, so a second --fix has
    nothing to do.
    """
    source = dedent('''
        """M."""


        class Box:
            """A box.

            Attributes
            ----------
            size : int
                How big.
            """

            size: int = 1


        def grow(x: int, y: int) -> None:
            """Grow.

            Parameters
            ----------
            x : int
                The value.
            """
    ''')
    path = write(tmp_path, "m.py", source)
    # Both are rewritten, and the ML203 that then shows is fixed in the same run.
    assert fix(capsys, "m.py").err == "ml-lint: fixed 2 problems\n"
    text = path.read_text(encoding="utf-8")
    assert '"""A box.\n\n    Attributes:\n        size (int): How big.\n    """' in text
    assert "Args:\n        x (int): The value.\n        y (int): TODO: describe y.\n" in text
    # What remains is the placeholder for the author to fill; nothing is left to fix.
    assert [f["code"] for f in findings(capsys, "m.py")] == ["ML215"]
    assert fix(capsys, "m.py").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == text


def test_a_description_that_would_not_fit_goes_on_the_next_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past the line limit, or a list, the description stays on lines of its own."""
    long = "A description long enough to pass the line limit once it follows the name."
    source = dedent(f'''
        """M."""


        def f(some_parameter: int, mode: str) -> None:
            """F.

            Parameters
            ----------
            some_parameter : int
                {long}
            mode : str
                - 'a': one way.
                - 'b': the other.
            """
    ''')
    assert fixed_twice(tmp_path, capsys, source) == dedent(f'''
        """M."""


        def f(some_parameter: int, mode: str) -> None:
            """F.

            Args:
                some_parameter (int):
                    {long}
                mode (str):
                    - 'a': one way.
                    - 'b': the other.
            """
    ''')


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_line_ends_bom_and_the_rest_of_the_file_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    """Only the docstring changes: comments, code, a BOM and CRLF line ends stay as they were."""
    before, after = "x = 1  # a  comment\n\n\n", "\n\nif x:\n\ty = 2  # a tab in code\n"
    numpy = NUMPY.replace('"""M."""\n', f'"""M."""\n{before}') + after
    google = GOOGLE.replace('"""M."""\n', f'"""M."""\n{before}') + after
    path = write(tmp_path, "m.py", b"\xef\xbb\xbf" + numpy.replace("\n", newline).encode())
    assert fix(capsys, "m.py", select="ML242").err == "ml-lint: fixed 1 problem\n"
    assert path.read_bytes() == b"\xef\xbb\xbf" + google.replace("\n", newline).encode()


def test_quotes_prefix_and_indentation_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A u-prefixed, single-quoted docstring of a nested method keeps its quotes and column."""
    source = dedent("""
        '''M.'''


        class Outer:
            '''Outer.'''

            class Inner:
                '''Inner.'''

                def run(self, steps: int) -> None:
                    u'''Run.

                    Parameters
                    ----------
                    steps : int
                        How many.'''
    """)
    numpy = "Parameters\n            ----------\n            steps : int\n                How many."
    google = "Args:\n                steps (int): How many."
    assert numpy in source
    assert fixed_twice(tmp_path, capsys, source) == source.replace(numpy, google)


@pytest.mark.parametrize(
    ("docstring", "reason"),
    [
        (
            "Parameters\n    ----------\n    x, y : int\n        Both values.",
            "its entry 'x, y : int' is not `name : type` (one name) or `name`",
        ),
        (
            "Parameters\n    ----------\n    x : int\n        X.\n\n"
            "    Shape\n    -----\n    (n, d)",
            "its underlined title 'Shape' is no section the rewrite knows",
        ),
        (
            "Parameters\n    ------\n    x : int\n        X.\n\n    Returns\n    ----\n    int\n"
            "        X.",
            "its underlines differ in length and do not match their titles",
        ),
        (
            "Parameters\n    ----------\n    x : int\n        The\tvalue.",
            "it is NumPy style with tabs or carriage returns in it",
        ),
        (
            "Methods\n    -------\n    run()",
            "its underlined title 'Methods' is no section the rewrite knows",
        ),
        (
            "Raises\n    ------\n    ValueError, TypeError\n        Bad x.",
            "its Raises entry 'ValueError, TypeError' is not one exception's name",
        ),
        (
            "Parameters\n    ----------\n    x : int\n        X.\n\n"
            "    Parameters\n    ----------\n    y : int\n        Y.",
            "its title 'Parameters' repeats",
        ),
    ],
    ids=["combined", "unknown", "underlines", "tab", "methods", "raises", "repeat"],
)
def test_a_docstring_the_rewrite_is_unsure_of_is_left_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], docstring: str, reason: str
) -> None:
    """The file keeps every byte; the finding stays, with the reason."""
    source = f'"""M."""\n\n\ndef f(x: int, y: int) -> int:\n    """F.\n\n    {docstring}\n    """\n'
    path = write(tmp_path, "m.py", source)
    run = fix(capsys, "m.py", select="ML242")
    assert (run.code, run.err) == (1, "ml-lint: fixed 0 problems\n")
    assert path.read_text(encoding="utf-8") == source
    [found] = findings(capsys, "m.py", select="ML242")
    assert found["message"].endswith(f" (--fix cannot edit this docstring: {reason})")


def test_raw_and_tab_indented_docstrings_are_left_and_say_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raw docstring may hold markup moved blind; tabs could not be copied."""
    numpy = "Parameters\n{0}----------\n{0}x : int\n{0}    X.\n{0}"
    source = (
        '"""M."""\n\n\ndef f(x: int) -> None:\n    r"""F.\n\n    '
        + numpy.format("    ")
        + '"""\n\n\ndef g(x: int) -> None:\n\t"""G.\n\n\t'
        + numpy.format("\t")
        + '"""\n'
    )
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML242").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source
    reasons = [f["message"].rsplit(": ", 1)[1] for f in findings(capsys, "m.py", select="ML242")]
    assert reasons == ["it is a raw string)", "it is indented with tabs)"]


def test_a_fixable_numpy_docstring_gets_no_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a docstring --fix leaves says why."""
    write(tmp_path, "m.py", NUMPY)
    [found] = findings(capsys, "m.py", select="ML242")
    assert "--fix cannot" not in found["message"]


def test_a_rewrite_that_would_pass_the_line_limit_is_left_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Indented under its title, an example line would pass the configured limit."""
    write(tmp_path, "pyproject.toml", "[tool.ml-lint.style]\nmax-line-length = 40\n")
    source = dedent('''
        """M."""


        def f() -> None:
            """F.

            Examples
            --------
            >>> print("thirty-six characters!")
            thirty-six characters!
            """
    ''')
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML242").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source
    [found] = findings(capsys, "m.py", select="ML242")
    assert found["message"].endswith(
        " (--fix cannot edit this docstring: rewritten, it would have a line longer than 40"
        " characters)"
    )


def test_blank_lines_before_the_closing_quotes_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A blank line the NumPy docstring had above its closing quotes stays there."""
    source = dedent('''
        """M."""


        def f(x: int) -> int:
            """Do it.

            Parameters
            ----------
            x : int
                The value.

            Returns
            -------
            int
                The result.

            """
            return x
    ''')
    assert fixed_twice(tmp_path, capsys, source) == dedent('''
        """M."""


        def f(x: int) -> int:
            """Do it.

            Args:
                x (int): The value.

            Returns:
                int: The result.

            """
            return x
    ''')
