"""Whole-process start-up latency of ``ml-lint commit-msg`` against the tools it replaces.

A commit-msg hook runs once per ``git commit``, so what users feel is the wall-clock time of
one whole process: interpreter start, imports, configuration reading and the check itself.
This script times exactly that, with ``time.perf_counter`` around ``subprocess.run``, for:

* ``ml-lint commit-msg MSG`` (ml-lint installed NON-editable, as pre-commit installs hooks),
* the anchors ``conventional-pre-commit MSG``, ``cz check --commit-msg-file MSG`` and
  ``gitlint --msg-filename MSG`` (pinned versions, in their own venv),
* two floors: ``python -c pass`` and a console script whose ``main`` only returns 0, both in
  the ml-lint venv, so the floors pay the same interpreter and console-script wrapper costs.

Both venvs are created under ``benchmarks/.cache/`` from the same base interpreter. Every
command runs with its working directory in a fresh temporary git repository whose
``pyproject.toml`` holds a ``[tool.ml-lint.commits]`` and a ``[tool.commitizen]`` table (and a
``.gitlint`` file), so each tool reads its configuration as it would in a real project.

The machine may be noisy, so after some warm-up rounds every round runs each command once in a
freshly shuffled order; ratios therefore come from runs interleaved in one session.

The set-up, timing loop, summaries and ratios shared with ``notebook_hygiene.py`` live in
``harness.py``; this script holds only what is specific to the commit-msg hook.

Usage::

    python benchmarks/commit_msg_startup.py [--runs 30] [--reuse] [--importtime 25]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

# Running this file as a script puts its directory first on sys.path, so the benchmarks'
# shared harness imports as a plain module.
from harness import (
    BENCH_DIR,
    CACHE_DIR,
    ML_LINT,
    NOOP,
    PY_PASS,
    Command,
    RatioSpec,
    Stats,
    Venvs,
    add_common_options,
    bin_path,
    floor_commands,
    importtime_report,
    machine_lines,
    machine_record,
    measure,
    ratio_rows,
    rounded,
    run_capture,
    run_checked,
    save_results,
    set_up,
    stats_record,
    stats_table,
    summarize,
)

ANCHORS_VENV = CACHE_DIR / "venv-anchors"
ML_LINT_VENV = CACHE_DIR / "venv-ml-lint"
ML_LINT_SNAPSHOT = CACHE_DIR / "ml-lint-src"
DEFAULT_OUTPUT = BENCH_DIR / "results" / "commit_msg_startup.json"

ANCHOR_PINS: dict[str, str] = {
    "conventional-pre-commit": "4.4.0",
    "commitizen": "4.19.3",
    "gitlint": "0.19.1",
}
VENVS = Venvs(ANCHORS_VENV, ANCHOR_PINS, ML_LINT_VENV, ML_LINT_SNAPSHOT)

MESSAGE = "feat(transformers): add multi-head attention implementation\n"
BAD_MESSAGE = "added multi-head attention\n"
PYPROJECT = """\
[project]
name = "commit-msg-bench"
version = "0.0.0"

[tool.ml-lint.commits]
scopes = []
subject-max-length = 72

[tool.commitizen]
name = "cz_conventional_commits"
"""
# gitlint does not check Conventional Commits unless its contrib rule CT1 is on, and its
# default rules reject a message without a body (B6), which the other tools accept; its own
# config file sets it up like the others.
GITLINT_CONFIG = """\
[general]
ignore=body-is-missing
contrib=contrib-title-conventional-commits
"""

CONVENTIONAL = "conventional-pre-commit"
CZ = "cz"
GITLINT = "gitlint"

RATIOS = [
    RatioSpec(ML_LINT, CONVENTIONAL, 0.75),
    RatioSpec(ML_LINT, CZ, None),
    RatioSpec(ML_LINT, GITLINT, None),
    RatioSpec(ML_LINT, PY_PASS, None),
    RatioSpec(ML_LINT, NOOP, None),
]


def make_repo(directory: Path) -> Path:
    """Create the git repository the commands run in, with configuration and a message.

    Args:
        directory: An empty directory to turn into the repository.

    Returns:
        The message file (``.git/COMMIT_EDITMSG``, where git puts it for the hook); an
        invalid message lies beside it in ``.git/BAD_MSG``.
    """
    run_checked(["git", "init", "-q", str(directory)])
    (directory / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (directory / ".gitlint").write_text(GITLINT_CONFIG, encoding="utf-8")
    (directory / ".git" / "BAD_MSG").write_text(BAD_MESSAGE, encoding="utf-8")
    message = directory / ".git" / "COMMIT_EDITMSG"
    message.write_text(MESSAGE, encoding="utf-8")
    return message


def build_commands(message: Path) -> list[Command]:
    """The commands to time, all given the same message file.

    Args:
        message: The commit message file.

    Returns:
        The ml-lint command, the three anchors and the two floors.
    """
    msg = str(message)
    return [
        Command(ML_LINT, [str(bin_path(ML_LINT_VENV, "ml-lint")), "commit-msg", msg]),
        Command(CONVENTIONAL, [str(bin_path(ANCHORS_VENV, "conventional-pre-commit")), msg]),
        Command(CZ, [str(bin_path(ANCHORS_VENV, "cz")), "check", "--commit-msg-file", msg]),
        Command(GITLINT, [str(bin_path(ANCHORS_VENV, "gitlint")), "--msg-filename", msg]),
        *floor_commands(ML_LINT_VENV),
    ]


def stop(what: str, command: Command, result: subprocess.CompletedProcess[str]) -> NoReturn:
    """Stop the benchmark, showing what went wrong, the command and its output.

    Args:
        what: What went wrong.
        command: The command.
        result: Its result.

    Raises:
        SystemExit: Always, with status 1.
    """
    print(what)
    print(f"  $ {' '.join(command.argv)}")
    print(result.stdout + result.stderr)
    raise SystemExit(1)


def verify(
    commands: list[Command], rejecting: list[Command], cwd: Path, env: dict[str, str]
) -> None:
    """Run every command once and stop, showing its output, unless it exits 0.

    Each linter is also run once on an invalid message, which it must reject, so that a tool
    that silently checks nothing cannot pass for a fast one.

    Args:
        commands: The commands to time, given the valid message.
        rejecting: The linters among them, given an invalid message.
        cwd: The repository to run them in.
        env: Their environment.
    """
    for command in rejecting:
        result = run_capture(command.argv, cwd, env)
        if result.returncode == 0:
            stop(f"{command.name} accepted an invalid message:", command, result)
    checked = {command.name for command in rejecting}
    for command in commands:
        result = run_capture(command.argv, cwd, env)
        if result.returncode != 0:
            stop(
                f"{command.name} exited {result.returncode} on the valid message:", command, result
            )
        also = " (and rejects an invalid message)" if command.name in checked else ""
        print(f"ok   {command.name}{also}")


def render_report(
    stats: dict[str, Stats], samples: dict[str, list[float]]
) -> tuple[str, list[dict[str, Any]]]:
    """The results table and the ratio lines.

    Args:
        stats: Each command's summary.
        samples: Each command's samples, in round order.

    Returns:
        The printable report and the ratios as JSON-ready records.
    """
    lines = stats_table(stats)
    lines.append("")
    lines.append(
        "ratios: A = ratio of the medians; B = median of the per-round ratios (paired, more"
    )
    lines.append("robust when the machine's load shifts during the session), with its p25-p75")
    rows, records = ratio_rows(RATIOS, stats, samples, width=36)
    lines += rows
    excess = stats[ML_LINT].median - stats[NOOP].median
    lines.append(f"  ml-lint median minus no-op console script median: {excess:.1f} ms")
    return "\n".join(lines), records


def importtime(message: Path, cwd: Path, env: dict[str, str], top: int) -> str:
    """``python -X importtime -m ml_lint commit-msg MSG`` in the ml-lint venv, top entries.

    Args:
        message: The commit message file.
        cwd: The repository to run in.
        env: The environment.
        top: How many entries to show, by median cumulative time.

    Returns:
        The header and the ``top`` imports with the largest median cumulative time (medians
        over ``harness.IMPORTTIME_REPEATS`` runs).
    """
    python = str(bin_path(ML_LINT_VENV, "python"))
    argv = [python, "-X", "importtime", "-m", "ml_lint", "commit-msg", str(message)]
    return importtime_report(argv, cwd, env, top)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="timed rounds (default: 30)")
    add_common_options(parser, DEFAULT_OUTPUT)
    parser.add_argument(
        "--importtime",
        type=int,
        default=0,
        metavar="N",
        help="also show the N slowest imports (cumulative) of ml-lint commit-msg",
    )
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    """Set up, verify, measure, print and save.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 when the measurement completed.
    """
    args = parse_args(argv)
    session = set_up(VENVS, args.python, args.reuse)
    env = session.env

    with tempfile.TemporaryDirectory(prefix="commit-msg-bench-") as scratch:
        repo = Path(scratch)
        message = make_repo(repo)
        commands = build_commands(message)
        linters = {ML_LINT, CONVENTIONAL, CZ, GITLINT}
        rejecting = [c for c in build_commands(message.with_name("BAD_MSG")) if c.name in linters]
        verify(commands, rejecting, repo, env)
        print(f"warm-up {args.warmup} rounds, then {args.runs} interleaved rounds")
        samples = measure(commands, repo, env, args.warmup, args.runs, args.seed)
        profile = importtime(message, repo, env, args.importtime) if args.importtime else None

    stats = {name: summarize(values) for name, values in samples.items()}
    report, ratios = render_report(stats, samples)
    print()
    print("\n".join(machine_lines(session)))
    print()
    print(report)
    if profile is not None:
        print()
        print(profile)

    results = {
        "benchmark": "commit-msg hook whole-process start-up latency",
        **machine_record(session, ML_LINT_VENV),
        "message": MESSAGE,
        "runs": args.runs,
        "warmup": args.warmup,
        "seed": args.seed,
        "commands": {
            command.name: [Path(part).name if os.sep in part else part for part in command.argv]
            for command in commands
        },
        "stats_ms": stats_record(stats),
        "ratios": ratios,
        "samples_ms": rounded(samples),
    }
    save_results(args.output, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
