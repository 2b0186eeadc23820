"""The journals as Xero keeps them: an append-only log in the data file, each numbered once.

Xero's journals are immutable: posting a document adds a journal with the next number, voiding
or deleting it adds a reversing journal (the same lines negated, on the reversed journal's
date), editing it adds a reversal and a new journal. `GET /Journals?offset=N` readers (`xero
sync`, `export --incremental`) rely on that: they ask only for the numbers after the last one
they saw. So the sandbox keeps its journals rather than deriving them on request (which
renumbered them after every change): in `journal_log`, numbered per tenant, with
`journal_standing` naming the journal each posted document (or part of one: a prepayment's
allocation) stands at in the books, which is what a change reverses.

When journals are added:
- a write (`writes.Context.save`, every resource's writer) hands each record it stores to
  `record_saved` before storing it, in the write's transaction: the record's journals now are
  compared with its standing ones, and what differs is reversed and posted again, in the order
  the writes happen (a document authorised then voided has both journals, however soon);
- a read first takes what was written some other way (another process, `sqlite3`): the rows
  whose `updated` or `seq` moved past the marks kept in `journal_marks` are compared the same
  way (`bring_up_to_date`), so the journals always sum to the reports' books.

A tenant's log is begun once, when its journals are first needed (the first read, the first
posting write, or `books_warm` after a big seed): every posted document as it stands then, in
date order, numbered from 1. Seeding writes no journal (it stays as fast as it was), and
what a seeded document was when first changed is what the log begins with, since the log is
begun before that change is stored. Beginning costs ~30 µs of CPU a journal (~5 s a company
at 100,000 invoices, which `books_warm` spends in the background after a fresh big seed);
after it, a page is a range of numbers (~2 ms of 100 journals, whatever the tenant's size)
and a write adds its few journals.

What a journal's lines are comes from the declarations alone (`Resource.postings`,
`journal_documents`, `books`), as for the reports: each posted document's postings per
account in the base currency (a positive amount is a debit; the lines sum to zero).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from xerocli.sandbox import resources
from xerocli.sandbox.ledger import documents_posted, in_base_currency, rate_of
from xerocli.sandbox.resources.declaration import Resource
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, parse_date

SCHEMA = (
    # One row a journal, never changed once written: what `/Journals` answers, less the
    # account names (read from the chart) and the IDs (made from the number).
    """CREATE TABLE IF NOT EXISTS journal_log (
      tenant_id TEXT NOT NULL, number INTEGER NOT NULL,
      kind TEXT NOT NULL, source_id TEXT NOT NULL, part TEXT NOT NULL,
      day TEXT NOT NULL, created TEXT, reference TEXT NOT NULL, source_type TEXT NOT NULL,
      lines TEXT NOT NULL, reverses INTEGER,
      PRIMARY KEY (tenant_id, number)) WITHOUT ROWID""",
    # The journal each posted document (each part of it) stands at: what a change reverses.
    """CREATE TABLE IF NOT EXISTS journal_standing (
      tenant_id TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, part TEXT NOT NULL,
      number INTEGER NOT NULL, PRIMARY KEY (tenant_id, kind, record_id, part)) WITHOUT ROWID""",
    # A tenant whose log is begun, and how far its rows were looked at: the highest `seq`, and
    # per kind the last `updated`.
    """CREATE TABLE IF NOT EXISTS journal_marks (
      tenant_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, marks TEXT NOT NULL)""",
)

_INSERT = "INSERT INTO journal_log VALUES (?,?,?,?,?,?,?,?,?,?,?)"
_STAND = "INSERT OR REPLACE INTO journal_standing VALUES (?,?,?,?,?)"
#: A journal's columns as `Entry.from_row` reads them.
COLUMNS = "number, kind, source_id, part, day, created, reference, source_type, lines, reverses"

Lines = tuple[tuple[str, Decimal], ...]
#: Per kind: the last `updated` looked at.
Marks = dict[str, str]


class Saving(Protocol):
    """What `record_saved` reads of a write's context (`writes.Context`)."""

    store: Store
    tenant_id: str
    base_currency: str
    accounts: list[dict]


@dataclass(frozen=True)
class Entry:
    """One journal: its source document (and which part of it), day, lines and labels."""

    kind: str
    source_id: str
    part: str
    day: date
    created: str | None
    reference: str
    source_type: str
    lines: Lines
    number: int = 0
    reverses: int | None = None

    def same_books(self, other: Entry) -> bool:
        """Whether both put the same amounts on the same accounts on the same day (a change
        that moves nothing in the books, such as a payment marking its invoice PAID, adds no
        journal)."""
        return self.day == other.day and sorted(self.lines) == sorted(other.lines)

    def reversal(self, created: str | None) -> Entry:
        """The journal that takes this one out of the books: its lines negated, on its day
        (the books no longer hold the document on any date, as Xero's reports after a void)."""
        negated = tuple((code, -amount) for code, amount in self.lines)
        return Entry(
            self.kind,
            self.source_id,
            self.part,
            self.day,
            created,
            self.reference,
            self.source_type,
            negated,
            reverses=self.number,
        )

    def row(self, tenant_id: str, number: int) -> tuple:
        lines = json.dumps([[code, str(amount)] for code, amount in self.lines])
        return (
            tenant_id,
            number,
            self.kind,
            self.source_id,
            self.part,
            self.day.isoformat(),
            self.created,
            self.reference,
            self.source_type,
            lines,
            self.reverses,
        )

    @classmethod
    def from_row(cls, row: tuple) -> Entry:
        number, kind, source_id, part, day, created, reference, source_type, lines, reverses = row
        return cls(
            kind,
            source_id,
            part,
            date.fromisoformat(day),
            created,
            reference,
            source_type,
            tuple((code, Decimal(amount)) for code, amount in json.loads(lines)),
            number,
            reverses,
        )


# --- what a record's journals are ------------------------------------------------------------
_BANK_SOURCE = {"RECEIVE": "CASHREC", "SPEND": "CASHPAID"}


def source_type(kind: str, record: dict) -> str:
    """Xero's SourceType of a document's journal."""
    if kind == "Payments":
        return str(record.get("PaymentType") or "")
    if kind == "ManualJournals":
        return "MANJOURNAL"
    type_ = str(record.get("Type") or "")
    if kind == "BankTransactions":
        return _BANK_SOURCE.get(type_.split("-")[0], "CASHREC")
    books = resources.get(kind).books
    return books.source_types.get(type_) or books.source_type or type_


def posting_resources() -> list[Resource]:
    """The declarations whose records post (read when asked: a registered resource counts)."""
    return [r for r in resources.ALL if r.postings is not None and r.posted_statuses]


def journals_of(
    resource: Resource, record: dict, codes_by_id: dict[str, str], base: str
) -> list[Entry]:
    """The journals a record stands for now: none unless it is in a posted status; else one a
    document its declaration makes of it (the record itself, or each of its allocations)
    that moves anything."""
    status = record.get(resource.status_field) if resource.status_field else None
    if status not in resource.posted_statuses or resource.postings is None:
        return []
    found = []
    for part, document in documents_posted(resource, record):
        day = parse_date(document.get(resource.date_field or "Date"))
        source_id = document.get(resource.id_field)
        if day is None or source_id is None:
            continue
        postings = resource.postings(document, codes_by_id)
        amounts = in_base_currency(postings, rate_of(document, base))
        lines = tuple((code, amount) for code, amount in amounts.items() if amount)
        if lines:
            found.append(
                Entry(
                    resource.collection,
                    str(source_id),
                    part,
                    day,
                    document.get("UpdatedDateUTC"),
                    str(document.get("Reference") or document.get("Narration") or ""),
                    source_type(resource.collection, document),
                    lines,
                )
            )
    return found


def _changes(standing: dict[str, Entry], now: list[Entry], created: str | None) -> list[Entry]:
    """What the log must add for a document whose standing journals are `standing` (by part)
    and whose journals are now `now`: reversals of those that no longer hold, then the new."""
    fresh = {entry.part: entry for entry in now}
    added = [
        entry.reversal(created)
        for part, entry in standing.items()
        if part not in fresh or not fresh[part].same_books(entry)
    ]
    added += [
        entry
        for entry in now
        if entry.part not in standing or not entry.same_books(standing[entry.part])
    ]
    return added


# --- the log in the store ----------------------------------------------------------------------
def _has_schema(store: Store) -> bool:
    rows = store.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN"
        " ('journal_log', 'journal_standing', 'journal_marks')"
    )
    return rows[0][0] == 3


def _begun(store: Store, tenant_id: str) -> tuple[int, Marks] | None:
    """The tenant's marks (its log is begun), or None."""
    if not _has_schema(store):
        return None
    rows = store.execute("SELECT seq, marks FROM journal_marks WHERE tenant_id=?", (tenant_id,))
    if not rows:
        return None
    return int(rows[0][0]), json.loads(rows[0][1])


@contextmanager
def _writing(store: Store) -> Iterator[None]:
    """The store's write transaction: the caller's when inside one, else one of its own."""
    if store._in_write():
        yield
    else:
        with store.transaction():
            yield


def _chart(store: Store, tenant_id: str) -> tuple[dict[str, str], str]:
    """(account codes by lower-case AccountID, the base currency) of a tenant."""
    accounts = [loads(body) for body in store.select_bodies(tenant_id, "Accounts")]
    codes_by_id = {a["AccountID"].lower(): str(a.get("Code") or "") for a in accounts}
    return codes_by_id, (store.tenant(tenant_id) or {}).get("base_currency", "")


def _next_number(store: Store, tenant_id: str) -> int:
    rows = store.execute(
        "SELECT COALESCE(MAX(number), 0) FROM journal_log WHERE tenant_id=?", (tenant_id,)
    )
    return int(rows[0][0]) + 1


def _standing(store: Store, tenant_id: str, kind: str, record_id: str) -> dict[str, Entry]:
    rows = store.execute(
        f"SELECT s.part, {', '.join('l.' + c for c in COLUMNS.split(', '))}"
        " FROM journal_standing s JOIN journal_log l"
        " ON l.tenant_id = s.tenant_id AND l.number = s.number"
        " WHERE s.tenant_id=? AND s.kind=? AND s.record_id=?",
        (tenant_id, kind, record_id.lower()),
    )
    return {row[0]: Entry.from_row(row[1:]) for row in rows}


def _append(store: Store, tenant_id: str, record_id: str, added: list[Entry]) -> None:
    """Number and store `added` (a document's changes), and note what it stands at now."""
    number = _next_number(store, tenant_id)
    for entry in added:
        store.execute(_INSERT, entry.row(tenant_id, number))
        key = (tenant_id, entry.kind, record_id.lower(), entry.part)
        if entry.reverses is None:
            store.execute(_STAND, (*key, number))
        else:
            store.execute(
                "DELETE FROM journal_standing WHERE tenant_id=? AND kind=? AND record_id=?"
                " AND part=? AND number=?",
                (*key, entry.reverses),
            )
        number += 1


def _post(
    store: Store,
    tenant_id: str,
    resource: Resource,
    record: dict,
    chart: tuple[dict[str, str], str],
) -> None:
    """Bring one record's journals to what it stands for now (the log is begun)."""
    record_id = str(record[resource.id_field])
    standing = _standing(store, tenant_id, resource.collection, record_id)
    now = journals_of(resource, record, *chart)
    if standing or now:
        added = _changes(standing, now, record.get("UpdatedDateUTC"))
        if added:
            _append(store, tenant_id, record_id, added)


def record_saved(ctx: Saving, kind: str, record: dict) -> None:
    """A write is about to store `record` (in its transaction): add the journals that change
    makes. Called before the row is stored, so a log begun now begins with the books as they
    were before this write."""
    resource = resources.get(kind)
    if resource.postings is None or not resource.posted_statuses:
        return
    with _writing(ctx.store):
        if _begun(ctx.store, ctx.tenant_id) is None:
            if not _in_the_books(ctx.store, ctx.tenant_id, resource, record):
                return  # the log, once begun, begins with the books this write leaves alone
            begin(ctx.store, ctx.tenant_id)
        codes_by_id = {a["AccountID"].lower(): str(a.get("Code") or "") for a in ctx.accounts}
        _post(ctx.store, ctx.tenant_id, resource, record, (codes_by_id, ctx.base_currency))


def _in_the_books(store: Store, tenant_id: str, resource: Resource, record: dict) -> bool:
    """Whether the record is in a posted status, or its stored row is (a draft saved again
    touches no journal: no need to begin a big tenant's log for it)."""
    if resource.status_field and record.get(resource.status_field) in resource.posted_statuses:
        return True
    rows = store.execute(
        "SELECT status FROM records WHERE tenant_id=? AND kind=? AND id=?",
        (tenant_id, resource.collection, str(record[resource.id_field])),
    )
    return bool(rows) and rows[0][0] in resource.posted_statuses


# --- beginning a tenant's log ------------------------------------------------------------------
@dataclass
class Begun:
    """A tenant's log as it begins: every posted document's journals in date order, and the
    marks of the rows they were read from."""

    entries: list[Entry]
    standing: list[tuple[str, str, str]]  # (kind, record ID, part) of each entry, in order
    seq: int
    marks: Marks


def _current_marks(store: Store, tenant_id: str) -> tuple[int, Marks]:
    """The highest `seq` stored, and each posting kind's last `updated` (from the index)."""
    seq = int(store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
    marks: Marks = {}
    for resource in posting_resources():
        marks[resource.collection] = str(
            store.execute(
                "SELECT COALESCE(MAX(updated), '') FROM records WHERE tenant_id=? AND kind=?",
                (tenant_id, resource.collection),
            )[0][0]
        )
    return seq, marks


def collect(store: Store, tenant_id: str) -> Begun:
    """Read every posted document of the tenant and order their journals by date (then by
    the order the documents were stored in)."""
    seq, marks = _current_marks(store, tenant_id)
    chart = _chart(store, tenant_id)
    keyed: list[tuple[date, int, int, Entry, str]] = []
    for resource in posting_resources():
        statuses = resource.posted_statuses
        rows = store.execute(
            "SELECT seq, body FROM records WHERE tenant_id=? AND kind=?"
            f" AND status IN ({','.join('?' * len(statuses))})",
            (tenant_id, resource.collection, *statuses),
        )
        for row_seq, body in rows:
            record = loads(body)
            record_id = str(record[resource.id_field])
            for index, entry in enumerate(journals_of(resource, record, *chart)):
                keyed.append((entry.day, row_seq, index, entry, record_id))
    keyed.sort(key=lambda item: item[:3])
    return Begun(
        [item[3] for item in keyed],
        [(item[3].kind, item[4].lower(), item[3].part) for item in keyed],
        seq,
        marks,
    )


def _store_begun(store: Store, tenant_id: str, begun: Begun) -> None:
    for statement in SCHEMA:
        store.execute(statement)
    rows = (entry.row(tenant_id, number) for number, entry in enumerate(begun.entries, 1))
    store.db.executemany(_INSERT, rows)
    stands = ((tenant_id, *key, number) for number, key in enumerate(begun.standing, 1))
    store.db.executemany(_STAND, stands)
    _set_marks(store, tenant_id, begun.seq, begun.marks)


def _set_marks(store: Store, tenant_id: str, seq: int, marks: Marks) -> None:
    store.execute(
        "INSERT OR REPLACE INTO journal_marks VALUES (?, ?, ?)",
        (tenant_id, seq, json.dumps(marks, sort_keys=True)),
    )


def begin(store: Store, tenant_id: str) -> None:
    """Begin the tenant's log unless it is (in the write transaction the caller holds)."""
    if _begun(store, tenant_id) is None:
        _store_begun(store, tenant_id, collect(store, tenant_id))


def begin_apart(store: Store, tenant_id: str) -> bool:
    """Begin the tenant's log from a process of its own (`books_warm`): the documents are read
    outside any transaction, then stored in a short one only if nothing was written meanwhile
    (else the sandbox begins it when first needed). Whether this call stored it."""
    if _begun(store, tenant_id) is not None:
        return False
    begun = collect(store, tenant_id)
    with store.transaction():
        if _begun(store, tenant_id) is not None:
            return False
        if _current_marks(store, tenant_id) != (begun.seq, begun.marks):
            return False
        _store_begun(store, tenant_id, begun)
    return True


# --- what was written some other way -----------------------------------------------------------
def _written_since(store: Store, tenant_id: str, seq: int, marks: Marks) -> list[tuple]:
    """(updated, seq, kind, id) of the posting kinds' rows past the marks, in the order they
    were written: updated after the kind's last `updated` looked at, or stored after the last
    `seq`. One statement, on two indexes a kind: a few index entries when nothing changed.
    (A row rewritten in the very millisecond of the mark by another process is not seen; the
    sandbox's own writes never need this: `record_saved` saw them.)"""
    parts, values = [], []
    for resource in posting_resources():
        kind = resource.collection
        select = "SELECT kind, id, updated, seq FROM records WHERE tenant_id=? AND kind=?"
        parts.append(f"{select} AND updated > ? UNION ALL {select} AND seq > ?")
        values += [tenant_id, kind, marks.get(kind, ""), tenant_id, kind, seq]
    found = {}
    for kind, record_id, updated, row_seq in store.execute(" UNION ALL ".join(parts), values):
        found[(kind, record_id)] = (updated, row_seq, kind, record_id)
    return sorted(found.values())


def _pending(store: Store, tenant_id: str) -> tuple[list[tuple], Marks] | None:
    """The rows written since the marks (`_written_since`) and the marks, or None when the
    log is not begun."""
    found = _begun(store, tenant_id)
    if found is None:
        return None
    seq, marks = found
    return _written_since(store, tenant_id, seq, marks), marks


def bring_up_to_date(store: Store, tenant_id: str) -> None:
    """Before a read: begin the log if need be, and take in what was written without a
    writer's `record_saved` (looked for on a read connection first: nothing, nearly always)."""
    found = _pending(store, tenant_id)
    if found is not None and not found[0]:
        return
    with _writing(store):
        begin(store, tenant_id)
        _catch_up(store, tenant_id)


def _catch_up(store: Store, tenant_id: str) -> None:
    found = _pending(store, tenant_id)
    if found is None or not found[0]:
        return
    pending, marks = found
    chart = _chart(store, tenant_id)
    for updated, _, kind, record_id in pending:
        resource = resources.get(kind)
        body = store.get_body(tenant_id, kind, record_id)
        if body is not None:
            _post(store, tenant_id, resource, loads(body), chart)
        marks[kind] = max(marks.get(kind, ""), updated)
    seq = int(store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
    _set_marks(store, tenant_id, seq, marks)


# --- reading it ----------------------------------------------------------------------------------
def page(
    store: Store, tenant_id: str, after: int, count: int, source_types: tuple[str, ...] = ()
) -> list[Entry]:
    """The first `count` journals numbered above `after` (of those source types, if any)."""
    condition, values = "", ()
    if source_types:
        condition = f" AND source_type IN ({','.join('?' * len(source_types))})"
        values = source_types
    rows = store.execute(
        f"SELECT {COLUMNS} FROM journal_log WHERE tenant_id=? AND number > ?{condition}"
        f" ORDER BY number LIMIT {int(count)}",
        (tenant_id, after, *values),
    )
    return [Entry.from_row(row) for row in rows]


def numbered(store: Store, tenant_id: str, number: int) -> Entry | None:
    found = page(store, tenant_id, number - 1, 1)
    return found[0] if found and found[0].number == number else None


def every(store: Store, tenant_id: str) -> list[Entry]:
    """Every journal of the tenant, in number order (brought up to date first)."""
    bring_up_to_date(store, tenant_id)
    rows = store.execute(
        f"SELECT {COLUMNS} FROM journal_log WHERE tenant_id=? ORDER BY number", (tenant_id,)
    )
    return [Entry.from_row(row) for row in rows]
