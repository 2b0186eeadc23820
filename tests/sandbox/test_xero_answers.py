"""Answers shaped as Xero's own (issue 13): auth error bodies, plain-text 404s, `LineItems: []`
in unpaged lists, `searchTerm`, `includeArchived`, unknown fields and GUID `IDs` refused."""

from __future__ import annotations

import uuid

import pytest

from tests.helpers import loopback
from tests.helpers.oauth import api_headers
from tests.sandbox.sdk import check_answer, deserialize
from xerocli.sandbox import resources

#: Every collection the sandbox lists, and the SDK attribute of its records.
COLLECTIONS = {
    "Invoices": "invoices",
    "Contacts": "contacts",
    "Accounts": "accounts",
    "BankTransactions": "bank_transactions",
    "Payments": "payments",
    "Items": "items",
    "PurchaseOrders": "purchase_orders",
    "CreditNotes": "credit_notes",
    "TaxRates": "tax_rates",
    "ManualJournals": "manual_journals",
}
WITH_LINE_ITEMS = ("Invoices", "CreditNotes", "BankTransactions", "PurchaseOrders")
PROBLEM_KEYS = {"Type", "Title", "Status", "Detail", "Instance", "Extensions"}


def tag(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def test_401_and_403_bodies_carry_every_key_xero_sends(small_sandbox, token, nz) -> None:
    api = f"{small_sandbox.url}/api.xro/2.0/Invoices"
    tenant = nz.tenant["tenant_id"]
    unauthorised = loopback.get(api, headers=api_headers("not-a-token", tenant))
    forbidden = loopback.get(api, headers=api_headers(token, str(uuid.uuid4())))
    for answer, status, title, detail in (
        (unauthorised, 401, "Unauthorized", "AuthenticationUnsuccessful"),
        (forbidden, 403, "Forbidden", "AuthenticationUnsuccessful"),
    ):
        body = answer.json()
        assert answer.status_code == status and set(body) == PROBLEM_KEYS, body
        assert body["Type"] is None and body["Extensions"] == {}
        assert (body["Title"], body["Status"], body["Detail"]) == (title, status, detail)
        uuid.UUID(body["Instance"])
    again = loopback.get(api, headers=api_headers("not-a-token", tenant)).json()
    assert again["Instance"] != unauthorised.json()["Instance"], "one Instance per answer"


@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_an_unknown_record_is_a_plain_text_404(nz, kind: str) -> None:
    answer = nz.get(f"{kind}/{uuid.uuid4()}")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text == "The resource you're looking for cannot be found"


@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_unpaged_lists_deserialize_with_xero_python(nz, glob, kind: str) -> None:
    for client in (nz, glob):
        answer = client.get(kind)
        # TaxRates carry an UpdatedDateUTC the spec's model lacks: deserialized, not lossless.
        parsed = deserialize(answer, kind) if kind == "TaxRates" else check_answer(answer, kind)
        records = getattr(parsed, COLLECTIONS[kind])
        assert records, f"the demo company has {kind}"
        listed = answer.json()[kind]
        if kind in WITH_LINE_ITEMS:
            assert all(record["LineItems"] == [] for record in listed)
            assert all(record.line_items == [] for record in records)


def test_search_term_looks_in_invoice_numbers_and_references(nz) -> None:
    contact = nz.get("Contacts", params={"page": 1}).json()["Contacts"][0]["ContactID"]
    reference = tag("Ref-Kiwi-")
    line = {"Description": "x", "Quantity": 1, "UnitAmount": 5, "AccountCode": "200"}
    made = nz.put(
        "Invoices",
        json={
            "Type": "ACCREC",
            "Contact": {"ContactID": contact},
            "Reference": reference,
            "LineItems": [line],
        },
    ).json()["Invoices"][0]
    by_reference = nz.get("Invoices", params={"searchTerm": reference.upper(), "page": 1})
    assert [i["InvoiceID"] for i in by_reference.json()["Invoices"]] == [made["InvoiceID"]]
    number = made["InvoiceNumber"]
    by_number = nz.get("Invoices", params={"searchTerm": number.lower()}).json()["Invoices"]
    assert made["InvoiceID"] in {i["InvoiceID"] for i in by_number}
    assert all(
        number.lower() in (i["InvoiceNumber"] + (i.get("Reference") or "")).lower()
        for i in by_number
    )
    assert nz.get("Invoices", params={"searchTerm": tag("nothing-")}).json()["Invoices"] == []


@pytest.mark.parametrize(
    "field", ["Name", "FirstName", "LastName", "ContactNumber", "CompanyNumber", "EmailAddress"]
)
def test_search_term_looks_in_every_contact_field_xero_names(nz, field: str) -> None:
    word = tag("Zq")
    value = f"{word}@example.com" if field == "EmailAddress" else f"Mc{word}"
    sent = {"Name": tag("Search contact "), field: value}
    made = nz.put("Contacts", json=sent).json()["Contacts"][0]
    found = nz.get("Contacts", params={"searchTerm": word.upper()}).json()["Contacts"]
    assert [c["ContactID"] for c in found] == [made["ContactID"]]


def test_archived_contacts_only_with_include_archived(nz) -> None:
    name = tag("Archived contact ")
    made = nz.put("Contacts", json={"Name": name, "ContactStatus": "ARCHIVED"}).json()
    contact_id = made["Contacts"][0]["ContactID"]
    assert made["Contacts"][0]["ContactStatus"] == "ARCHIVED"

    def listed(**params: str) -> list[dict]:
        return nz.get("Contacts", params=params).json()["Contacts"]

    default = listed()
    assert contact_id not in {c["ContactID"] for c in default}
    assert all(c["ContactStatus"] != "ARCHIVED" for c in default)
    assert all(c["ContactStatus"] != "ARCHIVED" for c in listed(page="1", pageSize="1000"))
    every = listed(includeArchived="true")
    assert contact_id in {c["ContactID"] for c in every}
    assert len(every) > len(default)
    assert nz.get(f"Contacts/{contact_id}").json()["Contacts"][0]["Name"] == name


@pytest.mark.parametrize(
    ("params", "field", "type_name"),
    [
        ({"where": 'Colour=="red"'}, "Colour", "Invoice"),
        ({"where": 'Contact.Nmae=="x"'}, "Nmae", "Contact"),
        ({"order": "Nonsense DESC"}, "Nonsense", "Invoice"),
    ],
)
def test_a_field_that_does_not_exist_is_a_400_naming_it(
    nz, params: dict, field: str, type_name: str
) -> None:
    answer = nz.get("Invoices", params=params)
    assert answer.status_code == 400, answer.text
    assert f"No property or field '{field}' exists in type '{type_name}'" in answer.text


def test_a_single_equals_sign_is_equality(nz) -> None:
    double = nz.get("Invoices", params={"where": 'Status=="PAID"', "page": 1}).json()
    single = nz.get("Invoices", params={"where": 'Status="PAID"', "page": 1}).json()
    assert double["Invoices"] and single["Invoices"] == double["Invoices"]
    lower = nz.get("Invoices", params={"where": 'status="PAID"', "page": 1}).json()
    assert lower["Invoices"] == double["Invoices"], "field names match in any case"


@pytest.mark.parametrize(("kind", "arg"), [("Invoices", "IDs"), ("Contacts", "IDs")])
def test_ids_that_are_not_guids_are_a_400(nz, kind: str, arg: str) -> None:
    answer = nz.get(kind, params={arg: "test"})
    assert answer.status_code == 400, answer.text
    assert "Supplied parameter 'Ids' cannot be parsed - must be of type UUID" in answer.text
    real = nz.get(kind, params={"page": 1}).json()[kind][0][resources.get(kind).id_field]
    found = nz.get(kind, params={arg: f"{real},{uuid.uuid4()}"}).json()[kind]
    assert [r[resources.get(kind).id_field] for r in found] == [real]
