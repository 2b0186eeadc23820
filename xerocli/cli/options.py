"""Options shared by many commands, declared once."""

from __future__ import annotations

from enum import Enum

import typer


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    xlsx = "xlsx"


OUTPUT_HELP = (
    "table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table"
    " on a terminal, json when piped)."
)


def output_option():
    return typer.Option(None, "--output", "-o", help=OUTPUT_HELP, case_sensitive=False)


def json_option():
    return typer.Option(False, "--json", help="Short for --output json.")


def fields_option():
    return typer.Option(
        None, "--fields", help="Comma-separated fields to show, dotted for nested (Contact.Name)."
    )


def chosen_format(output: OutputFormat | None, as_json: bool) -> str | None:
    if as_json:
        if output not in (None, OutputFormat.json):
            raise typer.BadParameter("--json and --output disagree", param_hint="--json")
        return "json"
    return output.value if output else None


def split_fields(fields: str | None) -> list[str] | None:
    if not fields:
        return None
    return [part.strip() for part in fields.split(",") if part.strip()]
