"""How the client retries: a deterministic 500 is tried again briefly on reads, never on
writes; a wait for the rate limiter never hands out a token that died while waiting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.login import keyring_env
from tests.helpers.login import login as browser_login
from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, start_seeded


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A small sandbox of this module's own: these tests turn faults on."""
    running = start_seeded(tmp_path_factory, "retry-sandbox", 30)
    yield running
    running.stop()


@pytest.fixture
def token_env(home: Path, own_sandbox: RunningSandbox) -> Iterator[dict[str, str]]:
    """A static token and a tenant ID: every request the CLI makes is an API call."""
    own_sandbox.configure(error_rate=0, fault_seed=None)
    tenant = own_sandbox.tenants()[0]["tenant_id"]
    yield isolated_env(
        home,
        XERO_SANDBOX_URL=own_sandbox.url,
        XERO_ACCESS_TOKEN=login(own_sandbox.url)["access_token"],
        XERO_TENANT_ID=tenant,
    )
    own_sandbox.configure(error_rate=0, fault_seed=None)


def test_a_500_on_a_read_is_tried_twice_more_then_exit_8(
    token_env, own_sandbox: RunningSandbox
) -> None:
    own_sandbox.configure(error_rate=1)
    own_sandbox.reset_stats()
    result = run_xero("invoices", "list", "--limit", "1", env=token_env)
    assert result.code == 8, result.stderr
    assert result.stderr.startswith("xero: Xero answered 500")
    stats = own_sandbox.stats()
    assert stats["api_calls"] == 3 and stats["by_status"]["500"] == 3, stats


def test_a_500_on_a_write_is_never_retried(token_env, own_sandbox: RunningSandbox) -> None:
    own_sandbox.configure(error_rate=1)
    own_sandbox.reset_stats()
    result = run_xero("contacts", "create", "--name", "Retry Test Ltd", env=token_env)
    assert result.code == 8, result.stderr
    stats = own_sandbox.stats()
    assert stats["api_calls"] == 1 and stats["by_status"]["500"] == 1, stats


def test_a_rate_limiter_wait_longer_than_a_token_s_life_hands_out_live_tokens(
    home: Path, own_sandbox: RunningSandbox
) -> None:
    """One call every 2 s, tokens that live 1 s: each call waits out its token's life in the
    shared limiter. The token must be taken after the wait (it used to be taken before, so
    every call was refused, refreshed, waited again and failed with exit 4)."""
    env = keyring_env(
        home,
        XERO_SANDBOX_URL=own_sandbox.url,
        XERO_CLIENT_ID="cron-job",
        XERO_TOKEN_STORE="file",
        XERO_RATE_MINUTE_CALLS="1",
        XERO_RATE_WINDOW_SECONDS="2",
    )
    try:
        own_sandbox.configure(access_token_ttl=1)
        browser_login(env)
        run_xero("tenants", "select", "Demo Company (NZ)", env=env).ok()
        own_sandbox.configure(minute_seconds=2, minute_limit=1)
        own_sandbox.reset_stats()
        # Three pages whatever else the seed made invoices of (quotes, credit, batches).
        page = -(-own_sandbox.invoice_count("Demo Company (NZ)") // 3)
        result = run_xero("api", "Invoices", "--paginate", "-f", f"pageSize={page}", env=env)
    finally:
        own_sandbox.configure(access_token_ttl=1800, minute_seconds=60, minute_limit=60)
    assert result.code == 0, result.stderr
    assert len(result.json()) == own_sandbox.invoice_count("Demo Company (NZ)")
    stats = own_sandbox.stats()
    assert stats["token_refreshes"] >= 2, stats
    # Only the first call may carry a token cached before the command started.
    assert stats["by_status"].get("401", 0) <= 1, stats


def test_a_token_without_the_endpoint_s_scope_refreshes_once_then_names_the_scope(
    home: Path, own_sandbox: RunningSandbox
) -> None:
    """Xero answers a missing scope with 401 AuthorizationUnsuccessful, which no refresh cures:
    one refresh (the 401 may have been an expiry), then exit 4 naming the scope, no loop."""
    env = keyring_env(
        home, XERO_SANDBOX_URL=own_sandbox.url, XERO_CLIENT_ID="narrow", XERO_TOKEN_STORE="file"
    )
    browser_login(env, "--scopes", "accounting.contacts")
    run_xero("tenants", "select", "Demo Company (NZ)", env=env).ok()
    own_sandbox.reset_stats()
    result = run_xero("invoices", "list", env=env)
    assert result.code == 4, result.stderr
    assert result.stderr.startswith("xero: the login lacks the scope accounting.invoices")
    stats = own_sandbox.stats()
    assert stats["api_calls"] == 2 and stats["token_refreshes"] == 1, stats
