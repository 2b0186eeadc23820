"""Pages and counts that cost the same whatever the number of records, with the same answers
as a plain recomputation: `pos` ranges instead of OFFSET walks, kept counts instead of COUNT(*).

No test here times anything: costs are read as SQLite virtual-machine steps and query plans.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Row, Store, count_sql, select_sql

INVOICES = 2500
PAGE = 100


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store(tmp_path_factory.mktemp("paging") / "s.sqlite")
    seed(store, SeedOptions(invoices=INVOICES))
    yield store
    store.close()


def plain_bodies(store: Store, tenant_id: str, kind: str) -> list[str]:
    """The reference: every body of the kind in insertion order, no index tricks."""
    return [
        b
        for (b,) in store.execute(
            "SELECT body FROM records WHERE tenant_id=? AND kind=? ORDER BY seq", (tenant_id, kind)
        )
    ]


def pages_of(store: Store, tenant_id: str, kind: str, size: int) -> list[list[str]]:
    count = store.count(tenant_id, kind)
    return [
        store.select_bodies(tenant_id, kind, limit=size, offset=(page - 1) * size)
        for page in range(1, (count + size - 1) // size + 2)  # one past the end: empty
    ]


def assert_pages_match_plain(store: Store, tenant_id: str, kind: str, size: int) -> None:
    plain = plain_bodies(store, tenant_id, kind)
    assert store.count(tenant_id, kind) == len(plain)
    pages = pages_of(store, tenant_id, kind, size)
    assert pages[-1] == []
    assert [b for page in pages for b in page] == plain
    assert all(len(page) == size for page in pages[:-2])


def vm_steps(store: Store, sql: str, params: tuple) -> int:
    """How many SQLite virtual-machine instructions (in hundreds) a statement takes."""
    db = sqlite3.connect(store.path)
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    db.set_progress_handler(tick, 100)
    try:
        db.execute(sql, params).fetchall()
    finally:
        db.close()
    return steps


def plan(store: Store, sql: str, params: tuple) -> str:
    return " | ".join(row[3] for row in store.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_every_page_of_every_kind_equals_the_plain_recomputation(seeded: Store) -> None:
    for tenant in seeded.tenants():
        for (kind,) in seeded.execute("SELECT DISTINCT kind FROM records"):
            for size in (PAGE, 7, 1000):
                assert_pages_match_plain(seeded, tenant["tenant_id"], kind, size)


def test_unfiltered_page_is_a_pos_range_in_an_index_not_an_offset_walk(seeded: Store) -> None:
    tenant_id = seeded.tenants()[0]["tenant_id"]
    sql, params = select_sql(tenant_id, "Invoices", limit=PAGE, offset=INVOICES - PAGE)
    assert "OFFSET" not in sql.upper()
    shown = plan(seeded, sql, params)
    assert "USING INDEX records_pos (tenant_id=? AND kind=? AND pos>?)" in shown, shown
    assert "TEMP B-TREE" not in shown
    first = vm_steps(seeded, *select_sql(tenant_id, "Invoices", limit=PAGE, offset=0))
    last = vm_steps(seeded, sql, params)
    assert last <= first * 1.2 + 2, (first, last)  # the last page costs what the first does


def test_unfiltered_count_reads_the_kept_count_not_the_records(seeded: Store) -> None:
    tenant_id = seeded.tenants()[0]["tenant_id"]
    sql, params = count_sql(tenant_id, "Invoices")
    shown = plan(seeded, sql, params)
    assert "record_counts" in shown and "records " not in shown.replace("record_counts", ""), shown
    contacts = vm_steps(seeded, *count_sql(tenant_id, "Contacts"))  # 25 of them
    invoices = vm_steps(seeded, sql, params)  # 100 times as many
    assert invoices <= contacts + 2, (contacts, invoices)


def test_filtered_pages_still_count_and_skip_and_agree(seeded: Store) -> None:
    tenant_id = seeded.tenants()[1]["tenant_id"]
    where, params = "status = ?", ["PAID"]
    plain = [
        b
        for (b,) in seeded.execute(
            "SELECT body FROM records WHERE tenant_id=? AND kind='Invoices' AND status='PAID'"
            " ORDER BY seq",
            (tenant_id,),
        )
    ]
    assert seeded.count(tenant_id, "Invoices", where, params) == len(plain) > PAGE
    got = seeded.select_bodies(tenant_id, "Invoices", where, params, "seq", PAGE, PAGE)
    assert got == plain[PAGE : 2 * PAGE]


def _row(tenant_id: str, kind: str, record_id: str, body: str) -> Row:
    return Row(tenant_id, kind, record_id, None, None, None, None, None, None, "2026", body)


def test_positions_and_counts_stay_exact_through_inserts_replaces_and_deletes(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s.sqlite")
    with store.bulk_load() as load:
        load.append(_row("t", "Items", f"i{n}", f"seeded {n}") for n in range(1, 31))
        load.append(_row("u", "Items", f"i{n}", f"other {n}") for n in range(1, 6))
    store.insert_rows([_row("t", "Items", "new", "created")])  # appended
    store.insert_rows([_row("t", "Items", "i3", "replaced")])  # moves to the end
    with store.transaction():
        store.execute("DELETE FROM records WHERE tenant_id='t' AND kind='Items' AND id='i10'")
    store.execute("DELETE FROM records WHERE tenant_id='t' AND id IN ('i1', 'i30')")
    expected = [f"seeded {n}" for n in range(2, 30) if n not in (3, 10)] + ["created", "replaced"]
    assert plain_bodies(store, "t", "Items") == expected
    for size in (1, 4, 100):
        assert_pages_match_plain(store, "t", "Items", size)
    assert_pages_match_plain(store, "u", "Items", 2)
    positions = [
        p
        for (p,) in store.execute(
            "SELECT pos FROM records WHERE tenant_id='t' AND kind='Items' ORDER BY seq"
        )
    ]
    assert positions == list(range(1, len(expected) + 1))
    store.close()


def test_a_data_file_from_before_positions_is_numbered_and_counted_on_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        """
        CREATE TABLE records (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          tenant_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
          number TEXT, status TEXT, type TEXT, contact_id TEXT,
          date TEXT, due_date TEXT, updated TEXT NOT NULL,
          body TEXT NOT NULL,
          UNIQUE (tenant_id, kind, id)
        );
        """
    )
    for n in range(1, 41):
        kind = "Invoices" if n % 3 else "Contacts"
        old.execute(
            "INSERT INTO records (tenant_id, kind, id, updated, body) VALUES (?, ?, ?, '', ?)",
            ("t", kind, f"r{n}", f"body {n}"),
        )
    old.commit()
    old.close()
    store = Store(path)
    for kind in ("Invoices", "Contacts"):
        assert_pages_match_plain(store, "t", kind, 5)
    store.insert_rows([_row("t", "Contacts", "late", "late")])
    assert plain_bodies(store, "t", "Contacts")[-1] == "late"
    assert_pages_match_plain(store, "t", "Contacts", 5)
    store.close()
    # An older sandbox writing to the file since: its rows have no position, until reopened.
    old = sqlite3.connect(path)
    old.execute(
        "INSERT OR REPLACE INTO records (tenant_id, kind, id, updated, body)"
        " VALUES ('t', 'Contacts', 'older', '', 'older')"
    )
    old.commit()
    old.close()
    store = Store(path)
    assert plain_bodies(store, "t", "Contacts")[-1] == "older"
    assert_pages_match_plain(store, "t", "Contacts", 5)
    store.close()
