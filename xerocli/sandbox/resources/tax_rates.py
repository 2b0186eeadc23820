"""Tax rates (`/TaxRates`): read-only here; a tax rate is known by its TaxType."""

from __future__ import annotations

from xerocli.sandbox.resources.declaration import Listing, Resource

RESOURCE = Resource(
    collection="TaxRates",
    type_name="TaxRate",
    id_field="TaxType",
    fields=frozenset(
        {
            "Name",
            "TaxType",
            "TaxComponents",
            "Status",
            "ReportTaxType",
            "CanApplyToAssets",
            "CanApplyToEquity",
            "CanApplyToExpenses",
            "CanApplyToLiabilities",
            "CanApplyToRevenue",
            "DisplayTaxRate",
            "EffectiveRate",
            "UpdatedDateUTC",
        }
    ),
    listing=Listing(guid_ids=False),
    scopes=("accounting.settings",),
    seeded_by="seed._tax_rates",
)
