"""Xero's wire format in one place, client side: dates, money and envelopes.

- Money: JSON numbers are parsed as `Decimal`, never float, so `12.3400` stays exact.
- Dates: Xero's `/Date(1539993600000+0000)/` become ISO 8601. Fields that Xero names as UTC
  timestamps (`UpdatedDateUTC`, ...) become `2026-02-06T12:17:43.202Z`; calendar dates
  (`Date`, `DueDate`, ...) become `2026-02-06` (with a time only if Xero gave one).
The conversion runs on the raw text before JSON parsing, so a page of 1,000 invoices is not walked
field by field in Python. It is the profile's hot spot of an export (issue 18), so it is built to
touch as little as it can:
- the search starts at the literal `/Date(` (the regex engine skips to it with a fast string
  search) instead of trying a match at every quote of the page, and checks the key behind it only
  there;
- only the value is replaced, from bounded caches of the keys seen before (a dozen on a real
  page) and of the values seen before per kind of key (a page of 1,000 invoices has ~3,800
  dates, ~1,500 distinct, and pages of one export repeat them).
What is converted is exactly what the former one-regex pass converted, quirks included (the key is
the run of word characters after a quote, pairs never overlap): tests/api/test_wire.py checks it
against that implementation on generated text.

A big text (an export's page) is parsed by msgspec where it is installed (a dependency: 1.4x
the standard library's decoder on a page, Decimals made from the number's own text by the same
`Decimal` call); a small one (`FAST_MIN_CHARS`: not worth msgspec's import), and any text
msgspec refuses (`NaN`, lone surrogates, malformed JSON), by `json.loads(parse_float=Decimal)`,
so the values, and the error of a text neither takes, are the standard library's:
tests/api/test_wire_decoders.py compares the two.

An export's CSV pages take a shorter way (`FieldsDecoder`, issue 18): only the fields its
columns read, numbers as their text, dates converted later by the writer for the cells it
writes (`DateTexts`: what `iso_dates` makes of a value under a key of that kind). `loads` and
the functions above are unchanged by it (the mirror decodes with them).
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

#: The value part of a `"Key":"/Date(ms+hhmm)/"` pair (slashes optionally escaped, as Xero
#: sends them), found from its literal start; the lookbehinds keep only values
#: that follow `":"` (or `":"\`), so the key is looked for behind real candidates only.
_DATE_VALUE = re.compile(r'/Date\((?:(?<=":"/Date\()|(?<=":"\\/Date\())(-?\d+)([+-]\d{4})?\)\\?/"')
#: A pair's key as the former pattern took it: the run of word characters after a quote.
_KEY = re.compile(r"\w*")
#: What a key before `":"/Date(` is: a timestamp field (1), a calendar date field (0), or no
#: key the former pattern took (-1: its value is left as it is). Real pages have a dozen keys.
_KEY_KINDS: dict[str, int] = {}
#: Converted values, `/Date(...)/"` to `<ISO 8601>"`, one cache per key kind (a midnight is a
#: date in `Date` but a timestamp in `UpdatedDateUTC`); each cleared when full so memory stays
#: flat however long the export.
_AS_DATE: dict[str, str] = {}
_AS_TIMESTAMP: dict[str, str] = {}
_CONVERTED_MAX = 4096
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_MAX_ORDINAL = date.max.toordinal()
_DAY_MS = 86_400_000
#: Days since 1970 as `YYYY-MM-DD`: dates of a page share days (bounded like _AS_DATE).
_DAYS: dict[int, str] = {}
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
#: A timestamp's milliseconds as its ISO fraction, a whole second's too (`12:00:00.000Z`): one
#: shape for every value of a timestamp column, as a CSV reader or a `sort` expects (a date
#: field's rare time of day keeps its short form).
_FRACTIONS = tuple(f".{n:03d}" for n in range(1000))


def ms_date_to_iso(ms: int, offset: str | None, timestamp: bool) -> str:
    """One Microsoft JSON date as ISO 8601."""
    if not offset or offset in ("+0000", "-0000"):
        utc = _utc_ms_date_to_iso(ms, timestamp)
        if utc is not None:
            return utc
    moment = _EPOCH + timedelta(milliseconds=ms)
    if offset and offset not in ("+0000", "-0000"):
        sign = 1 if offset[0] == "+" else -1
        delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])) * sign
        moment = moment.astimezone(timezone(delta))
    if (
        not timestamp
        and moment.hour == moment.minute == moment.second == 0
        and not (moment.microsecond)
    ):
        return moment.date().isoformat()
    text = moment.isoformat(
        timespec="milliseconds" if timestamp or moment.microsecond else "seconds"
    )
    return text.replace("+00:00", "Z")


def _utc_ms_date_to_iso(ms: int, timestamp: bool) -> str | None:
    """The UTC case (nearly every date Xero sends) in integer arithmetic and table look-ups,
    several times faster than datetime's; None outside datetime's years, which the general case
    reports."""
    days, in_day = divmod(ms, _DAY_MS)
    day = _DAYS.get(days)
    if day is None:
        ordinal = _EPOCH_ORDINAL + days
        if not 0 < ordinal <= _MAX_ORDINAL:
            return None
        if len(_DAYS) >= _CONVERTED_MAX:
            _DAYS.clear()
        day = _DAYS[days] = date.fromordinal(ordinal).isoformat()
    if not timestamp and not in_day:
        return day
    seconds, milliseconds = divmod(in_day, 1000)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    two = _TWO_DIGITS
    fraction = _FRACTIONS[milliseconds] if timestamp or milliseconds else ""
    return f"{day}T{two[hour]}:{two[minute]}:{two[second]}{fraction}Z"


def _is_timestamp_field(name: str) -> bool:
    return name.endswith("UTC") or name.endswith("Utc") or "DateTime" in name


def _key_kind(key: str) -> int:
    """1: a timestamp field, 0: a calendar date field, -1: not a key the former pattern took."""
    kind = -1 if _KEY.fullmatch(key) is None else 1 if _is_timestamp_field(key) else 0
    if len(_KEY_KINDS) >= _CONVERTED_MAX:
        _KEY_KINDS.clear()
    _KEY_KINDS[key] = kind
    return kind


def _convert_value(match: re.Match[str], literal: str, cache: dict[str, str]) -> str:
    """`/Date(...)/"` as `<ISO 8601>"` for the kind of key that `cache` is for; cached."""
    converted = ms_date_to_iso(int(match.group(1)), match.group(2), cache is _AS_TIMESTAMP) + '"'
    if len(cache) >= _CONVERTED_MAX:
        cache.clear()
    cache[literal] = converted
    return converted


def iso_dates(text: str) -> str:
    """Every `"Key":"/Date(...)/"` pair of a JSON text with its date as ISO 8601.

    The same as the former pattern's `sub`, found faster: from each `/Date(` that follows `":"`,
    the key starts at the last quote before that `":"` (a pair's key is the word characters after
    a quote), and a pair may not start inside the previous one. Only the value is replaced (the
    key before it is copied as it is), from caches of keys and values seen before, so a date
    costs a few look-ups: 3,800 of them on a page of 1,000 invoices.
    """
    pieces: list[str] = []
    append = pieces.append
    copied = 0  # text[:copied] is in pieces; also where the last converted pair ended
    rfind = text.rfind
    kinds = _KEY_KINDS.get
    for match in _DATE_VALUE.finditer(text):
        value = match.start()
        escaped = text[value - 1] == "\\"
        key_end = value - 4 if escaped else value - 3
        opening = rfind('"', 0, key_end)
        if opening < copied:
            continue
        key = text[opening + 1 : key_end]
        kind = kinds(key)
        if kind is None:
            kind = _key_kind(key)
        if kind < 0:
            continue
        end = match.end()
        literal = text[value:end]
        cache = _AS_TIMESTAMP if kind else _AS_DATE
        converted = cache.get(literal) or _convert_value(match, literal, cache)
        append(text[copied : value - 1 if escaped else value])
        append(converted)
        copied = end
    if not pieces:
        return text
    append(text[copied:])
    return "".join(pieces)


def loads(text: str | bytes) -> Any:
    """Parse a Xero answer: dates to ISO 8601, numbers with a fraction to Decimal."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if "/Date(" in text:
        text = iso_dates(text)
    return parse_json(text)


#: Texts shorter than this are parsed by the standard library: importing msgspec costs 15-25
#: ms, and it saves ~5 ms per MB of JSON, so only export-sized pages (1,000 records, ~1.5 MB)
#: pay for it; `xero invoices list` (100 a page) never imports it.
FAST_MIN_CHARS = 512 * 1024


def parse_json(text: str) -> Any:
    """JSON text as Python values, numbers with a fraction as Decimal: msgspec's decoder for a
    big text where it takes it, else the standard library's (the same values, or its error)."""
    fast = _fast_decoder() if len(text) >= FAST_MIN_CHARS else None
    if fast is not None:
        try:
            return fast(text)
        except ValueError:  # msgspec.DecodeError, or UnicodeEncodeError for a lone surrogate
            pass
    return stdlib_parse_json(text)


def stdlib_parse_json(text: str) -> Any:
    """The standard library's parse: the reference msgspec's must equal, and the fallback."""
    return json.loads(text, parse_float=Decimal)


_FAST: list[Any] = []


def _fast_decoder() -> Any:
    """msgspec's `decode` with Decimal for every number with a fraction or exponent (its text
    as is: `Decimal("1.2300")`), made on first use so that `--help` never imports msgspec;
    None where msgspec is not installed."""
    if not _FAST:
        try:
            import msgspec
        except ImportError:
            _FAST.append(None)
        else:
            _FAST.append(msgspec.json.Decoder(float_hook=Decimal).decode)
    return _FAST[0]


#: A JSON string that is one whole Microsoft date, as `iso_dates` converts it once unescaped.
_DATE_STRING = re.compile(r"/Date\((-?\d+)([+-]\d{4})?\)/")


def date_kind(key: str) -> int:
    """What `iso_dates` makes of a `"key":"/Date(...)/"` pair: 1 a timestamp, 0 a calendar
    date, -1 left as it is (a key that is not a run of word characters)."""
    kind = _KEY_KINDS.get(key)
    return _key_kind(key) if kind is None else kind


class DateTexts(dict):
    """String values as `iso_dates` leaves them under a key of one kind (`timestamp`): a whole
    `/Date(...)/` as ISO 8601, anything else as it is. `texts[value]`: a value seen before is
    one dict look-up; a new one is converted (and kept, up to `_CONVERTED_MAX`)."""

    def __init__(self, timestamp: bool) -> None:
        super().__init__()
        self.timestamp = timestamp

    def __missing__(self, value: str) -> str:
        converted = None
        if value.endswith("+0000)/") and value.startswith("/Date("):  # nearly every one
            digits = value[6:-7]
            if digits.isascii() and digits.isdigit():
                converted = _utc_ms_date_to_iso(int(digits), self.timestamp)
        if converted is None:
            match = _DATE_STRING.fullmatch(value)
            converted = (
                value
                if match is None
                else ms_date_to_iso(int(match.group(1)), match.group(2), self.timestamp)
            )
        if len(self) >= _CONVERTED_MAX:
            self.clear()
        self[value] = converted
        return converted


def date_text(value: str, timestamp: bool) -> str:
    """One string value as `iso_dates` leaves it under a key of that kind (see `DateTexts`)."""
    return _DATE_TEXTS[timestamp][value]


_DATE_TEXTS = (DateTexts(False), DateTexts(True))


def _number_text(text: str, _decimal: Any = Decimal) -> Any:
    """A fields decoder's number with a fraction: its text (`12.3400`), which is what
    `format(Decimal(text), "f")`, its cell, gives for a literal without an exponent; with one,
    the Decimal (its cell made when it is written, as before)."""
    return text if "e" not in text and "E" not in text else _decimal(text)


class FieldsPage(list):
    """A page's records decoded to the fields a writer reads (`FieldsDecoder`), with the page's
    text: a writer that meets a value it cannot write from these decodes it in full."""

    __slots__ = ("text",)
    text: str


#: What a writer reads of a record: a field's value (None: any JSON value), an object's fields
#: (a dict), or a list of objects' fields (a one-element list): {"Contact": {"Name": None}}.
Fields = dict[str, Any]


class FieldsDecoder:
    """Pages decoded for a text writer (an export's CSV, issue 18), faster than `loads`:

    - only the named fields are decoded, into msgspec Structs: a record's field `Total` is
      its attribute `Total`, `""` where the record has none (a missing value's cell, so most
      lines are all text); an object named by `fields` is a Struct too, empty where missing;
      a list of them is a list, or None. msgspec skips the other fields without making
      objects of them (an invoice's payments, its contact's empty lists, the `*String`
      twins of its dates);
    - a number with a fraction is its text, `"12.3400"`, not a Decimal (a Decimal costs ~290
      ns, and a text writer's cell is that very text); one with an exponent is a Decimal;
    - dates are left as Xero sent them, `/Date(...)/`: the writer converts the ones it writes
      (`date_texts`: each distinct one once), not every date of the page.
    Anything msgspec refuses (`NaN`, a list or null where an object is named, ...), a small
    text while msgspec is not imported yet, or a decoder turned off (`enabled`) gives `loads`'
    payload, whose records are plain dicts: a writer tells the two apart by `FieldsPage`.
    `fields`' keys are attribute names, so each must be a Python identifier (Xero's are).
    """

    def __init__(
        self,
        records_key: str,
        fields: Fields,
        *,
        missing: Any = "",
        record_base: Any = None,
    ) -> None:
        self.records_key = records_key
        self.fields = fields
        #: A missing field's value: `""` for a text writer's cell; the mirror's row makers take
        #: None, as a record's `.get` gives it.
        self.missing = missing
        #: A Struct class the records derive from (`() -> class`, called once msgspec is
        #: imported): the mirror's records answer `.get` as a dict does (mirror/fields.py).
        self.record_base = record_base
        #: Off: every page through `loads` (a writer found a page it could not write).
        self.enabled = True
        self._decode: Any = None
        self._made = False

    def _decoder(self) -> Any:
        if not self._made:
            self._made = True
            try:
                import msgspec
            except ImportError:
                return None
            bases = () if self.record_base is None else (self.record_base(),)
            record = _struct(msgspec, "Record", self.fields, missing=self.missing, bases=bases)
            envelope = msgspec.defstruct(
                "Envelope",
                [("pagination", Any, None), ("records", list[record] | None, None)],
                rename={"records": self.records_key},
                gc=False,
            )
            self._decode = msgspec.json.Decoder(envelope, float_hook=_number_text).decode
        return self._decode

    def loads(self, text: str | bytes) -> Any:
        """A page's payload: `{records_key: FieldsPage, "pagination": ...}` where msgspec took
        it, else `loads`' (records as dicts)."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if self.enabled and (len(text) >= FAST_MIN_CHARS or "msgspec" in sys.modules):
            decode = self._decoder()
            if decode is not None:
                try:
                    envelope = decode(text)
                except ValueError:  # refused, as `parse_json`'s msgspec refuses
                    pass
                else:
                    if envelope.records is not None:
                        page = FieldsPage(envelope.records)
                        page.text = text
                        return {self.records_key: page, "pagination": envelope.pagination}
        return loads(text)

    def full_records(self, text: str) -> list[dict]:
        """The page's records as `loads` gives them: for a writer the fields did not serve."""
        return records_of(loads(text), self.records_key)

    date_kind = staticmethod(date_kind)

    @staticmethod
    def date_texts(timestamp: bool) -> DateTexts:
        """The converted values of one kind of key, shared by every page (see `DateTexts`)."""
        return _DATE_TEXTS[timestamp]


def _struct(
    msgspec: Any, name: str, fields: Fields, *, missing: Any = "", bases: tuple = ()
) -> Any:
    """The msgspec Struct of an object's `fields` (a missing value is `missing`). Not tracked
    by the garbage collector (`gc=False`): a decoded page holds no cycles, and a page is
    ~6,000 of them."""
    members: list[tuple[str, Any, Any]] = []
    for key, inner in fields.items():
        if inner is None:
            members.append((key, Any, missing))
        elif isinstance(inner, list):
            element = _struct(msgspec, key, inner[0], missing=missing)
            members.append((key, list[element | None] | None, None))
        else:
            nested = _struct(msgspec, key, inner, missing=missing)
            members.append((key, nested, msgspec.field(default_factory=nested)))
    return msgspec.defstruct(name, members, bases=bases or None, gc=False)


def records_of(payload: Any, collection: str) -> list[dict]:
    """The records of an envelope (`{"Invoices": [...]}`); Xero's key casing is exact."""
    if isinstance(payload, dict):
        found = payload.get(collection)
        if isinstance(found, list):
            return found
    return []


def clear_caches() -> None:
    """Forget every key and value converted before, as at an export's first page (benchmarks)."""
    for cache in (_KEY_KINDS, _AS_DATE, _AS_TIMESTAMP, _DAYS, *_DATE_TEXTS):
        cache.clear()
