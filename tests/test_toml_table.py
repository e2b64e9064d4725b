"""The plain-subset reader of [tool.ml-lint] agrees with tomllib or declines."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from ml_lint import config, toml_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def tomllib_table(text: str) -> Any:
    return tomllib.loads(text).get("tool", {}).get("ml-lint")


SUPPORTED = {
    "empty table": "[tool.ml-lint]\n",
    "lists and comments": """
[project]
name = "x"  # a comment

[tool.ml-lint]  # ours
select = ["ML1", 'ML2',]   # trailing comma
extend-exclude = [
    "tests/data",  # fixtures
    # a comment line inside the array
    'notebooks/*.ipynb'
]
report-unused-ignores = true

[tool.ruff]
line-length = 100
""",
    "sub-tables and inline tables": """
[tool.ml-lint.docstrings]
require-attributes = false
exempt = []
[tool.ml-lint]
per-file-ignores = { "tests/*" = ["ML201", "ML202"], 'scripts/*' = [] }
[tool.ml-lint.notebooks]
sections = [["title"], ["imports", "setup"]]
max-size = 0
offset = -3
""",
    "quoted keys, tabs, unicode, CRLF": (
        '[ tool . ml-lint ]\r\n"odd key" =\t"value with\ttab and ü"\r\nempty = ""\r\n'
        'single = \'a "quoted" word\'\r\ndouble = "it\'s"\r\n'
    ),
    "deeper tables, in any order": """
[tool.ml-lint.notebooks.section-synonyms]
data = ["Data Loading"]
[tool.ml-lint.notebooks]
sections = ["setup", "data"]
[tool.ml-lint.a.b.c]
[tool.ml-lint . a . d]
x = 1
""",
    "ml-lint named in other tables": """
[project]
name = "demo"
[project.optional-dependencies]
dev = ["ml-lint>=0.1", "ruff"]
[project.scripts]
ml-lint = "ml_lint.cli:main"
[tool.ml-lint]
select = ["ML1"]
""",
    "another tool's table before and after": """
[tool.black]
target-version = ["py311"]
[tool.ml-lint.per-file-ignores]
"src/*" = ["ML2"]
[tool.mypy]
strict = true
""",
}


@pytest.mark.parametrize("name", sorted(SUPPORTED))
def test_reads_the_plain_subset_as_tomllib_does(name: str) -> None:
    text = SUPPORTED[name]
    assert toml_table.read(text) == tomllib_table(text)
    assert toml_table.read(text) is not None


def test_reads_this_repositorys_pyproject_and_the_readmes_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```toml\n(.*?)```", readme, re.DOTALL)
    assert len(examples) >= 3
    for text in [(ROOT / "pyproject.toml").read_text(encoding="utf-8"), *examples]:
        table = toml_table.read(text)
        assert table is not None, text
        assert table == tomllib_table(text)


DECLINED = {
    "escape in a string": '[tool.ml-lint]\nselect = ["ML\\u0031"]\n',
    "multi-line string anywhere": '[project]\nx = """\n[tool.ml-lint]\nselect = []\n"""\n',
    "dotted key": "[tool.ml-lint]\ndocstrings.exempt = []\n",
    "ml-lint key under [tool]": '[tool]\nml-lint = { select = ["ML1"] }\n',
    "dotted ml-lint key at the top": 'tool.ml-lint.select = ["ML1"]\n',
    "quoted table name": '[tool."ml-lint"]\nselect = ["ML1"]\n',
    "array of tables": "[[tool.ml-lint]]\nselect = []\n",
    "quoted sub-table name": '[tool.ml-lint."notebooks"]\nx = []\n',
    "a comment at the top that mentions it": "# configure ml-lint below\n[tool.ml-lint]\n",
    "ml-lint key under a quoted [tool]": '["tool"]\nml-lint.select = []\n',
    "float": "[tool.ml-lint]\nratio = 0.5\n",
    "date": "[tool.ml-lint]\nsince = 2024-01-01\n",
    "integer with underscores": "[tool.ml-lint]\nlimit = 1_000\n",
    "nested array on its own line": "[tool.ml-lint]\nx = [\n[1],\n]\n",
    "lone carriage return": "[tool.ml-lint]\rselect = []\n",
}


@pytest.mark.parametrize("name", sorted(DECLINED))
def test_declines_what_it_does_not_read(name: str) -> None:
    assert toml_table.read(DECLINED[name]) is None


INVALID = {
    "table defined twice": "[tool.ml-lint]\n[tool.ml-lint]\n",
    "key set twice": "[tool.ml-lint]\nselect = []\nselect = []\n",
    "key and table": '[tool.ml-lint]\ndocstrings = {}\n[tool.ml-lint.docstrings]\nx = "y"\n',
    "table extends an inline table": "[tool.ml-lint]\na = { b = 1 }\n[tool.ml-lint.a.c]\n",
    "key where a deeper table is": "[tool.ml-lint.a.b]\n[tool.ml-lint.a]\nb = 1\n",
    "unterminated array": "[tool.ml-lint]\nselect = [\n",
    "missing comma": '[tool.ml-lint]\nselect = ["a" "b"]\n',
    "bare word value": "[tool.ml-lint]\nselect = ML1\n",
    "two pairs on a line": "[tool.ml-lint]\na = 1 b = 2\n",
    "newline in an inline table": "[tool.ml-lint]\nx = {\na = 1 }\n",
    "trailing comma in an inline table": "[tool.ml-lint]\nx = { a = 1, }\n",
    "leading zero": "[tool.ml-lint]\nx = 01\n",
    "missing value": "[tool.ml-lint]\nx =\n",
    "empty array element": "[tool.ml-lint]\nx = [,]\n",
    "control character in a comment": "[tool.ml-lint]\nx = 1  # \x01\n",
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_leaves_invalid_toml_to_tomllib(name: str) -> None:
    text = INVALID[name]
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    assert toml_table.read(text) is None


def test_invalid_table_is_still_reported_by_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ml-lint]\nselect = [\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match="is not valid TOML"):
        config.load(str(tmp_path))


def _random_value(rng: random.Random, depth: int = 0) -> tuple[str, Any]:
    kind = rng.choice(["basic", "literal", "bool", "int", "array", "table"][: 6 - 2 * (depth > 1)])
    if kind in ("basic", "literal"):
        value = "".join(rng.choice("abc-_*/. ML1ü#=[]{},\t") for _ in range(rng.randrange(6)))
        quote = '"' if kind == "basic" else "'"
        return f"{quote}{value}{quote}", value
    if kind == "bool":
        flag = rng.random() < 0.5
        return str(flag).lower(), flag
    if kind == "int":
        number = rng.randrange(-50, 50)
        return str(number), number
    if kind == "array":
        items = [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
        # A line that starts with "[" ends the table for the reader, which then declines.
        gaps = [
            rng.choice([" ", ""] if text.startswith("[") else [" ", "", "\n  ", "  # note\n"])
            for text, _ in [*items, ("]", None)]
        ]
        body = "".join(gap + text + "," for gap, (text, _) in zip(gaps[:-1], items, strict=True))
        if items and rng.random() < 0.5:
            body = body[:-1]
        return f"[{body}{gaps[-1]}]", [value for _, value in items]
    pairs = {f"k{index}": _random_value(rng, depth + 1) for index in range(rng.randrange(3))}
    inline = ", ".join(f"{key} = {text}" for key, (text, _) in pairs.items())
    return "{" + inline + "}", {key: value for key, (_, value) in pairs.items()}


@pytest.mark.parametrize("seed", range(200))
def test_random_plain_tables_read_as_tomllib_reads_them(seed: int) -> None:
    rng = random.Random(seed)
    lines = ["[tool.ml-lint]"]
    for index in range(rng.randrange(5)):
        text, _ = _random_value(rng)
        lines.append(f"key-{index} = {text}" + rng.choice(["", "  # why"]))
    document = "\n".join(lines) + "\n"
    assert toml_table.read(document) == tomllib_table(document), document
