"""Contacts (`/Contacts`): customers and suppliers, and a document's Contact (by ID or name).

A contact's name is unique among active contacts (Xero's rule); a document naming a contact
that does not exist yet creates it when the document is saved.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.records import new_id
from xerocli.sandbox.resources._answers import answer, not_found, stored, tenant_of
from xerocli.sandbox.resources.declaration import (
    COMMON_FIELDS,
    Documents,
    Listing,
    Resource,
    Route,
)
from xerocli.sandbox.store import Store
from xerocli.sandbox.validate import EMAIL_RE, Element, bool_field, choice_field, text_field
from xerocli.sandbox.xerojson import loads

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

CONTACT_DEFAULTS = {
    "ContactStatus": "ACTIVE",
    "Addresses": [],
    "Phones": [],
    "ContactGroups": [],
    "ContactPersons": [],
    "IsSupplier": False,
    "IsCustomer": False,
    "HasAttachments": False,
    "HasValidationErrors": False,
}
#: Kept as stored whatever is sent; IsSupplier and IsCustomer are derived from the contact's
#: documents (Xero: "Cannot be set via PUT or POST", see `mark_contact`).
CONTACT_READ_ONLY = (
    "ContactID",
    "UpdatedDateUTC",
    "HasAttachments",
    "HasValidationErrors",
    "IsSupplier",
    "IsCustomer",
)


def write_contact(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    sent = el.sent
    record = copy.deepcopy(existing) if existing else {"ContactID": new_id(), **CONTACT_DEFAULTS}
    name = text_field(el, sent.get("Name"), "Name", 255)
    if existing is None and not (name or "").strip():
        el.error("The contact name must be provided")
    if name is not None and name.strip():
        other = contact_by_name(ctx, name)
        if other and other["ContactID"] != record["ContactID"]:
            el.error(
                f"The contact name {name.strip()} is already assigned to another contact."
                " The contact name must be unique across all active contacts."
            )
    email = sent.get("EmailAddress")
    if email and (not isinstance(email, str) or not EMAIL_RE.match(email)):
        el.error("Email address must be valid.")
    choice_field(el, sent.get("ContactStatus"), "ContactStatus", ("ACTIVE", "ARCHIVED"))
    currency = sent.get("DefaultCurrency")
    if currency and currency not in ctx.currencies:
        el.error(f"The currency code {currency} is not used by this organisation")
    for flag in ("IsSupplier", "IsCustomer"):
        bool_field(el, sent.get(flag), flag)
    for listed in ("Addresses", "Phones", "ContactPersons", "ContactGroups"):
        if listed in sent and not isinstance(sent[listed], list):
            el.error(f"{listed} must be a list")
    if not el.ok:
        return None
    for key, value in sent.items():
        if key not in CONTACT_READ_ONLY:
            record[key] = value
    if name:
        record["Name"] = name.strip()
    ctx.save("Contacts", record, existing is None)
    return record


def contact_summary(contact: dict) -> dict:
    return {
        "ContactID": contact["ContactID"],
        "Name": contact["Name"],
        "Addresses": [],
        "Phones": [],
        "ContactGroups": [],
        "ContactPersons": [],
        "HasValidationErrors": False,
    }


def resolve_contact(ctx: Context, el: Element, sent: object) -> tuple[dict | None, str | None]:
    """A document's Contact: an existing one by ContactID, or by Name (a new Name is created
    when the document is saved). Returns the contact and, for a new one, its name."""
    if not isinstance(sent, dict) or not (sent.get("ContactID") or sent.get("Name")):
        el.error("A Contact must be specified for this type of transaction")
        return None, None
    if sent.get("ContactID"):
        found = ctx.get("Contacts", str(sent["ContactID"]))
        if found is None:
            el.error(f"Contact with ContactID {sent['ContactID']} could not be found")
        return found, None
    name = str(sent["Name"]).strip()
    found = contact_by_name(ctx, name)
    return (found, None) if found else (None, name)


def mark_contact(ctx: Context, flags: Mapping[str, str], document: dict) -> None:
    """Make true the flag a saved document's Type gives its Contact (`flags`, the resource's
    `contact_flags`: an ACCREC invoice makes its contact a customer), as Xero does once such a
    document is entered; saved (a new UpdatedDateUTC) only when it changes, never unset."""
    flag = flags.get(str(document.get("Type") or ""))
    contact_id = (document.get("Contact") or {}).get("ContactID")
    contact = ctx.get("Contacts", str(contact_id)) if flag and contact_id else None
    if contact is not None and contact.get(flag) is not True:
        contact[flag] = True
        ctx.save("Contacts", contact, False)


def contact_by_name(ctx: Context, name: str) -> dict | None:
    """The active contact with this name, in any case."""
    rows = ctx.store.execute(
        "SELECT body FROM records WHERE tenant_id=? AND kind='Contacts'"
        " AND json_extract(body, '$.Name') = ? COLLATE NOCASE AND status != 'ARCHIVED'",
        (ctx.tenant_id, name.strip()),
    )
    return loads(rows[0][0]) if rows else None


#: CIS deduction rates of a subcontractor (HMRC): gross, registered, unregistered.
CIS_RATES = (0, 20, 30)


def cis_settings(store: Store, req: Request) -> Response:
    """`GET /Contacts/{ID}/CISSettings`: in a UK organisation (a CIS contractor, see
    `/Organisation/{ID}/CISSettings`) each seeded supplier is a CIS subcontractor, most at the
    registered 20%, some paid gross (0%) or unregistered (30%), the same on every request;
    customers, and every contact elsewhere, are not (Xero then sends no Rate)."""
    contact = store.get_body(tenant_of(req), "Contacts", req.params["record_id"])
    if contact is None:
        return not_found()
    record = loads(contact)
    organisation = stored(store, req, "Organisation")
    uk = bool(organisation) and organisation[0].get("CountryCode") == "GB"
    if not (uk and record.get("IsSupplier")):
        return answer("CISSettings", [{"CISEnabled": False}])
    pick = int(hashlib.sha256(record["ContactID"].lower().encode()).hexdigest(), 16) % 5
    rate = CIS_RATES[0 if pick == 0 else 2 if pick == 1 else 1]
    return answer("CISSettings", [{"CISEnabled": True, "Rate": rate}])


RESOURCE = Resource(
    collection="Contacts",
    documents=Documents(attachments=True, history=True),
    type_name="Contact",
    id_field="ContactID",
    number_field="ContactNumber",
    status_field="ContactStatus",
    fields=COMMON_FIELDS
    | {
        "ContactID",
        "ContactNumber",
        "AccountNumber",
        "ContactStatus",
        "Name",
        "FirstName",
        "LastName",
        "CompanyNumber",
        "EmailAddress",
        "ContactPersons",
        "BankAccountDetails",
        "TaxNumber",
        "AccountsReceivableTaxType",
        "AccountsPayableTaxType",
        "Addresses",
        "Phones",
        "IsSupplier",
        "IsCustomer",
        "DefaultCurrency",
        "XeroNetworkKey",
        "SalesDefaultAccountCode",
        "PurchasesDefaultAccountCode",
        "SalesTrackingCategories",
        "PurchasesTrackingCategories",
        "TrackingCategoryName",
        "TrackingCategoryOption",
        "PaymentTerms",
        "ContactGroups",
        "Website",
        "BrandingTheme",
        "BatchPayments",
        "Discount",
        "Balances",
        "Attachments",
    },
    listing=Listing(
        paged=True,
        # The spec's searchTerm description; Xero's Contacts page adds CompanyNumber.
        search_fields=(
            "Name",
            "FirstName",
            "LastName",
            "ContactNumber",
            "CompanyNumber",
            "EmailAddress",
        ),
        hides_status="ARCHIVED",
    ),
    scopes=("accounting.contacts",),
    seeded_by="seed._contacts",
    writer=write_contact,
    webhook_category="CONTACT",
    routes=(
        Route("GET", "/{record_id}/CISSettings", cis_settings, scopes=("accounting.settings",)),
    ),
)
