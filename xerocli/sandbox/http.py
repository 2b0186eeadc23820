"""The small request/response/router layer the sandbox's endpoints are written against."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qs

from xerocli.sandbox.xerojson import dumps


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes
    params: dict[str, str] = field(default_factory=dict)  # from the route pattern
    context: dict[str, Any] = field(default_factory=dict)  # set by the pipeline (token, tenant)

    def arg(self, name: str, default: str | None = None) -> str | None:
        """A query parameter, matched case-insensitively as Xero does."""
        lowered = name.lower()
        for key, values in self.query.items():
            if key.lower() == lowered and values:
                return values[-1]
        return default

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def form(self) -> dict[str, str]:
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {key: values[-1] for key, values in parsed.items()}


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Set by the fault injector: send only part of the body, then close the connection.
    drop: bool = False

    @classmethod
    def json(cls, status: int, payload: Any, headers: dict[str, str] | None = None) -> Response:
        text = payload if isinstance(payload, str) else dumps(payload)
        merged = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        return cls(status, text.encode("utf-8"), merged)

    @classmethod
    def text(cls, status: int, text: str, content_type: str = "text/plain") -> Response:
        return cls(status, text.encode("utf-8"), {"Content-Type": f"{content_type}; charset=utf-8"})

    @classmethod
    def redirect(cls, location: str) -> Response:
        return cls(302, b"", {"Location": location})


Handler = Callable[[Request], Response]


class Router:
    """Routes by method and a path pattern with `{name}` segments (matched case-insensitively)."""

    def __init__(self) -> None:
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern)
        self.routes.append((method, re.compile(f"^{regex}/?$", re.IGNORECASE), handler))

    def match(self, method: str, path: str) -> tuple[Handler | None, dict[str, str], bool]:
        """The handler, its path parameters, and whether the path exists for another method."""
        path_known = False
        for route_method, regex, handler in self.routes:
            found = regex.match(path)
            if found:
                path_known = True
                if route_method == method:
                    return handler, found.groupdict(), True
        return None, {}, path_known
