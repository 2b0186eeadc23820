"""`xero tenants list|select`: the selection persists per profile; --tenant overrides it once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_xero
from tests.helpers.login import keyring_env, login
from tests.helpers.sandbox import RunningSandbox


@pytest.fixture
def env(home: Path, sandbox: RunningSandbox) -> dict[str, str]:
    env = keyring_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_CLIENT_ID="tenants-app")
    login(env)
    return env


def _selected(env: dict[str, str], *args: str) -> list[str]:
    listed = run_xero(*args, "tenants", "list", "--json", env=env).ok().json()
    return [t["tenantName"] for t in listed if t["selected"]]


def test_select_by_id_persists_and_overrides_apply_once(
    env: dict[str, str], sandbox: RunningSandbox
) -> None:
    nz, global_ = sandbox.tenants()[:2]
    assert _selected(env) == []
    run_xero("tenants", "select", global_["tenant_id"].upper(), env=env).ok()
    assert _selected(env) == [global_["name"]]
    assert _selected(env, "--tenant", nz["name"].lower()) == [nz["name"]]
    assert _selected({**env, "XERO_TENANT_ID": nz["tenant_id"]}) == [nz["name"]]
    assert _selected(env) == [global_["name"]]  # the overrides did not persist
    table = run_xero("invoices", "list", "--limit", "1", "-o", "table", env=env).ok().stdout
    assert global_["name"] in table  # the tenant's name in the table header


def test_unknown_tenant_is_refused_with_the_connected_names(env: dict[str, str]) -> None:
    # Exit 4 in the words of `--tenant Nowhere`: an organisation this login does not reach.
    result = run_xero("tenants", "select", "No Such Company", env=env)
    assert result.code == 4, result.stderr
    assert "Demo Company (NZ)" in result.stderr and "Demo Company (Global)" in result.stderr
    once = run_xero("--tenant", "No Such Company", "invoices", "list", env=env)
    assert once.code == 4
    assert result.stderr == once.stderr
    assert run_xero("tenants", "list", "-o", "csv", env=env).ok().stdout.splitlines()[0] == (
        "selected,tenantName,tenantId,tenantType"
    )


def test_tenants_need_a_login(home: Path, sandbox: RunningSandbox) -> None:
    result = run_xero("tenants", "list", env=keyring_env(home, XERO_SANDBOX_URL=sandbox.url))
    assert result.code == 4 and "xero auth login" in result.stderr


def test_sandbox_selection_applies_to_sandbox_commands_and_leaves_the_profile_alone(
    env: dict[str, str], home: Path, sandbox: RunningSandbox
) -> None:
    nz, global_ = sandbox.tenants()[:2]
    config = home / "config" / "xerocli" / "config.toml"
    before = config.read_text()
    assert _selected(env, "--sandbox") == [nz["name"]]  # the first demo company by default
    result = run_xero("--sandbox", "tenants", "select", global_["name"], env=env).ok()
    assert _selected(env, "--sandbox") == [global_["name"]]
    table = run_xero("--sandbox", "invoices", "list", "--limit", "1", "-o", "table", env=env)
    assert global_["name"] in table.ok().stdout
    assert config.read_text() == before  # the real profile holds no sandbox tenant
    assert global_["tenant_id"] not in before
    assert _selected(env) == []  # the real login's own selection is untouched
    assert _selected(env, "--sandbox", "--tenant", nz["name"]) == [nz["name"]]  # once only
    assert _selected(env, "--sandbox") == [global_["name"]]
    assert "no profile was changed" in result.stderr
