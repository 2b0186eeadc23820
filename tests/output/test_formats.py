"""Every output format, on records shaped like Xero's (Decimals, nesting, awkward text)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from decimal import Decimal

from xerocli.api.wire import loads
from xerocli.output.table import TableColumn
from xerocli.output.writer import RecordView, write_records

RECORDS = [
    {
        "InvoiceNumber": "INV-1",
        "Contact": {"Name": 'Smith, "Jo" & Co'},
        "Total": Decimal("0.30"),
        "UnitAmount": Decimal("12.3400"),
        "CurrencyCode": "NZD",
        "Status": "PAID",
        "Note": "line one\nline two\ttabbed",
    },
    {
        "InvoiceNumber": "INV-2",
        "Contact": {"Name": "Ngā Tāonga"},
        "Total": Decimal("0.1") + Decimal("0.2"),
        "UnitAmount": Decimal("1.0001"),
        "CurrencyCode": "USD",
        "Status": "VOIDED",
        "Note": "",
    },
]
VIEW = RecordView(
    columns=[
        TableColumn("InvoiceNumber", "Number"),
        TableColumn("Contact.Name", "Contact"),
        TableColumn("Status", "Status", style_by_status=True),
        TableColumn("Total", "Total", money=True),
    ],
    currency_path="CurrencyCode",
    title="Invoices · Demo",
    empty_message="No invoices found.",
)


def render(fmt: str, records=RECORDS, **kwargs) -> str:
    out = io.StringIO()
    write_records(iter(records), VIEW, fmt=fmt, out=out, **kwargs)
    return out.getvalue()


def test_json_numbers_are_exact_and_unquoted() -> None:
    text = render("json")
    assert '"UnitAmount": 12.3400' in text
    assert '"Total": 0.3' in text and "0.30000000000000004" not in text
    parsed = json.loads(text, parse_float=Decimal)
    assert parsed[1]["UnitAmount"] == Decimal("1.0001")
    assert parsed[0]["Contact"]["Name"] == 'Smith, "Jo" & Co'


def test_json_of_nothing_is_an_empty_array() -> None:
    assert json.loads(render("json", [])) == []


def test_ndjson_is_one_compact_record_per_line() -> None:
    lines = render("ndjson").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["Contact"]["Name"] == "Ngā Tāonga"


def test_fields_pick_nested_values_in_json() -> None:
    parsed = json.loads(render("json", fields=["InvoiceNumber", "Contact.Name"]))
    assert parsed[0] == {"InvoiceNumber": "INV-1", "Contact": {"Name": 'Smith, "Jo" & Co'}}


def test_csv_quotes_by_rfc4180_and_keeps_money_exact() -> None:
    text = render("csv", fields=["InvoiceNumber", "Contact.Name", "UnitAmount", "Note"])
    assert text.startswith("InvoiceNumber,Contact.Name,UnitAmount,Note\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["INV-1", 'Smith, "Jo" & Co', "12.3400", "line one\nline two\ttabbed"]
    assert rows[2][2] == "1.0001"


def test_csv_header_is_the_same_with_no_records() -> None:
    assert render("csv", []) == "InvoiceNumber,Contact.Name,Status,Total\r\n"


def test_tsv_escapes_tab_newline_and_backslash_and_never_quotes() -> None:
    # TSV has no quoting: a tab, newline or backslash in a value is written \t, \n, \\ so
    # that every row is one line and a quote or comma is just a character.
    quoted = {**RECORDS[0], "Contact": {"Name": 'Tab Co, "Quoted"'}, "Note": "a\\b\r\nc"}
    lines = render("tsv", [RECORDS[0], quoted], fields=["Contact.Name", "Note"]).split("\n")
    assert lines == [
        "Contact.Name\tNote",
        'Smith, "Jo" & Co\tline one\\nline two\\ttabbed',
        'Tab Co, "Quoted"\ta\\\\b\\r\\nc',
        "",
    ]
    assert all(len(line.split("\t")) == 2 for line in lines[:-1])


def test_table_shows_currency_and_totals_per_currency_without_colour() -> None:
    text = render("table", no_color=True)
    assert "\x1b[" not in text
    assert "Invoices · Demo" in text
    assert "0.30 NZD" in text and "0.30 USD" in text
    # The voided USD invoice is shown but not counted: nobody owes it.
    assert "Total by currency: 0.30 NZD (not counting 1 voided or deleted)" in text


def test_narrow_table_cuts_long_names_first_and_keeps_one_line_per_row(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "44")
    long_name = {**RECORDS[0], "Contact": {"Name": "The Very Long Name Trading Company Ltd"}}
    lines = render("table", [long_name, RECORDS[1]], no_color=True).splitlines()
    rows = [line for line in lines if line.startswith("INV-")]
    assert len(rows) == 2 and all(len(line) <= 44 for line in lines), lines
    assert "The Very Long Nam…" in rows[0] and "Company" not in rows[0]
    # Dates, statuses and amounts keep their width: only the name gave way.
    assert "0.30 NZD" in rows[0] and "PAID" in rows[0]
    assert "VOIDED" in rows[1] and "0.30 USD" in rows[1]
    # Narrower than the other columns need: they give way, the amounts stay whole.
    monkeypatch.setenv("COLUMNS", "28")
    lines = render("table", [long_name, RECORDS[1]], no_color=True).splitlines()
    rows = [line for line in lines if line.startswith("INV")]
    assert rows[0].endswith("0.30 NZD") and rows[1].endswith("0.30 USD"), lines
    assert "…" in rows[0] and all(len(row) <= 28 for row in rows), rows


def test_empty_table_says_so() -> None:
    assert render("table", []).strip() == "No invoices found."


def test_wire_dates_become_iso_8601() -> None:
    payload = loads(
        '{"Date":"/Date(1539993600000+0000)/","UpdatedDateUTC":"/Date(1541176290160+0000)/",'
        '"DueDate":"/Date(1539993600000+1300)/","Total":12.3400}'
    )
    assert payload["Date"] == "2018-10-20"
    assert payload["UpdatedDateUTC"] == "2018-11-02T16:31:30.160Z"
    assert payload["DueDate"] == "2018-10-20T13:00:00+13:00"
    assert payload["Total"] == Decimal("12.3400")


def test_fields_tables_keep_amounts_with_currency_and_voided_out_of_totals() -> None:
    # `--fields InvoiceNumber,Total`: Total is still an amount (currency, right-aligned), and
    # the voided invoice stays out of the total though its Status is not shown.
    view = replace(VIEW, status_path="Status")
    out = io.StringIO()
    write_records(
        iter(RECORDS), view, fmt="table", fields=["InvoiceNumber", "Total"], out=out, no_color=True
    )
    lines = out.getvalue().splitlines()
    assert lines[1].split() == ["InvoiceNumber", "Total"]
    assert lines[2].endswith("0.30 NZD") and lines[3].endswith("0.30 USD")
    assert lines[4] == "Total by currency: 0.30 NZD (not counting 1 voided or deleted)"
