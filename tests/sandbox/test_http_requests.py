"""Malformed HTTP requests over raw sockets: the sandbox answers 400 and hangs up.

A `Content-Length` that is not a number used to print a traceback and answer nothing; a
negative one or a body shorter than announced left the thread waiting for ever.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.helpers import loopback
from tests.helpers.sandbox import RunningSandbox

#: Long enough never to fire on a slow machine; a hung sandbox fails the test after it.
CLIENT_TIMEOUT = 20.0


def exchange(url: str, request: bytes) -> bytes:
    """Send `request` as is and read until the sandbox closes the connection."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=CLIENT_TIMEOUT) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def post_config(length_headers: list[str], body: bytes) -> bytes:
    head = "".join(f"Content-Length: {value}\r\n" for value in length_headers)
    return (
        "POST /__sandbox/config HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\n"
        f"{head}\r\n"
    ).encode("latin-1") + body


@pytest.fixture
def quick_reads(small_sandbox: RunningSandbox) -> Iterator[RunningSandbox]:
    """A read timeout short enough for a test; the default comes back afterwards."""
    default = small_sandbox.configure()["read_timeout"]
    small_sandbox.configure(read_timeout=0.2)
    yield small_sandbox
    small_sandbox.configure(read_timeout=default)


@pytest.mark.parametrize(
    ("lengths", "body", "says"),
    [
        (["abc"], b"{}", b"'abc' is not a number"),
        (["-5"], b"{}", b"'-5' is not a number"),
        (["+2"], b"{}", b"'+2' is not a number"),
        (["2", "3"], b"{}", b"conflicting Content-Length"),
    ],
)
def test_a_content_length_that_is_not_a_count_is_a_400(small_sandbox, lengths, body, says) -> None:
    answer = exchange(small_sandbox.url, post_config(lengths, body))
    assert answer.startswith(b"HTTP/1.1 400 "), answer
    assert says in answer
    # The sandbox is still there for the next client.
    assert loopback.get(f"{small_sandbox.url}/__sandbox/config", timeout=10).status_code == 200


def test_a_body_shorter_than_its_content_length_times_out_with_a_400(quick_reads) -> None:
    answer = exchange(quick_reads.url, post_config(["50"], b'{"x"'))
    assert answer.startswith(b"HTTP/1.1 400 "), answer
    assert b"ended before its Content-Length of 50 bytes" in answer


def test_read_timeout_is_a_positive_setting(small_sandbox) -> None:
    for bad in (0, -1, "soon"):
        answer = loopback.post(
            f"{small_sandbox.url}/__sandbox/config", json={"read_timeout": bad}, timeout=10
        )
        assert answer.status_code == 400 and "read_timeout" in answer.json()["error"]


def test_a_json_body_nested_past_the_stack_is_a_400_not_a_500(nz) -> None:
    """simplejson's RecursionError was answered 500 (Xero answers bad JSON with a 400)."""
    answer = nz.put(
        "Invoices",
        content="[" * 100_000 + "]" * 100_000,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["Message"] == "The request body is not valid JSON"
