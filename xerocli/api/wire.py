"""Xero's wire format in one place, client side: dates, money and envelopes.

- Money: JSON numbers are parsed as `Decimal`, never float, so `12.3400` stays exact.
- Dates: Xero's `/Date(1539993600000+0000)/` become ISO 8601. Fields that Xero names as UTC
  timestamps (`UpdatedDateUTC`, ...) become `2026-02-06T12:17:43.202Z`; calendar dates
  (`Date`, `DueDate`, ...) become `2026-02-06` (with a time only if Xero gave one).
The conversion runs on the raw text before JSON parsing, so a page of 1,000 invoices is not walked
field by field in Python. It is the profile's hot spot of an export (issue 18), so it is built to
touch as little as it can:
- the search starts at the literal `/Date(` (the regex engine skips to it with a fast string
  search) instead of trying a match at every quote of the page, and checks the key behind it only
  there;
- a `"Key":"/Date(...)/"` pair seen before is converted from a bounded cache (a page of 1,000
  invoices has ~3,800 dates but ~2,200 distinct pairs, and pages of one export repeat them).
What is converted is exactly what the former one-regex pass converted, quirks included (the key is
the run of word characters after a quote, pairs never overlap): tests/api/test_wire.py checks it
against that implementation on generated text.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

#: A whole `"Key":"/Date(ms+hhmm)/"` pair (slashes optionally escaped, as Xero sends them).
_MS_DATE = re.compile(r'"(\w*)":"\\?/Date\((-?\d+)([+-]\d{4})?\)\\?/"')
#: The value part of such a pair, found from its literal start; the lookbehinds keep only values
#: that follow `":"` (or `":"\`), so the key is looked for behind real candidates only.
_DATE_VALUE = re.compile(r'/Date\((?:(?<=":"/Date\()|(?<=":"\\/Date\())(-?\d+)([+-]\d{4})?\)\\?/"')
#: Converted pairs, text to text; cleared when full so memory stays flat however long the export.
_CONVERTED: dict[str, str] = {}
_CONVERTED_MAX = 4096
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_MAX_ORDINAL = date.max.toordinal()
_DAY_MS = 86_400_000
#: Days since 1970 as `YYYY-MM-DD`: dates of a page share days (bounded like _CONVERTED).
_DAYS: dict[int, str] = {}
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
#: A timestamp's milliseconds as its ISO fraction; a whole second has none (`12:00:00Z`).
_FRACTIONS = ("", *(f".{n:03d}" for n in range(1, 1000)))


def ms_date_to_iso(ms: int, offset: str | None, timestamp: bool) -> str:
    """One Microsoft JSON date as ISO 8601."""
    if not offset or offset in ("+0000", "-0000"):
        utc = _utc_ms_date_to_iso(ms, timestamp)
        if utc is not None:
            return utc
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


def _utc_ms_date_to_iso(ms: int, timestamp: bool) -> str | None:
    """The UTC case (nearly every date Xero sends) in integer arithmetic and table look-ups,
    several times faster than datetime's; None outside datetime's years, which the general case
    reports."""
    days, in_day = divmod(ms, _DAY_MS)
    day = _DAYS.get(days)
    if day is None:
        ordinal = _EPOCH_ORDINAL + days
        if not 0 < ordinal <= _MAX_ORDINAL:
            return None
        if len(_DAYS) >= _CONVERTED_MAX:
            _DAYS.clear()
        day = _DAYS[days] = date.fromordinal(ordinal).isoformat()
    if not timestamp and not in_day:
        return day
    seconds, milliseconds = divmod(in_day, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    two = _TWO_DIGITS
    return f"{day}T{two[hour]}:{two[minute]}:{two[second]}{_FRACTIONS[milliseconds]}Z"


def _is_timestamp_field(name: str) -> bool:
    return name.endswith("UTC") or name.endswith("Utc") or "DateTime" in name


def _convert_pair(pair: str) -> str | None:
    """`"Key":"/Date(...)/"` as `"Key":"<ISO 8601>"`, or None if it is no such pair; cached."""
    match = _MS_DATE.fullmatch(pair)
    if match is None:
        return None
    name, ms, offset = match.group(1), int(match.group(2)), match.group(3)
    converted = f'"{name}":"{ms_date_to_iso(ms, offset, _is_timestamp_field(name))}"'
    if len(_CONVERTED) >= _CONVERTED_MAX:
        _CONVERTED.clear()
    _CONVERTED[pair] = converted
    return converted


def iso_dates(text: str) -> str:
    """Every `"Key":"/Date(...)/"` pair of a JSON text with its date as ISO 8601.

    The same as `_MS_DATE.sub(...)` of old, found faster: from each `/Date(` that follows `":"`,
    the key starts at the last quote before that `":"` (a pair's key is the word characters after
    a quote), and a pair may not start inside the previous one.
    """
    pieces: list[str] = []
    copied = 0  # text[:copied] is in pieces; also where the last converted pair ended
    rfind = text.rfind
    cached = _CONVERTED.get
    for match in _DATE_VALUE.finditer(text):
        value = match.start()
        key_end = value - 4 if text[value - 1] == "\\" else value - 3
        opening = rfind('"', 0, key_end)
        if opening < copied:
            continue
        end = match.end()
        pair = text[opening:end]
        converted = cached(pair) or _convert_pair(pair)
        if converted is None:
            continue
        pieces.append(text[copied:opening])
        pieces.append(converted)
        copied = end
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)


def loads(text: str | bytes) -> Any:
    """Parse a Xero answer: dates to ISO 8601, numbers with a fraction to Decimal."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if "/Date(" in text:
        text = iso_dates(text)
    return json.loads(text, parse_float=Decimal)


def records_of(payload: Any, collection: str) -> list[dict]:
    """The records of an envelope (`{"Invoices": [...]}`); Xero's key casing is exact."""
    if isinstance(payload, dict):
        found = payload.get(collection)
        if isinstance(found, list):
            return found
    return []
