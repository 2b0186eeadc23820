"""What overpayments and prepayments share: money received (or paid) before there was an invoice
for it, kept as credit that is allocated to invoices or refunded by a payment.

Xero makes them from bank transactions (RECEIVE-OVERPAYMENT, SPEND-PREPAYMENT...: seeded
here with theirs, written in bank_transactions.py, `credit_from_transaction`); their own
endpoints list and read them, allocate them (`PUT /{Collection}/{ID}/Allocations`, see
allocations.py) and show their history. Refunds are payments that name them.

Ledger: the bank transaction that made it posts it (a received one debits the bank and
credits its line's account, 610 Accounts Receivable; a spent one credits the bank and debits
800), so the money sits in the contact's control account until allocated. An allocation moves
nothing (the invoice is in the same control account); a refund moves it back out to the bank
(payments.py). The credit itself posts nothing. A prepayment written by a bank transaction
posts its lines to the accounts they are coded to (and its tax), as Xero codes them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from xerocli.sandbox import allocations, totals
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.contacts import contact_summary
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Documents, Listing, Resource

ZERO = Decimal("0.00")
FIELDS = COMMON_FIELDS | {
    "Type",
    "Contact",
    "Date",
    "Status",
    "LineAmountTypes",
    "LineItems",
    "SubTotal",
    "TotalTax",
    "Total",
    "UpdatedDateUTCString",
    "CurrencyCode",
    "CurrencyRate",
    "RemainingCredit",
    "Allocations",
    "AppliedAmount",
    "Payments",
    "Reference",
    "Attachments",
}


def seed_credits(company, credit: allocations.Credit, prefix: str) -> Iterator[dict | tuple]:
    """A company's overpayments or prepayments, in every currency: some left as credit, some
    allocated in part, some allocated in full (PAID) to an AUTHORISED invoice made for the same
    contact, which the allocation leaves PAID or part paid."""
    from xerocli.sandbox import seed as generator

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:{credit.key}")
    builder = generator._OtherBuilder(
        spec, company.contacts, company.rates, company.banks, company.items, rng, None
    )
    rand = builder.rand
    # After the generator's invoices and the quotes' (at most one per invoice).
    base = 2 * company.invoices + (1000 if credit.key == "Prepayment" else 2000)
    for number in range(1, 13):
        contact, currency, day, _, _, _, rate = builder._common(True, number)
        received = number % 3 != 0
        kind = "RECEIVE" if received else "SPEND"
        amount = Decimal(2000 + int(rand() * 48000)) / 100
        line = {
            "LineItemID": builder.new_id(),
            "Description": f"{credit.label.capitalize()} received"
            if received
            else f"{credit.label.capitalize()} paid",
            "Quantity": Decimal("1.0000"),
            "UnitAmount": amount.quantize(Decimal("0.0001")),
            "AccountCode": "610" if received else "800",
            "TaxType": "NONE",
        }
        lines = [line]
        sums = totals.compute(lines, "NoTax", company.rates)
        record = {
            credit.id_field: builder.new_id(),
            "Type": f"{kind}-{credit.key.upper()}",
            "Contact": contact_summary(company.contacts[contact]),
            "Status": "AUTHORISED",
            "LineAmountTypes": "NoTax",
            "LineItems": lines,
            **sums,
            "CurrencyCode": currency,
            "CurrencyRate": rate,
            "Reference": f"{prefix}-{number:03d}",
            "RemainingCredit": sums["Total"],
            "Allocations": [],
            "Payments": [],
            "HasAttachments": False,
            "UpdatedDateUTC": f"/Date({generator._updated_ms(day, rand)}+0000)/",
        }
        if credit.key == "Prepayment":
            record["InvoiceNumber"] = ""
        set_date(record, "Date", day)
        yield "BankTransactions", _bank_transaction(record, credit, company, builder)
        share = number % 4  # 0: left as credit; 1: part; 2, 3: in full
        if share:
            invoice, applied = _invoice_for(record, share, builder, day, base + number, company)
            plan = allocations.Planned(invoice, applied, min(day + timedelta(days=2), _anchor()))
            allocations.record_allocation(record, plan, credit, builder.new_id())
            yield "Invoices", invoice
        yield record


def _bank_transaction(record: dict, credit, company, builder) -> dict:
    """The bank transaction Xero makes the credit from (RECEIVE-OVERPAYMENT...): it posts it."""
    bank = company.banks.get(record["CurrencyCode"]) or next(iter(company.banks.values()))
    made = {
        "BankTransactionID": builder.new_id(),
        "Type": record["Type"],
        "Contact": record["Contact"],
        "BankAccount": {"AccountID": bank["AccountID"], "Code": bank["Code"], "Name": bank["Name"]},
        "LineItems": [dict(line, LineItemID=builder.new_id()) for line in record["LineItems"]],
        "LineAmountTypes": record["LineAmountTypes"],
        "Reference": record["Reference"],
        "CurrencyCode": record["CurrencyCode"],
        "CurrencyRate": record["CurrencyRate"],
        "SubTotal": record["SubTotal"],
        "TotalTax": record["TotalTax"],
        "Total": record["Total"],
        "Status": "AUTHORISED",
        "IsReconciled": False,
        "HasAttachments": False,
        credit.id_field: record[credit.id_field],
        "UpdatedDateUTC": record["UpdatedDateUTC"],
    }
    made["Date"], made["DateString"] = record["Date"], record["DateString"]
    return made


def credit_from_transaction(transaction: dict, credit: allocations.Credit) -> dict:
    """The overpayment or prepayment a bank transaction just written makes (the reverse of
    `_bank_transaction`): its lines and totals, all of it left as credit."""
    record = {
        credit.id_field: transaction[credit.id_field],
        "Type": transaction["Type"],
        "Contact": transaction["Contact"],
        "Status": "AUTHORISED",
        "LineAmountTypes": transaction["LineAmountTypes"],
        "LineItems": [
            {key: value for key, value in line.items() if key != "ValidationErrors"}
            | {"LineItemID": new_id()}
            for line in transaction["LineItems"]
        ],
        "SubTotal": transaction["SubTotal"],
        "TotalTax": transaction["TotalTax"],
        "Total": transaction["Total"],
        "CurrencyCode": transaction["CurrencyCode"],
        "CurrencyRate": transaction["CurrencyRate"],
        "Reference": transaction.get("Reference", ""),
        "RemainingCredit": transaction["Total"],
        "Allocations": [],
        "Payments": [],
        "HasAttachments": False,
        "Date": transaction["Date"],
        "DateString": transaction["DateString"],
    }
    if credit.key == "Prepayment":
        record["InvoiceNumber"] = ""
    return record


def _invoice_for(record: dict, share: int, builder, day, number: int, company):
    """An AUTHORISED invoice for the credit's contact: the credit pays it in full (share 3),
    or pays all of the credit towards a larger one (share 2), or half of the credit (1)."""
    from xerocli.sandbox import seed as generator
    from xerocli.sandbox.resources import invoices

    credit = record["Total"]
    applied = credit if share >= 2 else (credit / 2).quantize(Decimal("0.01"))
    invoice_total = applied if share == 3 else credit + Decimal("100.00")
    received = record["Type"].startswith("RECEIVE")
    lines = [
        {
            "LineItemID": builder.new_id(),
            "Description": "Services" if received else "Supplies",
            "Quantity": Decimal("1.0000"),
            "UnitAmount": invoice_total.quantize(Decimal("0.0001")),
            "AccountCode": "200" if received else "429",
            "TaxType": "NONE",
        }
    ]
    issued = min(day + timedelta(days=1), generator.ANCHOR)
    type_ = "ACCREC" if received else "ACCPAY"
    invoice = {
        "Type": type_,
        "InvoiceID": builder.new_id(),
        "InvoiceNumber": f"INV-{number:04d}" if received else f"BILL-{number:04d}",
        "Reference": record["Reference"],
        "Contact": record["Contact"],
        "LineItems": lines,
        "LineAmountTypes": "NoTax",
        "CurrencyCode": record["CurrencyCode"],
        "CurrencyRate": record["CurrencyRate"],
        **totals.compute(lines, "NoTax", company.rates),
        "Status": "AUTHORISED",
        "UpdatedDateUTC": f"/Date({generator._updated_ms(issued, builder.rand)}+0000)/",
    }
    set_date(invoice, "Date", issued)
    set_date(invoice, "DueDate", issued + timedelta(days=20))
    invoices._derive(invoice, "AUTHORISED")
    return invoice, applied


def _anchor():
    from xerocli.sandbox import seed as generator

    return generator.ANCHOR


def credit_resource(credit: allocations.Credit, *, fields: frozenset[str], prefix: str) -> Resource:
    """The declaration of overpayments or prepayments (`credit` says which)."""
    return Resource(
        collection=credit.invoice_list,
        documents=Documents(history=True),  # Xero takes no attachments on them
        type_name=credit.key,
        id_field=credit.id_field,
        date_field="Date",
        fields=fields,
        nested={"Contact": "Contacts"},
        listing=Listing(paged=True, line_field="LineItems", empty_lines_unpaged=True),
        scopes=("accounting.transactions", "accounting.payments"),
        seed=lambda company: seed_credits(company, credit, prefix),
        seeded_by="_prepaid.seed_credits (with the bank transactions that made them)",
        allocate=allocations.allocator(credit),
        unallocate=allocations.unallocator(credit),
    )
