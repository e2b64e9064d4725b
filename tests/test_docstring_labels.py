"""Precision and recall of the semantic docstring rules (ML201-ML214) on hand-labelled code.

``tests/data/docstring_labels.json`` holds labels for definitions of real code nobody here
wrote (``tests/data/docstring_corpus``: rich 13.9.4 and textual 0.86.3, MIT), with its
labelling protocol at the top. ml-lint runs on those files with ML201-ML214 selected and
its default options (but ``exempt-tests = false``: the corpus lives under ``tests/``). Each
finding is attributed to the innermost definition around its line (a module's own ML201 to
``<module>``) and compared with the labels as counts per definition and rule: true
positives, false positives and false negatives. The counts per rule are pinned in
``EXPECTED``, so a rule that gains or loses a finding on the labelled code fails until the
labels or the figures are reviewed. ``python tests/test_docstring_labels.py`` prints the
table.
"""

from __future__ import annotations

import ast
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ml_lint.cli import main

HERE = Path(__file__).parent
CORPUS = HERE / "data" / "docstring_corpus"
LABELS = HERE / "data" / "docstring_labels.json"
RULES = [f"ML2{number:02d}" for number in range(1, 15)]
CONFIG = """\
[tool.ml-lint]
[tool.ml-lint.docstrings]
exempt-tests = false
"""

# rule: (true positives, false positives, false negatives) on the labelled definitions
EXPECTED = {
    "ML201": (67, 0, 0),
    "ML202": (2, 0, 0),
    "ML203": (33, 0, 0),
    "ML204": (5, 0, 0),
    "ML205": (1, 0, 0),
    "ML206": (17, 0, 0),
    "ML207": (1, 0, 0),
    "ML208": (2, 0, 0),
    "ML209": (0, 0, 0),
    "ML210": (3, 0, 0),
    "ML211": (0, 0, 0),
    "ML212": (1, 0, 0),
    "ML213": (3, 0, 0),
    "ML214": (7, 0, 0),
}

Place = tuple[str, str, int]  # file, definition name, line of its def/class


def load_labels() -> list[dict[str, Any]]:
    """The labelled definitions."""
    definitions: list[dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))[
        "definitions"
    ]
    return definitions


def definitions(path: Path) -> list[tuple[str, int, int, int]]:
    """Each definition in ``path``: qualified name, def line, first and last line."""
    found: list[tuple[str, int, int, int]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                found.append((name, child.lineno, first, child.end_lineno or child.lineno))
                walk(child, name + ".")
            else:
                walk(child, prefix)

    walk(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def findings(files: list[str], tmp_path: Path) -> Counter[tuple[Place, str]]:
    """ml-lint's findings on ``files`` (relative to the corpus), counted per place and rule."""
    config = tmp_path / "pyproject.toml"
    config.write_text(CONFIG, encoding="utf-8")
    report = tmp_path / "report.json"
    args = ["check", "--config", str(config), "--select", ",".join(RULES), "--jobs", "1"]
    cwd = Path.cwd()
    os.chdir(CORPUS)
    try:
        code = main([*args, "--format", "json", "--output-file", str(report), *files])
    finally:
        os.chdir(cwd)
    assert code in (0, 1)
    spans = {path: definitions(CORPUS / path) for path in files}
    counts: Counter[tuple[Place, str]] = Counter()
    for item in json.loads(report.read_text(encoding="utf-8")):
        path = next(f for f in files if item["path"] == f or item["path"].endswith("/" + f))
        line = item["line"]
        around = [span for span in spans[path] if span[2] <= line <= span[3]]
        if item["message"].startswith("public module") or not around:
            place: Place = (path, "<module>", 1)
        else:
            name, def_line, _, _ = max(around, key=lambda span: span[2])
            place = (path, name, def_line)
        counts[place, item["code"]] += 1
    return counts


def score(tmp_path: Path) -> dict[str, tuple[int, int, int]]:
    """True positives, false positives and false negatives per rule on the labels."""
    labels = load_labels()
    files = sorted({label["file"] for label in labels})
    got = findings(files, tmp_path)
    table = {rule: [0, 0, 0] for rule in RULES}
    for label in labels:
        place = (label["file"], label["name"], label["line"])
        for rule in label.get("checked", RULES):
            want, have = label["expected"].get(rule, 0), got[place, rule]
            table[rule][0] += min(want, have)
            table[rule][1] += max(have - want, 0)
            table[rule][2] += max(want - have, 0)
    return {rule: (tp, fp, fn) for rule, (tp, fp, fn) in table.items()}


def test_labels_name_real_definitions() -> None:
    """Every label points at a definition that exists, with known rules."""
    labels = load_labels()
    assert len(labels) >= 100
    for label in labels:
        assert set(label["expected"]) <= set(RULES)
        assert set(label.get("checked", RULES)) <= set(RULES)
        if label["name"] == "<module>":
            continue
        spans = definitions(CORPUS / label["file"])
        assert (label["name"], label["line"]) in {(s[0], s[1]) for s in spans}, label


def test_precision_and_recall_are_as_recorded(tmp_path: Path) -> None:
    """The per-rule counts on the labelled code are the recorded ones."""
    assert score(tmp_path) == EXPECTED


def ratio(part: int, whole: int) -> str:
    """``part / whole`` as a percentage, or a dash when ``whole`` is 0."""
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def table(scores: dict[str, tuple[int, int, int]]) -> str:
    """The precision and recall table in Markdown."""
    rows = ["| rule | TP | FP | FN | precision | recall |", "|---|---:|---:|---:|---:|---:|"]
    totals = [0, 0, 0]
    for rule, (tp, fp, fn) in scores.items():
        rows.append(
            f"| {rule} | {tp} | {fp} | {fn} | {ratio(tp, tp + fp)} | {ratio(tp, tp + fn)} |"
        )
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    tp, fp, fn = totals
    rows.append(f"| all | {tp} | {fp} | {fn} | {ratio(tp, tp + fp)} | {ratio(tp, tp + fn)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        result = score(Path(scratch))
    labels = load_labels()
    decisions = sum(len(label.get("checked", RULES)) for label in labels)
    print(f"{len(labels)} labelled definitions, {decisions} rule decisions\n")
    print(table(result))
    sys.exit(0 if result == EXPECTED else 1)
