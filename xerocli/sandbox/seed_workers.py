"""Building the demo companies in worker processes while the calling process stores them.

Building a record (random draws, Decimal arithmetic, JSON text) costs about three times what
storing it does, and one process does one at a time; with 100,000 invoices a company the
seed took 40 s on a 2-core machine. Each company's records (`seed.tenant_records`) depend on
nothing but the options, so a process per company builds them and sends them back in chunks;
the caller stores the companies in their fixed order, so the file is the one a single process
makes, seq for seq. (A process per company part ran five processes on two cores and spent
more CPU starting interpreters than it saved.) Workers are started with `spawn`: they share
no SQLite handle (or anything else) with the process holding the write transaction, and talk
to it over plain pipes (no queues, whose semaphores outlive a caller killed mid-seed).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import traceback
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from xerocli.sandbox.seed import PROGRESS_STEP, SeedOptions, tenant_records
from xerocli.sandbox.store import BulkLoad

#: Rows a worker sends at a time: big enough that sending costs little, small enough that the
#: caller stores while the workers build.
CHUNK_ROWS = PROGRESS_STEP


class SeedWorkerError(RuntimeError):
    """A worker failed or vanished; its traceback (if it sent one) is the message."""


class _Inbox:
    """What the workers have sent and the caller has not stored yet, per job, still pickled
    (smaller than the rows, and unpickled only when their turn comes)."""

    def __init__(self, readers: list[Connection], workers: list) -> None:
        self.open = {reader: job for job, reader in enumerate(readers)}
        self.workers = workers
        self.chunks: list[deque[bytes]] = [deque() for _ in readers]
        self.done = [False] * len(readers)

    def next_chunk(self, job: int) -> tuple[list[tuple], dict, int | None] | None:
        """The job's next (numbered rows, last positions, invoices built so far), reading
        every pipe meanwhile so no worker waits; None once the job is done."""
        while not self.chunks[job] and not self.done[job]:
            self._receive()
        if not self.chunks[job]:
            return None
        return pickle.loads(self.chunks[job].popleft())

    def _receive(self) -> None:
        for reader in wait(list(self.open)):
            job = self.open[reader]  # type: ignore[index]
            try:
                data = reader.recv_bytes()  # type: ignore[union-attr]
            except EOFError:
                code = self.workers[job].exitcode
                raise SeedWorkerError(
                    f"a seeding worker exited (code {code}) before it finished"
                ) from None
            if data == b"done":
                self.done[job] = True
                del self.open[reader]  # type: ignore[arg-type]
                reader.close()  # type: ignore[union-attr]
            elif data.startswith(b"error:"):
                raise SeedWorkerError(f"a seeding worker failed:\n{data[6:].decode()}")
            else:
                self.chunks[job].append(data)


def append_built_apart(
    load: BulkLoad, options: SeedOptions, report: Callable[[int, int], None]
) -> None:
    """Store every company's records, built by one worker process per company."""
    context = multiprocessing.get_context("spawn")
    jobs = range(len(options.tenants))
    pipes = [context.Pipe(duplex=False) for _ in jobs]
    workers = [
        context.Process(target=_build, args=(options, index, writer, load.last_pos), daemon=True)
        for index, (_, writer) in zip(jobs, pipes, strict=True)
    ]
    total = options.invoices * len(options.tenants)
    try:
        for worker in workers:
            worker.start()
        for _, writer in pipes:
            writer.close()  # a worker's end: closed here, so its exit reads as end of file
        inbox = _Inbox([reader for reader, _ in pipes], workers)
        for index in jobs:
            before = index * options.invoices
            while (chunk := inbox.next_chunk(index)) is not None:
                rows, last, invoices = chunk
                load.append_numbered(rows, last)
                if invoices is not None:
                    report(before + invoices, total)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        for reader, _ in pipes:
            reader.close()


def _build(
    options: SeedOptions, index: int, writer: Connection, start: dict[tuple[str, str], int]
) -> None:
    """A worker: build one company and send it in chunks, pickled (rows, last positions,
    invoices | None), each row numbered after `start` (the store's last positions; a
    company's kinds are its own, so no other worker numbers them).

    Errors go to the caller through the pipe, not to stderr, which the worker shares with the
    caller: a caller killed mid-seed (SIGKILL, SIGTERM) must not leave workers printing broken
    pipes into its terminal or log, so they also stop at the next chunk once it is gone.
    """
    parent = os.getppid()
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the worker
    try:
        built: list[int | None] = [None]
        chunk: list[tuple] = []
        positions = dict(start)
        last: dict[tuple[str, str], int] = {}
        for row in tenant_records(options, index, lambda done: built.__setitem__(0, done)):
            key = (row.tenant_id, row.kind)
            pos = last[key] = positions[key] = positions.get(key, 0) + 1
            chunk.append(row.numbered(pos))
            if len(chunk) >= CHUNK_ROWS:
                if os.getppid() != parent:  # the caller is gone: nobody reads this
                    os._exit(1)
                writer.send_bytes(pickle.dumps((chunk, last, built[0]), pickle.HIGHEST_PROTOCOL))
                chunk, last = [], {}
        writer.send_bytes(pickle.dumps((chunk, last, built[0]), pickle.HIGHEST_PROTOCOL))
        writer.send_bytes(b"done")
    except BaseException:  # reported to the caller, which raises it
        try:
            writer.send_bytes(b"error:" + traceback.format_exc().encode())
        except OSError:
            os._exit(1)
