"""PostgreSQL through psycopg 3 (`pip install 'xerocli[postgres]'`), imported only here.

Decimals are NUMERIC(19,N) (exact, summed exactly), dates DATE, timestamps TIMESTAMPTZ,
flags BOOLEAN. The connection runs in autocommit mode with explicit BEGIN/COMMIT, so a
collection's rows and its mark are one transaction as on every backend. `xero sql` reads: its
query runs alone in a read-only transaction, rolled back after (`query`); the session's
`default_transaction_read_only` alone would let `BEGIN READ WRITE; DROP TABLE ...` through.
A server that cannot be reached, a login it refuses or a missing database is the one-line
`--db` error (exit 2), never with the password.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from xerocli import errors
from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend
from xerocli.mirror.schema import Column

CONNECT_SECONDS = 10


class PostgresBackend(Backend):
    kind = "postgresql"
    placeholder = "%s"
    types = {
        schema.TEXT: "TEXT",
        schema.DATE: "DATE",
        schema.TIMESTAMP: "TIMESTAMPTZ",
        schema.BOOL: "BOOLEAN",
        schema.INTEGER: "BIGINT",
    }

    def connect(self, *, read_only: bool = False) -> None:
        try:
            import psycopg
        except ImportError:
            raise errors.UsageError(
                f"--db: {self.target.shown} needs psycopg: pip install 'xerocli[postgres]'"
            ) from None
        self.database_errors = (psycopg.Error,)
        try:
            self.conn = psycopg.connect(
                self.target.location, autocommit=True, connect_timeout=CONNECT_SECONDS
            )
            if read_only:
                self.conn.execute("SET default_transaction_read_only = on")
            self.read_only = read_only
        except psycopg.Error as exc:
            self.close()
            raise self.fail(exc, "connecting to") from None

    def fail(self, exc: BaseException, doing: str, what: str = "--db") -> errors.XeroCliError:
        # libpq's text may repeat the URL; keep only what names the problem.
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        password = _password(self.target.location)
        if password:
            text = text.replace(password, "***")
        return errors.UsageError(f"{what}: {doing} {self.target.shown} failed: {text}")

    read_only = False

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], Iterable[tuple]]:
        # No parameters: no placeholder parsing, so a user's `LIKE 'A%'` stays as written.
        if not self.read_only:
            cursor = self.conn.execute(sql, params or None)
            names = [d[0] for d in cursor.description or ()]
            return names, cursor.fetchall() if cursor.description else []
        # Read-only: one statement (prepared: the server refuses a second, where a simple
        # query would run `COMMIT; ...` or `BEGIN READ WRITE; ...` after it), in a read-only
        # transaction rolled back after it, so even a `SET` it makes is undone.
        self.conn.execute("BEGIN READ ONLY")
        try:
            cursor = self.conn.execute(sql, params or None, prepare=True)
            names = [d[0] for d in cursor.description or ()]
            return names, cursor.fetchall() if cursor.description else []
        finally:
            self.conn.execute("ROLLBACK")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, params or None)

    def executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(sql, rows)

    def existing_columns(self, table: str) -> set[str] | None:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = %s",
            (table,),
        ).fetchall()
        return {row[0] for row in rows} or None

    def column_type(self, column: Column) -> str:
        if column.kind == schema.DECIMAL:
            return f"NUMERIC(19, {column.places})"
        return self.types[column.kind]


def _password(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).password
    except ValueError:
        return None
