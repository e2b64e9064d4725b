"""Fixed files: written all or nothing with their permissions kept, or shown as a diff."""

from __future__ import annotations

import errno
import os
import tempfile


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through a temporary file and a rename.

    If writing or renaming fails, the temporary file is removed and the error passed on;
    the file at ``path`` is left as it was.

    Args:
        path: The file to replace; a symlink is followed, so its target is replaced.
        text: The new content, written with its line endings as they are.

    Raises:
        PermissionError: If the file is read-only, or not writable by this user (renaming
            over it would work, but the file says it is not to be changed).
    """
    path = os.path.realpath(path)  # write through a symlink, never replace the link
    directory = os.path.dirname(path)
    mode = os.stat(path).st_mode & 0o7777
    # The rename would succeed wherever the directory is writable; the file says otherwise.
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "you have no permission to write it")
    handle, temp = tempfile.mkstemp(dir=directory, prefix=".ml-lint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
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
    import difflib
    import io

    # Lines end at \n, as git counts them: a \r before it, or alone, is part of the line.
    before = io.StringIO(old, newline="\n").readlines()
    after = io.StringIO(new, newline="\n").readlines()
    lines = difflib.unified_diff(before, after, fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
