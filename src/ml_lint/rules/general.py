"""ML0xx: findings about the run itself and the guide's general Python style."""

from ml_lint.model import Rule

INTERNAL_ERROR = Rule(
    code="ML001",
    name="internal-error",
    summary="A checker failed on this file; the other files and checkers still ran.",
    section="(ml-lint)",
    explanation=(
        "ml-lint isolates every checker: if one raises an exception on a file, the run goes on "
        "and this finding names the checker, the file and the exception. Please report it "
        "with the file (or a minimal copy) attached."
    ),
    bad="(any file that makes a checker crash)",
    good="(the same file once the checker is fixed)",
)

UNREADABLE_FILE = Rule(
    code="ML002",
    name="unreadable-file",
    summary="A file that rules need to read cannot be read or is not valid UTF-8.",
    section="(ml-lint)",
    explanation=(
        "Python sources and notebooks must be UTF-8 text. The file is reported once and no "
        "other rule runs on it. Binary files with other extensions are skipped silently."
    ),
    bad="# a .py file saved as Latin-1:\nname = 'caf\\xe9'",
    good="# the same file saved as UTF-8:\nname = 'café'",
)

SYNTAX_ERROR = Rule(
    code="ML003",
    name="syntax-error",
    summary="A Python file does not parse, so no Python rule could check it.",
    section="Python Style Guide",
    explanation=(
        "Rules that read Python parse each file once, with the Python ml-lint runs on. A "
        "file that does not parse gets this finding at the error's position and is otherwise "
        "skipped. Where the line holds syntax of a newer Python (a generic function of 3.12, "
        "say), the message names it and the Python to run ml-lint on instead."
    ),
    bad="def train(model:\n    pass",
    good="def train(model):\n    pass",
)

UNUSED_SUPPRESSION = Rule(
    code="ML004",
    name="unused-suppression",
    summary="An `ml-lint: ignore[...]` comment is malformed or suppresses nothing.",
    section="(ml-lint)",
    explanation=(
        "A malformed directive (`ignore [x]`, `ignore[]`, an unclosed bracket, `ignore-file` "
        "after code) suppresses nothing and is always reported. Unused suppressions are "
        "reported with --report-unused-ignores (which reports them even when ML004 is not "
        "selected, unless it is ignored): one that no longer matches a finding hides nothing "
        "today and would silently hide a future problem; remove it. A suppression of a rule "
        "that did not run on the file is not reported: whether it is used cannot be told."
    ),
    bad="x = 1  # ml-lint: ignore",
    good="x = 1",
    severity="warning",
)

LINE_TOO_LONG = Rule(
    code="ML010",
    name="line-too-long",
    summary="A Python line is longer than the configured maximum (100 characters).",
    section="Python Style Guide",
    explanation=(
        "The guide sets the maximum line length to 100 characters. Lengths count characters, "
        "not bytes. A line whose only content past the limit is a URL is exempt, since URLs "
        "cannot be wrapped, and so is a line that is long only through the pragma comments "
        "that end it (# noqa, # type: ignore, # ml-lint: ignore[...]), which must stay on "
        "their line. Configure with [tool.ml-lint.style] max-line-length."
    ),
    bad=(
        "loss = criterion(model(batch['input_ids'], attention_mask=batch['mask']), "
        "batch['labels'], reduction='mean')"
    ),
    good=(
        "logits = model(batch['input_ids'], attention_mask=batch['mask'])\n"
        "loss = criterion(logits, batch['labels'], reduction='mean')"
    ),
)

TAB_INDENTATION = Rule(
    code="ML011",
    name="tab-indentation",
    summary="A Python line is indented with tabs instead of 4 spaces.",
    section="Python Style Guide",
    explanation=(
        "The guide asks for 4 spaces per indentation level (PEP 8). A docstring's lines count"
        " as indented; the text of another multi-line string is the string's own and does not."
    ),
    bad="def f():\n\treturn 1",
    good="def f():\n    return 1",
)

RULES = (
    INTERNAL_ERROR,
    UNREADABLE_FILE,
    SYNTAX_ERROR,
    UNUSED_SUPPRESSION,
    LINE_TOO_LONG,
    TAB_INDENTATION,
)
