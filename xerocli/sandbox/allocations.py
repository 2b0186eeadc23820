"""Allocations as Xero makes them: a credit note's, overpayment's or prepayment's credit applied
to an invoice of the same kind (each declares its `Credit`; credit notes shown below).

`PUT /CreditNotes/{ID}/Allocations` with `{"Allocations": [{"Invoice": {"InvoiceID": ...},
"Amount": ..., "Date": ...}]}`, or `Allocations` sent on a credit note that is written as
AUTHORISED. Each allocation lowers the credit note's RemainingCredit and the invoice's AmountDue
and raises its AmountCredited; the invoice lists the credit note in its `CreditNotes`, the credit
note the invoice in its `Allocations`. Whatever is settled in full becomes PAID. An allocation
beyond the credit left or the amount due is refused, as are ones across contacts, currencies or
kinds (a sales credit note pays sales invoices only), and ones dated before either document:
Xero dates an allocation no earlier than both, and the journal (a prepayment's allocation
posts one) and the aged reports would otherwise disagree about the dates between.

A credit note's allocation moves nothing in the ledger: the invoice and the credit note post
to the same control account (610 or 800), so it only matches one against the other. A
prepayment's credit sits where its lines are coded, so each of its allocations is a journal
(`_prepaid.allocation_documents`, derived from the allocations recorded here).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from xerocli.sandbox.records import set_date
from xerocli.sandbox.validate import Element, date_field, decimal_field
from xerocli.sandbox.xerojson import money, ms_date, parse_date

ZERO = Decimal("0.00")


class Credit:
    """What kind of credit is allocated: its ID and number fields, the invoice list that
    names it (`Invoice.CreditNotes`), the invoice type each of its types pays, and its label."""

    def __init__(
        self,
        key: str,
        id_field: str,
        number_field: str | None,
        invoice_list: str,
        invoice_types: dict[str, str],
        label: str,
        dates_paid: bool = False,
    ) -> None:
        self.key, self.id_field, self.number_field = key, id_field, number_field
        self.invoice_list, self.invoice_types, self.label = invoice_list, invoice_types, label
        #: A fully allocated one gets `FullyPaidOnDate` (credit notes; Xero's overpayments
        #: and prepayments have no such field).
        self.dates_paid = dates_paid

    def summary(self, record: dict) -> dict:
        """The credit as an allocation answer names it."""
        shown = {self.id_field: record[self.id_field]}
        if self.number_field:
            shown[self.number_field] = record.get(self.number_field, "")
        return {**shown, "LineItems": []}


CREDIT_NOTE = Credit(
    "CreditNote",
    "CreditNoteID",
    "CreditNoteNumber",
    "CreditNotes",
    {"ACCRECCREDIT": "ACCREC", "ACCPAYCREDIT": "ACCPAY"},
    "credit note",
    dates_paid=True,
)
#: The invoice type each credit note type may be allocated to.
INVOICE_TYPE = CREDIT_NOTE.invoice_types


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
    ctx,
    el: Element,
    credit_note: dict,
    sent: object,
    left: Decimal,
    due: dict[str, Decimal],
    kind: Credit = CREDIT_NOTE,
) -> Planned | None:
    """One allocation, checked against the credit left (`left`) and what earlier allocations
    of the same request already took from each invoice (`due`, by InvoiceID)."""
    label = kind.label
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
        el.error(f"Only an AUTHORISED {label} can be allocated")
    if invoice is None or amount is None or not el.ok:
        return None
    amount = money(amount)
    if invoice["Type"] != kind.invoice_types[credit_note["Type"]]:
        el.error(
            f"A {credit_note['Type']} {label} can only be allocated to"
            f" {kind.invoice_types[credit_note['Type']]} invoices"
        )
    if invoice["Status"] != "AUTHORISED":
        el.error("Allocations can only be made to AUTHORISED invoices")
    if invoice["Contact"]["ContactID"].lower() != credit_note["Contact"]["ContactID"].lower():
        el.error(f"The invoice and the {label} must be for the same contact")
    if invoice.get("CurrencyCode") != credit_note.get("CurrencyCode"):
        el.error(f"The invoice and the {label} must be in the same currency")
    for what, document in (("invoice", invoice), (label, credit_note)):
        issued = parse_date(document.get("Date"))
        if issued is not None and day < issued:
            el.error(f"The allocation date ({day}) cannot be before the {what} date ({issued})")
    owing = due.get(invoice["InvoiceID"], invoice["AmountDue"])
    if amount > left:
        el.error(f"The amount allocated ({amount}) exceeds the remaining credit ({left})")
    if amount > owing:
        el.error(f"The amount allocated ({amount}) exceeds the amount due on the invoice ({owing})")
    if not el.ok:
        return None
    due[invoice["InvoiceID"]] = owing - amount
    return Planned(invoice, amount, day)


def apply(ctx, credit_note: dict, plans: list[Planned], kind: Credit = CREDIT_NOTE) -> list[dict]:
    """Apply checked allocations, save the invoices and the credit note; the allocations as
    the Allocations endpoint answers them."""
    answers = []
    invoices: dict[str, dict] = {}
    for plan in plans:
        invoice = invoices.get(plan.invoice["InvoiceID"]) or plan.invoice
        invoices[invoice["InvoiceID"]] = invoice
        planned = Planned(invoice, plan.amount, plan.day)
        answers.append(record_allocation(credit_note, planned, kind))
    for invoice in invoices.values():
        ctx.save("Invoices", invoice, False)
    ctx.save(kind.invoice_list, credit_note, False)  # the collection is named as the list
    return answers


def record_allocation(
    credit_note: dict, plan: Planned, kind: Credit = CREDIT_NOTE, allocation_id: str | None = None
) -> dict:
    """One allocation written into both records (nothing saved: the seed stores them itself);
    the allocation as the Allocations endpoint answers it."""
    invoice = plan.invoice
    allocation_id = allocation_id or str(uuid.uuid4())
    invoice["AmountCredited"] = invoice.get("AmountCredited", ZERO) + plan.amount
    invoice["AmountDue"] = invoice["AmountDue"] - plan.amount
    invoice.setdefault(kind.invoice_list, []).append(
        {
            **kind.summary(credit_note),
            "AppliedAmount": plan.amount,
            "Date": ms_date(plan.day),
            "DateString": f"{plan.day.isoformat()}T00:00:00",
            "Total": credit_note["Total"],
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
        if kind.dates_paid:
            set_date(credit_note, "FullyPaidOnDate", plan.day, with_string=False)
    return {**allocation, kind.key: kind.summary(credit_note), "ValidationErrors": []}


def allocate_all(
    ctx, credit_note: dict, sent: list, kind: Credit = CREDIT_NOTE
) -> list[tuple[Element, dict | None]]:
    """The Allocations endpoint: each element checked and, if good, applied at once (so the
    next one sees the credit it left)."""
    results: list[tuple[Element, dict | None]] = []
    for raw in sent:
        el = Element(raw)
        plan = (
            check(ctx, el, credit_note, el.sent, credit_note["RemainingCredit"], {}, kind)
            if el.ok
            else None
        )
        if plan is None:
            results.append((el, None))
            continue
        [answer] = apply(ctx, credit_note, [plan], kind)
        results.append((el, answer))
    return results


def remove_allocation(ctx, credit: dict, allocation_id: str, kind: Credit = CREDIT_NOTE):
    """`DELETE /{collection}/{ID}/Allocations/{AllocationID}`: the allocation undone on both
    records (the credit back, the invoice owing it again and reopened); the allocation as
    Xero answers it (`IsDeleted: true`), or None when the credit has no such allocation."""
    held = credit.get("Allocations") or []
    found = next((a for a in held if a["AllocationID"].lower() == allocation_id.lower()), None)
    if found is None:
        return None
    amount = Decimal(str(found["Amount"]))
    credit["Allocations"] = [a for a in held if a is not found]
    credit["RemainingCredit"] = Decimal(str(credit["RemainingCredit"])) + amount
    if credit.get("Status") == "PAID":
        credit["Status"] = "AUTHORISED"
        credit.pop("FullyPaidOnDate", None)
    invoice = ctx.get("Invoices", found["Invoice"]["InvoiceID"])
    if invoice is not None:
        listed = invoice.get(kind.invoice_list) or []
        mine = next(
            (
                entry
                for entry in listed
                if entry.get(kind.id_field) == credit[kind.id_field]
                and Decimal(str(entry.get("AppliedAmount"))) == amount
            ),
            None,
        )
        invoice[kind.invoice_list] = [entry for entry in listed if entry is not mine]
        invoice["AmountCredited"] = Decimal(str(invoice.get("AmountCredited") or 0)) - amount
        invoice["AmountDue"] = Decimal(str(invoice["AmountDue"])) + amount
        if invoice.get("Status") == "PAID" and invoice["AmountDue"] > 0:
            invoice["Status"] = "AUTHORISED"
            invoice.pop("FullyPaidOnDate", None)
        ctx.save("Invoices", invoice, False)
    ctx.save(kind.invoice_list, credit, False)
    return {**found, kind.key: kind.summary(credit), "IsDeleted": True}


def unallocator(kind: Credit):
    """The `unallocate=` hook of a declaration whose credit is `kind`."""
    return lambda ctx, record, allocation_id: remove_allocation(ctx, record, allocation_id, kind)


def allocator(kind: Credit):
    """The `allocate=` hook of a declaration whose credit is `kind`."""
    return lambda ctx, record, sent: allocate_all(ctx, record, sent, kind)


def echo(el: Element) -> dict:
    """A refused allocation as Xero shows it: what was sent, with its ValidationErrors."""
    shown = dict(el.sent)
    shown["ValidationErrors"] = [{"Message": m} for m in el.errors]
    shown["StatusAttributeString"] = "ERROR"
    return shown
