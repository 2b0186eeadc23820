"""Rich tables for people: the columns a person wants, amounts aligned with their currency,
colour by status, totals per kind of document and currency (never summed across either)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TextIO

from xerocli.output.cells import cell_text
from xerocli.output.columns import TableColumn, TotalsBy
from xerocli.output.paths import read, read_first

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
    currency_paths: tuple[str, ...] = (),
    color: bool = True,
    empty_message: str = "No records found.",
    totals: bool = True,
    totals_by: TotalsBy | None = None,
    emphasis: Callable[[dict], bool] | None = None,
    status_path: str | None = None,
) -> int:
    # sums[(column header, kind)][currency]
    sums: dict[tuple[str, str], dict[str, Decimal]] = {}
    skipped: dict[str, int] = {}
    rows: list[list[str]] = []
    bold_rows: list[bool] = []
    # Whether a record is voided: its own status, shown or not (`--fields Total`).
    status_columns = (
        [status_path] if status_path else [c.path for c in columns if c.style_by_status]
    )
    for record in records:
        currency = str(read_first(record, currency_paths) or "") if currency_paths else ""
        kind = totals_by.label(str(read(record, totals_by.path) or "")) if totals_by else ""
        # A voided or deleted document is not money anyone owes: keep it out of the totals.
        counts = not any(str(read(record, path)) in NOT_COUNTED for path in status_columns)
        if not counts:
            skipped[kind] = skipped.get(kind, 0) + 1
        cells: list[str] = []
        for column in columns:
            value = column.value(record)
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
        out.write(f"{empty_message}\n")
        return 0
    width = terminal_width()
    shown, widths = fit_columns(columns, rows, width)
    paint = _Painter(color)
    lines: list[str] = []
    if title:
        lines.append(paint.bold(_fit(title, width)))
    lines.append(paint.bold(_line([columns[i].header for i in shown], shown, columns, widths)))
    for cells, bold in zip(rows, bold_rows, strict=True):
        texts = [_fit(cells[i], widths[i]) for i in shown]
        if color:
            texts = [paint.status(t, columns[i]) for t, i in zip(texts, shown, strict=True)]
        line = _line(texts, shown, columns, widths, fitted=True)
        lines.append(paint.bold(line) if bold else line)
    for (header, kind), per_currency in sums.items():
        summary = ", ".join(
            f"{money_text(amount)} {currency}".strip()
            for currency, amount in sorted(per_currency.items())
        )
        note = f" (not counting {skipped[kind]} voided or deleted)" if skipped.get(kind) else ""
        label = f"{header} {kind}" if kind else f"{header} by currency"
        wrapped = textwrap.wrap(
            f"{label}: {summary}{note}", width, subsequent_indent="  ", break_on_hyphens=False
        )
        if wrapped[0].startswith(f"{label}:"):
            wrapped[0] = paint.bold(label) + wrapped[0][len(label) :]
        lines.extend(wrapped)
    out.write("\n".join(lines) + "\n")
    out.flush()
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

    natural = [  # measured as shown: a newline (0 cells) becomes a space (1 cell) in `_fit`
        max([cell_len(_clean(column.header)), *(cell_len(_clean(row[index])) for row in rows)])
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


def terminal_width() -> int:
    """COLUMNS, else the terminal's width, else 80 (piped)."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


_CONTROL = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\x1b": " "})


def _clean(text: str) -> str:
    """One line of plain text: a newline in a name must not break a row, nor an escape
    sequence in a value drive the terminal."""
    return text.translate(_CONTROL)


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis, or padded to it."""
    from rich.cells import cell_len, set_cell_size

    text = _clean(text)
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    return text


def _line(
    texts: list[str],
    shown: list[int],
    columns: list[TableColumn],
    widths: list[int],
    *,
    fitted: bool = False,
) -> str:
    from rich.cells import cell_len

    cells = []
    for text, index in zip(texts, shown, strict=True):
        if not fitted:
            text = _fit(text, widths[index])
        pad = " " * max(widths[index] - cell_len(_Painter.plain(text)), 0)
        cells.append(pad + text if columns[index].money else text + pad)
    return (" " * COLUMN_GAP).join(cells).rstrip()


class _Painter:
    """ANSI styles, or nothing when colour is off (NO_COLOR, --no-color, piped)."""

    CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
    _SGR = re.compile(r"\x1b\[[0-9;]*m")

    def __init__(self, color: bool) -> None:
        self.color = color

    def paint(self, text: str, style: str) -> str:
        return f"\x1b[{self.CODES[style]}m{text}\x1b[0m" if self.color and text else text

    def bold(self, text: str) -> str:
        return self.paint(text, "bold")

    def status(self, text: str, column: TableColumn) -> str:
        style = STATUS_STYLES.get(text.strip()) if column.style_by_status else None
        return self.paint(text, style) if style else text

    @classmethod
    def plain(cls, text: str) -> str:
        return cls._SGR.sub("", text)
