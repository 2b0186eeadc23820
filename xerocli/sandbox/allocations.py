"""Credit note allocations as Xero makes them: credit applied to an invoice of the same kind.

`PUT /CreditNotes/{ID}/Allocations` with `{"Allocations": [{"Invoice": {"InvoiceID": ...},
"Amount": ..., "Date": ...}]}`, or `Allocations` sent on a credit note that is written as
AUTHORISED. Each allocation lowers the credit note's RemainingCredit and the invoice's AmountDue
and raises its AmountCredited; the invoice lists the credit note in its `CreditNotes`, the credit
note the invoice in its `Allocations`. Whatever is settled in full becomes PAID. An allocation
beyond the credit left or the amount due is refused, as are ones across contacts, currencies or
kinds (a sales credit note pays sales invoices only).

Nothing moves in the ledger: the invoice and the credit note post to the same control account
(610 or 800), so an allocation only matches one against the other.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from xerocli.sandbox.records import set_date
from xerocli.sandbox.validate import Element, date_field, decimal_field
from xerocli.sandbox.xerojson import money, ms_date

ZERO = Decimal("0.00")
#: The invoice type each credit note type may be allocated to.
INVOICE_TYPE = {"ACCRECCREDIT": "ACCREC", "ACCPAYCREDIT": "ACCPAY"}


class Planned:
    """An allocation checked and ready to apply: what it pays, how much, on which day."""

    def __init__(self, invoice: dict, amount: Decimal, day: date) -> None:
        self.invoice = invoice
        self.amount = amount
        self.day = day


def elements_of(payload: object) -> list | None:
    """The allocations a request sends: `{"Allocations": [...]}`, one object, or a list."""
    if isinstance(payload, dict) and isinstance(payload.get("Allocations"), list):
        return payload["Allocations"]
    if isinstance(payload, dict):
        return [payload]
    if isinstance(payload, list):
        return payload
    return None


def check(
    ctx, el: Element, credit_note: dict, sent: object, left: Decimal, due: dict[str, Decimal]
) -> Planned | None:
    """One allocation, checked against the credit left (`left`) and what earlier allocations
    of the same request already took from each invoice (`due`, by InvoiceID)."""
    if not isinstance(sent, dict):
        el.error("Each allocation must be a JSON object")
        return None
    ref = sent.get("Invoice")
    invoice = None
    if not isinstance(ref, dict) or not (ref.get("InvoiceID") or ref.get("InvoiceNumber")):
        el.error("An Invoice must be specified (by InvoiceID or InvoiceNumber)")
    elif ref.get("InvoiceID"):
        invoice = ctx.get("Invoices", str(ref["InvoiceID"]))
    else:
        invoice = ctx.by_number("Invoices", str(ref["InvoiceNumber"]))
    if isinstance(ref, dict) and (ref.get("InvoiceID") or ref.get("InvoiceNumber")) and not invoice:
        el.error("Invoice could not be found")
    known = len(el.errors)
    amount = decimal_field(el, sent.get("Amount"), "Amount")
    if amount is None and len(el.errors) == known:  # missing, null or "": not a number error
        el.error("Amount is required")
    elif amount is not None and amount <= 0:
        el.error("The allocation amount must be greater than zero")
    day = date_field(el, sent.get("Date"), "Date") or ctx.today
    if credit_note.get("Status") != "AUTHORISED":
        el.error("Only an AUTHORISED credit note can be allocated")
    if invoice is None or amount is None or not el.ok:
        return None
    amount = money(amount)
    if invoice["Type"] != INVOICE_TYPE[credit_note["Type"]]:
        el.error(
            f"A {credit_note['Type']} credit note can only be allocated to"
            f" {INVOICE_TYPE[credit_note['Type']]} invoices"
        )
    if invoice["Status"] != "AUTHORISED":
        el.error("Allocations can only be made to AUTHORISED invoices")
    if invoice["Contact"]["ContactID"].lower() != credit_note["Contact"]["ContactID"].lower():
        el.error("The invoice and the credit note must be for the same contact")
    if invoice.get("CurrencyCode") != credit_note.get("CurrencyCode"):
        el.error("The invoice and the credit note must be in the same currency")
    owing = due.get(invoice["InvoiceID"], invoice["AmountDue"])
    if amount > left:
        el.error(f"The amount allocated ({amount}) exceeds the remaining credit ({left})")
    if amount > owing:
        el.error(f"The amount allocated ({amount}) exceeds the amount due on the invoice ({owing})")
    if not el.ok:
        return None
    due[invoice["InvoiceID"]] = owing - amount
    return Planned(invoice, amount, day)


def apply(ctx, credit_note: dict, plans: list[Planned]) -> list[dict]:
    """Apply checked allocations, save the invoices and the credit note; the allocations as
    the Allocations endpoint answers them."""
    answers = []
    invoices: dict[str, dict] = {}
    for plan in plans:
        invoice = invoices.get(plan.invoice["InvoiceID"]) or plan.invoice
        invoices[invoice["InvoiceID"]] = invoice
        allocation_id = str(uuid.uuid4())
        invoice["AmountCredited"] = invoice.get("AmountCredited", ZERO) + plan.amount
        invoice["AmountDue"] = invoice["AmountDue"] - plan.amount
        invoice.setdefault("CreditNotes", []).append(
            {
                "CreditNoteID": credit_note["CreditNoteID"],
                "CreditNoteNumber": credit_note.get("CreditNoteNumber", ""),
                "ID": credit_note["CreditNoteID"],
                "AppliedAmount": plan.amount,
                "Date": ms_date(plan.day),
                "DateString": f"{plan.day.isoformat()}T00:00:00",
                "Total": credit_note["Total"],
                "LineItems": [],
            }
        )
        if invoice["AmountDue"] == 0:
            invoice["Status"] = "PAID"
            set_date(invoice, "FullyPaidOnDate", plan.day, with_string=False)
        credit_note["RemainingCredit"] = credit_note["RemainingCredit"] - plan.amount
        summary = {
            "InvoiceID": invoice["InvoiceID"],
            "InvoiceNumber": invoice.get("InvoiceNumber", ""),
            "Payments": [],
            "CreditNotes": [],
            "Prepayments": [],
            "Overpayments": [],
            "HasErrors": False,
            "IsDiscounted": False,
            "LineItems": [],
        }
        allocation = {
            "AllocationID": allocation_id,
            "Amount": plan.amount,
            "Date": ms_date(plan.day),
            "Invoice": summary,
        }
        credit_note.setdefault("Allocations", []).append(allocation)
        if credit_note["RemainingCredit"] == 0:
            credit_note["Status"] = "PAID"
            set_date(credit_note, "FullyPaidOnDate", plan.day, with_string=False)
        answers.append(
            {
                **allocation,
                "CreditNote": {
                    "CreditNoteID": credit_note["CreditNoteID"],
                    "CreditNoteNumber": credit_note.get("CreditNoteNumber", ""),
                    "ID": credit_note["CreditNoteID"],
                    "LineItems": [],
                },
                "ValidationErrors": [],
            }
        )
    for invoice in invoices.values():
        ctx.save("Invoices", invoice, False)
    ctx.save("CreditNotes", credit_note, False)
    return answers


def allocate_all(ctx, credit_note: dict, sent: list) -> list[tuple[Element, dict | None]]:
    """The Allocations endpoint: each element checked and, if good, applied at once (so the
    next one sees the credit it left)."""
    results: list[tuple[Element, dict | None]] = []
    for raw in sent:
        el = Element(raw)
        plan = (
            check(ctx, el, credit_note, el.sent, credit_note["RemainingCredit"], {})
            if el.ok
            else None
        )
        if plan is None:
            results.append((el, None))
            continue
        [answer] = apply(ctx, credit_note, [plan])
        results.append((el, answer))
    return results


def echo(el: Element) -> dict:
    """A refused allocation as Xero shows it: what was sent, with its ValidationErrors."""
    shown = dict(el.sent)
    shown["ValidationErrors"] = [{"Message": m} for m in el.errors]
    shown["StatusAttributeString"] = "ERROR"
    return shown
