"""Run the file checkers over many files: per-file fault isolation, suppressions, ``--jobs``."""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator

from ml_lint.config import Config
from ml_lint.model import Finding, finding, sort_findings
from ml_lint.records import NamedTuple
from ml_lint.rules import docstrings, general, notebooks, secrets
from ml_lint.source import SourceError, SourceFile, forget_projects, project_relpath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ml_lint.cache import ResultCache
    from ml_lint.suppress import Suppression

CheckFunction = Callable[[SourceFile, Config], Iterable[Finding]]


class FileChecker(NamedTuple):
    """A checker module with a ``check(source, config)`` function, and what it covers.

    A checker with ``fixable`` codes also has ``fix(source, config, findings)``, which
    returns the file's new text with those findings (of its fixable codes) repaired, or None.
    Its ``unsafe`` codes are fixed too, but only with ``--unsafe-fixes``. A checker with
    ``cells`` false does not run on the code cells of notebooks as Python files (it reads
    notebooks itself).

    Attributes:
        module: The checker's dotted module name, imported only when it runs.
        kinds: The file kinds it reads (``python``, ``notebook``, ``other``).
        codes: The codes of the rules it checks.
        fixable: The codes its ``fix`` repairs.
        unsafe: The codes its ``fix`` repairs only with ``--unsafe-fixes``.
        cells: Whether it also runs on notebooks' code cells.
    """

    module: str
    kinds: tuple[str, ...]
    codes: frozenset[str]
    fixable: frozenset[str] = frozenset()
    unsafe: frozenset[str] = frozenset()
    cells: bool = True


# Families register their file checkers here; modules are imported only when selected.
# The code cells of notebooks go through the "python" checkers too.
FILE_CHECKERS = (
    FileChecker("ml_lint.checks.syntax", ("python",), frozenset({general.SYNTAX_ERROR.code})),
    FileChecker(
        "ml_lint.checks.style",
        ("python",),
        frozenset({general.LINE_TOO_LONG.code, general.TAB_INDENTATION.code}),
    ),
    FileChecker(
        "ml_lint.checks.docstrings",
        ("python",),
        frozenset(rule.code for rule in docstrings.RULES),
        frozenset(rule.code for rule in docstrings.RULES if rule.fixable),
        docstrings.UNSAFE_FIXES,
    ),
    FileChecker(
        "ml_lint.checks.notebook_hygiene",
        ("notebook",),
        frozenset(rule.code for rule in notebooks.HYGIENE),
        frozenset(rule.code for rule in notebooks.HYGIENE if rule.fixable),
    ),
    FileChecker(
        "ml_lint.checks.notebook_structure",
        ("notebook",),
        frozenset(rule.code for rule in notebooks.STRUCTURE),
    ),
    FileChecker(
        "ml_lint.checks.secrets",
        ("python", "notebook", "other"),
        frozenset(rule.code for rule in secrets.RULES),
        cells=False,
    ),
)


# Rules no checker owns, found by reading any file: it cannot be read, or its suppression
# comments are malformed or unused.
READER_CODES = frozenset({general.UNREADABLE_FILE.code, general.UNUSED_SUPPRESSION.code})
# Files of kind "other" larger than this are data: their comments are not read.
OTHER_TEXT_LIMIT = 5 * 1024 * 1024
# Files of kind "other" whose comments start with "#", where suppression comments are read
# (in Markdown, say, "#" starts a heading, and a suppression there is documentation).
HASH_COMMENT_SUFFIXES = (
    ".yaml", ".yml", ".toml", ".cfg", ".ini", ".conf", ".env", ".sh", ".bash", ".zsh",
    ".properties", ".r", ".rb", ".pl", ".tf", ".hcl", ".mk", ".cmake", ".dockerfile",
)  # fmt: skip
# A pattern, compiled (by ``re``'s cache) only when a run meets such a file.
HASH_COMMENT_NAMES = (
    r"^(?:\.env(?:\..*)?|dockerfile|makefile|procfile|\.gitignore|\.dockerignore|\.netrc"
    r"|\.pypirc|\.gitattributes|(?:requirements|constraints)[\w.\-]*\.(?:txt|in))$"
)

# Findings that say a file was not (fully) checked: it could not be read or parsed, or a
# checker failed on it. They are reported whatever the selection.
UNCHECKED = frozenset(
    {
        general.INTERNAL_ERROR.code,
        general.UNREADABLE_FILE.code,
        general.SYNTAX_ERROR.code,
        notebooks.INVALID.code,
    }
)


class Options(NamedTuple):
    """What every worker needs besides the file: settings shared by the whole run.

    Attributes:
        config: The resolved configuration.
        report_unused: Report suppressions that hide nothing (``--report-unused-ignores``).
        fix: Repair what fixable rules flag (``--fix``).
        unsafe_fixes: Also apply the unsafe fixes (``--unsafe-fixes``).
        in_memory: With ``fix``, write no file: the fixed texts come back in the results
            (``--diff``, and content read from stdin).
    """

    config: Config
    report_unused: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    in_memory: bool = False


class Results(NamedTuple):
    """The findings that remain, and how many were fixed.

    Attributes:
        findings: The findings reported after any fixes.
        fixed: How many findings the fixes removed (from the texts, with ``in_memory``).
        unwritten: With ``Options.in_memory``, each fixed file's path, its text as read
            (a BOM kept) and its fixed text.
        write_errors: Why fixed files could not be written (they keep their findings).
        digest: For a result cache, the digest of the content that was checked.
    """

    findings: list[Finding]
    fixed: int = 0
    unwritten: tuple[tuple[str, str, str], ...] = ()
    write_errors: tuple[str, ...] = ()
    digest: str | None = None


def active_checkers(config: Config) -> list[FileChecker]:
    """The checkers with at least one selected rule.

    Args:
        config: The configuration, for the selection.

    Returns:
        The checkers, in ``FILE_CHECKERS`` order.
    """
    return [checker for checker in FILE_CHECKERS if checker.codes & config.enabled]


def check_file(source: SourceFile, options: Options) -> Results:
    """Every finding for one file; a failing checker or an unreadable file is a finding.

    With ``options.fix``, fixable findings are repaired in the file, which is then checked
    again; the result holds what remains.

    Args:
        source: The file.
        options: The run's settings.

    Returns:
        The findings that remain, and how many the fix removed.

    A fixed file that cannot be written (read-only, say) is left as it was, with its
    findings, and the reason in ``Results.write_errors``; the run goes on.
    """
    findings = _check(source, options.config, options.report_unused)
    fixed = _fixed_until_stable(source, options, findings) if options.fix else None
    if fixed is None:
        source.release()
        return Results(findings)
    new_text, codes, remaining = fixed
    if options.in_memory:
        old_text = source.data.decode("utf-8")
        source.release()
        fixed_count = _count_fixed(findings, remaining, codes)
        return Results(remaining, fixed_count, ((source.relpath, old_text, new_text),))
    source.release()
    from ml_lint.fixes import write_atomic

    try:
        write_atomic(source.path, new_text)
    except OSError as error:
        reason = f"cannot write the fixed {source.relpath}: {error.strerror}; it was left as it was"
        return Results(findings, write_errors=(reason,))
    return Results(remaining, _count_fixed(findings, remaining, codes))


def _count_fixed(before: list[Finding], after: list[Finding], codes: frozenset[str]) -> int:
    # Fixes may bring new findings of other rules (a placeholder to fill): count only
    # the findings of the codes given to the fix that are gone.
    left = sum(1 for f in after if f.code in codes)
    given = sum(1 for f in before if f.code in codes)
    return max(given - left, 0)


# A fix may bring out findings that it could not see before (a NumPy docstring rewritten in
# Google style shows the Args entries it lacks): the fixed text is checked and fixed again
# until nothing changes, so that a second --fix has nothing left to do. The bound stops a pair
# of fixes that would undo each other.
MAX_FIX_PASSES = 10


def _fixed_until_stable(
    source: SourceFile, options: Options, findings: list[Finding]
) -> tuple[str, frozenset[str], list[Finding]] | None:
    """``_fixed_text``, applied again to its own result while that changes it.

    Returns the final text, the codes given to the fix and the findings of that text (what
    is written is exactly what was checked last), or None when nothing was fixed.
    """
    fixed = _fixed_text(source, options, findings)
    if fixed is None:
        return None
    text, codes = fixed
    passes = 1
    while True:
        current = SourceFile.from_bytes(source.path, source.relpath, text.encode("utf-8"))
        remaining = _check(current, options.config, options.report_unused)
        more = _fixed_text(current, options, remaining) if passes < MAX_FIX_PASSES else None
        if more is None or more[0] == text:
            return text, codes, remaining
        text, passes = more[0], passes + 1


def _fixed_text(
    source: SourceFile, options: Options, findings: list[Finding]
) -> tuple[str, frozenset[str]] | None:
    """The file's text as its (one) fixing checker repairs it, and the codes it was given."""
    for checker in active_checkers(options.config):
        codes = checker.fixable | (checker.unsafe if options.unsafe_fixes else frozenset())
        fixable = [f for f in findings if f.code in codes]
        if source.kind in checker.kinds and fixable:
            module = importlib.import_module(checker.module)
            text: str | None = module.fix(source, options.config, fixable)
            return None if text is None else (text, codes)
    return None


def _check(source: SourceFile, config: Config, report_unused: bool) -> list[Finding]:
    if not source.in_memory and not os.path.isfile(source.path):
        try:  # a directory that could not be listed, a FIFO, a broken link: say so
            _ = source.data
        except SourceError as error:
            return [error.finding]
    findings = _run_checkers(source, config)
    suppressions: list[Suppression] = []
    malformed: list[Finding] = []
    # An unreadable file has no lines (and a broken notebook no cells): its own finding
    # stands and cannot be suppressed.
    with contextlib.suppress(SourceError):
        if source.kind != "notebook":
            suppressions, malformed = _suppressions(source, None)
        elif _python_selected(config) or _code_mentions_ml_lint(source):
            for number, cell in source.code_cells:
                cell_findings = _run_checkers(cell, config, cell=True)
                findings += [source.cell_columns(f._replace(cell=number)) for f in cell_findings]
                found, bad = _suppressions(cell, number)
                suppressions += [
                    s._replace(column=source.cell_column(number, s.line, s.column)) for s in found
                ]
                malformed += [source.cell_columns(f) for f in bad]
    if not (suppressions or malformed or report_unused) and not findings:
        return findings
    relpath = _relative_to_base(source, config)
    if suppressions or malformed or report_unused:
        from ml_lint import suppress

        findings = suppress.apply(
            findings,
            suppressions,
            malformed,
            source.relpath,
            report_unused,
            lambda code: config.is_enabled(code, relpath),
        )
    # Whether a finding is reported depends on its code and the file only: decide per code.
    # --report-unused-ignores asks for ML004 whether selected or not, unless it is ignored.
    unused = general.UNUSED_SUPPRESSION.code
    wanted = (
        report_unused and unused not in config.ignored and not config.ignored_for(unused, relpath)
    )
    reported = {
        code
        for code in {f.code for f in findings}
        if _reported(code, config, relpath) or (wanted and code == unused)
    }
    return [f for f in findings if f.code in reported]


def _code_mentions_ml_lint(source: SourceFile) -> bool:
    """Whether a notebook's code cells hold ``ml-lint:``; outputs (often megabytes) are skipped."""
    from ml_lint import notebook
    from ml_lint.suppress import mentions

    return any(
        cell.get("cell_type") == "code" and mentions(notebook.source_text(cell))
        for cell in source.notebook["cells"]
    )


def _python_selected(config: Config) -> bool:
    return any("python" in c.kinds and c.cells for c in active_checkers(config))


def _reported(code: str, config: Config, relpath: str) -> bool:
    """Whether findings of ``code`` are selected and not ignored for the file.

    That a selected rule could not read or parse the file, or failed on it, is reported
    even when its own rule is not selected (as ruff reports syntax errors), unless it is
    ignored explicitly: otherwise a broken file would pass silently.
    """
    if code in UNCHECKED:
        return code not in config.ignored and not config.ignored_for(code, relpath)
    return config.is_enabled(code, relpath)


def _run_checkers(source: SourceFile, config: Config, cell: bool = False) -> list[Finding]:
    """The findings of every selected checker for the file's kind; failures become findings.

    With ``cell``, ``source`` is a notebook's code cell: only checkers with ``cells`` run.
    """
    findings: list[Finding] = []
    failures: dict[str, Finding] = {}
    for checker in active_checkers(config):
        if source.kind not in checker.kinds or (cell and not checker.cells):
            continue
        try:
            check: CheckFunction = importlib.import_module(checker.module).check
            findings.extend(check(source, config))
        except SourceError as error:
            failures.setdefault(error.finding.code, error.finding)
        except Exception as error:  # isolate one checker's bug from the rest of the run
            message = (
                f"checker {checker.module.rsplit('.', 1)[-1]!r} failed on this file with "
                f"{type(error).__name__}: {error}; the other checks ran. Please report this."
            )
            findings.append(finding(general.INTERNAL_ERROR, source.relpath, message))
    return findings + list(failures.values())


def _suppressions(source: SourceFile, cell: int | None) -> tuple[list[Suppression], list[Finding]]:
    """The suppression comments of a Python file, a notebook cell, or another text file."""
    if source.kind == "other" and not _hash_comments(source):
        return [], []
    from ml_lint import suppress

    if not suppress.mentions(source.text):
        return [], []
    if source.kind == "python" and source.parses():
        comments = suppress.python_comments(source.text)
    else:
        comments = suppress.line_comments(source.lines)
    return suppress.collect(comments, source.lines, source.relpath, cell)


def _hash_comments(source: SourceFile) -> bool:
    """Whether an ``other`` file is a text format with ``#`` comments, and not data."""
    name = source.relpath.rsplit("/", 1)[-1].lower()
    if not (name.endswith(HASH_COMMENT_SUFFIXES) or re.match(HASH_COMMENT_NAMES, name)):
        return False
    return source.size() <= OTHER_TEXT_LIMIT and not source.looks_binary()


def _relative_to_base(source: SourceFile, config: Config) -> str:
    return os.path.relpath(os.path.abspath(source.path), config.base).replace(os.sep, "/")


def checkable(sources: list[SourceFile], config: Config) -> list[SourceFile]:
    """The files some selected checker reads; the others (images, data) are skipped.

    Args:
        sources: The files found.
        config: The configuration, for the selection.

    Returns:
        The files to check, in their order.
    """
    kinds = {kind for checker in active_checkers(config) for kind in checker.kinds}
    if "python" in kinds:
        kinds.add("notebook")  # code cells are Python
    if config.enabled & READER_CODES:  # selected alone, they still need the files read
        kinds |= {"python", "notebook", "other"}
    # A directory that could not be listed, or a named path that is no regular file, is
    # kept whatever its kind: reading it reports why nothing in it was checked.
    return [
        source
        for source in sources
        if source.kind in kinds or not (source.in_memory or os.path.isfile(source.path))
    ]


def check_files(
    sources: list[SourceFile], options: Options, jobs: int = 1, cache: ResultCache | None = None
) -> Results:
    """Check every file, in parallel when ``jobs`` > 1; findings are sorted either way.

    Pass the sources through ``checkable`` first so that no worker receives a file that no
    checker reads. With a ``cache``, a file stored with the same content is not checked
    again (with ``--fix``, only if none of its findings is fixable), and what is checked is
    stored; the caller saves the cache.

    A file reached by several paths (a symbolic link to it, or a hard link, inside the
    tree) is checked under each path, as without ``--fix``; with fixes written, its paths
    are taken one after the other in their order, whatever ``jobs`` is (``_turns``).

    Args:
        sources: The files to check.
        options: The run's settings.
        jobs: How many processes; 0 means one per CPU. Never more than there are files.
        cache: Findings of earlier runs with the same settings.

    Returns:
        The findings of all files, sorted, and the total fixed.
    """
    forget_projects()  # a project marker added since an earlier run in this process counts
    parts: list[Results] = []
    keyed = cache is not None
    if cache is not None:
        sources, parts = _look_up(sources, options, cache)
    jobs = min(jobs or os.cpu_count() or 1, len(sources))
    if jobs <= 1:
        with _no_cycle_collection():
            checked = [_check_and_collect(source, options, keyed) for source in sources]
    else:
        from concurrent.futures import ProcessPoolExecutor

        for source in sources:
            source.release()  # workers read the files themselves
        import multiprocessing

        initargs = (options, keyed, os.getpid(), multiprocessing.get_start_method())
        results: dict[int, Results] = {}
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=initargs) as pool:
            for turn in _turns(sources) if _writes(options) else [sources]:
                chunk = max(1, len(turn) // (jobs * 4))
                done = pool.map(_check_in_worker, turn, chunksize=chunk)
                results.update(zip(map(id, turn), done, strict=True))
        checked = [results[id(source)] for source in sources]
    if cache is not None:
        _store(cache, sources, checked, options)
    parts += checked
    findings = [f for part in parts for f in part.findings]
    sort_findings(findings)
    unwritten = tuple(sorted(fixed for part in parts for fixed in part.unwritten))
    errors = tuple(error for part in parts for error in part.write_errors)
    return Results(findings, sum(part.fixed for part in parts), unwritten, errors)


def _look_up(
    sources: list[SourceFile], options: Options, cache: ResultCache
) -> tuple[list[SourceFile], list[Results]]:
    """The files the cache does not answer for, and the answers.

    A file missed is read again when it is checked: holding every file's bytes until then
    would cost the memory of the whole tree, and its findings are stored under the digest
    of the bytes checked, which may differ if the file changes meanwhile.
    """
    fixable = _fix_codes(options) if options.fix else frozenset()
    missed: list[SourceFile] = []
    answers: list[tuple[SourceFile, Results]] = []
    for source in sources:
        key = _content_digest(source, options.config)
        found = None if key is None else cache.get(source.relpath, key)
        if found is None or any(f.code in fixable for f in found):
            missed.append(source)
            if source.in_memory:  # content given once, or staged: kept, not read again
                continue
        else:
            answers.append((source, Results(found)))
        source.release()
    if _writes(options) and missed and answers:
        # A fix under one path of a file changes what its other paths hold: their findings
        # stored for the old content are checked again, after the fix, as without a cache.
        fixed = {_identity(source) for source in missed} - {None}
        again = {id(source) for source, _ in answers if _identity(source) in fixed}
        if again:
            again |= {id(source) for source in missed}
            missed = [source for source in sources if id(source) in again]  # in their order
            answers = [(s, result) for s, result in answers if id(s) not in again]
    return missed, [result for _, result in answers]


def _writes(options: Options) -> bool:
    """Whether the run writes fixed files (``--fix``, not ``--diff`` or stdin)."""
    return options.fix and not options.in_memory


def _identity(source: SourceFile) -> tuple[int, int] | None:
    """The file ``source`` names, a symbolic link followed: its device and inode.

    None for content in memory, for a path that cannot be stat'ed, and where the file system
    gives no inode numbers (0).
    """
    if source.in_memory:
        return None
    try:
        status = os.stat(source.path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if status.st_ino else None


def _turns(sources: list[SourceFile]) -> list[list[SourceFile]]:
    """The sources in turns that hold at most one path of each file, for parallel fixes.

    A file reached by two paths (a symbolic link or a hard link to it in the tree) would
    otherwise be fixed by two workers at once: both would read it, both would write it (one
    update lost, or a text half written read by the other) and both would count the fixes.
    Its first path, in the order given, is in the first turn, its second in the second, and
    a turn starts once the one before is done: each path is checked, and fixed, after the
    fixes made under the paths before it, as a serial run does. So the second path is not
    left out nor given the first one's findings: it is reported as it is after the fix,
    with its own per-file settings (``per-file-ignores`` may differ between the paths), and
    ``--jobs`` changes neither the files written nor the count of fixes.

    Args:
        sources: The files to check, in their order.

    Returns:
        The turns, the first holding every file's first path; each in the order given.
    """
    turns: list[list[SourceFile]] = []
    seen: dict[tuple[int, int], int] = {}
    for source in sources:
        key = _identity(source)
        turn = 0
        if key is not None:
            turn = seen.get(key, 0)
            seen[key] = turn + 1
        if turn == len(turns):
            turns.append([])
        turns[turn].append(source)
    return turns


def _content_digest(source: SourceFile, config: Config) -> str | None:
    """The digest a file's findings are cached under; None for one that is not cached.

    Not cached: a file too large, one that cannot be read (checking it says why), and one
    whose name is not UTF-8, which reports show (and the cache keys) with U+FFFD in place
    of the bytes, so that two such names could be one. Python is keyed by its place in its
    project too, which decides whether it is a test file or a private module: a project
    marker added or removed changes that without a change to the file.
    """
    from ml_lint.cache import MAX_FILE_SIZE, digest

    if not source.exact_name:
        return None
    try:
        if source.index_root is None and source.size() > MAX_FILE_SIZE:
            return None
        key = digest(source.data)
    except (SourceError, OSError):
        return None
    if source.kind in ("python", "notebook"):
        where = project_relpath(source, config.base)
        if where != source.relpath:
            key = digest(f"{key} {where}".encode("utf-8", "surrogateescape"))
    return key


def _store(
    cache: ResultCache, sources: list[SourceFile], checked: list[Results], options: Options
) -> None:
    """Store what was checked, under the digest of the content its findings are for."""
    if options.in_memory:  # what was checked is the fixed text, which no file holds
        return
    for source, result in zip(sources, checked, strict=True):
        if result.digest is None or result.fixed or result.write_errors:
            continue  # not cached, or fixed: its findings are of content written since
        if any(f.code == general.INTERNAL_ERROR.code for f in result.findings):
            continue  # a checker failed on it: check it again next time
        cache.put(source.relpath, result.digest, result.findings)


def _fix_codes(options: Options) -> frozenset[str]:
    """The codes ``--fix`` repairs with these options."""
    codes: set[str] = set()
    for checker in active_checkers(options.config):
        codes |= checker.fixable | (checker.unsafe if options.unsafe_fixes else frozenset())
    return frozenset(codes)


# Syntax trees and parsed notebooks are trees, freed by reference counting as each file is
# done; the cycle collector would only scan their millions of nodes again and again (a
# quarter of the time of a large run). It is switched off while files are checked, and run
# every this many files to free any cycle a checker left behind.
COLLECT_EVERY = 200


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Check files with the cycle collector off; what existed before is never scanned."""
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()  # objects alive now (modules, configuration) stay out of every collection
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


_checked_since_collection = 0


def _check_and_collect(source: SourceFile, options: Options, keyed: bool = False) -> Results:
    """``check_file``, collecting cycles now and then; ``keyed`` adds the content's digest."""
    global _checked_since_collection
    _checked_since_collection += 1
    if _checked_since_collection >= COLLECT_EVERY:
        _checked_since_collection = 0
        gc.collect()
        gc.freeze()  # what survived (the findings so far) is not scanned again next time
    key = _content_digest(source, options.config) if keyed else None  # read once: the bytes checked
    result = check_file(source, options)
    return result._replace(digest=key) if key is not None else result


_WORKER_OPTIONS: Options | None = None
_WORKER_KEYED = False


def _init_worker(options: Options, keyed: bool, run: int, start_method: str) -> None:
    global _WORKER_OPTIONS, _WORKER_KEYED
    _WORKER_OPTIONS, _WORKER_KEYED = options, keyed
    import signal
    import threading

    from ml_lint.cli import silence_compiler_warnings

    # The parent is the run's process, or a fork server that ends with it (Python 3.14). A
    # worker started from the run whose parent is another process started after the run died.
    parent = os.getppid()
    if start_method != "forkserver" and parent != run:
        os._exit(1)
    silence_compiler_warnings()  # a worker started afresh (not forked) has the defaults
    # Ctrl-C reaches the whole process group: the parent reports it, a worker just stops.
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    gc.disable()  # a worker only checks files: see COLLECT_EVERY
    gc.freeze()


def _exit_with_parent(parent: int) -> None:
    """End the worker once its parent is gone (killed with no chance to stop the pool)."""
    import time

    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _check_in_worker(source: SourceFile) -> Results:
    assert _WORKER_OPTIONS is not None
    return _check_and_collect(source, _WORKER_OPTIONS, _WORKER_KEYED)
