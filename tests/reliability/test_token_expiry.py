"""Access tokens that die every few calls during a long paged read: it refreshes and is exact.

Xero's refresh tokens rotate (each use retires the old one; with the grace period off a
second use fails), so every refresh must store the new refresh token before going on. The
profile path (a `xero auth login` whose tokens live in the file store) is what cron jobs use;
`--sandbox` keeps its tokens in memory and refreshes the same way.

Time is the sandbox's: each API call moves its clock on by `STEP` seconds, so a 30-minute
token serves exactly two calls, however fast or slow the machine is (no sleeps, no latency
to outlast a one-second token).
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

#: Seconds of sandbox time per API call: a 1,800-second token lives two calls (the third comes
#: 2,100 s and a little real time after it was issued).
STEP = 700
SHORT_LIVED = {"access_token_ttl": 1800, "refresh_grace_seconds": 0, "clock_step_seconds": STEP}
PAGES = INVOICES // 1000
#: One refresh for the token killed before the read, then one per two pages (not one a page).
MOST_REFRESHES = 1 + PAGES // 2


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
    login(env)
    run_xero("tenants", "select", READ_ONLY_TENANT, env=env).ok()
    return env


def short_lived(box: RunningSandbox, **settings) -> None:
    """From now on tokens live two calls (by default), and the ones already issued are dead."""
    box.configure(**{**SHORT_LIVED, **settings})
    box.expire_tokens()
    box.reset_stats()


def _check_exact(ndjson: list[dict], box: RunningSandbox) -> None:
    ids = [record["InvoiceID"] for record in ndjson]
    assert len(ids) == len(set(ids)) == box.invoice_count(READ_ONLY_TENANT)


def test_a_logged_in_profile_refreshes_through_a_long_read(
    box: RunningSandbox, profile_env, home: Path
) -> None:
    short_lived(box)
    result = run_xero("invoices", "list", "--all", "-o", "ndjson", env=profile_env).ok()
    _check_exact(result.ndjson(), box)
    stats = box.stats()
    # Ten pages outlive two-call tokens five times over; each 401 costs one refresh.
    assert 3 <= stats["token_refreshes"] <= MOST_REFRESHES, stats
    assert stats["by_status"].get("401") == stats["token_refreshes"], stats
    # The stored refresh token is the live one: the next command works without a login.
    box.configure(clock_step_seconds=0)
    assert len(run_xero("invoices", "list", "--limit", "1", env=profile_env).ok().json()) == 1


def test_a_logged_in_profile_refreshes_through_faults_and_expiry(
    box: RunningSandbox, profile_env
) -> None:
    """Retries that wait past a token's life: each retry must use a live token."""
    short_lived(box, unavailable_rate=0.1, drop_rate=0.1, fault_seed=11)
    result = run_xero("invoices", "list", "--all", "-o", "ndjson", env=profile_env).ok()
    _check_exact(result.ndjson(), box)
    stats = box.stats()
    assert stats["faults"]["unavailable"] > 0 and stats["token_refreshes"] >= 2, stats


def test_sandbox_auto_login_refreshes_through_a_long_read(box: RunningSandbox, box_env) -> None:
    short_lived(box)
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
    _check_exact(result.ndjson(), box)
    stats = box.stats()
    # It refreshed when a token died, and only then: not before every one of the ten pages.
    assert 3 <= stats["token_refreshes"] <= MOST_REFRESHES, stats


def test_a_logged_in_profile_refreshes_through_a_long_export(
    box: RunningSandbox, profile_env, home: Path
) -> None:
    # Pages are fetched two at a time, so a token dies with calls in flight; it lives six
    # calls here (each moves the sandbox's clock 300 s). Two in flight, not Xero's five: every
    # call moves the clock, the old token's refused ones too, so with five the calls between
    # a refresh and the last retry it serves (four refused, five retried) could outlast a
    # six-call token, and a retry refused twice is rightly an error (exit 4), as a token that
    # dies again within seconds of its refresh is at Xero. Real tokens live 30 minutes.
    short_lived(box, clock_step_seconds=300)
    target = home / "invoices.ndjson"
    two_at_a_time = {**profile_env, "XERO_RATE_CONCURRENT": "2"}
    run_xero("export", "ndjson", "invoices", "-o", str(target), env=two_at_a_time).ok()
    _check_exact([json.loads(line) for line in target.read_text().splitlines()], box)
    assert box.stats()["token_refreshes"] >= 2, box.stats()
