"""The chart of accounts (`/Accounts`): codes and names unique, a class for each type."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from xerocli.sandbox.postings import PAYABLE, RECEIVABLE, RETAINED_EARNINGS, SALES_TAX
from xerocli.sandbox.records import new_id
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Documents, Resource
from xerocli.sandbox.validate import Element, choice_field, text_field

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

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

#: Realised Currency Gains (code, name, type, class, tax type kind, as the seed's charts are
#: tabled): where a foreign payment at another rate than its document's puts the difference
#: (`payments.postings`), as Xero does. A multi-currency organisation's seeded chart has it; one
#: seeded before it was gets it with its first such payment (`add_system_account`).
REALISED_GAINS = "499"
REALISED_GAINS_ACCOUNT = (REALISED_GAINS, "Realised Currency Gains", "EXPENSE", "EXPENSE", "NONE")
#: The seeded charts' system accounts (Xero's `SystemAccount`), by code: the control accounts
#: the ledger posts documents to (postings.py), where the year-end close keeps earlier years'
#: profit, and the currency gains. Xero marks them so (the spec's /Setup example: 610 DEBTORS,
#: 800 CREDITORS), which is how a client finds them without knowing the codes, and why they
#: cannot be deleted.
SEEDED_SYSTEM_ACCOUNTS = {
    RECEIVABLE: "DEBTORS",
    PAYABLE: "CREDITORS",
    SALES_TAX: "GST",
    RETAINED_EARNINGS: "RETAINEDEARNINGS",
    REALISED_GAINS: "REALISEDCURRENCYGAIN",
}
#: The tax type of each kind a chart table names.
TAX_TYPES = {"OUTPUT": "OUTPUT2", "INPUT": "INPUT2", "NONE": "NONE"}
#: System accounts a manual journal may not post to, and the names Xero gives them: they
#: always equal the approved invoices, bills and credit notes (and their payments) open on them,
#: which the aged reports list. Xero's advice is to journal to another account instead.
NOT_JOURNALLED = {"DEBTORS": "Accounts Receivable", "CREDITORS": "Accounts Payable"}


def system_account(account: dict) -> str:
    """The account's `SystemAccount`, or for a data file seeded before the seed set them, what
    the ledger makes of its code (the control accounts are those codes whatever they are
    called); "" for any other account."""
    return str(account.get("SystemAccount") or SEEDED_SYSTEM_ACCOUNTS.get(account.get("Code"), ""))


def chart_account(account_id: str, row: tuple[str, str, str, str, str]) -> dict:
    """An account of a chart table row (code, name, type, class, tax type kind), as the seed
    stores it and Xero answers it; a system account (`SEEDED_SYSTEM_ACCOUNTS`) carries its
    `SystemAccount` after `Class`, where Xero writes it."""
    code, name, type_, class_, tax_kind = row
    system = SEEDED_SYSTEM_ACCOUNTS.get(code)
    return {
        "AccountID": account_id,
        "Code": code,
        "Name": name,
        "Status": "ACTIVE",
        "Type": type_,
        "TaxType": TAX_TYPES[tax_kind],
        "Class": class_,
        **({"SystemAccount": system} if system else {}),
        "EnablePaymentsToAccount": False,
        "ShowInExpenseClaims": type_ == "EXPENSE",
        "ReportingCode": class_[:3],
        "ReportingCodeName": class_.title(),
        "HasAttachments": False,
        "AddToWatchlist": False,
        "UpdatedDateUTC": "/Date(1709285400000+0000)/",
    }


def add_system_account(ctx: Context, row: tuple[str, str, str, str, str]) -> None:
    """Add a system account the chart lacks, as Xero has it from the start: a data file seeded
    before the seed gave it (a write about to post to it calls this). One the chart has under
    that code already, whatever it is called, is kept as it is."""
    if any(account.get("Code") == row[0] for account in ctx.accounts):
        return
    record = chart_account(new_id(), row)
    ctx.save("Accounts", record, True)
    ctx.accounts.append(record)


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
    if sent.get("TaxType") and sent["TaxType"] not in ctx.usable_tax_types:
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


def account_in_use(store: Any, tenant_id: str, account: dict) -> str | None:
    """Xero deletes only an account that is not a system account and that no transaction
    uses; any other is archived instead (`Status: ARCHIVED`), so the books keep their rows."""
    if account.get("SystemAccount"):
        return "A system account cannot be deleted. You can archive it instead."
    patterns = [f'%"{account["AccountID"]}"%']
    if account.get("Code"):
        patterns.append(f'%"AccountCode":"{account["Code"]}"%')
    used = store.execute(
        "SELECT 1 FROM records WHERE tenant_id = ? AND kind != 'Accounts' AND ("
        + " OR ".join("body LIKE ?" for _ in patterns)
        + ") LIMIT 1",
        (tenant_id, *patterns),
    )
    if used:
        return (
            "This account cannot be deleted as it has been used in transactions. You can"
            " archive it instead."
        )
    return None


RESOURCE = Resource(
    collection="Accounts",
    documents=Documents(attachments=True),
    type_name="Account",
    id_field="AccountID",
    number_field="Code",
    fields=COMMON_FIELDS
    | {
        "AccountID",
        "Code",
        "Name",
        "Type",
        "BankAccountNumber",
        "Status",
        "Description",
        "BankAccountType",
        "CurrencyCode",
        "TaxType",
        "EnablePaymentsToAccount",
        "ShowInExpenseClaims",
        "Class",
        "SystemAccount",
        "ReportingCode",
        "ReportingCodeName",
        "AddToWatchlist",
    },
    scopes=("accounting.settings",),
    seeded_by="seed._accounts and seed._chart_accounts",
    writer=write_account,
    delete="status",
    delete_refusal=account_in_use,
)
