"""Nested Xero records flattened into fixed columns (`Contact.Name`, `LineItem.*`).

A column is a field path (`xerocli/output/paths.py`, the one path language of `--fields`):
`Addresses[POBOX].City`, `Tracking[0].Option`. `LineItem.X` reads X of the line item a
`--lines` row is about.

An export of 100,000 invoices writes ~250,000 line rows, so the per-row path is kept short:
paths are compiled once per export into readers (the one-key columns of a record or line are
read in one `map(obj.get, keys)`, the others by a closure made for the path's shape); the
columns are split into the record's own (header) cells and the line's cells, and a record's
header cells are read and turned into text once, then reused for each of its lines
(`text_rows`); only the line's cells are read per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from keyword import iskeyword
from operator import attrgetter, itemgetter
from typing import Any

from xerocli.output.paths import compile_path, read_steps

LINE_PREFIX = "LineItem."

#: Reads one cell's value from a record (header columns) or from a line item (line columns).
Getter = Callable[[Any], Any]
#: Turns one row's worth of values into the cells a sink writes (text, or the values as is).
CellsOf = Callable[[list[Any]], Sequence[Any]]


def _path_getter(path: str) -> Getter:
    """A getter with `read_steps`'s answers, made for the path's shape: the shapes of the
    export tables (`Contact.Name`, `Tracking[0].Option`) get a closure without a step loop."""
    steps = compile_path(path)
    kinds = tuple(kind for kind, _ in steps)
    if kinds == ("key", "key"):
        return _key_key(steps[0][1], steps[1][1])
    if kinds == ("key", "index", "key"):
        return _key_index_key(steps[0][1], steps[1][1], steps[2][1])
    return lambda value: read_steps(value, steps)


def _key_key(outer: str, inner: str) -> Getter:
    def get(value: Any) -> Any:
        if not isinstance(value, dict):
            return None
        nested = value.get(outer)
        return nested.get(inner) if isinstance(nested, dict) else None

    return get


def _key_index_key(outer: str, index: int, inner: str) -> Getter:
    def get(value: Any) -> Any:
        if not isinstance(value, dict):
            return None
        items = value.get(outer)
        if not isinstance(items, list) or index >= len(items):
            return None
        item = items[index]
        return item.get(inner) if isinstance(item, dict) else None

    return get


def _constant(value: Any) -> Getter:
    return lambda record: value


def _as_is(values: list[Any]) -> list[Any]:
    return values


def _permutation(order: list[int]) -> Callable[[list[Any]], list[Any]] | None:
    """A function putting values gathered in `order` (their column positions) back in column
    order; None where they are in it already."""
    if order == list(range(len(order))):
        return None
    inverse = [0] * len(order)
    for index, position in enumerate(order):
        inverse[position] = index
    pick = itemgetter(*inverse)
    if len(inverse) == 1:
        return lambda values: [pick(values)]
    return lambda values: list(pick(values))


#: A column as the readers see it: its position, its key when it is a one-key path, else its
#: getter, and its compiled steps (None for a constant).
Column = tuple[int, "str | None", "Getter | None", "tuple | None"]


def _indexed_group(outer: str, members: list[tuple[int, str]]) -> Callable[[Any], list[Any]]:
    """The values of several `Outer[i].Inner` columns of one object, reading `Outer` once: a
    line's four tracking columns cost one look-up when it has no tracking (most lines)."""
    empty = [None] * len(members)

    def get(value: Any) -> list[Any]:
        items = value.get(outer) if isinstance(value, dict) else None
        if not items or not isinstance(items, list):
            return empty
        found = len(items)
        values = []
        for index, inner in members:
            item = items[index] if index < found else None
            values.append(item.get(inner) if isinstance(item, dict) else None)
        return values

    return get


def _single(get: Getter) -> Callable[[Any], list[Any]]:
    return lambda value: [get(value)]


class _Reader:
    """The values of one group of columns (a record's own, or its line's) from one object:
    the one-key columns in one `map(obj.get, keys)`, the `Outer[i].Inner` columns of one
    `Outer` through one getter, the others through their own, then put back in the group's
    column order."""

    def __init__(self, columns: list[Column]) -> None:
        self.keys = [key for _, key, _, _ in columns if key is not None]
        order = [position for position, key, _, _ in columns if key is not None]
        groups: dict[str, list[tuple[int, int, str]]] = {}
        singles: list[tuple[int, Getter]] = []
        for position, key, get, steps in columns:
            if key is not None or get is None:
                continue
            if steps is not None and tuple(kind for kind, _ in steps) == ("key", "index", "key"):
                groups.setdefault(steps[0][1], []).append((position, steps[1][1], steps[2][1]))
            else:
                singles.append((position, get))
        self.others: list[Callable[[Any], list[Any]]] = []
        for outer, members in groups.items():
            self.others.append(_indexed_group(outer, [(i, inner) for _, i, inner in members]))
            order += [position for position, _, _ in members]
        for position, get in singles:
            self.others.append(_single(get))
            order.append(position)
        self.positions = sorted(order)
        ranks = {position: rank for rank, position in enumerate(self.positions)}
        self.reorder = _permutation([ranks[position] for position in order])

    def values(self, obj: Any) -> list[Any]:
        values = list(map(obj.get, self.keys))
        for get in self.others:
            values += get(obj)
        return self.reorder(values) if self.reorder else values


def _add_fields(fields: dict[str, Any], steps: Sequence[tuple[str, Any]]) -> bool:
    """Put one path's steps into `fields` (the `wire.Fields` shape: None for a whole value, a
    dict for an object's fields, a one-element list for a list of objects'); False for a path
    a fields decoder cannot serve: one selecting by type (`Addresses[POBOX]`: it would need the
    items' `*Type` too), one through a value another column reads whole, a key that is no
    attribute name, an item that is not an object's."""
    kind, key = steps[0]
    if kind != "key" or not _attribute_name(key):
        return False
    rest = steps[1:]
    known = fields.get(key, ...)
    if not rest:
        if known is ...:
            fields[key] = None
        return known is ... or known is None
    listed = rest[0][0] == "index"
    if listed:
        rest = rest[1:]
    if not rest or rest[0][0] != "key":
        return False
    if known is ...:
        inner: dict[str, Any] = {}
        fields[key] = [inner] if listed else inner
    elif known is not None and isinstance(known, list) == listed:
        inner = known[0] if listed else known
    else:
        return False
    return _add_fields(inner, rest)


def _attribute_name(key: str) -> bool:
    return key.isidentifier() and not iskeyword(key) and not key.startswith("_")


def _last_key(steps: Sequence[tuple[str, Any]] | None) -> str | None:
    """The key a column's value sits under in the JSON text (None: a list's item, a constant)."""
    return steps[-1][1] if steps and steps[-1][0] == "key" else None


#: A name that says a date (`Date`, `DueDate`, `UpdatedDateUTC`): its column is converted on
#: every record; other columns only where a record's text shows a `/Date(` (`write_groups`).
def _date_like(key: str) -> bool:
    return "Date" in key or key.endswith(("UTC", "Utc"))


class _AttrReader:
    """`_Reader` for a fields page's records (`wire.FieldsDecoder`: a field is an attribute,
    `""` where missing; an object on the way is always there, a list may be None): the
    columns of keys alone in one `attrgetter` (`Contact.Name` too), each `Outer[i].Inner`
    group of one `Outer` through one getter, then back in column order."""

    def __init__(self, columns: list[Column]) -> None:
        plain = [(p, steps) for p, _, _, steps in columns if _keys_only(steps)]
        groups: dict[str, list[tuple[int, int, str]]] = {}
        constants: list[tuple[int, Getter]] = []
        for position, _, get, steps in columns:
            if steps is None:  # TenantId, TenantName
                constants.append((position, get))  # type: ignore[arg-type]
            elif not _keys_only(steps):
                kinds = tuple(kind for kind, _ in steps)
                if kinds != ("key", "index", "key"):
                    raise ValueError(f"not a fields decoder's path: {steps}")
                groups.setdefault(steps[0][1], []).append((position, steps[1][1], steps[2][1]))
        paths = [".".join(key for _, key in steps) for _, steps in plain]
        order = [position for position, _ in plain]
        self.plain = _attributes(paths)
        self.others = []
        for outer, members in groups.items():
            self.others.append(_attr_group(outer, [(i, inner) for _, i, inner in members]))
            order += [position for position, _, _ in members]
        for position, get in constants:
            self.others.append(_single(get))
            order.append(position)
        self.positions = sorted(order)
        ranks = {position: rank for rank, position in enumerate(self.positions)}
        self.reorder = _permutation([ranks[position] for position in order])
        if not self.others and self.reorder is None:
            self.values = self.plain  # type: ignore[method-assign]  # an invoice's header

    def values(self, obj: Any) -> list[Any]:
        values = self.plain(obj)
        for get in self.others:
            values += get(obj)
        return self.reorder(values) if self.reorder else values


def _keys_only(steps: Any) -> bool:
    return steps is not None and all(kind == "key" for kind, _ in steps)


def _attributes(paths: list[str]) -> Callable[[Any], list[Any]]:
    """The values at dotted attribute paths, as a new list (one `attrgetter` call)."""
    if not paths:
        return lambda obj: []
    get = attrgetter(*paths)
    if len(paths) == 1:
        return lambda obj: [get(obj)]
    return lambda obj: list(get(obj))


def _attr_group(outer: str, members: list[tuple[int, str]]) -> Callable[[Any], list[Any]]:
    """`_indexed_group` on attributes: an `Outer` list (or None) of objects (or None); a value
    not there is `""`, as a fields page's missing field is."""
    empty = [""] * len(members)

    def get(value: Any) -> list[Any]:
        items = getattr(value, outer)
        if not items:
            return empty
        found = len(items)
        values = []
        for index, inner in members:
            item = items[index] if index < found else None
            values.append("" if item is None else getattr(item, inner))
        return values

    return get


def _column(position: int, path: str, constant: Any = None, is_constant: bool = False) -> Column:
    if is_constant:
        return position, None, _constant(constant), None
    steps = compile_path(path)
    if len(steps) == 1 and steps[0][0] == "key":
        return position, steps[0][1], None, steps
    return position, None, _path_getter(path), steps


@dataclass
class Flattener:
    """Turns records into rows of values (not yet text) in a fixed column order.

    `lines_field` set: one row per line item, header fields repeated; a record without line
    items still gives one row, its LineItem columns empty, so no record goes missing.
    """

    columns: list[str]
    lines_field: str | None = None
    #: How a column names a field of the line a row is about (`LineItem.`, `JournalLine.`).
    line_prefix: str = LINE_PREFIX

    def __post_init__(self) -> None:
        self._constants: dict[str, Any] = {}
        self._compile()

    def _compile(self) -> None:
        """Readers for the header and the line columns, and how a row is put back together
        in column order from the two (a plain concatenation when the line columns come last,
        as in every export table)."""
        header: list[Column] = []
        line: list[Column] = []
        prefix = self.line_prefix
        for position, column in enumerate(self.columns):
            if column in self._constants:
                header.append(_column(position, column, self._constants[column], True))
            elif prefix and column.startswith(prefix):
                line.append(_column(position, column[len(prefix) :]))
            else:
                header.append(_column(position, column))
        self._header = _Reader(header)
        self._line = _Reader(line)
        self._reorder = _permutation(self._header.positions + self._line.positions)
        steps_at = {position: steps for position, _, _, steps in header + line}
        #: Each value's key, in the order a reader gives the values (see `_last_key`).
        self._header_keys = [_last_key(steps_at[p]) for p in self._header.positions]
        self._line_keys = [_last_key(steps_at[p]) for p in self._line.positions]
        #: What the columns read of a record; a line column's steps go through the lines'
        #: list (`LineItems[*].Quantity`), an index step standing for every item.
        paths = [steps for _, _, _, steps in header if steps is not None]
        if self.lines_field:
            paths += [(("key", self.lines_field), ("index", 0), *steps) for *_, steps in line]
        fields: dict[str, Any] | None = {}
        for steps in paths:
            if not _add_fields(fields, steps):  # type: ignore[arg-type]
                fields = None
                break
        if fields is not None and any(
            not _keys_only(steps) and tuple(kind for kind, _ in steps) != ("key", "index", "key")
            for _, _, _, steps in header + line
            if steps is not None
        ):
            fields = None  # read by a closure of its own: not worth a second one on attributes
        self._fields_readers = None
        if fields is not None:
            self._fields_readers = (_AttrReader(header), _AttrReader(line))
        self._fields = fields

    def widths(self) -> tuple[int, int]:
        """How many of the columns are the record's own and how many its line's."""
        return len(self._header.positions), len(self._line.positions)

    def read_fields(self) -> dict[str, Any] | None:
        """What the columns read of a record, for a fields decoder (`wire.Fields`: Contact.Name
        is {"Contact": {"Name": None}}); None where `fields_groups` cannot write its pages (a
        column selecting by type, line columns among the header's, no lines)."""
        if self._reorder is not None or not self.lines_field or self._fields_readers is None:
            return None
        return self._fields

    def set_constants(self, values: dict[str, Any]) -> None:
        """Per-tenant constant columns (`TenantId`, `TenantName`)."""
        self._constants = dict(values)
        self._compile()

    def rows(self, records: Iterable[dict]) -> Iterator[list[Any]]:
        """Rows of values, in column order."""
        return self.text_rows(records, _as_is)

    def text_rows(self, records: Iterable[dict], cells_of: CellsOf) -> Iterator[list[Any]]:
        """Rows of cells in column order; `cells_of` makes a sink's cells from values, called
        once per record for its header columns and once per row for the line columns."""
        header_values, line_values = self._header.values, self._line.values
        reorder = self._reorder
        lines_field = self.lines_field
        no_line = list(cells_of([None] * len(self._line.positions)))
        for record in records:
            head = list(cells_of(header_values(record)))
            if not lines_field:
                row = head + no_line
                yield reorder(row) if reorder else row
                continue
            for line in record.get(lines_field) or [None]:
                row = head + list(cells_of(line_values(line))) if line else head + no_line
                yield reorder(row) if reorder else row

    def record_groups(
        self, records: Iterable[dict], cells_of: CellsOf
    ) -> Iterator[tuple[Sequence[Any], list[Sequence[Any]]]] | None:
        """Per record, its header cells and the line cells of each of its rows (one row of
        empty line cells for a record without lines), for a sink that writes a record's
        header once for all its lines (CSV); None where a row is not header then line cells
        (no `lines_field`, or line columns among the header ones)."""
        if self._reorder is not None or not self.lines_field:
            return None
        return self._groups(records, cells_of)

    def _groups(
        self, records: Iterable[dict], cells_of: CellsOf
    ) -> Iterator[tuple[Sequence[Any], list[Sequence[Any]]]]:
        header_values, line_values = self._header.values, self._line.values
        lines_field = self.lines_field
        no_line = [cells_of([None] * len(self._line.positions))]
        for record in records:
            lines = record.get(lines_field)  # type: ignore[arg-type]
            yield (
                cells_of(header_values(record)),
                [cells_of(line_values(line)) if line else no_line[0] for line in lines]
                if lines
                else no_line,
            )

    def fields_groups(
        self, records: Iterable[dict], cells_of: CellsOf, dates: Any
    ) -> Iterator[tuple[Sequence[Any], list[Sequence[Any]]]] | None:
        """`record_groups` for a fields decoder's page (`wire.FieldsDecoder`), whose dates are
        still Xero's `/Date(...)/`: each column whose name says a date (`_date_like`) is
        converted here, by `dates.date_texts` (one look-up for a value seen before); a date in
        any other column is left to `redate`, which the sink calls for a record whose text
        shows one. A line's values are given as they are, all text on most lines (a missing
        field is `""`): the sink makes cells of a line only where one is not (`write_groups`'
        `line_cells`). None where `record_groups` is."""
        if self.read_fields() is None:
            return None
        head_dates = self._date_texts(self._header_keys, dates, _date_like)
        line_dates = self._date_texts(self._line_keys, dates, _date_like)
        return self._fields_groups(records, cells_of, head_dates, line_dates)

    def redater(self, dates: Any) -> Callable[[Sequence[str], list[Sequence[str]]], tuple]:
        """For a record's cells (of a fields page) where some cell holds a `/Date(`: the cells
        with every whole `/Date(...)/` under a key `iso_dates` converts as it converts it, so
        the record's text is the one the full decode gives."""
        head = [texts for _, texts in self._date_texts(self._header_keys, dates, None)]
        line = [texts for _, texts in self._date_texts(self._line_keys, dates, None)]

        def redate(head_cells: Sequence[str], lines: list[Sequence[str]]) -> tuple:
            return _redated(head_cells, head), [_redated(cells, line) for cells in lines]

        return redate

    @staticmethod
    def _date_texts(
        keys: list[str | None], dates: Any, wanted: Callable[[str], bool] | None
    ) -> list[tuple[int, Any]]:
        """(value index, the converted texts of its key's kind) of the columns `wanted` names;
        with `wanted` None one entry for every column (texts None: never a date there)."""
        found: list[tuple[int, Any]] = []
        for index, key in enumerate(keys):
            kind = dates.date_kind(key) if key is not None else -1
            texts = dates.date_texts(kind == 1) if kind >= 0 else None
            if wanted is None or (texts is not None and wanted(key)):  # type: ignore[arg-type]
                found.append((index, texts))
        return found

    def _fields_groups(
        self,
        records: Iterable[dict],
        cells_of: CellsOf,
        head_dates: list[tuple[int, Any]],
        line_dates: list[tuple[int, Any]],
    ) -> Iterator[tuple[Sequence[Any], list[Sequence[Any]]]]:
        header_reader, line_reader = self._fields_readers  # type: ignore[misc]
        header_values, line_values = header_reader.values, line_reader.values
        lines_field: str = self.lines_field  # type: ignore[assignment]
        no_line = [cells_of([None] * len(self._line.positions))]

        def dated_line(line: Any) -> Sequence[Any]:
            values = line_values(line)
            for index, texts in line_dates:
                value = values[index]
                if value.__class__ is str:
                    values[index] = texts[value]
            return values

        for record in records:
            values = header_values(record)
            for index, texts in head_dates:
                value = values[index]
                if value.__class__ is str:
                    values[index] = texts[value]
            lines = getattr(record, lines_field)
            if not lines:
                yield cells_of(values), no_line
            else:
                read = dated_line if line_dates else line_values
                yield cells_of(values), [read(line) if line else no_line[0] for line in lines]


def _redated(cells: Sequence[str], texts: list[Any]) -> list[str]:
    return [cell if of is None else of[cell] for cell, of in zip(cells, texts, strict=True)]
