"""Every report's command and `xero reports consolidate`, end to end on a small sandbox (the
session one's 10,000 invoices a company make each first report slower to compute)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cli.test_reports import NZ, amount, row, rows_of, summary
from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    running = start_seeded(tmp_path_factory, "report-commands", 200)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def sandbox_env(home: Path, small: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=small.url, **UNLIMITED_CLIENT)


def test_every_report_has_a_command_with_xeros_parameters(sandbox_env) -> None:
    pnl = rows_of(
        sandbox_env,
        "profit-and-loss",
        "--to",
        "2026-10-31",
        "--periods",
        "2",
        "--timeframe",
        "quarter",
    )
    value_keys = [k for k in pnl[0] if k not in ("Section", "RowType", "Account", "AccountID")]
    assert value_keys == ["31 Oct 26", "31 Jul 26", "30 Apr 26"]
    net = summary(pnl, "Net Profit")
    assert all(isinstance(net[k], (int, float, str)) for k in value_keys)
    aged = rows_of(sandbox_env, "aged-receivables", "--date", "2026-10-31")
    total = summary(aged, "Total")
    buckets = ["Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older"]
    assert amount(total["Total"]) == sum(amount(total[b]) for b in buckets) > 0
    tb = rows_of(sandbox_env, "trial-balance", "--date", "2026-10-31")
    assert amount(total["Total"]) == amount(row(tb, "Accounts Receivable (610)")["YTD Debit"])
    bank = rows_of(sandbox_env, "bank-summary", "--from", "2026-10-01", "--to", "2026-10-31")
    assert {"Opening Balance", "Cash Received", "Cash Spent", "Closing Balance"} <= set(bank[0])
    listed = rows_of(sandbox_env, "published")
    assert listed and listed[0]["ReportName"] == "GST Return"
    one = rows_of(sandbox_env, "published", listed[0]["ReportID"])
    assert summary(one, "GST to pay (refund)")["Amount"] is not None
    for args, words in (
        (("profit-and-loss", "--timeframe", "week"), "--timeframe: 'week' is not MONTH"),
        (("balance-sheet", "--periods", "13"), "--periods: '13' is not a number from 1 to 12"),
        (("aged-payables", "--contact", "Bob"), "--contact: 'Bob' is not an ID"),
        (("published", "nope"), "REPORT_ID: 'nope' is not a report's ID"),
        (("balance-sheet", "--periods", "2", "-p", "Periods=3"), "--periods already gives"),
        (("trial-balance", "-p", "date=2026-01-31", "-p", "Date=2026-02-28"), "-p date="),
    ):
        bad = run_xero("--sandbox", "reports", *args, env=sandbox_env)
        assert bad.code == 2 and words in bad.stderr, bad.stderr
    refused = run_xero("--sandbox", "reports", "ten-ninety-nine", env=sandbox_env)
    assert refused.code == 6 and "United States" in refused.stderr


def test_consolidate_two_companies_into_one_currency(sandbox_env, tmp_path: Path) -> None:
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,rate\n2026-03-31,GBP,2.05\n2026-10-31,GBP,2.15\n")
    groups = tmp_path / "accounts.csv"
    groups.write_text(
        "organisation,account code,group account\n"
        f"{NZ},090,Cash at bank\nDemo Company (Global),090,Cash at bank\n"
    )
    args = ["--sandbox", "reports", "consolidate", "balance-sheet", "--all-tenants"]
    args += ["--currency", "NZD", "--date", "2026-10-31", "--rates", str(rates), "--json"]
    # Two demo customers stand in for intercompany contacts (their balances do not cancel).
    pair = f"{NZ}:@Larch Motors=Demo Company (Global):@Silverfern Software"
    rows = run_xero(*args, "--map", str(groups), "--eliminate", pair, env=sandbox_env)
    rows = rows.ok().json()
    organisations = [NZ, "Demo Company (Global)"]
    for record in rows:
        if record["RowType"] != "Rate":
            parts = [amount(record[o]) for o in [*organisations, "Eliminations"]]
            assert amount(record["Consolidated"]) == sum(parts), record["Account"]
    by_name = {r["Account"]: r for r in rows}
    for column in [*organisations, "Consolidated"]:
        assert amount(by_name["Net Assets"][column]) == amount(by_name["Total Equity"][column])
    assert amount(by_name["Cash at bank"][NZ]) > 0  # both 090s on the group's row
    assert "Business Bank Account (090)" not in by_name
    assert "Currency Translation Reserve" in by_name
    receivable = amount(by_name["Accounts Receivable (610)"]["Eliminations"])
    payable = amount(by_name["Accounts Payable (800)"]["Eliminations"])
    assert receivable < 0 and payable < 0  # what each owes the other, taken out of both
    difference = amount(by_name["Intercompany difference"]["Eliminations"])
    assert difference == amount(by_name["Net Assets"]["Eliminations"]) == receivable - payable
    assert {r["Account"] for r in rows if r["RowType"] == "Rate"} == {
        "GBP closing 2026-10-31",
        "GBP historical 2026-03-31",
    } | {r["Account"] for r in rows if r["Account"].startswith("GBP average")}
    missing = run_xero(*args[:-3], "--rates", str(rates), "--date", "2026-03-30", env=sandbox_env)
    assert missing.code == 2
    assert missing.stderr == (
        "xero: rates.csv: no GBP rate dated on or before 2026-03-30 (the closing rate to NZD)\n"
    )


# --- consolidation: the three reports agree to the cent; a map naming no organisation ---
GLOBAL = "Demo Company (Global)"
COLUMNS = (NZ, GLOBAL, "Eliminations", "Consolidated")


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


def test_a_contacts_aged_receivables_is_keyed_by_its_documents(sandbox_env) -> None:
    """`reports aged-receivables --contact ID` lists the contact's invoices: its rows were
    keyed `Account` (holding the date) with an empty `AccountID`, and dates were text (`12 Aug
    2025`). Now `Date` (ISO) and `DocumentID` (the invoice's ID), as Xero's report names them
    (its cells carry `invoiceID`); the summary without `--contact` is unchanged."""
    import csv
    import io

    contact = run_xero(
        "--sandbox", "contacts", "get", "Aroha Davies", "--fields", "ContactID", env=sandbox_env
    ).ok().json()["ContactID"]  # fmt: skip
    aged = ("--sandbox", "reports", "aged-receivables", "--contact", contact)
    table = list(csv.reader(io.StringIO(run_xero(*aged, "-o", "csv", env=sandbox_env).ok().stdout)))
    assert table[0][:6] == ["Section", "RowType", "Date", "DocumentID", "Number", "Due Date"]
    documents = [dict(zip(table[0], r, strict=True)) for r in table[1:] if r[1] == "Row"]
    assert documents
    for document in documents:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["Date"]), document
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["Due Date"]), document
        invoice = run_xero(
            "--sandbox", "invoices", "get", document["DocumentID"], "--fields",
            "InvoiceNumber,Date", env=sandbox_env,
        ).ok().json()  # fmt: skip
        assert invoice == {"InvoiceNumber": document["Number"], "Date": document["Date"]}
    picked = run_xero(*aged, "--fields", "Date,Number,Due", env=sandbox_env).ok().json()
    assert {tuple(r) for r in picked} == {("Date", "Number", "Due")}
    summary_rows = run_xero(
        "--sandbox", "reports", "aged-receivables", "-o", "csv", env=sandbox_env
    ).ok()  # fmt: skip
    assert summary_rows.stdout.startswith("Section,RowType,Account,AccountID,")
