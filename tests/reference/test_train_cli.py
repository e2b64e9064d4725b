"""Tests of ``python -m ml_reference.train``: the run directory it writes and resuming a run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from ml_reference.checkpoint import load_checkpoint
from ml_reference.data import CharTokenizer
from ml_reference.tracking import read_metrics
from ml_reference.train import PRESETS, main, parse_args
from ml_reference.transformer import GPT, GPTConfig


def _model_from_run(run_dir: Path) -> GPT:
    params = json.loads((run_dir / "params.json").read_text(encoding="utf-8"))
    return GPT(GPTConfig(**params["model"]))


def test_tiny_run_writes_a_complete_run_directory(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "ml_reference.train", "--tiny", "--max-steps", "6"),
            *("--out-dir", str(run_dir), "--log-interval", "2", "--eval-interval", "3"),
            *("--sample-chars", "40"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "done: 6 steps" in completed.stdout

    expected = {
        "params.json",
        "metrics.jsonl",
        "architecture.txt",
        "system.json",
        "checkpoint.pt",
        "tokenizer.json",
        "loss.png",
        "sample.txt",
        "data",
    }
    assert expected <= {p.name for p in run_dir.iterdir()}
    assert (run_dir / "loss.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    params = json.loads((run_dir / "params.json").read_text(encoding="utf-8"))
    assert params["train"]["max_steps"] == 6
    assert params["train"]["precision"] == "auto"
    assert params["seed"] == 1337
    assert params["model"]["n_layer"] == PRESETS["tiny"].n_layer
    assert "parameters:" in (run_dir / "architecture.txt").read_text(encoding="utf-8")
    assert "hardware" in json.loads((run_dir / "system.json").read_text(encoding="utf-8"))

    records = read_metrics(run_dir / "metrics.jsonl")
    assert [r["step"] for r in records if "train/loss" in r] == [2, 4, 6]
    assert [r["step"] for r in records if "val/loss" in r] == [3, 6]
    assert all("train/tokens_per_s" in r for r in records if "train/loss" in r)

    tokenizer = CharTokenizer.from_dict(
        json.loads((run_dir / "tokenizer.json").read_text(encoding="utf-8"))
    )
    sample = (run_dir / "sample.txt").read_text(encoding="utf-8")
    assert sample.startswith("def ")
    assert tokenizer.decode(tokenizer.encode(sample.rstrip("\n"))) == sample.rstrip("\n")

    model = _model_from_run(run_dir)
    state = load_checkpoint(run_dir / "checkpoint.pt", model=model, restore_rng=False)
    assert state.step == 6
    assert state.data_state is not None
    assert state.data_state["epoch"] == 0
    assert state.data_state["position"] == 6 * PRESETS["tiny"].batch_size
    assert state.extra["config"]["max_steps"] == 6


def test_resume_continues_from_the_checkpoint(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    common = ["--tiny", "--out-dir", str(run_dir), "--log-interval", "1", "--sample-chars", "5"]
    assert main([*common, "--max-steps", "3", "--eval-interval", "0"]) == 0
    first = torch.load(run_dir / "checkpoint.pt", map_location="cpu", weights_only=True)["model"]

    checkpoint = str(run_dir / "checkpoint.pt")
    assert main([*common, "--max-steps", "5", "--eval-interval", "0", "--resume", checkpoint]) == 0

    records = read_metrics(run_dir / "metrics.jsonl")
    assert [r["step"] for r in records if "train/loss" in r] == [1, 2, 3, 4, 5]
    model = _model_from_run(run_dir)
    assert load_checkpoint(checkpoint, model=model, restore_rng=False).step == 5
    assert any(not torch.equal(first[k], v) for k, v in model.state_dict().items())


def test_presets_fill_unset_options_only() -> None:
    tiny = parse_args(["--tiny", "--d-model", "48"])
    assert tiny.d_model == 48
    assert tiny.n_layer == PRESETS["tiny"].n_layer
    default = parse_args([])
    assert default.max_steps == PRESETS["default"].max_steps
    assert default.out_dir == "runs/char-gpt"
    with pytest.raises(SystemExit):
        parse_args(["--precision", "fp8"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--batch-size", "0"], "batch_size must be >= 1"),
        (["--n-head", "3"], "must be divisible by n_head"),
        (["--n-layer", "0"], "n_layer must be >= 1"),
        (["--dropout", "1.5"], "dropout must be in"),
        (["--max-chars", "0"], "--max-chars must be >= 1"),
        (["--sample-chars", "-1"], "--sample-chars must be >= 0"),
        (["--resume", "missing.pt"], "no checkpoint file at missing.pt"),
    ],
)
def test_bad_options_are_usage_errors_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    """A value the run cannot use exits with status 2 and a message, and writes nothing."""
    run_dir = tmp_path / "run"
    with pytest.raises(SystemExit) as exit_info:
        main(["--tiny", "--out-dir", str(run_dir), *options])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not run_dir.exists()
