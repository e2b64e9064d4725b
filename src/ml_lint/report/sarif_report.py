"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ml_lint import __version__
from ml_lint.model import Finding, Rule, is_file_path
from ml_lint.report import Context, fingerprints

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SECRETS = "ML4"  # their failing examples look like secrets, which a scan of the report finds


def _rule(rule: Rule) -> dict[str, Any]:
    bad = rule.bad
    if rule.code.startswith(SECRETS):
        bad = f"(what looks like a secret: `ml-lint rule {rule.code}` shows it)"
    help_text = f"{rule.explanation}\n\nFails:\n{bad}\n\nPasses:\n{rule.good}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.section], "fixable": rule.fixable},
    }


def _location(result: Finding) -> dict[str, Any]:
    if not is_file_path(result.path):
        name = result.path.partition(":")[2]
        return {
            "logicalLocations": [
                {"name": name, "kind": "resource", "fullyQualifiedName": result.path}
            ]
        }
    artifact = {"uri": quote(result.path), "uriBaseId": "%SRCROOT%"}
    if result.cell is not None:  # cell lines are not lines of the notebook: point at line 1
        position = {"cell": result.cell, "line": result.line, "column": result.column}
        location = {"artifactLocation": artifact, "region": {"startLine": 1}}
        return {"physicalLocation": location, "properties": position}
    region = {
        "startLine": result.line,
        "startColumn": result.column,
        "endLine": max(result.end_line, result.line),
        "endColumn": max(result.end_column, result.column),
    }
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _partial_fingerprints(result: Finding, key: str) -> dict[str, str]:
    """ml-lint's identity of the finding, and for a secret the secret's own fingerprint."""
    if result.fingerprint is None:
        return {"mlLintFingerprint/v1": key}
    return {"mlLintFingerprint/v1": key, "mlLintSecret/v1": result.fingerprint}


def _prefixed(result: Finding) -> str:
    # SARIF viewers show no logical location, and a cell's region is its notebook's first
    # line: the message names the commit, branch or cell.
    where = result.cell_position() if is_file_path(result.path) else result.path
    return f"{where}: {result.message}" if where else result.message


def render(findings: list[Finding], context: Context) -> str:
    """One SARIF run with rule metadata and one result per finding.

    Args:
        findings: The findings.
        context: The run's rules to describe (each finding's rule is added), and the
            root that paths are relative to.

    Returns:
        The SARIF log as JSON.
    """
    rules = {rule.code: rule for rule in context.rules}
    for result in findings:  # a finding's rule is always described, selected or not
        if result.code not in rules:
            from ml_lint import registry

            rules[result.code] = registry.get(result.code)
    ordered = sorted(rules)
    index = {code: i for i, code in enumerate(ordered)}
    results = [
        {
            "ruleId": result.code,
            "ruleIndex": index[result.code],
            "level": LEVELS[result.severity],
            "message": {"text": _prefixed(result)},
            "locations": [_location(result)],
            "partialFingerprints": _partial_fingerprints(result, key),
        }
        for result, key in zip(findings, fingerprints(findings), strict=True)
    ]
    root_uri = Path(context.root).resolve().as_uri() + "/"
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ml-lint",
                        "version": __version__,
                        "rules": [_rule(rules[code]) for code in ordered],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
