"""End to end: the plain git hooks (``ml-lint install-hooks`` and the project's ``hooks/``).

Everything runs through real ``git commit`` and ``git push`` in temporary repositories.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

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

from ml_lint.githooks import COMMANDS, MARKER, hook_script

FOREIGN_HOOK = "#!/bin/sh\n# somebody else's hook\nexit 0\n"


def install_hooks(
    repo: Path, *args: str, env: Mapping[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``ml-lint install-hooks`` with this interpreter, without failing.

    Args:
        repo: The repository to install into.
        *args: Extra arguments, e.g. ``--force``.
        env: The environment (see ``e2e_support.make_env``).
        cwd: Where to run it; defaults to ``repo``.

    Returns:
        The completed process, output streams combined.
    """
    command = [sys.executable, "-m", "ml_lint", "install-hooks", *args]
    return run(command, cwd or repo, env, check=False)


def remote_refs(remote: Path, env: Mapping[str, str]) -> dict[str, str]:
    """The branches of a (bare) repository.

    Args:
        remote: The repository.
        env: The environment (see ``e2e_support.make_env``).

    Returns:
        Branch name to commit sha.
    """
    out = git_out(remote, "for-each-ref", "--format=%(refname:short) %(objectname)", env=env)
    return dict(line.split(" ", 1) for line in out.splitlines())


def is_executable(path: Path) -> bool:
    """Whether a file has every execute bit set that git needs to run it as a hook.

    Args:
        path: The file.

    Returns:
        True when user, group and others may execute it.
    """
    mode = path.stat().st_mode
    return bool(mode & stat.S_IXUSR and mode & stat.S_IXGRP and mode & stat.S_IXOTH)


@pytest.fixture
def fresh_repo(tmp_path: Path, e2e_env: dict[str, str]) -> Path:
    """An empty repository on ``main`` with no ml-lint hooks.

    Args:
        tmp_path: pytest's per-test temporary directory.
        e2e_env: The isolated environment.

    Returns:
        The repository's path.
    """
    return init_repo(tmp_path / "repo", e2e_env)


@pytest.fixture
def hooked_repo(fresh_repo: Path, e2e_env: dict[str, str]) -> Path:
    """A repository with ``ml-lint install-hooks`` run and one accepted commit on ``main``.

    Args:
        fresh_repo: An empty repository.
        e2e_env: The isolated environment.

    Returns:
        The repository's path.
    """
    installed = install_hooks(fresh_repo, env=e2e_env)
    assert installed.returncode == 0, installed.stdout
    write(fresh_repo, "README.md", "# demo\n", e2e_env)
    first = commit(fresh_repo, "chore: initial commit", e2e_env)
    assert first.returncode == 0, first.stdout
    return fresh_repo


@pytest.fixture
def remote(hooked_repo: Path, tmp_path: Path, e2e_env: dict[str, str]) -> Path:
    """A bare repository added to ``hooked_repo`` as ``origin``.

    Args:
        hooked_repo: The repository that pushes.
        tmp_path: pytest's per-test temporary directory.
        e2e_env: The isolated environment.

    Returns:
        The bare repository's path.
    """
    bare = init_repo(tmp_path / "remote.git", e2e_env, bare=True)
    git(hooked_repo, "remote", "add", "origin", str(bare), env=e2e_env)
    return bare


def test_install_writes_executable_hooks_pinned_to_this_python(
    hooked_repo: Path,
) -> None:
    """Each installed hook is the generated script with this interpreter, and executable."""
    for name in COMMANDS:
        hook = hooked_repo / ".git" / "hooks" / name
        assert hook.read_text(encoding="utf-8") == hook_script(name, sys.executable)
        assert is_executable(hook), name


def test_commit_msg_rejects_bad_message(hooked_repo: Path, e2e_env: dict[str, str]) -> None:
    """The commit-msg hook refuses ``Added attention`` with ML101 and the expected form."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    before = head(hooked_repo, e2e_env)

    result = commit(hooked_repo, BAD_MESSAGE, e2e_env)

    assert result.returncode != 0, result.stdout
    assert "ML101" in result.stdout
    assert "expected `type(scope): description`" in result.stdout
    assert "Commit message rejected" in result.stdout
    assert head(hooked_repo, e2e_env) == before


def test_commit_v_with_comment_char_auto(hooked_repo: Path, e2e_env: dict[str, str]) -> None:
    """With ``core.commentChar=auto`` git comments with ``;`` when a line starts with ``#``.

    The hook reads git's own comment block to know: the ``#42`` line is the body's, and the
    diff below the ``;`` scissors line (a long staged line in it) is not the message.
    """
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    git(hooked_repo, "config", "core.commentChar", "auto", env=e2e_env)
    write(hooked_repo, "model.py", "x = 1  # short\n", e2e_env)
    git(hooked_repo, "commit", "-q", "-m", "feat(model): add x", env=e2e_env)
    write(hooked_repo, "notes.md", "y" * 150 + "\n", e2e_env)  # a diff line of 151 characters
    (hooked_repo / "msg.txt").write_text("docs(notes): add notes\n\n#42 asked for them\n")

    result = git(hooked_repo, "commit", "-v", "-e", "-F", "msg.txt", env=e2e_env, check=False)

    assert result.returncode == 0, result.stdout
    body = git_out(hooked_repo, "log", "-1", "--format=%b", env=e2e_env)
    assert body == "#42 asked for them"


@pytest.mark.parametrize("cleanup", ["default", "strip", "scissors", "whitespace", "verbatim"])
@pytest.mark.parametrize("edited", [True, False])
def test_commit_msg_judges_the_message_git_commits(
    hooked_repo: Path, e2e_env: dict[str, str], cleanup: str, edited: bool
) -> None:
    """Whatever ``commit.cleanup`` says, the hook accepts a message exactly when the message git
    then commits passes ``check --commits``: a ``#123`` line is a comment only where git drops
    it (``strip``, and ``default`` when edited)."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    git(hooked_repo, "config", "commit.cleanup", cleanup, env=e2e_env)
    (hooked_repo / "msg.txt").write_text("feat: add login\n#123 closes the login issue\n")
    options = ["--allow-empty", *(["-e"] if edited else [])]
    verdict = git(hooked_repo, "commit", "-q", *options, "-F", "msg.txt", env=e2e_env, check=False)
    if verdict.returncode != 0:
        git(hooked_repo, "commit", "-q", "--no-verify", *options, "-F", "msg.txt", env=e2e_env)
    command = [sys.executable, "-m", "ml_lint", "check", "--commits", "HEAD"]
    committed = run(command, hooked_repo, e2e_env, check=False)

    assert (verdict.returncode == 0) == (committed.returncode == 0), committed.stdout
    comment_dropped = cleanup == "strip" or (cleanup == "default" and edited)
    assert (verdict.returncode == 0) == comment_dropped, verdict.stdout


def test_rejected_commit_v_is_retried_with_v(hooked_repo: Path, e2e_env: dict[str, str]) -> None:
    """After ``git commit -v`` the advice keeps ``-v``, so the diff stays out of the retry."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    (hooked_repo / "msg.txt").write_text(BAD_MESSAGE + "\n")

    result = git(hooked_repo, "commit", "-v", "-e", "-F", "msg.txt", env=e2e_env, check=False)

    assert result.returncode != 0
    message_file = hooked_repo.resolve() / ".git" / "COMMIT_EDITMSG"
    assert f"git commit -v --edit --file={message_file}\n" in result.stdout
    plain = commit(hooked_repo, BAD_MESSAGE, e2e_env)
    assert f"git commit --edit --file={message_file}\n" in plain.stdout


def test_only_body_findings_do_not_repeat_the_subject_form(
    hooked_repo: Path, e2e_env: dict[str, str]
) -> None:
    """A good subject with a too-long body line is rejected without the subject's form."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)

    result = commit(hooked_repo, GOOD_MESSAGE + "\n\n" + "word " * 30, e2e_env)

    assert result.returncode != 0
    assert "ML109" in result.stdout and "Commit message rejected.\n" in result.stdout
    assert "expected `type(scope): description`" not in result.stdout


def test_commit_msg_accepts_good_message(hooked_repo: Path, e2e_env: dict[str, str]) -> None:
    """A Conventional Commits message on a well-named branch is committed."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    before = head(hooked_repo, e2e_env)

    result = commit(hooked_repo, GOOD_MESSAGE, e2e_env)

    assert result.returncode == 0, result.stdout
    assert head(hooked_repo, e2e_env) != before
    assert git_out(hooked_repo, "log", "-1", "--format=%s", env=e2e_env) == GOOD_MESSAGE


def test_pre_commit_rejects_bad_branch_name(hooked_repo: Path, e2e_env: dict[str, str]) -> None:
    """On ``Add_Attention`` the pre-commit hook fails with ML121 and a suggested name."""
    git(hooked_repo, "checkout", "-q", "-b", BAD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    before = head(hooked_repo, e2e_env)

    result = commit(hooked_repo, GOOD_MESSAGE, e2e_env)

    assert result.returncode != 0, result.stdout
    assert "ML121" in result.stdout
    assert f"'{GOOD_BRANCH}'" in result.stdout
    assert f"git branch -m {BAD_BRANCH}" in result.stdout
    assert head(hooked_repo, e2e_env) == before


def test_pre_commit_rejects_staged_long_line(hooked_repo: Path, e2e_env: dict[str, str]) -> None:
    """A staged Python line over 100 characters fails the pre-commit hook with ML010."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "pkg/model.py", LONG_LINE_FILE, e2e_env)
    before = head(hooked_repo, e2e_env)

    result = commit(hooked_repo, GOOD_MESSAGE, e2e_env)

    assert result.returncode != 0, result.stdout
    assert "ML010" in result.stdout
    assert "pkg/model.py" in result.stdout
    assert head(hooked_repo, e2e_env) == before


def test_pre_commit_checks_staged_content_not_working_tree(
    hooked_repo: Path, e2e_env: dict[str, str]
) -> None:
    """The hook judges what is staged: a fix left unstaged does not let a bad file through.

    Conversely, a good staged version is committed even if the working tree is bad.
    """
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    model = write(hooked_repo, "model.py", LONG_LINE_FILE, e2e_env)
    model.write_text(SHORT_LINE_FILE, encoding="utf-8")  # fixed, but not staged
    before = head(hooked_repo, e2e_env)

    rejected = commit(hooked_repo, GOOD_MESSAGE, e2e_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "ML010" in rejected.stdout
    assert head(hooked_repo, e2e_env) == before

    git(hooked_repo, "add", "model.py", env=e2e_env)
    model.write_text(LONG_LINE_FILE, encoding="utf-8")  # broken again, but not staged
    accepted = commit(hooked_repo, GOOD_MESSAGE, e2e_env)

    assert accepted.returncode == 0, accepted.stdout
    committed = git_out(hooked_repo, "show", "HEAD:model.py", env=e2e_env)
    assert committed == SHORT_LINE_FILE.strip()


def test_install_keeps_foreign_hook_without_force(
    fresh_repo: Path, e2e_env: dict[str, str]
) -> None:
    """A hook ml-lint did not write is kept (exit 1, untouched); the other hooks install."""
    foreign = fresh_repo / ".git" / "hooks" / "pre-commit"
    foreign.write_text(FOREIGN_HOOK, encoding="utf-8")
    foreign.chmod(0o755)

    result = install_hooks(fresh_repo, env=e2e_env)

    assert result.returncode == 1, result.stdout
    assert "--force" in result.stdout
    assert foreign.read_text(encoding="utf-8") == FOREIGN_HOOK
    assert stat.S_IMODE(foreign.stat().st_mode) == 0o755
    assert not foreign.with_name("pre-commit.ml-lint-backup").exists()
    for name in ("commit-msg", "pre-push"):
        assert MARKER in (fresh_repo / ".git" / "hooks" / name).read_text(encoding="utf-8")


def test_install_force_replaces_foreign_hook_with_backup(
    fresh_repo: Path, e2e_env: dict[str, str]
) -> None:
    """``--force`` moves a foreign hook to ``<hook>.ml-lint-backup`` and installs ml-lint's."""
    foreign = fresh_repo / ".git" / "hooks" / "pre-commit"
    foreign.write_text(FOREIGN_HOOK, encoding="utf-8")
    foreign.chmod(0o755)

    result = install_hooks(fresh_repo, "--force", env=e2e_env)

    assert result.returncode == 0, result.stdout
    backup = foreign.with_name("pre-commit.ml-lint-backup")
    assert backup.read_text(encoding="utf-8") == FOREIGN_HOOK
    assert foreign.read_text(encoding="utf-8") == hook_script("pre-commit", sys.executable)
    assert is_executable(foreign)

    again = install_hooks(fresh_repo, env=e2e_env)  # its own hooks are replaced silently

    assert again.returncode == 0, again.stdout
    assert backup.read_text(encoding="utf-8") == FOREIGN_HOOK
    assert sorted(p.name for p in foreign.parent.glob("*.ml-lint-backup")) == [backup.name]


def test_install_backs_up_an_ml_lint_hook_with_the_users_edits(
    fresh_repo: Path, e2e_env: dict[str, str]
) -> None:
    """An installed hook the user added a line to is backed up before it is replaced; one as
    written (whichever interpreter it names) is replaced without a backup."""
    hooks = fresh_repo / ".git" / "hooks"
    assert install_hooks(fresh_repo, env=e2e_env).returncode == 0
    edited = hook_script("pre-commit", sys.executable) + "./scripts/check-licenses.sh || exit 1\n"
    (hooks / "pre-commit").write_text(edited, encoding="utf-8")
    (hooks / "commit-msg").write_text(hook_script("commit-msg", "/opt/other venv/bin/python"))

    result = install_hooks(fresh_repo, env=e2e_env)

    assert result.returncode == 0, result.stdout
    assert "moved ml-lint hook you edited" in result.stdout
    assert (hooks / "pre-commit.ml-lint-backup").read_text(encoding="utf-8") == edited
    assert (hooks / "pre-commit").read_text(encoding="utf-8") == hook_script(
        "pre-commit", sys.executable
    )
    assert (hooks / "commit-msg").read_text(encoding="utf-8") == hook_script(
        "commit-msg", sys.executable
    )
    assert sorted(p.name for p in hooks.glob("*.ml-lint-backup*")) == ["pre-commit.ml-lint-backup"]


def test_install_force_never_loses_a_backup_or_writes_through_a_link(
    fresh_repo: Path, tmp_path: Path, e2e_env: dict[str, str]
) -> None:
    """A second foreign hook gets its own backup; a symlinked hook, dangling or not, is
    moved aside as a link and its target is never written."""
    hooks = fresh_repo / ".git" / "hooks"
    (hooks / "pre-commit").write_text(FOREIGN_HOOK, encoding="utf-8")
    assert install_hooks(fresh_repo, "--force", env=e2e_env).returncode == 0
    (hooks / "pre-commit").write_text(FOREIGN_HOOK.replace("somebody", "another"), "utf-8")
    linked = tmp_path / "team-hooks" / "commit-msg"
    linked.parent.mkdir()
    linked.write_text(FOREIGN_HOOK, encoding="utf-8")
    for name in ("commit-msg", "pre-push"):
        (hooks / name).unlink()  # ml-lint's, from the first install
    (hooks / "commit-msg").symlink_to(linked)
    (hooks / "pre-push").symlink_to(tmp_path / "gone" / "pre-push")  # dangling

    kept = install_hooks(fresh_repo, env=e2e_env)
    assert kept.returncode == 1 and kept.stdout.count("kept existing") == 3, kept.stdout
    result = install_hooks(fresh_repo, "--force", env=e2e_env)

    assert result.returncode == 0, result.stdout
    backups = sorted(p.name for p in hooks.glob("*.ml-lint-backup*"))
    assert backups == [
        "commit-msg.ml-lint-backup",
        "pre-commit.ml-lint-backup",
        "pre-commit.ml-lint-backup.1",
        "pre-push.ml-lint-backup",
    ]
    assert "another" in (hooks / "pre-commit.ml-lint-backup.1").read_text(encoding="utf-8")
    assert (hooks / "commit-msg.ml-lint-backup").resolve() == linked
    assert linked.read_text(encoding="utf-8") == FOREIGN_HOOK
    for name in COMMANDS:
        assert not (hooks / name).is_symlink()
        assert (hooks / name).read_text(encoding="utf-8") == hook_script(name, sys.executable)


def test_install_into_a_hooks_path_that_is_a_file_says_so(
    fresh_repo: Path, e2e_env: dict[str, str]
) -> None:
    """``core.hooksPath`` naming a file: exit 2 naming the path and the cause, file untouched."""
    (fresh_repo / "hooks-file").write_text("notes\n", encoding="utf-8")
    git(fresh_repo, "config", "core.hooksPath", "hooks-file", env=e2e_env)

    result = install_hooks(fresh_repo, env=e2e_env)

    assert result.returncode == 2
    assert f"cannot install hooks into {fresh_repo / 'hooks-file'}: File exists" in result.stdout
    assert (fresh_repo / "hooks-file").read_text(encoding="utf-8") == "notes\n"


def test_install_respects_core_hooks_path(fresh_repo: Path, e2e_env: dict[str, str]) -> None:
    """With ``core.hooksPath`` the hooks go there (even run from a subdirectory) and run."""
    git(fresh_repo, "config", "core.hooksPath", ".githooks", env=e2e_env)
    subdirectory = fresh_repo / "src"
    subdirectory.mkdir()

    result = install_hooks(fresh_repo, env=e2e_env, cwd=subdirectory)

    assert result.returncode == 0, result.stdout
    for name in COMMANDS:
        assert (fresh_repo / ".githooks" / name).read_text(encoding="utf-8") == hook_script(
            name, sys.executable
        )
        assert not (fresh_repo / ".git" / "hooks" / name).exists()
        assert not (subdirectory / ".githooks").exists()

    write(fresh_repo, "README.md", "# demo\n", e2e_env)
    rejected = commit(fresh_repo, BAD_MESSAGE, e2e_env)
    assert rejected.returncode != 0, rejected.stdout
    assert "ML101" in rejected.stdout
    assert commit(fresh_repo, "chore: initial commit", e2e_env).returncode == 0


def test_pre_push_rejects_bad_commit_message(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """A commit made with ``--no-verify`` and a bad message cannot be pushed."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    assert commit(hooked_repo, BAD_MESSAGE, e2e_env, "--no-verify").returncode == 0

    result = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)

    assert result.returncode != 0, result.stdout
    assert "ML101" in result.stdout
    assert "Push rejected" in result.stdout
    assert GOOD_BRANCH not in remote_refs(remote, e2e_env)


def test_pre_push_accepts_good_commits(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """A well-named branch whose new commits are all well formed is pushed."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0

    result = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)

    assert result.returncode == 0, result.stdout
    assert remote_refs(remote, e2e_env)[GOOD_BRANCH] == head(hooked_repo, e2e_env)


def test_pre_push_checks_commits_added_to_a_pushed_branch(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """Updating a pushed branch checks the new commits and rejects a bad one."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "one\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0
    git(hooked_repo, "push", "-q", "origin", GOOD_BRANCH, env=e2e_env)
    pushed = head(hooked_repo, e2e_env)
    write(hooked_repo, "notes.md", "two\n", e2e_env)
    assert commit(hooked_repo, BAD_MESSAGE, e2e_env, "--no-verify").returncode == 0

    result = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)

    assert result.returncode != 0, result.stdout
    assert "ML101" in result.stdout
    assert remote_refs(remote, e2e_env)[GOOD_BRANCH] == pushed


def test_pre_push_leaves_out_commits_a_remote_already_has(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """Merging ``origin/main`` into a pushed branch brings its commits, which are not checked."""
    git(hooked_repo, "push", "-q", "origin", "main", env=e2e_env)
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "one\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0
    git(hooked_repo, "push", "-q", "origin", GOOD_BRANCH, env=e2e_env)
    git(hooked_repo, "checkout", "-q", "main", env=e2e_env)  # someone else's commit on main
    write(hooked_repo, "README.md", "# demo, updated\n", e2e_env)
    assert commit(hooked_repo, BAD_MESSAGE, e2e_env, "--no-verify").returncode == 0
    git(hooked_repo, "push", "-q", "--no-verify", "origin", "main", env=e2e_env)
    git(hooked_repo, "checkout", "-q", GOOD_BRANCH, env=e2e_env)
    git(hooked_repo, "merge", "-q", "--no-edit", "origin/main", env=e2e_env)

    result = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)

    assert result.returncode == 0, result.stdout
    assert remote_refs(remote, e2e_env)[GOOD_BRANCH] == head(hooked_repo, e2e_env)


def test_pre_push_judges_remote_branch_for_head_refspec(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """``git push origin HEAD:refs/heads/feature/add-attention`` is a good push."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0

    refspec = f"HEAD:refs/heads/{GOOD_BRANCH}"
    result = git(hooked_repo, "push", "origin", refspec, env=e2e_env, check=False)

    assert result.returncode == 0, result.stdout
    assert GOOD_BRANCH in remote_refs(remote, e2e_env)


def test_pre_push_rejects_badly_named_remote_branch(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """Pushing a good local branch to a badly named remote branch is refused."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "attention\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0

    refspec = f"{GOOD_BRANCH}:{BAD_BRANCH}"
    result = git(hooked_repo, "push", "origin", refspec, env=e2e_env, check=False)

    assert result.returncode != 0, result.stdout
    assert BAD_BRANCH not in remote_refs(remote, e2e_env)


def test_project_hooks_match_generator(project_root: Path) -> None:
    """``hooks/`` holds exactly the generated scripts (no pinned Python), all executable."""
    directory = project_root / "hooks"
    assert sorted(p.name for p in directory.iterdir()) == sorted(COMMANDS)
    for name in COMMANDS:
        hook = directory / name
        assert hook.read_text(encoding="utf-8") == hook_script(name), name
        assert is_executable(hook), name


def test_project_hooks_work_when_copied(
    project_root: Path, fresh_repo: Path, e2e_env: dict[str, str]
) -> None:
    """Copied from ``hooks/`` (no pinned interpreter) they find ``ml-lint`` on ``PATH``."""
    hooks = fresh_repo / ".git" / "hooks"
    for name in COMMANDS:
        shutil.copy2(project_root / "hooks" / name, hooks / name)
    assert shutil.which("ml-lint", path=e2e_env["PATH"]) is not None
    assert os.access(hooks / "commit-msg", os.X_OK)
    write(fresh_repo, "README.md", "# demo\n", e2e_env)

    rejected = commit(fresh_repo, BAD_MESSAGE, e2e_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "ML101" in rejected.stdout
    assert commit(fresh_repo, "chore: initial commit", e2e_env).returncode == 0
    git(fresh_repo, "checkout", "-q", "-b", BAD_BRANCH, env=e2e_env)
    write(fresh_repo, "notes.md", "x\n", e2e_env)
    branch_rejected = commit(fresh_repo, GOOD_MESSAGE, e2e_env)
    assert branch_rejected.returncode != 0, branch_rejected.stdout
    assert "ML121" in branch_rejected.stdout


# --- secrets: the pre-commit hook reads the index, pre-push scans the pushed commits -----

# A fake GitHub token, built here so that no file of this repository holds it whole.


def test_pre_commit_rejects_staged_secret_even_if_work_tree_is_clean(
    hooked_repo: Path, e2e_env: dict[str, str]
) -> None:
    """A staged token fails the hook (ML401) though the work tree no longer holds it."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    settings = write(hooked_repo, "settings.py", SECRET_LINE, e2e_env)
    settings.write_text("TOKEN = None\n", encoding="utf-8")  # removed, but not staged
    before = head(hooked_repo, e2e_env)

    rejected = commit(hooked_repo, GOOD_MESSAGE, e2e_env)

    assert rejected.returncode != 0, rejected.stdout
    assert "settings.py:1:17: ML401 [secret-token]" in rejected.stdout
    assert SECRET not in rejected.stdout
    assert head(hooked_repo, e2e_env) == before

    git(hooked_repo, "add", "settings.py", env=e2e_env)
    settings.write_text(SECRET_LINE, encoding="utf-8")  # back in the work tree, not staged
    accepted = commit(hooked_repo, GOOD_MESSAGE, e2e_env)
    assert accepted.returncode == 0, accepted.stdout


def test_pre_push_rejects_secret_in_a_new_branch(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """A token committed with ``--no-verify`` on a new branch cannot be pushed."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "config/settings.py", SECRET_LINE, e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env, "--no-verify").returncode == 0
    sha = head(hooked_repo, e2e_env)

    result = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)

    assert result.returncode != 0, result.stdout
    assert f"config/settings.py:1:17: ML401 [secret-token] added in commit {sha[:12]}" in (
        result.stdout
    )
    assert "Push rejected: a pushed commit adds a secret" in result.stdout
    assert SECRET not in result.stdout
    assert GOOD_BRANCH not in remote_refs(remote, e2e_env)


def test_pre_push_scans_only_the_commits_being_pushed(
    hooked_repo: Path, remote: Path, e2e_env: dict[str, str]
) -> None:
    """On an existing branch: a new secret blocks; one already on the remote does not."""
    git(hooked_repo, "checkout", "-q", "-b", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "one\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0
    git(hooked_repo, "push", "-q", "origin", GOOD_BRANCH, env=e2e_env)
    pushed = head(hooked_repo, e2e_env)
    write(hooked_repo, "settings.py", SECRET_LINE, e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env, "--no-verify").returncode == 0

    rejected = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)

    assert rejected.returncode != 0, rejected.stdout
    assert "ML401" in rejected.stdout
    assert remote_refs(remote, e2e_env)[GOOD_BRANCH] == pushed

    # Pushed anyway (the hook skipped): later pushes judge only their own commits.
    git(hooked_repo, "push", "-q", "--no-verify", "origin", GOOD_BRANCH, env=e2e_env)
    write(hooked_repo, "notes.md", "two\n", e2e_env)
    assert commit(hooked_repo, GOOD_MESSAGE, e2e_env).returncode == 0
    accepted = git(hooked_repo, "push", "origin", GOOD_BRANCH, env=e2e_env, check=False)
    assert accepted.returncode == 0, accepted.stdout
    assert remote_refs(remote, e2e_env)[GOOD_BRANCH] == head(hooked_repo, e2e_env)

    deleted = git(hooked_repo, "push", "origin", f":{GOOD_BRANCH}", env=e2e_env, check=False)
    assert deleted.returncode == 0, deleted.stdout
    assert GOOD_BRANCH not in remote_refs(remote, e2e_env)
