"""`GET /Invoices/{ID}/OnlineInvoice`: the link a customer opens to see and pay an invoice.

Xero answers it for sales invoices (ACCREC) that are approved, AUTHORISED or later (PAID);
a draft, a bill or a voided invoice has no online page, and the answer is a 400
ValidationException. The link is stable per invoice, in Xero's form (`https://in.xero.com/`
and a 40-character token).
"""

from __future__ import annotations

import base64
import hashlib

from xerocli.sandbox import document_lookup as lookup
from xerocli.sandbox import resources
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import dumps, envelope

#: Collections with an online page, and the statuses that have one.
SALES_TYPES = frozenset({"ACCREC"})
ONLINE_HOST = "https://in.xero.com/"


class OnlineInvoices:
    def __init__(self, store: Store) -> None:
        self.store = store

    def register(self, router: Router) -> None:
        router.add("GET", f"{lookup.API}/{{collection}}/{{record_id}}/OnlineInvoice", self.get)

    def get(self, req: Request) -> Response:
        found = lookup.path_record(
            self.store, req, lambda documents: bool(documents.online_statuses)
        )
        if found is None:
            return lookup.not_found()
        kind, record = found
        if (
            record.get("Type") not in SALES_TYPES
            or record.get("Status") not in resources.get(kind).documents.online_statuses
        ):
            return lookup.refused(
                "OnlineInvoices",
                "An online invoice is only available for sales invoices that are AUTHORISED"
                f" or PAID; {record.get('InvoiceNumber') or record['InvoiceID']} is a"
                f" {record.get('Status')} {record.get('Type')}",
            )
        url = online_url(req.context["tenant_id"], lookup.record_id(kind, record))
        body = dumps({"OnlineInvoiceUrl": url})
        return Response.json(200, envelope("OnlineInvoices", [body], lookup.utcnow(), None))


def online_url(tenant_id: str, record_id: str) -> str:
    digest = hashlib.sha256(f"{tenant_id}/{record_id}".encode()).digest()
    token = base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")[:40]
    return ONLINE_HOST + token.replace("-", "a").replace("_", "b")
