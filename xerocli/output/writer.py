"""Picks the format (table on a terminal, JSON when piped, or what was asked) and writes.

Data goes to stdout; the caller sends messages to stderr. Machine formats are written
straight to the stream, never through rich, so they stay valid at any terminal width.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TextIO

from xerocli.output.fields import pick
from xerocli.output.table import TableColumn


class Format(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_enabled(stream: TextIO, no_color_flag: bool = False) -> bool:
    if no_color_flag or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def choose_format(requested: Format | str | None, stream: TextIO) -> Format:
    if requested:
        return Format(requested)
    return Format.table if is_terminal(stream) else Format.json


@dataclass
class RecordView:
    """How one kind of record is shown: table columns, CSV columns, currency, empty text."""

    columns: list[TableColumn]
    currency_path: str | None = None
    title: str | None = None
    empty_message: str = "No records found."
    #: Sum money columns per currency under the table; off where rows carry their own totals
    #: (a report's summary rows), which a sum would count twice.
    totals: bool = True
    #: Rows it says yes to are shown in bold (a report's total rows).
    emphasis: Callable[[dict], bool] | None = None


def write_records(
    records: Iterable[dict],
    view: RecordView,
    *,
    fmt: Format | str | None = None,
    fields: list[str] | None = None,
    out: TextIO | None = None,
    no_color: bool = False,
) -> int:
    """Write records in the chosen format; returns how many were written."""
    out = out or sys.stdout
    chosen = choose_format(fmt, out)
    if chosen in (Format.json, Format.ndjson):
        from xerocli.output.jsonfmt import write_json_array, write_ndjson

        stream: Iterator[dict] | Iterable[dict] = (
            (pick(r, fields) for r in records) if fields else records
        )
        if chosen is Format.json:
            return write_json_array(stream, out)
        return write_ndjson(stream, out)
    if chosen in (Format.csv, Format.tsv):
        from xerocli.output.delimited import write_delimited

        columns = fields or [column.path for column in view.columns]
        return write_delimited(records, columns, out, tsv=chosen is Format.tsv)
    from xerocli.output.table import write_table

    columns = [TableColumn(path, path) for path in fields] if fields else view.columns
    return write_table(
        records,
        columns,
        out,
        title=view.title,
        currency_path=view.currency_path,
        color=color_enabled(out, no_color),
        empty_message=view.empty_message,
        totals=view.totals,
        emphasis=view.emphasis,
    )


def write_record(
    record: dict,
    view: RecordView,
    *,
    fmt: Format | str | None = None,
    fields: list[str] | None = None,
    out: TextIO | None = None,
    no_color: bool = False,
) -> None:
    """Write one record: as a JSON object (not a one-element array, so `jq .Field` works),
    or in the chosen format like any list."""
    out = out or sys.stdout
    if choose_format(fmt, out) is Format.json:
        from xerocli.output.jsonfmt import dumps_pretty

        out.write(dumps_pretty(pick(record, fields) if fields else record) + "\n")
        return
    write_records([record], view, fmt=fmt, fields=fields, out=out, no_color=no_color)
