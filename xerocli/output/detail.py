"""One record for a person (`xero invoices get INV-0042` on a terminal), as `gh issue view`
shows an issue: the header fields, one a line, then the document's lists (line items,
payments, allocations) as tables of their own. Nothing is cut: a person asked for this one."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from xerocli.output.cells import cell_text
from xerocli.output.paths import read, read_first
from xerocli.output.table import STATUS_STYLES, money_text, write_table

if TYPE_CHECKING:
    from xerocli.output.writer import RecordView


def write_detail(
    record: dict,
    view: RecordView,
    out: TextIO,
    *,
    fields: list[str] | None = None,
    color: bool = False,
) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, no_color=not color, highlight=False, force_terminal=color or None)
    paths = view.currency_paths
    currency = str(read_first(record, paths) or "") if paths else ""
    if fields:
        from xerocli.output.writer import _field_columns

        header = _field_columns(view, fields)
    else:
        header = view.detail_fields or view.columns
    title = view.record_title(record) if view.record_title else view.title
    if title:
        console.print(f"[bold]{escape(title)}[/bold]")
    values = [(column, column.value(record)) for column in header]
    if not fields:  # fields this record does not have
        values = [(column, value) for column, value in values if value not in (None, "")]
    width = max((len(column.header) for column, _ in values), default=0) + 1
    for column, value in values:
        if column.money:
            text = money_text(value)
            if currency and value is not None:
                text = f"{text} {currency}"
        else:
            text = cell_text(value)
        shown = escape(text)
        style = STATUS_STYLES.get(text) if column.style_by_status and color else None
        if style:
            shown = f"[{style}]{shown}[/{style}]"
        console.print(f"[bold]{escape(column.header + ':'):<{width}}[/bold] {shown}")
    if fields:
        return
    for section in view.sections:
        items = read(record, section.path)
        if not isinstance(items, list) or not items:
            continue
        console.print()
        rows = [item for item in items if isinstance(item, dict)]
        # Columns no line fills (no item codes on any line) only take room.
        columns = [
            c for c in section.columns if any(read(r, c.path) not in (None, "") for r in rows)
        ]
        # Amounts without a currency: the header says it once for the whole document.
        write_table(
            rows, columns, out, title=f"{section.title} ({len(rows)})", color=color, totals=False
        )
