"""The document endpoints beside each record: attachments, history and notes, online invoices.

One `register` call from the server; PDFs are answered by the GET of a record itself (see
`pdf.py`), and history is recorded from the write path (`history.record_save`).
"""

from __future__ import annotations

from xerocli.sandbox.attachments import Attachments
from xerocli.sandbox.history import History
from xerocli.sandbox.http import Router
from xerocli.sandbox.online import OnlineInvoices
from xerocli.sandbox.store import Store


def register(router: Router, store: Store) -> None:
    """Add the routes; each module creates the table it keeps, if it is not there yet."""
    Attachments(store).register(router)
    History(store).register(router)
    OnlineInvoices(store).register(router)
