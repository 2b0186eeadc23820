"""The sandbox's webhook sender: signed deliveries when invoices, contacts and credit notes change.

Control panel (not part of Xero):
- `POST /__sandbox/webhooks {url, key}` subscribes a receiver (URLs whose host resolves to
  loopback addresses only; checked again at every send, see `loopback.py`);
  `GET` lists the subscriptions (never their keys) and delivery counts; `DELETE` clears them.
- `POST /__sandbox/webhooks/trigger {key, url?, category?, event_type?, resource_id?,
  tenant_id?}` sends one test delivery at once (to `url`, else to every subscription) and
  reports each receiver's answer.

As at Xero, a new URL gets the intent-to-receive check when it is subscribed: two deliveries
with no events, one signed with its key and one signed wrongly, which must be answered 200 and
401. Until a URL passes, its subscription is not active and no events are delivered to it
(subscribing it again checks again). A delivery that fails is retried with growing intervals
(`webhook_retry_seconds`, doubled each time, settable with `POST /__sandbox/config`) until
`webhook_retry_window_seconds` (24 hours, as Xero) would pass; then the subscription is disabled.
Retries are timed by the sandbox's clock (`clock.py`), so a test lets an hour pass with `POST
/__sandbox/clock {"advance": 3600}` (which wakes the send loop) rather than waiting on one.

Every write that passes the API pipeline reports the invoices, contacts and credit notes it
stored (`changes`, collected by the writer: a payment or allocation that changes an invoice is an
INVOICE UPDATE); `observe()` turns them into events, and CREDITNOTE events carry Xero's `data:
{Type, Status}`. Deliveries go out on one background thread, with events that pile up batched
as Xero does. The signing code is the sandbox's own (it shares only the wire format with the
client).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import hmac
import itertools
import json
import queue
import random
import string
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from xerocli.sandbox import clock, loopback, resources
from xerocli.sandbox.config import SandboxConfig
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.resources.declaration import Resource
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads

#: Put on the queue of events to wake the send loop without an event (`wake()`).
_WAKE = object()

MAX_BATCH = 100
SEND_TIMEOUT = 5.0  # Xero's own limit for an answer


def _with_events() -> list[Resource]:
    """The resources whose changes raise webhook events (`Resource.webhook_category`)."""
    return [r for r in resources.ALL if r.webhook_category is not None]


def _for_category(category: str) -> Resource | None:
    return next((r for r in _with_events() if r.webhook_category == category), None)


def signature(key: str, body: bytes) -> str:
    digest = hmac.new(key.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


@dataclass
class Subscription:
    url: str
    key: str
    sent: int = 0
    failed: int = 0
    last_status: int | None = None
    #: Whether the URL passed the intent-to-receive check (only then are events delivered).
    active: bool = False
    #: What the check's two deliveries got: {"good": status, "bad": status}.
    intent: dict[str, int | None] = field(default_factory=dict)
    #: Retries ran out (24 hours of failures, as Xero): nothing more is delivered.
    disabled: bool = False

    def public(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "active": self.active,
            "intent": self.intent,
            "disabled": self.disabled,
            "sent": self.sent,
            "failed": self.failed,
            "last_status": self.last_status,
        }


@dataclass(order=True)
class _Retry:
    """A failed delivery waiting for its next try."""

    due: float
    order: int
    subscription: Subscription = field(compare=False)
    body: bytes = field(compare=False)
    attempt: int = field(compare=False)  # the try this will be (2 for the first retry)
    first_failure: float = field(compare=False)


@dataclass
class _Sequence:
    value: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, count: int) -> tuple[int, int]:
        with self.lock:
            first = self.value + 1
            self.value += count
            return first, self.value


class WebhookSender:
    def __init__(
        self,
        store: Store,
        api_base: str = "https://api.xero.com/api.xro/2.0",
        config: SandboxConfig | None = None,
    ) -> None:
        self.store = store
        self.api_base = api_base
        self.config = config or SandboxConfig()
        self.subscriptions: list[Subscription] = []
        self.lock = threading.Lock()
        self.sequence = _Sequence()
        self.pending: queue.Queue = queue.Queue()
        self.worker: threading.Thread | None = None
        self.retries: list[_Retry] = []  # a heap, soonest first
        self._order = itertools.count()

    def register(self, router: Router) -> None:
        router.add("GET", "/__sandbox/webhooks", self.admin_list)
        router.add("POST", "/__sandbox/webhooks", self.admin_subscribe)
        router.add("DELETE", "/__sandbox/webhooks", self.admin_clear)
        router.add("POST", "/__sandbox/webhooks/trigger", self.admin_trigger)

    # --- events ----------------------------------------------------------------------------
    def event(
        self,
        tenant_id: str,
        category: str,
        event_type: str,
        resource_id: str,
        record: dict | None = None,
    ) -> dict[str, Any]:
        resource = _for_category(category) or resources.get("Invoices")
        collection = resource.collection
        tenant = self.store.tenant(tenant_id) or {}
        event: dict[str, Any] = {
            # The sandbox's own URL once a request has told it (so `curl` on it works).
            "resourceUrl": f"{self.api_base}/{collection}/{resource_id}",
            "resourceId": resource_id,
            "eventDateUtc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3],
            "eventType": event_type,
            "eventCategory": category,
            "tenantId": tenant_id,
            "tenantType": tenant.get("tenant_type") or "ORGANISATION",
        }
        if resource.webhook_data is not None:  # a credit note's event says what the note now is
            if record is None:
                body = self.store.get_body(tenant_id, collection, resource_id)
                record = loads(body) if body is not None else {}
            event["data"] = resource.webhook_data(record)
        return event

    def notify(
        self,
        tenant_id: str,
        category: str,
        event_type: str,
        resource_id: str,
        record: dict | None = None,
    ) -> None:
        """Queue an event for every subscription; returns at once (sent on a thread)."""
        with self.lock:
            if not self.subscriptions:
                return
            self.pending.put(self.event(tenant_id, category, event_type, resource_id, record))
            if self.worker is None:
                self.worker = threading.Thread(
                    target=self._send_loop, name="sandbox-webhooks", daemon=True
                )
                self.worker.start()

    def observe(self, req: Request, response: Response) -> None:
        """Notify for a successful write to Invoices or Contacts through the API pipeline.

        PUT creates; POST updates when the path or the sent record carries the ID, else creates.
        A problem here never turns a successful write into an error.
        """
        try:
            self._observe(req, response)
        except Exception:  # the write succeeded; a lost test event is the lesser harm
            pass

    def _observe(self, req: Request, response: Response) -> None:
        if req.method not in ("PUT", "POST") or response.status != 200 or not self.subscriptions:
            return
        changes = req.context.get("changes")
        if changes is not None:  # what the writer stored, in order (see writes.Context.save)
            for (kind, resource_id), (event_type, record) in changes.items():
                resource = resources.by_collection(kind)
                if resource is not None and resource.webhook_category is not None:
                    self.notify(
                        req.context["tenant_id"],
                        resource.webhook_category,
                        event_type,
                        resource_id,
                        record,
                    )
            return
        resource = resources.by_collection(req.params.get("collection", ""))
        tenant_id = req.context.get("tenant_id")
        if resource is None or resource.webhook_category is None or not tenant_id:
            return
        collection, id_field = resource.collection, resource.id_field
        try:
            records = (loads(response.body) or {}).get(collection) or []
        except ValueError:
            return
        sent_ids = _sent_ids(req.body, collection, id_field)
        for record in records:
            resource_id = record.get(id_field) if isinstance(record, dict) else None
            if not resource_id or record.get("HasValidationErrors"):
                continue
            update = req.method == "POST" and (
                bool(req.params.get("record_id")) or str(resource_id).lower() in sent_ids
            )
            self.notify(
                tenant_id, resource.webhook_category, "UPDATE" if update else "CREATE", resource_id
            )

    # --- delivery --------------------------------------------------------------------------
    def delivery(self, events: list[dict[str, Any]]) -> bytes:
        first, last = self.sequence.take(max(len(events), 1))
        entropy = "".join(random.choices(string.ascii_uppercase, k=20))
        payload = {
            "events": events,
            "firstEventSequence": first,
            "lastEventSequence": last,
            "entropy": entropy,
        }
        return json.dumps(payload, separators=(",", ":")).encode("utf-8")

    @staticmethod
    def send(url: str, key: str, body: bytes) -> tuple[int | None, str | None]:
        """POST one signed delivery to a loopback URL, redirects not followed; (status, None),
        (status, why) for a redirect, or (None, why there was no answer)."""
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "x-xero-signature": signature(key, body),
            "User-Agent": "xerocli-sandbox-webhooks",
        }
        return loopback.post(url, body, headers, SEND_TIMEOUT)

    def intent_to_receive(self, url: str, key: str) -> dict[str, int | None]:
        """Xero's check of a new URL: an empty delivery signed with the key must get 200, one
        signed with another key 401. Returns both statuses."""
        entropy = "".join(random.choices(string.ascii_uppercase, k=20))
        body = json.dumps(
            {"events": [], "firstEventSequence": 0, "lastEventSequence": 0, "entropy": entropy},
            separators=(",", ":"),
        ).encode("utf-8")
        good, _ = self.send(url, key, body)
        bad, _ = self.send(url, key + "-not-the-key", body)
        return {"good": good, "bad": bad}

    def wake(self) -> None:
        """Let the send loop look at its retries again (the sandbox's clock moved)."""
        self.pending.put(_WAKE)

    def _send_loop(self) -> None:
        while True:
            with self.lock:
                wait = max(self.retries[0].due - clock.monotonic(), 0.0) if self.retries else None
            try:
                events = [self.pending.get(timeout=wait)]
            except queue.Empty:
                events = []
            while events and len(events) < MAX_BATCH:
                try:
                    events.append(self.pending.get_nowait())
                except queue.Empty:
                    break
            events = [event for event in events if event is not _WAKE]
            if events:
                body = self.delivery(events)
                with self.lock:
                    targets = [s for s in self.subscriptions if s.active and not s.disabled]
                for subscription in targets:
                    self._attempt(subscription, body, 1, None)
            self._run_due_retries()

    def _attempt(
        self, subscription: Subscription, body: bytes, attempt: int, first_failure: float | None
    ) -> None:
        """One try of a delivery; a failure is queued again, later each time, for as long as
        the retry window allows, and then the subscription is disabled."""
        status, _problem = self.send(subscription.url, subscription.key, body)
        subscription.last_status = status
        if status is not None and 200 <= status < 300:
            subscription.sent += 1
            return
        subscription.failed += 1
        now = clock.monotonic()
        first_failure = now if first_failure is None else first_failure
        delay = self.config.webhook_retry_seconds * 2 ** (attempt - 1)
        with self.lock:
            if subscription not in self.subscriptions:
                return
            if now + delay - first_failure > self.config.webhook_retry_window_seconds:
                subscription.disabled = True
                return
            retry = _Retry(
                now + delay, next(self._order), subscription, body, attempt + 1, first_failure
            )
            heapq.heappush(self.retries, retry)

    def _run_due_retries(self) -> None:
        while True:
            with self.lock:
                if not self.retries or self.retries[0].due > clock.monotonic():
                    return
                retry = heapq.heappop(self.retries)
                current = retry.subscription in self.subscriptions
            if current and not retry.subscription.disabled:
                self._attempt(retry.subscription, retry.body, retry.attempt, retry.first_failure)

    # --- control panel ---------------------------------------------------------------------
    def _learn_base(self, req: Request) -> None:
        host = req.header("Host")
        if host and self.api_base.startswith("https://api.xero.com"):
            self.api_base = f"http://{host}/api.xro/2.0"

    def admin_list(self, req: Request) -> Response:
        with self.lock:
            return Response.json(200, {"subscriptions": [s.public() for s in self.subscriptions]})

    def admin_subscribe(self, req: Request) -> Response:
        self._learn_base(req)
        try:
            request = _json_object(req.body)
            url, key = _url_and_key(request)
        except ValueError as exc:
            return Response.json(400, {"error": str(exc)})
        subscription = Subscription(url, key)
        subscription.intent = self.intent_to_receive(url, key)
        subscription.active = subscription.intent == {"good": 200, "bad": 401}
        with self.lock:
            self.subscriptions = [s for s in self.subscriptions if s.url != url]
            self.subscriptions.append(subscription)
            count = len(self.subscriptions)
            if subscription.active and self.worker is None:
                self.worker = threading.Thread(
                    target=self._send_loop, name="sandbox-webhooks", daemon=True
                )
                self.worker.start()
        return Response.json(
            200,
            {
                "url": url,
                "subscriptions": count,
                "active": subscription.active,
                "intent": subscription.intent,
            },
        )

    def admin_clear(self, req: Request) -> Response:
        with self.lock:
            count = len(self.subscriptions)
            self.subscriptions = []
            self.retries = []
        return Response.json(200, {"removed": count})

    def admin_trigger(self, req: Request) -> Response:
        """Send one test delivery now and report each receiver's answer."""
        self._learn_base(req)
        try:
            request = _json_object(req.body)
            category = str(request.get("category") or "INVOICE").upper()
            event_type = str(request.get("event_type") or "UPDATE").upper()
            known = [r.webhook_category for r in _with_events()]
            if category not in known:
                raise ValueError(
                    f"category {category!r}: use {', '.join(known[:-1])} or {known[-1]}"
                )
            if event_type not in ("CREATE", "UPDATE"):
                raise ValueError(f"event_type {event_type!r}: use CREATE or UPDATE")
            if request.get("url"):
                url, key = _url_and_key(request)
                targets = [(url, key)]
            else:
                with self.lock:  # as deliveries go: the subscriptions that passed the check
                    targets = [
                        (s.url, s.key) for s in self.subscriptions if s.active and not s.disabled
                    ]
            tenant_id = str(request.get("tenant_id") or self._first_tenant())
            resource_id = str(request.get("resource_id") or self._some_record(tenant_id, category))
        except ValueError as exc:
            return Response.json(400, {"error": str(exc)})
        event = self.event(tenant_id, category, event_type, resource_id)
        body = self.delivery([event])
        report = []
        for url, key in targets:
            status, problem = self.send(url, key, body)
            report.append({"url": url, "status": status, "problem": problem})
        return Response.json(200, {"deliveries": report, "events": [event]})

    def _first_tenant(self) -> str:
        tenants = self.store.tenants()
        if not tenants:
            raise ValueError("the sandbox has no organisation")
        return tenants[0]["tenant_id"]

    def _some_record(self, tenant_id: str, category: str) -> str:
        resource = _for_category(category)
        assert resource is not None  # the category was checked
        bodies = self.store.select_bodies(tenant_id, resource.collection, limit=1)
        if not bodies:
            raise ValueError(f"tenant {tenant_id} has no {resource.collection}: pass resource_id")
        return str(loads(bodies[0])[resource.id_field])


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        raise ValueError("the request body is not JSON") from None
    if not isinstance(value, dict):
        raise ValueError("the request body is not a JSON object")
    return value


def _url_and_key(request: dict[str, Any]) -> tuple[str, str]:
    url, key = request.get("url"), request.get("key")
    if not isinstance(url, str) or not url:
        raise ValueError("url is required")
    if not isinstance(key, str) or not key:
        raise ValueError("key is required (the webhook key deliveries are signed with)")
    try:
        loopback.checked_target(url)
    except loopback.NotLoopback as exc:
        # The sandbox is a local emulator: it only ever posts to this machine.
        raise ValueError(
            f"url {url!r}: {exc}; the sandbox only sends to loopback addresses"
            " (127.0.0.0/8, ::1, localhost)"
        ) from None
    return url, key


def _sent_ids(body: bytes, collection: str, id_field: str) -> set[str]:
    """IDs of the records a write sent (a POST with IDs updates them)."""
    try:
        sent = loads(body) if body else {}
    except ValueError:
        return set()
    records = sent.get(collection, [sent]) if isinstance(sent, dict) else []
    return {str(r[id_field]).lower() for r in records if isinstance(r, dict) and r.get(id_field)}
