"""The one small interface every mirror database has, and the SQL they share.

A backend says how a kind of column (`schema.py`) is declared and stored, how a value becomes
what it stores, and how to connect, run statements and end a transaction. Statements are
built here once per table, with every identifier quoted (`"date"`, `"type"` and `"option"`
are column names); the three backends differ only in placeholders, types and connections.
Transactions are explicit (`begin`/`commit`/`rollback`): a collection's rows and its
high-water mark go into one, so a crash leaves the mirror at the last complete step.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from xerocli import errors
from xerocli.mirror import schema
from xerocli.mirror.schema import Column, Table
from xerocli.mirror.target import Target

Converter = Callable[[Any], Any]


def inlined(expression: str) -> Callable[[Converter], Converter]:
    """Give a converter an expression over `v` equal to `convert(v)` for every `v` (`{convert}`
    names the converter itself), which the compiled row makers (`mirror/rows.py`) write in
    place of the call: a sync converts millions of cells, most of them the common case the
    expression settles without a call."""

    def mark(convert: Converter) -> Converter:
        convert.inline = expression  # type: ignore[attr-defined]
        return convert

    return mark


def remembered(convert: Converter) -> Converter:
    """Mark a converter whose result depends on a text's value alone and whose values repeat
    (dates, timestamps): the row makers ask it once per distinct text."""
    convert.memo = True  # type: ignore[attr-defined]
    return convert


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@inlined("v if v is None or v.__class__ is str else {convert}(v)")
def as_text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=str, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@inlined("v if v is None or v.__class__ is Decimal else {convert}(v)")
def as_decimal(value: Any) -> Decimal | None:
    if type(value) is Decimal:
        return value
    if value is None or value == "":
        return None
    return Decimal(str(value))


@inlined("v if v is None or v.__class__ is bool else {convert}(v)")
def as_bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


@remembered
def as_date(value: Any) -> date | None:
    """Xero's calendar dates come as `2026-02-06` (or with a time: the date is the day)."""
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])


@remembered
def as_timestamp(value: Any) -> datetime | None:
    """`2026-02-06T12:17:43.202Z` (the wire's UTC form) as an aware UTC datetime."""
    if not value:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def iso_utc(moment: datetime) -> str:
    """A UTC timestamp as the mirror writes it as text: `2026-02-06T12:17:43.202000Z`."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Backend:
    """One connection to one mirror database."""

    kind = ""
    placeholder = "?"
    #: Which kinds are stored how: the backend's column type per kind.
    types: dict[str, str] = {}

    def __init__(self, target: Target) -> None:
        self.target = target
        self.conn: Any = None
        #: The driver's own error classes (set on connecting: the driver is imported then).
        self.database_errors: tuple[type[BaseException], ...] = ()

    @contextlib.contextmanager
    def failing(self, doing: str) -> Iterator[None]:
        """A driver error inside as the one-line `--db` error (exit 2): a full disk, a lock
        held too long, a server gone away are the database's trouble, not a bug of xero's."""
        try:
            yield
        except self.database_errors as exc:
            raise self.fail(exc, doing) from None

    # --- connecting ----------------------------------------------------------------------
    def connect(self, *, read_only: bool = False) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def fail(self, exc: BaseException, doing: str, what: str = "--db") -> errors.XeroCliError:
        """A database error as the one-line usage error naming the database (exit 2)."""
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return errors.UsageError(f"{what}: {doing} {self.target.shown} failed: {text}")

    # --- statements ----------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], Iterable[tuple]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return names, cursor.fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        _, rows = self.query(sql, params)
        rows = list(rows)
        return rows[0][0] if rows else None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around a whole sync: where a backend runs its statements elsewhere (SQLite: a second
        process), it does so inside; here, in this process as at any time."""
        yield

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def existing_columns(self, table: str) -> set[str] | None:
        """The columns `table` has now, or None when there is no such table."""
        raise NotImplementedError

    # --- the schema ----------------------------------------------------------------------
    def stored_name(self, column: Column) -> str:
        """The column a value is written to (SQLite keeps decimals under `<name>_e<places>`)."""
        return column.name

    def column_type(self, column: Column) -> str:
        """The type `column` is declared with."""
        if column.kind == schema.DECIMAL:
            return f"DECIMAL(19, {column.places})"
        return self.types[column.kind]

    def column_ddl(self, column: Column) -> list[str]:
        """The definitions of `column` (SQLite: the stored integer and its decimal view)."""
        return [f"{quoted(column.name)} {self.column_type(column)}"]

    def create_table(self, table: Table) -> list[str]:
        defs = [ddl for column in table.columns for ddl in self.column_ddl(column)]
        for name in table.key:
            index = next(i for i, d in enumerate(defs) if d.startswith(quoted(name) + " "))
            defs[index] += " NOT NULL"
        defs.append(f"PRIMARY KEY ({', '.join(map(quoted, table.key))})")
        if table.parent is not None and self.foreign_keys:
            defs.append(
                f"FOREIGN KEY ({', '.join(map(quoted, table.parent_key))}) REFERENCES"
                f" {quoted(table.parent)} ({', '.join(map(quoted, table.parent_ref))})"
            )
        return [f"CREATE TABLE {quoted(table.name)} (\n  " + ",\n  ".join(defs) + "\n)"]

    #: Declare children's foreign keys (DuckDB's cannot be deleted-and-reinserted in one go).
    foreign_keys = True

    def add_column(self, table: str, column: Column) -> list[str]:
        return [f"ALTER TABLE {quoted(table)} ADD COLUMN {ddl}" for ddl in self.column_ddl(column)]

    def retype_column(self, table: str, column: Column) -> None:
        """`column`, which an older version stored as text (`Column.retyped`), in its own kind:
        each text cast in place. Exact: the text is what `as_text` made of Xero's number, flag
        or date (`-4456.18`, `true`, `2026-02-06`); an empty one becomes NULL."""
        name, declared = quoted(column.name), self.column_type(column)
        self.execute(
            f"ALTER TABLE {quoted(table)} ALTER COLUMN {name} TYPE {declared}"
            f" USING CAST(nullif({name}, '') AS {declared})"
        )

    def converter(self, column: Column) -> Converter:
        """What turns a value read from a record into what this backend stores."""
        kind = column.kind
        if kind == schema.DECIMAL:
            return as_decimal
        if kind == schema.BOOL:
            return as_bool
        if kind == schema.DATE:
            return as_date
        if kind == schema.TIMESTAMP:
            return as_timestamp
        if kind == schema.INTEGER:
            return lambda value: None if value is None else int(value)
        return as_text

    def timestamp_value(self, moment: datetime) -> Any:
        """A timestamp of the mirror's own (synced_at, last run) as this backend stores it."""
        return moment

    # --- rows ----------------------------------------------------------------------------
    def write_rows(self, table: Table, rows: list[Sequence[Any]], *, upsert: bool) -> None:
        """Rows of `table` (in its column order): a collection's upserted by key, a child
        table's inserted (its old rows were deleted first)."""
        if rows:
            self.executemany(self._statement(table, upsert), rows)

    def delete_records(self, table: Table, keys: list[tuple[Any, Any]]) -> None:
        """The rows of a child table that belong to these (tenant, record ID) keys."""
        if keys:
            self.executemany(self._statement(table, None), keys)

    def _statement(self, table: Table, upsert: bool | None) -> str:
        cache = self.__dict__.setdefault("_statements", {})
        key = (table.name, upsert)
        if key not in cache:
            if upsert is None:
                cache[key] = self.delete_below(table)
            else:
                cache[key] = self.upsert(table) if upsert else self.insert(table)
        return cache[key]

    def upsert(self, table: Table) -> str:
        names = [self.stored_name(c) for c in table.columns]
        marks = ", ".join([self.placeholder] * len(names))
        update = ", ".join(
            f"{quoted(n)} = excluded.{quoted(n)}"
            for n, c in zip(names, table.columns, strict=True)
            if c.name not in table.key
        )
        return (
            f"INSERT INTO {quoted(table.name)} ({', '.join(map(quoted, names))})"
            f" VALUES ({marks}) ON CONFLICT ({', '.join(map(quoted, table.key))})"
            f" DO UPDATE SET {update}"
        )

    def insert(self, table: Table) -> str:
        names = [self.stored_name(c) for c in table.columns]
        marks = ", ".join([self.placeholder] * len(names))
        return (
            f"INSERT INTO {quoted(table.name)} ({', '.join(map(quoted, names))}) VALUES ({marks})"
        )

    def delete_below(self, table: Table) -> str:
        """Delete the rows of one record (child tables hold its tenant and ID first)."""
        tenant, record = table.key[:2]
        p = self.placeholder
        return (
            f"DELETE FROM {quoted(table.name)}"
            f" WHERE {quoted(tenant)} = {p} AND {quoted(record)} = {p}"
        )


def scaled(places: int) -> Converter:
    """A decimal as an integer count of 10^-places (SQLite's exact money), half-even past
    the places (Xero sends no more than them): `round()` of a Decimal is its nearest integer,
    ties to even, so `round(number.scaleb(places))` is the exact count, or the rounded one."""

    @inlined(
        f"None if v is None else round(v.scaleb({places})) if v.__class__ is Decimal"
        " else {convert}(v)"
    )
    def convert(value: Any) -> int | None:
        number = value if type(value) is Decimal else as_decimal(value)
        if number is None:
            return None
        return round(number.scaleb(places))

    convert.places = places  # type: ignore[attr-defined]  # rows.exact_money's integers
    return convert
