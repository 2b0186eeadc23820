"""Xero's wire format in one place, client side: dates, money and envelopes.

- Money: JSON numbers are parsed as `Decimal`, never float, so `12.3400` stays exact.
- Dates: Xero's `/Date(1539993600000+0000)/` become ISO 8601. Fields that Xero names as UTC
  timestamps (`UpdatedDateUTC`, ...) become `2026-02-06T12:17:43.202Z`; calendar dates
  (`Date`, `DueDate`, ...) become `2026-02-06` (with a time only if Xero gave one).
The conversion runs on the raw text with one regex pass, before JSON parsing, so a page of
1,000 invoices is not walked field by field in Python.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

_MS_DATE = re.compile(r'"(\w*)":"\\?/Date\((-?\d+)([+-]\d{4})?\)\\?/"')
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def ms_date_to_iso(ms: int, offset: str | None, timestamp: bool) -> str:
    """One Microsoft JSON date as ISO 8601."""
    moment = _EPOCH + timedelta(milliseconds=ms)
    if offset and offset not in ("+0000", "-0000"):
        sign = 1 if offset[0] == "+" else -1
        delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])) * sign
        moment = moment.astimezone(timezone(delta))
    if (
        not timestamp
        and moment.hour == moment.minute == moment.second == 0
        and not (moment.microsecond)
    ):
        return moment.date().isoformat()
    text = moment.isoformat(timespec="milliseconds" if moment.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def _is_timestamp_field(name: str) -> bool:
    return name.endswith("UTC") or name.endswith("Utc") or "DateTime" in name


def _replace(match: re.Match[str]) -> str:
    name, ms, offset = match.group(1), int(match.group(2)), match.group(3)
    return f'"{name}":"{ms_date_to_iso(ms, offset, _is_timestamp_field(name))}"'


def loads(text: str | bytes) -> Any:
    """Parse a Xero answer: dates to ISO 8601, numbers with a fraction to Decimal."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if "/Date(" in text:
        text = _MS_DATE.sub(_replace, text)
    return json.loads(text, parse_float=Decimal)


def records_of(payload: Any, collection: str) -> list[dict]:
    """The records of an envelope (`{"Invoices": [...]}`); Xero's key casing is exact."""
    if isinstance(payload, dict):
        found = payload.get(collection)
        if isinstance(found, list):
            return found
    return []
