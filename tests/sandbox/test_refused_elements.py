"""A refused element of a batch as Xero echoes it: the element it parsed, with its totals,
each line's own ValidationErrors, `HasErrors: true` and `StatusAttributeString: "ERROR"`."""

from __future__ import annotations

from decimal import Decimal

from tests.sandbox.test_accounting_objects import a_contact

GOOD_LINE = {"Description": "Hours", "Quantity": 3, "UnitAmount": 50, "AccountCode": "200"}
BAD_LINE = {"Description": "Parts", "Quantity": 2, "UnitAmount": 12.5, "AccountCode": "999"}


def _bad_invoice(client) -> dict:
    return {
        "Type": "ACCREC",
        "Contact": a_contact(client),
        "Reference": "refused-echo",
        "LineAmountTypes": "NoTax",
        "LineItems": [GOOD_LINE, BAD_LINE],
    }


def _check_parsed(element: dict) -> None:
    assert element["StatusAttributeString"] == "ERROR"
    assert element["HasErrors"] is True
    assert element["InvoiceID"] == "00000000-0000-0000-0000-000000000000"
    assert "InvoiceNumber" not in element  # none was sent, and none was given
    assert element["Reference"] == "refused-echo"
    assert (element["Status"], element["LineAmountTypes"]) == ("DRAFT", "NoTax")
    assert Decimal(str(element["SubTotal"])) == Decimal("175.00")
    assert Decimal(str(element["Total"])) == Decimal("175.00")
    good, bad = element["LineItems"]
    assert Decimal(str(good["LineAmount"])) == Decimal("150.00")
    assert "ValidationErrors" not in good
    assert Decimal(str(bad["LineAmount"])) == Decimal("25.00")
    assert [e["Message"] for e in bad["ValidationErrors"]] == [
        "Account code '999' is not a valid code for this document."
    ]
    messages = [e["Message"] for e in element["ValidationErrors"]]
    assert "Account code '999' is not a valid code for this document." in messages


def test_a_refused_element_of_a_partial_batch_is_echoed_parsed(nz) -> None:
    good = {**_bad_invoice(nz), "LineItems": [GOOD_LINE]}
    answer = nz.put(
        "Invoices", params={"summarizeErrors": "false"}, json={"Invoices": [good, _bad_invoice(nz)]}
    )
    assert answer.status_code == 200, answer.text
    made, refused = answer.json()["Invoices"]
    assert made["StatusAttributeString"] == "OK" and made["HasErrors"] is False
    _check_parsed(refused)


def test_a_refused_batch_echoes_the_parsed_element_in_its_400(nz) -> None:
    answer = nz.put("Invoices", json={"Invoices": [_bad_invoice(nz)]})
    assert answer.status_code == 400
    [element] = answer.json()["Elements"]
    _check_parsed(element)
