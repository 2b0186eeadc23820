"""A tenant's books as the reports read them: what every report is computed from.

Reading the journal from the documents (`ledger.read_ledger`) parses every posted document on
every request: about 6 s at 100,000 invoices. The reports instead read `Books`, kept up to date
by `books_cache.py` from each document's part (`book_parts.py`): postings summed per basis,
account, day and tracking options, where a balance over any dates is two bisections of a
running total.

Kept beside the balances, for the reports that need more than account totals:
- open items: each invoice and credit note on 610 or 800 with its payments and allocations,
  in base currency, for the aged reports (their total is the control account's balance);
- bank flows: money in and out of each bank account per day, for the bank summary;
- cash-basis postings (`paymentsOnly`): an invoice's lines are recognised when it is paid, in
  proportion to each payment, and a credit note's when it is refunded. Allocations of credit
  notes to invoices are not recognised on the cash basis (the sandbox's simplification).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xerocli.sandbox.ledger import (
    PAYABLE,
    RECEIVABLE,
    ZERO,
    Account,
    Ledger,
)

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
    #: What other documents moved on it: source document -> [(day, amount)] (shared with the
    #: books, which keep it up to date).
    moves: dict[str, list[tuple[date, Decimal]]] = field(default_factory=dict)

    @property
    def settlements(self) -> list[tuple[date, Decimal]]:
        return [move for moves in self.moves.values() for move in moves]

    @property
    def control(self) -> str:
        return RECEIVABLE if self.type in ("ACCREC", "ACCRECCREDIT") else PAYABLE

    def _moved(self, as_at: date) -> Decimal:
        total = ZERO
        for moves in self.moves.values():
            for day, amount in moves:
                if day <= as_at:
                    total += amount
        return total

    def outstanding(self, as_at: date) -> Decimal:
        return self.amount + self._moved(as_at) if self.moves else self.amount

    def settled(self, as_at: date) -> Decimal:
        return -self._moved(as_at)


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
    #: The open items sorted by day and number, asked for when a report first needs them
    #: (most do not; saved books make them from the data file only then).
    items_source: Callable[[], list[OpenItem]]
    bank_flows: dict[tuple[str, date], list[Decimal]]  # (bank code, day) -> [in, out]
    tracking: dict[str, TrackingOption]
    tax: dict[date, list[Decimal]]  # day -> [sales, tax on sales, purchases, tax on purchases]
    documents: int  # how many documents were parsed to build these books
    #: The books before the last changes, and the (basis, account)s those changes touched:
    #: only those running totals are made again.
    previous: Books | None = None
    touched: set[tuple[str, str]] | None = None
    _running: dict[tuple[str, str], tuple[list[date], list[Decimal]]] = field(default_factory=dict)
    _open_items: list[OpenItem] | None = None

    @property
    def open_items(self) -> list[OpenItem]:
        if self._open_items is None:
            self._open_items = self.items_source()
        return self._open_items

    def __post_init__(self) -> None:
        per_code: dict[tuple[str, str], dict[date, Decimal]] = defaultdict(dict)
        previous, touched = self.previous, self.touched
        self.previous = self.touched = None  # keep no chain of older books alive
        if previous is not None and touched is not None:
            self._running = {k: v for k, v in previous._running.items() if k not in touched}
            for key in touched:
                per_code[key] = {}
        for (basis, code, day, _), amount in self.entries.items():
            if previous is not None and touched is not None and (basis, code) not in touched:
                continue
            days = per_code[(basis, code)]
            days[day] = days.get(day, ZERO) + amount
        for key, days in per_code.items():
            if not days:
                self._running.pop(key, None)
                continue
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
def items_of(books: Books, types: Iterable[str]) -> list[OpenItem]:
    wanted = set(types)
    return [item for item in books.open_items if item.type in wanted]
