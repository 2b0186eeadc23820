"""Contacts as a user meets them: removing a contact from a group it is not in, a contact's
IsCustomer/IsSupplier (derived from its documents, as Xero does), and `--contact NAME` that
names no contact at all."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def _new_contact(env: dict[str, str]) -> str:
    """A contact of its own (no documents yet), by name: the session sandbox is shared."""
    name = _unique("Fixes Contact")
    run_xero("--sandbox", "contacts", "create", "--name", name, env=env).ok()
    return name


def _contact(env: dict[str, str], name: str) -> dict:
    return run_xero("--sandbox", "contacts", "get", name, "--json", env=env).ok().json()


# --- defect 1: contact-groups remove / clear ----------------------------------------------


def test_removing_a_contact_twice_says_it_is_not_in_the_group(sandbox_env) -> None:
    """The second remove is one line naming the contact and the group as given (exit 5, a
    not-found), not Xero's 404 path of two GUIDs; the successes say what was done, by name."""
    group, contact = _unique("Fixes VIP"), _new_contact(sandbox_env)
    run_xero("--sandbox", "contact-groups", "create", "--name", group, env=sandbox_env).ok()
    run_xero("--sandbox", "contact-groups", "add", group, contact, env=sandbox_env).ok()

    removed = run_xero("--sandbox", "contact-groups", "remove", group, contact, env=sandbox_env)
    assert removed.code == 0, removed.stderr
    assert removed.stderr.strip() == f"Removed {contact} from contact group {group}."

    again = run_xero("--sandbox", "contact-groups", "remove", group, contact, env=sandbox_env)
    assert again.code == 5 and again.stdout == "", again.stderr
    assert again.stderr.strip() == f"xero: {contact} is not in contact group {group}"

    cleared = run_xero("--sandbox", "contact-groups", "clear", group, env=sandbox_env)
    assert cleared.code == 0, cleared.stderr
    assert cleared.stderr.strip() == f"Removed every contact from contact group {group}."


# --- defect 2: IsCustomer / IsSupplier ------------------------------------------------------


@pytest.fixture(scope="module")
def few_documents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A sandbox of its own with 30 invoices a company: few enough that some seeded contacts
    have no sales, or no bills, so a flag that is not derived shows."""
    home = tmp_path_factory.mktemp("contact-flags-home")
    running: RunningSandbox = start_seeded(tmp_path_factory, "contact-flags", 30)
    running.configure(**UNLIMITED)
    try:
        yield isolated_env(home, XERO_SANDBOX_URL=running.url, **UNLIMITED_CLIENT)
    finally:
        running.stop()


def _listed(env: dict[str, str], noun: str, *more: str) -> list[dict]:
    return run_xero("--sandbox", noun, "list", "--all", "--json", *more, env=env).ok().json()


def test_seeded_contacts_flags_are_what_their_documents_make_them(few_documents) -> None:
    """IsCustomer: the contact has a sales invoice or credit note; IsSupplier: a bill or a
    supplier credit note, for every seeded contact, and `--where` selects by them."""
    customers, suppliers = set(), set()
    for record in _listed(few_documents, "invoices") + _listed(few_documents, "credit-notes"):
        sales = record["Type"] in ("ACCREC", "ACCRECCREDIT")
        (customers if sales else suppliers).add(record["Contact"]["ContactID"])
    contacts = _listed(few_documents, "contacts", "--status", "ACTIVE,ARCHIVED")
    assert {c["ContactID"] for c in contacts} != customers, "some contact has no sales"
    for contact in contacts:
        assert contact["IsCustomer"] is (contact["ContactID"] in customers), contact["Name"]
        assert contact["IsSupplier"] is (contact["ContactID"] in suppliers), contact["Name"]
    active = {c["ContactID"] for c in contacts if c["ContactStatus"] == "ACTIVE"}
    where = _listed(few_documents, "contacts", "--where", "IsCustomer==true")
    assert {c["ContactID"] for c in where} == customers & active


def test_a_bill_makes_a_supplier_and_a_sales_credit_note_a_customer(sandbox_env) -> None:
    """A new contact is neither; its first bill makes it a supplier (only), its first sales
    credit note a customer too, and `--where 'IsCustomer==true'` follows."""
    name = _new_contact(sandbox_env)
    before = _contact(sandbox_env, name)
    assert (before["IsCustomer"], before["IsSupplier"]) == (False, False)
    where = f'IsCustomer==true AND Name=="{name}"'
    line = ("--line", "Parts,1,100,400")
    run_xero(
        "--sandbox", "invoices", "create", "--type", "ACCPAY", "--contact", name, *line,
        env=sandbox_env,
    ).ok()  # fmt: skip
    billed = _contact(sandbox_env, name)
    assert (billed["IsCustomer"], billed["IsSupplier"]) == (False, True)
    assert _listed(sandbox_env, "contacts", "--where", where) == []
    run_xero(
        "--sandbox", "credit-notes", "create", "--type", "ACCRECCREDIT", "--contact", name,
        "--line", "Refund,1,10,200", env=sandbox_env,
    ).ok()  # fmt: skip
    credited = _contact(sandbox_env, name)
    assert (credited["IsCustomer"], credited["IsSupplier"]) == (True, True)
    assert [c["Name"] for c in _listed(sandbox_env, "contacts", "--where", where)] == [name]


# --- defect 3: --contact NAME that names no contact --------------------------------------


def test_a_contact_name_that_names_no_contact_warns_and_still_lists_nothing(
    sandbox_env,
) -> None:
    """The empty result and exit 0 stay (a filter may match nothing), with one warning line;
    a contact that exists but has no invoices gets none, and a list that found invoices makes
    no lookup at all."""
    typo = _unique("No Such")
    done = run_xero("--sandbox", "invoices", "list", "--contact", typo, "-o", "csv",
                    env=sandbox_env)  # fmt: skip
    assert done.code == 0, done.stderr
    assert done.stdout.strip().splitlines() == [done.stdout.strip().splitlines()[0]]
    assert done.stdout.startswith("InvoiceID,"), done.stdout
    assert done.stderr.strip() == f"xero: warning: no contact is named '{typo}'"

    quiet = _new_contact(sandbox_env)
    none = run_xero("--sandbox", "invoices", "list", "--contact", quiet, "-o", "csv",
                    env=sandbox_env)  # fmt: skip
    assert none.code == 0 and none.stderr == "", none.stderr

    run_xero(
        "--sandbox", "invoices", "create", "--contact", quiet, "--line", "Work,1,50,200",
        env=sandbox_env,
    ).ok()  # fmt: skip
    found = run_xero("--sandbox", "--debug", "invoices", "list", "--contact", quiet,
                     "-o", "csv", env=sandbox_env)  # fmt: skip
    assert found.code == 0 and quiet in found.stdout, found.stderr
    assert "/Contacts" not in found.stderr and "warning" not in found.stderr
