"""Xero webhooks, client side: signature check, delivery parsing, the key, forwarding.

A delivery is `POST` JSON `{events: [...], firstEventSequence, lastEventSequence, entropy}`
signed in `x-xero-signature` = base64(HMAC-SHA256(webhook key, raw body)). The check runs on
the raw bytes (re-serialising the JSON would change them) and compares in constant time.

Xero sends a delivery again (same events, same sequence numbers) when it got no 200 in time;
`ReplayMemory` recognises such a repeat so that the listener prints each delivery once.

This module prints nothing; the receiver's HTTP server is in `webhook_server.py`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from xerocli import config, errors

SIGNATURE_HEADER = "x-xero-signature"
KEYRING_SERVICE = config.APP_NAME  # "xerocli"
KEYRING_USERNAME = "webhook-key"
#: How long a keyring lookup may take before we say the keyring is locked or hung.
KEYRING_TIMEOUT = 5.0

#: Printed deliveries remembered to recognise Xero sending one again (`ReplayMemory`).
REPLAY_MEMORY = 10_000

#: eventCategory -> the Accounting collection its resourceId points into.
CATEGORY_COLLECTIONS = {
    "INVOICE": "Invoices",
    "CONTACT": "Contacts",
    "CREDITNOTE": "CreditNotes",
}


class DeliveryError(ValueError):
    """A body that is signed correctly but is not a Xero delivery."""


def sign(key: str | bytes, body: bytes) -> str:
    """The `x-xero-signature` value Xero sends for `body`."""
    raw_key = key.encode("utf-8") if isinstance(key, str) else key
    digest = hmac.new(raw_key, body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify(key: str | bytes, body: bytes, signature: str | None) -> bool:
    """True when `signature` is the signature of the raw `body`, compared in constant time."""
    if not signature:
        return False
    expected = sign(key, body).encode("ascii")
    try:
        given = signature.strip().encode("ascii")
    except UnicodeEncodeError:
        return False
    return hmac.compare_digest(expected, given)


@dataclass(frozen=True)
class Delivery:
    """One verified delivery: its raw body (for forwarding) and its parsed events."""

    body: bytes
    events: list[dict[str, Any]]
    first_sequence: int | None
    last_sequence: int | None

    @property
    def label(self) -> str:
        if self.first_sequence is None:
            return "delivery"
        if self.first_sequence == self.last_sequence:
            return f"delivery #{self.first_sequence}"
        return f"delivery #{self.first_sequence}-{self.last_sequence}"

    def identity(self) -> tuple[int | None, int | None, bytes]:
        """What a retry of this delivery has in common with it: the sequence numbers and the
        events (as canonical JSON, so key order and spacing do not matter), but not `entropy`
        nor the raw bytes, which Xero need not send the same again."""
        events = json.dumps(self.events, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(events.encode("utf-8")).digest()
        return self.first_sequence, self.last_sequence, digest


class ReplayMemory:
    """The identities of the last `size` printed deliveries, so that a delivery Xero sends
    again is recognised and printed once.

    Deliveries, not events, are remembered, because a retry is a whole delivery sent again:
    Xero resends what got no 200 in time, with the same events and the same
    `firstEventSequence`/`lastEventSequence`. Events carry no id of their own, so an event
    memory would have to take an event's fields for its identity, and two real events alike in
    every field (the same record updated twice within one timestamp) would print as one. The
    events are part of a delivery's identity, not only its sequence numbers, so two different
    deliveries that share the numbers (a sandbox restarted, and counting from 1 again) are
    both printed. Deliveries without events (Xero's intent-to-receive check, sent alike again
    and again) print nothing and are never taken for repeats.

    Bounded, at about 250 bytes a delivery (2.5 MB for 10,000): past `size` the oldest is
    forgotten, and a retry of a delivery printed more than `size` deliveries ago prints again
    (printed twice, never lost). The receiver's handler threads ask it and its worker thread
    adds to it, so it takes a lock.
    """

    def __init__(self, size: int = REPLAY_MEMORY) -> None:
        self.size = size
        self._printed: OrderedDict[tuple[int | None, int | None, bytes], None] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._printed)

    def seen(self, delivery: Delivery) -> bool:
        """True when `delivery` repeats one remembered as printed."""
        if not delivery.events:
            return False
        identity = delivery.identity()
        with self._lock:
            return identity in self._printed

    def remember(self, delivery: Delivery) -> None:
        """Note `delivery` as printed, forgetting the oldest past `size`."""
        if not delivery.events:
            return
        identity = delivery.identity()
        with self._lock:
            self._printed[identity] = None
            self._printed.move_to_end(identity)
            while len(self._printed) > self.size:
                self._printed.popitem(last=False)


def parse_delivery(body: bytes) -> Delivery:
    """Parse a delivery body; raise `DeliveryError` naming what is wrong."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise DeliveryError("body is not UTF-8") from None
    except ValueError as exc:
        raise DeliveryError(f"body is not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(payload, dict):
        raise DeliveryError("body is not a JSON object")
    events = payload.get("events")
    if not isinstance(events, list):
        raise DeliveryError("body has no `events` list")
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            raise DeliveryError(f"events[{index}] is not an object")
    first = payload.get("firstEventSequence")
    last = payload.get("lastEventSequence")
    return Delivery(
        body=body,
        events=events,
        first_sequence=first if isinstance(first, int) else None,
        last_sequence=last if isinstance(last, int) else None,
    )


def event_resource(event: dict[str, Any]) -> tuple[str, str] | None:
    """(collection, resource id) an event points at, or None (e.g. SUBSCRIPTION events)."""
    collection = CATEGORY_COLLECTIONS.get(str(event.get("eventCategory", "")).upper())
    resource_id = event.get("resourceId")
    if collection is None or not isinstance(resource_id, str) or not resource_id:
        return None
    return collection, resource_id


# --- the webhook key ----------------------------------------------------------------------
NO_KEY_HINT = (
    f"set {config.ENV_WEBHOOK_KEY}, or store it with"
    f" `python -m keyring set {KEYRING_SERVICE} {KEYRING_USERNAME}`"
)


def key_from_env() -> str | None:
    value = os.environ.get(config.ENV_WEBHOOK_KEY)
    return value or None


def key_from_keyring(timeout: float = KEYRING_TIMEOUT) -> str | None:
    """The key stored in the keyring, None if none is stored.

    Raises `UsageError` at once when no keyring backend exists (headless servers), and after
    `timeout` seconds when the keyring hangs (a locked keyring waiting for an unseen prompt).
    """
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "backends", None) == []:
        raise errors.UsageError(f"no webhook key and no keyring on this machine: {NO_KEY_HINT}")
    found: dict[str, Any] = {}

    def lookup() -> None:
        try:
            found["value"] = backend.get_password(KEYRING_SERVICE, KEYRING_USERNAME)
        except Exception as exc:  # every backend raises its own kinds
            found["error"] = exc

    worker = threading.Thread(target=lookup, name="keyring-lookup", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise errors.UsageError(
            f"the keyring did not answer in {timeout:.0f} s (locked?): {NO_KEY_HINT}"
        )
    if "error" in found:
        name = type(found["error"]).__name__
        raise errors.UsageError(f"the keyring failed ({name}): {NO_KEY_HINT}")
    return found.get("value") or None


# --- sending --------------------------------------------------------------------------------
@dataclass(frozen=True)
class SendResult:
    status: int | None  # None: no answer at all
    problem: str | None = None  # why there was no answer

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class Forwarder:
    """Relays verified deliveries to a local app, re-signed with the same key."""

    def __init__(self, url: str, key: str, timeout: float = 10.0) -> None:
        import httpx

        self.url = url
        self.key = key
        self.http = httpx.Client(timeout=httpx.Timeout(timeout, connect=5.0))

    def forward(self, delivery: Delivery) -> SendResult:
        return _post_signed(self.http, self.url, delivery.body, self.key)

    def close(self) -> None:
        self.http.close()


def _post_signed(http: Any, url: str, body: bytes, key: str) -> SendResult:
    import httpx

    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(key, body)}
    try:
        answer = http.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return SendResult(None, type(exc).__name__)
    return SendResult(answer.status_code)


def trigger_sandbox(
    sandbox_url: str,
    *,
    key: str,
    to: str | None,
    category: str,
    event_type: str,
    resource_id: str | None,
    tenant_id: str | None,
) -> dict[str, Any]:
    """Ask a sandbox (`POST /__sandbox/webhooks/trigger`) to send a signed test delivery.

    Returns the sandbox's report: `{"deliveries": [{"url", "status", "problem"}], "events": [...]}`.
    """
    import httpx

    request = {"key": key, "category": category, "event_type": event_type}
    if to:
        request["url"] = to
    if resource_id:
        request["resource_id"] = resource_id
    if tenant_id:
        request["tenant_id"] = tenant_id
    return _sandbox_call(httpx, f"{sandbox_url.rstrip('/')}/__sandbox/webhooks/trigger", request)


def subscribe_sandbox(sandbox_url: str, *, key: str, to: str) -> dict[str, Any]:
    """Ask a sandbox to send a signed delivery to `to` whenever its invoices, contacts or credit
    notes change."""
    import httpx

    return _sandbox_call(
        httpx, f"{sandbox_url.rstrip('/')}/__sandbox/webhooks", {"url": to, "key": key}
    )


def _sandbox_call(httpx: Any, url: str, request: dict[str, Any]) -> dict[str, Any]:
    """POST to a sandbox's panel over the process's one client (`shared_http`: TLS only for
    https): `httpx.post` built a TLS context, certifi's CAs, 20-40 ms of CPU, for a plain
    `http://` sandbox."""
    from xerocli.api.client import shared_http

    try:
        answer = shared_http().post(url, json=request, timeout=30.0)
    except httpx.HTTPError as exc:
        raise errors.UnavailableError(
            f"could not reach the sandbox at {url} ({type(exc).__name__}): is `xero sandbox serve`"
            " running there?"
        ) from None
    try:
        payload = answer.json()
    except ValueError:
        payload = {}
    if answer.status_code == 404:
        raise errors.NotFoundError(f"{url} is not a sandbox with webhooks (404)")
    if answer.status_code >= 400:
        raise errors.UsageError(
            f"the sandbox refused: {payload.get('error') or answer.status_code}"
        )
    return payload
