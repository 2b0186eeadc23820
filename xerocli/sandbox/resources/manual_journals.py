"""Writing manual journals as Xero does: validation, tax, and the status rules.

A manual journal is the one write that posts straight to the ledger, with no document or
control account to balance it; so the sandbox refuses, as Xero does, anything that would leave
the books out of balance: fewer than two lines, a line without an amount, an unknown or
archived account, and debits that do not equal credits. Nor may a line post to the Accounts
Receivable or Payable system accounts (610, 800): they always equal the approved invoices,
bills and credit notes open on them, which the aged reports list (Xero's advice is to journal
to an account of one's own instead, as the seed's accruals do to 826 Accrued Liabilities).
With `LineAmountTypes` NoTax the line amounts must sum to zero; with Exclusive or Inclusive
each line's amount *including its tax* must, because the tax is posted too (to 820 Sales Tax,
see `ledger.py`). A line's Tracking names the organisation's active categories and options, as
a document line's does (`tracking_categories.line_tracking`).

Tax is computed, never taken from the client: Exclusive adds LineAmount x the tax type's rate,
Inclusive extracts it from the amount, each rounded to 2 places half up (`totals.line_tax`, as
for invoices); NoTax has none. A line without a TaxType takes its account's, except on NoTax
journals, where it is NONE (as Xero shows them).

Statuses: a new journal is DRAFT (the default) or POSTED. A DRAFT may be edited, POSTED or
DELETED; a POSTED one edited or VOIDED; VOIDED and DELETED ones cannot change. A void or delete
changes the status only: whatever else the element carries is ignored, and the lines are not
re-checked (they left the books, so their accounts no longer matter).

Called through `writes.write_one` inside the write transaction, like every other resource's
writer; takes the same `writes.Context`.
"""

from __future__ import annotations

import copy
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox import totals
from xerocli.sandbox.postings import SALES_TAX, account_code
from xerocli.sandbox.records import set_date
from xerocli.sandbox.resources.accounts import NOT_JOURNALLED, system_account
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Books,
    Documents,
    Lifecycle,
    Listing,
    Resource,
)
from xerocli.sandbox.resources.tracking_categories import line_tracking
from xerocli.sandbox.validate import (
    Element,
    bool_field,
    choice_field,
    date_field,
    decimal_field,
    text_field,
)
from xerocli.sandbox.xerojson import money

if TYPE_CHECKING:  # the engine imports the declarations: its types only, to avoid a cycle
    from xerocli.sandbox.writes import Context

KIND = "ManualJournals"
LABEL = "ManualJournal"
ZERO = Decimal("0.00")
STATUSES = ("DRAFT", "POSTED", "DELETED", "VOIDED", "ARCHIVED")
CREATE_STATUSES = ("DRAFT", "POSTED")
#: Status changes an update may make (same-status edits are checked against EDITABLE).
TRANSITIONS = {"DRAFT": {"POSTED", "DELETED"}, "POSTED": {"VOIDED"}}
EDITABLE = {"DRAFT", "POSTED"}
#: Statuses that take a journal out of the books (or keep it out): nothing else changes.
LEAVING = {"VOIDED", "DELETED"}
_LAT_NAMES = {"EXCLUSIVE": "Exclusive", "INCLUSIVE": "Inclusive", "NOTAX": "NoTax"}
#: The order Xero writes a manual journal's fields in.
FIELD_ORDER = (
    "Date",
    "Status",
    "LineAmountTypes",
    "UpdatedDateUTC",
    "ManualJournalID",
    "Narration",
    "JournalLines",
    "ShowOnCashBasisReports",
    "Url",
    "HasAttachments",
)


def write_manual_journal(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    """Create (`existing` None) or update a manual journal; None when `el` has errors."""
    sent = el.sent
    record = copy.deepcopy(existing) if existing else {"ManualJournalID": str(uuid.uuid4())}
    status = _status(el, sent, existing)
    if existing is not None and status in LEAVING:
        if not el.ok:
            return None
        record["Status"] = status
        ctx.save(KIND, record, False)
        return record

    narration = text_field(el, sent.get("Narration"), "Narration")
    blank = sent.get("Narration") is None or (narration is not None and not narration.strip())
    if ("Narration" in sent or existing is None) and blank:
        el.error("Narration is required")
    day = date_field(el, sent.get("Date"), "Date")
    lat = choice_field(el, sent.get("LineAmountTypes"), "LineAmountTypes", tuple(_LAT_NAMES))
    line_amount_types = _LAT_NAMES[lat] if lat else record.get("LineAmountTypes", "NoTax")
    show = bool_field(el, sent.get("ShowOnCashBasisReports"), "ShowOnCashBasisReports")
    url = text_field(el, sent.get("Url"), "Url", 2000)
    raw_lines = sent["JournalLines"] if "JournalLines" in sent else record.get("JournalLines")
    lines = journal_lines(ctx, el, raw_lines or [], line_amount_types)
    if not el.ok:
        return None

    if narration is not None:
        record["Narration"] = narration
    if day is not None or existing is None:
        set_date(record, "Date", day or ctx.today, with_string=False)
    record["Status"] = status
    record["LineAmountTypes"] = line_amount_types
    record["JournalLines"] = lines
    record["ShowOnCashBasisReports"] = (
        show if show is not None else record.get("ShowOnCashBasisReports", True)
    )
    if url is not None:
        record["Url"] = url
    record.setdefault("HasAttachments", False)
    record.setdefault("UpdatedDateUTC", None)  # a place in FIELD_ORDER; `save` fills it
    ordered = {key: record[key] for key in FIELD_ORDER if key in record}
    ordered.update((key, value) for key, value in record.items() if key not in ordered)
    ctx.save(KIND, ordered, existing is None)
    return ordered


def _status(el: Element, sent: dict, existing: dict | None) -> str:
    """The status the journal will have, with an error if it may not get it."""
    status = choice_field(el, sent.get("Status"), "Status", STATUSES)
    if existing is None:
        status = status or CREATE_STATUSES[0]
        if status not in CREATE_STATUSES:
            el.error(f"A new {LABEL} cannot have status {status}; use {', '.join(CREATE_STATUSES)}")
        return status
    old = existing.get("Status", "DRAFT")
    status = status or old
    if status != old and status not in TRANSITIONS.get(old, set()):
        el.error(f"{LABEL} not of valid status for modification: cannot change {old} to {status}")
    elif status == old and old not in EDITABLE:
        el.error(f"{LABEL} not of valid status for modification")
    return status


def journal_lines(ctx: Context, el: Element, raw: object, line_amount_types: str) -> list[dict]:
    """Check and build the JournalLines (sent ones, or the stored ones on an edit that sends
    none, so a DRAFT is checked again when it is POSTED)."""
    if not isinstance(raw, list):
        el.error("JournalLines must be a list")
        return []
    if len(raw) < 2:
        el.error("A manual journal must have at least two journal lines")
    lines: list[dict] = []
    complete = True  # every line has an amount, so the balance can be checked
    for number, item in enumerate(raw, 1):
        where = f"Journal line {number}"
        if not isinstance(item, dict):
            el.error(f"{where} must be an object")
            complete = False
            continue
        amount = decimal_field(el, item.get("LineAmount"), f"{where} LineAmount")
        if item.get("LineAmount") in (None, ""):
            el.error(f"{where}: a LineAmount is required")
        if amount is None:
            complete = False
            amount = ZERO
        account = _account(ctx, el, item, where)
        tax_type = item.get("TaxType") or (
            "NONE" if line_amount_types == "NoTax" else (account or {}).get("TaxType", "NONE")
        )
        if tax_type not in ctx.usable_tax_types:
            el.error(
                f"The TaxType code '{tax_type}' does not exist or cannot be used with"
                " this type of transaction."
            )
        tracking = line_tracking(ctx, el, item.get("Tracking"), where)
        amount = money(amount)
        line: dict = {}
        if item.get("Description") is not None:
            line["Description"] = text_field(el, item["Description"], f"{where} Description")
        line["TaxType"] = tax_type
        line["TaxAmount"] = totals.line_tax(
            amount, ctx.tax_rates.get(tax_type, Decimal(0)), line_amount_types
        )
        line["LineAmount"] = amount
        if account:
            line["AccountCode"] = account["Code"]
        line["Tracking"] = tracking
        if account:
            line["AccountID"] = account["AccountID"]
        line["IsBlank"] = False
        lines.append(line)
    if complete:
        _check_balance(el, lines, line_amount_types)
    return lines


def _account(ctx: Context, el: Element, item: dict, where: str) -> dict | None:
    """A line's account, by AccountID if given, else by AccountCode: a live one, and not
    Accounts Receivable or Payable (by `SystemAccount`, or by code in an older data file)."""
    if item.get("AccountID"):
        account = ctx.account(account_id=item["AccountID"])
        if account is None:
            el.error(f"{where}: AccountID {item['AccountID']} is not valid for this document.")
    elif item.get("AccountCode") not in (None, ""):
        code = str(item["AccountCode"])
        account = ctx.account(code=code)
        if account is None:
            el.error(f"Account code '{code}' is not a valid code for this document.")
    else:
        el.error(f"{where}: an AccountCode or AccountID is required")
        return None
    if account is not None and account.get("Status") in ("ARCHIVED", "DELETED"):
        el.error(
            f"Account code '{account.get('Code')}' has been archived, or has been deleted."
            " Each line item must reference a valid account."
        )
        return None
    system = system_account(account) if account is not None else ""
    if account is not None and system in NOT_JOURNALLED:
        el.error(
            f"Account code '{account.get('Code')}' is the {NOT_JOURNALLED[system]} system"
            " account, which a manual journal cannot use. Journal to another account instead."
        )
        return None
    return account


def _check_balance(el: Element, lines: list[dict], line_amount_types: str) -> None:
    """Debits (positive) must equal credits (negative), each line with its tax if it is on top
    of the amount (Exclusive); Inclusive amounts hold their tax already."""
    debits = credits = ZERO
    for line in lines:
        gross = line["LineAmount"]
        if line_amount_types == "Exclusive":
            gross += line["TaxAmount"]
        if gross > 0:
            debits += gross
        else:
            credits += gross
    if debits + credits != 0:
        el.error(f"The total debits ({debits:.2f}) must equal total credits ({credits:.2f})")


def postings(record: dict, codes_by_id: dict[str, str]) -> dict[str, Decimal]:
    """Each line's net amount to its account and its tax to 820. Exclusive and NoTax amounts
    are net already; Inclusive ones hold their tax. The writer refused unbalanced journals.
    They have no currency: amounts are in base currency."""
    inclusive = record.get("LineAmountTypes") == "Inclusive"
    no_tax = record.get("LineAmountTypes") == "NoTax"
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in record.get("JournalLines") or []:
        amount = Decimal(line.get("LineAmount") or 0)
        tax = ZERO if no_tax else Decimal(line.get("TaxAmount") or 0)
        code = str(line.get("AccountCode") or "") or account_code(line, codes_by_id)
        out[code] += amount - tax if inclusive else amount
        if tax:
            out[SALES_TAX] += tax
    return dict(out)


RESOURCE = Resource(
    collection=KIND,
    books=Books(signed_lines=True),
    documents=Documents(attachments=True, history=True),
    type_name=LABEL,
    id_field="ManualJournalID",
    date_field="Date",
    fields=COMMON_FIELDS
    | {
        "ManualJournalID",
        "Narration",
        "JournalLines",
        "Date",
        "LineAmountTypes",
        "Status",
        "Url",
        "ShowOnCashBasisReports",
        "Attachments",
        "Warnings",
    },
    listing=Listing(paged=True, line_field="JournalLines"),
    scopes=("accounting.transactions", "accounting.manualjournals"),
    seeded_by="seed._JournalBuilder",
    writer=write_manual_journal,
    # POSTED only: a draft, voided or deleted journal is not in the books.
    postings=postings,
    posted_statuses=("POSTED",),
    lifecycle=Lifecycle(
        create=CREATE_STATUSES,
        transitions={old: frozenset(new) for old, new in TRANSITIONS.items()},
        editable=frozenset(EDITABLE),
    ),
)
