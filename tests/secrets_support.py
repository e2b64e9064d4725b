"""Fake secrets for the ``ml-lint secrets`` tests, built by concatenation at import time.

No source file holds a whole fake secret, so ml-lint's own check of this repository (and any
other scanner) does not flag the tests. Every value is random-looking, never a real token.
"""

from __future__ import annotations

import json

from secret_fakes import fakes

# GitHub personal access tokens (ML401): "ghp_" and 36 characters, from the fixture generator.
TOKEN_DETECTOR = "github-pat"
TOKEN, OTHER_TOKEN = (fake.secret for fake in fakes(TOKEN_DETECTOR, 2))

# A generic assignment with a high-entropy value (ML402).
PASSWORD_VALUE = "Xk9" + "qL2mN7bC4dF6gH1jK5p"

ALL_FAKES = (TOKEN, OTHER_TOKEN, PASSWORD_VALUE)


def python_line(value: str = TOKEN, name: str = "GITHUB_TOKEN") -> str:
    """A Python assignment of ``value``, ending in a newline."""
    return f'{name} = "{value}"\n'


def assert_no_secret(*texts: str | bytes) -> None:
    """Fail if any fake secret appears in full in any of ``texts``."""
    for text in texts:
        as_text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        for secret in ALL_FAKES:
            assert secret not in as_text, "a secret was printed or written in full"
            # JSON may escape characters: compare the decoded form too.
            assert json.dumps(secret)[1:-1] not in as_text
