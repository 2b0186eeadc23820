"""`xero reports`: Xero's reports as rows, end to end against the sandbox's double entry."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.helpers import loopback
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.oauth import login

NZ = "Demo Company (NZ)"


def rows_of(env, *args: str) -> list[dict]:
    return run_xero("--sandbox", "reports", *args, "--json", env=env).ok().json()


def summary(rows: list[dict], account: str) -> dict:
    return next(r for r in rows if r["RowType"] == "SummaryRow" and r["Account"] == account)


def row(rows: list[dict], account: str) -> dict:
    return next(r for r in rows if r["Account"] == account)


def amount(value) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def test_trial_balance_rows_balance_and_name_their_accounts(sandbox_env) -> None:
    rows = rows_of(sandbox_env, "trial-balance")
    accounts = [r for r in rows if r["RowType"] == "Row"]
    assert accounts and all(r["AccountID"] for r in accounts)
    assert {r["Section"] for r in accounts} >= {"Revenue", "Assets", "Liabilities"}
    total = summary(rows, "Total")
    for column in ("Debit", "Credit", "YTD Debit", "YTD Credit"):
        assert amount(total[column]) == sum(amount(r[column]) for r in accounts), column
    assert amount(total["YTD Debit"]) == amount(total["YTD Credit"]) > 0
    # Every AccountID is one of the organisation's accounts.
    known = run_xero("--sandbox", "api", "Accounts", env=sandbox_env).ok().json()["Accounts"]
    assert {r["AccountID"] for r in accounts} <= {a["AccountID"] for a in known}


def test_csv_has_fixed_keys_then_the_reports_columns_and_the_table_reads(sandbox_env) -> None:
    text = run_xero("--sandbox", "reports", "trial-balance", "-o", "csv", env=sandbox_env)
    header = next(csv.reader(io.StringIO(text.ok().stdout)))
    assert header == [
        "Section",
        "RowType",
        "Account",
        "AccountID",
        "Debit",
        "Credit",
        "YTD Debit",
        "YTD Credit",
    ]
    table = run_xero("--sandbox", "reports", "balance-sheet", "-o", "table", env=sandbox_env)
    lines = table.ok().stdout.splitlines()
    assert lines[0].startswith("Balance Sheet · Demo Company (NZ) · As at")
    assert any(line.startswith("Assets") for line in lines)  # a section's title, once
    assert sum(line.startswith("Assets") for line in lines) == 1
    assert "by currency" not in table.stdout  # a report's totals are its own rows


def test_balance_sheet_balances_and_profit_and_loss_adds_up(sandbox_env) -> None:
    for tenant in (NZ, "Demo Company (Global)"):
        rows = run_xero(
            "--sandbox", "--tenant", tenant, "reports", "balance-sheet", "--json", env=sandbox_env
        )
        rows = rows.ok().json()
        value = next(k for k in rows[0] if k not in ("Section", "RowType", "Account", "AccountID"))
        assert amount(row(rows, "Net Assets")[value]) == amount(
            summary(rows, "Total Equity")[value]
        )
    start = date.today().replace(month=4, day=1)
    if start > date.today():
        start = start.replace(year=start.year - 1)
    pnl = rows_of(sandbox_env, "profit-and-loss", "--from", start.isoformat())
    value = next(k for k in pnl[0] if k not in ("Section", "RowType", "Account", "AccountID"))
    income = amount(summary(pnl, "Total Income")[value])
    costs = amount(next((r[value] for r in pnl if r["Account"] == "Total Cost of Sales"), None))
    expenses = amount(summary(pnl, "Total Operating Expenses")[value])
    assert amount(summary(pnl, "Net Profit")[value]) == income - costs - expenses


def test_an_invoice_written_today_moves_sales_and_receivables(sandbox_env) -> None:
    before = rows_of(sandbox_env, "trial-balance")
    run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--contact",
        f"Report Reader {uuid.uuid4().hex[:6]}",
        "--line",
        "Audit,1,100,200,OUTPUT2",
        "--status",
        "AUTHORISED",
        "--date",
        date.today().isoformat(),
        "--due-date",
        date.today().isoformat(),
        env=sandbox_env,
    ).ok()
    after = rows_of(sandbox_env, "trial-balance")

    def moved(account: str, column: str) -> Decimal:
        return amount(row(after, account)[column]) - amount(row(before, account)[column])

    assert moved("Sales (200)", "YTD Credit") == Decimal("100.00")
    assert moved("Accounts Receivable (610)", "YTD Debit") == Decimal("115.00")  # with GST
    assert moved("Sales Tax (820)", "YTD Credit") == Decimal("15.00")


def test_bad_options_fail_before_any_call_and_a_missing_scope_is_named(sandbox, home: Path) -> None:
    env = isolated_env(home, XERO_SANDBOX_URL=sandbox.url)
    bad = run_xero("--sandbox", "reports", "trial-balance", "--date", "2026-02-30", env=env)
    assert bad.code == 2 and bad.stderr.startswith("xero: --date: '2026-02-30' is not a date")
    raw = run_xero("--sandbox", "reports", "profit-and-loss", "-p", "periods", env=env)
    assert raw.code == 2 and "-p: 'periods' is not KEY=VALUE" in raw.stderr

    token = login(sandbox.url, scope="offline_access accounting.settings")["access_token"]
    tenant = loopback.get(
        f"{sandbox.url}/connections", headers={"Authorization": f"Bearer {token}"}
    ).json()[0]["tenantId"]
    narrow = isolated_env(
        home, XERO_SANDBOX_URL=sandbox.url, XERO_ACCESS_TOKEN=token, XERO_TENANT_ID=tenant
    )
    refused = run_xero("reports", "trial-balance", env=narrow)
    assert refused.code == 4, refused.stderr
    assert "accounting.reports.trialbalance.read" in refused.stderr


def test_fields_that_are_not_a_reports_keys_fail_as_lists_do(sandbox_env, tmp_path) -> None:
    """`--fields Nope` used to print a column of empty cells, exit 0; now it is the one-line
    usage error of `list`/`export --fields` (exit 2), with the closest key."""
    for args, message in (
        (
            ("trial-balance", "--fields", "Nope", "-o", "csv"),
            "--fields: 'Nope' is not a field of the trial balance",
        ),
        (
            ("trial-balance", "--fields", "Account,debit", "--json"),
            "--fields: 'debit' is not a field of the trial balance (did you mean 'Debit'?)",
        ),
        (
            ("profit-and-loss", "--fields", "Acount", "-o", "csv"),
            "--fields: 'Acount' is not a field of the profit and loss (did you mean 'Account'?)",
        ),
        (
            ("published", "--fields", "ReportNme"),
            "'ReportNme' is not a field of the published reports (did you mean 'ReportName'?)",
        ),
    ):
        result = run_xero("--sandbox", "reports", *args, env=sandbox_env)
        assert result.code == 2, result.stderr
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert result.stdout == ""
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,rate\n2020-01-01,GBP,2.10\n2026-10-31,GBP,2.20\n")
    consolidated = run_xero(
        "--sandbox", "reports", "consolidate", "trial-balance", "--all-tenants", "--currency",
        "NZD", "--date", "2026-10-31", "--rates", str(rates), "--fields", "Acount", "-o", "csv",
        env=sandbox_env,
    )  # fmt: skip
    assert consolidated.code == 2 and consolidated.stdout == ""
    assert consolidated.stderr == (
        "xero: --fields: 'Acount' is not a field of the consolidated trial balance (did you mean"
        " 'Account'?)\n"
    )
    text = run_xero(
        "--sandbox", "reports", "trial-balance", "--fields", "Account,YTD Credit", "-o", "csv",
        env=sandbox_env,
    ).ok()  # fmt: skip
    rows = list(csv.reader(io.StringIO(text.stdout)))
    assert rows[0] == ["Account", "YTD Credit"] and any(row[1] for row in rows[1:])
