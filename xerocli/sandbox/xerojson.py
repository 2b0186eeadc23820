"""Xero's wire format, as the sandbox writes and reads it.

Written apart from `xerocli.api.wire` on purpose: the sandbox is the client's test oracle.
- Dates are Microsoft JSON dates, `/Date(1539993600000+0000)/`.
- Money is `Decimal`, written as an exact JSON number (simplejson's `use_decimal`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import simplejson

PROVIDER_NAME = "xerocli sandbox"
TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def money(value: Decimal | int | str, places: Decimal = TWO_PLACES) -> Decimal:
    """Round half up, as Xero rounds line and tax amounts."""
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP)


def ms_date(value: date | datetime) -> str:
    """`/Date(ms+0000)/` for a date (midnight UTC) or an aware datetime."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    ms = int((value - EPOCH).total_seconds() * 1000)
    return f"/Date({ms}+0000)/"


def date_string(value: date) -> str:
    """The companion `DateString` field: `2026-02-06T00:00:00`."""
    return f"{value.isoformat()}T00:00:00"


def utc_string(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


#: Wire dates already converted: the reports' books parse a date or two of every document, and
#: a company's documents share a few hundred days.
_WIRE_DATES: dict[str, date] = {}


def parse_date(value: Any) -> date | None:
    """Dates as clients send them: `2026-02-06`, `2026-02-06T00:00:00` or `/Date(ms+0000)/`."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.startswith("/Date("):
        found = _WIRE_DATES.get(value)
        if found is None:
            if len(_WIRE_DATES) >= 4096:  # bounded: a cache, not a copy of every date seen
                _WIRE_DATES.clear()
            ms = int(value[6:].split("+")[0].split("-")[0].rstrip(")/"))
            found = _WIRE_DATES[value] = datetime.fromtimestamp(ms / 1000, tz=timezone.utc).date()
        return found
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    raise ValueError(f"not a date: {value!r}")


def dumps(obj: Any) -> str:
    """Compact JSON with Decimals as exact numbers."""
    return simplejson.dumps(obj, use_decimal=True, separators=(",", ":"), ensure_ascii=False)


#: One decoder for every read: `simplejson.loads(text, use_decimal=True)` builds a new one per
#: call, a tenth of the time of parsing a stored invoice (the reports' books parse thousands).
_DECODER = simplejson.JSONDecoder(parse_float=Decimal)


def loads(text: str | bytes) -> Any:
    """JSON with numbers as exact Decimals (what `simplejson.loads(use_decimal=True)` gives)."""
    return _DECODER.decode(text)


def envelope_head(now: datetime) -> str:
    """The fields every Accounting API answer starts with: Id, Status, ProviderName, DateTimeUTC."""
    return (
        f'"Id":"{uuid.uuid4()}","Status":"OK","ProviderName":"{PROVIDER_NAME}",'
        f'"DateTimeUTC":"{ms_date(now)}"'
    )


def envelope(collection: str, bodies: list[str], now: datetime, pagination: dict | None) -> str:
    """Build a list answer from already-serialised records, without re-encoding them."""
    parts = ["{", envelope_head(now)]
    if pagination is not None:
        parts.append(',"pagination":' + dumps(pagination))
    parts.append(f',"{collection}":[')
    parts.append(",".join(bodies))
    parts.append("]}")
    return "".join(parts)


def validation_exception(collection: str, elements: list[dict]) -> dict:
    """Xero's 400 body for a rejected write: ErrorNumber 10, one element per rejected record."""
    return {
        "ErrorNumber": 10,
        "Type": "ValidationException",
        "Message": "A validation exception occurred",
        "Elements": elements,
    }


def error_body(number: int, type_: str, message: str) -> dict:
    return {"ErrorNumber": number, "Type": type_, "Message": message}


#: Month names as Xero writes them in report titles and narrations, whatever the locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
