"""The sandbox's only way out: a POST to this machine, checked by address, never redirected.

The sandbox is a local emulator that signs deliveries with a user's webhook key, so what it
sends must stay on the machine. A check on the URL's text is not enough: `127.evil.example`
starts with "127." and can resolve anywhere, and a receiver's `302` would hand the signed
delivery to wherever its `Location` points. So a host is resolved and every address it
resolves to must be loopback (127.0.0.0/8 or ::1); the connection goes to an address that was
checked (no second lookup in between, no proxy from the environment), and an answer is only
ever an answer: redirects are reported, not followed.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

LOOPBACK_V4 = ipaddress.ip_network("127.0.0.0/8")
LOOPBACK_V6 = ipaddress.ip_address("::1")
#: Enough of a receiver's answer to read; the sandbox only needs its status.
MAX_ANSWER = 64 * 1024

Address = tuple[int, tuple[Any, ...]]  # (socket family, socket address)


class NotLoopback(ValueError):
    """A URL that would make the sandbox send somewhere other than this machine."""


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1 (also written as IPv4-mapped IPv6), nothing else."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address):
        return ip in LOOPBACK_V4
    return ip == LOOPBACK_V6


def loopback_addresses(host: str, port: int) -> list[Address]:
    """Resolve `host`; its addresses if every one is loopback, else raise `NotLoopback`."""
    if not host:
        raise NotLoopback("the URL has no host")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise NotLoopback(f"{host} does not resolve") from None
    addresses = [(family, sockaddr) for family, _, _, _, sockaddr in found]
    outside = sorted({str(addr[0]) for _, addr in addresses if not is_loopback(str(addr[0]))})
    if outside:
        raise NotLoopback(f"{host} resolves to {', '.join(outside)}, not a loopback address")
    if not addresses:
        raise NotLoopback(f"{host} does not resolve")
    return addresses


def checked_target(url: str) -> tuple[str, str, int, list[Address]]:
    """(scheme, host, port, loopback addresses) of an http(s) URL, or `NotLoopback`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise NotLoopback("give an http:// or https:// URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise NotLoopback("the URL's port is not a number from 0 to 65535") from None
    host = parts.hostname or ""
    return parts.scheme, host, port, loopback_addresses(host, port)


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to addresses already checked, never through a proxy."""

    def __init__(
        self,
        host: str,
        port: int,
        addresses: list[Address],
        timeout: float,
        tls: ssl.SSLContext | None,
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses
        self.tls = tls

    def connect(self) -> None:
        problem: OSError | None = None
        for family, sockaddr in self.addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(self.timeout)
                sock.connect(sockaddr)
            except OSError as exc:
                sock.close()
                problem = exc
                continue
            self.sock = self.tls.wrap_socket(sock, server_hostname=self.host) if self.tls else sock
            return
        raise problem or OSError(f"no address to connect to for {self.host}")


def post(
    url: str, body: bytes, headers: dict[str, str], timeout: float
) -> tuple[int | None, str | None]:
    """POST `body` to a loopback `url`: (status, None), (status, why) for a redirect, or
    (None, why there was no answer). Nothing is sent to a URL that is not loopback."""
    try:
        scheme, host, port, addresses = checked_target(url)
    except NotLoopback as exc:
        return None, f"not sent: {exc}"
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    tls = ssl.create_default_context() if scheme == "https" else None
    connection = _PinnedConnection(host, port, addresses, timeout, tls)
    try:
        connection.request("POST", target, body=body, headers=headers)
        answer = connection.getresponse()
        answer.read(MAX_ANSWER)
    except (OSError, http.client.HTTPException) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()
    if 300 <= answer.status < 400:
        where = answer.getheader("Location") or "nowhere"
        return answer.status, f"redirect to {where} not followed"
    return answer.status, None
