"""What the sandbox knows about one resource it serves, in one frozen value.

The engine (serving, writing, idempotency, paging, `where`/`order`, webhooks, the ledger)
reads these declarations and never switches on a collection's name, so a new resource is one
module under `resources/` (see `resources/__init__.py`, "Adding a resource").

Hooks are plain functions the resource's module defines; their arguments are the engine's own
objects (`writes.Context`, `validate.Element`, wire-format record dicts), named only as types
here so that this module imports nothing of the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the engine imports the declarations, not the other way round
    from xerocli.sandbox.http import Request, Response
    from xerocli.sandbox.store import Store
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context

#: Writes one element: (context, element, the stored record or None) -> the stored record, or
#: None with the element's errors set.
Writer = Callable[["Context", "Element", "dict | None"], "dict | None"]
#: A record's ledger postings in its own currency, debits positive: (record, account codes by
#: lower-case AccountID) -> {account code: amount}.
Postings = Callable[[dict, dict[str, str]], dict[str, Decimal]]
#: The documents a posted record's journals are made of when they are not the record itself:
#: record -> [(what tells its journals apart, a document)], each document shaped as a record of
#: the collection (its own date, lines, currency and ID) and posted by its `postings`.
JournalDocuments = Callable[[dict], list[tuple[str, dict]]]
#: Extra list filters beyond the common ones: request -> (SQL clauses, their parameters).
ListFilters = Callable[["Request"], tuple[list[str], list]]
#: Builds a company's seeded records: (the seed's company, see `seed._Company`) -> its records,
#: or (collection, record) pairs for records of another collection it made (a quote's invoice).
SeedBuilder = Callable[[Any], Iterable["dict | tuple[str, dict]"]]

#: Fields every Accounting record has.
COMMON_FIELDS = frozenset(
    {"UpdatedDateUTC", "HasAttachments", "HasValidationErrors", "ValidationErrors"}
)
#: Fields of the documents with line items (invoices, credit notes, orders, bank transactions).
TRANSACTION_FIELDS = COMMON_FIELDS | {
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


@dataclass(frozen=True)
class Nested:
    """The fields of a record held inside another, for checking `where` paths through it."""

    type_name: str
    fields: frozenset[str]


@dataclass(frozen=True)
class Listing:
    """Which list parameters the collection takes, and how its lists are shaped."""

    #: Xero pages it (`page`, `pageSize` up to 1000); unpaged collections return everything.
    paged: bool = False
    #: Records on a page when `pageSize` is not given.
    page_size: int = 100
    #: `summaryOnly=true` leaves out the heavy fields (line items).
    summary_only: bool = False
    #: The fields `searchTerm` looks in, case-insensitively (none: searchTerm is ignored).
    search_fields: tuple[str, ...] = ()
    #: A status left out unless `{hides_param}=true` (Contacts: ARCHIVED unless
    #: includeArchived; BankTransfers: DELETED unless includeDeleted).
    hides_status: str | None = None
    hides_param: str = "includeArchived"
    #: Whether `IDs` must be GUIDs (a tax rate's ID is its TaxType).
    guid_ids: bool = True
    #: The field holding the record's lines; paged lists and gets carry it, unpaged lists not.
    line_field: str | None = None
    #: Unpaged lists still send the line field, empty (Xero's `"LineItems": []`).
    empty_lines_unpaged: bool = False
    #: Extra filters only this collection takes (a purchase order's `Status`, `DateFrom`).
    filters: ListFilters | None = None


@dataclass(frozen=True)
class Route:
    """A path of the collection's own, served by the resource's module rather than the generic
    list/get/write: a record computed on request (`/Organisation`, `/Journals?offset=`), an
    action below the collection (`/Organisation/Actions`, `/InvoiceReminders/Settings`) or below
    one record (`/BrandingThemes/{record_id}/PaymentServices`). Matched before the generic ones.
    """

    method: str
    #: What follows `/{collection}` (`""`, `"/Actions"`, `"/{record_id}/PaymentServices"`).
    path: str
    #: (the store, the request: `context["tenant_id"]`, `params`, `arg()`) -> the answer.
    handler: Callable[[Store, Request], Response]
    #: The scopes that open this path when they are not the collection's (a branding theme's
    #: payment services need `paymentservices`).
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lifecycle:
    """Statuses of a writable document: which a new one may have, and which changes an update
    may make."""

    #: Statuses a new record may have, the first being the default.
    create: tuple[str, ...]
    #: Old status -> the statuses an update may change it to.
    transitions: Mapping[str, frozenset[str]]
    #: Statuses whose records may still be edited without a status change.
    editable: frozenset[str]


@dataclass(frozen=True)
class Documents:
    """What Xero keeps beside a record: files, history, a PDF, a link for the customer."""

    #: `/{collection}/{id}/Attachments`: files stored with the record.
    attachments: bool = False
    #: An attachment may be shown on the customer's online document (`IncludeOnline`).
    include_online: bool = False
    #: `/{collection}/{id}/History`: what each write changed, and notes.
    history: bool = False
    #: `Accept: application/pdf` renders the record; the title on the page by `Type` (the
    #: `None` key for any other). Empty: no PDF.
    pdf_titles: Mapping[str | None, str] = field(default_factory=dict)
    #: `/{collection}/{id}/OnlineInvoice` answers for sales records in these statuses.
    online_statuses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Books:
    """How the reports read a posted record beyond its postings (`book_parts.py`)."""

    #: "open_item": owed until paid or allocated (aged reports; its cash basis follows its
    #: payments); "payment": settles an open item (its cash basis is that item's);
    #: "cash": cash as it stands (bank transactions, journals); "allocation": moves credit
    #: onto the invoice each document names (`Invoice`: its InvoiceID and Type), settling it
    #: and the credit, on the accrual basis only (as a credit note's allocation).
    role: str = "cash"
    #: Its sales and purchases are on the tax returns (GST, VAT).
    taxed: bool = False
    #: Types (by prefix) whose lines are on the credit side, for tracking shares: a line's
    #: amount is a debit unless the record's Type starts with one of these.
    credit_types: tuple[str, ...] = ()
    #: Lines carry their own sign (a journal's): no flip by type at all.
    signed_lines: bool = False
    #: Types whose record leaves credit with the contact on the control account (a bank
    #: transaction making an overpayment or prepayment) -> the open item type it is aged as,
    #: and the field holding the credit's ID (what its allocations settle): Xero's aged
    #: reports list that credit beside the invoices.
    holds_credit: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: The Journals' SourceType of its records when it is not their Type (EXPCLAIM), or by
    #: Type (a prepayment's allocation: ARPREPAYMENT).
    source_type: str = ""
    source_types: Mapping[str, str] = field(default_factory=dict)


#: The order reports read the roles in: the open items before what pays them.
BOOK_ROLES = ("open_item", "cash", "payment", "allocation")


@dataclass(frozen=True)
class Resource:
    """One collection of `/api.xro/2.0/`: its wire shape, list parameters and behaviour."""

    #: The collection as Xero spells it in the URL and the envelope (`Invoices`).
    collection: str
    #: Xero's model type name, as its error messages spell it (`Invoice`).
    type_name: str
    #: The field that identifies a record (`InvoiceID`; a tax rate's `TaxType`).
    id_field: str
    #: Every top-level field, so `where` and `order` refuse one Xero would not know.
    fields: frozenset[str]
    #: The scopes that open it: any of them for reads, a non-`.read` one for writes.
    scopes: tuple[str, ...]
    #: Which step of the seed builds its records (`seed.<function>`), for readers; a resource
    #: whose records the company generator does not build gives `seed` instead.
    seeded_by: str = ""
    #: Builds its records for a seeded company, after everything the generator builds.
    seed: SeedBuilder | None = None
    #: Indexed columns: the number field (`InvoiceNumber`, `Code`), date and due date fields.
    number_field: str | None = None
    date_field: str | None = None
    due_field: str | None = None
    #: The field whose value is indexed as the record's status.
    status_field: str | None = "Status"
    #: Field -> the collection whose record it holds (`Contact` -> `Contacts`), or its fields.
    nested: Mapping[str, str | Nested] = field(default_factory=dict)
    listing: Listing = field(default_factory=Listing)
    #: `GET /{collection}/{number}` finds a record by its number too.
    get_by_number: bool = False
    #: `POST /{collection}/{number}` (and emailing) find the record by its number too.
    write_by_number: bool = False
    #: A POST element carrying a number but no ID updates the record with that number.
    upsert_by_number: bool = False
    #: Create and update; None: read-only (405).
    writer: Writer | None = None
    #: At most this many elements per write request.
    max_batch: int | None = None
    #: `DELETE /{collection}/{id}`: "remove" (204), "status" (200, the record with Status
    #: DELETED), or None (405).
    delete: str | None = None
    #: Why Xero refuses to DELETE this record (an account used on transactions), or None:
    #: (the store, tenant id, record) -> the validation message.
    delete_refusal: Callable[[Any, str, dict], str | None] | None = None
    #: `POST /{collection}/{id}/Email`: checks the record may be emailed (errors on the
    #: element) and marks it sent.
    email: Callable[[Context, dict, Element], None] | None = None
    #: `PUT /{collection}/{id}/Allocations`: (context, record, sent allocation elements) ->
    #: [(element, answer or None)].
    allocate: Callable[[Context, dict, list], list] | None = None
    #: `DELETE /{collection}/{id}/Allocations/{AllocationID}`: (context, record, the
    #: allocation's ID) -> the deleted allocation as answered, or None when it has none such.
    unallocate: Callable[[Context, dict, str], dict | None] | None = None
    #: Webhook category its changes raise (INVOICE), or None; and the event's `data`.
    webhook_category: str | None = None
    webhook_data: Callable[[dict], dict] | None = None
    #: How it posts to the ledger, and the statuses whose records are in the books.
    postings: Postings | None = None
    posted_statuses: tuple[str, ...] = ()
    #: What `postings` is given, when not the record itself: one document per journal, each
    #: on its own date (a prepayment's allocations); None: the record is its one journal.
    journal_documents: JournalDocuments | None = None
    #: The statuses of a writable document, where it has rules of its own.
    lifecycle: Lifecycle | None = None
    #: Prefix of the numbers the sandbox gives new records (`INV-`).
    number_prefix: str | None = None
    #: What the reports read of a posted record beyond its postings.
    books: Books = field(default_factory=Books)
    #: Attachments, history, PDF and online link (all off by default).
    documents: Documents = field(default_factory=Documents)
    #: Paths it serves itself (see `Route`), before the generic ones.
    routes: tuple[Route, ...] = ()
    #: Type -> the flag of the record's Contact that a record of that Type makes true
    #: (`ACCREC` -> `IsCustomer`): Xero derives a contact's IsCustomer and IsSupplier from
    #: its documents and takes neither as sent. Set on write, and by the seed once loaded.
    contact_flags: Mapping[str, str] = field(default_factory=dict)
    #: Where Xero lists it, below `/api.xro/2.0/`, when not at `collection`
    #: (`InvoiceReminders/Settings`), and the answer's list when not `collection`
    #: (`Organisations`).
    list_path: str | None = None
    answer_key: str | None = None
    #: Xero reads one record by ID (`GET /{collection}/{ID}`); not Currencies, PaymentServices,
    #: the organisation or its settings.
    by_id: bool = True
    #: Xero lists (and so the walk reads) it; False for a POST-only collection (`/Setup`),
    #: whose GET answers 405 from its own route.
    listed: bool = True

    @property
    def label(self) -> str:
        """The collection in the singular, as messages name one record (`Invoice`)."""
        return self.collection[:-1]
