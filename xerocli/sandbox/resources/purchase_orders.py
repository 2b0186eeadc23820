"""Purchase orders (`/PurchaseOrders`): numbered PO-0001..., unique; no Type (their lines
are costed as a bill's); an approved order's lines need no account; never in the ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox.resources._documents import DocumentRules, write_document
from xerocli.sandbox.resources.declaration import (
    TRANSACTION_FIELDS,
    Lifecycle,
    Listing,
    Resource,
)

if TYPE_CHECKING:
    from xerocli.sandbox.http import Request
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")


def _derive(record: dict, status: str) -> None:
    record.setdefault("SentToContact", False)
    record.setdefault("HasAttachments", False)
    record.setdefault("TotalDiscount", ZERO)


RULES = DocumentRules(
    types=None, number_label="Purchase Order", lines_need_accounts=False, derive=_derive
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    return write_document(ctx, el, RESOURCE, RULES, existing)


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
    writer=write,
    lifecycle=Lifecycle(
        create=("DRAFT", "SUBMITTED", "AUTHORISED"),
        transitions={
            "DRAFT": frozenset({"SUBMITTED", "AUTHORISED", "DELETED"}),
            "SUBMITTED": frozenset({"DRAFT", "AUTHORISED", "DELETED"}),
            "AUTHORISED": frozenset({"SUBMITTED", "BILLED", "DELETED"}),
            "BILLED": frozenset({"AUTHORISED"}),
        },
        editable=frozenset({"DRAFT", "SUBMITTED", "AUTHORISED", "BILLED"}),
    ),
    number_prefix="PO-",
)
