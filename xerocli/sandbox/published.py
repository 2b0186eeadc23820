"""`GET /Reports` and `GET /Reports/{ReportID}`: the reports an organisation has published.

In Xero these are the tax returns filed from the organisation (GST returns in New Zealand,
BAS in Australia, VAT returns in the UK). The sandbox publishes one for every tax period that
ended before today and has documents: two-monthly GST periods for an NZ organisation,
quarterly VAT periods otherwise. Each return is computed from the books (sales and purchases
net of tax, and the tax on each) and has a stable ID, so `GET /Reports/{ReportID}` finds it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from xerocli.sandbox.books import Books
from xerocli.sandbox.ledger import ZERO
from xerocli.sandbox.report_params import shift_months
from xerocli.sandbox.statements import amount_text, header, long_date, row, section

_NAMESPACE = uuid.UUID("6f1c2e0a-4f0b-4d5e-9a51-7c2b8f1e3d90")


@dataclass(frozen=True)
class TaxReturn:
    report_id: str
    name: str  # "GST Return"
    report_type: str  # "GSTReturn"
    start: date
    end: date

    @property
    def period(self) -> str:
        return f"For the period {long_date(self.start)} to {long_date(self.end)}"


def tax_returns(books: Books, tenant_id: str, country: str, today: date) -> list[TaxReturn]:
    """The returns of every whole tax period from the first taxed day up to today."""
    if not books.tax:
        return []
    gst = country == "NZ"
    months = 2 if gst else 3
    name, kind = ("GST Return", "GSTReturn") if gst else ("VAT Return", "VATReturn")
    first = min(books.tax)
    # Periods end in odd months for NZ GST (Jan, Mar, ...) and in calendar quarters for VAT.
    start = first.replace(day=1)
    # NZ GST periods start in even months (Feb-Mar, ..., Dec-Jan); VAT quarters in Jan, Apr, ...
    start = shift_months(start, -(start.month % 2) if gst else -((start.month - 1) % 3))
    found = []
    while True:
        end = shift_months(start, months) - timedelta(days=1)
        if end >= today:
            return found
        report_id = str(uuid.uuid5(_NAMESPACE, f"{tenant_id}:{kind}:{start.isoformat()}"))
        found.append(TaxReturn(report_id, name, kind, start, end))
        start = shift_months(start, months)


def tax_return_rows(books: Books, tax_return: TaxReturn) -> list[dict]:
    sales = sales_tax = purchases = purchases_tax = ZERO
    for day, (net_sales, tax_on_sales, net_purchases, tax_on_purchases) in books.tax.items():
        if tax_return.start <= day <= tax_return.end:
            sales += net_sales
            sales_tax += tax_on_sales
            purchases += net_purchases
            purchases_tax += tax_on_purchases
    tax = "GST" if tax_return.report_type == "GSTReturn" else "VAT"
    return [
        header(["", "Amount"]),
        section(
            "Sales",
            [
                row(["Total sales (excluding tax)", amount_text(sales)]),
                row([f"{tax} on sales", amount_text(sales_tax)]),
            ],
        ),
        section(
            "Purchases",
            [
                row(["Total purchases (excluding tax)", amount_text(purchases)]),
                row([f"{tax} on purchases", amount_text(purchases_tax)]),
            ],
        ),
        section(
            "",
            [
                row(
                    [f"{tax} to pay (refund)", amount_text(sales_tax - purchases_tax)],
                    kind="SummaryRow",
                )
            ],
        ),
    ]
