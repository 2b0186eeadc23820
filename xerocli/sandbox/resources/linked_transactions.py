"""Linked transactions (`/LinkedTransactions`): a billable expense, one line of a bill (ACCPAY)
or spend money (SPEND) to be charged on to a customer, then billed on a sales invoice's line.

Status follows what it is linked to: DRAFT while its source is a draft, APPROVED once assigned
to a customer (ContactID), ONDRAFT when its target is a draft sales invoice, BILLED when the
target is approved. `DELETE /LinkedTransactions/{ID}` removes it (204). Never in the ledger:
the bill and the invoice are.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import totals
from xerocli.sandbox.records import new_id, set_date
from xerocli.sandbox.resources.contacts import contact_summary
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Listing, Resource
from xerocli.sandbox.validate import Element

if TYPE_CHECKING:
    from xerocli.sandbox.http import Request
    from xerocli.sandbox.writes import Context

APPROVED_SOURCES = ("AUTHORISED", "PAID")


def _source(ctx: Context, el: Element, record_id: object) -> tuple[dict, str] | None:
    """The bill or spend-money transaction a link starts from, and its type code."""
    if not record_id:
        el.error("SourceTransactionID is required")
        return None
    bill = ctx.get("Invoices", str(record_id))
    if bill is not None and bill.get("Type") == "ACCPAY":
        return bill, "ACCPAY"
    spend = ctx.get("BankTransactions", str(record_id))
    if spend is not None and spend.get("Type") == "SPEND":
        return spend, "SPEND"
    el.error("SourceTransactionID must be a bill (ACCPAY invoice) or a SPEND bank transaction")
    return None


def _has_line(document: dict, line_id: object) -> bool:
    return any(
        str(line.get("LineItemID", "")).lower() == str(line_id).lower()
        for line in document.get("LineItems") or []
    )


def _status(source: dict, target: dict | None) -> str:
    if source.get("Status") not in APPROVED_SOURCES:
        return "DRAFT"
    if target is None:
        return "APPROVED"
    return "ONDRAFT" if target.get("Status") in ("DRAFT", "SUBMITTED") else "BILLED"


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """Create a link, or change its customer or target (its source stays)."""
    sent = el.sent
    record = dict(existing) if existing else {"LinkedTransactionID": new_id()}
    source_id = sent.get("SourceTransactionID", record.get("SourceTransactionID"))
    if (
        existing
        and "SourceTransactionID" in sent
        and str(source_id).lower() != str(existing["SourceTransactionID"]).lower()
    ):
        el.error("The SourceTransactionID of a linked transaction cannot be changed")
    found = _source(ctx, el, source_id)
    line_id = sent.get("SourceLineItemID", record.get("SourceLineItemID"))
    if found is not None and not _has_line(found[0], line_id):
        el.error("SourceLineItemID must be a line of the source transaction")
    contact_id = sent.get("ContactID", record.get("ContactID"))
    contact = ctx.get("Contacts", str(contact_id)) if contact_id else None
    if contact_id and contact is None:
        el.error("ContactID could not be found")
    target = None
    target_id = sent.get("TargetTransactionID", record.get("TargetTransactionID"))
    if target_id:
        target = ctx.get("Invoices", str(target_id))
        if target is None or target.get("Type") != "ACCREC":
            el.error("TargetTransactionID must be a sales invoice (ACCREC)")
            target = None
        elif not _has_line(target, sent.get("TargetLineItemID", record.get("TargetLineItemID"))):
            el.error("TargetLineItemID must be a line of the target invoice")
        elif contact is None:
            contact_id = target["Contact"]["ContactID"]
    if not contact_id and not target_id:
        el.error("A ContactID (the customer to bill) or a TargetTransactionID is required")
    if not el.ok or found is None:
        return None
    source, code = found
    record.update(
        {
            "SourceTransactionID": source.get("InvoiceID") or source.get("BankTransactionID"),
            "SourceLineItemID": str(line_id),
            "SourceTransactionTypeCode": code,
            "ContactID": str(contact_id) if contact_id else "",
            "Type": "BILLABLEEXPENSE",
            "Status": _status(source, target),
        }
    )
    if target is not None:
        record["TargetTransactionID"] = target["InvoiceID"]
        record["TargetLineItemID"] = str(
            sent.get("TargetLineItemID", record.get("TargetLineItemID"))
        )
    ctx.save("LinkedTransactions", record, existing is None)
    return record


def list_filters(req: Request) -> tuple[list[str], list]:
    """getLinkedTransactions' own parameters (besides paging)."""
    clauses: list[str] = []
    params: list = []
    for arg, column in (
        ("LinkedTransactionID", "id"),
        ("ContactID", "json_extract(body, '$.ContactID')"),
        ("Status", "status"),
        ("SourceTransactionID", "json_extract(body, '$.SourceTransactionID')"),
        ("TargetTransactionID", "json_extract(body, '$.TargetTransactionID')"),
    ):
        raw = req.arg(arg)
        if raw:
            clauses.append(f"{column} = ? COLLATE NOCASE")
            params.append(raw)
    return clauses, params


def seed_links(company) -> Iterator[dict | tuple[str, dict]]:
    """Bills with a billable line each, linked to a customer: some still to bill (APPROVED),
    some billed on an AUTHORISED sales invoice line (BILLED)."""
    from xerocli.sandbox import seed as generator
    from xerocli.sandbox.resources import invoices

    spec = company.spec
    rng = random.Random(f"{spec.tenant_id}:linked")
    ids = generator._Ids(rng)
    number = 4 * company.invoices + 4000
    for link in range(1, 13):
        supplier = company.contacts[int(rng.random() * len(company.contacts))]
        customer = company.contacts[int(rng.random() * len(company.contacts))]
        day = generator.ANCHOR - timedelta(days=10 + int(rng.random() * 400))
        amount = Decimal(2000 + int(rng.random() * 48000)) / 100
        made = []
        for type_, contact, account in (("ACCPAY", supplier, "429"), ("ACCREC", customer, "200")):
            if type_ == "ACCREC" and link % 2:
                break  # still to bill
            number += 1
            lines = [
                {
                    "LineItemID": ids(),
                    "Description": "Travel, charged on" if type_ == "ACCREC" else "Travel",
                    "Quantity": Decimal("1.0000"),
                    "UnitAmount": amount.quantize(Decimal("0.0001")),
                    "AccountCode": account,
                    "TaxType": "NONE",
                }
            ]
            issued = min(day + timedelta(days=len(made) * 5), generator.ANCHOR)
            invoice = {
                "Type": type_,
                "InvoiceID": ids(),
                "InvoiceNumber": f"{'INV' if type_ == 'ACCREC' else 'BILL'}-{number:04d}",
                "Reference": f"Job {link:03d}",
                "Contact": contact_summary(contact),
                "LineItems": lines,
                "LineAmountTypes": "NoTax",
                "CurrencyCode": spec.base_currency,
                "CurrencyRate": Decimal("1.000000"),
                **totals.compute(lines, "NoTax", company.rates),
                "Status": "AUTHORISED",
                "UpdatedDateUTC": f"/Date({generator._updated_ms(issued, rng.random)}+0000)/",
            }
            set_date(invoice, "Date", issued)
            set_date(invoice, "DueDate", issued + timedelta(days=20))
            invoices._derive(invoice, "AUTHORISED")
            made.append(invoice)
            yield "Invoices", invoice
        record = {
            "LinkedTransactionID": ids(),
            "SourceTransactionID": made[0]["InvoiceID"],
            "SourceLineItemID": made[0]["LineItems"][0]["LineItemID"],
            "SourceTransactionTypeCode": "ACCPAY",
            "ContactID": customer["ContactID"],
            "Type": "BILLABLEEXPENSE",
            "Status": "BILLED" if len(made) == 2 else "APPROVED",
            "UpdatedDateUTC": made[-1]["UpdatedDateUTC"],
        }
        if len(made) == 2:
            record["TargetTransactionID"] = made[1]["InvoiceID"]
            record["TargetLineItemID"] = made[1]["LineItems"][0]["LineItemID"]
        yield record


RESOURCE = Resource(
    collection="LinkedTransactions",
    type_name="LinkedTransaction",
    id_field="LinkedTransactionID",
    date_field=None,
    fields=COMMON_FIELDS
    | {
        "SourceTransactionID",
        "SourceLineItemID",
        "ContactID",
        "TargetTransactionID",
        "TargetLineItemID",
        "LinkedTransactionID",
        "Status",
        "Type",
        "SourceTransactionTypeCode",
    },
    listing=Listing(paged=True, filters=list_filters),
    scopes=("accounting.transactions", "accounting.invoices"),
    seed=seed_links,
    seeded_by="linked_transactions.seed_links (with their bills and invoices)",
    writer=write,
    delete="remove",
)
