"""What one posted document adds to a tenant's books (`books_cache.TenantBooks` sums them).

A document's part: its postings in base currency per basis (accrual; cash, when it is money
that moved), account, day and tracking options; the money it moved in and out of bank
accounts; the sales, purchases and tax it puts on a GST or VAT return; for an invoice or credit
note its open item (what it leaves on 610 or 800) and its lines for the cash basis; and what
it moves on other documents' balances (a payment on its invoice, an allocation on both).

Cash basis: an invoice's lines are recognised when it is paid, in proportion to each payment,
and a credit note's when it is refunded; bank transactions and manual journals are cash as
they stand. Allocations (of credit notes, prepayments and overpayments) to invoices are not
recognised on the cash basis: a prepayment's or overpayment's bank transaction was its cash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import resources
from xerocli.sandbox.books import ACCRUAL, CASH, Key, OpenItem, TrackingOption
from xerocli.sandbox.ledger import (
    PAYABLE,
    RECEIVABLE,
    SALES_TAX,
    ZERO,
    documents_posted,
    in_base_currency,
    rate_of,
)
from xerocli.sandbox.postings import CONTROL_ACCOUNTS
from xerocli.sandbox.xerojson import money, parse_date

if TYPE_CHECKING:
    from xerocli.sandbox.resources.declaration import Resource


def line_options(line: dict, tracking: dict[str, TrackingOption]) -> tuple[str, ...]:
    found = []
    for entry in line.get("Tracking") or []:
        if not isinstance(entry, dict):
            continue
        option_id = str(entry.get("TrackingOptionID") or entry.get("Option") or "").lower()
        if not option_id:
            continue
        category_id = str(entry.get("TrackingCategoryID") or entry.get("Name") or "").lower()
        tracking.setdefault(
            option_id,
            TrackingOption(
                option_id,
                category_id,
                str(entry.get("Name") or ""),
                str(entry.get("Option") or option_id),
            ),
        )
        found.append(option_id)
    return tuple(sorted(found))


def split_by_tracking(
    resource: Resource, record: dict, postings: dict[str, Decimal], rate: Decimal, tracking: dict
) -> dict[Key, Decimal]:
    """The postings with each tracked line's share under its options; the untracked rest of
    each account under no options (the parts add up to the postings exactly)."""
    parts: dict[Key, Decimal] = {(code, ()): amount for code, amount in postings.items()}
    lines = record.get(resource.listing.line_field or "LineItems")
    if not any(line.get("Tracking") for line in lines or [] if isinstance(line, dict)):
        return parts
    type_ = str(record.get("Type") or "")
    books = resource.books
    credit = not books.signed_lines and type_.startswith(books.credit_types or ("\0",))
    sign = Decimal(-1) if credit else Decimal(1)
    inclusive = record.get("LineAmountTypes") == "Inclusive"
    no_tax = record.get("LineAmountTypes") == "NoTax"
    for line in lines or []:
        options = line_options(line, tracking)
        code = str(line.get("AccountCode") or "")
        if not options or (code, ()) not in parts:
            continue
        amount = Decimal(line.get("LineAmount") or 0)
        tax = ZERO if no_tax else Decimal(line.get("TaxAmount") or 0)
        net = amount - tax if inclusive else amount
        share = money(sign * net / rate)
        parts[(code, options)] = parts.get((code, options), ZERO) + share
        parts[(code, ())] -= share
    return {key: amount for key, amount in parts.items() if amount}


def scaled(parts: dict[Key, Decimal], fraction: Decimal, bank: str, banked: Decimal) -> dict:
    """A document's non-control parts times `fraction`, balanced against `banked` on `bank`
    (the rounding and any exchange difference go on the largest part)."""
    scaled = {key: money(amount * fraction) for key, amount in parts.items()}
    scaled = {key: amount for key, amount in scaled.items() if amount}
    scaled[(bank, ())] = scaled.get((bank, ()), ZERO) + banked
    difference = sum(scaled.values(), ZERO)
    others = [key for key in scaled if key != (bank, ())]
    if difference and others:
        largest = max(others, key=lambda key: abs(scaled[key]))
        scaled[largest] -= difference
    return scaled


@dataclass
class Part:
    """What one document adds to the books (taken away again when it changes)."""

    entries: dict[tuple[str, str, date, tuple[str, ...]], Decimal] = field(default_factory=dict)
    flows: dict[tuple[str, date], list[Decimal]] = field(default_factory=dict)
    tax: dict[date, list[Decimal]] = field(default_factory=dict)
    #: (invoice or credit note ID, day, amount) this document moves on another's balance.
    settles: list[tuple[str, date, Decimal]] = field(default_factory=list)
    item: OpenItem | None = None
    #: An invoice's or credit note's Total and non-control parts, for its payments' cash basis.
    cash: tuple[Decimal, dict[Key, Decimal]] | None = None
    #: A payment's invoice or credit note (its cash basis is redone when that one changes).
    pays: str = ""

    def post(self, basis: str, day: date, parts: dict[Key, Decimal]) -> None:
        for (code, options), amount in parts.items():
            if amount:
                key = (basis, code, day, options)
                self.entries[key] = self.entries.get(key, ZERO) + amount


#: An invoice's or credit note's part by its ID (lower case), None when it is not in the books.
DocumentLookup = Callable[[str], "Part | None"]


class PartMaker:
    """Makes documents' parts with one tenant's chart and currency, and a way to find the part
    of the document a payment pays (its cash basis needs the document's lines): the parts in
    the books now, or those the books held when their totals were saved."""

    def __init__(
        self,
        base: str,
        codes_by_id: dict[str, str],
        bank_codes: set[str],
        tracking: dict[str, TrackingOption],
        document: DocumentLookup,
    ) -> None:
        self.base, self.codes_by_id, self.bank_codes = base, codes_by_id, bank_codes
        self.tracking, self.document = tracking, document
        self._resources: dict[str, Resource] = {}  # by collection, looked up once each

    def part(self, kind: str, record: dict) -> Part | None:
        resource = self._resources.get(kind) or self._resources.setdefault(
            kind, resources.get(kind)
        )
        if parse_date(record.get(resource.date_field or "Date")) is None:
            return None
        part = Part()
        for _, document in documents_posted(resource, record):
            day = parse_date(document.get(resource.date_field or "Date"))
            if day is not None:
                self._post(part, resource, document, day)
        return part

    def _post(self, part: Part, resource: Resource, record: dict, day: date) -> None:
        """One posted document's share of the part (a record, or one of its allocations)."""
        rate = rate_of(record, self.base)
        # `ledger.postings_in_base`, with the rate found once.
        postings = in_base_currency(resource.postings(record, self.codes_by_id), rate)
        parts = split_by_tracking(resource, record, postings, rate, self.tracking)
        part.post(ACCRUAL, day, parts)
        if resource.books.taxed:
            self._taxed(part, record, day, postings)
        held = resource.books.holds_credit.get(str(record.get("Type") or ""))
        if held:  # an overpayment or prepayment: credit aged beside the invoices
            self._open_item(part, record, day, parts, *held)
        if resource.books.role == "open_item":
            self._open_item(part, record, day, parts)
            if resource.allocate is not None:
                self._allocations(part, record)
        elif resource.books.role == "payment":
            self._payment(part, record, day, postings)
        elif resource.books.role == "allocation":
            self._allocated(part, resource, record, day, postings)
        else:  # bank transactions and manual journals are cash as they stand
            part.post(CASH, day, parts)
        for code, amount in postings.items():
            if code in self.bank_codes and amount:
                flow = part.flows.setdefault((code, day), [ZERO, ZERO])
                flow[0 if amount > 0 else 1] += abs(amount)

    def _taxed(self, part: Part, record: dict, day: date, postings: dict[str, Decimal]) -> None:
        """Sales and purchases and their tax, for the published GST and VAT returns."""
        type_ = str(record.get("Type") or "")
        tax = postings.get(SALES_TAX, ZERO)
        skip = {RECEIVABLE, PAYABLE, SALES_TAX, *self.bank_codes}
        lines = sum((a for code, a in postings.items() if code not in skip), ZERO)
        totals = part.tax.setdefault(day, [ZERO] * 4)
        if type_ in ("ACCREC", "ACCRECCREDIT") or type_.startswith("RECEIVE"):
            totals[0] -= lines
            totals[1] -= tax
        else:
            totals[2] += lines
            totals[3] += tax

    def _open_item(
        self,
        part: Part,
        record: dict,
        day: date,
        parts: dict[Key, Decimal],
        type_: str = "",
        id_field: str = "",
    ) -> None:
        type_ = type_ or str(record.get("Type") or "")
        control = RECEIVABLE if type_ in ("ACCREC", "ACCRECCREDIT") else PAYABLE
        doc_id = str(
            record.get("InvoiceID") or record.get("CreditNoteID") or record.get(id_field) or ""
        ).lower()
        contact = record.get("Contact") or {}
        part.item = OpenItem(
            doc_id,
            type_,
            str(record.get("InvoiceNumber") or record.get("CreditNoteNumber") or ""),
            str(record.get("Reference") or ""),
            str(contact.get("ContactID") or "").lower(),
            str(contact.get("Name") or ""),
            day,
            parse_date(record.get("DueDate")) or day,
            parts.get((control, ()), ZERO),
        )
        non_control = {key: amount for key, amount in parts.items() if key[0] != control}
        part.cash = (Decimal(record.get("Total") or 0), non_control)

    def _payment(self, part: Part, record: dict, day: date, postings: dict[str, Decimal]) -> None:
        document = record.get("Invoice") or record.get("CreditNote") or {}
        doc_id = str(document.get("InvoiceID") or document.get("CreditNoteID") or "").lower()
        paid = self.document(doc_id)
        bank = next((code for code in postings if code not in (RECEIVABLE, PAYABLE)), "")
        part.pays = doc_id
        if paid is None or paid.item is None or paid.cash is None or not paid.cash[0]:
            part.post(CASH, day, {(code, ()): a for code, a in postings.items()})
            return
        part.settles.append((doc_id, day, postings.get(paid.item.control, ZERO)))
        total, parts = paid.cash
        fraction = Decimal(record.get("Amount") or 0) / total
        # A realised currency gain or loss (payments.py) is cash beside the bank: the lines
        # are balanced against both, so they are recognised at the document's rate.
        gains = {(c, ()): a for c, a in postings.items() if c not in (bank, paid.item.control)}
        gained = sum(gains.values(), ZERO)
        cash = scaled(parts, fraction, bank, postings.get(bank, ZERO) + gained)
        cash[(bank, ())] -= gained
        for key, amount in gains.items():
            cash[key] = cash.get(key, ZERO) + amount
        part.post(CASH, day, cash)

    def _allocated(
        self, part: Part, resource: Resource, allocation: dict, day: date, postings: dict
    ) -> None:
        """A prepayment's or overpayment's allocation: the invoice it pays (`Invoice`) owes its
        amount less, and the credit's own open item (held where its lines sat on the control
        account: an overpayment's) is settled by what the allocation did not move off that
        account, so the aged reports still total it. On the accrual basis only, as a credit
        note's allocation: the credit's bank transaction was the cash."""
        invoice = allocation.get("Invoice") or {}
        invoice_id = str(invoice.get("InvoiceID") or "").lower()
        control, sign = CONTROL_ACCOUNTS.get(str(invoice.get("Type") or ""), ("", ZERO))
        if not invoice_id or not control:
            return
        amount = money(Decimal(allocation.get("Total") or 0) / rate_of(allocation, self.base))
        toward_zero = -sign * amount
        part.settles.append((invoice_id, day, toward_zero))
        held = postings.get(control, ZERO) - toward_zero
        credit_id = str(allocation.get(resource.id_field) or "").lower()
        if held and credit_id:
            part.settles.append((credit_id, day, held))

    def _allocations(self, part: Part, credit_note: dict) -> None:
        """An allocation moves credit from the credit note to the invoice (no posting)."""
        note_id = str(credit_note.get("CreditNoteID") or "").lower()
        note_amount = part.item.amount if part.item is not None else ZERO
        rate = rate_of(credit_note, self.base)
        for allocation in credit_note.get("Allocations") or []:
            invoice_id = str((allocation.get("Invoice") or {}).get("InvoiceID") or "").lower()
            day = parse_date(allocation.get("Date"))
            if not invoice_id or day is None:
                continue
            amount = money(Decimal(allocation.get("Amount") or 0) / rate)
            toward_zero = amount if note_amount < 0 else -amount
            part.settles.append((note_id, day, toward_zero))
            part.settles.append((invoice_id, day, -toward_zero))
