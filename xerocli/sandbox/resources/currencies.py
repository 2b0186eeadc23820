"""Currencies (`/Currencies`): the organisation's base currency and those it trades in; Xero
lists them and adds one (`PUT /Currencies`), never edits or removes one."""

from __future__ import annotations

import re

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, stored, tenant_of
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

#: ISO 4217 names of the codes the demo companies use; another code is described by its code.
NAMES = {
    "NZD": "New Zealand Dollar",
    "GBP": "British Pound",
    "USD": "United States Dollar",
    "EUR": "Euro",
    "AUD": "Australian Dollar",
    "CAD": "Canadian Dollar",
    "JPY": "Japanese Yen",
    "SGD": "Singapore Dollar",
    "ZAR": "South African Rand",
    "CHF": "Swiss Franc",
}
_CODE = re.compile(r"^[A-Z]{3}$")


def seed_currencies(company) -> list[dict]:
    """The company's currencies: its base one first, then the foreign ones it banks in."""
    return [
        {"Code": code, "Description": NAMES.get(code, code)} for code in company.spec.currencies
    ]


def add_currencies(store: Store, req: Request) -> Response:
    """`PUT /Currencies`: adds each code not there yet (one already there is answered as is);
    a code that is not three letters is a validation error and nothing is added."""
    try:
        payload = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    sent = payload.get("Currencies", [payload]) if isinstance(payload, dict) else payload
    if not isinstance(sent, list) or not sent:
        return Response.json(400, error_body(16, "QueryParseException", "No Currencies given"))
    known = {c["Code"]: c for c in stored(store, req, "Currencies")}
    added, refused = [], []
    for element in sent:
        code = str((element or {}).get("Code") or "").strip().upper()
        if not _CODE.match(code):
            refused.append(
                {**element, "ValidationErrors": [{"Message": "Code must be an ISO 4217 code"}]}
            )
            continue
        added.append(known.get(code) or {"Code": code, "Description": NAMES.get(code, code)})
    if refused:
        return Response.json(400, validation_exception("Currencies", refused))
    new = [c for c in added if c["Code"] not in known]
    with store.transaction():
        store.insert_rows(row_for(tenant_of(req), "Currencies", c) for c in new)
    return answer("Currencies", added)


RESOURCE = Resource(
    collection="Currencies",
    type_name="Currency",
    id_field="Code",
    number_field="Code",
    status_field=None,
    fields=frozenset({"Code", "Description"}),
    listing=Listing(guid_ids=False),
    scopes=("accounting.settings",),
    seed=seed_currencies,
    routes=(Route("PUT", "", add_currencies),),
    by_id=False,
)
