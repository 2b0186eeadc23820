"""`xero reports trial-balance|profit-and-loss|balance-sheet`: one command per entry of the
report table (`xerocli/api/reports.py`), each with that report's options.

A table for people (sections, amounts aligned, totals in bold), and for machines one record
per row with exact amounts: `xero reports trial-balance -o csv` loads into a spreadsheet as is.
`xero api Reports/NAME` prints Xero's own nested answer.
"""

from __future__ import annotations

import inspect
from typing import Any

import typer

from xerocli.api.reports import REPORTS, ROW_KEYS, Report
from xerocli.cli.options import chosen_format, split_fields
from xerocli.cli.signatures import command_from, ctx_param, option_param, output_params

app = typer.Typer(
    name="reports",
    no_args_is_help=True,
    help="Xero's reports (trial balance, profit and loss, balance sheet) as rows.",
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
        from xerocli.output.table import TableColumn
        from xerocli.output.writer import RecordView

        values = {spec.option: options[_name(spec.option)] for spec in report.params}
        params = reports.build_params(report, values, raw_params)
        app_ctx = ctx.obj
        flat = reports.flatten(reports.fetch(app_ctx.client(), report, params))
        view = RecordView(
            columns=[
                TableColumn("Section", "Section"),
                TableColumn("Account", "Account"),
                *(TableColumn(column, column, money=True) for column in flat.columns),
            ],
            title=" · ".join(flat.titles) or report.title,
            empty_message=f"The {report.title.lower()} has no rows.",
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

    return command_from(report.noun.replace("-", "_"), _params(report), body, report.help)


def _machine_columns(fmt: str | None, columns: list[str]) -> list[str] | None:
    """CSV and TSV get every key, in a fixed order (the table shows fewer)."""
    return [*ROW_KEYS, *columns] if fmt in ("csv", "tsv") else None


def _section_once(rows: list[dict]) -> list[dict]:
    """For people: a section's title on its first row only, as Xero's own report shows it."""
    shown, last = [], None
    for row in rows:
        section = row["Section"]
        shown.append({**row, "Section": section if section != last else ""})
        last = section
    return shown


def register() -> typer.Typer:
    for report in REPORTS:
        app.command(report.noun)(build(report))
    return app
