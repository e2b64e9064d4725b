"""README.md stays in step with the code: the rule table and the commands CI runs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ml_lint import registry
from ml_lint.commands.info import rules_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_generated_from_the_registry() -> None:
    """The README's rule table is exactly what `ml-lint rules --format markdown` prints."""
    start = README.index("<!-- rules-table:start -->\n") + len("<!-- rules-table:start -->\n")
    end = README.index("<!-- rules-table:end -->")
    assert README[start:end] == rules_table(registry.all_rules())


def test_readme_opens_with_install_and_test_commands() -> None:
    """The first two code blocks install and run ml-lint, then run the tests."""
    blocks = README.split("```")[1::2]
    assert "pip install . && ml-lint check ." in blocks[0]
    assert "pip install -e '.[dev]' && pytest" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run extracts and runs README's test command, then the quality gates."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extract = script[script.index("test_command=$(") : script.index("README.md)") + 10]
    command = subprocess.run(
        ["bash", "-c", f'{extract}; printf %s "$test_command"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert command == README.split("```")[3].removeprefix("bash\n").strip()
    for gate in ("ruff check .", "ruff format --check .", "mypy --strict src", "ml-lint check ."):
        assert gate in script


def test_quick_start_hooks_exist_and_fixers_come_first() -> None:
    """Each hook the quick start lists is in .pre-commit-hooks.yaml; the fix hook runs first.

    pre-commit runs hooks in the order listed: the checker after the fixer sees cleared
    notebooks rather than the outputs the fixer is about to clear.
    """
    block = README[README.index("default_install_hook_types") :].split("```", 1)[0]
    listed = re.findall(r"- id: ([\w-]+)", block)
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert set(listed) <= set(re.findall(r"^- id: ([\w-]+)$", hooks, re.MULTILINE))
    assert listed.index("ml-lint-notebooks-fix") < listed.index("ml-lint")
