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


# --- pages decoded to the tables' fields (mirror/fields.py) -------------------------------

INVOICES = next(r for r in RESOURCES if r.noun == "invoices")
INVOICE_TABLE = schema.collection_table(INVOICES)


def _keys(table: schema.Table) -> list[str]:
    return sorted({c.path.split(".")[0] for c in table.columns if c.path})


#: What the marks and the de-duplication read of a record (not generated as any value).
MARKED = ("Contact", "InvoiceID", "UpdatedDateUTC")


def _fields_strategies() -> Any:
    """Generated invoices: every field a table stores with any value the wire may hold (the
    export's generators: numbers of every shape, dates of every kind, odd objects and lists),
    IDs as text and `UpdatedDateUTC` as a date (what the marks read), nested lines, tracking
    and payments, nulls and junk where lists and objects are."""
    from hypothesis import strategies as st

    from tests.output.test_fields_pages import DATES, TEXTS, VALUES

    lines, tracking, payments = INVOICE_TABLE.children[0], *INVOICE_TABLE.children[0].children, \
        INVOICE_TABLE.children[1]  # fmt: skip

    def fields(table: schema.Table) -> Any:
        keys = [k for k in _keys(table) if table is not INVOICE_TABLE or k not in MARKED]
        return st.dictionaries(st.sampled_from(keys), VALUES, max_size=len(keys))

    def listed(element: Any) -> Any:
        return st.one_of(st.none(), st.lists(st.one_of(st.none(), element), max_size=3))

    @st.composite
    def line(draw: st.DrawFn) -> dict:
        found = draw(fields(lines))
        if draw(st.booleans()):
            found["Tracking"] = draw(listed(fields(tracking)))
        return found

    @st.composite
    def invoice(draw: st.DrawFn) -> dict:
        found = draw(fields(INVOICE_TABLE))
        found["InvoiceID"] = draw(TEXTS)
        if draw(st.booleans()):
            found["UpdatedDateUTC"] = draw(DATES)
        contact = draw(st.integers(0, 10))
        if contact:
            contact_fields = st.dictionaries(st.sampled_from(["ContactID", "Name", "X"]), VALUES)
            found["Contact"] = None if contact == 1 else draw(contact_fields)
        if draw(st.booleans()):
            found["LineItems"] = draw(listed(line()))
        if draw(st.booleans()):
            found["Payments"] = draw(listed(fields(payments)))
        return found

    return st.lists(st.lists(invoice(), max_size=4), min_size=1, max_size=3)


def _page_rows(load: Any, text: str) -> tuple[str, Any]:
    """A page's rows as the load makes them (its decoder's, or the full decode's), or the class
    of the error it raised."""
    from xerocli.api import wire
    from xerocli.api.export import Tenant
    from xerocli.api.marks import HighWater
    from xerocli.mirror.load import TenantRun

    run = TenantRun(Tenant("T", "Org"), HighWater("InvoiceID"), fresh=True)
    try:
        decode = load.decoder.loads if load.decoder is not None else wire.loads
        return ("value", load._rows_of(run, wire.records_of(decode(text), "Invoices")))
    except Exception as exc:
        return ("error", type(exc))


def _loads(backend: Backend) -> tuple[Any, Any]:
    """Two loads of invoices into `backend`: the sync's (fields decoder), and the full decode."""
    from datetime import datetime, timezone

    from xerocli.mirror.load import CollectionLoad

    run_at = datetime(2026, 2, 6, tzinfo=timezone.utc)
    fields_load = CollectionLoad(backend, INVOICE_TABLE, run_at, True)
    assert fields_load.page_decoder() is not None
    return fields_load, CollectionLoad(backend, INVOICE_TABLE, run_at, True)


LOADS = [_loads(backend) for backend in BACKENDS]


def test_a_fields_page_makes_the_rows_of_its_full_decode() -> None:
    """Generated pages through both paths on every backend: the same rows (or the same
    error), a page the fields cannot serve made from its full decode."""
    import msgspec  # noqa: F401  (imported: the fields decoder takes small pages too)
    from hypothesis import HealthCheck, Phase, given, settings

    from tests.output.test_fields_pages import page_text

    # No shrinking: hypothesis' shrinker cannot replay the generators' `Raw` (str) values.
    phases = [Phase.explicit, Phase.generate]

    @settings(
        max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), phases=phases
    )
    @given(_fields_strategies())
    def check(pages: list[list[dict]]) -> None:
        for records in pages:
            for escape_slashes in (False, True):
                text = page_text(records, escape_slashes)
                for fields_load, full_load in LOADS:
                    got = _page_rows(fields_load, text)
                    assert got == _page_rows(full_load, text), text

    check()
    served = sum(load.make_fields_rows is not None for load, _ in LOADS)
    assert served == 3 and all(full.decoder is None for _, full in LOADS)


def test_a_clean_fields_page_is_served_by_its_fields_and_exactly() -> None:
    """A page as Xero sends it is made from its fields (no fall-back), money from the
    number's text (to integer ten-thousandths on SQLite, rounded half-even past them), dates
    and timestamps from `/Date(...)/`; an object where a value is stored falls back."""
    import msgspec  # noqa: F401

    from tests.output.test_fields_pages import Raw, page_text

    record = {
        "InvoiceID": "i1",
        "Total": Raw("1234.5600"),
        "SubTotal": Raw("-0.00"),
        "TotalTax": Raw("1.00005"),
        "AmountDue": Raw("1E+3"),
        "AmountPaid": 7,
        "CurrencyRate": Raw("1.123456"),
        "Date": "/Date(1539993600000+0000)/",
        "UpdatedDateUTC": "/Date(1539993600123+0000)/",
        "Reference": "/Date(1539993600000+0000)/",
        "SentToContact": True,
        "Contact": {"Name": "A", "Phones": []},
        "LineItems": [None, {"Quantity": Raw("2.5"), "Tracking": [{"Name": "R", "Option": "N"}]}],
        "Payments": [{"Date": "/Date(0)/", "Amount": Raw("1.5"), "IsReconciled": False}],
    }
    sqlite_fields, sqlite_full = LOADS[0]
    clean = page_text([record], True)
    before = sqlite_fields.unserved_pages
    got = _page_rows(sqlite_fields, clean)
    assert sqlite_fields.unserved_pages == before  # made from the fields
    assert got == _page_rows(sqlite_full, clean)
    invoice = dict(zip((c.name for c in INVOICE_TABLE.columns), got[1][0][0], strict=True))
    assert (invoice["total"], invoice["sub_total"], invoice["total_tax"]) == (12345600, 0, 10000)
    assert (invoice["amount_due"], invoice["amount_paid"]) == (10000000, 70000)
    assert (invoice["currency_rate"], invoice["date"]) == (1123456, "2018-10-20")
    assert invoice["updated_date_utc"] == "2018-10-20T00:00:00.123Z"
    assert invoice["reference"] == "2018-10-20"  # converted as the full decode does
    assert [len(rows) for rows in got[1]] == [1, 1, 1, 1]
    assert got[1][1][0][2] == 1 and got[1][1][0][5] == 25000  # the line's position, quantity
    odd = page_text([{**record, "Reference": {"a": Raw("1.5")}}], False)
    assert _page_rows(sqlite_fields, odd) == _page_rows(sqlite_full, odd)
    assert sqlite_fields.unserved_pages == before + 1


def test_a_sync_decodes_its_pages_to_fields_incremental_or_not() -> None:
    """The engine asks the mirror's load for its decoder (also on an incremental run, whose
    marks read the records' `.get`), and the page past the mark keeps its text."""
    import msgspec  # noqa: F401

    from tests.output.test_fields_pages import Raw, page_text
    from xerocli.api import wire
    from xerocli.api.export import ExportPlan, _filtered, _page_decoder
    from xerocli.api.marks import HighWater, Mark, parse_utc
    from xerocli.api.query import ListQuery

    load = LOADS[0][0]
    for incremental in (True, False):
        decode = _page_decoder(ExportPlan(INVOICES, ListQuery(), incremental=incremental), load)
        assert decode is not None and decode.__self__ is load.decoder
    records = [
        {"InvoiceID": "a", "UpdatedDateUTC": "/Date(1539993600123+0000)/", "Total": Raw("1.5")},
        {"InvoiceID": "b", "UpdatedDateUTC": "/Date(1539993600124+0000)/"},
    ]
    page = wire.records_of(load.decoder.loads(page_text(records, True)), "Invoices")
    assert [r.get("UpdatedDateUTC") for r in page] == [
        "2018-10-20T00:00:00.123Z",
        "2018-10-20T00:00:00.124Z",
    ]
    high_water = HighWater("InvoiceID", Mark(parse_utc("2018-10-20T00:00:00.123Z"), {"a"}))
    kept = _filtered(high_water, page)
    assert isinstance(kept, wire.FieldsPage) and kept.text == page.text
    assert [r.InvoiceID for r in kept] == ["b"] and high_water.skipped == 1
