"""What `xero reports NAME` and `xero reports published` do, apart from their typer signatures.

`cli/reports.py` builds the typer commands around these bodies; the fast parser
(`cli/fastparse.py`) calls them directly with the same arguments, so this module and what it
imports at the top must not import typer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xerocli import errors
from xerocli.cli.formats import chosen_format, split_fields


def option_name(option: str) -> str:
    """A Python name for an option (`--from` is a keyword): `param_from`."""
    return "param_" + option.replace("-", "_")


def checked_fields(fields: str | None, keys: Sequence[str], of: str) -> list[str] | None:
    """`--fields` when each is a key of the report's records, else the usage error (exit 2)
    `list`/`export --fields` give, with the closest key (their `schema._closest`): a report's
    records are flat, and a name that is not a key printed an empty column, exit 0. Checked
    once the report is in: its columns (periods, tracking options) are Xero's answer's."""
    from xerocli.output.schema import UnknownField, _closest

    chosen = split_fields(fields)
    for name in chosen or ():
        if name not in keys:
            close = _closest(name, dict.fromkeys(keys))
            hint = f" (did you mean {close!r}?)" if close else ""
            raise UnknownField(f"--fields: {name!r} is not a field of {of}{hint}")
    return chosen


def run_report(noun: str, ctx: Any, raw_params, output, as_json, fields, **options: Any) -> None:
    """`xero reports NOUN`: the report's parameters checked, fetched, flattened, written."""
    from xerocli.api import reports

    report = reports.BY_NOUN[noun]
    values = {spec.option: options[option_name(spec.option)] for spec in report.params}
    params = reports.build_params(report, values, raw_params)
    app_ctx = ctx.obj
    app_ctx.io.format(chosen_format(output, as_json))  # a bad choice fails before the call
    if report.shape == "forms":
        found = reports.fetch_all(app_ctx.client(), report.path, params, report.scopes[0])
        write_forms(app_ctx, reports.flatten_forms(found), output, as_json, fields)
        return
    flat = reports.flatten(reports.fetch(app_ctx.client(), report, params))
    write_flat(app_ctx, flat, report.title, output, as_json, fields)


def write_flat(app_ctx, flat, title: str, output, as_json, fields) -> None:
    """A flattened report to the chosen writer (table, csv, json...)."""
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    view = RecordView(
        columns=[
            TableColumn("Section", "Section"),
            TableColumn(flat.keys[2], flat.keys[2]),  # Account, or a document's Date
            *(TableColumn(column, column, money=True) for column in flat.columns),
        ],
        title=" · ".join(flat.titles) or title,
        empty_message=f"The {title.lower()} has no rows.",
        totals=False,
        emphasis=lambda record: record.get("RowType") == "SummaryRow",
    )
    fmt = app_ctx.io.format(chosen_format(output, as_json))
    chosen = checked_fields(fields, [*flat.keys, *flat.columns], f"the {title.lower()}")
    rows = flat.rows
    if not fields and fmt == "table":
        rows = _section_once(rows)
    app_ctx.io.write_records(
        rows, view, fmt=fmt, fields=chosen or _machine_columns(fmt, flat.keys, flat.columns)
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
    chosen = checked_fields(fields, [*FORM_KEYS, *flat.columns], "the 1099 report")
    app_ctx.io.write_records(flat.rows, view, fmt=fmt, fields=chosen or machine)


def _machine_columns(
    fmt: str | None, keys: tuple[str, ...], columns: list[str]
) -> list[str] | None:
    """CSV, TSV and xlsx get every key, in a fixed order (the table shows fewer)."""
    return [*keys, *columns] if fmt in ("csv", "tsv", "xlsx") else None


def _section_once(rows: list[dict]) -> list[dict]:
    """For people: a section's title on its first row only, as Xero's own report shows it."""
    shown, last = [], None
    for row in rows:
        section = row["Section"]
        shown.append({**row, "Section": section if section != last else ""})
        last = section
    return shown


PUBLISHED_KEYS = ("ReportID", "ReportName", "ReportType", "ReportDate", "Period")


def published(ctx: Any, report_id, output, as_json, fields) -> None:
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
    chosen = checked_fields(fields, PUBLISHED_KEYS, "the published reports")
    app_ctx.io.write_records(rows, view, fmt=fmt, fields=chosen)
