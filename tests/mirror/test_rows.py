"""The compiled row makers (`mirror/rows.py`): each converter's inline expression equals the
converter itself, and a record's rows are what the schema says, odd values included."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from xerocli.api.resources import RESOURCES
from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend
from xerocli.mirror.backends.duck import DuckdbBackend
from xerocli.mirror.backends.postgres import PostgresBackend
from xerocli.mirror.backends.sqlite import SqliteBackend
from xerocli.mirror.rows import compile_maker
from xerocli.mirror.target import parse_target

#: Values a record's field may hold: what the wire gives, and what it gives now and then.
VALUES = (
    None,
    "",
    "text",
    "2026-02-06",
    "2026-02-06T00:00:00",
    "2026-02-06T12:17:43.202Z",
    "12.5",
    "true",
    True,
    False,
    0,
    7,
    Decimal("12.3400"),
    Decimal("-0.00"),
    Decimal("1.00005"),
    Decimal("1.00015"),
    Decimal("-2.123450"),
    Decimal("1E+3"),
    {"Name": "x"},
    ["a"],
)

BACKENDS = (
    SqliteBackend(parse_target("/tmp/unused.sqlite")),
    PostgresBackend(parse_target("postgresql://nobody@nowhere/none")),
    DuckdbBackend(parse_target("/tmp/unused.duckdb")),
)


def _outcome(call: Callable[[Any], Any], value: Any) -> tuple[str, Any]:
    """What `call(value)` gives: its value, or the class of the error it raised."""
    try:
        return ("value", call(value))
    except Exception as exc:
        return ("error", type(exc))


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.kind)
def test_inline_conversions_equal_their_converters(backend: Backend) -> None:
    kinds = {(c.kind, c.places) for t in schema.all_tables() for c in t.columns if c.path}
    checked = 0
    for kind, places in sorted(kinds):
        convert = backend.converter(schema.Column("x", "X", kind, places))
        inline = getattr(convert, "inline", None)
        if inline is None:
            continue
        code = compile(inline.format(convert="convert"), "<inline>", "eval")
        for value in VALUES:
            expected = _outcome(convert, value)
            names = {"Decimal": Decimal, "convert": convert, "v": value}
            got = _outcome(lambda v, code=code, names=names: eval(code, names), value)
            assert got == expected, (kind, places, value)
            assert type(got[1]) is type(expected[1]), (kind, places, value)
            checked += 1
    assert checked >= 3 * len(VALUES)
    if backend.kind == "sqlite":  # money as integer ten-thousandths, ties to even past them
        money = backend.converter(schema.Column("x", "X", schema.DECIMAL, 4))
        assert [money(Decimal(t)) for t in ("1.00005", "1.00015", "-2.123450", "12.34")] == [
            10000,
            10002,
            -21234,
            123400,
        ]


def test_sqlite_writes_a_wire_timestamp_as_the_general_conversion_does() -> None:
    """The wire's form is written without a datetime; the text, and the errors, are the same."""
    from xerocli.api.marks import iso_utc
    from xerocli.mirror.backends.base import as_timestamp
    from xerocli.mirror.backends.sqlite import _timestamp_text

    texts = [
        f"{day}T{time}{fraction}Z"
        for day in ("2026-02-06", "1999-12-31", "2024-02-29", "2026-02-30", "2026-13-01")
        for time in ("00:00:00", "12:17:43", "23:59:59", "24:00:00", "12:60:00")
        for fraction in ("", ".2", ".20", ".202", ".2025", ".123456", ".0005", ".1234567")
    ] + ["2026-02-06T12:17:43+00:00", " 2026-02-06T12:17:43Z", "0999-01-01T00:00:00Z", ""]
    for text in texts:
        expected = _outcome(lambda v: None if not v else iso_utc(as_timestamp(v)), text)
        assert _outcome(_timestamp_text, text) == expected, text


def test_a_record_makes_the_rows_the_schema_says() -> None:
    """Every table of invoices: own columns, positions counted over elements that are not
    objects, nested tracking keyed by its line's position, fields missing or of odd shape."""
    invoices = next(r for r in RESOURCES if r.noun == "invoices")
    table = schema.collection_table(invoices)
    make = compile_maker(table, BACKENDS[0])
    record = {
        "InvoiceID": "inv-1",
        "Contact": "not an object",
        "Date": "2026-02-06T00:00:00",
        "DueDate": "2026-02-06T00:00:00",  # the same text twice: the memo's answer
        "Total": Decimal("10.50"),
        "CurrencyRate": 1,
        "SentToContact": True,
        "HasAttachments": "false",
        "UpdatedDateUTC": "2026-02-06T12:17:43.2Z",
        "Reference": {"b": 1, "a": [2]},
        "LineItems": [
            "junk",
            {
                "Description": "one",
                "Quantity": Decimal("2.0000"),
                "Tracking": [{"Name": "Region", "Option": "North"}, 3],
            },
        ],
        "Payments": [{"Amount": "4.2", "Date": "", "IsReconciled": False}],
    }
    out: list[list[tuple]] = [[] for _ in table.walk()]
    make([record, {"InvoiceID": "inv-2", "LineItems": None}], "T", "RUN", out)
    rows = {t.name: dict(zip((c.name for c in t.columns), r, strict=True)) for t, made in
            zip(table.walk(), out, strict=True) for r in made[:1]}  # fmt: skip
    assert [len(made) for made in out] == [2, 1, 1, 1]
    invoice = rows["invoices"]
    assert (invoice["tenant_id"], invoice["invoice_id"], invoice["synced_at"]) == (
        "T",
        "inv-1",
        "RUN",
    )
    assert invoice["contact_id"] is None and invoice["missing_since"] is None
    assert (invoice["date"], invoice["due_date"]) == ("2026-02-06", "2026-02-06")
    assert (invoice["total"], invoice["currency_rate"]) == (105000, 1000000)
    assert (invoice["sent_to_contact"], invoice["has_attachments"]) == (1, 0)
    assert invoice["updated_date_utc"] == "2026-02-06T12:17:43.200Z"
    assert invoice["reference"] == '{"a": [2], "b": 1}'
    line = rows["invoice_lines"]
    assert (line["invoice_id"], line["position"], line["quantity"]) == ("inv-1", 1, 20000)
    tracking = rows["invoice_line_tracking"]
    assert (tracking["line_position"], tracking["position"], tracking["option"]) == (1, 0, "North")
    payment = rows["invoice_payments"]
    assert (payment["amount"], payment["date"], payment["is_reconciled"]) == (42000, None, 0)
    assert out[0][1][:3] == ("T", "inv-2", None)
