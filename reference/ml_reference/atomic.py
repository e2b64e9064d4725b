"""Atomic file writes: readers see the old file or the complete new one, never a partial one."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write"]


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> Path:
    """Write ``path`` through a temporary file in the same directory, fsync, then ``os.replace``.

    A crash, a full disk or an exception in ``write`` leaves any previous file intact and no
    temporary file behind.

    Args:
        path: The file to write; its directory must exist.
        write: Writes the content to the binary file object it is given.

    Returns:
        The path written.
    """
    path = Path(path)
    # A unique name in the same directory (os.replace is atomic only within one file system);
    # "x" mode refuses to clobber anything and, unlike mkstemp, honours the umask.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        with tmp.open("xb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        # After a successful os.replace the temporary name is gone and this does nothing;
        # after a failure it removes the partial file.
        tmp.unlink(missing_ok=True)
    _fsync_directory(path.parent)
    return path


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened.

    Args:
        directory: The directory that holds the renamed file.
    """
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a directory.
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
