"""How a record's attachments and history records are shown (tables; JSON as Xero sends them)."""

from __future__ import annotations

from xerocli.output.table import TableColumn
from xerocli.output.writer import RecordView

ATTACHMENTS = RecordView(
    columns=[
        TableColumn("FileName", "File"),
        TableColumn("MimeType", "Type"),
        TableColumn("ContentLength", "Bytes"),
        TableColumn("IncludeOnline", "Online"),
        TableColumn("AttachmentID", "AttachmentID"),
    ],
    empty_message="No attachments.",
    totals=False,
)

HISTORY = RecordView(
    columns=[
        TableColumn("DateUTCString", "When (UTC)"),
        TableColumn("User", "User"),
        TableColumn("Changes", "Change"),
        TableColumn("Details", "Details"),
    ],
    empty_message="No history records.",
    totals=False,
)

#: An allocation of a credit (credit note, prepayment, overpayment) to an invoice.
ALLOCATIONS = RecordView(
    columns=[
        TableColumn("Date", "Date"),
        TableColumn("Invoice.InvoiceNumber", "Invoice"),
        TableColumn("Amount", "Amount", money=True),
        TableColumn("AllocationID", "AllocationID"),
    ],
    empty_message="No allocations.",
    totals=False,
    delimited_columns=[
        "AllocationID",
        "Date",
        "Invoice.InvoiceID",
        "Invoice.InvoiceNumber",
        "Amount",
    ],
)
