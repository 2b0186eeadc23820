"""A long export's resident memory kept flat: two settings of glibc's allocator (issue 18).

An export handles pages of ~1.5 MB of text each (five in flight, fetched on five threads) and
~6 MB of small objects per decoded page. With glibc's defaults its resident size grew with the
number of pages (66 MB at 10,000 invoices, 71 MB at 100,000) though the traced Python
allocations stay near 30 MB whatever N is:
- a buffer above the mmap threshold (128 KiB) is mapped on its own and given back at free,
  but freeing one raises the threshold to its size, so every later page's text comes from
  the heap, where pieces of freed pages stay resident between the live ones;
- each thread that allocates gets an arena of its own (up to 8 per core), and what is freed in
  one is not reused by another.
A fixed threshold (which also turns the raising off) and one arena keep every page's text a
mapping of its own and the small objects in one heap: 55 MB at 10,000 and at 100,000 invoices
(benchmarks/README.md). The cost is an mmap and munmap per page buffer, a few per second.

Elsewhere (musl, macOS, Windows) there is no such `mallopt` and nothing is changed.
"""

from __future__ import annotations

import sys
from typing import Any

#: glibc's `mallopt` parameters (malloc.h).
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
#: glibc's default threshold, fixed: buffers this big or bigger are mapped on their own.
MMAP_THRESHOLD = 128 * 1024


def _libc() -> Any:
    import ctypes

    return ctypes.CDLL(None)  # the C library this process already runs on


def keep_flat(libc: Any = None) -> bool:
    """Set the allocator for a long export; True where glibc took both settings. Call it
    before the paging threads start (an arena is chosen by a thread's first allocation)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = (libc if libc is not None else _libc()).mallopt
    except (OSError, AttributeError):
        return False
    # mallopt returns 1 on success, 0 where a C library only has a stub (musl).
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) & bool(mallopt(M_ARENA_MAX, 1))
