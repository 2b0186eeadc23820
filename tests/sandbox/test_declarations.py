"""A resource is one declaration: a throwaway one, declared here and nowhere else, is seeded and
served like the real ones (paged, by ID, with `where` and `order`, read-only, behind its scope)
without a line of the sandbox changing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.oauth import api_headers, login
from xerocli.sandbox import resources
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Listing, Resource
from xerocli.sandbox.seed import SeedOptions
from xerocli.sandbox.server import Sandbox, SandboxServer
from xerocli.sandbox.xerojson import ms_date

WIDGETS = 7
STAMP = datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)


def seed_widgets(company) -> list[dict]:
    """Seven widgets per demo company, a day apart, every third one archived."""
    return [
        {
            "WidgetID": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{company.spec.name}/{number}")),
            "Code": f"W-{number:04d}",
            "Name": f"{company.spec.name} widget {number}",
            "Date": ms_date(date(2026, 9, number)),
            "Status": "ARCHIVED" if number % 3 == 0 else "ACTIVE",
            "UpdatedDateUTC": ms_date(STAMP + timedelta(minutes=number)),
        }
        for number in range(1, WIDGETS + 1)
    ]


WIDGET = Resource(
    collection="TestWidgets",
    type_name="TestWidget",
    id_field="WidgetID",
    number_field="Code",
    date_field="Date",
    fields=COMMON_FIELDS | {"WidgetID", "Code", "Name", "Date", "Status"},
    listing=Listing(paged=True, page_size=3),
    scopes=("accounting.settings",),
    seed=seed_widgets,
)


@pytest.fixture(scope="module")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """An in-process sandbox seeded with the throwaway resource registered, NZ company."""
    resources.register(WIDGET)
    try:
        path: Path = tmp_path_factory.mktemp("widgets") / "s.sqlite"
        sandbox = Sandbox.open(path, SeedOptions(invoices=1, contacts=1))
        server = SandboxServer(sandbox)
        server.start_background()
        try:
            tenant = sandbox.store.tenants()[0]["tenant_id"]
            token = login(server.url)
            with loopback.client(
                base_url=f"{server.url}/api.xro/2.0",
                headers=api_headers(token, tenant),
                timeout=30,
            ) as client:
                client.base = server.url  # type: ignore[attr-defined]
                client.tenant = tenant  # type: ignore[attr-defined]
                yield client
        finally:
            server.stop()
    finally:
        resources.unregister(WIDGET.collection)


def test_a_declared_resource_is_seeded_and_served_paged_by_id_with_where_and_order(
    widgets,
) -> None:
    every = widgets.get("TestWidgets").json()["TestWidgets"]
    assert [w["Code"] for w in every] == [f"W-{n:04d}" for n in range(1, WIDGETS + 1)]

    # Paged by its declared page size, with Xero's pagination object.
    first = widgets.get("TestWidgets", params={"page": 1}).json()
    assert first["pagination"] == {"page": 1, "pageSize": 3, "pageCount": 3, "itemCount": 7}
    last = widgets.get("TestWidgets", params={"page": 3}).json()["TestWidgets"]
    assert [w["Code"] for w in first["TestWidgets"]] == ["W-0001", "W-0002", "W-0003"]
    assert [w["Code"] for w in last] == ["W-0007"]

    # By ID, and Xero's plain-text 404 for one it does not have.
    wanted = every[4]
    (one,) = widgets.get(f"TestWidgets/{wanted['WidgetID']}").json()["TestWidgets"]
    assert one == wanted
    missing = widgets.get("TestWidgets/00000000-0000-4000-8000-000000000000")
    assert (missing.status_code, missing.headers["content-type"][:10]) == (404, "text/plain")

    # where over its indexed columns (number, status, date) and its JSON, and order.
    def codes(**params: str) -> list[str]:
        answer = widgets.get("TestWidgets", params=params)
        assert answer.status_code == 200, answer.text
        return [w["Code"] for w in answer.json()["TestWidgets"]]

    assert codes(where='Code=="W-0002"') == ["W-0002"]
    assert codes(where='Status=="ARCHIVED"') == ["W-0003", "W-0006"]
    assert codes(where="Date>=DateTime(2026,09,06)", order="Date DESC") == ["W-0007", "W-0006"]
    assert codes(where='name.Contains("widget 5")') == ["W-0005"]
    assert codes(order="Name DESC")[0] == "W-0007"
    assert codes(IDs=f"{every[0]['WidgetID']},{every[6]['WidgetID']}") == ["W-0001", "W-0007"]

    # A field it does not declare is Xero's 400 naming the field and the type.
    refused = widgets.get("TestWidgets", params={"where": 'Colour=="red"'})
    assert refused.status_code == 400
    assert "No property or field 'Colour' exists in type 'TestWidget'" in refused.text

    # Read-only (no writer declared), and behind its declared scope.
    assert widgets.put("TestWidgets", json={"Code": "W-9"}).status_code == 405
    narrow = login(widgets.base, scope="openid offline_access accounting.contacts")
    denied = loopback.get(
        f"{widgets.base}/api.xro/2.0/TestWidgets", headers=api_headers(narrow, widgets.tenant)
    )
    assert denied.status_code == 401 and denied.json()["Detail"] == "AuthorizationUnsuccessful"


def test_unregistered_it_is_gone_and_the_real_resources_are_untouched(widgets) -> None:
    resources.unregister(WIDGET.collection)
    try:
        assert widgets.get("TestWidgets").status_code == 404
        assert {r.collection for r in resources.ALL} >= {"Invoices", "ManualJournals"}
    finally:
        resources.register(WIDGET)
