"""Bank transactions (`/BankTransactions`): money received (RECEIVE) or spent (SPEND).

Always AUTHORISED (a new one too, so its lines are checked as approved), in a bank account of
the chart and in that account's currency; a reconciled one can only be unreconciled. Ledger:
RECEIVE debits the bank with the Total and credits the lines and tax; SPEND is the mirror.

RECEIVE-OVERPAYMENT, SPEND-OVERPAYMENT, RECEIVE-PREPAYMENT and SPEND-PREPAYMENT make the
credit as Xero does: the transaction is answered with its `OverpaymentID` (`PrepaymentID`) and
the Overpayment (Prepayment) is stored beside it, its RemainingCredit the Total, to be
allocated or refunded (`_prepaid.py`). An overpayment has one line and no tax (NoTax) and its
line needs no account: Xero codes it to the control account (610 received, 800 spent), so the
credit sits there until allocated. A prepayment's lines are coded, and taxed, as usual. Such a
transaction keeps what made the credit (lines, amounts, contact, type, status): only
IsReconciled changes.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox.postings import PAYABLE, RECEIVABLE, account_code, document_postings
from xerocli.sandbox.records import new_id
from xerocli.sandbox.resources import overpayments, prepayments
from xerocli.sandbox.resources._documents import DocumentRules, write_document
from xerocli.sandbox.resources._prepaid import credit_from_transaction
from xerocli.sandbox.resources.declaration import (
    TRANSACTION_FIELDS,
    Books,
    Documents,
    Lifecycle,
    Listing,
    Resource,
)

if TYPE_CHECKING:
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context


#: Type -> the credit a transaction of that Type makes (`allocations.Credit`).
CREDITS = {
    **dict.fromkeys(overpayments.CREDIT.invoice_types, overpayments.CREDIT),
    **dict.fromkeys(prepayments.CREDIT.invoice_types, prepayments.CREDIT),
}
OVERPAYMENT_TYPES = tuple(overpayments.CREDIT.invoice_types)
#: What a bank transaction making a credit may still change.
_CREDIT_EDITABLE = {"BankTransactionID", "IsReconciled", "Url"}


def _locked(existing: dict, sent: dict) -> str | None:
    if existing.get("IsReconciled") and set(sent) - {"IsReconciled", "BankTransactionID"}:
        return "This Bank Transaction cannot be edited as it has been reconciled."
    credit = CREDITS.get(existing.get("Type", ""))
    if credit is not None and {
        key for key in set(sent) - _CREDIT_EDITABLE if sent[key] != existing.get(key)
    }:
        return (
            f"This Bank Transaction cannot be edited as it made {credit.label}"
            f" {existing.get(credit.id_field)}: only IsReconciled may change."
        )
    if credit is None and str(sent.get("Type") or "").upper() in CREDITS:
        return f"The Type of a {existing.get('Type')} bank transaction cannot be changed."
    return None


def _bank_account(
    ctx: Context, el: Element, sent: dict, record: dict, existing: dict | None
) -> None:
    """The bank account it is in; a new one takes that account's currency unless sent one."""
    if "BankAccount" not in sent and existing is not None:
        return
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


def _same_currency(
    ctx: Context, el: Element, sent: dict, record: dict, existing: dict | None
) -> None:
    if record.get("BankAccount"):
        bank_account = ctx.account(account_id=record["BankAccount"]["AccountID"]) or {}
        if bank_account.get("CurrencyCode", record["CurrencyCode"]) != record["CurrencyCode"]:
            el.error("The CurrencyCode must match the bank account's currency")


def _no_tax_one_line(
    ctx: Context, el: Element, sent: dict, record: dict, existing: dict | None
) -> None:
    """An overpayment's own rules, before its lines are read: one line, no tax."""
    _bank_account(ctx, el, sent, record, existing)
    if existing is not None:
        return
    lat = sent.get("LineAmountTypes")
    if lat not in (None, "") and str(lat).upper() != "NOTAX":
        el.error(f"LineAmountTypes '{lat}': an overpayment carries no tax; use NoTax")
    record["LineAmountTypes"] = "NoTax"  # the default when none is sent
    lines = sent.get("LineItems")
    if isinstance(lines, list) and len(lines) > 1:
        el.error(f"An overpayment has one line item, not {len(lines)}")


def _derive(record: dict, status: str) -> None:
    record.setdefault("IsReconciled", False)
    record.setdefault("HasAttachments", False)
    if record.get("Type") in OVERPAYMENT_TYPES:
        # Xero codes the line itself: the credit sits on the contact's control account.
        control = RECEIVABLE if record["Type"].startswith("RECEIVE") else PAYABLE
        for line in record.get("LineItems") or []:
            line["AccountCode"] = control
            line.pop("AccountID", None)
            line["TaxType"] = "NONE"


def _make_credit(ctx: Context, el: Element, record: dict, sent: dict):
    """A new overpayment or prepayment transaction: its credit's ID now, the credit stored
    once the transaction is (with the contact it ends up with)."""
    credit = CREDITS.get(record.get("Type", ""))
    if credit is None or record.get(credit.id_field):
        return None
    record[credit.id_field] = new_id()

    def store() -> None:
        ctx.save(credit.invoice_list, credit_from_transaction(record, credit), True)

    return store


RULES = DocumentRules(
    types=("RECEIVE", "SPEND", *CREDITS),
    always_approved=True,
    locked=_locked,
    prepare=_bank_account,
    check=_same_currency,
    derive=_derive,
    then=_make_credit,
)
#: An overpayment's: one NoTax line that needs no account (see `_derive`).
OVERPAYMENT_RULES = dataclasses.replace(RULES, lines_need_accounts=False, prepare=_no_tax_one_line)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    sent_type = el.sent.get("Type") if isinstance(el.sent, dict) else None
    type_ = str(sent_type or (existing or {}).get("Type") or "").upper()
    rules = OVERPAYMENT_RULES if type_ in OVERPAYMENT_TYPES else RULES
    return write_document(ctx, el, RESOURCE, rules, existing)


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """The bank account against the lines and tax: RECEIVE debits it, SPEND credits it."""
    bank = account_code(record.get("BankAccount"), codes_by_id)
    type_ = str(record.get("Type") or "")
    if type_.startswith("RECEIVE"):
        return document_postings(record, bank, sign=Decimal(1))
    if type_.startswith("SPEND"):
        return document_postings(record, bank, sign=Decimal(-1))
    return {}


RESOURCE = Resource(
    collection="BankTransactions",
    books=Books(
        taxed=True,
        credit_types=("RECEIVE",),
        # Aged as the credit note of the invoice type it pays, by the credit's own ID (what
        # its allocations settle).
        holds_credit={
            type_: (f"{invoice}CREDIT", credit.id_field)
            for credit in (overpayments.CREDIT, prepayments.CREDIT)
            for type_, invoice in credit.invoice_types.items()
        },
    ),
    documents=Documents(attachments=True, history=True),
    type_name="BankTransaction",
    id_field="BankTransactionID",
    date_field="Date",
    fields=TRANSACTION_FIELDS
    | {"BankTransactionID", "BankAccount", "IsReconciled", "PrepaymentID", "OverpaymentID"},
    nested={"Contact": "Contacts", "BankAccount": "Accounts"},
    listing=Listing(paged=True, line_field="LineItems", empty_lines_unpaged=True),
    scopes=("accounting.transactions", "accounting.banktransactions"),
    seeded_by="seed._OtherBuilder.bank_transaction",
    writer=write,
    postings=postings,
    posted_statuses=("AUTHORISED",),
    lifecycle=Lifecycle(
        create=("AUTHORISED",),
        transitions={"AUTHORISED": frozenset({"DELETED"})},
        editable=frozenset({"AUTHORISED"}),
    ),
)
