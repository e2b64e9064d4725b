"""The plain git hooks: one template, written to ``hooks/`` and by ``ml-lint install-hooks``."""

from __future__ import annotations

import shlex

MARKER = "# ml-lint plain git hook"

# What each hook runs; "$@" passes git's arguments. pre-commit's `check --staged` runs the
# secrets rules (ML4) on the staged content too. pre-push reads git's ref lines once and
# gives them to both commands: branch names and messages, then secrets in the pushed commits.
COMMANDS = {
    "commit-msg": 'run commit-msg "$1"',
    "pre-commit": "run branch && run check --staged",
    "pre-push": """refs=$(cat)
status=0
printf '%s\\n' "$refs" | run pre-push "$@" || status=1
printf '%s\\n' "$refs" | run secrets --pre-push || status=1
exit $status""",
}

TEMPLATE = """#!/bin/sh
{marker}: {hook}
# For repositories that do not use the pre-commit framework. Install with
# `ml-lint install-hooks`, or copy this file to .git/hooks/{hook} and make it executable.
ML_LINT_PYTHON={python}
run() {{
    if [ -n "$ML_LINT_PYTHON" ] && [ -x "$ML_LINT_PYTHON" ]; then
        "$ML_LINT_PYTHON" -m ml_lint "$@"
    elif command -v ml-lint >/dev/null 2>&1; then
        ml-lint "$@"
    else
        python3 -m ml_lint "$@"
    fi
}}
{command}
"""


def hook_script(hook: str, python: str = "") -> str:
    """The script for ``hook``; ``python`` pins the interpreter that has ml-lint installed.

    Args:
        hook: ``commit-msg``, ``pre-commit`` or ``pre-push``.
        python: The interpreter's path; empty to use ``ml-lint`` or ``python3`` from PATH.

    Returns:
        The shell script's text.
    """
    quoted = shlex.quote(python)  # the path may hold spaces, quotes or `$`
    return TEMPLATE.format(marker=MARKER, hook=hook, python=quoted, command=COMMANDS[hook])
