"""The hygiene checker reports what the selection asks for, on real Jupyter notebook files.

``executed.ipynb`` (written by a real IPython kernel, see tests/data/notebooks/build.py) has
outputs, execution counts, an error traceback and run-to-run noise metadata, so each hygiene
rule has something to find in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ml_lint import config as config_module
from ml_lint import engine
from ml_lint.source import SourceFile

NOTEBOOKS = Path(__file__).parent / "data" / "notebooks"
# executed.ipynb's findings of every hygiene rule: (code, cell), None for the notebook itself.
EVERY_FINDING = [
    ("ML304", None),
    *[(code, cell) for cell in (2, 3, 4) for code in ("ML302", "ML303", "ML304")],
    ("ML302", 5),
    ("ML303", 5),
    ("ML304", 5),
    ("ML305", 5),
    *[(code, cell) for cell in (6, 7, 8) for code in ("ML303", "ML304")],
]


def found(tmp_path: Path, select: list[str]) -> list[tuple[str, int | None]]:
    """(code, cell) of the findings for a copy of executed.ipynb, through the engine."""
    shutil.copy(NOTEBOOKS / "executed.ipynb", tmp_path / "nb.ipynb")
    config = config_module.load(str(tmp_path), select=select)
    source = SourceFile(str(tmp_path / "nb.ipynb"), "nb.ipynb")
    findings = engine.check_files([source], engine.Options(config)).findings
    return sorted(((f.code, f.cell) for f in findings), key=lambda at: (at[1] or 0, at[0]))


@pytest.mark.parametrize(
    "select",
    [
        ["ML302", "ML303"],
        ["ML302", "ML303", "ML304"],
        ["ML302", "ML303", "ML305"],
        ["ML304"],
        ["ML301", "ML302", "ML303", "ML304", "ML305"],
    ],
)
def test_selection_reports_exactly_its_rules(tmp_path: Path, select: list[str]) -> None:
    """Each selection gets every finding of its rules in executed.ipynb, and no other."""
    expected = [at for at in EVERY_FINDING if at[0] in select]
    assert found(tmp_path, select) == expected
