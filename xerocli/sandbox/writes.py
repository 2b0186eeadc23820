"""Creating and updating records as Xero does: validation, defaults, totals, numbering.

Every write runs inside one store transaction (see `Accounting.write`). Each element of a batch
is checked completely before anything of it is stored, so a failing element leaves nothing
behind; with `summarizeErrors` on, one failing element rolls the whole batch back.
"""

from __future__ import annotations

import copy
import re
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from xerocli.sandbox import allocations, history, totals
from xerocli.sandbox.manual_journals import write_manual_journal
from xerocli.sandbox.records import KINDS, row_for, set_date, set_updated
from xerocli.sandbox.seed import TENANT_SPECS, tax_rate_table
from xerocli.sandbox.store import Store
from xerocli.sandbox.validate import (
    EMAIL_RE,
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

ZERO = Decimal("0.00")
FOUR = Decimal("0.0001")
LINE_AMOUNT_TYPES = ("EXCLUSIVE", "INCLUSIVE", "NOTAX")
_LAT_NAMES = {"EXCLUSIVE": "Exclusive", "INCLUSIVE": "Inclusive", "NOTAX": "NoTax"}
TYPES = {
    "Invoices": ("ACCREC", "ACCPAY"),
    "CreditNotes": ("ACCRECCREDIT", "ACCPAYCREDIT"),
    "BankTransactions": ("RECEIVE", "SPEND"),
}
#: Statuses a new record may have, the first being the default.
CREATE_STATUSES = {
    "Invoices": ("DRAFT", "SUBMITTED", "AUTHORISED"),
    "CreditNotes": ("DRAFT", "SUBMITTED", "AUTHORISED"),
    "PurchaseOrders": ("DRAFT", "SUBMITTED", "AUTHORISED"),
    "BankTransactions": ("AUTHORISED",),
}
#: Status changes an update may make (same-status edits are checked separately).
TRANSITIONS = {
    "Invoices": {
        "DRAFT": {"SUBMITTED", "AUTHORISED", "DELETED"},
        "SUBMITTED": {"DRAFT", "AUTHORISED", "DELETED"},
        "AUTHORISED": {"VOIDED"},
    },
    "CreditNotes": {
        "DRAFT": {"SUBMITTED", "AUTHORISED", "DELETED"},
        "SUBMITTED": {"DRAFT", "AUTHORISED", "DELETED"},
        "AUTHORISED": {"VOIDED"},
    },
    "PurchaseOrders": {
        "DRAFT": {"SUBMITTED", "AUTHORISED", "DELETED"},
        "SUBMITTED": {"DRAFT", "AUTHORISED", "DELETED"},
        "AUTHORISED": {"SUBMITTED", "BILLED", "DELETED"},
        "BILLED": {"AUTHORISED"},
    },
    "BankTransactions": {"AUTHORISED": {"DELETED"}},
}
#: Statuses whose records may still be edited.
EDITABLE = {
    "Invoices": {"DRAFT", "SUBMITTED", "AUTHORISED"},
    "CreditNotes": {"DRAFT", "SUBMITTED", "AUTHORISED"},
    "PurchaseOrders": {"DRAFT", "SUBMITTED", "AUTHORISED", "BILLED"},
    "BankTransactions": {"AUTHORISED"},
}
NUMBER_PREFIX = {"Invoices": "INV-", "CreditNotes": "CN-", "PurchaseOrders": "PO-"}
#: Fields a client may set on a transaction; anything else sent is ignored, as Xero does.
TRANSACTION_FIELDS = (
    "Reference",
    "BrandingThemeID",
    "Url",
    "SentToContact",
    "DeliveryAddress",
    "AttentionTo",
    "Telephone",
    "DeliveryInstructions",
)
ACCOUNT_TYPES = (
    "BANK",
    "CURRENT",
    "CURRLIAB",
    "DEPRECIATN",
    "DIRECTCOSTS",
    "EQUITY",
    "EXPENSE",
    "FIXED",
    "INVENTORY",
    "LIABILITY",
    "NONCURRENT",
    "OTHERINCOME",
    "OVERHEADS",
    "PREPAYMENT",
    "REVENUE",
    "SALES",
    "TERMLIAB",
)
ACCOUNT_CLASS = {
    "BANK": "ASSET",
    "CURRENT": "ASSET",
    "FIXED": "ASSET",
    "INVENTORY": "ASSET",
    "NONCURRENT": "ASSET",
    "PREPAYMENT": "ASSET",
    "CURRLIAB": "LIABILITY",
    "LIABILITY": "LIABILITY",
    "TERMLIAB": "LIABILITY",
    "EQUITY": "EQUITY",
    "DEPRECIATN": "EXPENSE",
    "DIRECTCOSTS": "EXPENSE",
    "EXPENSE": "EXPENSE",
    "OVERHEADS": "EXPENSE",
    "OTHERINCOME": "REVENUE",
    "REVENUE": "REVENUE",
    "SALES": "REVENUE",
}


#: The kinds whose changes Xero's webhooks report.
EVENT_KINDS = ("Invoices", "Contacts", "CreditNotes")


class NotFound(Exception):
    """The record a single-record write names does not exist (answered with 404)."""


def new_id() -> str:
    return str(uuid.uuid4())


class Context:
    """What the elements of one write request need to know about the tenant, read once."""

    def __init__(
        self, store: Store, tenant_id: str, now: datetime | None = None, unitdp: int = 2
    ) -> None:
        self.store = store
        #: Places a unit amount or price sent is kept to: Xero rounds the input to 2 unless the
        #: request asks for `unitdp=4`, so a line's amount is what its shown unit amount gives.
        self.unit_step = FOUR if unitdp == 4 else Decimal("0.01")
        self.tenant_id = tenant_id
        self.now = now or datetime.now(timezone.utc)
        self.today = self.now.date()
        tenant = store.tenant(tenant_id) or {}
        spec = TENANT_SPECS.get(tenant.get("name", ""))
        self.base_currency = tenant.get("base_currency", "NZD")
        self.accounts = [loads(b) for b in store.select_bodies(tenant_id, "Accounts")]
        self.currencies = {self.base_currency} | {
            a["CurrencyCode"] for a in self.accounts if a.get("CurrencyCode")
        }
        self.rates = dict(spec.rates) if spec else {}
        self.tax_rates = tax_rate_table(store, tenant_id)
        #: What this request stored that webhooks report, in order: (kind, ID) -> (CREATE or
        #: UPDATE, the record). A payment or allocation that changes an invoice is an update.
        self.changes: dict[tuple[str, str], tuple[str, dict]] = {}
        #: Who the write acts as, for its history records (set from the request's token).
        self.user = history.SYSTEM_USER

    def unit_amount(self, value: Decimal) -> Decimal:
        """A unit amount as stored: rounded to the request's unit places, held with 4."""
        return money(value, self.unit_step).quantize(FOUR)

    # --- lookups ---------------------------------------------------------------------------
    def account(self, code: object = None, account_id: object = None) -> dict | None:
        for account in self.accounts:
            if account_id and str(account_id).lower() == account["AccountID"].lower():
                return account
            if code and str(code) == account.get("Code") and account["Status"] != "DELETED":
                return account
        return None

    def get(self, kind: str, record_id: str) -> dict | None:
        body = self.store.get_body(self.tenant_id, kind, str(record_id))
        return loads(body) if body is not None else None

    def by_number(self, kind: str, number: str) -> dict | None:
        body = self.store.get_body_by_number(self.tenant_id, kind, number)
        return loads(body) if body is not None else None

    def contact_by_name(self, name: str) -> dict | None:
        rows = self.store.execute(
            "SELECT body FROM records WHERE tenant_id=? AND kind='Contacts'"
            " AND json_extract(body, '$.Name') = ? COLLATE NOCASE AND status != 'ARCHIVED'",
            (self.tenant_id, name.strip()),
        )
        return loads(rows[0][0]) if rows else None

    def next_number(self, kind: str) -> str:
        prefix = NUMBER_PREFIX[kind]
        rows = self.store.execute(
            "SELECT MAX(CAST(SUBSTR(number, ?) AS INTEGER)) FROM records"
            " WHERE tenant_id=? AND kind=? AND number LIKE ?",
            (len(prefix) + 1, self.tenant_id, kind, prefix + "%"),
        )
        return f"{prefix}{(rows[0][0] or 0) + 1:04d}"

    def number_taken(
        self, kind: str, number: str, except_id: str | None, type_: str | None
    ) -> bool:
        sql = "SELECT id FROM records WHERE tenant_id=? AND kind=? AND number=? COLLATE NOCASE"
        params: list = [self.tenant_id, kind, number]
        if type_:
            sql += " AND type=?"
            params.append(type_)
        sql += " AND status NOT IN ('DELETED', 'VOIDED')"
        return any(row[0] != except_id for row in self.store.execute(sql, params))

    # --- storing ---------------------------------------------------------------------------
    def save(self, kind: str, record: dict, is_new: bool) -> None:
        set_updated(record, self.now)
        if "UpdatedDateUTCString" in record:
            record["UpdatedDateUTCString"] = self.now.strftime("%Y-%m-%dT%H:%M:%SZ")
        history.record_save(self, kind, record, is_new)  # before the old state is replaced
        row = row_for(self.tenant_id, kind, record)
        if kind in EVENT_KINDS:
            key = (kind, str(record[KINDS[kind]["id"]]))
            created = is_new or self.changes.get(key, ("",))[0] == "CREATE"
            self.changes[key] = ("CREATE" if created else "UPDATE", record)
        if is_new:
            self.store.insert_rows([row])
        else:
            self.store.update_row(row)


# --- contacts ------------------------------------------------------------------------------
CONTACT_DEFAULTS = {
    "ContactStatus": "ACTIVE",
    "Addresses": [],
    "Phones": [],
    "ContactGroups": [],
    "ContactPersons": [],
    "IsSupplier": False,
    "IsCustomer": False,
    "HasAttachments": False,
    "HasValidationErrors": False,
}
CONTACT_READ_ONLY = ("ContactID", "UpdatedDateUTC", "HasAttachments", "HasValidationErrors")


def write_contact(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    sent = el.sent
    record = copy.deepcopy(existing) if existing else {"ContactID": new_id(), **CONTACT_DEFAULTS}
    name = text_field(el, sent.get("Name"), "Name", 255)
    if existing is None and not (name or "").strip():
        el.error("The contact name must be provided")
    if name is not None and name.strip():
        other = ctx.contact_by_name(name)
        if other and other["ContactID"] != record["ContactID"]:
            el.error(
                f"The contact name {name.strip()} is already assigned to another contact."
                " The contact name must be unique across all active contacts."
            )
    email = sent.get("EmailAddress")
    if email and (not isinstance(email, str) or not EMAIL_RE.match(email)):
        el.error("Email address must be valid.")
    choice_field(el, sent.get("ContactStatus"), "ContactStatus", ("ACTIVE", "ARCHIVED"))
    currency = sent.get("DefaultCurrency")
    if currency and currency not in ctx.currencies:
        el.error(f"The currency code {currency} is not used by this organisation")
    for flag in ("IsSupplier", "IsCustomer"):
        bool_field(el, sent.get(flag), flag)
    for listed in ("Addresses", "Phones", "ContactPersons", "ContactGroups"):
        if listed in sent and not isinstance(sent[listed], list):
            el.error(f"{listed} must be a list")
    if not el.ok:
        return None
    for key, value in sent.items():
        if key not in CONTACT_READ_ONLY:
            record[key] = value
    if name:
        record["Name"] = name.strip()
    ctx.save("Contacts", record, existing is None)
    return record


def contact_summary(contact: dict) -> dict:
    return {
        "ContactID": contact["ContactID"],
        "Name": contact["Name"],
        "Addresses": [],
        "Phones": [],
        "ContactGroups": [],
        "ContactPersons": [],
        "HasValidationErrors": False,
    }


def resolve_contact(ctx: Context, el: Element, sent: object) -> tuple[dict | None, str | None]:
    """A document's Contact: an existing one by ContactID, or by Name (a new Name is created
    when the document is saved). Returns the contact and, for a new one, its name."""
    if not isinstance(sent, dict) or not (sent.get("ContactID") or sent.get("Name")):
        el.error("A Contact must be specified for this type of transaction")
        return None, None
    if sent.get("ContactID"):
        found = ctx.get("Contacts", str(sent["ContactID"]))
        if found is None:
            el.error(f"Contact with ContactID {sent['ContactID']} could not be found")
        return found, None
    name = str(sent["Name"]).strip()
    found = ctx.contact_by_name(name)
    return (found, None) if found else (None, name)


# --- documents with line items -------------------------------------------------------------
def _line_items(ctx: Context, el: Element, kind: str, type_: str, sent: object) -> list[dict]:
    if not isinstance(sent, list):
        el.error("LineItems must be a list")
        return []
    sales = type_ in ("ACCREC", "ACCRECCREDIT", "RECEIVE")
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
        elif code:
            account = ctx.account(code=code)
            if account is None or account["Type"] == "BANK":
                el.error(f"Account code '{code}' is not a valid code for this document.")
                account = None
        if account:
            line["AccountCode"] = account["Code"]
        tax_type = raw.get("TaxType") or details.get("TaxType") or (account or {}).get("TaxType")
        if tax_type:
            if tax_type not in ctx.tax_rates:
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
        line["Tracking"] = raw.get("Tracking") or []
        if el.capture:
            line["ValidationErrors"] = [{"Message": m} for m in el.capture]
        el.capture = None
        lines.append(line)
    return lines


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


def write_document(ctx: Context, el: Element, kind: str, existing: dict | None) -> dict | None:
    """Invoices, CreditNotes, PurchaseOrders and BankTransactions."""
    sent = el.sent
    spec = KINDS[kind]
    record = copy.deepcopy(existing) if existing else {spec["id"]: new_id()}
    old_status = existing.get("Status") if existing else None

    # Type
    if kind in TYPES:
        type_ = choice_field(el, sent.get("Type"), "Type", TYPES[kind])
        if existing is None and type_ is None and not sent.get("Type"):
            el.error(f"Type is required; one of {', '.join(TYPES[kind])}")
        type_ = type_ or record.get("Type") or TYPES[kind][0]
        record["Type"] = type_
    else:
        type_ = "ACCPAY"

    # Status
    status = choice_field(
        el,
        sent.get("Status"),
        "Status",
        ("DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED", "BILLED"),
    )
    if existing is None:
        allowed = CREATE_STATUSES[kind]
        status = status or allowed[0]
        if status not in allowed:
            el.error(f"A new {kind[:-1]} cannot have status {status}; use {', '.join(allowed)}")
    else:
        status = status or old_status
        if status != old_status and status not in TRANSITIONS[kind].get(old_status, set()):
            el.error(
                f"{kind[:-1]} not of valid status for modification: cannot change {old_status}"
                f" to {status}"
            )
        elif status == old_status and old_status not in EDITABLE[kind]:
            el.error(f"{kind[:-1]} not of valid status for modification")
        if (
            old_status == "AUTHORISED"
            and kind == "Invoices"
            and (existing.get("AmountPaid") or existing.get("AmountCredited"))
        ) or (
            old_status == "AUTHORISED"
            and kind == "CreditNotes"
            and (existing.get("Allocations") or existing.get("Payments"))
            and set(sent) - {spec["id"], "Allocations"}
        ):
            el.error(
                "This document cannot be edited as it has a payment or credit note allocated to it."
            )
        elif (
            kind == "BankTransactions"
            and existing.get("IsReconciled")
            and set(sent)
            - {
                "IsReconciled",
                spec["id"],
            }
        ):
            el.error("This Bank Transaction cannot be edited as it has been reconciled.")

    # Contact
    new_contact = None
    if "Contact" in sent or existing is None:
        contact, new_contact = resolve_contact(ctx, el, sent.get("Contact"))
        if contact:
            record["Contact"] = contact_summary(contact)

    # Dates
    day = date_field(el, sent.get("Date"), "Date")
    if day or existing is None:
        set_date(record, "Date", day or ctx.today)
    due_field = spec["due"]
    if due_field:
        due = date_field(el, sent.get(due_field), due_field)
        if due:
            set_date(record, due_field, due)
    for extra in ("ExpectedPaymentDate", "PlannedPaymentDate", "ExpectedArrivalDate"):
        if extra in sent:
            value = date_field(el, sent[extra], extra)
            if value:
                set_date(record, extra, value, with_string=False)
    if kind == "Invoices" and status in ("SUBMITTED", "AUTHORISED") and "DueDate" not in record:
        el.error("Due Date is required for an approved invoice")

    # Bank account
    if kind == "BankTransactions" and ("BankAccount" in sent or existing is None):
        bank = sent.get("BankAccount") if isinstance(sent.get("BankAccount"), dict) else {}
        account = ctx.account(code=bank.get("Code"), account_id=bank.get("AccountID"))
        if not bank:
            el.error("A BankAccount must be specified (by AccountID or Code)")
        elif account is None or account["Type"] != "BANK":
            el.error("The BankAccount must be a bank account in the chart of accounts")
        else:
            record["BankAccount"] = {
                "AccountID": account["AccountID"],
                "Code": account["Code"],
                "Name": account["Name"],
            }
            if "CurrencyCode" not in sent and existing is None:
                record["CurrencyCode"] = account.get("CurrencyCode", ctx.base_currency)

    _check_currency(ctx, el, sent, record)
    if kind == "BankTransactions" and record.get("BankAccount"):
        bank_account = ctx.account(account_id=record["BankAccount"]["AccountID"]) or {}
        if bank_account.get("CurrencyCode", record["CurrencyCode"]) != record["CurrencyCode"]:
            el.error("The CurrencyCode must match the bank account's currency")

    # Line items and totals
    lat = choice_field(el, sent.get("LineAmountTypes"), "LineAmountTypes", LINE_AMOUNT_TYPES)
    record["LineAmountTypes"] = (
        _LAT_NAMES[lat] if lat else record.get("LineAmountTypes", "Exclusive")
    )
    if "LineItems" in sent:
        record["LineItems"] = _line_items(ctx, el, kind, type_, sent["LineItems"])
    record.setdefault("LineItems", [])
    approved = status in ("SUBMITTED", "AUTHORISED") or kind == "BankTransactions"
    if approved and not record["LineItems"] and status != "DELETED":
        el.error("At least one line item is required for an approved document")
    if approved and kind != "PurchaseOrders":
        for number, line in enumerate(record["LineItems"], 1):
            if not line.get("AccountCode"):
                el.error(f"Line item {number}: an AccountCode is required for an approved document")
    sums = totals.compute(record["LineItems"], record["LineAmountTypes"], ctx.tax_rates)
    if too_large(sums["Total"]):
        el.error(
            f"The total is too large: at most {MAX_INTEGER_DIGITS} digits before the decimal point"
        )
    record.update(sums)

    # Numbers
    number_field = spec["number"]
    if number_field:
        number = text_field(el, sent.get(number_field), number_field, 255)
        unique = kind != "Invoices" or type_ == "ACCREC"
        if number:
            number = number.strip()
            if unique and ctx.number_taken(
                kind, number, record[spec["id"]], type_ if kind == "Invoices" else None
            ):
                label = {
                    "Invoices": "Invoice",
                    "CreditNotes": "Credit Note",
                    "PurchaseOrders": "Purchase Order",
                }[kind]
                el.error(f"{label} # must be unique.")
            record[number_field] = number
        elif not record.get(number_field):
            auto = kind != "Invoices" or type_ == "ACCREC"
            if kind == "CreditNotes" and type_ == "ACCPAYCREDIT":
                auto = False
            record[number_field] = ctx.next_number(kind) if auto else ""

    for key in TRANSACTION_FIELDS:
        if key in sent:
            record[key] = sent[key]
    for flag in ("SentToContact", "IsReconciled"):
        if flag in sent:
            value = bool_field(el, sent[flag], flag)
            if value is not None:
                record[flag] = value
    if not el.ok:
        el.parsed = _refused_view(record, kind, sent, status, existing)
        return None

    # Derived amounts
    record["Status"] = status
    if kind == "Invoices":
        paid = record.get("AmountPaid", ZERO)
        credited = record.get("AmountCredited", ZERO)
        record["AmountPaid"] = paid
        record["AmountCredited"] = credited
        for listed in ("Payments", "CreditNotes", "Prepayments", "Overpayments"):
            record.setdefault(listed, [])
        record["AmountDue"] = (
            ZERO if status in ("VOIDED", "DELETED") else record["Total"] - paid - credited
        )
        record.setdefault("SentToContact", False)
        record.setdefault("IsDiscounted", False)
        record.setdefault("HasErrors", False)
        record.setdefault("HasAttachments", False)
        record["UpdatedDateUTCString"] = ""
    elif kind == "CreditNotes":
        settled = sum((a["Amount"] for a in record.get("Allocations", [])), ZERO) + sum(
            (p["Amount"] for p in record.get("Payments", [])), ZERO
        )
        record["RemainingCredit"] = (
            ZERO if status in ("VOIDED", "DELETED") else record["Total"] - settled
        )
        record.setdefault("Allocations", [])
        record.setdefault("Payments", [])
        record.setdefault("SentToContact", False)
        record.setdefault("HasAttachments", False)
        record.setdefault("HasErrors", False)
    elif kind == "PurchaseOrders":
        record.setdefault("SentToContact", False)
        record.setdefault("HasAttachments", False)
        record.setdefault("TotalDiscount", ZERO)
    else:
        record.setdefault("IsReconciled", False)
        record.setdefault("HasAttachments", False)
    for key in ("Reference",):
        record.setdefault(key, "")

    plans: list[allocations.Planned] = []
    if kind == "CreditNotes" and "Allocations" in sent:
        plans = _planned_allocations(ctx, el, record, sent["Allocations"])
        if not el.ok:
            el.parsed = _refused_view(record, kind, sent, status, existing)
            return None

    if new_contact:
        created = write_contact(ctx, Element({"Name": new_contact}), None)
        if created is None:  # pragma: no cover - a valid name always creates
            el.error(f"Could not create contact {new_contact}")
            return None
        record["Contact"] = contact_summary(created)
    ctx.save(kind, record, existing is None)
    if plans:
        allocations.apply(ctx, record, plans)
    return record


#: The ID Xero shows on a refused new record: it was never stored.
UNSAVED_ID = "00000000-0000-0000-0000-000000000000"


def _refused_view(
    record: dict, kind: str, sent: dict, status: str | None, existing: dict | None
) -> dict:
    """A refused document as Xero echoes it: parsed, with its totals and each line's own
    ValidationErrors, `HasErrors: true`, and no ID or number it was never given."""
    spec = KINDS[kind]
    shown = copy.deepcopy(record)
    if existing is None:
        shown[spec["id"]] = UNSAVED_ID
        if spec["number"] and not sent.get(spec["number"]):
            shown.pop(spec["number"], None)
    if "Contact" not in shown and isinstance(sent.get("Contact"), dict):
        shown["Contact"] = sent["Contact"]
    if status:
        shown["Status"] = status
    if kind == "Invoices":
        for listed in ("Payments", "CreditNotes", "Prepayments", "Overpayments"):
            shown.setdefault(listed, [])
        shown.setdefault("AmountDue", shown.get("Total", ZERO))
        shown.setdefault("AmountPaid", ZERO)
        shown.setdefault("AmountCredited", ZERO)
        shown.setdefault("IsDiscounted", False)
    shown["HasErrors"] = True
    return shown


def _planned_allocations(ctx: Context, el: Element, credit_note: dict, sent: object) -> list:
    """`Allocations` sent on a credit note, checked before it is saved (Xero allocates them
    when the credit note is AUTHORISED, and refuses them, not drops them, otherwise)."""
    if not isinstance(sent, list):
        el.error("Allocations must be a list")
        return []
    plans = []
    left = credit_note["RemainingCredit"]
    owing: dict[str, Decimal] = {}
    for number, raw in enumerate(sent, 1):
        check = Element(raw)
        plan = allocations.check(ctx, check, credit_note, check.sent, left, owing)
        for message in check.errors:
            el.error(f"Allocation {number}: {message}")
        if plan is not None:
            plans.append(plan)
            left -= plan.amount
    return plans


# --- items ---------------------------------------------------------------------------------
def write_item(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    sent = el.sent
    record = copy.deepcopy(existing) if existing else {"ItemID": new_id()}
    code = text_field(el, sent.get("Code"), "Code", 30)
    if existing is None and not (code or "").strip():
        el.error("Item Code is required")
    if code and code.strip():
        code = code.strip()
        other = ctx.by_number("Items", code)
        if other and other["ItemID"] != record["ItemID"]:
            el.error(f"Item code '{code}' already exists")
        record["Code"] = code
    for key, limit in (("Name", 50), ("Description", 4000), ("PurchaseDescription", 4000)):
        if key in sent:
            record[key] = text_field(el, sent[key], key, limit)
    record.setdefault("Name", record.get("Code", ""))
    for key in ("SalesDetails", "PurchaseDetails"):
        if key not in sent:
            record.setdefault(key, {})
            continue
        raw = sent[key]
        if not isinstance(raw, dict):
            el.error(f"{key} must be an object")
            continue
        details: dict = {}
        price = decimal_field(el, raw.get("UnitPrice"), f"{key}.UnitPrice")
        if price is not None:
            details["UnitPrice"] = ctx.unit_amount(price)
        for code_key in ("AccountCode", "COGSAccountCode"):
            if raw.get(code_key):
                if ctx.account(code=raw[code_key]) is None:
                    el.error(f"{key}.{code_key} '{raw[code_key]}' is not a valid account code")
                details[code_key] = raw[code_key]
        if raw.get("TaxType"):
            if raw["TaxType"] not in ctx.tax_rates:
                el.error(f"{key}.TaxType '{raw['TaxType']}' is not a valid tax type")
            details["TaxType"] = raw["TaxType"]
        record[key] = details
    for flag in ("IsSold", "IsPurchased", "IsTrackedAsInventory"):
        if flag in sent:
            value = bool_field(el, sent[flag], flag)
            if value is not None:
                record[flag] = value
    record.setdefault("IsSold", True)
    record.setdefault("IsPurchased", True)
    if sent.get("InventoryAssetAccountCode"):
        if ctx.account(code=sent["InventoryAssetAccountCode"]) is None:
            el.error("InventoryAssetAccountCode is not a valid account code")
        record["InventoryAssetAccountCode"] = sent["InventoryAssetAccountCode"]
    if record.get("IsTrackedAsInventory"):
        if not record.get("InventoryAssetAccountCode"):
            el.error("An InventoryAssetAccountCode is required for a tracked item")
        if not record.get("PurchaseDetails", {}).get("COGSAccountCode"):
            el.error("PurchaseDetails.COGSAccountCode is required for a tracked item")
        record.setdefault("QuantityOnHand", Decimal("0.0000"))
        record.setdefault("TotalCostPool", ZERO)
    else:
        record["IsTrackedAsInventory"] = False
    if not el.ok:
        return None
    ctx.save("Items", record, existing is None)
    return record


# --- accounts ------------------------------------------------------------------------------
def write_account(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    sent = el.sent
    record = copy.deepcopy(existing) if existing else {"AccountID": new_id()}
    code = text_field(el, sent.get("Code"), "Code", 10)
    name = text_field(el, sent.get("Name"), "Name", 150)
    type_ = choice_field(el, sent.get("Type"), "Type", ACCOUNT_TYPES)
    if existing is None:
        if not code:
            el.error("Please enter a Code.")
        if not name:
            el.error("Please enter a Name.")
        if not type_ and not sent.get("Type"):
            el.error("Please select an account Type.")
    for account in ctx.accounts:
        if account["AccountID"] == record["AccountID"]:
            continue
        if code and account.get("Code") == code:
            el.error("Please enter a unique Code.")
        if name and account.get("Name", "").lower() == name.lower():
            el.error("Please enter a unique Name.")
    type_ = type_ or record.get("Type")
    if type_ == "BANK" and not (sent.get("BankAccountNumber") or record.get("BankAccountNumber")):
        el.error("A BankAccountNumber is required for a bank account")
    status = choice_field(el, sent.get("Status"), "Status", ("ACTIVE", "ARCHIVED"))
    if sent.get("TaxType") and sent["TaxType"] not in ctx.tax_rates:
        el.error(f"TaxType '{sent['TaxType']}' is not valid")
    currency = sent.get("CurrencyCode")
    if currency and currency not in ctx.currencies:
        el.error(f"The currency code {currency} is not used by this organisation")
    if not el.ok:
        return None
    for key in (
        "Code",
        "Name",
        "Description",
        "BankAccountNumber",
        "TaxType",
        "CurrencyCode",
        "EnablePaymentsToAccount",
        "ShowInExpenseClaims",
        "AddToWatchlist",
        "BankAccountType",
    ):
        if key in sent:
            record[key] = sent[key]
    record["Type"] = type_
    record["Class"] = ACCOUNT_CLASS.get(type_, "ASSET")
    record["Status"] = status or record.get("Status", "ACTIVE")
    record.setdefault("TaxType", "NONE")
    record.setdefault("EnablePaymentsToAccount", False)
    record.setdefault("ShowInExpenseClaims", False)
    record.setdefault("HasAttachments", False)
    record.setdefault("AddToWatchlist", False)
    record.setdefault("ReportingCode", record["Class"][:3])
    record.setdefault("ReportingCodeName", record["Class"].title())
    if type_ == "BANK":
        record.setdefault("BankAccountType", "BANK")
        record.setdefault("CurrencyCode", ctx.base_currency)
    ctx.save("Accounts", record, existing is None)
    ctx.accounts = [a for a in ctx.accounts if a["AccountID"] != record["AccountID"]] + [record]
    return record


# --- payments ------------------------------------------------------------------------------
def _payment_target(ctx: Context, el: Element, sent: dict) -> tuple[str, dict] | None:
    for kind, key, id_field, number_field in (
        ("Invoices", "Invoice", "InvoiceID", "InvoiceNumber"),
        ("CreditNotes", "CreditNote", "CreditNoteID", "CreditNoteNumber"),
    ):
        ref = sent.get(key)
        if not isinstance(ref, dict):
            continue
        found = None
        if ref.get(id_field):
            found = ctx.get(kind, str(ref[id_field]))
        elif ref.get(number_field):
            found = ctx.by_number(kind, str(ref[number_field]))
        if found is None:
            el.error(f"{key} could not be found")
            return None
        return kind, found
    el.error("An Invoice or CreditNote must be specified (by ID or number)")
    return None


def create_payment(ctx: Context, el: Element) -> dict | None:
    sent = el.sent
    target = _payment_target(ctx, el, sent)
    account_ref = sent.get("Account") if isinstance(sent.get("Account"), dict) else {}
    account = ctx.account(code=account_ref.get("Code"), account_id=account_ref.get("AccountID"))
    if not account_ref:
        el.error("An Account must be specified (by AccountID or Code)")
    elif account is None:
        el.error("Account could not be found")
    elif account["Type"] != "BANK" and not account.get("EnablePaymentsToAccount"):
        el.error("Payments can only be made to a bank account or one with payments enabled")
    amount = decimal_field(el, sent.get("Amount"), "Amount")
    if amount is None and "Amount" not in sent:
        el.error("Amount is required")
    elif amount is not None and amount <= 0:
        el.error("Payment amount must be greater than zero")
    day = date_field(el, sent.get("Date"), "Date") or ctx.today
    rate = decimal_field(el, sent.get("CurrencyRate"), "CurrencyRate")
    if rate is not None and rate <= 0:
        el.error("The Currency rate must be greater than zero.")
    reconciled = bool_field(el, sent.get("IsReconciled"), "IsReconciled")
    if target is None or not el.ok or account is None or amount is None:
        return None
    kind, doc = target
    outstanding = doc["AmountDue"] if kind == "Invoices" else doc["RemainingCredit"]
    if doc["Status"] != "AUTHORISED":
        el.error("Payments can only be made against Authorised documents")
    elif money(amount) > outstanding:
        el.error("Payment amount exceeds the amount outstanding on this document")
    if not el.ok:
        return None
    amount = money(amount)
    rate = money(rate or doc.get("CurrencyRate") or 1, Decimal("0.000001"))
    payment_id = new_id()
    payment_type = {
        ("Invoices", "ACCREC"): "ACCRECPAYMENT",
        ("Invoices", "ACCPAY"): "ACCPAYPAYMENT",
        ("CreditNotes", "ACCRECCREDIT"): "ARCREDITPAYMENT",
        ("CreditNotes", "ACCPAYCREDIT"): "APCREDITPAYMENT",
    }[(kind, doc["Type"])]
    reference = str(sent.get("Reference") or "")
    payment: dict = {"PaymentID": payment_id}
    set_date(payment, "Date", day, with_string=False)
    payment.update(
        {
            "BankAmount": amount,
            "Amount": amount,
            "Reference": reference,
            "CurrencyRate": rate,
            "PaymentType": payment_type,
            "Status": "AUTHORISED",
            "HasAccount": True,
            "IsReconciled": bool(reconciled),
            "HasValidationErrors": False,
            "Account": {"AccountID": account["AccountID"], "Code": account["Code"]},
        }
    )
    id_field, number_field = KINDS[kind]["id"], KINDS[kind]["number"]
    payment["Invoice" if kind == "Invoices" else "CreditNote"] = (
        {
            "Type": doc["Type"],
            id_field: doc[id_field],
            number_field: doc.get(number_field, ""),
            "Payments": [],
            "CreditNotes": [],
            "Prepayments": [],
            "Overpayments": [],
            "HasErrors": False,
            "IsDiscounted": False,
            "Contact": doc["Contact"],
            "CurrencyCode": doc["CurrencyCode"],
        }
        if kind == "Invoices"
        else {
            "Type": doc["Type"],
            id_field: doc[id_field],
            number_field: doc.get(number_field, ""),
            "Contact": doc["Contact"],
            "CurrencyCode": doc["CurrencyCode"],
        }
    )
    summary = {
        "PaymentID": payment_id,
        "Date": payment["Date"],
        "Amount": amount,
        "Reference": reference,
        "CurrencyRate": rate,
        "HasAccount": False,
        "HasValidationErrors": False,
    }
    doc.setdefault("Payments", []).append(summary)
    _apply_payment(doc, kind, amount, day)
    ctx.save(kind, doc, False)
    ctx.save("Payments", payment, True)
    return payment


def _apply_payment(doc: dict, kind: str, amount: Decimal, day: date | None) -> None:
    """Move `amount` (negative to undo) between outstanding and paid, and fix the status."""
    if kind == "Invoices":
        doc["AmountPaid"] = doc.get("AmountPaid", ZERO) + amount
        doc["AmountDue"] = doc["AmountDue"] - amount
        remaining = doc["AmountDue"]
    else:
        doc["RemainingCredit"] = doc["RemainingCredit"] - amount
        remaining = doc["RemainingCredit"]
    if remaining == 0 and day is not None:
        doc["Status"] = "PAID"
        set_date(doc, "FullyPaidOnDate", day, with_string=False)
    elif doc["Status"] == "PAID" and remaining > 0:
        doc["Status"] = "AUTHORISED"
        doc.pop("FullyPaidOnDate", None)


def update_payment(ctx: Context, el: Element, existing: dict) -> dict | None:
    """Xero lets a payment change in one way only: Status DELETED."""
    status = el.sent.get("Status")
    if status != "DELETED":
        el.error("A payment can only be deleted: send Status DELETED")
        return None
    if existing["Status"] == "DELETED":
        el.error("This payment has already been deleted")
        return None
    for kind, key in (("Invoices", "Invoice"), ("CreditNotes", "CreditNote")):
        ref = existing.get(key)
        if ref:
            doc = ctx.get(kind, ref[KINDS[kind]["id"]])
            if doc is not None:
                doc["Payments"] = [
                    p for p in doc.get("Payments", []) if p["PaymentID"] != existing["PaymentID"]
                ]
                _apply_payment(doc, kind, -existing["Amount"], None)
                ctx.save(kind, doc, False)
    existing["Status"] = "DELETED"
    ctx.save("Payments", existing, False)
    return existing


# --- dispatch ------------------------------------------------------------------------------
WRITERS = {
    "Contacts": write_contact,
    "Items": write_item,
    "Accounts": write_account,
    "ManualJournals": write_manual_journal,  # in manual_journals.py
}
DOCUMENTS = ("Invoices", "CreditNotes", "PurchaseOrders", "BankTransactions")


def find_existing(ctx: Context, kind: str, sent: dict) -> dict | None:
    """The record an element of a create-or-update (POST) batch names, if any."""
    id_field = KINDS[kind]["id"]
    if sent.get(id_field):
        found = ctx.get(kind, str(sent[id_field]))
        if found is None:
            raise NotFound(f"{kind[:-1]} {sent[id_field]} could not be found")
        return found
    if kind in ("Invoices", "Items") and sent.get(KINDS[kind]["number"]):
        found = ctx.by_number(kind, str(sent[KINDS[kind]["number"]]).strip())
        if found and kind == "Invoices" and found.get("Type") != sent.get("Type", found["Type"]):
            return None
        return found
    return None


def write_one(ctx: Context, kind: str, el: Element, existing: dict | None) -> dict | None:
    if not el.ok:
        return None
    if kind == "Payments":
        return update_payment(ctx, el, existing) if existing else create_payment(ctx, el)
    if kind in DOCUMENTS:
        return write_document(ctx, el, kind, existing)
    return WRITERS[kind](ctx, el, existing)


SUPPORTED = set(DOCUMENTS) | set(WRITERS) | {"Payments"}
NUMBER_RE = re.compile(r"^[A-Za-z]+-\d+$")
