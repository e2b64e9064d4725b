"""What the benchmark scripts share: scratch venvs, interleaved timing, summaries and reports.

Both ``commit_msg_startup.py`` and ``notebook_hygiene.py`` time whole processes of ml-lint and
the tools it replaces, so they set up and measure the same way:

* two venvs under ``benchmarks/.cache/`` from one base interpreter: one with pinned anchors,
  one with ml-lint installed NON-editable from a copy of the work tree (as pre-commit installs
  hooks) plus a no-op console script, each kept by ``--reuse`` only when an install marker
  says it was fully installed from the same base interpreter and requirements (``Venvs``,
  ``prepare_venvs``, ``set_up``);
* commands run with the same cleaned environment, in warm-up rounds and then interleaved
  rounds in a freshly shuffled order (``measure``), with two floors, ``python -c pass`` and the
  no-op console script (``floor_commands``);
* summaries (median, quartiles, minimum), ratios two ways (A: ratio of medians; B: median of
  the per-round ratios) with their targets, and the JSON records of both (``stats_table``,
  ``ratio_rows``, ``stats_record``, ``rounded``);
* the machine, tool versions and git state for the results file (``machine_lines``,
  ``machine_record``), the shared command-line options (``add_common_options``) and the
  ``python -X importtime`` report (``importtime_report``).

Each script imports this module by name: running a script puts its directory first on
``sys.path``. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
CACHE_DIR = BENCH_DIR / ".cache"
NOOP_PROJECT = CACHE_DIR / "noop-console"
MARKER = "bench-installed.json"

NOOP_DIST = "bench-noop-console"
NOOP_SCRIPT = "noop-console"
ML_LINT_REQUIREMENTS = ["ml-lint (non-editable, from the work tree)", NOOP_DIST]
IMPORTTIME_REPEATS = 9

ML_LINT = "ml-lint"
PY_PASS = "python -c pass"
NOOP = "no-op console script"


@dataclass(frozen=True)
class Venvs:
    """A benchmark's two scratch venvs and what goes into them.

    Each benchmark has its own venvs and work-tree snapshot, so that two benchmarks can set
    up at the same time.

    Attributes:
        anchors: The venv of the pinned anchors.
        anchor_pins: Each anchor distribution's pinned version.
        ml_lint: The venv of ml-lint (non-editable) and the no-op console script.
        snapshot: Where the copy of the work tree that ml-lint is built from goes.
    """

    anchors: Path
    anchor_pins: dict[str, str]
    ml_lint: Path
    snapshot: Path


@dataclass(frozen=True)
class Session:
    """What a benchmark's set-up found, for the commands, the report and the results file.

    Attributes:
        base_python: The resolved base interpreter of both venvs.
        python_version: The venvs' ``sys.version``.
        versions: The tools' installed versions, anchors first, ml-lint last.
        env: The environment every command runs with (``command_env``).
    """

    base_python: str
    python_version: str
    versions: dict[str, str]
    env: dict[str, str]


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


@dataclass(frozen=True)
class RatioSpec:
    """A ratio to report.

    Attributes:
        numerator: The label of the command on top.
        denominator: The label of the command below.
        target: The largest acceptable ratio, or None.
    """

    numerator: str
    denominator: str
    target: float | None


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

    Raises:
        SystemExit: When the command exits non-zero.
    """
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(f"command failed ({result.returncode}): {' '.join(argv)}\n")
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(1)
    return result.stdout


def run_capture(
    argv: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run a command with no input, capturing its output as UTF-8 text.

    Args:
        argv: The command.
        cwd: Its working directory.
        env: Its environment.

    Returns:
        The finished process.
    """
    return subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


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
    """Whether an existing venv was fully installed by a benchmark with the same inputs.

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


def read_marker(env_dir: Path) -> dict[str, Any]:
    """A venv's install marker, as ``write_marker`` wrote it (the results files record it).

    Args:
        env_dir: The venv's directory.

    Returns:
        The marker's requirements, install time and source.
    """
    marker: dict[str, Any] = json.loads((env_dir / MARKER).read_text(encoding="utf-8"))
    return marker


def snapshot_repo(target: Path) -> Path:
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


def prepare_venvs(venvs: Venvs, base_python: str, reuse: bool) -> None:
    """Create and install the anchors venv and the ml-lint venv, or keep them with ``--reuse``.

    Args:
        venvs: The benchmark's venvs, pins and snapshot directory.
        base_python: The resolved base interpreter for both venvs.
        reuse: Keep a venv that exists and was fully installed from the same inputs.
    """
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    anchors = [f"{name}=={version}" for name, version in venvs.anchor_pins.items()]
    if reuse and reusable(venvs.anchors, base_python, anchors):
        print(f"reusing {venvs.anchors.relative_to(REPO_ROOT)}")
    else:
        print(f"creating {venvs.anchors.relative_to(REPO_ROOT)}: {' '.join(anchors)}")
        create_venv(venvs.anchors, base_python)
        pip_install(venvs.anchors, anchors)
        write_marker(venvs.anchors, anchors)

    if reuse and reusable(venvs.ml_lint, base_python, ML_LINT_REQUIREMENTS):
        print(f"reusing {venvs.ml_lint.relative_to(REPO_ROOT)}")
    else:
        print(
            f"creating {venvs.ml_lint.relative_to(REPO_ROOT)}: ml-lint (non-editable), {NOOP_DIST}"
        )
        create_venv(venvs.ml_lint, base_python)
        source = git_state()
        snapshot = snapshot_repo(venvs.snapshot)
        pip_install(venvs.ml_lint, [str(snapshot), str(write_noop_project())])
        write_marker(venvs.ml_lint, ML_LINT_REQUIREMENTS, source)


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


def tool_versions(venvs: Venvs, extra: list[str] | None = None) -> dict[str, str]:
    """The installed versions of the anchors (and of ``extra``) and of ml-lint.

    Args:
        venvs: The benchmark's venvs.
        extra: More distributions to look up in the anchors venv, after the pinned ones.

    Returns:
        A mapping from each distribution name to its version, anchors first, ml-lint last.
    """
    versions = installed_versions(venvs.anchors, [*venvs.anchor_pins, *(extra or [])])
    versions |= installed_versions(venvs.ml_lint, [ML_LINT])
    return versions


def sys_version(env_dir: Path) -> str:
    """The ``sys.version`` of a venv's interpreter.

    Args:
        env_dir: The venv's directory.

    Returns:
        The version string, e.g. ``3.11.7 (main, ...) [GCC 12.2.0]``.
    """
    argv = [str(bin_path(env_dir, "python")), "-c", "import sys; print(sys.version)"]
    return run_checked(argv).strip()


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


def floor_commands(ml_lint_venv: Path) -> list[Command]:
    """The two floors, run with the ml-lint venv's interpreter and console-script wrapper.

    Args:
        ml_lint_venv: The ml-lint venv, where the no-op console script is installed.

    Returns:
        ``python -c pass`` and the no-op console script.
    """
    return [
        Command(PY_PASS, [str(bin_path(ml_lint_venv, "python")), "-c", "pass"]),
        Command(NOOP, [str(bin_path(ml_lint_venv, NOOP_SCRIPT))]),
    ]


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


def stats_table(stats: dict[str, Stats], indent: str = "") -> list[str]:
    """A table of median, p25, p75 and minimum per command, fastest first.

    Args:
        stats: Each command's summary.
        indent: What every line starts with.

    Returns:
        The header line and one line per command.
    """
    width = max(len(name) for name in stats)
    lines = [
        f"{indent}{'command':<{width}}  {'median':>8}  {'p25':>8}  {'p75':>8}  {'min':>8}   (ms)"
    ]
    for name, stat in sorted(stats.items(), key=lambda item: item[1].median):
        lines.append(
            f"{indent}{name:<{width}}  {stat.median:8.1f}  {stat.p25:8.1f}  {stat.p75:8.1f}"
            f"  {stat.minimum:8.1f}"
        )
    return lines


def ratio_rows(
    specs: list[RatioSpec],
    stats: dict[str, Stats],
    samples: dict[str, list[float]],
    width: int,
    heading: str = "",
) -> tuple[list[str], list[dict[str, Any]]]:
    """Ratio lines, A (ratio of medians) and B (median and p25-p75 of per-round ratios).

    A ratio with a target says whether A, B, both or neither meet it.

    Args:
        specs: The ratios to show.
        stats: Each command's summary.
        samples: Each command's samples, in round order.
        width: The width of the ``NUMERATOR / DENOMINATOR`` label column.
        heading: The label column's heading.

    Returns:
        The column headings and one line per ratio, and the ratios as JSON-ready records.
    """
    lines = [f"  {heading:<{width}} {'A':>5}  {'B':>5}  {'B p25-p75':>11}"]
    records: list[dict[str, Any]] = []
    for spec in specs:
        ratio = stats[spec.numerator].median / stats[spec.denominator].median
        spread = summarize(paired_ratios(samples[spec.numerator], samples[spec.denominator]))
        verdict = ""
        if spec.target is not None:
            met = [n for n, value in (("A", ratio), ("B", spread.median)) if value <= spec.target]
            outcome = {0: "NOT met", 1: f"met by {''.join(met)} only", 2: "met"}[len(met)]
            verdict = f"   target <= {spec.target:.2f}: {outcome}"
        label = f"{spec.numerator} / {spec.denominator}"
        lines.append(
            f"  {label:<{width}} {ratio:5.2f}  {spread.median:5.2f}  "
            f"{spread.p25:5.2f}-{spread.p75:<5.2f}{verdict}"
        )
        records.append(
            {
                "numerator": spec.numerator,
                "denominator": spec.denominator,
                "ratio_of_medians": round(ratio, 4),
                "per_round_median": round(spread.median, 4),
                "per_round_p25": round(spread.p25, 4),
                "per_round_p75": round(spread.p75, 4),
                "target_max": spec.target,
                "target_met_ratio_of_medians": (
                    None if spec.target is None else ratio <= spec.target
                ),
                "target_met_per_round_median": (
                    None if spec.target is None else spread.median <= spec.target
                ),
            }
        )
    return lines, records


def stats_record(stats: dict[str, Stats]) -> dict[str, dict[str, float]]:
    """Summaries as JSON-ready records.

    Args:
        stats: Each command's summary.

    Returns:
        Median, p25, p75 and minimum per command, rounded to the microsecond.
    """
    return {
        name: {
            "median": round(stat.median, 3),
            "p25": round(stat.p25, 3),
            "p75": round(stat.p75, 3),
            "min": round(stat.minimum, 3),
        }
        for name, stat in stats.items()
    }


def rounded(samples: dict[str, list[float]]) -> dict[str, list[float]]:
    """Samples rounded to the microsecond.

    Args:
        samples: Each command's samples in milliseconds.

    Returns:
        The same, rounded.
    """
    return {name: [round(value, 3) for value in values] for name, values in samples.items()}


def set_up(venvs: Venvs, python: str, reuse: bool, extra: list[str] | None = None) -> Session:
    """Prepare the venvs and read what the report and the results file say about them.

    Args:
        venvs: The benchmark's venvs, pins and snapshot directory.
        python: The base interpreter for both venvs (``--python``).
        reuse: Keep a venv that exists and was fully installed from the same inputs.
        extra: More distributions whose versions to report from the anchors venv.

    Returns:
        The base interpreter, ``sys.version``, the tools' versions and the environment.
    """
    base_python = str(Path(python).resolve())
    prepare_venvs(venvs, base_python, reuse)
    versions = tool_versions(venvs, extra)
    return Session(base_python, sys_version(venvs.ml_lint), versions, command_env())


def machine_lines(session: Session) -> list[str]:
    """The report's lines on the interpreter, the machine and the tools' versions.

    Args:
        session: The benchmark's set-up.

    Returns:
        The ``python ...`` line and the ``versions: ...`` line.
    """
    return [
        f"python {session.python_version.split()[0]} ({session.base_python}); "
        f"{platform.platform()}; {os.cpu_count()} CPUs",
        "versions: " + ", ".join(f"{name} {version}" for name, version in session.versions.items()),
    ]


def machine_record(session: Session, ml_lint_venv: Path) -> dict[str, Any]:
    """The results file's entries on when, where and with what the benchmark ran.

    Args:
        session: The benchmark's set-up.
        ml_lint_venv: The ml-lint venv, whose install marker says what it was built from.

    Returns:
        ``date``, ``python``, ``base_python``, ``platform``, ``cpu_count``, ``versions`` and
        ``ml_lint_venv``, in that order.
    """
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": session.python_version,
        "base_python": session.base_python,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "versions": session.versions,
        "ml_lint_venv": read_marker(ml_lint_venv),
    }


def add_common_options(
    parser: argparse.ArgumentParser,
    default_output: Path,
    warmup: int = 3,
    warmup_help: str = "untimed rounds",
) -> None:
    """Add the options every benchmark takes, after its own round counts.

    Adds ``--warmup``, ``--reuse``, ``--seed``, ``--python`` and ``--output``, in that order.

    Args:
        parser: The benchmark's parser.
        default_output: The default JSON results file.
        warmup: The default number of untimed rounds.
        warmup_help: What ``--warmup`` counts, for its help text.
    """
    parser.add_argument(
        "--warmup", type=int, default=warmup, help=f"{warmup_help} (default: {warmup})"
    )
    parser.add_argument("--reuse", action="store_true", help="keep scratch venvs that exist")
    parser.add_argument("--seed", type=int, default=0, help="seed of the run order (default: 0)")
    parser.add_argument(
        "--python",
        default=getattr(sys, "_base_executable", sys.executable),
        help="base interpreter for both venvs (default: this interpreter's base)",
    )
    parser.add_argument("--output", type=Path, default=default_output, help="JSON results file")


def save_results(output: Path, results: dict[str, Any]) -> None:
    """Write the results file and say where it went.

    Args:
        output: The JSON file, created with its directory if need be.
        results: The results.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(f"wrote {output}")


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
        result = run_capture(argv, cwd, env)
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


def sha256(path: Path) -> str:
    """Hash a file.

    Args:
        path: The file.

    Returns:
        Its SHA-256 hex digest.
    """
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class PinnedWheel:
    """A wheel from the package registry whose sources make a benchmark corpus.

    Attributes:
        dist: The distribution name.
        version: The pinned version.
        sha256: The wheel's pinned SHA-256.
        package: The top-level package directory inside the wheel.
    """

    dist: str
    version: str
    sha256: str
    package: str

    @property
    def wheel(self) -> str:
        """The wheel's file name (pure-Python, any platform)."""
        return f"{self.dist}-{self.version}-py3-none-any.whl"


def prepare_wheel_corpus(pinned: PinnedWheel, cache: Path, python: Path) -> Path:
    """Download the pinned wheel and unpack its package, once, checking its SHA-256.

    ``pip download --no-deps --only-binary :all: DIST==VERSION`` runs with ``python``'s pip;
    the wheel and its unpacked package stay in ``cache``.

    Args:
        pinned: The wheel.
        cache: Its cache directory (emptied when the recorded SHA-256 differs).
        python: The interpreter whose pip downloads it.

    Returns:
        The unpacked package directory.

    Raises:
        SystemExit: When the download is not exactly one wheel with the pinned SHA-256.
    """
    package = cache / "unpacked" / pinned.package
    marker = cache / "corpus.json"
    if marker.is_file() and package.is_dir():
        recorded: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
        if recorded.get("sha256") == pinned.sha256:
            return package
    if cache.exists():
        shutil.rmtree(cache)
    download = cache / "download"
    print(f"downloading the {pinned.dist} {pinned.version} wheel")
    run_checked(
        [
            str(python),
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "-q",
            "--no-deps",
            "--only-binary",
            ":all:",
            f"{pinned.dist}=={pinned.version}",
            "-d",
            str(download),
        ]
    )
    wheels = sorted(download.iterdir())
    if [wheel.name for wheel in wheels] != [pinned.wheel]:
        raise SystemExit(f"expected only {pinned.wheel} in {download}, found {wheels}")
    digest = sha256(wheels[0])
    if digest != pinned.sha256:
        raise SystemExit(f"{pinned.wheel} has SHA-256 {digest}, pinned: {pinned.sha256}")
    with zipfile.ZipFile(wheels[0]) as archive:
        members = [name for name in archive.namelist() if name.startswith(f"{pinned.package}/")]
        archive.extractall(cache / "unpacked", members)
    marker.write_text(
        json.dumps({"wheel": pinned.wheel, "sha256": digest}, indent=2) + "\n", encoding="utf-8"
    )
    return package


def fail(what: str, result: subprocess.CompletedProcess[str]) -> NoReturn:
    """Stop the benchmark, showing a command's output.

    Args:
        what: What went wrong.
        result: The command's result.

    Raises:
        SystemExit: Always.
    """
    shown = " ".join(str(part) for part in result.args[:8])
    sys.stderr.write(f"{what} (exit {result.returncode}): $ {shown}\n")
    sys.stderr.write((result.stdout + result.stderr)[-4000:] + "\n")
    raise SystemExit(1)
