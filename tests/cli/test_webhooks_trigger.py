"""`xero webhooks trigger|subscribe`: the sandbox sends signed deliveries to a listener."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import loopback
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.webhooks import KEY, Listener, Recorder


def test_trigger_delivers_a_signed_event_to_a_running_listener(home: Path, sandbox) -> None:
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY)
    listener = Listener(env)
    try:
        sent = run_xero(
            "--sandbox-url", sandbox.url, "webhooks", "trigger", "--to", listener.url, env=env
        ).ok()
        assert "answered 200" in sent.stderr
        received = listener.next_json()
        tenant_ids = [t["tenant_id"] for t in sandbox.tenants()]
        assert received["eventCategory"] == "INVOICE"
        assert received["eventType"] == "UPDATE"
        assert received["tenantId"] == tenant_ids[0]
        resource_url = f"{sandbox.url}/api.xro/2.0/Invoices/{received['resourceId']}"
        assert received["resourceUrl"] == resource_url
        assert loopback.get(resource_url, timeout=10).status_code == 401  # a real API path

        # Through XERO_SANDBOX_URL, a contact created in the second organisation.
        env_url = {**env, "XERO_SANDBOX_URL": sandbox.url}
        run_xero(
            "webhooks",
            "trigger",
            "--to",
            listener.url,
            "--category",
            "contact",
            "--event-type",
            "CREATE",
            "--tenant-id",
            tenant_ids[1],
            env=env_url,
        ).ok()
        contact = listener.next_json()
        assert (contact["eventCategory"], contact["eventType"]) == ("CONTACT", "CREATE")
        assert contact["tenantId"] == tenant_ids[1]

        # Signed with another key: the listener refuses it and trigger says so.
        other = {**env, "XERO_WEBHOOK_KEY": "some-other-key"}
        refused = run_xero(
            "--sandbox-url", sandbox.url, "webhooks", "trigger", "--to", listener.url, env=other
        )
        assert refused.code == 4  # the receiver refused the signature
        assert "answered 401" in refused.stderr
        assert "same webhook key" in refused.stderr
        assert "some-other-key" not in refused.stderr
    finally:
        assert listener.stop() == 0
    listener.assert_no_more_lines()


def test_subscribe_then_trigger_sends_to_the_subscription(home: Path, sandbox) -> None:
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox.url)
    listener = Listener(env)
    try:
        run_xero("webhooks", "subscribe", "--to", listener.url, env=env).ok()
        listed = loopback.get(f"{sandbox.url}/__sandbox/webhooks", timeout=10).json()
        assert listener.url in [s["url"] for s in listed["subscriptions"]]
        assert KEY not in str(listed)
        run_xero("webhooks", "trigger", env=env).ok()
        assert listener.next_json()["eventCategory"] == "INVOICE"
    finally:
        loopback.delete(f"{sandbox.url}/__sandbox/webhooks", timeout=10)
        listener.stop()


def test_trigger_refuses_what_it_cannot_do(home: Path, sandbox) -> None:
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY)
    no_sandbox = run_xero("webhooks", "trigger", "--to", "http://127.0.0.1:9/webhooks", env=env)
    assert no_sandbox.code == 2
    assert "XERO_SANDBOX_URL" in no_sandbox.stderr
    env = {**env, "XERO_SANDBOX_URL": sandbox.url}
    far_away = run_xero("webhooks", "trigger", "--to", "http://192.0.2.1/webhooks", env=env)
    assert far_away.code == 2
    assert "only sends to" in far_away.stderr
    nobody = run_xero("webhooks", "trigger", "--to", "http://127.0.0.1:9/webhooks", env=env)
    assert nobody.code == 8  # nobody listens there: unavailable
    assert "failed" in nobody.stderr
    elsewhere = Recorder()
    redirecting = Recorder(status=302, headers={"Location": elsewhere.url})
    try:
        moved = run_xero("webhooks", "trigger", "--to", redirecting.url, env=env)
        assert moved.code == 8  # delivered, but not accepted: the delivery failed
        assert f"answered 302 (redirect to {elsewhere.url} not followed)" in moved.stderr
        assert redirecting.received.qsize() == 1
        assert elsewhere.received.empty()
    finally:
        redirecting.stop()
        elsewhere.stop()


def test_sandbox_sends_events_when_invoices_and_contacts_change(home: Path, sandbox) -> None:
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox.url)
    listener = Listener(env)
    try:
        run_xero("webhooks", "subscribe", "--to", listener.url, env=env).ok()
        contact = (
            run_xero("--sandbox", "contacts", "create", "--name", "Webhook Watcher Ltd", env=env)
            .ok()
            .json()[0]
        )
        invoice = (
            run_xero(
                "--sandbox",
                "invoices",
                "create",
                "--contact",
                contact["ContactID"],
                "--line",
                "Watched,1,10,200",
                env=env,
            )
            .ok()
            .json()[0]
        )
        voided = run_xero("--sandbox", "invoices", "void", invoice["InvoiceNumber"], env=env)
        assert voided.code in (0, 6)  # a draft cannot be voided in Xero; the event still matters
        events = listener.take(2, timeout=30)
        seen = {(e["eventCategory"], e["eventType"], e["resourceId"]) for e in events}
        assert ("CONTACT", "CREATE", contact["ContactID"]) in seen
        assert ("INVOICE", "CREATE", invoice["InvoiceID"]) in seen
    finally:
        loopback.delete(f"{sandbox.url}/__sandbox/webhooks", timeout=10)
        listener.stop()


def test_trigger_sends_nothing_to_a_subscription_that_failed_its_check(home: Path, sandbox):
    """A receiver that answers 200 to every delivery fails Xero's intent-to-receive check (a
    bad signature must get 401): no event goes to it, `trigger` included (it sent them)."""
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox.url)
    careless = Recorder()
    try:
        subscribed = run_xero("webhooks", "subscribe", "--to", careless.url, env=env)
        assert subscribed.code == 8 and "intent-to-receive" in subscribed.stderr
        checks = careless.received.qsize()
        run_xero("webhooks", "trigger", env=env)
        assert careless.received.qsize() == checks  # the check's deliveries, no event
    finally:
        loopback.delete(f"{sandbox.url}/__sandbox/webhooks", timeout=10)
        careless.stop()
