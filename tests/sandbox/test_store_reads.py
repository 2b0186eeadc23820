"""Reads do not wait for writes: outside a write transaction a SELECT runs on a read-only
connection of its own (WAL), so page requests proceed while another request writes.

Deterministic: a reader thread is started while a write transaction is held open, and the test
waits for it to finish before letting the write go (with the old single locked connection it
could not finish; the join's generous bound only keeps a regression from hanging the suite).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from xerocli.sandbox.store import Row, Store


def _row(record_id: str, body: str) -> Row:
    return Row("t", "Invoices", record_id, None, "DRAFT", None, None, None, None, "2026", body)


def _in_thread(work) -> list:
    result: list = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the read waited for the write transaction"
    return result


def test_a_read_proceeds_during_a_write_and_sees_only_what_was_committed(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s.sqlite")
    store.insert_rows([_row("a", "first")])
    with store.transaction():
        store.insert_rows([_row("b", "uncommitted")])
        # Inside the transaction its own writes are seen (reads use the writer here).
        assert store.count("t", "Invoices") == 2
        assert store.select_bodies("t", "Invoices", limit=10) == ["first", "uncommitted"]
        seen = _in_thread(
            lambda: (store.count("t", "Invoices"), store.get_body("t", "Invoices", "b"))
        )
        assert seen == [(1, None)]
    assert _in_thread(lambda: store.select_bodies("t", "Invoices", limit=10)) == [
        ["first", "uncommitted"]
    ]
    store.close()


def test_reads_run_on_query_only_connections_and_writes_on_the_writer(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    writer_sql: list[str] = []
    store.db.set_trace_callback(writer_sql.append)
    store.insert_rows([_row("a", "first")])
    store.set_meta("k", "v")
    writer_sql.clear()
    assert store.get_meta("k") == "v"
    assert store.select_bodies("t", "Invoices") == ["first"]
    assert writer_sql == []  # neither read touched the writer
    assert len(store._readers) == 1  # one pooled reader served both, one after the other
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store._readers[0].execute("DELETE FROM meta")
    store.close()


def test_an_in_memory_store_reads_on_its_only_connection() -> None:
    store = Store(":memory:")
    store.insert_rows([_row("a", "first")])
    assert store.select_bodies("t", "Invoices", limit=5) == ["first"]
    assert store._readers == []
    store.close()
