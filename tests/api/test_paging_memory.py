"""Memory flat in N: the paging generators keep no page once it is handed over (issue 18).

A suspended generator's locals would otherwise keep page 1 for the whole export and each page
alive while the next one is decoded. The client is a stand-in (the sandbox cannot show which
objects hold a page); the check runs at each decode, through `wire.loads`.
"""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace
from typing import Any

from xerocli.api import paging, wire
from xerocli.api.resources import BY_NOUN

PAGES = 4


class PagesClient:
    """Answers `GET Invoices?page=N` with three invoices and a page count."""

    def request(self, method: str, path: str, *, params: dict, **options: Any) -> Any:
        page = params["page"]
        body = {
            "pagination": {"page": page, "pageCount": PAGES},
            "Invoices": [{"InvoiceID": f"{page}-{n}"} for n in range(3)],
        }
        return SimpleNamespace(text=json.dumps(body))


def test_no_page_is_held_by_the_paging_generators_while_the_next_is_decoded(
    monkeypatch,
) -> None:
    held: list[list[dict]] = []
    extra_refs: list[int] = []
    real_loads = wire.loads

    def loads(text: str) -> Any:
        for page in held:
            # `held`, `page` and getrefcount's argument: 3; anything more is a generator's.
            extra_refs.append(sys.getrefcount(page) - 3)
        return real_loads(text)

    monkeypatch.setattr(wire, "loads", loads)
    stream = paging.iter_pages_concurrent(PagesClient(), BY_NOUN["invoices"], concurrency=1)
    for _, page in paging.merge_streams([stream]):
        held.append(page)
        del page
    assert [record["InvoiceID"] for page in held for record in page][::3] == [
        f"{n}-0" for n in range(1, PAGES + 1)
    ]
    assert len(extra_refs) == sum(range(PAGES)) and set(extra_refs) == {0}


def test_between_pages_the_collector_runs_with_no_page_alive_and_only_in_an_export(
    monkeypatch,
) -> None:
    """An export turns automatic collection off for its pages (api/collector.py) and collects
    the young generations by hand once per page, when the page handed over is dropped: then
    no page is there to walk. `list --all` paging (no export block) collects nothing itself."""
    import gc

    from xerocli.api import collector

    held: list[list[dict]] = []
    at_collect: list[tuple[bool, list[int]]] = []
    real_collect = gc.collect

    def collect(generation: int = 2) -> int:
        # `held`, `page` and getrefcount's argument: 3; anything more is a generator's.
        at_collect.append((gc.isenabled(), [sys.getrefcount(page) - 3 for page in held]))
        return real_collect(generation)

    monkeypatch.setattr(gc, "collect", collect)

    def pages() -> None:
        stream = paging.iter_pages_concurrent(PagesClient(), BY_NOUN["invoices"], concurrency=2)
        for _, page in paging.merge_streams([stream]):
            held.append(page)
            del page

    pages()
    assert at_collect == [] and len(held) == PAGES  # outside an export: nothing collected
    held.clear()
    assert gc.isenabled()
    with collector.off_during_pages():
        pages()
    assert gc.isenabled()  # restored
    assert len(at_collect) == PAGES  # once per page, after it was handed over and dropped
    assert all(enabled is False for enabled, _ in at_collect)
    assert [set(refs) for _, refs in at_collect] == [{0}] * PAGES


class Answer:
    """A client answer with its body twice, text and bytes, as `XeroClient.request` gives it."""

    alive = 0

    def __init__(self, text: str) -> None:
        self.text = text
        self.content = text.encode()
        Answer.alive += 1

    def __del__(self) -> None:
        Answer.alive -= 1


class AnswersClient(PagesClient):
    def request(self, method: str, path: str, *, params: dict, **options: Any) -> Any:
        return Answer(super().request(method, path, params=params).text)


def test_pages_waiting_their_turn_are_held_as_text_alone(monkeypatch) -> None:
    """Five pages are fetched ahead of the one being decoded: each keeps its text, not the
    client's answer (whose body bytes would double what the look-ahead holds)."""
    alive_at_decode: list[int] = []
    real_loads = wire.loads

    def loads(text: str) -> Any:
        alive_at_decode.append(Answer.alive)
        return real_loads(text)

    monkeypatch.setattr(wire, "loads", loads)
    client = AnswersClient()
    stream = paging.iter_pages_concurrent(client, BY_NOUN["invoices"], concurrency=3)
    pages = [page for _, page in paging.merge_streams([stream])]
    assert len(pages) == PAGES and len(alive_at_decode) == PAGES
    assert set(alive_at_decode) == {0}


MMAP_CHECK = """
import ctypes, sys
from xerocli.api import heap

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "flat":
    assert heap.keep_flat() is True
first = bytearray(1 << 20)  # a page's text, mapped on its own
del first  # glibc's default now raises its threshold above 1 MiB
before = libc.mallinfo2().hblks  # buffers mapped on their own
second = bytearray(1 << 20)
print(libc.mallinfo2().hblks - before)  # 1 if `second` is one of them
"""


def test_keep_flat_maps_each_page_buffer_on_its_own_after_one_was_freed() -> None:
    """glibc's default puts every page's text after the first in the heap (where freed pieces
    stay resident: RSS grew with N); `heap.keep_flat` keeps each one a mapping of its own. Run
    in a child: the settings are the process's."""
    import subprocess

    def mapped(mode: str) -> int:
        child = subprocess.run(
            [sys.executable, "-c", MMAP_CHECK, mode], capture_output=True, text=True, check=True
        )
        return int(child.stdout)

    assert (mapped("default"), mapped("flat")) == (0, 1)


def test_keep_flat_sets_a_fixed_threshold_and_one_arena_and_fails_soft() -> None:
    from xerocli.api import heap

    calls: list[tuple[int, int]] = []
    libc = SimpleNamespace(mallopt=lambda option, value: calls.append((option, value)) or 1)
    assert heap.keep_flat(libc) is (sys.platform.startswith("linux"))
    if sys.platform.startswith("linux"):
        assert calls == [(heap.M_MMAP_THRESHOLD, 128 * 1024), (heap.M_ARENA_MAX, 1)]
    assert heap.keep_flat(SimpleNamespace(mallopt=lambda option, value: 0)) is False  # musl
    assert heap.keep_flat(SimpleNamespace()) is False  # no mallopt at all
