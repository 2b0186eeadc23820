"""The Accounting API endpoints: `/api.xro/2.0/{Collection}` list, get and write, for every
declared resource (`resources/`); what a collection takes is its declaration, never its name.

Lists follow Xero: with `page` they are paged (pageSize 1..1000, default 100) and carry a
`pagination` object and each record's line items (a manual journal's JournalLines); without
`page` they return every record with `"LineItems": []` (Xero sends the key, empty: the SDKs
refuse a bank transaction without it) and no JournalLines. Filters: `where`, `order`, `IDs`,
`Statuses`, `If-Modified-Since`, and `searchTerm` and `includeArchived` (see `list_params`).
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime

from xerocli.sandbox import allocations, history, list_params, pdf, resources, writes
from xerocli.sandbox import where as where_sql
from xerocli.sandbox.http import Handler, Request, Response, Router
from xerocli.sandbox.idempotency import MAX_KEY_LENGTH, IdempotencyCache
from xerocli.sandbox.resources.declaration import Resource
from xerocli.sandbox.store import Store
from xerocli.sandbox.validate import Element
from xerocli.sandbox.xerojson import (
    dumps,
    envelope,
    error_body,
    loads,
    money,
    ms_date,
    parse_date,
    validation_exception,
)

MAX_PAGE_SIZE = 1000
_TWO = Decimal("0.01")
_UNIT_AMOUNT = re.compile(r'"(UnitAmount|UnitPrice)":(-?\d+(?:\.\d+)?)')


def _round_unit_amount(match: re.Match[str]) -> str:
    return f'"{match.group(1)}":{money(Decimal(match.group(2)), _TWO)}'


#: Xero refuses write requests over 3.5 MB (and some batches over a size: `max_batch`).
MAX_WRITE_BYTES = 3_500_000


#: Xero's whole answer to a record, report or collection it does not have: plain text, not JSON.
NOT_FOUND_TEXT = "The resource you're looking for cannot be found"


def not_found() -> Response:
    """Xero's 404 for an unknown record: plain text (Xero-OpenAPI #163, Xero-NetStandard #490)."""
    return Response.text(404, NOT_FOUND_TEXT)


def bad_request(message: str) -> Response:
    return Response.json(400, error_body(16, "QueryParseException", message))


class _Rollback(Exception):
    """Raised inside a write transaction to undo it and answer `response` instead."""

    def __init__(self, response: Response) -> None:
        super().__init__("rollback")
        self.response = response


class Accounting:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.idempotency = IdempotencyCache(store)

    def routes(self) -> list[tuple[str, str, Handler]]:
        """Every Accounting route, one line each: a new sub-resource route (attachments,
        history, PDFs) is one more line here."""
        api = "/api.xro/2.0/{collection}"
        return [
            ("GET", api, self.list),
            ("GET", f"{api}/{{record_id}}", self.get),
            ("PUT", api, self.put),
            ("POST", api, self.post),
            ("POST", f"{api}/{{record_id}}", self.post_one),
            ("POST", f"{api}/{{record_id}}/Email", self.email),
            ("PUT", f"{api}/{{record_id}}/Allocations", self.allocate),
            ("DELETE", f"{api}/{{record_id}}/Allocations/{{allocation_id}}", self.unallocate),
            ("DELETE", f"{api}/{{record_id}}", self.delete),
            ("POST", "/__sandbox/idempotency", self.admin_idempotency),
        ]

    def register(self, router: Router) -> None:
        for resource in resources.ALL:  # a resource's own paths first (`Resource.routes`)
            for route in resource.routes:
                path = f"/api.xro/2.0/{resource.collection}{route.path}"
                handler = functools.partial(route.handler, self.store)
                if route.method != "GET":
                    handler = functools.partial(self._idempotent, handler)
                router.add(route.method, path, handler)
        for method, path, handler in self.routes():
            router.add(method, path, handler)

    def _idempotent(self, handler: Handler, req: Request) -> Response:
        """A resource's own write route answers a repeated Idempotency-Key as the generic
        writes do: the first answer again, or a 400 for another request under the key."""
        key = self.idempotency.key_of(req)
        if key is None:
            return handler(req)
        with self.store.transaction():
            cached = self.idempotency.lookup(req, key)
        if cached is not None:
            return cached
        response = handler(req)
        with self.store.transaction():
            self.idempotency.remember(req, key, response)
        return response

    @staticmethod
    def resource_of(req: Request) -> Resource | None:
        return resources.by_collection(req.params.get("collection", ""))

    # --- list ------------------------------------------------------------------------------
    def list(self, req: Request) -> Response:
        resource = self.resource_of(req)
        if resource is None:
            return not_found()
        kind, listing = resource.collection, resource.listing
        tenant_id = req.context["tenant_id"]
        try:
            clauses, params = self._filters(resource, req)
            order = where_sql.order_by(kind, req.arg("order"))
        except where_sql.QueryError as exc:
            return bad_request(str(exc))
        condition = " AND ".join(clauses)
        page_arg = req.arg("page")
        pagination = None
        limit = offset = None
        if page_arg is not None and listing.paged:
            try:
                page = max(int(page_arg), 1)
                size = int(req.arg("pageSize") or listing.page_size)
            except ValueError:
                return bad_request("page and pageSize must be whole numbers")
            size = min(max(size, 1), MAX_PAGE_SIZE)
            count = self.store.count(tenant_id, kind, condition, params)
            pagination = {
                "page": page,
                "pageSize": size,
                "pageCount": (count + size - 1) // size,
                "itemCount": count,
            }
            limit, offset = size, (page - 1) * size
        bodies = self.store.select_bodies(
            tenant_id, kind, condition, params, order, limit, offset or 0
        )
        summary = (req.arg("summaryOnly") or "").lower() == "true" and listing.summary_only
        unpaged_lines = listing.line_field is not None and pagination is None
        unitdp4 = req.arg("unitdp") == "4"
        if summary or unpaged_lines or not unitdp4:
            drop = listing.line_field if summary or unpaged_lines else None
            empty = unpaged_lines and not summary and listing.empty_lines_unpaged
            bodies = [self._shape(body, drop_lines=drop, empty_lines=empty) for body in bodies]
        return Response.json(200, envelope(kind, bodies, _utcnow(), pagination))

    def _filters(self, resource: Resource, req: Request) -> tuple[list[str], list]:
        clauses: list[str] = []
        params: list = []
        expression = req.arg("where")
        if expression:
            sql, values = where_sql.translate(resource.collection, expression)
            clauses.append(sql)
            params.extend(values)
        for arg, column in (
            ("IDs", "id"),
            ("Statuses", "status"),
            ("InvoiceNumbers", "number"),
            ("ContactIDs", "contact_id"),
        ):
            raw = req.arg(arg)
            if raw:
                values = [v.strip() for v in raw.split(",") if v.strip()]
                clauses.append(f"{column} COLLATE NOCASE IN ({','.join('?' * len(values))})")
                params.extend(values)
        extra, values = list_params.clauses(resource, req)
        clauses.extend(extra)
        params.extend(values)
        since = req.header("If-Modified-Since")
        if since:
            try:
                stamp = _parse_http_or_iso(since)
            except ValueError as exc:
                raise where_sql.QueryError(f"Invalid If-Modified-Since: {since}") from exc
            clauses.append("updated >= ?")
            params.append(stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f"))
        return clauses, params

    @staticmethod
    def _shape(body: str | dict, drop_lines: str | None, *, empty_lines: bool = False) -> str:
        """Leave out the line field `drop_lines` (sent empty with `empty_lines`, as Xero's
        unpaged lists do), or round unit amounts and prices to 2 places (no `unitdp=4`).

        Rounding works on the stored text with one regex pass: re-parsing and re-encoding every
        record cost most of the time of a page of 1,000 invoices.
        """
        if isinstance(body, str) and not drop_lines:
            return _UNIT_AMOUNT.sub(_round_unit_amount, body)
        record = loads(body) if isinstance(body, str) else body
        if drop_lines:
            record.pop(drop_lines, None)
            if empty_lines:
                record[drop_lines] = []
        else:
            for line in record.get("LineItems", []):
                if line.get("UnitAmount") is not None:
                    line["UnitAmount"] = money(line["UnitAmount"], _TWO)
            for key in ("SalesDetails", "PurchaseDetails"):
                details = record.get(key)
                if isinstance(details, dict) and details.get("UnitPrice") is not None:
                    details["UnitPrice"] = money(details["UnitPrice"], _TWO)
        return dumps(record)

    # --- get -------------------------------------------------------------------------------
    def get(self, req: Request) -> Response:
        resource = self.resource_of(req)
        if resource is None:
            return not_found()
        kind = resource.collection
        tenant_id = req.context["tenant_id"]
        record_id = req.params["record_id"]
        body = self.store.get_body(tenant_id, kind, record_id)
        if body is None and resource.number_field and resource.get_by_number:
            body = self.store.get_body_by_number(tenant_id, kind, record_id)
        if body is None:
            return not_found()
        if pdf.wanted(kind, req):
            return pdf.answer(kind, body)
        if req.arg("unitdp") != "4":
            body = self._shape(body, drop_lines=None)
        return Response.json(200, envelope(kind, [body], _utcnow(), None))

    # --- writes ------------------------------------------------------------------------------
    def put(self, req: Request) -> Response:
        return self._write(req, "create")

    def post(self, req: Request) -> Response:
        return self._write(req, "upsert")

    def post_one(self, req: Request) -> Response:
        return self._write(req, "one")

    def email(self, req: Request) -> Response:
        return self._write(req, "email")

    def allocate(self, req: Request) -> Response:
        return self._write(req, "allocate")

    def unallocate(self, req: Request) -> Response:
        return self._write(req, "unallocate")

    def _write(self, req: Request, mode: str) -> Response:
        resource = self.resource_of(req)
        if resource is None:
            return not_found()
        own_hook = (mode == "allocate" and resource.allocate) or (
            mode == "unallocate" and resource.unallocate
        )
        if resource.writer is None and not own_hook:
            return Response.json(
                405, error_body(405, "MethodNotAllowed", f"{resource.collection} is read-only")
            )
        if len(req.body) > MAX_WRITE_BYTES:
            return Response.json(
                413, error_body(413, "RequestEntityTooLarge", "A request must not exceed 3.5 MB")
            )
        # What the write stored, for the webhooks (none for a replay or a rollback).
        req.context["changes"] = {}
        key = self.idempotency.key_of(req)
        if key is not None and len(key) > MAX_KEY_LENGTH:
            return bad_request(f"Idempotency-Key must be at most {MAX_KEY_LENGTH} characters")
        try:
            with self.store.transaction():
                if key is not None:
                    cached = self.idempotency.lookup(req, key)
                    if cached is not None:
                        return cached
                response = self._apply(req, resource, mode)
                if key is not None:
                    self.idempotency.remember(req, key, response)
                return response
        except _Rollback as rollback:
            req.context["changes"] = {}
            if key is not None:
                with self.store.transaction():
                    if self.idempotency.lookup(req, key) is None:
                        self.idempotency.remember(req, key, rollback.response)
            return rollback.response

    def _apply(self, req: Request, resource: Resource, mode: str) -> Response:
        """Runs inside the write transaction; raises `_Rollback` to undo everything."""
        kind = resource.collection
        unitdp = 4 if req.arg("unitdp") == "4" else 2
        ctx = writes.Context(self.store, req.context["tenant_id"], unitdp=unitdp)
        ctx.user = history.user_of(req.context)
        req.context["changes"] = ctx.changes
        if mode == "email":
            return self._email(ctx, resource, req.params["record_id"])
        if mode == "unallocate":
            return self._unallocate(ctx, resource, req)
        payload = _payload(req)
        if mode == "allocate":
            return self._allocate(ctx, resource, req, payload)
        if isinstance(payload, dict) and isinstance(payload.get(kind), list):
            sent = payload[kind]
        elif isinstance(payload, dict):
            sent = [payload]
        elif isinstance(payload, list):
            sent = payload
        else:
            raise _Rollback(bad_request(f'Send {{"{kind}": [...]}} or one {resource.label} object'))
        if not sent:
            raise _Rollback(bad_request(f"No {kind} were given"))
        if resource.max_batch is not None and len(sent) > resource.max_batch:
            raise _Rollback(
                bad_request(
                    f"At most {resource.max_batch} {kind.lower()} may be sent in one request"
                )
            )
        summarize = (req.arg("summarizeErrors") or "true").lower() != "false"
        target = None
        if mode == "one":
            target = self._target(ctx, resource, req.params["record_id"])
            if target is None:
                raise _Rollback(not_found())
            sent = sent[:1]
        results: list[tuple[Element, dict | None]] = []
        id_field = resource.id_field
        for raw in sent:
            element = Element(raw)
            existing = target
            if mode == "upsert" and element.ok:
                try:
                    existing = writes.find_existing(ctx, resource, element.sent)
                except writes.NotFound as exc:
                    element.error(str(exc))
            elif (
                mode == "create"
                and element.ok
                and element.sent.get(id_field)
                and ctx.get(kind, str(element.sent[id_field])) is not None
            ):
                element.error(
                    f"{resource.label} {element.sent[id_field]} already exists; POST to update"
                )
            results.append((element, writes.write_one(ctx, resource, element, existing)))
        failed = [el for el, _ in results if not el.ok]
        if failed and summarize:
            raise _Rollback(
                Response.json(400, validation_exception(kind, [_echo(el) for el in failed]))
            )
        unitdp4 = req.arg("unitdp") == "4"
        bodies = []
        for el, record in results:
            shown = dict(record) if record is not None else _echo(el)
            if record is not None:
                if el.warnings:
                    shown["Warnings"] = [{"Message": m} for m in el.warnings]
                if not summarize:
                    shown["StatusAttributeString"] = "WARNING" if el.warnings else "OK"
            # A failed element is echoed as sent: rounding its numbers could fail on them.
            rounded = record is not None and not unitdp4
            bodies.append(self._shape(shown, drop_lines=None) if rounded else dumps(shown))
        return Response.json(200, envelope(kind, bodies, _utcnow(), None))

    def _allocate(
        self, ctx: writes.Context, resource: Resource, req: Request, payload: object
    ) -> Response:
        """`PUT /{collection}/{ID}/Allocations`, for a resource that declares `allocate`
        (credit notes, see allocations.py)."""
        record = self._target(ctx, resource, req.params["record_id"])
        if resource.allocate is None or record is None:
            raise _Rollback(not_found())
        sent = allocations.elements_of(payload)
        if not sent:
            raise _Rollback(bad_request('Send {"Allocations": [...]}'))
        results = resource.allocate(ctx, record, sent)
        failed = [allocations.echo(el) for el, answer in results if answer is None]
        if failed and (req.arg("summarizeErrors") or "true").lower() != "false":
            raise _Rollback(Response.json(400, validation_exception("Allocations", failed)))
        bodies = [
            dumps(answer if answer is not None else allocations.echo(el)) for el, answer in results
        ]
        return Response.json(200, envelope("Allocations", bodies, _utcnow(), None))

    def _unallocate(self, ctx: writes.Context, resource: Resource, req: Request) -> Response:
        """`DELETE /{collection}/{ID}/Allocations/{AllocationID}` (credit notes, overpayments,
        prepayments): 404 unless the record holds that allocation."""
        record = self._target(ctx, resource, req.params["record_id"])
        if resource.unallocate is None or record is None:
            raise _Rollback(not_found())
        answer = resource.unallocate(ctx, record, req.params["allocation_id"])
        if answer is None:
            raise _Rollback(not_found())
        return Response.json(200, envelope("Allocations", [dumps(answer)], _utcnow(), None))

    def _target(self, ctx: writes.Context, resource: Resource, record_id: str) -> dict | None:
        found = ctx.get(resource.collection, record_id)
        if found is None and resource.write_by_number:
            found = ctx.by_number(resource.collection, record_id)
        return found

    def _email(self, ctx: writes.Context, resource: Resource, record_id: str) -> Response:
        """`POST /{collection}/{ID}/Email`, for a resource that declares `email` (invoices)."""
        if resource.email is None:
            return not_found()
        record = self._target(ctx, resource, record_id)
        if record is None:
            return not_found()
        element = Element({resource.id_field: record[resource.id_field]})
        resource.email(ctx, record, element)
        if not element.ok:
            raise _Rollback(
                Response.json(400, validation_exception(resource.collection, [_echo(element)]))
            )
        return Response(204)

    def delete(self, req: Request) -> Response:
        """`DELETE /{collection}/{ID}` as the resource declares: removed (204, Items) or kept
        with Status DELETED (200, Accounts); Xero deletes nothing else this way."""
        resource = self.resource_of(req)
        if resource is None or resource.delete is None:
            return Response.json(405, error_body(405, "MethodNotAllowed", "DELETE is not allowed"))
        kind = resource.collection
        tenant_id, record_id = req.context["tenant_id"], req.params["record_id"]
        with self.store.transaction():
            body = self.store.get_body(tenant_id, kind, record_id)
            if body is None:
                return not_found()
            refusal = resource.delete_refusal and resource.delete_refusal(
                self.store, tenant_id, loads(body)
            )
            if refusal:
                element = Element(loads(body))
                element.error(refusal)
                return Response.json(400, validation_exception(kind, [_echo(element)]))
            self.store.execute(
                "DELETE FROM records WHERE tenant_id=? AND kind=? AND id=? COLLATE NOCASE",
                (tenant_id, kind, record_id),
            )
        if resource.delete == "remove":
            return Response(204)
        record = loads(body)
        record["Status"] = "DELETED"
        return Response.json(200, envelope(kind, [dumps(record)], _utcnow(), None))

    def admin_idempotency(self, req: Request) -> Response:
        """Control panel: `{"window_seconds": 2}` shortens the replay window (for tests)."""
        try:
            settings = loads(req.body or b"{}")
            self.idempotency.window = float(settings["window_seconds"])
        except (ValueError, KeyError, TypeError):
            return Response.json(400, {"error": 'send {"window_seconds": <number>}'})
        return Response.json(200, {"window_seconds": self.idempotency.window})


def _payload(req: Request) -> object:
    """The JSON a write sent (None for an empty body); bad JSON is a 400."""
    try:
        return loads(req.body) if req.body.strip() else None
    except (ValueError, RecursionError):  # RecursionError: `[[[[...` past the stack
        raise _Rollback(bad_request("The request body is not valid JSON")) from None


def _echo(element: Element) -> dict:
    """A failed element as Xero shows it: what was sent, with its ValidationErrors.

    Dates sent as `2026-11-30` are shown as Xero writes dates, `/Date(...)/` (Xero echoes the
    element it parsed, and the SDKs cannot read a plain date where they expect that form)."""
    if element.parsed is not None:  # a document: Xero echoes it parsed, with its totals
        shown = dict(element.parsed)
        shown["ValidationErrors"] = [{"Message": m} for m in element.errors]
        if element.warnings:
            shown["Warnings"] = [{"Message": m} for m in element.warnings]
        shown["StatusAttributeString"] = "ERROR"
        return shown
    shown = dict(element.sent)
    for key, value in element.sent.items():
        if key.endswith("Date") and isinstance(value, str) and not value.startswith("/Date("):
            try:
                day = parse_date(value)
            except (ValueError, TypeError, OverflowError):
                continue  # not a date: shown as sent, beside its validation error
            if day is not None:
                shown[key] = ms_date(day)
    shown["ValidationErrors"] = [{"Message": m} for m in element.errors]
    if element.warnings:
        shown["Warnings"] = [{"Message": m} for m in element.warnings]
    shown["StatusAttributeString"] = "ERROR"
    return shown


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _parse_http_or_iso(text: str) -> datetime:
    """If-Modified-Since as Xero takes it: ISO 8601 (`2020-02-06T12:17:43.202-08:00`) or HTTP."""
    try:
        stamp = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        stamp = parsedate_to_datetime(text)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp
