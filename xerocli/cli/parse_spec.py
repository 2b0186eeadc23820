"""The generator of `_parse_index.py`: what the fast parser needs to parse a command line as
typer would, read from the click commands typer builds (never from `--help`).

For every command path: whether it is a group (its subcommands, its callback), how click's
parser is set up for it, and each parameter as click processes it: its option strings, flag
constants, `multiple`/`nargs`, its click type (str, int and float ranges, bool, choice), its
default and environment variable, the callback (replayed only when it is a known pure
function, else the command line falls back to typer), and typer's conversion of the value
before the function gets it (list, enum, Path). A command whose function can be called without
typer carries `fast_target` (see `objects.fast_command`); only those run from the fast path.

Anything not described here (a prompt, a counted option, a custom click type, a token
normaliser, a callback that is not known to be pure) marks the command `unsupported`, so the
fast parser hands its command lines to typer whole.
"""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Any

LITERALS = (type(None), bool, int, float, str)


class Unsupported(Exception):
    """Something about a parameter the fast parser does not replay."""


def _type_spec(click_type: Any) -> tuple:
    from typer._click import types
    from typer._types import TyperChoice

    kind = type(click_type)
    if isinstance(click_type, types.StringParamType):
        if kind.convert is not types.StringParamType.convert:
            raise Unsupported(f"string type {kind.__name__} converts")
        return ("str",)
    if kind in (types.IntRange, types.FloatRange):
        bound = (click_type.min, click_type.max, click_type.min_open, click_type.max_open)
        return ("int" if kind is types.IntRange else "float", *bound, click_type.clamp)
    if kind in (types.IntParamType, types.FloatParamType):
        return ("int" if kind is types.IntParamType else "float", None, None, False, False, False)
    if kind is types.BoolParamType:
        return ("bool",)
    if kind is TyperChoice:
        choices = tuple(click_type.choices)
        if not all(isinstance(c, str) and not isinstance(c, Enum) for c in choices):
            raise Unsupported("choice of non-strings")
        return ("choice", choices, bool(click_type.case_sensitive))
    raise Unsupported(f"click type {kind.__name__}")


def _convert_spec(convertor: Any) -> tuple | None:
    """typer's conversion of a parsed value (`get_callback`'s convertors), as data."""
    if convertor is None:
        return None
    name = convertor.__qualname__
    found = inspect.getclosurevars(convertor).nonlocals
    if name == "param_path_convertor":
        return ("path",)
    if name == "generate_enum_convertor.<locals>.convertor":
        enum = found["enum"]
        return ("enum", f"{enum.__module__}:{enum.__qualname__}")
    if name == "generate_list_convertor.<locals>.internal_convertor":
        default = found["default_value"]
        if default not in (None, ()) and not isinstance(default, list):
            raise Unsupported("list default")
        inner = _convert_spec(found["convertor"])
        return ("list", found["default_value"] is None, inner)
    raise Unsupported(f"typer convertor {name}")


def _callback_spec(param: Any) -> tuple | None:
    callback = param.callback
    if callback is None:
        return None
    replay = getattr(callback, "fast_callback", None)
    if replay:
        return ("replay", replay)
    qualname = getattr(callback, "__qualname__", "")
    if qualname == "help_option.<locals>.show_help" or (
        qualname == "_version" and callback.__module__ == "xerocli.cli.app"
    ):
        return ("inert",)  # returns None, and does nothing unless given (typer answers then)
    raise Unsupported(f"callback {qualname}")


def _param_spec(param: Any, convertor: Any) -> tuple:
    kind = getattr(param, "param_type_name", "")
    if kind not in ("option", "argument"):
        raise Unsupported(f"parameter kind {kind}")
    if getattr(param, "prompt", None) is not None:
        raise Unsupported("prompt")
    if getattr(param, "count", False):
        raise Unsupported("count")
    if kind == "option" and param.nargs != 1:
        raise Unsupported("option nargs")
    if kind == "argument" and param.nargs not in (1, -1):
        raise Unsupported("argument nargs")
    default = param.default
    if not isinstance(default, LITERALS) or callable(default):
        raise Unsupported(f"default {type(default).__name__}")
    flag = None
    if kind == "option" and param.is_flag:
        if not param.is_bool_flag:
            raise Unsupported("non-boolean flag")
        flag = True
    envvar = param.envvar
    if isinstance(envvar, list | tuple):
        envvar = tuple(envvar)
    elif envvar is not None and not isinstance(envvar, str):
        raise Unsupported("envvar")
    return (
        param.name,
        kind,
        tuple(sorted(param.opts)),  # sorted: click may build them from a set (the help option)
        tuple(sorted(getattr(param, "secondary_opts", ()) or ())),
        flag,
        bool(param.multiple),
        param.nargs,
        _type_spec(param.type),
        default,
        envvar,
        bool(param.required),
        bool(param.is_eager),
        _callback_spec(param),
        bool(param.expose_value),
        _convert_spec(convertor),
    )


def _function_of(command: Any) -> tuple[Any, dict, str | None]:
    """(the function typer calls, its convertors by parameter, its context parameter)."""
    import typer.main

    callback = command.callback
    if callback is None:
        return None, {}, None
    function = getattr(callback, "__wrapped__", callback)
    _, convertors, ctx_name = typer.main.get_params_convertors_ctx_param_name_from_function(
        function
    )
    return function, convertors, ctx_name


def node_spec(visited: Any) -> dict:
    """The parse record of one command of the tree."""
    command, ctx = visited.command, visited.ctx
    spec: dict[str, Any] = {"group": visited.is_group}
    try:
        if ctx.token_normalize_func is not None:
            raise Unsupported("token normaliser")
        if ctx.auto_envvar_prefix is not None:
            raise Unsupported("auto envvar prefix")
        function, convertors, ctx_name = _function_of(command)
        spec["interspersed"] = bool(ctx.allow_interspersed_args)
        spec["extra_args"] = bool(ctx.allow_extra_args)
        spec["ignore_unknown"] = bool(ctx.ignore_unknown_options)
        spec["no_args_is_help"] = bool(getattr(command, "no_args_is_help", False))
        if visited.is_group:
            spec["commands"] = tuple(name for name, _ in visited.subcommands())
            spec["invoke_without_command"] = bool(command.invoke_without_command)
            if getattr(command, "chain", False):
                raise Unsupported("chained group")
        spec["callback"] = None if function is None else "root" if not visited.path else "own"
        target = getattr(function, "fast_target", None)
        spec["target"] = tuple(target) if target else None
        spec["ctx"] = ctx_name
        spec["params"] = tuple(
            _param_spec(param, convertors.get(param.name)) for param in command.get_params(ctx)
        )
        spec["unsupported"] = ""
    except Unsupported as exc:
        spec = {"group": visited.is_group, "unsupported": str(exc)}
    return spec


def build_index(root: Any = None) -> dict[str, dict]:
    """Every command path (words joined by spaces, "" for the root) and its parse record."""
    from xerocli.cli import tree

    return {" ".join(node.path): node_spec(node) for node in tree.walk(root)}


def render_index(index: dict[str, dict]) -> str:
    """Python source for `xerocli/cli/_parse_index.py`: literals only."""
    lines = [
        '"""How typer parses every command line: options, types, defaults, conversions.',
        "",
        "Generated from the typer app by `python -m xerocli.cli.generate`: do not edit; a test",
        'fails when it is stale. Read by `xerocli/cli/fastparse.py`."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "COMMANDS: dict = {",
    ]
    for path, spec in index.items():
        lines.append(f"    {path!r}: {{")
        for key, value in spec.items():
            if key == "params":
                lines.append("        'params': (")
                lines.extend(f"            {param!r}," for param in value)
                lines.append("        ),")
            else:
                lines.append(f"        {key!r}: {value!r},")
        lines.append("    },")
    lines += ["}", "# fmt: on", ""]
    return "\n".join(lines)
