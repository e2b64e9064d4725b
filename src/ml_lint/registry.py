"""Every rule ml-lint knows, and the selectors (codes, names, prefixes) that pick them."""

from __future__ import annotations

import importlib

from ml_lint.model import Rule

# Each module under ml_lint.rules declares RULES; adding a family means adding it here.
FAMILY_MODULES = ("general", "commits", "branches", "docstrings", "notebooks", "secrets")

_RULES: tuple[Rule, ...] = ()


class UnknownSelector(ValueError):
    """A selector that names no rule, with a hint listing what would have."""


def all_rules() -> tuple[Rule, ...]:
    """All rules, sorted by code.

    Returns:
        The rules of every family, imported on the first call and cached.
    """
    global _RULES
    if not _RULES:
        rules: list[Rule] = []
        for family in FAMILY_MODULES:
            rules.extend(importlib.import_module(f"ml_lint.rules.{family}").RULES)
        _RULES = tuple(sorted(rules, key=lambda rule: rule.code))
    return _RULES


def default_selection() -> frozenset[str]:
    """What runs without a ``select``: every rule but those in preview.

    Returns:
        The codes of the rules not in preview.
    """
    return frozenset(rule.code for rule in all_rules() if not rule.preview)


def get(selector: str) -> Rule:
    """The one rule whose code or name is ``selector``.

    Args:
        selector: A rule code or name, in any case; surrounding whitespace is ignored.

    Returns:
        The rule.

    Raises:
        UnknownSelector: If no rule has that code or name.
    """
    key = selector.strip()
    for rule in all_rules():
        if key.upper() == rule.code or key.lower() == rule.name:
            return rule
    raise UnknownSelector(_unknown_message(key, selection=False))


def select(selector: str) -> frozenset[str]:
    """The codes a selector picks: a code, a name, a code prefix such as ``ML1``, or ``ALL``.

    Args:
        selector: The selector, in any case; surrounding whitespace is ignored.

    Returns:
        The codes of the rules picked.

    Raises:
        UnknownSelector: If the selector picks no rule.
    """
    key = selector.strip()
    if key.upper() == "ALL":
        return frozenset(rule.code for rule in all_rules())
    codes = frozenset(
        rule.code
        for rule in all_rules()
        if key.lower() == rule.name
        or (key.upper().startswith("ML") and rule.code.startswith(key.upper()))
    )
    if not codes:
        raise UnknownSelector(_unknown_message(key))
    return codes


def _unknown_message(key: str, selection: bool = True) -> str:
    """What to say of a selector no rule answers to: the close ones, and where the rest are.

    A selection (``--select``, ``ignore``...) also takes ALL and family prefixes; one rule
    (``ml-lint rule``) does not.
    """
    import difflib

    rules = all_rules()
    choices = [rule.code for rule in rules] + [rule.name for rule in rules]
    close = difflib.get_close_matches(key, choices, n=3, cutoff=0.6)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    families = ", ".join(sorted({rule.family for rule in rules}))
    valid = f"ALL, a family prefix ({families}), or a rule's code or name" if selection else ""
    return (
        f"unknown rule {key!r}.{hint} "
        + (f"Valid choices: {valid}; " if valid else "")
        + "`ml-lint rules` lists every rule"
    )
