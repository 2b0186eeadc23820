"""Building the demo companies in worker processes while the calling process stores them.

Building a record (random draws, Decimal arithmetic, JSON text) costs about three times what
storing it does, and one process does one at a time; with 100,000 invoices a company the
seed took 40 s on a 2-core machine. Each part of each company (`seed.company_part`) depends on
nothing but the options, so a process per part builds it and sends its rows back in chunks;
the caller stores the parts in their fixed order, so the file is the one a single process
makes, seq for seq. Workers are started with `spawn`: they share no SQLite handle (or anything
else) with the process holding the write transaction.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Callable

from xerocli.sandbox.seed import PARTS, PROGRESS_STEP, SeedOptions, company_part
from xerocli.sandbox.store import BulkLoad

#: Rows a worker sends at a time: big enough that sending costs little, small enough that the
#: caller stores while the workers build.
CHUNK_ROWS = PROGRESS_STEP


class SeedWorkerError(RuntimeError):
    """A worker failed or vanished; its traceback (if it sent one) is the message."""


def append_built_apart(
    load: BulkLoad, options: SeedOptions, report: Callable[[int, int], None]
) -> None:
    """Store every company's records, built by one worker process per company part."""
    context = multiprocessing.get_context("spawn")
    jobs = [(index, part) for index in range(len(options.tenants)) for part in range(PARTS)]
    channels = [context.Queue() for _ in jobs]
    workers = [
        context.Process(target=_build, args=(options, index, part, channel), daemon=True)
        for (index, part), channel in zip(jobs, channels, strict=True)
    ]
    total = options.invoices * len(options.tenants)
    try:
        for worker in workers:
            worker.start()
        for (index, _), channel, worker in zip(jobs, channels, workers, strict=True):
            before = index * options.invoices
            for rows, invoices in _received(channel, worker):
                load.append(rows)
                if invoices is not None:
                    report(before + invoices, total)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        for channel in channels:
            channel.close()


def _received(channel, worker):
    """(rows, invoices built so far or None) as the worker sends them, until it is done."""
    while True:
        try:
            message = channel.get(timeout=0.5)
        except queue.Empty:
            if worker.exitcode is None:
                continue
            try:  # it exited: whatever it sent before is still readable
                message = channel.get_nowait()
            except queue.Empty:
                raise SeedWorkerError(
                    f"a seeding worker exited (code {worker.exitcode}) before it finished"
                ) from None
        kind = message[0]
        if kind == "done":
            return
        if kind == "error":
            raise SeedWorkerError(f"a seeding worker failed:\n{message[1]}")
        yield message[1], message[2]


def _build(options: SeedOptions, index: int, part: int, channel) -> None:
    """A worker: build one part and send it as ("rows", [values, ...], invoices | None)."""
    try:
        built: list[int | None] = [None]
        chunk: list[tuple] = []
        for row in company_part(options, index, part, lambda done: built.__setitem__(0, done)):
            chunk.append(row.values())
            if len(chunk) >= CHUNK_ROWS:
                channel.put(("rows", chunk, built[0]))
                chunk = []
        channel.put(("rows", chunk, built[0]))
        channel.put(("done",))
    except BaseException:  # reported to the caller, which raises it
        channel.put(("error", traceback.format_exc()))
