"""Progress of a long export on stderr: records, pages, rate-limit waits.

Shown only when stderr is a terminal and there is no --quiet (never in cron logs or pipes;
`IOStreams.progress` decides); rich is imported only then.
Callbacks may come from paging threads: rich's Progress is thread-safe.
"""

from __future__ import annotations

import sys
import threading
from typing import Any


class NoProgress:
    def page(self, tenant: str, page_no: int, page_count: int | None, records: int) -> None:
        pass

    def records(self, count: int) -> None:
        pass

    def waited(self, tenant: str, seconds: float) -> None:
        pass

    def close(self) -> None:
        pass


class BarProgress(NoProgress):
    def __init__(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._lock = threading.Lock()
        self._pages_done = 0
        self._page_totals: dict[str, int] = {}
        self._records = 0
        self._waited = 0.0
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task: Any = self._progress.add_task(label, total=None, detail="")
        self._progress.start()

    def _refresh(self) -> None:
        total = sum(self._page_totals.values()) or None
        detail = f"{self._records:,} records · {self._pages_done}/{total or '?'} pages"
        if self._waited:
            detail += f" · waited {self._waited:.0f}s for rate limits"
        self._progress.update(self._task, completed=self._pages_done, total=total, detail=detail)

    def page(self, tenant: str, page_no: int, page_count: int | None, records: int) -> None:
        with self._lock:
            self._pages_done += 1
            if page_count:
                self._page_totals[tenant] = page_count
            self._refresh()

    def records(self, count: int) -> None:
        with self._lock:
            self._records += count
            self._refresh()

    def waited(self, tenant: str, seconds: float) -> None:
        with self._lock:
            self._waited += seconds
            self._refresh()

    def close(self) -> None:
        self._progress.stop()


class WaitLog(NoProgress):
    """No bar (stderr is a file or a pipe: a cron log), but a rate-limit wait is said, so a
    log tells a wait from a hang: one line for a wait of a second or more, then at most one
    every `EVERY` seconds (a paced export waits before each call of a minute)."""

    EVERY = 10.0

    def __init__(self, err: Any = None) -> None:
        self._err = err
        self._lock = threading.Lock()
        self._last = float("-inf")
        self._waited = 0.0

    def waited(self, tenant: str, seconds: float) -> None:
        import time

        with self._lock:
            self._waited += seconds
            now = time.monotonic()
            if seconds < 1 or now - self._last < self.EVERY:
                return
            self._last = now
            total = self._waited
        print(
            f"xero: waiting {seconds:.0f} s for Xero's rate limit ({total:.0f} s so far)",
            file=self._err or sys.stderr,
            flush=True,
        )


def progress_for(label: str, enabled: bool, quiet: bool = False, err: Any = None) -> NoProgress:
    """A bar when `enabled` (the output object decides: stderr a terminal, no --quiet); else
    the waits said in a line (none with --quiet)."""
    if enabled:
        return BarProgress(label)
    return NoProgress() if quiet else WaitLog(err)
