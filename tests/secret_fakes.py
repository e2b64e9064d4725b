"""Fake secrets of every detector's format, generated at test time from a seeded generator.

Nothing here is a secret, and no source file holds one: every value is assembled when the
tests run, so neither ml-lint's own check of this repository nor GitHub push protection sees a
token-shaped string in the repository. ``Fake`` records which detector must find the value,
and how it is written in each file form (an assignment needs a key name that says what the
value is: a bare 40-hex string is only a W&B key next to a W&B word).
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable
from typing import NamedTuple

LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
LETTERS = string.ascii_letters
DIGITS = string.digits
ALNUM = LETTERS + DIGITS
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "_-"
BASE64 = ALNUM + "+/"
# Words a random value must not contain, or it would read as a placeholder (or an example).
MARKERS = ("fake", "your", "todo", "xxxx", "dummy", "sample", "example", "redacted")


class Fake(NamedTuple):
    """A generated secret and how to write it.

    Attributes:
        detector: The id of the detector that must find it.
        secret: The value the detector reports (what its fingerprint hashes).
        name: The variable or key it is assigned to (an environment variable's name).
        text: The text written into files; the secret itself unless it is a structure
            (a PEM block, a URL around a password, a whole service-account file).
    """

    detector: str
    secret: str
    name: str
    text: str


def _random(rng: random.Random, alphabet: str, size: int) -> str:
    while True:
        value = "".join(rng.choice(alphabet) for _ in range(size))
        lower = value.lower()
        both = set(alphabet) & set(DIGITS) and set(alphabet) & set(LETTERS)
        mixed = not both or (set(value) & set(DIGITS) and set(value) & set(LETTERS))
        if mixed and not any(marker in lower for marker in MARKERS):
            return value


def _b64url(data: dict[str, object]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _pem(rng: random.Random, kind: str) -> tuple[str, str]:
    """A private-key block of ``kind`` ("RSA", "OPENSSH", "EC", "" for PKCS#8, "PGP") and
    its body as the detector reports it (base64 without line breaks)."""
    body = _random(rng, BASE64, 640)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    label = "PGP PRIVATE KEY BLOCK" if kind == "PGP" else f"{kind} PRIVATE KEY".lstrip()
    dashes = "-" * 5
    header = [f"{dashes}BEGIN {label}{dashes}"]
    if kind == "PGP":
        header.append("")  # armor headers end with a blank line
    block = "\n".join([*header, *lines, f"{dashes}END {label}{dashes}"])
    return block, body


def _token(detector: str, name: str, make: Callable[[random.Random], str]) -> Callable[..., Fake]:
    def build(rng: random.Random) -> Fake:
        value = make(rng)
        return Fake(detector, value, name, value)

    return build


def _jwt(rng: random.Random) -> str:
    header = _b64url({"alg": "HS256", "typ": "JWT"})
    payload = _b64url({"sub": _random(rng, DIGITS + LOWER, 10), "iat": rng.randrange(10**9)})
    return f"{header}.{payload}.{_random(rng, URLSAFE, 43)}"


def _neptune(rng: random.Random) -> str:
    key = f"{_random(rng, HEX, 8)}-{_random(rng, HEX, 4)}-4{_random(rng, HEX, 3)}"
    data = {"api_address": "https://app.neptune.ai", "api_url": "https://app.neptune.ai"}
    data["api_key"] = f"{key}-8{_random(rng, HEX, 3)}-{_random(rng, HEX, 12)}"
    return base64.b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def _docker_config(rng: random.Random) -> Fake:
    login = f"ci-bot:{_random(rng, ALNUM, 20)}".encode()
    auth = base64.b64encode(login).decode()
    config = {"auths": {"https://index.docker.io/v1/": {"auth": auth}}}
    return Fake("docker-config-auth", auth, "auth", json.dumps(config, indent=2))


def _uuid(rng: random.Random) -> str:
    parts = (_random(rng, HEX, 8), _random(rng, HEX, 4), _random(rng, HEX, 4))
    return "-".join((*parts, _random(rng, HEX, 4), _random(rng, HEX, 12)))


def _private_key(kind: str) -> Callable[[random.Random], Fake]:
    def build(rng: random.Random) -> Fake:
        block, body = _pem(rng, kind)
        return Fake("private-key", body, "PRIVATE_KEY", block)

    return build


def _url(scheme: str, host: str) -> Callable[[random.Random], Fake]:
    def build(rng: random.Random) -> Fake:
        password = _random(rng, ALNUM, 12) + rng.choice("-_!~") + _random(rng, ALNUM, 5)
        text = f"{scheme}://svc_user:{password}@{host}"
        return Fake("url-password", password, "DATABASE_URL", text)

    return build


def _service_account(rng: random.Random) -> Fake:
    key_id = _random(rng, HEX, 40)
    account = {
        "type": "service" + "_account",
        "project_id": "demo-project",
        "private_key_id": key_id,
        "client_email": "trainer@demo-project.iam.gserviceaccount.com",
    }
    return Fake("gcp-service-account", key_id, "private_key_id", json.dumps(account, indent=2))


def _generic(name: str, alphabet: str, size: int) -> Callable[[random.Random], Fake]:
    def build(rng: random.Random) -> Fake:
        value = _random(rng, alphabet, size)
        return Fake("generic-secret", value, name, value)

    return build


# Every detector, with one or more ways to generate its secrets (used in turn).
GENERATORS: dict[str, tuple[Callable[[random.Random], Fake], ...]] = {
    "huggingface-token": (
        _token("huggingface-token", "HF_TOKEN", lambda r: "hf" + "_" + _random(r, ALNUM, 34)),
    ),
    "huggingface-org-token": (
        _token(
            "huggingface-org-token",
            "HF_ORG_TOKEN",
            lambda r: "api" + "_org_" + _random(r, LETTERS, 34),
        ),
    ),
    "openai-api-key": (
        _token(
            "openai-api-key",
            "OPENAI_API_KEY",
            lambda r: (
                "sk-"
                + "proj-"
                + _random(r, URLSAFE, 74)
                + "T3Blbk"
                + "FJ"
                + _random(r, URLSAFE, 74)
            ),
        ),
        _token(
            "openai-api-key",
            "OPENAI_API_KEY",
            lambda r: "sk" + "-" + _random(r, ALNUM, 20) + "T3Blbk" + "FJ" + _random(r, ALNUM, 20),
        ),
    ),
    "anthropic-api-key": (
        _token(
            "anthropic-api-key",
            "ANTHROPIC_API_KEY",
            lambda r: "sk-" + "ant-api03-" + _random(r, URLSAFE, 93) + "AA",
        ),
    ),
    "wandb-api-key": (
        _token(
            "wandb-api-key", "WANDB_API_KEY", lambda r: "wandb" + "_v1_" + _random(r, ALNUM, 77)
        ),
    ),
    "wandb-legacy-api-key": (
        _token("wandb-legacy-api-key", "WANDB_API_KEY", lambda r: _random(r, HEX, 40)),
    ),
    "kaggle-api-token": (
        _token(
            "kaggle-api-token", "KAGGLE_API_TOKEN", lambda r: "KGAT" + "_" + _random(r, HEX, 32)
        ),
    ),
    "kaggle-key": (_token("kaggle-key", "KAGGLE_KEY", lambda r: _random(r, HEX, 32)),),
    "replicate-api-token": (
        _token(
            "replicate-api-token",
            "REPLICATE_API_TOKEN",
            lambda r: "r8" + "_" + _random(r, ALNUM, 37),
        ),
    ),
    "cohere-api-key": (
        _token("cohere-api-key", "COHERE_API_KEY", lambda r: _random(r, ALNUM, 40)),
    ),
    "databricks-token": (
        _token("databricks-token", "DATABRICKS_TOKEN", lambda r: "da" + "pi" + _random(r, HEX, 32)),
    ),
    "neptune-api-token": (_token("neptune-api-token", "NEPTUNE_API_TOKEN", _neptune),),
    "comet-api-key": (_token("comet-api-key", "COMET_API_KEY", lambda r: _random(r, ALNUM, 25)),),
    "groq-api-key": (
        _token("groq-api-key", "GROQ_API_KEY", lambda r: "gs" + "k_" + _random(r, ALNUM, 52)),
    ),
    "mistral-api-key": (
        _token("mistral-api-key", "MISTRAL_API_KEY", lambda r: _random(r, ALNUM, 32)),
    ),
    "together-api-key": (
        _token(
            "together-api-key",
            "TOGETHER_API_KEY",
            lambda r: "tgp" + "_v1_" + _random(r, URLSAFE, 43),
        ),
        _token("together-api-key", "TOGETHER_API_KEY", lambda r: _random(r, HEX, 64)),
    ),
    "pinecone-api-key": (
        _token(
            "pinecone-api-key",
            "PINECONE_API_KEY",
            lambda r: "pc" + "sk_" + _random(r, ALNUM, 6) + "_" + _random(r, ALNUM, 64),
        ),
        _token("pinecone-api-key", "PINECONE_API_KEY", _uuid),
    ),
    "aws-access-key-id": (
        _token(
            "aws-access-key-id",
            "AWS_ACCESS_KEY_ID",
            lambda r: "AK" + "IA" + _random(r, UPPER + "234567", 16),
        ),
    ),
    "aws-secret-access-key": (
        _token("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", lambda r: _random(r, BASE64, 40)),
    ),
    "gcp-api-key": (
        _token("gcp-api-key", "GOOGLE_API_KEY", lambda r: "AI" + "za" + _random(r, URLSAFE, 35)),
    ),
    "gcp-service-account": (_service_account,),
    "azure-storage-key": (
        _token("azure-storage-key", "AZURE_STORAGE_KEY", lambda r: _random(r, BASE64, 86) + "=="),
    ),
    "azure-ad-client-secret": (
        _token(
            "azure-ad-client-secret",
            "AZURE_CLIENT_SECRET",
            lambda r: (
                _random(r, ALNUM, 3) + r.choice(DIGITS) + "Q" + "~" + _random(r, ALNUM + "_~.-", 34)
            ),
        ),
    ),
    "github-pat": (
        _token("github-pat", "GITHUB_TOKEN", lambda r: "gh" + "p_" + _random(r, ALNUM, 36)),
    ),
    "github-fine-grained-pat": (
        _token(
            "github-fine-grained-pat",
            "GITHUB_TOKEN",
            lambda r: "github" + "_pat_" + _random(r, ALNUM, 22) + "_" + _random(r, ALNUM, 59),
        ),
    ),
    "github-oauth-token": (
        _token("github-oauth-token", "GITHUB_TOKEN", lambda r: "gh" + "o_" + _random(r, ALNUM, 36)),
    ),
    "github-app-token": (
        _token("github-app-token", "GITHUB_TOKEN", lambda r: "gh" + "s_" + _random(r, ALNUM, 36)),
    ),
    "gitlab-token": (
        _token("gitlab-token", "GITLAB_TOKEN", lambda r: "gl" + "pat-" + _random(r, URLSAFE, 20)),
    ),
    "slack-token": (
        _token(
            "slack-token",
            "SLACK_BOT_TOKEN",
            lambda r: (
                "xo"
                + "xb-"
                + _random(r, DIGITS, 12)
                + "-"
                + _random(r, DIGITS, 13)
                + "-"
                + _random(r, ALNUM, 24)
            ),
        ),
    ),
    "slack-webhook": (
        _token(
            "slack-webhook",
            "SLACK_WEBHOOK_URL",
            lambda r: (
                "hooks.slack"
                + ".com/services/T"
                + _random(r, UPPER + DIGITS, 8)
                + "/B"
                + _random(r, UPPER + DIGITS, 8)
                + "/"
                + _random(r, ALNUM, 24)
            ),
        ),
    ),
    "telegram-bot-token": (
        _token(
            "telegram-bot-token",
            "TELEGRAM_BOT_TOKEN",
            lambda r: _random(r, DIGITS, 10) + ":" + "AA" + _random(r, URLSAFE, 33),
        ),
    ),
    "discord-webhook": (
        _token(
            "discord-webhook",
            "DISCORD_WEBHOOK_URL",
            lambda r: (
                "discord"
                + ".com/api/webhooks/"
                + _random(r, DIGITS, 19)
                + "/"
                + _random(r, URLSAFE, 68)
            ),
        ),
    ),
    "stripe-key": (
        _token(
            "stripe-key", "STRIPE_SECRET_KEY", lambda r: "sk" + "_live_" + _random(r, ALNUM, 24)
        ),
    ),
    "npm-token": (_token("npm-token", "NPM_TOKEN", lambda r: "np" + "m_" + _random(r, ALNUM, 36)),),
    "pypi-token": (
        _token(
            "pypi-token",
            "PYPI_TOKEN",
            lambda r: "pypi-" + "AgEIcHlwaS5vcmc" + _random(r, URLSAFE, 70),
        ),
    ),
    "dockerhub-token": (
        _token(
            "dockerhub-token",
            "DOCKERHUB_TOKEN",
            lambda r: "dckr" + "_pat_" + _random(r, URLSAFE, 27),
        ),
    ),
    "docker-config-auth": (_docker_config,),
    "sendgrid-api-key": (
        _token(
            "sendgrid-api-key",
            "SENDGRID_API_KEY",
            lambda r: "SG" + "." + _random(r, URLSAFE, 22) + "." + _random(r, URLSAFE, 43),
        ),
    ),
    "jwt": (_token("jwt", "AUTH_JWT", _jwt),),
    "private-key": tuple(_private_key(kind) for kind in ("RSA", "OPENSSH", "", "EC", "PGP")),
    "url-password": tuple(
        _url(scheme, host)
        for scheme, host in (
            ("postgresql", "db.internal:5432/prod"),
            ("mysql+pymysql", "10.0.0.7/metrics"),
            ("mongodb+srv", "cluster0.abcd.mongodb.net/runs"),
            ("redis", "cache.internal:6379/0"),
            ("amqp", "broker.internal:5672/"),
        )
    ),
    "generic-secret": (
        _generic("DB_PASSWORD", ALNUM + "!#%&*-_", 18),
        _generic("api_key", ALNUM, 32),
        _generic("client_secret", ALNUM + "-_", 28),
        _generic("auth_token", ALNUM, 40),
    ),
}


def fakes(detector: str, count: int, seed: int = 0) -> list[Fake]:
    """``count`` fakes for ``detector``, cycling through its generators, reproducibly."""
    rng = random.Random(f"{detector}:{seed}")
    makers = GENERATORS[detector]
    return [makers[i % len(makers)](rng) for i in range(count)]
