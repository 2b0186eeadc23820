"""The webhook receiver: a ThreadingHTTPServer that verifies, queues, then answers.

Xero waits 5 seconds for an answer, sends a delivery again (for 24 hours, less and less often)
when it got anything but 200 or nothing in time, and disables a webhook that keeps failing. So
a handler thread only checks the delivery (size, content type, signature, JSON) and queues it;
whatever is slow (fetching the resources, forwarding, printing) runs on one worker thread that
takes deliveries in the order they were accepted and hands each to `process`, which prints it
and returns False once its output (the listener's stdout) is gone for good. The answer:

- 200 when `process` printed it, or, unless it is known by then not to be printed, at once
  when `ack_wait` is 0 (a slow `process`: --fetch, --forward-to) or when `ack_wait` seconds
  pass first: the delivery is then acknowledged before it is printed.
- 503 when it was not printed: the output is gone (found closed by `output_closed`, or by
  `process` failing to write), `process` raised, or the receiver is stopping; Xero sends it
  again later. Once the output is gone every new delivery is answered 503, and the receiver
  stops serving.
- 200, without printing it again, for a delivery that repeats one already printed (Xero sent
  it again after an answer it did not get), whatever the output's state: `ReplayMemory`,
  reported through `on_problem`.

A delivery acknowledged with 200 that the worker did not print (the output closed after the
answer, or the stop came first) is in `unprinted()` for the caller to name: Xero will not send
it again. Every answer has an empty body and no content type, the standard handler's own
refusals (a malformed request line, an unknown method, a header too long) too: Xero's checks
want an empty body, and the standard HTML error page quoted the client's bytes. Every refusal
is reported through `on_problem`, never raised, so one bad client cannot stop the listener.
This module prints nothing.

A thread per connection is cheap until clients hold them: a client must send its request line
and headers within `header_timeout` seconds overall (not per byte, so a byte every few seconds
does not keep it alive) and its body within `read_timeout`, and past `max_connections` open
connections a new one is answered 503 at once, without a thread.
"""

from __future__ import annotations

import io
import itertools
import queue
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from xerocli.api.webhooks import (
    SIGNATURE_HEADER,
    Delivery,
    DeliveryError,
    ReplayMemory,
    parse_delivery,
    verify,
)

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
#: How long a handler may wait for its delivery to be printed before it answers 200 anyway:
#: Xero gives up after 5 s, and the request's own reading and the network take some of them.
ACK_WAIT = 3.0
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


class _Ticket:
    """One accepted delivery between its handler, which answers Xero, and the worker, which
    prints it. Whichever of the two comes second settles it (under the receiver's lock): an
    answer after a failed print is 503, a failed print after a 200 is a lost delivery."""

    __slots__ = ("acknowledged", "delivery", "done", "number", "printed")

    def __init__(self, number: int, delivery: Delivery) -> None:
        self.number = number  # its place in the arrival order
        self.delivery = delivery
        self.done = threading.Event()  # set when the worker is done with it
        self.printed: bool | None = None  # None until then
        self.acknowledged = False  # answered (or being answered) 200


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
        if receiver.answered_as_repeat(delivery):  # whatever the output's state now
            self._answer(200)
            return
        ticket = receiver.accept(delivery)  # queued before the answer: order is arrival order
        if isinstance(ticket, str):
            self._refuse(503, f"{delivery.label}: {ticket}")
            return
        if receiver.ack_wait > 0:
            ticket.done.wait(receiver.ack_wait)
        if not receiver.acknowledge(ticket):
            self._refuse(503, f"{delivery.label}: not printed (Xero sends it again)")
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
    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard handler's own refusals (a malformed request line, an unknown method, a
        line too long), answered as ours are: an empty body, where the standard one sent an
        HTML page (with no status line at all for a request line it could not read)."""
        status = int(code)
        reason = message or self.responses.get(status, ("refused",))[0]
        self._refuse(status, _shown(reason))

    def _answer(self, status: int, *, allow: bool = False) -> None:
        if self.request_version == "HTTP/0.9":
            # No version could be read (`GARBAGE`, `GET /`): an HTTP/0.9 answer has no status
            # line and no headers, so a client would see nothing of why it was refused.
            self.request_version = self.protocol_version
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
        # The standard handler's own reports (its refusals go through `send_error`): a request
        # line that timed out.
        self.server.report(f"{self._who()}: refused: {format % args}")


class WebhookReceiver(ThreadingHTTPServer):
    """Xero's deliveries, verified, handed to `process` one at a time in arrival order.

    `process(delivery)` prints a delivery and returns True, or returns False when its output is
    gone for good; `output_closed()` (optional, cheap: it is asked for every delivery) says
    whether the output is known to be gone before anything is written to it. `ack_wait`: how
    long a handler waits for its delivery to be printed before answering 200 anyway (0: not
    at all, for a `process` too slow to wait for)."""

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
        ack_wait: float = 0.0,
        output_closed: Callable[[], bool] | None = None,
    ) -> None:
        self.path = path if path.startswith("/") else "/" + path
        self.key = key
        self.process = process
        self.report = on_problem
        self.ack_wait = ack_wait
        self.output_closed = output_closed
        self.max_body = max_body
        self.read_timeout = read_timeout
        self.header_timeout = header_timeout
        self.max_connections = max_connections
        self.open_connections = 0
        self.deliveries: queue.Queue = queue.Queue(MAX_BACKLOG)
        self.accepted = 0  # answered 200
        self.repeats = 0  # of them, repeats of a printed delivery, not printed again
        self.refusals: dict[int, int] = {}
        self.replays = ReplayMemory()
        self.output_gone = False  # from now on every delivery is answered 503
        self._halted = False  # the worker prints nothing more (output gone, or stop gave up)
        self._stopping = False
        #: Accepted deliveries not known to be printed and answered, by arrival number.
        self._unprinted: dict[int, _Ticket] = {}
        self._numbers = itertools.count()
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

    def accept(self, delivery: Delivery) -> _Ticket | str:
        """Queue `delivery` for the worker: its ticket, or why it cannot be queued (503)."""
        if self._output_is_gone():
            return "stdout is closed, so it cannot be printed (Xero sends it again)"
        with self._count_lock:
            if self._stopping:
                return "the listener is stopping (Xero sends it again)"
            ticket = _Ticket(next(self._numbers), delivery)
            try:
                self.deliveries.put_nowait(ticket)
            except queue.Full:
                return f"{MAX_BACKLOG} deliveries are waiting to be processed"
            self._unprinted[ticket.number] = ticket
        return ticket

    def acknowledge(self, ticket: _Ticket) -> bool:
        """Whether the handler answers 200 (True) or 503 (False: the worker could not print
        it, so Xero must send it again). After True, a failed print is a lost delivery."""
        with self._count_lock:
            if ticket.printed is False:
                del self._unprinted[ticket.number]
                return False
            ticket.acknowledged = True
            self.accepted += 1
            if ticket.printed:
                del self._unprinted[ticket.number]
            return True

    def _settle(self, ticket: _Ticket, printed: bool) -> None:
        """The worker is done with `ticket`; an unprinted one that was acknowledged stays in
        `_unprinted`, to be named at the stop."""
        with self._count_lock:
            ticket.printed = printed
            if printed and ticket.acknowledged:
                del self._unprinted[ticket.number]
        ticket.done.set()

    def unprinted(self) -> list[Delivery]:
        """The deliveries answered 200 that were not printed, in arrival order: lost, as Xero
        will not send them again. Complete once `finish` returned True."""
        with self._count_lock:
            held = self._unprinted.values()
            return [t.delivery for t in held if t.acknowledged and not t.printed]

    def _output_is_gone(self) -> bool:
        if not self.output_gone and self.output_closed is not None and self.output_closed():
            self._lose_output()
        return self.output_gone

    def _lose_output(self) -> None:
        """The output is gone for good: say so once, answer 503 from now on, stop serving."""
        with self._count_lock:
            if self.output_gone:
                return
            self.output_gone = self._halted = True
        self.report(
            "stdout was closed: stopping; deliveries not printed are answered 503, so Xero"
            " sends them again"
        )
        # Not `shutdown()` here: it waits for `serve_forever`, and this may be its own thread.
        threading.Thread(target=self.shutdown, name="webhook-stop", daemon=True).start()

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
            ticket = self.deliveries.get()
            if ticket is _STOP:
                return
            self._settle(ticket, self._deliver(ticket.delivery))

    def answered_as_repeat(self, delivery: Delivery) -> bool:
        """For a handler: True when `delivery` repeats one printed already, to be answered 200
        at once (counted so)."""
        if not self.already_printed(delivery):
            return False
        with self._count_lock:
            self.accepted += 1
        return True

    def already_printed(self, delivery: Delivery) -> bool:
        """True (and said) when `delivery` repeats one printed before: Xero sent it again, as
        it does when our 200 did not reach it in time. Asked by its handler, for one printed
        already, and by the worker, for one queued behind the delivery it repeats."""
        if not self.replays.seen(delivery):
            return False
        with self._count_lock:
            self.repeats += 1
        self.report(
            f"{delivery.label}: a repeat of an already printed delivery (Xero sent it again):"
            " not printed again"
        )
        return True

    def _deliver(self, delivery: Delivery) -> bool:
        """Have `process` print `delivery`, once: True when it is printed, now or before."""
        if self._halted:
            return False
        if self.already_printed(delivery):
            return True
        try:
            printed = self.process(delivery)
        except Exception as exc:  # one bad delivery never stops the worker
            self.report(f"{delivery.label}: processing failed: {type(exc).__name__}: {exc}")
            return False
        if printed:
            self.replays.remember(delivery)
        else:
            self._lose_output()
        return printed

    def finish(self, wait: float | None = None) -> bool:
        """Stop accepting, then let the worker print what was accepted. True if it did; if
        not, it prints nothing more, and what it did not print is in `unprinted()`."""
        self.server_close()
        with self._count_lock:
            self._stopping = True  # a handler still running answers 503, not 200 unprinted
        try:
            self.deliveries.put(_STOP, timeout=wait)  # waits only while the backlog is full
        except queue.Full:
            self._halted = True
            return False
        self.worker.join(wait)
        if self.worker.is_alive():
            self._halted = True
            return False
        return True

    def handle_error(self, request: socket.socket | tuple, client_address: tuple) -> None:
        import sys

        exc = sys.exc_info()[1]
        self.report(f"{client_address[0]}:{client_address[1]}: handler error: {exc!r}")
