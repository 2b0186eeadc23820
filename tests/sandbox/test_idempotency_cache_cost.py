"""The sandbox's Idempotency-Key cache: forgetting expired keys costs the same however many
live keys it holds (every write does it first). Read as a query plan and SQLite
virtual-machine steps, never timed."""

from __future__ import annotations

from pathlib import Path

from tests.sandbox.test_attachment_store import steps
from xerocli.sandbox.idempotency import FORGET_EXPIRED, IdempotencyCache
from xerocli.sandbox.store import Store


def test_forgetting_expired_keys_reads_an_index_not_every_key(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    IdempotencyCache(store)
    forget = FORGET_EXPIRED.replace("?", "100.0")  # every key below is younger: none goes
    found, start = [], 0
    for held in (10, 2000):
        with store.transaction():
            for n in range(start, held):
                store.execute(
                    "INSERT INTO idempotency VALUES ('app', 't', ?, 'f', 200, '{}', x'00', ?)",
                    (f"key-{n}", 1000.0 + n),
                )
        start = held
        found.append(steps(store.path, forget))
    plan = " | ".join(row[3] for row in store.execute(f"EXPLAIN QUERY PLAN {forget}"))
    assert store.execute("SELECT count(*) FROM idempotency") == [(2000,)]
    store.close()
    assert "USING INDEX idempotency_created (created<?)" in plan, plan
    assert found[1] <= found[0] + 1, found  # 200 times the keys, the same cost
