"""The one field-path language of `--fields`, table columns and export columns.

A path names a field in Xero's own names: `A.B` reads field B of object A; `[N]` (or `.N`) picks
the Nth element of a list; `[WORD]` the element whose `...Type` field is WORD
(`Addresses[POBOX].City`, `Phones[MOBILE].PhoneNumber`). `list`, `get`, tables and `export` all
read records through `compile_path`/`read`, so a path that works in one works in all.

Paths are compiled once into tuples of steps, so 100,000 invoices do not re-parse 40 strings
each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

Step = tuple[str, Any]  # ("key", name) | ("index", n) | ("type", WORD)

#: A name is anything but dots and brackets (a report's `YTD Debit` column is one name).
_STEP = re.compile(r"([^.\[\]]+)|\[([A-Za-z0-9_-]+)\]")
_MISSING = object()


class PathError(ValueError):
    """A path that is not in the path language (`Contact..Name`, `Addresses[`)."""


@lru_cache(maxsize=4096)
def compile_path(path: str) -> tuple[Step, ...]:
    """`Addresses[POBOX].City` -> (("key","Addresses"), ("type","POBOX"), ("key","City"))."""
    steps: list[Step] = []
    if not path:
        raise PathError("an empty field path")
    for part in path.split("."):
        if part.isdigit() and steps:
            steps.append(("index", int(part)))  # `LineItems.0.Description`
            continue
        if not part:
            raise PathError(f"{path!r} is not a field path (an empty part between dots)")
        position = 0
        while position < len(part):
            match = _STEP.match(part, position)
            if not match or (match.group(2) is not None and not steps):
                raise PathError(
                    f"{path!r} is not a field path (use names, dots and [N] or [TYPE]:"
                    " Addresses[POBOX].City)"
                )
            name, selector = match.groups()
            if name is not None:
                if position:  # `Addresses[0]City`: a name glued to a selector
                    raise PathError(f"{path!r} is not a field path (a dot is missing)")
                steps.append(("key", name))
            elif selector.isdigit():
                steps.append(("index", int(selector)))
            else:
                steps.append(("type", selector))
            position = match.end()
    return tuple(steps)


def read_steps(value: Any, steps: tuple[Step, ...], default: Any = None) -> Any:
    """The value at `steps` in `value`, or `default` where the record has no such field."""
    for kind, arg in steps:
        if kind == "key":
            if not isinstance(value, dict):
                return default
            value = value.get(arg, _MISSING)
            if value is _MISSING:
                return default
        elif kind == "index":
            if not isinstance(value, list) or arg >= len(value):
                return default
            value = value[arg]
        else:
            if not isinstance(value, list):
                return default
            value = next((item for item in value if _has_type(item, arg)), _MISSING)
            if value is _MISSING:
                return default
        if value is None:
            return default
    return value


def _has_type(item: Any, word: str) -> bool:
    return isinstance(item, dict) and any(
        key.endswith("Type") and value == word for key, value in item.items()
    )


def read(record: Any, path: str, default: Any = None) -> Any:
    """`read(invoice, "Contact.Name")`, `read(contact, "Addresses[POBOX].City")`."""
    return read_steps(record, compile_path(path), default)


def read_first(record: Any, paths: Iterable[str]) -> Any:
    """The first of `paths` with a value in `record` (not None, not ""), else None: a column
    with alternatives (`Invoice.InvoiceNumber`, else `CreditNote.CreditNoteNumber`)."""
    for path in paths:
        value = read(record, path)
        if value is not None and value != "":
            return value
    return None


def pick(record: dict, paths: list[str]) -> dict:
    """A record reduced to `paths`, nested as in the original (for JSON `--fields`).

    Every path is a key of the result, `null` where this record has no value, so each object
    of a list has the same shape. A selector stays in its key: `{"Addresses[POBOX]": {...}}`.
    """
    out: dict = {}
    for path in paths:
        steps = compile_path(path)
        keys: list[str] = []
        for kind, arg in steps:
            if kind == "key":
                keys.append(arg)
            else:
                keys[-1] += f"[{arg}]"
        target = out
        for key in keys[:-1]:
            nested = target.setdefault(key, {})
            if not isinstance(nested, dict):  # `Contact` and `Contact.Name` both asked for
                break
            target = nested
        else:
            target[keys[-1]] = read_steps(record, steps)
    return out
