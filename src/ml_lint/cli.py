"""Command-line parsing only: each subcommand is dispatched to ``ml_lint.commands``.

Only this module and the command modules print or choose exit codes:
0 clean, 1 findings, 2 usage, configuration or git errors.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from collections.abc import Callable

from ml_lint import __version__

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")  # modules in ml_lint.report


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, minus the ``shutil`` import it makes to learn the width.

    argparse builds a formatter for every ``add_argument`` call, and importing ``shutil``
    (with its compression modules) is a noticeable part of the commit-msg hook's start-up.
    """

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            try:
                columns = os.get_terminal_size().columns
            except (ValueError, OSError):  # not a terminal
                columns = 80
        super().__init__(prog, width=columns - 2)


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
    group.add_argument(
        "--only", action="append", metavar="RULES", help="keep only these of the selection"
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
    group.add_argument("--format", choices=FORMATS, default="text", help="report format")
    group.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE")
    group.add_argument("--statistics", action="store_true", help="text: only counts per rule")
    group.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="text colours"
    )


def _add_cache(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("cache of unchanged files' findings")
    group.add_argument(
        "--no-cache", action="store_true", help="check every file (also: ML_LINT_NO_CACHE=1)"
    )
    group.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where to keep it (also: ML_LINT_CACHE_DIR; default: .ml_lint_cache next to "
        "the configuration)",
    )


def _jobs(value: str) -> int:
    """``--jobs``: a whole number, 0 or more."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected 0 or a positive whole number, got {value!r}")
    return int(value)


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories")
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="exclude the files named too, as pre-commit hooks should (also: force-exclude)",
    )


def _check(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser)
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="check stdin as the file PATH (an editor's buffer); with --fix, print it fixed",
    )
    parser.add_argument("--commits", metavar="REV_RANGE", help="also check commit messages")
    parser.add_argument("--branch", metavar="NAME|auto", help="also check a branch name")
    parser.add_argument("--staged", action="store_true", help="check staged content (git index)")
    parser.add_argument("--fix", action="store_true", help="repair what fixable rules flag")
    parser.add_argument(
        "--fix-only", action="store_true", help="repair, then exit 0 without reporting the rest"
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix: also apply fixes that remove text (e.g. stale Args entries)",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write no file; exit 1 if there are any, "
        "or if a file could not be read",
    )
    parser.add_argument(
        "--add-ignores",
        action="store_true",
        help="add `# ml-lint: ignore[...]` comments for every finding (to adopt rules on old code)",
    )
    parser.add_argument(
        "--jobs", "-j", type=_jobs, default=1, metavar="N", help="processes; 0 = one per CPU"
    )
    parser.add_argument(
        "--report-unused-ignores", action="store_true", help="report suppressions that hide nothing"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    _add_cache(parser)
    _add_selection(parser)
    _add_output(parser)


def _secrets(parser: argparse.ArgumentParser) -> None:
    _add_paths(parser)
    mode = parser.add_argument_group("what to scan (default: the files, as `check` finds them)")
    mode.add_argument("--staged", action="store_true", help="staged content (git index)")
    mode.add_argument(
        "--history",
        nargs="?",
        const="HEAD",
        metavar="REV_RANGE",
        help="the lines each commit added (default range: HEAD, i.e. every commit)",
    )
    mode.add_argument(
        "--pre-push",
        action="store_true",
        help="the commits being pushed (pre-push hook: pre-commit's env or git's stdin)",
    )
    base = parser.add_argument_group("baseline of accepted findings")
    base.add_argument(
        "--baseline",
        metavar="FILE",
        help="do not report findings listed in FILE (default: `baseline` in "
        "[tool.ml-lint.secrets])",
    )
    base.add_argument(
        "--update-baseline",
        action="store_true",
        help="write the current findings to the baseline instead of reporting them",
    )
    parser.add_argument(
        "--jobs", "-j", type=_jobs, default=1, metavar="N", help="processes; 0 = one per CPU"
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    _add_cache(parser)
    _add_config_options(parser)
    group = parser.add_argument_group("rule selection (within ML4)")
    group.add_argument("--ignore", action="append", metavar="RULES", help="remove rules")
    group.add_argument("--only", action="append", metavar="RULES", help="keep only these")
    _add_output(parser)


def _commit_msg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the message file git passes to the hook")
    parser.add_argument(
        "--in-range", action="store_true", help="judge it like `check --commits` (autosquash)"
    )
    _add_selection(parser)


def _branch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", help="the branch name to check")
    _add_selection(parser)


def _pre_push(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("remote", nargs="?", help="remote name (git passes it)")
    parser.add_argument("url", nargs="?", help="remote URL (git passes it)")
    _add_selection(parser)


def _rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def _rule(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", metavar="CODE|NAME")


def _config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    _add_selection(parser)


def _install_hooks(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hook",
        action="append",
        choices=("commit-msg", "pre-commit", "pre-push"),
        help="hook to install (default: all three)",
    )
    parser.add_argument("--force", action="store_true", help="replace foreign hooks (backed up)")


# name: (help, arguments, implementation as "module:function")
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], str]] = {
    "check": (
        "check files, and optionally commits and the branch",
        _check,
        "ml_lint.commands.check:run",
    ),
    "commit-msg": (
        "check a commit message file (commit-msg hook)",
        _commit_msg,
        "ml_lint.commands.git_hooks:commit_msg",
    ),
    "branch": (
        "check a branch name (default: the current one)",
        _branch,
        "ml_lint.commands.git_hooks:branch",
    ),
    "pre-push": (
        "pre-push hook: branch names and the commits being pushed",
        _pre_push,
        "ml_lint.commands.git_hooks:pre_push",
    ),
    "secrets": (
        "scan files, staged content, history or a push for committed secrets (ML4)",
        _secrets,
        "ml_lint.commands.secrets:run",
    ),
    "rules": ("list every rule", _rules, "ml_lint.commands.info:rules"),
    "rule": (
        "explain one rule, with a failing and a passing example",
        _rule,
        "ml_lint.commands.info:rule",
    ),
    "config": ("print the resolved configuration", _config, "ml_lint.commands.info:config"),
    "install-hooks": (
        "install plain git hooks into this repository",
        _install_hooks,
        "ml_lint.commands.install:run",
    ),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``ml-lint`` parser; with ``command``, only that subcommand's parser is built.

    Building parsers is a large part of argparse's cost and a hook runs one subcommand.
    Without ``command`` (``--help``, a typo) every subcommand is there to be listed.

    Args:
        command: The subcommand to build; None for all of them.

    Returns:
        The parser.
    """
    parser = argparse.ArgumentParser(
        prog="ml-lint",
        formatter_class=_Formatter,
        description="Enforce an ML team's best-practices guide in commits, branches and files.",
    )
    parser.add_argument("--version", action="version", version=f"ml-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, (summary, add_arguments, _) in SUBCOMMANDS.items():
        if command is None or command == name:
            subparser = sub.add_parser(
                name, help=summary, description=summary, formatter_class=_Formatter
            )
            add_arguments(subparser)
    return parser


def _split(values: list[str] | None) -> list[str] | None:
    """``--select A,B --select C`` -> ``[A, B, C]``."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def silence_compiler_warnings() -> None:
    r"""Keep Python's warnings about the code ml-lint parses (not runs) off standard error.

    Parsing ``"\d"`` makes Python 3.12 print ``SyntaxWarning: invalid escape sequence``
    (3.11 a hidden DeprecationWarning) for the user's file, once per file, between findings.
    """
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)


def tolerate_unencodable_output() -> None:
    """Print what the console's encoding (cp1252, say) cannot show as escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ml-lint`` console script.

    Args:
        argv: The arguments; None for ``sys.argv[1:]``.

    Returns:
        The exit status: the subcommand's, 2 for a usage or internal error, 130 when
        interrupted.
    """
    if argv is None:
        argv = sys.argv[1:]
    if sys.stdout is None:  # started with stdout closed (`>&-`): nowhere to report to
        print("ml-lint: error: standard output is closed", file=sys.stderr)
        return 2
    tolerate_unencodable_output()
    try:
        os.getcwd()
    except FileNotFoundError:  # removed under the shell that is still in it
        print("ml-lint: error: the current directory no longer exists; cd to one", file=sys.stderr)
        return 2
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    parser = build_parser(command if command in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    # Errors found past parsing show the subcommand's usage, as argparse's own do.
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command_parser: argparse.ArgumentParser = subcommands.choices[args.command]
    for option in ("commits", "branch", "history", "name"):
        value = getattr(args, option, None)
        if value is not None and not value.strip():  # "$RANGE" with the variable unset, in CI
            command_parser.error(f"--{option} is empty")
    if args.command == "check":
        args.fix = args.fix or args.fix_only or args.diff
        if args.fix and args.staged and not args.diff:
            message = "--fix rewrites the work tree, so it cannot be combined with --staged"
            command_parser.error(message)
        if args.unsafe_fixes and not args.fix:
            command_parser.error("--unsafe-fixes only applies with --fix, --fix-only or --diff")
        report_options = args.output_file or args.format != "text" or args.statistics
        if args.diff and (args.commits or args.branch or report_options):
            command_parser.error(
                "--diff prints the fixes to files only: no --commits, --branch, --format, "
                "--output-file or --statistics"
            )
        conflicts = (args.fix, args.staged, args.stdin_filename, args.commits, args.branch)
        if args.add_ignores and (any(conflicts) or report_options):
            command_parser.error(
                "--add-ignores writes comments into the files only: no --fix, --diff, --staged, "
                "--stdin-filename, --commits, --branch, --format, --output-file or --statistics"
            )
        only_stdin = (args.paths, args.staged, args.commits, args.branch)
        if args.stdin_filename is not None and any(only_stdin):
            command_parser.error(
                "--stdin-filename checks stdin only: no PATH, --staged, --commits or --branch"
            )
    for name in ("select", "extend_select", "ignore", "only"):
        if hasattr(args, name):
            values = _split(getattr(args, name))
            if values == []:  # `--select ""`: a variable left empty, most likely
                command_parser.error(f"--{name.replace('_', '-')} names no rule")
            setattr(args, name, values)
    module, function = SUBCOMMANDS[args.command][2].split(":")
    from ml_lint.errors import UsageError

    try:
        with warnings.catch_warnings():  # the filters are the caller's again after the run
            silence_compiler_warnings()
            code: int = getattr(importlib.import_module(module), function)(args)
    except UsageError as error:
        print(f"ml-lint: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `ml-lint rules | head`: the reader left; stay quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # the output could not be written (a full disk), or a file
        where = str(error.filename) if error.filename else "cannot write the output"
        print(f"ml-lint: error: {where}: {error.strerror or error}", file=sys.stderr)
        return 2
    except Exception:  # a bug in ml-lint: never let it look like "findings" (exit 1)
        import traceback

        traceback.print_exc()
        print("ml-lint: internal error (above); please report it", file=sys.stderr)
        return 2
    return code
