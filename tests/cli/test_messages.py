"""What the CLI says on stderr: counts in the singular when there is one, verbs in the past
tense, hints only where they help, and no claim that a replayed write created anything."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.errors import human_duration

INVOICE = ["invoices", "create", "--contact", "Shop Customer", "--line", "Widget,1,10,200"]


def test_one_created_invoice_is_one_invoice(xero) -> None:
    created = xero("--sandbox", *INVOICE).ok()
    assert created.stderr.splitlines()[-1].startswith("Created 1 invoice (idempotency key ")


def test_a_replayed_create_says_it_created_nothing_new(xero) -> None:
    key = f"replay-{uuid.uuid4().hex}"
    first = xero("--sandbox", *INVOICE, "--idempotency-key", key).ok()
    again = xero("--sandbox", *INVOICE, "--idempotency-key", key).ok()
    assert again.json() == first.json()  # the same invoice, answered from the cache
    assert "Nothing new: 1 invoice was already created by an earlier run" in again.stderr
    assert "Created" not in again.stderr
    # The first run's own key could have been used before: its line is true either way.
    assert "1 invoice created with idempotency key" in first.stderr


def test_the_more_hint_only_when_the_default_limit_cut_the_list(xero) -> None:
    default = xero("--sandbox", "invoices", "list").ok()
    assert "Showing the first 100 invoices; use --all" in default.stderr
    asked = xero("--sandbox", "invoices", "list", "--limit", "1").ok()
    assert len(asked.json()) == 1
    assert "Showing the first" not in asked.stderr  # one was asked for, one was shown


def test_void_says_voided(xero) -> None:
    authorised = ["--status", "AUTHORISED", "--due-date", "2026-12-31"]
    invoice = xero("--sandbox", *INVOICE, *authorised).ok().json()[0]
    voided = xero("--sandbox", "invoices", "void", invoice["InvoiceNumber"]).ok()
    assert f"Voided invoice {invoice['InvoiceNumber']}." in voided.stderr.splitlines()


def test_one_second_is_singular() -> None:
    assert human_duration(1) == "1 second"
    assert human_duration(2) == "2 seconds"


def test_a_contact_given_by_name_that_xero_lacks_is_announced(xero) -> None:
    name = f"Nobody Ltd {uuid.uuid4().hex[:6]}"
    line = ["--line", "Widget,1,10,200"]
    new = xero("--sandbox", "invoices", "create", "--contact", name, *line).ok()
    notice = f"Contact {name!r} is not in Xero: Xero will create it as a new contact."
    assert notice in new.stderr.splitlines()
    again = xero("--sandbox", "invoices", "create", "--contact", name, *line).ok()
    assert "will create it" not in again.stderr  # it exists now
    seeded = xero("--sandbox", "contacts", "list", "--limit", "1").ok().json()[0]["Name"]
    known = xero("--sandbox", "invoices", "create", "--contact", seeded, *line).ok()
    assert "will create it" not in known.stderr
    by_id = again.json()[0]["Contact"]["ContactID"]
    quiet = xero("--sandbox", "invoices", "create", "--contact", by_id, *line).ok()
    assert "will create it" not in quiet.stderr


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_dry_run_prints_the_format_asked_for(xero, fmt: str) -> None:
    dry = xero("--sandbox", *INVOICE, "--dry-run", "-o", fmt).ok()
    assert not dry.stdout.lstrip().startswith("[")  # not JSON
    assert "Shop Customer" in dry.stdout
    assert "Dry run: 1 invoice validated; nothing sent." in dry.stderr


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A sandbox of this module's own, for faults that must not reach other tests."""
    running = start_seeded(tmp_path_factory, "messages", 5)
    yield running
    running.stop()


@pytest.mark.parametrize("own_key", [False, True])
def test_a_retry_after_a_dropped_answer_is_still_this_runs_create(
    box: RunningSandbox, home: Path, tmp_path: Path, own_key: bool
) -> None:
    """The first PUT is written and its answer cut off; the retry is answered from the
    idempotency cache. That replay is this run's own write, not an earlier run's."""
    env = isolated_env(home, XERO_SANDBOX_URL=box.url)
    source = tmp_path / "invoice.json"
    invoice = {"Type": "ACCREC", "Contact": {"Name": "Shop Customer"}}
    invoice["LineItems"] = [
        {"Description": "Widget", "Quantity": 1, "UnitAmount": 10, "AccountCode": "200"}
    ]
    source.write_text(json.dumps([invoice]), encoding="utf-8")
    key = ["--idempotency-key", f"drop-{uuid.uuid4().hex}"] if own_key else []
    box.reset_stats()
    box.configure(drop_rate=0.5, fault_seed=1)  # seed 1: the first answer drops, the next not
    try:
        created = run_xero("--sandbox", "invoices", "create", "--file", str(source), *key, env=env)
        dropped = box.stats()["faults"]["drop"]
    finally:
        box.configure(drop_rate=0, fault_seed=None)
    assert created.code == 0, created.stderr
    assert dropped == 1
    assert "Nothing new" not in created.stderr and "earlier run with" not in created.stderr
    last = created.stderr.splitlines()[-1]
    if own_key:
        assert last.startswith("1 invoice created with idempotency key drop-")
    else:
        assert last.startswith("Created 1 invoice (idempotency key ")
