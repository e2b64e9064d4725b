"""One file under check: read, decoded and parsed at most once, and only when asked."""

from __future__ import annotations

import os

from ml_lint.model import Finding, Rule, finding, is_file_path
from ml_lint.rules import general

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast
    from typing import Any

    from ml_lint.notebook import CellSource

PYTHON_SUFFIXES = (".py", ".pyi")
NOTEBOOK_SUFFIXES = (".ipynb",)
SNIFF_SIZE = 8192  # a NUL byte in this many leading bytes marks a binary file
BOM = b"\xef\xbb\xbf"  # the UTF-8 byte-order mark some editors write first
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # little- and big-endian
# Never text: kind "binary", which no checker reads, so they are never opened.
BINARY_SUFFIXES = (
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".psd",
    ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".tar", ".whl", ".egg",
    ".so", ".dylib", ".dll", ".exe", ".o", ".a", ".lib", ".pyc", ".pyo", ".pyd", ".class",
    ".jar", ".bin", ".pt", ".pth", ".ckpt", ".safetensors", ".onnx", ".pb", ".tflite",
    ".h5", ".hdf5", ".keras", ".npy", ".npz", ".pkl", ".pickle", ".joblib", ".parquet",
    ".arrow", ".feather", ".avro", ".orc", ".db", ".sqlite", ".sqlite3", ".lmdb", ".mdb",
    ".tfrecord", ".msgpack", ".gguf", ".ggml", ".mp3", ".mp4", ".wav", ".flac", ".ogg",
    ".avi", ".mov", ".mkv", ".webm", ".woff", ".woff2", ".ttf", ".otf", ".eot",
)  # fmt: skip


SHEBANG_SIZE = 128  # enough for any interpreter line a script starts with


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _character_offset(text: str, error: SyntaxError) -> int:
    """The column of a syntax error in characters, on a line with non-ASCII characters.

    A few of CPython's tokenizer errors (``0777``) give a byte offset, the rest characters;
    nothing tells which. With every non-ASCII character made one ASCII letter, bytes and
    characters agree: the same error found there is placed in characters.
    """
    import ast
    import re

    try:
        ast.parse(re.sub(r"[^\x00-\x7f]", "x", text), filename="<ml-lint>")
    except SyntaxError as again:
        if (again.lineno, again.msg) == (error.lineno, error.msg) and again.offset:
            return again.offset
    except (ValueError, RecursionError, MemoryError):
        pass
    return error.offset or 1


class SourceError(Exception):
    """The file cannot be read or parsed; carries the one finding that says so."""

    def __init__(self, result: Finding) -> None:
        super().__init__(result.message)
        self.finding = result


def file_kind(path: str) -> str:
    """``python``, ``notebook``, ``binary`` (by its suffix) or ``other``, from the file name.

    Args:
        path: The file's path or name.

    Returns:
        The kind, which decides the checkers that read the file.
    """
    if path.endswith(PYTHON_SUFFIXES):
        return "python"
    if path.endswith(NOTEBOOK_SUFFIXES):
        return "notebook"
    if path.lower().endswith(BINARY_SUFFIXES):
        return "binary"
    return "other"


class SourceFile:
    """A file's bytes, text, lines and syntax tree, each computed lazily and cached.

    A failure is cached too, so a file that does not decode or parse is reported once
    however many checkers ask for it.

    Args:
        path: Where the file is in the work tree.
        relpath: The repo-relative POSIX path findings use; bytes that are not UTF-8 in a
            file name are shown as U+FFFD so that every report can be written, and a name
            that looks like a ``commit:`` or ``branch:`` pseudo path gets a leading ``./``.
        index_root: Read the staged content (the git index of the work tree at this root)
            instead of the file on disk.
    """

    def __init__(self, path: str, relpath: str, index_root: str | None = None) -> None:
        self.path = path
        self.relpath = relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        self.exact_name = self.relpath == relpath  # no byte of the name is shown as U+FFFD
        if not is_file_path(self.relpath):
            self.relpath = "./" + self.relpath
        kind = file_kind(relpath)
        # A file without a suffix may be a script: its first line decides, when asked.
        self._kind: str | None = None if kind == "other" and "." not in _name(relpath) else kind
        self.index_root = index_root
        self._given = False  # content given in memory, not read from ``path``
        self._cache: dict[str, Any] = {}

    def release(self) -> None:
        """Forget what was read and parsed, once the file is checked.

        Syntax trees kept for a whole run would make the garbage collector scan them again
        at every collection, which costs more than the parsing itself on large trees.
        """
        self._cache.clear()

    @property
    def kind(self) -> str:
        """``file_kind`` of the path, and ``python`` for a script named without a suffix.

        A script is a file whose first line is a ``#!`` line naming Python, such as
        ``#!/usr/bin/env python3``: pre-commit passes such files to Python hooks.
        """
        if self._kind is None:
            self._kind = "python" if self._python_script() else "other"
        return self._kind

    @kind.setter
    def kind(self, value: str) -> None:
        self._kind = value

    def _python_script(self) -> bool:
        """Whether the first line is a ``#!`` line naming Python, read without the rest."""
        try:
            if "bytes" in self._cache or self.index_root is not None:
                head = self.data[:SHEBANG_SIZE]
            else:  # a data file without a suffix may be large: read its first line only
                head = read_regular(self.path, SHEBANG_SIZE)
        except (SourceError, OSError):  # reported by whatever reads it
            return False
        first = head.split(b"\n", 1)[0]
        return first.startswith(b"#!") and b"python" in first

    @property
    def in_memory(self) -> bool:
        """Whether the content comes from somewhere other than the file at ``path``.

        Content given (``from_text``, ``from_bytes``) or staged in the git index.
        """
        return self.index_root is not None or self._given

    @classmethod
    def from_text(
        cls, relpath: str, text: str, kind: str = "python", path: str | None = None
    ) -> SourceFile:
        """A file that exists only in memory, such as a notebook's code cell.

        Args:
            relpath: The path findings use (a notebook cell's is the notebook's).
            text: The content.
            kind: The file kind, as ``file_kind`` gives it.
            path: Where the content's file is (a notebook cell's is the notebook's);
                ``relpath`` when not given.

        Returns:
            The file, its text cached so that it is never read from disk.
        """
        source = cls(relpath if path is None else path, relpath)
        source.kind = kind
        source._cache["text"] = text
        source._given = True
        return source

    @classmethod
    def from_bytes(cls, path: str, relpath: str, data: bytes) -> SourceFile:
        """A file whose content was read elsewhere, such as an editor's buffer on stdin.

        Args:
            path: Where the file would be, for its kind and the configuration.
            relpath: The path findings use.
            data: The content.

        Returns:
            The file, its bytes cached so that it is never read from disk.
        """
        source = cls(path, relpath)
        source._cache["bytes"] = data
        source._given = True
        return source

    def _get(self, key: str, compute: Any) -> Any:
        if key not in self._cache:
            try:
                self._cache[key] = compute()
            except SourceError as error:
                self._cache[key] = error
        value = self._cache[key]
        if isinstance(value, SourceError):
            raise value
        return value

    def _fail(self, rule: Rule, message: str, line: int = 1, column: int = 1) -> SourceError:
        return SourceError(finding(rule, self.relpath, message, line, column))

    @property
    def data(self) -> bytes:
        """The raw bytes."""
        result: bytes = self._get("bytes", self._read)
        return result

    def _read(self) -> bytes:
        if self.index_root is not None:
            from ml_lint import gitutil

            try:
                return gitutil.read_index(self.index_root, self.path)
            except gitutil.GitError as error:
                raise self._fail(general.UNREADABLE_FILE, str(error)) from None
        try:
            return read_regular(self.path)
        except OSError as error:
            raise self._fail(general.UNREADABLE_FILE, _unreadable(self.path, error)) from None

    def looks_binary(self) -> bool:
        """Whether the first 8 KB hold a NUL byte, read without reading a file on disk whole.

        Returns:
            True if the file looks binary.
        """
        if isinstance(self._cache.get("text"), str):  # in memory
            return "\0" in self._cache["text"][:SNIFF_SIZE]
        if "bytes" in self._cache or self.index_root is not None:
            return b"\0" in self.data[:SNIFF_SIZE]
        try:
            return b"\0" in read_regular(self.path, SNIFF_SIZE)
        except OSError:
            return b"\0" in self.data[:SNIFF_SIZE]  # raises the unreadable-file finding

    def size(self) -> int:
        """The size in bytes, from the file system when the content is not read yet.

        Returns:
            The size in bytes (of the UTF-8 text, for a file in memory).
        """
        if isinstance(self._cache.get("text"), str) and "bytes" not in self._cache:  # in memory
            return len(self._cache["text"].encode("utf-8", "surrogatepass"))
        if "bytes" in self._cache or self.index_root is not None:
            return len(self.data)
        try:
            return os.path.getsize(self.path)
        except OSError:
            return len(self.data)  # raises the unreadable-file finding

    @property
    def text(self) -> str:
        """The content decoded as UTF-8 (a BOM is dropped), with newlines kept as written."""
        result: str = self._get("text", self._decode)
        return result

    def _decode(self) -> str:
        data = self.data
        if data.startswith(UTF16_BOMS):  # what Windows PowerShell 5 writes with `>`
            message = "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
            raise self._fail(general.UNREADABLE_FILE, message)
        if b"\0" in data[:SNIFF_SIZE]:
            raise self._fail(general.UNREADABLE_FILE, "file looks binary (contains NUL bytes)")
        skipped = len(BOM) if data.startswith(BOM) else 0
        try:
            return data[skipped:].decode("utf-8")  # "utf-8-sig" would import one more codec
        except UnicodeDecodeError as error:
            offset = skipped + error.start
            head = data[:offset]
            line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
            raise self._fail(
                general.UNREADABLE_FILE,
                f"file is not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}); "
                "re-save it as UTF-8",
                line,
            ) from None

    @property
    def lines(self) -> list[str]:
        """The text split into lines, without line endings."""
        result: list[str] = self._get("lines", lambda: split_lines(self.text))
        return result

    @property
    def tree(self) -> ast.Module:
        """The Python syntax tree."""
        result: ast.Module = self._get("tree", self._parse)
        return result

    def _parse(self) -> ast.Module:
        import ast

        text = self.text
        data: bytes | None = self._cache.get("bytes")
        # The bytes parse as the text does unless a coding cookie names another codec, and
        # parsing them spares CPython encoding non-ASCII text back to UTF-8. Not the real
        # file name: CPython reads an existing file named so to place a syntax error, which
        # is wrong for notebook cells and staged content.
        if data is not None and b"coding" not in _head(data):
            try:
                return ast.parse(data, filename="<ml-lint>")
            except (SyntaxError, ValueError):
                pass  # the text's parse below places the error in characters, not bytes
            except (RecursionError, MemoryError):
                raise self._too_deep() from None
        nul = text.find("\0")  # past the binary sniff, where CPython's error has no place
        if nul != -1:
            head = split_lines(text[:nul] + "\0")  # its lines up to the NUL, which ends the last
            line, column = len(head), len(head[-1])
            message = "cannot parse Python: a NUL byte is here; remove it"
            raise self._fail(general.SYNTAX_ERROR, message, line, column)
        try:
            return ast.parse(text, filename="<ml-lint>")
        except (RecursionError, MemoryError):
            raise self._too_deep() from None
        except SyntaxError as error:
            line = error.lineno or 1
            row = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            offset = error.offset or 1
            if not row.isascii():
                offset = _character_offset(text, error)
            column = min(offset, len(row) + 1)  # never past the line's end
            from ml_lint.newer_syntax import hint

            message = f"cannot parse Python: {error.msg}{hint(error.msg, row)}"
            raise self._fail(general.SYNTAX_ERROR, message, line, column) from None

    def parses(self) -> bool:
        """Whether the file parses as Python (parsed once, for every checker).

        Returns:
            False if reading or parsing it fails.
        """
        try:
            return self.tree is not None
        except SourceError:
            return False

    def _too_deep(self) -> SourceError:
        # CPython's parser gives up on expressions nested thousands deep (a generated file):
        # MemoryError or RecursionError, depending on where.
        message = "cannot parse Python: it nests too deeply for Python's parser"
        return self._fail(general.SYNTAX_ERROR, message, 1, 1)

    @property
    def notebook(self) -> dict[str, Any]:
        """The parsed notebook, in nbformat 4."""
        result: dict[str, Any] = self._get("notebook", self._parse_notebook)
        return result

    def _parse_notebook(self) -> dict[str, Any]:
        from ml_lint import notebook
        from ml_lint.rules import notebooks

        try:
            return notebook.parse(self.text)
        except notebook.NotebookError as error:
            raise self._fail(notebooks.INVALID, str(error), error.line, error.column) from None

    @property
    def code_cells(self) -> list[tuple[int, SourceFile]]:
        """A notebook's code cells as in-memory Python files, with their 1-based numbers.

        IPython syntax is blanked out (see ``notebook.python_source``); each cell is parsed
        at most once, however many checkers ask.
        """
        result: list[tuple[int, SourceFile]] = self._get("cells", self._split_cells)
        return result

    def _split_cells(self) -> list[tuple[int, SourceFile]]:
        from ml_lint import notebook

        cells = notebook.code_cells(self.notebook)
        self._cache["dedented"] = {number: cell for number, cell in cells if cell.indent}
        return [
            (number, SourceFile.from_text(self.relpath, cell.text, path=self.path))
            for number, cell in cells
        ]

    def cell_columns(self, result: Finding) -> Finding:
        """``result`` with the columns a code cell has, where the cell's indent was removed.

        A cell whose first line is indented is checked dedented, as IPython runs it
        (``notebook.python_source``); a finding's columns count in the cell as written.

        Args:
            result: A finding of this notebook.

        Returns:
            The finding, its columns moved right on lines whose indent was removed.
        """
        if result.cell is None:
            return result
        return result._replace(
            column=self.cell_column(result.cell, result.line, result.column),
            end_column=self.cell_column(result.cell, result.end_line, result.end_column),
        )

    def cell_column(self, cell: int, line: int, column: int) -> int:
        """The 1-based column in code cell ``cell`` as written of a column as checked.

        Args:
            cell: The code cell's number.
            line: The 1-based line in the cell.
            column: The 1-based column in the cell as checked (dedented, if it was).

        Returns:
            The column in the cell as written.
        """
        dedented: dict[int, CellSource] = self._cache.get("dedented") or {}
        layout = dedented.get(cell)
        return column if layout is None else layout.column(line, column)

    def contains(self, needle: str) -> bool:
        """Whether the text holds ``needle``, found once per file and needle.

        Args:
            needle: The text to look for.

        Returns:
            True if the text contains it.
        """
        key = "contains " + needle
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = needle in self.text
        return found

    def column(self, line: int, byte_offset: int) -> int:
        """Convert an ast byte offset on a 1-based ``line`` to a 1-based character column.

        Args:
            line: The 1-based line number; one outside the file counts as an empty line.
            byte_offset: The 0-based UTF-8 byte offset in the line, as ``ast`` gives it.

        Returns:
            The 1-based column in characters.
        """
        lines = self.lines
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if text.isascii():
            return min(byte_offset, len(text)) + 1
        return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "replace")) + 1


# What marks the root of a project: a file's place in its project, not in the directory
# ml-lint was run from, decides whether it is a test file or a private module.
PROJECT_MARKERS = ("pyproject.toml", ".git", "setup.py", "setup.cfg")
_marked_directories: dict[str, bool] = {}  # each directory looked at once per run


def project_relpath(source: SourceFile, base: str) -> str:
    """The file's POSIX path from the root of its own project, such as ``pkg/_impl.py``.

    The project root is the deepest directory above the file, up to ``base``, that holds
    pyproject.toml, setup.py, setup.cfg or .git: ``ml-lint check _work/proj`` places the
    files of ``proj`` as a run inside it does. Content given in memory or staged is placed
    where its ``path`` is (a notebook cell where its notebook is).

    Args:
        source: The file.
        base: The configuration's directory: no directory above it is a project root.

    Returns:
        The path from the project root; ``source.relpath`` when no directory holds a marker.
    """
    path = os.path.abspath(source.path)
    base = os.path.abspath(base)
    inside = base if base.endswith(os.sep) else base + os.sep
    directory = os.path.dirname(path)
    while directory == base or directory.startswith(inside):
        if _holds_marker(directory):
            # ``path`` is normalized and under ``directory``: what ``os.path.relpath`` gives
            return path[len(directory.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
        parent = os.path.dirname(directory)
        if parent == directory:  # the file system's root
            break
        directory = parent
    return source.relpath


def _holds_marker(directory: str) -> bool:
    marked = _marked_directories.get(directory)
    if marked is None:
        marked = any(os.path.lexists(os.path.join(directory, m)) for m in PROJECT_MARKERS)
        _marked_directories[directory] = marked
    return marked


def forget_projects() -> None:
    """Forget which directories hold a project marker: a new run looks at them again."""
    _marked_directories.clear()


def _head(data: bytes) -> bytes:
    """The first two lines, where a coding cookie must be."""
    end = data.find(b"\n", data.find(b"\n") + 1)
    return data if end == -1 else data[:end]


def read_regular(path: str, size: int = -1) -> bytes:
    """Read a regular file (``size`` bytes at most); never wait on a FIFO or a device.

    Args:
        path: The file.
        size: How many bytes at most; -1 for all.

    Returns:
        The bytes read.

    Raises:
        OSError: If the file cannot be read, or is not a regular file (``errno.EINVAL``).
    """
    import errno
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
            raise OSError(errno.EINVAL, what)
        return handle.read(size)


def _unreadable(path: str, error: OSError) -> str:
    """What ``read_regular``'s error means for a file that was to be checked."""
    if os.path.isdir(path):
        return f"cannot read this directory: {error.strerror}; the files in it were not checked"
    if os.path.islink(path) and not os.path.exists(path):
        return f"cannot read file: a broken symbolic link (to {os.readlink(path)})"
    if error.strerror == "not a regular file":
        return "cannot read file: not a regular file (a FIFO, socket or device)"
    return f"cannot read file: {error.strerror}"


def split_lines(text: str) -> list[str]:
    r"""Split at ``\n``, ``\r\n`` and ``\r`` only, the line ends Python and editors count.

    ``str.splitlines()`` also splits at form feeds, ``\x1c``-``\x1e``, ``\x85``, ``\u2028``
    and ``\u2029``, which would shift every later line number.

    Args:
        text: The text to split.

    Returns:
        The lines without their line endings; a final line ending adds no empty line.
    """
    if "\r" in text:  # one fast scan spares two replace passes on most files
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines
