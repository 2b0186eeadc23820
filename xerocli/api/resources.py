"""THE resource table: one entry per Xero Accounting resource.

Commands (`xero invoices list`), exports and `xero api --paginate` all read this table, so the
next resource is one entry here, not a new module. Importing it is cheap (no httpx, no pydantic):
`xero --help` builds the command tree from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Column:
    """A table or export column: a dotted path into the record and a header."""

    path: str
    header: str
    money: bool = False  # right-aligned, shown with the record's currency
    style_by_status: bool = False
    #: Paths read when `path` has no value, in order: a payment's document is its invoice, or
    #: the credit note it refunds. A CSV writes each as a column of its own, after `path`.
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filter:
    """A `list` option and how it becomes a Xero query.

    kind:
      "where_eq"    -> where `Field=="value"` (strings, quoted)
      "where_guid"  -> where `Field==Guid("value")`
      "where_date_from"/"where_date_to" -> where `Field>=DateTime(y,m,d)` / `<=`
      "contact"     -> where `Contact.ContactID==Guid(...)` for an ID, else `Contact.Name==...`
      "param"       -> a query parameter as is (PurchaseOrders' Status)
      "param_date"  -> a date query parameter (PurchaseOrders' DateFrom, DateTo)
      "flag"        -> an on/off option that sends `target=true` (Contacts' includeArchived)
    """

    option: str  # CLI option name without dashes, e.g. "status"
    kind: str
    target: str  # the Xero field or query parameter
    help: str
    choices: tuple[str, ...] = ()
    upper: bool = False  # statuses and types are upper case in Xero
    #: Several values, repeated (`--status A --status B`) or as a comma list (`--status A,B`):
    #: records with any of them.
    multi: bool = False
    #: A query parameter that takes the values as a comma list (Invoices' `Statuses`), used
    #: instead of `where`; without one, several values are an OR in `where`.
    list_param: str = ""
    #: Values offered on TAB but not enforced: Xero documents these, and some organisations
    #: (by country) have more, so the value is left for Xero to judge.
    hints: tuple[str, ...] = ()
    #: A query parameter sent as `true` when ARCHIVED is among the values: Xero leaves
    #: archived records out of lists without it (Contacts' `includeArchived`), so a filter on
    #: ARCHIVED alone would find nothing.
    archived_param: str = ""
    #: The status `archived_param` shows (Contacts' ARCHIVED, BankTransfers' DELETED).
    hidden_status: str = "ARCHIVED"

    @property
    def offered(self) -> tuple[str, ...]:
        """What TAB completion offers for this option."""
        return self.choices or self.hints


@dataclass(frozen=True)
class CreateOption:
    """A `create` option and where its value goes in the record.

    kind:
      "text"    -> the value at `path` (dotted)
      "upper"   -> the same, upper-cased (statuses, types, currencies)
      "ref"     -> a reference: a GUID goes to `path`+`id_key`, anything else to `path`+`key`
                   (e.g. --contact "Acme" -> Contact.Name, --contact GUID -> Contact.ContactID)
      "line"    -> a `--line "description,quantity,unit amount,account code[,tax type]"`,
                   repeatable, appended to LineItems
      "journal_line" -> a `--line "description,amount,account code[,tax type]"`, repeatable,
                   appended to JournalLines (a positive amount is a debit)
      "tracking" -> `--tracking "Category=Option"`, repeatable: `Tracking` of every line
    """

    option: str
    path: str
    help: str
    kind: str = "text"
    id_key: str = ""
    key: str = ""
    #: Values offered on TAB (Xero's fixed list); the write model checks the value.
    choices: tuple[str, ...] = ()


#: Xero's fixed lists (its OpenAPI enums): offered on TAB, and checked where a filter's
#: `choices` name them.
ACCOUNT_TYPES = (
    "BANK", "CURRENT", "CURRLIAB", "DEPRECIATN", "DIRECTCOSTS", "EQUITY", "EXPENSE", "FIXED",
    "INVENTORY", "LIABILITY", "NONCURRENT", "OTHERINCOME", "OVERHEADS", "PREPAYMENT", "REVENUE",
    "SALES", "TERMLIAB", "PAYG",
)  # fmt: skip
BANK_TRANSACTION_TYPES = (
    "RECEIVE", "RECEIVE-OVERPAYMENT", "RECEIVE-PREPAYMENT", "RECEIVE-TRANSFER",
    "SPEND", "SPEND-OVERPAYMENT", "SPEND-PREPAYMENT", "SPEND-TRANSFER",
)  # fmt: skip
#: What `bank-transactions create` makes: the transfer types are `bank-transfers create`'s.
BANK_TRANSACTION_CREATE_TYPES = tuple(t for t in BANK_TRANSACTION_TYPES if "TRANSFER" not in t)
PAYMENT_TYPES = (
    "ACCRECPAYMENT", "ACCPAYPAYMENT", "ARCREDITPAYMENT", "APCREDITPAYMENT",
    "AROVERPAYMENTPAYMENT", "ARPREPAYMENTPAYMENT", "APPREPAYMENTPAYMENT", "APOVERPAYMENTPAYMENT",
)  # fmt: skip
LINE_AMOUNT_TYPES = ("Exclusive", "Inclusive", "NoTax")
#: Report tax types offered on TAB for a new tax rate: the common ones of Xero's list (its
#: enum has about a hundred, by country); the organisation's country decides what it takes.
REPORT_TAX_TYPE_HINTS = (
    "OUTPUT", "INPUT", "EXEMPTOUTPUT", "EXEMPTINPUT", "NONE", "ECOUTPUT", "ECINPUT",
    "GSTONIMPORTS", "CAPITALSALESOUTPUT", "CAPITALEXPENSESINPUT",
)  # fmt: skip
NEW_DOCUMENT_STATUSES = ("DRAFT", "SUBMITTED", "AUTHORISED")


def _ref(option: str, path: str, id_key: str, key: str, help: str) -> CreateOption:
    return CreateOption(option, path, help, "ref", id_key, key)


LINE_OPTION = CreateOption(
    "line",
    "LineItems",
    'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).',
    "line",
)
JOURNAL_LINE_OPTION = CreateOption(
    "line",
    "JournalLines",
    'A line: "description,amount,account code[,tax type]"; a positive amount is a debit, a'
    " negative one a credit (repeatable; the lines must balance).",
    "journal_line",
)
#: `--tracking "Region=North"`, repeatable (Xero takes at most two categories a line): the
#: tracking of every `--line` of the record.
TRACKING_OPTION = CreateOption(
    "tracking",
    "Tracking",
    'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).',
    "tracking",
)
#: `--line-amount-types`: whether the lines' amounts include tax (Xero's default: Exclusive).
LINE_AMOUNT_TYPES_OPTION = CreateOption(
    "line-amount-types",
    "LineAmountTypes",
    "Exclusive, Inclusive or NoTax.",
    choices=LINE_AMOUNT_TYPES,
)
#: Create-option kinds that are repeatable lines.
LINE_KINDS = ("line", "journal_line", "payment_line", "receipt_line", "tax_component")
#: Create-option kinds given several times: the lines, and the tracking of every line.
REPEATED_KINDS = (*LINE_KINDS, "tracking")
CONTACT_OPTION = _ref("contact", "Contact", "ContactID", "Name", "Contact name or ContactID.")


def _money_options(date_help: str = "Date (YYYY-MM-DD).") -> tuple[CreateOption, ...]:
    return (
        CreateOption("date", "Date", date_help),
        CreateOption("reference", "Reference", "Reference."),
        CreateOption("currency", "CurrencyCode", "Currency code, e.g. USD.", "upper"),
        CreateOption("currency-rate", "CurrencyRate", "Units of currency per base currency."),
    )


@dataclass(frozen=True)
class Action:
    """A verb with a path of its own below the collection or one record, beyond list/get/
    create/update: `organisation actions` (GET /Organisation/Actions), `branding-themes
    payment-services THEME` (GET /BrandingThemes/{id}/PaymentServices). Generated like the rest
    (cli/actions.py): a `KEY` argument when the path names a record (`{id}`), and the values
    given as `ITEMS...` sent as `{key: [{item_field: value}, ...]}` where `item_field` is set.
    """

    command: str
    method: str
    #: Below `/{Collection}`: `Actions`, `{id}/PaymentServices` (`{id}` is the record's ID).
    path: str
    #: The answer's (and a write's body's) list: `Actions`, `PaymentServices`.
    key: str
    help: str
    columns: tuple[Column, ...] = ()
    #: The field each `ITEMS...` value fills in the elements sent (`PaymentServiceID`).
    item_field: str = ""
    #: What the items are, for the argument's help (`PaymentServiceID`).
    item_help: str = ""
    #: The scope the path needs, when it is not the collection's own.
    scope: str = ""
    #: Items that are not GUIDs name records of this resource (`contacts`), looked up by its
    #: name field: `contact-groups add "VIP Customers" "Kauri Florists"`.
    item_resource: str = ""
    #: `(option, field)`: a required `--option VALUE` sent as `{field: VALUE}` (an option's
    #: new name: `tracking-categories rename-option CATEGORY OPTION --name East`).
    value_option: tuple[str, str] = ()

    @property
    def per_record(self) -> bool:
        return "{id}" in self.path

    @property
    def writes(self) -> bool:
        return self.method != "GET"

    @property
    def per_item(self) -> bool:
        """One request per item, the item in the path (`{id}/Contacts/{item}`)."""
        return "{item}" in self.path


@dataclass(frozen=True)
class StatusVerb:
    """A verb that posts one Status to a record: `xero quotes accept QU-0001`."""

    verb: str
    status: str
    help: str
    #: What the message says it did ("Accepted quote QU-0001.").
    done: str
    #: Several KEYs at once through `POST /{Collection}`: "list", one request of every
    #: record's Status (Xero's deleteBankTransfers); "each", one request a record, the element
    #: itself the body (deleteBatchPayment takes one BatchPaymentDelete). "" : one KEY only.
    bulk: str = ""
    #: That form takes summarizeErrors.
    bulk_summarize: bool = False


@dataclass(frozen=True)
class Resource:
    name: str  # Xero's collection name and path segment: "Invoices"
    noun: str  # the CLI group: "invoices"
    singular: str  # "invoice"
    id_field: str  # "InvoiceID"
    number_field: str | None  # what `get INV-0042` matches; None when Xero has no number lookup
    paged: bool  # does Xero page this collection (page/pageSize)?
    supports_where: bool
    unitdp: bool  # does the endpoint take unitdp=4?
    scopes: tuple[str, ...]  # granular write scope first, then the legacy one
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...] = ()
    lines_field: str | None = None  # "LineItems" for `--lines` exports
    #: The `--lines` export columns: `LineItem.X` (or `JournalLine.X`) reads X of one line.
    line_columns: tuple[str, ...] = ()
    #: The fixed CSV/NDJSON columns of `xero export` (Xero's field names; see `export_columns`
    #: below for the path syntax). Never derived from the data: loaders depend on them.
    export_columns: tuple[str, ...] = ()
    batch_size: int = 50
    status_field: str = "Status"
    date_field: str | None = "Date"
    currency_field: str | None = "CurrencyCode"
    #: Where the currency is when `currency_field` has none (a credit note's refund).
    currency_alternatives: tuple[str, ...] = ()
    create_options: tuple[CreateOption, ...] = ()
    #: What `--upsert` matches existing records by, besides the ID (Invoices: the number).
    upsert_keys: tuple[str, ...] = ()
    #: Records carry UpdatedDateUTC and the endpoint answers If-Modified-Since (`--since`,
    #: `--incremental`). Settings such as TaxRates do neither.
    modified_since: bool = True
    #: The class of `api/models.py` that a new record must satisfy (named, not imported, to
    #: keep this table free of pydantic); None for what the CLI does not write.
    model: str | None = None
    #: Xero edits existing records (POST `/{Collection}/{ID}` changes the fields sent): an
    #: `update KEY` command is generated from the create options.
    updatable: bool = False
    #: Xero's `GET /{Collection}/{number}` finds a record by its number; otherwise a number is
    #: looked up through `where`.
    number_in_path: bool = False
    #: A field people name records by that is neither ID nor number (`contacts update "Acme"`).
    name_field: str | None = None
    #: Xero's document endpoints beside each record (issue 15); each generates its verbs.
    #: `attachments`: `attachments`, `attach`, `download` and `create --attach`.
    attachments: bool = False
    #: `attach --include-online`: the file is shown with the customer's online document.
    include_online: bool = False
    #: `pdf`: the document as Xero renders it (`Accept: application/pdf`).
    pdf: bool = False
    #: `history` and `note`: Xero's history records and notes.
    history: bool = False
    #: `url`: the online invoice link for the customer.
    online_url: bool = False
    #: One record per organisation (Organisation, invoice reminder settings): `xero
    #: organisation` shows it; there is no list or get.
    singleton: bool = False
    #: Where records are read from, when not `/{name}` (`/InvoiceReminders/Settings`).
    read_path: str | None = None
    #: How `get KEY` finds a record: "path" (`GET /{name}/{KEY}`), "where" (Xero has no such
    #: path: the list, filtered on `number_field`, as for Currencies), or "" (no get command).
    get_by: str = "path"
    #: Paged by this field instead of `page` (Journals: `offset` = the last JournalNumber
    #: seen, 100 records an answer).
    offset_field: str | None = None
    #: Verbs with paths of their own (see `Action`).
    actions: tuple[Action, ...] = ()
    #: Writes take `summarizeErrors=false` (each element's errors in its own result); the
    #: settings collections (Currencies, PaymentServices) take no such parameter.
    element_errors: bool = True
    #: A field lists leave out (a contact group's Contacts): a record found by name in a
    #: list is read again by ID.
    listed_without: str | None = None
    #: The list an answer holds the records in, when not `name` (`Organisations`).
    answer_key: str | None = None
    #: The list parameter Xero finds a record by its number with, where the endpoint takes
    #: neither the number in the path nor `where` (Quotes' `QuoteNumber`).
    number_param: str = ""
    #: Verbs that post one Status change to a record (`invoices void`, `quotes accept`).
    status_verbs: tuple[StatusVerb, ...] = ()
    #: `allocate KEY --invoice INV --amount N`: `PUT /{Collection}/{ID}/Allocations`, the
    #: record's credit applied to an invoice (credit notes, overpayments, prepayments).
    allocate: bool = False
    #: `invoice KEY`: a sales invoice made from the record's lines, the record then marked
    #: INVOICED (Quotes: Xero's "copy to invoice").
    makes_invoice: bool = False
    #: `delete KEY`: `DELETE /{Collection}/{ID}` (LinkedTransactions; most collections are
    #: deleted by a Status instead: `status_verbs`).
    deletable: bool = False
    #: `refund KEY --account BANK --amount N`: the credit paid back to the contact, a payment
    #: that names the record (`PUT /Payments` with `Overpayment: {OverpaymentID}`).
    refund: bool = False
    #: The list takes `page` but no `pageSize`: Xero's own page size (Quotes,
    #: LinkedTransactions: 100), which tells the last page.
    fixed_page_size: int | None = None
    #: `GET /{name}/{ID}` takes unitdp=4 as the list does (Overpayments' and Prepayments'
    #: get by ID does not).
    unitdp_by_id: bool = True
    #: `update KEY` posts the change to `/{Collection}` with the ID in the element, not to
    #: `/{Collection}/{ID}` (TaxRates: Xero has no POST /TaxRates/{TaxType}).
    update_by_collection: bool = False
    #: The list leaves each record's lines out (Xero's unpaged lists: Receipts,
    #: RepeatingInvoices), so an export `--lines` or a sync GETs each record for them.
    lines_by_record: bool = False
    #: Xero deletes these records outright (no DELETED status), so a read by modification time
    #: never shows one gone: a sync reads the (unpaged, one-call) list whole every run, which
    #: costs the same call and lets the mirror mark a deleted record `missing_since`.
    deleted_outright: bool = False
    #: A sentence the group's help adds (Receipts and ExpenseClaims are legacy in Xero).
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"/{self.name}"

    def page_query(self, page: int, page_size: int) -> dict[str, int]:
        """The paging parameters of one list request: `page`, and `pageSize` where Xero
        takes it."""
        if self.fixed_page_size:
            return {"page": page}
        return {"page": page, "pageSize": page_size}

    def records_per_page(self, page_size: int) -> int:
        """How many records a full page holds (a shorter one is the last)."""
        return self.fixed_page_size or page_size

    @property
    def records_key(self) -> str:
        """The list of an answer that holds the records: `{"Invoices": [...]}`."""
        return self.answer_key or self.name

    @property
    def list_path(self) -> str:
        """The path lists (and a singleton's one record) are read from."""
        return self.read_path or self.path

    def key_help(self, *, by_name: bool = False) -> str:
        """What a command's KEY takes, for its help: "InvoiceID or InvoiceNumber" (and the
        name, where a command also finds the record by it)."""
        key = self.id_field + (f" or {self.number_field}" if self.number_field else "")
        return key + (f" or {self.name_field.lower()}" if by_name and self.name_field else "")

    @property
    def a_singular(self) -> str:
        """ "an overpayment", "a quote": the singular with its article, for help texts."""
        return ("an " if self.singular[0] in "aeiou" else "a ") + self.singular

    def label(self, record: dict) -> str:
        """How a message names a record: its number, else its ID."""
        return record.get(self.number_field or "") or record[self.id_field]

    def record_path(self, key: str, *more: str) -> str:
        """One record's path, `/Invoices/<key>`: the key checked and encoded (api/keys.py)."""
        from xerocli.api.keys import record_path

        return record_path(self.path, key, *more)

    @property
    def line_prefix(self) -> str:
        """How `--lines` columns and CSV input name a line's fields: `LineItem.`, `JournalLine.`."""
        return f"{self.lines_field.removesuffix('s')}." if self.lines_field else ""


def _status(
    choices: tuple[str, ...],
    target: str = "Status",
    list_param: str = "",
    archived_param: str = "",
    hidden_status: str = "ARCHIVED",
) -> Filter:
    return Filter(
        "status",
        "where_eq",
        target,
        "Only records with this status; repeat or comma-separate for several.",
        choices,
        True,
        multi=True,
        list_param=list_param,
        archived_param=archived_param,
        hidden_status=hidden_status,
    )


def _new_document_status() -> CreateOption:
    """`--status` of a new invoice, credit note or purchase order: Xero starts them as drafts."""
    return CreateOption(
        "status",
        "Status",
        "DRAFT (default), SUBMITTED or AUTHORISED.",
        "upper",
        choices=NEW_DOCUMENT_STATUSES,
    )


def _type(target: str, help: str, choices: tuple[str, ...] = ()) -> Filter:
    return Filter(
        "type",
        "where_eq",
        target,
        f"{help} Repeat or comma-separate for several.",
        choices,
        True,
        multi=True,
    )


def _contact() -> Filter:
    return Filter("contact", "contact", "Contact.ContactID", "Contact name or ContactID.")


def _dates(target: str = "Date") -> tuple[Filter, Filter]:
    return (
        Filter("from", "where_date_from", target, f"{target} on or after (YYYY-MM-DD)."),
        Filter("to", "where_date_to", target, f"{target} on or before (YYYY-MM-DD)."),
    )


#: `--lines` columns, shared by every resource whose records carry Xero's LineItem schema.
#: `LineItem.X` reads field X of one line item; `[N]` picks the Nth element of a list, and
#: `[WORD]` the element whose `...Type` field is WORD (`Addresses[POBOX].City`).
LINE_ITEM_COLUMNS: tuple[str, ...] = (
    "LineItem.LineItemID",
    "LineItem.Description",
    "LineItem.Quantity",
    "LineItem.UnitAmount",
    "LineItem.ItemCode",
    "LineItem.AccountCode",
    "LineItem.AccountID",
    "LineItem.TaxType",
    "LineItem.TaxAmount",
    "LineItem.LineAmount",
    "LineItem.DiscountRate",
    "LineItem.DiscountAmount",
    "LineItem.Tracking[0].Name",
    "LineItem.Tracking[0].Option",
    "LineItem.Tracking[1].Name",
    "LineItem.Tracking[1].Option",
)

#: `--lines` columns of manual journals (Xero's ManualJournalLine schema).
JOURNAL_LINE_COLUMNS: tuple[str, ...] = (
    "JournalLine.Description",
    "JournalLine.LineAmount",
    "JournalLine.AccountCode",
    "JournalLine.AccountID",
    "JournalLine.TaxType",
    "JournalLine.TaxAmount",
    "JournalLine.Tracking[0].Name",
    "JournalLine.Tracking[0].Option",
    "JournalLine.Tracking[1].Name",
    "JournalLine.Tracking[1].Option",
)

#: Columns every export with `--all-tenants` starts with.
TENANT_COLUMNS: tuple[str, ...] = ("TenantId", "TenantName")


def _address(kind: str) -> tuple[str, ...]:
    return tuple(
        f"Addresses[{kind}].{part}"
        for part in ("AddressLine1", "AddressLine2", "City", "Region", "PostalCode", "Country")
    )


PAYMENT_SERVICE_COLUMNS = (
    Column("PaymentServiceName", "Name"),
    Column("PayNowText", "Button"),
    Column("PaymentServiceType", "Type"),
    Column("PaymentServiceID", "PaymentServiceID"),
)

TRACKING_OPTION_COLUMNS = (
    Column("Name", "Option"),
    Column("Status", "Status"),
    Column("TrackingOptionID", "TrackingOptionID"),
)

INVOICE_STATUSES = ("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED")

QUOTE_STATUSES = ("DRAFT", "SENT", "DECLINED", "ACCEPTED", "INVOICED", "DELETED")
QUOTE = Resource(
    name="Quotes",
    attachments=True,
    pdf=True,
    history=True,
    model="Quote",
    updatable=True,
    noun="quotes",
    singular="quote",
    id_field="QuoteID",
    number_field="QuoteNumber",
    number_param="QuoteNumber",
    paged=True,
    supports_where=False,
    unitdp=False,  # Xero's Quotes endpoints take no unitdp
    fixed_page_size=100,
    scopes=("accounting.invoices", "accounting.transactions"),
    columns=(
        Column("QuoteNumber", "Number"),
        Column("Contact.Name", "Contact"),
        Column("Date", "Date"),
        Column("ExpiryDate", "Expires"),
        Column("Status", "Status", style_by_status=True),
        Column("Total", "Total", money=True),
    ),
    filters=(
        Filter(
            "status",
            "param",
            "Status",
            "Only quotes with this status (Xero's endpoint takes one).",
            QUOTE_STATUSES,
            True,
        ),
        Filter("contact", "param", "ContactID", "Only quotes to this ContactID."),
        Filter("from", "param_date", "DateFrom", "Date on or after (YYYY-MM-DD)."),
        Filter("to", "param_date", "DateTo", "Date on or before (YYYY-MM-DD)."),
        Filter("expiry-from", "param_date", "ExpiryDateFrom", "Expiring on or after (YYYY-MM-DD)."),
        Filter("expiry-to", "param_date", "ExpiryDateTo", "Expiring on or before (YYYY-MM-DD)."),
    ),
    lines_field="LineItems",
    line_columns=LINE_ITEM_COLUMNS,
    create_options=(
        CONTACT_OPTION,
        LINE_OPTION,
        *_money_options(),
        CreateOption("expiry-date", "ExpiryDate", "Expiry date (YYYY-MM-DD)."),
        CreateOption("number", "QuoteNumber", "Quote number (default: Xero's next)."),
        CreateOption("title", "Title", "Title shown on the quote."),
        CreateOption("summary", "Summary", "Summary shown under the title."),
        CreateOption("terms", "Terms", "Terms and conditions."),
        CreateOption(
            "status", "Status", "DRAFT (default) or SENT.", "upper", choices=("DRAFT", "SENT")
        ),
        CreateOption(
            "line-amount-types",
            "LineAmountTypes",
            "EXCLUSIVE, INCLUSIVE or NOTAX (a quote's are upper case).",
            "upper",
            choices=("EXCLUSIVE", "INCLUSIVE", "NOTAX"),
        ),
    ),
    upsert_keys=("QuoteID",),
    status_verbs=(
        StatusVerb("send", "SENT", "Mark a draft quote sent to the customer.", "Marked sent"),
        StatusVerb("accept", "ACCEPTED", "Mark a sent quote accepted.", "Accepted"),
        StatusVerb("decline", "DECLINED", "Mark a sent quote declined.", "Declined"),
        StatusVerb("delete", "DELETED", "Delete a quote (Xero keeps it as DELETED).", "Deleted"),
    ),
    makes_invoice=True,
    export_columns=(
        "QuoteID",
        "QuoteNumber",
        "Status",
        "Contact.ContactID",
        "Contact.Name",
        "Date",
        "ExpiryDate",
        "Reference",
        "Title",
        "Summary",
        "Terms",
        "CurrencyCode",
        "CurrencyRate",
        "LineAmountTypes",
        "SubTotal",
        "TotalTax",
        "Total",
        "TotalDiscount",
        "BrandingThemeID",
        "UpdatedDateUTC",
    ),
)


def _credit(name: str, noun: str, singular: str, id_field: str, types: tuple[str, ...]) -> Resource:
    """Overpayments and prepayments: credit a contact holds, made by a bank transaction of
    their Type (`bank-transactions create --file` with `RECEIVE-OVERPAYMENT`), then allocated to
    invoices or refunded."""
    return Resource(
        name=name,
        noun=noun,
        singular=singular,
        id_field=id_field,
        number_field=None,
        paged=True,
        supports_where=True,
        unitdp=True,
        unitdp_by_id=False,
        scopes=("accounting.payments", "accounting.transactions"),
        history=True,
        allocate=True,
        refund=True,
        columns=(
            Column("Date", "Date"),
            Column("Type", "Type"),
            Column("Contact.Name", "Contact"),
            Column("Status", "Status", style_by_status=True),
            Column("Total", "Total", money=True),
            Column("RemainingCredit", "Remaining", money=True),
            Column(id_field, id_field),
        ),
        filters=(
            _status(("AUTHORISED", "PAID", "VOIDED")),
            _type("Type", f"{' or '.join(types)}.", types),
            _contact(),
            *_dates(),
        ),
        lines_field="LineItems",
        line_columns=LINE_ITEM_COLUMNS,
        export_columns=(
            id_field,
            "Type",
            "Status",
            "Contact.ContactID",
            "Contact.Name",
            "Date",
            "Reference",
            "CurrencyCode",
            "CurrencyRate",
            "LineAmountTypes",
            "SubTotal",
            "TotalTax",
            "Total",
            "RemainingCredit",
            "AppliedAmount",
            "HasAttachments",
            "UpdatedDateUTC",
        ),
    )


OVERPAYMENT = _credit(
    "Overpayments",
    "overpayments",
    "overpayment",
    "OverpaymentID",
    ("RECEIVE-OVERPAYMENT", "SPEND-OVERPAYMENT"),
)
PREPAYMENT = _credit(
    "Prepayments",
    "prepayments",
    "prepayment",
    "PrepaymentID",
    ("RECEIVE-PREPAYMENT", "SPEND-PREPAYMENT"),
)

BANK_TRANSFER = Resource(
    name="BankTransfers",
    model="BankTransfer",
    attachments=True,
    history=True,
    noun="bank-transfers",
    singular="bank transfer",
    id_field="BankTransferID",
    number_field=None,
    paged=False,
    supports_where=True,
    unitdp=False,
    scopes=("accounting.banktransactions", "accounting.transactions"),
    columns=(
        Column("Date", "Date"),
        Column("FromBankAccount.Name", "From"),
        Column("ToBankAccount.Name", "To"),
        Column("Amount", "Amount", money=True),
        Column("CurrencyRate", "Rate"),
        Column("Status", "Status", style_by_status=True),
        Column("BankTransferID", "BankTransferID"),
    ),
    filters=(
        _status(
            ("AUTHORISED", "DELETED"), archived_param="includeDeleted", hidden_status="DELETED"
        ),
        Filter(
            "include-deleted",
            "flag",
            "includeDeleted",
            "Deleted transfers too (Xero leaves them out otherwise).",
        ),
        *_dates(),
    ),
    currency_field="FromBankAccount.CurrencyCode",
    create_options=(
        _ref("from", "FromBankAccount", "AccountID", "Code", "Bank account code or ID paid from."),
        _ref("to", "ToBankAccount", "AccountID", "Code", "Bank account code or ID paid into."),
        CreateOption("amount", "Amount", "Amount, in the From account's currency."),
        CreateOption("date", "Date", "Date (YYYY-MM-DD; default today)."),
        CreateOption("reference", "Reference", "Reference."),
        CreateOption(
            "currency-rate",
            "CurrencyRate",
            "From-account currency units per base currency unit, for a foreign account"
            " (default: Xero's rate).",
        ),
    ),
    status_verbs=(
        StatusVerb(
            "delete",
            "DELETED",
            "Delete bank transfers (they leave the books); several in one request.",
            "Deleted",
            bulk="list",
            bulk_summarize=True,
        ),
    ),
    export_columns=(
        "BankTransferID",
        "Date",
        "Status",
        "Amount",
        "CurrencyRate",
        "FromBankAccount.AccountID",
        "FromBankAccount.Code",
        "FromBankAccount.Name",
        "FromBankAccount.CurrencyCode",
        "ToBankAccount.AccountID",
        "ToBankAccount.Code",
        "ToBankAccount.Name",
        "ToBankAccount.CurrencyCode",
        "Reference",
        "FromIsReconciled",
        "ToIsReconciled",
        "HasAttachments",
        "CreatedDateUTC",
        "UpdatedDateUTC",
    ),
)

BATCH_PAYMENT = Resource(
    name="BatchPayments",
    model="BatchPayment",
    history=True,
    noun="batch-payments",
    singular="batch payment",
    id_field="BatchPaymentID",
    number_field=None,
    paged=False,
    supports_where=True,
    unitdp=False,
    scopes=("accounting.payments", "accounting.transactions"),
    columns=(
        Column("Date", "Date"),
        Column("Type", "Type"),
        Column("Account.Code", "Account"),
        Column("Reference", "Reference"),
        Column("Status", "Status", style_by_status=True),
        Column("TotalAmount", "Total", money=True),
        Column("BatchPaymentID", "BatchPaymentID"),
    ),
    filters=(
        _status(("AUTHORISED", "DELETED")),
        _type("Type", "RECBATCH (sales) or PAYBATCH (bills).", ("RECBATCH", "PAYBATCH")),
        *_dates(),
    ),
    currency_field=None,
    lines_field="Payments",
    line_columns=(
        "Payment.PaymentID",
        "Payment.Invoice.InvoiceID",
        "Payment.Invoice.InvoiceNumber",
        "Payment.Amount",
    ),
    create_options=(
        _ref("account", "Account", "AccountID", "Code", "Bank account code or ID of the one line."),
        CreateOption(
            "pay",
            "Payments",
            'An invoice paid: "invoice number or ID,amount" (repeatable; one kind and currency).',
            "payment_line",
        ),
        CreateOption("date", "Date", "Payment date (YYYY-MM-DD; default today)."),
        CreateOption("reference", "Reference", "Reference of the bank line."),
        CreateOption("narrative", "Narrative", "Narrative (at most 18 characters)."),
    ),
    status_verbs=(
        StatusVerb(
            "delete",
            "DELETED",
            "Delete batch payments and each of their payments (the invoices reopen); several"
            " at once.",
            "Deleted",
            bulk="each",
        ),
    ),
    export_columns=(
        "BatchPaymentID",
        "Date",
        "Type",
        "Status",
        "Account.AccountID",
        "Account.Code",
        "Reference",
        "Particulars",
        "Code",
        "Details",
        "Narrative",
        "TotalAmount",
        "IsReconciled",
        "UpdatedDateUTC",
    ),
)

REPEATING_INVOICE = Resource(
    name="RepeatingInvoices",
    model="RepeatingInvoice",
    updatable=True,
    attachments=True,
    history=True,
    noun="repeating-invoices",
    singular="repeating invoice",
    id_field="RepeatingInvoiceID",
    number_field=None,
    paged=False,
    supports_where=True,
    unitdp=False,  # Xero's RepeatingInvoices endpoints take no unitdp
    scopes=("accounting.invoices", "accounting.transactions"),
    columns=(
        Column("Type", "Type"),
        Column("Contact.Name", "Contact"),
        Column("Reference", "Reference"),
        Column("Schedule.Unit", "Every"),
        Column("Schedule.NextScheduledDate", "Next"),
        Column("Status", "Status", style_by_status=True),
        Column("Total", "Total", money=True),
        Column("RepeatingInvoiceID", "RepeatingInvoiceID"),
    ),
    filters=(
        _status(("DRAFT", "AUTHORISED", "DELETED")),
        _type("Type", "ACCREC (sales) or ACCPAY (bills).", ("ACCREC", "ACCPAY")),
        _contact(),
    ),
    date_field=None,
    modified_since=False,  # Xero's RepeatingInvoice carries no UpdatedDateUTC
    lines_field="LineItems",
    lines_by_record=True,
    line_columns=LINE_ITEM_COLUMNS,
    create_options=(
        CreateOption(
            "type",
            "Type",
            "ACCREC (sales, default) or ACCPAY (bill).",
            "upper",
            choices=("ACCREC", "ACCPAY"),
        ),
        CONTACT_OPTION,
        LINE_OPTION,
        CreateOption(
            "every",
            "Schedule.Unit",
            "WEEKLY or MONTHLY (required).",
            "upper",
            choices=("WEEKLY", "MONTHLY"),
        ),
        CreateOption("period", "Schedule.Period", "Every how many weeks or months (default 1)."),
        CreateOption("start-date", "Schedule.StartDate", "First invoice date (YYYY-MM-DD)."),
        CreateOption("end-date", "Schedule.EndDate", "Last invoice date (YYYY-MM-DD)."),
        CreateOption("due-days", "Schedule.DueDate", "Due this many days (or on this day)."),
        CreateOption(
            "due-type",
            "Schedule.DueDateType",
            "How --due-days counts: DAYSAFTERBILLDATE (default), OFFOLLOWINGMONTH, ...",
            "upper",
            choices=(
                "DAYSAFTERBILLDATE",
                "DAYSAFTERBILLMONTH",
                "DAYSAFTERINVOICEDATE",
                "DAYSAFTERINVOICEMONTH",
                "OFCURRENTMONTH",
                "OFFOLLOWINGMONTH",
            ),
        ),
        CreateOption("reference", "Reference", "Reference."),
        CreateOption("currency", "CurrencyCode", "Currency code, e.g. USD.", "upper"),
        CreateOption(
            "status",
            "Status",
            "DRAFT (default) or AUTHORISED.",
            "upper",
            choices=("DRAFT", "AUTHORISED"),
        ),
    ),
    upsert_keys=("RepeatingInvoiceID",),
    status_verbs=(
        StatusVerb(
            "delete", "DELETED", "Delete a repeating invoice (no more invoices).", "Deleted"
        ),
    ),
    export_columns=(
        "RepeatingInvoiceID",
        "Type",
        "Status",
        "Contact.ContactID",
        "Contact.Name",
        "Reference",
        "Schedule.Unit",
        "Schedule.Period",
        "Schedule.StartDate",
        "Schedule.NextScheduledDate",
        "Schedule.EndDate",
        "Schedule.DueDate",
        "Schedule.DueDateType",
        "CurrencyCode",
        "LineAmountTypes",
        "SubTotal",
        "TotalTax",
        "Total",
        "BrandingThemeID",
        "ApprovedForSending",
        "HasAttachments",
    ),
)

LINKED_TRANSACTION = Resource(
    name="LinkedTransactions",
    model="LinkedTransaction",
    deletable=True,
    #: `update KEY --contact C | --target INV --target-line L`: POST
    #: /LinkedTransactions/{ID} (its source stays).
    updatable=True,
    noun="linked-transactions",
    singular="linked transaction",
    id_field="LinkedTransactionID",
    number_field=None,
    paged=True,
    supports_where=False,
    unitdp=False,
    fixed_page_size=100,
    scopes=("accounting.invoices", "accounting.transactions"),
    columns=(
        Column("Type", "Type"),
        Column("Status", "Status", style_by_status=True),
        Column("SourceTransactionTypeCode", "Source"),
        Column("SourceTransactionID", "SourceTransactionID"),
        Column("ContactID", "Customer"),
        Column("TargetTransactionID", "TargetTransactionID"),
        Column("LinkedTransactionID", "LinkedTransactionID"),
    ),
    filters=(
        Filter(
            "status",
            "param",
            "Status",
            "Only links with this status (Xero's endpoint takes one).",
            ("DRAFT", "APPROVED", "ONDRAFT", "BILLED", "VOIDED"),
            True,
        ),
        Filter("contact", "param", "ContactID", "Only links to bill to this ContactID."),
        Filter("source", "param", "SourceTransactionID", "Only links from this bill or spend."),
        Filter("target", "param", "TargetTransactionID", "Only links billed on this invoice."),
    ),
    date_field=None,
    currency_field=None,
    create_options=(
        CreateOption("source", "SourceTransactionID", "The bill (ACCPAY) or SPEND it is from."),
        CreateOption("source-line", "SourceLineItemID", "The LineItemID of the billable line."),
        CreateOption("contact", "ContactID", "The customer (ContactID) to bill it to."),
        CreateOption("target", "TargetTransactionID", "The sales invoice it is billed on."),
        CreateOption("target-line", "TargetLineItemID", "The LineItemID on that invoice."),
    ),
    upsert_keys=("LinkedTransactionID",),
    export_columns=(
        "LinkedTransactionID",
        "Type",
        "Status",
        "SourceTransactionID",
        "SourceLineItemID",
        "SourceTransactionTypeCode",
        "ContactID",
        "TargetTransactionID",
        "TargetLineItemID",
        "UpdatedDateUTC",
    ),
)

#: Xero replaced expense claims (and their receipts) by Xero Expenses in 2018; the Accounting
#: API still serves them for organisations that kept them.
LEGACY_NOTE = (
    "Legacy in Xero (replaced by Xero Expenses in 2018), still served for organisations that"
    " use expense claims."
)
_RECEIPT_STATUSES = ("DRAFT", "SUBMITTED", "AUTHORISED", "DECLINED", "VOIDED")

RECEIPT = Resource(
    name="Receipts",
    model="Receipt",
    updatable=True,
    attachments=True,
    history=True,
    note=LEGACY_NOTE,
    noun="receipts",
    singular="receipt",
    id_field="ReceiptID",
    number_field=None,  # ReceiptNumber counts one user's receipts: not unique
    paged=False,
    supports_where=True,
    unitdp=True,
    element_errors=False,  # Xero's Receipts writes take no summarizeErrors
    scopes=("accounting.invoices", "accounting.transactions"),
    columns=(
        Column("Date", "Date"),
        Column("User.FirstName", "User"),
        Column("Contact.Name", "Contact"),
        Column("Reference", "Reference"),
        Column("Status", "Status", style_by_status=True),
        Column("Total", "Total", money=True),
        Column("ReceiptID", "ReceiptID"),
    ),
    filters=(
        _status(_RECEIPT_STATUSES),
        Filter("user", "where_guid", "User.UserID", "Only receipts of this UserID."),
        _contact(),
        *_dates(),
    ),
    currency_field=None,  # a receipt is in the base currency
    lines_field="LineItems",
    lines_by_record=True,
    line_columns=LINE_ITEM_COLUMNS,
    create_options=(
        CreateOption("user", "User.UserID", "The UserID who spent it (`xero users list`)."),
        CONTACT_OPTION,
        LINE_OPTION,
        TRACKING_OPTION,
        CreateOption("date", "Date", "Date (YYYY-MM-DD)."),
        CreateOption("reference", "Reference", "Reference."),
        LINE_AMOUNT_TYPES_OPTION,
    ),
    upsert_keys=("ReceiptID",),
    export_columns=(
        "ReceiptID",
        "ReceiptNumber",
        "Status",
        "User.UserID",
        "Contact.ContactID",
        "Contact.Name",
        "Date",
        "Reference",
        "LineAmountTypes",
        "SubTotal",
        "TotalTax",
        "Total",
        "HasAttachments",
        "UpdatedDateUTC",
    ),
)

EXPENSE_CLAIM = Resource(
    name="ExpenseClaims",
    model="ExpenseClaim",
    history=True,
    note=LEGACY_NOTE,
    noun="expense-claims",
    singular="expense claim",
    id_field="ExpenseClaimID",
    number_field=None,
    paged=False,
    supports_where=True,
    unitdp=False,  # Xero's ExpenseClaims endpoints take no unitdp
    element_errors=False,
    scopes=("accounting.invoices", "accounting.transactions"),
    columns=(
        Column("User.FirstName", "User"),
        Column("Status", "Status", style_by_status=True),
        Column("ReportingDate", "Reported"),
        Column("Total", "Total", money=True),
        Column("AmountDue", "Due", money=True),
        Column("ExpenseClaimID", "ExpenseClaimID"),
    ),
    filters=(
        _status(("SUBMITTED", "AUTHORISED", "PAID", "VOIDED")),
        Filter("user", "where_guid", "User.UserID", "Only claims of this UserID."),
    ),
    date_field=None,
    currency_field=None,
    lines_field="Receipts",
    line_columns=("Receipt.ReceiptID", "Receipt.Reference", "Receipt.Status", "Receipt.Total"),
    create_options=(
        CreateOption("user", "User.UserID", "The UserID whose receipts are claimed."),
        CreateOption(
            "receipt",
            "Receipts",
            "A draft receipt of that user, by ReceiptID (repeatable).",
            "receipt_line",
        ),
    ),
    status_verbs=(
        StatusVerb(
            "authorise", "AUTHORISED", "Authorise a submitted claim (it posts).", "Authorised"
        ),
        StatusVerb("void", "VOIDED", "Void a claim that is not paid.", "Voided"),
    ),
    export_columns=(
        "ExpenseClaimID",
        "Status",
        "User.UserID",
        "User.FirstName",
        "User.LastName",
        "Total",
        "AmountDue",
        "AmountPaid",
        "ReportingDate",
        "PaymentDueDate",
        "UpdatedDateUTC",
    ),
)

RESOURCES: tuple[Resource, ...] = (
    Resource(
        name="Invoices",
        attachments=True,
        include_online=True,
        pdf=True,
        history=True,
        online_url=True,
        status_verbs=(StatusVerb("void", "VOIDED", "Void an authorised invoice.", "Voided"),),
        model="Invoice",
        updatable=True,
        number_in_path=True,
        noun="invoices",
        singular="invoice",
        id_field="InvoiceID",
        number_field="InvoiceNumber",
        paged=True,
        supports_where=True,
        unitdp=True,
        scopes=("accounting.invoices", "accounting.transactions"),
        columns=(
            Column("InvoiceNumber", "Number"),
            Column("Type", "Type"),
            Column("Contact.Name", "Contact"),
            Column("Date", "Date"),
            Column("DueDate", "Due"),
            Column("Status", "Status", style_by_status=True),
            Column("Total", "Total", money=True),
            Column("AmountDue", "Due amount", money=True),
        ),
        filters=(
            _status(INVOICE_STATUSES, list_param="Statuses"),
            _type("Type", "ACCREC (sales) or ACCPAY (bills).", ("ACCREC", "ACCPAY")),
            _contact(),
            *_dates(),
        ),
        lines_field="LineItems",
        line_columns=LINE_ITEM_COLUMNS,
        create_options=(
            CreateOption(
                "type",
                "Type",
                "ACCREC (sales, default) or ACCPAY (bill).",
                "upper",
                choices=("ACCREC", "ACCPAY"),
            ),
            CONTACT_OPTION,
            LINE_OPTION,
            TRACKING_OPTION,
            *_money_options(),
            CreateOption("due-date", "DueDate", "Due date (YYYY-MM-DD)."),
            CreateOption("number", "InvoiceNumber", "Invoice number (default: Xero's next)."),
            _new_document_status(),
            LINE_AMOUNT_TYPES_OPTION,
        ),
        upsert_keys=("InvoiceID", "InvoiceNumber"),
        export_columns=(
            "InvoiceID",
            "InvoiceNumber",
            "Type",
            "Status",
            "Contact.ContactID",
            "Contact.Name",
            "Date",
            "DueDate",
            "Reference",
            "CurrencyCode",
            "CurrencyRate",
            "LineAmountTypes",
            "SubTotal",
            "TotalTax",
            "Total",
            "TotalDiscount",
            "AmountDue",
            "AmountPaid",
            "AmountCredited",
            "FullyPaidOnDate",
            "ExpectedPaymentDate",
            "PlannedPaymentDate",
            "SentToContact",
            "BrandingThemeID",
            "RepeatingInvoiceID",
            "HasAttachments",
            "Url",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="Contacts",
        attachments=True,
        history=True,
        model="Contact",
        updatable=True,
        actions=(
            Action(
                "cis-settings",
                "GET",
                "{id}/CISSettings",
                "CISSettings",
                "A contact's construction industry scheme settings (UK): a subcontractor and its"
                " deduction rate.",
                (Column("CISEnabled", "Subcontractor"), Column("Rate", "Rate %")),
                scope="accounting.settings",
            ),
        ),
        name_field="Name",
        noun="contacts",
        singular="contact",
        id_field="ContactID",
        number_field=None,
        paged=True,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.contacts",),
        columns=(
            Column("Name", "Name"),
            Column("EmailAddress", "Email"),
            Column("ContactStatus", "Status", style_by_status=True),
            Column("IsCustomer", "Customer"),
            Column("IsSupplier", "Supplier"),
            Column("ContactID", "ContactID"),
        ),
        filters=(
            _status(
                ("ACTIVE", "ARCHIVED", "GDPRREQUEST"),
                "ContactStatus",
                archived_param="includeArchived",
            ),
            Filter(
                "include-archived",
                "flag",
                "includeArchived",
                "Every contact, archived too (Xero leaves ARCHIVED contacts out otherwise).",
            ),
        ),
        status_field="ContactStatus",
        date_field=None,
        currency_field="DefaultCurrency",
        create_options=(
            CreateOption("name", "Name", "Name (unique in Xero)."),
            CreateOption("email", "EmailAddress", "Email address."),
            CreateOption("first-name", "FirstName", "First name of the contact person."),
            CreateOption("last-name", "LastName", "Last name of the contact person."),
            CreateOption("number", "ContactNumber", "Your own contact number."),
            CreateOption("account-number", "AccountNumber", "Account number."),
            CreateOption("tax-number", "TaxNumber", "Tax number (GST/VAT/ABN)."),
            CreateOption("currency", "DefaultCurrency", "Default currency.", "upper"),
        ),
        upsert_keys=("ContactID",),
        export_columns=(
            "ContactID",
            "ContactNumber",
            "AccountNumber",
            "ContactStatus",
            "Name",
            "FirstName",
            "LastName",
            "CompanyNumber",
            "EmailAddress",
            "TaxNumber",
            "IsCustomer",
            "IsSupplier",
            "DefaultCurrency",
            "AccountsReceivableTaxType",
            "AccountsPayableTaxType",
            "SalesDefaultAccountCode",
            "PurchasesDefaultAccountCode",
            "Website",
            *_address("POBOX"),
            *_address("STREET"),
            "Phones[DEFAULT].PhoneCountryCode",
            "Phones[DEFAULT].PhoneAreaCode",
            "Phones[DEFAULT].PhoneNumber",
            "Phones[MOBILE].PhoneNumber",
            "HasAttachments",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="Accounts",
        deletable=True,  # DELETE /{name}/{ID}
        deleted_outright=True,
        attachments=True,
        model="Account",
        updatable=True,
        noun="accounts",
        singular="account",
        id_field="AccountID",
        number_field="Code",
        paged=False,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(
            Column("Code", "Code"),
            Column("Name", "Name"),
            Column("Type", "Type"),
            Column("TaxType", "Tax"),
            Column("Status", "Status", style_by_status=True),
            Column("AccountID", "AccountID"),
        ),
        filters=(
            _status(("ACTIVE", "ARCHIVED", "DELETED")),
            _type("Type", "Account type, e.g. BANK, REVENUE, EXPENSE.", ACCOUNT_TYPES),
        ),
        date_field=None,
        create_options=(
            CreateOption("code", "Code", "Account code."),
            CreateOption("name", "Name", "Account name."),
            CreateOption(
                "type",
                "Type",
                "Account type, e.g. REVENUE, EXPENSE.",
                "upper",
                choices=ACCOUNT_TYPES,
            ),
            CreateOption("tax-type", "TaxType", "Default tax type."),
            CreateOption("description", "Description", "Description."),
        ),
        export_columns=(
            "AccountID",
            "Code",
            "Name",
            "Type",
            "Class",
            "Status",
            "TaxType",
            "Description",
            "BankAccountNumber",
            "BankAccountType",
            "CurrencyCode",
            "EnablePaymentsToAccount",
            "ShowInExpenseClaims",
            "SystemAccount",
            "ReportingCode",
            "ReportingCodeName",
            "HasAttachments",
            "AddToWatchlist",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="BankTransactions",
        attachments=True,
        history=True,
        model="BankTransaction",
        updatable=True,
        noun="bank-transactions",
        singular="bank transaction",
        id_field="BankTransactionID",
        number_field=None,
        paged=True,
        supports_where=True,
        unitdp=True,
        scopes=("accounting.banktransactions", "accounting.transactions"),
        columns=(
            Column("Date", "Date"),
            Column("Type", "Type"),
            Column("Contact.Name", "Contact"),
            Column("BankAccount.Name", "Bank account"),
            Column("Reference", "Reference"),
            Column("Status", "Status", style_by_status=True),
            Column("Total", "Total", money=True),
        ),
        filters=(
            _status(("AUTHORISED", "DELETED", "VOIDED")),
            _type(
                "Type", "RECEIVE, SPEND, or a prepayment/overpayment type.", BANK_TRANSACTION_TYPES
            ),
            _contact(),
            *_dates(),
        ),
        lines_field="LineItems",
        line_columns=LINE_ITEM_COLUMNS,
        create_options=(
            CreateOption(
                "type",
                "Type",
                "RECEIVE (money in), SPEND (money out), or an overpayment or prepayment"
                " (RECEIVE-OVERPAYMENT: one line, no tax).",
                "upper",
                choices=BANK_TRANSACTION_CREATE_TYPES,
            ),
            CONTACT_OPTION,
            _ref("bank-account", "BankAccount", "AccountID", "Code", "Bank account code or ID."),
            LINE_OPTION,
            TRACKING_OPTION,
            *_money_options(),
            LINE_AMOUNT_TYPES_OPTION,
        ),
        upsert_keys=("BankTransactionID",),
        export_columns=(
            "BankTransactionID",
            "Type",
            "Status",
            "Contact.ContactID",
            "Contact.Name",
            "BankAccount.AccountID",
            "BankAccount.Code",
            "BankAccount.Name",
            "Date",
            "Reference",
            "IsReconciled",
            "CurrencyCode",
            "CurrencyRate",
            "LineAmountTypes",
            "SubTotal",
            "TotalTax",
            "Total",
            "PrepaymentID",
            "OverpaymentID",
            "Url",
            "HasAttachments",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="Payments",
        history=True,
        status_verbs=(
            StatusVerb("delete", "DELETED", "Delete a payment (the invoice reopens).", "Deleted"),
        ),
        model="Payment",
        noun="payments",
        singular="payment",
        id_field="PaymentID",
        number_field=None,
        paged=True,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.payments", "accounting.transactions"),
        columns=(
            Column("Date", "Date"),
            # A refund pays out a credit note, a prepayment or an overpayment, not an invoice.
            Column(
                "Invoice.InvoiceNumber", "Document", alternatives=("CreditNote.CreditNoteNumber",)
            ),
            Column(
                "Invoice.Contact.Name",
                "Contact",
                alternatives=(
                    "CreditNote.Contact.Name",
                    "Prepayment.Contact.Name",
                    "Overpayment.Contact.Name",
                ),
            ),
            Column("PaymentType", "Type"),
            Column("Status", "Status", style_by_status=True),
            Column("Amount", "Amount", money=True),
            Column("PaymentID", "PaymentID"),
        ),
        filters=(
            _status(("AUTHORISED", "DELETED")),
            _type("PaymentType", "ACCRECPAYMENT, ACCPAYPAYMENT, ...", PAYMENT_TYPES),
            *_dates(),
        ),
        currency_field="Invoice.CurrencyCode",
        currency_alternatives=(
            "CreditNote.CurrencyCode",
            "Prepayment.CurrencyCode",
            "Overpayment.CurrencyCode",
        ),
        create_options=(
            _ref("invoice", "Invoice", "InvoiceID", "InvoiceNumber", "Invoice number or ID."),
            _ref("account", "Account", "AccountID", "Code", "Bank account code or ID paid into."),
            CreateOption("amount", "Amount", "Amount paid, in the invoice's currency."),
            CreateOption("date", "Date", "Payment date (YYYY-MM-DD)."),
            CreateOption("reference", "Reference", "Reference."),
            CreateOption("currency-rate", "CurrencyRate", "Exchange rate for a foreign invoice."),
        ),
        export_columns=(
            "PaymentID",
            "PaymentType",
            "Status",
            "Date",
            "Amount",
            "BankAmount",
            "CurrencyRate",
            "Reference",
            "IsReconciled",
            "Invoice.InvoiceID",
            "Invoice.InvoiceNumber",
            "Invoice.Type",
            "Invoice.CurrencyCode",
            "Invoice.Contact.ContactID",
            "Invoice.Contact.Name",
            "CreditNote.CreditNoteID",
            "CreditNote.CreditNoteNumber",
            "Prepayment.PrepaymentID",
            "Overpayment.OverpaymentID",
            "Account.AccountID",
            "Account.Code",
            "BatchPaymentID",
            "BankAccountNumber",
            "Particulars",
            "Details",
            "UpdatedDateUTC",
            # A refund's contact and currency are its credit note's (or prepayment's or
            # overpayment's): without them a refund's currency was known by its rate alone.
            "CreditNote.CurrencyCode",
            "CreditNote.Contact.ContactID",
            "CreditNote.Contact.Name",
            "Prepayment.CurrencyCode",
            "Overpayment.CurrencyCode",
        ),
    ),
    Resource(
        name="Items",
        deletable=True,  # DELETE /{name}/{ID}
        deleted_outright=True,
        history=True,
        model="Item",
        updatable=True,
        noun="items",
        singular="item",
        id_field="ItemID",
        number_field="Code",
        paged=False,
        supports_where=True,
        unitdp=True,
        scopes=("accounting.invoices", "accounting.settings"),
        columns=(
            Column("Code", "Code"),
            Column("Name", "Name"),
            Column("SalesDetails.UnitPrice", "Sale price", money=True),
            Column("PurchaseDetails.UnitPrice", "Purchase price", money=True),
            Column("QuantityOnHand", "On hand"),
            Column("ItemID", "ItemID"),
        ),
        batch_size=500,
        status_field="Status",
        date_field=None,
        currency_field=None,
        create_options=(
            CreateOption("code", "Code", "Item code (unique)."),
            CreateOption("name", "Name", "Item name."),
            CreateOption("description", "Description", "Sales description."),
            CreateOption("sale-price", "SalesDetails.UnitPrice", "Sale unit price."),
            CreateOption("sales-account", "SalesDetails.AccountCode", "Sales account code."),
            CreateOption("purchase-price", "PurchaseDetails.UnitPrice", "Purchase unit price."),
            CreateOption("purchase-account", "PurchaseDetails.AccountCode", "Purchase account."),
        ),
        upsert_keys=("ItemID", "Code"),
        export_columns=(
            "ItemID",
            "Code",
            "Name",
            "Description",
            "PurchaseDescription",
            "IsSold",
            "IsPurchased",
            "IsTrackedAsInventory",
            "InventoryAssetAccountCode",
            "SalesDetails.UnitPrice",
            "SalesDetails.AccountCode",
            "SalesDetails.TaxType",
            "PurchaseDetails.UnitPrice",
            "PurchaseDetails.AccountCode",
            "PurchaseDetails.COGSAccountCode",
            "PurchaseDetails.TaxType",
            "QuantityOnHand",
            "TotalCostPool",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="PurchaseOrders",
        attachments=True,
        pdf=True,
        history=True,
        model="PurchaseOrder",
        updatable=True,
        number_in_path=True,
        noun="purchase-orders",
        singular="purchase order",
        id_field="PurchaseOrderID",
        number_field="PurchaseOrderNumber",
        paged=True,
        supports_where=False,
        unitdp=False,
        scopes=("accounting.invoices", "accounting.transactions"),
        columns=(
            Column("PurchaseOrderNumber", "Number"),
            Column("Contact.Name", "Contact"),
            Column("Date", "Date"),
            Column("DeliveryDate", "Delivery"),
            Column("Status", "Status", style_by_status=True),
            Column("Total", "Total", money=True),
        ),
        filters=(
            Filter(
                "status",
                "param",
                "Status",
                "Only purchase orders with this status (Xero's endpoint takes one).",
                ("DRAFT", "SUBMITTED", "AUTHORISED", "BILLED", "DELETED"),
                True,
            ),
            Filter("from", "param_date", "DateFrom", "Date on or after (YYYY-MM-DD)."),
            Filter("to", "param_date", "DateTo", "Date on or before (YYYY-MM-DD)."),
        ),
        lines_field="LineItems",
        line_columns=LINE_ITEM_COLUMNS,
        create_options=(
            CONTACT_OPTION,
            LINE_OPTION,
            TRACKING_OPTION,
            *_money_options(),
            CreateOption("delivery-date", "DeliveryDate", "Delivery date (YYYY-MM-DD)."),
            CreateOption("number", "PurchaseOrderNumber", "Purchase order number."),
            _new_document_status(),
        ),
        upsert_keys=("PurchaseOrderID",),
        export_columns=(
            "PurchaseOrderID",
            "PurchaseOrderNumber",
            "Status",
            "Contact.ContactID",
            "Contact.Name",
            "Date",
            "DeliveryDate",
            "ExpectedArrivalDate",
            "Reference",
            "CurrencyCode",
            "CurrencyRate",
            "LineAmountTypes",
            "SubTotal",
            "TotalTax",
            "Total",
            "TotalDiscount",
            "SentToContact",
            "DeliveryAddress",
            "AttentionTo",
            "Telephone",
            "DeliveryInstructions",
            "BrandingThemeID",
            "HasAttachments",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="CreditNotes",
        allocate=True,
        refund=True,  # its remaining credit paid back: a payment naming the CreditNote
        attachments=True,
        include_online=True,
        pdf=True,
        history=True,
        model="CreditNote",
        updatable=True,
        number_in_path=True,
        noun="credit-notes",
        singular="credit note",
        id_field="CreditNoteID",
        number_field="CreditNoteNumber",
        paged=True,
        supports_where=True,
        unitdp=True,
        scopes=("accounting.invoices", "accounting.transactions"),
        columns=(
            Column("CreditNoteNumber", "Number"),
            Column("Type", "Type"),
            Column("Contact.Name", "Contact"),
            Column("Date", "Date"),
            Column("Status", "Status", style_by_status=True),
            Column("Total", "Total", money=True),
            Column("RemainingCredit", "Remaining", money=True),
        ),
        filters=(
            _status(("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED")),
            _type(
                "Type",
                "ACCRECCREDIT (sales) or ACCPAYCREDIT (bills).",
                ("ACCRECCREDIT", "ACCPAYCREDIT"),
            ),
            _contact(),
            *_dates(),
        ),
        lines_field="LineItems",
        line_columns=LINE_ITEM_COLUMNS,
        create_options=(
            CreateOption(
                "type",
                "Type",
                "ACCRECCREDIT (sales, default) or ACCPAYCREDIT.",
                "upper",
                choices=("ACCRECCREDIT", "ACCPAYCREDIT"),
            ),
            CONTACT_OPTION,
            LINE_OPTION,
            TRACKING_OPTION,
            *_money_options(),
            CreateOption("number", "CreditNoteNumber", "Credit note number."),
            _new_document_status(),
            LINE_AMOUNT_TYPES_OPTION,
        ),
        upsert_keys=("CreditNoteID",),
        export_columns=(
            "CreditNoteID",
            "CreditNoteNumber",
            "Type",
            "Status",
            "Contact.ContactID",
            "Contact.Name",
            "Date",
            "DueDate",
            "Reference",
            "CurrencyCode",
            "CurrencyRate",
            "LineAmountTypes",
            "SubTotal",
            "TotalTax",
            "Total",
            "RemainingCredit",
            "AppliedAmount",
            "FullyPaidOnDate",
            "SentToContact",
            "BrandingThemeID",
            "HasAttachments",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="ManualJournals",
        attachments=True,
        status_verbs=(
            StatusVerb("post", "POSTED", "Post a draft manual journal to the ledger.", "Posted"),
            StatusVerb("void", "VOIDED", "Void a posted manual journal.", "Voided"),
        ),
        history=True,
        model="ManualJournal",
        noun="manual-journals",
        singular="manual journal",
        id_field="ManualJournalID",
        number_field=None,
        paged=True,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.manualjournals", "accounting.transactions"),
        columns=(
            Column("Date", "Date"),
            Column("Narration", "Narration"),
            Column("Status", "Status", style_by_status=True),
            Column("LineAmountTypes", "Tax"),
            Column("ManualJournalID", "ManualJournalID"),
        ),
        filters=(
            _status(("DRAFT", "POSTED", "DELETED", "VOIDED", "ARCHIVED")),
            *_dates(),
        ),
        currency_field=None,
        lines_field="JournalLines",
        line_columns=JOURNAL_LINE_COLUMNS,
        create_options=(
            CreateOption("narration", "Narration", "What the journal is for (required)."),
            JOURNAL_LINE_OPTION,
            TRACKING_OPTION,
            CreateOption("date", "Date", "Date (YYYY-MM-DD; default today)."),
            CreateOption(
                "status",
                "Status",
                "DRAFT (default) or POSTED.",
                "upper",
                choices=("DRAFT", "POSTED"),
            ),
            CreateOption(
                "line-amount-types",
                "LineAmountTypes",
                "NoTax (default), Exclusive or Inclusive.",
                choices=LINE_AMOUNT_TYPES,
            ),
        ),
        upsert_keys=("ManualJournalID",),
        export_columns=(
            "ManualJournalID",
            "Date",
            "Status",
            "Narration",
            "LineAmountTypes",
            "ShowOnCashBasisReports",
            "Url",
            "HasAttachments",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="TaxRates",
        model="TaxRate",
        updatable=True,
        update_by_collection=True,  # Xero's updateTaxRate: POST /TaxRates, the TaxType inside
        element_errors=False,  # createTaxRates and updateTaxRate take no summarizeErrors
        name_field="Name",
        noun="tax-rates",
        singular="tax rate",
        id_field="TaxType",  # `xero tax-rates get OUTPUT2`: Xero's GET /TaxRates/{TaxType}
        number_field=None,
        create_options=(
            CreateOption("name", "Name", "Name of the rate (unique), e.g. Reduced VAT."),
            CreateOption(
                "component",
                "TaxComponents",
                'A component: "name,rate[,compound]", the rate a percentage to 4 places'
                " (repeatable; the rate is their sum, a compound one applied on the others).",
                "tax_component",
            ),
            CreateOption(
                "report-tax-type",
                "ReportTaxType",
                "How the tax return reports it, e.g. OUTPUT or INPUT (the country's list).",
                "upper",
                choices=REPORT_TAX_TYPE_HINTS,
            ),
            CreateOption(
                "status",
                "Status",
                "ACTIVE (a new rate's) or DELETED (`update KEY --status DELETED` deletes it).",
                "upper",
                choices=("ACTIVE", "DELETED"),
            ),
        ),
        paged=False,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(
            Column("TaxType", "Tax type"),
            Column("Name", "Name"),
            Column("EffectiveRate", "Rate %"),
            Column("ReportTaxType", "Report type"),
            Column("Status", "Status", style_by_status=True),
        ),
        filters=(
            _status(("ACTIVE", "DELETED", "ARCHIVED", "PENDING")),
            _type("TaxType", "Only this tax type, e.g. OUTPUT2."),
        ),
        date_field=None,
        currency_field=None,
        modified_since=False,
        export_columns=(
            "TaxType",
            "Name",
            "Status",
            "ReportTaxType",
            "EffectiveRate",
            "DisplayTaxRate",
            "CanApplyToAssets",
            "CanApplyToEquity",
            "CanApplyToExpenses",
            "CanApplyToLiabilities",
            "CanApplyToRevenue",
            "TaxComponents[0].Name",
            "TaxComponents[0].Rate",
            "TaxComponents[0].IsCompound",
            "TaxComponents[0].IsNonRecoverable",
            "TaxComponents[1].Name",
            "TaxComponents[1].Rate",
        ),
    ),
    Resource(
        name="ContactGroups",
        model="ContactGroup",
        updatable=True,  # `update GROUP --name X`: Xero renames by POST /ContactGroups/{ID}
        name_field="Name",
        noun="contact-groups",
        singular="contact group",
        id_field="ContactGroupID",
        number_field=None,
        element_errors=False,
        paged=False,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.contacts",),
        columns=(
            Column("Name", "Name"),
            Column("Status", "Status", style_by_status=True),
            Column("ContactGroupID", "ContactGroupID"),
        ),
        filters=(_status(("ACTIVE", "DELETED")),),
        date_field=None,
        currency_field=None,
        create_options=(CreateOption("name", "Name", "Name of the group (unique)."),),
        listed_without="Contacts",  # the members: in a get, not in a list
        status_verbs=(
            StatusVerb(
                "delete", "DELETED", "Delete a contact group (its contacts stay).", "Deleted"
            ),
        ),
        actions=(
            Action(
                "add",
                "PUT",
                "{id}/Contacts",
                "Contacts",
                "Add contacts to a group.",
                (Column("Name", "Contact"), Column("ContactID", "ContactID")),
                item_field="ContactID",
                item_help="Contacts to add: ContactIDs or names.",
                item_resource="contacts",
            ),
            Action(
                "remove",
                "DELETE",
                "{id}/Contacts/{item}",
                "Contacts",
                "Remove contacts from a group (one request each).",
                item_field="ContactID",
                item_help="Contacts to remove: ContactIDs or names.",
                item_resource="contacts",
            ),
            Action(
                "clear",
                "DELETE",
                "{id}/Contacts",
                "Contacts",
                "Remove every contact from a group (one request; the group stays).",
            ),
        ),
        modified_since=False,  # Xero's GET /ContactGroups takes no If-Modified-Since
        export_columns=("ContactGroupID", "Name", "Status"),
    ),
    Resource(
        name="TrackingCategories",
        model="TrackingCategory",
        updatable=True,  # `update CATEGORY --name X`: POST /TrackingCategories/{ID}
        name_field="Name",
        noun="tracking-categories",
        singular="tracking category",
        id_field="TrackingCategoryID",
        number_field=None,
        element_errors=False,
        paged=False,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(
            Column("Name", "Name"),
            Column("Status", "Status", style_by_status=True),
            Column("TrackingCategoryID", "TrackingCategoryID"),
        ),
        filters=(
            _status(("ACTIVE", "ARCHIVED"), archived_param="includeArchived"),
            Filter(
                "include-archived",
                "flag",
                "includeArchived",
                "Archived categories too (Xero leaves them out otherwise).",
            ),
        ),
        date_field=None,
        currency_field=None,
        modified_since=False,
        create_options=(CreateOption("name", "Name", "Name of the category, e.g. Region."),),
        status_verbs=(
            StatusVerb(
                "archive",
                "ARCHIVED",
                "Archive a tracking category (its options stay on lines).",
                "Archived",
            ),
            StatusVerb(
                "restore", "ACTIVE", "Make an archived tracking category active again.", "Restored"
            ),
        ),
        actions=(
            Action(
                "delete",
                "DELETE",
                "{id}",
                "TrackingCategories",
                "Delete a tracking category (Xero refuses one in use: archive it).",
                (Column("Name", "Name"), Column("Status", "Status")),
            ),
            Action(
                "add-options",
                "PUT",
                "{id}/Options",
                "Options",
                "Add options to a tracking category.",
                TRACKING_OPTION_COLUMNS,
                item_field="Name",
                item_help="Names of the new options.",
            ),
            Action(
                "rename-option",
                "POST",
                "{id}/Options/{item}",
                "Options",
                "Rename an option of a tracking category.",
                TRACKING_OPTION_COLUMNS,
                item_field="TrackingOptionID",
                item_help="The TrackingOptionID.",
                value_option=("name", "Name"),
            ),
            Action(
                "delete-options",
                "DELETE",
                "{id}/Options/{item}",
                "Options",
                "Delete options of a tracking category (one request each).",
                item_field="TrackingOptionID",
                item_help="TrackingOptionIDs to delete.",
            ),
        ),
        export_columns=(
            "TrackingCategoryID",
            "Name",
            "Status",
            "Options[0].Name",
            "Options[1].Name",
            "Options[2].Name",
            "Options[3].Name",
        ),
    ),
    Resource(
        name="Users",
        noun="users",
        singular="user",
        id_field="UserID",
        number_field=None,
        paged=False,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(
            Column("FirstName", "First name"),
            Column("LastName", "Last name"),
            Column("EmailAddress", "Email"),
            Column("OrganisationRole", "Role"),
            Column("IsSubscriber", "Subscriber"),
            Column("UserID", "UserID"),
        ),
        date_field=None,
        currency_field=None,
        export_columns=(
            "UserID",
            "EmailAddress",
            "FirstName",
            "LastName",
            "OrganisationRole",
            "IsSubscriber",
            "UpdatedDateUTC",
        ),
    ),
    Resource(
        name="Currencies",
        model="OrganisationCurrency",
        noun="currencies",
        singular="currency",
        id_field="Code",
        number_field="Code",
        get_by="where",  # Xero has no GET /Currencies/{Code}
        element_errors=False,
        paged=False,
        supports_where=True,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(Column("Code", "Code"), Column("Description", "Description")),
        date_field=None,
        currency_field=None,
        modified_since=False,
        create_options=(
            CreateOption("code", "Code", "ISO 4217 currency code, e.g. USD.", "upper"),
            CreateOption("description", "Description", "Name (default: Xero's for the code)."),
        ),
        export_columns=("Code", "Description"),
    ),
    Resource(
        name="BrandingThemes",
        noun="branding-themes",
        singular="branding theme",
        id_field="BrandingThemeID",
        number_field=None,
        paged=False,
        supports_where=False,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(
            Column("Name", "Name"),
            Column("Type", "Type"),
            Column("SortOrder", "Order"),
            Column("BrandingThemeID", "BrandingThemeID"),
        ),
        date_field=None,
        currency_field=None,
        modified_since=False,
        actions=(
            Action(
                "payment-services",
                "GET",
                "{id}/PaymentServices",
                "PaymentServices",
                "List the payment services a branding theme's invoices offer.",
                PAYMENT_SERVICE_COLUMNS,
                scope="paymentservices",
            ),
            Action(
                "add-payment-services",
                "POST",
                "{id}/PaymentServices",
                "PaymentServices",
                "Offer payment services on a branding theme's invoices.",
                PAYMENT_SERVICE_COLUMNS,
                item_field="PaymentServiceID",
                item_help="PaymentServiceIDs to add.",
                scope="paymentservices",
            ),
        ),
        export_columns=(
            "BrandingThemeID",
            "Name",
            "Type",
            "SortOrder",
            "LogoUrl",
            "CreatedDateUTC",
        ),
    ),
    Resource(
        name="PaymentServices",
        model="PaymentService",
        noun="payment-services",
        singular="payment service",
        id_field="PaymentServiceID",
        number_field=None,
        get_by="",  # Xero lists and adds them only
        element_errors=False,
        paged=False,
        supports_where=False,
        unitdp=False,
        scopes=("paymentservices",),
        columns=PAYMENT_SERVICE_COLUMNS,
        date_field=None,
        currency_field=None,
        modified_since=False,
        create_options=(
            CreateOption("name", "PaymentServiceName", "Name of the service."),
            CreateOption(
                "url", "PaymentServiceUrl", "Payment URL; Xero fills in [INVOICENUMBER] etc."
            ),
            CreateOption("pay-now-text", "PayNowText", "The button's text on invoices."),
        ),
        export_columns=(
            "PaymentServiceID",
            "PaymentServiceName",
            "PaymentServiceUrl",
            "PayNowText",
            "PaymentServiceType",
        ),
    ),
    Resource(
        name="InvoiceReminders",
        noun="invoice-reminders",
        singular="invoice reminder setting",
        id_field="Enabled",
        number_field=None,
        singleton=True,
        read_path="/InvoiceReminders/Settings",
        get_by="",
        paged=False,
        supports_where=False,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(Column("Enabled", "Enabled"),),
        date_field=None,
        currency_field=None,
        modified_since=False,
        export_columns=("Enabled",),
    ),
    Resource(
        name="Organisation",
        noun="organisation",
        singular="organisation",
        id_field="OrganisationID",
        number_field=None,
        singleton=True,
        answer_key="Organisations",  # GET /Organisation answers {"Organisations": [...]}
        get_by="",
        paged=False,
        supports_where=False,
        unitdp=False,
        scopes=("accounting.settings",),
        columns=(
            Column("Name", "Name"),
            Column("LegalName", "Legal name"),
            Column("Version", "Version"),
            Column("BaseCurrency", "Currency"),
            Column("OrganisationStatus", "Status", style_by_status=True),
            Column("OrganisationID", "OrganisationID"),
        ),
        status_field="OrganisationStatus",
        date_field=None,
        currency_field=None,
        modified_since=False,
        actions=(
            Action(
                "actions",
                "GET",
                "Actions",
                "Actions",
                "What the API may do in this organisation (ALLOWED or NOT-ALLOWED).",
                (Column("Name", "Action"), Column("Status", "Status", style_by_status=True)),
            ),
            Action(
                "cis-settings",
                "GET",
                "{id}/CISSettings",
                "CISSettings",
                "The organisation's construction industry scheme settings (UK).",
                (
                    Column("CISContractorEnabled", "Contractor"),
                    Column("CISSubContractorEnabled", "Subcontractor"),
                    Column("Rate", "Rate %"),
                ),
            ),
        ),
        export_columns=(
            "OrganisationID",
            "Name",
            "LegalName",
            "ShortCode",
            "Version",
            "OrganisationType",
            "OrganisationStatus",
            "BaseCurrency",
            "CountryCode",
            "IsDemoCompany",
            "PaysTax",
            "TaxNumber",
            "RegistrationNumber",
            "FinancialYearEndDay",
            "FinancialYearEndMonth",
            "SalesTaxBasis",
            "SalesTaxPeriod",
            "Timezone",
            "Class",
            "Edition",
            "CreatedDateUTC",
        ),
    ),
    Resource(
        name="Budgets",
        noun="budgets",
        singular="budget",
        id_field="BudgetID",
        number_field=None,
        paged=False,
        supports_where=False,
        unitdp=False,
        scopes=("accounting.budgets.read",),
        columns=(
            Column("Description", "Description"),
            Column("Type", "Type"),
            Column("BudgetID", "BudgetID"),
        ),
        filters=(
            Filter("from", "param_date", "DateFrom", "Periods from this date (YYYY-MM-DD)."),
            Filter("to", "param_date", "DateTo", "Periods up to this date (YYYY-MM-DD)."),
        ),
        date_field=None,
        currency_field=None,
        modified_since=False,
        export_columns=(
            "BudgetID",
            "Type",
            "Description",
            "Tracking[0].Name",
            "Tracking[0].Option",
        ),
    ),
    Resource(
        name="Journals",
        noun="journals",
        singular="journal",
        id_field="JournalID",
        number_field="JournalNumber",
        number_in_path=True,  # GET /Journals/{JournalNumber}
        paged=False,
        offset_field="JournalNumber",
        supports_where=False,
        unitdp=False,
        scopes=("accounting.journals.read",),
        columns=(
            Column("JournalNumber", "Number"),
            Column("JournalDate", "Date"),
            Column("SourceType", "Source"),
            Column("Reference", "Reference"),
            Column("JournalID", "JournalID"),
        ),
        filters=(
            Filter(
                "payments-only",
                "flag",
                "paymentsOnly",
                "Only the journals of payments (Xero's paymentsOnly).",
            ),
        ),
        date_field="JournalDate",
        currency_field=None,
        modified_since=False,
        lines_field="JournalLines",
        line_columns=(
            "JournalLine.JournalLineID",
            "JournalLine.AccountID",
            "JournalLine.AccountCode",
            "JournalLine.AccountType",
            "JournalLine.AccountName",
            "JournalLine.Description",
            "JournalLine.NetAmount",
            "JournalLine.GrossAmount",
            "JournalLine.TaxAmount",
            "JournalLine.TaxType",
            "JournalLine.TaxName",
        ),
        export_columns=(
            "JournalID",
            "JournalNumber",
            "JournalDate",
            "CreatedDateUTC",
            "Reference",
            "SourceID",
            "SourceType",
        ),
    ),
    QUOTE,
    OVERPAYMENT,
    PREPAYMENT,
    BANK_TRANSFER,
    BATCH_PAYMENT,
    REPEATING_INVOICE,
    LINKED_TRANSACTION,
    RECEIPT,
    EXPENSE_CLAIM,
)

#: `POST /Setup`: a new organisation's chart, conversion date and balances in one request. An
#: entry with no list or get (`xero setup --file F [--dry-run]`), so it is not in RESOURCES,
#: which every list, export and mirror walks.
SETUP = Resource(
    name="Setup",
    noun="setup",
    singular="setup",
    id_field="",
    number_field=None,
    paged=False,
    supports_where=False,
    unitdp=False,
    scopes=("accounting.settings",),
    columns=(),
    model="Setup",
    get_by="",
    element_errors=False,
    modified_since=False,
)

BY_NOUN: dict[str, Resource] = {resource.noun: resource for resource in RESOURCES}
BY_NAME: dict[str, Resource] = {resource.name.lower(): resource for resource in RESOURCES}


#: Help of a filter offered for any object (`xero export OBJECT`), where one object's help
#: (its statuses, its types) would mislead.
_ANY_OBJECT_HELP = {
    "type": "Only records of this type (e.g. ACCREC); repeat or comma-separate for several.",
    "status": "Only records with this status; repeat or comma-separate for several.",
}


def filters_of_any_resource() -> tuple[Filter, ...]:
    """Each filter option that some resource takes, once: for commands whose object is an
    argument (`xero export csv OBJECT`). The object's own filters check the values."""
    found: dict[str, Filter] = {}
    for entry in RESOURCES:
        for spec in entry.filters:
            first = found.get(spec.option, spec)
            found[spec.option] = replace(
                first,
                help=_ANY_OBJECT_HELP.get(spec.option, first.help),
                choices=(),
                multi=first.multi or spec.multi,
            )
    return tuple(found.values())


def resource(noun_or_name: str) -> Resource:
    """Look a resource up by CLI noun (`credit-notes`) or Xero name (`CreditNotes`)."""
    found = BY_NOUN.get(noun_or_name) or BY_NAME.get(noun_or_name.replace("-", "").lower())
    if found is None:
        raise KeyError(noun_or_name)
    return found
