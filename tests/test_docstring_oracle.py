"""The docstring style rules agree with ``pydocstyle --convention=google`` on real code.

pydocstyle (6.3) is the oracle. It runs on a corpus of real files that nobody here wrote
(``tests/data/docstring_corpus``: MIT-licensed modules of rich 13.9.4 and textual 0.86.3,
with their licences; set ``ML_LINT_DOCSTRING_CORPUS`` to a directory to check a bigger one
too), with the codes ``--convention=google`` selects and ``# noqa`` comments ignored
(ml-lint has its own suppression comments). ml-lint runs on the same files with the style
rules, ML201 and ML203 (what D100-D107 and D417 map to) and ML011 (D206) selected, and
ML201's exemptions that pydocstyle does not have turned off.

pydocstyle reports each finding at its definition's docstring (or ``def`` line when it
has none); ml-lint's findings, which point at the line concerned, are mapped to the same
place. The two are compared as counts per file, place and rule. Every disagreement must be
one of the documented deliberate choices in ``DELIBERATE``, recognized by its predicate;
any other fails the test. ``python tests/test_docstring_oracle.py [DIR]`` prints the
agreement table.
"""

from __future__ import annotations

import ast
import bisect
import contextlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from ml_lint.checks import docstring_style, docstrings
from ml_lint.cli import main
from ml_lint.source import SourceFile, project_relpath

pydocstyle_checker = pytest.importorskip("pydocstyle.checker")
violations = pytest.importorskip("pydocstyle.violations")

CORPUS = Path(__file__).parent / "data" / "docstring_corpus"

# pydocstyle code -> ml-lint code. D410 (no blank line after a section) is the same missing
# line as D411 on the next section, which is what ML238 reports: it is checked apart. D302
# (u""" for Unicode) is never reported by pydocstyle 6.3.
MAPPING = {
    **{f"D10{digit}": "ML201" for digit in range(8)},
    "D200": "ML221",
    "D201": "ML222",
    "D202": "ML223",
    "D205": "ML228",
    "D206": "ML011",
    "D207": "ML232",
    "D208": "ML233",
    "D209": "ML234",
    "D210": "ML226",
    "D211": "ML222",
    "D212": "ML227",
    "D214": "ML235",
    "D300": "ML224",
    "D301": "ML225",
    "D402": "ML231",
    "D403": "ML230",
    "D405": "ML236",
    "D411": "ML238",
    "D412": "ML239",
    "D414": "ML240",
    "D415": "ML229",
    "D416": "ML237",
    "D417": "ML203",
    "D418": "ML241",
    "D419": "ML220",
}
IMPLIED = {"D410": "D411"}
NEVER_REPORTED = {"D302"}
# ML242 (a NumPy-style docstring) has no pydocstyle code to compare with.
OWN_CODES = {"ML242"}
SELECT = "ML201,ML203,ML011," + ",".join(sorted(docstring_style.CODES - OWN_CODES))
CONFIG = """\
[tool.ml-lint]
[tool.ml-lint.docstrings]
exempt-tests = false
exempt-magic-methods = false
init-documented-on-class = false
forward-documented-on-class = false
"""
MODULE = 0  # the place of a module's own findings


class Found(NamedTuple):
    """One finding, at the place the comparison uses."""

    path: str
    place: int
    code: str
    message: str


Key = tuple[str, int, str]


def test_the_mapping_covers_the_google_convention() -> None:
    """Every code --convention=google selects is mapped, implied or never reported."""
    google = set(violations.conventions.google)
    assert google == set(MAPPING) | set(IMPLIED) | NEVER_REPORTED
    mapped = set(MAPPING.values()) - {"ML201", "ML203", "ML011"}
    assert mapped == set(docstring_style.CODES) - OWN_CODES


@pytest.mark.parametrize(
    "corpus",
    [
        pytest.param(CORPUS, id="committed"),
        pytest.param(
            Path(os.environ.get("ML_LINT_DOCSTRING_CORPUS", "/nonexistent")),
            id="ML_LINT_DOCSTRING_CORPUS",
            marks=pytest.mark.skipif(
                not os.environ.get("ML_LINT_DOCSTRING_CORPUS"),
                reason="set ML_LINT_DOCSTRING_CORPUS to check another corpus",
            ),
        ),
    ],
)
def test_style_agrees_with_pydocstyle(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per file, place and rule, ml-lint and pydocstyle agree but for deliberate choices."""
    if not corpus.is_dir() or not any(corpus.rglob("*.py")):
        pytest.skip(f"no corpus at {corpus}")
    monkeypatch.chdir(corpus)
    result = compare(corpus, tmp_path)
    assert not result.unexplained, "\n".join(result.unexplained)
    assert result.agreed > 0


def test_private_modules_are_what_ml_lint_makes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The oracle's private-module exemption is ml-lint's: by the path in the file's project."""
    monkeypatch.chdir(tmp_path)
    undocumented = "def run() -> None:\n    pass\n"
    (tmp_path / "_work" / "proj" / "pkg").mkdir(parents=True)
    (tmp_path / "_work" / "proj" / "setup.py").write_text("", encoding="utf-8")
    files = ["_work/proj/pkg/api.py", "_work/proj/pkg/_impl.py", "_work/loose.py"]
    for path in files:
        (tmp_path / path).write_text(undocumented, encoding="utf-8")
    places = Places(tmp_path)
    found = ml_lint_findings(files, places, tmp_path)
    reported = {each.path for each in found if each.code == "ML201" and "'run'" in each.message}
    assert reported == {"_work/proj/pkg/api.py"}  # the project under _work is no private one
    for path in files:
        context = Context((path, 1, "ML201"), "pydocstyle", places, [], False)
        assert _private_module(context) == (path not in reported), path


class Comparison(NamedTuple):
    """The counts per rule and what explains each disagreement."""

    table: dict[str, tuple[int, int, int]]
    reasons: Counter[str]
    unexplained: list[str]
    agreed: int


def compare(corpus: Path, tmp_path: Path) -> Comparison:
    """Run both tools on ``corpus`` (the current directory) and compare their findings."""
    files = sorted(str(path.relative_to(corpus)) for path in corpus.rglob("*.py"))
    places = Places(tmp_path)
    stock = pydocstyle_findings(files, places)
    google_sections = pydocstyle_findings(files, places, numpy_detour=False)
    ours = ml_lint_findings(files, places, tmp_path)
    implied = [found for found in stock if found.code in IMPLIED]
    theirs = [found for found in stock if found.code not in IMPLIED]
    unexplained = _check_implied(implied, theirs)
    wanted = Counter((f.path, f.place, MAPPING[f.code]) for f in theirs)
    alternative = Counter(
        (f.path, f.place, MAPPING[f.code]) for f in google_sections if f.code not in IMPLIED
    )
    got = Counter((f.path, f.place, f.code) for f in ours)
    messages: dict[Key, list[str]] = {}
    for found in [*theirs, *ours]:
        messages.setdefault((found.path, found.place, _code(found.code)), []).append(found.message)
    table: dict[str, tuple[int, int, int]] = {}
    reasons: Counter[str] = Counter()
    for code in sorted({key[2] for key in wanted} | {key[2] for key in got}):
        both = only_theirs = only_ours = 0
        for key in sorted({k for k in wanted if k[2] == code} | {k for k in got if k[2] == code}):
            both += min(wanted[key], got[key])
            only_theirs += max(wanted[key] - got[key], 0)
            only_ours += max(got[key] - wanted[key], 0)
            if wanted[key] == got[key]:
                continue
            side = "pydocstyle" if wanted[key] > got[key] else "ml-lint"
            context = Context(
                key, side, places, messages.get(key, []), alternative[key] == got[key]
            )
            reason = next(
                (r.name for r in DELIBERATE if r.code == code and r.applies(context)), None
            )
            if reason is None:
                unexplained.append(
                    f"{key[0]}:{key[1]} {code}: pydocstyle {wanted[key]}, ml-lint {got[key]} "
                    f"{messages.get(key, [])}"
                )
            else:
                reasons[reason] += abs(wanted[key] - got[key])
        table[code] = (both, only_theirs, only_ours)
    agreed = sum(both for both, _, _ in table.values())
    return Comparison(table, reasons, unexplained, agreed)


def _code(code: str) -> str:
    return MAPPING.get(code, code)


def _check_implied(implied: list[Found], theirs: list[Found]) -> list[str]:
    """Each D410 is matched by a D411 in the same docstring (the next section's)."""
    have = Counter((f.path, f.place, f.code) for f in theirs)
    need = Counter((f.path, f.place, IMPLIED[f.code]) for f in implied)
    return [f"{key}: D410 without the D411 that ML238 reports" for key in need - have]


def pydocstyle_findings(files: list[str], places: Places, numpy_detour: bool = True) -> list[Found]:
    """pydocstyle's google-convention findings; ``numpy_detour=False`` stops it from
    reading a docstring's sections as NumPy ones (and skipping the Google checks) when
    it has a NumPy section name such as ``Returns``."""
    checker = pydocstyle_checker.ConventionChecker
    found = []
    with contextlib.ExitStack() as stack:
        if not numpy_detour:
            stack.enter_context(_patched(checker, "_check_numpy_sections", _no_numpy))
        for error in pydocstyle_checker.check(
            files, select=violations.conventions.google, ignore_inline_noqa=True
        ):
            code = getattr(error, "code", None)
            assert code is not None, f"pydocstyle failed: {error}"
            definition = error.definition
            module = type(definition).__name__ in ("Module", "Package")
            place = MODULE if module and code in ("D100", "D104") else error.line
            places.pydocstyle[(error.filename, place)] = definition
            found.append(Found(error.filename, place, code, error.message))
    return found


def _no_numpy(self: Any, lines: Any, definition: Any, docstring: Any) -> Iterator[Any]:
    return False
    yield


@contextlib.contextmanager
def _patched(owner: Any, name: str, value: Callable[..., Any]) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def ml_lint_findings(files: list[str], places: Places, tmp_path: Path) -> list[Found]:
    """ml-lint's findings, each at its docstring (or ``def`` line) as pydocstyle reports."""
    config = tmp_path / "pyproject.toml"
    config.write_text(CONFIG, encoding="utf-8")
    report = tmp_path / "report.json"
    args = ["check", "--config", str(config), "--select", SELECT, "--jobs", "1"]
    code = main([*args, "--format", "json", "--output-file", str(report), *files])
    assert code in (0, 1)
    found = []
    # Paths are relative to the repository the corpus is in, if any: make them the same as
    # pydocstyle's, relative to the corpus.
    by_suffix = {path: path for path in files}
    for item in json.loads(report.read_text(encoding="utf-8")):
        line, message = item["line"], item["message"]
        path = by_suffix.get(item["path"]) or next(
            f for f in files if item["path"].endswith("/" + f)
        )
        if item["code"] == "ML201" and message.startswith("public module"):
            place = MODULE
        else:
            place = places.place(path, line)
        if item["code"] == "ML011" and not places.in_docstring(path, line):
            continue  # D206 is about docstrings only
        found.append(Found(path, place, item["code"], message))
    # ML011 flags every line; D206 is once per docstring.
    seen = set()
    unique = []
    for each in found:
        key = (each.path, each.place, each.code)
        if each.code == "ML011" and key in seen:
            continue
        seen.add(key)
        unique.append(each)
    return unique


class Definition(NamedTuple):
    """A definition of a corpus file, as the predicates see it."""

    node: ast.AST
    kind: str
    literal: docstring_style.Literal | None
    parents: tuple[ast.AST, ...]


class Places:
    """Where each file's definitions and docstrings are, read once per file.

    ``base`` is the directory of the configuration ml-lint runs with (``ml_lint_findings``
    writes it there): no directory above it is a project's root.
    """

    def __init__(self, base: Path) -> None:
        self.base = str(base)
        self.files: dict[str, tuple[dict[int, Definition], list[int], list[tuple[int, int]]]] = {}
        self.pydocstyle: dict[tuple[str, int], Any] = {}

    def read(self, path: str) -> tuple[dict[int, Definition], list[int], list[tuple[int, int]]]:
        """Definitions by place and by ``def`` line, and the docstrings' line spans."""
        if path not in self.files:
            source = SourceFile(path, path)
            by_place: dict[int, Definition] = {}
            spans = []
            for node, kind, parents in _walk(source.tree):
                literal = docstring_style.docstring_literal(source, node)  # type: ignore[arg-type]
                definition = Definition(node, kind, literal, parents)
                if kind == "module":
                    by_place[MODULE] = definition
                else:
                    by_place[-getattr(node, "lineno", 0)] = definition  # the def line
                if literal is not None:
                    by_place[literal.line] = definition
                    end = literal.line + literal.raw.count("\n")
                    spans.append((literal.line, end))
            spans.sort()
            self.files[path] = (by_place, [start for start, _ in spans], spans)
        return self.files[path]

    def place(self, path: str, line: int) -> int:
        """The place of a finding on ``line``: its definition's docstring or ``def`` line."""
        by_place, starts, _ = self.read(path)
        definition = by_place.get(-line)
        if definition is not None:
            literal = definition.literal
            return literal.line if literal is not None else line
        index = bisect.bisect_right(starts, line) - 1
        return starts[index] if index >= 0 else line

    def in_docstring(self, path: str, line: int) -> bool:
        """Whether ``line`` is a line of a docstring."""
        _, starts, spans = self.read(path)
        index = bisect.bisect_right(starts, line) - 1
        return index >= 0 and spans[index][0] <= line <= spans[index][1]

    def definition(self, path: str, place: int) -> Definition | None:
        """The definition whose findings are at ``place``."""
        by_place, _, _ = self.read(path)
        return by_place.get(place) or by_place.get(-place)


def _walk(tree: ast.Module) -> Iterator[tuple[ast.AST, str, tuple[ast.AST, ...]]]:
    yield tree, "module", ()
    stack: list[tuple[list[ast.stmt], tuple[ast.AST, ...]]] = [(tree.body, ())]
    while stack:
        body, parents = stack.pop()
        for statement in body:
            if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                kind = "class" if isinstance(statement, ast.ClassDef) else "function"
                yield statement, kind, parents
                stack.append((statement.body, (*parents, statement)))
                continue
            for field in ("body", "orelse", "finalbody"):
                block = getattr(statement, field, None)
                if block:
                    stack.append((block, parents))
            for handler in getattr(statement, "handlers", ()):
                stack.append((handler.body, parents))


class Context(NamedTuple):
    """One disagreement: where, which side reports more, and what both said."""

    key: Key
    side: str
    places: Places
    messages: list[str]
    google_sections_agree: bool

    @property
    def definition(self) -> Definition | None:
        """The definition the findings are about."""
        return self.places.definition(self.key[0], self.key[1])

    @property
    def decorators(self) -> list[str]:
        """The decorators' names, without their module (``typing.overload`` is ``overload``)."""
        definition = self.definition
        if definition is None:
            return []
        names = []
        for decorator in getattr(definition.node, "decorator_list", []):
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            names.append(ast.unparse(target).rsplit(".", 1)[-1])
        return names


class Deliberate(NamedTuple):
    """A documented choice to differ from pydocstyle, and how to recognize it."""

    name: str
    code: str
    reason: str
    applies: Callable[[Context], bool]


def _private_module(context: Context) -> bool:
    """Whether ml-lint reads the file as a private module: its own rule, on its path."""
    path = context.key[0]
    return docstrings.private_module(project_relpath(SourceFile(path, path), context.places.base))


def _empty_module(context: Context) -> bool:
    definition = context.definition
    if context.key[1] != MODULE or definition is None:
        return False
    return isinstance(definition.node, ast.Module) and not definition.node.body


def _not_public(context: Context) -> bool:
    """Private or nested for ML203: a name with an underscore, in a function or private
    class, or a module outside ``__all__``; pydocstyle's D417 checks every function."""
    definition = context.definition
    if definition is None or _private_module(context):
        return definition is not None
    named = [definition.node, *definition.parents]
    if any(isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) for parent in named[1:]):
        return True
    for node in named:
        name = getattr(node, "name", "")
        if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
            return True
    return False


def _under_main_guard(context: Context) -> bool:
    """The definition sits in a module-level ``if __name__ == "__main__":`` block."""
    definition = context.definition
    if definition is None or context.side != "pydocstyle":
        return False
    line = getattr(definition.node, "lineno", 0)
    tree = ast.parse(Path(context.key[0]).read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.If)
        and ast.unparse(node.test) in ("__name__ == '__main__'", "'__main__' == __name__")
        and node.lineno <= line <= (node.end_lineno or 0)
        for node in tree.body
    )


def _missing_names(messages: list[str]) -> set[str]:
    names: set[str] = set()
    for message in messages:
        if message.startswith("document "):  # ml-lint's; pydocstyle's quote the function
            names |= set(re.findall(r"'(\w+)'", message.split(" of ")[0]))
        found = re.search(r"argument\(s\) ([\w, ]+) are missing", message)
        if found:
            names |= {name.strip() for name in found[1].split(",")}
    return names


def _skipped_parameters(context: Context) -> bool:
    """Every parameter ML203 asks for is one D417 never asks for: positional-only,
    ``*args``, ``**kwargs`` or named with a leading underscore."""
    definition = context.definition
    if definition is None or context.side != "ml-lint" or _is_class(context):
        return False
    arguments = definition.node.args  # type: ignore[attr-defined]
    skipped = {arg.arg for arg in arguments.posonlyargs}
    skipped |= {arg.arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None}
    names = _missing_names([m for m in context.messages if m.startswith("document ")])
    return bool(names) and all(name in skipped or name.startswith("_") for name in names)


def _is_class(context: Context) -> bool:
    return context.definition is not None and isinstance(context.definition.node, ast.ClassDef)


def _no_args_section(context: Context) -> bool:
    """The docstring has no Args section that pydocstyle reads; ML203 still asks for the
    parameters (a docstring without Args documents none)."""
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "ml-lint":
        return False
    raw_lines = definition.literal.raw.split("\n")
    names = {s.name.lower() for s in docstring_style.find_sections(raw_lines, '"""')}
    return not names & {"args", "arguments"}


def _documented_elsewhere(context: Context) -> bool:
    """The parameters D417 misses are documented where ML203 reads them too: in a
    ``Keyword Args`` or ``Other Parameters`` section, or in entries pydocstyle cannot read."""
    from ml_lint import docstring

    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    parsed = docstring.parse(_clean(definition.literal.value))
    documented = {e.name.lstrip("*") for s in parsed.sections.values() for e in s.entries}
    names = _missing_names([m for m in context.messages if "missing descriptions" in m])
    return bool(names) and names <= documented


ARGS_TITLES = ("args", "arguments", "parameters", "params")


def _args_title_lines(context: Context) -> list[tuple[int, str]] | None:
    """(number, line) of each line of the cleaned docstring that names Args, as a title would.

    None unless ml-lint reports parameters missing and pydocstyle does not.
    """
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "ml-lint":
        return None
    lines = _clean(definition.literal.value).split("\n")
    return [
        (number, line)
        for number, line in enumerate(lines)
        if line.strip().rstrip(":").lower() in ARGS_TITLES
    ]


def _args_title_without_colon(context: Context) -> bool:
    """``Args`` without its colon: no title for ML203 (ML237 asks for the colon)."""
    titles = _args_title_lines(context)
    return bool(titles) and all(not line.rstrip().endswith(":") for _, line in titles or [])


def _args_out_of_place(context: Context) -> bool:
    """An Args title indented past the docstring's text, or entries not indented under it."""
    definition = context.definition
    titles = _args_title_lines(context)
    if not titles or definition is None or definition.literal is None:
        return False
    lines = _clean(definition.literal.value).split("\n")
    for number, line in titles:
        following = [text for text in lines[number + 1 :] if text.strip()]
        if line[:1] == " " or (following and following[0][:1] != " "):
            return True
    return False


def _colonless_entries(context: Context) -> bool:
    """Every parameter ML203 asks for has a line without the colon an entry needs, or is one
    D417 skips (``**kwargs``)."""
    from ml_lint import docstring

    definition = context.definition
    if definition is None or definition.literal is None or context.side != "ml-lint":
        return False
    args = docstring.parse(_clean(definition.literal.value)).sections.get("Args")
    arguments = definition.node.args  # type: ignore[attr-defined]
    skipped = {arg.arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None}
    names = _missing_names([m for m in context.messages if m.startswith("document ")])
    colonless = set(args.colonless) if args else set()
    return bool(names & colonless) and names <= colonless | skipped


def _args_title_repeats(context: Context) -> bool:
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    lines = _clean(definition.literal.value).split("\n")
    return sum(line.strip().lower() in ("args:", "arguments:") for line in lines) > 1


def _clean(value: str) -> str:
    import inspect

    return inspect.cleandoc(value)


def _content_on_closing_line(context: Context) -> bool:
    definition = context.definition
    if definition is None or definition.literal is None:
        return False
    last = definition.literal.raw.split("\n")[-1].strip()
    return context.side == "pydocstyle" and last.strip("\"'") != ""


def _comment_after_docstring(context: Context) -> bool:
    definition = context.definition
    if context.side != "pydocstyle" or definition is None or definition.literal is None:
        return False
    first: ast.stmt = definition.node.body[0]  # type: ignore[attr-defined]
    end_line, end_column = first.end_lineno or first.lineno, first.end_col_offset or 0
    lines = Path(context.key[0]).read_text(encoding="utf-8").splitlines()
    if "#" in lines[end_line - 1][end_column:]:
        return True
    # A comment above the inner definition, after the blank line.
    after = [line.strip() for line in lines[end_line:] if line.strip()]
    return bool(after) and after[0].startswith("#")


def _escaped(context: Context) -> bool:
    from ml_lint import docstring

    definition = context.definition
    if definition is None or definition.literal is None or context.side != "ml-lint":
        return False
    raw = definition.literal.raw
    if "\\" not in raw or raw.lstrip("uU").startswith(("r", "R")):
        return False
    return "Args" not in docstring.parse(_clean(definition.literal.value)).sections


def _capitalized_inside(context: Context) -> bool:
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    return definition.literal.value.split()[0][:1].isupper()


def _signature_summary(context: Context) -> bool:
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    from ml_lint.checks.docstring_style import SIGNATURE

    lines = definition.literal.value.strip().splitlines()
    return bool(lines) and SIGNATURE.match(lines[0].strip()) is not None


def _name_then_spaced_parenthesis(context: Context) -> bool:
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    name = getattr(definition.node, "name", "")
    lines = definition.literal.value.strip().splitlines()
    summary = lines[0] if lines else ""
    return f"{name}(" not in summary and f"{name}(" in summary.replace(" ", "")


def _click_markers(context: Context) -> bool:
    """The docstring's only backslashes are click's ``\\b`` and ``\\f`` lines, and doubled ones."""
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    raw = definition.literal.raw
    unmarked = docstring_style.CLICK_MARKER.sub("", raw)
    undoubled = unmarked.replace("\\\\", "")  # the others are doubled, as ML225 asks
    return unmarked != raw and docstring_style.BACKSLASH.search(undoubled) is None


def _uppercase_raw(context: Context) -> bool:
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    return definition.literal.raw.lstrip("uU").startswith("R")


def _title_after_deeper_line(context: Context) -> bool:
    """A section title with its colon right after a line indented deeper, such as an entry."""
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "ml-lint":
        return False

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    return any(
        section.previous.strip()
        and not section.previous.strip().endswith(docstring_style.END_OF_PARAGRAPH)
        and indent(section.previous) > indent(section.line)
        for section in docstring_style.find_sections(definition.literal.raw.split("\n"), "")
    )


def _backslash_at_line_end(context: Context) -> bool:
    """A line ends in a backslash that continues nothing: escaped (`\\\\`) or in a raw string."""
    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    raw = definition.literal.raw
    if raw.lstrip("uU")[:1] in ("r", "R"):
        return "\\\n" in raw
    return re.search(r"(?<!\\)(?:\\\\)+\n", raw) is not None


def _numpy_docstring(context: Context) -> bool:
    """A NumPy-style docstring (underlined titles), which ML242 reports once."""
    from ml_lint.docstring import numpy_titles

    definition = context.definition
    if definition is None or definition.literal is None or context.side != "pydocstyle":
        return False
    return bool(numpy_titles(definition.literal.raw))


def _docstring_in_brackets(context: Context) -> bool:
    """The docstring is strings in brackets: ``(`` alone on the line before the first one."""
    definition = context.definition
    if definition is None or definition.literal is None:
        return False
    lines = Path(context.key[0]).read_text(encoding="utf-8").splitlines()
    line = definition.literal.line
    return line >= 2 and lines[line - 2].strip() == "("


GOOGLE_SECTIONS = tuple(
    Deliberate(
        "google-sections",
        code,
        "Sections are always read as Google sections. pydocstyle switches to its NumPy "
        "section checks, and skips the Google ones, as soon as a docstring has a NumPy "
        "section name (Returns, Raises, Examples, ...) as a title. Recognized by running "
        "pydocstyle again without that detour: it then agrees with ml-lint.",
        lambda context: context.google_sections_agree,
    )
    for code in ("ML203", "ML235", "ML236", "ML237", "ML238", "ML239", "ML240")
)
DELIBERATE = (
    *GOOGLE_SECTIONS,
    *(
        Deliberate(
            "numpy-docstring",
            code,
            "A NumPy-style docstring gets one finding, ML242 (rewrite it in Google style, "
            "which --fix does where it can), and no section rule: read as Google sections, "
            "every underlined title would be misread. pydocstyle, kept on its Google checks "
            "here, reports the titles one by one.",
            _numpy_docstring,
        )
        for code in ("ML235", "ML236", "ML237", "ML238", "ML239", "ML240")
    ),
    Deliberate(
        "ml201-setter",
        "ML201",
        "A property's setter or deleter is documented by its getter, also when written "
        "`@Base.prop.setter`; pydocstyle exempts only `@prop.setter`.",
        lambda context: (
            context.side == "pydocstyle" and bool({"setter", "deleter"} & set(context.decorators))
        ),
    ),
    *(
        Deliberate(
            "title-after-an-entry",
            code,
            "`Raises:` right after the last Args entry (`path: The path`, indented deeper, "
            "with no blank line between) is a section title, as Google style's own parser "
            "reads it; pydocstyle takes it for text unless the line before ends a sentence, "
            "and so misses the blank line before it (D411) and what the section holds.",
            _title_after_deeper_line,
        )
        for code in ("ML236", "ML237", "ML238", "ML239", "ML240")
    ),
    Deliberate(
        "backslash-continues-nothing",
        "ML233",
        "A line ending in an escaped backslash (`\\\\`), or any backslash in a raw string, "
        "continues nothing: the next line is a line of its own, indented as it is. "
        "pydocstyle joins it to the line before and reports the closing quotes' line as "
        "over-indented.",
        _backslash_at_line_end,
    ),
    Deliberate(
        "name-then-parenthesis",
        "ML231",
        "Only the name right before `(` repeats a signature: `The owner (class) where ...` "
        "is prose. pydocstyle removes every space before it looks, so it reports that; "
        "ruff's D402 no longer does.",
        _name_then_spaced_parenthesis,
    ),
    Deliberate(
        "signature-summary",
        "ML229",
        "A summary that is a signature, `relu(x) -> Tensor`, as Sphinx's autodoc reads one, "
        "takes no period: one would become part of the return type.",
        _signature_summary,
    ),
    Deliberate(
        "section-content-on-closing-line",
        "ML240",
        "The last section's content may share a line with the closing quotes; pydocstyle "
        "never reads the last line as content and reports the section as empty (ML234 "
        "reports the closing quotes).",
        _content_on_closing_line,
    ),
    Deliberate(
        "section-content-on-closing-line",
        "ML203",
        "The same for D417: pydocstyle does not read an Args entry on the closing quotes' line.",
        _content_on_closing_line,
    ),
    Deliberate(
        "ml203-reads-the-value",
        "ML203",
        "ML203 reads the docstring's value, pydocstyle its source: an escape such as `\\n` "
        "in a docstring that is not raw breaks its lines, and the Args section that "
        "pydocstyle sees in the source is not one in the value. ML225 reports the escape.",
        _escaped,
    ),
    Deliberate(
        "capitalized-inside",
        "ML230",
        "A first word that starts with a capital is capitalized (PyTorch, GPUs); pydocstyle "
        "wants the rest in lowercase too.",
        _capitalized_inside,
    ),
    Deliberate(
        "comment-after-docstring",
        "ML223",
        "One blank line may separate a docstring from an inner def; a comment after the "
        "closing quotes (a suppression) or above the def does not change that, as in ruff's "
        "D202. pydocstyle reads the comment as code after the docstring.",
        _comment_after_docstring,
    ),
    Deliberate(
        "uppercase-raw-prefix",
        "ML225",
        'R"""...""" is a raw string as much as r"""..."""; pydocstyle accepts only r.',
        _uppercase_raw,
    ),
    Deliberate(
        "click-markers",
        "ML225",
        "A line of click's `\\b` (keep the paragraph's lines) or `\\f` (end the help text) "
        "needs the escape: a raw string would make it text. pydocstyle asks for one, also "
        "where the other backslashes are doubled, as ML225 then asks.",
        _click_markers,
    ),
    Deliberate(
        "ml201-main-guard",
        "ML201",
        'What a script defines under `if __name__ == "__main__":` is not importable API, so '
        "it is not public for ML201; pydocstyle reports it.",
        _under_main_guard,
    ),
    Deliberate(
        "ml201-private-module",
        "ML201",
        "Definitions in a private module (_impl.py, or under a _private package) are "
        "private for ML201; pydocstyle exempts only the module's own docstring.",
        lambda context: context.side == "pydocstyle" and _private_module(context),
    ),
    Deliberate(
        "ml201-empty-module",
        "ML201",
        "An empty file (an empty __init__.py) needs no docstring.",
        lambda context: context.side == "pydocstyle" and _empty_module(context),
    ),
    Deliberate(
        "ml201-overload",
        "ML201",
        "Every @overload stub is exempt, magic methods, @typing.overload and torch.jit's "
        "@_overload included; pydocstyle reports overloaded magic methods (D105), "
        "@typing.overload stubs and other names.",
        lambda context: (
            context.side == "pydocstyle"
            and any(name.lstrip("_").startswith("overload") for name in context.decorators)
        ),
    ),
    *(
        Deliberate(
            "docstring-in-brackets",
            code,
            "Strings concatenated in brackets as a definition's first statement are its "
            "docstring, as Python sets `__doc__`; pydocstyle does not read a docstring in "
            "brackets, so reports none (ML201) and no indentation (ML232).",
            _docstring_in_brackets,
        )
        for code in ("ML201", "ML232")
    ),
    Deliberate(
        "ml201-override",
        "ML201",
        "@override methods are documented where they are first defined.",
        lambda context: context.side == "pydocstyle" and "override" in context.decorators,
    ),
    Deliberate(
        "ml201-overload-docstring",
        "ML241",
        "@typing.overload is an overload too; pydocstyle matches only a bare @overload.",
        lambda context: context.side == "ml-lint" and "overload" in context.decorators,
    ),
    Deliberate(
        "ml203-no-args-section",
        "ML203",
        "ML203 asks for every parameter of a documented public function, also when the "
        "docstring has no Args section; D417 checks only an Args section that exists.",
        _no_args_section,
    ),
    Deliberate(
        "ml203-public-only",
        "ML203",
        "ML203, like every ML2 content rule, checks public functions only; D417 checks "
        "private and nested functions too.",
        lambda context: context.side == "pydocstyle" and _not_public(context),
    ),
    Deliberate(
        "ml203-all-parameters",
        "ML203",
        "ML203 asks for positional-only parameters, *args, **kwargs and parameters with a "
        "leading underscore too; D417 skips them.",
        _skipped_parameters,
    ),
    Deliberate(
        "ml203-class-documents-init",
        "ML203",
        "A class docstring with Args documents __init__ (when __init__ has no docstring of "
        "its own), so ML203 holds it to __init__'s parameters; D417 checks functions only.",
        lambda context: context.side == "ml-lint" and _is_class(context),
    ),
    Deliberate(
        "ml203-args-title-needs-its-colon",
        "ML203",
        "`Args` without its colon is no section title, as Google style's parser reads it: "
        "ML203 asks for the parameters and ML237 for the colon; pydocstyle reads the "
        "entries under it.",
        _args_title_without_colon,
    ),
    Deliberate(
        "ml203-indentation-is-structure",
        "ML203",
        "A section title is at the docstring's own indentation and its entries are indented "
        "under it: entries written at the title's indentation end the section, and a title "
        "indented past the text (as under merge-conflict markers) is text. pydocstyle reads "
        "a title at any indentation and entries at the title's.",
        _args_out_of_place,
    ),
    Deliberate(
        "ml203-entry-needs-its-colon",
        "ML203",
        "A line `name (type)` without the colon is no entry; ML203 names the parameter and "
        "says that its line lacks the colon. pydocstyle counts the name as documented.",
        _colonless_entries,
    ),
    Deliberate(
        "ml203-first-section-of-a-title",
        "ML203",
        "When a docstring repeats the Args title, the first section is the Args section and "
        "ML203 reports what it lacks once; pydocstyle checks each section on its own.",
        _args_title_repeats,
    ),
    Deliberate(
        "ml203-other-sections",
        "ML203",
        "ML203 reads parameters documented under Keyword Args and Other Parameters, and "
        "Args entries pydocstyle's pattern misses (`name (type):` on a wrapped line, "
        "`*args:`, entries after a first one indented a space deeper); D417 reads only the "
        "Args section's own pattern. ML203 asks for the entry, not its wording: an entry "
        "with no description is there, where D417 wants a description too.",
        _documented_elsewhere,
    ),
)


def _print_table(corpus: Path) -> None:
    import tempfile

    os.chdir(corpus)
    with tempfile.TemporaryDirectory() as scratch:
        result = compare(corpus, Path(scratch))
    reverse: dict[str, list[str]] = {}
    for their, our in MAPPING.items():
        reverse.setdefault(our, []).append(their)
    print("| ml-lint | pydocstyle | both | only pydocstyle | only ml-lint |")
    print("|---|---|--:|--:|--:|")
    for code, (both, theirs, ours) in result.table.items():
        print(f"| {code} | {', '.join(reverse.get(code, []))} | {both} | {theirs} | {ours} |")
    print()
    for reason, count in result.reasons.most_common():
        print(f"{count:5}  {reason}")
    for line in result.unexplained:
        print("UNEXPLAINED", line)


if __name__ == "__main__":
    _print_table(Path(sys.argv[1] if len(sys.argv) > 1 else CORPUS).resolve())
