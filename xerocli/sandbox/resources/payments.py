"""Payments (`/Payments`) against invoices and credit notes.

A payment goes to an AUTHORISED document, up to what it still owes (an invoice's AmountDue, a
credit note's RemainingCredit: a refund), into a bank account or one with payments enabled;
settling it in full makes the document PAID. It is dated no earlier than the document (see
`date_refusal`). The bank account is in the document's currency or in the base currency (Xero
refuses any other); its `BankAmount` is the payment in the bank's currency: `Amount` itself, or
`Amount / CurrencyRate` into a base-currency account. Xero changes a payment in one way only:
Status DELETED, which gives the document its amount back.

Ledger: to an ACCREC invoice, debit the bank and credit 610; to an ACCPAY bill, credit the bank
and debit 800; refunds of credit notes the other way round. A foreign document paid at another
rate than its own comes off 610 or 800 at its own rate, and the difference is a realised
currency gain or loss, on 499 Realised Currency Gains (added to a chart that lacks it), as Xero
books it: so a paid invoice leaves nothing on 610 and nothing in the aged reports.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import resources
from xerocli.sandbox.postings import PAYABLE, RECEIVABLE, account_code
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.accounts import (
    REALISED_GAINS,
    REALISED_GAINS_ACCOUNT,
    add_system_account,
)
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Books, Documents, Listing, Resource
from xerocli.sandbox.validate import Element, bool_field, date_field, decimal_field
from xerocli.sandbox.xerojson import money, parse_date

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Payable:
    """A kind of document a payment settles, and how it records that."""

    collection: str
    #: The field a payment names it by (`Invoice`).
    key: str
    #: What it still owes (`AmountDue`; a credit note's `RemainingCredit`: a refund).
    owing: str
    #: Where its payments add up (`AmountPaid`), if it keeps a sum.
    paid: str | None
    #: The document's Type -> the payment's PaymentType.
    payment_types: Mapping[str, str]
    #: What a payment's copy of the document carries beside its Type, ID and number.
    copied: Mapping[str, object] = field(default_factory=dict)
    #: Settled in full, it gets `FullyPaidOnDate` (overpayments and prepayments have none).
    dates_paid: bool = True
    #: What a message calls it.
    label: str = "invoice"


INVOICES = Payable(
    "Invoices",
    "Invoice",
    "AmountDue",
    "AmountPaid",
    {"ACCREC": "ACCRECPAYMENT", "ACCPAY": "ACCPAYPAYMENT"},
    {
        "Payments": [],
        "CreditNotes": [],
        "Prepayments": [],
        "Overpayments": [],
        "HasErrors": False,
        "IsDiscounted": False,
    },
)
PAYABLE_DOCUMENTS = (
    INVOICES,
    Payable(
        "CreditNotes",
        "CreditNote",
        "RemainingCredit",
        None,
        {"ACCRECCREDIT": "ARCREDITPAYMENT", "ACCPAYCREDIT": "APCREDITPAYMENT"},
        label="credit note",
    ),
    # Refunds of credit the contact holds (see _prepaid.py).
    Payable(
        "Overpayments",
        "Overpayment",
        "RemainingCredit",
        None,
        {
            "RECEIVE-OVERPAYMENT": "AROVERPAYMENTPAYMENT",
            "SPEND-OVERPAYMENT": "APOVERPAYMENTPAYMENT",
        },
        dates_paid=False,
        label="overpayment",
    ),
    Payable(
        "Prepayments",
        "Prepayment",
        "RemainingCredit",
        None,
        {"RECEIVE-PREPAYMENT": "ARPREPAYMENTPAYMENT", "SPEND-PREPAYMENT": "APPREPAYMENTPAYMENT"},
        dates_paid=False,
        label="prepayment",
    ),
)


def _payment_target(ctx: Context, el: Element, sent: dict) -> tuple[Payable, dict] | None:
    for payable in PAYABLE_DOCUMENTS:
        document = resources.get(payable.collection)
        id_field, number_field = document.id_field, document.number_field or ""
        ref = sent.get(payable.key)
        if not isinstance(ref, dict):
            continue
        found = None
        if ref.get(id_field):
            found = ctx.get(payable.collection, str(ref[id_field]))
        elif ref.get(number_field):
            found = ctx.by_number(payable.collection, str(ref[number_field]))
        if found is None:
            el.error(f"{payable.key} could not be found")
            return None
        return payable, found
    el.error(
        "An Invoice, CreditNote, Overpayment or Prepayment must be specified (by ID or number)"
    )
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
    payable, doc = target
    if doc["Status"] != "AUTHORISED":
        el.error("Payments can only be made against Authorised documents")
    elif money(amount) > doc[payable.owing]:
        el.error("Payment amount exceeds the amount outstanding on this document")
    refused = date_refusal(payable, doc, day)
    if refused:
        el.error(refused)
    currency = doc.get("CurrencyCode") or ctx.base_currency
    bank_currency = account.get("CurrencyCode") or ctx.base_currency
    if bank_currency not in (currency, ctx.base_currency):
        el.error(
            f"The bank account's currency ({bank_currency}) must be the document's currency"
            f" ({currency}) or the organisation's base currency ({ctx.base_currency})"
        )
    if not el.ok:
        return None
    amount = money(amount)
    rate = money(rate or doc.get("CurrencyRate") or 1, Decimal("0.000001"))
    payment_id = new_id()
    reference = str(sent.get("Reference") or "")
    payment: dict = {"PaymentID": payment_id}
    set_date(payment, "Date", day, with_string=False)
    payment.update(
        {
            "BankAmount": bank_amount(amount, rate, bank_currency == currency),
            "Amount": amount,
            "Reference": reference,
            "CurrencyRate": rate,
            "PaymentType": payable.payment_types[doc["Type"]],
            "Status": "AUTHORISED",
            "HasAccount": True,
            "IsReconciled": bool(reconciled),
            "HasValidationErrors": False,
            "Account": {"AccountID": account["AccountID"], "Code": account["Code"]},
        }
    )
    document = resources.get(payable.collection)
    id_field, number_field = document.id_field, document.number_field or ""
    payment[payable.key] = {
        "Type": doc["Type"],
        id_field: doc[id_field],
        **({number_field: doc.get(number_field, "")} if number_field else {}),
        **copy.deepcopy(dict(payable.copied)),
        "Contact": doc["Contact"],
        "CurrencyCode": doc["CurrencyCode"],
        # A foreign document's own rate: what its control account holds it at (`postings`).
        **({"CurrencyRate": _rate_of(doc)} if currency != ctx.base_currency else {}),
    }
    if realised_gain(payment):
        add_system_account(ctx, REALISED_GAINS_ACCOUNT)
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
    _apply_payment(doc, payable, amount, day)
    ctx.save(payable.collection, doc, False)
    ctx.save("Payments", payment, True)
    return payment


def date_refusal(payable: Payable, document: dict, day: date) -> str | None:
    """Why a payment dated `day` may not settle `document`: it is dated before the document.

    The journal would take the payment off 610 or 800 before the document put it there, so the
    trial balance and the aged reports would disagree at the dates between (the aged reports
    list documents from their own dates). Xero dates a credit allocation no earlier than both
    documents; for a payment its rule is not documented, so the sandbox refuses it the same.
    """
    issued = parse_date(document.get("Date"))
    if issued is not None and day < issued:
        return f"Payment date ({day}) cannot be before the {payable.label} date ({issued})"
    return None


def bank_amount(amount: Decimal, rate: Decimal, in_document_currency: bool) -> Decimal:
    """What the payment is in the bank account's currency (Xero's `BankAmount`).

    A bank account in the document's currency receives `amount` itself; one in the base
    currency receives it converted at the payment's rate (foreign units per base unit), the
    same division and rounding the ledger books the bank line with (`ledger._in_base_currency`),
    so the bank balance in the reports is the sum of the payments' BankAmounts.
    """
    return amount if in_document_currency else money(amount / rate)


def _apply_payment(doc: dict, payable: Payable, amount: Decimal, day: date | None) -> None:
    """Move `amount` (negative to undo) between outstanding and paid, and fix the status."""
    if payable.paid is not None:
        doc[payable.paid] = doc.get(payable.paid, ZERO) + amount
    doc[payable.owing] = doc[payable.owing] - amount
    remaining = doc[payable.owing]
    if remaining == 0 and day is not None:
        doc["Status"] = "PAID"
        if payable.dates_paid:
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
    for payable in PAYABLE_DOCUMENTS:
        ref = existing.get(payable.key)
        if ref:
            doc = ctx.get(payable.collection, ref[resources.get(payable.collection).id_field])
            if doc is not None:
                doc["Payments"] = [
                    p for p in doc.get("Payments", []) if p["PaymentID"] != existing["PaymentID"]
                ]
                _apply_payment(doc, payable, -existing["Amount"], None)
                ctx.save(payable.collection, doc, False)
    existing["Status"] = "DELETED"
    ctx.save("Payments", existing, False)
    return existing


def write_payment(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """A new payment, or the deletion of an existing one."""
    return update_payment(ctx, el, existing) if existing else create_payment(ctx, el)


def _rate_of(document: dict) -> Decimal:
    """A document's CurrencyRate as stored (6 places), 1 if it has none."""
    return money(Decimal(str(document.get("CurrencyRate") or 1)), Decimal("0.000001"))


def realised_gain(record: dict) -> bool:
    """Whether a payment is at another rate than its (foreign) document's: the document's copy
    in the payment carries the document's rate (payments made before it did post as if at the
    same rate)."""
    document = next((record[p.key] for p in PAYABLE_DOCUMENTS if record.get(p.key)), {})
    held = Decimal(str(document.get("CurrencyRate") or 0))
    rate = Decimal(str(record.get("CurrencyRate") or 0))
    return held > 0 and rate > 0 and held != rate


def _at_document_rate(record: dict, signed: Decimal, control: str) -> dict[str, Decimal]:
    """The control account's side of a payment (`signed` is the bank's): at the payment's own
    rate, or, for a foreign document paid at another rate, at the document's, so it comes off
    610 or 800 as the document put it there, and the difference on Realised Currency Gains.

    Postings are in the payment's currency and the ledger divides them by the payment's rate
    (`ledger.in_base_currency`); these two are the base amounts, rounded to the cent, times
    that rate, so the division gives each back exactly and the payment balances to the cent:
    a loss (less received, or more paid, than at the document's rate) is a debit, a gain a
    credit.
    """
    if not realised_gain(record):
        return {control: -signed}
    document = next(record[p.key] for p in PAYABLE_DOCUMENTS if record.get(p.key))
    rate = Decimal(str(record["CurrencyRate"]))
    held = money(signed / Decimal(str(document["CurrencyRate"])))  # at the document's rate
    banked = money(signed / rate)  # as the ledger books the bank line
    return {control: -held * rate, REALISED_GAINS: (held - banked) * rate}


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """The bank against the document's control account, by the payment's type (and, at
    another rate than a foreign document's, the difference to Realised Currency Gains)."""
    bank = account_code(record.get("Account"), codes_by_id)
    amount = Decimal(record.get("Amount") or 0)
    control, into_bank = {
        "ACCRECPAYMENT": (RECEIVABLE, True),
        "ACCPAYPAYMENT": (PAYABLE, False),
        "ARCREDITPAYMENT": (RECEIVABLE, False),  # a refund paid out to a customer
        "APCREDITPAYMENT": (PAYABLE, True),  # a refund received from a supplier
        "AROVERPAYMENTPAYMENT": (RECEIVABLE, False),  # credit held for a customer, paid back
        "ARPREPAYMENTPAYMENT": (RECEIVABLE, False),
        "APOVERPAYMENTPAYMENT": (PAYABLE, True),  # credit held by a supplier, paid back
        "APPREPAYMENTPAYMENT": (PAYABLE, True),
    }.get(str(record.get("PaymentType") or ""), (None, False))
    if control is None:
        return {}
    signed = amount if into_bank else -amount
    return {bank: signed, **_at_document_rate(record, signed, control)}


RESOURCE = Resource(
    collection="Payments",
    books=Books(role="payment"),
    documents=Documents(history=True),
    type_name="Payment",
    id_field="PaymentID",
    date_field="Date",
    fields=COMMON_FIELDS
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
    nested={
        "Invoice": "Invoices",
        "CreditNote": "CreditNotes",
        "Overpayment": "Overpayments",
        "Prepayment": "Prepayments",
        "Account": "Accounts",
    },
    listing=Listing(paged=True),
    scopes=("accounting.transactions", "accounting.payments"),
    seeded_by="seed._PaymentBuilder (for invoices and credit note refunds)",
    writer=write_payment,
    postings=postings,
    posted_statuses=("AUTHORISED",),
)
