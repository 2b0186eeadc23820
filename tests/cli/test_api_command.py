"""`xero api`, the raw escape hatch, as a script uses it: a query in the path is sent, any
answer comes out with `--raw`, and `--paginate` never turns an answer into `[]`."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from tests.helpers.cli import run_xero
from tests.helpers.sandbox import RunningSandbox


def ids(records: list[dict]) -> list[str]:
    return [record["InvoiceID"] for record in records]


def _api(env: dict[str, str], *args: str):
    return run_xero("--sandbox", "--tenant", "Demo Company (NZ)", "api", *args, env=env)


def test_a_query_in_the_path_is_sent_and_joins_the_fields(sandbox_env) -> None:
    drafts = _api(sandbox_env, "Invoices", "-f", 'where=Status=="DRAFT"').ok().json()
    in_path = _api(sandbox_env, 'Invoices?where=Status=="DRAFT"').ok().json()
    assert in_path["Invoices"] == drafts["Invoices"]
    assert {i["Status"] for i in in_path["Invoices"]} == {"DRAFT"}
    page = _api(sandbox_env, "Invoices?page=2&pageSize=3").ok().json()["Invoices"]
    first_pages = _api(sandbox_env, "Invoices", "-f", "pageSize=6").ok().json()["Invoices"]
    assert ids(page) == ids(first_pages[3:6])
    # -f adds to the path's query, and wins over it for the same name
    both = _api(sandbox_env, "Invoices?pageSize=3", "-f", "page=2").ok().json()["Invoices"]
    assert ids(both) == ids(page)
    # Every seeded contact has bills (IsSupplier is derived from them): one with none is not.
    nz = ("--sandbox", "--tenant", "Demo Company (NZ)")
    run_xero(*nz, "contacts", "create", "--name", f"No Bills {uuid.uuid4().hex[:8]}",
             env=sandbox_env).ok()  # fmt: skip
    paged = _api(sandbox_env, "Contacts?where=IsSupplier==true", "--paginate").ok().json()
    everyone = _api(sandbox_env, "Contacts", "--paginate").ok().json()
    assert paged and len(paged) < len(everyone) and all(c["IsSupplier"] for c in paged)


def test_paginate_prints_an_answer_that_is_not_a_collection(
    sandbox_env, sandbox: RunningSandbox
) -> None:
    connections = _api(sandbox_env, "/connections").ok().json()
    paged = _api(sandbox_env, "/connections", "--paginate").ok().json()
    assert [c["tenantId"] for c in paged] == [c["tenantId"] for c in connections]
    assert len(connections) == 2 and {c["tenantName"] for c in paged} >= {"Demo Company (NZ)"}
    # An object with no list of records (the sandbox's stats) comes out once, as it came.
    stats = _api(sandbox_env, f"{sandbox.url}/__sandbox/stats", "--paginate").ok().json()
    assert len(stats) == 1 and "api_calls" in stats[0] and "by_status" in stats[0]


def test_raw_writes_any_answer_as_its_bytes_and_a_parse_failure_is_one_line(
    sandbox_env, tmp_path: Path
) -> None:
    number = _api(sandbox_env, "Invoices", "-f", "pageSize=1").ok().json()["Invoices"][0]
    key = number["InvoiceID"]
    pdf = tmp_path / "inv.pdf"
    run_xero("--sandbox", "invoices", "pdf", key, "-o", str(pdf), env=sandbox_env).ok()
    raw = subprocess.run(
        [sys.executable, "-m", "xerocli", "--sandbox", "--tenant", "Demo Company (NZ)", "api",
         f"Invoices/{key}", "-H", "Accept: application/pdf", "--raw"],
        env=sandbox_env, capture_output=True, timeout=120,
    )  # fmt: skip
    assert raw.returncode == 0, raw.stderr
    assert raw.stdout.startswith(b"%PDF") and raw.stdout == pdf.read_bytes()
    parsed = _api(sandbox_env, f"Invoices/{key}", "-H", "Accept: application/pdf")
    assert parsed.code == 8 and parsed.stdout == ""
    assert parsed.stderr.count("\n") == 1 and "is not JSON (application/pdf" in parsed.stderr
    assert "--raw" in parsed.stderr


def test_a_minute_429_longer_than_xero_waits_says_so(
    home: Path, tmp_path: Path, sandbox_env
) -> None:
    own = RunningSandbox(tmp_path / "limits.sqlite", tmp_path, "--invoices", "10")
    try:
        own.configure(minute_limit=1, minute_seconds=600)
        env = {**sandbox_env, "XERO_SANDBOX_URL": own.url}
        _api(env, "Organisation").ok()
        limited = _api(env, "Organisation")
        assert limited.code == 7
        assert limited.stderr.startswith("xero: Xero's minute limit is exceeded and Xero asks")
        assert "after retries" not in limited.stderr
        assert own.stats()["by_status"].get("429") == 1  # not retried: it asked for minutes
    finally:
        own.stop()
