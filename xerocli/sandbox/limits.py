"""Xero's rate limits, per app and tenant, with a settable "minute" so tests hit them quickly.

- concurrent: 5 calls in flight per app and tenant
- minute: 60 calls in a rolling minute per app and tenant
- day: 5,000 calls in a rolling day (1,440 "minutes") per app and tenant
- appminute: 10,000 calls a minute per app across all its tenants
A refused call is not counted. Every answer carries the remaining budgets as headers.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass

from xerocli.sandbox import clock as sandbox_clock
from xerocli.sandbox.config import SandboxConfig

MINUTES_PER_DAY = 1440


@dataclass
class Verdict:
    """Either a granted slot (problem is None) or a refusal with its Retry-After."""

    key: tuple[str, str]
    problem: str | None = None
    retry_after: int = 0
    minute_remaining: int = 0
    day_remaining: int = 0
    app_minute_remaining: int = 0

    def headers(self) -> dict[str, str]:
        headers = {
            "X-MinLimit-Remaining": str(self.minute_remaining),
            "X-DayLimit-Remaining": str(self.day_remaining),
            "X-AppMinLimit-Remaining": str(self.app_minute_remaining),
        }
        if self.problem:
            headers["Retry-After"] = str(self.retry_after)
            headers["X-Rate-Limit-Problem"] = self.problem
        return headers


class RateLimits:
    def __init__(self, config: SandboxConfig, clock=None) -> None:
        self.config = config
        self.clock = clock or sandbox_clock.monotonic
        self.lock = threading.Lock()
        self.minute: dict[tuple[str, str], deque[float]] = {}
        self.day: dict[tuple[str, str], deque[float]] = {}
        self.app_minute: dict[str, deque[float]] = {}
        self.in_flight: dict[tuple[str, str], int] = {}
        self.refused: dict[str, int] = {"concurrent": 0, "minute": 0, "day": 0, "appminute": 0}

    @staticmethod
    def _trim(window: deque[float], horizon: float) -> None:
        while window and window[0] <= horizon:
            window.popleft()

    def enter(self, client_id: str, tenant_id: str) -> Verdict:
        """Take a slot for one call, or refuse it. A granted slot must be `leave`-d."""
        cfg = self.config
        minute = cfg.minute_seconds
        day = minute * MINUTES_PER_DAY
        key = (client_id, tenant_id)
        with self.lock:
            now = self.clock()
            per_minute = self.minute.setdefault(key, deque())
            per_day = self.day.setdefault(key, deque())
            per_app = self.app_minute.setdefault(client_id, deque())
            self._trim(per_minute, now - minute)
            self._trim(per_day, now - day)
            self._trim(per_app, now - minute)
            verdict = Verdict(
                key,
                minute_remaining=max(cfg.minute_limit - len(per_minute), 0),
                day_remaining=max(cfg.day_limit - len(per_day), 0),
                app_minute_remaining=max(cfg.app_minute_limit - len(per_app), 0),
            )

            def refuse(problem: str, window: deque[float] | None, span: float) -> Verdict:
                wait = 1.0 if window is None or not window else window[0] + span - now
                verdict.problem = problem
                verdict.retry_after = max(1, math.ceil(wait))
                self.refused[problem] += 1
                return verdict

            if len(per_day) >= cfg.day_limit:
                return refuse("day", per_day, day)
            if len(per_app) >= cfg.app_minute_limit:
                return refuse("appminute", per_app, minute)
            if len(per_minute) >= cfg.minute_limit:
                return refuse("minute", per_minute, minute)
            if self.in_flight.get(key, 0) >= cfg.concurrent_limit:
                return refuse("concurrent", None, 1.0)
            per_minute.append(now)
            per_day.append(now)
            per_app.append(now)
            self.in_flight[key] = self.in_flight.get(key, 0) + 1
            verdict.minute_remaining -= 1
            verdict.day_remaining -= 1
            verdict.app_minute_remaining -= 1
            return verdict

    def leave(self, verdict: Verdict) -> None:
        with self.lock:
            self.in_flight[verdict.key] = max(self.in_flight.get(verdict.key, 1) - 1, 0)

    def reset(self) -> None:
        with self.lock:
            self.minute.clear()
            self.day.clear()
            self.app_minute.clear()
            self.in_flight.clear()
            for problem in self.refused:
                self.refused[problem] = 0


def too_many_requests(verdict: Verdict) -> tuple[int, dict, dict[str, str]]:
    """Xero's 429: a short body naming the limit, and the headers that say how long to wait."""
    body = {
        "Title": "Too Many Requests",
        "Status": 429,
        "Detail": f"Rate limit exceeded: {verdict.problem} limit",
    }
    return 429, body, verdict.headers()
