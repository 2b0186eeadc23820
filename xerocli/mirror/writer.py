"""A collection's statements run on a second thread while the next page is decoded.

At Xero's limits the pages of a sync's last minute can only be fetched once that minute opens,
so what they cost the client after that is the sync's tail past the rate-limit floor. A page's
cost is decoding (the engine), making its rows, and the database's own work on them; SQLite
does that work without the GIL (`sqlite3_step`), so running the statements here, one page
behind, lets the main thread decode and make the rows of the next page meanwhile.

Order and atomicity are those of the main thread alone: one worker runs the pages' statements
in the order they were handed over, on the connection of the collection's one open transaction,
and the main thread touches that connection only after `drain()` (the commit, with the marks)
or `abandon()` (the rollback). At most one page waits behind the one being written, so memory
stays flat. A failed statement is raised to the main thread at its next hand-over or drain,
as it would have been raised there, and nothing after it is run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Work = Callable[[], None]


class BackgroundWriter:
    """One worker thread running each page's statements in turn; see the module docstring."""

    def __init__(self, name: str = "xero-mirror-writer") -> None:
        self._cond = threading.Condition()
        self._pending: Work | None = None  # handed over, not started yet
        self._busy = False  # a page's statements are running
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, work: Work) -> None:
        """Run `work` after the pages before it; wait while one page is already waiting."""
        with self._cond:
            while self._pending is not None and self._error is None:
                self._cond.wait(0.2)
            self._raise_error()
            self._pending = work
            self._cond.notify_all()

    def drain(self) -> None:
        """Wait until every page handed over is written; raise the first failure."""
        with self._cond:
            while (self._pending is not None or self._busy) and self._error is None:
                self._cond.wait(0.2)
            self._raise_error()

    def abandon(self) -> None:
        """Drop the page not started yet, wait for the one being written, stop the worker:
        after it the connection is the caller's again (to roll back). Never raises."""
        with self._cond:
            self._pending = None
            self._closed = True
            self._cond.notify_all()
            while self._busy:
                self._cond.wait(0.2)
        self._thread.join(timeout=5)

    def close(self) -> None:
        """Stop the worker once everything handed over is written (after `drain()`)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._closed = True
            self._cond.notify_all()
            raise error

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._pending is None:  # closed, nothing left
                    return
                work, self._pending = self._pending, None
                self._busy = True
                self._cond.notify_all()
            try:
                work()
            except BaseException as exc:  # handed to the main thread, which raises it
                with self._cond:
                    self._error = exc
                    self._pending = None
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
            with self._cond:
                if self._error is not None:
                    return
