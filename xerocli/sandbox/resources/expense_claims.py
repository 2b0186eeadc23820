"""Expense claims (`/ExpenseClaims`): a user's draft receipts submitted to be paid back. Legacy
in Xero (replaced by Xero Expenses in 2018), still served.

A claim is made SUBMITTED (or AUTHORISED) from `User` and `Receipts` (by ReceiptID: each a
DRAFT receipt of that user, on no other claim); its receipts move with it (SUBMITTED,
AUTHORISED, VOIDED). The one change Xero takes is the Status: SUBMITTED -> AUTHORISED or
VOIDED, AUTHORISED -> VOIDED. Ledger: an authorised claim posts as a bill does, dated its
ReportingDate (the day it was authorised): each receipt's lines debited (net) and their tax on
820, the Total credited to 801 Unpaid Expense Claims (seeded with the claims). The claim holds
its receipts whole, as Xero's answer by ID does, so its postings are its own.

Paying a claim is not in Xero's Accounting API (its Payment names an invoice, credit note,
prepayment or overpayment, never a claim), so no claim here is PAID.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import totals
from xerocli.sandbox.postings import document_postings
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.contacts import contact_summary
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Books, Documents, Resource
from xerocli.sandbox.resources.receipts import user_summary
from xerocli.sandbox.validate import Element, choice_field
from xerocli.sandbox.xerojson import ms_date

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")
#: The liability an authorised claim is owed on, as in Xero's charts.
UNPAID_CLAIMS = "801"
STATUSES = ("SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED")
#: Old status -> the statuses an update may give it.
TRANSITIONS = {"SUBMITTED": ("AUTHORISED", "VOIDED"), "AUTHORISED": ("VOIDED",)}
#: A claim's status -> its receipts'.
RECEIPT_STATUS = {"SUBMITTED": "SUBMITTED", "AUTHORISED": "AUTHORISED", "VOIDED": "VOIDED"}


def _receipts(ctx: Context, el: Element, sent: object, user_id: str) -> list[dict]:
    if not isinstance(sent, list) or not sent:
        el.error("At least one receipt is required (Receipts: [{ReceiptID}])")
        return []
    found = []
    for number, raw in enumerate(sent, 1):
        receipt_id = raw.get("ReceiptID") if isinstance(raw, dict) else None
        receipt = ctx.get("Receipts", str(receipt_id)) if receipt_id else None
        if receipt is None:
            el.error(f"Receipt {number}: ReceiptID {receipt_id} could not be found")
        elif receipt["User"]["UserID"] != user_id:
            el.error(f"Receipt {number}: the receipt belongs to another user")
        elif receipt["Status"] != "DRAFT":
            el.error(
                f"Receipt {number}: only a DRAFT receipt can be claimed (it is {receipt['Status']})"
            )
        elif any(r["ReceiptID"] == receipt["ReceiptID"] for r in found):
            el.error(f"Receipt {number}: the receipt is on the claim twice")
        else:
            found.append(receipt)
    return found


def _set_status(ctx: Context, record: dict, status: str, save_receipts: bool) -> None:
    """The claim's status, its receipts' (embedded and stored), and its dates and amounts."""
    record["Status"] = status
    for receipt in record["Receipts"]:
        receipt["Status"] = RECEIPT_STATUS[status]
        if save_receipts:
            stored = ctx.get("Receipts", receipt["ReceiptID"]) or receipt
            stored["Status"] = receipt["Status"]
            ctx.save("Receipts", stored, False)
    if status == "AUTHORISED":
        set_date(record, "ReportingDate", ctx.today, with_string=False)
        set_date(record, "PaymentDueDate", ctx.today, with_string=False)
    record["AmountDue"] = ZERO if status == "VOIDED" else record["Total"] - record["AmountPaid"]


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """A new claim of a user's draft receipts, or a status change of one."""
    sent = el.sent
    status = choice_field(el, sent.get("Status"), "Status", STATUSES)
    if existing is not None:
        if set(sent) - {"ExpenseClaimID", "Status", "User", "Receipts"} or status is None:
            el.error("An expense claim's Status is the one change Xero takes")
            return None
        old = existing["Status"]
        if status == old:
            el.error(f"This expense claim is already {old}")
            return None
        if status not in TRANSITIONS.get(old, ()):
            el.error(
                "Expense claim not of valid status for modification:"
                f" cannot change {old} to {status}"
            )
            return None
        record = copy.deepcopy(existing)
        _set_status(ctx, record, status, True)
        ctx.save("ExpenseClaims", record, False)
        return record
    status = status or "SUBMITTED"
    if status not in ("SUBMITTED", "AUTHORISED"):
        el.error(f"A new expense claim cannot have status {status}; use SUBMITTED or AUTHORISED")
    raw_user = sent.get("User")
    user_id = raw_user.get("UserID") if isinstance(raw_user, dict) else None
    user = ctx.get("Users", str(user_id)) if user_id else None
    if user is None:
        el.error(
            f"User with UserID {user_id} could not be found"
            if user_id
            else "A User must be specified (by UserID)"
        )
        return None
    receipts = _receipts(ctx, el, sent.get("Receipts"), user["UserID"])
    if not el.ok:
        return None
    total = sum((Decimal(str(r["Total"])) for r in receipts), ZERO)
    record = {
        "ExpenseClaimID": new_id(),
        "User": user_summary(user),
        "Receipts": [copy.deepcopy(r) for r in receipts],
        "Payments": [],
        "Total": total,
        "AmountPaid": ZERO,
    }
    _set_status(ctx, record, status, True)
    ctx.save("ExpenseClaims", record, True)
    return record


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """Each receipt as a bill's postings, owed on 801 Unpaid Expense Claims."""
    summed: dict[str, Decimal] = {}
    for receipt in record.get("Receipts") or []:
        for code, amount in document_postings(receipt, UNPAID_CLAIMS, Decimal(-1)).items():
            summed[code] = summed.get(code, ZERO) + amount
    return summed


def _account(ids) -> dict:
    return {
        "AccountID": ids(),
        "Code": UNPAID_CLAIMS,
        "Name": "Unpaid Expense Claims",
        "Status": "ACTIVE",
        "Type": "CURRLIAB",
        "TaxType": "NONE",
        "Class": "LIABILITY",
        "SystemAccount": "UNPAIDEXPCLM",
        "EnablePaymentsToAccount": False,
        "ShowInExpenseClaims": False,
        "ReportingCode": "LIA",
        "ReportingCodeName": "Liability",
        "HasAttachments": False,
        "AddToWatchlist": False,
        "UpdatedDateUTC": "/Date(1709285400000+0000)/",
    }


def seed_claims(company) -> Iterator[dict | tuple[str, dict]]:
    """The 801 account; each of the first three users' receipts (base currency), most on a
    claim: authorised, submitted, voided, and a few drafts not claimed yet."""
    from xerocli.sandbox import seed as generator
    from xerocli.sandbox.resources.users import seed_users

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:expense-claims")
    ids = generator._Ids(rng)
    builder = generator._OtherBuilder(
        spec, company.contacts, company.rates, company.banks, company.items, rng, None
    )
    yield "Accounts", _account(ids)
    users = seed_users(company)[:3]
    claim_statuses = ("AUTHORISED", "SUBMITTED", "AUTHORISED", "VOIDED", None)
    for number, status in enumerate(claim_statuses * 2, 1):
        user = users[number % len(users)]
        day = generator.ANCHOR - timedelta(days=20 + int(rng.random() * 400))
        receipts = []
        for count in range(1 + number % 3):
            lines = builder._lines(False)
            line_types = "Inclusive" if count % 2 else "Exclusive"
            sums = totals.compute(lines, line_types, company.rates)
            contact = company.contacts[int(rng.random() * len(company.contacts))]
            receipt_id = ids()
            receipt = {
                "ReceiptID": receipt_id,
                "ID": receipt_id,
                "ReceiptNumber": str(len(receipts) + 1),
                "Status": RECEIPT_STATUS.get(status or "", "DRAFT"),
                "User": user_summary(user),
                "Contact": contact_summary(contact),
                "Reference": f"Expenses {number:02d}-{count + 1}",
                "LineAmountTypes": line_types,
                "LineItems": lines,
                **sums,
                "HasAttachments": False,
                "Attachments": [],
                "UpdatedDateUTC": f"/Date({generator._updated_ms(day, rng.random)}+0000)/",
            }
            set_date(receipt, "Date", day - timedelta(days=count), with_string=False)
            receipts.append(receipt)
            yield "Receipts", receipt
        if status is None:
            continue
        claim = {
            "ExpenseClaimID": ids(),
            "Status": status,
            "User": user_summary(user),
            "Receipts": receipts,
            "Payments": [],
            "Total": sum((r["Total"] for r in receipts), ZERO),
            "AmountPaid": ZERO,
            "UpdatedDateUTC": receipts[0]["UpdatedDateUTC"],
        }
        claim["AmountDue"] = ZERO if status == "VOIDED" else claim["Total"]
        if status == "AUTHORISED":
            set_date(claim, "ReportingDate", day + timedelta(days=3), with_string=False)
            claim["PaymentDueDate"] = ms_date(day + timedelta(days=17))
        yield claim


RESOURCE = Resource(
    collection="ExpenseClaims",
    documents=Documents(history=True),
    books=Books(role="cash", taxed=True, source_type="EXPCLAIM"),
    type_name="ExpenseClaim",
    id_field="ExpenseClaimID",
    date_field="ReportingDate",
    fields=COMMON_FIELDS
    | {
        "ExpenseClaimID",
        "Status",
        "Payments",
        "User",
        "Receipts",
        "Total",
        "AmountDue",
        "AmountPaid",
        "PaymentDueDate",
        "ReportingDate",
        "ReceiptID",
    },
    nested={"User": "Users"},
    scopes=("accounting.transactions", "accounting.invoices"),
    seed=seed_claims,
    seeded_by="expense_claims.seed_claims (with their receipts and 801 Unpaid Expense Claims)",
    writer=write,
    postings=postings,
    posted_statuses=("AUTHORISED", "PAID"),
)
