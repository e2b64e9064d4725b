"""Notebook hygiene (ML301-ML305) and ``check --fix`` on real Jupyter notebook files.

The fixtures in tests/data/notebooks were executed by a real IPython kernel and written by
nbformat (see build.py there). Every test copies them into its own directory first, so
``--fix`` never touches the committed files.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from support import Run, cli, cli_subprocess, init_repo, write

from ml_lint import config as config_module
from ml_lint import engine, notebook
from ml_lint.model import Finding
from ml_lint.source import SourceFile

DATA = Path(__file__).parent / "data"
NOTEBOOKS = DATA / "notebooks"
SCHEMA_PATH = DATA / "sarif-schema-2.1.0.json"
FIXTURES = (
    "executed.ipynb",
    "executed_crlf.ipynb",
    "clean.ipynb",
    "markdown_only.ipynb",
    "empty.ipynb",
    "nbformat3.ipynb",
    "invalid.ipynb",
)
OLD_MTIME_NS = 1_600_000_000 * 10**9  # set on every copy, so any rewrite shows
KEEP_OUTPUT = "keep_output"
NOTEBOOK_NOISE = (("widgets",), ("signature",), ("language_info", "version"))
CELL_NOISE = (
    "ExecuteTime",
    "execution",
    "collapsed",
    "scrolled",
    "heading_collapsed",
    "hidden",
)
NBFORMAT3_MESSAGE = (
    "nbformat 3 is not supported, only 4; convert with "
    "`jupyter nbconvert --to notebook --nbformat 4 --inplace NOTEBOOK`"
)
FIX_STAGED_MESSAGE = "--fix rewrites the work tree, so it cannot be combined with --staged"
ERROR_CELL = 5  # the fixture cell whose output is a KeyError traceback
# Only the hygiene rules: other families (structure, Python rules on code cells) stay out.
PYPROJECT = '[tool.ml-lint]\nselect = ["ML301", "ML302", "ML303", "ML304", "ML305"]\n'

# What executed.ipynb has, cell by cell (1-based, None for the notebook itself).
EXECUTED_FINDINGS: list[tuple[str, int | None]] = [
    ("ML304", None),
    *[(code, cell) for cell in (2, 3, 4) for code in ("ML302", "ML303", "ML304")],
    ("ML302", 5),
    ("ML303", 5),
    ("ML304", 5),
    ("ML305", 5),
    *[(code, cell) for cell in (6, 7, 8) for code in ("ML303", "ML304")],
]


# --- helpers -------------------------------------------------------------------------------


def jupyter_dumps(nb: dict[str, Any]) -> str:
    """``nb`` in Jupyter's on-disk form: one-space indent, sorted keys, UTF-8, final newline."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_nb(path: Path) -> dict[str, Any]:
    """The notebook at ``path`` as plain JSON data."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def fixture_nb(name: str) -> dict[str, Any]:
    """A committed fixture notebook as plain JSON data."""
    return read_nb(NOTEBOOKS / name)


def age(path: Path) -> Path:
    """Give ``path`` an old modification time, so that a rewrite changes it."""
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    """The file's bytes and modification time."""
    return path.read_bytes(), path.stat().st_mtime_ns


def place(root: Path, name: str, nb: dict[str, Any] | str) -> Path:
    """Write a notebook (data in Jupyter's layout, or text as is) under ``root``, aged."""
    text = nb if isinstance(nb, str) else jupyter_dumps(nb)
    return age(write(root, name, text))


def kept(nb: dict[str, Any], cell: dict[str, Any]) -> bool:
    """nbstripout's keep-output opt-in: notebook metadata, cell metadata or cell tag."""
    metadata = cell.get("metadata", {})
    return (
        nb.get("metadata", {}).get(KEEP_OUTPUT) is True
        or metadata.get(KEEP_OUTPUT) is True
        or KEEP_OUTPUT in metadata.get("tags", [])
    )


def code_cells(nb: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The code cells of ``nb``."""
    return (cell for cell in nb["cells"] if cell["cell_type"] == "code")


def null_counts(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy with every execution count (cells and execute_result outputs) set to null."""
    nb = copy.deepcopy(nb)
    for cell in code_cells(nb):
        cell["execution_count"] = None
        for output in cell["outputs"]:
            if "execution_count" in output:
                output["execution_count"] = None
    return nb


def clear_outputs(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy with the outputs of every cell that does not keep them removed."""
    nb = copy.deepcopy(nb)
    for cell in code_cells(nb):
        if not kept(nb, cell):
            cell["outputs"] = []
    return nb


def drop_errors(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy without error outputs."""
    nb = copy.deepcopy(nb)
    for cell in code_cells(nb):
        cell["outputs"] = [o for o in cell["outputs"] if o["output_type"] != "error"]
    return nb


def drop_noise(nb: dict[str, Any], keep_cell: tuple[str, ...] = ()) -> dict[str, Any]:
    """A copy without the default noise metadata, but the cell keys in ``keep_cell``."""
    nb = copy.deepcopy(nb)
    for *parents, last in NOTEBOOK_NOISE:
        table = nb["metadata"]
        for key in parents:
            table = table.get(key, {})
        table.pop(last, None)
    for cell in nb["cells"]:
        for key in CELL_NOISE:
            if key not in keep_cell:
                cell["metadata"].pop(key, None)
    return nb


def fully_cleaned(nb: dict[str, Any]) -> dict[str, Any]:
    """What ``--fix`` with every hygiene rule selected must make of ``nb``."""
    return null_counts(drop_errors(clear_outputs(drop_noise(nb))))


def lint(path: Path, select: list[str] | None = None) -> list[Finding]:
    """The sorted findings for one notebook, through the engine as ``check`` runs it."""
    config = config_module.load(str(path.parent), select=select)
    source = SourceFile(str(path), path.name)
    return engine.check_files([source], engine.Options(config)).findings


def codes_and_cells(findings: list[Finding]) -> list[tuple[str, int | None]]:
    """(code, cell) per finding, in report order (notebook-level findings first)."""
    return sorted(((f.code, f.cell) for f in findings), key=lambda item: (item[1] or 0, item[0]))


def outputs_message(count: int, kinds: str) -> str:
    """ML302's message for ``count`` outputs of ``kinds``."""
    plural = "s" if count != 1 else ""
    return (
        f"{count} output{plural} committed ({kinds}); clear outputs before committing "
        "(--fix), or tag the cell keep_output"
    )


def fix(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """``ml-lint check --fix ARGS`` in-process."""
    return cli(capsys, "check", "--fix", *args)


def sarif_validator() -> jsonschema.Draft7Validator:
    """A Draft 7 validator of the official SARIF 2.1.0 schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def sarif_cell(location: dict[str, Any]) -> int | None:
    """The notebook cell a SARIF location names, in its own or its region's properties."""
    region = location["physicalLocation"].get("region", {})
    cell = location.get("properties", {}).get("cell", region.get("properties", {}).get("cell"))
    assert cell is None or isinstance(cell, int)
    return cell


def with_keep_output(nb: dict[str, Any], how: str, cell: int) -> dict[str, Any]:
    """A copy where cell ``cell`` (1-based) keeps its output through ``how``."""
    nb = copy.deepcopy(nb)
    metadata = nb["cells"][cell - 1]["metadata"]
    if how == "tag":
        metadata["tags"] = [KEEP_OUTPUT]
    elif how == "cell-metadata":
        metadata[KEEP_OUTPUT] = True
    else:
        nb["metadata"][KEEP_OUTPUT] = True
    return nb


def reorder(data: Any) -> Any:
    """``data`` with every object's keys in reverse alphabetical order (not Jupyter's)."""
    if isinstance(data, dict):
        return {key: reorder(data[key]) for key in sorted(data, reverse=True)}
    if isinstance(data, list):
        return [reorder(item) for item in data]
    return data


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with copies of every fixture notebook (aged), as the current directory.

    Its pyproject.toml selects the hygiene rules only, so no outer config applies.
    """
    root = tmp_path / "ws"
    root.mkdir()
    for name in FIXTURES:
        age(Path(shutil.copyfile(NOTEBOOKS / name, root / name)))
    write(root, "pyproject.toml", PYPROJECT)
    monkeypatch.chdir(root)
    return root


# --- the fixtures themselves -----------------------------------------------------------------


def test_fixtures_are_in_jupyters_layout() -> None:
    """The LF fixtures are byte for byte what ``jupyter_dumps`` and nbformat write.

    This makes ``jupyter_dumps`` a faithful stand-in for Jupyter's writer in the tests below,
    and the by-hand cleaning of build.py agrees with the cleaning these tests expect.
    """
    for name in ("executed.ipynb", "clean.ipynb", "markdown_only.ipynb", "empty.ipynb"):
        text = (NOTEBOOKS / name).read_text(encoding="utf-8")
        assert jupyter_dumps(json.loads(text)) == text, name
        assert nbformat.writes(nbformat.reads(text, 4)) + "\n" == text, name
    crlf = (NOTEBOOKS / "executed_crlf.ipynb").read_bytes()
    assert crlf == (NOTEBOOKS / "executed.ipynb").read_bytes().replace(b"\n", b"\r\n")
    assert fully_cleaned(fixture_nb("executed.ipynb")) == fixture_nb("clean.ipynb")


# --- what each rule flags --------------------------------------------------------------------


def test_executed_flags_exactly_the_right_cells(ws: Path) -> None:
    """Each rule flags exactly its cells of executed.ipynb, at ``nb.ipynb:cell N:1:1``."""
    path = ws / "nb.ipynb"
    shutil.copyfile(ws / "executed.ipynb", path)
    found = lint(path)
    assert codes_and_cells(found) == EXECUTED_FINDINGS
    assert [(f.code, f.cell) for f in found] == EXECUTED_FINDINGS  # the engine's own order
    by_key = {(f.code, f.cell): f for f in found}
    assert by_key["ML302", 4].location() == "nb.ipynb:cell 4:1:1"
    assert by_key["ML305", 5].location() == "nb.ipynb:cell 5:1:1"
    assert by_key["ML303", 8].location() == "nb.ipynb:cell 8:1:1"
    assert by_key["ML304", None].location() == "nb.ipynb:1:1"
    assert all((f.line, f.column, f.end_line, f.end_column) == (1, 1, 1, 1) for f in found)
    assert {f.name for f in found} == {
        "notebook-outputs",
        "notebook-execution-count",
        "notebook-metadata-noise",
        "notebook-error-output",
    }


def test_executed_messages_describe_what_is_committed(ws: Path) -> None:
    """Messages name each output type (images by MIME type), the error and the noise keys."""
    messages = {(f.code, f.cell): f.message for f in lint(ws / "executed.ipynb")}
    assert messages["ML302", 2] == outputs_message(1, "stream")
    assert messages["ML302", 3] == outputs_message(1, "execute_result")
    assert messages["ML302", 4] == outputs_message(1, "display_data (image/png)")
    assert messages["ML302", 5] == outputs_message(1, "error")
    assert messages["ML305", 5] == (
        "error output committed (KeyError): fix the error and re-run, or clear it"
    )
    assert messages["ML303", 8] == "execution count committed; clear it (--fix)"
    assert messages["ML304", None] == (
        "notebook metadata that changes on every run: metadata.widgets, "
        "metadata.language_info.version; clear it"
    )
    assert messages["ML304", 2] == (
        "cell metadata that changes on every run: ExecuteTime, execution; clear it"
    )
    assert messages["ML304", 3] == (
        "cell metadata that changes on every run: execution, scrolled; clear it"
    )


@pytest.mark.parametrize("name", ["clean.ipynb", "markdown_only.ipynb", "empty.ipynb"])
def test_clean_notebooks_pass_and_are_not_rewritten(
    ws: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Clean, markdown-only and empty notebooks have no finding; --fix leaves them alone."""
    assert lint(ws / name) == []
    run = cli(capsys, "check", name)
    assert run == Run(0, "All checks passed (1 file checked).\n", "")
    before = snapshot(ws / name)
    assert fix(capsys, name) == Run(
        0, "All checks passed (1 file checked).\n", "ml-lint: fixed 0 problems\n"
    )
    assert snapshot(ws / name) == before


def test_random_cell_ids_without_outputs_are_clean(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A notebook without outputs but with nbformat's random cell ids is clean, never rewritten."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Ids\n\nRandom ids are content."),
            new_code_cell("import math"),
            new_code_cell("print(math.pi)"),
        ]
    )
    path = ws / "ids.ipynb"
    nbformat.write(nb, path)
    age(path)
    ids = [cell["id"] for cell in read_nb(path)["cells"]]
    assert len(set(ids)) == 3 and all(len(cell_id) >= 8 for cell_id in ids)
    assert lint(path) == []
    before = snapshot(path)
    assert fix(capsys, "ids.ipynb").code == 0
    assert snapshot(path) == before


@pytest.mark.parametrize("how", ["tag", "cell-metadata", "notebook-metadata"])
def test_keep_output_suppresses_only_ml302(ws: Path, how: str) -> None:
    """Keeping the error cell's output (tag, cell or notebook metadata) hides ML302 only.

    Its execution count (ML303) and its traceback (ML305) are still flagged.
    """
    path = place(ws, "keep.ipynb", with_keep_output(fixture_nb("executed.ipynb"), how, 5))
    found = codes_and_cells(lint(path))
    assert ("ML302", ERROR_CELL) not in found
    assert ("ML303", ERROR_CELL) in found
    assert ("ML305", ERROR_CELL) in found
    if how == "notebook-metadata":
        expected = [item for item in EXECUTED_FINDINGS if item[0] != "ML302"]
    else:
        expected = [item for item in EXECUTED_FINDINGS if item != ("ML302", ERROR_CELL)]
    assert found == expected


def test_a_cell_says_false_to_the_notebook_keeping_outputs(ws: Path) -> None:
    """As in nbstripout, a cell's ``"keep_output": false`` wins over the notebook's true."""
    nb = with_keep_output(fixture_nb("executed.ipynb"), "notebook-metadata", ERROR_CELL)
    nb["cells"][ERROR_CELL - 1]["metadata"][KEEP_OUTPUT] = False
    found = codes_and_cells(lint(place(ws, "keep.ipynb", nb)))
    assert [cell for code, cell in found if code == "ML302"] == [ERROR_CELL]


@pytest.mark.parametrize(
    ("where", "key", "value"),
    [("cell", KEEP_OUTPUT, 1), ("cell", "init_cell", True), ("notebook", KEEP_OUTPUT, "yes")],
)
def test_keep_output_values_count_as_nbstripout_reads_them(
    ws: Path, where: str, key: str, value: object
) -> None:
    """Any true value keeps outputs, and so does an init_cell cell, as in nbstripout."""
    nb = fixture_nb("executed.ipynb")
    metadata = nb["cells"][ERROR_CELL - 1]["metadata"] if where == "cell" else nb["metadata"]
    metadata[key] = value
    found = codes_and_cells(lint(place(ws, "keep.ipynb", nb)))
    assert ("ML302", ERROR_CELL) not in found and ("ML303", ERROR_CELL) in found


def test_init_cell_decides_before_keep_output(ws: Path) -> None:
    """nbstripout reads a cell's `init_cell` first: true keeps, false clears, whatever else."""
    for init, keep, kept in ((True, False, True), (False, True, False)):
        nb = fixture_nb("executed.ipynb")
        nb["metadata"][KEEP_OUTPUT] = keep
        nb["cells"][ERROR_CELL - 1]["metadata"].update({"init_cell": init, KEEP_OUTPUT: keep})
        found = codes_and_cells(lint(place(ws, "init.ipynb", nb)))
        assert (("ML302", ERROR_CELL) not in found) is kept, (init, keep)


def test_an_execution_count_without_outputs_is_cleared(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code cell with a count but no `outputs` key (or null) gets its ML303 fixed too."""
    for outputs in ({}, {"outputs": None}):
        cell = {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "x", **outputs}
        nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
        path = place(ws, "bare.ipynb", nb)
        assert fix(capsys, "bare.ipynb", "--select", "ML303").code == 0
        assert read_nb(path)["cells"][0]["execution_count"] is None


def test_fixture_keep_output_cells(ws: Path) -> None:
    """In executed.ipynb the tagged cell 6 and the metadata cell 7 keep outputs: ML303 only."""
    found = codes_and_cells(lint(ws / "executed.ipynb"))
    for cell in (6, 7):
        assert [code for code, at in found if at == cell] == ["ML303", "ML304"]


@pytest.mark.parametrize("how", ["tag", "cell-metadata", "notebook-metadata"])
def test_fix_keeps_kept_outputs_but_drops_tracebacks(
    ws: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """--fix keeps kept outputs, but removes their tracebacks and nulls execute_result counts."""
    nb = with_keep_output(fixture_nb("executed.ipynb"), how, 5)
    path = place(ws, "keep.ipynb", nb)
    assert fix(capsys, "keep.ipynb").code == 0
    assert path.read_text(encoding="utf-8") == jupyter_dumps(fully_cleaned(nb))
    fixed = read_nb(path)
    assert fixed["cells"][ERROR_CELL - 1]["outputs"] == []
    if how == "notebook-metadata":
        (result,) = fixed["cells"][2]["outputs"]
        assert result["output_type"] == "execute_result"
        assert result["execution_count"] is None
        assert result["data"] == nb["cells"][2]["outputs"][0]["data"]


# --- notebooks ml-lint cannot read -----------------------------------------------------------


def test_nbformat3_one_finding(ws: Path) -> None:
    """An nbformat 3 notebook gets exactly one ML301, which says how to convert it."""
    (found,) = lint(ws / "nbformat3.ipynb")
    assert (found.code, found.cell, found.message) == ("ML301", None, NBFORMAT3_MESSAGE)
    assert found.location() == "nbformat3.ipynb:1:1"


@pytest.mark.parametrize(
    ("version", "shown"), [('"4"', '"4"'), ("null", "null"), ("true", "true"), ("4.0", "4.0")]
)
def test_nbformat_that_is_no_number_is_named_as_such(ws: Path, version: str, shown: str) -> None:
    """``"nbformat": "4"`` is reported as what it is, not as an unsupported version 4."""
    path = ws / "odd.ipynb"
    path.write_text(f'{{"nbformat": {version}, "nbformat_minor": 5, "cells": []}}', "utf-8")
    (found,) = lint(path)
    assert found.code == "ML301"
    assert found.message == f"not an nbformat 4 notebook: 'nbformat' is {shown}, not the number 4"


def test_invalid_json_one_finding_at_the_error(ws: Path) -> None:
    """Invalid JSON gets exactly one ML301 at the JSON error's line and column."""
    text = (ws / "invalid.ipynb").read_text(encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as error:
        json.loads(text)
    (found,) = lint(ws / "invalid.ipynb")
    assert (found.code, found.cell) == ("ML301", None)
    assert (found.line, found.column) == (error.value.lineno, error.value.colno)
    assert found.location() == f"invalid.ipynb:{error.value.lineno}:{error.value.colno}"
    assert found.location() == "invalid.ipynb:4:1"
    assert found.message == f"not valid JSON: {error.value.msg}"


@pytest.mark.parametrize("name", ["nbformat3.ipynb", "invalid.ipynb"])
def test_unreadable_notebooks_never_rewritten(
    ws: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """--fix reports the ML301 finding (exit 1) and leaves bytes and mtime unchanged."""
    before = snapshot(ws / name)
    run = fix(capsys, name)
    assert (run.code, run.err) == (1, "ml-lint: fixed 0 problems\n")
    assert " ML301 [notebook-invalid] " in run.out
    assert snapshot(ws / name) == before
    assert [p.name for p in ws.iterdir() if p.name.startswith(".ml-lint-")] == []


# --- --fix -----------------------------------------------------------------------------------


def test_fix_produces_clean_byte_for_byte(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--fix on executed.ipynb writes exactly clean.ipynb and leaves no temporary file."""
    run = fix(capsys, "executed.ipynb")
    assert run == Run(0, "All checks passed (1 file checked).\n", "ml-lint: fixed 20 problems\n")
    assert (ws / "executed.ipynb").read_bytes() == (NOTEBOOKS / "clean.ipynb").read_bytes()
    assert [p.name for p in ws.iterdir() if p.name.startswith(".ml-lint-")] == []


def test_fix_keeps_crlf(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CRLF variant stays CRLF: it becomes clean.ipynb with every LF written as CRLF."""
    assert fix(capsys, "executed_crlf.ipynb").code == 0
    data = (ws / "executed_crlf.ipynb").read_bytes()
    assert data == (NOTEBOOKS / "clean.ipynb").read_bytes().replace(b"\n", b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") > 0


@pytest.mark.parametrize("name", ["executed.ipynb", "executed_crlf.ipynb"])
def test_fix_is_idempotent(ws: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    """A second --fix finds nothing to do and does not rewrite the file (bytes, mtime)."""
    assert fix(capsys, name).code == 0
    age(ws / name)
    once = snapshot(ws / name)
    again = fix(capsys, name)
    assert again == Run(0, "All checks passed (1 file checked).\n", "ml-lint: fixed 0 problems\n")
    assert snapshot(ws / name) == once


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755], ids=oct)
def test_fix_keeps_permissions(ws: Path, capsys: pytest.CaptureFixture[str], mode: int) -> None:
    """The atomic rewrite keeps the notebook's permission bits."""
    path = ws / "executed.ipynb"
    path.chmod(mode)
    assert fix(capsys, "executed.ipynb").code == 0
    assert path.stat().st_mode & 0o7777 == mode
    assert path.read_bytes() == (NOTEBOOKS / "clean.ipynb").read_bytes()


def test_fixed_notebook_validates_keeps_ids_and_unicode(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixed file is a valid nbformat 4 notebook with the same ids and raw non-ASCII."""
    before = read_nb(ws / "executed.ipynb")
    assert fix(capsys, "executed.ipynb").code == 0
    data = (ws / "executed.ipynb").read_bytes()
    text = data.decode("utf-8")
    nbformat.validate(nbformat.reads(text, 4))
    after = json.loads(text)
    assert [c["id"] for c in after["cells"]] == [c["id"] for c in before["cells"]]
    assert [c["source"] for c in after["cells"]] == [c["source"] for c in before["cells"]]
    assert "ünïcode".encode() in data
    assert b"\\u00fc" not in data and b"\\u00ef" not in data


def test_select_ml303_fix_nulls_counts_only(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--select ML303 --fix`` nulls every execution count and keeps every output."""
    assert fix(capsys, "--select", "ML303", "executed.ipynb").code == 0
    expected = null_counts(fixture_nb("executed.ipynb"))
    assert (ws / "executed.ipynb").read_text(encoding="utf-8") == jupyter_dumps(expected)
    fixed = read_nb(ws / "executed.ipynb")
    assert [len(c["outputs"]) for c in code_cells(fixed)] == [1, 1, 1, 1, 1, 1, 0]
    assert fixed["cells"][2]["outputs"][0]["execution_count"] is None


def test_select_ml302_fix_clears_unkept_outputs_only(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--select ML302 --fix`` clears non-kept outputs; counts and kept outputs stay."""
    assert fix(capsys, "--select", "ML302", "executed.ipynb").code == 0
    original = fixture_nb("executed.ipynb")
    expected = clear_outputs(original)
    assert (ws / "executed.ipynb").read_text(encoding="utf-8") == jupyter_dumps(expected)
    fixed = read_nb(ws / "executed.ipynb")
    assert [c["execution_count"] for c in code_cells(fixed)] == [1, 2, 3, 4, 5, 6, 7]
    assert fixed["cells"][5]["outputs"] == original["cells"][5]["outputs"]
    assert fixed["cells"][6]["outputs"] == original["cells"][6]["outputs"]
    assert fixed["metadata"]["widgets"] == original["metadata"]["widgets"]


def test_select_ml305_fix_removes_error_outputs_only(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--select ML305 --fix`` removes the traceback and nothing else."""
    assert fix(capsys, "--select", "ML305", "executed.ipynb").code == 0
    expected = drop_errors(fixture_nb("executed.ipynb"))
    assert (ws / "executed.ipynb").read_text(encoding="utf-8") == jupyter_dumps(expected)
    fixed = read_nb(ws / "executed.ipynb")
    assert fixed["cells"][ERROR_CELL - 1]["outputs"] == []
    assert fixed["cells"][ERROR_CELL - 1]["execution_count"] == 4


def test_select_ml304_fix_removes_noise_metadata_only(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--select ML304 --fix`` removes widget state, timing, scrolled and the version only."""
    assert fix(capsys, "--select", "ML304", "executed.ipynb").code == 0
    expected = drop_noise(fixture_nb("executed.ipynb"))
    assert (ws / "executed.ipynb").read_text(encoding="utf-8") == jupyter_dumps(expected)
    fixed = read_nb(ws / "executed.ipynb")
    assert "widgets" not in fixed["metadata"]
    assert "version" not in fixed["metadata"]["language_info"]
    assert fixed["metadata"]["kernelspec"]["name"] == "python3"
    assert all(c["metadata"] == {} for c in fixed["cells"][:5])
    assert fixed["cells"][5]["metadata"] == {"tags": [KEEP_OUTPUT]}
    assert fixed["cells"][6]["metadata"] == {KEEP_OUTPUT: True}


def test_colab_and_papermill_run_metadata_is_noise(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Colab's executionInfo (times, the user's name and id) and papermill's timings go."""
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.cells[0].metadata.update(
        {
            "executionInfo": {"elapsed": 5, "user": {"displayName": "Ann", "userId": "123"}},
            "papermill": {"duration": 0.1, "status": "completed"},
            "tags": ["setup"],
        }
    )
    place(ws, "colab.ipynb", nbformat.writes(nb))
    [result] = [f for f in lint(ws / "colab.ipynb") if f.code == "ML304"]
    assert "executionInfo" in result.message and "papermill" in result.message
    assert fix(capsys, "--select", "ML304", "colab.ipynb").code == 0
    assert read_nb(ws / "colab.ipynb")["cells"][0]["metadata"] == {"tags": ["setup"]}


def test_keep_metadata_config_keeps_execute_time(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``keep-metadata = ["cell.metadata.ExecuteTime"]``: not flagged, not removed."""
    write(
        ws,
        "pyproject.toml",
        PYPROJECT + '\n[tool.ml-lint.notebooks]\nkeep-metadata = ["cell.metadata.ExecuteTime"]\n',
    )
    messages = {(f.code, f.cell): f.message for f in lint(ws / "executed.ipynb")}
    assert messages["ML304", 2] == "cell metadata that changes on every run: execution; clear it"
    assert fix(capsys, "executed.ipynb").code == 0
    original = fixture_nb("executed.ipynb")
    expected = null_counts(
        drop_errors(clear_outputs(drop_noise(original, keep_cell=("ExecuteTime",))))
    )
    assert (ws / "executed.ipynb").read_text(encoding="utf-8") == jupyter_dumps(expected)
    fixed = read_nb(ws / "executed.ipynb")
    assert fixed["cells"][1]["metadata"] == {
        "ExecuteTime": original["cells"][1]["metadata"]["ExecuteTime"]
    }


@pytest.mark.parametrize(
    ("indent", "newline"),
    [(2, "\n"), (4, ""), (2, "\r\n"), (1, "\r"), (0, "\n")],  # "\r": old Mac; 0: no indent
)
def test_fix_keeps_a_foreign_json_layout(
    ws: Path, capsys: pytest.CaptureFixture[str], indent: int, newline: str
) -> None:
    """A notebook laid out unlike Jupyter (indent, unsorted keys, final newline) keeps it."""
    original = reorder(fixture_nb("executed.ipynb"))

    def layout(nb: dict[str, Any]) -> str:
        text = json.dumps(nb, indent=indent, ensure_ascii=False) + ("\n" if newline else "")
        return text.replace("\n", newline) if newline else text

    path = place(ws, "editor.ipynb", layout(original))
    assert not path.read_text(encoding="utf-8").startswith('{\n "cells"')
    assert fix(capsys, "editor.ipynb").code == 0
    expected = layout(reorder(fully_cleaned(fixture_nb("executed.ipynb"))))
    assert path.read_bytes() == expected.encode("utf-8")


def test_fix_keeps_the_line_ending_most_lines_have(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One CRLF line in a notebook of LF lines does not turn every line into CRLF."""
    text = jupyter_dumps(fixture_nb("executed.ipynb"))
    path = place(ws, "mixed.ipynb", text.replace("\n", "\r\n", 1))
    assert fix(capsys, "mixed.ipynb").code == 0
    assert path.read_bytes() == (NOTEBOOKS / "clean.ipynb").read_bytes()


def test_fix_keeps_minified_and_python2_separators(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`": ` inside a cell's text says nothing of the layout; `, ` ending lines is kept."""
    nb = fixture_nb("executed.ipynb")
    nb["cells"][1]["source"] = 'd = {"a": 1}'
    for name, layout in (
        ("min.ipynb", {"separators": (",", ":")}),
        ("py2.ipynb", {"indent": 1, "separators": (", ", ": ")}),
    ):
        path = place(ws, name, json.dumps(nb, ensure_ascii=False, **layout) + "\n")
        assert fix(capsys, name).code == 0
        cleaned = fully_cleaned(fixture_nb("executed.ipynb"))
        cleaned["cells"][1]["source"] = 'd = {"a": 1}'
        expected = json.dumps(cleaned, ensure_ascii=False, **layout) + "\n"
        assert path.read_text(encoding="utf-8") == expected, name


def test_fix_keeps_an_ascii_escaped_layout(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A notebook written by ``json.dump`` with its default ``ensure_ascii`` keeps its escapes."""
    original = fixture_nb("executed.ipynb")
    escaped = json.dumps(original, indent=1, sort_keys=True) + "\n"
    assert "\\u00fc" in escaped
    path = place(ws, "escaped.ipynb", escaped)
    assert fix(capsys, "escaped.ipynb").code == 0
    expected = json.dumps(fully_cleaned(original), indent=1, sort_keys=True) + "\n"
    assert path.read_text(encoding="utf-8") == expected


def test_fix_writes_through_a_symlink(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--fix on a symlinked notebook cleans the file it points to and keeps the link."""
    (ws / "real").mkdir()
    target = Path(shutil.copyfile(ws / "executed.ipynb", ws / "real" / "executed.ipynb"))
    link = ws / "link.ipynb"
    link.symlink_to(Path("real") / "executed.ipynb")
    assert fix(capsys, "link.ipynb").code == 0
    assert link.is_symlink()
    assert target.read_bytes() == (NOTEBOOKS / "clean.ipynb").read_bytes()


def test_huge_outputs_are_flagged_and_fixed(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 5 MB stream output and a 2 MB base64 PNG are flagged and cleared correctly."""
    lines = "".join(
        f"step {i:07d} loss {1 / (i + 1):.6f} accuracy 0.{i % 1000:03d}\n" for i in range(125_000)
    )
    image = "iVBORw0KGgo" + "A" * (2 * 1024 * 1024)
    assert len(lines) > 5_000_000 and len(image) > 2 * 1024 * 1024
    cell = new_code_cell(
        "train()",
        execution_count=1,
        outputs=[
            new_output("stream", name="stdout", text=lines),
            new_output("display_data", data={"image/png": image, "text/plain": "<Figure>"}),
        ],
    )
    nb = new_notebook(cells=[new_markdown_cell("# Big\n\nHuge outputs."), cell])
    path = ws / "huge.ipynb"
    nbformat.write(nb, path)
    age(path)
    assert path.stat().st_size > 7_000_000
    found = lint(path)
    assert codes_and_cells(found) == [("ML302", 2), ("ML303", 2)]
    assert found[0].message == outputs_message(2, "stream, display_data (image/png)")
    original = read_nb(path)
    run = fix(capsys, "huge.ipynb")
    assert run == Run(0, "All checks passed (1 file checked).\n", "ml-lint: fixed 2 problems\n")
    assert path.read_text(encoding="utf-8") == jupyter_dumps(fully_cleaned(original))
    assert path.stat().st_size < 2_000
    nbformat.validate(nbformat.read(path, 4))


def test_fix_with_jobs_fixes_every_notebook(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--fix --jobs 2 over a directory rewrites each dirty notebook in its worker process."""
    for name in ("a.ipynb", "b.ipynb", "c.ipynb"):
        shutil.copyfile(ws / "executed.ipynb", ws / name)
    run = fix(capsys, "--jobs", "2", "a.ipynb", "b.ipynb", "c.ipynb", "executed_crlf.ipynb")
    assert (run.code, run.err) == (0, "ml-lint: fixed 80 problems\n")
    clean = (NOTEBOOKS / "clean.ipynb").read_bytes()
    assert all((ws / name).read_bytes() == clean for name in ("a.ipynb", "b.ipynb", "c.ipynb"))
    assert (ws / "executed_crlf.ipynb").read_bytes() == clean.replace(b"\n", b"\r\n")


def test_fix_with_staged_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--fix --staged`` exits 2 with a clear message and touches nothing."""
    root = init_repo(tmp_path / "repo")
    path = age(Path(shutil.copyfile(NOTEBOOKS / "executed.ipynb", root / "nb.ipynb")))
    monkeypatch.chdir(root)
    before = snapshot(path)
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, "check", "--fix", "--staged")
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert FIX_STAGED_MESSAGE in captured.err
    assert snapshot(path) == before


# --- report formats --------------------------------------------------------------------------


def test_text_report_shows_cells(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text report prints ``path:cell N:line:col`` for cell findings, then a summary."""
    shutil.copyfile(ws / "executed.ipynb", ws / "nb.ipynb")
    run = cli(capsys, "check", "nb.ipynb")
    assert (run.code, run.err) == (1, "")
    lines = run.out.splitlines()
    located = [line.split(" [", 1)[0] for line in lines if line.startswith("nb.ipynb:")]
    assert located == [
        f"nb.ipynb:{'' if cell is None else f'cell {cell}:'}1:1: {code}"
        for code, cell in EXECUTED_FINDINGS
    ]
    assert (
        "nb.ipynb:cell 4:1:1: ML302 [notebook-outputs] "
        + outputs_message(1, "display_data (image/png)")
        in lines
    )
    assert lines[-1] == "Found 20 problems in 1 file."


def test_json_report_has_cell_field(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON report carries ``cell`` (null for notebook-level and ML301 findings)."""
    run = cli(capsys, "check", "executed.ipynb", "invalid.ipynb", "--format", "json")
    assert (run.code, run.err) == (1, "")
    data: list[dict[str, Any]] = json.loads(run.out)
    executed = [(d["code"], d["cell"]) for d in data if d["path"] == "executed.ipynb"]
    assert executed == EXECUTED_FINDINGS
    invalid = [(d["code"], d["cell"], d["line"]) for d in data if d["path"] == "invalid.ipynb"]
    assert invalid == [("ML301", None, 4)]
    assert all(d["line"] == 1 and d["column"] == 1 for d in data if d["cell"] is not None)


def test_sarif_valid_with_notebook_findings(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SARIF validates against the 2.1.0 schema and records the cell in region properties."""
    args = ("executed.ipynb", "invalid.ipynb", "nbformat3.ipynb", "--format", "sarif")
    run = cli(capsys, "check", *args)
    assert (run.code, run.err) == (1, "")
    document: dict[str, Any] = json.loads(run.out)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator().iter_errors(document)
    ]
    assert errors == []
    results = document["runs"][0]["results"]
    assert len(results) == len(EXECUTED_FINDINGS) + 2
    located = [
        (
            location["physicalLocation"]["artifactLocation"]["uri"],
            result["ruleId"],
            sarif_cell(location),
        )
        for result in results
        for location in result["locations"]
    ]
    assert [(code, cell) for uri, code, cell in located if uri == "executed.ipynb"] == (
        EXECUTED_FINDINGS
    )
    assert ("invalid.ipynb", "ML301", None) in located
    assert ("nbformat3.ipynb", "ML301", None) in located
    rule_ids = {rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    assert {"ML301", "ML302", "ML303", "ML304", "ML305"} <= rule_ids


# --- a real process --------------------------------------------------------------------------


def test_subprocess_check_then_fix(ws: Path) -> None:
    """``python -m ml_lint``: check exits 1 with cell locations, --fix writes clean.ipynb."""
    shutil.copyfile(ws / "executed.ipynb", ws / "nb.ipynb")
    checked = cli_subprocess(ws, "check", "nb.ipynb")
    assert (checked.code, checked.err) == (1, "")
    assert checked.out.startswith("nb.ipynb:1:1: ML304 [notebook-metadata-noise] ")
    assert (
        "nb.ipynb:cell 5:1:1: ML305 [notebook-error-output] error output committed (KeyError)"
        in checked.out
    )
    fixed = cli_subprocess(ws, "check", "--fix", "nb.ipynb")
    assert fixed == Run(0, "All checks passed (1 file checked).\n", "ml-lint: fixed 20 problems\n")
    assert (ws / "nb.ipynb").read_bytes() == (NOTEBOOKS / "clean.ipynb").read_bytes()
    staged = cli_subprocess(ws, "check", "--fix", "--staged")
    assert staged.code == 2
    assert FIX_STAGED_MESSAGE in staged.err


def test_fix_leaves_a_cell_whose_finding_is_suppressed(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell that suppresses ML302 keeps its outputs; the other flagged cells are cleared."""
    notebook = json.loads((ws / "executed.ipynb").read_text(encoding="utf-8"))
    first = notebook["cells"][1]["source"]
    first[0] = first[0].rstrip("\n") + "  # ml-lint: ignore[notebook-outputs]\n"
    path = ws / "suppressed.ipynb"
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    cli(capsys, "check", "--select", "ML302", "--fix", path.name)
    fixed = json.loads(path.read_text(encoding="utf-8"))
    assert [len(cell.get("outputs", [])) for cell in fixed["cells"]] == [0, 1, 0, 0, 0, 1, 1, 0]


def test_malformed_but_valid_json_never_crashes(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Non-object outputs and metadata, and string tags, are tolerated, checked and fixed."""
    notebook = json.loads((ws / "executed.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["tags_note"] = None
    notebook["cells"][4]["outputs"].append(7)
    notebook["cells"][1]["metadata"] = ["not", "an", "object"]
    notebook["cells"][2]["metadata"]["tags"] = "keep_output_please"
    path = ws / "odd.ipynb"
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    found = json.loads(cli(capsys, "check", path.name, "--format", "json").out)
    assert "ML001" not in {f["code"] for f in found}
    assert ("ML302", 3) in {(f["code"], f["cell"]) for f in found}  # a string is not a tag list
    assert cli(capsys, "check", "--fix", path.name).code == 0


def test_fix_keeps_indent_key_order_and_bom(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An indent-2, unsorted, BOM-prefixed notebook keeps its layout; only cleared parts change."""
    notebook = json.loads((ws / "executed.ipynb").read_text(encoding="utf-8"))
    notebook = dict(reversed(list(notebook.items())))
    text = json.dumps(notebook, indent=2, ensure_ascii=False) + "\n"
    path = ws / "layout.ipynb"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    cli(capsys, "check", "--fix", path.name)
    fixed_bytes = path.read_bytes()
    assert fixed_bytes.startswith(b"\xef\xbb\xbf")
    fixed = json.loads(fixed_bytes.decode("utf-8-sig"))
    assert list(fixed) == list(notebook)
    assert fixed_bytes.decode("utf-8-sig").split("\n")[1].startswith('  "')


@pytest.mark.parametrize(
    "layout",
    [
        {"separators": (",", ":")},  # minified
        {"separators": (", ", ": ")},  # one line, json.dumps' default
        {"indent": "\t"},
    ],
    ids=["minified", "one-line", "tabs"],
)
def test_fix_keeps_one_line_and_tab_layouts(
    ws: Path, capsys: pytest.CaptureFixture[str], layout: dict[str, Any]
) -> None:
    """A notebook written on one line, or indented with tabs, is fixed in the same layout."""
    notebook = json.loads((ws / "executed.ipynb").read_text(encoding="utf-8"))
    path = ws / "layout.ipynb"
    path.write_text(json.dumps(notebook, ensure_ascii=False, **layout), encoding="utf-8")
    assert cli(capsys, "check", "--fix-only", path.name).code == 0
    fixed = path.read_text(encoding="utf-8")
    cleaned = json.loads((NOTEBOOKS / "clean.ipynb").read_text(encoding="utf-8"))
    assert fixed == json.dumps(json.loads(fixed), ensure_ascii=False, **layout)
    assert json.loads(fixed) == cleaned
    cli(capsys, "check", "--fix-only", path.name)
    assert path.read_text(encoding="utf-8") == fixed


def test_fix_only_reports_a_notebook_it_cannot_read(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--fix-only`` (the nbstripout-like hook) fails on a notebook with merge-conflict markers,
    naming it, and leaves it as it is; the readable notebooks beside it are still fixed."""
    text = (ws / "executed.ipynb").read_text(encoding="utf-8")
    conflicted = ws / "conflicted.ipynb"
    conflicted.write_text(f"<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> main\n", "utf-8")
    before = conflicted.read_bytes()

    run = cli(capsys, "check", "--fix-only", conflicted.name, "executed.ipynb")

    assert run.code == 1
    assert "conflicted.ipynb:1:1: ML301 [notebook-invalid]" in run.out
    assert "executed.ipynb" not in run.out
    assert conflicted.read_bytes() == before
    assert json.loads((ws / "executed.ipynb").read_text(encoding="utf-8")) == json.loads(
        (NOTEBOOKS / "clean.ipynb").read_text(encoding="utf-8")
    )


def test_fix_with_a_lone_surrogate_escape(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A lone surrogate escape (valid JSON, not valid UTF-8) does not crash the fix."""
    text = (ws / "executed.ipynb").read_text(encoding="utf-8")
    path = ws / "surrogate.ipynb"
    path.write_text(text.replace("Training run", "Training \\ud83d run"), encoding="utf-8")
    assert cli(capsys, "check", "--fix", path.name).code == 0
    assert "\\ud83d" in path.read_text(encoding="utf-8")


def test_notebooks_that_cannot_be_read_or_written_back_lose_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Odd JSON gets one finding, never a traceback; a fix JSON cannot write is not made."""
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 3}
    files = {
        "ints.ipynb": json.dumps({"nbformat": 4, "cells": [{**cell, "source": [1, 2]}]}),
        "deep.ipynb": "[" * 100_000 + "]" * 100_000,
        "long.ipynb": json.dumps(
            {"nbformat": 4, "cells": [{**cell, "source": "x=1" + "+1" * 10**5}]}
        ),
        "huge.ipynb": '{"nbformat": 4, "metadata": {"n": 1e400}, "cells": ['
        + json.dumps({**cell, "source": "x = 1"})
        + "]}",
        "twice.ipynb": '{"nbformat": 4, "metadata": {"x": 1, "x": 2}, "cells": ['
        + json.dumps({**cell, "source": "x = 1"})
        + "]}",
    }
    for name, text in files.items():
        write(tmp_path, name, text)
    monkeypatch.chdir(tmp_path)
    run = cli(capsys, "check", ".", "--select", "ML003,ML301,ML303", "--fix", "--no-cache")
    assert "Traceback" not in run.err and run.code == 1, run.err
    found = sorted(line.split(" [")[0] for line in run.out.splitlines() if ": ML" in line)
    assert found == [
        "deep.ipynb:1:1: ML301",  # its JSON nests too deeply to read
        "huge.ipynb:cell 1:1:1: ML303",  # not cleared: 1e400 reads as infinity
        "ints.ipynb:1:1: ML301",  # a source of numbers
        "long.ipynb:cell 1:1:1: ML003",  # nests too deeply for Python's parser
        "twice.ipynb:cell 1:1:1: ML303",  # not cleared: writing would drop "x": 1
    ]
    for name in ("huge.ipynb", "twice.ipynb"):
        assert (tmp_path / name).read_text(encoding="utf-8") == files[name]
    # Their findings say why --fix left them alone, instead of offering it.
    assert "(--fix cannot rewrite this notebook: the number 1e400 is beyond" in run.out
    assert "(--fix cannot rewrite this notebook: key 'x' appears twice in one object)" in run.out
    assert "(--fix)" not in run.out


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"a": {"b": 1, "b": 2}}', "key 'b' appears twice in one object"),
        ('{"a": [1.5, -1e999]}', "the number -1e999 is beyond a float's range"),
        ('{"a": NaN}', "NaN is not a JSON number"),
        ('{"a": 1e308, "b": 10' + "0" * 400 + ', "c": {"d": 1}, "e": {"d": 2}}', None),
    ],
)
def test_what_json_cannot_write_back(text: str, reason: str | None) -> None:
    assert notebook.unwritable(text) == reason
