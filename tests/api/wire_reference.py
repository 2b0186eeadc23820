"""`wire.loads` as it was before issue 18, copied: the reference the new one must equal.

Used by tests/api/test_wire.py and benchmarks/wire_bench.py; not to be "improved".
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

OLD_MS_DATE = re.compile(r'"(\w*)":"\\?/Date\((-?\d+)([+-]\d{4})?\)\\?/"')
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def old_ms_date_to_iso(ms: int, offset: str | None, timestamp: bool) -> str:
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
    # The one deliberate change since: a timestamp keeps `.000` on a whole second, so a column
    # of them has one shape (`18:00:00.000Z`, not `18:00:00Z` among `12:52:47.834Z`).
    text = moment.isoformat(
        timespec="milliseconds" if timestamp or moment.microsecond else "seconds"
    )
    return text.replace("+00:00", "Z")


def _old_is_timestamp_field(name: str) -> bool:
    return name.endswith("UTC") or name.endswith("Utc") or "DateTime" in name


def _old_replace(match: re.Match[str]) -> str:
    name, ms, offset = match.group(1), int(match.group(2)), match.group(3)
    return f'"{name}":"{old_ms_date_to_iso(ms, offset, _old_is_timestamp_field(name))}"'


def old_iso_dates(text: str) -> str:
    return OLD_MS_DATE.sub(_old_replace, text)


def old_loads(text: str | bytes) -> Any:
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if "/Date(" in text:
        text = old_iso_dates(text)
    return json.loads(text, parse_float=Decimal)
