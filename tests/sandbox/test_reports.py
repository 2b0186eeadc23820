"""The sandbox's reports over plain HTTP: the books balance, the three reports agree with each
other and with the documents, and writing a document moves them.

The sandbox is shared by the package, and other tests write to it: these tests compare figures
before and after their own writes, or against what the API lists at the same moment, never
against fixed numbers.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest
import simplejson

from tests.helpers import loopback
from tests.helpers.oauth import ALL_SCOPES, api_headers, login
from tests.helpers.sandbox import RunningSandbox, tenant_client

ZERO = Decimal("0.00")
TWO_DECIMALS = re.compile(r"^-?\d+\.\d{2}$")
NAME_AND_CODE = re.compile(r"^(?P<name>.*) \((?P<code>[^()]*)\)$")
TB_COLUMNS = ["Account", "Debit", "Credit", "YTD Debit", "YTD Credit"]
#: A date in the seeded data's last month, one before its first financial year, and today.
SEEDED_MONTH_END = date(2026, 10, 31)


def today() -> date:
    return datetime.now(timezone.utc).date()


@pytest.fixture(scope="module")
def reports_token(small_sandbox: RunningSandbox) -> dict:
    """The shared `token` has no reports scope (that is tested below); this one does."""
    return login(small_sandbox.url, "reports-tests", f"{ALL_SCOPES} accounting.reports.read")


@pytest.fixture(scope="module")
def nz_books(small_sandbox: RunningSandbox, reports_token: dict) -> Iterator[httpx.Client]:
    with tenant_client(small_sandbox, reports_token, 0) as client:
        yield client


@pytest.fixture(scope="module")
def global_books(small_sandbox: RunningSandbox, reports_token: dict) -> Iterator[httpx.Client]:
    with tenant_client(small_sandbox, reports_token, 1) as client:
        yield client


@pytest.fixture(params=["nz", "global"])
def books(request: pytest.FixtureRequest, nz_books, global_books) -> httpx.Client:
    """Each demo company in turn: NZD only, and GBP with USD and EUR documents."""
    return nz_books if request.param == "nz" else global_books


# --- reading reports -----------------------------------------------------------------------
def report(client: httpx.Client, name: str, **params: str) -> dict:
    answer = client.get(f"Reports/{name}", params=params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["Status"] == "OK" and body["DateTimeUTC"].startswith("/Date(")
    [found] = body["Reports"]
    assert found["ReportType"] == name and found["Fields"] == []
    return found


def amount(text: str) -> Decimal:
    """An amount cell: two decimals exactly, or empty (zero)."""
    if text == "":
        return ZERO
    assert TWO_DECIMALS.match(text), text
    return Decimal(text)


def sections(found: dict) -> dict[str, list[dict]]:
    """Section title -> its rows; the untitled sections (totals) are joined under ""."""
    titled: dict[str, list[dict]] = {}
    for row in found["Rows"]:
        if row["RowType"] == "Section":
            titled.setdefault(row["Title"], []).extend(row["Rows"])
    return titled


def values(row: dict) -> list[str]:
    return [cell["Value"] for cell in row["Cells"]]


def labelled(found: dict, label: str) -> Decimal:
    """The amount of the one row (or SummaryRow) whose first cell is `label`."""
    matches = [
        values(r)[1] for rows in sections(found).values() for r in rows if values(r)[0] == label
    ]
    assert len(matches) == 1, (label, matches)
    return amount(matches[0])


def account_rows(found: dict, section: str) -> dict[str, Decimal]:
    """A profit and loss or balance sheet section's rows (not its total): name -> amount."""
    return {
        values(r)[0]: amount(values(r)[1])
        for r in sections(found).get(section, [])
        if r["RowType"] == "Row"
    }


def trial_balance(client: httpx.Client, as_at: date) -> dict:
    return report(client, "TrialBalance", date=as_at.isoformat())


def tb_accounts(found: dict) -> dict[str, dict]:
    """Account code -> its row: section, net month and YTD movement (debit positive), ID."""
    accounts = {}
    for title, rows in sections(found).items():
        for row in rows:
            if row["RowType"] != "Row":
                continue
            name, debit, credit, ytd_debit, ytd_credit = values(row)
            code = NAME_AND_CODE.match(name).group("code")
            accounts[code] = {
                "section": title,
                "name": NAME_AND_CODE.match(name).group("name"),
                "month": amount(debit) - amount(credit),
                "ytd": amount(ytd_debit) - amount(ytd_credit),
                "cells": row["Cells"],
            }
    return accounts


def ytd(found: dict, code: str) -> Decimal:
    return tb_accounts(found).get(code, {}).get("ytd", ZERO)


def month_of(found: dict, code: str) -> Decimal:
    return tb_accounts(found).get(code, {}).get("month", ZERO)


def every(client: httpx.Client, kind: str) -> list[dict]:
    """Every record of a paged collection, exact amounts."""
    records, page = [], 1
    while True:
        answer = client.get(kind, params={"page": page, "pageSize": 1000})
        assert answer.status_code == 200, answer.text
        batch = simplejson.loads(answer.text, use_decimal=True)[kind]
        records += batch
        if len(batch) < 1000:
            return records
        page += 1


# --- trial balance -------------------------------------------------------------------------
@pytest.mark.parametrize("as_at", [SEEDED_MONTH_END, date(2026, 3, 31), None])
def test_trial_balance_balances_and_names_real_accounts(books, as_at: date | None) -> None:
    as_at = as_at or today()
    found = trial_balance(books, as_at)
    assert found["ReportTitles"][0] == "Trial Balance"
    assert found["ReportTitles"][2] == f"As at {as_at.day} {as_at:%B %Y}"
    assert values(found["Rows"][0]) == TB_COLUMNS and found["Rows"][0]["RowType"] == "Header"
    titles = [row["Title"] for row in found["Rows"][1:]]
    expected = ["Revenue", "Expenses", "Assets", "Liabilities", "Equity"]
    assert titles[:-1] == [t for t in expected if t in titles] and titles[-1] == ""
    [total] = found["Rows"][-1]["Rows"]
    assert total["RowType"] == "SummaryRow" and values(total)[0] == "Total"
    totals = [amount(v) for v in values(total)[1:]]
    assert totals[0] == totals[1], "period debits and credits differ"
    assert totals[2] == totals[3], "YTD debits and credits differ"
    assert totals[2] > 0
    column_sums = [ZERO] * 4
    chart = {a["AccountID"]: a for a in books.get("Accounts").json()["Accounts"]}
    accounts = tb_accounts(found)
    for code, row in accounts.items():
        for index, cell in enumerate(row["cells"][1:]):
            column_sums[index] += amount(cell["Value"])
        ids = {attribute["Value"] for cell in row["cells"] for attribute in cell["Attributes"]}
        assert all(cell["Attributes"][0]["Id"] == "account" for cell in row["cells"])
        [account_id] = ids
        assert chart[account_id]["Code"] == code and chart[account_id]["Name"] == row["name"]
    assert column_sums == totals
    if as_at == SEEDED_MONTH_END:  # the seed's last month has documents: a real period column
        assert totals[0] > 0
        assert accounts["960"]["ytd"] < 0, "earlier years' profit is in Retained Earnings"
        assert accounts["200"]["section"] == "Revenue" and accounts["610"]["section"] == "Assets"
        october = report(books, "ProfitAndLoss", fromDate="2026-10-01", toDate="2026-10-31")
        month_income = -sum(
            (a["month"] for a in accounts.values() if a["section"] == "Revenue"), ZERO
        )
        assert month_income == labelled(october, "Total Income"), "the month, not the year"


def test_the_books_agree_with_the_documents(nz_books) -> None:
    """Receivables and sales tax as the documents tell them, with what POSTED manual journals
    put on those accounts (NZD only: no conversion)."""
    invoices = [i for i in every(nz_books, "Invoices") if i["Status"] in ("AUTHORISED", "PAID")]
    notes = [n for n in every(nz_books, "CreditNotes") if n["Status"] in ("AUTHORISED", "PAID")]
    banked = [t for t in every(nz_books, "BankTransactions") if t["Status"] == "AUTHORISED"]
    refunds = [
        p
        for p in every(nz_books, "Payments")
        if p["Status"] == "AUTHORISED"
        and p["PaymentType"] in ("ARCREDITPAYMENT", "AROVERPAYMENTPAYMENT", "ARPREPAYMENTPAYMENT")
    ]
    # Overpayments and prepayments received: their bank transactions credit 610 on the line.
    held = sum(
        (
            line["LineAmount"] * (1 if t["Type"].startswith("RECEIVE") else -1)
            for t in banked
            for line in t["LineItems"]
            if line.get("AccountCode") == "610"
        ),
        ZERO,
    )
    receivable = (
        sum((i["Total"] - i["AmountPaid"] for i in invoices if i["Type"] == "ACCREC"), ZERO)
        - sum((n["Total"] for n in notes if n["Type"] == "ACCRECCREDIT"), ZERO)
        + sum((p["Amount"] for p in refunds), ZERO)
        - held
    )
    tax_sign = {"ACCREC": -1, "ACCPAY": 1, "ACCRECCREDIT": 1, "ACCPAYCREDIT": -1}
    tax = sum((tax_sign[d["Type"]] * d["TotalTax"] for d in invoices + notes), ZERO)
    tax += sum(((-1 if t["Type"] == "RECEIVE" else 1) * t["TotalTax"] for t in banked), ZERO)
    # Authorised expense claims post their receipts' tax as a bill does (a debit).
    tax += sum(
        (
            r["TotalTax"]
            for claim in every(nz_books, "ExpenseClaims")
            if claim["Status"] in ("AUTHORISED", "PAID")
            for r in claim["Receipts"]
        ),
        ZERO,
    )
    for journal in every(nz_books, "ManualJournals"):
        if journal["Status"] != "POSTED":
            continue
        taxed = journal["LineAmountTypes"] != "NoTax"
        for line in journal["JournalLines"]:
            line_tax = line["TaxAmount"] if taxed else ZERO
            net = line["LineAmount"] - (
                line_tax if journal["LineAmountTypes"] == "Inclusive" else 0
            )
            receivable += net if line["AccountCode"] == "610" else ZERO
            tax += (net if line["AccountCode"] == "820" else ZERO) + line_tax
    far_future = date(2099, 12, 31)
    found = trial_balance(nz_books, far_future)
    assert ytd(found, "610") == receivable
    assert ytd(found, "820") == tax
    assert (
        labelled(
            report(nz_books, "BalanceSheet", date=far_future.isoformat()), "Accounts Receivable"
        )
        == receivable
    )


def test_writing_paying_and_voiding_an_invoice_moves_the_reports(nz_books) -> None:
    day = today()
    pnl_params = {"fromDate": day.replace(day=1).isoformat(), "toDate": day.isoformat()}
    tb_before = trial_balance(nz_books, day)
    pnl_before = report(nz_books, "ProfitAndLoss", **pnl_params)
    invoice = {
        "Type": "ACCREC",
        "Contact": {"Name": f"Reports Test {uuid.uuid4().hex[:8]}"},
        "Date": day.isoformat(),
        "DueDate": (day + timedelta(days=30)).isoformat(),
        "Status": "AUTHORISED",
        "LineAmountTypes": "Exclusive",
        "LineItems": [
            {
                "Description": "Report test",
                "Quantity": 1,
                "UnitAmount": "100.00",
                "AccountCode": "200",
                "TaxType": "OUTPUT2",
            }
        ],
    }
    answer = nz_books.put("Invoices", json={"Invoices": [invoice]})
    assert answer.status_code == 200, answer.text
    created = simplejson.loads(answer.text, use_decimal=True)["Invoices"][0]
    total, tax = created["Total"], created["TotalTax"]
    assert total == Decimal("115.00") and tax == Decimal("15.00")

    tb_invoiced = trial_balance(nz_books, day)
    assert ytd(tb_invoiced, "200") - ytd(tb_before, "200") == Decimal("-100.00")  # a credit
    assert ytd(tb_invoiced, "610") - ytd(tb_before, "610") == total
    assert ytd(tb_invoiced, "820") - ytd(tb_before, "820") == -tax
    assert ytd(tb_invoiced, "090") == ytd(tb_before, "090")
    month_moved = tb_accounts(tb_invoiced)["200"]["month"] - month_of(tb_before, "200")
    assert month_moved == Decimal("-100.00"), "dated today, so in this month's column too"
    pnl_invoiced = report(nz_books, "ProfitAndLoss", **pnl_params)
    for label in ("Total Income", "Net Profit"):
        assert labelled(pnl_invoiced, label) - labelled(pnl_before, label) == Decimal("100.00")

    payment = {
        "Invoice": {"InvoiceID": created["InvoiceID"]},
        "Account": {"Code": "090"},
        "Date": day.isoformat(),
        "Amount": str(total),
    }
    answer = nz_books.put("Payments", json={"Payments": [payment]})
    assert answer.status_code == 200, answer.text
    payment_id = answer.json()["Payments"][0]["PaymentID"]
    tb_paid = trial_balance(nz_books, day)
    assert ytd(tb_paid, "610") == ytd(tb_before, "610")
    assert ytd(tb_paid, "090") - ytd(tb_before, "090") == total
    assert ytd(tb_paid, "200") == ytd(tb_invoiced, "200")  # paying earns nothing more

    # Xero voids only an invoice without payments: delete the payment first.
    deleted = nz_books.post(f"Payments/{payment_id}", json={"Status": "DELETED"})
    assert deleted.status_code == 200, deleted.text
    voided = nz_books.post(
        f"Invoices/{created['InvoiceID']}",
        json={"InvoiceID": created["InvoiceID"], "Status": "VOIDED"},
    )
    assert voided.status_code == 200, voided.text
    pnl_voided = report(nz_books, "ProfitAndLoss", **pnl_params)
    assert account_rows(pnl_voided, "Income") == account_rows(pnl_before, "Income")
    assert labelled(pnl_voided, "Net Profit") == labelled(pnl_before, "Net Profit")
    tb_voided = trial_balance(nz_books, day)
    for code in ("200", "610", "820", "090"):
        assert ytd(tb_voided, code) == ytd(tb_before, code), code


def test_a_foreign_invoice_is_booked_in_pounds_and_still_balances(global_books) -> None:
    """120.00 USD at 1.3 USD to the pound: 610 92.31, Sales 76.92 and VAT 15.38 after rounding
    each, which leaves a penny over; it goes on the largest amount, 610, so it balances."""
    day = today()
    before = trial_balance(global_books, day)
    invoice = {
        "Type": "ACCREC",
        "Contact": {"Name": f"Reports FX Test {uuid.uuid4().hex[:8]}"},
        "Date": day.isoformat(),
        "DueDate": (day + timedelta(days=14)).isoformat(),
        "Status": "AUTHORISED",
        "CurrencyCode": "USD",
        "CurrencyRate": "1.3",
        "LineAmountTypes": "Exclusive",
        "LineItems": [
            {"Quantity": 1, "UnitAmount": "100.00", "AccountCode": "200", "TaxType": "OUTPUT2"}
        ],
    }
    answer = global_books.put("Invoices", json=invoice)
    assert answer.status_code == 200, answer.text
    created = simplejson.loads(answer.text, use_decimal=True)["Invoices"][0]
    assert created["Total"] == Decimal("120.00")
    after = trial_balance(global_books, day)
    try:
        assert ytd(after, "610") - ytd(before, "610") == Decimal("92.30")
        assert ytd(after, "200") - ytd(before, "200") == Decimal("-76.92")
        assert ytd(after, "820") - ytd(before, "820") == Decimal("-15.38")
        [total] = after["Rows"][-1]["Rows"]
        debit, credit, ytd_debit, ytd_credit = (amount(v) for v in values(total)[1:])
        assert debit == credit and ytd_debit == ytd_credit
    finally:
        global_books.post(f"Invoices/{created['InvoiceID']}", json={"Status": "VOIDED"})


# --- profit and loss -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "period",
    [{}, {"fromDate": "2026-04-01", "toDate": "2026-10-31"}, {"fromDate": "2025-01-01"}],
)
def test_profit_and_loss_adds_up(books, period: dict) -> None:
    found = report(books, "ProfitAndLoss", **period)
    end = date.fromisoformat(period.get("toDate", today().isoformat()))
    start = date.fromisoformat(period.get("fromDate", end.replace(day=1).isoformat()))
    assert found["ReportTitles"][2] == (
        f"For the period {start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    )
    assert values(found["Rows"][0]) == ["", f"{end.day} {end:%b %y}"]
    totals = {}
    for section, label in (
        ("Income", "Total Income"),
        ("Less Cost of Sales", "Total Cost of Sales"),
        ("Less Operating Expenses", "Total Operating Expenses"),
    ):
        rows = account_rows(found, section)
        assert all(rows.values()), "only accounts with an amount are shown"
        totals[label] = labelled(found, label)
        assert sum(rows.values(), ZERO) == totals[label]
    gross = labelled(found, "Gross Profit")
    assert gross == totals["Total Income"] - totals["Total Cost of Sales"]
    assert labelled(found, "Net Profit") == (
        totals["Total Income"] - totals["Total Cost of Sales"] - totals["Total Operating Expenses"]
    )
    if period.get("fromDate") == "2026-04-01":  # the seeded year: the trial balance agrees
        accounts = tb_accounts(trial_balance(books, end))
        income = -sum((a["ytd"] for a in accounts.values() if a["section"] == "Revenue"), ZERO)
        assert totals["Total Income"] == income and income > 0
        assert set(account_rows(found, "Less Cost of Sales")) == {"Cost of Goods Sold"}
        assert {"Rent", "Advertising"} <= set(account_rows(found, "Less Operating Expenses"))


@pytest.mark.parametrize(
    "name, params",
    [
        ("ProfitAndLoss", {"fromDate": "2026-11-02", "toDate": "2026-11-01"}),
        ("ProfitAndLoss", {"fromDate": "2026-13-01"}),
        ("ProfitAndLoss", {"toDate": "30/11/2026"}),
        ("TrialBalance", {"date": "2026-11-3"}),
        ("BalanceSheet", {"date": "yesterday"}),
    ],
)
def test_bad_dates_are_400(nz_books, name: str, params: dict) -> None:
    answer = nz_books.get(f"Reports/{name}", params=params)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert set(body) == {"ErrorNumber", "Type", "Message"} and body["Message"]


def test_an_unknown_report_is_404(nz_books) -> None:
    answer = nz_books.get("Reports/CashFlowForecast")
    assert answer.status_code == 404
    assert answer.text == "The resource you're looking for cannot be found"  # plain, as Xero


# --- balance sheet -------------------------------------------------------------------------
@pytest.mark.parametrize("as_at", [None, SEEDED_MONTH_END, date(2026, 3, 31)])
def test_balance_sheet_net_assets_equal_equity(books, as_at: date | None) -> None:
    as_at = as_at or today()
    found = report(books, "BalanceSheet", date=as_at.isoformat())
    assert found["ReportTitles"][:1] == ["Balance Sheet"]
    assert values(found["Rows"][0]) == ["", f"{as_at.day} {as_at:%b %Y}"]
    for section, label in (
        ("Assets", "Total Assets"),
        ("Liabilities", "Total Liabilities"),
        ("Equity", "Total Equity"),
    ):
        assert sum(account_rows(found, section).values(), ZERO) == labelled(found, label)
    net_assets = labelled(found, "Net Assets")
    assert net_assets == labelled(found, "Total Assets") - labelled(found, "Total Liabilities")
    assert net_assets == labelled(found, "Total Equity")
    assert labelled(found, "Total Assets") > 0
    # Current Year Earnings is the profit from 1 April; the trial balance agrees on Receivables.
    year_start = date(as_at.year if as_at.month >= 4 else as_at.year - 1, 4, 1)
    pnl = report(books, "ProfitAndLoss", fromDate=year_start.isoformat(), toDate=as_at.isoformat())
    assert labelled(found, "Current Year Earnings") == labelled(pnl, "Net Profit")
    assert account_rows(found, "Assets")["Accounts Receivable"] == ytd(
        trial_balance(books, as_at), "610"
    )


def test_the_global_company_reports_every_currency_in_pounds(global_books) -> None:
    found = report(global_books, "BalanceSheet", date=SEEDED_MONTH_END.isoformat())
    banks = {name for name in account_rows(found, "Assets") if name.startswith("Business Account")}
    assert banks == {"Business Account GBP", "Business Account USD", "Business Account EUR"}
    assert found["ReportTitles"][1] == "Demo Company (Global)"


# --- scopes and the pipeline ---------------------------------------------------------------
def test_reports_need_a_reports_scope(small_sandbox: RunningSandbox, nz, token) -> None:
    refused = nz.get("Reports/TrialBalance")  # the package's token: no reports scope
    assert refused.status_code == 401  # Xero's answer to a missing scope
    body = refused.json()
    assert body.pop("Instance")
    assert body == {
        "Type": None,
        "Title": "Unauthorized",
        "Status": 401,
        "Detail": "AuthorizationUnsuccessful",
        "Extensions": {},
    }
    tenant = small_sandbox.tenants()[0]["tenant_id"]

    def status(scope: str, path: str) -> int:
        grant = login(small_sandbox.url, f"reports-{uuid.uuid4().hex[:8]}", scope)
        answer = loopback.get(
            f"{small_sandbox.url}/api.xro/2.0/{path}", headers=api_headers(grant, tenant)
        )
        return answer.status_code

    for name in ("TrialBalance", "ProfitAndLoss", "BalanceSheet"):
        assert status("accounting.reports.read", f"Reports/{name}") == 200
    assert status("accounting.reports.read", "Invoices") == 401
    granular = "offline_access accounting.reports.trialbalance.read"
    assert status(granular, "Reports/TrialBalance") == 200
    assert status(granular, "Reports/BalanceSheet") == 401


def test_a_report_is_an_api_call_with_rate_limit_headers(small_sandbox, nz_books) -> None:
    before = small_sandbox.stats()["api_calls"]
    answer = nz_books.get("Reports/BalanceSheet")
    assert answer.status_code == 200
    assert small_sandbox.stats()["api_calls"] - before == 1
    assert int(answer.headers["X-MinLimit-Remaining"]) >= 0
