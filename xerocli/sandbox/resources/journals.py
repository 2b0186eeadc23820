"""Journals (`/Journals`): Xero's general ledger, read-only, one journal per posted document.

Nothing is stored: the journals are derived on request from the same postings the reports use
(`ledger.py`), so they are exactly the ledger of every seeded and written document and cannot
drift from the trial balance. A journal's lines are its document's postings per account in the
base currency (a positive NetAmount is a debit; the lines of a journal sum to zero; tax is its
own line on 820, so TaxAmount is 0).

A prepayment's or overpayment's allocation is a journal of its own (SourceType ARPREPAYMENT,
APPREPAYMENT, AROVERPAYMENT or APOVERPAYMENT, SourceID the credit's), dated the allocation's
day: its share of the credit's lines back off their accounts, onto 610 or 800.

Numbers follow the order the documents were stored in (a changed document is stored again,
so its journal moves to the end: Xero would instead add a reversing journal and a new one).
Lists are paged by `offset`: the 100 journals numbered above it. `paymentsOnly=true` keeps the
payments' journals. Derived journals are cached per tenant until a record of it changes.
"""

from __future__ import annotations

import threading
from decimal import Decimal

from xerocli.sandbox import ledger, resources
from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, not_found, stable_id, tenant_of
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, ms_date, parse_date

#: Journals in one answer (Xero's page of journals).
PAGE = 100
#: Documents read from the store at a time while the journals are numbered.
_CHUNK = 500
PAYMENT_TYPES = ("ACCRECPAYMENT", "ACCPAYPAYMENT", "ARCREDITPAYMENT", "APCREDITPAYMENT")
_BANK_SOURCE = {"RECEIVE": "CASHREC", "SPEND": "CASHPAID"}


def _source_type(kind: str, record: dict) -> str:
    if kind == "Payments":
        return str(record.get("PaymentType") or "")
    if kind == "ManualJournals":
        return "MANJOURNAL"
    type_ = str(record.get("Type") or "")
    if kind == "BankTransactions":
        return _BANK_SOURCE.get(type_.split("-")[0], "CASHREC")
    books = resources.get(kind).books
    return books.source_types.get(type_) or books.source_type or type_


class _Numbered:
    """A tenant's journals numbered so far: built as far as a request needs (the first page
    reads a few hundred documents, not every one), and dropped when a record changes."""

    def __init__(self, store: Store, tenant_id: str, marker: tuple) -> None:
        self.store, self.tenant_id, self.marker = store, tenant_id, marker
        self.journals: list[dict] = []
        self.last_seq = 0
        self.done = False
        tenant = store.tenant(tenant_id) or {}
        self.base = tenant.get("base_currency", "")
        accounts = [loads(b) for b in store.select_bodies(tenant_id, "Accounts")]
        self.accounts = {str(a.get("Code") or ""): a for a in accounts}
        self.codes_by_id = {a["AccountID"].lower(): str(a.get("Code") or "") for a in accounts}
        posting = [r for r in resources.ALL if r.postings is not None and r.posted_statuses]
        self.sources = {r.collection: r for r in posting}
        self.condition = " OR ".join(
            f"(kind=? AND status IN ({','.join('?' * len(r.posted_statuses))}))" for r in posting
        )
        self.values = [v for r in posting for v in (r.collection, *r.posted_statuses)]

    def upto(self, count: int | None) -> list[dict]:
        """The journals, at least `count` of them where there are so many (None: all)."""
        while not self.done and (count is None or len(self.journals) < count):
            # NOT INDEXED: walk the records in seq order from the last one read. Left to
            # itself SQLite takes the tenant's index, reads every record of the tenant and
            # sorts them for each chunk (one chunk: over 40 s at 100,000 invoices).
            rows = self.store.execute(
                f"SELECT seq, kind, body FROM records NOT INDEXED WHERE tenant_id=? AND seq > ?"
                f" AND ({self.condition}) ORDER BY seq LIMIT {_CHUNK}",
                (self.tenant_id, self.last_seq, *self.values),
            )
            for seq, kind, body in rows:
                self.last_seq = seq
                self._add(kind, loads(body))
            self.done = len(rows) < _CHUNK
        return self.journals

    def _add(self, kind: str, record: dict) -> None:
        resource = self.sources[kind]
        for key, document in ledger.documents_posted(resource, record):
            self._add_journal(kind, resource, key, document)

    def _add_journal(self, kind: str, resource: Resource, key: str, record: dict) -> None:
        """The journal of one posted document (`key` tells a record's journals apart: its
        allocations' have the allocation's ID, and IDs of their own)."""
        day = parse_date(record.get(resource.date_field or "Date"))
        source_id = record.get(resource.id_field)
        if day is None or source_id is None or resource.postings is None:
            return
        postings = resource.postings(record, self.codes_by_id)
        amounts = ledger._in_base_currency(postings, ledger._rate(record, self.base))
        journal_of = f"{source_id}:{key}" if key else source_id
        lines = [_line(journal_of, code, amount, self.accounts) for code, amount in amounts.items()]
        lines = [line for line in lines if line["NetAmount"]]
        if not lines:
            return
        self.journals.append(
            {
                "JournalID": stable_id(self.tenant_id, "journal", journal_of),
                "JournalDate": ms_date(day),
                "JournalNumber": len(self.journals) + 1,
                "CreatedDateUTC": record.get("UpdatedDateUTC"),
                "Reference": record.get("Reference") or record.get("Narration") or "",
                "SourceID": source_id,
                "SourceType": _source_type(kind, record),
                "JournalLines": lines,
            }
        )


#: The tenant's last seq and its number of records, which any store or removal moves: the
#: kept counts and each kind's last seq in `records_order`, so a page's check reads a few
#: index entries, not every record of the tenant (`MAX(seq), COUNT(*)` did).
_MARKER_SQL = (
    "SELECT (SELECT MAX((SELECT MAX(seq) FROM records WHERE tenant_id = ?1 AND kind = c.kind))"
    " FROM record_counts c WHERE c.tenant_id = ?1),"
    " (SELECT COALESCE(SUM(n), 0) FROM record_counts WHERE tenant_id = ?1)"
)

_cache: dict[str, _Numbered] = {}
_cache_lock = threading.Lock()


def numbered(store: Store, tenant_id: str) -> _Numbered:
    """The tenant's journals as numbered so far; renumbered from the start after a change
    (any record stored or removed moves the tenant's last seq or its count)."""
    marker = (id(store), *store.execute(_MARKER_SQL, (tenant_id,))[0])
    with _cache_lock:
        found = _cache.get(tenant_id)
        if found is None or found.marker != marker:
            found = _cache[tenant_id] = _Numbered(store, tenant_id, marker)
        return found


def journals(store: Store, tenant_id: str) -> list[dict]:
    """Every journal of a tenant, numbered from 1 in the order its documents were stored."""
    book = numbered(store, tenant_id)
    with _cache_lock:
        return list(book.upto(None))


def _line(source_id: str, code: str, amount: Decimal, accounts: dict[str, dict]) -> dict:
    account = accounts.get(code) or {}
    return {
        "JournalLineID": stable_id(source_id, "journal-line", code),
        "AccountID": account.get("AccountID"),
        "AccountCode": code,
        "AccountType": account.get("Type"),
        "AccountName": account.get("Name"),
        "Description": "",
        "NetAmount": amount,
        "GrossAmount": amount,
        "TaxAmount": Decimal("0.00"),
    }


def list_journals(store: Store, req: Request) -> Response:
    """`GET /Journals?offset=N&paymentsOnly=true`: the next 100 journals numbered above N."""
    try:
        offset = max(int(req.arg("offset") or 0), 0)
    except ValueError:
        return Response.json(400, {"Message": "offset must be a whole number"})
    payments_only = (req.arg("paymentsOnly") or "").lower() == "true"
    book = numbered(store, tenant_of(req))
    with _cache_lock:
        if not payments_only:  # numbered 1..N: the page is a slice
            return answer("Journals", list(book.upto(offset + PAGE)[offset : offset + PAGE]))
        found: list[dict] = []
        wanted = offset + PAGE
        while True:
            known = book.upto(wanted)
            found = [j for j in known[offset:] if j["SourceType"] in PAYMENT_TYPES][:PAGE]
            if len(found) == PAGE or book.done:
                return answer("Journals", found)
            wanted = len(known) + PAGE


def get_journal(store: Store, req: Request) -> Response:
    """`GET /Journals/{JournalID}` or `/Journals/{JournalNumber}`."""
    key = req.params["record_id"].lower()
    book = numbered(store, tenant_of(req))
    with _cache_lock:
        if key.isdigit():
            known = book.upto(int(key))
            found = known[int(key) - 1] if 0 < int(key) <= len(known) else None
        else:  # numbered a chunk at a time until it turns up (journal 1 costs one chunk)
            found, seen = None, 0
            while found is None:
                known = book.upto(seen + _CHUNK)
                found = next((j for j in known[seen:] if j["JournalID"] == key), None)
                if book.done and len(known) == seen:
                    break
                seen = len(known)
    return not_found() if found is None else answer("Journals", [found])


RESOURCE = Resource(
    collection="Journals",
    type_name="Journal",
    id_field="JournalID",
    number_field="JournalNumber",
    status_field=None,
    fields=frozenset(
        {
            "JournalID",
            "JournalDate",
            "JournalNumber",
            "CreatedDateUTC",
            "Reference",
            "SourceID",
            "SourceType",
            "JournalLines",
        }
    ),
    listing=Listing(line_field="JournalLines"),
    scopes=("accounting.journals",),
    seeded_by="derived on request from the ledger (journals.journals)",
    routes=(Route("GET", "", list_journals), Route("GET", "/{record_id}", get_journal)),
)
