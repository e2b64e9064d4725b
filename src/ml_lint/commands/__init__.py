"""Subcommand implementations: each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import os
import sys

from ml_lint import config as config_module
from ml_lint.config import Config


def load_config(args: argparse.Namespace) -> Config:
    """The configuration for the current directory, with the command line's selections.

    Args:
        args: The parsed command line.

    Returns:
        The resolved configuration.
    """
    return config_module.load(
        ".",
        config_path=getattr(args, "config", None),
        select=getattr(args, "select", None),
        extend_select=getattr(args, "extend_select", None),
        ignore=getattr(args, "ignore", None),
        only=getattr(args, "only", None),
    )


def use_color(choice: str, to_file: bool) -> bool:
    """Colour only on a terminal, honouring NO_COLOR and FORCE_COLOR.

    Args:
        choice: ``--color``: ``auto``, ``always`` or ``never``.
        to_file: Whether the report goes to a file (``--output-file``).

    Returns:
        Whether the report may use ANSI colours.
    """
    if choice != "auto":
        return choice == "always"
    if to_file or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()
