"""Overpayments (`/Overpayments`): money received (or paid) beyond what an invoice owed, kept
as credit for the contact; see `_prepaid.py` for what they share with prepayments."""

from __future__ import annotations

from xerocli.sandbox.allocations import Credit
from xerocli.sandbox.resources._prepaid import FIELDS, credit_resource

CREDIT = Credit(
    "Overpayment",
    "OverpaymentID",
    None,
    "Overpayments",
    {"RECEIVE-OVERPAYMENT": "ACCREC", "SPEND-OVERPAYMENT": "ACCPAY"},
    "overpayment",
)

RESOURCE = credit_resource(CREDIT, fields=FIELDS | {"OverpaymentID"}, prefix="OVP")
