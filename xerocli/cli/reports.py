"""`xero reports NAME`: one command per entry of the report table (`xerocli/api/reports.py`),
each with that report's options, and `xero reports published [REPORT_ID]`.

A table for people (sections, amounts aligned, totals in bold), and for machines one record
per row with exact amounts: `xero reports trial-balance -o csv` loads into a spreadsheet as is.
`xero api Reports/NAME` prints Xero's own nested answer.
"""

from __future__ import annotations

import inspect
from typing import Any

import typer

from xerocli import errors
from xerocli.api.reports import REPORTS, ROW_KEYS, Report
from xerocli.cli.options import chosen_format, split_fields
from xerocli.cli.signatures import command_from, ctx_param, option_param, output_params

app = typer.Typer(
    name="reports",
    no_args_is_help=True,
    help="Xero's reports (trial balance, profit and loss, balance sheet, aged, bank, budget,"
    " executive summary, 1099, published returns) as rows.",
)


def _name(option: str) -> str:
    """A Python name for an option (`--from` is a keyword): `param_from`."""
    return "param_" + option.replace("-", "_")


def _params(report: Report) -> list[inspect.Parameter]:
    params = [ctx_param()]
    for spec in report.params:
        if spec.kind == "flag":
            option = typer.Option(False, f"--{spec.option}", help=spec.help)
            params.append(option_param(_name(spec.option), option, bool))
        else:
            option = typer.Option(None, f"--{spec.option}", help=spec.help)
            params.append(option_param(_name(spec.option), option, str | None))
    raw = typer.Option(
        None, "--param", "-p", help="Any other Xero parameter, KEY=VALUE (repeatable)."
    )
    params.append(option_param("raw_params", raw, list[str] | None))
    return params + output_params()


def build(report: Report):
    def body(ctx: typer.Context, raw_params, output, as_json, fields, **options: Any) -> None:
        from xerocli.api import reports

        values = {spec.option: options[_name(spec.option)] for spec in report.params}
        params = reports.build_params(report, values, raw_params)
        app_ctx = ctx.obj
        app_ctx.io.format(chosen_format(output, as_json))  # a bad choice fails before the call
        if report.shape == "forms":
            found = reports.fetch_all(app_ctx.client(), report.path, params, report.scopes[0])
            write_forms(app_ctx, reports.flatten_forms(found), output, as_json, fields)
            return
        flat = reports.flatten(reports.fetch(app_ctx.client(), report, params))
        write_flat(app_ctx, flat, report.title, output, as_json, fields)

    return command_from(report.noun.replace("-", "_"), _params(report), body, report.help)


def write_flat(app_ctx, flat, title: str, output, as_json, fields) -> None:
    """A flattened report to the chosen writer (table, csv, json...)."""
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    view = RecordView(
        columns=[
            TableColumn("Section", "Section"),
            TableColumn("Account", "Account"),
            *(TableColumn(column, column, money=True) for column in flat.columns),
        ],
        title=" · ".join(flat.titles) or title,
        empty_message=f"The {title.lower()} has no rows.",
        totals=False,
        emphasis=lambda record: record.get("RowType") == "SummaryRow",
    )
    fmt = app_ctx.io.format(chosen_format(output, as_json))
    rows = flat.rows
    if not fields and fmt == "table":
        rows = _section_once(rows)
    app_ctx.io.write_records(
        rows,
        view,
        fmt=fmt,
        fields=split_fields(fields) or _machine_columns(fmt, flat.columns),
    )


def write_forms(app_ctx, flat, output, as_json, fields) -> None:
    """The 1099's records (one per form and contact, a key per box) to the chosen writer."""
    from xerocli.api.reports import FORM_KEYS
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    view = RecordView(
        columns=[
            TableColumn("Form", "Form"),
            TableColumn("Contact", "Contact"),
            TableColumn("FederalTaxIDType", "Tax ID type"),
            *(TableColumn(box, box, money=True) for box in flat.columns),
        ],
        title=" · ".join(flat.titles),
        empty_message="The 1099 report has no contacts paid in that year.",
        totals=False,
    )
    fmt = app_ctx.io.format(chosen_format(output, as_json))
    machine = [*FORM_KEYS, *flat.columns] if fmt in ("csv", "tsv", "xlsx") else None
    app_ctx.io.write_records(flat.rows, view, fmt=fmt, fields=split_fields(fields) or machine)


def _machine_columns(fmt: str | None, columns: list[str]) -> list[str] | None:
    """CSV, TSV and xlsx get every key, in a fixed order (the table shows fewer)."""
    return [*ROW_KEYS, *columns] if fmt in ("csv", "tsv", "xlsx") else None


def _section_once(rows: list[dict]) -> list[dict]:
    """For people: a section's title on its first row only, as Xero's own report shows it."""
    shown, last = [], None
    for row in rows:
        section = row["Section"]
        shown.append({**row, "Section": section if section != last else ""})
        last = section
    return shown


PUBLISHED_KEYS = ("ReportID", "ReportName", "ReportType", "ReportDate", "Period")


def _published_params() -> list[inspect.Parameter]:
    argument = typer.Argument(
        None, metavar="[REPORT_ID]", help="A published report's ID (default: list them)."
    )
    return [ctx_param(), option_param("report_id", argument, str | None), *output_params()]


def _published(ctx: typer.Context, report_id, output, as_json, fields) -> None:
    """The published reports (GST, BAS or VAT returns); with an ID, that report's rows."""
    from xerocli.api import reports
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    app_ctx = ctx.obj
    path = reports.published_path(report_id)
    found = reports.fetch_all(app_ctx.client(), path, {}, reports.PUBLISHED.scopes[0])
    if report_id is not None:
        if not found:
            raise errors.XeroCliError("Xero sent no published report")
        flat = reports.flatten(found[0])
        write_flat(app_ctx, flat, reports.PUBLISHED.title, output, as_json, fields)
        return
    rows = [
        {
            "ReportID": item.get("ReportID"),
            "ReportName": item.get("ReportName"),
            "ReportType": item.get("ReportType"),
            "ReportDate": item.get("ReportDate"),
            "Period": (item.get("ReportTitles") or ["", "", ""])[-1],
        }
        for item in found
    ]
    view = RecordView(
        columns=[TableColumn(key, key) for key in PUBLISHED_KEYS],
        title="Published reports",
        empty_message="No published reports.",
        totals=False,
    )
    fmt = app_ctx.io.format(chosen_format(output, as_json))
    app_ctx.io.write_records(rows, view, fmt=fmt, fields=split_fields(fields))


def register() -> typer.Typer:
    for report in REPORTS:
        app.command(report.noun)(build(report))
    help_text = "The published reports (GST, BAS or VAT returns); with an ID, its rows."
    app.command("published")(command_from("published", _published_params(), _published, help_text))
    from xerocli.cli.consolidate import consolidate

    app.command("consolidate")(consolidate)
    return app
