"""Realised currency gains, as Xero books them: a foreign invoice or bill paid at another rate
than its own comes off 610 or 800 at its own rate, and the difference goes to 499 Realised
Currency Gains (`SystemAccount` REALISEDCURRENCYGAIN, in the multi-currency organisation's
chart). So a paid invoice leaves nothing on 610 nor in the aged receivables, and the profit and
loss (accrual and cash basis) shows the gain or loss. Run through the real `xero` on "Demo
Company (Global)" (GBP, with USD and EUR) of a sandbox of its own, and on a data file seeded
before the chart had 499 (the first such payment adds it).
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, seeded_copy, start_seeded, templates_dir

GLOBAL = "Demo Company (Global)"
GAINS = "499"
ZERO = Decimal("0.00")
TODAY = date.today()
INVOICES = 20


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "realised-fx", INVOICES)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, fx: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=fx.url, **UNLIMITED_CLIENT)


def xero(env: dict[str, str], *args: str, tenant: str = GLOBAL) -> Result:
    return run_xero("--sandbox", "--tenant", tenant, *args, env=env)


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else ZERO


def trial_balance(env: dict[str, str]) -> dict[str, Decimal]:
    """Each account's YTD net debit (a credit negative) by code, today."""
    rows = xero(env, "reports", "trial-balance", "--date", TODAY.isoformat(), "--json")
    found = {}
    for row in rows.ok().json():
        code = re.search(r"\((\w+)\)$", row["Account"] or "")
        if row["RowType"] == "Row" and code:
            found[code.group(1)] = _money(row["YTD Debit"]) - _money(row["YTD Credit"])
    return found


def moved(before: dict[str, Decimal], after: dict[str, Decimal]) -> dict[str, Decimal]:
    change = {code: after.get(code, ZERO) - before.get(code, ZERO) for code in {*before, *after}}
    return {code: amount for code, amount in change.items() if amount}


def net_profit(env: dict[str, str], *basis: str) -> Decimal:
    rows = xero(
        env, "reports", "profit-and-loss", "--from", day(40), "--to", TODAY.isoformat(),
        "--json", *basis,
    ).ok().json()  # fmt: skip
    [row] = [r for r in rows if r["Account"] == "Net Profit"]
    [amount] = [
        v for k, v in row.items() if k not in ("Section", "RowType", "Account", "AccountID")
    ]
    return _money(amount)


def aged_total_of(env: dict[str, str], report: str, contact: str) -> Decimal:
    rows = xero(env, "reports", report, "--json").ok().json()
    return sum((_money(r["Total"]) for r in rows if r["Account"] == contact), ZERO)


def _document(env: dict[str, str], type_: str, contact: str, rate: str, line: str) -> dict:
    [made] = xero(
        env, "invoices", "create", "--type", type_, "--contact", contact, "--line", line,
        "--currency", "USD", "--currency-rate", rate, "--status", "AUTHORISED",
        "--date", day(20), "--due-date", day(1),
    ).ok().json()  # fmt: skip
    return made


def _pay(env: dict[str, str], document: dict, amount: str, rate: str = "", bank: str = "091"):
    """A payment `day(10)`, at `rate` (or, with none, at the document's own)."""
    [paid] = xero(
        env, "payments", "create", "--invoice", document["InvoiceID"], "--account", bank,
        "--amount", amount, "--date", day(10), *(("--currency-rate", rate) if rate else ()),
    ).ok().json()  # fmt: skip
    return paid


def test_the_multi_currency_chart_has_realised_currency_gains(env: dict[str, str]) -> None:
    accounts = {a["Code"]: a for a in xero(env, "accounts", "list", "--json").ok().json()}
    gains = accounts[GAINS]
    assert (gains["Name"], gains["Type"], gains["SystemAccount"]) == (
        "Realised Currency Gains", "EXPENSE", "REALISEDCURRENCYGAIN",
    )  # fmt: skip
    nz = xero(env, "accounts", "list", "--json", tenant="Demo Company (NZ)").ok().json()
    assert GAINS not in {a["Code"] for a in nz}  # one currency: nothing to gain on


def test_an_invoice_paid_at_another_rate_clears_receivable_and_books_the_loss(
    env: dict[str, str],
) -> None:
    """1,000 USD invoiced at 1.25 (800.00 GBP), received at 1.30 (769.23 GBP): 610 is back
    where it was, the 30.77 GBP loss is on 499, and the profit is 769.23, on both bases."""
    contact = f"FX customer {uuid.uuid4().hex[:8]}"
    before, profit, cash = trial_balance(env), net_profit(env), net_profit(env, "--payments-only")
    invoice = _document(env, "ACCREC", contact, "1.25", "Consulting,1,1000,200,NONE")
    assert moved(before, trial_balance(env)) == {
        "610": Decimal("800.00"),
        "200": Decimal("-800.00"),
    }
    _pay(env, invoice, "1000", "1.30")
    assert moved(before, trial_balance(env)) == {
        "200": Decimal("-800.00"),
        "091": Decimal("769.23"),
        GAINS: Decimal("30.77"),
    }
    got = xero(env, "invoices", "get", invoice["InvoiceID"], "--json").ok().json()
    assert (got["Status"], _money(got["AmountDue"])) == ("PAID", ZERO)
    assert aged_total_of(env, "aged-receivables", contact) == ZERO
    assert net_profit(env) - profit == Decimal("769.23")
    assert net_profit(env, "--payments-only") - cash == Decimal("769.23")


def test_a_bill_paid_in_parts_at_its_own_rate_and_others_clears_payable(
    env: dict[str, str],
) -> None:
    """500 USD billed at 1.25 (400.00 GBP), paid 100 at its own rate from the GBP account
    (80.00: nothing gained), 150 at 1.20 (125.00: 5.00 lost) and 250 at 1.35 (185.19: 14.81
    gained): 800 clears, and 499 holds the 9.81 gained in all."""
    contact = f"FX supplier {uuid.uuid4().hex[:8]}"
    before = trial_balance(env)
    bill = _document(env, "ACCPAY", contact, "1.25", "Parts,1,500,429,NONE")
    paid = _pay(env, bill, "100", bank="090")
    assert _money(paid["CurrencyRate"]) == Decimal("1.25")
    assert moved(before, trial_balance(env)) == {
        "429": Decimal("400.00"),
        "800": Decimal("-320.00"),
        "090": Decimal("-80.00"),
    }
    _pay(env, bill, "150", "1.20")
    assert moved(before, trial_balance(env)) == {
        "429": Decimal("400.00"),
        "800": Decimal("-200.00"),
        "090": Decimal("-80.00"),
        "091": Decimal("-125.00"),
        GAINS: Decimal("5.00"),
    }
    _pay(env, bill, "250", "1.35")
    assert moved(before, trial_balance(env)) == {
        "429": Decimal("400.00"),
        "090": Decimal("-80.00"),
        "091": Decimal("-310.19"),
        GAINS: Decimal("-9.81"),
    }
    assert aged_total_of(env, "aged-payables", contact) == ZERO


def test_a_data_file_seeded_without_the_account_gets_it_with_its_first_gain(
    tmp_path_factory: pytest.TempPathFactory, home: Path
) -> None:
    root = tmp_path_factory.mktemp("older-fx")
    data = seeded_copy(templates_dir(tmp_path_factory), root / "sandbox.sqlite", INVOICES)
    db = sqlite3.connect(data)
    with db:
        db.execute(
            "DELETE FROM records WHERE kind='Accounts' AND json_extract(body, '$.Code')=?", (GAINS,)
        )
    db.close()
    running = RunningSandbox(data, root, "--invoices", str(INVOICES))
    try:
        running.configure(**UNLIMITED)
        old = isolated_env(home, XERO_SANDBOX_URL=running.url, **UNLIMITED_CLIENT)
        codes = {a["Code"] for a in xero(old, "accounts", "list", "--json").ok().json()}
        assert GAINS not in codes
        before = trial_balance(old)
        invoice = _document(old, "ACCREC", "FX old file", "1.25", "Work,1,1000,200,NONE")
        _pay(old, invoice, "1000", "1.30")
        accounts = {a["Code"]: a for a in xero(old, "accounts", "list", "--json").ok().json()}
        assert accounts[GAINS]["SystemAccount"] == "REALISEDCURRENCYGAIN"
        assert moved(before, trial_balance(old))[GAINS] == Decimal("30.77")
    finally:
        running.stop()
