"""The root of the command tree: global options, the exit-code contract, and `main()`.

Only typer and cheap modules are imported here; each command imports what it uses.
"""

from __future__ import annotations

import os
import sys

import typer

from xerocli import __version__, errors
from xerocli.cli import global_options
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


def _root_params() -> list:
    """The root command's parameters: one per entry of the global options table, and --version."""
    from xerocli.cli.signatures import ctx_param, option_param

    params = [ctx_param()]
    for option in global_options.ROOT_OPTIONS:
        default = typer.Option(
            None if option.takes_value else False,
            *option.names,
            envvar=option.envvar,
            help=option.help,
        )
        params.append(
            option_param(option.field, default, str | None if option.takes_value else bool)
        )
    params.append(
        option_param(
            "version",
            typer.Option(
                False, "--version", callback=_version, is_eager=True, help="Print the version."
            ),
            bool,
        )
    )
    return params


def _root(ctx: typer.Context, version: bool = False, **given: object) -> None:
    options = GlobalOptions(**given)
    if options.debug:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("debug: %(message)s"))
        logger = logging.getLogger("xerocli")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    context = AppContext(options)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _root_command():
    from xerocli.cli.signatures import command_from

    return command_from("root", _root_params(), _root, "")


app.callback()(_root_command())


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


def _quiet_stdout() -> None:
    """The reader of stdout left (`xero ... | head`): that is not an error of ours. Point stdout
    at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(args: list[str]) -> object:
    """Parse and run the command, with every exception left for `main` to map (typer's own
    runner turns a closed pipe into a silent exit 1)."""
    import typer.main

    command = typer.main.get_command(app)
    try:
        with command.make_context("xero", args) as ctx:
            result = command.invoke(ctx)
        sys.stdout.flush()
        return result
    except typer.Exit as exc:  # --help, --version, typer.Exit(code) from a command
        sys.stdout.flush()
        return exc.exit_code


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and turn every failure into its one-line message and exit code."""
    args = global_options.hoist(sys.argv[1:] if argv is None else list(argv))
    debug = "--debug" in args[: args.index("--")] if "--" in args else "--debug" in args
    try:
        result = _run(args)
    except errors.XeroCliError as exc:
        _report(exc)
        sys.exit(int(exc.exit_code))
    except (KeyboardInterrupt, typer.Abort, EOFError):
        print("xero: interrupted", file=sys.stderr)
        sys.exit(int(errors.ExitCode.INTERRUPTED))
    except BrokenPipeError:
        _quiet_stdout()
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
    sys.exit(int(result or 0) if isinstance(result, int) else 0)
