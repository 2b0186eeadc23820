"""`xero export csv|ndjson|xlsx OBJECT`: every record of an object to a file, in fixed columns.

The typer commands; what they do is `cli/export_body.py` (typer-free: the fast parser runs
`export csv|ndjson|xlsx` lines without typer, `fast_target`).
"""

from __future__ import annotations

from typing import Any

import typer

from xerocli.api.resources import RESOURCES
from xerocli.cli import export_body
from xerocli.cli.choices import OfferedText
from xerocli.cli.export_body import (  # noqa: F401  (where other modules and tests find them)
    NOT_WRITTEN,
    NOUNS,
    _resource,
    export_columns,
    pick_columns,
    run_export,
)

app = typer.Typer(
    name="export",
    no_args_is_help=True,
    help="Export every record of an object to CSV or NDJSON, in fixed documented columns.",
)


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
    export_body.export_csv(
        ctx,
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


export_csv.fast_target = ("xerocli.cli.export_body", "export_csv", ())  # type: ignore[attr-defined]


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
    export_body.export_ndjson(
        ctx,
        noun,
        output,
        lines,
        fields,
        incremental,
        all_tenants,
        since,
        where,
        **filters,
    )


export_ndjson.fast_target = ("xerocli.cli.export_body", "export_ndjson", ())  # type: ignore[attr-defined]


@app.command("xlsx")
@with_table_filters
def export_xlsx(
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
    """Export OBJECT as an Excel workbook (needs xerocli[xlsx]): the CSV columns, numbers as
    numbers, dates as dates, header frozen."""
    export_body.export_xlsx(
        ctx,
        noun,
        output,
        lines,
        fields,
        incremental,
        all_tenants,
        since,
        where,
        **filters,
    )


export_xlsx.fast_target = ("xerocli.cli.export_body", "export_xlsx", ())  # type: ignore[attr-defined]


@app.command("columns")
def export_columns_command(
    ctx: typer.Context,
    noun: str = OBJECT_ARG,
    lines: bool = typer.Option(False, "--lines", help="Include the line columns."),
) -> None:
    """Print OBJECT's export columns, one a line, in file order."""
    resource = _resource(noun)
    ctx.obj.io.write_lines(export_columns(resource, lines=lines, all_tenants=False))
