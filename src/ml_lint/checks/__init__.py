"""Checkers: pure functions from one input (a file, a message, a name) to findings."""
