"""Rich tables for people: the columns a person wants, amounts aligned with their currency,
colour by status, totals per currency (never summed across currencies)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from xerocli.output.fields import cell_text, get_path

NOT_COUNTED = frozenset({"VOIDED", "DELETED"})
STATUS_STYLES = {
    "PAID": "green",
    "AUTHORISED": "cyan",
    "ACTIVE": "green",
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
    sums: dict[str, dict[str, Decimal]] = {}
    rows: list[list[str]] = []
    bold_rows: list[bool] = []
    skipped = 0
    status_columns = [column.path for column in columns if column.style_by_status]
    for record in records:
        currency = str(get_path(record, currency_path) or "") if currency_path else ""
        # A voided or deleted document is not money anyone owes: keep it out of the totals.
        counts = not any(str(get_path(record, path)) in NOT_COUNTED for path in status_columns)
        skipped += not counts
        cells: list[str] = []
        for column in columns:
            value = get_path(record, column.path)
            if column.money:
                text = money_text(value)
                if currency and value is not None:
                    text = f"{text} {currency}"
                if isinstance(value, Decimal) and counts and totals:
                    per_currency = sums.setdefault(column.header, {})
                    per_currency[currency] = per_currency.get(currency, Decimal(0)) + value
            else:
                text = cell_text(value)
            cells.append(text)
        rows.append(cells)
        bold_rows.append(emphasis is not None and emphasis(record))
    if not rows:
        console.print(empty_message)
        return 0
    widths = fit_widths(columns, rows, console.width)
    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify="right" if column.money else "left",
            overflow="ellipsis",
            no_wrap=True,
            max_width=width,
        )
    for cells, bold in zip(rows, bold_rows, strict=True):
        table.add_row(
            *(_markup(text, column, color) for text, column in zip(cells, columns, strict=True)),
            style="bold" if bold and color else None,
        )
    console.print(table)
    for header, per_currency in sums.items():
        summary = ", ".join(
            f"{money_text(amount)} {currency}".strip()
            for currency, amount in sorted(per_currency.items())
        )
        note = f" (not counting {skipped} voided or deleted)" if skipped else ""
        console.print(f"[bold]{_escape(header)}[/bold] by currency: {_escape(summary)}{note}")
    return len(rows)


#: Text columns wider than this (names, descriptions, references) give way first, down to
#: FLEX_FLOOR cells; dates, statuses, codes, IDs and amounts keep their width.
FLEX_OVER = 12
FLEX_FLOOR = 10
#: When even that does not fit, columns give down to this many cells: amounts last.
LAST_FLOOR = 4
#: Cells between two columns (rich's default padding of one cell each side).
COLUMN_GAP = 2


def fit_widths(columns: list[TableColumn], rows: list[list[str]], width: int) -> list[int]:
    """Column widths that fit `width` with one line per row.

    The widest column gives a cell at a time, cut with an ellipsis: first the long text
    columns (contact names, descriptions), so dates, statuses, IDs and amounts stay whole; if
    that is not enough, every column but the amounts; amounts only when nothing else can give.
    Rich's own fitting shrinks all columns alike and wraps a date or a name over several
    lines, which is hard to read and harder to grep."""
    from rich.cells import cell_len

    natural = [
        max([cell_len(column.header), *(cell_len(row[index]) for row in rows)])
        for index, column in enumerate(columns)
    ]
    widths = list(natural)
    budget = width - COLUMN_GAP * (len(columns) - 1)
    last = [min(n, LAST_FLOOR) for n in natural]
    passes = (
        [
            min(n, FLEX_FLOOR) if n > FLEX_OVER and not c.money and not c.path.endswith("ID") else n
            for c, n in zip(columns, natural, strict=True)
        ],
        [n if c.money else floor for c, n, floor in zip(columns, natural, last, strict=True)],
        last,
    )
    for floors in passes:
        while sum(widths) > budget:
            shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def _markup(text: str, column: TableColumn, color: bool) -> str:
    style = STATUS_STYLES.get(text) if column.style_by_status and color else None
    return f"[{style}]{_escape(text)}[/{style}]" if style else _escape(text)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
