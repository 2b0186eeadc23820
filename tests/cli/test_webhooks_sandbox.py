"""The sandbox's webhook sender and the key's sources, seen from a running listener."""

from __future__ import annotations

import hmac
import ipaddress
import json
import queue
import threading
import time
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.cli import isolated_env
from tests.helpers.webhooks import KEY, Listener, Recorder, Tripwire
from tests.helpers.webhooks import sign as sign_with
from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.seed import SeedOptions
from xerocli.sandbox.server import Sandbox, SandboxServer


class Receiver:
    """A receiver that answers Xero's intent-to-receive check as it should (200 for the key's
    signature, 401 for another) and real deliveries with `statuses` in turn (then 200)."""

    def __init__(self, statuses: list[int] | None = None, headers: dict | None = None) -> None:
        self.statuses = list(statuses or [])
        self.checks: queue.Queue[tuple[bytes, int]] = queue.Queue()
        self.deliveries: queue.Queue[tuple[bytes, int]] = queue.Queue()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                signed = hmac.compare_digest(
                    self.headers.get("x-xero-signature", ""), sign_with(body)
                )
                if not json.loads(body)["events"]:
                    status = 200 if signed else 401
                    receiver.checks.put((body, status))
                else:
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    status = status if signed else 401
                    receiver.deliveries.put((body, status))  # before the sender sees the answer
                self.send_response(status)
                for name, value in (headers or {}).items():
                    if status in (301, 302):
                        self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


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
        answer = loopback.post(
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

        listed = loopback.get(f"{url}/__sandbox/webhooks", timeout=10).json()["subscriptions"]
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
        answer = loopback.post(f"{url}/__sandbox/webhooks", json=request, timeout=10)
        assert answer.status_code == 400, request
    for allowed in (
        "http://localhost:9/x",
        "http://127.0.0.1:9/x",
        "http://127.1.2.3:9/x",
        "http://[::1]:9/x",
        "http://loop.example:9/x",
    ):
        answer = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": allowed, "key": KEY}, timeout=10
        )
        assert answer.status_code == 200, (allowed, answer.text)
    # Subscribing runs the intent-to-receive check: 127.1.2.3 is loopback too (the tripwire
    # refuses all but 127.0.0.1 and ::1, so nothing was sent there either).
    assert [h for h in tripwire.outside() if not ipaddress.ip_address(h).is_loopback] == []


def test_trigger_refuses_a_name_that_is_not_loopback_before_connecting(
    small_sandbox, tripwire: Tripwire
) -> None:
    _, url = small_sandbox
    for target in ("http://127.evil.example/x", "http://far.example/x"):
        answer = loopback.post(
            f"{url}/__sandbox/webhooks/trigger", json={"url": target, "key": KEY}, timeout=10
        )
        assert answer.status_code == 400, target
        assert "only sends to loopback" in answer.json()["error"]
    assert tripwire.outside() == []


def test_a_name_that_stops_being_loopback_is_not_sent_to(small_sandbox, tripwire) -> None:
    """Checked at every send, not only when subscribing: DNS can change in between."""
    _, url = small_sandbox
    receiver = Receiver()  # passes the intent-to-receive check: only active ones get events
    try:
        port = receiver.url.rsplit(":", 1)[1]
        target = f"http://rebind.example:{port}"
        tripwire.names["rebind.example"] = ["127.0.0.1"]
        answer = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": target, "key": KEY}, timeout=10
        )
        assert answer.status_code == 200 and answer.json()["active"], answer.text
        tripwire.names["rebind.example"] = ["192.0.2.1"]
        report = loopback.post(f"{url}/__sandbox/webhooks/trigger", json={"key": KEY}, timeout=10)
    finally:
        receiver.stop()
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
            report = loopback.post(
                f"{url}/__sandbox/webhooks/trigger",
                json={"url": receiver.url, "key": KEY},
                timeout=30,
            )
            [delivery] = report.json()["deliveries"]
            assert delivery["status"] == 302
            assert "not followed" in delivery["problem"]
            assert receiver.received.qsize() == 1  # the delivery itself reached the receiver

        # A redirect fails the intent-to-receive check: the subscription is not activated.
        answer = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": near.url, "key": KEY}, timeout=10
        ).json()
        assert (answer["active"], answer["intent"]) == (False, {"good": 302, "bad": 302})

        # An active subscription's delivery is counted as failed, with the 302 it got.
        moving = Receiver(statuses=[302], headers={"Location": second.url})
        sandbox.config.update({"webhook_retry_seconds": 3600})  # no retry within the test
        answer = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": moving.url, "key": KEY}, timeout=10
        ).json()
        assert answer["active"] is True
        tenant = sandbox.store.tenants()[0]["tenant_id"]
        sandbox.webhooks.notify(tenant, "CONTACT", "CREATE", "c0ffee00-0000-4000-8000-00000000000a")
        moving.deliveries.get(timeout=30)
        listed = {s["url"]: s for s in _subscriptions_once_answered(url)}
        assert (listed[moving.url]["failed"], listed[moving.url]["last_status"]) == (1, 302)
        assert (listed[near.url]["sent"], listed[near.url]["failed"]) == (0, 0)
        assert near.received.qsize() == 1 + 2  # the trigger, then the check's two, no event
        assert second.received.empty()
        assert tripwire.outside() == []
    finally:
        for receiver in (second, far, near):
            receiver.stop()


def _subscriptions_once_answered(url: str, timeout: float = 30.0) -> list[dict]:
    """The subscriptions, once the send loop has counted the delivery it is sending."""
    deadline = time.monotonic() + timeout
    while True:
        listed = loopback.get(f"{url}/__sandbox/webhooks", timeout=10).json()["subscriptions"]
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


def _api(url: str, sandbox: Sandbox) -> httpx.Client:
    """Plain HTTP to the in-process sandbox's first company, logged in as a test app."""
    from tests.helpers.oauth import api_headers, login

    tenant = sandbox.store.tenants()[0]["tenant_id"]
    return loopback.client(
        base_url=f"{url}/api.xro/2.0",
        headers={**api_headers(login(url), tenant), "Accept": "application/json"},
        timeout=30,
    )


def _events(receiver: Receiver, count: int) -> list[dict]:
    events: list[dict] = []
    while len(events) < count:
        body, _status = receiver.deliveries.get(timeout=30)
        events.extend(json.loads(body)["events"])
    return events


def test_credit_notes_and_payments_raise_the_events_xero_sends(small_sandbox) -> None:
    sandbox, url = small_sandbox
    receiver = Receiver()
    try:
        answer = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": receiver.url, "key": KEY}, timeout=10
        ).json()
        assert answer["active"] is True
        with _api(url, sandbox) as api:
            contact = api.get("Contacts", params={"page": 1}).json()["Contacts"][0]["ContactID"]
            line = {"Description": "x", "Quantity": 1, "UnitAmount": 30, "AccountCode": "200"}
            note = {
                "Type": "ACCRECCREDIT",
                "Contact": {"ContactID": contact},
                "Status": "AUTHORISED",
                "LineAmountTypes": "NoTax",
                "LineItems": [line],
            }
            made = api.put("CreditNotes", json={"CreditNotes": [note]})
            assert made.status_code == 200, made.text
            note_id = made.json()["CreditNotes"][0]["CreditNoteID"]
            [created] = _events(receiver, 1)
            assert (created["eventCategory"], created["eventType"]) == ("CREDITNOTE", "CREATE")
            assert created["resourceId"] == note_id
            assert created["data"] == {"Type": "ACCRECCREDIT", "Status": "AUTHORISED"}

            invoice = {
                "Type": "ACCREC",
                "Contact": {"ContactID": contact},
                "Status": "AUTHORISED",
                "DueDate": "2026-12-31",
                "LineAmountTypes": "NoTax",
                "LineItems": [line],
            }
            made = api.put("Invoices", json={"Invoices": [invoice]})
            invoice_id = made.json()["Invoices"][0]["InvoiceID"]
            assert [e["eventType"] for e in _events(receiver, 1)] == ["CREATE"]
            payment = {"Invoice": {"InvoiceID": invoice_id}, "Account": {"Code": "090"}}
            paid = api.put("Payments", json={"Payments": [{**payment, "Amount": 30}]})
            assert paid.status_code == 200, paid.text
            [update] = _events(receiver, 1)  # the payment made the invoice PAID
            assert (update["eventCategory"], update["eventType"]) == ("INVOICE", "UPDATE")
            assert update["resourceId"] == invoice_id
            assert "data" not in update

            # An allocation changes both sides: the invoice, then the credit note, now PAID.
            made = api.put("Invoices", json={"Invoices": [invoice]})
            second_id = made.json()["Invoices"][0]["InvoiceID"]
            _events(receiver, 1)
            allocation = {"Invoice": {"InvoiceID": second_id}, "Amount": 30}
            put = api.put(f"CreditNotes/{note_id}/Allocations", json={"Allocations": [allocation]})
            assert put.status_code == 200, put.text
            events = _events(receiver, 2)
            seen = [(e["eventCategory"], e["eventType"], e["resourceId"]) for e in events]
            assert seen == [("INVOICE", "UPDATE", second_id), ("CREDITNOTE", "UPDATE", note_id)]
            assert events[1]["data"] == {"Type": "ACCRECCREDIT", "Status": "PAID"}
    finally:
        receiver.stop()


def test_a_url_that_fails_the_intent_to_receive_check_gets_no_events(
    home: Path, small_sandbox
) -> None:
    sandbox, url = small_sandbox
    careless = Recorder()  # answers 200 whatever the signature
    listener = Listener(isolated_env(home, XERO_WEBHOOK_KEY=KEY))
    try:
        refused = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": careless.url, "key": KEY}, timeout=10
        ).json()
        assert (refused["active"], refused["intent"]) == (False, {"good": 200, "bad": 200})
        good, bad = (careless.received.get(timeout=10) for _ in range(2))
        assert json.loads(good[0])["events"] == [] and json.loads(bad[0])["events"] == []
        assert good[1]["x-xero-signature"] == sign_with(good[0])
        assert bad[1]["x-xero-signature"] != sign_with(bad[0])
        accepted = loopback.post(
            f"{url}/__sandbox/webhooks", json={"url": listener.url, "key": KEY}, timeout=10
        ).json()
        assert (accepted["active"], accepted["intent"]) == (True, {"good": 200, "bad": 401})

        tenant = sandbox.store.tenants()[0]["tenant_id"]
        sandbox.webhooks.notify(tenant, "CONTACT", "UPDATE", "c0ffee00-0000-4000-8000-00000000000b")
        assert listener.next_json()["eventType"] == "UPDATE"
        # The listener is sent to after the careless receiver (subscription order), in one pass.
        assert careless.received.empty()
        listed = {
            s["url"]: s for s in loopback.get(f"{url}/__sandbox/webhooks").json()["subscriptions"]
        }
        assert (listed[careless.url]["active"], listed[careless.url]["sent"]) == (False, 0)
    finally:
        careless.stop()
        assert listener.stop() == 0


def test_a_failed_delivery_is_retried_with_backoff_then_the_webhook_disabled(
    small_sandbox,
) -> None:
    """Retries 60, 120, 240 s apart within a 600 s window, on the sandbox's clock: each step
    is an `advance`, and each try is awaited by its count, so no step races a real clock."""
    sandbox, url = small_sandbox
    flaky = Receiver(statuses=[500, 503])
    dead = Receiver(statuses=[500] * 100)
    try:
        loopback.post(
            f"{url}/__sandbox/config",
            json={"webhook_retry_seconds": 60, "webhook_retry_window_seconds": 600},
            timeout=10,
        ).raise_for_status()
        for receiver in (flaky, dead):
            answer = loopback.post(
                f"{url}/__sandbox/webhooks", json={"url": receiver.url, "key": KEY}, timeout=10
            )
            assert answer.json()["active"] is True
        tenant = sandbox.store.tenants()[0]["tenant_id"]
        sandbox.webhooks.notify(tenant, "CONTACT", "UPDATE", "c0ffee00-0000-4000-8000-00000000000c")

        def tried(flaky_tries: int, dead_tries: int, disabled: bool = False) -> dict[str, dict]:
            """The subscriptions once each receiver has had that many tries (and the dead
            one is disabled, when asked: that comes just after its last try is counted)."""
            deadline = time.monotonic() + 30  # only a guard against a hang
            while True:
                listed = {
                    s["url"]: s
                    for s in loopback.get(f"{url}/__sandbox/webhooks").json()["subscriptions"]
                }
                counts = [listed[r.url]["sent"] + listed[r.url]["failed"] for r in (flaky, dead)]
                if counts == [flaky_tries, dead_tries] and listed[dead.url]["disabled"] == disabled:
                    return listed
                assert time.monotonic() < deadline, (counts, listed)
                time.sleep(0.01)

        def advance(seconds: float) -> None:
            answer = loopback.post(f"{url}/__sandbox/clock", json={"advance": seconds}, timeout=10)
            answer.raise_for_status()

        tried(1, 1)  # the first delivery: 500 for both
        advance(60)
        tried(2, 2)  # 60 s after the failure: 503 and 500
        advance(120)
        tried(3, 3)  # 120 s later: the flaky one takes it
        advance(240)
        listed = tried(3, 4, disabled=True)  # the try after (480 s on) would pass the window
        tries = [flaky.deliveries.get(timeout=5) for _ in range(3)]
        assert [status for _, status in tries] == [500, 503, 200]
        assert len({body for body, _ in tries}) == 1  # the same signed delivery each time
        assert (listed[flaky.url]["sent"], listed[flaky.url]["failed"]) == (1, 2)
        assert listed[dead.url]["disabled"] is True and listed[dead.url]["sent"] == 0
        assert listed[dead.url]["failed"] == dead.deliveries.qsize() == 4
    finally:
        flaky.stop()
        dead.stop()
