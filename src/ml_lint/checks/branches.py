"""Branch-name rules: ``<prefix>/<kebab-case-description>``."""

from __future__ import annotations

import fnmatch
import re

from ml_lint.config import BranchOptions
from ml_lint.model import Finding, finding
from ml_lint.rules import branches as rules
from ml_lint.suggest import nearest

DESCRIPTION = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
STRAY_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")  # dots only inside version numbers like 1.2


def check_branch(name: str, options: BranchOptions) -> list[Finding]:
    """Check one branch name.

    Args:
        name: The branch name, without ``refs/heads/``.
        options: ``[tool.ml-lint.branches]``.

    Returns:
        The findings; each points at ``branch:<name>`` and ends with a suggested name.
    """
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in options.exempt):
        return []
    path = f"branch:{name}"
    findings: list[Finding] = []
    prefixes = options.allowed_prefixes()
    if len(name) > options.max_length:
        message = f"branch name is {len(name)} characters, more than {options.max_length}"
        findings.append(finding(rules.BRANCH_TOO_LONG, path, message))
    prefix, slash, description = name.partition("/")
    if not slash:
        message = (
            f"branch {name!r} has no prefix; name it `<prefix>/<description>` with a prefix "
            f"from {', '.join(prefixes)}: try {suggest_name(name, options)!r}"
        )
        return [*findings, finding(rules.BRANCH_FORMAT, path, message)]
    if prefix not in prefixes:
        guess = nearest(prefix, prefixes)
        hint = f"did you mean {guess!r}? " if guess else ""
        message = (
            f"unknown branch prefix {prefix!r}; {hint}allowed prefixes: {', '.join(prefixes)}; "
            f"try {suggest_name(name, options)!r}"
        )
        findings.append(finding(rules.BRANCH_PREFIX, path, message))
    if not DESCRIPTION.fullmatch(description) or STRAY_DOT.search(description):
        message = (
            f"description {description!r} must be lowercase words, digits and hyphens "
            f"(dots only in versions); try {suggest_name(name, options)!r}"
        )
        findings.append(finding(rules.BRANCH_FORMAT, path, message, column=len(prefix) + 2))
    return findings


def suggest_name(name: str, options: BranchOptions) -> str:
    """A corrected branch name: a known prefix and a kebab-case description.

    Args:
        name: The branch name to correct.
        options: ``[tool.ml-lint.branches]``.

    Returns:
        The suggestion, cut to ``max-length``.
    """
    prefixes = options.allowed_prefixes()
    prefix, slash, description = name.partition("/")
    if not slash:
        prefix, description = prefixes[0] if prefixes else "feature", name
    elif prefix not in prefixes:
        prefix = nearest(prefix, prefixes) or (prefixes[0] if prefixes else prefix.lower())
    if not description.isascii():  # "Ünïcode" -> "Unicode": accents off, as in a URL slug
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", description)
        description = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", description)  # camelCase -> camel-Case
    slug = re.sub(r"[^a-z0-9.]+", "-", words.lower())
    slug = STRAY_DOT.sub("-", slug)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    return f"{prefix}/{slug or 'description'}"[: options.max_length].rstrip("-")
