"""Invoices (`/Invoices`): sales invoices (ACCREC) and bills (ACCPAY)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xerocli.sandbox.resources.declaration import TRANSACTION_FIELDS, Listing, Resource

if TYPE_CHECKING:
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context


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
    email=email,
    webhook_category="INVOICE",
    number_prefix="INV-",
)
