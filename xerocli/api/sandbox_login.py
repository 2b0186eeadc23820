"""`xero --sandbox`: log into a sandbox with no browser and no configuration.

The sandbox's authorize endpoint consents by itself, so the whole Authorization Code + PKCE
flow runs over plain HTTP: ask for a code, read it from the redirect, exchange it. This is the
same protocol as a real login (the sandbox checks the verifier), minus the human. Tokens stay
in memory: a sandbox run never touches the user's keyring.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import parse_qs, urlsplit

import httpx

from xerocli import errors
from xerocli.api.client import shared_http
from xerocli.api.pkce import challenge_for, new_state, new_verifier
from xerocli.config import GRANULAR_SCOPES, Endpoints

SANDBOX_CLIENT_ID = "xerocli-sandbox"
SANDBOX_REDIRECT_URI = "http://localhost:8749/callback"
#: What `xero auth login` asks a new app for, so `--sandbox` behaves as a fresh login would.
SANDBOX_SCOPES = GRANULAR_SCOPES


class SandboxAutoLogin:
    def __init__(self, endpoints: Endpoints) -> None:
        self.endpoints = endpoints
        self._lock = threading.Lock()
        self._access: str | None = None
        self._refresh: str | None = None
        self._expires = 0.0

    def _login(self) -> None:
        verifier, state = new_verifier(), new_state()
        params = {
            "response_type": "code",
            "client_id": SANDBOX_CLIENT_ID,
            "redirect_uri": SANDBOX_REDIRECT_URI,
            "scope": SANDBOX_SCOPES,
            "state": state,
            "code_challenge": challenge_for(verifier),
            "code_challenge_method": "S256",
        }
        try:
            http = shared_http()
            answer = http.get(self.endpoints.authorize, params=params, timeout=30)
            query = parse_qs(urlsplit(answer.headers.get("Location", "")).query)
            if query.get("state") != [state] or "code" not in query:
                raise errors.AuthError("the sandbox did not grant a login code")
            token = http.post(
                self.endpoints.token,
                data={
                    "grant_type": "authorization_code",
                    "client_id": SANDBOX_CLIENT_ID,
                    "code": query["code"][0],
                    "redirect_uri": SANDBOX_REDIRECT_URI,
                    "code_verifier": verifier,
                },
                timeout=30,
            )
        except httpx.TransportError as exc:
            raise errors.UnavailableError(
                f"could not reach the sandbox at {self.endpoints.token} ({type(exc).__name__})"
            ) from None
        self._take(token)

    def _take(self, answer: httpx.Response) -> None:
        if answer.status_code != 200:
            raise errors.AuthError(f"the sandbox refused the login ({answer.status_code})")
        body = answer.json()
        self._access = body["access_token"]
        self._refresh = body.get("refresh_token")
        lifetime = float(body.get("expires_in", 1800))
        # Half a minute early, or a tenth of the life of a short-lived token: a margin longer
        # than the life itself would refresh before every call.
        self._expires = time.time() + lifetime - min(30.0, lifetime / 10)

    def access_token(self) -> str:
        with self._lock:
            if self._access is None:
                self._login()
            elif time.time() >= self._expires:
                self._refresh_or_login()
            assert self._access is not None
            return self._access

    def _refresh_or_login(self) -> None:
        if self._refresh:
            answer = shared_http().post(
                self.endpoints.token,
                data={
                    "grant_type": "refresh_token",
                    "client_id": SANDBOX_CLIENT_ID,
                    "refresh_token": self._refresh,
                },
                timeout=30,
            )
            if answer.status_code == 200:
                self._take(answer)
                return
        self._login()

    def refreshed_token(self, rejected: str) -> str:
        with self._lock:
            if self._access == rejected:
                self._refresh_or_login()
            assert self._access is not None
            return self._access
