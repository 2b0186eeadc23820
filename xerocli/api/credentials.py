"""Which credentials and which organisation a command uses, in a fixed order.

Credentials: XERO_ACCESS_TOKEN (as is) -> `--sandbox` auto-login -> XERO_CLIENT_ID and
XERO_CLIENT_SECRET (client credentials) -> the profile's stored login.
Tenant: `--tenant`/XERO_TENANT_ID -> the profile's selection -> the only connection. Never the
first of several: the order of Xero's connections changes when a user connects another one.
"""

from __future__ import annotations

import os

from xerocli import config, errors
from xerocli.api.client import TokenSource, XeroClient
from xerocli.config import Endpoints


def resolve_token_source(endpoints: Endpoints, *, sandbox: bool) -> TokenSource:
    from xerocli.api.tokens import ClientCredentialsTokens, StaticToken

    token = os.environ.get(config.ENV_ACCESS_TOKEN)
    if token:
        return StaticToken(token)
    if sandbox:
        from xerocli.api.sandbox_login import SandboxAutoLogin

        return SandboxAutoLogin(endpoints)
    client_id = os.environ.get(config.ENV_CLIENT_ID)
    secret = os.environ.get(config.ENV_CLIENT_SECRET)
    if client_id and secret:
        return ClientCredentialsTokens(endpoints, client_id, secret)
    raise errors.AuthError(
        "not logged in: run `xero auth login`, or set XERO_ACCESS_TOKEN, or XERO_CLIENT_ID and"
        " XERO_CLIENT_SECRET for a custom connection (try `xero --sandbox ...` to play offline)"
    )


def list_connections(client: XeroClient) -> list[dict]:
    answer = client.request("GET", client.endpoints.connections, with_tenant=False)
    return answer.payload or []


def resolve_tenant(
    client: XeroClient, wanted: str | None, *, sandbox: bool, selected: str | None = None
) -> tuple[str, str | None]:
    """(tenant id, tenant name). A wanted value matches an id or a name (case-insensitive)."""
    choice = wanted or selected
    if choice and not sandbox and _looks_like_uuid(choice) and not wanted:
        return choice.lower(), None
    connections = list_connections(client)
    if choice:
        for connection in connections:
            if choice.lower() in (
                str(connection.get("tenantId", "")).lower(),
                str(connection.get("tenantName", "")).lower(),
            ):
                return str(connection["tenantId"]), connection.get("tenantName")
        names = ", ".join(repr(c.get("tenantName")) for c in connections) or "none"
        raise errors.UsageError(
            f"no connected organisation matches {choice!r} (connected: {names})"
        )
    if len(connections) == 1 or (sandbox and connections):
        # The sandbox's demo user always has its first demo company; a real login never
        # picks one of several silently.
        return str(connections[0]["tenantId"]), connections[0].get("tenantName")
    if not connections:
        raise errors.AuthError("no organisation is connected to this login: run `xero auth login`")
    raise errors.UsageError(
        f"{len(connections)} organisations are connected: choose one with `xero tenants select"
        " NAME`, --tenant NAME, or XERO_TENANT_ID"
    )


def _looks_like_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
