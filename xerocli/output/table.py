"""Rich tables for people: the columns a person wants, amounts aligned with their currency,
colour by status, totals per currency (never summed across currencies)."""

from __future__ import annotations

from collections.abc import Iterable
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
    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for column in columns:
        table.add_column(
            column.header,
            justify="right" if column.money else "left",
            overflow="fold" if not column.money else "ellipsis",
            no_wrap=column.money,
        )
    totals: dict[str, dict[str, Decimal]] = {}
    count = 0
    skipped = 0
    status_columns = [column.path for column in columns if column.style_by_status]
    for record in records:
        currency = str(get_path(record, currency_path) or "") if currency_path else ""
        # A voided or deleted document is not money anyone owes: keep it out of the totals.
        counts = not any(str(get_path(record, path)) in NOT_COUNTED for path in status_columns)
        skipped += not counts
        cells = []
        for column in columns:
            value = get_path(record, column.path)
            if column.money:
                text = money_text(value)
                if currency and value is not None:
                    text = f"{text} {currency}"
                if isinstance(value, Decimal) and counts:
                    per_currency = totals.setdefault(column.header, {})
                    per_currency[currency] = per_currency.get(currency, Decimal(0)) + value
            else:
                text = cell_text(value)
            style = STATUS_STYLES.get(str(value)) if column.style_by_status and color else None
            cells.append(f"[{style}]{_escape(text)}[/{style}]" if style else _escape(text))
        table.add_row(*cells)
        count += 1
    if count == 0:
        console.print(empty_message)
        return 0
    console.print(table)
    for header, per_currency in totals.items():
        summary = ", ".join(
            f"{money_text(amount)} {currency}".strip()
            for currency, amount in sorted(per_currency.items())
        )
        note = f" (not counting {skipped} voided or deleted)" if skipped else ""
        console.print(f"[bold]{_escape(header)}[/bold] by currency: {_escape(summary)}{note}")
    return count


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
