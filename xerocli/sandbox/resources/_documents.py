"""The documents with line items, written as Xero does: invoices, credit notes, purchase
orders and bank transactions share this writer, each with its own `DocumentRules` and its
declaration's `Lifecycle` and `number_prefix` (see the modules beside this one).

An element is checked completely (type, status change, contact, dates, currency, lines and
their tracking, totals, number) before anything is stored; a refused one is echoed parsed,
with its totals and each line's own ValidationErrors, as Xero does (`_refused_view`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import totals
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.contacts import (
    contact_summary,
    mark_contact,
    resolve_contact,
    write_contact,
)
from xerocli.sandbox.resources.declaration import Resource
from xerocli.sandbox.resources.tracking_categories import line_tracking
from xerocli.sandbox.validate import (
    MAX_INTEGER_DIGITS,
    Element,
    bool_field,
    choice_field,
    date_field,
    decimal_field,
    text_field,
    too_large,
)
from xerocli.sandbox.xerojson import loads, money

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")
FOUR = Decimal("0.0001")
LINE_AMOUNT_TYPES = ("EXCLUSIVE", "INCLUSIVE", "NOTAX")
_LAT_NAMES = {"EXCLUSIVE": "Exclusive", "INCLUSIVE": "Inclusive", "NOTAX": "NoTax"}
#: Types whose lines take an item's sales details (the others its purchase details).
SALES_TYPES = ("ACCREC", "ACCRECCREDIT", "RECEIVE")
#: Every status a document may be sent with (its lifecycle says which it may have).
STATUSES = (
    "DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED", "BILLED",
    "SENT", "ACCEPTED", "DECLINED", "INVOICED",
)  # fmt: skip
#: Fields a client may set on a transaction; anything else sent is ignored, as Xero does.
SETTABLE_FIELDS = (
    "Reference",
    "BrandingThemeID",
    "Url",
    "SentToContact",
    "DeliveryAddress",
    "AttentionTo",
    "Telephone",
    "DeliveryInstructions",
)
#: The ID Xero shows on a refused new record: it was never stored.
UNSAVED_ID = "00000000-0000-0000-0000-000000000000"

#: (context, element, what was sent, the record being built, the stored one or None).
Step = Callable[["Context", Element, dict, dict, "dict | None"], None]


@dataclass(frozen=True)
class DocumentRules:
    """What one kind of document does differently from the others."""

    #: Its Types, the first being the default; None: it has none (a purchase order's lines
    #: are costed as ACCPAY's, a quote's as ACCREC's: `untyped_as`).
    types: tuple[str, ...] | None
    untyped_as: str = "ACCPAY"
    #: Fields only this kind takes as sent (a quote's Title, Summary and Terms).
    settable: tuple[str, ...] = ()
    #: Statuses in which an approved document's checks apply (lines, accounts).
    approved_statuses: tuple[str, ...] = ("SUBMITTED", "AUTHORISED")
    #: "Invoice # must be unique." names the document so.
    number_label: str = ""
    #: Types whose numbers must be unique (None: every type), and whether only among records
    #: of the same Type.
    unique_number_types: tuple[str, ...] | None = None
    unique_per_type: bool = False
    #: Types that get the next number when none is sent (None: every type).
    auto_number_types: tuple[str, ...] | None = None
    #: Checked as approved whatever its status (a bank transaction is never a draft).
    always_approved: bool = False
    #: An approved document's lines must each name an account.
    lines_need_accounts: bool = True
    #: A due date is required once SUBMITTED or AUTHORISED.
    due_required: bool = False
    #: Why an approved one may not total less than zero (what the contact is owed back is the
    #: other kind of document), or None: a negative total is as good as any.
    negative_total_refused: str | None = None
    #: (stored record, what was sent) -> why it may not be edited now, or None.
    locked: Callable[[dict, dict], str | None] | None = None
    #: Before the currency is checked (a bank transaction's bank account sets it).
    prepare: Step | None = None
    #: After the currency is checked.
    check: Step | None = None
    #: (record, status) -> sets the amounts and defaults only this kind has.
    derive: Callable[[dict, str], None] | None = None
    #: Defaults a refused element is echoed with.
    refused: Callable[[dict], None] | None = None
    #: Checked last, before saving: returns what to do once the record is stored (a credit
    #: note's allocations), or None.
    then: Callable[[Context, Element, dict, dict], Callable[[], None] | None] | None = None


def _line_items(ctx: Context, el: Element, type_: str, sent: object) -> list[dict]:
    """Check and build a document's LineItems; each line keeps its own ValidationErrors."""
    if not isinstance(sent, list):
        el.error("LineItems must be a list")
        return []
    sales = type_ in SALES_TYPES
    lines = []
    for number, raw in enumerate(sent, 1):
        where = f"Line item {number}"
        if not isinstance(raw, dict):
            el.error(f"{where} must be an object")
            continue
        el.capture = []
        line: dict = {"LineItemID": str(raw.get("LineItemID") or new_id())}
        item = None
        if raw.get("ItemCode"):
            item = next(
                (
                    loads(b)
                    for b in ctx.store.select_bodies(
                        ctx.tenant_id, "Items", "number = ?", [str(raw["ItemCode"])]
                    )
                ),
                None,
            )
            if item is None:
                el.error(f"Item code '{raw['ItemCode']}' is not valid")
            else:
                line["ItemCode"] = item["Code"]
        details = (item or {}).get("SalesDetails" if sales else "PurchaseDetails") or {}
        description = raw.get("Description", (item or {}).get("Description"))
        if description is not None:
            line["Description"] = text_field(el, description, f"{where} Description", 4000)
        quantity = decimal_field(el, raw.get("Quantity"), f"{where} Quantity")
        unit = decimal_field(
            el, raw.get("UnitAmount", details.get("UnitPrice")), f"{where} UnitAmount"
        )
        given_amount = decimal_field(el, raw.get("LineAmount"), f"{where} LineAmount")
        discount = decimal_field(el, raw.get("DiscountRate"), f"{where} DiscountRate")
        tax_amount = decimal_field(el, raw.get("TaxAmount"), f"{where} TaxAmount")
        if discount is not None and not (0 <= discount <= 100):
            el.error(f"{where} DiscountRate must be between 0 and 100")
        code = (
            raw.get("AccountCode") or details.get("AccountCode") or details.get("COGSAccountCode")
        )
        account = None
        if raw.get("AccountID"):
            account = ctx.account(account_id=raw["AccountID"])
            if account is None:
                el.error(f"{where}: AccountID {raw['AccountID']} is not valid for this document.")
                line["AccountID"] = str(raw["AccountID"])  # echoed as sent: the line is refused
        elif code:
            account = ctx.account(code=code)
            if account is None or account["Type"] == "BANK":
                el.error(f"Account code '{code}' is not a valid code for this document.")
                line["AccountCode"] = str(code)  # echoed as sent: the line is refused
                account = None
        if account:
            line["AccountCode"] = account["Code"]
        tax_type = raw.get("TaxType") or details.get("TaxType") or (account or {}).get("TaxType")
        if tax_type:
            if tax_type not in ctx.usable_tax_types:
                el.error(
                    f"The TaxType code '{tax_type}' does not exist or cannot be used with"
                    " this type of transaction."
                )
            line["TaxType"] = tax_type
        if quantity is not None and unit is not None and too_large(quantity * unit):
            # Each is within Xero's digits, the product is not: an error, not a 500 later.
            el.error(
                f"{where}: Quantity x UnitAmount is too large: at most {MAX_INTEGER_DIGITS}"
                " digits before the decimal point"
            )
            quantity = unit = None
        line["Quantity"] = (quantity if quantity is not None else Decimal(1)).quantize(FOUR)
        if unit is not None:
            line["UnitAmount"] = ctx.unit_amount(unit)
        elif given_amount is not None:
            line["LineAmount"] = given_amount
            line["UnitAmount"] = (
                (given_amount / line["Quantity"]).quantize(FOUR) if line["Quantity"] else ZERO
            )
        else:
            line["UnitAmount"] = Decimal("0.0000")
        if discount is not None:
            line["DiscountRate"] = discount
        if tax_amount is not None:
            line["TaxAmount"] = tax_amount
        line["Tracking"] = line_tracking(ctx, el, raw.get("Tracking"), where)
        if el.capture:
            line["ValidationErrors"] = [{"Message": m} for m in el.capture]
        el.capture = None
        lines.append(line)
    return lines


def _forget_computed_tax(lines: list[dict]) -> None:
    """Drop the TaxAmount stored on lines an update did not send.

    `totals.compute` keeps a line's TaxAmount as the client's own figure; a stored one is the
    sandbox's earlier computation (under the old LineAmountTypes or tax rate), so kept it would
    leave an Inclusive tax on a line made Exclusive. Xero computes it again, from the line.
    """
    for line in lines:
        line.pop("TaxAmount", None)


def _check_currency(ctx: Context, el: Element, sent: dict, record: dict) -> None:
    currency = sent.get("CurrencyCode", record.get("CurrencyCode")) or ctx.base_currency
    if currency not in ctx.currencies:
        el.error(f"The currency code {currency} is not used by this organisation")
        return
    record["CurrencyCode"] = currency
    rate = decimal_field(el, sent.get("CurrencyRate"), "CurrencyRate")
    if rate is not None and rate <= 0:
        el.error("The Currency rate must be greater than zero.")
        return
    if currency == ctx.base_currency:
        if rate is not None and rate != 1:
            el.warn("The CurrencyRate was ignored: the document is in the base currency")
        rate = Decimal(1)
    elif rate is None:
        rate = record.get("CurrencyRate") or ctx.rates.get(currency, Decimal(1))
    record["CurrencyRate"] = money(rate, Decimal("0.000001"))
    if not record["CurrencyRate"]:  # 0.0000001 is zero at Xero's 6 places
        el.error("The Currency rate must be greater than zero.")


def write_document(
    ctx: Context, el: Element, resource: Resource, rules: DocumentRules, existing: dict | None
) -> dict | None:
    """Create (`existing` None) or update one document; None when `el` has errors."""
    sent = el.sent
    kind = resource.collection
    record = copy.deepcopy(existing) if existing else {resource.id_field: new_id()}
    type_ = _type(el, rules, sent, record, existing)
    status = _status(el, resource, rules, sent, existing)

    # Contact
    new_contact = None
    if "Contact" in sent or existing is None:
        contact, new_contact = resolve_contact(ctx, el, sent.get("Contact"))
        if contact:
            record["Contact"] = contact_summary(contact)

    _dates(ctx, el, resource, sent, record, existing)
    if rules.due_required and status in ("SUBMITTED", "AUTHORISED") and "DueDate" not in record:
        el.error(f"Due Date is required for an approved {resource.type_name.lower()}")

    if rules.prepare is not None:
        rules.prepare(ctx, el, sent, record, existing)
    _check_currency(ctx, el, sent, record)
    if rules.check is not None:
        rules.check(ctx, el, sent, record, existing)

    # Line items and totals
    lat = choice_field(el, sent.get("LineAmountTypes"), "LineAmountTypes", LINE_AMOUNT_TYPES)
    # Stored as Xero spells it for the kind (a quote's EXCLUSIVE); computed with one spelling.
    stored_lat = str(record.get("LineAmountTypes") or "Exclusive").upper()
    record["LineAmountTypes"] = _LAT_NAMES[lat] if lat else _LAT_NAMES.get(stored_lat, "Exclusive")
    if "LineItems" in sent:
        record["LineItems"] = _line_items(ctx, el, type_, sent["LineItems"])
    else:
        _forget_computed_tax(record.setdefault("LineItems", []))
    approved = status in rules.approved_statuses or rules.always_approved
    if approved and not record["LineItems"] and status != "DELETED":
        el.error("At least one line item is required for an approved document")
    if approved and rules.lines_need_accounts:
        for number, line in enumerate(record["LineItems"], 1):
            # An account given but not valid has its own error above: not "required" as well.
            if not line.get("AccountCode") and not line.get("AccountID"):
                el.error(f"Line item {number}: an AccountCode is required for an approved document")
    sums = totals.compute(record["LineItems"], record["LineAmountTypes"], ctx.tax_rates)
    if too_large(sums["Total"]):
        el.error(
            f"The total is too large: at most {MAX_INTEGER_DIGITS} digits before the decimal point"
        )
    if rules.negative_total_refused and approved and sums["Total"] < 0:
        el.error(rules.negative_total_refused)  # a draft may, until it is approved
    record.update(sums)

    _number(ctx, el, resource, rules, sent, record, type_)
    for key in (*SETTABLE_FIELDS, *rules.settable):
        if key in sent:
            record[key] = sent[key]
    for flag in ("SentToContact", "IsReconciled"):
        if flag in sent:
            value = bool_field(el, sent[flag], flag)
            if value is not None:
                record[flag] = value
    if not el.ok:
        el.parsed = _refused_view(record, resource, rules, sent, status, existing)
        return None

    record["Status"] = status
    if rules.derive is not None:
        rules.derive(record, status)
    record.setdefault("Reference", "")

    then = rules.then(ctx, el, record, sent) if rules.then is not None else None
    if not el.ok:
        el.parsed = _refused_view(record, resource, rules, sent, status, existing)
        return None

    if new_contact:
        created = write_contact(ctx, Element({"Name": new_contact}), None)
        if created is None:  # pragma: no cover - a valid name always creates
            el.error(f"Could not create contact {new_contact}")
            return None
        record["Contact"] = contact_summary(created)
    ctx.save(kind, record, existing is None)
    mark_contact(ctx, resource.contact_flags, record)
    if then is not None:
        then()
    return record


def _type(
    el: Element, rules: DocumentRules, sent: dict, record: dict, existing: dict | None
) -> str:
    if rules.types is None:
        return rules.untyped_as
    type_ = choice_field(el, sent.get("Type"), "Type", rules.types)
    if existing is None and type_ is None and not sent.get("Type"):
        el.error(f"Type is required; one of {', '.join(rules.types)}")
    type_ = type_ or record.get("Type") or rules.types[0]
    record["Type"] = type_
    return type_


def _status(
    el: Element, resource: Resource, rules: DocumentRules, sent: dict, existing: dict | None
) -> str:
    """The status the document will have, with an error if it may not get it (or may not be
    edited at all)."""
    lifecycle = resource.lifecycle
    assert lifecycle is not None, f"{resource.collection} declares no lifecycle"
    label = resource.label
    status = choice_field(el, sent.get("Status"), "Status", STATUSES)
    if existing is None:
        allowed = lifecycle.create
        status = status or allowed[0]
        if status not in allowed:
            el.error(f"A new {label} cannot have status {status}; use {', '.join(allowed)}")
        return status
    old_status = existing.get("Status")
    status = status or old_status
    if status != old_status and status not in lifecycle.transitions.get(old_status, set()):
        el.error(
            f"{label} not of valid status for modification: cannot change {old_status} to {status}"
        )
    elif status == old_status and old_status not in lifecycle.editable:
        el.error(f"{label} not of valid status for modification")
    problem = rules.locked(existing, sent) if rules.locked is not None else None
    if problem:
        el.error(problem)
    return status


def _dates(
    ctx: Context, el: Element, resource: Resource, sent: dict, record: dict, existing: dict | None
) -> None:
    day = date_field(el, sent.get("Date"), "Date")
    if day or existing is None:
        set_date(record, "Date", day or ctx.today)
    due_field = resource.due_field
    if due_field:
        due = date_field(el, sent.get(due_field), due_field)
        if due:
            set_date(record, due_field, due)
    for extra in ("ExpectedPaymentDate", "PlannedPaymentDate", "ExpectedArrivalDate"):
        if extra in sent:
            value = date_field(el, sent[extra], extra)
            if value:
                set_date(record, extra, value, with_string=False)


def _number(
    ctx: Context,
    el: Element,
    resource: Resource,
    rules: DocumentRules,
    sent: dict,
    record: dict,
    type_: str,
) -> None:
    """The number sent (unique where the rules say), or the next one for types that get one."""
    number_field = resource.number_field
    if not number_field:
        return
    kind = resource.collection
    number = text_field(el, sent.get(number_field), number_field, 255)
    unique = rules.unique_number_types is None or type_ in rules.unique_number_types
    if number:
        number = number.strip()
        if unique and ctx.number_taken(
            kind, number, record[resource.id_field], type_ if rules.unique_per_type else None
        ):
            el.error(f"{rules.number_label} # must be unique.")
        record[number_field] = number
    elif not record.get(number_field):
        auto = rules.auto_number_types is None or type_ in rules.auto_number_types
        record[number_field] = ctx.next_number(kind) if auto else ""


def _refused_view(
    record: dict,
    resource: Resource,
    rules: DocumentRules,
    sent: dict,
    status: str | None,
    existing: dict | None,
) -> dict:
    """A refused document as Xero echoes it: parsed, with its totals and each line's own
    ValidationErrors, `HasErrors: true`, and no ID or number it was never given."""
    shown = copy.deepcopy(record)
    if existing is None:
        shown[resource.id_field] = UNSAVED_ID
        if resource.number_field and not sent.get(resource.number_field):
            shown.pop(resource.number_field, None)
    if "Contact" not in shown and isinstance(sent.get("Contact"), dict):
        shown["Contact"] = sent["Contact"]
    if status:
        shown["Status"] = status
    if rules.refused is not None:
        rules.refused(shown)
    shown["HasErrors"] = True
    return shown
