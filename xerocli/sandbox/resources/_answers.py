"""What the resource modules' own routes (`declaration.Route`) answer with: Xero's envelope
around records, its plain-text 404, and the seed's clock. Not a resource (the `_` keeps the
discovery away)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, envelope, loads


def seeded_at(days_before: int) -> datetime:
    """A seeded record's time: `days_before` days before the seed's anchor (imported here, at
    seeding time: the seed imports the resources)."""
    from xerocli.sandbox.seed import ANCHOR_TIME

    return ANCHOR_TIME - timedelta(days=days_before)


def stable_id(*parts: object) -> str:
    """A GUID that is the same in every seeded copy: a name-based (version 5) UUID."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "xerocli-sandbox:" + ":".join(map(str, parts))))


def tenant_of(req: Request) -> str:
    return req.context["tenant_id"]


def stored(store: Store, req: Request, kind: str) -> list[dict]:
    """Every stored record of `kind` of the request's tenant."""
    return [loads(body) for body in store.select_bodies(tenant_of(req), kind)]


def answer(key: str, records: list[dict], pagination: dict | None = None) -> Response:
    """`{"Id":..., "<key>": [records]}` as Xero sends every Accounting answer."""
    bodies = [dumps(record) for record in records]
    return Response.json(200, envelope(key, bodies, datetime.now(timezone.utc), pagination))


def not_found() -> Response:
    from xerocli.sandbox.accounting import not_found as plain_404

    return plain_404()
