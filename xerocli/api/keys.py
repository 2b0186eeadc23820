"""Record keys (an ID, a number, a contact's name) checked before they become URL paths.

`GET Invoices/` is Xero's collection, so an empty key (an unset shell variable) used to act on
the first record: `payments delete ""` deleted a payment. A key with `/`, `?`, `#` or `..`
would reach another path. Every path built from a key goes through `record_path`, so every verb
of every resource is covered; the CLI checks the argument with `checked_key` too, before even
the login is read.
"""

from __future__ import annotations

from urllib.parse import quote

from xerocli import errors

#: Characters that would turn a key into another path, a query, a fragment or an escape.
PATH_CHARACTERS = frozenset("/\\?#%")


def key_problem(key: str) -> str | None:
    """Why `key` cannot name one record in a path, or None when it can."""
    if not key.strip():
        return "is empty" if not key else "is only whitespace"
    if key != key.strip():
        return "starts or ends with whitespace"
    if any(ord(char) < 32 or ord(char) == 127 for char in key):
        return "holds a control character"
    found = sorted(PATH_CHARACTERS & set(key))
    if found:
        return f"holds {found[0]!r}, which would make it another path"
    if set(key) == {"."}:
        return "is a path segment, not a record"
    return None


def checked_key(key: str, what: str = "KEY") -> str:
    """`key` unchanged, or a usage error naming the argument and the problem."""
    problem = key_problem(key)
    if problem:
        raise errors.UsageError(
            f"{what}: {key!r} {problem}; give a record's ID or number (nothing was sent)"
        )
    return key


def record_path(collection_path: str, key: str, *more: str) -> str:
    """`/Invoices/<key>[/more...]` with the key checked and percent-encoded."""
    return "/".join([collection_path, quote(checked_key(key), safe=""), *more])
