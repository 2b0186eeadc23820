"""The sandbox server: one port, Xero's paths, a request pipeline shaped like Xero's.

For `/api.xro/2.0/...` each request passes, in order: faults (500, 503) -> bearer token (401)
-> `xero-tenant-id` connected to the token's app (403) -> scope (401) -> rate limits (429) ->
latency fault -> the endpoint. The remaining-budget headers go on every answer from the rate
limiter on (429s and the endpoint's answers), and a drop fault may then cut the answer off.
`/__sandbox/...` is the control panel tests use (config, stats, expiring tokens); it is not
part of Xero.
"""

from __future__ import annotations

import selectors
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from xerocli.sandbox import clock, documents
from xerocli.sandbox.accounting import Accounting
from xerocli.sandbox.config import SandboxConfig
from xerocli.sandbox.faults import Faults
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.limits import RateLimits, too_many_requests
from xerocli.sandbox.oauth import OAuth, forbidden, missing_scope
from xerocli.sandbox.reports import Reports
from xerocli.sandbox.seed import (
    SeedOptions,
    SeedProgress,
    SeedState,
    check_seeded_as_asked,
    seed,
    seed_state,
)
from xerocli.sandbox.store import Store
from xerocli.sandbox.webhooks import WebhookSender
from xerocli.sandbox.xerojson import loads

API_PREFIX = "/api.xro/2.0/"
ADMIN_PREFIX = "/__sandbox/"
WRITE_METHODS = {"PUT", "POST", "DELETE"}


class Terminated(BaseException):
    """Raised in the main thread by `xero sandbox serve`'s SIGTERM handler, so that a SIGTERM
    stops the serving loop (or the seed) and the store is closed, its WAL checkpointed, as on
    Ctrl-C; the signal's default action killed the process and left `-wal`/`-shm` files.

    A BaseException, as KeyboardInterrupt is: socketserver hands any `Exception` raised while
    it accepts a connection (starting its thread, say) to `handle_error` and serves on, so a
    SIGTERM that landed there would be swallowed and the server would never stop."""


@dataclass
class Stats:
    """Counters the tests read through `GET /__sandbox/stats`."""

    requests: int = 0
    api_calls: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def count(self, status: int) -> None:
        key = str(status)
        self.by_status[key] = self.by_status.get(key, 0) + 1


class Sandbox:
    """The emulator's state and request pipeline, independent of the HTTP server."""

    def __init__(self, store: Store, config: SandboxConfig | None = None) -> None:
        self.store = store
        self.config = config or SandboxConfig()
        self.router = Router()
        self.oauth = OAuth(store, self.config)
        self.limits = RateLimits(self.config)
        self.faults = Faults(self.config)
        self.accounting = Accounting(store)
        self.stats = Stats()
        self.stats_lock = threading.Lock()
        self.reports = Reports(store)
        self.oauth.register(self.router)
        self.reports.register(self.router)  # before Accounting's `/{collection}/{record_id}`
        self.accounting.register(self.router)
        # attachments, history and notes, online invoices; one idempotency cache with the writes
        documents.register(self.router, store, self.accounting.idempotency)
        # writes call self.webhooks.notify(...); retries follow the config
        self.webhooks = WebhookSender(store, config=self.config)
        self.webhooks.register(self.router)
        self.router.add("GET", "/__sandbox/config", self.admin_get_config)
        self.router.add("POST", "/__sandbox/config", self.admin_set_config)
        self.router.add("GET", "/__sandbox/stats", self.admin_stats)
        self.router.add("POST", "/__sandbox/reset-stats", self.admin_reset_stats)
        self.router.add("POST", "/__sandbox/expire-tokens", self.admin_expire_tokens)
        self.router.add("GET", "/__sandbox/tenants", self.admin_tenants)
        self.router.add("POST", "/__sandbox/organisations", self.admin_add_organisation)
        self.router.add("GET", "/__sandbox/apps", self.admin_apps)
        self.router.add("POST", "/__sandbox/apps", self.admin_register_app)
        self.router.add("GET", "/__sandbox/clock", self.admin_get_clock)
        self.router.add("POST", "/__sandbox/clock", self.admin_advance_clock)

    @classmethod
    def open(
        cls,
        path: str | Path,
        options: SeedOptions | None = None,
        config: SandboxConfig | None = None,
        *,
        insist_on: tuple[str, ...] = (),
        progress: SeedProgress | None = None,
        seeding: Callable[[SeedState], None] | None = None,
    ) -> Sandbox:
        """Open a database, seeding it first if it holds no whole seed (`seed_state`): a new
        file, or one whose seed was interrupted (all or nothing, so it is redone).

        `insist_on` names options (`invoices`, `contacts`, `seed`) an existing database must
        have been seeded with, else `SeedMismatch` is raised and nothing is served. `seeding`
        is told what the file held ("new" or "incomplete") just before a seed starts, and
        `progress` how it goes; neither is called for a file seeded already. Whatever stops
        the open (a mismatch, Ctrl-C or SIGTERM mid-seed) closes the store first, so the file
        is left as it was, without `-wal`/`-shm` files beside it.
        """
        options = options or SeedOptions()
        store = Store(path)
        try:
            check_seeded_as_asked(store, options, insist_on)
            state = seed_state(store)
            if state != "seeded":
                if seeding is not None:
                    seeding(state)
                seed(store, options, progress)
        except BaseException:
            store.close()
            raise
        return cls(store, config)

    # --- pipeline --------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        with self.stats_lock:
            self.stats.requests += 1
        handler, params, path_known = self.router.match(req.method, req.path)
        if handler is None:
            status = 405 if path_known else 404
            response = Response.json(status, {"Title": "Not Found", "Status": status})
        elif req.path.startswith(API_PREFIX) or req.path.lower().startswith(API_PREFIX.lower()):
            req.params = params
            response = self._api(req, handler)
        else:
            req.params = params
            response = handler(req)
        with self.stats_lock:
            self.stats.count(response.status)
        return response

    def _api(self, req: Request, handler) -> Response:
        with self.stats_lock:
            self.stats.api_calls += 1
        if self.config.clock_step_seconds:
            clock.advance(self.config.clock_step_seconds)
        fault = self.faults.refuse()
        if fault is not None:
            return fault
        denied = self.oauth.authenticate(req)
        if denied is not None:
            return denied
        tenant_id = (req.header("xero-tenant-id") or "").strip().lower()
        if not tenant_id or tenant_id not in self.oauth.connected_tenants(req.context):
            return forbidden("AuthenticationUnsuccessful")
        req.context["tenant_id"] = tenant_id
        # The scope follows the path (`Invoices`, `Reports/TrialBalance`), whatever the route
        # calls its parameters.
        collection, _, rest = req.path[len(API_PREFIX) :].partition("/")
        if not self.oauth.scope_allows(
            req.context["scopes"],
            collection,
            write=req.method in WRITE_METHODS,
            item=rest.partition("/")[0],
            rest=rest,
        ):
            return missing_scope()
        verdict = self.limits.enter(req.context["client_id"], tenant_id)
        if verdict.problem:
            status, body, headers = too_many_requests(verdict)
            return Response.json(status, body, headers)
        try:
            self.faults.delay(req.method)  # inside the slot: a slow answer is a call in flight
            response = handler(req)
            self.webhooks.observe(req, response)
        finally:
            self.limits.leave(verdict)
        response.headers.update(verdict.headers())
        return self.faults.after(response)

    # --- control panel ---------------------------------------------------------------------
    def admin_get_config(self, req: Request) -> Response:
        return Response.json(200, self.config.as_dict())

    def admin_set_config(self, req: Request) -> Response:
        try:
            changes = loads(req.body or b"{}")
        except ValueError:
            return Response.json(400, {"error": "the body must be a JSON object"})
        if not isinstance(changes, dict):
            return Response.json(400, {"error": "the body must be a JSON object"})
        try:
            self.config.update(changes)
        except KeyError as exc:
            return Response.json(400, {"error": f"unknown setting: {exc.args[0]}"})
        except ValueError as exc:
            return Response.json(400, {"error": str(exc)})
        if "fault_seed" in changes:
            self.faults.reseed()
        self.faults.follow_hold()
        return Response.json(200, self.config.as_dict())

    def admin_stats(self, req: Request) -> Response:
        with self.stats_lock:
            return Response.json(
                200,
                {
                    "requests": self.stats.requests,
                    "api_calls": self.stats.api_calls,
                    "by_status": dict(self.stats.by_status),
                    "token_refreshes": self.oauth.refresh_count,
                    "rate_limited": dict(self.limits.refused),
                    "faults": self.faults.counts(),
                    "held": self.faults.holding(),
                },
            )

    def admin_reset_stats(self, req: Request) -> Response:
        with self.stats_lock:
            self.stats = Stats()
        self.oauth.refresh_count = 0
        self.limits.reset()
        self.faults.reset()
        return Response(204)

    def admin_expire_tokens(self, req: Request) -> Response:
        return Response.json(200, {"expired": self.oauth.expire_all()})

    def admin_tenants(self, req: Request) -> Response:
        return Response.json(200, self.store.tenants())

    def admin_add_organisation(self, req: Request) -> Response:
        """`{"country": "US"}`: add that country's organisation (see `us_company.py`), connected
        to every app a user logged in to; 201 with its tenant, or 200 if it was there."""
        try:
            body = loads(req.body or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict) or set(body) != {"country"}:
            return Response.json(400, {"error": 'the body must be {"country": "US"}'})
        try:
            tenant, added = self.add_organisation(str(body["country"]))
        except ValueError as exc:
            return Response.json(400, {"error": str(exc)})
        return Response.json(201 if added else 200, tenant)

    def add_organisation(self, country: str) -> tuple[dict, bool]:
        """Add `country`'s organisation (once) and connect it to every user login."""
        from xerocli.sandbox.us_company import add_organisation

        tenant, added = add_organisation(self.store, country)
        if added:
            self.oauth.connect_to_every_login(tenant["tenant_id"])
        return tenant, added

    def admin_apps(self, req: Request) -> Response:
        """The registered apps (demo ones first) with their secrets: a sandbox has no others."""
        return Response.json(200, [app.as_dict() for app in self.oauth.apps.all()])

    def admin_register_app(self, req: Request) -> Response:
        """Register an app as at developer.xero.com: `{"client_id", "kind", "redirect_uris"}`."""
        try:
            app = self.oauth.apps.register(loads(req.body or b"{}"))
        except ValueError as exc:
            return Response.json(400, {"error": str(exc)})
        return Response.json(201, app.as_dict())

    def admin_get_clock(self, req: Request) -> Response:
        return Response.json(200, _clock_state())

    def admin_advance_clock(self, req: Request) -> Response:
        """`{"advance": seconds}`: let time pass for tokens, grace, limits, idempotency and
        webhook retries."""
        try:
            body = loads(req.body or b"{}")
        except ValueError:
            body = None
        seconds = body.get("advance") if isinstance(body, dict) else None
        if set(body or {}) != {"advance"}:
            return Response.json(400, {"error": 'the body must be {"advance": seconds}'})
        try:
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float, Decimal)):
                raise ValueError(seconds)
            clock.advance(float(seconds))
        except ValueError:
            return Response.json(400, {"error": f"advance must be seconds >= 0, not {seconds!r}"})
        self.webhooks.wake()  # retries that came due
        return Response.json(200, _clock_state())


def _clock_state() -> dict:
    return {"now": clock.now(), "offset": clock.offset()}


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "xerocli-sandbox"
    sys_version = ""
    max_body = 16 * 1024 * 1024

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle's algorithm and the
        # client's delayed ACK stall every keep-alive answer by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self) -> None:
        sandbox: Sandbox = self.server.sandbox  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        body = self._read_body(sandbox.config.read_timeout)
        if isinstance(body, Response):
            # What is left of the request cannot be told from the next one: hang up after.
            self.close_connection = True
            self._write(body)
            return
        req = Request(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers=self.headers,
            body=body,
        )
        try:
            response = sandbox.handle(req)
        except Exception as exc:  # a sandbox bug must answer 500, not hang the client
            self.log_error("sandbox error: %r", exc)
            response = Response.json(500, {"Type": "InternalServerError", "Message": str(exc)})
        self._write(response)

    def _read_body(self, timeout: float) -> bytes | Response:
        """The body `Content-Length` announces, or the 4xx answer for one that cannot be read.

        A length that is not a number, is negative or is given twice with different values is a
        400 (it used to be a traceback and no answer, or a thread waiting for ever), and so is a
        body that stops short: the read gives up after `timeout` seconds of silence.
        """
        values = {value.strip() for value in self.headers.get_all("Content-Length") or []}
        if not values:
            return b""
        if len(values) > 1:
            return Response.text(400, "Bad Request: conflicting Content-Length headers")
        text = values.pop()
        if not (text.isascii() and text.isdigit()):  # no sign, no spaces, no "1_000", no "²"
            return Response.text(400, f"Bad Request: Content-Length {text[:40]!r} is not a number")
        length = int(text)
        if length > self.max_body:
            return Response.text(413, "Request entity too large")
        if length == 0:
            return b""
        self.connection.settimeout(timeout)
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            body = None
        finally:
            self.connection.settimeout(None)  # an idle keep-alive connection may wait
        if body is None or len(body) < length:
            return Response.text(
                400,
                f"Bad Request: the body ended before its Content-Length of {length} bytes"
                + (f" (nothing more came for {timeout:g} s)" if body is None else ""),
            )
        return body

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if response.drop:
            self.end_headers()
            self.wfile.write(response.body[: len(response.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

    def log_message(self, format: str, *args) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, sandbox: Sandbox, port: int = 0, verbose: bool = False) -> None:
        # A byte on this pair wakes the serving loop: stopping needs no polling. Made before
        # the bind, which calls `server_close` when the port is taken.
        self._wake_reader, self._wake_writer = socket.socketpair()
        if not 0 <= port <= 65535:  # socket's own OverflowError is no OSError
            self.server_close_pair()
            raise OSError(f"port {port} is not 0 to 65535")
        # Loopback only: the sandbox hands out tokens and must never face a network.
        super().__init__(("127.0.0.1", port), _RequestHandler)
        self.sandbox = sandbox
        self.verbose = verbose
        self._stopping = threading.Event()
        self._loop_done = threading.Event()
        self._loop_done.set()  # no loop is running yet

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up mid-answer is normal (timeouts, Ctrl-C): no traceback."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def serve_forever(self, poll_interval: float | None = None) -> None:
        """Serve until `shutdown()`, which wakes this loop at once.

        The standard library's loop looks for a stop request every `poll_interval` (0.5 s), so
        stopping waited about 0.25 s on average; a `xero --sandbox` command that runs for 0.9 s
        spent half of it there. `poll_interval` is accepted and ignored: nothing is polled.
        """
        self._loop_done.clear()
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                selector.register(self._wake_reader, selectors.EVENT_READ)
                while not self._stopping.is_set():
                    for key, _ in selector.select():
                        if key.fileobj is self and not self._stopping.is_set():
                            self._handle_request_noblock()
                    self.service_actions()
        finally:
            self._loop_done.set()

    def shutdown(self) -> None:
        """Stop `serve_forever` and wait for it to return (immediately, not after a poll)."""
        self._stopping.set()
        try:
            self._wake_writer.send(b"\0")
        except OSError:  # already closed: the loop is not running
            pass
        self._loop_done.wait()

    def server_close(self) -> None:
        super().server_close()
        self.server_close_pair()

    def server_close_pair(self) -> None:
        self._wake_reader.close()
        self._wake_writer.close()

    def start_background(self) -> threading.Thread:
        self._loop_done.clear()  # a stop() from now on waits for the loop, even one not begun
        thread = threading.Thread(target=self.serve_forever, name="xero-sandbox", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self.sandbox.store.close()


def wait_until_ready(url: str, timeout: float = 10.0) -> None:
    """Block until something answers on the sandbox's port."""
    parts = urlsplit(url)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
