"""Items (`/Items`): the products and services invoices and bills can name by code.

A tracked item (`IsTrackedAsInventory`) needs an inventory asset account and a cost of goods
sold account; codes are unique.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import TYPE_CHECKING

from xerocli.sandbox.records import new_id
from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Documents, Nested, Resource
from xerocli.sandbox.validate import Element, bool_field, decimal_field, text_field

if TYPE_CHECKING:
    from xerocli.sandbox.writes import Context

ZERO = Decimal("0.00")


def write_item(ctx: Context, el: Element, existing: dict | None) -> dict | None:
    sent = el.sent
    record = copy.deepcopy(existing) if existing else {"ItemID": new_id()}
    code = text_field(el, sent.get("Code"), "Code", 30)
    if existing is None and not (code or "").strip():
        el.error("Item Code is required")
    if code and code.strip():
        code = code.strip()
        other = ctx.by_number("Items", code)
        if other and other["ItemID"] != record["ItemID"]:
            el.error(f"Item code '{code}' already exists")
        record["Code"] = code
    for key, limit in (("Name", 50), ("Description", 4000), ("PurchaseDescription", 4000)):
        if key in sent:
            record[key] = text_field(el, sent[key], key, limit)
    record.setdefault("Name", record.get("Code", ""))
    for key in ("SalesDetails", "PurchaseDetails"):
        if key not in sent:
            record.setdefault(key, {})
            continue
        raw = sent[key]
        if not isinstance(raw, dict):
            el.error(f"{key} must be an object")
            continue
        details: dict = {}
        price = decimal_field(el, raw.get("UnitPrice"), f"{key}.UnitPrice")
        if price is not None:
            details["UnitPrice"] = ctx.unit_amount(price)
        for code_key in ("AccountCode", "COGSAccountCode"):
            if raw.get(code_key):
                if ctx.account(code=raw[code_key]) is None:
                    el.error(f"{key}.{code_key} '{raw[code_key]}' is not a valid account code")
                details[code_key] = raw[code_key]
        if raw.get("TaxType"):
            if raw["TaxType"] not in ctx.usable_tax_types:
                el.error(f"{key}.TaxType '{raw['TaxType']}' is not a valid tax type")
            details["TaxType"] = raw["TaxType"]
        record[key] = details
    for flag in ("IsSold", "IsPurchased", "IsTrackedAsInventory"):
        if flag in sent:
            value = bool_field(el, sent[flag], flag)
            if value is not None:
                record[flag] = value
    record.setdefault("IsSold", True)
    record.setdefault("IsPurchased", True)
    if sent.get("InventoryAssetAccountCode"):
        if ctx.account(code=sent["InventoryAssetAccountCode"]) is None:
            el.error("InventoryAssetAccountCode is not a valid account code")
        record["InventoryAssetAccountCode"] = sent["InventoryAssetAccountCode"]
    if record.get("IsTrackedAsInventory"):
        if not record.get("InventoryAssetAccountCode"):
            el.error("An InventoryAssetAccountCode is required for a tracked item")
        if not record.get("PurchaseDetails", {}).get("COGSAccountCode"):
            el.error("PurchaseDetails.COGSAccountCode is required for a tracked item")
        record.setdefault("QuantityOnHand", Decimal("0.0000"))
        record.setdefault("TotalCostPool", ZERO)
    else:
        record["IsTrackedAsInventory"] = False
    if not el.ok:
        return None
    ctx.save("Items", record, existing is None)
    return record


#: An item's sales and purchase details, as Xero's `Purchase` type has them.
_DETAILS = Nested("Purchase", frozenset({"UnitPrice", "AccountCode", "COGSAccountCode", "TaxType"}))

RESOURCE = Resource(
    collection="Items",
    documents=Documents(history=True),
    type_name="Item",
    id_field="ItemID",
    number_field="Code",
    fields=COMMON_FIELDS
    | {
        "ItemID",
        "Code",
        "Name",
        "Description",
        "PurchaseDescription",
        "PurchaseDetails",
        "SalesDetails",
        "IsTrackedAsInventory",
        "InventoryAssetAccountCode",
        "TotalCostPool",
        "QuantityOnHand",
        "IsSold",
        "IsPurchased",
    },
    nested={"SalesDetails": _DETAILS, "PurchaseDetails": _DETAILS},
    scopes=("accounting.settings", "accounting.invoices"),
    seeded_by="seed._items",
    write_by_number=True,
    upsert_by_number=True,
    # Xero refuses Items batches over 500 elements.
    max_batch=500,
    writer=write_item,
    delete="remove",
)
