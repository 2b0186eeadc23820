"""Records of one collection as rows of its table and of every child table below it.

A sync of 100,000 invoices makes about 400,000 rows and 8 million cells, and at Xero's limits
the client's work on the last minute's pages is the sync's tail past the rate-limit floor
(benchmarks/README.md), so the rows are made by one function per collection, written out as
Python source from the schema and compiled once (`compile_maker`): nested loops over the lists
(line items, their tracking, payments), each row one tuple expression of local values, and no
dispatch per value. A cell's conversion is written in place where its converter says how
(`Converter.inline`: the common case, e.g. a text that is already a `str`, a Decimal made an
integer of ten-thousandths, with the converter called for anything else), and a converter of
text whose values repeat (dates, timestamps) is asked once per distinct value (`memo`).

The rows are what the former maker made (a function per table called with a dict of the
mirror's own values): the key columns of a child are its parent's (`tenant_id`, the record's
ID, a nested list's `<parent>_position`) and its `position` in the list, counted over every
element, also those that are not objects and make no row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend
from xerocli.mirror.schema import Column, Table
from xerocli.output.paths import compile_path, read_steps

#: (records, tenant ID, synced_at, the row lists of each table in `Table.walk()` order).
Maker = Callable[[Sequence[dict], str, Any, Sequence[list]], None]

#: Distinct values a memo keeps before it starts again (memory flat however many records).
MEMO_MAX = 8192


def remembering(convert: Callable[[Any], Any], memo: dict[str, Any]) -> Callable[[str], Any]:
    """`convert` of a text not in `memo` yet, kept there (a memo past MEMO_MAX starts again)."""

    def miss(value: str) -> Any:
        converted = convert(value)
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo[value] = converted
        return converted

    return miss


class Unserved(Exception):
    """A fields record's value that the fields' maker cannot make the full decode's row of
    (mirror/fields.py): the page is made from the full decode instead."""


def exact_money(
    convert: Callable[[Any], Any], places: int | None
) -> tuple[dict[str, Any], Callable[[str], Any]]:
    """A money cell from a number's text (`"12.3400"`), as `convert(Decimal(text))` makes it:
    where `places` is given (SQLite's integer of 10^-places), a text of at most that many
    decimals by string arithmetic (~480 ns against ~800 for the Decimal's), anything else by
    `convert`. Returns the memo of texts made before (the maker looks there first, a dict
    look-up) and the function that makes and keeps a new one."""
    memo: dict[str, Any] = {}
    #: 10^(places - decimals): the integer of the text's digits times this is the cell.
    scale = tuple(10 ** (places - n) for n in range(places + 1)) if places else ()

    def money(text: str) -> Any:
        whole, _, fraction = text.partition(".")
        decimals = len(fraction)
        if (
            0 < decimals < len(scale)
            and fraction.isdigit()
            and text.isascii()
            and (whole.isdigit() or (whole[:1] == "-" and whole[1:].isdigit()))
        ):
            value = int(whole + fraction) * scale[decimals]
        else:
            value = convert(text)
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo[text] = value
        return value

    return memo, money


class _Source:
    """The lines of the maker's source and the names it refers to."""

    def __init__(self, fields: bool = False) -> None:
        self.lines: list[str] = []
        #: What the converters' inline expressions may name.
        self.namespace: dict[str, Any] = {
            "read_steps": read_steps,
            "Decimal": Decimal,
            "Unserved": Unserved,
        }
        self.count = 0
        #: Records are fields Structs (`compile_fields_maker`): attributes, not `.get`.
        self.fields = fields

    def name(self, prefix: str, value: Any) -> str:
        self.count += 1
        name = f"{prefix}{self.count}"
        self.namespace[name] = value
        return name

    def add(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def _read(src: _Source, depth: int, element: str, path: str) -> None:
    """Lines that read `path` of `element` (whose `.get` is `get<N>`, N its depth) into `v`."""
    steps = compile_path(path)
    if src.fields:  # plain keys (fields.table_fields); a missing object is an empty Struct
        src.add(depth, "v = " + ".".join([element, *(key for _, key in steps)]))
        return
    if any(kind != "key" for kind, _ in steps):
        src.add(depth, f"v = read_steps({element}, {src.name('steps', steps)})")
        return
    src.add(depth, f"v = get{depth}({steps[0][1]!r})")
    for _, key in steps[1:]:  # read_steps: a step into anything but an object is no value
        src.add(depth, f"v = v.get({key!r}) if isinstance(v, dict) else None")


def _cell(src: _Source, depth: int, element: str, column: Column, backend: Backend) -> str:
    """Lines that put the converted value of `column` into a local; that local's name."""
    _read(src, depth, element, column.path)
    convert = backend.converter(column)
    name = src.name("convert", convert)
    cell = f"c{src.count}"
    if src.fields:  # a string, then None (most cells: one test each), then the rest
        _fields_text_cell(src, depth, column, convert, cell)
        if convert(None) is None:  # every converter's (a converter of None is not called)
            src.add(depth, "elif v is None:")
            src.add(depth + 1, f"{cell} = None")
        src.add(depth, "elif v.__class__ is dict or v.__class__ is list:")
        src.add(depth + 1, "raise Unserved")
        src.add(depth, "else:")
        depth += 1
    inline = getattr(convert, "inline", None)
    if getattr(convert, "memo", False) and not src.fields:
        memo: dict[str, Any] = {}
        found = src.name("memo", memo.get)
        miss = src.name("miss", remembering(convert, memo))
        src.add(depth, "if v.__class__ is str:")
        src.add(depth + 1, f"{cell} = {found}(v)")
        src.add(depth + 1, f"if {cell} is None:")
        src.add(depth + 2, f"{cell} = {miss}(v)")
        src.add(depth, "else:")
        src.add(depth + 1, f"{cell} = {name}(v)")
    elif inline:
        src.add(depth, f"{cell} = {inline.format(convert=name)}")
    else:
        src.add(depth, f"{cell} = {name}(v)")
    return cell


def _fields_text_cell(
    src: _Source, depth: int, column: Column, convert: Callable[[Any], Any], cell: str
) -> None:
    """The `if` branch of a fields record's string value: a number's text or a JSON string,
    dates as Xero sent them. What the full decode gives there: a Decimal of a number (a money
    cell from its text, `exact_money`), an ISO text of a whole `/Date(...)/` under a key of
    that kind (`wire.date_text`, once per distinct text), else the string; a string in a
    boolean or integer column may be either (`"5.5"`), and so may one in a date column that is
    not a `/Date(...)/` (`0.0`, a falsy Decimal, is no date): that page is not served."""
    from xerocli.api import wire

    src.add(depth, "if v.__class__ is str:")
    kind = column.kind
    if kind in (schema.BOOL, schema.INTEGER):
        src.add(depth + 1, "raise Unserved")
        return
    if kind == schema.DECIMAL:
        memo, money = exact_money(convert, getattr(convert, "places", None))
        src.add(depth + 1, f"{cell} = {src.name('memo', memo.get)}(v)")
        src.add(depth + 1, f"if {cell} is None:")
        src.add(depth + 2, f"{cell} = {src.name('money', money)}(v)")
        return
    key_kind = wire.date_kind(column.path.rsplit(".", 1)[-1])
    texts: Any = wire.FieldsDecoder.date_texts(key_kind == 1) if key_kind >= 0 else {}
    if kind in (schema.DATE, schema.TIMESTAMP):
        memo: dict[str, Any] = {}
        found = src.name("memo", memo.get)

        def from_raw(raw: str) -> Any:
            if not raw.startswith("/Date("):  # a number's text (`0.0`: a falsy Decimal) or not
                raise Unserved
            return convert(texts.get(raw, raw) if key_kind < 0 else texts[raw])

        miss = src.name("miss", remembering(from_raw, memo))
        src.add(depth + 1, f"{cell} = {found}(v)")
        src.add(depth + 1, f"if {cell} is None:")
        src.add(depth + 2, f"{cell} = {miss}(v)")
        return
    dated = src.name("dated", (lambda raw: raw) if key_kind < 0 else texts.__getitem__)
    name = src.name("convert", convert)
    src.add(depth + 1, f'{cell} = v if "/Date(" not in v else {name}({dated}(v))')


def _rows(
    src: _Source,
    table: Table,
    depth: int,
    element: str,
    own: dict[str, str],
    lists: dict[str, str],
    backend: Backend,
) -> None:
    """The lines that append the row of `table` for `element` (a record or list element, its
    `.get` in `get<depth>`; the mirror's own columns from `own`), then the rows of its lists."""
    cells = [
        own.get(column.name, "None")
        if not column.path
        else _cell(src, depth, element, column, backend)
        for column in table.columns
    ]
    row = f"r{depth}"
    src.add(depth, f"{row} = ({', '.join(cells)},)")
    src.add(depth, f"{lists[table.name]}({row})")
    if table.parent is None and table.children:  # the record's ID as its row holds it
        src.add(depth, f"key = {row}[1]")
        own = {**own, table.key[1]: "key"}
    for child in table.children:
        inner = depth + 2
        items, position, item = f"items{inner}", f"p{inner}", f"e{inner}"
        if src.fields:  # a list of Structs or None (fields.table_fields)
            src.add(depth, f"{items} = {element}.{child.list_field}")
        else:
            src.add(depth, f"{items} = get{depth}({child.list_field!r})")
        src.add(depth, f"if {items}:")
        src.add(depth + 1, f"for {position}, {item} in enumerate({items}):")
        if src.fields:
            src.add(inner, f"if {item} is None:")
            src.add(inner + 1, "continue")
        else:
            src.add(inner, f"if not isinstance({item}, dict):")
            src.add(inner + 1, "continue")
            src.add(inner, f"get{inner} = {item}.get")
        child_own = {**own, "position": position}
        if table.parent is not None:  # a list inside a list element: its position too
            child_own[f"{table.singular}_position"] = own["position"]
        _rows(src, child, inner, item, child_own, lists, backend)


def compile_maker(table: Table, backend: Backend) -> Maker:
    """The function that appends the rows of `table` and its children for each record."""
    return _compile(table, backend, _Source())


def compile_fields_maker(table: Table, backend: Backend) -> Maker:
    """`compile_maker` for records decoded by `fields.page_decoder` (msgspec Structs, numbers'
    text, dates as sent): the same rows, or `Unserved` for a page it cannot make them of."""
    return _compile(table, backend, _Source(fields=True))


def _compile(table: Table, backend: Backend, src: _Source) -> Maker:
    tables = table.walk()
    lists = {each.name: f"append_{index}" for index, each in enumerate(tables)}
    src.add(0, "def make(records, tenant, synced_at, out):")
    for index, each in enumerate(tables):
        src.add(1, f"{lists[each.name]} = out[{index}].append")
    src.add(1, "for record in records:")
    if not src.fields:
        src.add(2, "get2 = record.get")
    own = {"tenant_id": "tenant", schema.SYNCED_AT: "synced_at"}
    _rows(src, table, 2, "record", own, lists, backend)
    source = "\n".join(src.lines) + "\n"
    label = "fields rows" if src.fields else "rows"
    exec(compile(source, f"<mirror {label} of {table.name}>", "exec"), src.namespace)
    return src.namespace["make"]
