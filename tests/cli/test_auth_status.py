"""`xero auth status --json` for scripts: `storage` a keyword, `scopes` a list."""

from __future__ import annotations

from tests.helpers import oauth
from tests.helpers.cli import isolated_env, run_xero


def test_status_json_gives_keywords_and_lists(home, sandbox) -> None:
    token = oauth.login(sandbox.url, "status-json-app")["access_token"]
    env = isolated_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_ACCESS_TOKEN=token)
    status = run_xero("auth", "status", "--json", env=env).ok().json()
    assert status["storage"] == "env" and status["storage_detail"] == "XERO_ACCESS_TOKEN"
    sandbox_status = run_xero("--sandbox", "auth", "status", "--json", env=env).ok().json()
    assert sandbox_status["storage"] in ("env", "memory")
    logged_out = run_xero("auth", "status", "--json", env=isolated_env(home))
    assert logged_out.code == 4 and logged_out.json()["storage"] is None
