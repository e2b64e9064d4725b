"""End to end: ml-lint's hooks from ``.pre-commit-hooks.yaml`` under the real pre-commit.

A snapshot of this checkout (working tree as it is, uncommitted changes included) is
committed to a temporary repository that a user repository's ``.pre-commit-config.yaml``
points at, so pre-commit builds and runs the current code. Hook environments are built once
per session in a session-wide ``PRE_COMMIT_HOME``.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pytest
from e2e_support import (
    BAD_BRANCH,
    BAD_MESSAGE,
    GOOD_BRANCH,
    GOOD_MESSAGE,
    LONG_LINE_FILE,
    SECRET,
    SECRET_LINE,
    SHORT_LINE_FILE,
    commit,
    git,
    git_out,
    head,
    init_repo,
    run,
    write,
)

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="the pre-commit framework is not installed (pip install pre-commit)",
)

HOOK_IDS = (
    "ml-lint-commit-msg",
    "ml-lint-branch",
    "ml-lint-commits",
    "ml-lint-notebooks-fix",
    "ml-lint",
    "ml-lint-docstrings",
    "ml-lint-secrets",
    "ml-lint-secrets-push",
)
# Per-hook settings of the user's configuration: the docstrings hook only on stubs/, so that
# the other tests' undocumented Python files do not trip it.
HOOK_SETTINGS = {"ml-lint-docstrings": "        files: ^stubs/\n"}
HOOK_TYPES = ("pre-commit", "commit-msg", "pre-push")


class Snapshot(NamedTuple):
    """The checkout under test, committed to a temporary repository."""

    path: Path
    sha: str


def pre_commit(
    repo: Path, *args: str, env: Mapping[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the pre-commit framework with this interpreter.

    Args:
        repo: The repository to run in.
        *args: pre-commit's arguments.
        env: The environment, with ``PRE_COMMIT_HOME`` set.
        check: Fail the test if pre-commit exits non-zero.

    Returns:
        The completed process, output streams combined.
    """
    return run([sys.executable, "-m", "pre_commit", *args], repo, env, check=check)


def config_text(snapshot: Snapshot) -> str:
    """A user's ``.pre-commit-config.yaml`` using ml-lint's hooks from the snapshot.

    Args:
        snapshot: The committed snapshot of this checkout.

    Returns:
        The YAML text.
    """
    hooks = "".join(
        f"      - id: {hook_id}\n{HOOK_SETTINGS.get(hook_id, '')}" for hook_id in HOOK_IDS
    )
    return (
        f"default_install_hook_types: [{', '.join(HOOK_TYPES)}]\n"
        "repos:\n"
        f"  - repo: {snapshot.path.as_posix()}\n"
        f"    rev: {snapshot.sha}\n"
        "    hooks:\n"
        f"{hooks}"
    )


@pytest.fixture(scope="session")
def framework_env(
    e2e_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """The isolated environment plus a session-wide ``PRE_COMMIT_HOME``.

    Args:
        e2e_env: The shared isolated environment.
        tmp_path_factory: pytest's session temporary directories.

    Returns:
        The environment mapping for pre-commit and git.
    """
    return {**e2e_env, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}


@pytest.fixture(scope="session")
def snapshot(
    project_root: Path, framework_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Snapshot:
    """Copy the checkout's tracked and untracked-not-ignored files into a new repo and commit.

    Args:
        project_root: The checkout under test.
        framework_env: The environment for git.
        tmp_path_factory: pytest's session temporary directories.

    Returns:
        The snapshot repository and the sha of its single commit.
    """
    # The checkout may belong to another user (CI containers); the isolated environment has
    # no global config to mark it safe, so say so on the command line.
    files = ("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    trust = f"safe.directory={project_root.as_posix()}"
    listing = git_out(project_root, "-c", trust, *files, env=framework_env)
    target = init_repo(tmp_path_factory.mktemp("ml-lint-snapshot"), framework_env)
    copied = 0
    for relpath in sorted({name for name in listing.split("\0") if name}):
        source = project_root / relpath
        if not source.is_file() and not source.is_symlink():  # deleted in the working tree
            continue
        destination = target / relpath
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination, follow_symlinks=False)
        copied += 1
    assert copied and (target / ".pre-commit-hooks.yaml").is_file()
    git(target, "add", "-A", env=framework_env)
    git(
        target,
        "commit",
        "-q",
        "--no-verify",
        "-m",
        "chore: snapshot for e2e tests",
        env=framework_env,
    )
    return Snapshot(target, git_out(target, "rev-parse", "HEAD", env=framework_env))


@pytest.fixture(scope="session")
def hook_environments(
    snapshot: Snapshot, framework_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> str:
    """Build the hook environments once per session with ``pre-commit install-hooks``.

    Args:
        snapshot: The committed snapshot of this checkout.
        framework_env: The environment with the session's ``PRE_COMMIT_HOME``.
        tmp_path_factory: pytest's session temporary directories.

    Returns:
        The ``.pre-commit-config.yaml`` text every user repository uses.
    """
    config = config_text(snapshot)
    scratch = init_repo(tmp_path_factory.mktemp("install-hooks"), framework_env)
    (scratch / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    pre_commit(scratch, "install-hooks", env=framework_env)
    return config


@pytest.fixture
def user_repo(tmp_path: Path, hook_environments: str, framework_env: dict[str, str]) -> Path:
    """A user repository with pre-commit installed and one accepted commit on ``main``.

    Args:
        tmp_path: pytest's per-test temporary directory.
        hook_environments: The configuration text (the environments are already built).
        framework_env: The environment with the session's ``PRE_COMMIT_HOME``.

    Returns:
        The repository's path.
    """
    repo = init_repo(tmp_path / "user", framework_env)
    write(repo, ".pre-commit-config.yaml", hook_environments, framework_env)
    installed = pre_commit(repo, "install", env=framework_env)
    for hook_type in HOOK_TYPES:
        assert (repo / ".git" / "hooks" / hook_type).is_file(), installed.stdout
    write(repo, "README.md", "# demo\n", framework_env)
    first = commit(repo, "chore: initial commit", framework_env)
    assert first.returncode == 0, first.stdout
    return repo


def test_bad_message_is_rejected_with_rule_and_hint(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """A subject without a type fails the commit-msg hook with ML101 and the expected form."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "attention\n", framework_env)
    before = head(user_repo, framework_env)

    result = commit(user_repo, BAD_MESSAGE, framework_env)

    assert result.returncode != 0, result.stdout
    assert "ML101" in result.stdout
    assert "expected `type(scope): description`" in result.stdout
    assert head(user_repo, framework_env) == before


def test_unknown_type_suggests_feat(user_repo: Path, framework_env: dict[str, str]) -> None:
    """``feature: add x`` is rejected and ml-lint suggests the type ``feat``."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "x\n", framework_env)
    before = head(user_repo, framework_env)

    result = commit(user_repo, "feature: add x", framework_env)

    assert result.returncode != 0, result.stdout
    assert "ML102" in result.stdout
    assert "did you mean 'feat'" in result.stdout
    assert head(user_repo, framework_env) == before


def test_good_message_on_good_branch_is_accepted(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """A Conventional Commits message on ``feature/add-attention`` passes every hook."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "attention\n", framework_env)
    before = head(user_repo, framework_env)

    result = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert result.returncode == 0, result.stdout
    assert head(user_repo, framework_env) != before
    assert git_out(user_repo, "log", "-1", "--format=%s", env=framework_env) == GOOD_MESSAGE


def test_badly_named_branch_is_rejected_with_suggestion(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """On ``Add_Attention`` the branch hook fails and suggests ``feature/add-attention``."""
    git(user_repo, "checkout", "-q", "-b", BAD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "attention\n", framework_env)
    before = head(user_repo, framework_env)

    result = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert result.returncode != 0, result.stdout
    assert "ml-lint branch name" in result.stdout
    assert "ML121" in result.stdout
    assert f"'{GOOD_BRANCH}'" in result.stdout
    assert head(user_repo, framework_env) == before


def test_long_python_line_is_rejected_then_accepted_once_fixed(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """A staged Python line over 100 characters fails the ``ml-lint`` hook; fixed, it passes."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "model.py", LONG_LINE_FILE, framework_env)
    before = head(user_repo, framework_env)

    rejected = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "ML010" in rejected.stdout
    assert "model.py" in rejected.stdout
    assert head(user_repo, framework_env) == before

    write(user_repo, "model.py", SHORT_LINE_FILE, framework_env)
    accepted = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert accepted.returncode == 0, accepted.stdout
    assert head(user_repo, framework_env) != before


def test_excluded_files_stay_excluded_though_pre_commit_names_them(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """The project's ``extend-exclude`` holds for the files pre-commit passes to the hooks."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    config = '[tool.ml-lint]\nextend-exclude = ["fixtures"]\n'
    write(user_repo, "pyproject.toml", config, framework_env)
    write(user_repo, "fixtures/long_line.py", LONG_LINE_FILE, framework_env)
    write(user_repo, "fixtures/leaked.py", SECRET_LINE, framework_env)

    accepted = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert accepted.returncode == 0, accepted.stdout

    write(user_repo, "model.py", LONG_LINE_FILE, framework_env)
    rejected = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "model.py" in rejected.stdout and "fixtures/" not in rejected.stdout


def test_docstrings_hook_checks_type_stubs(user_repo: Path, framework_env: dict[str, str]) -> None:
    """pre-commit tags a ``.pyi`` file ``pyi``, not ``python``: the docstrings hook still runs."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "stubs/api.pyi", "def load(path, strict): ...\n", framework_env)

    rejected = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "ml-lint docstrings" in rejected.stdout
    assert "stubs/api.pyi:1:10: ML202 [type-hints-missing] parameter 'path'" in rejected.stdout


def test_fixup_commit_is_accepted(user_repo: Path, framework_env: dict[str, str]) -> None:
    """A ``fixup!`` commit passes the commit-msg hook (autosquash is judged at push time)."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "one\n", framework_env)
    assert commit(user_repo, GOOD_MESSAGE, framework_env).returncode == 0
    write(user_repo, "notes.md", "two\n", framework_env)
    before = head(user_repo, framework_env)

    result = commit(user_repo, f"fixup! {GOOD_MESSAGE}", framework_env)

    assert result.returncode == 0, result.stdout
    assert head(user_repo, framework_env) != before
    subject = git_out(user_repo, "log", "-1", "--format=%s", env=framework_env)
    assert subject == f"fixup! {GOOD_MESSAGE}"


def test_push_of_badly_named_branch_is_rejected(
    user_repo: Path, framework_env: dict[str, str], tmp_path: Path
) -> None:
    """The branch hook also runs at pre-push: pushing ``Add_Attention`` is refused."""
    remote = init_repo(tmp_path / "remote.git", framework_env, bare=True)
    git(user_repo, "remote", "add", "origin", str(remote), env=framework_env)
    git(user_repo, "checkout", "-q", "-b", BAD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "attention\n", framework_env)
    assert commit(user_repo, GOOD_MESSAGE, framework_env, "--no-verify").returncode == 0

    result = git(user_repo, "push", "origin", BAD_BRANCH, env=framework_env, check=False)

    assert result.returncode != 0, result.stdout
    assert "ML121" in result.stdout
    assert git_out(remote, "for-each-ref", "--format=%(refname)", env=framework_env) == ""


@pytest.mark.parametrize("first_push", [True, False])
def test_push_of_a_bad_commit_message_is_rejected(
    user_repo: Path, framework_env: dict[str, str], tmp_path: Path, first_push: bool
) -> None:
    """The commits hook refuses a push that carries a bad message, root commit included.

    On the first push pre-commit passes no range at all (the push holds the root commit);
    on a later one it passes PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF.
    """
    remote = init_repo(tmp_path / "remote.git", framework_env, bare=True)
    git(user_repo, "remote", "add", "origin", str(remote), env=framework_env)
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    if not first_push:
        pushed = git(user_repo, "push", "-q", "origin", GOOD_BRANCH, env=framework_env, check=False)
        assert pushed.returncode == 0, pushed.stdout
    write(user_repo, "notes.md", "attention\n", framework_env)
    assert commit(user_repo, "bad message here", framework_env, "--no-verify").returncode == 0

    result = git(user_repo, "push", "origin", GOOD_BRANCH, env=framework_env, check=False)

    assert result.returncode != 0, result.stdout
    assert "ML101" in result.stdout
    assert "git rebase -i" in result.stdout


def test_notebook_outputs_are_cleared_by_the_fix_hook(
    user_repo: Path, framework_env: dict[str, str], project_root: Path
) -> None:
    """A notebook committed with outputs is cleared in place; the re-staged commit passes."""
    import json

    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    exemplar = project_root / "examples" / "exemplar.ipynb"
    notebook = json.loads(exemplar.read_text(encoding="utf-8"))
    code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    code["execution_count"] = 1
    code["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["done\n"]}]
    dirty = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    target = user_repo / "analysis.ipynb"
    target.write_text(dirty, encoding="utf-8")
    git(user_repo, "add", "analysis.ipynb", env=framework_env)

    rejected = commit(user_repo, "feat(analysis): add notebook", framework_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "ml-lint clear notebook outputs" in rejected.stdout
    assert "files were modified by this hook" in rejected.stdout
    assert target.read_bytes() == exemplar.read_bytes()
    git(user_repo, "add", "analysis.ipynb", env=framework_env)
    accepted = commit(user_repo, "feat(analysis): add notebook", framework_env)
    assert accepted.returncode == 0, accepted.stdout


# --- secrets: ml-lint-secrets on the staged files, ml-lint-secrets-push on the pushed commits

# A fake GitHub token, built here so that no file of this repository holds it whole.


def test_secrets_hook_rejects_a_staged_secret_not_an_unstaged_one(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """pre-commit stashes unstaged changes: the staged version is what the hook judges.

    A token in a YAML file (any text file, not only Python) is refused with ML401 and shown
    redacted; once the staged version is clean, a token left unstaged does not block.
    """
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    config = write(user_repo, "conf/train.yaml", f"hub_token: {SECRET}\n", framework_env)
    config.write_text("hub_token: ${HF_TOKEN}\n", encoding="utf-8")  # not staged
    before = head(user_repo, framework_env)

    rejected = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "ml-lint secrets" in rejected.stdout
    assert "conf/train.yaml:1:" in rejected.stdout and "ML401" in rejected.stdout
    assert SECRET not in rejected.stdout
    assert head(user_repo, framework_env) == before
    assert config.read_text(encoding="utf-8") == "hub_token: ${HF_TOKEN}\n"  # restored

    git(user_repo, "add", "conf/train.yaml", env=framework_env)
    config.write_text(f"hub_token: {SECRET}\n", encoding="utf-8")  # not staged
    accepted = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert accepted.returncode == 0, accepted.stdout
    committed = git_out(user_repo, "show", "HEAD:conf/train.yaml", env=framework_env)
    assert committed == "hub_token: ${HF_TOKEN}"


def test_secrets_hook_rejects_a_binary_key_store(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """A PKCS#12 key store is binary: the hook still sees its name and refuses it (ML405)."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    (user_repo / "deploy").mkdir()
    (user_repo / "deploy" / "cert.p12").write_bytes(bytes(range(256)) * 2)
    git(user_repo, "add", "deploy/cert.p12", env=framework_env)

    rejected = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "deploy/cert.p12:1:1: ML405" in rejected.stdout


def test_a_configured_baseline_lets_both_file_hooks_accept_an_old_secret(
    user_repo: Path, framework_env: dict[str, str]
) -> None:
    """A secret committed before ml-lint, accepted in the baseline ``pyproject.toml`` names,
    blocks neither the ``ml-lint`` hook nor ``ml-lint-secrets`` when its file changes; a new
    secret in the same file is refused by both."""
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    write(user_repo, "legacy.py", SECRET_LINE, framework_env)
    assert commit(user_repo, GOOD_MESSAGE, framework_env, "--no-verify").returncode == 0
    config = '[tool.ml-lint.secrets]\nbaseline = ".secrets-baseline.json"\n'
    write(user_repo, "pyproject.toml", config, framework_env)
    update = [sys.executable, "-m", "ml_lint", "secrets", "--update-baseline"]
    run(update, user_repo, framework_env)
    git(user_repo, "add", ".secrets-baseline.json", env=framework_env)
    write(user_repo, "legacy.py", SECRET_LINE + "X = 1\n", framework_env)

    accepted = commit(user_repo, GOOD_MESSAGE, framework_env)

    assert accepted.returncode == 0, accepted.stdout
    new_secret = SECRET_LINE.replace("GITHUB_TOKEN", "OTHER").replace("Zq8R", "Wx2K")
    write(user_repo, "legacy.py", SECRET_LINE + new_secret, framework_env)
    rejected = commit(user_repo, GOOD_MESSAGE, framework_env)
    assert rejected.returncode != 0, rejected.stdout
    assert rejected.stdout.count("legacy.py:2:") == 2, rejected.stdout  # both hooks
    assert "legacy.py:1:" not in rejected.stdout


@pytest.mark.parametrize("first_push", [True, False])
def test_secrets_push_hook_rejects_a_pushed_secret(
    user_repo: Path, framework_env: dict[str, str], tmp_path: Path, first_push: bool
) -> None:
    """A token committed with ``--no-verify`` is refused at push time, on a new branch
    (no range from pre-commit: the push holds the root commit) or an existing one
    (``PRE_COMMIT_FROM_REF``..``PRE_COMMIT_TO_REF``); once it is on the remote, a later
    clean push passes because only the pushed commits are scanned.
    """
    remote = init_repo(tmp_path / "remote.git", framework_env, bare=True)
    git(user_repo, "remote", "add", "origin", str(remote), env=framework_env)
    git(user_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=framework_env)
    if not first_push:
        pushed = git(user_repo, "push", "-q", "origin", GOOD_BRANCH, env=framework_env, check=False)
        assert pushed.returncode == 0, pushed.stdout
    write(user_repo, "settings.py", SECRET_LINE, framework_env)
    assert commit(user_repo, GOOD_MESSAGE, framework_env, "--no-verify").returncode == 0
    sha = head(user_repo, framework_env)

    result = git(user_repo, "push", "origin", GOOD_BRANCH, env=framework_env, check=False)

    assert result.returncode != 0, result.stdout
    assert "ml-lint secrets in pushed commits" in result.stdout
    assert f"settings.py:1:17: ML401 [secret-token] added in commit {sha[:12]}" in result.stdout
    assert SECRET not in result.stdout

    git(user_repo, "push", "-q", "--no-verify", "origin", GOOD_BRANCH, env=framework_env)
    write(user_repo, "notes.md", "clean\n", framework_env)
    assert commit(user_repo, GOOD_MESSAGE, framework_env).returncode == 0
    clean = git(user_repo, "push", "origin", GOOD_BRANCH, env=framework_env, check=False)
    assert clean.returncode == 0, clean.stdout
