"""`xero sandbox serve`: run the local Xero emulator on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from xerocli.sandbox.config import SandboxConfig
    from xerocli.sandbox.seed import SeedOptions, SeedState
    from xerocli.sandbox.server import Sandbox, SandboxServer

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
    from xerocli import config, errors
    from xerocli.sandbox.books_warm import worth_warming
    from xerocli.sandbox.config import SandboxConfig
    from xerocli.sandbox.seed import SeedOptions
    from xerocli.sandbox.server import Terminated

    path = data or (config.data_dir() / "sandbox.sqlite")
    if data is None:
        config.make_dir(path.parent)  # ours: made 0700, as every folder xero makes
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
    options = SeedOptions(invoices=invoices, contacts=contacts, seed=seed)
    seeding = _Seeding(path)
    # From before the seed: a SIGTERM while seeding rolls it back and closes the file too.
    with _sigterm_raises():
        try:
            sandbox = _open(path, options, settings, given, seeding)
        except (KeyboardInterrupt, Terminated) as cut_short:
            seeding.stopped(cut_short)
            return
        try:
            seeding.finished()
            # A file seeded just now (new, or an incomplete seed redone) has no saved books.
            warm = seeding.ran and worth_warming(invoices)
            stop = _run(sandbox, path, port, verbose=verbose, us_company=us_company, warm=warm)
        finally:
            sandbox.reports.cache.stop_warming()
            sandbox.store.close()  # checkpoints the WAL: only the data file is left
    if stop is not None:
        _stopped(stop, f"the data is in {path}")


class _Seeding:
    """What `serve` says about seeding the data file, and whether it seeded it.

    `Sandbox.open` decides from what the file holds (`seed.seed_state`), not from its size: an
    interrupted seed leaves the sandbox's tables, empty, and the run after it seeds anew.
    """

    def __init__(self, path: Path) -> None:
        from xerocli.output.seeding import SeedingProgress

        self.path = path
        self.progress = SeedingProgress()
        #: Whether a seed was started (so the books are not saved yet).
        self.ran = False
        self._started = 0.0

    def starting(self, state: SeedState) -> None:
        """`Sandbox.open` is about to seed a file that held `state` ("new", "incomplete")."""
        import time

        self.ran = True
        self._started = time.monotonic()
        if state == "incomplete":
            _say(f"{self.path} holds an incomplete seed (one was interrupted): seeding it anew")

    def finished(self) -> None:
        import time

        if self.ran:
            self.progress.finished(time.monotonic() - self._started)

    def stopped(self, stop: BaseException) -> None:
        """Say that `stop` (Ctrl-C, SIGTERM) ended the start before it served: a seed cut
        short was rolled back whole (one transaction), so the next start seeds it again."""
        if not self.ran:
            _stopped(stop, f"the data is in {self.path}")
            return
        _stopped(
            stop,
            f"{self.path} holds no demo companies yet; the next `xero sandbox serve` on it"
            " seeds it anew",
            during=" while seeding",
        )


def _open(
    path: Path,
    options: SeedOptions,
    settings: SandboxConfig,
    given: tuple[str, ...],
    seeding: _Seeding,
) -> Sandbox:
    """The sandbox on `path`, seeded if it holds no whole seed; a file that cannot be served is
    a usage error (exit 2)."""
    import sqlite3

    from xerocli import errors
    from xerocli.sandbox.seed import SeedMismatch
    from xerocli.sandbox.server import Sandbox

    try:
        return Sandbox.open(
            path,
            options,
            settings,
            insist_on=given,
            progress=seeding.progress,
            seeding=seeding.starting,
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


def _run(
    sandbox: Sandbox, path: Path, port: int, *, verbose: bool, us_company: bool, warm: bool
) -> BaseException | None:
    """Serve until Ctrl-C or SIGTERM, and return which of them (KeyboardInterrupt or
    `Terminated`) stopped it: the caller closes the store before it says so."""
    from xerocli.sandbox.server import Terminated

    try:
        if us_company:
            sandbox.add_organisation("US")
        server = _listen(sandbox, port, verbose)
    except (KeyboardInterrupt, Terminated) as stop:
        return stop
    try:
        _banner(server.url, path)
        if warm:
            sandbox.reports.cache.warm(str(path))  # the first report need not read the books
        server.serve_forever()
    except (KeyboardInterrupt, Terminated) as stop:
        return stop
    finally:
        server.server_close()
    return None


def _listen(sandbox: Sandbox, port: int, verbose: bool) -> SandboxServer:
    """The server on 127.0.0.1:`port`; a port that cannot be had is a usage error (exit 2)."""
    from xerocli import errors
    from xerocli.sandbox.server import SandboxServer

    try:
        return SandboxServer(sandbox, port, verbose=verbose)
    except OSError as exc:
        raise errors.UsageError(
            f"--port {port}: cannot listen on 127.0.0.1 ({exc.strerror or exc})"
        ) from None


def _banner(url: str, path: Path) -> None:
    """Where the sandbox is and how to log in to it, on stderr (tests read the first line)."""
    from xerocli.sandbox.apps import DEMO_PKCE_CLIENT_ID
    from xerocli.sandbox.config import DEMO_CLIENT_ID

    print(
        f"Xero sandbox on {url}  (data: {path})\n"
        f"  export XERO_SANDBOX_URL={url}\n"
        f"  demo app client id: {DEMO_PKCE_CLIENT_ID} (PKCE browser login, no secret;"
        " `xero auth login` uses it by itself here)\n"
        f"  custom connection client id: {DEMO_CLIENT_ID} (secret: see the README)\n"
        f"  every app, with redirect URIs and secrets: {url}/__sandbox/apps\n"
        "Ctrl-C stops it.",
        file=sys.stderr,
    )
    sys.stderr.flush()


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Inside, a SIGTERM raises `Terminated` in the main thread, as Ctrl-C raises
    KeyboardInterrupt: the same `finally` clauses stop the server and close the store. The
    first one only: a second, while that cleanup runs, is ignored rather than cutting it short."""
    import signal

    from xerocli.sandbox.server import Terminated

    def on_sigterm(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stopped(stop: BaseException, what: str, during: str = "") -> None:
    """Say, in one line, that the sandbox stopped: Ctrl-C exits 130 (the exit-code table's
    interruption), SIGTERM, the way a service is stopped, 0 (as `xero webhooks listen`)."""
    from xerocli import errors

    if isinstance(stop, KeyboardInterrupt):
        raise errors.Interrupted(f"stopped (Ctrl-C){during}: {what}")
    _say(f"stopped (SIGTERM){during}: {what}")


def _say(message: str) -> None:
    """One `xero: ...` line on stderr, control characters shown escaped (a `--data` path may
    hold them) as in every message the runner prints (`errors.printable`)."""
    from xerocli import errors

    print(f"xero: {errors.printable(message)}", file=sys.stderr, flush=True)


def _given(ctx: typer.Context, name: str) -> bool:
    """Whether the user wrote the option (a default says nothing about the data file)."""
    source = ctx.get_parameter_source(name)  # a ParameterSource enum: COMMANDLINE, DEFAULT...
    return source is not None and source.name != "DEFAULT"
