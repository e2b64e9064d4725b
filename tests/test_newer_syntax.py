"""A file that fails to parse on syntax of a newer Python says so, and what to run instead."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from support import cli, write

from ml_lint.newer_syntax import hint

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="this Python reads 3.12 syntax: nothing fails to parse"
)

NEWER = {
    "generic.py": ("def first[T](xs: list[T]) -> T:\n    return xs[0]\n", "a generic function"),
    "box.py": ("class Box[T]:\n    item: T\n", "a generic class"),
    "alias.py": ("type Vector = list[float]\n", "a `type` statement"),
    "quotes.py": ('names = {"a": 1}\nmsg = f"{names["a"]}"\n', "an f-string"),
    "slash.py": ("rows = ['a']\ntext = f\"{'\\n'.join(rows)}\"\n", "an f-string"),
}


@pytest.mark.parametrize("name", sorted(NEWER))
def test_newer_syntax_is_named_with_the_python_that_reads_it(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, what = NEWER[name]
    write(tmp_path, name, source)
    monkeypatch.chdir(tmp_path)
    run = cli(capsys, "check", name, "--select", "ML003", "--format", "json", "--no-cache")
    [found] = json.loads(run.out)
    assert found["code"] == "ML003"
    assert f"; this looks like {what}" in found["message"]
    assert "Python 3.12 syntax, and ml-lint runs on Python 3.1" in found["message"]
    assert found["message"].endswith("(for pre-commit, `language_version: python3.12`)")


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("invalid syntax", "x = = 1"),
        ("invalid syntax", "type = 3 3"),  # `type` as a name, then a mistake
        ("f-string: single '}' is not allowed", 'x = f"{a}}"'),
        ("f-string: expecting '}'", 'x = f"{a"'),  # unclosed in every version
        ("expected ':'", "def f[0]"),  # subscripting in a def is no generic
    ],
)
def test_a_mistake_in_any_version_gets_no_hint(message: str, line: str) -> None:
    assert hint(message, line) == ""


def test_syntax_of_python_3_14_is_named_too() -> None:
    found = hint("multiple exception types must be parenthesized", "except ValueError, KeyError:")
    assert "an `except` of several exceptions without brackets, Python 3.14 syntax" in found
