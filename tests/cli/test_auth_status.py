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


def test_a_profile_name_that_is_not_in_the_config_is_said_to_be_a_typo(env) -> None:
    """`xero --profile prdo invoices list` in a cron line said "not logged in" as for a user
    who never logged in; it names the profile, the file and the profiles there."""
    result = run_xero("--profile", "prdo", "invoices", "list", env=env)
    assert result.code == 4 and result.stdout == ""
    assert result.stderr.startswith("xero: profile 'prdo' is not in ")
    assert "(profiles there: none): check the name" in result.stderr
    plain = run_xero("invoices", "list", env=env)  # the default profile: never logged in
    assert plain.code == 4 and "not logged in: run `xero auth login`" in plain.stderr


def test_the_sandboxs_automatic_login_names_no_profile(sandbox_env) -> None:
    """`xero --sandbox auth status` said `Profile: default (config.toml)` above the sandbox's
    own login, as if that profile were used; nothing of it is read or written."""
    text = run_xero("--sandbox", "auth", "status", env=sandbox_env).ok().stdout
    first, second = text.splitlines()[:2]
    assert first == (
        "Profile:        none (`--sandbox` logs in by itself; profile default is untouched)"
    )
    assert second.startswith("Login:          the sandbox's automatic login")
