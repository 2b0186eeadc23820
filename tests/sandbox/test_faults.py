"""Faults on request: latency, a share of 500s, a share of 503s (plain-text maintenance), and
connections dropped mid-answer; set at run time, counted in /__sandbox/stats."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.oauth import api_headers, login
from tests.helpers.sandbox import RunningSandbox, start_seeded
from xerocli.sandbox.faults import MAINTENANCE_TEXT

NO_FAULTS = {
    "latency_ms": 0,
    "error_rate": 0,
    "unavailable_rate": 0,
    "drop_rate": 0,
    "fault_seed": None,
}


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "faults", 20)
    yield running
    running.stop()


@pytest.fixture
def api(box: RunningSandbox) -> Iterator[tuple[str, dict[str, str]]]:
    """The Invoices URL and headers for a fresh app; faults and counters cleared afterwards."""
    box.reset_stats()
    token = login(box.url, f"app-{uuid.uuid4().hex[:12]}")
    tenant = box.tenants()[0]["tenant_id"]
    yield f"{box.url}/api.xro/2.0/Invoices", api_headers(token, tenant)
    box.configure(**NO_FAULTS)
    box.reset_stats()


def test_error_rate_answers_500_and_counts(box, api) -> None:
    url, headers = api
    box.configure(error_rate=1)
    answer = loopback.get(url, headers=headers)
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json()["Type"] == "InternalServerError"
    stats = box.stats()
    assert stats["faults"]["error"] == 1
    assert stats["by_status"]["500"] == 1


def test_unavailable_rate_answers_503_in_plain_text(box, api) -> None:
    url, headers = api
    box.configure(unavailable_rate=1)
    answer = loopback.get(url, headers=headers)
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text == MAINTENANCE_TEXT
    assert box.stats()["faults"]["unavailable"] == 1


def test_drop_rate_cuts_the_answer_off_mid_body(box, api) -> None:
    url, headers = api
    whole = loopback.get(url, headers=headers, params={"page": 1}).json()["Invoices"]
    assert whole
    box.configure(drop_rate=1)
    with loopback.client() as client, pytest.raises(httpx.RemoteProtocolError):
        client.get(url, headers=headers, params={"page": 1})
    assert box.stats()["faults"]["drop"] == 1
    # The server lives on: with drops off the same call is answered in full.
    box.configure(drop_rate=0)
    answer = loopback.get(url, headers=headers, params={"page": 1})
    assert answer.status_code == 200
    assert answer.json()["Invoices"] == whole


def test_latency_delays_each_api_call(box, api) -> None:
    url, headers = api
    box.configure(latency_ms=300)
    started = time.monotonic()
    assert loopback.get(url, headers=headers).status_code == 200
    assert time.monotonic() - started >= 0.3  # a lower bound: the sleep is the fault itself
    assert box.stats()["faults"]["latency"] == 1
    # The control panel and OAuth are not slowed down, only the API.
    loopback.get(f"{box.url}/__sandbox/config").raise_for_status()
    assert box.stats()["faults"]["latency"] == 1


def test_a_share_of_faults_is_a_share_and_repeatable_with_a_seed(box, api) -> None:
    url, headers = api

    def run() -> list[int]:
        box.configure(error_rate=0.3, unavailable_rate=0.3, fault_seed=11)
        return [loopback.get(url, headers=headers).status_code for _ in range(30)]

    first = run()
    assert {200, 500, 503} <= set(first), first
    stats = box.stats()
    assert stats["faults"]["error"] == first.count(500)
    assert stats["faults"]["unavailable"] == first.count(503)
    assert stats["api_calls"] == 30
    assert run() == first  # reseeding replays the same dice


def test_faults_come_before_authentication_and_limits(box, api) -> None:
    """A 503 from the load balancer does not spend the rate-limit budget."""
    url, headers = api
    box.configure(unavailable_rate=1)
    assert loopback.get(url, headers={"Authorization": "Bearer nope"}).status_code == 503
    box.configure(unavailable_rate=0)
    answer = loopback.get(url, headers=headers)
    assert answer.headers["X-MinLimit-Remaining"] == "59"


def _addresses_a_wildcard_bind_would_answer_on() -> list[str]:
    """127.0.0.2 (answered by a server on 0.0.0.0, never by one on 127.0.0.1) and the
    machine's own outward address. That one is what a UDP socket "connected" to TEST-NET-1
    would send from: a UDP connect only picks a route, no packet leaves the machine."""
    addresses = ["127.0.0.2"]
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        own = probe.getsockname()[0]
        if own not in ("0.0.0.0", "") and not own.startswith("127."):
            addresses.append(own)
    except OSError:  # no route at all: this machine has no outward address to check
        pass
    finally:
        probe.close()
    return addresses


def _answers(address: str, port: int) -> bool:
    try:
        socket.create_connection((address, port), timeout=2).close()
    except OSError:
        return False
    return True


def test_the_server_listens_on_loopback_only(tmp_path) -> None:
    """The sandbox hands out tokens: it must never be reachable from the network."""
    from xerocli.sandbox.server import Sandbox, SandboxServer
    from xerocli.sandbox.store import Store

    probes = _addresses_a_wildcard_bind_would_answer_on()
    # The probes can see the fault they look for: a server on every address answers them.
    wildcard = socket.create_server(("0.0.0.0", 0))
    try:
        assert all(_answers(address, wildcard.getsockname()[1]) for address in probes), probes
    finally:
        wildcard.close()

    server = SandboxServer(Sandbox(Store(tmp_path / "s.sqlite")), 0)
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        assert server.url == f"http://127.0.0.1:{port}"
        assert _answers("127.0.0.1", port)
        assert [address for address in probes if _answers(address, port)] == []
    finally:
        server.server_close()
        server.sandbox.store.close()
