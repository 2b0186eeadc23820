"""Faults on request, for the reliability tests: latency, 500s, 503s, dropped connections.

500s and 503s replace an answer before the request is processed (nothing is written), as a
load balancer in front of Xero would. Drops happen after processing: the body is cut off
mid-way and the connection closed, which is the case that tests idempotent retries of writes.
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
        self.injected = {"error": 0, "unavailable": 0, "drop": 0}

    def reseed(self) -> None:
        with self.lock:
            self.rng = random.Random(self.config.fault_seed)

    def _roll(self) -> float:
        with self.lock:
            return self.rng.random()

    def before(self) -> Response | None:
        """Sleep for the configured latency; maybe answer 500 or 503 instead of the handler."""
        cfg = self.config
        if cfg.latency_ms:
            time.sleep(cfg.latency_ms / 1000)
        if cfg.error_rate and self._roll() < cfg.error_rate:
            self.injected["error"] += 1
            return Response.json(
                500,
                {"ErrorNumber": 500, "Type": "InternalServerError", "Message": "Sandbox fault"},
            )
        if cfg.unavailable_rate and self._roll() < cfg.unavailable_rate:
            self.injected["unavailable"] += 1
            return Response.text(503, MAINTENANCE_TEXT)
        return None

    def after(self, response: Response) -> Response:
        if self.config.drop_rate and self._roll() < self.config.drop_rate:
            self.injected["drop"] += 1
            response.drop = True
        return response
