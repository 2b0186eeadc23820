"""The trial balance, profit and loss and balance sheet in Xero's `ReportWithRows` shape.

Every figure comes from `ledger.Ledger.balances`, so the reports agree with one another: the
trial balance's debits equal its credits, and the balance sheet's net assets equal its equity.
Amount cells are text with exactly two decimals ("1020.22", "-12.50"), as Xero sends them.

The financial year starts on 1 April for every tenant (a simplification: Xero takes it from
the organisation's settings, which the sandbox does not keep). Profit of earlier years sits in
960 Retained Earnings; this year's profit is "Current Year Earnings" on the balance sheet.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from xerocli.sandbox.ledger import ZERO, Account, Ledger, net_profit
from xerocli.sandbox.xerojson import MONTH_NAMES

FINANCIAL_YEAR_START_MONTH = 1 + 3  # April
#: Trial balance sections: account Class -> title, in Xero's order.
TRIAL_BALANCE_SECTIONS = {
    "REVENUE": "Revenue",
    "EXPENSE": "Expenses",
    "ASSET": "Assets",
    "LIABILITY": "Liabilities",
    "EQUITY": "Equity",
}
COST_OF_SALES_TYPES = ("DIRECTCOSTS",)


# --- dates as Xero writes them (English whatever the locale) -------------------------------
def long_date(day: date) -> str:
    """`30 November 2026`"""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: date, full_year: bool = True) -> str:
    """`30 Nov 2026`, or `30 Nov 26`"""
    year = str(day.year) if full_year else f"{day.year % 100:02d}"
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {year}"


def financial_year_start(day: date) -> date:
    year = day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1
    return date(year, FINANCIAL_YEAR_START_MONTH, 1)


# --- cells and rows ------------------------------------------------------------------------
def amount_text(value: Decimal) -> str:
    """Two decimals, never `-0.00`."""
    return f"{value:.2f}" if value else "0.00"


def _cell(value: str, account: Account | None = None) -> dict:
    if account is None or account.account_id is None:
        return {"Value": value}
    return {"Value": value, "Attributes": [{"Value": account.account_id, "Id": "account"}]}


def _row(values: list[str], account: Account | None = None, kind: str = "Row") -> dict:
    return {"RowType": kind, "Cells": [_cell(value, account) for value in values]}


def _section(title: str, rows: list[dict]) -> dict:
    return {"RowType": "Section", "Title": title, "Rows": rows}


def _header(values: list[str]) -> dict:
    return {"RowType": "Header", "Cells": [{"Value": value} for value in values]}


def _by_name(accounts: list[Account]) -> list[Account]:
    return sorted(accounts, key=lambda account: (account.name.lower(), account.code))


# --- trial balance -------------------------------------------------------------------------
def _debit_credit(amount: Decimal, zero_side: Decimal) -> tuple[str, str]:
    """A net debit in the first cell, a net credit in the second; zero goes on the side of
    `zero_side` (the other column's balance), as Xero shows an account with no movement."""
    if amount > 0 or (not amount and zero_side >= 0):
        return amount_text(amount), ""
    return "", amount_text(-amount)


def year_to_date(ledger: Ledger, as_at: date) -> dict[str, Decimal]:
    """Balances as the trial balance's YTD columns show them: profit and loss accounts from the
    start of the financial year, balance-sheet accounts since the beginning, and earlier years'
    profit moved into Retained Earnings (so the columns balance)."""
    retained = ledger.retained_earnings_account().code
    year_start = financial_year_start(as_at)
    all_time = ledger.balances(None, as_at)
    this_year = ledger.balances(year_start, as_at)
    earlier = ledger.balances(None, year_start - timedelta(days=1))
    balances = {
        code: amount if ledger.account(code).on_balance_sheet else this_year.get(code, ZERO)
        for code, amount in all_time.items()
    }
    earlier_profit = net_profit(earlier, ledger.accounts.values())
    balances[retained] = balances.get(retained, ZERO) - earlier_profit
    return balances


def trial_balance_rows(ledger: Ledger, as_at: date) -> list[dict]:
    month = ledger.balances(as_at.replace(day=1), as_at)
    ytd = year_to_date(ledger, as_at)
    totals = [ZERO, ZERO, ZERO, ZERO]
    rows = [_header(["Account", "Debit", "Credit", "YTD Debit", "YTD Credit"])]
    codes = {code for code in (*month, *ytd) if month.get(code) or ytd.get(code)}
    accounts = [ledger.account(code) for code in codes]
    for klass, title in TRIAL_BALANCE_SECTIONS.items():
        section = []
        for account in _by_name([a for a in accounts if a.klass == klass]):
            moved, balance = month.get(account.code, ZERO), ytd.get(account.code, ZERO)
            cells = [*_debit_credit(moved, balance), *_debit_credit(balance, moved)]
            for index, text in enumerate(cells):
                totals[index] += Decimal(text or 0)
            section.append(_row([f"{account.name} ({account.code})", *cells], account))
        if section:
            rows.append(_section(title, section))
    total_row = _row(["Total", *(amount_text(t) for t in totals)], kind="SummaryRow")
    rows.append(_section("", [total_row]))
    return rows


# --- profit and loss -----------------------------------------------------------------------
#: A report column: its header text and the balances (net debit per account code) it shows.
Column = tuple[str, dict[str, Decimal]]


def pnl_column(ledger: Ledger, start: date, end: date, label: str | None = None) -> Column:
    return (label or short_date(end, full_year=False), ledger.balances(start, end))


def profit_and_loss_rows(ledger: Ledger, columns: list[Column]) -> list[dict]:
    """Income, cost of sales and operating expenses as positive amounts, then gross and net
    profit, one amount per column. Only accounts with an amount in some column appear."""
    codes = {code for _, amounts in columns for code, amount in amounts.items() if amount}
    income, cost_of_sales, operating = [], [], []
    for code in codes:
        account = ledger.account(code)
        if account.on_balance_sheet:
            continue
        sign = Decimal(-1) if account.klass == "REVENUE" else Decimal(1)
        entry = (account, [sign * amounts.get(code, ZERO) for _, amounts in columns])
        if account.klass == "REVENUE":
            income.append(entry)
        elif account.type in COST_OF_SALES_TYPES:
            cost_of_sales.append(entry)
        else:
            operating.append(entry)
    rows = [_header(["", *(label for label, _ in columns)])]
    width = len(columns)
    totals: list[list[Decimal]] = []
    gross: list[Decimal] = [ZERO] * width
    for title, total_label, entries in (
        ("Income", "Total Income", income),
        ("Less Cost of Sales", "Total Cost of Sales", cost_of_sales),
        ("Less Operating Expenses", "Total Operating Expenses", operating),
    ):
        total = [sum((amounts[i] for _, amounts in entries), ZERO) for i in range(width)]
        totals.append(total)
        entries.sort(key=lambda entry: (entry[0].name.lower(), entry[0].code))
        section = [
            _row([acct.name, *(amount_text(a) for a in amounts)], acct) for acct, amounts in entries
        ]
        section.append(_row([total_label, *(amount_text(a) for a in total)], kind="SummaryRow"))
        rows.append(_section(title, section))
        if title == "Less Cost of Sales":
            # Xero's layout: gross profit right after cost of sales, before the expenses.
            gross = [totals[0][i] - totals[1][i] for i in range(width)]
            rows.append(_section("", [_row(["Gross Profit", *(amount_text(g) for g in gross)])]))
    net = [gross[i] - totals[2][i] for i in range(width)]
    rows.append(
        _section("", [_row(["Net Profit", *(amount_text(n) for n in net)], kind="SummaryRow")])
    )
    return rows


# --- balance sheet -------------------------------------------------------------------------
def current_year_earnings(ledger: Ledger, as_at: date) -> Decimal:
    return net_profit(ledger.balances(financial_year_start(as_at), as_at), ledger.accounts.values())


def balance_sheet_rows(
    ledger: Ledger, dates: list[date], labels: list[str] | None = None
) -> list[dict]:
    """Assets (debit balances), liabilities and equity (credit balances) as at each date;
    equity is Retained Earnings (earlier years' profit) plus Current Year Earnings, which is
    why Net Assets equals Total Equity to the cent in every column."""
    balances = [year_to_date(ledger, as_at) for as_at in dates]
    earnings = [current_year_earnings(ledger, as_at) for as_at in dates]
    labels = labels or [short_date(as_at) for as_at in dates]
    rows = [_header(["", *labels])]
    width = len(dates)
    totals = {}
    for klass, title, sign in (
        ("ASSET", "Assets", Decimal(1)),
        ("LIABILITY", "Liabilities", Decimal(-1)),
        ("EQUITY", "Equity", Decimal(-1)),
    ):
        codes = {
            code
            for column in balances
            for code, amount in column.items()
            if amount and ledger.account(code).klass == klass
        }
        accounts = _by_name([ledger.account(code) for code in codes])
        section = [
            _row(
                [account.name, *(amount_text(sign * c.get(account.code, ZERO)) for c in balances)],
                account,
            )
            for account in accounts
        ]
        total = [
            sum((sign * balances[i].get(a.code, ZERO) for a in accounts), ZERO)
            for i in range(width)
        ]
        if klass == "EQUITY":
            section.append(_row(["Current Year Earnings", *(amount_text(e) for e in earnings)]))
            total = [total[i] + earnings[i] for i in range(width)]
        totals[klass] = total
        section.append(
            _row([f"Total {title}", *(amount_text(t) for t in total)], kind="SummaryRow")
        )
        rows.append(_section(title, section))
    net_assets = [totals["ASSET"][i] - totals["LIABILITY"][i] for i in range(width)]
    rows.append(_section("", [_row(["Net Assets", *(amount_text(n) for n in net_assets)])]))
    # Equity last, after Net Assets, as Xero lays it out.
    rows.append(rows.pop(-2))
    return rows


# --- for the other report modules ----------------------------------------------------------
def row(values: list[str], account: Account | None = None, kind: str = "Row") -> dict:
    """A row of cells (the first names the account, whose ID goes on every cell)."""
    return _row(values, account, kind)


def section(title: str, rows: list[dict]) -> dict:
    return _section(title, rows)


def header(values: list[str]) -> dict:
    return _header(values)
