"""Tests of ml_reference.distributed and of data-parallel training under a real ``torchrun``."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import torch
from torch.distributed import GradBucket  # type: ignore[attr-defined]  # not in torch's stubs

from ml_reference.data import TokenDataset, write_token_file
from ml_reference.distributed import (
    DistributedContext,
    all_reduce_mean,
    barrier,
    cleanup_distributed,
    resolve_device,
    setup_distributed,
)
from ml_reference.tracking import read_metrics
from ml_reference.training import TrainConfig, Trainer
from ml_reference.transformer import GPT, GPTConfig


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_without_torchrun_variables_the_context_is_a_single_process() -> None:
    for env in ({}, {"WORLD_SIZE": "1", "RANK": "0", "LOCAL_RANK": "0"}):
        ctx = setup_distributed("cpu", env=env)
        assert ctx == DistributedContext(device=torch.device("cpu"))
        assert ctx.is_main
        assert not ctx.is_distributed
        assert not torch.distributed.is_initialized()


def test_inconsistent_environment_is_rejected() -> None:
    with pytest.raises(ValueError, match="outside WORLD_SIZE"):
        setup_distributed("cpu", env={"WORLD_SIZE": "2", "RANK": "2", "LOCAL_RANK": "0"})


def test_resolve_device() -> None:
    assert resolve_device("cpu") == torch.device("cpu")
    assert resolve_device("cuda", local_rank=3) == torch.device("cuda", 3)
    assert resolve_device("cuda:1", local_rank=3) == torch.device("cuda", 1)
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert resolve_device("auto").type == expected


def test_collectives_are_no_ops_in_a_single_process() -> None:
    tensor = torch.tensor([1.0, 3.0])
    assert all_reduce_mean(tensor) is tensor
    assert tensor.tolist() == [1.0, 3.0]
    barrier()
    cleanup_distributed()


def _tiny_trainer(
    tmp_path: Path,
    context: DistributedContext,
    val_data: TokenDataset | None = None,
    **overrides: Any,
) -> Trainer:
    tokens = [i % 10 for i in range(16 * 8 + 1)]
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = TokenDataset(write_token_file(tmp_path / "tokens.bin", tokens, 10), 8)
    model = GPT(GPTConfig(vocab_size=10, block_size=8, n_layer=1, n_head=2, d_model=16))
    config = TrainConfig(
        batch_size=2, block_size=8, max_steps=2, warmup_steps=0, log_interval=1,
        eval_interval=0, device="cpu", precision="fp32", out_dir=str(tmp_path / "run"),
        **overrides,
    )  # fmt: skip
    return Trainer(config, model, data, val_data, tracker=Recorder(), context=context)


class Recorder:
    """Collects logged steps."""

    def __init__(self) -> None:
        self.steps: list[int] = []

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        self.steps.append(step)


@pytest.mark.usefixtures("one_process_group")
def test_gradients_are_all_reduced_once_per_optimizer_step(tmp_path: Path) -> None:
    """With 3 micro-batches, ``no_sync`` skips the all-reduce of the first two.

    The context claims two processes so the trainer wraps the model in DDP; the one-process
    group underneath runs the same DDP hooks.
    """
    context = DistributedContext(world_size=2, backend="gloo")
    trainer = _tiny_trainer(tmp_path, context, grad_accum_steps=3)
    assert trainer.ddp is not None
    reductions: list[int] = []

    def counting_hook(state: object, bucket: GradBucket) -> torch.futures.Future[torch.Tensor]:
        reductions.append(bucket.index())
        future: torch.futures.Future[torch.Tensor] = torch.futures.Future()
        future.set_result(bucket.buffer())
        return future

    # DDP compares the annotation objects, which postponed evaluation leaves as strings.
    counting_hook.__annotations__.update(
        {"bucket": GradBucket, "return": torch.futures.Future[torch.Tensor]}
    )
    trainer.ddp.register_comm_hook(None, counting_hook)
    trainer.fit()
    assert reductions == [0, 0]  # one bucket, reduced once in each of the two steps


@pytest.mark.usefixtures("one_process_group")
def test_the_ranks_evaluate_every_validation_window_once(tmp_path: Path) -> None:
    """Seven windows over three ranks: shares of 3, 2 and 2, none repeated, none left out."""
    tokens = [window for window in range(7) for _ in range(8)] + [0]  # window i holds i
    val_data = TokenDataset(write_token_file(tmp_path / "val.bin", tokens, 10), 8)
    seen: list[list[int]] = []
    for rank in range(3):
        context = DistributedContext(rank=rank, world_size=3, backend="gloo")
        trainer = _tiny_trainer(tmp_path / str(rank), context, val_data=val_data)
        assert trainer.val_loader is not None
        seen.append([int(inputs[0]) for batch, _ in trainer.val_loader for inputs in batch])
    assert seen == [[0, 3, 6], [1, 4], [2, 5]]


@pytest.mark.usefixtures("one_process_group")
def test_only_rank_zero_logs_and_checkpoints(tmp_path: Path) -> None:
    for rank in (1, 0):
        context = DistributedContext(rank=rank, world_size=2, backend="gloo")
        trainer = _tiny_trainer(tmp_path / str(rank), context)
        trainer.fit()
        wrote = (tmp_path / str(rank) / "run" / "checkpoint.pt").exists()
        assert trainer.tracker is None if rank else isinstance(trainer.tracker, Recorder)
        assert wrote == (rank == 0)


def _train_command(out_dir: Path, batch_size: int, accum: int, eval_batches: int) -> list[str]:
    return [
        *("-m", "ml_reference.train", "--tiny", "--device", "cpu", "--precision", "fp32"),
        *("--max-steps", "3", "--log-interval", "1", "--eval-interval", "3"),
        *("--batch-size", str(batch_size), "--grad-accum-steps", str(accum)),
        *("--eval-batches", str(eval_batches), "--out-dir", str(out_dir), "--sample-chars", "5"),
    ]


def test_two_gloo_processes_match_one_process_with_the_same_global_batch(tmp_path: Path) -> None:
    """``torchrun --nproc_per_node 2``, 2 micro-batches of 2 per rank, equals 1 process with 8.

    The ranks' strided shards of each epoch's order together are the single process's batch;
    validation is split across the ranks the same way (4 batches of 2 each against 2 of 8).
    """
    ddp_dir, single_dir = tmp_path / "ddp", tmp_path / "single"
    torchrun = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2"]
    torchrun += ["--master_port", str(_free_port())]
    # One thread in every process, as torchrun gives its workers: a matmul's sums then come in
    # one order, and AdamW's steps on near-zero gradients cannot tell rounding apart.
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    # Both runs at once: the two-core budget is spent on start-up, which overlaps.
    ddp = subprocess.Popen(
        [*torchrun, *_train_command(ddp_dir, batch_size=2, accum=2, eval_batches=4)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    single = subprocess.Popen(
        [sys.executable, *_train_command(single_dir, batch_size=8, accum=1, eval_batches=2)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    ddp_out, ddp_err = ddp.communicate(timeout=180)
    single_out, single_err = single.communicate(timeout=180)
    assert ddp.returncode == 0, ddp_err
    assert single.returncode == 0, single_err

    # Same parameters after three optimizer steps (gradients averaged over 2 x 2 x 2 sequences).
    ddp_model = torch.load(ddp_dir / "checkpoint.pt", map_location="cpu", weights_only=True)[
        "model"
    ]
    single_model = torch.load(single_dir / "checkpoint.pt", map_location="cpu", weights_only=True)[
        "model"
    ]
    assert ddp_model.keys() == single_model.keys()
    for name, value in single_model.items():
        torch.testing.assert_close(ddp_model[name], value, rtol=1e-4, atol=1e-5, msg=name)

    # Rank 0 alone logs: one line per step (not two), with the loss averaged over the ranks.
    ddp_metrics = read_metrics(ddp_dir / "metrics.jsonl")
    single_metrics = read_metrics(single_dir / "metrics.jsonl")
    ddp_losses = {r["step"]: r["train/loss"] for r in ddp_metrics if "train/loss" in r}
    single_losses = {r["step"]: r["train/loss"] for r in single_metrics if "train/loss" in r}
    assert [r["step"] for r in ddp_metrics if "train/loss" in r] == [1, 2, 3]
    assert ddp_losses == pytest.approx(single_losses, rel=1e-5)
    # The ranks' shares of the validation windows together are the single process's windows.
    ddp_val = [r["val/loss"] for r in ddp_metrics if "val/loss" in r]
    single_val = [r["val/loss"] for r in single_metrics if "val/loss" in r]
    assert ddp_val == pytest.approx(single_val, rel=1e-5)
    assert ddp_out.count("done: 3 steps") == 1
    assert ddp_out.count("train/loss") == 3
    # Rank 0 alone checkpoints: no temporary files from a second writer.
    assert not list(ddp_dir.glob(".checkpoint.pt.*"))
    assert single_out.count("done: 3 steps") == 1
    params = json.loads((ddp_dir / "params.json").read_text(encoding="utf-8"))
    assert params["world_size"] == 2
