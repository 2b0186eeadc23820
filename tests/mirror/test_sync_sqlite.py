"""`xero sync` into SQLite against the sandbox: a first sync exact to the cent, a second run
that mirrors exactly what changed for one call a collection, two organisations in one file,
`xero sync status` and `xero sql` through the output layer."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.cli import run_xero
from tests.helpers.oauth import login
from tests.helpers.sandbox import tenant_client
from tests.mirror.conftest import (
    GLOBAL,
    NZ,
    by_status,
    change_invoices,
    incremental_calls,
    listed,
    query,
    run_inline,
)
from xerocli import errors
from xerocli.api.resources import RESOURCES
from xerocli.mirror import schema
from xerocli.mirror.migrate import open_for_reading
from xerocli.mirror.query import run_query
from xerocli.mirror.target import parse_target

PER_STATUS = (
    "SELECT status, count(*), sum(total_e4), round(sum(total), 2) FROM invoices"
    " WHERE tenant_id = ? GROUP BY status"
)


def assert_mirrors(db: Path, tenant_id: str, invoices: list[dict]) -> None:
    """The mirror's invoices of one organisation are exactly `invoices`: per status the count
    and the sum, exact in ten-thousandths and to the cent in the decimal column; every line;
    nothing left dangling."""
    expected = by_status(invoices)
    found = {
        status: (count, Decimal(e4) / 10000, Decimal(str(cents)))
        for status, count, e4, cents in query(db, PER_STATUS, tenant_id)
    }
    assert {s: (c, t) for s, (c, t, _) in found.items()} == expected
    assert {s: (c, t) for s, (c, _, t) in found.items()} == expected
    lines = query(db, "SELECT count(*) FROM invoice_lines WHERE tenant_id = ?", tenant_id)
    assert lines[0][0] == sum(len(i.get("LineItems") or ()) for i in invoices)
    assert query(db, "PRAGMA foreign_key_check") == []
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


def sync(env: dict[str, str], db: Path, *extra: str):
    return run_xero("--sandbox", "sync", "--db", str(db), *extra, env=env).ok()


def test_first_sync_then_changes_then_a_second_organisation(
    mirror_box, box_env, tmp_path, capsys
) -> None:
    db = tmp_path / "mirror.sqlite"
    first = sync(box_env, db)
    assert first.stdout == ""
    assert "Synced invoices: " in first.stderr and "Synced tax rates: " in first.stderr
    nz_id = query(db, "SELECT tenant_id FROM tenants WHERE tenant_name = ?", NZ)[0][0]
    first_listed = listed(box_env, "invoices")
    assert_mirrors(db, nz_id, first_listed)
    states = query(db, "SELECT collection, mark_since FROM _sync_state WHERE tenant_id = ?", nz_id)
    assert {c for c, _ in states} == {r.noun.replace("-", "_") for r in RESOURCES}
    assert query(db, "SELECT max(version) FROM _schema") == [(schema.VERSION,)]

    created_id, updated, voided, _ = change_invoices(mirror_box, first_listed)
    expected = incremental_calls(box_env)  # see there: one a collection, one a template
    mirror_box.reset_stats()
    second = sync(box_env, db)
    calls = mirror_box.stats()["api_calls"]
    assert calls == expected, second.stderr
    offsets = query(db, "SELECT mark_offset FROM _sync_state WHERE collection = 'journals'")
    assert offsets and all(offset for (offset,) in offsets)
    assert "Synced invoices: 3 changed" in second.stderr
    # Exactly those three rows were written by the second run, and they say what changed.
    last = query(db, "SELECT max(synced_at) FROM invoices")[0][0]
    touched = query(db, "SELECT invoice_id, status, reference FROM invoices WHERE synced_at = ?",
                    last)  # fmt: skip
    assert {row[0]: row[1] for row in touched} == {
        created_id: "AUTHORISED",
        updated: "AUTHORISED",
        voided: "VOIDED",
    }
    assert {row[0]: row[2] for row in touched}[updated] == "mirrored"
    new_lines = query(
        db, "SELECT quantity_e4, unit_amount_e4, line_amount FROM invoice_lines"
        " WHERE invoice_id = ?", created_id
    )  # fmt: skip
    assert new_lines == [(20000, 102500, 20.5)]
    nz_listed = listed(box_env, "invoices")
    assert_mirrors(db, nz_id, nz_listed)

    # A second organisation into the same file: NZ goes on from its marks, Global in full.
    mirror_box.reset_stats()
    both = sync(box_env, db, "--all-tenants")
    assert "Synced invoices: " in both.stderr
    tenants = dict(query(db, "SELECT tenant_name, tenant_id FROM tenants"))
    assert set(tenants) == {NZ, GLOBAL}
    assert_mirrors(db, tenants[GLOBAL], listed(box_env, "invoices", "--tenant", GLOBAL))
    assert_mirrors(db, nz_id, nz_listed)

    # An item deleted in Xero (gone from its list): `--full` marks it missing, keeps the row.
    gone = query(db, "SELECT item_id FROM items WHERE tenant_id = ? ORDER BY code", nz_id)[0][0]
    with tenant_client(mirror_box, login(mirror_box.url), 0) as nz:
        assert nz.delete(f"/Items/{gone}").status_code == 204
        # Archived contacts are mirrored too (Xero lists them only with includeArchived).
        contacts = nz.get("/Contacts", params={"includeArchived": "true", "page": 1,
                                               "pageSize": 1000}).json()["Contacts"]  # fmt: skip
    statuses = query(db, "SELECT contact_status, count(*) FROM contacts WHERE tenant_id = ?"
                     " GROUP BY 1", nz_id)  # fmt: skip
    assert dict(statuses) == Counter(c["ContactStatus"] for c in contacts)
    assert "ARCHIVED" in dict(statuses)
    run_xero("--sandbox", "sync", "items", "--full", "--db", str(db), env=box_env).ok()
    missing = query(db, "SELECT item_id FROM items WHERE missing_since IS NOT NULL")
    assert missing == [(gone,)]

    # `sync status` and `sql` print through the output layer, in every format.
    status = run_xero("sync", "status", "--db", str(db), "-o", "json", env=box_env).ok().json()
    collections = {r.noun.replace("-", "_") for r in RESOURCES}
    assert {(row["TenantName"], row["Collection"]) for row in status} == {
        (name, collection) for name in (NZ, GLOBAL) for collection in collections
    }
    nz_invoices = next(r for r in status if r["TenantName"] == NZ and r["Collection"] == "invoices")
    assert nz_invoices["Rows"] == len(nz_listed)
    assert nz_invoices["Mark"] and nz_invoices["NextRunCalls"] == 1
    nz_items = next(r for r in status if r["TenantName"] == NZ and r["Collection"] == "items")
    assert nz_items["Missing"] == 1 and nz_items["LastFull"] == nz_items["LastRun"]
    sql = "SELECT status, count(*) AS n, sum(total_e4) AS e4 FROM invoices GROUP BY status"
    as_json = json.loads(run_inline(capsys, "sql", sql, "--db", str(db), "-o", "json"))
    as_csv = run_inline(capsys, "sql", sql, "--db", str(db), "-o", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert [(r["status"], int(r["n"]), int(r["e4"])) for r in rows] == [
        (r["status"], r["n"], r["e4"]) for r in as_json
    ]
    assert sum(r["n"] for r in as_json) == query(db, "SELECT count(*) FROM invoices")[0][0]
    reader = open_for_reading(parse_target(str(db)))  # what `xero sql` opens: read-only
    with pytest.raises(errors.UsageError, match="readonly database"):
        run_query(reader, "DELETE FROM invoices")
    reader.close()
