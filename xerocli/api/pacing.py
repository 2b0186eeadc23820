"""An in-process rate limiter that paces calls so Xero never has to answer 429.

It plugs into `XeroClient(limiter=...)` (acquire before a call, release with the answer's
headers) and keeps, per tenant: at most 5 calls in flight, at most the minute limit in a
rolling minute of our own calls (each counted from its answer, when Xero has surely counted
it), where the limit is learnt from `X-MinLimit-Remaining` (a sandbox or a tier may allow fewer
than 60; other programs' calls lower it too). A 429 `Retry-After` blocks every thread of that tenant
until it passes. Across tenants it keeps the app-wide minute limit.

It knows only this process; a limiter shared by every process of the user (SQLite in the state
dir) can replace it through the same two methods.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SHORT_PROBLEMS = frozenset({"minute", "concurrent", "appminute"})
INF = float("inf")


@dataclass
class _Budget:
    slots: threading.Semaphore
    #: Our calls in the last minute, oldest first: [answered, sent], `answered` when the answer
    #: came (Xero counted the call by then) or +inf while the call is in flight.
    window: deque[list[float]] = field(default_factory=deque)
    #: The minute limit Xero applies, learnt from X-MinLimit-Remaining when none of our calls
    #: was in flight (so the report and our window describe the same calls).
    limit: int | None = None
    #: When `limit` was learnt (this pacer's clock): a limit a minute old gives way.
    limit_at: float | None = None
    in_flight: int = 0
    blocked_until: float = 0.0


class InProcessLimiter:
    def __init__(
        self,
        *,
        minute_limit: int = 60,
        concurrent: int = 5,
        app_minute_limit: int = 10_000,
        minute_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[str, float], None] | None = None,
    ) -> None:
        self.minute_limit = minute_limit
        self.concurrent = concurrent
        self.app_minute_limit = app_minute_limit
        self.minute = minute_seconds
        self.clock = clock
        self.sleep = sleep
        self.on_wait = on_wait
        self.waited_seconds = 0.0
        self._lock = threading.Lock()
        self._budgets: dict[str, _Budget] = {}
        self._app_window: deque[float] = deque()

    def _budget(self, tenant_id: str) -> _Budget:
        with self._lock:
            budget = self._budgets.get(tenant_id)
            if budget is None:
                budget = _Budget(threading.Semaphore(self.concurrent))
                self._budgets[tenant_id] = budget
            return budget

    def _margin(self) -> float:
        return 0.05 + self.minute * 0.01

    def _trim(self, budget: _Budget, now: float) -> None:
        horizon = now - self.minute - self._margin()
        while budget.window and budget.window[0][0] <= horizon:
            budget.window.popleft()
        while self._app_window and self._app_window[0] <= horizon:
            self._app_window.popleft()

    def _wait_for(self, budget: _Budget, now: float) -> float:
        """Seconds to wait before the next call may start; 0 when it may start now."""
        margin = self._margin()
        if now < budget.blocked_until:
            return budget.blocked_until - now
        oldest = budget.window[0][0] if budget.window else None
        # The oldest call still in flight: look again shortly.
        frees_at = (
            None
            if oldest is None
            else (oldest + self.minute + margin if oldest != INF else now + 0.1)
        )
        limit = min(self.minute_limit, budget.limit or self.minute_limit)
        if len(budget.window) >= limit:
            if frees_at is None:  # spent by other programs: probe again after a pause
                budget.limit = None
                return self.minute / 4
            return max(frees_at - now, 0.01)
        if len(self._app_window) >= self.app_minute_limit:
            return self._app_window[0] + self.minute + margin - now
        return 0.0

    def acquire(self, tenant_id: str) -> Any:
        budget = self._budget(tenant_id)
        budget.slots.acquire()
        try:
            while True:
                with self._lock:
                    now = self.clock()
                    self._trim(budget, now)
                    wait = self._wait_for(budget, now)
                    if wait <= 0:
                        entry = [INF, now]  # [answered at, sent at]
                        budget.window.append(entry)
                        self._app_window.append(now)
                        budget.in_flight += 1
                        return tenant_id, entry
                self.waited_seconds += wait
                if self.on_wait is not None:
                    self.on_wait(tenant_id, wait)
                self.sleep(wait)
        except BaseException:
            budget.slots.release()
            raise

    def _counted(self, budget: _Budget, now: float) -> int:
        """Our calls Xero still counts in its minute: those sent within the last minute (Xero
        counts a call when it arrives, after it was sent). The window, kept by answer time
        and a margin longer, holds more: learnt from it, a limit came out a call or two high,
        which only a limit that could never rise again had hidden."""
        since = now - self.minute
        return sum(1 for _, sent in budget.window if sent > since)

    def _learn(self, budget: _Budget, learnt: int, now: float) -> None:
        """Keep the lowest limit reported within the last minute: a higher report in that
        minute may count fewer of our calls than our window does (Xero's minute and ours
        need not line up), so it is not trusted yet. A low limit older than a minute is
        forgotten at the next report: another program's busy minute has aged out of Xero's
        window by then (kept for ever, a sync after one went on at one or two calls a
        minute to its end)."""
        stale = budget.limit_at is None or now - budget.limit_at >= self.minute
        if budget.limit is None or stale or learnt <= budget.limit:
            budget.limit = learnt
            budget.limit_at = now

    def release(self, lease: Any, headers: Any) -> None:
        tenant_id, entry = lease
        budget = self._budget(tenant_id)
        with self._lock:
            entry[0] = self.clock()
            budget.in_flight -= 1
            if headers is not None:
                reported = _int(headers.get("X-MinLimit-Remaining"))
                if reported is not None and budget.in_flight == 0:
                    self._learn(budget, reported + self._counted(budget, entry[0]), entry[0])
                problem = headers.get("X-Rate-Limit-Problem")
                retry_after = _int(headers.get("Retry-After"))
                if problem in SHORT_PROBLEMS and retry_after is not None:
                    budget.blocked_until = max(budget.blocked_until, self.clock() + retry_after)
        budget.slots.release()


def _int(raw: Any) -> int | None:
    if raw is None:
        return None
    try:
        return int(float(raw))
    except (TypeError, ValueError):
        return None


class ChainedLimiter:
    """Both limiters for one call: the user's shared ledger (other processes' calls) first,
    then this process's pacer (limits learnt from Xero's headers, app-wide minute)."""

    def __init__(self, shared: Any, local: Any) -> None:
        self.shared = shared
        self.local = local

    def acquire(self, tenant_id: str) -> Any:
        outer = self.shared.acquire(tenant_id) if self.shared is not None else None
        try:
            return (outer, self.local.acquire(tenant_id))
        except BaseException:
            if outer is not None:
                self.shared.release(outer, None)
            raise

    def release(self, lease: Any, headers: Any) -> None:
        outer, inner = lease
        self.local.release(inner, headers)
        if outer is not None:
            self.shared.release(outer, headers)


def pacer_from_env(on_wait: Callable[[str, float], None] | None = None) -> InProcessLimiter:
    """This process's pacer with the shared ledger's budget (XERO_RATE_MINUTE_CALLS,
    XERO_RATE_WINDOW_SECONDS, XERO_RATE_CONCURRENT): one budget for every limiter, so a sandbox
    run at a higher budget is not held to Xero's 60 a minute by the pacer alone."""
    from xerocli.api.limiter import Budget

    budget = Budget.from_env()
    return InProcessLimiter(
        minute_limit=budget.minute_calls,
        concurrent=budget.concurrent,
        minute_seconds=budget.window_seconds,
        on_wait=on_wait,
    )
