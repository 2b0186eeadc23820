"""Faults on request, for the reliability tests: latency, held calls, 500s, 503s, dropped
connections.

500s and 503s replace an answer before the request is processed (nothing is written), as a
load balancer in front of Xero would. Latency is spent while the call holds its rate-limit slot,
as a slow Xero would, so it is also how tests keep calls in flight for the concurrency limit.
Drops happen after processing: the body is cut off mid-way and the connection closed, which is
the case that tests idempotent retries of writes.
"""

from __future__ import annotations

import random
import threading
import time

from xerocli.sandbox.config import SandboxConfig
from xerocli.sandbox.http import Response

MAINTENANCE_TEXT = "The Xero API is currently offline for maintenance"


class Faults:
    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.lock = threading.Lock()
        self.rng = random.Random(config.fault_seed)
        self.injected = {"latency": 0, "error": 0, "unavailable": 0, "drop": 0}
        self.held = 0  # calls waiting for `hold_calls` to be set false
        self._reads = 0  # GETs since `hold_reads_after` was set
        self._released = threading.Event()
        self._reads_released = threading.Event()
        self.follow_hold()

    def reseed(self) -> None:
        with self.lock:
            self.rng = random.Random(self.config.fault_seed)

    def reset(self) -> None:
        with self.lock:
            for key in self.injected:
                self.injected[key] = 0

    def counts(self) -> dict[str, int]:
        with self.lock:
            return dict(self.injected)

    def _hit(self, rate: float, kind: str) -> bool:
        """Roll the dice for one fault and count it if it fires."""
        if not rate:
            return False
        with self.lock:
            if self.rng.random() >= rate:
                return False
            self.injected[kind] += 1
            return True

    def refuse(self) -> Response | None:
        """Maybe answer 500 or 503 instead of the handler."""
        cfg = self.config
        if self._hit(cfg.error_rate, "error"):
            return Response.json(
                500,
                {"ErrorNumber": 500, "Type": "InternalServerError", "Message": "Sandbox fault"},
            )
        if self._hit(cfg.unavailable_rate, "unavailable"):
            return Response.text(503, MAINTENANCE_TEXT)
        return None

    def follow_hold(self) -> None:
        """Hold or release calls as `hold_calls` now says (after every config change)."""
        if self.config.hold_calls:
            self._released.clear()
        else:
            self._released.set()
        with self.lock:
            self._reads = 0
            reads_held = self.config.hold_reads_after is not None
        if reads_held:
            self._reads_released.clear()
        else:
            self._reads_released.set()

    def delay(self, method: str = "GET") -> None:
        """Sleep for the configured latency, then wait while calls (or reads) are held."""
        latency = self.config.latency_ms
        if latency > 0:
            with self.lock:
                self.injected["latency"] += 1
            time.sleep(latency / 1000)
        if method == "GET" and self.config.hold_reads_after is not None:
            with self.lock:
                self._reads += 1
                over = self._reads > (self.config.hold_reads_after or 0)
            if over:
                self._wait_for(self._reads_released)
        self._wait_for(self._released)

    def _wait_for(self, released: threading.Event) -> None:
        """Wait until `released` is set, counted in `held` meanwhile (the stats show it)."""
        if released.is_set():
            return
        with self.lock:
            self.held += 1
        try:
            released.wait()
        finally:
            with self.lock:
                self.held -= 1

    def holding(self) -> int:
        with self.lock:
            return self.held

    def after(self, response: Response) -> Response:
        """Maybe mark the answer to be cut off mid-body."""
        if self._hit(self.config.drop_rate, "drop"):
            response.drop = True
        return response
