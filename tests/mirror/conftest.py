"""One small sandbox for the mirror tests (200 invoices a demo company: one page each, so a
whole sync is ten calls and takes well under a second), and helpers to read a mirror."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.api.resources import RESOURCES

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
    # The sandbox's clock is this machine's: no margin for a clock ahead of ours, so a run
    # after changes mirrors exactly those, whatever other tests changed just before.
    return isolated_env(
        home, XERO_SANDBOX_URL=mirror_box.url, XERO_SYNC_CLOCK_MARGIN="0", **UNLIMITED_CLIENT
    )


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


def incremental_calls(env: dict[str, str]) -> int:
    """The calls of a sync after changes that fit one page of each collection: one call a
    collection (If-Modified-Since from the mark, Journals from the last journal number). The
    changed receipts would add one each (`Resource.lines_by_record`): none changed here."""
    return len(RESOURCES)


def by_status(invoices: list[dict]) -> dict[str, tuple[int, Decimal]]:
    out: dict[str, tuple[int, Decimal]] = {}
    for invoice in invoices:
        count, total = out.get(invoice["Status"], (0, Decimal(0)))
        out[invoice["Status"]] = (count + 1, total + Decimal(str(invoice["Total"])))
    return out


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """One throwaway PostgreSQL cluster for the session (see tests/mirror/pg_cluster.py)."""
    from tests.mirror.pg_cluster import Cluster

    try:
        cluster = Cluster()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.fail(f"PostgreSQL tests cannot run: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


def change_invoices(box: RunningSandbox, invoices: list[dict]) -> tuple[str, str, str, Decimal]:
    """Three changes sent straight to the sandbox's NZ company: a new invoice, a new reference
    on one and a voided one (authorised sales invoices with nothing paid or credited: Xero lets
    those be edited). Returns the IDs (created, updated, voided) and the new invoice's total."""
    from tests.helpers.oauth import login
    from tests.helpers.sandbox import tenant_client

    free = [
        i
        for i in invoices
        if (i["Status"], i["Type"]) == ("AUTHORISED", "ACCREC")
        and not i.get("Payments")
        and not i.get("CreditNotes")
        and Decimal(str(i["AmountPaid"])) == 0
    ]
    updated, voided = free[0], free[1]
    new = {
        "Type": "ACCREC",
        "Contact": {"ContactID": updated["Contact"]["ContactID"]},
        "Status": "AUTHORISED",
        "DueDate": "2026-12-31",
        "LineItems": [
            {"Description": "Mirror test", "Quantity": 2, "UnitAmount": 10.25, "AccountCode": "200"}
        ],
    }
    with tenant_client(box, login(box.url), 0) as nz:
        answer = nz.put("/Invoices", json={"Invoices": [new]})
        assert answer.status_code == 200, answer.text
        created = answer.json()["Invoices"][0]["InvoiceID"]
        created_total = Decimal(str(answer.json()["Invoices"][0]["Total"]))
        changes = ((updated, {"Reference": "mirrored"}), (voided, {"Status": "VOIDED"}))
        for invoice, change in changes:
            answer = nz.post(f"/Invoices/{invoice['InvoiceID']}", json={"Invoices": [change]})
            assert answer.status_code == 200, answer.text
    return created, updated["InvoiceID"], voided["InvoiceID"], created_total


def after_changes(
    invoices: list[dict], voided: str, created_total: Decimal
) -> dict[str, tuple[int, Decimal]]:
    """`by_status` of `invoices` once `change_invoices` has run: one more authorised invoice,
    one authorised invoice voided (a new reference changes no sum)."""
    expected = by_status(invoices)
    old_total = Decimal(str(next(i["Total"] for i in invoices if i["InvoiceID"] == voided)))
    count, total = expected["AUTHORISED"]
    expected["AUTHORISED"] = (count, total - old_total + created_total)
    count, total = expected.get("VOIDED", (0, Decimal(0)))
    expected["VOIDED"] = (count + 1, total + old_total)
    return expected


def run_inline(capsys: pytest.CaptureFixture, *args: str) -> str:
    """`xero ARGS` in this process (`main` is what `python -m xerocli` runs): for commands that
    send nothing (`sql`, `sync status`), a third of a second cheaper than a process. Returns
    stdout; a non-zero exit fails with stderr."""
    from xerocli.cli.app import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    assert exited.value.code == 0, f"xero {' '.join(args)} exited {exited.value.code}: {err}"
    return out
