"""Writes end to end: create from options and files, upsert, void, email, payments, updates.

Each test works on records it creates, so the session sandbox can be shared.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.cli import run_xero
from tests.helpers.xero_operations import BODY_FIELDS, problems, sent_requests
from xerocli.api.resources import BY_NOUN


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def count_invoices(env, where: str) -> int:
    records = run_xero("--sandbox", "api", "Invoices", "-f", f"where={where}", env=env).ok()
    return len(records.json()["Invoices"])


def test_create_invoice_from_options_and_read_it_back(sandbox_env) -> None:
    contact = unique("Contact")
    created = run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--contact",
        contact,
        "--line",
        "Consulting,2,150.1234,200",
        "--line",
        '"Travel, by car",1,80,200,NONE',
        "--date",
        "2026-11-01",
        "--due-date",
        "2026-11-15",
        "--reference",
        "ref-1",
        "--status",
        "AUTHORISED",
        "--due-date",
        "2026-12-31",
        env=sandbox_env,
    ).ok()
    [invoice] = json.loads(created.stdout, parse_float=Decimal)
    assert invoice["Contact"]["Name"] == contact
    assert invoice["Status"] == "AUTHORISED"
    assert invoice["Date"] == "2026-11-01"
    lines = invoice["LineItems"]
    assert lines[0]["UnitAmount"] == Decimal("150.1234")
    assert lines[1]["Description"] == "Travel, by car"
    assert invoice["SubTotal"] == Decimal("380.25")  # 2 x 150.1234 = 300.2468 -> 300.25, + 80
    assert "Created 1 invoice " in created.stderr
    got = run_xero("--sandbox", "invoices", "get", invoice["InvoiceNumber"], env=sandbox_env)
    assert got.ok().json()["InvoiceID"] == invoice["InvoiceID"]


def test_create_from_csv_in_batches_and_replay_creates_nothing(sandbox_env, tmp_path) -> None:
    reference = unique("batch")
    rows = [
        "InvoiceNumber,Contact.Name,Reference,LineItem.Description,LineItem.Quantity,"
        "LineItem.UnitAmount,LineItem.AccountCode"
    ]
    for number in range(120):
        rows.append(
            f"{reference}-{number},Batch Customer,{reference},Item {number},1,{number}.5,200"
        )
    path = tmp_path / "invoices.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    key = unique("key")
    first = run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--file",
        str(path),
        "--idempotency-key",
        key,
        "-o",
        "ndjson",
        env=sandbox_env,
    ).ok()
    assert len(first.ndjson()) == 120
    assert count_invoices(sandbox_env, f'Reference=="{reference}"') == 120
    again = run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--file",
        str(path),
        "--idempotency-key",
        key,
        "-o",
        "ndjson",
        env=sandbox_env,
    ).ok()
    assert {r["InvoiceID"] for r in again.ndjson()} == {r["InvoiceID"] for r in first.ndjson()}
    assert count_invoices(sandbox_env, f'Reference=="{reference}"') == 120
    # The file changed, the key did not: Xero refuses the changed batch; the message says
    # which rows, what went through, and what to do (Xero's own advice would duplicate).
    path.write_text(path.read_text() + f"{reference}-x,Batch Customer,{reference},New,1,1,200\n")
    changed = run_xero(
        "--sandbox", "invoices", "create", "--file", str(path), "--idempotency-key", key,
        env=sandbox_env,
    )  # fmt: skip
    assert changed.code == 6 and changed.stdout == ""
    assert changed.stderr.endswith(
        "xero: rows 102-122 (batch 3 of 3) differ from what was sent before under this"
        " idempotency key, so Xero refused them (batches 1-2 went through or were replayed): a"
        " changed file needs a new --idempotency-key, and `--upsert` keeps records created"
        " before from being created twice\n"
    )
    assert count_invoices(sandbox_env, f'Reference=="{reference}"') == 120


def test_bad_rows_are_caught_before_anything_is_sent(sandbox_env, tmp_path) -> None:
    """A good record before a bad one: the whole batch is refused, nothing is created."""
    reference = unique("bad")

    def line(**fields) -> dict:
        return {"Description": "x", "Quantity": 1, "UnitAmount": 1, "AccountCode": "200", **fields}

    good = {"Contact": {"Name": "A"}, "Reference": reference, "LineItems": [line()]}
    cases = {
        "unknown field": ({**good, "Colour": "red"}, "record 2: Colour: is not a field Xero takes"),
        "non-numeric amount": (
            {**good, "LineItems": [line(UnitAmount="ten")]},
            "record 2: LineItems.0.UnitAmount: 'ten' is not a number",
        ),
        "five places": (
            {**good, "LineItems": [line(UnitAmount="1.00001")]},
            "record 2: LineItems.0.UnitAmount: '1.00001' has more than 4 decimal places",
        ),
        "bad date": ({**good, "Date": "2026-02-31"}, "record 2: Date: '2026-02-31' is not a date"),
    }
    for name, (bad, message) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.json"
        path.write_text(json.dumps([good, bad]), encoding="utf-8")
        result = run_xero("--sandbox", "invoices", "create", "--file", str(path), env=sandbox_env)
        assert result.code == 2, (name, result.stderr)
        assert result.stderr.startswith(f"xero: {message}"), (name, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stdout == ""
    missing = tmp_path / "missing.csv"
    missing.write_text(
        f"Contact.Name,Reference,LineItem.Description\nA,{reference},ok\nB,{reference}\n"
    )
    result = run_xero("--sandbox", "invoices", "create", "--file", str(missing), env=sandbox_env)
    assert result.code == 2 and "row 3: has 2 columns, the header has 3" in result.stderr
    assert count_invoices(sandbox_env, f'Reference=="{reference}"') == 0


def test_xero_validation_errors_are_reported_per_row(sandbox_env, tmp_path) -> None:
    reference = unique("partial")
    body = [
        {
            "Contact": {"Name": "Good Co"},
            "Reference": reference,
            "LineItems": [
                {"Description": "ok", "Quantity": 1, "UnitAmount": 5, "AccountCode": "200"}
            ],
        },
        {
            "Contact": {"Name": "Bad Co"},
            "Reference": reference,
            "LineItems": [
                {"Description": "bad", "Quantity": 1, "UnitAmount": 5, "AccountCode": "99999"}
            ],
        },
    ]
    path = tmp_path / "partial.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    result = run_xero("--sandbox", "invoices", "create", "--file", str(path), env=sandbox_env)
    assert result.code == 6
    assert "record 2: rejected:" in result.stderr
    assert len(result.json()) == 1
    assert count_invoices(sandbox_env, f'Reference=="{reference}"') == 1
    # Every record rejected: nothing on stdout (no `[]` for a pipe to take as a result).
    path.write_text(json.dumps(body[1:]), encoding="utf-8")
    none = run_xero("--sandbox", "invoices", "create", "--file", str(path), env=sandbox_env)
    assert none.code == 6 and none.stdout == "" and "record 1: rejected:" in none.stderr


def test_a_rejected_record_of_the_options_is_one_line_and_no_output(sandbox_env) -> None:
    result = run_xero(
        "--sandbox", "contacts", "create", "--name", unique("Bad Mail"), "--email", "notanemail",
        env=sandbox_env,
    )  # fmt: skip
    assert result.code == 6 and result.stdout == ""
    assert result.stderr == (
        "xero: Xero rejected the contact: Email address must be valid. (nothing was created)\n"
    )


def test_an_input_file_of_no_records_is_refused_in_every_format(sandbox_env, tmp_path) -> None:
    for name, text in (("e.json", "[]"), ("e.ndjson", "\n"), ("e.csv", "InvoiceNumber\n")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run_xero("--sandbox", "invoices", "create", "--file", str(path), env=sandbox_env)
        assert result.code == 2 and result.stdout == "", name
        assert "holds no records" in result.stderr or "header but no rows" in result.stderr


def test_upsert_updates_by_number_instead_of_duplicating(sandbox_env, tmp_path) -> None:
    number = unique("UPS")
    record = {
        "InvoiceNumber": number,
        "Contact": {"Name": "Sync Co"},
        "LineItems": [{"Description": "v1", "Quantity": 1, "UnitAmount": 10, "AccountCode": "200"}],
    }
    path = tmp_path / "sync.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    run_xero(
        "--sandbox", "invoices", "create", "--file", str(path), "--upsert", env=sandbox_env
    ).ok()
    record["LineItems"][0]["Description"] = "v2"
    path.write_text(json.dumps([record]), encoding="utf-8")
    run_xero(
        "--sandbox", "invoices", "create", "--file", str(path), "--upsert", env=sandbox_env
    ).ok()
    assert count_invoices(sandbox_env, f'InvoiceNumber=="{number}"') == 1
    got = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert got["LineItems"][0]["Description"] == "v2"


def test_void_email_pay_and_delete_payment(sandbox_env) -> None:
    payer = unique("Payer")
    run_xero(
        "--sandbox",
        "contacts",
        "create",
        "--name",
        payer,
        "--email",
        "pay@example.com",
        env=sandbox_env,
    ).ok()
    created = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            "--contact",
            payer,
            "--line",
            "Work,1,100,200,NONE",
            "--status",
            "AUTHORISED",
            "--date",
            "2026-11-02",  # before the payment: none is taken before its invoice
            "--due-date",
            "2026-12-31",
            env=sandbox_env,
        )
        .ok()
        .json()[0]
    )
    number = created["InvoiceNumber"]
    run_xero("--sandbox", "invoices", "email", number, env=sandbox_env).ok()
    assert run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).json()["SentToContact"]
    payment = (
        run_xero(
            "--sandbox",
            "payments",
            "create",
            "--invoice",
            number,
            "--account",
            "090",
            "--amount",
            "100",
            "--date",
            "2026-11-20",
            env=sandbox_env,
        )
        .ok()
        .json()[0]
    )
    paid = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert paid["Status"] == "PAID" and Decimal(str(paid["AmountDue"])) == 0
    run_xero("--sandbox", "payments", "delete", payment["PaymentID"], env=sandbox_env).ok()
    reopened = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert reopened["Status"] == "AUTHORISED"
    run_xero("--sandbox", "invoices", "void", number, env=sandbox_env).ok()
    voided = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert voided["Status"] == "VOIDED"


def test_contacts_and_items_update(sandbox_env) -> None:
    name = unique("Person")
    run_xero("--sandbox", "contacts", "create", "--name", name, env=sandbox_env).ok()
    updated = (
        run_xero(
            "--sandbox", "contacts", "update", name, "--email", "new@example.com", env=sandbox_env
        )
        .ok()
        .json()
    )
    record = updated[0] if isinstance(updated, list) else updated
    assert record["EmailAddress"] == "new@example.com"
    code = unique("SKU")[:30]
    run_xero(
        "--sandbox",
        "items",
        "create",
        "--code",
        code,
        "--name",
        "Widget",
        "--sale-price",
        "9.9999",
        env=sandbox_env,
    ).ok()
    item = (
        run_xero("--sandbox", "items", "update", code, "--sale-price", "12.5", env=sandbox_env)
        .ok()
        .json()
    )
    record = item[0] if isinstance(item, list) else item
    assert Decimal(str(record["SalesDetails"]["UnitPrice"])) == Decimal("12.5")


def test_payments_apply_matches_pays_once_and_reports_the_rest(sandbox_env, tmp_path: Path) -> None:
    first = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            "--contact",
            "Shop Customer",
            "--line",
            "Order,1,45.5,200,NONE",
            "--status",
            "AUTHORISED",
            "--date",
            "2026-11-02",  # before the payouts' date
            "--due-date",
            "2026-12-31",
            "--reference",
            unique("ORDER"),
            env=sandbox_env,
        )
        .ok()
        .json()[0]
    )
    payouts = tmp_path / "payouts.csv"
    payouts.write_text(
        "Reference,Amount,Date,Payout ID\n"
        f"{first['Reference']},45.50,2026-11-20,po_1\n"
        "NO-SUCH-ORDER,10.00,2026-11-20,po_2\n",
        encoding="utf-8",
    )
    dry = run_xero(
        "--sandbox",
        "payments",
        "apply",
        "--file",
        str(payouts),
        "--account",
        "090",
        "--dry-run",
        env=sandbox_env,
    )
    assert dry.code == 6
    assert [row["Match"] for row in dry.json()] == ["matched", "unmatched"]
    assert (
        run_xero("--sandbox", "invoices", "get", first["InvoiceNumber"], env=sandbox_env).json()[
            "Status"
        ]
        == "AUTHORISED"
    )
    applied = run_xero(
        "--sandbox",
        "payments",
        "apply",
        "--file",
        str(payouts),
        "--account",
        "090",
        env=sandbox_env,
    )
    assert applied.code == 6 and "row 3: unmatched: NO-SUCH-ORDER" in applied.stderr
    assert applied.json()[0]["Result"] == "paid"
    again = run_xero(
        "--sandbox",
        "payments",
        "apply",
        "--file",
        str(payouts),
        "--account",
        "090",
        env=sandbox_env,
    )
    # Applied again: the paid row is "already paid" (a nightly job raises no false alarm),
    # the unknown one still fails the run; nothing is paid twice.
    assert [row["Match"] for row in again.json()] == ["already paid", "unmatched"]
    assert again.code == 6 and "row 3: unmatched" in again.stderr
    invoice = run_xero("--sandbox", "invoices", "get", first["InvoiceNumber"], env=sandbox_env)
    assert len(invoice.json()["Payments"]) == 1
    paid_only = tmp_path / "paid.csv"
    paid_only.write_text(f"Reference,Amount\n{first['Reference']},45.50\n", encoding="utf-8")
    rerun = run_xero(
        "--sandbox", "payments", "apply", "--file", str(paid_only), "--account", "090",
        env=sandbox_env,
    ).ok()  # fmt: skip
    assert rerun.json()[0]["Result"] == "already paid"
    assert "Paid 0 invoices; 1 already paid." in rerun.stderr


def test_a_payout_file_names_invoices_by_number_or_by_reference(sandbox_env, tmp_path) -> None:
    """With both an Invoice and a Reference column, a row with no invoice number is matched by
    its reference (the Reference column was dropped: `row 3: invoice: empty`)."""
    made = [
        run_xero(
            "--sandbox", "invoices", "create", "--contact", "Shop Customer", "--line",
            f"Order,1,{amount},200,NONE", "--status", "AUTHORISED", "--due-date", "2026-12-31",
            "--reference", unique("REF"), env=sandbox_env,
        ).ok().json()[0]
        for amount in ("12.50", "13.50")
    ]  # fmt: skip
    payouts = tmp_path / "both.csv"
    payouts.write_text(
        "Invoice,Reference,Amount\n"
        f"{made[0]['InvoiceNumber']},,12.50\n,{made[1]['Reference']},13.50\n,,1.00\n",
        encoding="utf-8",
    )
    empty = run_xero(
        "--sandbox", "payments", "apply", "--file", str(payouts), "--account", "090",
        "--dry-run", env=sandbox_env,
    )  # fmt: skip
    assert empty.code == 2 and empty.stderr == "xero: row 4: invoice or reference: empty\n"
    payouts.write_text("\n".join(payouts.read_text().splitlines()[:3]) + "\n")
    dry = run_xero(
        "--sandbox", "payments", "apply", "--file", str(payouts), "--account", "090",
        "--dry-run", env=sandbox_env,
    ).ok()  # fmt: skip
    assert [(row["Invoice"], row["Match"]) for row in dry.json()] == [
        (made[0]["InvoiceNumber"], "matched"),
        (made[1]["InvoiceNumber"], "matched"),
    ]


def test_foreign_currency_invoice_and_totals_per_currency(sandbox_env) -> None:
    reference = unique("fx")
    created = (
        run_xero(
            "--sandbox",
            "--tenant",
            "Demo Company (Global)",
            "invoices",
            "create",
            "--contact",
            "Overseas Buyer",
            "--line",
            "Export order,3,33.3333,200",
            "--currency",
            "usd",
            "--currency-rate",
            "1.2713",
            "--reference",
            reference,
            env=sandbox_env,
        )
        .ok()
        .json()[0]
    )
    assert created["CurrencyCode"] == "USD"
    assert Decimal(str(created["CurrencyRate"])) == Decimal("1.2713")
    table = (
        run_xero(
            "--sandbox",
            "--tenant",
            "Demo Company (Global)",
            "invoices",
            "list",
            "--limit",
            "300",
            "-o",
            "table",
            env=sandbox_env,
        )
        .ok()
        .stdout
    )
    assert "Demo Company (Global)" in table
    totals = next(
        line for line in table.splitlines() if line.startswith("Total receivable (ACCREC):")
    )
    assert "GBP" in totals and "USD" in totals and "EUR" in totals
    bad = run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--contact",
        "X",
        "--line",
        "a,1,1,200",
        "--currency",
        "dollars",
        env=sandbox_env,
    )
    assert bad.code == 2 and "--currency" in bad.stderr


def _billable_bill(env) -> dict[str, str]:
    """An approved bill with two lines to charge on: its ID, its lines' and contact's IDs."""
    [bill] = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            "--type",
            "ACCPAY",
            "--contact",
            unique("Hotel"),
            "--line",
            "Room,1,180,429,NONE",
            "--line",
            "Meals,1,45,429,NONE",
            "--status",
            "AUTHORISED",
            "--due-date",
            "2026-12-31",
            env=env,
        )
        .ok()
        .json()
    )
    first, second = (line["LineItemID"] for line in bill["LineItems"])
    return {
        "bill": bill["InvoiceID"],
        "line": first,
        "line2": second,
        "contact": bill["Contact"]["ContactID"],
    }


def _a_user(env, index: int = 1) -> str:
    """A UserID of the demo company (receipts and claims belong to a user)."""
    return run_xero("--sandbox", "users", "list", env=env).ok().json()[index]["UserID"]


def _receipts_to_claim(env, user: str = "") -> dict[str, str]:
    """A user and two draft receipts of theirs, for expense claims."""
    user = user or _a_user(env)
    made = {"user": user}
    for name, amount in (("receipt", "40"), ("receipt2", "12.5")):
        [receipt] = (
            run_xero(
                "--sandbox",
                "receipts",
                "create",
                *("--user", user, "--contact", unique("Taxi"), "--line", f"Fare,1,{amount},429"),
                env=env,
            )
            .ok()
            .json()
        )
        made[name] = receipt["ReceiptID"]
    return made


def _invoice_to_pay(env) -> str:
    created = run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--contact",
        unique("Payee"),
        "--line",
        "Work,1,300,200,NONE",
        "--status",
        "AUTHORISED",
        "--date",
        "2026-11-02",  # before the payments' date (2026-11-20)
        "--due-date",
        "2026-12-31",
        env=env,
    )
    return created.ok().json()[0]["InvoiceNumber"]


# Per object: create options, the same record as a file, and fields to find on `get`.
# "{u}" is a fresh unique text, "{invoice}" an open invoice's number (for payments).
CREATES = {
    "contacts": (
        ["--name", "Contact {u}", "--email", "{u}@example.com"],
        {"Name": "File contact {u}", "EmailAddress": "f{u}@example.com"},
        {"EmailAddress": "{u}@example.com"},
    ),
    "accounts": (
        ["--code", "{c}", "--name", "Account {u}", "--type", "expense"],
        {"Code": "F{c}", "Name": "File account {u}", "Type": "EXPENSE"},
        {"Type": "EXPENSE", "Code": "{c}"},
    ),
    "items": (
        ["--code", "SKU-{u}", "--name", "Item {u}", "--sale-price", "12.3456"],
        {"Code": "FSKU-{u}", "Name": "File item {u}", "SalesDetails": {"UnitPrice": 7.5}},
        {"Code": "SKU-{u}"},
    ),
    "invoices": (
        ["--contact", "Buyer {u}", "--line", "Work,3,33.3333,200", "--due-date", "2026-12-31"],
        {
            "Type": "ACCREC",
            "Contact": {"Name": "File buyer {u}"},
            "DueDate": "2026-12-31",
            "LineItems": [
                {"Description": "W", "Quantity": 1, "UnitAmount": 5, "AccountCode": "200"}
            ],
        },
        {"Contact.Name": "Buyer {u}", "LineItems.0.UnitAmount": "33.3333"},
    ),
    "credit-notes": (
        ["--contact", "Refund {u}", "--line", "Refund,1,20,200", "--reference", "{u}"],
        {
            "Type": "ACCRECCREDIT",
            "Contact": {"Name": "File refund {u}"},
            "LineItems": [
                {"Description": "R", "Quantity": 1, "UnitAmount": 2, "AccountCode": "200"}
            ],
        },
        {"Contact.Name": "Refund {u}", "Reference": "{u}"},
    ),
    "purchase-orders": (
        ["--contact", "Supplier {u}", "--line", "Parts,4,2.5,400", "--delivery-date", "2027-01-05"],
        {
            "Contact": {"Name": "File supplier {u}"},
            "LineItems": [
                {"Description": "P", "Quantity": 1, "UnitAmount": 9, "AccountCode": "400"}
            ],
        },
        {"Contact.Name": "Supplier {u}", "DeliveryDate": "2027-01-05", "SubTotal": "10"},
    ),
    "bank-transactions": (
        [
            *("--type", "spend", "--contact", "Shop {u}", "--bank-account", "090"),
            *("--line", "Paper,2,4.25,400", "--reference", "{u}"),
        ],
        {
            "Type": "RECEIVE",
            "Contact": {"Name": "File payer {u}"},
            "BankAccount": {"Code": "090"},
            "LineItems": [
                {"Description": "In", "Quantity": 1, "UnitAmount": 3, "AccountCode": "200"}
            ],
        },
        {"Type": "SPEND", "BankAccount.Code": "090", "Reference": "{u}"},
    ),
    "manual-journals": (
        ["--narration", "Accrual {u}", "--line", "Rent,250.5,469", "--line", "Owed,-250.5,826"],
        {
            "Narration": "File journal {u}",
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": 10, "AccountCode": "429", "Description": "Dr"},
                {"LineAmount": -10, "AccountCode": "826", "Description": "Cr"},
            ],
        },
        {"Narration": "Accrual {u}", "JournalLines.0.LineAmount": "250.5", "Status": "DRAFT"},
    ),
    "tax-rates": (
        ["--name", "Reduced {u}", "--component", "VAT,5.125", "--report-tax-type", "output"],
        {
            "Name": "File rate {u}",
            "ReportTaxType": "INPUT",
            "TaxComponents": [{"Name": "GST", "Rate": 2.5}, {"Name": "Levy", "Rate": 1}],
        },
        {"Name": "Reduced {u}", "EffectiveRate": "5.125", "ReportTaxType": "OUTPUT"},
    ),
    "contact-groups": (
        ["--name", "Group {u}"],
        {"Name": "File group {u}"},
        {"Name": "Group {u}", "Status": "ACTIVE"},
    ),
    "quotes": (
        [
            *("--contact", "Prospect {u}", "--line", "Design,2,125.5,200"),
            *("--title", "Offer {u}", "--expiry-date", "2027-01-31", "--status", "sent"),
        ],
        {
            "Contact": {"Name": "File prospect {u}"},
            "LineAmountTypes": "NOTAX",
            "LineItems": [
                {"Description": "Q", "Quantity": 1, "UnitAmount": 8, "AccountCode": "200"}
            ],
        },
        {"Title": "Offer {u}", "ExpiryDate": "2027-01-31", "Status": "SENT", "SubTotal": "251"},
    ),
    "bank-transfers": (
        ["--from", "090", "--to", "095", "--amount", "12.34", "--reference", "{u}"],
        {"FromBankAccount": {"Code": "095"}, "ToBankAccount": {"Code": "090"}, "Amount": 5},
        {"Amount": "12.34", "ToBankAccount.Code": "095", "Reference": "{u}", "CurrencyRate": "1"},
    ),
    "repeating-invoices": (
        [
            *("--contact", "Retainer {u}", "--line", "Support,1,480,200", "--every", "monthly"),
            *("--start-date", "2026-12-01", "--due-days", "20", "--reference", "{u}"),
        ],
        {
            "Type": "ACCPAY",
            "Contact": {"Name": "File lease {u}"},
            "Schedule": {"Unit": "WEEKLY", "Period": 2, "StartDate": "2026-12-07"},
            "LineItems": [
                {"Description": "L", "Quantity": 1, "UnitAmount": 99, "AccountCode": "469"}
            ],
        },
        {"Schedule.Unit": "MONTHLY", "Schedule.DueDate": 20, "Reference": "{u}", "Status": "DRAFT"},
    ),
    "linked-transactions": (
        ["--source", "{bill}", "--source-line", "{line}", "--contact", "{contact}"],
        {"SourceTransactionID": "{bill}", "SourceLineItemID": "{line2}", "ContactID": "{contact}"},
        {"Status": "APPROVED", "SourceLineItemID": "{line}", "SourceTransactionTypeCode": "ACCPAY"},
    ),
    "batch-payments": (
        ["--account", "090", "--pay", "{invoice},100.5", "--reference", "{u}"],
        {
            "Account": {"Code": "090"},
            "Payments": [{"Invoice": {"InvoiceNumber": "{invoice}"}, "Amount": 50}],
        },
        {"Payments.0.Amount": "100.5", "Account.Code": "090", "Type": "RECBATCH"},
    ),
    "receipts": (
        [
            *("--user", "{user}", "--contact", "Cafe {u}", "--line", "Lunch,2,12.5,420"),
            *("--reference", "{u}", "--date", "2026-11-03"),
        ],
        {
            "User": {"UserID": "{user}"},
            "Contact": {"Name": "File cafe {u}"},
            "LineAmountTypes": "Inclusive",
            "LineItems": [
                {"Description": "Taxi", "Quantity": 1, "UnitAmount": 23, "AccountCode": "429"}
            ],
        },
        {"Status": "DRAFT", "Reference": "{u}", "User.UserID": "{user}", "SubTotal": "25"},
    ),
    "expense-claims": (
        ["--user", "{user}", "--receipt", "{receipt}"],
        {"User": {"UserID": "{user}"}, "Receipts": [{"ReceiptID": "{receipt2}"}]},
        {"Status": "SUBMITTED", "Receipts.0.ReceiptID": "{receipt}", "Total": "46"},
    ),
    "payments": (
        ["--invoice", "{invoice}", "--account", "090", "--amount", "100.5", "--date", "2026-11-20"],
        {"Invoice": {"InvoiceNumber": "{invoice}"}, "Account": {"Code": "090"}, "Amount": 50},
        {"Invoice.InvoiceNumber": "{invoice}", "Amount": "100.5"},
    ),
}


def _fill(value, names: dict[str, str]):
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [_fill(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, names) for key, item in value.items()}
    return value


def _at(record: dict, dotted: str):
    for part in dotted.split("."):
        record = record[int(part)] if isinstance(record, list) else record[part]
    return record


@pytest.mark.parametrize("noun", sorted(CREATES))
def test_create_from_options_and_from_a_file_for_every_object(
    noun: str, sandbox_env, tmp_path: Path
) -> None:
    options, file_record, expected = CREATES[noun]
    u = uuid.uuid4().hex[:8]
    names = {"u": u, "c": str(int(u, 16) % 900000 + 100000)}
    if noun in ("payments", "batch-payments"):
        names["invoice"] = _invoice_to_pay(sandbox_env)
    if noun == "linked-transactions":
        names.update(_billable_bill(sandbox_env))
    if noun == "receipts":
        names["user"] = _a_user(sandbox_env)
    if noun == "expense-claims":
        names.update(_receipts_to_claim(sandbox_env))
    created = run_xero("--sandbox", noun, "create", *_fill(options, names), env=sandbox_env)
    [created] = created.ok().json()
    id_field = BY_NOUN[noun].id_field
    got = run_xero("--sandbox", noun, "get", created[id_field], env=sandbox_env).ok()
    record = json.loads(got.stdout, parse_float=Decimal)
    for path, value in _fill(expected, names).items():
        found = _at(record, path)
        assert (Decimal(value) == found) if isinstance(found, Decimal) else found == value, path
    source = tmp_path / f"{noun}.json"
    source.write_text(json.dumps([_fill(file_record, names)]))
    from_file = run_xero("--sandbox", noun, "create", "--file", str(source), env=sandbox_env)
    [from_file] = from_file.ok().json()
    stored = run_xero("--sandbox", noun, "get", from_file[id_field], env=sandbox_env).ok().json()
    assert stored[id_field] == from_file[id_field] != created[id_field]


def test_quote_is_sent_accepted_and_invoiced_from_its_lines(sandbox_env) -> None:
    """DRAFT -> SENT -> ACCEPTED -> INVOICED: `quotes invoice` makes the sales invoice of the
    quote's lines (its Reference the quote's number) and marks the quote INVOICED; a quote that
    is not accepted is refused before anything is written, and an invoiced one cannot go back."""
    [quote] = (
        run_xero(
            "--sandbox",
            "quotes",
            "create",
            *("--contact", unique("Client"), "--line", "Survey,3,99.99,200,NONE"),
            *("--line", "Report,1,250,200", "--currency", "NZD"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    number = quote["QuoteNumber"]
    assert quote["Status"] == "DRAFT" and number.startswith("QU-")
    early = run_xero("--sandbox", "quotes", "invoice", number, env=sandbox_env)
    assert early.code == 6 and "only an ACCEPTED quote can be invoiced" in early.stderr
    assert early.stdout == ""
    for verb, status in (("send", "SENT"), ("accept", "ACCEPTED")):
        changed = run_xero("--sandbox", "quotes", verb, number, env=sandbox_env).ok().json()
        assert changed[0]["Status"] == status
    made = run_xero(
        "--sandbox",
        "quotes",
        "invoice",
        number,
        *("--status", "authorised", "--due-date", "2026-12-31"),
        env=sandbox_env,
    ).ok()
    [invoice] = json.loads(made.stdout, parse_float=Decimal)
    assert f"Invoiced quote {number}: invoice {invoice['InvoiceNumber']}" in made.stderr
    assert (invoice["Type"], invoice["Status"], invoice["Reference"]) == (
        "ACCREC",
        "AUTHORISED",
        number,
    )
    assert invoice["Contact"]["ContactID"] == quote["Contact"]["ContactID"]
    assert [(li["Description"], li["Quantity"]) for li in invoice["LineItems"]] == [
        ("Survey", 3),
        ("Report", 1),
    ]
    assert invoice["Total"] == Decimal(str(quote["Total"]))
    back = run_xero("--sandbox", "quotes", "decline", number, env=sandbox_env)
    assert back.code == 6 and "cannot change INVOICED to DECLINED" in back.stderr
    no_due = run_xero(
        "--sandbox", "quotes", "invoice", number, "--status", "AUTHORISED", env=sandbox_env
    )
    assert no_due.code == 2 and "--due-date is required" in no_due.stderr


@pytest.mark.parametrize("noun", ["overpayments", "prepayments"])
def test_credit_is_allocated_to_an_invoice_and_refunded_as_a_payment(noun: str, sandbox_env):
    """`allocate ID --invoice INV --amount N` moves credit onto an invoice of the same contact
    (PUT .../Allocations); more than is left is Xero's refusal (exit 6), a bad amount is refused
    before anything is sent (exit 2); `refund` pays credit back as a payment naming it."""
    resource = BY_NOUN[noun]
    [credit] = (
        run_xero(
            "--sandbox",
            noun,
            "list",
            *("--status", "AUTHORISED", "--type", f"RECEIVE-{resource.singular.upper()}"),
            *("--where", "RemainingCredit>=2", "--limit", "1"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    credit_id = credit[resource.id_field]
    left = Decimal(str(credit["RemainingCredit"]))
    [invoice] = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            *("--contact", credit["Contact"]["ContactID"], "--line", "Work,1,1.00,200,NONE"),
            *("--status", "AUTHORISED", "--due-date", "2026-12-31"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    number = invoice["InvoiceNumber"]
    allocated = run_xero(
        "--sandbox",
        noun,
        "allocate",
        credit_id,
        "--invoice",
        number,
        "--amount",
        "0.60",
        env=sandbox_env,
    ).ok()
    [made] = allocated.json()
    assert Decimal(str(made["Amount"])) == Decimal("0.60")
    assert f"Allocated 0.60 of {resource.singular} {credit_id} to invoice {number}." in (
        allocated.stderr
    )
    paid = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert Decimal(str(paid["AmountCredited"])) == Decimal("0.60")
    assert Decimal(str(paid["AmountDue"])) == Decimal("0.40")
    assert [c[resource.id_field] for c in paid[resource.name]] == [credit_id]
    too_much = run_xero(
        "--sandbox",
        noun,
        "allocate",
        credit_id,
        "--invoice",
        number,
        "--amount",
        "0.41",
        env=sandbox_env,
    )
    assert too_much.code == 6 and "exceeds the amount due on the invoice (0.40)" in too_much.stderr
    bad = run_xero(
        "--sandbox",
        noun,
        "allocate",
        credit_id,
        "--invoice",
        number,
        "--amount",
        "1.234",
        env=sandbox_env,
    )
    assert bad.code == 2 and "--amount: '1.234' has more than 2 decimal places" in bad.stderr
    [payment] = (
        run_xero(
            "--sandbox",
            noun,
            "refund",
            credit_id,
            "--account",
            "090",
            "--amount",
            "0.25",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert payment["PaymentType"] == f"AR{resource.singular.upper()}PAYMENT"
    assert payment[resource.id_field.removesuffix("ID")][resource.id_field] == credit_id
    after = run_xero("--sandbox", noun, "get", credit_id, env=sandbox_env).ok().json()
    assert Decimal(str(after["RemainingCredit"])) == left - Decimal("0.85")


def test_foreign_bank_transfer_takes_the_rate_and_is_deleted_out_of_the_list(sandbox_env):
    """USD to the GBP savings account at the organisation's rate (or one sent); `delete` posts
    Status DELETED and Xero's list leaves it out unless --include-deleted."""
    glob = ("--sandbox", "--tenant", "Demo Company (Global)")
    reference = unique("fx-transfer")
    [made] = (
        run_xero(
            *glob,
            "bank-transfers",
            "create",
            *("--from", "091", "--to", "095", "--amount", "127.13", "--reference", reference),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert Decimal(str(made["CurrencyRate"])) == Decimal("1.2713")
    assert made["FromBankAccount"]["CurrencyCode"] == "USD"
    same = run_xero(
        *glob,
        "bank-transfers",
        "create",
        "--from",
        "091",
        "--to",
        "091",
        "--amount",
        "1",
        env=sandbox_env,
    )
    assert same.code == 6 and "must be different accounts" in same.stderr
    run_xero(*glob, "bank-transfers", "delete", made["BankTransferID"], env=sandbox_env).ok()
    where = ("--where", f'Reference=="{reference}"')
    listed = run_xero(*glob, "bank-transfers", "list", *where, env=sandbox_env).ok().json()
    assert listed == []
    deleted = run_xero(
        *glob, "bank-transfers", "list", *where, "--include-deleted", env=sandbox_env
    ).ok()
    assert [r["Status"] for r in deleted.json()] == ["DELETED"]


def test_batch_payment_pays_several_invoices_in_one_line_and_delete_reopens_them(sandbox_env):
    """One bank line pays two invoices (each PAID, each payment carrying the BatchPaymentID);
    an amount over what is owed refuses the whole batch (nothing paid); `delete` deletes its
    payments and the invoices are AUTHORISED again."""
    first, second = _invoice_to_pay(sandbox_env), _invoice_to_pay(sandbox_env)
    over = run_xero(
        "--sandbox",
        "batch-payments",
        "create",
        "--account",
        "090",
        "--pay",
        f"{first},300",
        "--pay",
        f"{second},300.01",
        env=sandbox_env,
    )
    assert over.code == 6 and "Payment 2: Payment amount exceeds" in over.stderr
    [batch] = (
        run_xero(
            "--sandbox",
            "batch-payments",
            "create",
            "--account",
            "090",
            "--pay",
            f"{first},300",
            "--pay",
            f"{second},300",
            "--date",
            "2026-11-20",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert (batch["Type"], Decimal(str(batch["TotalAmount"]))) == ("RECBATCH", Decimal(600))
    for number in (first, second):
        paid = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
        assert paid["Status"] == "PAID" and len(paid["Payments"]) == 1
    [payment] = (
        run_xero(
            "--sandbox",
            "payments",
            "list",
            "--where",
            f'BatchPaymentID==Guid("{batch["BatchPaymentID"]}")',
            "--limit",
            "1",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert payment["Invoice"]["InvoiceNumber"] in (first, second)
    run_xero("--sandbox", "batch-payments", "delete", batch["BatchPaymentID"], env=sandbox_env).ok()
    reopened = run_xero("--sandbox", "invoices", "get", first, env=sandbox_env).ok().json()
    assert reopened["Status"] == "AUTHORISED" and reopened["Payments"] == []


def test_repeating_invoice_needs_a_schedule_and_is_deleted_by_status(sandbox_env) -> None:
    """No --every: refused by Xero's rules before anything is stored (the model requires a
    Schedule: exit 2); `delete` posts Status DELETED, as Xero has no DELETE for templates."""
    contact = unique("Tenant")
    missing = run_xero(
        "--sandbox",
        "repeating-invoices",
        "create",
        "--contact",
        contact,
        "--line",
        "Rent,1,900,200",
        env=sandbox_env,
    )
    assert missing.code == 2 and "Schedule" in missing.stderr and missing.stdout == ""
    [made] = (
        run_xero(
            "--sandbox",
            "repeating-invoices",
            "create",
            "--contact",
            contact,
            "--line",
            "Rent,1,900,200",
            "--every",
            "WEEKLY",
            "--period",
            "2",
            "--status",
            "AUTHORISED",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert (made["Schedule"]["Unit"], made["Schedule"]["Period"]) == ("WEEKLY", 2)
    template_id = made["RepeatingInvoiceID"]
    run_xero("--sandbox", "repeating-invoices", "delete", template_id, env=sandbox_env).ok()
    got = run_xero("--sandbox", "repeating-invoices", "get", template_id, env=sandbox_env)
    assert got.ok().json()["Status"] == "DELETED"


def test_linked_transaction_is_listed_by_source_updated_and_deleted(sandbox_env) -> None:
    """A seeded billable expense still to bill: found by its source bill (Xero's parameter),
    given to another customer by `update` (POST /LinkedTransactions/{ID}, the source kept; a
    new source is refused, exit 6), removed by `delete` (DELETE, 204), then not found (exit 5)."""
    [link] = (
        run_xero(
            "--sandbox",
            "linked-transactions",
            "list",
            "--status",
            "APPROVED",
            "--limit",
            "1",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    by_source = run_xero(
        "--sandbox",
        "linked-transactions",
        "list",
        "--source",
        link["SourceTransactionID"],
        env=sandbox_env,
    )
    assert [r["LinkedTransactionID"] for r in by_source.ok().json()] == [
        link["LinkedTransactionID"]
    ]
    key = link["LinkedTransactionID"]
    contacts = run_xero("--sandbox", "contacts", "list", "--limit", "5", env=sandbox_env).ok()
    customer = next(c["ContactID"] for c in contacts.json() if c["ContactID"] != link["ContactID"])
    changed = run_xero(
        *("--sandbox", "--debug", "linked-transactions", "update", key, "--contact", customer),
        env=sandbox_env,
    )
    assert changed.ok().json()[0]["ContactID"] == customer
    assert problems("LinkedTransactions", changed.stderr) == []
    assert ("POST", f"/LinkedTransactions/{key}") in {
        (method, path) for method, path, _ in sent_requests(changed.stderr)
    }
    got = run_xero("--sandbox", "linked-transactions", "get", key, env=sandbox_env).ok().json()
    assert got["ContactID"] == customer and got["Status"] == "APPROVED"
    assert got["SourceTransactionID"] == link["SourceTransactionID"]
    moved = run_xero(
        *("--sandbox", "linked-transactions", "update", key, "--source", str(uuid.uuid4())),
        env=sandbox_env,
    )
    assert moved.code == 6 and "cannot be changed" in moved.stderr, moved.stderr
    run_xero("--sandbox", "linked-transactions", "delete", key, env=sandbox_env).ok()
    gone = run_xero("--sandbox", "linked-transactions", "get", key, env=sandbox_env)
    assert gone.code == 5 and gone.stdout == ""


def _claims_owed(env) -> tuple[Decimal, Decimal]:
    """(what 801 Unpaid Expense Claims holds today by the trial balance, which balances; the
    totals of the AUTHORISED claims listed)."""
    rows = run_xero("--sandbox", "reports", "trial-balance", "--json", env=env).ok().json()
    accounts = [row for row in rows if row["RowType"] == "Row"]
    debits = sum(Decimal(str(row["YTD Debit"] or 0)) for row in accounts)
    credits = sum(Decimal(str(row["YTD Credit"] or 0)) for row in accounts)
    assert debits == credits
    [claims] = [row for row in accounts if row["Account"].endswith("(801)")]
    owed = Decimal(str(claims["YTD Credit"] or 0)) - Decimal(str(claims["YTD Debit"] or 0))
    listed = run_xero("--sandbox", "expense-claims", "list", "--status", "AUTHORISED", env=env)
    return owed, sum((Decimal(str(c["Total"])) for c in listed.ok().json()), Decimal(0))


def test_expense_claim_moves_its_receipts_posts_when_authorised_and_is_voided(sandbox_env):
    """A claim takes only its user's draft receipts (another user's: refused, nothing made);
    `authorise` moves it and its receipts to AUTHORISED, and 801 Unpaid Expense Claims holds
    exactly the authorised claims' totals, as bills would (the trial balance balances); `void`
    moves the receipts to VOIDED, and a voided claim cannot be voided twice."""
    users = run_xero("--sandbox", "users", "list", env=sandbox_env).ok().json()
    made = _receipts_to_claim(sandbox_env, users[1]["UserID"])
    refused = run_xero(
        "--sandbox",
        "expense-claims",
        "create",
        *("--user", users[2]["UserID"], "--receipt", made["receipt"]),
        env=sandbox_env,
    )
    assert refused.code == 6 and "belongs to another user" in refused.stderr
    [claim] = (
        run_xero(
            "--sandbox",
            "expense-claims",
            "create",
            *("--user", made["user"], "--receipt", made["receipt"]),
            *("--receipt", made["receipt2"]),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    key = claim["ExpenseClaimID"]
    assert claim["Status"] == "SUBMITTED" and Decimal(str(claim["Total"])) == Decimal("60.38")
    authorised = run_xero("--sandbox", "expense-claims", "authorise", key, env=sandbox_env).ok()
    assert f"Authorised expense claim {key}" in authorised.stderr
    [answer] = authorised.json()
    assert [r["Status"] for r in answer["Receipts"]] == ["AUTHORISED", "AUTHORISED"]
    owed, authorised_totals = _claims_owed(sandbox_env)  # 40 + 12.50, and 15% GST, among them
    assert owed == authorised_totals and owed >= Decimal("60.38")
    run_xero("--sandbox", "expense-claims", "void", key, env=sandbox_env).ok()
    receipt = run_xero("--sandbox", "receipts", "get", made["receipt"], env=sandbox_env).ok()
    assert receipt.json()["Status"] == "VOIDED"
    again = run_xero("--sandbox", "expense-claims", "void", key, env=sandbox_env)
    assert again.code == 6 and "already VOIDED" in again.stderr


def test_items_and_accounts_are_deleted_by_delete(sandbox_env) -> None:
    """`items delete CODE` and `accounts delete CODE`: Xero's DELETE by ID; neither is found
    afterwards (exit 5)."""
    u = uuid.uuid4().hex[:8]
    code = str(int(u, 16) % 900000 + 100000)
    run_xero(
        "--sandbox", "items", "create", "--code", f"GONE-{u}", "--name", u, env=sandbox_env
    ).ok()
    [account] = (
        run_xero(
            "--sandbox",
            "accounts",
            "create",
            *("--code", code, "--name", f"Spare {u}", "--type", "EXPENSE"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    for noun, key in (("items", f"GONE-{u}"), ("accounts", code)):
        done = run_xero("--sandbox", "--debug", noun, "delete", key, env=sandbox_env).ok()
        assert problems(BY_NOUN[noun].name, done.stderr) == [], noun
        assert "Deleted " in done.stderr
        assert f"Deleted {BY_NOUN[noun].singular} {key} (" in done.stderr  # the key given
    assert run_xero("--sandbox", "items", "get", f"GONE-{u}", env=sandbox_env).code == 5
    gone = run_xero("--sandbox", "accounts", "get", account["AccountID"], env=sandbox_env)
    assert gone.code == 5 and gone.stdout == ""


@pytest.mark.parametrize("code", ["200", "090"])  # Sales, on every invoice; the bank account
def test_an_account_used_on_transactions_is_not_deleted(sandbox_env, code: str) -> None:
    """Xero deletes only an unused account (archive one in use): the sandbox used to delete
    Sales, so its invoices lost their account and the trial balance its rows."""
    refused = run_xero("--sandbox", "accounts", "delete", code, env=sandbox_env)
    assert refused.code == 6 and refused.stdout == ""
    assert "has been used in transactions. You can archive it instead." in refused.stderr
    assert (
        run_xero("--sandbox", "accounts", "get", code, env=sandbox_env).ok().json()["Code"] == code
    )


@pytest.mark.parametrize(
    ("noun", "type_"),
    [
        ("credit-notes", "ACCRECCREDIT"),
        ("prepayments", "RECEIVE-PREPAYMENT"),  # overpayments share its declaration (_prepaid)
    ],
)
def test_unallocate_gives_the_credit_back_and_the_invoice_owes_again(noun, type_, sandbox_env):
    """`unallocate KEY ALLOCATION_ID`: Xero's DELETE of one allocation; the credit is the
    record's again, the invoice owes it again; the same allocation again is not found (exit
    5), and an ID that is not a GUID is refused before anything is sent (exit 2)."""
    resource = BY_NOUN[noun]
    [credit] = (
        run_xero(
            "--sandbox",
            noun,
            "list",
            *("--status", "AUTHORISED", "--type", type_, "--where", "RemainingCredit>=2"),
            *("--limit", "1"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    credit_id = credit[resource.id_field]
    [invoice] = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            *("--contact", credit["Contact"]["ContactID"], "--line", "Work,1,1.00,200,NONE"),
            *("--status", "AUTHORISED", "--due-date", "2026-12-31"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    number = invoice["InvoiceNumber"]
    allocate = ("allocate", credit_id, "--invoice", number, "--amount", "1.00")
    [made] = run_xero("--sandbox", noun, *allocate, env=sandbox_env).ok().json()
    undone = run_xero(
        "--sandbox", "--debug", noun, "unallocate", credit_id, made["AllocationID"], env=sandbox_env
    ).ok()
    assert problems(resource.name, undone.stderr) == []
    assert f"Deleted allocation {made['AllocationID']}" in undone.stderr
    reopened = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert (reopened["Status"], Decimal(str(reopened["AmountDue"]))) == ("AUTHORISED", 1)
    assert reopened[resource.name] == []
    again = run_xero(
        "--sandbox", noun, "unallocate", credit_id, made["AllocationID"], env=sandbox_env
    )
    assert again.code == 5 and again.stdout == ""
    bad = run_xero("--sandbox", noun, "unallocate", credit_id, "not-an-id", env=sandbox_env)
    assert bad.code == 2 and "is not an AllocationID" in bad.stderr


def test_bank_transfers_and_batch_payments_are_deleted_several_in_one_request(sandbox_env):
    """`delete KEY KEY...`: Xero's bulk forms, one `POST /BankTransfers` (summarizeErrors) of
    both, and a `POST /BatchPayments` (no parameters) of each one's Status DELETED."""
    made = {}
    for noun, options in (
        ("bank-transfers", lambda: ["--from", "090", "--to", "095", "--amount", "3.21"]),
        (
            "batch-payments",
            lambda: ["--account", "090", "--pay", f"{_invoice_to_pay(sandbox_env)},5"],
        ),
    ):
        made[noun] = [
            run_xero("--sandbox", noun, "create", *options(), env=sandbox_env)
            .ok()
            .json()[0][BY_NOUN[noun].id_field]
            for _ in range(2)
        ]
        done = run_xero("--sandbox", "--debug", noun, "delete", *made[noun], env=sandbox_env).ok()
        assert problems(BY_NOUN[noun].name, done.stderr) == [], noun
        writes = [r for r in sent_requests(done.stderr) if r[0] == "POST"]
        times = 1 if noun == "bank-transfers" else 2
        assert [(method, path) for method, path, _ in writes] == [
            ("POST", BY_NOUN[noun].path)
        ] * times
        assert {r["Status"] for r in done.json()} == {"DELETED"}, noun
        assert f"Deleted 2 {noun.replace('-', ' ')}" in done.stderr
    got = run_xero("--sandbox", "batch-payments", "get", made["batch-payments"][1], env=sandbox_env)
    assert got.ok().json()["Status"] == "DELETED"


def test_tax_rate_is_created_checked_changed_by_name_and_deleted(sandbox_env, tmp_path) -> None:
    """`tax-rates create|update` send Xero's createTaxRates (PUT /TaxRates) and updateTaxRate
    (POST /TaxRates, the TaxType in the element: Xero has no path per rate) with the fields
    Xero takes; a replayed key creates nothing; a rate out of range is refused before anything
    is sent (exit 2), a report tax type the country does not take by the sandbox (exit 6); a
    compound component applies on the tax of the others; DELETED takes the rate away."""
    name = unique("Levy")
    create = ["tax-rates", "create", "--name", name, "--component", "GST,15"]
    create += ["--report-tax-type", "OUTPUT"]
    [body] = run_xero("--sandbox", *create, "--dry-run", env=sandbox_env).ok().json()
    assert body == {
        "Name": name,
        "TaxComponents": [{"Name": "GST", "Rate": 15}],
        "ReportTaxType": "OUTPUT",
    }
    assert set(body) <= BODY_FIELDS[("PUT", "/TaxRates")]
    key = ["--idempotency-key", unique("rate")]
    made = run_xero("--sandbox", "--debug", *create, *key, env=sandbox_env)
    [rate] = made.ok().json()
    assert rate["TaxType"].startswith("TAX") and rate["Status"] == "ACTIVE"
    assert problems("TaxRates", made.stderr) == []
    assert [r[:2] for r in sent_requests(made.stderr)] == [("PUT", "/TaxRates")]
    again = run_xero("--sandbox", *create, *key, env=sandbox_env).ok().json()
    assert again[0]["TaxType"] == rate["TaxType"]
    listed = run_xero("--sandbox", "tax-rates", "list", env=sandbox_env).ok().json()
    assert [r["Name"] for r in listed].count(name) == 1

    too_high = run_xero(
        "--sandbox", "tax-rates", "create", "--name", unique("X"), "--component", "VAT,120",
        "--report-tax-type", "OUTPUT", env=sandbox_env,
    )  # fmt: skip
    assert too_high.code == 2 and too_high.stdout == "" and too_high.stderr.count("\n") == 1
    assert too_high.stderr == "xero: --component 1: Rate: '120' must be at most 100\n"
    uk_only = run_xero(
        "--sandbox", "tax-rates", "create", "--name", unique("X"), "--component", "VAT,5",
        "--report-tax-type", "ECOUTPUT", env=sandbox_env,
    )  # fmt: skip
    assert uk_only.code == 6 and "ReportTaxType" in uk_only.stderr, uk_only.stderr

    change = tmp_path / "levy.json"
    levy = {"Name": "Levy", "Rate": 10, "IsCompound": True}
    components = [{"Name": "GST", "Rate": 15}, levy]
    change.write_text(json.dumps({"TaxComponents": components}))  # not an envelope of 2
    changed = run_xero(
        "--sandbox", "--debug", "tax-rates", "update", name, "--file", str(change), env=sandbox_env
    )
    [updated] = changed.ok().json()
    assert problems("TaxRates", changed.stderr) == []
    posts = [r for r in sent_requests(changed.stderr) if r[0] == "POST"]
    assert [r[:2] for r in posts] == [("POST", "/TaxRates")]
    got = run_xero("--sandbox", "tax-rates", "get", rate["TaxType"], env=sandbox_env).ok().json()
    assert updated["TaxType"] == got["TaxType"] == rate["TaxType"]
    assert Decimal(str(got["EffectiveRate"])) == Decimal("26.5")  # 15 + 10% of 115
    assert Decimal(str(got["DisplayTaxRate"])) == Decimal("25")
    assert got["Name"] == name and got["TaxComponents"][1]["IsCompound"] is True
    sale = tmp_path / "sale.json"
    line = {"Description": "Taxed", "Quantity": 1, "UnitAmount": 100, "AccountCode": "200"}
    invoice = {"Type": "ACCREC", "Contact": {"Name": "Good Co"}, "LineItems": [line]}
    line["TaxType"] = rate["TaxType"]
    sale.write_text(json.dumps({"Invoices": [invoice]}), encoding="utf-8")
    [sold] = (
        run_xero("--sandbox", "invoices", "create", "--file", str(sale), env=sandbox_env)
        .ok()
        .json()
    )
    assert Decimal(str(sold["TotalTax"])) == Decimal("26.50")
    run_xero(
        "--sandbox", "tax-rates", "update", rate["TaxType"], "--status", "deleted", env=sandbox_env
    ).ok()
    active = run_xero("--sandbox", "tax-rates", "list", "--status", "ACTIVE", env=sandbox_env)
    assert rate["TaxType"] not in {r["TaxType"] for r in active.ok().json()}
    # A deleted rate is refused on a new document; the one written with it keeps its tax.
    refused = run_xero("--sandbox", "invoices", "create", "--file", str(sale), env=sandbox_env)
    assert refused.code == 6 and f"The TaxType code '{rate['TaxType']}'" in refused.stderr
    kept = run_xero(
        "--sandbox", "invoices", "get", sold["InvoiceID"], "-o", "json", env=sandbox_env
    )
    assert Decimal(str(kept.ok().json()["TotalTax"])) == Decimal("26.50")


def test_a_credit_notes_remaining_credit_is_refunded_by_refund(sandbox_env) -> None:
    """`credit-notes refund CN --account 090 --amount N`: as overpayments and prepayments do,
    a payment naming the credit note (ARCREDITPAYMENT), its remaining credit less by N."""
    number = unique("CNR")
    run_xero(
        "--sandbox", "credit-notes", "create", "--contact", "Kauri Florists", "--number", number,
        "--line", "Refund,1,50,200,NONE", "--status", "AUTHORISED", env=sandbox_env,
    ).ok()  # fmt: skip
    done = run_xero(
        "--sandbox", "credit-notes", "refund", number, "--account", "090", "--amount", "12.50",
        env=sandbox_env,
    ).ok()  # fmt: skip
    [payment] = done.json()
    assert payment["PaymentType"] == "ARCREDITPAYMENT"
    assert Decimal(str(payment["Amount"])) == Decimal("12.50")
    after = run_xero("--sandbox", "credit-notes", "get", number, env=sandbox_env).ok().json()
    assert Decimal(str(after["RemainingCredit"])) == Decimal("37.50")
