"""Where logins live: no keyring, the opt-in 0600 file store, environment-only cron, profiles."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from tests.helpers import oauth
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.login import LoginProcess, consent, deliver, login
from tests.helpers.sandbox import RunningSandbox
from xerocli.profiles import dumps
from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_BACKEND = "keyring.backends.fail.Keyring"


def _no_keyring_env(home: Path, sandbox: RunningSandbox, **extra: str) -> dict[str, str]:
    settings = {
        "XERO_SANDBOX_URL": sandbox.url,
        "PYTHON_KEYRING_BACKEND": FAIL_BACKEND,
        "XERO_CLIENT_ID": "headless-app",
        **extra,
    }
    return isolated_env(home, **settings)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_no_keyring_fails_fast_naming_the_fixes_then_the_file_store_works(
    home: Path, sandbox: RunningSandbox
) -> None:
    env = _no_keyring_env(home, sandbox)
    result = run_xero("auth", "login", "--no-browser", "--timeout", "30", env=env, timeout=60)
    assert result.code == 4
    for fix in ("XERO_TOKEN_STORE=file", "XERO_ACCESS_TOKEN", "XERO_CLIENT_ID"):
        assert fix in result.stderr
    assert "/identity/connect/authorize" not in result.stderr  # failed before the browser

    running = LoginProcess({**env, "XERO_TOKEN_STORE": "file"})
    deliver(consent(running.authorize_url()))
    done = running.finish().ok()
    credentials = home / "data" / "xerocli" / "credentials" / "default.json"
    assert f"the file {credentials}" in done.stderr
    assert _mode(credentials) == 0o600
    assert _mode(home / "state" / "xerocli" / "tokens" / "default.json") == 0o600
    # The profile remembers the file store: later commands need no XERO_TOKEN_STORE.
    run_xero("tenants", "select", "Demo Company (NZ)", env=env).ok()
    assert len(run_xero("invoices", "list", "--limit", "2", env=env).ok().json()) == 2
    status = run_xero("auth", "status", "--json", env=env).ok().json()
    assert status["storage"] == "file" and status["ok"]
    assert status["storage_detail"].startswith("the file ")
    token = run_xero("auth", "token", env=env).ok().stdout.strip()
    assert token and token not in credentials.read_text()  # refresh token only, not access
    run_xero("auth", "logout", env=env).ok()
    assert not credentials.exists()


def test_null_keyring_that_drops_secrets_is_refused(home: Path, sandbox: RunningSandbox) -> None:
    env = _no_keyring_env(home, sandbox, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    result = run_xero("auth", "login", "--no-browser", env=env, timeout=60)
    assert result.code == 4 and "XERO_TOKEN_STORE=file" in result.stderr


def test_locked_keyring_fails_fast_instead_of_hanging(home: Path, sandbox: RunningSandbox) -> None:
    env = _no_keyring_env(
        home,
        sandbox,
        PYTHON_KEYRING_BACKEND="tests.helpers.file_keyring.HangingKeyring",
        XEROCLI_TEST_KEYRING=str(home / "keyring.json"),
        XERO_KEYRING_TIMEOUT="1",
    )
    result = run_xero("auth", "login", "--no-browser", env=env, timeout=60)
    assert result.code == 4
    assert "did not answer within 1 s" in result.stderr and "XERO_TOKEN_STORE=file" in result.stderr


def test_unknown_token_store_is_a_usage_error(home: Path, sandbox: RunningSandbox) -> None:
    env = _no_keyring_env(home, sandbox, XERO_TOKEN_STORE="vault")
    result = run_xero("auth", "login", "--no-browser", env=env)
    assert result.code == 2 and "XERO_TOKEN_STORE" in result.stderr


def test_cron_needs_no_keyring_and_no_prompt(home: Path, sandbox: RunningSandbox) -> None:
    env = isolated_env(
        home,
        XERO_SANDBOX_URL=sandbox.url,
        PYTHON_KEYRING_BACKEND=FAIL_BACKEND,
        XERO_CLIENT_ID=DEMO_CLIENT_ID,
        XERO_CLIENT_SECRET=DEMO_CLIENT_SECRET,
    )
    assert len(run_xero("invoices", "list", "--limit", "3", env=env).ok().json()) == 3
    status = run_xero("auth", "status", "--json", env=env).ok().json()
    assert status["login"] == "env-client-credentials"

    token = oauth.login(sandbox.url, "env-token-app")["access_token"]
    tenant = sandbox.tenants()[1]
    env = isolated_env(
        home,
        XERO_SANDBOX_URL=sandbox.url,
        PYTHON_KEYRING_BACKEND=FAIL_BACKEND,
        XERO_ACCESS_TOKEN=token,
        XERO_TENANT_ID=tenant["tenant_id"],
    )
    invoices = run_xero("invoices", "list", "--limit", "2", env=env).ok().json()
    assert len(invoices) == 2
    assert run_xero("auth", "token", env=env).ok().stdout == token + "\n"
    for args in (("invoices", "list", "--limit", "1"), ("--debug", "tenants", "list")):
        result = run_xero(*args, env=env).ok()
        assert token not in result.stdout + result.stderr


def test_profiles_live_side_by_side(home: Path, sandbox: RunningSandbox) -> None:
    from tests.helpers.login import keyring_env

    env = keyring_env(home, XERO_SANDBOX_URL=sandbox.url)
    run_xero(
        "--profile",
        "robot",
        "auth",
        "login",
        "--client-credentials",
        "--client-id",
        DEMO_CLIENT_ID,
        env={**env, "XERO_CLIENT_SECRET": DEMO_CLIENT_SECRET},
    ).ok()
    login({**env, "XERO_CLIENT_ID": "person-app"})
    config = tomllib.loads((home / "config" / "xerocli" / "config.toml").read_text())
    assert config["profiles"]["robot"]["login"] == "client_credentials"
    assert config["profiles"]["default"]["login"] == "pkce"
    assert config["profiles"]["default"]["client_id"] == "person-app"
    robot = run_xero("auth", "status", "--json", env={**env, "XERO_PROFILE": "robot"}).ok()
    assert robot.json()["client_id"] == DEMO_CLIENT_ID
    person = run_xero("auth", "status", "--json", env=env).ok().json()
    assert person["login"] == "pkce" and person["profile"] == "default"
    bad = run_xero("--profile", "../etc", "auth", "status", env=env)
    assert bad.code == 2 and "profile name" in bad.stderr


@pytest.mark.parametrize(
    "value",
    ["plain", 'quote " and \\ backslash', "tab\tnew\nline", "Démo Company (Ünïcode) ✓", ""],
)
def test_toml_writer_round_trips(value: str) -> None:
    data = {"profiles": {"default": {"tenant_name": value, "n": 3}, "a b": {"x": value}}}
    assert tomllib.loads(dumps(data)) == data
