"""The fields each kind of record has, so `where` and `order` can refuse one that does not exist.

Xero parses `where` and `order` against its model types (a .NET dynamic-LINQ expression) and
answers a field it does not know with 400 `No property or field 'Foo' exists in type
'Invoice'`, not with an empty list. Names match without regard to case, as in Xero; the
canonical spelling is what the store's JSON uses.
"""

from __future__ import annotations

_COMMON = {"UpdatedDateUTC", "HasAttachments", "HasValidationErrors", "ValidationErrors"}
_TRANSACTION = _COMMON | {
    "Type",
    "Contact",
    "LineItems",
    "Date",
    "LineAmountTypes",
    "Reference",
    "CurrencyCode",
    "CurrencyRate",
    "Status",
    "SubTotal",
    "TotalTax",
    "Total",
    "TotalDiscount",
    "BrandingThemeID",
    "Url",
    "Attachments",
    "HasErrors",
    "Warnings",
    "StatusAttributeString",
}

#: Kind -> its fields (top level).
FIELDS: dict[str, set[str]] = {
    "Invoices": _TRANSACTION
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
    "CreditNotes": _TRANSACTION
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
    "PurchaseOrders": _TRANSACTION
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
    "BankTransactions": _TRANSACTION
    | {
        "BankTransactionID",
        "BankAccount",
        "IsReconciled",
        "PrepaymentID",
        "OverpaymentID",
    },
    "Payments": _COMMON
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
    "Contacts": _COMMON
    | {
        "ContactID",
        "ContactNumber",
        "AccountNumber",
        "ContactStatus",
        "Name",
        "FirstName",
        "LastName",
        "CompanyNumber",
        "EmailAddress",
        "ContactPersons",
        "BankAccountDetails",
        "TaxNumber",
        "AccountsReceivableTaxType",
        "AccountsPayableTaxType",
        "Addresses",
        "Phones",
        "IsSupplier",
        "IsCustomer",
        "DefaultCurrency",
        "XeroNetworkKey",
        "SalesDefaultAccountCode",
        "PurchasesDefaultAccountCode",
        "SalesTrackingCategories",
        "PurchasesTrackingCategories",
        "TrackingCategoryName",
        "TrackingCategoryOption",
        "PaymentTerms",
        "ContactGroups",
        "Website",
        "BrandingTheme",
        "BatchPayments",
        "Discount",
        "Balances",
        "Attachments",
    },
    "Accounts": _COMMON
    | {
        "AccountID",
        "Code",
        "Name",
        "Type",
        "BankAccountNumber",
        "Status",
        "Description",
        "BankAccountType",
        "CurrencyCode",
        "TaxType",
        "EnablePaymentsToAccount",
        "ShowInExpenseClaims",
        "Class",
        "SystemAccount",
        "ReportingCode",
        "ReportingCodeName",
        "AddToWatchlist",
    },
    "Items": _COMMON
    | {
        "ItemID",
        "Code",
        "Name",
        "Description",
        "PurchaseDescription",
        "PurchaseDetails",
        "SalesDetails",
        "IsTrackedAsInventory",
        "InventoryAssetAccountCode",
        "TotalCostPool",
        "QuantityOnHand",
        "IsSold",
        "IsPurchased",
    },
    "TaxRates": {
        "Name",
        "TaxType",
        "TaxComponents",
        "Status",
        "ReportTaxType",
        "CanApplyToAssets",
        "CanApplyToEquity",
        "CanApplyToExpenses",
        "CanApplyToLiabilities",
        "CanApplyToRevenue",
        "DisplayTaxRate",
        "EffectiveRate",
        "UpdatedDateUTC",
    },
    "ManualJournals": _COMMON
    | {
        "ManualJournalID",
        "Narration",
        "JournalLines",
        "Date",
        "LineAmountTypes",
        "Status",
        "Url",
        "ShowOnCashBasisReports",
        "Attachments",
        "Warnings",
    },
}

#: Xero's type name for each kind, as its error messages spell it.
TYPE_NAMES = {
    "Invoices": "Invoice",
    "CreditNotes": "CreditNote",
    "PurchaseOrders": "PurchaseOrder",
    "BankTransactions": "BankTransaction",
    "Payments": "Payment",
    "Contacts": "Contact",
    "Accounts": "Account",
    "Items": "Item",
    "TaxRates": "TaxRate",
    "ManualJournals": "ManualJournal",
}

_ITEM_DETAILS = {"UnitPrice", "AccountCode", "COGSAccountCode", "TaxType"}
#: A field that holds another record -> the fields of what it holds (by kind, or a set).
NESTED: dict[str, str | set[str]] = {
    "Contact": "Contacts",
    "Invoice": "Invoices",
    "CreditNote": "CreditNotes",
    "Account": "Accounts",
    "BankAccount": "Accounts",
    "SalesDetails": _ITEM_DETAILS,
    "PurchaseDetails": _ITEM_DETAILS,
}
#: Xero's type for an item's sales and purchase details.
_DETAILS_TYPE = "Purchase"


class UnknownField(ValueError):
    """A field the kind does not have; the message is Xero's."""


def _lookup(names: set[str], name: str) -> str | None:
    if name in names:
        return name
    lowered = name.lower()
    return next((known for known in names if known.lower() == lowered), None)


def canonical(kind: str, path: str) -> str:
    """`contact.name` -> `Contact.Name` for Invoices; `UnknownField` for a field Xero lacks.

    Paths deeper than the sandbox knows (`Contact.Addresses.City`) are taken as given past the
    last level it can check.
    """
    names: set[str] | None = FIELDS.get(kind)
    type_name = TYPE_NAMES.get(kind, kind)
    parts = path.split(".")
    out: list[str] = []
    for index, part in enumerate(parts):
        if names is None:
            out.extend(parts[index:])
            break
        found = _lookup(names, part)
        if found is None:
            raise UnknownField(f"No property or field '{part}' exists in type '{type_name}'")
        out.append(found)
        nested = NESTED.get(found)
        if isinstance(nested, str):
            names, type_name = FIELDS[nested], TYPE_NAMES[nested]
        elif isinstance(nested, set):
            names, type_name = nested, _DETAILS_TYPE
        else:
            names = None
    return ".".join(out)
