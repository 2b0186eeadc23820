"""Journals (`/Journals`): Xero's general ledger, read-only, numbered once and never changed.

The journals are the tenant's journal log (`journal_log.py`): posting a document adds a
journal with the next number; voiding or deleting it adds a reversing journal (its lines
negated, on the date of the journal it reverses, so no date's books hold it any more);
editing it adds a reversal and a new journal. So `offset` readers (`xero sync`, `export
--incremental`) get every change after the last number they saw, and the lines of the
journals dated up to any day sum to the reports' balances on that day.

A journal's lines are its document's postings per account in the base currency (a positive
NetAmount is a debit; the lines of a journal sum to zero; tax is its own line on 820, so
TaxAmount is 0). A prepayment's or overpayment's allocation is a journal of its own
(SourceType ARPREPAYMENT, APPREPAYMENT, AROVERPAYMENT or APOVERPAYMENT, SourceID the
credit's), dated the allocation's day: its share of the credit's lines back off their
accounts, onto 610 or 800. The account's name and type are the chart's.

Lists are paged by `offset`: the 100 journals numbered above it. `paymentsOnly=true` keeps the
payments' journals. A journal's ID is made from its tenant and number, so `/Journals/{ID}`
and `/Journals/{number}` are one lookup.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TYPE_CHECKING

# The module, not its names: it reads the declarations, so it may be importing this one.
from xerocli.sandbox import journal_log
from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, not_found, stable_id, tenant_of
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, ms_date

if TYPE_CHECKING:
    from xerocli.sandbox.journal_log import Entry

#: Journals in one answer (Xero's page of journals).
PAGE = 100
ZERO = Decimal("0.00")
PAYMENT_TYPES = ("ACCRECPAYMENT", "ACCPAYPAYMENT", "ARCREDITPAYMENT", "APCREDITPAYMENT")
#: Hex digits of a JournalID that are its number (the rest is the tenant's).
_NUMBER_DIGITS = 12


def journal_id(tenant_id: str, number: int) -> str:
    """A GUID-shaped ID that is the tenant's prefix and the journal's number in hex: the same
    in every copy of the data, and read back to the number without a lookup."""
    return _id_prefix(tenant_id, "journals") + f"{number:0{_NUMBER_DIGITS}x}"


def line_id(tenant_id: str, number: int, index: int) -> str:
    """A journal line's ID: the tenant's prefix, the journal's number and the line's place
    (made, not hashed, per line: a page has hundreds)."""
    return _id_prefix(tenant_id, "journal-lines") + f"{number:08x}{index:04x}"


@functools.lru_cache(maxsize=64)
def _id_prefix(tenant_id: str, what: str) -> str:
    return stable_id(tenant_id, what)[:-_NUMBER_DIGITS]


def _number_of(tenant_id: str, key: str) -> int | None:
    """The journal number `/Journals/{key}` names (a number or a journal's ID), if any."""
    if key.isdigit():
        return int(key)
    prefix = _id_prefix(tenant_id, "journals")
    digits = key[len(prefix) :]
    if not key.startswith(prefix) or len(digits) != _NUMBER_DIGITS:
        return None
    try:
        return int(digits, 16)
    except ValueError:
        return None


def _accounts(store: Store, tenant_id: str) -> dict[str, dict]:
    accounts = [loads(body) for body in store.select_bodies(tenant_id, "Accounts")]
    return {str(a.get("Code") or ""): a for a in accounts}


def shown(tenant_id: str, entry: Entry, accounts: dict[str, dict]) -> dict:
    """A journal as Xero answers it."""
    return {
        "JournalID": journal_id(tenant_id, entry.number),
        "JournalDate": ms_date(entry.day),
        "JournalNumber": entry.number,
        "CreatedDateUTC": entry.created,
        "Reference": entry.reference,
        "SourceID": entry.source_id,
        "SourceType": entry.source_type,
        "JournalLines": [
            _line(line_id(tenant_id, entry.number, index), code, amount, accounts)
            for index, (code, amount) in enumerate(entry.lines)
        ],
    }


def _line(identifier: str, code: str, amount: Decimal, accounts: dict[str, dict]) -> dict:
    account = accounts.get(code) or {}
    return {
        "JournalLineID": identifier,
        "AccountID": account.get("AccountID"),
        "AccountCode": code,
        "AccountType": account.get("Type"),
        "AccountName": account.get("Name"),
        "Description": "",
        "NetAmount": amount,
        "GrossAmount": amount,
        "TaxAmount": ZERO,
    }


def journals(store: Store, tenant_id: str) -> list[dict]:
    """Every journal of a tenant as answered, in number order."""
    accounts = _accounts(store, tenant_id)
    return [shown(tenant_id, entry, accounts) for entry in journal_log.every(store, tenant_id)]


def list_journals(store: Store, req: Request) -> Response:
    """`GET /Journals?offset=N&paymentsOnly=true`: the next 100 journals numbered above N."""
    try:
        offset = max(int(req.arg("offset") or 0), 0)
    except ValueError:
        return Response.json(400, {"Message": "offset must be a whole number"})
    payments_only = (req.arg("paymentsOnly") or "").lower() == "true"
    tenant_id = tenant_of(req)
    journal_log.bring_up_to_date(store, tenant_id)
    types = PAYMENT_TYPES if payments_only else ()
    found = journal_log.page(store, tenant_id, offset, PAGE, types)
    accounts = _accounts(store, tenant_id)
    return answer("Journals", [shown(tenant_id, entry, accounts) for entry in found])


def get_journal(store: Store, req: Request) -> Response:
    """`GET /Journals/{JournalID}` or `/Journals/{JournalNumber}`."""
    tenant_id = tenant_of(req)
    number = _number_of(tenant_id, req.params["record_id"].lower())
    if number is None or number < 1:
        return not_found()
    journal_log.bring_up_to_date(store, tenant_id)
    found = journal_log.numbered(store, tenant_id, number)
    if found is None:
        return not_found()
    return answer("Journals", [shown(tenant_id, found, _accounts(store, tenant_id))])


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
    seeded_by="the journal log, begun from the seeded documents when first read"
    " (journal_log.begin)",
    routes=(Route("GET", "", list_journals), Route("GET", "/{record_id}", get_journal)),
)
