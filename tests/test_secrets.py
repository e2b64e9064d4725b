"""Secret detection (ML401-ML406): the scanner's API, notebooks, files, pragmas and reports.

Every fake secret is generated at test time (``secret_fakes``); the per-detector recall and
false-positive table is ``test_secrets_fixtures.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from secret_fakes import Fake, fakes
from support import cli, commit_all, init_repo, write

from ml_lint import engine
from ml_lint.config import Config
from ml_lint.secrets import DETECTORS, Match, fingerprint, message, redact, scan_text
from ml_lint.secrets.files import ignores_env, secret_file
from ml_lint.secrets.notebooks import scan_notebook
from ml_lint.secrets.scan import _keyword_hits, _plan, entropy
from ml_lint.source import SourceFile

HF = fakes("huggingface-token", 3)
GITHUB = fakes("github-pat", 1)[0]
AWS = fakes("aws-access-key-id", 1)[0]
PASSWORD = fakes("generic-secret", 1)[0]  # DB_PASSWORD
PEM = fakes("private-key", 1)[0]
URL = fakes("url-password", 1)[0]
ALL = (*HF, GITHUB, AWS, PASSWORD, PEM, URL)
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


def detectors(text: str) -> list[str]:
    """The detector ids of the secrets in ``text``."""
    return [m.detector for m in scan_text(text)]


def only(text: str) -> Match:
    """The one secret in ``text``."""
    matches = scan_text(text)
    assert len(matches) == 1, matches
    return matches[0]


def assert_never_shown(output: str, *secrets: Fake) -> None:
    """No secret appears in ``output``, raw or JSON-escaped, nor any 8 characters of it."""
    for fake in secrets:
        for form in (fake.secret, json.dumps(fake.secret)[1:-1]):
            assert form not in output
        body = re.sub(r"\s", "", fake.secret)
        for start in range(0, len(body) - 8, 4):
            assert body[start : start + 8] not in output, "part of a secret was shown"


# --- API ---------------------------------------------------------------------------------


def test_redact_shows_at_most_four_characters_and_a_quarter() -> None:
    """Four characters of a long secret, fewer of a short one, none of a tiny one."""
    assert redact(HF[0].secret) == HF[0].secret[:4] + "…(37 chars)"
    assert redact("Xk9!q2mZ") == "Xk…(8 chars)"
    assert redact("abc") == "…(3 chars)"
    for size in range(1, 60):
        shown = redact("s" * size).split("…")[0]
        assert len(shown) <= min(4, size // 4)


def test_fingerprint_is_stable_and_names_detector_and_secret() -> None:
    """16 hex digits, the same wherever the secret is, different per detector or secret."""
    first = fingerprint("huggingface-token", HF[0].secret)
    assert re.fullmatch(r"[0-9a-f]{16}", first)
    assert first == fingerprint("huggingface-token", HF[0].secret)
    assert first != fingerprint("huggingface-token", HF[1].secret)
    assert first != fingerprint("generic-secret", HF[0].secret)
    moved = scan_text(f"\n\n    x = 1\n    token = '{HF[0].secret}'\n")
    assert [m.fingerprint for m in moved] == [first]


def test_match_positions_and_repr_is_redacted() -> None:
    """Line, columns (1-based, characters) and offsets; repr and str never show the secret."""
    text = f"é = 1\nlogin(token='{HF[0].secret}')\n"
    match = only(text)
    assert (match.line, match.column, match.end_line, match.end_column) == (2, 14, 2, 51)
    assert text[match.start : match.end] == match.secret == HF[0].secret
    assert (match.detector, match.rule) == ("huggingface-token", "ML401")
    for shown in (repr(match), str(match), f"{match}", str([match])):
        assert HF[0].secret not in shown
        assert match.fingerprint in shown


def test_message_names_provider_redacted_form_fingerprint_and_revocation() -> None:
    """The finding message says what it is and what to do, never the secret."""
    text = message(only(f'HF_TOKEN = "{HF[0].secret}"'))
    assert text.startswith(f"Hugging Face user access token {redact(HF[0].secret)}, fingerprint ")
    assert "https://huggingface.co/settings/tokens" in text
    assert HF[0].secret not in text


def test_windows_and_old_mac_line_ends_count_lines() -> None:
    """\\r\\n and lone \\r end lines, as they do for every other rule."""
    assert only(f"a = 1\r\nb = 2\r\nt = '{HF[0].secret}'\r\n").line == 3
    assert only(f"a = 1\rb = 2\rt = '{HF[0].secret}'\r").line == 3


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_pragmas_hold_for_their_own_line_whatever_ends_it(end: str) -> None:
    """A pragma allowlists its line (or the next), not the lines after a lone \\r."""
    same = f"a = '{HF[0].secret}'  # pragma: allowlist secret{end}b = '{HF[1].secret}'{end}"
    assert (only(same).line, only(same).secret) == (2, HF[1].secret)
    pragma = f"x = 1  # pragma: allowlist nextline secret{end}"
    nextline = f"{pragma}a = '{HF[0].secret}'{end}b = '{HF[1].secret}'{end}"
    assert (only(nextline).line, only(nextline).secret) == (3, HF[1].secret)


def test_git_lines_end_at_newlines_only() -> None:
    """With ``lone_cr=False`` (a diff's lines, as git splits them), a lone \\r ends nothing."""
    (match,) = scan_text(f"x = 1\ry = 2\nt = '{HF[0].secret}'\n", lone_cr=False)
    assert (match.line, match.column) == (2, 6)
    (match,) = scan_text(f"x = 1\rt = '{HF[0].secret}'\n", lone_cr=False)
    assert (match.line, match.column) == (1, 12)


def test_entropy() -> None:
    """Bits per character: zero for one repeated character, log2(n) for n distinct ones."""
    assert entropy("") == 0.0
    assert entropy("aaaa") == 0.0
    assert entropy("abcd") == 2.0


# --- The keyword prefilter --------------------------------------------------------------------


def test_prefilter_passes_are_few_and_shared() -> None:
    """A handful of passes serve every detector's keywords: cost does not follow the count."""
    plan = _plan()
    keywords = {k for d in DETECTORS for k in d.keywords}
    assert len(plan.passes) <= 12 < len(keywords)
    assert len(DETECTORS) > 3 * len(plan.passes)
    for step in plan.passes:  # each pass starts with one literal, found by a fast search
        assert len(step.regex.pattern) > 1
        assert not step.regex.pattern[0].isspace()


@pytest.mark.parametrize("keyword", sorted({k for d in DETECTORS for k in d.keywords}))
def test_every_keyword_is_found(keyword: str) -> None:
    """Each keyword is found by its pass, at the start of a line and inside one."""
    body = "Ab3dEf7hIj" * 10
    for text in (f"{keyword}{body}", f"x = '{keyword}{body}'", f"\\n{keyword}{body}"):
        hits = [(start, k) for start, k in _keyword_hits(text, _plan()) if k == keyword]
        assert hits and text.startswith(keyword, hits[0][0]), (keyword, text)


# --- Formats inside JSON, notebooks and escapes --------------------------------------------


def test_tokens_inside_json_strings() -> None:
    """Escaped quotes and \\n escapes end a token, and a token may follow a \\n escape."""
    token = HF[0].secret
    raw = json.dumps({"source": [f"login('{token}')\n", f'x = "{token}"\n', f"{token}\n"]})
    assert detectors(raw) == ["huggingface-token"] * 3
    assert {m.secret for m in scan_text(raw)} == {token}
    nested = json.dumps(json.dumps({"token": GITHUB.secret}))
    assert [m.secret for m in scan_text(nested)] == [GITHUB.secret]


def test_private_key_inside_a_json_string() -> None:
    """A service-account style key with \\n escapes is one private key."""
    text = json.dumps({"private_key": PEM.text + "\n"})
    match = only(text)
    assert (match.detector, match.rule, match.secret) == ("private-key", "ML403", PEM.secret)
    assert message(match).endswith(
        ": remove it, and replace the key pair: make a new one and remove the old public key "
        "wherever it is trusted"
    )


def test_token_inside_a_url_is_the_token_only() -> None:
    """A known token in a URL's password place is ML401, not also ML404 or ML402."""
    text = f'remote = "https://user:{GITHUB.secret}@github.com/org/repo.git"\n'
    assert [(m.detector, m.secret) for m in scan_text(text)] == [("github-pat", GITHUB.secret)]
    text = f'api_token = "{GITHUB.secret}"\n'
    assert detectors(text) == ["github-pat"]


# --- Generic assignments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        'password = "{v}"',
        'DB_PASSWORD: "{v}"',
        "DB_PASSWORD={v}",
        "db_password: {v}",
        '{{"password": "{v}"}}',
        "connect(password='{v}')",
        'self.client_secret = "{v}"',
        'os.environ["DB_PASSWORD"] = "{v}"',
        'password: str = "{v}"',
        "  --password={v}",
        # Whole entries quoted: docker-compose, a container spec's env, `docker run -e`.
        '      - "POSTGRES_PASSWORD={v}"',
        '{{"Env": ["DB_PASSWORD={v}"]}}',
        'docker run -e "DB_PASSWORD={v}" image',
        "env = ['API_TOKEN={v}']",
    ],
)
def test_generic_assignments(line: str) -> None:
    """Credential-named keys with a random literal, in code and configuration syntaxes."""
    match = only(line.format(v=PASSWORD.secret))
    assert (match.detector, match.secret) == ("generic-secret", PASSWORD.secret)
    # The advice fits a .env or a YAML file as well as Python.
    assert message(match).endswith(
        "remove it, rotate it, and load it when the code runs, from the environment or a "
        "secret store"
    )


def test_values_shaped_like_names_hashes_or_long_tokens_under_a_credential_key() -> None:
    """Mixed-case names with digits, hex keys, long tokens and query values are secrets."""
    import hashlib

    hex32 = hashlib.md5(PASSWORD.secret.encode()).hexdigest()  # an Azure OpenAI key's shape
    cases = [
        (f"db:\n  password: {PASSWORD.secret}_v1\n", f"{PASSWORD.secret}_v1"),  # YAML
        (f'DB_PASSWORD = "{PASSWORD.secret}.qhh"', f"{PASSWORD.secret}.qhh"),
        (f"AZURE_OPENAI_API_KEY={hex32}", hex32),
        (f'WEBHOOK_SHARED_SECRET = "{hex32}"', hex32),  # "sha" in SHARED says no digest
        (f'AUTH_TOKEN = "{PASSWORD.secret * 12}"', PASSWORD.secret * 12),  # an AWS session token
        (f'url = "/v1/runs?api_key={PASSWORD.secret}&page=2"', PASSWORD.secret),
        (
            f"DB_PASSWORD={PASSWORD.secret[:6]}&{PASSWORD.secret[6:]}\n",
            PASSWORD.secret[:6] + "&" + PASSWORD.secret[6:],
        ),
    ]
    for text, secret in cases:
        (match,) = scan_text(text)
        assert (match.rule, match.secret) == ("ML402", secret), text
    kaggle = f"json.dump({{'username': 'u', 'key': '{hex32}'}}, open(path, 'w'))"
    assert [(m.detector, m.secret) for m in scan_text(kaggle)] == [("kaggle-key", hex32)]


def test_a_name_after_a_json_escape_is_the_name() -> None:
    """In a JSON string, ``\\n`` before a key is the escape's, not part of the name."""
    (match,) = scan_text('{"env": "A=1\\nDB_PASSWORD=' + PASSWORD.secret + '"}\n')
    assert (match.key, match.secret) == ("DB_PASSWORD", PASSWORD.secret)
    assert scan_text('"x=1\\nnext_token=Q7rT2mZ9xW4pL8nB3vK6\\n"\n') == []  # a stopword


@pytest.mark.parametrize(
    "line",
    [
        'tokenizer_name = "bert-base-uncased-{v}"',
        "Tokenizer = AutoTokenizer",
        'tokenizer = AutoTokenizer.from_pretrained("org/model", token=hf_token)',
        'public_key = "{v}"',
        'pad_token = "<|{v}|>"',
        'max_tokens = "{v}"',
        'api_key = os.environ["OPENAI_API_KEY"]',
        "api_key = os.getenv('OPENAI_API_KEY')",
        'token = "HF_TOKEN_FOR_CI"',
        "password: ${{DB_PASSWORD}}",
        "PASSWORD=${{DB_PASSWORD}}",
        'password = "{{{{ vault_password }}}}"',
        'password = "<your password>"',
        'password = "changeme"',
        'secret = "0123abcd-0f0f-4a4a-8b8b-0123456789ab"',
        'token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
        'password_md5 = "098f6bcd4621d373cade4e832627b4f6"',
        'tokenSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
        'hashed_password = "$2b$12$' + "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0j" + '"',
        'PASSWORD_HASHERS = "pbkdf2_sha256$260000$' + "a1b2c3d4e5f6$9f86d081884c7d659a2feaa" + '"',
        'database_password = "config.db_password"',
        "    r2_temp_credentials: Global___R2Credentials | None = ...,",  # an annotation
        "credentials:this.withCredentials?'include':'same-origin'",
        'resp = fetch("/login?oauth_token=zxcv&fail_in_get_user=true")',
        'password_file = "/run/secrets/db-{v}"',
        "token = self.tokenizer.eos_token",
        'credentials = "~/.config/gcloud/{v}.json"',
        # Found on real code (site-packages): references, annotations, versions, defaults.
        'body["ai21labs_api_key"] = self.ai21labs_api_key',
        "if provider_api_key := self._provider_config.provider_api_key:",
        '"session_token": new_r2_creds.session_token,',
        "RSAPrivateKey = rfc3447.RSAPrivateKey",
        "    private_key: PKCS7PrivateKeyTypes,",
        "    Credential: _win32typing.PyCredHandle,",
        '"pwd": "IPython.core.magics.osm:OSMagics",',
        "spwd: 3.0-3.12",
        "user = User(username='scolvin', password='password1')",
        'ADMIN_PASSWORD = "my-secret-{v}"',
        'query = f"password={{password}}"',
        'url = "https://example.org/login?token=%s" % token',
        'header = "token=" + token',
    ],
)
def test_generic_near_misses(line: str) -> None:
    """Names, references, placeholders, hashes, UUIDs and paths are not secrets."""
    assert scan_text(line.format(v=PASSWORD.secret[:10])) == []


# --- Pragmas and suppression comments --------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://user:password@localhost/db",
        "redis://:${{REDIS_PASSWORD}}@cache:6379/0",
        "amqp://guest:guest@broker//",
        "'models://scope:prefix@databricks/model-name/stage'",
        "https://user:p%2Fss{v}@artifactory.example.com/nodejs",
        "postgres://app:{v}@db.test/app",
        "MultiHostUrl('https://foo.com:123,foo:bar@bar.com/path')",
        "https://jo%40email.com:a%20secret@www.example.com",
        "postgresql://app:{{password}}@db/app",
        "mysql://root:<password>@127.0.0.1/app",
    ],
)
def test_url_near_misses(url: str) -> None:
    """Documentation hosts, words, templates and placeholders are not passwords."""
    assert scan_text(url.format(v=PASSWORD.secret[:6])) == []


def test_pragmas() -> None:
    """detect-secrets' and gitleaks' markers, on the line or the line before."""
    token = HF[0].secret
    assert scan_text(f"t = '{token}'  # pragma: allowlist secret") == []
    assert scan_text(f"t = '{token}'  # pragma: whitelist secret") == []
    assert scan_text(f"t: {token}  # gitleaks:allow") == []
    assert scan_text(f"# pragma: allowlist nextline secret\nt = '{token}'") == []
    assert len(scan_text(f"# pragma: allowlist nextline secret\n\nt = '{token}'")) == 1
    assert len(scan_text(f"t = '{token}'  # pragma: allowlist secret", pragmas=False)) == 1
    block = f"# pragma: allowlist nextline secret\nKEY = '''{PEM.text}'''"
    assert scan_text(block) == []


@pytest.mark.parametrize(
    ("name", "comment"),
    [
        ("train.py", "# ml-lint: ignore[ML401]"),
        ("train.py", "# ml-lint: ignore[secret-token]"),
        ("config.yaml", "# ml-lint: ignore[ML401]"),
        ("prod.env", "# ml-lint: ignore[ML401]"),
        ("run.sh", "# ml-lint: ignore[secret-token]"),
        ("pyproject.toml", "# ml-lint: ignore[ML401]"),
        ("requirements.txt", "# ml-lint: ignore[ML401]"),
    ],
)
def test_ml_lint_ignore_comments(
    tmp_path: Path,
    name: str,
    comment: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ml-lint's own suppression works in Python and in '#'-comment text files."""
    monkeypatch.chdir(tmp_path)
    token = HF[0].secret
    line = f'HF_TOKEN = "{token}"' if name.endswith((".py", ".toml")) else f"HF_TOKEN={token}"
    write(tmp_path, name, f"{line}  {comment}\n")
    write(tmp_path, "other" + name[name.index(".") :] if "." in name else "other", f"{line}\n")
    run = cli(capsys, "check", ".", "--only", "ML4", "--format", "json")
    paths = {Path(item["path"]).name for item in json.loads(run.out)}
    assert name not in paths
    assert len(paths) == 1


def test_markdown_mentions_of_suppressions_are_not_directives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In Markdown, '#' starts a heading: a documented suppression is not read."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "README.md", "# ml-lint: ignore[ML010]  how to suppress a rule\n")
    run = cli(capsys, "check", ".")
    assert run.code == 0, run.out


# --- Notebooks ------------------------------------------------------------------------------------


def notebook_text(*cells: Any, metadata: dict[str, Any] | None = None) -> str:
    """An nbformat 4 notebook with ``cells``."""
    nb = new_notebook(cells=list(cells))
    nb.metadata.update(metadata or {})
    text: str = nbformat.writes(nb)
    return text


def test_notebook_sources_and_outputs_by_cell_and_line() -> None:
    """A secret in a cell's source is at its line in the cell; in an output, in that output."""
    token, printed, shown = (fake.secret for fake in HF)
    cell = new_code_cell(f"import os\n\nlogin(token='{token}')")
    cell.outputs = [
        new_output("stream", name="stdout", text=f"env ok\nHF_TOKEN={printed}\n"),
        new_output("execute_result", data={"text/plain": f"'{shown}'"}, execution_count=1),
    ]
    found = scan_notebook(notebook_text(new_markdown_cell("# Title"), cell))
    assert [(f.cell, f.where, f.match.line, f.match.secret) for f in found] == [
        (2, "", 3, token),
        (2, "output 1", 2, printed),
        (2, "output 2", 1, shown),
    ]


def test_notebook_errors_html_json_and_metadata() -> None:
    """Tracebacks (colours removed), HTML, JSON outputs and metadata are scanned."""
    error = new_output(
        "error",
        ename="HTTPError",
        evalue="401",
        traceback=[f"\x1b[0;31mHTTPError\x1b[0m: headers={{'Authorization': '{HF[0].secret}'}}"],
    )
    html = new_output("display_data", data={"text/html": f"<code>{GITHUB.secret}</code>"})
    data = new_output("display_data", data={"application/json": {"key": AWS.secret}})
    cell = new_code_cell("call()", outputs=[error, html, data])
    meta = {"colab": {"token": HF[1].secret}}
    found = scan_notebook(notebook_text(cell, metadata=meta))
    assert sorted((f.cell or 0, f.where, f.match.detector) for f in found) == [
        (0, "metadata", "huggingface-token"),
        (1, "output 1", "huggingface-token"),
        (1, "output 2", "github-pat"),
        (1, "output 3", "aws-access-key-id"),
    ]


def test_notebook_metadata_secret_is_placed_in_the_file() -> None:
    """A secret in the notebook's metadata is reported at its line and column in the file."""
    token = HF[1].secret
    text = notebook_text(new_code_cell(f"x = '{token}'"), metadata={"colab": {"token": token}})
    lines = text.split("\n")
    line = max(number for number, content in enumerate(lines, start=1) if token in content)
    (in_metadata, in_cell) = scan_notebook(text)
    assert (in_cell.cell, in_cell.match.line) == (1, 1)
    assert in_metadata.where == "metadata"
    placed = in_metadata.match
    column = lines[line - 1].index(token) + 1
    assert (placed.line, placed.column, placed.end_column) == (line, column, column + len(token))
    assert text[placed.start : placed.end] == token


def test_notebook_images_are_never_scanned() -> None:
    """image/* data is skipped, even when its base64 holds a token-shaped string."""
    image = "\n".join([AWS.secret + "A" * 20, f"{HF[0].secret}"])
    out = new_output("display_data", data={"image/png": image, "image/svg+xml": GITHUB.secret})
    assert scan_notebook(notebook_text(new_code_cell("plot()", outputs=[out]))) == []


def test_broken_notebook_is_scanned_as_text() -> None:
    """A notebook that does not parse is still scanned, as raw JSON."""
    text = '{"cells": [{"source": ["login(\\"' + HF[0].secret + '\\")\\n"'
    assert [(f.cell, f.match.secret) for f in scan_notebook(text)] == [(None, HF[0].secret)]


def test_notebook_findings_through_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check reports a notebook secret once, at its cell, and a cell comment suppresses it."""
    monkeypatch.chdir(tmp_path)
    cell = new_code_cell(f"t = '{HF[0].secret}'")
    kept = new_code_cell(f"u = '{HF[1].secret}'  # ml-lint: ignore[ML401]")
    write(tmp_path, "nb.ipynb", notebook_text(cell, kept))
    run = cli(capsys, "check", ".", "--only", "ML4", "--format", "json")
    findings = json.loads(run.out)
    assert [(f["cell"], f["line"], f["code"]) for f in findings] == [(1, 1, "ML401")]
    assert findings[0]["secret_detector"] == "huggingface-token"


def test_secrets_checker_does_not_run_on_cells_as_python() -> None:
    """The notebook is read once by the secrets checker, not again cell by cell."""
    checker = next(c for c in engine.FILE_CHECKERS if c.module == "ml_lint.checks.secrets")
    assert not checker.cells
    assert set(checker.kinds) == {"python", "notebook", "other"}


# --- Files that should never be committed, and .gitignore --------------------------------------


@pytest.mark.parametrize(
    ("relpath", "flagged"),
    [
        (".env", True),
        ("service/.env.local", True),
        (".env.production", True),
        (".env.example", False),
        (".env.sample", False),
        (".env.template", False),
        ("deploy/id_rsa", True),
        ("id_ed25519", True),
        ("id_ed25519.pub", False),
        ("certs/client.pfx", True),
        ("certs/client.p12", True),
        ("credentials.json", True),
        ("kaggle.json", True),
        (".netrc", True),
        (".git-credentials", True),
        ("config.json", False),
        ("environment.yml", False),
    ],
)
def test_secret_file_names(relpath: str, flagged: bool) -> None:
    """Names that hold credentials by their nature, and their templates which do not."""
    assert (secret_file(relpath, lambda: "") is not None) is flagged


def test_secret_file_content_decides_for_pem_and_pypirc() -> None:
    """A .pem is a key file only with a private key; a .pypirc only with a password."""
    assert secret_file("tls/key.pem", lambda: PEM.text) is not None
    certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    assert secret_file("tls/ca.pem", lambda: certificate) is None
    assert secret_file(".pypirc", lambda: "[pypi]\nusername = __token__\n") is None
    assert secret_file(".pypirc", lambda: "[pypi]\npassword = pypi-abc\n") is not None
    assert secret_file("tls/server.key", lambda: PEM.text) is not None
    assert secret_file("talks/results.key", lambda: None) is None  # a Keynote deck


@pytest.mark.parametrize(
    ("gitignore", "ignored"),
    [
        ("__pycache__/\n", False),
        (".env\n", True),
        ("/.env\n", True),
        ("**/.env\n", True),
        ("*.env\n", True),
        (".env*\n", True),
        ("*\n", True),
        (".env.*\n", False),
        (".env/\n", False),
        ("config/.env\n", False),
        (".env\n!.env\n", False),
        ("!.env\n.env\n", True),
        ("# .env\n", False),
    ],
)
def test_gitignore_rules_for_root_env(gitignore: str, ignored: bool) -> None:
    """gitignore's own rules, for the one path that matters: .env at the root."""
    assert ignores_env(gitignore) is ignored


def test_secret_files_and_gitignore_through_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ML405 names the file and the fix; ML406 is on the root .gitignore only."""
    root = init_repo(tmp_path / "repo")
    write(root, ".gitignore", "__pycache__/\n")
    write(root, "sub/.gitignore", "*.tmp\n")
    write(root, ".env", "DEBUG=1\n")
    write(root, "weights.bin", b"\0" * 10 + AWS.secret.encode())
    write(root, "model.safetensors", b"\0\1" + HF[0].secret.encode())
    commit_all(root, "feat: add files")
    monkeypatch.chdir(root)
    run = cli(capsys, "check", "--only", "ML4", "--format", "json")
    found = [(f["path"], f["code"], f["line"]) for f in json.loads(run.out)]
    assert found == [(".env", "ML405", 1), (".gitignore", "ML406", 1)]
    assert "git rm --cached .env" in json.loads(run.out)[0]["message"]
    # Untracked and not ignored, a key is about to be committed: the message says it may
    # not be tracked yet, where `git rm --cached` would fail.
    write(root, "deploy/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n")
    run = cli(capsys, "check", "deploy", "--only", "ML405", "--format", "json")
    [key] = json.loads(run.out)
    assert key["path"] == "deploy/id_ed25519"
    assert "must never be committed: add it to .gitignore; if git tracks it" in key["message"]


# --- Files the checker skips or reads specially ---------------------------------------------------


def test_binary_large_and_latin1_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Binary and huge files are skipped silently; other encodings are still scanned."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "data.dat", b"\0\0" + GITHUB.secret.encode())
    write(tmp_path, "big.txt", ("x" * 99 + "\n") * 60_000 + f"t={GITHUB.secret}\n")
    write(tmp_path, "legacy.cfg", f"# caf\xe9\ntoken = {GITHUB.secret}\n".encode("latin-1"))
    run = cli(capsys, "check", ".", "--only", "ML4", "--format", "json")
    found = [(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(run.out)]
    assert found == [("legacy.cfg", "ML401", 2)]


def test_checker_on_a_source_file() -> None:
    """The checker's findings carry the fingerprint and the detector, never the secret."""
    from ml_lint.checks import secrets as checker
    from ml_lint.config import load

    config: Config = load()
    source = SourceFile.from_text("app/settings.py", f'DB_PASSWORD = "{PASSWORD.secret}"\n')
    (result,) = checker.check(source, config)
    assert (result.code, result.name, result.line, result.column) == (
        "ML402",
        "secret-assignment",
        1,
        16,
    )
    assert result.fingerprint == fingerprint("generic-secret", PASSWORD.secret)
    assert result.detector == "generic-secret"
    assert PASSWORD.secret not in result.message


# --- Every report format, and never the secret -------------------------------------------------


@pytest.fixture
def leaky_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one secret of each kind, in code, configuration and a notebook."""
    root = init_repo(tmp_path / "leaky")
    write(root, ".gitignore", ".env\n")
    write(root, "train.py", f'HF_TOKEN = "{HF[0].secret}"\nDB_PASSWORD = "{PASSWORD.secret}"\n')
    write(root, "config.yaml", f"aws:\n  key_id: {AWS.secret}\ndb: {URL.text}\n")
    write(root, "deploy/key.txt", PEM.text + "\n")
    cell = new_code_cell("print(os.environ)")
    cell.outputs = [new_output("stream", name="stdout", text=f"GITHUB_TOKEN={GITHUB.secret}\n")]
    write(root, "explore.ipynb", notebook_text(cell))
    commit_all(root, "feat: add a leaky project")
    monkeypatch.chdir(root)
    return root


EXPECTED = [
    ("config.yaml", None, "ML401", "aws-access-key-id"),
    ("config.yaml", None, "ML404", "url-password"),
    ("deploy/key.txt", None, "ML403", "private-key"),
    ("explore.ipynb", 1, "ML401", "github-pat"),
    ("train.py", None, "ML401", "huggingface-token"),
    ("train.py", None, "ML402", "generic-secret"),
]


def test_a_utf16_file_is_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file saved as UTF-16 (Windows PowerShell's `>`) is read, not passed over as binary."""
    write(tmp_path, "settings.yaml", f"hf_token: {HF[0].secret}\r\n".encode("utf-16"))
    monkeypatch.chdir(tmp_path)
    run = cli(capsys, "secrets", "settings.yaml", "--format", "json")
    assert run.code == 1, run.err
    (found,) = json.loads(run.out)
    assert (found["code"], found["line"], found["column"]) == ("ML401", 1, 11)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_report_format_shows_a_secret(
    leaky_repo: Path, fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Text, JSON, SARIF, GitHub, GitLab and JUnit reports: findings, but no secret."""
    summary = tmp_path / "summary.md"
    run = cli(capsys, "check", "--only", "ML4", "--format", fmt)
    assert run.code == 1
    assert_never_shown(run.out + run.err, *ALL)
    assert "fingerprint" in run.out or fmt in ("gitlab",)
    if fmt == "github":
        import os

        os.environ["GITHUB_STEP_SUMMARY"] = str(summary)
        try:
            cli(capsys, "check", "--only", "ML4", "--format", fmt)
        finally:
            del os.environ["GITHUB_STEP_SUMMARY"]
        assert_never_shown(summary.read_text(encoding="utf-8"), *ALL)


def test_json_and_sarif_carry_secret_fingerprints(
    leaky_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON has the detector and fingerprint; SARIF has them as a partial fingerprint."""
    data = json.loads(cli(capsys, "check", "--only", "ML4", "--format", "json").out)
    assert [(f["path"], f["cell"], f["code"], f["secret_detector"]) for f in data] == EXPECTED
    expected = {
        ("train.py", fingerprint("huggingface-token", HF[0].secret)),
        ("config.yaml", fingerprint("aws-access-key-id", AWS.secret)),
        ("explore.ipynb", fingerprint("github-pat", GITHUB.secret)),
    }
    assert expected <= {(f["path"], f["secret_fingerprint"]) for f in data}
    sarif = json.loads(cli(capsys, "check", "--only", "ML4", "--format", "sarif").out)
    results = sarif["runs"][0]["results"]
    secret_prints = {r["partialFingerprints"]["mlLintSecret/v1"] for r in results}
    assert secret_prints == {f["secret_fingerprint"] for f in data}


def test_report_identity_is_stable_when_lines_move(
    leaky_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Adding lines above a secret changes no fingerprint in any report."""
    before = json.loads(cli(capsys, "check", "--only", "ML4", "--format", "json").out)
    train = leaky_repo / "train.py"
    train.write_text("import os\n\n\n" + train.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(cli(capsys, "check", "--only", "ML4", "--format", "json").out)
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]
    assert [f["line"] for f in after if f["path"] == "train.py"] == [4, 5]


def test_our_repository_has_no_secret_findings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fakes are built at test time: ml-lint's own sources and tests hold none."""
    monkeypatch.chdir(Path(__file__).parent.parent)
    run = cli(capsys, "check", "src", "tests", "--only", "ML4")
    assert run.code == 0, run.out


@pytest.mark.parametrize(
    "text",
    [
        "token=" * 30_000,  # one minified line of assignments
        "password: 'abcdefgh1X' " * 8_000,  # pragma: allowlist secret
        "x_secret = 'A1b2C3d4E5f6G7h8'\n" * 6_000,  # pragma: allowlist secret
        ("-----BEGIN PRIVATE KEY-----\n" + "ABCD" * 16 + "\n") * 400,  # never ended
        ("hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh ") * 5_000,
        "wandb " * 30_000 + "machine api.wandb.ai\n" * 3_000,
        "=" * 200_000,  # each "=" starts a value the length of the rest
        "Q~\r" * 300_000,  # lines ending in lone CRs: no "\n" to find a line's ends by
    ],
    ids=[
        "assignments",
        "one-line",
        "many-lines",
        "unterminated-keys",
        "tokens",
        "keywords",
        "equals",
        "cr-lines",
    ],
)
def test_scan_time_stays_linear(text: str) -> None:
    """Adversarial texts of about 200 KB scan in well under a few seconds (no quadratic step)."""
    import time

    start = time.perf_counter()
    scan_text(text)
    assert time.perf_counter() - start < 3.0


def test_wandb_key_in_netrc_and_shell() -> None:
    """The legacy W&B key next to its keyword: a .netrc entry, `wandb login`, a cell's `!`."""
    key = fakes("wandb-legacy-api-key", 1)[0].secret
    netrc = f"machine api.wandb.ai\n  login user\n  password {key}\n"
    assert [(m.detector, m.line, m.secret) for m in scan_text(netrc)] == [
        ("wandb-legacy-api-key", 3, key)
    ]
    assert detectors(f"machine api.wandb.ai login user password {key}\n") == [
        "wandb-legacy-api-key"
    ]
    assert detectors(f"wandb login {key}\n") == ["wandb-legacy-api-key"]
    assert detectors(f"!wandb login --relogin {key}\n") == ["wandb-legacy-api-key"]
    commit = f"pip install git+https://github.com/wandb/wandb@{key}\n"  # a git sha, not a key
    assert scan_text(commit) == []
    netrc_other = f"machine github.com\n  login user\n  password {key}\n"  # not W&B's
    assert scan_text(netrc_other) == []
    assert detectors(f'wandb.login(key="{key}")\n') == ["wandb-legacy-api-key"]
    assert detectors(f'os.environ["WANDB_API_KEY"] = "{key}"\n') == ["wandb-legacy-api-key"]
    # A commit sha logged with a run is no key: W&B is named, but no word for a key is.
    assert scan_text(f'wandb.config.update({{"git_commit": "{key}"}})\n') == []
    assert scan_text(f'WANDB_RUN_GROUP = "{key}"\n') == []


def test_kaggle_json_shapes() -> None:
    """kaggle.json as Kaggle writes it (one line) and pretty-printed; the key alone is not."""
    key = fakes("kaggle-key", 1)[0].secret
    one_line = json.dumps({"username": "someone", "key": key})
    pretty = json.dumps({"username": "someone", "key": key}, indent=2)
    for text in (one_line, pretty):
        assert [(m.detector, m.secret) for m in scan_text(text)] == [("kaggle-key", key)]
    assert scan_text(json.dumps({"name": "cache", "key": key})) == []  # no Kaggle context
    token = fakes("kaggle-api-token", 1)[0].secret
    assert detectors(f"export KAGGLE_API_TOKEN={token}\n") == ["kaggle-api-token"]
