"""What `xero api [METHOD] PATH` does, apart from its typer signature (`cli/api.py`).

The fast parser (`cli/fastparse.py`) calls `call_api` directly with the arguments typer would
pass, so this module and what it imports at the top must not import typer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

METHODS = ("GET", "POST", "PUT", "DELETE")


def call_api(
    ctx: Any,
    method_or_path: str,
    path: str | None,
    fields: list[str] | None,
    headers: list[str] | None,
    input_file: str | None,
    paginate: bool,
    idempotency_key: str | None,
    raw: bool,
) -> None:
    """The call: method and path, query or body, one request (or every page), printed."""
    from xerocli import errors
    from xerocli.api.client import new_idempotency_key, target_url
    from xerocli.output.jsonfmt import dumps_pretty, write_json_array

    method, target = _method_and_path(method_or_path, path)
    field_values = _pairs(fields or [], "--field", "=")
    extra_headers = _pairs(headers or [], "--header", ":")
    body = _body(input_file, field_values if method != "GET" else {})
    params = None
    if method == "GET":
        # httpx replaces a URL's query with `params`, so the path's own query joins them
        # (`xero api 'Invoices?where=...'` filters as curl would; -f adds to it).
        target, path_query = _split_query(target)
        params = {**path_query, **field_values}
    app_ctx = ctx.obj
    endpoints = app_ctx.endpoints()
    is_connections = target.lstrip("/").lower().startswith("connections")
    url = (
        endpoints.connections + target.lstrip("/")[len("connections") :]
        if (is_connections)
        else target
    )
    target_url(endpoints, url)  # a URL elsewhere fails here, before the login is even read
    client = app_ctx.client()
    if paginate:
        if method != "GET":
            raise errors.UsageError("--paginate works with GET only")

        def records():
            for _key, page in client.iter_path_pages(url, params, extra_headers):
                yield from page

        write_json_array(records(), sys.stdout)
        return
    key = None
    if method in ("POST", "PUT"):
        key = idempotency_key or new_idempotency_key()
    answer = client.request(
        method,
        url,
        params=params,
        content=body,
        headers={
            **extra_headers,
            **({"Content-Type": "application/json"} if body else {}),
        },
        idempotency_key=key,
        with_tenant=not is_connections,
        parse=not raw,
    )
    if raw:  # the bytes as they came (a PDF with `-H "Accept: application/pdf"`), unparsed
        sys.stdout.flush()
        sys.stdout.buffer.write(answer.content)
        kind = answer.headers.get("Content-Type", "").lower()
        textual = "json" in kind or kind.startswith("text/")
        if textual and answer.content and not answer.content.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")  # text ends its line; a PDF's bytes stay exact
        sys.stdout.buffer.flush()
        return
    if answer.payload is not None:
        sys.stdout.write(dumps_pretty(answer.payload) + "\n")


def _method_and_path(first: str, second: str | None) -> tuple[str, str]:
    from xerocli import errors

    if second is None:
        return "GET", first
    method = first.upper()
    if method not in METHODS:
        raise errors.UsageError(f"METHOD: {first!r} is not one of {', '.join(METHODS)}")
    return method, second


def _split_query(target: str) -> tuple[str, dict[str, str | list[str]]]:
    """`Invoices?page=2&where=...` -> (`Invoices`, {page: 2, where: ...}); a name given
    more than once keeps every value, in order."""
    from urllib.parse import parse_qsl

    path, found, query = target.partition("?")
    if not found:
        return target, {}
    values: dict[str, str | list[str]] = {}
    for name, value in parse_qsl(query.split("#", 1)[0], keep_blank_values=True):
        if name in values:
            before = values[name]
            values[name] = [*before, value] if isinstance(before, list) else [before, value]
        else:
            values[name] = value
    return path, values


def _pairs(items: list[str], option: str, separator: str) -> dict[str, str]:
    from xerocli import errors

    pairs: dict[str, str] = {}
    for item in items:
        name, found, value = item.partition(separator)
        if not found or not name.strip():
            raise errors.UsageError(f"{option}: {item!r} is not NAME{separator}VALUE")
        pairs[name.strip()] = value.strip() if separator == ":" else value
    return pairs


def _body(input_file: str | None, fields: dict[str, str]) -> bytes | None:
    from xerocli import errors
    from xerocli.api.input_text import parse_json
    from xerocli.output.jsonfmt import dumps_compact

    if input_file and fields:
        raise errors.UsageError("--input and --field cannot both make the body")
    if input_file:
        data = sys.stdin.buffer.read() if input_file == "-" else _read(Path(input_file))
        parse_json(data, "--input - (stdin)" if input_file == "-" else f"--input {input_file}")
        return data
    if fields:
        return dumps_compact(fields).encode("utf-8")
    return None


def _read(path: Path) -> bytes:
    from xerocli import errors

    try:
        return path.read_bytes()
    except OSError as exc:
        raise errors.UsageError(f"--input: cannot read {path} ({exc.strerror})") from None
