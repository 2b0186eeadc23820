"""Building wire-format records: dates, timestamps and IDs as Xero writes them.

Shared by the seed and by the writers, so a seeded invoice and a created one look the same to a
client. The store rows that index them are built in `rows.py` (from the declarations).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from xerocli.sandbox.xerojson import date_string, ms_date


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


def new_id() -> str:
    """A new record's ID, as Xero makes them."""
    return str(uuid.uuid4())


def decimal_or_none(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))
