"""A sync paces every collection with one pacer: the calls of the collections before are in its
minute. A new pacer per collection read them in Xero's `X-MinLimit-Remaining` as other
programs' calls and kept that lowered limit for the rest of its collection: at Xero's 60 a
minute a first sync of 237 calls took 355 s, 1.5 times the floor (benchmarks/README.md).

In process, against the mirror tests' sandbox: the real sync, with the pacers it makes counted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sandbox import RunningSandbox
from tests.mirror.conftest import query
from xerocli.api import pacing
from xerocli.api.resources import resource
from xerocli.api.stopper import Stopper
from xerocli.cli.context import AppContext, GlobalOptions
from xerocli.mirror.migrate import open_mirror
from xerocli.mirror.run import SyncHooks, run_sync
from xerocli.mirror.target import parse_target
from xerocli.output.progress import NoProgress


@pytest.fixture
def login(home: Path, mirror_box: RunningSandbox, monkeypatch: pytest.MonkeyPatch):
    for name, sub in (("STATE", "state"), ("CONFIG", "config"), ("DATA", "data")):
        monkeypatch.setenv(f"XERO_{name}_DIR", str(home / sub / "xerocli"))
    for name in ("XERO_ACCESS_TOKEN", "XERO_CLIENT_ID", "XERO_CLIENT_SECRET", "XERO_TENANT_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XERO_RATE_MINUTE_CALLS", "1000000")
    app_ctx = AppContext(GlobalOptions(sandbox=True, sandbox_url=mirror_box.url))
    yield app_ctx
    app_ctx.close()


def test_one_pacer_paces_every_collection_of_a_sync(
    login: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[pacing.InProcessLimiter] = []
    paced = {"calls": 0}
    real = pacing.pacer_from_env

    def counted(on_wait=None) -> pacing.InProcessLimiter:
        pacer = real(on_wait)
        acquire = pacer.acquire

        def acquire_counted(tenant_id: str):
            paced["calls"] += 1
            return acquire(tenant_id)

        pacer.acquire = acquire_counted  # type: ignore[method-assign]
        made.append(pacer)
        return pacer

    monkeypatch.setattr(pacing, "pacer_from_env", counted)
    backend = open_mirror(parse_target(str(tmp_path / "m.sqlite")))
    hooks = SyncHooks(lambda _: NoProgress(), lambda _: Stopper(), lambda _: None)
    chosen = [resource(n) for n in ("contacts", "items", "accounts")]
    try:
        results = run_sync(
            backend, chosen, login, hooks, full=False, all_tenants=True, profile="default"
        )
    finally:
        backend.close()
    assert [r.resource for r in results] == chosen
    assert len(made) == 1  # one for the whole sync, not one a collection
    assert paced["calls"] == sum(r.calls for r in results) >= 2 * len(chosen)  # both tenants


def test_a_sync_runs_its_first_collection_then_journals_then_the_rest(
    login: AppContext, tmp_path: Path
) -> None:
    """At Xero's limits the first collection's big pages set how spread out every minute's
    calls are; Journals' small pages come next, so the other big collections are not added to
    the first minute's spread (`sync_order`)."""
    backend = open_mirror(parse_target(str(tmp_path / "m.sqlite")))
    ran: list[str] = []
    hooks = SyncHooks(
        lambda _: NoProgress(), lambda _: Stopper(), lambda r: ran.append(r.resource.noun)
    )
    chosen = [resource(n) for n in ("invoices", "contacts", "accounts", "journals", "items")]
    try:
        results = run_sync(
            backend, chosen, login, hooks, full=False, all_tenants=False, profile="default"
        )
    finally:
        backend.close()
    assert ran == [r.resource.noun for r in results]
    assert ran == ["invoices", "journals", "contacts", "accounts", "items"]
    assert all(r.calls >= 1 for r in results)
    # Every journal, on Xero's default accrual basis: an invoice's own journal too, not only
    # the payments' (`paymentsOnly`, a filter that narrows, is not one a mirror sends).
    sources = dict(
        query(tmp_path / "m.sqlite", "SELECT source_type, count(*) FROM journals GROUP BY 1")
    )
    journals = next(r for r in results if r.resource.noun == "journals")
    assert sources.get("ACCREC") and sum(sources.values()) == journals.records
