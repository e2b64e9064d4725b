"""Errors the CLI reports with exit code 2: the user's input, not a finding, is wrong."""


class UsageError(Exception):
    """Bad arguments, configuration or repository state; the message says what to do."""
