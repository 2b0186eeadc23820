"""What `xero export csv|ndjson|xlsx OBJECT` do, apart from their typer signatures.

`cli/export.py` declares the typer commands around these bodies; the fast parser
(`cli/fastparse.py`) calls them directly with the same arguments (issue 18: an export starts
without importing typer and building its command tree), so this module and what it imports at
the top must not import typer.

Thin: options are parsed and checked here (before any call), then the engine in the core
(`api/export.py`: organisations, pacing, paging, marks) runs with this command's login
(`ctx.obj`) and a file destination (`output/export_files.py`). Progress and the summary go
through the output object. Columns come from the resource table's `export_columns`.
"""

from __future__ import annotations

import sys
from typing import Any

from xerocli import errors
from xerocli.api.resources import RESOURCES, TENANT_COLUMNS, Resource

NOUNS = ", ".join(r.noun for r in RESOURCES)
NOT_WRITTEN = "the export was not written and its mark did not move"
#: To stdout, rows already went out: they are no whole export, and the mark stays.
STOPPED_ON_STDOUT = "the rows already on stdout are not a whole export, and its mark did not move"
#: One organisation of `--all-tenants` failed: an export is all or nothing, so the others'
#: rows went nowhere either (every file at -o stays as it was).
OTHERS_NOT_WRITTEN = (
    "nothing was written for the other organisations either (all or nothing: the files at -o"
    " are as they were) and no mark moved"
)
OTHERS_STOPPED_ON_STDOUT = (
    "the rows already on stdout, of any organisation, are not a whole export, and no mark moved"
)


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


def _check_options(
    resource: Resource,
    fmt: str,
    output: str,
    excel: bool,
    incremental: bool,
    since: str | None,
    filters: dict[str, str | list[str] | None],
) -> None:
    """Every option that does not fit OBJECT or another option: exit 2, nothing sent."""
    from xerocli.output.export_files import check_output

    offered = {spec.option for spec in resource.filters}
    for option, value in filters.items():
        if value not in (None, [], (), False) and option not in offered:
            raise errors.UsageError(f"--{option}: {resource.noun} take no --{option} filter")
    if incremental and not (resource.modified_since or resource.offset_field):
        raise errors.UsageError(
            f"--incremental: Xero's {resource.name} carry no modification time; export them whole"
        )
    if incremental and since:
        raise errors.UsageError(
            "--since and --incremental disagree: --incremental sends the mark of the last run"
        )
    if excel and fmt != "csv":
        raise errors.UsageError("--excel is for CSV only")
    if fmt == "xlsx" and output == "-":
        from xerocli.output.streams import binary_stdout

        binary_stdout(sys.stdout)  # a workbook is not for a terminal
    check_output(output)


def run_export(
    ctx: Any,
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
    from xerocli import config
    from xerocli.api.export import ExportPlan
    from xerocli.api.export import run_export as run_engine
    from xerocli.api.marks import MarkStore
    from xerocli.api.query import build_list_query
    from xerocli.api.stopper import Stopper
    from xerocli.output.export_files import ExportFiles

    resource = _resource(noun)
    _check_options(resource, fmt, output, excel, incremental, since, filters)
    columns = pick_columns(
        resource,
        export_columns(resource, lines=lines, all_tenants=all_tenants),
        fields,
        lines=lines,
        all_tenants=all_tenants,
    )
    app_ctx = ctx.obj
    plan = ExportPlan(
        resource,
        build_list_query(resource, filters, where=where, since=since),
        incremental=incremental,
        all_tenants=all_tenants,
        profile=app_ctx.options.profile or "default",
        lines=lines,
    )
    files = ExportFiles(
        output, fmt, resource, columns, lines=lines, excel=excel, tenant_columns=all_tenants
    )
    progress = app_ctx.io.progress(f"Exporting {resource.noun}")
    unwritten = STOPPED_ON_STDOUT if output == "-" else NOT_WRITTEN
    try:
        outcome = run_engine(
            plan,
            app_ctx,
            files,
            marks=MarkStore(config.state_dir()),
            events=progress,
            stopper=Stopper(f"terminated (SIGTERM): {unwritten}"),
        )
    except KeyboardInterrupt:
        raise errors.Interrupted(f"interrupted: {unwritten}") from None
    except errors.XeroCliError as exc:
        if exc.organisation is None:
            raise
        others = OTHERS_STOPPED_ON_STDOUT if output == "-" else OTHERS_NOT_WRITTEN
        raise errors.with_consequence(exc, others) from None
    except BrokenPipeError:
        raise  # `-o - | head`: the reader left; exit 0 as every command (no mark moved)
    except OSError as exc:  # the target's disk is full, or its device failed, mid-export
        raise errors.UsageError(
            f"-o {output}: cannot write it ({exc.strerror or exc}): {unwritten}"
        ) from None
    finally:
        progress.close()
    where_to = ", ".join(outcome.paths) if outcome.paths else "stdout"
    from xerocli.cli.wording import count

    extra = f" ({count(outcome.rows, 'row')})" if outcome.rows != outcome.records else ""
    skipped = f"; {outcome.skipped} unchanged at the mark left out" if outcome.skipped else ""
    exported = count(outcome.records, resource.singular, resource.noun.replace("-", " "))
    app_ctx.io.info(f"Exported {exported}{extra} to {where_to}{skipped}.")
    for tenant, first, now in outcome.shifted:
        kept = (
            "its mark stays, so the next --incremental run reads this range again"
            if incremental
            else "run it again for an exact copy"
        )
        app_ctx.io.warn(
            f"xero: warning: the {resource.noun.replace('-', ' ')} of {tenant.name} changed"
            f" while they were paged ({first} -> {now} records): one may be missing; {kept}"
        )


def _common(ctx: Any, fmt: str, *args: Any, **filters: Any) -> None:
    """The export commands' shared body; `filters` are the table's filter options."""
    from xerocli.cli.object_bodies import filter_values_by_option

    values = filter_values_by_option(filters)
    run_export(ctx, fmt, *args, values)


def export_csv(
    ctx: Any,
    noun: str,
    output: str,
    lines: bool,
    fields: str | None,
    excel: bool,
    incremental: bool,
    all_tenants: bool,
    since: str | None,
    where: str | None,
    **filters: Any,
) -> None:
    """`xero export csv`."""
    _common(
        ctx, "csv", noun, output, lines, fields, excel, incremental, all_tenants, since, where,
        **filters,
    )  # fmt: skip


def export_ndjson(
    ctx: Any,
    noun: str,
    output: str,
    lines: bool,
    fields: str | None,
    incremental: bool,
    all_tenants: bool,
    since: str | None,
    where: str | None,
    **filters: Any,
) -> None:
    """`xero export ndjson`."""
    _common(
        ctx, "ndjson", noun, output, lines, fields, False, incremental, all_tenants, since,
        where, **filters,
    )  # fmt: skip


def export_xlsx(
    ctx: Any,
    noun: str,
    output: str,
    lines: bool,
    fields: str | None,
    incremental: bool,
    all_tenants: bool,
    since: str | None,
    where: str | None,
    **filters: Any,
) -> None:
    """`xero export xlsx`."""
    _common(
        ctx, "xlsx", noun, output, lines, fields, False, incremental, all_tenants, since,
        where, **filters,
    )  # fmt: skip
