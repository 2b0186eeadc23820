"""The shared limiter: two limiters on one ledger behave as two processes of one user."""

from __future__ import annotations

from pathlib import Path

import pytest

from xerocli import errors
from xerocli.api.limiter import Budget, SharedLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def limiters(tmp_path: Path, budget: Budget, count: int = 2) -> tuple[FakeClock, list]:
    clock = FakeClock()
    path = tmp_path / "ratelimit.sqlite"
    return clock, [
        SharedLimiter(path, budget, clock=clock, sleep=clock.sleep) for _ in range(count)
    ]


def test_two_processes_share_one_minute_budget(tmp_path: Path) -> None:
    budget = Budget(minute_calls=10, window_seconds=60, concurrent=100, margin_seconds=1)
    clock, (first, second) = limiters(tmp_path, budget)
    start = clock.now
    for _ in range(5):
        first.release(first.acquire("t1"), None)
        second.release(second.acquire("t1"), None)
    assert clock.now == start  # 10 calls fit in the minute
    second.release(second.acquire("t1"), None)  # the 11th waits for the window to roll
    assert clock.now - start == pytest.approx(61, abs=0.1)


def test_tenants_have_separate_budgets(tmp_path: Path) -> None:
    budget = Budget(minute_calls=2, window_seconds=60, concurrent=100, margin_seconds=0)
    _clock, (limiter,) = limiters(tmp_path, budget, 1)
    for tenant in ("a", "a", "b", "b"):
        limiter.release(limiter.acquire(tenant), None)
    assert limiter.waited_seconds == 0


def test_in_flight_slots_are_limited_and_freed(tmp_path: Path) -> None:
    budget = Budget(minute_calls=100, window_seconds=60, concurrent=2, lease_seconds=30)
    _clock, (first, second) = limiters(tmp_path, budget)
    held = [first.acquire("t"), second.acquire("t")]
    assert second._try_acquire("t") == pytest.approx(0.05)
    first.release(held[0], None)
    assert not isinstance(second._try_acquire("t"), float)


def test_a_dead_process_lease_expires(tmp_path: Path) -> None:
    budget = Budget(minute_calls=100, window_seconds=60, concurrent=1, lease_seconds=30)
    _clock, (first, second) = limiters(tmp_path, budget)
    first.acquire("t")  # never released: the process "died"
    second.acquire("t")  # waits until the lease expires, then proceeds
    assert second.waited_seconds >= 30


def test_day_limit_blocks_every_process_until_reset(tmp_path: Path) -> None:
    clock, (first, second) = limiters(tmp_path, Budget())
    lease = first.acquire("t")
    first.release(lease, {"X-Rate-Limit-Problem": "day", "Retry-After": "7200"})
    with pytest.raises(errors.RateLimitError, match=r"frees up in about 2\.0 hours"):
        second.acquire("t")
    clock.now += 7201
    second.acquire("t")


def test_budget_from_env_rejects_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XERO_RATE_WINDOW_SECONDS", "soon")
    with pytest.raises(errors.UsageError, match="XERO_RATE_WINDOW_SECONDS"):
        Budget.from_env()


def test_slots_of_a_killed_process_are_free_at_once(tmp_path: Path) -> None:
    """A `kill -9`ed export held its slots; the next run must not wait out their expiry."""
    import sqlite3
    import subprocess
    import sys

    budget = Budget(minute_calls=100, window_seconds=60, concurrent=2, lease_seconds=120)
    _clock, (limiter,) = limiters(tmp_path, budget, 1)
    for _ in range(2):
        limiter.acquire("t")
    assert limiter._try_acquire("t") == pytest.approx(0.05)  # full, and ours: still held
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    db = sqlite3.connect(tmp_path / "ratelimit.sqlite")
    with db:  # the two slots now belong to a process that no longer exists
        db.execute("UPDATE flights SET pid = ?", (gone.pid,))
    db.close()
    assert not isinstance(limiter._try_acquire("t"), float)


def test_a_call_counts_until_a_window_after_it_ended_not_after_its_slot_was_granted(
    tmp_path: Path,
) -> None:
    """Xero counts a call when it arrives, after the slot was granted (a token read, a slow
    send): a call whose slot was granted at 0 and that ended at 0.5 still counts at 60.2 in
    a 60 s window (+0.1 margin), or the next process's call is Xero's 61st and a 429."""
    budget = Budget(minute_calls=1, window_seconds=60, concurrent=10, margin_seconds=0.1)
    clock, (first, second) = limiters(tmp_path, budget)
    lease = first.acquire("t")
    start = clock.now
    clock.now += 0.5  # in flight: the request is sent and answered
    first.release(lease, None)
    clock.now = start + 60.2
    wait = second._try_acquire("t")
    assert isinstance(wait, float) and wait == pytest.approx(0.4, abs=0.01)


def test_the_ledger_commits_without_an_fsync_per_call(tmp_path: Path) -> None:
    """Every API call commits to the ledger twice; WAL with synchronous=NORMAL (1) makes those
    commits page-cache writes, not fsyncs, and keeps the ledger in WAL mode for the readers."""
    limiter = SharedLimiter(tmp_path / "ratelimit.sqlite", Budget())
    try:
        assert limiter._db.execute("PRAGMA synchronous").fetchone() == (1,)
        assert limiter._db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        limiter.close()
