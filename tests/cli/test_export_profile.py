"""`xero export` with a profile's own login (issue 12 item 4): a browser login (PKCE) against
`xero sandbox serve`, then exports that use the profile's tokens, as every other command does.

Before the engine moved into the core, `--all-tenants` built credentials of its own without
the profile and exited 4 "not logged in" while `tenants list` worked.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.helpers import loopback
from tests.helpers.cli import run_xero
from tests.helpers.login import keyring_env, login
from tests.helpers.sandbox import RunningSandbox

NZ = "Demo Company (NZ)"
GLOBAL = "Demo Company (Global)"


@pytest.fixture
def profile_env(home: Path, sandbox: RunningSandbox) -> dict[str, str]:
    """A user after `xero auth login` with their own app; later shells need no XERO_CLIENT_ID."""
    env = keyring_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_CLIENT_ID="export-profile-app")
    login(env)
    return {key: value for key, value in env.items() if key != "XERO_CLIENT_ID"}


def contacts_in(env: dict[str, str], tenant: str) -> int:
    """How many contacts the organisation holds now, through the same login."""
    listed = run_xero("--tenant", tenant, "contacts", "list", "--all", "--json", env=env).ok()
    return len(listed.json())


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_all_tenants_export_uses_the_profile_login_and_gets_both_companies(
    profile_env: dict[str, str], sandbox: RunningSandbox, tmp_path: Path
) -> None:
    assert {t["tenantName"] for t in run_xero("tenants", "list", "--json", env=profile_env)
            .ok().json()} == {NZ, GLOBAL}  # fmt: skip
    target = tmp_path / "contacts.csv"
    result = run_xero(
        "export", "csv", "contacts", "--all-tenants", "-o", str(target), env=profile_env
    )
    assert result.code == 0, result.stderr
    rows = read_rows(target)
    names = [row["TenantName"] for row in rows]
    ids = {t["name"]: t["tenant_id"] for t in sandbox.tenants()}
    for tenant in (NZ, GLOBAL):
        assert names.count(tenant) == contacts_in(profile_env, tenant) > 0
        assert {r["TenantId"] for r in rows if r["TenantName"] == tenant} == {ids[tenant]}
    assert len(rows) == names.count(NZ) + names.count(GLOBAL)
    assert f"Exported {len(rows)} contacts to {target}." in result.stderr


def test_incremental_export_of_a_profile_keeps_its_mark_under_the_profile(
    profile_env: dict[str, str], home: Path, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    nz_id = next(t["tenant_id"] for t in sandbox.tenants() if t["name"] == NZ)
    target = tmp_path / "nz.csv"
    args = ("--tenant", NZ, "export", "csv", "contacts", "--incremental", "-o", str(target))
    first = run_xero(*args, env=profile_env)
    assert first.code == 0, first.stderr
    assert len(read_rows(target)) == contacts_in(profile_env, NZ)
    mark = home / "state" / "xerocli" / "export-marks" / "default" / nz_id / "contacts.json"
    assert mark.is_file()
    again = run_xero(*args, env=profile_env).ok()
    assert read_rows(target) == [] and "Exported 0 contacts" in again.stderr


def test_all_tenants_share_the_logins_token_source_one_refresh_for_every_organisation(
    profile_env: dict[str, str], sandbox: RunningSandbox
) -> None:
    # One client per organisation, one token source: an expired token is refreshed once, not
    # once per organisation (a refresh token rotates, so a second refresh would race the first).
    loopback.post(f"{sandbox.url}/__sandbox/expire-tokens", timeout=10).raise_for_status()
    refreshes = sandbox.stats()["token_refreshes"]
    result = run_xero("export", "ndjson", "contacts", "--all-tenants", env=profile_env)
    assert result.code == 0, result.stderr
    assert {row["TenantName"] for row in result.ndjson()} == {NZ, GLOBAL}
    assert sandbox.stats()["token_refreshes"] == refreshes + 1
