"""The sandbox's attachment table: an upload's cost does not grow with the files stored.

No test here times anything: the cost is read as the query plan and SQLite virtual-machine
steps of the statement that numbers each upload.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from xerocli.sandbox.attachments import NEXT_SEQ, Attachments
from xerocli.sandbox.idempotency import IdempotencyCache
from xerocli.sandbox.store import Store


def steps(path: Path, sql: str) -> int:
    """SQLite virtual-machine instructions (in tens) a statement takes."""
    db = sqlite3.connect(path)
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    db.set_progress_handler(tick, 10)
    try:
        db.execute(sql).fetchall()
    finally:
        db.close()
    return count


def test_numbering_an_upload_reads_an_index_not_every_stored_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    Attachments(store, IdempotencyCache(store))
    numbered = f"SELECT {NEXT_SEQ}"
    found = []
    start = 0
    for stored in (10, 1000):
        with store.transaction():
            for n in range(start, stored):
                store.execute(
                    "INSERT INTO attachments VALUES ('t', 'Invoices', ?, ?, ?, 'application/pdf',"
                    " 0, ?, ?)",
                    (f"r{n}", f"a{n}", f"f{n}.pdf", bytes(3000), n + 1),
                )
        start = stored
        found.append(steps(store.path, numbered))
        assert store.execute(numbered) == [(stored + 1,)]
    plan = " | ".join(row[3] for row in store.execute(f"EXPLAIN QUERY PLAN {numbered}"))
    store.close()
    assert "USING COVERING INDEX attachments_seq" in plan, plan
    assert found[1] <= found[0] + 1, found  # 100 times the files, the same cost
