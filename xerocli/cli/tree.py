"""Walk the click command tree that typer builds from the app: for the generated completion
index and the command reference, read from the command objects (never by scraping `--help`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass
class Visited:
    """One command of the tree, with a context as click would make it when the command runs."""

    path: tuple[str, ...]  # () for the root, ("invoices", "list") for a subcommand
    command: Any  # a click Command or Group (typer bundles its own click)
    ctx: Any

    @property
    def is_group(self) -> bool:
        return hasattr(self.command, "list_commands")

    def subcommands(self) -> list[tuple[str, Any]]:
        if not self.is_group:
            return []
        found = []
        for name in self.command.list_commands(self.ctx):
            sub = self.command.get_command(self.ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                found.append((name, sub))
        return found

    def params(self) -> list[Any]:
        return [p for p in self.command.get_params(self.ctx) if not getattr(p, "hidden", False)]


def root_command() -> Any:
    import typer.main

    from xerocli.cli.app import app

    return typer.main.get_command(app)


def walk(command: Any = None, prog: str = "xero") -> Iterator[Visited]:
    """Depth first, in the order commands are listed in `--help`."""
    command = root_command() if command is None else command
    ctx = command.context_class(command, info_name=prog, **command.context_settings)
    yield from _walk(Visited((), command, ctx))


def _walk(node: Visited) -> Iterator[Visited]:
    yield node
    for name, sub in node.subcommands():
        ctx = sub.context_class(sub, info_name=name, parent=node.ctx, **sub.context_settings)
        yield from _walk(Visited((*node.path, name), sub, ctx))


def is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def choices(param: Any) -> tuple[str, ...]:
    values = getattr(param.type, "choices", None)
    if not values:
        return ()
    return tuple(str(getattr(v, "value", v)) for v in values)


def path_kind(param: Any) -> str:
    """ "file" or "dir" when the shell should complete paths for this parameter, else ""."""
    param_type = param.type
    if getattr(param_type, "name", "") not in ("path", "file", "filename", "directory"):
        return ""
    if getattr(param_type, "dir_okay", False) and not getattr(param_type, "file_okay", True):
        return "dir"
    return "file"
