"""One sandbox for the reliability suite, with faults and limits turned per test.

The suite shares a sandbox of 10,000 invoices per demo company (a copy of the run's seeded
database, see `tests.helpers.sandbox.seeded_copy`); every test
puts the sandbox back to a calm state afterwards (no faults, generous limits, long-lived
tokens, counters cleared), so a test that turns faults on cannot leak them into the next.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

#: Invoices per demo company: a 10,000-record export is ten pages of 1,000.
INVOICES = 10_000

#: Limits high enough that tests which do not study them never wait on them.
CALM = {
    "latency_ms": 0,
    "error_rate": 0,
    "unavailable_rate": 0,
    "drop_rate": 0,
    "fault_seed": None,
    "minute_seconds": 60,
    "minute_limit": 100_000,
    "concurrent_limit": 5,
    "day_limit": 1_000_000,
    "app_minute_limit": 1_000_000,
    "access_token_ttl": 1800,
    "refresh_grace_seconds": 1800,
    "clock_step_seconds": 0,
}

#: The client's shared limiter, matched to CALM (its defaults are Xero's 60 a minute).
CALM_CLIENT = {"XERO_RATE_MINUTE_CALLS": "100000", "XERO_RATE_WINDOW_SECONDS": "60"}


@pytest.fixture(scope="package")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "reliability", INVOICES)
    running.configure(**CALM)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def calm(box: RunningSandbox) -> Iterator[None]:
    box.configure(**CALM)
    box.reset_stats()
    yield
    box.configure(**CALM)
    box.reset_stats()


@pytest.fixture
def box_env(home: Path, box: RunningSandbox) -> dict[str, str]:
    """An isolated user whose every endpoint is the suite's sandbox."""
    return isolated_env(home, XERO_SANDBOX_URL=box.url, **CALM_CLIENT)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def invoices_with_reference(env: dict[str, str], reference: str) -> list[dict]:
    """Every invoice of the first demo company carrying `reference`, read through the CLI."""
    found = run_xero(
        "--sandbox",
        "invoices",
        "list",
        "--all",
        "--where",
        f'Reference=="{reference}"',
        "-o",
        "ndjson",
        env=env,
    ).ok()
    return found.ndjson()
