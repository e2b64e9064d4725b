"""Docstring style (ML220-ML242): pydocstyle's google convention on the shared syntax tree.

ML242, which pydocstyle does not have, reports a NumPy-style docstring once; the section
rules skip such a docstring, whose underlined titles they would misread.

Every docstring is checked, private and nested definitions' included: the rules are about
how a docstring is written, not whether one is required. Each check reads the docstring's
literal as written (its first string token, as pydocstyle does), the text before it on its
line (its indentation) and, for the blank-line rules, the lines around it.

The semantics follow pydocstyle 6.3 ``--convention=google`` code by code, with a few
deliberate differences, each documented in the README and asserted by the oracle test:
sections are always read as Google sections (pydocstyle switches to its NumPy checks,
and skips the Google ones, as soon as a docstring has a line such as ``Returns`` or
``Examples``), the last section's content may share a line with the closing quotes, an
``R`` prefix is raw, ``@typing.overload`` is an overload, and a first word capitalized
inside (``PyTorch``) is capitalized.
"""

from __future__ import annotations

import ast
import io
import itertools
import re
import tokenize
from collections.abc import Iterator

from ml_lint.docstring import numpy_titles
from ml_lint.model import Finding, Rule, finding
from ml_lint.pylex import line_starts
from ml_lint.records import NamedTuple
from ml_lint.rules import docstrings as rules
from ml_lint.source import SourceFile

CODES = frozenset(rule.code for rule in rules.STYLE)
Definition = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
BLOCKS = ("body", "orelse", "finalbody")
# What ``definitions`` does with a statement: a definition's kind, or ``block`` for the
# compound statements whose blocks may hold definitions.
KINDS: dict[type, str] = {
    ast.ClassDef: "class",
    ast.FunctionDef: "function",
    ast.AsyncFunctionDef: "function",
    **dict.fromkeys(
        [ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try], "block"
    ),
    **{getattr(ast, name): "block" for name in ("TryStar", "Match") if hasattr(ast, name)},
}

# The section titles pydocstyle's google convention knows.
SECTIONS = (
    "Args",
    "Arguments",
    "Attention",
    "Attributes",
    "Caution",
    "Danger",
    "Error",
    "Example",
    "Examples",
    "Hint",
    "Important",
    "Keyword Args",
    "Keyword Arguments",
    "Methods",
    "Note",
    "Notes",
    "Return",
    "Returns",
    "Raises",
    "References",
    "See Also",
    "Tip",
    "Todo",
    "Warning",
    "Warnings",
    "Warns",
    "Yield",
    "Yields",
)
LOWER_SECTIONS = frozenset(name.lower() for name in SECTIONS)
LONGEST_TITLE = max(len(name) for name in SECTIONS) + 1  # and a colon
LEADING_WORDS = re.compile(r"[\w ]+")
PLAIN_WORD = re.compile(r"[A-Za-z']+")
# A line that ends one of these may be followed by a section title without a blank line
# between them (the title is still a title; ML238 reports the missing blank line).
END_OF_PARAGRAPH = (",", ";", ".", "-", "\\", "/", "]", "}", ")")
OPENING = frozenset({'"""', "'''", 'u"""', "u'''", 'r"""', "r'''", 'ur"""', "ur'''"})
CLOSING = ('"""', "'''")
INNER_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
BACKSLASH = re.compile(r"\\[^\nuN]")
# click's markers, a line of `\b` (keep the next paragraph's lines) or `\f` (end the help
# text): the escape is the point, and a raw string would turn them into plain text.
CLICK_MARKER = re.compile(r"^[ \t]*\\[bf][ \t]*$", re.MULTILINE)
DOUBLE_QUOTED = re.compile(r'[uU]?[rR]?"""[^"]')
SINGLE_QUOTED = re.compile(r"[uU]?[rR]?'''[^']")
QUOTES_FOUND = re.compile(r"""[uU]?[rR]?("+|'+)""")
SUMMARY_END = (".", "!", "?")
# The whitespace-only lines at the start of a text, each with its line break.
BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")
# The indentation of each line after the first that has text and does not continue a line
# that ends in a backslash (one that is not itself escaped, as `\\` is). ``\s`` is what
# ``str.strip`` removes.
LINE_INDENT = re.compile(
    r"\n(?:(?<!\\\n)|(?<=(?<!\\)\\\\\n))([^\S\n]*)\S"  # "\n" first: found by a fast scan
)
# In a raw string a backslash continues nothing: every line counts.
RAW_LINE_INDENT = re.compile(r"\n([^\S\n]*)\S")
# A first line that is a signature, as Sphinx's autodoc reads one: "relu(x) -> Tensor". It
# takes no period.
SIGNATURE = re.compile(r"[\w.]+\(.*\)(?:\s*->\s*\S.*)?$")
# What a summary may end with for --fix to add the period after it.
PERIOD_AFTER = re.compile(r"[\w)\]}'\"`]\Z")


class Literal(NamedTuple):
    """A docstring as written: its first string token, where it is, and its value.

    Attributes:
        line: 1-based line of the opening quotes.
        column: 1-based column of the literal (its prefix).
        raw: The token's text, prefix and quotes included.
        value: The string it means.
        indent: The text before it on its line.
    """

    line: int
    column: int
    raw: str
    value: str
    indent: str


class Issue(NamedTuple):
    """A finding inside a literal: its rule, 0-based line in the literal, and message.

    Attributes:
        rule: The rule broken.
        offset: The 0-based line in the literal that the finding points at.
        message: What is wrong and how to repair it.
    """

    rule: Rule
    offset: int
    message: str


class Section(NamedTuple):
    """A section title as pydocstyle finds it, with the lines up to the next title.

    Attributes:
        number: 0-based line of the title in the literal.
        name: The title as written, without the colon.
        previous: The line before the title.
        line: The title's line.
        following: The lines after the title, up to the next title.
    """

    number: int
    name: str
    previous: str
    line: str
    following: list[str]


def check(
    source: SourceFile, module: bool = True, line_limit: int | None = None
) -> Iterator[Finding]:
    """Every style finding for every docstring of the file.

    Args:
        source: The Python file or notebook code cell.
        module: False for a notebook's code cell, where a string the cell starts with is
            not a docstring.
        line_limit: The line limit, for ML242 to say when its fix would pass it.

    Yields:
        The ML220-ML242 findings, docstring by docstring.
    """
    starts: list[int] = []  # the file's line starts, for ML242's note: read once, if needed
    for node, kind in definitions(source.tree):
        if kind == "module" and not module:
            continue
        literal = docstring_literal(source, node)
        if literal is None:
            continue
        name = getattr(node, "name", "")
        for issue in literal_issues(literal, kind, name, _is_overload(node)):
            line = literal.line + issue.offset
            column = _column(source, literal, issue.offset)
            message = issue.message
            if issue.rule is rules.NUMPY_STYLE:
                starts = starts or line_starts(source.text)
                message += _numpy_fix_note(source, node, line_limit, starts)
            yield finding(issue.rule, source.relpath, message, line, column)
        if kind != "module" and literal.value.strip():
            yield from _context(source, node, kind, literal)


def definitions(tree: ast.Module) -> list[tuple[Definition, str]]:
    """The module and every class and function in it, nested ones included.

    Args:
        tree: The module's syntax tree.

    Returns:
        Each definition with its kind: ``module``, ``class`` or ``function``.
    """
    found: list[tuple[Definition, str]] = [(tree, "module")]
    stack: list[list[ast.stmt]] = [tree.body]
    while stack:
        for statement in stack.pop():
            kind = KINDS.get(type(statement))
            if kind is None:  # most statements hold no other statement
                continue
            if kind != "block":
                found.append((statement, kind))  # type: ignore[arg-type]
                stack.append(statement.body)  # type: ignore[attr-defined]
                continue
            for field in BLOCKS:
                inner = getattr(statement, field, None)
                if inner:
                    stack.append(inner)
            for handler in getattr(statement, "handlers", ()):
                stack.append(handler.body)
            for case in getattr(statement, "cases", ()):
                stack.append(case.body)
    return found


def docstring_literal(source: SourceFile, node: Definition) -> Literal | None:
    """The docstring of ``node`` as written, or None if it has none.

    Args:
        source: The file ``node`` is in.
        node: The module, class or function.

    Returns:
        The literal (its first string token if implicitly concatenated), or None.
    """
    first = node.body[0] if node.body else None
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
        return None
    constant = first.value
    if not isinstance(constant.value, str) or constant.end_lineno is None:
        return None
    lines = source.lines
    first_line = lines[constant.lineno - 1]
    last_line = lines[constant.end_lineno - 1]
    start = _character(source, first_line, constant.lineno, constant.col_offset)
    end = _character(source, last_line, constant.end_lineno, constant.end_col_offset or 0)
    if constant.lineno == constant.end_lineno:
        raw = first_line[start:end]
    else:
        middle = lines[constant.lineno : constant.end_lineno - 1]
        raw = "\n".join([first_line[start:], *middle, last_line[:end]])
    value = constant.value
    prefix = len(raw) - len(raw.lstrip("rRuUbBfF"))
    quote = raw[prefix : prefix + 3] if raw[prefix : prefix + 3] in CLOSING else raw[prefix]
    if raw.find(quote, prefix + len(quote), len(raw) - len(quote)) != -1:  # maybe concatenated
        raw, value = _first_token(raw, value)
    return Literal(constant.lineno, start + 1, raw, value, first_line[:start])


def _character(source: SourceFile, line: str, number: int, offset: int) -> int:
    """The 0-based character offset of an ast (byte) offset on a line."""
    return offset if line.isascii() else source.column(number, offset) - 1


def _first_token(raw: str, value: str) -> tuple[str, str]:
    """The first string token of ``raw`` and its value (pydocstyle reads only that one)."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(f"({raw})").readline)
        strings = [token.string for token in tokens if token.type == tokenize.STRING]
    except (tokenize.TokenError, SyntaxError):
        return raw, value
    if len(strings) < 2:
        return raw, value
    try:
        first = ast.literal_eval(strings[0])
    except (ValueError, SyntaxError):
        return raw, value
    return strings[0], str(first)


def _is_overload(node: Definition) -> bool:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name == "overload":
            return True
    return False


def _column(source: SourceFile, literal: Literal, offset: int) -> int:
    if offset == 0:
        return literal.column
    text = source.lines[literal.line + offset - 1]
    return len(text) - len(text.lstrip()) + 1


def literal_issues(literal: Literal, kind: str, name: str, overload: bool) -> list[Issue]:
    """The findings that the literal alone decides: all but the blank lines around it.

    ``kind`` is ``module``, ``class`` or ``function``; the summary rules ML230 and ML231
    and ML241 apply to functions only, as in pydocstyle.

    Args:
        literal: The docstring as written.
        kind: What the docstring documents.
        name: The function's or class's name (for ML231); ``""`` for a module.
        overload: Whether the function is an ``@overload`` stub (for ML241).

    Returns:
        The issues, each at its line in the literal.
    """
    value, raw = literal.value, literal.raw
    text = value.strip()
    if not text:
        return [Issue(rules.EMPTY, 0, "the docstring is empty; write a summary line or remove it")]
    issues: list[Issue] = []
    first = value.split("\n", 1)[0]
    several = first != value  # the docstring spans more than one line
    # The text is stripped: with a line break in it, it has two lines with text or more.
    paragraphs = "\n" in text
    raw_lines = raw.split("\n")
    last = len(raw_lines) - 1
    if several and not paragraphs:
        message = (
            f"the docstring's one line of text spreads over {value.count(chr(10)) + 1} lines; "
            'put it on one line with its quotes: """Summary."""'
        )
        issues.append(Issue(rules.ONE_LINE, 0, message))
    if kind == "function" and overload:
        message = "an @overload stub needs no docstring; document the implementation instead"
        issues.append(Issue(rules.OVERLOAD, 0, message))
    issues += _summary(value, text, kind, name)
    if last:
        issues += _indentation(raw, literal.indent)
    if paragraphs and raw_lines[-1].strip() not in CLOSING:
        message = "put the closing quotes of a multi-line docstring on a line of their own"
        issues.append(Issue(rules.CLOSING_QUOTES, last, message))
    if first.startswith(" ") or (not several and first.endswith(" ")):
        message = "remove the spaces between the quotes and the docstring's text"
        issues.append(Issue(rules.WHITESPACE, 0, message))
    if several and raw_lines[0].strip().lower() in OPENING:
        message = 'start the summary right after the opening quotes: """Summary.'
        issues.append(Issue(rules.SUMMARY_FIRST_LINE, 0, message))
    issues += _quotes(raw, value)
    numpy = numpy_titles(raw)
    if numpy:  # one finding; the Google section rules would misread every title
        issues.append(Issue(rules.NUMPY_STYLE, numpy[0][0], _numpy_message(numpy)))
    elif last:
        closing = raw[-3:] if raw.endswith(CLOSING) else raw[-1:]
        issues += _sections(raw_lines, literal.indent, closing)
    return issues


def _numpy_fix_note(
    source: SourceFile, node: Definition, limit: int | None, starts: list[int]
) -> str:
    """Why ``--fix`` cannot rewrite a NumPy-style docstring, as a note; empty if it can."""
    from ml_lint.checks import docstring_fixes  # which imports this module

    reason = docstring_fixes.numpy_unfixable(source, node, limit, starts)
    return "" if reason is None else f" (--fix cannot edit this docstring: {reason})"


def _numpy_message(titles: list[tuple[int, str]]) -> str:
    names = ", ".join(repr(title) for _, title in titles)
    parameters = any(title.lower() == "parameters" for _, title in titles)
    example = "'Args:' for 'Parameters', " if parameters else ""
    return (
        f"the docstring is NumPy style ({names} underlined); write Google-style sections: "
        f"titles that end with a colon ({example}no underline) and entries indented under "
        "them as `name (type): description`"
    )


def _summary(value: str, text: str, kind: str, name: str) -> Iterator[Issue]:
    """ML228-ML231 for the docstring ``value``; ``text`` is ``value`` stripped."""
    summary, newline, rest = text.partition("\n")
    # A docstring that opens with a section ("Args:") has no summary to fix: it needs one.
    title = summary[:-1] if summary.endswith(":") else None
    no_summary = title is not None and title.strip().lower() in LOWER_SECTIONS
    if newline:
        blanks = BLANK_LINES.match(rest)[0].count("\n")  # type: ignore[index]
        if blanks == 0 and no_summary:
            message = (
                f"the docstring has no summary: it starts with {summary!r}; put a one-line "
                "summary and a blank line before that section"
            )
            yield Issue(rules.SUMMARY_BLANK_LINE, 0, message)
        elif blanks == 0:
            message = (
                "the summary continues on the next line; make it one line and put a blank "
                "line between it and the description"
            )
            yield Issue(rules.SUMMARY_BLANK_LINE, 0, message)
        elif blanks > 1:
            message = f"{blanks} blank lines follow the summary; keep one"
            yield Issue(rules.SUMMARY_BLANK_LINE, 0, message)
    if no_summary:
        message = (
            f"the docstring has no summary line ({summary!r} is a section title); start it "
            "with a sentence that ends with a period"
        )
        yield Issue(rules.SUMMARY_PUNCTUATION, 0, message)
    elif not summary.endswith(SUMMARY_END) and not SIGNATURE.match(summary):
        message = (
            f"the summary line ends with {summary[-1]!r}; end it with a period, question "
            "mark or exclamation mark"
        )
        yield Issue(rules.SUMMARY_PUNCTUATION, 0, message)
    if kind != "function":
        return
    # The name as a word right before "(": "members (users and teams)" is prose, as in
    # ruff's D402, not pydocstyle's, which drops every space first.
    # The substring test first: compiling a pattern per function name costs more than the rest.
    signature = f"{name}("
    if signature in summary and re.search(rf"(?<![\w.]){re.escape(signature)}", summary):
        message = f"the summary repeats the signature of {name!r}; say what it does instead"
        yield Issue(rules.SUMMARY_SIGNATURE, 0, message)
    first_word = value.split(None, 1)[0]
    plain = PLAIN_WORD.fullmatch(first_word) is not None
    if plain and first_word != first_word.upper() and first_word[0].islower():
        fixed = first_word[0].upper() + first_word[1:]
        message = f"start the summary with a capital letter: {fixed!r}, not {first_word!r}"
        yield Issue(rules.SUMMARY_CAPITALIZED, 0, message)


def _quotes(raw: str, value: str) -> Iterator[Issue]:
    pattern = SINGLE_QUOTED if '"""' in value else DOUBLE_QUOTED
    if not pattern.match(raw):
        found = QUOTES_FOUND.match(raw)
        quotes = found[1] if found else raw[:1]
        wanted = "'''" if pattern is SINGLE_QUOTED else '"""'
        message = f"write the docstring with {wanted}, not {quotes}"
        yield Issue(rules.QUOTES, 0, message)
    raw_prefix = raw.startswith(("r", "R", "ur", "uR", "Ur", "UR"))
    if not raw_prefix and BACKSLASH.search(raw):
        unmarked = CLICK_MARKER.sub("", raw)
        if unmarked == raw:
            message = 'the docstring has backslashes; make it a raw string: r"""..."""'
            yield Issue(rules.BACKSLASH, 0, message)
        elif BACKSLASH.search(unmarked.replace("\\\\", "")):  # `\\` is doubled already
            message = (
                "the docstring has backslashes besides click's \\b or \\f line, which a raw "
                "string would turn into text; double the others (\\\\)"
            )
            yield Issue(rules.BACKSLASH, 0, message)


def _leading_space(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _deeper(line: str, than: str) -> bool:
    """Whether ``line`` is indented deeper than ``than``; the literal's first line never is."""
    return indentation(line) > indentation(than)


def indentation(line: str) -> int:
    """How many whitespace characters ``line`` starts with.

    Args:
        line: The line.

    Returns:
        The count.
    """
    return len(_leading_space(line))


def _indentation(raw: str, indent: str) -> Iterator[Issue]:
    """ML232 and ML233 on the lines after the first with text, but continuation lines.

    Indentation is compared as strings, as pydocstyle does.
    """
    pattern = RAW_LINE_INDENT if raw.lstrip("uU")[:1] in ("r", "R") else LINE_INDENT
    indents = pattern.findall(raw)
    if not indents:
        return
    if len(indents) > 1 and min(indents[:-1]) > indent:
        message = (
            f"the docstring's text is indented more than its opening quotes; dedent it to "
            f"column {len(indent) + 1}"
        )
        yield Issue(rules.OVER_INDENTED, _indented_line(raw, pattern, 0), message)
    elif indents[-1] > indent:
        message = (
            f"this line is indented more than the docstring's opening quotes; dedent it to "
            f"column {len(indent) + 1}"
        )
        yield Issue(rules.OVER_INDENTED, _indented_line(raw, pattern, len(indents) - 1), message)
    if min(indents) < indent:
        under = next(index for index, space in enumerate(indents) if space < indent)
        message = (
            f"this line is indented less than the docstring's opening quotes; indent it to "
            f"column {len(indent) + 1}"
        )
        yield Issue(rules.UNDER_INDENTED, _indented_line(raw, pattern, under), message)


def _indented_line(raw: str, pattern: re.Pattern[str], position: int) -> int:
    """The 0-based line in ``raw`` of the ``position``-th line that ``pattern`` finds."""
    match = next(itertools.islice(pattern.finditer(raw), position, None))
    return raw.count("\n", 0, match.start()) + 1


def find_sections(raw_lines: list[str], closing: str) -> list[Section]:
    """The section titles of a docstring, as pydocstyle's google convention finds them.

    A title is a known section name alone on a line, with or without a colon, in any case
    and at any indentation, after a blank line or a line ending a sentence or clause. One
    with its colon is also a title after a line indented deeper, such as the last entry of
    the section before (pydocstyle reads that as text): ``Raises:`` after ``path: The path``.

    Args:
        raw_lines: The literal's lines as written.
        closing: The closing quotes, which are not the last section's content.

    Returns:
        The sections in order, each with its lines up to the next title.
    """
    found: list[tuple[int, str]] = []
    for index in range(1, len(raw_lines)):
        stripped = raw_lines[index].strip()
        if not stripped or len(stripped) > LONGEST_TITLE:  # most lines are text
            continue
        match = LEADING_WORDS.match(stripped)
        if match is None or match[0].lower() not in LOWER_SECTIONS:
            continue
        suffix = stripped.lstrip(match[0].strip()).strip()
        previous = raw_lines[index - 1].strip()
        after_paragraph = not previous or previous.endswith(END_OF_PARAGRAPH)
        after_entry = suffix == ":" and _deeper(raw_lines[index - 1], raw_lines[index])
        if suffix in ("", ":") and (after_paragraph or after_entry):
            found.append((index, match[0]))
    sections = []
    for position, (index, name) in enumerate(found):
        end = found[position + 1][0] if position + 1 < len(found) else len(raw_lines)
        following = raw_lines[index + 1 : end]
        if end == len(raw_lines) and following:  # the closing quotes are not content
            following[-1] = following[-1].rstrip().removesuffix(closing)
        sections.append(Section(index, name, raw_lines[index - 1], raw_lines[index], following))
    return sections


def _sections(raw_lines: list[str], indent: str, closing: str) -> Iterator[Issue]:
    for section in find_sections(raw_lines, closing):
        title = section.name.title()
        if section.name not in SECTIONS and title in SECTIONS:
            message = f"write the section title {section.name!r} as {title!r}"
            yield Issue(rules.SECTION_CASE, section.number, message)
        if _leading_space(section.line) > indent:
            message = (
                f"section {title!r} is indented more than the docstring; start it in column "
                f"{len(indent) + 1}"
            )
            yield Issue(rules.SECTION_INDENTED, section.number, message)
        if section.previous.strip():
            message = f"add a blank line before section {title!r}"
            yield Issue(rules.SECTION_BLANK_BEFORE, section.number, message)
        yield from _section_content(section, title)
        if section.line.strip().lstrip(section.name) != ":":
            message = f"end the section title with a colon: {title + ':'!r}"
            yield Issue(rules.SECTION_COLON, section.number, message)


def _section_content(section: Section, title: str) -> Iterator[Issue]:
    """ML239 and ML240, as pydocstyle reads them (a dashed underline is skipped)."""
    following = section.following
    blanks = 0
    for line in following:
        if line.strip():
            break
        blanks += 1
    else:
        message = f"section {title!r} is empty; document it or remove its title"
        yield Issue(rules.SECTION_EMPTY, section.number, message)
        return
    first = following[blanks].strip()
    if set(first) != {"-"}:
        if blanks:
            message = f"remove the blank line(s) between section {title!r} and its content"
            yield Issue(rules.SECTION_BLANK_AFTER, section.number, message)
        return
    after = blanks + 1  # after a dashed underline (a NumPy habit)
    if after >= len(following) or not "".join(following[after:]).strip():
        message = f"section {title!r} is empty; document it or remove its title"
        yield Issue(rules.SECTION_EMPTY, section.number, message)
    elif not following[after].strip():
        message = f"remove the blank line(s) between section {title!r} and its content"
        yield Issue(rules.SECTION_BLANK_AFTER, section.number, message)


def _context(
    source: SourceFile, node: Definition, kind: str, literal: Literal
) -> Iterator[Finding]:
    """ML222 and ML223: blank lines between the docstring and the code around it."""
    if isinstance(node, ast.Module):
        return
    lines = source.lines
    above = 0
    if literal.line > node.lineno:
        number = literal.line - 1
        while number > 0 and not lines[number - 1].strip():
            above += 1
            number -= 1
    if above:
        opener = "class" if kind == "class" else "def"
        message = f"remove the {above} blank line(s) between the {opener} line and the docstring"
        yield finding(rules.BLANK_BEFORE, source.relpath, message, literal.line, literal.column)
    if kind != "function" or len(node.body) < 2:
        return
    end = node.body[0].end_lineno or literal.line
    if node.body[1].lineno <= end:  # `"""Doc."""; return x`: code follows on the same line
        return
    below = 0
    while end + below < len(lines) and not lines[end + below].strip():
        below += 1
    if not below:
        return
    # One blank line may set an inner definition apart, also with comments above it (a
    # comment after the quotes too), as ruff's D202 reads it.
    if below == 1 and isinstance(node.body[1], INNER_DEFINITIONS):
        return
    message = f"remove the {below} blank line(s) after the docstring of {kind} {node.name!r}"
    # At the closing quotes, not on the blank line: a comment there (a suppression) would
    # make the line no longer blank.
    last = lines[end - 1]
    column = _character(source, last, end, node.body[0].end_col_offset or 0) + 1
    yield finding(rules.BLANK_AFTER, source.relpath, message, end, column)
