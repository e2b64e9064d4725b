"""Run ml-lint as ``python -m ml_lint``."""

import sys

from ml_lint.cli import main

sys.exit(main())
