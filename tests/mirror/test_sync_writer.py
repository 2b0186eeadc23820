"""A SQLite mirror's pages are written on a second thread, one page behind the main thread
(`xerocli/mirror/writer.py`), so the next page is decoded while SQLite works without the GIL:
at Xero's limits that work is the sync's tail past the rate-limit floor (benchmarks/README.md).
The guarantees stay those of one thread: statements in page order, the marks in the same
transaction as every page's rows, a failure raised to the command, a stop rolling back."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest

from tests.mirror.conftest import query
from xerocli import errors
from xerocli.api.export import Tenant
from xerocli.api.resources import resource
from xerocli.mirror import schema
from xerocli.mirror.load import CollectionLoad, read_mark
from xerocli.mirror.migrate import open_mirror
from xerocli.mirror.target import parse_target

TENANT = Tenant("t-1", "Tenant")


def _page(first: int, count: int) -> list[dict]:
    return [
        {
            "InvoiceID": f"i-{n:05d}",
            "UpdatedDateUTC": f"2026-11-{1 + n % 28:02d}T10:00:00.000Z",
            "Total": f"{n}.25",
            "LineItems": [{"Description": f"line {n}", "LineAmount": f"{n}.25"}],
        }
        for n in range(first, first + count)
    ]


def test_pages_go_in_on_the_writer_thread_in_order_and_commit_with_their_mark(
    tmp_path, monkeypatch
) -> None:
    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    ran: list[tuple[str, str, int]] = []
    executemany = backend.executemany

    def recorded(sql, rows):
        ran.append((threading.current_thread().name, sql.split()[2], len(rows)))
        executemany(sql, rows)

    monkeypatch.setattr(backend, "executemany", recorded)
    load = CollectionLoad(backend, schema.collection_table(resource("invoices")), _now(), False)
    load.open([TENANT])
    written = [load.write(TENANT, _page(first, 100)) for first in (0, 100, 200)]
    assert written == [200, 200, 200]  # counted by the main thread, as before
    load.commit()
    backend.close()
    # Every statement of every page ran on the writer, in page order: invoices then lines.
    assert {name for name, _, _ in ran} == {"xero-mirror-writer"}
    assert [(table, count) for _, table, count in ran] == [
        ('"invoices"', 100),
        ('"invoice_lines"', 100),
    ] * 3
    assert query(db, "SELECT count(*), sum(total_e4) FROM invoices") == [
        (300, 300 * 2500 + 44850 * 10000)
    ]
    assert query(db, "SELECT count(*) FROM invoice_lines") == [(300,)]
    reopened = open_mirror(parse_target(str(db)))
    mark = read_mark(reopened, TENANT.id, "invoices")
    reopened.close()
    assert mark is not None and mark.since is not None


def test_a_failure_on_the_writer_is_the_one_line_db_error_and_a_stop_rolls_back(
    tmp_path, monkeypatch
) -> None:
    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    executemany = backend.executemany
    held, release, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_then_failing(sql, rows):
        if '"invoice_lines"' in sql and rows[0][1] == "i-00100":  # the second page's lines
            held.set()
            try:
                release.wait(10)
                raise backend.database_errors[0]("disk I/O error")
            finally:
                finished.set()
        executemany(sql, rows)

    monkeypatch.setattr(backend, "executemany", slow_then_failing)
    table = schema.collection_table(resource("invoices"))
    load = CollectionLoad(backend, table, _now(), False)
    load.open([TENANT])
    load.write(TENANT, _page(0, 100))
    load.write(TENANT, _page(100, 100))
    assert held.wait(10)
    load.write(TENANT, _page(200, 100))  # waits behind the page being written
    release.set()
    with pytest.raises(errors.UsageError) as caught:
        load.write(TENANT, _page(300, 100))  # raised here (or at the commit), named
    assert caught.value.message == f"--db: writing to {db} failed: disk I/O error"
    load.discard()
    # A stop while a page is being written: the rollback waits for it, then nothing is kept.
    held.clear()
    release.clear()
    finished.clear()
    load = CollectionLoad(backend, table, _now(), False)
    load.open([TENANT])
    load.write(TENANT, _page(0, 100))
    load.write(TENANT, _page(100, 100))
    assert held.wait(10)
    load.write(TENANT, _page(200, 100))
    threading.Timer(0.2, release.set).start()
    load.discard()  # drops the page waiting, waits for the one being written
    assert finished.is_set()
    backend.close()
    assert query(db, "SELECT count(*) FROM invoices") == [(0,)]
    assert query(db, "SELECT count(*) FROM _sync_state") == [(0,)]


def _now() -> datetime:
    return datetime.now(timezone.utc)
