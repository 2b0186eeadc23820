"""What the document endpoints (attachments, history, PDFs, online invoices) share: the record a
path names, found by ID or, where Xero takes one in the path, by number.

Kept apart from `accounting.py` so these endpoints can move into per-resource declarations
without touching the list/get/write code.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import unquote

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.records import KINDS
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

API = "/api.xro/2.0"
#: Collections whose path takes a document number as well as an ID (`/Invoices/INV-0041`).
NUMBER_IN_PATH = frozenset({"Invoices", "CreditNotes", "PurchaseOrders"})
NOT_FOUND_TEXT = "The resource you're looking for cannot be found"


def collection_of(req: Request, served: frozenset[str] | set[str]) -> str | None:
    """The path's collection as Xero spells it, if it is in `served` and the sandbox has it."""
    wanted = unquote(req.params.get("collection", "")).lower()
    return next((name for name in served if name.lower() == wanted and name in KINDS), None)


def find_record(store: Store, tenant_id: str, kind: str, key: str) -> dict | None:
    """The record `key` names: its ID, or its number where the path takes numbers."""
    key = unquote(key)
    body = store.get_body(tenant_id, kind, key)
    if body is None and kind in NUMBER_IN_PATH:
        body = store.get_body_by_number(tenant_id, kind, key)
    return loads(body) if body is not None else None


def record_id(kind: str, record: dict) -> str:
    return str(record[KINDS[kind]["id"]]).lower()


def not_found() -> Response:
    """Xero's 404 for an unknown record: plain text, not JSON."""
    return Response.text(404, NOT_FOUND_TEXT)


def refused(kind: str, message: str) -> Response:
    """A 400 ValidationException with one element carrying `message`."""
    element = {"ValidationErrors": [{"Message": message}]}
    return Response.json(400, validation_exception(kind, [element]))


def forbidden_scope(scope: str) -> Response:
    """A token without the scope an endpoint needs: Xero's 401 AuthorizationUnsuccessful."""
    body = {
        "Type": None,
        "Title": "Unauthorized",
        "Status": 401,
        "Detail": "AuthorizationUnsuccessful",
        "Extensions": {"scope": scope},
    }
    return Response.json(401, body)


def has_scope(req: Request, scope: str, write: bool) -> bool:
    scopes = req.context.get("scopes") or set()
    return scope in scopes or (not write and f"{scope}.read" in scopes)


def bad_request(message: str) -> Response:
    return Response.json(400, error_body(16, "QueryParseException", message))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
