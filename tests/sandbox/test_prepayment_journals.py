"""Allocating a prepayment coded to an account posts a journal, as Xero does: the allocated share
of the prepayment's lines and tax back off their accounts, onto accounts receivable (received)
or payable (spent), on the allocation's date. So after the allocation the trial balance and the
balance sheet show the sale (or expense) once and the invoice settled, and /Journals lists the
allocation's journal. Run through the real `xero` against a sandbox of its own (its deltas on
610 and 800 must be these tests' alone).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

ZERO = Decimal("0.00")
TODAY = date.today()


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


@pytest.fixture(scope="module")
def prepaid(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "prepayment-journals", 20)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, prepaid: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=prepaid.url, **UNLIMITED_CLIENT)


def xero(env: dict[str, str], *args: str):
    return run_xero("--sandbox", *args, env=env).ok().json()


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else ZERO


def trial_balance(env: dict[str, str], as_at: str) -> dict[str, Decimal]:
    """Each account's YTD net debit (a credit negative) by code, and the report's totals."""
    rows = xero(env, "reports", "trial-balance", "--date", as_at)
    total = next(r for r in rows if r["RowType"] == "SummaryRow" and r["Account"] == "Total")
    assert _money(total["YTD Debit"]) == _money(total["YTD Credit"]), "the books balance"
    found = {}
    for row in rows:
        code = re.search(r"\((\w+)\)$", row["Account"] or "")
        if row["RowType"] == "Row" and code:
            found[code.group(1)] = _money(row["YTD Debit"]) - _money(row["YTD Credit"])
    return found


def moved(before: dict[str, Decimal], after: dict[str, Decimal]) -> dict[str, Decimal]:
    """What changed between two trial balances, by account code."""
    codes = set(before) | set(after)
    change = {code: after.get(code, ZERO) - before.get(code, ZERO) for code in codes}
    return {code: amount for code, amount in change.items() if amount}


def balance_sheet(env: dict[str, str], as_at: str) -> dict[str, Decimal]:
    rows = xero(env, "reports", "balance-sheet", "--date", as_at)
    column = next(k for k in rows[0] if k not in ("Section", "RowType", "Account", "AccountID"))
    return {row["Account"]: _money(row[column]) for row in rows if row["Account"]}


def _prepayment(env: dict[str, str], kind: str, contact: str, line: str) -> dict:
    [made] = xero(
        env, "bank-transactions", "create", "--type", kind, "--contact", contact,
        "--bank-account", "090", "--line", line, "--date", day(10),
    )  # fmt: skip
    return made


def _invoice(env: dict[str, str], type_: str, contact: str, line: str) -> dict:
    [made] = xero(
        env, "invoices", "create", "--type", type_, "--contact", contact, "--line", line,
        "--status", "AUTHORISED", "--date", day(8), "--due-date", day(1),
    )  # fmt: skip
    return made


def _allocate(env: dict[str, str], kind: str, credit_id: str, invoice: dict, amount: str, on: str):
    number = invoice["InvoiceNumber"] or invoice["InvoiceID"]
    return xero(
        env, kind, "allocate", credit_id, "--invoice", number, "--amount", amount, "--date", on
    )  # fmt: skip


def test_a_received_prepayment_coded_to_sales_is_taken_back_off_sales_when_allocated(
    env: dict[str, str],
) -> None:
    """A 200.00 + 15% GST deposit coded to 200 Sales, then an invoice for the same sale: before
    the allocation both are in the books (the sale twice); each half allocated takes half of
    the deposit's sale and GST back, and 610 ends where it started."""
    contact = f"Prepaid {uuid.uuid4().hex[:8]}"
    before_then = trial_balance(env, day(6))
    before_now = trial_balance(env, TODAY.isoformat())
    sheet_before = balance_sheet(env, TODAY.isoformat())
    made = _prepayment(env, "RECEIVE-PREPAYMENT", contact, "Deposit,1,200,200,OUTPUT2")
    prepayment_id = made["PrepaymentID"]
    invoice = _invoice(env, "ACCREC", contact, "Work,1,200,200,OUTPUT2")
    assert _money(made["Total"]) == _money(invoice["Total"]) == Decimal("230.00")
    both = {"090": Decimal("230.00"), "610": Decimal("230.00"), "200": Decimal("-400.00"),
            "820": Decimal("-60.00")}  # fmt: skip
    assert moved(before_now, trial_balance(env, TODAY.isoformat())) == both

    _allocate(env, "prepayments", prepayment_id, invoice, "115.00", day(5))
    _allocate(env, "prepayments", prepayment_id, invoice, "115.00", day(3))
    assert xero(env, "invoices", "get", invoice["InvoiceID"])["Status"] == "PAID"
    once = {"090": Decimal("230.00"), "200": Decimal("-200.00"), "820": Decimal("-30.00")}
    assert moved(before_now, trial_balance(env, TODAY.isoformat())) == once
    # As at a day before the allocations nothing had moved yet; between them, half had.
    assert moved(before_then, trial_balance(env, day(6))) == both
    half = {"090": Decimal("230.00"), "610": Decimal("115.00"), "200": Decimal("-300.00"),
            "820": Decimal("-45.00")}  # fmt: skip
    assert moved(before_then, trial_balance(env, day(4))) == half
    sheet = balance_sheet(env, TODAY.isoformat())
    assert sheet["Accounts Receivable"] == sheet_before["Accounts Receivable"]
    assert sheet["Net Assets"] == sheet["Total Equity"]

    # Each allocation is a journal of its own, on its day, from the prepayment.
    journals = [j for j in xero(env, "journals", "list", "--all") if j["SourceID"] == prepayment_id]
    assert [j["SourceType"] for j in journals] == ["ARPREPAYMENT", "ARPREPAYMENT"]
    assert sorted(str(j["JournalDate"])[:10] for j in journals) == [day(5), day(3)]
    half_back = {"200": Decimal("100.00"), "820": Decimal("15.00"), "610": Decimal("-115.00")}
    for journal in journals:
        lines = journal["JournalLines"]
        assert {line["AccountCode"]: _money(line["NetAmount"]) for line in lines} == half_back
    assert len({j["JournalID"] for j in journals}) == 2

    # Aged receivables still total 610, the settled invoice no longer in them.
    aged = xero(env, "reports", "aged-receivables")
    total = next(r for r in aged if r["RowType"] == "SummaryRow" and r["Account"] == "Total")
    assert _money(total["Total"]) == trial_balance(env, TODAY.isoformat())["610"]


def test_a_spent_prepayment_and_its_allocation_undone(env: dict[str, str]) -> None:
    """A deposit paid to a supplier, coded to 429 with GST: allocated to the bill, 800 is back
    where it was and the expense is in the books once; unallocated, the bill owes it again."""
    contact = f"Supplier {uuid.uuid4().hex[:8]}"
    before = trial_balance(env, TODAY.isoformat())
    made = _prepayment(env, "SPEND-PREPAYMENT", contact, "Deposit,1,100,429,INPUT2")
    bill = _invoice(env, "ACCPAY", contact, "Supplies,1,100,429,INPUT2")
    [allocation] = _allocate(env, "prepayments", made["PrepaymentID"], bill, "115.00", day(2))
    once = {"090": Decimal("-115.00"), "429": Decimal("100.00"), "820": Decimal("15.00")}
    assert moved(before, trial_balance(env, TODAY.isoformat())) == once

    run_xero(
        "--sandbox", "prepayments", "unallocate", made["PrepaymentID"], allocation["AllocationID"],
        env=env,
    ).ok()  # fmt: skip
    twice = {"090": Decimal("-115.00"), "800": Decimal("-115.00"), "429": Decimal("200.00"),
             "820": Decimal("30.00")}  # fmt: skip
    assert moved(before, trial_balance(env, TODAY.isoformat())) == twice


def test_an_overpayment_allocated_moves_nothing(env: dict[str, str]) -> None:
    """An overpayment's line is on 610 already, as is the invoice: its allocation's journal
    nets to nothing, and aged receivables still total 610."""
    contact = f"Overpaid {uuid.uuid4().hex[:8]}"
    made = _prepayment(env, "RECEIVE-OVERPAYMENT", contact, "Overpaid,1,50,610")
    invoice = _invoice(env, "ACCREC", contact, "Work,1,50,200,NONE")
    before = trial_balance(env, TODAY.isoformat())
    _allocate(env, "overpayments", made["OverpaymentID"], invoice, "50.00", day(2))
    assert moved(before, trial_balance(env, TODAY.isoformat())) == {}
    aged = xero(env, "reports", "aged-receivables")
    total = next(r for r in aged if r["RowType"] == "SummaryRow" and r["Account"] == "Total")
    assert _money(total["Total"]) == before["610"]
