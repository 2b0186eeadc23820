"""The document endpoints beside each record: attachments, history and notes, online invoices.

One `register` call from the server; PDFs are answered by the GET of a record itself and by
its `/pdf` path (see `pdf.py`), and history is recorded from the write path (`history.record_save`).
"""

from __future__ import annotations

from xerocli.sandbox.attachments import Attachments
from xerocli.sandbox.history import History
from xerocli.sandbox.http import Router
from xerocli.sandbox.idempotency import IdempotencyCache
from xerocli.sandbox.online import OnlineInvoices
from xerocli.sandbox.pdf import PdfPaths
from xerocli.sandbox.store import Store


def register(router: Router, store: Store, idempotency: IdempotencyCache) -> None:
    """Add the routes; each module creates the table it keeps, if it is not there yet. Uploads
    and notes answer a repeated Idempotency-Key from `idempotency` (the other writes' cache,
    so its window is theirs) as Xero does: a retry after a lost answer is not done twice."""
    Attachments(store, idempotency).register(router)
    History(store, idempotency).register(router)
    OnlineInvoices(store).register(router)
    PdfPaths(store).register(router)
