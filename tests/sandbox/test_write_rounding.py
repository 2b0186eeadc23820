"""Unit amounts sent without `unitdp=4` are rounded to 2 places before anything is computed,
as Xero does, so a line's amount is what its shown unit amount and quantity give."""

from __future__ import annotations

from decimal import Decimal

from tests.sandbox.test_accounting_objects import a_contact, unique


def _invoice(client, unit: str, **params) -> dict:
    body = {
        "Type": "ACCREC",
        "Contact": a_contact(client),
        "LineAmountTypes": "NoTax",
        "LineItems": [
            {"Description": "x", "Quantity": 2, "UnitAmount": unit, "AccountCode": "200"}
        ],
    }
    answer = client.put("Invoices", params=params, json={"Invoices": [body]})
    assert answer.status_code == 200, answer.text
    return answer.json()["Invoices"][0]


def test_a_unit_amount_sent_without_unitdp_is_rounded_to_two_places_first(nz) -> None:
    made = _invoice(nz, "10.12345")
    [line] = made["LineItems"]
    assert Decimal(str(line["UnitAmount"])) == Decimal("10.12")
    assert Decimal(str(line["LineAmount"])) == Decimal("20.24")  # 2 x 10.12, not 2 x 10.1234
    assert Decimal(str(made["Total"])) == Decimal("20.24")
    stored = nz.get(f"Invoices/{made['InvoiceID']}", params={"unitdp": 4}).json()["Invoices"][0]
    assert Decimal(str(stored["LineItems"][0]["UnitAmount"])) == Decimal("10.12")


def test_a_unit_amount_sent_with_unitdp_4_keeps_four_places(nz) -> None:
    made = _invoice(nz, "10.12345", unitdp=4)
    [line] = made["LineItems"]
    assert Decimal(str(line["UnitAmount"])) == Decimal("10.1235")
    assert Decimal(str(line["LineAmount"])) == Decimal("20.25")


def test_an_item_price_sent_without_unitdp_is_rounded_to_two_places(nz) -> None:
    code = unique("R")[:30]
    sent = {"Code": code, "Name": code, "SalesDetails": {"UnitPrice": "3.14159"}}
    assert nz.put("Items", json={"Items": [sent]}).status_code == 200
    [item] = nz.get("Items", params={"unitdp": 4, "where": f'Code=="{code}"'}).json()["Items"]
    assert Decimal(str(item["SalesDetails"]["UnitPrice"])) == Decimal("3.14")
