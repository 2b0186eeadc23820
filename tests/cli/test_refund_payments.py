"""A refund is a payment of a credit note, not of an invoice: `payments list`, its CSV, `xero
export csv payments` and the mirror name its credit note, contact and currency, and the
table's totals keep its currency apart (a EUR refund was added into a GBP total, unlabelled).
"""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

from tests.helpers.cli import run_xero

GLOBAL = ("--sandbox", "--tenant", "Demo Company (Global)")


def _eur_refund(env: dict[str, str]) -> tuple[str, str]:
    """A EUR credit note of 100.00, refunded from the EUR bank account: (number, PaymentID)."""
    number = f"RF-{uuid.uuid4().hex[:8]}"
    run_xero(
        *GLOBAL, "credit-notes", "create", "--contact", "Ben Brown", "--number", number,
        "--date", "2026-11-18", "--status", "AUTHORISED", "--currency", "EUR",
        "--currency-rate", "1.15", "--line", "Refund,1,100,200,NONE", env=env,
    ).ok()  # fmt: skip
    refunded = run_xero(
        *GLOBAL, "credit-notes", "refund", number, "--account", "092",
        "--amount", "100", "--date", "2026-11-19", env=env,
    ).ok()  # fmt: skip
    (payment,) = refunded.json()  # written as `payments get` writes one
    return number, payment["PaymentID"]


def _credit_note(env: dict[str, str], prefix: str, amount: int) -> str:
    """An authorised sales credit note to Ben Brown of `amount` (no tax): its number."""
    number = f"{prefix}-{uuid.uuid4().hex[:8]}"
    run_xero(
        "--sandbox", "credit-notes", "create", "--contact", "Ben Brown", "--number", number,
        "--status", "AUTHORISED", "--line", f"Credit,1,{amount},200,NONE", env=env,
    ).ok()  # fmt: skip
    return number


def _remaining(env: dict[str, str], number: str) -> Decimal:
    got = run_xero(
        "--sandbox", "credit-notes", "get", number, "--fields", "RemainingCredit", env=env
    ).ok()
    return Decimal(str(got.json()["RemainingCredit"]))


def test_a_refund_shows_its_credit_note_contact_and_currency(sandbox_env, tmp_path: Path) -> None:
    number, payment_id = _eur_refund(sandbox_env)
    refunds = ("payments", "list", "--where", 'PaymentType=="ARCREDITPAYMENT"', "--all")
    table = run_xero(*GLOBAL, *refunds, "-o", "table", env=sandbox_env).ok().stdout
    row = next(line for line in table.splitlines() if payment_id[:8] in line or number in line)
    assert number in row and "Ben Brown" in row and "100.00 EUR" in row, row
    total = next(line for line in table.splitlines() if line.startswith("Amount refunded"))
    assert "EUR" in total and all(part.split()[-1].isalpha() for part in total.split(": ")[1:])
    for part in total.split(": ", 1)[1].split(", "):  # every figure names its currency
        assert part.split()[-1] in {"EUR", "GBP", "USD"}, total

    rows = list(
        csv.DictReader(
            io.StringIO(run_xero(*GLOBAL, *refunds, "-o", "csv", env=sandbox_env).ok().stdout)
        )
    )
    mine = next(r for r in rows if r["PaymentID"] == payment_id)
    assert mine["CreditNote.CreditNoteNumber"] == number
    assert mine["CreditNote.Contact.Name"] == "Ben Brown"
    assert mine["CreditNote.CurrencyCode"] == "EUR" and Decimal(mine["Amount"]) == Decimal("100")

    exported = run_xero(*GLOBAL, "export", "csv", "payments", "-o", "-", env=sandbox_env).ok()
    row = next(
        r for r in csv.DictReader(io.StringIO(exported.stdout)) if r["PaymentID"] == payment_id
    )
    assert row["CreditNote.CurrencyCode"] == "EUR" and row["CreditNote.Contact.Name"] == "Ben Brown"

    db = tmp_path / "mirror.sqlite"
    run_xero(*GLOBAL, "sync", "payments", "--db", str(db), env=sandbox_env).ok()
    with sqlite3.connect(db) as mirror:
        got = mirror.execute(
            "SELECT credit_note_currency_code, credit_note_contact_name FROM payments"
            " WHERE payment_id = ?",
            (payment_id,),
        ).fetchall()
    assert got == [("EUR", "Ben Brown")]


def test_refund_takes_the_output_options_of_every_other_command(sandbox_env) -> None:
    """`xero -o csv credit-notes refund ...` was `No such option: -o` (refund printed JSON
    only); its payment is now written as `payments get` writes one, and a typo'd `--fields`
    stops it before anything is sent."""
    number = _credit_note(sandbox_env, "RF", 50)
    refund = ("credit-notes", "refund", number, "--account", "090", "--amount", "5")
    typo = run_xero("--sandbox", *refund, "--fields", "Nope", env=sandbox_env)
    assert typo.code == 2 and "'Nope' is not a field of payments" in typo.stderr
    done = run_xero("--sandbox", "-o", "csv", *refund, env=sandbox_env).ok()
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert row["CreditNote.CreditNoteNumber"] == number and Decimal(row["Amount"]) == 5
    assert _remaining(sandbox_env, number) == Decimal("45.00")  # one refund only


def test_allocate_and_unallocate_take_the_output_options(sandbox_env) -> None:
    """`xero -o json credit-notes allocate ...` was `No such option: -o` (allocate printed
    JSON only, whatever was asked)."""
    number = _credit_note(sandbox_env, "AL", 20)
    invoice = run_xero(
        "--sandbox", "invoices", "create", "--contact", "Ben Brown", "--status", "AUTHORISED",
        "--due-date", "2026-12-31", "--line", "Sale,1,50,200,NONE", env=sandbox_env,
    ).ok().json()[0]["InvoiceNumber"]  # fmt: skip
    allocate = ("credit-notes", "allocate", number, "--invoice", invoice, "--amount", "5")
    typo = run_xero("--sandbox", *allocate, "--fields", "Nope", env=sandbox_env)
    assert typo.code == 2 and "'Nope' is not a field of an allocation" in typo.stderr
    done = run_xero("--sandbox", "-o", "csv", *allocate, env=sandbox_env).ok()
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert row["Invoice.InvoiceNumber"] == invoice and Decimal(row["Amount"]) == 5
    assert _remaining(sandbox_env, number) == Decimal("15.00")  # the typo sent none
    undone = run_xero(
        "--sandbox", "-o", "ndjson", "credit-notes", "unallocate", number, row["AllocationID"],
        env=sandbox_env,
    ).ok()  # fmt: skip
    assert undone.ndjson()[0]["AllocationID"] == row["AllocationID"]
