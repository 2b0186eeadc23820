"""Writes a user found broken: overpayments and prepayments made by a bank transaction, a credit
note refunded by `payments create`, `update --reference ""` clearing a field, and numbers with
an exponent (`1E1`, a JSON `1e2`) sent and shown as plain digits.

Each test works on records it creates (unique numbers), so the session sandbox can be shared.
"""

from __future__ import annotations

import io
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.cli import run_xero


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _file(tmp_path: Path, records: list[dict]) -> str:
    path = tmp_path / f"{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def _one_line_error(result, *parts: str) -> None:
    """Bad input: exit 2, nothing on stdout, one line on stderr holding every part."""
    assert result.code == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]


# 1. Overpayments and prepayments are bank transactions of their own types.


def _overpayment(type_: str = "RECEIVE-OVERPAYMENT", **extra) -> dict:
    """The user's file: an overpayment's one line, its amount alone."""
    return {
        "Type": type_,
        "Contact": {"Name": "Kauri Florists"},
        "BankAccount": {"Code": "090"},
        "LineAmountTypes": "NoTax",
        "LineItems": [{"Description": "Overpaid", "LineAmount": 200}],
        **extra,
    }


@pytest.mark.parametrize(
    "type_",
    [
        "RECEIVE",
        "SPEND",
        "RECEIVE-OVERPAYMENT",
        "SPEND-OVERPAYMENT",
        "RECEIVE-PREPAYMENT",
        "SPEND-PREPAYMENT",
    ],
)
def test_every_type_xero_creates_a_bank_transaction_of_is_taken(
    type_: str, sandbox_env, tmp_path: Path
) -> None:
    """The spec's types, less the two halves of a bank transfer; from a file and `--type`."""
    from_file = run_xero(
        "--sandbox",
        "bank-transactions",
        "create",
        *("--file", _file(tmp_path, [_overpayment(type_)]), "--dry-run"),
        env=sandbox_env,
    ).ok()
    assert [body["Type"] for body in from_file.json()] == [type_]
    from_options = run_xero(
        "--sandbox",
        "bank-transactions",
        "create",
        *("--type", type_.lower(), "--contact", "Kauri Florists", "--bank-account", "090"),
        *("--line", "Paid ahead,1,200,200", "--dry-run"),
        env=sandbox_env,
    ).ok()
    [body] = from_options.json()
    assert body["Type"] == type_
    # An overpayment carries no tax (Xero codes its line itself): sent NoTax when not given.
    assert body.get("LineAmountTypes") == ("NoTax" if "OVERPAYMENT" in type_ else None)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            {"LineItems": [{"Description": "a", "LineAmount": 1}] * 2},
            "record 1: LineItems: an overpayment has one line, not 2",
        ),
        (
            {"LineAmountTypes": "Exclusive"},
            "record 1: LineAmountTypes: 'Exclusive': an overpayment carries no tax; use NoTax",
        ),
        ({"Type": "RECEIVE-TRANSFER"}, "record 1: Type: 'RECEIVE-TRANSFER' is not allowed"),
    ],
)
def test_an_overpayment_xero_would_refuse_is_refused_before_sending(
    change: dict, said: str, sandbox_env, tmp_path: Path
) -> None:
    refused = run_xero(
        "--sandbox",
        "bank-transactions",
        "create",
        *("--file", _file(tmp_path, [{**_overpayment(), **change}])),
        env=sandbox_env,
    )
    _one_line_error(refused, said)


def test_an_overpayment_made_by_a_bank_transaction_is_listed_and_allocated(
    sandbox_env, tmp_path: Path
) -> None:
    contact = unique("Overpaid")
    made = run_xero(
        "--sandbox",
        "bank-transactions",
        "create",
        "--file",
        _file(tmp_path, [_overpayment(Contact={"Name": contact})]),
        env=sandbox_env,
    ).ok()
    [transaction] = made.json()
    overpayment_id = transaction["OverpaymentID"]
    # No tax, and its line coded by Xero to accounts receivable: the credit sits there.
    assert transaction["LineAmountTypes"] == "NoTax"
    assert [line["AccountCode"] for line in transaction["LineItems"]] == ["610"]
    listed = run_xero(
        "--sandbox", "overpayments", "list", "--contact", contact, env=sandbox_env
    ).ok()
    [overpayment] = listed.json()
    assert overpayment["OverpaymentID"] == overpayment_id
    assert Decimal(str(overpayment["RemainingCredit"])) == 200
    [invoice] = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            *("--contact", contact, "--line", "Flowers,1,150,200,NONE"),
            *("--status", "AUTHORISED", "--due-date", "2026-12-31"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    allocate = ("--invoice", invoice["InvoiceNumber"], "--amount", "150.00")
    run_xero(
        "--sandbox", "overpayments", "allocate", overpayment_id, *allocate, env=sandbox_env
    ).ok()
    after = run_xero("--sandbox", "overpayments", "get", overpayment_id, env=sandbox_env).ok()
    assert Decimal(str(after.json()["RemainingCredit"])) == 50


def test_a_prepayment_made_by_a_bank_transaction_is_listed_and_allocated(
    sandbox_env, tmp_path: Path
) -> None:
    """A prepayment's line is coded (and taxed) as the user says; its Total is the credit."""
    contact = unique("Prepaid")
    line = {"Description": "Deposit", "LineAmount": 200, "AccountCode": "200", "TaxType": "OUTPUT2"}
    sent = _overpayment(
        "RECEIVE-PREPAYMENT",
        Contact={"Name": contact},
        LineAmountTypes="Exclusive",
        LineItems=[line],
    )
    made = run_xero(
        "--sandbox",
        "bank-transactions",
        "create",
        "--file",
        _file(tmp_path, [sent]),
        env=sandbox_env,
    ).ok()
    [transaction] = made.json()
    prepayment_id = transaction["PrepaymentID"]
    assert "OverpaymentID" not in transaction
    assert [line["AccountCode"] for line in transaction["LineItems"]] == ["200"]
    assert Decimal(str(transaction["Total"])) == 230
    listed = run_xero(
        "--sandbox", "prepayments", "list", "--contact", contact, env=sandbox_env
    ).ok()
    [prepayment] = listed.json()
    assert prepayment["PrepaymentID"] == prepayment_id
    assert prepayment["Type"] == "RECEIVE-PREPAYMENT"
    assert [line["AccountCode"] for line in prepayment["LineItems"]] == ["200"]
    assert Decimal(str(prepayment["RemainingCredit"])) == 230
    [invoice] = (
        run_xero(
            "--sandbox",
            "invoices",
            "create",
            *("--contact", contact, "--line", "Flowers,1,200,200,NONE"),
            *("--status", "AUTHORISED", "--due-date", "2026-12-31"),
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    allocate = ("--invoice", invoice["InvoiceNumber"], "--amount", "200.00")
    run_xero("--sandbox", "prepayments", "allocate", prepayment_id, *allocate, env=sandbox_env).ok()
    after = run_xero("--sandbox", "prepayments", "get", prepayment_id, env=sandbox_env).ok()
    assert Decimal(str(after.json()["RemainingCredit"])) == 30
    paid = run_xero("--sandbox", "invoices", "get", invoice["InvoiceID"], env=sandbox_env).ok()
    assert paid.json()["Status"] == "PAID"


# 2. A payment pays one document: an invoice, or the refund of a credit note, overpayment or
#    prepayment.


def test_a_credit_note_is_refunded_with_payments_create_file(sandbox_env, tmp_path: Path) -> None:
    number = unique("CN")
    run_xero(
        "--sandbox",
        "credit-notes",
        "create",
        *("--contact", "Kauri Florists", "--number", number, "--line", "Refund,1,50,200,NONE"),
        *("--status", "AUTHORISED"),
        env=sandbox_env,
    ).ok()
    refund = {"CreditNote": {"CreditNoteNumber": number}, "Account": {"Code": "090"}}
    paid = run_xero(
        "--sandbox",
        "payments",
        "create",
        *("--file", _file(tmp_path, [{**refund, "Amount": "20.00"}])),
        env=sandbox_env,
    ).ok()
    [payment] = paid.json()
    assert payment["PaymentType"] == "ARCREDITPAYMENT"
    assert Decimal(str(payment["Amount"])) == 20
    credit = run_xero("--sandbox", "credit-notes", "get", number, env=sandbox_env).ok().json()
    assert Decimal(str(credit["RemainingCredit"])) == 30


@pytest.mark.parametrize(
    ("documents", "said"),
    [
        (
            {},
            "record 1: needs the document it pays: one of Invoice, CreditNote, Prepayment or"
            " Overpayment",
        ),
        (
            {"Invoice": {"InvoiceNumber": "INV-0001"}, "CreditNote": {"CreditNoteNumber": "CN-1"}},
            "record 1: pays one document: give one of Invoice, CreditNote, Prepayment or"
            " Overpayment, not Invoice and CreditNote",
        ),
        ({"CreditNote": {}}, "record 1: CreditNote: needs a CreditNoteID or a CreditNoteNumber"),
        ({"Overpayment": {"OverpaymentID": " "}}, "record 1: Overpayment.OverpaymentID"),
    ],
)
def test_a_payment_names_one_and_only_one_document(
    documents: dict, said: str, sandbox_env, tmp_path: Path
) -> None:
    reference = unique("never-sent")
    body = {**documents, "Account": {"Code": "090"}, "Amount": "1.00", "Reference": reference}
    refused = run_xero(
        "--sandbox", "payments", "create", "--file", _file(tmp_path, [body]), env=sandbox_env
    )
    _one_line_error(refused, said)
    where = f'Reference=="{reference}"'
    listed = run_xero("--sandbox", "payments", "list", "--where", where, env=sandbox_env).ok()
    assert listed.json() == []


# 3. `update KEY --reference ""` clears the field, as `--file` with "" does.


def _invoice_with_reference(env) -> str:
    number = unique("INV")
    run_xero(
        "--sandbox",
        "invoices",
        "create",
        *("--contact", "Kauri Florists", "--number", number, "--line", "Work,1,10,200"),
        *("--reference", "PO 4471", "--due-date", "2026-12-31"),
        env=env,
    ).ok()
    return number


def _reference(number: str, env) -> str:
    record = run_xero("--sandbox", "invoices", "get", number, env=env).ok().json()
    return record.get("Reference", "")


def test_update_with_an_empty_option_clears_that_field(sandbox_env) -> None:
    number = _invoice_with_reference(sandbox_env)
    beside = ("--reference", "", "--due-date", "2027-01-31")
    run_xero("--sandbox", "invoices", "update", number, *beside, env=sandbox_env).ok()
    got = run_xero("--sandbox", "invoices", "get", number, env=sandbox_env).ok().json()
    assert (got.get("Reference", ""), got["DueDate"][:10]) == ("", "2027-01-31")

    number = _invoice_with_reference(sandbox_env)
    alone = run_xero(
        "--sandbox", "invoices", "update", number, "--reference", "", "--dry-run", env=sandbox_env
    ).ok()
    assert alone.json() == [{"Reference": ""}]
    run_xero("--sandbox", "invoices", "update", number, "--reference", "", env=sandbox_env).ok()
    assert _reference(number, sandbox_env) == ""


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("--due-date", "--due-date: '' is not a date (use YYYY-MM-DD)"),
        ("--contact", '--contact: give a value ("" clears text only)'),
    ],
)
def test_update_with_an_empty_option_a_field_cannot_take_is_refused(
    option: str, said: str, sandbox_env
) -> None:
    """A date or the contact is not cleared by "": one line naming the option, nothing sent."""
    number = _invoice_with_reference(sandbox_env)
    change = (option, "", "--reference", "changed")
    refused = run_xero("--sandbox", "invoices", "update", number, *change, env=sandbox_env)
    _one_line_error(refused, said)
    assert _reference(number, sandbox_env) == "PO 4471"


def test_create_still_leaves_an_empty_option_out(sandbox_env) -> None:
    made = run_xero(
        "--sandbox",
        "invoices",
        "create",
        *("--contact", "Kauri Florists", "--line", "Work,1,10,200", "--reference", ""),
        "--dry-run",
        env=sandbox_env,
    ).ok()
    [body] = made.json()
    assert "Reference" not in body


# 4. A number written with an exponent is sent and shown in plain digits.


def test_numbers_with_an_exponent_are_sent_and_shown_without_one(
    sandbox_env, tmp_path: Path
) -> None:
    number = unique("INV")
    line = ("--line", "Bulbs,1E1,2.5E0,200")
    shown = run_xero(
        "--sandbox",
        "invoices",
        "create",
        *("--contact", "Kauri Florists", "--number", number, *line, "--dry-run"),
        env=sandbox_env,
    ).ok()
    assert "E+" not in shown.stdout and '"Quantity": 10,' in shown.stdout
    assert '"UnitAmount": 2.5,' in shown.stdout
    path = tmp_path / "exponent.json"
    path.write_text(
        '[{"Contact": {"Name": "Kauri Florists"}, "LineItems": [{"Description": "Bulbs",'
        ' "Quantity": 1e2, "UnitAmount": 0E-8, "AccountCode": "200"}]}]',
        encoding="utf-8",
    )
    for fmt in ("json", "ndjson"):
        dry = run_xero(
            "--sandbox",
            "invoices",
            "create",
            *("--file", str(path), "--dry-run", "-o", fmt),
            env=sandbox_env,
        ).ok()
        assert "E+" not in dry.stdout and "E-" not in dry.stdout, dry.stdout
        assert '"Quantity":100' in dry.stdout.replace(" ", "")
        assert '"UnitAmount":0' in dry.stdout.replace(" ", "")
    made = run_xero(
        "--sandbox",
        "invoices",
        "create",
        *("--contact", "Kauri Florists", "--number", number, *line),
        env=sandbox_env,
    ).ok()
    [made_line] = made.json()[0]["LineItems"]
    assert (Decimal(str(made_line["Quantity"])), Decimal(str(made_line["LineAmount"]))) == (10, 25)


def test_the_request_body_of_an_exponent_number_has_plain_digits() -> None:
    """What `wire_dumps` sends is the validated record: fixed-point once read."""
    from xerocli.api import inputs, models
    from xerocli.api.client import wire_dumps
    from xerocli.api.input_text import parse_json

    data = parse_json(
        '{"Contact":{"Name":"K"},"LineItems":[{"Description":"x","Quantity":1e2,'
        '"UnitAmount":1.5E+1,"LineAmount":15E2,"AccountCode":"200"}],"CurrencyRate":2E0}',
        "--file",
    )
    [body] = inputs.validate([inputs.InputRecord(1, data, "record 1")], models.Invoice)
    sent = wire_dumps(body)
    assert '"Quantity": 100' in sent and '"UnitAmount": 15' in sent
    assert '"LineAmount": 1500' in sent and '"CurrencyRate": 2' in sent and "E+" not in sent


def test_zero_with_trailing_places_is_an_amount() -> None:
    """`0.000` (or `0E-8`) is 0: its trailing zeros round nothing away."""
    from xerocli.api.models import PRECISION

    for text in ("0.000", "0E-8", "0.00000000"):
        assert str(PRECISION["amount"].check(Decimal(text))) in ("0", "0.000", "0.00000000")


def test_csv_and_tsv_write_an_exponent_number_in_plain_digits() -> None:
    """A number read with an exponent (from Xero or a file) is a cell of plain digits."""
    from xerocli.output.delimited import CsvSink, TsvSink

    for sink, split in ((CsvSink, ","), (TsvSink, "\t")):
        out = io.StringIO()
        sink(out, ["Quantity", "Tax"]).write([[Decimal("1E+2"), Decimal("0E-8")]])
        assert out.getvalue().splitlines()[1].split(split) == ["100", "0.00000000"]
