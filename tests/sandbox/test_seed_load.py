"""Seeding loads fast and loads the same: one bulk transaction with `executemany` and the
indexes built once after the rows, and, record for record, the data the seed always gave.

The pinned digests were computed once from the seed as it was before the bulk load (commit
c614e23): any change to what is seeded, or to the order records are stored in, changes them.
They were pinned again when issue 14 seeded the settings collections (users, currencies,
branding themes, tracking categories, contact groups, budgets, ...) and the document
collections (quotes, overpayments, prepayments, bank transfers, batch payments, repeating
invoices, linked transactions): every record seeded before (commit ca6e999) was checked to be
stored unchanged and in the same order, the new ones added after each company's own; and again
for the receipts, expense claims and 801 Unpaid Expense Claims (every record of commit 3201a6a
unchanged and in order); and again when the contacts' IsCustomer/IsSupplier became what their
invoices and credit notes make them (every row of commit bd0b344 unchanged and in order but
those two flags of some contacts); and again when the control accounts got their SystemAccount
and the month-end accruals moved from 800 to a new 826 Accrued Liabilities (with 499 Realised
Currency Gains in the multi-currency chart): every row of commit 6681283 unchanged and in order
but the `SystemAccount` of 610, 800, 820 and 960 and the accruals' credit line (code and ID),
the new accounts stored after each company's other accounts, with IDs from streams of their own.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env
from xerocli.sandbox import seed as seed_module
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store

#: (invoices, contacts) -> sha256 of every stored record, tenant and meta value (see `digest`).
PINNED = {
    (40, 7): "6b5271b32b9604325cf414ac85be6083446937742558f8facead91ccdd31700d",
    (300, 25): "83b4ab2255080b34ed6ea839c03f2b8bc6e027c635cb6199487f106c2f906900",
}


def digest(store: Store) -> str:
    """Every row as stored, in storage order: position (`seq`), identity, columns and body."""
    h = hashlib.sha256()
    for sql in (
        "SELECT * FROM tenants ORDER BY seq",
        "SELECT * FROM meta ORDER BY key",
        "SELECT seq, tenant_id, kind, id, number, status, type, contact_id, date, due_date,"
        " updated, body FROM records ORDER BY seq",
    ):
        for row in store.execute(sql):
            h.update(repr(row).encode())
            h.update(b"\n")
    return h.hexdigest()


@pytest.mark.parametrize(("invoices", "contacts"), sorted(PINNED))
def test_seeded_records_are_byte_for_byte_those_of_before(
    tmp_path: Path, invoices: int, contacts: int
) -> None:
    store = Store(tmp_path / "s.sqlite")
    seed(store, SeedOptions(invoices=invoices, contacts=contacts), processes=1)
    assert digest(store) == PINNED[(invoices, contacts)]
    store.close()


def test_big_seeds_are_built_in_worker_processes_into_the_same_records(
    tmp_path: Path, monkeypatch
) -> None:
    from xerocli.sandbox import seed_workers

    calls = []
    real = seed_workers.built_apart

    def spy(store, options, report):
        calls.append(options.invoices)
        return real(store, options, report)

    monkeypatch.setattr(seed_workers, "built_apart", spy)
    monkeypatch.setattr(seed_module, "PARALLEL_FROM", 300)
    monkeypatch.setattr(seed_module.os, "cpu_count", lambda: 2)
    store = Store(tmp_path / "s.sqlite")
    seed(store, SeedOptions(invoices=40, contacts=7))
    assert calls == []  # below the threshold: built in this process
    store.close()
    # A staging folder left by a seeding process killed mid-copy goes; a live one's stays.
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    abandoned = tmp_path / f"{seed_workers.STAGING_PREFIX}{gone.stdout.strip()}-x"
    live = tmp_path / f"{seed_workers.STAGING_PREFIX}{os.getppid()}-y"
    for folder in (abandoned, live):
        folder.mkdir()
        (folder / "company-0.sqlite").write_bytes(b"x")
    store = Store(tmp_path / "t.sqlite")
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    seed(store, SeedOptions(invoices=300, contacts=25))
    store.db.set_trace_callback(None)
    assert calls == [300]
    assert digest(store) == PINNED[(300, 25)]
    # Each worker stored its company into a file of its own, copied in by SQLite in order:
    # the first company whole (a transfer into the empty table), the second after it.
    copies = [s for s in statements if s.startswith("INSERT INTO main.records SELECT")]
    assert copies[0] == "INSERT INTO main.records SELECT * FROM staged0.records"
    assert "FROM staged1.records" in copies[1] and len(copies) == 2
    assert not [s for s in statements if s.startswith("INSERT INTO records")]
    assert sorted(p.name for p in tmp_path.iterdir() if ".sqlite" not in p.name) == [live.name]
    # The workers number their own rows: the positions and counts a single process gives.
    ranked = store.execute(
        "SELECT COUNT(*) FROM records JOIN (SELECT seq, ROW_NUMBER() OVER"
        " (PARTITION BY tenant_id, kind ORDER BY seq) AS rank FROM records) USING (seq)"
        " WHERE pos IS NOT rank"
    )
    assert ranked == [(0,)]
    counted = "SELECT tenant_id, kind, COUNT(*) FROM records GROUP BY 1, 2 ORDER BY 1, 2"
    assert store.execute("SELECT * FROM record_counts ORDER BY 1, 2") == store.execute(counted)
    store.close()


class _Counting:
    """The store's writer connection, counting how each statement is sent."""

    def __init__(self, db) -> None:
        self._db = db
        self.calls: list[tuple[str, str]] = []

    def execute(self, sql, *args):
        self.calls.append(("execute", sql))
        return self._db.execute(sql, *args)

    def executemany(self, sql, *args):
        self.calls.append(("executemany", sql))
        return self._db.executemany(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)


def test_seeding_is_one_transaction_of_executemany_with_indexes_built_after(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s.sqlite")
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    counting = _Counting(store.db)
    store.db = counting  # type: ignore[assignment]
    seed(store, SeedOptions(invoices=40, contacts=7), processes=1)
    store.db = counting._db
    store.db.set_trace_callback(None)

    inserts = [(how, sql) for how, sql in counting.calls if "INSERT INTO records" in sql]
    assert inserts and all(how == "executemany" for how, _ in inserts)
    assert len(inserts) <= 2  # 335 records: one statement per company, not one a row

    def first(prefix: str) -> int:
        return next(i for i, s in enumerate(statements) if s.startswith(prefix))

    def last(prefix: str) -> int:
        return max(i for i, s in enumerate(statements) if s.startswith(prefix))

    assert sum(s.startswith("BEGIN") for s in statements) == 1
    assert sum(s == "COMMIT" for s in statements) == 1
    assert first("PRAGMA journal_mode=DELETE") < first("BEGIN") < first("INSERT INTO records")
    assert last("DROP INDEX") < first("INSERT INTO records")
    assert last("INSERT INTO records") < first("CREATE INDEX") < last("COMMIT")
    # Back to WAL before syncing again: under synchronous=NORMAL the switch's commit would
    # first flush the whole new file to disk (0.45 s of waiting at 100,000 invoices).
    assert last("COMMIT") < last("PRAGMA journal_mode=WAL") < last("PRAGMA synchronous=NORMAL")
    assert statements[-1] == "PRAGMA synchronous=NORMAL"
    assert store.execute("PRAGMA journal_mode") == [("wal",)]
    store.close()


@pytest.mark.parametrize("processes", [1, 2], ids=["in-process", "worker-processes"])
def test_an_interrupted_seed_leaves_nothing_behind(tmp_path: Path, processes: int) -> None:
    store = Store(tmp_path / "s.sqlite")

    def stop(done: int, total: int) -> None:
        if done >= 1000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        seed(store, SeedOptions(invoices=1500), stop, processes=processes)
    assert store.execute("SELECT COUNT(*) FROM records") == [(0,)]
    assert [p.name for p in tmp_path.iterdir() if ".sqlite" not in p.name] == []  # no staging
    assert store.tenants() == [] and store.get_meta("seed") is None
    seed(store, SeedOptions(invoices=40, contacts=7))  # and seeding again works
    assert digest(store) == PINNED[(40, 7)]
    store.close()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


#: Seeds 8,000 invoices a company in worker processes, reporting progress as `serve` does.
SEEDING = """
import sys
from xerocli.output.seeding import SeedingProgress
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store
seed(Store(sys.argv[1]), SeedOptions(invoices=8000), SeedingProgress(), processes=2)
"""


def test_a_seed_stopped_midway_leaves_no_workers_and_prints_nothing_more(
    tmp_path: Path,
) -> None:
    """SIGTERM to the seeding process while its workers build (as when `sandbox serve` is
    stopped mid-seed): they go at once, silently (no broken pipes or leaked-semaphore warnings
    in the terminal after the caller is gone)."""
    seeding = subprocess.Popen(
        [sys.executable, "-c", SEEDING, str(tmp_path / "s.sqlite")],
        env=isolated_env(tmp_path / "home"),  # PYTHONPATH: this checkout
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "Seeding the demo companies: 0 of 16,000" in seeding.stderr.readline()
        # A quarter stored: every worker has been started and is past its start-up.
        assert "Seeding the demo companies: 4,000 of 16,000" in seeding.stderr.readline()
        workers = _children(seeding.pid)
        assert any(map(_running, workers)), workers  # still building
        seeding.terminate()
        seeding.wait(timeout=60)
        deadline = time.monotonic() + 60  # a bound against hanging, not a measurement
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers))
        assert seeding.stderr.read() == ""
        # Each worker removed its staging file (and the last one the folder) as it went.
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".seeding-")] == []
    finally:
        if seeding.poll() is None:
            seeding.kill()
            seeding.wait()
        seeding.stderr.close()


def test_a_new_file_has_16_kib_pages_and_an_older_file_keeps_its_own(tmp_path: Path) -> None:
    import sqlite3

    store = Store(tmp_path / "new.sqlite")
    assert store.execute("PRAGMA page_size") == [(16384,)]  # the seed stores faster in them
    store.close()
    older = sqlite3.connect(tmp_path / "old.sqlite")
    older.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    older.close()
    store = Store(tmp_path / "old.sqlite")
    assert store.execute("PRAGMA page_size") == [(4096,)]  # not rebuilt behind its back
    assert store.get_meta("seed") is None
    store.close()


def test_staged_records_take_the_seqs_an_append_would_give_them(tmp_path: Path) -> None:
    """A staged file's rows follow every `seq` ever used, as AUTOINCREMENT numbers an append:
    in an empty store their own (copied whole), after a deleted record the next ones."""
    from xerocli.sandbox.seed_workers import _staging_file
    from xerocli.sandbox.store import INSERT_ROW, Row

    staged = _staging_file(tmp_path / "staged.sqlite")
    for number, record_id in enumerate(("a", "b"), start=1):
        row = Row("t", "Invoices", record_id, None, None, None, None, None, None, "2026", "{}")
        staged.execute(INSERT_ROW, row.numbered(number))
    staged.close()

    def load_into(store: Store) -> list[tuple]:
        with store.bulk_load([tmp_path / "staged.sqlite"]) as load:
            load.append_staged("staged0", {("t", "Invoices"): 2})
        assert [row[1] for row in store.execute("PRAGMA database_list")] == ["main"]  # detached
        return store.execute("SELECT seq, id, pos FROM records ORDER BY seq")

    fresh = Store(tmp_path / "fresh.sqlite")
    assert load_into(fresh) == [(1, "a", 1), (2, "b", 2)]
    assert fresh.count("t", "Invoices") == 2  # counted after the load
    fresh.close()
    used = Store(tmp_path / "used.sqlite")
    used.insert_rows([Row("u", "Items", "x", None, None, None, None, None, None, "2026", "{}")])
    used.execute("DELETE FROM records")  # seq 1 stays used (sqlite_sequence)
    assert load_into(used) == [(2, "a", 1), (3, "b", 2)]
    used.close()


def test_a_file_copied_row_by_row_is_staged_without_an_index_and_the_store_checks_ids(
    tmp_path: Path,
) -> None:
    """The second company's file is copied record by record (its `seq`s shifted), so it is
    staged without the UNIQUE index (most of a row's storing cost); the store's own index still
    refuses a duplicate id, and the failed load leaves nothing."""
    import sqlite3

    from xerocli.sandbox.seed_workers import _staging_file
    from xerocli.sandbox.store import INSERT_ROW, Row

    staged = _staging_file(tmp_path / "staged.sqlite", whole=False)
    assert staged.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall() == []
    row = Row("t", "Invoices", "same", None, None, None, None, None, None, "2026", "{}")
    staged.executemany(INSERT_ROW, [row.numbered(1), row.numbered(2)])
    staged.close()
    store = Store(tmp_path / "s.sqlite")
    store.insert_rows([Row("t", "Items", "x", None, None, None, None, None, None, "2026", "{}")])
    with (
        pytest.raises(sqlite3.IntegrityError),
        store.bulk_load([tmp_path / "staged.sqlite"]) as load,
    ):
        load.append_staged("staged0", {("t", "Invoices"): 2})
    assert store.execute("SELECT kind, id FROM records") == [("Items", "x")]
    store.close()
