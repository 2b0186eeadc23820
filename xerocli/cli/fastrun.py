"""Run a command line that the fast parser (`cli/fastparse.py`) fully describes, without
importing typer or click: the root's work (`runner.start`), then the command's typer-free
function with exactly the arguments typer would pass, mapped to exit codes as typer's path is.

A line the parser is not sure of returns from `main` untouched, and typer runs it whole.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from typing import Any

from xerocli.cli import fastparse


@dataclass
class CommandContext:
    """What a fast-path command body reads from its context: `obj`, the `AppContext` the root
    made (a body that needs more of click's context is not marked `fast_target`)."""

    obj: Any
    command_path: str


def main(args: list[str]) -> None:
    """Run `xero ARGS` and exit, or return when typer must answer the line."""
    from xerocli.cli import global_options
    from xerocli.cli.runner import run_and_exit

    hoisted = global_options.hoist(list(args))
    try:
        parsed = fastparse.parse(hoisted)
    except fastparse.Fallback:
        return
    except Exception:  # a fault of the fast parser itself (its tests call `parse` unguarded)
        return  # is no reason to fail a line typer can parse
    if parsed.target is None:
        return
    words = hoisted[: hoisted.index("--")] if "--" in hoisted else hoisted
    run_and_exit(lambda: call(parsed), "--debug" in words)


def call(parsed: fastparse.Parsed) -> object:
    """The root's callback, then the command's, as `TyperGroup.invoke` runs them (the
    `AppContext` closed when the command ends, whatever the outcome); returns the exit code of
    a `typer.Exit` the command raised, as `app._run` does."""
    from xerocli.cli.runner import start, typer_class

    module, function, leading = parsed.target  # type: ignore[misc]
    given = parsed.levels[0].kwargs()
    given.pop("version", None)
    context = start(given)
    try:
        try:
            body = getattr(importlib.import_module(module), function)
            kwargs = parsed.leaf.kwargs()
            ctx_name = parsed.leaf.spec["ctx"]
            if ctx_name:
                kwargs[ctx_name] = CommandContext(context, f"xero {parsed.leaf.path}")
            body(*leading, **kwargs)
        except Exception as exc:
            _attach_context(exc, parsed.leaf.path)
            raise
        finally:
            context.close()
    except Exception as exc:
        exit_class = typer_class("Exit")
        if exit_class is not None and isinstance(exc, exit_class):
            sys.stdout.flush()
            return exc.exit_code
        raise
    sys.stdout.flush()
    return None


def _attach_context(exc: Exception, path: str) -> None:
    """A usage error the command body raised (typer's BadParameter, e.g. `--json -o csv`) is
    printed by typer with the command's usage line: give it the click context typer would
    have, built (typer is imported already: the error is typer's)."""
    if not hasattr(exc, "ctx") or getattr(exc, "ctx", None) is not None:
        return
    if "typer" not in sys.modules:
        return
    from xerocli.cli.app import root_command

    command = root_command()
    ctx = command.make_context("xero", [], resilient_parsing=True)
    for word in path.split():
        command = command.get_command(ctx, word)
        ctx = command.make_context(word, [], parent=ctx, resilient_parsing=True)
    exc.ctx = ctx  # type: ignore[attr-defined]
    if hasattr(exc, "cmd"):
        exc.cmd = command  # type: ignore[attr-defined]
