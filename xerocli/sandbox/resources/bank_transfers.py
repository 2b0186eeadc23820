"""Bank transfers (`/BankTransfers`): money moved between two bank accounts of the chart.

`Amount` is in the From account's currency; `CurrencyRate` is the From account's currency
units per base currency unit (1 for the base currency; the organisation's rate unless sent),
so that both legs have the same value in the base currency. A transfer is AUTHORISED when made;
the only change Xero takes is Status DELETED (`POST /BankTransfers`, deleteBankTransfers), which
takes it out of the books. Ledger: the To account is debited and the From account credited with
the amount in the base currency, so every report stays balanced.

Xero also makes a SPEND-TRANSFER and a RECEIVE-TRANSFER bank transaction for each transfer; the
sandbox does not (the transfer itself posts), so FromBankTransactionID/ToBankTransactionID are
left out rather than naming records that do not exist.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox.postings import account_code
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Books,
    Documents,
    Listing,
    Resource,
)
from xerocli.sandbox.resources.tracking_categories import line_tracking
from xerocli.sandbox.validate import Element, bool_field, date_field, decimal_field, text_field
from xerocli.sandbox.xerojson import money

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

RATE_PLACES = Decimal("0.000001")
#: The second bank account each demo company has, in its base currency, to transfer to.
SAVINGS_CODE = "095"


def _bank(ctx: Context, el: Element, sent: object, name: str) -> dict | None:
    ref = sent if isinstance(sent, dict) else {}
    account = ctx.account(code=ref.get("Code"), account_id=ref.get("AccountID"))
    if not ref:
        el.error(f"A {name} must be specified (by AccountID or Code)")
    elif account is None or account["Type"] != "BANK":
        el.error(f"The {name} must be a bank account in the chart of accounts")
    else:
        return account
    return None


def _summary(account: dict) -> dict:
    return {
        "AccountID": account["AccountID"],
        "Code": account["Code"],
        "Name": account["Name"],
        "CurrencyCode": account.get("CurrencyCode", ""),
    }


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """A new transfer, or an existing one deleted (the one change Xero takes)."""
    if existing is not None:
        if el.sent.get("Status") != "DELETED" or set(el.sent) - {"BankTransferID", "Status"}:
            el.error("A bank transfer cannot be changed, only deleted: send Status DELETED")
            return None
        if existing["Status"] == "DELETED":
            el.error("This bank transfer has already been deleted")
            return None
        record = copy.deepcopy(existing)
        record["Status"] = "DELETED"
        ctx.save("BankTransfers", record, False)
        return record
    sent = el.sent
    source = _bank(ctx, el, sent.get("FromBankAccount"), "FromBankAccount")
    target = _bank(ctx, el, sent.get("ToBankAccount"), "ToBankAccount")
    if source and target and source["AccountID"] == target["AccountID"]:
        el.error("The FromBankAccount and ToBankAccount must be different accounts")
    amount = decimal_field(el, sent.get("Amount"), "Amount")
    if amount is None and "Amount" not in sent:
        el.error("Amount is required")
    elif amount is not None and amount <= 0:
        el.error("The Amount must be greater than zero")
    elif amount is not None and amount != money(amount):
        el.error("The Amount must have at most 2 decimal places")
    day = date_field(el, sent.get("Date"), "Date") or ctx.today
    reference = text_field(el, sent.get("Reference"), "Reference", 255)
    flags = {f: bool_field(el, sent.get(f), f) for f in ("FromIsReconciled", "ToIsReconciled")}
    rate = decimal_field(el, sent.get("CurrencyRate"), "CurrencyRate")
    if rate is not None and rate <= 0:
        el.error("The Currency rate must be greater than zero.")
    # Checked as a line's tracking is (a category or option the organisation lacks is a
    # 400); they were dropped unread.
    tracking = {
        side: line_tracking(ctx, el, sent.get(side), side)
        for side in ("FromTracking", "ToTracking")
    }
    if not el.ok or source is None or target is None or amount is None:
        return None
    currency = source.get("CurrencyCode") or ctx.base_currency
    if currency == ctx.base_currency:
        rate = Decimal(1)
    elif rate is None:
        rate = ctx.rates.get(currency, Decimal(1))
    record = {
        "BankTransferID": new_id(),
        "FromBankAccount": _summary(source),
        "ToBankAccount": _summary(target),
        "Amount": money(amount),
        "CurrencyRate": money(rate, RATE_PLACES),
        "Reference": reference or "",
        "FromIsReconciled": bool(flags["FromIsReconciled"]),
        "ToIsReconciled": bool(flags["ToIsReconciled"]),
        "HasAttachments": False,
        "Status": "AUTHORISED",
        **{side: found for side, found in tracking.items() if found},
    }
    set_date(record, "Date", day, with_string=False)
    record["CreatedDateUTC"] = record["Date"]
    ctx.save("BankTransfers", record, True)
    return record


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """In the base currency already (the record carries no CurrencyCode): the To account
    debited, the From account credited."""
    rate = Decimal(record.get("CurrencyRate") or 1)
    amount = money(Decimal(record.get("Amount") or 0) / (rate or 1))
    source = account_code(record.get("FromBankAccount"), codes_by_id)
    target = account_code(record.get("ToBankAccount"), codes_by_id)
    return {target: amount, source: -amount}


def seed_transfers(company) -> Iterator[dict | tuple[str, dict]]:
    """The savings account, and transfers into it from each bank account (every currency)
    and back, a few deleted."""
    from xerocli.sandbox import seed as generator

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:transfers")
    ids = generator._Ids(rng)
    savings = generator.bank_account(
        ids(), SAVINGS_CODE, "Business Savings Account", "12-3456-7999999-00", spec.base_currency
    )
    yield "Accounts", savings
    banks = list(company.banks.values())
    for number in range(1, 13):
        bank = banks[number % len(banks)]
        outward = number % 3 != 0
        source, target = (bank, savings) if outward else (savings, bank)
        currency = source.get("CurrencyCode") or spec.base_currency
        rate = spec.rates.get(currency, Decimal(1))
        day = generator.ANCHOR - timedelta(days=int(rng.random() * 500))
        record = {
            "BankTransferID": ids(),
            "FromBankAccount": _summary(source),
            "ToBankAccount": _summary(target),
            "Amount": money(Decimal(10000 + int(rng.random() * 490000)) / 100),
            "CurrencyRate": money(rate, RATE_PLACES),
            "Reference": f"Transfer {number:03d}",
            "FromIsReconciled": number % 2 == 0,
            "ToIsReconciled": number % 2 == 0,
            "HasAttachments": False,
            "Status": "DELETED" if number % 7 == 0 else "AUTHORISED",
            "UpdatedDateUTC": f"/Date({generator._updated_ms(day, rng.random)}+0000)/",
        }
        set_date(record, "Date", day, with_string=False)
        record["CreatedDateUTC"] = record["Date"]
        yield record


RESOURCE = Resource(
    collection="BankTransfers",
    documents=Documents(attachments=True, history=True),
    type_name="BankTransfer",
    id_field="BankTransferID",
    date_field="Date",
    fields=COMMON_FIELDS
    | {
        "BankTransferID",
        "FromBankAccount",
        "ToBankAccount",
        "Amount",
        "Date",
        "CurrencyRate",
        "FromBankTransactionID",
        "ToBankTransactionID",
        "FromIsReconciled",
        "ToIsReconciled",
        "Reference",
        "CreatedDateUTC",
        "Status",
        "FromTracking",
        "ToTracking",
    },
    nested={"FromBankAccount": "Accounts", "ToBankAccount": "Accounts"},
    listing=Listing(hides_status="DELETED", hides_param="includeDeleted"),
    scopes=("accounting.transactions", "accounting.banktransactions"),
    seed=seed_transfers,
    seeded_by="bank_transfers.seed_transfers (with the savings account 095)",
    writer=write,
    postings=postings,
    posted_statuses=("AUTHORISED",),
    books=Books(source_type="TRANSFER"),  # its journal's SourceType (a transfer has no Type)
)
