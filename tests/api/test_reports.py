"""Xero's nested reports made flat: the pure part of `xero reports` (no HTTP involved)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xerocli import errors
from xerocli.api.reports import BY_NOUN, build_params, flatten


def cell(value: str, account: str | None = None) -> dict:
    attributes = [{"Value": account, "Id": "account"}] if account else []
    return {"Value": value, "Attributes": attributes}


TRIAL_BALANCE = {
    "ReportName": "Trial Balance",
    "ReportTitles": ["Trial Balance", "Demo Company (NZ)", "As at 30 November 2026"],
    "Rows": [
        {
            "RowType": "Header",
            "Cells": [{"Value": v} for v in ("Account", "Debit", "Credit", "YTD Debit", "")],
        },
        {
            "RowType": "Section",
            "Title": "Revenue",
            "Rows": [
                {
                    "RowType": "Row",
                    "Cells": [
                        cell("Sales (200)", "a-200"),
                        cell("", "a-200"),
                        cell("1,020.22", "a-200"),
                        cell("0.10", "a-200"),
                        cell("n/a", "a-200"),
                    ],
                }
            ],
        },
        {"RowType": "Section", "Title": "", "Rows": []},
        {
            "RowType": "Section",
            "Rows": [
                {
                    "RowType": "SummaryRow",
                    "Cells": [cell("Total"), cell("-3.5"), cell("1020.22"), cell("0.10")],
                }
            ],
        },
    ],
}


def test_rows_become_records_keyed_by_the_header_with_exact_amounts() -> None:
    flat = flatten(TRIAL_BALANCE)
    assert flat.titles == ["Trial Balance", "Demo Company (NZ)", "As at 30 November 2026"]
    # A blank header is named by its place, so no column is lost or merged.
    assert flat.columns == ["Debit", "Credit", "YTD Debit", "Column4"]
    sales, total = flat.rows
    assert sales == {
        "Section": "Revenue",
        "RowType": "Row",
        "Account": "Sales (200)",
        "AccountID": "a-200",
        "Debit": None,
        "Credit": Decimal("1020.22"),
        "YTD Debit": Decimal("0.10"),
        "Column4": "n/a",
    }
    assert total["RowType"] == "SummaryRow" and total["Section"] == ""
    assert total["Debit"] == Decimal("-3.5") and total["AccountID"] is None
    assert "Column4" not in total  # a short row has no value for the missing cell


def test_a_header_named_like_a_row_key_keeps_both() -> None:
    report = {"Rows": [{"RowType": "Header", "Cells": [{"Value": ""}, {"Value": "Account"}]}]}
    assert flatten(report).columns == ["Account (1)"]


def test_options_and_raw_params_become_xero_parameters() -> None:
    pnl = BY_NOUN["profit-and-loss"]
    params = build_params(pnl, {"from": "2026-04-01", "to": None}, ["periods=2", "timeframe=MONTH"])
    assert params == {"fromDate": "2026-04-01", "periods": "2", "timeframe": "MONTH"}
    trial = BY_NOUN["trial-balance"]
    assert build_params(trial, {"date": None, "payments-only": True}) == {"paymentsOnly": "true"}
    with pytest.raises(errors.UsageError, match="--to: '2026-02-30' is not a date"):
        build_params(pnl, {"to": "2026-02-30"})
    with pytest.raises(errors.UsageError, match="-p: 'periods' is not KEY=VALUE"):
        build_params(pnl, {}, ["periods"])
