"""Documents end to end, the real CLI against the session sandbox: attachments for every object
that takes them (from the resource table), PDFs read back with pypdf, history and notes,
online links, `create --attach` and a batch's Attachment column through faults, and bad input.

Each test makes the records it touches, so the shared sandbox's seeded data stays as seeded.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pypdf
import pytest

from tests.helpers.cli import run_xero
from tests.helpers.oauth import ALL_SCOPES, login
from tests.helpers.sandbox import RunningSandbox, tenant_client
from xerocli.api.resources import RESOURCES, Resource

LINE = {"Description": "Receipt", "Quantity": "1", "UnitAmount": "40", "AccountCode": "400"}


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


#: A new record of each kind that takes attachments, as plain HTTP creates it.
NEW_RECORDS = {
    "Invoices": lambda: {"Type": "ACCPAY", "Contact": {"Name": unique("Doc")}, "LineItems": [LINE]},
    "CreditNotes": lambda: {
        "Type": "ACCPAYCREDIT",
        "Contact": {"Name": unique("Doc")},
        "LineItems": [LINE],
    },
    "PurchaseOrders": lambda: {"Contact": {"Name": unique("Doc")}, "LineItems": [LINE]},
    "BankTransactions": lambda: {
        "Type": "SPEND",
        "Contact": {"Name": unique("Doc")},
        "BankAccount": {"Code": "090"},
        "LineItems": [LINE],
    },
    "Contacts": lambda: {"Name": unique("Doc")},
    "Quotes": lambda: {"Contact": {"Name": unique("Doc")}, "LineItems": [LINE]},
    "Accounts": lambda: {
        "Code": uuid.uuid4().hex[:8].upper(),
        "Name": unique("Doc"),
        "Type": "EXPENSE",
    },
    "ManualJournals": lambda: {
        "Narration": unique("Doc"),
        "JournalLines": [
            {"LineAmount": "10", "AccountCode": "400"},
            {"LineAmount": "-10", "AccountCode": "200"},
        ],
    },
}


@pytest.fixture(scope="module")
def api(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """The CLI's organisation (the first demo company) over plain HTTP, to make and check."""
    token = login(sandbox.url, scope=ALL_SCOPES + " accounting.attachments")
    with tenant_client(sandbox, token, 0) as client:
        yield client


def create(api: httpx.Client, res: Resource) -> dict:
    """A new record; a seeded one of what Xero makes only from other records (overpayments)."""
    if res.name not in NEW_RECORDS:
        answer = api.get(res.name, params={"page": 1, "pageSize": 1})
        assert answer.status_code == 200, answer.text
        return answer.json()[res.name][0]
    answer = api.put(res.name, json={res.name: [NEW_RECORDS[res.name]()]})
    assert answer.status_code == 200, answer.text
    return answer.json()[res.name][0]


def write_files(folder: Path, *names: str) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    made = {name: os.urandom(2000) + bytes(range(256)) for name in names}
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return made


def test_every_object_that_takes_attachments_round_trips_files_byte_identical(
    api, sandbox_env, tmp_path
) -> None:
    takes = [res for res in RESOURCES if res.attachments]
    assert {res.name for res in takes} >= {"Invoices", "Contacts", "ManualJournals"}

    def round_trip(res: Resource) -> None:
        record = create(api, res)
        key = record[res.id_field]
        sent = write_files(tmp_path / res.noun, "scan one.pdf", "photo.png")
        attached = run_xero(
            "--sandbox",
            res.noun,
            "attach",
            key,
            *(str(tmp_path / res.noun / name) for name in sent),
            "-o",
            "json",
            env=sandbox_env,
        ).ok()
        shown = {item["FileName"]: item for item in attached.json()}
        assert set(shown) == set(sent), res.noun
        assert shown["photo.png"]["MimeType"] == "image/png"
        out = tmp_path / f"{res.noun}-back"
        out.mkdir()  # `-o DIR` for several files must exist, as an export's directory
        run_xero("--sandbox", res.noun, "download", key, "-o", str(out), env=sandbox_env).ok()
        assert {p.name: p.read_bytes() for p in out.iterdir()} == sent, res.noun

    for res in takes:
        round_trip(res)


def test_a_file_the_record_has_is_updated_by_its_name(api, sandbox_env, tmp_path) -> None:
    """`attach` of a name the record holds sends Xero's update by file name (POST), a new name
    a PUT; the record keeps one file of that name, with the new bytes; `download KEY NAME`
    asks for it by its name (Xero's GET by file name)."""
    res = next(r for r in RESOURCES if r.name == "Invoices")
    key = create(api, res)[res.id_field]
    first = write_files(tmp_path / "v1", "terms.pdf")
    run_xero("--sandbox", "invoices", "attach", key, str(tmp_path / "v1" / "terms.pdf"),
             env=sandbox_env).ok()  # fmt: skip
    second = write_files(tmp_path / "v2", "terms.pdf", "extra.png")
    again = run_xero(
        "--sandbox", "--debug", "invoices", "attach", key,
        *(str(tmp_path / "v2" / name) for name in second), env=sandbox_env,
    ).ok()  # fmt: skip
    sent = [line.split()[2:4] for line in again.stderr.splitlines() if "/Attachments/" in line
            and line.startswith("debug: > ")]  # fmt: skip
    assert [(method, url.rsplit("/", 1)[1]) for method, url in sent] == [
        ("POST", "terms.pdf"),
        ("PUT", "extra.png"),
    ]
    out = tmp_path / "back"
    out.mkdir()
    run_xero("--sandbox", "invoices", "download", key, "-o", str(out), env=sandbox_env).ok()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == second != first
    one = tmp_path / "one.pdf"
    by_name = run_xero(
        "--sandbox", "--debug", "invoices", "download", key, "terms.pdf", "-o", str(one),
        env=sandbox_env,
    ).ok()  # fmt: skip
    assert one.read_bytes() == second["terms.pdf"]
    gets = [line.split()[3] for line in by_name.stderr.splitlines() if "debug: > GET" in line]
    assert gets[-1].endswith("/Attachments/terms.pdf")


def test_invoice_pdf_history_note_and_link_of_an_invoice_created_with_its_receipt(
    api, sandbox_env, tmp_path
) -> None:
    contact = unique("Pdf Customer")
    receipt = write_files(tmp_path, "receipt.pdf")["receipt.pdf"]
    created = run_xero(
        "--sandbox",
        "invoices",
        "create",
        "--contact",
        contact,
        "--line",
        "Design work,3,250,200",
        "--status",
        "AUTHORISED",
        "--due-date",
        "2026-12-31",
        "--attach",
        str(tmp_path / "receipt.pdf"),
        "-o",
        "json",
        env=sandbox_env,
    ).ok()
    [invoice] = created.json()
    number = invoice["InvoiceNumber"]
    assert "Attached 1 file." in created.stderr
    [stored] = api.get(f"Invoices/{invoice['InvoiceID']}/Attachments").json()["Attachments"]
    assert api.get(stored["Url"].split("/api.xro/2.0/")[1]).content == receipt

    run_xero(
        "--sandbox", "invoices", "pdf", number, "-o", str(tmp_path / "inv.pdf"), env=sandbox_env
    ).ok()
    text = pypdf.PdfReader(tmp_path / "inv.pdf").pages[0].extract_text()
    assert number in text and contact in text and "Total NZD 862.50" in text  # 750 + 15%

    note = f"Customer asked for a copy {uuid.uuid4().hex[:6]}"
    run_xero("--sandbox", "invoices", "note", number, note, env=sandbox_env).ok()
    history = run_xero("--sandbox", "invoices", "history", number, "-o", "json", env=sandbox_env)
    records = history.ok().json()
    assert [r["Changes"] for r in records] == ["Note", "Attached a file", "Created"]
    assert records[0]["Details"] == note and records[2]["User"] == "Demo User"
    assert records[2]["Details"] == f"{number} to {contact} for 862.50."

    url = run_xero("--sandbox", "invoices", "url", number, env=sandbox_env).ok().stdout.strip()
    assert (
        url
        == api.get(f"Invoices/{number}/OnlineInvoice").json()["OnlineInvoices"][0][
            "OnlineInvoiceUrl"
        ]
    )
    # Many at once: filters into a directory, one file per document, named by number.
    folder = tmp_path / "pdfs"
    folder.mkdir()
    many = run_xero(
        "--sandbox", "invoices", "pdf", "--contact", contact, "-o", str(folder), env=sandbox_env
    ).ok()
    assert [p.name for p in folder.iterdir()] == [f"{number}.pdf"], many.stderr
    assert pypdf.PdfReader(folder / f"{number}.pdf").pages[0].extract_text() == text


def test_bad_files_fail_in_one_line_with_exit_2_and_send_nothing(
    sandbox, sandbox_env, tmp_path
) -> None:
    (tmp_path / "tool.exe").write_bytes(b"MZ")
    with open(tmp_path / "huge.pdf", "wb") as big:
        big.truncate(10 * 1024 * 1024 + 1)  # one byte over Xero's 10 MB
    fine = tmp_path / "fine.pdf"
    fine.write_bytes(b"%PDF-1.4")
    for name in range(10):
        (tmp_path / f"f{name}.txt").write_text("x")
    cases = [
        (
            ("invoices", "attach", "INV-0001", str(fine), str(tmp_path / "missing.pdf")),
            "no such file",
        ),
        (
            ("invoices", "attach", "INV-0001", str(tmp_path / "huge.pdf")),
            "over Xero's limit of 10 MB",
        ),
        (
            (
                "contacts",
                "create",
                "--name",
                unique("Never"),
                "--attach",
                str(tmp_path / "tool.exe"),
            ),
            "Xero does not take this type of file (.exe)",
        ),
        (
            ("invoices", "attach", "INV-0001", str(fine), *map(str, tmp_path.glob("f*.txt"))),
            "11 files: Xero takes at most 10 attachments per document",
        ),
    ]
    before = sandbox.stats()["api_calls"]
    for args, message in cases:
        result = run_xero("--sandbox", *args, env=sandbox_env)
        assert result.code == 2, result.stderr
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert result.stderr.rstrip().endswith("nothing uploaded"), result.stderr
    assert sandbox.stats()["api_calls"] == before  # nothing was sent: no record, no upload


def test_a_batch_with_a_receipt_per_row_attaches_each_once_through_faults(
    api, sandbox, sandbox_env, tmp_path
) -> None:
    """Issue 15 asks for 10,000 rows; 50 rows (one batch, 50 uploads) keep this test fast and
    go through the same code: 503s before and dropped answers after the sandbox acts."""
    reference = unique("receipts").replace(" ", "-")
    rows = [
        "Type,Contact.Name,Reference,Attachment,LineItem.Description,LineItem.Quantity,"
        "LineItem.UnitAmount,LineItem.AccountCode,DueDate"
    ]
    receipts = {}
    for n in range(50):
        name = f"receipt-{n}.pdf"
        receipts[name] = write_files(tmp_path / "receipts", name)[name]
        rows.append(
            f"ACCPAY,Supplier {n % 3},{reference},receipts/{name},Expense {n},1,{n}.5,400,"
            "2026-12-31"
        )
    batch = tmp_path / "bills.csv"
    batch.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sandbox.reset_stats()
    # Seeded: of the 51 writes, one is refused with a 503 and one answer is cut off after the
    # sandbox stored it (that retry is the one that would attach a file twice).
    sandbox.configure(unavailable_rate=0.03, drop_rate=0.03, fault_seed=11)
    try:
        result = run_xero(
            "--sandbox", "invoices", "create", "--file", str(batch), "-o", "json", env=sandbox_env
        )
        faults = sandbox.stats()["faults"]
    finally:
        sandbox.configure(unavailable_rate=0, drop_rate=0)
    assert result.ok() and "Attached 50 files." in result.stderr
    assert faults["unavailable"] > 0 and faults["drop"] > 0, faults
    created = result.json()
    assert len(created) == 50
    bills = api.get("Invoices", params={"where": f'Reference=="{reference}"'}).json()["Invoices"]
    assert len(bills) == 50  # each row created once
    for bill in created:
        [attachment] = api.get(f"Invoices/{bill['InvoiceID']}/Attachments").json()["Attachments"]
        n = bill["LineItems"][0]["Description"].split()[-1]
        assert attachment["FileName"] == f"receipt-{n}.pdf"
        assert attachment["ContentLength"] == len(receipts[f"receipt-{n}.pdf"])
        # uploaded once: the upload whose answer was cut off was replayed on its retry (its
        # Idempotency-Key), not done again (a replaced file with a second history record)
        records = api.get(f"Invoices/{bill['InvoiceID']}/History").json()["HistoryRecords"]
        assert [r["Changes"] for r in records].count("Attached a file") == 1, bill["InvoiceID"]
