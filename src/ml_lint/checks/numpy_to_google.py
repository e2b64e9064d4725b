"""Rewrite a NumPy-style docstring in Google style, for ML242's ``--fix``.

The rewrite moves text and never rewords it: a title loses its underline and gains a colon
(``Parameters`` becomes ``Args``), ``name : type`` becomes ``name (type): description``, and
every section's lines are indented under their title. A docstring it cannot read with
certainty is not rewritten, and a last check that every character but whitespace, colons
and brackets is still there, in order, backs that up.

The lines are the docstring's text with its indentation removed; the first is the text
after the opening quotes. ``to_google`` raises ``Unsure``, with the reason, for a docstring
it leaves as it is.
"""

from __future__ import annotations

import re

from ml_lint import docstring

INDENT = "    "
# NumPy's titles that the rewrite knows: the Google title, and how the body is read.
SECTIONS = {
    "parameters": ("Args", "entries"),
    "other parameters": ("Other Parameters", "entries"),
    "attributes": ("Attributes", "entries"),
    "returns": ("Returns", "returns"),
    "yields": ("Yields", "returns"),
    "raises": ("Raises", "raises"),
    "examples": ("Examples", "text"),
    "notes": ("Notes", "text"),
    "references": ("References", "text"),
    "see also": ("See Also", "text"),
    "warnings": ("Warnings", "text"),
}
UNDERLINE = re.compile(r"-{3,}")
ENTRY = re.compile(r"(\*{0,2}[A-Za-z_]\w*)(?:\s+:\s+(\S.*))?")
EXCEPTION = re.compile(r"[A-Za-z_][\w.]*")
# A description starting with one of these is a structure (a list, an example): its first
# line stays on a line of its own rather than joining the entry's.
STRUCTURED = re.compile(r"(?:[-*+]|\d+[.)]|>>>)(?:\s|$)")


class Unsure(ValueError):
    """The docstring holds something the rewrite cannot read with certainty."""


def to_google(lines: list[str], width: int | None = None) -> list[str]:
    """The docstring's lines in Google style.

    Args:
        lines: The docstring's lines, its indentation removed.
        width: The longest line the text may have, the docstring's indentation left out;
            a description that would not fit after its entry's name goes on the next line.

    Returns:
        The new lines, those before the first section as they were.

    Raises:
        Unsure: The rewrite is unsure of the docstring; the message says why, worded to
            follow "--fix cannot edit this docstring: ".
    """
    if any("\t" in line or "\r" in line for line in lines):
        raise Unsure("it is NumPy style with tabs or carriage returns in it")
    titles = _titles(lines)
    if not titles:
        raise Unsure("it is NumPy style with no section the rewrite knows")
    prefix = lines[: titles[0]]
    if docstring.parse("\n".join(prefix)).sections:
        raise Unsure("it mixes NumPy and Google sections")
    new = list(prefix)
    if new and new[-1].strip():
        new.append("")  # a blank line before the first title
    expected = list(prefix)  # the original without underlines, titles as Google writes them
    for position, start in enumerate(titles):
        stop = titles[position + 1] if position + 1 < len(titles) else len(lines)
        title, kind = SECTIONS[lines[start].strip().lower()]
        body = _trimmed(lines[start + 2 : stop])
        if not body:
            raise Unsure(f"its {title!r} section is empty")
        if position:
            new.append("")
        new.append(f"{title}:")
        new += _text(body) if kind == "text" else _items(body, kind, title, width)
        expected += [title, *body]
    # The closing quotes stay on a line of their own, after the blank lines they had above.
    trailing = len(lines) - len(_trimmed(lines)) - _leading_blanks(lines)
    new += [""] * trailing
    if _characters(new) != _characters(expected) or docstring.numpy_titles("\n".join(new)):
        raise Unsure("the rewrite would not keep its text as written")
    return new


def _titles(lines: list[str]) -> list[int]:
    """The indices of the NumPy titles, each underlined at the docstring's indentation."""
    found: list[int] = []
    for index in range(1, len(lines) - 1):
        if not lines[index + 1].startswith("---"):  # nearly every line: no underline
            continue
        title, underline = lines[index].rstrip(), lines[index + 1].rstrip()
        if not UNDERLINE.fullmatch(underline) or not title or title[0] == " ":
            continue
        name = title.lower()
        if name not in SECTIONS:
            raise Unsure(f"its underlined title {title!r} is no section the rewrite knows")
        if any(lines[other].strip().lower() == name for other in found):
            raise Unsure(f"its title {title!r} repeats")
        found.append(index)
    lengths = {len(lines[index + 1].rstrip()) for index in found}
    matching = all(len(lines[i].rstrip()) == len(lines[i + 1].rstrip()) for i in found)
    if len(lengths) > 1 and not matching:
        raise Unsure("its underlines differ in length and do not match their titles")
    return found


def _trimmed(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines at their start and end."""
    start, stop = 0, len(lines)
    while start < stop and not lines[start].strip():
        start += 1
    while stop > start and not lines[stop - 1].strip():
        stop -= 1
    return [line.rstrip() for line in lines[start:stop]]


def _leading_blanks(lines: list[str]) -> int:
    """How many of ``lines`` are blank before the first with text."""
    return next((index for index, line in enumerate(lines) if line.strip()), len(lines))


def _text(body: list[str]) -> list[str]:
    """Free text (a note, an example) indented under its title, as written otherwise."""
    return [INDENT + line if line else "" for line in body]


def _items(body: list[str], kind: str, title: str, width: int | None) -> list[str]:
    """The entries of a section, each ``label: description``, with their continuation lines.

    An entry is a line at the section's indentation; the deeper lines after it describe it.
    """
    if body[0][0] == " ":
        raise Unsure(f"its {title!r} section does not start with an entry")
    new: list[str] = []
    start = 0
    for index in range(1, len(body) + 1):
        if index == len(body) or (body[index] and body[index][0] != " "):
            new += _item(body[start], body[start + 1 : index], kind, width)
            start = index
    return new


def _item(head: str, rest: list[str], kind: str, width: int | None) -> list[str]:
    """One entry in Google style, and the blank lines that separated it from the next one."""
    content = len(rest)
    while content and not rest[content - 1]:
        content -= 1
    description, gap = _trimmed(rest[:content]), rest[content:]
    label = _label(head, kind, bool(description))
    if not description:
        return [INDENT + (label if kind == "returns" else f"{label}:"), *gap]
    margin = len(description[0]) - len(description[0].lstrip())
    if any(line and len(line) - len(line.lstrip()) < margin for line in description):
        raise Unsure(f"the description of {head.strip()!r} is indented less than it starts")
    relative = [line[margin:] for line in description]
    deeper = len(relative) > 1 and relative[1].startswith(" ")
    joined = f"{INDENT}{label}: {relative[0]}"
    follows = [INDENT * 2 + line if line else "" for line in relative]
    too_long = width is not None and len(joined) > width
    if STRUCTURED.match(relative[0]) or deeper or too_long:
        return [f"{INDENT}{label}:", *follows, *gap]
    return [joined, *follows[1:], *gap]


def _label(head: str, kind: str, described: bool) -> str:
    """What an entry's line says before its colon: ``name (type)``, a type or an exception."""
    head = head.strip()
    if kind == "raises":
        if not EXCEPTION.fullmatch(head):
            raise Unsure(f"its Raises entry {head!r} is not one exception's name")
        return head
    match = ENTRY.fullmatch(head)
    if kind == "returns" and (match is None or match[2] is None):
        if ":" in head or head.endswith("."):  # a sentence, or a shape the rewrite misreads
            raise Unsure(f"its Returns or Yields line {head!r} is no type and no `name : type`")
        return head
    if match is None:
        raise Unsure(f"its entry {head!r} is not `name : type` (one name) or `name`")
    name, kind_text = match[1], match[2]
    if kind_text is None:
        if not described:
            raise Unsure(f"its entry {head!r} has neither a type nor a description")
        return name
    label = f"{name} ({kind_text.strip()})"
    # Google's parser must read the type back to its closing bracket: `x : f(a` would not.
    entries = docstring.parse(f"Args:\n{INDENT}{label}: x").sections["Args"].entries
    if [(entry.name, entry.type) for entry in entries] != [(name, kind_text.strip())]:
        raise Unsure(f"its entry {head!r} has a type Google style cannot hold in brackets")
    return label


def _characters(lines: list[str]) -> str:
    """The text without what the rewrite may add or drop: whitespace, colons and brackets."""
    # split() drops the whitespace a regex's \s matches, several times faster than re.sub.
    text = "".join("\n".join(lines).split())
    return text.replace(":", "").replace("(", "").replace(")", "")
