"""History and notes: `GET/PUT /{Collection}/{ID}/History`, and a history record for every write.

Xero keeps, per document, who changed what and when ("Created", "Approved", "Paid", "Voided",
"Attached a file", "Note"). The sandbox records one for each save its write path makes
(`record_save`, called once from `writes.Context.save`, inside the write's transaction, so a
rolled-back batch leaves no history and an idempotent replay adds none), for each attachment,
and for each note a client adds. Seeded records were never written through the API: they show
one "Created" record, as Xero shows for a document made before the app connected.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from xerocli.sandbox import document_lookup as lookup
from xerocli.sandbox import resources
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.idempotency import IdempotencyCache
from xerocli.sandbox.jwts import USER
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, envelope, loads, ms_date, utc_string

#: A note's longest text. Xero documents none in its spec; its history UI takes 2,500
#: characters, and the sandbox refuses longer ones so the client's check has a counterpart.
MAX_NOTE_CHARS = 2500
SYSTEM_USER = "System Generated"
#: What a change of status is called in Xero's history.
STATUS_CHANGES = {
    "AUTHORISED": "Approved",
    "SUBMITTED": "Submitted for approval",
    "PAID": "Paid",
    "VOIDED": "Voided",
    "DELETED": "Deleted",
    "POSTED": "Posted",
    "ARCHIVED": "Archived",
    "BILLED": "Billed",
    "ACTIVE": "Restored",
}

TABLE = """
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL,
  changes TEXT NOT NULL, details TEXT NOT NULL, user TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_record ON history (tenant_id, collection, record_id, seq);
"""


def create_table(store: Store) -> None:
    for statement in TABLE.split(";"):
        if statement.strip():
            store.execute(statement)


def user_of(context: dict) -> str:
    """Who a request acts as: the demo user who connected the app, or, for a custom connection
    (no user signs in), Xero's "System Generated"."""
    return SYSTEM_USER if str(context.get("grant_id", "")).startswith("cc-") else USER["name"]


def add(
    store: Store,
    tenant_id: str,
    kind: str,
    record_id: str,
    changes: str,
    details: str,
    user: str,
    when: datetime,
) -> dict:
    """Store one history record; returns it as Xero shows it."""
    store.execute(
        "INSERT INTO history (tenant_id, collection, record_id, changes, details, user, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tenant_id, kind, record_id.lower(), changes, details, user, when.isoformat()),
    )
    return _shown(changes, details, user, when)


def _shown(changes: str, details: str, user: str, when: datetime) -> dict:
    return {
        "Changes": changes,
        "DateUTCString": utc_string(when),
        "DateUTC": ms_date(when),
        "User": user,
        "Details": details,
    }


# --- the write path ------------------------------------------------------------------------
def record_save(ctx: Any, kind: str, record: dict, is_new: bool) -> None:
    """What one save changed, as a history record: called by `writes.Context.save` before it
    stores the record, so the stored state is still the old one."""
    resource = resources.get(kind)
    if not resource.documents.history:
        return
    record_id = str(record[resource.id_field])
    before = None
    if not is_new:
        rows = ctx.store.execute(
            "SELECT status, json_extract(body, '$.AmountPaid'),"
            " json_extract(body, '$.AmountCredited') FROM records"
            " WHERE tenant_id=? AND kind=? AND id=? COLLATE NOCASE",
            (ctx.tenant_id, kind, record_id),
        )
        before = rows[0] if rows else None
    changes, details = _describe(kind, record, before, is_new or before is None)
    user = getattr(ctx, "user", SYSTEM_USER)
    add(ctx.store, ctx.tenant_id, kind, record_id, changes, details, user, ctx.now)


def _describe(kind: str, record: dict, before: tuple | None, created: bool) -> tuple[str, str]:
    label = _label(kind, record)
    if created:
        return "Created", _created_details(kind, record, label)
    status = record.get("Status") or record.get("ContactStatus")
    old_status, old_paid, old_credited = before or (None, None, None)
    paid = _amount(record.get("AmountPaid"))
    reopened = old_status == "PAID" and status == "AUTHORISED"  # a payment was deleted
    if status != old_status and status in STATUS_CHANGES and not reopened:
        change = STATUS_CHANGES[status]
        if status == "PAID":
            return change, f"{label}: paid in full ({_money(paid)} paid)."
        return change, f"{label} {change.lower()}."
    if paid != _amount(old_paid):
        due = _money(_amount(record.get("AmountDue")))
        change = paid - _amount(old_paid)
        if change < 0:
            return "Payment removed", f"Payment of {_money(-change)} removed; {due} due."
        return "Payment", f"Payment of {_money(change)} on {label}; {due} due."
    credited = _amount(record.get("AmountCredited"))
    if credited != _amount(old_credited):
        return "Credit Applied", f"Credit of {_money(credited - _amount(old_credited))} on {label}."
    return "Edited", f"{label} edited."


def _created_details(kind: str, record: dict, label: str) -> str:
    contact = (record.get("Contact") or {}).get("Name")
    total = record.get("Total")
    if contact and total is not None:
        return f"{label} to {contact} for {_money(_amount(total))}."
    if "Amount" in record and "Invoice" in record:  # a payment, or anything paying a document
        invoice = (record.get("Invoice") or {}).get("InvoiceNumber") or ""
        return f"Payment of {_money(_amount(record.get('Amount')))} on {invoice}".strip() + "."
    return f"{label} created."


def _label(kind: str, record: dict) -> str:
    resource = resources.get(kind)
    number_field = resource.number_field
    for key in (number_field, "Name", "Narration"):
        if key and record.get(key):
            return str(record[key])
    return f"{resource.label} {record[resource.id_field]}"


def _amount(value: object) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,}"


# --- endpoints -----------------------------------------------------------------------------
class History:
    def __init__(self, store: Store, idempotency: IdempotencyCache) -> None:
        self.store = store
        self.idempotency = idempotency  # shared with the other writes (see `add_notes`)
        create_table(store)

    def register(self, router: Router) -> None:
        path = f"{lookup.API}/{{collection}}/{{record_id}}/History"
        router.add("GET", path, self.list)
        router.add("PUT", path, self.add_notes)

    def list(self, req: Request) -> Response:
        found = lookup.path_record(self.store, req, lambda documents: documents.history)
        if found is None:
            return lookup.not_found()
        kind, record = found
        tenant_id = req.context["tenant_id"]
        record_id = lookup.record_id(kind, record)
        rows = self.store.execute(
            "SELECT changes, details, user, at FROM history"
            " WHERE tenant_id=? AND collection=? AND record_id=? ORDER BY seq DESC",
            (tenant_id, kind, record_id),
        )
        shown = [_shown(c, d, u, datetime.fromisoformat(at)) for c, d, u, at in rows]
        if not any(row[0] == "Created" for row in rows):  # seeded: made before the API saw it
            shown.append(_seeded_created(kind, record))
        bodies = [dumps(item) for item in shown]
        return Response.json(200, envelope("HistoryRecords", bodies, lookup.utcnow(), None))

    def add_notes(self, req: Request) -> Response:
        """`{"HistoryRecords": [{"Details": "..."}]}`: each a note by the request's user."""
        kind = lookup.collection_of(req, lambda documents: documents.history)
        if kind is None:
            return lookup.not_found()
        req.context["changes"] = {}  # nothing for the webhooks
        try:
            payload = loads(req.body) if req.body.strip() else None
        except ValueError:
            return lookup.bad_request("The request body is not valid JSON")
        sent = payload.get("HistoryRecords") if isinstance(payload, dict) else None
        if not isinstance(sent, list) or not sent:
            return lookup.bad_request('Send {"HistoryRecords": [{"Details": "..."}]}')
        notes = [item.get("Details") if isinstance(item, dict) else None for item in sent]
        for text in notes:
            if not isinstance(text, str) or not text.strip():
                return lookup.refused("HistoryRecords", "The Details of a note must be given")
            if len(text) > MAX_NOTE_CHARS:
                return lookup.refused(
                    "HistoryRecords", f"A note must be at most {MAX_NOTE_CHARS} characters long"
                )
        tenant_id = req.context["tenant_id"]
        now = lookup.utcnow()
        user = user_of(req.context)
        key = self.idempotency.key_of(req)
        with self.store.transaction():
            if key is not None:
                replayed = self.idempotency.lookup(req, key)
                if replayed is not None:
                    return replayed
            record = lookup.find_record(self.store, tenant_id, kind, req.params["record_id"])
            if record is None:
                return lookup.not_found()
            record_id = lookup.record_id(kind, record)
            added = [
                add(self.store, tenant_id, kind, record_id, "Note", text, user, now)
                for text in notes
            ]
            bodies = []
            for item in added:
                item.pop("Changes")
                item.pop("User")
                bodies.append(dumps({**item, "ValidationErrors": []}))
            response = Response.json(200, envelope("HistoryRecords", bodies, now, None))
            if key is not None:  # a retried note (its answer lost) is a replay, not a 2nd note
                self.idempotency.remember(req, key, response)
        return response


def _seeded_created(kind: str, record: dict) -> dict:
    when = _updated(record)
    details = _created_details(kind, record, _label(kind, record))
    return _shown("Created", details, SYSTEM_USER, when)


def _updated(record: dict) -> datetime:
    text = str(record.get("UpdatedDateUTC") or "/Date(0+0000)/")
    ms = int(text[6:].split("+")[0].split("-")[0].rstrip(")/") or 0)
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
