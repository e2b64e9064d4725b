"""ML2xx: Google-style docstrings and type hints (guide: Documentation Standards, Style)."""

from ml_lint.model import Rule

DOCSTRING_MISSING = Rule(
    code="ML201",
    name="docstring-missing",
    summary="A public module, class, function or method has no docstring.",
    section="Documentation Standards",
    explanation=(
        "Public code is documented with a Google-style docstring: a one-line summary, then "
        "Args, Returns (or Yields) and Raises sections as they apply. Public follows the "
        "leading underscore and, where a module defines `__all__`, that list. Exempt by "
        "default: tests, private and magic methods, `__init__` when the class is documented, "
        "`@overload` stubs, property setters and deleters, `@override` methods, and an "
        "`nn.Module`'s `forward` when the class is documented. Configure "
        "[tool.ml-lint.docstrings]."
    ),
    bad="def attention(query, key, value):\n    return softmax(query @ key.T) @ value",
    good=(
        "def attention(query, key, value):\n"
        '    """Scaled dot-product attention.\n\n'
        "    Args:\n        query: (batch, seq, d) queries.\n        key: (batch, seq, d) keys.\n"
        "        value: (batch, seq, d) values.\n\n"
        '    Returns:\n        The attended values.\n    """'
    ),
    preview=True,
)

TYPE_HINTS_MISSING = Rule(
    code="ML202",
    name="type-hints-missing",
    summary="A public function has a parameter or return value without a type hint.",
    section="Python Style Guide",
    explanation=(
        "The guide says to add type hints: every parameter of a public function (but `self` "
        "and `cls`) and its return value are annotated. `__init__` may omit `-> None`. "
        "Private functions are exempt unless [tool.ml-lint.docstrings] type-hints-private "
        "is set."
    ),
    bad="def train(model, steps=100):\n    ...",
    good="def train(model: nn.Module, steps: int = 100) -> float:\n    ...",
    preview=True,
)


def _semantic(
    code: str,
    name: str,
    summary: str,
    explanation: str,
    bad: str,
    good: str,
    fixable: bool = False,
) -> Rule:
    return Rule(
        code,
        name,
        summary,
        "Documentation Standards",
        explanation,
        bad,
        good,
        fixable=fixable,
        preview=True,
    )


ARGS_MISSING = _semantic(
    "ML203",
    "docstring-args-missing",
    "A parameter of a documented public function is not in its Args section.",
    "Every parameter but `self` and `cls` is documented under Args, in the signature's "
    "order; a docstring with no Args section at all documents none. `*args` and `**kwargs` "
    "may be written with or without their stars. `--fix` adds each missing entry in the "
    "signature's order, with the annotation as its type and a placeholder description "
    "(`factor (float): TODO: describe factor.`), creating the section if there is none.",
    'def scale(x: float, factor: float) -> float:\n    """Scale x.\n\n    Args:\n'
    '        x: The value.\n    """',
    'def scale(x: float, factor: float) -> float:\n    """Scale x.\n\n    Args:\n'
    '        x: The value.\n        factor: The multiplier.\n    """',
    fixable=True,
)

ARGS_EXTRA = _semantic(
    "ML204",
    "docstring-args-extra",
    "The Args section documents a parameter the function does not have.",
    "An entry left over from an older signature misleads the reader; remove or rename it. "
    "`--fix --unsafe-fixes` removes it with its continuation lines; plain `--fix` does not, "
    "since the parameter may only have been renamed and its description is worth keeping. "
    "A list item that names no parameter (`- live: upload as it changes`, under the entry "
    "that lists the values) is read as a value, not reported, and never removed.",
    'def scale(x: float) -> float:\n    """Scale x.\n\n    Args:\n        x: The value.\n'
    '        factor: The multiplier.\n    """',
    'def scale(x: float) -> float:\n    """Scale x.\n\n    Args:\n        x: The value.\n    """',
)

ARGS_ORDER = _semantic(
    "ML205",
    "docstring-args-order",
    "The Args section lists parameters in another order than the signature.",
    "Readers match entries to the signature by position; keep the same order. `--fix` "
    "reorders the entries, each with its continuation lines.",
    'def scale(x: float, factor: float) -> None:\n    """Scale x.\n\n    Args:\n'
    '        factor: The multiplier.\n        x: The value.\n    """',
    'def scale(x: float, factor: float) -> None:\n    """Scale x.\n\n    Args:\n'
    '        x: The value.\n        factor: The multiplier.\n    """',
    fixable=True,
)

RETURNS_MISSING = _semantic(
    "ML206",
    "docstring-returns-missing",
    "A documented public function returns a value but has no Returns section.",
    "Functions that return a value say what it is under Returns. Not required for `-> None`, "
    "bare `return`, properties, abstract methods, `raise NotImplementedError` bodies, a "
    "default's lone `return None`, or a summary that starts with 'Returns'. "
    "`--fix` adds a Returns section with a placeholder to fill.",
    'def mean(xs: list[float]) -> float:\n    """Mean of xs.\n\n    Args:\n'
    '        xs: Values.\n    """\n    return sum(xs) / len(xs)',
    'def mean(xs: list[float]) -> float:\n    """Mean of xs.\n\n    Args:\n'
    '        xs: Values.\n\n    Returns:\n        The arithmetic mean.\n    """',
    fixable=True,
)

RETURNS_EXTRA = _semantic(
    "ML207",
    "docstring-returns-extra",
    "The docstring has a Returns section but the function returns nothing.",
    "A Returns section on a function that never returns a value describes nothing. A "
    "function annotated with a value whose body ends in a `raise` (a base method such as "
    "`def get(self) -> str: raise NotSupportedError()`) documents what its overrides return.",
    'def log(message: str) -> None:\n    """Log it.\n\n    Args:\n        message: The text.\n\n'
    '    Returns:\n        Nothing.\n    """\n    print(message)',
    'def log(message: str) -> None:\n    """Log it.\n\n    Args:\n        message: The text.\n'
    '    """\n    print(message)',
)

YIELDS_MISSING = _semantic(
    "ML208",
    "docstring-yields-missing",
    "A documented public generator has no Yields section.",
    "Generators (`yield`, `yield from`, async generators) describe what they yield under "
    "Yields, not Returns, or start their summary with 'Yields'. `--fix` adds a Yields "
    "section with a placeholder to fill.",
    'def batches(n: int) -> Iterator[int]:\n    """Batches.\n\n    Args:\n        n: Count.\n'
    '    """\n    yield from range(n)',
    'def batches(n: int) -> Iterator[int]:\n    """Batches.\n\n    Args:\n        n: Count.\n\n'
    '    Yields:\n        Batch indices.\n    """',
    fixable=True,
)

YIELDS_EXTRA = _semantic(
    "ML209",
    "docstring-yields-extra",
    "The docstring has a Yields section but the function is not a generator.",
    "Only generators yield; a function that returns an iterator documents it under Returns.",
    'def ids() -> list[int]:\n    """Ids.\n\n    Yields:\n        Ids.\n    """\n    return [1]',
    'def ids() -> list[int]:\n    """Ids.\n\n    Returns:\n        Ids.\n    """\n    return [1]',
)


RAISES_MISSING = _semantic(
    "ML210",
    "docstring-raises-missing",
    "An exception the function raises itself is not in its Raises section.",
    "Callers need to know what to catch: every exception type raised explicitly in the "
    "function's own body (`raise X`, `raise X(...) from e`, and a bare `raise` re-raising "
    "what an `except X:` caught) is listed under Raises. Raises inside nested functions, and "
    "raises that the function's own `try ... except` catches, are not the function's own. "
    "`--fix` adds a placeholder entry for each one missing.",
    'def load(path: str) -> bytes:\n    """Load.\n\n    Args:\n        path: File.\n\n'
    '    Returns:\n        Bytes.\n    """\n    raise FileNotFoundError(path)',
    'def load(path: str) -> bytes:\n    """Load.\n\n    Args:\n        path: File.\n\n'
    '    Returns:\n        Bytes.\n\n    Raises:\n        FileNotFoundError: If missing.\n    """',
    fixable=True,
)

RAISES_EXTRA = _semantic(
    "ML211",
    "docstring-raises-extra",
    "The Raises section lists an exception the function's body never raises.",
    "An exception documented but raised nowhere in the body (nested functions included) is "
    "usually left over from older code. Exceptions that only propagate from callees are "
    "flagged too, as in pydoclint; deselect this rule if your team documents those.",
    'def get(table: dict[str, int], key: str) -> int:\n    """The entry, or 0.\n\n    Args:\n'
    "        table: Entries.\n        key: Which.\n\n    Returns:\n        The entry.\n\n"
    '    Raises:\n        KeyError: Never, any more.\n    """\n    return table.get(key, 0)',
    'def get(table: dict[str, int], key: str) -> int:\n    """The entry, or 0.\n\n    Args:\n'
    '        table: Entries.\n        key: Which.\n\n    Returns:\n        The entry.\n    """\n'
    "    return table.get(key, 0)",
)

EXAMPLE_SYNTAX = _semantic(
    "ML212",
    "docstring-example-syntax",
    "A `>>>` line in an Example section is not valid Python.",
    "Examples are code readers copy and doctest runs: each `>>>` statement, with its `...` "
    "continuation lines, must parse (or, as xdoctest reads them, the run of `>>>` lines it "
    "is in).",
    'def show() -> None:\n    """Show it.\n\n    Example:\n        >>> scale(2, factor=)\n    """',
    'def show() -> None:\n    """Show it.\n\n    Example:\n        >>> scale(2, factor=3)\n'
    '        6\n    """',
)


ARGS_TYPE = _semantic(
    "ML213",
    "docstring-args-type",
    "A type written in Args disagrees with the parameter's annotation.",
    "Types in the docstring are optional, but when given they match the annotation. "
    "`Optional[X]`, `X | None` and `X, optional` are the same; so are `List` and `list`, "
    "the order of a union, `A or B` and `A | B`, `torch.Tensor` and `Tensor`, and a bare "
    "`dict` and `dict[str, int]`. `list of int or str` may mean `list[int] | str` or "
    "`list[int | str]`: it disagrees only when neither reading agrees. Markup "
    "(`` `int`, *optional* ``) and a default (`defaults to 1`) are not part of the type.",
    'def train(steps: int) -> None:\n    """Train.\n\n    Args:\n        steps (str): How many.\n'
    '    """',
    'def train(steps: int) -> None:\n    """Train.\n\n    Args:\n        steps (int): How many.\n'
    '    """',
)

ATTRIBUTES_MISSING = _semantic(
    "ML214",
    "docstring-attributes-missing",
    "A field of a dataclass, attrs, pydantic or NamedTuple class is not under Attributes.",
    "Fields are a data class's interface: each one is listed in the class docstring's "
    "Attributes section. Turn off with [tool.ml-lint.docstrings] check-attributes = false.",
    '@dataclass\nclass Config:\n    """Training settings."""\n\n    lr: float = 3e-4',
    '@dataclass\nclass Config:\n    """Training settings.\n\n    Attributes:\n'
    '        lr: Learning rate.\n    """\n\n    lr: float = 3e-4',
)

PLACEHOLDER = _semantic(
    "ML215",
    "docstring-placeholder",
    "A docstring still holds a `TODO: describe` placeholder.",
    "`ml-lint check --fix` repairs docstrings with placeholders, such as "
    "`x (int): TODO: describe x.` for a missing Args entry, for the author to replace with "
    "a real description. Until then the docstring only looks complete, so every "
    "placeholder is reported where it is; one quoted as inline code (after a backtick) is "
    "text about placeholders and is not.",
    'def scale(x: float) -> None:\n    """Scale x.\n\n    Args:\n'
    '        x (float): TODO: describe x.\n    """',
    'def scale(x: float) -> None:\n    """Scale x.\n\n    Args:\n'
    '        x (float): The value to scale.\n    """',
)

# Style: the rules pydocstyle's google convention selects, on every docstring (private and
# nested definitions included). Missing docstrings (D100-D107) are ML201, D417 is ML203 and
# D206 is ML011; the README maps every code.

EMPTY = _semantic(
    "ML220",
    "docstring-empty",
    "A docstring is empty or only whitespace.",
    "An empty docstring documents nothing, yet ML201 counts the definition as documented. "
    "Write a summary line, or delete the empty string. (pydocstyle D419.)",
    'def step() -> None:\n    """"""',
    'def step() -> None:\n    """Take one optimizer step."""',
)

ONE_LINE = _semantic(
    "ML221",
    "docstring-one-line",
    "A docstring with a single line of text spreads its quotes over several lines.",
    "A docstring that is one sentence fits on one line with its quotes. `--fix` joins it "
    "when the result fits the line length. (pydocstyle D200.)",
    'def step() -> None:\n    """\n    Take one optimizer step.\n    """',
    'def step() -> None:\n    """Take one optimizer step."""',
    fixable=True,
)

BLANK_BEFORE = _semantic(
    "ML222",
    "docstring-blank-line-before",
    "Blank lines separate a function's or class's docstring from its `def` or `class` line.",
    "The docstring comes right after the line that opens the definition: remove the blank "
    "lines. (pydocstyle D201 for functions, D211 for classes.)",
    'def step() -> None:\n\n    """Take one optimizer step."""',
    'def step() -> None:\n    """Take one optimizer step."""',
)

BLANK_AFTER = _semantic(
    "ML223",
    "docstring-blank-line-after",
    "Blank lines separate a function's docstring from the code that follows it.",
    "The function's body starts right after its docstring. One blank line is fine before "
    "an inner function or class (`def`, `class`, `async def` or a decorator), also with "
    "comments above it, as ruff's D202 reads it. (pydocstyle D202.)",
    'def step() -> None:\n    """Take one optimizer step."""\n\n    optimizer.step()',
    'def step() -> None:\n    """Take one optimizer step."""\n    optimizer.step()',
)

QUOTES = _semantic(
    "ML224",
    "docstring-quotes",
    'A docstring is not written with """triple double quotes""".',
    "Docstrings use `\"\"\"` (with an `r` prefix when they hold backslashes), and `'''` "
    'only when the text itself holds `"""`. (pydocstyle D300.)',
    "def step() -> None:\n    '''Take one optimizer step.'''",
    'def step() -> None:\n    """Take one optimizer step."""',
)

BACKSLASH = _semantic(
    "ML225",
    "docstring-backslash",
    'A docstring with backslashes is not a raw string (r""").',
    "In a plain string a backslash starts an escape, so `\\d` or `\\frac` in a docstring is "
    'a warning or another character. Write the docstring as `r"""..."""`. A backslash '
    "that ends a line and `\\u`/`\\N` escapes are allowed, and so is a line of click's "
    "`\\b` or `\\f` alone (a raw string would break them). Unlike pydocstyle, an "
    "uppercase `R` prefix counts as raw. (pydocstyle D301.)",
    'def pattern() -> str:\n    """Match \\d+ digits."""',
    'def pattern() -> str:\n    r"""Match \\d+ digits."""',
)

WHITESPACE = _semantic(
    "ML226",
    "docstring-whitespace",
    "Spaces separate a docstring's text from its quotes.",
    "The text starts right after the opening quotes, and a one-line docstring ends right "
    "before its closing quotes. `--fix` removes the spaces. (pydocstyle D210.)",
    'def step() -> None:\n    """ Take one optimizer step. """',
    'def step() -> None:\n    """Take one optimizer step."""',
    fixable=True,
)

SUMMARY_FIRST_LINE = _semantic(
    "ML227",
    "docstring-summary-first-line",
    "A multi-line docstring's summary does not start on the line of the opening quotes.",
    "Google style puts the summary right after the opening quotes, not on the next line. "
    "`--fix` moves it up. (pydocstyle D212.)",
    'def step() -> None:\n    """\n    Take one optimizer step.\n\n    Clips gradients first.\n'
    '    """',
    'def step() -> None:\n    """Take one optimizer step.\n\n    Clips gradients first.\n    """',
    fixable=True,
)

SUMMARY_BLANK_LINE = _semantic(
    "ML228",
    "docstring-summary-blank-line",
    "The summary line is not followed by exactly one blank line.",
    "Tools show the first line alone, so the summary is one line, and a single blank line "
    "separates it from the description. `--fix` removes extra blank lines; a summary that "
    "wraps onto a second line is yours to reword. (pydocstyle D205.)",
    'def step() -> None:\n    """Take one optimizer step\n    with clipped gradients.\n    """',
    'def step() -> None:\n    """Take one optimizer step.\n\n    Gradients are clipped first.\n'
    '    """',
    fixable=True,
)

SUMMARY_PUNCTUATION = _semantic(
    "ML229",
    "docstring-summary-punctuation",
    "The summary line does not end with a period, question mark or exclamation mark.",
    "The summary is a sentence. `--fix` adds the period when the summary is one line that "
    "ends in a letter, a digit, a closing bracket, a quote or a backtick. (pydocstyle D415.)",
    'def step() -> None:\n    """Take one optimizer step"""',
    'def step() -> None:\n    """Take one optimizer step."""',
    fixable=True,
)

SUMMARY_CAPITALIZED = _semantic(
    "ML230",
    "docstring-summary-capitalized",
    "A function's summary starts with a lowercase letter.",
    "The summary is a sentence and starts with a capital letter. A first word that is not "
    "plain letters (`torch.nn`, `x_0`) or is all capitals is left alone, and, unlike "
    "pydocstyle, so is one capitalized inside (`PyTorch`). (pydocstyle D403.)",
    'def step() -> None:\n    """take one optimizer step."""',
    'def step() -> None:\n    """Take one optimizer step."""',
)

SUMMARY_SIGNATURE = _semantic(
    "ML231",
    "docstring-summary-signature",
    "A function's summary repeats its signature.",
    "The signature is in the code and in `help()`; the summary says what the function "
    "does. (pydocstyle D402.)",
    'def scale(x, factor):\n    """scale(x, factor) -> float."""',
    'def scale(x, factor):\n    """Multiply x by factor."""',
)

UNDER_INDENTED = _semantic(
    "ML232",
    "docstring-under-indented",
    "A docstring line is indented less than the docstring's opening quotes.",
    "Every line of a docstring is indented at least as far as its opening quotes; "
    "`inspect.cleandoc` and documentation tools rely on it. (pydocstyle D207.)",
    'def step() -> None:\n    """Take one optimizer step.\n\n  Clips gradients first.\n    """',
    'def step() -> None:\n    """Take one optimizer step.\n\n    Clips gradients first.\n    """',
)

OVER_INDENTED = _semantic(
    "ML233",
    "docstring-over-indented",
    "A docstring's text or closing quotes are indented more than its opening quotes.",
    "The docstring's text and closing quotes line up with its opening quotes; only lines "
    "inside sections and examples are indented further. (pydocstyle D208.)",
    'def step() -> None:\n    """Take one optimizer step.\n\n      Clips gradients first.\n'
    '      """',
    'def step() -> None:\n    """Take one optimizer step.\n\n    Clips gradients first.\n    """',
)

CLOSING_QUOTES = _semantic(
    "ML234",
    "docstring-closing-quotes",
    "The closing quotes of a multi-line docstring are not on a line of their own.",
    "A docstring with more than one line of text ends with its closing quotes alone on the "
    "last line. `--fix` moves them there. (pydocstyle D209.)",
    'def step() -> None:\n    """Take one optimizer step.\n\n    Clips gradients first."""',
    'def step() -> None:\n    """Take one optimizer step.\n\n    Clips gradients first.\n    """',
    fixable=True,
)

SECTION_INDENTED = _semantic(
    "ML235",
    "docstring-section-indented",
    "A section title is indented more than the docstring.",
    "Section titles (`Args:`, `Returns:`, ...) line up with the docstring's opening quotes; "
    "tools do not read an indented title as a section. (pydocstyle D214.)",
    'def scale(x: float) -> None:\n    """Scale x.\n'
    '\n        Args:\n        x: The value.\n    """',
    'def scale(x: float) -> None:\n    """Scale x.\n\n    Args:\n        x: The value.\n    """',
)

SECTION_CASE = _semantic(
    "ML236",
    "docstring-section-case",
    "A section title is not capitalized as Google style spells it.",
    "Section titles are written `Args`, `Returns`, `See Also`, ...; tools match them "
    "exactly. `--fix` rewrites the title. (pydocstyle D405.)",
    'def half() -> float:\n    """Half of one.\n\n'
    '    returns:\n        A half.\n    """\n    return 0.5',
    'def half() -> float:\n    """Half of one.\n\n'
    '    Returns:\n        A half.\n    """\n    return 0.5',
    fixable=True,
)

SECTION_COLON = _semantic(
    "ML237",
    "docstring-section-colon",
    "A section title does not end with a colon.",
    "Google style writes section titles with a colon, `Returns:`; without it tools read "
    "the title as text. `--fix` adds the colon. (pydocstyle D416.)",
    'def half() -> float:\n    """Half of one.\n\n'
    '    Returns\n        A half.\n    """\n    return 0.5',
    'def half() -> float:\n    """Half of one.\n\n'
    '    Returns:\n        A half.\n    """\n    return 0.5',
    fixable=True,
)

SECTION_BLANK_BEFORE = _semantic(
    "ML238",
    "docstring-section-blank-line-before",
    "A section title is not preceded by a blank line.",
    "A blank line separates each section from the text or section before it. "
    "`--fix` adds it. (pydocstyle D411; pydocstyle also reports the same missing line as D410 on "
    "the section before. A title with its colon right after an entry of the section before, "
    "as in the example, is a title here; pydocstyle reads it as text unless the entry ends "
    "with punctuation.)",
    'def scale(x: float) -> float:\n    """Scale x.\n\n    Args:\n        x: The value.\n'
    '    Returns:\n        The result.\n    """\n    return 2 * x',
    'def scale(x: float) -> float:\n    """Scale x.\n\n    Args:\n        x: The value.\n\n'
    '    Returns:\n        The result.\n    """\n    return 2 * x',
    fixable=True,
)

SECTION_BLANK_AFTER = _semantic(
    "ML239",
    "docstring-section-blank-line-after",
    "Blank lines separate a section title from the section's content.",
    "A section's content starts on the line after its title. `--fix` removes the blank "
    "lines, where the content is indented under the title: a `.. code-block::` at the "
    "title's indentation needs its blank line to stay a directive. (pydocstyle D412.)",
    'def scale(x: float) -> None:\n    """Scale x.\n\n    Args:\n\n        x: The value.\n    """',
    'def scale(x: float) -> None:\n    """Scale x.\n\n    Args:\n        x: The value.\n    """',
    fixable=True,
)

SECTION_EMPTY = _semantic(
    "ML240",
    "docstring-section-empty",
    "A section has a title but no content.",
    "Write what the section documents, or remove its title. (pydocstyle D414.)",
    'def half() -> float:\n    """Half of one.\n\n    Returns:\n\n    """\n    return 0.5',
    'def half() -> float:\n    """Half of one.\n\n'
    '    Returns:\n        A half.\n    """\n    return 0.5',
)

OVERLOAD = _semantic(
    "ML241",
    "docstring-overload",
    "An `@overload` stub has a docstring.",
    "Overload stubs are for type checkers and are replaced by the implementation, whose "
    "docstring is the one `help()` shows: document the implementation instead. Unlike "
    "pydocstyle, `@typing.overload` counts too. (pydocstyle D418.)",
    '@overload\ndef scale(x: int) -> int:\n    """Scale an int."""',
    "@overload\ndef scale(x: int) -> int: ...",
)

NUMPY_STYLE = _semantic(
    "ML242",
    "docstring-numpy-style",
    "A docstring is written in NumPy style (underlined section titles), not Google style.",
    "The guide asks for Google-style docstrings. A NumPy-style docstring (`Parameters` "
    "underlined with dashes, `name : type` entries) gets this one finding instead of the "
    "Args, Returns, Raises and section findings that would misread it: those rules skip it "
    "until it is rewritten. Write `Args:`, `Returns:` and `Raises:` titles with a colon and "
    "no underline, and entries indented under them as `name (type): description`. `--fix` "
    "rewrites it so: titles lose their underline and gain a colon (`Parameters` becomes "
    "`Args:`), `name : type` becomes `name (type): description`, a Returns or Yields type "
    "`type: description`, and each section's text (Notes, Examples and their doctests) is "
    "indented under its title as written. The fix only moves text, and checks that every "
    "word and symbol is kept, so it needs no `--unsafe-fixes`; a docstring it cannot read "
    "with certainty (`x, y : int`, a section it does not know, tabs, a raw string) is left "
    "as it is, and the finding says why. The rewritten docstring is then checked as any "
    "Google one, and the same `--fix` adds what the Args, Returns and Raises rules find "
    "missing.",
    'def scale(x: float) -> float:\n    """Scale x.\n\n    Parameters\n    ----------\n'
    '    x : float\n        The value.\n    """\n    return 2 * x',
    'def scale(x: float) -> float:\n    """Scale x.\n\n    Args:\n'
    '        x (float): The value.\n    """\n    return 2 * x',
    fixable=True,
)

STYLE = (
    EMPTY,
    ONE_LINE,
    BLANK_BEFORE,
    BLANK_AFTER,
    QUOTES,
    BACKSLASH,
    WHITESPACE,
    SUMMARY_FIRST_LINE,
    SUMMARY_BLANK_LINE,
    SUMMARY_PUNCTUATION,
    SUMMARY_CAPITALIZED,
    SUMMARY_SIGNATURE,
    UNDER_INDENTED,
    OVER_INDENTED,
    CLOSING_QUOTES,
    SECTION_INDENTED,
    SECTION_CASE,
    SECTION_COLON,
    SECTION_BLANK_BEFORE,
    SECTION_BLANK_AFTER,
    SECTION_EMPTY,
    OVERLOAD,
    NUMPY_STYLE,
)

# Removing what the author wrote may lose information: only `--fix --unsafe-fixes` does it.
UNSAFE_FIXES = frozenset({ARGS_EXTRA.code})

RULES = (
    DOCSTRING_MISSING,
    TYPE_HINTS_MISSING,
    ARGS_MISSING,
    ARGS_EXTRA,
    ARGS_ORDER,
    RETURNS_MISSING,
    RETURNS_EXTRA,
    YIELDS_MISSING,
    YIELDS_EXTRA,
    RAISES_MISSING,
    RAISES_EXTRA,
    EXAMPLE_SYNTAX,
    ARGS_TYPE,
    ATTRIBUTES_MISSING,
    PLACEHOLDER,
    *STYLE,
)
