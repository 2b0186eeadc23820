"""Journals (`/Journals`): Xero's general ledger, read-only, one journal per posted document.

Nothing is stored: the journals are derived on request from the same postings the reports use
(`ledger.py`), so they are exactly the ledger of every seeded and written document and cannot
drift from the trial balance. A journal's lines are its document's postings per account in the
base currency (a positive NetAmount is a debit; the lines of a journal sum to zero; tax is its
own line on 820, so TaxAmount is 0).

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
#: The documents in the books and the statuses that put them there, as `ledger.py` reads them.
SOURCES = {
    "Invoices": ledger.POSTED,
    "CreditNotes": ledger.POSTED,
    "BankTransactions": ("AUTHORISED",),
    "Payments": ("AUTHORISED",),
    "ManualJournals": ("POSTED",),
}
PAYMENT_TYPES = ("ACCRECPAYMENT", "ACCPAYPAYMENT", "ARCREDITPAYMENT", "APCREDITPAYMENT")
_BANK_SOURCE = {"RECEIVE": "CASHREC", "SPEND": "CASHPAID"}

_cache: dict[str, tuple[tuple, list[dict]]] = {}
_cache_lock = threading.Lock()


def _source_type(kind: str, record: dict) -> str:
    if kind == "Payments":
        return str(record.get("PaymentType") or "")
    if kind == "ManualJournals":
        return "MANJOURNAL"
    if kind == "BankTransactions":
        type_ = str(record.get("Type") or "")
        return _BANK_SOURCE.get(type_.split("-")[0], "CASHREC")
    return str(record.get("Type") or "")


def _postings(kind: str, record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    declared = resources.get(kind).postings
    if declared is not None:
        return declared(record, codes_by_id)
    return ledger._postings(kind, record, codes_by_id)


def journals(store: Store, tenant_id: str) -> list[dict]:
    """Every journal of a tenant, numbered from 1 in the order its documents were stored."""
    placeholders = " OR ".join(
        f"(kind=? AND status IN ({','.join('?' * len(statuses))}))" for statuses in SOURCES.values()
    )
    values = [value for kind, statuses in SOURCES.items() for value in (kind, *statuses)]
    marker = tuple(
        store.execute("SELECT MAX(seq), COUNT(*) FROM records WHERE tenant_id=?", (tenant_id,))[0]
    )
    with _cache_lock:
        cached = _cache.get(tenant_id)
        if cached is not None and cached[0] == (id(store), *marker):
            return cached[1]
    rows = store.execute(
        f"SELECT kind, body FROM records WHERE tenant_id=? AND ({placeholders}) ORDER BY seq",
        (tenant_id, *values),
    )
    built = _build(store, tenant_id, rows)
    with _cache_lock:
        _cache[tenant_id] = ((id(store), *marker), built)
    return built


def _build(store: Store, tenant_id: str, rows: list[tuple]) -> list[dict]:
    tenant = store.tenant(tenant_id) or {}
    base = tenant.get("base_currency", "")
    accounts = {loads(b)["Code"]: loads(b) for b in store.select_bodies(tenant_id, "Accounts")}
    codes_by_id = {a["AccountID"].lower(): code for code, a in accounts.items()}
    built: list[dict] = []
    for kind, body in rows:
        record = loads(body)
        day = parse_date(record.get("Date"))
        source_id = record.get(resources.get(kind).id_field)
        if day is None or source_id is None:
            continue
        postings = _postings(kind, record, codes_by_id)
        amounts = ledger._in_base_currency(postings, ledger._rate(record, base))
        lines = [_line(source_id, code, amount, accounts) for code, amount in amounts.items()]
        lines = [line for line in lines if line["NetAmount"]]
        if not lines:
            continue
        built.append(
            {
                "JournalID": stable_id(tenant_id, "journal", source_id),
                "JournalDate": ms_date(day),
                "JournalNumber": len(built) + 1,
                "CreatedDateUTC": record.get("UpdatedDateUTC"),
                "Reference": record.get("Reference") or record.get("Narration") or "",
                "SourceID": source_id,
                "SourceType": _source_type(kind, record),
                "JournalLines": lines,
            }
        )
    return built


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
        offset = int(req.arg("offset") or 0)
    except ValueError:
        return Response.json(400, {"Message": "offset must be a whole number"})
    payments_only = (req.arg("paymentsOnly") or "").lower() == "true"
    found = []
    for journal in journals(store, tenant_of(req)):
        if journal["JournalNumber"] <= offset:
            continue
        if payments_only and journal["SourceType"] not in PAYMENT_TYPES:
            continue
        found.append(journal)
        if len(found) == PAGE:
            break
    return answer("Journals", found)


def get_journal(store: Store, req: Request) -> Response:
    """`GET /Journals/{JournalID}` or `/Journals/{JournalNumber}`."""
    key = req.params["record_id"].lower()
    for journal in journals(store, tenant_of(req)):
        if journal["JournalID"] == key or str(journal["JournalNumber"]) == key:
            return answer("Journals", [journal])
    return not_found()


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
