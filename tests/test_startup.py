"""What the hooks import at start-up, and the typing-free NamedTuple that keeps it small."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from ml_lint.model import Finding, Rule
from ml_lint.records import NamedTuple

HEAVY = ("typing", "tomllib", "dataclasses", "inspect", "ast")

RUN_AND_LIST_MODULES = """
import json, sys
from ml_lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(args: list[str], cwd: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stderr.splitlines()[-1]))


@pytest.fixture
def configured_repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "demo"\ndependencies = ["ml-lint"]\n\n'
        '[tool.ml-lint]\nextend-exclude = ["data"]\n\n'
        '[tool.ml-lint.per-file-ignores]\n"tests/*" = ["ML201"]\n',
        encoding="utf-8",
    )
    cell = {"cell_type": "code", "execution_count": 1, "id": "a", "metadata": {}}
    notebook = {
        "cells": [{**cell, "outputs": [], "source": ["x = 1"]}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (tmp_path / "MSG").write_text("feat(data): add a loader\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-cache", "--select", "ML302,ML303", "nb.ipynb"],
        ["secrets", "--no-cache", "nb.ipynb"],
        ["commit-msg", "MSG"],
    ],
    ids=["notebook outputs", "secrets", "commit-msg"],
)
def test_hooks_start_without_heavy_modules(configured_repo: Path, args: list[str]) -> None:
    modules = imported_by(args, configured_repo)
    assert "ml_lint.config" in modules  # the configuration was read
    assert modules.isdisjoint(HEAVY), sorted(modules.intersection(HEAVY))


def test_an_unusual_configuration_still_loads_tomllib(configured_repo: Path) -> None:
    (configured_repo / "pyproject.toml").write_text(
        '[tool]\nml-lint.extend-exclude = ["data"]\n', encoding="utf-8"
    )
    modules = imported_by(["commit-msg", "MSG"], configured_repo)
    assert "tomllib" in modules


class Point(NamedTuple):
    """A point; the docstring is kept."""

    x: int
    y: int = 0
    label: str | None = None

    def norm1(self) -> int:
        """Manhattan length."""
        return abs(self.x) + abs(self.y)


def test_records_behave_as_typing_namedtuples() -> None:
    point = Point(3, -4)
    assert point == (3, -4, None)
    assert point.norm1() == 7
    assert Point._fields == ("x", "y", "label")
    assert Point._field_defaults == {"y": 0, "label": None}
    assert point._replace(label="p") == Point(3, -4, "p")
    assert Point.__doc__ == "A point; the docstring is kept."
    assert Point.__module__ == __name__
    assert pickle.loads(pickle.dumps(point)) == point
    assert isinstance(point, tuple)


def test_model_records_round_trip_through_pickle() -> None:
    """Workers of ``--jobs`` send findings and rules back to the parent by pickling."""
    finding = Finding("a.py", 1, 2, "ML201", "message", 1, 3, "name", cell=4)
    rule = Rule("ML999", "demo", "summary", "section", "why", "bad", "good")
    assert pickle.loads(pickle.dumps(finding)) == finding
    assert pickle.loads(pickle.dumps(rule)).family == "ML9"


def test_a_field_without_default_after_one_with_default_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(NamedTuple):
            x: int = 0
            y: int
