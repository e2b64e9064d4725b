"""Branch-name rules and how the branch to check is found."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import git

from ml_lint.checks.branches import check_branch, suggest_name
from ml_lint.commands.git_hooks import DetachedHead, current_branch
from ml_lint.config import BranchOptions
from ml_lint.gitutil import GitError

DEFAULTS = BranchOptions()


def codes(name: str, options: BranchOptions = DEFAULTS) -> list[str]:
    """The rule codes a branch name triggers.

    Args:
        name: The branch name.
        options: Branch options.

    Returns:
        The codes of the findings.
    """
    return [f.code for f in check_branch(name, options)]


@pytest.mark.parametrize(
    "name",
    [
        "feature/add-attention",
        "fix/nan-loss-in-fp16",
        "docs/readme-install",
        "refactor/data-loading",
        "fix/v1.2-crash",
        "feature/gpt2",
        "main",
        "master",
        "develop",
        "gh-pages",
        "dependabot/pip/torch-2.13.0",  # bots' branches: their pull requests must not fail
        "renovate/torch-2.x",
        "pre-commit-ci-update-config",
    ],
)
def test_valid_names_pass(name: str) -> None:
    """The guide's forms and the exempt branches pass."""
    assert codes(name) == []


@pytest.mark.parametrize(
    ("name", "expected", "suggestion"),
    [
        ("add-attention", ["ML121"], "feature/add-attention"),
        ("feat/add-attention", ["ML122"], "feature/add-attention"),
        ("bugfix/nan-loss", ["ML122"], "fix/nan-loss"),
        ("feature/Add_Attention", ["ML121"], "feature/add-attention"),
        ("feature/addAttention", ["ML121"], "feature/add-attention"),
        ("feature/add attention", ["ML121"], "feature/add-attention"),
        ("feature/add.attention", ["ML121"], "feature/add-attention"),
        ("feature/", ["ML121"], "feature/description"),
        ("feature/team/thing", ["ML121"], "feature/team-thing"),
        ("Feat/Add_Attention", ["ML122", "ML121"], "feature/add-attention"),
        ("feature/Ünïcode-Thing", ["ML121"], "feature/unicode-thing"),
    ],
)
def test_invalid_names_fail_with_a_suggestion(
    name: str, expected: list[str], suggestion: str
) -> None:
    """Each bad name triggers its rules and every message suggests a corrected name."""
    findings = check_branch(name, DEFAULTS)
    assert [f.code for f in findings] == expected
    assert suggest_name(name, DEFAULTS) == suggestion
    assert all(repr(suggestion) in f.message for f in findings)


def test_length_and_options() -> None:
    """Length limit, extra prefixes and exempt branches are configurable."""
    long_name = "feature/" + "-".join(["word"] * 15)
    assert codes(long_name) == ["ML123"]
    options = BranchOptions(extend_prefixes=("exp", "release"), exempt=("trunk",), max_length=20)
    assert codes("exp/rope-scaling", options) == []
    assert codes("release/v2.0", options) == []
    assert codes("trunk", options) == []
    assert codes("main", options) == ["ML121"]
    assert codes("dependabot/pip/x", options) == ["ML122", "ML121"]  # exempt was replaced
    globbed = BranchOptions(exempt=("bot-*",))
    assert codes("bot-update", globbed) == [] and codes("robot-x", globbed) == ["ML121"]
    assert len(suggest_name("feature/" + "x" * 40, options)) <= 20


def _repo(path: Path) -> None:
    """Make ``path`` a repository with one commit on branch ``feature/x``.

    Args:
        path: The directory.
    """
    git(path, "init", "-q", "-b", "feature/x")
    git(
        path,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "feat: x",
    )


def test_current_branch_reads_head(tmp_path: Path) -> None:
    """The current branch, an unborn branch, and a detached HEAD are told apart."""
    git(tmp_path, "init", "-q", "-b", "fix/unborn-branch")
    assert current_branch(str(tmp_path)) == "fix/unborn-branch"
    git(
        tmp_path,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "feat: x",
    )
    git(tmp_path, "checkout", "-q", "--detach")
    with pytest.raises(DetachedHead, match="detached"):
        current_branch(str(tmp_path))


def test_current_branch_in_a_worktree(tmp_path: Path) -> None:
    """A linked worktree's HEAD is read through its .git file."""
    main = tmp_path / "main"
    main.mkdir()
    _repo(main)
    git(main, "worktree", "add", "-q", "-b", "docs/worktree", str(tmp_path / "wt"))
    assert current_branch(str(tmp_path / "wt")) == "docs/worktree"


def test_ci_variables_when_detached_or_outside_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside a repository the CI's variables name the branch; a GitLab tag has none."""
    monkeypatch.setenv("CI_COMMIT_REF_NAME", "v1.0.0")  # a tag pipeline's: no branch
    with pytest.raises(GitError, match="--name"):
        current_branch(str(tmp_path))
    monkeypatch.setenv("CI_COMMIT_BRANCH", "fix/from-gitlab")
    assert current_branch(str(tmp_path)) == "fix/from-gitlab"
    monkeypatch.setenv("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "docs/from-a-merge-request")
    assert current_branch(str(tmp_path)) == "docs/from-a-merge-request"
    monkeypatch.setenv("GITHUB_HEAD_REF", "feature/from-github")
    assert current_branch(str(tmp_path)) == "feature/from-github"
