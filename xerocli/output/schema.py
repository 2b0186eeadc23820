"""The fields each resource's records carry, declared: what `--fields` and export columns check.

A typo'd or miscased field (`Nope`, `contact.name`) must be a usage error naming it and the
closest real field, not a silently empty column; and an empty result must not make every field
"unknown". So the fields are declared here, per Xero schema, in Xero's names (from Xero's
Accounting API reference, v16.1.0), and nested paths are checked segment by segment.

A schema maps a field to `None` (a value), the name of another schema (an object), or a
one-element list of either (a list). Schemas refer to each other by name, so Invoice ->
Payments -> Invoice needs no recursion at import.
"""

from __future__ import annotations

import difflib
from typing import Any, Union

from xerocli import errors
from xerocli.output.paths import PathError, compile_path

Field = Union[None, str, list]  # noqa: UP007 - a runtime alias


def _schema(*names: str, **nested: Field) -> dict[str, Field]:
    fields: dict[str, Field] = dict.fromkeys(" ".join(names).split())
    fields.update(nested)
    return fields


#: Fields Xero sends that its reference leaves out (`DateString` beside `Date`, ...).
_SENT_ALSO = {
    "Invoice": "DateString DueDateString",
    "CreditNote": "DateString DueDate DueDateString",
    "PurchaseOrder": "DateString DeliveryDateString",
    "BankTransaction": "DateString",
    "ManualJournalLine": "IsBlank",
    "TaxRate": "UpdatedDateUTC",  # the sandbox sends it
    "Overpayment": "DateString",
    "Prepayment": "DateString",
    "RepeatingInvoice": "UpdatedDateUTC",  # the sandbox sends it
}

SCHEMAS: dict[str, dict[str, Field]] = {
    "Invoice": _schema(
        "Type Date DueDate LineAmountTypes InvoiceNumber Reference BrandingThemeID Url "
        "CurrencyCode CurrencyRate Status SentToContact ExpectedPaymentDate "
        "PlannedPaymentDate CISDeduction CISRate SubTotal TotalTax Total TotalDiscount "
        "InvoiceID RepeatingInvoiceID HasAttachments IsDiscounted AmountDue AmountPaid "
        "FullyPaidOnDate AmountCredited UpdatedDateUTC UpdatedDateUTCString HasErrors "
        "StatusAttributeString",
        Contact="Contact",
        LineItems=["LineItem"],
        Payments=["Payment"],
        Prepayments=["Prepayment"],
        Overpayments=["Overpayment"],
        CreditNotes=["CreditNote"],
        Attachments=["Attachment"],
        ValidationErrors=["ValidationError"],
        Warnings=["ValidationError"],
        InvoiceAddresses=["InvoiceAddress"],
    ),
    "Contact": _schema(
        "ContactID MergedToContactID ContactNumber AccountNumber ContactStatus Name FirstName "
        "LastName CompanyNumber EmailAddress BankAccountDetails TaxNumber TaxNumberType "
        "AccountsReceivableTaxType AccountsPayableTaxType IsSupplier IsCustomer "
        "SalesDefaultLineAmountType PurchasesDefaultLineAmountType DefaultCurrency "
        "XeroNetworkKey SalesDefaultAccountCode PurchasesDefaultAccountCode "
        "TrackingCategoryName TrackingCategoryOption UpdatedDateUTC Website Discount "
        "HasAttachments HasValidationErrors StatusAttributeString",
        ContactPersons=["ContactPerson"],
        Addresses=["Address"],
        Phones=["Phone"],
        SalesTrackingCategories=["SalesTrackingCategory"],
        PurchasesTrackingCategories=["SalesTrackingCategory"],
        PaymentTerms="PaymentTerm",
        ContactGroups=["ContactGroup"],
        BrandingTheme="BrandingTheme",
        BatchPayments="BatchPaymentDetails",
        Balances="Balances",
        Attachments=["Attachment"],
        ValidationErrors=["ValidationError"],
    ),
    "ContactPerson": _schema(
        "FirstName LastName EmailAddress IncludeInEmails",
    ),
    "Address": _schema(
        "AddressType AddressLine1 AddressLine2 AddressLine3 AddressLine4 City Region "
        "PostalCode Country AttentionTo",
    ),
    "Phone": _schema(
        "PhoneType PhoneNumber PhoneAreaCode PhoneCountryCode",
    ),
    "SalesTrackingCategory": _schema(
        "TrackingCategoryName TrackingOptionName",
    ),
    "PaymentTerm": _schema(
        Bills="Bill",
        Sales="Bill",
    ),
    "Bill": _schema(
        "Day Type",
    ),
    "ContactGroup": _schema(
        "Name Status ContactGroupID UpdatedDateUTC",
        Contacts=["Contact"],
    ),
    "BrandingTheme": _schema(
        "BrandingThemeID Name LogoUrl Type SortOrder CreatedDateUTC",
    ),
    "BatchPaymentDetails": _schema(
        "BankAccountNumber BankAccountName Details Code Reference",
    ),
    "Balances": _schema(
        AccountsReceivable="AccountsReceivable",
        AccountsPayable="AccountsPayable",
    ),
    "AccountsReceivable": _schema(
        "Outstanding Overdue",
    ),
    "AccountsPayable": _schema(
        "Outstanding Overdue",
    ),
    "Attachment": _schema(
        "AttachmentID FileName Url MimeType ContentLength IncludeOnline",
    ),
    "ValidationError": _schema(
        "Message",
    ),
    "LineItem": _schema(
        "LineItemID Description Quantity UnitAmount ItemCode AccountCode AccountID TaxType "
        "TaxAmount LineAmount DiscountRate DiscountAmount RepeatingInvoiceID Taxability "
        "SalesTaxCodeId",
        Item="LineItemItem",
        Tracking=["LineItemTracking"],
        TaxBreakdown=["TaxBreakdownComponent"],
    ),
    "LineItemItem": _schema(
        "Code Name ItemID",
    ),
    "LineItemTracking": _schema(
        "TrackingCategoryID TrackingOptionID Name Option",
    ),
    "TaxBreakdownComponent": _schema(
        "TaxComponentId Type Name TaxPercentage TaxAmount TaxableAmount NonTaxableAmount "
        "ExemptAmount StateAssignedNo JurisdictionRegion",
    ),
    "Payment": _schema(
        "InvoiceNumber CreditNoteNumber Code Date CurrencyRate Amount BankAmount Reference "
        "IsReconciled Status PaymentType UpdatedDateUTC UpdatedDateUTCString PaymentID "
        "BatchPaymentID BankAccountNumber Particulars Details HasAccount HasValidationErrors "
        "StatusAttributeString",
        Invoice="Invoice",
        CreditNote="CreditNote",
        Prepayment="Prepayment",
        Overpayment="Overpayment",
        BatchPayment="BatchPayment",
        Account="Account",
        ValidationErrors=["ValidationError"],
        Warnings=["ValidationError"],
    ),
    "CreditNote": _schema(
        "Type Date DueDate Status LineAmountTypes SubTotal TotalTax Total CISDeduction "
        "CISRate UpdatedDateUTC UpdatedDateUTCString CurrencyCode FullyPaidOnDate "
        "CreditNoteID CreditNoteNumber Reference SentToContact CurrencyRate RemainingCredit "
        "AppliedAmount BrandingThemeID StatusAttributeString HasAttachments HasErrors",
        Contact="Contact",
        LineItems=["LineItem"],
        Allocations=["Allocation"],
        Payments=["Payment"],
        ValidationErrors=["ValidationError"],
        Warnings=["ValidationError"],
        InvoiceAddresses=["InvoiceAddress"],
    ),
    "Allocation": _schema(
        "AllocationID Amount Date IsDeleted StatusAttributeString",
        Invoice="Invoice",
        Overpayment="Overpayment",
        Prepayment="Prepayment",
        CreditNote="CreditNote",
        ValidationErrors=["ValidationError"],
    ),
    "Overpayment": _schema(
        "Type Date Status LineAmountTypes SubTotal TotalTax Total UpdatedDateUTC "
        "UpdatedDateUTCString CurrencyCode OverpaymentID CurrencyRate RemainingCredit "
        "AppliedAmount HasAttachments Reference",
        Contact="Contact",
        LineItems=["LineItem"],
        Allocations=["Allocation"],
        Payments=["Payment"],
        Attachments=["Attachment"],
    ),
    "Prepayment": _schema(
        "Type Date Status LineAmountTypes SubTotal TotalTax Total Reference InvoiceNumber "
        "UpdatedDateUTC UpdatedDateUTCString CurrencyCode PrepaymentID BrandingThemeID "
        "CurrencyRate RemainingCredit AppliedAmount HasAttachments",
        Contact="Contact",
        LineItems=["LineItem"],
        Allocations=["Allocation"],
        Payments=["Payment"],
        Attachments=["Attachment"],
    ),
    "InvoiceAddress": _schema(
        "InvoiceAddressType AddressLine1 AddressLine2 AddressLine3 AddressLine4 City Region "
        "PostalCode Country",
    ),
    "BatchPayment": _schema(
        "Reference Particulars Code Details Narrative BatchPaymentID DateString Date Amount "
        "Type Status TotalAmount UpdatedDateUTC IsReconciled",
        Account="Account",
        Payments=["Payment"],
        ValidationErrors=["ValidationError"],
    ),
    "Account": _schema(
        "Code Name AccountID Type BankAccountNumber Status Description BankAccountType "
        "CurrencyCode TaxType EnablePaymentsToAccount ShowInExpenseClaims Class SystemAccount "
        "ReportingCode ReportingCodeName HasAttachments UpdatedDateUTC AddToWatchlist",
        ValidationErrors=["ValidationError"],
    ),
    "BankTransaction": _schema(
        "Type IsReconciled Date Reference CurrencyCode CurrencyRate Url Status "
        "LineAmountTypes SubTotal TotalTax Total BankTransactionID PrepaymentID OverpaymentID "
        "UpdatedDateUTC HasAttachments StatusAttributeString",
        Contact="Contact",
        LineItems=["LineItem"],
        BankAccount="Account",
        ValidationErrors=["ValidationError"],
    ),
    "Item": _schema(
        "Code InventoryAssetAccountCode Name IsSold IsPurchased Description "
        "PurchaseDescription IsTrackedAsInventory TotalCostPool QuantityOnHand UpdatedDateUTC "
        "ItemID StatusAttributeString",
        PurchaseDetails="Purchase",
        SalesDetails="Purchase",
        ValidationErrors=["ValidationError"],
    ),
    "Purchase": _schema(
        "UnitPrice AccountCode COGSAccountCode TaxType",
    ),
    "PurchaseOrder": _schema(
        "Date DeliveryDate LineAmountTypes PurchaseOrderNumber Reference BrandingThemeID "
        "CurrencyCode Status SentToContact DeliveryAddress AttentionTo Telephone "
        "DeliveryInstructions ExpectedArrivalDate PurchaseOrderID CurrencyRate SubTotal "
        "TotalTax Total TotalDiscount HasAttachments UpdatedDateUTC StatusAttributeString",
        Contact="Contact",
        LineItems=["LineItem"],
        ValidationErrors=["ValidationError"],
        Warnings=["ValidationError"],
        Attachments=["Attachment"],
    ),
    "ManualJournal": _schema(
        "Narration Date LineAmountTypes Status Url ShowOnCashBasisReports HasAttachments "
        "UpdatedDateUTC ManualJournalID StatusAttributeString",
        JournalLines=["ManualJournalLine"],
        Warnings=["ValidationError"],
        ValidationErrors=["ValidationError"],
        Attachments=["Attachment"],
    ),
    "ManualJournalLine": _schema(
        "LineAmount AccountCode AccountID Description TaxType TaxAmount IsBlank",
        Tracking=["TrackingCategory"],
    ),
    "TrackingCategory": _schema(
        "TrackingCategoryID TrackingOptionID Name Option Status UpdatedDateUTC",
        Options=["TrackingOption"],
    ),
    "TrackingOption": _schema(
        "TrackingOptionID Name Status TrackingCategoryID",
    ),
    "TaxRate": _schema(
        "Name TaxType Status ReportTaxType CanApplyToAssets CanApplyToEquity "
        "CanApplyToExpenses CanApplyToLiabilities CanApplyToRevenue DisplayTaxRate "
        "EffectiveRate",
        TaxComponents=["TaxComponent"],
    ),
    "TaxComponent": _schema(
        "Name Rate IsCompound IsNonRecoverable",
    ),
    "User": _schema(
        "UserID EmailAddress FirstName LastName UpdatedDateUTC IsSubscriber OrganisationRole",
    ),
    "Currency": _schema("Code Description"),
    "PaymentService": _schema(
        "PaymentServiceID PaymentServiceName PaymentServiceUrl PayNowText PaymentServiceType",
        ValidationErrors=["ValidationError"],
    ),
    "InvoiceReminder": _schema("Enabled"),
    "Organisation": _schema(
        "OrganisationID APIKey Name LegalName PaysTax Version OrganisationType BaseCurrency "
        "CountryCode IsDemoCompany OrganisationStatus RegistrationNumber "
        "EmployerIdentificationNumber TaxNumber FinancialYearEndDay FinancialYearEndMonth "
        "SalesTaxBasis SalesTaxPeriod DefaultSalesTax DefaultPurchasesTax PeriodLockDate "
        "EndOfYearLockDate CreatedDateUTC Timezone OrganisationEntityType ShortCode Class "
        "Edition LineOfBusiness",
        Addresses=["Address"],
        Phones=["Phone"],
        ExternalLinks=["ExternalLink"],
        PaymentTerms="PaymentTerm",
    ),
    "ExternalLink": _schema("LinkType Url Description"),
    "Action": _schema("Name Status"),
    "CISSetting": _schema("CISContractorEnabled CISSubContractorEnabled Rate"),
    "Budget": _schema(
        "BudgetID Type Description UpdatedDateUTC",
        BudgetLines=["BudgetLine"],
        Tracking=["TrackingCategory"],
    ),
    "BudgetLine": _schema("AccountID AccountCode", BudgetBalances=["BudgetBalance"]),
    "BudgetBalance": _schema("Period Amount UnitAmount Notes"),
    "Journal": _schema(
        "JournalID JournalDate JournalNumber CreatedDateUTC Reference SourceID SourceType",
        JournalLines=["JournalLine"],
    ),
    "JournalLine": _schema(
        "JournalLineID AccountID AccountCode AccountType AccountName Description NetAmount "
        "GrossAmount TaxAmount TaxType TaxName",
        TrackingCategories=["TrackingCategory"],
    ),
    "Quote": _schema(
        "QuoteID QuoteNumber Reference Terms Date DateString ExpiryDate ExpiryDateString "
        "Status CurrencyCode CurrencyRate SubTotal TotalTax Total TotalDiscount Title Summary "
        "BrandingThemeID UpdatedDateUTC LineAmountTypes StatusAttributeString HasAttachments",
        Contact="Contact",
        LineItems=["LineItem"],
        ValidationErrors=["ValidationError"],
        Warnings=["ValidationError"],
    ),
    "BankTransfer": _schema(
        "Amount Date BankTransferID CurrencyRate FromBankTransactionID ToBankTransactionID "
        "FromIsReconciled ToIsReconciled Reference HasAttachments CreatedDateUTC Status "
        "UpdatedDateUTC",
        FromBankAccount="Account",
        ToBankAccount="Account",
        FromTracking=["LineItemTracking"],
        ToTracking=["LineItemTracking"],
        ValidationErrors=["ValidationError"],
    ),
    "RepeatingInvoice": _schema(
        "Type LineAmountTypes Reference BrandingThemeID CurrencyCode Status SubTotal TotalTax "
        "Total RepeatingInvoiceID ID HasAttachments ApprovedForSending SendCopy MarkAsSent "
        "IncludePDF",
        Contact="Contact",
        Schedule="Schedule",
        LineItems=["LineItem"],
        Attachments=["Attachment"],
    ),
    "Schedule": _schema(
        "Period Unit DueDate DueDateType StartDate NextScheduledDate EndDate",
    ),
    "Receipt": _schema(
        "Date Reference LineAmountTypes SubTotal TotalTax Total ReceiptID Status ReceiptNumber "
        "UpdatedDateUTC HasAttachments Url ID",
        Contact="Contact",
        User="User",
        LineItems=["LineItem"],
        Attachments=["Attachment"],
        ValidationErrors=["ValidationError"],
        Warnings=["ValidationError"],
    ),
    "ExpenseClaim": _schema(
        "ExpenseClaimID Status UpdatedDateUTC Total AmountDue AmountPaid PaymentDueDate "
        "ReportingDate ReceiptID",
        User="User",
        Receipts=["Receipt"],
        Payments=["Payment"],
    ),
    "LinkedTransaction": _schema(
        "SourceTransactionID SourceLineItemID ContactID TargetTransactionID TargetLineItemID "
        "LinkedTransactionID Status Type UpdatedDateUTC SourceTransactionTypeCode",
        ValidationErrors=["ValidationError"],
    ),
}
for _name, _extra in _SENT_ALSO.items():
    SCHEMAS[_name].update(dict.fromkeys(_extra.split()))


def root_schema(resource_name: str) -> str:
    """The schema of one record of a resource: `Invoices` -> `Invoice`, `Currencies` ->
    `Currency`."""
    if resource_name.endswith("ies"):
        return resource_name[:-3] + "y"
    return resource_name.removesuffix("s")


def line_schema(resource_name: str, lines_field: str) -> str | None:
    """The schema of one line of a record (`LineItems` -> `LineItem`, `JournalLines` -> ...)."""
    field = SCHEMAS.get(root_schema(resource_name), {}).get(lines_field)
    return field[0] if isinstance(field, list) and isinstance(field[0], str) else None


class UnknownField(errors.UsageError):
    """A `--fields` name (or column) that is not a field of the resource: exit 2, nothing sent."""


def check_path(schema: str, path: str, where: str = "") -> str | None:
    """None when `path` names a declared field of `schema`, else why not, in one line: the
    problem, `where` (" of invoices"), and the closest real path where there is one."""
    try:
        steps = compile_path(path)
    except PathError as exc:
        return str(exc)
    problem, corrected = _walk(schema, steps)
    if problem is None:
        return None
    text = f"{path!r} is not a field{where}" if problem == _UNKNOWN else f"{path!r}: {problem}"
    if corrected is not None and corrected != path:
        return f"{text} (did you mean {corrected!r}?)"
    return text


_UNKNOWN = "unknown"


def _walk(schema: str, steps: tuple) -> tuple[str | None, str | None]:
    """(the first problem or None, the path with every fixable name fixed or None)."""
    current: Field = schema
    problem: str | None = None
    fixable = True
    text = ""
    for kind, arg in steps:
        if kind == "key":
            if isinstance(current, list):
                problem = problem or (
                    f"{text} is a list; pick an element: {text}[0].{arg} or {text}[TYPE].{arg}"
                )
                fixable = False
                break
            if not isinstance(current, str):
                problem = problem or f"{text} is a value, with no field {arg}"
                fixable = False
                break
            fields = SCHEMAS[current]
            name = arg
            if name not in fields:
                problem = problem or _UNKNOWN
                name = _closest(arg, fields)
                if name is None:
                    fixable = False
                    break
            text = _join(text, name)
            current = fields[name]
        else:
            if not isinstance(current, list):
                problem = problem or f"{text} is not a list, so [{arg}] picks nothing"
                fixable = False
                break
            text += f"[{arg}]"
            current = current[0]
    return problem, (text if fixable else None)


def _join(text: str, name: str) -> str:
    return f"{text}.{name}" if text else name


def _closest(name: str, fields: dict[str, Any]) -> str | None:
    by_case = {field.lower(): field for field in fields}
    if name.lower() in by_case:
        return by_case[name.lower()]
    # Case-blind: `invoicenumbr` is as close to `InvoiceNumber` as `InvoiceNumbr` is.
    for cutoff in (0.6, 0.4):
        lowered = difflib.get_close_matches(name.lower(), list(by_case), n=1, cutoff=cutoff)
        if lowered:
            return by_case[lowered[0]]
    return None


def check_fields(
    resource: Any,
    paths: list[str],
    *,
    option: str = "--fields",
    lines: bool | None = None,
    constants: tuple[str, ...] = (),
) -> list[str]:
    """`paths` when every one is a field of `resource`'s records, else a usage error naming
    the first that is not, and the closest real one.

    `lines`: None for `list`/`get` (a record's own fields only); False/True for `export`, whose
    `LineItem.X` columns read field X of one line and need `--lines`. `constants`: names that
    are columns without being fields (`TenantId` with `--all-tenants`).
    """
    schema = root_schema(resource.name)
    prefix = resource.line_prefix
    for path in paths:
        if path in constants:
            continue
        if prefix and path.startswith(prefix):
            rest = path[len(prefix) :]
            if lines is None:
                raise UnknownField(
                    f"{option}: {path!r} is an export line column; here a line is"
                    f" {resource.lines_field}[N]: {resource.lines_field}[0].{rest}"
                )
            if not lines:
                raise UnknownField(f"{option}: {path!r} is a line column: it needs --lines")
            line = line_schema(resource.name, resource.lines_field)
            problem = check_path(line, rest, f" of a line of {resource.noun}") if line else None
            if problem is not None:
                raise UnknownField(f"{option}: {prefix}{problem}")
            continue
        problem = check_path(schema, path, f" of {resource.noun}")
        if problem is not None:
            raise UnknownField(f"{option}: {problem}")
    return paths
