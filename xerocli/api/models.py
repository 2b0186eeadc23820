"""Pydantic models for what the CLI writes: every record is checked before anything is sent.

Reads stay plain dicts (an export of 100,000 invoices should not pay for validation); writes go
through these models so that a typo'd field, a non-numeric amount, a decimal place Xero would
round away (`PRECISION`: 2 for amounts, 4 for unit amounts and quantities, 6 for currency
rates) or a malformed date fails on the user's machine with the row and field named, and
nothing is created. Field names are Xero's own (PascalCase), so a file exported by `xero` or
written from Xero's docs loads as is. Unknown fields are refused: Xero would silently ignore them.
Which resource writes which model is the resource table's `model`; a change to an existing
record is checked with the same model, nothing required (`api/write_models.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from xerocli.api.resources import BANK_TRANSACTION_CREATE_TYPES


@dataclass(frozen=True)
class Precision:
    """How many digits Xero keeps of a number, before and after the decimal point."""

    integer_digits: int
    places: int
    #: Why this many places, said after the refusal (when the usual reason does not hold).
    why: str = ""

    def check(self, value: Decimal) -> Decimal:
        """Refuse what Xero would round or cannot hold, rather than let it change the number.

        Trailing zeros after the point change nothing (`1.50000` is 1.5), so they do not
        count. The value comes back as a plain Decimal whatever the reader gave, without an
        exponent (`fixed_point`).
        """
        if not value.is_finite():
            raise ValueError("must be a finite number")
        _, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite
        places = max(0, -exponent) if any(digits) else 0  # 0.000 is 0: no places to round
        significant = len(digits)
        while places and significant > 1 and digits[significant - 1] == 0:
            places -= 1
            significant -= 1
        integer_digits = max(0, len(digits) + exponent) if any(digits) else 0
        if integer_digits > self.integer_digits:
            raise ValueError(f"has more than {self.integer_digits} digits before the decimal point")
        if places > self.places:
            raise ValueError(
                f"has more than {self.places} decimal places"
                + (f" ({self.why})" if self.why else "")
            )
        return fixed_point(Decimal(value), places)


def fixed_point(value: Decimal, places: int) -> Decimal:
    """`value` as a Decimal whose text has no exponent: `1E+1` is 10, `0E-8` is 0.

    JSON writers (simplejson's `use_decimal`, for request bodies and output alike) write a
    Decimal as its `str()`, and `Decimal("1e2")` (a JSON `1e2`, a `--line` of `1E2`) prints as
    `1E+2`: valid JSON, yet not what a user wrote in their accounts, nor what Xero's examples
    send. Made fixed-point here, when it is read, every writer after it gets plain digits.
    Values already without one are returned as they are (`2.50` keeps its zero)."""
    if "E" not in str(value):
        return value
    return value.quantize(Decimal(1).scaleb(-places))


#: Xero's precision per kind of number, the one table every numeric field takes its limit from.
#: The spec documents CurrencyRate as "max length = [18].[6]"; money is kept to 2 places and unit
#: amounts and quantities to 4 (the writes that take unitdp are sent with unitdp=4); the spec
#: gives no maximum for those, so they take the same 18 digits before the point.
PRECISION: dict[str, Precision] = {
    "amount": Precision(18, 2),  # LineAmount, TaxAmount, a payment's Amount, journal lines
    "unit": Precision(18, 4),  # Quantity, UnitAmount, UnitPrice, DiscountRate (a percentage)
    "rate": Precision(18, 6),  # CurrencyRate
    # Quotes, PurchaseOrders and RepeatingInvoices take no unitdp: Xero rounds their unit
    # amounts to 2 places (99.9999 is stored as 100.00), so a third place is refused.
    "unit_no_unitdp": Precision(
        18, 2, "Xero keeps 2 on quotes, purchase orders and repeating invoices"
    ),
}

#: Exact numbers (Decimal, never float), each held to its row of the table.
Money = Annotated[Decimal, AfterValidator(PRECISION["amount"].check)]
PositiveMoney = Annotated[Decimal, Field(gt=0), AfterValidator(PRECISION["amount"].check)]
UnitNumber = Annotated[Decimal, AfterValidator(PRECISION["unit"].check)]
TwoPlaceUnitNumber = Annotated[Decimal, AfterValidator(PRECISION["unit_no_unitdp"].check)]
ExchangeRate = Annotated[Decimal, Field(gt=0), AfterValidator(PRECISION["rate"].check)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$", to_upper=True)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]


class XeroModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, strict=False)

    def to_xero(self) -> dict[str, Any]:
        """The body element Xero takes: no None fields, dates as YYYY-MM-DD, Decimals kept."""
        return _clean(self.model_dump(exclude_none=True))


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class ContactRef(XeroModel):
    ContactID: str | None = None
    Name: Text | None = None
    ContactNumber: Text | None = None

    @model_validator(mode="after")
    def _one_key(self) -> ContactRef:
        if not (self.ContactID or self.Name or self.ContactNumber):
            raise ValueError("needs a ContactID or a Name")
        return self


class AccountRef(XeroModel):
    AccountID: str | None = None
    Code: Text | None = None

    @model_validator(mode="after")
    def _one_key(self) -> AccountRef:
        if not (self.AccountID or self.Code):
            raise ValueError("needs an AccountID or a Code")
        return self


class TrackingRef(XeroModel):
    Name: Text | None = None
    Option: Text | None = None
    TrackingCategoryID: str | None = None
    TrackingOptionID: str | None = None


class LineItem(XeroModel):
    Description: Text | None = None
    Quantity: UnitNumber | None = None
    UnitAmount: UnitNumber | None = None
    ItemCode: Text | None = None
    AccountCode: Text | None = None
    TaxType: Text | None = None
    TaxAmount: Money | None = None
    LineAmount: Money | None = None
    DiscountRate: UnitNumber | None = None
    Tracking: list[TrackingRef] | None = None
    LineItemID: str | None = None

    @model_validator(mode="after")
    def _something(self) -> LineItem:
        if self.Description is None and self.ItemCode is None:
            raise ValueError("needs a Description or an ItemCode")
        return self


class TwoPlaceLineItem(LineItem):
    """A line of an endpoint that takes no `unitdp` (Quotes, PurchaseOrders,
    RepeatingInvoices): its unit amount is held to the 2 places Xero keeps there."""

    UnitAmount: TwoPlaceUnitNumber | None = None


LineAmountTypesLiteral = Literal["Exclusive", "Inclusive", "NoTax"]


class Invoice(XeroModel):
    Type: Literal["ACCREC", "ACCPAY"] = "ACCREC"
    InvoiceID: str | None = None
    InvoiceNumber: Text | None = None
    Contact: ContactRef
    LineItems: list[LineItem] = Field(min_length=1)
    Date: dt.date | None = None
    DueDate: dt.date | None = None
    LineAmountTypes: LineAmountTypesLiteral | None = None
    Reference: Text | None = None
    Status: Literal["DRAFT", "SUBMITTED", "AUTHORISED"] | None = None
    CurrencyCode: Currency | None = None
    CurrencyRate: ExchangeRate | None = None
    BrandingThemeID: str | None = None
    Url: str | None = None
    SentToContact: bool | None = None
    ExpectedPaymentDate: dt.date | None = None
    PlannedPaymentDate: dt.date | None = None


class CreditNote(XeroModel):
    Type: Literal["ACCRECCREDIT", "ACCPAYCREDIT"] = "ACCRECCREDIT"
    CreditNoteID: str | None = None
    CreditNoteNumber: Text | None = None
    Contact: ContactRef
    LineItems: list[LineItem] = Field(min_length=1)
    Date: dt.date | None = None
    LineAmountTypes: LineAmountTypesLiteral | None = None
    Reference: Text | None = None
    Status: Literal["DRAFT", "SUBMITTED", "AUTHORISED"] | None = None
    CurrencyCode: Currency | None = None
    CurrencyRate: ExchangeRate | None = None


class PurchaseOrder(XeroModel):
    PurchaseOrderID: str | None = None
    PurchaseOrderNumber: Text | None = None
    Contact: ContactRef
    LineItems: list[TwoPlaceLineItem] = Field(min_length=1)
    Date: dt.date | None = None
    DeliveryDate: dt.date | None = None
    LineAmountTypes: LineAmountTypesLiteral | None = None
    Reference: Text | None = None
    Status: Literal["DRAFT", "SUBMITTED", "AUTHORISED"] | None = None
    CurrencyCode: Currency | None = None
    CurrencyRate: ExchangeRate | None = None
    DeliveryAddress: Text | None = None
    AttentionTo: Text | None = None
    Telephone: Text | None = None
    DeliveryInstructions: Text | None = None


class BankTransfer(XeroModel):
    BankTransferID: str | None = None
    FromBankAccount: AccountRef
    ToBankAccount: AccountRef
    Amount: PositiveMoney
    Date: dt.date | None = None
    Reference: Text | None = None
    CurrencyRate: ExchangeRate | None = None
    FromIsReconciled: bool | None = None
    ToIsReconciled: bool | None = None
    #: Tracking of each side (Xero takes at most two categories a side).
    FromTracking: list[TrackingRef] | None = Field(default=None, max_length=2)
    ToTracking: list[TrackingRef] | None = Field(default=None, max_length=2)


class BatchPaymentLine(XeroModel):
    Invoice: InvoiceRef
    Amount: PositiveMoney


class BatchPayment(XeroModel):
    BatchPaymentID: str | None = None
    Account: AccountRef
    Payments: list[BatchPaymentLine] = Field(min_length=1)
    Date: dt.date | None = None
    Reference: Text | None = None
    Particulars: Annotated[str, StringConstraints(max_length=18)] | None = None
    Code: Annotated[str, StringConstraints(max_length=18)] | None = None
    Details: Annotated[str, StringConstraints(max_length=18)] | None = None
    Narrative: Annotated[str, StringConstraints(max_length=18)] | None = None


class Schedule(XeroModel):
    Period: Annotated[int, Field(ge=1)] | None = None
    Unit: Literal["WEEKLY", "MONTHLY"]
    DueDate: Annotated[int, Field(ge=0)] | None = None
    DueDateType: (
        Literal[
            "DAYSAFTERBILLDATE",
            "DAYSAFTERBILLMONTH",
            "DAYSAFTERINVOICEDATE",
            "DAYSAFTERINVOICEMONTH",
            "OFCURRENTMONTH",
            "OFFOLLOWINGMONTH",
        ]
        | None
    ) = None
    StartDate: dt.date | None = None
    EndDate: dt.date | None = None


class RepeatingInvoice(XeroModel):
    Type: Literal["ACCREC", "ACCPAY"] = "ACCREC"
    RepeatingInvoiceID: str | None = None
    Contact: ContactRef
    Schedule: Schedule
    LineItems: list[TwoPlaceLineItem] = Field(min_length=1)
    LineAmountTypes: LineAmountTypesLiteral | None = None
    Reference: Text | None = None
    BrandingThemeID: str | None = None
    CurrencyCode: Currency | None = None
    Status: Literal["DRAFT", "AUTHORISED", "DELETED"] | None = None
    ApprovedForSending: bool | None = None
    SendCopy: bool | None = None
    MarkAsSent: bool | None = None
    IncludePDF: bool | None = None


class LinkedTransaction(XeroModel):
    LinkedTransactionID: str | None = None
    SourceTransactionID: str
    SourceLineItemID: str
    ContactID: str | None = None
    TargetTransactionID: str | None = None
    TargetLineItemID: str | None = None


class UserRef(XeroModel):
    UserID: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Receipt(XeroModel):
    """A user's draft receipt (`PUT /Receipts`), claimed later on an expense claim."""

    ReceiptID: str | None = None
    User: UserRef
    Contact: ContactRef
    LineItems: list[LineItem] = Field(min_length=1)
    Date: dt.date | None = None
    Reference: Text | None = None
    LineAmountTypes: LineAmountTypesLiteral | None = None
    Url: Text | None = None


class ReceiptRef(XeroModel):
    ReceiptID: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ExpenseClaim(XeroModel):
    """A claim of a user's draft receipts (`PUT /ExpenseClaims`); Xero makes it SUBMITTED."""

    ExpenseClaimID: str | None = None
    User: UserRef
    Receipts: list[ReceiptRef] = Field(min_length=1)
    Status: Literal["SUBMITTED", "AUTHORISED"] | None = None


class Quote(XeroModel):
    QuoteID: str | None = None
    QuoteNumber: Text | None = None
    Contact: ContactRef
    LineItems: list[TwoPlaceLineItem] = Field(min_length=1)
    Date: dt.date | None = None
    ExpiryDate: dt.date | None = None
    LineAmountTypes: Literal["EXCLUSIVE", "INCLUSIVE", "NOTAX"] | None = None
    Reference: Text | None = None
    Title: Annotated[str, StringConstraints(max_length=100)] | None = None
    Summary: Annotated[str, StringConstraints(max_length=3000)] | None = None
    Terms: Annotated[str, StringConstraints(max_length=4000)] | None = None
    Status: Literal["DRAFT", "SENT", "ACCEPTED", "DECLINED", "INVOICED", "DELETED"] | None = None
    CurrencyCode: Currency | None = None
    CurrencyRate: ExchangeRate | None = None
    BrandingThemeID: str | None = None


#: The types a new bank transaction takes (the spec's enum): money in or out, and the credit
#: a contact holds, which Xero makes only this way (an overpayment or prepayment, then
#: allocated or refunded). RECEIVE-TRANSFER and SPEND-TRANSFER are the two halves Xero makes
#: of a bank transfer: `bank-transfers create` makes them, so they are refused here.
BankTransactionType = Literal[BANK_TRANSACTION_CREATE_TYPES]  # type: ignore[valid-type]
OVERPAYMENT_TYPES = ("RECEIVE-OVERPAYMENT", "SPEND-OVERPAYMENT")


class BankTransaction(XeroModel):
    Type: BankTransactionType
    BankTransactionID: str | None = None
    Contact: ContactRef
    BankAccount: AccountRef
    LineItems: list[LineItem] = Field(min_length=1)
    Date: dt.date | None = None
    LineAmountTypes: LineAmountTypesLiteral | None = None
    Reference: Text | None = None
    IsReconciled: bool | None = None
    CurrencyCode: Currency | None = None
    CurrencyRate: ExchangeRate | None = None
    Status: Literal["AUTHORISED"] | None = None

    # An overpayment is money beyond what was owed: Xero codes its one line to accounts
    # receivable (payable) itself and charges no tax on it. A prepayment's lines are coded
    # and taxed like an invoice's, so they are checked as any other's.
    @field_validator("LineItems")
    @classmethod
    def _one_overpaid_line(
        cls, lines: list[LineItem] | None, info: ValidationInfo
    ) -> list[LineItem] | None:
        # None: a change (the update rules) that leaves the lines as they are.
        if info.data.get("Type") in OVERPAYMENT_TYPES and lines is not None and len(lines) != 1:
            raise ValueError(f"an overpayment has one line, not {len(lines)}")
        return lines

    @field_validator("LineAmountTypes")
    @classmethod
    def _untaxed_overpayment(cls, kind: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("Type") in OVERPAYMENT_TYPES and kind not in (None, "NoTax"):
            raise ValueError(f"{kind!r}: an overpayment carries no tax; use NoTax")
        return kind

    @model_validator(mode="after")
    def _overpayment_no_tax(self) -> BankTransaction:
        """Sent NoTax when not given: Xero's default (Exclusive) is not an overpayment's."""
        if self.Type in OVERPAYMENT_TYPES and self.LineAmountTypes is None:
            self.LineAmountTypes = "NoTax"
        return self


class InvoiceRef(XeroModel):
    InvoiceID: str | None = None
    InvoiceNumber: Text | None = None

    @model_validator(mode="after")
    def _one_key(self) -> InvoiceRef:
        if not (self.InvoiceID or self.InvoiceNumber):
            raise ValueError("needs an InvoiceID or an InvoiceNumber")
        return self


class CreditNoteRef(XeroModel):
    CreditNoteID: str | None = None
    CreditNoteNumber: Text | None = None

    @model_validator(mode="after")
    def _one_key(self) -> CreditNoteRef:
        if not (self.CreditNoteID or self.CreditNoteNumber):
            raise ValueError("needs a CreditNoteID or a CreditNoteNumber")
        return self


class OverpaymentRef(XeroModel):
    """Overpayments and prepayments have no number: Xero names them by ID alone."""

    OverpaymentID: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PrepaymentRef(XeroModel):
    PrepaymentID: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


#: What a payment pays, one of them: an invoice, or the refund of a credit the contact holds.
PAID_DOCUMENTS = ("Invoice", "CreditNote", "Prepayment", "Overpayment")


class Payment(XeroModel):
    Invoice: InvoiceRef | None = None
    CreditNote: CreditNoteRef | None = None
    Prepayment: PrepaymentRef | None = None
    Overpayment: OverpaymentRef | None = None
    Account: AccountRef
    Amount: PositiveMoney
    Date: dt.date | None = None
    Reference: Text | None = None
    CurrencyRate: ExchangeRate | None = None
    IsReconciled: bool | None = None
    PaymentID: str | None = None

    @model_validator(mode="after")
    def _one_document(self) -> Payment:
        """Xero's Payment takes exactly one of `PAID_DOCUMENTS`: two are ambiguous, none pays
        nothing. A change to a payment (the update rules, a subclass) need not name it again."""
        named = [name for name in PAID_DOCUMENTS if getattr(self, name) is not None]
        choices = f"{', '.join(PAID_DOCUMENTS[:-1])} or {PAID_DOCUMENTS[-1]}"
        if len(named) > 1:
            raise ValueError(f"pays one document: give one of {choices}, not {' and '.join(named)}")
        if not named and type(self) is Payment:
            raise ValueError(f"needs the document it pays: one of {choices}")
        return self


class Address(XeroModel):
    AddressType: Literal["POBOX", "STREET", "DELIVERY"] | None = None
    AddressLine1: Text | None = None
    AddressLine2: Text | None = None
    City: Text | None = None
    Region: Text | None = None
    PostalCode: Text | None = None
    Country: Text | None = None
    AttentionTo: Text | None = None


class Phone(XeroModel):
    PhoneType: Literal["DEFAULT", "DDI", "MOBILE", "FAX", "OFFICE"] | None = None
    PhoneNumber: Text | None = None
    PhoneAreaCode: Text | None = None
    PhoneCountryCode: Text | None = None


class Contact(XeroModel):
    ContactID: str | None = None
    Name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    ContactNumber: Text | None = None
    AccountNumber: Text | None = None
    ContactStatus: Literal["ACTIVE", "ARCHIVED"] | None = None
    FirstName: Text | None = None
    LastName: Text | None = None
    EmailAddress: Text | None = None
    BankAccountDetails: Text | None = None
    TaxNumber: Text | None = None
    IsSupplier: bool | None = None
    IsCustomer: bool | None = None
    DefaultCurrency: Currency | None = None
    Addresses: list[Address] | None = None
    Phones: list[Phone] | None = None


class ItemDetails(XeroModel):
    UnitPrice: UnitNumber | None = None
    AccountCode: Text | None = None
    TaxType: Text | None = None
    COGSAccountCode: Text | None = None


class Item(XeroModel):
    ItemID: str | None = None
    Code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
    Name: Annotated[str, StringConstraints(max_length=50)] | None = None
    Description: Text | None = None
    PurchaseDescription: Text | None = None
    SalesDetails: ItemDetails | None = None
    PurchaseDetails: ItemDetails | None = None
    IsTrackedAsInventory: bool | None = None
    InventoryAssetAccountCode: Text | None = None
    IsSold: bool | None = None
    IsPurchased: bool | None = None


class Account(XeroModel):
    AccountID: str | None = None
    Code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10)]
    Name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]
    Type: Text
    TaxType: Text | None = None
    Description: Text | None = None
    BankAccountNumber: Text | None = None
    CurrencyCode: Currency | None = None
    EnablePaymentsToAccount: bool | None = None
    ShowInExpenseClaims: bool | None = None


class SetupDate(XeroModel):
    Month: Annotated[int, Field(ge=1, le=12)]
    Year: Annotated[int, Field(gt=2006)]


class SetupBalance(XeroModel):
    AccountCode: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    Balance: Money  # debits positive, credits negative


class Setup(XeroModel):
    """`POST /Setup`: a new organisation's accounts, conversion date and opening balances.
    The balances must balance (Xero would otherwise post the difference for you)."""

    ConversionDate: SetupDate | None = None
    ConversionBalances: list[SetupBalance] | None = None
    Accounts: list[Account] | None = None

    @model_validator(mode="after")
    def _balanced(self) -> Setup:
        balances = self.ConversionBalances or []
        if balances and self.ConversionDate is None:
            raise ValueError("ConversionDate is required with ConversionBalances")
        total = sum((b.Balance for b in balances), Decimal(0))
        if total != 0:
            raise ValueError(
                f"the conversion balances must balance: debits less credits is {total:.2f}"
            )
        if not (balances or self.Accounts or self.ConversionDate):
            raise ValueError("needs ConversionDate, ConversionBalances or Accounts")
        return self


class JournalLine(XeroModel):
    LineAmount: Money
    AccountCode: Text | None = None
    AccountID: str | None = None
    Description: Text | None = None
    TaxType: Text | None = None
    TaxAmount: Money | None = None
    Tracking: list[TrackingRef] | None = None

    @model_validator(mode="after")
    def _an_account(self) -> JournalLine:
        if self.AccountCode is None and self.AccountID is None:
            raise ValueError("needs an AccountCode or an AccountID")
        return self


class ManualJournal(XeroModel):
    ManualJournalID: str | None = None
    Narration: Text
    Date: dt.date | None = None
    LineAmountTypes: LineAmountTypesLiteral | None = None  # before JournalLines: read there
    JournalLines: list[JournalLine] = Field(min_length=2)
    Status: Literal["DRAFT", "POSTED"] | None = None
    ShowOnCashBasisReports: bool | None = None
    Url: str | None = None

    @field_validator("JournalLines")
    @classmethod
    def _balanced(cls, lines: list[JournalLine], info: ValidationInfo) -> list[JournalLine]:
        # Untaxed lines must net to zero; taxed ones are balanced by Xero with the tax it adds
        # at its own rates, so only journals without tax are checked here.
        taxed = info.data.get("LineAmountTypes") in ("Exclusive", "Inclusive") and any(
            line.TaxType and line.TaxType != "NONE" for line in lines
        )
        if not taxed:
            debits = sum((line.LineAmount for line in lines if line.LineAmount > 0), Decimal(0))
            credits = -sum((line.LineAmount for line in lines if line.LineAmount < 0), Decimal(0))
            if debits != credits:
                raise ValueError(
                    f"the total debits ({debits:.2f}) must equal the total credits ({credits:.2f})"
                )
        return lines


class OrganisationCurrency(XeroModel):
    """A currency added to the organisation (`PUT /Currencies`): its ISO 4217 code."""

    Code: Currency
    Description: Annotated[str, StringConstraints(max_length=100)] | None = None


class PaymentService(XeroModel):
    """A "pay now" service for invoices (`PUT /PaymentServices`): Xero needs all three."""

    PaymentServiceID: str | None = None
    PaymentServiceName: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    PaymentServiceUrl: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    PayNowText: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ContactGroup(XeroModel):
    """A contact group (`PUT /ContactGroups`; a new Name renames one)."""

    ContactGroupID: str | None = None
    Name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


#: A tax rate's percentage: 0 to 100, to 4 places (the spec's "up to 4dp").
TaxPercent = Annotated[Decimal, Field(ge=0, le=100), AfterValidator(PRECISION["unit"].check)]


class TaxComponent(XeroModel):
    """One part of a tax rate (`--component "VAT,20"`); compound parts apply on the others."""

    Name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    Rate: TaxPercent
    IsCompound: bool | None = None
    IsNonRecoverable: bool | None = None  # Canadian organisations only


class TaxRate(XeroModel):
    """A tax rate (`PUT /TaxRates`; `POST /TaxRates` changes one, named by TaxType). Xero
    gives a new rate its TaxType (TAX001...); its report tax type is the country's to judge,
    so only its shape is checked here."""

    TaxType: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None
    Name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    TaxComponents: list[TaxComponent] = Field(min_length=1)
    ReportTaxType: (
        Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+$", to_upper=True)] | None
    ) = None
    Status: Literal["ACTIVE", "DELETED"] | None = None


class TrackingCategory(XeroModel):
    """A tracking category (`PUT /TrackingCategories`; a new Name renames one)."""

    TrackingCategoryID: str | None = None
    Name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
