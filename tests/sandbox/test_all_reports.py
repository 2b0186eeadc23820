"""Every report the sandbox serves, checked against the others and against the documents.

The identities an accountant relies on, on both demo companies at several dates: the trial
balance balances; assets equal liabilities plus equity in every comparison column; the profit
and loss equals the change in Current Year Earnings; aged receivables and payables total their
control accounts; the bank summary closes on the bank accounts' balances. Then the parameters
(periods, tracking, cash basis, budgets, published returns) and the cache behind them.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest
import simplejson

from tests.sandbox.test_reports import (
    SEEDED_MONTH_END,
    ZERO,
    amount,
    every,
    labelled,
    report,
    sections,
    tb_accounts,
    today,
    values,
)

__all__ = ["books", "global_books", "nz_books", "reports_token"]
from tests.helpers import loopback
from tests.sandbox.test_reports import books, global_books, nz_books, reports_token


def columns(found: dict) -> list[str]:
    return values(found["Rows"][0])[1:]


def column_of(found: dict, label: str) -> list[Decimal]:
    """Every column's amount on the one row whose first cell is `label`."""
    matches = [
        [amount(v) for v in values(r)[1:] if not v.endswith("%")]  # not a variance
        for rows in sections(found).values()
        for r in rows
        if values(r)[0] == label
    ]
    assert len(matches) == 1, (label, matches)
    return matches[0]


def total_row(found: dict) -> list[str]:
    [last] = [r for rows in sections(found).values() for r in rows if r["RowType"] == "SummaryRow"]
    return values(last)


def ytd_by_id(found: dict) -> dict[str, Decimal]:
    """Trial balance YTD net debit per AccountID."""
    return {
        row["cells"][0]["Attributes"][0]["Value"]: row["ytd"] for row in tb_accounts(found).values()
    }


def months_back(day: date, months: int) -> date:
    """The same day `months` earlier; a month's last day stays a last day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_end else min(day.day, last))


def journalled(client: httpx.Client, code: str, as_at: date) -> Decimal:
    """What POSTED manual journals dated up to `as_at` put on an account (net debit)."""
    total = ZERO
    for journal in every(client, "ManualJournals"):
        ms = int(journal["Date"][6:].split("+")[0].rstrip(")/"))
        day = datetime.fromtimestamp(ms / 1000, tz=timezone.utc).date()
        if journal["Status"] == "POSTED" and day <= as_at:
            total += sum(
                (li["LineAmount"] for li in journal["JournalLines"] if li["AccountCode"] == code),
                ZERO,
            )
    return total


def fy_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


@pytest.mark.parametrize("as_at", [SEEDED_MONTH_END, date(2026, 6, 15), None])
def test_the_reports_agree_with_each_other(books: httpx.Client, as_at: date | None) -> None:
    as_at = as_at or today()
    tb = report(books, "TrialBalance", date=as_at.isoformat())
    debit, credit, ytd_debit, ytd_credit = (
        amount(v) for v in values(tb["Rows"][-1]["Rows"][0])[1:]
    )
    assert debit == credit and ytd_debit == ytd_credit > 0
    accounts = tb_accounts(tb)

    # Balance sheet, three quarter-ends back: every column balances and matches its own date.
    sheet = report(books, "BalanceSheet", date=as_at.isoformat(), periods="2", timeframe="QUARTER")
    assert len(columns(sheet)) == 3
    net, equity = column_of(sheet, "Net Assets"), column_of(sheet, "Total Equity")
    assert (
        net == equity
        and net[0] == column_of(sheet, "Total Assets")[0] - column_of(sheet, "Total Liabilities")[0]
    )
    earlier = months_back(as_at, 6)
    alone = report(books, "BalanceSheet", date=earlier.isoformat())
    assert column_of(sheet, "Net Assets")[2] == labelled(alone, "Net Assets")

    # Profit and loss = the change in Current Year Earnings (from the year's start, and between
    # two dates of the same year).
    start = fy_start(as_at)
    pnl = report(books, "ProfitAndLoss", fromDate=start.isoformat(), toDate=as_at.isoformat())
    earnings = column_of(sheet, "Current Year Earnings")[0]
    assert labelled(pnl, "Net Profit") == earnings
    if as_at.replace(day=1) > start:
        cut = as_at.replace(day=1) - timedelta(days=1)
        before = report(books, "BalanceSheet", date=cut.isoformat())
        month = report(
            books, "ProfitAndLoss", fromDate=as_at.replace(day=1).isoformat(), toDate=str(as_at)
        )
        assert labelled(month, "Net Profit") == earnings - labelled(before, "Current Year Earnings")

    # Aged receivables total 610 and aged payables 800: no manual journal posts to either (the
    # seed's month-end accruals are owed on 826 Accrued Liabilities, as Xero would have them).
    assert journalled(books, "610", as_at) == journalled(books, "800", as_at) == ZERO
    for name, control, sign in (
        ("AgedReceivablesByContact", accounts["610"]["ytd"], 1),
        ("AgedPayablesByContact", accounts["800"]["ytd"], -1),
    ):
        aged = report(books, name, date=as_at.isoformat())
        head = columns(aged)
        total = dict(zip(head, total_row(aged)[1:], strict=True))
        buckets = sum((amount(total[b]) for b in head[:-1]), ZERO)
        assert amount(total["Total"]) == buckets == sign * control, name

    # Bank summary: opening + in - out = closing = each bank's balance in the trial balance.
    summary = report(
        books, "BankSummary", fromDate=as_at.replace(day=1).isoformat(), toDate=str(as_at)
    )
    balances = ytd_by_id(tb)
    banks = [r for rows in sections(summary).values() for r in rows if r["RowType"] == "Row"]
    assert banks
    for row in banks:
        opening, received, spent, closing = (amount(v) for v in values(row)[1:])
        assert opening + received - spent == closing
        assert closing == balances.get(row["Cells"][0]["Attributes"][0]["Value"], ZERO)


def test_periods_give_a_column_each_and_each_equals_its_own_report(nz_books) -> None:
    found = report(
        nz_books,
        "ProfitAndLoss",
        fromDate="2026-10-01",
        toDate="2026-10-31",
        periods="2",
        timeframe="MONTH",
    )
    assert columns(found) == ["31 Oct 26", "30 Sep 26", "31 Aug 26"]
    for index, (first, last) in enumerate(
        [("2026-10-01", "2026-10-31"), ("2026-09-01", "2026-09-30"), ("2026-08-01", "2026-08-31")]
    ):
        alone = report(nz_books, "ProfitAndLoss", fromDate=first, toDate=last)
        for label in ("Total Income", "Total Operating Expenses", "Net Profit"):
            assert column_of(found, label)[index] == labelled(alone, label), (first, label)
    yearly = report(nz_books, "ProfitAndLoss", toDate="2026-10-31", periods="1", timeframe="YEAR")
    assert columns(yearly) == ["31 Oct 26", "31 Oct 25"]


def _invoice(contact: str, lines: list[dict], day: date) -> dict:
    return {
        "Type": "ACCREC",
        "Contact": {"Name": contact},
        "Date": day.isoformat(),
        "DueDate": (day - timedelta(days=40)).isoformat(),  # a month overdue at once
        "Status": "AUTHORISED",
        "LineAmountTypes": "Exclusive",
        "LineItems": lines,
    }


def test_tracking_cash_basis_and_one_contacts_aged_invoices(nz_books) -> None:
    day = today()
    # The organisation's own Region and its options: the sandbox refuses any other, as Xero.
    [region] = [
        c for c in nz_books.get("TrackingCategories").json()["TrackingCategories"]
        if c["Name"] == "Region"
    ]  # fmt: skip
    category = region["TrackingCategoryID"]
    options = {o["Name"]: o["TrackingOptionID"] for o in region["Options"]}
    north, south = options["North"], options["South"]

    def line(amount: str, option: str | None, name: str) -> dict:
        tracking = (
            [
                {
                    "TrackingCategoryID": category,
                    "Name": "Region",
                    "TrackingOptionID": option,
                    "Option": name,
                }
            ]
            if option
            else []
        )
        return {
            "Quantity": 1,
            "UnitAmount": amount,
            "AccountCode": "200",
            "TaxType": "OUTPUT2",
            "Tracking": tracking,
        }

    month = {"fromDate": day.replace(day=1).isoformat(), "toDate": day.isoformat()}
    accrual_before = report(nz_books, "ProfitAndLoss", **month)
    cash_before = report(nz_books, "ProfitAndLoss", paymentsOnly="true", **month)
    contact = f"Tracked {uuid.uuid4().hex[:8]}"
    invoice = _invoice(
        contact,
        [line("100.00", north, "North"), line("40.00", south, "South"), line("10.00", None, "")],
        day,
    )
    answer = nz_books.put("Invoices", json={"Invoices": [invoice]})
    assert answer.status_code == 200, answer.text
    created = simplejson.loads(answer.text, use_decimal=True)["Invoices"][0]
    try:
        split = report(nz_books, "ProfitAndLoss", trackingCategoryID=category, **month)
        assert columns(split) == [*sorted(options), "Unassigned", "Total"]
        income = dict(zip(columns(split), column_of(split, "Total Income"), strict=True))
        before = labelled(accrual_before, "Total Income")
        assert (income["North"], income["South"]) == (Decimal("100.00"), Decimal("40.00"))
        assert income["East"] == income["West"] == ZERO  # no other line is tracked
        total = income.pop("Total")
        assert total == before + Decimal("150.00") == sum(income.values(), ZERO)
        only = report(nz_books, "ProfitAndLoss", trackingOptionID=south, **month)
        assert labelled(only, "Total Income") == Decimal("40.00")
        # Unpaid: the accrual P&L moved, the cash one did not; a half payment moves it by half.
        cash = report(nz_books, "ProfitAndLoss", paymentsOnly="true", **month)
        assert labelled(cash, "Total Income") == labelled(cash_before, "Total Income")
        payment = {
            "Invoice": {"InvoiceID": created["InvoiceID"]},
            "Account": {"Code": "090"},
            "Date": day.isoformat(),
            "Amount": str(created["Total"] / 2),
        }
        paid = nz_books.put("Payments", json={"Payments": [payment]})
        assert paid.status_code == 200, paid.text
        cash = report(nz_books, "ProfitAndLoss", paymentsOnly="true", **month)
        moved = labelled(cash, "Total Income") - labelled(cash_before, "Total Income")
        assert moved == Decimal("75.00")
        cash_tb = report(nz_books, "TrialBalance", paymentsOnly="true")
        [total] = cash_tb["Rows"][-1]["Rows"]
        assert values(total)[3] == values(total)[4], "the cash basis balances too"
        # That contact's aged receivables: the invoice, half paid, a month overdue.
        contact_id = created["Contact"]["ContactID"]
        aged = report(nz_books, "AgedReceivablesByContact", contactId=contact_id)
        head = columns(aged)
        [row] = [r for rows in sections(aged).values() for r in rows if r["RowType"] == "Row"]
        cells = dict(zip(head, values(row)[1:], strict=True))
        assert cells["Number"] == created["InvoiceNumber"]
        assert amount(cells["Total"]) == created["Total"]
        assert (
            amount(cells["Paid and Credited"]) == amount(cells["1 Month"]) == created["Total"] / 2
        )
        refused = nz_books.get(
            "Reports/ProfitAndLoss", params={"trackingCategoryID": str(uuid.uuid4())}
        )
        assert refused.status_code == 400 and "tracking category" in refused.json()["Message"]
    finally:
        for payment in nz_books.get(f"Invoices/{created['InvoiceID']}").json()["Invoices"][0][
            "Payments"
        ]:
            nz_books.post(f"Payments/{payment['PaymentID']}", json={"Status": "DELETED"})
        nz_books.post(f"Invoices/{created['InvoiceID']}", json={"Status": "VOIDED"})


@pytest.mark.parametrize(
    "name, params, words",
    [
        ("ProfitAndLoss", {"bogus": "1"}, "does not take bogus"),
        ("ProfitAndLoss", {"periods": "13"}, "periods"),
        ("ProfitAndLoss", {"periods": "0"}, "periods"),
        ("BalanceSheet", {"timeframe": "WEEK"}, "timeframe"),
        ("TrialBalance", {"paymentsOnly": "maybe"}, "paymentsOnly"),
        ("ProfitAndLoss", {"standardLayout": "yes"}, "standardLayout"),
        ("BudgetSummary", {"timeframe": "2"}, "timeframe"),
        ("AgedReceivablesByContact", {"contactId": "Bob"}, "contactId"),
        ("TenNinetyNine", {"reportYear": "2026"}, "United States"),
        ("BankSummary", {"periods": "2"}, "does not take periods"),
        ("ProfitAndLoss", [("periods", "2"), ("Periods", "3")], "periods is given more than once"),
        ("BalanceSheet", [("date", "2026-01-31"), ("date", "2026-02-28")], "date is given more"),
    ],
)
def test_a_parameter_is_honoured_or_refused_never_ignored(nz_books, name, params, words) -> None:
    answer = nz_books.get(f"Reports/{name}", params=params)
    assert answer.status_code == 400, answer.text
    assert words in answer.json()["Message"]


def test_budget_executive_summary_and_published_returns(small_sandbox, nz_books) -> None:
    budget = report(nz_books, "BudgetSummary", date="2026-10-01", periods="2")
    assert columns(budget) == ["Oct-26", "Nov-26"]
    last_year = report(nz_books, "ProfitAndLoss", fromDate="2025-10-01", toDate="2025-10-31")
    for name, actual in (
        (values(r)[0], amount(values(r)[1]))
        for r in sections(last_year)["Income"]
        if r["RowType"] == "Row"
    ):
        planned = column_of(budget, name)[0]
        assert planned == (actual * Decimal("1.05")).quantize(Decimal(1)), name

    summary = report(nz_books, "ExecutiveSummary", date=str(SEEDED_MONTH_END))
    assert columns(summary) == ["Oct 2026", "Sep 2026", "Variance"]
    received, spent, surplus = (
        column_of(summary, n)[0] for n in ("Cash received", "Cash spent", "Surplus (Deficit)")
    )
    assert received - spent == surplus and received > 0
    tb = tb_accounts(report(nz_books, "TrialBalance", date=str(SEEDED_MONTH_END)))
    assert column_of(summary, "Debtors")[0] == tb["610"]["ytd"]
    october = report(nz_books, "ProfitAndLoss", fromDate="2026-10-01", toDate="2026-10-31")
    assert column_of(summary, "Profit (loss)")[0] == labelled(october, "Net Profit")

    listed = nz_books.get("Reports")
    assert listed.status_code == 200
    returns = listed.json()["Reports"]
    assert returns and all(r["ReportName"] == "GST Return" for r in returns)
    one = nz_books.get(f"Reports/{returns[0]['ReportID']}")
    assert one.status_code == 200, one.text
    found = one.json()["Reports"][0]
    on_sales, on_purchases = labelled(found, "GST on sales"), labelled(found, "GST on purchases")
    assert labelled(found, "GST to pay (refund)") == on_sales - on_purchases and on_sales > 0
    assert nz_books.get(f"Reports/{uuid.uuid4()}").status_code == 404


def test_the_books_are_read_once_then_only_what_was_written(small_sandbox, global_books) -> None:
    """The non-timing half of "a big company's reports answer in under a second": after the
    first report, a report parses no document again, and after a write only that document."""

    def stats() -> dict:
        return loopback.get(f"{small_sandbox.url}/__sandbox/reports").json()

    before = report(global_books, "TrialBalance")
    first = stats()
    for name in ("BalanceSheet", "ProfitAndLoss", "AgedPayablesByContact", "BankSummary"):
        report(global_books, name)
    reused = stats()
    assert reused["builds"] == first["builds"], "the books are not read again"
    assert reused["documents_scanned"] == first["documents_scanned"]
    assert reused["hits"] == first["hits"] + 4
    day = today()
    invoice = _invoice(
        f"Cache {uuid.uuid4().hex[:8]}",
        [{"Quantity": 1, "UnitAmount": "50.00", "AccountCode": "200", "TaxType": "OUTPUT2"}],
        day,
    )
    answer = global_books.put("Invoices", json={"Invoices": [invoice]})
    assert answer.status_code == 200, answer.text
    created = simplejson.loads(answer.text, use_decimal=True)["Invoices"][0]
    try:
        after = report(global_books, "TrialBalance")
        moved = stats()
        assert moved["builds"] == reused["builds"], "a write is an update, not a new read"
        assert moved["documents_scanned"] == reused["documents_scanned"] + 1, "just the invoice"
        receivable = tb_accounts(after)["610"]["ytd"] - tb_accounts(before)["610"]["ytd"]
        assert receivable == created["Total"]
    finally:
        global_books.post(f"Invoices/{created['InvoiceID']}", json={"Status": "VOIDED"})
    voided = tb_accounts(report(global_books, "TrialBalance"))["610"]["ytd"]
    assert voided == tb_accounts(before)["610"]["ytd"]
    assert stats()["documents_scanned"] == reused["documents_scanned"] + 1  # voided: taken away


def test_the_updated_books_equal_books_read_whole(small_sandbox, books) -> None:
    """After every write this module made (invoices, payments, deletions, voids), the books
    kept up to date answer what books read from scratch answer."""
    asked = [
        ("TrialBalance", {}),
        ("TrialBalance", {"paymentsOnly": "true"}),
        ("AgedReceivablesByContact", {}),
        ("AgedPayablesByContact", {}),
        ("BankSummary", {}),
        ("ProfitAndLoss", {"periods": "3"}),
    ]
    updated = [report(books, name, **params)["Rows"] for name, params in asked]
    reread = loopback.post(f"{small_sandbox.url}/__sandbox/reports/reread")
    assert reread.status_code == 204
    whole = [report(books, name, **params)["Rows"] for name, params in asked]
    assert updated == whole
