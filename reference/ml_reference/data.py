"""Data loading: a character tokenizer, memory-mapped token files, caching, splits and sampling.

The guide asks for four things: dataloaders for efficient batching, caching for repeated access,
memory-mapped files for large datasets, and proper train/val/test splits. This module provides
each of them in a form that survives multi-process data loading and exact resumption:

* :class:`CharTokenizer` turns text into integer ids and back, and saves as plain JSON.
* :func:`write_token_file` / :class:`TokenDataset` store a token stream on disk in a small,
  self-describing binary format and read it through a lazily opened ``numpy.memmap``, so a
  DataLoader worker maps the file itself instead of receiving a pickled copy of it.
* :class:`CachedDataset` memoises expensive per-item loads in memory or on disk.
* :func:`split_indices` makes a seeded, disjoint and covering train/val/test split.
* :class:`ResumableSampler` shuffles per epoch from ``(seed, epoch)``, shards across DDP ranks and
  can resume mid-epoch at exactly the next index.
* :func:`make_dataloader` builds a DataLoader with sensible pinning, worker and prefetch defaults.
* :func:`stdlib_text` returns a corpus every machine has: the Python standard library's sources.

Token file format (version 1): a header of exactly :data:`HEADER_SIZE` bytes holding UTF-8 JSON
``{"magic": "ml_reference.tokens", "version": 1, "dtype": "uint16" | "uint32",
"vocab_size": V, "length": N}`` padded with spaces and ended by a newline, followed by ``N``
little-endian token ids. Ids are stored as ``uint16`` when ``V <= 65536`` (every id fits in 16
bits) and as ``uint32`` otherwise. The fixed header size keeps the token array aligned and lets a
reader map it without parsing anything but the header.
"""

from __future__ import annotations

import json
import math
import os
import sysconfig
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeGuard, TypeVar, cast

import numpy as np
import numpy.typing as npt
import torch
from torch.utils.data import DataLoader, Dataset, Sampler

from ml_reference.atomic import atomic_write

__all__ = [
    "HEADER_SIZE",
    "MAGIC",
    "CachedDataset",
    "CharTokenizer",
    "ResumableSampler",
    "SizedDataset",
    "TokenDataset",
    "TokenFileError",
    "TokenFileHeader",
    "make_dataloader",
    "read_token_header",
    "split_indices",
    "stdlib_text",
    "write_token_file",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

MAGIC = "ml_reference.tokens"
"""The ``magic`` value every token file header carries."""

HEADER_SIZE = 256
"""Size in bytes of a token file's JSON header; the token ids start at this offset."""

_VERSION = 1
_DTYPES: dict[str, np.dtype[np.unsignedinteger[Any]]] = {
    "uint16": np.dtype("<u2"),
    "uint32": np.dtype("<u4"),
}


# --------------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------------


class CharTokenizer:
    """A character-level tokenizer: one id per distinct character, in sorted order.

    Sorting makes the vocabulary a pure function of the character set, so the same text always
    gives the same ids. Save it next to a run with :meth:`to_dict` so sampling later decodes
    with the vocabulary the model was trained on.

    Args:
        chars: The vocabulary, one single-character string per id; must not repeat a character.

    Raises:
        ValueError: If an entry is not exactly one character or a character repeats.

    Example:
        >>> tok = CharTokenizer.from_text("hello")
        >>> tok.encode("hole")
        [1, 3, 2, 0]
        >>> tok.decode([1, 0, 2, 2, 3])
        'hello'
    """

    def __init__(self, chars: Sequence[str]) -> None:
        if any(len(c) != 1 for c in chars):
            raise ValueError("every vocabulary entry must be exactly one character")
        if len(set(chars)) != len(chars):
            raise ValueError("the vocabulary repeats a character")
        self._itos: list[str] = list(chars)
        self._stoi: dict[str, int] = {c: i for i, c in enumerate(self._itos)}

    @classmethod
    def from_text(cls, text: str) -> CharTokenizer:
        """Build the vocabulary from every distinct character of ``text``.

        Args:
            text: The training text.

        Returns:
            A tokenizer whose ids are the sorted distinct characters of ``text``.
        """
        return cls(sorted(set(text)))

    @property
    def vocab_size(self) -> int:
        """The number of distinct ids."""
        return len(self._itos)

    def encode(self, text: str) -> list[int]:
        """Map each character of ``text`` to its id.

        Args:
            text: Text made only of characters in the vocabulary.

        Returns:
            One id per character.

        Raises:
            ValueError: If ``text`` contains a character outside the vocabulary.
        """
        try:
            return [self._stoi[c] for c in text]
        except KeyError as e:
            raise ValueError(f"character {e.args[0]!r} is not in the vocabulary") from e

    def decode(self, ids: Sequence[int]) -> str:
        """Map ids back to text.

        Args:
            ids: Token ids in ``range(vocab_size)``.

        Returns:
            The decoded text.

        Raises:
            ValueError: If an id is outside ``range(vocab_size)``.
        """
        n = len(self._itos)
        bad = [i for i in ids if not 0 <= i < n]
        if bad:
            raise ValueError(f"id {bad[0]} is outside the vocabulary of {n} characters")
        return "".join(self._itos[i] for i in ids)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-serialisable description that :meth:`from_dict` restores.

        Returns:
            ``{"type": "char", "chars": <the vocabulary as one string>}``.
        """
        return {"type": "char", "chars": "".join(self._itos)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CharTokenizer:
        """Restore a tokenizer saved with :meth:`to_dict`.

        Args:
            data: The mapping :meth:`to_dict` returned (for example read back from JSON).

        Returns:
            A tokenizer with the same ids.

        Raises:
            ValueError: If ``data`` does not describe a character tokenizer.
        """
        chars = data.get("chars")
        if data.get("type") != "char" or not isinstance(chars, str):
            raise ValueError("not a character tokenizer description: expected type 'char'")
        return cls(list(chars))


# --------------------------------------------------------------------------------------------
# Token files
# --------------------------------------------------------------------------------------------


class TokenFileError(ValueError):
    """A token file is not in the format :func:`write_token_file` writes, or is damaged."""


@dataclass(frozen=True)
class TokenFileHeader:
    """The parsed, validated header of a token file.

    Attributes:
        dtype: ``"uint16"`` or ``"uint32"``: how each id is stored.
        vocab_size: Every stored id is in ``range(vocab_size)``.
        length: The number of token ids after the header.
        version: The format version (currently 1).
    """

    dtype: str
    vocab_size: int
    length: int
    version: int = _VERSION

    @property
    def numpy_dtype(self) -> np.dtype[np.unsignedinteger[Any]]:
        """The little-endian numpy dtype of the stored ids."""
        return _DTYPES[self.dtype]


def _dtype_for_vocab(vocab_size: int) -> str:
    """Return the narrowest storage dtype name that holds every id below ``vocab_size``."""
    if vocab_size <= 1 << 16:
        return "uint16"
    if vocab_size <= 1 << 32:
        return "uint32"
    raise ValueError(f"vocab_size {vocab_size} does not fit in uint32 ids")


def write_token_file(
    path: str | os.PathLike[str],
    tokens: Sequence[int] | npt.NDArray[np.integer[Any]] | torch.Tensor,
    vocab_size: int,
) -> Path:
    """Write a token stream to ``path`` in the token file format (see the module docstring).

    The file is written to a temporary name in the same directory and renamed into place, so an
    interrupted run never leaves a truncated file that looks valid.

    Args:
        path: Destination file; its parent directory must exist.
        tokens: A one-dimensional sequence of ids in ``range(vocab_size)``.
        vocab_size: The tokenizer's vocabulary size; picks ``uint16`` (``<= 65536``) or
            ``uint32`` storage.

    Returns:
        The path written.

    Raises:
        ValueError: If ``vocab_size`` is not positive or too large, ``tokens`` is not
            one-dimensional, or an id is outside ``range(vocab_size)``.
    """
    if vocab_size < 1:
        raise ValueError(f"vocab_size must be positive, got {vocab_size}")
    dtype_name = _dtype_for_vocab(vocab_size)
    if isinstance(tokens, torch.Tensor):
        tokens = tokens.detach().cpu().numpy()
    ids = np.asarray(tokens, dtype=np.int64)
    if ids.ndim != 1:
        raise ValueError(f"tokens must be one-dimensional, got shape {ids.shape}")
    if ids.size and (int(ids.min()) < 0 or int(ids.max()) >= vocab_size):
        raise ValueError(
            f"token ids span [{int(ids.min())}, {int(ids.max())}], outside range({vocab_size})"
        )
    header = {
        "magic": MAGIC,
        "version": _VERSION,
        "dtype": dtype_name,
        "vocab_size": vocab_size,
        "length": int(ids.size),
    }
    header_bytes = json.dumps(header).encode("utf-8")
    header_bytes = header_bytes.ljust(HEADER_SIZE - 1, b" ") + b"\n"

    payload = ids.astype(_DTYPES[dtype_name])

    def write(f: BinaryIO) -> None:
        f.write(header_bytes)
        f.write(payload.tobytes())

    return atomic_write(Path(path), write)


def read_token_header(path: str | os.PathLike[str]) -> TokenFileHeader:
    """Read and validate a token file's header, including that the file size matches it.

    Args:
        path: A file written by :func:`write_token_file`.

    Returns:
        The parsed header.

    Raises:
        TokenFileError: If the file is shorter than its header promises (truncated), longer
            (trailing bytes), does not start with a token file header (bad magic), has an
            unsupported version or dtype, or a length or vocab_size that is not a count its
            dtype can hold.
    """
    path = Path(path)
    size = path.stat().st_size
    with path.open("rb") as f:
        raw = f.read(HEADER_SIZE)
    if len(raw) < HEADER_SIZE:
        raise TokenFileError(
            f"{path}: truncated token file: {size} bytes, "
            f"shorter than the {HEADER_SIZE}-byte header"
        )
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise TokenFileError(
            f"{path}: bad magic: not a token file (the header is not {MAGIC!r} JSON)"
        ) from e
    if not isinstance(meta, dict) or meta.get("magic") != MAGIC:
        raise TokenFileError(f"{path}: bad magic: not a token file (expected magic {MAGIC!r})")
    version, dtype = meta.get("version"), meta.get("dtype")
    vocab_size, length = meta.get("vocab_size"), meta.get("length")
    if not _is_int(version) or version != _VERSION:
        raise TokenFileError(f"{path}: unsupported token file version {version!r}")
    if not isinstance(dtype, str) or dtype not in _DTYPES:
        raise TokenFileError(f"{path}: unsupported token dtype {dtype!r}")
    if not _is_int(length) or length < 0:
        raise TokenFileError(f"{path}: corrupt header: length {length!r} is not a count")
    # Every id below vocab_size must fit the stored dtype: at most 2**16 ids in uint16.
    max_vocab = 1 << (8 * _DTYPES[dtype].itemsize)
    if not _is_int(vocab_size) or not 1 <= vocab_size <= max_vocab:
        raise TokenFileError(
            f"{path}: corrupt header: vocab_size {vocab_size!r} is not in [1, {max_vocab}] "
            f"as {dtype} ids need"
        )
    header = TokenFileHeader(dtype=dtype, vocab_size=vocab_size, length=length, version=version)
    expected = HEADER_SIZE + length * header.numpy_dtype.itemsize
    if size < expected:
        stored = (size - HEADER_SIZE) // header.numpy_dtype.itemsize
        raise TokenFileError(
            f"{path}: truncated token file: the header promises {length} tokens "
            f"({expected} bytes) but the file holds {stored} ({size} bytes)"
        )
    if size > expected:
        raise TokenFileError(
            f"{path}: corrupt token file: {size - expected} bytes after the {length} tokens"
        )
    return header


def _is_int(value: object) -> TypeGuard[int]:
    """Whether a JSON value is an integer (``true`` and ``false`` are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


class TokenDataset(Dataset[tuple[torch.Tensor, torch.Tensor]]):
    """Next-token windows over a memory-mapped token file.

    Item ``i`` is ``(x, y)``: ``x`` is the ``block_size`` tokens starting at ``i * block_size``
    and ``y`` the same window shifted one token to the right (the targets), both ``int64``. The
    windows do not overlap, so one epoch visits each token once as an input and
    ``len(dataset) == (length - 1) // block_size``; the tail that does not fill a window is
    unused.

    The memmap is opened lazily on first access and dropped when the dataset is pickled, so each
    DataLoader worker (fork or spawn) maps the file itself and only the path crosses process
    boundaries. The file header is validated eagerly, in the constructor.

    Args:
        path: A file written by :func:`write_token_file`.
        block_size: The context length: tokens per input window.

    Raises:
        ValueError: If ``block_size`` is not positive or the file holds fewer than
            ``block_size + 1`` tokens.
    """

    def __init__(self, path: str | os.PathLike[str], block_size: int) -> None:
        if block_size < 1:
            raise ValueError(f"block_size must be positive, got {block_size}")
        self.path = Path(path)
        self.block_size = block_size
        self.header = read_token_header(self.path)
        if self.header.length < block_size + 1:
            raise ValueError(
                f"{self.path} holds {self.header.length} tokens; "
                f"one window needs block_size + 1 = {block_size + 1}"
            )
        self._tokens: npt.NDArray[np.unsignedinteger[Any]] | None = None

    @property
    def vocab_size(self) -> int:
        """The vocabulary size recorded in the file header."""
        return self.header.vocab_size

    @property
    def tokens(self) -> npt.NDArray[np.unsignedinteger[Any]]:
        """The read-only memmap of every token id, opened on first use in this process."""
        if self._tokens is None:
            self._tokens = np.memmap(
                self.path,
                dtype=self.header.numpy_dtype,
                mode="r",
                offset=HEADER_SIZE,
                shape=(self.header.length,),
            )
        return self._tokens

    def __len__(self) -> int:
        return (self.header.length - 1) // self.block_size

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"window {index} is out of range for {n} windows")
        start = index * self.block_size
        window = torch.from_numpy(self.tokens[start : start + self.block_size + 1].astype(np.int64))
        return window[:-1], window[1:]

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_tokens"] = None  # never pickle the mapped data: each process maps the file
        return state


# --------------------------------------------------------------------------------------------
# Caching
# --------------------------------------------------------------------------------------------


class SizedDataset(Protocol[T_co]):
    """A map-style dataset with a length: what :class:`CachedDataset` wraps."""

    def __getitem__(self, index: int, /) -> T_co:
        """Load one item.

        Args:
            index: Position in ``range(len(self))``.

        Returns:
            The item.
        """
        ...

    def __len__(self) -> int:
        """Return the number of items."""
        ...


class CachedDataset(Dataset[T]):
    """Memoise a dataset whose items are expensive to load (decoding, resizing, tokenising).

    Without ``cache_dir`` items are kept in a per-process dictionary: each DataLoader worker has
    its own, which fills during the first epoch and, with ``persistent_workers=True``, is reused
    afterwards. With ``cache_dir`` each item is stored as ``item_<index>.pt`` with
    :func:`torch.save` (written to a temporary file and renamed, so concurrent workers never see
    a partial file) and read back with ``torch.load(..., weights_only=True)``; the cache then
    survives new processes and runs. Items must therefore be tensors or containers of tensors and
    plain Python values. The cache is keyed by index only: use a new ``cache_dir`` when the
    wrapped data or its preprocessing changes.

    Args:
        dataset: The dataset to wrap.
        cache_dir: Directory for the on-disk cache (created if missing), or ``None`` to cache in
            memory.
    """

    def __init__(
        self, dataset: SizedDataset[T], cache_dir: str | os.PathLike[str] | None = None
    ) -> None:
        self.dataset = dataset
        self.cache_dir = None if cache_dir is None else Path(cache_dir)
        if self.cache_dir is not None:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._memory: dict[int, T] = {}

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: int) -> T:
        n = len(self.dataset)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError(f"index {index} is out of range for {n} items")
        if self.cache_dir is None:
            if index not in self._memory:
                self._memory[index] = self.dataset[index]
            return self._memory[index]
        path = self.cache_dir / f"item_{index}.pt"
        if path.exists():
            return cast(T, torch.load(path, map_location="cpu", weights_only=True))
        item = self.dataset[index]
        compact = _own_storage(item)
        atomic_write(path, lambda f: torch.save(compact, f))
        return item


def _own_storage(item: object) -> object:
    """Copy every tensor in ``item`` (through tuples, lists and dicts) into its own storage.

    ``torch.save`` writes a tensor's whole storage, not just the view: an item of a
    ``TensorDataset`` is a row of the full data tensor and would otherwise store all of it.

    Args:
        item: A tensor or a container of tensors and plain values.

    Returns:
        The same structure with every tensor cloned.
    """
    if isinstance(item, torch.Tensor):
        return item.clone()
    if isinstance(item, tuple):
        return tuple(_own_storage(value) for value in item)
    if isinstance(item, list):
        return [_own_storage(value) for value in item]
    if isinstance(item, dict):
        return {key: _own_storage(value) for key, value in item.items()}
    return item


# --------------------------------------------------------------------------------------------
# Splits and sampling
# --------------------------------------------------------------------------------------------


def split_indices(
    n: int, fractions: tuple[float, float, float] = (0.8, 0.1, 0.1), seed: int = 0
) -> tuple[list[int], list[int], list[int]]:
    """Split ``range(n)`` into train, validation and test indices at random, reproducibly.

    A permutation from a ``torch.Generator`` seeded with ``seed`` is cut at the rounded
    cumulative fractions, so the three parts are disjoint, cover ``range(n)`` and depend only
    on ``(n, fractions, seed)``. Each part is returned sorted, which keeps reads from a
    memory-mapped file sequential; shuffle per epoch with :class:`ResumableSampler`.

    Args:
        n: Number of items.
        fractions: Train, validation and test fractions; non-negative, summing to 1.
        seed: Seed of the permutation.

    Returns:
        ``(train, val, test)`` index lists.

    Raises:
        ValueError: If ``n`` is negative or the fractions are negative or do not sum to 1.

    Example:
        >>> train, val, test = split_indices(10, (0.6, 0.2, 0.2), seed=1)
        >>> len(train), len(val), len(test)
        (6, 2, 2)
    """
    if n < 0:
        raise ValueError(f"n must be non-negative, got {n}")
    if any(f < 0 for f in fractions) or not math.isclose(sum(fractions), 1.0, abs_tol=1e-6):
        raise ValueError(f"fractions must be non-negative and sum to 1, got {fractions}")
    generator = torch.Generator().manual_seed(seed)
    order: list[int] = torch.randperm(n, generator=generator).tolist()
    cut_train = round(n * fractions[0])
    cut_val = min(n, round(n * (fractions[0] + fractions[1])))
    return (
        sorted(order[:cut_train]),
        sorted(order[cut_train:cut_val]),
        sorted(order[cut_val:]),
    )


class ResumableSampler(Sampler[int]):
    """A shuffling, DDP-sharding sampler that can resume mid-epoch at exactly the next index.

    Each epoch's order is a permutation drawn from a generator seeded by ``(seed, epoch)``, so it
    is the same on every rank and in every run. Like ``DistributedSampler``, the order is then
    padded by repeating its start (or, with ``drop_last``, truncated) to a multiple of
    ``world_size`` and rank ``r`` takes every ``world_size``-th index from ``r``: the shards are
    disjoint and cover the dataset apart from that padding.

    The sampler counts the indices it has yielded in the current epoch (:attr:`position`) and an
    iteration starts from that position. After an epoch has been iterated to the end, the next
    iteration starts the following epoch by itself; :meth:`set_epoch` with a *different* epoch
    starts that epoch from its first index, and with the *current* epoch changes nothing (so
    calling it after :meth:`load_state_dict` keeps the resume position).

    Resuming under a DataLoader: the DataLoader draws indices ahead of the training loop (up to
    ``num_workers * prefetch_factor`` batches, and to the end of the epoch before the loop sees
    the last batches), so this sampler's own :meth:`state_dict` may be ahead of what was trained
    on. The training loop therefore records its own ``{"epoch": epoch, "position":
    batches_consumed * batch_size}`` (per rank: each rank consumes its own shard) in place of
    those two entries of :meth:`state_dict` and passes that to :meth:`load_state_dict`; the next
    iteration then yields exactly the indices an uninterrupted run would have trained on next.
    The sampler's own :meth:`state_dict` is exact when it is iterated directly (no DataLoader
    prefetch).

    Args:
        num_items: Size of the dataset.
        shuffle: Draw a new permutation per epoch; ``False`` keeps ``range(num_items)``.
        seed: Seed shared by every rank.
        rank: This process's rank in ``range(world_size)``.
        world_size: Number of processes sharing the data.
        drop_last: Drop the tail that does not divide evenly across ranks instead of padding.

    Raises:
        ValueError: If ``num_items`` or ``seed`` is negative, or ``rank`` is outside
            ``range(world_size)``.
    """

    def __init__(
        self,
        num_items: int,
        *,
        shuffle: bool = True,
        seed: int = 0,
        rank: int = 0,
        world_size: int = 1,
        drop_last: bool = False,
    ) -> None:
        super().__init__()
        if num_items < 0 or seed < 0:
            raise ValueError(f"num_items and seed must be non-negative, got {num_items}, {seed}")
        if world_size < 1 or not 0 <= rank < world_size:
            raise ValueError(f"rank {rank} is outside range(world_size={world_size})")
        self.num_items = num_items
        self.shuffle = shuffle
        self.seed = seed
        self.rank = rank
        self.world_size = world_size
        self.drop_last = drop_last
        if drop_last:
            self.num_samples = num_items // world_size
        else:
            self.num_samples = math.ceil(num_items / world_size)
        self._epoch = 0
        self._position = 0
        self._finished = False  # the current epoch was iterated to its end

    @property
    def epoch(self) -> int:
        """The epoch whose order the sampler is in."""
        return self._epoch

    @property
    def position(self) -> int:
        """How many of this rank's indices of the current epoch have been yielded."""
        return self._position

    def set_epoch(self, epoch: int) -> None:
        """Select the epoch to iterate; a different epoch starts from its first index.

        Args:
            epoch: The epoch number (non-negative).

        Raises:
            ValueError: If ``epoch`` is negative.
        """
        if epoch < 0:
            raise ValueError(f"epoch must be non-negative, got {epoch}")
        if epoch != self._epoch:
            self._epoch = epoch
            self._position = 0
            self._finished = False

    def epoch_indices(self, epoch: int) -> list[int]:
        """Return this rank's full index order for ``epoch``, ignoring the position.

        Args:
            epoch: The epoch number.

        Returns:
            ``len(self)`` dataset indices.
        """
        n = self.num_items
        if self.shuffle:
            # Hash (seed, epoch) into one 32-bit seed: ``seed + epoch`` would collide (seed 0
            # epoch 1 == seed 1 epoch 0), and the CPU generator's Mersenne Twister keeps only
            # the low 32 bits of its seed, so packing both into one 64-bit int would not work.
            mixed = int(np.random.SeedSequence([self.seed, epoch]).generate_state(1)[0])
            generator = torch.Generator().manual_seed(mixed)
            order: list[int] = torch.randperm(n, generator=generator).tolist()
        else:
            order = list(range(n))
        total = self.num_samples * self.world_size
        if total > n:  # pad by repeating the start, as DistributedSampler does
            order += (order * math.ceil((total - n) / n))[: total - n]
        return order[self.rank : total : self.world_size]

    def __iter__(self) -> Iterator[int]:
        if self._finished:
            self._epoch += 1
            self._position = 0
            self._finished = False
        epoch, start = self._epoch, self._position
        for offset, index in enumerate(self.epoch_indices(epoch)[start:], start=start + 1):
            self._position = offset
            yield index
        if self._epoch == epoch:
            self._finished = True

    def __len__(self) -> int:
        return self.num_samples

    def state_dict(self) -> dict[str, int]:
        """Return the resume point: the next epoch and position, plus what must not change.

        Returns:
            ``{"epoch", "position", "seed", "num_items", "world_size"}``; after a completed
            epoch this already points at the start of the next one.
        """
        epoch, position = self._epoch, self._position
        if self._finished:
            epoch, position = epoch + 1, 0
        return {
            "epoch": epoch,
            "position": position,
            "seed": self.seed,
            "num_items": self.num_items,
            "world_size": self.world_size,
        }

    def load_state_dict(self, state: Mapping[str, int]) -> None:
        """Resume from :meth:`state_dict` or from the loop's ``{"epoch", "position"}`` record.

        A state :meth:`check_state` refuses raises its ``ValueError`` and changes nothing.

        Args:
            state: Must hold ``epoch`` and ``position`` (indices of this rank's shard already
                consumed in that epoch); ``seed``, ``num_items`` and ``world_size``, when
                present, must match this sampler.
        """
        self.check_state(state)
        self._epoch, self._position = int(state["epoch"]), int(state["position"])
        self._finished = False

    def check_state(self, state: Mapping[str, Any]) -> None:
        """Refuse a state :meth:`load_state_dict` could not resume from, changing nothing.

        Args:
            state: A state as :meth:`load_state_dict` takes it.

        Raises:
            ValueError: If a key is missing, ``position`` is outside ``[0, len(self)]``, or the
                seed, dataset size or world size differ (the order would not be the same).
        """
        if "epoch" not in state or "position" not in state:
            raise ValueError(f"sampler state needs 'epoch' and 'position', got {sorted(state)}")
        for key in ("seed", "num_items", "world_size"):
            if key in state and state[key] != getattr(self, key):
                raise ValueError(
                    f"cannot resume: saved {key}={state[key]} but this sampler has "
                    f"{key}={getattr(self, key)}"
                )
        epoch, position = int(state["epoch"]), int(state["position"])
        if epoch < 0 or not 0 <= position <= self.num_samples:
            raise ValueError(
                f"cannot resume at epoch {epoch}, position {position}: "
                f"an epoch has {self.num_samples} indices per rank"
            )


def make_dataloader(
    dataset: Dataset[T],
    *,
    batch_size: int,
    sampler: Sampler[int] | None = None,
    num_workers: int = 0,
    pin_memory: bool | None = None,
    persistent_workers: bool | None = None,
    drop_last: bool = True,
    prefetch_factor: int = 2,
) -> DataLoader[T]:
    """Build a DataLoader with defaults suited to training.

    Without a ``sampler`` the order is sequential; pass a :class:`ResumableSampler` to shuffle
    reproducibly and resume mid-epoch.

    Args:
        dataset: A map-style dataset.
        batch_size: Items per batch.
        sampler: Index order, or ``None`` for ``range(len(dataset))``.
        num_workers: Loader processes; 0 loads in the main process.
        pin_memory: Page-lock batches for faster, asynchronous host-to-GPU copies; defaults to
            whether CUDA is available (pinning is wasted work without a GPU).
        persistent_workers: Keep workers (and their caches and memmaps) alive between epochs;
            defaults to ``num_workers > 0``.
        drop_last: Drop the final partial batch so every step sees ``batch_size`` items (and
            compiled models see one shape).
        prefetch_factor: Batches each worker loads ahead; used only when ``num_workers > 0``.

    Returns:
        The configured DataLoader.
    """
    if pin_memory is None:
        pin_memory = torch.cuda.is_available()
    if persistent_workers is None:
        persistent_workers = num_workers > 0
    return DataLoader(
        dataset,
        batch_size=batch_size,
        sampler=sampler,
        num_workers=num_workers,
        pin_memory=pin_memory,
        drop_last=drop_last,
        persistent_workers=persistent_workers,
        prefetch_factor=prefetch_factor if num_workers > 0 else None,
    )


def stdlib_text(max_chars: int | None = None) -> str:
    """Return the Python standard library's top-level sources as one text corpus.

    Reads the ``*.py`` files directly in ``sysconfig.get_paths()["stdlib"]`` (not packages or
    ``site-packages``, so the result depends only on the Python version) in sorted path order,
    joined by newlines. About 4-5 MB of text that needs no download.

    Args:
        max_chars: Stop after this many characters (read only the files needed); ``None``
            returns everything.

    Returns:
        The concatenated sources, at most ``max_chars`` characters long.

    Raises:
        ValueError: If ``max_chars`` is negative.
        FileNotFoundError: If the standard library directory has no ``*.py`` files.
    """
    if max_chars is not None and max_chars < 0:
        raise ValueError(f"max_chars must be non-negative, got {max_chars}")
    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(root.glob("*.py"))
    if not files:
        raise FileNotFoundError(f"no Python sources found in the standard library at {root}")
    parts: list[str] = []
    total = 0
    for file in files:
        if max_chars is not None and total >= max_chars:
            break
        text = file.read_text(encoding="utf-8", errors="replace")
        parts.append(text)
        total += len(text) + 1
    corpus = "\n".join(parts)
    return corpus if max_chars is None else corpus[:max_chars]
