"""The seeded charts' system accounts, as Xero marks them, and what that means for manual
journals: 610, 800, 820 and 960 carry their `SystemAccount` (DEBTORS, CREDITORS, GST,
RETAINEDEARNINGS) in every seeded organisation; a manual journal line on Accounts Receivable or
Payable is refused, as Xero refuses it, so the aged reports always total 610 and 800; the seed's
own month-end accruals are owed on 826 Accrued Liabilities instead. Run through the real `xero`
against a sandbox of its own (with the US organisation), and against a data file as an older
seed wrote it (no `SystemAccount`s, accruals on 800), which must still be served.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import simplejson

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.oauth import login
from tests.helpers.sandbox import (
    RunningSandbox,
    seeded_copy,
    start_seeded,
    templates_dir,
    tenant_client,
)

NZ, GLOBAL, US = "Demo Company (NZ)", "Demo Company (Global)", "Demo Company (US)"
SYSTEM = {"610": "DEBTORS", "800": "CREDITORS", "820": "GST", "960": "RETAINEDEARNINGS"}
ACCRUED = "826"
ZERO = Decimal("0.00")
INVOICES = 20


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A sandbox of its own: these tests compare the aged reports with 610 and 800, which the
    package's other writers move."""
    running = start_seeded(tmp_path_factory, "system-accounts", INVOICES, "--us-company")
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, books: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=books.url, **UNLIMITED_CLIENT)


def xero(env: dict[str, str], *args: str, tenant: str = NZ):
    return run_xero("--sandbox", "--tenant", tenant, *args, env=env)


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else ZERO


def control_balances(env: dict[str, str], as_at: str, tenant: str = NZ) -> dict[str, Decimal]:
    """610's YTD net debit and 800's YTD net credit from the trial balance."""
    rows = xero(env, "reports", "trial-balance", "--date", as_at, "--json", tenant=tenant)
    found = {}
    for row in rows.ok().json():
        for code, name in (("610", "Accounts Receivable"), ("800", "Accounts Payable")):
            if row["Account"] == f"{name} ({code})":
                debit = _money(row["YTD Debit"]) - _money(row["YTD Credit"])
                found[code] = debit if code == "610" else -debit
    return {code: found.get(code, ZERO) for code in ("610", "800")}


def aged_total(env: dict[str, str], report: str, as_at: str, tenant: str = NZ) -> Decimal:
    rows = xero(env, "reports", report, "--date", as_at, "--json", tenant=tenant).ok().json()
    [total] = [r for r in rows if r["RowType"] == "SummaryRow" and r["Account"] == "Total"]
    return _money(total["Total"])


def journals_named(env: dict[str, str], narration: str) -> list[dict]:
    answer = xero(env, "api", "ManualJournals", "-f", f'where=Narration=="{narration}"')
    return answer.ok().json()["ManualJournals"]


# --- A: the system accounts ----------------------------------------------------------------
@pytest.mark.parametrize("tenant", [NZ, GLOBAL, US])
def test_the_control_accounts_carry_their_system_account_in_every_organisation(
    env: dict[str, str], tenant: str
) -> None:
    accounts = xero(env, "accounts", "list", "--json", tenant=tenant).ok().json()
    marked = {a["Code"]: a.get("SystemAccount") for a in accounts}
    assert {code: marked.get(code) for code in SYSTEM} == SYSTEM
    assert marked[ACCRUED] is None  # an ordinary account, open to journals
    [accrued] = [a for a in accounts if a["Code"] == ACCRUED]
    assert (accrued["Name"], accrued["Type"]) == ("Accrued Liabilities", "CURRLIAB")
    debtors = xero(
        env, "accounts", "list", "--where", 'SystemAccount=="DEBTORS"', "--json", tenant=tenant
    )
    assert [a["Code"] for a in debtors.ok().json()] == ["610"]


# --- B: no manual journal on Accounts Receivable or Payable ---------------------------------
@pytest.mark.parametrize(
    "code, name", [("610", "Accounts Receivable"), ("800", "Accounts Payable")]
)
@pytest.mark.parametrize("status", ["POSTED", "DRAFT"])
def test_a_manual_journal_line_on_receivable_or_payable_is_refused(
    env: dict[str, str], code: str, name: str, status: str
) -> None:
    narration = f"Control {uuid.uuid4().hex[:8]}"
    before = control_balances(env, date.today().isoformat())
    result = xero(
        env, "manual-journals", "create", "--narration", narration, "--status", status,
        "--line", "Adjustment,10,429", "--line", f"Adjustment,-10,{code}",
    )  # fmt: skip
    assert result.code == 6 and result.stdout == ""
    assert (
        f"Account code '{code}' is the {name} system account, which a manual journal cannot use"
        in result.stderr
    )
    assert journals_named(env, narration) == []
    assert control_balances(env, date.today().isoformat()) == before


def test_the_refusal_is_a_validation_exception_naming_the_account(books: RunningSandbox) -> None:
    with tenant_client(books, login(books.url), 0) as nz:
        sent = {
            "Narration": "To receivables",
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": 10, "AccountCode": "610"},
                {"LineAmount": -10, "AccountCode": "200"},
            ],
        }
        answer = nz.put("ManualJournals", json={"ManualJournals": [sent]})
        assert answer.status_code == 400, answer.text
        body = answer.json()
        assert (body["ErrorNumber"], body["Type"]) == (10, "ValidationException")
        [element] = body["Elements"]
        assert [e["Message"] for e in element["ValidationErrors"]] == [
            "Account code '610' is the Accounts Receivable system account, which a manual"
            " journal cannot use. Journal to another account instead."
        ]
        # The same line to an account of one's own is taken.
        sent["JournalLines"][0]["AccountCode"] = ACCRUED
        taken = nz.put("ManualJournals", json={"ManualJournals": [sent]})
        assert taken.status_code == 200, taken.text
        journal_id = taken.json()["ManualJournals"][0]["ManualJournalID"]
        voided = nz.post(f"ManualJournals/{journal_id}", json={"Status": "VOIDED"})
        assert voided.status_code == 200, voided.text


def test_an_edit_moving_a_draft_line_to_payables_is_refused(books: RunningSandbox) -> None:
    """The lines are checked on every edit, by AccountID as by code: a draft posted with its
    credit moved to 800 is refused, and stays the draft it was."""
    with tenant_client(books, login(books.url), 0) as nz:
        accounts = {a["Code"]: a for a in nz.get("Accounts").json()["Accounts"]}
        sent = {
            "Narration": "Draft accrual",
            "JournalLines": [
                {"LineAmount": 75, "AccountCode": "489"},
                {"LineAmount": -75, "AccountCode": ACCRUED},
            ],
        }
        made = nz.put("ManualJournals", json=sent)
        assert made.status_code == 200, made.text
        journal_id = made.json()["ManualJournals"][0]["ManualJournalID"]
        moved = {
            "ManualJournalID": journal_id,
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": 75, "AccountCode": "489"},
                {"LineAmount": -75, "AccountID": accounts["800"]["AccountID"]},
            ],
        }
        refused = nz.post("ManualJournals", json={"ManualJournals": [moved]})
        assert refused.status_code == 400
        assert "'800' is the Accounts Payable system account" in refused.text
        [kept] = nz.get(f"ManualJournals/{journal_id}").json()["ManualJournals"]
        assert kept["Status"] == "DRAFT"
        assert [line["AccountCode"] for line in kept["JournalLines"]] == ["489", ACCRUED]
        deleted = nz.post(f"ManualJournals/{journal_id}", json={"Status": "DELETED"})
        assert deleted.status_code == 200, deleted.text


def test_the_seeded_accruals_are_owed_on_accrued_liabilities(env: dict[str, str]) -> None:
    journals = xero(env, "api", "ManualJournals", "-f", "page=1").ok().json()["ManualJournals"]
    accruals = [j for j in journals if j["Narration"].startswith("Accrued ")]
    assert accruals, "the seed accrues some month ends"
    for journal in journals:
        codes = [line["AccountCode"] for line in journal["JournalLines"]]
        assert not {"610", "800"} & set(codes), journal["Narration"]
    for journal in accruals:
        [owed] = [line for line in journal["JournalLines"] if line["LineAmount"] < 0]
        assert (owed["AccountCode"], owed["Description"]) == (ACCRUED, "Accrued expenses")


@pytest.mark.parametrize("as_at", ["2025-12-31", "2026-05-31", "2026-10-31", None])
@pytest.mark.parametrize("tenant", [NZ, GLOBAL])
def test_the_aged_reports_total_receivable_and_payable_on_a_fresh_sandbox(
    env: dict[str, str], as_at: str | None, tenant: str
) -> None:
    day = as_at or date.today().isoformat()
    balances = control_balances(env, day, tenant)
    assert aged_total(env, "aged-receivables", day, tenant) == balances["610"]
    assert aged_total(env, "aged-payables", day, tenant) == balances["800"]


# --- a data file an older seed wrote --------------------------------------------------------
def _as_an_older_seed_wrote_it(path: Path) -> None:
    """No `SystemAccount` on the seeded chart, no 826, and the accruals credited to 800."""
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        for tenant_id, record_id, body in db.execute(
            "SELECT tenant_id, id, body FROM records WHERE kind='Accounts'"
        ).fetchall():
            account = simplejson.loads(body, use_decimal=True)
            if account.get("Code") == ACCRUED:
                db.execute("DELETE FROM records WHERE tenant_id=? AND kind='Accounts' AND id=?",
                           (tenant_id, record_id))  # fmt: skip
                continue
            if account.get("SystemAccount") in SYSTEM.values():
                del account["SystemAccount"]
                db.execute(
                    "UPDATE records SET body=? WHERE tenant_id=? AND kind='Accounts' AND id=?",
                    (simplejson.dumps(account, use_decimal=True), tenant_id, record_id),
                )
        payables = dict(
            db.execute(
                "SELECT tenant_id, id FROM records WHERE kind='Accounts'"
                " AND json_extract(body, '$.Code')='800'"
            ).fetchall()
        )
        for tenant_id, record_id, body in db.execute(
            "SELECT tenant_id, id, body FROM records WHERE kind='ManualJournals'"
        ).fetchall():
            journal = simplejson.loads(body, use_decimal=True)
            for line in journal["JournalLines"]:
                if line["AccountCode"] == ACCRUED:
                    line["AccountCode"], line["AccountID"] = "800", payables[tenant_id]
            db.execute(
                "UPDATE records SET body=? WHERE tenant_id=? AND kind='ManualJournals' AND id=?",
                (simplejson.dumps(journal, use_decimal=True), tenant_id, record_id),
            )
    db.close()


def test_a_data_file_seeded_before_is_served_and_still_refuses_control_journals(
    tmp_path_factory: pytest.TempPathFactory, home: Path
) -> None:
    root = tmp_path_factory.mktemp("older-seed")
    data = seeded_copy(templates_dir(tmp_path_factory), root / "sandbox.sqlite", INVOICES)
    _as_an_older_seed_wrote_it(data)
    running = RunningSandbox(data, root, "--invoices", str(INVOICES))
    try:
        running.configure(**UNLIMITED)
        old = isolated_env(home, XERO_SANDBOX_URL=running.url, **UNLIMITED_CLIENT)
        accounts = xero(old, "accounts", "list", "--json").ok().json()
        codes = {a["Code"]: a for a in accounts}
        assert ACCRUED not in codes and "SystemAccount" not in codes["610"]  # as it was
        result = xero(
            old, "manual-journals", "create", "--narration", "Old file", "--status", "POSTED",
            "--line", "Adjustment,10,429", "--line", "Adjustment,-10,800",
        )  # fmt: skip
        assert result.code == 6
        assert "'800' is the Accounts Payable system account" in result.stderr
        # Its accruals stay where the older seed put them: its books still balance.
        today = date.today().isoformat()
        rows = xero(old, "reports", "trial-balance", "--date", today, "--json").ok().json()
        [total] = [r for r in rows if r["RowType"] == "SummaryRow" and r["Account"] == "Total"]
        assert _money(total["YTD Debit"]) == _money(total["YTD Credit"]) > 0
    finally:
        running.stop()
