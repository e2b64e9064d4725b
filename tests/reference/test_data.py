"""Tests of ml_reference.data: tokenizer, token files, datasets, caching, splits, sampling."""

from __future__ import annotations

import doctest
import itertools
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from torch.utils.data import TensorDataset

from ml_reference import data
from ml_reference.data import (
    HEADER_SIZE,
    CachedDataset,
    CharTokenizer,
    ResumableSampler,
    TokenDataset,
    TokenFileError,
    make_dataloader,
    read_token_header,
    split_indices,
    stdlib_text,
    write_token_file,
)


def test_docstring_examples_run() -> None:
    results = doctest.testmod(data, raise_on_error=False)
    assert results.attempted >= 4
    assert results.failed == 0


# --- tokenizer ------------------------------------------------------------------------------


def test_char_tokenizer_round_trips_text_and_its_json_description() -> None:
    text = "def f(x):\n    return x ** 2  # ünïcode\n"
    tok = CharTokenizer.from_text(text)
    assert tok.vocab_size == len(set(text))
    ids = tok.encode(text)
    assert all(0 <= i < tok.vocab_size for i in ids)
    assert tok.decode(ids) == text
    restored = CharTokenizer.from_dict(json.loads(json.dumps(tok.to_dict())))
    assert restored.encode(text) == ids


def test_char_tokenizer_rejects_unknown_characters_and_ids() -> None:
    tok = CharTokenizer.from_text("abc")
    with pytest.raises(ValueError, match="'z' is not in the vocabulary"):
        tok.encode("abz")
    with pytest.raises(ValueError, match="outside the vocabulary"):
        tok.decode([0, 3])
    with pytest.raises(ValueError, match="repeats"):
        CharTokenizer(["a", "a"])
    with pytest.raises(ValueError, match="not a character tokenizer"):
        CharTokenizer.from_dict({"type": "bpe", "chars": "abc"})


# --- splits ---------------------------------------------------------------------------------


def test_split_indices_is_deterministic_disjoint_and_covering() -> None:
    train, val, test = split_indices(103, (0.8, 0.1, 0.1), seed=7)
    assert (train, val, test) == split_indices(103, (0.8, 0.1, 0.1), seed=7)
    assert (len(train), len(val), len(test)) == (82, 11, 10)  # cuts at round(82.4), round(92.7)
    assert set(train).isdisjoint(val) and set(train).isdisjoint(test) and set(val).isdisjoint(test)
    assert sorted(train + val + test) == list(range(103))


def test_split_indices_depends_on_the_seed() -> None:
    first = split_indices(100, seed=0)
    second = split_indices(100, seed=1)
    assert first[0] != second[0]
    assert sorted(second[0] + second[1] + second[2]) == list(range(100))


@pytest.mark.parametrize("fractions", [(0.5, 0.5, 0.5), (1.2, -0.1, -0.1)])
def test_split_indices_rejects_bad_fractions(fractions: tuple[float, float, float]) -> None:
    with pytest.raises(ValueError, match="fractions"):
        split_indices(10, fractions)


# --- token files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vocab_size", "dtype", "itemsize"),
    [(256, "uint16", 2), (65536, "uint16", 2), (65537, "uint32", 4), (100_000, "uint32", 4)],
)
def test_token_file_round_trips_with_the_narrowest_dtype(
    tmp_path: Path, vocab_size: int, dtype: str, itemsize: int
) -> None:
    tokens = np.array([0, 1, vocab_size - 1, vocab_size // 2, 7], dtype=np.int64)
    path = write_token_file(tmp_path / "tokens.bin", tokens, vocab_size)

    header = read_token_header(path)
    assert (header.dtype, header.vocab_size, header.length) == (dtype, vocab_size, 5)
    assert path.stat().st_size == HEADER_SIZE + 5 * itemsize
    meta = json.loads(path.read_bytes()[:HEADER_SIZE])
    assert meta == {
        "magic": "ml_reference.tokens",
        "version": 1,
        "dtype": dtype,
        "vocab_size": vocab_size,
        "length": 5,
    }
    stored = np.frombuffer(path.read_bytes()[HEADER_SIZE:], dtype=f"<u{itemsize}")
    np.testing.assert_array_equal(stored, tokens)
    x, y = TokenDataset(path, block_size=4)[0]  # the memmap reads the same ids back
    assert x.tolist() == tokens[:4].tolist() and y.tolist() == tokens[1:].tolist()
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.bin"]  # no temp file left behind


def test_token_file_accepts_lists_and_tensors(tmp_path: Path) -> None:
    a = write_token_file(tmp_path / "a.bin", [3, 1, 2], 4)
    b = write_token_file(tmp_path / "b.bin", torch.tensor([3, 1, 2]), 4)
    assert a.read_bytes() == b.read_bytes()


def test_token_file_rejects_ids_outside_the_vocabulary(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"outside range\(4\)"):
        write_token_file(tmp_path / "t.bin", [0, 4], 4)
    with pytest.raises(ValueError, match="one-dimensional"):
        write_token_file(tmp_path / "t.bin", np.zeros((2, 2), dtype=np.int64), 4)
    assert not list(tmp_path.iterdir())


def test_bad_magic_gives_a_clear_error(tmp_path: Path) -> None:
    binary = tmp_path / "random.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(TokenFileError, match="bad magic"):
        read_token_header(binary)
    other_json = tmp_path / "other.bin"
    other_json.write_bytes(json.dumps({"magic": "npy"}).encode().ljust(HEADER_SIZE) + b"\0" * 8)
    with pytest.raises(TokenFileError, match="bad magic"):
        TokenDataset(other_json, block_size=2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("dtype", ["uint16"], "unsupported token dtype"),
        ("version", True, "unsupported token file version"),
        ("version", 1.0, "unsupported token file version"),
        ("vocab_size", 0, "vocab_size 0 is not in"),
        ("vocab_size", True, "vocab_size True is not in"),
        ("vocab_size", "16", "vocab_size '16' is not in"),
        ("vocab_size", 65537, r"vocab_size 65537 is not in \[1, 65536\] as uint16"),
        ("length", False, "length False is not a count"),
        ("length", -1, "length -1 is not a count"),
    ],
)
def test_invalid_header_fields_give_a_clear_error(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    path = write_token_file(tmp_path / "t.bin", [0, 1, 2, 3], 16)
    raw = path.read_bytes()
    header = json.loads(raw[:HEADER_SIZE])
    header[field] = value
    path.write_bytes(json.dumps(header).encode().ljust(HEADER_SIZE) + raw[HEADER_SIZE:])
    with pytest.raises(TokenFileError, match=message):
        read_token_header(path)


def test_uint32_file_holds_any_vocabulary_up_to_2_to_the_32(tmp_path: Path) -> None:
    path = write_token_file(tmp_path / "t.bin", [0, 3], 70_001)
    raw = path.read_bytes()
    header = json.loads(raw[:HEADER_SIZE])
    for vocab_size in (1 << 32, 5):  # a small vocabulary in uint32 is wasteful, not wrong
        header["vocab_size"] = vocab_size
        path.write_bytes(json.dumps(header).encode().ljust(HEADER_SIZE) + raw[HEADER_SIZE:])
        assert read_token_header(path).vocab_size == vocab_size


def test_truncated_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = write_token_file(tmp_path / "t.bin", list(range(100)), 128)
    full = path.read_bytes()
    path.write_bytes(full[:-10])
    with pytest.raises(TokenFileError, match=r"truncated.*promises 100 tokens.*holds 95"):
        TokenDataset(path, block_size=4)
    path.write_bytes(full[:100])
    with pytest.raises(TokenFileError, match=r"truncated.*shorter than the 256-byte header"):
        read_token_header(path)
    path.write_bytes(full + b"\0\0")
    with pytest.raises(TokenFileError, match="2 bytes after the 100 tokens"):
        read_token_header(path)


# --- TokenDataset ---------------------------------------------------------------------------


def test_token_dataset_windows_are_shifted_by_one(tmp_path: Path) -> None:
    tokens = np.arange(23) * 3 % 50
    ds = TokenDataset(write_token_file(tmp_path / "t.bin", tokens, 50), block_size=5)
    assert len(ds) == 4  # (23 - 1) // 5 non-overlapping windows
    assert ds.vocab_size == 50
    for i in range(len(ds)):
        x, y = ds[i]
        assert x.dtype == y.dtype == torch.int64
        assert x.shape == y.shape == (5,)
        assert x.tolist() == tokens[5 * i : 5 * i + 5].tolist()
        assert y.tolist() == tokens[5 * i + 1 : 5 * i + 6].tolist()
    assert torch.equal(ds[-1][0], ds[3][0])
    with pytest.raises(IndexError):
        ds[4]


def test_token_dataset_needs_one_full_window(tmp_path: Path) -> None:
    path = write_token_file(tmp_path / "t.bin", [1, 2, 3], 4)
    with pytest.raises(ValueError, match="block_size \\+ 1 = 4"):
        TokenDataset(path, block_size=3)
    assert len(TokenDataset(path, block_size=2)) == 1


def test_token_dataset_maps_lazily_and_pickles_without_the_data(tmp_path: Path) -> None:
    tokens = np.arange(100_000) % 1000
    ds = TokenDataset(write_token_file(tmp_path / "t.bin", tokens, 1000), block_size=64)
    assert ds._tokens is None  # nothing mapped until the first item
    expected = ds[10]
    assert isinstance(ds._tokens, np.memmap)

    payload = pickle.dumps(ds)
    assert len(payload) < 2_000  # the path and header only, not 200 KB of tokens
    clone = pickle.loads(payload)
    assert clone._tokens is None
    assert all(torch.equal(a, b) for a, b in zip(clone[10], expected, strict=True))


# --- CachedDataset --------------------------------------------------------------------------


class CountingDataset:
    """A dataset that records how often each item is loaded."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls: dict[int, int] = {}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        self.calls[index] = self.calls.get(index, 0) + 1
        return {"x": torch.full((3,), float(index)), "label": torch.tensor(index % 2)}


def test_cached_dataset_loads_each_item_once_in_memory() -> None:
    inner = CountingDataset(6)
    cached = CachedDataset(inner)
    assert len(cached) == 6
    for _ in range(3):
        for i in range(6):
            assert cached[i]["x"][0].item() == i
    assert cached[-1]["x"][0].item() == 5
    assert inner.calls == dict.fromkeys(range(6), 1)
    with pytest.raises(IndexError):
        cached[6]


def test_disk_cache_survives_a_new_wrapper(tmp_path: Path) -> None:
    first_inner = CountingDataset(4)
    first = CachedDataset(first_inner, cache_dir=tmp_path / "cache")
    originals = [first[i] for i in range(4)] + [first[i] for i in range(4)]
    assert first_inner.calls == dict.fromkeys(range(4), 1)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        f"item_{i}.pt" for i in range(4)
    ]

    second_inner = CountingDataset(4)
    second = CachedDataset(second_inner, cache_dir=tmp_path / "cache")
    for i in range(4):
        item = second[i]
        assert torch.equal(item["x"], originals[i]["x"])
        assert torch.equal(item["label"], originals[i]["label"])
    assert second_inner.calls == {}


def test_disk_cache_stores_only_the_item_not_the_whole_dataset(tmp_path: Path) -> None:
    # A TensorDataset item is a view into the full tensor; each file must hold just that row.
    rows = torch.arange(10_000 * 64, dtype=torch.float32).reshape(10_000, 64)
    cached = CachedDataset(TensorDataset(rows, rows[:, 0]), cache_dir=tmp_path / "cache")
    first = cached[3]
    item_bytes = (tmp_path / "cache" / "item_3.pt").stat().st_size
    assert item_bytes < 10_000  # the dataset itself is 2.6 MB; one row is 260 bytes
    zeros = torch.zeros_like(rows)  # a new wrapper must read the row back from the file
    reloaded = CachedDataset(TensorDataset(zeros, zeros[:, 0]), cache_dir=tmp_path / "cache")
    assert all(torch.equal(a, b) for a, b in zip(reloaded[3], first, strict=True))


# --- ResumableSampler -----------------------------------------------------------------------


def test_sampler_resumes_at_exactly_the_next_index() -> None:
    uninterrupted = list(ResumableSampler(50, seed=3))
    assert sorted(uninterrupted) == list(range(50))

    interrupted = ResumableSampler(50, seed=3)
    it = iter(interrupted)
    head = [next(it) for _ in range(17)]
    state = interrupted.state_dict()
    assert state == {"epoch": 0, "position": 17, "seed": 3, "num_items": 50, "world_size": 1}

    resumed = ResumableSampler(50, seed=3)
    resumed.load_state_dict(json.loads(json.dumps(state)))
    resumed.set_epoch(0)  # same epoch: keeps the position, as a training loop would call it
    assert head + list(resumed) == uninterrupted


def test_sampler_advances_epochs_with_new_permutations() -> None:
    sampler = ResumableSampler(20, seed=1)
    epoch0, epoch1 = list(sampler), list(sampler)
    assert epoch0 != epoch1
    assert sorted(epoch1) == list(range(20))
    assert epoch1 == sampler.epoch_indices(1)
    assert sampler.state_dict()["epoch"] == 2 and sampler.state_dict()["position"] == 0

    explicit = ResumableSampler(20, seed=1)
    explicit.set_epoch(1)
    assert list(explicit) == epoch1
    assert list(ResumableSampler(20, seed=2)) != epoch0
    assert list(ResumableSampler(20, shuffle=False)) == list(range(20))


def test_sampler_accepts_the_loops_own_position_record() -> None:
    reference = ResumableSampler(30, seed=5).epoch_indices(2)
    resumed = ResumableSampler(30, seed=5)
    resumed.load_state_dict({"epoch": 2, "position": 8})
    assert list(resumed) == reference[8:]
    resumed.set_epoch(3)
    assert list(resumed) == resumed.epoch_indices(3)


def test_sampler_rejects_a_state_it_cannot_continue() -> None:
    sampler = ResumableSampler(10, seed=0)
    with pytest.raises(ValueError, match="saved seed=1"):
        sampler.load_state_dict({"epoch": 0, "position": 0, "seed": 1})
    with pytest.raises(ValueError, match="position 11"):
        sampler.load_state_dict({"epoch": 0, "position": 11})
    with pytest.raises(ValueError, match="needs 'epoch' and 'position'"):
        sampler.load_state_dict({"epoch": 0})
    with pytest.raises(ValueError, match="rank 2"):
        ResumableSampler(10, rank=2, world_size=2)


def test_rank_shards_are_disjoint_and_cover_the_data() -> None:
    shards = [list(ResumableSampler(12, seed=4, rank=r, world_size=3)) for r in range(3)]
    assert all(len(s) == 4 for s in shards)
    assert sorted(itertools.chain.from_iterable(shards)) == list(range(12))

    padded = [ResumableSampler(10, seed=4, rank=r, world_size=3) for r in range(3)]
    padded_shards = [list(s) for s in padded]
    assert all(
        len(s) == len(sampler) == 4 for s, sampler in zip(padded_shards, padded, strict=True)
    )
    # 12 slots for 10 items: two indices repeat to pad, and every item is still covered.
    assert set(itertools.chain.from_iterable(padded_shards)) == set(range(10))

    dropped = [
        list(ResumableSampler(10, seed=4, rank=r, world_size=3, drop_last=True)) for r in range(3)
    ]
    flat = list(itertools.chain.from_iterable(dropped))
    assert all(len(s) == 3 for s in dropped)
    assert len(set(flat)) == len(flat) == 9


# --- DataLoader -----------------------------------------------------------------------------


def test_make_dataloader_options(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = TensorDataset(torch.arange(10))
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    loader = make_dataloader(dataset, batch_size=4)
    assert loader.pin_memory is False
    assert loader.persistent_workers is False
    assert loader.prefetch_factor is None
    assert loader.drop_last is True
    assert len(loader) == 2

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    sampler = ResumableSampler(10)
    loader = make_dataloader(dataset, batch_size=4, sampler=sampler, num_workers=2)
    assert loader.pin_memory is True
    assert loader.persistent_workers is True
    assert loader.prefetch_factor == 2
    assert loader.sampler is sampler

    loader = make_dataloader(
        dataset, batch_size=4, num_workers=2, pin_memory=False, persistent_workers=False
    )
    assert loader.pin_memory is False
    assert loader.persistent_workers is False


def test_two_worker_loader_over_the_memmap_resumes_from_the_loops_record(tmp_path: Path) -> None:
    tokens = np.arange(2_000) % 97
    ds = TokenDataset(write_token_file(tmp_path / "t.bin", tokens, 97), block_size=8)
    assert len(ds) == 249
    batch_size = 8
    reader = TokenDataset(ds.path, block_size=8)  # a second instance, so ds stays unmapped here
    direct = [reader[i] for i in ResumableSampler(len(ds), seed=9).epoch_indices(0)]
    expected_x = torch.stack([x for x, _ in direct])
    expected_y = torch.stack([y for _, y in direct])

    sampler = ResumableSampler(len(ds), seed=9)
    loader = make_dataloader(ds, batch_size=batch_size, sampler=sampler, num_workers=2)
    consumed = []
    for step, (x, y) in enumerate(loader):
        consumed.append((x, y))
        if step == 2:
            break
    # Workers prefetch, so the sampler is ahead of the three batches the loop consumed.
    assert sampler.position > 3 * batch_size
    record = {"epoch": 0, "position": len(consumed) * batch_size}
    del loader
    assert ds._tokens is None  # the workers mapped the file; the parent never did

    resumed_sampler = ResumableSampler(len(ds), seed=9)
    resumed_sampler.load_state_dict(record)
    resumed = make_dataloader(ds, batch_size=batch_size, sampler=resumed_sampler, num_workers=2)
    consumed += list(resumed)
    del resumed
    assert len(consumed) == len(ds) // batch_size
    xs = torch.cat([x for x, _ in consumed])
    ys = torch.cat([y for _, y in consumed])
    n = xs.shape[0]
    assert torch.equal(xs, expected_x[:n])
    assert torch.equal(ys, expected_y[:n])


# --- corpus ---------------------------------------------------------------------------------


def test_stdlib_text_is_deterministic_and_bounded() -> None:
    head = stdlib_text(max_chars=5_000)
    assert len(head) == 5_000
    assert head == stdlib_text(max_chars=5_000)
    assert "def " in head or "import " in head
    with pytest.raises(ValueError, match="non-negative"):
        stdlib_text(max_chars=-1)


def _assert_unmapped_on_arrival(worker_id: int) -> None:
    """Worker init: the dataset was pickled to this worker without its memmap."""
    info = torch.utils.data.get_worker_info()
    assert info is not None and info.id == worker_id
    assert info.dataset._tokens is None  # type: ignore[attr-defined]


def test_spawned_workers_receive_the_dataset_without_its_data(tmp_path: Path) -> None:
    tokens = np.arange(500) % 31
    ds = TokenDataset(write_token_file(tmp_path / "t.bin", tokens, 31), block_size=4)
    expected = torch.stack([ds[i][0] for i in range(len(ds))])  # maps the file in the parent
    assert ds._tokens is not None
    loader = torch.utils.data.DataLoader(
        ds,
        batch_size=16,
        num_workers=1,  # one spawned interpreter is enough to exercise pickling, and cheaper
        multiprocessing_context="spawn",  # pickles the dataset, like macOS/Windows and 3.14
        worker_init_fn=_assert_unmapped_on_arrival,
    )
    xs = torch.cat([x for x, _ in loader])
    assert torch.equal(xs, expected)
