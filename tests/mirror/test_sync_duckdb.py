"""`xero sync --db duckdb:///...`: exact DECIMAL sums per status equal to `xero invoices list
--all`, and the next run mirrors exactly the changes (records refreshed, their lines replaced
in the same transaction) for one call a collection."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import duckdb

from tests.helpers.cli import run_xero
from tests.mirror.conftest import (
    after_changes,
    by_status,
    change_invoices,
    incremental_calls,
    listed,
    run_inline,
)


def per_status(path: Path) -> dict[str, tuple[int, Decimal]]:
    with duckdb.connect(str(path), read_only=True) as conn:
        rows = conn.execute("SELECT status, count(*), sum(total) FROM invoices GROUP BY status")
        return {status: (count, total) for status, count, total in rows.fetchall()}


def test_duckdb_mirror_is_exact_and_incremental(mirror_box, box_env, tmp_path, capsys) -> None:
    path = tmp_path / "mirror.duckdb"
    db = f"duckdb:///{path}"  # an absolute path: four slashes
    run_xero("--sandbox", "sync", "--db", db, env=box_env).ok()
    invoices = listed(box_env, "invoices")
    assert per_status(path) == by_status(invoices)
    with duckdb.connect(str(path), read_only=True) as conn:
        [(lines, typed)] = conn.execute(
            "SELECT count(*), typeof(any_value(line_amount)) FROM invoice_lines"
        ).fetchall()
    assert lines == sum(len(i.get("LineItems") or ()) for i in invoices)
    assert typed == "DECIMAL(19,4)"

    _, _, voided, created_total = change_invoices(mirror_box, invoices)
    mirror_box.reset_stats()
    expected = incremental_calls(box_env)
    mirror_box.reset_stats()
    second = run_xero("--sandbox", "sync", "--db", db, env=box_env).ok()
    assert mirror_box.stats()["api_calls"] == expected, second.stderr
    assert "Synced invoices: 3 changed" in second.stderr
    assert per_status(path) == after_changes(invoices, voided, created_total)

    # `xero sync status` reads DuckDB's own types.
    printed = run_inline(capsys, "sync", "status", "--db", db, "-o", "json")
    status = {row["Collection"]: row for row in json.loads(printed)}
    assert status["invoices"]["Rows"] == len(invoices) + 1
    assert status["invoices"]["LastRun"].endswith("Z") and status["invoices"]["Mark"]


def test_duckdb_rows_keep_every_value_exactly(tmp_path, capsys) -> None:
    """Rows go to DuckDB through a CSV file: quotes, commas, newlines, an empty string and a
    NULL, exact decimals, dates, UTC timestamps and booleans all come back as they went in."""
    from datetime import date, datetime, timezone

    from xerocli.api.export import Tenant
    from xerocli.api.resources import resource
    from xerocli.mirror import schema
    from xerocli.mirror.load import CollectionLoad
    from xerocli.mirror.migrate import open_mirror
    from xerocli.mirror.target import parse_target

    path = tmp_path / "m.duckdb"
    backend = open_mirror(parse_target(str(path)))  # a plain path ending in .duckdb
    assert backend.kind == "duckdb"
    table = schema.collection_table(resource("invoices"))
    load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
    tenant = Tenant("t-1", "Tenant")
    tricky = 'He said "no", then\nleft;\r\n it\'s ünïcode \\N-ish'
    record = {
        "InvoiceID": "i-1", "Reference": tricky, "InvoiceNumber": "", "Url": None,
        "Total": Decimal("1234567890.1234"), "CurrencyRate": Decimal("1.234567"),
        "Date": "2026-02-06", "UpdatedDateUTC": "2026-02-06T12:17:43.202Z",
        "SentToContact": True, "HasAttachments": False,
    }  # fmt: skip
    load.open([tenant])
    load.write(tenant, [record])
    load.commit()
    backend.close()
    with duckdb.connect(str(path), read_only=True) as conn:
        found = conn.execute(
            "SELECT reference, invoice_number, url, total, currency_rate, date,"
            " updated_date_utc, sent_to_contact, has_attachments FROM invoices"
        ).fetchall()
    assert found == [
        (
            tricky, "", None, Decimal("1234567890.1234"), Decimal("1.234567"),
            date(2026, 2, 6), datetime(2026, 2, 6, 12, 17, 43, 202000), True, False,
        )
    ]  # fmt: skip
    # `xero sql` prints them, as JSON too.
    printed = run_inline(
        capsys, "sql", "SELECT reference, total, date, updated_date_utc FROM invoices",
        "--db", f"duckdb:///{path}", "-o", "json",
    )  # fmt: skip
    assert json.loads(printed, parse_float=Decimal) == [
        {"reference": tricky, "total": Decimal("1234567890.1234"), "date": "2026-02-06",
         "updated_date_utc": "2026-02-06T12:17:43.202Z"}
    ]  # fmt: skip
