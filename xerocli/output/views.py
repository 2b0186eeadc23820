"""How each resource of the resource table is shown to people and in delimited files.

The resource table (`api/resources.py`) says which columns a list shows; this module adds what
only output needs: how totals are split (sales apart from bills), the default CSV/TSV columns
(a document's ID and currency, which a table has no room for), and the detail view of one
record (header fields, then its line items, payments and allocations).
"""

from __future__ import annotations

from typing import Any

from xerocli.output.columns import TableColumn, TotalsBy
from xerocli.output.writer import RecordView, Section

C = TableColumn


def _money(path: str, header: str) -> TableColumn:
    return TableColumn(path, header, money=True)


def _status(path: str = "Status") -> TableColumn:
    return TableColumn(path, "Status", style_by_status=True)


#: Totals per kind of document: adding a sale to a bill, or money in to money out, means nothing.
TOTALS_BY: dict[str, TotalsBy] = {
    "Invoices": TotalsBy("Type", {"ACCREC": "receivable", "ACCPAY": "payable"}),
    "CreditNotes": TotalsBy(
        "Type", {"ACCRECCREDIT": "to customers", "ACCPAYCREDIT": "from suppliers"}
    ),
    "BankTransactions": TotalsBy("Type", {"RECEIVE": "received", "SPEND": "spent"}),
    "Payments": TotalsBy(
        "PaymentType",
        {
            "ACCRECPAYMENT": "received",
            "ACCPAYPAYMENT": "paid",
            "ARCREDITPAYMENT": "refunded to customers",
            "APCREDITPAYMENT": "refunded by suppliers",
        },
    ),
}
#: Where a sum means nothing at all: prices of different items.
NO_TOTALS = frozenset({"Items"})

LINE_ITEMS = Section(
    "LineItems",
    "Line items",
    [
        C("Description", "Description"),
        C("ItemCode", "Item"),
        C("Quantity", "Qty"),
        _money("UnitAmount", "Unit amount"),
        C("AccountCode", "Account"),
        C("TaxType", "Tax"),
        _money("TaxAmount", "Tax amount"),
        _money("LineAmount", "Amount"),
    ],
)
PAYMENTS = Section(
    "Payments",
    "Payments",
    [
        C("Date", "Date"),
        C("Reference", "Reference"),
        _money("Amount", "Amount"),
        C("PaymentID", "PaymentID"),
    ],
)


def _applied(path: str, title: str, number: str) -> Section:
    return Section(
        path,
        title,
        [
            C(number, "Number"),
            C("Date", "Date"),
            _money("AppliedAmount", "Applied"),
            C(path.removesuffix("s") + "ID", "ID"),
        ],
    )


#: Allocations of an invoice: credit notes, prepayments and overpayments applied to it.
INVOICE_ALLOCATIONS = [
    _applied("CreditNotes", "Credit notes applied", "CreditNoteNumber"),
    _applied("Prepayments", "Prepayments applied", "Reference"),
    _applied("Overpayments", "Overpayments applied", "Reference"),
]

DETAIL: dict[str, tuple[list[TableColumn], list[Section]]] = {
    "Invoices": (
        [
            C("InvoiceNumber", "Number"),
            C("Type", "Type"),
            C("Contact.Name", "Contact"),
            C("Reference", "Reference"),
            C("Date", "Date"),
            C("DueDate", "Due"),
            _status(),
            C("LineAmountTypes", "Amounts are"),
            _money("SubTotal", "Subtotal"),
            _money("TotalTax", "Tax"),
            _money("Total", "Total"),
            _money("AmountPaid", "Paid"),
            _money("AmountCredited", "Credited"),
            _money("AmountDue", "Due amount"),
            C("CurrencyCode", "Currency"),
            C("InvoiceID", "InvoiceID"),
            C("UpdatedDateUTC", "Updated"),
        ],
        [LINE_ITEMS, PAYMENTS, *INVOICE_ALLOCATIONS],
    ),
    "CreditNotes": (
        [
            C("CreditNoteNumber", "Number"),
            C("Type", "Type"),
            C("Contact.Name", "Contact"),
            C("Reference", "Reference"),
            C("Date", "Date"),
            _status(),
            C("LineAmountTypes", "Amounts are"),
            _money("SubTotal", "Subtotal"),
            _money("TotalTax", "Tax"),
            _money("Total", "Total"),
            _money("RemainingCredit", "Remaining"),
            C("CurrencyCode", "Currency"),
            C("CreditNoteID", "CreditNoteID"),
            C("UpdatedDateUTC", "Updated"),
        ],
        [
            LINE_ITEMS,
            Section(
                "Allocations",
                "Allocations",
                [
                    C("Invoice.InvoiceNumber", "Invoice"),
                    C("Date", "Date"),
                    _money("Amount", "Amount"),
                    C("AllocationID", "AllocationID"),
                ],
            ),
            PAYMENTS,
        ],
    ),
    "PurchaseOrders": (
        [
            C("PurchaseOrderNumber", "Number"),
            C("Contact.Name", "Contact"),
            C("Reference", "Reference"),
            C("Date", "Date"),
            C("DeliveryDate", "Delivery"),
            C("DeliveryAddress", "Deliver to"),
            C("AttentionTo", "Attention"),
            _status(),
            _money("SubTotal", "Subtotal"),
            _money("TotalTax", "Tax"),
            _money("Total", "Total"),
            C("CurrencyCode", "Currency"),
            C("PurchaseOrderID", "PurchaseOrderID"),
        ],
        [LINE_ITEMS],
    ),
    "BankTransactions": (
        [
            C("Type", "Type"),
            C("Contact.Name", "Contact"),
            C("BankAccount.Name", "Bank account"),
            C("Reference", "Reference"),
            C("Date", "Date"),
            _status(),
            C("IsReconciled", "Reconciled"),
            _money("SubTotal", "Subtotal"),
            _money("TotalTax", "Tax"),
            _money("Total", "Total"),
            C("CurrencyCode", "Currency"),
            C("BankTransactionID", "BankTransactionID"),
        ],
        [LINE_ITEMS],
    ),
    "ManualJournals": (
        [
            C("Narration", "Narration"),
            C("Date", "Date"),
            _status(),
            C("LineAmountTypes", "Tax"),
            C("ManualJournalID", "ManualJournalID"),
        ],
        [
            Section(
                "JournalLines",
                "Journal lines",
                [
                    C("Description", "Description"),
                    C("AccountCode", "Account"),
                    C("TaxType", "Tax"),
                    _money("TaxAmount", "Tax amount"),
                    _money("LineAmount", "Amount (+ debit)"),
                ],
            )
        ],
    ),
    "Contacts": (
        [
            C("Name", "Name"),
            C("ContactNumber", "Number"),
            C("AccountNumber", "Account number"),
            _status("ContactStatus"),
            C("FirstName", "First name"),
            C("LastName", "Last name"),
            C("EmailAddress", "Email"),
            C("IsCustomer", "Customer"),
            C("IsSupplier", "Supplier"),
            C("DefaultCurrency", "Currency"),
            C("TaxNumber", "Tax number"),
            C("ContactID", "ContactID"),
        ],
        [
            Section(
                "Addresses",
                "Addresses",
                [
                    C("AddressType", "Type"),
                    C("AddressLine1", "Address"),
                    C("City", "City"),
                    C("PostalCode", "Postcode"),
                    C("Country", "Country"),
                ],
            ),
            Section(
                "Phones",
                "Phones",
                [
                    C("PhoneType", "Type"),
                    C("PhoneCountryCode", "Country"),
                    C("PhoneAreaCode", "Area"),
                    C("PhoneNumber", "Number"),
                ],
            ),
            Section(
                "ContactPersons",
                "People",
                [
                    C("FirstName", "First name"),
                    C("LastName", "Last name"),
                    C("EmailAddress", "Email"),
                ],
            ),
        ],
    ),
    "Payments": (
        [
            C("Date", "Date"),
            C("PaymentType", "Type"),
            _status(),
            C("Invoice.InvoiceNumber", "Invoice"),
            C("Invoice.Contact.Name", "Contact"),
            _money("Amount", "Amount"),
            C("CurrencyRate", "Rate"),
            _money("BankAmount", "Bank amount"),
            C("Reference", "Reference"),
            C("Account.Code", "Account"),
            C("IsReconciled", "Reconciled"),
            C("PaymentID", "PaymentID"),
        ],
        [],
    ),
    "Items": (
        [
            C("Code", "Code"),
            C("Name", "Name"),
            C("Description", "Description"),
            C("SalesDetails.UnitPrice", "Sale price"),
            C("SalesDetails.AccountCode", "Sales account"),
            C("PurchaseDescription", "Purchase description"),
            C("PurchaseDetails.UnitPrice", "Purchase price"),
            C("PurchaseDetails.AccountCode", "Purchase account"),
            C("IsTrackedAsInventory", "Tracked"),
            C("QuantityOnHand", "On hand"),
            C("ItemID", "ItemID"),
        ],
        [],
    ),
    "TaxRates": (
        [
            C("TaxType", "Tax type"),
            C("Name", "Name"),
            C("EffectiveRate", "Rate %"),
            C("ReportTaxType", "Report type"),
            _status(),
        ],
        [
            Section(
                "TaxComponents",
                "Components",
                [C("Name", "Name"), C("Rate", "Rate %"), C("IsCompound", "Compound")],
            )
        ],
    ),
}


def delimited_columns(resource: Any) -> list[str]:
    """The default CSV/TSV columns: the table's (a column's alternatives each a column of its
    own, after it: a CSV header names what it holds), plus the record's ID (first) and
    currency (after the amounts), so that bills without numbers and amounts in three
    currencies can be told apart."""
    columns = [path for column in resource.columns for path in (column.path, *column.alternatives)]
    if resource.id_field not in columns:
        columns.insert(0, resource.id_field)
    currency = resource.currency_field
    if currency and currency not in columns:
        money = [c.path for c in resource.columns if c.money]
        at = columns.index(money[-1]) + 1 if money else len(columns)
        columns[at:at] = [currency, *resource.currency_alternatives]
    return columns


def resource_view(resource: Any, tenant: str | None) -> RecordView:
    """How records of `resource` (an entry of the resource table) are shown."""
    label = resource.noun.replace("-", " ").capitalize()  # "Bank transactions"
    at = f" · {tenant}" if tenant else ""
    detail_fields, sections = DETAIL.get(resource.name, ([], []))

    def record_title(record: dict) -> str:
        key = (
            record.get(resource.number_field or "")
            or record.get("Name")
            or record.get(resource.id_field)
            or ""
        )
        return f"{resource.singular.capitalize()} {key}{at}".strip()

    return RecordView(
        columns=[
            TableColumn(c.path, c.header, c.money, c.style_by_status, c.alternatives)
            for c in resource.columns
        ],
        currency_path=resource.currency_field,
        currency_alternatives=resource.currency_alternatives,
        title=f"{label}{at}",
        empty_message=f"No {resource.noun.replace('-', ' ')} found.",
        totals=resource.name not in NO_TOTALS,
        totals_by=TOTALS_BY.get(resource.name),
        delimited_columns=delimited_columns(resource),
        detail_fields=detail_fields,
        sections=sections,
        record_title=record_title,
        status_path=resource.status_field if resource.currency_field else None,
    )
