"""Docstring presence (ML201) and type hints (ML202)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from support import cli, write

DOC = '"""Documented."""'


def findings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    *args: str,
    select: str = "ML201,ML202",
) -> list[tuple[str, str, int, int]]:
    """(path, code, line, column) of the findings for ``files`` written under ``tmp_path``.

    Args:
        tmp_path: Scratch directory, made the current directory.
        capsys: pytest's output capture.
        files: Relative path to (dedented) source.
        *args: More ``ml-lint check`` arguments.
        select: The rules to run.

    Returns:
        The findings, sorted as ml-lint reports them.
    """
    for name, source in files.items():
        write(tmp_path, name, textwrap.dedent(source).lstrip("\n"))
    result = cli(capsys, "check", *files, "--select", select, "--format", "json", *args)
    assert result.code in (0, 1), result.err
    data: list[dict[str, Any]] = json.loads(result.out)
    return [(f["path"], f["code"], f["line"], f["column"]) for f in data]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the scratch directory."""
    monkeypatch.chdir(tmp_path)


def test_documented_and_typed_code_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A module whose public API is documented and annotated is clean."""
    source = f"""
        {DOC}


        def attention(query: float, key: float) -> float:
            {DOC}
            return query * key


        class Block:
            {DOC}

            def __init__(self, width: int) -> None:
                self.width = width

            def forward(self, x: float) -> float:
                {DOC}
                return x
    """
    assert findings(tmp_path, capsys, {"model.py": source}) == []


def test_missing_docstrings_are_reported_where_they_belong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Module, class, function and method without docstrings; positions are the keywords."""
    source = """
        def train(steps: int) -> int:
            return steps


        class Trainer:
            def run(self) -> None:
                pass
    """
    assert findings(tmp_path, capsys, {"train.py": source}) == [
        ("train.py", "ML201", 1, 1),
        ("train.py", "ML201", 1, 1),
        ("train.py", "ML201", 5, 1),
        ("train.py", "ML201", 6, 5),
    ]


def test_private_magic_nested_and_lambdas_are_exempt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Private names, magic methods, nested functions and lambdas need no docstring."""
    source = f"""
        {DOC}


        def _helper(x: int) -> int:
            return x


        class _Hidden:
            def method(self) -> None:
                pass


        class Shown:
            {DOC}

            def __repr__(self) -> str:
                return "Shown"

            def _private(self) -> None:
                pass


        def outer() -> int:
            {DOC}

            def inner(y: int) -> int:
                return y

            square = lambda z: z * z
            return inner(square(2))
    """
    assert findings(tmp_path, capsys, {"mod.py": source}) == []


def test_decorated_exemptions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Overload stubs, property setters and deleters, and override methods are exempt."""
    source = f"""
        {DOC}
        from typing import overload, override


        @overload
        def parse(x: int) -> int: ...
        @overload
        def parse(x: str) -> str: ...
        def parse(x: int | str) -> int | str:
            {DOC}
            return x


        class Base:
            {DOC}

            @property
            def size(self) -> int:
                {DOC}
                return 1

            @size.setter
            def size(self, value: int) -> None:
                pass

            @size.deleter
            def size(self) -> None:
                pass


        class Child(Base):
            {DOC}

            @override
            def run(self) -> None:
                pass
    """
    assert findings(tmp_path, capsys, {"mod.py": source}) == []


def test_init_and_forward_documented_on_the_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`__init__` and an nn.Module's `forward` are covered by the class docstring, if any."""
    source = f"""
        {DOC}
        from torch import nn


        class Documented(nn.Module):
            {DOC}

            def __init__(self) -> None:
                super().__init__()

            def forward(self, x: int) -> int:
                return x


        class Undocumented(nn.Module):
            def __init__(self) -> None:
                super().__init__()

            def forward(self, x: int) -> int:
                return x
    """
    assert [f[2] for f in findings(tmp_path, capsys, {"net.py": source})] == [15, 16, 19]
    write(
        tmp_path,
        "pyproject.toml",
        "[tool.ml-lint.docstrings]\nforward-documented-on-class = false\n",
    )
    assert [f[2] for f in findings(tmp_path, capsys, {"net.py": source})] == [11, 15, 16, 19]


def test_all_decides_what_is_public(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With `__all__`, only the names it lists are public."""
    source = f"""
        {DOC}
        __all__ = ["exported"]


        def exported() -> None:
            pass


        def internal() -> None:
            pass
    """
    assert findings(tmp_path, capsys, {"api.py": source}) == [("api.py", "ML201", 5, 1)]


@pytest.mark.parametrize(
    "spelling",
    [
        '__all__: list[str] = ["exported"]',
        '__all__ = []\n        __all__ += ["exported"]',
        '__all__ = []\n        __all__.extend(["exported"])',
        '__all__: list[str]\n        __all__ = []\n        __all__.append("exported")',
    ],
)
def test_all_is_read_however_it_is_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    """An annotated ``__all__``, and names added with ``+=``, ``extend`` or ``append``."""
    source = f"""
        {DOC}
        {spelling}


        def exported() -> None:
            pass


        def internal() -> None:
            pass
    """
    assert [f[1] for f in findings(tmp_path, capsys, {"api.py": source})] == ["ML201"]
    assert "'exported'" in cli(capsys, "check", "api.py", "--select", "ML201").out


def test_private_modules_and_tests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Definitions in private modules are private; test files are exempt by default."""
    undocumented = "def run(x: int) -> int:\n    return x\n"
    files = {"pkg/_impl.py": undocumented, "tests/test_run.py": undocumented, "conftest.py": ""}
    assert findings(tmp_path, capsys, files) == []
    write(tmp_path, "pyproject.toml", "[tool.ml-lint.docstrings]\nexempt-tests = false\n")
    assert [f[0] for f in findings(tmp_path, capsys, files)] == ["tests/test_run.py"] * 2


def test_definitions_under_type_checking_blocks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Definitions inside module-level `if`/`try` blocks are still public API."""
    source = f"""
        {DOC}
        try:
            import fast

            def speed() -> int:
                return 1
        except ImportError:
            def speed() -> int:
                return 0
    """
    assert [f[2] for f in findings(tmp_path, capsys, {"mod.py": source})] == [5, 8]


def test_types_nested_unions_any_and_collected_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unions inside generics, `tuple(...)`, Any and the containers of `*args` agree."""
    source = '''
        """M."""
        from typing import Any, Optional, Union


        def run(
            cond: Any,
            inputs: dict[str, int | str],
            counts: dict[str, Optional[int]],
            pair: tuple[int, float],
            names: list[int],
            *args: int,
            **kwargs: float,
        ) -> None:
            """Run.

            Args:
                cond (`bool` or `torch.Tensor`): Nothing disagrees with Any.
                inputs (`dict[str, Union[str, int]]`): A union as an argument.
                counts (dict[str, int | None]): Optional as an argument.
                pair (`tuple(int, float)`): Parentheses for brackets.
                names (list[str]): Wrong: of int.
                *args (tuple[int, ...]): The tuple they arrive in.
                **kwargs (dict[str, str]): Wrong: of float.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 5)] * 2
    out = cli(capsys, "check", "m.py", "--select", "ML213").out
    assert "Args gives 'names' the type" in out and "Args gives 'kwargs' the type" in out


def test_a_tuple_in_bare_parentheses_and_a_grouping_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`(int, int)` is a tuple, as the NumPy-to-Google fix writes it; `(int)` is int."""
    source = '''
        """M."""


        def crop(
            shape: tuple[int, int],
            pair: "tuple[str, float]",
            many: tuple[int, ...],
            one: int | None = None,
            grid: tuple[int, int] = (1, 1),
            wrong: list[int] | None = None,
        ) -> None:
            """Crop.

            Args:
                shape ((int, int)): Rows and columns.
                pair ((str, float)): A name and a weight.
                many ((int, ...)): Sizes.
                one ((int), optional): A grouping.
                grid ((int, str)): Wrong: of int.
                wrong ((int, int), optional): Wrong: a list.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 4)] * 2
    out = cli(capsys, "check", "m.py", "--select", "ML213").out
    assert "Args gives 'grid' the type" in out and "Args gives 'wrong' the type" in out


def test_types_written_in_words_as_pytorch_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plurals, "tuple of X", abstract types as words, "required" and prose are understood."""
    source = '''
        """M."""
        from collections.abc import Callable, Iterable, Sequence

        from torch import Tensor


        def run(
            shapes: tuple[int, ...],
            xs: list[Tensor],
            fn: Callable[[int], int],
            device_type: str,
            seq: Sequence[int | float],
            it: Iterable[Tensor],
            mods: tuple[Tensor, ...] | tuple[tuple[Tensor, ...], ...],
            hook: Callable[["Module"], None],
            wrong: list[int],
            workers: list[Process],
        ) -> None:
            """Run.

            Args:
                shapes (tuple of ints): Shapes.
                xs (list of Tensors): Tensors.
                fn (callable): A function.
                device_type (str, required): A device.
                seq (sequence): Numbers.
                it (iterable of Tensors): More tensors.
                mods (tuple of Tensors, or tuple of tuples of Tensors): Prose: not compared.
                hook (:class:`Module` -> None): Prose too.
                wrong (list of strings): Wrong: of int.
                workers (list of Process): A name that ends in s.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 7)]
    assert "Args gives 'wrong' the type" in cli(capsys, "check", "m.py", "--select", "ML213").out


def test_x_of_y_or_z_agrees_with_either_grouping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list of int or device` may mean list[int] | device or list[int | device], not others."""
    source = '''
        """M."""
        from torch import device


        def place(
            inner: list[int | device],
            outer: list[int] | device,
            several: tuple[int | float | None, ...],
            wrong_item: list[str] | device,
            two_lists: list[int | str],
        ) -> None:
            """Place.

            Args:
                inner (list of int or torch.device): The "or" inside the list.
                outer (list of int or torch.device): The "or" outside it.
                several (tuple of ints, floats, or None): Three inside the tuple.
                wrong_item (list of int or torch.device): Neither grouping: of str.
                two_lists (list of int or list of str): Only one grouping: two lists.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 5)] * 2
    out = cli(capsys, "check", "m.py", "--select", "ML213").out
    assert "Args gives 'wrong_item' the type" in out and "Args gives 'two_lists' the type" in out


def test_pytorch_spellings_of_args_overloads_and_field_docstrings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`\\*shapes` documents `*shapes`; `@_overload` is an overload; field strings are named."""
    source = '''
        """M."""
        import dataclasses

        from torch._jit_internal import _overload


        def broadcast(*shapes: int) -> None:
            r"""Broadcast.

            Args:
                \\*shapes (int): Shapes.
            """


        @_overload
        def pad(x: int) -> int:
            pass


        @dataclasses.dataclass
        class Options:
            """Options.

            Attributes:
                size: How many.
            """

            size: int = 1
            chunk: int = 2
            """Items per chunk."""
            depth: int = 3
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML201,ML203,ML214")
    assert [(code, line) for _, code, line, _ in found] == [("ML214", 21)]
    out = cli(capsys, "check", "m.py", "--select", "ML214").out
    assert "document the fields 'chunk', 'depth' under Attributes (Google style reads" in out


def test_a_context_manager_may_document_what_it_yields_as_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `with ... as` gives, or the manager, may be under Returns; a generator needs Yields."""
    source = '''
        """M."""
        from collections.abc import Iterator
        from contextlib import contextmanager


        @contextmanager
        def opened(path: str) -> Iterator[int]:
            """Open a file.

            Args:
                path: Where.

            Returns:
                The file descriptor.
            """
            yield 3


        def numbers() -> Iterator[int]:
            """Count.

            Returns:
                Numbers.
            """
            yield 3


        @contextmanager
        def locked() -> Iterator[None]:
            """Hold the lock.

            Returns:
                A context manager that holds the lock while its block runs.
            """
            yield
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML207,ML208")
    assert [(code, line) for _, code, line, _ in found] == [("ML208", 19)]


def test_properties_by_any_decorator_name_may_omit_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`@cached_property`, torch's `@lazy_property`: a property's docstring says what it is."""
    source = '''
        """M."""
        from functools import cached_property

        from torch.distributions.utils import lazy_property


        class Dist:
            """A distribution."""

            @cached_property
            def mean(self) -> float:
                """The mean."""
                return 0.0

            @lazy_property
            def scale(self) -> float:
                """The scale."""
                return 1.0

            def sample(self) -> float:
                """Draw one."""
                return 0.5
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML206")
    assert [(code, line) for _, code, line, _ in found] == [("ML206", 20)]


def test_a_type_of_markup_and_spaces_is_compared_at_once() -> None:
    """ "` ` ` ..." leaves runs of spaces once the markup goes: no pattern backtracks on them."""
    import time

    from ml_lint.checks.docstrings import _types_agree

    for written in ("int " + "` " * 490 + "or str", "int " + "` " * 2500 + "x"):
        start = time.perf_counter()
        _types_agree.__wrapped__(written, "int")
        assert time.perf_counter() - start < 0.05, len(written)


def test_a_docstring_type_nested_deeply_is_compared_without_recursing_forever(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nested brackets past the depth read are a finding; thousands are not read: no crash."""
    deep = "list[" * 90 + "int" + "]" * 90  # deeper than MAX_TYPE_DEPTH, within the length
    optional = "Optional[" * 80 + "int" + "]" * 80
    source = f'''
        """M."""


        def run(x: list[int], y: int) -> None:
            """Run.

            Args:
                x ({deep}): Deep.
                y ({optional}): Deeper.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 4)] * 2
    longer = source.replace(deep, "list[" * 3000 + "int" + "]" * 3000).replace(
        optional, "Optional[" * 3000 + "int" + "]" * 3000
    )
    assert findings(tmp_path, capsys, {"m.py": longer}, select="ML213") == []  # not compared


def test_type_hints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every parameter but self/cls, and the return (not for `__init__`), is annotated."""
    source = f"""
        {DOC}


        def train(model, /, steps: int, *args, lr=0.1, **kwargs):
            {DOC}


        class Loop:
            {DOC}

            def __init__(self, steps: int):
                self.steps = steps

            @classmethod
            def make(cls, steps: int) -> "Loop":
                {DOC}
                return cls(steps)

            @staticmethod
            def scale(value) -> float:
                {DOC}
                return value


        def _private(x):
            return x
    """
    found = findings(tmp_path, capsys, {"loop.py": source})
    assert found == [
        ("loop.py", "ML202", 4, 1),
        ("loop.py", "ML202", 4, 11),
        ("loop.py", "ML202", 4, 34),
        ("loop.py", "ML202", 4, 40),
        ("loop.py", "ML202", 4, 50),
        ("loop.py", "ML202", 20, 15),
    ]
    write(tmp_path, "pyproject.toml", "[tool.ml-lint.docstrings]\ntype-hints-private = true\n")
    assert len(findings(tmp_path, capsys, {"loop.py": source})) == len(found) + 2


def test_self_of_a_function_bound_to_a_class_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A module-level function taking `self` (assigned onto a class) needs no `self` entry."""
    source = '''
        """M."""


        def log_metrics(self, split: str) -> None:
            """Log.

            Args:
                split: Which split.
            """


        def scale(value, factor: float) -> float:
            """Scale.

            Args:
                factor: How much.
            """
            return value * factor


        def register(cls: type) -> type:
            """Add a class (a class decorator: `cls` is its argument).

            Args:
                cls: The class.

            Returns:
                The class.
            """
            return cls
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML202,ML203,ML204")
    assert [(code, line) for _, code, line, _ in found] == [("ML203", 12), ("ML202", 12)]


def test_columns_count_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unannotated parameter after non-ASCII text is placed by characters, not bytes."""
    source = f"{DOC}\n\n\ndef f(é: int, ü) -> None:\n    {DOC}\n"
    assert findings(tmp_path, capsys, {"u.py": source}) == [("u.py", "ML202", 4, 15)]


def test_notebook_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Cells need no module docstring; their functions are checked and placed by cell."""
    cells = [
        new_markdown_cell("# T\n\nA notebook."),
        new_code_cell("import math"),
        new_code_cell("x = 1\n\ndef area(r):\n    return math.pi * r * r"),
    ]
    nbformat.write(new_notebook(cells=cells), tmp_path / "nb.ipynb")
    result = cli(capsys, "check", "nb.ipynb", "--select", "ML2", "--format", "json")
    found = [(f["code"], f["cell"], f["line"], f["column"]) for f in json.loads(result.out)]
    assert found == [
        ("ML201", 3, 3, 1),
        ("ML202", 3, 3, 1),
        ("ML202", 3, 3, 10),
    ]


def semantic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> list[tuple[str, int]]:
    """(code, line) of the ML203-ML209 findings for one module.

    Args:
        tmp_path: Scratch directory.
        capsys: pytest's output capture.
        source: The module's source (dedented).

    Returns:
        The findings' codes and lines.
    """
    rules = "ML203,ML204,ML205,ML206,ML207,ML208,ML209"
    found = findings(tmp_path, capsys, {"m.py": source}, select=rules)
    return [(code, line) for _, code, line, _ in found]


def test_a_numpy_style_docstring_gets_one_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ML242 says to rewrite it; the Args, Returns, Raises, Attributes and section rules,
    which would misread its sections, skip it."""
    source = '''
        """M."""

        from dataclasses import dataclass


        def scale(x: float, factor: float) -> float:
            """Scale a value.

            Parameters
            ----------
            x : float
                The value.

            Returns
            -------
            float
                The scaled value.
            """
            if x < 0:
                raise ValueError("negative")
            return x * factor


        @dataclass
        class Point:
            """A point.

            Attributes
            ----------
            x : float
                Across.
            """

            x: float
            y: float


        def table() -> None:
            """Print the rows.

            Usage
            -----
            A dashed line under a title that is no NumPy section is no NumPy style.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML2")
    assert [(code, line) for _, code, line, _ in found] == [("ML242", 9), ("ML242", 28)]
    data = json.loads(cli(capsys, "check", "m.py", "--select", "ML2", "--format", "json").out)
    assert data[0]["message"] == (
        "the docstring is NumPy style ('Parameters', 'Returns' underlined); write Google-style "
        "sections: titles that end with a colon ('Args:' for 'Parameters', no underline) and "
        "entries indented under them as `name (type): description`"
    )
    # Rewritten in Google style, the same function is held to its signature and body again.
    google = source.replace("Parameters\n            ----------", "Args:").replace(
        "Returns\n            -------", "Returns:"
    )
    google = google.replace("x : float\n                The value.", "x (float): The value.")
    found = findings(tmp_path, capsys, {"m.py": google}, select="ML203,ML210,ML242")
    assert [code for _, code, _, _ in found] == ["ML203", "ML210", "ML242"]


def test_args_missing_extra_and_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Args entries are compared with the signature; a missing section counts."""
    source = '''
        """M."""


        def no_section(x: int) -> None:
            """Summary only."""


        def partial(x: int, y: int, *args: int) -> None:
            """Partial.

            Args:
                y: Second.
                x: First.
                z: Gone.
                *args: Stars are fine.
            """


        def forwards(x: int, **kwargs: int) -> None:
            """Keys forwarded through **kwargs may be documented as Args.

            Args:
                x: First.
                proxies (`dict[str, str]`, defaults to `dict("a")`): A forwarded key.
                **kwargs: Passed on.
            """


        def complete(x: int, *args: int, **kwargs: int) -> None:
            """Complete.

            Args:
                x: First.
                args: Without stars is fine too.
                **kwargs: Options.
            """
    '''
    assert semantic(tmp_path, capsys, source) == [
        ("ML203", 4),
        ("ML204", 8),
        ("ML205", 8),
    ]


def test_args_order_is_the_signatures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`*args` comes before keyword-only parameters, as in the signature."""
    source = '''
        """M."""


        def signature_order(x: int, *args: int, key: int, **kwargs: int) -> None:
            """In order.

            Args:
                x: First.
                *args: Then these.
                key: Keyword-only.
                **kwargs: Last.
            """


        def stars_last(x: int, *args: int, key: int) -> None:
            """Out of order.

            Args:
                x: First.
                key: Keyword-only.
                *args: Not last in the signature.
            """
    '''
    assert semantic(tmp_path, capsys, source) == [("ML205", 15)]


def test_docstring_entries_as_real_code_writes_them() -> None:
    """Brackets inside types, backticks, bullets and an odd first indent are all read."""
    from ml_lint.docstring import parse

    text = (
        "Summary.\n\nArgs:\n"
        '     device (`torch.device`, defaults to `torch.device("cpu")`): Where.\n'
        "    `unet`: The network.\n"
        "    - steps: How many.\n"
        "    shape (`tuple` of shape `(batch, seq)`): The shape.\n"
        "        continued (not an entry): Deeper text.\n"
        "\nReturns:\n    Nothing."
    )
    args = parse(text).sections["Args"]
    assert [(e.name, e.type) for e in args.entries] == [
        ("device", '`torch.device`, defaults to `torch.device("cpu")`'),
        ("unet", None),
        ("steps", None),
        ("shape", "`tuple` of shape `(batch, seq)`"),
    ]


def test_one_entry_indented_less_hides_no_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry indented less by mistake is read, and so are the entries around it."""
    source = '''
        """M."""


        def scale(x: int, factor: int, offset: int) -> int:
            """Scale.

            Args:
                x: Value, with a description long enough
                    to wrap onto a second line.
              factor: Multiplier.
                offset: Shift.
                extra: Gone.

            Returns:
                The result.
            """
            return x * factor + offset
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML203,ML204")
    assert [code for _, code, _, _ in found] == ["ML204"]
    assert "'extra'" in cli(capsys, "check", "m.py", "--select", "ML204").out


def test_returns_and_yields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Returns and Yields follow the body, with the classic exemptions."""
    source = '''
        """M."""
        from abc import abstractmethod
        from collections.abc import Iterator


        def mean(xs: list[float]) -> float:
            """Returns the mean, says the summary, which is not a section."""
            return sum(xs) / len(xs)


        def only_raises(x: int) -> int:
            """Always fails.

            Args:
                x: Ignored.
            """
            raise ValueError(x)


        def log(message: str) -> None:
            """Log.

            Args:
                message: Text.

            Returns:
                Nothing at all.
            """
            print(message)


        def outer() -> None:
            """Nested returns and lambdas do not count."""

            def inner() -> int:
                return 1

            square = lambda v: v * v
            inner()


        def gen() -> Iterator[int]:
            """Generator documented as returning.

            Returns:
                Numbers.
            """
            yield from range(3)


        async def agen() -> Iterator[int]:
            """Async generator.

            Yields:
                Numbers.
            """
            yield 1


        def not_gen() -> list[int]:
            """Not a generator.

            Yields:
                Numbers.
            """
            return [1]


        class Shape:
            """A shape."""

            @property
            def area(self) -> float:
                """The area."""
                return 1.0

            @abstractmethod
            def grow(self, factor: float) -> float:
                """Grow.

                Args:
                    factor: How much.
                """

            def shrink(self, factor: float) -> float:
                """Shrink.

                Args:
                    factor: How much.
                """
                raise NotImplementedError
    '''
    assert semantic(tmp_path, capsys, source) == [
        ("ML203", 6),  # a summary-only docstring documents no Args; "Returns ..." is enough
        ("ML207", 20),
        ("ML208", 42),
        ("ML206", 60),
        ("ML209", 60),
    ]


def test_code_blocks_in_docstrings_are_not_sections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An indented `Args:` inside an example is example text, not a section."""
    source = '''
        """M."""


        def parse(text: str) -> str:
            """Parse a docstring.

            Args:
                text: The docstring.

            Returns:
                The summary.

            Example:
                A docstring whose own example shows a section::

                    Args:
                        unknown: Not a parameter of parse.
            """
            return text
    '''
    assert semantic(tmp_path, capsys, source) == []


def test_raises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Raised types (re-raises and `from e` included) are documented; stale ones are not."""
    source = '''
        """M."""
        import errors


        def load(path: str) -> bytes:
            """Load.

            Args:
                path: File.

            Returns:
                Bytes.

            Raises:
                KeyError: Stale.
                errors.ConfigError: When bad.
            """
            try:
                return open(path, "rb").read()
            except OSError as error:
                raise errors.ConfigError(path) from error
            except (ValueError, TypeError):
                raise


        def cleanup(path: str) -> None:
            """Remove a file, whatever went wrong, and pass the error on.

            Args:
                path: File.
            """
            try:
                open(path).close()
            except BaseException:
                print("cleaning up")
                raise


        def conditional(x: int) -> int:
            """Only raises sometimes.

            Args:
                x: Input.

            Returns:
                x.

            Raises:
                ValueError: If negative.
            """
            if x < 0:
                raise ValueError(x)
            return x


        def nested() -> None:
            """Nested raises are not the function's own, but may be documented.

            Raises:
                RuntimeError: From the helper it calls.
            """

            def helper() -> None:
                raise KeyError

            helper()
            raise RuntimeError
    '''
    rules = "ML210,ML211"
    found = findings(tmp_path, capsys, {"m.py": source}, select=rules)
    assert [(code, line) for _, code, line, _ in found] == [("ML210", 5), ("ML211", 5)]
    text = cli(capsys, "check", "m.py", "--select", rules).out
    assert "raises TypeError, ValueError" in text and "Raises lists KeyError" in text


def test_an_exception_caught_in_the_function_is_not_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raise that the function's own `try` catches never reaches the caller."""
    source = '''
        """M."""


        def parse(text: str) -> int:
            """Parse, 0 when empty or not a number.

            Args:
                text: Digits.

            Returns:
                The number.
            """
            try:
                if not text:
                    raise ValueError("empty")
                if text == "?":
                    raise FileNotFoundError(text)
                return int(text)
            except (ValueError, OSError):
                return 0


        def convert(text: str) -> int:
            """Convert, or fail with the caller's error.

            Args:
                text: Digits.

            Returns:
                The number.
            """
            try:
                try:
                    raise KeyError(text)
                except Exception:
                    raise SystemExit(1)
                finally:
                    raise TypeError(text)
            except LookupError:

                def later() -> None:
                    raise LookupError

                later()
                raise RuntimeError(text)
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML210,ML211")
    assert [(code, line) for _, code, line, _ in found] == [("ML210", 23)]
    text = cli(capsys, "check", "m.py", "--select", "ML210").out
    # SystemExit passes `except LookupError`; TypeError, in `finally`, passes `except Exception`.
    assert "'convert' raises RuntimeError, SystemExit, TypeError but" in text


def test_raises_entries_may_use_sphinx_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`:exc:`ValueError`` and `:py:class:`~pkg.Error`` name the classes they mark up."""
    source = '''
        """M."""
        import pkg


        def load(path: str) -> None:
            """Load.

            Args:
                path: File.

            Raises:
                :exc:`ValueError`: When empty.
                :py:class:`~pkg.Error`: When bad.
            """
            if not path:
                raise ValueError(path)
            raise pkg.Error(path)
    '''
    assert findings(tmp_path, capsys, {"m.py": source}, select="ML210,ML211") == []


def test_a_base_method_that_only_raises_may_document_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-> str` and a body ending in a raise: Returns documents the overrides' contract."""
    source = '''
        """M."""
        from typing import NoReturn


        class Store:
            """Interface that backends override."""

            def get(self) -> str:
                """Fetch it.

                Returns:
                    The trace.

                Raises:
                    LookupError: In the base class.
                """
                raise LookupError()

            def fail(self) -> NoReturn:
                """Fail.

                Returns:
                    Nothing, ever.

                Raises:
                    LookupError: Always.
                """
                raise LookupError()
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML206,ML207")
    assert found == [("m.py", "ML207", 19, 5)]  # NoReturn returns nothing to document


def test_a_raises_line_in_prose_documents_its_exception(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`UsageError if ...` without a colon names UsageError: no ML210, and no second entry."""
    source = '''
        """M."""


        def handler(ready: bool) -> None:
            """Return a trace handler.

            Args:
                ready: Whether init() was called.

            Raises:
                RuntimeError if init() hasn't been called.
            """
            if not ready:
                raise RuntimeError("call init() first")
            raise KeyError(ready)
    '''
    findings(tmp_path, capsys, {"m.py": source}, select="ML210")
    out = json.loads(cli(capsys, "check", "m.py", "--select", "ML210", "--format", "json").out)
    assert [f["message"] for f in out] == [
        "'handler' raises KeyError but its docstring does not list it under Raises"
    ]
    run = cli(capsys, "check", "m.py", "--select", "ML210", "--fix")
    assert run.err == "ml-lint: fixed 1 problem\n"
    text = (tmp_path / "m.py").read_text(encoding="utf-8")
    assert "KeyError: TODO: describe when." in text and "RuntimeError:" not in text


def test_a_re_raise_of_what_an_attribute_holds_names_no_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`except self._retryable:` then `raise`: no Raises entry named `_retryable` is asked for."""
    source = '''
        """M."""
        import socket


        class Retry:
            """Retries."""

            def call(self) -> None:
                """Call once."""
                try:
                    self.run()
                except self._retryable_exceptions:
                    raise

            def send(self) -> None:
                """Send once."""
                try:
                    self.run()
                except socket.timeout:
                    raise

            def run(self) -> None:
                """Run."""
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML210")
    assert found == [("m.py", "ML210", 15, 5)]  # socket.timeout: a module's class, named
    assert "'Retry.send' raises timeout" in cli(capsys, "check", "m.py", "--select", "ML210").out


def test_aliases_of_os_error_are_os_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`~os.error`, `IOError`, `socket.error` and the like are OSError, raised or documented."""
    source = '''
        """M."""
        import re
        import socket

        import pkg


        def read(path: str) -> None:
            """Read.

            Args:
                path: File.

            Raises:
                :class:`~os.error`: When unreadable.
                :exc:`~pkg.ParseError`: When garbled.
            """
            if not path:
                raise pkg.ParseError(path)
            raise OSError(path)


        def write(path: str) -> None:
            """Write.

            Args:
                path: File.

            Raises:
                :exc:`socket.error`: When the disk is full.
            """
            raise IOError(path)


        def send(host: str) -> None:
            """Send.

            Args:
                host: Where.

            Raises:
                EnvironmentError: When the connection drops.
            """
            try:
                socket.create_connection((host, 80))
            except socket.error:
                raise


        def compile_pattern(text: str) -> None:
            """Compile.

            Args:
                text: The pattern.

            Raises:
                :exc:`~re.error`: No alias of OSError.
            """
            raise OSError(text)
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML210,ML211")
    assert [(code, line) for _, code, line, _ in found] == [("ML210", 50), ("ML211", 50)]
    out = cli(capsys, "check", "m.py", "--select", "ML210,ML211").out
    assert "'compile_pattern' raises OSError" in out and "Raises lists error" in out
    assert "(IOError is OSError)" not in out  # the code wrote OSError: nothing to explain


def test_a_missing_raise_written_as_an_alias_says_it_is_os_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`raise IOError` is reported as OSError, and the message says why."""
    source = '''
        """M."""
        import os


        def load(path: str) -> bytes:
            """Load.

            Args:
                path: File.

            Returns:
                Bytes.
            """
            if not path:
                raise IOError(path)
            if path == "-":
                raise os.error(path)
            return b""
    '''
    assert findings(tmp_path, capsys, {"m.py": source}, select="ML210") == [("m.py", "ML210", 5, 1)]
    out = cli(capsys, "check", "m.py", "--select", "ML210", "--format", "json").out
    assert [finding["message"] for finding in json.loads(out)] == [
        "'load' raises OSError but its docstring does not list it under Raises "
        "(IOError, os.error are OSError)"
    ]


def test_raising_a_bound_or_unnamed_exception(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`raise error` re-raises what `except ... as error` caught; a variable may be anything."""
    source = '''
        """M."""


        def load(path: str) -> None:
            """Load.

            Args:
                path: File.

            Raises:
                OSError: When missing.
            """
            try:
                open(path).close()
            except OSError as error:
                raise error


        def parse(path: str) -> None:
            """Parse.

            Args:
                path: File.
            """
            try:
                open(path).close()
            except (KeyError, ValueError) as error:
                raise error from None


        def check(path: str) -> None:
            """Check.

            Args:
                path: File.

            Raises:
                ValueError: When bad.
            """
            error = ValueError(path)
            raise error
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML210,ML211")
    assert [(code, line) for _, code, line, _ in found] == [("ML210", 19)]
    text = cli(capsys, "check", "m.py", "--select", "ML210").out
    assert "'parse' raises KeyError, ValueError" in text


def test_raised_class_is_read_through_a_classmethod_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``X.from_response(r)`` raises X; ``self._error(x)`` raises nothing nameable."""
    source = '''
        """M."""
        import requests


        class Client:
            """A client."""

            def get(self, url: str) -> None:
                """Get.

                Args:
                    url: Where.

                Raises:
                    HTTPError: On a bad status.
                """
                response = requests.get(url)
                if not response.ok:
                    raise requests.HTTPError.from_response(response)
                raise self._error(url)

            def _error(self, url: str) -> Exception:
                return ValueError(url)
    '''
    assert findings(tmp_path, capsys, {"m.py": source}, select="ML210,ML211") == []


def test_context_manager_may_document_its_bare_yield(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `@contextmanager` with a bare `yield` may say Yields; a plain function may not."""
    source = '''
        """M."""
        import contextlib
        from collections.abc import Iterator


        @contextlib.contextmanager
        def placed() -> Iterator[None]:
            """Run the block on the device.

            Yields:
                Nothing: the block runs on the device.
            """
            yield


        def plain() -> None:
            """Not a generator.

            Yields:
                Nothing.
            """
            print("no yield here")
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML207,ML208,ML209")
    assert [(code, line) for _, code, line, _ in found] == [("ML209", 16)]


def test_example_syntax(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each `>>>` statement with its `...` lines must parse; the bad line is pointed at."""
    source = '''
        """M."""


        def show() -> None:
            """Show.

            Example:
                >>> x = (1,
                ...      2)
                >>> for i in range(2):
                ...     print(i)
                0
                1
                >>> scale(2, factor=)
                >>> %timeit scale(2)  # doctest: +SKIP
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML212")
    assert [(code, line) for _, code, line, _ in found] == [("ML212", 14)]


def test_examples_in_xdoctest_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A run of `>>>` lines is one block, as xdoctest reads it; its +SKIP holds for the rest."""
    source = '''
        """M."""


        def run() -> None:
            """Run.

            Example:
                >>> for epoch in range(2):
                >>>     train(epoch)
                >>> model = nn.Sequential(
                >>>     nn.Linear(5, 5),
                >>> )
                >>> model(x).size()
                torch.Size([5])
                >>>     misplaced()
                >>> total = (1,
                >>> other = 2
            """


        def skipped() -> None:
            """Skipped.

            Example:
                >>> prepare()
                >>> # xdoctest: +SKIP("needs a GPU")
                >>> for x in
                >>> broken(:
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML212")
    assert [(code, line) for _, code, line, _ in found] == [("ML212", 15), ("ML212", 16)]


def test_example_output_ellipsis_is_not_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `...` line once the output has started is output (ELLIPSIS), as doctest reads it."""
    source = '''
        """M."""


        def show() -> None:
            """Show.

            Example:
                >>> print(table)  # doctest: +ELLIPSIS
                {'a': 1,
                ... 'z': 26}
                >>> raise ValueError("bad")
                Traceback (most recent call last):
                ... ValueError: bad
                >>> total = (1 +
                ...          oops oops)
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML212")
    assert [(code, line) for _, code, line, _ in found] == [("ML212", 14)]


def test_example_syntax_in_class_docstrings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A public class's examples parse too; a private class's are not checked."""
    source = '''
        """M."""


        class Confirm:
            """Ask a yes/no question.

            Example:
                >>> if Confirm.ask("Continue"):
                    run_job()
            """


        class _Hidden:
            """Not checked.

            Example:
                >>> if broken(:
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML212")
    assert [(code, line) for _, code, line, _ in found] == [("ML212", 8)]
    assert (
        "docstring of 'Confirm' does not parse"
        in cli(capsys, "check", "m.py", "--select", "ML212").out
    )


def test_class_docstring_documenting_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A class docstring with Args is held to __init__'s signature and raises, at the class."""
    source = '''
        """M."""


        class Trainer:
            """Train a model.

            Args:
                lr (str): The learning rate.
                model: The model.
                gone: A parameter __init__ no longer has.
            """

            def __init__(self, model: object, lr: float, steps: int) -> None:
                if steps < 0:
                    raise ValueError("steps")
                self.model = model


        class Documented:
            """Its __init__ documents itself.

            Args:
                stale: Not compared: __init__ has its own docstring.
            """

            def __init__(self, size: int) -> None:
                """Make one.

                Args:
                    size: How big.
                """


        class Plain:
            """No Args section: nothing to compare."""

            def __init__(self, size: int) -> None:
                self.size = size


        class Lower:
            """A title in lower case is a title too.

            parameters:
                size: How big.
            """

            def __init__(self, size: int, name: str) -> None:
                self.size = size
    '''
    rules = "ML203,ML204,ML205,ML210,ML213"
    found = findings(tmp_path, capsys, {"m.py": source}, select=rules)
    assert [(code, line) for _, code, line, _ in found] == [
        ("ML203", 4),
        ("ML204", 4),
        ("ML205", 4),
        ("ML210", 4),
        ("ML213", 4),
        ("ML203", 41),
    ]
    out = cli(capsys, "check", "m.py", "--select", rules).out
    assert "document 'steps' of 'Trainer.__init__'" in out
    assert "'Trainer.__init__' raises ValueError" in out
    before = (tmp_path / "m.py").read_bytes()
    cli(capsys, "check", "m.py", "--select", rules, "--fix")
    assert (tmp_path / "m.py").read_bytes() == before  # --fix leaves class docstrings alone


def test_documented_types_agree_with_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Docstring types match annotations, allowing Optional, unions in any order and aliases."""
    source = '''
        """M."""
        from typing import Dict, Optional, Union


        def train(
            steps: int,
            lr: Optional[float] = None,
            names: list[str] | None = None,
            table: Dict[str, int] | None = None,
            mode: Union[int, str] = 1,
            seed: int = 0,
        ) -> None:
            """Train.

            Args:
                steps (str): Wrong type.
                lr (float, optional): Optional means a default.
                names (List[str] | None): Alias and None.
                table (dict[str, int], optional): Alias.
                mode (str | int): Union in another order.
                seed: No type given, nothing to compare.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 5)]
    assert (
        "'steps' the type 'str', but it is annotated 'int'"
        in cli(capsys, "check", "m.py", "--select", "ML213").out
    )


def test_a_bare_generic_agrees_on_either_side_at_any_depth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list` and `list[int]` agree wherever they are; different parameters still disagree."""
    source = '''
        """M."""


        def pack(
            a: list,
            b: dict[str, list[int]],
            c: tuple[list[int], ...],
            d: dict[str, list[int]],
            e: dict[str, list[int]],
        ) -> None:
            """Pack.

            Args:
                a (list[int]): A.
                b (dict[str, list]): B.
                c (tuple[list, ...]): C.
                d (dict[str, list[str]]): D.
                e (dict[str, list[int]): A bracket left open.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 4)] * 2
    out = cli(capsys, "check", "m.py", "--select", "ML213").out
    assert "Args gives 'd' the type" in out and "Args gives 'e' the type" in out


def test_documented_types_in_hugging_face_style_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Markup, defaults, shapes, "or" unions, module paths and bare generics are understood."""
    source = '''
        """M."""
        from typing import Any, Literal, Optional, Union

        import torch

        ImageInput = Union[torch.Tensor, list[torch.Tensor]]


        def sample(
            prompt: str | list[str] | None = None,
            steps: int = 50,
            latents: Optional[torch.Tensor] = None,
            extra: dict[str, Any] | None = None,
            items: list[float] = (),
            mode: Literal["fast", "slow"] = "fast",
            image: ImageInput = None,
            model: torch.nn.Module = None,
            scale: int = 1,
            seed: int | None = None,
            shape: tuple[int, int] = (1, 1),
            schedule: Literal["linear", "cosine"] = "linear",
            base: "FloatTensor" = None,
            name: str = "",
            pixels: Union[list[float], "torch.Tensor"] = (),
            size: int | str = 1,
            ratio: float | None = None,
            threshold: float | None = 0.5,
            flag: bool | None = None,
            quant: Optional["QuantizationArgs"] = None,
        ) -> None:
            """Sample.

            Args:
                prompt (`str` or `List[str]`, *optional*): A union with "or".
                steps (`int`, *optional*, defaults to 50): A default.
                latents (`Tensor` of shape `(batch, dim)`, *optional*): A shape.
                extra (`dict`, *optional*): A bare generic.
                items (`list` of `float`): A container of items.
                mode (`str`, defaults to `"fast"`): A Literal of strings.
                image (`torch.Tensor`, `list[torch.Tensor]`): An alias of these.
                model ([`~torch.nn.Module`]): A Sphinx link.
                scale (`float`, *optional*, defaults to 1): Wrong: int.
                seed (`int`): Wrong: it may be None and has no default said.
                shape (`tuple[int]`): Wrong: two ints.
                schedule (`"linear"` or `"cosine"`): String values.
                base (`torch.Tensor`): A name that may be an alias or a subclass.
                name (:obj:`str`, optional): A Sphinx role, as in Napoleon's example.
                pixels (`list[float]` or `torch.Tensor`): A forward reference inside.
                size ([`int`] or [`str`]): Links among others.
                ratio ([`float`], *optional*): A link, then markup.
                threshold (`float`, defaults to 0.5): A default, which may be None too.
                flag (`bool` *optional*, defaults to `False`): "optional" without a comma.
                quant (`typing.Union[QuantizationArgs, NoneType]`, *optional*): As printed.
            """
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML213")
    assert [(code, line) for _, code, line, _ in found] == [("ML213", 9)] * 3
    out = cli(capsys, "check", "m.py", "--select", "ML213").out
    for name in ("scale", "seed", "shape"):
        assert f"Args gives {name!r} the type" in out


def test_data_class_fields_under_attributes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dataclass, NamedTuple, pydantic and attrs fields are documented; ClassVar, InitVar,
    pydantic's model_config and private names are not."""
    source = '''
        """M."""
        from dataclasses import InitVar, dataclass
        from typing import ClassVar, NamedTuple

        import attr
        import attrs
        from pydantic import BaseModel, ConfigDict


        @dataclass(frozen=True)
        class Config:
            """Settings.

            Attributes:
                lr: Rate.
            """

            lr: float = 0.1
            steps: int = 3
            registry: ClassVar[dict[str, int]] = {}
            seed: InitVar[int] = 0
            _cache: int = 0


        class Point(NamedTuple):
            """A point."""

            x: float


        class Request(BaseModel):
            """A request.

            Attributes:
                prompt: Text.
            """

            model_config: ConfigDict = ConfigDict(frozen=True)
            prompt: str


        class Plain:
            """Not a data class."""

            size: int = 1
            other = attr.ib()


        @attr.s
        class Legacy:
            """Fields declared the attrs way, unannotated.

            Attributes:
                name: Who.
            """

            name = attr.ib()
            size = attr.ib(default=1)
            shape = attrs.field(default=(1,))
            kind = "legacy"
    '''
    files = {"m.py": source}
    assert [f[2] for f in findings(tmp_path, capsys, files, select="ML214")] == [11, 25, 50]
    text = cli(capsys, "check", "m.py", "--select", "ML214").out
    assert "class 'Config': document the fields 'steps' under Attributes" in text
    assert "class 'Legacy': document the fields 'size', 'shape' under Attributes" in text
    write(tmp_path, "pyproject.toml", "[tool.ml-lint.docstrings]\ncheck-attributes = false\n")
    assert findings(tmp_path, capsys, files, select="ML214") == []


def test_placeholders_are_reported_until_filled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every TODO: describe in any docstring (private ones too) is reported where it is."""
    source = '''
        """Module. TODO: describe the module."""


        class C:
            """C.

            Attributes:
                size: TODO: describe size.
            """

            def _private(self, x: int) -> int:
                """P.

                Args:
                    x (int): TODO: describe x. And TODO: describe more.

                Returns:
                    TODO: describe the return value.
                """
                return x

        TEXT = "TODO: describe nothing: not a docstring"


        def explain() -> None:
            """Write ``TODO: describe x.`` where a description is missing; `TODO: describe` too."""
    '''
    found = findings(tmp_path, capsys, {"m.py": source}, select="ML215")
    positions = [(line, column) for _, _, line, column in found]
    assert positions == [(1, 12), (8, 15), (15, 22), (15, 44), (18, 13)]
    result = cli(capsys, "check", "m.py", "--select", "ML215")
    assert result.out.startswith(
        "m.py:1:12: ML215 [docstring-placeholder] replace the placeholder "
        "'TODO: describe the module.' with a real description\n"
    )
    assert findings(tmp_path, capsys, {"m.py": source}, select="ML201,ML202,ML203") == []
    filled = source.replace("TODO: describe", "Described")
    assert findings(tmp_path, capsys, {"m.py": filled}, select="ML215") == []


def test_reported_false_positives_stay_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Private parameters, comment-only prompts, "See base class." and script-only code pass."""
    source = '''
        """M."""


        def strip(text: str, _table: dict[int, None] | None = None) -> str:
            """Strip control codes.

            Args:
                text: Text.

            Returns:
                The text.

            Examples:
                >>> # a comment is no example
                >>>
                >>> strip("a")
                'a'
            """
            return text


        class Backend:
            """Backend."""

            def get(self, key: str) -> str:
                """See base class."""
                return key


        if __name__ == "__main__":

            def demo(x):
                return x
    '''
    assert (
        findings(tmp_path, capsys, {"m.py": source}, select="ML201,ML202,ML203,ML206,ML212") == []
    )
    broken = source.replace(">>> # a comment is no example", ">>> strip(")
    found = findings(tmp_path, capsys, {"m.py": broken}, select="ML212")
    assert [code for _, code, _, _ in found] == ["ML212"]  # a real example is still checked


def test_cleandoc_matches_inspect_of_python_3_11() -> None:
    """The docstring cleaner gives what Python 3.11's inspect.cleandoc gives, on every version.

    Python 3.13's cleandoc strips only spaces; the checks must read docstrings the same way
    whatever Python runs them, so the expected result is computed as 3.11 does it.
    """
    import random
    import sys

    from ml_lint.docstring import cleandoc

    def cleandoc_311(doc: str) -> str:  # Python 3.11's inspect.cleandoc, verbatim in effect
        lines = doc.expandtabs().split("\n")
        margin = sys.maxsize
        for line in lines[1:]:
            content = len(line.lstrip())
            if content:
                margin = min(margin, len(line) - content)
        lines[0] = lines[0].lstrip()
        if margin < sys.maxsize:
            lines[1:] = [line[margin:] for line in lines[1:]]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        return "\n".join(lines)

    pieces = ["", " ", "  ", "\t", "x", "Args:", "\n", "\n", "\n   ", "\u3000", "a b", "\x0b"]
    rng = random.Random(0)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    texts += ["Summary.\n\n    Args:\n        x: An input.\n    ", "\n\n  Indented.\n   More.\n"]
    for text in texts:
        assert cleandoc(text) == cleandoc_311(text), repr(text)
    if sys.version_info < (3, 13):
        import inspect

        assert all(cleandoc(text) == inspect.cleandoc(text) for text in texts)


@pytest.mark.parametrize(
    "source",
    [
        # A list item at the entries' indentation is no entry: "s3://..." names no `s3`.
        '''
        def load(path: str) -> None:
            """Load a run.

            Args:
                path: Where the run is, one of:
                - s3://bucket/path
                - name:version
            """
        ''',
        # A summary that starts with "Yields" stands for the section, as "Returns" does.
        '''
        from collections.abc import Iterator


        def pod_specs(text: str) -> Iterator[str]:
            """Yields every pod spec in a manifest.

            Args:
                text: The manifest.
            """
            yield from text.split("---")
        ''',
        # A property's setter is documented by its getter.
        '''
        class Node:
            """A node."""

            @property
            def is_output(self) -> bool:
                """Whether the node is an output."""
                return True

            @is_output.setter
            def is_output(self, value: bool) -> None:
                """Set it."""
                if not isinstance(value, bool):
                    raise TypeError(value)
        ''',
        # A default implementation's `return None` does not undo a documented Returns.
        '''
        from typing import Any


        class Base:
            """A base."""

            def run_id(self) -> Any:
                """The id of the active run.

                Returns:
                    The id, or None when no run is active.
                """
                return None
        ''',
        # "optional" alone, or "string", is no type to disagree with the annotation.
        '''
        def open_uri(uri: str | None = None, mode: str = "r") -> None:
            """Open a URI.

            Args:
                uri (optional): The URI.
                mode (string, optional): The mode.
            """
        ''',
        # The function's name before a parenthesised remark is prose, not its signature.
        '''
        def members() -> list[str]:
            """List the members (users and teams) of the project.

            Returns:
                Their names.
            """
            return []
        ''',
    ],
    ids=["list-items", "yields-summary", "setter", "return-none", "optional-type", "name-paren"],
)
def test_google_style_that_is_no_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    """Patterns of real Google-style code that the rules must accept."""
    assert (
        findings(tmp_path, capsys, {"m.py": '"""M."""\n' + textwrap.dedent(source)}, select="ML2")
        == []
    )


def test_a_docstring_a_decorator_writes_is_not_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``@copy_docstring(...)`` and the like give the function its docstring at runtime."""
    source = """\
        \"\"\"M.\"\"\"
        from helpers import copy_docstring


        class Child:
            \"\"\"A child.\"\"\"

            @copy_docstring(object.__init__)
            def refresh(self) -> None:
                pass

            def plain(self) -> None:
                pass
    """
    assert findings(tmp_path, capsys, {"m.py": source}) == [("m.py", "ML201", 12, 5)]  # plain


def test_a_class_whose_docstring_a_decorator_writes_is_documented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``@auto_docstring`` on a class (transformers) documents it, and so its ``__init__``;
    an undecorated class beside it is still reported, with its ``__init__``."""
    source = """\
        \"\"\"M.\"\"\"
        from transformers.utils import auto_docstring


        @auto_docstring
        class Model:
            def __init__(self, x: int) -> None:
                self.x = x


        class Plain:
            def __init__(self, x: int) -> None:
                self.x = x
    """
    assert findings(tmp_path, capsys, {"m.py": source}) == [
        ("m.py", "ML201", 11, 1),
        ("m.py", "ML201", 12, 5),
    ]
