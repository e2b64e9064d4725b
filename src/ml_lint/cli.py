"""Command-line parsing only: each subcommand is dispatched to ``ml_lint.commands``.

Only this module and the command modules print or choose exit codes:
0 clean, 1 findings, 2 usage, configuration or git errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ml_lint import __version__

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", metavar="FILE", help="pyproject.toml to read (default: nearest)"
    )


def _add_selection(parser: argparse.ArgumentParser) -> None:
    _add_config_options(parser)
    group = parser.add_argument_group("rule selection (codes, names, prefixes like ML1, or ALL)")
    group.add_argument("--select", action="append", metavar="RULES", help="replace selected rules")
    group.add_argument("--extend-select", action="append", metavar="RULES", help="add rules")
    group.add_argument("--ignore", action="append", metavar="RULES", help="remove rules")


def _add_output(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
    group.add_argument("--format", choices=FORMATS, default="text", help="report format")
    group.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE")
    group.add_argument("--statistics", action="store_true", help="text: only counts per rule")
    group.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="text colours"
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``ml-lint`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="ml-lint",
        description="Enforce an ML team's best-practices guide in commits, branches and files.",
    )
    parser.add_argument("--version", action="version", version=f"ml-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser("check", help="check files, and optionally commits and the branch")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    check.add_argument("--commits", metavar="REV_RANGE", help="also check commit messages")
    check.add_argument("--branch", metavar="NAME|auto", help="also check a branch name")
    check.add_argument("--staged", action="store_true", help="check staged content (git index)")
    check.add_argument("--jobs", "-j", type=int, default=1, help="parallel processes; 0 = all CPUs")
    check.add_argument("--fix", action="store_true", help="apply automatic fixes")
    check.add_argument(
        "--report-unused-ignores", action="store_true", help="report suppressions that hide nothing"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    _add_selection(check)
    _add_output(check)

    msg = sub.add_parser("commit-msg", help="check a commit message file (commit-msg hook)")
    msg.add_argument("file", metavar="FILE", help="the message file git passes to the hook")
    msg.add_argument(
        "--in-range", action="store_true", help="judge it like `check --commits` (autosquash)"
    )
    _add_selection(msg)

    branch = sub.add_parser("branch", help="check a branch name (default: the current one)")
    branch.add_argument("--name", help="the branch name to check")
    _add_selection(branch)

    push = sub.add_parser("pre-push", help="pre-push hook: branch and the commits being pushed")
    push.add_argument("remote", nargs="?", help="remote name (git passes it)")
    push.add_argument("url", nargs="?", help="remote URL (git passes it)")
    _add_selection(push)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    rule = sub.add_parser("rule", help="explain one rule, with a failing and a passing example")
    rule.add_argument("rule", metavar="CODE|NAME")

    config = sub.add_parser("config", help="print the resolved configuration")
    config.add_argument("--format", choices=("text", "json"), default="text")
    _add_selection(config)

    install = sub.add_parser("install-hooks", help="install plain git hooks into this repo")
    install.add_argument(
        "--hook",
        action="append",
        choices=("commit-msg", "pre-commit", "pre-push"),
        help="hook to install (default: all three)",
    )
    install.add_argument("--force", action="store_true", help="replace foreign hooks (backed up)")
    return parser


COMMANDS = {
    "check": "ml_lint.commands.check:run",
    "commit-msg": "ml_lint.commands.git_hooks:commit_msg",
    "branch": "ml_lint.commands.git_hooks:branch",
    "pre-push": "ml_lint.commands.git_hooks:pre_push",
    "install-hooks": "ml_lint.commands.install:run",
    "rules": "ml_lint.commands.info:rules",
    "rule": "ml_lint.commands.info:rule",
    "config": "ml_lint.commands.info:config",
}


def _split(values: list[str] | None) -> list[str] | None:
    """``--select A,B --select C`` -> ``[A, B, C]``."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ml-lint`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check" and args.fix and args.staged:
        parser.error("--fix rewrites the working tree, so it cannot be combined with --staged")
    for name in ("select", "extend_select", "ignore"):
        if hasattr(args, name):
            setattr(args, name, _split(getattr(args, name)))
    module, function = COMMANDS[args.command].split(":")
    from ml_lint.config import ConfigError
    from ml_lint.gitutil import GitError

    try:
        code: int = getattr(importlib.import_module(module), function)(args)
    except (ConfigError, GitError, FileNotFoundError) as error:
        print(f"ml-lint: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code
