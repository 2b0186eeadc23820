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
from operator import itemgetter
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
