"""Each tenant's books, read once and kept up to date from what was written since.

On first use a tenant's posted documents are all parsed, each into its part
(`book_parts.py`), and the parts summed; the totals are then saved in the data file
(`books_store.py`), and a later start loads them instead (no document read) when they can be
brought up to date. On each later request the store is asked which rows were written since the
last look (their indexed `updated` time and row number, and the rows whose body at the saved
totals' stamp was kept), and only those are parsed again: the old part taken away, the new one
added, and the payments of a changed invoice or credit note redone. A part the books did not
make in this process (loaded with the totals) is made again from the body the document had at
the stamp. However a record was written (the API, another process), the next report sees it;
a change to the chart reads everything again.
"""

from __future__ import annotations

import marshal
import sqlite3
import subprocess
import threading
from collections import defaultdict
from datetime import date
from decimal import Decimal
from sys import intern

from xerocli.sandbox import books_store, books_warm, resources
from xerocli.sandbox.book_parts import Part, PartMaker
from xerocli.sandbox.books import Books, OpenItem, TrackingOption
from xerocli.sandbox.ledger import ZERO, chart, journal_kinds
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads


class _Days(dict):
    """Day ordinal -> `date`, each made once (a company's documents share a few thousand)."""

    def __missing__(self, ordinal: int) -> date:
        found = self[ordinal] = date.fromordinal(ordinal)
        return found


class TenantBooks:
    """One tenant's books kept up to date: each posted document's part, summed.

    `refresh()` asks the store only for the rows written since it last looked (by their
    `updated` time and row number, both indexed), takes away the old part of each changed
    document and adds its new one; a change to the chart rebuilds everything."""

    def __init__(
        self, store: Store, tenant_id: str, saved: books_store.Saved | None = None
    ) -> None:
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
        self._items: dict[str, OpenItem] = {}
        self._moves: dict[str, dict[str, list[tuple[date, Decimal]]]] = {}
        self._pending_items: bytes | None = None  # saved open items not made into objects yet
        #: What parts applied meanwhile do to the open items: (part, adding, source), in order.
        self._pending_moves: list[tuple[Part, bool, str]] = []
        self._days = _Days()  # ordinal -> day, for what is loaded
        self.parts: dict[tuple[str, str], tuple[tuple[str, str], Part]] = {}
        self.payments_of: dict[str, set[tuple[str, str]]] = defaultdict(set)  # (kind, ID)
        #: Invoice or credit note ID (lower case) -> its part, for its payments.
        self.documents_by_id: dict[str, Part] = {}
        self.maker = PartMaker(
            self.base, self.codes_by_id, self.bank_codes, self.tracking, self._document_now
        )
        #: Makes the parts the saved totals hold (from the bodies at their stamp).
        self.saved_maker = PartMaker(
            self.base, self.codes_by_id, self.bank_codes, self.tracking, self._document_saved
        )
        self.statuses = dict(journal_kinds())
        self.open_kinds = [
            kind for kind in self.statuses if resources.get(kind).books.role == "open_item"
        ]
        #: The saved totals' stamp (their highest row number), None when read whole here.
        self.saved_seq: int | None = None
        #: Documents whose part this process took away or added: the saved one no longer counts.
        self.handled: set[tuple[str, str]] = set()
        self.handled_docs: set[str] = set()  # their IDs (lower case), for payments' lookups
        self._saved_parts: dict[str, Part | None] = {}  # by document ID, at the stamp
        self._befores: set[tuple[str, str]] = set()  # rows changed since the stamp
        self._before_rowid = 0
        self.last_updated: dict[str, str] = {}
        self.last_seq = 0
        self.documents = 0
        self._snapshot: Books | None = None
        self._last: Books | None = None
        self._touched: set[tuple[str, str]] = set()
        self._sorted_items: list[OpenItem] | None = None
        if saved is None:
            self._load_all()
        else:
            self._restore(saved)

    # --- the totals kept in the data file ---------------------------------------------------
    def save(self) -> bool:
        """Keep these books' totals in the data file, stamped with where the store is now
        (brought up to date first, in the write transaction that stamps them); False when the
        chart changed meanwhile and nothing was saved."""
        with self.store.transaction():
            if self.refresh():
                return False
            totals, items = self.saved_state()
            books_store.save(
                self.store, self.tenant_id, self.last_seq, self.last_updated, totals, items
            )
            if self.saved_seq is not None:  # loaded books: the new stamp is theirs now
                self.saved_seq = self.last_seq
                self._befores.clear()  # the kept bodies went with the old stamp
                self._before_rowid = 0
                self._saved_parts.clear()
        return True

    def saved_state(self) -> tuple[tuple, tuple]:
        """(totals, open items) as plain values (`marshal` writes and reads them fast): days
        as ordinals, amounts as their exact strings."""
        totals = (
            [(b, c, d.toordinal(), o, str(a)) for (b, c, d, o), a in self.entries.items()],
            [(c, d.toordinal(), str(i), str(o)) for (c, d), (i, o) in self.flows.items()],
            [(d.toordinal(), *map(str, v)) for d, v in self.tax.items()],
            [(t.option_id, t.category_id, t.category, t.option) for t in self.tracking.values()],
            [
                (doc, sorted((intern(kind), id_) for kind, id_ in paid))
                for doc, paid in self.payments_of.items()
                if paid
            ],
        )
        # Interned, a company's few hundred contacts are written once each (marshal refers
        # back to an object it has written), and loaded as shared strings.
        open_items = [
            (
                i.doc_id,
                intern(i.type),
                i.number,
                i.reference,
                intern(i.contact_id),
                intern(i.contact_name),
                i.day.toordinal(),
                i.due.toordinal(),
                str(i.amount),
            )
            for i in self._sorted_open_items()
        ]
        moves = [  # a document nothing moved on needs no entry
            (target, [(s, [(d.toordinal(), str(a)) for d, a in m]) for s, m in by.items()])
            for target, by in self.moves.items()
            if by
        ]
        return totals, (open_items, moves)

    def _restore(self, saved: books_store.Saved) -> None:
        """Take the saved totals as these books' (the next `refresh` brings them up to date);
        the open items wait until something needs them (`_materialize`)."""
        self.saved_seq = self.last_seq = saved.seq
        self.last_updated = dict(saved.updated)
        entries, flows, tax, tracking, payments_of = saved.totals
        day = self._days.__getitem__
        self.entries = {(b, c, day(d), tuple(o)): Decimal(a) for b, c, d, o, a in entries}
        self.flows = {(c, day(d)): [Decimal(i), Decimal(o)] for c, d, i, o in flows}
        self.tax = {day(d): [Decimal(v) for v in values] for d, *values in tax}
        for option in tracking:
            self.tracking[option[0]] = TrackingOption(*option)
        for doc, paid in payments_of:
            self.payments_of[doc] = {tuple(p) for p in paid}
        self._pending_items = saved.items

    def _materialize(self) -> None:
        """Make the saved open items and what moved on them into objects, then apply to them
        what the parts applied since did (when a report first needs them: about 0.3 s at
        100,000 invoices, which the other reports skip, writes or not)."""
        raw, self._pending_items = self._pending_items, None
        if raw is None:
            return
        day = self._days.__getitem__
        with books_store.collector_paused():
            open_items, moves = marshal.loads(raw)
            self._moves = {
                target: {s: [(day(d), Decimal(a)) for d, a in m] for s, m in by}
                for target, by in moves
            }
            for doc_id, type_, number, ref, contact, name, d, due, amount in open_items:
                moved = self._moves.setdefault(doc_id, {})
                self._items[doc_id] = OpenItem(
                    doc_id,
                    type_,
                    number,
                    ref,
                    contact,
                    name,
                    day(d),
                    day(due),
                    Decimal(amount),
                    moved,
                )
            self._sorted_items = list(self._items.values())  # saved in that order
        for part, adding, source in self._pending_moves:  # what changed since, in order
            self._apply_items(part, adding, source)
            self._sorted_items = None
        self._pending_moves.clear()

    @property
    def items(self) -> dict[str, OpenItem]:
        self._materialize()
        return self._items

    @property
    def moves(self) -> dict[str, dict[str, list[tuple[date, Decimal]]]]:
        self._materialize()
        return self._moves

    def _sorted_open_items(self) -> list[OpenItem]:
        items = self.items
        if self._sorted_items is None:
            self._sorted_items = sorted(items.values(), key=lambda i: (i.day, i.number))
        return self._sorted_items

    # --- reading the store -----------------------------------------------------------------
    def _load_all(self) -> None:
        self.last_seq = int(self.store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
        for kind, statuses in journal_kinds():
            # Only posted documents' bodies are read (drafts, voided: a fifth of the seed's);
            # every row's `updated` counts towards the high water, from the index.
            self._note(kind, self._max_updated(kind))
            rows = self.store.execute(
                "SELECT id, updated, status, body FROM records WHERE tenant_id=? AND kind=?"
                f" AND status IN ({','.join('?' * len(statuses))}) ORDER BY seq",
                (self.tenant_id, kind, *statuses),
            )
            for record_id, updated, status, body in rows:
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

    def _changed(self, kind: str, seq_before: int, befores: dict) -> list[tuple]:
        """(id, updated, status, seq) of the kind's rows written since the last look: updated
        at or after the last `updated` seen, or inserted after the last row number, or (with
        saved totals) changed since their stamp, found by the body kept for it (a deleted
        row: no `updated` and no status)."""
        since = self.last_updated.get(kind, "")
        found = {}
        for query, arg in (("updated >= ?", since), ("seq > ?", seq_before)):
            for row in self.store.execute(
                "SELECT id, updated, status, seq FROM records"
                f" WHERE tenant_id=? AND kind=? AND {query}",
                (self.tenant_id, kind, arg),
            ):
                found[row[0]] = row
        for record_id in befores.get(kind, ()):
            if record_id not in found:
                rows = self.store.execute(
                    "SELECT id, updated, status, seq FROM records"
                    " WHERE tenant_id=? AND kind=? AND id=?",
                    (self.tenant_id, kind, record_id),
                )
                found[record_id] = rows[0] if rows else (record_id, "", None, 0)
        return list(found.values())

    def _new_befores(self) -> dict[str, list[str]]:
        """The rows whose body at the stamp was kept since the last look, by kind."""
        by_kind: dict[str, list[str]] = defaultdict(list)
        if self.saved_seq is None:
            return by_kind
        for kind, record_id, rowid in books_store.befores(
            self.store, self.tenant_id, self._before_rowid
        ):
            self._before_rowid = max(self._before_rowid, int(rowid))
            self._befores.add((kind, record_id))
            by_kind[kind].append(record_id)
        return by_kind

    def refresh(self) -> bool:
        """Bring the books up to date; True when a full rebuild is needed instead (the chart
        changed)."""
        seq_before = self.last_seq
        self.last_seq = int(self.store.execute("SELECT COALESCE(MAX(seq), 0) FROM records")[0][0])
        befores = self._new_befores()
        if befores.get("Accounts"):
            return True
        accounts_seen = self.last_updated.get("Accounts", "")
        for _, updated, _, seq in self._changed("Accounts", seq_before, {}):
            if updated > accounts_seen or seq > seq_before:
                return True
        changed_docs: list[str] = []
        redo: set[tuple[str, str]] = set()
        kinds = journal_kinds()
        roles = [resources.get(kind).books.role for kind, _ in kinds]
        for index, (kind, statuses) in enumerate(kinds):
            for record_id, updated, status, seq in self._changed(kind, seq_before, befores):
                self._note(kind, updated)
                key = (kind, record_id)
                if self._as_saved(key, seq):
                    continue  # what the saved totals hold
                kept = self._kept(key)
                if kept is not None and kept[0] == (updated, status):
                    continue
                if kept is None and status not in statuses:
                    self.handled.add(key)
                    continue  # a draft, still out of the books
                if roles[index] == "open_item":
                    changed_docs.append(record_id.lower())
                    self.handled_docs.add(record_id.lower())
                if kept is not None:
                    self._remove(key, kept[1])
                if status in statuses:
                    body = self.store.get_body(self.tenant_id, kind, record_id)
                    if body is not None:
                        self._add(kind, record_id, (updated, status), loads(body))
                if roles[index] == "payment":
                    redo.discard(key)
            if roles[index] == "open_item" and roles[index + 1 : index + 2] != ["open_item"]:
                # A changed invoice or credit note changes its payments' cash basis.
                redo = {p for doc in changed_docs for p in self.payments_of.get(doc, ())}
        for payment_kind, payment_id in redo:
            key = (payment_kind, payment_id)
            kept = self._kept(key)
            body = self.store.get_body(self.tenant_id, payment_kind, payment_id)
            if kept is not None and body is not None:
                self._remove(key, kept[1])
                self._add(payment_kind, payment_id, kept[0], loads(body))
        return False

    # --- the parts the saved totals hold ---------------------------------------------------
    def _as_saved(self, key: tuple[str, str], seq: int) -> bool:
        """Whether the row is as it was when the totals were saved (found again only because
        it shares the last `updated` time): nothing to do, and no body to read."""
        return (
            self.saved_seq is not None
            and seq <= self.saved_seq
            and key not in self._befores
            and key not in self.handled
        )

    def _at_stamp(self, kind: str, record_id: str) -> tuple[tuple[str, str], str] | None:
        """((updated, status), body) of a posted row as the saved totals hold it; None when
        it was not posted then, or not there."""
        assert self.saved_seq is not None
        kept = books_store.before_body(self.store, self.tenant_id, kind, record_id)
        if kept is None:
            rows = self.store.execute(
                "SELECT seq, updated, status, body FROM records"
                " WHERE tenant_id=? AND kind=? AND id=? COLLATE NOCASE",
                (self.tenant_id, kind, record_id),
            )
            kept = rows[0] if rows else None
        if kept is None or kept[0] > self.saved_seq or kept[2] not in self.statuses[kind]:
            return None
        return (kept[1], kept[2]), kept[3]

    def _kept(self, key: tuple[str, str]) -> tuple[tuple[str, str], Part] | None:
        """The document's stamp and the part the books hold for it, if any."""
        kept = self.parts.get(key)
        if kept is not None or self.saved_seq is None or key in self.handled:
            return kept
        found = self._at_stamp(*key)
        if found is None:
            return None
        self.documents += 1
        part = self.saved_maker.part(key[0], loads(found[1]))
        return None if part is None else (found[0], part)

    def _document_saved(self, doc_id: str) -> Part | None:
        """An invoice's or credit note's part as the saved totals hold it (what a payment's
        saved part was made with)."""
        if doc_id not in self._saved_parts:
            part = None
            for kind in self.open_kinds:
                found = self._at_stamp(kind, doc_id)
                if found is not None:
                    self.documents += 1
                    part = self.saved_maker.part(kind, loads(found[1]))
                    break
            self._saved_parts[doc_id] = part
        return self._saved_parts[doc_id]

    def _document_now(self, doc_id: str) -> Part | None:
        """An invoice's or credit note's part in the books now (a new payment's cash basis)."""
        part = self.documents_by_id.get(doc_id)
        if part is not None or self.saved_seq is None or doc_id in self.handled_docs:
            return part
        return self._document_saved(doc_id)  # unchanged since the stamp

    # --- adding and taking away parts ------------------------------------------------------
    def _add(self, kind: str, record_id: str, stamp: tuple[str, str], record: dict) -> None:
        self.documents += 1
        saved = self.saved_seq is not None
        if saved:
            self.handled.add((kind, record_id))
        part = self.maker.part(kind, record)
        if part is None:
            return
        self.parts[(kind, record_id)] = (stamp, part)
        if part.item is not None:
            self.documents_by_id[part.item.doc_id] = part
            if saved:
                self.handled_docs.add(part.item.doc_id)
        self._apply(part, Decimal(1), f"{kind}:{record_id}")
        if part.pays:
            self.payments_of[part.pays].add((kind, record_id))

    def _remove(self, key: tuple[str, str], part: Part) -> None:
        self.parts.pop(key, None)
        self.handled.add(key)
        if part.item is not None:
            self.handled_docs.add(part.item.doc_id)
            self.documents_by_id.pop(part.item.doc_id, None)
        self._apply(part, Decimal(-1), f"{key[0]}:{key[1]}")
        if part.pays:
            self.payments_of[part.pays].discard(key)

    def _apply(self, part: Part, sign: Decimal, source: str) -> None:
        self._snapshot = None
        if self._last is not None:  # only what changed since books were handed out is redone
            self._touched.update((basis, code) for basis, code, _, _ in part.entries)
        if part.item is not None:
            self._sorted_items = None
        adding = sign > 0
        entries = self.entries
        for key, amount in part.entries.items():
            total = entries.get(key, ZERO) + (amount if adding else -amount)
            if total:
                entries[key] = total
            else:
                entries.pop(key, None)
        for key, (money_in, money_out) in part.flows.items():
            flow = self.flows.setdefault(key, [ZERO, ZERO])
            flow[0] += sign * money_in
            flow[1] += sign * money_out
        for day, values in part.tax.items():
            totals = self.tax.setdefault(day, [ZERO] * 4)
            for index, value in enumerate(values):
                totals[index] += value if adding else -value
        if part.item is not None or part.settles:
            if self._pending_items is not None:  # done when the open items are made
                self._pending_moves.append((part, adding, source))
            else:
                self._apply_items(part, adding, source)

    def _apply_items(self, part: Part, adding: bool, source: str) -> None:
        """The part's open item, and what it moves on other documents' items."""
        if part.item is not None:
            if adding:
                part.item.moves = self._moves.setdefault(part.item.doc_id, {})
                self._items[part.item.doc_id] = part.item
            else:
                self._items.pop(part.item.doc_id, None)
        for target, day, amount in part.settles:
            moves = self._moves.setdefault(target, {})
            if adding:
                moves.setdefault(source, []).append((day, amount))
            else:
                moves.pop(source, None)

    # --- what the reports read -------------------------------------------------------------
    def snapshot(self) -> Books:
        """The books as they are now (made again only after a change, and then only the
        running totals of the accounts it touched)."""
        if self._snapshot is None:
            previous = self._last
            self._snapshot = self._last = Books(
                self.accounts,
                dict(self.entries),
                self._sorted_open_items,
                {key: list(flow) for key, flow in self.flows.items()},
                self.tracking,
                {day: list(values) for day, values in self.tax.items()},
                self.documents,
                previous,
                set(self._touched) if previous is not None else None,
            )
            self._touched.clear()
        return self._snapshot


def _nothing(doc_id: str) -> None:
    return None


class BooksCache:
    """Each tenant's books: on first use loaded from the totals saved in the data file when
    they can be brought up to date, else read whole (and their totals saved); then brought up
    to date on each request from what was written since (or read whole again when the chart
    changed)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.RLock()
        self._books: dict[str, TenantBooks] = {}
        self.builds = 0
        self.hits = 0
        self.loads = 0  # builds that loaded saved totals (the others read every document)
        self._forgotten = 0
        self._read_whole: set[str] = set()  # tenants whose next build ignores saved totals
        #: Loaded totals brought up to date from this many documents are saved again: each
        #: restart would parse them twice (old and new part), ~0.2 s a thousand; a save of
        #: 100,000 invoices' totals costs ~1 s.
        self.resave_after = 5000
        #: The process building and saving a fresh seed's books (`books_warm.py`), if any.
        self._warming: subprocess.Popen | None = None
        self._warmed: set[str] = set()  # tenants whose books that process saved

    def warm(self, path: str) -> None:
        """Have a process of its own build and save every tenant's books (a fresh seed)."""
        with self.lock:
            self._warming = warming = books_warm.start(path)
        # Reaped as soon as it ends: a report reads its lines only until its own tenant is
        # saved, and a sandbox no report reaches would keep it a zombie until it stopped.
        threading.Thread(target=warming.wait, name="books-warming-reaper", daemon=True).start()

    def stop_warming(self) -> None:
        """Stop that process (the sandbox stops): what it did not save is read when asked."""
        warming, self._warming = self._warming, None
        if warming is not None:
            if warming.poll() is None:
                warming.terminate()
            warming.wait()
            for pipe in (warming.stdin, warming.stdout):
                if pipe is not None:
                    pipe.close()

    def _wait_for_warming(self, tenant_id: str) -> None:
        """A report asked while the books are being built waits until its tenant's are saved,
        then loads them (reading them here as well would only share the cores between two
        full reads)."""
        warming = self._warming
        if warming is None or warming.stdout is None:
            return
        while tenant_id not in self._warmed:
            line = warming.stdout.readline()
            if not line:  # done (or failed: what it did not save is read here)
                self.stop_warming()
                return
            self._warmed.add(line.strip())

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
                self._drop(kept)
            self.builds += 1
            kept = self._build(tenant_id)
            return kept.snapshot()

    def _build(self, tenant_id: str) -> TenantBooks:
        self._wait_for_warming(tenant_id)
        loaded = None
        if tenant_id not in self._read_whole:
            with books_store.collector_paused():
                saved = books_store.load(self.store, tenant_id)
                loaded = None if saved is None else TenantBooks(self.store, tenant_id, saved)
        self._read_whole.discard(tenant_id)
        if loaded is not None:
            if not loaded.refresh():  # what was written since the stamp
                self.loads += 1
                self._books[tenant_id] = loaded
                if len(loaded.handled) >= self.resave_after:
                    self._save(loaded)  # or every restart parses those documents again
                return loaded
            self._drop(loaded)
        with books_store.collector_paused():  # a sixth less CPU for the full read
            kept = self._books[tenant_id] = TenantBooks(self.store, tenant_id)
        self._save(kept)
        return kept

    @staticmethod
    def _save(books: TenantBooks) -> None:
        try:
            books.save()
        except sqlite3.OperationalError:  # a file another process holds, or read-only:
            pass  # the totals are only a head start for the next process

    def forget(self, tenant_id: str | None = None) -> None:
        """Drop a tenant's books (every tenant's with None): the next report reads them whole,
        whatever totals are saved."""
        with self.lock:
            every = [t["tenant_id"] for t in self.store.tenants()]
            for key in [tenant_id] if tenant_id else [*self._books, *every]:
                self._read_whole.add(key)
                dropped = self._books.pop(key, None)
                if dropped is not None:
                    self._drop(dropped)

    def _drop(self, books: TenantBooks) -> None:
        """Count what the books parsed, and break their reference cycles (their makers' lookups
        and their snapshot's open items are their own methods), so that they are freed even
        when frozen."""
        self._forgotten += books.documents
        books.maker.document = books.saved_maker.document = _nothing
        books._snapshot = books._last = None

    def stats(self) -> dict:
        with self.lock:
            return {
                "builds": self.builds,
                "hits": self.hits,
                "loads": self.loads,
                "warming": self._warming is not None and self._warming.poll() is None,
                "documents_scanned": self.documents_scanned,
            }
