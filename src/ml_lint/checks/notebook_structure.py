"""Notebook structure: the guide's title, its sections in order, explained, and code placement."""

from __future__ import annotations

import ast
import bisect
import functools
import re
from collections.abc import Iterator

from ml_lint import notebook
from ml_lint.config import Config, NotebookOptions
from ml_lint.model import Finding, Rule, finding
from ml_lint.records import NamedTuple
from ml_lint.rules import notebooks as rules
from ml_lint.source import SourceError, SourceFile

MARKDOWN_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")  # see _heading_text
SETEXT_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*")
HTML_HEADING_OPEN = re.compile(r"<h([1-6])\b[^<>]*>", re.IGNORECASE)
# A fence opens with 3+ backticks (an info string without backticks) or tildes, and closes
# with the same character, at least as many, and nothing else (CommonMark).
FENCE = re.compile(r" {0,3}(`{3,}(?=[^`]*$)|~{3,})(.*)")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")  # a run is tried once, whole
LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
TAG = re.compile(r"<[^<>]+>")
RULE = re.compile(r"[-*_ ]{3,}")
# What a line may hold that says nothing: images (badges, also inside links) and bare URLs.
NOT_PROSE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<?https?://[^\s>)]+>?")
CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*")
# Letters and digits of any script; each Chinese or Japanese character is a word of its own.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
WORDS = re.compile(rf"[{CJK}]|[^\W_{CJK}]+")
# Longest first; what is left must keep three letters. "Visualizing", "visualisation" and
# "visualize" all become "visual"; "plotting" becomes "plot".
SUFFIXES = (
    "izations", "isations", "ization", "isation", "ations", "ation", "izing", "ising",
    "ating", "ings", "ions", "ers", "ies", "ize", "ise", "ate", "ing", "ion", "er", "es",
    "ed", "s", "e",
)  # fmt: skip
ARTICLES = ("the", "a", "an", "our", "your", "some", "all", "and", "with")


class Heading(NamedTuple):
    """A markdown heading: where it is, its level and its text.

    Attributes:
        cell: The 1-based number of its cell.
        line: Its 1-based line in the cell (a setext heading's text line).
        level: 1 to 6, as in ``#`` to ``######`` or ``<h1>`` to ``<h6>``.
        text: The heading's text, without markers or tags.
    """

    cell: int
    line: int
    level: int
    text: str


class Markdown(NamedTuple):
    """What structure rules need from a markdown cell: its headings and its prose lines.

    Attributes:
        headings: The cell's headings, in line order.
        prose: The 1-based lines of prose: two words or more, not headings, images or rules.
    """

    headings: list[Heading]
    prose: list[int]


def _without_comments(text: str) -> str:
    """``text`` with each closed ``<!-- ... -->`` replaced by its newlines (lines keep places).

    A scan, not a lazy pattern, which would search to the end of the text again for each
    unclosed ``<!--``.
    """
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts += [text[position:start], "\n" * text.count("\n", start, end)]
        position = end + 3
    return "".join(parts) + text[position:]


def _html_headings(text: str) -> Iterator[tuple[int, int, str, int]]:
    """``<h1>...</h1>`` to ``<h6>``: (level, start offset, inner text, end offset) of each."""
    unclosed_after: dict[int, int] = {}  # no closing tag of the level follows this offset
    position = 0
    while match := HTML_HEADING_OPEN.search(text, position):
        level = int(match[1])
        close = None
        if match.end() < unclosed_after.get(level, len(text) + 1):
            pattern = rf"</h{level}\s*>"
            close = re.compile(pattern, re.IGNORECASE).search(text, match.end())
            if close is None:
                unclosed_after[level] = match.end()
        if close is None:
            position = match.end()
            continue
        yield level, match.start(), text[match.end() : close.start()], close.end()
        position = close.end()


def _heading_text(raw: str) -> str:
    """An ATX heading's text: without the closing ``#`` sequence and the spaces around it."""
    text = raw.rstrip(" \t")
    without = text.rstrip("#")
    if without != text and (not without or without[-1] in " \t"):
        text = without.rstrip(" \t")
    return text


class Section(NamedTuple):
    """A heading that names one of the configured sections.

    Attributes:
        key: The section's key in ``sections``, such as ``training``.
        heading: The heading that names it.
    """

    key: str
    heading: Heading


LINE_END = re.compile(r"\r\n?")


def read_markdown(cell_number: int, source: str) -> Markdown:
    """The headings (``#``, setext and ``<hN>``) and prose lines (1-based) of a cell.

    Nothing inside fenced code or HTML comments counts; images and rules are not prose.

    Args:
        cell_number: The cell's 1-based number, for the headings.
        source: The cell's markdown.

    Returns:
        The headings sorted by line, and the prose lines.
    """
    if "\r" in source:  # a lone CR ends a line in markdown (CommonMark) too
        source = LINE_END.sub("\n", source)
    text = _without_comments(source)
    lines = text.split("\n")
    fenced = _fenced_lines(lines)
    # HTML headings are looked for where code is blanked out, offsets kept.
    code_free = "\n".join(
        "" if number in fenced else INLINE_CODE.sub(lambda m: " " * len(m[0]), line)
        for number, line in enumerate(lines, start=1)
    )
    found: list[Heading] = []
    taken: set[int] = set()
    for level, start, content, end in _html_headings(code_free):
        first = code_free.count("\n", 0, start) + 1
        last = first + code_free.count("\n", start, end)
        found.append(Heading(cell_number, first, level, TAG.sub(" ", content).strip()))
        taken.update(range(first, last + 1))
    prose: list[int] = []
    previous: int | None = None  # a text line that a setext underline would make a heading
    for number, line in enumerate(lines, start=1):
        if number in fenced or number in taken or not line.strip():
            previous = None
            continue
        markdown = MARKDOWN_HEADING.fullmatch(line)
        underline = SETEXT_UNDERLINE.fullmatch(line)
        if markdown:
            title = _heading_text(markdown[2] or "")
            found.append(Heading(cell_number, number, len(markdown[1]), title))
            previous = None
        elif underline and previous is not None:
            level = 1 if underline[1].startswith("=") else 2
            found.append(Heading(cell_number, previous, level, lines[previous - 1].strip()))
            if prose and prose[-1] == previous:  # lines come in order: it is the last
                prose.pop()
            previous = None
        else:
            plain = TAG.sub(" ", line).strip()
            words = WORDS.findall(NOT_PROSE.sub(" ", plain).lower())
            if not RULE.fullmatch(plain) and len(words) >= 2:
                prose.append(number)
            # `---` under a list item is a thematic break, not a heading's underline
            previous = None if LIST_ITEM.match(line) else number
    return Markdown(sorted(found, key=lambda heading: heading.line), prose)


def _fenced_lines(lines: list[str]) -> set[int]:
    """The 1-based numbers of fenced code lines, the fences included."""
    fenced: set[int] = set()
    opening: str | None = None  # the open fence's characters
    for number, line in enumerate(lines, start=1):
        fence = FENCE.match(line)
        if opening is None:
            if fence:
                opening = fence[1]
                fenced.add(number)
            continue
        fenced.add(number)
        closes = fence and fence[1][0] == opening[0] and len(fence[1]) >= len(opening)
        if closes and fence and not fence[2].strip():
            opening = None
    return fenced


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # plott -> plot; but sett (of "settings") stays, or "test set" would be the settings
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=1024)  # every heading is compared with every synonym's stems
def _stems(text: str) -> tuple[str, ...]:
    words = WORDS.findall(TAG.sub(" ", text).lower().replace("&", " and "))
    return tuple(_stem(word) for word in words)


def match_section(text: str, options: NotebookOptions) -> str | None:
    """The configured section a heading names, or None.

    Words are compared by stem ("Evaluating" matches "evaluation"). A longer synonym wins
    ("training data" over "training"); among equal ones the last match wins, as the head of
    a noun phrase ("Model Training" is training), unless the heading starts with an action
    followed by an article ("Train the model" is training).

    Args:
        text: The heading's text.
        options: ``[tool.ml-lint.notebooks]``, for the sections and their synonyms.

    Returns:
        The section's key, or None when no synonym matches.
    """
    words = _stems(text)
    best: tuple[int, int, str] | None = None
    for key in options.sections:
        for synonym in options.section_synonyms[key]:
            wanted = _stems(synonym)
            size = len(wanted)
            for position in range(len(words) - size + 1):
                if size and words[position : position + size] == wanted:
                    leading = position == 0 and words[size : size + 1] in (
                        (),
                        *[(a,) for a in ARTICLES],
                    )
                    score = (size, len(words) if leading else position, key)
                    best = score if best is None or score[:2] > best[:2] else best
    return best[2] if best else None


def _outline(options: NotebookOptions) -> str:
    names = [options.section_synonyms[key][0] for key in options.sections]
    optional = set(options.optional_sections)
    shown = [
        f"{name} (optional)" if key in optional else name
        for key, name in zip(options.sections, names, strict=True)
    ]
    return "expected outline: " + " > ".join(["Title and description", *shown])


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Flag a missing title, missing or misplaced sections, and misplaced code.

    Args:
        source: The notebook.
        config: The configuration, for ``[tool.ml-lint.notebooks]``.

    Yields:
        ML310-ML315 findings: title, outline, explanations, then code placement.
    """
    options = config.notebooks
    path = source.relpath
    cells = source.notebook["cells"]
    parsed = [
        read_markdown(number, notebook.source_text(cell))
        if cell.get("cell_type") == "markdown"
        else None
        for number, cell in enumerate(cells, start=1)
    ]
    front = _front_matter(cells[0]) if cells else None
    skip = 0 if front is None else 1
    title = _title(parsed, skip)
    if front is not None and (named := FRONT_MATTER_TITLE.search(front)):
        # The title is the front matter's: its description opens the next cell.
        title = Heading(2, 0, 1, named[1].strip())
    yield from _check_title(parsed, title, path, skip, options)
    sections, deeper = _sections(parsed, title, options)
    yield from _check_outline(sections, options, path, deeper)
    yield from _check_explained(sections, parsed, path)
    yield from _check_placement(source, sections, options, path)


def _title(parsed: list[Markdown | None], skip: int) -> Heading | None:
    """The notebook's title: the first H1 of its first cell after ``skip`` cells."""
    first = parsed[skip] if len(parsed) > skip else None
    return next((h for h in first.headings if h.level == 1), None) if first else None


# YAML front matter, as Quarto and R Markdown notebooks open with: a raw cell of `---` lines.
FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*\n)?---\s*", re.DOTALL)
FRONT_MATTER_TITLE = re.compile(r"^title[ \t]*:[ \t]*(\S.*)$", re.MULTILINE)


def _front_matter(cell: dict[str, object]) -> str | None:
    """The YAML of a raw cell that is front matter, else None."""
    if cell.get("cell_type") != "raw":
        return None
    match = FRONT_MATTER.fullmatch(notebook.source_text(cell))
    return None if match is None else match[1] or ""


def _sections(
    parsed: list[Markdown | None], title: Heading | None, options: NotebookOptions
) -> tuple[list[Section], list[Section]]:
    """Headings that name a configured section, at the level of the outermost such heading.

    Deeper headings are sub-sections: "### Save a model checkpoint" under "## Training"
    does not open the model section. They come second, for the messages.
    """
    named = [
        Section(key, heading)
        for markdown in parsed
        if markdown is not None
        for heading in markdown.headings
        if heading != title and (key := match_section(heading.text, options)) is not None
    ]
    level = min((section.heading.level for section in named), default=0)
    return (
        [section for section in named if section.heading.level == level],
        [section for section in named if section.heading.level > level],
    )


def _check_title(
    parsed: list[Markdown | None],
    title: Heading | None,
    path: str,
    skip: int,
    options: NotebookOptions,
) -> Iterator[Finding]:
    """The title cell, the first after ``skip`` (front matter), or the front matter's title."""
    first = parsed[skip] if len(parsed) > skip else None
    cell = skip + 1 if len(parsed) > skip else None
    after = " after the front matter" if skip else ""
    if title is None and first is None:
        message = f"start the notebook{after} with a markdown cell: a `# Title` and a description"
        yield finding(rules.TITLE, path, message, cell=cell)
    elif title is None:
        message = f"the first cell{after} has no `# Title` (an H1 heading)"
        message += ", and the front matter no `title:`" if skip else ""
        yield finding(rules.TITLE, path, message, cell=cell)
    elif not _explained(title, parsed) and not _introduced(title, parsed, options):
        message = "add a sentence under the title saying what the notebook does and why"
        yield finding(rules.TITLE, path, message, cell=cell or skip)


def _check_outline(
    sections: list[Section], options: NotebookOptions, path: str, deeper: list[Section]
) -> Iterator[Finding]:
    outline = _outline(options)
    seen = {section.key for section in sections}
    keys = [
        key for key in options.sections if key not in seen and key not in options.optional_sections
    ]
    missing = [options.section_synonyms[key] for key in keys]
    # Headings of the missing sections one level too deep: say why they do not count.
    demoted = [s for s in deeper if s.key in keys]
    why = ""
    if demoted and sections:
        top = sections[0].heading
        why = (
            f" (the heading in cell {demoted[0].heading.cell} is a sub-section: the level-"
            f"{top.level} heading in cell {top.cell} sets the sections' level; give every "
            "section heading one level)"
        )
    if len(missing) == 1:
        name, *others = missing[0]
        also = f" (also matched: {', '.join(others)})" if others else ""
        message = (
            f"missing section {name!r}: add a heading such as '## {name}'{also}{why}; {outline}"
        )
        yield finding(rules.SECTION_MISSING, path, message)
    elif missing:
        names = ", ".join(repr(synonyms[0]) for synonyms in missing)
        message = f"missing sections {names}: add a markdown heading for each{why}; {outline}"
        yield finding(rules.SECTION_MISSING, path, message)
    order = {key: index for index, key in enumerate(options.sections)}
    latest: Section | None = None
    reported: set[str] = set()
    for section in sections:
        if latest is not None and order[section.key] < order[latest.key]:
            if section.key not in reported:
                reported.add(section.key)
                name = options.section_synonyms[section.key][0]
                after = options.section_synonyms[latest.key][0]
                message = (
                    f"section {name!r} comes after {after!r} (cell {latest.heading.cell}); "
                    f"move it before; {outline}"
                )
                yield _at(rules.SECTION_ORDER, path, message, section.heading)
        elif latest is None or order[section.key] > order[latest.key]:
            latest = section


def _at(rule: Rule, path: str, message: str, heading: Heading) -> Finding:
    return finding(rule, path, message, heading.line, cell=heading.cell)


def _check_explained(
    sections: list[Section], parsed: list[Markdown | None], path: str
) -> Iterator[Finding]:
    for section in sections:
        heading = section.heading
        if not _explained(heading, parsed):
            message = (
                f"heading {heading.text.strip()!r} is not explained: below it, before its code, "
                "write in markdown what this section does and why (two words or more)"
            )
            yield _at(rules.SECTION_UNEXPLAINED, path, message, heading)


def _introduced(title: Heading, parsed: list[Markdown | None], options: NotebookOptions) -> bool:
    """Whether the title's next heading, before any code, is no section and has prose under it.

    A notebook may describe itself under "## Overview".
    """
    for index in range(title.cell - 1, len(parsed)):
        markdown = parsed[index]
        if markdown is None:
            return False
        start = title.line if index == title.cell - 1 else 0
        following = [h for h in markdown.headings if h.line > start]
        if following:
            heading = following[0]
            return match_section(heading.text, options) is None and _explained(heading, parsed)
    return False


def _explained(heading: Heading, parsed: list[Markdown | None]) -> bool:
    """Prose follows the heading before the next heading or code cell."""
    for index in range(heading.cell - 1, len(parsed)):
        markdown = parsed[index]
        if markdown is None:  # a code (or raw) cell ends the explanation
            return False
        start = heading.line if index == heading.cell - 1 else 0
        # Both lists are in line order: bisect, as a cell may hold thousands of headings.
        after = bisect.bisect_right(markdown.headings, start, key=lambda h: h.line)
        stop = markdown.headings[after].line if after < len(markdown.headings) else None
        first_prose = bisect.bisect_right(markdown.prose, start)
        if first_prose < len(markdown.prose) and (
            stop is None or markdown.prose[first_prose] < stop
        ):
            return True
        if stop is not None:  # the next heading came first
            return False
    return False


def _check_placement(
    source: SourceFile, sections: list[Section], options: NotebookOptions, path: str
) -> Iterator[Finding]:
    present = {section.key for section in sections}
    starts = sorted((s.heading.cell, s.key) for s in sections)
    for number, cell in source.code_cells:
        current = next((key for start, key in reversed(starts) if start < number), None)
        try:
            tree = cell.tree
        except SourceError:
            continue  # a cell that does not parse has no statements to place
        for node in _top_level(tree.body):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and "setup" in present:
                if current != "setup":
                    name = options.section_synonyms["setup"][0]
                    message = f"import outside the {name!r} section; move it there"
                    yield _node(rules.IMPORT_PLACEMENT, source, message, node, cell, number)
            elif _is_hyperparameter(node) and "config" in present and current != "config":
                name = options.section_synonyms["config"][0]
                message = f"hyperparameter constant outside the {name!r} section; move it there"
                yield _node(rules.HYPERPARAMETER_PLACEMENT, source, message, node, cell, number)


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, looking inside every block (if, for, try...) but functions."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        blocks = [getattr(node, name, []) for name in ("body", "orelse", "finalbody")]
        blocks += [handler.body for handler in getattr(node, "handlers", [])]
        blocks += [case.body for case in getattr(node, "cases", [])]
        for block in blocks:
            if isinstance(block, list):  # a lambda's or an expression's body is no block
                yield from _top_level(block)


def _is_hyperparameter(node: ast.stmt) -> bool:
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return False
    names: list[ast.expr] = []
    for target in targets:  # `LR, EPOCHS = 3e-4, 10` sets two
        names += target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
    if not all(isinstance(t, ast.Name) and CONSTANT.fullmatch(t.id) for t in names):
        return False
    return _is_literal(value)


def _is_literal(node: ast.expr, depth: int = 0) -> bool:
    """A literal, also a container of them or arithmetic on them (``2 ** 10``, ``-1e-4``)."""
    if depth > 50:  # no configuration value nests deeper
        return False
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp):
        return _is_literal(node.operand, depth + 1)
    if isinstance(node, ast.BinOp):
        return _is_literal(node.left, depth + 1) and _is_literal(node.right, depth + 1)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_literal(element, depth + 1) for element in node.elts)
    if isinstance(node, ast.Dict):
        parts = [*node.values, *(key for key in node.keys if key is not None)]
        return None not in node.keys and all(_is_literal(part, depth + 1) for part in parts)
    return False


def _node(
    rule: Rule, source: SourceFile, message: str, node: ast.stmt, view: SourceFile, cell: int
) -> Finding:
    column = view.column(node.lineno, node.col_offset)
    return source.cell_columns(
        finding(rule, source.relpath, message, node.lineno, column, cell=cell)
    )
