"""A credit note's total, as Xero has it: an approved (SUBMITTED or AUTHORISED) credit note may
not total less than zero (what the contact owes is an invoice), whether created so or approved
from a draft; a draft may, until it is approved; a zero total is taken. Run through the real
`xero` against a sandbox of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

REFUSED = "The total of an approved credit note cannot be negative: use an invoice"


@pytest.fixture(scope="module")
def credited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "credit-note-totals", 20)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, credited: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=credited.url, **UNLIMITED_CLIENT)


def _credit_note(env: dict[str, str], *args: str) -> Result:
    """A credit note of 10.00 on 200, and whatever `args` add (a -2 x 10.00 line: -10.00)."""
    return run_xero(
        "--sandbox", "credit-notes", "create", "--contact", "Kauri Florists",
        "--reference", f"total-{uuid.uuid4().hex[:8]}", "--line", "Refund,1,10,200,NONE", *args,
        env=env,
    )  # fmt: skip


def _refused(result: Result) -> None:
    assert result.code != 0, result.stdout
    assert result.stdout == ""
    assert REFUSED in result.stderr, result.stderr


@pytest.mark.parametrize("status", ["SUBMITTED", "AUTHORISED"])
def test_an_approved_credit_note_cannot_total_less_than_zero(
    env: dict[str, str], status: str
) -> None:
    _refused(_credit_note(env, "--line", "Back,-2,10,200,NONE", "--status", status))


def test_a_negative_draft_is_kept_but_cannot_be_approved(env: dict[str, str]) -> None:
    [draft] = _credit_note(env, "--line", "Back,-2,10,200,NONE").ok().json()
    assert (draft["Status"], Decimal(str(draft["Total"]))) == ("DRAFT", Decimal("-10.00"))
    approving = ("credit-notes", "update", draft["CreditNoteID"], "--status", "AUTHORISED")
    _refused(run_xero("--sandbox", *approving, env=env))
    kept = run_xero("--sandbox", "credit-notes", "get", draft["CreditNoteID"], env=env)
    assert kept.ok().json()["Status"] == "DRAFT"


def test_a_credit_note_of_zero_or_more_is_approved(env: dict[str, str]) -> None:
    for line, total in (("Back,-1,10,200,NONE", "0.00"), ("More,1,5,200,NONE", "15.00")):
        [made] = _credit_note(env, "--line", line, "--status", "AUTHORISED").ok().json()
        assert Decimal(str(made["Total"])) == Decimal(total)
        assert Decimal(str(made["RemainingCredit"])) == Decimal(total)
