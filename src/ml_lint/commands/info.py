"""``ml-lint rules``, ``ml-lint rule CODE`` and ``ml-lint config``: what ml-lint knows."""

from __future__ import annotations

import argparse
import json
import sys

from ml_lint import registry
from ml_lint.commands import load_config
from ml_lint.model import Rule


def rules_table(rules: tuple[Rule, ...]) -> str:
    """The rule table in markdown, as the README shows it.

    Args:
        rules: The rules, in table order.

    Returns:
        The table, with a final newline.
    """
    rows = ["| code | name | summary | guide section | fix |", "|---|---|---|---|:-:|"]
    for rule in rules:
        fix = "yes" if rule.fixable else ""
        summary = f"{rule.summary} (preview)" if rule.preview else rule.summary
        rows.append(f"| {rule.code} | `{rule.name}` | {summary} | {rule.section} | {fix} |")
    return "\n".join(rows) + "\n"


def rules(args: argparse.Namespace) -> int:
    """List every rule.

    Args:
        args: The parsed command line.

    Returns:
        0.
    """
    all_rules = registry.all_rules()
    if args.format == "json":
        data = [{**rule._asdict(), "family": rule.family} for rule in all_rules]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(rules_table(all_rules), end="")
    else:
        width = max(len(rule.name) for rule in all_rules)
        for rule in all_rules:
            fix = " [fix]" if rule.fixable else ""
            preview = " [preview]" if rule.preview else ""
            print(f"{rule.code}  {rule.name:<{width}}  {rule.summary}{fix}{preview}")
    return 0


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def rule(args: argparse.Namespace) -> int:
    """Explain one rule.

    Args:
        args: The parsed command line.

    Returns:
        0, or 2 if no rule has the code or name given.
    """
    try:
        found = registry.get(args.rule)
    except registry.UnknownSelector as error:
        try:  # ALL or a prefix: a selection, not one rule
            codes = sorted(registry.select(args.rule))
        except registry.UnknownSelector:
            print(f"ml-lint: error: {error}", file=sys.stderr)
            return 2
        print(
            f"ml-lint: error: {args.rule!r} selects {len(codes)} rules ({codes[0]}-{codes[-1]}); "
            f"name one of them, or list them with `ml-lint rules`",
            file=sys.stderr,
        )
        return 2
    print(f"{found.code} {found.name}: {found.summary}\n")
    print(f"Guide section: {found.section}")
    print(f"Severity: {found.severity}; fixable: {'yes' if found.fixable else 'no'}\n")
    print(found.explanation + "\n")
    print("Fails:\n" + _indent(found.bad) + "\n")
    print("Passes:\n" + _indent(found.good))
    print("\n" + _how_to_suppress(found))
    return 0


# Rules whose findings no comment on a line can cover: they are about a whole file or
# notebook, or about text (markdown, JSON, an unreadable file) that holds no ml-lint comment.
WHOLE_FILE = frozenset(
    {"ML001", "ML002", "ML301", "ML303", "ML304", "ML310", "ML311", "ML312", "ML313", "ML405"}
)
KEEP_OUTPUT = frozenset({"ML302", "ML305"})  # a cell's metadata may say its outputs stay


def _how_to_suppress(rule: Rule) -> str:
    turn_off = f"add {rule.name!r} to `ignore` in [tool.ml-lint]"
    if rule.target != "file":
        return f"To turn it off, {turn_off}."
    for_some = f"turn it off for some files in [tool.ml-lint.per-file-ignores], or {turn_off}"
    if rule.code in KEEP_OUTPUT:
        return f'Keep a cell\'s outputs with `"keep_output": true` in its metadata; or {for_some}.'
    if rule.code in WHOLE_FILE:
        return f"No comment on a line covers it: {for_some}."
    return f"Suppress one line with `# ml-lint: ignore[{rule.name}]`; or {for_some}."


def config(args: argparse.Namespace) -> int:
    """Print the resolved configuration.

    Args:
        args: The parsed command line.

    Returns:
        0.
    """
    settings = load_config(args).as_dict()
    if args.format == "json":
        print(json.dumps(settings, indent=2))
        return 0
    for key, value in settings.items():
        if isinstance(value, dict) and key != "per-file-ignores":
            print(f"[{key}]")
            for option, setting in value.items():
                print(f"  {option} = {json.dumps(setting)}")
        else:
            print(f"{key} = {json.dumps(value)}")
    return 0
