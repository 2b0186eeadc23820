"""Building wire-format records and the store rows that index them.

Shared by the seed and by the write endpoints, so a seeded invoice and a created one look the
same to a client.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from xerocli.sandbox.store import Row
from xerocli.sandbox.xerojson import date_string, dumps, ms_date, parse_date

#: For each kind: its ID field, number field, and how to read the indexed columns.
KINDS: dict[str, dict[str, str | None]] = {
    "Invoices": {"id": "InvoiceID", "number": "InvoiceNumber", "date": "Date", "due": "DueDate"},
    "Contacts": {"id": "ContactID", "number": "ContactNumber", "date": None, "due": None},
    "Accounts": {"id": "AccountID", "number": "Code", "date": None, "due": None},
    "BankTransactions": {"id": "BankTransactionID", "number": None, "date": "Date", "due": None},
    "Payments": {"id": "PaymentID", "number": None, "date": "Date", "due": None},
    "Items": {"id": "ItemID", "number": "Code", "date": None, "due": None},
    "PurchaseOrders": {
        "id": "PurchaseOrderID",
        "number": "PurchaseOrderNumber",
        "date": "Date",
        "due": "DeliveryDate",
    },
    "CreditNotes": {
        "id": "CreditNoteID",
        "number": "CreditNoteNumber",
        "date": "Date",
        "due": None,
    },
    "TaxRates": {"id": "TaxType", "number": None, "date": None, "due": None},
    "ManualJournals": {"id": "ManualJournalID", "number": None, "date": "Date", "due": None},
}

STATUS_FIELDS = ("Status", "ContactStatus")


def set_date(record: dict, field: str, value: date | None, with_string: bool = True) -> None:
    """Set a date field and, as Xero does for transaction dates, its `...String` twin."""
    if value is None:
        record.pop(field, None)
        record.pop(f"{field}String", None)
        return
    record[field] = ms_date(value)
    if with_string:
        record[f"{field}String"] = date_string(value)


def set_updated(record: dict, when: datetime) -> None:
    record["UpdatedDateUTC"] = ms_date(when)


def updated_of(record: dict) -> datetime:
    text = record["UpdatedDateUTC"]
    ms = int(text[6:].split("+")[0].rstrip(")/"))
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def iso_updated(when: datetime) -> str:
    """Sortable text for the `updated` column: microsecond precision, UTC."""
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def row_for(tenant_id: str, kind: str, record: dict) -> Row:
    """Index a wire-format record for storage."""
    spec = KINDS[kind]
    contact = record.get("Contact") or {}
    status = next((record[f] for f in STATUS_FIELDS if f in record), None)
    date_field, due_field = spec["date"], spec["due"]
    number_field = spec["number"]
    return Row(
        tenant_id=tenant_id,
        kind=kind,
        id=str(record[spec["id"]]),
        number=record.get(number_field) if number_field else None,
        status=status,
        type=record.get("Type"),
        contact_id=contact.get("ContactID"),
        date=_iso(record.get(date_field)) if date_field else None,
        due_date=_iso(record.get(due_field)) if due_field else None,
        updated=iso_updated(updated_of(record)),
        body=dumps(record),
    )


def _iso(value: str | None) -> str | None:
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else None


def decimal_or_none(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))
