"""Payout matching: exact amounts, number or reference, and no guessing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xerocli import errors
from xerocli.api.reconcile import match, read_payouts

INVOICES = [
    {
        "InvoiceID": "a",
        "InvoiceNumber": "INV-1",
        "Reference": "ORD-9",
        "AmountDue": Decimal("100.00"),
        "CurrencyCode": "NZD",
    },
    {
        "InvoiceID": "b",
        "InvoiceNumber": "INV-2",
        "Reference": "ORD-7",
        "AmountDue": Decimal("50.00"),
        "CurrencyCode": "NZD",
    },
    {
        "InvoiceID": "c",
        "InvoiceNumber": "INV-3",
        "Reference": "ORD-7",
        "AmountDue": Decimal("50.00"),
        "CurrencyCode": "NZD",
    },
]


def test_rows_match_by_number_or_reference_and_exact_amount() -> None:
    rows = read_payouts(
        "Invoice Number,Amount,Payout ID,Date\n"
        "INV-1,100.00,po_1,2026-11-01\n"
        "ord-9,99.99,po_2,2026-11-01\n"
        "ORD-7,50,po_3,2026-11-01\n"
        "INV-404,5,po_4,2026-11-01\n"
    )
    results = match(rows, INVOICES)
    assert [r.status for r in results] == ["matched", "unmatched", "ambiguous", "unmatched"]
    assert results[0].invoice["InvoiceID"] == "a"


def test_one_invoice_is_not_paid_twice_from_one_file() -> None:
    rows = read_payouts("invoice,amount\nINV-2,50.00\nINV-2,50.00\n")
    assert [r.status for r in match(rows, INVOICES)] == ["matched", "ambiguous"]


def test_keys_are_stable_per_row_and_invoice() -> None:
    rows = read_payouts("invoice,amount,payout\nINV-1,100,po_1\n")
    first = match(rows, INVOICES)[0].idempotency_key("tenant")
    again = match(read_payouts("invoice,amount,payout\nINV-1,100.00,po_1\n"), INVOICES)[0]
    assert first.startswith("apply-") and len(first) <= 128
    assert again.idempotency_key("tenant") != first  # "100" and "100.00" are different rows
    assert match(rows, INVOICES)[0].idempotency_key("tenant") == first


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("amount\n5\n", "no invoice column"),
        ("invoice,amount\nINV-1,lots\n", "row 2: amount: 'lots' is not a number"),
        ("invoice,amount\nINV-1,-5\n", "row 2: amount: '-5' must be positive"),
        ("invoice,amount,date\nINV-1,5,1/2/26\n", "row 2: date: '1/2/26' is not a date"),
        ("invoice,amount\nINV-1\n", "row 2: has 1 columns, the header has 2"),
    ],
)
def test_bad_payout_files_name_the_row(text: str, message: str) -> None:
    with pytest.raises(errors.UsageError, match=message):
        read_payouts(text)
