"""Concurrent paging: page 1 first, then the rest a few at a time, yielded in page order.

Xero's `pagination.pageCount` on page 1 says how many pages there are, so pages 2..N can be
fetched in parallel (at most `concurrency` in flight, 5 being Xero's per-tenant limit). Pages
are yielded strictly in order, and at most `concurrency` pages are fetched ahead of the one the
caller is on, so memory stays flat however many pages there are. Pages are buffered as raw
text and parsed by the caller's thread, which keeps the buffer small (a parsed page of 1,000
invoices is several times its text). Pacing is the client's limiter's job, not this module's.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from xerocli.api import collector, wire
from xerocli.api.client import OFFSET_PAGE
from xerocli.api.resources import Resource

if TYPE_CHECKING:
    from xerocli.api.client import XeroClient

MAX_IN_FLIGHT = 5
PAGE_SIZE = 1000

#: Called after each page: (page number, page count if known, records on the page).
PageCallback = Callable[[int, int | None, int], None]
#: Called while the caller's thread waits; raises to stop (a signal asked the export to stop).
Checkpoint = Callable[[], None]
POLL_SECONDS = 0.2


class _DaemonPool:
    """A few daemon threads running one function: unlike ThreadPoolExecutor's threads, they
    never hold up the exit of a process that was told to stop mid-request."""

    def __init__(self, size: int, work: Callable[[Any], Any]) -> None:
        self.work = work
        self.tasks: queue.Queue[tuple[Future, Any] | None] = queue.Queue()
        self.threads = [
            threading.Thread(target=self._run, name=f"xero-page-{i}", daemon=True)
            for i in range(max(size, 1))
        ]
        for thread in self.threads:
            thread.start()

    def submit(self, arg: Any) -> Future:
        future: Future = Future()
        self.tasks.put((future, arg))
        return future

    def _run(self) -> None:
        while True:
            item = self.tasks.get()
            if item is None:
                return
            future, arg = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(self.work(arg))
            except BaseException as exc:
                future.set_exception(exc)

    def close(self) -> None:
        for _ in self.threads:
            self.tasks.put(None)


def wait_for(future: Future, checkpoint: Checkpoint | None) -> Any:
    """`future.result()`, waking up now and then so a stop request is seen at a safe point."""
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except FutureTimeout:
            if checkpoint is not None:
                checkpoint()


def iter_pages_concurrent(
    client: XeroClient,
    resource: Resource,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    *,
    concurrency: int = MAX_IN_FLIGHT,
    page_size: int = PAGE_SIZE,
    on_page: PageCallback | None = None,
    checkpoint: Checkpoint | None = None,
    decode: Callable[[str], Any] | None = None,
    on_shift: Callable[[int, int], None] | None = None,
) -> Iterator[list[dict]]:
    """Pages of records; each decoded by `decode` (an export's `wire.FieldsDecoder.loads`),
    else `wire.loads`. A resource paged by offset is walked by the client, one at a time.

    Pages are asked for by number, so a record that joins or leaves the list while they are
    fetched (created, archived, changed under an If-Modified-Since) moves the records behind
    it across a page boundary: one may be read twice, or not at all. Xero's
    `pagination.itemCount` tells: `on_shift(first, now)` is called when a later page counts
    other than page 1 did, for the caller to keep its mark where it was."""
    params = dict(params or {})
    loads = decode or wire.loads
    if resource.unitdp:
        params.setdefault("unitdp", 4)
    if resource.offset_field:  # each offset is the last page's last number: one at a time
        number, count = 0, OFFSET_PAGE
        for number, page in enumerate(client.iter_pages(resource, params, headers), start=1):
            if checkpoint:
                checkpoint()
            count = len(page)
            if on_page:
                on_page(number, None, count)
            yield page
        # The client asks again after a full page (and first of all) and yields no empty
        # answer: that call is a page of none, or a sync after no new journal counts 0 calls.
        if on_page and count >= OFFSET_PAGE:
            on_page(number + 1, None, 0)
        return

    def fetch(page: int | None) -> str:
        """A page's body, and only that: a page waiting its turn keeps no answer object
        (whose body bytes would double the text held for each of the pages in flight)."""
        query = params if page is None else {**params, **resource.page_query(page, page_size)}
        return client.request(
            "GET",
            resource.list_path,
            params=query,
            headers=headers,
            scope_hint=resource.scopes[0],
            parse=False,
        ).text

    counted: list[int] = []  # page 1's itemCount, then whether a shift was told already

    def records(text: str) -> tuple[list[dict], int | None]:
        # `text.strip()` would copy a whole page to find out that it is not blank.
        payload = loads(text) if text and not text.isspace() else None
        pagination = (payload or {}).get("pagination") if isinstance(payload, dict) else None
        items = (pagination or {}).get("itemCount")
        if isinstance(items, int):
            if not counted:
                counted.append(items)
            elif items != counted[0] and len(counted) == 1 and on_shift is not None:
                counted.append(items)
                on_shift(counted[0], items)
        return wire.records_of(payload, resource.records_key), (pagination or {}).get("pageCount")

    # Every call runs on the pool, page 1 too, so the caller's thread only ever waits in
    # `wait_for` and a stop request (SIGTERM, Ctrl-C) is acted on between pages.
    pool = _DaemonPool(concurrency, fetch)
    pending: dict[int, Future] = {}
    try:
        if not resource.paged:
            page, _ = records(wait_for(pool.submit(None), checkpoint))
            if on_page:
                on_page(1, 1, len(page))
            yield page
            return
        first, page_count = records(wait_for(pool.submit(1), checkpoint))
        if on_page:
            on_page(1, page_count, len(first))
        count = len(first)
        yield first
        # No page stays referenced here once handed over: a suspended generator's locals
        # would otherwise keep page 1 for the whole export and each page while the next one
        # is decoded (two to three pages of ~6 MB of objects each at 1,000 invoices).
        del first
        collector.between_pages()
        if page_count is None:
            # No pagination object: walk on until a short page.
            page_no = 1
            while count >= resource.records_per_page(page_size):
                page_no += 1
                last, _ = records(wait_for(pool.submit(page_no), checkpoint))
                count = len(last)
                if on_page:
                    on_page(page_no, None, count)
                yield last
                del last
            return
        next_submit = page_no = 2
        while page_no <= page_count:
            while next_submit <= page_count and next_submit < page_no + concurrency:
                pending[next_submit] = pool.submit(next_submit)
                next_submit += 1
            text = wait_for(pending.pop(page_no), checkpoint)
            page, _ = records(text)
            del text
            if on_page:
                on_page(page_no, page_count, len(page))
            yield page
            del page
            collector.between_pages()  # no page alive now: the cheap moment (api/collector.py)
            page_no += 1
    finally:
        for future in pending.values():
            future.cancel()
        pool.close()


def merge_streams(
    streams: list[Iterator[list[dict]]], checkpoint: Checkpoint | None = None
) -> Iterator[tuple[int, list[dict]]]:
    """Run several page streams (one per tenant) in parallel; yield (stream index, page) as
    pages arrive. Each stream keeps its own bounded look-ahead, and the hand-over queue holds at
    most one page per stream, so memory stays flat. The first error stops everything."""
    if len(streams) == 1:
        for page in streams[0]:
            yield 0, page
            del page  # not kept while the stream decodes the next one
        return
    hand_over: queue.Queue[tuple[int, list[dict] | None, BaseException | None]] = queue.Queue(
        maxsize=len(streams)
    )
    stop = threading.Event()

    def put(item: tuple[int, list[dict] | None, BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                hand_over.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def run(index: int, stream: Iterator[list[dict]]) -> None:
        try:
            for page in stream:
                if not put((index, page, None)):
                    return
                del page
            put((index, None, None))
        except BaseException as exc:
            put((index, None, exc))
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()

    threads = [
        threading.Thread(target=run, args=(i, s), name=f"xero-tenant-{i}", daemon=True)
        for i, s in enumerate(streams)
    ]
    for thread in threads:
        thread.start()
    try:
        done = 0
        while done < len(streams):
            try:
                index, page, error = hand_over.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if checkpoint is not None:
                    checkpoint()
                continue
            if error is not None:
                raise error
            if page is None:
                done += 1
                continue
            yield index, page
            page = None
    finally:
        stop.set()
