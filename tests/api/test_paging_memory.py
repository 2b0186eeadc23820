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
