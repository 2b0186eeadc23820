"""Progress of `xero sandbox serve` seeding its demo companies, on stderr.

Seeding 20,000 invoices takes about 20 s, which looked like a hang. On a terminal a counter
is rewritten in place; anywhere else (a log, a test reading the banner) a plain line is written
at each quarter of the way, so the output stays a few whole lines that parse.
"""

from __future__ import annotations

import sys
from typing import TextIO


class SeedingProgress:
    """A `progress(done, total)` callback for `seed()`, then `finished(seconds)`."""

    def __init__(self, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if live is None:
            try:
                live = self.stream.isatty()
            except (AttributeError, ValueError):
                live = False
        self.live = live
        self._quarters_shown = -1
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        text = f"Seeding the demo companies: {done:,} of {total:,} invoices"
        if self.live:
            self._rewrite(text)
            return
        quarter = 4 * done // total if total else 4
        if quarter > self._quarters_shown:
            self._quarters_shown = quarter
            print(text, file=self.stream, flush=True)

    def finished(self, seconds: float) -> None:
        text = f"Seeded the demo companies in {seconds:.1f} s"
        if self.live:
            self._rewrite(text)
            self.stream.write("\n")
            self.stream.flush()
        else:
            print(text, file=self.stream, flush=True)

    def _rewrite(self, text: str) -> None:
        """Overwrite the line in place (padding over a longer previous text)."""
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(text))
