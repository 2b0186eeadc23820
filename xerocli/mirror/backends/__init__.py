"""The mirror's databases, one module each, imported only when `--db` names that kind (psycopg
and duckdb are optional extras; even sqlite3 stays out of `xero --help`)."""

from __future__ import annotations

from xerocli.mirror.backends.base import Backend
from xerocli.mirror.target import DUCKDB, POSTGRES, SQLITE, Target


def backend_for(target: Target) -> Backend:
    if target.kind == SQLITE:
        from xerocli.mirror.backends.sqlite import SqliteBackend

        return SqliteBackend(target)
    if target.kind == POSTGRES:
        from xerocli.mirror.backends.postgres import PostgresBackend

        return PostgresBackend(target)
    if target.kind == DUCKDB:
        from xerocli.mirror.backends.duck import DuckdbBackend

        return DuckdbBackend(target)
    raise ValueError(target.kind)
