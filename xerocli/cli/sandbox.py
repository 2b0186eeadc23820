"""`xero sandbox serve`: run the local Xero emulator on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

app = typer.Typer(name="sandbox", no_args_is_help=True, help="A local Xero emulator.")


#: Options that size the seeded data: given explicitly, an existing data file must match them.
SEED_OPTIONS = ("invoices", "contacts", "seed")


@app.command("serve")
def serve(
    ctx: typer.Context,
    port: int = typer.Option(8750, "--port", help="Port on 127.0.0.1 (0 picks a free one)."),
    data: Path | None = typer.Option(
        None, "--data", help="SQLite file for the sandbox's state (default: in the data dir)."
    ),
    reset: bool = typer.Option(False, "--reset", help="Delete the data file and seed anew."),
    invoices: int = typer.Option(
        150,
        "--invoices",
        min=0,
        help="Invoices per demo company from the generator; the quotes, credits and batches"
        " seeded beside them add a few of their own (a data file seeded with another count"
        " needs --reset).",
    ),
    contacts: int = typer.Option(25, "--contacts", min=1, help="Contacts per demo company."),
    seed: int = typer.Option(42, "--seed", help="Seed for the deterministic demo data."),
    token_ttl: float = typer.Option(
        1800, "--token-ttl", min=1, help="Access token lifetime, seconds."
    ),
    refresh_grace: float = typer.Option(
        1800, "--refresh-grace", min=0, help="Seconds a used refresh token is still answered."
    ),
    minute_seconds: float = typer.Option(
        60,
        "--minute-seconds",
        min=0.001,
        help="Length of a rate-limit 'minute' (a day is 1,440 of them).",
    ),
    minute_limit: int = typer.Option(
        60, "--minute-limit", min=0, help="Calls a minute per app and tenant."
    ),
    concurrent_limit: int = typer.Option(
        5, "--concurrent-limit", min=0, help="Calls in flight per app and tenant."
    ),
    day_limit: int = typer.Option(5000, "--day-limit", min=0, help="Calls a day per app+tenant."),
    app_minute_limit: int = typer.Option(
        10000, "--app-minute-limit", min=0, help="Calls a minute per app, all tenants."
    ),
    latency_ms: float = typer.Option(0, "--latency-ms", min=0, help="Added latency per API call."),
    error_rate: float = typer.Option(
        0, "--error-rate", min=0, max=1, help="Share of API calls answered 500."
    ),
    unavailable_rate: float = typer.Option(
        0, "--unavailable-rate", min=0, max=1, help="Share answered 503 (maintenance)."
    ),
    drop_rate: float = typer.Option(
        0, "--drop-rate", min=0, max=1, help="Share cut off mid-response."
    ),
    fault_seed: int | None = typer.Option(
        None, "--fault-seed", help="Seed for the fault dice, for repeatable runs."
    ),
    deny_consent: bool = typer.Option(False, "--deny-consent", help="Refuse every login."),
    us_company: bool = typer.Option(
        False,
        "--us-company",
        help="Add Demo Company (US) beside the two demo companies (USD, a US chart and sales"
        " tax rates, its 1099 setup); once added, a data file keeps it.",
    ),
    verbose: bool = typer.Option(False, "--verbose", help="Log each request on stderr."),
) -> None:
    """Serve OAuth, /connections and the Accounting API of a seeded demo company."""
    import sqlite3
    import time

    from xerocli import config, errors
    from xerocli.output.seeding import SeedingProgress
    from xerocli.sandbox.apps import DEMO_PKCE_CLIENT_ID
    from xerocli.sandbox.books_warm import worth_warming
    from xerocli.sandbox.config import DEMO_CLIENT_ID, SandboxConfig
    from xerocli.sandbox.seed import SeedMismatch, SeedOptions
    from xerocli.sandbox.server import Sandbox, SandboxServer

    path = data or (config.data_dir() / "sandbox.sqlite")
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    settings = SandboxConfig(
        access_token_ttl=token_ttl,
        refresh_grace_seconds=refresh_grace,
        minute_seconds=minute_seconds,
        minute_limit=minute_limit,
        concurrent_limit=concurrent_limit,
        day_limit=day_limit,
        app_minute_limit=app_minute_limit,
        latency_ms=latency_ms,
        error_rate=error_rate,
        unavailable_rate=unavailable_rate,
        drop_rate=drop_rate,
        fault_seed=fault_seed,
        consent="deny" if deny_consent else "allow",
    )
    given = tuple(name for name in SEED_OPTIONS if _given(ctx, name))
    if Path(path).is_dir():
        raise errors.UsageError(f"--data {path}: is a directory; give the sandbox's file in it")
    started = time.monotonic()
    fresh = not Path(path).exists() or Path(path).stat().st_size == 0
    progress = SeedingProgress()
    try:
        sandbox = Sandbox.open(
            path,
            SeedOptions(invoices=invoices, contacts=contacts, seed=seed),
            settings,
            insist_on=given,
            progress=progress if fresh else None,
        )
    except sqlite3.DatabaseError as exc:  # a file that is not a sandbox's (or not SQLite)
        raise errors.UsageError(
            f"--data {path}: cannot open it as a sandbox's database ({exc}); give another"
            " file, or --reset to replace it"
        ) from None
    except SeedMismatch as exc:
        raise errors.UsageError(
            f"--{exc.name} {exc.asked}: {path} was seeded with --{exc.name} {exc.held}; add"
            f" --reset to seed it anew (deleting what it holds), or leave --{exc.name} out"
        ) from None
    if fresh:
        progress.finished(time.monotonic() - started)
    if us_company:
        sandbox.add_organisation("US")
    try:
        server = SandboxServer(sandbox, port, verbose=verbose)
    except OSError as exc:
        raise errors.UsageError(
            f"--port {port}: cannot listen on 127.0.0.1 ({exc.strerror or exc})"
        ) from None
    print(
        f"Xero sandbox on {server.url}  (data: {path})\n"
        f"  export XERO_SANDBOX_URL={server.url}\n"
        f"  demo app client id: {DEMO_PKCE_CLIENT_ID} (PKCE browser login, no secret;"
        " `xero auth login` uses it by itself here)\n"
        f"  custom connection client id: {DEMO_CLIENT_ID} (secret: see the README)\n"
        f"  every app, with redirect URIs and secrets: {server.url}/__sandbox/apps\n"
        "Ctrl-C stops it.",
        file=sys.stderr,
    )
    sys.stderr.flush()
    if fresh and worth_warming(invoices):
        sandbox.reports.cache.warm(str(path))  # the first report need not read the books
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.reports.cache.stop_warming()
        server.server_close()
        sandbox.store.close()


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether the user wrote the option (a default says nothing about the data file)."""
    source = ctx.get_parameter_source(name)  # a ParameterSource enum: COMMANDLINE, DEFAULT...
    return source is not None and source.name != "DEFAULT"
