"""The sandbox's clock: real time plus an offset that the control panel can move forward.

Token lifetimes, the refresh grace period, the rate-limit windows and the idempotency window
all read this clock, so a test can let "30 minutes" pass with `POST /__sandbox/clock
{"advance": 1800}` instead of sleeping, and its pass never depends on how busy the machine is.
One clock per process: the sandbox is one per process (`xero sandbox serve`, or the one that
`--sandbox` embeds).
"""

from __future__ import annotations

import math
import threading
import time

_lock = threading.Lock()
_offset = 0.0


def now() -> float:
    """Seconds since the epoch, as the sandbox sees them (wall clock plus the offset)."""
    return time.time() + _offset


def monotonic() -> float:
    """A monotonic reading that moves with the offset (for rolling rate-limit windows)."""
    return time.monotonic() + _offset


def offset() -> float:
    """How far the sandbox's clock is ahead of the real one, in seconds."""
    return _offset


def advance(seconds: float) -> float:
    """Move the clock forward (never back: windows and expiry times must stay ordered)."""
    global _offset
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"advance must be >= 0 seconds, not {seconds!r}")
    with _lock:
        _offset += seconds
        return _offset
