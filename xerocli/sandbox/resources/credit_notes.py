"""Credit notes (`/CreditNotes`): sales (ACCRECCREDIT) and purchase (ACCPAYCREDIT) credit."""

from __future__ import annotations

from xerocli.sandbox import allocations
from xerocli.sandbox.resources.declaration import TRANSACTION_FIELDS, Listing, Resource


def webhook_data(record: dict) -> dict:
    """Xero's credit note events say what the note now is."""
    return {"Type": record.get("Type"), "Status": record.get("Status")}


RESOURCE = Resource(
    collection="CreditNotes",
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
    listing=Listing(paged=True, line_field="LineItems", empty_lines_unpaged=True),
    scopes=("accounting.transactions", "accounting.invoices"),
    seeded_by="seed._OtherBuilder.credit_note (refunds: seed._PaymentBuilder)",
    get_by_number=True,
    write_by_number=True,
    allocate=allocations.allocate_all,
    webhook_category="CREDITNOTE",
    webhook_data=webhook_data,
    number_prefix="CN-",
)
