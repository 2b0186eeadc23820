"""The root of the command tree: global options, the exit-code contract, and `main()`.

Only typer and cheap modules are imported here; each command imports what it uses.
"""

from __future__ import annotations

import os
import sys

import typer

from xerocli import __version__, errors
from xerocli.cli.context import AppContext, GlobalOptions

HELP = f"""A command-line tool for the Xero accounting API.

Try it offline with the built-in sandbox: xero --sandbox invoices list

Exit codes:

\b
{errors.exit_code_table()}
"""

app = typer.Typer(
    name="xero",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,  # `xero completion SHELL` instead: answered without typer (entry.py)
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"xero {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    profile: str | None = typer.Option(
        None, "--profile", envvar="XERO_PROFILE", help="Profile (app and login) to use."
    ),
    tenant: str | None = typer.Option(
        None, "--tenant", help="Organisation name or ID for this command (XERO_TENANT_ID)."
    ),
    sandbox: bool = typer.Option(
        False, "--sandbox", help="Run against a local sandbox, logged in by itself."
    ),
    sandbox_url: str | None = typer.Option(
        None, "--sandbox-url", help="Send every endpoint to this sandbox (XERO_SANDBOX_URL)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Trace HTTP calls on stderr (redacted)."),
    no_color: bool = typer.Option(False, "--no-color", help="No colour (also NO_COLOR)."),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress or info messages on stderr (errors still)."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    options = GlobalOptions(profile, tenant, sandbox, sandbox_url, debug, no_color, quiet)
    if debug:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug: %(message)s"))
        logger = logging.getLogger("xerocli")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    context = AppContext(options)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _register() -> None:
    from xerocli.cli import (
        api,
        auth,
        completion,
        export,
        limits,
        objects,
        reports,
        sandbox,
        tenants,
        webhooks,
    )

    objects.register(app)
    app.command("api")(api.api)
    app.add_typer(sandbox.app, name="sandbox")
    app.add_typer(auth.app, name="auth")
    app.add_typer(tenants.app, name="tenants")
    app.command("limits")(limits.limits)
    app.add_typer(reports.register(), name="reports")
    app.add_typer(webhooks.app, name="webhooks")
    app.command("completion")(completion.completion)
    app.add_typer(export.app, name="export")


_register()


def _report(exc: errors.XeroCliError) -> None:
    print(f"xero: {exc.message}", file=sys.stderr)
    for line in exc.details[1:] if exc.details and exc.details[0] in exc.message else exc.details:
        print(f"  {line}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and turn every failure into its one-line message and exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv)
    try:
        result = app(args=argv, prog_name="xero", standalone_mode=False)
    except errors.XeroCliError as exc:
        _report(exc)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        print("xero: interrupted", file=sys.stderr)
        sys.exit(int(errors.ExitCode.INTERRUPTED))
    except typer.Abort:
        print("xero: interrupted", file=sys.stderr)
        sys.exit(int(errors.ExitCode.INTERRUPTED))
    except BrokenPipeError:
        # `xero ... | head`: the reader left; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # click's usage errors
            exc.show()
            sys.exit(int(exc.exit_code))
        if debug:
            raise
        print(
            f"xero: unexpected error: {type(exc).__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        sys.exit(int(errors.ExitCode.ERROR))
    if result == errors.ExitCode.INTERRUPTED:
        # typer turns Ctrl-C inside a command into a bare exit code 130, unannounced.
        print("xero: interrupted", file=sys.stderr)
    sys.exit(int(result or 0) if isinstance(result, int) else 0)
