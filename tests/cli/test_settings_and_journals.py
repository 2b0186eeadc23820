"""Issue 14, first slice: the settings collections' writes, the journals (the ledger, paged by
offset) and the scopes of every collection, against a sandbox of this module's own (its
journals and trial balance must not move while another test writes)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers import loopback
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, start_seeded
from tests.helpers.xero_operations import BODY_FIELDS, OPERATIONS, problems, sent_requests
from xerocli.api.resources import RESOURCES
from xerocli.config import GRANULAR_SCOPES, LEGACY_SCOPES

PAYMENT_SOURCES = {"ACCRECPAYMENT", "ACCPAYPAYMENT", "ARCREDITPAYMENT", "APCREDITPAYMENT"}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "books", 200)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(books: RunningSandbox, home: Path) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=books.url, **UNLIMITED_CLIENT)


def _ndjson(text: str) -> list[dict]:
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


def _june(journals: list[dict]) -> dict[str, Decimal]:
    """Net debit per account code of the journals dated June 2026 (zeros left out)."""
    moved: dict[str, Decimal] = defaultdict(Decimal)
    for journal in journals:
        if journal["JournalDate"].startswith("2026-06"):
            for line in journal["JournalLines"]:
                moved[line["AccountCode"]] += line["NetAmount"]
    return {code: amount for code, amount in moved.items() if amount}


def _june_trial_balance(env: dict[str, str], *tenant: str) -> dict[str, Decimal]:
    """The month columns of the trial balance at 30 June 2026: net debit per account code."""
    report = run_xero(
        "--sandbox", *tenant, "reports", "trial-balance", "--date", "2026-06-30", "-o", "json",
        env=env,
    ).ok()  # fmt: skip
    rows = json.loads(report.stdout, parse_float=Decimal)
    moved = {
        row["Account"].rsplit("(", 1)[1].rstrip(")"): (row["Debit"] or 0) - (row["Credit"] or 0)
        for row in rows
        if row["RowType"] == "Row"
    }
    return {code: amount for code, amount in moved.items() if amount}


def test_journals_are_the_ledger_paged_by_offset_and_exported_by_offset(env, tmp_path) -> None:
    """Every journal balances; June's journals are June's trial balance, account by account;
    `--all` follows the offsets past Xero's 100 an answer; `--incremental` by offset."""
    listed = run_xero("--sandbox", "--debug", "journals", "list", "--all", "-o", "ndjson", env=env)
    journals = _ndjson(listed.ok().stdout)
    assert len(journals) > 200, "more than two answers of 100"
    assert [j["JournalNumber"] for j in journals] == list(range(1, len(journals) + 1))
    assert problems("Journals", listed.stderr) == []
    offsets = [params.get("offset") for _, _, params in sent_requests(listed.stderr)]
    assert offsets[:3] == [0, 100, 200]
    for journal in journals:
        assert sum(line["NetAmount"] for line in journal["JournalLines"]) == 0, journal
    # `xero api --paginate` pages the collection as the table says: by offset, every journal once.
    raw = run_xero("--sandbox", "--debug", "api", "--paginate", "Journals", env=env).ok()
    assert [j["JournalNumber"] for j in raw.json()] == [j["JournalNumber"] for j in journals]
    assert problems("Journals", raw.stderr) == []

    assert _june(journals) == _june_trial_balance(env)
    # The global company converts USD and EUR documents: its June is its trial balance too.
    other = ["--tenant", "Demo Company (Global)"]
    listed = run_xero("--sandbox", *other, "journals", "list", "--all", "-o", "ndjson", env=env)
    assert _june(_ndjson(listed.ok().stdout)) == _june_trial_balance(env, *other)

    payments = run_xero(
        "--sandbox", "journals", "list", "--payments-only", "--all", "-o", "ndjson", env=env
    ).ok()
    paid = _ndjson(payments.stdout)
    assert paid and {j["SourceType"] for j in paid} <= PAYMENT_SOURCES
    assert len(paid) == sum(1 for j in journals if j["SourceType"] in PAYMENT_SOURCES)

    first = tmp_path / "first.csv"
    run_xero("--sandbox", "export", "csv", "journals", "--incremental", "-o", str(first), env=env)
    assert len(first.read_text().splitlines()) == len(journals) + 1
    run_xero(
        "--sandbox", "invoices", "create", "--contact", "Journal Test Ltd", "--line",
        "Audit,1,100,200", "--status", "AUTHORISED", "--date", "2026-06-15",
        "--due-date", "2026-07-15", env=env,
    ).ok()  # fmt: skip
    again = run_xero(
        "--sandbox", "--debug", "export", "ndjson", "journals", "--incremental", "-o", "-",
        env=env,
    ).ok()  # fmt: skip
    assert [j["JournalNumber"] for j in _ndjson(again.stdout)] == [len(journals) + 1]
    assert sent_requests(again.stderr)[0][2]["offset"] == len(journals)


def test_settings_writes_send_what_xero_takes(env, books) -> None:
    """`currencies create`, `payment-services create`, `branding-themes add-payment-services`:
    sent as Xero describes them (method, path, parameters, body fields), and seen after."""
    dry = run_xero("--sandbox", "currencies", "create", "--code", "usd", "--dry-run", env=env)
    [body] = dry.ok().json()
    assert body == {"Code": "USD"} and set(body) <= BODY_FIELDS[("PUT", "/Currencies")]
    added = run_xero("--sandbox", "--debug", "currencies", "create", "--code", "usd", env=env)
    assert added.ok().json()[0] == {"Code": "USD", "Description": "United States Dollar"}
    assert problems("Currencies", added.stderr) == []
    books.reset_stats()
    bad = run_xero("--sandbox", "currencies", "create", "--code", "dollars", env=env)
    assert bad.code == 2 and bad.stderr.startswith("xero: --code: 'DOLLARS'")
    assert books.stats()["api_calls"] == 0

    service = [
        "--name", "Test Pay", "--url", "https://pay.example.com/[INVOICENUMBER]",
        "--pay-now-text", "Pay now",
    ]  # fmt: skip
    [sent] = run_xero(
        "--sandbox", "payment-services", "create", *service, "--dry-run", env=env
    ).ok().json()  # fmt: skip
    assert set(sent) <= BODY_FIELDS[("PUT", "/PaymentServices")]
    key = ["--idempotency-key", f"pay-{books.url}"]
    created = run_xero("--sandbox", "--debug", "payment-services", "create", *service, *key,
                       env=env)  # fmt: skip
    service_id = created.ok().json()[0]["PaymentServiceID"]
    assert problems("PaymentServices", created.stderr) == []
    again = run_xero("--sandbox", "payment-services", "create", *service, *key, env=env).ok()
    assert again.json()[0]["PaymentServiceID"] == service_id, "the same key creates nothing"
    services = run_xero("--sandbox", "payment-services", "list", env=env).ok().json()
    assert [s["PaymentServiceName"] for s in services].count("Test Pay") == 1

    theme = run_xero("--sandbox", "branding-themes", "list", env=env).ok().json()[-1]
    joined = run_xero(
        "--sandbox", "--debug", "branding-themes", "add-payment-services",
        theme["BrandingThemeID"], service_id, "-o", "json", env=env,
    ).ok()  # fmt: skip
    assert service_id in {s["PaymentServiceID"] for s in joined.json()}
    assert problems("BrandingThemes", joined.stderr) == []
    offered = run_xero(
        "--sandbox", "branding-themes", "payment-services", theme["BrandingThemeID"], env=env
    ).ok()
    assert service_id in {s["PaymentServiceID"] for s in offered.json()}


def test_contact_groups_are_created_filled_renamed_emptied_and_deleted(env) -> None:
    """`contact-groups create|add|get|update|remove|delete`, a group named by its name, each
    request one Xero describes."""
    contacts = run_xero("--sandbox", "contacts", "list", "--limit", "2", env=env).ok().json()
    ids = [c["ContactID"] for c in contacts]
    names = [ids[0], contacts[1]["Name"]]  # by ID or by name
    [sent] = run_xero(
        "--sandbox", "contact-groups", "create", "--name", "Walkers", "--dry-run", env=env
    ).ok().json()  # fmt: skip
    assert sent == {"Name": "Walkers"}
    assert set(sent) <= BODY_FIELDS[("PUT", "/ContactGroups")]
    steps = [
        ("create", "--name", "Walkers"),
        ("add", "Walkers", *names),
        ("update", "Walkers", "--name", "Ramblers"),
        ("remove", "Ramblers", ids[0]),
    ]
    for step in steps:
        done = run_xero("--sandbox", "--debug", "contact-groups", *step, env=env).ok()
        assert problems("ContactGroups", done.stderr) == [], step
    group = run_xero("--sandbox", "contact-groups", "get", "Ramblers", env=env).ok().json()
    assert [m["ContactID"] for m in group["Contacts"]] == ids[1:]
    for step in (("clear", "Ramblers"), ("delete", "Ramblers")):  # every member at once
        done = run_xero("--sandbox", "--debug", "contact-groups", *step, env=env).ok()
        assert problems("ContactGroups", done.stderr) == [], step
    group = run_xero("--sandbox", "contact-groups", "get", "Ramblers", env=env).ok().json()
    assert group["Status"] == "DELETED" and group["Contacts"] == []
    again = run_xero("--sandbox", "contact-groups", "create", "--name", "VIP Customers", env=env)
    assert again.code == 6 and "already exists" in again.stderr


def test_tracking_categories_and_their_options_and_lines_tagged_with_them(env) -> None:
    """A third category needs one archived first (Xero's two active); options are added,
    renamed and deleted; `--tracking` tags every line, and the export's line columns show it."""
    steps = [
        ("archive", "Department"),
        ("create", "--name", "Project"),
        ("add-options", "Project", "Alpha", "Beta"),
        ("update", "Project", "--name", "Projects"),
    ]
    for step in steps:
        done = run_xero("--sandbox", "--debug", "tracking-categories", *step, env=env).ok()
        assert problems("TrackingCategories", done.stderr) == [], step
    category = run_xero("--sandbox", "tracking-categories", "get", "Projects", env=env).ok()
    alpha, beta = (o["TrackingOptionID"] for o in category.json()["Options"])
    for step in (("rename-option", "Projects", alpha, "--name", "Gamma"),
                 ("delete-options", "Projects", beta), ("restore", "Department")):  # fmt: skip
        done = run_xero("--sandbox", "--debug", "tracking-categories", *step, env=env)
        assert problems("TrackingCategories", done.ok().stderr) == [], step
    listed = run_xero("--sandbox", "tracking-categories", "list", env=env).ok().json()
    assert {c["Name"]: [o["Name"] for o in c["Options"]] for c in listed}["Projects"] == ["Gamma"]
    full = run_xero("--sandbox", "tracking-categories", "create", "--name", "Fourth", env=env)
    assert full.code == 6 and "at most 2 active" in full.stderr

    [invoice] = run_xero(
        "--sandbox", "invoices", "create", "--contact", "Tracked Ltd", "--line", "Work,1,50,200",
        "--line", "More,2,5,200", "--tracking", "Region=North", "--tracking", "Projects=Gamma",
        env=env,
    ).ok().json()  # fmt: skip
    # Stored as Xero answers it: both names, and both IDs.
    ids = {
        (c["Name"], o["Name"]): (c["TrackingCategoryID"], o["TrackingOptionID"])
        for c in listed
        for o in c["Options"]
    }
    tags = [
        {"Name": name, "Option": option, "TrackingCategoryID": category, "TrackingOptionID": one}
        for name, option in (("Region", "North"), ("Projects", "Gamma"))
        for category, one in [ids[(name, option)]]
    ]
    assert [line["Tracking"] for line in invoice["LineItems"]] == [tags, tags]
    exported = run_xero(
        "--sandbox", "export", "ndjson", "invoices", "--lines", "--where",
        f'InvoiceID==Guid("{invoice["InvoiceID"]}")', "-o", "-", env=env,
    ).ok()  # fmt: skip
    rows = _ndjson(exported.stdout)
    assert [(r["LineItem.Tracking[0].Option"], r["LineItem.Tracking[1].Name"]) for r in rows] == [
        ("North", "Projects"),
        ("North", "Projects"),
    ]
    bad = run_xero("--sandbox", "invoices", "create", "--contact", "X", "--line", "a,1,1,200",
                   "--tracking", "Region", env=env)  # fmt: skip
    assert bad.code == 2 and "--tracking: 'Region' needs 'Category=Option'" in bad.stderr


def test_every_collection_has_its_operations_and_scopes_and_a_missing_one_is_named(
    books, home: Path
) -> None:
    """The table names a granular scope per collection that `auth login` asks for by default
    (and the legacy set covers too); a token without it is exit 4 naming it."""
    assert {r.name for r in RESOURCES} <= set(OPERATIONS), "each collection's operations"
    for resource in RESOURCES:
        assert resource.scopes[0] in GRANULAR_SCOPES.split(), resource.name
        assert set(resource.scopes) & set(LEGACY_SCOPES.split()), resource.name
    token = login(books.url, scope="offline_access accounting.settings")["access_token"]
    tenant = loopback.get(
        f"{books.url}/connections", headers={"Authorization": f"Bearer {token}"}
    ).json()[0]["tenantId"]
    narrow = isolated_env(home, XERO_SANDBOX_URL=books.url, XERO_ACCESS_TOKEN=token,
                          XERO_TENANT_ID=tenant)  # fmt: skip
    for noun in ("journals", "payment-services", "budgets"):
        resource = next(r for r in RESOURCES if r.noun == noun)
        refused = run_xero(noun, "list", env=narrow)
        assert refused.code == 4, refused.stderr
        assert resource.scopes[0] in refused.stderr
    # A branding theme (accounting.settings) is read; its payment services need their own scope.
    [theme] = run_xero("branding-themes", "list", "--limit", "1", env=narrow).ok().json()
    services = run_xero("branding-themes", "payment-services", theme["BrandingThemeID"], env=narrow)
    assert services.code == 4 and "paymentservices" in services.stderr


def test_budgets_have_a_line_per_account_and_an_amount_per_month(env) -> None:
    budgets = run_xero("--sandbox", "budgets", "list", env=env).ok().json()
    assert {b["Type"] for b in budgets} == {"OVERALL", "TRACKING"}
    assert all("BudgetLines" not in b for b in budgets), "a list leaves the lines out"
    later = run_xero("--sandbox", "budgets", "list", "--from", "2027-04-01", env=env).ok().json()
    assert later == [], "no budget has a period after its financial year"
    got = run_xero("--sandbox", "budgets", "get", budgets[0]["BudgetID"], env=env).ok().json()
    periods = [[b["Period"] for b in line["BudgetBalances"]] for line in got["BudgetLines"]]
    assert periods and all(p == [f"2026-{m:02d}" for m in range(4, 13)] + [
        f"2027-{m:02d}" for m in range(1, 4)] for p in periods)  # fmt: skip
    accounts = run_xero("--sandbox", "accounts", "list", env=env).ok().json()
    codes = {a["AccountID"]: a["Code"] for a in accounts}
    assert all(codes[line["AccountID"]] == line["AccountCode"] for line in got["BudgetLines"])


def _trial_balance(env: dict[str, str], day: str) -> dict[str, Decimal]:
    """Balance per account code (debits positive) at `day`; the report balances."""
    report = run_xero("--sandbox", "reports", "trial-balance", "--date", day, "-o", "json", env=env)
    rows = [r for r in json.loads(report.ok().stdout, parse_float=Decimal) if r["RowType"] == "Row"]
    assert sum((r["YTD Debit"] or 0) for r in rows) == sum((r["YTD Credit"] or 0) for r in rows)
    return {
        row["Account"].rsplit("(", 1)[1].rstrip(")"): (row["YTD Debit"] or 0)
        - (row["YTD Credit"] or 0)
        for row in rows
    }


def test_setup_is_checked_whole_and_applied_whole(env, tmp_path: Path) -> None:
    """`xero setup --file`: balances that do not balance are refused before anything is sent
    (exit 2, one line); a balance on an account that does not exist is refused by Xero with
    nothing applied (the new account of the same request not made either); `--dry-run` sends
    nothing; a good one makes the account and posts the balances the day before the
    conversion date, and the trial balance there still balances."""
    setup = {
        "ConversionDate": {"Month": 1, "Year": 2024},
        "Accounts": [{"Code": "851", "Name": "Shareholder Loan", "Type": "TERMLIAB"}],
        "ConversionBalances": [
            {"AccountCode": "090", "Balance": 1500.25},
            {"AccountCode": "851", "Balance": -1000},
            {"AccountCode": "960", "Balance": -500.25},
        ],
    }
    path = tmp_path / "setup.json"
    unbalanced = {**setup, "ConversionBalances": setup["ConversionBalances"][:2]}
    path.write_text(json.dumps(unbalanced))
    refused = run_xero("--sandbox", "--debug", "setup", "--file", str(path), env=env)
    assert refused.code == 2 and "must balance: debits less credits is 500.25" in refused.stderr
    assert sent_requests(refused.stderr) == [] and refused.stdout == ""
    unknown = {**setup, "ConversionBalances": [
        *setup["ConversionBalances"][:2], {"AccountCode": "999", "Balance": -500.25}]}  # fmt: skip
    path.write_text(json.dumps(unknown))
    rejected = run_xero("--sandbox", "setup", "--file", str(path), env=env)
    assert rejected.code == 6 and "account code '999' does not exist" in rejected.stderr
    assert run_xero("--sandbox", "accounts", "get", "851", env=env).code == 5
    path.write_text(json.dumps(setup))
    dry = run_xero("--sandbox", "--debug", "setup", "--file", str(path), "--dry-run", env=env)
    assert dry.ok().json()[0]["ConversionBalances"][0] == {"AccountCode": "090", "Balance": 1500.25}
    assert sent_requests(dry.stderr) == []
    done = run_xero("--sandbox", "--debug", "setup", "--file", str(path), env=env).ok()
    assert problems("Setup", done.stderr) == []
    assert done.json()[0]["Accounts"]["New"] == 1 and "1 accounts new" in done.stderr
    assert _trial_balance(env, "2023-12-31")["851"] == Decimal("-1000")


def test_readme_table_names_every_collection_and_its_command() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in readme.splitlines() if line.startswith("| ")
    }
    for resource in RESOURCES:
        assert f"`xero {resource.noun}`" in rows.get(resource.name, ""), resource.name
