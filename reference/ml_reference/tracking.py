"""Experiment tracking: the six things the guide says to record, to files or to MLflow / W&B.

The guide's list is hyperparameters, metrics, model architecture, training time, hardware and
random seeds. Every backend here implements the small :class:`Tracker` protocol, and
:func:`log_run_start` writes the four that are known before training through it:

* hyperparameters and seeds -> :meth:`Tracker.log_params` (the config plus ``seed`` and the
  parameter counts),
* architecture -> :meth:`Tracker.log_text` as ``architecture.txt`` (``str(model)`` and the
  parameter counts),
* hardware -> :meth:`Tracker.log_text` as ``system.json`` (:func:`hardware_info`, the seed and
  the start time).

Metrics and training time are logged by the training loop with :meth:`Tracker.log_metrics`
(for example ``{"train/loss": ..., "time/elapsed_s": ...}``); :class:`JsonlTracker` also stamps
every metrics line with the wall-clock time and the seconds since the tracker was created.

:class:`JsonlTracker` is the default: no server and no extra dependency, one directory per run::

    run_dir/
        params.json        hyperparameters and seeds (merged over every log_params call)
        metrics.jsonl      one JSON object per log_metrics call: step, time, elapsed, metrics
        architecture.txt   the model (log_text)
        system.json        hardware, seed, start time (log_text)

:class:`MlflowTracker` and :class:`WandbTracker` adapt the same calls to MLflow and Weights &
Biases; both libraries are optional and imported only when those classes are instantiated.
:func:`plot_metrics` draws ``metrics.jsonl`` to a PNG. Create trackers on rank 0 only under DDP.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import platform
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

import numpy as np
import torch
from torch import nn

from ml_reference.checkpoint import unwrap_model

if TYPE_CHECKING:
    from mlflow.tracking import MlflowClient
    from wandb.sdk.wandb_run import Run as WandbRun

__all__ = [
    "JsonlTracker",
    "MlflowTracker",
    "MultiTracker",
    "Tracker",
    "WandbTracker",
    "hardware_info",
    "log_run_start",
    "metric_series",
    "plot_metrics",
    "read_metrics",
]

_RESERVED_METRIC_KEYS = frozenset({"step", "time", "elapsed"})
_JSONL_FILES = frozenset({"params.json", "metrics.jsonl"})


@runtime_checkable
class Tracker(Protocol):
    """What a training loop needs from an experiment tracker."""

    def log_params(self, params: Mapping[str, object]) -> None:
        """Record hyperparameters (nested mappings allowed); later calls add to earlier ones.

        Args:
            params: Names to JSON-compatible values.
        """
        ...

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        """Record scalar metrics at a training step.

        Args:
            metrics: Metric names (``"train/loss"``) to values.
            step: The optimizer step the values belong to.
        """
        ...

    def log_text(self, name: str, text: str) -> None:
        """Store a text artifact such as ``architecture.txt``.

        Args:
            name: A file name (no directories).
            text: The content.
        """
        ...

    def close(self) -> None:
        """Flush and finish the run; calling it again does nothing."""
        ...


def _check_file_name(name: str) -> None:
    """Raise ``ValueError`` unless ``name`` is a plain file name."""
    if not name or name in {".", ".."} or Path(name).name != name or "\\" in name:
        raise ValueError(f"artifact name must be a plain file name, got {name!r}")


# --------------------------------------------------------------------------------------------
# JSONL files
# --------------------------------------------------------------------------------------------


class JsonlTracker:
    """Track a run as plain files in ``run_dir`` (see the module docstring for the layout).

    Reopening an existing run directory (resuming) keeps its ``params.json`` entries and appends
    to ``metrics.jsonl``. Each metrics line is flushed as it is written, so a crash loses
    nothing already logged. Use it as a context manager or call :meth:`close`.

    Args:
        run_dir: The run directory; created if missing.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as run_dir, JsonlTracker(run_dir) as tracker:
        ...     tracker.log_params({"lr": 3e-4, "seed": 0})
        ...     tracker.log_metrics({"train/loss": 2.5}, step=10)
        ...     print(sorted(p.name for p in tracker.run_dir.iterdir()))
        ['metrics.jsonl', 'params.json']
    """

    def __init__(self, run_dir: str | os.PathLike[str]) -> None:
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.params_path = self.run_dir / "params.json"
        self.metrics_path = self.run_dir / "metrics.jsonl"
        self._params: dict[str, object] = {}
        if self.params_path.exists():
            self._params = json.loads(self.params_path.read_text(encoding="utf-8"))
        self._metrics_file = self.metrics_path.open("a", encoding="utf-8")
        self._start = time.monotonic()

    def log_params(self, params: Mapping[str, object]) -> None:
        """Merge ``params`` into ``params.json`` (rewritten whole, via a temporary file).

        The merged parameters are kept only once written, so a call that fails leaves the
        tracker as it was.

        Args:
            params: Names to values; keys at any depth are stored as ``str``, and so are values
                JSON cannot hold.
        """
        merged = {**self._params, **_str_keys(params)}
        text = json.dumps(merged, indent=2, sort_keys=True, default=str) + "\n"
        tmp = self.params_path.with_suffix(".json.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.params_path)
        self._params = merged

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        """Append one line ``{"step", "time", "elapsed", **metrics}`` to ``metrics.jsonl``.

        ``time`` is Unix wall-clock seconds and ``elapsed`` the seconds since this tracker was
        created: the training time. Non-finite values are written as JSON ``NaN``/``Infinity``,
        which Python's ``json`` reads back, so a diverged loss is recorded rather than dropped.

        Args:
            metrics: Metric names to values (0-d tensors are converted with ``float``).
            step: The optimizer step.

        Raises:
            ValueError: If a metric is named ``step``, ``time`` or ``elapsed``.
        """
        clash = _RESERVED_METRIC_KEYS.intersection(metrics)
        if clash:
            raise ValueError(f"metric names {sorted(clash)} are reserved in metrics.jsonl")
        record: dict[str, float] = {
            "step": step,
            "time": round(time.time(), 3),
            "elapsed": round(time.monotonic() - self._start, 3),
        }
        record.update({name: float(value) for name, value in metrics.items()})
        self._metrics_file.write(json.dumps(record) + "\n")
        self._metrics_file.flush()

    def log_text(self, name: str, text: str) -> None:
        """Write ``text`` to ``run_dir / name``.

        Args:
            name: A plain file name other than ``params.json`` and ``metrics.jsonl``.
            text: The content.

        Raises:
            ValueError: If ``name`` has a directory part or is one of the tracker's own files.
        """
        _check_file_name(name)
        if name in _JSONL_FILES:
            raise ValueError(f"{name} is written by the tracker itself")
        (self.run_dir / name).write_text(text, encoding="utf-8")

    def close(self) -> None:
        """Close ``metrics.jsonl``; calling it again does nothing."""
        self._metrics_file.close()

    def __enter__(self) -> JsonlTracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _str_keys(params: Mapping[Any, object]) -> dict[str, object]:
    """Copy ``params`` with every mapping key, at any depth, turned into a string.

    JSON objects have string keys only, and sorting keys fails on a mix of types.

    Args:
        params: A mapping whose values may be mappings, lists or tuples of further values.

    Returns:
        The copy, with lists and tuples as lists.
    """

    def convert(value: object) -> object:
        if isinstance(value, Mapping):
            return _str_keys(value)
        if isinstance(value, list | tuple):
            return [convert(item) for item in value]
        return value

    return {str(key): convert(value) for key, value in params.items()}


def read_metrics(metrics_jsonl: str | os.PathLike[str]) -> list[dict[str, float]]:
    """Read a ``metrics.jsonl`` file written by :class:`JsonlTracker`.

    Args:
        metrics_jsonl: The file.

    Returns:
        One dictionary per line, in the order logged.
    """
    with Path(metrics_jsonl).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def metric_series(
    metrics_jsonl: str | os.PathLike[str], keys: Sequence[str] | None = None
) -> dict[str, tuple[list[float], list[float]]]:
    """Each metric's steps and values, in step order, from a ``metrics.jsonl`` file.

    A run resumed from a checkpoint logs the steps after that checkpoint again: the last
    value logged at a step is the one that counts.

    Args:
        metrics_jsonl: A file written by :class:`JsonlTracker`.
        keys: The metrics to read; ``None`` for all.

    Returns:
        ``{name: (steps, values)}``.
    """
    latest: dict[str, dict[float, float]] = {}
    for record in read_metrics(metrics_jsonl):
        for name, value in record.items():
            if name in _RESERVED_METRIC_KEYS or (keys is not None and name not in keys):
                continue
            latest.setdefault(name, {})[record["step"]] = value
    return {
        name: (sorted(values), [values[step] for step in sorted(values)])
        for name, values in latest.items()
    }


class MultiTracker:
    """Send every call to several trackers, for example files plus MLflow.

    Args:
        trackers: The trackers, called in order.
    """

    def __init__(self, *trackers: Tracker) -> None:
        self.trackers = trackers

    def log_params(self, params: Mapping[str, object]) -> None:
        """Forward to every tracker.

        Args:
            params: Names to values.
        """
        for tracker in self.trackers:
            tracker.log_params(params)

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        """Forward to every tracker.

        Args:
            metrics: Metric names to values.
            step: The optimizer step.
        """
        for tracker in self.trackers:
            tracker.log_metrics(metrics, step)

    def log_text(self, name: str, text: str) -> None:
        """Forward to every tracker.

        Args:
            name: A plain file name.
            text: The content.
        """
        for tracker in self.trackers:
            tracker.log_text(name, text)

    def close(self) -> None:
        """Close every tracker."""
        for tracker in self.trackers:
            tracker.close()


# --------------------------------------------------------------------------------------------
# Hardware, architecture, seeds
# --------------------------------------------------------------------------------------------


def hardware_info() -> dict[str, object]:
    """Describe the software and hardware a run executes on.

    Returns:
        Python, torch and numpy versions; platform and CPU count; CUDA availability, version,
        device count and, per device, name, compute capability and memory; MPS availability.
    """
    cuda = torch.cuda.is_available()
    devices: list[dict[str, object]] = []
    cudnn_version: int | None = None
    if cuda:
        # cudnn.version() is unannotated in torch; it returns int | None.
        cudnn_version = torch.backends.cudnn.version()  # type: ignore[no-untyped-call]
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            devices.append(
                {
                    "name": props.name,
                    "capability": f"{props.major}.{props.minor}",
                    "memory_gib": round(props.total_memory / 2**30, 2),
                }
            )
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "torch_num_threads": torch.get_num_threads(),
        "cuda_available": cuda,
        "cuda_version": torch.version.cuda,
        "cudnn_version": cudnn_version,
        "cuda_device_count": len(devices),
        "cuda_devices": devices,
        "mps_available": torch.backends.mps.is_available(),
    }


def _config_dict(config: object) -> dict[str, object]:
    """Turn a mapping, an object with ``to_dict()`` or a dataclass instance into a dict."""
    if isinstance(config, Mapping):
        return {str(key): value for key, value in config.items()}
    to_dict = getattr(config, "to_dict", None)
    if callable(to_dict):
        return _config_dict(to_dict())
    if is_dataclass(config) and not isinstance(config, type):
        return asdict(config)
    raise TypeError(f"config must be a mapping, a dataclass or have to_dict(), got {config!r}")


def log_run_start(
    tracker: Tracker, *, config: object, model: nn.Module, seed: int
) -> dict[str, object]:
    """Log the hyperparameters, architecture, hardware and seeds of a run that is starting.

    Params get the config's entries plus ``seed``, ``num_parameters`` and
    ``num_trainable_parameters`` (tied weights counted once); ``architecture.txt`` gets
    ``str(model)`` (unwrapped from DDP / ``torch.compile``) and the counts; ``system.json``
    gets :func:`hardware_info`, the seed, ``torch.initial_seed()`` and the UTC start time.

    Args:
        tracker: Where to log.
        config: The hyperparameters: a mapping (nested mappings allowed, for example
            ``{"train": ..., "model": ...}``), a dataclass instance or an object with
            ``to_dict()``.
        model: The model about to be trained.
        seed: The seed actually used (after any per-rank offset).

    Returns:
        The ``system.json`` content, for printing.
    """
    module = unwrap_model(model)
    num_parameters = sum(p.numel() for p in module.parameters())
    num_trainable = sum(p.numel() for p in module.parameters() if p.requires_grad)
    params = _config_dict(config)
    params.update(seed=seed, num_parameters=num_parameters, num_trainable_parameters=num_trainable)
    tracker.log_params(params)
    tracker.log_text(
        "architecture.txt",
        f"{module}\n\nparameters: {num_parameters:,} ({num_trainable:,} trainable)\n",
    )
    system: dict[str, object] = {
        "hardware": hardware_info(),
        "seeds": {"seed": seed, "torch_initial_seed": torch.initial_seed()},
        "start_time_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    tracker.log_text("system.json", json.dumps(system, indent=2) + "\n")
    return system


# --------------------------------------------------------------------------------------------
# MLflow and Weights & Biases
# --------------------------------------------------------------------------------------------


def _flatten(params: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    """Flatten nested mappings into ``"outer/inner"`` keys with string values (MLflow params)."""
    flat: dict[str, str] = {}
    for key, value in params.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, prefix=f"{name}/"))
        else:
            flat[name] = value if isinstance(value, str) else json.dumps(value, default=str)
    return flat


def _require(module: str, extra: str) -> None:
    """Import an adapter's optional package, or say which extra installs it.

    Args:
        module: The package, e.g. ``mlflow``.
        extra: The ml-lint extra that installs it.

    Raises:
        ModuleNotFoundError: The package is not installed.
    """
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as e:
        raise ModuleNotFoundError(
            f"{module} is not installed; install it with pip install 'ml-lint[{extra}]'",
            name=module,
        ) from e


def _mlflow_uri(location: str | os.PathLike[str]) -> str:
    """Return ``location`` if it is a URI (``scheme:...``), else the ``file:`` URI of the path."""
    if isinstance(location, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", location):
        return location
    return Path(location).resolve().as_uri()


class MlflowTracker:
    """Track a run in MLflow through ``MlflowClient`` (no global ``mlflow.start_run`` state).

    Nested params are flattened to ``"outer/inner"`` keys with JSON-encoded values, metrics are
    logged with their step and a timestamp, and :meth:`log_text` stores an artifact. Leaving the
    ``with`` block on an exception marks the run ``FAILED``.

    A local directory gives a ``file:`` store. MLflow 3 refuses new ``file:`` stores unless the
    environment sets ``MLFLOW_ALLOW_FILE_STORE=true`` (this class does not change the
    environment for you); prefer a database or server URI for shared tracking.

    Args:
        tracking_uri: A tracking URI (``file:...``, ``sqlite:///...``, ``http://...``) or a local
            directory for a ``file:`` store.
        experiment: Experiment name; created if it does not exist.
        run_name: Display name of the run; MLflow picks one when ``None``.
    """

    def __init__(
        self,
        tracking_uri: str | os.PathLike[str],
        experiment: str = "ml_reference",
        *,
        run_name: str | None = None,
    ) -> None:
        _require("mlflow", "reference-mlflow")
        from mlflow.tracking import MlflowClient

        self.tracking_uri = _mlflow_uri(tracking_uri)
        self._client: MlflowClient = MlflowClient(tracking_uri=self.tracking_uri)
        found = self._client.get_experiment_by_name(experiment)
        if found is None:
            experiment_id = self._client.create_experiment(experiment)
        else:
            experiment_id = found.experiment_id
        self.run_id: str = self._client.create_run(experiment_id, run_name=run_name).info.run_id
        self._closed = False

    def log_params(self, params: Mapping[str, object]) -> None:
        """Log params in batches of 100 (MLflow's per-request limit).

        Args:
            params: Names to values; nested mappings become ``"outer/inner"`` keys.
        """
        from mlflow.entities import Param

        items = [Param(key, value) for key, value in _flatten(params).items()]
        for start in range(0, len(items), 100):
            self._client.log_batch(self.run_id, params=items[start : start + 100])

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        """Log every metric at ``step`` in one request.

        Args:
            metrics: Metric names to values.
            step: The optimizer step.
        """
        from mlflow.entities import Metric

        now_ms = int(time.time() * 1000)
        batch = [Metric(key, float(value), now_ms, step) for key, value in metrics.items()]
        self._client.log_batch(self.run_id, metrics=batch)

    def log_text(self, name: str, text: str) -> None:
        """Store ``text`` as the run artifact ``name``.

        Args:
            name: A plain file name.
            text: The content.
        """
        _check_file_name(name)
        self._client.log_text(self.run_id, text, name)

    def close(self, status: Literal["FINISHED", "FAILED", "KILLED"] = "FINISHED") -> None:
        """End the run; calling it again does nothing.

        Args:
            status: The final run status.
        """
        if not self._closed:
            self._client.set_terminated(self.run_id, status=status)
            self._closed = True

    def __enter__(self) -> MlflowTracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close("FINISHED" if exc_type is None else "FAILED")


class WandbTracker:
    """Track a run in Weights & Biases.

    ``mode="offline"`` (the default) writes the run under ``run_dir/wandb/offline-run-*`` with no
    network access; upload it later with ``wandb sync``. Params go to the run config, metrics to
    the history at their step, and :meth:`log_text` writes a file into the run's files
    directory (synced with the run). Leaving the ``with`` block on an exception finishes the run
    with exit code 1.

    Args:
        project: W&B project name.
        run_dir: Directory for W&B's files; created if missing.
        mode: ``"offline"``, ``"online"`` or ``"disabled"``.
        name: Display name of the run; W&B picks one when ``None``.
    """

    def __init__(
        self,
        project: str,
        run_dir: str | os.PathLike[str],
        mode: Literal["online", "offline", "disabled"] = "offline",
        *,
        name: str | None = None,
    ) -> None:
        _require("wandb", "reference-wandb")
        import wandb

        Path(run_dir).mkdir(parents=True, exist_ok=True)
        self._run: WandbRun = wandb.init(project=project, dir=run_dir, mode=mode, name=name)
        self._closed = False

    @property
    def files_dir(self) -> Path:
        """The run's files directory, where :meth:`log_text` writes."""
        return Path(self._run.dir)

    def log_params(self, params: Mapping[str, object]) -> None:
        """Add params to the run config (nested mappings stay nested).

        Args:
            params: Names to values; values JSON cannot hold are stored as ``str``.
        """
        config: dict[str, object] = json.loads(json.dumps(dict(params), default=str))
        # wandb's Config.update has no annotations; it takes a dict and returns None.
        self._run.config.update(config, allow_val_change=True)  # type: ignore[no-untyped-call]

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        """Log metrics to the run history at ``step`` (steps must not decrease).

        Args:
            metrics: Metric names to values.
            step: The optimizer step.
        """
        self._run.log({key: float(value) for key, value in metrics.items()}, step=step)

    def log_text(self, name: str, text: str) -> None:
        """Write ``text`` to ``name`` in the run's files directory.

        Args:
            name: A plain file name.
            text: The content.
        """
        _check_file_name(name)
        (self.files_dir / name).write_text(text, encoding="utf-8")

    def close(self, exit_code: int = 0) -> None:
        """Finish the run; calling it again does nothing.

        Args:
            exit_code: 0 for success, anything else marks the run failed.
        """
        if not self._closed:
            self._run.finish(exit_code=exit_code)
            self._closed = True

    def __enter__(self) -> WandbTracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(0 if exc_type is None else 1)


# --------------------------------------------------------------------------------------------
# Plotting
# --------------------------------------------------------------------------------------------


def plot_metrics(
    metrics_jsonl: str | os.PathLike[str],
    out_png: str | os.PathLike[str],
    *,
    keys: Sequence[str] | None = None,
) -> Path:
    """Plot the metrics of a ``metrics.jsonl`` file against the step and save a PNG.

    Metrics that share a final name component share a panel, so ``train/loss`` and
    ``val/loss`` are drawn on the same axes. Uses matplotlib's object API with the Agg canvas:
    no display and no global ``pyplot`` state.

    Args:
        metrics_jsonl: A file written by :class:`JsonlTracker`.
        out_png: Where to write the image.
        keys: Metrics to plot; ``None`` plots every metric in the file.

    Returns:
        The path written.

    Raises:
        ValueError: If there is nothing to plot.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    series = metric_series(metrics_jsonl, keys)
    if not series:
        raise ValueError(f"no metrics to plot in {metrics_jsonl}")

    panels: dict[str, list[str]] = {}
    for name in sorted(series):
        panels.setdefault(name.rsplit("/", 1)[-1], []).append(name)
    figure = Figure(figsize=(7.0, 2.6 * len(panels)), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(panels), 1, squeeze=False, sharex=True)[:, 0]
    for ax, (panel, names) in zip(axes, panels.items(), strict=True):
        for name in names:
            steps, values = series[name]
            ax.plot(steps, values, label=name, marker="." if len(steps) < 50 else None)
        ax.set_ylabel(panel)
        ax.grid(alpha=0.3)
        ax.legend(loc="best")
    axes[-1].set_xlabel("step")
    out = Path(out_png)
    figure.savefig(out, dpi=100)
    return out
