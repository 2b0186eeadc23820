"""The sandbox's webhook sender: signed deliveries when invoices and contacts change.

Control panel (not part of Xero):
- `POST /__sandbox/webhooks {url, key}` subscribes a receiver (URLs whose host resolves to
  loopback addresses only; checked again at every send, see `loopback.py`);
  `GET` lists the subscriptions (never their keys) and delivery counts; `DELETE` clears them.
- `POST /__sandbox/webhooks/trigger {key, url?, category?, event_type?, resource_id?,
  tenant_id?}` sends one test delivery at once (to `url`, else to every subscription) and
  reports each receiver's answer.

Writes call `notify(tenant_id, category, event_type, resource_id)`; `observe()` does it for
every successful write to Invoices or Contacts that passes the API pipeline. Deliveries go
out on one background thread, in order, with events that pile up batched as Xero does.
The signing code is the sandbox's own (it shares only the wire format with the client).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import queue
import random
import string
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from xerocli.sandbox import loopback
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads

CATEGORIES = {"Invoices": "INVOICE", "Contacts": "CONTACT", "CreditNotes": "CREDITNOTE"}
ID_FIELDS = {"Invoices": "InvoiceID", "Contacts": "ContactID", "CreditNotes": "CreditNoteID"}
#: What the sandbox pushes on its own: the issue's invoices and contacts.
OBSERVED = ("Invoices", "Contacts")
MAX_BATCH = 100
SEND_TIMEOUT = 5.0  # Xero's own limit for an answer


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

    def public(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "sent": self.sent,
            "failed": self.failed,
            "last_status": self.last_status,
        }


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
    def __init__(self, store: Store, api_base: str = "https://api.xero.com/api.xro/2.0") -> None:
        self.store = store
        self.api_base = api_base
        self.subscriptions: list[Subscription] = []
        self.lock = threading.Lock()
        self.sequence = _Sequence()
        self.pending: queue.Queue = queue.Queue()
        self.worker: threading.Thread | None = None

    def register(self, router: Router) -> None:
        router.add("GET", "/__sandbox/webhooks", self.admin_list)
        router.add("POST", "/__sandbox/webhooks", self.admin_subscribe)
        router.add("DELETE", "/__sandbox/webhooks", self.admin_clear)
        router.add("POST", "/__sandbox/webhooks/trigger", self.admin_trigger)

    # --- events ----------------------------------------------------------------------------
    def event(
        self, tenant_id: str, category: str, event_type: str, resource_id: str
    ) -> dict[str, Any]:
        collection = next((k for k, v in CATEGORIES.items() if v == category), "Invoices")
        tenant = self.store.tenant(tenant_id) or {}
        return {
            # The sandbox's own URL once a request has told it (so `curl` on it works).
            "resourceUrl": f"{self.api_base}/{collection}/{resource_id}",
            "resourceId": resource_id,
            "eventDateUtc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3],
            "eventType": event_type,
            "eventCategory": category,
            "tenantId": tenant_id,
            "tenantType": tenant.get("tenant_type") or "ORGANISATION",
        }

    def notify(self, tenant_id: str, category: str, event_type: str, resource_id: str) -> None:
        """Queue an event for every subscription; returns at once (sent on a thread)."""
        with self.lock:
            if not self.subscriptions:
                return
            self.pending.put(self.event(tenant_id, category, event_type, resource_id))
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
        collection = next(
            (name for name in OBSERVED if name.lower() == req.params.get("collection", "").lower()),
            None,
        )
        tenant_id = req.context.get("tenant_id")
        if collection is None or not tenant_id:
            return
        try:
            records = (loads(response.body) or {}).get(collection) or []
        except ValueError:
            return
        id_field = ID_FIELDS[collection]
        sent_ids = _sent_ids(req.body, collection, id_field)
        for record in records:
            resource_id = record.get(id_field) if isinstance(record, dict) else None
            if not resource_id or record.get("HasValidationErrors"):
                continue
            update = req.method == "POST" and (
                bool(req.params.get("record_id")) or str(resource_id).lower() in sent_ids
            )
            self.notify(
                tenant_id, CATEGORIES[collection], "UPDATE" if update else "CREATE", resource_id
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

    def _send_loop(self) -> None:
        while True:
            events = [self.pending.get()]
            while len(events) < MAX_BATCH:
                try:
                    events.append(self.pending.get_nowait())
                except queue.Empty:
                    break
            body = self.delivery(events)
            with self.lock:
                targets = list(self.subscriptions)
            for subscription in targets:
                status, _problem = self.send(subscription.url, subscription.key, body)
                subscription.last_status = status
                if status is not None and 200 <= status < 300:
                    subscription.sent += 1
                else:
                    subscription.failed += 1

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
        with self.lock:
            self.subscriptions = [s for s in self.subscriptions if s.url != url]
            self.subscriptions.append(Subscription(url, key))
            count = len(self.subscriptions)
        return Response.json(200, {"url": url, "subscriptions": count})

    def admin_clear(self, req: Request) -> Response:
        with self.lock:
            count = len(self.subscriptions)
            self.subscriptions = []
        return Response.json(200, {"removed": count})

    def admin_trigger(self, req: Request) -> Response:
        """Send one test delivery now and report each receiver's answer."""
        self._learn_base(req)
        try:
            request = _json_object(req.body)
            category = str(request.get("category") or "INVOICE").upper()
            event_type = str(request.get("event_type") or "UPDATE").upper()
            if category not in CATEGORIES.values():
                raise ValueError(f"category {category!r}: use INVOICE, CONTACT or CREDITNOTE")
            if event_type not in ("CREATE", "UPDATE"):
                raise ValueError(f"event_type {event_type!r}: use CREATE or UPDATE")
            if request.get("url"):
                url, key = _url_and_key(request)
                targets = [(url, key)]
            else:
                with self.lock:
                    targets = [(s.url, s.key) for s in self.subscriptions]
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
        collection = next(k for k, v in CATEGORIES.items() if v == category)
        bodies = self.store.select_bodies(tenant_id, collection, limit=1)
        if not bodies:
            raise ValueError(f"tenant {tenant_id} has no {collection}: pass resource_id")
        return str(loads(bodies[0])[ID_FIELDS[collection]])


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
