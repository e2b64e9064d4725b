"""The GPU benchmark script keeps working: run it tiny on the CPU and read what it writes."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "reference" / "benchmarks" / "run_all.py"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run_on_cpu(command: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
    """Run a benchmark command from the repository root with CUDA hidden.

    ``python`` on its PATH is this interpreter, as it is for a script run from the venv.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO / "reference"), "CUDA_VISIBLE_DEVICES": ""}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_script(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the benchmark script as it runs on the GPU, but with tiny shapes."""
    return run_on_cpu([sys.executable, str(SCRIPT), "--out", str(out), "--tiny", *args], 120)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One complete tiny run shared by the tests below."""
    pytest.importorskip("matplotlib")
    out = tmp_path_factory.mktemp("bench")
    done = run_script(out)
    assert done.returncode == 0, done.stderr[-3000:]
    return out, json.loads((out / "results.json").read_text())


def test_run_is_complete_and_describes_the_machine(tiny_run: tuple[Path, dict[str, Any]]) -> None:
    _, data = tiny_run
    assert data["run"]["complete"] is True
    assert data["run"]["tiny"] is True
    assert "errors" not in data and "skipped" not in data
    env = data["environment"]
    for key in ("device_name", "torch", "cuda", "python", "date_utc"):
        assert key in env
    assert env["device_type"] == "cpu"
    assert data["matmul_peak"]["tflops"] > 0


def test_writes_both_plots(tiny_run: tuple[Path, dict[str, Any]]) -> None:
    out, data = tiny_run
    assert data["run"]["plots"] == ["attention.png", "training.png"]
    for name in data["run"]["plots"]:
        assert (out / name).read_bytes()[:8] == PNG_MAGIC
        assert (out / name).stat().st_size > 10_000


def test_attention_covers_every_variant_and_records_unavailable_backends(
    tiny_run: tuple[Path, dict[str, Any]],
) -> None:
    _, data = tiny_run
    section = data["attention"]
    setup = section["setup"]
    expected = len(setup["seq_lens"]) * len(setup["head_dims"]) * 6 * 2  # variants x modes
    assert len(section["timings"]) == expected
    by_variant = {r["variant"]: r for r in section["timings"]}
    assert set(by_variant) == {
        "fast",
        "math",
        "sdpa_flash",
        "sdpa_efficient",
        "sdpa_cudnn",
        "sdpa_math",
    }
    # The CPU has no memory-efficient or cuDNN kernel: recorded with a reason, not a crash.
    for variant in ("sdpa_efficient", "sdpa_cudnn"):
        assert by_variant[variant]["status"] == "unavailable"
        assert by_variant[variant]["reason"]
    for record in section["timings"]:
        if record["status"] == "ok":
            assert record["batch"] * record["seq_len"] == setup["tokens_per_batch"]
            assert record["n_heads"] * record["head_dim"] == setup["d_model"]
            causal_fwd = 2 * record["batch"] * record["n_heads"] * record["seq_len"] ** 2
            causal_fwd *= record["head_dim"]
            factor = 3.5 if record["mode"] == "fwd_bwd" else 1.0
            assert record["flops"] == causal_fwd * factor
            assert record["tflops"] == pytest.approx(
                record["flops"] / (record["median_ms"] * 1e-3) / 1e12
            )
            assert record["min_ms"] <= record["median_ms"] <= record["max_ms"]


def test_attention_outputs_are_checked_against_float32(
    tiny_run: tuple[Path, dict[str, Any]],
) -> None:
    _, data = tiny_run
    checks = data["attention"]["correctness"]
    assert {c["variant"] for c in checks} == {"fast", "math", "sdpa_flash", "sdpa_math"}
    for check in checks:
        assert 0 < check["max_abs_err"] <= check["tolerance"]  # bf16 is not exact
    assert data["targets"]["attention_outputs_correct"]["verdict"] == "pass"


def test_training_reports_throughput_and_verdicts(tiny_run: tuple[Path, dict[str, Any]]) -> None:
    _, data = tiny_run
    training = data["training"]
    assert training["setup"]["tokens_per_step"] == 4 * 32
    runs = ("eager", "compiled", "eager_checkpointing", "compiled_full_logits")
    for name in (*runs, "compiled_bf16_residual"):
        run = training[name]
        assert run["tokens_per_s"] == pytest.approx(
            training["setup"]["tokens_per_step"] / (run["median_ms"] * 1e-3)
        )
        assert 0 < run["mfu_measured"] < 1
        assert 4.0 < run["last_loss"] < 7.0  # ~ln(256) on random tokens: the steps ran
    assert training["compiled"]["compiled"] is True
    assert training["compiled"]["chunked_loss"] is True
    assert training["compiled_full_logits"]["chunked_loss"] is False
    assert training["compiled_full_logits"]["fp32_residual"] is True
    assert training["compiled_bf16_residual"]["fp32_residual"] is False
    assert training["eager_checkpointing"]["activation_checkpointing"] is True
    targets = data["targets"]
    assert targets["fast_path_within_5pct_of_best_sdpa"]["verdict"] in {"pass", "fail"}
    # No nominal peak and no device memory statistics on a CPU: not measured, not a guess.
    assert targets["mfu_compiled_at_least_45pct"]["verdict"] == "not measured"
    assert targets["checkpointing_cuts_peak_memory_40pct"]["verdict"] == "not measured"


def test_mfu_verdict_judges_the_best_compiled_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(REPO / "reference"))
    monkeypatch.syspath_prepend(str(REPO / "reference" / "benchmarks"))
    training_bench = importlib.import_module("training_bench")
    training = {
        "setup": {"batch_size": 16},
        "eager": {"compiled": False, "mfu_nominal": 0.5},
        "compiled": {"compiled": True, "mfu_nominal": 0.40},
        "compiled_full_logits": {"compiled": True, "mfu_nominal": 0.46},
        "compiled_broken": {"status": "error", "reason": "out of memory"},
    }
    verdict = training_bench.mfu_verdict(training, "nominal")
    assert (verdict["verdict"], verdict["value"], verdict["run"]) == (
        "pass",
        0.46,
        "compiled_full_logits",
    )
    training["compiled_full_logits"]["mfu_nominal"] = 0.44
    assert training_bench.mfu_verdict(training, "nominal")["verdict"] == "fail"
    assert training_bench.mfu_verdict({"eager": training["eager"]}, "nominal") == {
        "target": "compiled MFU >= 45% of the nominal bf16 peak",
        "verdict": "not measured",
    }


def test_exhausted_budget_skips_with_reasons_and_still_writes_json(tmp_path: Path) -> None:
    done = run_script(tmp_path, "--budget-s", "0", "--sections", "training,attention")
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["run"]["complete"] is True
    reasons = {s["what"]: s["reason"] for s in data["skipped"]}
    assert "training compiled" in reasons
    assert any(what.startswith("attention T=") for what in reasons)
    assert all("budget" in reason for reason in reasons.values())
    assert "matmul_peak" not in data  # not selected
    assert data["targets"]["fast_path_within_5pct_of_best_sdpa"]["verdict"] == "not measured"
    assert data["run"]["plots"] == []


def test_training_runs_can_be_chosen_and_unknown_names_are_refused(tmp_path: Path) -> None:
    chosen = run_script(
        tmp_path / "chosen", "--sections", "training", "--train-runs", "compiled_full_logits"
    )
    assert chosen.returncode == 0, chosen.stderr[-3000:]
    training = json.loads((tmp_path / "chosen" / "results.json").read_text())["training"]
    assert set(training) == {"setup", "peaks_tflops", "compiled_full_logits"}
    assert training["compiled_full_logits"]["compiled"] is True
    assert training["compiled_full_logits"]["chunked_loss"] is False
    assert training["compiled_full_logits"]["compile_mode"] == "default"

    refused = run_script(tmp_path / "refused", "--train-runs", "eager,compiled_fast")
    assert refused.returncode == 2
    assert "unknown training runs: compiled_fast" in refused.stderr
    assert not (tmp_path / "refused" / "results.json").exists()


def test_gpu_session_runs_the_named_parts_and_keeps_main_plots_only(tmp_path: Path) -> None:
    script = REPO / "reference" / "benchmarks" / "gpu_session.sh"
    done = run_on_cpu(["bash", str(script), str(tmp_path), "main", "batch128", "nonsense"], 180)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        "batch128/results.json",
        "main/attention.png",
        "main/results.json",
        "main/training.png",
        "session.log",
    ], done.stdout + done.stderr
    assert "unknown part: nonsense" in done.stdout
    batch128 = json.loads((tmp_path / "batch128" / "results.json").read_text())
    assert list(batch128["training"]) == ["setup", "peaks_tflops", "compiled_bf16_residual"]
