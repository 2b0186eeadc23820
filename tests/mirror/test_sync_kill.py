"""A sync killed (SIGKILL, no chance to clean up) leaves a consistent mirror: every collection
either as the last complete run left it (rows and mark together) or not there at all, and the
next run completes it to exactly what an uninterrupted sync gives.

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


def kill_after(box, argv: list[str], env: dict[str, str], calls: int) -> int:
    box.reset_stats()
    process = subprocess.Popen(
        [sys.executable, "-m", "xerocli", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while process.poll() is None and box.stats()["api_calls"] < calls:
        assert time.monotonic() < deadline, "the sync made no progress"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    return process.wait(timeout=30)


def test_sigkill_mid_sync_leaves_a_consistent_mirror_the_next_run_completes(
    mirror_box, box_env, tmp_path
) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "killed.sqlite"
    argv = ["--sandbox", "sync", "--db", str(db)]
    mirror_box.configure(latency_ms=60)
    calls = rng.randint(2, len(RESOURCES) - 2)  # a random point, the same on every run
    assert kill_after(mirror_box, argv, box_env, calls) == -signal.SIGKILL
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    synced = {c for (c,) in query(db, "SELECT collection FROM _sync_state")}
    assert 0 < len(synced) < len(RESOURCES)  # killed part-way, after some collections
    for table in all_tables():
        rows = query(db, f'SELECT count(*) FROM "{table.name}"')[0][0]
        root = table.name if table.parent is None else None
        if root is not None and root not in synced:
            assert rows == 0, f"{root}: rows of a collection whose run was killed"
    mirror_box.configure(latency_ms=0)
    run_xero(*argv, env=box_env).ok()
    assert {c for (c,) in query(db, "SELECT collection FROM _sync_state")} == {
        r.noun.replace("-", "_") for r in RESOURCES
    }
    reference = tmp_path / "reference.sqlite"
    run_xero("--sandbox", "sync", "--db", str(reference), env=box_env).ok()
    assert contents(db) == contents(reference)
