"""`Reports/AgedReceivablesByContact` and `Reports/AgedPayablesByContact`.

What each contact owes (or is owed) as at a date, aged by due date: Current (not yet due),
then < 1 Month, 1 Month, 2 Months, 3 Months overdue and Older, in whole calendar months past
the due date. Amounts are in base currency as they sit on 610 or 800, so a report's Total
equals the control account in the trial balance at the same date.

With `contactId` the rows are that contact's invoices and credit notes (Xero's own report is
per contact); without it, one row per contact (the sandbox's summary, also Xero's "Aged
Receivables Summary" layout). `fromDate` and `toDate` keep the documents dated between them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from xerocli.sandbox.books import Books, OpenItem, items_of
from xerocli.sandbox.ledger import ZERO
from xerocli.sandbox.report_params import BadParameter, Params
from xerocli.sandbox.statements import amount_text, header, long_date, row, section

BUCKETS = ("Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older")
PARAMS = ("contactId", "date", "fromDate", "toDate")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
TYPES = {"receivables": ("ACCREC", "ACCRECCREDIT"), "payables": ("ACCPAY", "ACCPAYCREDIT")}


def bucket(due: date, as_at: date) -> int:
    """0 for Current, 1..5 for months overdue (< 1, 1, 2, 3, older)."""
    if due >= as_at:
        return 0
    months = (as_at.year - due.year) * 12 + as_at.month - due.month - (as_at.day < due.day)
    return 1 + min(months, 4)


def aged_rows(books: Books, which: str, params: Params, today: date) -> tuple[list[dict], str]:
    as_at = params.date("date", today)
    start = params.date("fromDate", date.min)
    end = params.date("toDate", as_at)
    if start > end:
        raise BadParameter(f"fromDate {start.isoformat()} is after toDate {end.isoformat()}")
    contact = params.text("contactId").lower()
    if contact and not _GUID.match(contact):
        raise BadParameter(f"contactId must be a contact's ID (a GUID), not '{contact}'")
    sign = Decimal(1) if which == "receivables" else Decimal(-1)
    # Each open item with what it still owes as at the date, worked out once (the walk over
    # its payments and allocations is most of the report's time at 100,000 invoices).
    last = min(end, as_at)
    open_items: list[tuple[OpenItem, Decimal]] = []
    for item in items_of(books, TYPES[which]):
        if start <= item.day <= last and (not contact or item.contact_id == contact):
            owed = item.outstanding(as_at)
            if owed:
                open_items.append((item, owed))
    period = f"As at {long_date(as_at)}"
    if contact:
        return _by_document(open_items, as_at, sign), period
    return _by_contact(open_items, as_at, sign), period


def _buckets(item: OpenItem, owed: Decimal, as_at: date, sign: Decimal) -> list[Decimal]:
    amounts = [ZERO] * len(BUCKETS)
    amounts[bucket(item.due, as_at)] = sign * owed
    return amounts


def _total_row(totals: list[Decimal], width_before: int) -> dict:
    return row(
        ["Total", *([""] * width_before), *(amount_text(t) for t in totals)], kind="SummaryRow"
    )


def _by_contact(items: list[tuple[OpenItem, Decimal]], as_at: date, sign: Decimal) -> list[dict]:
    per_contact: dict[str, tuple[str, list[Decimal]]] = {}
    for item, owed in items:
        name, amounts = per_contact.setdefault(item.contact_id, (item.contact_name, [ZERO] * 6))
        for index, amount in enumerate(_buckets(item, owed, as_at, sign)):
            amounts[index] += amount
    rows = []
    totals = [ZERO] * (len(BUCKETS) + 1)
    for contact_id, (name, amounts) in sorted(per_contact.items(), key=lambda kv: kv[1][0].lower()):
        values = [*amounts, sum(amounts, ZERO)]
        totals = [t + v for t, v in zip(totals, values, strict=False)]
        cells = [{"Value": name, "Attributes": [{"Value": contact_id, "Id": "contact"}]}]
        cells += [{"Value": amount_text(v)} for v in values]
        rows.append({"RowType": "Row", "Cells": cells})
    rows.append(_total_row(totals, 0))
    return [header(["Contact", *BUCKETS, "Total"]), section("", rows)]


def _timestamp(day: date) -> str:
    """A document's date as Xero's per-contact aged report writes it: `2018-05-13T00:00:00`."""
    return f"{day.isoformat()}T00:00:00"


def _document_row(values: list[str], item: OpenItem) -> dict:
    """A row of one document, each cell naming it (`invoiceID`, or `creditNoteID` for a
    credit note), as Xero's report does."""
    key = "creditNoteID" if item.type.endswith("CREDIT") else "invoiceID"
    attribute = [{"Value": item.doc_id, "Id": key}]
    return {"RowType": "Row", "Cells": [{"Value": v, "Attributes": attribute} for v in values]}


def _by_document(items: list[tuple[OpenItem, Decimal]], as_at: date, sign: Decimal) -> list[dict]:
    rows = []
    totals = [ZERO] * (3 + len(BUCKETS))
    for item, owed in items:
        total = sign * item.amount
        settled = sign * item.settled(as_at)
        due = sign * owed
        values = [total, settled, due, *_buckets(item, owed, as_at, sign)]
        totals = [t + v for t, v in zip(totals, values, strict=False)]
        cells = [
            _timestamp(item.day),
            item.number,
            _timestamp(item.due),
            item.reference,
            *(amount_text(v) for v in values),
        ]
        rows.append(_document_row(cells, item))
    rows.append(_total_row(totals, 3))
    head = ["Date", "Number", "Due Date", "Reference", "Total", "Paid and Credited", "Due"]
    return [header([*head, *BUCKETS]), section("", rows)]
