"""What overpayments and prepayments share: money received (or paid) before there was an invoice
for it, kept as credit that is allocated to invoices or refunded by a payment.

Xero makes them from bank transactions (RECEIVE-OVERPAYMENT, SPEND-PREPAYMENT...: seeded
here with theirs, written in bank_transactions.py, `credit_from_transaction`); their own
endpoints list and read them, allocate them (`PUT /{Collection}/{ID}/Allocations`, see
allocations.py) and show their history. Refunds are payments that name them.

Ledger: the bank transaction that made it posts it (a received one debits the bank and
credits its lines' accounts and tax; a spent one the mirror). An overpayment's line is coded
to the control account (610 received, 800 spent), so its money sits with the invoices; a
prepayment's lines are coded, and taxed, as the user says (a revenue or a liability account).
The credit posts nothing itself; each allocation is a journal of its own, on its Date
(`allocation_documents`, `allocation_postings`): the allocated share of the credit's lines and
tax back off their accounts, onto the control account of the invoice it pays, as Xero posts
it. For an overpayment that nets to nothing (its line is on that account); for a prepayment
coded to 200 Sales it takes the sale and its tax back, the invoice having made them again. A
refund moves the credit back out to the bank (payments.py).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from xerocli.sandbox import allocations, totals
from xerocli.sandbox.postings import CONTROL_ACCOUNTS, document_postings
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.contacts import contact_summary
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Books,
    Documents,
    JournalDocuments,
    Listing,
    Resource,
)
from xerocli.sandbox.xerojson import money

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


# --- the journals of its allocations ------------------------------------------------------------
#: What an allocation's document keeps of its credit (beside its ID): how it posts, and what
#: its journal shows.
_KEPT = ("Type", "LineAmountTypes", "CurrencyCode", "CurrencyRate", "Reference", "UpdatedDateUTC")


def allocation_documents(credit: allocations.Credit) -> JournalDocuments:
    """The `journal_documents=` of a declaration whose credit is `credit`: one document per
    allocation, shaped as the credit (its ID, Type and currency), dated the allocation's
    day, its lines the allocated share of the credit's and its Total the amount allocated,
    naming the invoice it pays (`Invoice`: InvoiceID and Type)."""

    def documents(record: dict) -> list[tuple[str, dict]]:
        invoice_type = credit.invoice_types.get(str(record.get("Type") or ""))
        if invoice_type is None or not Decimal(str(record.get("Total") or 0)):
            return []
        kept = {key: record[key] for key in (credit.id_field, *_KEPT) if key in record}
        return [
            (
                str(allocation.get("AllocationID") or ""),
                _allocated(kept, record, allocation, invoice_type),
            )
            for allocation in record.get("Allocations") or []
            if isinstance(allocation, dict) and allocation.get("Amount")
        ]

    return documents


def _allocated(kept: dict, record: dict, allocation: dict, invoice_type: str) -> dict:
    """One allocation as a document: `kept` of its credit, its day, its share of the lines,
    and the invoice it pays."""
    amount = Decimal(str(allocation["Amount"]))
    invoice = allocation.get("Invoice") or {}
    return {
        **kept,
        "Date": allocation.get("Date"),
        "LineItems": _share_of_lines(record, amount),
        "Total": amount,
        "Invoice": {"InvoiceID": invoice.get("InvoiceID"), "Type": invoice_type},
    }


def _share_of_lines(record: dict, amount: Decimal) -> list[dict]:
    """The credit's lines scaled to `amount` of its Total, each amount and tax to the cent,
    the rounding on the largest line: they add up to `amount` exactly, as the invoice's
    AmountDue fell by it."""
    lines = [dict(line) for line in record.get("LineItems") or [] if isinstance(line, dict)]
    total = Decimal(str(record.get("Total") or 0))
    if not lines or amount == total:
        return lines
    fraction = amount / total
    for line in lines:
        for key in ("LineAmount", "TaxAmount"):
            line[key] = money(Decimal(str(line.get(key) or 0)) * fraction)
    lat = record.get("LineAmountTypes")
    gross = sum((_gross(line, lat) for line in lines), Decimal(0))
    largest = max(lines, key=lambda line: abs(line["LineAmount"]))
    largest["LineAmount"] += amount - gross
    return lines


def _gross(line: dict, line_amount_types: object) -> Decimal:
    """What a line puts on the control account (see `postings.document_postings`)."""
    if line_amount_types == "Exclusive":
        return line["LineAmount"] + line["TaxAmount"]
    return line["LineAmount"]


def allocation_postings(document: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """One allocation (`allocation_documents`): its lines and tax debited back (a received
    credit's; a spent one's credited) against the control account of the invoice it pays."""
    invoice_type = str((document.get("Invoice") or {}).get("Type") or "")
    control, sign = CONTROL_ACCOUNTS.get(invoice_type, (None, Decimal(0)))
    if control is None:
        return {}
    return document_postings(document, control, -sign)


def credit_resource(credit: allocations.Credit, *, fields: frozenset[str], prefix: str) -> Resource:
    """The declaration of overpayments or prepayments (`credit` says which)."""
    side = {"ACCREC": "AR", "ACCPAY": "AP"}
    return Resource(
        collection=credit.invoice_list,
        books=Books(
            role="allocation",
            taxed=True,  # a prepayment's allocation takes its tax back off the return
            credit_types=("SPEND",),  # a spent credit's allocation credits its lines
            source_types={
                type_: f"{side[invoice]}{credit.key.upper()}"
                for type_, invoice in credit.invoice_types.items()
            },
        ),
        postings=allocation_postings,
        posted_statuses=("AUTHORISED", "PAID"),
        journal_documents=allocation_documents(credit),
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
