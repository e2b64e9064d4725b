"""``check --fix`` for docstrings: Args entries, and Returns, Yields and Raises skeletons.

ML242's fix rewrites a NumPy-style docstring in Google style (``numpy_to_google`` does the
text), before the other style fixes, which read Google sections.

A fix edits the docstring literal as text, line by line: lines it does not move or add keep
their bytes, and generated lines follow the docstring's own indentation, the section's entry
indentation, its quotes and the file's line endings. What it writes holds a placeholder
(``PLACEHOLDER``, then what to describe) that ML215 reports until the author replaces it.

Only docstrings that can be edited as text are touched: one triple-quoted string (prefix
none, ``r`` or ``u``) on lines of its own, whose value is its text (no backslash escapes,
no implicit concatenation). A fix is kept only if checking the new docstring shows that it
repaired what it was asked to and flagged nothing new.
"""

from __future__ import annotations

import ast
import contextlib
import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from ml_lint import docstring
from ml_lint.checks import docstring_style as style
from ml_lint.checks import docstrings as checks
from ml_lint.checks import numpy_to_google
from ml_lint.config import Config
from ml_lint.model import Finding
from ml_lint.pylex import line_starts
from ml_lint.records import NamedTuple
from ml_lint.rules import docstrings as rules
from ml_lint.source import SourceFile

PLACEHOLDER = "TODO: describe"
RETURNS_TEXT = f"{PLACEHOLDER} the return value."
YIELDS_TEXT = f"{PLACEHOLDER} the yielded values."
RAISES_TEXT = f"{PLACEHOLDER} when."
DEFAULT_ENTRY_INDENT = "    "
ARGS_CODES = frozenset({rules.ARGS_MISSING.code, rules.ARGS_EXTRA.code, rules.ARGS_ORDER.code})
# Codes whose fix this module knows, in the order they are applied.
FIX_ORDER = (
    # Missing entries first: a renamed parameter's new entry keeps the Args section in its
    # place when the stale one goes.
    rules.ARGS_MISSING.code,
    rules.ARGS_EXTRA.code,
    rules.ARGS_ORDER.code,
    rules.RETURNS_MISSING.code,
    rules.YIELDS_MISSING.code,
    rules.RAISES_MISSING.code,
)
FIXES = frozenset(FIX_ORDER)
# A line, after the first, with a tab in its indentation.
TAB_INDENT = re.compile(r"\n[^\S\n\t]*\t")
# Style fixes (found at docstring lines), applied before the others, in this order.
STYLE_ORDER = (
    rules.NUMPY_STYLE.code,  # first: the other fixes read Google sections
    rules.SUMMARY_FIRST_LINE.code,
    rules.WHITESPACE.code,
    rules.SUMMARY_BLANK_LINE.code,
    rules.SUMMARY_PUNCTUATION.code,
    rules.SECTION_CASE.code,
    rules.SECTION_COLON.code,
    rules.SECTION_BLANK_AFTER.code,
    rules.SECTION_BLANK_BEFORE.code,
    rules.CLOSING_QUOTES.code,
    rules.ONE_LINE.code,
)
STYLE_FIXES = frozenset(STYLE_ORDER)
# The findings a NumPy-style docstring hid (ML242 stood for them): rewritten in Google style,
# it is read by the Args, Returns, Yields and Raises rules, which may find what is missing.
REVEALED_BY_GOOGLE_STYLE = frozenset(rule.code for rule in rules.RULES) - frozenset(
    rule.code for rule in rules.STYLE
)
# Where a new section goes: before the first section ranked after it, else after the last
# one ranked before it, else before the first section of any kind, else at the end.
RANK = {
    "Args": 0,
    "Keyword Args": 1,
    "Other Parameters": 1,
    "Returns": 2,
    "Yields": 3,
    "Raises": 4,
    "Examples": 5,
}
# Sections of `name: description` entries, whose indentation a new entry copies.
ENTRY_SECTIONS = frozenset(RANK) - {"Examples"} | {"Attributes"}
# A NumPy-style section title's underline: Google-style fixes would garble such a docstring.
UNDERLINE = re.compile(r"\n[ \t]*-{3,}[ \t]*(?=\n|$)")
LITERAL = re.compile(r"([rRuU]?)(\"\"\"|''')(.*)\2", re.DOTALL)
NEWLINE = re.compile(r"\r\n|\r|\n")

# A docstring line: its original text (None for a generated line) and its text with the
# docstring's indentation removed.
Line = tuple[str | None, str]


class Literal(NamedTuple):
    """A docstring literal that can be edited as text.

    Attributes:
        start: Character offset of the literal (its prefix) in the file's text.
        end: Character offset just past its closing quotes.
        prefix: ``r``, ``u`` or nothing, as written.
        quote: The triple quote it uses.
        lines: The lines between the quotes, without line endings.
        newline: The line ending to write.
        indent: The docstring's own indentation.
    """

    start: int
    end: int
    prefix: str
    quote: str
    lines: list[str]
    newline: str
    indent: str


def unfixable(source: SourceFile, node: checks.Function) -> str | None:
    """Why ``--fix`` cannot edit the docstring of ``node``, or None if it can.

    Reads only the docstring's own lines, so the check can afford it for every finding.

    Args:
        source: The file ``node`` is in.
        node: A function or method.

    Returns:
        The reason, worded to follow "--fix cannot edit this docstring: ", or None.
    """
    return _unfixable(source, node, numpy_ok=False)


def numpy_unfixable(
    source: SourceFile,
    node: style.Definition,
    limit: int | None = None,
    starts: list[int] | None = None,
) -> str | None:
    """Why ``--fix`` cannot rewrite the NumPy-style docstring of ``node`` in Google style.

    Args:
        source: The file ``node`` is in.
        node: The module, class or function whose docstring ML242 reports.
        limit: The line limit the rewrite must keep to; None to leave lengths aside.
        starts: ``line_starts`` of the file's text, if the caller has it.

    Returns:
        The reason, worded to follow "--fix cannot edit this docstring: ", or None.
    """
    reason = _unfixable(source, node, numpy_ok=True)
    if reason is not None:
        return reason
    starts = line_starts(source.text) if starts is None else starts
    literal = _literal(source, node, starts, numpy_ok=True)
    if literal is None:  # _unfixable would have said why
        return None
    doc = _Docstring(literal)
    try:
        _to_google(doc, limit)
    except numpy_to_google.Unsure as unsure:
        return str(unsure)
    around = _around(source.text, literal, starts)
    if limit is not None and _lengthens(source.text, literal, doc, around, limit):
        return f"rewritten, it would have a line longer than {limit} characters"
    return None


def _unfixable(source: SourceFile, node: style.Definition, numpy_ok: bool) -> str | None:
    constant = _docstring_constant(node)
    if constant is None or constant.end_lineno is None or constant.end_col_offset is None:
        return "it is not a plain string"
    lines = source.lines[constant.lineno - 1 : constant.end_lineno]
    start = source.column(constant.lineno, constant.col_offset) - 1
    end = source.column(constant.end_lineno, constant.end_col_offset) - 1
    if source.contains("\r"):  # the line ends as written, which the lines have lost
        starts = line_starts(source.text)
        first, last = starts[constant.lineno - 1], starts[constant.end_lineno - 1]
        segment = source.text[first + start : last + end]
    elif len(lines) == 1:
        segment = lines[0][start:end]
    else:
        segment = "\n".join([lines[0][start:], *lines[1:-1], lines[-1][:end]])
    return _reason(lines[0][:start], segment, str(constant.value), numpy_ok)


def _docstring_constant(node: style.Definition) -> ast.Constant | None:
    first = node.body[0] if node.body else None
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
        return None
    return first.value if isinstance(first.value.value, str) else None


def _reason(before: str, segment: str, value: str, numpy_ok: bool = False) -> str | None:
    """Why a literal (``segment``, after ``before`` on its line) cannot be edited as text.

    A NumPy-style docstring can be only when ``numpy_ok`` (by ML242's rewrite).
    """
    if before.strip():
        return "it does not start its own line"
    match = LITERAL.fullmatch(segment)
    if match is None:
        return "it is not triple-quoted"
    prefix, body = match[1], match[3]
    if "\r" in body:  # a literal's line ends, whatever they are, are "\n" in its value
        if len(set(NEWLINE.findall(body))) > 1:  # which one would new lines get?
            return "its lines end in mixed line endings"
        body = NEWLINE.sub("\n", body)
    if body != value:
        if "\\" in body and prefix.lower() != "r":
            return "it has backslash escapes"
        return "it is implicitly concatenated"
    if "\t" in before or ("\t" in value and TAB_INDENT.search(value)):
        return "it is indented with tabs"
    if "\f" in before:
        return "a form feed comes before it"
    if not numpy_ok and UNDERLINE.search(value):
        return "it is NumPy style (underlined section titles)"
    title = _title_over_unindented_entries(value)
    if title is not None:
        return f"its {title!r} entries are not indented under the title"
    return None


# Sections of `name: description` entries, whose entries must be indented under the title.
ENTRY_TITLES = frozenset(
    title for title, name in docstring.SECTIONS.items() if name in ENTRY_SECTIONS
)


def _title_over_unindented_entries(value: str) -> str | None:
    """An entry section's title (``Args:``) whose next line is an entry at its indentation.

    Google style reads such entries as text after an empty section: a fix would add entries
    for parameters documented below it, and a section between the title and that text.
    """
    if ":" not in value:
        return None
    lines = [line for line in docstring.cleandoc(value).split("\n") if line.strip()]
    for line, following in pairwise(lines):
        if line[:1] == " " or line.rstrip()[:-1].strip().lower() not in ENTRY_TITLES:
            continue
        if not line.rstrip().endswith(":") or following[:1] == " ":
            continue
        if docstring.parse(f"Args:\n    {following.strip()}").sections["Args"].entries:
            return line.strip()
    return None


def fix(source: SourceFile, config: Config, findings: list[Finding]) -> str | None:
    """The file's text with the docstrings ``findings`` flag repaired, or None.

    Only the flagged functions change, and in each only what its findings (already
    filtered by selection, per-file ignores and suppression comments) ask for.

    Args:
        source: The Python file.
        config: The configuration, for the line limit that fixed lines must keep to.
        findings: The file's findings; those in notebook cells are left alone.

    Returns:
        The new text, or None when no docstring changed or the result would not parse.
    """
    flagged: dict[tuple[int, int], set[str]] = {}
    lines: dict[int, set[str]] = {}  # style findings, by line
    for result in findings:
        if result.cell is None and result.code in FIXES:
            flagged.setdefault((result.line, result.column), set()).add(result.code)
        elif result.cell is None and result.code in STYLE_FIXES:
            lines.setdefault(result.line, set()).add(result.code)
    if not flagged and not lines:
        return None
    text = source.text
    starts = line_starts(text)
    edits: list[tuple[int, int, str]] = []
    scopes = {id(node): scope for node, scope in checks.functions(source.tree.body)}
    for node, kind in style.definitions(source.tree):
        codes: set[str] = set()
        scope = scopes.get(id(node))
        if scope is not None and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            codes |= flagged.get((node.lineno, source.column(node.lineno, node.col_offset)), set())
        constant = _docstring_constant(node)
        if lines and constant is not None:
            for number in range(constant.lineno, (constant.end_lineno or constant.lineno) + 1):
                codes |= lines.get(number, set())
        if codes:
            edit = _fix_definition(node, kind, scope, codes, source, starts, config)
            if edit is not None:
                edits.append(edit)
    if not edits:
        return None
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    try:  # every docstring was checked alone; never write a file that stopped parsing
        ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    bom = "\ufeff" if source.data.startswith(b"\xef\xbb\xbf") else ""  # text drops it
    return bom + text


def _literal(
    source: SourceFile, node: style.Definition, starts: list[int], numpy_ok: bool = False
) -> Literal | None:
    constant = _docstring_constant(node)
    if constant is None or constant.end_lineno is None or constant.end_col_offset is None:
        return None
    text = source.text
    line_start = starts[constant.lineno - 1]
    start = line_start + source.column(constant.lineno, constant.col_offset) - 1
    end = starts[constant.end_lineno - 1]
    end += source.column(constant.end_lineno, constant.end_col_offset) - 1
    segment = text[start:end]
    before = text[line_start:start]
    value = str(constant.value)
    if _reason(before, segment, value, numpy_ok) is not None:
        return None
    match = LITERAL.fullmatch(segment)
    assert match is not None
    endings = set(NEWLINE.findall(segment))  # one at most: see _reason
    following = NEWLINE.search(text, end) or NEWLINE.search(text)
    newline = endings.pop() if endings else following[0] if following else "\n"
    lines = NEWLINE.split(match[3])
    indents = [line[: len(line) - len(line.lstrip())] for line in lines[1:] if line.strip()]
    indent = _common_prefix(indents) if indents else before
    return Literal(start, end, match[1], match[2], lines, newline, indent)


def _common_prefix(strings: list[str]) -> str:
    shortest = min(strings, key=len)
    for index, char in enumerate(shortest):
        if any(other[index] != char for other in strings):
            return shortest[:index]
    return shortest


def _fix_definition(
    node: style.Definition,
    kind: str,
    scope: checks.Scope | None,
    codes: set[str],
    source: SourceFile,
    starts: list[int],
    config: Config,
) -> tuple[int, int, str] | None:
    """The edit that repairs ``codes`` in the docstring of ``node``, or None.

    ``scope`` is set for the functions whose contents ML203-ML214 check. All the codes are
    tried together; if the result does not check clean for them, they are tried one by
    one, each kept if it checks clean with those kept before, and those left out once more
    after the rest (an added Args section moves the closing quotes, which may make room for
    a summary's period), so that a second run finds nothing more to fix.
    """
    literal = _literal(source, node, starts, numpy_ok=rules.NUMPY_STYLE.code in codes)
    if literal is None:
        return None
    function = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
    # The contents (ML203-ML214) are checked for the functions ``check`` visits.
    content = function if scope is not None else None
    body = checks._body(content, source) if content is not None else None
    qualname = ""
    if content is not None and scope is not None:
        qualname = f"{scope.owner.name}.{content.name}" if scope.owner else content.name
    name = getattr(node, "name", "")
    before_line, after_line = _around(source.text, literal, starts)
    limit = config.style.max_line_length

    def check(doc: _Docstring | None) -> set[str]:
        """The codes found for the docstring as ``doc`` has it (None: as written)."""
        raw = (
            _source_of(literal, doc)
            if doc is not None
            else source.text[literal.start : literal.end]
        )
        if "\r" in raw:  # the checker reads lines as Python does, CRs included
            raw = NEWLINE.sub("\n", raw)
        value = _value_of_raw(raw)
        if value is None:
            return {"unparsable"}
        found = {
            issue.rule.code
            for issue in style.literal_issues(
                style.Literal(1, 1, raw, value, before_line),
                kind,
                name,
                style._is_overload(node),
            )
        }
        if content is not None and scope is not None:
            found |= _codes(content, value, source, scope, qualname)
        return found

    before = check(None)
    wanted = [code for code in (*STYLE_ORDER, *FIX_ORDER) if code in codes and code in before]

    def attempt(kept: list[str]) -> _Docstring | None:
        doc = _Docstring(literal)
        for code in kept:
            if code in STYLE_FIXES:
                _apply_style(code, doc, limit, len(before_line))
            elif content is not None and scope is not None and body is not None:
                _apply(code, doc, content, scope, body, limit)
        if NEWLINE.sub("\n", doc.render()) == "\n".join(literal.lines):
            return None
        if _lengthens(source.text, literal, doc, (before_line, after_line), limit):
            return None
        after = check(doc)
        revealed = REVEALED_BY_GOOGLE_STYLE if rules.NUMPY_STYLE.code in kept else frozenset()
        if after & set(kept) or not after - revealed <= before:
            return None
        return doc

    doc = attempt(wanted)
    if doc is None and len(wanted) > 1:
        kept: list[str] = []
        for code in [*wanted, *wanted]:
            if code in kept:
                continue
            trial = attempt([*kept, code])
            if trial is not None:
                kept.append(code)
                doc = trial
    if doc is None:
        return None
    return literal.start, literal.end, _source_of(literal, doc)


def _around(text: str, literal: Literal, starts: list[int]) -> tuple[str, str]:
    """The text before the literal on its first line, and after it on its last."""
    after = NEWLINE.search(text, literal.end)
    before_line = text[starts[source_line(starts, literal.start)] : literal.start]
    return before_line, text[literal.end : after.start() if after else len(text)]


def _lengthens(
    text: str, literal: Literal, doc: _Docstring, around: tuple[str, str], limit: int
) -> bool:
    """Whether writing ``doc`` would add a line past ``limit`` or lengthen one already past.

    With what precedes and follows the literal on its lines (`x = 1  # ...` after the
    closing quotes), each such line the fix writes must be matched by one as long that
    was there.
    """
    before_line, after_line = around
    written = text[literal.start : literal.end]
    old = _too_long(_lines_around(before_line, written, after_line), limit)
    new = _too_long(_lines_around(before_line, _source_of(literal, doc), after_line), limit)
    return len(new) > len(old) or any(n > o for n, o in zip(new, old, strict=False))


def _lines_around(before: str, literal_source: str, after: str) -> list[str]:
    """The lines a docstring literal's source spans, with the text around it on them."""
    return NEWLINE.split(before + literal_source + after)


def _too_long(lines: list[str], limit: int) -> list[int]:
    """The lengths of the lines longer than ``limit``, longest first."""
    return sorted((len(line) for line in lines if len(line) > limit), reverse=True)


def source_line(starts: list[int], offset: int) -> int:
    """The 0-based line of a character offset, given the offsets where lines start.

    Args:
        starts: The character offsets where lines start, ascending, the first 0.
        offset: A character offset in the text.

    Returns:
        The index in ``starts`` of the line holding ``offset``.
    """
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def _value_of_raw(raw: str) -> str | None:
    """The string a docstring literal means, or None if it is not one string.

    One string token: the syntax tree folds ``"a""b"`` into one constant, so a fix that
    ends a literal early (``""empty""`` before the closing quotes) shows only in tokens.
    """
    import io
    import tokenize

    try:
        tokens = tokenize.generate_tokens(io.StringIO(raw.lstrip()).readline)
        if sum(token.type == tokenize.STRING for token in tokens) != 1:
            return None
        tree = ast.parse(raw.lstrip())
    except (SyntaxError, tokenize.TokenError):
        return None
    statement = tree.body[0] if len(tree.body) == 1 else None
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        value = statement.value.value
        if isinstance(value, str):
            return NEWLINE.sub("\n", value)
    return None


def _source_of(literal: Literal, doc: _Docstring) -> str:
    return literal.prefix + literal.quote + doc.render() + literal.quote


def _value_of(literal: Literal, doc: _Docstring) -> str | None:
    """The string the new literal means, or None if it is not one string any more."""
    return _value_of_raw(_source_of(literal, doc))


def _codes(
    node: checks.Function, value: str, source: SourceFile, scope: checks.Scope, qualname: str
) -> set[str]:
    """The ML203-ML214 codes the check finds for ``node`` with docstring ``value``."""
    text = docstring.cleandoc(value)
    return {result.code for result in checks._check_contents(node, text, source, scope, qualname)}


def _apply(
    code: str,
    doc: _Docstring,
    node: checks.Function,
    scope: checks.Scope,
    body: checks.Body,
    limit: int,
) -> None:
    if code in ARGS_CODES:
        _fix_args(code, doc, node, scope, limit)
    elif code == rules.RETURNS_MISSING.code:
        if "Returns" not in doc.parse().sections:  # a title fixed before may have made it one
            doc.add_section("Returns", [RETURNS_TEXT])
    elif code == rules.YIELDS_MISSING.code:
        if "Yields" not in doc.parse().sections:
            doc.add_section("Yields", [YIELDS_TEXT])
    elif code == rules.RAISES_MISSING.code:
        documented = checks.named_exceptions(doc.parse().sections.get("Raises"))
        missing = sorted(body.raises - documented)
        doc.add_entries("Raises", [f"{name}: {RAISES_TEXT}" for name in missing])


def _apply_style(code: str, doc: _Docstring, limit: int, column: int) -> None:
    """Repair one style rule's findings (all of them) in the docstring's lines.

    A fix that would make a line longer than ``limit`` is not made; the literal starts at
    0-based ``column`` of its first line.
    """
    room = (limit, column)
    texts = [text for _, text in doc.lines]
    content = [index for index, text in enumerate(texts) if text.strip()]
    if not content:
        return
    summary = content[0]
    if code == rules.NUMPY_STYLE.code:
        with contextlib.suppress(numpy_to_google.Unsure):  # the finding says why
            _to_google(doc, limit)
    elif code == rules.SUMMARY_FIRST_LINE.code and summary > 0:
        text = texts[summary].strip()
        if _is_summary(text) and doc.fits(0, text, room):
            doc.lines[0 : summary + 1] = [(text, text)]
    elif code == rules.WHITESPACE.code:
        raw = doc.raw(0).lstrip(" ")
        doc.set_raw(0, raw.rstrip(" ") if len(doc.lines) == 1 else raw)
    elif code == rules.SUMMARY_BLANK_LINE.code:
        end = summary + 1
        while end < len(texts) and not texts[end].strip():
            end += 1
        if end - summary > 2 and end < len(texts):
            del doc.lines[summary + 2 : end]
    elif code == rules.SUMMARY_PUNCTUATION.code:
        one_line = summary + 1 == len(texts) or not texts[summary + 1].strip()
        raw = doc.raw(summary)
        stripped = raw.rstrip()
        fixed = stripped + "." + raw[len(stripped) :]
        punctuate = (
            one_line
            and style.PERIOD_AFTER.search(stripped)
            and _is_summary(stripped)
            and not style.SIGNATURE.match(stripped.strip())  # "relu(x) -> Tensor": Sphinx's
        )
        if punctuate and doc.fits(summary, fixed, room):
            doc.set_raw(summary, fixed)
    elif code == rules.CLOSING_QUOTES.code and doc.lines[-1][1].strip():
        doc.close_on_own_line()
    elif code == rules.ONE_LINE.code and len(content) == 1:
        text = texts[summary].strip()
        if not text.endswith(doc.literal.quote[0]) and _is_summary(text):
            one: list[Line] = [(text, text)]
            if doc.fits(0, text, room, one):
                doc.lines[:] = one
    else:
        _apply_section_style(code, doc)


def _to_google(doc: _Docstring, limit: int | None) -> None:
    """ML242: rewrite a NumPy-style docstring in Google style, within ``limit`` if given.

    The lines before the first section keep their bytes.

    Raises:
        numpy_to_google.Unsure: The rewrite is unsure of the docstring, which is unchanged.
    """
    # A raw docstring often holds markup (LaTeX, regexes) that the rewrite would move blind.
    if doc.literal.prefix.lower() == "r":
        raise numpy_to_google.Unsure("it is a raw string")
    texts = [text for _, text in doc.lines]
    width = None if limit is None else limit - len(doc.indent)
    new = numpy_to_google.to_google(texts, width)
    kept = 0
    while kept < min(len(texts), len(new)) and texts[kept] == new[kept]:
        kept += 1
    doc.lines[kept:] = [(None, text) for text in new[kept:]]


def _is_summary(text: str) -> bool:
    """Whether a docstring's first text line reads as a summary, fit to join the quotes.

    A docstring without one starts with a section title (``Args:``, ``Example``), an entry
    (``x (int):``), a reST field (``:param x:``) or an example: moving that up would make it
    the summary.
    """
    if text.endswith(":") or text.startswith((":", ">>>", "..")):
        return False
    if not any(char.isalnum() for char in text):  # a reST heading's over- or underline
        return False
    return text.rstrip(":").strip().lower() not in style.LOWER_SECTIONS


def _apply_section_style(code: str, doc: _Docstring) -> None:
    """ML236-ML239 for every section title they flag, from the last one up.

    A "title" that is an example's expected output is left as doctest must see it.
    """
    lines = list(doc.written())
    output = _doctest_output(lines)
    for section in reversed(style.find_sections(lines, "")):
        at = section.number
        if at in output:
            continue
        raw = doc.raw(at)
        if code == rules.SECTION_CASE.code:
            title = section.name.title()
            if section.name not in style.SECTIONS and title in style.SECTIONS:
                doc.set_raw(at, raw.replace(section.name, title, 1))
        elif code == rules.SECTION_COLON.code:
            if not raw.strip().lstrip(section.name):
                doc.set_raw(at, raw.rstrip() + ":")
        elif code == rules.SECTION_BLANK_BEFORE.code:
            if section.previous.strip():
                doc.lines.insert(at, (None, ""))
        elif code == rules.SECTION_BLANK_AFTER.code:
            blanks = 0
            while blanks < len(section.following) and not section.following[blanks].strip():
                blanks += 1
            rest = section.following[blanks:]
            # Content not indented under the title is no section's to Sphinx's napoleon: the
            # blank line keeps `.. code-block::` below `Example:` a directive.
            indented = bool(rest) and style.indentation(rest[0]) > style.indentation(section.line)
            if blanks and indented and set(rest[0].strip()) != {"-"}:
                del doc.lines[at + 1 : at + 1 + blanks]


def _doctest_output(lines: list[str]) -> set[int]:
    """The indices of the lines that are an example's expected output.

    Output follows a ``>>>`` or ``...`` line, up to a blank line or the next prompt.
    """
    output: set[int] = set()
    in_example = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith((">>>", "...")):
            in_example = True
        elif not stripped:
            in_example = False
        elif in_example:
            output.add(index)
    return output


class _Block(NamedTuple):
    """An Args entry with its continuation lines, and the blank lines that follow it."""

    name: str
    lines: list[Line]
    gap: list[Line]


def _fix_args(
    code: str, doc: _Docstring, node: checks.Function, scope: checks.Scope, limit: int
) -> None:
    """Add missing entries, remove extra ones or restore the signature's order.

    An added entry names its parameter's type where the line still fits within ``limit``.
    """
    parameters = checks._parameters(node, scope)
    position = {arg.arg: index for index, arg in enumerate(parameters)}
    parsed = doc.parse()
    section = parsed.sections.get("Args")
    if code == rules.ARGS_MISSING.code:
        keyword = parsed.sections.get("Keyword Args") or parsed.sections.get("Other Parameters")
        sections = [s for s in (section, keyword) if s is not None]
        documented = {entry.name.lstrip("*") for s in sections for entry in s.entries}
        # A line that lacks only its colon documents the name already: adding an entry would
        # write it twice. The author adds the colon (the finding says so).
        documented |= {name.lstrip("*") for s in sections for name in s.colonless}
        missing = [a for a in parameters if a.arg not in documented and not a.arg.startswith("_")]
        room = limit - len(doc.indent) - len(doc.entry_indent(section))
        if section is None:
            if checks.misspelled_args(parsed) is None:  # else the author fixes the title
                doc.add_section("Args", [_entry_text(arg, node, room) for arg in missing])
            return
    split = doc.blocks(section) if section is not None else None
    if section is None:
        return
    if split is None:  # entries that cannot move (prose between them): add at the end
        if code == rules.ARGS_MISSING.code:
            doc.add_entries("Args", [_entry_text(arg, node, room) for arg in missing])
        return
    first, blocks = split
    if code == rules.ARGS_EXTRA.code:
        if node.args.kwarg is not None:  # documented keys it forwards are not extra
            return
        # A list item is kept: ML204 never reports one (it may list a value, not a parameter).
        blocks = [
            block
            for block in blocks
            if block.name in position or docstring.is_list_item(block.lines[0][1].lstrip())
        ]
    elif code == rules.ARGS_ORDER.code:
        slots = [index for index, block in enumerate(blocks) if block.name in position]
        ordered = sorted((blocks[i] for i in slots), key=lambda block: position[block.name])
        for slot, block in zip(slots, ordered, strict=True):
            blocks[slot] = block
    else:
        indent = doc.entry_indent(section)
        for arg in missing:
            new = _Block(arg.arg, [(None, indent + _entry_text(arg, node, room))], [])
            blocks.insert(_insert_at(blocks, arg.arg, position), new)
    doc.replace_blocks(section, first, blocks)


def _insert_at(blocks: list[_Block], name: str, position: dict[str, int]) -> int:
    """After the last entry of an earlier parameter, else before the first parameter's."""
    earlier = [i for i, b in enumerate(blocks) if position.get(b.name, -1) in range(position[name])]
    if earlier:
        return earlier[-1] + 1
    return next((i for i, block in enumerate(blocks) if block.name in position), 0)


def _entry_text(arg: ast.arg, node: checks.Function, room: int) -> str:
    """An Args entry, ``name (type):`` and a placeholder, with ``*args``/``**kwargs`` starred.

    The type is left out when the entry would be longer than ``room`` characters with it.
    """
    stars = "*" if arg is node.args.vararg else "**" if arg is node.args.kwarg else ""
    name = stars + arg.arg
    placeholder = f"{PLACEHOLDER} {name}."
    kind = _type_text(arg.annotation)
    if kind is not None and len(f"{name} ({kind}): {placeholder}") <= room:
        text = f"{name} ({kind}): {placeholder}"
        entry = docstring.parse(f"Args:\n    {text}").sections["Args"].entries
        if entry and entry[0].name == name and entry[0].type == kind:
            return text
    return f"{name}: {placeholder}"


def _type_text(annotation: ast.expr | None) -> str | None:
    if annotation is None:
        return None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        kind = annotation.value.strip()
    else:
        kind = ast.unparse(annotation)
    unsafe = "\n" in kind or "\\" in kind or '"""' in kind or "'''" in kind
    if unsafe or not kind or not checks._same_type(kind, annotation):
        return None
    return kind


class _Docstring:
    """A docstring's lines being edited; line 0 is the text after the opening quotes."""

    def __init__(self, literal: Literal) -> None:
        self.literal = literal
        self.indent = literal.indent
        self.lines: list[Line] = [(literal.lines[0], literal.lines[0].lstrip())]
        for raw in literal.lines[1:]:
            text = raw[len(self.indent) :] if raw.strip() else ""
            self.lines.append((raw, text))

    def raw(self, index: int) -> str:
        """Line ``index`` as it will be written."""
        raw, text = self.lines[index]
        if raw is not None:
            return raw
        return self.indent + text if text and index else text

    def fits(
        self, index: int, raw: str, room: tuple[int, int], lines: list[Line] | None = None
    ) -> bool:
        """Whether line ``index`` written as ``raw`` stays within the line limit.

        ``room`` is the limit and the column where the literal starts.
        """
        lines = self.lines if lines is None else lines
        limit, column = room
        width = len(raw)
        if index == len(lines) - 1:
            width += len(self.literal.quote)
        if index == 0:
            width += column + len(self.literal.prefix) + len(self.literal.quote)
        return width <= limit

    def set_raw(self, index: int, raw: str) -> None:
        """Replace line ``index`` with ``raw``, written as it is."""
        text = raw[len(self.indent) :] if index and raw.strip() else raw.lstrip()
        self.lines[index] = (raw, text)

    def written(self) -> Iterator[str]:
        """The lines as they will be written, but for the closing quotes' indentation."""
        for raw, text in self.lines:
            yield raw if raw is not None else self.indent + text if text else ""

    def close_on_own_line(self) -> None:
        """Move the closing quotes to a line of their own, and the space before them away.

        A line that would then end in a backslash keeps its space: the backslash would join
        the next line to it.
        """
        raw, text = self.lines[-1]
        if not text.rstrip().endswith("\\"):
            self.lines[-1] = (None if raw is None else raw.rstrip(" \t"), text.rstrip(" \t"))
        self.lines.append((None, ""))

    def render(self) -> str:
        """The text between the quotes."""
        rendered = list(self.written())
        if len(rendered) > 1 and self.lines[-1][0] is None and not self.lines[-1][1]:
            rendered[-1] = self.indent  # the closing quotes line up with the text
        return self.literal.newline.join(rendered)

    def parse(self) -> docstring.Docstring:
        """The sections, with line numbers that index ``self.lines``."""
        return docstring.parse("\n".join(text for _, text in self.lines))

    def _end(self, section: docstring.Section) -> int:
        return max((number for number, _ in section.body), default=section.line)

    def entry_indent(self, section: docstring.Section | None = None) -> str:
        """The indentation of a section's entries, or of another such section's, or four spaces.

        Free text (an Example's code, a Note) is no model: it may be indented any way.
        """
        parsed = self.parse()
        candidates = [section] if section is not None and section.body else []
        candidates += [s for s in parsed.sections.values() if s.body and s.name in ENTRY_SECTIONS]
        for each in candidates:
            texts = [text for _, text in each.body]
            width = min(len(text) - len(text.lstrip()) for text in texts)
            return next(t[:width] for t in texts if len(t) - len(t.lstrip()) == width)
        return DEFAULT_ENTRY_INDENT

    def add_section(self, name: str, entries: list[str]) -> None:
        """Insert ``name:`` and its ``entries`` where Google style puts that section."""
        indent = self.entry_indent()
        new: list[Line] = [(None, f"{name}:"), *[(None, indent + entry) for entry in entries]]
        self._insert(self._section_at(name), new, padded=True)

    def _section_at(self, name: str) -> int:
        sections = list(self.parse().sections.values())
        rank = RANK[name]
        # After the sections it follows in Google's order, wherever they are: before Example
        # when Example comes first would put Returns ahead of Args.
        before = [self._end(s) for s in sections if -1 < RANK.get(s.name, -1) < rank]
        if before:
            return max(before) + 1
        after = [s.line for s in sections if RANK.get(s.name, -1) > rank]
        if after:
            return min(after)
        if sections:
            return min(s.line for s in sections)
        content = [number for number, (_, text) in enumerate(self.lines) if text.strip()]
        return (content[-1] if content else 0) + 1

    def add_entries(self, name: str, entries: list[str]) -> None:
        """Append ``entries`` to section ``name``, or add the section with them."""
        section = self.parse().sections.get(name)
        if section is None:
            self.add_section(name, entries)
            return
        indent = self.entry_indent(section)
        self._insert(self._end(section) + 1, [(None, indent + e) for e in entries], padded=False)

    def _insert(self, index: int, new: list[Line], padded: bool) -> None:
        if index >= len(self.lines) and self.lines[-1][1].strip():
            self.close_on_own_line()
        if padded and index > 0 and self.lines[index - 1][1].strip():
            new = [(None, ""), *new]
        if padded and index < len(self.lines) and self.lines[index][1].strip():
            new = [*new, (None, "")]
        self.lines[index:index] = new

    def blocks(self, section: docstring.Section) -> tuple[int, list[_Block]] | None:
        """Where a section's entries start, and the entries.

        None unless every line at the entries' indentation is an entry, so entries can move
        without their text.
        """
        if not section.body:
            return section.line + 1, []
        texts = [text for _, text in section.body]
        width = min(len(text) - len(text.lstrip()) for text in texts)
        at_width = [
            number for number, text in section.body if len(text) - len(text.lstrip()) == width
        ]
        if [entry.line for entry in section.entries] != at_width:
            return None
        end = self._end(section)
        starts = [entry.line for entry in section.entries]
        blocks = []
        for entry, start, stop in zip(section.entries, starts, [*starts[1:], end + 1], strict=True):
            lines = self.lines[start:stop]
            content = len(lines)
            while content and not lines[content - 1][1].strip():
                content -= 1
            blocks.append(_Block(entry.name.lstrip("*"), lines[:content], lines[content:]))
        return starts[0], blocks

    def replace_blocks(self, section: docstring.Section, first: int, blocks: list[_Block]) -> None:
        """Write ``blocks`` over the section's entries from line ``first``."""
        end = self._end(section)
        old = self.blocks(section)
        gaps = [block.gap for block in old[1]] if old else []
        separators = {tuple(gap) for gap in gaps[:-1]}
        uniform = list(separators.pop()) if len(separators) == 1 else None
        lines: list[Line] = []
        for index, block in enumerate(blocks):
            lines += block.lines
            if index < len(blocks) - 1:
                if uniform is not None:
                    lines += uniform
                elif index < len(gaps) - 1:
                    lines += gaps[index]
        if lines or first > section.line + 1:
            self._splice(first, end + 1, lines)
            return
        # No entry left: the whole section goes, with the blank line before it.
        start = (
            section.line - 1
            if section.line > 0 and not self.lines[section.line - 1][1]
            else section.line
        )
        self._splice(start, end + 1, [])
        if self.lines[0][1] and not any(text for _, text in self.lines[1:]):
            del self.lines[1:]  # only the summary is left: a one-line docstring again

    def _splice(self, start: int, stop: int, lines: Iterable[Line]) -> None:
        self.lines[start:stop] = list(lines)
