"""CSV, TSV and flat NDJSON rows with a fixed header, whatever the data: loaders depend on it.

The one writer of delimited text, for `list -o csv|tsv` and `xero export` alike.

- CSV is RFC 4180: CRLF line ends, quotes only where needed.
- TSV has no quoting (the IANA text/tab-separated-values form): a tab, newline, carriage return
  or backslash inside a value is written `\\t`, `\\n`, `\\r`, `\\\\`, so every row is one line
  and `cut -f`/`awk -F'\\t'` read it; a reader undoes the escapes to get the value back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from xerocli.output.cells import cell_text, excel_cell_text
from xerocli.output.jsonfmt import dumps_compact

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_field(text: str) -> str:
    """A value as one TSV field: tab, newline, CR and backslash escaped, nothing quoted."""
    return text.translate(_TSV_ESCAPES)


class CsvSink:
    """One header row, then rows."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.to_text = excel_cell_text if excel else cell_text
        if excel:
            out.write("\ufeff")
        self.writer.writerow(columns)
        self.rows = 0

    def write(self, rows: Iterable[list[Any]]) -> None:
        to_text, writerow = self.to_text, self.writer.writerow
        count = 0
        for row in rows:
            writerow([to_text(value) for value in row])
            count += 1
        self.rows += count


class TsvSink:
    """One header line, then one line per row, fields escaped (never quoted)."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        out.write("\t".join(tsv_field(column) for column in columns) + "\n")
        self.rows = 0

    def write(self, rows: Iterable[list[Any]]) -> None:
        write = self.out.write
        count = 0
        for row in rows:
            write("\t".join(tsv_field(cell_text(value)) for value in row))
            write("\n")
            count += 1
        self.rows += count


class NdjsonSink:
    """One JSON object per row, keys in column order, numbers exact."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.columns = columns
        self.rows = 0

    def write(self, rows: Iterable[list[Any]]) -> None:
        columns, write = self.columns, self.out.write
        count = 0
        for row in rows:
            write(dumps_compact(dict(zip(columns, row, strict=True))))
            write("\n")
            count += 1
        self.rows += count


SINKS = {"csv": CsvSink, "tsv": TsvSink, "ndjson": NdjsonSink}


def write_delimited(
    records: Iterable[dict], columns: list[str], out: TextIO, *, tsv: bool = False
) -> int:
    """Records as CSV (or TSV) in `columns` (field paths); returns how many were written."""
    from xerocli.output.flatten import Flattener

    sink = (TsvSink if tsv else CsvSink)(out, columns)
    flattener = Flattener(columns)
    for record in records:
        sink.write(flattener.rows([record]))
    out.flush()
    return sink.rows
