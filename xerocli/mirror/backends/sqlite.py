"""SQLite from the standard library: the default mirror, nothing to install.

Money is exact. SQLite has no decimal type: a REAL column would store 0.1 as a binary fraction
and `sum()` over 100,000 of them drifts, and a TEXT column would be summed as REAL. So each
decimal is stored as an INTEGER count of ten-thousandths (`total_e4`; rates, of millionths:
`currency_rate_e6`), which SQLite adds exactly (it raises on overflow rather than round), and
beside it a virtual generated column of the plain name (`total`, REAL, costing no space) shows
the decimal for reading and for queries that are the same on every backend. Exact sums:
`sum(total_e4) / 10000.0` only at the end, or compare the integers.

Dates are TEXT `YYYY-MM-DD`, timestamps TEXT ISO 8601 in UTC (`2026-02-06T12:17:43.202Z`),
both ordering as they read; booleans are INTEGER 0/1. The file runs in WAL mode, so readers
(`xero sql`, other tools) are never blocked by a sync, and a killed sync leaves the last
committed transaction. A sync's statements run in a second process (`writer.py`), so SQLite's
part of each page takes the second core.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from xerocli import errors
from xerocli.api.marks import iso_utc
from xerocli.mirror import schema
from xerocli.mirror.backends.base import (
    Backend,
    Converter,
    as_bool,
    as_date,
    as_timestamp,
    inlined,
    quoted,
    remembered,
    scaled,
)
from xerocli.mirror.backends.writer import BUSY_TIMEOUT, WRITE_PRAGMAS, WriterConnection
from xerocli.mirror.schema import Column


class SqliteBackend(Backend):
    kind = "sqlite"
    placeholder = "?"
    types = {
        schema.TEXT: "TEXT",
        schema.DATE: "TEXT",
        schema.TIMESTAMP: "TEXT",
        schema.BOOL: "INTEGER",
        schema.INTEGER: "INTEGER",
    }

    def connect(self, *, read_only: bool = False) -> None:
        path = self.target.location
        self.database_errors = (sqlite3.Error,)
        try:
            if read_only:
                self.conn = sqlite3.connect(
                    f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=30
                )
            else:
                self.conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
                for pragma in WRITE_PRAGMAS:
                    self.conn.execute(pragma)
            self.conn.execute("PRAGMA foreign_keys=ON")
            if read_only:
                self._only_reading()
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            self.close()
            raise self.fail(exc, "opening") from None

    #: What `xero sql` was refused last (its message names it), set by the authorizer.
    refused: str | None = None

    def _only_reading(self) -> None:
        """`xero sql` reads, and writes no file. `mode=ro` keeps the mirror's own file, and
        `query_only` every database of the connection, unwritten; but ATTACH opens (and makes)
        any file, and `VACUUM INTO` attaches one to write a copy there, so the authorizer
        refuses ATTACH and DETACH, and a PRAGMA that sets anything (`query_only = 0` too),
        letting through the ones that only list (`table_info(invoices)`)."""
        self.conn.execute("PRAGMA query_only=ON")

        def authorize(action: int, arg1: str | None, arg2: str | None, *_: Any) -> int:
            if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
                self.refused = "ATTACH" if action == sqlite3.SQLITE_ATTACH else "DETACH"
            elif action == sqlite3.SQLITE_PRAGMA and arg2 is not None:
                if (arg1 or "").lower() in _LISTING_PRAGMAS:
                    return sqlite3.SQLITE_OK
                self.refused = f"PRAGMA {arg1} = ..."
            else:
                return sqlite3.SQLITE_OK
            return sqlite3.SQLITE_DENY

        self.conn.set_authorizer(authorize)

    def query(self, sql: str, params: Any = ()) -> tuple[list[str], Any]:
        self.refused = None
        return super().query(sql, params)

    def fail(self, exc: BaseException, doing: str, what: str = "--db") -> errors.XeroCliError:
        if self.refused is not None:  # "not authorized": say what, and why
            return errors.UsageError(
                f"{what}: {self.refused} is refused: xero sql only reads the mirror"
            )
        return super().fail(exc, doing, what)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """The statements of a sync run by a second process (`writer.py`), on a connection of
        its own opened as this one was; this connection waits, idle, until the sync ends."""
        local = self.conn
        remote = WriterConnection(self.target.location)
        self.conn = remote
        try:
            yield
        finally:
            self.conn = local
            remote.close()

    def begin(self) -> None:
        # IMMEDIATE: a second sync waits for the first (up to the timeout) instead of failing
        # half-way with "database is locked".
        self.execute("BEGIN IMMEDIATE")

    def existing_columns(self, table: str) -> set[str] | None:
        rows = self.conn.execute(f"PRAGMA table_xinfo({quoted(table)})").fetchall()
        return {row[1] for row in rows} or None

    def stored_name(self, column: Column) -> str:
        if column.kind == schema.DECIMAL:
            return f"{column.name}_e{column.places}"
        return column.name

    def column_ddl(self, column: Column) -> list[str]:
        if column.kind != schema.DECIMAL:
            return [f"{quoted(column.name)} {self.types[column.kind]}"]
        stored = quoted(self.stored_name(column))
        scale = 10**column.places
        return [
            f"{stored} INTEGER",
            f"{quoted(column.name)} REAL GENERATED ALWAYS AS ({stored} / {scale}.0) VIRTUAL",
        ]

    def retype_column(self, table: str, column: Column) -> None:
        """SQLite changes no column's type: each text converted as a sync converts a value
        (`converter`) into a new column (a decimal's `<name>_e<N>`), the text column dropped,
        and the new one named in its place (a decimal: its virtual column made)."""
        name, decimal = quoted(column.name), column.kind == schema.DECIMAL
        fresh = self.stored_name(column) if decimal else f"{column.name}_retyped"
        on = quoted(table)
        declared = "INTEGER" if decimal else self.types[column.kind]
        self.execute(f"ALTER TABLE {on} ADD COLUMN {quoted(fresh)} {declared}")
        convert = self.converter(column)
        _, rows = self.query(f"SELECT rowid, {name} FROM {on} WHERE nullif({name}, '') IS NOT NULL")
        self.executemany(
            f"UPDATE {on} SET {quoted(fresh)} = ? WHERE rowid = ?",
            [(convert(text), rowid) for rowid, text in rows],
        )
        self.execute(f"ALTER TABLE {on} DROP COLUMN {name}")
        if decimal:
            self.execute(f"ALTER TABLE {on} ADD COLUMN {self.column_ddl(column)[1]}")
        else:
            self.execute(f"ALTER TABLE {on} RENAME COLUMN {quoted(fresh)} TO {name}")

    def converter(self, column: Column) -> Converter:
        kind = column.kind
        if kind == schema.DECIMAL:
            return scaled(column.places)
        if kind == schema.BOOL:
            return _bool_int
        if kind == schema.DATE:
            return _date_text
        if kind == schema.TIMESTAMP:
            return _timestamp_text
        return super().converter(column)

    def timestamp_value(self, moment: datetime) -> Any:
        return iso_utc(moment)


#: PRAGMAs that take a name and only list what it has (`xero sql` lets them through).
_LISTING_PRAGMAS = schema.words(
    "table_info table_xinfo table_list index_list index_info index_xinfo foreign_key_list",
    "foreign_key_check integrity_check quick_check",
)


@inlined("v if v is None else (1 if v else 0) if v.__class__ is bool else {convert}(v)")
def _bool_int(value: Any) -> int | None:
    flag = as_bool(value)
    return None if flag is None else int(flag)


@remembered
def _date_text(value: Any) -> str | None:
    day = as_date(value)
    return None if day is None else day.isoformat()


#: The wire's UTC timestamps (`2026-02-06T12:17:43.202Z`, a year from 1000: `%Y` pads no wider),
#: which `_timestamp_text` writes without making a datetime of them.
_WIRE_UTC = re.compile(r"[1-9]\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,6}))?Z")


@remembered
def _timestamp_text(value: Any) -> str | None:
    """A timestamp as `iso_utc` writes it (milliseconds, `Z`). The wire's form is already UTC
    to the second: checked a real moment, its fraction cut or padded to three places."""
    if value.__class__ is str and (found := _WIRE_UTC.fullmatch(value)) is not None:
        datetime.fromisoformat(value[:19])  # a day or time out of range: the same ValueError
        fraction = found.group(1) or ""
        return f"{value[:19]}.{fraction[:3].ljust(3, '0')}Z"
    moment = as_timestamp(value)
    return None if moment is None else iso_utc(moment)
