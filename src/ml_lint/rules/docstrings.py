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

RULES = (DOCSTRING_MISSING, TYPE_HINTS_MISSING)
