"""Counts in messages: "1 invoice", "2 invoices", never "1 invoices"."""

from __future__ import annotations


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`count(1, "invoice")` -> "1 invoice"; `count(2, "invoice")` -> "2 invoices".

    Pass `plural` where adding an "s" is wrong ("bank transactions" from a resource's noun).
    """
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"


def write_summary(
    *,
    written: int,
    replayed: int,
    rejected: int,
    singular: str,
    plural: str,
    upsert: bool,
    key: str,
    key_given: bool,
) -> str:
    """The last line of `create`: what this run did, true whether or not Xero replayed it.

    `replayed` rows were answered from Xero's idempotency cache (the answer said so): an earlier
    run with the same key wrote them. Without that signal, a run with a key of the user's own
    may still be a replay, so the line says the records exist, not that this run made them.
    """
    verb = "created or updated" if upsert else "created"
    new = written - replayed
    rejected_part = f"; {rejected} rejected by Xero" if rejected else ""
    if replayed and not new:
        return (
            f"Nothing new: {count(replayed, singular, plural)}"
            f" {'was' if replayed == 1 else 'were'} already {verb} by an earlier run with"
            f" idempotency key {key}{rejected_part}."
        )
    if replayed:
        return (
            f"{verb.capitalize()} {count(new, singular, plural)}; {replayed} already {verb} by an"
            f" earlier run with this key{rejected_part} (idempotency key {key})."
        )
    if key_given and written:
        return (
            f"{count(written, singular, plural)} {verb} with idempotency key {key} (by this run,"
            f" or by an earlier one with the same key){rejected_part}."
        )
    done = count(written, singular, plural)
    return f"{verb.capitalize()} {done}{rejected_part} (idempotency key {key})."
