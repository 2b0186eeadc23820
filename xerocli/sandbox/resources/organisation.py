"""The organisation (`/Organisation`): one record per tenant, its `Actions` (what the API may
do in it) and, for UK organisations, its construction industry scheme settings
(`/Organisation/{ID}/CISSettings`)."""

from __future__ import annotations

from xerocli.sandbox.http import Request, Response
from xerocli.sandbox.resources._answers import answer, not_found, seeded_at, stored
from xerocli.sandbox.resources.declaration import Resource, Route
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import ms_date

#: The actions Xero names in `/Organisation/Actions`; a demo company may do them all but pay
#: through the payroll it does not have.
ACTIONS = (
    "UseMulticurrency",
    "CreateApprovedInvoice",
    "CreateApprovedBill",
    "CreateApprovedCreditNote",
    "CreateApprovedPayment",
    "CreateApprovedPurchaseOrder",
    "CreateApprovedReceipt",
    "CreateApprovedQuote",
    "CreateDraftInvoice",
    "CreateDraftBill",
    "CreateDraftCreditNote",
    "CreateDraftPurchaseOrder",
    "CreateDraftQuote",
    "CreateManualJournal",
    "CreateBankTransfer",
    "CreateBankTransaction",
    "CreateContact",
    "CreateRepeatingInvoice",
    "AttachFilesIntoDocument",
    "EmailInvoice",
    "PayRun",
)


def seed_organisation(company) -> list[dict]:
    spec = company.spec
    uk = spec.country == "GB"
    return [
        {
            "OrganisationID": spec.tenant_id,
            "APIKey": "",
            "Name": spec.name,
            "LegalName": spec.name + (" Ltd" if uk else " Limited"),
            "PaysTax": True,
            "Version": "UK" if uk else spec.country,
            "OrganisationType": "COMPANY",
            "BaseCurrency": spec.base_currency,
            "CountryCode": spec.country,
            "IsDemoCompany": True,
            "OrganisationStatus": "ACTIVE",
            "RegistrationNumber": "01234567" if uk else "1234567",
            "TaxNumber": "GB123456789" if uk else "111-111-111",
            "FinancialYearEndDay": 31,
            "FinancialYearEndMonth": 3,
            "SalesTaxBasis": "ACCRUALS" if uk else "INVOICE",
            "SalesTaxPeriod": "QUARTERLY1" if uk else "TWOMONTHS",
            "DefaultSalesTax": "Tax Exclusive",
            "DefaultPurchasesTax": "Tax Exclusive",
            "CreatedDateUTC": ms_date(seeded_at(1000)),
            "OrganisationEntityType": "COMPANY",
            "Timezone": "GMTSTANDARDTIME" if uk else "NEWZEALANDSTANDARDTIME",
            "ShortCode": spec.short_code,
            "Class": "DEMO",
            "Edition": "BUSINESS",
            "LineOfBusiness": "Professional services",
            "Addresses": [
                {
                    "AddressType": "POBOX",
                    "AddressLine1": "23 Main Street",
                    "City": "London" if uk else "Wellington",
                    "PostalCode": "SW1A 1AA" if uk else "6011",
                    "Country": "United Kingdom" if uk else "New Zealand",
                }
            ],
            "Phones": [{"PhoneType": "OFFICE", "PhoneNumber": "555 0100"}],
            "ExternalLinks": [],
            "PaymentTerms": {
                "Bills": {"Day": 20, "Type": "OFFOLLOWINGMONTH"},
                "Sales": {"Day": 20, "Type": "DAYSAFTERBILLDATE"},
            },
        }
    ]


def organisation(store: Store, req: Request) -> Response:
    """`GET /Organisation`: the one record, in a list named `Organisations`."""
    return answer("Organisations", stored(store, req, "Organisation"))


def actions(store: Store, req: Request) -> Response:
    """`GET /Organisation/Actions`: each action ALLOWED, but PayRun (no payroll here)."""
    named = [
        {"Name": name, "Status": "NOT-ALLOWED" if name == "PayRun" else "ALLOWED"}
        for name in ACTIONS
    ]
    return answer("Actions", named)


def cis_settings(store: Store, req: Request) -> Response:
    """`GET /Organisation/{ID}/CISSettings`: a UK organisation's CIS (contractor on, at 20%);
    others have none."""
    found = [o for o in stored(store, req, "Organisation") if _same(o, req)]
    if not found:
        return not_found()
    uk = found[0].get("CountryCode") == "GB"
    shown = [
        {"CISContractorEnabled": uk, "CISSubContractorEnabled": False, "Rate": 20 if uk else 0}
    ]
    return answer("CISSettings", shown)


def _same(record: dict, req: Request) -> bool:
    return record["OrganisationID"].lower() == req.params["record_id"].lower()


RESOURCE = Resource(
    collection="Organisation",
    type_name="Organisation",
    id_field="OrganisationID",
    status_field="OrganisationStatus",
    fields=frozenset(
        {
            "OrganisationID",
            "APIKey",
            "Name",
            "LegalName",
            "PaysTax",
            "Version",
            "OrganisationType",
            "BaseCurrency",
            "CountryCode",
            "IsDemoCompany",
            "OrganisationStatus",
            "RegistrationNumber",
            "EmployerIdentificationNumber",
            "TaxNumber",
            "FinancialYearEndDay",
            "FinancialYearEndMonth",
            "SalesTaxBasis",
            "SalesTaxPeriod",
            "DefaultSalesTax",
            "DefaultPurchasesTax",
            "PeriodLockDate",
            "EndOfYearLockDate",
            "CreatedDateUTC",
            "Timezone",
            "OrganisationEntityType",
            "ShortCode",
            "Class",
            "Edition",
            "LineOfBusiness",
            "Addresses",
            "Phones",
            "ExternalLinks",
            "PaymentTerms",
        }
    ),
    scopes=("accounting.settings",),
    seed=seed_organisation,
    routes=(
        Route("GET", "", organisation),
        Route("GET", "/Actions", actions),
        Route("GET", "/{record_id}/CISSettings", cis_settings),
    ),
    answer_key="Organisations",
    by_id=False,
)
