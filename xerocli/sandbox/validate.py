"""Field checks shared by the write endpoints, each giving Xero-style one-line messages.

A checker never raises for bad input: it appends to an element's `errors` list and returns a
usable value (or None), so one element can report all of its problems at once, as Xero does.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from xerocli.sandbox.xerojson import parse_date

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Digits Xero holds before the decimal point of a number (the spec: CurrencyRate is
#: "max length = [18].[6]"; amounts and quantities are held the same way). A number past it is a
#: validation error, never a 500 from arithmetic that cannot hold it.
MAX_INTEGER_DIGITS = 18


class Element:
    """One element of a write batch: what the client sent, and what is wrong with it."""

    def __init__(self, sent: object) -> None:
        self.sent = sent if isinstance(sent, dict) else {}
        self.errors: list[str] = []
        self.warnings: list[str] = []
        #: While a line item is checked, its own errors (shown on the line, as Xero does).
        self.capture: list[str] | None = None
        #: A refused document as the writer parsed it (totals, lines), echoed instead of what
        #: was sent, as Xero echoes a failed element.
        self.parsed: dict | None = None
        if not isinstance(sent, dict):
            self.errors.append("Each element must be a JSON object")

    def error(self, message: str) -> None:
        if self.capture is not None and message not in self.capture:
            self.capture.append(message)
        if message not in self.errors:
            self.errors.append(message)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def decimal_field(el: Element, value: object, name: str) -> Decimal | None:
    """A number as JSON number or numeric string; booleans and junk are errors."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        el.error(f"{name} must be a number")
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        el.error(f"{name} must be a number, not {value!r}")
        return None
    if not number.is_finite():
        el.error(f"{name} must be a number, not {value!r}")
        return None
    if too_large(number):
        el.error(
            f"{name} is too large: at most {MAX_INTEGER_DIGITS} digits before the decimal point"
        )
        return None
    return number


def too_large(number: Decimal) -> bool:
    """More than MAX_INTEGER_DIGITS digits before the point (`1e40`, `1e400`)."""
    return bool(number) and number.adjusted() >= MAX_INTEGER_DIGITS


def date_field(el: Element, value: object, name: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return parse_date(value)
    except (ValueError, TypeError, OverflowError):
        el.error(f"{name} is not a valid date: {value!r} (use YYYY-MM-DD)")
        return None


def bool_field(el: Element, value: object, name: str) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    el.error(f"{name} must be true or false")
    return None


def text_field(el: Element, value: object, name: str, max_length: int | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        el.error(f"{name} must be text")
        return None
    if max_length is not None and len(value) > max_length:
        el.error(f"{name} must not be longer than {max_length} characters")
    return value


def choice_field(el: Element, value: object, name: str, allowed: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.upper() not in allowed:
        el.error(f"{name} '{value}' is not valid; expected one of {', '.join(allowed)}")
        return None
    return value.upper()
