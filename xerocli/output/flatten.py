"""Nested Xero records flattened into fixed columns (`Contact.Name`, `LineItem.*`).

A column is a field path (`xerocli/output/paths.py`, the one path language of `--fields`):
`Addresses[POBOX].City`, `Tracking[0].Option`. `LineItem.X` reads X of the line item a
`--lines` row is about. Paths are compiled once, so 100,000 invoices do not re-parse 40 strings
each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from xerocli.output.paths import compile_path, read_steps

LINE_PREFIX = "LineItem."

Getter = Callable[[dict, dict | None], Any]


def _getter(column: str, extra: dict[str, Any] | None, line_prefix: str = LINE_PREFIX) -> Getter:
    if extra is not None and column in extra:
        constant = extra[column]
        return lambda record, line: constant
    if line_prefix and column.startswith(line_prefix):
        steps = compile_path(column[len(line_prefix) :])
        if len(steps) == 1 and steps[0][0] == "key":
            key = steps[0][1]
            return lambda record, line: line.get(key) if line else None
        return lambda record, line: read_steps(line, steps) if line else None
    steps = compile_path(column)
    if len(steps) == 1 and steps[0][0] == "key":
        key = steps[0][1]
        return lambda record, line: record.get(key)
    return lambda record, line: read_steps(record, steps)


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
        self._getters = [
            _getter(column, self._constants, self.line_prefix) for column in self.columns
        ]

    def set_constants(self, values: dict[str, Any]) -> None:
        """Per-tenant constant columns (`TenantId`, `TenantName`)."""
        self._constants = dict(values)
        self._compile()

    def rows(self, records: Iterable[dict]) -> Iterator[list[Any]]:
        getters = self._getters
        lines_field = self.lines_field
        for record in records:
            if lines_field:
                lines = record.get(lines_field) or [None]
                for line in lines:
                    yield [get(record, line) for get in getters]
            else:
                yield [get(record, None) for get in getters]
