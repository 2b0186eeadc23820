"""`--dry-run` on the verbs that change or remove a record (void, delete, post, accept...):
the record is found (a typo is still exit 5) and shown, a line says what would change, and
nothing is sent; run without it, the same line does it."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

from tests.helpers.cli import run_xero


def _invoice(env: dict[str, str]) -> str:
    made = run_xero(
        "--sandbox", "invoices", "create", "--contact", "Dry Run Co", "--status", "AUTHORISED",
        "--due-date", "2026-12-31", "--line", "Thing,1,10,200", env=env,
    ).ok()  # fmt: skip
    return made.json()[0]["InvoiceNumber"]


def test_void_and_delete_dry_runs_send_nothing(sandbox_env) -> None:
    number = _invoice(sandbox_env)
    dry = run_xero("--sandbox", "invoices", "void", number, "--dry-run", env=sandbox_env).ok()
    assert dry.stderr == f"Dry run: would void invoice {number} (AUTHORISED now); nothing sent.\n"
    assert [record["InvoiceNumber"] for record in dry.json()] == [number]
    still = run_xero("--sandbox", "invoices", "get", number, "--fields", "Status", env=sandbox_env)
    assert still.ok().json() == {"Status": "AUTHORISED"}
    typo = run_xero("--sandbox", "invoices", "void", "NO-SUCH-9", "--dry-run", env=sandbox_env)
    assert typo.code == 5

    code = f"DRY-{uuid.uuid4().hex[:6].upper()}"
    run_xero("--sandbox", "items", "create", "--code", code, "--name", "Dry", env=sandbox_env).ok()
    kept = run_xero("--sandbox", "items", "delete", code, "--dry-run", env=sandbox_env).ok()
    assert kept.stderr == f"Dry run: would delete item {code}; nothing sent.\n"
    assert kept.stdout == ""
    run_xero("--sandbox", "items", "get", code, env=sandbox_env).ok()

    run_xero("--sandbox", "invoices", "void", number, env=sandbox_env).ok()  # and for real
    gone = run_xero("--sandbox", "invoices", "get", number, "--fields", "Status", env=sandbox_env)
    assert gone.ok().json() == {"Status": "VOIDED"}


def test_a_bulk_delete_dry_run_lists_every_record_it_would_delete(sandbox_env) -> None:
    listed = run_xero(
        "--sandbox", "bank-transfers", "list", "--limit", "2", "-o", "json", env=sandbox_env
    ).ok()  # fmt: skip
    ids = [transfer["BankTransferID"] for transfer in listed.json()]
    dry = run_xero(
        "--sandbox", "bank-transfers", "delete", *ids, "--dry-run", "-o", "csv", "--fields",
        "BankTransferID", env=sandbox_env,
    ).ok()  # fmt: skip
    assert dry.stderr == "Dry run: would delete 2 bank transfers; nothing sent.\n"
    assert [r["BankTransferID"] for r in csv.DictReader(io.StringIO(dry.stdout))] == ids
    for transfer_id in ids:
        again = run_xero("--sandbox", "bank-transfers", "get", transfer_id, env=sandbox_env).ok()
        assert again.json()["Status"] != "DELETED"


def test_bank_transactions_and_credit_notes_take_line_amount_types(sandbox_env) -> None:
    """`--line-amount-types Inclusive` was an option of invoices and receipts only: a
    tax-inclusive bank transaction or credit note needed a file."""
    for noun, extra in (
        ("bank-transactions", ("--type", "SPEND", "--bank-account", "090")),
        ("credit-notes", ("--status", "AUTHORISED")),
    ):
        made = run_xero(
            "--sandbox", noun, "create", "--contact", "Dry Run Co", *extra, "--line",
            "Inclusive,1,115,429" if noun == "bank-transactions" else "Inclusive,1,115,200",
            "--line-amount-types", "Inclusive", "-o", "json", "--fields",
            "LineAmountTypes,SubTotal,TotalTax,Total", env=sandbox_env,
        ).ok()  # fmt: skip
        (record,) = made.json()
        assert record["LineAmountTypes"] == "Inclusive", noun
        totals = (Decimal(str(record["SubTotal"])), Decimal(str(record["Total"])))
        assert totals == (Decimal(100), Decimal(115)), record
