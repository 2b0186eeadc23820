"""Payments (`/Payments`) against invoices and credit notes."""

from __future__ import annotations

from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Listing, Resource

RESOURCE = Resource(
    collection="Payments",
    type_name="Payment",
    id_field="PaymentID",
    date_field="Date",
    fields=COMMON_FIELDS
    | {
        "PaymentID",
        "Invoice",
        "CreditNote",
        "Prepayment",
        "Overpayment",
        "Account",
        "Code",
        "Date",
        "CurrencyRate",
        "Amount",
        "BankAmount",
        "Reference",
        "IsReconciled",
        "Status",
        "PaymentType",
        "BatchPaymentID",
        "BatchPayment",
        "BankAccountNumber",
        "Particulars",
        "Details",
        "HasAccount",
        "InvoiceNumber",
        "CreditNoteNumber",
        "Warnings",
    },
    nested={"Invoice": "Invoices", "CreditNote": "CreditNotes", "Account": "Accounts"},
    listing=Listing(paged=True),
    scopes=("accounting.transactions", "accounting.payments"),
    seeded_by="seed._PaymentBuilder (for invoices and credit note refunds)",
)
