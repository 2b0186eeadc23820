"""A whole `xero sync`: each chosen collection in turn, every organisation at once.

Each collection is one run of the core's export engine (`api/export.py`: organisations,
pacing, concurrent paging, retries) into a `CollectionLoad` (one transaction with its marks),
so a sync costs what an export of the same collections costs: one call a page, and after the
first run only the pages of what changed (`If-Modified-Since` from the mark in the database).
A failure or a stop ends the sync at the last complete collection; the next run goes on from
there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from xerocli.api.export import ExportPlan, connected_tenants
from xerocli.mirror import schema
from xerocli.mirror.load import CollectionLoad, clock_margin, incremental_by_mark

if TYPE_CHECKING:
    from xerocli.api.export import ExportEvents, Login
    from xerocli.api.resources import Resource
    from xerocli.api.stopper import Stopper
    from xerocli.mirror.backends.base import Backend


@dataclass
class CollectionResult:
    resource: Resource
    records: int  # records written (new or changed)
    rows: int  # rows written, child rows included
    skipped: int  # unchanged at the mark, left out
    calls: int
    tenants: int
    full: bool


class _CountingEvents:
    """The command's progress events, with each page counted for the collection's state."""

    def __init__(self, events: ExportEvents, load: CollectionLoad) -> None:
        self.events = events
        self.load = load

    def page(self, tenant: str, page_no: int, page_count: int | None, records: int) -> None:
        self.load.page_fetched(tenant)
        self.events.page(tenant, page_no, page_count, records)

    def record_calls(self, tenant: str, count: int) -> None:
        """The calls of a collection read record by record (`Resource.lines_by_record`)."""
        for _ in range(count):
            self.load.page_fetched(tenant)

    def records(self, count: int) -> None:
        self.events.records(count)

    def waited(self, tenant: str, seconds: float) -> None:
        self.events.waited(tenant, seconds)


class _WaitRelay:
    """The sync's one pacer reports its waits to the collection being synced."""

    def __init__(self) -> None:
        self.events: ExportEvents | None = None

    def __call__(self, tenant: str, seconds: float) -> None:
        if self.events is not None:
            self.events.waited(tenant, seconds)


def sync_order(resources: Sequence[Resource]) -> list[Resource]:
    """The order a sync runs its collections in: the first as given (invoices, for a whole
    sync), then those paged by offset (Journals), then the rest as given.

    At Xero's limits a call's slot frees a minute after the call, so each minute's calls come at
    the times the first minute's came, and a minute whose calls came late (the client busy on
    big pages) makes every later minute late too: the sync's tail past the rate-limit floor is
    the spread of its most spread-out minute. The first collection's big pages (invoices: a
    page of 1,000 with their lines takes the client a few hundred ms) set that spread. Journals'
    calls each take the client little (100 journals) and follow one another, so right after
    it they fill the minutes without spreading them further, and the other big collections
    (payments, bank transactions) come later, in slots the first minute has spread out
    already, instead of adding their pages to its spread (benchmarks/README.md)."""
    chosen = list(resources)
    if len(chosen) < 3:
        return chosen
    first, rest = chosen[0], chosen[1:]
    by_offset = [r for r in rest if r.offset_field]
    return [first, *by_offset, *(r for r in rest if not r.offset_field)]


def sync_query(resource: Resource) -> Any:
    """Everything of a collection, archived and deleted records too (`includeArchived`,
    `includeDeleted` where the table offers them): a mirror keeps every status. Only those
    flags: another (Journals' `paymentsOnly`) narrows the list, to the cash basis."""
    from xerocli.api.query import build_list_query

    flags = {
        spec.option: True
        for spec in resource.filters
        if spec.kind == "flag" and spec.target.startswith("include")
    }
    return build_list_query(resource, flags)


@dataclass(frozen=True)
class SyncHooks:
    """What the command gives a sync: per collection its progress (closed after it) and the
    stopper the engine installs while it runs; what to do with each result."""

    events_for: Callable[[Resource], Any]
    stopper_for: Callable[[Resource], Stopper]
    on_done: Callable[[CollectionResult], None]
    #: Installed for the whole sync: a SIGTERM or Ctrl-C between two collections.
    between: Stopper | None = None


def run_sync(
    backend: Backend,
    resources: Sequence[Resource],
    login: Login,
    hooks: SyncHooks,
    *,
    full: bool,
    all_tenants: bool,
    profile: str,
) -> list[CollectionResult]:
    """Sync `resources` in `sync_order`; raise on the first failure (that collection rolled
    back, the ones before it kept)."""
    from xerocli.api.pacing import pacer_from_env

    results = []
    margin = clock_margin()  # checked before any call
    relay = _WaitRelay()
    # One pacer for every collection: it knows the calls of the ones before (see ExportPlan).
    pacer = pacer_from_env(on_wait=relay)
    run_at = datetime.now(timezone.utc)
    between = hooks.between
    if between is not None:
        between.install()
    try:
        # Once a run, not once a collection: the organisations do not change within one.
        tenants = connected_tenants(login) if all_tenants else None
        with backend.writing():  # SQLite: its statements run by a second process
            for resource in sync_order(resources):
                if between is not None:
                    between.check()
                plan = ExportPlan(
                    resource,
                    sync_query(resource),
                    incremental=not full and incremental_by_mark(resource),
                    all_tenants=all_tenants,
                    profile=profile,
                    tenants=tenants,
                    pacer=pacer,
                    # Lines read record by record (`lines_by_record`) only where a mark keeps
                    # that to the changed records: a collection synced whole each run
                    # (repeating invoices) would cost a call a record every run.
                    lines=bool(resource.lines_field) and incremental_by_mark(resource),
                )
                results.append(_sync_one(backend, plan, login, run_at, margin, hooks, relay))
                hooks.on_done(results[-1])
    finally:
        if between is not None:
            between.restore()
    return results


def _sync_one(
    backend: Backend,
    plan: ExportPlan,
    login: Login,
    run_at: datetime,
    margin: timedelta,
    hooks: SyncHooks,
    relay: _WaitRelay,
) -> CollectionResult:
    """One collection, every organisation: one run of the export engine, one transaction."""
    from xerocli.api.export import run_export

    resource = plan.resource
    whole = not plan.incremental
    load = CollectionLoad(backend, schema.collection_table(resource), run_at, whole, margin)
    progress = hooks.events_for(resource)
    events = _CountingEvents(progress, load)
    relay.events = events
    client = None if plan.all_tenants else login.client()
    limiter = client.limiter if client is not None else None
    try:
        outcome = run_export(
            plan,
            login,
            load,  # type: ignore[arg-type]
            marks=load,  # type: ignore[arg-type]
            events=events,
            stopper=hooks.stopper_for(resource),
        )
    finally:
        relay.events = None
        progress.close()
        if client is not None:  # the engine chains its pacer on: one per collection
            client.limiter = limiter
    return CollectionResult(
        resource,
        outcome.records,
        outcome.rows,
        outcome.skipped,
        sum(run.calls for run in load.runs.values()),
        len(outcome.tenants),
        whole,
    )
