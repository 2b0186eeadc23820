"""Run `xero webhooks listen` as a user would and send it deliveries as Xero would."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import httpx

from tests.helpers import loopback

LISTENING_RE = re.compile(r"listening on (http://127\.0\.0\.1:\d+/[^\s,]*)")
KEY = "test-webhook-key-0123456789abcdefABCDEF=="


def sign(body: bytes, key: str = KEY) -> str:
    """Written here again on purpose: the test must not trust the code it checks."""
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()


def event(
    resource_id: str | None = None,
    category: str = "INVOICE",
    tenant_id: str = "b1f3c4d5-0000-4000-8000-000000000001",
) -> dict[str, Any]:
    resource_id = resource_id or str(uuid.uuid4())
    collection = {"INVOICE": "Invoices", "CONTACT": "Contacts"}.get(category, "Invoices")
    return {
        "resourceUrl": f"https://api.xero.com/api.xro/2.0/{collection}/{resource_id}",
        "resourceId": resource_id,
        "eventDateUtc": "2026-02-06T12:17:43.202",
        "eventType": "UPDATE",
        "eventCategory": category,
        "tenantId": tenant_id,
        "tenantType": "ORGANISATION",
    }


def delivery(*events: dict[str, Any], sequence: int = 1) -> bytes:
    return json.dumps(
        {
            "events": list(events),
            "firstEventSequence": sequence,
            "lastEventSequence": sequence + max(len(events), 1) - 1,
            "entropy": "FXNGWLCCGVANWHKILRUB",
        }
    ).encode()


class Listener:
    """`xero [global options] webhooks listen --port 0 [options]`, its stdout lines queued."""

    def __init__(
        self,
        env: dict[str, str],
        *options: str,
        global_options: tuple = (),
        command: list[str] | None = None,
    ) -> None:
        """`command` replaces the listener (to test this helper with a stand-in)."""
        self.process = subprocess.Popen(
            command
            or [
                sys.executable,
                "-m",
                "xerocli",
                *global_options,
                "webhooks",
                "listen",
                "--port",
                "0",
                *options,
            ],
            env={**env, "PYTHONFAULTHANDLER": "1"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        self._url: queue.Queue[str] = queue.Queue()
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        try:
            self.url = self._url.get(timeout=60)
        except queue.Empty:
            self.stop()
            raise RuntimeError("listener did not start: " + "".join(self.stderr)) from None
        parts = urlsplit(self.url)
        self.address = (parts.hostname, parts.port)

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)
            found = LISTENING_RE.search(line)
            if found:
                self._url.put(found.group(1))

    def post(
        self,
        body: bytes,
        *,
        signature: str | None = "sign",
        content_type: str = "application/json",
        key: str = KEY,
    ) -> httpx.Response:
        headers = {"Content-Type": content_type}
        if signature == "sign":
            headers["x-xero-signature"] = sign(body, key)
        elif signature is not None:
            headers["x-xero-signature"] = signature
        return loopback.post(self.url, content=body, headers=headers, timeout=30)

    def raw(self, data: bytes, *, wait: float = 10.0) -> bytes:
        """Send raw bytes on a fresh connection and return everything the listener answered."""
        with socket.create_connection(self.address, timeout=wait) as conn:
            conn.sendall(data)
            chunks = []
            try:
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except (TimeoutError, ConnectionResetError):
                pass
        return b"".join(chunks)

    def next_json(self, timeout: float = 30.0) -> Any:
        return json.loads(self.lines.get(timeout=timeout))

    def take(self, count: int, timeout: float = 60.0) -> list[Any]:
        deadline = time.monotonic() + timeout
        return [self.next_json(max(deadline - time.monotonic(), 0.01)) for _ in range(count)]

    def assert_no_more_lines(self) -> None:
        """Nothing else reached stdout, up to its end: stops the listener if it still runs and
        reads stdout to EOF first, so a late line is seen, however late."""
        self.stop()
        leftover = []
        while not self.lines.empty():
            leftover.append(self.lines.get_nowait())
        assert leftover == [], leftover

    def wait_for_stderr(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.stderr):
                if text in line:
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no stderr line with {text!r}: {''.join(self.stderr)}")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # A listener that does not stop shows where it is stuck: with PYTHONFAULTHANDLER
            # set, SIGABRT makes it print every thread's stack to stderr (kept in .stderr).
            self.process.send_signal(signal.SIGABRT)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process.wait()
            self._drain()
            raise AssertionError("the listener did not stop:\n" + "".join(self.stderr)) from None
        self._drain()
        return code

    def _drain(self, timeout: float = 30.0) -> None:
        """Wait for the reader threads to reach EOF: every line the listener wrote is queued."""
        deadline = time.monotonic() + timeout
        for reader in self._readers:
            reader.join(max(deadline - time.monotonic(), 0))
        still_open = [reader for reader in self._readers if reader.is_alive()]
        assert not still_open, f"the listener's output was not closed within {timeout:g} s"


class Recorder:
    """A local app that receives forwarded deliveries (for --forward-to), or any request: each
    one is recorded whatever its method, so a redirect that was followed shows up here."""

    def __init__(self, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.received: queue.Queue[tuple[bytes, dict[str, str]]] = queue.Queue()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                recorder.received.put((body, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_PUT = do_HEAD = do_DELETE = do_PATCH = do_POST

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/xero"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Tripwire:
    """Names resolved as a test says (an empty list: no such name, and no DNS query), and every
    outgoing connection of this process recorded; one to a non-loopback address is refused
    before a packet leaves, even by code that is wrong, so a test of "never sends outside"
    never does."""

    def __init__(self, monkeypatch: Any, names: dict[str, list[str]]) -> None:
        self.names = names
        self.attempts: list[str] = []
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        wire = self

        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list:
            name = host.decode() if isinstance(host, bytes) else host
            if name in wire.names and not wire.names[name]:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            if name in wire.names:
                return [
                    (
                        socket.AF_INET6 if ":" in address else socket.AF_INET,
                        socket.SOCK_STREAM,
                        socket.IPPROTO_TCP,
                        "",
                        (address, int(port or 0)),
                    )
                    for address in wire.names[name]
                ]
            return real_getaddrinfo(host, port, *args, **kwargs)

        def guard(sock: socket.socket, address: Any) -> None:
            host = str(address[0]) if isinstance(address, tuple) else str(address)
            wire.attempts.append(host)
            if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in (
                "127.0.0.1",
                "::1",
                "localhost",
            ):
                raise ConnectionRefusedError(f"tripwire: a connection to {host} was attempted")

        def connect(sock: socket.socket, address: Any) -> None:
            guard(sock, address)
            return real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            guard(sock, address)
            return real_connect_ex(sock, address)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)

    def outside(self) -> list[str]:
        """Connections attempted to anything but 127.0.0.1 or ::1."""
        return [host for host in self.attempts if host not in ("127.0.0.1", "::1", "localhost")]
