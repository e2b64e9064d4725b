"""Committed-secret detection (ML4xx): detectors as data, a one-pass scanner, redaction.

The API other parts of ml-lint use (``ml-lint secrets``, history scans, hooks)::

    from ml_lint.secrets import DETECTORS, Match, fingerprint, redact, scan_text
"""

from ml_lint.secrets.detectors import DETECTORS, Detector
from ml_lint.secrets.scan import Match, fingerprint, message, redact, scan_text

__all__ = ["DETECTORS", "Detector", "Match", "fingerprint", "message", "redact", "scan_text"]
