"""A tenant's books, read once and kept up to date: what every report is computed from.

Reading the journal from the documents (`ledger.read_ledger`) parses every posted document on
every request: about 6 s at 100,000 invoices. The reports instead ask `BooksCache.books()`,
which parses each document once and keeps its part (postings per basis, account, day and
tracking options, and what it does to other documents' balances), summed; a balance over any
dates is two bisections of a running total. On each request the store is asked which rows were
written since the last look (their indexed `updated` time and row number), and only those are
parsed again: the old part taken away, the new one added. However a record was written (the
API, another process), the next report sees it; a change to the chart reads everything again.

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
    #: What other documents moved on it: source document -> [(day, amount)] (shared with the
    #: books, which keep it up to date).
    moves: dict[str, list[tuple[date, Decimal]]] = field(default_factory=dict)

    @property
    def settlements(self) -> list[tuple[date, Decimal]]:
        return [move for moves in self.moves.values() for move in moves]

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


@dataclass
class _Part:
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


class TenantBooks:
    """One tenant's books kept up to date: each posted document's part, summed.

    `refresh()` asks the store only for the rows written since it last looked (by their
    `updated` time and row number, both indexed), takes away the old part of each changed
    document and adds its new one; a change to the chart rebuilds everything."""

    def __init__(self, store: Store, tenant_id: str) -> None:
        self.store, self.tenant_id = store, tenant_id
        self.base = (store.tenant(tenant_id) or {}).get("base_currency", "")
        self.accounts = chart(store, tenant_id)
        self.codes_by_id = {
            a.account_id.lower(): a.code for a in self.accounts.values() if a.account_id
        }
        self.bank_codes = {a.code for a in self.accounts.values() if a.type == "BANK"}
        self.entries: dict[tuple[str, str, date, tuple[str, ...]], Decimal] = {}
        self.flows: dict[tuple[str, date], list[Decimal]] = {}
        self.tax: dict[date, list[Decimal]] = {}
        self.tracking: dict[str, TrackingOption] = {}
        self.items: dict[str, OpenItem] = {}
        self.moves: dict[str, dict[str, list[tuple[date, Decimal]]]] = {}
        self.parts: dict[tuple[str, str], tuple[tuple[str, str], _Part]] = {}
        self.payments_of: dict[str, set[str]] = defaultdict(set)
        #: Invoice or credit note ID (lower case) -> its part, for its payments.
        self.documents_by_id: dict[str, _Part] = {}
        self.last_updated: dict[str, str] = {}
        self.last_seq = 0
        self.documents = 0
        self._snapshot: Books | None = None
        self._load_all()

    # --- reading the store -----------------------------------------------------------------
    def _load_all(self) -> None:
        self.last_seq = int(self.store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
        for kind, statuses in JOURNAL_KINDS:
            rows = self.store.execute(
                "SELECT id, updated, status, body FROM records WHERE tenant_id=? AND kind=?"
                " ORDER BY seq",
                (self.tenant_id, kind),
            )
            for record_id, updated, status, body in rows:
                self._note(kind, updated)
                if status in statuses:
                    self._add(kind, record_id, (updated, status), loads(body))
        self._note("Accounts", self._max_updated("Accounts"))

    def _max_updated(self, kind: str) -> str:
        rows = self.store.execute(
            "SELECT COALESCE(MAX(updated), '') FROM records WHERE tenant_id=? AND kind=?",
            (self.tenant_id, kind),
        )
        return str(rows[0][0])

    def _note(self, kind: str, updated: str) -> None:
        if updated > self.last_updated.get(kind, ""):
            self.last_updated[kind] = updated

    def _changed(self, kind: str, seq_before: int) -> list[tuple]:
        """(id, updated, status, seq) of the kind's rows written since the last look: updated
        at or after the last `updated` seen, or inserted after the last row number."""
        since = self.last_updated.get(kind, "")
        found = {}
        for query, arg in (("updated >= ?", since), ("seq > ?", seq_before)):
            for row in self.store.execute(
                "SELECT id, updated, status, seq FROM records"
                f" WHERE tenant_id=? AND kind=? AND {query}",
                (self.tenant_id, kind, arg),
            ):
                found[row[0]] = row
        return list(found.values())

    def refresh(self) -> bool:
        """Bring the books up to date; True when a full rebuild is needed instead (the chart
        changed)."""
        seq_before = self.last_seq
        self.last_seq = int(self.store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
        accounts_seen = self.last_updated.get("Accounts", "")
        for _, updated, _, seq in self._changed("Accounts", seq_before):
            if updated > accounts_seen or seq > seq_before:
                return True
        changed_docs: list[str] = []
        redo: set[str] = set()
        for kind, statuses in JOURNAL_KINDS:
            for record_id, updated, status, _ in self._changed(kind, seq_before):
                self._note(kind, updated)
                key = (kind, record_id)
                kept = self.parts.get(key)
                if kept is not None and kept[0] == (updated, status):
                    continue
                if kept is None and status not in statuses:
                    continue  # a draft, still out of the books
                if kept is not None:
                    self._remove(key)
                if status in statuses:
                    body = self.store.get_body(self.tenant_id, kind, record_id)
                    if body is not None:
                        self._add(kind, record_id, (updated, status), loads(body))
                if kind in ("Invoices", "CreditNotes"):
                    changed_docs.append(record_id.lower())
                if kind == "Payments":
                    redo.discard(record_id)
            if kind == "CreditNotes":
                # A changed invoice or credit note changes its payments' cash basis.
                redo = {p for doc in changed_docs for p in self.payments_of.get(doc, ())}
        for payment_id in redo:
            key = ("Payments", payment_id)
            kept = self.parts.get(key)
            body = self.store.get_body(self.tenant_id, "Payments", payment_id)
            if kept is not None and body is not None:
                self._remove(key)
                self._add("Payments", payment_id, kept[0], loads(body))
        return False

    # --- adding and taking away parts ------------------------------------------------------
    def _add(self, kind: str, record_id: str, stamp: tuple[str, str], record: dict) -> None:
        self.documents += 1
        part = self._part(kind, record)
        if part is None:
            return
        self.parts[(kind, record_id)] = (stamp, part)
        if part.item is not None:
            self.documents_by_id[part.item.doc_id] = part
        self._apply(part, Decimal(1), f"{kind}:{record_id}")
        if part.pays:
            self.payments_of[part.pays].add(record_id)

    def _remove(self, key: tuple[str, str]) -> None:
        _, part = self.parts.pop(key)
        if part.item is not None:
            self.documents_by_id.pop(part.item.doc_id, None)
        self._apply(part, Decimal(-1), f"{key[0]}:{key[1]}")
        if part.pays:
            self.payments_of[part.pays].discard(key[1])

    def _apply(self, part: _Part, sign: Decimal, source: str) -> None:
        self._snapshot = None
        for key, amount in part.entries.items():
            total = self.entries.get(key, ZERO) + sign * amount
            if total:
                self.entries[key] = total
            else:
                self.entries.pop(key, None)
        for key, (money_in, money_out) in part.flows.items():
            flow = self.flows.setdefault(key, [ZERO, ZERO])
            flow[0] += sign * money_in
            flow[1] += sign * money_out
        for day, values in part.tax.items():
            totals = self.tax.setdefault(day, [ZERO] * 4)
            for index, value in enumerate(values):
                totals[index] += sign * value
        if part.item is not None:
            if sign > 0:
                part.item.moves = self.moves.setdefault(part.item.doc_id, {})
                self.items[part.item.doc_id] = part.item
            else:
                self.items.pop(part.item.doc_id, None)
        for target, day, amount in part.settles:
            moves = self.moves.setdefault(target, {})
            if sign > 0:
                moves.setdefault(source, []).append((day, amount))
            else:
                moves.pop(source, None)

    def _part(self, kind: str, record: dict) -> _Part | None:
        day = parse_date(record.get("Date"))
        if day is None:
            return None
        part = _Part()
        rate = rate_of(record, self.base)
        postings = postings_in_base(kind, record, self.codes_by_id, self.base)
        parts = _split_by_tracking(kind, record, postings, rate, self.tracking)
        part.post(ACCRUAL, day, parts)
        if kind in ("Invoices", "CreditNotes", "BankTransactions"):
            self._taxed(part, record, day, postings)
        if kind in ("Invoices", "CreditNotes"):
            self._open_item(part, record, day, parts)
            if kind == "CreditNotes":
                self._allocations(part, record)
        elif kind == "Payments":
            self._payment(part, record, day, postings)
        else:  # bank transactions and manual journals are cash as they stand
            part.post(CASH, day, parts)
        for code, amount in postings.items():
            if code in self.bank_codes and amount:
                flow = part.flows.setdefault((code, day), [ZERO, ZERO])
                flow[0 if amount > 0 else 1] += abs(amount)
        return part

    def _taxed(self, part: _Part, record: dict, day: date, postings: dict[str, Decimal]) -> None:
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

    def _open_item(self, part: _Part, record: dict, day: date, parts: dict[Key, Decimal]) -> None:
        type_ = str(record.get("Type") or "")
        control = RECEIVABLE if type_ in ("ACCREC", "ACCRECCREDIT") else PAYABLE
        doc_id = str(record.get("InvoiceID") or record.get("CreditNoteID") or "").lower()
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

    def _payment(self, part: _Part, record: dict, day: date, postings: dict[str, Decimal]) -> None:
        document = record.get("Invoice") or record.get("CreditNote") or {}
        doc_id = str(document.get("InvoiceID") or document.get("CreditNoteID") or "").lower()
        paid = self.documents_by_id.get(doc_id)
        bank = next((code for code in postings if code not in (RECEIVABLE, PAYABLE)), "")
        part.pays = doc_id
        if paid is None or paid.item is None or paid.cash is None or not paid.cash[0]:
            part.post(CASH, day, {(code, ()): a for code, a in postings.items()})
            return
        part.settles.append((doc_id, day, postings.get(paid.item.control, ZERO)))
        total, parts = paid.cash
        fraction = Decimal(record.get("Amount") or 0) / total
        part.post(CASH, day, _scaled(parts, fraction, bank, postings.get(bank, ZERO)))

    def _allocations(self, part: _Part, credit_note: dict) -> None:
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

    # --- what the reports read -------------------------------------------------------------
    def snapshot(self) -> Books:
        if self._snapshot is None:
            self._snapshot = Books(
                self.accounts,
                dict(self.entries),
                sorted(self.items.values(), key=lambda i: (i.day, i.number)),
                {key: list(flow) for key, flow in self.flows.items()},
                self.tracking,
                {day: list(values) for day, values in self.tax.items()},
                self.documents,
            )
        return self._snapshot


class BooksCache:
    """Each tenant's books, read whole on first use and brought up to date on each request
    from what was written since (or read whole again when the chart changed)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.RLock()
        self._books: dict[str, TenantBooks] = {}
        self.builds = 0
        self.hits = 0
        self._forgotten = 0

    @property
    def documents_scanned(self) -> int:
        """Documents parsed so far, by full reads and by updates."""
        return sum(books.documents for books in self._books.values()) + self._forgotten

    def books(self, tenant_id: str) -> Books:
        with self.lock:
            kept = self._books.get(tenant_id)
            if kept is not None:
                before = kept.documents
                if not kept.refresh():
                    if kept.documents == before:
                        self.hits += 1
                    return kept.snapshot()
                self._forgotten += kept.documents
            self.builds += 1
            kept = self._books[tenant_id] = TenantBooks(self.store, tenant_id)
            return kept.snapshot()

    def forget(self, tenant_id: str | None = None) -> None:
        """Drop a tenant's books (every tenant's with None): the next report reads them whole."""
        with self.lock:
            for key in [tenant_id] if tenant_id else list(self._books):
                dropped = self._books.pop(key, None)
                if dropped is not None:
                    self._forgotten += dropped.documents

    def stats(self) -> dict:
        with self.lock:
            return {
                "builds": self.builds,
                "hits": self.hits,
                "documents_scanned": self.documents_scanned,
            }


def items_of(books: Books, types: Iterable[str]) -> list[OpenItem]:
    wanted = set(types)
    return [item for item in books.open_items if item.type in wanted]
