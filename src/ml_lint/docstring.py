"""Google-style docstrings, parsed into their summary and sections."""

from __future__ import annotations

import re
from itertools import pairwise

from ml_lint.records import NamedTuple

# Section titles Google style uses, and the canonical name each one means.
SECTIONS = {
    "args": "Args",
    "arguments": "Args",
    "parameters": "Args",
    "params": "Args",
    "keyword args": "Keyword Args",
    "keyword arguments": "Keyword Args",
    "other parameters": "Other Parameters",
    "returns": "Returns",
    "return": "Returns",
    "yields": "Yields",
    "yield": "Yields",
    "raises": "Raises",
    "attributes": "Attributes",
    "example": "Examples",
    "examples": "Examples",
    "note": "Note",
    "notes": "Note",
    "see also": "See Also",
    "todo": "Todo",
    "warning": "Warning",
    "warnings": "Warning",
    "references": "References",
}
HEADER = re.compile(r"([A-Za-z][A-Za-z ]*):\s*")
# "name:", "name (type):", "*args:", "`name`:", "- name:"; the type may hold brackets.
PARENTHESIS = re.compile(r"[()]")
# A list marker, a Sphinx role (`:exc:`, `:py:class:`) with its `~`, then the name in backticks
# or not; [^\W\d] is a letter or _.
ENTRY_NAME = re.compile(r"(?:[-*]\s+)?(?::\w+(?::\w+)?:(?=`))?`?~?(\*{0,2}[^\W\d][\w.]*)`?\s*")


class Entry(NamedTuple):
    """One ``name (type): description`` line of a section; ``line`` is 0-based in the text.

    Attributes:
        name: The name, stars kept (``*args``), backticks and list markers dropped.
        type: The text in brackets after the name; None when there is none.
        line: The entry's 0-based line in the docstring.
        listed: Written as a list item (``- name: ...``), which may be a value the entry
            before lists rather than a parameter.
    """

    name: str
    type: str | None
    line: int
    listed: bool = False


class Section(NamedTuple):
    """A titled section: its canonical name, where its title is, its entries and lines.

    ``body`` holds (0-based line, text) for the section's lines after the title.

    Attributes:
        name: The canonical title, such as ``Args`` for ``Parameters:``.
        line: The title's 0-based line.
        entries: The ``name: description`` lines at the section's least indentation.
        body: The section's non-blank lines after the title, as (0-based line, text).
        colonless: The names that start lines at that indentation which are no entries for
            want of a colon, such as ``keys (list): The keys.`` written without one.
    """

    name: str
    line: int
    entries: list[Entry]
    body: list[tuple[int, str]]
    colonless: list[str]


class Docstring(NamedTuple):
    """A parsed docstring.

    Attributes:
        summary: The first line, stripped.
        sections: Each section by canonical name; the first wins when a title repeats.
        unknown_titles: Lines shaped like a section title whose name Google style does not
            know, such as ``Arg:`` (a typo) or ``Shape:``, as written.
    """

    summary: str
    sections: dict[str, Section]
    unknown_titles: list[str]


# numpydoc's section titles; underlined with dashes, they make a docstring NumPy style.
NUMPY_SECTIONS = frozenset(
    {"parameters", "returns", "yields", "receives", "other parameters", "raises", "warns"}
    | {"warnings", "see also", "notes", "references", "examples", "attributes", "methods"}
)


def numpy_titles(text: str) -> list[tuple[int, str]]:
    """The NumPy-style section titles of a docstring: known names underlined with dashes.

    Args:
        text: The docstring's value or its literal, with the lines as written.

    Returns:
        Each title's 0-based line in ``text`` and the title as written, in order.
    """
    if "---" not in text:  # nearly every docstring: no underline at all
        return []
    lines = text.split("\n")
    return [
        (number, title.strip())
        for number, (title, underline) in enumerate(pairwise(lines))
        if title.strip().lower() in NUMPY_SECTIONS
        and len(underline.strip()) >= 3
        and set(underline.strip()) == {"-"}
    ]


def cleandoc(text: str) -> str:
    """A docstring's text without its indentation, as ``inspect.cleandoc`` of Python 3.11 gives it.

    Tabs are expanded, the first line's leading whitespace and the other lines' common
    indentation are removed, and so are blank lines at the start and the end. Python 3.13's
    ``inspect.cleandoc`` removes only spaces; this one behaves the same on every version.

    Args:
        text: The docstring's value.

    Returns:
        The cleaned text.
    """
    lines = (text.expandtabs() if "\t" in text else text).split("\n")  # a scan, not a copy
    # A line with text is one that lstrip leaves non-empty: one strip per line, not two.
    indents = [len(line) - len(rest) for line in lines[1:] if (rest := line.lstrip())]
    lines[0] = lines[0].lstrip()
    if indents:
        margin = min(indents)
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    return "\n".join(lines[start:])


def parse(text: str) -> Docstring:
    """Split a docstring, cleaned by ``cleandoc``, into summary and sections.

    A section title is a known name and a colon alone on a line at the docstring's own
    indentation, so "Returns the mean." in a summary and "Args:" inside an indented code
    example are not titles. Entries are the lines of a section indented no deeper than its
    first.

    Args:
        text: The docstring, its indentation removed.

    Returns:
        The summary line and the sections.
    """
    if ":" not in text:  # no section title, and so no section: most short docstrings
        return Docstring(text.split("\n", 1)[0].strip(), {}, [])
    lines = text.split("\n")
    sections: dict[str, Section] = {}
    unknown: list[str] = []
    current: Section | None = None
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped:  # blank lines neither start nor end a section
            continue
        indent = len(line) - len(stripped)
        header = HEADER.fullmatch(line) if indent == 0 and ":" in line else None
        name = SECTIONS.get(header[1].strip().lower()) if header else None
        if header is not None and name is None and number:
            unknown.append(header[1].strip())
        if name is not None:
            current = Section(name, number, [], [], [])
            sections.setdefault(name, current)
        elif current is not None:
            if indent == 0:  # text back at the docstring's indentation ends the section
                current = None
            else:
                current.body.append((number, line))
    for section in sections.values():
        _read_entries(section)
    summary = lines[0].strip() if lines else ""
    return Docstring(summary, sections, unknown)


def _read_entries(section: Section) -> None:
    """Fill a section's ``entries`` and ``colonless`` from its lines."""
    if not section.body:
        return
    first = section.body[0][1]
    # The first line is an entry; so is any line not indented deeper (one entry indented
    # less by mistake leaves the others entries), while a deeper one continues an entry.
    entry_indent = len(first) - len(first.lstrip())
    for number, line in section.body:
        text = line.lstrip()
        if len(line) - len(text) > entry_indent:
            continue
        text = text.rstrip().replace("\\*", "*")  # reST escapes a star: \*args
        match = ENTRY_NAME.match(text)
        if match is None:
            continue
        entry = _entry(text, match, number)
        if entry is not None:
            section.entries.append(entry)
        else:
            section.colonless.append(match[1])


def _entry(text: str, match: re.Match[str], number: int) -> Entry | None:
    """``name (type): description`` → Entry, the type read up to its matching bracket.

    ``match`` is ``ENTRY_NAME``'s match at the start of ``text``.
    """
    rest = text[match.end() :]
    kind = None
    if rest.startswith("("):
        depth = 0
        for bracket in PARENTHESIS.finditer(rest):
            depth += 1 if bracket[0] == "(" else -1
            if depth == 0:
                index = bracket.start()
                kind, rest = rest[1:index], rest[index + 1 :].lstrip()
                break
        else:
            return None
    # "name: text" or "name:" alone; "s3://bucket" and "name:version" in a list are no entries
    if not rest.startswith(":") or rest[1:2].strip():
        return None
    return Entry(match[1], kind, number, is_list_item(text))


def is_list_item(text: str) -> bool:
    """Whether a line (its indentation removed) starts with a list marker: ``- `` or ``* ``.

    Args:
        text: The line, without its indentation.

    Returns:
        True for ``- x`` and ``* x``; False for ``*args``.
    """
    return text[:1] in ("-", "*") and text[1:2].isspace()


def examples(section: Section) -> list[tuple[int, str]]:
    """The ``>>>`` statements of a section: (0-based line, source with ``...`` lines).

    Args:
        section: The section, usually ``Examples``.

    Returns:
        Each statement's first line and its source, continuation lines joined on; a
        ``...`` line after the output has started is output (an ellipsis), not code.
    """
    found: list[tuple[int, list[str]]] = []
    in_statement = False  # as in doctest, `...` continues a statement only before its output
    for number, line in section.body:
        stripped = line.strip()
        if stripped.startswith(">>>"):
            found.append((number, [stripped[4:]]))
            in_statement = True
        elif stripped.startswith("...") and in_statement:
            found[-1][1].append(stripped[4:])
        else:
            in_statement = False
    return [(number, "\n".join(source)) for number, source in found]
