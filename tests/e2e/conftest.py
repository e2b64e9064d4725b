"""Fixtures shared by the end-to-end tests (helpers live in ``e2e_support``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_support import PROJECT_ROOT, make_env


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The checkout under test.

    Returns:
        The project root, two levels above ``tests/e2e``.
    """
    assert (PROJECT_ROOT / "pyproject.toml").is_file(), PROJECT_ROOT
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def e2e_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The isolated environment shared by the whole session.

    Args:
        tmp_path_factory: pytest's session temporary directories.

    Returns:
        The environment mapping (see :func:`make_env`); tests must copy it before changing it.
    """
    return make_env(tmp_path_factory.mktemp("home"))
