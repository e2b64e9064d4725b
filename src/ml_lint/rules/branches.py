"""ML12x: branch names like `feature/x` (guide: Version Control > Branch Naming)."""

from ml_lint.model import Rule

SECTION = "Version Control > Branch Naming"


def _rule(code: str, name: str, summary: str, explanation: str, bad: str, good: str) -> Rule:
    return Rule(code, name, summary, SECTION, explanation, bad, good, target="branch")


BRANCH_FORMAT = _rule(
    code="ML121",
    name="branch-name-format",
    summary="The branch name is not `<prefix>/<kebab-case-description>`.",
    explanation=(
        "Branch names are a prefix, a slash and a lowercase description of words joined by "
        "hyphens; digits are allowed and dots only inside version numbers (`fix/v1.2-crash`). "
        "Exempt branches (main, master, develop by default) are not checked."
    ),
    bad="Feature/Add_Attention",
    good="feature/add-attention",
)

BRANCH_PREFIX = _rule(
    code="ML122",
    name="branch-prefix-unknown",
    summary="The branch prefix is not one of the allowed prefixes.",
    explanation=(
        "Prefixes default to the guide's feature, fix, docs and refactor. Add your own "
        "with [tool.ml-lint.branches] extend-prefixes. The message suggests the nearest one."
    ),
    bad="feat/add-attention",
    good="feature/add-attention",
)

BRANCH_TOO_LONG = _rule(
    code="ML123",
    name="branch-name-too-long",
    summary="The branch name is longer than the limit (60 characters).",
    explanation=(
        "Long branch names are truncated in CI dashboards and make awkward directory names. "
        "Configure [tool.ml-lint.branches] max-length."
    ),
    bad="feature/add-multi-head-attention-with-rotary-embeddings-and-grouped-query-heads",
    good="feature/gqa-rotary-attention",
)

RULES = (BRANCH_FORMAT, BRANCH_PREFIX, BRANCH_TOO_LONG)
