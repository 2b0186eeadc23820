"""Token sources: where the client's access tokens come from.

Each implements `access_token()` and `refreshed_token(rejected)` (called once after a 401).
"""

from __future__ import annotations

import threading
import time

import httpx

from xerocli import errors
from xerocli.config import Endpoints

#: Refresh this long before Xero's expiry, so a token never dies mid-request.
EXPIRY_MARGIN_SECONDS = 60


class StaticToken:
    """`XERO_ACCESS_TOKEN`: used as is, like `GH_TOKEN`; a 401 cannot be fixed by us."""

    def __init__(self, token: str) -> None:
        self._token = token

    def access_token(self) -> str:
        return self._token

    def refreshed_token(self, rejected: str) -> str:
        raise errors.AuthError(
            "Xero rejected XERO_ACCESS_TOKEN (expired or revoked); set a fresh one or unset it"
            " and run `xero auth login`"
        )


class ClientCredentialsTokens:
    """Custom connections: a new access token every 30 minutes, no refresh token."""

    def __init__(
        self, endpoints: Endpoints, client_id: str, client_secret: str, scopes: str | None = None
    ) -> None:
        self.endpoints = endpoints
        self.client_id = client_id
        self._secret = client_secret
        self.scopes = scopes
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def _fetch(self) -> str:
        data = {"grant_type": "client_credentials"}
        if self.scopes:
            data["scope"] = self.scopes
        try:
            answer = httpx.post(
                self.endpoints.token, data=data, auth=(self.client_id, self._secret), timeout=30
            )
        except httpx.TransportError as exc:
            raise errors.UnavailableError(
                f"could not reach Xero's token endpoint ({type(exc).__name__})"
            ) from None
        if answer.status_code != 200:
            error = _oauth_error(answer)
            raise errors.AuthError(
                f"Xero refused the client credentials ({error}); check XERO_CLIENT_ID and"
                " XERO_CLIENT_SECRET for your custom connection"
            )
        body = answer.json()
        self._token = body["access_token"]
        self._expires = time.time() + float(body.get("expires_in", 1800)) - EXPIRY_MARGIN_SECONDS
        return self._token

    def access_token(self) -> str:
        with self._lock:
            if self._token is None or time.time() >= self._expires:
                return self._fetch()
            return self._token

    def refreshed_token(self, rejected: str) -> str:
        with self._lock:
            if self._token == rejected or self._token is None:
                return self._fetch()
            return self._token


def _oauth_error(answer: httpx.Response) -> str:
    try:
        return str(answer.json().get("error", answer.status_code))
    except ValueError:
        return str(answer.status_code)
