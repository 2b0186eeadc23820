"""The chart of accounts (`/Accounts`)."""

from __future__ import annotations

from xerocli.sandbox.resources.declaration import COMMON_FIELDS, Resource

RESOURCE = Resource(
    collection="Accounts",
    type_name="Account",
    id_field="AccountID",
    number_field="Code",
    fields=COMMON_FIELDS
    | {
        "AccountID",
        "Code",
        "Name",
        "Type",
        "BankAccountNumber",
        "Status",
        "Description",
        "BankAccountType",
        "CurrencyCode",
        "TaxType",
        "EnablePaymentsToAccount",
        "ShowInExpenseClaims",
        "Class",
        "SystemAccount",
        "ReportingCode",
        "ReportingCodeName",
        "AddToWatchlist",
    },
    scopes=("accounting.settings",),
    seeded_by="seed._accounts and seed._chart_accounts",
    delete="status",
)
