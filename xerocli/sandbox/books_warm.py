"""Build and save a freshly seeded file's books in a process of its own, after the start.

A new big company's first report would otherwise read every posted document (~14 s of CPU a
company at 100,000 invoices). The start is not made to wait for it: once the seed is stored and
the sandbox serves, this process (`python -m xerocli.sandbox.books_warm FILE`) reads each
tenant's books and saves their totals in the file (`books_store.py`), on a core the start
left idle, without holding the serving process's interpreter lock, and says on its stdout
which tenant's are saved. A report asked meanwhile waits for its tenant's line (not for every
tenant), then loads the totals; a restart loads them too. It stops with the sandbox however
the sandbox ends (SIGTERM and SIGKILL included): its stdin is a pipe from the sandbox, and
when that closes it exits at once (a save cut short is rolled back by SQLite).

Then it begins each tenant's journal log (`journal_log.begin_apart`: ~1 s of CPU a company at
20,000 invoices, ~5 s at 100,000), so the first `/Journals` read or posting write does not pay
for it; if the sandbox needed the log first, it began it itself and this one stores nothing.

Small seeds are not worth a process: their first read costs less than starting one.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

#: From this many invoices a company, a fresh seed's books are built in the background.
WARM_FROM_INVOICES = 2000
#: The argument that ties the process to the sandbox's pipe on its stdin.
WITH_THE_SANDBOX = "--exit-when-stdin-closes"


def worth_warming(invoices: int) -> bool:
    return invoices >= WARM_FROM_INVOICES


def start(path: str | Path) -> subprocess.Popen:
    """The process that builds and saves `path`'s books (it exits when done)."""
    return subprocess.Popen(
        [sys.executable, "-m", "xerocli.sandbox.books_warm", str(path), WITH_THE_SANDBOX],
        stdin=subprocess.PIPE,  # never written: its end closes when the sandbox ends
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _exit_with_the_sandbox() -> None:
    sys.stdin.read()  # returns when the sandbox's end of the pipe closes
    os._exit(0)


def main(path: str, with_the_sandbox: bool = False) -> None:
    from xerocli.sandbox import journal_log
    from xerocli.sandbox.books_cache import BooksCache
    from xerocli.sandbox.store import Store

    if with_the_sandbox:
        threading.Thread(target=_exit_with_the_sandbox, daemon=True).start()

    store = Store(path)
    try:
        for tenant in store.tenants():  # the first (the default) first
            BooksCache(store).books(tenant["tenant_id"])  # read whole and saved
            print(tenant["tenant_id"], flush=True)
        for tenant in store.tenants():  # no report waits for these: nothing is printed
            try:
                journal_log.begin_apart(store, tenant["tenant_id"])
            except sqlite3.OperationalError:  # the sandbox held the file: it begins it then
                pass
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1], WITH_THE_SANDBOX in sys.argv[2:])
