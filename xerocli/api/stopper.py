"""Stopping a long run at a safe point on SIGTERM or Ctrl-C (exports now, `xero sync` later).

Raising from a signal handler could land inside a lock held by a paging thread (and hang the
exit), so SIGTERM and the first Ctrl-C only take note; the run calls `check()` between pages
and while it waits, which raises there. A second Ctrl-C stops at once.
"""

from __future__ import annotations

import signal
from typing import Any

from xerocli import errors


class Stopper:
    """Signal handlers that only take note; `check()` raises at a safe point of ours."""

    def __init__(
        self, terminated: str = "terminated (SIGTERM): the run stopped and was cleaned up"
    ) -> None:
        #: The SIGTERM message: says what the stop left behind.
        self.terminated = terminated
        self.signal_name: str | None = None
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            self._previous[signum] = signal.signal(signum, self._note)

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _note(self, signum: int, frame: Any) -> None:
        if self.signal_name == "SIGINT" and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal_name = signal.Signals(signum).name

    def check(self) -> None:
        if self.signal_name == "SIGTERM":
            raise errors.Terminated(self.terminated)
        if self.signal_name == "SIGINT":
            raise KeyboardInterrupt
