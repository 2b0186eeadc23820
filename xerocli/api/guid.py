"""Xero IDs (GUIDs) told apart from numbers and names, without importing `uuid`.

Every command that has a tenant selected checks its ID, and `uuid` (with the `platform` it
imports) is ~3 ms of a command's start. `canonical` accepts exactly what `uuid.UUID(text)`
accepts and gives exactly `str(uuid.UUID(text))` (`tests/api/test_guid.py` compares the two).
"""

from __future__ import annotations


def canonical(text: str) -> str | None:
    """`text` as a GUID in Xero's form (lowercase, hyphenated), or None if it is not one.

    The same parse as `uuid.UUID`: `urn:`/`uuid:` prefixes, braces and hyphens dropped, then 32
    digits of base 16 as `int(..., 16)` reads them."""
    digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
    if len(digits) != 32:
        return None
    try:
        value = int(digits, 16)
    except ValueError:
        return None
    if value >> 128:  # as `uuid.UUID` checks (32 digits never reach it)
        return None
    hexed = f"{value:032x}"
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


def is_guid(text: str) -> bool:
    """Whether `text` is a Xero ID (a GUID) rather than a number or a name."""
    return canonical(text) is not None
