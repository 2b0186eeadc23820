"""`xero reports consolidate profit-and-loss|balance-sheet|trial-balance`: several
organisations' report side by side, translated to one currency, with eliminations and a
consolidated column. The math is `xerocli/api/consolidate.py`; this reads the options and files,
fetches (in parallel; for a balance sheet, also the year-to-date P&L of each organisation in
another currency) and hands the records to the writer.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import typer

from xerocli import errors
from xerocli.cli.options import (
    OutputFormat,
    chosen_format,
    fields_option,
    json_option,
    output_option,
)

KINDS = ("profit-and-loss", "balance-sheet", "trial-balance")
#: One organisation's figures failed: the others' were fetched, but no report is written
#: without every organisation's.
NOTHING_WRITTEN = "nothing was written: a consolidation needs every organisation's figures"


def _read(option: str, path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise errors.UsageError(f"{option}: cannot read {path}: {reason}") from None


def _day(option: str, value: str | None, default: date) -> date:
    from xerocli.api.query import parse_date

    return parse_date(option, value) if value else default


def consolidate(
    ctx: typer.Context,
    kind: str = typer.Argument(
        ..., metavar="REPORT", help="profit-and-loss, balance-sheet or trial-balance."
    ),
    tenants: str | None = typer.Option(
        None, "--tenants", help="Organisations to consolidate, names or IDs, comma-separated."
    ),
    all_tenants: bool = typer.Option(False, "--all-tenants", help="Every connected organisation."),
    currency: str = typer.Option(..., "--currency", help="The reporting currency, e.g. NZD."),
    rates: str | None = typer.Option(
        None, "--rates", help="CSV of date,currency,rate (reporting units per unit)."
    ),
    mapping: str | None = typer.Option(
        None, "--map", help="CSV of organisation,account code,group account."
    ),
    eliminate: list[str] | None = typer.Option(
        None,
        "--eliminate",
        help="An intercompany pair ORG:CODE=ORG:CODE, or ORG:@CONTACT=ORG:@CONTACT (repeatable).",
    ),
    as_at: str | None = typer.Option(None, "--date", help="As at (YYYY-MM-DD; default today)."),
    start: str | None = typer.Option(None, "--from", help="P&L first day (default the 1st)."),
    end: str | None = typer.Option(None, "--to", help="P&L last day (default today)."),
    output: OutputFormat | None = output_option(),
    as_json: bool = json_option(),
    fields: str | None = fields_option(),
) -> None:
    """One report across organisations: a column each, eliminations and consolidated."""
    from xerocli.api import consolidate as math
    from xerocli.api.consolidate_fetch import choose_tenants, fetch_organisations
    from xerocli.api.credentials import list_connections
    from xerocli.api.pacing import pacer_from_env
    from xerocli.api.reports import BY_NOUN

    if kind not in KINDS:
        raise errors.UsageError(f"REPORT: {kind!r} is not one of {', '.join(KINDS)}")
    if bool(tenants) == all_tenants:
        raise errors.UsageError("name the organisations with --tenants A,B or --all-tenants")
    if len(currency.strip()) != 3 or not currency.strip().isalpha():
        raise errors.UsageError(f"--currency: {currency!r} is not a currency code, e.g. NZD")
    today = datetime.now(timezone.utc).date()
    if kind == "profit-and-loss":
        if as_at:
            raise errors.UsageError("--date: a profit and loss takes --from and --to")
        last = _day("to", end, today)
        period = math.Period(kind, _day("from", start, last.replace(day=1)), last)
        params = {"fromDate": period.start.isoformat(), "toDate": period.end.isoformat()}
    else:
        if start or end:
            raise errors.UsageError(f"--from/--to: a {kind.replace('-', ' ')} takes --date")
        day = _day("date", as_at, today)
        period = math.Period(kind, day, day)
        params = {"date": day.isoformat()}
    if period.start > period.end:
        raise errors.UsageError(f"--from {period.start} is after --to {period.end}")
    rate_table = (
        math.parse_rates(_read("--rates", rates), currency, Path(rates).name)
        if rates
        else math.Rates(currency.strip().upper())
    )
    map_text = _read("--map", mapping) if mapping else ""
    groups = math.parse_map(map_text, Path(mapping).name) if mapping else {}  # before any call
    pairs = [math.parse_elimination(text) for text in eliminate or []]

    app_ctx = ctx.obj
    fmt = app_ctx.io.format(chosen_format(output, as_json))  # xlsx on a terminal: refused now
    wanted = None if all_tenants else [t.strip() for t in (tenants or "").split(",") if t.strip()]
    chosen = choose_tenants(list_connections(app_ctx.bare_client()), wanted)
    if mapping:  # the names are known now, before any report is asked for
        groups = math.parse_map(map_text, Path(mapping).name, [t.name for t in chosen])
    contacts = [side for pair in pairs for side in pair.contacts()]
    pacer = pacer_from_env()
    try:
        organisations, balances = fetch_organisations(
            app_ctx, chosen, BY_NOUN[kind], params, pacer, contacts
        )
        if kind == "balance-sheet":
            from xerocli.api.consolidate_fetch import fetch_earnings

            fetch_earnings(app_ctx, chosen, organisations, period, rate_table.reporting, pacer)
    except errors.XeroCliError as exc:
        if exc.organisation is None:
            raise
        raise errors.with_consequence(exc, NOTHING_WRITTEN) from None
    result = math.consolidate(organisations, period, rate_table, groups, pairs, balances)
    if fmt == "xlsx":
        _workbook(app_ctx, result, organisations)
        return
    _write(app_ctx, result, kind, fmt, fields)


def _rows_with_rates(result) -> list[dict]:
    rows = list(result.records)
    for used in result.rates:
        rows.append(
            {
                "Section": "Rates used",
                "RowType": "Rate",
                "Account": f"{used.currency} {used.basis} {used.dates}",
                "Rate": used.rate,
            }
        )
    return rows


def _workbook(app_ctx, result, organisations) -> None:
    """A sheet per organisation (its own report, in its own currency), then the consolidation."""
    from xerocli.api.reports import ROW_KEYS
    from xerocli.output.streams import binary_stdout
    from xerocli.output.xlsx import Sheet, write_workbook

    def total(record: dict) -> bool:
        return record.get("RowType") == "SummaryRow"

    sheets = [
        Sheet(o.name, [*ROW_KEYS, *o.report_columns], o.report_rows, total, "Section")
        for o in organisations
    ]
    keys = ["Section", "RowType", "Account", *result.columns, "Rate"]
    sheets.append(Sheet("Consolidated", keys, _rows_with_rates(result), total, "Section"))
    write_workbook(binary_stdout(app_ctx.io.out), sheets)


def _write(app_ctx, result, kind: str, fmt, fields) -> None:
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    rows = _rows_with_rates(result)
    keys = ["Section", "RowType", "Account", *result.columns, "Rate"]
    view = RecordView(
        columns=[
            TableColumn("Section", "Section"),
            TableColumn("Account", "Account"),
            *(TableColumn(column, column, money=True) for column in result.columns),
            TableColumn("Rate", "Rate"),
        ],
        title=f"Consolidated {kind.replace('-', ' ')}",
        empty_message="Nothing to consolidate.",
        totals=False,
        emphasis=lambda record: record.get("RowType") == "SummaryRow",
    )
    from xerocli.cli.report_bodies import checked_fields

    named = checked_fields(fields, keys, f"the consolidated {kind.replace('-', ' ')}")
    chosen = named or (keys if fmt in ("csv", "tsv") else None)
    app_ctx.io.write_records(rows, view, fmt=fmt, fields=chosen)
