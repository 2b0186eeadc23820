"""Bank transactions (`/BankTransactions`): money received (RECEIVE) or spent (SPEND).

Always AUTHORISED (a new one too, so its lines are checked as approved), in a bank account of
the chart and in that account's currency; a reconciled one can only be unreconciled. Ledger:
RECEIVE debits the bank with the Total and credits the lines and tax; SPEND is the mirror.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox.postings import account_code, document_postings
from xerocli.sandbox.resources._documents import DocumentRules, write_document
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


def _locked(existing: dict, sent: dict) -> str | None:
    if existing.get("IsReconciled") and set(sent) - {"IsReconciled", "BankTransactionID"}:
        return "This Bank Transaction cannot be edited as it has been reconciled."
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


def _derive(record: dict, status: str) -> None:
    record.setdefault("IsReconciled", False)
    record.setdefault("HasAttachments", False)


RULES = DocumentRules(
    types=("RECEIVE", "SPEND"),
    always_approved=True,
    locked=_locked,
    prepare=_bank_account,
    check=_same_currency,
    derive=_derive,
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    return write_document(ctx, el, RESOURCE, RULES, existing)


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
        holds_credit={
            "RECEIVE-OVERPAYMENT": "ACCRECCREDIT",
            "RECEIVE-PREPAYMENT": "ACCRECCREDIT",
            "SPEND-OVERPAYMENT": "ACCPAYCREDIT",
            "SPEND-PREPAYMENT": "ACCPAYCREDIT",
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
