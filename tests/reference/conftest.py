"""Tests of the reference package run only where its ``reference`` extra (torch) is installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _deterministic_torch() -> None:
    """Seed every test the same way and keep CPU kernels on one thread for repeatable timing."""
    torch.manual_seed(0)
    torch.set_num_threads(1)


@pytest.fixture
def one_process_group(tmp_path: Path) -> Iterator[None]:
    """A real gloo process group of one process, in this process, so DDP can be built here."""
    store = tmp_path / "rendezvous"
    torch.distributed.init_process_group(
        "gloo", init_method=f"file://{store}", rank=0, world_size=1
    )
    try:
        yield
    finally:
        torch.distributed.destroy_process_group()
