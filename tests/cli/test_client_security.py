"""Where the login's token may go, which keys may become paths, and what a tenant costs:
nothing leaves for a URL elsewhere, no empty or path-like key reaches Xero, and a tenant ID
is used without a `GET /connections`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.errors import UsageError


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A small sandbox of this module's own: its request counters are read exactly."""
    running = start_seeded(tmp_path_factory, "security-sandbox", 30)
    yield running
    running.stop()


@pytest.fixture
def box_env(home: Path, own_sandbox: RunningSandbox) -> dict[str, str]:
    own_sandbox.reset_stats()
    return isolated_env(home, XERO_SANDBOX_URL=own_sandbox.url)


class Listener:
    """A loopback HTTP server on a second port that only records what reached it."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                owner.received.append({"path": self.path, "body": body})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            do_GET = do_POST = do_PUT = do_DELETE = _record

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.stop()


@pytest.mark.parametrize(
    "args",
    [
        ("api", "{url}/x"),
        ("api", "POST", "{url}/Invoices", "-f", "Reference=x"),
        ("api", "GET", "{url}/connections", "--paginate"),
        ("api", "//127.0.0.1:{port}/x"),
    ],
)
def test_api_sends_nothing_to_a_url_outside_xero(
    box_env, own_sandbox: RunningSandbox, listener: Listener, args
) -> None:
    port = listener.url.rsplit(":", 1)[1]
    argv = [a.format(url=listener.url, port=port) for a in args]
    env = {**box_env, "XERO_ACCESS_TOKEN": "secret-token-of-the-user"}
    result = run_xero("--tenant", "Demo Company (NZ)", *argv, env=env)
    assert result.code == 2, result.stderr
    assert "not at Xero's API" in result.stderr and "nothing was sent" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert listener.received == []
    assert "secret-token-of-the-user" not in result.stderr + result.stdout


def test_api_takes_an_absolute_url_at_the_configured_origin(
    box_env, own_sandbox: RunningSandbox
) -> None:
    url = f"{own_sandbox.url}/api.xro/2.0/Invoices"
    result = run_xero("--sandbox", "api", url, "-f", "page=1", "-f", "pageSize=2", env=box_env)
    assert len(result.ok().json()["Invoices"]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("invoices", "get", ""),
        ("invoices", "void", ""),
        ("payments", "delete", ""),
        ("invoices", "email", "   "),
        ("contacts", "update", "", "--email", "a@example.com"),
        ("manual-journals", "post", "\t"),
        ("items", "get", ".."),
        ("invoices", "get", "../Contacts"),
        ("invoices", "void", "INV-0001?Status=PAID"),
        ("credit-notes", "get", "x#y"),
        ("accounts", "get", "%2e%2e"),
        ("contacts", "get", " Bayside Club"),
    ],
)
def test_an_empty_or_path_like_key_is_refused_before_anything_is_sent(
    box_env, own_sandbox: RunningSandbox, args
) -> None:
    before = own_sandbox.stats()["requests"]
    result = run_xero("--sandbox", *args, env=box_env)
    assert result.code == 2, (result.code, result.stdout, result.stderr)
    assert result.stderr.startswith("xero: KEY: ") and "nothing was sent" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    # Only the stats call itself reached the sandbox: no login, no record read or changed.
    assert own_sandbox.stats()["requests"] == before + 1


def test_keys_are_percent_encoded_in_paths() -> None:
    from xerocli.api.resources import resource

    assert (
        resource("contacts").record_path("Bayside Club & Co")
        == "/Contacts/Bayside%20Club%20%26%20Co"
    )
    assert resource("invoices").record_path("ID", "Email") == "/Invoices/ID/Email"
    # The core checks too, for every caller that builds a path from a key (not only the CLI).
    for bad in ("", " ", "a/b", "..", "x?y"):
        with pytest.raises(UsageError):
            resource("payments").record_path(bad)


def test_a_record_key_still_finds_its_record(box_env) -> None:
    found = run_xero("--sandbox", "invoices", "get", "INV-0001", "--json", env=box_env).ok()
    assert found.json()["InvoiceNumber"] == "INV-0001"


def _connections_calls(sandbox: RunningSandbox) -> int:
    """`GET /connections` calls since the last reset: every request but the API calls and the
    stats call itself (a static token makes no token-endpoint calls)."""
    stats = sandbox.stats()
    return stats["requests"] - stats["api_calls"] - 1


@pytest.fixture
def token_env(box_env, own_sandbox: RunningSandbox) -> dict[str, str]:
    from tests.helpers.oauth import login

    return {**box_env, "XERO_ACCESS_TOKEN": login(own_sandbox.url)["access_token"]}


def test_a_tenant_id_is_used_without_asking_for_connections(
    token_env, own_sandbox: RunningSandbox
) -> None:
    tenant = own_sandbox.tenants()[0]
    for args, env in (
        (("--tenant", tenant["tenant_id"].upper()), token_env),
        ((), {**token_env, "XERO_TENANT_ID": tenant["tenant_id"]}),
    ):
        own_sandbox.reset_stats()
        result = run_xero(*args, "invoices", "list", "--limit", "1", "--json", env=env).ok()
        assert len(result.json()) == 1
        assert _connections_calls(own_sandbox) == 0
    # A name still resolves through /connections (and the count above can see it).
    own_sandbox.reset_stats()
    run_xero("--tenant", tenant["name"], "invoices", "list", "--limit", "1", env=token_env).ok()
    assert _connections_calls(own_sandbox) == 1


def test_a_tenant_id_that_is_not_connected_is_exit_4_naming_tenants_list(token_env) -> None:
    result = run_xero(
        "--tenant", "00000000-0000-4000-8000-000000000000", "invoices", "list", env=token_env
    )
    assert result.code == 4, result.stderr
    assert "xero tenants list" in result.stderr


# --- a stored login goes only to the server it was made at ----------------------------------
CONNECTION_ID = "SANDBOXCUSTOMCONNECTION00000001"
CONNECTION_SECRET = "sandbox-demo-secret-not-for-production"


def _log_in_then_move(home: Path, own_sandbox: RunningSandbox, issuer: str | None) -> dict:
    """A custom connection logged in at the sandbox, then its profile's `issuer` rewritten:
    to Xero's (as a login made at Xero records it) or removed (a login made before it was
    kept). The env it returns has no XERO_* login variables: only the stored login."""
    env = isolated_env(home, XERO_SANDBOX_URL=own_sandbox.url, XERO_TOKEN_STORE="file")
    run_xero(
        "auth", "login", "--client-credentials",
        env={**env, "XERO_CLIENT_ID": CONNECTION_ID, "XERO_CLIENT_SECRET": CONNECTION_SECRET},
    ).ok()  # fmt: skip
    config = home / "config" / "xerocli" / "config.toml"
    text = config.read_text()
    assert f'issuer = "{own_sandbox.url}"' in text
    moved = f'issuer = "{issuer}"\n' if issuer else ""
    config.write_text(text.replace(f'issuer = "{own_sandbox.url}"\n', moved))
    return env


@pytest.mark.parametrize("issuer", ["https://identity.xero.com", None])
@pytest.mark.parametrize(
    "args", [("invoices", "list"), ("api", "Organisation"), ("tenants", "list"), ("auth", "logout")]
)
def test_a_xero_login_is_not_sent_to_a_sandbox_url(
    home: Path, own_sandbox: RunningSandbox, listener: Listener, issuer, args
) -> None:
    env = _log_in_then_move(home, own_sandbox, issuer)
    secret_file = home / "data" / "xerocli" / "credentials" / "default.json"
    kept = secret_file.read_text()
    result = run_xero(*args, env={**env, "XERO_SANDBOX_URL": listener.url})
    assert result.code == 2, result.stderr
    assert result.stderr.strip() == (
        "xero: profile 'default' is logged in at https://identity.xero.com, not at"
        f" {listener.url}: its login is not sent there; unset XERO_SANDBOX_URL (or drop"
        " --sandbox-url), or log in there under another profile (`xero --profile NAME auth"
        " login`)"
    )
    assert listener.received == [] and result.stdout == ""
    assert secret_file.read_text() == kept  # logout refused: the login is still there


def test_a_new_login_does_not_reuse_a_secret_kept_for_another_server(
    home: Path, own_sandbox: RunningSandbox, listener: Listener
) -> None:
    env = _log_in_then_move(home, own_sandbox, "https://identity.xero.com")
    again = run_xero(
        "auth", "login", "--client-credentials",
        env={**env, "XERO_SANDBOX_URL": listener.url, "XERO_CLIENT_ID": CONNECTION_ID},
    )  # fmt: skip
    assert again.code == 2 and "no client secret: set XERO_CLIENT_SECRET" in again.stderr
    assert listener.received == []


def test_a_sandbox_login_is_not_sent_to_xero(home: Path, own_sandbox: RunningSandbox) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=own_sandbox.url, XERO_TOKEN_STORE="file")
    run_xero(
        "auth", "login", "--client-credentials",
        env={**env, "XERO_CLIENT_ID": CONNECTION_ID, "XERO_CLIENT_SECRET": CONNECTION_SECRET},
    ).ok()  # fmt: skip
    # The same sandbox on another loopback port (restarted with its data) still takes it.
    moved = own_sandbox.url.replace("127.0.0.1", "localhost")
    assert run_xero("invoices", "list", "--limit", "1", env={**env, "XERO_SANDBOX_URL": moved}).ok()
    without = {k: v for k, v in env.items() if k != "XERO_SANDBOX_URL"}
    result = run_xero("invoices", "list", env=without)
    assert result.code == 2
    assert f"is logged in at {own_sandbox.url}, not at https://identity.xero.com" in result.stderr
    assert "point XERO_SANDBOX_URL (or --sandbox-url) at that sandbox" in result.stderr


@pytest.mark.parametrize(
    "name, value",
    [
        ("XERO_SANDBOX_URL", "http://192.0.2.10:8080"),
        ("XERO_API_URL", "http://api.example.com/api.xro/2.0"),
        ("XERO_IDENTITY_URL", "http://identity.example.com"),
    ],
)
def test_plain_http_to_another_machine_is_refused_before_anything_is_sent(
    home: Path, name: str, value: str
) -> None:
    env = isolated_env(home, XERO_ACCESS_TOKEN="secret-token-of-the-user", **{name: value})
    result = run_xero("invoices", "list", env=env)
    assert result.code == 2
    assert f"{value} is plain http to another machine" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "secret-token-of-the-user" not in result.stderr
