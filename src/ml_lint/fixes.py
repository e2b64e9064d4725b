"""Fixed files: written all or nothing with their permissions kept, or shown as a diff.

Imported only when fixing (difflib's import is a cost a plain check does not pay).
"""

from __future__ import annotations

import difflib
import errno
import os
import tempfile


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through a temporary file and a rename.

    If writing or renaming fails, the temporary file is removed and the error passed on;
    the file at ``path`` is left as it was. The new file gets the old one's mode, owner and
    group. Where a rename would lose something, the file is written in place instead (its old
    content written back if that fails): a file with other hard links (every name keeps
    showing the same content), with extended attributes (ACLs, labels), whose owner or group
    this user cannot give a new file, or in a directory this user cannot write.

    Args:
        path: The file to replace; a symlink is followed, so its target is replaced.
        text: The new content, written with its line endings as they are.

    Raises:
        PermissionError: If the file is read-only, or not writable by this user (renaming
            over it would work, but the file says it is not to be changed).
    """
    path = os.path.realpath(path)  # write through a symlink, never replace the link
    directory = os.path.dirname(path)
    status = os.stat(path)
    mode = status.st_mode & 0o7777
    # The rename would succeed wherever the directory is writable; the file says otherwise.
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "you have no permission to write it")
    if status.st_nlink > 1 or _has_extended_attributes(path):
        _write_in_place(path, text)
        return
    try:
        handle, temp = tempfile.mkstemp(dir=directory, prefix=".ml-lint-", suffix=".tmp")
    except PermissionError:  # the file may be written, its directory not
        _write_in_place(path, text)
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        renamed = _same_owner(temp, status)
        if renamed:
            os.chmod(temp, mode)  # after chown, which clears the set-id bits
            os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
    if not renamed:
        os.unlink(temp)
        _write_in_place(path, text)


def _has_extended_attributes(path: str) -> bool:
    listxattr = getattr(os, "listxattr", None)  # Linux only
    try:
        return bool(listxattr(path)) if listxattr is not None else False
    except OSError:  # a file system without them
        return False


def _same_owner(temp: str, status: os.stat_result) -> bool:
    """Give ``temp`` the owner and group of the file ``status`` describes; False if not allowed."""
    made = os.stat(temp)
    if (made.st_uid, made.st_gid) == (status.st_uid, status.st_gid):
        return True
    try:
        os.chown(temp, status.st_uid, status.st_gid)
    except PermissionError:
        return False
    return True


def _write_in_place(path: str, text: str) -> None:
    """Rewrite ``path`` through its own inode; put the old bytes back if the write fails."""
    with open(path, "rb") as handle:
        old = handle.read()
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    except BaseException:
        with open(path, "wb") as out:  # no larger than before, so it fits where the new did not
            out.write(old)
        raise


def unified_diff(path: str, old: str, new: str) -> str:
    """The change from ``old`` to ``new`` as a unified diff that ``git apply`` takes.

    Args:
        path: The file's path, from the directory the patch is applied in.
        old: The file's content.
        new: The fixed content.

    Returns:
        The diff, with ``a/`` and ``b/`` path prefixes; line endings are kept as written.
    """
    import io

    # Lines end at \n, as git counts them: a \r before it, or alone, is part of the line.
    before = io.StringIO(old, newline="\n").readlines()
    after = io.StringIO(new, newline="\n").readlines()
    out = [f"--- {_name('a/' + path)}\n", f"+++ {_name('b/' + path)}\n"] if before != after else []
    for group in _Matcher(before, after).get_grouped_opcodes(3):
        (_, i1, _, j1, _), (_, _, i2, _, j2) = group[0], group[-1]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [" " + line for line in before[a1:a2]]
                continue
            out += ["-" + line for line in before[a1:a2]]
            out += ["+" + line for line in after[b1:b2]]
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out
    )


# How git writes a path with a quote, a backslash or a control character: in C quotes.
ESCAPES = {"\a": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", '"': '"'}


def _name(path: str) -> str:
    """``path`` as a diff header names it: in C quotes, as git quotes it, where it must be."""
    if path.isprintable() and '"' not in path and "\\" not in path:
        return path
    quoted = []
    for char in path:
        if char == "\\" or char in ESCAPES:
            quoted.append("\\" + ESCAPES.get(char, char))
        elif char < " " or char == "\x7f":
            quoted.append(f"\\{ord(char):03o}")
        else:
            quoted.append(char)
    return '"' + "".join(quoted) + '"'


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it: ``start,length`` (1-based; empty: before)."""
    length = stop - start
    first = start + 1 if length else start
    return str(first) if length == 1 else f"{first},{length}"


class _Matcher(difflib.SequenceMatcher[str]):
    """``difflib.SequenceMatcher`` that first aligns the lines found once in each file.

    A fixed file differs from the original in many small places. SequenceMatcher alone
    compares the whole files and slows down quadratically with the number of those places
    (37 s for a file of 5,000 fixed functions); anchored on the lines that occur once in both
    (patience diff), it compares only the few lines between two anchors.
    """

    def __init__(self, before: list[str], after: list[str]) -> None:
        super().__init__(None, before, after)
        self.before, self.after = before, after

    def get_matching_blocks(self) -> list[difflib.Match]:
        """The runs of equal lines, as ``SequenceMatcher`` gives them, ending in a sentinel.

        Returns:
            ``(i, j, size)`` triples, in order, the last ``(len(a), len(b), 0)``.
        """
        a, b = self.before, self.after
        blocks: list[tuple[int, int, int]] = []
        i0 = j0 = 0
        for i1, j1 in [*_anchors(a, b), (len(a), len(b))]:
            gap = difflib.SequenceMatcher(None, a[i0:i1], b[j0:j1]).get_matching_blocks()
            blocks += [(i0 + i, j0 + j, size) for i, j, size in gap if size]
            if i1 < len(a):
                blocks.append((i1, j1, 1))
            i0, j0 = i1 + 1, j1 + 1
        merged: list[tuple[int, int, int]] = []
        for i, j, size in blocks:
            if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
                merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
            else:
                merged.append((i, j, size))
        return [difflib.Match(*block) for block in [*merged, (len(a), len(b), 0)]]


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """(i, j) of lines that occur once in ``a`` and once in ``b``, in an order both share.

    The longest run of them whose positions increase in both (patience diff's anchors).
    """
    import bisect
    from collections import Counter

    count_a, count_b = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if count_b[line] == 1}
    pairs = [
        (i, where_b[line]) for i, line in enumerate(a) if count_a[line] == 1 and line in where_b
    ]
    # Longest increasing subsequence of the j's, by patience sorting.
    tops: list[int] = []  # the smallest last j of an increasing run of each length
    ends: list[int] = []  # the index into pairs of that run's last pair
    back: list[int] = []  # the previous pair's index in each pair's best run
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        back.append(ends[length - 1] if length else -1)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
    chain = []
    index = ends[-1] if ends else -1
    while index != -1:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]
