"""The labelled fixture set: recall and false positives of every secret detector.

For every detector, true positives in six file forms (Python, YAML, JSON, .env, a notebook
cell's source, a notebook cell's output), and near-miss negatives (placeholders,
environment references, ``${VAR}``, hashes, UUIDs, base64 images, tokenizer settings, and
test fixtures marked as such). Every file is built in a temporary directory from secrets
generated at test time (``secret_fakes``), then checked with ``ml-lint check --only ML4``.

Run ``python tests/test_secrets_fixtures.py`` to print the per-detector table.
"""

from __future__ import annotations

import base64
import json
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from secret_fakes import BASE64, GENERATORS, HEX, Fake, fakes
from support import cli, write

from ml_lint.secrets import DETECTORS, fingerprint

FORMS = ("python", "yaml", "json", "env", "notebook-source", "notebook-output")


class Fixture(NamedTuple):
    """One file of the set: where it is, and the secret it holds (None for a negative)."""

    relpath: str
    fake: Fake | None
    near: str  # for a negative: the detector it is a near miss of, or "" for all


# --- Writing secrets in each form ----------------------------------------------------------


def _notebook(source: str, output: str | None = None, image: str | None = None) -> str:
    cell = new_code_cell(source)
    if output is not None:
        cell.outputs.append(new_output("stream", name="stdout", text=output))
    if image is not None:
        cell.outputs.append(
            new_output("display_data", data={"image/png": image, "text/plain": "<Figure>"})
        )
    text: str = nbformat.writes(new_notebook(cells=[cell]))
    return text


def _yaml(fake: Fake) -> str:
    if fake.detector == "gcp-service-account":
        data = json.loads(fake.text)
        return "".join(f"{key}: {value}\n" for key, value in data.items())
    if "\n" in fake.text:
        indented = "".join(f"  {line}\n" for line in fake.text.splitlines())
        return f"{fake.name.lower()}: |\n{indented}"
    return f"training:\n  {fake.name.lower()}: {fake.text}\n"


def _json(fake: Fake) -> str:
    if fake.detector == "gcp-service-account":
        return fake.text
    return json.dumps({"run": "baseline", fake.name: fake.text}, indent=2)


def _env(fake: Fake) -> str:
    if fake.detector == "gcp-service-account":
        compact = json.dumps(json.loads(fake.text), separators=(",", ":"))
        return f"GOOGLE_CREDENTIALS_JSON='{compact}'\n"
    if "\n" in fake.text:
        return f'{fake.name}="{fake.text.replace(chr(10), chr(92) + "n")}"\n'
    return f"# secrets for local runs\n{fake.name}={fake.text}\n"


def _python(fake: Fake) -> str:
    if fake.detector == "gcp-service-account":
        return f"ACCOUNT = {fake.text}\n"
    if "\n" in fake.text:
        return f'{fake.name} = """\n{fake.text}\n"""\n'
    return f'import os\n\n{fake.name} = "{fake.text}"\n'


def _cell_source(fake: Fake) -> str:
    if fake.detector == "gcp-service-account" or "\n" in fake.text:
        return _python(fake)
    return f'import os\nos.environ["{fake.name}"] = "{fake.text}"\n'


def _cell_output(fake: Fake) -> str:
    if fake.detector == "gcp-service-account" or "\n" in fake.text:
        return fake.text + "\n"
    return f"environ({{'HOME': '/root', '{fake.name}': '{fake.text}'}})\n"


RENDER: dict[str, tuple[str, Callable[[Fake], str]]] = {
    "python": ("py", _python),
    "yaml": ("yaml", _yaml),
    "json": ("json", _json),
    "env": ("env", _env),
    "notebook-source": ("ipynb", lambda fake: _notebook(_cell_source(fake))),
    "notebook-output": ("ipynb", lambda fake: _notebook("print(os.environ)", _cell_output(fake))),
}


# --- Negatives -------------------------------------------------------------------------------


def _rand(rng: random.Random, alphabet: str, size: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(size))


def _uuid(rng: random.Random) -> str:
    return "-".join(_rand(rng, HEX, n) for n in (8, 4, 4, 4, 12))


def _marked(fake: Fake, rng: random.Random) -> list[tuple[str, str]]:
    """The real-shaped secret, marked as a test fixture in each supported way."""
    if "\n" in fake.text or fake.detector == "gcp-service-account":
        return [("py", f"# pragma: allowlist nextline secret\nFIXTURE = {json.dumps(fake.text)}\n")]
    value = fake.text
    middle = len(value) // 2
    labelled = value[:middle] + "Fake" + value[middle + 4 :]  # a fixture that says so
    return [
        ("py", f'{fake.name} = "{labelled}"  # a test fixture\n'),
        ("py", f'{fake.name} = "{value}"  # pragma: allowlist secret\n'),
        ("py", f'# pragma: allowlist nextline secret\n{fake.name} = "{value}"\n'),
        ("yaml", f"{fake.name.lower()}: {value}  # gitleaks:allow\n"),
        ("py", f'{fake.name} = "{value}"  # ml-lint: ignore[{_rule(fake.detector)}]\n'),
        ("env", f"{fake.name}={value}  # ml-lint: ignore[{_rule(fake.detector)}]\n"),
    ]


def _rule(detector: str) -> str:
    return next(d.rule for d in DETECTORS if d.id == detector)


def _placeholders(fake: Fake) -> list[tuple[str, str]]:
    """The same key with values that only look like the secret."""
    name = fake.name
    shaped = "".join("x" if c.isalnum() else c for c in fake.text)
    return [
        ("py", f'{name} = "{shaped}"\n'),
        ("py", f'{name} = "<your-{name.lower().replace("_", "-")}>"\n'),
        ("py", f'{name} = os.environ["{name}"]\n{name.lower()} = os.getenv("{name}")\n'),
        ("yaml", f"env:\n  {name}: ${{{{ secrets.{name} }}}}\n  other: ${{{name}}}\n"),
        ("env", f"{name}=${{{name}}}\n{name}_FILE=/run/secrets/{name.lower()}\n"),
        ("json", json.dumps({name: f"${{{name}}}", "note": "set in the environment"})),
        ("ipynb", _notebook(f'{name.lower()} = os.environ.get("{name}", "")\n')),
    ]


def _global_negatives(rng: random.Random) -> list[tuple[str, str]]:
    """Near misses of every detector: names, hashes, UUIDs, images, ML settings."""
    sha = _rand(rng, HEX, 64)
    git_sha = _rand(rng, HEX, 40)
    md5 = _rand(rng, HEX, 32)
    public = "ssh-ed25519 " + "AAAAC3NzaC1lZDI1NTE5AAAAI" + _rand(rng, BASE64, 43)
    aws_like = "AK" + "IA" + _rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    image = "\n".join(
        [aws_like + _rand(rng, BASE64, 56)] + [_rand(rng, BASE64, 76) for _ in range(40)]
    )
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + rng.randbytes(600)).decode()
    return [
        (
            "py",
            'tokenizer_name = "bert-base-uncased"\n'
            "tokenizer = AutoTokenizer.from_pretrained(tokenizer_name, token=hf_token)\n"
            'pad_token = "<|endoftext|>"\neos_token = "</s>"\nmax_tokens = 4096\n'
            f'public_key = "{public}"\n'
            'password_file = "/etc/secrets/db_password.txt"\n'
            'secret_name = "prod-db-password-v2"\n'
            "token_type_ids = encoding.token_type_ids\n"
            "api_key = settings.openai_api_key\n",
        ),
        (
            "py",
            f'MODEL_SHA256 = "{sha}"\nrevision = "{git_sha}"\nchecksum = "{md5}"\n'
            f'run_id = "{_uuid(rng)}"\nsecret = "{_uuid(rng)}"\napi_key_id = "{_uuid(rng)}"\n'
            f'together_model_sha256 = "{_rand(rng, HEX, 64)}"\n'
            f'pinecone_index_host = "{_uuid(rng)}"\n',
        ),
        (
            "yaml",
            f"model:\n  revision: {git_sha}\n  sha256: {sha}\n"
            f"wandb:\n  project: baselines\n  run_id: {_uuid(rng)}\n"
            "  install: pip install git+https://github.com/wandb/wandb@" + git_sha + "\n"
            "tokenizer:\n  name: meta-llama/Llama-2-7b-hf\n  max_tokens: 2048\n"
            "database:\n  url: postgresql://user:password@localhost:5432/app\n"
            "  backup: postgresql://app:${PGPASSWORD}@db.internal/app\n"
            "  cache: redis://:{password}@cache.internal:6379/0\n",
        ),
        (
            "json",
            json.dumps(
                {
                    "files": [{"name": "model.safetensors", "sha256": sha, "key": md5}],
                    "tokenizer_class": "LlamaTokenizer",
                    "pad_token": "<pad>",
                },
                indent=2,
            ),
        ),
        (
            "env",
            "TOKENIZERS_PARALLELISM=false\nHF_HOME=/data/hf\nWANDB_PROJECT=baselines\n"
            f"WANDB_RUN_ID={_uuid(rng)}\nDB_PASSWORD=\nAPI_KEY=changeme\n",
        ),
        ("ipynb", _notebook("plt.plot(losses)", image=image)),
        ("ipynb", _notebook("plt.imshow(grid)", image=png)),
        (
            "ipynb",
            _notebook(
                "print(tokenizer)",
                "LlamaTokenizerFast(name_or_path='meta-llama/Llama-2-7b-hf', "
                "vocab_size=32000, special_tokens={'bos_token': '<s>', 'eos_token': '</s>'})\n"
                f"Downloading: model.safetensors sha256={sha}\n",
            ),
        ),
    ]


# --- Building and scoring the set ------------------------------------------------------------

POSITIVES_PER_FORM = 2  # two secrets of each detector in each form


def build(root: Path) -> list[Fixture]:
    """Write the whole set under ``root`` and return its labels."""
    fixtures: list[Fixture] = []
    rng = random.Random(20240607)
    for detector in GENERATORS:
        made = fakes(detector, POSITIVES_PER_FORM * len(FORMS) + 1)
        for index, form in enumerate(FORMS):
            suffix, render = RENDER[form]
            for copy in range(POSITIVES_PER_FORM):
                fake = made[index * POSITIVES_PER_FORM + copy]
                relpath = f"positive/{detector}/{form}-{copy}.{suffix}"
                write(root, relpath, render(fake))
                fixtures.append(Fixture(relpath, fake, ""))
        near = made[-1]
        negatives = _placeholders(near) + _marked(near, rng)
        for number, (suffix, content) in enumerate(negatives):
            relpath = f"negative/{detector}/{number}.{suffix}"
            write(root, relpath, content)
            fixtures.append(Fixture(relpath, None, detector))
    for number, (suffix, content) in enumerate(_global_negatives(rng)):
        relpath = f"negative/all/{number}.{suffix}"
        write(root, relpath, content)
        fixtures.append(Fixture(relpath, None, ""))
    return fixtures


class Score(NamedTuple):
    """One detector's row of the table."""

    positives: int
    found: int
    near_misses: int  # negatives made to resemble this detector's secrets
    negatives: int  # every negative file: a finding of this detector in any is an FP
    false_positives: int

    @property
    def recall(self) -> float:
        """Found true positives over true positives."""
        return self.found / self.positives if self.positives else 1.0

    @property
    def fp_rate(self) -> float:
        """Negative files with a finding of this detector, over negative files."""
        return self.false_positives / self.negatives if self.negatives else 0.0


def evaluate(
    fixtures: list[Fixture], findings: list[dict[str, Any]]
) -> tuple[dict[str, Score], list[str]]:
    """Per-detector scores, and a description of every miss and false positive."""
    by_path: dict[str, list[dict[str, Any]]] = {}
    for item in findings:
        by_path.setdefault(item["path"], []).append(item)
    negatives = [f for f in fixtures if f.fake is None]
    problems: list[str] = []
    scores: dict[str, Score] = {}
    for detector in (d.id for d in DETECTORS):
        mine = [f for f in fixtures if f.fake is not None and f.fake.detector == detector]
        found = 0
        for fixture in mine:
            assert fixture.fake is not None
            expected = fingerprint(detector, fixture.fake.secret)
            hits = by_path.get(fixture.relpath, [])
            if any(h["secret_fingerprint"] == expected for h in hits):
                found += 1
            else:
                problems.append(f"missed {fixture.relpath}: {[h['message'] for h in hits]}")
            extra = [h for h in hits if h["secret_fingerprint"] != expected]
            problems += [f"extra finding in {fixture.relpath}: {h['message']}" for h in extra]
        false = 0
        for fixture in negatives:
            hits = [h for h in by_path.get(fixture.relpath, []) if h["secret_detector"] == detector]
            if hits:
                false += 1
                problems += [f"false positive in {fixture.relpath}: {h['message']}" for h in hits]
        near = sum(1 for fixture in negatives if fixture.near == detector)
        scores[detector] = Score(len(mine), found, near, len(negatives), false)
    return scores, problems


def table(scores: dict[str, Score]) -> str:
    """The per-detector table in Markdown."""
    lines = [
        "| detector | rule | positives | found | recall | near misses | negatives | FP | FP rate |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for detector, s in scores.items():
        lines.append(
            f"| {detector} | {_rule(detector)} | {s.positives} | {s.found} | {s.recall:.0%} | "
            f"{s.near_misses} | {s.negatives} | {s.false_positives} | {s.fp_rate:.1%} |"
        )
    total = Score(*(sum(getattr(s, f) for s in scores.values()) for f in Score._fields))
    negatives = next(iter(scores.values())).negatives
    lines.append(
        f"| **all** | | {total.positives} | {total.found} | {total.recall:.0%} | "
        f"{total.near_misses} | {negatives} | {total.false_positives} | |"
    )
    return "\n".join(lines) + "\n"


def run_set(
    root: Path, capsys: pytest.CaptureFixture[str] | None = None
) -> tuple[dict[str, Score], list[str]]:
    """Build the set under ``root``, check it, and score it."""
    fixtures = build(root)
    args = ("check", str(root), "--only", "ML4", "--format", "json", "--exit-zero")
    if capsys is not None:
        run = cli(capsys, *args)
        output = run.out
    else:
        import contextlib
        import io

        from ml_lint.cli import main

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            main(list(args))
        output = buffer.getvalue()
    findings = json.loads(output)
    for item in findings:  # paths are relative to the current directory's repository
        item["path"] = str(Path(item["path"]).resolve().relative_to(root.resolve()))
    return evaluate(fixtures, findings)


# --- Tests ---------------------------------------------------------------------------------


def test_every_detector_has_generators() -> None:
    """The set covers every detector, and every generated fake is detected in isolation."""
    assert set(GENERATORS) == {d.id for d in DETECTORS}


def test_recall_and_false_positives_per_detector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Recall is 100% and there is no false positive, for every detector, on the set."""
    monkeypatch.chdir(tmp_path)
    scores, problems = run_set(tmp_path / "set", capsys)
    assert problems == []
    for detector, score in scores.items():
        assert score.positives == POSITIVES_PER_FORM * len(FORMS), detector
        assert score.recall == 1.0, detector
        assert score.false_positives == 0, detector


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as directory:
        import os

        os.chdir(directory)
        scores, problems = run_set(Path(directory) / "set")
    sys.stdout.write(table(scores))
    for problem in problems:
        print(problem, file=sys.stderr)
