"""A per-tenant rate limiter shared by every `xero` process of one user.

Xero allows, per app and tenant, 60 calls in a rolling minute and 5 in flight, and a daily
budget that depends on the developer's plan (read from `X-DayLimit-Remaining`, never assumed).
Two cron jobs on one tenant must share that budget, so the ledger lives in SQLite (standard
library) under the state dir: each call is recorded inside `BEGIN IMMEDIATE`, a call in flight
holds a slot owned by its process (freed when that process dies, or after a while if it
hangs), and no daemon is needed.

For a sandbox with scaled limits, XERO_RATE_MINUTE_CALLS, XERO_RATE_WINDOW_SECONDS and
XERO_RATE_CONCURRENT set the budget (defaults: Xero's 60 calls / 60 s / 5).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from xerocli import config, errors

ENV_MINUTE_CALLS = "XERO_RATE_MINUTE_CALLS"
ENV_WINDOW_SECONDS = "XERO_RATE_WINDOW_SECONDS"
ENV_CONCURRENT = "XERO_RATE_CONCURRENT"

SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (tenant TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS calls_tenant_at ON calls (tenant, at);
-- In-flight slots, each owned by a process: a slot whose process is gone is free at once;
-- `expires` frees one whose owner hangs, or lives on another host sharing this file.
CREATE TABLE IF NOT EXISTS flights (
  id TEXT PRIMARY KEY, tenant TEXT NOT NULL, expires REAL NOT NULL,
  host TEXT NOT NULL, pid INTEGER NOT NULL
);
-- A spent day budget, per app and tenant as Xero counts it (an app's 429 must not stop
-- another app's calls). Ledgers of before keep a `day_blocks` table, per tenant alone: unread.
CREATE TABLE IF NOT EXISTS app_day_blocks (
  tenant TEXT NOT NULL, app TEXT NOT NULL, until REAL NOT NULL, at REAL NOT NULL,
  PRIMARY KEY (tenant, app)
);
-- What Xero last said of a tenant's budgets (X-*Limit-Remaining), for `xero limits`.
CREATE TABLE IF NOT EXISTS reported (
  tenant TEXT PRIMARY KEY, at REAL NOT NULL,
  minute_remaining INTEGER, day_remaining INTEGER, app_minute_remaining INTEGER
);
"""

#: The answer headers Xero counts budgets down in, and the `reported` column each goes to.
REPORTED_HEADERS = {
    "X-MinLimit-Remaining": "minute_remaining",
    "X-DayLimit-Remaining": "day_remaining",
    "X-AppMinLimit-Remaining": "app_minute_remaining",
}


@dataclass(frozen=True)
class Budget:
    minute_calls: int = 60
    window_seconds: float = 60.0
    concurrent: int = 5
    #: Our clock and Xero's differ by the request's latency: keep a margin on the window.
    margin_seconds: float = 1.0
    #: A lease outlives a hung request this long, then the slot is freed for others.
    lease_seconds: float = 120.0

    @classmethod
    def from_env(cls) -> Budget:
        def number(name: str, default: float) -> float:
            raw = os.environ.get(name)
            if not raw:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise errors.UsageError(f"{name}: {raw!r} is not a number") from None
            if value <= 0:
                raise errors.UsageError(f"{name}: must be positive")
            return value

        window = number(ENV_WINDOW_SECONDS, 60.0)
        return cls(
            minute_calls=int(number(ENV_MINUTE_CALLS, 60)),
            window_seconds=window,
            concurrent=int(number(ENV_CONCURRENT, 5)),
            margin_seconds=min(1.0, window / 20),
        )


@dataclass(frozen=True)
class Snapshot:
    """A tenant's budgets as this user's processes see them: our own ledger for the minute and
    the calls in flight, and what Xero last reported (the day budget is only known that way,
    since it depends on the developer's plan)."""

    tenant: str
    minute_limit: int
    window_seconds: float
    calls_in_window: int
    concurrent_limit: int
    in_flight: int
    reported_at: float | None = None
    minute_remaining: int | None = None
    day_remaining: int | None = None
    app_minute_remaining: int | None = None
    day_blocked_until: float | None = None


@dataclass
class Lease:
    id: str
    tenant: str
    #: The call's row in `calls`, re-stamped when the call ends (see `release`).
    call: int | None = None


class SharedLimiter:
    """`acquire(tenant)` blocks until a call may be sent; `release(lease, headers)` after it."""

    def __init__(
        self,
        path: Path,
        budget: Budget | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[float], None] | None = None,
        app: str | None = None,
    ) -> None:
        self.path = path
        #: The app (client id) whose calls these are: Xero's day budget is per app and
        #: tenant, so a day block is kept per app ("" when the app is not known).
        self.app = app or ""
        self.budget = budget or Budget.from_env()
        self.clock = clock
        self.sleep = sleep
        self.on_wait = on_wait
        self.waited_seconds = 0.0
        with self._state_dir_errors():
            config.make_dir(path.parent)
            self._db = sqlite3.connect(
                path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            # No fsync at each commit (WAL with NORMAL stays consistent after any crash; only a
            # power cut can lose the last few commits): every API call commits twice, and the
            # two fsyncs were ~10 ms of a one-call command on a busy disk. Calls lost that way
            # are undercounted once, and Xero's 429 with Retry-After covers them.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

    @contextmanager
    def _state_dir_errors(self) -> Iterator[None]:
        """A read-only or full state dir is the user's to fix: name it (exit 2), not an
        `unexpected error: OperationalError`. Other SQLite errors stay bugs."""
        try:
            yield
        except (OSError, sqlite3.OperationalError) as exc:
            text = str(exc).lower()
            environmental = isinstance(exc, OSError) or any(
                word in text for word in ("readonly", "read-only", "disk", "full", "unable to open")
            )
            if not environmental:
                raise
            raise config.state_dir_error(self.path, exc) from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def acquire(self, tenant: str) -> Lease:
        while True:
            with self._state_dir_errors():
                wait = self._try_acquire(tenant)
            if isinstance(wait, Lease):
                return wait
            self.waited_seconds += wait
            if self.on_wait:
                self.on_wait(wait)
            self.sleep(wait)

    def _try_acquire(self, tenant: str) -> Lease | float:
        budget = self.budget
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                now = self.clock()
                window_start = now - budget.window_seconds - budget.margin_seconds
                db.execute("DELETE FROM calls WHERE at < ?", (now - 86400 * 2,))
                db.execute("DELETE FROM flights WHERE expires < ?", (now,))
                _free_slots_of_dead_processes(db, tenant)
                blocked = db.execute(
                    "SELECT until, at FROM app_day_blocks WHERE tenant = ? AND app = ?"
                    " AND until > ?",
                    (tenant, self.app, now),
                ).fetchone()
                if blocked:
                    db.execute("COMMIT")
                    said = time.strftime("%H:%M UTC", time.gmtime(blocked[1]))
                    raise errors.RateLimitError(
                        "Xero's daily call budget of this app for this organisation is spent"
                        f" (Xero's 429 at {said}; nothing was sent); it frees up in about"
                        f" {errors.human_duration(blocked[0] - now)}"
                    )
                in_window = db.execute(
                    "SELECT COUNT(*), MIN(at) FROM calls WHERE tenant = ? AND at >= ?",
                    (tenant, window_start),
                ).fetchone()
                in_flight = db.execute(
                    "SELECT COUNT(*) FROM flights WHERE tenant = ?", (tenant,)
                ).fetchone()[0]
                if in_window[0] >= budget.minute_calls:
                    db.execute("COMMIT")
                    oldest = in_window[1]
                    return max(oldest - window_start, 0.01)
                if in_flight >= budget.concurrent:
                    db.execute("COMMIT")
                    return 0.05
                lease = Lease(os.urandom(16).hex(), tenant)  # no `uuid`: ~3 ms of import
                lease.call = db.execute("INSERT INTO calls VALUES (?, ?)", (tenant, now)).lastrowid
                db.execute(
                    "INSERT INTO flights VALUES (?, ?, ?, ?, ?)",
                    (lease.id, tenant, now + budget.lease_seconds, HOST, os.getpid()),
                )
                db.execute("COMMIT")
                return lease
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def release(self, lease: Lease, headers) -> None:
        """Free the in-flight slot and keep what Xero reported of the budgets; a day-limit 429
        blocks the app's calls to the tenant for every process. One transaction: one commit
        per call."""
        with self._state_dir_errors(), self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM flights WHERE id = ?", (lease.id,))
            # Xero counts a call when it arrives, which is after we granted its slot (by the
            # time a token is read and the request sent, more on a loaded machine): counting
            # it from its end as well keeps our window a superset of Xero's, so the next
            # window's first call is not a 429.
            if lease.call is not None:
                self._db.execute(
                    "UPDATE calls SET at = MAX(at, ?) WHERE rowid = ?", (self.clock(), lease.call)
                )
            if headers is None:
                return
            self._keep_reported(lease.tenant, headers)
            if headers.get("X-Rate-Limit-Problem") != "day":
                return
            try:
                retry_after = float(headers.get("Retry-After") or 0)
            except ValueError:
                retry_after = 0.0
            if retry_after > 0:
                now = self.clock()
                self._db.execute(
                    "INSERT OR REPLACE INTO app_day_blocks VALUES (?, ?, ?, ?)",
                    (lease.tenant, self.app, now + retry_after, now),
                )

    def _keep_reported(self, tenant: str, headers) -> None:
        values = {column: _count(headers.get(name)) for name, column in REPORTED_HEADERS.items()}
        if all(value is None for value in values.values()):
            return
        # A header an answer lacks keeps its last value (COALESCE), not a NULL.
        self._db.execute(
            "INSERT INTO reported VALUES (:tenant, :at, :minute_remaining, :day_remaining,"
            " :app_minute_remaining) ON CONFLICT (tenant) DO UPDATE SET at = excluded.at,"
            " minute_remaining = COALESCE(excluded.minute_remaining, minute_remaining),"
            " day_remaining = COALESCE(excluded.day_remaining, day_remaining),"
            " app_minute_remaining = COALESCE(excluded.app_minute_remaining,"
            " app_minute_remaining)",
            {"tenant": tenant, "at": self.clock(), **values},
        )

    def known_tenants(self) -> list[str]:
        """Every tenant this ledger has seen a call to or a report from, sorted."""
        with self._lock:
            rows = self._db.execute(
                "SELECT tenant FROM calls UNION SELECT tenant FROM reported"
                " UNION SELECT tenant FROM app_day_blocks ORDER BY tenant"
            ).fetchall()
        return [row[0] for row in rows]

    def snapshot(self, tenant: str) -> Snapshot:
        """The tenant's budgets now, without a call to Xero."""
        budget = self.budget
        with self._lock:
            now = self.clock()
            db = self._db
            calls = db.execute(
                "SELECT COUNT(*) FROM calls WHERE tenant = ? AND at >= ?",
                (tenant, now - budget.window_seconds),
            ).fetchone()[0]
            in_flight = db.execute(
                "SELECT COUNT(*) FROM flights WHERE tenant = ? AND expires >= ?", (tenant, now)
            ).fetchone()[0]
            reported = db.execute(
                "SELECT at, minute_remaining, day_remaining, app_minute_remaining"
                " FROM reported WHERE tenant = ?",
                (tenant,),
            ).fetchone()
            # This app's block; an app-less ledger (`xero limits` with no login) shows any.
            blocked = db.execute(
                "SELECT max(until) FROM app_day_blocks WHERE tenant = ? AND until > ?"
                + (" AND app = ?" if self.app else ""),
                (tenant, now, *([self.app] if self.app else [])),
            ).fetchone()
            blocked = blocked if blocked and blocked[0] is not None else None
        at, minute, day, app = reported or (None, None, None, None)
        return Snapshot(
            tenant=tenant,
            minute_limit=budget.minute_calls,
            window_seconds=budget.window_seconds,
            calls_in_window=calls,
            concurrent_limit=budget.concurrent,
            in_flight=in_flight,
            reported_at=at,
            minute_remaining=minute,
            day_remaining=day,
            app_minute_remaining=app,
            day_blocked_until=blocked[0] if blocked else None,
        )


#: Slots are freed by process liveness only for processes of this host.
HOST = socket.gethostname()


def _free_slots_of_dead_processes(db: sqlite3.Connection, tenant: str) -> None:
    """A `kill -9`ed or crashed `xero` cannot release its slots; without this the next cron
    run would wait out their expiry (two minutes) before its first call."""
    owners = db.execute(
        "SELECT DISTINCT pid FROM flights WHERE tenant = ? AND host = ?", (tenant, HOST)
    ).fetchall()
    for (pid,) in owners:
        if pid != os.getpid() and not _alive(pid):
            db.execute("DELETE FROM flights WHERE host = ? AND pid = ?", (HOST, pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. another user's process: alive
    return True


def _count(raw: str | None) -> int | None:
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None
