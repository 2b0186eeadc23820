"""The sandbox's clock: `POST /__sandbox/clock {"advance": s}` lets time pass without sleeping."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import loopback
from tests.helpers.oauth import api_headers, login
from tests.helpers.sandbox import RunningSandbox, start_seeded


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "clock", 1)
    yield running
    running.stop()


def test_advancing_the_clock_expires_tokens_and_moves_stamps(box: RunningSandbox) -> None:
    token = login(box.url, "clock-app")  # a 30-minute token
    tenant = box.tenants()[0]["tenant_id"]
    url = f"{box.url}/api.xro/2.0/Invoices"
    assert loopback.get(url, headers=api_headers(token, tenant)).status_code == 200
    before = loopback.get(f"{box.url}/__sandbox/clock").json()
    moved = box.advance_clock(1500)  # 25 of its 30 minutes (and the test's own real time)
    assert moved["offset"] - before["offset"] == 1500
    assert moved["now"] - before["now"] >= 1500
    assert loopback.get(url, headers=api_headers(token, tenant)).status_code == 200
    box.advance_clock(301)  # past its 30 minutes, however long the test itself took
    answer = loopback.get(url, headers=api_headers(token, tenant))
    assert answer.status_code == 401
    assert answer.json()["Detail"].startswith("TokenExpired")


@pytest.mark.parametrize(
    "body",
    [{}, {"advance": -1}, {"advance": "60"}, {"advance": True}, {"advance": 1, "x": 2}, [1]],
)
def test_the_clock_only_moves_forward_by_a_number_of_seconds(box, body) -> None:
    before = loopback.get(f"{box.url}/__sandbox/clock").json()["offset"]
    answer = loopback.post(f"{box.url}/__sandbox/clock", json=body)
    assert answer.status_code == 400, body
    assert "advance" in answer.json()["error"]
    assert loopback.get(f"{box.url}/__sandbox/clock").json()["offset"] == before
