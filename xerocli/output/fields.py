"""Reading dotted paths (`Contact.Name`) out of records, and text for cells."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

_MISSING = object()


def get_path(record: Any, path: str, default: Any = None) -> Any:
    """`get_path(invoice, "Contact.Name")`; a numeric segment indexes a list (`LineItems.0`)."""
    current = record
    for part in path.split("."):
        if isinstance(current, dict):
            current = current.get(part, _MISSING)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return default
        if current is _MISSING:
            return default
    return current


def pick(record: dict, paths: list[str]) -> dict:
    """A record reduced to `paths`, nested as in the original (for JSON `--fields`)."""
    out: dict = {}
    for path in paths:
        value = get_path(record, path, _MISSING)
        if value is _MISSING:
            continue
        target = out
        parts = path.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return out


def cell_text(value: Any) -> str:
    """A value as text for CSV/TSV/table cells: exact decimals, lowercase booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        from xerocli.output.jsonfmt import dumps_compact

        return dumps_compact(value)
    return str(value)
