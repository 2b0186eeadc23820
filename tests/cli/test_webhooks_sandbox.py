"""The sandbox's webhook sender and the key's sources, seen from a running listener."""

from __future__ import annotations

import json
import time
from email.message import Message
from pathlib import Path

import httpx
import pytest

from tests.helpers.cli import isolated_env
from tests.helpers.webhooks import KEY, Listener, Recorder, Tripwire
from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.seed import SeedOptions
from xerocli.sandbox.server import Sandbox, SandboxServer


@pytest.fixture
def small_sandbox(tmp_path: Path):
    """An in-process sandbox: the write endpoints that call the hook belong to another module,
    so these tests call `notify` and `observe` the way a write does."""
    sandbox = Sandbox.open(tmp_path / "s.sqlite", SeedOptions(invoices=5, contacts=3))
    server = SandboxServer(sandbox)
    server.start_background()
    yield sandbox, server.url
    server.stop()


def test_changes_are_sent_signed_to_subscribers(home: Path, small_sandbox) -> None:
    sandbox, url = small_sandbox
    listener = Listener(isolated_env(home, XERO_WEBHOOK_KEY=KEY))
    try:
        answer = httpx.post(
            f"{url}/__sandbox/webhooks", json={"url": listener.url, "key": KEY}, timeout=10
        )
        assert answer.status_code == 200
        tenant = sandbox.store.tenants()[0]["tenant_id"]
        sandbox.webhooks.notify(tenant, "CONTACT", "CREATE", "c0ffee00-0000-4000-8000-000000000001")
        contact = listener.next_json()
        assert (contact["eventCategory"], contact["eventType"]) == ("CONTACT", "CREATE")
        assert contact["tenantId"] == tenant
        assert contact["tenantType"] == "ORGANISATION"

        # A write through the API pipeline: POST with the record's ID is an update.
        invoice_id = "1nv01ce0-0000-4000-8000-000000000002"
        req = Request("POST", "/api.xro/2.0/Invoices", {}, Message(), b"")
        req.params = {"collection": "Invoices"}
        req.context = {"tenant_id": tenant}
        req.body = json.dumps({"Invoices": [{"InvoiceID": invoice_id}]}).encode()
        body = json.dumps({"Invoices": [{"InvoiceID": invoice_id, "Total": 1.5}]})
        sandbox.webhooks.observe(req, Response.json(200, body))
        invoice = listener.next_json()
        assert (invoice["eventCategory"], invoice["eventType"]) == ("INVOICE", "UPDATE")
        assert invoice["resourceId"] == invoice_id

        # A refused write sends nothing; a created one (PUT) is a CREATE.
        sandbox.webhooks.observe(req, Response.json(400, body))
        req.method = "PUT"
        sandbox.webhooks.observe(req, Response.json(200, body))
        assert listener.next_json()["eventType"] == "CREATE"

        listed = httpx.get(f"{url}/__sandbox/webhooks", timeout=10).json()["subscriptions"]
        assert [(s["url"], s["failed"]) for s in listed] == [(listener.url, 0)]
        assert KEY not in json.dumps(listed)
    finally:
        assert listener.stop() == 0
    listener.assert_no_more_lines()


#: Names the tests resolve themselves (see `Tripwire`); 192.0.2.1 is TEST-NET-1.
NAMES: dict[str, list[str]] = {
    "127.evil.example": [],  # does not resolve, whatever this machine's DNS would say
    "127.0.0.1.evil.example": [],
    "loop.example": ["127.0.0.1"],
    "far.example": ["192.0.2.1"],
    "split.example": ["127.0.0.1", "192.0.2.1"],
    "rebind.example": ["127.0.0.1"],
}


@pytest.fixture
def tripwire(monkeypatch: pytest.MonkeyPatch) -> Tripwire:
    return Tripwire(monkeypatch, dict(NAMES))


def test_subscriptions_must_be_loopback_and_keyed(small_sandbox, tripwire: Tripwire) -> None:
    _, url = small_sandbox
    for request in (
        {"url": "http://192.0.2.1/webhooks", "key": KEY},
        {"url": "http://127.evil.example/x", "key": KEY},  # starts with "127.", resolves nowhere
        {"url": "http://127.0.0.1.evil.example/x", "key": KEY},
        {"url": "http://far.example/x", "key": KEY},  # a name for a non-loopback address
        {"url": "http://split.example/x", "key": KEY},  # one loopback address is not enough
        {"url": "http://[::ffff:192.0.2.1]/x", "key": KEY},
        {"url": "ftp://127.0.0.1/x", "key": KEY},
        {"url": "http://127.0.0.1:99999/x", "key": KEY},
        {"url": "http://127.0.0.1:9/webhooks"},
        {"key": KEY},
    ):
        answer = httpx.post(f"{url}/__sandbox/webhooks", json=request, timeout=10)
        assert answer.status_code == 400, request
    for allowed in (
        "http://localhost:9/x",
        "http://127.0.0.1:9/x",
        "http://127.1.2.3:9/x",
        "http://[::1]:9/x",
        "http://loop.example:9/x",
    ):
        answer = httpx.post(
            f"{url}/__sandbox/webhooks", json={"url": allowed, "key": KEY}, timeout=10
        )
        assert answer.status_code == 200, (allowed, answer.text)
    assert tripwire.outside() == []


def test_trigger_refuses_a_name_that_is_not_loopback_before_connecting(
    small_sandbox, tripwire: Tripwire
) -> None:
    _, url = small_sandbox
    for target in ("http://127.evil.example/x", "http://far.example/x"):
        answer = httpx.post(
            f"{url}/__sandbox/webhooks/trigger", json={"url": target, "key": KEY}, timeout=10
        )
        assert answer.status_code == 400, target
        assert "only sends to loopback" in answer.json()["error"]
    assert tripwire.outside() == []


def test_a_name_that_stops_being_loopback_is_not_sent_to(small_sandbox, tripwire) -> None:
    """Checked at every send, not only when subscribing: DNS can change in between."""
    _, url = small_sandbox
    target = "http://rebind.example:9/x"
    answer = httpx.post(f"{url}/__sandbox/webhooks", json={"url": target, "key": KEY}, timeout=10)
    assert answer.status_code == 200
    tripwire.names["rebind.example"] = ["192.0.2.1"]
    report = httpx.post(f"{url}/__sandbox/webhooks/trigger", json={"key": KEY}, timeout=10)
    [delivery] = report.json()["deliveries"]
    assert delivery["status"] is None
    assert "192.0.2.1" in delivery["problem"] and "not a loopback" in delivery["problem"]
    assert tripwire.outside() == []


def test_a_redirect_is_not_followed(small_sandbox, tripwire: Tripwire) -> None:
    """A loopback receiver answering 302 does not get the signed delivery sent on."""
    sandbox, url = small_sandbox
    second = Recorder()  # the redirect's target, on loopback: it records every request
    far = Recorder(status=302, headers={"Location": "http://192.0.2.1/x"})
    near = Recorder(status=302, headers={"Location": second.url})
    try:
        for receiver in (near, far):
            report = httpx.post(
                f"{url}/__sandbox/webhooks/trigger",
                json={"url": receiver.url, "key": KEY},
                timeout=30,
            )
            [delivery] = report.json()["deliveries"]
            assert delivery["status"] == 302
            assert "not followed" in delivery["problem"]
            assert receiver.received.qsize() == 1  # the delivery itself reached the receiver

        # A subscription's delivery is counted as failed, with the 302 it got.
        httpx.post(f"{url}/__sandbox/webhooks", json={"url": near.url, "key": KEY}, timeout=10)
        tenant = sandbox.store.tenants()[0]["tenant_id"]
        sandbox.webhooks.notify(tenant, "CONTACT", "CREATE", "c0ffee00-0000-4000-8000-00000000000a")
        near.received.get(timeout=30)
        listed = _subscriptions_once_answered(url)
        assert [(s["sent"], s["failed"], s["last_status"]) for s in listed] == [(0, 1, 302)]
        assert second.received.empty()
        assert tripwire.outside() == []
    finally:
        for receiver in (second, far, near):
            receiver.stop()


def _subscriptions_once_answered(url: str, timeout: float = 30.0) -> list[dict]:
    """The subscriptions, once the send loop has counted the delivery it is sending."""
    deadline = time.monotonic() + timeout
    while True:
        listed = httpx.get(f"{url}/__sandbox/webhooks", timeout=10).json()["subscriptions"]
        if any(s["sent"] or s["failed"] for s in listed) or time.monotonic() > deadline:
            return listed
        time.sleep(0.02)


def test_the_key_comes_from_the_keyring(home: Path, tmp_path: Path) -> None:
    store = tmp_path / "keyring.json"
    store.write_text(json.dumps({"xerocli/webhook-key": KEY}))
    env = isolated_env(
        home,
        PYTHON_KEYRING_BACKEND="tests.helpers.file_keyring.FileKeyring",
        XEROCLI_TEST_KEYRING=str(store),
    )
    listener = Listener(env)
    try:
        assert listener.post(b'{"events": []}').status_code == 200
        assert listener.post(b'{"events": []}', key="other").status_code == 401
    finally:
        assert listener.stop() == 0
