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

Usage::

    python benchmarks/commit_msg_startup.py [--runs 30] [--reuse] [--importtime 25]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
CACHE_DIR = BENCH_DIR / ".cache"
ANCHORS_VENV = CACHE_DIR / "venv-anchors"
ML_LINT_VENV = CACHE_DIR / "venv-ml-lint"
ML_LINT_SNAPSHOT = CACHE_DIR / "ml-lint-src"
NOOP_PROJECT = CACHE_DIR / "noop-console"
DEFAULT_OUTPUT = BENCH_DIR / "results" / "commit_msg_startup.json"
MARKER = "bench-installed.json"

ANCHOR_PINS: dict[str, str] = {
    "conventional-pre-commit": "4.4.0",
    "commitizen": "4.19.3",
    "gitlint": "0.19.1",
}
NOOP_DIST = "bench-noop-console"
NOOP_SCRIPT = "noop-console"
IMPORTTIME_REPEATS = 9

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

ML_LINT = "ml-lint"
CONVENTIONAL = "conventional-pre-commit"
CZ = "cz"
GITLINT = "gitlint"
PY_PASS = "python -c pass"
NOOP = "no-op console script"

RATIOS: list[tuple[str, float | None]] = [
    (CONVENTIONAL, 0.75),
    (CZ, None),
    (GITLINT, None),
    (PY_PASS, None),
    (NOOP, None),
]


@dataclass(frozen=True)
class Command:
    """One timed command.

    Attributes:
        name: The label used in the table, the ratios and the JSON output.
        argv: The full argument vector, executable first (an absolute path).
    """

    name: str
    argv: list[str]


@dataclass(frozen=True)
class Stats:
    """Summary of one command's samples, in milliseconds.

    Attributes:
        median: The median.
        p25: The 25th percentile.
        p75: The 75th percentile.
        minimum: The fastest run.
    """

    median: float
    p25: float
    p75: float
    minimum: float


def bin_path(env_dir: Path, name: str) -> Path:
    """The path of an executable inside a venv.

    Args:
        env_dir: The venv's directory.
        name: The executable's name, without any platform suffix.

    Returns:
        The executable's path (``Scripts/NAME.exe`` on Windows, ``bin/NAME`` elsewhere).
    """
    if os.name == "nt":
        return env_dir / "Scripts" / f"{name}.exe"
    return env_dir / "bin" / name


def run_checked(argv: list[str], cwd: Path | None = None) -> str:
    """Run a set-up command, exiting with its output when it fails.

    Args:
        argv: The command to run.
        cwd: Its working directory (default: the current one).

    Returns:
        The command's standard output.
    """
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(f"command failed ({result.returncode}): {' '.join(argv)}\n")
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(1)
    return result.stdout


def venv_base_python(env_dir: Path) -> str | None:
    """The base interpreter a venv was created from, as ``pyvenv.cfg`` records it.

    Args:
        env_dir: The venv's directory.

    Returns:
        The resolved ``executable`` (or ``home``) entry, or None when there is none.
    """
    config = env_dir / "pyvenv.cfg"
    if not config.is_file():
        return None
    values: dict[str, str] = {}
    for line in config.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip()
    if "executable" in values:
        return str(Path(values["executable"]).resolve())
    return values.get("home")


def reusable(env_dir: Path, base_python: str, requirements: list[str]) -> bool:
    """Whether an existing venv was fully installed by this script with the same inputs.

    Args:
        env_dir: The venv's directory.
        base_python: The resolved base interpreter the venv must come from.
        requirements: The requirements it must have been installed with.

    Returns:
        True when the install marker matches and the venv's base interpreter is ``base_python``.
    """
    marker = env_dir / MARKER
    if not marker.is_file() or venv_base_python(env_dir) != base_python:
        return False
    recorded: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
    return bool(recorded.get("requirements") == requirements)


def create_venv(env_dir: Path, base_python: str) -> None:
    """Create a fresh venv, replacing any existing one.

    Args:
        env_dir: Where to create it.
        base_python: The interpreter to create it with.
    """
    if env_dir.exists():
        shutil.rmtree(env_dir)
    run_checked([base_python, "-m", "venv", str(env_dir)])


def pip_install(env_dir: Path, args: list[str]) -> None:
    """Install packages into a venv with its own pip.

    Args:
        env_dir: The venv's directory.
        args: Arguments after ``pip install``.
    """
    python = str(bin_path(env_dir, "python"))
    run_checked([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", *args])


def write_marker(
    env_dir: Path, requirements: list[str], source: dict[str, Any] | None = None
) -> None:
    """Record that a venv is fully installed, for ``--reuse``.

    Args:
        env_dir: The venv's directory.
        requirements: What was installed into it.
        source: For the ml-lint venv, the repository state it was built from.
    """
    marker = {
        "requirements": requirements,
        "installed": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source": source,
    }
    (env_dir / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")


def snapshot_repo(target: Path = ML_LINT_SNAPSHOT) -> Path:
    """Copy the repository's working tree (tracked and unignored files) into the cache.

    Installing from the copy is the same normal (non-editable) wheel install as
    ``pip install .`` in the repository, without writing ``build/`` or ``*.egg-info`` into a
    work tree that other people are editing.

    Args:
        target: The snapshot directory, replaced if it exists (each benchmark has its own, so
            that two benchmarks can set up at the same time).

    Returns:
        The snapshot directory.
    """
    if target.exists():
        shutil.rmtree(target)
    listing = run_checked(
        [
            "git",
            "-C",
            str(REPO_ROOT),
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ]
    )
    for relative in sorted(set(filter(None, listing.split("\0")))):
        source = REPO_ROOT / relative
        if not source.is_file():  # deleted in the work tree but still in the index
            continue
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
    return target


def write_noop_project() -> Path:
    """Write a tiny package whose console script's ``main`` does nothing and returns 0.

    Returns:
        The project's directory.
    """
    if NOOP_PROJECT.exists():
        shutil.rmtree(NOOP_PROJECT)
    NOOP_PROJECT.mkdir(parents=True)
    (NOOP_PROJECT / "pyproject.toml").write_text(
        "[build-system]\n"
        'requires = ["setuptools>=61"]\n'
        'build-backend = "setuptools.build_meta"\n\n'
        "[project]\n"
        f'name = "{NOOP_DIST}"\n'
        'version = "0.0.0"\n\n'
        "[project.scripts]\n"
        f'{NOOP_SCRIPT} = "bench_noop_console:main"\n\n'
        "[tool.setuptools]\n"
        'py-modules = ["bench_noop_console"]\n',
        encoding="utf-8",
    )
    (NOOP_PROJECT / "bench_noop_console.py").write_text(
        '"""A console script that does nothing."""\n\n\n'
        "def main() -> int:\n"
        '    """Return 0."""\n'
        "    return 0\n",
        encoding="utf-8",
    )
    return NOOP_PROJECT


def prepare_venvs(base_python: str, reuse: bool) -> None:
    """Create and install both scratch venvs, or keep them with ``--reuse``.

    Args:
        base_python: The resolved base interpreter for both venvs.
        reuse: Keep a venv that exists and was fully installed from the same inputs.
    """
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    anchors = [f"{name}=={version}" for name, version in ANCHOR_PINS.items()]
    if reuse and reusable(ANCHORS_VENV, base_python, anchors):
        print(f"reusing {ANCHORS_VENV.relative_to(REPO_ROOT)}")
    else:
        print(f"creating {ANCHORS_VENV.relative_to(REPO_ROOT)}: {' '.join(anchors)}")
        create_venv(ANCHORS_VENV, base_python)
        pip_install(ANCHORS_VENV, anchors)
        write_marker(ANCHORS_VENV, anchors)

    ml_lint_requirements = ["ml-lint (non-editable, from the work tree)", NOOP_DIST]
    if reuse and reusable(ML_LINT_VENV, base_python, ml_lint_requirements):
        print(f"reusing {ML_LINT_VENV.relative_to(REPO_ROOT)}")
    else:
        print(
            f"creating {ML_LINT_VENV.relative_to(REPO_ROOT)}: ml-lint (non-editable), {NOOP_DIST}"
        )
        create_venv(ML_LINT_VENV, base_python)
        source = git_state()
        pip_install(ML_LINT_VENV, [str(snapshot_repo()), str(write_noop_project())])
        write_marker(ML_LINT_VENV, ml_lint_requirements, source)


def installed_versions(env_dir: Path, distributions: list[str]) -> dict[str, str]:
    """The installed versions of some distributions in a venv.

    Args:
        env_dir: The venv's directory.
        distributions: Distribution names.

    Returns:
        A mapping from each distribution name to its installed version.
    """
    code = (
        "import importlib.metadata as m, json, sys\n"
        "print(json.dumps({d: m.version(d) for d in sys.argv[1:]}))\n"
    )
    output = run_checked([str(bin_path(env_dir, "python")), "-c", code, *distributions])
    versions: dict[str, str] = json.loads(output)
    return versions


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
        Command(PY_PASS, [str(bin_path(ML_LINT_VENV, "python")), "-c", "pass"]),
        Command(NOOP, [str(bin_path(ML_LINT_VENV, NOOP_SCRIPT))]),
    ]


def command_env() -> dict[str, str]:
    """The environment every command runs with: this one, minus what would skew the runs.

    Returns:
        A copy of ``os.environ`` without Python and virtualenv overrides, with colours off.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key not in {"VIRTUAL_ENV", "__PYVENV_LAUNCHER__"}
    }
    env["NO_COLOR"] = "1"
    return env


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
        result = subprocess.run(
            command.argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            print(f"{command.name} accepted an invalid message:")
            print(f"  $ {' '.join(command.argv)}")
            print(result.stdout + result.stderr)
            raise SystemExit(1)
    checked = {command.name for command in rejecting}
    for command in commands:
        result = subprocess.run(
            command.argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(f"{command.name} exited {result.returncode} on the valid message:")
            print(f"  $ {' '.join(command.argv)}")
            print(result.stdout + result.stderr)
            raise SystemExit(1)
        also = " (and rejects an invalid message)" if command.name in checked else ""
        print(f"ok   {command.name}{also}")


def time_once(command: Command, cwd: Path, env: dict[str, str]) -> float:
    """Time one whole run of a command.

    Args:
        command: The command.
        cwd: Its working directory.
        env: Its environment.

    Returns:
        The wall-clock time in milliseconds.
    """
    start = time.perf_counter()
    subprocess.run(
        command.argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - start) * 1000.0


def measure(
    commands: list[Command],
    cwd: Path,
    env: dict[str, str],
    warmup: int,
    runs: int,
    seed: int,
) -> dict[str, list[float]]:
    """Warm up, then time ``runs`` rounds, each running every command once in shuffled order.

    Args:
        commands: The commands to time.
        cwd: Their working directory.
        env: Their environment.
        warmup: Untimed rounds to run first.
        runs: Timed rounds.
        seed: Seed for the shuffles, so a run's order can be reproduced.

    Returns:
        Each command's samples in milliseconds, in round order.
    """
    rng = random.Random(seed)
    order = list(commands)
    for _ in range(warmup):
        rng.shuffle(order)
        for command in order:
            time_once(command, cwd, env)
    samples: dict[str, list[float]] = {command.name: [] for command in commands}
    for index in range(runs):
        rng.shuffle(order)
        for command in order:
            samples[command.name].append(time_once(command, cwd, env))
        if sys.stdout.isatty():
            print(f"\rround {index + 1}/{runs}", end="", flush=True)
    if sys.stdout.isatty():
        print()
    return samples


def summarize(values: list[float]) -> Stats:
    """Median, quartiles and minimum of some samples.

    Args:
        values: At least two samples.

    Returns:
        Their summary.
    """
    p25, _, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return Stats(statistics.median(values), p25, p75, min(values))


def paired_ratios(numerator: list[float], denominator: list[float]) -> list[float]:
    """Per-round ratios of two commands' samples (both ran in the same rounds).

    Args:
        numerator: The first command's samples.
        denominator: The second command's samples.

    Returns:
        ``numerator[i] / denominator[i]`` for each round.
    """
    return [a / b for a, b in zip(numerator, denominator, strict=True)]


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
    width = max(len(name) for name in stats)
    lines = [f"{'command':<{width}}  {'median':>8}  {'p25':>8}  {'p75':>8}  {'min':>8}   (ms)"]
    for name, stat in sorted(stats.items(), key=lambda item: item[1].median):
        lines.append(
            f"{name:<{width}}  {stat.median:8.1f}  {stat.p25:8.1f}  {stat.p75:8.1f}"
            f"  {stat.minimum:8.1f}"
        )
    lines.append("")
    lines.append(
        "ratios: A = ratio of the medians; B = median of the per-round ratios (paired, more"
    )
    lines.append("robust when the machine's load shifts during the session), with its p25-p75")
    lines.append(f"  {'':<36} {'A':>5}  {'B':>5}  {'B p25-p75':>11}")
    records: list[dict[str, Any]] = []
    for other, target in RATIOS:
        ratio = stats[ML_LINT].median / stats[other].median
        spread = summarize(paired_ratios(samples[ML_LINT], samples[other]))
        verdict = ""
        if target is not None:
            met = [name for name, value in (("A", ratio), ("B", spread.median)) if value <= target]
            outcome = {0: "NOT met", 1: f"met by {''.join(met)} only", 2: "met"}[len(met)]
            verdict = f"   target <= {target:.2f}: {outcome}"
        label = f"ml-lint / {other}"
        lines.append(
            f"  {label:<36} {ratio:5.2f}  {spread.median:5.2f}  "
            f"{spread.p25:5.2f}-{spread.p75:<5.2f}{verdict}"
        )
        records.append(
            {
                "numerator": ML_LINT,
                "denominator": other,
                "ratio_of_medians": round(ratio, 4),
                "per_round_median": round(spread.median, 4),
                "per_round_p25": round(spread.p25, 4),
                "per_round_p75": round(spread.p75, 4),
                "target_max": target,
                "target_met_ratio_of_medians": None if target is None else ratio <= target,
                "target_met_per_round_median": None if target is None else spread.median <= target,
            }
        )
    excess = stats[ML_LINT].median - stats[NOOP].median
    lines.append(f"  ml-lint median minus no-op console script median: {excess:.1f} ms")
    return "\n".join(lines), records


def git_state() -> dict[str, Any]:
    """The repository's commit and whether ml-lint's sources have uncommitted changes.

    Returns:
        ``{"commit": ..., "dirty": ...}``; values are None when git cannot tell.
    """
    try:
        commit = run_checked(["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"]).strip()
        status = run_checked(
            ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--", "src", "pyproject.toml"]
        )
    except SystemExit:
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(status.strip())}


def importtime(
    message: Path, cwd: Path, env: dict[str, str], top: int, repeats: int = IMPORTTIME_REPEATS
) -> str:
    """``python -X importtime -m ml_lint commit-msg MSG`` in the ml-lint venv, top entries.

    One run's import times are noisy, so the command runs ``repeats`` times and each module's
    self and cumulative times are the medians over those runs.

    Args:
        message: The commit message file.
        cwd: The repository to run in.
        env: The environment.
        top: How many entries to show, by median cumulative time.
        repeats: How many runs to take the medians over.

    Returns:
        The header and the ``top`` imports with the largest median cumulative time.
    """
    python = str(bin_path(ML_LINT_VENV, "python"))
    argv = [python, "-X", "importtime", "-m", "ml_lint", "commit-msg", str(message)]
    return importtime_report(argv, cwd, env, top, repeats)


def importtime_report(
    argv: list[str], cwd: Path, env: dict[str, str], top: int, repeats: int = IMPORTTIME_REPEATS
) -> str:
    """Run a ``python -X importtime ...`` command several times and show its slowest imports.

    One run's import times are noisy, so the command runs ``repeats`` times and each module's
    self and cumulative times are the medians over those runs.

    Args:
        argv: The command, ``-X importtime`` included.
        cwd: Its working directory.
        env: Its environment.
        top: How many entries to show, by median cumulative time.
        repeats: How many runs to take the medians over.

    Returns:
        The header and the ``top`` imports with the largest median cumulative time.
    """
    pattern = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(.+)$")
    selfs: dict[str, list[int]] = {}
    cumulatives: dict[str, list[int]] = {}
    depths: dict[str, int] = {}
    totals: list[int] = []
    codes: set[int] = set()
    for _ in range(repeats):
        result = subprocess.run(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        codes.add(result.returncode)
        total = 0
        for line in result.stderr.splitlines():
            match = pattern.match(line)
            if not match:
                continue
            self_us, cumulative_us, indent, module = match.groups()
            module = module.strip()
            selfs.setdefault(module, []).append(int(self_us))
            cumulatives.setdefault(module, []).append(int(cumulative_us))
            depths.setdefault(module, len(indent) // 2)
            if len(indent) // 2 == 0:
                total += int(cumulative_us)
        totals.append(total)
    rows = sorted(
        (
            (statistics.median(cumulatives[module]), statistics.median(selfs[module]), module)
            for module in cumulatives
        ),
        reverse=True,
    )
    lines = [
        f"$ {' '.join(argv)}",
        f"exit status {sorted(codes)}; medians over {repeats} runs; {len(rows)} modules imported;"
        f" sum of top-level (depth 0) cumulative times {statistics.median(totals) / 1000:.1f} ms",
        f"{'cumulative us':>14} {'self us':>9}  depth  module",
    ]
    for cumulative_us, self_us, module in rows[:top]:
        lines.append(f"{cumulative_us:>14.0f} {self_us:>9.0f}  {depths[module]:>5}  {module}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="timed rounds (default: 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds (default: 3)")
    parser.add_argument("--reuse", action="store_true", help="keep scratch venvs that exist")
    parser.add_argument("--seed", type=int, default=0, help="seed of the run order (default: 0)")
    parser.add_argument(
        "--python",
        default=getattr(sys, "_base_executable", sys.executable),
        help="base interpreter for both venvs (default: this interpreter's base)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
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
    base_python = str(Path(args.python).resolve())
    prepare_venvs(base_python, args.reuse)
    versions = installed_versions(ANCHORS_VENV, list(ANCHOR_PINS))
    versions |= installed_versions(ML_LINT_VENV, ["ml-lint"])
    python_version = run_checked(
        [str(bin_path(ML_LINT_VENV, "python")), "-c", "import sys; print(sys.version)"]
    ).strip()
    env = command_env()

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
    print(
        f"python {python_version.split()[0]} ({base_python}); {platform.platform()}; "
        f"{os.cpu_count()} CPUs"
    )
    print("versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()))
    print()
    print(report)
    if profile is not None:
        print()
        print(profile)

    results = {
        "benchmark": "commit-msg hook whole-process start-up latency",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": python_version,
        "base_python": base_python,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "versions": versions,
        "ml_lint_venv": json.loads((ML_LINT_VENV / MARKER).read_text(encoding="utf-8")),
        "message": MESSAGE,
        "runs": args.runs,
        "warmup": args.warmup,
        "seed": args.seed,
        "commands": {
            command.name: [Path(part).name if os.sep in part else part for part in command.argv]
            for command in commands
        },
        "stats_ms": {
            name: {
                "median": round(stat.median, 3),
                "p25": round(stat.p25, 3),
                "p75": round(stat.p75, 3),
                "min": round(stat.minimum, 3),
            }
            for name, stat in stats.items()
        },
        "ratios": ratios,
        "samples_ms": {
            name: [round(value, 3) for value in values] for name, values in samples.items()
        },
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
