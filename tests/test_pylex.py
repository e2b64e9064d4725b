"""Line offsets of Python source, as the fixes and suppression comments place their edits."""

from __future__ import annotations

import pytest

from ml_lint.pylex import line_starts


def _starts_by_hand(text: str) -> list[int]:
    """0, then the offset after every line end Python counts: \\r\\n, \\r or \\n."""
    starts, index = [0], 0
    while index < len(text):
        if text.startswith("\r\n", index):
            index += 2
        elif text[index] in "\r\n":
            index += 1
        else:
            index += 1
            continue
        starts.append(index)
    return starts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x = 1",
        "x = 1\n",
        "\n\n",
        "a\nbc\n\nd",
        "a\r\nb\r\n",
        "a\rb\rc",
        "a\r\n\rb\n\r\nc",
        # Form feed, vertical tab and Unicode separators end no line of Python.
        "a\fb\x0bc\u2028d\u0085e\n",
        "s = 'é'\n# ünïcode\n",
    ],
)
def test_line_starts_follow_python_line_ends(text: str) -> None:
    assert line_starts(text) == _starts_by_hand(text)
