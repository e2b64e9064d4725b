"""The secrets baseline: fingerprints of accepted findings, so that only new ones are reported.

A baseline is a JSON file that ``ml-lint secrets --update-baseline`` writes and
``--baseline FILE`` reads::

    {
      "version": 1,
      "tool": "ml-lint secrets",
      "findings": [
        {"path": "tests/fixtures/config.yaml", "rule": "ML401", "name": "secret-token",
         "detector": "huggingface-token", "fingerprint": "1a2b3c4d5e6f7a8b"}
      ]
    }

An entry that a history scan (``--history``, ``--pre-push``) accepted also says
``"origin": "history"``: updating the baseline from the files never drops it, because a
secret removed from a file is still in the commits that added it.

It never holds a secret, nor a line number: the fingerprint is a hash of the detector and
the secret (``ml_lint.secrets.fingerprint``), so moving code around a secret, or the secret
within its file, changes nothing in the baseline. Entries are sorted and unique, so
rewriting an unchanged baseline writes the same bytes. A finding is covered when its
fingerprint (and rule) is in the baseline, whatever its path: a history scan sees files
under the names they had then. The path is there for the people who review the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable

from ml_lint.errors import UsageError
from ml_lint.model import Finding
from ml_lint.records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

VERSION = 1
SECRETS_FAMILY = "ML4"  # the rules whose findings a baseline accepts
TOOL = "ml-lint secrets"
HISTORY = "history"
ORIGINS = ("", HISTORY)


class Entry(NamedTuple):
    """One accepted finding. Ordered so that sorting entries sorts them by path first.

    Attributes:
        path: The file the finding was in, for the people who review the baseline.
        rule: The finding's rule code.
        name: The rule's name.
        detector: The id of the detector that found the secret; ``""`` when unknown.
        fingerprint: The finding's fingerprint, from ``finding_fingerprint``.
        origin: ``"history"`` when a history scan accepted the finding, else ``""`` (files).
    """

    path: str
    rule: str
    name: str
    detector: str
    fingerprint: str
    origin: str = ""

    def as_dict(self) -> dict[str, str]:
        """The entry as the baseline file stores it (``detector``, ``origin`` only when set).

        Returns:
            The entry's fields by name.
        """
        data = self._asdict()
        for optional in ("detector", "origin"):
            if not data[optional]:
                del data[optional]
        return data


def finding_fingerprint(result: Finding) -> str:
    """The finding's fingerprint; findings without one (a whole file) hash rule and path.

    A secret file (ML405) or a missing .gitignore entry (ML406) holds no secret to hash:
    its identity is the rule and the file.

    Args:
        result: The finding.

    Returns:
        16 hex digits.
    """
    if result.fingerprint:
        return result.fingerprint
    digest = hashlib.sha256(f"ml-lint-file\0{result.code}\0{result.path}".encode())
    return digest.hexdigest()[:16]


def entry(result: Finding, origin: str = "") -> Entry:
    """The baseline entry that accepts ``result``.

    Args:
        result: The finding.
        origin: ``"history"`` for a finding of a history scan, else ``""``.

    Returns:
        The entry.
    """
    fingerprint = finding_fingerprint(result)
    return Entry(result.path, result.code, result.name, result.detector or "", fingerprint, origin)


class Baseline(NamedTuple):
    """The accepted findings of one baseline file.

    Attributes:
        path: The baseline file.
        entries: Its entries, sorted and unique.
    """

    path: str
    entries: tuple[Entry, ...]

    @property
    def keys(self) -> frozenset[tuple[str, str]]:
        """(rule, fingerprint) of every entry."""
        return frozenset((item.rule, item.fingerprint) for item in self.entries)

    def covers(self, result: Finding) -> bool:
        """Whether the baseline accepts ``result``.

        Args:
            result: The finding.

        Returns:
            True if an entry has the finding's rule and fingerprint.
        """
        key = (result.code, finding_fingerprint(result))
        return result.code.startswith(SECRETS_FAMILY) and key in self.keys

    def without(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline does not accept, in their order.

        Args:
            findings: The findings to filter.

        Returns:
            The findings no entry covers.
        """
        keys = self.keys
        # No fingerprint to compute for any other finding; an entry of another family (an
        # unreadable directory's, from an older baseline) accepts nothing.
        rules = {rule for rule, _ in keys if rule.startswith(SECRETS_FAMILY)}
        return [
            f
            for f in findings
            if f.code not in rules or (f.code, finding_fingerprint(f)) not in keys
        ]


def load(path: str) -> Baseline:
    """Read a baseline; a file that does not exist is an empty baseline.

    Args:
        path: The baseline file.

    Returns:
        The baseline, its entries sorted and unique.

    Raises:
        UsageError: If the file cannot be read or is not a baseline.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return Baseline(path, ())
    except OSError as error:
        raise UsageError(f"cannot read baseline {path}: {error.strerror}") from None
    except UnicodeDecodeError:  # PowerShell 5's `>` writes UTF-16, for one
        raise UsageError(f"baseline {path} is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"baseline {path} is not valid JSON: {error}") from None
    except RecursionError:
        raise UsageError(f"baseline {path} is not valid JSON: it nests too deeply") from None
    return Baseline(path, _entries(data, path))


def _entries(data: Any, path: str) -> tuple[Entry, ...]:
    problem = f"baseline {path} is not an ml-lint secrets baseline"
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise UsageError(f"{problem} (expected an object with a list of findings)")
    if data.get("version") != VERSION:
        raise UsageError(f"{problem} of version {VERSION} (found {data.get('version')!r})")
    entries = []
    for number, item in enumerate(data["findings"], start=1):
        fields = item if isinstance(item, dict) else {}
        values = [fields.get(key, "") for key in Entry._fields]
        strings = all(isinstance(value, str) for value in values)
        if not (strings and fields.get("rule") and fields.get("fingerprint")):
            raise UsageError(f"{problem}: finding {number} needs string rule and fingerprint")
        if fields.get("origin", "") not in ORIGINS:
            raise UsageError(f"{problem}: finding {number} has origin {fields['origin']!r}")
        entries.append(Entry(*values))
    return tuple(sorted(set(entries)))


def updated(
    old: Baseline, findings: Iterable[Finding], scanned: Iterable[str] | None
) -> tuple[Entry, ...]:
    """The entries of the new baseline: the findings now, plus old entries not rescanned.

    Args:
        old: The baseline as it was (empty if the file did not exist).
        findings: Every finding of this run, baselined or not.
        scanned: The paths this run scanned; old entries of other paths, and every entry a
            history scan accepted, are kept. None (a history scan) keeps every old entry.

    Returns:
        The sorted, unique entries.
    """
    # Only secrets are accepted: a directory or file that could not be read (ML001, ML002)
    # must keep being reported, or what it holds would never be scanned.
    findings = [result for result in findings if result.code.startswith(SECRETS_FAMILY)]
    if scanned is None:  # a history scan's entry replaces a files entry of the same secret
        current = {entry(result, HISTORY) for result in findings}
        accepted = {_same(item) for item in current}
        kept = {item for item in old.entries if _same(item) not in accepted}
    else:  # a secret a history entry accepts needs no files entry too
        from_history = {_same(item) for item in old.entries if item.origin}
        current = {item for item in map(entry, findings) if _same(item) not in from_history}
        paths = set(scanned)
        kept = {item for item in old.entries if item.origin or item.path not in paths}
    kept = {item for item in kept if item.rule.startswith(SECRETS_FAMILY)}
    return tuple(sorted(current | kept))


def _same(item: Entry) -> tuple[str, str, str]:
    """What makes two entries accept the same finding, whatever their origin."""
    return item.path, item.rule, item.fingerprint


def render(entries: Iterable[Entry]) -> str:
    """The baseline file's text: stable for the same entries, ending in a newline.

    Args:
        entries: The entries, in any order, duplicates allowed.

    Returns:
        The JSON text.
    """
    document = {
        "version": VERSION,
        "tool": TOOL,
        "findings": [item.as_dict() for item in sorted(set(entries))],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: str, entries: Iterable[Entry]) -> bool:
    """Write the baseline if its text changes; return whether it did.

    Args:
        path: The baseline file.
        entries: The entries to write.

    Returns:
        True if the file was written, False if it already had this text.

    Raises:
        UsageError: If the file cannot be written.
    """
    text = render(entries)
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return False
    except OSError:
        pass
    directory = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise UsageError(f"cannot write baseline {path}: {error.strerror}") from None
    return True
