"""Open a mirror for writing: create it, or migrate it in place to this xero's schema version.

A new database gets every table of `schema.VERSION`. An older one gets what came after its
version (tables and columns whose `since` is newer), in one transaction with the new row of
`_schema`, so a migration is whole or not at all; rows already mirrored stay, and the new
columns fill in as records change (or at once with `xero sync --full`). A column the older
version stored as text that now has a kind of its own (`Column.retyped`: money, flags,
integers, dates) is converted in place, its values kept (`Backend.retype_column`). A mirror
made by a newer xero is refused (exit 2) and left as it is: this xero cannot know what it
would break. A file this command created is removed again when opening it fails, so a bad
`--db` leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime, timezone

from xerocli import errors
from xerocli.mirror import schema
from xerocli.mirror.backends import backend_for
from xerocli.mirror.backends.base import Backend, quoted
from xerocli.mirror.target import POSTGRES, Target, check_writable


def open_mirror(target: Target, *, version: int = schema.VERSION) -> Backend:
    """A connected backend whose schema is at `version` (the default: this xero's)."""
    check_writable(target)
    created = target.kind != POSTGRES and not os.path.exists(target.location)
    backend = backend_for(target)
    try:
        backend.connect()
        migrate(backend, version)
    except BaseException:
        backend.close()
        if created:
            _remove_files(target.location)
        raise
    return backend


def open_for_reading(target: Target) -> Backend:
    """A read-only connection to an existing mirror (`xero sql`, `xero sync status`)."""
    if target.kind != POSTGRES and not os.path.isfile(target.location):
        raise errors.UsageError(f"--db: no mirror at {target.shown}: run `xero sync` first")
    backend = backend_for(target)
    backend.connect(read_only=True)
    return backend


def schema_version(backend: Backend) -> int | None:
    """The version the mirror's `_schema` says, None for a database with no mirror yet."""
    if backend.existing_columns(schema.SCHEMA_TABLE.name) is None:
        return None
    found = backend.scalar(f'SELECT max("version") FROM "{schema.SCHEMA_TABLE.name}"')
    return int(found) if found is not None else None


def migrate(backend: Backend, version: int = schema.VERSION) -> int | None:
    """Bring the schema to `version`; return the version it was at (None: it was new)."""
    backend.begin()
    try:
        before = schema_version(backend)
        if before is not None and before > version:
            raise errors.UsageError(
                f"--db: the mirror {backend.target.shown} has schema version {before}, newer"
                f" than this xero's {version}: upgrade xero (the mirror was left as it is)"
            )
        # Every run, not only on a version change: a collection the resource table gained
        # since the mirror was made arrives as its own new table, with no version of its own.
        _ensure_tables(backend, version, before)
        if before != version:
            backend.execute(
                f'INSERT INTO "{schema.SCHEMA_TABLE.name}" ("version", "migrated_at")'
                f" VALUES ({backend.placeholder}, {backend.placeholder})",
                (version, backend.timestamp_value(datetime.now(timezone.utc))),
            )
        backend.commit()
    except errors.XeroCliError:
        _rollback(backend)
        raise
    except Exception as exc:
        _rollback(backend)
        raise backend.fail(exc, "setting up the mirror in") from None
    return before


def _ensure_tables(backend: Backend, version: int, before: int | None) -> None:
    """Every table of `version` made, every column it lacks added, and every column that
    `before` stored as text and `version` gives a kind of its own converted."""
    _drop_retyped_keys(backend, version, before)
    for table in (*schema.BOOKKEEPING, *schema.all_tables(version)):
        present = backend.existing_columns(table.name)
        if present is None:
            for statement in backend.create_table(table):
                backend.execute(statement)
            continue
        for column in table.columns:
            if before is not None and before < column.retyped and column.name in present:
                backend.retype_column(table.name, column)
            elif backend.stored_name(column) not in present:
                for statement in backend.add_column(table.name, column):
                    backend.execute(statement)


def _drop_retyped_keys(backend: Backend, version: int, before: int | None) -> None:
    """A collection whose key `before` stored as text (`invoice_reminders`: its key is
    `Enabled`) cannot convert it in place (SQLite drops no key column): its tables are dropped,
    to be made again, and its marks deleted, so its next sync fetches it whole."""
    if before is None:
        return
    for table in schema.tables(version):
        if not any(c.retyped > before for c in table.key_columns):
            continue
        for each in reversed(table.walk()):  # children first: their foreign keys
            if backend.existing_columns(each.name) is not None:
                backend.execute(f"DROP TABLE {quoted(each.name)}")
        backend.execute(
            f'DELETE FROM "{schema.STATE_TABLE.name}" WHERE "collection" = {backend.placeholder}',
            (table.name,),
        )


def _rollback(backend: Backend) -> None:
    with contextlib.suppress(Exception):
        backend.rollback()


def _remove_files(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".wal"):
        with contextlib.suppress(OSError):
            os.unlink(path + suffix)
