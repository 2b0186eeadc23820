"""`xero sync --help` and `xero sql --help` stay light: no sqlite3, psycopg or duckdb (the
mirror's backends are imported only when a database is opened)."""

from __future__ import annotations

from tests.cli.test_startup import HEAVY, _imported

BACKENDS = ("psycopg", "duckdb", "xerocli.mirror")


def test_sync_and_sql_help_import_no_database(home) -> None:
    for args in (["sync", "--help"], ["sql", "--help"]):
        heavy, out = _imported(args, home, (*HEAVY, *BACKENDS))
        assert heavy == [], args
        assert "--db" in out
