"""Quotes (`/Quotes`): what a customer is offered before it is sold, numbered QU-0001...

Statuses: DRAFT -> SENT -> ACCEPTED or DECLINED, an accepted one INVOICED once an invoice was
made from its lines (the CLI's `quotes invoice` does both writes, as Xero's "copy to invoice"
does). A quote's lines are costed as a sale's; its LineAmountTypes are upper case on the wire
(`EXCLUSIVE`, Xero's QuoteLineAmountTypes). Never in the ledger. There is no DELETE: a quote
is deleted by sending Status DELETED.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import totals
from xerocli.sandbox.records import set_date
from xerocli.sandbox.resources._documents import DocumentRules, write_document
from xerocli.sandbox.resources.contacts import contact_summary
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Documents,
    Lifecycle,
    Listing,
    Resource,
)

if TYPE_CHECKING:
    from xerocli.sandbox.http import Request
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")
#: A seeded quote's status, by weight (the first quotes take each in turn).
SEEDED_STATUSES = (
    (20, "DRAFT"),
    (25, "SENT"),
    (15, "ACCEPTED"),
    (15, "DECLINED"),
    (20, "INVOICED"),
    (5, "DELETED"),
)


def _derive(record: dict, status: str) -> None:
    record["LineAmountTypes"] = str(record.get("LineAmountTypes") or "Exclusive").upper()
    record.setdefault("TotalDiscount", ZERO)
    record.setdefault("Title", "")
    record.setdefault("Summary", "")
    record.setdefault("Terms", "")


RULES = DocumentRules(
    types=None,
    untyped_as="ACCREC",
    number_label="Quote",
    settable=("Title", "Summary", "Terms"),
    approved_statuses=("SENT", "ACCEPTED", "INVOICED"),
    derive=_derive,
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    for field, limit in (("Title", 100), ("Summary", 3000), ("Terms", 4000)):
        value = el.sent.get(field)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            el.error(f"{field} must be text of at most {limit} characters")
    return write_document(ctx, el, RESOURCE, RULES, existing)


def list_filters(req: Request) -> tuple[list[str], list]:
    """getQuotes' own parameters: `Status`, `ContactID`, `QuoteNumber`, `DateFrom`/`DateTo`
    and `ExpiryDateFrom`/`ExpiryDateTo`."""
    clauses: list[str] = []
    params: list = []
    for arg, column in (
        ("Status", "status"),
        ("ContactID", "contact_id"),
        ("QuoteNumber", "number"),
    ):
        raw = req.arg(arg)
        if raw:
            clauses.append(f"{column} = ? COLLATE NOCASE")
            params.append(raw)
    for arg, column, op in (
        ("DateFrom", "date", ">="),
        ("DateTo", "date", "<="),
        ("ExpiryDateFrom", "due_date", ">="),
        ("ExpiryDateTo", "due_date", "<="),
    ):
        raw = req.arg(arg)
        if raw:
            clauses.append(f"{column} {op} ?")
            params.append(raw[:10])
    return clauses, params


def seed_quotes(company) -> Iterator[dict | tuple[str, dict]]:
    """Quotes in every currency and status; each INVOICED one with the sales invoice made from
    its lines (numbered after the generator's invoices, its Reference the quote's number)."""
    from xerocli.sandbox import seed as generator

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:quotes")
    builder = generator._OtherBuilder(
        spec, company.contacts, company.rates, company.banks, company.items, rng, None
    )
    rand = builder.rand
    next_invoice = company.invoices
    for number in range(1, generator._scaled(company.invoices, 20) + 1):
        contact, currency, day, line_types, lines, sums, rate = builder._common(True, number)
        status = generator._pick(rand, SEEDED_STATUSES, number)
        quote_number = f"QU-{number:04d}"
        quote = {
            "QuoteID": builder.new_id(),
            "QuoteNumber": quote_number,
            "Reference": f"Enquiry {100 + int(rand() * 900)}" if rand() < 0.5 else "",
            "Title": "Quote",
            "Summary": "",
            "Terms": "Valid for 30 days.",
            "Contact": contact_summary(company.contacts[contact]),
            "LineItems": lines,
            "Status": status,
            "LineAmountTypes": line_types.upper(),
            "CurrencyCode": currency,
            "CurrencyRate": rate,
            **sums,
            "TotalDiscount": ZERO,
            "UpdatedDateUTC": f"/Date({generator._updated_ms(day, rand)}+0000)/",
        }
        set_date(quote, "Date", day)
        set_date(quote, "ExpiryDate", day + timedelta(days=30))
        yield quote
        if status == "INVOICED":
            next_invoice += 1
            yield "Invoices", _invoice_from(quote, f"INV-{next_invoice:04d}", day, company, builder)


def _invoice_from(quote: dict, number: str, day, company, builder) -> dict:
    """The AUTHORISED sales invoice made from a seeded quote a few days after it."""
    from xerocli.sandbox import seed as generator
    from xerocli.sandbox.resources import invoices

    issued = min(day + timedelta(days=3), generator.ANCHOR)
    lines = copy.deepcopy(quote["LineItems"])
    for line in lines:
        line["LineItemID"] = builder.new_id()
    line_types = {"EXCLUSIVE": "Exclusive", "INCLUSIVE": "Inclusive"}.get(
        quote["LineAmountTypes"], "NoTax"
    )
    invoice = {
        "Type": "ACCREC",
        "InvoiceID": builder.new_id(),
        "InvoiceNumber": number,
        "Reference": quote["QuoteNumber"],
        "Contact": quote["Contact"],
        "LineItems": lines,
        "LineAmountTypes": line_types,
        "CurrencyCode": quote["CurrencyCode"],
        "CurrencyRate": quote["CurrencyRate"],
        **totals.compute(lines, line_types, company.rates),
        "Status": "AUTHORISED",
        "UpdatedDateUTC": f"/Date({generator._updated_ms(issued, builder.rand)}+0000)/",
    }
    set_date(invoice, "Date", issued)
    set_date(invoice, "DueDate", issued + timedelta(days=30))
    invoices._derive(invoice, "AUTHORISED")
    return invoice


RESOURCE = Resource(
    collection="Quotes",
    documents=Documents(attachments=True, history=True, pdf_titles={None: "QUOTE"}),
    type_name="Quote",
    id_field="QuoteID",
    number_field="QuoteNumber",
    date_field="Date",
    due_field="ExpiryDate",
    fields=COMMON_FIELDS
    | {
        "QuoteID",
        "QuoteNumber",
        "Reference",
        "Terms",
        "Contact",
        "LineItems",
        "Date",
        "DateString",
        "ExpiryDate",
        "ExpiryDateString",
        "Status",
        "CurrencyCode",
        "CurrencyRate",
        "SubTotal",
        "TotalTax",
        "Total",
        "TotalDiscount",
        "Title",
        "Summary",
        "BrandingThemeID",
        "LineAmountTypes",
        "StatusAttributeString",
    },
    nested={"Contact": "Contacts"},
    listing=Listing(
        paged=True, line_field="LineItems", empty_lines_unpaged=True, filters=list_filters
    ),
    scopes=("accounting.transactions", "accounting.invoices"),
    seed=seed_quotes,
    get_by_number=True,
    write_by_number=True,
    writer=write,
    webhook_category=None,
    lifecycle=Lifecycle(
        create=("DRAFT", "SENT"),
        transitions={
            "DRAFT": frozenset({"SENT", "DELETED"}),
            "SENT": frozenset({"DRAFT", "ACCEPTED", "DECLINED", "DELETED"}),
            "ACCEPTED": frozenset({"SENT", "INVOICED", "DELETED"}),
            "DECLINED": frozenset({"SENT", "DELETED"}),
            "INVOICED": frozenset({"ACCEPTED"}),
        },
        editable=frozenset({"DRAFT", "SENT", "ACCEPTED", "DECLINED"}),
    ),
    number_prefix="QU-",
)
