"""One collection into the mirror: the export engine's destination, and its mark store.

The engine (`api/export.py`) pages every organisation, filters each page by the high-water
mark and hands the records here. This object opens one transaction for the collection, writes
each page as it comes (records upserted by key, their child rows replaced), and in `commit()`
writes the new marks into `_sync_state` and commits: rows and the mark they cover move
together, so a Ctrl-C, a SIGKILL or a failed call leaves the collection as the last run left it
(`discard()` rolls back), and the next run starts from the same mark.

The engine asks its mark store for each organisation's mark before the first call and tells
it the new one after `commit()`; here the marks live in the database itself, so `load()`
reads `_sync_state` and `save()` has nothing left to do (the commit moved them).

A full run (the first, `--full`, and collections Xero gives no modification time for) marks
the rows Xero no longer returned with `missing_since` instead of deleting them.

The mark never passes the start of the run (less `CLOCK_MARGIN`, or `XERO_SYNC_CLOCK_MARGIN`
seconds, for a clock behind Xero's). A record changed while the pages were fetched may be on a
page fetched before the change, while a later change to another record is seen: a mark at that
later time would skip the first record for ever. Up to the start of the run every change is in
what was fetched, so the next run asks from there; it may fetch a few records again (written
again, unchanged).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from xerocli import errors
from xerocli.api.marks import HighWater, Mark, high_water_for, iso_utc, parse_utc
from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend, quoted
from xerocli.mirror.rows import Unserved, compile_fields_maker, compile_maker
from xerocli.mirror.schema import Table

if TYPE_CHECKING:
    from xerocli.api.export import Tenant
    from xerocli.api.resources import Resource

#: How far Xero's clock may be ahead of ours without a change being missed.
CLOCK_MARGIN = timedelta(minutes=5)
#: Another margin, in seconds (0 for a clock known to match Xero's, as the sandbox's does).
ENV_CLOCK_MARGIN = "XERO_SYNC_CLOCK_MARGIN"


def clock_margin() -> timedelta:
    """`XERO_SYNC_CLOCK_MARGIN` seconds, else `CLOCK_MARGIN`; a usage error when unreadable."""
    raw = os.environ.get(ENV_CLOCK_MARGIN, "").strip()
    if not raw:
        return CLOCK_MARGIN
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 86_400:
        raise errors.UsageError(
            f"{ENV_CLOCK_MARGIN}: {raw!r} is not a number of seconds from 0 to 86399"
        )
    return timedelta(seconds=seconds)


@dataclass
class TenantRun:
    """What one organisation's part of the run has seen."""

    tenant: Tenant
    high_water: HighWater
    fresh: bool  # no rows of this organisation yet: nothing to delete first
    #: The IDs written so far, kept on a fresh run only (to find a record met twice).
    written: set[str] = field(default_factory=set)
    records: int = 0
    calls: int = 0
    #: The list changed while it was paged (`list_shifted`): a record may have been
    #: skipped, so this run keeps the previous mark and the next one reads the range again.
    shifted: bool = False


@dataclass
class CollectionLoad:
    """The destination (and mark store) of one collection's run; see the module docstring."""

    backend: Backend
    table: Table
    run_at: datetime
    full: bool
    margin: timedelta = CLOCK_MARGIN
    runs: dict[str, TenantRun] = field(default_factory=dict)
    _open: bool = False

    def __post_init__(self) -> None:
        resource = self.table.resource
        assert resource is not None
        self.resource = resource
        self.make_rows = compile_maker(self.table, self.backend)
        #: The pages' fields decoder and its row maker (mirror/fields.py); made on first use.
        self.decoder: Any = None
        self.make_fields_rows: Any = None
        #: Pages made from the full decode because their fields could not serve (`Unserved`).
        self.unserved_pages = 0
        self.tables = self.table.walk()
        self.synced_at = self.backend.timestamp_value(self.run_at)
        self.complete_until = self.run_at - self.margin
        self.children = self.tables[1:]

    # --- the mark store the engine asks --------------------------------------------------
    def check_writable(self, profile: str) -> None:
        """The database was opened (and written) before the run: nothing more to check."""

    def load(self, profile: str, tenant_id: str, noun: str) -> Mark | None:
        with self.backend.failing("reading the marks of"):
            return read_mark(self.backend, tenant_id, self.table.name)

    def save(self, profile: str, tenant_id: str, noun: str, mark: Mark) -> None:
        """Already in `_sync_state`: `commit()` wrote it in the transaction of its rows."""

    # --- the destination -----------------------------------------------------------------
    def open(self, tenants: Sequence[Tenant]) -> None:
        with self.backend.failing("writing to"):
            self._open_tenants(tenants)

    def _open_tenants(self, tenants: Sequence[Tenant]) -> None:
        b = self.backend
        b.begin()
        self._open = True
        incremental = not self.full and incremental_by_mark(self.resource)
        p = b.placeholder
        for tenant in tenants:
            previous = read_mark(b, tenant.id, self.table.name) if incremental else None
            count = b.scalar(
                f"SELECT count(*) FROM {quoted(self.table.name)} WHERE tenant_id = {p}",
                (tenant.id,),
            )
            self.runs[tenant.id] = TenantRun(
                tenant, high_water_for(self.resource, previous), fresh=not count
            )
            b.execute(
                f'INSERT INTO "tenants" ("tenant_id", "tenant_name", "first_synced_at",'
                f' "last_synced_at") VALUES ({p}, {p}, {p}, {p}) ON CONFLICT ("tenant_id")'
                ' DO UPDATE SET "tenant_name" = excluded."tenant_name",'
                ' "last_synced_at" = excluded."last_synced_at"',
                (tenant.id, tenant.name, self.synced_at, self.synced_at),
            )

    def list_shifted(self, tenant_id: str) -> None:
        run = self.runs.get(tenant_id)
        if run is not None:
            run.shifted = True

    def page_fetched(self, tenant_id: str) -> None:
        run = self.runs.get(tenant_id)
        if run is not None:
            run.calls += 1

    def page_decoder(self) -> Any:
        """The engine's decoder of this collection's pages: only the fields the tables store
        (`fields.page_decoder`), records that `.get` as the full decode's dicts for the marks;
        None (the full decode) where they cannot serve."""
        from xerocli.mirror.fields import page_decoder

        self.decoder = page_decoder(self.table)
        if self.decoder is None:
            return None
        self.make_fields_rows = compile_fields_maker(self.table, self.backend)
        return self.decoder.loads

    def write(self, tenant: Tenant, records: list[dict]) -> int:
        with self.backend.failing("writing to"):
            return self._write(tenant, records)

    def _rows_of(self, run: TenantRun, records: list[dict]) -> list[list[tuple]]:
        """The rows of a page's records; a fields page (`wire.FieldsPage`) that its maker
        cannot serve is decoded in full and made as any other page."""
        text = getattr(records, "text", None)
        make = self.make_rows
        if text is not None and self.make_fields_rows is not None:
            make = self.make_fields_rows
        while True:
            # The engine has filtered by the mark; the same filter here finds the next mark
            # (the same records again after a fall-back: the same mark).
            kept = list(run.high_water.filter(records))
            by_id: dict[Any, Any] = {}
            for record in kept:  # a record twice in one page: the last one counts
                by_id[record.get(self.resource.id_field)] = record
            out: list[list[tuple]] = [[] for _ in self.tables]
            try:
                make(list(by_id.values()), run.tenant.id, self.synced_at, out)
            except Unserved:
                self.unserved_pages += 1
                # Every record of the page, as the full decode gives them: those the engine
                # dropped at the mark, the filter above drops again.
                records = self.decoder.full_records(text)
                make = self.make_rows
                continue
            return out

    def _write(self, tenant: Tenant, records: list[dict]) -> int:
        run = self.runs[tenant.id]
        out = self._rows_of(run, records)
        b = self.backend
        roots = out[0]
        keys = [(row[0], row[1]) for row in roots]
        if run.fresh:
            # Nothing of this organisation was there: only a record met again in this run
            # (moved to a later page by a change while paging) has child rows to replace.
            again = [key for key in keys if key[1] in run.written]
            run.written.update(key[1] for key in keys)
            keys = again
        if keys:
            for child in reversed(self.children):  # deepest first: no row without its parent
                b.delete_records(child, keys)
        b.write_rows(self.table, roots, upsert=True)
        for child, rows in zip(self.children, out[1:], strict=True):
            b.write_rows(child, rows, upsert=False)
        run.records += len(roots)
        return sum(len(rows) for rows in out)

    def commit(self) -> list[str]:
        with self.backend.failing("committing to"):
            self._commit()
        self._open = False
        return []

    def _commit(self) -> None:
        b = self.backend
        p = b.placeholder
        for run in self.runs.values():
            by_mark = incremental_by_mark(self.resource)
            # An organisation with no rows before this run has none this run did not write:
            # nothing to mark missing, and no reason to read its whole table again.
            if (self.full or not by_mark) and not run.fresh:
                b.execute(
                    f"UPDATE {quoted(self.table.name)} SET {quoted(schema.MISSING_SINCE)} = {p}"
                    f" WHERE tenant_id = {p} AND {quoted(schema.SYNCED_AT)} <> {p}"
                    f" AND {quoted(schema.MISSING_SINCE)} IS NULL",
                    (self.synced_at, run.tenant.id, self.synced_at),
                )
            mark = run.high_water.mark() if by_mark and not run.shifted else None
            if mark is not None and mark.since is not None and mark.since > self.complete_until:
                mark = Mark(self.complete_until)
            previous = run.high_water.previous
            kept = mark or previous
            whole = self.full or not by_mark or previous is None
            full_at = self.synced_at if whole else None
            b.execute(
                f'INSERT INTO "_sync_state" ("tenant_id", "collection", "tenant_name",'
                ' "mark_since", "mark_ids", "mark_offset", "last_run_at", "last_full_at",'
                ' "last_run_records", "last_run_calls")'
                f" VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p})"
                ' ON CONFLICT ("tenant_id", "collection") DO UPDATE SET'
                ' "tenant_name" = excluded."tenant_name", "mark_since" = excluded."mark_since",'
                ' "mark_ids" = excluded."mark_ids", "mark_offset" = excluded."mark_offset",'
                ' "last_run_at" = excluded."last_run_at",'
                ' "last_full_at" = coalesce(excluded."last_full_at", "_sync_state"."last_full_at"),'
                ' "last_run_records" = excluded."last_run_records",'
                ' "last_run_calls" = excluded."last_run_calls"',
                (
                    run.tenant.id,
                    self.table.name,
                    run.tenant.name,
                    iso_utc(kept.since) if kept and kept.since else None,
                    json.dumps(sorted(kept.ids_at_mark)) if kept and kept.since else None,
                    kept.offset if kept and kept.since is None else None,
                    self.synced_at,
                    full_at,
                    run.records,
                    run.calls,
                ),
            )
        b.commit()

    def discard(self) -> None:
        if self._open:
            self._open = False
            with contextlib.suppress(*self.backend.database_errors):
                self.backend.rollback()


def read_mark(backend: Backend, tenant_id: str, collection: str) -> Mark | None:
    p = backend.placeholder
    _, rows = backend.query(
        f'SELECT "mark_since", "mark_ids", "mark_offset" FROM "_sync_state"'
        f' WHERE "tenant_id" = {p} AND "collection" = {p}',
        (tenant_id, collection),
    )
    found = list(rows)
    if not found:
        return None
    since, ids, offset = found[0]
    if since:
        return Mark(parse_utc(since), frozenset(json.loads(ids or "[]")))
    return Mark(None, offset=int(offset)) if offset is not None else None


def incremental_by_mark(resource: Resource) -> bool:
    """A run can start at a mark: a modification time (If-Modified-Since), or for a
    collection paged by offset (Journals) the last number mirrored. Not for an unpaged list
    whose records Xero deletes outright (items, accounts): read whole, it costs the same one
    call and shows which are gone (a deleted item stayed live in the mirror until `--full`)."""
    if resource.deleted_outright and not resource.paged:
        return False
    return resource.modified_since or resource.offset_field is not None
