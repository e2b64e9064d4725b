"""Whole-process wall time of ml-lint's notebook output rules against nbstripout and nb-clean.

The corpus is real and public: the notebooks shipped in the jupytext 1.19.6 source
distribution from PyPI (85 ``.ipynb`` files, 44 of them with outputs), downloaded once into
``benchmarks/.cache/``. Every timed command is one whole process over all 85 paths (as a
pre-commit hook passes them), timed with ``time.perf_counter`` around ``subprocess.run``:

* ``ml-lint check --select ML302,ML303 FILES``: the output rules (outputs, execution counts),
  ml-lint installed NON-editable from a copy of the work tree, as pre-commit installs hooks;
* ``ml-lint check --select ML302,ML303,ML304 FILES``: the same plus run-to-run noise metadata,
  the closest ml-lint selection to what the anchors' defaults check;
* ``nbstripout --verify FILES`` (nbstripout 0.9.1, pure Python on nbformat);
* ``nb-clean check FILES`` (nb-clean 5.0.0, a native Rust executable inside its wheel).

ml-lint keeps a result cache (``.ml_lint_cache/``) that would answer every run after the first:
every ``ml-lint check`` command here gets ``--no-cache`` when the installed ml-lint has that
option (read from its ``check --help``), so every run is cold, and the script stops if a cache
directory appears in the corpus all the same.

Start-up is timed the same way on the smallest notebook of the corpus that every tool finds
clean, with two floors: ``python -c pass`` and a no-op console script.

The tools do not define "dirty" alike, so before timing the script collects each tool's
verdict on every notebook (by parsing its output, cross-checked against its exit code on each
notebook alone), finds what makes each notebook dirty for each tool (nb-clean and ml-lint say
it; for nbstripout a helper runs nbstripout's own ``strip_output`` and diffs the result), and
reports every notebook where ml-lint and an anchor disagree, with the cells and keys behind
it and whether the difference comes from the tools' definitions or from a real disagreement
on a check both make.

Rounds are interleaved (every round runs each command once, in a freshly shuffled order) and
ratios are given both as the ratio of medians and as the median of per-round ratios.

The set-up, timing loop, summaries and ratios shared with ``commit_msg_startup.py`` live in
``harness.py``; this script holds the corpus, the verdicts and the agreement report.

Usage::

    python benchmarks/notebook_hygiene.py [--runs 15] [--startup-runs 30] [--reuse]
        [--importtime 20] [--profile 25]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import pstats
import shutil
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    command_env,
    fail,
    floor_commands,
    git_state,
    importtime_report,
    machine_lines,
    machine_record,
    measure,
    ratio_rows,
    read_marker,
    rounded,
    run_capture,
    run_checked,
    save_results,
    set_up,
    stats_record,
    stats_table,
    summarize,
)

ANCHORS_VENV = CACHE_DIR / "venv-notebook-anchors"
ML_LINT_VENV = CACHE_DIR / "venv-notebook-ml-lint"
ML_LINT_SNAPSHOT = CACHE_DIR / "ml-lint-src-notebooks"
CORPUS_CACHE = CACHE_DIR / "corpus-jupytext-1.19.6"
DEFAULT_OUTPUT = BENCH_DIR / "results" / "notebook_hygiene.json"

ANCHOR_PINS: dict[str, str] = {"nbstripout": "0.9.1", "nb-clean": "5.0.0"}
VENVS = Venvs(ANCHORS_VENV, ANCHOR_PINS, ML_LINT_VENV, ML_LINT_SNAPSHOT)
CORPUS_DIST = "jupytext"
CORPUS_VERSION = "1.19.6"
EXPECTED_NOTEBOOKS = 85
EXPECTED_WITH_OUTPUTS = 44

NO_CACHE = "--no-cache"
CACHE_DIRECTORY = ".ml_lint_cache"  # where ml-lint keeps its result cache by default

OUTPUT_RULES = "ML302,ML303"
WITH_METADATA_RULES = "ML302,ML303,ML304"
# nbstripout 0.9.1 strips these keys by default (the list at the top of its ``main()``), on
# top of outputs, execution counts and cell ids; ``--keep-metadata-keys`` removes some.
NBSTRIPOUT_EXTRA_KEYS = (
    "metadata.signature",
    "metadata.widgets",
    "cell.metadata.collapsed",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.heading_collapsed",
    "cell.metadata.hidden",
    "cell.metadata.scrolled",
)
# ml-lint's default [tool.ml-lint.notebooks] noise-metadata, which ML304 flags.
ML304_NOISE_KEYS = (
    "metadata.widgets",
    "metadata.signature",
    "metadata.language_info.version",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.collapsed",
    "cell.metadata.scrolled",
    "cell.metadata.heading_collapsed",
    "cell.metadata.hidden",
    "cell.metadata.jupyter.outputs_hidden",
    "cell.metadata.jupyter.source_hidden",
    "cell.metadata.colab",
    "cell.metadata.outputId",
)
# nb-clean 5.0.0, by default: outputs, cell and output execution counts, ALL cell metadata,
# and notebook metadata language_info.version plus nbformat's transient fields.
NB_CLEAN_NOTEBOOK_KEYS = (
    "metadata.language_info.version",
    "metadata.signature",
    "metadata.orig_nbformat",
    "metadata.orig_nbformat_minor",
)

ML_LINT_META = "ml-lint +ML304"
NBSTRIPOUT = "nbstripout"
NB_CLEAN = "nb-clean"
NBSTRIPOUT_KEEP_ID = "nbstripout --keep-id"
NBSTRIPOUT_OUTPUTS = "nbstripout --keep-id, no extra keys"

OUTPUTS = "outputs"
COUNT = "execution count"
CELL_ID = "id"

DEFINITIONS: dict[str, str] = {
    ML_LINT: (
        f"ml-lint check --select {OUTPUT_RULES}: ML302 a code cell has outputs (unless the cell "
        "or notebook opts in with keep_output, as in nbstripout); ML303 a code cell, or one of "
        "its outputs, has an execution count. Cell ids and metadata are not checked."
    ),
    ML_LINT_META: (
        f"ml-lint check --select {WITH_METADATA_RULES}: as above, plus ML304, the run-to-run "
        "noise metadata: " + ", ".join(ML304_NOISE_KEYS) + "."
    ),
    NBSTRIPOUT: (
        "nbstripout --verify (0.9.1 defaults): dirty when stripping would change the notebook: "
        "outputs (keep_output tag or metadata and init_cell honoured), cell and output "
        "execution counts, cell ids not equal to 0, 1, 2, ... (they are renumbered unless "
        "--keep-id), and the extra keys " + ", ".join(NBSTRIPOUT_EXTRA_KEYS) + "."
    ),
    NB_CLEAN: (
        "nb-clean check (5.0.0 defaults): outputs, cell and output execution counts, ANY cell "
        "metadata (all of it is removed unless -m or --preserve-cell-metadata-field), and "
        "notebook metadata " + ", ".join(NB_CLEAN_NOTEBOOK_KEYS) + "; cell metadata trusted."
    ),
    NBSTRIPOUT_KEEP_ID: "nbstripout --verify --keep-id: as nbstripout, without cell ids.",
    NBSTRIPOUT_OUTPUTS: (
        "nbstripout --verify --keep-id --keep-metadata-keys '<its 8 extra keys>': outputs and "
        "execution counts only, ml-lint's output rules' definition."
    ),
}

# Something a tool flags: (cell number from 1, or None for notebook metadata; kind), the kind
# being OUTPUTS, COUNT, CELL_ID or "metadata KEY".
Reason = tuple[int | None, str]

# A nbstripout helper run in the anchors venv: nbstripout's own strip_output with the CLI's
# defaults, and a structural diff of before and after, so the report can say which cells and
# keys made nbstripout --verify call a notebook dirty (the CLI itself only names the file).
NBSTRIPOUT_HELPER = r"""
import copy, json, sys, warnings
import nbformat
from nbstripout._utils import strip_output

def diff(a, b, path, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                out.append(path + [key])
            else:
                diff(a[key], b[key], path + [key], out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b)):
            diff(x, y, path + [index], out)
    elif a != b:
        out.append(path)

extra_keys = json.loads(sys.argv[1])
result = {}
for name in sys.argv[2:]:
    with open(name, encoding="utf-8") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = nbformat.read(handle, as_version=nbformat.NO_CONVERT)
    original = copy.deepcopy(nb)
    stripped = strip_output(
        nb, keep_output=None, keep_count=False, keep_id=False, extra_keys=extra_keys
    )
    changes = []
    diff(original, stripped, [], changes)
    result[name] = changes
print(json.dumps(result))
"""


@dataclass(frozen=True)
class Corpus:
    """The benchmark's notebooks, copied into a scratch git repository.

    Attributes:
        root: The repository (the unpacked source distribution's top directory).
        notebooks: Every ``.ipynb`` path, relative to ``root``, POSIX, sorted.
        with_outputs: How many notebooks have a code cell with outputs.
        total_bytes: The notebooks' total size.
        sdist_sha256: The SHA-256 of the downloaded source distribution.
    """

    root: Path
    notebooks: list[str]
    with_outputs: int
    total_bytes: int
    sdist_sha256: str


@dataclass(frozen=True)
class Verdicts:
    """What one tool (or one configuration of it) reports on every notebook.

    Attributes:
        name: The label used in the report.
        reasons: For each notebook, what the tool flags in it: (cell, kind) pairs, cells
            numbered from 1 as ml-lint numbers them, None for notebook-level metadata; an
            empty set means clean.
        covers: Whether the tool's check includes a reason of this kind.
    """

    name: str
    reasons: dict[str, set[Reason]]
    covers: Callable[[Reason], bool]

    def dirty(self) -> set[str]:
        """The notebooks the tool calls dirty.

        Returns:
            Their paths.
        """
        return {path for path, reasons in self.reasons.items() if reasons}


def metadata_key(reason: Reason) -> str | None:
    """The dotted metadata path of a metadata reason, in nbstripout's notation.

    Args:
        reason: A (cell, kind) pair.

    Returns:
        ``metadata.KEY`` for notebook metadata, ``cell.metadata.KEY`` for cell metadata, or
        None when the reason is not about metadata.
    """
    cell, kind = reason
    if not kind.startswith("metadata "):
        return None
    key = kind.removeprefix("metadata ")
    return f"metadata.{key}" if cell is None else f"cell.metadata.{key}"


def covers_outputs(reason: Reason) -> bool:
    """ml-lint's output rules (ML302, ML303): outputs and execution counts.

    Args:
        reason: A (cell, kind) pair.

    Returns:
        Whether the rules check it.
    """
    return reason[1] in {OUTPUTS, COUNT}


def covers_ml304(reason: Reason) -> bool:
    """ml-lint's output rules plus ML304's default noise metadata.

    Args:
        reason: A (cell, kind) pair.

    Returns:
        Whether the rules check it.
    """
    return covers_outputs(reason) or metadata_key(reason) in ML304_NOISE_KEYS


def covers_nbstripout(reason: Reason) -> bool:
    """Whether ``nbstripout --verify`` with its defaults checks a reason.

    Args:
        reason: A (cell, kind) pair.

    Returns:
        Whether it checks it.
    """
    return reason[1] in {OUTPUTS, COUNT, CELL_ID} or metadata_key(reason) in NBSTRIPOUT_EXTRA_KEYS


def covers_nbstripout_keep_id(reason: Reason) -> bool:
    """Whether ``nbstripout --verify --keep-id`` checks a reason.

    Args:
        reason: A (cell, kind) pair.

    Returns:
        Whether it checks it.
    """
    return reason[1] != CELL_ID and covers_nbstripout(reason)


def covers_nb_clean(reason: Reason) -> bool:
    """nb-clean check with its defaults.

    Args:
        reason: A (cell, kind) pair.

    Returns:
        Whether it checks it.
    """
    key = metadata_key(reason)
    if key is not None:
        return key.startswith("cell.") or key in NB_CLEAN_NOTEBOOK_KEYS
    return reason[1] in {OUTPUTS, COUNT}


def sha256(path: Path) -> str:
    """A file's SHA-256.

    Args:
        path: The file.

    Returns:
        Its hex digest.
    """
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepare_corpus() -> tuple[Path, str]:
    """Download and unpack the pinned jupytext source distribution, once.

    ``pip download --no-deps --no-binary jupytext jupytext==1.19.6`` runs with the anchors
    venv's pip; the archive and its unpacked tree stay in ``benchmarks/.cache/``.

    Returns:
        The unpacked top directory and the archive's SHA-256.

    Raises:
        SystemExit: When the download is not exactly one source archive.
    """
    top = CORPUS_CACHE / f"{CORPUS_DIST}-{CORPUS_VERSION}"
    marker = CORPUS_CACHE / "corpus.json"
    if marker.is_file() and top.is_dir():
        recorded: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
        return top, str(recorded["sha256"])
    if CORPUS_CACHE.exists():
        shutil.rmtree(CORPUS_CACHE)
    download = CORPUS_CACHE / "download"
    print(f"downloading the {CORPUS_DIST} {CORPUS_VERSION} source distribution")
    run_checked(
        [
            str(bin_path(ANCHORS_VENV, "python")),
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "-q",
            "--no-deps",
            "--no-binary",
            CORPUS_DIST,
            f"{CORPUS_DIST}=={CORPUS_VERSION}",
            "-d",
            str(download),
        ]
    )
    archives = sorted(download.glob(f"{CORPUS_DIST}-{CORPUS_VERSION}.tar.gz"))
    if len(archives) != 1:
        raise SystemExit(f"expected one source archive in {download}, found {archives}")
    with tarfile.open(archives[0]) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(CORPUS_CACHE, filter="data")
        else:  # Python without extraction filters (before 3.10.12 / 3.11.4)
            archive.extractall(CORPUS_CACHE)
    digest = sha256(archives[0])
    marker.write_text(
        json.dumps({"archive": archives[0].name, "sha256": digest}, indent=2) + "\n",
        encoding="utf-8",
    )
    return top, digest


def has_outputs(path: Path) -> bool:
    """Whether a notebook has a code cell with outputs.

    Args:
        path: The notebook.

    Returns:
        True when some cell has a non-empty ``outputs`` list.
    """
    notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return any(cell.get("outputs") for cell in notebook.get("cells", []))


def make_workspace(source: Path, scratch: Path, digest: str) -> Corpus:
    """Copy the corpus into a scratch git repository that has adopted ml-lint.

    The copy's ``pyproject.toml`` (jupytext's own) gains an empty ``[tool.ml-lint]`` table, so
    ml-lint finds and reads its configuration as in a real project, with the defaults. The
    directory is a git repository because pre-commit runs hooks in one (nbstripout also reads
    ``git config``).

    Args:
        source: The unpacked corpus.
        scratch: An empty temporary directory.
        digest: The source archive's SHA-256.

    Returns:
        The corpus.
    """
    root = scratch / source.name
    shutil.copytree(source, root)
    run_checked(["git", "init", "-q", str(root)])
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[tool.ml-lint]\n")
    notebooks = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.ipynb"))
    with_outputs = sum(has_outputs(root / notebook) for notebook in notebooks)
    total = sum((root / notebook).stat().st_size for notebook in notebooks)
    if (len(notebooks), with_outputs) != (EXPECTED_NOTEBOOKS, EXPECTED_WITH_OUTPUTS):
        print(
            f"warning: expected {EXPECTED_NOTEBOOKS} notebooks, {EXPECTED_WITH_OUTPUTS} with "
            f"outputs; found {len(notebooks)}, {with_outputs}"
        )
    return Corpus(root, notebooks, with_outputs, total, digest)


def fingerprint(corpus: Corpus) -> dict[str, str]:
    """Every notebook's SHA-256, to prove that no tool changed a file.

    Args:
        corpus: The corpus.

    Returns:
        A mapping from each notebook to its digest.
    """
    return {notebook: sha256(corpus.root / notebook) for notebook in corpus.notebooks}


@functools.cache
def cache_options() -> tuple[str, ...]:
    """``("--no-cache",)`` when the ml-lint under test keeps a result cache, else ``()``.

    Returns:
        The options that make every ``ml-lint check`` run cold.
    """
    argv = [str(bin_path(ML_LINT_VENV, "ml-lint")), "check", "--help"]
    result = run_capture(argv, BENCH_DIR, command_env())
    if result.returncode != 0:
        fail("ml-lint check --help failed", result)
    return (NO_CACHE,) if NO_CACHE in result.stdout else ()


def ml_lint_argv(rules: str, paths: list[str], json_format: bool = False) -> list[str]:
    """An ``ml-lint check`` command over some paths.

    Args:
        rules: The ``--select`` value.
        paths: The notebooks.
        json_format: Ask for the JSON report (to read the verdicts) instead of the text one.

    Returns:
        The argument vector.
    """
    argv = [str(bin_path(ML_LINT_VENV, "ml-lint")), "check", *cache_options(), "--select", rules]
    if json_format:
        argv += ["--format", "json"]
    return [*argv, *paths]


def nbstripout_argv(paths: list[str], *options: str) -> list[str]:
    """An ``nbstripout --verify`` command over some paths.

    Args:
        paths: The notebooks.
        *options: Extra options.

    Returns:
        The argument vector.
    """
    return [str(bin_path(ANCHORS_VENV, "nbstripout")), "--verify", *options, *paths]


def nb_clean_argv(paths: list[str]) -> list[str]:
    """An ``nb-clean check`` command over some paths.

    Args:
        paths: The notebooks.

    Returns:
        The argument vector.
    """
    return [str(bin_path(ANCHORS_VENV, "nb-clean")), "check", *paths]


def timed_commands(paths: list[str], floors: bool) -> list[Command]:
    """The commands to time over some notebooks.

    Args:
        paths: The notebooks.
        floors: Also time ``python -c pass`` and the no-op console script.

    Returns:
        The commands.
    """
    commands = [
        Command(ML_LINT, ml_lint_argv(OUTPUT_RULES, paths)),
        Command(ML_LINT_META, ml_lint_argv(WITH_METADATA_RULES, paths)),
        Command(NBSTRIPOUT, nbstripout_argv(paths)),
        Command(NB_CLEAN, nb_clean_argv(paths)),
    ]
    if floors:
        commands += floor_commands(ML_LINT_VENV)
    return commands


def ml_lint_verdicts(
    name: str, rules: str, covers: Callable[[Reason], bool], corpus: Corpus, env: dict[str, str]
) -> Verdicts:
    """ml-lint's findings on every notebook, from its JSON report.

    Args:
        name: The label.
        rules: The ``--select`` value.
        covers: What the selection checks.
        corpus: The corpus.
        env: The environment.

    Returns:
        The verdicts.
    """
    result = run_capture(ml_lint_argv(rules, corpus.notebooks, json_format=True), corpus.root, env)
    if result.returncode not in {0, 1}:
        fail(f"{name} failed", result)
    reasons: dict[str, set[Reason]] = {notebook: set() for notebook in corpus.notebooks}
    for item in json.loads(result.stdout):
        path, code, cell = str(item["path"]), str(item["code"]), item.get("cell")
        if path not in reasons:
            fail(f"{name} reported a file it was not given: {path}", result)
        if code == "ML302":
            reasons[path].add((cell, OUTPUTS))
        elif code == "ML303":
            reasons[path].add((cell, COUNT))
        elif code == "ML304":
            # "cell metadata that changes on every run: ExecuteTime, scrolled; clear it"
            # "notebook metadata that changes on every run: metadata.widgets; clear it"
            keys = str(item["message"]).split(": ", 1)[1].split(";", 1)[0].split(",")
            reasons[path].update(
                (cell, "metadata " + key.strip().removeprefix("metadata.")) for key in keys
            )
        else:
            reasons[path].add((cell, f"{code} {item['message']}"))
    if (result.returncode == 1) != any(reasons.values()):
        fail(f"{name}'s exit status does not match its report", result)
    return Verdicts(name, reasons, covers)


def nbstripout_dirty(
    name: str, options: list[str], corpus: Corpus, env: dict[str, str]
) -> set[str]:
    """The notebooks ``nbstripout --verify`` calls dirty, from its output.

    It prints ``Dry run: would have stripped PATH`` for each dirty notebook and exits 1 if
    there is any.

    Args:
        name: The label.
        options: Options besides ``--verify``.
        corpus: The corpus.
        env: The environment.

    Returns:
        The dirty notebooks.
    """
    result = run_capture(nbstripout_argv(corpus.notebooks, *options), corpus.root, env)
    prefix = "Dry run: would have stripped "
    dirty = {
        line.removeprefix(prefix) for line in result.stdout.splitlines() if line.startswith(prefix)
    }
    if result.returncode != (1 if dirty else 0) or not dirty <= set(corpus.notebooks):
        fail(f"{name}: unexpected output", result)
    return dirty


def nbstripout_reasons(corpus: Corpus, env: dict[str, str]) -> dict[str, set[Reason]]:
    """What nbstripout's own ``strip_output`` (CLI defaults) changes in every notebook.

    Args:
        corpus: The corpus.
        env: The environment.

    Returns:
        For each notebook, (cell, kind) pairs: ``outputs``, ``execution count`` (the cell's or
        an output's), ``id`` or ``metadata KEY``; cells numbered from 1.
    """
    argv = [
        str(bin_path(ANCHORS_VENV, "python")),
        "-c",
        NBSTRIPOUT_HELPER,
        json.dumps(list(NBSTRIPOUT_EXTRA_KEYS)),
        *corpus.notebooks,
    ]
    result = run_capture(argv, corpus.root, env)
    if result.returncode != 0:
        fail("the nbstripout helper failed", result)
    changes: dict[str, list[list[str | int]]] = json.loads(result.stdout)
    reasons: dict[str, set[Reason]] = {}
    for notebook, paths in changes.items():
        found: set[Reason] = set()
        for path in paths:
            if path[:1] == ["metadata"]:
                found.add((None, "metadata " + ".".join(map(str, path[1:]))))
            elif len(path) >= 3 and path[0] == "cells" and isinstance(path[1], int):
                cell, key = path[1] + 1, path[2]
                if key == "outputs" and len(path) >= 5 and path[4] == "execution_count":
                    found.add((cell, COUNT))
                elif key == "outputs":
                    found.add((cell, OUTPUTS))
                elif key in {"execution_count", "prompt_number"}:
                    found.add((cell, COUNT))
                elif key == CELL_ID:
                    found.add((cell, CELL_ID))
                elif key == "metadata":
                    found.add((cell, "metadata " + ".".join(map(str, path[3:]))))
                else:
                    found.add((cell, ".".join(map(str, path[2:]))))
            else:
                found.add((None, ".".join(map(str, path))))
        reasons[notebook] = found
    return reasons


def nb_clean_verdicts(corpus: Corpus, env: dict[str, str]) -> Verdicts:
    """nb-clean's findings on every notebook, from ``nb-clean check``'s output.

    It prints one line per finding, ``PATH cell N: WHAT`` (cells from 0) or
    ``PATH metadata: KEY``, with WHAT one of ``outputs``, ``execution count``,
    ``output execution count``, ``metadata KEY`` or ``empty cell``.

    Args:
        corpus: The corpus.
        env: The environment.

    Returns:
        The verdicts, cells renumbered from 1.
    """
    result = run_capture(nb_clean_argv(corpus.notebooks), corpus.root, env)
    if result.returncode not in {0, 1}:
        fail("nb-clean failed", result)
    reasons: dict[str, set[Reason]] = {notebook: set() for notebook in corpus.notebooks}
    by_length = sorted(corpus.notebooks, key=len, reverse=True)
    for line in result.stdout.splitlines():
        notebook = next((n for n in by_length if line.startswith(n + " ")), None)
        if notebook is None:
            fail(f"nb-clean printed a line this script cannot read: {line!r}", result)
        where, _, what = line[len(notebook) + 1 :].partition(": ")
        if where == "metadata":
            reasons[notebook].add((None, f"metadata {what}"))
        elif where.startswith("cell ") and where[5:].isdigit():
            kind = COUNT if what in {COUNT, "output execution count"} else what
            reasons[notebook].add((int(where[5:]) + 1, kind))
        else:
            fail(f"nb-clean printed a line this script cannot read: {line!r}", result)
    if (result.returncode == 1) != any(reasons.values()):
        fail("nb-clean's exit status does not match its report", result)
    return Verdicts(NB_CLEAN, reasons, covers_nb_clean)


def collect_verdicts(corpus: Corpus, env: dict[str, str]) -> dict[str, Verdicts]:
    """Every tool's verdicts and reasons on the corpus.

    nbstripout names dirty files only; the reasons come from the helper, which must find the
    same dirty files as the CLI in each configuration (filtered to what it checks).

    Args:
        corpus: The corpus.
        env: The environment.

    Returns:
        The verdicts by label.

    Raises:
        SystemExit: When the helper and nbstripout's CLI disagree on which files are dirty.
    """
    verdicts = {
        ML_LINT: ml_lint_verdicts(ML_LINT, OUTPUT_RULES, covers_outputs, corpus, env),
        ML_LINT_META: ml_lint_verdicts(
            ML_LINT_META, WITH_METADATA_RULES, covers_ml304, corpus, env
        ),
        NB_CLEAN: nb_clean_verdicts(corpus, env),
    }
    helper = nbstripout_reasons(corpus, env)
    configurations: list[tuple[str, list[str], Callable[[Reason], bool]]] = [
        (NBSTRIPOUT, [], covers_nbstripout),
        (NBSTRIPOUT_KEEP_ID, ["--keep-id"], covers_nbstripout_keep_id),
        (
            NBSTRIPOUT_OUTPUTS,
            ["--keep-id", "--keep-metadata-keys", " ".join(NBSTRIPOUT_EXTRA_KEYS)],
            covers_outputs,
        ),
    ]
    for name, options, covers in configurations:
        dirty = nbstripout_dirty(name, options, corpus, env)
        reasons = {n: {r for r in helper[n] if covers(r)} for n in corpus.notebooks}
        verdict = Verdicts(name, reasons, covers)
        if verdict.dirty() != dirty:
            print(f"{name}: the helper and the CLI disagree on:")
            for notebook in sorted(verdict.dirty() ^ dirty):
                found = sorted(helper[notebook], key=str)
                print(f"  {notebook}: CLI dirty={notebook in dirty}, helper {found}")
            raise SystemExit(1)
        verdicts[name] = verdict
    return verdicts


def check_exit_codes(
    corpus: Corpus, verdicts: dict[str, Verdicts], env: dict[str, str]
) -> dict[str, int]:
    """Run each timed tool on each notebook alone and compare its exit status with its verdict.

    Args:
        corpus: The corpus.
        verdicts: The verdicts parsed from the whole-corpus runs.
        env: The environment.

    Returns:
        For each tool, how many notebooks were checked one at a time (all of them).
    """
    builders: dict[str, Callable[[list[str]], list[str]]] = {
        ML_LINT: lambda paths: ml_lint_argv(OUTPUT_RULES, paths),
        ML_LINT_META: lambda paths: ml_lint_argv(WITH_METADATA_RULES, paths),
        NBSTRIPOUT: nbstripout_argv,
        NB_CLEAN: nb_clean_argv,
    }
    checked: dict[str, int] = {}
    for name, build in builders.items():
        dirty = verdicts[name].dirty()
        for notebook in corpus.notebooks:
            result = run_capture(build([notebook]), corpus.root, env)
            if result.returncode != (1 if notebook in dirty else 0):
                fail(f"{name} on {notebook} alone disagrees with its whole-corpus report", result)
        checked[name] = len(corpus.notebooks)
        print(f"ok   {name}: exit status on each notebook alone matches the corpus report")
    return checked


def describe(reasons: Iterable[Reason]) -> str:
    """Reasons grouped by kind, with their cells, e.g. ``outputs (cells 2, 4); id (cells 1-9)``.

    Args:
        reasons: (cell, kind) pairs.

    Returns:
        A one-line summary.
    """
    cells: dict[str, list[int]] = {}
    notebook_level: list[str] = []
    for cell, kind in reasons:
        if cell is None:
            notebook_level.append(kind.replace("metadata ", "notebook metadata "))
        else:
            cells.setdefault(kind, []).append(cell)
    parts = sorted(notebook_level)
    for kind in sorted(cells):
        numbers = sorted(cells[kind])
        spans: list[str] = []
        start = previous = numbers[0]
        for number in [*numbers[1:], None]:
            if number is not None and number == previous + 1:
                previous = number
                continue
            spans.append(str(start) if start == previous else f"{start}-{previous}")
            if number is not None:
                start = previous = number
        label = "cell" if len(numbers) == 1 else "cells"
        parts.append(f"{kind} ({label} {', '.join(spans)})")
    return "; ".join(parts)


def why_not_covered(checker: str, other: str, reason: Reason) -> tuple[str, str]:
    """Why a tool flags a kind of content that the other tool does not check.

    Args:
        checker: The tool that flags it.
        other: The tool that does not check it.
        reason: The (cell, kind) pair.

    Returns:
        An explanation with a ``{keys}`` placeholder, and the key to put in it, so that the
        keys with the same explanation are listed together.
    """
    key = metadata_key(reason)
    if reason[1] == CELL_ID:
        return (
            f"{checker} renumbers cell ids to 0, 1, 2, ... (no --keep-id); ml-lint never flags "
            "ids, which are content (issue 4: random ids without outputs are clean){keys}",
            "",
        )
    if key is None:
        return f"{checker} checks {{keys}}; {other} does not", reason[1]
    if other == ML_LINT and key in ML304_NOISE_KEYS:
        return "run-to-run noise that ML304 flags, and ML304 is not selected here: {keys}", key
    if checker == NB_CLEAN and key.startswith("cell."):
        return (
            "nb-clean removes ALL cell metadata by default; ml-lint flags only run-to-run "
            "noise keys (ML304) and keeps content metadata: {keys}",
            key.split(".", 2)[2],
        )
    if checker.startswith(ML_LINT) and key in ML304_NOISE_KEYS:
        return f"ML304 flags it as noise; {other} keeps it by default: {{keys}}", key
    return f"{checker} checks it by default; {other} does not: {{keys}}", key


def explain(checker: str, other: str, reasons: Iterable[Reason]) -> list[str]:
    """The explanations for reasons the other tool does not check, keys grouped.

    Args:
        checker: The tool that flags them.
        other: The tool that does not check them.
        reasons: The (cell, kind) pairs.

    Returns:
        One line per distinct explanation.
    """
    grouped: dict[str, set[str]] = {}
    for reason in reasons:
        template, key = why_not_covered(checker, other, reason)
        grouped.setdefault(template, set()).add(key)
    return sorted(
        template.format(keys=", ".join(sorted(k for k in keys if k)))
        for template, keys in grouped.items()
    )


def compare(ml_lint: Verdicts, anchor: Verdicts, notebooks: list[str]) -> dict[str, Any]:
    """Agreement between an ml-lint selection and an anchor, notebook by notebook.

    A disagreement is explained when everything the dirty side flags is outside what the
    other side checks (a difference of definitions); it is a real disagreement when the dirty
    side flags something the other side also checks. Where both call a notebook dirty, the
    cells they flag for the checks they share must match too.

    Args:
        ml_lint: ml-lint's verdicts.
        anchor: The anchor's verdicts.
        notebooks: All notebooks.

    Returns:
        Counts, the disagreeing notebooks with reasons, and cell-level mismatches.
    """
    both = only_anchor = only_ml_lint = clean = 0
    disagreements: list[dict[str, Any]] = []
    cell_mismatches: list[dict[str, Any]] = []
    for notebook in notebooks:
        mine, theirs = ml_lint.reasons[notebook], anchor.reasons[notebook]
        if mine and theirs:
            both += 1
            shared_mine = {r for r in mine if anchor.covers(r)}
            shared_theirs = {r for r in theirs if ml_lint.covers(r)}
            if shared_mine != shared_theirs:
                cell_mismatches.append(
                    {
                        "notebook": notebook,
                        f"only {ml_lint.name}": describe(shared_mine - shared_theirs),
                        f"only {anchor.name}": describe(shared_theirs - shared_mine),
                    }
                )
            continue
        if not mine and not theirs:
            clean += 1
            continue
        if theirs:
            only_anchor += 1
            checker, other, flagged, covers = anchor.name, ml_lint.name, theirs, ml_lint.covers
        else:
            only_ml_lint += 1
            checker, other, flagged, covers = ml_lint.name, anchor.name, mine, anchor.covers
        shared = {r for r in flagged if covers(r)}
        notes = explain(checker, other, (r for r in flagged if not covers(r)))
        disagreements.append(
            {
                "notebook": notebook,
                "dirty_for": checker,
                "flagged": describe(flagged),
                "explained": not shared,
                "why": notes if not shared else [f"REAL: {other} also checks {describe(shared)}"],
            }
        )
    return {
        "ml_lint": ml_lint.name,
        "anchor": anchor.name,
        "both_dirty": both,
        "both_clean": clean,
        "only_anchor_dirty": only_anchor,
        "only_ml_lint_dirty": only_ml_lint,
        "explained": sum(1 for d in disagreements if d["explained"]),
        "unexplained": sum(1 for d in disagreements if not d["explained"]),
        "cell_level_mismatches": cell_mismatches,
        "disagreements": disagreements,
    }


PAIRS: list[tuple[str, str]] = [
    (ML_LINT, NBSTRIPOUT),
    (ML_LINT, NB_CLEAN),
    (ML_LINT, NBSTRIPOUT_KEEP_ID),
    (ML_LINT, NBSTRIPOUT_OUTPUTS),
    (ML_LINT_META, NBSTRIPOUT),
    (ML_LINT_META, NBSTRIPOUT_KEEP_ID),
    (ML_LINT_META, NB_CLEAN),
]
DETAILED_PAIRS = {(ML_LINT, NBSTRIPOUT), (ML_LINT, NB_CLEAN)}


def render_agreement(
    verdicts: dict[str, Verdicts], comparisons: list[dict[str, Any]], total: int
) -> str:
    """The agreement summary, with details for ml-lint's output rules against each anchor.

    Args:
        verdicts: Every tool's verdicts.
        comparisons: The results of ``compare`` for each pair in ``PAIRS``.
        total: How many notebooks there are.

    Returns:
        The printable summary.
    """
    lines = [f"dirty notebooks (of {total}):"]
    for name, verdict in verdicts.items():
        lines.append(f"  {name:<36} {len(verdict.dirty()):>3}")
    lines.append("")
    header = (
        f"  {'ml-lint selection vs anchor':<56} {'both':>4} {'clean':>5} {'anch':>4}"
        f" {'ml':>3} {'expl':>4} {'REAL':>4} {'cellmm':>6}"
    )
    lines += [
        "agreement (both = dirty for both; anch/ml = dirty only for the anchor/ml-lint;",
        "expl = disagreements explained by the definitions; REAL = on a check both make;",
        "cellmm = notebooks dirty for both whose flagged cells differ on the shared checks):",
        header,
    ]
    for item in comparisons:
        label = f"{item['ml_lint']} vs {item['anchor']}"
        lines.append(
            f"  {label:<56} {item['both_dirty']:>4} {item['both_clean']:>5}"
            f" {item['only_anchor_dirty']:>4} {item['only_ml_lint_dirty']:>3}"
            f" {item['explained']:>4} {item['unexplained']:>4}"
            f" {len(item['cell_level_mismatches']):>6}"
        )
    for item in comparisons:
        detailed = (item["ml_lint"], item["anchor"]) in DETAILED_PAIRS
        if not detailed and not item["unexplained"] and not item["cell_level_mismatches"]:
            continue
        lines.append("")
        lines.append(f"{item['ml_lint']} vs {item['anchor']}: disagreements (cells from 1)")
        for entry in item["disagreements"]:
            mark = "" if entry["explained"] else "REAL "
            lines.append(f"  {mark}{entry['notebook']}  [dirty for {entry['dirty_for']}]")
            lines.append(f"      flagged: {entry['flagged']}")
            lines.extend(f"      why: {why}" for why in entry["why"])
        for entry in item["cell_level_mismatches"]:
            lines.append(f"  CELL MISMATCH {entry['notebook']}: {entry}")
    return "\n".join(lines)


def pick_startup_notebook(corpus: Corpus, verdicts: dict[str, Verdicts]) -> str:
    """The smallest notebook that every tool, in every configuration, finds clean.

    Args:
        corpus: The corpus.
        verdicts: Every tool's verdicts.

    Returns:
        Its path.

    Raises:
        SystemExit: When no notebook is clean for every tool.
    """
    dirty = set().union(*(verdict.dirty() for verdict in verdicts.values()))
    clean = [n for n in corpus.notebooks if n not in dirty]
    if not clean:
        raise SystemExit("no notebook of the corpus is clean for every tool")
    return min(clean, key=lambda n: ((corpus.root / n).stat().st_size, n))


def verify_exit(commands: list[Command], expected: int, cwd: Path, env: dict[str, str]) -> None:
    """Run each linter once and stop unless it exits with the expected status.

    Args:
        commands: The commands (floors are skipped).
        expected: 1 on the corpus (it has dirty notebooks), 0 on the clean start-up notebook.
        cwd: The working directory.
        env: The environment.
    """
    for command in commands:
        if command.name in {PY_PASS, NOOP}:
            continue
        result = run_capture(command.argv, cwd, env)
        if result.returncode != expected:
            fail(f"{command.name} should exit {expected}", result)


CORPUS_RATIOS = [
    RatioSpec(ML_LINT, NBSTRIPOUT, 0.2),
    RatioSpec(ML_LINT, NB_CLEAN, 2.0),
    RatioSpec(ML_LINT_META, NBSTRIPOUT, None),
    RatioSpec(ML_LINT_META, NB_CLEAN, None),
]
STARTUP_RATIOS = [
    RatioSpec(ML_LINT, NBSTRIPOUT, 0.25),
    RatioSpec(ML_LINT, NB_CLEAN, None),
    RatioSpec(ML_LINT, PY_PASS, None),
    RatioSpec(ML_LINT, NOOP, None),
]


def render_timing(
    title: str, samples: dict[str, list[float]], specs: list[RatioSpec]
) -> tuple[str, dict[str, Stats], list[dict[str, Any]]]:
    """A timing table and its ratio lines.

    Args:
        title: The table's heading.
        samples: Each command's samples in round order.
        specs: The ratios to show.

    Returns:
        The printable report, the summaries, and the ratios as JSON-ready records.
    """
    stats = {name: summarize(values) for name, values in samples.items()}
    rows, records = ratio_rows(specs, stats, samples, width=34, heading="ratio")
    return "\n".join([title, *stats_table(stats, indent="  "), *rows]), stats, records


def profile_corpus(corpus: Corpus, env: dict[str, str], top: int, scratch: Path) -> str:
    """A ``cProfile`` of ``ml-lint check --select ML302,ML303`` on the corpus, by cumulative time.

    Args:
        corpus: The corpus.
        env: The environment.
        top: How many functions to show.
        scratch: A directory for the profile file.

    Returns:
        The command and pstats' table.
    """
    output = scratch / "ml-lint.prof"
    python = str(bin_path(ML_LINT_VENV, "python"))
    argv = [python, "-m", "cProfile", "-o", str(output), "-m", "ml_lint", "check"]
    argv += [*cache_options(), "--select", OUTPUT_RULES, *corpus.notebooks]
    result = run_capture(argv, corpus.root, env)
    if not output.is_file():
        fail("cProfile wrote no profile", result)
    stream = io.StringIO()
    stats = pstats.Stats(str(output), stream=stream)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    body = stream.getvalue()
    table = body[body.find("   ncalls") :] if "   ncalls" in body else body
    head = (
        f"$ python -m cProfile -m ml_lint check --select {OUTPUT_RULES} "
        f"<{len(corpus.notebooks)} notebooks>"
    )
    return head + "\n" + table.rstrip()


def warn_if_stale(reuse: bool) -> None:
    """Say so when ``--reuse`` kept an ml-lint venv built from another state of the work tree.

    ``--reuse`` keeps the ml-lint venv whatever the work tree holds now; its install marker
    records the commit it was built from.

    Args:
        reuse: Whether ``--reuse`` was given.
    """
    built_from = read_marker(ML_LINT_VENV).get("source") or {}
    now = git_state()
    if reuse and (built_from.get("commit") != now["commit"] or now["dirty"]):
        print(
            f"warning: the reused {ML_LINT_VENV.name} was built from {built_from.get('commit')} "
            f"(src dirty: {built_from.get('dirty')}); the work tree is at {now['commit']} "
            f"(src dirty: {now['dirty']}). Delete it to measure the work tree."
        )


def config_file(corpus: Corpus, env: dict[str, str]) -> str:
    """The configuration file ml-lint reads in the corpus (``ml-lint config``'s first line).

    Args:
        corpus: The corpus.
        env: The environment.

    Returns:
        The line, e.g. ``config-file = "/tmp/.../pyproject.toml"``.
    """
    result = run_capture([str(bin_path(ML_LINT_VENV, "ml-lint")), "config"], corpus.root, env)
    if result.returncode != 0:
        fail("ml-lint config failed", result)
    first = result.stdout.splitlines()[0] if result.stdout else ""
    return first.replace(str(corpus.root), "<corpus>")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="corpus rounds (default: 15)")
    parser.add_argument(
        "--startup-runs", type=int, default=30, help="start-up rounds (default: 30)"
    )
    add_common_options(parser, DEFAULT_OUTPUT)
    parser.add_argument(
        "--no-per-file-check",
        action="store_true",
        help="skip running each tool on each notebook alone to cross-check its exit status",
    )
    parser.add_argument(
        "--importtime",
        type=int,
        default=0,
        metavar="N",
        help="also show the N slowest imports of ml-lint on the start-up notebook",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also show the N top functions (cumulative) of a cProfile of ml-lint on the corpus",
    )
    args = parser.parse_args(argv)
    if args.runs < 2 or args.startup_runs < 2:
        parser.error("--runs and --startup-runs must be at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    """Set up, collect verdicts, compare, measure, print and save.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 when the measurement completed.

    Raises:
        SystemExit: When a tool changed a notebook of the corpus.
    """
    args = parse_args(argv)
    session = set_up(VENVS, args.python, args.reuse, extra=["nbformat"])
    warn_if_stale(args.reuse)
    source, digest = prepare_corpus()
    env = session.env

    with tempfile.TemporaryDirectory(prefix="notebook-hygiene-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = make_workspace(source, scratch, digest)
        before = fingerprint(corpus)
        print(
            f"corpus: {len(corpus.notebooks)} notebooks, {corpus.with_outputs} with outputs, "
            f"{corpus.total_bytes / 1e6:.1f} MB ({CORPUS_DIST} {CORPUS_VERSION} sdist)"
        )
        ml_lint_config = config_file(corpus, env)
        verdicts = collect_verdicts(corpus, env)
        per_file = {} if args.no_per_file_check else check_exit_codes(corpus, verdicts, env)
        comparisons = [compare(verdicts[a], verdicts[b], corpus.notebooks) for a, b in PAIRS]
        small = pick_startup_notebook(corpus, verdicts)
        small_bytes = (corpus.root / small).stat().st_size

        corpus_commands = timed_commands(corpus.notebooks, floors=False)
        startup_commands = timed_commands([small], floors=True)
        verify_exit(corpus_commands, 1, corpus.root, env)
        verify_exit(startup_commands, 0, corpus.root, env)
        print(f"start-up notebook: {small} ({small_bytes} bytes), clean for every tool")

        print(f"corpus: warm-up {args.warmup} rounds, then {args.runs} interleaved rounds")
        corpus_samples = measure(
            corpus_commands, corpus.root, env, args.warmup, args.runs, args.seed
        )
        print(f"start-up: warm-up {args.warmup} rounds, then {args.startup_runs} rounds")
        startup_samples = measure(
            startup_commands, corpus.root, env, args.warmup, args.startup_runs, args.seed + 1
        )
        profile = None
        if args.importtime:
            python = str(bin_path(ML_LINT_VENV, "python"))
            it_argv = [python, "-X", "importtime", "-m", "ml_lint", "check", *cache_options()]
            profile = importtime_report(
                [*it_argv, "--select", OUTPUT_RULES, small], corpus.root, env, args.importtime
            )
        cprofile = profile_corpus(corpus, env, args.profile, scratch) if args.profile else None
        if any(corpus.root.rglob(CACHE_DIRECTORY)):
            raise SystemExit(f"ml-lint wrote a {CACHE_DIRECTORY} into the corpus: runs were warm")
        if fingerprint(corpus) != before:
            raise SystemExit("a tool changed a notebook of the corpus")

    corpus_report, corpus_stats, corpus_ratios = render_timing(
        f"corpus: {len(corpus.notebooks)} notebooks in one process, {args.runs} rounds",
        corpus_samples,
        CORPUS_RATIOS,
    )
    startup_report, startup_stats, startup_ratios = render_timing(
        f"start-up: one clean notebook ({small}, {small_bytes} bytes), {args.startup_runs} rounds",
        startup_samples,
        STARTUP_RATIOS,
    )
    agreement = render_agreement(verdicts, comparisons, len(corpus.notebooks))

    print()
    print("\n".join(machine_lines(session)))
    print(f"ml-lint configuration: {ml_lint_config}")
    print()
    print(agreement)
    print()
    print("ratios: A = ratio of the medians; B = median of the per-round ratios (p25-p75)")
    print(corpus_report)
    print()
    print(startup_report)
    excess = startup_stats[ML_LINT].median - startup_stats[NOOP].median
    print(f"  ml-lint start-up minus no-op console script: {excess:.1f} ms")
    for extra in (profile, cprofile):
        if extra is not None:
            print()
            print(extra)

    results = {
        "benchmark": "notebook output hygiene: whole-process wall time and agreement",
        **machine_record(session, ML_LINT_VENV),
        "ml_lint_config": ml_lint_config,
        "ml_lint_cache_options": list(cache_options()),
        "corpus": {
            "source": f"{CORPUS_DIST}=={CORPUS_VERSION} sdist from PyPI",
            "sdist_sha256": corpus.sdist_sha256,
            "notebooks": len(corpus.notebooks),
            "with_outputs": corpus.with_outputs,
            "total_bytes": corpus.total_bytes,
            "startup_notebook": small,
            "startup_notebook_bytes": small_bytes,
        },
        "definitions": DEFINITIONS,
        "runs": args.runs,
        "startup_runs": args.startup_runs,
        "warmup": args.warmup,
        "seed": args.seed,
        "commands": {
            "corpus": shown(corpus_commands, corpus.notebooks),
            "startup": shown(startup_commands, [small]),
        },
        "corpus_stats_ms": stats_record(corpus_stats),
        "corpus_ratios": corpus_ratios,
        "startup_stats_ms": stats_record(startup_stats),
        "startup_ratios": startup_ratios,
        "per_file_exit_status_checked": per_file,
        "dirty_counts": {name: len(v.dirty()) for name, v in verdicts.items()},
        "agreement": comparisons,
        "verdicts": {
            notebook: {name: bool(v.reasons[notebook]) for name, v in verdicts.items()}
            for notebook in corpus.notebooks
        },
        "corpus_samples_ms": rounded(corpus_samples),
        "startup_samples_ms": rounded(startup_samples),
    }
    save_results(args.output, results)
    return 0


def shown(commands: list[Command], paths: list[str]) -> dict[str, list[str]]:
    """Commands as the JSON records them: the executable by name, many notebooks by count.

    Args:
        commands: The commands.
        paths: The notebooks they were given (last on their command lines).

    Returns:
        Each command's argument vector, shortened.
    """
    records: dict[str, list[str]] = {}
    for command in commands:
        argv = command.argv
        if argv[-len(paths) :] == paths:
            label = paths[0] if len(paths) == 1 else f"<{len(paths)} notebooks>"
            argv = [*argv[: -len(paths)], label]
        records[command.name] = [Path(argv[0]).name, *argv[1:]]
    return records


if __name__ == "__main__":
    sys.exit(main())
