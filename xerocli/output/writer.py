"""Picks the format (table on a terminal, JSON when piped, or what was asked) and writes.

Data goes to stdout; messages go to stderr through the output object (`output/streams.py`),
which is what commands talk to. Machine formats are written straight to the stream, never
through rich, so they stay valid at any terminal width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TextIO

from xerocli.output.columns import TableColumn, TotalsBy
from xerocli.output.paths import pick
from xerocli.output.streams import is_terminal


class Format(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"
    xlsx = "xlsx"


def _color(out: TextIO, no_color: bool) -> bool:
    from xerocli.output.streams import IOStreams

    return IOStreams(out, no_color=no_color).color


def choose_format(requested: Format | str | None, terminal: bool | TextIO) -> Format:
    """What was asked; else a table on a terminal (`terminal`: a bool or the stream)."""
    if requested:
        return Format(requested)
    on_terminal = terminal if isinstance(terminal, bool) else is_terminal(terminal)
    return Format.table if on_terminal else Format.json


@dataclass(frozen=True)
class Section:
    """A list inside a document shown as its own table in the detail view (line items)."""

    path: str
    title: str
    columns: list[TableColumn]


@dataclass
class RecordView:
    """How one kind of record is shown: table columns, CSV columns, currency, empty text."""

    columns: list[TableColumn]
    currency_path: str | None = None
    #: Where the currency is when `currency_path` has none (a credit note's refund).
    currency_alternatives: tuple[str, ...] = ()
    title: str | None = None
    empty_message: str = "No records found."
    #: Sum money columns per currency under the table; off where rows carry their own totals
    #: (a report's summary rows), or where a sum means nothing (prices of items).
    totals: bool = True
    #: Sum per kind of document too (sales invoices apart from bills).
    totals_by: TotalsBy | None = None
    #: Rows it says yes to are shown in bold (a report's total rows).
    emphasis: Callable[[dict], bool] | None = None
    #: The default CSV/TSV columns (a document's ID and currency, which the table leaves out);
    #: None: the table's columns.
    delimited_columns: list[str] | None = None
    #: The detail view of one record (`get`): header fields, then these lists as tables.
    detail_fields: list[TableColumn] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    record_title: Callable[[dict], str] | None = None
    #: The field that says a record is voided or deleted (kept out of totals).
    status_path: str | None = None

    @property
    def currency_paths(self) -> tuple[str, ...]:
        """Where a record's currency is, in the order to look."""
        return (self.currency_path, *self.currency_alternatives) if self.currency_path else ()


def write_records(
    records: Iterable[dict],
    view: RecordView,
    *,
    fmt: Format | str | None = None,
    fields: list[str] | None = None,
    out: TextIO | None = None,
    no_color: bool = False,
    color: bool | None = None,
) -> int:
    """Write records in the chosen format; returns how many were written."""
    import sys

    out = out or sys.stdout
    chosen = choose_format(fmt, out)
    if chosen in (Format.json, Format.ndjson):
        from xerocli.output.jsonfmt import write_json_array, write_ndjson

        stream = (pick(r, fields) for r in records) if fields else records
        if chosen is Format.json:
            return write_json_array(stream, out)
        return write_ndjson(stream, out)
    if chosen is Format.xlsx:
        from xerocli.output.streams import binary_stdout
        from xerocli.output.xlsx import Sheet, write_workbook

        columns = fields or view.delimited_columns or [column.path for column in view.columns]
        bold = view.emphasis
        sheet = Sheet(view.title or "Sheet", columns, records, bold, section_column="Section")
        return write_workbook(binary_stdout(out), [sheet])
    if chosen in (Format.csv, Format.tsv):
        from xerocli.output.delimited import write_delimited

        columns = fields or view.delimited_columns or [column.path for column in view.columns]
        return write_delimited(records, columns, out, tsv=chosen is Format.tsv)
    from xerocli.output.table import write_table

    columns = _field_columns(view, fields) if fields else view.columns
    return write_table(
        records,
        columns,
        out,
        title=view.title,
        currency_paths=view.currency_paths,
        color=_color(out, no_color) if color is None else color,
        empty_message=view.empty_message,
        totals=view.totals,
        totals_by=view.totals_by,
        emphasis=view.emphasis,
        status_path=view.status_path,
    )


def _field_columns(view: RecordView, fields: list[str]) -> list[TableColumn]:
    """`--fields` columns, headed by their paths; an amount or status the view knows keeps its
    currency, alignment and colour."""
    known = {column.path: column for column in [*view.columns, *view.detail_fields]}
    return [
        TableColumn(path, path, known[path].money, known[path].style_by_status)
        if path in known
        else TableColumn(path, path)
        for path in fields
    ]


def write_record(
    record: dict,
    view: RecordView,
    *,
    fmt: Format | str | None = None,
    fields: list[str] | None = None,
    out: TextIO | None = None,
    no_color: bool = False,
    color: bool | None = None,
) -> None:
    """Write one record: as a JSON object (not a one-element array, so `jq .Field` works), as
    a detail view for people (header fields, then line items, payments...), or as any list."""
    import sys

    out = out or sys.stdout
    chosen = choose_format(fmt, out)
    if chosen is Format.json:
        from xerocli.output.jsonfmt import dumps_pretty

        out.write(dumps_pretty(pick(record, fields) if fields else record) + "\n")
        return
    if chosen is Format.table:
        from xerocli.output.detail import write_detail

        write_detail(
            record,
            view,
            out,
            fields=fields,
            color=_color(out, no_color) if color is None else color,
        )
        return
    write_records([record], view, fmt=chosen, fields=fields, out=out, color=color)
