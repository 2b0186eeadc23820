"""An export's CSV from pages decoded to its columns' fields (`wire.FieldsDecoder`, issue 18):
byte for byte the CSV of the same pages decoded in full (`wire.loads`), whatever the page holds.

The fields path decodes only what the columns read, keeps a number as its text and leaves
dates as Xero sent them for the flattener to convert; so every way that could differ from the
full decode is generated here: numbers of every shape (exponents, `-0.0`, 40 digits), dates
under date and other keys, escaped slashes, `/Date(` inside other text, nulls where objects and
lists are named, objects and lists where values are (the page is then written from its full
decode), text msgspec refuses (`NaN`: the full decode itself), records with fields no column
reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec  # noqa: F401  (imported: the decoder takes small texts too, as in an export)
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from xerocli.api import wire
from xerocli.api.export import ExportPlan, Tenant, _page_decoder
from xerocli.api.query import ListQuery
from xerocli.api.resources import BY_NOUN
from xerocli.cli.export import export_columns
from xerocli.output.export_files import ExportFiles

INVOICES = BY_NOUN["invoices"]
TENANT = Tenant("tenant-1", "Ridgeway Traders")
TABLE = export_columns(INVOICES, lines=True, all_tenants=False)
ALL_TENANTS = export_columns(INVOICES, lines=True, all_tenants=True)
PICKED = ["Reference", "Contact.Name", "Total", "LineItem.Tracking[1].Option", "LineItem.Quantity"]


class Raw(str):
    """A JSON literal written as it is (a number's exact text)."""


def dumps(value: Any, escape_slashes: bool) -> str:
    """JSON text with `Raw` literals as they are and, like Xero, `\\/` for every slash."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        items = (f"{dumps(k, escape_slashes)}:{dumps(v, escape_slashes)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(item, escape_slashes) for item in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("/", "\\/") if escape_slashes and isinstance(value, str) else text


NUMBERS = st.one_of(
    st.sampled_from(
        ["1.0000", "12.3400", "-0.0", "0.00", "0.0000001", "1e5", "1E+5", "-1.5E-7", "1.0E2",
         "123456789012345678901234567890.1234567890", "0", "-0", "7", "2.5e-3"]
    ),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(lambda d: f"{d:f}"),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
).map(Raw)  # fmt: skip
DATES = st.one_of(
    st.integers(-(10**13), 10**13).map(lambda ms: f"/Date({ms}+0000)/"),
    st.integers(0, 2 * 10**12).map(lambda ms: f"/Date({ms})/"),
    st.sampled_from(
        ["/Date(1539993600000+1300)/", "/Date(1539993600000-0530)/", "/Date(0)/",
         "/Date(1)/ later", "see /Date(5)/", "/Date(x)/", "/Date("]
    ),
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=6),
    st.sampled_from(['a, "b"', "line\r\nbreak", "", "INV-0001", "true", "None"]),
)
SCALARS = st.one_of(
    NUMBERS, NUMBERS, DATES, TEXTS, st.booleans(), st.none(), st.integers(-(10**20), 10**20)
)
ODD = st.one_of(  # a value where the columns name one: the page is written from its full decode
    st.lists(SCALARS, max_size=2), st.dictionaries(st.sampled_from(["Date", "A"]), SCALARS)
)
VALUES = st.one_of(SCALARS, SCALARS, SCALARS, SCALARS, SCALARS, SCALARS, ODD)

HEADER_KEYS = [c for c in TABLE if "." not in c] + ["Payments", "DateString", "Unread"]
LINE_KEYS = [c.split(".", 1)[1] for c in TABLE if c.startswith("LineItem.") and "[" not in c]


def fields(keys: list[str]) -> st.SearchStrategy[dict]:
    return st.dictionaries(st.sampled_from(keys), VALUES, max_size=len(keys))


TRACKING = st.one_of(
    st.lists(st.one_of(st.none(), fields(["Name", "Option", "TrackingCategoryID"])), max_size=3),
    st.none(),
)


@st.composite
def line(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 20)) == 0:
        return None
    found = draw(fields(LINE_KEYS))
    if draw(st.booleans()):
        found["Tracking"] = draw(TRACKING)
    return found


@st.composite
def invoice(draw: st.DrawFn) -> dict:
    found = draw(fields(HEADER_KEYS))
    contact = draw(st.integers(0, 10))
    if contact:
        found["Contact"] = (
            None if contact == 1 else draw(fields(["ContactID", "Name", "Addresses"]))
        )
    lines = draw(st.integers(0, 10))
    if lines:
        found["LineItems"] = None if lines == 1 else draw(st.lists(line(), max_size=3))
    if draw(st.integers(0, 5)) == 0:
        found["Payments"] = [{"Date": draw(DATES), "Amount": draw(NUMBERS)}]
    return found


def page_text(records: list[dict], escape_slashes: bool, tail: str = "") -> str:
    envelope = {"Id": "x", "pagination": {"page": 1, "pageCount": 1}, "Invoices": records}
    return dumps(envelope, escape_slashes)[:-1] + tail + "}"


def csv_of(tmp_path: Path, texts: list[str], columns: list[str], fast: bool) -> tuple[bytes, list]:
    """The CSV of the pages, and per page whether it came as a `FieldsPage`."""
    target = tmp_path / ("fast.csv" if fast else "full.csv")
    files = ExportFiles(str(target), "csv", INVOICES, columns, lines=True, tenant_columns=True)
    files.open([TENANT])
    decode = wire.loads
    if fast:
        wanted = files.read_fields()
        assert wanted is not None
        decoder = wire.FieldsDecoder(INVOICES.records_key, wanted)
        files.decoded_by(decoder)
        decode = decoder.loads
    kinds = []
    for text in texts:
        records = wire.records_of(decode(text), INVOICES.records_key)
        kinds.append(isinstance(records, wire.FieldsPage))
        files.write(TENANT, records)
    files.commit()
    return target.read_bytes(), kinds


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.lists(invoice(), max_size=4), min_size=1, max_size=3),
    st.booleans(),
    st.sampled_from([TABLE, ALL_TENANTS, PICKED]),
)
@example(  # a date under a key not named as one, the same text as a substring elsewhere
    [[{"Reference": "/Date(1539993600000+0000)/", "LineItems": [{"Description": "x /Date(1)/"}]}]],
    True,
    TABLE,
)
def test_a_fields_page_writes_the_csv_of_its_full_decode(
    tmp_path: Path, pages: list[list[dict]], escape_slashes: bool, columns: list[str]
) -> None:
    wire.clear_caches()
    texts = [page_text(records, escape_slashes) for records in pages]
    full, _ = csv_of(tmp_path, texts, columns, fast=False)
    wire.clear_caches()
    fast, _ = csv_of(tmp_path, texts, columns, fast=True)
    assert fast == full


def test_fields_pages_are_what_an_export_writes_from_and_carry_only_the_columns(tmp_path) -> None:
    """Structure: a clean page is a `FieldsPage` (nothing else is made of its records: no
    payments, numbers as text, dates as sent), and gives the full decode's bytes; a page with
    an object where a column names a value is written from its full decode, and the pages
    after it too; `NaN` (msgspec refuses it) is the full decode's."""
    clean = [
        {
            "InvoiceID": "i1",
            "Total": Raw("1234.5600"),
            "CurrencyRate": Raw("1E-7"),
            "Date": "/Date(1539993600000+0000)/",
            "UpdatedDateUTC": "/Date(1539993600123+0000)/",
            "Payments": [{"Date": "/Date(0)/", "Amount": Raw("1.5")}],
            "Contact": {"Name": 'A, "B"', "Phones": []},
            "LineItems": [{"Quantity": Raw("2.0000"), "Tracking": [{"Name": "R", "Option": "N"}]}],
        }
    ]
    odd = [{"InvoiceID": "i2", "Reference": {"Date": "/Date(0)/"}, "Total": Raw("1.10")}]
    nan = [{"InvoiceID": "i3", "Total": Raw("NaN")}]
    texts = [page_text(clean, True), page_text(odd, True), page_text(clean, False)]
    texts.append(page_text(nan, False))
    decoder = wire.FieldsDecoder(INVOICES.records_key, {"InvoiceID": None, "Total": None})
    record = wire.records_of(decoder.loads(texts[0]), INVOICES.records_key)[0]
    assert (record.InvoiceID, record.Total, not hasattr(record, "Payments")) == (
        "i1",
        "1234.5600",
        True,
    )

    full, full_kinds = csv_of(tmp_path, texts, TABLE, fast=False)
    fast, fast_kinds = csv_of(tmp_path, texts, TABLE, fast=True)
    assert fast == full
    assert full_kinds == [False] * 4
    assert fast_kinds == [True, True, False, False]  # page 2 turned the decoder off
    assert b",1234.5600," in full and b"2018-10-20T00:00:00.123Z" in full
    assert b"0.0000001" in full  # CurrencyRate 1E-7, fixed point as a Decimal's cell


def test_only_a_full_plain_csv_export_decodes_to_fields(tmp_path) -> None:
    """NDJSON, `--excel`, an `--incremental` run (its mark reads each record whole) and a
    column selecting by type take `wire.loads`' pages; a plain CSV export the fields."""

    def decoder_for(fmt: str = "csv", incremental: bool = False, **options: Any) -> Any:
        columns = options.pop("columns", TABLE)
        files = ExportFiles(str(tmp_path / "x"), fmt, INVOICES, columns, lines=True, **options)
        files.open([TENANT])
        plan = ExportPlan(INVOICES, ListQuery(), incremental=incremental)
        return _page_decoder(plan, files)

    decode = decoder_for()
    assert decode is not None and decode.__self__.fields["Contact"] == {
        "ContactID": None, "Name": None
    }  # fmt: skip
    assert decode.__self__.fields["LineItems"][0]["Tracking"] == [{"Name": None, "Option": None}]
    assert decoder_for("ndjson") is None
    assert decoder_for(excel=True) is None
    assert decoder_for(incremental=True) is None
    assert (
        decoder_for(columns=["InvoiceID", "Contact.Addresses[POBOX].City", "LineItem.Description"])
        is None
    )


@pytest.mark.parametrize(
    "literal", ["1.0000", "-0.0", "0.0000001", "1E+5", "-1.5e-7", "12345678901234567890.1230"]
)
def test_a_number_is_the_text_of_its_decimal_cell(literal: str) -> None:
    """The decoder's number is the cell the full decode's Decimal gets (`format(d, "f")`)."""
    from decimal import Decimal

    from xerocli.output.cells import cell_text
    from xerocli.output.delimited import CsvSink

    decoder = wire.FieldsDecoder("Invoices", {"Total": None})
    text = '{"Invoices":[{"Total":' + literal + "}]}"
    (record,) = wire.records_of(decoder.loads(text), "Invoices")
    assert CsvSink.fields_cells([record.Total]) == [cell_text(Decimal(literal))]


def test_repeated_keys_and_no_msgspec_give_the_full_decodes_csv(tmp_path, monkeypatch) -> None:
    """A key given twice is its last value, as `json.loads` keeps it (an object's too, whole);
    without msgspec every page is `loads`' (plain records, the same bytes)."""
    text = (
        '{"Invoices":[{"InvoiceID":"a","Total":1.5,"Total":2.50,"Contact":{"Name":"x"},'
        '"Contact":{"ContactID":"c"},"LineItems":[{"Quantity":1.0}],"LineItems":[{"Tracking":'
        '[{"Name":"R"}],"Description":"d"},null],"Date":"\\/Date(0+0000)\\/","Date":"x"}]}'
    )
    full, _ = csv_of(tmp_path, [text], TABLE, fast=False)
    fast, kinds = csv_of(tmp_path, [text], TABLE, fast=True)
    assert (fast, kinds) == (full, [True])
    assert b"a,,,,c,,x,," in full and b",2.50," in full
    monkeypatch.setattr(wire.FieldsDecoder, "_decoder", lambda self: None)
    fast, kinds = csv_of(tmp_path, [text], TABLE, fast=True)
    assert (fast, kinds) == (full, [False])
