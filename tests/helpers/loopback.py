"""httpx for the tests' own calls to servers on 127.0.0.1, without a TLS context per call.

`httpx.get(...)` makes a client for the one call, and every client makes an SSL context that
loads certifi's ~150 CA certificates: ~44 ms of CPU on a slow 2-core box, for a call that
talks plain `http://` to a sandbox. The helpers make thousands of them a run (the panel's
stats polled by the kill tests, `configure`, test logins, webhook deliveries): a fifth of the
suite's CPU went there. These make the same one-call clients (no connection kept between
calls, as `httpx.get` does), given one context made once. A call that names its own `verify`
keeps it.
"""

from __future__ import annotations

import ssl
from typing import Any

import httpx

_CONTEXT: list[ssl.SSLContext] = []


def context() -> ssl.SSLContext:
    """The one verifying context (the system's CAs; no test calls a real https server)."""
    if not _CONTEXT:
        _CONTEXT.append(ssl.create_default_context())
    return _CONTEXT[0]


def request(method: str, url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("verify", context())
    return httpx.request(method, url, **kwargs)


def get(url: str, **kwargs: Any) -> httpx.Response:
    return request("GET", url, **kwargs)


def post(url: str, **kwargs: Any) -> httpx.Response:
    return request("POST", url, **kwargs)


def put(url: str, **kwargs: Any) -> httpx.Response:
    return request("PUT", url, **kwargs)


def delete(url: str, **kwargs: Any) -> httpx.Response:
    return request("DELETE", url, **kwargs)


def client(**kwargs: Any) -> httpx.Client:
    """`httpx.Client(**kwargs)` with the shared context."""
    kwargs.setdefault("verify", context())
    return httpx.Client(**kwargs)
