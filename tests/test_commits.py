"""Commit-message rules: Conventional Commits, git's own forms, comments and scissors."""

from __future__ import annotations

from pathlib import Path

import pytest
from secret_fakes import fakes
from support import git

from ml_lint import gitutil
from ml_lint.checks.commits import auto_comment_char, check_message, message_lines
from ml_lint.config import CommitOptions
from ml_lint.secrets import redact

DEFAULTS = CommitOptions()


def codes(
    message: str,
    options: CommitOptions = DEFAULTS,
    in_range: bool = False,
    comment_char: str = "#",
) -> list[str]:
    """The rule codes ``message`` triggers, in order.

    Args:
        message: The raw message file content.
        options: Commit options.
        in_range: Judge it as ``check --commits`` does.
        comment_char: git's comment character.

    Returns:
        The codes of the findings.
    """
    found = check_message(message, options, "MSG", in_range, comment_char)
    return [f.code for f in found]


@pytest.mark.parametrize(
    "message",
    [
        "feat(transformers): add multi-head attention implementation",
        "fix(rag): correct vector similarity calculation",
        "docs(readme): update installation instructions",
        "refactor(utils): improve data loading efficiency",
        "feat: add retriever",
        "feat(api)!: drop v1 endpoints\n\nBREAKING CHANGE: v1 clients must upgrade",
        "feat(api): drop v1\n\nBREAKING-CHANGE: v1 clients must upgrade",
        "perf(data, io): memory-map token files",
        "fix(rag): handle empty index\n\nExplain the bug.\n\nRefs: #123\nSigned-off-by: A <a@b.c>",
        "chore: bump deps\n\nSee https://example.com/" + "a" * 120 + " for details",
        "feat: add x\n\nCo-authored-by: Someone With A Very Long Name <"
        + "x" * 90
        + "@example.com>",
        "feat: add x\n",
        "\n\nfeat: add x\n\n\n",
        "feat: add x\n\nBreaking changes: none, this change is purely additive.",
        "feat: add x\n\nThe loader changed.\nBreaking change: it now needs a path, said Ann.",
        "feat: add x\n\nSee the notes.\nSigned-off-by: " + "A Very Long Name " * 6 + "<a@b.c>",
    ],
)
def test_valid_messages_pass(message: str) -> None:
    """Conventional subjects, footers, trailers and URLs pass."""
    assert codes(message) == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Added multi-head attention", ["ML101"]),
        ("feat add attention", ["ML101"]),
        ("feat (model): add attention", ["ML101"]),
        ("feat:add attention", ["ML101"]),
        ("feat:  add attention", ["ML101"]),
        ("feature(rag): add retriever", ["ML102"]),
        ("Fix(rag): correct similarity", ["ML103"]),
        ("FEAT: add x", ["ML103"]),
        ("docs(): update instructions", ["ML104"]),
        ("fix(rag): ", ["ML105"]),
        ("fix(rag):", ["ML105"]),
        ("feat: " + "a" * 70, ["ML106"]),
        ("docs(readme): update installation instructions.", ["ML107"]),
        ("fix(rag): correct similarity\nUse cosine.", ["ML108"]),
        ("fix(rag): correct similarity\n\n" + "word " * 22, ["ML109"]),
        ("feat(api): drop v1\n\nbreaking change: v1 clients must upgrade", ["ML110"]),
        ("feat(api): drop v1\n\nBreaking-Change: v1 clients must upgrade", ["ML110"]),
        ("feat(api): drop v1\n\nBREAKING CHANGES: v1 clients must upgrade", ["ML110"]),
        ("feat(api): drop v1\n\nBreaking change: clients must\nupgrade to v2", ["ML110"]),
        ("feat(api): drop v1\n\nbreaking change: no longer accepts v1 tokens", ["ML110"]),
        ("feat(api): drop v1\n\nbreaking change: none of the old flags work", ["ML110"]),
        ("feat: add x\n\nSee: " + "word " * 22, ["ML109"]),  # a one-word token is prose
        ("feat: add x\n\nText.\nSee: " + "word " * 22, ["ML109"]),
        ("", ["ML112"]),
        ("# only a comment\n\n", ["ML112"]),
    ],
)
def test_invalid_messages_fail(message: str, expected: list[str]) -> None:
    """Each malformed message triggers exactly its rule."""
    assert codes(message) == expected


@pytest.mark.parametrize(
    "subject",
    ["Added stuff.", "Fix API bug in the loader.", "WIP stuff", "feat add x", "Fixed it", "x"],
)
def test_the_suggested_subject_passes_every_rule(subject: str) -> None:
    """The `for example` a malformed subject gets is itself a subject that passes."""
    results = check_message(subject, DEFAULTS, "MSG")
    (header,) = [r for r in results if r.code == "ML101"]
    suggested = header.message.rsplit("(for example `", 1)[1].removesuffix("`)")
    assert check_message(suggested, DEFAULTS, "MSG") == [], suggested
    assert suggested.endswith(subject.rstrip(".").split(" ", 1)[-1][1:])


def test_unknown_type_suggests_nearest() -> None:
    """`feature:` suggests `feat` and shows the expected form with an example."""
    (result,) = check_message("feature: add x", DEFAULTS, "MSG")
    assert "did you mean 'feat'?" in result.message
    assert "type(scope): description" in result.message
    assert "feat(transformers): add multi-head attention implementation" in result.message


@pytest.mark.parametrize(
    ("typo", "suggestion"), [("bugfix", "fix"), ("doc", "docs"), ("tset", "test")]
)
def test_typo_suggestions(typo: str, suggestion: str) -> None:
    """Common misspellings and synonyms map to the nearest allowed type."""
    (result,) = check_message(f"{typo}: change x", DEFAULTS, "MSG")
    assert f"did you mean {suggestion!r}?" in result.message


def test_configurable_types_scopes_and_case() -> None:
    """Type list, scope allow-list, required scope and lowercase are options."""
    options = CommitOptions(types=("feat", "fix"), extend_types=("exp",), scopes=("model", "data"))
    assert codes("exp(model): try rope", options) == []
    assert codes("docs(model): explain", options) == ["ML102"]
    assert codes("feat(modle): add x", options) == ["ML104"]
    assert "did you mean 'model'?" in check_message("feat(modle): x", options, "M")[0].message
    assert codes("feat(model, data): add x", options) == []
    required = CommitOptions(require_scope=True)
    assert codes("feat: add x", required) == ["ML104"]
    assert codes("Feat: add x", CommitOptions(lowercase_type=False)) == []


def test_the_examples_in_messages_pass_the_configured_rules() -> None:
    """The example subject, and the rewrite offered, use an allowed type and scope."""
    options = CommitOptions(types=("add", "chore"), scopes=("model", "data"), require_scope=True)
    messages = [
        check_message(subject, options, "M")[0].message
        for subject in ("feat(train): x", "added stuff", "add(model):x", "")
    ]
    for message in messages:
        example = message.split("e.g. `", 1)[1].split("`", 1)[0]
        assert example == "add(model): add multi-head attention implementation"
        assert codes(example, options) == []
    rewrite = messages[1].split("(for example `", 1)[1].split("`", 1)[0]
    assert rewrite == "add(model): added stuff"
    assert codes(rewrite, options) == []
    default = check_message("added stuff", DEFAULTS, "M")[0].message
    assert "e.g. `feat(transformers): add multi-head attention implementation`" in default
    assert "(for example `feat: added stuff`)" in default


def test_length_limits_are_configurable() -> None:
    """Subject and body limits count characters and follow the options."""
    assert codes("feat: " + "é" * 66) == []  # 72 characters, more bytes
    assert codes("feat: " + "a" * 20, CommitOptions(subject_max_length=20)) == ["ML106"]
    body = "feat: x\n\n" + "b" * 81
    assert codes(body, CommitOptions(body_max_line_length=80)) == ["ML109"]


@pytest.mark.parametrize(
    "subject",
    [
        "Merge branch 'feature/x'",
        "Merge branch 'feature/x' into main",
        "Merge branch 'main' of https://github.com/org/repo",
        "Merge branch 'feature/x' into 'main'",
        "Merge branches 'a' and 'b'",
        "Merge remote-tracking branch 'origin/main'",
        "Merge remote-tracking branch 'origin/main' into feature/x",
        "Merge tag 'v1.2.0'",
        "Merge commit 'abc1234'",
        "Merge pull request #42 from org/feature/x",
        "Merged PR 12: add the retriever",  # Azure DevOps
        "Merged in feature/x (pull request #7)",  # Bitbucket
        "Merge tags 'v1' and 'v2' into feature/m",  # octopus merges
        "Merge remote-tracking branches 'origin/y' and 'origin/z' into feature/m",
        "Merge commits 'abc1234' and 'def5678'",
        "Merge /srv/git/upstream",  # git pull <path or url> with no branch
        "Merge https://github.com/org/repo",
        "Merge git@github.com:org/repo",
        "Merge branch 'main' of /srv/up stream",  # a path with a space
        'Revert "feat(rag): add retriever"',
        'Reapply "feat(rag): add retriever"',  # git 2.43+: the revert of a revert
    ],
)
def test_git_generated_subjects_pass(subject: str) -> None:
    """Subjects git and the code-hosting services write themselves are accepted."""
    assert codes(f"{subject}\n\nThis reverts commit abc.\n") == []


@pytest.mark.parametrize(
    "subject",
    [
        "Merge the two data loaders",
        "Merged branch feature",
        "Merge branch",
        "Merge /",
        "Merge data/ and models/ folders",
        "Revert the change",
        "Reapply the patch",
    ],
)
def test_subjects_that_merely_start_with_merge_or_revert_are_checked(subject: str) -> None:
    """Only git's exact forms are exempt, not any subject starting with Merge/Revert."""
    assert codes(subject) == ["ML101"]


@pytest.mark.parametrize("prefix", ["fixup!", "squash!", "amend!"])
def test_autosquash_accepted_in_hook_rejected_in_range(prefix: str) -> None:
    """Autosquash commits pass the commit-msg hook but not a PR's range, both configurable."""
    message = f"{prefix} feat(rag): add retriever"
    assert codes(message) == []
    assert codes(message, in_range=True) == ["ML111"]
    assert "git rebase -i --autosquash" in check_message(message, DEFAULTS, "M", True)[0].message
    strict = CommitOptions(allow_autosquash_in_hook=False, allow_autosquash_in_range=True)
    assert codes(message, strict) == ["ML111"]
    assert codes(message, strict, in_range=True) == []


def test_comments_and_scissors_are_ignored_like_git() -> None:
    """Comment lines vanish and everything below the scissors line is ignored."""
    message = (
        "feat(model): add attention\n"
        "# Please enter the commit message for your changes.\n"
        "\n"
        "Body line.\n"
        "# ------------------------ >8 ------------------------\n"
        "# Do not modify or remove the line above.\n"
        "diff --git a/x.py b/x.py\n"
        "+" + "x" * 200 + "\n"
    )
    assert codes(message) == []
    assert [line.text for line in message_lines(message)] == [
        "feat(model): add attention",
        "",
        "Body line.",
    ]


def test_comment_removal_keeps_original_line_numbers() -> None:
    """Findings point at the line in the file git wrote, comments included."""
    message = "# comment\nfeat: add x\n# between\nBody glued to the subject.\n"
    (result,) = check_message(message, DEFAULTS, "MSG")
    assert (result.code, result.line) == ("ML108", 4)


def test_custom_comment_char() -> None:
    """With core.commentChar ';' lines starting with ';' are comments and '#' lines are not."""
    message = "feat: add x\n\n; a comment with a very long line " + "x" * 120 + "\n"
    assert codes(message, comment_char=";") == []
    assert codes("# issue 12: fix\n", comment_char=";") == ["ML101"]
    scissors = "feat: add x\n; ------------------------ >8 ------------------------\nnot: checked"
    assert message_lines(scissors, ";")[-1].text == "feat: add x"


def test_auto_comment_char_is_read_off_gits_comment_block() -> None:
    """``core.commentChar=auto``: the character of git's own comment lines, else ``#``."""
    edited = "fix: x\n\n#42 was it\n; Please enter the commit message for your changes.\n"
    assert auto_comment_char(edited) == ";"
    verbose = "fix: x\n@ ------------------------ >8 ------------------------\ndiff --git\n"
    assert auto_comment_char(verbose) == "@"
    assert auto_comment_char("fix: x\n\n#42 was it\n") == "#"


def test_comment_char_read_from_repository_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """core.commentChar set in the repository is honoured; without it '#' is used."""
    monkeypatch.setenv("HOME", str(tmp_path))
    git(tmp_path, "init", "-q")
    repo = gitutil.find_repo(str(tmp_path))
    assert gitutil.comment_char(repo) == "#"
    git(tmp_path, "config", "core.commentChar", ";")
    assert gitutil.comment_char(repo) == ";"


@pytest.mark.parametrize("detector", ["huggingface-token", "github-pat", "aws-access-key-id"])
def test_a_secret_in_the_message_is_never_quoted(detector: str) -> None:
    """A token pasted into a subject is redacted in the messages that quote the subject."""
    (fake,) = fakes(detector, 1)
    subjects = [f"Rotate {fake.secret} in CI", f"{fake.secret}", f"{fake.secret}: rotate"]
    for subject in subjects:
        results = check_message(subject, DEFAULTS, "MSG")
        assert results, subject
        for result in results:
            assert fake.secret.lower() not in result.message.lower(), result.message
        assert any(redact(fake.secret) in result.message for result in results), results


def test_messages_without_a_secret_quote_the_subject_as_written() -> None:
    (result,) = check_message("Rotate the key in CI", DEFAULTS, "MSG")
    assert "'Rotate the key in CI'" in result.message
