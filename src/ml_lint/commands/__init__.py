"""Subcommand implementations: each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import os
import sys

from ml_lint import config as config_module
from ml_lint import engine
from ml_lint.config import Config

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from ml_lint.model import Finding
    from ml_lint.source import SourceFile


def load_config(args: argparse.Namespace) -> Config:
    """The configuration for the current directory, with the command line's selections.

    Args:
        args: The parsed command line.

    Returns:
        The resolved configuration.
    """
    config = config_module.load(
        ".",
        config_path=getattr(args, "config", None),
        select=getattr(args, "select", None),
        extend_select=getattr(args, "extend_select", None),
        ignore=getattr(args, "ignore", None),
        only=getattr(args, "only", None),
    )
    if getattr(args, "force_exclude", False):
        config = config._replace(force_exclude=True)
    return config


def use_color(choice: str, to_file: bool) -> bool:
    """Colour only on a terminal, honouring NO_COLOR and FORCE_COLOR.

    Args:
        choice: ``--color``: ``auto``, ``always`` or ``never``.
        to_file: Whether the report goes to a file (``--output-file``).

    Returns:
        Whether the report may use ANSI colours.
    """
    if choice != "auto":
        return choice == "always"
    if to_file or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def write_report(
    args: argparse.Namespace,
    findings: list[Finding],
    config: Config,
    root: str,
    files: int,
    stream: TextIO | None = None,
) -> None:
    """Render the findings in ``--format`` to ``--output-file``, or ``stream`` (stdout).

    With ``--format github`` inside GitHub Actions, a Markdown summary is also appended to
    the job's step summary.

    Args:
        args: The parsed command line (``format``, ``output_file``, ``color``, ``statistics``).
        findings: The findings, sorted.
        config: The configuration; its enabled rules describe the run in SARIF and JUnit.
        root: The repository root that report paths are relative to.
        files: How many files some rule read.
        stream: Where the report goes without ``--output-file``; None for stdout.

    Raises:
        UsageError: The output file cannot be written.
    """
    from ml_lint import registry
    from ml_lint.errors import UsageError
    from ml_lint.report import Context, render

    rules = tuple(rule for rule in registry.all_rules() if rule.code in config.enabled)
    to_file = args.output_file is not None
    context = Context(rules, root, use_color(args.color, to_file), args.statistics, files)
    report = render(args.format, findings, context)
    if to_file:
        try:
            _write_output(args.output_file, report)
        except OSError as error:
            raise UsageError(f"cannot write {args.output_file}: {error.strerror}") from None
    else:
        out = stream or sys.stdout
        reconfigure = getattr(out, "reconfigure", None)
        if args.format != "text" and reconfigure is not None:
            # Machine formats are UTF-8 (JUnit's XML says so) whatever the console uses.
            reconfigure(encoding="utf-8")
        out.write(report)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary_file:
        from ml_lint.report.github_report import summary_markdown

        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(summary_markdown(findings))
        except OSError as error:  # the annotations are out already; do not fail the run
            print(f"ml-lint: cannot append to {summary_file}: {error.strerror}", file=sys.stderr)


def _write_output(path: str, text: str) -> None:
    """Write a report to ``path``; a regular file is replaced whole or not at all.

    The report goes to a new file beside it that is then renamed over it, so a full disk or
    a failed write leaves the previous report as it was. A device or pipe (``/dev/null``,
    ``/dev/stdout``), or a file with other hard links, is written in place.
    """
    import errno
    import stat

    try:
        status: os.stat_result | None = os.stat(path)
    except OSError:  # none yet; or an unsearchable directory, which os.open() reports below
        status = None
    if status is not None and not os.access(path, os.W_OK):  # a rename would overrule that
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    if status is not None and (not stat.S_ISREG(status.st_mode) or status.st_nlink > 1):
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
        return
    target = os.path.realpath(path)  # through a symlink, the link is kept
    temp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.{os.getpid()}.tmp")
    # 0o666 less the umask, as open() creates a file; an existing report keeps its mode.
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(descriptor, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
        if status is not None:
            os.chmod(temp, stat.S_IMODE(status.st_mode))
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise


def check_files(
    args: argparse.Namespace, sources: list[SourceFile], options: engine.Options, root: str
) -> engine.Results:
    """``engine.check_files`` through the result cache, unless ``--no-cache`` turns it off.

    A cache that cannot be written costs the next run time, never this run's result: it
    is reported on stderr and the run goes on.

    Args:
        args: The parsed command line: ``--jobs``, ``--no-cache``, ``--cache-dir``.
        sources: The files to check.
        options: The run's settings.
        root: The directory the files' relative paths start from.

    Returns:
        The findings and the number fixed.
    """
    if args.no_cache:
        return engine.check_files(sources, options, args.jobs)
    from ml_lint import cache as cache_module

    if cache_module.disabled_by_environment():
        return engine.check_files(sources, options, args.jobs)
    directory = cache_module.directory_for(options.config, args.cache_dir)
    if cache_module.tracked_by_git(directory):
        print(
            f"ml-lint: warning: not using the cache {directory}: git tracks files in it, so a "
            f"commit could have written its findings (git rm -r --cached {directory})",
            file=sys.stderr,
        )
        return engine.check_files(sources, options, args.jobs)
    settings = cache_module.settings(options.config, options.report_unused, root)
    cache = cache_module.ResultCache(directory, settings, root)
    results = engine.check_files(sources, options, args.jobs, cache)
    problem = cache.save()
    if problem is not None:
        print(f"ml-lint: {problem} (--no-cache skips it)", file=sys.stderr)
    return results
