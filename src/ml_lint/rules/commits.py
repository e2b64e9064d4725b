"""ML10x-ML11x: commit messages in Conventional Commits form (guide: Version Control)."""

from ml_lint.model import Rule

SECTION = "Version Control > Commit Messages"


def _rule(code: str, name: str, summary: str, explanation: str, bad: str, good: str) -> Rule:
    return Rule(code, name, summary, SECTION, explanation, bad, good, target="commit")


HEADER_FORMAT = _rule(
    code="ML101",
    name="commit-header-format",
    summary="The subject line is not `type(scope): description`.",
    explanation=(
        "Commit subjects follow Conventional Commits 1.0.0: a type, an optional scope in "
        "parentheses, an optional `!` for a breaking change, a colon, one space and a "
        "description. Git's own merge, revert and autosquash subjects are accepted as git "
        "writes them."
    ),
    bad="Added multi-head attention",
    good="feat(transformers): add multi-head attention implementation",
)

UNKNOWN_TYPE = _rule(
    code="ML102",
    name="commit-type-unknown",
    summary="The commit type is not one of the allowed types.",
    explanation=(
        "Allowed types default to the guide's feat, fix, docs and refactor plus perf, test, "
        "build, ci, chore, style and revert. Configure [tool.ml-lint.commits] types or "
        "extend-types. The message suggests the nearest allowed type."
    ),
    bad="feature(rag): add retriever",
    good="feat(rag): add retriever",
)

TYPE_CASE = _rule(
    code="ML103",
    name="commit-type-case",
    summary="The commit type is not lowercase.",
    explanation=(
        "Types are lowercase so that changelog tools group them. Turn off with "
        "[tool.ml-lint.commits] lowercase-type = false."
    ),
    bad="Fix(rag): correct vector similarity calculation",
    good="fix(rag): correct vector similarity calculation",
)

SCOPE = _rule(
    code="ML104",
    name="commit-scope",
    summary="The scope is missing where required, empty, or not an allowed scope.",
    explanation=(
        "A scope names the part of the repository a commit touches. Configure "
        "[tool.ml-lint.commits] scopes (an allow-list) and require-scope."
    ),
    bad="docs(): update installation instructions",
    good="docs(readme): update installation instructions",
)

EMPTY_DESCRIPTION = _rule(
    code="ML105",
    name="commit-description-empty",
    summary="Nothing follows `type(scope): `.",
    explanation="The description says what the commit does, in the imperative mood.",
    bad="fix(rag): ",
    good="fix(rag): correct vector similarity calculation",
)

SUBJECT_TOO_LONG = _rule(
    code="ML106",
    name="commit-subject-too-long",
    summary="The subject line is longer than the limit (72 characters).",
    explanation=(
        "Long subjects are cut off by `git log --oneline`, GitHub and most tools. Put "
        "details in the body. Configure [tool.ml-lint.commits] subject-max-length."
    ),
    bad="refactor(utils): improve data loading efficiency by caching decoded images in memory",
    good="refactor(utils): cache decoded images in the data loader",
)

SUBJECT_PERIOD = _rule(
    code="ML107",
    name="commit-subject-period",
    summary="The subject line ends with a period.",
    explanation="A subject is a title, not a sentence: no trailing period.",
    bad="docs(readme): update installation instructions.",
    good="docs(readme): update installation instructions",
)

BODY_BLANK_LINE = _rule(
    code="ML108",
    name="commit-body-separation",
    summary="The body does not start after one blank line below the subject.",
    explanation=(
        "Git and every tool built on it take the first paragraph as the subject. Without a "
        "blank line the body is glued to the subject."
    ),
    bad="fix(rag): correct similarity\nUse cosine instead of dot product.",
    good="fix(rag): correct similarity\n\nUse cosine instead of dot product.",
)

BODY_LINE_TOO_LONG = _rule(
    code="ML109",
    name="commit-body-line-too-long",
    summary="A body or footer line is longer than the limit (100 characters).",
    explanation=(
        "Wrap the body so it reads well in a terminal. Lines that are a URL, or contain "
        "one that cannot be broken, and hyphenated git trailers in the footer such as "
        "`Signed-off-by:` or `Co-authored-by:` are exempt. "
        "Configure [tool.ml-lint.commits] body-max-line-length."
    ),
    bad="fix(rag): correct similarity\n\n" + "word " * 22,
    good="fix(rag): correct similarity\n\nword word word\nword word word",
)

BREAKING_FOOTER = _rule(
    code="ML110",
    name="commit-breaking-footer",
    summary="A breaking-change footer is not spelled `BREAKING CHANGE:`.",
    explanation=(
        "Conventional Commits recognises only the uppercase tokens `BREAKING CHANGE:` and "
        "`BREAKING-CHANGE:`; other spellings are silently ignored by release tools. The "
        "footer is the last paragraph when it starts with a `Token: value` line; a note "
        "that says there is no breaking change (`Breaking changes: none`) is left alone."
    ),
    bad="feat(api): drop v1 endpoints\n\nbreaking change: v1 clients must upgrade",
    good="feat(api)!: drop v1 endpoints\n\nBREAKING CHANGE: v1 clients must upgrade",
)

AUTOSQUASH = _rule(
    code="ML111",
    name="commit-autosquash",
    summary="A `fixup!`, `squash!` or `amend!` commit is about to be merged.",
    explanation=(
        "Autosquash commits are fine while working (the commit-msg hook accepts them) but "
        "must be squashed with `git rebase -i --autosquash` before a pull request merges, so "
        "`ml-lint check --commits` rejects them. Configure [tool.ml-lint.commits] "
        "allow-autosquash-in-hook and allow-autosquash-in-range."
    ),
    bad="fixup! feat(rag): add retriever",
    good="feat(rag): add retriever",
)

EMPTY_MESSAGE = _rule(
    code="ML112",
    name="commit-message-empty",
    summary="The commit message is empty once comments are removed.",
    explanation="Git aborts an empty commit; ml-lint says so clearly instead of guessing.",
    bad="# Please enter the commit message for your changes.",
    good="feat(rag): add retriever",
)

RULES = (
    HEADER_FORMAT,
    UNKNOWN_TYPE,
    TYPE_CASE,
    SCOPE,
    EMPTY_DESCRIPTION,
    SUBJECT_TOO_LONG,
    SUBJECT_PERIOD,
    BODY_BLANK_LINE,
    BODY_LINE_TOO_LONG,
    BREAKING_FOOTER,
    AUTOSQUASH,
    EMPTY_MESSAGE,
)
