"""Numbers are held to Xero's precision per field, end to end: what Xero keeps passes, what it
would round or cannot hold is refused before anything is sent, with the value as written."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from tests.helpers.cli import run_xero

GLOBAL = ("--sandbox", "--tenant", "Demo Company (Global)")
#: The writable columns of `export csv invoices --lines` (the others are Xero's own totals).
WRITABLE = (
    "InvoiceID,InvoiceNumber,Type,Status,Contact.ContactID,Date,DueDate,Reference,CurrencyCode,"
    "CurrencyRate,LineAmountTypes,LineItem.LineItemID,LineItem.Description,LineItem.Quantity,"
    "LineItem.UnitAmount,LineItem.AccountCode,LineItem.TaxType"
)


def test_currency_rates_take_six_places_and_an_export_loads_back(sandbox_env, tmp_path) -> None:
    """`--currency-rate 1.234567` said "more than 4 decimal places", and the `1.000000` our own
    export writes made `export csv invoices --lines` fail to load back with `--upsert`."""
    reference = f"rate-{uuid.uuid4().hex[:8]}"
    create = (*GLOBAL, "invoices", "create", "--contact", "Rate Buyer", "--line", "a,1,10,200")
    foreign = run_xero(
        *create, "--currency", "USD", "--currency-rate", "1.234567", "--reference", reference,
        env=sandbox_env,
    ).ok().json()[0]  # fmt: skip
    assert Decimal(str(foreign["CurrencyRate"])) == Decimal("1.234567")
    base = run_xero(*create, "--reference", reference, env=sandbox_env).ok().json()[0]
    seven = run_xero(*create, "--currency", "USD", "--currency-rate", "1.2345678", env=sandbox_env)
    assert seven.code == 2 and seven.stdout == ""
    assert seven.stderr == "xero: --currency-rate: '1.2345678' has more than 6 decimal places\n"

    exported = tmp_path / "invoices.csv"
    run_xero(
        *GLOBAL, "export", "csv", "invoices", "--lines", "--fields", WRITABLE,
        "--where", f'Reference=="{reference}"', "-o", str(exported), env=sandbox_env,
    ).ok()  # fmt: skip
    text = exported.read_text(encoding="utf-8")
    assert ",1.234567," in text and ",1.000000," in text  # the base currency's rate
    again = run_xero(
        *GLOBAL, "invoices", "create", "--file", str(exported), "--upsert", env=sandbox_env
    ).ok()
    updated = {record["InvoiceID"]: record for record in again.json()}
    assert set(updated) == {foreign["InvoiceID"], base["InvoiceID"]}  # updated, not duplicated
    assert Decimal(str(updated[foreign["InvoiceID"]]["CurrencyRate"])) == Decimal("1.234567")


def test_a_payment_xero_would_round_is_refused_and_nothing_is_sent(sandbox_env) -> None:
    """`payments create --amount 1.001` was accepted and recorded as 1.00."""
    result = run_xero(
        "--sandbox", "payments", "create", "--invoice", "INV-0001", "--account", "090",
        "--amount", "1.001", env=sandbox_env,
    )  # fmt: skip
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == "xero: --amount: '1.001' has more than 2 decimal places\n"


def test_numbers_xero_cannot_hold_are_refused_naming_the_field(sandbox_env, tmp_path) -> None:
    """1e40 and 1e400 passed the client's checks; the sandbox answered 500."""
    line = run_xero(
        "--sandbox", "invoices", "create", "--contact", "A", "--line", "a,1,1e40,200",
        env=sandbox_env,
    )  # fmt: skip
    assert line.code == 2
    assert line.stderr == (
        "xero: --line 1: UnitAmount: '1e40' has more than 18 digits before the decimal point\n"
    )
    body = [{"Contact": {"Name": "A"}, "LineItems": [{"Description": "a", "Quantity": "Q"}]}]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(body).replace('"Q"', "1e400"), encoding="utf-8")
    result = run_xero("--sandbox", "invoices", "create", "--file", str(path), env=sandbox_env)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == (
        "xero: record 1: LineItems.0.Quantity: '1e400' has more than 18 digits before the"
        " decimal point\n"
    )


def test_a_payout_amount_xero_would_round_is_refused_naming_the_row(sandbox_env, tmp_path) -> None:
    """`payments apply` took 4 places (`1.001`), which Xero would pay as 1.00."""
    payouts = tmp_path / "payouts.csv"
    payouts.write_text("Reference,Amount\nINV-0001,12.50\nINV-0002,1.001\n", encoding="utf-8")
    result = run_xero(
        "--sandbox", "payments", "apply", "--file", str(payouts), "--account", "090",
        env=sandbox_env,
    )  # fmt: skip
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == "xero: row 3: amount: '1.001' has more than 2 decimal places\n"


def test_endpoints_without_unitdp_refuse_a_third_unit_place_and_keep_two(sandbox_env) -> None:
    """Quotes, PurchaseOrders and RepeatingInvoices take no unitdp: Xero stores 99.9999 as
    100.00 there, so a create that would be rounded is refused and creates nothing."""
    creates = {
        "quotes": ("quotes", "create"),
        "purchase-orders": ("purchase-orders", "create"),
        "repeating-invoices": (
            "repeating-invoices", "create", "--every", "MONTHLY", "--period", "1",
            "--start-date", "2027-01-01", "--due-days", "20",
        ),
    }  # fmt: skip
    for noun, create in creates.items():
        reference = f"dp-{uuid.uuid4().hex[:8]}"
        before = run_xero("--sandbox", noun, "list", "--all", env=sandbox_env).ok().json()
        four = run_xero(
            "--sandbox", *create, "--contact", "Kauri Florists", "--line", "Pots,3,99.9999,200",
            "--reference", reference, env=sandbox_env,
        )  # fmt: skip
        assert four.code == 2 and four.stdout == "", (noun, four.stderr)
        assert four.stderr == (
            "xero: --line 1: UnitAmount: '99.9999' has more than 2 decimal places (Xero keeps 2"
            " on quotes, purchase orders and repeating invoices)\n"
        )
        after = run_xero("--sandbox", noun, "list", "--all", env=sandbox_env).ok().json()
        assert len(after) == len(before), noun
        two = run_xero(
            "--sandbox", *create, "--contact", "Kauri Florists", "--line", "Pots,3,99.99,200",
            "--reference", reference, "-o", "json", env=sandbox_env,
        ).ok().json()  # fmt: skip
        line = (two[0] if isinstance(two, list) else two)["LineItems"][0]
        assert Decimal(str(line["UnitAmount"])) == Decimal("99.99"), noun


def test_an_item_found_by_its_code_keeps_four_unit_places(sandbox_env) -> None:
    code = f"P{uuid.uuid4().hex[:6]}"
    run_xero(
        "--sandbox", "items", "create", "--code", code, "--name", code, "--sale-price", "12.3456",
        env=sandbox_env,
    ).ok()  # fmt: skip
    by_code = run_xero("--sandbox", "items", "get", code, env=sandbox_env).ok().json()
    assert Decimal(str(by_code["SalesDetails"]["UnitPrice"])) == Decimal("12.3456")
