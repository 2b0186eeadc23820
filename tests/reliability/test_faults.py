"""10% 503s and 10% dropped connections: an export is exact and a batch create creates once.

503s replace an answer before the sandbox does anything; drops cut the answer off after the
sandbox has done the work, which is the case where a retried write without an
`Idempotency-Key` would create twice. The seeded faults make each run see the same sequence.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import run_xero
from tests.helpers.sandbox import RunningSandbox
from tests.reliability.conftest import invoices_with_reference, unique

FAULTS = {"unavailable_rate": 0.1, "drop_rate": 0.1, "fault_seed": 20260101}
#: The demo company no test writes to, so it holds exactly the seeded invoices.
READ_ONLY_TENANT = "Demo Company (Global)"


def test_a_10000_invoice_read_through_503s_and_drops_is_exact(box: RunningSandbox, box_env) -> None:
    box.configure(**FAULTS)
    result = run_xero(
        "--sandbox",
        "--tenant",
        READ_ONLY_TENANT,
        "invoices",
        "list",
        "--all",
        "-o",
        "ndjson",
        env=box_env,
    ).ok()
    faults = box.stats()["faults"]
    assert faults["unavailable"] > 0 and faults["drop"] > 0, faults
    ids = [record["InvoiceID"] for record in result.ndjson()]
    # As many distinct ones as the tenant holds means every one once.
    assert len(ids) == len(set(ids)) == box.invoice_count(READ_ONLY_TENANT)


def invoice_file(path: Path, reference: str, count: int) -> Path:
    invoices = [
        {
            "Type": "ACCREC",
            "Contact": {"Name": "Reliability Customer"},
            "Reference": reference,
            "Date": "2026-05-01",
            "DueDate": "2026-05-31",
            "LineItems": [
                {
                    "Description": f"Line {number}",
                    "Quantity": "1",
                    "UnitAmount": f"{number}.25",
                    "AccountCode": "200",
                }
            ],
        }
        for number in range(count)
    ]
    path.write_text(json.dumps(invoices), encoding="utf-8")
    return path


def test_a_500_invoice_batch_create_through_503s_and_drops_creates_each_once(
    box: RunningSandbox, box_env, tmp_path: Path
) -> None:
    reference = unique("faults")
    source = invoice_file(tmp_path / "invoices.json", reference, 500)
    box.configure(**FAULTS)
    created = run_xero(
        "--sandbox", "invoices", "create", "--file", str(source), "-o", "ndjson", env=box_env
    ).ok()
    faults = box.stats()["faults"]
    box.configure(unavailable_rate=0, drop_rate=0)
    assert faults["unavailable"] > 0 and faults["drop"] > 0, faults
    assert "Created 500 invoices" in created.stderr
    printed = created.ndjson()
    assert len({invoice["InvoiceID"] for invoice in printed}) == 500
    stored = invoices_with_reference(box_env, reference)
    assert len(stored) == 500
    assert {invoice["InvoiceID"] for invoice in stored} == {i["InvoiceID"] for i in printed}
    assert sorted(i["LineItems"][0]["UnitAmount"] for i in stored) == sorted(
        float(f"{n}.25") for n in range(500)
    )


def test_a_10000_invoice_export_through_503s_and_drops_is_exact(
    box: RunningSandbox, box_env, tmp_path: Path
) -> None:
    box.configure(**FAULTS)
    target = tmp_path / "invoices.ndjson"
    run_xero(
        "--sandbox",
        "--tenant",
        READ_ONLY_TENANT,
        "export",
        "ndjson",
        "invoices",
        "-o",
        str(target),
        env=box_env,
    ).ok()
    faults = box.stats()["faults"]
    assert faults["unavailable"] > 0 and faults["drop"] > 0, faults
    ids = [json.loads(line)["InvoiceID"] for line in target.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == box.invoice_count(READ_ONLY_TENANT)
