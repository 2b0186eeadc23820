"""Receipts (`/Receipts`): what a user spent for the business, to be claimed back on an expense
claim. Legacy in Xero (expense claims were replaced by Xero Expenses in 2018), still served.

Written by the shared document writer (contact, lines, totals as a bill's, in the base
currency: a receipt has no CurrencyCode) with the `User` it belongs to, which must be a user of
the organisation. A new receipt is a DRAFT and only a draft may be edited; the claim it goes on
moves it to SUBMITTED, AUTHORISED or VOIDED (`expense_claims.py`). A receipt is never in the
ledger itself: its claim posts it once authorised. `ReceiptNumber` counts each user's receipts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xerocli.sandbox.resources._documents import DocumentRules, write_document
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Documents,
    Lifecycle,
    Listing,
    Resource,
)

if TYPE_CHECKING:
    from xerocli.sandbox.validate import Element
    from xerocli.sandbox.writes import Context

RECEIPT_FIELDS = COMMON_FIELDS | {
    "ReceiptID",
    "ReceiptNumber",
    "Status",
    "User",
    "Contact",
    "Date",
    "Reference",
    "LineAmountTypes",
    "LineItems",
    "SubTotal",
    "TotalTax",
    "Total",
    "ID",
    "Url",
    "Attachments",
    "Warnings",
}


def user_summary(user: dict) -> dict:
    """A user as a receipt or claim holds it."""
    keys = ("UserID", "EmailAddress", "FirstName", "LastName", "UpdatedDateUTC")
    return {key: user[key] for key in (*keys, "IsSubscriber", "OrganisationRole") if key in user}


def _user(ctx: Context, el: Element, sent: dict, record: dict, existing: dict | None) -> None:
    """The receipt's User: required, by UserID, one of the organisation's; base currency only."""
    record.pop("CurrencyRate", None)
    if sent.get("CurrencyCode") not in (None, ctx.base_currency):
        el.error(f"A receipt is in the base currency ({ctx.base_currency}) only")
    record.pop("CurrencyCode", None)
    if "User" not in sent and existing is not None:
        return
    raw = sent.get("User")
    user_id = raw.get("UserID") if isinstance(raw, dict) else None
    if not user_id:
        el.error("A User must be specified (by UserID)")
        return
    user = ctx.get("Users", str(user_id))
    if user is None:
        el.error(f"User with UserID {user_id} could not be found")
        return
    if existing is not None and existing["User"]["UserID"] != user["UserID"]:
        el.error("A receipt cannot be moved to another user")
        return
    record["User"] = user_summary(user)
    if existing is None:
        taken = ctx.store.select_bodies(ctx.tenant_id, "Receipts")
        mine = sum(1 for body in taken if user["UserID"] in body)
        record["ReceiptNumber"] = str(mine + 1)


def _derive(record: dict, status: str) -> None:
    record["ID"] = record["ReceiptID"]
    record.setdefault("HasAttachments", False)
    record.setdefault("Attachments", [])
    record.pop("DateString", None)


RULES = DocumentRules(
    types=None,
    untyped_as="ACCPAY",
    approved_statuses=("DRAFT",),  # a receipt must be complete to be claimed
    check=_user,
    derive=_derive,
)


def write(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    return write_document(ctx, el, RESOURCE, RULES, existing)


RESOURCE = Resource(
    collection="Receipts",
    documents=Documents(attachments=True, history=True),
    type_name="Receipt",
    id_field="ReceiptID",
    date_field="Date",
    fields=RECEIPT_FIELDS,
    nested={"Contact": "Contacts", "User": "Users"},
    listing=Listing(line_field="LineItems"),
    scopes=("accounting.transactions", "accounting.invoices"),
    seeded_by="expense_claims.seed_claims (each user's receipts, and the claims they are on)",
    writer=write,
    lifecycle=Lifecycle(
        create=("DRAFT",),
        transitions={},
        editable=frozenset({"DRAFT"}),
    ),
)
