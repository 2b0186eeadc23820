"""The books' totals kept in the data file: a restarted sandbox answers its reports without
reading a document, and what is written after the totals were saved (in the same process or
before a restart) moves the reports exactly as books read whole from the documents do.

No test here times anything: what shows the first report is cheap is that it parses no
document (the reports' `documents_scanned`) and reads no body.
"""

from __future__ import annotations

import gc
import hashlib
import time
import weakref
from pathlib import Path

import httpx
import simplejson

from tests.helpers import loopback
from tests.helpers.oauth import ALL_SCOPES, login
from tests.helpers.sandbox import (
    RunningSandbox,
    document_body_reads,
    seeded_copy,
    templates_dir,
    tenant_client,
)
from xerocli.sandbox import books_store
from xerocli.sandbox.books_cache import BooksCache
from xerocli.sandbox.books_warm import WARM_FROM_INVOICES
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store

#: The reports compared, each on both companies (accrual and cash, every kind of total kept).
ASKED = [
    ("TrialBalance", {}),
    ("TrialBalance", {"paymentsOnly": "true"}),
    ("ProfitAndLoss", {"periods": "3", "paymentsOnly": "true"}),
    ("BalanceSheet", {"date": "2026-10-31"}),
    ("AgedReceivablesByContact", {}),
    ("AgedPayablesByContact", {"date": "2026-10-31"}),
    ("BankSummary", {"fromDate": "2026-01-01"}),
]


def _digest(books) -> str:
    """Every total of the books (a day's tax or bank flow that a write took back to zero is
    kept at zero by updated books, and absent from books read whole: the same figures)."""
    found = hashlib.sha256()
    for part in (
        sorted(books.entries.items()),
        books.open_items,
        sorted((key, flow) for key, flow in books.bank_flows.items() if any(flow)),
        sorted((day, tax) for day, tax in books.tax.items() if any(tax)),
        sorted(books.tracking.items()),
        sorted(books._running.items()),
    ):
        found.update(repr(part).encode())
    return found.hexdigest()


def test_saved_totals_load_without_a_body_and_only_when_they_can_be_trusted(
    tmp_path: Path, monkeypatch
) -> None:
    store = Store(tmp_path / "s.sqlite")
    seed(store, SeedOptions(invoices=60, contacts=7), processes=1)
    tenant_id = store.tenants()[0]["tenant_id"]
    read_whole = BooksCache(store)
    whole = _digest(read_whole.books(tenant_id))
    assert read_whole.stats()["documents_scanned"] > 0 and read_whole.loads == 0

    bodies = document_body_reads(store, monkeypatch)
    restarted = BooksCache(store)  # a new process on the same file
    assert _digest(restarted.books(tenant_id)) == whole
    assert restarted.stats() == {
        "builds": 1,
        "hits": 0,
        "loads": 1,
        "warming": False,
        "documents_scanned": 0,
    }
    assert bodies == []  # not one document body read
    monkeypatch.undo()

    # Saved totals that cannot be brought up to date are not used: without the triggers that
    # keep a changed row's old body, or in another format, the books are read whole.
    store.execute("DROP TRIGGER books_before_update")
    untrusted = BooksCache(store)
    assert _digest(untrusted.books(tenant_id)) == whole and untrusted.loads == 0
    assert untrusted.stats()["documents_scanned"] > 0
    assert books_store.load(store, tenant_id) is not None  # the read saved them again
    store.execute("UPDATE books_saved SET format = format + 1")
    assert books_store.load(store, tenant_id) is None
    store.close()


def _void_two_invoices(store: Store, tenant_id: str, stamp: str) -> None:
    """Two unpaid invoices voided by a plain SQL update (the triggers see any writer)."""
    rows = store.execute(
        "SELECT id, body FROM records WHERE tenant_id=? AND kind='Invoices'"
        " AND status='AUTHORISED' ORDER BY seq DESC",
        (tenant_id,),
    )
    unpaid = [(i, b) for i, b in rows if not simplejson.loads(b).get("AmountPaid")][:2]
    assert len(unpaid) == 2
    for record_id, body in unpaid:
        record = simplejson.loads(body)
        record["Status"] = "VOIDED"
        store.execute(
            "UPDATE records SET body=?, status='VOIDED', updated=? WHERE tenant_id=?"
            " AND kind='Invoices' AND id=?",
            (simplejson.dumps(record), stamp, tenant_id, record_id),
        )


def test_totals_brought_up_to_date_from_many_documents_are_saved_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    seed(store, SeedOptions(invoices=60, contacts=7), processes=1)
    tenant_id = store.tenants()[0]["tenant_id"]
    BooksCache(store).books(tenant_id)  # read whole, saved
    _void_two_invoices(store, tenant_id, "2026-11-30T00:00:01")
    caught_up = BooksCache(store)
    caught_up.resave_after = 2  # the two voided invoices are enough here
    first = _digest(caught_up.books(tenant_id))
    assert caught_up.loads == 1 and caught_up.stats()["documents_scanned"] == 2  # old parts
    restarted = BooksCache(store)
    assert _digest(restarted.books(tenant_id)) == first
    assert restarted.loads == 1 and restarted.stats()["documents_scanned"] == 0

    # The books that saved again go on from their new stamp: what is written after it moves
    # them as it moves books read whole.
    _void_two_invoices(store, tenant_id, "2026-11-30T00:00:02")
    whole = BooksCache(store)
    whole.forget()
    assert _digest(caught_up.books(tenant_id)) == _digest(whole.books(tenant_id)) != first
    assert whole.loads == 0
    store.close()


def test_books_dropped_are_freed_without_the_garbage_collector(tmp_path: Path) -> None:
    """Books made or loaded with the collector paused are frozen out of its passes
    (`gc.freeze`): once dropped (a reread, a chart change) nothing but reference counting frees
    them, so they must hold no reference cycle, or each rebuild would keep the old books."""
    store = Store(tmp_path / "s.sqlite")
    seed(store, SeedOptions(invoices=30, contacts=5), processes=1)
    tenant_id = store.tenants()[0]["tenant_id"]
    for loads in (0, 1):  # read whole (and saved), then loaded
        cache = BooksCache(store)
        assert len(cache.books(tenant_id).open_items) > 0 and cache.loads == loads
        kept = weakref.ref(cache._books[tenant_id])
        gc.disable()
        try:
            cache.forget(tenant_id)
            assert kept() is None
        finally:
            gc.enable()
    store.close()


def _answers(sandbox: RunningSandbox, token: dict) -> list:
    found = []
    for index in (0, 1):
        with tenant_client(sandbox, token, index) as client:
            for name, params in ASKED:
                answer = client.get(f"Reports/{name}", params=params)
                assert answer.status_code == 200, answer.text
                found.append(answer.json()["Reports"][0]["Rows"])
    return found


def _differing(found: list, expected: list) -> list[str]:
    """Which of the asked reports differ (company index, report, parameters)."""
    asked = [(index, *one) for index in (0, 1) for one in ASKED]
    return [str(asked[i]) for i, (a, b) in enumerate(zip(found, expected, strict=True)) if a != b]


def _stats(sandbox: RunningSandbox) -> dict:
    return loopback.get(f"{sandbox.url}/__sandbox/reports", timeout=10).json()


def _write(client: httpx.Client) -> None:
    """Changes to documents the saved totals hold: payments on seeded invoices (one already
    part-paid: its changed body redoes its seeded payments' cash basis), a seeded payment
    deleted, a seeded invoice voided; and a new bill."""

    def listed(collection: str, where: str) -> list[dict]:
        answer = client.get(collection, params={"where": where})
        assert answer.status_code == 200, answer.text
        return simplejson.loads(answer.text, use_decimal=True)[collection]

    def ok(answer: httpx.Response) -> None:
        assert answer.status_code == 200, answer.text

    open_ = listed("Invoices", 'Type=="ACCREC" AND Status=="AUTHORISED"')
    unpaid = [i for i in open_ if not i["AmountPaid"]]
    part_paid = [i for i in open_ if i["AmountPaid"]]
    assert len(unpaid) >= 2 and part_paid, "the seed has open and part-paid invoices"
    payment = {
        "Invoice": {"InvoiceID": unpaid[0]["InvoiceID"]},
        "Account": {"Code": "090"},
        "Date": "2026-10-20",
        "Amount": str(unpaid[0]["AmountDue"] / 2),
    }
    ok(client.put("Payments", json={"Payments": [payment]}))
    ok(client.post(f"Invoices/{unpaid[1]['InvoiceID']}", json={"Status": "VOIDED"}))
    more = {**payment, "Invoice": {"InvoiceID": part_paid[0]["InvoiceID"]}, "Amount": "0.10"}
    ok(client.put("Payments", json={"Payments": [more]}))
    seeded = listed("Payments", 'Status=="AUTHORISED"')
    ok(client.post(f"Payments/{seeded[-1]['PaymentID']}", json={"Status": "DELETED"}))
    invoice = {
        "Type": "ACCPAY",
        "Contact": {"ContactID": open_[0]["Contact"]["ContactID"]},
        "Date": "2026-09-30",
        "DueDate": "2026-10-30",
        "Status": "AUTHORISED",
        "LineItems": [
            {"Description": "x", "Quantity": 3, "UnitAmount": "41.10", "AccountCode": "400"}
        ],
    }
    ok(client.put("Invoices", json={"Invoices": [invoice]}))


def test_a_restart_answers_from_saved_totals_and_writes_after_them_match_a_full_read(
    tmp_path_factory,
) -> None:
    root = tmp_path_factory.mktemp("books-saved")
    data = seeded_copy(templates_dir(tmp_path_factory), root / "sandbox.sqlite", 200)

    def started() -> tuple[RunningSandbox, dict]:
        running = RunningSandbox(data, root)
        running.configure(minute_limit=100_000, day_limit=1_000_000)
        token = login(running.url, "books-saved", f"{ALL_SCOPES} accounting.reports.read")
        return running, token

    store = Store(data)  # the first read of the file (as a first report makes it) saves them
    for tenant in store.tenants():
        assert BooksCache(store).books(tenant["tenant_id"]).documents > 0
    store.close()

    second, token = started()
    try:
        from_saved = _answers(second, token)
        loaded = _stats(second)
        assert (loaded["builds"], loaded["loads"], loaded["documents_scanned"]) == (2, 2, 0), (
            "both companies loaded, not one document parsed"
        )
        reread = loopback.post(f"{second.url}/__sandbox/reports/reread", timeout=10)
        assert reread.status_code == 204
        read_whole = _answers(second, token)  # (and saved again: the same totals)
        assert from_saved == read_whole
        parsed = _stats(second)["documents_scanned"]
        for index in (0, 1):
            with tenant_client(second, token, index) as client:
                _write(client)
        updated = _answers(second, token)  # the loaded totals brought up to date here
        assert 0 < _stats(second)["documents_scanned"] - parsed < 40, "the changed documents"
    finally:
        second.stop()

    # A restart after the writes: the totals saved before them, brought up to date from the
    # bodies the writes replaced (kept in the file), not by reading the books.
    third, token = started()
    try:
        caught_up = _answers(third, token)
        loaded = _stats(third)
        assert loaded["loads"] == 2 and 0 < loaded["documents_scanned"] < 40
        reread = loopback.post(f"{third.url}/__sandbox/reports/reread", timeout=10)
        assert reread.status_code == 204
        whole = _answers(third, token)
        assert _stats(third)["documents_scanned"] > 100  # that one read every document
    finally:
        third.stop()
    assert updated == whole, _differing(updated, whole)
    assert caught_up == whole, _differing(caught_up, whole)
    assert updated != read_whole


def test_a_fresh_big_seed_has_its_books_saved_beside_the_start(tmp_path: Path) -> None:
    """After a fresh seed of `WARM_FROM_INVOICES` a company, a process of its own reads and
    saves the books while the sandbox serves: the first reports (which wait for it if it is
    not done) load them and parse nothing. A smaller seed reads them at its first report."""
    for invoices, loads in ((WARM_FROM_INVOICES, 2), (WARM_FROM_INVOICES // 100, 0)):
        root = tmp_path / str(invoices)
        running = RunningSandbox(  # cold: its own process's children are looked at
            root / "s.sqlite", root, "--invoices", str(invoices), cold=True
        )
        try:
            token = login(running.url, "books-warm", f"{ALL_SCOPES} accounting.reports.read")
            for index in (0, 1):
                with tenant_client(running, token, index) as client:
                    assert client.get("Reports/TrialBalance").status_code == 200
            # Before the stats, whose look at the warming process would reap it too.
            assert _warming_children_once_ended(running.process.pid) == []  # reaped
            found = _stats(running)
            assert (found["builds"], found["loads"]) == (2, loads)
            assert (found["documents_scanned"] == 0) == bool(loads)
        finally:
            running.stop()


def _warming_children_once_ended(pid: int) -> list[str]:
    """The states of a process's `books_warm` children once none of them is running any more:
    [] when the one it had ended and was reaped, ["Z"] when it is a zombie nobody reaped.

    A child that just ended is a zombie until the reaper thread, already waiting on it, is
    scheduled (a moment on a busy box): a zombie counts only once it outlives a grace that a
    waiting reaper never needs, while one nobody waits on stays a zombie for good."""
    deadline = time.monotonic() + 120  # a bound on a stuck child, not what the test measures
    zombie_since: float | None = None
    while True:
        states = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                children = (task / "children").read_text().split()
            except FileNotFoundError:  # a thread that ended meanwhile
                continue
            for child in children:
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes()
                    stat = Path(f"/proc/{child}/stat").read_text()
                except FileNotFoundError:
                    continue
                state = stat.rsplit(")", 1)[1].split()[0]
                if b"books_warm" in command or state == "Z":  # a zombie's cmdline is empty
                    states.append(state)
        now = time.monotonic()
        if not states or now > deadline:
            return states
        if all(state == "Z" for state in states):
            zombie_since = now if zombie_since is None else zombie_since
            if now - zombie_since > 5:
                return states
        time.sleep(0.05)
