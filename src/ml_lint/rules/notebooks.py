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

TITLE = Rule(
    code="ML310",
    name="notebook-title",
    summary="The first cell is not markdown with an H1 title and a description.",
    section=SECTION,
    explanation=(
        "The guide's first section is the title and description: a markdown cell that opens "
        "the notebook with a `# Title` and at least one sentence saying what the notebook "
        "does and why (under the title, or under a heading such as `## Overview` that follows "
        "it; a badge or a bare link is no sentence)."
    ),
    bad="(first cell) import torch",
    good="(first cell, markdown) # Fine-tuning GPT-2 on WikiText\n\nCompares two schedules.",
)

SECTION_MISSING = Rule(
    code="ML311",
    name="notebook-section-missing",
    summary="A required section of the guide's outline has no heading.",
    section=SECTION,
    explanation=(
        "The guide orders a notebook as: title and description; imports and setup; "
        "configuration/hyperparameters; data loading; model definition; training/experiment; "
        "evaluation; visualization; conclusions and next steps. Each section is a markdown "
        "heading (`#`, `##`, ... or `<h2>`), matched case-insensitively by synonyms such as "
        "Setup, Config, Dataset, Architecture, Experiment, Results, Plots, Summary; numbering "
        "is ignored. Configure [tool.ml-lint.notebooks] sections, optional-sections and "
        "section-synonyms."
    ),
    bad="# Title\n## Setup\n## Training\n(no data, model, evaluation... headings)",
    good="# Title\n## Imports and Setup\n## Configuration\n## Data Loading\n## Model\n...",
)

SECTION_ORDER = Rule(
    code="ML312",
    name="notebook-section-order",
    summary="A section heading comes before a section the outline puts ahead of it.",
    section=SECTION,
    explanation=(
        "Readers expect the guide's order: data is loaded before the model is defined, and "
        "the model is trained before it is evaluated. The message shows the expected outline."
    ),
    bad="## Model\n...\n## Data Loading",
    good="## Data Loading\n...\n## Model",
)

SECTION_UNEXPLAINED = Rule(
    code="ML313",
    name="notebook-section-unexplained",
    summary="A section heading is not followed by explanatory markdown.",
    section=SECTION,
    explanation=(
        "The guide asks for markdown explaining each section: a heading alone does not say "
        "what the code below does or why. Write at least one sentence under the heading, in "
        "the same cell or the next markdown cell, before the section's code; a line of one "
        'word ("Libraries.") or a horizontal rule does not count.'
    ),
    bad="## Training\n(code cell)",
    good="## Training\nTrain for 3 epochs with AdamW; the loss should fall below 2.0.\n(code)",
)

IMPORT_PLACEMENT = Rule(
    code="ML314",
    name="notebook-import-placement",
    summary="A top-level import is outside the imports and setup section.",
    section=SECTION,
    explanation=(
        "Imports belong together in the imports and setup section, so that a reader sees "
        "every dependency at once and a restarted kernel fails early. Imports inside "
        "functions are not affected."
    ),
    bad="## Training\n(code) import torch.optim as optim",
    good="## Imports and Setup\n(code) import torch.optim as optim",
)

HYPERPARAMETER_PLACEMENT = Rule(
    code="ML315",
    name="notebook-hyperparameter-placement",
    summary="A hyperparameter constant is defined outside the configuration section.",
    section=SECTION,
    explanation=(
        "Module-level constants (UPPER_CASE names bound to literal values, such as "
        "`LEARNING_RATE = 3e-4`) are the notebook's configuration: keep them in the "
        "configuration/hyperparameters section so a reader can see and change them in one place."
    ),
    bad="## Training\n(code) LEARNING_RATE = 3e-4",
    good="## Configuration\n(code) LEARNING_RATE = 3e-4",
)

HYGIENE = (INVALID, OUTPUTS, EXECUTION_COUNT, NOISE_METADATA, ERROR_OUTPUT)
STRUCTURE = (
    TITLE,
    SECTION_MISSING,
    SECTION_ORDER,
    SECTION_UNEXPLAINED,
    IMPORT_PLACEMENT,
    HYPERPARAMETER_PLACEMENT,
)
RULES = HYGIENE + STRUCTURE
