"""One small sandbox for the mirror tests (200 invoices a demo company: one page each, so a
whole sync is ten calls and takes well under a second), and helpers to read a mirror."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

INVOICES = 200
NZ = "Demo Company (NZ)"
GLOBAL = "Demo Company (Global)"


@pytest.fixture(scope="package")
def mirror_box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "mirror", INVOICES)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def box_env(home: Path, mirror_box: RunningSandbox) -> dict[str, str]:
    mirror_box.configure(latency_ms=0)
    mirror_box.reset_stats()
    return isolated_env(home, XERO_SANDBOX_URL=mirror_box.url, **UNLIMITED_CLIENT)


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def listed(env: dict[str, str], noun: str, *extra: str) -> list[dict]:
    """`xero OBJECT list --all`, numbers exact."""
    result = run_xero("--sandbox", *extra, noun, "list", "--all", "-o", "ndjson", env=env).ok()
    return [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]


def by_status(invoices: list[dict]) -> dict[str, tuple[int, Decimal]]:
    out: dict[str, tuple[int, Decimal]] = {}
    for invoice in invoices:
        count, total = out.get(invoice["Status"], (0, Decimal(0)))
        out[invoice["Status"]] = (count + 1, total + Decimal(str(invoice["Total"])))
    return out
