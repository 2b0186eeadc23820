"""Contact groups (`/ContactGroups`): named sets of contacts. Xero creates them (`PUT`), renames
or deletes them (`POST /{ID}` with a Name, or Status DELETED), and adds and removes members
(`PUT /{ID}/Contacts`, `DELETE /{ID}/Contacts[/{ContactID}]`). Lists leave the members out."""

from __future__ import annotations

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.records import new_id, set_updated
from xerocli.sandbox.resources._answers import (
    answer,
    not_found,
    seeded_at,
    stable_id,
    stored,
    tenant_of,
)
from xerocli.sandbox.resources.declaration import Listing, Resource, Route
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

KIND = "ContactGroups"
STATUSES = ("ACTIVE", "DELETED")


def seed_groups(company) -> list[dict]:
    """Two groups per demo company: its first customers and its first suppliers."""
    tenant = company.spec.tenant_id
    groups = []
    for index, (name, flag) in enumerate((("VIP Customers", "IsCustomer"),
                                           ("Preferred Suppliers", "IsSupplier"))):  # fmt: skip
        members = [c for c in company.contacts if c.get(flag)][:3]
        group = {
            "ContactGroupID": stable_id(tenant, "contact-group", index),
            "Name": name,
            "Status": "ACTIVE",
            "Contacts": [_member(c) for c in members],
        }
        set_updated(group, seeded_at(200 - index))
        groups.append(group)
    return groups


def _member(contact: dict) -> dict:
    return {"ContactID": contact["ContactID"], "Name": contact.get("Name", "")}


def _payload(req: Request, key: str) -> list | Response:
    try:
        payload = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    sent = payload.get(key, [payload]) if isinstance(payload, dict) else payload
    if not isinstance(sent, list) or not sent:
        return Response.json(400, error_body(16, "QueryParseException", f"No {key} were given"))
    return [element if isinstance(element, dict) else {} for element in sent]


def _refused(element: dict, message: str) -> dict:
    return {**element, "ValidationErrors": [{"Message": message}]}


def _name_problem(store: Store, req: Request, name: str, group_id: str | None) -> str | None:
    if not name.strip():
        return "The contact group name must be provided"
    if len(name) > 50:
        return "The contact group name must be 50 characters or fewer"
    for group in stored(store, req, KIND):
        same = group["Name"].strip().lower() == name.strip().lower()
        if same and group["Status"] == "ACTIVE" and group["ContactGroupID"] != group_id:
            return f"A contact group named {name.strip()} already exists"
    return None


def _save(store: Store, req: Request, groups: list[dict]) -> None:
    with store.transaction():
        for group in groups:
            set_updated(group, _now())
        store.insert_rows(row_for(tenant_of(req), KIND, group) for group in groups)


def _now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def _group(store: Store, req: Request) -> dict | None:
    body = store.get_body(tenant_of(req), KIND, req.params["record_id"])
    return loads(body) if body else None


def create_groups(store: Store, req: Request) -> Response:
    """`PUT /ContactGroups`: each element a new ACTIVE group with a name no active group has."""
    sent = _payload(req, KIND)
    if isinstance(sent, Response):
        return sent
    made, refused = [], []
    for element in sent:
        problem = _name_problem(store, req, str(element.get("Name") or ""), None)
        if problem is None and any(g["Name"] == element["Name"].strip() for g in made):
            problem = f"A contact group named {element['Name'].strip()} already exists"
        if problem:
            refused.append(_refused(element, problem))
            continue
        made.append(
            {"ContactGroupID": new_id(), "Name": element["Name"].strip(), "Status": "ACTIVE",
             "Contacts": []}
        )  # fmt: skip
    if refused:
        return Response.json(400, validation_exception(KIND, refused))
    _save(store, req, made)
    return answer(KIND, made)


def change_group(store: Store, req: Request) -> Response:
    """`POST /ContactGroups/{ID}`: a new Name, or Status DELETED (a deleted group stays, out
    of use)."""
    group = _group(store, req)
    if group is None:
        return not_found()
    sent = _payload(req, KIND)
    if isinstance(sent, Response):
        return sent
    element = sent[0]
    problem = None
    if "Name" in element:
        problem = _name_problem(store, req, str(element["Name"] or ""), group["ContactGroupID"])
    status = str(element.get("Status") or group["Status"]).upper()
    if status not in STATUSES:
        problem = problem or f"Status must be one of {', '.join(STATUSES)}"
    if problem:
        return Response.json(400, validation_exception(KIND, [_refused(element, problem)]))
    if "Name" in element:
        group["Name"] = str(element["Name"]).strip()
    group["Status"] = status
    _save(store, req, [group])
    return answer(KIND, [group])


def add_members(store: Store, req: Request) -> Response:
    """`PUT /ContactGroups/{ID}/Contacts`: each named contact joins (once)."""
    group = _group(store, req)
    if group is None:
        return not_found()
    sent = _payload(req, "Contacts")
    if isinstance(sent, Response):
        return sent
    tenant = tenant_of(req)
    found, refused = [], []
    for element in sent:
        body = store.get_body(tenant, "Contacts", str(element.get("ContactID") or ""))
        if body is None:
            refused.append(_refused(element, "The contact could not be found"))
        else:
            found.append(_member(loads(body)))
    if refused:
        return Response.json(400, validation_exception("Contacts", refused))
    known = {m["ContactID"].lower() for m in group["Contacts"]}
    group["Contacts"] += [m for m in found if m["ContactID"].lower() not in known]
    _save(store, req, [group])
    return answer("Contacts", found)


def remove_member(store: Store, req: Request) -> Response:
    """`DELETE /ContactGroups/{ID}/Contacts/{ContactID}`: 204, or 404 for a non-member."""
    group = _group(store, req)
    contact = req.params.get("contact_id", "").lower()
    if group is None or contact not in {m["ContactID"].lower() for m in group["Contacts"]}:
        return not_found()
    group["Contacts"] = [m for m in group["Contacts"] if m["ContactID"].lower() != contact]
    _save(store, req, [group])
    return Response(204)


def remove_all(store: Store, req: Request) -> Response:
    """`DELETE /ContactGroups/{ID}/Contacts`: the group keeps no members (204)."""
    group = _group(store, req)
    if group is None:
        return not_found()
    group["Contacts"] = []
    _save(store, req, [group])
    return Response(204)


RESOURCE = Resource(
    collection=KIND,
    type_name="ContactGroup",
    id_field="ContactGroupID",
    fields=frozenset({"ContactGroupID", "Name", "Status", "Contacts"}),
    listing=Listing(line_field="Contacts"),
    scopes=("accounting.contacts",),
    seed=seed_groups,
    routes=(
        Route("PUT", "", create_groups),
        Route("POST", "/{record_id}", change_group),
        Route("PUT", "/{record_id}/Contacts", add_members),
        Route("DELETE", "/{record_id}/Contacts/{contact_id}", remove_member),
        Route("DELETE", "/{record_id}/Contacts", remove_all),
    ),
)
