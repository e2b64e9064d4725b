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
    "since the parameter may only have been renamed and its description is worth keeping.",
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
    '"""...\n\n    Args:\n        factor: The multiplier.\n        x: The value.\n    """',
    '"""...\n\n    Args:\n        x: The value.\n        factor: The multiplier.\n    """',
    fixable=True,
)

RETURNS_MISSING = _semantic(
    "ML206",
    "docstring-returns-missing",
    "A documented public function returns a value but has no Returns section.",
    "Functions that return a value say what it is under Returns. Not required for `-> None`, "
    "bare `return`, properties, abstract methods and `raise NotImplementedError` bodies. "
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
    "A Returns section on a function that never returns a value describes nothing.",
    'def log(message: str) -> None:\n    """Log it.\n\n    Returns:\n        Nothing.\n    """',
    'def log(message: str) -> None:\n    """Log it."""',
)

YIELDS_MISSING = _semantic(
    "ML208",
    "docstring-yields-missing",
    "A documented public generator has no Yields section.",
    "Generators (`yield`, `yield from`, async generators) describe what they yield under "
    "Yields, not Returns. `--fix` adds a Yields section with a placeholder to fill.",
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
    "what an `except X:` caught) is listed under Raises. Raises inside nested functions are "
    "not the function's own. `--fix` adds a placeholder entry for each one missing.",
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
    '"""...\n\n    Raises:\n        KeyError: Never, any more.\n    """',
    '"""..."""',
)

EXAMPLE_SYNTAX = _semantic(
    "ML212",
    "docstring-example-syntax",
    "A `>>>` line in an Example section is not valid Python.",
    "Examples are code readers copy and doctest runs: each `>>>` statement, with its `...` "
    "continuation lines, must parse.",
    '"""...\n\n    Example:\n        >>> scale(2, factor=)\n    """',
    '"""...\n\n    Example:\n        >>> scale(2, factor=3)\n        6\n    """',
)


ARGS_TYPE = _semantic(
    "ML213",
    "docstring-args-type",
    "A type written in Args disagrees with the parameter's annotation.",
    "Types in the docstring are optional, but when given they match the annotation. "
    "`Optional[X]`, `X | None` and `X, optional` are the same; so are `List` and `list`, "
    "and the order of a union.",
    '"""...\n\n    Args:\n        steps (str): How many.\n    """  # def train(steps: int)',
    '"""...\n\n    Args:\n        steps (int): How many.\n    """  # def train(steps: int)',
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
    "placeholder is reported where it is.",
    '"""Scale x.\n\n    Args:\n        x (float): TODO: describe x.\n    """',
    '"""Scale x.\n\n    Args:\n        x (float): The value to scale.\n    """',
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
)
