"""The reports' first read of a tenant's books does only the work the books need: the bodies
of posted documents, each parsed by one shared JSON decoder (no test here times anything)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import simplejson

from tests.helpers.sandbox import document_body_reads
from xerocli.sandbox import xerojson
from xerocli.sandbox.books_cache import TenantBooks
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store


def test_the_full_read_fetches_posted_bodies_only_and_builds_no_decoder_per_body(
    tmp_path: Path, monkeypatch
) -> None:
    store = Store(tmp_path / "s.sqlite")
    seed(store, SeedOptions(invoices=60, contacts=7), processes=1)
    tenant_id = store.tenants()[0]["tenant_id"]
    drafts = store.execute(
        "SELECT COUNT(*) FROM records WHERE tenant_id=? AND kind='Invoices' AND status='DRAFT'",
        (tenant_id,),
    )[0][0]
    assert drafts > 0  # the seed has drafts, which are out of the books

    bodies = document_body_reads(store, monkeypatch)

    decoders = []
    real_init = simplejson.JSONDecoder.__init__

    def init(self, *args, **kwargs):
        decoders.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(simplejson.JSONDecoder, "__init__", init)
    books = TenantBooks(store, tenant_id)
    assert books.documents > 0
    assert len(bodies) == books.documents  # no draft, voided or deleted body fetched
    assert decoders == []  # one decoder for every body, made when the module was imported
    monkeypatch.undo()
    parsed = xerojson.loads('{"a": 1.10, "b": [2.5]}')
    assert parsed == {"a": Decimal("1.10"), "b": [Decimal("2.5")]}
    assert str(parsed["a"]) == "1.10"  # exact, digits kept
    store.close()


def test_wire_dates_are_converted_once_and_the_cache_stays_bounded() -> None:
    first = xerojson.parse_date("/Date(1782000000000+0000)/")
    assert xerojson.parse_date("/Date(1782000000000+0000)/") is first
    for day in range(5000):
        xerojson.parse_date(f"/Date({day * 86_400_000}+0000)/")
    assert len(xerojson._WIRE_DATES) <= 4096
    assert xerojson.parse_date("/Date(86400000+0000)/").isoformat() == "1970-01-02"
