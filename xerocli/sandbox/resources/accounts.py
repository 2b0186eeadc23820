"""The chart of accounts (`/Accounts`): codes and names unique, a class for each type."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

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
