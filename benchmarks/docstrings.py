"""Whole-process wall time of ml-lint's docstring rules against pydoclint and pydocstyle.

The corpus is real and public: the Python sources of the diffusers 0.42.1 wheel from PyPI
(pinned by its SHA-256), downloaded once into ``benchmarks/.cache/``. Every timed command is
one whole process over the ``diffusers`` package directory, timed with ``time.perf_counter``
around ``subprocess.run``:

* ``ml-lint check diffusers --select ML2 --format json -o DEVNULL --jobs 1 --no-cache``, and the
  same with ``--jobs 2``: every docstring rule on a cold start (no result cache), ml-lint
  installed NON-editable from a copy of the work tree, as pre-commit installs hooks;
* ``ml-lint ... --select ML003 --jobs 1 --no-cache``: the same run with only the rule that
  parses each file (ML003, a syntax error), so no docstring rule: what ml-lint's start, file
  discovery, reading, parsing and report cost, to set against the floor below;
* the same ``--jobs 1`` command with a warm result cache (``--cache-dir warm-cache``, filled by
  an untimed run on the unchanged tree): what a second run costs when nothing changed;
* ``pydoclint --style=google --skip-checking-short-docstrings=False -q diffusers`` (pinned);
* ``pydocstyle --convention=google diffusers`` (pinned);
* the floor: one process of the ml-lint venv's interpreter that runs ``ast.parse`` on every
  ``.py`` file, which any AST-based checker has to do at least; and, for information, the same
  with the cycle collector off (``gc.disable()``), as ml-lint runs its checks: syntax trees
  are freed by reference counting, and the collector only scans them again and again.

Every command runs in a fresh temporary directory outside any git repository and outside the
work tree, holding a copy of the package and nothing else, so no tool finds a configuration
file: each runs with its defaults and the options above.

The tools check different things, so before timing each one runs once untimed and its
findings are counted (by code) from its report: the exit statuses are non-zero because they
find problems, which is expected; a crash, or a report that cannot be read, stops the script.
ml-lint's reports with one and two processes must be identical.

Rounds are interleaved (every round runs each command once, in a freshly shuffled order) and
ratios are given both as the ratio of medians and as the median of per-round ratios. The
targets, on cold runs: ``pydoclint / ml-lint >= 5``, ``pydocstyle / ml-lint >= 10`` and
``ml-lint / floor <= 1.2``, for ``--jobs 1`` and ``--jobs 2`` alike. The warm run's ratios to
the cold run and to the floor are reported without a target. The warm run's report must equal
the cold run's.

The set-up, timing loop, summaries and ratios shared with the other benchmarks live in
``harness.py``; this script holds the corpus, the commands, the finding counts and the report.

Usage::

    python benchmarks/docstrings.py [--runs 3] [--warmup 0] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Running this file as a script puts its directory first on sys.path, so the benchmarks'
# shared harness imports as a plain module.
from harness import (
    BENCH_DIR,
    CACHE_DIR,
    REPO_ROOT,
    Command,
    PinnedWheel,
    RatioSpec,
    Stats,
    Venvs,
    add_common_options,
    bin_path,
    fail,
    machine_lines,
    machine_record,
    measure,
    paired_ratios,
    prepare_wheel_corpus,
    ratio_rows,
    rounded,
    run_capture,
    save_results,
    set_up,
    stats_record,
    stats_table,
    summarize,
)

ANCHORS_VENV = CACHE_DIR / "venv-docstring-anchors"
ML_LINT_VENV = CACHE_DIR / "venv-docstring-ml-lint"
ML_LINT_SNAPSHOT = CACHE_DIR / "ml-lint-src-docstrings"
CORPUS_CACHE = CACHE_DIR / "corpus-diffusers-0.42.1"
DEFAULT_OUTPUT = BENCH_DIR / "results" / "docstrings.json"

ANCHOR_PINS: dict[str, str] = {"pydoclint": "0.12.0", "pydocstyle": "6.3.0"}
# Their dependencies that do the parsing, whose versions the results record too.
ANCHOR_EXTRAS = ["docstring_parser_fork", "snowballstemmer"]
VENVS = Venvs(ANCHORS_VENV, ANCHOR_PINS, ML_LINT_VENV, ML_LINT_SNAPSHOT)

CORPUS_DIST = "diffusers"
CORPUS_VERSION = "0.42.1"
CORPUS_WHEEL = f"{CORPUS_DIST}-{CORPUS_VERSION}-py3-none-any.whl"
CORPUS_SHA256 = "9154faa704ce00e0b77f568e0d64786064368528aab5fc14eeea92f87d788014"
PACKAGE = "diffusers"

ML_LINT_J1 = "ml-lint --jobs 1"
ML_LINT_J2 = "ml-lint --jobs 2"
ML_LINT_WARM = "ml-lint --jobs 1, warm cache"
ML_LINT_PARSE = "ml-lint --jobs 1, parse only (ML003)"
PYDOCLINT = "pydoclint"
PYDOCSTYLE = "pydocstyle"
FLOOR = "ast.parse floor"
FLOOR_NO_GC = "ast.parse floor, gc off"
ML_LINT_RULES = "ML2"
WARM_CACHE = "warm-cache"  # relative to the scratch directory, outside the package

# The floor: parse every .py file under the directory given, in one process, and print how
# many there were (the count is checked once; the timed runs discard it).
FLOOR_CODE = """\
import ast, os, sys
count = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".py"):
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                ast.parse(handle.read(), filename=path)
            count += 1
print(count)
"""
FLOOR_NO_GC_CODE = "import gc\ngc.disable()\n" + FLOOR_CODE

# pydoclint prints, on standard error, each file with findings and then its
# ``    LINE: DOCnnn: message`` lines.
PYDOCLINT_FINDING = re.compile(r"^\s+\d+: (DOC\d+): ")
# pydocstyle prints ``PATH:LINE in WHERE:`` and then ``        Dnnn: message``.
PYDOCSTYLE_FINDING = re.compile(r"^\s+(D\d{3}): ")
PYDOCSTYLE_LOCATION = re.compile(r"^(\S.*\.py):\d+ ")
PYDOCLINT_FILE = re.compile(r"^(\S.*\.py)$")


@dataclass(frozen=True)
class Target:
    """A ratio and the bound it must meet.

    Attributes:
        numerator: The label of the command on top.
        denominator: The label of the command below.
        bound: The bound.
        at_least: True when the ratio must be at least ``bound``, False for at most.
    """

    numerator: str
    denominator: str
    bound: float
    at_least: bool


TARGETS = [
    Target(PYDOCLINT, ML_LINT_J1, 5.0, at_least=True),
    Target(PYDOCLINT, ML_LINT_J2, 5.0, at_least=True),
    Target(PYDOCSTYLE, ML_LINT_J1, 10.0, at_least=True),
    Target(PYDOCSTYLE, ML_LINT_J2, 10.0, at_least=True),
    Target(ML_LINT_J1, FLOOR, 1.2, at_least=False),
    Target(ML_LINT_J2, FLOOR, 1.2, at_least=False),
]
# Ratios reported without a target.
INFORMATION = [
    RatioSpec(ML_LINT_PARSE, FLOOR, None),
    RatioSpec(ML_LINT_J1, ML_LINT_PARSE, None),
    RatioSpec(ML_LINT_WARM, ML_LINT_J1, None),
    RatioSpec(ML_LINT_WARM, FLOOR, None),
    RatioSpec(ML_LINT_J1, FLOOR_NO_GC, None),
    RatioSpec(FLOOR_NO_GC, FLOOR, None),
]


@dataclass(frozen=True)
class Corpus:
    """The benchmark's sources, copied into a scratch directory.

    Attributes:
        root: The scratch directory, where every command runs; it holds only ``PACKAGE``.
        files: How many ``.py`` files the package has.
        total_bytes: Their total size.
        total_lines: Their total number of lines.
        wheel_sha256: The SHA-256 of the downloaded wheel.
    """

    root: Path
    files: int
    total_bytes: int
    total_lines: int
    wheel_sha256: str


@dataclass(frozen=True)
class Findings:
    """What one tool reports on the corpus, read from one untimed run.

    Attributes:
        name: The label of the command.
        exit_status: Its exit status (non-zero when it finds problems).
        total: How many findings it reports.
        files: How many files have at least one.
        by_code: How many findings of each code, most frequent first.
    """

    name: str
    exit_status: int
    total: int
    files: int
    by_code: dict[str, int]


def prepare_corpus() -> Path:
    """The pinned corpus wheel's package, downloaded and unpacked once into the cache.

    Returns:
        The unpacked package directory.
    """
    pinned = PinnedWheel(CORPUS_DIST, CORPUS_VERSION, CORPUS_SHA256, PACKAGE)
    return prepare_wheel_corpus(pinned, CORPUS_CACHE, bin_path(ANCHORS_VENV, "python"))


def make_workspace(package: Path, scratch: Path) -> Corpus:
    """Copy the package into a scratch directory where no tool finds a configuration.

    Args:
        package: The unpacked ``diffusers`` package.
        scratch: An empty temporary directory.

    Returns:
        The corpus.

    Raises:
        SystemExit: When the scratch directory lies in the work tree or in a git repository.
    """
    if scratch.resolve().is_relative_to(REPO_ROOT.resolve()):
        raise SystemExit(f"the scratch directory {scratch} is inside {REPO_ROOT}")
    inside_git = subprocess.run(
        ["git", "-C", str(scratch), "rev-parse", "--git-dir"],
        capture_output=True,
        check=False,
    )
    if inside_git.returncode == 0:
        raise SystemExit(f"the scratch directory {scratch} is inside a git repository")
    shutil.copytree(package, scratch / PACKAGE)
    files = sorted((scratch / PACKAGE).rglob("*.py"))
    sources = [path.read_bytes() for path in files]
    return Corpus(
        root=scratch,
        files=len(files),
        total_bytes=sum(len(source) for source in sources),
        total_lines=sum(source.count(b"\n") for source in sources),
        wheel_sha256=CORPUS_SHA256,
    )


def ml_lint_argv(
    jobs: int, report: str, cache_dir: str | None = None, rules: str = ML_LINT_RULES
) -> list[str]:
    """The ``ml-lint check`` command over the package, with every docstring rule.

    Args:
        jobs: The ``--jobs`` value.
        report: Where the JSON report goes (``os.devnull`` when timed).
        cache_dir: The result cache to use; None runs without one (``--no-cache``).
        rules: The ``--select`` value.

    Returns:
        The argument vector.
    """
    cache = ["--no-cache"] if cache_dir is None else ["--cache-dir", cache_dir]
    return [
        str(bin_path(ML_LINT_VENV, "ml-lint")),
        "check",
        PACKAGE,
        "--select",
        rules,
        "--format",
        "json",
        "-o",
        report,
        "--jobs",
        str(jobs),
        *cache,
    ]


def config_file(corpus: Corpus, env: dict[str, str]) -> str:
    """The configuration file ml-lint reads in the scratch directory (``ml-lint config``).

    Args:
        corpus: The corpus.
        env: The environment.

    Returns:
        The first line of ``ml-lint config``: ``config-file = null`` when there is none.
    """
    result = run_capture([str(bin_path(ML_LINT_VENV, "ml-lint")), "config"], corpus.root, env)
    if result.returncode != 0:
        fail("ml-lint config failed", result)
    return result.stdout.splitlines()[0] if result.stdout else ""


def build_commands() -> list[Command]:
    """The commands to time, all over the ``diffusers`` directory of the working directory.

    Returns:
        ml-lint with one and two processes, with a warm cache and parsing only, pydoclint,
        pydocstyle and the floors.
    """
    python = str(bin_path(ML_LINT_VENV, "python"))
    return [
        Command(ML_LINT_J1, ml_lint_argv(1, os.devnull)),
        Command(ML_LINT_J2, ml_lint_argv(2, os.devnull)),
        Command(ML_LINT_WARM, ml_lint_argv(1, os.devnull, WARM_CACHE)),
        Command(ML_LINT_PARSE, ml_lint_argv(1, os.devnull, rules="ML003")),
        Command(
            PYDOCLINT,
            [
                str(bin_path(ANCHORS_VENV, "pydoclint")),
                "--style=google",
                "--skip-checking-short-docstrings=False",
                "-q",
                PACKAGE,
            ],
        ),
        Command(
            PYDOCSTYLE,
            [str(bin_path(ANCHORS_VENV, "pydocstyle")), "--convention=google", PACKAGE],
        ),
        Command(FLOOR, [python, "-c", FLOOR_CODE, PACKAGE]),
        Command(FLOOR_NO_GC, [python, "-c", FLOOR_NO_GC_CODE, PACKAGE]),
    ]


def summed(name: str, status: int, codes: list[str], files: set[str]) -> Findings:
    """Findings from the codes a tool reported and the files it named.

    Args:
        name: The label of the command.
        status: Its exit status.
        codes: The code of every finding.
        files: The files with findings.

    Returns:
        The counts.
    """
    return Findings(name, status, len(codes), len(files), dict(Counter(codes).most_common()))


def ml_lint_findings(
    command: Command, corpus: Corpus, env: dict[str, str]
) -> tuple[Findings, list[Any]]:
    """Run ml-lint once with a real report file and count its findings.

    Args:
        command: A timed ml-lint command (its ``-o`` is replaced).
        corpus: The corpus.
        env: The environment.

    Returns:
        The counts, and the report itself (to compare the two ``--jobs`` values).
    """
    report = corpus.root / "ml-lint-report.json"
    argv = [str(report) if part == os.devnull else part for part in command.argv]
    result = run_capture(argv, corpus.root, env)
    if result.returncode not in {0, 1} or not report.is_file():
        fail(f"{command.name} failed", result)
    findings: list[Any] = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    if (result.returncode == 1) != bool(findings):
        fail(f"{command.name}'s exit status does not match its report", result)
    codes = [str(item["code"]) for item in findings]
    files = {str(item["path"]) for item in findings}
    return summed(command.name, result.returncode, codes, files), findings


def text_findings(
    command: Command,
    finding: re.Pattern[str],
    location: re.Pattern[str],
    corpus: Corpus,
    env: dict[str, str],
) -> Findings:
    """Run a text-reporting tool once and count the findings in its output.

    Both output streams are read (pydoclint reports on standard error, pydocstyle on
    standard output); every non-blank line must be a finding or name a file with findings.

    Args:
        command: The command.
        finding: Matches a finding line; group 1 is the code.
        location: Matches a line naming a file with findings; group 1 is the path.
        corpus: The corpus.
        env: The environment.

    Returns:
        The counts.
    """
    result = run_capture(command.argv, corpus.root, env)
    if result.returncode not in {0, 1}:
        fail(f"{command.name} failed", result)
    codes: list[str] = []
    files: set[str] = set()
    other: list[str] = []
    for line in (result.stdout + "\n" + result.stderr).splitlines():
        if match := finding.match(line):
            codes.append(match.group(1))
        elif match := location.match(line):
            files.add(match.group(1))
        elif line.strip():
            other.append(line)
    if other:
        fail(f"{command.name} printed {len(other)} unexpected lines, first: {other[0]!r}", result)
    if (result.returncode == 1) != bool(codes):
        fail(f"{command.name}'s exit status does not match its output", result)
    return summed(command.name, result.returncode, codes, files)


def floor_findings(command: Command, corpus: Corpus, env: dict[str, str]) -> None:
    """Run the floor once: it must exit 0 and have parsed every ``.py`` file.

    Args:
        command: The floor command.
        corpus: The corpus.
        env: The environment.
    """
    result = run_capture(command.argv, corpus.root, env)
    if result.returncode != 0 or result.stdout.strip() != str(corpus.files):
        fail(f"{command.name} did not parse the {corpus.files} files", result)


def collect_findings(
    commands: list[Command], corpus: Corpus, env: dict[str, str]
) -> dict[str, Findings]:
    """Run every command once, untimed, checking it works and counting its findings.

    Args:
        commands: The timed commands.
        corpus: The corpus.
        env: The environment.

    Returns:
        Each linter's findings (the floor has none).

    Raises:
        SystemExit: When ml-lint's reports with one and two processes, or cold and warm,
            differ, or a cold run wrote a cache.
    """
    by_name = {command.name: command for command in commands}
    j1, j1_report = ml_lint_findings(by_name[ML_LINT_J1], corpus, env)
    j2, j2_report = ml_lint_findings(by_name[ML_LINT_J2], corpus, env)
    if j1_report != j2_report:
        raise SystemExit("ml-lint's reports with --jobs 1 and --jobs 2 differ")
    if any(corpus.root.glob("**/.ml_lint_cache")):
        raise SystemExit("a cold ml-lint run (--no-cache) wrote a result cache")
    for _ in range(2):  # the first run fills the cache, the second reads it
        _, warm_report = ml_lint_findings(by_name[ML_LINT_WARM], corpus, env)
        if warm_report != j1_report:
            raise SystemExit("ml-lint's reports with a warm cache and without one differ")
    parsed, _ = ml_lint_findings(by_name[ML_LINT_PARSE], corpus, env)
    if parsed.total:
        raise SystemExit(f"{parsed.total} files of the corpus do not parse (ML003)")
    floor_findings(by_name[FLOOR], corpus, env)
    floor_findings(by_name[FLOOR_NO_GC], corpus, env)
    return {
        ML_LINT_J1: j1,
        ML_LINT_J2: j2,
        PYDOCLINT: text_findings(
            by_name[PYDOCLINT], PYDOCLINT_FINDING, PYDOCLINT_FILE, corpus, env
        ),
        PYDOCSTYLE: text_findings(
            by_name[PYDOCSTYLE], PYDOCSTYLE_FINDING, PYDOCSTYLE_LOCATION, corpus, env
        ),
    }


def render_findings(findings: dict[str, Findings], top: int = 8) -> str:
    """The findings table: per tool, exit status, totals and the most frequent codes.

    Args:
        findings: Each linter's findings.
        top: How many codes to show per tool.

    Returns:
        The printable table.
    """
    width = max(len(name) for name in findings)
    lines = [
        "findings (one untimed run each; a non-zero exit status only means problems found):",
        f"  {'tool':<{width}}  {'exit':>4}  {'findings':>8}  {'files':>5}  most frequent codes",
    ]
    for name, found in findings.items():
        codes = ", ".join(f"{code} {count}" for code, count in list(found.by_code.items())[:top])
        more = len(found.by_code) - top
        codes += f", ... ({more} more)" if more > 0 else ""
        lines.append(
            f"  {name:<{width}}  {found.exit_status:>4}  {found.total:>8}  {found.files:>5}"
            f"  {codes}"
        )
    return "\n".join(lines)


def verdicts(
    lines: list[str],
    records: list[dict[str, Any]],
    stats: dict[str, Stats],
    samples: dict[str, list[float]],
) -> tuple[list[str], list[dict[str, Any]]]:
    """Add each target's verdict to its ratio line and record, by A and by B.

    ``harness.ratio_rows`` judges only upper bounds; the targets here are lower bounds too,
    so the ratios are computed without targets and judged here.

    Args:
        lines: ``ratio_rows``' heading line and one line per target, in ``TARGETS`` order.
        records: ``ratio_rows``' records, in ``TARGETS`` order.
        stats: Each command's summary.
        samples: Each command's samples, in round order.

    Returns:
        The lines and records with the verdicts.
    """
    judged = [lines[0]]
    for target, line, record in zip(TARGETS, lines[1:], records, strict=True):
        a = stats[target.numerator].median / stats[target.denominator].median
        per_round = paired_ratios(samples[target.numerator], samples[target.denominator])
        b = summarize(per_round).median
        if target.at_least:
            met = [name for name, value in (("A", a), ("B", b)) if value >= target.bound]
            sign, key = ">=", "target_min"
        else:
            met = [name for name, value in (("A", a), ("B", b)) if value <= target.bound]
            sign, key = "<=", "target_max"
        outcome = {0: "NOT met", 1: f"met by {''.join(met)} only", 2: "met"}[len(met)]
        judged.append(f"{line.rstrip()}   target {sign} {target.bound:g}: {outcome}")
        record.pop("target_max", None)
        record[key] = target.bound
        record["target_met_ratio_of_medians"] = "A" in met
        record["target_met_per_round_median"] = "B" in met
        record["verdict"] = outcome
    return judged, records


def render_timing(
    stats: dict[str, Stats], samples: dict[str, list[float]]
) -> tuple[str, list[dict[str, Any]]]:
    """The timing table and the ratio lines with their verdicts.

    Args:
        stats: Each command's summary.
        samples: Each command's samples, in round order.

    Returns:
        The printable report and the ratios as JSON-ready records.
    """
    specs = [RatioSpec(t.numerator, t.denominator, None) for t in TARGETS]
    rows, records = ratio_rows(specs, stats, samples, width=48, heading="ratio")
    rows, records = verdicts(rows, records, stats, samples)
    info_rows, info_records = ratio_rows(INFORMATION, stats, samples, width=48, heading="ratio")
    rows += ["", "without a target:", *info_rows[1:]]
    records += info_records
    lines = [*stats_table(stats, indent="  "), ""]
    lines.append("ratios: A = ratio of the medians; B = median of the per-round ratios (paired,")
    lines.append("more robust when the machine's load shifts during the session), with p25-p75")
    lines += rows
    for name in (ML_LINT_J1, ML_LINT_J2):
        excess = stats[name].median - stats[FLOOR].median
        lines.append(f"  {name} median minus {FLOOR} median: {excess:.0f} ms")
    return "\n".join(lines), records


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="timed rounds (default: 3)")
    # A round over the corpus takes minutes, and the untimed run of every command that
    # counts the findings already warms the file cache and the venvs.
    add_common_options(
        parser,
        DEFAULT_OUTPUT,
        warmup=0,
        warmup_help="untimed rounds after the one that counts the findings",
    )
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    """Set up, count the findings, measure, print and save.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 when the measurement completed.
    """
    args = parse_args(argv)
    session = set_up(VENVS, args.python, args.reuse, extra=ANCHOR_EXTRAS)
    package = prepare_corpus()
    env = session.env

    with tempfile.TemporaryDirectory(prefix="docstrings-bench-") as scratch_name:
        corpus = make_workspace(package, Path(scratch_name))
        print(
            f"corpus: {corpus.files} .py files, {corpus.total_lines} lines, "
            f"{corpus.total_bytes / 1e6:.1f} MB ({CORPUS_WHEEL}, sha256 {CORPUS_SHA256[:12]}...)"
        )
        ml_lint_config = config_file(corpus, env)
        print(f"ml-lint configuration: {ml_lint_config}")
        commands = build_commands()
        findings = collect_findings(commands, corpus, env)
        print(render_findings(findings))
        print(f"warm-up {args.warmup} rounds, then {args.runs} interleaved rounds")
        samples = measure(commands, corpus.root, env, args.warmup, args.runs, args.seed)

    stats = {name: summarize(values) for name, values in samples.items()}
    report, ratios = render_timing(stats, samples)
    print()
    print("\n".join(machine_lines(session)))
    print(
        f"corpus: {PACKAGE}/ of {CORPUS_WHEEL}: {corpus.files} .py files, "
        f"{corpus.total_lines} lines; {args.runs} rounds"
    )
    print(f"ml-lint configuration: {ml_lint_config}")
    print()
    print(render_findings(findings))
    print()
    print(report)

    results = {
        "benchmark": "docstring rules: whole-process wall time on the diffusers 0.42.1 sources",
        **machine_record(session, ML_LINT_VENV),
        "corpus": {
            "source": f"{CORPUS_DIST}=={CORPUS_VERSION} wheel from PyPI, {PACKAGE}/ only",
            "wheel": CORPUS_WHEEL,
            "wheel_sha256": corpus.wheel_sha256,
            "py_files": corpus.files,
            "total_bytes": corpus.total_bytes,
            "total_lines": corpus.total_lines,
        },
        "ml_lint_config": ml_lint_config,
        "runs": args.runs,
        "warmup": args.warmup,
        "seed": args.seed,
        "commands": {
            command.name: [Path(command.argv[0]).name, *command.argv[1:]] for command in commands
        },
        "findings": {
            name: {
                "exit_status": found.exit_status,
                "total": found.total,
                "files": found.files,
                "by_code": found.by_code,
            }
            for name, found in findings.items()
        },
        "stats_ms": stats_record(stats),
        "ratios": ratios,
        "samples_ms": rounded(samples),
    }
    save_results(args.output, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
