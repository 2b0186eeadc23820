"""The eight Accounting objects: list, get, create (PUT), create-or-update (POST), each read
back through Xero's own SDK without loss."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest

from tests.sandbox.sdk import check_answer

PAGED = {"Invoices", "Contacts", "BankTransactions", "CreditNotes", "Payments", "PurchaseOrders"}
#: collection -> (ID field, number field Xero lets you get by, SDK list attribute, SDK ID attr)
OBJECTS = {
    "Invoices": ("InvoiceID", "InvoiceNumber", "invoices", "invoice_id"),
    "Contacts": ("ContactID", None, "contacts", "contact_id"),
    "Accounts": ("AccountID", None, "accounts", "account_id"),
    "BankTransactions": ("BankTransactionID", None, "bank_transactions", "bank_transaction_id"),
    "Payments": ("PaymentID", None, "payments", "payment_id"),
    "Items": ("ItemID", None, "items", "item_id"),
    "PurchaseOrders": (
        "PurchaseOrderID",
        "PurchaseOrderNumber",
        "purchase_orders",
        "purchase_order_id",
    ),
    "CreditNotes": ("CreditNoteID", "CreditNoteNumber", "credit_notes", "credit_note_id"),
}
LINE = {
    "Description": "Widget service",
    "Quantity": 2,
    "UnitAmount": 10.555,
    "AccountCode": "200",
    "TaxType": "OUTPUT2",
}
PURCHASE_LINE = {**LINE, "AccountCode": "429", "TaxType": "INPUT2"}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def a_contact(client: httpx.Client) -> dict:
    return {
        "ContactID": client.get("Contacts", params={"page": 1}).json()["Contacts"][0]["ContactID"]
    }


def an_open_invoice(client: httpx.Client) -> dict:
    body = {
        "Type": "ACCREC",
        "Contact": a_contact(client),
        "Date": "2026-11-03",
        "DueDate": "2026-12-03",
        "Status": "AUTHORISED",
        "LineItems": [LINE],
    }
    answer = client.put("Invoices", json={"Invoices": [body]})
    assert answer.status_code == 200, answer.text
    return answer.json()["Invoices"][0]


def new_element(kind: str, client: httpx.Client) -> dict:
    """A valid new element of `kind` for the NZ company."""
    contact = a_contact(client)
    if kind == "Invoices":
        return {
            "Type": "ACCREC",
            "Contact": contact,
            "Date": "2026-11-03",
            "DueDate": "2026-12-03",
            "LineItems": [LINE],
            "Reference": "first",
        }
    if kind == "CreditNotes":
        return {
            "Type": "ACCRECCREDIT",
            "Contact": contact,
            "Date": "2026-11-03",
            "LineItems": [LINE],
            "Reference": "first",
        }
    if kind == "PurchaseOrders":
        return {
            "Contact": contact,
            "Date": "2026-11-03",
            "DeliveryDate": "2026-11-20",
            "LineItems": [PURCHASE_LINE],
            "Reference": "first",
        }
    if kind == "BankTransactions":
        return {
            "Type": "SPEND",
            "Contact": contact,
            "Date": "2026-11-03",
            "BankAccount": {"Code": "090"},
            "LineItems": [PURCHASE_LINE],
            "Reference": "first",
        }
    if kind == "Contacts":
        return {"Name": unique("Contact"), "EmailAddress": "someone@example.com"}
    if kind == "Accounts":
        return {"Code": unique("A")[:10], "Name": unique("Account"), "Type": "EXPENSE"}
    if kind == "Items":
        return {
            "Code": unique("IT"),
            "Name": "Test item",
            "SalesDetails": {"UnitPrice": 12.3456, "AccountCode": "200", "TaxType": "OUTPUT2"},
        }
    if kind == "Payments":
        invoice = an_open_invoice(client)
        return {
            "Invoice": {"InvoiceID": invoice["InvoiceID"]},
            "Account": {"Code": "090"},
            "Date": "2026-11-04",
            "Amount": 5.25,
            "Reference": "first",
        }
    raise AssertionError(kind)


def an_update(kind: str) -> dict:
    if kind == "Contacts":
        return {"Name": unique("Renamed")}
    if kind == "Accounts":
        return {"Name": unique("Renamed")}
    if kind == "Items":
        return {"Name": "Renamed item"}
    if kind == "Payments":
        return {"Status": "DELETED"}
    return {"Reference": "second"}


def check_created(kind: str, made, sent: dict) -> None:
    """What must survive the trip through the SDK for each kind."""
    if kind in ("Invoices", "CreditNotes", "PurchaseOrders", "BankTransactions"):
        assert made.date == date(2026, 11, 3)
        line = made.line_items[0]
        assert Decimal(str(line.unit_amount)) == Decimal("10.5550")  # asked with unitdp=4
        assert Decimal(str(line.quantity)) == Decimal("2")
        assert Decimal(str(line.line_amount)) == Decimal("21.11")
        assert line.line_item_id
        assert Decimal(str(made.sub_total)) == Decimal("21.11")
        tax = Decimal("3.17")  # 15% of 21.11, rounded half up
        if kind == "BankTransactions":
            assert made.bank_account.code == "090"
        assert Decimal(str(made.total_tax)) == tax
        assert Decimal(str(made.total)) == Decimal("21.11") + tax
        assert made.contact.contact_id == sent["Contact"]["ContactID"]
    if kind == "Invoices":
        assert made.invoice_number.startswith("INV-")
        assert made.due_date == date(2026, 12, 3)
        assert Decimal(str(made.amount_due)) == Decimal("24.28")
        assert made.status == "DRAFT"
    if kind == "CreditNotes":
        assert made.credit_note_number.startswith("CN-")
        assert Decimal(str(made.remaining_credit)) == Decimal("24.28")
    if kind == "PurchaseOrders":
        assert made.purchase_order_number.startswith("PO-")
        assert made.delivery_date == date(2026, 11, 20)
    if kind == "Items":
        assert Decimal(str(made.sales_details.unit_price)) == Decimal("12.3456")
    if kind == "Payments":
        assert Decimal(str(made.amount)) == Decimal("5.25")
        assert made.date == date(2026, 11, 4)
        assert made.invoice.invoice_id == sent["Invoice"]["InvoiceID"]
        assert made.account.code == "090"
        assert made.payment_type == "ACCRECPAYMENT"
    if kind in ("Contacts", "Accounts"):
        assert made.name == sent["Name"]


@pytest.mark.parametrize("kind", list(OBJECTS))
def test_list_and_get_read_back_through_the_sdk(nz, glob, kind: str) -> None:
    id_field, number_field, attr, id_attr = OBJECTS[kind]
    for client in (nz, glob):
        params = {"page": 2, "pageSize": 5} if kind in PAGED else {}
        listed = client.get(kind, params=params)
        objects = getattr(check_answer(listed, kind), attr)
        payload = listed.json()
        if kind in PAGED:
            page = payload["pagination"]
            assert page["page"] == 2 and page["pageSize"] == 5 and len(objects) == 5
            assert page["itemCount"] > 5 and page["pageCount"] == -(-page["itemCount"] // 5)
        else:
            assert "pagination" not in payload and len(objects) >= 10
        first = payload[kind][0]
        assert getattr(objects[0], id_attr) == first[id_field]
        got = client.get(f"{kind}/{first[id_field]}", params={"unitdp": 4})
        one = getattr(check_answer(got, kind), attr)
        assert len(one) == 1 and getattr(one[0], id_attr) == first[id_field]
        if number_field:
            numbered = next(r for r in payload[kind] if r[number_field])
            by_number = client.get(f"{kind}/{numbered[number_field]}")
            assert by_number.json()[kind][0][id_field] == numbered[id_field]
    assert client.get(f"{kind}/{uuid.uuid4()}").status_code == 404


@pytest.mark.parametrize("kind", list(OBJECTS))
def test_create_with_put_and_create_or_update_with_post(nz, kind: str) -> None:
    id_field, _, attr, id_attr = OBJECTS[kind]
    before = datetime.now(timezone.utc) - timedelta(seconds=2)
    sent = new_element(kind, nz)
    created = nz.put(kind, params={"unitdp": 4}, json={kind: [sent]})
    made = getattr(check_answer(created, kind), attr)[0]
    check_created(kind, made, sent)
    record_id = getattr(made, id_attr)

    got = nz.get(f"{kind}/{record_id}", params={"unitdp": 4})
    check_created(kind, getattr(check_answer(got, kind), attr)[0], sent)
    since = nz.get(kind, headers={"If-Modified-Since": before.isoformat()})
    assert record_id in {r[id_field] for r in since.json()[kind]}

    # POST with the ID updates in place ...
    change = an_update(kind)
    updated = nz.post(kind, json={kind: [{id_field: record_id, **change}]})
    after = getattr(check_answer(updated, kind), attr)[0]
    assert getattr(after, id_attr) == record_id
    shown = updated.json()[kind][0]
    assert all(shown[key] == value for key, value in change.items())
    assert nz.get(f"{kind}/{record_id}").json()[kind][0] == shown

    # ... and POST without one creates.
    again = new_element(kind, nz)
    posted = nz.post(kind, params={"unitdp": 4}, json={kind: [again]})
    second = getattr(check_answer(posted, kind), attr)[0]
    assert getattr(second, id_attr) != record_id
    check_created(kind, second, again)


def test_foreign_currency_records_in_the_global_company(glob) -> None:
    for kind in ("Invoices", "CreditNotes", "PurchaseOrders", "BankTransactions"):
        records = glob.get(kind, params={"page": 1, "pageSize": 1000}).json()[kind]
        currencies = {r["CurrencyCode"] for r in records}
        assert {"GBP", "USD", "EUR"} <= currencies, kind
        usd = next(r for r in records if r["CurrencyCode"] == "USD")
        assert usd["CurrencyRate"] > 1
    contact = a_contact(glob)
    answer = glob.put(
        "Invoices",
        json={
            "Type": "ACCPAY",
            "Contact": contact,
            "CurrencyCode": "EUR",
            "LineItems": [{**PURCHASE_LINE, "TaxType": "INPUT2"}],
        },
    )
    made = check_answer(answer, "Invoices").invoices[0]
    assert made.currency_code.value == "EUR" and Decimal(str(made.currency_rate)) > 1
    assert made.invoice_number == ""  # bills keep the supplier's number, none given


def test_purchase_orders_filter_by_status_and_dates(nz) -> None:
    answer = nz.get(
        "PurchaseOrders",
        params={
            "Status": "AUTHORISED",
            "DateFrom": "2025-01-01",
            "DateTo": "2026-12-31",
            "page": 1,
        },
    )
    orders = check_answer(answer, "PurchaseOrders").purchase_orders
    assert orders and {o.status for o in orders} == {"AUTHORISED"}
    assert all(date(2025, 1, 1) <= o.date <= date(2026, 12, 31) for o in orders)


def test_where_order_ids_and_statuses_on_payments_and_credit_notes(nz) -> None:
    payments = nz.get(
        "Payments", params={"where": 'PaymentType=="ACCPAYPAYMENT"', "order": "Date DESC"}
    )
    listed = payments.json()["Payments"]
    assert listed and {p["PaymentType"] for p in listed} == {"ACCPAYPAYMENT"}
    dates = [p["Date"] for p in listed]
    assert [int(d[6:-7]) for d in dates] == sorted((int(d[6:-7]) for d in dates), reverse=True)
    notes = nz.get("CreditNotes", params={"Statuses": "PAID,VOIDED"}).json()["CreditNotes"]
    assert notes and {n["Status"] for n in notes} <= {"PAID", "VOIDED"}
    ids = [n["CreditNoteID"] for n in notes[:2]]
    picked = nz.get("CreditNotes", params={"IDs": ",".join(ids)}).json()["CreditNotes"]
    assert sorted(n["CreditNoteID"] for n in picked) == sorted(ids)


def test_unit_amounts_have_two_places_unless_unitdp_4(nz) -> None:
    items = {i["Code"]: i for i in nz.get("Items").json()["Items"]}
    assert str(items["CABLE-HDMI"]["PurchaseDetails"]["UnitPrice"]) == "7.12"
    precise = {i["Code"]: i for i in nz.get("Items", params={"unitdp": 4}).json()["Items"]}
    assert str(precise["CABLE-HDMI"]["PurchaseDetails"]["UnitPrice"]) == "7.1235"
