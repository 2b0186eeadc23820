"""`--db` that names no usable database, and mirrors of other schema versions.

A bad `--db` (malformed URL, unknown scheme, a file that cannot be written) is one line, exit
2, nothing created and nothing sent. A mirror of the previous schema version is migrated in
place, its rows kept; one made by a newer xero is refused and left as it was."""

from __future__ import annotations

import hashlib
import os

import pytest

from tests.helpers.cli import run_xero
from tests.mirror.conftest import query
from xerocli import errors
from xerocli.mirror import schema
from xerocli.mirror.migrate import open_mirror
from xerocli.mirror.target import parse_target


def test_bad_db_is_one_line_exit_2_with_nothing_created_or_sent(
    mirror_box, box_env, tmp_path
) -> None:
    folder = tmp_path / "a-folder.sqlite"
    folder.mkdir()
    garbage = tmp_path / "not-a-database.sqlite"
    garbage.write_bytes(b"this is no database\n" * 100)
    before = garbage.read_bytes()
    before_files = sorted(p.name for p in tmp_path.rglob("*"))
    # Through the real CLI: a URL with a password and a bad port, an unknown scheme, a file
    # that is no database.
    by_cli = {
        "postgresql://me:s3cret-pw@db.example:99999/xero": "is not a PostgreSQL URL",
        "mysql://me@db.example/xero": "unknown scheme 'mysql'",
        str(garbage): "file is not a database",
    }
    for db, says in by_cli.items():
        result = run_xero("--sandbox", "sync", "--db", db, env=box_env)
        assert result.code == 2, (db, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("xero: --db: "), (db, result.stderr)
        assert says in lines[0], (db, lines[0])
        assert "s3cret-pw" not in result.stderr
    # The same checks, in this process (each a process would cost a third of a second).
    in_process = {
        "postgresql://me@db.example:port/xero": "is not a PostgreSQL URL",
        "sqlite://": "names no file",
        "duckdb:///": "names no file",
        "postgres:db.example": "a scheme needs ://",
        "": "names no database",
        str(folder): "it is a folder",
        str(garbage / "m.sqlite"): "does not exist",
        str(tmp_path / "no-such-folder" / "m.sqlite"): "does not exist",
    }
    for db, says in in_process.items():
        with pytest.raises(errors.UsageError) as caught:
            open_mirror(parse_target(db))
        assert caught.value.exit_code == 2
        assert caught.value.message.startswith("--db: ") and says in caught.value.message, db
        assert "\n" not in caught.value.message
    assert sorted(p.name for p in tmp_path.rglob("*")) == before_files
    assert garbage.read_bytes() == before
    assert mirror_box.stats()["api_calls"] == 0
    missing = run_xero("sql", "SELECT 1", "--db", str(tmp_path / "none.sqlite"), env=box_env)
    assert missing.code == 2 and "no mirror at" in missing.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_previous_version_is_migrated_in_place_and_a_newer_one_is_refused(
    mirror_box, box_env, tmp_path
) -> None:
    db = tmp_path / "v1.sqlite"
    old = open_mirror(parse_target(str(db)), version=1)
    old.execute(
        "INSERT INTO contacts (tenant_id, contact_id, name, synced_at) VALUES (?, ?, ?, ?)",
        ("old-tenant", "c-1", "Kept Ltd", "2026-01-01T00:00:00.000Z"),
    )
    old.close()
    assert "missing_since" not in {r[1] for r in query(db, "PRAGMA table_info(contacts)")}
    assert query(db, "SELECT name FROM sqlite_master WHERE name = 'contact_phones'") == []

    result = run_xero("--sandbox", "sync", "contacts", "--db", str(db), env=box_env).ok()
    assert "Synced contacts: " in result.stderr
    versions = [v for (v,) in query(db, "SELECT version FROM _schema ORDER BY version")]
    assert versions == [1, schema.VERSION]
    assert "mark_offset" in {r[1] for r in query(db, "PRAGMA table_info(_sync_state)")}
    assert "missing_since" in {r[1] for r in query(db, "PRAGMA table_info(contacts)")}
    assert query(db, "SELECT count(*) FROM contact_phones")[0][0] > 0
    assert query(db, "SELECT name FROM contacts WHERE contact_id = 'c-1'") == [("Kept Ltd",)]

    newer = schema.VERSION + 1
    conn_db = open_mirror(parse_target(str(db)))
    conn_db.execute("INSERT INTO _schema (version, migrated_at) VALUES (?, ?)", (newer, "x"))
    conn_db.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    mirror_box.reset_stats()
    refused = run_xero("--sandbox", "sync", "--db", str(db), env=box_env)
    assert refused.code == 2, refused.stderr
    assert f"schema version {newer}, newer than this xero's {schema.VERSION}" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert mirror_box.stats()["api_calls"] == 0
    assert os.path.exists(db)


def test_a_database_failing_mid_run_is_the_one_line_db_error(tmp_path) -> None:
    """A driver error while rows go in (a full disk, a lock held too long, a server gone) is
    exit 2 naming the database, and the collection's transaction is rolled back."""
    from datetime import datetime, timezone

    from xerocli.api.export import Tenant
    from xerocli.api.resources import resource
    from xerocli.mirror.load import CollectionLoad

    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    table = schema.collection_table(resource("contacts"))
    load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
    tenant = Tenant("t-1", "Tenant")
    load.open([tenant])
    load.write(tenant, [{"ContactID": "c-1", "Name": "One"}])
    backend.conn.execute("DROP TABLE contact_phones")  # the next page's child rows fail
    with pytest.raises(errors.UsageError) as caught:
        load.write(tenant, [{"ContactID": "c-2", "Name": "Two", "Phones": [{"PhoneType": "X"}]}])
    assert caught.value.message.startswith(f"--db: writing to {db} failed: no such table")
    load.discard()
    backend.close()
    assert query(db, "SELECT count(*) FROM contacts") == [(0,)]
    assert query(db, "SELECT count(*) FROM _sync_state") == [(0,)]


def test_a_record_met_twice_in_one_fresh_run_is_written_once(tmp_path) -> None:
    """Changed while the pages were fetched, an invoice can come on two pages of one run: its
    lines are replaced, not added twice (nor refused as duplicate keys)."""
    from datetime import datetime, timezone

    from xerocli.api.export import Tenant
    from xerocli.api.resources import resource
    from xerocli.mirror.load import CollectionLoad

    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    table = schema.collection_table(resource("invoices"))
    load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
    tenant = Tenant("t-1", "Tenant")
    line = {"Description": "x", "LineAmount": 1, "Tracking": [{"Name": "Region", "Option": "N"}]}
    before = {"InvoiceID": "i-1", "Status": "DRAFT", "LineItems": [line, line]}
    after = {"InvoiceID": "i-1", "Status": "AUTHORISED", "LineItems": [line]}
    load.open([tenant])
    load.write(tenant, [before, {"InvoiceID": "i-2", "LineItems": [line]}])
    load.write(tenant, [after])
    load.commit()
    backend.close()
    assert query(db, "SELECT invoice_id, status FROM invoices ORDER BY 1") == [
        ("i-1", "AUTHORISED"),
        ("i-2", None),
    ]
    assert query(db, "SELECT invoice_id, count(*) FROM invoice_lines GROUP BY 1") == [
        ("i-1", 1),
        ("i-2", 1),
    ]
    assert query(db, "SELECT count(*) FROM invoice_line_tracking") == [(2,)]


def test_the_mark_never_passes_the_start_of_the_run(tmp_path) -> None:
    """A record changed while pages were fetched can be missing from an earlier page while a
    later change is seen: the mark stops at the run's start (less the clock margin), so the
    next run asks for everything changed since then."""
    from datetime import datetime, timedelta, timezone

    from xerocli.api.export import Tenant
    from xerocli.api.marks import iso_utc
    from xerocli.api.resources import resource
    from xerocli.mirror.load import CLOCK_MARGIN, CollectionLoad, read_mark

    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    table = schema.collection_table(resource("invoices"))
    started = datetime.now(timezone.utc)
    tenant = Tenant("t-1", "Tenant")
    old = iso_utc(started - timedelta(days=3))
    during = iso_utc(started + timedelta(seconds=2))  # changed while the run fetched pages
    for records, expected in (
        ([{"InvoiceID": "a", "UpdatedDateUTC": old}], old),
        ([{"InvoiceID": "b", "UpdatedDateUTC": during}], iso_utc(started - CLOCK_MARGIN)),
    ):
        load = CollectionLoad(backend, table, started, full=False)
        load.open([tenant])
        load.write(tenant, records)
        load.commit()
        mark = read_mark(backend, "t-1", "invoices")
        assert mark is not None and iso_utc(mark.since) == expected
    backend.close()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["sync", "invoices", "nope"], "COLLECTION: 'nope' is not one of invoices, contacts"),
        (["sync", "invoices", "status"], "`status` goes alone"),
        (["sync", "status", "--full"], "takes only --db and the output options"),
        (["sync", "invoices", "-o", "json"], "only `xero sync status` prints rows"),
        (["sql", " "], "QUERY: an empty query"),
    ],
)
def test_bad_options_are_one_line_exit_2(args, says, tmp_path, monkeypatch, capsys) -> None:
    """Checked in the command before the database is opened or anything is sent (in this
    process: `main` is what `python -m xerocli` runs)."""
    from xerocli.cli.app import main

    monkeypatch.setenv("XERO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "m.sqlite"
    if args[0] == "sql":
        open_mirror(parse_target(str(db))).close()
    with pytest.raises(SystemExit) as exited:
        main([*args, "--db", str(db)])
    err = capsys.readouterr().err.strip().splitlines()
    assert exited.value.code == 2 and len(err) == 1 and says in err[0], err
    assert not (tmp_path / "data").exists()


def test_a_first_run_does_not_scan_its_table_for_rows_it_did_not_write(tmp_path) -> None:
    """`missing_since` is for rows a whole fetch no longer returned; an organisation with no
    rows before the run has none, so its commit skips that UPDATE (a scan of the whole table:
    ~0.5 s at 100,000 invoices, at the very end of the sync). A second whole run still marks."""
    from datetime import datetime, timedelta, timezone

    from xerocli.api.export import Tenant
    from xerocli.api.resources import resource
    from xerocli.mirror.load import CollectionLoad

    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    sent: list[str] = []
    execute = backend.execute

    def recorded(sql, params=()):
        sent.append(sql)
        execute(sql, params)

    backend.execute = recorded  # type: ignore[method-assign]
    table = schema.collection_table(resource("items"))
    tenant = Tenant("t-1", "Tenant")
    marking = []
    started = datetime.now(timezone.utc)
    runs = ([{"ItemID": "a"}, {"ItemID": "b"}], [{"ItemID": "a"}])
    for at, records in enumerate(runs):
        sent.clear()
        # A second apart: a row's synced_at is kept to the millisecond, and two loads made
        # within one (as this loop can) would be one run to the mark.
        run_at = started + timedelta(seconds=at)
        load = CollectionLoad(backend, table, run_at, full=True)
        load.open([tenant])
        load.write(tenant, records)
        load.commit()
        marking.append(sum(schema.MISSING_SINCE in sql and "UPDATE" in sql for sql in sent))
    backend.close()
    assert marking == [0, 1]
    assert query(db, "SELECT item_id FROM items WHERE missing_since IS NOT NULL") == [("b",)]
