"""A report's query parameters, read as Xero documents them: every one honoured or refused.

Names match case-insensitively (as Xero's do). A parameter the report does not take is a 400
naming it, never silently ignored; so is a badly written value, and one given twice with
different values (`periods=2&Periods=3`: only one of them could be used). Periods and
timeframes give the columns of a comparative report: the period asked for, then `periods`
earlier ones, each one `timeframe` (MONTH, QUARTER or YEAR) before the last.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from xerocli.sandbox.http import Request

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOOLEANS = {"true": True, "false": False}
TIMEFRAME_MONTHS = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}
MAX_PERIODS = 12


class BadParameter(ValueError):
    """A query parameter Xero would refuse; answered with a 400."""


@dataclass
class Params:
    """The query of one report request, checked against the names that report takes."""

    req: Request
    known: tuple[str, ...]

    def __post_init__(self) -> None:
        allowed = {name.lower() for name in self.known}
        unknown = sorted(key for key in self.req.query if key.lower() not in allowed)
        if unknown:
            takes = ", ".join(self.known) or "no parameters"
            raise BadParameter(f"This report does not take {', '.join(unknown)} (it takes {takes})")
        for name in self.known:
            given = {
                value.strip()
                for key, values in self.req.query.items()
                if key.lower() == name.lower()
                for value in values
            }
            if len(given) > 1:  # `arg` would answer with one of them and drop the others
                shown = ", ".join(repr(value) for value in sorted(given))
                raise BadParameter(f"{name} is given more than once, with different values {shown}")

    def text(self, name: str) -> str:
        return (self.req.arg(name) or "").strip()

    def date(self, name: str, default: date) -> date:
        raw = self.text(name)
        if not raw:
            return default
        if _ISO_DATE.match(raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        raise BadParameter(f"{name} must be a date written YYYY-MM-DD, not '{raw}'")

    def flag(self, name: str) -> bool:
        raw = self.text(name)
        if not raw:
            return False
        if raw.lower() not in _BOOLEANS:
            raise BadParameter(f"{name} must be true or false, not '{raw}'")
        return _BOOLEANS[raw.lower()]

    def integer(self, name: str, low: int, high: int) -> int | None:
        raw = self.text(name)
        if not raw:
            return None
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise BadParameter(f"{name} must be a whole number from {low} to {high}, not '{raw}'")
        return int(raw)

    def periods(self) -> int:
        """How many comparison periods (0 when none are asked for)."""
        return self.integer("periods", 1, MAX_PERIODS) or 0

    def timeframe_months(self, numeric: bool = False) -> int:
        """MONTH, QUARTER or YEAR as months (BudgetSummary writes them 1, 3 or 12)."""
        raw = self.text("timeframe")
        if not raw:
            return 1
        if numeric:
            if raw not in ("1", "3", "12"):
                raise BadParameter(f"timeframe must be 1, 3 or 12 (months), not '{raw}'")
            return int(raw)
        months = TIMEFRAME_MONTHS.get(raw.upper())
        if months is None:
            raise BadParameter(f"timeframe must be MONTH, QUARTER or YEAR, not '{raw}'")
        return months


def shift_months(day: date, months: int) -> date:
    """`day` moved by whole months; a month's last day stays its month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if was_last else min(day.day, last))


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def comparison_ranges(start: date, end: date, periods: int, months: int) -> list[tuple[date, date]]:
    """The range asked for, then `periods` earlier ones, each `months` before the last."""
    ranges = [(start, end)]
    for step in range(1, periods + 1):
        back = -months * step
        earlier_end = shift_months(end, back)
        earlier_start = shift_months(start, back)
        if start.day == 1:
            earlier_start = earlier_start.replace(day=1)
        ranges.append((earlier_start, earlier_end))
    return ranges


def comparison_dates(as_at: date, periods: int, months: int) -> list[date]:
    return [shift_months(as_at, -months * step) for step in range(periods + 1)]
