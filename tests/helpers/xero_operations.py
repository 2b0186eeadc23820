"""What Xero's Accounting API offers, per collection: the operations the CLI may send.

Facts written down by hand from Xero's OpenAPI spec (xero_accounting.yaml, v16.1.0): for each
operation its method, path (`{...}` is one path segment) and the query parameters it takes;
for each write the fields of the elements it takes. Not a copy of the spec, and no test reads
the spec: a request the CLI sends that is not here (a path, a parameter or a body field Xero
does not document) fails the tests that check requests against this table.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    params: frozenset[str] = frozenset()

    def matches(self, method: str, path: str) -> bool:
        pattern = re.sub(r"\{\w+\}", "[^/]+", self.path)
        return method == self.method and re.fullmatch(pattern, path, re.IGNORECASE) is not None


def _ops(*rows: tuple) -> tuple[Operation, ...]:
    return tuple(Operation(method, path, frozenset(params)) for method, path, *params in rows)


_PAGED = ("order", "page", "pageSize", "where")
_WRITE = ("summarizeErrors", "unitdp")

#: Collection -> its operations (the ones the CLI names; Attachments, History and the like of
#: the older collections are left out until the CLI names them).
OPERATIONS: dict[str, tuple[Operation, ...]] = {
    "Invoices": _ops(
        (
            "GET",
            "/Invoices",
            *_PAGED,
            "ContactIDs",
            "IDs",
            "InvoiceNumbers",
            "Statuses",
            "createdByMyApp",
            "includeArchived",
            "searchTerm",
            "summaryOnly",
            "unitdp",
        ),
        ("PUT", "/Invoices", *_WRITE),
        ("POST", "/Invoices", *_WRITE),
        ("GET", "/Invoices/{InvoiceID}", "unitdp"),
        ("POST", "/Invoices/{InvoiceID}", "unitdp"),
        ("POST", "/Invoices/{InvoiceID}/Email"),
    ),
    "Contacts": _ops(
        ("GET", "/Contacts", *_PAGED, "IDs", "includeArchived", "searchTerm", "summaryOnly"),
        ("PUT", "/Contacts", "summarizeErrors"),
        ("POST", "/Contacts", "summarizeErrors"),
        ("GET", "/Contacts/{ContactID}"),
        ("POST", "/Contacts/{ContactID}"),
        ("GET", "/Contacts/{ContactID}/CISSettings"),
    ),
    "Accounts": _ops(
        ("GET", "/Accounts", "order", "where"),
        ("PUT", "/Accounts"),
        ("GET", "/Accounts/{AccountID}"),
        ("POST", "/Accounts/{AccountID}"),
        ("DELETE", "/Accounts/{AccountID}"),
    ),
    "BankTransactions": _ops(
        ("GET", "/BankTransactions", *_PAGED, "unitdp"),
        ("PUT", "/BankTransactions", *_WRITE),
        ("POST", "/BankTransactions", *_WRITE),
        ("GET", "/BankTransactions/{BankTransactionID}", "unitdp"),
        ("POST", "/BankTransactions/{BankTransactionID}", "unitdp"),
    ),
    "Payments": _ops(
        ("GET", "/Payments", *_PAGED),
        ("PUT", "/Payments", "summarizeErrors"),
        ("POST", "/Payments"),
        ("GET", "/Payments/{PaymentID}"),
        ("POST", "/Payments/{PaymentID}"),
    ),
    "Items": _ops(
        ("GET", "/Items", "order", "unitdp", "where"),
        ("PUT", "/Items", *_WRITE),
        ("POST", "/Items", *_WRITE),
        ("GET", "/Items/{ItemID}", "unitdp"),
        ("POST", "/Items/{ItemID}", "unitdp"),
        ("DELETE", "/Items/{ItemID}"),
    ),
    "PurchaseOrders": _ops(
        ("GET", "/PurchaseOrders", "DateFrom", "DateTo", "Status", "order", "page", "pageSize"),
        ("PUT", "/PurchaseOrders", "summarizeErrors"),
        ("POST", "/PurchaseOrders", "summarizeErrors"),
        ("GET", "/PurchaseOrders/{PurchaseOrderID}"),
        ("POST", "/PurchaseOrders/{PurchaseOrderID}"),
    ),
    "CreditNotes": _ops(
        ("GET", "/CreditNotes", *_PAGED, "unitdp"),
        ("PUT", "/CreditNotes", *_WRITE),
        ("POST", "/CreditNotes", *_WRITE),
        ("GET", "/CreditNotes/{CreditNoteID}", "unitdp"),
        ("POST", "/CreditNotes/{CreditNoteID}", "unitdp"),
        ("PUT", "/CreditNotes/{CreditNoteID}/Allocations", "summarizeErrors"),
        ("DELETE", "/CreditNotes/{CreditNoteID}/Allocations/{AllocationID}"),
    ),
    "ManualJournals": _ops(
        ("GET", "/ManualJournals", *_PAGED),
        ("PUT", "/ManualJournals", "summarizeErrors"),
        ("POST", "/ManualJournals", "summarizeErrors"),
        ("GET", "/ManualJournals/{ManualJournalID}"),
        ("POST", "/ManualJournals/{ManualJournalID}"),
    ),
    "TaxRates": _ops(
        ("GET", "/TaxRates", "order", "where"),
        ("PUT", "/TaxRates"),
        ("POST", "/TaxRates"),  # updateTaxRate: the TaxType in the element
        ("GET", "/TaxRates/{TaxType}"),
    ),
    "ContactGroups": _ops(
        ("GET", "/ContactGroups", "order", "where"),
        ("PUT", "/ContactGroups"),
        ("GET", "/ContactGroups/{ContactGroupID}"),
        ("POST", "/ContactGroups/{ContactGroupID}"),
        ("PUT", "/ContactGroups/{ContactGroupID}/Contacts"),
        ("DELETE", "/ContactGroups/{ContactGroupID}/Contacts"),
        ("DELETE", "/ContactGroups/{ContactGroupID}/Contacts/{ContactID}"),
    ),
    "TrackingCategories": _ops(
        ("GET", "/TrackingCategories", "includeArchived", "order", "where"),
        ("PUT", "/TrackingCategories"),
        ("GET", "/TrackingCategories/{TrackingCategoryID}"),
        ("POST", "/TrackingCategories/{TrackingCategoryID}"),
        ("DELETE", "/TrackingCategories/{TrackingCategoryID}"),
        ("PUT", "/TrackingCategories/{TrackingCategoryID}/Options"),
        ("POST", "/TrackingCategories/{TrackingCategoryID}/Options/{TrackingOptionID}"),
        ("DELETE", "/TrackingCategories/{TrackingCategoryID}/Options/{TrackingOptionID}"),
    ),
    "Users": _ops(("GET", "/Users", "order", "where"), ("GET", "/Users/{UserID}")),
    "Currencies": _ops(("GET", "/Currencies", "order", "where"), ("PUT", "/Currencies")),
    "BrandingThemes": _ops(
        ("GET", "/BrandingThemes"),
        ("GET", "/BrandingThemes/{BrandingThemeID}"),
        ("GET", "/BrandingThemes/{BrandingThemeID}/PaymentServices"),
        ("POST", "/BrandingThemes/{BrandingThemeID}/PaymentServices"),
    ),
    "PaymentServices": _ops(("GET", "/PaymentServices"), ("PUT", "/PaymentServices")),
    "InvoiceReminders": _ops(
        ("GET", "/InvoiceReminders/Settings"),
    ),
    "Organisation": _ops(
        ("GET", "/Organisation"),
        ("GET", "/Organisation/Actions"),
        ("GET", "/Organisation/{OrganisationID}/CISSettings"),
    ),
    "Budgets": _ops(
        ("GET", "/Budgets", "DateFrom", "DateTo", "IDs"),
        ("GET", "/Budgets/{BudgetID}", "DateFrom", "DateTo"),
    ),
    "Journals": _ops(
        ("GET", "/Journals", "offset", "paymentsOnly"),
        ("GET", "/Journals/{JournalID}"),  # or {JournalNumber}: the same path shape
    ),
    "Quotes": _ops(
        (
            "GET",
            "/Quotes",
            "ContactID",
            "DateFrom",
            "DateTo",
            "ExpiryDateFrom",
            "ExpiryDateTo",
            "QuoteNumber",
            "Status",
            "order",
            "page",
        ),
        ("PUT", "/Quotes", "summarizeErrors"),
        ("POST", "/Quotes", "summarizeErrors"),
        ("GET", "/Quotes/{QuoteID}"),
        ("POST", "/Quotes/{QuoteID}"),
    ),
    "Overpayments": _ops(
        ("GET", "/Overpayments", *_PAGED, "References", "unitdp"),
        ("GET", "/Overpayments/{OverpaymentID}"),
        ("PUT", "/Overpayments/{OverpaymentID}/Allocations", "summarizeErrors"),
        ("DELETE", "/Overpayments/{OverpaymentID}/Allocations/{AllocationID}"),
    ),
    "Prepayments": _ops(
        ("GET", "/Prepayments", *_PAGED, "InvoiceNumbers", "unitdp"),
        ("GET", "/Prepayments/{PrepaymentID}"),
        ("PUT", "/Prepayments/{PrepaymentID}/Allocations", "summarizeErrors"),
        ("DELETE", "/Prepayments/{PrepaymentID}/Allocations/{AllocationID}"),
    ),
    "BankTransfers": _ops(
        ("GET", "/BankTransfers", "includeDeleted", "order", "where"),
        ("PUT", "/BankTransfers"),
        ("POST", "/BankTransfers", "summarizeErrors"),
        ("GET", "/BankTransfers/{BankTransferID}"),
        ("POST", "/BankTransfers/{BankTransferID}"),
    ),
    "BatchPayments": _ops(
        ("GET", "/BatchPayments", "order", "where"),
        ("PUT", "/BatchPayments", "summarizeErrors"),
        ("POST", "/BatchPayments"),
        ("GET", "/BatchPayments/{BatchPaymentID}"),
        ("POST", "/BatchPayments/{BatchPaymentID}"),
    ),
    "RepeatingInvoices": _ops(
        ("GET", "/RepeatingInvoices", "order", "where"),
        ("PUT", "/RepeatingInvoices", "summarizeErrors"),
        ("POST", "/RepeatingInvoices", "summarizeErrors"),
        ("GET", "/RepeatingInvoices/{RepeatingInvoiceID}"),
        ("POST", "/RepeatingInvoices/{RepeatingInvoiceID}"),
    ),
    "LinkedTransactions": _ops(
        (
            "GET",
            "/LinkedTransactions",
            "ContactID",
            "LinkedTransactionID",
            "SourceTransactionID",
            "Status",
            "TargetTransactionID",
            "page",
        ),
        ("PUT", "/LinkedTransactions"),
        ("GET", "/LinkedTransactions/{LinkedTransactionID}"),
        ("POST", "/LinkedTransactions/{LinkedTransactionID}"),
        ("DELETE", "/LinkedTransactions/{LinkedTransactionID}"),
    ),
    "Receipts": _ops(
        ("GET", "/Receipts", "order", "unitdp", "where"),
        ("PUT", "/Receipts", "unitdp"),
        ("GET", "/Receipts/{ReceiptID}", "unitdp"),
        ("POST", "/Receipts/{ReceiptID}", "unitdp"),
    ),
    "Setup": _ops(("POST", "/Setup")),
    "ExpenseClaims": _ops(
        ("GET", "/ExpenseClaims", "order", "where"),
        ("PUT", "/ExpenseClaims"),
        ("GET", "/ExpenseClaims/{ExpenseClaimID}"),
        ("POST", "/ExpenseClaims/{ExpenseClaimID}"),
    ),
}

_PAYMENT_SERVICE = (
    "PaymentServiceID",
    "PaymentServiceName",
    "PaymentServiceUrl",
    "PayNowText",
    "PaymentServiceType",
)
_TAX_RATE = ("Name", "TaxType", "TaxComponents", "Status", "ReportTaxType")
#: The fields of the elements a write takes (Xero's request schemas).
BODY_FIELDS: dict[tuple[str, str], frozenset[str]] = {
    ("PUT", "/ContactGroups"): frozenset({"ContactGroupID", "Name", "Status", "Contacts"}),
    ("PUT", "/Currencies"): frozenset({"Code", "Description"}),
    ("PUT", "/ExpenseClaims"): frozenset(
        {"ExpenseClaimID", "Status", "Payments", "User", "Receipts", "ReceiptID"}
    ),
    ("PUT", "/PaymentServices"): frozenset(_PAYMENT_SERVICE),
    ("PUT", "/TaxRates"): frozenset(_TAX_RATE),
    ("POST", "/TaxRates"): frozenset(_TAX_RATE),
    ("POST", "/BrandingThemes/{BrandingThemeID}/PaymentServices"): frozenset(_PAYMENT_SERVICE),
}

_API = "/api.xro/2.0"
_DEBUG_REQUEST = re.compile(r"^debug: > (\w+) (\S+) params=(.*?) headers=")


def sent_requests(debug_output: str) -> list[tuple[str, str, dict]]:
    """(method, path below /api.xro/2.0, query params) of each Accounting API request that
    `--debug` logged."""
    found = []
    for line in debug_output.splitlines():
        match = _DEBUG_REQUEST.match(line)
        if not match:
            continue
        method, url, params = match.groups()
        path = urlsplit(url).path
        if path.startswith(_API):
            found.append((method, path[len(_API) :], ast.literal_eval(params) or {}))
    return found


def problems(collection: str, debug_output: str) -> list[str]:
    """Each request of `debug_output` that Xero's table does not describe; empty when all are
    described and at least one is an operation of `collection` (the others look records up:
    a contact named by its name)."""
    sent = sent_requests(debug_output)
    if not sent:
        return ["no Accounting API request was logged"]
    found = []
    own = False
    for method, path, params in sent:
        operation = next(
            (op for ops in OPERATIONS.values() for op in ops if op.matches(method, path)), None
        )
        own = own or operation in OPERATIONS.get(collection, ())
        if operation is None:
            found.append(f"{method} {path}: not an operation Xero describes")
        elif set(params) - operation.params:
            found.append(f"{method} {path}: {sorted(set(params) - operation.params)} not taken")
    if not own:
        found.append(f"no request was an operation of {collection}")
    return found
