"""What `xero sync status` shows: per organisation and collection, the rows mirrored, the
last run, the mark, and the calls the next run is expected to cost.

Read from the mirror alone (no call to Xero): `_sync_state` for runs and marks, a count per
table for rows. The next run's cost is an estimate: an incremental collection costs one call
when nothing changed and one per 1,000 changed records; a collection Xero gives no
modification time for is fetched whole again (one call a page of 1,000, or one for an unpaged
collection).
"""

from __future__ import annotations

from xerocli.api.paging import PAGE_SIZE
from xerocli.mirror import schema
from xerocli.mirror.backends.base import Backend, quoted
from xerocli.mirror.load import incremental_by_mark
from xerocli.mirror.query import plain


def status_rows(backend: Backend) -> list[dict]:
    _, states = backend.query(
        'SELECT "tenant_id", "tenant_name", "collection", "last_run_at", "last_full_at",'
        ' "mark_since", "mark_offset", "last_run_records", "last_run_calls" FROM "_sync_state"'
        ' ORDER BY "tenant_name", "collection"'
    )
    by_table = {table.name: table for table in schema.tables()}
    order = {table.name: i for i, table in enumerate(schema.tables())}
    out = []
    p = backend.placeholder
    for tenant_id, name, collection, last_run, last_full, since, offset, records, calls in states:
        mark = since if since else (f"offset {offset}" if offset is not None else None)
        table = by_table.get(collection)
        rows = missing = None
        if table is not None:
            rows = backend.scalar(
                f"SELECT count(*) FROM {quoted(collection)} WHERE tenant_id = {p}", (tenant_id,)
            )
            missing = backend.scalar(
                f"SELECT count(*) FROM {quoted(collection)} WHERE tenant_id = {p}"
                f" AND {quoted(schema.MISSING_SINCE)} IS NOT NULL",
                (tenant_id,),
            )
        resource = table.resource if table is not None else None
        incremental = bool(resource and incremental_by_mark(resource))
        if incremental or not (resource and resource.paged):
            next_calls = 1
        else:
            next_calls = max(1, -(-int(rows or 0) // PAGE_SIZE))
        out.append(
            {
                "TenantId": tenant_id,
                "TenantName": name,
                "Collection": collection,
                "Rows": int(rows) if rows is not None else None,
                "Missing": int(missing) if missing is not None else None,
                "LastRun": plain(last_run),
                "LastFull": plain(last_full),
                "Mark": mark,
                "LastRunRecords": records,
                "LastRunCalls": calls,
                "NextRunCalls": next_calls,
                "Incremental": incremental,
            }
        )
    out.sort(key=lambda r: (r["TenantName"] or "", order.get(r["Collection"], 99)))
    return out
