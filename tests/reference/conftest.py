"""Tests of the reference package run only where its ``reference`` extra (torch) is installed."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _deterministic_torch() -> None:
    """Seed every test the same way and keep CPU kernels on one thread for repeatable timing."""
    torch.manual_seed(0)
    torch.set_num_threads(1)
