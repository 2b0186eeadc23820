"""`-o xlsx` and `xero export xlsx`: a real workbook, written with XlsxWriter.

XlsxWriter (the optional extra `xerocli[xlsx]`) only writes, which is all this needs: it is
pure Python, well kept, streams rows in order with constant memory (an export of 100,000
invoices does not hold them all), and its number formats are the spreadsheet's own.

What a reader gets, whatever the spreadsheet:
- amounts as numbers, in a 2-decimal accounting format (an exact Decimal becomes the nearest
  binary number, which shows and sums as the same 2-decimal figure); other numbers as numbers;
- dates and timestamps (ISO text, `2026-10-31` or `2026-10-31T09:30:00`) as dates;
- the header row bold and frozen, a section's title in bold on its first row, and total rows
  (`RowType` SummaryRow) in bold;
- one sheet per organisation, plus the consolidation (`write_workbook` takes several sheets).

The import is lazy: nothing loads XlsxWriter unless a workbook is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO

from xerocli import errors

ACCOUNTING = '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-'
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 50


@dataclass
class Sheet:
    """One worksheet: its name, columns (record keys, in order) and records."""

    name: str
    columns: list[str]
    records: Iterable[dict]
    #: Rows it says yes to are bold (a report's total rows).
    bold: Callable[[dict], bool] | None = None
    #: The column whose value starts a section: bold where it changes.
    section_column: str | None = None


def _xlsxwriter() -> Any:
    try:
        import xlsxwriter
    except ImportError:
        raise errors.UsageError("-o xlsx needs XlsxWriter: pip install 'xerocli[xlsx]'") from None
    return xlsxwriter


def sheet_name(name: str, taken: set[str]) -> str:
    """A name a spreadsheet accepts: 31 characters at most, none of []:*?/\\, unique."""
    base = _SHEET_NAME_BAD.sub("-", name).strip("'") or "Sheet"
    candidate, number = base[:31], 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


class _Formats:
    def __init__(self, workbook: Any) -> None:
        add = workbook.add_format
        self.by_key: dict[tuple[str, bool], Any] = {}
        for bold in (False, True):
            extra = {"bold": True} if bold else {}
            self.by_key[("money", bold)] = add({"num_format": ACCOUNTING, **extra})
            self.by_key[("number", bold)] = add({"num_format": "General", **extra})
            self.by_key[("date", bold)] = add({"num_format": "yyyy-mm-dd", **extra})
            self.by_key[("datetime", bold)] = add({"num_format": "yyyy-mm-dd hh:mm:ss", **extra})
            self.by_key[("text", bold)] = add(extra) if bold else None
        self.header = add({"bold": True, "bottom": 1})

    def get(self, kind: str, bold: bool) -> Any:
        return self.by_key[(kind, bold)]


def _write_cell(sheet: Any, row: int, col: int, value: Any, formats: _Formats, bold: bool) -> int:
    """Write one value as its kind; returns the width it needs."""
    if value is None or value == "":
        if bold:
            sheet.write_blank(row, col, None, formats.get("text", True))
        return 0
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, formats.get("text", bold))
        return 5
    if isinstance(value, Decimal):
        money = value.as_tuple().exponent == -2
        sheet.write_number(
            row, col, float(value), formats.get("money" if money else "number", bold)
        )
        return len(f"{value:,}") + 2
    if isinstance(value, (int, float)):
        sheet.write_number(row, col, value, formats.get("number", bold))
        return len(str(value))
    if isinstance(value, datetime):
        sheet.write_datetime(row, col, value.replace(tzinfo=None), formats.get("datetime", bold))
        return 19
    if isinstance(value, date):
        sheet.write_datetime(
            row, col, datetime(value.year, value.month, value.day), formats.get("date", bold)
        )
        return 10
    text = str(value)
    if _DATE.match(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return _write_cell(sheet, row, col, day, formats, bold)
    elif _DATETIME.match(text):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return _write_cell(sheet, row, col, moment, formats, bold)
    sheet.write_string(row, col, text, formats.get("text", bold))
    return len(text)


class WorkbookWriter:
    """Sheets added one after another, rows streamed in order, bytes at `close()`."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.workbook = _xlsxwriter().Workbook(
            self.buffer,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.formats = _Formats(self.workbook)
        self.names: set[str] = set()

    def add_sheet(self, name: str, columns: Sequence[str]) -> SheetWriter:
        worksheet = self.workbook.add_worksheet(sheet_name(name, self.names))
        return SheetWriter(worksheet, list(columns), self.formats)

    def close(self) -> bytes:
        self.workbook.close()
        return self.buffer.getvalue()


class SheetWriter:
    def __init__(self, worksheet: Any, columns: list[str], formats: _Formats) -> None:
        self.worksheet, self.columns, self.formats = worksheet, columns, formats
        self.widths = [min(len(c), MAX_WIDTH) for c in columns]
        for col, name in enumerate(columns):
            worksheet.write_string(0, col, name, formats.header)
        worksheet.freeze_panes(1, 0)
        self.rows = 0

    def write_row(self, values: Sequence[Any], bold: bool = False, bold_first: int = -1) -> None:
        self.rows += 1
        for col, value in enumerate(values):
            width = _write_cell(
                self.worksheet, self.rows, col, value, self.formats, bold or col == bold_first
            )
            self.widths[col] = min(max(self.widths[col], width), MAX_WIDTH)

    def finish(self) -> None:
        """Column widths (set last: constant-memory mode allows it before closing)."""
        for col, width in enumerate(self.widths):
            self.worksheet.set_column(col, col, width + 1)


def write_workbook(out: BinaryIO, sheets: Iterable[Sheet]) -> int:
    """Every sheet into one workbook on `out`; returns how many rows were written."""
    book = WorkbookWriter()
    total = 0
    for sheet in sheets:
        writer = book.add_sheet(sheet.name, sheet.columns)
        section_at = (
            sheet.columns.index(sheet.section_column)
            if sheet.section_column in sheet.columns
            else -1
        )
        last_section = None
        for record in sheet.records:
            values = [_value(record, column) for column in sheet.columns]
            first_of_section = section_at >= 0 and values[section_at] != last_section
            if section_at >= 0:
                last_section = values[section_at]
            writer.write_row(
                values,
                bold=bool(sheet.bold and sheet.bold(record)),
                bold_first=section_at if first_of_section else -1,
            )
        writer.finish()
        total += writer.rows
    out.write(book.close())
    out.flush()
    return total


def _value(record: dict, path: str) -> Any:
    """A column's value as `-o csv` reads it: a key of a flat record (a report's row), else
    the field path (`Contact.Name`, `Addresses[POBOX].City`, `LineItems[0].Description`);
    a nested value as the compact JSON text CSV gives it. (`paths.pick`, for JSON, nests what
    it picks: looking its result up by the flat path found nothing, every nested column blank.)"""
    from xerocli.output.cells import cell_text
    from xerocli.output.paths import read

    value = record[path] if path in record else read(record, path)
    return cell_text(value) if isinstance(value, (dict, list)) else value


class XlsxSink:
    """`xero export xlsx`: the export engine's rows into one sheet, bytes at `finish()`.

    A sink like the CSV one (`output/delimited.py`): `out` is the export's text stream, whose
    byte buffer gets the workbook when the export commits, so a file still appears complete
    or not at all."""

    def __init__(self, out: Any, columns: list[str], *, excel: bool = False) -> None:
        self.out = out
        self.book = WorkbookWriter()
        self.sheet = self.book.add_sheet("Export", columns)
        self.rows = 0

    def cells(self, values: list[Any]) -> list[Any]:
        return values  # numbers, dates and text keep their kinds

    def write_cells(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.sheet.write_row(row)
            self.rows += 1

    def finish(self) -> None:
        self.sheet.finish()
        data = self.book.close()
        self.out.flush()
        binary = getattr(self.out, "buffer", self.out)
        binary.write(data)
        binary.flush()
