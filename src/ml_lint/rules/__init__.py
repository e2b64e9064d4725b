"""Rule declarations, one module per family: pure data, cheap to import.

The checkers in ``ml_lint.checks`` import the rules they report from here. Keeping the
declarations free of checker code lets every command validate configuration and list rules
without importing any checker.
"""
