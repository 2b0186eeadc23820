"""One organisation of several failing (`--all-tenants`, a consolidation): the message names
it, by name and tenant ID, keeps the exit code it had, and says what became of the others
(an export or a sync is all or nothing: nothing of theirs was written either; a consolidation
writes nothing).

The failure is Xero's day budget spent for one demo company only: Xero counts the day per app
and organisation, so with the sandbox's day limit at one call, one call to that company spends
its day and leaves the other its one call (a listing of 20 records is one page: one call).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import Result, isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox

NZ = "Demo Company (NZ)"
GLOBAL = "Demo Company (Global)"
SPENT = "Xero's daily call budget for this organisation is spent"
#: What the user's rate-limit ledger says once it has seen that 429: nothing is sent.
BLOCKED = "Xero's daily call budget of this app for this organisation is spent"
RATE_LIMITED = 7
NOTHING_CONSOLIDATED = "; nothing was written: a consolidation needs every organisation's figures"


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A sandbox of this module's own: its day budgets are spent here."""
    root = tmp_path_factory.mktemp("all-tenants-errors")
    running = RunningSandbox(root / "box.sqlite", root, "--invoices", "20")
    yield running
    running.stop()


@pytest.fixture
def box_env(box: RunningSandbox, home: Path) -> dict[str, str]:
    """A fresh user of `box`, whose day budgets start unspent (and whose ledger is empty)."""
    box.reset_stats()
    box.configure(day_limit=5000)
    return isolated_env(home, XERO_SANDBOX_URL=box.url)


def labels(box: RunningSandbox) -> dict[str, str]:
    """How a message names each demo company: `Name (tenant ID)`."""
    return {t["name"]: f"{t['name']} (tenant {t['tenant_id']})" for t in box.tenants()}


def spend_day(box: RunningSandbox, env: dict[str, str], *tenants: str) -> None:
    """Each of `tenants` has spent its day (the sandbox's day limit is one call, made now);
    any other organisation still has its one call."""
    box.configure(day_limit=1)
    for tenant in tenants:
        run_xero("--sandbox", "--tenant", tenant, "api", "Organisation", env=env).ok()


def block_in_ledger(box: RunningSandbox, env: dict[str, str], tenant: str) -> None:
    """`tenant`'s day is spent and the user's ledger knows it (a 429 day seen): its calls are
    refused before they are sent, while the day limit is back at 5,000 for the others."""
    spend_day(box, env, tenant)
    refused = run_xero("--sandbox", "--tenant", tenant, "api", "Organisation", env=env)
    assert refused.code == RATE_LIMITED, refused.stderr
    box.configure(day_limit=5000)


def one_error_line(result: Result) -> str:
    assert result.code == RATE_LIMITED, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("target", ["all.csv", "inv-{tenant}.csv", "-"])
def test_an_export_names_the_organisation_whose_day_is_spent_and_writes_none(
    box, box_env, tmp_path: Path, target: str
) -> None:
    spend_day(box, box_env, NZ)
    old = b"TenantId,TenantName\r\nan,old export\r\n"
    out = tmp_path / "out"
    out.mkdir()
    path = out / target
    if target == "all.csv":
        path.write_bytes(old)
    output = target if target == "-" else str(path)
    fmt = "ndjson" if target == "-" else "csv"
    result = run_xero(
        "--sandbox", "export", fmt, "contacts", "--all-tenants", "-o", output, env=box_env
    )  # fmt: skip
    line = one_error_line(result)
    assert line.startswith(f"xero: {labels(box)[NZ]}: {SPENT}; it frees up in about "), line
    assert GLOBAL not in line
    if target == "-":
        assert line.endswith(
            "; the rows already on stdout, of any organisation, are not a whole export, and no"
            " mark moved"
        ), line
    else:
        assert line.endswith(
            "; nothing was written for the other organisations either (all or nothing: the files"
            " at -o are as they were) and no mark moved"
        ), line
    # All or nothing, as before: the old file as it was, no organisation's file, no partial.
    assert sorted(p.name for p in out.iterdir()) == (["all.csv"] if target == "all.csv" else [])
    if target == "all.csv":
        assert path.read_bytes() == old
    assert box.stats()["rate_limited"]["day"] == 1  # only NZ's call was refused


def test_the_ledgers_block_of_one_organisation_is_named_too(box, box_env, tmp_path) -> None:
    """The next run after the 429 sends nothing to that organisation (the user's ledger keeps
    the day): that refusal names it as well."""
    block_in_ledger(box, box_env, NZ)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "inv-{tenant}.csv"
    result = run_xero(
        "--sandbox", "export", "csv", "contacts", "--all-tenants", "-o", str(target), env=box_env
    )  # fmt: skip
    line = one_error_line(result)
    assert line.startswith(f"xero: {labels(box)[NZ]}: {BLOCKED} (Xero's 429 at "), line
    assert "nothing was written for the other organisations either" in line
    assert list(out.iterdir()) == []


def test_one_organisation_as_before_is_not_named(box, box_env, tmp_path) -> None:
    """`--tenant` chose the organisation: its message stays as it was."""
    spend_day(box, box_env, NZ)
    result = run_xero(
        "--sandbox", "--tenant", NZ, "export", "csv", "contacts", "-o", str(tmp_path / "c.csv"),
        env=box_env,
    )  # fmt: skip
    assert one_error_line(result).startswith(f"xero: {SPENT}; it frees up in about ")


def test_a_sync_names_the_organisation_and_rolls_the_collection_back_for_all(
    box, box_env, tmp_path
) -> None:
    db = tmp_path / "mirror.sqlite"
    spend_day(box, box_env, NZ)
    result = run_xero(
        "--sandbox", "sync", "contacts", "--all-tenants", "--db", str(db), env=box_env
    )
    line = one_error_line(result)
    assert line.startswith(f"xero: {labels(box)[NZ]}: {SPENT}; it frees up in about "), line
    assert line.endswith(
        "; the sync of contacts was rolled back for every organisation (no row written, no mark"
        " moved); the collections synced before it are kept; the next run goes on from there"
    ), line
    rows = run_xero(
        "sql", "SELECT count(*) AS n FROM contacts", "--db", str(db), "--json", env=box_env
    ).ok()  # fmt: skip
    assert rows.json() == [{"n": 0}]  # not Global's either


def consolidate(env: dict[str, str], tmp_path: Path) -> Result:
    rates = tmp_path / "rates.csv"
    rates.write_text("date,currency,rate\n2026-04-01,GBP,2.10\n2026-10-31,GBP,2.20\n")
    return run_xero(
        "--sandbox", "reports", "consolidate", "profit-and-loss", "--all-tenants",
        "--currency", "NZD", "--rates", str(rates), "--from", "2026-04-01", "--to", "2026-10-31",
        "--json", env=env,
    )  # fmt: skip


def test_a_consolidation_names_the_organisation_and_writes_nothing(box, box_env, tmp_path) -> None:
    block_in_ledger(box, box_env, NZ)
    result = consolidate(box_env, tmp_path)
    line = one_error_line(result)
    assert line.startswith(f"xero: {labels(box)[NZ]}: {BLOCKED} (Xero's 429 at "), line
    assert line.endswith(NOTHING_CONSOLIDATED), line
    assert result.stdout == ""


def test_a_consolidation_names_every_organisation_that_failed(box, box_env, tmp_path) -> None:
    """Every organisation's calls end before a consolidation fails, so all that failed are
    known: the first (in the organisations' order) on the error line, the others below it."""
    spend_day(box, box_env, NZ, GLOBAL)
    result = consolidate(box_env, tmp_path)
    assert result.code == RATE_LIMITED, result.stderr
    assert result.stdout == ""
    named = labels(box)
    order = [t["tenantName"] for t in json.loads(connections(box_env))]
    first, second = (named[name] for name in order)
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"xero: {first}: {SPENT}; it frees up in about "), lines[0]
    assert lines[0].endswith(NOTHING_CONSOLIDATED), lines[0]
    assert lines[1].startswith(f"  also {second}: {SPENT}; it frees up in about "), lines[1]


def connections(env: dict[str, str]) -> str:
    """The login's `/connections`, in Xero's order (the order a consolidation reports in)."""
    return run_xero("--sandbox", "tenants", "list", "--json", env=env).ok().stdout
