"""Numbers past what Xero holds are validation errors, as on Xero, not a 500.

An amount of 1e40 or a quantity of 1e400 used to reach `quantize` and answer 500
`decimal.InvalidOperation`. The bodies are raw JSON text: Python floats cannot hold 1e400.
"""

from __future__ import annotations

import json

import pytest

from tests.sandbox.test_accounting_objects import a_contact


def put_raw(client, text: str, **params: str):
    return client.put(
        "Invoices", params=params, content=text, headers={"Content-Type": "application/json"}
    )


def invoice_text(client, lines: str, extra: str = "") -> str:
    contact = json.dumps(a_contact(client))
    invoice = f'{{"Type": "ACCREC", "Contact": {contact}, {extra}"LineItems": [{lines}]}}'
    return f'{{"Invoices": [{invoice}]}}'


def line(quantity: str, unit: str) -> str:
    return (
        f'{{"Description": "big", "Quantity": {quantity}, "UnitAmount": {unit},'
        ' "AccountCode": "200"}'
    )


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (line("1e400", "1"), "Line item 1 Quantity is too large: at most 18 digits"),
        (line("1", "1e40"), "Line item 1 UnitAmount is too large: at most 18 digits"),
        (line("1", '"-1E+19"'), "Line item 1 UnitAmount is too large"),
        (line("1e17", "1e17"), "Line item 1: Quantity x UnitAmount is too large"),
        (
            line("1", "900000000000000000") + "," + line("1", "900000000000000000"),
            "The total is too large",
        ),
    ],
)
def test_numbers_past_eighteen_digits_are_a_validation_exception(nz, lines, message) -> None:
    answer = put_raw(nz, invoice_text(nz, lines))
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["Type"] == "ValidationException"
    [element] = body["Elements"]
    assert any(message in error["Message"] for error in element["ValidationErrors"]), body


def test_per_element_with_summarize_errors_false(nz) -> None:
    answer = put_raw(nz, invoice_text(nz, line("1", "1e40")), summarizeErrors="false")
    assert answer.status_code == 200, answer.text
    [element] = answer.json()["Invoices"]
    assert element["StatusAttributeString"] == "ERROR"
    assert "UnitAmount is too large" in element["ValidationErrors"][0]["Message"]


def test_eighteen_digits_are_fine_and_a_rate_that_rounds_to_zero_is_refused(glob) -> None:
    answer = put_raw(glob, invoice_text(glob, line("1", "99999999999999999.99")))
    assert answer.status_code == 200, answer.text
    assert str(answer.json()["Invoices"][0]["Total"]).startswith("1")
    tiny = invoice_text(glob, line("1", "1"), '"CurrencyCode": "USD", "CurrencyRate": 1e-7, ')
    answer = put_raw(glob, tiny)
    assert answer.status_code == 400, answer.text
    errors = answer.json()["Elements"][0]["ValidationErrors"]
    assert errors == [{"Message": "The Currency rate must be greater than zero."}]
