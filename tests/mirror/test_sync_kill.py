"""A sync stopped by SIGTERM, or killed (SIGKILL, no chance to clean up), leaves a consistent
mirror: every collection either as the last complete run left it (rows and mark together) or
not there at all, and the next run completes it (through Xero's faults, retried) to exactly what
an uninterrupted sync gives.

Kill points are counted in API calls that reached the sandbox while each call is held for
`latency_ms`, so the kill lands while a collection's page is in flight (its transaction open)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.cli import run_xero
from tests.mirror.conftest import query
from xerocli.api.resources import RESOURCES
from xerocli.mirror.schema import SYNCED_AT, all_tables

SEED = 20261201
#: What a run writes that differs between two runs of the same data.
RUN_COLUMNS = {SYNCED_AT}


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every data table's rows, sorted, without the columns that say when they were written."""
    out = {}
    for table in all_tables():
        names = [row[1] for row in query(db, f'PRAGMA table_info("{table.name}")')]
        kept = [n for n in names if n not in RUN_COLUMNS]
        columns = ", ".join(f'"{n}"' for n in kept)
        out[table.name] = sorted(query(db, f'SELECT {columns} FROM "{table.name}"'), key=repr)
    return out


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


def assert_consistent(db: Path) -> set[str]:
    """Whole collections only: a collection without a state row has no rows at all."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    synced = {c for (c,) in query(db, "SELECT collection FROM _sync_state")}
    for table in all_tables():
        rows = query(db, f'SELECT count(*) FROM "{table.name}"')[0][0]
        if table.parent is None and table.name not in synced:
            assert rows == 0, f"{table.name}: rows of a collection whose run was stopped"
    return synced


def test_sigkill_mid_sync_leaves_a_consistent_mirror_the_next_run_completes(
    mirror_box, box_env, tmp_path
) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "killed.sqlite"
    argv = ["--sandbox", "sync", "--db", str(db)]
    mirror_box.configure(latency_ms=60)
    # SIGTERM: stops at the next safe point, rolls the collection back, says so, exits 143.
    code, err = kill_after(mirror_box, argv, box_env, rng.randint(2, 4), signal.SIGTERM)
    assert code == 143 and "terminated (SIGTERM)" in err and "Traceback" not in err, err
    synced = assert_consistent(db)
    assert 0 < len(synced) < len(RESOURCES)
    # SIGKILL: no chance to clean up; the transaction it was in is simply never committed.
    calls = rng.randint(len(synced) + 2, len(RESOURCES) - 2)  # a random point further on
    code, _ = kill_after(mirror_box, argv, box_env, calls, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert 0 < len(assert_consistent(db)) < len(RESOURCES)  # killed part-way
    # The run that completes it meets Xero's faults (503s, dropped connections), retried.
    mirror_box.configure(latency_ms=0, unavailable_rate=0.15, drop_rate=0.1, fault_seed=SEED)
    try:
        run_xero(*argv, env=box_env).ok()
        faults = mirror_box.stats()["faults"]
    finally:
        mirror_box.configure(unavailable_rate=0, drop_rate=0, fault_seed=None)
    assert faults["unavailable"] + faults["drop"] > 0, faults
    assert {c for (c,) in query(db, "SELECT collection FROM _sync_state")} == {
        r.noun.replace("-", "_") for r in RESOURCES
    }
    reference = tmp_path / "reference.sqlite"
    run_xero("--sandbox", "sync", "--db", str(reference), env=box_env).ok()
    assert contents(db) == contents(reference)
