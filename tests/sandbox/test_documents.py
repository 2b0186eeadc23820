"""The sandbox's documents over plain HTTP: attachments (bytes, limits, errors), history records
from the write path and notes, online invoice links, and PDFs a PDF library reads."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator

import httpx
import pypdf
import pytest

from tests.helpers.oauth import ALL_SCOPES, login
from tests.helpers.sandbox import RunningSandbox, tenant_client

LINE = {"Description": "Consulting", "Quantity": "1", "UnitAmount": "100", "AccountCode": "200"}


@pytest.fixture(scope="module")
def docs(small_sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """The NZ demo company, with a login that may read and write attachments."""
    token = login(small_sandbox.url, scope=ALL_SCOPES + " accounting.attachments")
    with tenant_client(small_sandbox, token, 0) as client:
        yield client


def new_invoice(client: httpx.Client, status: str = "AUTHORISED", lines: int = 1) -> dict:
    contact = f"Docs {uuid.uuid4().hex[:8]}"
    body = {
        "Type": "ACCREC",
        "Contact": {"Name": contact},
        "Status": status,
        "DueDate": "2026-12-31",
        "LineItems": [{**LINE, "Description": f"Line {n}"} for n in range(1, lines + 1)],
    }
    answer = client.put("Invoices", json={"Invoices": [body]})
    assert answer.status_code == 200, answer.text
    return answer.json()["Invoices"][0]


def test_attachments_keep_bytes_exact_and_xeros_limits(docs, small_sandbox) -> None:
    invoice = new_invoice(docs)
    base = f"Invoices/{invoice['InvoiceID']}/Attachments"
    data = bytes(range(256)) * 10
    put = docs.put(
        f"{base}/receipt%20one.pdf",
        content=data,
        headers={"Content-Type": "application/pdf"},
        params={"IncludeOnline": "true"},
    )
    assert put.status_code == 200, put.text
    [stored] = put.json()["Attachments"]
    assert stored["FileName"] == "receipt one.pdf" and stored["ContentLength"] == len(data)
    assert stored["MimeType"] == "application/pdf" and stored["IncludeOnline"] is True
    by_name = docs.get(f"{base}/receipt%20one.pdf")
    by_id = docs.get(f"{base}/{stored['AttachmentID']}")
    assert by_name.content == by_id.content == data
    assert by_name.headers["content-type"] == "application/pdf"
    # The same name again replaces the file, keeping its ID: a retried upload makes no second.
    again = docs.put(f"{base}/receipt%20one.pdf", content=b"new bytes")
    assert again.json()["Attachments"][0]["AttachmentID"] == stored["AttachmentID"]
    assert docs.get(f"{base}/receipt%20one.pdf").content == b"new bytes"
    got = docs.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"][0]
    assert got["HasAttachments"] is True
    # Ten per document: nine more names fit, the eleventh is refused.
    for n in range(9):
        assert docs.put(f"{base}/page{n}.txt", content=b"x").status_code == 200
    eleventh = docs.put(f"{base}/one-too-many.txt", content=b"x")
    assert eleventh.status_code == 400 and "at most 10" in eleventh.text
    assert len(docs.get(base).json()["Attachments"]) == 10
    other = new_invoice(docs)["InvoiceID"]
    too_big = docs.put(f"Invoices/{other}/Attachments/big.pdf", content=b"x" * (10 * 2**20 + 1))
    assert too_big.status_code == 413
    exe = docs.put(f"Invoices/{other}/Attachments/tool.exe", content=b"MZ")
    assert exe.status_code == 400 and "not supported" in exe.text
    empty = docs.put(f"Invoices/{other}/Attachments/empty.pdf", content=b"")
    assert empty.status_code == 400
    assert docs.get(f"Invoices/{other}/Attachments").json()["Attachments"] == []
    unknown = docs.put(f"Invoices/{uuid.uuid4()}/Attachments/a.pdf", content=b"x")
    assert unknown.status_code == 404
    contact_id = invoice["Contact"]["ContactID"]
    online = docs.put(
        f"Contacts/{contact_id}/Attachments/a.pdf", content=b"x", params={"IncludeOnline": "true"}
    )
    assert online.status_code == 400 and "IncludeOnline" in online.text
    # Without the attachments scope, Xero answers 401 AuthorizationUnsuccessful.
    token = login(small_sandbox.url)
    with tenant_client(small_sandbox, token, 0) as plain:
        denied = plain.get(base)
    assert denied.status_code == 401 and "AuthorizationUnsuccessful" in denied.text


def pay(client: httpx.Client, invoice_id: str, amount: object) -> dict:
    payment = {
        "Invoice": {"InvoiceID": invoice_id},
        "Account": {"Code": "090"},
        "Amount": str(amount),  # dated today, as the invoice: never before it
    }
    answer = client.put("Payments", json={"Payments": [payment]})
    assert answer.status_code == 200, answer.text
    return answer.json()["Payments"][0]


def changes(client: httpx.Client, invoice_id: str) -> list[str]:
    records = client.get(f"Invoices/{invoice_id}/History").json()["HistoryRecords"]
    return [record["Changes"] for record in records]


def test_history_records_each_write_with_the_user_and_takes_notes(docs) -> None:
    invoice = new_invoice(docs, status="DRAFT")
    invoice_id = invoice["InvoiceID"]
    assert docs.post(f"Invoices/{invoice_id}", json={"Reference": "R2"}).status_code == 200
    assert docs.post(f"Invoices/{invoice_id}", json={"Status": "AUTHORISED"}).status_code == 200
    payment = pay(docs, invoice_id, "50")
    deleted = docs.post(f"Payments/{payment['PaymentID']}", json={"Status": "DELETED"})
    assert deleted.status_code == 200, deleted.text
    # A write that fails rolls back: its history with it.
    assert docs.post(f"Invoices/{invoice_id}", json={"Status": "DRAFT"}).status_code == 400
    assert docs.post(f"Invoices/{invoice_id}", json={"Status": "VOIDED"}).status_code == 200
    note = docs.put(f"Invoices/{invoice_id}/History", json={"HistoryRecords": [{"Details": "Hi"}]})
    assert note.status_code == 200, note.text
    assert note.json()["HistoryRecords"][0]["Details"] == "Hi"
    records = docs.get(f"Invoices/{invoice_id}/History").json()["HistoryRecords"]
    assert [r["Changes"] for r in records] == [
        "Note",
        "Voided",
        "Payment removed",
        "Payment",
        "Approved",
        "Edited",
        "Created",
    ]
    assert {r["User"] for r in records} == {"Demo User"}
    assert (
        records[-1]["Details"] == f"{invoice['InvoiceNumber']} to {invoice['Contact']['Name']}"
        " for 115.00."
    )
    assert records[3]["Details"] == f"Payment of 50.00 on {invoice['InvoiceNumber']}; 65.00 due."
    paid = new_invoice(docs)
    pay(docs, paid["InvoiceID"], paid["Total"])
    assert changes(docs, paid["InvoiceID"]) == ["Paid", "Created"]
    empty = docs.put(f"Invoices/{invoice_id}/History", json={"HistoryRecords": [{"Details": ""}]})
    assert empty.status_code == 400
    long = "x" * 2501
    too_long = docs.put(
        f"Invoices/{invoice_id}/History", json={"HistoryRecords": [{"Details": long}]}
    )
    assert too_long.status_code == 400
    seeded = docs.get("Invoices", params={"page": 1, "pageSize": 1}).json()["Invoices"][0]
    # A seeded record was made before the API saw it: one "Created", by no user.
    created = docs.get(f"Invoices/{seeded['InvoiceID']}/History").json()["HistoryRecords"][-1]
    assert created["Changes"] == "Created" and created["User"] == "System Generated"


def test_a_retried_upload_or_note_with_its_idempotency_key_is_a_replay(docs) -> None:
    """The retry after a lost answer (same key, same request) is answered from the cache: one
    upload, one note, one history record each; the key on another request is refused."""
    invoice_id = new_invoice(docs)["InvoiceID"]
    key = {"Idempotency-Key": f"docs-{uuid.uuid4().hex}"}
    upload = {"content": b"%PDF-1.4 receipt", "headers": {"Content-Type": "application/pdf", **key}}
    first = docs.put(f"Invoices/{invoice_id}/Attachments/r.pdf", **upload)
    again = docs.put(f"Invoices/{invoice_id}/Attachments/r.pdf", **upload)
    assert first.status_code == again.status_code == 200, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["Attachments"] == first.json()["Attachments"]
    other = docs.put(
        f"Invoices/{invoice_id}/Attachments/r.pdf",
        content=b"%PDF-1.4 other",
        headers=upload["headers"],
    )
    assert other.status_code == 400 and "Idempotency key" in other.text
    note_key = {"Idempotency-Key": f"note-{uuid.uuid4().hex}"}
    note = {"HistoryRecords": [{"Details": "Paid by card"}]}
    for _ in range(2):
        put = docs.put(f"Invoices/{invoice_id}/History", json=note, headers=note_key)
        assert put.status_code == 200, put.text
    assert put.headers.get("Idempotent-Replayed") == "true"
    assert changes(docs, invoice_id) == ["Note", "Attached a file", "Created"]
    assert docs.get(f"Invoices/{invoice_id}/Attachments/r.pdf").content == b"%PDF-1.4 receipt"


def test_online_invoice_only_for_approved_sales_invoices(docs) -> None:
    approved = new_invoice(docs)
    first = docs.get(f"Invoices/{approved['InvoiceNumber']}/OnlineInvoice")
    assert first.status_code == 200, first.text
    url = first.json()["OnlineInvoices"][0]["OnlineInvoiceUrl"]
    assert url.startswith("https://in.xero.com/") and len(url) == len("https://in.xero.com/") + 40
    again = docs.get(f"Invoices/{approved['InvoiceID']}/OnlineInvoice").json()
    assert again["OnlineInvoices"][0]["OnlineInvoiceUrl"] == url
    draft = new_invoice(docs, status="DRAFT")
    refused = docs.get(f"Invoices/{draft['InvoiceID']}/OnlineInvoice")
    assert refused.status_code == 400 and "AUTHORISED" in refused.text


def test_a_pdf_that_a_reader_opens_with_number_contact_lines_and_totals(docs) -> None:
    invoice = new_invoice(docs, lines=45)  # more than one page of lines
    answer = docs.get(f"Invoices/{invoice['InvoiceID']}", headers={"Accept": "application/pdf"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(answer.content), strict=True)  # xref offsets exact
    assert len(reader.pages) == 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"TAX INVOICE {invoice['InvoiceNumber']}" in text
    assert invoice["Contact"]["Name"] in text
    assert "Line 1 1 100.00 100.00\n" in text and "Line 45 1 100.00 100.00\n" in text
    assert "Total NZD 5,175.00" in text  # 45 x 100 + 15% GST
    assert reader.metadata.title == invoice["InvoiceNumber"]
    # JSON as before without the Accept header; a contact has no PDF.
    assert docs.get(f"Invoices/{invoice['InvoiceID']}").json()["Invoices"]
    contact = docs.get(
        f"Contacts/{invoice['Contact']['ContactID']}", headers={"Accept": "application/pdf"}
    )
    assert contact.headers["content-type"].startswith("application/json")


def test_the_pdf_paths_answer_the_same_pdf_as_the_accept_form(docs) -> None:
    """`GET /{Collection}/{ID}/pdf` of each document Xero renders (Xero's spec names both
    forms as one operation): the very bytes of the `Accept: application/pdf` answer, a PDF a
    reader opens; a record with no PDF (a contact) and an unknown ID are 404."""
    for kind, id_field, number_field in (
        ("Invoices", "InvoiceID", "InvoiceNumber"),
        ("CreditNotes", "CreditNoteID", "CreditNoteNumber"),
        ("PurchaseOrders", "PurchaseOrderID", "PurchaseOrderNumber"),
        ("Quotes", "QuoteID", "QuoteNumber"),
    ):
        record = docs.get(kind, params={"page": 1}).json()[kind][0]
        path = f"{kind}/{record[id_field]}"
        by_path = docs.get(f"{path}/pdf")
        assert by_path.status_code == 200, (kind, by_path.text)
        assert by_path.headers["content-type"] == "application/pdf"
        by_accept = docs.get(path, headers={"Accept": "application/pdf"})
        assert by_path.content == by_accept.content, kind
        reader = pypdf.PdfReader(io.BytesIO(by_path.content), strict=True)
        assert record[number_field] in reader.pages[0].extract_text(), kind
    contact = docs.get("Contacts", params={"page": 1}).json()["Contacts"][0]["ContactID"]
    assert docs.get(f"Contacts/{contact}/pdf").status_code == 404
    assert docs.get(f"Invoices/{uuid.uuid4()}/pdf").status_code == 404
