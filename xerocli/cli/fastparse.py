"""Parse a command line as typer would, from the generated `_parse_index.py`, without typer.

`xero invoices list` spent most of its start-up importing typer (and the click it bundles)
and converting the command's signature, only to parse a handful of words. This module is a
port of click's parser (`typer/_click/parser.py`: long and short options, `--opt=value`,
`-ovalue`, grouped short flags, `--`, interspersed arguments, `nargs=-1`) and of its value
processing (`core.py`: invocation order, environment variables, defaults, type conversion,
`required`, callbacks) and typer's conversions (list, enum, Path), driven by the record of each
command that `parse_spec.py` wrote at generate time.

It only ever answers what it is sure of: every error click would raise (an unknown option, a
bad value, a missing argument, `--help`, `--version`, a group without its command, a word
that is not a command) and every command it does not describe (`unsupported`) is `Fallback`,
and the caller hands the whole line to typer, which prints exactly its own error. So the fast
path never prints a usage error of its own, and never runs a half-parsed command.

Stdlib only. `tests/cli/test_fastparse.py` checks it against typer on a corpus of lines.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# The fields of a parameter record (see parse_spec._param_spec).
NAME, KIND, OPTS, SECONDARY, FLAG, MULTIPLE, NARGS, TYPE, DEFAULT = range(9)
ENVVAR, REQUIRED, EAGER, CALLBACK, EXPOSE, CONVERT = range(9, 15)

BOOL_STATES = {
    "1": True,
    "0": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "on": True,
    "off": False,
    "t": True,
    "f": False,
    "y": True,
    "n": False,
    "": False,
}


class Fallback(Exception):
    """The line is not one the fast path answers: typer parses it, whole. The text says why
    (tests check a valid line falls back only for the reasons they expect)."""


@dataclass
class Level:
    """One command of the path, as click's context holds it after parsing."""

    path: str  # "" for the root, "invoices list" for a subcommand
    spec: dict
    params: dict[str, Any] = field(default_factory=dict)  # ctx.params: click's values

    def kwargs(self) -> dict[str, Any]:
        """What typer's wrapper passes the function: each value through typer's convertor
        (the context parameter left to the caller)."""
        converters = {p[NAME]: p[CONVERT] for p in self.spec["params"]}
        return {name: _typer_convert(converters.get(name), v) for name, v in self.params.items()}


@dataclass
class Parsed:
    levels: list[Level]

    @property
    def leaf(self) -> Level:
        return self.levels[-1]

    @property
    def target(self) -> tuple | None:
        """(module, function, leading arguments) of a command runnable without typer: its own
        function is typer-free and no group between it and the root has a callback."""
        if any(level.spec.get("callback") for level in self.levels[1:-1]):
            return None
        return self.leaf.spec.get("target")


def load_index() -> dict[str, dict]:
    from xerocli.cli._parse_index import COMMANDS

    return COMMANDS


def parse(
    args: Sequence[str],
    index: Mapping[str, dict] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Parsed:
    """The parsed levels of `args` (already hoisted, see `global_options.hoist`), or Fallback."""
    index = load_index() if index is None else index
    environ = os.environ if environ is None else environ
    path = ""
    spec = _spec(index, path)
    levels = []
    rest = list(args)
    while True:
        level = Level(path, spec)
        rest = _parse_level(spec, rest, level.params, environ)
        levels.append(level)
        if not spec["group"]:
            return Parsed(levels)
        if not rest:
            if spec["invoke_without_command"]:  # `xero organisation`: the group's own callback
                return Parsed(levels)
            raise Fallback("group without a command")  # typer's error
        name = rest.pop(0)
        if name not in spec["commands"]:
            raise Fallback(f"not a command: {name!r}")
        path = f"{path} {name}".strip()
        spec = _spec(index, path)


def _spec(index: Mapping[str, dict], path: str) -> dict:
    spec = index.get(path)
    if spec is None:
        raise Fallback(f"not in the index: {path!r}")
    if spec["unsupported"]:
        raise Fallback(f"unsupported: {spec['unsupported']}")
    return spec


# --- click's parser -----------------------------------------------------------------------


def _split_opt(opt: str) -> tuple[str, str]:
    first = opt[:1]
    if first.isalnum():
        return "", opt
    if opt[1:2] == first:
        return opt[:2], opt[2:]
    return first, opt[1:]


@dataclass
class _Option:
    param: tuple
    const: Any  # the flag's value (True, or False for a secondary `--no-x`); None: takes one

    @property
    def takes_value(self) -> bool:
        return self.param[FLAG] is None


class _Parser:
    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self.interspersed = spec["interspersed"]
        self.ignore_unknown = spec["ignore_unknown"]
        self.short: dict[str, _Option] = {}
        self.long: dict[str, _Option] = {}
        self.prefixes = {"-", "--"}
        self.arguments: list[tuple] = []
        for param in spec["params"]:
            if param[KIND] == "argument":
                self.arguments.append(param)
                continue
            self._add(param, param[OPTS], True if param[FLAG] else None)
            if param[FLAG] and param[SECONDARY]:
                self._add(param, param[SECONDARY], False)

    def _add(self, param: tuple, opts: Sequence[str], const: Any) -> None:
        option = _Option(param, const)
        for opt in opts:
            prefix, value = _split_opt(opt)
            if not prefix:
                raise Fallback(f"option without a prefix: {opt}")
            self.prefixes.add(prefix[0])
            if len(prefix) == 1 and len(value) == 1:
                self.short[opt] = option
            else:
                self.long[opt] = option
                self.prefixes.add(prefix)

    def parse(self, args: list[str]) -> tuple[dict[str, Any], list[str], list[tuple]]:
        self.opts: dict[str, Any] = {}
        self.largs: list[str] = []
        self.rargs = args
        self.order: list[tuple] = []
        self._options()
        self._arguments()
        return self.opts, self.largs, self.order

    def _process(self, option: _Option, value: Any) -> None:
        param = option.param
        name = param[NAME]
        if option.takes_value:
            if param[MULTIPLE]:
                self.opts.setdefault(name, []).append(value)
            else:
                self.opts[name] = value
        elif param[MULTIPLE]:
            self.opts.setdefault(name, []).append(option.const)
        else:
            self.opts[name] = option.const
        self.order.append(param)

    def _options(self) -> None:
        while self.rargs:
            arg = self.rargs.pop(0)
            if arg == "--":
                return
            if arg[:1] in self.prefixes and len(arg) > 1:
                self._opts(arg)
            elif self.interspersed:
                self.largs.append(arg)
            else:
                self.rargs.insert(0, arg)
                return

    def _opts(self, arg: str) -> None:
        explicit = None
        long_opt = arg
        if "=" in arg:
            long_opt, explicit = arg.split("=", 1)
        if long_opt in self.long:
            self._match_long(long_opt, explicit)
            return
        if arg[:2] not in self.prefixes:
            self._match_short(arg)
            return
        if not self.ignore_unknown:
            raise Fallback(f"no such option: {long_opt}")
        self.largs.append(arg)

    def _match_long(self, opt: str, explicit: str | None) -> None:
        option = self.long[opt]
        if option.takes_value:
            if explicit is not None:
                self.rargs.insert(0, explicit)
            value = self._value(opt)
        elif explicit is not None:
            raise Fallback(f"option {opt} takes no value")
        else:
            value = None
        self._process(option, value)

    def _match_short(self, arg: str) -> None:
        prefix = arg[0]
        unknown = []
        i = 1
        for ch in arg[1:]:
            opt = f"{prefix}{ch}"
            option = self.short.get(opt)
            i += 1
            if not option:
                if self.ignore_unknown:
                    unknown.append(ch)
                    continue
                raise Fallback(f"no such option: {opt}")
            stop = False
            value = None
            if option.takes_value:
                if i < len(arg):
                    self.rargs.insert(0, arg[i:])
                    stop = True
                value = self._value(opt)
            self._process(option, value)
            if stop:
                break
        if self.ignore_unknown and unknown:
            self.largs.append(f"{prefix}{''.join(unknown)}")

    def _value(self, opt: str) -> str:
        if not self.rargs:
            raise Fallback(f"option {opt} requires a value")
        return self.rargs.pop(0)

    def _arguments(self) -> None:
        values, rest = _unpack_args(self.largs + self.rargs, [p[NARGS] for p in self.arguments])
        for param, value in zip(self.arguments, values, strict=True):
            if param[NARGS] == -1 and value == ():
                value = None
            self.opts[param[NAME]] = value
            self.order.append(param)
        self.largs = rest
        self.rargs = []


def _unpack_args(args: Sequence[str], nargs_spec: Sequence[int]) -> tuple[list, list[str]]:
    """click's `_unpack_args` for nargs 1 and -1 (the only ones the index admits)."""
    queue = deque(args)
    specs = deque(nargs_spec)
    values: list[Any] = []
    star: int | None = None

    def fetch(c: deque) -> Any:
        try:
            return c.popleft() if star is None else c.pop()
        except IndexError:
            return None

    while specs:
        nargs = fetch(specs)
        if nargs == 1:
            values.append(fetch(queue))
        else:
            if star is not None:
                raise Fallback("two nargs=-1 arguments")
            star = len(values)
            values.append(None)
    if star is not None:
        values[star] = tuple(queue)
        queue = deque()
        values[star + 1 :] = reversed(values[star + 1 :])
    return values, list(queue)


# --- click's value processing ---------------------------------------------------------------


def _parse_level(
    spec: dict, args: list[str], params: dict[str, Any], environ: Mapping[str, str]
) -> list[str]:
    """`Command.parse_args` (and `TyperGroup.parse_args`): fills `params`, returns what is
    left for a group's subcommand."""
    if not args and spec["no_args_is_help"]:
        raise Fallback("no arguments: help")
    opts, rest, order = _Parser(spec).parse(list(args))
    for param in _processing_order(order, spec["params"]):
        value = _handle(param, opts, environ)
        if param[EXPOSE]:
            params[param[NAME]] = value
    if rest and not spec["extra_args"]:
        raise Fallback("unexpected extra arguments")
    return rest if spec["group"] else []


def _processing_order(order: list[tuple], declared: Sequence[tuple]) -> list[tuple]:
    """click's `iter_params_for_processing`: eager first, then as given, then the rest."""
    first_at: dict[int, int] = {}
    for at, param in enumerate(order):
        first_at.setdefault(id(param), at)
    never = len(order)
    return sorted(declared, key=lambda p: (not p[EAGER], first_at.get(id(p), never)))


def _handle(param: tuple, opts: Mapping[str, Any], environ: Mapping[str, str]) -> Any:
    value = opts.get(param[NAME])
    if value is None:
        value = _from_envvar(param, environ)
    if value is None:
        value = param[DEFAULT]
    value = _cast(param, value)
    if param[REQUIRED] and _missing(param, value):
        raise Fallback(f"missing {param[NAME]}")
    callback = param[CALLBACK]
    if callback is not None:
        if callback[0] == "inert":
            if value:
                raise Fallback(f"{param[NAME]} given")  # --help, --version: typer answers
            value = None  # what the callback returns, and so what click keeps
        else:
            value = _replay(callback[1], value)
    return value


def _from_envvar(param: tuple, environ: Mapping[str, str]) -> Any:
    envvar = param[ENVVAR]
    if envvar is None:
        return None
    found = None
    for name in (envvar,) if isinstance(envvar, str) else envvar:
        if environ.get(name):
            found = environ[name]
            break
    if found is None:
        return None
    if param[NARGS] != 1 or (param[KIND] == "option" and param[MULTIPLE]):
        raise Fallback("a list from an environment variable")  # split by the click type
    return found


def _missing(param: tuple, value: Any) -> bool:
    if value is None:
        return True
    return (param[NARGS] != 1 or param[MULTIPLE]) and value == ()


def _cast(param: tuple, value: Any) -> Any:
    """`Parameter.type_cast_value`."""
    if value is None:
        return () if param[MULTIPLE] or param[NARGS] == -1 else None
    kind = param[TYPE]
    if param[MULTIPLE] or param[NARGS] == -1:
        if isinstance(value, str):
            raise Fallback("a string where click wants values")
        return tuple(_convert(kind, item) for item in value)
    return _convert(kind, value)


def _convert(kind: tuple, value: Any) -> Any:
    """The click type's `convert`: any failure is click's BadParameter, so typer's."""
    name = kind[0]
    if name == "str":
        if isinstance(value, bytes):
            raise Fallback("bytes")
        return str(value)
    if name == "bool":
        if isinstance(value, bool):
            return value
        found = BOOL_STATES.get(value.strip().lower()) if isinstance(value, str) else None
        if found is None:
            raise Fallback(f"not a boolean: {value!r}")
        return found
    if name in ("int", "float"):
        return _number(kind, value)
    if name == "choice":
        choices, case_sensitive = kind[1], kind[2]

        def normal(text: str) -> str:
            return text if case_sensitive else text.casefold()

        wanted = normal(str(value))
        for choice in choices:
            if normal(choice) == wanted:
                return choice
        raise Fallback(f"not a choice: {value!r}")
    raise Fallback(f"type {name}")


def _number(kind: tuple, value: Any) -> Any:
    name, low, high, low_open, high_open, clamp = kind
    try:
        number = int(value) if name == "int" else float(value)
    except (ValueError, TypeError) as exc:
        raise Fallback(f"not a number: {value!r}") from exc
    below = low is not None and (number <= low if low_open else number < low)
    above = high is not None and (number >= high if high_open else number > high)
    if clamp:
        if below:
            return _clamp(name, low, 1, low_open)
        if above:
            return _clamp(name, high, -1, high_open)
    if below or above:
        raise Fallback(f"out of range: {number}")
    return number


def _clamp(name: str, bound: Any, direction: int, is_open: bool) -> Any:
    if not is_open:
        return bound
    if name == "float":
        raise Fallback("clamping an open float range")
    return bound + direction


def _replay(where: str, value: Any) -> Any:
    """A parameter's callback that is a known pure function of its value (e.g. the KEY
    check): its error is typer's to print, so any exception falls back."""
    import importlib

    module, _, function = where.partition(":")
    try:
        return getattr(importlib.import_module(module), function)(value)
    except Exception as exc:
        raise Fallback(f"callback refused {value!r}") from exc


# --- typer's conversions ----------------------------------------------------------------


def _typer_convert(spec: tuple | None, value: Any) -> Any:
    if spec is None:
        return value
    kind = spec[0]
    if kind == "list":
        _, default_is_none, inner = spec
        if value is None or (default_is_none and len(value) == 0):
            return None
        return [_typer_convert(inner, item) for item in value]
    if kind == "enum":
        if value is None:
            return None
        import importlib

        module, _, name = spec[1].partition(":")
        enum = getattr(importlib.import_module(module), name)
        by_value = {str(member.value): member for member in enum}
        text = str(value)
        return enum(by_value[text]) if text in by_value else None
    if kind == "path":
        if value is None:
            return None
        from pathlib import Path

        return value if isinstance(value, Path) else Path(value)
    raise Fallback(f"typer conversion {kind}")
