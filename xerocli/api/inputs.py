"""Records to write, read from files (JSON, NDJSON, CSV) and from command-line options,
validated before anything is sent.

Every problem is reported as one line naming the row and the field:
`row 3: LineItems.1.Quantity: 'abc' is not a number`. One bad row stops the whole command,
so a batch is never half created because of input we could have checked.

CSV: one column per field, dotted for nested ones (`Contact.Name`); line-item columns are
`LineItem.Description`, `LineItem.Quantity`, ... (`JournalLine.*` for manual journals) with one
row per line. Consecutive rows that agree on every non-line column (or leave them blank) are
lines of one record, so a file written by `xero export csv invoices --lines` loads back as is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xerocli import errors
from xerocli.api import guid
from xerocli.api.input_text import parse_json, refused_character, shown

LINES_FIELD = "LineItems"


def line_prefix(lines_field: str) -> str:
    """The CSV column prefix of one line: `LineItems` -> `LineItem.`."""
    return f"{lines_field.removesuffix('s')}."


@dataclass
class InputRecord:
    """One record to write, with where it came from (for messages)."""

    row: int  # 1-based record number in the input (CSV: the first line's row number)
    data: dict[str, Any]
    label: str  # "row 3" or "record 3"
    line_rows: list[int] | None = None  # CSV: the row of each line item
    options: dict[str, str] | None = None  # from options: field path -> option name
    lines_field: str = LINES_FIELD  # where the record's lines are: LineItems, JournalLines

    def where(self, location: tuple) -> tuple[str, tuple]:
        """The label and field path for a problem: a CSV line item points at its own row,
        a value from an option names the option."""
        lines = self.lines_field
        if self.options is not None:
            if len(location) >= 2 and location[0] == lines and isinstance(location[1], int):
                option = self.options.get(lines, "line")  # --line, --pay, --component
                return f"--{option} {location[1] + 1}", location[2:]
            path = ".".join(str(part) for part in location)
            for field_path, option in self.options.items():
                if path == field_path or path.startswith(field_path + "."):
                    return f"--{option}", ()
            return "options", location
        if self.line_rows and len(location) >= 2 and location[0] == lines:
            index = location[1]
            if isinstance(index, int) and index < len(self.line_rows):
                return f"row {self.line_rows[index]}", (lines.removesuffix("s"), *location[2:])
        return self.label, location


def read_file(
    source: str,
    fmt: str | None = None,
    lines_field: str = LINES_FIELD,
    record_fields: frozenset[str] = frozenset(),
) -> list[InputRecord]:
    """Read `--file PATH|-`; the format comes from `--format`, the extension, or the content.

    Problems with the file as a whole name it (`--file data.json: ...`); problems with one
    record name the record's row or number. `record_fields`: see `read_json`."""
    import sys

    if source == "-":
        label = "--file - (stdin)"
        text = _decode(sys.stdin.buffer.read(), label)
        name = "stdin"
    else:
        label = f"--file {source}"
        path = Path(source)
        try:
            text = _decode(path.read_bytes(), label)
        except FileNotFoundError:
            raise errors.UsageError(f"--file: {source} does not exist") from None
        except OSError as exc:
            raise errors.UsageError(f"--file: cannot read {source} ({exc.strerror})") from None
        name = path.name
    kind = fmt or _guess_format(name, text)
    if kind == "csv":
        records = read_csv(text, lines_field, source=label)
    elif kind == "ndjson":
        records = read_ndjson(text, source=label)
    elif kind == "json":
        records = read_json(text, source=label, record_fields=record_fields)
    else:
        raise errors.UsageError(f"--format: {kind!r} is not json, ndjson or csv")
    if not records:  # `[]`, an empty NDJSON file: refused as a CSV of a header alone is
        raise errors.UsageError(f"{label}: the file holds no records")
    return records


def _decode(raw: bytes, label: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise errors.UsageError(
            f"{label}: not UTF-8 (byte {exc.start + 1} is 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def _guess_format(name: str, text: str) -> str:
    lowered = name.lower()
    for suffix, kind in (
        (".csv", "csv"),
        (".ndjson", "ndjson"),
        (".jsonl", "ndjson"),
        (".json", "json"),
    ):
        if lowered.endswith(suffix):
            return kind
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        lines = [line for line in stripped.splitlines() if line.strip()]
        return "ndjson" if len(lines) > 1 and lines[1].lstrip().startswith("{") else "json"
    return "csv"


def read_json(
    text: str, source: str = "--file", record_fields: frozenset[str] = frozenset()
) -> list[InputRecord]:
    """Records of a JSON array, of Xero's envelope (`{"Invoices": [...]}`) or one object.

    An object whose one key is a list is the envelope, unless that key is one of
    `record_fields` (an update of a record's lists alone: `{"TaxComponents": [...]}`)."""
    data = parse_json(text, source)
    if isinstance(data, dict):
        lists = [value for key, value in data.items() if isinstance(value, list)]
        own = bool(set(data) & record_fields)
        data = lists[0] if len(data) == 1 and lists and not own else [data]
    if not isinstance(data, list):
        raise errors.UsageError(f"{source}: expected a JSON array of records or an object")
    records = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise errors.UsageError(f"record {index}: expected a JSON object")
        records.append(InputRecord(index, item, f"record {index}"))
    return records


def read_ndjson(text: str, source: str = "--file") -> list[InputRecord]:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = parse_json(line, f"{source}: line {number}")
        if not isinstance(item, dict):
            raise errors.UsageError(f"line {number}: expected a JSON object")
        records.append(InputRecord(number, item, f"line {number}"))
    return records


#: The longest CSV cell read (the csv module's own default limit). Xero's longest text field
#: takes 4,000 characters; past this bound a cell is surely not a field's value.
MAX_CELL_CHARS = 131_072


def read_csv(
    text: str, lines_field: str = LINES_FIELD, source: str = "--file"
) -> list[InputRecord]:
    """Records from CSV text; see the module docstring for the columns."""
    # The csv module's own limit raises `_csv.Error` naming neither row nor column (an
    # "unexpected error"): lift it while reading, and check each cell against ours instead.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        return _read_csv(text, lines_field, source)
    finally:
        csv.field_size_limit(limit)


def _read_csv(text: str, lines_field: str, source: str) -> list[InputRecord]:
    prefix = line_prefix(lines_field)
    reader = _rows(csv.reader(io.StringIO(text, newline="")), source)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise errors.UsageError(f"{source}: the CSV file is empty") from None
    if not any(header):
        raise errors.UsageError(f"{source}: the CSV header row is empty")
    duplicates = {name for name in header if name and header.count(name) > 1}
    if duplicates:
        raise errors.UsageError(f"{source}: column {sorted(duplicates)[0]!r} appears twice")
    for name in header:
        if not name:
            continue  # a trailing comma: fine while its cells are empty (checked per row)
        path = name[len(prefix) :] if name.startswith(prefix) else name
        if not path or "" in path.split("."):
            raise errors.UsageError(
                f"{source}: column {name!r} is not a field name (use names like Contact.Name"
                f" or {prefix}Description)"
            )
        if path.split(".")[0] == lines_field and not name.startswith(prefix):
            what = re.sub(r"(?<!^)([A-Z])", r" \1", lines_field).lower()  # "line items"
            raise errors.UsageError(
                f"{source}: column {name!r}: {what} go in {prefix}* columns"
                f" ({prefix}Description, ...), one row per line"
            )
    clash = _nested_clash(header)
    if clash:
        raise errors.UsageError(
            f"{source}: columns {clash[0]!r} and {clash[1]!r} cannot both be given: {clash[0]!r}"
            " holds a value, not fields"
        )
    line_columns = [i for i, name in enumerate(header) if name.startswith(prefix)]
    head_columns = [i for i, name in enumerate(header) if name and i not in line_columns]
    unnamed = [i for i, name in enumerate(header) if not name]
    records: list[InputRecord] = []
    current_key: tuple | None = None
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise errors.UsageError(
                f"row {row_number}: has {len(row)} columns, the header has {len(header)}"
            )
        for i, value in enumerate(row):
            if len(value) > MAX_CELL_CHARS:
                name = repr(header[i]) if header[i] else str(i + 1)
                raise errors.UsageError(
                    f"{source}: row {row_number}: column {name} has {len(value):,} characters;"
                    f" a cell may have {MAX_CELL_CHARS:,} (Xero's longest field takes 4,000)"
                )
        for i in unnamed:
            if row[i].strip():
                raise errors.UsageError(
                    f"row {row_number}: column {i + 1} has a value but no name in the header"
                )
        key = tuple(row[i].strip() for i in head_columns)
        continuation = records and (key == current_key or not any(key))
        if not continuation:
            data: dict[str, Any] = {}
            for i in head_columns:
                _set_path(data, header[i], row[i])
            records.append(
                InputRecord(row_number, data, f"row {row_number}", lines_field=lines_field)
            )
            current_key = key
        if line_columns:
            line: dict[str, Any] = {}
            for i in line_columns:
                _set_path(line, header[i][len(prefix) :], row[i])
            if line:
                records[-1].data.setdefault(lines_field, []).append(line)
                records[-1].line_rows = [*(records[-1].line_rows or []), row_number]
    if not records:
        raise errors.UsageError(f"{source}: the CSV file has a header but no rows")
    return records


def _rows(reader: Iterable[list[str]], source: str) -> Iterator[list[str]]:
    """The reader's rows; a `csv.Error` (Python 3.10 refuses NUL bytes, for one) becomes a
    one-line message naming the row."""
    row_number = 0
    iterator = iter(reader)
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except csv.Error as exc:
            raise errors.UsageError(
                f"{source}: row {row_number + 1}: not valid CSV ({exc})"
            ) from None
        row_number += 1
        yield row


def _nested_clash(header: list[str]) -> tuple[str, str] | None:
    """Two columns where one is a field of the other (`Contact` and `Contact.Name`): a cell
    cannot be both a value and a record."""
    names = set(header)
    for name in header:
        parts = name.split(".")
        for end in range(1, len(parts)):
            parent = ".".join(parts[:end])
            if parent in names:
                return parent, name
    return None


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


def _set_path(target: dict[str, Any], path: str, cell: str, *, keep_empty: bool = False) -> None:
    """`Contact.Name` = "x" -> {"Contact": {"Name": "x"}}; `Tracking[1].Name` (the export's
    line columns) -> {"Tracking": [{}, {"Name": "x"}]}; empty cells are left out, unless
    `keep_empty` (an update's `--reference ""`: see `record_from_options`)."""
    value = cell.strip()
    if value == "" and not keep_empty:
        return
    parts = path.split(".")
    for part in parts[:-1]:
        indexed = _INDEXED.match(part)
        if indexed is None:
            target = target.setdefault(part, {})
            continue
        items = target.setdefault(indexed.group(1), [])
        index = int(indexed.group(2))
        items.extend({} for _ in range(index + 1 - len(items)))
        target = items[index]
    target[parts[-1]] = value


@dataclass(frozen=True)
class LineFormat:
    """A `--line` value: CSV-quoted fields in a fixed order, the last (tax type) optional."""

    fields: tuple[str, ...]  # Xero's names, in order
    usage: str  # how the user writes it
    #: The option it is given with (`--line`, a batch payment's `--pay`).
    option: str = "line"
    #: The last field may be left off (a line's tax type).
    optional_last: bool = True
    #: A field naming a record: (its ID key, its number key): a GUID goes to the first.
    refs: tuple[tuple[str, str, str], ...] = ()

    def parse(self, text: str, index: int) -> dict[str, Any]:
        try:
            fields = next(csv.reader([text], skipinitialspace=True), [])
        except csv.Error as exc:  # a line break outside quotes, a NUL byte
            why = (
                "a line break in a field must be inside double quotes"
                if "new-line" in str(exc)
                else f"not CSV ({exc})"
            )
            raise errors.UsageError(f"--{self.option} {index}: {text!r}: {why}") from None
        values = [field.strip() for field in fields]
        fewest = len(self.fields) - (1 if self.optional_last else 0)
        if not fewest <= len(values) <= len(self.fields):
            raise errors.UsageError(f"--{self.option} {index}: {text!r} needs '{self.usage}'")
        given = zip(self.fields, values, strict=False)  # the tax type may be left off
        parsed: dict[str, Any] = {
            name: value for name, value in given if value or name != "TaxType"
        }
        for name, id_key, number_key in self.refs:
            if name in parsed:
                key = id_key if guid.is_guid(parsed[name]) else number_key
                parsed[name] = {key: parsed[name]}
        return parsed


#: Create-option kinds that are lines, and how each is written.
LINE_FORMATS = {
    "line": LineFormat(
        ("Description", "Quantity", "UnitAmount", "AccountCode", "TaxType"),
        "description,quantity,unit amount,account code[,tax type]",
    ),
    # A manual journal's amount is a debit when positive and a credit when negative.
    "journal_line": LineFormat(
        ("Description", "LineAmount", "AccountCode", "TaxType"),
        "description,amount,account code[,tax type]",
    ),
    # One payment of a batch: the invoice (number or ID) and how much of it is paid.
    "payment_line": LineFormat(
        ("Invoice", "Amount"),
        "invoice number or ID,amount",
        option="pay",
        optional_last=False,
        refs=(("Invoice", "InvoiceID", "InvoiceNumber"),),
    ),
    # One component of a tax rate: its name, its percentage, and whether it compounds.
    "tax_component": LineFormat(
        ("Name", "Rate", "IsCompound"), "name,rate[,compound true/false]", option="component"
    ),
    # One receipt of an expense claim, by its ReceiptID.
    "receipt_line": LineFormat(("ReceiptID",), "receipt ID", option="receipt", optional_last=False),
}


def validate(records: Iterable[InputRecord], model: type) -> list[dict[str, Any]]:
    """Check every record against its model; the first problem stops everything."""
    from pydantic import ValidationError

    bodies = []
    for record in records:
        refused = refused_character(record.data)
        if refused is not None:
            label, location = record.where(refused[0])
            field = ".".join(str(part) for part in location)
            raise errors.UsageError(
                f"{label}: {field + ': ' if field else ''}contains {refused[1]}; remove it"
            )
        try:
            bodies.append(model.model_validate(record.data).to_xero())
        except ValidationError as exc:
            problem = dict(exc.errors()[0])
            label, problem["loc"] = record.where(tuple(problem.get("loc", ())))
            raise errors.UsageError(f"{label}: {describe(problem)}") from None
    return bodies


def describe(problem: dict[str, Any]) -> str:
    """One pydantic problem as `Field.Path: what is wrong` in plain words."""
    location = ".".join(str(part) for part in problem.get("loc", ()) if part != "__root__")
    kind = problem.get("type", "")
    value = problem.get("input")
    shown_value = shown(value) if not isinstance(value, (dict, list)) else "the value"
    message = {
        "extra_forbidden": "is not a field Xero takes here",
        "missing": "is required",
        "decimal_parsing": f"{shown_value} is not a number",
        "decimal_type": f"{shown_value} is not a number",
        "date_from_datetime_parsing": f"{shown_value} is not a date (use YYYY-MM-DD)",
        "date_parsing": f"{shown_value} is not a date (use YYYY-MM-DD)",
        "date_type": f"{shown_value} is not a date (use YYYY-MM-DD)",
        "bool_parsing": f"{shown_value} is not true or false",
        "greater_than": f"{shown_value} must be more than {_bound(problem, 'gt')}",
        "greater_than_equal": f"{shown_value} must be at least {_bound(problem, 'ge')}",
        "less_than_equal": f"{shown_value} must be at most {_bound(problem, 'le')}",
        "too_short": _at_least(problem),
    }.get(kind)
    if message is None:
        message = str(problem.get("msg", "is invalid"))
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if kind == "literal_error":
            message = f"{shown_value} is not allowed; {message[0].lower()}{message[1:]}"
        elif _about_digits(message):
            message = f"{shown_value} {message}"
        elif value is not None and kind not in ("value_error",):
            message = f"{shown_value}: {message}"
    return f"{location}: {message}" if location else message


def _at_least(problem: dict[str, Any]) -> str:
    """`needs at least 2 entries` for a journal of one line, not a fixed "one"."""
    least = (problem.get("ctx") or {}).get("min_length", 1)
    return f"needs at least {'one entry' if least == 1 else f'{least} entries'}"


def _bound(problem: dict[str, Any], name: str) -> str:
    """The limit a range check names (`le` 100 of a tax rate's percentage)."""
    return str((problem.get("ctx") or {}).get(name, ""))


def _about_digits(message: str) -> bool:
    """The precision checks' messages (`has more than 2 decimal places`) follow the value."""
    return message.startswith("has more than ")


def record_from_options(
    options: Iterable, values: dict[str, Any], *, keep_empty: bool = False
) -> InputRecord:
    """One record from `create` options, as the resource table maps them.

    An option given as "" is left out of a new record (as an empty CSV cell is), but with
    `keep_empty` (an `update`) it is sent as "": that is how Xero clears a text field
    (`--reference ""`), as a `--file` holding `{"Reference": ""}` does; the model then says
    whether the field takes "" (a date or an amount does not)."""
    record: dict[str, Any] = {}
    specs = tuple(options)
    paths = {spec.path: spec.option for spec in specs}
    lines_field = LINES_FIELD
    for spec in specs:
        value = values.get(spec.option)
        if spec.kind in LINE_FORMATS:
            lines_field = spec.path
        if value is None or value == []:
            continue
        if isinstance(value, str) and not value.strip():
            if keep_empty and spec.kind in ("text", "upper"):
                _set_path(record, spec.path, "", keep_empty=True)
            elif keep_empty:  # a reference (the contact, an account): "" cannot clear one
                raise errors.UsageError(f'--{spec.option}: give a value ("" clears text only)')
            continue
        if spec.kind in LINE_FORMATS:
            parse = LINE_FORMATS[spec.kind].parse
            record[spec.path] = [parse(text, index) for index, text in enumerate(value, start=1)]
            continue
        if spec.kind == "tracking":
            continue  # applied to the lines below, once they are all parsed
        if spec.kind == "ref":
            ref_id = guid.canonical(value)
            if ref_id is None:
                key = spec.key
            else:
                key, value = spec.id_key, ref_id
            _set_path(record, f"{spec.path}.{key}", value)
            continue
        _set_path(record, spec.path, value.upper() if spec.kind == "upper" else value)
    tracking = [
        text for spec in specs if spec.kind == "tracking" for text in values.get(spec.option) or ()
    ]
    if tracking:
        _track_lines(record, lines_field, tracking)
    return InputRecord(1, record, "options", options=paths, lines_field=lines_field)


#: Xero tags a line with at most two tracking categories.
MAX_TRACKING = 2


def _track_lines(record: dict[str, Any], lines_field: str, given: list[str]) -> None:
    """`--tracking "Region=North"`: every line of the record gets `Tracking: [{Name, Option}]`."""
    tracking = []
    for text in given:
        name, equals, option = text.partition("=")
        if not equals or not name.strip() or not option.strip():
            raise errors.UsageError(f"--tracking: {text!r} needs 'Category=Option'")
        tracking.append({"Name": name.strip(), "Option": option.strip()})
    names = [t["Name"].lower() for t in tracking]
    if len(set(names)) != len(names):
        raise errors.UsageError("--tracking: a category is given twice")
    if len(tracking) > MAX_TRACKING:
        raise errors.UsageError(f"--tracking: Xero takes at most {MAX_TRACKING} categories")
    lines = record.get(lines_field)
    if not lines:
        raise errors.UsageError("--tracking tags lines: give --line too")
    for line in lines:
        line["Tracking"] = [dict(t) for t in tracking]
