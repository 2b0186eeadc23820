"""Each tenant's books, read once and kept up to date from what was written since.

On first use a tenant's posted documents are all parsed, each into its part
(`book_parts.py`), and the parts summed. On each later request the store is asked which rows
were written since the last look (their indexed `updated` time and row number), and only those
are parsed again: the old part taken away, the new one added, and the payments of a changed
invoice or credit note redone. However a record was written (the API, another process), the
next report sees it; a change to the chart reads everything again.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date
from decimal import Decimal

from xerocli.sandbox import resources
from xerocli.sandbox.book_parts import Part, PartMaker
from xerocli.sandbox.books import Books, OpenItem, TrackingOption
from xerocli.sandbox.ledger import ZERO, chart, journal_kinds
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads


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
        self.parts: dict[tuple[str, str], tuple[tuple[str, str], Part]] = {}
        self.payments_of: dict[str, set[tuple[str, str]]] = defaultdict(set)  # (kind, ID)
        #: Invoice or credit note ID (lower case) -> its part, for its payments.
        self.documents_by_id: dict[str, Part] = {}
        self.maker = PartMaker(
            self.base, self.codes_by_id, self.bank_codes, self.tracking, self.documents_by_id
        )
        self.last_updated: dict[str, str] = {}
        self.last_seq = 0
        self.documents = 0
        self._snapshot: Books | None = None
        self._last: Books | None = None
        self._touched: set[tuple[str, str]] = set()
        self._sorted_items: list[OpenItem] | None = None
        self._load_all()

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
        kinds = journal_kinds()
        roles = [resources.get(kind).books.role for kind, _ in kinds]
        for index, (kind, statuses) in enumerate(kinds):
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
                if roles[index] == "open_item":
                    changed_docs.append(record_id.lower())
                if roles[index] == "payment":
                    redo.discard((kind, record_id))
            if roles[index] == "open_item" and roles[index + 1 : index + 2] != ["open_item"]:
                # A changed invoice or credit note changes its payments' cash basis.
                redo = {p for doc in changed_docs for p in self.payments_of.get(doc, ())}
        for payment_kind, payment_id in redo:
            key = (payment_kind, payment_id)
            kept = self.parts.get(key)
            body = self.store.get_body(self.tenant_id, payment_kind, payment_id)
            if kept is not None and body is not None:
                self._remove(key)
                self._add(payment_kind, payment_id, kept[0], loads(body))
        return False

    # --- adding and taking away parts ------------------------------------------------------
    def _add(self, kind: str, record_id: str, stamp: tuple[str, str], record: dict) -> None:
        self.documents += 1
        part = self.maker.part(kind, record)
        if part is None:
            return
        self.parts[(kind, record_id)] = (stamp, part)
        if part.item is not None:
            self.documents_by_id[part.item.doc_id] = part
        self._apply(part, Decimal(1), f"{kind}:{record_id}")
        if part.pays:
            self.payments_of[part.pays].add((kind, record_id))

    def _remove(self, key: tuple[str, str]) -> None:
        _, part = self.parts.pop(key)
        if part.item is not None:
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

    # --- what the reports read -------------------------------------------------------------
    def snapshot(self) -> Books:
        """The books as they are now (made again only after a change, and then only the
        running totals of the accounts it touched)."""
        if self._snapshot is None:
            if self._sorted_items is None:
                self._sorted_items = sorted(self.items.values(), key=lambda i: (i.day, i.number))
            previous = self._last
            self._snapshot = self._last = Books(
                self.accounts,
                dict(self.entries),
                self._sorted_items,
                {key: list(flow) for key, flow in self.flows.items()},
                self.tracking,
                {day: list(values) for day, values in self.tax.items()},
                self.documents,
                previous,
                set(self._touched) if previous is not None else None,
            )
            self._touched.clear()
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
