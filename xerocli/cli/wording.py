"""Counts in messages: "1 invoice", "2 invoices", never "1 invoices"."""

from __future__ import annotations


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`count(1, "invoice")` -> "1 invoice"; `count(2, "invoice")` -> "2 invoices".

    Pass `plural` where adding an "s" is wrong ("bank transactions" from a resource's noun).
    """
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"
