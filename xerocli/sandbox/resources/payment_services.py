"""Payment services (`/PaymentServices`): the card and "pay now" providers invoices link to.
Xero lists and adds them (`PUT`); a branding theme carries some (see branding_themes.py)."""

from __future__ import annotations

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, stable_id, tenant_of
from xerocli.sandbox.resources.declaration import Resource, Route
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

#: What a new service needs (Xero's PaymentService: name, URL and the button's text).
REQUIRED = ("PaymentServiceName", "PaymentServiceUrl", "PayNowText")


def service_id(tenant_id: str, index: int) -> str:
    return stable_id(tenant_id, "payment-service", index)


def seed_services(company) -> list[dict]:
    tenant = company.spec.tenant_id
    return [
        {
            "PaymentServiceID": service_id(tenant, 0),
            "PaymentServiceName": "Demo Card Payments",
            "PaymentServiceUrl": "https://pay.example.com/xero?invoice=[INVOICENUMBER]",
            "PayNowText": "Pay by card",
            "PaymentServiceType": "Custom",
        }
    ]


def add_services(store: Store, req: Request) -> Response:
    """`PUT /PaymentServices`: each element needs a name, a URL and its button's text."""
    try:
        payload = loads(req.body or b"{}")
    except ValueError:
        return Response.json(400, error_body(16, "QueryParseException", "Invalid JSON"))
    sent = payload.get("PaymentServices", [payload]) if isinstance(payload, dict) else payload
    if not isinstance(sent, list) or not sent:
        return Response.json(400, error_body(16, "QueryParseException", "No PaymentServices"))
    tenant = tenant_of(req)
    refused, added = [], []
    for element in sent:
        element = element if isinstance(element, dict) else {}
        missing = [field for field in REQUIRED if not str(element.get(field) or "").strip()]
        if missing:
            errors = [{"Message": f"{field} is required"} for field in missing]
            refused.append({**element, "ValidationErrors": errors})
            continue
        count = len(store.select_bodies(tenant, "PaymentServices")) + len(added)
        added.append(
            {
                "PaymentServiceID": service_id(
                    tenant, f"new-{count}-{element['PaymentServiceName']}"
                ),
                **{field: element[field] for field in REQUIRED},
                "PaymentServiceType": "Custom",
            }
        )
    if refused:
        return Response.json(400, validation_exception("PaymentServices", refused))
    with store.transaction():
        store.insert_rows(row_for(tenant, "PaymentServices", s) for s in added)
    return answer("PaymentServices", added)


RESOURCE = Resource(
    collection="PaymentServices",
    type_name="PaymentService",
    id_field="PaymentServiceID",
    status_field=None,
    fields=frozenset(
        {
            "PaymentServiceID",
            "PaymentServiceName",
            "PaymentServiceUrl",
            "PayNowText",
            "PaymentServiceType",
        }
    ),
    # Xero's own scope for payment services (not one of the accounting ones).
    scopes=("paymentservices",),
    seed=seed_services,
    routes=(Route("PUT", "", add_services),),
    by_id=False,
)
