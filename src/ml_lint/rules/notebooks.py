"""ML3xx: notebooks (guide: Experimentation Best Practices > Notebook Organization)."""

from ml_lint.model import Rule

SECTION = "Notebook Organization"

INVALID = Rule(
    code="ML301",
    name="notebook-invalid",
    summary="A notebook is not valid JSON or not nbformat 4; no other notebook rule ran.",
    section=SECTION,
    explanation=(
        "ml-lint reads nbformat 4 notebooks, the format Jupyter has written since 2015. A file "
        "that is not valid JSON is reported at the parse error, and is never rewritten by "
        "--fix. Convert an old notebook with `jupyter nbconvert --to notebook --nbformat 4 "
        "--inplace NOTEBOOK`."
    ),
    bad='{"nbformat": 3, "worksheets": [...]}',
    good='{"nbformat": 4, "nbformat_minor": 5, "cells": [...], "metadata": {}}',
)

OUTPUTS = Rule(
    code="ML302",
    name="notebook-outputs",
    summary="A code cell has outputs committed.",
    section=SECTION,
    explanation=(
        "The guide asks to clear outputs before committing: they bloat the repository, make "
        "diffs unreadable and can leak data. `ml-lint check --fix` clears them (or Kernel > "
        "Restart & Clear Output). Keep a cell's output on purpose with the cell tag "
        '`keep_output`, cell metadata `"keep_output": true`, or notebook metadata '
        '`"keep_output": true` for the whole notebook (nbstripout\'s conventions).'
    ),
    bad='{"cell_type": "code", "outputs": [{"output_type": "stream", "text": ["loss 0.31"]}]}',
    good='{"cell_type": "code", "outputs": []}',
    fixable=True,
)

EXECUTION_COUNT = Rule(
    code="ML303",
    name="notebook-execution-count",
    summary="A code cell has an execution count committed.",
    section=SECTION,
    explanation=(
        "Execution counts change on every run and record an order of execution that readers "
        "cannot reproduce. `--fix` sets them to null, also in a kept output's execute_result."
    ),
    bad='{"cell_type": "code", "execution_count": 7, "outputs": []}',
    good='{"cell_type": "code", "execution_count": null, "outputs": []}',
    fixable=True,
)

NOISE_METADATA = Rule(
    code="ML304",
    name="notebook-metadata-noise",
    summary="Notebook or cell metadata that changes on every run is committed.",
    section=SECTION,
    explanation=(
        "Widget state, timing (`ExecuteTime`, `execution`), view state (`collapsed`, "
        "`scrolled`), the kernel's `language_info.version` and signatures change without any "
        "change to the notebook's content. Configure the list with [tool.ml-lint.notebooks] "
        "noise-metadata and keep some with keep-metadata. To document how long a cell runs, "
        "say so in markdown. Cell ids are content, not noise, and are never flagged."
    ),
    bad='{"cell_type": "code", "metadata": {"ExecuteTime": {"end_time": "2026-11-26T10:00"}}}',
    good='{"cell_type": "code", "metadata": {}}',
    fixable=True,
)

ERROR_OUTPUT = Rule(
    code="ML305",
    name="notebook-error-output",
    summary="A code cell's committed output is an error traceback.",
    section=SECTION,
    explanation=(
        "A traceback in a committed notebook means it did not run top to bottom. Fix the "
        "error and re-run, or clear it: `--fix` removes error outputs, also from cells that "
        "keep their other outputs."
    ),
    bad='{"outputs": [{"output_type": "error", "ename": "KeyError", "traceback": ["..."]}]}',
    good='{"outputs": []}',
    fixable=True,
)

HYGIENE = (INVALID, OUTPUTS, EXECUTION_COUNT, NOISE_METADATA, ERROR_OUTPUT)
RULES = HYGIENE
