"""A deterministic demo company: same seed, same records, byte for byte.

Two organisations: "Demo Company (NZ)" (NZD only, 15% GST) and "Demo Company (Global)" (GBP base
with USD and EUR invoices, 20% VAT). Sizes are settable so benchmarks can seed 100,000+
invoices; records are built as plain dicts and inserted with `executemany`, which keeps that
to seconds.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_CEILING, Decimal
from typing import Literal

from xerocli.sandbox import resources, totals
from xerocli.sandbox.records import set_updated
from xerocli.sandbox.resources.accounts import REALISED_GAINS_ACCOUNT, chart_account
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.store import Row, Store
from xerocli.sandbox.xerojson import MONTH_NAMES, dumps, loads, money

SEED_NAMESPACE = uuid.UUID("6f1d7c58-3a51-4d0c-9a59-3c1f3d7d2b10")
#: Seeded records are dated up to this day, so the data does not depend on when it is built.
ANCHOR = date(2026, 10, 31)
ANCHOR_TIME = datetime(2026, 10, 31, 18, 0, tzinfo=timezone.utc)
FOUR = Decimal("0.0001")


@dataclass(frozen=True)
class SeedOptions:
    """What to build. Counts are per tenant."""

    invoices: int = 150
    contacts: int = 25
    seed: int = 42
    tenants: tuple[str, ...] = ("Demo Company (NZ)", "Demo Company (Global)")

    def fingerprint(self) -> str:
        return dumps(asdict(self))

    @classmethod
    def from_fingerprint(cls, text: str) -> SeedOptions:
        """The options a store was seeded with, read back from its `seed` meta value."""
        held = loads(text)
        return cls(
            invoices=int(held["invoices"]),
            contacts=int(held["contacts"]),
            seed=int(held["seed"]),
            tenants=tuple(held["tenants"]),
        )


class SeedMismatch(ValueError):
    """The data file holds a company seeded otherwise than asked: serving it would silently
    answer with other data (150 invoices for `--invoices 10000`), and reseeding would destroy
    what was written to it, so the caller must choose (`--reset`)."""

    def __init__(self, name: str, asked: object, held: object) -> None:
        super().__init__(f"{name}: asked for {asked}, the data file was seeded with {held}")
        self.name, self.asked, self.held = name, asked, held


def check_seeded_as_asked(store: Store, options: SeedOptions, names: tuple[str, ...]) -> None:
    """Raise `SeedMismatch` for the first of `names` whose value differs from the store's seed.

    Only the options a user actually gave are compared: `xero sandbox serve` with no sizes
    serves whatever the file holds.
    """
    text = store.get_meta("seed")
    if text is None:
        return
    held = SeedOptions.from_fingerprint(text)
    for name in names:
        if getattr(held, name) != getattr(options, name):
            raise SeedMismatch(name, getattr(options, name), getattr(held, name))


#: What a data file holds: a whole seed, nothing yet (a new file), or an incomplete seed.
SeedState = Literal["seeded", "new", "incomplete"]


def seed_state(store: Store) -> SeedState:
    """Whether `store` holds a whole seed (`seed` writes its `seed` meta value last, in the
    load's one transaction: it is there only if every record is), none (the tables were made by
    this open), or an incomplete one: the tables a seed that was interrupted or killed left
    behind, empty (its load was rolled back, or never committed). Not the file's size: those
    empty tables already make it a few pages long."""
    if store.get_meta("seed") is not None:
        return "seeded"
    return "new" if store.created else "incomplete"


@dataclass
class TenantSpec:
    name: str
    short_code: str
    base_currency: str
    country: str
    currencies: tuple[str, ...]
    tax_rate: Decimal
    rates: dict[str, Decimal] = field(default_factory=dict)

    @property
    def tenant_id(self) -> str:
        return str(uuid.uuid5(SEED_NAMESPACE, self.name))


TENANT_SPECS = {
    "Demo Company (NZ)": TenantSpec(
        "Demo Company (NZ)", "!nzdmo", "NZD", "NZ", ("NZD",), Decimal("15"), {"NZD": Decimal(1)}
    ),
    "Demo Company (Global)": TenantSpec(
        "Demo Company (Global)",
        "!gldmo",
        "GBP",
        "GB",
        ("GBP", "USD", "EUR"),
        Decimal("20"),
        {"GBP": Decimal(1), "USD": Decimal("1.271300"), "EUR": Decimal("1.158400")},
    ),
}

# Chart of accounts: (code, name, type, class, tax type kind)
CHART = [
    ("200", "Sales", "REVENUE", "REVENUE", "OUTPUT"),
    ("260", "Other Revenue", "REVENUE", "REVENUE", "OUTPUT"),
    ("270", "Interest Income", "REVENUE", "REVENUE", "NONE"),
    ("310", "Cost of Goods Sold", "DIRECTCOSTS", "EXPENSE", "INPUT"),
    ("400", "Advertising", "EXPENSE", "EXPENSE", "INPUT"),
    ("404", "Bank Fees", "EXPENSE", "EXPENSE", "NONE"),
    ("408", "Cleaning", "EXPENSE", "EXPENSE", "INPUT"),
    ("412", "Consulting & Accounting", "EXPENSE", "EXPENSE", "INPUT"),
    ("420", "Entertainment", "EXPENSE", "EXPENSE", "INPUT"),
    ("429", "General Expenses", "EXPENSE", "EXPENSE", "INPUT"),
    ("453", "Office Expenses", "EXPENSE", "EXPENSE", "INPUT"),
    ("461", "Printing & Stationery", "EXPENSE", "EXPENSE", "INPUT"),
    ("469", "Rent", "EXPENSE", "EXPENSE", "INPUT"),
    ("489", "Telephone & Internet", "EXPENSE", "EXPENSE", "INPUT"),
    ("610", "Accounts Receivable", "CURRENT", "ASSET", "NONE"),
    ("630", "Inventory", "INVENTORY", "ASSET", "NONE"),
    ("800", "Accounts Payable", "CURRLIAB", "LIABILITY", "NONE"),
    ("820", "Sales Tax", "CURRLIAB", "LIABILITY", "NONE"),
    ("960", "Retained Earnings", "EQUITY", "EQUITY", "NONE"),
]
#: Accounts for the equipment the seeded journals depreciate, with the codes and types of Xero's
#: demo company. Kept apart from CHART, with account IDs from a stream of their own, so adding
#: them left every other seeded record (its IDs, amounts and dates) as it was.
FIXED_ASSET_CHART = [
    ("416", "Depreciation", "DEPRECIATN", "EXPENSE", "NONE"),
    ("710", "Office Equipment", "FIXED", "ASSET", "INPUT"),
    ("711", "Less Accumulated Depreciation on Office Equipment", "FIXED", "ASSET", "NONE"),
    ("720", "Computer Equipment", "FIXED", "ASSET", "INPUT"),
    ("721", "Less Accumulated Depreciation on Computer Equipment", "FIXED", "ASSET", "NONE"),
    ("970", "Owner A Funds Introduced", "EQUITY", "EQUITY", "NONE"),
]
#: Where the seeded month-end accruals are owed, with a code of its own beside the control
#: accounts: not 800 Accounts Payable, which only bills (their payments and credit notes) move,
#: so that the aged payables total it; Xero refuses a manual journal line on 800 (see
#: `resources/manual_journals.py`). Its account ID from a stream of its own, as the fixed
#: assets' are, so adding it left every other seeded record as it was.
ACCRUED_LIABILITIES = "826"
ACCRUALS_CHART = [(ACCRUED_LIABILITIES, "Accrued Liabilities", "CURRLIAB", "LIABILITY", "NONE")]
#: What a multi-currency organisation's chart adds (Xero adds it when multi-currency is turned
#: on): where a payment at another rate than its invoice's puts the difference. IDs of its own.
MULTI_CURRENCY_CHART = [REALISED_GAINS_ACCOUNT]
#: What is depreciated: (cost account, accumulated depreciation account, what).
EQUIPMENT = (("710", "711", "office equipment"), ("720", "721", "computer equipment"))
SALES_ACCOUNTS = ("200", "260")
PURCHASE_ACCOUNTS = ("310", "400", "408", "412", "429", "453", "461", "469", "489")
BANK_CODES = {"NZD": "090", "GBP": "090", "USD": "091", "EUR": "092"}

COMPANY_WORDS = (
    "Ridgeway",
    "Harbour",
    "Kauri",
    "Summit",
    "Bluebell",
    "Copper",
    "Northwind",
    "Saltmarsh",
    "Juniper",
    "Ironbark",
    "Lakeside",
    "Marigold",
    "Pohutukawa",
    "Tidewater",
    "Foxglove",
    "Granite",
    "Wattle",
    "Silverfern",
    "Larch",
    "Emberly",
)
COMPANY_KINDS = (
    "Traders",
    "Logistics",
    "Bakery",
    "Design Studio",
    "Plumbing",
    "Consulting",
    "Hardware",
    "Print Co",
    "Wine Cellars",
    "Engineering",
    "Florists",
    "Software",
    "Catering",
    "Motors",
)
FIRST_NAMES = (
    "Aroha",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Finn",
    "Grace",
    "Hemi",
    "Isla",
    "Jack",
    "Kiri",
    "Liam",
    "Mia",
    "Noah",
    "Olivia",
    "Priya",
    "Quinn",
    "Ruby",
    "Sam",
    "Tane",
)
LAST_NAMES = (
    "Anderson",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Fraser",
    "Ngata",
    "Patel",
    "Singh",
    "Taylor",
    "Walker",
    "Wilson",
    "Young",
    "Kumar",
    "Murphy",
)
SALES_LINES = (
    "Consulting services",
    "Website maintenance",
    "Monthly retainer",
    "Training workshop",
    "Support hours",
    "Design work",
    "Installation",
    "Annual licence",
    "Delivery charge",
    "Project milestone",
)
PURCHASE_LINES = (
    "Office supplies",
    "Printer paper",
    "Cleaning service",
    "Broadband",
    "Desk hire",
    "Advertising campaign",
    "Stock purchase",
    "Accounting fees",
    "Courier",
    "Team lunch",
)
INVOICE_STATUSES = (
    # weight, status
    (12, "DRAFT"),
    (4, "SUBMITTED"),
    (40, "AUTHORISED"),
    (36, "PAID"),
    (5, "VOIDED"),
    (3, "DELETED"),
)


def tenant_rows(options: SeedOptions) -> list[dict]:
    return [
        {
            "tenant_id": TENANT_SPECS[name].tenant_id,
            "name": name,
            "short_code": TENANT_SPECS[name].short_code,
            "base_currency": TENANT_SPECS[name].base_currency,
            "country": TENANT_SPECS[name].country,
            "tenant_type": "ORGANISATION",
            "created": "2024-03-01T09:30:00.0000000",
            "seq": index,
        }
        for index, name in enumerate(options.tenants)
    ]


class _Ids:
    """Deterministic version-4 UUIDs from the seed's random stream (uuid4 differs every run).

    Formatted by hand: `uuid.UUID(...)` costs more than the rest of a seeded invoice (and
    `int.to_bytes(...).hex()` less than `f"{bits:032x}"`, the same 32 digits).
    """

    def __init__(self, rng: random.Random) -> None:
        self.bits = rng.getrandbits

    def __call__(self) -> str:
        h = self.bits(128).to_bytes(16, "big").hex()
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


#: The variant digit of a version-4 UUID for each hex digit the random bits put there.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


#: `progress(done, total)`: invoices built so far and in all, over every demo company.
SeedProgress = Callable[[int, int], None]
#: Invoices between two progress reports: often enough for a live counter, rare enough to cost
#: nothing (a report per invoice would be 100,000 calls).
PROGRESS_STEP = 1000


#: Invoices per company from which `seed` builds the companies in worker processes. Starting
#: an interpreter per company and staging its rows in a file of its own, to be copied in after,
#: costs CPU: at 10,000 invoices (the test suite's session sandbox) more than an idle second core
#: gives back on a shared machine; at 100,000 it is small beside the second core's share.
PARALLEL_FROM = 20_000


def seed(
    store: Store,
    options: SeedOptions,
    progress: SeedProgress | None = None,
    processes: int | None = None,
) -> None:
    """Build the demo company into an empty store, reporting invoices built to `progress`.

    One bulk load (`Store.bulk_load`): all of it or, interrupted, none of it. With
    `processes` > 1 (by default when there are several CPUs and `PARALLEL_FROM` invoices or
    more) each company is built and staged in a worker process of its own, and the staged
    files are copied in, in the same order: the data is the same either way.
    """
    report = progress or (lambda done, total: None)
    total = options.invoices * len(options.tenants)
    if processes is None:
        processes = (os.cpu_count() or 1) if options.invoices >= PARALLEL_FROM else 1
    report(0, total)
    if processes > 1:
        from xerocli.sandbox.seed_workers import built_apart

        with (
            built_apart(store, options, report) as staged,
            store.bulk_load([path for path, _ in staged]) as load,
        ):
            _add_tenants(store, options)
            for index, (_, last) in enumerate(staged):
                load.append_staged(f"staged{index}", last)
            _derive_contact_flags(load.db, options)
            store.set_meta("seed", options.fingerprint())
        return
    with store.bulk_load() as load:
        _add_tenants(store, options)
        for index in range(len(options.tenants)):
            before = index * options.invoices
            load.append(
                tenant_records(options, index, lambda done, b=before: report(b + done, total))
            )
        _derive_contact_flags(load.db, options)
        store.set_meta("seed", options.fingerprint())


def _derive_contact_flags(db: sqlite3.Connection, options: SeedOptions) -> None:
    """Give each seeded contact the IsCustomer/IsSupplier its documents give it (the
    resources' `contact_flags`), as Xero derives them, in the load's own transaction.

    The contacts are stored before the documents that pick them at random, so the flags are
    read back from the loaded rows rather than tracked per document as it is built: each
    collection's rows are read only until every contact has every flag (a few hundred rows
    beside 100,000 invoices; all of them only where some contact lacks a kind of document).
    """
    flagging = [r for r in resources.ALL if r.contact_flags]
    wanted = {flag for r in flagging for flag in r.contact_flags.values()}
    for name in options.tenants:
        tenant_id = TENANT_SPECS[name].tenant_id
        contacts = db.execute(
            "SELECT id, body FROM records WHERE tenant_id=? AND kind='Contacts'", (tenant_id,)
        ).fetchall()
        found: set[tuple[str, str]] = set()
        for resource in flagging:
            if len(found) == len(contacts) * len(wanted):
                break
            rows = db.execute(
                "SELECT contact_id, type FROM records WHERE tenant_id=? AND kind=?",
                (tenant_id, resource.collection),
            )
            for contact_id, type_ in rows:
                flag = resource.contact_flags.get(type_)
                if flag and contact_id:
                    found.add((contact_id.lower(), flag))
                    if len(found) == len(contacts) * len(wanted):
                        break
            rows.close()
        changed = []
        for contact_id, body in contacts:
            record = loads(body)
            for flag in wanted:
                record[flag] = (contact_id.lower(), flag) in found
            changed.append((dumps(record), tenant_id, contact_id))
        db.executemany(
            "UPDATE records SET body=? WHERE tenant_id=? AND kind='Contacts' AND id=?", changed
        )


def _add_tenants(store: Store, options: SeedOptions) -> None:
    for tenant in tenant_rows(options):
        store.add_tenant(tenant)


def _counted(build: Callable[[int], Row], count: int, report: Callable[[int], None]):
    """`build(1)` .. `build(count)`, telling `report` every PROGRESS_STEP rows and at the end."""
    for number in range(1, count + 1):
        yield build(number)
        if number % PROGRESS_STEP == 0 or number == count:
            report(number)


@dataclass
class _Company:
    """What every part of one demo company's records is built from."""

    spec: TenantSpec
    rng: random.Random
    new_id: _Ids
    tax_rates: list[dict]
    accounts: list[dict]
    contacts: list[dict]
    items: list[dict]
    #: Invoices the generator numbers INV-0001..: a resource seeding invoices of its own (a
    #: quote that became one) numbers them after these.
    invoices: int = 0

    @property
    def rates(self) -> dict[str, Decimal]:
        return {rate["TaxType"]: rate["EffectiveRate"] for rate in self.tax_rates}

    @property
    def banks(self) -> dict[str, dict]:
        return {a["CurrencyCode"]: a for a in self.accounts if a["Type"] == "BANK"}


def _company(options: SeedOptions, index: int) -> _Company:
    spec = TENANT_SPECS[options.tenants[index]]
    rng = random.Random(f"{options.seed}:{index}")
    new_id = _Ids(rng)
    tid = spec.tenant_id
    tax_rates = _tax_rates(spec)
    accounts = _accounts(spec, new_id)
    accounts += _chart_accounts(FIXED_ASSET_CHART, _Ids(random.Random(f"{options.seed}:{tid}:fa")))
    accrued = _Ids(random.Random(f"{options.seed}:{tid}:accrued"))
    accounts += _chart_accounts(ACCRUALS_CHART, accrued)
    if len(spec.currencies) > 1:
        currencies = _Ids(random.Random(f"{options.seed}:{tid}:currencies"))
        accounts += _chart_accounts(MULTI_CURRENCY_CHART, currencies)
    contacts = _contacts(spec, options.contacts, rng, new_id)
    items = _items(spec, random.Random(f"{options.seed}:{tid}:items"))
    return _Company(spec, rng, new_id, tax_rates, accounts, contacts, items, options.invoices)


#: A company's records come in parts, each depending on nothing but the options: 0 is the
#: reference data, invoices and their payments; 1 the rest (each of its builders has a random
#: stream of its own). They are stored one after the other.
PARTS = 2


def tenant_records(
    options: SeedOptions, index: int, report: Callable[[int], None] | None = None
) -> Iterator[Row]:
    """Every seeded record of the `index`-th demo company, in the order they are stored."""
    for part in range(PARTS):
        yield from company_part(options, index, part, report)


def company_part(
    options: SeedOptions, index: int, part: int, report: Callable[[int], None] | None = None
) -> Iterator[Row]:
    """Part `part` of the `index`-th company's records; `report(n)` as invoices get built."""
    company = _company(options, index)
    if part == 0:
        yield from _reference_and_invoices(company, options, report or (lambda done: None))
    else:
        yield from _other_records(company, options)


def _reference_and_invoices(
    company: _Company, options: SeedOptions, report: Callable[[int], None]
) -> Iterator[Row]:
    spec, tid = company.spec, company.spec.tenant_id
    yield from (row_for(tid, "TaxRates", rate) for rate in company.tax_rates)
    yield from (row_for(tid, "Accounts", account) for account in company.accounts)
    yield from (row_for(tid, "Contacts", contact) for contact in company.contacts)
    yield from (row_for(tid, "Items", item) for item in company.items)
    payer = _PaymentBuilder(spec, company.banks, random.Random(f"{options.seed}:{tid}:payments"))
    builder = _InvoiceBuilder(
        spec, company.contacts, company.rates, company.rng, company.new_id, payer
    )
    yield from _counted(builder.row, options.invoices, report)
    yield from payer.rows  # filled while the invoices were built


def _other_records(company: _Company, options: SeedOptions) -> Iterator[Row]:
    spec, tid, count = company.spec, company.spec.tenant_id, options.invoices
    refunds = _PaymentBuilder(spec, company.banks, random.Random(f"{options.seed}:{tid}:refunds"))
    others = _OtherBuilder(
        spec,
        company.contacts,
        company.rates,
        company.banks,
        company.items,
        random.Random(f"{options.seed}:{tid}:others"),
        refunds,
    )
    yield from (others.credit_note(n) for n in range(1, _scaled(count, 10) + 1))
    yield from refunds.rows  # filled while the credit notes were built
    yield from (others.purchase_order(n) for n in range(1, _scaled(count, 10) + 1))
    yield from (others.bank_transaction(n) for n in range(1, _scaled(count, 5) + 1))
    # Their own stream: adding them left every other seeded record as it was.
    journals = _JournalBuilder(
        spec, company.accounts, random.Random(f"{options.seed}:{tid}:journals")
    )
    yield from (journals.row(n) for n in range(1, _scaled(count, 20) + 1))
    equipment = journals.equipment_row()
    if equipment is not None:
        yield equipment
    # Resources seeded on their own (`Resource.seed`) rather than by the generator above; a
    # builder yields its own records, or (collection, record) for a record it made elsewhere
    # (the invoice a quote became).
    for resource in list(resources.ALL):
        if resource.seed is not None:
            for built in resource.seed(company):
                kind, record = built if isinstance(built, tuple) else (resource.collection, built)
                yield row_for(tid, kind, record)


def _scaled(invoices: int, ratio: int) -> int:
    """How many of a lesser kind go with `invoices`: a share, but enough to show every status."""
    return max(invoices // ratio, min(invoices, 12))


def stored_tax_rates(store: Store, tenant_id: str) -> tuple[dict[str, Decimal], frozenset[str]]:
    """From the stored TaxRates, read once: TaxType -> percentage for every rate (deleted ones
    too: a document written with a rate keeps its totals after the rate is deleted), and the
    TaxTypes a new line, item or account may name (Xero refuses a deleted or archived rate's)."""
    rates = [loads(body) for body in store.select_bodies(tenant_id, "TaxRates")]
    percentages = {rate["TaxType"]: Decimal(rate["EffectiveRate"]) for rate in rates}
    usable = frozenset(
        rate["TaxType"]
        for rate in rates
        if rate.get("Status", "ACTIVE") not in ("DELETED", "ARCHIVED")
    )
    return percentages, usable


def _tax_rates(spec: TenantSpec) -> list[dict]:
    label = "GST" if spec.country == "NZ" else "VAT"
    rate = spec.tax_rate
    entries = [
        ("OUTPUT2", f"{label} on Income", rate, True, False),
        ("INPUT2", f"{label} on Expenses", rate, False, True),
        ("ZERORATED", "Zero Rated", Decimal(0), True, True),
        ("EXEMPTOUTPUT", "Exempt Income", Decimal(0), True, False),
        ("NONE", "No " + label, Decimal(0), True, True),
    ]
    return [
        tax_rate(
            name,
            tax_type,
            "OUTPUT" if revenue and not expense else "INPUT",
            revenue=revenue,
            expense=expense,
            components=[(label, pct)],
        )
        for tax_type, name, pct, revenue, expense in entries
    ]


def tax_rate(
    name: str,
    tax_type: str,
    report_tax_type: str,
    *,
    revenue: bool,
    expense: bool,
    components: list[tuple[str, Decimal]],
) -> dict:
    """A seeded tax rate as Xero answers it: its rate the sum of its (non-compound) parts."""
    total = sum((rate for _, rate in components), Decimal(0))
    return {
        "Name": name,
        "TaxType": tax_type,
        "ReportTaxType": report_tax_type,
        "CanApplyToAssets": True,
        "CanApplyToEquity": True,
        "CanApplyToExpenses": expense,
        "CanApplyToLiabilities": True,
        "CanApplyToRevenue": revenue,
        "DisplayTaxRate": money(total, Decimal("0.0001")),
        "EffectiveRate": money(total, Decimal("0.0001")),
        "Status": "ACTIVE",
        "TaxComponents": [
            {
                "Name": part,
                "Rate": money(rate, Decimal("0.0001")),
                "IsCompound": False,
                "IsNonRecoverable": False,
            }
            for part, rate in components
        ],
        "UpdatedDateUTC": "/Date(1709285400000+0000)/",
    }


def bank_account(account_id: str, code: str, name: str, number: str, currency: str) -> dict:
    """A seeded bank account as Xero answers it (the demo companies', their savings account,
    the US organisation's)."""
    return {
        "AccountID": account_id,
        "Code": code,
        "Name": name,
        "Status": "ACTIVE",
        "Type": "BANK",
        "TaxType": "NONE",
        "Class": "ASSET",
        "EnablePaymentsToAccount": False,
        "ShowInExpenseClaims": False,
        "BankAccountNumber": number,
        "BankAccountType": "BANK",
        "CurrencyCode": currency,
        "ReportingCode": "ASS",
        "ReportingCodeName": "Asset",
        "HasAttachments": False,
        "AddToWatchlist": False,
        "UpdatedDateUTC": "/Date(1709285400000+0000)/",
    }


def _accounts(spec: TenantSpec, new_id: _Ids) -> list[dict]:
    accounts = _chart_accounts(CHART, new_id)
    for currency in spec.currencies:
        name = (
            f"Business Account {currency}" if len(spec.currencies) > 1 else "Business Bank Account"
        )
        number = f"12-3456-{7000000 + len(accounts):07d}-00"
        accounts.append(bank_account(new_id(), BANK_CODES[currency], name, number, currency))
    return accounts


def _chart_accounts(chart: list[tuple[str, str, str, str, str]], new_id: _Ids) -> list[dict]:
    """Accounts of a chart table: (code, name, type, class, tax type kind); the system
    accounts among them carry their `SystemAccount` (`accounts.chart_account`)."""
    return [chart_account(new_id(), row) for row in chart]


def _contacts(spec: TenantSpec, count: int, rng: random.Random, new_id: _Ids) -> list[dict]:
    contacts = []
    used: set[str] = set()
    for index in range(count):
        if index % 3 == 2:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{first} {last}"
        else:
            first = last = None
            name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        while name in used:
            name = f"{name} {index}"
        used.add(name)
        slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
        updated = ANCHOR_TIME - timedelta(days=rng.randint(1, 600), seconds=rng.randint(0, 86399))
        contact = {
            "ContactID": new_id(),
            "ContactNumber": f"C{index + 1:05d}",
            "AccountNumber": f"AC-{index + 1:04d}",
            "ContactStatus": "ACTIVE" if index % 17 else "ARCHIVED",
            "Name": name,
            "EmailAddress": f"accounts@{slug}.example",
            "BankAccountDetails": "",
            "Addresses": [
                {
                    "AddressType": "POBOX",
                    "AddressLine1": f"PO Box {100 + index}",
                    "City": "Wellington" if spec.country == "NZ" else "London",
                    "PostalCode": f"{6011 + index}",
                    "Country": spec.country,
                },
                {"AddressType": "STREET"},
            ],
            "Phones": [
                {
                    "PhoneType": "DEFAULT",
                    "PhoneNumber": f"555-{1000 + index}",
                    "PhoneAreaCode": "04",
                    "PhoneCountryCode": "64" if spec.country == "NZ" else "44",
                },
            ],
            "ContactGroups": [],
            "ContactPersons": [],
            # A first guess, which the seeded groups pick members by: once loaded, each flag is
            # what the contact's documents make it (`_derive_contact_flags`).
            "IsSupplier": index % 2 == 1,
            "IsCustomer": index % 2 == 0 or index % 5 == 1,
            "DefaultCurrency": spec.currencies[index % len(spec.currencies)],
            "HasAttachments": False,
            "HasValidationErrors": False,
        }
        if first:
            contact["FirstName"], contact["LastName"] = first, last
        set_updated(contact, updated)
        contacts.append(contact)
    return contacts


def _pick_status(rand) -> str:
    roll = 1 + int(rand() * 100)
    for weight, status in INVOICE_STATUSES:
        if roll <= weight:
            return status
        roll -= weight
    return "AUTHORISED"


_ESCAPE = json.encoder.encode_basestring  # C-accelerated JSON string quoting
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ANCHOR_MS = int(ANCHOR_TIME.timestamp() * 1000)
_QUANTITIES = tuple(Decimal(q) for q in (1, 1, 1, 2, 3, 5, 10))
_HALF = Decimal("0.5")
#: The quantities as lines carry them (4 places), and each with a half added: made once, not
#: quantized again for each of a few hundred thousand lines.
_FOUR_QUANTITIES = tuple(q.quantize(FOUR) for q in _QUANTITIES)
_FOUR_HALF_QUANTITIES = tuple((q + _HALF).quantize(FOUR) for q in _QUANTITIES)
_DAY_MS = 86_400_000
_EPOCH_DAY = date(1970, 1, 1).toordinal()


def _ms(day: date) -> str:
    return f"/Date({(day.toordinal() - _EPOCH_DAY) * _DAY_MS}+0000)/"


_RATE_PLACES = Decimal("0.000001")
_DAY_TEXT: dict[int, str] = {}


def _stamps(ms: int) -> tuple[str, str]:
    """A UTC stamp in epoch milliseconds as the `updated` column writes it (`iso_updated`:
    `2026-05-28T20:26:40.123000`) and to the second (`2026-05-28T20:26:40`).

    Plain arithmetic with the day's text cached: `datetime.strftime`, twice per record, cost a
    third of building a seeded invoice.
    """
    day, rest = divmod(ms, _DAY_MS)
    text = _DAY_TEXT.get(day)
    if text is None:
        text = _DAY_TEXT[day] = date.fromordinal(_EPOCH_DAY + day).isoformat()
    seconds, millis = divmod(rest, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    clock = f"{text}T{hour:02d}:{minute:02d}:{second:02d}"
    return f"{clock}.{millis:03d}000", clock


class _InvoiceBuilder:
    """Builds seeded invoices straight into store rows.

    The JSON is written with f-strings rather than a generic encoder: seeding 100,000 invoices
    is dominated by encoding otherwise. Totals still come from `totals.compute`, the same code
    the write endpoints use, and a test reads seeded invoices back to check both agree.
    """

    def __init__(self, spec, contacts, rates, rng, new_id, payer: _PaymentBuilder) -> None:
        self.spec, self.contacts, self.rates, self.rng, self.new_id = (
            spec,
            contacts,
            rates,
            rng,
            new_id,
        )
        self.payer = payer
        self.tenant_id = spec.tenant_id
        self.contact_json = [
            f'{{"ContactID":"{c["ContactID"]}","Name":{_ESCAPE(c["Name"])},"Addresses":[],'
            '"Phones":[],"ContactGroups":[],"ContactPersons":[],"HasValidationErrors":false}'
            for c in contacts
        ]

    def row(self, number: int) -> Row:
        # `rand() * n` instead of randint/choice: they cost a microsecond each, 25 per invoice.
        rand, spec, new_id = self.rng.random, self.spec, self.new_id
        sales = rand() < 0.65
        type_ = "ACCREC" if sales else "ACCPAY"
        contact_index = int(rand() * len(self.contacts))
        currencies = spec.currencies
        currency = currencies[0] if rand() < 0.7 else currencies[int(rand() * len(currencies))]
        age = int(rand() * 541)
        issued = ANCHOR - timedelta(days=age)
        due = issued + timedelta(days=(7, 14, 20, 30)[int(rand() * 4)])
        status = _pick_status(rand)
        roll = rand()
        line_amount_types = "Exclusive" if roll < 0.7 else "Inclusive" if roll < 0.9 else "NoTax"
        descriptions = SALES_LINES if sales else PURCHASE_LINES
        accounts = SALES_ACCOUNTS if sales else PURCHASE_ACCOUNTS
        lines = []
        for _ in range(1 + int(rand() * 4)):
            pick = int(rand() * 7)
            quantity = (_FOUR_HALF_QUANTITIES if rand() < 0.05 else _FOUR_QUANTITIES)[pick]
            # The unit price in ten-thousandths: 5.00-2,499.99, some with 4 decimals; made
            # exactly at 4 places (`scaleb`) rather than divided and quantized.
            unit = (500 + int(rand() * 249500)) * 100
            if rand() < 0.1:
                unit += 1 + int(rand() * 99)
            lines.append(
                {
                    "LineItemID": new_id(),
                    "Description": descriptions[int(rand() * len(descriptions))],
                    "Quantity": quantity,
                    "UnitAmount": Decimal(unit).scaleb(-4),
                    "AccountCode": accounts[int(rand() * len(accounts))],
                    "TaxType": ("OUTPUT2" if sales else "INPUT2") if rand() < 0.9 else "NONE",
                }
            )
        sums = totals.compute(lines, line_amount_types, self.rates)
        total = sums["Total"]
        paid = Decimal("0.00")
        if status == "PAID":
            paid = total
        elif status == "AUTHORISED" and rand() < 0.2:
            paid = money(total * Decimal(10 + int(rand() * 81)) / 100)
        due_amount = Decimal("0.00") if status in ("VOIDED", "DELETED") else total - paid
        prefix = "INV" if sales else "BILL"
        invoice_number = f"{prefix}-{number:04d}" if sales or rand() < 0.8 else ""
        reference = f"PO-{1000 + int(rand() * 9000)}" if rand() < 0.6 else ""
        sent = sales and status in ("AUTHORISED", "PAID") and rand() < 0.7
        rate = money(spec.rates[currency], _RATE_PLACES)
        updated_ms = min(
            (issued.toordinal() - _EPOCH_DAY) * _DAY_MS
            + 9 * 3_600_000
            + int(rand() * 21) * _DAY_MS
            + int(rand() * 36_000_000),
            _ANCHOR_MS,
        )
        updated, updated_seconds = _stamps(updated_ms)
        invoice_id = new_id()
        payments_json = ""
        if paid:
            paid_day = min(due, ANCHOR) if status == "PAID" else self.payer.part_day(issued)
            payments_json = self.payer.pay(
                invoice_id,
                type_,
                invoice_number,
                currency,
                rate,
                self.contact_json[contact_index],
                self.contacts[contact_index]["ContactID"],
                paid,
                paid_day,
            )
        line_json = ",".join(
            f'{{"LineItemID":"{li["LineItemID"]}","Description":"{li["Description"]}",'
            f'"Quantity":{li["Quantity"]!s},"UnitAmount":{li["UnitAmount"]!s},'
            f'"AccountCode":"{li["AccountCode"]}","TaxType":"{li["TaxType"]}",'
            f'"TaxAmount":{li["TaxAmount"]!s},"LineAmount":{li["LineAmount"]!s},"Tracking":[]}}'
            for li in lines
        )
        paid_on = f',"FullyPaidOnDate":"{_ms(min(due, ANCHOR))}"' if status == "PAID" else ""
        body = (
            f'{{"Type":"{type_}","InvoiceID":"{invoice_id}","InvoiceNumber":"{invoice_number}",'
            f'"Reference":"{reference}","Payments":[{payments_json}],"CreditNotes":[],'
            f'"Prepayments":[],'
            f'"Overpayments":[],"AmountDue":{due_amount!s},"AmountPaid":{paid!s},'
            f'"AmountCredited":0.00,"SentToContact":{"true" if sent else "false"},'
            f'"CurrencyRate":{rate!s},"HasErrors":false,"IsDiscounted":false,'
            f'"HasAttachments":false,"Contact":{self.contact_json[contact_index]},'
            f'"DateString":"{issued.isoformat()}T00:00:00","Date":"{_ms(issued)}",'
            f'"DueDateString":"{due.isoformat()}T00:00:00","DueDate":"{_ms(due)}",'
            f'"Status":"{status}","LineAmountTypes":"{line_amount_types}",'
            f'"LineItems":[{line_json}],"SubTotal":{sums["SubTotal"]!s},'
            f'"TotalTax":{sums["TotalTax"]!s},"Total":{total!s},'
            f'"UpdatedDateUTC":"/Date({updated_ms}+0000)/",'
            f'"UpdatedDateUTCString":"{updated_seconds}Z",'
            f'"CurrencyCode":"{currency}"{paid_on}}}'
        )
        return Row(
            tenant_id=self.tenant_id,
            kind="Invoices",
            id=invoice_id,
            number=invoice_number,
            status=status,
            type=type_,
            contact_id=self.contacts[contact_index]["ContactID"],
            date=issued.isoformat(),
            due_date=due.isoformat(),
            updated=updated,
            body=body,
        )


def _updated_ms(day: date, rand) -> int:
    """A last-modified stamp a little after `day`, never after the anchor."""
    return min(
        (day.toordinal() - _EPOCH_DAY) * _DAY_MS + 9 * 3_600_000 + int(rand() * 36_000_000),
        _ANCHOR_MS,
    )


def _utc_string(ms: int) -> str:
    return (_EPOCH + timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%S")


#: The payment type of a payment of each document type (for a credit note: its refund).
PAYMENT_TYPES = {
    "ACCREC": "ACCRECPAYMENT",
    "ACCPAY": "ACCPAYPAYMENT",
    "ACCRECCREDIT": "ARCREDITPAYMENT",
    "ACCPAYCREDIT": "APCREDITPAYMENT",
}


class _PaymentBuilder:
    """Payments for paid and part-paid invoices, built beside them (own random stream, so the
    invoices themselves are the same with or without payments)."""

    def __init__(self, spec: TenantSpec, banks: dict[str, dict], rng: random.Random) -> None:
        self.tenant_id = spec.tenant_id
        self.banks = banks
        self.rand = rng.random
        self.new_id = _Ids(rng)
        self.rows: list[Row] = []

    def part_day(self, issued: date) -> date:
        return min(issued + timedelta(days=1 + int(self.rand() * 30)), ANCHOR)

    def pay(
        self,
        invoice_id: str,
        type_: str,
        number: str,
        currency: str,
        rate: Decimal,
        contact_json: str,
        contact_id: str,
        amount: Decimal,
        day: date,
    ) -> str:
        """Store one payment of an invoice (or, for a credit note's `type_`, a refund of it);
        return its summary for the document's `Payments` array."""
        payment_id = self.new_id()
        bank = self.banks[currency]
        reference = f"Remittance {1000 + int(self.rand() * 9000)}" if self.rand() < 0.5 else ""
        updated_ms = _updated_ms(day, self.rand)
        kind = PAYMENT_TYPES[type_]
        reconciled = "true" if self.rand() < 0.7 else "false"
        if type_ in ("ACCREC", "ACCPAY"):
            document = (
                f'"Invoice":{{"Type":"{type_}","InvoiceID":"{invoice_id}",'
                f'"InvoiceNumber":"{number}","Payments":[],"CreditNotes":[],"Prepayments":[],'
                f'"Overpayments":[],"HasErrors":false,"IsDiscounted":false,'
                f'"Contact":{contact_json},"CurrencyCode":"{currency}"}}'
            )
        else:  # the shape the write endpoint gives a credit note's refund
            document = (
                f'"CreditNote":{{"Type":"{type_}","CreditNoteID":"{invoice_id}",'
                f'"CreditNoteNumber":"{number}","Contact":{contact_json},'
                f'"CurrencyCode":"{currency}"}}'
            )
        body = (
            f'{{"PaymentID":"{payment_id}","Date":"{_ms(day)}","BankAmount":{amount!s},'
            f'"Amount":{amount!s},"Reference":{_ESCAPE(reference)},"CurrencyRate":{rate!s},'
            f'"PaymentType":"{kind}","Status":"AUTHORISED",'
            f'"UpdatedDateUTC":"/Date({updated_ms}+0000)/","HasAccount":true,'
            f'"IsReconciled":{reconciled},"HasValidationErrors":false,'
            f'"Account":{{"AccountID":"{bank["AccountID"]}","Code":"{bank["Code"]}"}},'
            f"{document}}}"
        )
        self.rows.append(
            Row(
                tenant_id=self.tenant_id,
                kind="Payments",
                id=payment_id,
                number=None,
                status="AUTHORISED",
                type=None,
                contact_id=contact_id,
                date=day.isoformat(),
                due_date=None,
                updated=_stamps(updated_ms)[0],
                body=body,
            )
        )
        return (
            f'{{"PaymentID":"{payment_id}","Date":"{_ms(day)}","Amount":{amount!s},'
            f'"Reference":{_ESCAPE(reference)},"CurrencyRate":{rate!s},"HasAccount":false,'
            '"HasValidationErrors":false}'
        )


#: (code, name, sales price, purchase price or None, tracked)
ITEM_CATALOGUE = (
    ("CONSULT-HR", "Consulting hour", "165.00", None, False),
    ("SUPPORT-HR", "Support hour", "95.00", None, False),
    ("TRAIN-DAY", "Training day", "1450.00", None, False),
    ("LICENCE-ANN", "Annual licence", "1200.00", None, False),
    ("DELIVERY", "Delivery charge", "25.00", "18.50", False),
    ("PAPER-A4", "A4 paper, box of 5 reams", "42.5000", "28.7500", True),
    ("TONER-BLK", "Black toner cartridge", "89.9900", "61.2450", True),
    ("CABLE-HDMI", "HDMI cable 2m", "19.9500", "7.1235", True),
    ("DESK-STD", "Standing desk", "849.00", "520.00", True),
    ("CHAIR-ERG", "Ergonomic chair", "629.00", "388.4000", True),
    ("MONITOR-27", "27-inch monitor", "459.00", "301.1250", True),
    ("COFFEE-1KG", "Coffee beans 1kg", "38.0000", "21.3375", True),
    ("CLEAN-SVC", "Office cleaning visit", None, "120.00", False),
    ("COURIER", "Courier run", None, "14.50", False),
    ("WIDGET", "Widget", "9.9900", "4.2100", False),
    ("GIFT-CARD", "Gift card", "50.00", None, False),
)


def _items(spec: TenantSpec, rng: random.Random) -> list[dict]:
    new_id = _Ids(rng)
    items = []
    for index, (code, name, sell, buy, tracked) in enumerate(ITEM_CATALOGUE):
        item: dict = {"ItemID": new_id(), "Code": code, "Name": name, "Description": name}
        item["IsSold"] = sell is not None
        item["IsPurchased"] = buy is not None
        if sell is not None:
            item["SalesDetails"] = {
                "UnitPrice": Decimal(sell).quantize(FOUR),
                "AccountCode": "200",
                "TaxType": "OUTPUT2",
            }
        else:
            item["SalesDetails"] = {}
        if buy is not None:
            item["PurchaseDescription"] = f"{name} (supplier)"
            details = {"UnitPrice": Decimal(buy).quantize(FOUR), "TaxType": "INPUT2"}
            details["COGSAccountCode" if tracked else "AccountCode"] = "310" if tracked else "429"
            item["PurchaseDetails"] = details
        else:
            item["PurchaseDetails"] = {}
        item["IsTrackedAsInventory"] = tracked
        if tracked:
            on_hand = Decimal(5 + int(rng.random() * 200))
            item["InventoryAssetAccountCode"] = "630"
            item["QuantityOnHand"] = on_hand.quantize(FOUR)
            item["TotalCostPool"] = money(on_hand * Decimal(buy))
        set_updated(item, ANCHOR_TIME - timedelta(days=30 + index * 7))
        items.append(item)
    return items


CREDIT_NOTE_STATUSES = (
    (15, "DRAFT"),
    (5, "SUBMITTED"),
    (35, "AUTHORISED"),
    (35, "PAID"),
    (6, "VOIDED"),
    (4, "DELETED"),
)
PURCHASE_ORDER_STATUSES = (
    (20, "DRAFT"),
    (15, "SUBMITTED"),
    (35, "AUTHORISED"),
    (25, "BILLED"),
    (5, "DELETED"),
)


def _pick(rand, table, number: int) -> str:
    """A weighted status; the first records take each status in turn, so all appear."""
    roll = 1 + int(rand() * 100)
    if number <= len(table):
        return table[number - 1][1]
    for weight, status in table:
        if roll <= weight:
            return status
        roll -= weight
    return table[-1][1]


def _line_json(lines: list[dict]) -> str:
    return ",".join(
        f'{{"LineItemID":"{li["LineItemID"]}",'
        + (f'"ItemCode":"{li["ItemCode"]}",' if "ItemCode" in li else "")
        + f'"Description":{_ESCAPE(li["Description"])},'
        f'"Quantity":{li["Quantity"]!s},"UnitAmount":{li["UnitAmount"]!s},'
        f'"AccountCode":"{li["AccountCode"]}","TaxType":"{li["TaxType"]}",'
        f'"TaxAmount":{li["TaxAmount"]!s},"LineAmount":{li["LineAmount"]!s},"Tracking":[]}}'
        for li in lines
    )


class _OtherBuilder:
    """Credit notes, purchase orders and bank transactions, written as JSON text like invoices.

    Each kind has its own numbering; all share one random stream of their own.
    """

    def __init__(
        self, spec, contacts, rates, banks, items, rng: random.Random, refunds: _PaymentBuilder
    ) -> None:
        self.spec, self.contacts, self.rates, self.banks = spec, contacts, rates, banks
        self.refunds = refunds  # a PAID credit note was refunded: by a payment that exists
        self.tenant_id = spec.tenant_id
        self.rand = rng.random
        self.new_id = _Ids(rng)
        self.contact_json = [
            f'{{"ContactID":"{c["ContactID"]}","Name":{_ESCAPE(c["Name"])},"Addresses":[],'
            '"Phones":[],"ContactGroups":[],"ContactPersons":[],"HasValidationErrors":false}'
            for c in contacts
        ]
        self.sold = [i for i in items if i["IsSold"]]
        self.bought = [i for i in items if i["IsPurchased"]]

    def _lines(self, sales: bool, tax: bool = True) -> list[dict]:
        rand, lines = self.rand, []
        for _ in range(1 + int(rand() * 3)):
            quantity = _FOUR_QUANTITIES[int(rand() * 7)]
            line: dict = {"LineItemID": self.new_id()}
            catalogue = self.sold if sales else self.bought
            if rand() < 0.3 and catalogue:
                item = catalogue[int(rand() * len(catalogue))]
                details = item["SalesDetails"] if sales else item["PurchaseDetails"]
                line["ItemCode"] = item["Code"]
                line["Description"] = item["Description"]
                unit = details["UnitPrice"]
                account = details.get("AccountCode") or details.get("COGSAccountCode")
            else:
                descriptions = SALES_LINES if sales else PURCHASE_LINES
                line["Description"] = descriptions[int(rand() * len(descriptions))]
                unit = Decimal((500 + int(rand() * 99500)) * 100).scaleb(-4)
                accounts = SALES_ACCOUNTS if sales else PURCHASE_ACCOUNTS
                account = accounts[int(rand() * len(accounts))]
            line["Quantity"] = quantity
            line["UnitAmount"] = unit.quantize(FOUR)
            line["AccountCode"] = account
            taxed = tax and rand() < 0.9
            line["TaxType"] = ("OUTPUT2" if sales else "INPUT2") if taxed else "NONE"
            lines.append(line)
        return lines

    def _common(self, sales: bool, number: int, line_types: str | None = None):
        rand, spec = self.rand, self.spec
        contact = int(rand() * len(self.contacts))
        currencies = spec.currencies
        currency = currencies[0] if rand() < 0.7 else currencies[int(rand() * len(currencies))]
        if number <= len(currencies):  # the first records show every currency
            currency = currencies[number - 1]
        day = ANCHOR - timedelta(days=int(rand() * 541))
        if line_types is None:
            roll = rand()
            line_types = "Exclusive" if roll < 0.7 else "Inclusive" if roll < 0.9 else "NoTax"
        lines = self._lines(sales)
        sums = totals.compute(lines, line_types, self.rates)
        rate = money(spec.rates[currency], _RATE_PLACES)
        return contact, currency, day, line_types, lines, sums, rate

    def _row(self, kind, record_id, number, status, type_, contact, day, due, updated_ms, body):
        return Row(
            tenant_id=self.tenant_id,
            kind=kind,
            id=record_id,
            number=number,
            status=status,
            type=type_,
            contact_id=self.contacts[contact]["ContactID"],
            date=day.isoformat(),
            due_date=due.isoformat() if due else None,
            updated=_stamps(updated_ms)[0],
            body=body,
        )

    def credit_note(self, number: int) -> Row:
        rand = self.rand
        sales = rand() < 0.6
        type_ = "ACCRECCREDIT" if sales else "ACCPAYCREDIT"
        contact, currency, day, line_types, lines, sums, rate = self._common(sales, number)
        status = _pick(rand, CREDIT_NOTE_STATUSES, number)
        total = sums["Total"]
        remaining = total if status in ("DRAFT", "SUBMITTED", "AUTHORISED") else Decimal("0.00")
        record_id, updated_ms = self.new_id(), _updated_ms(day, rand)
        cn_number = f"CN-{number:04d}"
        paid_on, payments_json = "", ""
        if status == "PAID":
            refunded = self.refunds.part_day(day)
            paid_on = f',"FullyPaidOnDate":"{_ms(refunded)}"'
            payments_json = self.refunds.pay(
                record_id,
                type_,
                cn_number,
                currency,
                rate,
                self.contact_json[contact],
                self.contacts[contact]["ContactID"],
                total,
                refunded,
            )
        sent = "true" if sales and status in ("AUTHORISED", "PAID") and rand() < 0.5 else "false"
        reference = f"Return {100 + int(rand() * 900)}" if rand() < 0.5 else ""
        body = (
            f'{{"Type":"{type_}","CreditNoteID":"{record_id}","CreditNoteNumber":"{cn_number}",'
            f'"Reference":{_ESCAPE(reference)},"Contact":{self.contact_json[contact]},'
            f'"DateString":"{day.isoformat()}T00:00:00","Date":"{_ms(day)}",'
            f'"Status":"{status}","LineAmountTypes":"{line_types}",'
            f'"LineItems":[{_line_json(lines)}],"SubTotal":{sums["SubTotal"]!s},'
            f'"TotalTax":{sums["TotalTax"]!s},"Total":{total!s},'
            f'"UpdatedDateUTC":"/Date({updated_ms}+0000)/","CurrencyCode":"{currency}",'
            f'"CurrencyRate":{rate!s},"RemainingCredit":{remaining!s},"Allocations":[],'
            f'"Payments":[{payments_json}],"SentToContact":{sent},"HasAttachments":false,'
            f'"HasErrors":false{paid_on}}}'
        )
        return self._row(
            "CreditNotes", record_id, cn_number, status, type_, contact, day, None, updated_ms, body
        )

    def purchase_order(self, number: int) -> Row:
        rand = self.rand
        contact, currency, day, line_types, lines, sums, rate = self._common(False, number)
        status = _pick(rand, PURCHASE_ORDER_STATUSES, number)
        delivery = day + timedelta(days=(7, 14, 21)[int(rand() * 3)])
        record_id, updated_ms = self.new_id(), _updated_ms(day, rand)
        po_number = f"PO-{number:04d}"
        sent = "true" if status in ("AUTHORISED", "BILLED") and rand() < 0.6 else "false"
        reference = f"Job {200 + int(rand() * 800)}" if rand() < 0.5 else ""
        city = "Wellington" if self.spec.country == "NZ" else "London"
        body = (
            f'{{"PurchaseOrderID":"{record_id}","PurchaseOrderNumber":"{po_number}",'
            f'"Reference":{_ESCAPE(reference)},"Contact":{self.contact_json[contact]},'
            f'"DateString":"{day.isoformat()}T00:00:00","Date":"{_ms(day)}",'
            f'"DeliveryDateString":"{delivery.isoformat()}T00:00:00",'
            f'"DeliveryDate":"{_ms(delivery)}",'
            f'"DeliveryAddress":"{12 + number % 80} Quay Street, {city}",'
            f'"AttentionTo":"Goods inwards","Telephone":"04 555 0100",'
            f'"DeliveryInstructions":"Deliver to the loading bay",'
            f'"Status":"{status}","LineAmountTypes":"{line_types}",'
            f'"LineItems":[{_line_json(lines)}],"SubTotal":{sums["SubTotal"]!s},'
            f'"TotalTax":{sums["TotalTax"]!s},"Total":{sums["Total"]!s},"TotalDiscount":0.00,'
            f'"UpdatedDateUTC":"/Date({updated_ms}+0000)/","CurrencyCode":"{currency}",'
            f'"CurrencyRate":{rate!s},"SentToContact":{sent},"HasAttachments":false}}'
        )
        return self._row(
            "PurchaseOrders",
            record_id,
            po_number,
            status,
            None,
            contact,
            day,
            delivery,
            updated_ms,
            body,
        )

    def bank_transaction(self, number: int) -> Row:
        rand = self.rand
        sales = rand() < 0.4
        type_ = "RECEIVE" if sales else "SPEND"
        line_types = "Inclusive" if rand() < 0.8 else "NoTax"
        contact, currency, day, line_types, lines, sums, rate = self._common(
            sales, number, line_types
        )
        bank = self.banks[currency]
        status = "AUTHORISED" if rand() < 0.95 and number != 2 else "DELETED"
        reconciled = "true" if status == "AUTHORISED" and rand() < 0.6 else "false"
        record_id, updated_ms = self.new_id(), _updated_ms(day, rand)
        reference = f"Card {1000 + int(rand() * 9000)}" if rand() < 0.5 else ""
        body = (
            f'{{"BankTransactionID":"{record_id}","Type":"{type_}",'
            f'"Reference":{_ESCAPE(reference)},"Contact":{self.contact_json[contact]},'
            f'"BankAccount":{{"AccountID":"{bank["AccountID"]}","Code":"{bank["Code"]}",'
            f'"Name":{_ESCAPE(bank["Name"])}}},"IsReconciled":{reconciled},'
            f'"DateString":"{day.isoformat()}T00:00:00","Date":"{_ms(day)}",'
            f'"Status":"{status}","LineAmountTypes":"{line_types}",'
            f'"LineItems":[{_line_json(lines)}],"SubTotal":{sums["SubTotal"]!s},'
            f'"TotalTax":{sums["TotalTax"]!s},"Total":{sums["Total"]!s},'
            f'"UpdatedDateUTC":"/Date({updated_ms}+0000)/","CurrencyCode":"{currency}",'
            f'"CurrencyRate":{rate!s},"HasAttachments":false}}'
        )
        return self._row(
            "BankTransactions",
            record_id,
            None,
            status,
            type_,
            contact,
            day,
            None,
            updated_ms,
            body,
        )


MANUAL_JOURNAL_STATUSES = ((84, "POSTED"), (8, "DRAFT"), (5, "VOIDED"), (3, "DELETED"))
#: (expense account, what): month-end accruals, credited to 826 Accrued Liabilities.
ACCRUALS = (
    ("412", "accountancy fees"),
    ("469", "rent"),
    ("489", "telephone and internet"),
    ("408", "cleaning"),
    ("400", "advertising"),
)
#: (from, to, what): a cost coded to the wrong expense account, moved to the right one.
RECLASSIFICATIONS = (
    ("429", "453", "office supplies coded to General Expenses"),
    ("429", "461", "printing coded to General Expenses"),
    ("453", "420", "team lunch coded to Office Expenses"),
    ("400", "412", "consultant's fee coded to Advertising"),
)


def _cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


DEPRECIATION, OWNER_FUNDS = "416", "970"
_CENT = Decimal("0.01")
#: The first day of the 12 months the journals cover.
EQUIPMENT_DAY = date(ANCHOR.year - (ANCHOR.month < 12), ANCHOR.month % 12 + 1, 1)


class _JournalBuilder:
    """Manual journals over the 12 months to the anchor, one month after another: month-end
    depreciation (debit 416 Depreciation, credit the equipment's accumulated depreciation) and
    accruals (against 826 Accrued Liabilities), and reclassifications between expense
    accounts; then one journal bringing the depreciated equipment in at cost (against 970 Owner
    A Funds Introduced).
    Nothing touches 960 Retained Earnings, which only the year-end close moves.

    All NoTax and balanced to the cent, and none touches a bank, 610 Accounts Receivable, 800
    Accounts Payable or 820 Sales Tax, whose balances the reports tests compare with the
    documents (and Xero takes no manual journal line on 610 or 800). Mostly POSTED; the
    first four take POSTED, DRAFT, VOIDED and DELETED in turn so every status shows.
    """

    def __init__(self, spec: TenantSpec, accounts: list[dict], rng: random.Random) -> None:
        self.tenant_id = spec.tenant_id
        self.rand = rng.random
        self.new_id = _Ids(rng)
        self.ids = {a["Code"]: a["AccountID"] for a in accounts}
        #: Depreciation journalled so far per cost account (every status), for the cost.
        self.depreciated: dict[str, Decimal] = {cost: Decimal("0.00") for cost, _, _ in EQUIPMENT}

    def _template(self, number: int) -> tuple[date, str, list[tuple[str, str, Decimal]]]:
        """The date, narration and (account, description, amount) lines of journal `number`."""
        rand = self.rand
        month_index = ANCHOR.year * 12 + ANCHOR.month - 1 - (number - 1) % 12
        first = date(month_index // 12, month_index % 12 + 1, 1)
        month_end = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        period = f"{MONTH_NAMES[first.month - 1]} {first.year}"
        roll = rand()
        if roll < 0.4:
            amounts = [_cents(12000 + int(rand() * 50000))]
            if rand() < 0.6:
                amounts.append(_cents(8000 + int(rand() * 32000)))
            lines = []
            for (cost, accumulated, what), amount in zip(EQUIPMENT, amounts, strict=False):
                self.depreciated[cost] += amount
                lines.append((DEPRECIATION, f"Depreciation - {what}", amount))
                lines.append((accumulated, f"Accumulated depreciation - {what}", -amount))
            return month_end, f"Depreciation for {period}", lines
        if roll < 0.75:
            code, what = ACCRUALS[int(rand() * len(ACCRUALS))]
            amount = _cents(15000 + int(rand() * 335000))
            lines = [
                (code, f"Accrued {what}", amount),
                (ACCRUED_LIABILITIES, "Accrued expenses", -amount),
            ]
            return month_end, f"Accrued {what} for {period}", lines
        source, target, what = RECLASSIFICATIONS[int(rand() * len(RECLASSIFICATIONS))]
        amount = _cents(2000 + int(rand() * 88000))
        day = first + timedelta(days=int(rand() * month_end.day))
        lines = [(target, f"Reclassify {what}", amount), (source, f"Reclassify {what}", -amount)]
        return day, f"Reclassify {what}", lines

    def row(self, number: int) -> Row:
        day, narration, lines = self._template(number)
        status = _pick(self.rand, MANUAL_JOURNAL_STATUSES, number)
        return self._row(day, narration, lines, status)

    def equipment_row(self) -> Row | None:
        """The owner bringing the equipment in, on the first day of the journals' year, at a
        cost of twice the depreciation journalled on it (rounded up to 1,000), so its book
        value stays positive; None when nothing was depreciated."""
        lines = []
        for cost, _, what in EQUIPMENT:
            if self.depreciated[cost]:
                thousands = (self.depreciated[cost] * 2 / 1000).to_integral_value(ROUND_CEILING)
                price = (thousands * 1000).quantize(_CENT)
                lines.append((cost, what.capitalize(), price))
        if not lines:
            return None
        total = sum((amount for _, _, amount in lines), Decimal("0.00"))
        lines.append((OWNER_FUNDS, "Equipment introduced by the owner", -total))
        return self._row(EQUIPMENT_DAY, "Equipment introduced by the owner", lines, "POSTED")

    def _row(
        self, day: date, narration: str, lines: list[tuple[str, str, Decimal]], status: str
    ) -> Row:
        journal_id, updated_ms = self.new_id(), _updated_ms(day, self.rand)
        line_json = ",".join(
            f'{{"Description":{_ESCAPE(text)},"TaxType":"NONE","TaxAmount":0.00,'
            f'"LineAmount":{amount!s},"AccountCode":"{code}","Tracking":[],'
            f'"AccountID":"{self.ids[code]}","IsBlank":false}}'
            for code, text, amount in lines
        )
        body = (
            f'{{"Date":"{_ms(day)}","Status":"{status}","LineAmountTypes":"NoTax",'
            f'"UpdatedDateUTC":"/Date({updated_ms}+0000)/","ManualJournalID":"{journal_id}",'
            f'"Narration":{_ESCAPE(narration)},"JournalLines":[{line_json}],'
            f'"ShowOnCashBasisReports":true,"HasAttachments":false}}'
        )
        return Row(
            tenant_id=self.tenant_id,
            kind="ManualJournals",
            id=journal_id,
            number=None,
            status=status,
            type=None,
            contact_id=None,
            date=day.isoformat(),
            due_date=None,
            updated=_stamps(updated_ms)[0],
            body=body,
        )
