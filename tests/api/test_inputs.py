"""Write input: files and options checked before anything is sent, errors naming row and field."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from xerocli import errors
from xerocli.api.inputs import read_csv, read_file, read_json, read_ndjson, validate
from xerocli.api.models import Contact, Invoice, Payment

CSV = (
    "InvoiceNumber,Contact.Name,Date,LineItem.Description,LineItem.Quantity,"
    "LineItem.UnitAmount,LineItem.AccountCode\n"
    "X-1,Acme,2026-01-31,Widget,2,10.1234,200\n"
    "X-1,Acme,2026-01-31,Gadget,1,5,200\n"
    ",,,Extra,1,1,200\n"
    'X-2,"Smith, Jo",2026-02-01,Thing,3,0.1,200\n'
)


def test_csv_rows_group_into_records_with_their_lines() -> None:
    records = read_csv(CSV)
    assert [r.label for r in records] == ["row 2", "row 5"]
    first = validate(records, Invoice)[0]
    assert [line["Description"] for line in first["LineItems"]] == ["Widget", "Gadget", "Extra"]
    assert first["LineItems"][0]["UnitAmount"] == Decimal("10.1234")
    assert validate(records, Invoice)[1]["Contact"] == {"Name": "Smith, Jo"}


def test_csv_line_tracking_columns_as_the_export_writes_them() -> None:
    """`LineItem.Tracking[0].Name` and `.Option`, the export's `--lines` columns, load back."""
    text = (
        "Contact.Name,LineItem.Description,LineItem.Quantity,LineItem.UnitAmount,"
        "LineItem.AccountCode,LineItem.Tracking[0].Name,LineItem.Tracking[0].Option,"
        "LineItem.Tracking[1].Name,LineItem.Tracking[1].Option\n"
        "Acme,Work,1,10,200,Region,North,Department,Sales\n"
        "Acme,More,1,5,200,Region,South,,\n"
    )
    [invoice] = validate(read_csv(text), Invoice)
    assert [line["Tracking"] for line in invoice["LineItems"]] == [
        [{"Name": "Region", "Option": "North"}, {"Name": "Department", "Option": "Sales"}],
        [{"Name": "Region", "Option": "South"}],
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X-3,Acme,2026-01-31,Widget,two,1,200", "row 6: LineItem.Quantity: 'two' is not a number"),
        (
            "X-3,Acme,2026-01-31,Widget,1,1.00001,200",
            "row 6: LineItem.UnitAmount: '1.00001' has more than 4 decimal places",
        ),
        (
            "X-3,Acme,31/01/2026,Widget,1,1,200",
            "row 6: Date: '31/01/2026' is not a date (use YYYY-MM-DD)",
        ),
        ("X-3,Acme,2026-01-31,Widget,1", "row 6: has 5 columns, the header has 7"),
    ],
)
def test_bad_csv_rows_name_the_row_and_field(row: str, message: str) -> None:
    with pytest.raises(errors.UsageError) as caught:
        validate(read_csv(CSV + row + "\n"), Invoice)
    assert caught.value.message == message


def test_unknown_field_is_refused() -> None:
    records = read_json('[{"Name": "Acme", "Nmae": "typo"}]')
    with pytest.raises(errors.UsageError, match="record 1: Nmae: is not a field Xero takes"):
        validate(records, Contact)


def test_json_numbers_stay_exact_and_ndjson_names_lines() -> None:
    body = validate(
        read_json(
            '{"Payments": [{"Invoice": {"InvoiceNumber": "INV-1"},'
            ' "Account": {"Code": "090"}, "Amount": 0.1}]}'
        ),
        Payment,
    )[0]
    assert body["Amount"] == Decimal("0.1")
    with pytest.raises(errors.UsageError, match=r"line 2: not valid JSON"):
        read_ndjson('{"Name": "a"}\n{"Name": \n')


def test_files_are_read_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,EmailAddress\nAcme,a@example.com\n", encoding="utf-8")
    assert validate(read_file(str(path)), Contact) == [
        {"Name": "Acme", "EmailAddress": "a@example.com"}
    ]
    with pytest.raises(errors.UsageError, match="does not exist"):
        read_file(str(tmp_path / "missing.json"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Contact,Contact.Name\nA,B\n", "columns 'Contact' and 'Contact.Name' cannot both"),
        ("Contact.Name,Contact.Name.First\nA,B\n", "'Contact.Name' holds a value"),
        ("Contact.Name,LineItems.0.Quantity\nA,1\n", "line items go in LineItem.* columns"),
        ("Contact.Name,LineItem.\nA,B\n", "column 'LineItem.' is not a field name"),
        ("Contact..Name\nA\n", "column 'Contact..Name' is not a field name"),
        ("Contact.Name,LineItem.Description,\nA,B,c\n", "row 2: column 3 has a value but no"),
    ],
)
def test_csv_headers_that_cannot_make_a_record_are_one_line_errors(text, message) -> None:
    """Found by tests/reliability/test_fuzz_input.py: these used to raise TypeError or
    AttributeError (a traceback) instead of naming the column."""
    with pytest.raises(errors.UsageError) as caught:
        validate(read_csv(text), Invoice)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_csv_trailing_comma_in_the_header_is_fine_while_its_cells_are_empty() -> None:
    [body] = validate(read_csv("Contact.Name,LineItem.Description,\nA,B,\n"), Invoice)
    assert body["LineItems"] == [{"Description": "B"}]


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (
            "LineItems.0.UnitAmount",
            "1e40",
            "'1e40' has more than 18 digits before the decimal point",
        ),
        (
            "LineItems.0.Quantity",
            "1e400",
            "'1e400' has more than 18 digits before the decimal point",
        ),
        ("LineItems.0.LineAmount", "10.001", "'10.001' has more than 2 decimal places"),
        ("LineItems.0.TaxAmount", "0.125", "'0.125' has more than 2 decimal places"),
        ("LineItems.0.UnitAmount", "1.00001", "'1.00001' has more than 4 decimal places"),
        ("CurrencyRate", "1.2345678", "'1.2345678' has more than 6 decimal places"),
    ],
)
def test_each_number_is_held_to_xeros_precision_for_its_field(field, value, problem) -> None:
    """One table (models.PRECISION): 2 places for amounts, 4 for unit amounts and quantities,
    6 for currency rates, 18 digits before the point; 1e40 and 1e400 used to pass."""
    record = {"Contact": {"Name": "A"}, "CurrencyCode": "USD", "LineItems": [{"Description": "x"}]}
    target, *path = field.split(".")
    if path:
        record["LineItems"][0][path[-1]] = value
    else:
        record[target] = value
    with pytest.raises(errors.UsageError) as caught:
        validate(read_json(json.dumps([record])), Invoice)
    assert caught.value.message == f"record 1: {field}: {problem}"


def test_numbers_within_precision_pass_and_trailing_zeros_do_not_count() -> None:
    [body] = validate(
        read_json(
            '[{"Contact": {"Name": "A"}, "CurrencyCode": "USD", "CurrencyRate": 1.234567,'
            ' "LineItems": [{"Description": "x", "Quantity": 1.50000, "UnitAmount": 0.1234,'
            ' "LineAmount": 999999999999999999.99}]}]'
        ),
        Invoice,
    )
    assert body["CurrencyRate"] == Decimal("1.234567")
    assert type(body["CurrencyRate"]) is Decimal  # sent as a plain Decimal
    assert body["LineItems"][0]["Quantity"] == Decimal("1.5")


def test_json_numbers_in_messages_read_as_written_not_as_python() -> None:
    """From a file the message used to say `Decimal('1.00001')`."""
    text = '[{"Invoice": {"InvoiceNumber": "I"}, "Account": {"Code": "090"}, "Amount": 1.001}]'
    with pytest.raises(errors.UsageError) as caught:
        validate(read_json(text), Payment)
    assert caught.value.message == "record 1: Amount: '1.001' has more than 2 decimal places"


def test_json_depth_is_bounded_below_what_the_parser_survives() -> None:
    """64 levels read; 65 (parsable, but nothing Xero takes) and 100,000 (a RecursionError
    in `json`) are one-line errors naming where."""
    inner = "[" * 62 + "]" * 62  # record (1) -> field (2) -> 62 lists = 64 levels
    assert read_json(f'[{{"Tracking": {inner}}}]')[0].data["Tracking"]
    for text in (f'[{{"Tracking": [{inner}]}}]', "[" * 100_000 + "]" * 100_000):
        with pytest.raises(errors.UsageError) as caught:
            read_json(text, source="--file x.json")
        assert caught.value.message.startswith("--file x.json: JSON nested more than 64 levels")


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("a\x00b", "a NUL character (U+0000) at character 2"),
        ("\x1f", "the control character U+001F at character 1"),
        ("ab\x0b", "the control character U+000B at character 3"),
        ("a\ud800", "an unpaired surrogate (U+D800) at character 2"),
    ],
)
def test_control_characters_are_refused_in_any_text(text: str, what: str) -> None:
    record = {"Contact": {"Name": "A"}, "LineItems": [{"Description": "x"}, {"ItemCode": text}]}
    with pytest.raises(errors.UsageError) as caught:
        validate(read_json(json.dumps([record])), Invoice)
    assert caught.value.message == f"record 1: LineItems.1.ItemCode: contains {what}; remove it"


def test_tab_newline_and_carriage_return_are_text() -> None:
    record = {"Contact": {"Name": "A"}, "LineItems": [{"Description": "one\ttwo\r\nthree"}]}
    [body] = validate(read_json(json.dumps([record])), Invoice)
    assert body["LineItems"][0]["Description"] == "one\ttwo\r\nthree"
