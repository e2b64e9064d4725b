"""Read ``[tool.ml-lint]`` from a pyproject.toml without loading a TOML parser.

Importing ``tomllib`` and parsing a typical pyproject.toml takes about 9 ms, a fifth of a
hook's start-up. Configuration tables are plain: keys set to strings, integers, booleans,
arrays and inline tables, under ``[tool.ml-lint]`` and ``[tool.ml-lint.<name>...]`` headers.
``read`` understands exactly that and answers None for anything else - escapes,
multi-line strings, dotted keys, floats, dates, ``ml-lint`` in any other header or in the
root or ``[tool]`` table - and the caller then asks ``tomllib``, which stays the authority.

Only the ml-lint tables are read: a syntax error elsewhere in the file is not reported.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_HEADER = re.compile(
    r"[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*ml-lint((?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\]"
    r"[ \t]*(?:#[^\n]*)?"
)
_TOOL_HEADER = re.compile(r"""[ \t]*\[[ \t]*(?:tool|"tool"|'tool')[ \t]*\][ \t]*(?:#[^\n]*)?""")
# One token per match; the group that matched names its kind. A character no group
# accepts (a backslash, a dot, a colon, a plus sign) ends the match, and the read.
_TOKEN = re.compile(
    r"""[ \t]+|\#[^\x00-\x08\n-\x1f\x7f]*
    |(?P<newline>\n)
    |"(?P<basic>[^"\\\n\x00-\x08\x0b-\x1f\x7f]*)"
    |'(?P<literal>[^'\n\x00-\x08\x0b-\x1f\x7f]*)'
    |(?P<bare>[A-Za-z0-9_-]+)
    |(?P<punct>[=,\[\]{}])""",
    re.VERBOSE,
)
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NEWLINE = ("newline", "\n")


class _Unsupported(Exception):
    """The text is outside the subset this module reads."""


def read(text: str) -> dict[str, Any] | None:
    """The ``[tool.ml-lint]`` table of a pyproject.toml, if the plain subset covers it.

    Args:
        text: The file's contents.

    Returns:
        The table as ``tomllib`` would give it, or None when the file has no ml-lint
        header or uses anything outside the subset.
    """
    text = text.replace("\r\n", "\n")
    if '"""' in text or "'''" in text or "\r" in text:
        return None  # a multi-line string could hide a line that looks like a header
    chunks: dict[tuple[str, ...], list[str]] = {}  # by the path below [tool.ml-lint]
    scope = "root"  # where the line is: root, tool, ours or other
    lines: list[str] = []
    for line in text.split("\n"):
        if line.lstrip(" \t").startswith("["):
            header = _HEADER.fullmatch(line)
            if header is not None:
                path = tuple(name.strip(" \t") for name in header[1].split(".")[1:])
                if path in chunks:
                    return None  # a table defined twice: tomllib reports the error
                scope, lines = "ours", chunks.setdefault(path, [])
            elif "ml-lint" in line:
                return None  # [[tool.ml-lint]], [tool."ml-lint"], [tool.ml-lint."x"]
            else:
                scope = "tool" if _TOOL_HEADER.fullmatch(line) else "other"
        elif scope == "ours":
            lines.append(line)
        elif scope != "other" and "ml-lint" in line:
            return None  # tool.ml-lint as a dotted key, or an ml-lint key under [tool]
    if not chunks:
        return None
    try:
        tables = {path: _Parser("\n".join(body)).table() for path, body in chunks.items()}
    except _Unsupported:
        return None
    return _nest(tables)


def _nest(tables: dict[tuple[str, ...], dict[str, Any]]) -> dict[str, Any] | None:
    """The tables of each header put together, or None where two of them clash."""
    root: dict[str, Any] = {}
    # Tables a header made, directly or as a parent: only these may be extended by another.
    headed: set[tuple[str, ...]] = {()}
    for path in sorted(tables, key=len):  # parents first
        table = root
        for depth in range(1, len(path) + 1):
            if path[:depth] not in headed and path[depth - 1] in table:
                return None  # a header extends a table a value made
            headed.add(path[:depth])
            table = table.setdefault(path[depth - 1], {})
        if not table.keys().isdisjoint(tables[path]):
            return None  # a value where another header put a table
        table.update(tables[path])
    return root


class _Parser:
    """Key/value lines of one table, over the tokens of ``_TOKEN``."""

    def __init__(self, text: str) -> None:
        self.tokens = self._tokenize(text)
        self.position = 0

    @staticmethod
    def _tokenize(text: str) -> list[tuple[str, str]]:
        tokens = []
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None:
                raise _Unsupported
            position = match.end()
            if match.lastgroup is not None:
                tokens.append((match.lastgroup, match[match.lastgroup]))
        tokens.append(_NEWLINE)
        return tokens

    def _next(self) -> tuple[str, str]:
        if self.position == len(self.tokens):
            raise _Unsupported
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else _NEWLINE

    def _expect(self, punct: str) -> None:
        if self._next() != ("punct", punct):
            raise _Unsupported

    def _skip_newlines(self) -> None:
        while self.position < len(self.tokens) and self.tokens[self.position] == _NEWLINE:
            self.position += 1

    def table(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        self._skip_newlines()
        while self.position < len(self.tokens):
            self._key_value(values)
            if self._next() != _NEWLINE:
                raise _Unsupported
            self._skip_newlines()
        return values

    def _key_value(self, into: dict[str, Any]) -> None:
        kind, key = self._next()
        if kind not in ("basic", "literal", "bare") or key in into:
            raise _Unsupported
        self._expect("=")
        into[key] = self._value()

    def _value(self) -> Any:
        kind, text = self._next()
        if kind in ("basic", "literal"):
            return text
        if kind == "bare":
            if text in ("true", "false"):
                return text == "true"
            if _INTEGER.fullmatch(text):
                return int(text)
        elif text == "[":
            return self._array()
        elif text == "{":
            return self._inline_table()
        raise _Unsupported

    def _array(self) -> list[Any]:
        items: list[Any] = []
        while True:
            self._skip_newlines()
            if self._peek() == ("punct", "]"):
                self.position += 1
                return items
            items.append(self._value())
            self._skip_newlines()
            if self._peek() != ("punct", "]"):
                self._expect(",")

    def _inline_table(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if self._peek() == ("punct", "}"):
            self.position += 1
            return values
        while True:
            self._key_value(values)
            if self._next() == ("punct", "}"):
                return values
            self.position -= 1
            self._expect(",")
