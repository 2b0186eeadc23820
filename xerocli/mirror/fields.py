"""A sync's pages decoded to only the fields the mirror's tables store (issue 17).

`wire.loads` makes every value of a page (a Decimal of each number, an ISO text of each of its
~3,800 dates) and is a third of a sync's own CPU a page; the mirror stores a fraction of them.
As the export does (`wire.FieldsDecoder`), a sync's page is decoded into msgspec Structs of the
fields its tables' columns read (`table_fields`, from `schema.py`), numbers with a fraction as
their text, dates as Xero sent them (`/Date(...)/`); the row makers compiled for such records
(`rows.compile_fields_maker`) make the stored value from that text: money as integer
ten-thousandths by string arithmetic where exact (SQLite), dates once per distinct text.

A record answers `.get(field)` as the full decode's dict does (`MirrorRecord`: a date as ISO
text), so the high-water marks and the de-duplication by ID read it unchanged. A value the
fields' makers cannot make exactly what the full decode's would (an object or list where a
value is stored, a string in a boolean or integer column) raises `rows.Unserved`, and that page
is made from the full decode (`CollectionLoad`): the rows are the same either way
(tests/mirror/test_rows.py compares the two on generated pages).
"""

from __future__ import annotations

from typing import Any

from xerocli.api import wire
from xerocli.mirror.schema import Table


def table_fields(table: Table, extra: tuple[str, ...] = ()) -> wire.Fields | None:
    """What the rows of `table` and its children read of a record (`wire.Fields`), plus the
    `extra` top-level fields; None where a path is not plain keys or a name is both a value
    and an object (the fields path cannot serve that collection)."""
    fields: wire.Fields = {}
    for name in extra:
        fields.setdefault(name, None)
    for column in table.columns:
        if column.path and not _add(fields, column.path.split(".")):
            return None
    for child in table.children:
        inner = table_fields(child)
        if inner is None or not child.list_field.isidentifier():
            return None
        if child.list_field in fields:
            return None
        fields[child.list_field] = [inner]
    return fields


def _add(fields: wire.Fields, parts: list[str]) -> bool:
    if not all(part.isidentifier() and part != "get" for part in parts):
        return False
    here = fields
    for part in parts[:-1]:
        inner = here.setdefault(part, {})
        if not isinstance(inner, dict):
            return False
        here = inner
    if isinstance(here.get(parts[-1]), (dict, list)):
        return False
    here[parts[-1]] = None
    return True


_BASE: list[Any] = []


def record_base() -> Any:
    """The Struct class a mirror record derives from (made once msgspec is imported)."""
    if not _BASE:
        import msgspec

        date_text, date_kind = wire.date_text, wire.date_kind

        class MirrorRecord(msgspec.Struct, gc=False):
            """A record's fields that `.get` a value as the full decode's dict does (the marks
            read `UpdatedDateUTC` and the ID of each record twice a page)."""

            def get(self, key: str, default: Any = None) -> Any:
                value = getattr(self, key, default)
                if value.__class__ is str and value[:6] == "/Date(":
                    kind = date_kind(key)
                    if kind >= 0:
                        return date_text(value, kind == 1)
                return value

        _BASE.append(MirrorRecord)
    return _BASE[0]


def page_decoder(table: Table) -> wire.FieldsDecoder | None:
    """The fields decoder of a collection's pages, or None where its fields cannot serve."""
    resource = table.resource
    assert resource is not None
    extra = tuple(
        name for name in (resource.id_field, "UpdatedDateUTC", resource.offset_field) if name
    )
    fields = table_fields(table, extra)
    if fields is None:
        return None
    return wire.FieldsDecoder(resource.records_key, fields, missing=None, record_base=record_base)
