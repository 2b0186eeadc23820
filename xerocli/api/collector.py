"""Python's cyclic garbage collector kept off the export's pages (issue 18).

A decoded page of 1,000 invoices is ~16,000 lists and dicts, all alive until the page is
written. The collector runs whenever allocations outnumber frees by 700, so decoding a page set
off ~25 young collections and a couple of older ones that walked the page again and again
(and a full one now and then that walked every module too): 60-75 ms of a 10,000-invoice
export's ~0.75 s of CPU, for nothing: a page is a tree, freed by reference counting when it is
dropped, never a cycle.

So while an export handles its pages automatic collection is off, what existed before is
frozen (`gc.freeze`: the modules' objects are not walked again), and between pages, when no
page is alive (the paging generator calls `between_pages` once it has dropped the page it
handed over, before decoding the next), everything made since is collected by hand: ~0.7 ms.
It has to be a full collection: an HTTP answer in flight at one collection is promoted, and
the cycles it is part of (holding its 1.5 MB body) are then freed only by a full one; young
ones alone let those pile up (peak RSS 64-80 MB instead of 57-58 at 100,000 invoices).
Outside an export (`list --all`) `between_pages` does nothing. The collector's state is
restored at the end (unfrozen, enabled if it was), whatever happened.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: The generations collected between pages: all of them (the frozen objects are not walked).
BETWEEN_PAGES_GENERATION = 2


#: How many `off_during_pages` blocks are open (a sync may nest none, an export one).
_paused: list[int] = [0]


@contextmanager
def off_during_pages() -> Iterator[None]:
    """Automatic collection off for the block (left as it was if the caller had it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    if not _paused[0]:
        gc.freeze()
    _paused[0] += 1
    try:
        yield
    finally:
        _paused[0] -= 1
        if not _paused[0]:
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def between_pages() -> None:
    """A full collection, with no page alive, while automatic collection is off for an
    export's pages: the cycles the calls made (young collections alone let them pile up)."""
    if _paused[0]:
        gc.collect(BETWEEN_PAGES_GENERATION)
