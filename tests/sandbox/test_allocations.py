"""Credit note allocations over HTTP, as Xero has them: `PUT /CreditNotes/{ID}/Allocations`,
or `Allocations` sent on an AUTHORISED credit note; the amounts move on both sides."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from tests.helpers.oauth import login
from tests.helpers.sandbox import start_seeded, tenant_client
from tests.sandbox.test_accounting_objects import a_contact


@pytest.fixture(scope="module")
def nz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A sandbox of its own: settling seeded-looking invoices by credit would break the seed
    consistency checks that share the package's sandbox."""
    running = start_seeded(tmp_path_factory, "allocations", 20)
    running.configure(minute_limit=100_000, day_limit=1_000_000)
    try:
        with tenant_client(running, login(running.url), 0) as client:
            yield client
    finally:
        running.stop()


LINE = {"Description": "Parts", "Quantity": 1, "UnitAmount": 100, "AccountCode": "200"}


def _invoice(client, contact: dict, amount: int = 100) -> dict:
    body = {
        "Type": "ACCREC",
        "Contact": contact,
        "Date": "2026-11-03",
        "DueDate": "2026-12-03",
        "Status": "AUTHORISED",
        "LineAmountTypes": "NoTax",
        "LineItems": [{**LINE, "UnitAmount": amount}],
    }
    answer = client.put("Invoices", json={"Invoices": [body]})
    assert answer.status_code == 200, answer.text
    return answer.json()["Invoices"][0]


def _credit_note(client, contact: dict, amount: int = 60, **extra) -> tuple[int, dict]:
    body = {
        "Type": "ACCRECCREDIT",
        "Contact": contact,
        "Date": "2026-11-04",
        "Status": "AUTHORISED",
        "LineAmountTypes": "NoTax",
        "LineItems": [{**LINE, "UnitAmount": amount}],
        **extra,
    }
    answer = client.put("CreditNotes", json={"CreditNotes": [body]})
    return answer.status_code, answer.json()


def _get(client, kind: str, record_id: str) -> dict:
    return client.get(f"{kind}/{record_id}").json()[kind][0]


def _money(value: object) -> Decimal:
    return Decimal(str(value))


def test_an_allocation_moves_credit_and_amount_due_and_settles_in_full(nz) -> None:
    contact = a_contact(nz)
    invoice = _invoice(nz, contact)
    status, made = _credit_note(nz, contact)
    assert status == 200, made
    note = made["CreditNotes"][0]
    url = f"CreditNotes/{note['CreditNoteID']}/Allocations"
    sent = {"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 40, "Date": "2026-11-05"}
    answer = nz.put(url, json={"Allocations": [sent]})
    assert answer.status_code == 200, answer.text
    [allocation] = answer.json()["Allocations"]
    assert _money(allocation["Amount"]) == Decimal("40.00")
    assert allocation["Invoice"]["InvoiceID"] == invoice["InvoiceID"]
    assert allocation["CreditNote"]["CreditNoteID"] == note["CreditNoteID"]
    assert allocation["Date"].startswith("/Date(")

    got_note = _get(nz, "CreditNotes", note["CreditNoteID"])
    got_invoice = _get(nz, "Invoices", invoice["InvoiceID"])
    assert _money(got_note["RemainingCredit"]) == Decimal("20.00")
    assert got_note["Status"] == "AUTHORISED"
    assert [_money(a["Amount"]) for a in got_note["Allocations"]] == [Decimal("40.00")]
    assert _money(got_invoice["AmountCredited"]) == Decimal("40.00")
    assert _money(got_invoice["AmountDue"]) == Decimal("60.00")
    assert [c["CreditNoteID"] for c in got_invoice["CreditNotes"]] == [note["CreditNoteID"]]
    assert _money(got_invoice["CreditNotes"][0]["AppliedAmount"]) == Decimal("40.00")

    # More than the credit left is refused, and nothing moves.
    over = nz.put(url, json={"Allocations": [{**sent, "Amount": 20.01}]})
    assert over.status_code == 400
    [element] = over.json()["Elements"]
    assert "exceeds the remaining credit" in element["ValidationErrors"][0]["Message"]
    assert _money(_get(nz, "CreditNotes", note["CreditNoteID"])["RemainingCredit"]) == 20

    # The rest of the credit: the credit note is fully allocated, so PAID.
    assert nz.put(url, json={"Allocations": [{**sent, "Amount": 20}]}).status_code == 200
    got_note = _get(nz, "CreditNotes", note["CreditNoteID"])
    assert (got_note["Status"], _money(got_note["RemainingCredit"])) == ("PAID", 0)

    # A second credit note pays the invoice in full: the invoice is PAID.
    _, second = _credit_note(nz, contact, 40)
    second_id = second["CreditNotes"][0]["CreditNoteID"]
    full = {"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 40, "Date": "2026-11-06"}
    assert nz.put(f"CreditNotes/{second_id}/Allocations", json=full).status_code == 200
    got_invoice = _get(nz, "Invoices", invoice["InvoiceID"])
    assert (got_invoice["Status"], _money(got_invoice["AmountDue"])) == ("PAID", 0)
    assert _money(got_invoice["AmountCredited"]) == Decimal("100.00")
    assert got_invoice["FullyPaidOnDate"].startswith("/Date(")


def test_an_allocation_beyond_the_amount_due_or_to_another_contact_is_refused(nz) -> None:
    contacts = nz.get("Contacts", params={"page": 1}).json()["Contacts"]
    mine, other = ({"ContactID": c["ContactID"]} for c in contacts[:2])
    invoice = _invoice(nz, mine, 30)
    foreign = _invoice(nz, other, 30)
    _, made = _credit_note(nz, mine, 60)
    url = f"CreditNotes/{made['CreditNotes'][0]['CreditNoteID']}/Allocations"
    cases = [
        ({"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 31}, "amount due"),
        ({"Invoice": {"InvoiceID": foreign["InvoiceID"]}, "Amount": 5}, "same contact"),
        ({"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 0}, "greater than zero"),
        ({"Amount": 5}, "An Invoice must be specified"),
        ({"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": ""}, "Amount is required"),
    ]
    for sent, message in cases:
        answer = nz.put(url, json={"Allocations": [sent]})
        assert answer.status_code == 400, sent
        errors = answer.json()["Elements"][0]["ValidationErrors"]
        assert any(message in e["Message"] for e in errors), (sent, errors)
    assert _money(_get(nz, "Invoices", invoice["InvoiceID"])["AmountDue"]) == 30
    # summarizeErrors=false: the good one is made, the bad one reported beside it.
    answer = nz.put(
        url,
        params={"summarizeErrors": "false"},
        json={"Allocations": [cases[1][0], {**cases[0][0], "Amount": 30}]},
    )
    assert answer.status_code == 200
    bad, good = answer.json()["Allocations"]
    assert bad["StatusAttributeString"] == "ERROR" and "ValidationErrors" in bad
    assert _money(good["Amount"]) == 30
    assert _get(nz, "Invoices", invoice["InvoiceID"])["Status"] == "PAID"


def test_allocations_sent_on_a_credit_note_are_made_not_dropped(nz) -> None:
    contact = a_contact(nz)
    invoice = _invoice(nz, contact)
    alloc = [{"Invoice": {"InvoiceID": invoice["InvoiceID"]}, "Amount": 25, "Date": "2026-11-04"}]
    status, made = _credit_note(nz, contact, 60, Allocations=alloc)
    assert status == 200, made
    note = made["CreditNotes"][0]
    assert _money(note["RemainingCredit"]) == Decimal("35.00")
    assert [_money(a["Amount"]) for a in note["Allocations"]] == [25]
    assert _money(_get(nz, "Invoices", invoice["InvoiceID"])["AmountCredited"]) == 25

    # On a draft, or beyond the credit, they are an error, not silently left out.
    status, refused = _credit_note(nz, contact, 60, Allocations=alloc, Status="DRAFT")
    assert status == 400
    assert "AUTHORISED" in refused["Elements"][0]["ValidationErrors"][0]["Message"]
    too_much = [{**alloc[0], "Amount": 61}]
    status, refused = _credit_note(nz, contact, 60, Allocations=too_much)
    assert status == 400
    assert "remaining credit" in refused["Elements"][0]["ValidationErrors"][0]["Message"]
    assert _money(_get(nz, "Invoices", invoice["InvoiceID"])["AmountCredited"]) == 25


def test_allocations_of_an_unknown_credit_note_are_a_404(nz) -> None:
    answer = nz.put(
        "CreditNotes/00000000-0000-4000-8000-000000000000/Allocations",
        json={"Allocations": [{"Invoice": {"InvoiceID": "x"}, "Amount": 1}]},
    )
    assert answer.status_code == 404
