"""Contacts (`/Contacts`): customers and suppliers."""

from __future__ import annotations

from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Listing, Resource

RESOURCE = Resource(
    collection="Contacts",
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
    webhook_category="CONTACT",
)
