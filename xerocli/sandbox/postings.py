"""What the resources' ledger postings share: the control accounts, and a document's lines.

Each resource that posts to the ledger declares its own `postings` (see `resources/`); these are
the pieces they have in common. Amounts are in the record's own currency, debits positive;
`ledger.py` converts them to the base currency and balances them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

ZERO = Decimal("0.00")
RECEIVABLE, PAYABLE, SALES_TAX, RETAINED_EARNINGS = "610", "800", "820", "960"
#: Statuses whose documents are in the books (DRAFT and SUBMITTED are not approved yet).
POSTED = ("AUTHORISED", "PAID")
#: An invoice's or credit note's Type -> its control account and the sign of its Total there.
CONTROL_ACCOUNTS = {
    "ACCREC": (RECEIVABLE, Decimal(1)),
    "ACCPAY": (PAYABLE, Decimal(-1)),
    "ACCRECCREDIT": (RECEIVABLE, Decimal(-1)),
    "ACCPAYCREDIT": (PAYABLE, Decimal(1)),
}


def controlled_document_postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """An invoice or credit note: its Total to the control account of its Type (610 or 800),
    its lines and tax the other way (credit notes are the mirror of their invoice type)."""
    control, sign = CONTROL_ACCOUNTS.get(str(record.get("Type") or ""), (None, Decimal(0)))
    if control is None:
        return {}
    return document_postings(record, control, sign)


def document_postings(record: dict, control: str | None, sign: Decimal) -> dict[str, Decimal]:
    """`sign` +1: debit `control` with the Total, credit lines (net) and tax; -1: the mirror.

    Net follows LineAmountTypes: Exclusive line amounts are net already, Inclusive ones hold
    their tax, NoTax ones have none. SubTotal + TotalTax = Total (see totals.py), so the
    postings balance in the document's currency before any conversion.
    """
    inclusive = record.get("LineAmountTypes") == "Inclusive"
    no_tax = record.get("LineAmountTypes") == "NoTax"
    postings: dict[str, Decimal] = defaultdict(lambda: ZERO)
    total = ZERO
    for line in record.get("LineItems") or []:
        amount = Decimal(line.get("LineAmount") or 0)
        tax = ZERO if no_tax else Decimal(line.get("TaxAmount") or 0)
        net = amount - tax if inclusive else amount
        code = str(line.get("AccountCode") or "")
        postings[code] -= sign * net
        postings[SALES_TAX] -= sign * tax
        total += net + tax
    postings[control or ""] += sign * total
    return dict(postings)


def account_code(reference: object, codes_by_id: dict[str, str]) -> str:
    """An `{"AccountID", "Code"}` reference's code, by Code or else by AccountID."""
    if not isinstance(reference, dict):
        return ""
    if reference.get("Code"):
        return str(reference["Code"])
    return codes_by_id.get(str(reference.get("AccountID") or "").lower(), "")
