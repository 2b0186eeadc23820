"""The local database mirror behind `xero sync` and `xero sql`.

- `schema.py`: the tables, derived from the resource table (`api/resources.py`) and the declared
  fields (`output/schema.py`), versioned;
- `target.py`: `--db` read and checked before anything is sent;
- `backends/`: SQLite (standard library), PostgreSQL (psycopg 3) and DuckDB behind one small
  interface, each imported only when used; a sync's SQLite statements run by a second process
  (`backends/writer.py`);
- `migrate.py`: create or migrate a database in place;
- `load.py`: the export engine's destination that writes one collection's rows and moves its
  high-water mark in the same transaction; `rows.py`: the compiled functions that make the rows;
- `run.py`: a whole sync, collection by collection; `status.py`: what `xero sync status` shows.

The core (`api/`) knows nothing of this layer; this layer uses the core's export engine, so a
sync pages, paces and retries exactly as `xero export` does.
"""
