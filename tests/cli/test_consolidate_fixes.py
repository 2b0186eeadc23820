"""`xero reports consolidate`: the three reports agree to the cent once translated, and a map
row naming no consolidated organisation is refused, end to end on a small sandbox."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.test_reports import NZ
from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

GLOBAL = "Demo Company (Global)"
COLUMNS = (NZ, GLOBAL, "Eliminations", "Consolidated")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    running = start_seeded(tmp_path_factory, "consolidate-fixes", 200)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def sandbox_env(home: Path, small: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=small.url, **UNLIMITED_CLIENT)


def consolidated(env: dict[str, str], *args: str) -> dict[tuple[str, str], dict[str, Decimal]]:
    """{(RowType, Account): {column: exact amount}} of one consolidated report."""
    result = run_xero("--sandbox", "reports", "consolidate", *args, "--json", env=env).ok()
    return {
        (r["RowType"], r["Account"]): {c: Decimal(str(r[c])) for c in COLUMNS if c in r}
        for r in json.loads(result.stdout, parse_float=Decimal)
    }


@pytest.mark.parametrize("closing", ["2.20", "2.2345"])
def test_translated_pnl_balance_sheet_and_trial_balance_agree_to_the_cent(
    sandbox_env, tmp_path: Path, closing: str
) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text(
        f"date,currency,rate\n2026-04-01,GBP,2.10\n2026-06-30,GBP,2.15\n2026-10-31,GBP,{closing}\n"
    )
    common = ["--all-tenants", "--currency", "NZD", "--rates", str(rates)]
    pnl = consolidated(
        sandbox_env, "profit-and-loss", *common, "--from", "2026-04-01", "--to", "2026-10-31"
    )
    sheet = consolidated(sandbox_env, "balance-sheet", *common, "--date", "2026-10-31")
    trial = consolidated(sandbox_env, "trial-balance", *common, "--date", "2026-10-31")
    reserve = ("Row", "Currency Translation Reserve")
    for column in COLUMNS:
        # The year's P&L is the change in Current Year Earnings (NZD's at a rate of 1 as well).
        earnings = sheet[("Row", "Current Year Earnings")][column]
        assert pnl[("SummaryRow", "Net Profit")][column] == earnings, column
        # One reserve, shown as a credit on the balance sheet and a net debit in the trial
        # balance, and each report still adds up.
        assert sheet[reserve][column] == -trial[reserve][column], column
        assert sheet[("Row", "Net Assets")][column] == sheet[("SummaryRow", "Total Equity")][column]
        assert trial[("SummaryRow", "Total")][column] == Decimal("0.00"), column
    assert sheet[reserve][GLOBAL] != 0


def test_a_map_row_naming_no_organisation_is_a_usage_error(sandbox_env, tmp_path: Path) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text("2026-03-31,GBP,2.05\n2026-10-31,GBP,2.15\n")
    groups = tmp_path / "accounts.csv"
    groups.write_text(
        f"organisation,account code,group account\n{NZ},090,Cash\nNope Ltd,090,Cash\n"
    )
    args = ["--sandbox", "reports", "consolidate", "trial-balance", "--all-tenants"]
    args += ["--currency", "NZD", "--date", "2026-10-31", "--rates", str(rates), "--json"]
    refused = run_xero(*args, "--map", str(groups), env=sandbox_env)
    assert (refused.code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"xero: accounts.csv line 3: 'Nope Ltd' is not one of the organisations ({NZ}, {GLOBAL})\n"
    )
    # A name matches in any case, as --eliminate's does.
    groups.write_text(f"{NZ.upper()},090,Cash\n{GLOBAL},090,Cash\n")
    rows = run_xero(*args, "--map", str(groups), env=sandbox_env).ok().json()
    cash = next(r for r in rows if r["Account"] == "Cash")
    assert cash[NZ] != 0 and cash[GLOBAL] != 0
