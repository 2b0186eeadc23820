"""`xero limits`: the call budget this user's processes have left, read without a call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox

DAY_LIMIT = 5000


@pytest.fixture
def box(tmp_path: Path) -> Iterator[RunningSandbox]:
    """A sandbox of its own: its day counts start at zero and the test may spend them."""
    running = RunningSandbox(tmp_path / "limits.sqlite", tmp_path, "--invoices", "20")
    running.configure(day_limit=DAY_LIMIT)
    yield running
    running.stop()


def test_limits_count_this_users_calls_and_keep_what_xero_reports(box, home) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=box.url)
    fresh = run_xero("--sandbox", "limits", "--json", env=env).ok()
    before = fresh.json()
    assert before["CallsLastMinute"] == 0 and before["InFlight"] == 0
    assert (before["MinuteLimit"], before["ConcurrentLimit"]) == (60, 5)
    assert before["XeroDayRemaining"] is None and before["ReportedAt"] is None
    assert "has not reported" in fresh.stderr

    for _ in range(3):
        run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env).ok()
    after = run_xero("--sandbox", "limits", "--json", env=env).ok().json()
    assert after["TenantName"] == "Demo Company (NZ)"
    assert after["CallsLastMinute"] == 3 and after["MinuteLeft"] == 57
    assert after["XeroDayRemaining"] == DAY_LIMIT - 3
    assert after["XeroMinuteRemaining"] == 57 and after["ReportedAt"].endswith("+00:00")
    assert after["DayBlockedUntil"] is None

    # Another organisation has budgets of its own.
    other = run_xero("--sandbox", "--tenant", "Demo Company (Global)", "limits", "--json", env=env)
    assert other.ok().json()["CallsLastMinute"] == 0

    table = run_xero("--sandbox", "limits", "-o", "table", env=env).ok().stdout
    assert "Day left (Xero)" in table and str(DAY_LIMIT - 3) in table


def test_a_spent_day_budget_shows_until_when(box, home) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=box.url)
    box.configure(day_limit=1)
    run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env).ok()
    refused = run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env)
    assert refused.code == 7 and "daily call budget" in refused.stderr
    spent = run_xero("--sandbox", "limits", "--json", env=env).ok().json()
    assert spent["XeroDayRemaining"] == 0
    assert spent["DayBlockedUntil"] is not None
    csv = run_xero("--sandbox", "limits", "-o", "csv", env=env).ok().stdout.splitlines()
    assert csv[0].split(",")[-1] == "DayBlockedUntil" and csv[1].split(",")[-1]


def test_limits_reads_the_ledger_without_a_login(box, home) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=box.url)
    assert run_xero("limits", "--json", env=env).ok().json() == []  # nothing called yet
    run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env).ok()
    nz = box.tenants()[0]["tenant_id"]
    # No login of this user's own (no --sandbox): the ledger still answers, per organisation.
    every = run_xero("limits", "--json", env=env).ok().json()
    assert [(row["TenantId"], row["CallsLastMinute"]) for row in every] == [(nz, 1)]
    one = run_xero("limits", "--tenant", nz, "--json", env=env).ok().json()
    assert one["TenantId"] == nz and one["XeroDayRemaining"] == DAY_LIMIT - 1
    by_name = run_xero("limits", "--tenant", "Demo Company (NZ)", env=env)
    assert by_name.code == 4 and "give its tenant ID" in by_name.stderr


def test_one_apps_spent_day_budget_does_not_stop_another_app(box, home) -> None:
    """Xero counts the day per app and tenant: once the sandbox's demo app spent its day,
    a custom connection to the same organisation (same user, same ledger) still calls."""
    env = isolated_env(home, XERO_SANDBOX_URL=box.url, XERO_TOKEN_STORE="file")
    box.configure(day_limit=1)
    run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env).ok()
    refused = run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env)
    assert refused.code == 7 and "daily call budget" in refused.stderr
    box.reset_stats()
    again = run_xero("--sandbox", "invoices", "list", "--limit", "1", env=env)
    assert again.code == 7 and "nothing was sent" in again.stderr  # kept: not asked again
    assert box.stats()["api_calls"] == 0
    run_xero(
        "auth", "login", "--client-credentials",
        env={**env, "XERO_CLIENT_ID": "SANDBOXCUSTOMCONNECTION00000001",
             "XERO_CLIENT_SECRET": "sandbox-demo-secret-not-for-production"},
    ).ok()  # fmt: skip
    other_app = run_xero("invoices", "list", "--limit", "1", env=env).ok().json()
    assert len(other_app) == 1
