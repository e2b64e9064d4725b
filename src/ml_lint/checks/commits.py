"""Commit-message rules: Conventional Commits 1.0.0 with git's own message forms."""

from __future__ import annotations

import re

from ml_lint.config import CommitOptions
from ml_lint.model import Finding, Rule, finding
from ml_lint.records import NamedTuple
from ml_lint.rules import commits as rules
from ml_lint.suggest import nearest

SCISSORS = "------------------------ >8 ------------------------"
HEADER = re.compile(
    r"(?P<type>[^\s():!]+)(?:\((?P<scope>[^()]*)\))?(?P<bang>!)?:(?P<space>\s*)(?P<desc>.*)"
)
# Subjects git and code-hosting services write themselves, matched whole (a subject that
# merely starts with "Merge" is still checked): git's merge messages (git fmt-merge-msg:
# several branches, tags or commits; `of <url>`, which may hold spaces; `git pull <url>` with
# no branch), reverts, and pull-request merges.
GIT_SUBJECTS = re.compile(
    r"Merge (?:(?:remote-tracking )?branch(?:es)?|tags?|commits?) '.+'(?: of .+?)?(?: into .+)?"
    r"|Merge (?:[a-z][a-z0-9+.-]*://|/|\.{1,2}/|~/|[\w.-]+@[\w.-]+:)\S+(?: .*)?"
    r"|Merge pull request #\d+ from \S+"
    r"|Merged PR \d+: .+"  # Azure DevOps
    r"|Merged in \S+ \(pull request #\d+\)"  # Bitbucket
    r'|Revert ".+"'
    r'|Reapply ".+"'  # git 2.43+ names the revert of a revert so
)
AUTOSQUASH = re.compile(r"(fixup|squash|amend)! ")
TRAILER = re.compile(r"[A-Za-z][A-Za-z0-9-]*(: | #)\S")  # git's trailer form, e.g. Refs: #12
GIT_TRAILER = re.compile(r"[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+: \S")  # e.g. Signed-off-by:
BREAKING_LIKE = re.compile(r"breaking[ _-]?changes?\s*:", re.IGNORECASE)
# "Breaking changes: none." or "none, it only adds": a note that there is none ("no longer ..."
# is a breaking change).
NO_BREAKING = re.compile(r"\s*(?:none|no|n/?a|nothing)\s*(?:[.,;!]|$)", re.IGNORECASE)
# The example subject messages end with, as the guide writes it.
EXAMPLE_SCOPE = "transformers"
EXAMPLE_DESCRIPTION = "add multi-head attention implementation"
# The comment block git writes under the message, in the comment character it chose.
GIT_COMMENT_BLOCK = re.compile(
    r"^(\S) (?:Please enter the commit message|" + re.escape(SCISSORS) + r"$)", re.MULTILINE
)


def auto_comment_char(raw: str) -> str:
    """The character ``core.commentChar=auto`` made git comment with, read off its comments.

    Git picks one that starts no line of the message (``#`` unless one does, then ``;``...).

    Args:
        raw: The message file's text.

    Returns:
        The character of git's comment block, or ``#`` when the file has none.
    """
    block = GIT_COMMENT_BLOCK.search(raw)
    return block[1] if block else "#"


def has_scissors(raw: str, comment_char: str) -> bool:
    """Whether git put a scissors line in the message file (``git commit -v``).

    Args:
        raw: The message file's text.
        comment_char: The comment character in use.

    Returns:
        True if a line is the scissors line, below which git shows the diff.
    """
    return f"\n{comment_char} {SCISSORS}\n" in f"\n{raw}\n"


class Line(NamedTuple):
    """A line of the message as git keeps it, with its 1-based line in the original file.

    Attributes:
        number: The 1-based line number in the message file.
        text: The line, trailing whitespace removed.
    """

    number: int
    text: str


def message_lines(
    raw: str, comment_char: str | None = "#", keep_comments: bool = False
) -> list[Line]:
    r"""The message as git would commit it: no comments, nothing below the scissors line.

    Like git's ``strip`` cleanup: comment lines are dropped, trailing whitespace is removed,
    runs of blank lines collapse to one, and leading and trailing blank lines go. With
    ``comment_char`` None (a message already committed) no line is a comment. Lines end at
    ``\n`` only, as in git.

    Args:
        raw: The message file's text.
        comment_char: The character that starts a comment line; None for no comments.
        keep_comments: Keep comment lines, cutting only at the scissors line, as git's
            ``scissors`` cleanup does.

    Returns:
        The lines git would keep, each with its line number in ``raw``.
    """
    kept: list[Line] = []
    scissors = f"{comment_char} {SCISSORS}"
    dropped = None if keep_comments else comment_char  # what starts a line git drops
    for number, text in enumerate(raw.split("\n"), start=1):
        if comment_char is not None and text.rstrip() == scissors:
            break
        if dropped is not None and text.startswith(dropped):
            continue
        text = text.rstrip()
        if text or (kept and kept[-1].text):
            kept.append(Line(number, text))
    while kept and not kept[-1].text:
        kept.pop()
    return kept


def check_message(
    raw: str,
    options: CommitOptions,
    path: str,
    in_range: bool = False,
    comment_char: str | None = "#",
    keep_comments: bool = False,
) -> list[Finding]:
    """Check one commit message.

    Args:
        raw: The message file's text, comments and scissors included.
        options: ``[tool.ml-lint.commits]``.
        path: What findings point at: the message file, or ``commit:<sha>``.
        in_range: True for ``check --commits`` (autosquash commits rejected by default),
            False for the commit-msg hook (accepted by default).
        comment_char: git's ``core.commentChar``; None where git keeps comment lines: in a
            committed message, or one given without an editor (``-m``, ``-F``).
        keep_comments: Comment lines are kept and only the scissors line cuts the message
            (``commit.cleanup`` set to ``scissors``, ``whitespace`` or ``verbatim``, edited).

    Returns:
        The findings, in line order.
    """
    lines = message_lines(raw, comment_char, keep_comments)
    if not lines:
        return [
            finding(rules.EMPTY_MESSAGE, path, "the commit message is empty; " + expected(options))
        ]
    subject = lines[0]
    if AUTOSQUASH.match(subject.text):
        allowed = (
            options.allow_autosquash_in_range if in_range else options.allow_autosquash_in_hook
        )
        if allowed:
            return []
        kind = subject.text.split("!", 1)[0]
        message = (
            f"`{kind}!` commit must be squashed before merging: run "
            "`git rebase -i --autosquash <base>`"
        )
        return [finding(rules.AUTOSQUASH, path, message, subject.number)]
    if GIT_SUBJECTS.fullmatch(subject.text):
        return []
    findings = _check_subject(subject, options, path)
    findings += _check_body(lines, options, path)
    return _redacted(findings, "\n".join(line.text for line in lines))


def expected(options: CommitOptions) -> str:
    """The form a subject takes, with an example that ``options`` accept.

    Args:
        options: ``[tool.ml-lint.commits]``: the example's type and scope are allowed ones.

    Returns:
        The sentence messages end with.
    """
    return f"expected `type(scope): description`, e.g. `{_example(options)}`"


def _example(options: CommitOptions) -> str:
    return f"{_example_type(options)}({_example_scope(options)}): {EXAMPLE_DESCRIPTION}"


def _example_type(options: CommitOptions) -> str:
    """feat, or the first allowed type where feat is not one."""
    allowed = options.allowed_types()
    return "feat" if "feat" in allowed or not allowed else allowed[0]


def _example_scope(options: CommitOptions) -> str:
    """The example's scope, or the first allowed one where it is not allowed."""
    return (
        options.scopes[0]
        if options.scopes and EXAMPLE_SCOPE not in options.scopes
        else EXAMPLE_SCOPE
    )


def _redacted(findings: list[Finding], text: str) -> list[Finding]:
    """``findings`` with every secret in ``text`` redacted wherever a message quotes it.

    Messages quote the subject, type and scope; a token pasted into a subject must not be
    printed again in a terminal, a CI log or a report.
    """
    if not findings:  # the common case: no scan, and the scanner is never imported
        return findings
    from ml_lint.secrets.scan import redact, scan_text

    secrets = {match.secret for match in scan_text(text)}
    if not secrets:
        return findings
    # Longest first, so a secret that contains another is replaced whole; any case, since a
    # suggested rewrite may lowercase the first letter.
    pattern = re.compile(
        "|".join(re.escape(secret) for secret in sorted(secrets, key=len, reverse=True)),
        re.IGNORECASE,
    )
    return [
        result._replace(message=pattern.sub(lambda hit: redact(hit[0]), result.message))
        for result in findings
    ]


def _at(rule: Rule, path: str, message: str, line: Line, column: int = 1) -> Finding:
    return finding(rule, path, message, line.number, column, line.number, len(line.text) + 1)


def _check_subject(subject: Line, options: CommitOptions, path: str) -> list[Finding]:
    text = subject.text
    findings: list[Finding] = []
    if len(text) > options.subject_max_length:
        message = (
            f"subject is {len(text)} characters, more than {options.subject_max_length}; "
            "shorten it and put details in the body"
        )
        findings.append(_at(rules.SUBJECT_TOO_LONG, path, message, subject))
    if text.endswith(".") and not text.endswith(".."):
        findings.append(
            _at(rules.SUBJECT_PERIOD, path, "remove the period at the end of the subject", subject)
        )
    match = HEADER.fullmatch(text)
    if match is None:
        findings.append(_header_format(subject, path, options))
        return findings
    findings += _check_type(match["type"], subject, options, path)
    findings += _check_scope(match["scope"], subject, options, path)
    if match["desc"].strip() == "":
        message = f"add a description after `{text.split(':', 1)[0]}: `; {expected(options)}"
        findings.append(_at(rules.EMPTY_DESCRIPTION, path, message, subject))
    elif match["space"] != " ":
        message = f"put exactly one space after the colon; {expected(options)}"
        findings.append(_at(rules.HEADER_FORMAT, path, message, subject, match.start("space") + 1))
    return findings


def _header_format(subject: Line, path: str, options: CommitOptions) -> Finding:
    text = subject.text
    first = re.split(r"[\s(:!]", text, maxsplit=1)[0]
    if re.match(r"\w+ \(", text):
        hint = "remove the space between the type and `(`"
    elif ":" not in text:
        hint = "start with a type and a colon"
    else:
        hint = "the part before `:` must be a type with an optional `(scope)`"
    message = f"subject {text!r} is not in Conventional Commits form: {hint}; {expected(options)}"
    if first and ":" not in text:
        message += f" (for example `{_rewritten(text, options)}`)"
    return _at(rules.HEADER_FORMAT, path, message, subject)


# Words a subject may start with that say its type: "Fixed the loader" is a fix.
TYPE_WORDS = {"fixed": "fix", "fixes": "fix", "fixing": "fix", "doc": "docs"}


def _rewritten(text: str, options: CommitOptions) -> str:
    """A subject in Conventional Commits form for ``text``, one that passes the rules.

    A first word that names a type becomes the type ("Fix bug" is `fix: bug`); otherwise
    the type is feat (or the first allowed type). Where a scope is required it gets one.
    The first letter is lowercased unless it starts an acronym ("WIP"), and a final period
    goes.
    """
    shown = "".join(c if c.isprintable() else "?" for c in text).rstrip(".").strip()
    word, _, rest = shown.partition(" ")
    kind = TYPE_WORDS.get(word.lower(), word.lower())
    if kind in options.allowed_types() and rest.strip():
        description = rest.strip()
    else:
        kind, description = _example_type(options), shown
    if not description.partition(" ")[0][:2].isupper():
        description = description[:1].lower() + description[1:]
    scope = f"({_example_scope(options)})" if options.require_scope else ""
    return f"{kind}{scope}: {description}"


def _check_type(kind: str, subject: Line, options: CommitOptions, path: str) -> list[Finding]:
    allowed = options.allowed_types()
    if kind in allowed:
        return []
    if kind.lower() in allowed:
        if not options.lowercase_type:
            return []
        message = f"type {kind!r} must be lowercase: use {kind.lower()!r}; {expected(options)}"
        return [_at(rules.TYPE_CASE, path, message, subject)]
    suggestion = nearest(kind, allowed)
    hint = f"did you mean {suggestion!r}? " if suggestion else ""
    message = (
        f"unknown type {kind!r}; {hint}allowed types: {', '.join(allowed)}; {expected(options)}"
    )
    return [_at(rules.UNKNOWN_TYPE, path, message, subject)]


def _check_scope(
    scope: str | None, subject: Line, options: CommitOptions, path: str
) -> list[Finding]:
    column = subject.text.find("(") + 2
    if scope is None:
        if not options.require_scope:
            return []
        choices = f" ({', '.join(options.scopes)})" if options.scopes else ""
        message = f"add a scope{choices} in parentheses after the type; {expected(options)}"
        return [_at(rules.SCOPE, path, message, subject)]
    if not scope.strip():
        message = "the scope is empty: name one between the parentheses or drop them"
        return [_at(rules.SCOPE, path, f"{message}; {expected(options)}", subject, column)]
    if options.scopes:
        unknown = [part.strip() for part in scope.split(",") if part.strip() not in options.scopes]
        if unknown:
            suggestion = nearest(unknown[0], options.scopes)
            hint = f"did you mean {suggestion!r}? " if suggestion else ""
            message = (
                f"scope {unknown[0]!r} is not allowed; {hint}"
                f"allowed scopes: {', '.join(options.scopes)}; {expected(options)}"
            )
            return [_at(rules.SCOPE, path, message, subject, column)]
    return []


def _last_paragraph(lines: list[Line]) -> int:
    """Index of the first line of the last paragraph after the subject's, or len(lines)."""
    for index in range(len(lines) - 1, 1, -1):
        if not lines[index - 1].text:
            return index
    return len(lines)


def _footer_start(lines: list[Line], start: int) -> int:
    """Index of the footer's first line, or len(lines) when the message has no footer.

    The footer is the last paragraph after the subject's (it begins at ``start``, as
    ``_last_paragraph`` finds it) when it starts with a token, as Conventional Commits footers
    do: ``Token: value``, ``Token #value`` or a breaking-change note; prose that merely has a
    colon later on is body.
    """
    if start < len(lines) and (
        TRAILER.match(lines[start].text) or BREAKING_LIKE.match(lines[start].text)
    ):
        return start
    return len(lines)


def _check_body(lines: list[Line], options: CommitOptions, path: str) -> list[Finding]:
    findings: list[Finding] = []
    if len(lines) > 1 and lines[1].text:
        message = "leave one blank line between the subject and the body"
        findings.append(_at(rules.BODY_BLANK_LINE, path, message, lines[1]))
    limit = options.body_max_line_length
    last = _last_paragraph(lines)
    footer = _footer_start(lines, last)
    for index, line in enumerate(lines[1:], start=1):
        text = line.text
        # git's own trailers (Signed-off-by, Co-authored-by) hold names that cannot wrap; git
        # appends them to the last paragraph
        trailer = index >= last and GIT_TRAILER.match(text) is not None
        if len(text) > limit and "://" not in text and not trailer:
            message = f"body line is {len(text)} characters, more than {limit}; wrap it"
            findings.append(_at(rules.BODY_LINE_TOO_LONG, path, message, line, limit + 1))
        breaking = BREAKING_LIKE.match(text) if index >= footer else None
        if breaking and NO_BREAKING.match(text, breaking.end()):  # "Breaking changes: none"
            breaking = None
        if breaking and not text.startswith(("BREAKING CHANGE: ", "BREAKING-CHANGE: ")):
            token = breaking.group(0)
            if token in ("BREAKING CHANGE:", "BREAKING-CHANGE:"):
                problem = f"put one space after `{token}`"
            else:
                problem = (
                    f"if this footer declares a breaking change, write `BREAKING CHANGE:` "
                    f"(uppercase, singular), not {token!r}"
                )
            message = f"{problem}; release tools recognise only that spelling"
            findings.append(_at(rules.BREAKING_FOOTER, path, message, line))
    return findings
