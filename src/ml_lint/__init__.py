"""ml-lint: make an ML team's best-practices guide enforceable."""

__version__ = "0.1.0"
