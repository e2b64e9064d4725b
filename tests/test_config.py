"""[tool.ml-lint] discovery, validation and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from ml_lint import config, registry
from ml_lint.config import ConfigError, path_matches


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (creating parents) and return the path.

    Args:
        path: Where to write.
        text: The content.

    Returns:
        The path.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_pyproject(tmp_path: Path) -> None:
    """No configuration selects every rule but those in preview, with the guide's defaults."""
    settings = config.load(str(tmp_path))
    assert settings.path is None
    assert settings.enabled == {rule.code for rule in registry.all_rules() if not rule.preview}
    assert "ML201" not in settings.enabled
    assert "ML201" in config.load(str(tmp_path), select=["ALL"]).enabled
    assert settings.commits.subject_max_length == 72
    assert settings.style.max_line_length == 100


def test_nearest_pyproject_with_the_table_wins(tmp_path: Path) -> None:
    """Walking up skips pyproject files without [tool.ml-lint]."""
    write(tmp_path / "pyproject.toml", "[tool.ml-lint]\nignore = ['ML010']\n")
    write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'pkg'\n# tool.ml-lint\n")
    settings = config.load(str(tmp_path / "pkg"))
    assert settings.path == str(tmp_path / "pyproject.toml")
    assert "ML010" not in settings.enabled


def test_selection_by_code_name_and_prefix(tmp_path: Path) -> None:
    """select, extend-select and ignore take codes, names, prefixes and ALL."""
    write(
        tmp_path / "pyproject.toml",
        "[tool.ml-lint]\nselect = ['ML1']\nextend-select = ['line-too-long']\n"
        "ignore = ['ML12', 'commit-subject-period']\n",
    )
    enabled = config.load(str(tmp_path)).enabled
    assert "ML101" in enabled and "ML010" in enabled
    assert "ML121" not in enabled and "ML107" not in enabled and "ML011" not in enabled
    cli = config.load(str(tmp_path), select=["ALL"], ignore=["ML0"])
    assert cli.enabled == {rule.code for rule in registry.all_rules() if rule.family != "ML0"}


def test_per_file_ignores_and_excludes(tmp_path: Path) -> None:
    """per-file-ignores globs apply to matching paths; exclude replaces the defaults."""
    write(
        tmp_path / "pyproject.toml",
        "[tool.ml-lint]\nexclude = ['generated']\nextend-exclude = ['*.pb2.py']\n"
        "[tool.ml-lint.per-file-ignores]\n'tests/*' = ['ML010']\n"
        "'*_legacy.py' = ['tab-indentation']\n",
    )
    settings = config.load(str(tmp_path))
    assert not settings.is_enabled("ML010", "tests/unit/test_x.py")
    assert settings.is_enabled("ML010", "src/x.py")
    assert not settings.is_enabled("ML011", "src/old_legacy.py")
    write(tmp_path / "pyproject.toml", "[tool.ml-lint.per-file-ignores]\n'!src/**' = ['ML010']\n")
    negated = config.load(str(tmp_path))  # `!`: every path the glob does not match, as in ruff
    assert not negated.is_enabled("ML010", "scripts/x.py")
    assert negated.is_enabled("ML010", "src/pkg/x.py")
    assert settings.is_excluded("generated/a.py") and settings.is_excluded("src/x.pb2.py")
    assert not settings.is_excluded(".venv/x.py")  # defaults replaced by exclude
    write(tmp_path / "pyproject.toml", "[tool.ml-lint]\nexclude = []\n")
    assert config.load(str(tmp_path)).exclude == ()  # nothing excluded, as ruff does
    write(tmp_path / "pyproject.toml", "[tool.ml-lint]\nextend-exclude = ['gen']\n")
    assert config.load(str(tmp_path)).exclude == (*config.DEFAULT_EXCLUDES, "gen")


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        ("build", "build/lib/x.py", True),
        ("build", "src/build/x.py", True),
        ("build", "src/builder.py", False),
        ("*.ipynb", "notebooks/a.ipynb", True),
        ("tests/*", "tests/a/b.py", True),
        ("tests/", "tests/a.py", True),
        ("./docs/*.py", "docs/conf.py", True),
        ("src/*.py", "tests/src/x.py", False),
        ("**/tests/*", "tests/b.py", True),
        ("**/tests/*", "pkg/tests/b.py", True),
        ("**/*.py", "tab.py", True),
        ("src/**/gen/*.py", "src/gen/a.py", True),
        ("src/**/gen/*.py", "src/x/y/gen/a.py", True),
        ("src/**/gen/*.py", "lib/gen/a.py", False),
    ],
)
def test_path_matches(glob: str, path: str, expected: bool) -> None:
    """Globs without a slash match any component; with one, a path prefix."""
    assert path_matches(glob, path) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[tool.ml-lint]\nselct = ['ML1']\n", "unknown key 'selct'.*valid keys: .*select"),
        ("[tool.ml-lint]\nselect = ['ML999']\n", "unknown rule 'ML999'.*ML1.*`ml-lint rules`"),
        ("[tool.ml-lint]\nignore = ['line-to-long']\n", "Did you mean 'line-too-long'"),
        ("[tool.ml-lint.commits]\nsubject-max-lenght = 50\n", "unknown key 'subject-max-lenght'"),
        ("[tool.ml-lint.commits]\nsubject-max-length = '50'\n", "must be int"),
        ("[tool.ml-lint.commits]\nrequire-scope = 1\n", "must be bool"),
        ("[tool.ml-lint.commits]\ntypes = [1]\n", "must be a list of strings"),
        ("[tool.ml-lint.unknown]\nx = 1\n", "unknown key 'unknown'"),
        ("[tool.ml-lint]\nselect = [\n", "not valid TOML"),
        ("\ufeff[tool.ml-lint]\nselect = ['ML1']\n", "starts with a byte-order mark \\(BOM\\)"),
        (
            "[tool.ml-lint.per-file-ignores]\n'x/*' = ['MLX']\n",
            "per-file-ignores 'x/\\*' in .*pyproject.toml: unknown rule 'MLX'",
        ),
    ],
)
def test_invalid_configuration_names_the_problem(tmp_path: Path, text: str, expected: str) -> None:
    """Every invalid setting raises ConfigError naming the key or rule and the choices."""
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError, match=expected):
        config.load(str(tmp_path))


def test_explicit_config_file(tmp_path: Path) -> None:
    """--config reads that file; a missing one is an error."""
    path = write(tmp_path / "conf" / "custom.toml", "[tool.ml-lint.style]\nmax-line-length = 120\n")
    assert config.load(str(tmp_path), config_path=str(path)).style.max_line_length == 120
    with pytest.raises(ConfigError, match="not found"):
        config.load(str(tmp_path), config_path=str(tmp_path / "missing.toml"))
    # A file named on purpose must hold the table: ignoring it would change nothing silently.
    bare = write(tmp_path / "ml-lint.toml", "select = ['ML4']\n")
    with pytest.raises(
        ConfigError, match=r"--config .*ml-lint.toml: the file has no \[tool.ml-lint\]"
    ):
        config.load(str(tmp_path), config_path=str(bare))


def test_options_tables(tmp_path: Path) -> None:
    """Family tables set options; lists become tuples; kebab-case keys map to fields."""
    write(
        tmp_path / "pyproject.toml",
        "[tool.ml-lint.commits]\nscopes = ['model', 'data']\nrequire-scope = true\n"
        "[tool.ml-lint.branches]\nextend-prefixes = ['exp']\nmax-length = 40\n",
    )
    settings = config.load(str(tmp_path))
    assert settings.commits.scopes == ("model", "data") and settings.commits.require_scope
    assert settings.branches.allowed_prefixes()[-1] == "exp"
    assert settings.as_dict()["branches"]["max-length"] == 40
