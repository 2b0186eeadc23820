"""What the document endpoints (attachments, history, PDFs, online invoices) share: the record a
path names, found by ID or, where Xero takes one in the path, by number.

Kept apart from `accounting.py` so these endpoints can move into per-resource declarations
without touching the list/get/write code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from urllib.parse import unquote

from xerocli.sandbox import resources
from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources.declaration import Documents
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import error_body, loads, validation_exception

API = "/api.xro/2.0"
NOT_FOUND_TEXT = "The resource you're looking for cannot be found"


def collection_of(req: Request, takes: Callable[[Documents], bool]) -> str | None:
    """The path's collection as Xero spells it, if the sandbox serves it and its declaration's
    `documents` say it `takes` what the endpoint offers (attachments, history, ...)."""
    resource = resources.by_collection(unquote(req.params.get("collection", "")))
    return resource.collection if resource and takes(resource.documents) else None


def find_record(store: Store, tenant_id: str, kind: str, key: str) -> dict | None:
    """The record `key` names: its ID, or its number where the path takes numbers."""
    key = unquote(key)
    body = store.get_body(tenant_id, kind, key)
    if body is None and resources.get(kind).get_by_number:
        body = store.get_body_by_number(tenant_id, kind, key)
    return loads(body) if body is not None else None


def path_record(
    store: Store, req: Request, takes: Callable[[Documents], bool]
) -> tuple[str, dict] | None:
    """The collection and the record the path names (`/{collection}/{record_id}/...`), or
    None (Xero's 404) when the collection does not take it or there is no such record."""
    kind = collection_of(req, takes)
    if kind is None:
        return None
    record = find_record(store, req.context["tenant_id"], kind, req.params["record_id"])
    return None if record is None else (kind, record)


def record_id(kind: str, record: dict) -> str:
    return str(record[resources.get(kind).id_field]).lower()


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
