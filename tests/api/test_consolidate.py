"""The consolidation math (`xerocli/api/consolidate.py`), on figures made here: translation at
average, closing and historical rates with a translation reserve, matching by code or map,
eliminations, and the one-line errors for a missing rate or a bad file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from xerocli import errors
from xerocli.api import consolidate as c

D = Decimal
RATES = """date,currency,rate
2026-03-31,GBP,2.00
2026-06-30,GBP,2.20
2026-10-31,GBP,2.40
"""


def nz() -> c.Organisation:
    """A balanced NZD balance sheet: assets 1000 + 200 = payable 300 + equity 500 + CYE 400."""
    return c.Organisation(
        "Acme NZ",
        "NZD",
        [
            c.Line("090", "Bank", "ASSET", "BANK", D("1000.00")),
            c.Line("1400", "Due from Acme UK", "ASSET", "CURRENT", D("200.00")),
            c.Line("800", "Accounts Payable", "LIABILITY", "CURRLIAB", D("-300.00")),
            c.Line("960", "Retained Earnings", "EQUITY", "EQUITY", D("-500.00")),
            c.Line("", c.CYE, "EQUITY", "", D("-400.00")),
        ],
    )


def uk() -> c.Organisation:
    """GBP: bank 150 = due to Acme NZ 100 (NZD 200 at 2.00... or not, at 2.40) + equity 50."""
    return c.Organisation(
        "Acme UK",
        "GBP",
        [
            c.Line("090", "Bank", "ASSET", "BANK", D("150.00")),
            c.Line("2400", "Due to Acme NZ", "LIABILITY", "CURRLIAB", D("-100.00")),
            c.Line("970", "Capital", "EQUITY", "EQUITY", D("-30.00")),
            c.Line("", c.CYE, "EQUITY", "", D("-20.00")),
        ],
    )


def by_account(result: c.Consolidation) -> dict[str, dict]:
    return {r["Account"]: r for r in result.records}


def test_the_balance_sheet_translates_balances_and_shows_its_rates() -> None:
    rates = c.parse_rates(RATES, "nzd")
    period = c.Period("balance-sheet", date(2026, 10, 31), date(2026, 10, 31))
    result = c.consolidate([nz(), uk()], period, rates)
    assert result.columns == ["Acme NZ", "Acme UK", "Eliminations", "Consolidated"]
    rows = by_account(result)
    # Assets at the closing rate (2.40), capital at the historical one (2.00, on 1 April),
    # this year's earnings at the year's average ((2.20 + 2.40) / 2 = 2.30).
    assert rows["Bank (090)"]["Acme UK"] == D("360.00")
    assert rows["Capital (970)"]["Acme UK"] == D("60.00")
    assert rows[c.CYE]["Acme UK"] == D("46.00")
    # 360 - 240 (the payable) = 120 net assets; equity 60 + 46 = 106: the reserve is 14.
    assert rows[c.CTR]["Acme UK"] == D("14.00") and rows[c.CTR]["Acme NZ"] == 0
    for column in result.columns:
        assert rows["Net Assets"][column] == rows["Total Equity"][column], column
    # Consolidated = the sum of the organisation columns, line by line.
    for record in result.records:
        assert (
            record["Consolidated"] == record["Acme NZ"] + record["Acme UK"] + record["Eliminations"]
        ), record["Account"]
    assert [(r.currency, r.basis, r.dates, r.rate) for r in result.rates] == [
        ("GBP", "average", "2026-04-01..2026-10-31", D("2.300000")),
        ("GBP", "closing", "2026-10-31", D("2.40")),
        ("GBP", "historical", "2026-03-31", D("2.00")),
    ]


def test_a_map_regroups_and_an_elimination_removes_the_intercompany_pair() -> None:
    rates = c.parse_rates(RATES, "NZD")
    period = c.Period("balance-sheet", date(2026, 10, 31), date(2026, 10, 31))
    mapping = c.parse_map(
        "organisation,account code,group account\n"
        "Acme NZ,1400,Intercompany\nacme uk,2400,Intercompany\n"
    )
    pair = c.parse_elimination("Acme NZ:1400=Acme UK:2400")
    result = c.consolidate([nz(), uk()], period, rates, mapping, [pair])
    rows = by_account(result)
    assert "Due from Acme UK (1400)" not in rows and "Due to Acme NZ (2400)" not in rows
    # Both sides on the one group row: NZD 200 owed, less GBP 100 owing at 2.40 = NZD 240.
    [intercompany] = [r for r in result.records if r["Account"] == "Intercompany"]
    assert intercompany["Section"] == "Assets"
    assert (intercompany["Acme NZ"], intercompany["Acme UK"]) == (D("200.00"), D("-240.00"))
    assert intercompany["Eliminations"] == D("40.00") and intercompany["Consolidated"] == 0
    # 200 - 240 does not cancel: the 40 left is shown, and the consolidation still balances.
    assert rows[c.DIFFERENCE]["Eliminations"] == D("40.00")
    assert rows["Net Assets"]["Consolidated"] == rows["Total Equity"]["Consolidated"]
    assert rows["Net Assets"]["Eliminations"] == D("40.00")


def test_profit_and_loss_at_the_average_rate_and_trial_balance_balances() -> None:
    rates = c.parse_rates(RATES, "NZD")
    pnl = c.Organisation(
        "Acme UK",
        "GBP",
        [
            c.Line("200", "Sales", "REVENUE", "REVENUE", D("-1000.00")),
            c.Line("310", "Cost of Goods Sold", "EXPENSE", "DIRECTCOSTS", D("400.00")),
            c.Line("400", "Rent", "EXPENSE", "EXPENSE", D("100.00")),
        ],
    )
    period = c.Period("profit-and-loss", date(2026, 6, 1), date(2026, 10, 31))
    rows = by_account(c.consolidate([pnl], period, rates))
    assert rows["Total Income"]["Acme UK"] == D("2300.00")  # average of 2.20 and 2.40
    assert rows["Gross Profit"]["Consolidated"] == D("1380.00")
    assert rows["Net Profit"]["Consolidated"] == D("1150.00")
    assert c.CTR not in rows  # a P&L has no balance sheet to balance

    tb = c.Period("trial-balance", date(2026, 10, 31), date(2026, 10, 31))
    lines = [*uk().lines[:3], *pnl.lines, c.Line("960", "Retained", "EQUITY", "EQUITY", D("480"))]
    result = c.consolidate([c.Organisation("Acme UK", "GBP", lines)], tb, rates)
    total = by_account(result)["Total"]
    assert total["Acme UK"] == 0 and total["Consolidated"] == 0  # debits = credits


def test_a_contact_pair_eliminates_what_each_owes_the_other() -> None:
    """Acme NZ's customer "Acme UK Ltd" owes NZD 300; Acme UK owes its supplier "Acme NZ Ltd"
    GBP 125, NZD 300 at 2.40: both balances leave the control accounts and nothing is left."""
    rates = c.parse_rates(RATES, "NZD")
    period = c.Period("balance-sheet", date(2026, 10, 31), date(2026, 10, 31))
    home = c.Organisation("Acme NZ", "NZD", [*nz().lines, c.Line("610", "AR", "ASSET", "", D(300))])
    away = c.Organisation(
        "Acme UK", "GBP", [*uk().lines, c.Line("800", "AP", "LIABILITY", "", D(-125))]
    )
    home.lines[4] = c.Line("", c.CYE, "EQUITY", "", D("-700.00"))  # still balanced
    away.lines[3] = c.Line("", c.CYE, "EQUITY", "", D("-20.00") + D(125))
    pair = c.parse_elimination("Acme NZ:@Acme UK Ltd=Acme UK:@Acme NZ Ltd")
    balances = {
        ("acme nz", "@acme uk ltd"): (D(300), D(0)),
        ("acme uk", "@acme nz ltd"): (D(0), D(125)),
    }
    rows = by_account(c.consolidate([home, away], period, rates, {}, [pair], balances))
    assert rows["AR (610)"]["Eliminations"] == D("-300.00")
    payable = rows["Accounts Payable (800)"]  # both organisations' 800, matched by code
    assert (payable["Acme UK"], payable["Eliminations"]) == (D("300.00"), D("-300.00"))
    assert rows["AR (610)"]["Consolidated"] == 0
    assert payable["Consolidated"] == payable["Acme NZ"]  # Acme NZ's own suppliers remain
    assert c.DIFFERENCE not in rows
    assert rows["Net Assets"]["Consolidated"] == rows["Total Equity"]["Consolidated"]
    with pytest.raises(errors.UsageError, match="balance sheet or trial balance"):
        c.consolidate(
            [home, away],
            c.Period("profit-and-loss", period.end, period.end),
            rates,
            {},
            [pair],
            balances,
        )


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: c.parse_rates("2026-10-31,GBP,abc\n", "NZD"), "line 1: rate 'abc'"),
        (lambda: c.parse_rates("31/10/2026,GBP,2\n", "NZD"), "line 1: date '31/10/2026'"),
        (
            lambda: c.parse_rates("date,currency,rate\n2026-10-31,GBP\n", "NZD"),
            "line 2: expected 3",
        ),
        (lambda: c.parse_map("Acme,,Group\n"), "line 1: every column needs a value"),
        (lambda: c.parse_elimination("Acme NZ:1400"), "is not ORG:CODE=ORG:CODE"),
    ],
)
def test_bad_files_and_pairs_are_one_line_usage_errors(call, words) -> None:
    with pytest.raises(errors.UsageError) as raised:
        call()
    assert words in str(raised.value) and "\n" not in str(raised.value)


def test_a_missing_rate_names_the_currency_and_the_date() -> None:
    rates = c.parse_rates("2026-11-30,GBP,2.4\n", "NZD", "rates.csv")
    period = c.Period("balance-sheet", date(2026, 10, 31), date(2026, 10, 31))
    with pytest.raises(errors.UsageError) as raised:
        c.consolidate([nz(), uk()], period, rates)
    assert str(raised.value) == (
        "rates.csv: no GBP rate dated on or before 2026-10-31 (the closing rate to NZD)"
    )
    assert raised.value.exit_code == 2
