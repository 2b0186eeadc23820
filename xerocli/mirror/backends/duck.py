"""DuckDB through its Python package (`pip install 'xerocli[duckdb]'`), imported only here.

Decimals are DECIMAL(19,N), dates DATE, timestamps TIMESTAMP holding UTC (DuckDB's
TIMESTAMPTZ needs its ICU extension for much of what SQL users do with it), flags BOOLEAN.
Child tables declare no foreign keys here: DuckDB checks a key as an update happens, and
refreshing an invoice whose lines are replaced in the same transaction would trip it (the
keys and the `position` columns are the same as on the other backends). A DuckDB file takes
one writer at a time; a second `xero sync` (or a `xero sql` while one writes) is told so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from xerocli import errors
from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend, Converter, as_timestamp
from xerocli.mirror.schema import Column

#: `DELETE FROM t WHERE "tenant_id" = ? AND "<id>" = ?` (base.Backend.delete_below).
_ONE_RECORD = re.compile(r'^(DELETE FROM .+ WHERE "tenant_id" = \?) AND ("[^"]+") = \?$')
#: Rows per multi-row statement.
CHUNK = 500


class DuckdbBackend(Backend):
    kind = "duckdb"
    placeholder = "?"
    foreign_keys = False
    types = {
        schema.TEXT: "VARCHAR",
        schema.DATE: "DATE",
        schema.TIMESTAMP: "TIMESTAMP",
        schema.BOOL: "BOOLEAN",
        schema.INTEGER: "BIGINT",
    }

    def connect(self, *, read_only: bool = False) -> None:
        try:
            import duckdb
        except ImportError:
            raise errors.UsageError(
                f"--db: {self.target.shown} needs duckdb: pip install 'xerocli[duckdb]'"
            ) from None
        self.database_errors = (duckdb.Error,)
        try:
            self.conn = duckdb.connect(self.target.location, read_only=read_only)
        except duckdb.Error as exc:
            self.close()
            raise self.fail(exc, "opening") from None

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        """DuckDB runs a prepared statement row by row slowly (milliseconds a row): an
        `INSERT ... VALUES (...)` goes as one statement of many rows instead, and the one-record
        DELETE of child rows as one `IN (...)` per organisation."""
        if not rows:
            return
        if " VALUES (" in sql:
            head, rest = sql.split(" VALUES ", 1)
            one, tail = rest[: rest.index(")") + 1], rest[rest.index(")") + 1 :]
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                values = ", ".join([one] * len(chunk))
                flat = [value for row in chunk for value in row]
                self.conn.execute(f"{head} VALUES {values}{tail}", flat)
            return
        one_record = _ONE_RECORD.match(sql)
        if one_record:
            head, column = one_record.groups()
            by_tenant: dict[Any, list[Any]] = {}
            for tenant, key in rows:
                by_tenant.setdefault(tenant, []).append(key)
            for tenant, keys in by_tenant.items():
                for start in range(0, len(keys), CHUNK):
                    chunk = keys[start : start + CHUNK]
                    marks = ", ".join(["?"] * len(chunk))
                    self.conn.execute(f"{head} AND {column} IN ({marks})", [tenant, *chunk])
            return
        self.conn.executemany(sql, rows)

    def existing_columns(self, table: str) -> set[str] | None:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        ).fetchall()
        return {row[0] for row in rows} or None

    def converter(self, column: Column) -> Converter:
        if column.kind == schema.TIMESTAMP:
            return _naive_utc
        return super().converter(column)

    def timestamp_value(self, moment: datetime) -> Any:
        return _naive_utc(moment)


def _naive_utc(value: Any) -> datetime | None:
    moment = as_timestamp(value)
    return None if moment is None else moment.astimezone(timezone.utc).replace(tzinfo=None)
