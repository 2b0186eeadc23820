"""Token sources and token stores: where access tokens come from, where secrets are kept.

Token sources implement `access_token()` and `refreshed_token(rejected)` (called once after a
401). Secrets (refresh tokens, client secrets) live in a store: the OS keyring by default, or
the opt-in 0600 file under the data dir (XERO_TOKEN_STORE=file) for servers without one.
Short-lived access tokens are cached with their expiry in a 0600 file in the state dir, not in
the keyring: Windows caps keyring secrets at 2,560 bytes, and concurrent processes reuse them.

Refresh is the delicate part: Xero rotates refresh tokens, so two processes refreshing the
same one lose the login. Refreshes run under a cross-process file lock, re-read the cache and
the store once the lock is held (another process may have refreshed already), and store the
new refresh token (read back) before the new access token is used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from xerocli import config, errors
from xerocli.config import Endpoints

log = logging.getLogger("xerocli.http")

#: Refresh this long before Xero's expiry, so a token never dies mid-request.
EXPIRY_MARGIN_SECONDS = 60
#: A keyring that does not answer in this time is locked or waiting on an unseen prompt
#: (XERO_KEYRING_TIMEOUT changes it).
KEYRING_TIMEOUT_SECONDS = 10.0
#: How long a process waits for another one's refresh before giving up.
REFRESH_LOCK_TIMEOUT_SECONDS = 60.0

REFRESH_TOKEN = "refresh_token"
CLIENT_SECRET = "client_secret"


# --- token responses ------------------------------------------------------------------------
@dataclass
class TokenSet:
    """A token endpoint's answer, with absolute times (never printed: it holds secrets)."""

    access_token: str
    expires_at: float
    refresh_at: float
    scope: str = ""
    refresh_token: str | None = None

    @classmethod
    def from_response(cls, body: dict[str, Any], now: float | None = None) -> TokenSet:
        now = time.time() if now is None else now
        lifetime = float(body.get("expires_in", 1800))
        # Refresh a minute early, or a tenth of the lifetime for very short-lived tokens, so
        # a token never dies mid-request and never looks expired the moment it is issued.
        margin = min(EXPIRY_MARGIN_SECONDS, lifetime / 10)
        return cls(
            access_token=str(body["access_token"]),
            expires_at=now + lifetime,
            refresh_at=now + lifetime - margin,
            scope=str(body.get("scope", "")),
            refresh_token=body.get("refresh_token"),
        )

    def __repr__(self) -> str:  # a traceback or a debugger must never show the secrets
        return f"TokenSet(expires_at={self.expires_at:.0f}, scope={self.scope!r})"


class OAuthError(errors.AuthError):
    """The token endpoint said no (`{"error": "invalid_grant"}` and friends)."""

    def __init__(self, message: str, error: str) -> None:
        super().__init__(message)
        self.error = error


def token_request(
    endpoints: Endpoints,
    data: dict[str, str],
    *,
    client_id: str,
    client_secret: str | None = None,
) -> TokenSet:
    """POST to Xero's token endpoint. Bodies hold secrets, so only the grant type is logged.

    With a secret the client authenticates with Basic auth; without one (PKCE, a public
    client) the client id goes in the form body.
    """
    form = dict(data)
    auth = None
    if client_secret:
        auth = (client_id, client_secret)
    else:
        form["client_id"] = client_id
    log.debug("> POST %s grant_type=%s (body redacted)", endpoints.token, form.get("grant_type"))
    from xerocli.api.client import shared_http

    answer = None
    for attempt in (1, 2):
        try:
            answer = shared_http().post(endpoints.token, data=form, auth=auth, timeout=30)
            break
        except httpx.TransportError as exc:
            # A lost answer to a refresh may be retried with the same token: Xero answers
            # the old refresh token with the same successor for a grace period.
            if attempt == 2:
                raise errors.UnavailableError(
                    f"could not reach Xero's token endpoint {endpoints.token}"
                    f" ({type(exc).__name__})"
                ) from None
    assert answer is not None
    log.debug("< POST %s %d", endpoints.token, answer.status_code)
    if answer.status_code != 200:
        error, description = oauth_error(answer)
        raise OAuthError(
            f"Xero's token endpoint refused the request ({error}"
            + (f": {description}" if description else "")
            + ")",
            error,
        )
    try:
        return TokenSet.from_response(answer.json())
    except (ValueError, KeyError, TypeError):
        raise errors.AuthError("Xero's token endpoint sent an answer without a token") from None


def oauth_error(answer: httpx.Response) -> tuple[str, str]:
    try:
        body = answer.json()
    except ValueError:
        return str(answer.status_code), ""
    if not isinstance(body, dict):
        return str(answer.status_code), ""
    return str(body.get("error", answer.status_code)), str(body.get("error_description", ""))


# --- secret stores --------------------------------------------------------------------------
class SecretStore(Protocol):
    kind: str

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None:
        """Store, then read back: a store that silently drops secrets fails here, not later."""
        ...

    def delete(self, key: str) -> bool: ...

    def describe(self) -> str: ...


def no_keyring_message(reason: str) -> str:
    return (
        f"no usable OS keyring ({reason}): set XERO_TOKEN_STORE=file to keep the login in a"
        f" 0600 file under {config.data_dir() / 'credentials'}, or use XERO_ACCESS_TOKEN, or"
        " XERO_CLIENT_ID and XERO_CLIENT_SECRET (a custom connection) with no stored login"
    )


class KeyringStore:
    """The OS keyring, one entry per profile and secret; never allowed to hang a cron job."""

    kind = "keyring"

    def __init__(self, profile: str) -> None:
        self.profile = profile
        self._backend: Any = None

    def _username(self, key: str) -> str:
        return f"{self.profile}:{key}"

    def _guarded(self, what: str, call: Callable[[Any], Any]) -> Any:
        """Run one keyring call in a helper thread with a deadline.

        A locked Secret Service may wait for an unlock prompt nobody sees; a cron job must
        fail fast instead, with a message naming the alternatives.
        """
        import keyring
        import keyring.errors

        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                if self._backend is None:
                    self._backend = _usable_backend(keyring.get_keyring())
                outcome["value"] = call(self._backend)
            except BaseException as exc:  # carried to the calling thread below
                outcome["error"] = exc

        worker = threading.Thread(target=run, name="xerocli-keyring", daemon=True)
        worker.start()
        deadline = keyring_timeout()
        worker.join(deadline)
        if worker.is_alive():
            raise errors.AuthError(
                no_keyring_message(
                    f"it did not answer within {deadline:g} s while trying to"
                    f" {what}: locked, or waiting for an unlock prompt"
                )
            )
        error = outcome.get("error")
        if isinstance(error, errors.XeroCliError):
            raise error
        if isinstance(error, keyring.errors.PasswordDeleteError):
            return False
        if error is not None:
            raise errors.AuthError(
                no_keyring_message(f"{type(error).__name__} while trying to {what}")
            ) from None
        return outcome.get("value")

    def get(self, key: str) -> str | None:
        return self._guarded(
            "read a secret",
            lambda backend: backend.get_password(config.KEYRING_SERVICE, self._username(key)),
        )

    def set(self, key: str, value: str) -> None:
        def write(backend: Any) -> str | None:
            backend.set_password(config.KEYRING_SERVICE, self._username(key), value)
            return backend.get_password(config.KEYRING_SERVICE, self._username(key))

        if self._guarded("store a secret", write) != value:
            raise errors.AuthError(
                no_keyring_message("it accepted a secret but did not give it back")
            )

    def delete(self, key: str) -> bool:
        def remove(backend: Any) -> bool:
            if backend.get_password(config.KEYRING_SERVICE, self._username(key)) is None:
                return False
            backend.delete_password(config.KEYRING_SERVICE, self._username(key))
            return True

        return bool(self._guarded("delete a secret", remove))

    def describe(self) -> str:
        backend = self._backend
        name = f"{type(backend).__module__}.{type(backend).__name__}" if backend else "default"
        return f"the OS keyring ({name})"


def keyring_timeout() -> float:
    raw = os.environ.get(config.ENV_KEYRING_TIMEOUT)
    try:
        return max(float(raw), 0.1) if raw else KEYRING_TIMEOUT_SECONDS
    except ValueError:
        raise errors.UsageError(
            f"{config.ENV_KEYRING_TIMEOUT}={raw!r} is not a number of seconds"
        ) from None


def _usable_backend(backend: Any) -> Any:
    """The fail and null backends raise or drop every secret: refuse them up front."""
    from keyring.backends import fail

    try:
        from keyring.backends import null

        null_types: tuple[type, ...] = (null.Keyring,)
    except ImportError:  # pragma: no cover - every supported keyring has it
        null_types = ()
    if isinstance(backend, fail.Keyring):
        raise errors.AuthError(no_keyring_message("no keyring backend is available"))
    if null_types and isinstance(backend, null_types):
        raise errors.AuthError(no_keyring_message("the null keyring backend drops secrets"))
    return backend


class FileStore:
    """The opt-in store: one JSON file per profile, mode 0600, under the data dir."""

    kind = "file"

    def __init__(self, profile: str, directory: Path | None = None) -> None:
        self.profile = profile
        self.path = (directory or config.data_dir() / "credentials") / f"{profile}.json"

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not valid JSON"
            raise errors.AuthError(
                f"cannot read the token file {self.path} ({reason}): remove it and run"
                " `xero auth login`"
            ) from None
        if not isinstance(data, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in data.items()
        ):
            kind = "an object of non-text values" if isinstance(data, dict) else json_kind(data)
            raise errors.AuthError(
                f"the token file {self.path} is damaged (it holds {kind}, not an object of"
                " secrets): remove it and run `xero auth login`"
            )
        return data

    def _write(self, values: dict[str, str]) -> None:
        from xerocli.profiles import write_atomic

        config.make_dir(self.path.parent, mode=0o700)
        write_atomic(self.path, json.dumps(values, indent=1), mode=0o600)

    def get(self, key: str) -> str | None:
        return self._read().get(key)

    def set(self, key: str, value: str) -> None:
        values = self._read()
        values[key] = value
        self._write(values)
        if self.get(key) != value:
            raise errors.AuthError(f"the token file {self.path} did not keep the secret")

    def delete(self, key: str) -> bool:
        values = self._read()
        if key not in values:
            return False
        del values[key]
        if values:
            self._write(values)
        else:
            self.path.unlink(missing_ok=True)
        return True

    def describe(self) -> str:
        return f"the file {self.path} (mode 0600)"


def store_kind(profile_store: str | None) -> str:
    """XERO_TOKEN_STORE, then the profile's choice, then the keyring."""
    kind = (os.environ.get(config.ENV_TOKEN_STORE) or profile_store or "keyring").lower()
    if kind not in config.TOKEN_STORES:
        raise errors.UsageError(
            f"XERO_TOKEN_STORE={kind!r} is not a token store: use 'keyring' or 'file'"
        )
    return kind


def open_store(profile: str, kind: str) -> SecretStore:
    return FileStore(profile) if kind == "file" else KeyringStore(profile)


# --- the access-token cache -----------------------------------------------------------------
class AccessCache:
    """The current access token and its expiry, shared by the profile's processes (0600)."""

    def __init__(self, profile: str) -> None:
        self.profile = profile
        directory = config.state_dir() / "tokens"
        self.path = directory / f"{profile}.json"
        self.lock_path = config.state_dir() / "locks" / f"{profile}.token.lock"

    def read(self) -> dict[str, Any] | None:
        """The cached record, or None when there is none or it is damaged.

        The cache only saves a refresh, so a damaged one (bad JSON, `refresh_at: "soon"`, a
        list) is discarded and the login refreshes, instead of failing every command."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.debug("ignoring the token cache %s: %s", self.path, type(exc).__name__)
            return None
        problem = cache_problem(data)
        if problem:
            log.debug("ignoring the token cache %s: %s", self.path, problem)
            return None
        return data

    def write(self, tokens: TokenSet, client_id: str) -> None:
        from xerocli.profiles import write_atomic

        config.make_dir(self.path.parent, mode=0o700)
        record = {
            "access_token": tokens.access_token,
            "expires_at": tokens.expires_at,
            "refresh_at": tokens.refresh_at,
            "scope": tokens.scope,
            "client_id": client_id,
        }
        write_atomic(self.path, json.dumps(record), mode=0o600)

    def check_writable(self) -> None:
        """A login fails before the browser, not after it, when the cache cannot be kept: its
        folder is created and takes a small file, or the state dir is named (exit 2)."""
        probe = self.path.with_name(f".probe.{os.getpid()}.tmp")
        try:
            config.make_dir(self.path.parent, mode=0o700)
            probe.write_text("{}", encoding="utf-8")
        except OSError as exc:
            raise config.state_dir_error(self.path.parent, exc) from None
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()

    def write_or_fail(self, tokens: TokenSet, client_id: str) -> None:
        """Cache a new login's token, or name the state dir (exit 2), never a traceback."""
        try:
            self.write(tokens, client_id)
        except OSError as exc:
            raise config.state_dir_error(self.path, exc) from None

    def write_or_skip(self, tokens: TokenSet, client_id: str) -> None:
        """Cache if the state dir lets us: the cache only saves a later refresh, so a full or
        read-only state dir must not fail a command that holds a good token."""
        try:
            self.write(tokens, client_id)
        except OSError as exc:
            log.debug("could not cache the access token in %s: %s", self.path, exc.strerror)

    def discard(self, rejected: str | None) -> None:
        """Forget a token Xero rejected (a 401), so `xero auth token` and `auth status` never
        hand it out again; a newer token another process cached stays."""
        if rejected is None:
            return
        record = self.read()
        if record is not None and record.get("access_token") == rejected:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def clear(self) -> bool:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True

    def valid_token(self, client_id: str, rejected: str | None = None) -> str | None:
        record = self.read()
        if not record or record.get("client_id") != client_id:
            return None
        token = str(record["access_token"])
        if token == rejected or time.time() >= float(record.get("refresh_at", 0)):
            return None
        return token

    def lock(self):
        from filelock import FileLock, Timeout

        try:
            config.make_dir(self.lock_path.parent, mode=0o700)
        except OSError as exc:
            raise config.state_dir_error(self.lock_path.parent, exc) from None
        lock = FileLock(str(self.lock_path), timeout=REFRESH_LOCK_TIMEOUT_SECONDS)
        return _LockGuard(lock, Timeout, self.lock_path)


def json_kind(value: Any) -> str:
    """`[1]` -> "a JSON array", for messages about damaged files."""
    if value is None:
        return "JSON null"
    if isinstance(value, bool):
        return "a JSON boolean"
    names = {list: "an array", str: "a string", int: "a number", float: "a number"}
    return "a JSON " + names.get(type(value), "value").removeprefix("a ").removeprefix("an ")


def cache_problem(data: Any) -> str | None:
    """What is wrong with a token cache record, or None when it can be used."""
    if not isinstance(data, dict):
        return f"it holds {json_kind(data)}, not an object"
    if not isinstance(data.get("access_token"), str) or not data["access_token"]:
        return "access_token is missing or not a string"
    for name in ("expires_at", "refresh_at"):
        value = data.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{name} is {value!r}, not a number"
    for name in ("client_id", "scope"):
        if not isinstance(data.get(name, ""), str):
            return f"{name} is not a string"
    return None


class _LockGuard:
    def __init__(self, lock: Any, timeout_type: type[Exception], path: Path) -> None:
        self.lock, self.timeout_type, self.path = lock, timeout_type, path

    def __enter__(self) -> None:
        try:
            self.lock.acquire()
        except OSError as exc:
            raise config.state_dir_error(self.path, exc) from None
        except self.timeout_type:
            raise errors.UnavailableError(
                f"another xero process has held the token lock {self.path} for"
                f" {REFRESH_LOCK_TIMEOUT_SECONDS:.0f} s; try again"
            ) from None

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


# --- token sources --------------------------------------------------------------------------
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


#: What each refusal of a refresh means, in words (RFC 6749 section 5.2).
REFUSED_LOGIN = {
    "invalid_grant": "the refresh token was revoked, expired or already used",
    "invalid_client": "Xero does not accept the app's client id or secret",
    "unauthorized_client": "the app may not use refresh tokens",
}


class RefreshingTokens:
    """A stored user login (Authorization Code + PKCE): cached access token, rotating refresh.

    Reading a valid cached access token touches neither the keyring nor the network, so ten
    cron jobs cost one refresh between them.
    """

    def __init__(
        self,
        endpoints: Endpoints,
        profile: str,
        store: SecretStore,
        client_id: str,
        *,
        client_secret: str | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.profile = profile
        self.store = store
        self.client_id = client_id
        self._secret = client_secret
        self.cache = AccessCache(profile)
        self._lock = threading.Lock()
        self.refreshes = 0
        #: This process's newest tokens: they finish the command even when neither the store
        #: nor the cache could keep them.
        self._current: TokenSet | None = None
        #: Where a person is told what went wrong but did not stop the command (the CLI
        #: prints it on stderr); this module never prints.
        self.on_warning: Callable[[str], None] = log.warning

    def _live_current(self, rejected: str | None = None) -> str | None:
        current = self._current
        if current is None or current.access_token == rejected:
            return None
        return current.access_token if time.time() < current.refresh_at else None

    def access_token(self) -> str:
        token = self._live_current() or self.cache.valid_token(self.client_id)
        return token if token is not None else self._refresh(None)

    def refreshed_token(self, rejected: str) -> str:
        return self._refresh(rejected)

    def _refresh(self, rejected: str | None) -> str:
        with self._lock, self.cache.lock():
            # Another thread or process may have refreshed while we waited for the lock.
            token = self._live_current(rejected) or self.cache.valid_token(self.client_id, rejected)
            if token is not None:
                return token
            refresh_token = self.store.get(REFRESH_TOKEN)
            if not refresh_token:
                raise errors.AuthError(
                    f"profile {self.profile!r} has no stored login in {self.store.describe()}:"
                    " run `xero auth login`"
                )
            secret = self._secret
            if secret is None:
                secret = os.environ.get(config.ENV_CLIENT_SECRET) or self.store.get(CLIENT_SECRET)
            try:
                tokens = token_request(
                    self.endpoints,
                    {"grant_type": "refresh_token", "refresh_token": refresh_token},
                    client_id=self.client_id,
                    client_secret=secret,
                )
            except (OAuthError, errors.UnavailableError) as exc:
                self.cache.discard(rejected)
                self._current = None if rejected is not None else self._current
                if isinstance(exc, OAuthError) and exc.error in REFUSED_LOGIN:
                    raise errors.AuthError(
                        f"Xero rejected the stored login of profile {self.profile!r}"
                        f" ({exc.error}: {REFUSED_LOGIN[exc.error]}): run `xero auth login`"
                    ) from None
                raise
            stored = True
            if tokens.refresh_token:
                # The new refresh token replaces the old one (which Xero now retires) before
                # the new access token is used: a crash after this line loses nothing.
                try:
                    self.store.set(REFRESH_TOKEN, tokens.refresh_token)
                except (OSError, errors.XeroCliError) as exc:
                    stored = False
                    self.on_warning(unstored_refresh_message(self.store, exc))
            self._current = tokens
            if stored:
                # Not cached when the refresh token was not stored: the next command then
                # refreshes with the old one (within Xero's grace period) and tries again.
                self.cache.write_or_skip(tokens, self.client_id)
            self.refreshes += 1
            log.debug("refreshed the access token of profile %s", self.profile)
            return tokens.access_token


def unstored_refresh_message(store: SecretStore, exc: Exception) -> str:
    """A full disk or a refusing keyring after a refresh: what still works, and for how long."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return (
        f"could not store the new refresh token in {store.describe()} ({reason}). This command"
        " goes on with the new access token; the stored (previous) refresh token keeps working"
        " only for Xero's 30-minute grace period: free space or fix the store, then run any"
        " xero command within 30 minutes to keep the login, or `xero auth login` later"
    )


class ClientCredentialsTokens:
    """Custom connections: a new access token every 30 minutes, no refresh token.

    With a profile, the access token is cached in the state dir like a user login's, so
    concurrent processes ask Xero once.
    """

    def __init__(
        self,
        endpoints: Endpoints,
        client_id: str,
        client_secret: str,
        scopes: str | None = None,
        *,
        cache: AccessCache | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.client_id = client_id
        self._secret = client_secret
        self.scopes = scopes
        self.cache = cache
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def _fetch(self) -> str:
        data = {"grant_type": "client_credentials"}
        if self.scopes:
            data["scope"] = self.scopes
        try:
            tokens = token_request(
                self.endpoints, data, client_id=self.client_id, client_secret=self._secret
            )
        except OAuthError as exc:
            if self.cache is not None:  # a profile's stored custom connection
                raise errors.AuthError(
                    f"Xero refused the stored client credentials of profile"
                    f" {self.cache.profile!r} ({exc.error}): run `xero auth login"
                    " --client-credentials` with the connection's current secret"
                ) from None
            raise errors.AuthError(
                f"Xero refused the client credentials ({exc.error}); check XERO_CLIENT_ID and"
                " XERO_CLIENT_SECRET for your custom connection, or run"
                " `xero auth login --client-credentials`"
            ) from None
        self._token = tokens.access_token
        self._expires = tokens.refresh_at
        if self.cache is not None:
            self.cache.write_or_skip(tokens, self.client_id)
        return self._token

    def access_token(self) -> str:
        with self._lock:
            if self._token is not None and time.time() < self._expires:
                return self._token
            if self.cache is not None:
                cached = self.cache.valid_token(self.client_id)
                if cached is not None:
                    self._token = cached
                    return cached
            return self._fetch()

    def refreshed_token(self, rejected: str) -> str:
        with self._lock:
            if self.cache is not None:
                cached = self.cache.valid_token(self.client_id, rejected)
                if cached is not None:
                    self._token = cached
                    return cached
            if self._token == rejected or self._token is None:
                try:
                    return self._fetch()
                except errors.XeroCliError:
                    self._token = None
                    if self.cache is not None:
                        self.cache.discard(rejected)
                    raise
            return self._token
