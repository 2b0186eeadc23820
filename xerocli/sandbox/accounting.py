"""The Accounting API endpoints: `/api.xro/2.0/{Collection}` list and get, for every kind.

Lists follow Xero: with `page` they are paged (pageSize 1..1000, default 100) and carry a
`pagination` object and each record's line items; without `page` they return every record and
leave line items out. Filters: `where`, `order`, `IDs`, `Statuses`, `If-Modified-Since`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from email.utils import parsedate_to_datetime

from xerocli.sandbox import where as where_sql
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.records import KINDS
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, envelope, error_body, loads

#: URL segment (lower case) -> collection name as Xero spells it.
COLLECTIONS = {name.lower(): name for name in KINDS if name != "TaxRates"} | {
    "taxrates": "TaxRates"
}
#: Collections whose records carry line items, left out of unpaged lists.
WITH_LINE_ITEMS = {"Invoices", "CreditNotes", "BankTransactions", "PurchaseOrders"}
#: Collections Xero pages; the others (Accounts, Items, TaxRates) return everything.
PAGED = {"Invoices", "Contacts", "BankTransactions", "CreditNotes", "Payments", "PurchaseOrders"}
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
_TWO = Decimal("0.01")


def not_found(message: str = "The resource you're looking for cannot be found") -> Response:
    return Response.json(
        404, {"Type": None, "Title": "Not Found", "Status": 404, "Detail": message}
    )


def bad_request(message: str) -> Response:
    return Response.json(400, error_body(16, "QueryParseException", message))


class Accounting:
    def __init__(self, store: Store) -> None:
        self.store = store

    def register(self, router: Router) -> None:
        router.add("GET", "/api.xro/2.0/{collection}", self.list)
        router.add("GET", "/api.xro/2.0/{collection}/{record_id}", self.get)

    @staticmethod
    def collection_of(req: Request) -> str | None:
        return COLLECTIONS.get(req.params.get("collection", "").lower())

    # --- list ------------------------------------------------------------------------------
    def list(self, req: Request) -> Response:
        kind = self.collection_of(req)
        if kind is None:
            return not_found()
        tenant_id = req.context["tenant_id"]
        try:
            clauses, params = self._filters(kind, req)
            order = where_sql.order_by(kind, req.arg("order"))
        except where_sql.QueryError as exc:
            return bad_request(str(exc))
        condition = " AND ".join(clauses)
        page_arg = req.arg("page")
        pagination = None
        limit = offset = None
        if page_arg is not None and kind in PAGED:
            try:
                page = max(int(page_arg), 1)
                size = int(req.arg("pageSize") or DEFAULT_PAGE_SIZE)
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
        summary = (req.arg("summaryOnly") or "").lower() == "true" and kind == "Invoices"
        unpaged_lines = kind in WITH_LINE_ITEMS and pagination is None
        unitdp4 = req.arg("unitdp") == "4"
        if summary or unpaged_lines or not unitdp4:
            bodies = [self._shape(body, drop_lines=summary or unpaged_lines) for body in bodies]
        return Response.json(200, envelope(kind, bodies, _utcnow(), pagination))

    def _filters(self, kind: str, req: Request) -> tuple[list[str], list]:
        clauses: list[str] = []
        params: list = []
        expression = req.arg("where")
        if expression:
            sql, values = where_sql.translate(kind, expression)
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
        if kind == "PurchaseOrders":
            status = req.arg("Status")
            if status:
                clauses.append("status = ?")
                params.append(status)
            for arg, op in (("DateFrom", ">="), ("DateTo", "<=")):
                raw = req.arg(arg)
                if raw:
                    clauses.append(f"date {op} ?")
                    params.append(raw[:10])
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
    def _shape(body: str, drop_lines: bool) -> str:
        record = loads(body)
        if drop_lines:
            record.pop("LineItems", None)
        else:
            for line in record.get("LineItems", []):
                if "UnitAmount" in line:
                    line["UnitAmount"] = line["UnitAmount"].quantize(_TWO)
        return dumps(record)

    # --- get -------------------------------------------------------------------------------
    def get(self, req: Request) -> Response:
        kind = self.collection_of(req)
        if kind is None:
            return not_found()
        tenant_id = req.context["tenant_id"]
        record_id = req.params["record_id"]
        body = self.store.get_body(tenant_id, kind, record_id)
        if (
            body is None
            and KINDS[kind]["number"]
            and kind in ("Invoices", "CreditNotes", "PurchaseOrders")
        ):
            body = self.store.get_body_by_number(tenant_id, kind, record_id)
        if body is None:
            return not_found()
        if req.arg("unitdp") != "4":
            body = self._shape(body, drop_lines=False)
        return Response.json(200, envelope(kind, [body], _utcnow(), None))


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
