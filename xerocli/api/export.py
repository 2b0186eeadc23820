"""The export engine: every record of one collection, per organisation, to a destination.

Commands (`xero export`) and the coming local mirror (`xero sync`) share it. It gets its
clients from the command's login (`Login`, the AppContext: its credentials, profile and shared
rate-limit ledger), pages each organisation concurrently under one in-process pacer, filters
by the high-water mark, and hands raw records to a `Destination` (the CLI's CSV/NDJSON files;
a database later). Marks move only after the destination has committed everything.

It never prints: progress goes to an `ExportEvents` object (the CLI's progress bar), the result
comes back as an `Outcome`, and mark moves go to the `xerocli.http` debug log.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from xerocli import errors

if TYPE_CHECKING:
    from xerocli.api.client import Limiter, XeroClient
    from xerocli.api.marks import HighWater, Mark, MarkStore, OffsetHighWater
    from xerocli.api.query import ListQuery
    from xerocli.api.resources import Resource
    from xerocli.api.stopper import Stopper

log = logging.getLogger("xerocli.http")


@dataclass(frozen=True)
class Tenant:
    """One organisation an export covers."""

    id: str
    name: str


class Login(Protocol):
    """Where the engine's clients come from: the command's own login (the AppContext), so an
    export uses the same credentials, profile, tenant choice and shared limiter as any
    command."""

    tenant_name: str | None

    def client(self) -> XeroClient:
        """The command's client, for its one organisation (`--tenant`, the selection, ...)."""
        ...

    def bare_client(self) -> XeroClient:
        """The login's client without an organisation (for `/connections`)."""
        ...

    def tenant_client(self, tenant_id: str, pacer: Limiter) -> XeroClient:
        """Another client of the same login for one organisation: the same token source and
        shared ledger, plus `pacer`. The caller closes it."""
        ...


class ExportEvents(Protocol):
    """What the engine reports while it runs (may be called from paging threads)."""

    def page(self, tenant: str, page_no: int, page_count: int | None, records: int) -> None: ...

    def records(self, count: int) -> None: ...

    def waited(self, tenant: str, seconds: float) -> None: ...


class Destination(Protocol):
    """Where the records go, complete or not at all: `commit()` once everything is written,
    `discard()` on any failure (the old content stays)."""

    def open(self, tenants: Sequence[Tenant]) -> None:
        """Get ready for these organisations; a destination that cannot be written fails here,
        before the first page is fetched."""
        ...

    def write(self, tenant: Tenant, records: list[dict]) -> int:
        """Write one page's records (already filtered by the mark); return the rows written."""
        ...

    def commit(self) -> list[str]:
        """Make the written data visible; return where it went (file paths, empty: stdout)."""
        ...

    def discard(self) -> None: ...

    # Optional, for a destination that writes text (CSV): `read_fields() -> wire.Fields | None`
    # names what it reads of a record, and `decoded_by(decoder)` then gets the
    # `wire.FieldsDecoder` whose pages it will be handed (`FieldsPage`s, dates left to it).
    # Or `page_decoder() -> decode | None`: the destination's own decoder of every page, also
    # of an incremental run's (the mirror: its records `.get` what the marks read).


@dataclass
class ExportPlan:
    """What to export: checked by the caller before any call is sent."""

    resource: Resource
    query: ListQuery
    incremental: bool = False
    all_tenants: bool = False
    #: The profile the marks are kept under.
    profile: str = "default"
    #: `all_tenants`' organisations when the caller listed them already (`connected_tenants`:
    #: a sync of many collections asks `/connections` once, not once a collection).
    tenants: Sequence[Tenant] | None = None
    #: The in-process pacer, when the caller keeps one across runs: a sync's collections share
    #: one, so the calls of the collections before are in its minute. A new pacer would read
    #: them in Xero's `X-MinLimit-Remaining` as other programs' calls, and keep that lowered
    #: limit for the rest of its run (at 60 a minute: 237 calls in 355 s, not 237 s).
    pacer: Limiter | None = None
    #: The records' lines are written (`export --lines`, a sync's line tables): a collection
    #: whose list leaves them out (`Resource.lines_by_record`) is read record by record.
    lines: bool = False

    @property
    def reads_each_record(self) -> bool:
        return self.lines and self.resource.lines_by_record


@dataclass
class Outcome:
    records: int = 0
    rows: int = 0
    skipped: int = 0
    paths: list[str] = field(default_factory=list)
    tenants: list[Tenant] = field(default_factory=list)
    #: (organisation, records at page 1, records at a later page) where the list changed
    #: while it was paged: a record may be missing, and the mark stayed.
    shifted: list[tuple[Tenant, int, int]] = field(default_factory=list)


@dataclass
class _Job:
    tenant: Tenant
    client: XeroClient
    owned: bool  # made for this export (closed at its end), not the command's own client
    mark: Mark | None = None
    high_water: HighWater | OffsetHighWater | None = None
    #: The list grew or shrank while it was paged (`paging.iter_pages_concurrent`'s
    #: `on_shift`): a record may have been skipped, so the mark does not move.
    shifted: tuple[int, int] | None = None
    #: The previous page's record IDs: a record moved across a page boundary while paging is
    #: written once (one page of IDs kept: memory stays flat).
    last_ids: frozenset = frozenset()


def run_export(
    plan: ExportPlan,
    login: Login,
    destination: Destination,
    *,
    marks: MarkStore,
    events: ExportEvents,
    stopper: Stopper,
) -> Outcome:
    """Run the export; raise on any failure with the destination discarded and marks kept.

    `stopper` is installed once the organisations are known and restored at the end; SIGTERM
    raises `errors.Terminated`, Ctrl-C `KeyboardInterrupt`, at the next safe point. With
    `all_tenants`, an organisation's failure names it (`errors.of_organisation`): the caller
    adds what it left of the others (nothing: the destination is discarded whole)."""
    from xerocli.api import heap
    from xerocli.api.marks import high_water_for
    from xerocli.api.pacing import pacer_from_env

    heap.keep_flat()  # before the paging threads: resident memory flat in N (api/heap.py)
    resource = plan.resource
    jobs: list[_Job] = []
    committed = False
    opened = False
    run_lock = getattr(marks, "run_lock", None)  # a file store's: one incremental run at once
    locked = (
        run_lock(plan.profile, resource.noun)
        if plan.incremental and run_lock is not None
        else contextlib.nullcontext()
    )
    with locked:
        try:
            if plan.incremental:  # before any call: a mark that cannot be kept fails first
                marks.check_writable(plan.profile)
            pacer = plan.pacer if plan.pacer is not None else pacer_from_env(on_wait=events.waited)
            jobs = _jobs(login, plan, pacer)
            for job in jobs:
                if plan.incremental:
                    job.mark = marks.load(plan.profile, job.tenant.id, resource.noun)
                job.high_water = high_water_for(resource, job.mark)
            stopper.install()
            opened = True
            destination.open([job.tenant for job in jobs])
            outcome = Outcome(tenants=[job.tenant for job in jobs])
            _fetch_into(plan, jobs, destination, outcome, events, stopper)
            stopper.check()
            outcome.paths = destination.commit()
            committed = True
            if plan.incremental:  # only now, with everything written, do the marks move
                _move_marks(plan, jobs, marks, outcome)
            return outcome
        finally:
            stopper.restore()
            if opened and not committed:
                destination.discard()
            for job in jobs:
                if job.owned:
                    job.client.close()


def _fetch_into(
    plan: ExportPlan,
    jobs: list[_Job],
    destination: Destination,
    outcome: Outcome,
    events: ExportEvents,
    stopper: Stopper,
) -> None:
    """Page every organisation at once; each page goes through its mark to the destination."""
    from xerocli.api import collector
    from xerocli.api.paging import merge_streams
    from xerocli.api.query import if_modified_since

    decode = _page_decoder(plan, destination)

    def stream(job: _Job) -> Any:
        headers = dict(plan.query.headers)
        params = dict(plan.query.params)
        if job.mark is not None and job.mark.since is not None:
            headers["If-Modified-Since"] = if_modified_since(job.mark.since)
        elif job.mark is not None:  # by offset: the journals numbered above the last one
            params["offset"] = job.mark.offset or 0

        def on_page(page_no: int, page_count: int | None, count: int) -> None:
            events.page(job.tenant.id, page_no, page_count, count)

        def on_shift(first: int, now: int) -> None:
            job.shifted = (first, now)

        pages = job.client.iter_pages_concurrently(
            plan.resource,
            params,
            headers,
            on_page=on_page,
            checkpoint=stopper.check,
            decode=decode,
            on_shift=on_shift,
        )
        return _named_pages(job.tenant, pages) if plan.all_tenants else pages

    # Only an incremental run drops records by the mark and moves it: a full one would parse
    # every record's `UpdatedDateUTC` for nothing (~2 us a record, 3% of an export's CPU).
    follow_marks = plan.incremental
    with collector.off_during_pages():  # pages are trees: freed without it (api/collector.py)
        for index, page in merge_streams([stream(job) for job in jobs], stopper.check):
            stopper.check()
            job = jobs[index]
            assert job.high_water is not None
            kept = _filtered(job.high_water, page) if follow_marks else page
            kept = _once(plan.resource, job, kept)
            if plan.reads_each_record:
                with _naming(job.tenant if plan.all_tenants else None):
                    kept = _with_lines(plan.resource, job.client, kept, stopper.check)
                counted = getattr(events, "record_calls", None)  # a sync counts its calls
                if counted is not None:
                    counted(job.tenant.id, len(kept))
            outcome.rows += destination.write(job.tenant, kept)
            outcome.records += len(kept)
            events.records(len(kept))
            del page, kept
    told = getattr(destination, "list_shifted", None)  # the mirror keeps its marks too
    for job in jobs:
        if job.shifted is not None:
            outcome.shifted.append((job.tenant, *job.shifted))
            if told is not None:
                told(job.tenant.id)


def _named_pages(tenant: Tenant, pages: Iterator[Any]) -> Iterator[Any]:
    """`pages` whose errors name `tenant`, raised in its paging thread: `merge_streams` hands
    on the first error of any stream without saying whose it was."""
    with _naming(tenant):
        yield from pages


def _naming(tenant: Tenant | None) -> contextlib.AbstractContextManager[None]:
    """An error of `tenant`'s calls raised as that organisation's: one of twelve failing must
    say which. None (the command's one organisation, which the user chose): as it was."""
    if tenant is None:
        return contextlib.nullcontext()
    return errors.of_organisation_calls(tenant.name, tenant.id)


def _page_decoder(plan: ExportPlan, destination: Destination) -> Any:
    """The pages' decoder where the destination reads only some fields (`read_fields`) and no
    mark needs the records whole (a full export): `wire.FieldsDecoder.loads`; else None
    (`wire.loads`)."""
    from xerocli.api import wire

    if plan.reads_each_record:  # its pages are replaced by whole records (`_with_lines`)
        return None
    own = getattr(destination, "page_decoder", None)
    if own is not None:  # a destination that decodes its own pages (the mirror's fields)
        return own()
    read_fields = getattr(destination, "read_fields", None)
    fields = None if plan.incremental or read_fields is None else read_fields()
    if fields is None:
        return None
    decoder = wire.FieldsDecoder(plan.resource.records_key, fields)
    destination.decoded_by(decoder)  # type: ignore[attr-defined]
    return decoder.loads


def _with_lines(
    resource: Resource, client: XeroClient, records: list, checkpoint: Callable[[], None]
) -> list[dict]:
    """Each record as `GET /{Collection}/{ID}` answers it, lines and all: Xero's unpaged
    lists leave the lines out, and an export `--lines` of them wrote empty line columns with
    exit 0. One call a record, through the same limiter as every call."""
    whole = []
    for record in records:
        checkpoint()
        whole.append(client.get_one(resource, str(record[resource.id_field])))
    return whole


def _once(resource: Resource, job: _Job, page: list) -> list:
    """The page without the records the previous page had: one moved across the boundary
    (a record before it left the list while the pages were fetched) is written once."""
    key = resource.id_field

    def id_of(record: Any) -> str | None:  # a dict, or a fields page's Struct
        value = record.get(key) if isinstance(record, dict) else getattr(record, key, None)
        return None if value is None else str(value)

    ids = frozenset(filter(None, map(id_of, page)))
    repeated = ids & job.last_ids
    job.last_ids = ids
    if not repeated:
        return page
    return _like(page, [record for record in page if id_of(record) not in repeated])


def _filtered(high_water: Any, page: list) -> list:
    """The page's records past the mark, as the same kind of page (`_like`)."""
    return _like(page, list(high_water.filter(page)))


def _like(page: list, kept: list) -> list:
    """`kept` as the same kind of page: a fields page (`wire.FieldsPage`) stays one, with its
    text (a destination that cannot write its fields decodes that text in full)."""
    from xerocli.api import wire

    if isinstance(page, wire.FieldsPage):
        fields_page = wire.FieldsPage(kept)
        fields_page.text = page.text
        return fields_page
    return kept


def _move_marks(plan: ExportPlan, jobs: list[_Job], marks: MarkStore, outcome: Outcome) -> None:
    for job in jobs:
        assert job.high_water is not None
        new_mark = job.high_water.mark() if job.shifted is None else None
        if new_mark is not None:
            marks.save(plan.profile, job.tenant.id, plan.resource.noun, new_mark)
        outcome.skipped += job.high_water.skipped
        log.debug(
            "export mark %s %s: %s",
            job.tenant.name,
            plan.resource.noun,
            new_mark.describe() if new_mark else "unchanged",
        )


def connected_tenants(login: Login) -> list[Tenant]:
    """Every organisation connected to the login (`GET /connections`), or an auth error."""
    from xerocli.api.credentials import list_connections

    connections = list_connections(login.bare_client())
    if not connections:
        raise errors.AuthError("no organisation is connected to this login: run `xero auth login`")
    return [
        Tenant(str(c["tenantId"]), str(c.get("tenantName") or c["tenantId"])) for c in connections
    ]


def _jobs(login: Login, plan: ExportPlan, pacer: Limiter) -> list[_Job]:
    """One client per organisation, all of the command's login, all paced by `pacer`.

    One organisation: the command's own client (its tenant choice), with the pacer chained
    after the shared ledger. `--all-tenants`: every connection of the login (the plan's, or
    listed now), each with a client of its own sharing the login's token source (one refresh
    serves all) and ledger."""
    from xerocli.api.pacing import ChainedLimiter

    if not plan.all_tenants:
        client = login.client()
        client.limiter = ChainedLimiter(client.limiter, pacer)
        tenant_id = str(client.tenant_id)
        return [_Job(Tenant(tenant_id, login.tenant_name or tenant_id), client, owned=False)]
    tenants = plan.tenants if plan.tenants is not None else connected_tenants(login)
    jobs: list[_Job] = []
    try:
        for tenant in tenants:
            jobs.append(_Job(tenant, login.tenant_client(tenant.id, pacer), owned=True))
    except BaseException:
        for job in jobs:
            job.client.close()
        raise
    return jobs
