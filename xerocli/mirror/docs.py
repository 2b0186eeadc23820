"""`docs/mirror.md`: every table and column of the mirror, generated from `schema.py` by
`python -m xerocli.cli.generate` (a test fails when it is stale), so the page cannot drift
from what `xero sync` creates."""

from __future__ import annotations

from xerocli.mirror import schema
from xerocli.mirror.schema import Column, Table

_KIND_TEXT = {
    schema.TEXT: "text",
    schema.DATE: "date",
    schema.TIMESTAMP: "timestamp (UTC)",
    schema.BOOL: "boolean",
    schema.INTEGER: "integer",
}

INTRO = """# The mirror's tables

Generated from `xerocli/mirror/schema.py` by `python -m xerocli.cli.generate`: do not edit.
Schema version {version}. What `xero sync` creates in every database (see the README's
"A local mirror"). Column names are Xero's field names in snake case (`Contact.ContactID` ->
`contact_id`). Types:

- **decimal(N)**: exact, N places: `DECIMAL(19,N)` in PostgreSQL and DuckDB; in SQLite an
  INTEGER count of 10^-N stored as `<column>_e<N>` (`total_e4`), summed exactly, beside a
  virtual REAL column of the plain name (`total`) for reading.
- **date**: a calendar date (`YYYY-MM-DD` text in SQLite); **timestamp (UTC)**: `TIMESTAMPTZ`
  in PostgreSQL, `TIMESTAMP` (UTC) in DuckDB, ISO 8601 text ending in `Z` in SQLite;
  **boolean**: 0/1 in SQLite.

Every collection table ends with `synced_at` (when the sync that last wrote the row ran) and
`missing_since` (set when a whole fetch no longer returned the record). A child table's key is
its parent's key and `position` (the element's place in the list, from 0), with a foreign key
to the parent (declared in SQLite and PostgreSQL; DuckDB checks a key as each update happens,
which replacing an invoice's lines in one transaction would trip, so there the key is kept by
`xero sync` alone).
"""


def _kind(column: Column) -> str:
    if column.kind == schema.DECIMAL:
        return f"decimal({column.places})"
    return _KIND_TEXT[column.kind]


def _table(table: Table, depth: int) -> list[str]:
    title = "#" * min(2 + depth, 4)
    lines = [f"{title} `{table.name}`", ""]
    if table.resource is not None:
        lines.append(f"Xero's {table.resource.name}, one row per record.")
    else:
        lines.append(f"One row per element of `{table.list_field}` of a `{table.parent}` row.")
    lines.append(f"Key: ({', '.join(table.key)}).")
    if table.parent is not None:
        lines.append(
            f"Foreign key: ({', '.join(table.parent_key)}) -> `{table.parent}`"
            f" ({', '.join(table.parent_ref)})."
        )
    if table.since > 1:
        lines.append(f"Since schema version {table.since}.")
    lines += ["", "| column | type | from |", "|---|---|---|"]
    for column in table.columns:
        source = f"`{column.path}`" if column.path else ""
        since = f" (since version {column.since})" if column.since > table.since else ""
        if column.retyped > column.since:
            since += f" (text before version {column.retyped})"
        lines.append(f"| `{column.name}` | {_kind(column)}{since} | {source} |")
    lines.append("")
    for child in table.children:
        lines += _table(child, depth + 1)
    return lines


def render() -> str:
    lines = [INTRO.format(version=schema.VERSION)]
    for table in schema.tables():
        lines += _table(table, 0)
    lines += ["## The mirror's own tables", ""]
    for table in schema.BOOKKEEPING:
        columns = ", ".join(f"`{c.name}` ({_kind(c)})" for c in table.columns)
        lines += [f"- `{table.name}`: {columns}; key ({', '.join(table.key)})."]
    return "\n".join(lines).rstrip() + "\n"
