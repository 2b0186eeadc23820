"""OAuth 2.0 as Xero does it: authorize, token, revocation, connections, and bearer checks.

- Authorization Code with PKCE (S256 only; a wrong verifier is `invalid_grant`).
- Refresh tokens rotate: each refresh returns a new one; the used one is still answered (with the
  same successor) for a grace period, then `invalid_grant`.
- Client credentials for custom connections, tied to one tenant; no refresh token.
- `/connections` lists the tenants a token's app and user are connected to. Access follows the
  connections, not the login that made them: a second login of the same app (another terminal)
  re-uses the connections (their `authEventId` moves to it) and the first login's tokens keep
  working; revoking a refresh token removes the connections its login authorised.
- Only registered apps log in (`apps.py`): an unknown client id, a wrong secret or a web app
  without its secret is `invalid_client`; a redirect URI must be one the app registered.
- Access tokens are JWTs with Xero's claims, and `openid` adds an `id_token`; refresh tokens
  unused for 60 days expire. The sandbox's clock can be moved forward for tests
  (`POST /__sandbox/clock`).
State lives in the store's SQLite so a restarted sandbox keeps its logins.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import uuid
from datetime import datetime, timezone
from urllib.parse import urlencode, urlsplit

from xerocli.sandbox import clock, jwts, resources
from xerocli.sandbox.apps import App, Apps
from xerocli.sandbox.config import SandboxConfig
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS oauth_codes (
  code TEXT PRIMARY KEY, client_id TEXT, redirect_uri TEXT, scope TEXT, challenge TEXT,
  expires REAL);
CREATE TABLE IF NOT EXISTS oauth_access (
  token TEXT PRIMARY KEY, client_id TEXT, grant_id TEXT, scope TEXT, expires REAL);
CREATE TABLE IF NOT EXISTS oauth_refresh (
  token TEXT PRIMARY KEY, client_id TEXT, grant_id TEXT, scope TEXT, created REAL,
  used_at REAL, successor TEXT, revoked INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS oauth_connections (
  id TEXT PRIMARY KEY, grant_id TEXT, client_id TEXT, tenant_id TEXT, created TEXT, updated TEXT);
CREATE TABLE IF NOT EXISTS oauth_code_nonces (code TEXT PRIMARY KEY, nonce TEXT);
"""

CODE_TTL = 300.0
#: Xero's refresh tokens expire when unused for 60 days (xero-api.md, OAuth FAQ).
REFRESH_UNUSED_SECONDS = 60 * 86400.0
VERIFIER_RE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")

#: Scopes the sandbox knows: the legacy set and the granular successors (xero-api.md).
KNOWN_SCOPES = {
    "openid",
    "profile",
    "email",
    "offline_access",
    "accounting.transactions",
    "accounting.transactions.read",
    "accounting.invoices",
    "accounting.invoices.read",
    "accounting.payments",
    "accounting.payments.read",
    "accounting.banktransactions",
    "accounting.banktransactions.read",
    "accounting.manualjournals",
    "accounting.manualjournals.read",
    "accounting.contacts",
    "accounting.contacts.read",
    "accounting.settings",
    "accounting.settings.read",
    "accounting.attachments",
    "accounting.attachments.read",
    "accounting.reports.read",
    # The granular report scopes (apps from March 2026): each opens its own report only.
    "accounting.reports.aged.read",
    "accounting.reports.balancesheet.read",
    "accounting.reports.banksummary.read",
    "accounting.reports.budgetsummary.read",
    "accounting.reports.executivesummary.read",
    "accounting.reports.profitandloss.read",
    "accounting.reports.trialbalance.read",
    "accounting.reports.taxreports.read",
    "accounting.reports.tenninetynine.read",
    "accounting.journals.read",
    "accounting.budgets.read",
    "paymentservices",
}

#: Which scopes open the paths that are not resources (each resource declares its own
#: `scopes`): any one of them for reads, a non-`.read` one for writes.
OTHER_SCOPES = {
    "organisation": ("accounting.settings",),
    # Reports are read-only: `accounting.reports.read` opens them all (see REPORT_SCOPES too).
    "reports": ("accounting.reports",),
}
#: `/Reports/{name}` (lower case) -> the granular scope that opens that one report.
REPORT_SCOPES = {
    "trialbalance": "accounting.reports.trialbalance.read",
    "profitandloss": "accounting.reports.profitandloss.read",
    "balancesheet": "accounting.reports.balancesheet.read",
    "agedreceivablesbycontact": "accounting.reports.aged.read",
    "agedpayablesbycontact": "accounting.reports.aged.read",
    "banksummary": "accounting.reports.banksummary.read",
    "budgetsummary": "accounting.reports.budgetsummary.read",
    "executivesummary": "accounting.reports.executivesummary.read",
    "tenninetynine": "accounting.reports.tenninetynine.read",
}


def _now() -> float:
    return clock.now()


def _xero_timestamp(when: float) -> str:
    """Connections' timestamps: 7 fractional digits, no zone (`2019-12-07T18:46:19.5165400`)."""
    stamp = datetime.fromtimestamp(when, tz=timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0"


def _oauth_error(error: str, status: int = 400, description: str | None = None) -> Response:
    """The token endpoint's error body (`invalid_client` is a 400 at Xero, as here)."""
    body = {"error": error}
    if description:
        body["error_description"] = description
    return Response.json(status, body)


def problem(status: int, title: str, detail: str) -> dict:
    """The API gateway's problem body, every key Xero sends (`Instance` is new each time)."""
    return {
        "Type": None,
        "Title": title,
        "Status": status,
        "Detail": detail,
        "Instance": str(uuid.uuid4()),
        "Extensions": {},
    }


def unauthorized(detail: str) -> Response:
    body = problem(401, "Unauthorized", detail)
    return Response.json(401, body, {"WWW-Authenticate": 'Bearer error="invalid_token"'})


def forbidden(detail: str = "AuthenticationUnsuccessful") -> Response:
    """Xero's 403 body for a tenant the token cannot reach (xero-api.md)."""
    return Response.json(403, problem(403, "Forbidden", detail))


def missing_scope() -> Response:
    """Xero's answer to a token without the endpoint's scope: a 401 that no refresh cures
    (xero-api.md, Xero-NetStandard #178), not a 403."""
    return Response.json(401, problem(401, "Unauthorized", "AuthorizationUnsuccessful"))


class OAuth:
    def __init__(self, store: Store, config: SandboxConfig) -> None:
        self.store = store
        self.config = config
        store.db.executescript(SCHEMA)
        self.refresh_count = 0
        self.apps = Apps(store, config)
        self.key = jwts.signing_key(store)

    def now(self) -> float:
        """The identity server's clock: the sandbox's one clock (`POST /__sandbox/clock`)."""
        return clock.now()

    def register(self, router: Router) -> None:
        router.add("GET", "/identity/connect/authorize", self.authorize)
        router.add("POST", "/connect/token", self.token)
        router.add("POST", "/connect/revocation", self.revoke)
        router.add("GET", "/connections", self.list_connections)
        router.add("DELETE", "/connections/{connection_id}", self.delete_connection)

    # --- authorize -------------------------------------------------------------------------
    def authorize(self, req: Request) -> Response:
        """Consents by itself (the demo user owns every demo organisation) and redirects back."""
        client_id = req.arg("client_id")
        redirect_uri = req.arg("redirect_uri") or ""
        state = req.arg("state")
        if not client_id or not redirect_uri:
            return Response.text(400, "Invalid request: client_id and redirect_uri are required")
        target = urlsplit(redirect_uri)
        local = target.hostname in ("localhost", "127.0.0.1", "::1")
        if target.scheme != "https" and not (target.scheme == "http" and local):
            return Response.text(
                400, "Invalid redirect_uri: https is required except for localhost"
            )
        # Never redirect for an unknown app or URI: the error page is shown here, as Xero does.
        app = self.apps.find(client_id)
        if app is None:
            return Response.text(400, f"invalid_client: no app has the client id {client_id}")
        if app.kind == "custom":
            return Response.text(
                400, "unauthorized_client: a custom connection logs in with client credentials"
            )
        if not app.allows_redirect(redirect_uri):
            return Response.text(
                400, f"invalid_request: redirect_uri {redirect_uri} is not registered for the app"
            )

        def back(**params: str | None) -> Response:
            if state is not None:
                params["state"] = state
            query = urlencode({k: v for k, v in params.items() if v is not None})
            separator = "&" if target.query else "?"
            return Response.redirect(f"{redirect_uri}{separator}{query}")

        if req.arg("response_type") != "code":
            return back(error="unsupported_response_type")
        scope = req.arg("scope") or ""
        unknown = [s for s in scope.split() if s not in KNOWN_SCOPES]
        if unknown or not scope:
            return back(error="invalid_scope")
        if (req.arg("sandbox_consent") or self.config.consent) == "deny":
            return back(error="access_denied", error_description="The user denied consent")
        challenge = req.arg("code_challenge")
        method = req.arg("code_challenge_method")
        if challenge and method != "S256":
            return back(error="invalid_request", error_description="code_challenge_method S256")
        code = secrets.token_urlsafe(24)
        self.store.execute(
            "INSERT INTO oauth_codes VALUES (?, ?, ?, ?, ?, ?)",
            (code, client_id, redirect_uri, scope, challenge, self.now() + CODE_TTL),
        )
        if req.arg("nonce"):
            self.store.execute(
                "INSERT INTO oauth_code_nonces VALUES (?, ?)", (code, req.arg("nonce"))
            )
        return back(code=code)

    # --- token -----------------------------------------------------------------------------
    def token(self, req: Request) -> Response:
        form = req.form()
        basic_id, basic_secret = self._basic_auth(req)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            return self._code_grant(form, basic_id, basic_secret)
        if grant == "refresh_token":
            return self._refresh_grant(form, basic_id, basic_secret)
        if grant == "client_credentials":
            return self._client_credentials(form, basic_id, basic_secret)
        return _oauth_error("unsupported_grant_type")

    @staticmethod
    def _basic_auth(req: Request) -> tuple[str | None, str | None]:
        header = req.header("Authorization") or ""
        if not header.lower().startswith("basic "):
            return None, None
        try:
            decoded = base64.b64decode(header[6:]).decode()
        except ValueError:
            return None, None
        client_id, _, secret = decoded.partition(":")
        return client_id, secret

    def _client(
        self, form: dict, basic_id: str | None, basic_secret: str | None
    ) -> tuple[App | None, Response | None]:
        """The calling app, authenticated: a web app by its secret (Basic or form), a PKCE app
        by its id alone. `invalid_client` for anything else."""
        client_id = basic_id or form.get("client_id")
        app = self.apps.find(client_id)
        if app is None:
            return None, _oauth_error("invalid_client")
        secret = basic_secret if basic_id else form.get("client_secret")
        if app.kind != "pkce" and not app.secret_matches(secret):
            return None, _oauth_error("invalid_client")
        return app, None

    def _code_grant(self, form: dict, basic_id: str | None, basic_secret: str | None) -> Response:
        app, refused = self._client(form, basic_id, basic_secret)
        if app is None:
            return refused or _oauth_error("invalid_client")
        if app.kind == "custom":
            return _oauth_error("unauthorized_client")
        client_id = app.client_id
        with self.store.transaction():
            rows = self.store.execute(
                "SELECT client_id, redirect_uri, scope, challenge, expires FROM oauth_codes"
                " WHERE code = ?",
                (form.get("code", ""),),
            )
            self.store.execute("DELETE FROM oauth_codes WHERE code = ?", (form.get("code", ""),))
            nonces = self.store.execute(
                "SELECT nonce FROM oauth_code_nonces WHERE code = ?", (form.get("code", ""),)
            )
            self.store.execute(
                "DELETE FROM oauth_code_nonces WHERE code = ?", (form.get("code", ""),)
            )
        if not rows:
            return _oauth_error("invalid_grant")
        code_client, redirect_uri, scope, challenge, expires = rows[0]
        if expires < self.now() or code_client != client_id:
            return _oauth_error("invalid_grant")
        if form.get("redirect_uri") != redirect_uri:
            return _oauth_error("invalid_grant", description="redirect_uri mismatch")
        if challenge:
            verifier = form.get("code_verifier", "")
            if not VERIFIER_RE.match(verifier):
                return _oauth_error("invalid_grant", description="invalid code_verifier")
            digest = hashlib.sha256(verifier.encode("ascii")).digest()
            expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if not secrets.compare_digest(expected, challenge):
                return _oauth_error("invalid_grant", description="code_verifier does not match")
        elif app.kind == "pkce":
            return _oauth_error("invalid_grant", description="code_verifier is required")
        grant_id = str(uuid.uuid4())
        self._connect(grant_id, client_id, [t["tenant_id"] for t in self.store.tenants()])
        return self._issue(
            client_id,
            grant_id,
            scope,
            with_refresh="offline_access" in scope.split(),
            nonce=nonces[0][0] if nonces else None,
        )

    def _refresh_grant(
        self, form: dict, basic_id: str | None, basic_secret: str | None
    ) -> Response:
        token = form.get("refresh_token", "")
        now = self.now()
        app, refused = self._client(form, basic_id, basic_secret)
        if app is None:
            return refused or _oauth_error("invalid_client")
        with self.store.transaction():
            rows = self.store.execute(
                "SELECT client_id, grant_id, scope, used_at, successor, revoked, created"
                " FROM oauth_refresh WHERE token = ?",
                (token,),
            )
            if not rows:
                return _oauth_error("invalid_grant")
            client_id, grant_id, scope, used_at, successor, revoked, created = rows[0]
            if revoked or app.client_id != client_id:
                return _oauth_error("invalid_grant")
            if used_at is None and now - created > REFRESH_UNUSED_SECONDS:
                return _oauth_error("invalid_grant")  # unused for 60 days
            if used_at is not None:
                # A lost response may be retried with the old token for a grace period, and is
                # answered with the same successor; after that the old token is dead.
                if now - used_at > self.config.refresh_grace_seconds:
                    return _oauth_error("invalid_grant")
                return self._issue(client_id, grant_id, scope, refresh_token=successor)
            successor = secrets.token_urlsafe(32)
            self.store.execute(
                "UPDATE oauth_refresh SET used_at = ?, successor = ? WHERE token = ?",
                (now, successor, token),
            )
            self.refresh_count += 1
            return self._issue(client_id, grant_id, scope, refresh_token=successor, store=True)

    def _client_credentials(
        self, form: dict, basic_id: str | None, basic_secret: str | None
    ) -> Response:
        app, refused = self._client(form, basic_id, basic_secret)
        if app is None:
            return refused or _oauth_error("invalid_client")
        if app.kind != "custom":
            return _oauth_error("unauthorized_client")
        client_id = app.client_id
        scope = form.get("scope") or " ".join(
            s for s in sorted(KNOWN_SCOPES) if s not in ("offline_access", "openid", "profile")
        )
        if any(s not in KNOWN_SCOPES for s in scope.split()):
            return _oauth_error("invalid_scope")
        tenants = self.store.tenants()
        tenant = tenants[min(self.config.custom_connection_tenant, len(tenants) - 1)]
        grant_id = f"cc-{client_id}"
        existing = self.store.execute(
            "SELECT 1 FROM oauth_connections WHERE grant_id = ?", (grant_id,)
        )
        if not existing:
            self._connect(grant_id, client_id, [tenant["tenant_id"]])
        scope = " ".join(s for s in scope.split() if s != "offline_access")
        return self._issue(client_id, grant_id, scope, with_refresh=False)

    def _issue(
        self,
        client_id: str,
        grant_id: str,
        scope: str,
        *,
        with_refresh: bool = True,
        refresh_token: str | None = None,
        store: bool = False,
        nonce: str | None = None,
    ) -> Response:
        now = self.now()
        ttl = self.config.access_token_ttl
        user = not grant_id.startswith("cc-")
        event = _auth_event_id(grant_id)
        claims = jwts.access_claims(client_id, event, scope, now, ttl, user=user)
        access = jwts.encode(claims, self.key)
        self.store.execute(
            "INSERT INTO oauth_access VALUES (?, ?, ?, ?, ?)",
            (access, client_id, grant_id, scope, now + ttl),
        )
        body: dict = {
            "access_token": access,
            "expires_in": int(ttl) if ttl == int(ttl) else ttl,
            "token_type": "Bearer",
            "scope": scope,
        }
        if "openid" in scope.split() and not grant_id.startswith("cc-"):
            id_claims = jwts.id_token_claims(client_id, access, now, nonce, scope)
            body["id_token"] = jwts.encode(id_claims, self.key)
        if refresh_token is None and with_refresh:
            refresh_token = secrets.token_urlsafe(32)
            store = True
        if refresh_token is not None:
            if store:
                self.store.execute(
                    "INSERT OR IGNORE INTO oauth_refresh (token, client_id, grant_id, scope,"
                    " created) VALUES (?, ?, ?, ?, ?)",
                    (refresh_token, client_id, grant_id, scope, self.now()),
                )
            body["refresh_token"] = refresh_token
        return Response.json(200, body, {"Cache-Control": "no-store"})

    def _connect(self, grant_id: str, client_id: str, tenant_ids: list[str]) -> None:
        """Connect the app to tenants; re-consent keeps an existing connection (and its id)."""
        stamp = _xero_timestamp(self.now())
        for tenant_id in tenant_ids:
            found = self.store.execute(
                "SELECT id FROM oauth_connections WHERE client_id = ? AND tenant_id = ?"
                " AND grant_id NOT LIKE 'cc-%'",
                (client_id, tenant_id),
            )
            if found and not grant_id.startswith("cc-"):
                self.store.execute(
                    "UPDATE oauth_connections SET grant_id = ?, updated = ? WHERE id = ?",
                    (grant_id, stamp, found[0][0]),
                )
                continue
            self.store.execute(
                "INSERT INTO oauth_connections VALUES (?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), grant_id, client_id, tenant_id, stamp, stamp),
            )

    def connect_to_every_login(self, tenant_id: str) -> None:
        """A tenant added to a running sandbox (`POST /__sandbox/organisations`) is connected
        to every app a user has logged in to, as if each user had ticked it at consent: their
        tokens reach it at once. Custom connections stay tied to their one tenant."""
        logins = self.store.execute(
            "SELECT client_id, MAX(grant_id) FROM oauth_connections"
            " WHERE grant_id NOT LIKE 'cc-%' GROUP BY client_id"
        )
        for client_id, grant_id in logins:
            self._connect(grant_id, client_id, [tenant_id])

    # --- revocation ------------------------------------------------------------------------
    def revoke(self, req: Request) -> Response:
        """Revoke a refresh token, its rotation chain, and the connections it granted."""
        token = req.form().get("token", "")
        rows = self.store.execute("SELECT grant_id FROM oauth_refresh WHERE token = ?", (token,))
        if rows:
            grant_id = rows[0][0]
            with self.store.transaction():
                self.store.execute(
                    "UPDATE oauth_refresh SET revoked = 1 WHERE grant_id = ?", (grant_id,)
                )
                self.store.execute("DELETE FROM oauth_connections WHERE grant_id = ?", (grant_id,))
                self.store.execute("DELETE FROM oauth_access WHERE grant_id = ?", (grant_id,))
        return Response(200)

    # --- bearer checks ---------------------------------------------------------------------
    def authenticate(self, req: Request) -> Response | None:
        """Check the bearer token; on success put its facts in `req.context`."""
        header = req.header("Authorization") or ""
        if not header.lower().startswith("bearer "):
            return unauthorized("AuthenticationUnsuccessful")
        token = header[7:].strip()
        rows = self.store.execute(
            "SELECT client_id, grant_id, scope, expires FROM oauth_access WHERE token = ?",
            (token,),
        )
        if not rows:
            return unauthorized("AuthenticationUnsuccessful")
        client_id, grant_id, scope, expires = rows[0]
        if expires < self.now():
            stamp = datetime.fromtimestamp(expires, tz=timezone.utc)
            return unauthorized(f"TokenExpired: token expired at {stamp:%m/%d/%Y %H:%M:%S}")
        req.context.update(client_id=client_id, grant_id=grant_id, scopes=set(scope.split()))
        return None

    @staticmethod
    def _connections_sql(context: dict) -> tuple[str, tuple[str, ...]]:
        """Which connections a token sees: its custom connection's, or its app's (user's)."""
        grant_id = context["grant_id"]
        if grant_id.startswith("cc-"):
            return "c.grant_id = ?", (grant_id,)
        return "c.client_id = ? AND c.grant_id NOT LIKE 'cc-%'", (context["client_id"],)

    def connected_tenants(self, context: dict) -> set[str]:
        where, params = self._connections_sql(context)
        rows = self.store.execute(
            f"SELECT c.tenant_id FROM oauth_connections c WHERE {where}", params
        )
        return {row[0] for row in rows}

    @staticmethod
    def scope_allows(
        scopes: set[str], collection: str, write: bool, item: str = "", rest: str = ""
    ) -> bool:
        """Whether `scopes` open `/api.xro/2.0/{collection}[/{rest}]` for reading or writing.

        `item` (the first segment of `rest`) matters for reports: a granular report scope
        opens its own report. A route of the resource's own with scopes of its own
        (`/BrandingThemes/{id}/PaymentServices`) needs those instead of the collection's.
        """
        resource = resources.by_collection(collection)
        needed = resource.scopes if resource is not None else OTHER_SCOPES.get(collection.lower())
        for route in resource.routes if resource is not None else ():
            pattern = re.sub(r"\{\w+\}", "[^/]+", route.path)
            if route.scopes and re.fullmatch(pattern, "/" + rest.rstrip("/"), re.IGNORECASE):
                needed = route.scopes
        if needed is None:
            return True
        if collection.lower() == "reports" and not write:
            # Any other item is a published report (`/Reports`, `/Reports/{ReportID}`).
            granular = REPORT_SCOPES.get(item.lower(), "accounting.reports.taxreports.read")
            if granular is not None and granular in scopes:
                return True
        return any(base in scopes or (not write and f"{base}.read" in scopes) for base in needed)

    def expire_all(self) -> int:
        """For tests: every access token expires now (as if 30 minutes had passed)."""
        with self.store.transaction():
            count = self.store.execute("SELECT COUNT(*) FROM oauth_access")[0][0]
            self.store.execute("UPDATE oauth_access SET expires = ?", (self.now() - 1,))
        return int(count)

    # --- connections -----------------------------------------------------------------------
    def list_connections(self, req: Request) -> Response:
        denied = self.authenticate(req)
        if denied:
            return denied
        where, params = self._connections_sql(req.context)
        rows = self.store.execute(
            "SELECT c.id, c.grant_id, c.tenant_id, t.name, t.tenant_type, c.created, c.updated"
            " FROM oauth_connections c JOIN tenants t ON t.tenant_id = c.tenant_id"
            f" WHERE {where} ORDER BY t.seq",
            params,
        )
        connections = [
            {
                "id": row[0],
                "authEventId": _auth_event_id(row[1]),
                "tenantId": row[2],
                "tenantType": row[4],
                "tenantName": row[3],
                "createdDateUtc": row[5],
                "updatedDateUtc": row[6],
            }
            for row in rows
        ]
        auth_event = req.arg("authEventId")
        if auth_event:  # Xero's optional filter (xero-identity.yaml)
            connections = [c for c in connections if c["authEventId"] == auth_event.lower()]
        return Response.json(200, connections)

    def delete_connection(self, req: Request) -> Response:
        denied = self.authenticate(req)
        if denied:
            return denied
        where, params = self._connections_sql(req.context)
        with self.store.transaction():
            rows = self.store.execute(
                f"SELECT c.id FROM oauth_connections c WHERE c.id = ? AND {where}",
                (req.params["connection_id"].lower(), *params),
            )
            if not rows:
                return Response.json(404, {"Title": "Not Found", "Status": 404})
            self.store.execute(
                "DELETE FROM oauth_connections WHERE id = ?", (req.params["connection_id"],)
            )
        return Response(204)


def _auth_event_id(grant_id: str) -> str:
    """A login's grant id is a UUID already; a custom connection's gets a stable one."""
    if grant_id.startswith("cc-"):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, grant_id))
    return grant_id
