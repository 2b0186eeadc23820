"""`xero auth login` end to end: the real CLI, a real sandbox, the test playing the browser."""

from __future__ import annotations

import base64
import hashlib
import json
import signal
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.helpers import loopback, oauth
from tests.helpers.cli import Result, run_xero
from tests.helpers.file_keyring import read_all
from tests.helpers.login import (
    LoginProcess,
    consent,
    deliver,
    keyring_env,
    query_of,
    with_params,
)
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

GRANULAR = (
    "offline_access accounting.invoices accounting.payments accounting.banktransactions"
    " accounting.manualjournals accounting.contacts accounting.settings accounting.attachments"
    " accounting.reports.trialbalance.read"
    " accounting.reports.profitandloss.read accounting.reports.balancesheet.read"
    " accounting.reports.aged.read accounting.reports.banksummary.read"
    " accounting.reports.budgetsummary.read accounting.reports.executivesummary.read"
    " accounting.reports.taxreports.read accounting.reports.tenninetynine.read"
    " accounting.journals.read paymentservices accounting.budgets.read"
)
LEGACY = (
    "offline_access accounting.transactions accounting.contacts accounting.settings"
    " accounting.attachments accounting.reports.read accounting.journals.read paymentservices"
    " accounting.budgets.read"
)


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory):
    """A sandbox of this module's own: these tests expire and revoke tokens."""
    running = start_seeded(tmp_path_factory, "auth-sandbox", 30)
    yield running
    running.stop()


@pytest.fixture
def user_env(home: Path, sandbox: RunningSandbox) -> dict[str, str]:
    return keyring_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_CLIENT_ID="test-cli-app")


def _stored_refresh_token(home: Path) -> str:
    return read_all(home / "keyring.json")["xerocli/default:refresh_token"]


def _cached_access_token(home: Path) -> str:
    path = home / "state" / "xerocli" / "tokens" / "default.json"
    return json.loads(path.read_text())["access_token"]


def _nothing_stored(home: Path) -> None:
    assert read_all(home / "keyring.json") == {}
    assert not (home / "state" / "xerocli" / "tokens" / "default.json").exists()
    config = home / "config" / "xerocli" / "config.toml"
    assert not config.exists() or "login" not in config.read_text()


def test_login_end_to_end_then_status_tenants_token_logout(
    home: Path, own_sandbox: RunningSandbox
) -> None:
    env = keyring_env(home, XERO_SANDBOX_URL=own_sandbox.url, XERO_CLIENT_ID="e2e-app")
    outputs: list[Result] = []
    secrets: set[str] = set()

    def xero(*args: str, **extra: str) -> Result:
        result = run_xero(*args, env={**env, **extra})
        outputs.append(result)
        return result

    running = LoginProcess(env)
    url = running.authorize_url()
    asked = query_of(url)
    assert asked["scope"] == GRANULAR
    assert asked["code_challenge_method"] == "S256" and asked["state"]
    assert asked["redirect_uri"] == f"http://localhost:{running.port}/callback"
    page = deliver(consent(url))
    assert page.status_code == 200 and "Logged in to Xero" in page.text
    done = running.finish().ok()
    outputs.append(done)
    assert done.stdout == ""
    assert "granular scopes" in done.stderr
    # Both demo companies are connected: never pick one silently, say how to choose.
    assert "xero tenants select" in done.stderr
    secrets |= {_stored_refresh_token(home), _cached_access_token(home)}

    status = xero("auth", "status", "--json").ok().json()
    assert status["login"] == "pkce" and status["client_id"] == "e2e-app"
    assert status["selected_tenant"] is None and status["ok"] is True
    assert {t["tenantName"] for t in status["tenants"]} == {
        "Demo Company (NZ)",
        "Demo Company (Global)",
    }
    assert status["storage"] == "keyring" and "keyring" in status["storage_detail"]
    assert status["scopes"] == GRANULAR.split()  # a list, one scope an item
    assert status["access_token_expires"]
    text = xero("auth", "status").ok().stdout
    assert "Selected:       none" in text

    # Commands need a tenant now; the message says how to choose.
    unchosen = xero("invoices", "list", "--limit", "1")
    assert unchosen.code == 2 and "xero tenants select" in unchosen.stderr

    listed = xero("tenants", "list", "--json").ok().json()
    assert [t["selected"] for t in listed] == [False, False]
    xero("tenants", "select", "Demo Company (Global)").ok()
    listed = xero("tenants", "list", "--json").ok().json()
    selected = [t["tenantName"] for t in listed if t["selected"]]
    assert selected == ["Demo Company (Global)"]
    table = xero("tenants", "list", "-o", "table").ok().stdout
    assert "*" in next(line for line in table.splitlines() if "Global" in line)
    assert "*" not in next(line for line in table.splitlines() if "(NZ)" in line)

    csv = xero("invoices", "list", "--limit", "20", "-o", "csv", "--fields", "CurrencyCode")
    assert "NZD" not in csv.ok().stdout  # the Global company's invoices
    override = xero("--tenant", "Demo Company (NZ)", "invoices", "list", "--limit", "5")
    assert {i["CurrencyCode"] for i in override.ok().json()} == {"NZD"}
    status = xero("auth", "status", "--json").ok().json()
    assert status["selected_tenant"]["tenantName"] == "Demo Company (Global)"

    token = run_xero("auth", "token", env=env).ok()
    assert token.stdout.strip() == _cached_access_token(home)
    assert token.stderr == ""
    assert loopback.get(
        f"{own_sandbox.url}/connections", headers=oauth.api_headers(token.stdout.strip())
    ).is_success

    # A refresh under --debug: the trace shows the calls, never a token.
    loopback.post(f"{own_sandbox.url}/__sandbox/expire-tokens").raise_for_status()
    debug = xero("--debug", "invoices", "list", "--limit", "1").ok()
    assert "grant_type=refresh_token" in debug.stderr and "<redacted>" in debug.stderr
    secrets |= {_stored_refresh_token(home), _cached_access_token(home)}
    xero("--debug", "auth", "status").ok()
    xero("--debug", "tenants", "list").ok()
    secrets.add(run_xero("auth", "token", env=env).ok().stdout.strip())

    refresh_token = _stored_refresh_token(home)
    out = xero("auth", "logout").ok()
    assert "Revoked the refresh token at Xero" in out.stderr
    assert "removed the refresh token from the OS keyring" in out.stderr
    assert read_all(home / "keyring.json") == {}
    assert not (home / "state" / "xerocli" / "tokens" / "default.json").exists()
    revoked = loopback.post(
        f"{own_sandbox.url}/connect/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": "e2e-app",
        },
    )
    assert revoked.status_code == 400 and revoked.json()["error"] == "invalid_grant"
    after = xero("auth", "status")
    assert after.code == 4 and "xero auth login" in after.stderr
    assert xero("auth", "logout").ok().stderr.startswith("Profile 'default' has no stored login")

    assert len(secrets) >= 4
    for result in outputs:
        for secret in secrets:
            assert secret not in result.stdout, f"a token in the stdout of {result.args}"
            assert secret not in result.stderr, f"a token in the stderr of {result.args}"


def test_a_wrong_or_missing_state_is_refused_and_the_login_goes_on(home: Path, user_env) -> None:
    """Anyone on the machine can reach the callback port: their request must not cancel it."""
    running = LoginProcess(user_env)
    location = consent(running.authorize_url())
    assert deliver(with_params(location, state="not-the-state")).status_code == 400
    bare = location.split("?", 1)[0]
    assert deliver(bare).status_code == 400
    assert deliver(bare + "?error=access_denied").status_code == 400
    assert running.process.poll() is None  # still waiting for the real answer
    page = deliver(location)
    assert page.status_code == 200, page.text
    running.finish().ok()
    assert _stored_refresh_token(home)


def test_only_wrong_states_end_the_login_at_its_timeout(home: Path, user_env) -> None:
    running = LoginProcess(user_env, "--timeout", "2")
    location = consent(running.authorize_url())
    assert deliver(with_params(location, state="not-the-state")).status_code == 400
    result = running.finish()
    assert result.code == 4
    assert "within 2 s (1 request(s) with a wrong or no state were refused)" in result.stderr
    assert "nothing was stored" in result.stderr
    _nothing_stored(home)


def test_denied_consent_ends_the_login_and_stores_nothing(home: Path, user_env) -> None:
    running = LoginProcess(user_env)
    location = consent(with_params(running.authorize_url(), sandbox_consent="deny"))
    assert query_of(location)["error"] == "access_denied"
    assert deliver(location).status_code == 400
    result = running.finish()
    assert result.code == 4
    assert "consent was denied" in result.stderr and "nothing was stored" in result.stderr
    _nothing_stored(home)


def test_an_error_description_cannot_drive_the_terminal(home: Path, user_env) -> None:
    """The callback's `error_description` is quoted in the message: its control characters
    (a terminal escape, a carriage return) are shown as escapes, never sent to the terminal."""
    running = LoginProcess(user_env)
    location = consent(with_params(running.authorize_url(), sandbox_consent="deny"))
    forged = with_params(location, error_description="\x1b[31mRED\rgone")
    deliver(forged)
    result = running.finish()
    assert result.code == 4 and "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "\\x1b[31mRED\\x0dgone" in result.stderr
    _nothing_stored(home)


def test_timeout_ends_the_login_and_closes_the_port(home: Path, user_env) -> None:
    running = LoginProcess(user_env, "--timeout", "0.5")
    running.authorize_url()
    result = running.finish()
    assert result.code == 4
    assert "no answer from the browser within 0.5 s" in result.stderr
    _nothing_stored(home)
    with socket.socket() as sock:  # the callback server is gone: the port is free again
        sock.bind(("127.0.0.1", running.port))


def test_ctrl_c_ends_the_login_and_stores_nothing(home: Path, user_env) -> None:
    running = LoginProcess(user_env)
    running.authorize_url()
    running.process.send_signal(signal.SIGINT)
    result = running.finish()
    assert result.code == 130
    assert "login interrupted; nothing was stored" in result.stderr
    _nothing_stored(home)


def test_busy_port_fails_before_the_browser(home: Path, user_env) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = run_xero("auth", "login", "--no-browser", "--port", str(port), env=user_env)
    assert result.code == 2
    assert f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "/identity/connect/authorize" not in result.stderr
    _nothing_stored(home)


def test_legacy_and_explicit_scopes_are_said_and_asked(home: Path, user_env) -> None:
    running = LoginProcess(user_env, "--legacy-scopes", "--timeout", "0.3")
    url = running.authorize_url()
    assert query_of(url)["scope"] == LEGACY
    assert "legacy scopes" in running.finish().stderr
    running = LoginProcess(user_env, "--scopes", "accounting.contacts", "--timeout", "0.3")
    assert query_of(running.authorize_url())["scope"] == "offline_access accounting.contacts"
    assert "--scopes" in running.finish().stderr


class _RecordingProxy:
    """Forwards to the sandbox and keeps each token request's form: the only way to see what
    the CLI sends to the token endpoint."""

    def __init__(self, target: str) -> None:
        self.forms: list[dict[str, list[str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                owner.forms.append(parse_qs(body.decode()))
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("content-type", "authorization")
                }
                answer = loopback.post(target + self.path, content=body, headers=headers)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", ""))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_pkce_verifier_is_sent_and_checked(home: Path, sandbox: RunningSandbox) -> None:
    # The sandbox refuses a code exchanged with the wrong verifier...
    _verifier, challenge = oauth.pkce_pair()
    code = oauth.authorize(sandbox.url, "pkce-check", challenge)["code"][0]
    wrong = loopback.post(
        f"{sandbox.url}/connect/token",
        data={
            "grant_type": "authorization_code",
            "client_id": "pkce-check",
            "code": code,
            "redirect_uri": oauth.REDIRECT_URI,
            "code_verifier": oauth.pkce_pair()[0],
        },
    )
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # ...and the CLI's token request carries the verifier of the challenge it sent.
    proxy = _RecordingProxy(sandbox.url)
    try:
        env = keyring_env(
            home,
            XERO_CLIENT_ID="pkce-cli",
            XERO_LOGIN_URL=sandbox.url,
            XERO_IDENTITY_URL=proxy.url,
            XERO_API_URL=f"{sandbox.url}/api.xro/2.0",
        )
        running = LoginProcess(env)
        url = running.authorize_url()
        deliver(consent(url))
        running.finish().ok()
    finally:
        proxy.stop()
    (form,) = proxy.forms
    assert form["grant_type"] == ["authorization_code"]
    assert form["client_id"] == ["pkce-cli"]
    sent = form["code_verifier"][0]
    digest = hashlib.sha256(sent.encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == query_of(url)["code_challenge"]


def test_client_credentials_login(home: Path, sandbox: RunningSandbox) -> None:
    env = keyring_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_CLIENT_ID=DEMO_CLIENT_ID)
    missing = run_xero("auth", "login", "--client-credentials", env=env)
    assert missing.code == 2 and "XERO_CLIENT_SECRET" in missing.stderr
    no_id = run_xero("auth", "login", "--client-credentials", env=keyring_env(home))
    assert no_id.code == 2 and "create a custom connection app" in no_id.stderr
    assert "redirect URI" not in no_id.stderr  # a browser app's advice
    wrong = run_xero(
        "auth", "login", "--client-credentials", env={**env, "XERO_CLIENT_SECRET": "nope"}
    )
    assert wrong.code == 4 and "invalid_client" in wrong.stderr
    assert read_all(home / "keyring.json") == {}
    done = run_xero(
        "auth",
        "login",
        "--client-credentials",
        env={**env, "XERO_CLIENT_SECRET": DEMO_CLIENT_SECRET},
    ).ok()
    assert "custom connection" in done.stderr and "Selected organisation" in done.stderr
    assert DEMO_CLIENT_SECRET not in done.stdout + done.stderr
    # The secret now comes from the keyring: no environment needed.
    bare = keyring_env(home, XERO_SANDBOX_URL=sandbox.url)
    status = run_xero("auth", "status", "--json", env=bare).ok().json()
    assert status["login"] == "client_credentials" and status["client_id"] == DEMO_CLIENT_ID
    assert status["server"] == sandbox.url  # where the login is made, and sent
    assert status["selected_tenant"]["tenantName"] == "Demo Company (NZ)"
    invoices = run_xero("invoices", "list", "--limit", "2", env=bare).ok().json()
    assert len(invoices) == 2
    out = run_xero("auth", "logout", env=bare).ok()
    assert "removed the client secret" in out.stderr
    assert read_all(home / "keyring.json") == {}
    for result in (done, status_text := run_xero("auth", "status", env=bare), out):
        assert DEMO_CLIENT_SECRET not in result.stdout + result.stderr
    assert status_text.code == 4  # logged out


def test_login_with_the_sandboxs_demo_app_on_any_loopback_port(
    home: Path, own_sandbox: RunningSandbox
) -> None:
    """The demo PKCE app is registered with `http://localhost:8749/callback`; a loopback
    redirect on another port (`--port`) is accepted for it, as RFC 8252 asks."""
    env = keyring_env(
        home, XERO_SANDBOX_URL=own_sandbox.url, XERO_CLIENT_ID=oauth.DEMO_PKCE_CLIENT_ID
    )
    listed = loopback.get(f"{own_sandbox.url}/__sandbox/apps").json()
    demo = next(app for app in listed if app["client_id"] == oauth.DEMO_PKCE_CLIENT_ID)
    assert demo["kind"] == "pkce" and "http://localhost:8749/callback" in demo["redirect_uris"]
    running = LoginProcess(env)
    url = running.authorize_url()
    assert query_of(url)["redirect_uri"] == f"http://localhost:{running.port}/callback"
    assert deliver(consent(url)).status_code == 200
    running.finish().ok()
    status = run_xero("auth", "status", "--json", env=env).ok().json()
    assert status["client_id"] == oauth.DEMO_PKCE_CLIENT_ID and status["ok"] is True


def test_an_app_the_sandbox_does_not_know_gets_xeros_error_page(own_sandbox) -> None:
    """An unregistered client id is refused at the authorize page, with no redirect."""
    _, challenge = oauth.pkce_pair()
    page = loopback.get(
        f"{own_sandbox.url}/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": "never-registered",
            "redirect_uri": oauth.REDIRECT_URI,
            "scope": "offline_access accounting.contacts",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    assert page.status_code == 400 and "location" not in page.headers
    assert "invalid_client" in page.text
