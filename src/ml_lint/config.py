"""``[tool.ml-lint]`` in pyproject.toml, validated into a frozen ``Config``.

Reading configuration is on the path of every hook, so this module imports only what it
must: a plain ``[tool.ml-lint]`` table is read by ``toml_table``, and ``tomllib`` is loaded
only for a pyproject.toml that mentions ``ml-lint`` in a way that module does not read.
"""

from __future__ import annotations

import functools
import os
import sys
from fnmatch import fnmatchcase

from ml_lint import registry, toml_table
from ml_lint.errors import UsageError
from ml_lint.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DEFAULT_EXCLUDES = (
    ".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", ".ml_lint_cache",
)  # fmt: skip
TABLE = "tool.ml-lint"


class ConfigError(UsageError):
    """Invalid configuration or command-line selection: reported with exit code 2."""


class CommitOptions(NamedTuple):
    """``[tool.ml-lint.commits]``.

    Attributes:
        types: The allowed commit types.
        extend_types: Types allowed besides ``types``.
        scopes: The allowed scopes; empty allows any.
        require_scope: Reject a subject without a ``(scope)``.
        lowercase_type: Reject a type written in another case, such as ``Fix``.
        subject_max_length: The longest subject line, in characters.
        body_max_line_length: The longest body line (URLs and trailers are exempt).
        allow_autosquash_in_hook: Accept ``fixup!``, ``squash!`` and ``amend!`` in the hook.
        allow_autosquash_in_range: Accept them in ``check --commits`` and ``pre-push``.
    """

    types: tuple[str, ...] = (
        "feat",
        "fix",
        "docs",
        "refactor",
        "perf",
        "test",
        "build",
        "ci",
        "chore",
        "style",
        "revert",
    )
    extend_types: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    require_scope: bool = False
    lowercase_type: bool = True
    subject_max_length: int = 72
    body_max_line_length: int = 100
    allow_autosquash_in_hook: bool = True
    allow_autosquash_in_range: bool = False

    def allowed_types(self) -> tuple[str, ...]:
        """``types`` followed by ``extend-types``.

        Returns:
            Every allowed commit type.
        """
        return self.types + self.extend_types


class BranchOptions(NamedTuple):
    """``[tool.ml-lint.branches]``.

    Attributes:
        prefixes: The allowed prefixes, before the first ``/``.
        extend_prefixes: Prefixes allowed besides ``prefixes``.
        exempt: Branch names that are never checked; ``*`` matches any characters, so
            ``dependabot/*`` exempts the branches that bot makes.
        max_length: The longest branch name, in characters.
    """

    prefixes: tuple[str, ...] = ("feature", "fix", "docs", "refactor")
    extend_prefixes: tuple[str, ...] = ()
    exempt: tuple[str, ...] = (
        "main",
        "master",
        "develop",
        "gh-pages",
        "dependabot/*",  # branches bots open pull requests from
        "renovate/*",
        "pre-commit-ci-update-config",
    )
    max_length: int = 60

    def allowed_prefixes(self) -> tuple[str, ...]:
        """``prefixes`` followed by ``extend-prefixes``.

        Returns:
            Every allowed branch prefix.
        """
        return self.prefixes + self.extend_prefixes


class DocstringOptions(NamedTuple):
    """``[tool.ml-lint.docstrings]``.

    Attributes:
        exempt_tests: Skip the ML2 rules in test files.
        exempt_magic_methods: Need no docstring on magic methods.
        init_documented_on_class: Need no docstring on ``__init__`` when the class has one.
        forward_documented_on_class: Need no docstring on an ``nn.Module``'s ``forward``
            when the class has one.
        type_hints_private: Check type hints on private functions too.
        check_attributes: Check ML214 (fields listed under Attributes).
    """

    exempt_tests: bool = True
    exempt_magic_methods: bool = True
    init_documented_on_class: bool = True
    forward_documented_on_class: bool = True
    type_hints_private: bool = False
    check_attributes: bool = True


# The guide's outline after the title. The first synonym of a section is its display name.
SECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "setup": (
        "Imports and Setup",
        "imports",
        "setup",
        "set up",
        "setting up",
        "environment",
        "dependencies",
    ),
    "config": (
        "Configuration",
        "config",
        "hyperparameters",
        "hyper parameters",
        "parameters",
        "settings",
    ),
    "data": ("Data Loading", "data", "dataset", "datasets", "load data", "loading data"),
    "model": ("Model Definition", "model", "models", "architecture", "network"),
    "training": ("Training", "train", "experiment", "experiments", "fine tuning", "finetuning"),
    "evaluation": ("Evaluation", "evaluate", "results", "metrics", "testing", "validation"),
    "visualization": ("Visualization", "visualisation", "plots", "plotting", "figures", "charts"),
    "conclusions": (
        "Conclusions and Next Steps",
        "conclusions",
        "conclusion",
        "next steps",
        "summary",
        "discussion",
    ),
}


class NotebookOptions(NamedTuple):
    """``[tool.ml-lint.notebooks]``.

    Attributes:
        noise_metadata: Dotted metadata keys (``metadata.*``, ``cell.metadata.*``) that
            ML304 flags.
        keep_metadata: Entries of ``noise_metadata`` to keep after all.
        sections: Keys of the required sections, in order.
        optional_sections: Keys of ``sections`` that may be left out.
        section_synonyms: For each section key, its display name, then its synonyms.
    """

    noise_metadata: tuple[str, ...] = (
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
        "cell.metadata.executionInfo",  # Colab: run times, and the user's name and id
        "cell.metadata.papermill",  # a papermill run's times and status
    )
    keep_metadata: tuple[str, ...] = ()
    sections: tuple[str, ...] = tuple(SECTION_SYNONYMS)
    optional_sections: tuple[str, ...] = ()
    section_synonyms: dict[str, tuple[str, ...]] = SECTION_SYNONYMS

    def noise(self) -> tuple[str, ...]:
        """``noise-metadata`` without the keys in ``keep-metadata``.

        Returns:
            The metadata keys to flag, in ``noise-metadata``'s order.
        """
        return tuple(key for key in self.noise_metadata if key not in self.keep_metadata)


class StyleOptions(NamedTuple):
    """``[tool.ml-lint.style]``.

    Attributes:
        max_line_length: The longest line, in characters.
    """

    max_line_length: int = 100


class SecretsOptions(NamedTuple):
    """``[tool.ml-lint.secrets]``.

    Attributes:
        baseline: The secrets baseline, relative to the configuration's directory: every
            command and hook leaves out the findings it accepts; empty for none.
    """

    baseline: str = ""

    def baseline_path(self, base: str) -> str | None:
        """The baseline's path, or None when none is configured.

        Args:
            base: The directory the configuration file is in.

        Returns:
            The path, joined to ``base`` unless absolute.
        """
        return os.path.join(base, self.baseline) if self.baseline else None


FAMILY_TABLES: dict[str, type[Any]] = {
    "commits": CommitOptions,
    "branches": BranchOptions,
    "docstrings": DocstringOptions,
    "notebooks": NotebookOptions,
    "secrets": SecretsOptions,
    "style": StyleOptions,
}
LIST_KEYS = ("select", "extend-select", "ignore", "exclude", "extend-exclude")
TOP_KEYS = (*LIST_KEYS, "force-exclude", "per-file-ignores", *FAMILY_TABLES)


class Config(NamedTuple):
    """Resolved settings for one run.

    Attributes:
        path: The pyproject.toml the settings came from, or None for defaults.
        base: Directory that per-file-ignores and exclude globs are relative to.
        enabled: Codes of the selected rules.
        ignored: Codes ignored explicitly (``ignore``, ``--ignore``).
        per_file_ignores: (glob, codes) pairs.
        exclude: Globs of paths never checked unless named explicitly.
        force_exclude: Exclude paths named explicitly too (what pre-commit passes).
        commits: Commit-message options.
        branches: Branch-name options.
        docstrings: Docstring and type-hint options.
        notebooks: Notebook options.
        secrets: Secrets options.
        style: Python style options.
    """

    path: str | None
    base: str
    enabled: frozenset[str]
    ignored: frozenset[str]
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]
    exclude: tuple[str, ...]
    force_exclude: bool
    commits: CommitOptions
    branches: BranchOptions
    docstrings: DocstringOptions
    notebooks: NotebookOptions
    secrets: SecretsOptions
    style: StyleOptions

    def is_enabled(self, code: str, relpath: str | None = None) -> bool:
        """Whether ``code`` is selected, and not ignored for ``relpath`` (relative to base).

        Args:
            code: A rule code, such as ``ML101``.
            relpath: The file's path; None checks only the selection.

        Returns:
            True if findings of ``code`` in ``relpath`` are reported.
        """
        return code in self.enabled and not self.ignored_for(code, relpath)

    def ignored_for(self, code: str, relpath: str | None) -> bool:
        """Whether per-file-ignores turn ``code`` off for ``relpath``.

        Args:
            code: A rule code, such as ``ML101``.
            relpath: The file's POSIX path relative to ``base``; None matches no glob.

        Returns:
            True if a per-file-ignores glob matching ``relpath`` lists ``code``; a glob
            starting with ``!`` matches every path its rest does not, as in ruff.
        """
        return relpath is not None and any(
            code in codes
            and (
                not path_matches(glob[1:], relpath)
                if glob.startswith("!")
                else path_matches(glob, relpath)
            )
            for glob, codes in self.per_file_ignores
        )

    def is_excluded(self, relpath: str, keep: int = 0) -> bool:
        """Whether ``relpath`` (POSIX, relative to base) or a parent directory is excluded.

        The first ``keep`` components (a directory named on the command line) never are.

        Args:
            relpath: The path to test.
            keep: How many leading components are never excluded on their own.

        Returns:
            True if an exclude glob matches the path or one of its directories.
        """
        return any(path_matches(glob, relpath, keep) for glob in self.exclude)

    def as_dict(self) -> dict[str, Any]:
        """The resolved settings as plain data, for ``ml-lint config``.

        Returns:
            The settings keyed as in pyproject.toml, with rule codes sorted.
        """
        return {
            "config-file": self.path,
            "base": self.base,
            "enabled": sorted(self.enabled),
            "ignored": sorted(self.ignored),
            "per-file-ignores": {glob: sorted(codes) for glob, codes in self.per_file_ignores},
            "exclude": list(self.exclude),
            "force-exclude": self.force_exclude,
            **{
                family: {k.replace("_", "-"): v for k, v in getattr(self, family)._asdict().items()}
                for family in FAMILY_TABLES
            },
        }


def path_matches(glob: str, relpath: str, keep: int = 0) -> bool:
    """Match a glob against a POSIX path or any of its parent directories.

    A glob without a slash also matches any single path component, so ``build`` excludes
    ``build/`` anywhere and ``*.ipynb`` matches notebooks in every directory. ``**/`` matches
    zero or more directories, as in ruff and .gitignore: ``**/tests/*`` holds ``tests/a.py``.

    Args:
        glob: An ``fnmatch`` glob; a leading ``./`` and trailing ``/`` are ignored.
        relpath: The POSIX path.
        keep: How many leading components are never matched on their own.

    Returns:
        True if the glob matches the path or a parent directory of it.
    """
    glob = glob.rstrip("/")
    if glob.startswith("./"):
        glob = glob[2:]
    parts = relpath.split("/")
    if "/" not in glob:
        return any(fnmatchcase(part, glob) for part in parts[keep:])
    globs = _without_empty_directories(glob)
    return any(
        fnmatchcase(path, each)
        for path in ("/".join(parts[:i]) for i in range(keep + 1, len(parts) + 1))
        for each in globs
    )


@functools.cache
def _without_empty_directories(glob: str) -> tuple[str, ...]:
    """``glob`` and its spellings with any ``**/`` matching no directory (``*`` needs one)."""
    index = glob.find("**/")
    if index == -1:
        return (glob,)
    head = glob[:index]
    rests = _without_empty_directories(glob[index + 3 :])
    return tuple(dict.fromkeys(f"{head}{star}{rest}" for rest in rests for star in ("**/", "")))


def find_pyproject(start: str) -> tuple[str, dict[str, Any]] | None:
    """The nearest pyproject.toml at or above ``start`` with a ``[tool.ml-lint]`` table.

    Args:
        start: The directory to start from.

    Returns:
        The file's path and its ``[tool.ml-lint]`` table, or None when there is none.
    """
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        table = _read_table(candidate) if os.path.isfile(candidate) else None
        if table is not None:
            return candidate, table
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _read_table(path: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from error
    # Cheap test before importing and running a TOML parser. Test only for the key itself:
    # [tool."ml-lint"] and [tool] ml-lint.select = ... are the same table.
    if b"ml-lint" not in data:
        return None
    try:
        fast = toml_table.read(data.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError):  # tomllib below says what is wrong
        fast = None
    if fast is not None:
        return fast
    document = _parse_toml(data, path)
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table")
    table = tool.get("ml-lint")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.ml-lint] must be a table")
    return table


def _parse_toml(data: bytes, path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    if data.startswith(b"\xef\xbb\xbf"):  # tomllib's error would point at line 1, column 1
        message = "it starts with a byte-order mark (BOM); save it as UTF-8 without one"
        raise ConfigError(f"{path} is not valid TOML: {message}")
    try:
        document: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        return document
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from error
    except RecursionError:
        raise ConfigError(f"{path} is not valid TOML: it nests too deeply") from None


def load(
    cwd: str = ".",
    config_path: str | None = None,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    only: list[str] | None = None,
) -> Config:
    """Find, read and validate the configuration; command-line selections win.

    Args:
        cwd: Where to start looking for pyproject.toml.
        config_path: An explicit pyproject.toml (``--config``); it must exist.
        select: ``--select``: replaces the configured ``select``.
        extend_select: ``--extend-select``: added to the selection.
        ignore: ``--ignore``: removed from the selection.
        only: ``--only``: the selection is narrowed to these (what a hook for one family
            passes, so that the configuration still applies).

    Returns:
        The resolved configuration.

    Raises:
        ConfigError: If a file is unreadable or invalid, or a key or rule is unknown.
    """
    path: str | None
    if config_path is not None:
        if not os.path.isfile(config_path):
            raise ConfigError(f"config file not found: {config_path}")
        path = os.path.abspath(config_path)
        named = _read_table(path)
        if named is None:  # a file named on purpose that would silently change nothing
            raise ConfigError(f"--config {config_path}: the file has no [{TABLE}] table")
        table = named
    else:
        found = find_pyproject(cwd)
        path, table = found if found else (None, {})
    base = os.path.dirname(path) if path else os.path.abspath(cwd)
    where = f"[{TABLE}] in {path}"
    _check_keys(table, TOP_KEYS, where)
    lists = {key: _str_list(table.get(key, []), key, where) for key in LIST_KEYS}

    # As in ruff: the file's selection first, then the command line's; a --select on the
    # command line starts afresh, so the file's ignore does not undo it.
    ignored = _resolve(ignore or [], "--ignore", "on the command line")
    if select is None:
        if "select" in table:
            enabled = _resolve(lists["select"], "select", f"in {where}")
        else:
            enabled = registry.default_selection()
        enabled |= _resolve(lists["extend-select"], "extend-select", f"in {where}")
        ignored |= _resolve(lists["ignore"], "ignore", f"in {where}")
    else:
        enabled = _resolve(select, "--select", "on the command line")
    enabled |= _resolve(extend_select or [], "--extend-select", "on the command line")
    enabled -= ignored
    if only is not None:
        enabled &= _resolve(only, "--only", "on the command line")

    pfi_table = table.get("per-file-ignores", {})
    if not isinstance(pfi_table, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [rules]")
    per_file_ignores = tuple(
        (glob, _resolve(_str_list(codes, glob, where), f"per-file-ignores {glob!r}", f"in {where}"))
        for glob, codes in pfi_table.items()
    )
    # `exclude = []` excludes nothing, as in ruff; only a missing key means the defaults.
    excludes = lists["exclude"] if "exclude" in table else DEFAULT_EXCLUDES
    exclude = tuple(excludes) + tuple(lists["extend-exclude"])
    force_exclude = table.get("force-exclude", False)
    if not isinstance(force_exclude, bool):
        raise ConfigError(f"{where}: force-exclude must be true or false, got {force_exclude!r}")
    families = {
        family: _options(cls, table.get(family, {}), f"[{TABLE}.{family}] in {path}")
        for family, cls in FAMILY_TABLES.items()
    }
    _check_sections(families["notebooks"], f"[{TABLE}.notebooks] in {path}")
    return Config(
        path, base, enabled, ignored, per_file_ignores, exclude, force_exclude, **families
    )


def _check_sections(options: NotebookOptions, where: str) -> None:
    known = options.section_synonyms
    for name in (*options.sections, *options.optional_sections):
        if name not in known or not known[name]:
            raise ConfigError(
                f"{where}: section {name!r} has no synonyms; known sections: "
                f"{', '.join(known)} (add it to section-synonyms)"
            )
    for name in options.optional_sections:
        if name not in options.sections:
            raise ConfigError(f"{where}: optional section {name!r} is not in sections")


def _resolve(selectors: list[str], key: str, where: str) -> frozenset[str]:
    codes: set[str] = set()
    for selector in selectors:
        try:
            codes |= registry.select(selector)
        except registry.UnknownSelector as error:
            raise ConfigError(f"{key} {where}: {error}") from error
    return frozenset(codes)


def _check_keys(table: dict[str, Any], valid: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in valid:
            raise ConfigError(
                f"unknown key {key!r} in {where}; valid keys: {', '.join(sorted(valid))}"
            )


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key} must be a list of strings, got {value!r}")
    return value


def _options(cls: type[Any], table: Any, where: str) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    defaults: dict[str, Any] = cls._field_defaults
    keys = tuple(name.replace("_", "-") for name in defaults)
    _check_keys(table, keys, where)
    values: dict[str, Any] = {}
    for key, value in table.items():
        attr = key.replace("-", "_")
        default = defaults[attr]
        if isinstance(default, tuple):
            values[attr] = tuple(_str_list(value, key, where))
        elif isinstance(default, dict):  # a table of lists; entries replace the defaults
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: {key} must be a table of lists of strings")
            entries = {
                name: tuple(_str_list(v, f"{key}.{name}", where)) for name, v in value.items()
            }
            values[attr] = {**default, **entries}
        elif type(value) is not type(default):
            expected = type(default).__name__
            raise ConfigError(f"{where}: {key} must be {expected}, got {value!r}")
        elif type(value) is int and value < 1:  # every number here is a length
            raise ConfigError(f"{where}: {key} must be a positive number, got {value!r}")
        else:
            values[attr] = value
    return cls(**values)
