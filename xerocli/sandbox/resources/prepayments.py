"""Prepayments (`/Prepayments`): money received (or paid) before the invoice it is for, kept as
credit for the contact; see `_prepaid.py` for what they share with overpayments."""

from __future__ import annotations

from xerocli.sandbox.allocations import Credit
from xerocli.sandbox.resources._prepaid import FIELDS, credit_resource

CREDIT = Credit(
    "Prepayment",
    "PrepaymentID",
    None,
    "Prepayments",
    {"RECEIVE-PREPAYMENT": "ACCREC", "SPEND-PREPAYMENT": "ACCPAY"},
    "prepayment",
)

RESOURCE = credit_resource(
    CREDIT, fields=FIELDS | {"PrepaymentID", "InvoiceNumber", "BrandingThemeID"}, prefix="PRE"
)
