"""ML4xx: committed secrets (guide: "Never commit sensitive data or credentials").

The detectors behind ML401-ML404 are data too: ``ml_lint.secrets.detectors``.
"""

from ml_lint.model import Rule

SECTION = "Security and Configuration"

TOKEN = Rule(
    code="ML401",
    name="secret-token",
    summary="A credential of a known format (API token, access key, JWT) is committed.",
    section=SECTION,
    explanation=(
        "The guide says never to commit credentials. ML401 recognises tokens by their format: "
        "Hugging Face, OpenAI, Anthropic, Weights & Biases, Kaggle, Replicate, Cohere, "
        "Databricks, Neptune, Comet, Groq, Mistral, Together, Pinecone, AWS, GCP, Azure, "
        "GitHub, GitLab, Slack, Stripe, npm, PyPI, Docker Hub and JSON Web Tokens, in code, "
        "configuration, and notebook cells and outputs. The message names the provider, a "
        "redacted form and a fingerprint, never the secret. A committed secret is compromised "
        "even after it is deleted: revoke it where the message says, then load it from the "
        "environment (a .env file that .gitignore lists, or the CI's secret store). A "
        "deliberate fake (a test fixture) is marked with `# pragma: allowlist secret`."
    ),
    bad='login(token="hf_...")  # the real token, as pasted from the settings page',
    good='login(token=os.environ["HF_TOKEN"])',
)

ASSIGNMENT = Rule(
    code="ML402",
    name="secret-assignment",
    summary="A password, secret, token or API key variable is set to a literal secret.",
    section=SECTION,
    explanation=(
        "A variable or key named like a credential (`password`, `db_password`, `secret`, "
        "`api_key`, `auth_token`...) assigned a literal value that looks random: at least 8 "
        "characters for passwords and 16 for tokens, mixed characters and enough entropy. "
        "Placeholders (`changeme`, `<your-key>`, `${VAR}`, `xxxx`), references to the "
        "environment (`os.environ[...]`, `os.getenv(...)`), variable names, paths, hashes and "
        "UUIDs are not flagged, nor are names like `tokenizer`, `max_tokens` or `public_key`. "
        "Read the value from the environment instead."
    ),
    bad='DB_PASSWORD = "p4ss-W0rd-2024!"',  # ml-lint: ignore[secret-assignment]
    good='DB_PASSWORD = os.environ["DB_PASSWORD"]',
)

PRIVATE_KEY = Rule(
    code="ML403",
    name="private-key",
    summary="A private key block (PEM, OpenSSH, PGP, PKCS#8) is committed.",
    section=SECTION,
    explanation=(
        "A `-----BEGIN ... PRIVATE KEY-----` block with key material, also inside JSON "
        "strings such as a GCP service-account file. Public keys and certificates are not "
        "flagged. Replace the key pair, and keep the private key out of the repository."
    ),
    bad="-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA...",
    good="(the key stays in ~/.ssh or the CI's secret store)",
)

URL_PASSWORD = Rule(
    code="ML404",
    name="url-password",
    summary="A database, broker or service URL has a password in it.",
    section=SECTION,
    explanation=(
        "Connection strings such as `postgresql://user:password@host/db` or "
        "`redis://:password@host` carry the password in clear. Placeholders (`password`, "
        "`${DB_PASSWORD}`, `<password>`, `{password}`, `****`) are not flagged. Build the URL "
        "from the environment, or read the whole URL from it."
    ),
    bad='create_engine("postgresql://app:Xk39-fq@db/prod")',  # ml-lint: ignore[ML404]
    good='create_engine(os.environ["DATABASE_URL"])',
)

SECRET_FILE = Rule(
    code="ML405",
    name="secret-file",
    summary="A file that holds credentials by its nature is in the tree (.env, keys, kaggle.json).",
    section=SECTION,
    explanation=(
        "`.env` and `.env.*` (except `.env.example`, `.env.sample`, `.env.template`), private "
        "key files (`*.key`, `*.pem` with a private key, `id_rsa`, `id_ed25519`..., `*.p12`, "
        "`*.pfx`, `*.ppk`), `credentials.json`, `kaggle.json`, `.netrc`, `.git-credentials`, "
        "`.pgpass`, and `.pypirc` with a password should never be committed, whatever they "
        "hold today. A file git does not ignore is reported whether it is tracked yet or "
        "not (`git add .` would commit it): list it in .gitignore, untrack it if git tracks it "
        "(`git rm --cached FILE`, then rotate what it held), and commit an example file with "
        "placeholder values instead."
    ),
    bad="git add .env",
    good="git add .env.example  # with HF_TOKEN=<your token>; .env is in .gitignore",
)

ENV_NOT_IGNORED = Rule(
    code="ML406",
    name="env-not-ignored",
    summary="The repository has a .gitignore that does not ignore .env.",
    section=SECTION,
    explanation=(
        "The guide keeps configuration in .env files, which hold secrets, so .gitignore must "
        "list `.env` before anyone creates one. Reported on line 1 of the root .gitignore "
        "when it has no pattern that ignores `.env` (or a later `!.env` re-includes it)."
    ),
    bad="# .gitignore\n__pycache__/",
    good="# .gitignore\n__pycache__/\n.env",
    severity="warning",
)

# Rules whose findings come from the content detectors, by code.
CONTENT = (TOKEN, ASSIGNMENT, PRIVATE_KEY, URL_PASSWORD)

RULES = (TOKEN, ASSIGNMENT, PRIVATE_KEY, URL_PASSWORD, SECRET_FILE, ENV_NOT_IGNORED)
