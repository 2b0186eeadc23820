"""The sandbox's webhook sender and the key's sources, seen from a running listener."""

from __future__ import annotations

import json
from email.message import Message
from pathlib import Path

import httpx
import pytest

from tests.helpers.cli import isolated_env
from tests.helpers.webhooks import KEY, Listener
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


def test_subscriptions_must_be_loopback_and_keyed(small_sandbox) -> None:
    _, url = small_sandbox
    for request in (
        {"url": "http://192.0.2.1/webhooks", "key": KEY},
        {"url": "http://127.0.0.1:9/webhooks"},
        {"key": KEY},
    ):
        answer = httpx.post(f"{url}/__sandbox/webhooks", json=request, timeout=10)
        assert answer.status_code == 400, request


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
