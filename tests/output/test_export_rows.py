"""The export's writing half: byte-for-byte what a plain reference formatter writes, and built
so an invoice's header cells are read and formatted once, not once per line (issue 18).

The reference below is written the straightforward way on purpose (walk each path by hand,
format each cell, one `csv.writer` row per line item), so the fast path is checked against
something obviously right rather than against itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers.cli import run_xero
from xerocli.api.export import Tenant
from xerocli.api.resources import BY_NOUN
from xerocli.cli.export import export_columns
from xerocli.output import delimited
from xerocli.output.export_files import ExportFiles
from xerocli.output.flatten import Flattener
from xerocli.output.jsonfmt import dumps_compact

INVOICES = BY_NOUN["invoices"]
TENANT = Tenant("tenant-1", 'Ridgeway, "Traders"\nLtd')


# -- the reference ---------------------------------------------------------------------------


def ref_read(value: Any, path: str) -> Any:
    """The value at `path`, walked by hand: `A.B`, `[N]`/`.N`, `[WORD]` (a `...Type` match)."""
    for part in path.split("."):
        name, *selectors = re.findall(r"[^\[\]]+", part)
        if name.isdigit() and not selectors and isinstance(value, list):
            selectors, name = [name], ""
        if name:
            value = value.get(name) if isinstance(value, dict) else None
        for selector in selectors:
            if not isinstance(value, list):
                value = None
            elif selector.isdigit():
                value = value[int(selector)] if int(selector) < len(value) else None
            else:
                value = next(
                    (
                        item
                        for item in value
                        if isinstance(item, dict)
                        and any(k.endswith("Type") and v == selector for k, v in item.items())
                    ),
                    None,
                )
        if value is None:
            return None
    return value


def ref_text(value: Any, excel: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        return dumps_compact(value)
    text = str(value)
    if excel and isinstance(value, str):
        found = re.match(
            r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$", text
        )
        if found:
            return f"{found.group(1)} {found.group(2)}"
    return text


def ref_values(records: list[dict], columns: list[str], constants: dict | None = None) -> list:
    rows = []
    for record in records:
        for line in record.get("LineItems") or [None]:
            row = []
            for column in columns:
                if constants and column in constants:
                    row.append(constants[column])
                elif column.startswith("LineItem."):
                    row.append(ref_read(line, column[len("LineItem.") :]) if line else None)
                else:
                    row.append(ref_read(record, column))
            rows.append(row)
    return rows


def ref_csv(records: list[dict], columns: list[str], excel: bool = False, **kw: Any) -> bytes:
    out = io.StringIO(newline="")
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in ref_values(records, columns, **kw):
        writer.writerow([ref_text(value, excel) for value in row])
    return out.getvalue().encode("utf-8")


def ref_tsv(records: list[dict], columns: list[str], **kw: Any) -> bytes:
    def field(text: str) -> str:
        return (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )

    lines = ["\t".join(field(c) for c in columns)]
    for row in ref_values(records, columns, **kw):
        lines.append("\t".join(field(ref_text(value)) for value in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def ref_ndjson(records: list[dict], columns: list[str], **kw: Any) -> bytes:
    return "".join(
        dumps_compact(dict(zip(columns, row, strict=True))) + "\n"
        for row in ref_values(records, columns, **kw)
    ).encode("utf-8")


# -- data with every kind of cell ------------------------------------------------------------

RECORDS: list[dict] = [
    {
        "InvoiceID": "i1",
        "InvoiceNumber": 'INV, "1"',
        "Contact": {
            "ContactID": "c1",
            "Name": "Tab\there\nand\\slash",
            "Addresses": [
                {"AddressType": "STREET", "City": "S"},
                {"AddressType": "POBOX", "City": "Wellington"},
            ],
        },
        "Date": "2026-02-06",
        "CurrencyRate": Decimal("1.000000"),
        "Total": Decimal("1E+2"),
        "AmountDue": Decimal("0.0001"),
        "AmountPaid": Decimal("0.00000000"),  # str() would write 0E-8
        "AmountCredited": Decimal("-0.0000001"),
        "SentToContact": True,
        "HasAttachments": False,
        "UpdatedDateUTC": "2026-02-06T12:17:43.202Z",
        "Reference": "Ünïcode €",
        "LineItems": [
            {
                "LineItemID": "l1",
                "Description": "one",
                "Quantity": Decimal("2.0000"),
                "UnitAmount": Decimal("1.2345"),
                "Tracking": [
                    {"Name": "Region", "Option": "North"},
                    {"Name": "Dept", "Option": "A"},
                ],
            },
            {"LineItemID": "l2", "Description": 'a, "b"\r\nc', "Quantity": 3, "Tracking": []},
            {"LineItemID": "l3", "Description": "", "Tracking": [None, {"Option": "B"}]},
            {},
            {"LineItemID": "l4", "Tracking": [{"Name": "Region"}], "DiscountRate": None},
        ],
    },
    {"InvoiceID": "i2", "Total": Decimal("0"), "Contact": None},  # no lines: one row
    {"InvoiceID": "i3", "LineItems": [], "Contact": {"Name": "Only"}, "Payments": [{"A": 1}]},
]

ODD_ORDER = [  # line and header columns mixed, nested and constant columns
    "LineItem.Description",
    "TenantName",
    "InvoiceID",
    "Contact.Addresses[POBOX].City",
    "LineItem.Tracking[1].Option",
    "Total",
    "Payments",
    "LineItem.Quantity",
    "TenantId",
    "Contact.Addresses.1.City",
]


def export_bytes(tmp_path: Path, fmt: str, columns: list[str], **options: Any) -> bytes:
    target = tmp_path / f"out.{fmt}"
    files = ExportFiles(str(target), fmt, INVOICES, columns, **options)
    files.open([TENANT])
    for record in RECORDS:  # one "page" a record: header reuse must not leak between pages
        files.write(TENANT, [record])
    files.commit()
    return target.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "excel", "tsv", "ndjson"])
@pytest.mark.parametrize("layout", ["table", "odd order"])
def test_export_bytes_match_the_reference_formatter(tmp_path: Path, fmt: str, layout: str) -> None:
    if layout == "table":
        columns = export_columns(INVOICES, lines=True, all_tenants=True)
    else:
        columns = ODD_ORDER
    constants = {"TenantId": TENANT.id, "TenantName": TENANT.name}
    excel = fmt == "excel"
    got = export_bytes(
        tmp_path, "csv" if excel else fmt, columns, lines=True, excel=excel, tenant_columns=True
    )
    reference = {"csv": ref_csv, "excel": ref_csv, "tsv": ref_tsv, "ndjson": ref_ndjson}[fmt]
    extra = {"excel": True} if excel else {}
    assert got == reference(RECORDS, columns, constants=constants, **extra)


def test_cli_export_matches_the_reference_on_the_sandbox(sandbox_env, tmp_path) -> None:
    target = tmp_path / "lines.csv"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--lines", "-o", str(target), env=sandbox_env
    ).ok()
    listed = run_xero(
        "--sandbox", "invoices", "list", "--all", "-o", "ndjson", env=sandbox_env
    ).ok()
    records = [json.loads(line, parse_float=Decimal) for line in listed.stdout.splitlines()]
    assert sum(len(r.get("LineItems") or [None]) for r in records) > len(records)
    columns = export_columns(INVOICES, lines=True, all_tenants=False)
    assert target.read_bytes() == ref_csv(records, columns)


class CountingRecord(dict):
    """A record that counts how often each of its fields is read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads: dict[str, int] = {}

    def get(self, key: str, default: Any = None) -> Any:
        self.reads[key] = self.reads.get(key, 0) + 1
        return super().get(key, default)


def test_header_cells_are_read_and_formatted_once_per_record_not_per_line() -> None:
    columns = export_columns(INVOICES, lines=True, all_tenants=False)
    record = CountingRecord(
        InvoiceID="i1",
        Total=Decimal("10.00"),
        LineItems=[{"LineItemID": f"l{n}", "LineAmount": Decimal(n)} for n in range(5)],
    )
    made: list[int] = []
    sink = delimited.CsvSink(io.StringIO(), columns)

    def cells_of(values: list[Any]) -> list[str]:
        made.append(len(values))
        return sink.cells(values)

    rows = list(Flattener(columns, "LineItems").text_rows([record], cells_of))
    assert len(rows) == 5 and all(len(row) == len(columns) for row in rows)
    header = [c for c in columns if not c.startswith("LineItem.")]
    # One batch of header cells for the record, one batch of line cells per line (plus the
    # empty line's cells, made once up front).
    assert made.count(len(header)) == 1
    assert made.count(len(columns) - len(header)) == 5 + 1
    # Every header field of the record was read once, whatever the number of lines.
    assert record.reads["InvoiceID"] == 1 and record.reads["Total"] == 1
    assert record.reads["Contact"] == 2  # Contact.ContactID and Contact.Name, once each
    assert rows[0][: len(header)] is not rows[1][: len(header)]
    assert [row[0] for row in rows] == ["i1"] * 5


def test_string_and_decimal_cells_are_made_without_calling_cell_text(monkeypatch) -> None:
    calls: list[Any] = []
    real = delimited._cells.cell_text
    monkeypatch.setattr(delimited._cells, "cell_text", lambda v: calls.append(v) or real(v))
    sink = delimited.CsvSink(io.StringIO(), ["a", "b", "c", "d", "e"])
    assert sink.cells(["x", Decimal("1.50"), None, True, 7]) == ["x", "1.50", "", "true", "7"]
    assert calls == [True, 7]  # only the types a row rarely holds go through the general path


def test_csv_decimal_cells_are_their_fixed_point_text_whatever_the_exponent() -> None:
    """A CSV cell of a Decimal is `format(d, "f")` (digits exactly as Xero sent them), also
    where `str(d)` would write an exponent (the sink takes `str` when it has none)."""
    sink = delimited.CsvSink(io.StringIO(), ["a"])
    numbers = ["12.3400", "-0.0", "0.0000", "0.00000000", "0.0000001", "1E+2", "-1.5E-7"]
    numbers += ["123456789012345678901234567890.1234", "1.000000", "0.000001", "5E-7", "7"]
    for text in numbers:
        number = Decimal(text)
        assert sink.cells([number]) == [format(number, "f")], text


def test_csv_writer_sees_only_records_that_need_quoting_and_their_header_once(
    monkeypatch, tmp_path
) -> None:
    """A record with no comma, quote, CR or LF in its cells is joined as plain text, never
    handed to the csv writer (issue 18); one that needs quoting is, its 28 header cells once
    and each line's 16 cells per line, not all 44 per line. The bytes stay the reference's."""
    handed: list[int] = []
    real_writer = delimited.csv.writer

    class CountingWriter:
        def __init__(self, out: Any, **options: Any) -> None:
            self.writer = real_writer(out, **options)

        def writerow(self, row: Any) -> Any:
            handed.append(len(row))
            return self.writer.writerow(row)

        def writerows(self, rows: Any) -> Any:
            for row in rows:
                self.writerow(row)

    columns = export_columns(INVOICES, lines=True, all_tenants=False)
    header = len([c for c in columns if not c.startswith("LineItem.")])
    expected = ref_csv(RECORDS, columns)
    monkeypatch.setattr(delimited.csv, "writer", CountingWriter)  # the `csv` module's own
    assert export_bytes(tmp_path, "csv", columns, lines=True) == expected
    # The column names, then only the first record (quotes, CR LF and commas in its cells):
    # its header once and its 5 lines; the other two records are plain text.
    assert handed == [len(columns), header] + [len(columns) - header] * 5


CELL_TEXT = st.text(alphabet=st.sampled_from(list('ab ,"\r\n\t\\é€\x00;')), max_size=4)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(CELL_TEXT, min_size=1, max_size=4),
            st.lists(st.lists(CELL_TEXT, min_size=2, max_size=4), min_size=1, max_size=3),
        ),
        max_size=4,
    )
)
@example([(["a", "b"], [["c", "d,e"], ["f"]])])  # commas 4 + 2, as two lines of 2 would have
def test_csv_record_text_is_the_csv_writers_whatever_the_cells(records: list[Any]) -> None:
    """Plain-text records and quoted ones, mixed in one page, in order: the bytes of one
    `csv.writer` row per line, for cells with and without commas, quotes, CR, LF, empties,
    and lines of unequal widths (a comma in one cell must not pass for a cell missing in
    another)."""
    columns = ["h1", "l1", "l2", "l3"]
    got, expected = io.StringIO(newline=""), io.StringIO(newline="")
    sink = delimited.CsvSink(got, columns)
    sink.write_groups((head, lines) for head, lines in records)
    reference = csv.writer(expected, lineterminator="\r\n")
    reference.writerow(columns)
    for head, lines in records:
        reference.writerows([*head, *line] for line in lines)
    assert got.getvalue() == expected.getvalue()
    assert sink.rows == sum(len(lines) for _, lines in records)
