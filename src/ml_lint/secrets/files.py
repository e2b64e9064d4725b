"""Files that should never be committed (ML405), and whether .gitignore ignores .env (ML406)."""

from __future__ import annotations

import re
from collections.abc import Callable
from fnmatch import fnmatchcase

# .env templates: committed on purpose, with placeholder values.
ENV_TEMPLATES = (".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".tpl")
KEY_NAMES = re.compile(r"^id_(?:rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk)$")
KEY_SUFFIXES = (".p12", ".pfx", ".ppk", ".jks", ".keystore", ".pkcs12")
NAMED = {
    "credentials.json": "a credentials file (OAuth client or service account)",
    "kaggle.json": "Kaggle's API credentials file",
    ".netrc": "a .netrc file (logins and passwords, e.g. for api.wandb.ai)",
    "_netrc": "a .netrc file (logins and passwords, e.g. for api.wandb.ai)",
    ".git-credentials": "git's stored credentials",
    ".pgpass": "a PostgreSQL password file",
}
PYPIRC_PASSWORD = re.compile(r"^[ \t]*password[ \t]*[:=][ \t]*\S", re.MULTILINE)
PRIVATE_KEY = "PRIVATE KEY"


def secret_file(relpath: str, read: Callable[[], str | None]) -> str | None:
    """What kind of never-commit file ``relpath`` is, or None.

    Args:
        relpath: The repository-relative POSIX path.
        read: Returns the file's text (None if binary or unreadable); called only for names
            that depend on the content (``.pypirc``, ``*.pem``, ``*.key``).

    Returns:
        The kind, worded for the ML405 message, or None for a file that may be committed.
    """
    name = relpath.rsplit("/", 1)[-1]
    lower = name.lower()
    if lower == ".env" or (lower.startswith(".env.") and not lower.endswith(ENV_TEMPLATES)):
        return "an environment file (.env, where secrets live)"
    if lower in NAMED:
        return NAMED[lower]
    if KEY_NAMES.match(lower) or lower.endswith(KEY_SUFFIXES):
        return "a private key file"
    if lower.endswith(".pem"):
        text = read()  # certificates and public keys are .pem too
        return "a private key file" if text is not None and PRIVATE_KEY in text else None
    if lower.endswith(".key"):
        text = read()  # a Keynote presentation is a binary .key
        return "a private key file" if text is not None and text.strip() else None
    if lower == ".pypirc":
        text = read()
        if text is not None and PYPIRC_PASSWORD.search(text):
            return "a .pypirc with a password (use an API token from the keyring)"
    return None


def ignores_env(gitignore: str) -> bool:
    """Whether a repository-root .gitignore with this text ignores a root ``.env`` file.

    Follows gitignore's rules for a file at the root: the last matching pattern wins, ``!``
    re-includes, a leading ``/`` anchors, a trailing ``/`` matches only directories, and
    ``**/`` matches any depth (including none).

    Args:
        gitignore: The .gitignore's text.

    Returns:
        True if the last pattern matching a root ``.env`` file ignores it.
    """
    ignored = False
    for raw in gitignore.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        if pattern.startswith("\\"):  # \! and \# escape a leading ! or #
            pattern = pattern[1:]
        if pattern.endswith("/"):
            continue  # directories only
        while pattern.startswith("**/"):
            pattern = pattern[3:]
        pattern = pattern.removeprefix("/")
        if "/" in pattern.rstrip("*"):
            continue  # a path under some directory, never the root .env
        if fnmatchcase(".env", pattern.replace("**", "*")):
            ignored = not negate
    return ignored
