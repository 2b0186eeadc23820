"""The apps registered with the sandbox's identity server, as at developer.xero.com.

Three demo apps are always there:
- a PKCE app (a native app such as this CLI: no secret), client id `xerocli-sandbox`;
- a web app (authorization code with a client secret);
- the custom connection (client credentials, one organisation).
Tests register more through `POST /__sandbox/apps`. An unknown client id is `invalid_client`.

Redirect URIs match exactly, as on Xero, with one exception for PKCE apps: a loopback URI
(`http://localhost`, `127.0.0.1` or `[::1]`) matches on any port, as RFC 8252 section 7.3 asks
of native apps, so `xero auth login --port P` works against the demo app. Xero itself matches the
port too: register every `http://localhost:PORT/callback` you use there.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from xerocli.sandbox.config import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from xerocli.sandbox.store import Store

#: The demo PKCE app: what `xero --sandbox` logs in with. Keep it stable (scripts use it).
DEMO_PKCE_CLIENT_ID = "xerocli-sandbox"
DEMO_PKCE_REDIRECT_URIS = ("http://localhost:8749/callback", "http://127.0.0.1:8749/callback")
#: The demo web app (authorization code with a secret).
DEMO_WEB_CLIENT_ID = "xerocli-sandbox-web"
DEMO_WEB_CLIENT_SECRET = "sandbox-web-secret-not-for-production"
DEMO_WEB_REDIRECT_URIS = ("http://localhost:5000/callback",)
KINDS = ("pkce", "web", "custom")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
_FIELDS = {"client_id", "kind", "redirect_uris", "client_secret", "name"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS oauth_apps (client_id TEXT PRIMARY KEY, body TEXT NOT NULL);
"""


@dataclass
class App:
    client_id: str
    kind: str  # "pkce", "web" or "custom"
    redirect_uris: list[str] = field(default_factory=list)
    client_secret: str | None = None
    name: str = ""

    def allows_redirect(self, uri: str) -> bool:
        """Exact match; a PKCE app's loopback URI on any port (RFC 8252 section 7.3)."""
        if uri in self.redirect_uris:
            return True
        if self.kind != "pkce":
            return False
        asked = urlsplit(uri)
        if asked.scheme != "http" or asked.hostname not in LOOPBACK_HOSTS:
            return False
        for registered in map(urlsplit, self.redirect_uris):
            if (registered.scheme, registered.hostname, registered.path, registered.query) == (
                asked.scheme,
                asked.hostname,
                asked.path,
                asked.query,
            ):
                return True
        return False

    def secret_matches(self, secret: str | None) -> bool:
        if self.client_secret is None or secret is None:
            return False
        return secrets.compare_digest(secret.encode(), self.client_secret.encode())

    def as_dict(self) -> dict:
        return asdict(self)


def demo_apps(config: SandboxConfig) -> list[App]:
    apps = [
        App(
            DEMO_PKCE_CLIENT_ID,
            "pkce",
            list(DEMO_PKCE_REDIRECT_URIS),
            name="Demo PKCE app (xero CLI)",
        ),
        App(
            DEMO_WEB_CLIENT_ID,
            "web",
            list(DEMO_WEB_REDIRECT_URIS),
            DEMO_WEB_CLIENT_SECRET,
            name="Demo web app",
        ),
    ]
    customs = dict(config.custom_connections) or {DEMO_CLIENT_ID: DEMO_CLIENT_SECRET}
    for client_id, secret in customs.items():
        apps.append(App(client_id, "custom", [], secret, name="Demo custom connection"))
    return apps


class AppError(ValueError):
    """A registration the control panel refuses (400), with a message naming the field."""


class Apps:
    def __init__(self, store: Store, config: SandboxConfig) -> None:
        self.store = store
        self.config = config
        store.db.executescript(SCHEMA)

    def find(self, client_id: str | None) -> App | None:
        if not client_id:
            return None
        for app in demo_apps(self.config):
            if app.client_id == client_id:
                return app
        rows = self.store.execute("SELECT body FROM oauth_apps WHERE client_id = ?", (client_id,))
        return App(**json.loads(rows[0][0])) if rows else None

    def all(self) -> list[App]:
        registered = [
            App(**json.loads(row[0]))
            for row in self.store.execute("SELECT body FROM oauth_apps ORDER BY rowid")
        ]
        demo = demo_apps(self.config)
        demo_ids = {app.client_id for app in demo}
        return demo + [app for app in registered if app.client_id not in demo_ids]

    def register(self, sent: object) -> App:
        """Add or replace an app from `{"client_id", "kind", "redirect_uris", "client_secret"}`."""
        if not isinstance(sent, dict):
            raise AppError("the body must be a JSON object")
        unknown = sorted(set(sent) - _FIELDS)
        if unknown:
            raise AppError(f"unknown field: {', '.join(unknown)}")
        client_id = sent.get("client_id")
        if not isinstance(client_id, str) or not client_id.strip():
            raise AppError("client_id must be a non-empty string")
        if any(app.client_id == client_id for app in demo_apps(self.config)):
            raise AppError(f"client_id {client_id!r} is a demo app and cannot be replaced")
        kind = sent.get("kind", "pkce")
        if kind not in KINDS:
            raise AppError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        uris = sent.get("redirect_uris", list(DEMO_PKCE_REDIRECT_URIS) if kind != "custom" else [])
        if not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
            raise AppError("redirect_uris must be a list of strings")
        for uri in uris:
            _check_redirect(uri)
        secret = sent.get("client_secret")
        if kind in ("web", "custom") and secret is None:
            secret = secrets.token_urlsafe(24)
        if secret is not None and (kind == "pkce" or not isinstance(secret, str)):
            raise AppError("client_secret is for web and custom apps, as a string")
        name = sent.get("name") or client_id
        app = App(client_id, kind, list(uris), secret, str(name))
        self.store.execute(
            "INSERT OR REPLACE INTO oauth_apps VALUES (?, ?)",
            (client_id, json.dumps(app.as_dict())),
        )
        return app


def _check_redirect(uri: str) -> None:
    """https, or http to this machine only (Xero's rule)."""
    parts = urlsplit(uri)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return
    raise AppError(f"redirect_uris: {uri!r} must be https, or http to localhost")
