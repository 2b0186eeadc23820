"""`xero sql QUERY`: one query on the mirror (opened read-only), its rows as records.

Column names become the records' keys, so every writer of the output layer (table, json,
ndjson, csv, tsv) prints them. The writers read a key as a field path, where `.` and `[`
mean nesting: such characters in a column's name (`sum(i.total)` without an alias) become
`_`, and a repeated name gets `_2`, `_3`, so no column is lost or merged. A query the
database refuses (a typo, a write on the read-only connection) is a one-line usage error.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from xerocli import errors
from xerocli.api.marks import iso_utc
from xerocli.mirror.backends.base import Backend


def record_keys(names: list[str]) -> list[str]:
    keys: list[str] = []
    for name in names:
        key = re.sub(r"[.\[\]]", "_", name) or "column"
        base, n = key, 1
        while key in keys:
            n += 1
            key = f"{base}_{n}"
        keys.append(key)
    return keys


def run_query(backend: Backend, query: str) -> tuple[list[str], list[dict]]:
    if not query.strip():
        raise errors.UsageError(
            "QUERY: an empty query; e.g. xero sql 'SELECT count(*) FROM invoices'"
        )
    try:
        names, rows = backend.query(query)
        rows = list(rows)
    except Exception as exc:
        raise backend.fail(exc, "running it on", "QUERY") from None
    keys = record_keys(names)
    return keys, [dict(zip(keys, map(plain, row), strict=True)) for row in rows]


def plain(value: Any) -> Any:
    """A value every writer prints: timestamps as ISO 8601 UTC (`2026-02-06T12:17:43.202Z`; a
    timestamp without a zone is the mirror's UTC), dates as `YYYY-MM-DD`, other driver types
    (UUIDs, intervals, bytes) as text; numbers, Decimals, text and booleans as they are."""
    if value is None or isinstance(value, (str, int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return iso_utc(moment)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)
