"""Items (`/Items`): the products and services invoices and bills can name by code."""

from __future__ import annotations

from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Nested, Resource

#: An item's sales and purchase details, as Xero's `Purchase` type has them.
_DETAILS = Nested("Purchase", frozenset({"UnitPrice", "AccountCode", "COGSAccountCode", "TaxType"}))

RESOURCE = Resource(
    collection="Items",
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
    delete="remove",
)
