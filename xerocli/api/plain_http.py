"""The httpx transport for plain `http://` (the sandbox on loopback), over the standard library.

httpx's own transport is httpcore, and importing httpcore (with h11 and its backends) costs
about as much again as a short command's own work, on every `xero` process that talks to a
sandbox: every `--sandbox` one-liner and nearly all of the test suite's ~1,500 processes.
`http.client` is already imported by httpx itself (through `urllib.request`), so this
transport costs nothing to load. It keeps what the client relies on from httpcore: keep-alive
connections reused across calls (one per thread at a time, idle ones checked for a close by
the server before reuse), the request's connect/read/write timeouts, and failures raised as
httpx's own exceptions (`ConnectError`, `ReadTimeout`, `RemoteProtocolError` for an answer cut
off, ...), so retries and error messages are the same as over httpcore. https keeps httpcore
(`client.SchemeTransport`): TLS, HTTP/2-ready pools and proxies are not reimplemented here.
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

#: What a failure while sending or reading is, as httpx names it: (timeout, other OSError).
_SEND_ERRORS = (httpx.WriteTimeout, httpx.WriteError)
_READ_ERRORS = (httpx.ReadTimeout, httpx.ReadError)


class PlainHTTPTransport(httpx.BaseTransport):
    """HTTP/1.1 without TLS over `http.client`, with a pool of idle keep-alive connections."""

    def __init__(self, max_keepalive: int = 10) -> None:
        self._max_keepalive = max_keepalive
        self._lock = threading.Lock()
        self._idle: dict[tuple[str, int], list[http.client.HTTPConnection]] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "http":
            raise httpx.UnsupportedProtocol(f"unsupported URL scheme {request.url.scheme!r}")
        timeouts = request.extensions.get("timeout", {})
        origin = (request.url.host, request.url.port or 80)
        body = request.read()
        if body and request.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)  # a streamed body, in one chunk
        connection = self._take_idle(origin)
        if connection is None:
            connection = _connect(origin, timeouts.get("connect"), request)
        try:
            connection.sock.settimeout(timeouts.get("write"))
            with _mapped(request, *_SEND_ERRORS):
                connection.putrequest(
                    request.method,
                    request.url.raw_path.decode("ascii"),
                    skip_host=True,
                    skip_accept_encoding=True,
                )
                for name, value in request.headers.raw:
                    connection.putheader(name.decode("latin-1"), value.decode("latin-1"))
                connection.endheaders(body or None)
            connection.sock.settimeout(timeouts.get("read"))
            with _mapped(request, *_READ_ERRORS):
                answer = connection.getresponse()
                content = answer.read()
        except BaseException:
            connection.close()
            raise
        if answer.will_close:
            connection.close()
        else:
            self._give_back(origin, connection)
        return httpx.Response(
            status_code=answer.status,
            headers=answer.getheaders(),
            stream=httpx.ByteStream(content),
            extensions={
                "http_version": b"HTTP/1.1" if answer.version == 11 else b"HTTP/1.0",
                "reason_phrase": answer.reason.encode("latin-1", "replace"),
            },
        )

    def _take_idle(self, origin: tuple[str, int]) -> http.client.HTTPConnection | None:
        """The most recently used idle connection the server has not closed, if any."""
        while True:
            with self._lock:
                idle = self._idle.get(origin)
                if not idle:
                    return None
                connection = idle.pop()
            if connection.sock is not None and not _closed_by_peer(connection.sock):
                return connection
            connection.close()

    def _give_back(self, origin: tuple[str, int], connection: http.client.HTTPConnection) -> None:
        with self._lock:
            idle = self._idle.setdefault(origin, [])
            if len(idle) < self._max_keepalive:
                idle.append(connection)
                return
        connection.close()

    def idle_connections(self) -> int:
        """Connections kept alive for reuse (tests check that calls share one)."""
        with self._lock:
            return sum(len(idle) for idle in self._idle.values())

    def close(self) -> None:
        with self._lock:
            idle = [connection for pool in self._idle.values() for connection in pool]
            self._idle.clear()
        for connection in idle:
            connection.close()


def _connect(
    origin: tuple[str, int], timeout: float | None, request: httpx.Request
) -> http.client.HTTPConnection:
    connection = http.client.HTTPConnection(origin[0], origin[1], timeout=timeout)
    try:
        connection.connect()  # sets TCP_NODELAY: no wait for Nagle on small requests
    except TimeoutError as exc:
        connection.close()
        raise httpx.ConnectTimeout(str(exc) or "timed out", request=request) from exc
    except OSError as exc:
        connection.close()
        raise httpx.ConnectError(str(exc), request=request) from exc
    return connection


@contextmanager
def _mapped(
    request: httpx.Request, on_timeout: type[httpx.TimeoutException], on_error: type
) -> Iterator[None]:
    """`http.client` and socket failures as the httpx exceptions httpcore raises for them."""
    try:
        yield
    except TimeoutError as exc:
        raise on_timeout(str(exc) or "timed out", request=request) from exc
    except http.client.RemoteDisconnected as exc:
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        ) from exc
    except http.client.IncompleteRead as exc:
        raise httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body "
            f"(received {len(exc.partial)} bytes, expected {exc.expected})",
            request=request,
        ) from exc
    except http.client.HTTPException as exc:
        raise httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}", request=request) from exc
    except OSError as exc:
        raise on_error(str(exc) or type(exc).__name__, request=request) from exc


def _closed_by_peer(sock: socket.socket) -> bool:
    """An idle keep-alive connection that is readable has been closed (or sent something
    unasked): either way it cannot carry the next request."""
    try:
        if hasattr(select, "poll"):  # any descriptor number; select() stops at 1024
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)
