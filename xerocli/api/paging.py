"""Concurrent paging: page 1 first, then the rest a few at a time, yielded in page order.

Xero's `pagination.pageCount` on page 1 says how many pages there are, so pages 2..N can be
fetched in parallel (at most `concurrency` in flight, 5 being Xero's per-tenant limit). Pages
are yielded strictly in order, and at most `concurrency` pages are fetched ahead of the one the
caller is on, so memory stays flat however many pages there are. Pages are buffered as raw
text and parsed by the caller's thread, which keeps the buffer small (a parsed page of 1,000
invoices is several times its text). Pacing is the client's limiter's job, not this module's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from xerocli.api import wire
from xerocli.api.resources import Resource

if TYPE_CHECKING:
    from xerocli.api.client import ApiResponse, XeroClient

MAX_IN_FLIGHT = 5
PAGE_SIZE = 1000

#: Called after each page: (page number, page count if known, records on the page).
PageCallback = Callable[[int, int | None, int], None]


def iter_pages_concurrent(
    client: XeroClient,
    resource: Resource,
    params: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    *,
    concurrency: int = MAX_IN_FLIGHT,
    page_size: int = PAGE_SIZE,
    on_page: PageCallback | None = None,
) -> Iterator[list[dict]]:
    params = dict(params or {})
    if resource.unitdp:
        params.setdefault("unitdp", 4)

    def fetch(page: int | None) -> ApiResponse:
        query = params if page is None else {**params, "page": page, "pageSize": page_size}
        return client.request(
            "GET",
            resource.path,
            params=query,
            headers=headers,
            scope_hint=resource.scopes[0],
            parse=False,
        )

    def records(answer: ApiResponse) -> tuple[list[dict], int | None]:
        payload = wire.loads(answer.text) if answer.text.strip() else None
        pagination = (payload or {}).get("pagination") if isinstance(payload, dict) else None
        return wire.records_of(payload, resource.name), (pagination or {}).get("pageCount")

    if not resource.paged:
        page, _ = records(fetch(None))
        if on_page:
            on_page(1, 1, len(page))
        yield page
        return

    first, page_count = records(fetch(1))
    if on_page:
        on_page(1, page_count, len(first))
    yield first
    if page_count is None:
        # No pagination object: walk on until a short page.
        page_no, last = 1, first
        while len(last) >= page_size:
            page_no += 1
            last, _ = records(fetch(page_no))
            if on_page:
                on_page(page_no, None, len(last))
            yield last
        return
    if page_count <= 1:
        return

    pool = ThreadPoolExecutor(max_workers=max(concurrency, 1), thread_name_prefix="xero-page")
    pending: dict[int, Future[ApiResponse]] = {}
    try:
        next_submit = 2
        page_no = 2
        while page_no <= page_count:
            while next_submit <= page_count and next_submit < page_no + concurrency:
                pending[next_submit] = pool.submit(fetch, next_submit)
                next_submit += 1
            answer = pending.pop(page_no).result()
            page, _ = records(answer)
            del answer
            if on_page:
                on_page(page_no, page_count, len(page))
            yield page
            page_no += 1
    finally:
        for future in pending.values():
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)


def merge_streams(streams: list[Iterator[list[dict]]]) -> Iterator[tuple[int, list[dict]]]:
    """Run several page streams (one per tenant) in parallel; yield (stream index, page) as
    pages arrive. Each stream keeps its own bounded look-ahead, and the hand-over queue holds at
    most one page per stream, so memory stays flat. The first error stops everything."""
    import queue
    import threading

    if len(streams) == 1:
        for page in streams[0]:
            yield 0, page
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
                index, page, error = hand_over.get(timeout=0.5)
            except queue.Empty:
                continue
            if error is not None:
                raise error
            if page is None:
                done += 1
                continue
            yield index, page
    finally:
        stop.set()
