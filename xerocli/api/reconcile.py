"""Matching a payment gateway's payout file to open invoices (`xero payments apply`).

A row matches an invoice when its invoice value equals the invoice's number or reference
(case-insensitive) and its amount equals the amount due (exactly, in Decimal), and the currency
agrees when the file has one. A row with no match or with several is reported, never guessed.
Each payment's Idempotency-Key is derived from the row and the invoice, so applying the same
file twice pays nothing twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from xerocli import errors
from xerocli.api.models import PRECISION

#: Header names accepted for each column, compared case-insensitively, spaces and _ ignored.
COLUMN_ALIASES = {
    "invoice": ("invoice", "invoicenumber", "invoiceno"),
    #: An invoice's reference: used for a row whose invoice cell is empty (or with no
    #: invoice column at all), so a file may name some invoices by number, some by reference.
    "reference": ("invoicereference", "reference"),
    "amount": ("amount", "paid", "grossamount", "total"),
    "date": ("date", "paiddate", "payoutdate", "paymentdate"),
    "payout": ("payoutid", "payout", "transactionid", "id"),
    "currency": ("currency", "currencycode"),
}


@dataclass
class PayoutRow:
    row: int
    invoice: str
    amount: Decimal
    day: date | None
    payout: str
    currency: str | None


@dataclass
class Match:
    row: PayoutRow
    invoice: dict | None = None
    candidates: list[dict] = field(default_factory=list)
    #: The paid invoice a payment of this row's amount already settled (a file applied
    #: again): nothing to pay, and nothing wrong.
    paid: dict | None = None

    @property
    def status(self) -> str:
        if self.invoice is not None:
            return "matched"
        if self.paid is not None:
            return "already paid"
        return "ambiguous" if len(self.candidates) > 1 else "unmatched"

    @property
    def problem(self) -> bool:
        return self.invoice is None and self.paid is None

    def idempotency_key(self, tenant_id: str) -> str:
        assert self.invoice is not None
        basis = "|".join(
            (
                tenant_id,
                self.invoice["InvoiceID"],
                str(self.row.amount),
                str(self.row.day or ""),
                self.row.payout,
                self.row.invoice,
            )
        )
        return "apply-" + hashlib.sha256(basis.encode()).hexdigest()[:40]


def _normal(name: str) -> str:
    return name.strip().lower().replace(" ", "").replace("_", "").replace("-", "")


def read_payouts(text: str) -> list[PayoutRow]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_normal(name) for name in next(reader)]
    except StopIteration:
        raise errors.UsageError("--file: the payout file is empty") from None
    columns: dict[str, int] = {}
    for key, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if (
                alias in header
                and key not in columns
                and header.index(alias) not in columns.values()
            ):
                columns[key] = header.index(alias)
    if "invoice" not in columns and "reference" not in columns:
        raise errors.UsageError(
            "--file: no invoice column (accepted headers: "
            f"{', '.join(COLUMN_ALIASES['invoice'] + COLUMN_ALIASES['reference'])})"
        )
    if "amount" not in columns:
        raise errors.UsageError(
            f"--file: no amount column (accepted headers: {', '.join(COLUMN_ALIASES['amount'])})"
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise errors.UsageError(
                f"row {number}: has {len(cells)} columns, the header has {len(header)}"
            )

        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[columns[key]].strip() if key in columns else ""

        try:
            amount = Decimal(cell("amount").replace(",", ""))
        except InvalidOperation:
            raise errors.UsageError(
                f"row {number}: amount: {cell('amount')!r} is not a number"
            ) from None
        amount = _payout_amount(number, cell("amount"), amount)
        day = None
        if cell("date"):
            try:
                day = date.fromisoformat(cell("date")[:10])
            except ValueError:
                raise errors.UsageError(
                    f"row {number}: date: {cell('date')!r} is not a date (use YYYY-MM-DD)"
                ) from None
        named = cell("invoice") or cell("reference")
        if not named:
            what = " or ".join(key for key in ("invoice", "reference") if key in columns)
            raise errors.UsageError(f"row {number}: {what}: empty")
        rows.append(
            PayoutRow(
                number,
                named,
                amount,
                day,
                cell("payout"),
                cell("currency").upper() or None,
            )
        )
    if not rows:
        raise errors.UsageError("--file: the payout file has no rows")
    return rows


def _by_number_or_reference(invoices: list[dict]) -> dict[str, list[dict]]:
    """The invoices under each of their number and reference, lower-cased: what a payout row's
    invoice cell is matched against."""
    by_key: dict[str, list[dict]] = {}
    for invoice in invoices:
        for value in {invoice.get("InvoiceNumber"), invoice.get("Reference")}:
            if value:
                by_key.setdefault(str(value).strip().lower(), []).append(invoice)
    return by_key


def match(rows: list[PayoutRow], open_invoices: list[dict]) -> list[Match]:
    by_key = _by_number_or_reference(open_invoices)
    claimed: set[str] = set()
    results = []
    for row in rows:
        found = [
            invoice
            for invoice in by_key.get(row.invoice.lower(), [])
            if Decimal(str(invoice.get("AmountDue", 0))) == row.amount
            and (row.currency is None or invoice.get("CurrencyCode") == row.currency)
        ]
        unique = {invoice["InvoiceID"]: invoice for invoice in found}
        result = Match(row, candidates=list(unique.values()))
        if len(unique) == 1:
            only = next(iter(unique.values()))
            if only["InvoiceID"] not in claimed:  # two rows paying one invoice is ambiguous
                result.invoice = only
                claimed.add(only["InvoiceID"])
            else:
                result.candidates = [only, only]
        results.append(result)
    return results


def _payout_amount(number: int, text: str, amount: Decimal) -> Decimal:
    """A payout amount is a payment's Amount: money, held to the precision table's places (Xero
    would round `1.001` to 1.00 and the payment would no longer match what was paid out)."""
    if amount <= 0:
        raise errors.UsageError(f"row {number}: amount: {text!r} must be positive")
    try:
        return PRECISION["amount"].check(amount)
    except ValueError as exc:
        raise errors.UsageError(f"row {number}: amount: {text!r} {exc}") from None


def paid_lookup(matches: list[Match]) -> list[str]:
    """`where` clauses (a few dozen names each) finding the PAID invoices an unmatched row
    may name: only asked for when some row matched no open invoice."""
    from xerocli.api.query import quote

    names = sorted({m.row.invoice for m in matches if m.problem and not m.candidates})
    clauses = []
    for start in range(0, len(names), 25):
        either = " OR ".join(
            f"InvoiceNumber=={quote(name)} OR Reference=={quote(name)}"
            for name in names[start : start + 25]
        )
        clauses.append(f'Status=="PAID" AND ({either})')
    return clauses


def mark_already_paid(matches: list[Match], paid_invoices: list[dict]) -> None:
    """An unmatched row whose invoice is PAID by a payment of exactly its amount was applied
    before: `payments apply` run again on the same file says so, and exits 0."""
    by_key = _by_number_or_reference(paid_invoices)
    for m in matches:
        if not m.problem or m.candidates:
            continue
        for invoice in by_key.get(m.row.invoice.lower(), []):
            amounts = {Decimal(str(p.get("Amount", 0))) for p in invoice.get("Payments") or ()}
            if m.row.amount in amounts:
                m.paid = invoice
                break
