"""A tenant's books, read once and kept until a write: what every report is computed from.

Reading the journal from the documents (`ledger.read_ledger`) parses every posted document on
every request: about 6 s at 100,000 invoices. The reports instead ask `BooksCache.books()`,
which parses each document once, keeps its postings summed per (basis, account, day, tracking
options), and answers a balance over any dates with two bisections of a running total. The
server forgets a tenant's books after any write to it (`Reports.forget`, one call in the
pipeline), and the store's highest row number is checked on each request too, so a record
written any other way is seen as well.

Kept beside the balances, for the reports that need more than account totals:
- open items: each invoice and credit note on 610 or 800 with its payments and allocations,
  in base currency, for the aged reports (their total is the control account's balance);
- bank flows: money in and out of each bank account per day, for the bank summary;
- cash-basis postings (`paymentsOnly`): an invoice's lines are recognised when it is paid, in
  proportion to each payment, and a credit note's when it is refunded. Allocations of credit
  notes to invoices are not recognised on the cash basis (the sandbox's simplification).
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xerocli.sandbox.ledger import (
    JOURNAL_KINDS,
    PAYABLE,
    RECEIVABLE,
    SALES_TAX,
    ZERO,
    Account,
    Ledger,
    chart,
    postings_in_base,
    rate_of,
)
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, money, parse_date

ACCRUAL, CASH = "accrual", "cash"
#: A tracking filter: given a posting's option IDs, whether it counts.
TrackingFilter = Callable[[tuple[str, ...]], bool]
Key = tuple[str, tuple[str, ...]]  # (account code, tracking option IDs)


@dataclass
class OpenItem:
    """An invoice or credit note as the aged reports age it (amounts in base currency, debit
    positive, as they sit on the control account)."""

    doc_id: str
    type: str  # ACCREC, ACCPAY, ACCRECCREDIT, ACCPAYCREDIT
    number: str
    reference: str
    contact_id: str
    contact_name: str
    day: date
    due: date
    amount: Decimal
    settlements: list[tuple[date, Decimal]] = field(default_factory=list)

    @property
    def control(self) -> str:
        return RECEIVABLE if self.type in ("ACCREC", "ACCRECCREDIT") else PAYABLE

    def outstanding(self, as_at: date) -> Decimal:
        return self.amount + sum((a for day, a in self.settlements if day <= as_at), ZERO)

    def settled(self, as_at: date) -> Decimal:
        return -sum((a for day, a in self.settlements if day <= as_at), ZERO)


@dataclass
class TrackingOption:
    option_id: str
    category_id: str
    category: str
    option: str


@dataclass
class Books:
    """One tenant's posted figures, by basis, account, day and tracking."""

    accounts: dict[str, Account]
    entries: dict[tuple[str, str, date, tuple[str, ...]], Decimal]
    open_items: list[OpenItem]
    bank_flows: dict[tuple[str, date], list[Decimal]]  # (bank code, day) -> [in, out]
    tracking: dict[str, TrackingOption]
    tax: dict[date, list[Decimal]]  # day -> [sales, tax on sales, purchases, tax on purchases]
    documents: int  # how many documents were parsed to build these books
    _running: dict[tuple[str, str], tuple[list[date], list[Decimal]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        per_code: dict[tuple[str, str], dict[date, Decimal]] = defaultdict(dict)
        for (basis, code, day, _), amount in self.entries.items():
            days = per_code[(basis, code)]
            days[day] = days.get(day, ZERO) + amount
        for key, days in per_code.items():
            ordered = sorted(days)
            running, total = [], ZERO
            for day in ordered:
                total += days[day]
                running.append(total)
            self._running[key] = (ordered, running)

    def _to(self, basis: str, code: str, end: date | None) -> Decimal:
        """The account's net debit up to and including `end` (None: nothing)."""
        if end is None:
            return ZERO
        days, running = self._running.get((basis, code), ([], []))
        index = bisect_right(days, end)
        return running[index - 1] if index else ZERO

    def balances(
        self,
        start: date | None,
        end: date,
        basis: str = ACCRUAL,
        tracking: TrackingFilter | None = None,
    ) -> dict[str, Decimal]:
        """Net debit (negative: credit) per account code over `start`..`end`, both included."""
        if tracking is not None:
            totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
            for (kind, code, day, options), amount in self.entries.items():
                in_range = day <= end and (start is None or day >= start)
                if kind == basis and in_range and tracking(options):
                    totals[code] += amount
            return dict(totals)
        before = None
        if start is not None:
            before = date.fromordinal(start.toordinal() - 1)
        result = {}
        for kind, code in self._running:
            if kind == basis:
                amount = self._to(basis, code, end) - self._to(basis, code, before)
                if amount:
                    result[code] = amount
        return result

    def ledger(self, basis: str = ACCRUAL, tracking: TrackingFilter | None = None) -> BooksLedger:
        """A `Ledger` the statements can read, answering from these books."""
        return BooksLedger(dict(self.accounts), [], self, basis, tracking)

    def bank_accounts(self) -> list[Account]:
        return [a for a in self.accounts.values() if a.type == "BANK"]


class BooksLedger(Ledger):
    """`Ledger` whose balances come from the cached books (on one basis, maybe filtered)."""

    def __init__(self, accounts, lines, books: Books, basis: str, tracking) -> None:
        super().__init__(accounts, lines)
        self.books, self.basis, self.tracking = books, basis, tracking

    def balances(self, start: date | None, end: date) -> dict[str, Decimal]:
        return self.books.balances(start, end, self.basis, self.tracking)


# --- building the books --------------------------------------------------------------------
def _options(line: dict, tracking: dict[str, TrackingOption]) -> tuple[str, ...]:
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


def _split_by_tracking(
    kind: str, record: dict, postings: dict[str, Decimal], rate: Decimal, tracking: dict
) -> dict[Key, Decimal]:
    """The postings with each tracked line's share under its options; the untracked rest of
    each account under no options (the parts add up to the postings exactly)."""
    parts: dict[Key, Decimal] = {(code, ()): amount for code, amount in postings.items()}
    lines = record.get("JournalLines") if kind == "ManualJournals" else record.get("LineItems")
    if not any(line.get("Tracking") for line in lines or [] if isinstance(line, dict)):
        return parts
    type_ = str(record.get("Type") or "")
    sign = Decimal(1)
    if kind in ("Invoices", "CreditNotes"):
        sign = Decimal(1) if type_ in ("ACCREC", "ACCPAYCREDIT") else Decimal(-1)
        sign = -sign  # a line is posted against the control account's side
    elif kind == "BankTransactions":
        sign = Decimal(-1) if type_.startswith("RECEIVE") else Decimal(1)
    inclusive = record.get("LineAmountTypes") == "Inclusive"
    no_tax = record.get("LineAmountTypes") == "NoTax"
    for line in lines or []:
        options = _options(line, tracking)
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


def _scaled(parts: dict[Key, Decimal], fraction: Decimal, bank: str, banked: Decimal) -> dict:
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


class _Builder:
    def __init__(self, store: Store, tenant_id: str) -> None:
        self.store, self.tenant_id = store, tenant_id
        self.base = (store.tenant(tenant_id) or {}).get("base_currency", "")
        self.accounts = chart(store, tenant_id)
        self.codes_by_id = {
            a.account_id.lower(): a.code for a in self.accounts.values() if a.account_id
        }
        self.bank_codes = {a.code for a in self.accounts.values() if a.type == "BANK"}
        self.entries: dict[tuple[str, str, date, tuple[str, ...]], Decimal] = defaultdict(
            lambda: ZERO
        )
        self.tracking: dict[str, TrackingOption] = {}
        self.items: dict[str, OpenItem] = {}
        #: Document ID -> (Total in its currency, its non-control parts) for the cash basis.
        self.cash_parts: dict[str, tuple[Decimal, dict[Key, Decimal]]] = {}
        self.flows: dict[tuple[str, date], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        self.tax: dict[date, list[Decimal]] = defaultdict(lambda: [ZERO] * 4)
        self.documents = 0
        self.allocations: list[tuple[dict, dict]] = []

    def post(self, basis: str, day: date, parts: dict[Key, Decimal]) -> None:
        for (code, options), amount in parts.items():
            if amount:
                self.entries[(basis, code, day, options)] += amount

    def build(self) -> Books:
        for kind, statuses in JOURNAL_KINDS:
            condition = f"status IN ({','.join('?' * len(statuses))})"
            for body in self.store.select_bodies(self.tenant_id, kind, condition, statuses):
                self.documents += 1
                self.add(kind, loads(body))
        for credit_note, allocation in self.allocations:
            self.allocate(credit_note, allocation)
        return Books(
            self.accounts,
            dict(self.entries),
            sorted(self.items.values(), key=lambda i: (i.day, i.number)),
            dict(self.flows),
            self.tracking,
            dict(self.tax),
            self.documents,
        )

    def add(self, kind: str, record: dict) -> None:
        day = parse_date(record.get("Date"))
        if day is None:
            return
        rate = rate_of(record, self.base)
        postings = postings_in_base(kind, record, self.codes_by_id, self.base)
        parts = _split_by_tracking(kind, record, postings, rate, self.tracking)
        self.post(ACCRUAL, day, parts)
        if kind in ("Invoices", "CreditNotes", "BankTransactions"):
            self.taxed(record, day, postings)
        if kind in ("Invoices", "CreditNotes"):
            self.open_item(kind, record, day, parts)
            if kind == "CreditNotes":
                self.allocations += [(record, a) for a in record.get("Allocations") or []]
        elif kind == "Payments":
            self.payment(record, day, postings)
        else:  # bank transactions and manual journals are cash as they stand
            self.post(CASH, day, parts)
        for code, amount in postings.items():
            if code in self.bank_codes and amount:
                self.flows[(code, day)][0 if amount > 0 else 1] += abs(amount)

    def taxed(self, record: dict, day: date, postings: dict[str, Decimal]) -> None:
        """Sales and purchases and their tax, for the published GST and VAT returns."""
        type_ = str(record.get("Type") or "")
        tax = postings.get(SALES_TAX, ZERO)
        skip = {RECEIVABLE, PAYABLE, SALES_TAX, *self.bank_codes}
        lines = sum((a for code, a in postings.items() if code not in skip), ZERO)
        totals = self.tax[day]
        if type_ in ("ACCREC", "ACCRECCREDIT") or type_.startswith("RECEIVE"):
            totals[0] -= lines
            totals[1] -= tax
        else:
            totals[2] += lines
            totals[3] += tax

    def open_item(self, kind: str, record: dict, day: date, parts: dict[Key, Decimal]) -> None:
        type_ = str(record.get("Type") or "")
        control = RECEIVABLE if type_ in ("ACCREC", "ACCRECCREDIT") else PAYABLE
        doc_id = str(record.get("InvoiceID") or record.get("CreditNoteID") or "").lower()
        contact = record.get("Contact") or {}
        self.items[doc_id] = OpenItem(
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
        self.cash_parts[doc_id] = (Decimal(record.get("Total") or 0), non_control)

    def payment(self, record: dict, day: date, postings: dict[str, Decimal]) -> None:
        document = record.get("Invoice") or record.get("CreditNote") or {}
        doc_id = str(document.get("InvoiceID") or document.get("CreditNoteID") or "").lower()
        item = self.items.get(doc_id)
        if item is not None:
            item.settlements.append((day, postings.get(item.control, ZERO)))
        total, parts = self.cash_parts.get(doc_id, (ZERO, {}))
        bank = next((code for code in postings if code not in (RECEIVABLE, PAYABLE)), "")
        if not total or item is None:
            self.post(CASH, day, {(code, ()): a for code, a in postings.items()})
            return
        fraction = Decimal(record.get("Amount") or 0) / total
        self.post(CASH, day, _scaled(parts, fraction, bank, postings.get(bank, ZERO)))

    def allocate(self, credit_note: dict, allocation: dict) -> None:
        """An allocation moves credit from the credit note to the invoice (no posting)."""
        note = self.items.get(str(credit_note.get("CreditNoteID") or "").lower())
        invoice_id = str((allocation.get("Invoice") or {}).get("InvoiceID") or "").lower()
        invoice = self.items.get(invoice_id)
        day = parse_date(allocation.get("Date"))
        if note is None or invoice is None or day is None:
            return
        amount = money(Decimal(allocation.get("Amount") or 0) / rate_of(credit_note, self.base))
        toward_zero = amount if note.amount < 0 else -amount
        note.settlements.append((day, toward_zero))
        invoice.settlements.append((day, -toward_zero))


class BooksCache:
    """Each tenant's `Books`, built on first use and kept until that tenant is written to."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._books: dict[str, tuple[int, Books]] = {}
        self.builds = 0
        self.hits = 0
        self.documents_scanned = 0

    def _mark(self) -> int:
        """The store's highest row number: any insert, by any process, raises it."""
        rows = self.store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")
        return int(rows[0][0])

    def books(self, tenant_id: str) -> Books:
        with self._lock:
            mark = self._mark()
            kept = self._books.get(tenant_id)
            if kept is not None and kept[0] == mark:
                self.hits += 1
                return kept[1]
            built = _Builder(self.store, tenant_id).build()
            self.builds += 1
            self.documents_scanned += built.documents
            self._books[tenant_id] = (mark, built)
            return built

    def forget(self, tenant_id: str | None = None) -> None:
        """Drop a tenant's books (every tenant's with None): called after each write."""
        with self._lock:
            if tenant_id is None:
                self._books.clear()
            else:
                self._books.pop(tenant_id, None)

    def stats(self) -> dict:
        return {
            "builds": self.builds,
            "hits": self.hits,
            "documents_scanned": self.documents_scanned,
        }


def items_of(books: Books, types: Iterable[str]) -> list[OpenItem]:
    wanted = set(types)
    return [item for item in books.open_items if item.type in wanted]
