"""`xero sync [COLLECTION...]`, `xero sync status` and `xero sql QUERY`: the local mirror.

Thin: the collections, `--db` and the options are checked here before anything is sent, then
the mirror layer (`xerocli/mirror/`) opens or migrates the database and runs the core's export
engine once per collection with this command's login (`ctx.obj`). Results go through the output
object: a line per collection on stderr, `status` and `sql` rows in the chosen format.
"""

from __future__ import annotations

import typer

from xerocli import errors
from xerocli.api.resources import RESOURCES
from xerocli.cli.choices import OfferedText
from xerocli.cli.options import OutputFormat, chosen_format, json_option, output_option

NOUNS = ", ".join(r.noun for r in RESOURCES)
STATUS = "status"
KEPT = "the collections synced before it are kept; the next run goes on from there"

DB_HELP = (
    "The mirror: a path, sqlite:///PATH, postgresql://USER@HOST/DB or duckdb:///PATH"
    " (default: mirror.sqlite in the data directory)."
)


def _db_option():
    return typer.Option(None, "--db", help=DB_HELP)


def _resources(names: list[str]) -> list:
    """The collections named (nouns, Xero names or table names), in the resource table's order;
    every collection when none is named."""
    from xerocli.api.resources import resource

    if not names:
        return list(RESOURCES)
    chosen = []
    for name in names:
        if name == STATUS:
            raise errors.UsageError("COLLECTION: `status` goes alone: xero sync status")
        try:
            found = resource(name.replace("_", "-"))
        except KeyError:
            raise errors.UsageError(
                f"COLLECTION: {name!r} is not one of {NOUNS} (or `status`)"
            ) from None
        if found not in chosen:
            chosen.append(found)
    return [r for r in RESOURCES if r in chosen]


def sync(
    ctx: typer.Context,
    collections: list[str] | None = typer.Argument(
        None,
        metavar="[COLLECTION]...",
        help=f"Collections to mirror (default: all): {NOUNS}. `status`: show the mirror's state.",
        show_default=False,
        click_type=OfferedText((STATUS, *(r.noun for r in RESOURCES))),
    ),
    db: str | None = _db_option(),
    full: bool = typer.Option(
        False, "--full", help="Fetch everything again, not only what changed since the mark."
    ),
    all_tenants: bool = typer.Option(
        False, "--all-tenants", help="Every connected organisation, into the same database."
    ),
    output: OutputFormat | None = output_option(),
    as_json: bool = json_option(),
) -> None:
    """Mirror Xero into a local database (SQLite by default), incrementally.

    Each run fetches only what changed since the last one (a high-water mark per organisation
    and collection, kept in the database and moved in the same transaction as its rows), so a
    crash or Ctrl-C leaves the mirror at the last complete collection. `xero sync status`
    shows rows, last run and mark; `xero sql` queries the mirror."""
    names = list(collections or [])
    if names and names[0] == STATUS:
        if len(names) > 1 or full or all_tenants:
            raise errors.UsageError("`xero sync status` takes only --db and the output options")
        _status(ctx, db, chosen_format(output, as_json))
        return
    if output or as_json:
        raise errors.UsageError("--output/--json: only `xero sync status` prints rows")
    _sync(ctx, _resources(names), db, full, all_tenants)


def _sync(
    ctx: typer.Context, resources: list, db: str | None, full: bool, all_tenants: bool
) -> None:
    from xerocli.api.stopper import Stopper
    from xerocli.mirror.migrate import open_mirror
    from xerocli.mirror.run import SyncHooks, run_sync
    from xerocli.mirror.target import parse_target

    target = parse_target(db)
    app_ctx = ctx.obj
    io = app_ctx.io
    _warn_password(io, target)
    backend = open_mirror(target)

    def done(result) -> None:
        noun = result.resource.noun.replace("-", " ")
        how = "in full" if result.full else "changed"
        skipped = f", {result.skipped} unchanged at the mark" if result.skipped else ""
        calls = f"{result.calls} call{'' if result.calls == 1 else 's'}"
        io.info(f"Synced {noun}: {result.records} {how} ({result.rows} rows, {calls}{skipped}).")

    current = {"noun": ""}

    def events_for(resource):
        current["noun"] = resource.noun
        return io.progress(f"Syncing {resource.noun}")

    def stopper_for(resource):
        return Stopper(f"terminated (SIGTERM) while syncing {resource.noun}: {KEPT}")

    hooks = SyncHooks(
        events_for,
        stopper_for,
        done,
        between=Stopper(f"terminated (SIGTERM) between two collections: {KEPT}"),
    )
    try:
        results = run_sync(
            backend,
            resources,
            app_ctx,
            hooks,
            full=full,
            all_tenants=all_tenants,
            profile=app_ctx.options.profile or "default",
        )
    except KeyboardInterrupt:
        raise errors.Interrupted(f"interrupted while syncing {current['noun']}: {KEPT}") from None
    except errors.XeroCliError as exc:
        if exc.organisation is None:
            raise
        raise errors.with_consequence(exc, others_rolled_back(current["noun"])) from None
    finally:
        backend.close()
    total = sum(r.records for r in results)
    io.info(f"Mirror {target.shown} is up to date ({total} records written).")


def others_rolled_back(noun: str) -> str:
    """What one organisation's failure under `--all-tenants` left of the others: a collection
    is one transaction for every organisation, so none of theirs was written either."""
    return (
        f"the sync of {noun.replace('-', ' ')} was rolled back for every organisation (no row"
        f" written, no mark moved); {KEPT}"
    )


def _warn_password(io, target) -> None:
    from xerocli.mirror.target import PASSWORD_WARNING

    if target.has_password:
        io.warn(f"xero: warning: {PASSWORD_WARNING}")


def _status(ctx: typer.Context, db: str | None, fmt: str | None) -> None:
    from xerocli.mirror.migrate import open_for_reading
    from xerocli.mirror.status import status_rows
    from xerocli.mirror.target import parse_target
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    target = parse_target(db)
    _warn_password(ctx.obj.io, target)
    backend = open_for_reading(target)
    try:
        rows = status_rows(backend)
    except Exception as exc:
        raise backend.fail(exc, "reading") from None
    finally:
        backend.close()
    view = RecordView(
        columns=[
            TableColumn("TenantName", "Organisation"),
            TableColumn("Collection", "Collection"),
            TableColumn("Rows", "Rows"),
            TableColumn("Missing", "Missing"),
            TableColumn("LastRun", "Last run"),
            TableColumn("Mark", "Mark"),
            TableColumn("LastRunCalls", "Calls"),
            TableColumn("NextRunCalls", "Next run"),
        ],
        title=f"Mirror {target.shown}",
        empty_message="Nothing synced yet: run `xero sync`.",
        totals=False,
        delimited_columns=list(rows[0]) if rows else None,
    )
    ctx.obj.io.write_records(rows, view, fmt=fmt)


def sql(
    ctx: typer.Context,
    query: str = typer.Argument(..., metavar="QUERY", help="The SQL to run, e.g. 'SELECT ...'."),
    db: str | None = _db_option(),
    output: OutputFormat | None = output_option(),
    as_json: bool = json_option(),
) -> None:
    """Run a read-only SQL query on the mirror and print the rows (table, json, csv, ...)."""
    from xerocli.mirror.migrate import open_for_reading
    from xerocli.mirror.query import run_query
    from xerocli.mirror.target import parse_target
    from xerocli.output.table import TableColumn
    from xerocli.output.writer import RecordView

    fmt = chosen_format(output, as_json)
    target = parse_target(db)
    _warn_password(ctx.obj.io, target)
    backend = open_for_reading(target)
    try:
        columns, rows = run_query(backend, query)
    finally:
        backend.close()
    view = RecordView(
        columns=[TableColumn(name, name) for name in columns],
        empty_message="No rows.",
        totals=False,
        delimited_columns=columns,
    )
    ctx.obj.io.write_records(rows, view, fmt=fmt)
