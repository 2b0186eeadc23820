"""The pure parts of `xero export`: column paths, cells, marks (no HTTP involved)."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from xerocli.api.marks import HighWater, Mark
from xerocli.api.resources import RESOURCES
from xerocli.output.cells import cell_text as cell
from xerocli.output.cells import excel_cell_text as excel_cell
from xerocli.output.flatten import Flattener
from xerocli.output.paths import compile_path

INVOICE = {
    "InvoiceID": "i1",
    "Contact": {"Name": "Ridgeway Traders", "Addresses": [{"AddressType": "POBOX", "City": "W"}]},
    "Total": Decimal("10.5000"),
    "LineItems": [
        {"UnitAmount": Decimal("1.2345"), "Tracking": [{"Name": "Region", "Option": "North"}]},
        {"UnitAmount": Decimal("2.0000"), "Tracking": []},
    ],
}


def test_every_export_column_of_the_table_compiles() -> None:
    for resource in RESOURCES:
        assert resource.export_columns, resource.noun
        assert len(set(resource.export_columns)) == len(resource.export_columns)
        # Incremental exports read the mark from UpdatedDateUTC, where Xero has it.
        assert ("UpdatedDateUTC" in resource.export_columns) == resource.modified_since
        for column in resource.export_columns:
            assert compile_path(column)


def test_lines_repeat_header_fields_and_select_by_type_and_index() -> None:
    columns = [
        "InvoiceID",
        "Contact.Addresses[POBOX].City",
        "LineItem.UnitAmount",
        "LineItem.Tracking[0].Option",
        "Missing.Field",
    ]
    rows = list(Flattener(columns, "LineItems").rows([INVOICE, {"InvoiceID": "i2"}]))
    assert rows == [
        ["i1", "W", Decimal("1.2345"), "North", None],
        ["i1", "W", Decimal("2.0000"), None, None],
        ["i2", None, None, None, None],  # no lines: still one row
    ]


def test_cells_are_exact_and_excel_times_are_plain() -> None:
    assert cell(Decimal("0.1000")) == "0.1000"
    assert cell(Decimal("1E+2")) == "100"
    assert cell(True) == "true" and cell(None) == ""
    assert excel_cell("2026-02-06T12:17:43.202Z") == "2026-02-06 12:17:43"
    assert excel_cell("2026-02-06") == "2026-02-06"
    assert excel_cell("Totally not a date T") == "Totally not a date T"


def test_high_water_drops_unchanged_records_at_the_mark_and_keeps_the_newest() -> None:
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    previous = Mark(at, frozenset({"a"}))
    records = [
        {"InvoiceID": "a", "UpdatedDateUTC": "2026-01-01T00:00:00.000Z"},  # seen last time
        {"InvoiceID": "b", "UpdatedDateUTC": "2026-01-01T00:00:00Z"},  # same moment, new
        {"InvoiceID": "c", "UpdatedDateUTC": "2026-01-02T00:00:00.5Z"},
    ]
    water = HighWater("InvoiceID", previous)
    assert [r["InvoiceID"] for r in water.filter(records)] == ["b", "c"]
    assert water.skipped == 1
    mark = water.mark()
    assert mark is not None and mark.ids_at_mark == {"c"}
    assert mark.to_json()["UpdatedDateUTC"] == "2026-01-02T00:00:00.500Z"
    assert HighWater("InvoiceID", previous).mark() is None


def test_export_pacing_takes_the_budget_of_the_shared_ledger(monkeypatch) -> None:
    # XERO_RATE_* set the per-tenant budget for every limiter, the export's pacer included
    # (it paced to Xero's 60 a minute whatever they said, so a sandbox export at a higher
    # budget waited a minute after its 60th page).
    from xerocli.api.pacing import pacer_from_env
    from xerocli.output.progress import NoProgress

    monkeypatch.setenv("XERO_RATE_MINUTE_CALLS", "600")
    monkeypatch.setenv("XERO_RATE_WINDOW_SECONDS", "6")
    monkeypatch.setenv("XERO_RATE_CONCURRENT", "3")
    pacer = pacer_from_env(NoProgress().waited)
    assert (pacer.minute_limit, pacer.minute, pacer.concurrent) == (600, 6.0, 3)
