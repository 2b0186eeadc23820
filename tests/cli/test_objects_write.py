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
    assert [row["Match"] for row in again.json()] == ["unmatched", "unmatched"]
    invoice = run_xero("--sandbox", "invoices", "get", first["InvoiceNumber"], env=sandbox_env)
    assert len(invoice.json()["Payments"]) == 1


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
        ["--narration", "Accrual {u}", "--line", "Rent,250.5,469", "--line", "Owed,-250.5,800"],
        {
            "Narration": "File journal {u}",
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": 10, "AccountCode": "429", "Description": "Dr"},
                {"LineAmount": -10, "AccountCode": "800", "Description": "Cr"},
            ],
        },
        {"Narration": "Accrual {u}", "JournalLines.0.LineAmount": "250.5", "Status": "DRAFT"},
    ),
    "contact-groups": (
        ["--name", "Group {u}"],
        {"Name": "File group {u}"},
        {"Name": "Group {u}", "Status": "ACTIVE"},
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
    if noun == "payments":
        names["invoice"] = _invoice_to_pay(sandbox_env)
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
