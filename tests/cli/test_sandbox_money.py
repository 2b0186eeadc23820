"""The sandbox's money as Xero computes it, through the real `xero` against the session
sandbox: taxes recomputed on update, payments in foreign currency, currencies, totals."""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from tests.helpers.cli import run_xero

GLOBAL = ("--sandbox", "--tenant", "Demo Company (Global)")


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _money(value: object) -> Decimal:
    return Decimal(str(value))


def test_changing_line_amount_types_on_update_computes_the_tax_again(
    sandbox_env, tmp_path: Path
) -> None:
    """An update sending only LineAmountTypes kept the lines' stored tax: Inclusive -> Exclusive
    left 13.04 on 100 (not 15.00), and NoTax -> Exclusive left the tax at 0."""
    inclusive, no_tax = _unique("LATI"), _unique("LATN")
    csv = tmp_path / "lat.csv"
    csv.write_text(
        "Contact.Name,InvoiceNumber,Type,Status,DueDate,LineAmountTypes,LineItem.Description,"
        "LineItem.Quantity,LineItem.UnitAmount,LineItem.AccountCode,LineItem.TaxType\n"
        f"Kauri Florists,{inclusive},ACCREC,AUTHORISED,2026-12-01,Inclusive,C,1,100,200,OUTPUT2\n"
        f"Kauri Florists,{no_tax},ACCREC,AUTHORISED,2026-12-01,NoTax,E,1.5,19.99,200,\n",
        encoding="utf-8",
    )
    run_xero("--sandbox", "invoices", "create", "--file", str(csv), env=sandbox_env).ok()

    made_exclusive = run_xero(
        "--sandbox", "invoices", "update", inclusive, "--line-amount-types", "Exclusive",
        env=sandbox_env,
    ).ok().json()[0]  # fmt: skip
    assert made_exclusive["LineAmountTypes"] == "Exclusive"
    assert [_money(made_exclusive[k]) for k in ("SubTotal", "TotalTax", "Total")] == [
        Decimal("100.00"), Decimal("15.00"), Decimal("115.00"),
    ]  # fmt: skip
    line = made_exclusive["LineItems"][0]
    assert (_money(line["LineAmount"]), _money(line["TaxAmount"])) == (
        Decimal("100.00"), Decimal("15.00"),
    )  # fmt: skip

    taxed = run_xero(
        "--sandbox", "invoices", "update", no_tax, "--line-amount-types", "Exclusive",
        env=sandbox_env,
    ).ok().json()[0]  # fmt: skip
    # 1.5 x 19.99 = 29.985 -> 29.99; its account's OUTPUT2 (15%) now applies: 4.4985 -> 4.50.
    assert (_money(taxed["TotalTax"]), _money(taxed["Total"])) == (
        Decimal("4.50"), Decimal("34.49"),
    )  # fmt: skip

    # And back: the same invoice made NoTax again has no tax at all.
    untaxed = (
        run_xero(
            "--sandbox",
            "invoices",
            "update",
            no_tax,
            "--line-amount-types",
            "NoTax",
            env=sandbox_env,
        )
        .ok()
        .json()[0]
    )
    assert (_money(untaxed["TotalTax"]), _money(untaxed["Total"])) == (
        Decimal("0.00"), Decimal("29.99"),
    )  # fmt: skip


def test_a_foreign_invoice_paid_from_the_base_currency_bank_converts_its_bank_amount(
    sandbox_env,
) -> None:
    """BankAmount was always Amount, and a bank account in a third currency was accepted: a USD
    invoice paid 400 from the GBP account put 400 (not 400 / rate) in the bank, and paid from
    the EUR account it was taken at all."""
    number = _unique("GX")
    invoice = run_xero(
        *GLOBAL, "invoices", "create", "--contact", "Silverfern Software", "--number", number,
        "--currency", "USD", "--line", "W,1,1000,200", "--status", "AUTHORISED",
        "--due-date", "2026-12-31", env=sandbox_env,
    ).ok().json()[0]  # fmt: skip
    rate = _money(invoice["CurrencyRate"])
    assert rate != 1
    # A day of its own, far ahead, so the bank summary of that day holds this payment only.
    seed = int(uuid.uuid4().hex[:6], 16)
    day = f"{2040 + seed % 50}-{1 + seed // 50 % 12:02d}-{1 + seed // 600 % 28:02d}"

    pay = ("payments", "create", "--invoice", number, "--date", day)
    in_base = run_xero(*GLOBAL, *pay, "--account", "090", "--amount", "400", env=sandbox_env)
    payment = in_base.ok().json()[0]
    expected = (Decimal("400") / rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert (_money(payment["Amount"]), _money(payment["BankAmount"])) == (Decimal("400"), expected)

    in_usd = run_xero(*GLOBAL, *pay, "--account", "091", "--amount", "1", env=sandbox_env)
    payment = in_usd.ok().json()[0]
    assert _money(payment["Amount"]) == _money(payment["BankAmount"]) == Decimal("1")

    in_eur = run_xero(*GLOBAL, *pay, "--account", "092", "--amount", "1", env=sandbox_env)
    assert in_eur.code != 0 and in_eur.stdout == ""
    assert "(EUR) must be the document's currency (USD)" in in_eur.stderr
    owing = run_xero(*GLOBAL, "invoices", "get", number, env=sandbox_env).ok().json()
    owing = owing[0] if isinstance(owing, list) else owing
    assert _money(owing["AmountDue"]) == _money(owing["Total"]) - Decimal("401")  # not 402

    # The books hold what the bank got: the GBP account received the BankAmount that day.
    summary = run_xero(
        *GLOBAL, "reports", "bank-summary", "--from", day, "--to", day, "-o", "json",
        env=sandbox_env,
    ).ok().json()  # fmt: skip
    gbp = next(row for row in summary if row["Account"] == "Business Account GBP")
    assert _money(gbp["Cash Received"]) == expected


def test_a_currency_added_is_usable_and_only_iso_codes_other_than_the_base_are_added(
    env,
) -> None:
    """`currencies create --code SGD` said created, yet an SGD invoice was then refused "not
    used by this organisation"; `XYZ` (not ISO 4217) and `NZD` (the base) were "created"."""
    # The user's own demo company (not the session sandbox): adding a currency is for good.
    invoice = (
        "--sandbox", "invoices", "create", "--contact", "Kauri Florists", "--currency", "SGD",
        "--currency-rate", "0.85", "--line", "a,1,10,200",
    )  # fmt: skip
    before = run_xero(*invoice, env=env)
    assert before.code != 0 and "The currency code SGD is not used by this organisation" in (
        before.stderr
    )
    added = run_xero("--sandbox", "currencies", "create", "--code", "SGD", env=env).ok().json()
    assert added == [{"Code": "SGD", "Description": "Singapore Dollar"}]
    made = run_xero(*invoice, env=env).ok().json()[0]
    assert (made["CurrencyCode"], _money(made["CurrencyRate"])) == ("SGD", Decimal("0.85"))

    not_iso = run_xero("--sandbox", "currencies", "create", "--code", "XYZ", env=env)
    assert not_iso.code != 0 and not_iso.stdout == ""
    assert "Code must be an ISO 4217 code" in not_iso.stderr
    base = run_xero("--sandbox", "currencies", "create", "--code", "NZD", env=env)
    assert base.code != 0 and base.stdout == ""
    assert "NZD is the organisation's base currency" in base.stderr
    listed = run_xero("--sandbox", "currencies", "list", "-o", "json", env=env).ok().json()
    assert [c["Code"] for c in listed] == ["NZD", "SGD"]


def test_an_approved_invoice_cannot_total_less_than_zero_and_one_of_zero_is_paid(
    sandbox_env,
) -> None:
    """An AUTHORISED invoice totalling -11.50 was taken (Xero has credit notes for that), and
    one totalling 0.00 stayed AUTHORISED with nothing due instead of being PAID."""
    reference = _unique("zero")
    create = (
        "--sandbox", "invoices", "create", "--contact", "Kauri Florists", "--line", "a,1,10,200",
        "--due-date", "2026-12-31", "--reference", reference,
    )  # fmt: skip
    negative = run_xero(
        *create, "--line", "disc,-2,10,200", "--status", "AUTHORISED", env=sandbox_env
    )
    assert negative.code != 0 and negative.stdout == ""
    assert "The total of an approved invoice cannot be negative: use a credit note" in (
        negative.stderr
    )
    draft = run_xero(*create, "--line", "disc,-2,10,200", env=sandbox_env).ok().json()[0]
    assert (draft["Status"], _money(draft["Total"])) == ("DRAFT", Decimal("-11.50"))

    zero = (
        run_xero(*create, "--line", "disc,-1,10,200", "--status", "AUTHORISED", env=sandbox_env)
        .ok()
        .json()[0]
    )
    assert (zero["Status"], _money(zero["Total"]), _money(zero["AmountDue"])) == (
        "PAID", Decimal("0.00"), Decimal("0.00"),
    )  # fmt: skip
    assert zero["FullyPaidOnDate"] == zero["Date"]


def test_an_invalid_account_code_is_not_also_reported_missing(sandbox_env) -> None:
    """A line of an AUTHORISED invoice with code 99999 got "an AccountCode is required" before
    "Account code '99999' is not a valid code": it was given, only not valid."""
    result = run_xero(
        "--sandbox", "invoices", "create", "--contact", "Kauri Florists",
        "--reference", _unique("badcode"), "--line", "a,1,10,99999", "--line", "b,1,10,",
        "--status", "AUTHORISED", "--due-date", "2026-12-31", env=sandbox_env,
    )  # fmt: skip
    assert result.code != 0 and result.stdout == ""
    assert "Account code '99999' is not a valid code for this document." in result.stderr
    assert "Line item 1: an AccountCode is required" not in result.stderr
    assert "Line item 2: an AccountCode is required" in result.stderr  # none was given there
