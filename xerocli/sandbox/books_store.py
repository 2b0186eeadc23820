"""A tenant's book totals kept in the data file, so a restarted sandbox does not read its books.

Reading a tenant's books costs ~90 µs of CPU per posted document (~14 s at 100,000 invoices a
company); loading their totals costs a fraction of a second. What is kept (`books_saved`, one
row a tenant): the totals (entries, bank flows, tax, tracking options, which payments pay each
document) and the open items with what moved on them, stamped with the store's write position
when they were taken: the highest row number and each kind's latest `updated`.

What is not kept is each document's part (measured too big and slow to load). A document
changed after the stamp needs its old part taken away; it is made from the body the document
had at the stamp, which SQLite triggers save (`books_before`) the first time a row of a tenant
with saved totals is updated or deleted, whatever wrote it (this sandbox, another process,
`sqlite3`): the write path needs no call of its own, and a row is saved once, until the totals
are taken again. A row inserted after the stamp (a higher `seq`) has no old part.

The saved totals are used only when they can be brought up to date exactly: the format is
this module's, the triggers are in the file, and the stamp is not ahead of the file's rows.
Otherwise the books are read whole, as without them.
"""

from __future__ import annotations

import gc
import marshal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from xerocli.sandbox.store import Store

#: Bumped whenever what `TenantBooks.saved_state` writes changes shape or meaning (2: the
#: journals of prepayments' and overpayments' allocations, and their credit aged by its ID).
FORMAT = 2

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS books_saved (
      tenant_id TEXT PRIMARY KEY, format INTEGER NOT NULL, seq INTEGER NOT NULL,
      updated BLOB NOT NULL, totals BLOB NOT NULL, items BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS books_before (
      tenant_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
      updated TEXT NOT NULL, status TEXT, body TEXT NOT NULL,
      PRIMARY KEY (tenant_id, kind, id))""",
    # The body a row had at the stamp: saved before its first update or delete since then.
    """CREATE TRIGGER IF NOT EXISTS books_before_update
      BEFORE UPDATE OF body, status, updated ON records
      WHEN EXISTS (SELECT 1 FROM books_saved WHERE tenant_id = old.tenant_id) BEGIN
        INSERT OR IGNORE INTO books_before VALUES
          (old.tenant_id, old.kind, old.id, old.seq, old.updated, old.status, old.body);
      END""",
    """CREATE TRIGGER IF NOT EXISTS books_before_delete BEFORE DELETE ON records
      WHEN EXISTS (SELECT 1 FROM books_saved WHERE tenant_id = old.tenant_id) BEGIN
        INSERT OR IGNORE INTO books_before VALUES
          (old.tenant_id, old.kind, old.id, old.seq, old.updated, old.status, old.body);
      END""",
)
TRIGGERS = ("books_before_update", "books_before_delete")


@dataclass
class Saved:
    """A tenant's saved totals as read back (their stamp: `seq` and each kind's `updated`);
    the open items still as stored (`marshal`), made into objects when first needed."""

    seq: int
    updated: dict[str, str]
    totals: Any
    items: bytes


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while the saved totals become objects, and then
    leave those objects out of its later passes (`gc.freeze`): the hundreds of thousands of
    tuples, dates and Decimals made for 100,000 invoices set off full collections that
    tripled the load's CPU (1.3-1.6 s a company, 0.45 s without), and the first ones after it
    still cost 0.5 s. Frozen objects are still freed when nothing refers to them (the books
    hold no reference cycle once dropped: `BooksCache` breaks the one through their makers)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _has_schema(store: Store) -> bool:
    rows = store.execute(
        "SELECT name FROM sqlite_master WHERE type='trigger' AND name IN (?, ?)", TRIGGERS
    )
    tables = store.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name IN ('books_saved',"
        " 'books_before')"
    )
    return len(rows) == len(TRIGGERS) and len(tables) == 2


def load(store: Store, tenant_id: str) -> Saved | None:
    """The tenant's saved totals, when they can be brought up to date; else None."""
    if not _has_schema(store):
        return None
    rows = store.execute(
        "SELECT format, seq, updated, totals, items FROM books_saved WHERE tenant_id=?",
        (tenant_id,),
    )
    if not rows or rows[0][0] != FORMAT:
        return None
    _, seq, updated, totals, items = rows[0]
    last = int(store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
    if seq > last:  # the rows are older than the totals (a file put back from a copy)
        return None
    return Saved(int(seq), marshal.loads(updated), marshal.loads(totals), items)


def save(store: Store, tenant_id: str, seq: int, updated: dict, totals: Any, items: Any) -> None:
    """Keep the tenant's totals at stamp `seq` and forget the bodies saved for older totals.
    Called inside the store's write transaction in which the books were brought up to date,
    so no write falls between the stamp and the triggers watching for the next one."""
    for statement in SCHEMA:
        store.execute(statement)
    store.execute("DELETE FROM books_before WHERE tenant_id=?", (tenant_id,))
    store.execute(
        "INSERT OR REPLACE INTO books_saved VALUES (?, ?, ?, ?, ?, ?)",
        (
            tenant_id,
            FORMAT,
            seq,
            marshal.dumps(updated),
            marshal.dumps(totals),
            marshal.dumps(items),
        ),
    )


def befores(store: Store, tenant_id: str, after: int = 0) -> list[tuple]:
    """(kind, id, rowid) of the tenant's rows whose body at the stamp was kept, those kept
    after `after` (the last one already looked at)."""
    if not _has_schema(store):
        return []
    return store.execute(
        "SELECT kind, id, rowid FROM books_before WHERE tenant_id=? AND rowid > ?",
        (tenant_id, after),
    )


def before_body(store: Store, tenant_id: str, kind: str, record_id: str) -> tuple | None:
    """(seq, updated, status, body) the row had at the stamp, if it changed since."""
    rows = store.execute(
        "SELECT seq, updated, status, body FROM books_before WHERE tenant_id=? AND kind=?"
        " AND id=? COLLATE NOCASE",
        (tenant_id, kind, record_id),
    )
    return rows[0] if rows else None


def forget(store: Store, tenant_id: str) -> None:
    """Drop the tenant's saved totals (the triggers stop saving its bodies)."""
    if _has_schema(store):
        with store.transaction():
            store.execute("DELETE FROM books_saved WHERE tenant_id=?", (tenant_id,))
            store.execute("DELETE FROM books_before WHERE tenant_id=?", (tenant_id,))
