"""The sandbox's state in SQLite (standard library), so what one command creates the next sees.

Records are stored already serialised in Xero's wire format, beside a few extracted columns
(number, status, type, contact, dates) that filters and ordering use. A list page is then a
`SELECT body ... LIMIT 1000` and a string join, which is what lets the sandbox serve pages of
1,000 invoices quickly and seed 100,000 of them in seconds.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tenants (
  tenant_id TEXT PRIMARY KEY, name TEXT NOT NULL, short_code TEXT NOT NULL,
  base_currency TEXT NOT NULL, country TEXT NOT NULL, tenant_type TEXT NOT NULL,
  created TEXT NOT NULL, seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
  number TEXT, status TEXT, type TEXT, contact_id TEXT,
  date TEXT, due_date TEXT, updated TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (tenant_id, kind, id)
);
CREATE INDEX IF NOT EXISTS records_number ON records (tenant_id, kind, number);
CREATE INDEX IF NOT EXISTS records_updated ON records (tenant_id, kind, updated);
-- Pages in insertion order (the default) walk this index instead of sorting every body.
CREATE INDEX IF NOT EXISTS records_order ON records (tenant_id, kind, seq);
"""

#: The extracted columns, in the order `Row` carries them.
COLUMNS = ("number", "status", "type", "contact_id", "date", "due_date", "updated")


@dataclass
class Row:
    """One record ready to store: its identity, extracted columns and wire-format body."""

    tenant_id: str
    kind: str
    id: str
    number: str | None
    status: str | None
    type: str | None
    contact_id: str | None
    date: str | None
    due_date: str | None
    updated: str
    body: str

    def values(self) -> tuple:
        return (
            self.tenant_id,
            self.kind,
            self.id,
            self.number,
            self.status,
            self.type,
            self.contact_id,
            self.date,
            self.due_date,
            self.updated,
            self.body,
        )


class Store:
    """A thread-safe wrapper over one SQLite connection (the server is threaded)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # --- generic SQL, under the lock -------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.lock:
            return self.db.execute(sql, params).fetchall()

    def transaction(self) -> _Transaction:
        """`with store.transaction():` runs the block in one BEGIN IMMEDIATE ... COMMIT."""
        return _Transaction(self)

    # --- meta ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self.execute("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # --- tenants ---------------------------------------------------------------------------
    def add_tenant(self, tenant: dict) -> None:
        self.execute(
            "INSERT OR REPLACE INTO tenants VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                tenant["tenant_id"],
                tenant["name"],
                tenant["short_code"],
                tenant["base_currency"],
                tenant["country"],
                tenant["tenant_type"],
                tenant["created"],
                tenant["seq"],
            ),
        )

    def tenants(self) -> list[dict]:
        rows = self.execute(
            "SELECT tenant_id, name, short_code, base_currency, country, tenant_type, created"
            " FROM tenants ORDER BY seq"
        )
        keys = ("tenant_id", "name", "short_code", "base_currency", "country", "tenant_type")
        return [dict(zip((*keys, "created"), row, strict=False)) for row in rows]

    def tenant(self, tenant_id: str) -> dict | None:
        return next((t for t in self.tenants() if t["tenant_id"] == tenant_id), None)

    # --- records ---------------------------------------------------------------------------
    def insert_rows(self, rows: Iterable[Row]) -> None:
        """Insert or replace; a replaced record moves to the end of the insertion order."""
        with self.lock:
            self.db.executemany(
                "INSERT OR REPLACE INTO records (tenant_id, kind, id, number, status, type,"
                " contact_id, date, due_date, updated, body) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (row.values() for row in rows),
            )

    def update_row(self, row: Row) -> None:
        """Replace a record's body and columns in place, keeping its position in the order."""
        with self.lock:
            self.db.execute(
                "UPDATE records SET number=?, status=?, type=?, contact_id=?, date=?, due_date=?,"
                " updated=?, body=? WHERE tenant_id=? AND kind=? AND id=?",
                (
                    row.number,
                    row.status,
                    row.type,
                    row.contact_id,
                    row.date,
                    row.due_date,
                    row.updated,
                    row.body,
                    row.tenant_id,
                    row.kind,
                    row.id,
                ),
            )

    def get_body(self, tenant_id: str, kind: str, record_id: str) -> str | None:
        rows = self.execute(
            "SELECT body FROM records WHERE tenant_id=? AND kind=? AND id=? COLLATE NOCASE",
            (tenant_id, kind, record_id),
        )
        return rows[0][0] if rows else None

    def get_body_by_number(self, tenant_id: str, kind: str, number: str) -> str | None:
        rows = self.execute(
            "SELECT body FROM records WHERE tenant_id=? AND kind=? AND number=?",
            (tenant_id, kind, number),
        )
        return rows[0][0] if rows else None

    def select_bodies(
        self,
        tenant_id: str,
        kind: str,
        where_sql: str = "",
        params: Sequence[Any] = (),
        order_sql: str = "seq",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[str]:
        condition = "tenant_id=? AND kind=?" + (f" AND ({where_sql})" if where_sql else "")
        if limit is None:
            sql = f"SELECT body FROM records WHERE {condition} ORDER BY {order_sql}"
            return [row[0] for row in self.execute(sql, (tenant_id, kind, *params))]
        # Page by row ids first: skipping OFFSET rows then walks an index, not the bodies
        # (page 100 of 100,000 invoices went from seconds to milliseconds).
        sql = (
            f"SELECT body FROM records WHERE seq IN (SELECT seq FROM records WHERE {condition}"
            f" ORDER BY {order_sql} LIMIT {int(limit)} OFFSET {int(offset)}) ORDER BY {order_sql}"
        )
        return [row[0] for row in self.execute(sql, (tenant_id, kind, *params))]

    def count(
        self, tenant_id: str, kind: str, where_sql: str = "", params: Sequence[Any] = ()
    ) -> int:
        sql = "SELECT COUNT(*) FROM records WHERE tenant_id=? AND kind=?"
        if where_sql:
            sql += f" AND ({where_sql})"
        return int(self.execute(sql, (tenant_id, kind, *params))[0][0])


class _Transaction:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Store:
        self.store.lock.acquire()
        self.store.db.execute("BEGIN IMMEDIATE")
        return self.store

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.store.db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.store.lock.release()
