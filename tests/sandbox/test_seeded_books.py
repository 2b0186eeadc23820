"""The seeded books as an accountant reads them: balanced at any date, retained earnings moved
only by the year-end close, depreciation booked against accumulated depreciation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import httpx
import pytest

from tests.helpers.oauth import ALL_SCOPES, login
from tests.helpers.sandbox import RunningSandbox, tenant_client
from tests.sandbox.test_reports import ZERO, every, tb_accounts, trial_balance, values

#: The seeded data runs to 31 October 2026; the financial year starts on 1 April.
IN_YEAR = [date(2026, 4, 1), date(2026, 6, 30), date(2026, 10, 31), date(2026, 12, 1)]
YEAR_BEFORE = [date(2025, 4, 1), date(2025, 11, 30), date(2026, 3, 31)]
EQUIPMENT = {"710": "711", "720": "721"}  # cost -> accumulated depreciation


@pytest.fixture(scope="module", params=[0, 1], ids=["nz", "global"])
def books(request: pytest.FixtureRequest, small_sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    token = login(small_sandbox.url, "seeded-books", f"{ALL_SCOPES} accounting.reports.read")
    with tenant_client(small_sandbox, token, request.param) as client:
        yield client


def totals(found: dict) -> list[Decimal]:
    [total] = found["Rows"][-1]["Rows"]
    return [Decimal(v or 0) for v in values(total)[1:]]


@pytest.mark.parametrize("year", [IN_YEAR, YEAR_BEFORE], ids=["2026-27", "2025-26"])
def test_retained_earnings_do_not_move_within_a_financial_year(books, year) -> None:
    retained = set()
    for as_at in year:
        found = trial_balance(books, as_at)
        debit, credit, ytd_debit, ytd_credit = totals(found)
        assert debit == credit and ytd_debit == ytd_credit, f"unbalanced at {as_at}"
        row = tb_accounts(found).get("960", {"ytd": ZERO, "month": ZERO})
        assert row["month"] == 0, f"960 moved in the month to {as_at}"
        retained.add(row["ytd"])
    assert len(retained) == 1, f"Retained Earnings moved within the year: {sorted(retained)}"


def test_depreciation_goes_to_accumulated_depreciation_and_equipment_keeps_a_value(books) -> None:
    chart = {a["Code"]: a for a in books.get("Accounts").json()["Accounts"]}
    assert (chart["416"]["Type"], chart["416"]["Class"]) == ("DEPRECIATN", "EXPENSE")
    for cost, accumulated in EQUIPMENT.items():
        assert (chart[cost]["Type"], chart[cost]["Class"]) == ("FIXED", "ASSET")
        assert chart[accumulated]["Type"] == "FIXED"
        assert chart[accumulated]["Name"].startswith("Less Accumulated Depreciation on ")
    journals = [j for j in every(books, "ManualJournals") if j["Narration"].startswith("Deprec")]
    assert journals
    for journal in journals:
        codes = {line["AccountCode"]: line["LineAmount"] for line in journal["JournalLines"]}
        assert codes["416"] > 0 and codes["711"] < 0, journal["Narration"]
        assert set(codes) <= {"416", "711", "721"}, "depreciation touches nothing else"
    balances = tb_accounts(trial_balance(books, date(2026, 10, 31)))
    assert balances["416"]["section"] == "Expenses" and balances["416"]["ytd"] > 0
    for cost, accumulated in EQUIPMENT.items():
        if accumulated in balances:
            assert balances[accumulated]["ytd"] < 0
            assert balances[cost]["ytd"] + balances[accumulated]["ytd"] > 0, "book value"
