"""Payments (`/Payments`) against invoices and credit notes.

A payment goes to an AUTHORISED document, up to what it still owes (an invoice's AmountDue, a
credit note's RemainingCredit: a refund), into a bank account or one with payments enabled;
settling it in full makes the document PAID. Xero changes a payment in one way only: Status
DELETED, which gives the document its amount back.

Ledger: to an ACCREC invoice, debit the bank and credit 610; to an ACCPAY bill, credit the bank
and debit 800; refunds of credit notes the other way round.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import resources
from xerocli.sandbox.postings import PAYABLE, RECEIVABLE, account_code
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Listing, Resource
from xerocli.sandbox.validate import Element, bool_field, date_field, decimal_field
from xerocli.sandbox.xerojson import money

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")


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
    id_field, number_field = resources.get(kind).id_field, resources.get(kind).number_field
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
            doc = ctx.get(kind, ref[resources.get(kind).id_field])
            if doc is not None:
                doc["Payments"] = [
                    p for p in doc.get("Payments", []) if p["PaymentID"] != existing["PaymentID"]
                ]
                _apply_payment(doc, kind, -existing["Amount"], None)
                ctx.save(kind, doc, False)
    existing["Status"] = "DELETED"
    ctx.save("Payments", existing, False)
    return existing


def write_payment(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """A new payment, or the deletion of an existing one."""
    return update_payment(ctx, el, existing) if existing else create_payment(ctx, el)


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """The bank against the document's control account, by the payment's type."""
    bank = account_code(record.get("Account"), codes_by_id)
    amount = Decimal(record.get("Amount") or 0)
    control, into_bank = {
        "ACCRECPAYMENT": (RECEIVABLE, True),
        "ACCPAYPAYMENT": (PAYABLE, False),
        "ARCREDITPAYMENT": (RECEIVABLE, False),  # a refund paid out to a customer
        "APCREDITPAYMENT": (PAYABLE, True),  # a refund received from a supplier
    }.get(str(record.get("PaymentType") or ""), (None, False))
    if control is None:
        return {}
    signed = amount if into_bank else -amount
    return {bank: signed, control: -signed}


RESOURCE = Resource(
    collection="Payments",
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
    nested={"Invoice": "Invoices", "CreditNote": "CreditNotes", "Account": "Accounts"},
    listing=Listing(paged=True),
    scopes=("accounting.transactions", "accounting.payments"),
    seeded_by="seed._PaymentBuilder (for invoices and credit note refunds)",
    writer=write_payment,
    postings=postings,
    posted_statuses=("AUTHORISED",),
)
