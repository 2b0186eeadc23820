"""Credit notes (`/CreditNotes`): sales (ACCRECCREDIT) and purchase (ACCPAYCREDIT) credit.

A sales credit note gets the next number (CN-0001...) when none is sent; numbers are unique.
Credit is allocated to invoices (`PUT /CreditNotes/{ID}/Allocations`, or `Allocations` sent on
an AUTHORISED one: see allocations.py) or refunded by a payment; once either happened, only
more allocations may be sent. One approved (SUBMITTED, AUTHORISED) may not total less than zero,
as in Xero: what the contact owes is an invoice (a draft may, until it is approved). Ledger: the
mirror of its invoice type (610 or 800).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import allocations
from xerocli.sandbox.postings import POSTED, controlled_document_postings
from xerocli.sandbox.resources._documents import DocumentRules, write_document
from xerocli.sandbox.resources.declaration import (
    TRANSACTION_FIELDS,
    Books,
    Documents,
    Lifecycle,
    Listing,
    Resource,
)
from xerocli.sandbox.validate import Element

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")


def _locked(existing: dict, sent: dict) -> str | None:
    if (
        existing.get("Status") == "AUTHORISED"
        and (existing.get("Allocations") or existing.get("Payments"))
        and set(sent) - {"CreditNoteID", "Allocations"}
    ):
        return "This document cannot be edited as it has a payment or credit note allocated to it."
    return None


def _derive(record: dict, status: str) -> None:
    """The credit left after allocations and refunds, and a credit note's defaults."""
    settled = sum((a["Amount"] for a in record.get("Allocations", [])), ZERO) + sum(
        (p["Amount"] for p in record.get("Payments", [])), ZERO
    )
    record["RemainingCredit"] = (
        ZERO if status in ("VOIDED", "DELETED") else record["Total"] - settled
    )
    record.setdefault("Allocations", [])
    record.setdefault("Payments", [])
    record.setdefault("SentToContact", False)
    record.setdefault("HasAttachments", False)
    record.setdefault("HasErrors", False)


def _allocations_sent(
    ctx: Context, el: Element, credit_note: dict, sent: dict
) -> Callable[[], None] | None:
    """`Allocations` sent on a credit note, checked before it is saved (Xero allocates them
    when the credit note is AUTHORISED, and refuses them, not drops them, otherwise); made
    once it is stored."""
    if "Allocations" not in sent:
        return None
    raw_allocations = sent["Allocations"]
    if not isinstance(raw_allocations, list):
        el.error("Allocations must be a list")
        return None
    plans = []
    left = credit_note["RemainingCredit"]
    owing: dict[str, Decimal] = {}
    for number, raw in enumerate(raw_allocations, 1):
        check = Element(raw)
        plan = allocations.check(ctx, check, credit_note, check.sent, left, owing)
        for message in check.errors:
            el.error(f"Allocation {number}: {message}")
        if plan is not None:
            plans.append(plan)
            left -= plan.amount
    if not plans:
        return None
    return lambda: allocations.apply(ctx, credit_note, plans)


RULES = DocumentRules(
    types=("ACCRECCREDIT", "ACCPAYCREDIT"),
    number_label="Credit Note",
    auto_number_types=("ACCRECCREDIT",),
    # What the contact owes is an invoice: a credit note's credit is never below zero.
    negative_total_refused=(
        "The total of an approved credit note cannot be negative: use an invoice"
    ),
    locked=_locked,
    derive=_derive,
    then=_allocations_sent,
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    return write_document(ctx, el, RESOURCE, RULES, existing)


def webhook_data(record: dict) -> dict:
    """Xero's credit note events say what the note now is."""
    return {"Type": record.get("Type"), "Status": record.get("Status")}


RESOURCE = Resource(
    collection="CreditNotes",
    books=Books(role="open_item", taxed=True, credit_types=("ACCPAYCREDIT",)),
    documents=Documents(
        attachments=True, include_online=True, history=True, pdf_titles={None: "CREDIT NOTE"}
    ),
    type_name="CreditNote",
    id_field="CreditNoteID",
    number_field="CreditNoteNumber",
    date_field="Date",
    fields=TRANSACTION_FIELDS
    | {
        "CreditNoteID",
        "CreditNoteNumber",
        "DueDate",
        "SentToContact",
        "FullyPaidOnDate",
        "RemainingCredit",
        "AppliedAmount",
        "Allocations",
        "Payments",
        "CISDeduction",
        "CISRate",
        "InvoiceAddresses",
    },
    nested={"Contact": "Contacts"},
    contact_flags={"ACCRECCREDIT": "IsCustomer", "ACCPAYCREDIT": "IsSupplier"},
    listing=Listing(paged=True, line_field="LineItems", empty_lines_unpaged=True),
    scopes=("accounting.transactions", "accounting.invoices"),
    seeded_by="seed._OtherBuilder.credit_note (refunds: seed._PaymentBuilder)",
    get_by_number=True,
    write_by_number=True,
    writer=write,
    allocate=allocations.allocate_all,
    unallocate=allocations.unallocator(allocations.CREDIT_NOTE),
    webhook_category="CREDITNOTE",
    webhook_data=webhook_data,
    postings=controlled_document_postings,
    posted_statuses=POSTED,
    lifecycle=Lifecycle(
        create=("DRAFT", "SUBMITTED", "AUTHORISED"),
        transitions={
            "DRAFT": frozenset({"SUBMITTED", "AUTHORISED", "DELETED"}),
            "SUBMITTED": frozenset({"DRAFT", "AUTHORISED", "DELETED"}),
            "AUTHORISED": frozenset({"VOIDED"}),
        },
        editable=frozenset({"DRAFT", "SUBMITTED", "AUTHORISED"}),
    ),
    number_prefix="CN-",
)
