"""Invoices (`/Invoices`): sales invoices (ACCREC) and bills (ACCPAY).

Numbers: a sales invoice's is unique among sales invoices and given (INV-0001...) when none is
sent; a bill keeps the supplier's, unchecked. An approved invoice needs a due date; one with a
payment or credit allocated cannot be edited; one approved may not total less than zero (that
is a credit note), and one approved with a zero total is PAID at once. Ledger: ACCREC debits
610 Accounts Receivable with the Total and credits each line's account (net) and 820 Sales Tax;
ACCPAY is the mirror on 800 Accounts Payable.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")
_LISTS = ("Payments", "CreditNotes", "Prepayments", "Overpayments")


def _locked(existing: dict, sent: dict) -> str | None:
    if existing.get("Status") == "AUTHORISED" and (
        existing.get("AmountPaid") or existing.get("AmountCredited")
    ):
        return "This document cannot be edited as it has a payment or credit note allocated to it."
    return None


def _derive(record: dict, status: str) -> None:
    """What is still owed, after payments and credit, and an invoice's defaults."""
    paid = record.get("AmountPaid", ZERO)
    credited = record.get("AmountCredited", ZERO)
    record["AmountPaid"] = paid
    record["AmountCredited"] = credited
    for listed in _LISTS:
        record.setdefault(listed, [])
    record["AmountDue"] = (
        ZERO if status in ("VOIDED", "DELETED") else record["Total"] - paid - credited
    )
    if status == "AUTHORISED" and record["Total"] == 0 and record["AmountDue"] == 0:
        # Nothing to pay: Xero marks an approved zero-total invoice paid at once.
        record["Status"] = "PAID"
        record["FullyPaidOnDate"] = record["Date"]
    record.setdefault("SentToContact", False)
    record.setdefault("IsDiscounted", False)
    record.setdefault("HasErrors", False)
    record.setdefault("HasAttachments", False)
    record["UpdatedDateUTCString"] = ""


def _refused(shown: dict) -> None:
    for listed in _LISTS:
        shown.setdefault(listed, [])
    shown.setdefault("AmountDue", shown.get("Total", ZERO))
    shown.setdefault("AmountPaid", ZERO)
    shown.setdefault("AmountCredited", ZERO)
    shown.setdefault("IsDiscounted", False)


RULES = DocumentRules(
    types=("ACCREC", "ACCPAY"),
    number_label="Invoice",
    unique_number_types=("ACCREC",),
    unique_per_type=True,
    auto_number_types=("ACCREC",),
    due_required=True,
    locked=_locked,
    derive=_derive,
    # What the contact is owed back is a credit note, which Xero has for that.
    negative_total_refused="The total of an approved invoice cannot be negative: use a credit note",
    refused=_refused,
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    return write_document(ctx, el, RESOURCE, RULES, existing)


def email(ctx: Context, invoice: dict, element: Element) -> None:
    """`POST /Invoices/{ID}/Email`: only an approved sales invoice to a contact with an email
    address; marks it sent."""
    if invoice["Type"] != "ACCREC" or invoice["Status"] not in ("AUTHORISED", "PAID"):
        element.error("Only sales invoices (ACCREC) with status AUTHORISED or PAID can be emailed")
        return
    contact = ctx.get("Contacts", invoice["Contact"]["ContactID"]) or {}
    if not contact.get("EmailAddress"):
        element.error(f"The contact {invoice['Contact']['Name']} has no email address to send to")
        return
    invoice["SentToContact"] = True
    ctx.save("Invoices", invoice, False)


RESOURCE = Resource(
    collection="Invoices",
    books=Books(role="open_item", taxed=True, credit_types=("ACCREC",)),
    documents=Documents(
        attachments=True,
        include_online=True,
        history=True,
        pdf_titles={"ACCREC": "TAX INVOICE", "ACCPAY": "BILL", None: "INVOICE"},
        online_statuses=frozenset({"AUTHORISED", "PAID"}),
    ),
    type_name="Invoice",
    id_field="InvoiceID",
    number_field="InvoiceNumber",
    date_field="Date",
    due_field="DueDate",
    fields=TRANSACTION_FIELDS
    | {
        "InvoiceID",
        "InvoiceNumber",
        "DueDate",
        "SentToContact",
        "ExpectedPaymentDate",
        "PlannedPaymentDate",
        "CISDeduction",
        "CISRate",
        "RepeatingInvoiceID",
        "IsDiscounted",
        "Payments",
        "Prepayments",
        "Overpayments",
        "CreditNotes",
        "AmountDue",
        "AmountPaid",
        "AmountCredited",
        "FullyPaidOnDate",
        "InvoiceAddresses",
    },
    nested={"Contact": "Contacts"},
    contact_flags={"ACCREC": "IsCustomer", "ACCPAY": "IsSupplier"},
    listing=Listing(
        paged=True,
        summary_only=True,
        search_fields=("InvoiceNumber", "Reference"),
        line_field="LineItems",
        empty_lines_unpaged=True,
    ),
    scopes=("accounting.transactions", "accounting.invoices"),
    seeded_by="seed._InvoiceBuilder (with their payments, seed._PaymentBuilder)",
    get_by_number=True,
    write_by_number=True,
    upsert_by_number=True,
    writer=write,
    email=email,
    webhook_category="INVOICE",
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
    number_prefix="INV-",
)
