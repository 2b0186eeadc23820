"""A page of journals costs the same whatever the tenant's size.

The journals are a log in the data file (`journal_log.py`), begun once from the tenant's
documents; a page is then a range of journal numbers, and the check for what was written
since (`bring_up_to_date`) reads a few index entries of each posting kind. Before the log, a
page was numbered on request from the documents in seq order (one chunk's query once read
every record of the tenant: over 40 s for one page at 100,000 invoices). Costs are read as
SQLite virtual-machine steps: no test here times anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from xerocli.sandbox import journal_log
from xerocli.sandbox.resources import journals
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store

SMALL, BIG = 1000, 5000
#: The journals before the page read.
LATER = 500


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Store]]:
    made = {}
    for invoices in (SMALL, BIG):
        store = Store(tmp_path_factory.mktemp(f"journals{invoices}") / "s.sqlite")
        seed(store, SeedOptions(invoices=invoices))
        made[invoices] = store
    yield made
    for store in made.values():
        store.close()


class StepCounter:
    """`store.execute` on a connection of its own that counts virtual-machine steps."""

    def __init__(self, store: Store) -> None:
        self.db = sqlite3.connect(store.path)
        self.steps = 0
        self.db.set_progress_handler(self._tick, 100)

    def _tick(self) -> int:
        self.steps += 1
        return 0

    def execute(self, sql: str, params: Any = ()) -> list[tuple]:
        return self.db.execute(sql, params).fetchall()


def cost_of_a_later_page(store: Store, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list]:
    """Steps to look for what was written since and read a page past the first 500, and the
    page."""
    tenant_id = store.tenants()[1]["tenant_id"]  # the second company: stored after the first
    journal_log.bring_up_to_date(store, tenant_id)  # begins the log once: not counted
    counter = StepCounter(store)
    monkeypatch.setattr(store, "execute", counter.execute)
    journal_log.bring_up_to_date(store, tenant_id)
    page = journal_log.page(store, tenant_id, LATER, journals.PAGE)
    monkeypatch.undo()
    counter.db.close()
    return counter.steps, page


def test_a_later_page_of_journals_costs_the_same_whatever_the_tenants_size(
    stores: dict[int, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    small_steps, small_page = cost_of_a_later_page(stores[SMALL], monkeypatch)
    big_steps, big_page = cost_of_a_later_page(stores[BIG], monkeypatch)
    assert len(small_page) == len(big_page) == journals.PAGE
    assert [j.number for j in big_page] == list(range(LATER + 1, LATER + journals.PAGE + 1))
    records = {
        n: store.execute("SELECT COUNT(*) FROM records WHERE tenant_id=?", (t["tenant_id"],))[0][0]
        for n, store in stores.items()
        for t in store.tenants()[1:2]
    }
    assert records[BIG] > 4 * records[SMALL]  # the big tenant is much bigger...
    assert big_steps < 1.5 * small_steps  # ...and its page costs about the same
