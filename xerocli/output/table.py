"""Rich tables for people: the columns a person wants, amounts aligned with their currency,
colour by status, totals per kind of document and currency (never summed across either)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from xerocli.output.cells import cell_text
from xerocli.output.paths import read

NOT_COUNTED = frozenset({"VOIDED", "DELETED"})
STATUS_STYLES = {
    "PAID": "green",
    "AUTHORISED": "cyan",
    "ACTIVE": "green",
    "POSTED": "green",
    "SUBMITTED": "yellow",
    "DRAFT": "dim",
    "BILLED": "green",
    "VOIDED": "red",
    "DELETED": "red",
    "ARCHIVED": "dim",
}


@dataclass(frozen=True)
class TableColumn:
    path: str
    header: str
    money: bool = False
    style_by_status: bool = False

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


def money_text(amount: object) -> str:
    if isinstance(amount, Decimal):
        return f"{amount:,.2f}" if amount == amount.quantize(Decimal("0.01")) else f"{amount:,f}"
    return cell_text(amount)


def write_table(
    records: Iterable[dict],
    columns: list[TableColumn],
    out: TextIO,
    *,
    title: str | None = None,
    currency_path: str | None = None,
    color: bool = True,
    empty_message: str = "No records found.",
    totals: bool = True,
    totals_by: TotalsBy | None = None,
    emphasis: Callable[[dict], bool] | None = None,
) -> int:
    from rich.console import Console
    from rich.table import Table

    console = Console(
        file=out,
        no_color=not color,
        highlight=False,
        force_terminal=color or None,
        soft_wrap=False,
    )
    # sums[(column header, kind)][currency]
    sums: dict[tuple[str, str], dict[str, Decimal]] = {}
    skipped: dict[str, int] = {}
    rows: list[list[str]] = []
    bold_rows: list[bool] = []
    status_columns = [column.path for column in columns if column.style_by_status]
    for record in records:
        currency = str(read(record, currency_path) or "") if currency_path else ""
        kind = totals_by.label(str(read(record, totals_by.path) or "")) if totals_by else ""
        # A voided or deleted document is not money anyone owes: keep it out of the totals.
        counts = not any(str(read(record, path)) in NOT_COUNTED for path in status_columns)
        if not counts:
            skipped[kind] = skipped.get(kind, 0) + 1
        cells: list[str] = []
        for column in columns:
            value = read(record, column.path)
            if column.money:
                text = money_text(value)
                if currency and value is not None:
                    text = f"{text} {currency}"
                if isinstance(value, Decimal) and counts and totals:
                    per_currency = sums.setdefault((column.header, kind), {})
                    per_currency[currency] = per_currency.get(currency, Decimal(0)) + value
            else:
                text = cell_text(value)
            cells.append(text)
        rows.append(cells)
        bold_rows.append(emphasis is not None and emphasis(record))
    if not rows:
        console.print(empty_message)
        return 0
    shown, widths = fit_columns(columns, rows, console.width)
    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for index in shown:
        column = columns[index]
        table.add_column(
            column.header,
            justify="right" if column.money else "left",
            overflow="ellipsis",
            no_wrap=True,
            max_width=widths[index],
        )
    for cells, bold in zip(rows, bold_rows, strict=True):
        table.add_row(
            *(_markup(cells[index], columns[index], color) for index in shown),
            style="bold" if bold and color else None,
        )
    console.print(table)
    for (header, kind), per_currency in sums.items():
        summary = ", ".join(
            f"{money_text(amount)} {currency}".strip()
            for currency, amount in sorted(per_currency.items())
        )
        note = f" (not counting {skipped[kind]} voided or deleted)" if skipped.get(kind) else ""
        label = f"{header} {kind}" if kind else f"{header} by currency"
        console.print(f"[bold]{_escape(label)}[/bold]: {_escape(summary)}{note}")
    return len(rows)


#: Long text columns (names, descriptions, references) give way down to this many cells; then
#: one fixed column goes, then they give way down to NARROW_FLEX_FLOOR.
FLEX_FLOOR = 10
NARROW_FLEX_FLOOR = 7
#: On a terminal too narrow even for that, every column but the amounts gives down to this.
LAST_FLOOR = 4
#: Cells between two columns (rich's default padding of one cell each side).
COLUMN_GAP = 2
#: Text that is a number, a date or time, a code, a status or a type: never cut.
_WHOLE = re.compile(r"^(|true|false|[-+\d.,:TZ ]+|[A-Z0-9][A-Z0-9_\-./]*)$")


def fit_columns(
    columns: list[TableColumn], rows: list[list[str]], width: int
) -> tuple[list[int], list[int]]:
    """Which columns to show, and how wide, so that every row is one line of `width`.

    Numbers, dates, statuses, codes and amounts are never cut. When the columns do not fit:
    first the GUID columns go (`--fields` or `-o json` bring them back), then long names and
    descriptions are cut with an ellipsis to FLEX_FLOOR cells, then the rightmost fixed column
    goes (never the first, an amount or a status), then names are cut to NARROW_FLEX_FLOOR,
    then the other fixed columns go, from the right. Only on a terminal narrower than even
    that does anything but an amount get cut. Rich's own fitting shrinks all columns alike,
    or wraps a date over two lines: hard to read, harder to grep."""
    from rich.cells import cell_len

    natural = [
        max([cell_len(column.header), *(cell_len(row[index]) for row in rows)])
        for index, column in enumerate(columns)
    ]
    flexible = [
        not column.money
        and not column.style_by_status
        and not column.is_id
        and not all(_WHOLE.match(row[index]) for row in rows)
        for index, column in enumerate(columns)
    ]
    widths = list(natural)
    shown = list(range(len(columns)))

    def too_wide() -> bool:
        return sum(widths[i] for i in shown) + COLUMN_GAP * (len(shown) - 1) > width

    for index in reversed(range(len(columns))):
        if too_wide() and columns[index].is_id and len(shown) > 1:
            shown.remove(index)
    droppable = [
        i
        for i in shown[1:]
        if not flexible[i] and not columns[i].money and not columns[i].style_by_status
    ]
    for floor in (FLEX_FLOOR, NARROW_FLEX_FLOOR, None):
        if floor is None:
            for index in reversed(droppable):  # every other fixed column, from the right
                if too_wide():
                    shown.remove(index)
            break
        floors = [min(n, floor) if f else n for n, f in zip(natural, flexible, strict=True)]
        _shrink(widths, shown, too_wide, floors)
        if too_wide() and droppable and floor == FLEX_FLOOR:
            shown.remove(droppable.pop())  # the rightmost fixed column, before names go short
    money_last = [
        n if c.money else min(n, LAST_FLOOR) for c, n in zip(columns, natural, strict=True)
    ]
    _shrink(widths, shown, too_wide, money_last)
    _shrink(widths, shown, too_wide, [min(n, LAST_FLOOR) for n in natural])
    return shown, widths


def _shrink(
    widths: list[int], shown: list[int], too_wide: Callable[[], bool], floors: list[int]
) -> None:
    """Take a cell at a time from the widest shown column above its floor, until it fits."""
    while too_wide():
        shrinkable = [i for i in shown if widths[i] > floors[i]]
        if not shrinkable:
            return
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1


def _markup(text: str, column: TableColumn, color: bool) -> str:
    style = STATUS_STYLES.get(text) if column.style_by_status and color else None
    return f"[{style}]{_escape(text)}[/{style}]" if style else _escape(text)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
