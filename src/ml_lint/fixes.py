"""Writing fixed files: all or nothing, with the file's permissions kept."""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through a temporary file and a rename.

    If writing or renaming fails, the temporary file is removed and the error passed on;
    the file at ``path`` is left as it was.

    Args:
        path: The file to replace; a symlink is followed, so its target is replaced.
        text: The new content, written with its line endings as they are.
    """
    path = os.path.realpath(path)  # write through a symlink, never replace the link
    directory = os.path.dirname(path)
    mode = os.stat(path).st_mode & 0o7777
    handle, temp = tempfile.mkstemp(dir=directory, prefix=".ml-lint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
