"""``check --fix`` on docstrings (ML203-ML206, ML208, ML210) and placeholders (ML215).

Every test writes real files under tmp_path and runs the real CLI on them.
"""

from __future__ import annotations

import ast
import json
import textwrap
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from support import Run, cli, cli_subprocess, write

FIXABLE = "ML203,ML204,ML205,ML206,ML208,ML210"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the scratch directory."""
    monkeypatch.chdir(tmp_path)


def dedent(source: str) -> str:
    """``source`` dedented, without its first newline."""
    return textwrap.dedent(source).lstrip("\n")


# The rules of this file: docstring contents, not their style (test_docstring_style).
CONTENTS = "ML20,ML21"


def fix(capsys: pytest.CaptureFixture[str], *args: str, select: str = CONTENTS) -> Run:
    """``ml-lint check --fix --select SELECT ARGS`` in-process."""
    return cli(capsys, "check", "--fix", "--select", select, *args)


def fixed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    *args: str,
    select: str = CONTENTS,
) -> str:
    """What ``--fix`` makes of ``source`` (dedented) as ``m.py``, checked to be idempotent.

    Args:
        tmp_path: Scratch directory, the current directory.
        capsys: pytest's output capture.
        source: The module's source.
        *args: More ``ml-lint check`` arguments.
        select: The rules to run.

    Returns:
        The fixed file's text.
    """
    path = write(tmp_path, "m.py", dedent(source))
    run = fix(capsys, "m.py", *args, select=select)
    assert run.code in (0, 1), run.err
    once = path.read_bytes()
    ast.parse(once)
    again = fix(capsys, "m.py", *args, select=select)
    assert again.err == "ml-lint: fixed 0 problems\n"
    assert path.read_bytes() == once
    return once.decode("utf-8")


def codes(capsys: pytest.CaptureFixture[str], *paths: str, select: str = CONTENTS) -> list[str]:
    """The codes ``ml-lint check`` reports for ``paths``, in report order."""
    run = cli(capsys, "check", *paths, "--select", select, "--format", "json")
    assert run.code in (0, 1), run.err
    return [f["code"] for f in json.loads(run.out)]


def reported(capsys: pytest.CaptureFixture[str], *paths: str, select: str) -> list[dict[str, Any]]:
    """The findings ``ml-lint check`` reports for ``paths`` as JSON data."""
    run = cli(capsys, "check", *paths, "--select", select, "--format", "json")
    assert run.code in (0, 1), run.err
    data: list[dict[str, Any]] = json.loads(run.out)
    return data


# --- Args ------------------------------------------------------------------------------------


def test_parameters_named_in_other_scripts_are_documented_and_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python names may start with any letter: an entry for ``é`` or ``变量`` documents it, and
    the fix adds entries for such parameters beside the others."""
    source = '''
        """M."""


        def scale(a: int, é: int, 变量: float) -> None:
            """Scale.

            Args:
                é: Documented.
            """
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def scale(a: int, é: int, 变量: float) -> None:
            """Scale.

            Args:
                a (int): TODO: describe a.
                é: Documented.
                变量 (float): TODO: describe 变量.
            """
    ''')
    documented = source.replace("Args:\n", "Args:\n                a: A.\n")
    documented = documented.replace("Documented.\n", "Documented.\n                变量: V.\n")
    write(tmp_path, "m.py", dedent(documented))
    assert codes(capsys, "m.py") == []


def test_one_line_docstring_gets_an_args_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A one-line docstring becomes multi-line; entries are typed from the annotations."""
    source = '''
        """M."""


        def scale(x: float, factor: "Optional[float]" = None, name=None) -> None:
            """Scale x."""
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def scale(x: float, factor: "Optional[float]" = None, name=None) -> None:
            """Scale x.

            Args:
                x (float): TODO: describe x.
                factor (Optional[float]): TODO: describe factor.
                name: TODO: describe name.
            """
    ''')


def test_moving_the_closing_quotes_leaves_no_space_at_the_line_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The space before the closing quotes does not stay behind as trailing whitespace."""
    source = '''
        """M."""


        def scale(x: float) -> None:
            """Scale x. """
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def scale(x: float) -> None:
            """Scale x.

            Args:
                x (float): TODO: describe x.
            """
    ''')


def test_new_args_section_goes_after_the_description_before_other_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Args goes after the summary and description, before Returns, Raises and Examples."""
    source = '''
        """M."""


        def load(path: str) -> bytes:
            """Load a file.

            Reads it whole,
            in binary mode.

            Note:
                Not for huge files.

            Returns:
                The bytes.

            Raises:
                OSError: If it cannot.

            Examples:
                >>> load("a")
            """
            raise OSError(path)
    '''
    text = fixed(tmp_path, capsys, source, select=FIXABLE)
    assert text == dedent('''
        """M."""


        def load(path: str) -> bytes:
            """Load a file.

            Reads it whole,
            in binary mode.

            Note:
                Not for huge files.

            Args:
                path (str): TODO: describe path.

            Returns:
                The bytes.

            Raises:
                OSError: If it cannot.

            Examples:
                >>> load("a")
            """
            raise OSError(path)
    ''')


def test_new_sections_follow_the_sections_before_them_in_googles_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With Example written before Args, Returns and Raises still go after Args."""
    source = '''
        """M."""


        def load(name: str) -> str:
            """Load a prompt.

            Example:
                .. code-block:: python

                    load("p")

            Args:
                name: The name.
            """
            if not name:
                raise ValueError("empty")
            return name
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def load(name: str) -> str:
            """Load a prompt.

            Example:
                .. code-block:: python

                    load("p")

            Args:
                name: The name.

            Returns:
                TODO: describe the return value.

            Raises:
                ValueError: TODO: describe when.
            """
            if not name:
                raise ValueError("empty")
            return name
    ''')


def test_missing_entries_go_in_the_signatures_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """New entries slot in by signature position; *args and **kwargs keep their stars."""
    source = '''
        """M."""


        def step(a: int, /, b: int, *args: int, key: str, flag: bool = False, **kw: str) -> None:
            """Take a step.

            Args:
                b: Second,
                    with a continuation line.
                key: A keyword-only one.
            """
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def step(a: int, /, b: int, *args: int, key: str, flag: bool = False, **kw: str) -> None:
            """Take a step.

            Args:
                a (int): TODO: describe a.
                b: Second,
                    with a continuation line.
                *args (int): TODO: describe *args.
                key: A keyword-only one.
                flag (bool): TODO: describe flag.
                **kw (str): TODO: describe **kw.
            """
    ''')


def test_entries_documented_elsewhere_or_starless_are_not_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`args` without stars and Keyword Args entries count as documented."""
    source = '''
        """M."""


        def call(x: int, *args: int, **options: int) -> None:
            """Call.

            Args:
                args: Without stars.

            Keyword Args:
                options: Forwarded.
            """
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def call(x: int, *args: int, **options: int) -> None:
            """Call.

            Args:
                x (int): TODO: describe x.
                args: Without stars.

            Keyword Args:
                options: Forwarded.
            """
    ''')


def test_prose_between_entries_keeps_them_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries that cannot move as blocks are not reordered; missing ones go at the end."""
    source = '''
        """M."""


        def f(a: int, b: int, c: int) -> None:
            """F.

            Args:
                b: Second.
                Then the first:
                a: First.
            """
    '''
    expected = dedent('''
        """M."""


        def f(a: int, b: int, c: int) -> None:
            """F.

            Args:
                b: Second.
                Then the first:
                a: First.
                c (int): TODO: describe c.
            """
    ''')
    assert fixed(tmp_path, capsys, source) == expected
    assert codes(capsys, "m.py", select="ML203,ML204,ML205") == ["ML205"]


def test_methods_skip_self_and_cls_in_nested_classes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Methods, class and static methods, in a nested class: the docstring's indentation."""
    source = '''
        """M."""


        class Outer:
            """Outer."""

            class Inner:
                """Inner."""

                def method(self, x: int) -> None:
                    """Method."""

                @classmethod
                def build(cls, size: int) -> None:
                    """Build."""

                @staticmethod
                def helper(value: int) -> None:
                    """Helper."""
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        class Outer:
            """Outer."""

            class Inner:
                """Inner."""

                def method(self, x: int) -> None:
                    """Method.

                    Args:
                        x (int): TODO: describe x.
                    """

                @classmethod
                def build(cls, size: int) -> None:
                    """Build.

                    Args:
                        size (int): TODO: describe size.
                    """

                @staticmethod
                def helper(value: int) -> None:
                    """Helper.

                    Args:
                        value (int): TODO: describe value.
                    """
    ''')


def test_entry_indentation_follows_the_docstring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A section's own entry indentation is kept, and a new section takes the others'."""
    source = '''
        """M."""


        def pad(a: int, b: int) -> int:
            """Pad: the text is indented two more than the code, its entries two more.

              Args:
                a: First.
            """
            return a + b


        def trim(a: int) -> int:
            """Trim.

            Raises:
              KeyError: Two-space entries.
            """
            if a:
                raise KeyError(a)
            return a
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def pad(a: int, b: int) -> int:
            """Pad: the text is indented two more than the code, its entries two more.

              Args:
                a: First.
                b (int): TODO: describe b.

              Returns:
                TODO: describe the return value.
            """
            return a + b


        def trim(a: int) -> int:
            """Trim.

            Args:
              a (int): TODO: describe a.

            Returns:
              TODO: describe the return value.

            Raises:
              KeyError: Two-space entries.
            """
            if a:
                raise KeyError(a)
            return a
    ''')


def test_an_added_entry_names_its_type_only_where_the_line_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A type that would take the entry past the line limit is left out of it."""
    source = """\
        class Loader:
            def load(
                self, pretrained_model_name_or_path: str | None, device_map: dict[str, int] | None
            ) -> None:
                \"\"\"Load a model.\"\"\"
    """
    text = fixed(tmp_path, capsys, source, select="ML203,ML010")
    assert "            pretrained_model_name_or_path: TODO: describe" in text
    assert "            device_map (dict[str, int] | None): TODO: describe device_map." in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_a_fix_may_shorten_a_line_that_was_already_too_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The closing quotes' long comment moves to a shorter line: the fix is still made."""
    comment = "# noqa: D401  # " + "the reason " * 8
    source = f'def f(a: int) -> None:\n    """Do it."""  {comment}\n'
    assert len(source.splitlines()[1]) > 100
    text = fixed(tmp_path, capsys, source, select="ML203")
    assert "        a (int): TODO: describe a.\n" in text
    assert text.endswith(f'    """  {comment}\n')


def test_entry_indentation_is_not_copied_from_free_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Example indented by one space is code, not a model for new entries."""
    source = '''
        """M."""


        def forward(x: int) -> int:
            """Forward.

            Example:
             >>> forward(1)
             1
            """
            return x
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def forward(x: int) -> int:
            """Forward.

            Args:
                x (int): TODO: describe x.

            Returns:
                TODO: describe the return value.

            Example:
             >>> forward(1)
             1
            """
            return x
    ''')


def test_an_entry_without_its_colon_is_named_and_not_written_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`keys (list)` without a colon is no entry: the finding says so and --fix adds no copy."""
    source = dedent('''
        """M."""


        def train(keys: list[str] | None = None, steps: int = 1) -> None:
            """Train.

            Args:
                keys (`list[str]`, *optional*)
                    The keys.
                steps: Steps.
            """
    ''')
    path = write(tmp_path, "m.py", source)
    (found,) = reported(capsys, "m.py", select="ML203")
    assert found["message"] == (
        "document 'keys' of 'train' in its Args section; the line for 'keys' lacks the colon "
        "an entry needs: `name (type): description`"
    )
    assert fix(capsys, "m.py").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source
    path.write_text(source.replace("*optional*)", "*optional*):"), encoding="utf-8")
    assert codes(capsys, "m.py") == []


def test_a_misspelled_args_title_is_named_and_no_second_section_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Arg:` is no section to tools: the finding asks about it, and --fix adds no `Args:`."""
    source = dedent('''
        """M."""


        def mode(config: int) -> None:
            """Mode.

            Arg:
                config: The config.
            """
    ''')
    path = write(tmp_path, "m.py", source)
    (found,) = reported(capsys, "m.py", select="ML203")
    assert found["message"].endswith("in an Args section (is 'Arg:' meant to be 'Args:'?)")
    assert fix(capsys, "m.py").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source


def test_a_title_without_its_colon_gets_the_colon_not_a_second_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Returns` (no colon) is fixed to `Returns:`; no second Returns section is added."""
    source = '''
        """M."""


        def f(x: int) -> int:
            """Do it.

            Args:
                x: X.

            Returns
                int: The value.
            """
            return x
    '''
    assert fixed(tmp_path, capsys, source, select="ML2") == dedent(source).replace(
        "    Returns\n", "    Returns:\n"
    )


def test_numpy_style_and_signature_summaries_are_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Underlined NumPy titles are not Google's, and `relu(x) -> Tensor` takes no period.

    (ML242's own fix, tested in test_numpy_fix, rewrites what it reads with certainty.)
    """
    source = dedent('''
        """M."""


        def scale(x: int, y: int) -> int:
            """Scale x.

            Parameters
            ----------
            x, y : int
                The values.
            """
            return x
    ''')
    path = write(tmp_path, "m.py", source)
    run = fix(capsys, "m.py", select="ML2")
    assert path.read_text(encoding="utf-8") == source
    # One finding says what to do; the Args and section rules do not misread it.
    assert [line.split()[1] for line in run.out.splitlines() if ": ML" in line] == ["ML242"]
    signature = '"""M."""\n\n\ndef relu(x: int) -> int:\n    """relu(x) -> Tensor"""\n'
    path.write_text(signature, encoding="utf-8")
    assert fix(capsys, "m.py", select="ML229").code == 0  # no period for a signature
    assert path.read_text(encoding="utf-8") == signature


def test_reorder_moves_entries_with_their_continuation_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries move whole; blank lines between them stay between them; extras stay put."""
    source = '''
        """M."""


        def train(model: str, steps: int, lr: float, **kwargs: float) -> None:
            """Train.

            Args:
                lr: Learning rate,
                    decayed.

                momentum: A key of kwargs.

                model: The model.

                steps: How many.
                **kwargs: Optimizer options.
            """
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def train(model: str, steps: int, lr: float, **kwargs: float) -> None:
            """Train.

            Args:
                model: The model.

                momentum: A key of kwargs.

                steps: How many.

                lr: Learning rate,
                    decayed.
                **kwargs: Optimizer options.
            """
    ''')


def test_reorder_with_a_uniform_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Evenly spaced entries stay evenly spaced; closing quotes after text stay valid."""
    source = '''
        """M."""


        def f(a: int, b: int, c: int) -> None:
            """F.

            Args:
                c: Third.

                b: Second.

                a: First."""
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        def f(a: int, b: int, c: int) -> None:
            """F.

            Args:
                a: First.

                b: Second.

                c: Third."""
    ''')


def test_unsafe_removal_needs_unsafe_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stale entries stay with --fix; --unsafe-fixes removes them with their continuation."""
    source = dedent('''
        """M."""


        def scale(x: float, factor: float) -> float:
            """Scale.

            Args:
                x: The value.
                scale: Renamed to factor,
                    so this text is worth moving by hand.
                factor: The multiplier.

            Returns:
                The product.
            """
            return x * factor


        def no_params() -> None:
            """Nothing to take.

            Args:
                old: Gone.
            """
    ''')
    path = write(tmp_path, "m.py", source)
    run = fix(capsys, "m.py", select=FIXABLE)
    assert (run.code, run.err) == (1, "ml-lint: fixed 0 problems\n")
    assert path.read_text(encoding="utf-8") == source
    run = fix(capsys, "m.py", "--unsafe-fixes", select=FIXABLE)
    assert run == Run(0, "All checks passed (1 file checked).\n", "ml-lint: fixed 2 problems\n")
    assert path.read_text(encoding="utf-8") == dedent('''
        """M."""


        def scale(x: float, factor: float) -> float:
            """Scale.

            Args:
                x: The value.
                factor: The multiplier.

            Returns:
                The product.
            """
            return x * factor


        def no_params() -> None:
            """Nothing to take."""
    ''')


def test_list_items_under_an_entry_are_values_never_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`- live: ...` under an entry lists its values: no ML204, and --unsafe-fixes keeps it."""
    source = dedent('''
        """M."""


        def save(glob_str: str, policy: str = "live") -> None:
            """Save files.

            Args:
                glob_str: A path or glob.
                policy: One of `live` or `now`.
                - live: Upload the file as it changes.
                - `now`: Upload the file once, now.
                stale: Gone from the signature.
            """
    ''')
    path = write(tmp_path, "m.py", source)
    assert codes(capsys, "m.py") == ["ML204"]  # `stale` only
    run = fix(capsys, "m.py", "--unsafe-fixes", select=FIXABLE)
    assert run.err == "ml-lint: fixed 1 problem\n"
    assert path.read_text(encoding="utf-8") == source.replace(
        "        stale: Gone from the signature.\n", ""
    )


def test_entries_not_indented_under_their_title_are_left_for_the_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries at their title's indentation: the finding says why, and --fix leaves it."""
    source = dedent('''
        """M."""


        def command(image: str, env: dict[str, str]) -> list[str]:
            """Construct the docker command.

            Arguments:
            image: A Docker image to be run.
            env: Environment variables.
            """
            if not image:
                raise ValueError("no image")
            return ["docker", image, *env]
    ''')
    path = write(tmp_path, "m.py", source)
    note = "(--fix cannot edit this docstring: its 'Arguments:' entries are not indented under "
    messages = [f["message"] for f in reported(capsys, "m.py", select=CONTENTS)]
    assert len(messages) == 3 and all(note in message for message in messages)
    run = fix(capsys, "m.py", "--unsafe-fixes", select=FIXABLE)
    assert run.err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source


def test_a_renamed_parameter_keeps_the_args_section_in_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The stale entry goes and the new one comes in the same section, before `Usage:`."""
    source = '''
        """M."""


        def log_to_run(run_id: str) -> None:
            """Direct log messages to the run.

            Args:
                id: The current run ID.

            Usage:

                log_to_run("abc")
            """
    '''
    assert fixed(tmp_path, capsys, source, "--unsafe-fixes") == dedent('''
        """M."""


        def log_to_run(run_id: str) -> None:
            """Direct log messages to the run.

            Args:
                run_id (str): TODO: describe run_id.

            Usage:

                log_to_run("abc")
            """
    ''')


def test_unsafe_fixes_only_with_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--unsafe-fixes without --fix, --fix-only or --diff is a usage error; --fix-only takes it."""
    stale = '"""M."""\n\n\ndef f() -> None:\n    """F.\n\n    Args:\n        x: Old.\n    """\n'
    write(tmp_path, "m.py", stale)
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, "check", "m.py", "--unsafe-fixes")
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "check: error: --unsafe-fixes only applies with --fix, --fix-only or --diff" in err
    assert err.startswith("usage: ml-lint check ")  # the subcommand's usage, not ml-lint's
    run = cli(capsys, "check", "--fix-only", "--unsafe-fixes", "--select", "ML204", "m.py")
    assert (run.code, run.err) == (0, "ml-lint: fixed 1 problem\n")
    assert (tmp_path / "m.py").read_text() == '"""M."""\n\n\ndef f() -> None:\n    """F."""\n'


# --- Returns, Yields, Raises -----------------------------------------------------------------


def test_returns_yields_and_raises_skeletons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Returns and Yields get a placeholder line; Raises one entry per missing exception."""
    source = '''
        """M."""


        def mean(xs: list[float]) -> float:
            """Mean.

            Args:
                xs: Values.
            """
            if not xs:
                raise ValueError("empty")
            if len(xs) > 10**9:
                raise OverflowError
            return sum(xs) / len(xs)


        def load(path: str) -> bytes:
            """Load.

            Args:
                path: File.

            Returns:
                Bytes.

            Raises:
                OSError: If unreadable.
                    On any OS error.
            """
            try:
                return open(path, "rb").read()
            except KeyError:
                raise
            raise TypeError(path)


        async def ticks(n: int):
            """Ticks.

            Args:
                n: Count.

            Examples:
                >>> ...
            """
            for i in range(n):
                yield i
    '''
    assert fixed(tmp_path, capsys, source, select=FIXABLE) == dedent('''
        """M."""


        def mean(xs: list[float]) -> float:
            """Mean.

            Args:
                xs: Values.

            Returns:
                TODO: describe the return value.

            Raises:
                OverflowError: TODO: describe when.
                ValueError: TODO: describe when.
            """
            if not xs:
                raise ValueError("empty")
            if len(xs) > 10**9:
                raise OverflowError
            return sum(xs) / len(xs)


        def load(path: str) -> bytes:
            """Load.

            Args:
                path: File.

            Returns:
                Bytes.

            Raises:
                OSError: If unreadable.
                    On any OS error.
                KeyError: TODO: describe when.
                TypeError: TODO: describe when.
            """
            try:
                return open(path, "rb").read()
            except KeyError:
                raise
            raise TypeError(path)


        async def ticks(n: int):
            """Ticks.

            Args:
                n: Count.

            Yields:
                TODO: describe the yielded values.

            Examples:
                >>> ...
            """
            for i in range(n):
                yield i
    ''')


def test_raises_fix_reads_an_alias_of_os_error_as_os_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OSError listed as `:exc:`~os.error`` gets no second entry; the missing one does."""
    source = '''
        """M."""


        def load(path: str) -> bytes:
            """Load.

            Args:
                path: File.

            Returns:
                Bytes.

            Raises:
                :exc:`~os.error`: If unreadable.
            """
            if not path:
                raise ValueError(path)
            raise IOError(path)
    '''
    assert fixed(tmp_path, capsys, source, select=FIXABLE) == dedent('''
        """M."""


        def load(path: str) -> bytes:
            """Load.

            Args:
                path: File.

            Returns:
                Bytes.

            Raises:
                :exc:`~os.error`: If unreadable.
                ValueError: TODO: describe when.
            """
            if not path:
                raise ValueError(path)
            raise IOError(path)
    ''')


def test_async_function_and_every_fix_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An async function with no sections gets Args, Returns and Raises, in that order."""
    source = '''
        """M."""


        async def fetch(url: str, *, retries: int = 3) -> bytes:
            """Fetch a URL."""
            if not url:
                raise ValueError(url)
            return b""
    '''
    assert fixed(tmp_path, capsys, source) == dedent('''
        """M."""


        async def fetch(url: str, *, retries: int = 3) -> bytes:
            """Fetch a URL.

            Args:
                url (str): TODO: describe url.
                retries (int): TODO: describe retries.

            Returns:
                TODO: describe the return value.

            Raises:
                ValueError: TODO: describe when.
            """
            if not url:
                raise ValueError(url)
            return b""
    ''')


# --- what a fix keeps ------------------------------------------------------------------------


def test_quotes_and_prefixes_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """''' stays ''', r-prefixed docstrings (backslashes and all) keep their prefix."""
    source = """
        '''M.'''


        def single(x: int) -> None:
            '''Single quotes.'''


        def raw(x: int) -> None:
            r'''Match \\d+ with "quotes" inside.'''


        def unicode(x: int) -> None:
            u\"\"\"Old prefix.\"\"\"
    """
    assert fixed(tmp_path, capsys, source) == dedent("""
        '''M.'''


        def single(x: int) -> None:
            '''Single quotes.

            Args:
                x (int): TODO: describe x.
            '''


        def raw(x: int) -> None:
            r'''Match \\d+ with "quotes" inside.

            Args:
                x (int): TODO: describe x.
            '''


        def unicode(x: int) -> None:
            u\"\"\"Old prefix.

            Args:
                x (int): TODO: describe x.
            \"\"\"
    """)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_cr_and_bom_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    """A CRLF (or old Mac) file with a BOM keeps its line ends and BOM; --fix twice is stable."""
    lf = '"""M."""\n\n\ndef f(x: int) -> int:\n    """F."""\n    return x\n'
    path = write(tmp_path, "m.py", b"\xef\xbb\xbf" + lf.replace("\n", newline).encode())
    assert fix(capsys, "m.py", select=FIXABLE).code == 0
    once = path.read_bytes()
    expected = (
        '"""M."""\n\n\ndef f(x: int) -> int:\n    """F.\n\n    Args:\n'
        "        x (int): TODO: describe x.\n\n    Returns:\n"
        '        TODO: describe the return value.\n    """\n    return x\n'
    )
    assert once == b"\xef\xbb\xbf" + expected.replace("\n", newline).encode()
    assert fix(capsys, "m.py", select=FIXABLE).err == "ml-lint: fixed 0 problems\n"
    assert path.read_bytes() == once


def test_a_docstring_with_mixed_line_ends_is_left_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which line end would new lines get? The finding says why the docstring is kept."""
    text = '"""M."""\r\n\r\n\r\ndef f(x: int) -> int:\r\n    """F.\r\n\n    More.\r\n    """\r\n'
    path = write(tmp_path, "m.py", text.encode())
    result = fix(capsys, "m.py", "--no-cache", select="ML203")
    assert result.code == 1
    assert "(--fix cannot edit this docstring: its lines end in mixed line endings)" in result.out
    assert result.err == "ml-lint: fixed 0 problems\n"
    assert path.read_bytes() == text.encode()


def test_everything_outside_the_docstrings_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Comments, odd spacing, decorators and code after the docstring are untouched."""
    source = '''
        """M."""  # a comment
        import functools


        @functools.lru_cache(maxsize=None)   # odd  spacing
        def f(x: int) -> int:  # comment
            """F."""; y = x  # a statement after the docstring
            return   y
    '''
    assert fixed(tmp_path, capsys, source, select="ML203") == dedent('''
        """M."""  # a comment
        import functools


        @functools.lru_cache(maxsize=None)   # odd  spacing
        def f(x: int) -> int:  # comment
            """F.

            Args:
                x (int): TODO: describe x.
            """; y = x  # a statement after the docstring
            return   y
    ''')


@pytest.mark.parametrize(
    ("docstring", "reason"),
    [
        ('"Single-quoted."', "it is not triple-quoted"),
        ('"""Escaped \\\\ backslash."""', "it has backslash escapes"),
        ('"""Implicit."""  """Concatenation."""', "it is implicitly concatenated"),
        ('("""Parenthesized.""")', "it does not start its own line"),
    ],
)
def test_docstrings_that_cannot_be_edited_are_left_and_say_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], docstring: str, reason: str
) -> None:
    """The file is not rewritten; the finding says --fix cannot edit the docstring."""
    source = f'"""M."""\n\n\ndef f(x: int) -> None:\n    {docstring}\n'
    path = write(tmp_path, "m.py", source)
    run = fix(capsys, "m.py", select="ML203")
    assert (run.code, run.err) == (1, "ml-lint: fixed 0 problems\n")
    assert path.read_text(encoding="utf-8") == source
    [found] = reported(capsys, "m.py", select="ML203")
    assert found["message"].endswith(f" (--fix cannot edit this docstring: {reason})")


@pytest.mark.parametrize(
    ("function", "reason"),
    [
        ('def f(x: int) -> None:\n\t"""Summary."""\n', "it is indented with tabs"),
        ('def f(x: int) -> None:\n\x0c    """Summary."""\n', "a form feed comes before it"),
    ],
    ids=["tab", "form-feed"],
)
def test_one_line_docstrings_after_a_tab_or_form_feed_are_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], function: str, reason: str
) -> None:
    """Lines a fix adds could not copy that indentation: the docstring is not edited."""
    source = f'"""M."""\n\n\n{function}'
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML203").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source
    [found] = reported(capsys, "m.py", select="ML203")
    assert found["message"].endswith(f" (--fix cannot edit this docstring: {reason})")


def test_a_class_docstring_documenting_init_is_left_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Findings about ``__init__`` reported at its class say --fix leaves them to the author."""
    source = (
        '"""M."""\n\n\nclass Pipe:\n    """A pipeline.\n\n    Args:\n        unet: The unet.\n'
        '    """\n\n    def __init__(self, unet: int, vae: int) -> None:\n'
        "        if vae < 0:\n            raise ValueError(vae)\n"
    )
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML203,ML210").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source
    messages = [f["message"] for f in reported(capsys, "m.py", select="ML203,ML210")]
    assert len(messages) == 2
    assert all(
        m.endswith(" (--fix leaves class docstrings alone: edit it by hand)") for m in messages
    )


def test_one_line_function_and_tabs_are_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A docstring on the def line, or indented with tabs, is not edited."""
    source = (
        '"""M."""\n\n\ndef f(x: int) -> None: """F."""\n\n\n'
        'def g(x: int) -> None:\n\t"""G.\n\n\tMore.\n\t"""\n'
    )
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML203").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source
    messages = [f["message"] for f in reported(capsys, "m.py", select="ML203")]
    assert [m.rsplit(": ", 1)[1] for m in messages] == [
        "it does not start its own line)",
        "it is indented with tabs)",
    ]


def test_f_strings_are_not_docstrings_and_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An f-string first statement is no docstring (ML201), and --fix never touches it."""
    source = '"""M."""\nNAME = "n"\n\n\ndef f(x: int) -> None:\n    f"""{NAME}."""\n'
    path = write(tmp_path, "m.py", source)
    run = fix(capsys, "m.py")
    assert (run.code, run.err) == (1, "ml-lint: fixed 0 problems\n")
    assert path.read_text(encoding="utf-8") == source
    assert codes(capsys, "m.py") == ["ML201"]


def test_a_fix_that_would_break_the_literal_is_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Moving a line ending in a quote before the closing quotes would end the string early."""
    source = dedent('''
        """M."""


        def f(a: int, b: int) -> None:
            """F.

            Args:
                b: Says "hi"
                a: First."""
    ''')
    path = write(tmp_path, "m.py", source)
    assert fix(capsys, "m.py", select="ML205").err == "ml-lint: fixed 0 problems\n"
    assert path.read_text(encoding="utf-8") == source


# --- what gets fixed -------------------------------------------------------------------------


def test_only_selected_and_unsuppressed_findings_are_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deselected rules, suppressed findings and per-file ignores are left alone."""
    write(tmp_path, "pyproject.toml", '[tool.ml-lint.per-file-ignores]\n"skip.py" = ["ML203"]\n')
    body = '"""M."""\n\n\ndef f(x: int) -> int:\n    """F."""\n    return x\n'
    suppressed = body.replace("-> int:", "-> int:  # ml-lint: ignore[ML203]")
    write(tmp_path, "m.py", body)
    write(tmp_path, "quiet.py", suppressed)
    write(tmp_path, "skip.py", body)
    run = fix(capsys, "m.py", "quiet.py", "skip.py", select="ML203")
    assert (run.code, run.err) == (0, "ml-lint: fixed 1 problem\n")
    assert (tmp_path / "m.py").read_text(encoding="utf-8") == body.replace(
        '"""F."""', '"""F.\n\n    Args:\n        x (int): TODO: describe x.\n    """'
    )
    assert (tmp_path / "quiet.py").read_text(encoding="utf-8") == suppressed
    assert (tmp_path / "skip.py").read_text(encoding="utf-8") == body


def test_private_functions_and_tests_are_not_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what the rules flag: private functions and test files are exempt, so unchanged."""
    body = '"""M."""\n\n\ndef _f(x: int) -> int:\n    """F."""\n    return x\n'
    test_body = body.replace("_f", "f")
    write(tmp_path, "m.py", body)
    write(tmp_path, "tests/test_m.py", test_body)
    assert fix(capsys, "m.py", "tests/test_m.py").code == 0
    assert (tmp_path / "m.py").read_text(encoding="utf-8") == body
    assert (tmp_path / "tests/test_m.py").read_text(encoding="utf-8") == test_body


def test_fix_reports_what_remains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After --fix the report holds the placeholders and what no fix repairs."""
    source = dedent('''
        """M."""


        def f(x: int) -> None:
            """F.

            Returns:
                Nothing, though it says so.
            """
            print(x)
    ''')
    write(tmp_path, "m.py", source)
    run = fix(capsys, "m.py", "--format", "json", select=CONTENTS)
    assert run.err == "ml-lint: fixed 1 problem\n"
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(run.out)] == [
        ("ML207", 4, 1),
        ("ML215", 8, 18),
    ]


def test_fix_through_a_real_process_with_jobs(tmp_path: Path) -> None:
    """``python -m ml_lint check --fix --jobs 2`` fixes several files the same way."""
    body = '"""M."""\n\n\ndef f(x: int) -> None:\n    """F."""\n'
    for name in ("a.py", "b.py", "c.py"):
        write(tmp_path, name, body)
    run = cli_subprocess(tmp_path, "check", "--fix", "--jobs", "2", "--select", "ML203", ".")
    assert (run.code, run.err) == (0, "ml-lint: fixed 3 problems\n")
    for name in ("a.py", "b.py", "c.py"):
        assert "x (int): TODO: describe x." in (tmp_path / name).read_text(encoding="utf-8")


# --- placeholders (ML215) --------------------------------------------------------------------


def test_placeholder_rule_is_preview_and_not_fixable(capsys: pytest.CaptureFixture[str]) -> None:
    """ML215 runs only when selected and has no fix; ML204 is fixed only unsafely."""
    rules = {r["code"]: r for r in json.loads(cli(capsys, "rules", "--format", "json").out)}
    assert (rules["ML215"]["name"], rules["ML215"]["preview"]) == ("docstring-placeholder", True)
    assert [code for code, rule in rules.items() if rule["fixable"] and code.startswith("ML2")] == [
        "ML203",
        "ML205",
        "ML206",
        "ML208",
        "ML210",
        "ML221",
        "ML226",
        "ML227",
        "ML228",
        "ML229",
        "ML234",
        "ML236",
        "ML237",
        "ML238",
        "ML239",
        "ML242",
    ]
    assert "--unsafe-fixes" in rules["ML204"]["explanation"]


# --- notebooks -------------------------------------------------------------------------------


def test_notebooks_are_checked_but_never_docstring_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Code cells are reported; --fix changes only what hygiene rules flag, never the code."""
    code = 'def area(r: float) -> float:\n    """Area."""\n    return 3.14 * r * r'
    cell = new_code_cell(code, execution_count=1, outputs=[new_output("stream", text="1\n")])
    nb = new_notebook(cells=[new_markdown_cell("# T\n\nA notebook."), cell])
    nbformat.write(nb, tmp_path / "nb.ipynb")
    before = (tmp_path / "nb.ipynb").read_bytes()
    run = fix(capsys, "nb.ipynb", select=CONTENTS)
    assert (run.code, run.err) == (1, "ml-lint: fixed 0 problems\n")
    assert (tmp_path / "nb.ipynb").read_bytes() == before
    run = fix(capsys, "nb.ipynb", "--unsafe-fixes", select="ML2,ML302,ML303")
    assert run.err == "ml-lint: fixed 2 problems\n"
    after = nbformat.read(tmp_path / "nb.ipynb", as_version=4)
    assert after.cells[1].source == code
    assert (after.cells[1].outputs, after.cells[1].execution_count) == ([], None)
    assert codes(capsys, "nb.ipynb", select=CONTENTS) == ["ML203", "ML206"]
