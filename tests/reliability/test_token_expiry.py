"""Access tokens that die every second during a long paged read: it refreshes and is exact.

Xero's refresh tokens rotate (each use retires the old one; with the grace period off a
second use fails), so every refresh must store the new refresh token before going on. The
profile path (a `xero auth login` whose tokens live in the file store) is what cron jobs use;
`--sandbox` keeps its tokens in memory and refreshes the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_xero
from tests.helpers.login import keyring_env, login
from tests.helpers.sandbox import RunningSandbox
from tests.reliability.conftest import CALM_CLIENT, INVOICES
from tests.reliability.test_faults import READ_ONLY_TENANT

SHORT_LIVED = {"access_token_ttl": 1, "refresh_grace_seconds": 0, "latency_ms": 250}


@pytest.fixture
def profile_env(home: Path, box: RunningSandbox) -> dict[str, str]:
    """A user logged in through the browser flow, tokens in the 0600 file store."""
    env = keyring_env(
        home,
        XERO_SANDBOX_URL=box.url,
        XERO_CLIENT_ID="nightly-export",
        XERO_TOKEN_STORE="file",
        **CALM_CLIENT,
    )
    box.configure(access_token_ttl=2, refresh_grace_seconds=0)
    login(env)
    run_xero("tenants", "select", READ_ONLY_TENANT, env=env).ok()
    return env


def _check_exact(ndjson: list[dict]) -> None:
    ids = [record["InvoiceID"] for record in ndjson]
    assert len(ids) == len(set(ids)) == INVOICES


def test_a_logged_in_profile_refreshes_through_a_long_read(
    box: RunningSandbox, profile_env, home: Path
) -> None:
    box.configure(**SHORT_LIVED)
    box.reset_stats()
    result = run_xero("invoices", "list", "--all", "-o", "ndjson", env=profile_env).ok()
    _check_exact(result.ndjson())
    stats = box.stats()
    # Ten pages of 0.25 s+ each outlive one-second tokens several times over.
    assert stats["token_refreshes"] >= 2, stats
    # The stored refresh token is the live one: the next command works without a login.
    box.configure(latency_ms=0)
    assert len(run_xero("invoices", "list", "--limit", "1", env=profile_env).ok().json()) == 1


def test_a_logged_in_profile_refreshes_through_faults_and_expiry(
    box: RunningSandbox, profile_env
) -> None:
    """Retries that wait past a token's life: each retry must use a live token."""
    box.configure(
        **{**SHORT_LIVED, "latency_ms": 200}, unavailable_rate=0.1, drop_rate=0.1, fault_seed=11
    )
    box.reset_stats()
    result = run_xero("invoices", "list", "--all", "-o", "ndjson", env=profile_env).ok()
    _check_exact(result.ndjson())
    stats = box.stats()
    assert stats["faults"]["unavailable"] > 0 and stats["token_refreshes"] >= 2, stats


def test_sandbox_auto_login_refreshes_through_a_long_read(box: RunningSandbox, box_env) -> None:
    box.configure(**SHORT_LIVED)
    box.reset_stats()
    result = run_xero(
        "--sandbox",
        "--tenant",
        READ_ONLY_TENANT,
        "invoices",
        "list",
        "--all",
        "-o",
        "ndjson",
        env=box_env,
    ).ok()
    _check_exact(result.ndjson())
    stats = box.stats()
    # It refreshed, and only when a token was due: not before every one of the ten pages.
    assert 2 <= stats["token_refreshes"] < 10, stats


def test_a_logged_in_profile_refreshes_through_a_long_export(
    box: RunningSandbox, profile_env, home: Path
) -> None:
    # Pages are fetched five at a time, so each call is held a full token life and more.
    box.configure(**{**SHORT_LIVED, "latency_ms": 1200})
    box.reset_stats()
    target = home / "invoices.ndjson"
    run_xero("export", "ndjson", "invoices", "-o", str(target), env=profile_env).ok()
    _check_exact([json.loads(line) for line in target.read_text().splitlines()])
    assert box.stats()["token_refreshes"] >= 2, box.stats()
