"""`xero auth login|status|token|logout`: log in to Xero, see and use the login, end it.

Thin: options are parsed here, the protocol lives in `xerocli.api.auth`, tokens and stores in
`xerocli.api.tokens`, profiles in `xerocli.profiles`. Messages go to stderr; only `auth token`
(the token) and `auth status` (a report without secrets) write to stdout.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import typer

from xerocli import config, errors

app = typer.Typer(
    name="auth", no_args_is_help=True, help="Log in to Xero, show the login, print a token."
)


#: The client ids a sandbox's demo company comes with (`xero sandbox serve` shows them; the
#: sandbox keeps its own copy: the two share only the wire format). Used when no client id is
#: given and the endpoint is a sandbox (`--sandbox-url` or XERO_SANDBOX_URL).
SANDBOX_DEMO_APP_CLIENT_ID = "xerocli-sandbox"
SANDBOX_DEMO_CONNECTION_CLIENT_ID = "SANDBOXCUSTOMCONNECTION00000001"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _hidden_prompt(label: str) -> str:
    import getpass

    value = getpass.getpass(f"{label}: ", stream=sys.stderr).strip()
    if not value:
        raise errors.UsageError(f"no {label.lower()} given")
    return value


@app.command("login")
def login(
    ctx: typer.Context,
    client_id: str | None = typer.Option(
        None,
        "--client-id",
        help="The app's client id (else XERO_CLIENT_ID, else the profile, else a sandbox's"
        " demo app when XERO_SANDBOX_URL or --sandbox-url is set).",
    ),
    client_credentials: bool = typer.Option(
        False,
        "--client-credentials",
        help="Log in as a custom connection (client id and secret; the secret from"
        " XERO_CLIENT_SECRET, the keyring or a hidden prompt, never a flag).",
    ),
    port: int | None = typer.Option(
        None, "--port", help="Loopback port of the redirect URI (default 8749 or the profile's)."
    ),
    timeout: float = typer.Option(
        300, "--timeout", min=0.1, help="Seconds to wait for the browser's answer."
    ),
    no_browser: bool = typer.Option(
        False, "--no-browser", help="Print the login URL on stderr instead of opening a browser."
    ),
    scopes: str | None = typer.Option(
        None, "--scopes", help="Space-separated scopes, instead of the default set."
    ),
    legacy_scopes: bool = typer.Option(
        False, "--legacy-scopes", help="Ask for the legacy scopes (apps made before March 2026)."
    ),
    ask_secret: bool = typer.Option(
        False,
        "--ask-secret",
        help="The app has a client secret: ask for it (hidden) unless XERO_CLIENT_SECRET is set.",
    ),
) -> None:
    """Log in: a browser login with PKCE (default) or a custom connection."""
    from xerocli.api import tokens as tk
    from xerocli.api.auth import fetch_connections

    app_ctx = ctx.obj
    if app_ctx.options.sandbox:
        raise errors.UsageError(
            "--sandbox logs in by itself: use `xero auth login` with XERO_SANDBOX_URL instead"
        )
    if os.environ.get(config.ENV_ACCESS_TOKEN):
        _say("Note: XERO_ACCESS_TOKEN is set and takes precedence over this login.")
    profile = app_ctx.profile()
    endpoints = app_ctx.endpoints()
    client_id = client_id or os.environ.get(config.ENV_CLIENT_ID) or profile.client_id
    if not client_id and app_ctx.sandbox_url():
        client_id = (
            SANDBOX_DEMO_CONNECTION_CLIENT_ID if client_credentials else SANDBOX_DEMO_APP_CLIENT_ID
        )
        _say(f"Using the sandbox's demo app {client_id} (no client id given).")
    if not client_id:
        app = (
            "a custom connection app at developer.xero.com (its client id and secret)"
            if client_credentials
            else "an app at developer.xero.com with the redirect URI"
            f" {profile.effective_redirect_uri}"
        )
        raise errors.UsageError(
            "no client id: pass --client-id, set XERO_CLIENT_ID, or put client_id in the"
            f" profile; create {app}"
        )
    kind = tk.store_kind(profile.token_store)
    store = tk.open_store(profile.name, kind)
    # Touch the store first: a missing or locked keyring fails now, not after the browser;
    # so does a state dir that cannot keep the token cache (exit 2, naming it).
    previous_secret = store.get(tk.CLIENT_SECRET)
    cache = tk.AccessCache(profile.name)
    cache.check_writable()

    if client_credentials:
        if port is not None or no_browser or ask_secret or legacy_scopes:
            raise errors.UsageError(
                "--port, --no-browser, --ask-secret and --legacy-scopes are for browser logins,"
                " not --client-credentials"
            )
        secret = os.environ.get(config.ENV_CLIENT_SECRET)
        if (
            not secret
            and profile.client_id == client_id
            and config.same_login_server(profile.login_issuer, endpoints.issuer)
        ):
            secret = previous_secret  # never a secret kept for another server
        if not secret:
            if not _interactive():
                raise errors.UsageError(
                    "no client secret: set XERO_CLIENT_SECRET (secrets are never flags), or run"
                    " on a terminal to be asked"
                )
            secret = _hidden_prompt("Client secret")
        from xerocli.api.auth import client_credentials_login

        tokens = client_credentials_login(
            endpoints, client_id=client_id, client_secret=secret, scopes=scopes
        )
        connections = fetch_connections(endpoints, tokens.access_token)
        store.set(tk.CLIENT_SECRET, secret)
        store.delete(tk.REFRESH_TOKEN)
        cache.write_or_fail(tokens, client_id)
        profile.client_id = client_id
        profile.login = "client_credentials"
        profile.token_store = kind
        profile.issuer = endpoints.issuer
        _choose_tenant(profile, connections)
        path = _save(profile)
        _say(
            f"Logged in profile {profile.name!r} as the custom connection {client_id}; the"
            f" client secret is in {store.describe()}; profile saved in {path}."
        )
        _report_tenant(profile, connections)
        return

    from xerocli.api.auth import choose_scopes, pkce_login, redirect_uri_for

    if scopes or legacy_scopes or not profile.scopes:
        scope_text, label = choose_scopes(scopes, legacy_scopes)
    else:
        scope_text, label = choose_scopes(profile.scopes, False)
        label = "the profile's scopes"
    redirect_uri = redirect_uri_for(profile.effective_redirect_uri, port)
    secret = os.environ.get(config.ENV_CLIENT_SECRET)
    if ask_secret and not secret:
        if not _interactive():
            raise errors.UsageError("--ask-secret needs a terminal; set XERO_CLIENT_SECRET instead")
        secret = _hidden_prompt("Client secret")
    _say(f"Asking for {label}: {scope_text}")
    try:
        tokens = pkce_login(
            endpoints,
            client_id=client_id,
            redirect_uri=redirect_uri,
            scopes=scope_text,
            client_secret=secret,
            timeout=timeout,
            open_browser=not no_browser,
            notify=_say,
        )
        connections = fetch_connections(endpoints, tokens.access_token)
    except KeyboardInterrupt:
        raise errors.Interrupted("login interrupted; nothing was stored") from None
    if not tokens.refresh_token:
        raise errors.AuthError(
            "Xero issued no refresh token (is offline_access among the scopes?); nothing was stored"
        )
    store.set(tk.REFRESH_TOKEN, tokens.refresh_token)
    if secret:
        store.set(tk.CLIENT_SECRET, secret)
    else:
        store.delete(tk.CLIENT_SECRET)
    cache.write_or_fail(tokens, client_id)
    profile.client_id = client_id
    profile.login = "pkce"
    profile.token_store = kind
    profile.issuer = endpoints.issuer
    if redirect_uri != config.DEFAULT_REDIRECT_URI or profile.redirect_uri:
        profile.redirect_uri = redirect_uri
    if scopes or legacy_scopes:
        profile.scopes = scope_text
    _choose_tenant(profile, connections)
    path = _save(profile)
    _say(
        f"Logged in profile {profile.name!r} with app {client_id}; the refresh token is in"
        f" {store.describe()}; profile saved in {path}."
    )
    _report_tenant(profile, connections)


def _save(profile: Any):
    from xerocli.profiles import save_profile

    return save_profile(profile)


def _choose_tenant(profile: Any, connections: list[dict]) -> None:
    """One connection: select it. Several: keep a still-connected selection, ask on a
    terminal, or leave the choice to `xero tenants select` (never the first silently)."""
    by_id = {str(c.get("tenantId", "")).lower(): c for c in connections}
    chosen: dict | None = None
    if len(connections) == 1:
        chosen = connections[0]
    elif profile.tenant_id and profile.tenant_id.lower() in by_id:
        chosen = by_id[profile.tenant_id.lower()]
    elif len(connections) > 1 and _interactive():
        _say("Several organisations are connected:")
        for index, connection in enumerate(connections, start=1):
            _say(f"  {index}. {connection.get('tenantName')} ({connection.get('tenantId')})")
        answer = typer.prompt(
            f"Choose one [1-{len(connections)}]", type=int, err=True, default=None
        )
        if answer is not None and 1 <= answer <= len(connections):
            chosen = connections[answer - 1]
    if chosen is None:
        profile.tenant_id = profile.tenant_name = None
    else:
        profile.tenant_id = str(chosen.get("tenantId"))
        profile.tenant_name = chosen.get("tenantName")


def _report_tenant(profile: Any, connections: list[dict]) -> None:
    if not connections:
        _say("No organisation is connected to this login yet: connect one and log in again.")
    elif profile.tenant_id:
        _say(f"Selected organisation: {profile.tenant_name} ({profile.tenant_id}).")
    else:
        names = ", ".join(str(c.get("tenantName")) for c in connections)
        _say(
            f"{len(connections)} organisations are connected ({names}): choose one with"
            " `xero tenants select NAME`."
        )


LOGIN_KINDS = {
    "env-token": "an access token from XERO_ACCESS_TOKEN",
    "sandbox": "the sandbox's automatic login",
    "env-client-credentials": "a custom connection from XERO_CLIENT_ID and XERO_CLIENT_SECRET",
    "pkce": "a user's login (Authorization Code with PKCE)",
    "client_credentials": "a custom connection (client credentials)",
}


@app.command("status")
def status(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="As JSON."),
) -> None:
    """Show the profile, login, organisations, scopes, token expiry and storage.

    Exits 4 with the reason when there is no working login (or the selected organisation is
    not connected). In `--json`, `storage` is a keyword (keyring, file, env, memory) with the
    words in `storage_detail`, and `scopes` a list.
    """
    from xerocli.api.tokens import REFRESH_TOKEN, AccessCache
    from xerocli.profiles import config_path

    app_ctx = ctx.obj
    profile = app_ctx.profile()
    report: dict[str, Any] = {
        "profile": profile.name,
        "config": str(config_path()),
        "login": None,
        "client_id": profile.client_id,
        #: Where the login is made and refreshed (a stored one is sent nowhere else).
        "server": None,
        "storage": None,
        "storage_detail": None,
        "scopes": None,
        "access_token_expires": None,
        "tenants": [],
        "selected_tenant": None,
        "ok": False,
        "problem": None,
    }
    try:
        credentials = app_ctx.credentials()
        report["login"] = credentials.kind
        report["client_id"] = credentials.client_id or profile.client_id
        report["server"] = (
            profile.login_issuer if credentials.from_profile else app_ctx.endpoints().issuer
        )
        client = app_ctx.bare_client()
        client.tokens.access_token()  # refreshes first when needed
        report["storage"] = _storage_keyword(credentials.kind, profile.token_store)
        report["storage_detail"] = credentials.storage
        if credentials.from_profile:
            store = getattr(credentials.source, "store", None)
            if store is not None:
                # A user login lives on its refresh token: check it is still in the store.
                if not store.get(REFRESH_TOKEN):
                    raise errors.AuthError(
                        f"no refresh token in {store.describe()}: run `xero auth login`"
                    )
                report["storage_detail"] = store.describe()
            cached = AccessCache(profile.name).read() or {}
            report["scopes"] = str(cached.get("scope") or "").split() or None
            if cached.get("expires_at"):
                report["access_token_expires"] = _iso(float(cached["expires_at"]))
        from xerocli.api.credentials import list_connections

        connections = list_connections(client)
        wanted = app_ctx.wanted_tenant()
        chosen = app_ctx.selected_among(connections)
        for connection in connections:
            selected = connection is chosen
            entry = {
                "tenantId": connection.get("tenantId"),
                "tenantName": connection.get("tenantName"),
                "tenantType": connection.get("tenantType"),
                "selected": selected,
            }
            report["tenants"].append(entry)
            if selected:
                report["selected_tenant"] = entry
        report["ok"] = True
        if wanted and report["selected_tenant"] is None:
            report["ok"] = False
            report["problem"] = (
                f"the selected organisation {wanted!r} is not connected to this login: run"
                " `xero tenants list` and `xero tenants select`"
            )
    except errors.XeroCliError as exc:
        report["problem"] = exc.message
        failure = exc
    else:
        failure = None
    if as_json:
        from xerocli.output.jsonfmt import dumps_pretty

        sys.stdout.write(dumps_pretty(report) + "\n")
    else:
        sys.stdout.write(_status_text(report))
    if not report["ok"]:
        if failure is not None:
            raise failure
        raise errors.AuthError(report["problem"] or "the login is broken")


def _storage_keyword(kind: str, token_store: str | None) -> str:
    """Where the login's secrets live, as one word a script can compare."""
    if kind.startswith("env"):
        return "env"
    if kind == "sandbox":
        return "memory"
    from xerocli.api.tokens import store_kind

    return store_kind(token_store)


def _iso(when: float) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(when, tz=timezone.utc).isoformat(timespec="seconds")


def _status_text(report: dict[str, Any]) -> str:
    profile = f"{report['profile']} ({report['config']})"
    if report["login"] == "sandbox":  # nothing of the profile is read or written
        profile = f"none (`--sandbox` logs in by itself; profile {report['profile']} is untouched)"
    lines = [f"Profile:        {profile}"]
    login = LOGIN_KINDS.get(report["login"] or "", "not logged in")
    if report["client_id"]:
        login += f", app {report['client_id']}"
    lines.append(f"Login:          {login}")
    if report["server"]:
        lines.append(f"Logged in at:   {report['server']}")
    if report["storage_detail"]:
        lines.append(f"Stored in:      {report['storage_detail']}")
    if report["scopes"]:
        lines.append(f"Scopes:         {' '.join(report['scopes'])}")
    if report["access_token_expires"]:
        from datetime import datetime

        left = datetime.fromisoformat(report["access_token_expires"]).timestamp() - time.time()
        when = f"in {int(left // 60)} min" if left > 0 else "expired; refreshed on next use"
        lines.append(f"Access token:   expires {report['access_token_expires']} ({when})")
    if report["tenants"]:
        lines.append("Organisations:")
        for tenant in report["tenants"]:
            mark = "*" if tenant["selected"] else " "
            lines.append(f"  {mark} {tenant['tenantName']} ({tenant['tenantId']})")
    selected = report["selected_tenant"]
    if selected:
        lines.append(f"Selected:       {selected['tenantName']} ({selected['tenantId']})")
    elif report["ok"]:
        lines.append("Selected:       none (choose with `xero tenants select NAME`)")
    if report["problem"]:
        lines.append(f"Problem:        {report['problem']}")
    return "\n".join(lines) + "\n"


@app.command("token")
def token(ctx: typer.Context) -> None:
    """Print a valid access token (refreshed first if needed) and nothing else."""
    from xerocli.cli.auth_body import print_token

    print_token(ctx)


token.fast_target = ("xerocli.cli.auth_body", "print_token", ())  # type: ignore[attr-defined]


@app.command("logout")
def logout(ctx: typer.Context) -> None:
    """Revoke the profile's refresh token at Xero and remove its secrets from storage."""
    from xerocli.api import tokens as tk
    from xerocli.api.auth import revoke

    app_ctx = ctx.obj
    profile = app_ctx.profile()
    for name in (config.ENV_ACCESS_TOKEN, config.ENV_CLIENT_SECRET):
        if os.environ.get(name):
            _say(f"Note: {name} is set in the environment; logout cannot unset it.")
    if not profile.login:
        _say(f"Profile {profile.name!r} has no stored login; nothing to remove.")
        return
    from xerocli.api.credentials import check_login_server

    check_login_server(profile, app_ctx.endpoints())  # revoking sends the refresh token
    store = tk.open_store(profile.name, tk.store_kind(profile.token_store))
    refresh_token = store.get(tk.REFRESH_TOKEN)
    if refresh_token and profile.client_id:
        secret = store.get(tk.CLIENT_SECRET)
        try:
            revoke(
                app_ctx.endpoints(),
                client_id=profile.client_id,
                refresh_token=refresh_token,
                client_secret=secret,
            )
            _say("Revoked the refresh token at Xero (and the connections it granted).")
        except (errors.AuthError, errors.UnavailableError) as exc:
            _say(f"Warning: {exc.message}; removing the login from this machine anyway.")
    removed = [
        label
        for key, label in ((tk.REFRESH_TOKEN, "refresh token"), (tk.CLIENT_SECRET, "client secret"))
        if store.delete(key)
    ]
    tk.AccessCache(profile.name).clear()
    was = profile.login
    profile.login = profile.issuer = None
    profile.tenant_id = profile.tenant_name = None
    _save(profile)
    where = (
        f"removed the {' and '.join(removed)} from {store.describe()}"
        if removed
        else f"nothing was left in {store.describe()}"
    )
    _say(f"Logged out profile {profile.name!r} ({was}): {where}, and the cached access token.")
