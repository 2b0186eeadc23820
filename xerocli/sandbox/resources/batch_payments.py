"""Batch payments (`/BatchPayments`): several invoices paid in one bank line.

`PUT /BatchPayments` with an `Account` (the bank account), `Date`, `Reference` and `Payments`
(each an `Invoice` and an `Amount`) makes one payment per invoice (payments.py: each settles
its invoice and posts to the ledger) carrying the batch's `BatchPaymentID`, and the batch that
lists them: RECBATCH for sales invoices, PAYBATCH for bills (one kind per batch), TotalAmount
their sum. Every payment is checked before any is made (none may be dated before its invoice),
so a batch is made whole or not at all.
The only change Xero takes is Status DELETED (`POST /BatchPayments` or `/BatchPayments/{ID}`),
which deletes each payment, reopening its invoice. The batch itself posts nothing.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import totals
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources import payments
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Documents, Listing, Resource
from xerocli.sandbox.validate import Element, date_field, decimal_field, text_field
from xerocli.sandbox.xerojson import money

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")
BATCH_TYPES = {"ACCREC": "RECBATCH", "ACCPAY": "PAYBATCH"}


def _invoice(ctx: Context, el: Element, where: str, ref: object) -> dict | None:
    if not isinstance(ref, dict) or not (ref.get("InvoiceID") or ref.get("InvoiceNumber")):
        el.error(f"{where}: an Invoice must be specified (by InvoiceID or InvoiceNumber)")
        return None
    if ref.get("InvoiceID"):
        found = ctx.get("Invoices", str(ref["InvoiceID"]))
    else:
        found = ctx.by_number("Invoices", str(ref["InvoiceNumber"]))
    if found is None:
        el.error(f"{where}: Invoice could not be found")
    return found


def _checked(ctx: Context, el: Element, day: date) -> list[tuple[dict, Decimal]]:
    """Each payment's invoice and amount, checked as payments.py would (the batch's `day`
    too), before any is made."""
    sent = el.sent.get("Payments")
    if not isinstance(sent, list) or not sent:
        el.error("Payments must be a list of at least one payment")
        return []
    planned: list[tuple[dict, Decimal]] = []
    owing: dict[str, Decimal] = {}
    for number, raw in enumerate(sent, 1):
        where = f"Payment {number}"
        if not isinstance(raw, dict):
            el.error(f"{where} must be an object")
            continue
        invoice = _invoice(ctx, el, where, raw.get("Invoice"))
        amount = decimal_field(el, raw.get("Amount"), f"{where} Amount")
        if amount is None:
            el.error(f"{where}: Amount is required")
        elif amount <= 0:
            el.error(f"{where}: Payment amount must be greater than zero")
        if invoice is None or amount is None or amount <= 0:
            continue
        amount = money(amount)
        left = owing.get(invoice["InvoiceID"], invoice["AmountDue"])
        if invoice["Status"] != "AUTHORISED":
            el.error(f"{where}: Payments can only be made against Authorised documents")
        elif amount > left:
            el.error(f"{where}: Payment amount exceeds the amount outstanding on this document")
        refused = payments.date_refusal(payments.INVOICES, invoice, day)
        if refused:
            el.error(f"{where}: {refused}")
        owing[invoice["InvoiceID"]] = left - amount
        planned.append((invoice, amount))
    types = {invoice["Type"] for invoice, _ in planned}
    if len(types) > 1:
        el.error("A batch pays either sales invoices or bills, not both")
    currencies = {invoice["CurrencyCode"] for invoice, _ in planned}
    if len(currencies) > 1:
        el.error("Every invoice of a batch must be in the same currency")
    return planned


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    if existing is not None:
        return _delete(ctx, el, existing)
    sent = el.sent
    account_ref = sent.get("Account") if isinstance(sent.get("Account"), dict) else {}
    account = ctx.account(code=account_ref.get("Code"), account_id=account_ref.get("AccountID"))
    if not account_ref:
        el.error("An Account must be specified (by AccountID or Code)")
    elif account is None or account["Type"] != "BANK":
        el.error("The Account must be a bank account in the chart of accounts")
    day = date_field(el, sent.get("Date"), "Date") or ctx.today
    reference = text_field(el, sent.get("Reference"), "Reference", 255) or ""
    extras = {
        key: text_field(el, sent.get(key), key, 18) or ""
        for key in ("Particulars", "Code", "Details")
    }
    narrative = text_field(el, sent.get("Narrative"), "Narrative", 18) or ""
    planned = _checked(ctx, el, day)
    if not el.ok or account is None or not planned:
        return None
    batch_id = new_id()
    made = []
    for number, (invoice, amount) in enumerate(planned, 1):
        element = Element(
            {
                "Invoice": {"InvoiceID": invoice["InvoiceID"]},
                "Account": {"AccountID": account["AccountID"]},
                "Amount": amount,
                "Date": day.isoformat(),
                "Reference": reference,
            }
        )
        payment = payments.create_payment(ctx, element)
        if payment is None:  # pragma: no cover - checked above
            for message in element.errors:
                el.error(f"Payment {number}: {message}")
            return None
        payment["BatchPaymentID"] = batch_id
        payment["BatchPayment"] = {"BatchPaymentID": batch_id}
        ctx.save("Payments", payment, False)
        made.append(payment)
    record = _batch(batch_id, account, day, reference, extras, narrative, planned, made)
    ctx.save("BatchPayments", record, True)
    return record


def _batch(batch_id, account, day, reference, extras, narrative, planned, made) -> dict:
    total = sum((amount for _, amount in planned), ZERO)
    record = {
        "BatchPaymentID": batch_id,
        "Account": {"AccountID": account["AccountID"], "Code": account["Code"]},
        "Reference": reference,
        **extras,
        "Narrative": narrative,
        "Type": BATCH_TYPES[planned[0][0]["Type"]],
        "Status": "AUTHORISED",
        "TotalAmount": total,
        "Amount": total,
        "IsReconciled": False,
        "Payments": [
            {
                "PaymentID": payment["PaymentID"],
                "Invoice": {
                    "InvoiceID": invoice["InvoiceID"],
                    "InvoiceNumber": invoice.get("InvoiceNumber", ""),
                    "LineItems": [],
                },
                "Amount": amount,
            }
            for (invoice, amount), payment in zip(planned, made, strict=True)
        ],
    }
    set_date(record, "Date", day)
    return record


def _delete(ctx: Context, el: Element, existing: dict) -> dict | None:
    """Status DELETED: every payment of the batch deleted, their invoices reopened."""
    if el.sent.get("Status") != "DELETED" or set(el.sent) - {"BatchPaymentID", "Status"}:
        el.error("A batch payment cannot be changed, only deleted: send Status DELETED")
        return None
    if existing["Status"] == "DELETED":
        el.error("This batch payment has already been deleted")
        return None
    for summary in existing.get("Payments", []):
        payment = ctx.get("Payments", summary["PaymentID"])
        if payment is not None and payment["Status"] != "DELETED":
            payments.update_payment(ctx, Element({"Status": "DELETED"}), payment)
    record = copy.deepcopy(existing)
    record["Status"] = "DELETED"
    ctx.save("BatchPayments", record, False)
    return record


def seed_batches(company) -> Iterator[dict | tuple[str, dict]]:
    """A few batches per company, each paying three AUTHORISED invoices of one contact kind
    in the base currency in full (the invoices PAID, each payment with the batch's ID)."""
    from xerocli.sandbox import seed as generator
    from xerocli.sandbox.resources import invoices

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:batches")
    ids = generator._Ids(rng)
    bank = company.banks[spec.base_currency]
    account = {"AccountID": bank["AccountID"], "Code": bank["Code"]}
    number = 3 * company.invoices + 3000
    for batch in range(1, 7):
        sales = batch % 2 == 1
        type_ = "ACCREC" if sales else "ACCPAY"
        day = generator.ANCHOR - timedelta(days=20 + int(rng.random() * 300))
        batch_id = ids()
        planned, made = [], []
        for _ in range(3):
            number += 1
            contact = company.contacts[int(rng.random() * len(company.contacts))]
            amount = money(Decimal(5000 + int(rng.random() * 95000)) / 100)
            lines = [
                {
                    "LineItemID": ids(),
                    "Description": "Services" if sales else "Supplies",
                    "Quantity": Decimal("1.0000"),
                    "UnitAmount": amount.quantize(Decimal("0.0001")),
                    "AccountCode": "200" if sales else "429",
                    "TaxType": "NONE",
                }
            ]
            issued = day - timedelta(days=14)
            invoice = {
                "Type": type_,
                "InvoiceID": ids(),
                "InvoiceNumber": f"{'INV' if sales else 'BILL'}-{number:04d}",
                "Reference": f"Batch {batch:03d}",
                "Contact": generator_contact(contact),
                "LineItems": lines,
                "LineAmountTypes": "NoTax",
                "CurrencyCode": spec.base_currency,
                "CurrencyRate": Decimal("1.000000"),
                **totals.compute(lines, "NoTax", company.rates),
                "Status": "PAID",
                "AmountPaid": amount,
                "UpdatedDateUTC": f"/Date({generator._updated_ms(day, rng.random)}+0000)/",
            }
            set_date(invoice, "Date", issued)
            set_date(invoice, "DueDate", day)
            set_date(invoice, "FullyPaidOnDate", day, with_string=False)
            payment_id = ids()
            invoice["Payments"] = [
                {
                    "PaymentID": payment_id,
                    "Date": invoice["FullyPaidOnDate"],
                    "Amount": amount,
                    "Reference": f"Batch {batch:03d}",
                    "CurrencyRate": Decimal("1.000000"),
                    "HasAccount": False,
                    "HasValidationErrors": False,
                }
            ]
            invoices._derive(invoice, "PAID")
            payment = {
                "PaymentID": payment_id,
                "BankAmount": amount,
                "Amount": amount,
                "Reference": f"Batch {batch:03d}",
                "CurrencyRate": Decimal("1.000000"),
                "PaymentType": payments.PAYABLE_DOCUMENTS[0].payment_types[type_],
                "Status": "AUTHORISED",
                "HasAccount": True,
                "IsReconciled": True,
                "HasValidationErrors": False,
                "Account": account,
                "BatchPaymentID": batch_id,
                "BatchPayment": {"BatchPaymentID": batch_id},
                "Invoice": {
                    "Type": type_,
                    "InvoiceID": invoice["InvoiceID"],
                    "InvoiceNumber": invoice["InvoiceNumber"],
                    **copy.deepcopy(dict(payments.PAYABLE_DOCUMENTS[0].copied)),
                    "Contact": invoice["Contact"],
                    "CurrencyCode": spec.base_currency,
                },
                "UpdatedDateUTC": invoice["UpdatedDateUTC"],
            }
            set_date(payment, "Date", day, with_string=False)
            yield "Invoices", invoice
            yield "Payments", payment
            planned.append((invoice, amount))
            made.append(payment)
        record = _batch(batch_id, bank, day, f"Batch {batch:03d}", {}, "", planned, made)
        record["UpdatedDateUTC"] = f"/Date({generator._updated_ms(day, rng.random)}+0000)/"
        yield record


def generator_contact(contact: dict) -> dict:
    from xerocli.sandbox.resources.contacts import contact_summary

    return contact_summary(contact)


RESOURCE = Resource(
    collection="BatchPayments",
    documents=Documents(history=True),
    type_name="BatchPayment",
    id_field="BatchPaymentID",
    date_field="Date",
    fields=COMMON_FIELDS
    | {
        "BatchPaymentID",
        "Account",
        "Reference",
        "Particulars",
        "Code",
        "Details",
        "Narrative",
        "DateString",
        "Date",
        "Amount",
        "Payments",
        "Type",
        "Status",
        "TotalAmount",
        "IsReconciled",
    },
    nested={"Account": "Accounts"},
    listing=Listing(),
    scopes=("accounting.transactions", "accounting.payments"),
    seed=seed_batches,
    seeded_by="batch_payments.seed_batches (with their invoices and payments)",
    writer=write,
)
