"""Tracking on document lines, checked as Xero checks it: a line naming a tracking category or
option the organisation does not have (by name or by ID), or an archived category, is refused
with a 400 ValidationException naming it, on every kind of document with lines; a good one is
stored with both names and both IDs. Run through the real `xero` against a sandbox of its own
(a test archives a category, which the package's shared sandbox must not see).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

#: A line on account 200 with each command's own line syntax, and what else it needs.
DOCUMENTS = {
    "invoices": ("--line", "Work,1,10,200"),
    "credit-notes": ("--line", "Refund,1,10,200"),
    "bank-transactions": ("--type", "SPEND", "--bank-account", "090", "--line", "Fuel,1,10,429"),
    "purchase-orders": ("--line", "Parts,1,10,429"),
    "manual-journals": ("--narration", "Tracked", "--line", "a,10,429", "--line", "b,-10,200"),
}


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "tracking", 20)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, tracked: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=tracked.url, **UNLIMITED_CLIENT)


def _create(env: dict[str, str], command: str, *args: str) -> Result:
    contact = () if command == "manual-journals" else ("--contact", "Tracked Ltd")
    return run_xero("--sandbox", command, "create", *contact, *DOCUMENTS[command], *args, env=env)


def _refused(result: Result, message: str) -> None:
    """Xero's 400: nothing made, and the message on stderr."""
    assert result.code != 0, result.stdout
    assert result.stdout == ""
    assert message in result.stderr, result.stderr


def _file(tmp_path: Path, records: list[dict]) -> str:
    path = tmp_path / f"{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def _region(env: dict[str, str]) -> dict:
    return run_xero("--sandbox", "tracking-categories", "get", "Region", env=env).ok().json()


@pytest.mark.parametrize("command", sorted(DOCUMENTS))
def test_a_line_naming_no_such_category_or_option_is_refused(
    env: dict[str, str], command: str
) -> None:
    _refused(
        _create(env, command, "--tracking", "Regio=North"),
        "The TrackingCategory 'Regio' does not exist.",
    )
    _refused(
        _create(env, command, "--tracking", "Region=Nowhere"),
        "The TrackingOption 'Nowhere' does not exist for TrackingCategory 'Region'.",
    )


@pytest.mark.parametrize("command", sorted(DOCUMENTS))
def test_good_tracking_is_stored_with_both_names_and_both_ids(
    env: dict[str, str], command: str
) -> None:
    region = _region(env)
    north = next(o for o in region["Options"] if o["Name"] == "North")
    made = _create(env, command, "--tracking", "region=north").ok().json()[0]
    lines = made.get("LineItems") or made.get("JournalLines")
    assert lines and all(
        line["Tracking"]
        == [
            {
                "Name": "Region",
                "Option": "North",
                "TrackingCategoryID": region["TrackingCategoryID"],
                "TrackingOptionID": north["TrackingOptionID"],
            }
        ]
        for line in lines
    ), lines


def test_tracking_by_id_is_checked_and_a_quote_is_checked_too(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Tracking sent as TrackingCategoryID and TrackingOptionID (a file's), on a quote (its
    command has no --tracking)."""
    region = _region(env)
    south = next(o for o in region["Options"] if o["Name"] == "South")

    def quote(tracking: list[dict]) -> Result:
        line = {"Description": "Plan", "Quantity": 1, "UnitAmount": 10, "AccountCode": "200"}
        record = {"Contact": {"Name": "Tracked Ltd"}, "LineItems": [{**line, "Tracking": tracking}]}
        return run_xero(
            "--sandbox", "quotes", "create", "--file", _file(tmp_path, [record]), env=env
        )

    category_id, south_id = region["TrackingCategoryID"], south["TrackingOptionID"]
    made = quote([{"TrackingCategoryID": category_id, "TrackingOptionID": south_id}])
    [line] = made.ok().json()[0]["LineItems"]
    assert [(t["Name"], t["Option"]) for t in line["Tracking"]] == [("Region", "South")]
    unknown = str(uuid.uuid4())
    _refused(
        quote([{"TrackingCategoryID": unknown, "TrackingOptionID": south_id}]),
        f"The TrackingCategoryID '{unknown}' does not exist.",
    )
    _refused(
        quote([{"TrackingCategoryID": category_id, "TrackingOptionID": unknown}]),
        f"The TrackingOptionID '{unknown}' does not exist for TrackingCategory 'Region'.",
    )
    _refused(quote([{"Option": "South"}]), "The TrackingCategory '' does not exist.")
    _refused(
        quote([{"Name": "Region", "Option": "North"}, {"Name": "Region", "Option": "South"}]),
        "only one option of TrackingCategory 'Region' may be given",
    )


def test_an_archived_category_cannot_be_used_until_restored(env: dict[str, str]) -> None:
    run_xero("--sandbox", "tracking-categories", "archive", "Department", env=env).ok()
    try:
        _refused(
            _create(env, "invoices", "--tracking", "Department=Sales"),
            "The TrackingCategory 'Department' is archived and cannot be used.",
        )
    finally:
        run_xero("--sandbox", "tracking-categories", "restore", "Department", env=env).ok()
    made = _create(env, "invoices", "--tracking", "Department=Sales").ok().json()[0]
    assert [t["Option"] for t in made["LineItems"][0]["Tracking"]] == ["Sales"]


def test_a_bank_transfers_tracking_is_checked_and_kept(env: dict[str, str], tmp_path: Path) -> None:
    """FromTracking and ToTracking (Xero's, at most two categories a side) were refused by
    the client as no field of a transfer, and dropped unread by the sandbox."""
    transfer = {
        "FromBankAccount": {"Code": "090"},
        "ToBankAccount": {"Code": "095"},
        "Amount": "10.00",
        "FromTracking": [{"Name": "Region", "Option": "North"}],
        "ToTracking": [{"Name": "Region", "Option": "Nowhere"}],
    }
    refused = run_xero(
        "--sandbox", "bank-transfers", "create", "--file", _file(tmp_path, [transfer]), env=env
    )  # fmt: skip
    _refused(refused, "The TrackingOption 'Nowhere' does not exist for TrackingCategory 'Region'.")
    transfer["ToTracking"] = [{"Name": "Region", "Option": "South"}]
    made = run_xero(
        "--sandbox", "bank-transfers", "create", "--file", _file(tmp_path, [transfer]),
        "-o", "json", env=env,
    ).ok()  # fmt: skip
    (record,) = made.json()
    got = run_xero("--sandbox", "bank-transfers", "get", record["BankTransferID"], env=env).ok()
    sides = {side: got.json()[side] for side in ("FromTracking", "ToTracking")}
    assert [(t["Name"], t["Option"]) for t in sides["FromTracking"]] == [("Region", "North")]
    assert [(t["Name"], t["Option"]) for t in sides["ToTracking"]] == [("Region", "South")]
    assert all(t["TrackingOptionID"] for side in sides.values() for t in side)
