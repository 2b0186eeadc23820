"""Which credentials and which organisation a command uses, in a fixed order.

Credentials: XERO_ACCESS_TOKEN (as is) -> `--sandbox` auto-login -> XERO_CLIENT_ID and
XERO_CLIENT_SECRET (client credentials) -> the profile's stored login. One exception: when
the profile holds a user login (PKCE) of the same client id, XERO_CLIENT_SECRET is that app's
secret for refreshing, not a custom connection.
Tenant: `--tenant`/XERO_TENANT_ID -> the profile's selection -> the only connection. Never the
first of several: the order of Xero's connections changes when a user connects another one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from xerocli import config, errors
from xerocli.api import guid
from xerocli.api.client import TokenSource, XeroClient
from xerocli.config import Endpoints
from xerocli.profiles import Profile

NOT_LOGGED_IN = (
    "not logged in: run `xero auth login`, or set XERO_ACCESS_TOKEN, or XERO_CLIENT_ID and"
    " XERO_CLIENT_SECRET for a custom connection (try `xero --sandbox ...` to play offline)"
)


@dataclass
class Credentials:
    """A token source and what it is, for `xero auth status` and the tenant choice."""

    source: TokenSource
    #: env-token, sandbox, env-client-credentials, pkce or client_credentials
    kind: str
    client_id: str | None = None
    #: Where the secrets are kept, said in words (no secret in it).
    storage: str = "memory"
    #: True when the credentials are the profile's, so its selected tenant applies.
    from_profile: bool = False


def resolve_credentials(
    endpoints: Endpoints, *, sandbox: bool, profile: Profile | None = None
) -> Credentials:
    token = os.environ.get(config.ENV_ACCESS_TOKEN)
    if token:
        from xerocli.api.tokens import StaticToken

        return Credentials(StaticToken(token), "env-token", storage="XERO_ACCESS_TOKEN")
    if sandbox:  # its own login, in memory: the token stores are not even imported
        from xerocli.api.sandbox_login import SANDBOX_CLIENT_ID, SandboxAutoLogin

        return Credentials(SandboxAutoLogin(endpoints), "sandbox", SANDBOX_CLIENT_ID)
    from xerocli.api import tokens as tk

    client_id = os.environ.get(config.ENV_CLIENT_ID)
    secret = os.environ.get(config.ENV_CLIENT_SECRET)
    stored_user_login = (
        profile is not None
        and profile.login == "pkce"
        and (not client_id or client_id == profile.client_id)
    )
    if client_id and secret and not stored_user_login:
        return Credentials(
            tk.ClientCredentialsTokens(endpoints, client_id, secret),
            "env-client-credentials",
            client_id,
            storage="XERO_CLIENT_ID and XERO_CLIENT_SECRET",
        )
    if profile is not None and profile.login and profile.client_id:
        check_login_server(profile, endpoints)
        kind = tk.store_kind(profile.token_store)
        store = tk.open_store(profile.name, kind)
        if profile.login == "pkce":
            return Credentials(
                tk.RefreshingTokens(endpoints, profile.name, store, profile.client_id),
                "pkce",
                profile.client_id,
                storage=store.describe(),
                from_profile=True,
            )
        if profile.login == "client_credentials":
            stored_secret = secret if client_id == profile.client_id and secret else None
            stored_secret = stored_secret or store.get(tk.CLIENT_SECRET)
            if not stored_secret:
                raise errors.AuthError(
                    f"profile {profile.name!r} has no stored client secret in"
                    f" {store.describe()}: run `xero auth login --client-credentials`"
                )
            return Credentials(
                tk.ClientCredentialsTokens(
                    endpoints,
                    profile.client_id,
                    stored_secret,
                    cache=tk.AccessCache(profile.name),
                ),
                "client_credentials",
                profile.client_id,
                storage=store.describe(),
                from_profile=True,
            )
    if profile is not None and profile.name != config.DEFAULT_PROFILE:
        from xerocli.profiles import config_path, list_profiles

        known = list_profiles()
        if profile.name not in known:  # a typo in a cron line, said as such
            raise errors.AuthError(
                f"profile {profile.name!r} is not in {config_path()} (profiles there:"
                f" {', '.join(known) or 'none'}): check the name, or log it in with `xero"
                f" --profile {profile.name} auth login`"
            )
    raise errors.AuthError(NOT_LOGGED_IN)


def check_login_server(profile: Profile, endpoints: Endpoints) -> None:
    """Refuse to send a profile's stored login anywhere but where it was made.

    A shell that still exports XERO_SANDBOX_URL (the sandbox's own advice) would otherwise
    hand a real Xero login's access token, refresh token and client secret to whatever
    listens there. Exit 2, nothing sent: the fix is in the environment."""
    stored, current = profile.login_issuer, endpoints.issuer
    if config.same_login_server(stored, current):
        return
    xero = config.url_origin(config.DEFAULT_IDENTITY_URL)
    if current == xero:  # a sandbox's login, used without its sandbox
        switch = f"point {config.ENV_SANDBOX_URL} (or --sandbox-url) at that sandbox"
    elif os.environ.get(config.ENV_IDENTITY_URL) and not os.environ.get(config.ENV_SANDBOX_URL):
        switch = f"check {config.ENV_IDENTITY_URL}"
    else:
        switch = f"unset {config.ENV_SANDBOX_URL} (or drop --sandbox-url)"
    raise errors.UsageError(
        f"profile {profile.name!r} is logged in at {stored}, not at {current}: its login is not"
        f" sent there; {switch}, or log in there under another profile"
        f" (`xero --profile NAME auth login`)"
    )


def resolve_token_source(
    endpoints: Endpoints, *, sandbox: bool, profile: Profile | None = None
) -> TokenSource:
    return resolve_credentials(endpoints, sandbox=sandbox, profile=profile).source


def list_connections(client: XeroClient) -> list[dict]:
    answer = client.request("GET", client.endpoints.connections, with_tenant=False)
    return answer.payload or []


def resolve_tenant(
    client: XeroClient, wanted: str | None, *, sandbox: bool, selected: str | None = None
) -> tuple[str, str | None]:
    """(tenant id, tenant name). A wanted value matches an id or a name (case-insensitive).

    An ID is used as given, without `GET /connections`: one round trip less for every cron
    call, and it works behind a gateway that serves only the Accounting API. Xero answers 403
    for an ID that is not connected, which names `xero tenants list`. Names still resolve."""
    choice = wanted or selected
    tenant_id = guid.canonical(choice) if choice else None
    if tenant_id is not None:
        return tenant_id, None
    connections = list_connections(client)
    if choice:
        for connection in connections:
            if choice.lower() in (
                str(connection.get("tenantId", "")).lower(),
                str(connection.get("tenantName", "")).lower(),
            ):
                return str(connection["tenantId"]), connection.get("tenantName")
        raise not_connected(choice, connections)
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


def not_connected(wanted: str, connections: list[dict]) -> errors.AuthError:
    """An organisation this login does not reach (exit 4, as Xero's 403 for it is): the
    same words for `--tenant`, XERO_TENANT_ID and `xero tenants select`."""
    names = ", ".join(repr(c.get("tenantName")) for c in connections) or "none"
    return errors.AuthError(f"no connected organisation matches {wanted!r} (connected: {names})")
