"""`xero sync --db postgresql://...` against a real PostgreSQL server (a throwaway cluster,
tests/mirror/pg_cluster.py): exact NUMERIC sums per status equal to `xero invoices list --all`,
the next run mirrors exactly the changes for one call a collection, `xero sql` reads it, and
a server that cannot be reached is the one-line `--db` error."""

from __future__ import annotations

import re
from decimal import Decimal

import psycopg
import pytest

from tests.helpers.cli import run_xero
from tests.mirror.conftest import (
    after_changes,
    by_status,
    change_invoices,
    incremental_calls,
    listed,
)
from tests.mirror.pg_cluster import free_port
from xerocli import errors
from xerocli.mirror.migrate import open_for_reading, open_mirror
from xerocli.mirror.query import run_query
from xerocli.mirror.target import parse_target


def per_status(url: str) -> dict[str, tuple[int, Decimal]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT status, count(*), sum(total) FROM invoices GROUP BY status")
        return {status: (count, total) for status, count, total in rows}


def test_postgres_mirror_is_exact_and_incremental(mirror_box, box_env, postgres) -> None:
    url = postgres.new_database("mirror_sync")
    run_xero("--sandbox", "sync", "--db", url, env=box_env).ok()
    invoices = listed(box_env, "invoices")
    assert per_status(url) == by_status(invoices)
    with psycopg.connect(url) as conn:
        types = dict(
            conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = 'invoices'"
            ).fetchall()
        )
        lines = conn.execute("SELECT count(*) FROM invoice_lines").fetchone()[0]
    assert types["total"] == "numeric" and types["date"] == "date"
    assert types["updated_date_utc"] == "timestamp with time zone"
    assert types["sent_to_contact"] == "boolean"
    assert lines == sum(len(i.get("LineItems") or ()) for i in invoices)

    created, updated, voided, created_total = change_invoices(mirror_box, invoices)
    mirror_box.reset_stats()
    expected = incremental_calls(box_env)
    mirror_box.reset_stats()
    second = run_xero("--sandbox", "sync", "--db", url, env=box_env).ok()
    assert mirror_box.stats()["api_calls"] == expected, second.stderr
    assert "Synced invoices: 3 changed" in second.stderr
    with psycopg.connect(url) as conn:
        latest = conn.execute(
            "SELECT invoice_id, status FROM invoices"
            " WHERE synced_at = (SELECT max(synced_at) FROM invoices)"
        ).fetchall()
    assert dict(latest) == {created: "AUTHORISED", updated: "AUTHORISED", voided: "VOIDED"}
    assert per_status(url) == after_changes(invoices, voided, created_total)

    # A password in the URL works (the cluster trusts 127.0.0.1) but is warned about, unshown.
    with_password = url.replace("xero@", "xero:pw-in-argv@")
    answer = run_xero(
        "sql", "SELECT status, sum(total) AS total, max(date) AS day, max(synced_at) AS at"
        " FROM invoices WHERE status LIKE 'V%' GROUP BY status", "--db", with_password,
        "-o", "json", env=box_env,
    ).ok()  # fmt: skip
    assert "PGPASSWORD" in answer.stderr and "pw-in-argv" not in answer.stderr
    rows = answer.json()
    assert [(r["status"], Decimal(str(r["total"]))) for r in rows] == [
        ("VOIDED", per_status(url)["VOIDED"][1])
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", rows[0]["day"]), rows  # dates and timestamps print
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", rows[0]["at"]), rows
    reader = open_for_reading(parse_target(url))  # what `xero sql` opens: read-only
    with pytest.raises(errors.UsageError, match="read-only"):
        run_query(reader, "DROP TABLE invoices")
    reader.close()

    nowhere = f"postgresql://xero:pw-secret@127.0.0.1:{free_port()}/none"
    with pytest.raises(errors.UsageError) as caught:
        open_mirror(parse_target(nowhere))
    assert caught.value.message.startswith("--db: connecting to postgresql://xero:***@127.0.0.1")
    assert "pw-secret" not in caught.value.message and "\n" not in caught.value.message
