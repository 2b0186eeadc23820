"""Xero's `Idempotency-Key` header: a replayed write is answered from a cache, not redone.

Keys are scoped to the client app and the tenant, live for a window (about 6 minutes on Xero)
and are at most 128 characters. A replay with the same key but a different request (method,
path, query or body) is refused with 400. The cache is a table in the store, so it survives a
restart; the caller looks a key up and records the answer inside the same write transaction,
which is what makes two racing requests with one key create once.
"""

from __future__ import annotations

import hashlib

from xerocli.sandbox import clock
from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, loads

SCHEMA = """
CREATE TABLE IF NOT EXISTS idempotency (
  client_id TEXT NOT NULL, tenant_id TEXT NOT NULL, key TEXT NOT NULL,
  fingerprint TEXT NOT NULL, status INTEGER NOT NULL, headers TEXT NOT NULL,
  body BLOB NOT NULL, created REAL NOT NULL,
  PRIMARY KEY (client_id, tenant_id, key)
);
-- Every write first forgets the keys past the window: by this index, a range of a few rows,
-- not a scan of every key remembered (3.9 ms a write with a busy window's cache, 0.018 ms).
CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created);
"""
FORGET_EXPIRED = "DELETE FROM idempotency WHERE created < ?"
MAX_KEY_LENGTH = 128
#: How long a key is remembered, in seconds.
DEFAULT_WINDOW = 360.0


def fingerprint(req: Request) -> str:
    digest = hashlib.sha256()
    for part in (req.method.upper(), req.path.lower(), dumps(sorted(req.query.items()))):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(req.body)
    return digest.hexdigest()


class IdempotencyCache:
    def __init__(self, store: Store, window: float = DEFAULT_WINDOW) -> None:
        self.store = store
        self.window = window
        store.db.executescript(SCHEMA)

    @staticmethod
    def key_of(req: Request) -> str | None:
        key = req.header("Idempotency-Key")
        return key.strip() if key and key.strip() else None

    def lookup(self, req: Request, key: str) -> Response | None:
        """Call inside the write transaction. A stored answer, a 400, or None to go ahead."""
        client, tenant = req.context.get("client_id", ""), req.context["tenant_id"]
        now = clock.now()
        self.store.execute(FORGET_EXPIRED, (now - self.window,))
        rows = self.store.execute(
            "SELECT fingerprint, status, headers, body FROM idempotency"
            " WHERE client_id=? AND tenant_id=? AND key=?",
            (client, tenant, key),
        )
        if not rows:
            return None
        stored_fingerprint, status, headers, body = rows[0]
        if stored_fingerprint != fingerprint(req):
            return Response.json(
                400,
                {
                    "ErrorNumber": 10,
                    "Type": "ValidationException",
                    "Message": "Idempotency key has already been used with a different"
                    " request. Use a new Idempotency-Key for a new request.",
                },
            )
        merged = {**loads(headers), "Idempotent-Replayed": "true"}
        return Response(status, bytes(body), merged)

    def remember(self, req: Request, key: str, response: Response) -> None:
        if response.status >= 500:
            return  # a server fault is not an answer worth replaying
        self.store.execute(
            "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                req.context.get("client_id", ""),
                req.context["tenant_id"],
                key,
                fingerprint(req),
                response.status,
                dumps(response.headers),
                response.body,
                clock.now(),
            ),
        )
