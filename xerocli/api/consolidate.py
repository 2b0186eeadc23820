"""Consolidated reports across organisations: translation, grouping and eliminations.

Pure functions over plain figures (no HTTP, no printing), so every rule is unit-tested:

- Each organisation's report arrives as `Line`s: an account's net debit (credits negative) in
  the organisation's base currency, with its class from the chart.
- Translation into the reporting currency (`Rates`): profit and loss at the period's average
  rate (the mean of the rates dated in the period), assets and liabilities at the closing
  rate (the last one dated on or before the report date), equity accounts at the historical
  rate (the last one on or before the financial year's first day), Current Year Earnings at
  the year-to-date average. Each account line is translated and rounded to the cent on its
  own, and a balance sheet's Current Year Earnings is the sum of the year's P&L lines so
  rounded (`Organisation.earnings`), so the P&L, balance sheet and trial balance agree to the
  cent. What no longer balances after translation is the Currency Translation Reserve, an
  equity line, so the translated balance sheet balances. A rate the file lacks stops
  everything with one line naming the currency and the date.
- Rows are matched across organisations by account code, or by the mapping file's group
  account (`organisation, account code, group account`).
- Eliminations remove both sides of a named intercompany pair in their own column: two
  accounts (`ORG:CODE=ORG:CODE`), or two contacts (`ORG:@CONTACT=ORG:@CONTACT`: what each
  organisation's aged receivables and payables say the other owes, taken off its receivable
  and payable accounts at the closing rate). If the translated sides do not cancel, the
  remainder is shown as an "Intercompany difference" line, so the consolidated column still
  balances.

Rates are units of the reporting currency for one unit of the organisation's currency.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from xerocli import errors

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
KINDS = ("profit-and-loss", "balance-sheet", "trial-balance")
CYE, CTR, DIFFERENCE = (
    "Current Year Earnings",
    "Currency Translation Reserve",
    "Intercompany difference",
)
ELIMINATIONS, CONSOLIDATED = "Eliminations", "Consolidated"
FINANCIAL_YEAR_START_MONTH = 4


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One account's figure in one organisation: net debit in its base currency."""

    code: str
    name: str
    klass: str  # ASSET, LIABILITY, EQUITY, REVENUE, EXPENSE
    type: str  # Xero's account Type (DIRECTCOSTS, ...); "" for computed lines
    amount: Decimal
    system: str = ""  # Xero's SystemAccount: DEBTORS, CREDITORS...


@dataclass
class Organisation:
    name: str
    currency: str
    lines: list[Line]
    #: The organisation's own report as fetched (flattened records and their value columns),
    #: for a workbook's sheet per organisation; the math reads `lines` only.
    report_rows: list[dict] = field(default_factory=list)
    report_columns: list[str] = field(default_factory=list)
    #: A balance sheet's year-to-date profit and loss lines (None: not fetched), from which
    #: Current Year Earnings is translated line by line (`translate`).
    earnings: list[Line] | None = None


@dataclass(frozen=True)
class Period:
    """What the report covers: `start`..`end` for a P&L; `end` is the as-at date otherwise."""

    kind: str
    start: date
    end: date

    @property
    def year_start(self) -> date:
        year = self.end.year if self.end.month >= FINANCIAL_YEAR_START_MONTH else self.end.year - 1
        return date(year, FINANCIAL_YEAR_START_MONTH, 1)


@dataclass(frozen=True)
class RateUsed:
    currency: str
    basis: str  # average, closing, historical
    dates: str  # "2026-10-31" or "2026-04-01..2026-10-31"
    rate: Decimal


@dataclass
class Rates:
    """Dated rates per currency (reporting-currency units per unit), and every one used."""

    reporting: str
    by_currency: dict[str, list[tuple[date, Decimal]]] = field(default_factory=dict)
    source: str = "--rates"
    used: dict[tuple[str, str, str], RateUsed] = field(default_factory=dict)

    def _series(self, currency: str) -> list[tuple[date, Decimal]]:
        return sorted(self.by_currency.get(currency.upper(), []))

    def _note(self, currency: str, basis: str, dates: str, rate: Decimal) -> Decimal:
        self.used.setdefault((currency, basis, dates), RateUsed(currency, basis, dates, rate))
        return rate

    def closing(self, currency: str, day: date, basis: str = "closing") -> Decimal:
        if currency.upper() == self.reporting:
            return Decimal(1)
        earlier = [(d, r) for d, r in self._series(currency) if d <= day]
        if not earlier:
            raise errors.UsageError(
                f"{self.source}: no {currency} rate dated on or before {day.isoformat()}"
                f" (the {basis} rate to {self.reporting})"
            )
        return self._note(currency, basis, earlier[-1][0].isoformat(), earlier[-1][1])

    def historical(self, currency: str, year_start: date) -> Decimal:
        return self.closing(currency, year_start, "historical")

    def average(self, currency: str, start: date, end: date) -> Decimal:
        if currency.upper() == self.reporting:
            return Decimal(1)
        within = [r for d, r in self._series(currency) if start <= d <= end]
        span = f"{start.isoformat()}..{end.isoformat()}"
        if not within:
            raise errors.UsageError(
                f"{self.source}: no {currency} rate dated from {start.isoformat()} to"
                f" {end.isoformat()} (the average rate to {self.reporting})"
            )
        average = (sum(within, Decimal(0)) / len(within)).quantize(Decimal("0.000001"))
        return self._note(currency, "average", span, average)


# --- reading the files ---------------------------------------------------------------------
def _rows_of(text: str, source: str, columns: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    """CSV rows with `columns` (a header naming them is skipped), each with its line number."""
    reader = csv.reader(io.StringIO(text))
    for number, row in enumerate(reader, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and [c.lower() for c in cells[: len(columns)]] == list(columns):
            continue
        if len(cells) != len(columns):
            raise errors.UsageError(
                f"{source} line {number}: expected {len(columns)} columns"
                f" ({', '.join(columns)}), found {len(cells)}"
            )
        yield number, cells


def parse_rates(text: str, reporting: str, source: str = "rates.csv") -> Rates:
    """`date,currency,rate` lines: one unit of `currency` is `rate` units of `reporting`."""
    rates = Rates(reporting.upper(), source=source)
    for number, (day, currency, rate) in _rows_of(text, source, ("date", "currency", "rate")):
        try:
            when = date.fromisoformat(day)
        except ValueError:
            raise errors.UsageError(
                f"{source} line {number}: date {day!r} is not YYYY-MM-DD"
            ) from None
        try:
            value = Decimal(rate)
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            raise errors.UsageError(
                f"{source} line {number}: rate {rate!r} is not a positive number"
            )
        if len(currency) != 3 or not currency.isalpha():
            raise errors.UsageError(f"{source} line {number}: {currency!r} is not a currency code")
        rates.by_currency.setdefault(currency.upper(), []).append((when, value))
    return rates


def parse_map(
    text: str, source: str = "accounts.csv", organisations: Iterable[str] | None = None
) -> dict[tuple[str, str], str]:
    """`organisation,account code,group account` -> {(organisation lower, code): group}.

    With `organisations` (the names consolidated), a row naming another is an error, as an
    `--eliminate` is: a misspelt name would otherwise leave its accounts ungrouped, silently."""
    names = None if organisations is None else list(organisations)
    mapping: dict[tuple[str, str], str] = {}
    columns = ("organisation", "account code", "group account")
    for number, (organisation, code, group) in _rows_of(text, source, columns):
        if not organisation or not code or not group:
            raise errors.UsageError(f"{source} line {number}: every column needs a value")
        if names is not None and organisation.lower() not in {n.lower() for n in names}:
            raise errors.UsageError(
                f"{source} line {number}: {organisation!r} is not one of the organisations"
                f" ({', '.join(names)})"
            )
        mapping[(organisation.lower(), code)] = group
    return mapping


@dataclass(frozen=True)
class Elimination:
    """Two sides, each (organisation lower, account code) or (organisation lower, "@contact
    lower"): what one organisation owes or is owed by the other, as that contact."""

    first: tuple[str, str]
    second: tuple[str, str]

    def contacts(self) -> list[tuple[str, str]]:
        return [side for side in (self.first, self.second) if side[1].startswith("@")]


def parse_elimination(text: str) -> Elimination:
    """`ORG:CODE=ORG:CODE` (a pair of accounts) or `ORG:@CONTACT=ORG:@CONTACT` (what each owes
    the other, as a contact of its books)."""
    sides = text.split("=")
    parsed = []
    for side in sides:
        organisation, sep, ref = side.rpartition(":")
        if len(sides) != 2 or not sep or not organisation.strip() or not ref.strip("@ "):
            raise errors.UsageError(
                f"--eliminate: {text!r} is not ORG:CODE=ORG:CODE or ORG:@CONTACT=ORG:@CONTACT"
                " (e.g. 'Acme NZ:1400=Acme UK:2400')"
            )
        ref = ref.strip()
        parsed.append((organisation.strip().lower(), ref.lower() if ref.startswith("@") else ref))
    return Elimination(parsed[0], parsed[1])


# --- translating ---------------------------------------------------------------------------
def _rate_for(line: Line, currency: str, period: Period, rates: Rates) -> Decimal:
    if period.kind == "profit-and-loss":
        return rates.average(currency, period.start, period.end)
    if line.klass in ("REVENUE", "EXPENSE") or (line.name == CYE and not line.code):
        return rates.average(currency, period.year_start, period.end)
    if line.klass == "EQUITY":
        return rates.historical(currency, period.year_start)
    return rates.closing(currency, period.end)


def _translated(line: Line, currency: str, period: Period, rates: Rates) -> Decimal:
    """One line at its rate, rounded to the cent: the one rounding every report shares."""
    return money(line.amount * _rate_for(line, currency, period, rates))


def _earnings(cye: Line, organisation: Organisation, period: Period, rates: Rates) -> Decimal:
    """Current Year Earnings as the sum of the year-to-date P&L's lines, each translated and
    rounded as the consolidated P&L and trial balance show them, so the three reports agree to
    the cent (rounding the total once can differ by a cent a line). What those lines do not
    explain of the balance sheet's figure (nothing, unless the year starts on another day) is
    translated as one more line."""
    lines = organisation.earnings or []
    rest = replace(cye, amount=cye.amount - sum((line.amount for line in lines), ZERO))
    parts = [_translated(line, organisation.currency, period, rates) for line in [*lines, rest]]
    return sum(parts, ZERO)


def translate(organisation: Organisation, period: Period, rates: Rates) -> list[Line]:
    """The organisation's lines in the reporting currency, each rounded to the cent; on a
    balance sheet or trial balance a Currency Translation Reserve line takes up what
    translation unbalanced, so it is the same in both when their lines are."""
    translated = [
        Line(
            line.code,
            line.name,
            line.klass,
            line.type,
            _earnings(line, organisation, period, rates)
            if organisation.earnings is not None and line.name == CYE and not line.code
            else _translated(line, organisation.currency, period, rates),
        )
        for line in organisation.lines
    ]
    if period.kind != "profit-and-loss":
        off = sum((line.amount for line in translated), ZERO)
        if off:
            translated.append(Line("", CTR, "EQUITY", "", -off))
    return translated


# --- consolidating -------------------------------------------------------------------------
@dataclass
class Row:
    key: str
    label: str
    klass: str
    type: str
    amounts: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Consolidation:
    kind: str
    columns: list[str]  # organisation names, then Eliminations and Consolidated
    records: list[dict]
    rates: list[RateUsed]


def _group(line: Line, organisation: str, mapping: dict[tuple[str, str], str]) -> tuple[str, str]:
    """(row key, label): the mapping's group account, else the code, else the line's name."""
    group = mapping.get((organisation.lower(), line.code)) if line.code else None
    if group:
        return f"group:{group}", group
    if line.code:
        return f"code:{line.code}", f"{line.name} ({line.code})"
    return f"name:{line.name}", line.name


def consolidate(
    organisations: list[Organisation],
    period: Period,
    rates: Rates,
    mapping: dict[tuple[str, str], str] | None = None,
    eliminations: Iterable[Elimination] = (),
    contact_balances: dict[tuple[str, str], tuple[Decimal, Decimal]] | None = None,
) -> Consolidation:
    """A column per organisation (translated), Eliminations and Consolidated, row by row.

    `contact_balances`: for each `@contact` side, (what the contact owes, what is owed to it)
    in the organisation's currency, from its aged receivables and payables."""
    mapping = mapping or {}
    contact_balances = contact_balances or {}
    currencies = {o.name.lower(): o.currency for o in organisations}
    controls: dict[tuple[str, str], str] = {}
    names = [o.name for o in organisations]
    known = {name.lower() for name in names}
    rows: dict[str, Row] = {}
    by_account: dict[tuple[str, str], tuple[str, Decimal]] = {}
    for organisation in organisations:
        for line in translate(organisation, period, rates):
            key, label = _group(line, organisation.name, mapping)
            row = rows.setdefault(key, Row(key, label, line.klass, line.type))
            row.amounts[organisation.name] = row.amounts.get(organisation.name, ZERO) + line.amount
            if line.code:
                by_account[(organisation.name.lower(), line.code)] = (key, line.amount)
                for system, default in (("DEBTORS", "610"), ("CREDITORS", "800")):
                    if line.system == system or (not line.system and line.code == default):
                        controls.setdefault((organisation.name.lower(), system), line.code)
    for pair in eliminations:
        sides = []
        for side in (pair.first, pair.second):
            if side[0] not in known:
                raise errors.UsageError(f"--eliminate: {side[0]!r} is not one of the organisations")
            if not side[1].startswith("@"):
                sides.append(by_account.get(side, (None, ZERO)))
                continue
            if period.kind == "profit-and-loss":
                raise errors.UsageError(
                    "--eliminate: a contact's balance is for a balance sheet or trial balance"
                )
            owed, owing = contact_balances.get(side, (ZERO, ZERO))
            rate = rates.closing(currencies[side[0]], period.end)
            for system, amount in (("DEBTORS", owed), ("CREDITORS", -owing)):
                code = controls.get((side[0], system))
                if code is not None and amount:
                    key, _ = by_account[(side[0], code)]
                    sides.append((key, money(amount * rate)))
        difference = ZERO
        for key, amount in sides:
            if key is not None:
                row = rows[key]
                row.amounts[ELIMINATIONS] = row.amounts.get(ELIMINATIONS, ZERO) - amount
                difference += amount
        if difference:
            klass, type_ = ("EXPENSE", "") if period.kind == "profit-and-loss" else ("EQUITY", "")
            row = rows.setdefault(
                f"name:{DIFFERENCE}", Row(f"name:{DIFFERENCE}", DIFFERENCE, klass, type_)
            )
            row.amounts[ELIMINATIONS] = row.amounts.get(ELIMINATIONS, ZERO) + difference
    for row in rows.values():
        row.amounts[CONSOLIDATED] = sum(
            (row.amounts.get(name, ZERO) for name in [*names, ELIMINATIONS]), ZERO
        )
    from xerocli.api.consolidate_layout import LAYOUTS

    columns = [*names, ELIMINATIONS, CONSOLIDATED]
    records = LAYOUTS[period.kind](list(rows.values()), columns)
    used = sorted(rates.used.values(), key=lambda r: (r.currency, r.basis, r.dates))
    return Consolidation(period.kind, columns, records, used)


# --- from Xero's flattened reports ---------------------------------------------------------
def lines_from_report(
    kind: str, rows: list[dict], value_column: str | None, chart: dict[str, dict]
) -> list[Line]:
    """An organisation's `Line`s from its flattened report (`reports.flatten`) and its chart
    (AccountID -> account): net debits, whatever sign the report shows them with."""
    lines: dict[str, Line] = {}
    for row in rows:
        if row.get("RowType") != "Row":
            continue
        account = chart.get(str(row.get("AccountID") or "").lower())
        if account is None:
            if kind == "balance-sheet" and row.get("Account") == CYE:
                shown = Decimal(str(row.get(value_column) or 0))
                lines[CYE] = Line("", CYE, "EQUITY", "", -shown)
            continue
        klass, type_ = str(account.get("Class") or ""), str(account.get("Type") or "")
        if kind == "trial-balance":
            net = _number(row.get("YTD Debit")) - _number(row.get("YTD Credit"))
        else:
            shown = _number(row.get(value_column))
            credit_side = klass in ("REVENUE", "LIABILITY", "EQUITY")
            net = -shown if credit_side else shown
        code = str(account.get("Code") or "")
        name = str(account.get("Name") or row.get("Account") or code)
        system = str(account.get("SystemAccount") or "")
        lines[code or name] = Line(code, name, klass, type_, net, system)
    return list(lines.values())


def _number(value: object) -> Decimal:
    if value in (None, ""):
        return ZERO
    return Decimal(str(value))
