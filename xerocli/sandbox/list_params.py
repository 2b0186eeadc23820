"""List parameters Xero reads beside `where`: `searchTerm`, `includeArchived`, and GUID `IDs`.

Each returns SQL clauses over the store's columns (with `?` parameters: no user text is ever
spliced in), or raises `QueryError` for a value Xero refuses with 400. Which parameters a
collection takes is its declaration's `Listing`.
"""

from __future__ import annotations

import uuid

from xerocli.sandbox.http import Request
from xerocli.sandbox.resources.declaration import Resource
from xerocli.sandbox.where import QueryError

#: List parameters whose values must be GUIDs, as Xero names them in its 400.
GUID_PARAMETERS = {"IDs": "Ids", "ContactIDs": "ContactIDs"}


def search(resource: Resource, req: Request) -> tuple[list[str], list]:
    """`searchTerm=ridge`: any of the resource's search fields contains it, in any case."""
    term = req.arg("searchTerm")
    fields = resource.listing.search_fields
    if not term or not fields:
        return [], []
    tests = [f"instr(lower(coalesce(json_extract(body, '$.{f}'), '')), ?) > 0" for f in fields]
    return ["(" + " OR ".join(tests) + ")"], [term.lower()] * len(fields)


def archived(resource: Resource, req: Request) -> tuple[list[str], list]:
    """Leave archived records out unless `includeArchived=true` (or the collection's own
    parameter: `includeDeleted`)."""
    status = resource.listing.hides_status
    shown = (req.arg(resource.listing.hides_param) or "").strip().lower() == "true"
    if status is None or shown:
        return [], []
    return ["status COLLATE NOCASE != ?"], [status]


def check_guids(resource: Resource, req: Request) -> None:
    """`IDs=test` is a 400 in Xero, not an empty list."""
    for arg, label in GUID_PARAMETERS.items():
        if arg == "IDs" and not resource.listing.guid_ids:
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


def clauses(resource: Resource, req: Request) -> tuple[list[str], list]:
    """All of this module's clauses for one list request (after checking its GUIDs), and the
    collection's own filters (a purchase order's `Status`, `DateFrom`, `DateTo`)."""
    check_guids(resource, req)
    out: list[str] = []
    params: list = []
    for part in (search, archived):
        sql, values = part(resource, req)
        out.extend(sql)
        params.extend(values)
    if resource.listing.filters is not None:
        sql, values = resource.listing.filters(req)
        out.extend(sql)
        params.extend(values)
    return out, params
