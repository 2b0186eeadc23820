"""DuckDB through its Python package (`pip install 'xerocli[duckdb]'`), imported only here.

Decimals are DECIMAL(19,N), dates DATE, timestamps TIMESTAMP holding UTC (DuckDB's
TIMESTAMPTZ needs its ICU extension for much of what SQL users do with it), flags BOOLEAN.
Child tables declare no foreign keys here: DuckDB checks a key as an update happens, and
refreshing an invoice whose lines are replaced in the same transaction would trip it (the
keys and the `position` columns are the same as on the other backends). Rows go in through a
CSV file DuckDB reads itself (`write_rows`). A DuckDB file takes one writer at a time; a
second `xero sync` (or a `xero sql` while one writes) is told so. `xero sql` reads: a
read-only connection still writes files (`COPY ... TO`, `EXPORT DATABASE`) and installs
extensions, so it also has no external access, and its configuration is locked.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from xerocli import errors
from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend, Converter, as_timestamp, quoted, remembered
from xerocli.mirror.schema import Column, Table

#: IDs per DELETE.
CHUNK = 500
#: How the staging CSV writes a NULL (an empty field is an empty string).
NULL = "\\N"


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
            if read_only:
                self.conn = duckdb.connect(
                    self.target.location,
                    read_only=True,
                    config={"enable_external_access": False},
                )
                self.conn.execute("SET lock_configuration = true")
            else:
                self.conn = duckdb.connect(self.target.location)
        except duckdb.Error as exc:
            self.close()
            raise self.fail(exc, "opening") from None

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def write_rows(self, table: Table, rows: list[Sequence[Any]], *, upsert: bool) -> None:
        """Through a CSV file DuckDB reads itself: its prepared statements cost ~25 µs a bound
        value (half a millisecond a row), its CSV reader a fraction of that."""
        if not rows:
            return
        names = [quoted(c.name) for c in table.columns]
        types = ", ".join(f"{quoted(c.name)}: '{self.column_type(c)}'" for c in table.columns)
        with tempfile.NamedTemporaryFile(
            "w", suffix=".csv", prefix="xero-sync-", encoding="utf-8", newline="", delete=False
        ) as staging:
            writer = csv.writer(staging, lineterminator="\n")  # one line end, as DuckDB wants
            writer.writerows([_cell(value) for value in row] for row in rows)
        try:
            select = (
                f"SELECT * FROM read_csv({_literal(staging.name)}, header = false,"
                f" auto_detect = false, quote = '\"', escape = '\"', nullstr = {_literal(NULL)},"
                f" columns = {{{types}}})"
            )
            sql = f"INSERT INTO {quoted(table.name)} ({', '.join(names)}) {select}"
            if upsert:
                update = ", ".join(
                    f"{n} = excluded.{n}"
                    for n, c in zip(names, table.columns, strict=True)
                    if c.name not in table.key
                )
                sql += f" ON CONFLICT ({', '.join(map(quoted, table.key))}) DO UPDATE SET {update}"
            self.conn.execute(sql)
        finally:
            os.unlink(staging.name)

    def delete_records(self, table: Table, keys: list[tuple[Any, Any]]) -> None:
        """One `IN (...)` per organisation instead of a statement per record."""
        tenant_column, record_column = (quoted(name) for name in table.key[:2])
        by_tenant: dict[Any, list[Any]] = {}
        for tenant, key in keys:
            by_tenant.setdefault(tenant, []).append(key)
        for tenant, ids in by_tenant.items():
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                marks = ", ".join(["?"] * len(chunk))
                self.conn.execute(
                    f"DELETE FROM {quoted(table.name)} WHERE {tenant_column} = ?"
                    f" AND {record_column} IN ({marks})",
                    [tenant, *chunk],
                )

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


@remembered
def _naive_utc(value: Any) -> datetime | None:
    moment = as_timestamp(value)
    return None if moment is None else moment.astimezone(timezone.utc).replace(tzinfo=None)


def _cell(value: Any) -> Any:
    if value is None:
        return NULL
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
