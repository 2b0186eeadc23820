"""A third organisation, in the United States, added on request: "Demo Company (US)".

The two demo companies the seed builds (NZ and Global) stay as they are; a user or a test that
needs a US organisation (the 1099 report is served only to one) adds this one to a running
sandbox (`POST /__sandbox/organisations {"country": "US"}`) or at start (`xero sandbox serve
--us-company`). It is declared like the demo companies (a `TenantSpec`) and starts as Xero
starts a new US organisation: USD only, a US chart of accounts, US sales tax rates (Tax Exempt,
Tax on Sales, Tax on Purchases, Sales Tax on Imports, and one state rate the demo added), its
own contacts, and no documents.

Xero's API does not show an organisation's 1099 settings (which accounts feed which box of
which form, which contacts are 1099 vendors and their tax IDs), so they are this
organisation's data here: `TEN_NINETY_NINE` below, stored with the organisation when it is
added (meta key `ten_ninety_nine:<tenant ID>`) and read by the 1099 report.
"""

from __future__ import annotations

import random
from decimal import Decimal

from xerocli.sandbox.records import set_updated
from xerocli.sandbox.resources._answers import seeded_at, stable_id
from xerocli.sandbox.resources.currencies import seed_currencies
from xerocli.sandbox.resources.organisation import seed_organisation
from xerocli.sandbox.resources.users import seed_users
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.seed import (
    ACCRUALS_CHART,
    TenantSpec,
    _chart_accounts,
    _Company,
    _Ids,
    bank_account,
    tax_rate,
)
from xerocli.sandbox.store import Row, Store
from xerocli.sandbox.xerojson import dumps, loads

US_COMPANY = TenantSpec(
    "Demo Company (US)", "!usdmo", "USD", "US", ("USD",), Decimal("0"), {"USD": Decimal(1)}
)
#: The countries `POST /__sandbox/organisations` can add (one organisation each).
ADDABLE = {"US": US_COMPANY}

#: Xero's starting chart for a US organisation (code, name, type, class, tax kind): OUTPUT
#: accounts default to Tax on Sales, the others to Tax Exempt (a US business does not reclaim
#: the sales tax it pays). 610, 800, 820 and 960 are the control accounts every ledger uses
#: (their `SystemAccount`s set as the other charts' are: `resources.accounts`).
US_CHART = [
    ("200", "Sales", "REVENUE", "REVENUE", "OUTPUT"),
    ("260", "Other Revenue", "REVENUE", "REVENUE", "OUTPUT"),
    ("270", "Interest Income", "REVENUE", "REVENUE", "NONE"),
    ("310", "Cost of Goods Sold", "DIRECTCOSTS", "EXPENSE", "NONE"),
    ("400", "Advertising", "EXPENSE", "EXPENSE", "NONE"),
    ("404", "Bank Service Charges", "EXPENSE", "EXPENSE", "NONE"),
    ("408", "Janitorial Expenses", "EXPENSE", "EXPENSE", "NONE"),
    ("412", "Consulting & Accounting", "EXPENSE", "EXPENSE", "NONE"),
    ("416", "Depreciation", "DEPRECIATN", "EXPENSE", "NONE"),
    ("420", "Meals and Entertainment", "EXPENSE", "EXPENSE", "NONE"),
    ("429", "General Expenses", "EXPENSE", "EXPENSE", "NONE"),
    ("433", "Insurance", "EXPENSE", "EXPENSE", "NONE"),
    ("441", "Legal Expenses", "EXPENSE", "EXPENSE", "NONE"),
    ("453", "Office Expenses", "EXPENSE", "EXPENSE", "NONE"),
    ("469", "Rent", "EXPENSE", "EXPENSE", "NONE"),
    ("473", "Repairs and Maintenance", "EXPENSE", "EXPENSE", "NONE"),
    ("485", "Subscriptions", "EXPENSE", "EXPENSE", "NONE"),
    ("489", "Telephone & Internet", "EXPENSE", "EXPENSE", "NONE"),
    ("493", "Travel", "EXPENSE", "EXPENSE", "NONE"),
    ("610", "Accounts Receivable", "CURRENT", "ASSET", "NONE"),
    ("630", "Inventory", "INVENTORY", "ASSET", "NONE"),
    ("710", "Office Equipment", "FIXED", "ASSET", "NONE"),
    ("800", "Accounts Payable", "CURRLIAB", "LIABILITY", "NONE"),
    ("820", "Sales Tax", "CURRLIAB", "LIABILITY", "NONE"),
    ("960", "Retained Earnings", "EQUITY", "EQUITY", "NONE"),
    ("970", "Owner's Equity", "EQUITY", "EQUITY", "NONE"),
]
_US_TAX_TYPES = {"OUTPUT2": "OUTPUT", "INPUT2": "NONE", "NONE": "NONE"}

#: (TaxType, name, report tax type, on revenue, on expenses, components (name, rate)).
US_TAX_RATES = (
    ("NONE", "Tax Exempt", "NONE", True, True, (("Tax Exempt", "0"),)),
    ("OUTPUT", "Tax on Sales", "OUTPUT", True, False, (("Sales Tax", "0"),)),
    ("INPUT", "Tax on Purchases", "INPUT", False, True, (("Sales Tax", "0"),)),
    ("GSTONIMPORTS", "Sales Tax on Imports", "GSTONIMPORTS", False, False, (("Tax", "0"),)),
    ("TAX001", "California", "OUTPUT", True, False, (("State", "7.25"), ("County", "1.00"))),
)

#: The organisation's 1099 setup. `boxes`: account code -> [form, box]: what is paid on that
#: account to a 1099 vendor goes in that box. `vendors`: contact name -> how the vendor files
#: (Xero's `FederalTaxIDType` SSN or EIN, the tax ID, the `FederalTaxClassification`).
TEN_NINETY_NINE = {
    "boxes": {
        "412": ["1099-NEC", 1],  # Nonemployee compensation
        "469": ["1099-MISC", 1],  # Rents
        "441": ["1099-MISC", 10],  # Gross proceeds paid to an attorney
    },
    "vendors": {
        "Dana Whitfield Design": {
            "FederalTaxIDType": "SSN",
            "TaxID": "123-45-6789",
            "FederalTaxClassification": "SOLE_PROPRIETOR",
            "LegalName": "Dana Whitfield",
        },
        "Bayside Legal LLP": {
            "FederalTaxIDType": "EIN",
            "TaxID": "12-3456789",
            "FederalTaxClassification": "PARTNERSHIP",
            "LegalName": "Bayside Legal LLP",
        },
        "Oakline Properties": {
            "FederalTaxIDType": "EIN",
            "TaxID": "98-7654321",
            "FederalTaxClassification": "C_CORP",
            "LegalName": "Oakline Properties Inc.",
        },
    },
}

#: (name, street, city, state, zip, supplier, customer): the organisation's own contacts; the
#: first three are its 1099 vendors, Metro Office Supply a supplier that is not one.
US_CONTACTS = (
    ("Dana Whitfield Design", "48 Alder Lane", "Oakland", "CA", "94607", True, False),
    ("Bayside Legal LLP", "Suite 300, 1 Market St", "San Francisco", "CA", "94105", True, False),
    ("Oakline Properties", "220 Harbor Blvd", "Sacramento", "CA", "95814", True, False),
    ("Metro Office Supply", "9 Commerce Way", "Fresno", "CA", "93721", True, False),
    ("Harbor Coffee Co.", "12 Pier Road", "Monterey", "CA", "93940", False, True),
    ("Redwood Outfitters", "77 Forest Ave", "Eureka", "CA", "95501", False, True),
)


def ten_ninety_nine_key(tenant_id: str) -> str:
    """The meta key the organisation's 1099 setup is stored under."""
    return f"ten_ninety_nine:{tenant_id}"


def ten_ninety_nine_setup(store: Store, tenant_id: str) -> dict | None:
    """The organisation's stored 1099 setup, or None (an organisation outside the US)."""
    text = store.get_meta(ten_ninety_nine_key(tenant_id))
    return loads(text) if text else None


def _tax_rates() -> list[dict]:
    return [
        tax_rate(
            name,
            tax_type,
            report_type,
            revenue=revenue,
            expense=expense,
            components=[(part, Decimal(rate)) for part, rate in parts],
        )
        for tax_type, name, report_type, revenue, expense, parts in US_TAX_RATES
    ]


def _accounts(new_id: _Ids, accrued: _Ids) -> list[dict]:
    """The US chart and its checking account; then, with IDs of their own (`accrued`, so the
    others stay as they were), the accounts every seeded chart adds (`ACCRUALS_CHART`)."""
    accounts = _chart_accounts(US_CHART, new_id)
    accounts.append(bank_account(new_id(), "090", "Checking Account", "026009593-4410", "USD"))
    accounts += _chart_accounts(ACCRUALS_CHART, accrued)
    for account in accounts:
        account["TaxType"] = _US_TAX_TYPES[account["TaxType"]]
    return accounts


def _contacts(tenant_id: str) -> list[dict]:
    contacts = []
    for index, (name, street, city, state, zip_code, supplier, customer) in enumerate(US_CONTACTS):
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        contact = {
            "ContactID": stable_id(tenant_id, "contact", index),
            "ContactNumber": f"US{index + 1:04d}",
            "ContactStatus": "ACTIVE",
            "Name": name,
            "EmailAddress": f"accounts@{slug}.example",
            "BankAccountDetails": "",
            "Addresses": [
                {
                    "AddressType": "POBOX",
                    "AddressLine1": street,
                    "City": city,
                    "Region": state,
                    "PostalCode": zip_code,
                    "Country": "US",
                },
                {"AddressType": "STREET"},
            ],
            "Phones": [
                {
                    "PhoneType": "DEFAULT",
                    "PhoneNumber": f"555-{2000 + index}",
                    "PhoneAreaCode": "415",
                    "PhoneCountryCode": "1",
                }
            ],
            "ContactGroups": [],
            "ContactPersons": [],
            "IsSupplier": supplier,
            "IsCustomer": customer,
            "DefaultCurrency": "USD",
            "HasAttachments": False,
            "HasValidationErrors": False,
        }
        set_updated(contact, seeded_at(30 + index))
        contacts.append(contact)
    return contacts


def _organisation(company: _Company) -> dict:
    record = seed_organisation(company)[0]
    record.update(
        {
            "LegalName": "Demo Company (US) Inc.",
            "Version": "US",
            "RegistrationNumber": "",
            "TaxNumber": "",
            "EmployerIdentificationNumber": "12-3456789",
            "FinancialYearEndDay": 31,
            "FinancialYearEndMonth": 12,
            "SalesTaxBasis": "ACCRUAL",
            "SalesTaxPeriod": "QUARTERLY",
            "Timezone": "PACIFICSTANDARDTIME",
            "Addresses": [
                {
                    "AddressType": "POBOX",
                    "AddressLine1": "100 Main Street",
                    "City": "San Francisco",
                    "Region": "CA",
                    "PostalCode": "94105",
                    "Country": "United States",
                }
            ],
        }
    )
    return record


def us_company_rows(seed: int = 42) -> list[Row]:
    """Every record the US organisation starts with, in the order they are stored."""
    spec, tid = US_COMPANY, US_COMPANY.tenant_id
    new_id = _Ids(random.Random(f"{seed}:{tid}"))
    company = _Company(spec, random.Random(seed), new_id, _tax_rates(), [], [], [])
    company.accounts = _accounts(new_id, _Ids(random.Random(f"{seed}:{tid}:accrued")))
    company.contacts = _contacts(tid)
    rows = [row_for(tid, "Organisation", _organisation(company))]
    rows += [row_for(tid, "TaxRates", rate) for rate in company.tax_rates]
    rows += [row_for(tid, "Accounts", account) for account in company.accounts]
    rows += [row_for(tid, "Contacts", contact) for contact in company.contacts]
    rows += [row_for(tid, "Currencies", currency) for currency in seed_currencies(company)]
    rows += [row_for(tid, "Users", user) for user in seed_users(company)]
    return rows


def _stored_setup(rows: list[Row]) -> dict:
    """The 1099 setup as stored: its vendors by ContactID (a renamed vendor stays one)."""
    ids = {loads(row.body)["Name"]: row.id for row in rows if row.kind == "Contacts"}
    vendors = {
        ids[name].lower(): {**filing, "Name": name}
        for name, filing in TEN_NINETY_NINE["vendors"].items()
    }
    return {"boxes": TEN_NINETY_NINE["boxes"], "vendors": vendors}


def add_organisation(store: Store, country: str) -> tuple[dict, bool]:
    """Add the organisation of `country` (once): its tenant, records and 1099 setup, in one
    transaction. Returns the tenant and whether it was added now (False: it was there)."""
    spec = ADDABLE.get(country.strip().upper())
    if spec is None:
        known = ", ".join(sorted(ADDABLE))
        raise ValueError(f"country must be one of {known}, not {country!r}")
    existing = store.tenant(spec.tenant_id)
    if existing is not None:
        return existing, False
    with store.transaction():
        store.add_tenant(
            {
                "tenant_id": spec.tenant_id,
                "name": spec.name,
                "short_code": spec.short_code,
                "base_currency": spec.base_currency,
                "country": spec.country,
                "tenant_type": "ORGANISATION",
                "created": "2026-01-05T17:00:00.0000000",
                "seq": len(store.tenants()),
            }
        )
        rows = us_company_rows()
        store.insert_rows(rows)
        store.set_meta(ten_ninety_nine_key(spec.tenant_id), dumps(_stored_setup(rows)))
    return store.tenant(spec.tenant_id) or {}, True
