"""The US organisation (`POST /__sandbox/organisations`) and its 1099, computed from what was
paid: bills paid in part, in full, in and outside the year, spend money, a non-1099 supplier,
lines on accounts the 1099 setup does not map. Checked over HTTP and through `xero reports
ten-ninety-nine` in two formats, on one small sandbox of its own (the session sandbox's tests
count two organisations)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import simplejson

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers import loopback
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.oauth import ALL_SCOPES, login
from tests.helpers.sandbox import (
    RunningSandbox,
    seeded_copy,
    start_seeded,
    templates_dir,
    tenant_client,
)

US = "Demo Company (US)"
ORGANISATIONS = ["Demo Company (NZ)", "Demo Company (Global)", US]
CENT = Decimal("0.01")
FORM_KEYS = ["Form", "Contact", "ContactID", "FederalTaxIDType", "TaxID"]
#: The US organisation's 1099 setup (us_company.TEN_NINETY_NINE): account -> (form, box).
BOXES = {"412": ("1099-NEC", "Box1"), "469": ("1099-MISC", "Box1"), "441": ("1099-MISC", "Box10")}


@pytest.fixture(scope="module")
def us_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "us-1099", 200)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


def _put(client: httpx.Client, collection: str, record: dict) -> dict:
    answer = client.put(f"/{collection}", json={collection: [record]})
    assert answer.status_code == 200, answer.text
    return answer.json()[collection][0]


def _bill(client, contact: str, day: str, lines: list[tuple[str, str]]) -> dict:
    return _put(
        client,
        "Invoices",
        {
            "Type": "ACCPAY",
            "Contact": {"ContactID": contact},
            "Date": day,
            "DueDate": day,
            "Status": "AUTHORISED",
            "LineAmountTypes": "NoTax",
            "LineItems": [
                {"Description": code, "Quantity": 1, "UnitAmount": amount, "AccountCode": code}
                for code, amount in lines
            ],
        },
    )


def _pay(client, bill: dict, day: str, amount: str) -> dict:
    return _put(
        client,
        "Payments",
        {
            "Invoice": {"InvoiceID": bill["InvoiceID"]},
            "Account": {"Code": "090"},
            "Date": day,
            "Amount": amount,
        },
    )


def _spend(client, contact: str, day: str, lines: list[tuple[str, str]]) -> dict:
    return _put(
        client,
        "BankTransactions",
        {
            "Type": "SPEND",
            "Contact": {"ContactID": contact},
            "BankAccount": {"Code": "090"},
            "Date": day,
            "LineAmountTypes": "Inclusive",
            "LineItems": [
                {"Description": code, "Quantity": 1, "UnitAmount": amount, "AccountCode": code}
                for code, amount in lines
            ],
        },
    )


def _forms(client: httpx.Client, year: str) -> dict[str, dict[str, dict[str, Decimal]]]:
    """Form -> contact name -> box -> amount, from the sandbox's answer (numbers checked)."""
    answer = client.get("/Reports/TenNinetyNine", params={"reportYear": year})
    assert answer.status_code == 200, answer.text
    found = simplejson.loads(answer.text, use_decimal=True)["Reports"]
    assert [f["ReportName"] for f in found] == ["1099-NEC report", "1099-MISC report"]
    assert {f["ReportDate"] for f in found} == {f"1 Jan {year} to 31 Dec {year}"}
    shown: dict = {}
    for form in found:
        name = form["ReportName"].removesuffix(" report")
        for contact in form["Contacts"]:
            boxes = {k: v for k, v in contact.items() if k.startswith("Box")}
            assert all(
                isinstance(v, Decimal) and v == v.quantize(Decimal("0.01")) for v in boxes.values()
            )
            assert contact["FederalTaxIDType"] in ("SSN", "EIN") and contact["TaxID"]
            shown.setdefault(name, {})[contact["Name"]] = {k: v for k, v in boxes.items() if v}
    return shown


def test_a_us_organisation_is_added_and_its_1099_sums_what_was_paid_in_the_year(
    us_sandbox: RunningSandbox, home: Path
) -> None:
    # Logged in before the organisation exists: it is connected to this login too.
    token = login(us_sandbox.url, scope=f"{ALL_SCOPES} accounting.reports.tenninetynine.read")
    panel = f"{us_sandbox.url}/__sandbox/organisations"
    added = loopback.post(panel, json={"country": "US"}, timeout=10)
    assert added.status_code == 201, added.text
    again = loopback.post(panel, json={"country": "us"}, timeout=10)
    assert again.status_code == 200 and again.json() == added.json()
    refused = loopback.post(panel, json={"country": "FR"}, timeout=10)
    assert refused.status_code == 400 and "US" in refused.json()["error"]
    tenants = us_sandbox.tenants()
    assert [t["name"] for t in tenants] == ORGANISATIONS
    assert (tenants[2]["country"], tenants[2]["base_currency"]) == ("US", "USD")

    with tenant_client(us_sandbox, token, 2) as us:
        [organisation] = us.get("/Organisation").json()["Organisations"]
        assert (organisation["CountryCode"], organisation["BaseCurrency"]) == ("US", "USD")
        taxes = {t["Name"]: t["TaxType"] for t in us.get("/TaxRates").json()["TaxRates"]}
        assert taxes["Tax Exempt"] == "NONE" and taxes["Tax on Sales"] == "OUTPUT"
        codes = {a["Code"] for a in us.get("/Accounts").json()["Accounts"]}
        assert set(BOXES) | {"090", "610", "800", "493"} <= codes
        contacts = {c["Name"]: c["ContactID"] for c in us.get("/Contacts").json()["Contacts"]}
        dana = contacts["Dana Whitfield Design"]
        legal = contacts["Bayside Legal LLP"]
        landlord = contacts["Oakline Properties"]
        supplies = contacts["Metro Office Supply"]  # a supplier, not a 1099 vendor

        # (contact, account, amount paid, day paid): what each box must sum.
        paid: list[tuple[str, str, Decimal, str]] = []
        part = _bill(us, dana, "2025-12-15", [("412", "1000.00"), ("493", "200.00")])
        _pay(us, part, "2025-12-20", "300.00")  # the year before
        _pay(us, part, "2026-01-10", "600.00")  # 1000/1200 of it on 412
        paid += [(dana, "412", Decimal("250.00"), "2025-12-20")]
        paid += [(dana, "412", Decimal("500.00"), "2026-01-10")]
        full = _bill(us, legal, "2026-03-01", [("441", "1234.57"), ("412", "100.01")])
        _pay(us, full, "2026-03-31", "1334.58")
        paid += [(legal, "441", Decimal("1234.57"), "2026-03-31")]
        paid += [(legal, "412", Decimal("100.01"), "2026-03-31")]
        late = _bill(us, landlord, "2026-12-01", [("469", "2500.00")])
        _pay(us, late, "2027-01-05", "2500.00")  # billed this year, paid the next
        paid += [(landlord, "469", Decimal("2500.00"), "2027-01-05")]
        _spend(us, landlord, "2026-06-01", [("469", "2500.00")])
        _spend(us, landlord, "2025-06-01", [("469", "999.99")])
        _spend(us, dana, "2026-07-04", [("412", "333.33"), ("400", "50.00")])
        paid += [(landlord, "469", Decimal("2500.00"), "2026-06-01")]
        paid += [(landlord, "469", Decimal("999.99"), "2025-06-01")]
        paid += [(dana, "412", Decimal("333.33"), "2026-07-04")]
        # Deleted: a payment, and spend money; neither counts.
        undone = _pay(us, part, "2026-02-01", "100.00")
        gone = us.post(f"/Payments/{undone['PaymentID']}", json={"Status": "DELETED"})
        assert gone.status_code == 200, gone.text
        spent = _spend(us, landlord, "2026-08-01", [("469", "400.00")])
        deleted = {"BankTransactions": [{"Status": "DELETED"}]}
        gone = us.post(f"/BankTransactions/{spent['BankTransactionID']}", json=deleted)
        assert gone.status_code == 200, gone.text
        _pay(us, _bill(us, supplies, "2026-02-02", [("412", "800.00")]), "2026-02-10", "800.00")
        _spend(us, supplies, "2026-05-05", [("412", "75.00")])

        names = {v: k for k, v in contacts.items()}
        for year in ("2025", "2026", "2027"):
            expected: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(Decimal)))
            for contact, code, amount, day in paid:
                if day.startswith(year):
                    form, box = BOXES[code]
                    expected[form][names[contact]][box] += amount
            wanted = {f: {c: dict(b) for c, b in by.items()} for f, by in expected.items()}
            assert _forms(us, year) == wanted, year
        this_year = _forms(us, "2026")
        assert "Metro Office Supply" not in str(this_year)
        bad = us.get("/Reports/TenNinetyNine", params={"reportYear": "26"})
        assert bad.status_code == 400 and "reportYear" in bad.json()["Message"]

    # The CLI: one record per form and contact, a key per box, the same amounts in every format.
    env = isolated_env(home, XERO_SANDBOX_URL=us_sandbox.url, **UNLIMITED_CLIENT)
    args = ["--sandbox", "--tenant", US, "reports", "ten-ninety-nine", "--year", "2026"]
    records = run_xero(*args, "--json", env=env).ok().json()
    shown = {(r["Form"], r["Contact"]): r for r in records}
    assert set(shown) == {(f, c) for f, by in this_year.items() for c in by}
    for (form, contact), record in shown.items():
        assert record["ContactID"] == contacts[contact] and record["TaxID"]
        boxes = {k: Decimal(str(v)) for k, v in record.items() if k.startswith("Box") and v}
        assert boxes == this_year[form][contact], (form, contact)
    text = run_xero(*args, "-o", "csv", env=env).ok().stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:6] == [
        "Form",
        "Contact",
        "ContactID",
        "FederalTaxIDType",
        "TaxID",
        "Box1",
    ]
    for row in rows:
        boxes = {k: Decimal(v) for k, v in row.items() if k.startswith("Box") and v and Decimal(v)}
        assert boxes == this_year[row["Form"]][row["Contact"]]
    table = run_xero(*args, env=env).ok().stdout
    assert "Dana Whitfield Design" in table and "833.33" in table
    refused_nz = run_xero("--sandbox", "reports", "ten-ninety-nine", "--year", "2026", env=env)
    assert refused_nz.code == 6 and "United States" in refused_nz.stderr
    assert len(refused_nz.stderr.strip().splitlines()) == 1


def test_serve_us_company_adds_it_beside_the_demo_companies_and_the_data_file_keeps_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("us-serve")
    data = seeded_copy(templates_dir(tmp_path_factory), root / "sandbox.sqlite", 200)
    seen = []
    for options in (("--us-company",), ()):  # the second start is not asked for it
        running = RunningSandbox(data, root, *options)
        try:
            seen.append([(t["name"], t["country"]) for t in running.tenants()])
        finally:
            running.stop()
    expected = [*zip(ORGANISATIONS, ["NZ", "GB", "US"], strict=True)]
    assert seen == [expected, expected]
