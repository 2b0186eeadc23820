"""How a table's columns and totals are declared (`TableColumn`, `TotalsBy`).

Apart from `table.py`, which draws tables: every view declares its columns, but only a table
on a terminal needs the drawing code, so JSON, NDJSON and CSV output never import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xerocli.output.paths import read, read_first


@dataclass(frozen=True)
class TableColumn:
    path: str
    header: str
    money: bool = False
    style_by_status: bool = False
    #: Paths read when `path` has no value (see `api.resources.Column.alternatives`).
    alternatives: tuple[str, ...] = ()

    def value(self, record: Any) -> Any:
        """The column's value in `record`: its path's, else its first alternative's."""
        if not self.alternatives:
            return read(record, self.path)
        return read_first(record, (self.path, *self.alternatives))

    @property
    def is_id(self) -> bool:
        """A GUID column (`ContactID`): the first to go on a narrow terminal."""
        last = self.path.rsplit(".", 1)[-1]
        return last.endswith("ID") and not self.money


@dataclass(frozen=True)
class TotalsBy:
    """Money columns are summed per kind of document, then per currency: a sales invoice and
    a bill, or money spent and money received, are never added into one figure.

    `path` names the kind (`Type`); `labels` maps a kind, or the start of one
    (`RECEIVE` for `RECEIVE-OVERPAYMENT`), to what a person calls it (`received`).
    """

    path: str
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, kind: str) -> str:
        for start, label in self.labels.items():
            if kind.startswith(start):
                return f"{label} ({kind})"
        return kind or "other"
