"""Options shared by many commands, declared once."""

from __future__ import annotations

import typer

from xerocli.cli.formats import OutputFormat, chosen_format, split_fields

__all__ = [
    "OUTPUT_HELP",
    "OutputFormat",
    "chosen_format",
    "fields_option",
    "json_option",
    "output_option",
    "split_fields",
]


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
