"""A sync stopped by SIGTERM, or killed (SIGKILL, no chance to clean up), leaves a consistent
mirror, in SQLite, PostgreSQL and DuckDB alike (one sandbox and one PostgreSQL cluster shared):
every collection either as the last complete run left it (rows and mark together) or not there
at all, and the next run completes it (through Xero's faults, retried) to exactly what an
uninterrupted sync gives.

Kill points are counted in API calls that reached the sandbox while each call is held for
`latency_ms`, so the kill lands while a collection's page is in flight (its transaction open)."""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers.cli import run_xero
from tests.mirror.conftest import GLOBAL, NZ, by_status, listed
from tests.mirror.mirrors import BACKENDS, Mirror
from xerocli.api.resources import RESOURCES, resource
from xerocli.mirror.schema import SYNCED_AT

SEED = 20261201
#: What a run writes that differs between two runs of the same data.
RUN_COLUMNS = {SYNCED_AT}


def kill_after(box, argv: list[str], env: dict[str, str], calls: int, sig: int) -> tuple[int, str]:
    """Start `xero ARGV`, send `sig` once `calls` API calls reached the sandbox."""
    box.reset_stats()
    process = subprocess.Popen(
        [sys.executable, "-m", "xerocli", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while process.poll() is None and box.stats()["api_calls"] < calls:
        assert time.monotonic() < deadline, "the sync made no progress"
        time.sleep(0.01)
    process.send_signal(sig)
    _, err = process.communicate(timeout=30)
    return process.returncode, err


#: What the PostgreSQL and DuckDB runs sync: collections with child tables, both kinds of mark
#: (modification time; Journals by number), enough of them for a kill to land part-way, and a
#: third of the calls of every collection (the SQLite run syncs them all).
SOME = (
    "invoices", "contacts", "accounts", "items", "credit-notes", "tax-rates", "contact-groups",
    "currencies", "journals", "quotes",
)  # fmt: skip


@pytest.fixture(params=BACKENDS)
def mirror(request, tmp_path) -> Mirror:
    postgres = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    return Mirror(request.param, tmp_path, postgres, "killed")


def test_sigkill_mid_sync_leaves_a_consistent_mirror_the_next_run_completes(
    mirror_box, box_env, mirror, tmp_path, request
) -> None:
    rng = random.Random(SEED)
    chosen = list(RESOURCES) if mirror.kind == "sqlite" else [resource(n) for n in SOME]
    nouns = [] if mirror.kind == "sqlite" else list(SOME)
    argv = ["--sandbox", "sync", *nouns, "--db", mirror.db]
    mirror_box.configure(latency_ms=60)
    # SIGTERM: stops at the next safe point, rolls the collection back, says so, exits 143.
    code, err = kill_after(mirror_box, argv, box_env, rng.randint(2, 4), signal.SIGTERM)
    assert code == 143 and "terminated (SIGTERM)" in err and "Traceback" not in err, err
    synced = mirror.assert_consistent()
    assert 0 < len(synced) < len(chosen)
    # SIGKILL: no chance to clean up; the transaction it was in is simply never committed.
    calls = rng.randint(len(synced) + 2, len(chosen) - 2)  # a random point further on
    code, _ = kill_after(mirror_box, argv, box_env, calls, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert 0 < len(mirror.assert_consistent()) < len(chosen)  # killed part-way
    # The run that completes it meets Xero's faults (503s, dropped connections), retried, and
    # brings the second organisation in: NZ goes on from its marks, Global in full.
    both = [*argv, "--all-tenants"]
    # Fewer faults on the shorter runs: each retry waits its backoff, and one of each will do.
    rates = (0.08, 0.05) if mirror.kind == "sqlite" else (0.05, 0.05)
    mirror_box.configure(
        latency_ms=0, unavailable_rate=rates[0], drop_rate=rates[1], fault_seed=SEED
    )
    try:
        run_xero(*both, env=box_env).ok()
        faults = mirror_box.stats()["faults"]
    finally:
        mirror_box.configure(unavailable_rate=0, drop_rate=0, fault_seed=None)
    assert faults["unavailable"] + faults["drop"] > 0, faults
    assert mirror.assert_consistent() == {r.noun.replace("-", "_") for r in chosen}
    tenants = dict(mirror.query("SELECT tenant_name, tenant_id FROM tenants"))
    assert set(tenants) == {NZ, GLOBAL}
    global_invoices = listed(box_env, "invoices", "--tenant", GLOBAL)
    assert mirror.per_status(tenants[GLOBAL]) == by_status(global_invoices)
    # Exactly what one clean sync of both organisations gives, which asks Xero for the
    # organisations once (`GET /connections`), not once a collection.
    postgres = request.getfixturevalue("postgres") if mirror.kind == "postgresql" else None
    reference = Mirror(mirror.kind, tmp_path, postgres, "reference")
    clean = ["--sandbox", "sync", *nouns, "--db", reference.db, "--all-tenants", "--debug"]
    traced = run_xero(*clean, env=box_env).ok().stderr
    assert len(re.findall(r"> GET \S+/connections\b", traced)) == 1, traced[-2000:]
    assert mirror.contents(RUN_COLUMNS) == reference.contents(RUN_COLUMNS)
