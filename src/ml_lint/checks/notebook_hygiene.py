"""Notebook hygiene: outputs, execution counts, noise metadata and error outputs, with a fix."""

from __future__ import annotations

from collections.abc import Iterator

from ml_lint import notebook
from ml_lint.config import Config
from ml_lint.model import Finding, finding
from ml_lint.rules import notebooks as rules
from ml_lint.source import SourceFile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KEEP_OUTPUT = "keep_output"  # nbstripout's tag and metadata key


def _dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (malformed notebooks exist)."""
    return value if isinstance(value, dict) else {}


def _outputs(cell: dict[str, Any]) -> list[dict[str, Any]]:
    outputs = cell.get("outputs")
    return [o for o in outputs if isinstance(o, dict)] if isinstance(outputs, list) else []


def _keeps_output(cell: dict[str, Any], whole_notebook: bool) -> bool:
    """As nbstripout decides: the cell's tag or metadata, else the notebook's metadata.

    Values count as Python reads them (``"keep_output": 1``), and a cell's ``init_cell``
    (the init_cell extension's mark) decides before anything else, as in nbstripout.
    """
    metadata = _dict(cell.get("metadata"))
    if "init_cell" in metadata:
        return bool(metadata["init_cell"])
    tags = metadata.get("tags")
    if isinstance(tags, list) and KEEP_OUTPUT in tags:
        return True
    if KEEP_OUTPUT in metadata:  # "keep_output": false clears a cell the notebook keeps
        return bool(metadata[KEEP_OUTPUT])
    return whole_notebook


def _describe(outputs: list[dict[str, Any]]) -> str:
    kinds = []
    for output in outputs:
        kind = str(output.get("output_type", "unknown"))
        data = output.get("data")
        if isinstance(data, dict):
            images = [mime for mime in data if mime.startswith("image/")]
            kind += f" ({', '.join(images)})" if images else ""
        kinds.append(kind)
    return ", ".join(kinds)


def _present(data: Any, dotted: str) -> bool:
    *parents, last = dotted.split(".")
    for key in parents:
        if not isinstance(data, dict):
            return False
        data = data.get(key)
    return isinstance(data, dict) and last in data


def _remove(data: Any, dotted: str) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        data = data.get(key) if isinstance(data, dict) else None
    if isinstance(data, dict):
        data.pop(last, None)


def _split_noise(config: Config) -> tuple[list[str], list[str]]:
    """Noise keys as paths into the notebook and into each cell."""
    noise = config.notebooks.noise()
    cell_keys = [key.removeprefix("cell.") for key in noise if key.startswith("cell.")]
    return [key for key in noise if not key.startswith("cell.")], cell_keys


def check(source: SourceFile, config: Config) -> Iterator[Finding]:
    """Flag outputs, execution counts, noise metadata and error outputs.

    Args:
        source: The notebook.
        config: The configuration: the selection and ``[tool.ml-lint.notebooks]``.

    Yields:
        ML302-ML305 findings: notebook metadata first, then cell by cell.
    """
    nb = source.notebook
    path = source.relpath
    keep_all = bool(_dict(nb.get("metadata")).get(KEEP_OUTPUT))
    notebook_noise: list[str] = []
    cell_noise: list[str] = []
    if rules.NOISE_METADATA.code in config.enabled:
        notebook_noise, cell_noise = _split_noise(config)
    hint = ""  # how to clear a cell: "--fix", unless the notebook cannot be written back
    present = [key for key in notebook_noise if _present(nb, key)]
    if present:
        message = f"notebook metadata that changes on every run: {', '.join(present)}; clear it"
        yield finding(rules.NOISE_METADATA, path, message)
    for number, cell in enumerate(nb["cells"], start=1):
        noisy = [key.removeprefix("metadata.") for key in cell_noise if _present(cell, key)]
        if noisy:
            message = f"cell metadata that changes on every run: {', '.join(noisy)}; clear it"
            yield finding(rules.NOISE_METADATA, path, message, cell=number)
        if cell.get("cell_type") != "code":
            continue
        outputs = _outputs(cell)
        errors = [o for o in outputs if o.get("output_type") == "error"]
        if errors:
            names = ", ".join(str(o.get("ename", "error")) for o in errors)
            message = f"error output committed ({names}): fix the error and re-run, or clear it"
            yield finding(rules.ERROR_OUTPUT, path, message, cell=number)
        clears_output = outputs and not _keeps_output(cell, keep_all)
        counts = [cell.get("execution_count")] + [o.get("execution_count") for o in outputs]
        clears_count = any(count is not None for count in counts)
        if (clears_output or clears_count) and not hint:
            hint = _fix_hint(source)
        if clears_output:
            message = (
                f"{len(outputs)} output{'s' if len(outputs) != 1 else ''} committed "
                f"({_describe(outputs)}); clear outputs before committing ({hint}), or tag "
                "the cell keep_output"
            )
            yield finding(rules.OUTPUTS, path, message, cell=number)
        if clears_count:
            message = f"execution count committed; clear it ({hint})"
            yield finding(rules.EXECUTION_COUNT, path, message, cell=number)


def _fix_hint(source: SourceFile) -> str:
    """``--fix``, or why ``--fix`` leaves this notebook alone (see ``fix``)."""
    reason = notebook.unwritable(source.text)
    return "--fix" if reason is None else f"--fix cannot rewrite this notebook: {reason}"


def fix(source: SourceFile, config: Config, findings: list[Finding]) -> str | None:
    """The notebook's text with what ``findings`` flag cleared, or None if nothing changes.

    Only the flagged cells change (a suppressed finding is not in ``findings``, so its cell
    is left alone); cell ids, sources and every other field stay exactly as they were.

    Args:
        source: The notebook.
        config: The configuration, for the noise metadata keys.
        findings: The notebook's findings to repair.

    Returns:
        The new text in the file's own JSON layout (a BOM kept), or None; None also when
        the notebook cannot be written back as it was read: JSON nested too deeply to copy,
        a number beyond a float's range (``1e400``), which JSON cannot write, or a key
        twice in one object, of which reading kept only the last.
    """
    try:
        return _fixed(source, config, findings)
    except (RecursionError, ValueError):
        return None


def _fixed(source: SourceFile, config: Config, findings: list[Finding]) -> str | None:
    import copy

    if notebook.unwritable(source.text) is not None:
        return None

    flagged = {(f.code, f.cell) for f in findings}
    nb = copy.deepcopy(source.notebook)
    notebook_noise, cell_noise = _split_noise(config)
    if (rules.NOISE_METADATA.code, None) in flagged:
        for key in notebook_noise:
            _remove(nb, key)
    for number, cell in enumerate(nb["cells"], start=1):
        if (rules.NOISE_METADATA.code, number) in flagged:
            for key in cell_noise:
                _remove(cell, key)
        if cell.get("cell_type") != "code":
            continue
        if (rules.EXECUTION_COUNT.code, number) in flagged:  # with outputs or none
            cell["execution_count"] = None
            for output in _outputs(cell):
                if "execution_count" in output:
                    output["execution_count"] = None
        if not isinstance(cell.get("outputs"), list):
            continue
        if (rules.OUTPUTS.code, number) in flagged:
            cell["outputs"] = []
        if (rules.ERROR_OUTPUT.code, number) in flagged:
            cell["outputs"] = [o for o in cell["outputs"] if _dict(o).get("output_type") != "error"]
    if nb == source.notebook:
        return None
    bom = "\ufeff" if source.data.startswith(b"\xef\xbb\xbf") else ""  # text drops it
    return bom + notebook.dumps(nb, source.text)
