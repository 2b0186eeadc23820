"""The webhook receiver: a ThreadingHTTPServer that verifies, acknowledges, then queues.

Xero waits 5 seconds for an answer and disables a webhook that keeps failing, so a handler
thread only checks the delivery (size, content type, signature, JSON) and answers at once;
whatever is slow (fetching the resources, forwarding) runs on one worker thread that takes
deliveries in the order they were accepted. Every refusal is reported through `on_problem`,
never raised, so one bad client cannot stop the listener. This module prints nothing.

A thread per connection is cheap until clients hold them: a client must send its request line
and headers within `header_timeout` seconds overall (not per byte, so a byte every few seconds
does not keep it alive) and its body within `read_timeout`, and past `max_connections` open
connections a new one is answered 503 at once, without a thread.
"""

from __future__ import annotations

import io
import queue
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from xerocli.api.webhooks import SIGNATURE_HEADER, Delivery, DeliveryError, parse_delivery, verify

DEFAULT_MAX_BODY = 1024 * 1024
DEFAULT_READ_TIMEOUT = 5.0
#: Xero answers within its own 5 s limit; a client slower than this with its headers is not Xero.
DEFAULT_HEADER_TIMEOUT = 5.0
#: Open connections, each one a thread; Xero sends one delivery at a time per webhook.
DEFAULT_MAX_CONNECTIONS = 64
_BUSY_ANSWER = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n"
)
#: Acknowledged deliveries waiting for the worker; past this the listener answers 503 and
#: Xero retries later, rather than memory growing without bound behind a slow --fetch.
MAX_BACKLOG = 10_000
#: How much of a client's path a message shows (a request line may be 64 KiB).
SHOWN_CHARACTERS = 200
_STOP = object()


class Terminated(BaseException):
    """Raised in the main thread by a SIGTERM handler to stop `serve_forever`.

    A BaseException, as KeyboardInterrupt is: socketserver hands any `Exception` raised while
    it accepts a connection (starting its thread, say) to `handle_error` and serves on, so a
    SIGTERM that landed there was swallowed and the listener never stopped."""


class DeadlinePassed(Exception):
    """The client's time for this part of its request is up (not a `TimeoutError`, which the
    standard handler would swallow as an idle connection)."""


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, each read bounded by an idle timeout and by an overall deadline."""

    def __init__(self, sock: socket.socket, idle: float) -> None:
        super().__init__()
        self.sock = sock
        self.idle = idle
        self.deadline: float | None = None
        self.received = 0  # bytes since the deadline was set

    def limit(self, seconds: float | None) -> None:
        """From now on the reads must be done within `seconds` (None: only the idle limit)."""
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.received = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        timeout = self.idle
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise DeadlinePassed
            timeout = min(timeout, left)
        self.sock.settimeout(timeout)
        try:
            count = self.sock.recv_into(buffer)
        except TimeoutError:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                raise DeadlinePassed from None
            raise
        finally:
            self.sock.settimeout(self.idle)  # what the answer is written with
        self.received += count
        return count


def _shown(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """A client's text (a path, a method) cut to fit one readable line of a message."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


class _Handler(BaseHTTPRequestHandler):
    """Answers every request with an empty body and no cookies, as Xero's checks want."""

    protocol_version = "HTTP/1.1"
    server_version = "xerocli-webhooks"
    sys_version = ""
    server: WebhookReceiver

    def setup(self) -> None:
        # StreamRequestHandler applies `timeout` to the socket: a silent client is dropped.
        self.timeout = self.server.read_timeout
        super().setup()
        plain = self.rfile
        self.reader = _DeadlineReader(self.connection, self.server.read_timeout)
        self.rfile = io.BufferedReader(self.reader)
        plain.close()

    def handle_one_request(self) -> None:
        """The standard request handling, with the request line and headers due in
        `header_timeout` seconds overall."""
        self.reader.limit(self.server.header_timeout)
        # What a 408 answer needs before the request line has been parsed.
        self.requestline, self.request_version, self.command = "", "HTTP/1.1", ""
        try:
            super().handle_one_request()
        except DeadlinePassed:
            self.close_connection = True
            seconds = f"{self.server.header_timeout:g} s"
            if self.reader.received:
                self._refuse(408, f"slow client: headers not received in {seconds}")
            else:
                self.server.report(f"{self._who()}: timed out: no request in {seconds}")

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self.reader.limit(None)  # the headers are in; the body has its own deadline
        return parsed

    def do_POST(self) -> None:
        receiver = self.server
        if self.path.split("?", 1)[0].rstrip("/") != receiver.path.rstrip("/"):
            self._refuse(404, f"POST {_shown(self.path)}: not the webhook path {receiver.path}")
            return
        length = self._content_length()
        if length is None:
            return
        if length > receiver.max_body:
            self._refuse(413, f"body of {length} bytes is over the {receiver.max_body}-byte limit")
            self._discard(length)
            return
        content_type = self.headers.get_content_type()
        if content_type != "application/json":
            self._refuse(415, f"content type {content_type!r} is not application/json")
            self._discard(length)
            return
        body = self._read_body(length)
        if body is None:
            return
        if not verify(receiver.key, body, self.headers.get(SIGNATURE_HEADER)):
            what = "no" if not self.headers.get(SIGNATURE_HEADER) else "an invalid"
            self._refuse(401, f"{what} {SIGNATURE_HEADER} signature")
            return
        try:
            delivery = parse_delivery(body)
        except DeliveryError as exc:
            self._refuse(400, f"signed body is not a Xero delivery: {exc}")
            return
        if not receiver.accept(delivery):  # queued before the answer: order is arrival order
            self._refuse(503, f"{MAX_BACKLOG} deliveries are waiting to be processed")
            return
        self._answer(200)

    def _not_allowed(self) -> None:
        what = f"{_shown(self.command)} {_shown(self.path)}"
        self._refuse(405, f"{what}: only POST is accepted", allow=True)

    do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _not_allowed

    # --- reading ---------------------------------------------------------------------------
    def _content_length(self) -> int | None:
        raw = self.headers.get("Content-Length")
        if raw is None:
            self._refuse(411, "no Content-Length (chunked bodies are not accepted)")
            return None
        try:
            length = int(raw)
        except ValueError:
            length = -1
        if length < 0:
            self._refuse(400, f"bad Content-Length {raw!r}")
            return None
        return length

    def _read_body(self, length: int) -> bytes | None:
        """Read exactly `length` bytes within `read_timeout` overall (not per packet), so a
        client trickling one byte at a time is cut off too."""
        self.reader.limit(self.server.read_timeout)
        chunks: list[bytes] = []
        remaining = length
        try:
            while remaining > 0:
                chunk = self.rfile.read1(min(remaining, 65536))
                if not chunk:
                    self._refuse(400, f"body ended after {length - remaining} of {length} bytes")
                    return None
                chunks.append(chunk)
                remaining -= len(chunk)
        except (DeadlinePassed, TimeoutError):
            self._refuse(408, f"slow client: body not received in {self.server.read_timeout:g} s")
            return None
        except OSError as exc:
            self.server.report(f"{self._who()}: connection failed while reading ({exc})")
            self.close_connection = True
            return None
        finally:
            self.reader.limit(None)
        return b"".join(chunks)

    def _discard(self, length: int) -> None:
        """Drain a refused body briefly, so the client reads our answer instead of a reset."""
        self.reader.limit(1.0)
        try:
            budget = min(length, 16 * self.server.max_body)
            while budget > 0:
                chunk = self.rfile.read1(min(budget, 65536))
                if not chunk:
                    break
                budget -= len(chunk)
        except (OSError, DeadlinePassed):
            pass
        finally:
            self.reader.limit(None)

    # --- answering -------------------------------------------------------------------------
    def _answer(self, status: int, *, allow: bool = False) -> None:
        try:
            self.send_response(status)
            if allow:
                self.send_header("Allow", "POST")
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    def _refuse(self, status: int, reason: str, *, allow: bool = False) -> None:
        self.server.refused(status)
        self.server.report(f"{self._who()}: refused {status}: {reason}")
        self._answer(status, allow=allow)
        self.close_connection = True

    def _who(self) -> str:
        return f"{self.client_address[0]}:{self.client_address[1]}"

    def log_message(self, format: str, *args: object) -> None:
        """Silence the access log; problems come through `log_error`."""

    def log_error(self, format: str, *args: object) -> None:
        # The standard handler's own refusals: a request line that timed out or is malformed.
        self.server.report(f"{self._who()}: refused: {format % args}")


class WebhookReceiver(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never blocks the stop
    request_queue_size = 128

    def __init__(
        self,
        host: str,
        port: int,
        path: str,
        key: str,
        process: Callable[[Delivery], None],
        on_problem: Callable[[str], None],
        *,
        max_body: int = DEFAULT_MAX_BODY,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        self.path = path if path.startswith("/") else "/" + path
        self.key = key
        self.process = process
        self.report = on_problem
        self.max_body = max_body
        self.read_timeout = read_timeout
        self.header_timeout = header_timeout
        self.max_connections = max_connections
        self.open_connections = 0
        self.deliveries: queue.Queue = queue.Queue(MAX_BACKLOG)
        self.accepted = 0
        self.refusals: dict[int, int] = {}
        self._count_lock = threading.Lock()
        self.worker = threading.Thread(target=self._work, name="webhook-worker", daemon=True)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)
        self.worker.start()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}{self.path}"

    def accept(self, delivery: Delivery) -> bool:
        with self._count_lock:
            try:
                self.deliveries.put_nowait(delivery)
            except queue.Full:
                return False
            self.accepted += 1
            return True

    def process_request(self, request: socket.socket, client_address: tuple) -> None:
        """A thread for the connection, or past `max_connections` a 503 without one."""
        with self._count_lock:
            busy = self.open_connections >= self.max_connections
            if not busy:
                self.open_connections += 1
        if busy:
            self._turn_away(request, client_address)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._closed_one()
            raise

    def process_request_thread(self, request: socket.socket, client_address: tuple) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._closed_one()

    def _closed_one(self) -> None:
        with self._count_lock:
            self.open_connections -= 1

    def _turn_away(self, request: socket.socket, client_address: tuple) -> None:
        """Answer 503 on the accepting thread without waiting for anything from the client."""
        self.refused(503)
        self.report(
            f"{client_address[0]}:{client_address[1]}: refused 503: {self.max_connections}"
            " connections are open (--max-connections)"
        )
        try:
            request.setblocking(False)
            try:
                request.recv(65536)  # what already came: closing on unread bytes resets
            except BlockingIOError:
                pass
            request.send(_BUSY_ANSWER)
        except OSError:
            pass
        self.shutdown_request(request)

    def refused(self, status: int) -> None:
        with self._count_lock:
            self.refusals[status] = self.refusals.get(status, 0) + 1

    def _work(self) -> None:
        while True:
            delivery = self.deliveries.get()
            if delivery is _STOP:
                return
            try:
                self.process(delivery)
            except Exception as exc:  # one bad delivery never stops the worker
                self.report(f"{delivery.label}: processing failed: {type(exc).__name__}: {exc}")

    def finish(self, wait: float | None = None) -> bool:
        """Stop accepting, then let the worker finish what was acknowledged. True if it did."""
        self.server_close()
        try:
            self.deliveries.put(_STOP, timeout=wait)  # waits only while the backlog is full
        except queue.Full:
            return False
        self.worker.join(wait)
        return not self.worker.is_alive()

    def handle_error(self, request: socket.socket | tuple, client_address: tuple) -> None:
        import sys

        exc = sys.exc_info()[1]
        self.report(f"{client_address[0]}:{client_address[1]}: handler error: {exc!r}")
