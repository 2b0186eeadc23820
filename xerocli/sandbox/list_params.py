"""List parameters Xero reads beside `where`: `searchTerm`, `includeArchived`, and GUID `IDs`.

Each returns SQL clauses over the store's columns (with `?` parameters: no user text is ever
spliced in), or raises `QueryError` for a value Xero refuses with 400.
"""

from __future__ import annotations

import uuid

from xerocli.sandbox.http import Request
from xerocli.sandbox.where import QueryError

#: The fields `searchTerm` looks in, case-insensitively (the spec's searchTerm descriptions;
#: Xero's Contacts page adds CompanyNumber).
SEARCH_FIELDS = {
    "Invoices": ("InvoiceNumber", "Reference"),
    "Contacts": (
        "Name",
        "FirstName",
        "LastName",
        "ContactNumber",
        "CompanyNumber",
        "EmailAddress",
    ),
}
#: Endpoints that leave ARCHIVED records out unless `includeArchived=true` (Invoices take the
#: parameter too, but no invoice status is ARCHIVED).
HIDES_ARCHIVED = {"Contacts": "ARCHIVED"}
#: List parameters whose values must be GUIDs, as Xero names them in its 400.
GUID_PARAMETERS = {"IDs": "Ids", "ContactIDs": "ContactIDs"}
#: Kinds whose `IDs` are not GUIDs (a tax rate's id is its TaxType).
NON_GUID_IDS = {"TaxRates"}


def search(kind: str, req: Request) -> tuple[list[str], list]:
    """`searchTerm=ridge`: any of the kind's search fields contains it, in any case."""
    term = req.arg("searchTerm")
    fields = SEARCH_FIELDS.get(kind)
    if not term or not fields:
        return [], []
    tests = [f"instr(lower(coalesce(json_extract(body, '$.{f}'), '')), ?) > 0" for f in fields]
    return ["(" + " OR ".join(tests) + ")"], [term.lower()] * len(fields)


def archived(kind: str, req: Request) -> tuple[list[str], list]:
    """Leave archived records out unless `includeArchived=true`."""
    status = HIDES_ARCHIVED.get(kind)
    if status is None or (req.arg("includeArchived") or "").strip().lower() == "true":
        return [], []
    return ["status COLLATE NOCASE != ?"], [status]


def check_guids(kind: str, req: Request) -> None:
    """`IDs=test` is a 400 in Xero, not an empty list."""
    for arg, label in GUID_PARAMETERS.items():
        if arg == "IDs" and kind in NON_GUID_IDS:
            continue
        raw = req.arg(arg)
        for value in (raw or "").split(","):
            value = value.strip()
            if not value:
                continue
            try:
                uuid.UUID(value)
            except ValueError:
                raise QueryError(
                    f"Supplied parameter '{label}' cannot be parsed - must be of type UUID"
                ) from None


def clauses(kind: str, req: Request) -> tuple[list[str], list]:
    """All of this module's clauses for one list request (after checking its GUIDs)."""
    check_guids(kind, req)
    out: list[str] = []
    params: list = []
    for part in (search, archived):
        sql, values = part(kind, req)
        out.extend(sql)
        params.extend(values)
    return out, params
