"""Find secrets in text: one keyword pass, then only the detectors whose keywords occur.

The cost of a scan must not grow with the number of detectors. Every detector's keywords
are compiled into one regular expression that Python's ``re`` can skip through quickly:
each keyword is anchored on its rarest character (in source code), so the engine only stops
at a handful of rare characters and checks there, with look-behind and look-ahead, whether
a keyword surrounds it. A detector's own pattern then runs only on the lines where one of
its keywords occurs (the same idea as gitleaks' keyword prefilter, without Aho-Corasick).

A secret is never returned in a form meant to be shown: ``Match`` prints itself redacted,
and findings carry ``redact`` and ``fingerprint`` forms only.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import math
import re
from collections.abc import Iterable

from ml_lint.records import NamedTuple
from ml_lint.secrets import detectors as _detectors
from ml_lint.secrets.detectors import DETECTORS, Detector

# How often each character occurs in source code, per 10,000 characters (measured on the
# PyTorch 2.x sources: Python and C++ headers). Characters not listed count as rare.
FREQUENCY = {
    "^": 0.3, "$": 0.4, "J": 0.4, "Z": 0.6, "Q": 0.9, "%": 1.2, "?": 1.6, "X": 1.8, "~": 2.5,
    "|": 3.3, "9": 3.9, "@": 4.0, "7": 4.1, "W": 4.1, "\\": 4.4, "j": 5.5, "Y": 5.6, "+": 5.9,
    "K": 7.2, "5": 7.3, "8": 7.9, "U": 8.1, "!": 8.7, "q": 9.6, "G": 10.1, "V": 10.7,
    "M": 12.3, "3": 12.4, "4": 12.9, "6": 13.4, "B": 13.5, "H": 14.3, "'": 14.8, "*": 17.3,
    "D": 17.6, "`": 18.1, "F": 18.2, "P": 18.3, "z": 18.3, "}": 19.2, "{": 19.3, "]": 19.9,
    "[": 19.9, "L": 20.5, "2": 21.6, "<": 22.2, "&": 22.9, "-": 25.8, ";": 26.2, "0": 28.6,
    "I": 30.0, "#": 30.3, "C": 31.7, "N": 32.1, "1": 32.7, "E": 32.8, "O": 33.2, "R": 33.2,
    ">": 34.3, "x": 36.7, "S": 37.1, "k": 37.3, "A": 38.2, "w": 44.5, "v": 54.9, "=": 55.1,
    '"': 56.8, "/": 58.6, "b": 69.4, "y": 78.6, "T": 88.5, "g": 97.3, ".": 100.8, "(": 101.5,
    ")": 101.6, "h": 133.3, ",": 133.6, "f": 144.0, "m": 149.8, ":": 153.3, "p": 194.8,
    "u": 197.6, "d": 242.5, "c": 249.4, "l": 260.2, "_": 264.3, "i": 364.6, "s": 400.7,
    "o": 401.3, "r": 409.4, "a": 416.3, "n": 421.0, "t": 533.6, "e": 705.0, " ": 2061.0,
}  # fmt: skip

PRIORITY = {"ML401": 0, "ML403": 1, "ML404": 2, "ML402": 3}  # which wins on overlap

PRAGMA_SAME_LINE = re.compile(r"pragma:\s*(?:allow|white)list[ \-]secret|gitleaks:allow", re.I)
PRAGMA_NEXT_LINE = re.compile(r"pragma:\s*(?:allow|white)list[ \-]nextline[ \-]secret", re.I)


class Match(NamedTuple):
    """One secret found in a text.

    Lines and columns are 1-based; columns count characters; the end column is exclusive.
    ``start`` and ``end`` are offsets of the secret in the scanned text. ``repr`` shows the
    secret redacted, so a match can be logged; use ``secret`` itself only to compare or hash.

    Attributes:
        detector: The detector's id (``ml_lint.secrets.detectors``).
        rule: The rule code of its findings.
        line: Line of the secret's first character.
        column: Its column.
        end_line: Line of its last character.
        end_column: The column after its last character.
        start: Offset of its first character in the text.
        end: Offset after its last character.
        secret: The secret itself. Never print it: use ``redacted``.
        key: For an assignment (ML402), the name it is assigned to ("DB_PASSWORD").
    """

    detector: str
    rule: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    secret: str
    key: str = ""

    def __repr__(self) -> str:
        return (
            f"Match(detector={self.detector!r}, rule={self.rule!r}, line={self.line}, "
            f"column={self.column}, secret={self.redacted!r}, "
            f"fingerprint={self.fingerprint!r})"
        )

    def __str__(self) -> str:
        return self.__repr__()

    @property
    def fingerprint(self) -> str:
        """The secret's ``fingerprint``: stable however the text around it moves."""
        return fingerprint(self.detector, self.secret)

    @property
    def redacted(self) -> str:
        """``redact(secret)``."""
        return redact(self.secret)


def redact(secret: str) -> str:
    """A form of ``secret`` safe to show: a few leading characters and the length.

    At most 4 characters and at most a quarter of the secret are shown, so short
    passwords show one or two characters, and a secret under 4 characters none.

    Args:
        secret: The secret.

    Returns:
        The shown characters, then ``…(N chars)``.
    """
    shown = min(4, len(secret) // 4)
    return f"{secret[:shown]}…({len(secret)} chars)"


def fingerprint(detector_id: str, secret: str) -> str:
    """16 hex digits of SHA-256 over the detector id and the secret.

    It names the secret without revealing it, identically on every machine and wherever
    the secret moves in the file, so baselines and SARIF results do not churn.

    Args:
        detector_id: The id of the detector that found the secret.
        secret: The secret.

    Returns:
        The fingerprint.
    """
    digest = hashlib.sha256(f"ml-lint-secret\0{detector_id}\0{secret}".encode())
    return digest.hexdigest()[:16]


def entropy(text: str) -> float:
    """Shannon entropy of ``text`` in bits per character.

    Args:
        text: The text, such as a candidate secret.

    Returns:
        The entropy; 0.0 for empty text.
    """
    if not text:
        return 0.0
    size = len(text)
    counts: dict[str, int] = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / size * math.log2(n / size) for n in counts.values())


def message(match: Match) -> str:
    """The finding message: what it is, redacted, fingerprint, and what to do.

    Args:
        match: The secret found.

    Returns:
        The message, which never holds the secret itself.
    """
    detector = _detectors.BY_ID[match.detector]
    what = f"{detector.description} {match.redacted}, fingerprint {match.fingerprint}"
    if match.rule == _detectors.ASSIGNMENT:
        return (
            f"{match.key or 'a credential'} is set to a literal secret {match.redacted}, "
            f"fingerprint {match.fingerprint}: remove it, rotate it, and load it when the code "
            "runs, from the environment or a secret store"
        )
    if match.rule == _detectors.URL_PASSWORD:
        return (
            f"{what}: remove the password from the URL, change it, and build the URL from the "
            "environment"
        )
    if match.rule == _detectors.PRIVATE_KEY:
        return (
            f"{what}: remove it, and replace the key pair: make a new one and remove the old "
            "public key wherever it is trusted"
        )
    return f"{what}: remove it, revoke it at {detector.revoke}, and load it from the environment"


# --- The keyword and assignment passes -----------------------------------------------------

# A pass that stops at a character costs about as much as one more stop every 30 characters
# (measured with CPython's re, which finds a pattern's literal first character with a fast
# search, but tests character classes one position at a time).
PASS_COST = 30.0
# What follows an "_" or "-" that ends a token prefix ("hf_", "sk-proj-"): testing it first
# makes stopping at every "_" cheap (see Detector.keywords).
BODY = {"_": r"(?=[A-Za-z0-9]{8})", "-": r"(?=[A-Za-z0-9_\-]{8})"}
# An assignment worth a look: a value of 8 or more characters without spaces after "=" or
# ":", quoted, or unquoted and not only letters and dots (Python's "x = self.weight"); YAML
# needs a space after its ":". Only the first 8 characters are read here: the detector
# finds where the value ends. Four passes cost less than one with alternatives.
QUOTED = r"""[ \t]*(?:[bBrRuUfF]{0,2}["'`]|\\")[^\s"'`\\]{8}"""
# (?=(?P<v>...))(?P=v) takes the run once, like an atomic group: no backtracking into it.
UNQUOTED = r"""(?=[A-Za-z_.]*[^A-Za-z_.\s"'`\\(){}\[\]<>,;])[^\s"'`\\(){}\[\]<>,;]{8}"""
ASSIGNMENT_PASSES = tuple(
    re.compile(pattern)
    for pattern in ("=" + QUOTED, "=[ \t]*" + UNQUOTED, ":" + QUOTED, ":[ \t]+" + UNQUOTED)
)


class _Pass(NamedTuple):
    regex: re.Pattern[str]
    keywords: tuple[tuple[str, int], ...]  # (keyword, index of the anchor in it)


class _Plan(NamedTuple):
    passes: tuple[_Pass, ...]
    owners: dict[str, tuple[int, ...]]  # keyword -> indices into DETECTORS
    words: re.Pattern[str]  # every detector's words
    by_word: dict[str, tuple[int, ...]]  # word -> indices into DETECTORS


def _anchors(keywords: Iterable[str]) -> dict[str, int]:
    """For each keyword, the index of the character its pass stops at.

    A keyword ending in "_" or "-" is anchored there (its token's body follows). The others
    are covered greedily by the characters that are cheapest per keyword: rare, or anchoring
    other keywords already, so that all detectors share a handful of passes.
    """
    anchors = {k: len(k) - 1 for k in keywords if k.endswith(tuple(BODY))}
    chosen = {k[-1] for k in anchors}
    rest = sorted(k for k in keywords if k not in anchors)
    while rest:

        def cost(char: str, rest: list[str] = rest) -> tuple[float, str]:
            covered = sum(char in keyword for keyword in rest)
            price = 0.0 if char in chosen else PASS_COST + FREQUENCY.get(char, 0.0)
            return price / covered, char

        # "_" and "-" are too frequent to stop at unless the token's body is tested first.
        candidates = {char for keyword in rest for char in keyword if char not in BODY}
        best = min(candidates, key=cost)
        for keyword in rest:
            if best in keyword:
                anchors[keyword] = keyword.rindex(best)
        chosen.add(best)
        rest = [keyword for keyword in rest if best not in keyword]
    # A pass whose keywords all hold the anchor of another pass is not needed.
    for char in sorted(chosen - set(BODY), key=lambda c: -FREQUENCY.get(c, 0.0)):
        members = [k for k, at in anchors.items() if k[at] == char]
        others = chosen - set(BODY) - {char}
        if all(set(k) & others for k in members):
            for keyword in members:
                anchors[keyword] = max(keyword.rindex(c) for c in set(keyword) & others)
            chosen.discard(char)
    return anchors


def _lookaround(keyword: str, at: int) -> str:
    behind = f"(?<={re.escape(keyword[: at + 1])})" if at else ""
    ahead = f"(?={re.escape(keyword[at + 1 :])})" if at + 1 < len(keyword) else ""
    return behind + ahead or "(?:)"


@functools.lru_cache(maxsize=1)
def _plan() -> _Plan:
    owners: dict[str, list[int]] = {}
    for index, detector in enumerate(DETECTORS):
        for keyword in detector.keywords:
            owners.setdefault(keyword, []).append(index)
    groups: dict[str, list[tuple[str, int]]] = {}
    for keyword, at in _anchors(owners).items():
        groups.setdefault(keyword[at], []).append((keyword, at))
    passes = []
    for char, members in sorted(groups.items()):
        checks = "|".join(_lookaround(keyword, at) for keyword, at in members)
        regex = re.compile(f"{re.escape(char)}{BODY.get(char, '')}(?:{checks})")
        passes.append(_Pass(regex, tuple(sorted(members))))
    by_word: dict[str, list[int]] = {}
    for index, detector in enumerate(DETECTORS):
        for word in detector.words:
            by_word.setdefault(word, []).append(index)
    return _Plan(
        tuple(passes),
        {keyword: tuple(indices) for keyword, indices in owners.items()},
        re.compile("|".join(re.escape(word) for word in sorted(by_word, key=len, reverse=True))),
        {word: tuple(indices) for word, indices in by_word.items()},
    )


def _keyword_hits(text: str, plan: _Plan) -> Iterable[tuple[int, str]]:
    """(offset, keyword) for every keyword occurrence in ``text``."""
    for step in plan.passes:
        for hit in step.regex.finditer(text):
            anchor = hit.start()
            for keyword, at in step.keywords:
                if anchor >= at and text.startswith(keyword, anchor - at):
                    yield anchor - at, keyword


def _assignments(text: str) -> Iterable[int]:
    """Offsets of the operators of assignments whose value might be a secret."""
    for regex in ASSIGNMENT_PASSES:
        for hit in regex.finditer(text):
            yield hit.start()


# --- Scanning -----------------------------------------------------------------------------


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def scan_text(text: str, *, pragmas: bool = True, lone_cr: bool = True) -> list[Match]:
    r"""Every secret in ``text``, in order; overlapping finds keep the most specific.

    Args:
        text: Any text: source, configuration, a notebook cell or output, raw JSON.
        pragmas: Drop secrets on lines marked ``pragma: allowlist secret`` or
            ``gitleaks:allow``, or after a line marked ``pragma: allowlist nextline secret``.
        lone_cr: A ``\r`` not followed by ``\n`` ends a line, as it does for Python and
            editors. False counts lines as git does, at ``\n`` only.

    Returns:
        The matches, sorted by position.
    """
    carriage = lone_cr and "\r" in text
    scanner = _Scanner(text, carriage)
    plan = _plan()
    for start, keyword in _keyword_hits(text, plan):
        for index in plan.owners[keyword]:
            scanner.run(index, start)
    seen: set[int] = set()
    for start in _assignments(text):
        line_start, line_end = scanner.lines.span(start)
        if line_start in seen:
            continue
        seen.add(line_start)
        line = text[line_start:line_end].lower()
        for word in set(plan.words.findall(line)):
            for index in plan.by_word[word]:
                scanner.run(index, start)
    found = _resolve_overlaps(sorted(scanner.found.values(), key=lambda f: (f.start, f.end)))
    if pragmas and found:
        marked = _Pragmas(text, carriage)
        found = [f for f in found if not marked.allows(f)]
    return _matches(text, found, carriage)


class _Found(NamedTuple):
    """A secret before its line and column are known."""

    detector: str
    rule: str
    secret: str
    start: int
    end: int
    key: str = ""


class _Lines:
    """The bounds of the lines around offsets, from the line breaks found once, when asked.

    A search back and forth from each offset would rescan a long line (minified JSON) for
    every offset on it, and a file whose lines end in lone CRs for every line.
    """

    def __init__(self, text: str, carriage: bool) -> None:
        self.text = text
        self.carriage = carriage
        self.ends: list[int] = []  # each line's break (or the text's end), in order
        self.starts: list[int] = []  # each line's first character

    def span(self, offset: int) -> tuple[int, int]:
        r"""Offsets of the first character of the line and of its end (its break or EOF)."""
        index = self.index(offset)
        return self.starts[index], self.ends[index]

    def index(self, offset: int) -> int:
        """The 0-based number of the line holding ``offset`` (or ending at it)."""
        if not self.ends:
            breaks = LINE_BREAKS if self.carriage else NEWLINES
            self.starts.append(0)
            for found in breaks.finditer(self.text):
                self.ends.append(found.start())
                self.starts.append(found.end())
            self.ends.append(len(self.text))
        return bisect.bisect_left(self.ends, offset)


LINE_BREAKS = re.compile(r"\r\n|\r|\n")  # a lone CR ends a line, as for Python and editors
NEWLINES = re.compile(r"\n")  # git's lines


class _Scanner:
    """Runs detectors on the lines they are due on, each line at most once per detector."""

    def __init__(self, text: str, carriage: bool) -> None:
        self.text = text
        self.lines = _Lines(text, carriage)
        self.done: set[tuple[int, int]] = set()
        self.found: dict[tuple[str, int, int], _Found] = {}
        self.lower: list[str] = []  # the lowercased text, made once if a context needs it

    def run(self, index: int, offset: int) -> None:
        text = self.text
        line_start, line_end = self.lines.span(offset)
        if (index, line_start) in self.done:
            return
        self.done.add((index, line_start))
        detector = DETECTORS[index]
        end = min(len(text), line_end + detector.multiline)
        if detector.context and not _in_context(text, detector.context, self.lower):
            return
        for hit in _compiled(detector.pattern).finditer(text, line_start, end):
            if hit.start() > line_end:
                break  # it starts on a later line: that line's own keyword finds it
            found = _accept(detector, hit, text)
            if found is not None:
                self.found.setdefault((found.detector, found.start, found.end), found)


def _in_context(text: str, words: tuple[str, ...], lower: list[str]) -> bool:
    if not lower:
        lower.append(text.lower())
    return any(word in lower[0] for word in words)


def _secret_group(hit: re.Match[str]) -> str | None:
    for name, value in hit.groupdict().items():
        if name.startswith("secret") and value is not None:
            return name
    return None


def _accept(detector: Detector, hit: re.Match[str], text: str) -> _Found | None:
    group = _secret_group(hit)
    if group is None:
        return None
    secret = hit.group(group)
    start, end = hit.span(group)
    key = ""
    if detector.rule == _detectors.ASSIGNMENT:
        key = _key(hit, text)
        before = hit.end("word") - len(key) - 1
        if group == "secret2" and before >= 0 and text[before] in "?&":
            # A query string's parameter ends where the next one starts: "?token=...&page=2".
            secret = secret.split("&", 1)[0]
            end = start + len(secret)
    if detector.rule == _detectors.PRIVATE_KEY:
        secret = re.sub(r"\\[nr]|\s", "", secret)  # the key body, however it is wrapped
        start, end = hit.span()
    if detector.min_entropy is not None and entropy(secret) < detector.min_entropy:
        return None
    if any(re.search(pattern, secret) for pattern in detector.allowlist):
        return None
    if _is_placeholder(secret, detector.rule):
        return None
    if detector.rule == _detectors.ASSIGNMENT and not _generic_ok(hit, key, secret):
        return None
    if detector.rule == _detectors.URL_PASSWORD and not _url_ok(hit, secret):
        return None
    return _Found(detector.id, detector.rule, secret, start, end, key)


def _matches(text: str, found: list[_Found], carriage: bool) -> list[Match]:
    """``found`` (sorted by start) as matches, positions counted in one sweep of the text."""
    offsets = sorted({f.start for f in found} | {f.end for f in found})
    positions: dict[int, tuple[int, int]] = {}
    line, line_start, previous = 1, 0, 0
    for offset in offsets:
        breaks = text.count("\n", previous, offset)
        if carriage:  # a lone \r ends a line too
            lone = text.count("\r", previous, offset) - text.count("\r\n", previous, offset + 1)
            breaks += lone
        if breaks:
            line += breaks
            last = text.rfind("\n", previous, offset)
            if carriage:
                last = max(last, text.rfind("\r", previous, offset))
            line_start = last + 1
        positions[offset] = (line, offset - line_start + 1)
        previous = offset
    return [
        Match(f.detector, f.rule, *positions[f.start], *positions[f.end], *f[3:5], f.secret, f.key)
        for f in found
    ]


def _resolve_overlaps(found: list[_Found]) -> list[_Found]:
    """Of overlapping finds keep the most specific: a known token over a URL or assignment.

    ``found`` is sorted by start, and so is what is kept: a find can clash only with kept
    ones that start less than the longest find's length before it, which are at the end.
    """
    longest = max((f.end - f.start for f in found), default=0)
    kept: list[_Found] = []
    reach = -1  # the furthest end of what is kept: nothing before it can clash
    for item in found:
        if item.start >= reach:
            kept.append(item)
            reach = item.end
            continue
        clash: list[int] = []  # indices into kept
        for index in range(len(kept) - 1, -1, -1):
            if kept[index].start + longest <= item.start:
                break
            if kept[index].start < item.end and item.start < kept[index].end:
                clash.append(index)
        if not clash:
            kept.append(item)
            continue
        if all(PRIORITY[item.rule] < PRIORITY[kept[index].rule] for index in clash):
            for index in clash:  # from the end, so that the others keep their places
                del kept[index]
            kept.append(item)
        reach = max(reach, item.end)
    return kept


class _Pragmas:
    """Which lines pragmas allowlist, each line looked at once."""

    def __init__(self, text: str, carriage: bool) -> None:
        self.text = text
        self.lines = _Lines(text, carriage)
        self.known: dict[tuple[int, int], bool] = {}

    def allows(self, found: _Found) -> bool:
        """Whether a pragma on the secret's lines, or the line before, allowlists it."""
        first, _ = self.lines.span(found.start)
        _, last = self.lines.span(max(found.end - 1, found.start))  # a private key spans lines
        key = (first, last)
        if key not in self.known:
            self.known[key] = self._marked(first, last)
        return self.known[key]

    def _marked(self, first: int, last: int) -> bool:
        text = self.text
        if PRAGMA_SAME_LINE.search(text, first, last) is not None:
            return True
        if first == 0:
            return False
        previous = self.lines.index(first) - 1
        start, end = self.lines.starts[previous], self.lines.ends[previous]
        return PRAGMA_NEXT_LINE.search(text, start, end) is not None


# --- Placeholders and gates ---------------------------------------------------------------

# Marks of a documented example, a template or a deliberate fake, anywhere in a secret.
MARKS = ("example", "placeholder", "dummy", "fake", "redacted", "notreal", "sample", "changeme")
TEMPLATE = r"x{4,}|X{4,}|\*\*\*|\.\.\.|<[^>]*>|\$\{|\{\{|%\("
# In values people type (passwords, URLs), in any case and with a few more words.
PLACEHOLDER = re.compile(
    "|".join(MARKS) + r"|not[_\-]a[_\-]real|your[_\-]?|change[_\-]me|replace[_\-]?me"
    r"|insert[_\-]|todo|" + TEMPLATE,
    re.IGNORECASE,
)
# In generated tokens, whose random bodies could hold a short word in some mix of cases:
# only lowercase, UPPERCASE or Capitalized marks count.
TOKEN_PLACEHOLDER = re.compile(
    "|".join(f"{w}|{w.upper()}|{w.capitalize()}" for w in MARKS) + "|" + TEMPLATE
)


def _is_placeholder(secret: str, rule: str) -> bool:
    if len(set(secret)) <= 3:
        return True
    if rule == _detectors.PRIVATE_KEY:  # base64 bodies: only the structure can tell
        return re.search(r"x{4,}|X{4,}|\.\.\.", secret) is not None
    marks = TOKEN_PLACEHOLDER if rule == _detectors.TOKEN else PLACEHOLDER
    return marks.search(secret) is not None


# The rest of a key ending in a credential word that names something else.
KEY_STOPWORDS = re.compile(
    r"(?:^|[_.\-])(?:pad|bos|eos|unk|sep|cls|mask|start|end|stop|begin|special|image|audio"
    r"|video|vision|boi|eoi|think|tool|eot|im_start|im_end|bot|eom|fim|default|num|max|min"
    r"|n|next|prev|page|csrf|xsrf|reset|refresh_url|public|pub|id)[_.\-]?(?:token|key)$"
    r"|(?:^|[_.\-])(?:public|pub)[_.\-]?key|_file$|_path$|_env$|_name$|_url$|_id$",
    re.IGNORECASE,
)
# Values that are names or references, not secrets.
VALUE_NOT_SECRET = (
    re.compile(r"^[A-Z][A-Z0-9_]*$"),  # an environment variable's name: "HF_TOKEN"
    re.compile(r"^[A-Za-z_][A-Za-z_.\-]*$"),  # an identifier or a word: "tokenizer.pad"
    re.compile(r"^\$\{?[A-Za-z_]\w*\}?$|^\$\(|^%[A-Za-z_]\w*%$"),  # $VAR ${VAR} %VAR%
    re.compile(r"environ|getenv|secrets\.|vault:|keyring|\{|\}|\(|\)"),  # references
    re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
    re.compile(r"^(?:sha|md5|blake)[\w\-]*[:=]", re.IGNORECASE),  # "sha256:..."
    re.compile(r"^(?:https?|file|s3|gs)://|^[~.]?/|\.(?:json|ya?ml|txt|pem|key|env|cfg|ini)$"),
    re.compile(r"^\d+(?:\.\d+)*$|^(?:true|false|none|null|nil)$", re.IGNORECASE),
    # A password hash: bcrypt, argon2, scrypt, crypt(3), Django's "pbkdf2_sha256$...".
    re.compile(
        r"^\$(?:2[abxy]?|argon2(?:id|i|d)|scrypt|pbkdf2[\w\-]*|[156])\$"
        r"|^(?:pbkdf2_sha\d+|argon2|bcrypt(?:_sha256)?|scrypt)\$"
    ),
    re.compile(r"^v?\d[\d.\-+~,*<>=!]*$"),  # a version or a range: "3.0-3.12"
    re.compile(r"pass(?:word|wd)|secret", re.IGNORECASE),  # "password1", "my-secret-key"
)
PASSWORD_WORD = re.compile(r"pass|pwd", re.IGNORECASE)
# A hash's hex digits, which a key saying so ("token_sha256", "password_md5") holds.
HEX_DIGEST = re.compile(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}")
HASH_KEY = re.compile(
    r"(?:^|[_.\-])(?:hash(?:ed)?|digest|checksum|sha\d*|md5|blake\w*|etag|fingerprint)(?:$|[_.\-])"
)
# A dotted name, "module.attr" or "pkg.mod:Class" (or "this.flag?" of a ternary), and the
# parts of one that read as names: snake_case, UPPER_CASE, letters in any case ("IPython");
# not letters and digits in mixed case, as random values are ("bbpzXK063").
DOTTED_NAME = re.compile(r"[A-Za-z_]\w*(?:[.:][A-Za-z_]\w*)+[:?]?")
NAME = re.compile(r"[a-z_][a-z0-9_]*|[A-Z][A-Z0-9_]*|[A-Za-z]+")


def _key(hit: re.Match[str], text: str) -> str:
    """The whole name a credential word ends: "db_password", "self.client_secret"."""
    start = hit.start("word")
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
        start -= 1
    if start > 0 and text[start - 1] == "\\" and text[start] in "nrt":
        start += 1  # the letter of a JSON escape before the name: "...\nDB_PASSWORD=..."
    return text[start : hit.end("word")].lstrip("-.")


def _snake_case(key: str) -> str:
    """``key`` in lowercase words joined by ``_``: "passwordSha256" is "password_sha256"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()


def _generic_ok(hit: re.Match[str], key: str, secret: str) -> bool:
    """Whether a credential-named assignment's value looks like a real secret."""
    if KEY_STOPWORDS.search(key):
        return False
    if any(pattern.search(secret) for pattern in VALUE_NOT_SECRET):
        return False
    if HEX_DIGEST.fullmatch(secret) and HASH_KEY.search(_snake_case(key)):
        return False
    unquoted = hit.group("secret2") is not None
    if DOTTED_NAME.fullmatch(secret) and (
        unquoted or all(NAME.fullmatch(part) for part in re.split(r"[.:]", secret.rstrip(":?")))
    ):
        return False  # a reference in code or configuration: "settings.DB_PASSWORD"
    if unquoted and "_" in secret and NAME.fullmatch(secret.rstrip(":")):
        return False  # an unquoted name in code: "password = db_password_v2"
    classes = sum(
        (
            any(c.islower() for c in secret),
            any(c.isupper() for c in secret),
            any(c.isdigit() for c in secret),
            any(not c.isalnum() for c in secret),
        )
    )
    if PASSWORD_WORD.search(hit.group("word")):
        return len(secret) >= 8 and classes >= 2 and entropy(secret) >= 2.5
    return len(secret) >= 16 and classes >= 2 and entropy(secret) >= 3.5


URL_PLACEHOLDERS = re.compile(
    r"^(?:pass(?:word|wd)?|pwd|secret|token|key|changeme|admin|root|guest|test|demo|user"
    r"|username|me|foo|bar|x+|\*+|\.+|-+|_+|\d{1,6}|pa\$\$word|p@ssw[o0]rd)$"
    r"|^[$%{<\[]|[}>\]]$|^your|password|passwd|secret|^\d{1,5},",
    re.IGNORECASE,
)
# Hosts reserved for documentation and tests (RFC 2606, RFC 6761).
EXAMPLE_HOST = re.compile(
    r"[\w.\-]*?(?<![\w\-])(?:example\.(?:com|org|net)|[\w\-]+\.(?:example|test|invalid))"
    r"(?![\w\-.])",
    re.IGNORECASE,
)


def _url_ok(hit: re.Match[str], secret: str) -> bool:
    """Whether a URL's password is a real one, not a template or a documentation value."""
    if URL_PLACEHOLDERS.search(secret) or secret == hit.group("user"):
        return False
    if re.fullmatch(r"[a-z]+", secret):  # a word: "prefix" in "models://scope:prefix@..."
        return False
    return not EXAMPLE_HOST.match(hit.string, hit.end())
