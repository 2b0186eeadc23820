"""Building and storing the demo companies in worker processes, one per company.

Building a record (random draws, Decimal arithmetic, JSON text) costs about three times what
storing it does, and one process does one at a time. Each company's records
(`seed.tenant_records`) depend on nothing but the options, so a process per company builds
them and stores them itself, into a staging file of its own (the store's `records` table, no
journal, no syncing: a scratch file). Once every worker is done, the calling process copies the
files into the store in the companies' fixed order inside one transaction
(`BulkLoad.append_staged`), so the store is the one a single process makes, seq for seq.

Why files and not rows over pipes: the caller used to unpickle and `executemany` every row
itself, and could store company 2 only once company 1 was in (its `seq`s come after company 1's,
whose count is known only when it is built): a serial tail of ~2.5 s at 100,000 invoices a
company with one core idle. Now both companies are stored while they are built, on both cores,
and what is left in the tail is SQLite copying records between files (the first company's a
transfer of whole records, the second's with its `seq`s shifted), then the indexes.

Workers are started with `spawn`: they share no SQLite handle (or anything else) with the
calling process, and tell it their progress over plain pipes (no queues, whose semaphores
outlive a caller killed mid-seed). A worker whose caller is gone removes its file and exits.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import sqlite3
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from pathlib import Path

from xerocli.sandbox.seed import SeedOptions, tenant_records
from xerocli.sandbox.store import (
    INSERT_ROW,
    PAGE_SIZE,
    RECORDS_TABLE,
    UNINDEXED_RECORDS_TABLE,
    Row,
    Store,
)

#: A staging folder's name: the prefix, the seeding process's id, a random part.
STAGING_PREFIX = ".seeding-"

#: Rows between two checks that the caller is still there (a `getppid` each).
CHECK_EVERY = 1000

#: Last positions per (tenant, kind), as `BulkLoad.last_pos` keeps them.
Positions = dict[tuple[str, str], int]


class SeedWorkerError(RuntimeError):
    """A worker failed or vanished; its traceback (if it sent one) is the message."""


@contextmanager
def built_apart(
    store: Store, options: SeedOptions, report: Callable[[int, int], None]
) -> Iterator[list[tuple[Path, Positions]]]:
    """Build and stage every company in a worker process each; yield, in the companies'
    order, each staging file with the last positions its rows reached. The files are removed
    on leaving, whatever happens (a worker left running is terminated first)."""
    context = multiprocessing.get_context("spawn")
    parent = _staging_parent(store)
    _remove_abandoned(parent)
    directory = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=parent))
    jobs = range(len(options.tenants))
    paths = [directory / f"company-{index}.sqlite" for index in jobs]
    pipes = [context.Pipe(duplex=False) for _ in jobs]
    start = store.last_positions()
    # Only the first company's file, into an empty store, is copied whole (a transfer, which
    # needs the same UNIQUE index in both files); any other is copied row by row.
    whole = store.next_seq() == 1
    workers = [
        context.Process(
            target=_build,
            args=(options, index, writer, start, path, whole and index == 0),
            daemon=True,
        )
        for index, (_, writer), path in zip(jobs, pipes, paths, strict=True)
    ]
    try:
        for worker in workers:
            worker.start()
        for _, writer in pipes:
            writer.close()  # a worker's end: closed here, so its exit reads as end of file
        total = options.invoices * len(options.tenants)
        lasts = _Inbox([reader for reader, _ in pipes], workers).collect(
            lambda built: report(built, total)
        )
        yield list(zip(paths, lasts, strict=True))
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        for reader, _ in pipes:
            reader.close()
        _discard(directory)


def _staging_parent(store: Store) -> str:
    """Beside the data file (its disk, and gone with its folder); the system's temporary
    folder for an in-memory store."""
    if store.path == ":memory:":
        return tempfile.gettempdir()
    return str(Path(store.path).resolve().parent)


def _discard(directory: Path) -> None:
    """Remove the staging files without waiting for it: unlinking a file nobody has open
    frees its blocks there and then (0.4 s for 760 MB), so each is held open, unlinked (its
    name gone at once) and closed on a thread; the kernel frees the blocks at that close, or
    at this process's exit if it comes first. Nothing is left behind either way."""
    held = []
    for path in directory.iterdir():
        try:
            held.append(os.open(path, os.O_RDONLY))
        except OSError:
            pass
        path.unlink(missing_ok=True)
    shutil.rmtree(directory, ignore_errors=True)
    threading.Thread(target=lambda: [os.close(fd) for fd in held], daemon=True).start()


def _remove_abandoned(parent: str) -> None:
    """Remove staging folders whose seeding process is gone (killed while it copied them in:
    its workers, which remove their own files when their caller vanishes, had finished)."""
    for directory in Path(parent).glob(f"{STAGING_PREFIX}*-*"):
        pid = directory.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(directory, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Inbox:
    """What the workers tell: invoices built so far, then their last positions."""

    def __init__(self, readers: list[Connection], workers: list) -> None:
        self.open = {reader: job for job, reader in enumerate(readers)}
        self.workers = workers
        self.built = [0] * len(readers)
        self.lasts: list[Positions] = [{} for _ in readers]

    def collect(self, report: Callable[[int], None]) -> list[Positions]:
        """Read every pipe until every worker is done, reporting the invoices built by all of
        them at each step; the last positions of each worker's rows."""
        while self.open:
            for reader in wait(list(self.open)):
                self._receive(reader, report)  # type: ignore[arg-type]
        return self.lasts

    def _receive(self, reader: Connection, report: Callable[[int], None]) -> None:
        job = self.open[reader]
        try:
            data = reader.recv_bytes()
        except EOFError:
            code = self.workers[job].exitcode
            raise SeedWorkerError(
                f"a seeding worker exited (code {code}) before it finished"
            ) from None
        if data.startswith(b"done:"):
            self.lasts[job] = pickle.loads(data[5:])
            del self.open[reader]
            reader.close()
        elif data.startswith(b"error:"):
            raise SeedWorkerError(f"a seeding worker failed:\n{data[6:].decode()}")
        else:
            self.built[job] = int(data)
            report(sum(self.built))


def _build(
    options: SeedOptions,
    index: int,
    writer: Connection,
    start: Positions,
    path: Path,
    whole: bool,
) -> None:
    """A worker: build company `index` and store it into the staging file `path`, each row
    numbered after `start` (the store's last positions; a company's kinds are its own, so no
    other worker numbers them); tell the caller the invoices built as they go, then
    `done:` and the last positions (pickled). `whole`: the file will be copied whole, so it
    has the store's UNIQUE index (else it has none: copied row by row, the store checks).

    Errors go to the caller through the pipe, not to stderr, which the worker shares with the
    caller: a caller killed mid-seed (SIGKILL, SIGTERM) must not leave workers printing broken
    pipes into its terminal or log, so they also stop (and remove their file) once it is gone.
    """
    parent = os.getppid()
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the worker

    def check() -> None:
        if os.getppid() != parent:  # the caller is gone: nobody reads this
            _abandon(path)

    try:
        db = _staging_file(path, whole)
        last: Positions = {}

        def tell(built: int) -> None:
            check()
            writer.send_bytes(str(built).encode())

        rows = tenant_records(options, index, tell)
        db.execute("BEGIN")
        db.executemany(INSERT_ROW, _numbered(rows, dict(start), last, check))
        db.execute("COMMIT")
        db.close()
        writer.send_bytes(b"done:" + pickle.dumps(last, pickle.HIGHEST_PROTOCOL))
    except BaseException:  # reported to the caller, which raises it
        try:
            writer.send_bytes(b"error:" + traceback.format_exc().encode())
        except OSError:
            _abandon(path)


def _staging_file(path: Path, whole: bool = True) -> sqlite3.Connection:
    """A new file holding only the store's `records` table (with its UNIQUE index if `whole`,
    so that copying it into an empty store is a transfer of whole records), written without a
    journal or syncing: if the worker dies, the file is thrown away."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA page_size={PAGE_SIZE}")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(RECORDS_TABLE if whole else UNINDEXED_RECORDS_TABLE)
    return db


def _numbered(
    rows: Iterable[Row], positions: Positions, last: Positions, check: Callable[[], None]
) -> Iterator[tuple]:
    """Each row's values and position (the next of its tenant and kind), recording the last
    position in `last`; `check()` every CHECK_EVERY rows."""
    for count, row in enumerate(rows, start=1):
        key = (row.tenant_id, row.kind)
        pos = last[key] = positions[key] = positions.get(key, 0) + 1
        yield row.numbered(pos)
        if count % CHECK_EVERY == 0:
            check()


def _abandon(path: Path) -> None:
    """Remove this worker's staging file (and the folder, if it is the last one) and exit."""
    for remove in (os.unlink, os.rmdir):
        try:
            remove(path if remove is os.unlink else path.parent)
        except OSError:
            pass
    os._exit(1)
