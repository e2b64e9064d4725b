"""Notebook structure: the guide's title, its sections in order, explained, and code placement."""

import ast
import re
from collections.abc import Iterator
from typing import NamedTuple

from ml_lint import notebook
from ml_lint.config import Config, NotebookOptions
from ml_lint.model import Finding, Rule, finding
from ml_lint.rules import notebooks as rules
from ml_lint.source import SourceError, SourceFile

MARKDOWN_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*")
HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE)
FENCE = re.compile(r" {0,3}(```|~~~)")
TAG = re.compile(r"<[^>]+>")
NUMBERING = re.compile(
    r"^(?:(?:step|part|section|chapter)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.):\-]?\s+"
)
CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*")
WORDS = re.compile(r"[a-z0-9]+")


class Heading(NamedTuple):
    """A markdown heading: where it is, its level and its text."""

    cell: int
    line: int
    level: int
    text: str


class Section(NamedTuple):
    """A heading that names one of the configured sections."""

    key: str
    heading: Heading


def headings(cell_number: int, source: str) -> tuple[list[Heading], list[int]]:
    """The headings of one markdown cell, and the lines (1-based) that are prose.

    Nothing inside fenced code counts.
    """
    found: list[Heading] = []
    prose: list[int] = []
    fenced = False
    for number, line in enumerate(source.split("\n"), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or not line.strip():
            continue
        markdown = MARKDOWN_HEADING.fullmatch(line)
        html = HTML_HEADING.search(line)
        if markdown:
            found.append(Heading(cell_number, number, len(markdown[1]), markdown[2]))
        elif html:
            found.append(Heading(cell_number, number, int(html[1]), TAG.sub("", html[2])))
        elif len(WORDS.findall(TAG.sub(" ", line).lower())) >= 2:
            prose.append(number)
    return found, prose


def _words(text: str) -> list[str]:
    text = TAG.sub(" ", text).lower().replace("&", " and ").strip(" *_`")
    text = NUMBERING.sub("", text)
    return WORDS.findall(text)


def match_section(text: str, options: NotebookOptions) -> str | None:
    """The configured section a heading names: the longest synonym found in it wins."""
    words = _words(text)
    best: tuple[int, str] | None = None
    for key, synonyms in options.section_synonyms.items():
        for synonym in synonyms:
            wanted = _words(synonym)
            size = len(wanted)
            hits = [i for i in range(len(words) - size + 1) if words[i : i + size] == wanted]
            if hits and (best is None or len(" ".join(wanted)) > best[0]):
                best = (len(" ".join(wanted)), key)
    return best[1] if best else None


def _outline(options: NotebookOptions) -> str:
    names = [options.section_synonyms[key][0] for key in options.sections]
    optional = set(options.optional_sections)
    shown = [
        f"{name} (optional)" if key in optional else name
        for key, name in zip(options.sections, names, strict=True)
    ]
    return "expected outline: " + " > ".join(["Title and description", *shown])


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Flag a missing title, missing or misplaced sections, and misplaced code."""
    nb = source.notebook
    options = config.notebooks
    path = source.relpath
    cells = nb["cells"]
    parsed = [
        headings(number, notebook.source_text(cell))
        if cell.get("cell_type") == "markdown"
        else None
        for number, cell in enumerate(cells, start=1)
    ]
    yield from _check_title(cells, parsed, path)
    title = _title(parsed)
    sections = [
        Section(key, heading)
        for result in parsed
        if result is not None
        for heading in result[0]
        if heading != title and (key := match_section(heading.text, options)) in options.sections
    ]
    yield from _check_outline(sections, options, path)
    yield from _check_explained(sections, cells, parsed, path)
    yield from _check_placement(nb, sections, options, path)


def _title(parsed: list[tuple[list[Heading], list[int]] | None]) -> Heading | None:
    """The notebook's title: the first cell's first H1, which names no section."""
    first = parsed[0] if parsed else None
    return next((h for h in first[0] if h.level == 1), None) if first else None


def _check_title(
    cells: list[dict[str, object]], parsed: list[tuple[list[Heading], list[int]] | None], path: str
) -> Iterator[Finding]:
    first = parsed[0] if parsed else None
    if first is None:
        message = "start the notebook with a markdown cell: a `# Title` and a description"
        yield finding(rules.TITLE, path, message, cell=1 if cells else None)
        return
    titles, prose = first
    if not any(heading.level == 1 for heading in titles):
        yield finding(rules.TITLE, path, "the first cell has no `# Title` (an H1 heading)", cell=1)
    elif not prose:
        message = "add a sentence under the title saying what the notebook does and why"
        yield finding(rules.TITLE, path, message, cell=1)


def _check_outline(
    sections: list[Section], options: NotebookOptions, path: str
) -> Iterator[Finding]:
    outline = _outline(options)
    seen = {section.key for section in sections}
    missing = [
        options.section_synonyms[key]
        for key in options.sections
        if key not in seen and key not in options.optional_sections
    ]
    if len(missing) == 1:
        name, *others = missing[0]
        also = f" (also matched: {', '.join(others)})" if others else ""
        message = f"missing section {name!r}: add a heading such as '## {name}'{also}; {outline}"
        yield finding(rules.SECTION_MISSING, path, message)
    elif missing:
        names = ", ".join(repr(synonyms[0]) for synonyms in missing)
        message = f"missing sections {names}: add a markdown heading for each; {outline}"
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
    sections: list[Section],
    cells: list[dict[str, object]],
    parsed: list[tuple[list[Heading], list[int]] | None],
    path: str,
) -> Iterator[Finding]:
    for section in sections:
        heading = section.heading
        if not _explained(heading, cells, parsed):
            message = (
                f"heading {heading.text.strip()!r} is not explained: write what this section "
                "does and why in markdown below it, before its code"
            )
            yield _at(rules.SECTION_UNEXPLAINED, path, message, heading)


def _explained(
    heading: Heading,
    cells: list[dict[str, object]],
    parsed: list[tuple[list[Heading], list[int]] | None],
) -> bool:
    """Prose follows the heading before the next heading or code cell."""
    for index in range(heading.cell - 1, len(cells)):
        result = parsed[index]
        if result is None:  # a code (or raw) cell ends the explanation
            return False
        titles, prose = result
        start = heading.line if index == heading.cell - 1 else 0
        stop = min((h.line for h in titles if h.line > start), default=None)
        if any(start < line and (stop is None or line < stop) for line in prose):
            return True
        if stop is not None:  # the next heading came first
            return False
    return False


def _check_placement(
    nb: notebook.Notebook, sections: list[Section], options: NotebookOptions, path: str
) -> Iterator[Finding]:
    present = {section.key for section in sections}
    starts = sorted((s.heading.cell, s.key) for s in sections)
    for number, source in notebook.code_cells(nb):
        current = next((key for cell, key in reversed(starts) if cell < number), None)
        view = SourceFile.from_text(path, source)
        try:
            tree = view.tree
        except SourceError:
            continue  # reported as a syntax error in the cell
        for node in _top_level(tree.body):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and "setup" in present:
                if current != "setup":
                    name = options.section_synonyms["setup"][0]
                    message = f"import outside the {name!r} section; move it there"
                    yield _node(rules.IMPORT_PLACEMENT, path, message, node, view, number)
            elif _is_hyperparameter(node) and "config" in present and current != "config":
                name = options.section_synonyms["config"][0]
                message = f"hyperparameter constant outside the {name!r} section; move it there"
                yield _node(rules.HYPERPARAMETER_PLACEMENT, path, message, node, view, number)


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, looking inside if/try/with blocks but not functions."""
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try, ast.With)):
            blocks = [node.body, getattr(node, "orelse", []), getattr(node, "finalbody", [])]
            blocks += [handler.body for handler in getattr(node, "handlers", [])]
            for block in blocks:
                yield from _top_level(block)


def _is_hyperparameter(node: ast.stmt) -> bool:
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return False
    if not all(isinstance(t, ast.Name) and CONSTANT.fullmatch(t.id) for t in targets):
        return False
    try:
        ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _node(
    rule: Rule, path: str, message: str, node: ast.stmt, view: SourceFile, cell: int
) -> Finding:
    column = view.column(node.lineno, node.col_offset)
    return finding(rule, path, message, node.lineno, column, cell=cell)
