"""Logging in and out of Xero: Authorization Code + PKCE through a loopback callback, client
credentials for custom connections, and revocation.

This module prints nothing: the CLI passes a `notify` callable for what a person should read.
Nothing is stored here either: a login returns its tokens, and the CLI stores them only after
every step (code exchange, `/connections`) worked, so a failed login leaves no trace.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from xerocli import config, errors
from xerocli.api.pkce import challenge_for, new_state, new_verifier
from xerocli.api.tokens import OAuthError, TokenSet, token_request
from xerocli.config import Endpoints

log = logging.getLogger("xerocli.http")

LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def choose_scopes(scopes: str | None, legacy: bool) -> tuple[str, str]:
    """(scope string, which set it is): `--scopes` beats `--legacy-scopes` beats granular."""
    if scopes:
        cleaned = " ".join(scopes.replace(",", " ").split())
        if "offline_access" not in cleaned.split():
            # Without it Xero issues no refresh token and the login dies in 30 minutes.
            cleaned = "offline_access " + cleaned
        return cleaned, "the scopes given with --scopes"
    if legacy:
        return config.LEGACY_SCOPES, "the legacy scopes (apps created before March 2026)"
    return config.GRANULAR_SCOPES, "the granular scopes (required for apps from March 2026)"


def redirect_uri_for(base: str, port: int | None) -> str:
    """The profile's redirect URI, with `--port` replacing its port; loopback http only."""
    parts = urlsplit(base)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise errors.UsageError(
            f"redirect URI {base!r} must be http://localhost:PORT/PATH (or 127.0.0.1): the"
            " CLI receives the login on this machine"
        )
    if port is not None:
        if not 1 <= port <= 65535:
            raise errors.UsageError(f"--port {port} is not a port number (1-65535)")
        parts = parts._replace(netloc=f"{parts.hostname}:{port}")
    # Any other change would break Xero's exact match with the registered URI.
    return parts.geturl()


@dataclass
class Callback:
    code: str | None = None
    error: str | None = None
    description: str | None = None
    state_ok: bool = False


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>xero</title></head>
<body style="font-family:sans-serif;margin:3em"><h2>{title}</h2><p>{text}</p></body></html>"""


class CallbackServer:
    """A one-shot HTTP server on 127.0.0.1 at the redirect URI's port and path.

    It answers the first request to the path that carries this login's `state` with a short
    page, records it, and stops. Anyone on the machine can reach the port, so a request with
    a wrong or no state is refused (400) and does not count: it cannot end or cancel the
    login, which waits for the real answer until its timeout. Other paths (a favicon) get 404.
    """

    def __init__(self, redirect_uri: str, state: str) -> None:
        parts = urlsplit(redirect_uri)
        self.port = parts.port or 80
        self.path = parts.path or "/"
        self.state = state
        self.result: Callback | None = None
        self.done = threading.Event()
        #: Requests to the path with a wrong or no state, refused while waiting.
        self.refused = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "xerocli"
            sys_version = ""

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path != owner.path or owner.done.is_set():
                    self._page(404, "Not found", "This is not the login callback.")
                    return
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                result = Callback(
                    code=query.get("code"),
                    error=query.get("error"),
                    description=query.get("error_description"),
                    state_ok=_same(query.get("state"), owner.state),
                )
                if not result.state_ok:
                    owner.refused += 1
                    self._page(
                        400,
                        "Not this login",
                        "This answer does not belong to the login the terminal is waiting for;"
                        " it was ignored.",
                    )
                    return
                if result.error:
                    self._page(
                        400, "Login cancelled", f"Xero said: {result.error}. Nothing was stored."
                    )
                elif not result.code:
                    self._page(400, "Login failed", "Xero sent no authorisation code.")
                else:
                    self._page(
                        200,
                        "Logged in to Xero",
                        "You can close this tab and return to the terminal.",
                    )
                owner.result = result
                owner.done.set()

            def _page(self, status: int, title: str, text: str) -> None:
                body = PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Silent: the request line carries the authorisation code."""

        try:
            self.httpd = HTTPServer(("127.0.0.1", self.port), Handler)
        except OSError as exc:
            raise errors.UsageError(
                f"cannot listen on 127.0.0.1:{self.port} for the login callback"
                f" ({exc.strerror or type(exc).__name__}): free the port, or use --port N with"
                f" a redirect URI http://localhost:N{self.path} registered for your Xero app"
            ) from None
        self.httpd.timeout = 0.2
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    def wait(self, timeout: float) -> Callback:
        """The one callback, or an AuthError on timeout; always closes the server."""
        self._thread.start()
        try:
            if not self.done.wait(timeout):
                refused = (
                    f" ({self.refused} request(s) with a wrong or no state were refused)"
                    if self.refused
                    else ""
                )
                raise errors.AuthError(
                    f"no answer from the browser within {timeout:g} s{refused}; nothing was"
                    " stored: run `xero auth login` again (--timeout gives more time)"
                )
            assert self.result is not None
            return self.result
        finally:
            self.close()

    def close(self) -> None:
        if self._thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()


def _same(given: str | None, expected: str) -> bool:
    import secrets

    return given is not None and secrets.compare_digest(given.encode(), expected.encode())


def authorize_url(
    endpoints: Endpoints,
    *,
    client_id: str,
    redirect_uri: str,
    scopes: str,
    state: str,
    challenge: str,
) -> str:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scopes,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return f"{endpoints.authorize}?{urlencode(params)}"


def pkce_login(
    endpoints: Endpoints,
    *,
    client_id: str,
    redirect_uri: str,
    scopes: str,
    client_secret: str | None = None,
    timeout: float = 300.0,
    open_browser: bool = True,
    notify: Callable[[str], None] = lambda text: None,
) -> TokenSet:
    """Run the browser flow and exchange the code; returns the tokens (stores nothing)."""
    verifier, state = new_verifier(), new_state()
    server = CallbackServer(redirect_uri, state)  # fails before the browser if the port is busy
    url = authorize_url(
        endpoints,
        client_id=client_id,
        redirect_uri=redirect_uri,
        scopes=scopes,
        state=state,
        challenge=challenge_for(verifier),
    )
    opened = False
    if open_browser:
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except Exception:  # no browser at all is not an error: the URL is printed
            opened = False
    if opened:
        notify(f"Opened your browser to log in to Xero. If it did not open, visit:\n{url}")
    else:
        notify(f"Open this URL in a browser to log in to Xero:\n{url}")
    notify(f"Waiting for Xero to redirect to {redirect_uri} (up to {timeout:g} s)...")
    try:
        callback = server.wait(timeout)
    except BaseException:
        server.close()
        raise
    if not callback.state_ok:
        raise errors.AuthError(
            "the login answer's state did not match this login (a stale browser tab, or"
            " someone else's link); nothing was stored: run `xero auth login` again"
        )
    if callback.error:
        detail = f" ({callback.description})" if callback.description else ""
        if callback.error == "access_denied":
            raise errors.AuthError(
                f"consent was denied at Xero{detail}; nothing was stored: run `xero auth login`"
                " and allow access"
            )
        hint = (
            ": the app may need the other scope set (--legacy-scopes, or --scopes)"
            if callback.error == "invalid_scope"
            else ""
        )
        raise errors.AuthError(
            f"Xero refused the login ({callback.error}{detail}){hint}; nothing was stored"
        )
    assert callback.code is not None
    try:
        return token_request(
            endpoints,
            {
                "grant_type": "authorization_code",
                "code": callback.code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
            },
            client_id=client_id,
            client_secret=client_secret,
        )
    except OAuthError as exc:
        raise errors.AuthError(
            f"Xero refused to exchange the login code ({exc.error}); nothing was stored: run"
            " `xero auth login` again"
        ) from None


def client_credentials_login(
    endpoints: Endpoints, *, client_id: str, client_secret: str, scopes: str | None = None
) -> TokenSet:
    try:
        data = {"grant_type": "client_credentials"}
        if scopes:
            data["scope"] = scopes
        return token_request(endpoints, data, client_id=client_id, client_secret=client_secret)
    except OAuthError as exc:
        raise errors.AuthError(
            f"Xero refused the client credentials ({exc.error}); check the client id and secret"
            " of your custom connection; nothing was stored"
        ) from None


def revoke(
    endpoints: Endpoints, *, client_id: str, refresh_token: str, client_secret: str | None = None
) -> None:
    """Revoke a refresh token (and with it the connections it granted) at Xero."""
    import httpx

    from xerocli.api.client import shared_http

    form = {"token": refresh_token}
    auth = None
    if client_secret:
        auth = (client_id, client_secret)
    else:
        form["client_id"] = client_id
    log.debug("> POST %s (body redacted)", endpoints.revocation)
    try:
        answer = shared_http().post(endpoints.revocation, data=form, auth=auth, timeout=30)
    except httpx.TransportError as exc:
        raise errors.UnavailableError(
            f"could not reach Xero's revocation endpoint ({type(exc).__name__})"
        ) from None
    log.debug("< POST %s %d", endpoints.revocation, answer.status_code)
    if answer.status_code != 200:
        from xerocli.api.tokens import oauth_error

        error, _ = oauth_error(answer)
        raise errors.AuthError(f"Xero refused to revoke the refresh token ({error})")


def fetch_connections(endpoints: Endpoints, access_token: str) -> list[dict]:
    """The organisations this token may use (`GET /connections`, no tenant header)."""
    from xerocli.api.client import XeroClient
    from xerocli.api.credentials import list_connections
    from xerocli.api.tokens import StaticToken

    with XeroClient(endpoints, StaticToken(access_token), None) as client:
        return list_connections(client)
