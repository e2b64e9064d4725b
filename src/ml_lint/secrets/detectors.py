r"""The secret detectors, as data: what each looks for, its keywords, gates and allowlist.

Every detector's ``pattern`` has a named group ``secret`` (or several, ``secret``,
``secret2``...: the first that took part in the match holds the secret). It runs only on
the lines where one of its ``keywords`` occurs (exactly: token prefixes such as ``hf_``), or
on the lines of an assignment (``KEY = VALUE``, ``KEY: VALUE``) that contain one of its
``words`` (case-insensitively). The scanner finds keywords and assignments in a fixed number
of passes over the text, however many detectors there are (see ``ml_lint.secrets.scan``).

Token patterns end where the token's alphabet ends, so a token inside a JSON string ends at
the escaped quote (``\"``) or newline (``\n``), and a token just after a ``\n`` escape
still starts a token (``START``): notebooks' raw JSON and JSON files are scanned as text.
"""

from __future__ import annotations

from ml_lint.records import NamedTuple
from ml_lint.rules import secrets as rules


class Detector(NamedTuple):
    """One kind of secret.

    Attributes:
        id: Stable kebab-case id, part of every fingerprint; never change it.
        description: What it finds, as the message names it ("Hugging Face user access
            token").
        rule: The rule code its findings have (ML401-ML404).
        pattern: The regular expression; group ``secret`` (or ``secret2``...) is the secret.
        keywords: Strings, one of which occurs exactly in every match found through them
            (a token's prefix); the pattern runs only on the lines (or, with ``multiline``,
            the text from the lines) that have one. A keyword ending in "_" must be
            followed by at least 8 letters or digits, one ending in "-" by 8 letters, digits,
            "_" or "-" (the scanner tests that first, to make these separators cheap).
        words: Lowercase words: the pattern also runs on the lines of assignments with a
            value of 8 or more characters (``KEY = "VALUE"``, ``KEY: VALUE``, ``KEY=VALUE``)
            that contain one of them, case-insensitively.
        min_entropy: Least Shannon entropy, in bits per character, of the secret; None
            for no gate.
        allowlist: Regular expressions searched in the secret: a hit means it is not one
            (a documented example, a placeholder shape).
        revoke: Where the owner revokes or rotates it.
        multiline: How many characters past the end of its first line a match may reach
            (a private key block, a .netrc entry); 0 for a match within one line.
        context: Lowercase strings of which one must occur somewhere in the text (a file's
            shape, such as a service-account JSON), or empty.
    """

    id: str
    description: str
    rule: str
    pattern: str
    keywords: tuple[str, ...]
    words: tuple[str, ...] = ()
    min_entropy: float | None = None
    allowlist: tuple[str, ...] = ()
    revoke: str = ""
    multiline: int = 0
    context: tuple[str, ...] = ()


# A token starts after a character outside token alphabets, or right after a JSON escape.
START = r"(?:(?<![A-Za-z0-9_\-])|(?<=\\[nrt]))"
# ...and ends where its alphabet ends ("\\" of a JSON escape, a quote, a space).
END = r"(?![A-Za-z0-9_\-])"
# "KEY = ", "KEY: ", "KEY := ", '"KEY": ', "KEY=>", also JSON-escaped quotes and a "]".
ASSIGN = r"""(?:\\?["'])?\]?\s*(?::=|=>|\?=|[:=])\s*"""
# Anything on the same line, short: "wandb.login(key=", "export COHERE_API_KEY='".
NEAR = r"[^\n]{0,40}?"
# Between a service's name and "key" (COMET_ML_EXPERIMENT_API_KEY) at most 40 name characters
# are read ([\w.\-]{0,40}?): unbounded, each repeat of the name would rescan its whole word.

TOKEN = rules.TOKEN.code
ASSIGNMENT = rules.ASSIGNMENT.code
PRIVATE_KEY = rules.PRIVATE_KEY.code
URL_PASSWORD = rules.URL_PASSWORD.code

DETECTORS: tuple[Detector, ...] = (
    # --- ML platforms -------------------------------------------------------------------
    Detector(
        "huggingface-token",
        "Hugging Face user access token",
        TOKEN,
        START + r"(?P<secret>hf_[A-Za-z0-9]{34})" + END,  # older tokens hold digits
        ("hf_",),
        min_entropy=3.0,
        revoke="https://huggingface.co/settings/tokens",
    ),
    Detector(
        "huggingface-org-token",
        "Hugging Face organization API token",
        TOKEN,
        START + r"(?P<secret>api_org_[A-Za-z]{34})" + END,
        ("api_org_",),
        min_entropy=3.0,
        revoke="https://huggingface.co/settings/tokens",
    ),
    Detector(
        "openai-api-key",
        "OpenAI API key",
        TOKEN,
        START
        + r"(?P<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,300}"
        + r"|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"
        + END,
        ("sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"),
        min_entropy=3.5,
        revoke="https://platform.openai.com/api-keys",
    ),
    Detector(
        "anthropic-api-key",
        "Anthropic API key",
        TOKEN,
        START + r"(?P<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_\-]{93}AA)" + END,
        ("sk-ant-api03-", "sk-ant-admin01-"),
        min_entropy=3.5,
        revoke="https://console.anthropic.com/settings/keys",
    ),
    Detector(
        "wandb-api-key",
        "Weights & Biases API key",
        TOKEN,
        START + r"(?P<secret>wandb_v1_[A-Za-z0-9_\-]{20,200})" + END,
        ("wandb_v1",),
        min_entropy=3.0,
        revoke="https://wandb.ai/authorize",
    ),
    Detector(
        # The 40-hex key is only recognisable next to a W&B keyword and a word for a key:
        # WANDB_API_KEY=..., wandb.login(key=...), `wandb login KEY`, or a .netrc entry for
        # api.wandb.ai. A git commit logged to W&B (`"git_commit": sha`) has neither word.
        "wandb-legacy-api-key",
        "Weights & Biases API key",
        TOKEN,
        r"(?i:wandb)(?:[^\n]|\n(?=[ \t]*(?:login|password|account)\b)){0,120}?"
        r"(?i:key|login|password)(?:[^\n]|\n(?=[ \t]*(?:password|account)\b)){0,120}?"
        r"(?<![0-9A-Fa-f@/])(?P<secret>[0-9a-f]{40})(?![0-9A-Za-z])",
        ("api.wandb.ai", "wandb login"),
        words=("wandb",),
        min_entropy=3.0,
        revoke="https://wandb.ai/authorize",
        multiline=200,
    ),
    Detector(
        "kaggle-api-token",
        "Kaggle API token",
        TOKEN,
        START + r"(?P<secret>KGAT_[0-9a-f]{32})" + END,
        ("KGAT_",),
        min_entropy=3.0,
        revoke="https://www.kaggle.com/settings (API: Expire Token)",
    ),
    Detector(
        # KAGGLE_KEY=..., or kaggle.json's {"username": "...", "key": "..."}.
        "kaggle-key",
        "Kaggle API key",
        TOKEN,
        r"(?:(?i:kaggle)[\w.\-]{0,40}?(?i:key)[^\n]{0,12}?|\"key\\?\"\s*:\s*\\?\""
        r"|'key'\s*:\s*')"
        r"(?<![0-9A-Fa-f])(?P<secret>[0-9a-f]{32})(?![0-9A-Za-z])",
        (),
        words=("kaggle", '"key', "'key"),
        min_entropy=3.0,
        revoke="https://www.kaggle.com/settings (API: Expire Token)",
        context=("kaggle", '"username', "'username"),
    ),
    Detector(
        "replicate-api-token",
        "Replicate API token",
        TOKEN,
        START + r"(?P<secret>r8_[A-Za-z0-9]{37})" + END,
        ("r8_",),
        min_entropy=3.0,
        revoke="https://replicate.com/account/api-tokens",
    ),
    Detector(
        "cohere-api-key",
        "Cohere API key",
        TOKEN,
        r"(?i:cohere|co_api_key)" + NEAR + r"(?<![A-Za-z0-9])(?P<secret>[A-Za-z0-9]{40})"
        r"(?![A-Za-z0-9])",
        (),
        words=("cohere", "co_api_key"),
        min_entropy=4.0,
        revoke="https://dashboard.cohere.com/api-keys",
    ),
    Detector(
        "databricks-token",
        "Databricks personal access token (also MLflow on Databricks)",
        TOKEN,
        START + r"(?P<secret>dapi[0-9a-f]{32}(?:-\d)?)" + END,
        ("dapi",),
        min_entropy=3.0,
        revoke="your Databricks workspace: Settings > Developer > Access tokens",
    ),
    Detector(
        # Base64 of {"api_address": ..., "api_url": ..., "api_key": ...}.
        "neptune-api-token",
        "Neptune API token",
        TOKEN,
        START + r"(?P<secret>eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=])",
        ("eyJhcGlfYWRkcmVzcyI6",),
        min_entropy=4.0,
        revoke="https://app.neptune.ai (your user menu: Get your API token, then reset it)",
    ),
    Detector(
        "comet-api-key",
        "Comet API key",
        TOKEN,
        r"(?i:comet)[\w.\-]{0,40}?(?i:key)" + NEAR + r"(?<![A-Za-z0-9])(?P<secret>[A-Za-z0-9]{25})"
        r"(?![A-Za-z0-9])",
        (),
        words=("comet",),
        min_entropy=3.5,
        revoke="https://www.comet.com/account-settings/apiKeys",
    ),
    Detector(
        "groq-api-key",
        "Groq API key",
        TOKEN,
        START + r"(?P<secret>gsk_[A-Za-z0-9]{52})" + END,
        ("gsk_",),
        min_entropy=3.5,
        revoke="https://console.groq.com/keys",
    ),
    Detector(
        "mistral-api-key",
        "Mistral AI API key",
        TOKEN,
        r"(?i:mistral)" + NEAR + r"(?<![A-Za-z0-9])(?P<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])",
        (),
        words=("mistral",),
        min_entropy=3.5,
        revoke="https://console.mistral.ai/api-keys",
    ),
    Detector(
        "together-api-key",
        "Together AI API key",
        TOKEN,
        START + r"(?P<secret>tgp_v1_[A-Za-z0-9_\-]{40,100})" + END + r"|(?i:together)"
        r"[\w.\-]{0,40}?(?i:key)"
        + NEAR
        + r"(?<![0-9A-Fa-f])(?P<secret2>[0-9a-f]{64})(?![0-9A-Za-z])",
        ("tgp_v1",),
        words=("together",),
        min_entropy=3.0,
        revoke="https://api.together.ai/settings/api-keys",
    ),
    Detector(
        "pinecone-api-key",
        "Pinecone API key",
        TOKEN,
        START + r"(?P<secret>pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,100})" + END + r"|"
        r"(?i:pinecone)[\w.\-]{0,40}?(?i:key)" + NEAR + r"(?<![0-9A-Fa-f\-])"
        r"(?P<secret2>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
        r"(?![0-9A-Za-z\-])",
        ("pcsk",),
        words=("pinecone",),
        min_entropy=3.0,
        revoke="https://app.pinecone.io (API Keys)",
    ),
    # --- Cloud ----------------------------------------------------------------------------
    Detector(
        "aws-access-key-id",
        "AWS access key ID",
        TOKEN,
        r"(?<![A-Za-z0-9])(?P<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})"
        r"(?![A-Za-z0-9])",
        ("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
        min_entropy=3.0,
        allowlist=(r"EXAMPLE$",),
        revoke="the AWS IAM console (Security credentials > Access keys: deactivate, delete)",
    ),
    Detector(
        "aws-secret-access-key",
        "AWS secret access key",
        TOKEN,
        r"(?i:aws[_.\-]?secret[_.\-]?(?:access[_.\-]?)?key|secret[_.\-]?access[_.\-]?key)"
        r"[\w.\-]{0,10}" + ASSIGN + r"(?:\\?[\"'])?(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        (),
        words=("aws_secret", "aws-secret", "awssecret", "secret_access_key", "secretaccesskey"),
        min_entropy=4.0,
        allowlist=(r"EXAMPLEKEY$",),
        revoke="the AWS IAM console (Security credentials > Access keys: deactivate, delete)",
    ),
    Detector(
        "gcp-api-key",
        "Google Cloud API key",
        TOKEN,
        START + r"(?P<secret>AIza[0-9A-Za-z_\-]{35})" + END,
        ("AIza",),
        min_entropy=4.0,
        revoke="https://console.cloud.google.com/apis/credentials",
    ),
    Detector(
        # A service-account JSON: its private_key is ML403, its key id identifies the key.
        "gcp-service-account",
        "Google Cloud service-account key file",
        TOKEN,
        r"(?<![\w\-])(?:\\?[\"'])?private_key_id(?:\\?[\"'])?\s*[:=]\s*(?:\\?[\"'])?"
        r"(?P<secret>[0-9a-f]{40})(?![0-9A-Za-z])",
        (),
        words=("private_key_id",),
        min_entropy=3.0,
        revoke="https://console.cloud.google.com/iam-admin/serviceaccounts (Keys: delete)",
        context=("service_account",),
    ),
    Detector(
        "azure-storage-key",
        "Azure storage account key",
        TOKEN,
        r"(?i:accountkey\s*=\s*|azure[\w.\-]{0,40}?key" + NEAR + r")"
        r"(?<![A-Za-z0-9+/])(?P<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
        ("AccountKey=",),
        words=("azure",),
        min_entropy=4.0,
        revoke="the Azure portal (storage account > Access keys: rotate)",
    ),
    Detector(
        "azure-ad-client-secret",
        "Azure AD (Entra ID) client secret",
        TOKEN,
        r"(?<![A-Za-z0-9_~.])(?P<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})"
        r"(?![A-Za-z0-9_~.\-])",
        ("Q~",),
        min_entropy=3.0,
        revoke="the Azure portal (App registrations > Certificates & secrets: delete)",
    ),
    # --- Code hosting, CI, package registries -----------------------------------------------
    Detector(
        "github-pat",
        "GitHub personal access token (classic)",
        TOKEN,
        START + r"(?P<secret>ghp_[A-Za-z0-9]{36})" + END,
        ("ghp_",),
        min_entropy=3.0,
        revoke="https://github.com/settings/tokens",
    ),
    Detector(
        "github-fine-grained-pat",
        "GitHub fine-grained personal access token",
        TOKEN,
        START + r"(?P<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})" + END,
        ("github_pat_",),
        min_entropy=3.0,
        revoke="https://github.com/settings/personal-access-tokens",
    ),
    Detector(
        "github-oauth-token",
        "GitHub OAuth access token",
        TOKEN,
        START + r"(?P<secret>gho_[A-Za-z0-9]{36})" + END,
        ("gho_",),
        min_entropy=3.0,
        revoke="https://github.com/settings/applications",
    ),
    Detector(
        "github-app-token",
        "GitHub App token",
        TOKEN,
        START + r"(?P<secret>(?:ghu|ghs|ghr)_[A-Za-z0-9]{36})" + END,
        ("ghu_", "ghs_", "ghr_"),
        min_entropy=3.0,
        revoke="the GitHub App's settings (revoke its installation or user tokens)",
    ),
    Detector(
        "gitlab-token",
        "GitLab token",
        TOKEN,
        START + r"(?P<secret>(?:glpat|gldt|glrt|glptt|gloas|glcbt|glft|glimt|glsoat|glagent"
        r"|glffct)-[A-Za-z0-9_\-]{20,300}(?:\.[a-z0-9]{2}[a-z0-9]{7})?"
        r"|GR1348941[A-Za-z0-9_\-]{20})" + END,
        (
            "glpat-",
            "gldt-",
            "glrt-",
            "glptt-",
            "gloas-",
            "glcbt-",
            "glft-",
            "glimt-",
            "glsoat-",
            "glagent-",
            "glffct-",
            "GR1348941",
        ),
        min_entropy=3.0,
        revoke="your GitLab instance: User settings > Access tokens (or the project's)",
    ),
    Detector(
        "slack-token",
        "Slack token",
        TOKEN,
        START + r"(?P<secret>xox[abeoprs]-(?:\d-)?[A-Za-z0-9]{8,}(?:-[A-Za-z0-9]+){0,4}"
        r"|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)" + END,
        ("xoxa-", "xoxb-", "xoxe-", "xoxo-", "xoxp-", "xoxr-", "xoxs-", "xapp-"),
        min_entropy=3.0,
        revoke="https://api.slack.com/apps (OAuth & Permissions: revoke, reinstall)",
    ),
    Detector(
        "slack-webhook",
        "Slack incoming webhook URL",
        TOKEN,
        r"(?P<secret>hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})"
        r"(?![A-Za-z0-9+/])",
        ("hooks.slack.com/",),
        min_entropy=3.0,
        revoke="https://api.slack.com/apps (Incoming Webhooks: remove it)",
    ),
    # --- training notifications (a bot or webhook that posts when a run ends) -----------
    Detector(
        "telegram-bot-token",
        "Telegram bot token",
        TOKEN,
        # Also right after "bot", as the token sits in api.telegram.org/bot<TOKEN>/sendMessage.
        f"(?:{START}|(?<=bot))" + r"(?P<secret>\d{5,16}:A[A-Za-z0-9_\-]{34})" + END,
        (":A",),
        min_entropy=3.0,
        revoke="Telegram's @BotFather: /revoke, then choose the bot",
    ),
    Detector(
        "discord-webhook",
        "Discord webhook URL",
        TOKEN,
        r"(?P<secret>discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_\-]{60,80})" + END,
        ("discord.com/api/webhooks/", "discordapp.com/api/webhooks/"),
        min_entropy=3.0,
        revoke="the Discord channel's settings: Integrations > Webhooks (delete it)",
    ),
    Detector(
        "stripe-key",
        "Stripe secret key",
        TOKEN,
        START + r"(?P<secret>(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99})" + END,
        ("sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"),
        min_entropy=3.0,
        revoke="https://dashboard.stripe.com/apikeys",
    ),
    Detector(
        "npm-token",
        "npm access token",
        TOKEN,
        START + r"(?P<secret>npm_[A-Za-z0-9]{36})" + END,
        ("npm_",),
        min_entropy=3.0,
        revoke="https://www.npmjs.com/settings/~/tokens",
    ),
    Detector(
        "pypi-token",
        "PyPI API token",
        TOKEN,
        START
        + r"(?P<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,})"
        + END,
        ("pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"),
        min_entropy=3.0,
        revoke="https://pypi.org/manage/account/token/",
    ),
    Detector(
        "dockerhub-token",
        "Docker Hub access token",
        TOKEN,
        START + r"(?P<secret>dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,60})" + END,
        ("dckr_pat", "dckr_oat"),
        min_entropy=3.0,
        revoke="https://app.docker.com/settings/personal-access-tokens",
    ),
    Detector(
        # ~/.docker/config.json: {"auths": {"registry": {"auth": base64("user:password")}}}.
        "docker-config-auth",
        "Docker registry login (config.json `auth`)",
        TOKEN,
        r'"auth\\?"\s*:\s*\\?"(?P<secret>[A-Za-z0-9+/]{12,}={0,2})(?=\\?")',
        (),
        words=('"auth"',),
        min_entropy=3.0,
        revoke="the registry (change the password or token, then `docker logout`)",
        context=("auths",),
    ),
    Detector(
        "sendgrid-api-key",
        "SendGrid API key",
        TOKEN,
        START + r"(?P<secret>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})" + END,
        ("SG.",),
        min_entropy=3.0,
        revoke="https://app.sendgrid.com/settings/api_keys",
    ),
    Detector(
        "jwt",
        "JSON Web Token",
        TOKEN,
        START
        + r"(?P<secret>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})"
        + END,
        ("eyJ",),
        min_entropy=3.0,
        revoke="the service that issued it (a JWT stays valid until it expires)",
    ),
    # --- Private keys, URLs, generic assignments --------------------------------------------
    Detector(
        "private-key",
        "private key",
        PRIVATE_KEY,
        r"-----BEGIN[ A-Z0-9_\-]{0,40}PRIVATE KEY(?: BLOCK)?-----"
        # The body: base64, line breaks (or JSON's \n), armor headers; never "-----".
        r"(?P<secret>(?:\\[nr]|[\sA-Za-z0-9+/=:,.]|-(?!----)){64,16384}?)"
        r"-----END[ A-Z0-9_\-]{0,40}-----",
        ("-----BEGIN",),
        min_entropy=4.0,
        revoke="wherever the key is trusted (replace the key pair, then remove the public key)",
        multiline=20000,
    ),
    Detector(
        "url-password",
        "URL with a password",
        URL_PASSWORD,
        r"(?<![A-Za-z0-9+.\-])(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]{1,30})://"
        r"(?P<user>[^\s:/?#@'\"`<>\\\[\]]{0,100}):"
        r"(?P<secret>[^\s/?#@'\"`<>\\]{1,200})@(?=[A-Za-z0-9_\[.\-])",
        ("://",),
        min_entropy=None,
        revoke="the service it logs in to (change the password)",
    ),
    Detector(
        # WORD ASSIGN VALUE, WORD a credential word that ends the key: "db_password = ",
        # '"api_key": ', "HF_TOKEN=". The key's other words and the value are judged in
        # ml_lint.secrets.scan (placeholders, references, stopwords, entropy).
        "generic-secret",
        "secret",
        ASSIGNMENT,
        r"(?i)(?P<word>pass(?:word|wd|phrase)|pwd|secret|token|credentials?"
        r"|(?:api|access|secret|private|auth|account|master|signing|encryption|client|app"
        r"|license|service)[_.\-]?key|apikey|accesskey)(?:[_.\-]?(?:value|str|string))?"
        r"(?:\s*:\s*(?:str|bytes|SecretStr|Optional\[str\]|str\s*\|\s*None)\s*(?==))?"
        + ASSIGN
        + r"(?:(?:[bru]{1,2})?(?P<q>\\?[\"'`])(?P<secret>[^\s\"'`\\]{8,1024})(?P=q)"
        # Unquoted: the whole run at once (a look-ahead is atomic), then the end of the line
        # (not an annotation's "X | None = ..."); a quote ends it too, where the whole entry
        # is quoted: "DB_PASSWORD=...", -e "TOKEN=...".
        r"|(?=(?P<run>[^\s\"'`,;\\()\[\]{}<>]{8,1024}))(?P<secret2>(?P=run))"
        r"(?=[ \t]*(?:[\r\n;]|$|\\[nr]|\\?[\"'`])))",
        (),
        words=("pass", "pwd", "secret", "token", "credential", "key"),
        min_entropy=None,
    ),
)

BY_ID = {detector.id: detector for detector in DETECTORS}
