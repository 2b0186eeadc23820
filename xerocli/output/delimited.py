"""CSV, TSV and flat NDJSON rows with a fixed header, whatever the data: loaders depend on it.

The one writer of delimited text, for `list -o csv|tsv` and `xero export` alike.

- CSV is RFC 4180: CRLF line ends, quotes only where needed.
- TSV has no quoting (the IANA text/tab-separated-values form): a tab, newline, carriage return
  or backslash inside a value is written `\\t`, `\\n`, `\\r`, `\\\\`, so every row is one line
  and `cut -f`/`awk -F'\\t'` read it; a reader undoes the escapes to get the value back.

Each sink has `cells(values)`, the cells it writes for a row's values, and `write_cells(rows)`
for rows already made of them: the export hands it rows from `Flattener.text_rows`, so an
invoice's header cells are formatted once, not once per line (`write(rows)` does both, for rows
of values). Most cells are strings, which CSV writes as they are: `cells` passes them through
without a call, missing ones are empty, decimals are formatted in place, and only other
types go through `cell_text`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, TextIO

from xerocli.output import cells as _cells

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_field(text: str) -> str:
    """A value as one TSV field: tab, newline, CR and backslash escaped, nothing quoted."""
    return text.translate(_TSV_ESCAPES)


class NotFlat(Exception):
    """A fields page (`wire.FieldsDecoder`) gave a value that is not one cell's (an object or
    a list where a column names a value): the page is written from its full decode instead."""


def _fields_cell(value: Any) -> str:
    """The cell of a fields page's value that is neither text nor missing (see `fields_cells`)."""
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is Decimal:  # a number with an exponent
        return _cells.cell_text(value)
    raise NotFlat


class _Sink:
    """What every sink shares: `rows` counted, `write` = `cells` then `write_cells`."""

    rows: int

    def cells(self, values: list[Any]) -> Sequence[Any]:
        raise NotImplementedError

    def write_cells(self, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        """Rows of values (not yet cells)."""
        cells = self.cells
        self.write_cells(cells(list(row)) for row in rows)


class CsvSink(_Sink):
    """One header row, then rows."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.writer = csv.writer(out, lineterminator="\r\n")
        self.excel = excel
        if excel:
            out.write("\ufeff")
        self.writer.writerow(columns)
        self.rows = 0

    def cells(self, values: list[Any]) -> list[str]:
        if self.excel:  # strings change too (timestamps)
            return list(map(_cells.excel_cell_text, values))
        to_text = _cells.cell_text
        # A Decimal's cell is `format(value, "f")` (cell_text's), which is its `str()` (2.5x
        # cheaper) unless that has an exponent: `1E+2`, or `0E-8` for 0.00000000.
        return [
            value
            if (kind := type(value)) is str
            else ""
            if value is None
            else (text if "E" not in (text := str(value)) else format(value, "f"))
            if kind is Decimal
            else to_text(value)
            for value in values
        ]

    @staticmethod
    def fields_cells(values: list[Any]) -> list[str]:
        """`cells` for a fields page's values: numbers are their text there already (with an
        exponent a Decimal), dates are converted by the flattener; an object or a list raises
        `NotFlat` (the page's full decode makes its JSON cell)."""
        to_text = _fields_cell
        return [
            value if type(value) is str else "" if value is None else to_text(value)
            for value in values
        ]

    def write_cells(self, rows: Iterable[Sequence[Any]]) -> None:
        writerow = self.writer.writerow
        count = 0
        for row in rows:
            writerow(row)
            count += 1
        self.rows += count

    def write_groups(
        self,
        groups: Iterable[tuple[Sequence[Any], list[Sequence[Any]]]],
        redate: Callable[[Sequence[Any], list[Sequence[Any]]], tuple] | None = None,
        line_cells: Callable[[list[Any]], list[str]] | None = None,
    ) -> None:
        """Rows given per record as (header cells, line cells of each row), written as
        `write_cells` writes them, byte for byte, with the header's text made once per record
        (issue 18).

        A record whose cells hold no comma, quote, CR or LF is plain text: its header cells
        joined by commas, then each line's, rows ended by CRLF, which is what the csv writer
        writes for cells that need no quoting. Whether one does is seen on the record's whole
        text in four scans: a comma count beyond the separators', any quote, or a CR or LF
        count beyond one per row. Only the other records go through the csv writer: the
        header's text made once by a writer ending its row with `,\r\n` (cut off again, so
        that it quotes CR and LF as the row's own writer does) and put before each line's.

        `redate` (a fields page's, `Flattener.redater`): a record whose text shows a `/Date(`
        has its cells converted by it first, so a date in a column not named as one is too.
        Its lines may be values not made cells yet: where one is not all text, `line_cells`
        makes the record's lines cells.
        The page's text is written only at its end, so an exception (`NotFlat`) leaves the
        file as the page found it."""
        pieces: list[str] = []
        collect = SimpleNamespace(write=pieces.append)
        head_writer = csv.writer(collect, lineterminator=",\r\n")
        line_writer = csv.writer(collect, lineterminator="\r\n")
        write_head, write_lines = head_writer.writerow, line_writer.writerows
        join = ",".join
        page: list[str] = []
        add = page.append
        count = 0
        for head, lines in groups:
            rows = len(lines)
            width = len(head) + len(lines[0])
            if len(head) < 2 or width - len(head) < 2:  # a lone empty field is written `""`
                self._write_page(page)
                self.write_cells([*head, *line] for line in lines)
                continue
            prefix = join(head) + ","
            try:
                text = prefix + ("\r\n" + prefix).join(map(join, lines)) + "\r\n"
            except TypeError:  # a value that is no text yet
                if line_cells is None:
                    raise
                lines = [line_cells(line) for line in lines]  # type: ignore[arg-type]
                text = prefix + ("\r\n" + prefix).join(map(join, lines)) + "\r\n"
            if redate is not None and "/Date(" in text:
                head, lines = redate(head, lines)
                prefix = join(head) + ","
                text = prefix + ("\r\n" + prefix).join(map(join, lines)) + "\r\n"
            if (
                text.count(",") != rows * (width - 1)
                or (rows > 1 and len(set(map(len, lines))) > 1)  # the count assumes one width
                or '"' in text
                or text.count("\n") != rows
                or text.count("\r") != rows
            ):  # some cell needs quoting: the csv writer's text
                write_head(head)
                prefix = pieces[0][:-2]
                pieces[0] = ""
                write_lines(lines)
                text = prefix.join(pieces)  # "" + prefix + line 1 + prefix + line 2 ...
                pieces.clear()
            add(text)
            count += rows
        self._write_page(page)
        self.rows += count

    def _write_page(self, texts: list[str]) -> None:
        """The records' texts gathered so far, in one write."""
        if texts:
            self.out.write("".join(texts))
            texts.clear()


class TsvSink(_Sink):
    """One header line, then one line per row, fields escaped (never quoted)."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        out.write("\t".join(tsv_field(column) for column in columns) + "\n")
        self.rows = 0

    def cells(self, values: list[Any]) -> list[str]:
        to_text, escapes = _cells.cell_text, _TSV_ESCAPES
        return [
            (value if type(value) is str else to_text(value)).translate(escapes) for value in values
        ]

    def write_cells(self, rows: Iterable[Sequence[Any]]) -> None:
        write, join = self.out.write, "\t".join
        count = 0
        for row in rows:
            write(join(row))
            write("\n")
            count += 1
        self.rows += count


class NdjsonSink(_Sink):
    """One JSON object per row, keys in column order, numbers exact."""

    def __init__(self, out: TextIO, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.columns = columns
        self.rows = 0

    def cells(self, values: list[Any]) -> list[Any]:
        return values  # JSON keeps the values' own types

    def write_cells(self, rows: Iterable[Sequence[Any]]) -> None:
        from xerocli.output.jsonfmt import dumps_compact  # simplejson: for NDJSON only

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
    sink.write_cells(flattener.text_rows(records, sink.cells))
    out.flush()
    return sink.rows
