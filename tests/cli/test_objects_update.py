"""`xero NOUN update KEY` for every object Xero edits, and `--upsert` of partial records: only
the fields given are checked with the update rules, sent, and changed (read back to be sure).

Each test works on records it creates, so the session sandbox can be shared.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.cli.test_objects_write import CREATES, _a_user, _fill
from tests.helpers.cli import run_xero
from xerocli.api.resources import BY_NOUN, RESOURCES

#: Per object: an option that changes one field, that field, and the shape of its value.
CHANGES = {
    "invoices": ("--reference", "Reference", "{}"),
    "credit-notes": ("--reference", "Reference", "{}"),
    "purchase-orders": ("--reference", "Reference", "{}"),
    "bank-transactions": ("--reference", "Reference", "{}"),
    "accounts": ("--description", "Description", "{}"),
    "contacts": ("--email", "EmailAddress", "{}@example.com"),
    "items": ("--description", "Description", "{}"),
    "contact-groups": ("--name", "Name", "Group {}"),
    "tax-rates": ("--name", "Name", "Rate {}"),
    "quotes": ("--title", "Title", "{}"),
    "repeating-invoices": ("--reference", "Reference", "{}"),
    "receipts": ("--reference", "Reference", "{}"),
}
#: What Xero itself moves on every change.
MOVES = {"UpdatedDateUTC", "UpdatedDateUTCString"}


#: Updated in tests of their own: Xero allows two active tracking categories, and the session
#: sandbox's demo companies have both (tests/cli/test_settings_and_journals.py renames one); a
#: linked transaction needs a bill's line (tests/cli/test_objects_write.py).
UPDATED_ELSEWHERE = {"tracking-categories", "linked-transactions"}


def test_every_object_xero_edits_has_an_update_command_tested_here() -> None:
    assert {r.noun for r in RESOURCES if r.updatable} == set(CHANGES) | UPDATED_ELSEWHERE


def _create(noun: str, env) -> dict:
    options, _, _ = CREATES[noun]
    u = uuid.uuid4().hex[:8]
    names = {"u": u, "c": str(int(u, 16) % 900000 + 100000)}
    if noun == "receipts":
        names["user"] = _a_user(env)
    [created] = run_xero("--sandbox", noun, "create", *_fill(options, names), env=env).ok().json()
    return created


def _get(noun: str, record_id: str, env) -> dict:
    return run_xero("--sandbox", noun, "get", record_id, env=env).ok().json()


def _same_but(before: dict, after: dict, changed: set[str]) -> None:
    for key in set(before) | set(after):
        if key not in changed | MOVES:
            assert after.get(key) == before.get(key), key


@pytest.mark.parametrize("noun", sorted(CHANGES))
def test_update_from_options_and_from_a_file_changes_only_those_fields(
    noun: str, sandbox_env, tmp_path: Path
) -> None:
    resource = BY_NOUN[noun]
    option, field, shape = CHANGES[noun]
    created = _create(noun, sandbox_env)
    record_id = created[resource.id_field]
    before = _get(noun, record_id, sandbox_env)
    key = before.get(resource.number_field or "") or before.get("Name") or record_id
    first = shape.format(f"first-{uuid.uuid4().hex[:6]}")
    result = run_xero("--sandbox", noun, "update", key, option, first, env=sandbox_env).ok()
    assert result.json()[0][field] == first
    after = _get(noun, record_id, sandbox_env)
    assert after[field] == first
    _same_but(before, after, {field})
    second = shape.format(f"second-{uuid.uuid4().hex[:6]}")
    change = tmp_path / "change.json"
    change.write_text(json.dumps({field: second}))
    run_xero("--sandbox", noun, "update", record_id, "--file", str(change), env=sandbox_env).ok()
    again = _get(noun, record_id, sandbox_env)
    assert again[field] == second
    _same_but(after, again, {field})


def test_invoice_update_takes_several_fields_and_checks_their_formats(sandbox_env) -> None:
    created = _create("invoices", sandbox_env)
    number = created["InvoiceNumber"]
    before = _get("invoices", number, sandbox_env)
    run_xero(
        "--sandbox", "invoices", "update", number, "--reference", "X-1", "--due-date",
        "2027-03-31", env=sandbox_env,
    ).ok()  # fmt: skip
    after = _get("invoices", number, sandbox_env)
    assert (after["Reference"], after["DueDate"]) == ("X-1", "2027-03-31")
    _same_but(before, after, {"Reference", "DueDate", "DueDateString"})
    bad = run_xero(
        "--sandbox", "invoices", "update", number, "--due-date", "31/03/2027", env=sandbox_env
    )
    assert bad.code == 2 and "--due-date: '31/03/2027' is not a date" in bad.stderr
    precise = run_xero(
        "--sandbox", "invoices", "update", number, "--currency-rate", "1.2345678", env=sandbox_env
    )
    assert precise.code == 2 and "has more than 6 decimal places" in precise.stderr
    _same_but(after, _get("invoices", number, sandbox_env), set())


def test_update_limits_are_the_create_limits(sandbox_env) -> None:
    # A contact's name is at most 255 characters, whether it is new or renamed.
    created = _create("contacts", sandbox_env)
    long_name = run_xero(
        "--sandbox", "contacts", "update", created["ContactID"], "--name", "N" * 256,
        env=sandbox_env,
    )  # fmt: skip
    assert long_name.code == 2 and long_name.stderr.startswith("xero: --name: ")
    assert _get("contacts", created["ContactID"], sandbox_env)["Name"] == created["Name"]


def test_update_refuses_bad_input_before_anything_is_sent(sandbox_env, tmp_path: Path) -> None:
    number = _create("invoices", sandbox_env)["InvoiceNumber"]
    nothing = run_xero("--sandbox", "invoices", "update", number, env=sandbox_env)
    assert nothing.code == 2 and "nothing to update" in nothing.stderr
    two = tmp_path / "two.json"
    two.write_text(json.dumps([{"Reference": "a"}, {"Reference": "b"}]))
    several = run_xero("--sandbox", "invoices", "update", number, "--file", str(two),
                       env=sandbox_env)  # fmt: skip
    assert several.code == 2 and "holds 2 records" in several.stderr
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps({"Refrence": "a"}))
    unknown = run_xero("--sandbox", "invoices", "update", number, "--file", str(typo),
                       env=sandbox_env)  # fmt: skip
    assert unknown.code == 2 and "Refrence: is not a field Xero takes here" in unknown.stderr
    both = run_xero("--sandbox", "invoices", "update", number, "--file", str(typo),
                    "--reference", "b", env=sandbox_env)  # fmt: skip
    assert both.code == 2 and "cannot be combined" in both.stderr
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"InvoiceID": str(uuid.uuid4()), "Reference": "c"}))
    mismatch = run_xero("--sandbox", "invoices", "update", number, "--file", str(other),
                        env=sandbox_env)  # fmt: skip
    assert mismatch.code == 2 and f"is not the invoice {number}" in mismatch.stderr
    assert _get("invoices", number, sandbox_env)["Reference"] == ""


def test_upsert_of_a_partial_record_changes_only_what_it_holds(sandbox_env, tmp_path: Path) -> None:
    # A bill: were Type defaulted to ACCREC on the way, the partial record would change it.
    [bill] = run_xero(
        "--sandbox", "invoices", "create", "--type", "ACCPAY", "--contact", "Partial Co",
        "--line", "Parts,2,10,400", "--due-date", "2026-12-31", env=sandbox_env,
    ).ok().json()  # fmt: skip
    before = _get("invoices", bill["InvoiceID"], sandbox_env)
    source = tmp_path / "partial.json"
    source.write_text(json.dumps([{"InvoiceID": bill["InvoiceID"], "Reference": "new"}]))
    run_xero(
        "--sandbox", "invoices", "create", "--upsert", "--file", str(source), env=sandbox_env
    ).ok()
    after = _get("invoices", bill["InvoiceID"], sandbox_env)
    assert after["Reference"] == "new" and after["Type"] == "ACCPAY"
    _same_but(before, after, {"Reference"})
    # By number, from CSV, the same.
    number = _create("invoices", sandbox_env)["InvoiceNumber"]
    sale = _get("invoices", number, sandbox_env)
    changes = tmp_path / "changes.csv"
    changes.write_text(f"InvoiceNumber,DueDate\n{number},2027-02-01\n")
    run_xero(
        "--sandbox", "invoices", "create", "--upsert", "--file", str(changes), env=sandbox_env
    ).ok()
    moved = _get("invoices", number, sandbox_env)
    assert moved["DueDate"] == "2027-02-01"
    _same_but(sale, moved, {"DueDate", "DueDateString"})
    # Formats are still checked on a partial record, and nothing is sent.
    source.write_text(json.dumps([{"InvoiceID": bill["InvoiceID"], "CurrencyRate": "1.2345678"}]))
    bad = run_xero(
        "--sandbox", "invoices", "create", "--upsert", "--file", str(source), env=sandbox_env
    )
    assert bad.code == 2 and bad.stderr.startswith("xero: record 1: CurrencyRate: ")
    # Without --upsert, a partial record is a create, and create rules apply.
    created = run_xero("--sandbox", "invoices", "create", "--file", str(changes), env=sandbox_env)
    assert created.code == 2 and "Contact: is required" in created.stderr


def test_an_option_inside_an_object_keeps_the_rest_of_that_object(sandbox_env) -> None:
    # `--sale-price` fills SalesDetails.UnitPrice; the object goes to Xero whole, so the sales
    # account beside the price must go with it, not be dropped.
    code = f"KEEP-{uuid.uuid4().hex[:8]}"
    run_xero(
        "--sandbox", "items", "create", "--code", code, "--name", "Kept", "--sale-price", "5",
        "--sales-account", "200", env=sandbox_env,
    ).ok()  # fmt: skip
    run_xero("--sandbox", "items", "update", code, "--sale-price", "6.25", env=sandbox_env).ok()
    details = _get("items", code, sandbox_env)["SalesDetails"]
    assert (details["UnitPrice"], details["AccountCode"]) == (6.25, "200")


def test_dry_run_prints_the_change_and_sends_nothing(sandbox_env) -> None:
    number = _create("invoices", sandbox_env)["InvoiceNumber"]
    before = _get("invoices", number, sandbox_env)
    dry = run_xero(
        "--sandbox", "invoices", "update", number, "--reference", "Maybe", "--currency-rate",
        "1.5", "--dry-run", env=sandbox_env,
    ).ok()  # fmt: skip
    assert dry.json() == [{"Reference": "Maybe", "CurrencyRate": 1.5}]
    assert "nothing sent" in dry.stderr
    assert _get("invoices", number, sandbox_env) == before
