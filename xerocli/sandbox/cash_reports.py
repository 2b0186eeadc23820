"""`Reports/BankSummary` and `Reports/ExecutiveSummary`, from the cached books.

Bank summary: each bank account's opening balance, money received and spent (bank
transactions, payments and manual journals on the account) and closing balance over
`fromDate`..`toDate` (default this month to date), in base currency, so a closing balance is
that account's balance in the trial balance and the balance sheet.

Executive summary: the month of `date` beside the month before and the change between them,
in Xero's sections (Cash, Profitability, Balance Sheet, Income, Performance). The performance
ratios are percentages with two decimals.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from xerocli.sandbox.books import Books
from xerocli.sandbox.ledger import PAYABLE, RECEIVABLE, ZERO
from xerocli.sandbox.report_params import BadParameter, Params, shift_months
from xerocli.sandbox.statements import (
    COST_OF_SALES_TYPES,
    amount_text,
    header,
    long_date,
    row,
    section,
    year_to_date,
)
from xerocli.sandbox.xerojson import MONTH_NAMES

BANK_SUMMARY_PARAMS = ("fromDate", "toDate")
EXECUTIVE_SUMMARY_PARAMS = ("date",)
HUNDRED = Decimal(100)


def bank_summary_rows(books: Books, params: Params, today: date) -> tuple[list[dict], str]:
    end = params.date("toDate", today)
    start = params.date("fromDate", end.replace(day=1))
    if start > end:
        raise BadParameter(f"fromDate {start.isoformat()} is after toDate {end.isoformat()}")
    before = books.balances(None, start - timedelta(days=1))
    closing = books.balances(None, end)
    rows, totals = [], [ZERO] * 4
    for account in sorted(books.bank_accounts(), key=lambda a: a.name.lower()):
        received = spent = ZERO
        for (code, day), (money_in, money_out) in books.bank_flows.items():
            if code == account.code and start <= day <= end:
                received += money_in
                spent += money_out
        values = [before.get(account.code, ZERO), received, spent, closing.get(account.code, ZERO)]
        totals = [t + v for t, v in zip(totals, values, strict=False)]
        rows.append(row([account.name, *(amount_text(v) for v in values)], account))
    rows.append(row(["Total", *(amount_text(t) for t in totals)], kind="SummaryRow"))
    head = ["Bank Accounts", "Opening Balance", "Cash Received", "Cash Spent", "Closing Balance"]
    period = f"For the period {long_date(start)} to {long_date(end)}"
    return [header(head), section("", rows)], period


def _month_figures(books: Books, month_start: date) -> dict[str, Decimal]:
    end = shift_months(month_start, 1) - timedelta(days=1)
    moved = books.balances(month_start, end)
    ledger = books.ledger()
    income = direct = other = expenses = ZERO
    for code, amount in moved.items():
        account = ledger.account(code)
        if account.klass == "REVENUE":
            if account.type == "OTHERINCOME":
                other -= amount
            else:
                income -= amount
        elif account.klass == "EXPENSE":
            if account.type in COST_OF_SALES_TYPES:
                direct += amount
            else:
                expenses += amount
    received = spent = ZERO
    banks = {a.code for a in books.bank_accounts()}
    for (code, day), (money_in, money_out) in books.bank_flows.items():
        if code in banks and month_start <= day <= end:
            received += money_in
            spent += money_out
    balances = year_to_date(ledger, end)
    invoices = [
        item
        for item in books.open_items
        if item.type == "ACCREC" and month_start <= item.day <= end
    ]
    issued = sum((item.amount for item in invoices), ZERO)
    gross = income - direct
    profit = gross + other - expenses
    net_assets = sum(
        (a for c, a in balances.items() if ledger.account(c).klass in ("ASSET", "LIABILITY")), ZERO
    )
    return {
        "Cash received": received,
        "Cash spent": spent,
        "Surplus (Deficit)": received - spent,
        "Closing bank balance": sum((balances.get(code, ZERO) for code in banks), ZERO),
        "Income": income,
        "Direct costs": direct,
        "Gross profit (loss)": gross,
        "Other Income": other,
        "Expenses": expenses,
        "Profit (loss)": profit,
        "Debtors": balances.get(RECEIVABLE, ZERO),
        "Creditors": -balances.get(PAYABLE, ZERO),
        "Net assets": net_assets,
        "Number of invoices issued": Decimal(len(invoices)),
        "Average value of invoices": issued / len(invoices) if invoices else ZERO,
        "Gross profit margin (%)": gross * HUNDRED / income if income else ZERO,
        "Net profit margin (%)": profit * HUNDRED / income if income else ZERO,
    }


EXECUTIVE_SECTIONS = {
    "Cash": ("Cash received", "Cash spent", "Surplus (Deficit)", "Closing bank balance"),
    "Profitability": (
        "Income",
        "Direct costs",
        "Gross profit (loss)",
        "Other Income",
        "Expenses",
        "Profit (loss)",
    ),
    "Balance Sheet": ("Debtors", "Creditors", "Net assets"),
    "Income": ("Number of invoices issued", "Average value of invoices"),
    "Performance": ("Gross profit margin (%)", "Net profit margin (%)"),
}


def _variance(now: Decimal, before: Decimal) -> str:
    if not before:
        return ""
    return f"{(now - before) * HUNDRED / abs(before):.1f}%"


def executive_summary_rows(books: Books, params: Params, today: date) -> tuple[list[dict], str]:
    as_at = params.date("date", today)
    this_month = as_at.replace(day=1)
    last_month = shift_months(this_month, -1)
    now, before = _month_figures(books, this_month), _month_figures(books, last_month)

    def label(day: date) -> str:
        return f"{MONTH_NAMES[day.month - 1][:3]} {day.year}"

    rows = [header(["", label(this_month), label(last_month), "Variance"])]
    for title, names in EXECUTIVE_SECTIONS.items():
        lines = []
        for name in names:
            count = name.startswith("Number")
            text = (lambda v: str(int(v))) if count else amount_text
            lines.append(
                row([name, text(now[name]), text(before[name]), _variance(now[name], before[name])])
            )
        rows.append(section(title, lines))
    return rows, f"For the month of {MONTH_NAMES[as_at.month - 1]} {as_at.year}"
