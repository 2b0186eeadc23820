"""`Reports/BudgetSummary`: the organisation's overall budget, a column per period.

The sandbox keeps no Budgets of its own, so every tenant has one overall budget made the way
Xero's "copy from last year's actuals" makes one: for each profit and loss account and month,
the actual amount of the same month a year earlier, raised by 5% and rounded to whole units.
It is derived from the books (so it moves if last year's documents change) and laid out as a
profit and loss: Income, Cost of Sales, Operating Expenses, Gross and Net Profit.

Parameters: `date` (the first period is this date's month; default today), `periods` (how many
columns, 1 to 12; default 12) and `timeframe` (months per column: 1, 3 or 12; default 1).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from xerocli.sandbox.books import Books
from xerocli.sandbox.report_params import Params, shift_months
from xerocli.sandbox.statements import Column, profit_and_loss_rows
from xerocli.sandbox.xerojson import MONTH_NAMES

PARAMS = ("date", "periods", "timeframe")
UPLIFT = Decimal("1.05")
DEFAULT_PERIODS = 12


def budget_for(books: Books, start: date, end: date) -> dict[str, Decimal]:
    """The budget per P&L account over whole months `start`..`end` (net debit, like balances)."""
    budget: dict[str, Decimal] = {}
    month = start.replace(day=1)
    while month <= end:
        month_end = shift_months(month, 1) - timedelta(days=1)
        actual = books.balances(shift_months(month, -12), shift_months(month_end, -12))
        for code, amount in actual.items():
            account = books.accounts.get(code)
            if account is None or account.on_balance_sheet:
                continue
            planned = (amount * UPLIFT).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            budget[code] = budget.get(code, Decimal("0.00")) + planned
        month = shift_months(month, 1)
    return {code: amount.quantize(Decimal("0.01")) for code, amount in budget.items() if amount}


def budget_summary_rows(books: Books, params: Params, today: date) -> tuple[list[dict], str]:
    first = params.date("date", today).replace(day=1)
    periods = params.integer("periods", 1, 12) or DEFAULT_PERIODS
    months = params.timeframe_months(numeric=True)
    columns: list[Column] = []
    for index in range(periods):
        start = shift_months(first, index * months)
        end = shift_months(start, months) - timedelta(days=1)
        label = f"{MONTH_NAMES[start.month - 1][:3]}-{start.year % 100:02d}"
        columns.append((label, budget_for(books, start, end)))
    last = shift_months(first, periods * months) - timedelta(days=1)
    ledger = books.ledger()
    period = (
        f"Overall Budget for the {periods * months} months from "
        f"{MONTH_NAMES[first.month - 1]} {first.year} to {MONTH_NAMES[last.month - 1]} {last.year}"
    )
    return profit_and_loss_rows(ledger, columns), period
