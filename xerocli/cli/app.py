"""The root of the command tree: global options, the exit-code contract, and `main()`.

Only typer and cheap modules are imported here; each command imports what it uses.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup

from xerocli import __version__, errors
from xerocli.cli import global_options

HELP = f"""A command-line tool for the Xero accounting API.

Try it offline with the built-in sandbox: xero --sandbox invoices list

Exit codes:

\b
{errors.exit_code_table()}
"""

SETTINGS: dict = {
    "name": "xero",
    "help": HELP,
    "no_args_is_help": True,
    "add_completion": False,  # `xero completion SHELL` instead: answered without typer (entry.py)
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "pretty_exceptions_show_locals": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


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
    from xerocli.cli.runner import start

    context = start(given)
    ctx.obj = context
    ctx.call_on_close(context.close)


def _root_command():
    from xerocli.cli.signatures import command_from

    return command_from("root", _root_params(), _root, "")


def _add_object(target: typer.Typer, noun: str) -> None:
    """One object group (`invoices`, ...), built alone: its own commands' signatures only."""
    from xerocli.api.resources import resource
    from xerocli.cli import objects

    target.add_typer(objects.group_for(resource(noun)), name=noun)


def _add_command(module: str, function: str) -> Callable[[typer.Typer], None]:
    def add(target: typer.Typer) -> None:
        found = importlib.import_module(f"xerocli.cli.{module}")
        target.command(function)(getattr(found, function))

    return add


def _add_group(module: str, name: str, build: str | None = None) -> Callable[[typer.Typer], None]:
    def add(target: typer.Typer) -> None:
        found = importlib.import_module(f"xerocli.cli.{module}")
        target.add_typer(getattr(found, build)() if build else found.app, name=name)

    return add


def _builders() -> dict[str, Callable[[typer.Typer], None]]:
    """Every top-level command, in the order of the full tree (which is the order of `--help`,
    the reference and the completion index), and how it is added to an app."""
    from xerocli.cli.objects import RESOURCES

    found: dict[str, Callable[[typer.Typer], None]] = {
        resource.noun: functools.partial(_add_object, noun=resource.noun) for resource in RESOURCES
    }
    found["setup"] = _add_command("setup", "setup")
    found["api"] = _add_command("api", "api")
    found["sandbox"] = _add_group("sandbox", "sandbox")
    found["auth"] = _add_group("auth", "auth")
    found["tenants"] = _add_group("tenants", "tenants")
    found["limits"] = _add_command("limits", "limits")
    found["reports"] = _add_group("reports", "reports", build="register")
    found["webhooks"] = _add_group("webhooks", "webhooks")
    found["completion"] = _add_command("completion", "completion")
    found["export"] = _add_group("export", "export")
    found["sync"] = _add_command("sync", "sync")
    found["sql"] = _add_command("sync", "sql")
    return found


def full_app() -> typer.Typer:
    """The whole tree, every command built: for docs/commands.md, the completion index and the
    slow path of TAB completion (`python -m xerocli.cli.generate` reads it)."""
    full = typer.Typer(**SETTINGS)
    full.callback()(_root_command())
    for add in _builders().values():
        add(full)
    return full


def build_one(name: str) -> Any:
    """The click command of one top-level command, converted alone (an object group's
    commands each on first lookup, see `_lazy_object_group`)."""
    import typer.main

    builders = _builders()
    if name not in builders:
        return None
    single = typer.Typer(rich_markup_mode=None)
    builders[name](single)
    if getattr(builders[name], "func", None) is _add_object:
        return _lazy_object_group(single)
    return typer.main.get_group(single).commands[name]


def _lazy_object_group(single: typer.Typer) -> Any:
    """The click group of the one object group added to `single`, each of its commands
    converted from typer's signature on first lookup: `xero invoices list` converts `list`,
    not also `get`, `create`, `update`, `void` and `email` (most of a group's build time).
    `xero invoices --help` looks every command up, so it lists them as typer would."""
    import typer.main

    info = single.registered_groups[0]
    group = info.typer_instance
    assert group is not None
    by_name = {command.name: command for command in group.registered_commands}
    group.registered_commands = []  # the group itself is converted without its commands
    try:
        converted = typer.main.get_group_from_info(
            info,
            pretty_exceptions_short=single.pretty_exceptions_short,
            rich_markup_mode=single.rich_markup_mode,
            suggest_commands=single.suggest_commands,
        )
    finally:
        group.registered_commands = list(by_name.values())

    def convert(command: str) -> Any:
        return typer.main.get_command_from_info(
            by_name[command],
            pretty_exceptions_short=single.pretty_exceptions_short,
            rich_markup_mode=single.rich_markup_mode,
        )

    converted.commands = LazyCommands([str(command) for command in by_name], convert)
    return converted


class LazyCommands(MutableMapping):
    """A group's `commands` whose names are all known up front (from the index) and whose
    commands are built on first lookup. Membership and iteration build nothing, so typer's
    "Did you mean" suggestions for a typo see every name without converting any command."""

    def __init__(self, names: list[str], build: Callable[[str], Any]) -> None:
        self._names = list(names)
        self._built: dict[str, Any] = {}
        self._build = build

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            built = self._build(name) if name in self._names else None
            if built is None:
                raise KeyError(name)
            self._built[name] = built
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def built(self) -> list[str]:
        """The names converted so far (tests check that a command line builds one)."""
        return list(self._built)


class LazyRoot(TyperGroup):
    """The root as a command line runs it: every top-level command is listed (from the
    generated completion index, so `xero --help` builds none of them), and a command is built
    only when it is looked up, so `xero invoices list` converts the invoices group alone."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(list(_index_root()["commands"]), build_one)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands.keys())

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The `Commands` section as click writes it, with each short help from the index."""
        from typer._click.utils import make_default_short_help

        rows = _index_root()["commands"]
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name in rows)
        with formatter.section("Commands"):
            formatter.write_dl(
                [(name, make_default_short_help(text, limit)) for name, text in rows.items()]
            )


def _index_root() -> dict:
    from xerocli.cli._command_index import COMMANDS

    return COMMANDS[""]


def root_command() -> Any:
    """The root command a command line runs: lazy, see `LazyRoot`."""
    import typer.main

    lazy = typer.Typer(**SETTINGS, cls=LazyRoot)
    lazy.callback()(_root_command())
    return typer.main.get_group(lazy)


def __getattr__(name: str) -> Any:
    """`app`: the full typer app, built on first use (the command line never uses it)."""
    if name == "app":
        global app
        app = full_app()
        return app
    raise AttributeError(name)


def _run(args: list[str]) -> object:
    """Parse and run the command, with every exception left for `main` to map (typer's own
    runner turns a closed pipe into a silent exit 1)."""
    command = root_command()
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
    from xerocli.cli.runner import run_and_exit

    args = global_options.hoist(sys.argv[1:] if argv is None else list(argv))
    debug = "--debug" in args[: args.index("--")] if "--" in args else "--debug" in args
    run_and_exit(lambda: _run(args), debug)
