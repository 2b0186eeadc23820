"""Purchase orders (`/PurchaseOrders`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xerocli.sandbox.resources.declaration import TRANSACTION_FIELDS, Listing, Resource

if TYPE_CHECKING:
    from xerocli.sandbox.http import Request


def list_filters(req: Request) -> tuple[list[str], list]:
    """`Status=DRAFT`, `DateFrom=2026-01-01` and `DateTo=...`, which only purchase order lists
    take (the spec's getPurchaseOrders)."""
    clauses: list[str] = []
    params: list = []
    status = req.arg("Status")
    if status:
        clauses.append("status = ?")
        params.append(status)
    for arg, op in (("DateFrom", ">="), ("DateTo", "<=")):
        raw = req.arg(arg)
        if raw:
            clauses.append(f"date {op} ?")
            params.append(raw[:10])
    return clauses, params


RESOURCE = Resource(
    collection="PurchaseOrders",
    type_name="PurchaseOrder",
    id_field="PurchaseOrderID",
    number_field="PurchaseOrderNumber",
    date_field="Date",
    due_field="DeliveryDate",
    fields=TRANSACTION_FIELDS
    | {
        "PurchaseOrderID",
        "PurchaseOrderNumber",
        "DeliveryDate",
        "DeliveryAddress",
        "AttentionTo",
        "Telephone",
        "DeliveryInstructions",
        "ExpectedArrivalDate",
        "SentToContact",
        "IsDiscounted",
    },
    nested={"Contact": "Contacts"},
    listing=Listing(
        paged=True, line_field="LineItems", empty_lines_unpaged=True, filters=list_filters
    ),
    scopes=("accounting.transactions", "accounting.invoices"),
    seeded_by="seed._OtherBuilder.purchase_order",
    get_by_number=True,
    write_by_number=True,
    number_prefix="PO-",
)
