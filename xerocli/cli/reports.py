"""`xero reports NAME`: one command per entry of the report table (`xerocli/api/reports.py`),
each with that report's options, and `xero reports published [REPORT_ID]`.

A table for people (sections, amounts aligned, totals in bold), and for machines one record
per row with exact amounts: `xero reports trial-balance -o csv` loads into a spreadsheet as is.
`xero api Reports/NAME` prints Xero's own nested answer.
"""

from __future__ import annotations

import functools
import inspect

import typer

from xerocli.api.reports import REPORTS, Report
from xerocli.cli import report_bodies
from xerocli.cli.signatures import (
    command_from,
    ctx_param,
    fast_command,
    option_param,
    output_params,
)

app = typer.Typer(
    name="reports",
    no_args_is_help=True,
    help="Xero's reports (trial balance, profit and loss, balance sheet, aged, bank, budget,"
    " executive summary, 1099, published returns) as rows.",
)


_name = report_bodies.option_name


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
    body = functools.partial(report_bodies.run_report, report.noun)
    command = command_from(report.noun.replace("-", "_"), _params(report), body, report.help)
    return fast_command(command, "xerocli.cli.report_bodies", "run_report", report.noun)


write_flat = report_bodies.write_flat
write_forms = report_bodies.write_forms
PUBLISHED_KEYS = report_bodies.PUBLISHED_KEYS


def _published_params() -> list[inspect.Parameter]:
    argument = typer.Argument(
        None, metavar="[REPORT_ID]", help="A published report's ID (default: list them)."
    )
    return [ctx_param(), option_param("report_id", argument, str | None), *output_params()]


def register() -> typer.Typer:
    for report in REPORTS:
        app.command(report.noun)(build(report))
    help_text = "The published reports (GST, BAS or VAT returns); with an ID, its rows."
    published = command_from("published", _published_params(), report_bodies.published, help_text)
    app.command("published")(fast_command(published, "xerocli.cli.report_bodies", "published"))
    from xerocli.cli.consolidate import consolidate

    app.command("consolidate")(consolidate)
    return app
