"""The text of one cell, for every writer that writes text cells (CSV, TSV, tables).

Decimals exactly as Xero sent them (`12.3400` stays `12.3400`, never a float), booleans
`true`/`false`, missing values empty, nested values as compact JSON. `excel=True` writes
timestamps as `2026-02-06 12:17:43` (Excel's own format; it does not parse `T...Z`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def cell_text(value: Any) -> str:
    """Text of one cell."""
    kind = type(value)
    if kind is str:
        return value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is Decimal:
        return format(value, "f")
    if kind in (dict, list):
        from xerocli.output.jsonfmt import dumps_compact

        return dumps_compact(value)
    return str(value)


def excel_cell_text(value: Any) -> str:
    """`cell_text`, with timestamps in the form Excel reads."""
    text = cell_text(value)
    if type(value) is str and "T" in text:
        match = _TIMESTAMP.match(text)
        if match:
            return f"{match.group(1)} {match.group(2)}"
    return text
