"""Output formats and the choice between `-o/--output` and `--json`, without typer.

The command bodies that run from the fast parser (`cli/fastparse.py`) import these, so they
must not import typer: `chosen_format` imports it only to raise typer's usage error (a
mistake on the command line, printed with the command's usage line as typer does).
"""

from __future__ import annotations

from enum import Enum


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    xlsx = "xlsx"


def chosen_format(output: OutputFormat | None, as_json: bool) -> str | None:
    if as_json:
        if output not in (None, OutputFormat.json):
            import typer

            raise typer.BadParameter("--json and --output disagree", param_hint="--json")
        return "json"
    return output.value if output else None


def split_fields(fields: str | None) -> list[str] | None:
    if not fields:
        return None
    return [part.strip() for part in fields.split(",") if part.strip()]
