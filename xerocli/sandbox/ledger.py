"""The general ledger behind the reports: journal lines derived from a tenant's stored records.

Xero keeps a journal for every approved document; the sandbox derives the same lines on each
request instead, so a write shows up in the very next report and nothing can drift out of step.
Each resource that posts declares how (`Resource.postings`, for its `posted_statuses`; see
`resources/`); this module converts and balances them. The double-entry rules, in the tenant's
base currency (each document balances to the cent):

- Invoices (AUTHORISED, PAID): ACCREC debits 610 Accounts Receivable with the Total and credits
  each line's account with its net amount and 820 Sales Tax with the tax; ACCPAY is the mirror,
  crediting 800 Accounts Payable. Credit notes are the mirror of their invoice type.
- Payments (AUTHORISED): to an ACCREC invoice, debit the bank and credit 610; to an ACCPAY bill,
  credit the bank and debit 800; refunds of credit notes the other way round. A foreign
  document paid at another rate than its own comes off 610 or 800 at its own rate, the
  difference on 499 Realised Currency Gains (see `payments.postings`).
- Bank transactions (AUTHORISED): RECEIVE debits the bank with the Total and credits lines and
  tax; SPEND is the mirror.
- Manual journals (POSTED only): each line's net amount to its account (a positive LineAmount is
  a debit) and its tax to 820 Sales Tax. They have no currency: amounts are in base currency.
- Allocations of prepayments and overpayments (a journal each, on the allocation's date): the
  allocated share of the credit's lines and tax back off their accounts, against 610 (received)
  or 800 (spent), where the invoice it pays sits. An overpayment's line is on that account
  already, so its allocation moves nothing; a credit note's allocation moves nothing either.

Foreign amounts are divided by the document's CurrencyRate (foreign units per base unit), each
account's amount rounded to 2 places, and the rounding difference put on the largest amount.
Unrealised gains (revaluing what is still open at a later rate) are not modelled, nor are the
gains of a credit note allocated to an invoice of another rate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from xerocli.sandbox import resources
from xerocli.sandbox.postings import (  # noqa: F401 - the ledger's names, as reports use them
    PAYABLE,
    POSTED,
    RECEIVABLE,
    RETAINED_EARNINGS,
    SALES_TAX,
    ZERO,
)
from xerocli.sandbox.resources.declaration import BOOK_ROLES, Resource
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, money, parse_date

#: Classes whose balances carry forward from year to year; the others are profit and loss.
BALANCE_SHEET_CLASSES = ("ASSET", "LIABILITY", "EQUITY")


@dataclass(frozen=True)
class Account:
    """An account of the chart, as the reports group and label it."""

    account_id: str | None  # None for an account the chart no longer holds
    code: str
    name: str
    type: str
    klass: str  # ASSET, LIABILITY, EQUITY, REVENUE or EXPENSE

    @property
    def on_balance_sheet(self) -> bool:
        return self.klass in BALANCE_SHEET_CLASSES


@dataclass(frozen=True)
class JournalLine:
    """One side of a posting: `amount` is positive for a debit, negative for a credit."""

    day: date
    code: str
    amount: Decimal

    @property
    def debit(self) -> Decimal:
        return self.amount if self.amount > 0 else ZERO

    @property
    def credit(self) -> Decimal:
        return -self.amount if self.amount < 0 else ZERO


@dataclass
class Ledger:
    """A tenant's chart and journal up to a date."""

    accounts: dict[str, Account]  # by code
    lines: list[JournalLine]

    def account(self, code: str) -> Account:
        """The account for a code; a code the chart lacks (a deleted account) becomes a
        balance-sheet suspense row, so the books still balance."""
        found = self.accounts.get(code)
        if found is None:
            name = f"Suspense ({code})" if code else "Suspense"
            found = Account(None, code, name, "CURRLIAB", "LIABILITY")
            self.accounts[code] = found
        return found

    def balances(self, start: date | None, end: date) -> dict[str, Decimal]:
        """Net debit (negative: credit) per account code over `start`..`end`, both included."""
        totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in self.lines:
            if line.day <= end and (start is None or line.day >= start):
                totals[line.code] += line.amount
        return dict(totals)

    def retained_earnings_account(self) -> Account:
        """960, where earlier years' profit is kept (a row without an ID if it was deleted)."""
        return self.accounts.setdefault(
            RETAINED_EARNINGS,
            Account(None, RETAINED_EARNINGS, "Retained Earnings", "EQUITY", "EQUITY"),
        )


def read_ledger(store: Store, tenant_id: str, until: date) -> Ledger:
    """The chart and every journal line dated on or before `until`."""
    tenant = store.tenant(tenant_id) or {}
    accounts = chart(store, tenant_id)
    bank_codes = {a.account_id.lower(): a.code for a in accounts.values() if a.account_id}
    lines = list(_journal(store, tenant_id, until, tenant.get("base_currency", ""), bank_codes))
    return Ledger(accounts, lines)


def chart(store: Store, tenant_id: str) -> dict[str, Account]:
    accounts = {}
    for body in store.select_bodies(tenant_id, "Accounts"):
        record = loads(body)
        code = str(record.get("Code") or "")
        accounts[code] = Account(
            record["AccountID"], code, record.get("Name", code), record["Type"], record["Class"]
        )
    return accounts


def _journal(
    store: Store, tenant_id: str, until: date, base: str, codes_by_id: dict[str, str]
) -> Iterator[JournalLine]:
    """Every posting of every document, each document balanced in the base currency."""
    for resource in list(resources.ALL):
        if resource.postings is None or not resource.posted_statuses:
            continue
        statuses, kind = resource.posted_statuses, resource.collection
        # The indexed status and date columns keep drafts and later documents unparsed.
        condition = f"status IN ({','.join('?' * len(statuses))}) AND date <= ?"
        for body in store.select_bodies(tenant_id, kind, condition, [*statuses, until.isoformat()]):
            for _, document in documents_posted(resource, loads(body)):
                day = parse_date(document.get(resource.date_field or "Date"))
                if day is None or day > until:  # an allocation after the record's own date
                    continue
                postings = resource.postings(document, codes_by_id)
                for code, amount in _in_base_currency(postings, _rate(document, base)).items():
                    if amount:
                        yield JournalLine(day, code, amount)


def documents_posted(resource: Resource, record: dict) -> list[tuple[str, dict]]:
    """What a posted record's journals are made of: the record itself (key ""), or the
    documents its declaration makes of it (a prepayment's allocations, one journal each)."""
    if resource.journal_documents is None:
        return [("", record)]
    return resource.journal_documents(record)


def _rate(record: dict, base: str) -> Decimal:
    """Foreign units per base unit; 1 for the base currency. A payment's currency is its
    document's."""
    documents = ("Invoice", "CreditNote", "Overpayment", "Prepayment")
    document = next((record[key] for key in documents if record.get(key)), {})
    currency = record.get("CurrencyCode") or document.get("CurrencyCode") or base
    if currency == base:
        return Decimal(1)
    rate = Decimal(record.get("CurrencyRate") or 1)
    return rate if rate > 0 else Decimal(1)


def _in_base_currency(postings: dict[str, Decimal], rate: Decimal) -> dict[str, Decimal]:
    """Divide by the rate, round each account's amount, and put the rounding difference on the
    largest amount so the document still balances exactly."""
    if rate == 1:
        return {code: money(amount) for code, amount in postings.items()}
    converted = {code: money(amount / rate) for code, amount in postings.items()}
    difference = sum(converted.values(), ZERO)
    if difference and converted:
        largest = max(converted, key=lambda code: abs(converted[code]))
        converted[largest] -= difference
    return converted


def net_profit(balances: dict[str, Decimal], accounts: Iterable[Account]) -> Decimal:
    """Profit (credit minus debit) of the profit-and-loss accounts in `balances`."""
    pnl = {a.code for a in accounts if not a.on_balance_sheet}
    return -sum((amount for code, amount in balances.items() if code in pnl), ZERO)


def journal_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The collections the journal is made of, and the statuses that put each in the books:
    every declaration with postings (read when asked, so a registered resource counts), the
    open items first and what pays them last (the reports' cache relies on that order)."""
    posted = [r for r in resources.ALL if r.postings is not None and r.posted_statuses]
    posted.sort(key=lambda resource: BOOK_ROLES.index(resource.books.role))
    return tuple((resource.collection, resource.posted_statuses) for resource in posted)


def in_base_currency(postings: dict[str, Decimal], rate: Decimal) -> dict[str, Decimal]:
    """A document's postings (in its currency) converted at `rate`, as the journal books them."""
    return _in_base_currency(postings, rate)


def rate_of(record: dict, base: str) -> Decimal:
    """A document's foreign units per base unit (1 in the base currency)."""
    return _rate(record, base)
