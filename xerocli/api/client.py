"""The one HTTP client every command uses.

It adds the bearer token and `xero-tenant-id`, refreshes once on a 401, waits for the shared
rate limiter, retries 429/503/502/504 and dropped connections with backoff (honouring
`Retry-After`), retries writes only when they carry an `Idempotency-Key`, retries a 500 only on
reads and at most twice (see `RetryPolicy`), pages with
`pageSize=1000`, and turns Xero's error bodies into `xerocli.errors` exceptions. It never
prints: `--debug` traces go to the `xerocli.http` logger with secrets redacted.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from xerocli import __version__, errors
from xerocli.api import wire
from xerocli.api.resources import Resource
from xerocli.api.xero_errors import error_for
from xerocli.config import Endpoints, url_origin

log = logging.getLogger("xerocli.http")

PAGE_SIZE = 1000
#: Records in one answer of a collection paged by offset (Xero's Journals: 100).
OFFSET_PAGE = 100
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REDACTED_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "x-xero-signature"})
#: 429 problems that clear in seconds; `day` does not, so it fails fast.
SHORT_LIMITS = frozenset({"minute", "concurrent", "appminute"})


class TokenSource(Protocol):
    """Where access tokens come from (keyring, environment, client credentials, sandbox)."""

    def access_token(self) -> str: ...

    def refreshed_token(self, rejected: str) -> str:
        """A new access token after Xero rejected `rejected` with a 401 (refresh once)."""
        ...


class Limiter(Protocol):
    def acquire(self, tenant_id: str) -> Any: ...

    def release(self, lease: Any, headers: httpx.Headers | None) -> None: ...


@dataclass
class RetryPolicy:
    """How often and how long a call is tried again.

    429s, 503s, other gateway 5xx and dropped connections are transient: up to `attempts`
    tries with exponential backoff (or `Retry-After`). A 500 is Xero's own failure on this
    request and is usually deterministic (a bad body, a bug on Xero's side), so it gets its
    own, short policy: a read is tried again at most `server_error_retries` times with a
    backoff of `server_error_delay`, 2x that, ...; a write never, idempotency key or not.
    """

    attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 20.0
    #: The longest single `Retry-After` worth waiting; a day-limit wait is hours, so it fails.
    max_retry_after: float = 90.0
    server_error_retries: int = 2
    server_error_delay: float = 0.25

    def retries_500(self, method: str, attempt: int, server_errors: int) -> bool:
        """Whether a request that got its `server_errors`-th 500 on try `attempt` goes again."""
        if method in WRITE_METHODS:
            return False
        return server_errors <= self.server_error_retries and attempt < self.attempts

    @classmethod
    def from_env(cls) -> RetryPolicy:
        """XERO_RETRY_ATTEMPTS sets how many tries a call gets (default 6)."""
        raw = os.environ.get("XERO_RETRY_ATTEMPTS")
        if not raw:
            return cls()
        if not raw.isdigit() or int(raw) < 1:
            raise errors.UsageError(f"XERO_RETRY_ATTEMPTS: {raw!r} is not a positive number")
        return cls(attempts=int(raw))


@dataclass
class ApiResponse:
    status: int
    headers: httpx.Headers
    payload: Any
    text: str
    elapsed_ms: float = 0.0
    #: Tries it took; after a dropped connection a write's answer may be its own first try's,
    #: replayed from Xero's idempotency cache.
    attempts: int = 1
    #: The body's bytes, for binary answers (attachments, PDFs) that `text` would mangle.
    content: bytes = b""


@dataclass
class CallStats:
    """What a command cost, for `--debug` summaries and benchmarks."""

    calls: int = 0
    retries: int = 0
    waited_seconds: float = 0.0
    by_status: dict[int, int] = field(default_factory=dict)


# --- the process's one httpx client ------------------------------------------------------------
#: Every request of a process goes through one client: a client costs its transport and, for
#: https, a TLS context with certifi's CA bundle (26 ms each on an idle box), and one pool keeps
#: connections alive across the API, /connections and token calls. `shared_http()` is the seam
#: for anything that makes several XeroClients in one process (one per tenant, say).
DEFAULT_TIMEOUT = 60.0
CONNECT_TIMEOUT = 10.0
_PROXY_VARIABLES = frozenset({"http_proxy", "https_proxy", "all_proxy"})
_shared: httpx.Client | None = None
_shared_lock = threading.Lock()


class SchemeTransport(httpx.BaseTransport):
    """Sends https:// over httpx's own transport (httpcore, verified TLS) and http:// over
    `plain_http.PlainHTTPTransport` (the standard library's `http.client`), each built on its
    first request: a command against the sandbox (plain http on loopback) neither imports
    httpcore nor loads a CA bundle, and one against Xero builds its TLS context once."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._limits = limits
        self._lock = threading.Lock()
        self._by_scheme: dict[str, httpx.BaseTransport] = {}

    def transport_for(self, scheme: str) -> httpx.BaseTransport:
        with self._lock:
            if scheme not in self._by_scheme:
                self._by_scheme[scheme] = self._build(scheme)
            return self._by_scheme[scheme]

    def _build(self, scheme: str) -> httpx.BaseTransport:
        if scheme == "https":
            return httpx.HTTPTransport(verify=True, limits=self._limits)
        from xerocli.api.plain_http import PlainHTTPTransport

        return PlainHTTPTransport(max_keepalive=self._limits.max_keepalive_connections or 10)

    def built(self) -> list[str]:
        """The schemes a transport was built for so far."""
        return sorted(self._by_scheme)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        if scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {scheme!r}")
        return self.transport_for(scheme).handle_request(request)

    def close(self) -> None:
        with self._lock:
            for transport in self._by_scheme.values():
                transport.close()
            self._by_scheme.clear()


def new_http_client() -> httpx.Client:
    """An httpx client as xerocli configures one (headers, timeouts, pool, lazy TLS).

    With a proxy in the environment, httpx's own default transport is kept, as it is the one
    that reads the proxy variables (a custom transport turns them off)."""
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=10)
    options: dict[str, Any] = {
        "timeout": httpx.Timeout(DEFAULT_TIMEOUT, connect=CONNECT_TIMEOUT),
        "headers": {"User-Agent": f"xerocli/{__version__}", "Accept": "application/json"},
        "limits": limits,
    }
    if any(name.lower() in _PROXY_VARIABLES and value for name, value in os.environ.items()):
        return httpx.Client(**options)
    return httpx.Client(**options, transport=SchemeTransport(limits))


def shared_http() -> httpx.Client:
    """The process's one httpx client, made on first use (thread-safe)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.is_closed:
            _shared = new_http_client()
        return _shared


def close_shared_http() -> None:
    """Close the shared client (its keep-alive connections) when the command is done."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None


def redact_headers(headers: httpx.Headers | dict) -> dict[str, str]:
    return {
        name: ("<redacted>" if name.lower() in REDACTED_HEADERS else value)
        for name, value in dict(headers).items()
    }


class XeroClient:
    def __init__(
        self,
        endpoints: Endpoints,
        tokens: TokenSource,
        tenant_id: str | None,
        *,
        retry: RetryPolicy | None = None,
        timeout: float = 60.0,
        limiter: Limiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        http: httpx.Client | None = None,
    ) -> None:
        """`http` defaults to the process's shared client (`shared_http()`), which `close()`
        leaves open for the other clients of the process; one passed in is closed with it."""
        self.endpoints = endpoints
        self.tokens = tokens
        self.tenant_id = tenant_id
        self.retry = retry or RetryPolicy.from_env()
        self.limiter = limiter
        self.sleep = sleep
        self.stats = CallStats()
        self.timeout = httpx.Timeout(timeout, connect=CONNECT_TIMEOUT)
        self._owns_http = http is not None
        self.http = http if http is not None else shared_http()

    def close(self) -> None:
        if self._owns_http:
            self.http.close()
        if self.limiter is not None and hasattr(self.limiter, "close"):
            self.limiter.close()

    def __enter__(self) -> XeroClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one call --------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return target_url(self.endpoints, path)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        idempotency_key: str | None = None,
        with_tenant: bool = True,
        scope_hint: str | None = None,
        parse: bool = True,
    ) -> ApiResponse:
        """Send one request with retries; return the parsed answer or raise an error.

        `parse=False` leaves `payload` None and the body in `text`, for callers that parse
        later on another thread (concurrent paging buffers text, which is smaller)."""
        method = method.upper()
        url = self.url(path)
        extra = dict(headers or {})
        if idempotency_key:
            extra["Idempotency-Key"] = idempotency_key
        if with_tenant:
            if not self.tenant_id:
                raise errors.AuthError(
                    "no organisation selected: run `xero tenants select NAME`, pass --tenant,"
                    " or set XERO_TENANT_ID"
                )
            extra["xero-tenant-id"] = self.tenant_id
        body = content
        if json_body is not None:
            body = wire_dumps(json_body).encode("utf-8")
            extra.setdefault("Content-Type", "application/json")
        retryable_write = method not in WRITE_METHODS or bool(idempotency_key)
        refreshed = False  # a 401 is answered with one refresh per request, never a loop
        attempt = 0
        server_errors = 0  # 500s so far: they have a budget of their own (RetryPolicy)
        while True:
            attempt += 1
            uses_limiter = self.limiter is not None and with_tenant
            if uses_limiter:
                # A login or refresh that is due happens before the slot, not inside it: the
                # limiter counts a call when it grants the slot, so a slow refresh between
                # slot and send would let Xero see more calls in its window than we counted.
                self.tokens.access_token()
            lease = (
                self.limiter.acquire(self.tenant_id or "-")
                if self.limiter and uses_limiter
                else None
            )
            # Taken after the slot, on every attempt: a wait for the rate limiter or a retry's
            # backoff can outlast a short-lived token, which is then renewed before it is sent.
            try:
                token = self.tokens.access_token()
            except BaseException:
                if lease is not None:
                    self.limiter.release(lease, None)  # type: ignore[union-attr]
                raise
            send_headers = {**extra, "Authorization": f"Bearer {token}"}
            started = time.monotonic()
            try:
                log.debug(
                    "> %s %s params=%s headers=%s",
                    method,
                    url,
                    params,
                    redact_headers(send_headers),
                )
                response = self.http.request(
                    method,
                    url,
                    params=params,
                    content=body,
                    headers=send_headers,
                    timeout=self.timeout,
                )
                text = response.text
            except (httpx.TransportError, httpx.DecodingError) as exc:
                if lease is not None:
                    self.limiter.release(lease, None)  # type: ignore[union-attr]
                self.stats.calls += 1
                log.debug("< %s %s failed: %s", method, url, type(exc).__name__)
                if retryable_write and attempt < self.retry.attempts:
                    self._backoff(attempt, None)
                    continue
                raise errors.UnavailableError(
                    f"could not reach Xero ({type(exc).__name__}) after {attempt} attempt(s)"
                ) from None
            elapsed = (time.monotonic() - started) * 1000
            if lease is not None:
                self.limiter.release(lease, response.headers)  # type: ignore[union-attr]
            self.stats.calls += 1
            self.stats.by_status[response.status_code] = (
                self.stats.by_status.get(response.status_code, 0) + 1
            )
            log.debug(
                "< %s %s %d in %.0f ms limits(min=%s day=%s app=%s)",
                method,
                url,
                response.status_code,
                elapsed,
                response.headers.get("X-MinLimit-Remaining", "-"),
                response.headers.get("X-DayLimit-Remaining", "-"),
                response.headers.get("X-AppMinLimit-Remaining", "-"),
            )
            status = response.status_code
            if status == 401 and not refreshed:
                refreshed = True
                try:
                    self.tokens.refreshed_token(token)  # the next attempt takes the new token
                except errors.AuthError:
                    if "AuthorizationUnsuccessful" in text:  # a scope no refresh can add
                        raise error_for(
                            status, _safe_json(text), text, scope_hint=scope_hint
                        ) from None
                    raise
                attempt -= 1  # a refresh is not a failed attempt
                continue
            if status == 500:
                server_errors += 1
                if self.retry.retries_500(method, attempt, server_errors):
                    self._backoff(server_errors, None, base=self.retry.server_error_delay)
                    continue
            elif status in (429, 503) or status >= 500:
                retry_after = _retry_after(response.headers)
                problem = response.headers.get("X-Rate-Limit-Problem", "")
                if status == 429 and problem == "day":
                    raise errors.RateLimitError(
                        "Xero's daily call budget for this organisation is spent; it frees up in "
                        f"about {errors.human_duration(retry_after)}"
                    )
                too_long = retry_after is not None and retry_after > self.retry.max_retry_after
                if retryable_write and attempt < self.retry.attempts and not too_long:
                    self._backoff(attempt, retry_after)
                    continue
                if too_long and status == 429:  # not waited for: say so, and for how long
                    raise errors.RateLimitError(
                        f"Xero's {problem or 'rate'} limit is exceeded and Xero asks to wait"
                        f" {errors.human_duration(retry_after)}, longer than xero waits"
                        f" ({errors.human_duration(self.retry.max_retry_after)}); try again"
                        " then"
                    )
            if status >= 400:
                payload = _safe_json(text)
                raise error_for(status, payload, text, scope_hint=scope_hint, path=path)
            payload = _answer_payload(text, response, method, path) if parse else None
            return ApiResponse(
                status, response.headers, payload, text, elapsed, attempt, response.content
            )

    def _backoff(
        self, attempt: int, retry_after: float | None, *, base: float | None = None
    ) -> None:
        """Exponential backoff with full jitter, or exactly what `Retry-After` asked.

        `base` replaces the policy's base delay (500s use a short one, attempt 1 waits at most
        `base`, attempt 2 at most 2x)."""
        if retry_after is not None:
            delay = retry_after + random.uniform(0, 0.25)
        elif base is not None:
            delay = random.uniform(0, min(self.retry.max_delay, base * 2 ** (attempt - 1)))
        else:
            delay = random.uniform(0, min(self.retry.max_delay, self.retry.base_delay * 2**attempt))
        self.stats.retries += 1
        self.stats.waited_seconds += delay
        log.debug("  retrying in %.2f s (attempt %d)", delay, attempt + 1)
        self.sleep(delay)

    # --- collections -----------------------------------------------------------------------
    def get_records(self, resource: Resource, params: dict[str, Any] | None = None) -> list[dict]:
        """One unpaged GET of the collection (a lookup by `where`), with the 4-place unit
        amounts of a list or `get` (an item found by its code shows 12.3456, not 12.35)."""
        params = dict(params or {})
        if resource.unitdp:
            params.setdefault("unitdp", 4)
        answer = self.request(
            "GET", resource.list_path, params=params, scope_hint=resource.scopes[0]
        )
        return wire.records_of(answer.payload, resource.records_key)

    def iter_pages(
        self,
        resource: Resource,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int | None = None,
    ) -> Iterator[list[dict]]:
        """Yield each page's records in order; unpaged collections come as one page.

        Xero leaves line items out of unpaged lists, so paged collections are always paged.
        """
        params = dict(params or {})
        if resource.unitdp:
            params.setdefault("unitdp", 4)
        if resource.offset_field:
            yield from self._iter_offset_pages(
                resource, params, headers, None if max_pages is None else max_pages * page_size
            )
            return
        if not resource.paged:
            answer = self.request(
                "GET",
                resource.list_path,
                params=params,
                headers=headers,
                scope_hint=resource.scopes[0],
            )
            yield wire.records_of(answer.payload, resource.records_key)
            return
        page = 1
        while True:
            answer = self.request(
                "GET",
                resource.path,
                params={**params, **resource.page_query(page, page_size)},
                headers=headers,
                scope_hint=resource.scopes[0],
            )
            records = wire.records_of(answer.payload, resource.records_key)
            yield records
            full = resource.records_per_page(page_size)
            if is_last_page(answer.payload, page, len(records), full) or (
                max_pages is not None and page >= max_pages
            ):
                return
            page += 1

    def _iter_offset_pages(
        self,
        resource: Resource,
        params: dict[str, Any],
        headers: dict[str, str] | None,
        wanted: int | None,
    ) -> Iterator[list[dict]]:
        """Journals: `offset` is the last number seen, and each answer holds the next
        OFFSET_PAGE records (fewer: the last). `params["offset"]` starts later (`--incremental`).
        `wanted` stops once that many records were yielded."""
        field = resource.offset_field or ""
        offset = int(params.pop("offset", 0) or 0)
        seen = 0
        while True:
            answer = self.request(
                "GET",
                resource.list_path,
                params={**params, "offset": offset},
                headers=headers,
                scope_hint=resource.scopes[0],
            )
            records = wire.records_of(answer.payload, resource.records_key)
            if records:
                yield records
            seen += len(records)
            numbers = [int(r[field]) for r in records if r.get(field) is not None]
            if len(records) < OFFSET_PAGE or not numbers or max(numbers) <= offset:
                return
            if wanted is not None and seen >= wanted:
                return
            offset = max(numbers)

    def iter_path_pages(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> Iterator[tuple[str | None, Any]]:
        """For `xero api --paginate`: any collection path, paged until the last page.

        Yields (collection key, records) per page; the key is the answer's one list field.
        """
        from xerocli.api.resources import BY_NAME

        params = dict(params or {})
        # A collection of the table pages as it does in Xero: Journals by offset, Quotes by
        # page alone (Xero's 100), the rest by page and pageSize.
        known = BY_NAME.get(path.strip("/").lower())
        if known is not None and known.offset_field:
            for records in self._iter_offset_pages(known, params, headers, None):
                yield known.records_key, records
            return
        page = int(params.pop("page", 1))
        page_size = int(params.pop("pageSize", page_size))
        while True:
            query = (
                known.page_query(page, page_size)
                if known
                else {"page": page, "pageSize": page_size}
            )
            answer = self.request(
                "GET",
                path,
                params={**params, **query},
                headers=headers,
            )
            if not isinstance(answer.payload, dict):  # `/connections`: the array is the whole
                yield None, answer.payload if isinstance(answer.payload, list) else []
                return
            key = collection_key(answer.payload)
            if key is None:  # one record, not a collection: printed as it came, once
                yield None, [answer.payload]
                return
            records = answer.payload.get(key, [])
            yield key, records
            full = known.records_per_page(page_size) if known else page_size
            if is_last_page(answer.payload, page, len(records), full):
                return
            page += 1

    def iter_pages_concurrently(
        self,
        resource: Resource,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **options: Any,
    ) -> Iterator[list[dict]]:
        """Like `iter_pages`, with pages 2..N fetched a few at a time (see `api/paging.py`)."""
        from xerocli.api.paging import iter_pages_concurrent

        return iter_pages_concurrent(self, resource, params, headers, **options)

    def get_one(self, resource: Resource, key: str) -> dict:
        params = {"unitdp": 4} if resource.unitdp and resource.unitdp_by_id else None
        try:
            answer = self.request(
                "GET", resource.record_path(key), params=params, scope_hint=resource.scopes[0]
            )
        except errors.NotFoundError:
            raise errors.NotFoundError(f"no {resource.singular} {key!r} in Xero") from None
        records = wire.records_of(answer.payload, resource.records_key)
        if not records:
            raise errors.NotFoundError(f"no {resource.singular} {key!r} in Xero")
        return records[0]


def target_url(endpoints: Endpoints, path: str) -> str:
    """The URL a request goes to: a path under the Accounting API, or an absolute URL at one of
    the configured origins (Xero's, or the sandbox's).

    The token and the tenant id go with every request, so a URL elsewhere (a typo, a pasted
    link, plain http to another port) is a usage error before anything is sent.
    """
    parts = urlsplit(path.strip())
    if not parts.netloc and parts.scheme.lower() not in ("http", "https"):
        return endpoints.api + ("" if path.startswith("/") else "/") + path
    if url_origin(path) not in {url_origin(endpoints.api), url_origin(endpoints.connections)}:
        raise errors.UsageError(
            f"{path!r} is not at Xero's API {endpoints.api}: the login's token is sent only"
            " there, so nothing was sent; give a path such as Invoices/ID instead"
        )
    return path


def _answer_payload(text: str, response: Any, method: str, path: str) -> Any:
    """A successful answer's JSON, or one line saying it was something else (a proxy's or a
    captive portal's HTML page, a PDF asked for without `--raw`), never a parser's traceback."""
    if not text.strip():
        return None
    try:
        return wire.loads(text)
    except ValueError:
        kind = response.headers.get("Content-Type", "").split(";")[0].strip() or "no type"
        raise errors.UnavailableError(
            f"the answer to {method} {path} ({response.status_code}) is not JSON ({kind},"
            f" {len(response.content):,} bytes): a proxy or captive portal in the way? (`xero api"
            " --raw` prints any answer as it came)"
        ) from None


def is_last_page(payload: Any, page: int, count: int, page_size: int) -> bool:
    """Xero's `pagination.pageCount` when it sends one, else a short page ends the list."""
    pagination = (payload or {}).get("pagination") if isinstance(payload, dict) else None
    page_count = (pagination or {}).get("pageCount")
    return (page_count is not None and page >= page_count) or count < page_size


def collection_key(payload: Any) -> str | None:
    """The records' key in an envelope: the one list that is not `Warnings`."""
    if not isinstance(payload, dict):
        return None
    keys = [k for k, v in payload.items() if isinstance(v, list) and k not in ("Warnings",)]
    return keys[0] if len(keys) == 1 else None


def new_idempotency_key() -> str:
    import uuid  # only writes need it (with `platform`, ~3 ms of every command's start)

    return str(uuid.uuid4())


def wire_dumps(value: Any) -> str:
    """JSON for a request body: Decimals as exact numbers. `namedtuple_as_object=False`: no
    `_asdict` lookup on every value (bodies hold none; see `output.jsonfmt.OPTIONS`)."""
    import simplejson

    return simplejson.dumps(value, use_decimal=True, ensure_ascii=False, namedtuple_as_object=False)


def _safe_json(text: str) -> Any:
    try:
        return wire.loads(text)
    except ValueError:
        return None


def _retry_after(headers: httpx.Headers) -> float | None:
    raw = headers.get("Retry-After")
    if raw is None:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        return None
