"""`xero export csv|ndjson OBJECT`: every record of an object to a file, in fixed columns.

The command parses options and wires the parts together: the list query
(`api/query.py`), concurrent paging and pacing (`api/paging.py`, `api/pacing.py`), marks
(`api/marks.py`), flattening and crash-safe files (`output/flatten.py`,
`output/exportfile.py`). Columns come from the resource table's `export_columns`.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from xerocli import errors
from xerocli.api.resources import RESOURCES, TENANT_COLUMNS, Resource
from xerocli.cli.choices import OfferedText

app = typer.Typer(
    name="export",
    no_args_is_help=True,
    help="Export every record of an object to CSV or NDJSON, in fixed documented columns.",
)

NOUNS = ", ".join(r.noun for r in RESOURCES)


Terminated = errors.Terminated  # SIGTERM: the export stops at the next safe point, cleaned up


class Stopper:
    """Signal handlers that only take note; `check()` raises at a safe point of ours.

    Raising from the handler itself could land inside a lock held by a paging thread (and
    hang the exit), so SIGTERM and the first Ctrl-C just set a flag that the export checks
    between pages and while it waits. A second Ctrl-C stops at once.
    """

    def __init__(self) -> None:
        self.signal_name: str | None = None
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            self._previous[signum] = signal.signal(signum, self._note)

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _note(self, signum: int, frame: Any) -> None:
        if self.signal_name == "SIGINT" and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal_name = signal.Signals(signum).name

    def check(self) -> None:
        if self.signal_name == "SIGTERM":
            raise Terminated(
                "terminated (SIGTERM): the export was not written and its mark did not move"
            )
        if self.signal_name == "SIGINT":
            raise KeyboardInterrupt


def _resource(noun: str) -> Resource:
    from xerocli.api.resources import resource

    try:
        return resource(noun)
    except KeyError:
        raise errors.UsageError(f"OBJECT: {noun!r} is not one of {NOUNS}") from None


def export_columns(resource: Resource, *, lines: bool, all_tenants: bool) -> list[str]:
    if lines and not resource.lines_field:
        with_lines = ", ".join(r.noun for r in RESOURCES if r.lines_field)
        raise errors.UsageError(
            f"--lines: {resource.noun} have no line items (only {with_lines} do)"
        )
    columns = list(resource.export_columns)
    if lines:
        columns += resource.line_columns
    if all_tenants:
        columns = list(TENANT_COLUMNS) + columns
    return columns


def pick_columns(
    resource: Resource, available: list[str], fields: str | None, *, lines: bool, all_tenants: bool
) -> list[str]:
    """`--fields`: any field path of the resource (the language of `list --fields`), the
    `LineItem.*` columns with `--lines`, TenantId/TenantName with `--all-tenants`; checked
    before any call."""
    if not fields:
        return available
    from xerocli.output.schema import check_fields

    chosen = [part.strip() for part in fields.split(",") if part.strip()]
    constants = TENANT_COLUMNS if all_tenants else ()
    return check_fields(resource, chosen, lines=lines, constants=constants)


@dataclass
class TenantJob:
    tenant_id: str
    tenant_name: str
    client: Any
    mark: Any = None
    high_water: Any = None
    target: Any = None  # per-tenant file, when -o has {tenant}
    sink: Any = None
    flattener: Any = None
    records: int = 0


@dataclass
class Outcome:
    records: int = 0
    rows: int = 0
    skipped: int = 0
    paths: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "tenant"


def _target_for(output: str, tenant: TenantJob | None) -> Any:
    from xerocli.output.exportfile import AtomicFile, StdoutTarget

    if output == "-":
        return StdoutTarget()
    path = output
    if tenant is not None:
        path = path.replace("{tenant}", _slug(tenant.tenant_name)).replace(
            "{tenant_id}", tenant.tenant_id
        )
    return AtomicFile(checked_output_path(Path(path).expanduser()))


def checked_output_path(path: Path) -> Path:
    """`path`, once its directory is known to exist: like a shell's `> typo/dir/x.csv`, an
    export never creates directories (a typo would otherwise leave a tree behind)."""
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise errors.UsageError(f"-o {path}: the directory {parent} {what}")
    return path


def _open(target: Any) -> Any:
    """The target's stream; a file that cannot be created there is named as bad input."""
    try:
        return target.open()
    except OSError as exc:
        name = getattr(target, "target", "-")
        raise errors.UsageError(f"-o {name}: cannot write it ({exc.strerror})") from None


def _tenants(app_ctx: Any, all_tenants: bool, limiter: Any) -> list[TenantJob]:
    from xerocli.api.client import XeroClient
    from xerocli.api.pacing import ChainedLimiter

    if not all_tenants:
        client = app_ctx.client()
        client.limiter = ChainedLimiter(client.limiter, limiter)
        return [TenantJob(client.tenant_id, app_ctx.tenant_name or client.tenant_id, client)]
    from xerocli.api.credentials import list_connections, resolve_token_source

    endpoints = app_ctx.endpoints()
    tokens = resolve_token_source(endpoints, sandbox=app_ctx.options.sandbox)
    lister = XeroClient(endpoints, tokens, None)
    try:
        connections = list_connections(lister)
    finally:
        lister.close()
    if not connections:
        raise errors.AuthError("no organisation is connected to this login: run `xero auth login`")
    return [
        TenantJob(
            str(c["tenantId"]),
            str(c.get("tenantName") or c["tenantId"]),
            XeroClient(
                endpoints,
                tokens,
                str(c["tenantId"]),
                limiter=ChainedLimiter(app_ctx.bare_client().limiter, limiter),
            ),
        )
        for c in connections
    ]


def _limiter(progress: Any) -> Any:
    from xerocli.api.limiter import Budget
    from xerocli.api.pacing import InProcessLimiter

    # The same budget as the shared ledger (XERO_RATE_MINUTE_CALLS, _WINDOW_SECONDS, _CONCURRENT).
    budget = Budget.from_env()
    return InProcessLimiter(
        minute_limit=budget.minute_calls,
        concurrent=budget.concurrent,
        minute_seconds=budget.window_seconds,
        on_wait=progress.waited,
    )


def run_export(
    ctx: typer.Context,
    fmt: str,
    noun: str,
    output: str,
    lines: bool,
    fields: str | None,
    excel: bool,
    incremental: bool,
    all_tenants: bool,
    since: str | None,
    where: str | None,
    filters: dict[str, str | list[str] | None],
) -> None:
    from xerocli.api.query import build_list_query

    resource = _resource(noun)
    offered = {spec.option for spec in resource.filters}
    for option, value in filters.items():
        if value not in (None, [], ()) and option not in offered:
            raise errors.UsageError(f"--{option}: {resource.noun} take no --{option} filter")
    if incremental and not resource.modified_since:
        raise errors.UsageError(
            f"--incremental: Xero's {resource.name} carry no modification time; export them whole"
        )
    if incremental and since:
        raise errors.UsageError(
            "--since and --incremental disagree: --incremental sends the mark of the last run"
        )
    if excel and fmt != "csv":
        raise errors.UsageError("--excel is for CSV only")
    if ("{tenant" in output) and output == "-":
        raise errors.UsageError("-o: {tenant} needs a file name")
    if output != "-" and "{tenant" not in output:
        checked_output_path(Path(output).expanduser())
    columns = pick_columns(
        resource,
        export_columns(resource, lines=lines, all_tenants=all_tenants),
        fields,
        lines=lines,
        all_tenants=all_tenants,
    )
    query = build_list_query(resource, filters, where=where, since=since)

    stopper = Stopper()
    try:
        outcome = _export(
            ctx.obj,
            fmt,
            resource,
            output,
            columns,
            lines,
            excel,
            incremental,
            all_tenants,
            query,
            stopper,
        )
    except KeyboardInterrupt:
        raise errors.Interrupted(
            "interrupted: the export was not written and its mark did not move"
        ) from None
    finally:
        stopper.restore()
    where_to = ", ".join(outcome.paths) if outcome.paths else "stdout"
    extra = f" ({outcome.rows} rows)" if outcome.rows != outcome.records else ""
    skipped = f"; {outcome.skipped} unchanged at the mark left out" if outcome.skipped else ""
    ctx.obj.io.info(
        f"Exported {outcome.records} {resource.noun.replace('-', ' ')}{extra} to"
        f" {where_to}{skipped}."
    )


def _export(
    app_ctx: Any,
    fmt: str,
    resource: Resource,
    output: str,
    columns: list[str],
    lines: bool,
    excel: bool,
    incremental: bool,
    all_tenants: bool,
    query: Any,
    stopper: Stopper,
) -> Outcome:
    from xerocli import config
    from xerocli.api.marks import HighWater, MarkStore, iso_utc
    from xerocli.api.paging import merge_streams
    from xerocli.output.delimited import SINKS
    from xerocli.output.flatten import Flattener

    progress = app_ctx.io.progress(f"Exporting {resource.noun}")
    jobs: list[TenantJob] = []
    targets: list[Any] = []
    committed = False
    sink_class = SINKS[fmt]
    try:
        limiter = _limiter(progress)
        jobs = _tenants(app_ctx, all_tenants, limiter)
        marks = MarkStore(config.state_dir())
        profile = app_ctx.options.profile or "default"
        for job in jobs:
            if incremental:
                job.mark = marks.load(profile, job.tenant_id, resource.noun)
            job.high_water = HighWater(resource.id_field, job.mark)
            job.flattener = Flattener(
                columns, resource.lines_field if lines else None, resource.line_prefix
            )
            if all_tenants:
                job.flattener.set_constants(
                    {"TenantId": job.tenant_id, "TenantName": job.tenant_name}
                )
        stopper.install()
        per_tenant = "{tenant" in output
        if per_tenant:
            for job in jobs:
                job.target = _target_for(output, job)
                targets.append(job.target)
                job.sink = sink_class(_open(job.target), columns, excel=excel)
        else:
            target = _target_for(output, None)
            targets.append(target)
            sink = sink_class(_open(target), columns, excel=excel)
            for job in jobs:
                job.sink = sink

        def stream(job: TenantJob) -> Any:
            headers = dict(query.headers)
            if job.mark is not None:
                from xerocli.api.query import if_modified_since

                headers["If-Modified-Since"] = if_modified_since(job.mark.since)

            def on_page(page_no: int, page_count: int | None, count: int) -> None:
                progress.page(job.tenant_id, page_no, page_count, count)

            return job.client.iter_pages_concurrently(
                resource, query.params, headers, on_page=on_page, checkpoint=stopper.check
            )

        outcome = Outcome()
        for index, page in merge_streams([stream(job) for job in jobs], stopper.check):
            stopper.check()
            job = jobs[index]
            before = job.sink.rows
            kept = list(job.high_water.filter(page))
            job.sink.write(job.flattener.rows(kept))
            job.records += len(kept)
            outcome.records += len(kept)
            outcome.rows += job.sink.rows - before
            progress.records(len(kept))
            del page, kept
        stopper.check()
        for target in targets:
            target.commit()
            path = getattr(target, "target", None)
            if path is not None:
                outcome.paths.append(str(path))
        committed = True
        # Only now, with every file complete, do the marks move.
        if incremental:
            for job in jobs:
                new_mark = job.high_water.mark()
                if new_mark is not None:
                    marks.save(profile, job.tenant_id, resource.noun, new_mark)
                outcome.skipped += job.high_water.skipped
                import logging

                logging.getLogger("xerocli.http").debug(
                    "export mark %s %s: %s",
                    job.tenant_name,
                    resource.noun,
                    iso_utc(new_mark.since) if new_mark else "unchanged",
                )
        return outcome
    finally:
        progress.close()
        if not committed:
            for target in targets:
                target.discard()
        for job in jobs:
            if job.client is not getattr(app_ctx, "_client", None):
                job.client.close()


def _common(ctx: typer.Context, fmt: str, *args: Any, **filters: Any) -> None:
    """The export commands' shared body; `filters` are the table's filter options."""
    values = {key.removeprefix("filter_"): value for key, value in filters.items()}
    run_export(ctx, fmt, *args, values)


def with_table_filters(command: Any) -> Any:
    """Give an export command one option per filter the resource table offers (any object's:
    the object is an argument), read from the table rather than written here."""
    import inspect

    from xerocli.api.resources import filters_of_any_resource
    from xerocli.cli.objects import filter_params

    signature = inspect.signature(command)
    fixed = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
    added = filter_params(filters_of_any_resource(), lambda spec: _offered_by_object(spec.option))
    command.__signature__ = signature.replace(parameters=[*fixed, *added])
    return command


OBJECT_ARG = typer.Argument(
    ...,
    metavar="OBJECT",
    help=f"One of: {NOUNS}.",
    show_default=False,
    click_type=OfferedText(tuple(r.noun for r in RESOURCES)),
)
OUTPUT_OPT = typer.Option(
    "-",
    "--output",
    "-o",
    help="File to write ('-' for stdout). {tenant} in the name: one file per organisation.",
)
LINES_OPT = typer.Option(
    False, "--lines", help="One row per line (LineItem.* or JournalLine.* columns)."
)
FIELDS_OPT = typer.Option(None, "--fields", help="Columns to write, in this order (A,B,...).")
INCREMENTAL_OPT = typer.Option(
    False,
    "--incremental",
    help="Only records changed since the last --incremental run (mark kept in the state dir).",
)
ALL_TENANTS_OPT = typer.Option(
    False, "--all-tenants", help="Every connected organisation, with TenantId/TenantName columns."
)
SINCE_OPT = typer.Option(None, "--since", help="Only records changed since (If-Modified-Since).")
WHERE_OPT = typer.Option(None, "--where", help="Raw Xero filter, e.g. 'AmountDue>1000'.")


def _offered_by_object(option: str) -> OfferedText:
    """TAB offers the values of OBJECT's own `--OPTION` filter (`export csv invoices --type`)."""
    lists = {r.noun: spec.offered for r in RESOURCES for spec in r.filters if spec.option == option}
    every = {r.noun: lists.get(r.noun, ()) for r in RESOURCES}  # () where OBJECT has no list
    return OfferedText(by_argument=every, argument="noun")


@app.command("csv")
@with_table_filters
def export_csv(
    ctx: typer.Context,
    noun: str = OBJECT_ARG,
    output: str = OUTPUT_OPT,
    lines: bool = LINES_OPT,
    fields: str | None = FIELDS_OPT,
    excel: bool = typer.Option(
        False, "--excel", help="UTF-8 BOM and 'YYYY-MM-DD HH:MM:SS' times, for Excel."
    ),
    incremental: bool = INCREMENTAL_OPT,
    all_tenants: bool = ALL_TENANTS_OPT,
    since: str | None = SINCE_OPT,
    where: str | None = WHERE_OPT,
    **filters: Any,
) -> None:
    """Export OBJECT as CSV (RFC 4180, UTF-8, one header row, fixed columns)."""
    _common(
        ctx,
        "csv",
        noun,
        output,
        lines,
        fields,
        excel,
        incremental,
        all_tenants,
        since,
        where,
        **filters,
    )


@app.command("ndjson")
@with_table_filters
def export_ndjson(
    ctx: typer.Context,
    noun: str = OBJECT_ARG,
    output: str = OUTPUT_OPT,
    lines: bool = LINES_OPT,
    fields: str | None = FIELDS_OPT,
    incremental: bool = INCREMENTAL_OPT,
    all_tenants: bool = ALL_TENANTS_OPT,
    since: str | None = SINCE_OPT,
    where: str | None = WHERE_OPT,
    **filters: Any,
) -> None:
    """Export OBJECT as NDJSON: one object per row, keyed by the same columns as CSV."""
    _common(
        ctx,
        "ndjson",
        noun,
        output,
        lines,
        fields,
        False,
        incremental,
        all_tenants,
        since,
        where,
        **filters,
    )


@app.command("columns")
def export_columns_command(
    ctx: typer.Context,
    noun: str = OBJECT_ARG,
    lines: bool = typer.Option(False, "--lines", help="Include the line columns."),
) -> None:
    """Print OBJECT's export columns, one a line, in file order."""
    resource = _resource(noun)
    ctx.obj.io.write_lines(export_columns(resource, lines=lines, all_tenants=False))
