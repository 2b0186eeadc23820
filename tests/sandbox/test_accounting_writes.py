"""Write behaviour as Xero has it: validation, partial success, idempotency, and the effects
of payments, voiding and emailing on an invoice."""

from __future__ import annotations

import threading
import uuid
from decimal import Decimal

from tests.sandbox.sdk import check_answer
from tests.sandbox.test_accounting_objects import LINE, a_contact, an_open_invoice


def good_invoice(client) -> dict:
    return {"Type": "ACCREC", "Contact": a_contact(client), "LineItems": [LINE]}


def count(client, kind: str = "Invoices") -> int:
    return client.get(kind, params={"page": 1, "pageSize": 1}).json()["pagination"]["itemCount"]


def test_a_bad_element_fails_the_whole_batch_with_a_validation_exception(nz) -> None:
    before = count(nz)
    bad = {
        "Type": "ACCREC",
        "Contact": {"ContactID": str(uuid.uuid4())},
        "InvoiceNumber": "INV-0001",
        "CurrencyCode": "JPY",
        "Date": "not-a-date",
        "LineItems": [
            {"Quantity": "many", "UnitAmount": 1, "AccountCode": "999", "TaxType": "NOPE"}
        ],
    }
    answer = nz.put("Invoices", json={"Invoices": [good_invoice(nz), bad]})
    assert answer.status_code == 400
    body = answer.json()
    assert body["ErrorNumber"] == 10 and body["Type"] == "ValidationException"
    assert body["Message"] == "A validation exception occurred"
    [element] = body["Elements"]
    assert element["InvoiceNumber"] == "INV-0001"  # the element is echoed
    messages = [e["Message"] for e in element["ValidationErrors"]]
    assert "Invoice # must be unique." in messages
    assert "Account code '999' is not a valid code for this document." in messages
    assert any("ContactID" in m for m in messages)
    assert any("JPY" in m for m in messages)
    assert any("Quantity" in m for m in messages)
    assert any("Date" in m for m in messages)
    assert any("NOPE" in m for m in messages)
    assert count(nz) == before  # nothing of the batch was created


def test_missing_type_contact_and_bad_status_or_rate_are_errors(nz) -> None:
    cases = [
        ({"Contact": a_contact(nz), "LineItems": [LINE]}, "Type is required"),
        ({"Type": "ACCREC", "LineItems": [LINE]}, "A Contact must be specified"),
        ({**good_invoice(nz), "Type": "SALE"}, "Type 'SALE' is not valid"),
        ({**good_invoice(nz), "Status": "PAID"}, "cannot have status PAID"),
        ({**good_invoice(nz), "Status": "AUTHORISED"}, "Due Date is required"),
    ]
    for sent, message in cases:
        answer = nz.put("Invoices", json=sent)
        assert answer.status_code == 400, sent
        errors = answer.json()["Elements"][0]["ValidationErrors"]
        assert any(message in e["Message"] for e in errors), (message, errors)
    glob_rate = {
        "Type": "ACCPAY",
        "Contact": {"Name": "Rate Test Ltd"},
        "CurrencyCode": "USD",
        "CurrencyRate": -2,
        "LineItems": [{**LINE, "AccountCode": "429"}],
    }
    assert nz.put("Invoices", json=glob_rate).status_code == 400  # USD is not an NZ currency


def test_summarize_errors_false_creates_the_good_elements_only(nz) -> None:
    before = count(nz)
    name = f"Brand New Customer {uuid.uuid4().hex[:6]}"
    good = {"Type": "ACCREC", "Contact": {"Name": name}, "LineItems": [LINE]}
    bad = {
        "Type": "ACCREC",
        "Contact": {"Name": name},
        "LineItems": [{**LINE, "AccountCode": "999"}],
    }
    answer = nz.put("Invoices", params={"summarizeErrors": "false"}, json={"Invoices": [good, bad]})
    invoices = check_answer(answer, "Invoices").invoices
    assert [i.status_attribute_string for i in invoices] == ["OK", "ERROR"]
    assert invoices[0].invoice_id and invoices[0].contact.name == name
    assert str(invoices[1].invoice_id) == "00000000-0000-0000-0000-000000000000"  # as Xero
    assert invoices[1].validation_errors[0].message.startswith("Account code '999'")
    assert count(nz) == before + 1
    # An unknown contact name creates the contact, as Xero does; once.
    found = nz.get("Contacts", params={"where": f'Name=="{name}"'}).json()["Contacts"]
    assert len(found) == 1


def test_an_idempotency_key_replays_the_first_answer(nz) -> None:
    key = str(uuid.uuid4())
    before = count(nz)
    body = {"Invoices": [good_invoice(nz)]}
    first = nz.put("Invoices", json=body, headers={"Idempotency-Key": key})
    second = nz.put("Invoices", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert count(nz) == before + 1
    other = nz.put(
        "Invoices",
        json={"Invoices": [{**good_invoice(nz), "Reference": "x"}]},
        headers={"Idempotency-Key": key},
    )
    assert other.status_code == 400 and "Idempotency" in other.json()["Message"]
    too_long = nz.put("Invoices", json=body, headers={"Idempotency-Key": "k" * 129})
    assert too_long.status_code == 400
    assert count(nz) == before + 1


def test_racing_requests_with_one_key_create_once(nz) -> None:
    key = str(uuid.uuid4())
    before = count(nz, "Contacts")
    body = {"Contacts": [{"Name": f"Racer {key[:8]}"}]}
    answers = []

    def send() -> None:
        answers.append(nz.put("Contacts", json=body, headers={"Idempotency-Key": key}))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200] * 4
    assert len({a.json()["Contacts"][0]["ContactID"] for a in answers}) == 1
    assert count(nz, "Contacts") == before + 1


def test_the_replay_window_ends(nz, small_sandbox) -> None:
    key = str(uuid.uuid4())
    body = {"Contacts": [{"Name": f"Window {key[:8]}"}]}
    assert nz.put("Contacts", json=body, headers={"Idempotency-Key": key}).status_code == 200
    small_sandbox.advance_clock(361)  # Xero's window is about 6 minutes
    again = nz.put("Contacts", json=body, headers={"Idempotency-Key": key})
    assert again.status_code == 400  # processed anew: the name is now taken
    assert "already assigned" in again.json()["Elements"][0]["ValidationErrors"][0]["Message"]


def test_payments_move_amount_due_and_status_and_can_be_deleted(nz) -> None:
    invoice = an_open_invoice(nz)
    invoice_id, total = invoice["InvoiceID"], Decimal(str(invoice["Total"]))
    too_much = nz.put(
        "Payments",
        json={
            "Invoice": {"InvoiceID": invoice_id},
            "Account": {"Code": "090"},
            "Amount": float(total + 1),
        },
    )
    assert too_much.status_code == 400
    assert "exceeds" in too_much.json()["Elements"][0]["ValidationErrors"][0]["Message"]

    part = nz.put(
        "Payments",
        json={
            "Payments": [
                {
                    "Invoice": {"InvoiceNumber": invoice["InvoiceNumber"]},
                    "Account": {"Code": "090"},
                    "Amount": 4,
                }
            ]
        },
    )
    part_id = check_answer(part, "Payments").payments[0].payment_id
    now = nz.get(f"Invoices/{invoice_id}").json()["Invoices"][0]
    assert now["Status"] == "AUTHORISED" and now["AmountPaid"] == 4
    assert Decimal(str(now["AmountDue"])) == total - 4
    rest = nz.put(
        "Payments",
        json={
            "Invoice": {"InvoiceID": invoice_id},
            "Account": {"Code": "090"},
            "Amount": float(total - 4),
            "Date": "2026-11-10",
        },
    )
    rest_id = rest.json()["Payments"][0]["PaymentID"]
    paid = check_answer(nz.get(f"Invoices/{invoice_id}"), "Invoices").invoices[0]
    assert paid.status == "PAID" and paid.amount_due == 0
    assert str(paid.fully_paid_on_date) == "2026-11-10"
    assert {p.payment_id for p in paid.payments} == {part_id, rest_id}
    # A paid invoice cannot be voided.
    void = nz.post(f"Invoices/{invoice_id}", json={"Invoices": [{"Status": "VOIDED"}]})
    assert void.status_code == 400

    deleted = nz.post(f"Payments/{rest_id}", json={"Payments": [{"Status": "DELETED"}]})
    assert deleted.json()["Payments"][0]["Status"] == "DELETED"
    back = nz.get(f"Invoices/{invoice_id}").json()["Invoices"][0]
    assert back["Status"] == "AUTHORISED" and "FullyPaidOnDate" not in back
    assert Decimal(str(back["AmountDue"])) == total - 4
    assert [p["PaymentID"] for p in back["Payments"]] == [part_id]


def test_void_delete_and_email(nz) -> None:
    invoice = an_open_invoice(nz)
    invoice_id = invoice["InvoiceID"]
    sent = nz.post(f"Invoices/{invoice_id}/Email")
    assert sent.status_code == 204
    assert nz.get(f"Invoices/{invoice_id}").json()["Invoices"][0]["SentToContact"] is True
    voided = nz.post(f"Invoices/{invoice_id}", json={"Invoices": [{"Status": "VOIDED"}]})
    assert voided.status_code == 200
    shown = voided.json()["Invoices"][0]
    assert shown["Status"] == "VOIDED" and shown["AmountDue"] == 0
    assert nz.post(f"Invoices/{invoice_id}/Email").status_code == 400

    draft = nz.put("Invoices", json=good_invoice(nz)).json()["Invoices"][0]
    assert nz.post(f"Invoices/{draft['InvoiceID']}/Email").status_code == 400
    assert nz.post(f"Invoices/{draft['InvoiceID']}", json={"Status": "VOIDED"}).status_code == 400
    gone = nz.post(f"Invoices/{draft['InvoiceID']}", json={"Invoices": [{"Status": "DELETED"}]})
    assert gone.json()["Invoices"][0]["Status"] == "DELETED"
    assert nz.post(f"Invoices/{uuid.uuid4()}", json={"Status": "VOIDED"}).status_code == 404


def test_posting_an_existing_invoice_number_updates_it(nz) -> None:
    made = nz.put("Invoices", json=good_invoice(nz)).json()["Invoices"][0]
    again = nz.post(
        "Invoices",
        json={
            "Invoices": [
                {"Type": "ACCREC", "InvoiceNumber": made["InvoiceNumber"], "Reference": "by number"}
            ]
        },
    )
    shown = again.json()["Invoices"][0]
    assert shown["InvoiceID"] == made["InvoiceID"] and shown["Reference"] == "by number"
    duplicate = nz.put(
        "Invoices", json={**good_invoice(nz), "InvoiceNumber": made["InvoiceNumber"]}
    )
    assert duplicate.status_code == 400


def test_items_contacts_updates_and_item_delete(nz) -> None:
    code = f"DEL-{uuid.uuid4().hex[:6]}"
    item = nz.put("Items", json={"Code": code, "Name": "Doomed"}).json()["Items"][0]
    renamed = nz.post(f"Items/{item['ItemID']}", json={"Items": [{"Name": "Renamed"}]})
    assert renamed.json()["Items"][0]["Name"] == "Renamed"
    assert nz.put("Items", json={"Code": code}).status_code == 400  # codes are unique
    assert nz.delete(f"Items/{item['ItemID']}").status_code == 204
    assert nz.get(f"Items/{item['ItemID']}").status_code == 404
    contact = a_contact(nz)["ContactID"]
    updated = nz.post(f"Contacts/{contact}", json={"Contacts": [{"EmailAddress": "new@x.example"}]})
    assert updated.json()["Contacts"][0]["EmailAddress"] == "new@x.example"
    bad = nz.post(f"Contacts/{contact}", json={"EmailAddress": "not an email"})
    assert bad.status_code == 400


def test_batch_limits(nz) -> None:
    items = [{"Code": f"B{n}"} for n in range(501)]
    assert nz.put("Items", json={"Items": items}).status_code == 400
    big = {"Contacts": [{"Name": "x" * 1000, "Notes": "y" * 4_000_000}]}
    assert nz.put("Contacts", json=big).status_code == 413
