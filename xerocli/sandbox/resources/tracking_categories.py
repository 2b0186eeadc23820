"""Tracking categories (`/TrackingCategories`) and their options: the dimensions (Region,
Department) a line of a document is tagged with. Xero creates a category (`PUT`), renames or
archives it (`POST /{ID}` with a Name or Status), deletes it (`DELETE /{ID}`), and adds, renames
and deletes its options (`PUT /{ID}/Options`, `POST|DELETE /{ID}/Options/{OptionID}`). Lists
leave archived categories out unless `includeArchived=true`; an organisation has at most two
active categories.

A document's line (`LineItems[].Tracking`, a manual journal's `JournalLines[].Tracking`) names
an ACTIVE option of an ACTIVE category, by TrackingCategoryID or Name and by TrackingOptionID
or Option, one option a category (so two at most); anything else is a validation error, as in
Xero, and a good entry is stored as Xero answers it, with both names and both IDs
(`line_tracking`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.records import new_id
from xerocli.sandbox.resources._answers import answer, not_found, stable_id, stored, tenant_of
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

if TYPE_CHECKING:
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context

KIND = "TrackingCategories"
STATUSES = ("ACTIVE", "ARCHIVED")
MAX_ACTIVE = 2
#: The demo companies' categories and options.
SEEDED = (("Region", ("North", "South", "East", "West")), ("Department", ("Sales", "Operations")))


def seed_categories(company) -> list[dict]:
    tenant = company.spec.tenant_id
    return [
        {
            "TrackingCategoryID": stable_id(tenant, "tracking", name),
            "Name": name,
            "Status": "ACTIVE",
            "Options": [
                {
                    "TrackingOptionID": stable_id(tenant, "tracking", name, option),
                    "Name": option,
                    "Status": "ACTIVE",
                }
                for option in options
            ],
        }
        for name, options in SEEDED
    ]


def _elements(req: Request, key: str) -> list[dict] | Response:
    try:
        payload = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    sent = payload.get(key, [payload]) if isinstance(payload, dict) else payload
    if not isinstance(sent, list) or not sent:
        return Response.json(400, error_body(16, "QueryParseException", f"No {key} were given"))
    return [{k[:1].upper() + k[1:]: v for k, v in e.items()} if isinstance(e, dict) else {}
            for e in sent]  # fmt: skip


def _refused(key: str, element: dict, message: str) -> Response:
    shown = {**element, "ValidationErrors": [{"Message": message}]}
    return Response.json(400, validation_exception(key, [shown]))


def _category(store: Store, req: Request) -> dict | None:
    body = store.get_body(tenant_of(req), KIND, req.params["record_id"])
    return loads(body) if body else None


def _save(store: Store, req: Request, category: dict) -> None:
    with store.transaction():
        store.insert_rows([row_for(tenant_of(req), KIND, category)])


def _name(element: dict, what: str, limit: int) -> tuple[str, str | None]:
    name = str(element.get("Name") or "").strip()
    if not name:
        return name, f"The {what} name must be provided"
    if len(name) > limit:
        return name, f"The {what} name must be {limit} characters or fewer"
    return name, None


def create_category(store: Store, req: Request) -> Response:
    """`PUT /TrackingCategories`: a new ACTIVE category with no options."""
    sent = _elements(req, KIND)
    if isinstance(sent, Response):
        return sent
    element = sent[0]
    name, problem = _name(element, "tracking category", 100)
    categories = stored(store, req, KIND)
    if problem is None and any(c["Name"].lower() == name.lower() for c in categories):
        problem = f"A tracking category named {name} already exists"
    if problem is None and sum(c["Status"] == "ACTIVE" for c in categories) >= MAX_ACTIVE:
        problem = f"An organisation can have at most {MAX_ACTIVE} active tracking categories"
    if problem:
        return _refused(KIND, element, problem)
    category = {"TrackingCategoryID": new_id(), "Name": name, "Status": "ACTIVE", "Options": []}
    _save(store, req, category)
    return answer(KIND, [category])


def change_category(store: Store, req: Request) -> Response:
    """`POST /TrackingCategories/{ID}`: a new Name, or Status ARCHIVED (or ACTIVE again)."""
    category = _category(store, req)
    if category is None:
        return not_found()
    sent = _elements(req, KIND)
    if isinstance(sent, Response):
        return sent
    element = sent[0]
    if "Name" in element:
        name, problem = _name(element, "tracking category", 100)
        if problem:
            return _refused(KIND, element, problem)
        category["Name"] = name
    status = str(element.get("Status") or category["Status"]).upper()
    if status not in STATUSES:
        return _refused(KIND, element, f"Status must be one of {', '.join(STATUSES)}")
    category["Status"] = status
    _save(store, req, category)
    return answer(KIND, [category])


def delete_category(store: Store, req: Request) -> Response:
    """`DELETE /TrackingCategories/{ID}`: gone; answered with it, Status DELETED."""
    category = _category(store, req)
    if category is None:
        return not_found()
    with store.transaction():
        store.execute(
            "DELETE FROM records WHERE tenant_id=? AND kind=? AND id=? COLLATE NOCASE",
            (tenant_of(req), KIND, category["TrackingCategoryID"]),
        )
    return answer(KIND, [{**category, "Status": "DELETED"}])


def add_options(store: Store, req: Request) -> Response:
    """`PUT /TrackingCategories/{ID}/Options`: each a new ACTIVE option, its name unique."""
    category = _category(store, req)
    if category is None:
        return not_found()
    sent = _elements(req, "Options")
    if isinstance(sent, Response):
        return sent
    added = []
    taken = {o["Name"].lower() for o in category["Options"]}
    for element in sent:
        name, problem = _name(element, "tracking option", 100)
        if problem is None and name.lower() in taken:
            problem = f"An option named {name} already exists"
        if problem:
            return _refused("Options", element, problem)
        taken.add(name.lower())
        added.append({"TrackingOptionID": new_id(), "Name": name, "Status": "ACTIVE"})
    category["Options"] += added
    _save(store, req, category)
    return answer("Options", added)


def _option(category: dict, req: Request) -> dict | None:
    wanted = req.params["option_id"].lower()
    return next((o for o in category["Options"] if o["TrackingOptionID"] == wanted), None)


def change_option(store: Store, req: Request) -> Response:
    """`POST /TrackingCategories/{ID}/Options/{OptionID}`: its new Name."""
    category = _category(store, req)
    option = _option(category, req) if category else None
    if option is None:
        return not_found()
    sent = _elements(req, "Options")
    if isinstance(sent, Response):
        return sent
    name, problem = _name(sent[0], "tracking option", 100)
    if problem:
        return _refused("Options", sent[0], problem)
    option["Name"] = name
    _save(store, req, category)
    return answer("Options", [option])


def delete_option(store: Store, req: Request) -> Response:
    """`DELETE /TrackingCategories/{ID}/Options/{OptionID}`: answered with it, DELETED."""
    category = _category(store, req)
    option = _option(category, req) if category else None
    if option is None:
        return not_found()
    category["Options"] = [o for o in category["Options"] if o is not option]
    _save(store, req, category)
    return answer("Options", [{**option, "Status": "DELETED"}])


# --- tracking on a document's lines -----------------------------------------------------------
def line_tracking(ctx: Context, el: Element, sent: object, where: str) -> list:
    """A line's Tracking as stored: each entry resolved to the organisation's category and
    option, with errors on `el` for one it does not have (or has archived), as Xero refuses
    them; a bad entry is kept as sent, for the refused element's echo."""
    if sent is None or sent == "":
        return []
    if not isinstance(sent, list):
        el.error(f"{where}: Tracking must be a list")
        return []
    resolved: list = []
    seen: set[str] = set()
    for entry in sent:
        found = _tracking_entry(ctx, el, entry, where)
        if found is None:
            resolved.append(entry)
            continue
        if found["TrackingCategoryID"] in seen:  # a line is in one option of a category
            el.error(f"{where}: only one option of TrackingCategory '{found['Name']}' may be given")
        seen.add(found["TrackingCategoryID"])
        resolved.append(found)
    return resolved


def _tracking_entry(ctx: Context, el: Element, entry: object, where: str) -> dict | None:
    """One entry as Xero answers it (Name, Option and both IDs), or None with its error."""
    if not isinstance(entry, dict):
        el.error(f"{where}: each Tracking entry must be an object")
        return None
    category = _active_category(ctx, el, entry)
    option = _active_option(el, category, entry) if category is not None else None
    if category is None or option is None:
        return None
    return {
        "Name": category["Name"],
        "Option": option["Name"],
        "TrackingCategoryID": category["TrackingCategoryID"],
        "TrackingOptionID": option["TrackingOptionID"],
    }


def _active_category(ctx: Context, el: Element, entry: dict) -> dict | None:
    """The ACTIVE category an entry names (by TrackingCategoryID, else Name), or None."""
    wanted_id, wanted_name = entry.get("TrackingCategoryID"), entry.get("Name")
    category = _by_id_or_name(ctx.tracking_categories, "TrackingCategoryID", wanted_id, wanted_name)
    if category is None:
        el.error(_missing("TrackingCategory", wanted_id, wanted_name))
    elif category.get("Status") != "ACTIVE":
        el.error(f"The TrackingCategory '{category['Name']}' is archived and cannot be used.")
        return None
    return category


def _active_option(el: Element, category: dict, entry: dict) -> dict | None:
    """The ACTIVE option of `category` an entry names (by TrackingOptionID, else Option)."""
    wanted_id, wanted_name = entry.get("TrackingOptionID"), entry.get("Option")
    options = category.get("Options") or []
    option = _by_id_or_name(options, "TrackingOptionID", wanted_id, wanted_name)
    of = f" for TrackingCategory '{category['Name']}'"
    if option is None:
        el.error(_missing("TrackingOption", wanted_id, wanted_name, of))
    elif option.get("Status", "ACTIVE") != "ACTIVE":
        el.error(f"The TrackingOption '{option['Name']}' is archived{of} and cannot be used.")
        return None
    return option


def _by_id_or_name(
    candidates: list[dict], id_field: str, wanted_id: object, wanted_name: object
) -> dict | None:
    """The one with that ID when an ID is given (Xero goes by it), else with that name (any
    case)."""
    if wanted_id:
        key = str(wanted_id).strip().lower()
        return next((c for c in candidates if str(c.get(id_field)).lower() == key), None)
    name = str(wanted_name or "").strip().lower()
    return next((c for c in candidates if str(c.get("Name")).lower() == name), None)


def _missing(what: str, wanted_id: object, wanted_name: object, of: str = "") -> str:
    """Xero's "does not exist", naming what was sent: the ID if one was, else the name."""
    if wanted_id:
        return f"The {what}ID '{wanted_id}' does not exist{of}."
    return f"The {what} '{wanted_name or ''}' does not exist{of}."


RESOURCE = Resource(
    collection=KIND,
    type_name="TrackingCategory",
    id_field="TrackingCategoryID",
    fields=frozenset({"TrackingCategoryID", "Name", "Status", "Options"}),
    listing=Listing(hides_status="ARCHIVED"),
    scopes=("accounting.settings",),
    seed=seed_categories,
    routes=(
        Route("PUT", "", create_category),
        Route("POST", "/{record_id}", change_category),
        Route("DELETE", "/{record_id}", delete_category),
        Route("PUT", "/{record_id}/Options", add_options),
        Route("POST", "/{record_id}/Options/{option_id}", change_option),
        Route("DELETE", "/{record_id}/Options/{option_id}", delete_option),
    ),
)
