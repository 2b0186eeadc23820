"""`xero sql QUERY`: one query on the mirror (opened read-only), its rows as records.

Column names become the records' keys, so every writer of the output layer (table, json,
ndjson, csv, tsv) prints them. The writers read a key as a field path, where `.` and `[`
mean nesting: such characters in a column's name (`sum(i.total)` without an alias) become
`_`, and a repeated name gets `_2`, `_3`, so no column is lost or merged. A query the
database refuses (a typo, a write on the read-only connection) is a one-line usage error.
"""

from __future__ import annotations

import re

from xerocli import errors
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
    return keys, [dict(zip(keys, row, strict=True)) for row in rows]
