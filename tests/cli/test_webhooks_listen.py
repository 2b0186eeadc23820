"""`xero webhooks listen`: verification, NDJSON output, refusals, forwarding, stop, bursts."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.webhooks import KEY, Listener, Recorder, delivery, event, sign


@pytest.fixture
def key_env(home: Path) -> dict[str, str]:
    return isolated_env(home, XERO_WEBHOOK_KEY=KEY)


@pytest.fixture
def listener(key_env: dict[str, str]) -> Iterator[Listener]:
    running = Listener(key_env, "--read-timeout", "1")
    yield running
    running.stop()


def test_intent_to_receive_and_events_as_ndjson(listener: Listener) -> None:
    intent = delivery()  # Xero's check: no events, one good and one bad signature
    good = listener.post(intent)
    bad = listener.post(intent, signature=sign(intent, "not-the-key"))
    missing = listener.post(intent, signature=None)
    assert (good.status_code, bad.status_code, missing.status_code) == (200, 401, 401)
    for answer in (good, bad, missing):
        assert answer.content == b""
        assert "set-cookie" not in answer.headers

    first, second = event(), event(category="CONTACT")
    assert listener.post(delivery(first, second, sequence=7)).status_code == 200
    assert listener.take(2) == [first, second]

    assert listener.stop() == 0
    listener.assert_no_more_lines()
    stderr = "".join(listener.stderr)
    assert stderr.count("refused 401") == 2
    assert KEY not in stderr


def test_each_bad_input_is_refused_and_the_listener_keeps_serving(listener: Listener) -> None:
    signed_garbage = b'{"events": [ not json'
    assert listener.post(signed_garbage).status_code == 400
    not_a_delivery = b'{"hello": "world"}'
    assert listener.post(not_a_delivery).status_code == 400
    good_body = delivery(event())
    assert listener.post(good_body, content_type="text/plain").status_code == 415
    assert listener.post(b"x" * (1024 * 1024 + 1)).status_code == 413
    head = "POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    # Announced too big: refused before a byte of the body is read.
    answer = listener.raw(f"{head}Content-Length: 50000000\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 413")
    # No length (chunked): refused.
    answer = listener.raw(f"{head}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 411")
    # A slow client: half a body, then silence past --read-timeout.
    partial = f"{head}Content-Length: {len(good_body)}\r\n\r\n".encode() + good_body[:10]
    assert listener.raw(partial).startswith(b"HTTP/1.1 408")
    # A client that connects and says nothing is dropped, with nothing printed.
    assert listener.raw(b"") == b""
    assert listener.post(good_body, signature="bm90IGEgc2lnbmF0dXJl").status_code == 401

    # Still serving: the one good delivery is the only thing on stdout.
    final = event()
    assert listener.post(delivery(final)).status_code == 200
    assert listener.next_json() == final
    assert listener.stop() == 0
    listener.assert_no_more_lines()
    stderr = "".join(listener.stderr)
    for status in (400, 415, 413, 411, 408, 401):
        assert f"refused {status}" in stderr, status
    assert "timed out" in stderr.lower()


def test_ctrl_c_stops_with_130_after_flushing(listener: Listener) -> None:
    sent = event()
    assert listener.post(delivery(sent)).status_code == 200
    assert listener.next_json() == sent
    assert listener.stop(signal.SIGINT) == 130
    assert "stopped: 1 delivery, 1 event" in "".join(listener.stderr)


def test_a_burst_of_100_concurrent_deliveries_loses_none(listener: Listener) -> None:
    events = [event() for _ in range(100)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(
            pool.map(
                lambda pair: listener.post(delivery(pair[1], sequence=pair[0])).status_code,
                enumerate(events),
            )
        )
    assert statuses == [200] * 100
    printed = listener.take(100)
    assert sorted(e["resourceId"] for e in printed) == sorted(e["resourceId"] for e in events)
    assert listener.stop() == 0
    listener.assert_no_more_lines()


def test_sequential_deliveries_keep_their_order(listener: Listener) -> None:
    events = [event() for _ in range(20)]
    for number, sent in enumerate(events):
        assert listener.post(delivery(sent, sequence=number)).status_code == 200
    assert listener.take(20) == events


def test_forward_to_relays_each_delivery_re_signed(key_env: dict[str, str]) -> None:
    app = Recorder()
    listener = Listener(key_env, "--forward-to", app.url)
    try:
        body = delivery(event(), event(category="CONTACT"), sequence=41)
        assert listener.post(body).status_code == 200
        forwarded, headers = app.received.get(timeout=30)
        assert forwarded == body
        assert headers["x-xero-signature"] == sign(body)
        assert headers["content-type"].startswith("application/json")
        assert len(listener.take(2)) == 2
        # A delivery with a bad signature is never forwarded.
        assert listener.post(body, signature=sign(body, "wrong")).status_code == 401
        # The app going away is reported, and the listener goes on.
        app.stop()
        after = event()
        assert listener.post(delivery(after)).status_code == 200
        assert listener.next_json() == after
        listener.wait_for_stderr("forward to")
        assert app.received.empty()
    finally:
        assert listener.stop() == 0
        app.stop()


def test_forward_target_answering_an_error_is_reported(key_env: dict[str, str]) -> None:
    app = Recorder(status=500)
    listener = Listener(key_env, "--forward-to", app.url)
    try:
        sent = event()
        assert listener.post(delivery(sent)).status_code == 200
        assert listener.next_json() == sent
        assert "answered 500" in listener.wait_for_stderr("forward to")
    finally:
        listener.stop()
        app.stop()


def test_fetch_prints_the_invoice_itself(home: Path, sandbox) -> None:
    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox.url)
    invoice = run_xero("--sandbox", "invoices", "list", "--limit", "1", "--json", env=env)
    invoice_id = invoice.ok().json()[0]["InvoiceID"]
    tenant_id = sandbox.tenants()[0]["tenant_id"]
    listener = Listener(env, "--fetch", global_options=("--sandbox",))
    try:
        missing = event(tenant_id=tenant_id)  # no such invoice: reported, not printed
        found = event(invoice_id, tenant_id=tenant_id)
        assert listener.post(delivery(missing, found)).status_code == 200
        record = listener.next_json()
        assert record["InvoiceID"] == invoice_id
        assert "Total" in record and "LineItems" in record
        assert "/Date(" not in json.dumps(record)
        assert "could not fetch Invoices" in listener.wait_for_stderr(missing["resourceId"])
    finally:
        assert listener.stop() == 0
    listener.assert_no_more_lines()


def test_no_key_and_no_keyring_fails_fast_without_prompting(home: Path) -> None:
    env = isolated_env(home, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = run_xero("webhooks", "listen", "--port", "0", env=env, timeout=60)
    assert result.code == 2
    assert "XERO_WEBHOOK_KEY" in result.stderr
    assert "keyring" in result.stderr
    assert result.stdout == ""


def test_the_key_is_never_a_flag(key_env: dict[str, str]) -> None:
    result = run_xero("webhooks", "listen", "--key", KEY, env=key_env)
    assert result.code == 2
    assert "--key" in result.stderr


#: A stand-in listener whose last stdout line comes after it exited (from a child it leaves).
LATE_LINE_LISTENER = """
import signal, subprocess, sys
def stop(signum, frame):
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5); print('{}')"])
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print("xero: listening on http://127.0.0.1:9/webhooks (Ctrl-C stops)", file=sys.stderr, flush=True)
signal.pause()
"""


def test_assert_no_more_lines_sees_a_line_that_comes_late(key_env: dict[str, str]) -> None:
    """The helper the other tests trust reads stdout to its end, not for a moment."""
    stand_in = Listener(key_env, command=[sys.executable, "-c", LATE_LINE_LISTENER])
    assert stand_in.stop() == 0
    with pytest.raises(AssertionError, match=r"\{\}"):
        stand_in.assert_no_more_lines()


STDERR_LINE = re.compile(
    r"xero: (listening on \S+ \(.*\)|stopped: .*|127\.0\.0\.1:\d+: refused (401|405): [^\n]*)\n"
)


def test_messages_of_concurrent_requests_are_whole_lines(key_env: dict[str, str]) -> None:
    """Each stderr message is one line of its own, however many requests fail at once."""
    listener = Listener(key_env)
    body = delivery(event())
    unsigned = (
        "POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nx-xero-signature: {sign(body, 'not-the-key')}\r\n\r\n"
    ).encode() + body
    # A long message is written in more than one piece.
    elsewhere = f"GET /elsewhere/{'x' * 8000} HTTP/1.1\r\nHost: x\r\n\r\n".encode()

    # A client's terminal escape is shown, not obeyed.
    escape = b"GET /\x1b[2J\x1b]0;owned\x07 HTTP/1.1\r\nHost: x\r\n\r\n"

    def refused(number: int) -> bytes:
        request = escape if number % 50 == 0 else unsigned if number % 2 else elsewhere
        return listener.raw(request)[:12]

    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(refused, range(200)))
    assert sorted(set(answers)) == [b"HTTP/1.1 401", b"HTTP/1.1 405"]
    assert listener.stop() == 0
    lines = listener.stderr
    bad_lines = [line[:120] for line in lines if not STDERR_LINE.fullmatch(line)]
    assert bad_lines == []
    assert sum(": refused " in line for line in lines) == 200
    assert sum("GET /\\x1b[2J\\x1b]0;owned\\x07: only POST" in line for line in lines) == 4
    assert not any("\x1b" in line for line in lines)


def _served(listener: Listener, body: bytes, within: float = 30.0) -> int:
    """Post until the answer is not 503: a closed connection's thread ends just after it."""
    deadline = time.monotonic() + within
    while True:
        status = listener.post(body).status_code
        if status != 503 or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def test_connections_past_the_cap_are_refused_and_logged(key_env: dict[str, str]) -> None:
    listener = Listener(
        key_env, "--max-connections", "2", "--header-timeout", "60", "--read-timeout", "60"
    )
    try:
        # Three clients that say nothing: two hold the two connections, one is turned away
        # (which one is up to the order the listener accepts them in).
        clients = [socket.create_connection(listener.address, timeout=30) for _ in range(3)]
        ready, _, _ = select.select(clients, [], [], 30)
        assert len(ready) >= 1, "no client was answered"
        turned_away = ready[0]
        answer = b""
        while chunk := turned_away.recv(65536):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 503")
        port = turned_away.getsockname()[1]
        assert "2 connections are open" in listener.wait_for_stderr(f":{port}: refused 503")
        held = [client.getsockname()[1] for client in clients if client is not turned_away]
        for client in clients:
            client.close()
        sent = event()
        assert _served(listener, delivery(sent)) == 200
        assert listener.next_json() == sent
    finally:
        assert listener.stop() == 0
    stderr = "".join(listener.stderr)
    assert not any(f":{held_port}: " in stderr for held_port in held)  # held, not refused


def test_a_client_slow_with_its_headers_is_cut_at_the_deadline(key_env: dict[str, str]) -> None:
    """A header's byte every 0.1 s never pauses long enough for the idle timeout (5 s) nor
    reaches a size limit: only an overall deadline for the headers (0.5 s here) stops it."""
    listener = Listener(key_env, "--header-timeout", "0.5")
    try:
        started = time.monotonic()
        answer = b""
        with socket.create_connection(listener.address, timeout=30) as conn:
            conn.sendall(b"POST /webhooks HTTP/1.1\r\nHost: x\r\nX-Trickle: ")
            conn.settimeout(0.1)
            while time.monotonic() - started < 20:  # far past 0.5 s: the bound, not the check
                try:
                    conn.sendall(b"a")
                except OSError:  # closed by the listener
                    pass
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                answer += chunk
            closed_after = time.monotonic() - started
        assert closed_after < 20, "the listener kept a client trickling headers"
        assert answer.startswith(b"HTTP/1.1 408")
        assert "headers not received in 0.5 s" in listener.wait_for_stderr("refused 408")
        # A client that says nothing at all is dropped silently at the same deadline.
        assert listener.raw(b"", wait=20) == b""
        listener.wait_for_stderr("timed out: no request in 0.5 s")
        sent = event()
        assert listener.post(delivery(sent)).status_code == 200
        assert listener.next_json() == sent
    finally:
        assert listener.stop() == 0


# --- stdout's reader leaving (`xero webhooks listen | head -3`) -------------------------------
class HeadListener(Listener):
    """`xero webhooks listen ... | head`: stdout is a pipe the test reads (`read_line`) and
    closes (`close_reader`) as `head` does once it has its lines."""

    def __init__(self, env: dict[str, str], *options: str) -> None:
        self.read_end, write_end = os.pipe()
        self._buffer = b""
        real_popen = subprocess.Popen

        def popen(*args: Any, **kwargs: Any) -> subprocess.Popen:
            return real_popen(*args, **{**kwargs, "stdout": write_end})

        with mock.patch.object(subprocess, "Popen", popen):
            super().__init__(env, *options)
        os.close(write_end)  # the listener holds the only write end

    def _read_stdout(self) -> None:
        """The test reads stdout itself."""

    def read_line(self, timeout: float = 30.0) -> bytes:
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([self.read_end], [], [], deadline - time.monotonic())
            assert ready, f"no line on stdout in {timeout:g} s"
            chunk = os.read(self.read_end, 65536)
            assert chunk, "stdout ended"
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line

    def close_reader(self) -> None:
        if self.read_end >= 0:
            os.close(self.read_end)
            self.read_end = -1

    def stop(self, sig: int = signal.SIGTERM) -> int:
        self.close_reader()
        return super().stop(sig)


class HeldApp(Recorder):
    """A --forward-to app that holds every request until `release` is set."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        super().__init__()
        handler = self.server.RequestHandlerClass
        app = self

        class Held(handler):  # type: ignore[valid-type, misc]
            def do_POST(self) -> None:
                app.arrived.set()
                app.release.wait(30)
                super().do_POST()

        self.server.RequestHandlerClass = Held

    def stop(self) -> None:
        self.release.set()
        super().stop()


def test_once_stdouts_reader_left_deliveries_get_503_and_the_listener_stops(
    key_env: dict[str, str],
) -> None:
    """Xero keeps what was not printed: the delivery after `head` left is answered 503 (Xero
    sends it again), and the listener stops by itself with 0, as nothing answered 200 was
    lost. A repeat of the printed one is still answered 200: it needs no sending again."""
    listener = HeadListener(key_env)
    try:
        sent = event()
        printed = delivery(sent, sequence=1)
        assert listener.post(printed).status_code == 200
        assert json.loads(listener.read_line()) == sent
        listener.close_reader()  # `head -1` has its line, and exits
        assert listener.post(printed).status_code == 200
        assert listener.post(delivery(event(), sequence=2)).status_code == 503
        assert listener.process.wait(timeout=10) == 0
    finally:
        listener.stop()
    stderr = "".join(listener.stderr)
    assert "stdout was closed" in stderr
    assert "refused 503: delivery #2: stdout is closed" in stderr
    assert "but not printed" not in stderr
    assert "stopped: 2 deliveries, 1 event, 1 repeat, 1 refused\n" in stderr


def test_a_delivery_answered_200_but_never_printed_is_named_and_exits_8(
    key_env: dict[str, str],
) -> None:
    """With --forward-to (too slow to wait for) 200 comes at once; the reader leaving before
    the worker prints loses that delivery, and the listener says which, and fails."""
    app = HeldApp()
    listener = HeadListener(key_env, "--forward-to", app.url)
    try:
        assert listener.post(delivery(event(), event(), sequence=5)).status_code == 200
        assert app.arrived.wait(10)  # the worker is forwarding it, not printing yet
        listener.close_reader()
        app.release.set()
        assert listener.process.wait(timeout=10) == 8
    finally:
        listener.stop()
        app.stop()
    assert (
        "xero: delivery #5-6: answered 200 but not printed; Xero will not send it again\n"
        in listener.stderr
    )
    stderr = "".join(listener.stderr)
    assert "stopped: 1 delivery, 0 events, 1 not printed\n" in stderr
    assert "1 delivery answered 200 but not printed (named above)" in stderr


# --- the standard handler's own refusals ------------------------------------------------------
def test_a_malformed_request_gets_an_empty_answer_not_an_html_page(listener: Listener) -> None:
    """`printf 'GARBAGE\\r\\n\\r\\n' | nc`: a status line and empty body, as every answer."""
    malformed = {
        b"GARBAGE\r\n\r\n": 400,  # no version could be read: the standard sent bare HTML
        b"GET /webhooks HTTP/1.1 extra\r\n\r\n": 400,
        b"FOO /webhooks HTTP/1.1\r\nHost: x\r\n\r\n": 501,
        b"POST /webhooks HTTP/2.0\r\n\r\n": 505,
        b"GET /webhooks\r\n\r\n": 405,  # HTTP/0.9: the standard sent nothing at all
    }
    for request, status in malformed.items():
        answer = listener.raw(request)
        head, _, body = answer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        assert lines[0] == f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", answer
        assert "Content-Length: 0" in lines and body == b"", answer
        assert b"html" not in answer.lower() and b"content-type" not in answer.lower()
    sent = event()
    assert listener.post(delivery(sent)).status_code == 200  # still serving
    assert listener.next_json() == sent
    assert listener.stop() == 0
    stderr = "".join(listener.stderr)
    assert "refused 400: Bad request syntax ('GARBAGE')" in stderr
    assert "refused 501: Unsupported method ('FOO')" in stderr
    assert "refused 505: Invalid HTTP version (2.0)" in stderr
