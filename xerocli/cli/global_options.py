"""The options that apply to the whole command line, declared once, and accepted anywhere on it.

`xero invoices list --tenant Acme` means the same as `xero --tenant Acme invoices list`, as in gh.
Click only reads an option on the command that declares it, so before parsing, `hoist()` moves
every global option it finds after a subcommand to the front of the line (and an `-o/--output`
given before the subcommand to the command it belongs to). One table feeds both that pre-pass
and the root command's parameters (`cli/app.py`), and TAB completion (`cli/complete.py`).

Stdlib only: TAB completion imports this without typer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GlobalOption:
    """One option of the whole command line.

    `field` is the GlobalOptions attribute it sets (root options only). `on_command`: the
    option belongs to the command that runs (declared there, e.g. `-o/--output`), so given
    before the subcommand it is moved after it instead of to the front.
    """

    names: tuple[str, ...]
    field: str
    help: str
    takes_value: bool = False
    envvar: str | None = None
    on_command: bool = False


GLOBAL_OPTIONS: tuple[GlobalOption, ...] = (
    GlobalOption(
        ("--profile",),
        "profile",
        "Profile (app and login) to use.",
        takes_value=True,
        envvar="XERO_PROFILE",
    ),
    GlobalOption(
        ("--tenant",),
        "tenant",
        "Organisation name or ID for this command (XERO_TENANT_ID).",
        takes_value=True,
    ),
    GlobalOption(("--sandbox",), "sandbox", "Run against a local sandbox, logged in by itself."),
    GlobalOption(
        ("--sandbox-url",),
        "sandbox_url",
        "Send every endpoint to this sandbox (XERO_SANDBOX_URL).",
        takes_value=True,
    ),
    GlobalOption(("--debug",), "debug", "Trace HTTP calls on stderr (redacted)."),
    GlobalOption(("--no-color",), "no_color", "No colour (also NO_COLOR)."),
    GlobalOption(("--quiet", "-q"), "quiet", "Print only the data: no notes on stderr."),
    GlobalOption(
        ("--output", "-o"),
        "output",
        "Output format of the command (see its --help).",
        takes_value=True,
        on_command=True,
    ),
)

ROOT_OPTIONS = tuple(option for option in GLOBAL_OPTIONS if not option.on_command)


def _lookup(word: str, options: dict[str, object]) -> tuple[str, bool] | None:
    """(name, value attached) when `word` spells an option among `options`, else None.

    `--tenant=X` and `-oX` carry their value; `--tenant` and `-o` take the next word.
    """
    if word.startswith("--"):
        name = word.partition("=")[0]
        return (name, "=" in word) if name in options else None
    if word in options:
        return word, False
    if len(word) > 2 and word[:2] in options:
        return word[:2], True
    return None


def _own_options(node: dict) -> dict[str, bool]:
    """{option name: takes a value} for one command of the completion index."""
    return {name: row[1] for row in node["options"] for name in row[0]}


def hoist(argv: list[str], index: dict[str, dict] | None = None) -> list[str]:
    """`argv` with every global option after a subcommand moved to the front (where the root
    command reads it), and an `-o/--output` before the subcommand moved after it.

    Walks the line as click parses it, with the command tree of the completion index: the value
    of an option is never read as an option (`--reference --debug` keeps `--debug` as the
    reference), an option the command declares itself stays its own, and nothing after `--`
    moves.
    """
    if index is None:
        from xerocli.cli._command_index import COMMANDS as index
    by_name = {name: option for option in GLOBAL_OPTIONS for name in option.names}
    front: list[str] = []
    to_command: list[str] = []
    rest: list[str] = []
    command_end = 0  # where in `rest` the command path ends
    path = ""
    node = index[path]
    positional = 0
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            rest.extend(argv[i:])
            break
        if word.startswith("-") and word != "-":
            own = _own_options(node)
            found = _lookup(word, own)
            if found is not None:
                name, attached = found
                taken = argv[i : i + 2] if own[name] and not attached else argv[i : i + 1]
                rest.extend(taken)
                i += len(taken)
                continue
            found = _lookup(word, by_name)
            if found is not None:
                name, attached = found
                option = by_name[name]
                taken = argv[i : i + 2] if option.takes_value and not attached else argv[i : i + 1]
                (to_command if option.on_command else front).extend(taken)
                i += len(taken)
                continue
            rest.append(word)  # unknown: click names it in its error
            i += 1
            continue
        child = f"{path} {word}".strip()
        if positional == 0 and word in node.get("commands", {}) and child in index:
            path, node = child, index[child]
            rest.append(word)
            command_end = len(rest)
        else:
            positional += 1
            rest.append(word)
        i += 1
    return front + rest[:command_end] + to_command + rest[command_end:]
