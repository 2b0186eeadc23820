"""One mirror database of any backend for the tests that run on all three (SQLite, PostgreSQL,
DuckDB): the `--db` the CLI gets, and the few reads those tests make, each in the backend's own
driver (not the project's backends: a test must not read the mirror through the code it tests).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from xerocli.mirror.schema import Table, all_tables

BACKENDS = ("sqlite", "postgresql", "duckdb")


class Mirror:
    def __init__(self, kind: str, tmp_path: Path, postgres: Any = None, name: str = "m") -> None:
        self.kind = kind
        if kind == "sqlite":
            self.path = tmp_path / f"{name}.sqlite"
            self.db = str(self.path)
        elif kind == "duckdb":
            self.path = tmp_path / f"{name}.duckdb"
            self.db = f"duckdb:///{self.path}"
        else:
            self.db = postgres.new_database(f"{name}_{uuid.uuid4().hex[:10]}")

    _held: Any = None

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One connection for every read inside (a DuckDB or PostgreSQL connection costs tens of
        milliseconds); closed at the end, before the CLI writes again (DuckDB locks the file)."""
        with self._connection() as conn:
            self._held = conn
            try:
                yield
            finally:
                self._held = None

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        if self._held is not None:
            yield self._held
            return
        if self.kind == "sqlite":
            import sqlite3

            conn: Any = sqlite3.connect(self.path)
        elif self.kind == "duckdb":
            import duckdb

            if not self.path.exists():  # nothing written yet: nothing to read
                conn = duckdb.connect(":memory:")
            else:
                conn = duckdb.connect(str(self.path), read_only=True)
        else:
            import psycopg

            conn = psycopg.connect(self.db, autocommit=True)
        try:
            yield conn
        finally:
            conn.close()

    def query(self, sql: str, *params: object) -> list[tuple]:
        """Rows of `sql`; `?` placeholders (PostgreSQL's `%s` put in for it)."""
        if self.kind == "postgresql":
            sql = sql.replace("?", "%s")
        with self._connection() as conn:
            return [tuple(row) for row in conn.execute(sql, params).fetchall()]

    def tables(self) -> set[str]:
        if self.kind == "sqlite":
            return {n for (n,) in self.query("SELECT name FROM sqlite_master WHERE type='table'")}
        found = self.query(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema NOT IN ('information_schema', 'pg_catalog')"
        )
        return {n for (n,) in found}

    def columns(self, table: str) -> list[str]:
        """A table's stored columns (SQLite's virtual decimal columns left out)."""
        if self.kind == "sqlite":
            return [row[1] for row in self.query(f'PRAGMA table_info("{table}")')]
        return [
            n
            for (n,) in self.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " ORDER BY ordinal_position",
                table,
            )
        ]

    def per_status(self, tenant_id: str) -> dict[str, tuple[int, Decimal]]:
        """Invoices per status: count and exact sum of their totals."""
        total = "sum(total_e4)" if self.kind == "sqlite" else "sum(total)"
        rows = self.query(
            f"SELECT status, count(*), {total} FROM invoices WHERE tenant_id = ? GROUP BY status",
            tenant_id,
        )
        scale = Decimal(10000) if self.kind == "sqlite" else Decimal(1)
        return {status: (count, Decimal(str(t)) / scale) for status, count, t in rows}

    def orphans(self, table: Table) -> int:
        """Child rows whose parent row is not there (what foreign keys forbid)."""
        if table.parent is None:
            return 0
        pairs = zip(table.parent_key, table.parent_ref, strict=True)
        joined = " AND ".join(f'p."{ref}" = c."{key}"' for key, ref in pairs)
        sql = (
            f'SELECT count(*) FROM "{table.name}" c WHERE NOT EXISTS'
            f' (SELECT 1 FROM "{table.parent}" p WHERE {joined})'
        )
        return self.query(sql)[0][0]

    def assert_consistent(self) -> set[str]:
        """Whole collections only: a collection without a state row has no rows at all, and no
        child row lacks its parent. Returns the collections that have a state row."""
        with self.reading():
            return self._consistent()

    def _consistent(self) -> set[str]:
        if self.kind == "sqlite":
            assert self.query("PRAGMA integrity_check") == [("ok",)]
            assert self.query("PRAGMA foreign_key_check") == []
        if "_sync_state" not in self.tables():
            return set()
        synced = {c for (c,) in self.query("SELECT DISTINCT collection FROM _sync_state")}
        present = self.tables()
        for table in all_tables():
            if table.name not in present:
                continue
            assert self.orphans(table) == 0, f"{table.name}: rows without their parent"
            if table.parent is None and table.name not in synced:
                rows = self.query(f'SELECT count(*) FROM "{table.name}"')[0][0]
                assert rows == 0, f"{table.name}: rows of a collection whose run was stopped"
        return synced

    def contents(self, run_columns: set[str]) -> dict[str, list[tuple]]:
        """Every data table's rows, sorted, without the columns that say when they were
        written (`run_columns`)."""
        out = {}
        with self.reading():
            for table in all_tables():
                kept = [n for n in self.columns(table.name) if n not in run_columns]
                names = ", ".join(f'"{n}"' for n in kept)
                rows = self.query(f'SELECT {names} FROM "{table.name}"')
                out[table.name] = sorted(rows, key=repr)
        return out
