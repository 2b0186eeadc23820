"""The plain-http transport (`api/plain_http.py`) against a scripted HTTP server on loopback:
what httpcore did for the client must hold over `http.client` too (the sandbox and the tests
run on it), for the cases the sandbox cannot produce on demand."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Callable

import httpx
import pytest

from xerocli.api.plain_http import PlainHTTPTransport

#: One answer of the scripted server: (bytes to send, then close the connection?).
Answer = tuple[bytes, bool]


def _reply(body: bytes, *, headers: str = "", close: bool = False) -> Answer:
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n{headers}\r\n"
    return head.encode() + body, close


class ScriptedServer:
    """Answers the n-th request with the n-th scripted answer (None: never answer), and counts
    the connections it accepted."""

    def __init__(self, answers: list[Answer | None]) -> None:
        self.answers = list(answers)
        self.requests: list[bytes] = []
        self.connections = 0
        self.closed = threading.Event()  # set when the server has closed a connection
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = conn.recv(65536)
                if not chunk:
                    conn.close()
                    return
                buffer += chunk
            head, buffer = buffer.split(b"\r\n\r\n", 1)
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            if b"transfer-encoding: chunked" in head.lower():  # up to the last, empty chunk
                while b"0\r\n\r\n" not in buffer:
                    buffer += conn.recv(65536)
                length = buffer.index(b"0\r\n\r\n") + 5
            while len(buffer) < length:
                buffer += conn.recv(65536)
            self.requests.append(head + b"\r\n\r\n" + buffer[:length])
            buffer = buffer[length:]
            answer = self.answers.pop(0)
            if answer is None:
                self._held.append(conn)  # never answered, never closed
                return
            data, close = answer
            conn.sendall(data)
            if close:
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
                self.closed.set()
                return

    def close(self) -> None:
        self.sock.close()
        for conn in self._held:
            conn.close()


@pytest.fixture
def serve() -> Callable[[list[Answer | None]], ScriptedServer]:
    servers: list[ScriptedServer] = []

    def start(answers: list[Answer | None]) -> ScriptedServer:
        servers.append(ScriptedServer(answers))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def test_plain_http_keeps_alive_reconnects_decodes_and_maps_failures(serve) -> None:
    transport = PlainHTTPTransport()
    with httpx.Client(transport=transport, timeout=httpx.Timeout(10.0)) as http:
        # Keep-alive: two calls, one connection; the request goes out as httpx built it.
        server = serve([_reply(b'{"a": 1}'), _reply(b"second")])
        first = http.post(f"{server.url}/p?q=1", json={"x": 1}, headers={"X-Test": "yes"})
        assert (first.status_code, first.json()) == (200, {"a": 1})
        assert first.http_version == "HTTP/1.1"
        assert http.get(f"{server.url}/two").text == "second"
        assert server.connections == 1
        assert transport.idle_connections() == 1
        sent = server.requests[0]
        assert sent.startswith(b"POST /p?q=1 HTTP/1.1\r\n")
        assert b"\r\nX-Test: yes\r\n" in sent
        assert sent.endswith(b'{"x":1}')
        # A streamed body (httpx sends it chunked) arrives framed as one chunk.
        server = serve([_reply(b"ok")])
        assert http.post(server.url, content=iter([b"ab", b"cd"])).text == "ok"
        assert server.requests[0].endswith(b"\r\n\r\n4\r\nabcd\r\n0\r\n\r\n")

        # The server closes an idle connection after answering: the next call (a POST, which
        # the client never retries without an Idempotency-Key) goes out on a new connection.
        server = serve([_reply(b"one", close=True), _reply(b"two")])
        assert http.get(server.url).text == "one"
        assert server.closed.wait(10)  # closed while idle, before the next call
        assert http.post(server.url, content=b"body").text == "two"
        assert server.connections == 2

        # gzip and chunked answers are decoded as httpcore's would be.
        packed = gzip.compress(b"unpacked")
        chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        chunked += b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        server = serve([_reply(packed, headers="Content-Encoding: gzip\r\n"), (chunked, False)])
        assert http.get(server.url).text == "unpacked"
        assert http.get(server.url).text == "abcde"

        # An answer cut off mid-body, no answer at all, or a closed port: httpx's exceptions,
        # which the client retries (all are TransportErrors).
        cut = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part"
        server = serve([(cut, True), (b"", True), None])
        with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
            http.get(server.url)
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            http.get(server.url)
        with pytest.raises(httpx.ReadTimeout):
            http.get(server.url, timeout=httpx.Timeout(10.0, read=0.2))
        closed = socket.create_server(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        closed.close()
        with pytest.raises(httpx.ConnectError):
            http.get(f"http://127.0.0.1:{port}/")
        with pytest.raises(httpx.UnsupportedProtocol):
            transport.handle_request(httpx.Request("GET", "https://127.0.0.1/"))
    assert transport.idle_connections() == 0  # closing the client closes the pool
