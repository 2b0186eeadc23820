"""The mirror's tables, derived from the resource table and the declared fields.

One table per collection (`invoices`, `credit_notes`, ...) with the collection's export columns
(`Resource.export_columns`, the fixed columns loaders already rely on) in snake case
(`Contact.ContactID` -> `contact_id`), and child tables for the lists inside a record: line
items and their tracking, an invoice's payments, a credit note's allocations and payments, a
contact's addresses and phones, a tax rate's components. Every row has `tenant_id`; a
collection's primary key is (tenant_id, Xero's ID); a child's is its parent's key plus its
`position` in the list, with a foreign key to the parent.

Types come from an explicit table of every field the mirror stores (`KINDS`), in Xero's
names: amounts, quantities and unit prices are exact decimals of 4 places, currency and tax
rates of 6, calendar dates are dates, `...DateUTC` fields UTC timestamps, flags booleans,
counts and numbers integers, the rest text. Not a guess from the name: a guess let
`NetAmount` and `FromIsReconciled` fall through to text (SQL sums of floats, `'false'`
true), so a field in no list is text and tests/mirror/test_types.py fails for it, and checks
each kind against the values of every collection's sandbox records. Each backend maps these
kinds to its own types.

The schema is versioned (`VERSION`, kept in the database's `_schema` table). A column or table
carries the version that added it (`since`) and the one that gave it its kind if an older
version stored it as text (`retyped`), so `tables(version)` is the schema as that version
made it and a migration adds exactly what came after (`migrate.py`). History:
  1. the first mirror;
  2. `missing_since` on every collection table (records Xero no longer returns) and the
     `contact_phones` table;
  3. `_sync_state.mark_offset` (Journals go on from the last journal number);
  4. the fields version 3 stored as text in their own kinds (`RETYPED`): money
     (`journal_lines.net_amount`, `batch_payments.total_amount`, ...), flags, integers and
     dates; a migration converts the stored text in place;
  5. a refund's contact and currency on `payments` (`ADDED`: `credit_note_currency_code`,
     ...); the rows mirrored before get them as they change, or with `xero sync --full`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from xerocli.api.resources import RESOURCES, Resource
from xerocli.output.schema import SCHEMAS, line_schema, root_schema

VERSION = 5


def words(*lines: str) -> frozenset[str]:
    """The names written in `lines`, a space between two."""
    return frozenset(" ".join(lines).split())


#: Kinds of column: how a value is stored (each backend maps a kind to a type).
TEXT, DECIMAL, DATE, TIMESTAMP, BOOL, INTEGER = (
    "text",
    "decimal",
    "date",
    "timestamp",
    "bool",
    "integer",
)

#: Exact decimals and their places: money is kept by Xero to 2 places and unit amounts and
#: quantities to 4 (the mirror pages with unitdp=4), so 4 holds both; rates to 6.
FOUR_PLACES = words(
    "SubTotal TotalTax Total TotalDiscount AmountDue AmountPaid AmountCredited RemainingCredit",
    "AppliedAmount Amount BankAmount LineAmount TaxAmount DiscountAmount UnitAmount Quantity",
    "UnitPrice QuantityOnHand TotalCostPool DiscountRate CISDeduction CISRate TaxableAmount",
    "NonTaxableAmount ExemptAmount NetAmount GrossAmount TotalAmount",
)
SIX_PLACES = words("CurrencyRate EffectiveRate DisplayTaxRate Rate TaxPercentage")
DATES = words(
    "Date DueDate FullyPaidOnDate ExpectedPaymentDate PlannedPaymentDate DeliveryDate",
    "ExpectedArrivalDate JournalDate ExpiryDate StartDate EndDate NextScheduledDate",
    "ReportingDate PaymentDueDate",
)
TIMESTAMPS = words("CreatedDateUTC UpdatedDateUTC")
BOOLS = words(
    "SentToContact AddToWatchlist HasAttachments IsReconciled FromIsReconciled ToIsReconciled",
    "IsCustomer IsSupplier IsSold IsPurchased IsTrackedAsInventory EnablePaymentsToAccount",
    "ShowInExpenseClaims ShowOnCashBasisReports IsBlank IsCompound IsNonRecoverable IsDeleted",
    "IsDemoCompany IsSubscriber CanApplyToAssets CanApplyToEquity CanApplyToExpenses",
    "CanApplyToLiabilities CanApplyToRevenue ApprovedForSending PaysTax Enabled",
)
INTEGERS = words("JournalNumber FinancialYearEndDay FinancialYearEndMonth SortOrder")
#: The text fields, listed too, so that a field in none of the lists is a new one to classify
#: (the test fails), not text by default unseen.
TEXTS = words(
    "AccountCode AccountID AccountName AccountNumber AccountType AccountsPayableTaxType",
    "AccountsReceivableTaxType AddressLine1 AddressLine2 AddressLine3 AddressLine4 AddressType",
    "AllocationID AttentionTo BankAccountNumber BankAccountType BankTransactionID BankTransferID",
    "BaseCurrency BatchPaymentID BrandingThemeID BudgetID COGSAccountCode City Class Code",
    "CompanyNumber ContactGroupID ContactID ContactNumber ContactStatus Country CountryCode",
    "CreditNoteID CreditNoteNumber CurrencyCode DefaultCurrency DeliveryAddress",
    "DeliveryInstructions Description Details DueDateType Edition EmailAddress ExpenseClaimID",
    "FirstName ID InventoryAssetAccountCode InvoiceID InvoiceNumber ItemCode ItemID JournalID",
    "JournalLineID LastName LegalName LineAmountTypes LineItemID LinkedTransactionID LogoUrl",
    "ManualJournalID Name Narration Narrative Option OrganisationID OrganisationRole",
    "OrganisationStatus OrganisationType OverpaymentID Particulars PayNowText PaymentID",
    "PaymentServiceID PaymentServiceName PaymentServiceType PaymentServiceUrl PaymentType",
    "PhoneAreaCode PhoneCountryCode PhoneNumber PhoneType PostalCode PrepaymentID",
    "PurchaseDescription PurchaseOrderID PurchaseOrderNumber PurchasesDefaultAccountCode QuoteID",
    "QuoteNumber ReceiptID ReceiptNumber Reference Region RegistrationNumber RepeatingInvoiceID",
    "ReportTaxType ReportingCode ReportingCodeName SalesDefaultAccountCode SalesTaxBasis",
    "SalesTaxCodeId SalesTaxPeriod ShortCode SourceID SourceLineItemID SourceTransactionID",
    "SourceTransactionTypeCode SourceType Status Summary SystemAccount TargetLineItemID",
    "TargetTransactionID TaxName TaxNumber TaxType Taxability Telephone Terms Timezone Title",
    "TrackingCategoryID TrackingOptionID",
    "Type Unit Url UserID Version Website",
)

#: Every listed field's kind and places (`kind_of`).
KINDS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(TEXTS, (TEXT, 0)),
    **dict.fromkeys(INTEGERS, (INTEGER, 0)),
    **dict.fromkeys(BOOLS, (BOOL, 0)),
    **dict.fromkeys(TIMESTAMPS, (TIMESTAMP, 0)),
    **dict.fromkeys(DATES, (DATE, 0)),
    **dict.fromkeys(SIX_PLACES, (DECIMAL, 6)),
    **dict.fromkeys(FOUR_PLACES, (DECIMAL, 4)),
}

#: Fields an older version stored as text (its guess from the name missed them), and the
#: version that gave them their kind: migrating a mirror past it converts the stored text.
RETYPED: dict[str, int] = dict.fromkeys(
    words(
        "NetAmount GrossAmount TotalAmount FromIsReconciled ToIsReconciled ApprovedForSending",
        "PaysTax Enabled JournalNumber FinancialYearEndDay FinancialYearEndMonth SortOrder",
        "JournalDate ExpiryDate StartDate EndDate NextScheduledDate ReportingDate PaymentDueDate",
    ),
    4,
)

#: Export columns a collection gained after its table was made, and the version that added
#: them (a migration adds the column; `_collection`).
ADDED: dict[tuple[str, str], int] = {
    ("Payments", path): 5
    for path in (
        "CreditNote.CurrencyCode",
        "CreditNote.Contact.ContactID",
        "CreditNote.Contact.Name",
        "Prepayment.CurrencyCode",
        "Overpayment.CurrencyCode",
    )
}

#: Fields of list elements that say nothing about the data (how Xero judged a write).
_NOISE = words(
    "StatusAttributeString UpdatedDateUTCString HasValidationErrors HasErrors HasAccount",
    "DateString DueDateString",
)

#: Columns every collection table has after its fields.
SYNCED_AT = "synced_at"  # when the sync that last wrote the row ran (UTC)
MISSING_SINCE = "missing_since"  # a full run no longer got it from Xero (UTC); else NULL


@dataclass(frozen=True)
class Column:
    name: str
    path: str  # the Xero field path that fills it ("" for the mirror's own columns)
    kind: str = TEXT
    places: int = 0
    since: int = 1
    #: The version that gave it `kind`: the versions before stored it as text (0: none did).
    retyped: int = 0


@dataclass(frozen=True)
class Table:
    """A collection's table, or a child table of the list at `list_field` of its parent."""

    name: str
    columns: tuple[Column, ...]
    #: The key columns, in order (tenant_id and the IDs/positions above this table).
    key: tuple[str, ...]
    #: The parent's table and the columns of this table that hold its key.
    parent: str | None = None
    parent_key: tuple[str, ...] = ()
    #: The parent's columns that `parent_key` refers to (its key).
    parent_ref: tuple[str, ...] = ()
    list_field: str = ""
    singular: str = ""
    children: tuple[Table, ...] = ()
    since: int = 1
    resource: Resource | None = None

    @property
    def key_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.name in self.key)

    def at(self, version: int) -> Table | None:
        """This table as `version` made it, or None when it came later."""
        if self.since > version:
            return None
        kept = tuple(
            replace(c, kind=TEXT, places=0, retyped=0) if c.retyped > version else c
            for c in self.columns
            if c.since <= version
        )
        children = tuple(t for t in (c.at(version) for c in self.children) if t is not None)
        return replace(self, columns=kept, children=children)

    def walk(self) -> list[Table]:
        """This table and every table below it, parents first."""
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


def snake(name: str) -> str:
    """`InvoiceID` -> `invoice_id`, `UpdatedDateUTC` -> `updated_date_utc`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    return spaced.lower()


def column_name(path: str) -> str:
    """A field path as a column name: `Contact.ContactID` -> `contact_id` (a part that repeats
    its parent's name drops the parent), `Invoice.Contact.Name` -> `invoice_contact_name`."""
    parts = [snake(part) for part in path.split(".")]
    out: list[str] = []
    for part in parts:
        if out and part.startswith(out[-1] + "_"):
            out[-1] = part
        else:
            out.append(part)
    return "_".join(out)


def kind_of(field_name: str) -> tuple[str, int]:
    """The kind of column for a Xero field (its last name), and its places for decimals; text
    for a field in no list (tests/mirror/test_types.py names it)."""
    return KINDS.get(field_name, (TEXT, 0))


#: Fields whose name says one kind and whose value is another: a repeating invoice's
#: `Schedule.DueDate` is a day count or day of the month, not a date.
PATH_KINDS: dict[str, tuple[str, int]] = {
    "Schedule.DueDate": (INTEGER, 0),
    "Schedule.Period": (INTEGER, 0),
}


def _field_column(path: str, since: int = 1) -> Column:
    name = path.rsplit(".", 1)[-1]
    kind, places = PATH_KINDS.get(path) or kind_of(name)
    return Column(column_name(path), path, kind, places, since, RETYPED.get(name, 0))


@dataclass(frozen=True)
class ListSpec:
    """A list inside a record that gets a child table."""

    list_field: str
    table: str
    singular: str
    #: Nested scalar fields of an element worth a column (`Invoice.InvoiceID` of an allocation).
    extra: tuple[str, ...] = ()
    since: int = 1


#: Lists other than line items (those come from the resource table's `lines_field`).
LISTS: dict[str, tuple[ListSpec, ...]] = {
    "invoices": (ListSpec("Payments", "invoice_payments", "payment"),),
    "credit-notes": (
        ListSpec(
            "Allocations",
            "credit_note_allocations",
            "allocation",
            extra=("Invoice.InvoiceID", "Invoice.InvoiceNumber"),
        ),
        ListSpec("Payments", "credit_note_payments", "payment"),
    ),
    "contacts": (
        ListSpec("Addresses", "contact_addresses", "address"),
        ListSpec("Phones", "contact_phones", "phone", since=2),
    ),
    "tax-rates": (ListSpec("TaxComponents", "tax_rate_components", "component"),),
}


def table_name(resource: Resource) -> str:
    return resource.noun.replace("-", "_")


def _element_columns(schema: str, extra: tuple[str, ...], taken: set[str]) -> list[Column]:
    """The scalar fields of a list element (and `extra` nested ones), minus noise and names
    the key already uses."""
    columns = []
    for name, shape in SCHEMAS[schema].items():
        if shape is None and name not in _NOISE:
            columns.append(_field_column(name))
    columns += [_field_column(path) for path in extra]
    return [c for c in columns if c.name not in taken]


def _child(parent: Table, spec: ListSpec, element: str, grandchildren: tuple = ()) -> Table:
    """The table of the list `spec` inside `parent`'s rows: the parent's key (its `position`
    renamed `<parent>_position`), then this element's `position`, then its fields."""
    here = tuple(
        f"{parent.singular}_position" if name == "position" else name for name in parent.key
    )
    key_names = (*here, "position")
    key_cols = [
        Column(name, "", TEXT if i < 2 else INTEGER, since=spec.since)
        for i, name in enumerate(key_names)
    ]
    fields = [
        replace(c, since=spec.since) for c in _element_columns(element, spec.extra, set(key_names))
    ]
    table = Table(
        spec.table,
        (*key_cols, *fields),
        key_names,
        parent=parent.name,
        parent_key=here,
        parent_ref=parent.key,
        list_field=spec.list_field,
        singular=spec.singular,
        since=spec.since,
    )
    kids = tuple(_child(table, grand, grand_element) for grand, grand_element in grandchildren)
    return replace(table, children=kids)


def _collection(resource: Resource) -> Table:
    name = table_name(resource)
    columns = [Column("tenant_id", ""), _field_column(resource.id_field)]
    for path in resource.export_columns:
        if "[" in path or path == resource.id_field:
            continue  # lists get child tables
        columns.append(_field_column(path, ADDED.get((resource.name, path), 1)))
    columns += [
        Column(SYNCED_AT, "", TIMESTAMP),
        Column(MISSING_SINCE, "", TIMESTAMP, since=2),
    ]
    table = Table(name, tuple(columns), ("tenant_id", columns[1].name), resource=resource)
    children: list[Table] = []
    singular = resource.singular.replace(" ", "_")
    if resource.lines_field:
        element = line_schema(resource.name, resource.lines_field)
        assert element is not None
        spec = ListSpec(resource.lines_field, f"{singular}_lines", "line")
        tracking_shape = SCHEMAS[element].get("Tracking")  # a journal line has none
        grandchildren: tuple = ()
        if isinstance(tracking_shape, list):
            tracking = ListSpec("Tracking", f"{singular}_line_tracking", "tracking")
            grandchildren = ((tracking, tracking_shape[0]),)
        children.append(_child(table, spec, element, grandchildren))
    for spec in LISTS.get(resource.noun, ()):
        shape = SCHEMAS[root_schema(resource.name)][spec.list_field]
        assert isinstance(shape, list)
        children.append(_child(table, spec, shape[0]))
    return replace(table, children=tuple(children))


#: The tables of the mirror's own bookkeeping (`_schema`, `_sync_state`, `tenants`) are made by
#: `migrate.py`; these are the data tables.
@cache
def collections() -> tuple[Table, ...]:
    return tuple(_collection(resource) for resource in RESOURCES)


def tables(version: int = VERSION) -> tuple[Table, ...]:
    """The collection tables as `version` made them (their children inside)."""
    return tuple(t for t in (table.at(version) for table in collections()) if t is not None)


def all_tables(version: int = VERSION) -> list[Table]:
    """Every data table, parents before children."""
    return [each for table in tables(version) for each in table.walk()]


def collection_table(resource: Resource) -> Table:
    return next(t for t in collections() if t.resource is resource)


#: The mirror's own tables: its schema history, the high-water marks, the organisations.
SCHEMA_TABLE = Table(
    "_schema",
    (Column("version", "", INTEGER), Column("migrated_at", "", TIMESTAMP)),
    ("version",),
)
STATE_TABLE = Table(
    "_sync_state",
    (
        Column("tenant_id", ""),
        Column("collection", ""),
        Column("tenant_name", ""),
        #: The mark: the largest UpdatedDateUTC mirrored (ISO text, exact to the millisecond
        #: as Xero sends it) and the IDs updated at that moment (a JSON list), as in
        #: `api/marks.py`: the next run sends If-Modified-Since and drops those if unchanged.
        Column("mark_since", ""),
        Column("mark_ids", ""),
        #: A collection paged by offset (Journals): the last number mirrored (version 3).
        Column("mark_offset", "", INTEGER, since=3),
        Column("last_run_at", "", TIMESTAMP),
        Column("last_full_at", "", TIMESTAMP),
        Column("last_run_records", "", INTEGER),
        Column("last_run_calls", "", INTEGER),
    ),
    ("tenant_id", "collection"),
)
TENANTS_TABLE = Table(
    "tenants",
    (
        Column("tenant_id", ""),
        Column("tenant_name", ""),
        Column("first_synced_at", "", TIMESTAMP),
        Column("last_synced_at", "", TIMESTAMP),
    ),
    ("tenant_id",),
)
BOOKKEEPING = (SCHEMA_TABLE, STATE_TABLE, TENANTS_TABLE)
