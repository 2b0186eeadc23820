"""Reading every object: list (JSON and table), filters, get by ID and number, --all."""

from __future__ import annotations

import csv
import io
import uuid
from decimal import Decimal

import pytest

from tests.helpers.cli import run_xero
from tests.helpers.xero_operations import problems
from xerocli.api.resources import RESOURCES

NOUNS = [resource.noun for resource in RESOURCES]


@pytest.mark.parametrize("noun", NOUNS)
def test_list_json_table_csv_and_get_for_every_object(noun: str, sandbox_env) -> None:
    """Every entry of the resource table, as its flags say: `list` (or, for one record, the
    group itself) and `get` of a listed record; the requests each sends are Xero's own
    (method, path and query parameters: tests/helpers/xero_operations.py)."""
    resource = next(r for r in RESOURCES if r.noun == noun)
    if resource.singleton:
        shown = run_xero("--sandbox", "--debug", noun, "-o", "json", env=sandbox_env).ok()
        assert problems(resource.name, shown.stderr) == []
        assert shown.json()[resource.columns[0].path], f"the demo company has its {noun}"
        table = run_xero("--sandbox", noun, "-o", "table", env=sandbox_env).ok().stdout
        assert "Demo Company (NZ)" in table and resource.columns[0].header in table
        return
    listing = run_xero("--sandbox", "--debug", noun, "list", "--limit", "5", env=sandbox_env)
    listed = listing.ok().json()
    assert problems(resource.name, listing.stderr) == []
    assert 1 <= len(listed) <= 5, f"the demo company has {noun}"
    assert "/Date(" not in str(listed)
    table = run_xero("--sandbox", noun, "list", "--limit", "5", "-o", "table", env=sandbox_env)
    assert "Demo Company (NZ)" in table.ok().stdout
    assert resource.columns[0].header in table.stdout
    as_csv = run_xero("--sandbox", noun, "list", "--limit", "5", "-o", "csv", env=sandbox_env)
    rows = list(csv.reader(io.StringIO(as_csv.ok().stdout, newline="")))
    assert len(rows) == len(listed) + 1
    # The table's columns, and every document's ID and currency (issue 12 item 14).
    assert [c for c in rows[0] if c in {c.path for c in resource.columns}] == [
        column.path for column in resource.columns
    ]
    assert resource.id_field in rows[0]
    assert resource.currency_field is None or resource.currency_field in rows[0]
    if not resource.get_by:  # Xero offers no get (payment services)
        return
    first = listed[0]
    got = run_xero(
        "--sandbox", "--debug", noun, "get", str(first[resource.id_field]), env=sandbox_env
    )
    assert got.ok().json()[resource.id_field] == first[resource.id_field]
    assert problems(resource.name, got.stderr) == []
    if resource.number_field and first.get(resource.number_field):
        by_number = run_xero(
            "--sandbox", noun, "get", str(first[resource.number_field]), env=sandbox_env
        )
        assert by_number.ok().json()[resource.id_field] == first[resource.id_field]


ACTIONS = [(r.noun, a.command) for r in RESOURCES for a in r.actions if not a.writes]


@pytest.mark.parametrize(("noun", "command"), ACTIONS)
def test_every_read_action_answers_with_its_records(noun: str, command: str, sandbox_env) -> None:
    """Each verb with its own path (`organisation actions`, `branding-themes payment-services
    THEME`): records in its columns, through the path and parameters Xero describes."""
    resource = next(r for r in RESOURCES if r.noun == noun)
    action = next(a for a in resource.actions if a.command == command)
    key = []
    if action.per_record and not resource.singleton:
        listed = run_xero("--sandbox", noun, "list", "--limit", "1", env=sandbox_env).ok().json()
        key = [listed[0][resource.id_field]]
    done = run_xero("--sandbox", "--debug", noun, command, *key, "-o", "json", env=sandbox_env)
    records = done.ok().json()
    assert records and all(action.columns[0].path in record for record in records)
    assert problems(resource.name, done.stderr) == []


@pytest.mark.parametrize(
    "noun", [r.noun for r in RESOURCES if any(f.option == "status" for f in r.filters)]
)
def test_status_filter_for_every_object(noun: str, sandbox_env) -> None:
    resource = next(r for r in RESOURCES if r.noun == noun)
    status_filter = next(f for f in resource.filters if f.option == "status")
    wanted = status_filter.choices[0] if status_filter.choices else "AUTHORISED"
    for choice in status_filter.choices or (wanted,):
        result = (
            run_xero(
                "--sandbox",
                noun,
                "list",
                "--status",
                choice.lower(),
                "--limit",
                "50",
                env=sandbox_env,
            )
            .ok()
            .json()
        )
        assert all(r[resource.status_field] == choice for r in result), (noun, choice)


def test_invoice_filters_combine(sandbox_env) -> None:
    result = (
        run_xero(
            "--sandbox",
            "invoices",
            "list",
            "--type",
            "ACCPAY",
            "--status",
            "AUTHORISED",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--order",
            "Date DESC",
            "--limit",
            "200",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert result
    assert {r["Type"] for r in result} == {"ACCPAY"}
    assert {r["Status"] for r in result} == {"AUTHORISED"}
    dates = [r["Date"] for r in result]
    assert dates == sorted(dates, reverse=True)
    assert min(dates) >= "2026-01-01" and max(dates) <= "2026-06-30"
    contact = result[0]["Contact"]
    by_name = (
        run_xero(
            "--sandbox",
            "invoices",
            "list",
            "--contact",
            contact["Name"],
            "--limit",
            "20",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    by_id = (
        run_xero(
            "--sandbox",
            "invoices",
            "list",
            "--contact",
            contact["ContactID"],
            "--limit",
            "20",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert by_name == by_id and {r["Contact"]["ContactID"] for r in by_id} == {contact["ContactID"]}
    raw = (
        run_xero(
            "--sandbox",
            "invoices",
            "list",
            "--where",
            "AmountDue>1000",
            "--limit",
            "20",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert raw and all(Decimal(str(r["AmountDue"])) > 1000 for r in raw)


def test_all_pages_of_10000_invoices_stream_as_ndjson(sandbox_env) -> None:
    result = run_xero("--sandbox", "invoices", "list", "--all", "-o", "ndjson", env=sandbox_env)
    records = result.ok().ndjson()
    assert len(records) >= 10_000
    assert len({r["InvoiceID"] for r in records}) == len(records)
    assert all(r["LineItems"] for r in records[:50])


def test_bad_filter_values_are_usage_errors(sandbox_env) -> None:
    bad_date = run_xero("--sandbox", "invoices", "list", "--from", "01/02/2026", env=sandbox_env)
    assert bad_date.code == 2 and "--from: '01/02/2026' is not a date" in bad_date.stderr
    bad_status = run_xero("--sandbox", "invoices", "list", "--status", "LOST", env=sandbox_env)
    assert bad_status.code == 2 and "--status: 'LOST' is not a status of invoices" in (
        bad_status.stderr
    )
    bad_where = run_xero("--sandbox", "invoices", "list", "--where", "Status==", env=sandbox_env)
    assert bad_where.code == 6 and bad_where.stderr.startswith("xero: Xero rejected")


def test_tax_rates_by_type_and_without_a_modification_time(sandbox_env) -> None:
    # The tax types an invoice line may use, per organisation (GST in NZ, VAT in the UK one).
    nz = run_xero("--sandbox", "tax-rates", "get", "output2", env=sandbox_env).ok().json()
    assert (nz["TaxType"], nz["Name"], nz["EffectiveRate"]) == ("OUTPUT2", "GST on Income", 15)
    uk = run_xero(
        "--sandbox",
        "--tenant",
        "Demo Company (Global)",
        "tax-rates",
        "list",
        "--type",
        "input2",
        env=sandbox_env,
    )
    assert [(r["TaxType"], r["Name"]) for r in uk.ok().json()] == [("INPUT2", "VAT on Expenses")]
    # Xero's TaxRates carry no UpdatedDateUTC: --since is not offered, --incremental refused.
    since = run_xero("--sandbox", "tax-rates", "list", "--since", "2026-01-01", env=sandbox_env)
    assert since.code == 2 and "No such option: --since" in since.stderr
    incremental = run_xero(
        "--sandbox", "export", "csv", "tax-rates", "--incremental", "-o", "-", env=sandbox_env
    )
    assert incremental.code == 2 and incremental.stdout == ""
    assert "--incremental: Xero's TaxRates carry no modification time" in incremental.stderr


def _ids(env, *args: str) -> set[str]:
    records = run_xero("--sandbox", *args, "--all", "-o", "ndjson", env=env).ok().ndjson()
    id_field = "InvoiceID" if args[0] == "invoices" else "CreditNoteID"
    return {r[id_field] for r in records}


@pytest.mark.parametrize("noun", ["invoices", "credit-notes"])
def test_several_statuses_repeated_or_comma_separated(noun: str, sandbox_env) -> None:
    # Invoices send Xero's Statuses=A,B; credit notes an OR in where: the sandbox honours both.
    window = ("--from", "2026-03-01", "--to", "2026-04-30") if noun == "invoices" else ()
    paid = _ids(sandbox_env, noun, "list", *window, "--status", "PAID")
    authorised = _ids(sandbox_env, noun, "list", *window, "--status", "AUTHORISED")
    assert paid and authorised, "the demo company has both"
    repeated = _ids(
        sandbox_env, noun, "list", *window, "--status", "PAID", "--status", "authorised"
    )
    listed = _ids(sandbox_env, noun, "list", *window, "--status", "paid, AUTHORISED")
    assert repeated == listed == paid | authorised


def test_several_types_and_statuses_combine_and_export_takes_them_too(sandbox_env) -> None:
    args = ("--from", "2026-03-01", "--to", "2026-03-31", "--status", "PAID,AUTHORISED")
    both = (
        run_xero(
            "--sandbox",
            "invoices",
            "list",
            *args,
            "--type",
            "ACCREC,ACCPAY",
            "--all",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert {r["Type"] for r in both} == {"ACCREC", "ACCPAY"}
    assert {r["Status"] for r in both} == {"PAID", "AUTHORISED"}
    exported = (
        run_xero(
            "--sandbox",
            "export",
            "ndjson",
            "invoices",
            *args,
            "--type",
            "ACCREC",
            "--type",
            "ACCPAY",
            env=sandbox_env,
        )
        .ok()
        .ndjson()
    )
    assert sorted(r["InvoiceID"] for r in exported) == sorted(r["InvoiceID"] for r in both)


def test_unknown_or_too_many_statuses_are_refused_before_any_call(sandbox_env) -> None:
    unknown = run_xero(
        "--sandbox", "credit-notes", "list", "--status", "PAID,LOST", env=sandbox_env
    )
    assert unknown.code == 2 and unknown.stdout == ""
    assert "--status: 'LOST' is not a status of credit notes" in unknown.stderr
    assert "DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED" in unknown.stderr
    exported = run_xero(
        "--sandbox", "export", "csv", "payments", "--type", "ACCRECPAYMENT,NOPE", env=sandbox_env
    )
    assert exported.code == 2 and "'NOPE' is not a type of payments" in exported.stderr
    # Xero's PurchaseOrders endpoint takes one Status and no where: several cannot be asked for.
    orders = run_xero(
        "--sandbox",
        "purchase-orders",
        "list",
        "--status",
        "DRAFT",
        "--status",
        "BILLED",
        env=sandbox_env,
    )
    assert orders.code == 2 and "give it once" in orders.stderr


def test_xeros_plain_text_404_is_exit_5_naming_the_record(sandbox_env) -> None:
    """Xero answers an unknown record with plain text that names nothing: the CLI names it."""
    missing_id = "00000000-0000-0000-0000-00000000dead"
    for args, named in (
        (("invoices", "get", missing_id), f"no invoice '{missing_id}'"),
        (("contacts", "get", missing_id), f"no contact '{missing_id}'"),
        (("api", f"Invoices/{missing_id}"), f"Xero has no Invoices/{missing_id}"),
    ):
        result = run_xero("--sandbox", *args, env=sandbox_env)
        assert result.code == 5 and result.stdout == "", result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert named in result.stderr, result.stderr


def test_contact_cis_settings_are_a_uk_suppliers_and_no_one_elses(sandbox_env) -> None:
    """`contacts cis-settings CONTACT` (GET /Contacts/{ID}/CISSettings): in the UK company, a
    CIS contractor, a supplier found by its name is a subcontractor at one of HMRC's rates;
    a contact that is no supplier (no bills: every seeded one has some) is not (and has no
    Rate), nor is any contact of the NZ company."""
    uk = ("--sandbox", "--tenant", "Demo Company (Global)")
    contacts = run_xero(*uk, "contacts", "list", "--limit", "20", env=sandbox_env).ok().json()
    supplier = next(c for c in contacts if c.get("IsSupplier"))
    [customer] = (
        run_xero(*uk, "contacts", "create", "--name", f"CIS No Bills {uuid.uuid4().hex[:8]}",
                 "--json", env=sandbox_env).ok().json()
    )  # fmt: skip
    assert customer["IsSupplier"] is False
    done = run_xero(
        *uk, "--debug", "contacts", "cis-settings", supplier["Name"], "-o", "json", env=sandbox_env
    )
    [settings] = done.ok().json()
    assert settings["CISEnabled"] is True and settings["Rate"] in (0, 20, 30)
    assert problems("Contacts", done.stderr) == []
    [other] = (
        run_xero(*uk, "contacts", "cis-settings", customer["ContactID"], env=sandbox_env)
        .ok()
        .json()
    )
    assert other == {"CISEnabled": False}
    nz = run_xero("--sandbox", "contacts", "list", "--limit", "20", env=sandbox_env).ok().json()
    nz_supplier = next(c for c in nz if c.get("IsSupplier"))["ContactID"]
    [nz_settings] = (
        run_xero("--sandbox", "contacts", "cis-settings", nz_supplier, env=sandbox_env).ok().json()
    )
    assert nz_settings == {"CISEnabled": False}


@pytest.mark.parametrize(
    "noun, key", [("accounts", "9999"), ("items", "NOPE-ITEM"), ("invoices", "INV-NOPE"),
                  ("quotes", "QU-NOPE")],
)  # fmt: skip
def test_a_missing_record_is_named_the_same_way_for_every_object(sandbox_env, noun, key):
    """`no account 9999` beside `no invoice 'INV-NOPE' in Xero`: one wording, exit 5."""
    result = run_xero("--sandbox", noun, "get", key, env=sandbox_env)
    singular = next(r.singular for r in RESOURCES if r.noun == noun)
    assert result.code == 5 and result.stderr == f"xero: no {singular} {key!r} in Xero\n"
