"""No payment or allocation before the documents it settles, so the books agree at every date.

A payment dated before its invoice (a refund before its credit note, overpayment or prepayment)
would take the money off 610 or 800 before the document put it there; an allocation dated
before its invoice or its credit note would settle one before it exists: the trial balance and
the aged reports would then disagree at the dates between. The sandbox refuses them with a 400
naming both dates (Xero dates an allocation no earlier than both documents; its rule for a
payment is not documented, so it is refused the same). Run through the real `xero` against a
sandbox of its own (its 610 and 800 must move by these tests' writes alone).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, start_seeded, tenant_client

ZERO = Decimal("0.00")
TODAY = date.today()


def day(days_ago: int) -> str:
    return (TODAY - timedelta(days=days_ago)).isoformat()


#: The invoices' date, the credit notes' (later) and a day before both.
INVOICED, CREDITED, BEFORE_BOTH = day(16), day(10), day(400)


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "payment-dates", 20)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, dated: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=dated.url, **UNLIMITED_CLIENT)


def xero(env: dict[str, str], *args: str) -> Result:
    return run_xero("--sandbox", *args, env=env)


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else ZERO


def _contact() -> str:
    return f"Dated {uuid.uuid4().hex[:8]}"


def _invoice(env: dict[str, str], contact: str, type_: str = "ACCREC", on: str = INVOICED):
    [made] = xero(
        env, "invoices", "create", "--type", type_, "--contact", contact,
        "--line", "Work,1,100,200,NONE" if type_ == "ACCREC" else "Parts,1,100,429,NONE",
        "--status", "AUTHORISED", "--date", on, "--due-date", day(1),
    ).ok().json()  # fmt: skip
    return made


def _credit_note(env: dict[str, str], contact: str) -> dict:
    [made] = xero(
        env, "credit-notes", "create", "--contact", contact, "--line", "Back,1,40,200,NONE",
        "--status", "AUTHORISED", "--date", CREDITED,
    ).ok().json()  # fmt: skip
    return made


def _refused(result: Result, *messages: str) -> None:
    assert result.code == 6 and result.stdout == "", result.stderr
    for message in messages:
        assert message in result.stderr


def _due(env: dict[str, str], number: str) -> Decimal:
    return _money(xero(env, "invoices", "get", number, "--json").ok().json()["AmountDue"])


def _receivable_and_aged(env: dict[str, str], as_at: str) -> tuple[Decimal, Decimal]:
    """610's YTD net debit in the trial balance and the aged receivables' total, at `as_at`."""
    rows = xero(env, "reports", "trial-balance", "--date", as_at, "--json").ok().json()
    [ar] = [r for r in rows if r["Account"] == "Accounts Receivable (610)"] or [{}]
    receivable = _money(ar.get("YTD Debit")) - _money(ar.get("YTD Credit"))
    aged = xero(env, "reports", "aged-receivables", "--date", as_at, "--json").ok().json()
    [total] = [r for r in aged if r["RowType"] == "SummaryRow" and r["Account"] == "Total"]
    return receivable, _money(total["Total"])


# --- payments ------------------------------------------------------------------------------
@pytest.mark.parametrize("type_", ["ACCREC", "ACCPAY"])
def test_a_payment_before_its_invoice_is_refused_and_the_books_agree_at_that_date(
    env: dict[str, str], type_: str
) -> None:
    invoice = _invoice(env, _contact(), type_)
    number = invoice["InvoiceNumber"] or invoice["InvoiceID"]
    result = xero(
        env, "payments", "create", "--invoice", number, "--account", "090", "--amount", "1",
        "--date", BEFORE_BOTH,
    )  # fmt: skip
    _refused(result, f"Payment date ({BEFORE_BOTH}) cannot be before the invoice date ({INVOICED})")
    assert _due(env, number) == Decimal("100.00")  # nothing was paid
    receivable, aged = _receivable_and_aged(env, day(200))
    assert receivable == aged
    # On the invoice's own date it is taken.
    [paid] = xero(
        env, "payments", "create", "--invoice", number, "--account", "090", "--amount", "1",
        "--date", INVOICED,
    ).ok().json()  # fmt: skip
    assert paid["Status"] == "AUTHORISED" and _due(env, number) == Decimal("99.00")


def test_a_batch_with_one_payment_before_its_invoice_is_refused_whole(
    env: dict[str, str],
) -> None:
    contact = _contact()
    early, late = _invoice(env, contact), _invoice(env, contact, on=day(5))  # after the batch
    result = xero(
        env, "batch-payments", "create", "--account", "090", "--date", day(8),
        "--pay", f"{early['InvoiceNumber']},10", "--pay", f"{late['InvoiceNumber']},10",
    )  # fmt: skip
    _refused(
        result, f"Payment 2: Payment date ({day(8)}) cannot be before the invoice date ({day(5)})"
    )
    assert _due(env, early["InvoiceNumber"]) == _due(env, late["InvoiceNumber"]) == 100


def test_a_refund_before_its_credit_note_is_refused(env: dict[str, str]) -> None:
    note = _credit_note(env, _contact())
    number = note["CreditNoteNumber"]
    result = xero(
        env, "credit-notes", "refund", number, "--account", "090", "--amount", "5",
        "--date", day(11),
    )  # fmt: skip
    _refused(result, f"Payment date ({day(11)}) cannot be before the credit note date ({CREDITED})")
    got = xero(env, "credit-notes", "get", number, "--json").ok().json()
    assert _money(got["RemainingCredit"]) == Decimal("40.00")


# --- allocations ---------------------------------------------------------------------------
def test_a_credit_note_allocated_before_either_document_is_refused(env: dict[str, str]) -> None:
    contact = _contact()
    invoice, note = _invoice(env, contact), _credit_note(env, contact)
    allocate = ("credit-notes", "allocate", note["CreditNoteNumber"])
    to_invoice = ("--invoice", invoice["InvoiceNumber"], "--amount", "10")
    _refused(
        xero(env, *allocate, *to_invoice, "--date", BEFORE_BOTH),
        f"The allocation date ({BEFORE_BOTH}) cannot be before the invoice date ({INVOICED})",
        f"The allocation date ({BEFORE_BOTH}) cannot be before the credit note date ({CREDITED})",
    )
    # After the invoice but before the credit note: still too early.
    between = day(13)
    _refused(
        xero(env, *allocate, *to_invoice, "--date", between),
        f"The allocation date ({between}) cannot be before the credit note date ({CREDITED})",
    )
    assert _due(env, invoice["InvoiceNumber"]) == Decimal("100.00")
    receivable, aged = _receivable_and_aged(env, day(12))
    assert receivable == aged
    xero(env, *allocate, *to_invoice, "--date", CREDITED).ok()
    assert _due(env, invoice["InvoiceNumber"]) == Decimal("90.00")


def test_allocations_sent_on_a_credit_note_are_refused_when_dated_too_early(
    dated: RunningSandbox, env: dict[str, str]
) -> None:
    contact = _contact()
    invoice = _invoice(env, contact)
    with tenant_client(dated, login(dated.url), 0) as nz:
        sent = {
            "Type": "ACCRECCREDIT",
            "Contact": {"Name": contact},
            "Date": CREDITED,
            "Status": "AUTHORISED",
            "LineAmountTypes": "NoTax",
            "LineItems": [{"Description": "Back", "Quantity": 1, "UnitAmount": 40,
                           "AccountCode": "200"}],
            "Allocations": [{"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 40,
                             "Date": INVOICED}],
        }  # fmt: skip
        answer = nz.put("CreditNotes", json={"CreditNotes": [sent]})
        assert answer.status_code == 400, answer.text
        [element] = answer.json()["Elements"]
        assert [e["Message"] for e in element["ValidationErrors"]] == [
            f"Allocation 1: The allocation date ({INVOICED}) cannot be before the credit note"
            f" date ({CREDITED})"
        ]
    assert _due(env, invoice["InvoiceNumber"]) == Decimal("100.00")


@pytest.mark.parametrize(
    "kind, transaction, line, label",
    [
        ("prepayments", "RECEIVE-PREPAYMENT", "Deposit,1,30,200,NONE", "prepayment"),
        ("overpayments", "RECEIVE-OVERPAYMENT", "Overpaid,1,30,610", "overpayment"),
    ],
)
def test_a_prepayment_or_overpayment_allocated_before_it_was_received_is_refused(
    env: dict[str, str], kind: str, transaction: str, line: str, label: str
) -> None:
    contact = _contact()
    invoice = _invoice(env, contact)
    [made] = xero(
        env, "bank-transactions", "create", "--type", transaction, "--contact", contact,
        "--bank-account", "090", "--line", line, "--date", day(12),
    ).ok().json()  # fmt: skip
    credit_id = made["PrepaymentID"] if kind == "prepayments" else made["OverpaymentID"]
    allocate = (kind, "allocate", credit_id, "--invoice", invoice["InvoiceNumber"])
    _refused(
        xero(env, *allocate, "--amount", "30", "--date", day(14)),
        f"The allocation date ({day(14)}) cannot be before the {label} date ({day(12)})",
    )
    assert _due(env, invoice["InvoiceNumber"]) == Decimal("100.00")
    xero(env, *allocate, "--amount", "30", "--date", day(12)).ok()
    assert _due(env, invoice["InvoiceNumber"]) == Decimal("70.00")
    receivable, aged = _receivable_and_aged(env, day(13))
    assert receivable == aged
