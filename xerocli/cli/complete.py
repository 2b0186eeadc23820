"""Answer TAB completion from the generated command index, without importing typer.

Every TAB press runs `xero`, so a completion request must cost little more than starting
Python: this module imports only `os` and `sys`, and reads the tree from `_command_index`
(generated from the typer app by `python -m xerocli.cli.generate`, and checked for staleness by
the tests).

The protocol, spoken by the scripts in `completions/` (rendered by `script()` below):

- `_XERO_COMPLETE=bash_complete|zsh_complete|fish_complete` asks for candidates;
  `_XERO_COMPLETE=bash_source|zsh_source|fish_source` (or `source_bash`, ...) prints the script.
- `COMP_WORDS`: the words of the command line up to the cursor, one per line (newlines, not
  spaces, so a quoted value with a space stays one word), the program name first;
  `COMP_CWORD`: the index of the word under the cursor (missing or past the end: "").
- The words travel in the environment, never in argv: a `xero` that does not know the protocol
  sees no arguments and prints its help instead of running a command.
- Answer, one candidate a line: bash `TYPE,VALUE`; zsh three lines `TYPE`, `VALUE`, `HELP` (`_`
  for none); fish `TYPE,VALUE<TAB>HELP`. TYPE is `plain`, or `file`/`dir` (VALUE empty: let the
  shell complete paths).
"""

from __future__ import annotations

import os
import sys

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_XERO_COMPLETE"

# One entry of the index: a command path ("" is the root, "invoices list" a subcommand).
#   "help": short help; "commands": {name: short help} for groups;
#   "options": [(names, takes_value, choices, kind, help, multiple)] with kind "" | "file" | "dir"
#   (choices: a tuple, or {first argument's value: tuple, "": every value} when the list depends
#   on the command's first argument, as `export csv OBJECT --status` does)
#   | "dynamic" (values computed by the command's own completion function);
#   "arguments": [(name, choices, kind, nargs)].
Node = dict


class NeedsApp(Exception):
    """The value has a completion function of its own: only the live command tree knows it."""


def _index() -> dict[str, Node]:
    from xerocli.cli._command_index import COMMANDS

    return COMMANDS


class _Option:
    __slots__ = ("choices", "help", "kind", "multiple", "names", "takes_value")

    def __init__(self, row: tuple) -> None:
        self.names, self.takes_value, self.choices, self.kind, self.help, self.multiple = row


def _options(node: Node, root: Node | None = None) -> dict[str, _Option]:
    """The options a command takes: its own, and the root's global ones (accepted anywhere on
    the line, see `global_options`) that it does not declare itself."""
    from xerocli.cli.global_options import ROOT_OPTIONS

    found: dict[str, _Option] = {}
    for row in node["options"]:
        option = _Option(row)
        for name in option.names:
            found[name] = option
    if root is None or root is node:
        return found
    global_names = {name for option in ROOT_OPTIONS for name in option.names}
    for row in root["options"]:
        option = _Option(row)
        if set(option.names) <= global_names and not found.keys() & set(option.names):
            for name in option.names:
                found[name] = option
    return found


def _join_equals(words: list[str]) -> list[str]:
    """bash splits `--output=js` into `--output`, `=`, `js` (COMP_WORDBREAKS); join them back."""
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "=" and joined and joined[-1].startswith("--") and "=" not in joined[-1]:
            joined[-1] += "="
            if i + 1 < len(words):
                joined[-1] += words[i + 1]
                i += 1
        else:
            joined.append(word)
        i += 1
    return joined


def candidates(
    args: list[str], incomplete: str, index: dict[str, Node] | None = None
) -> list[tuple[str, str, str]]:
    """(type, value, help) for the word being typed after `xero ARGS...`.

    Walks the words the way click parses them: options (and the value of those that take one)
    are skipped, a word that names a subcommand descends into it, anything else is an argument.
    """
    index = _index() if index is None else index
    path = ""
    node = root = index[path]
    seen: set[str] = set()
    positional = 0
    first_argument: str | None = None  # picks the list of a by-argument option (export csv X)
    only_args = False
    pending: _Option | None = None
    for word in args:
        if pending is not None:
            pending = None
            continue
        if not only_args and word == "--":
            only_args = True
            continue
        if not only_args and word.startswith("-") and word != "-":
            option = _find_option(node, word, root)
            if option is not None:
                seen.update(option.names)
                attached = "=" in word or (
                    not word.startswith("--") and len(word) > 2 and word[:2] in option.names
                )
                if option.takes_value and not attached:
                    pending = option
            continue
        child = f"{path} {word}".strip()
        if (
            not only_args
            and positional == 0
            and word in node.get("commands", {})
            and child in index
        ):
            path, node, seen = child, index[child], set()
            continue
        if positional == 0:
            first_argument = word
        positional += 1
    if pending is not None:
        return _values(pending, incomplete, first_argument)
    if not only_args and incomplete.startswith("--") and "=" in incomplete:
        name, _, value = incomplete.partition("=")
        option = _options(node, root).get(name)
        if option is None or not option.takes_value:
            return []
        return [
            (kind, f"{name}={v}" if kind == "plain" else v, h)
            for kind, v, h in _values(option, value, first_argument)
        ]
    if not only_args and incomplete.startswith("-"):
        return [
            ("plain", name, option.help)
            for name, option in _options(node, root).items()
            if name.startswith(incomplete) and (option.multiple or not seen & set(option.names))
        ]
    commands = node.get("commands", {})
    if commands and positional == 0:
        return [("plain", name, h) for name, h in commands.items() if name.startswith(incomplete)]
    arguments = node.get("arguments", [])
    argument = _argument_at(arguments, positional)
    if argument is None:
        return []
    _name, choices, kind, _nargs = argument
    if kind == "dynamic":
        raise NeedsApp
    if choices:
        return [("plain", c, "") for c in choices if c.startswith(incomplete)]
    if kind:
        return [(kind, incomplete, "")]
    return []


def _before_the_command() -> dict[str, _Option]:
    """`-o/--output` given before the subcommand (`xero -o csv invoices list`): the command's
    own option, which the line's pre-pass moves after it (`global_options.hoist`)."""
    from xerocli.cli.formats import OutputFormat
    from xerocli.cli.global_options import GLOBAL_OPTIONS

    found: dict[str, _Option] = {}
    for spec in GLOBAL_OPTIONS:
        if spec.on_command:
            row = (spec.names, True, tuple(f.value for f in OutputFormat), "", spec.help, False)
            for name in spec.names:
                found[name] = _Option(row)
    return found


def _find_option(node: Node, word: str, root: Node | None = None) -> _Option | None:
    options = _options(node, root)
    if root is None or node is root:
        options = {**_before_the_command(), **options}
    name = word.partition("=")[0] if word.startswith("--") else word
    if name in options:
        return options[name]
    if not word.startswith("--") and word[:2] in options:  # -ojson
        return options[word[:2]]
    return None


def _values(
    option: _Option, incomplete: str, first_argument: str | None = None
) -> list[tuple[str, str, str]]:
    if option.kind == "dynamic":
        raise NeedsApp
    choices = option.choices
    if isinstance(choices, dict):  # {first argument: its list, "": every value}
        choices = choices.get(first_argument or "", choices[""])
    if choices:
        return [("plain", c, "") for c in choices if c.startswith(incomplete)]
    if option.kind:
        return [(option.kind, incomplete, "")]
    return []


def _argument_at(arguments: list[tuple], position: int) -> tuple | None:
    for argument in arguments:
        nargs = argument[3]
        if nargs < 0 or position < nargs:
            return argument
        position -= nargs
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_candidates(shell: str, found: list[tuple[str, str, str]], incomplete: str) -> str:
    """The answer in the shape the shell's script reads (see the module docstring)."""
    lines: list[str] = []
    for kind, value, help_text in found:
        if kind != "plain":
            value = ""
        if shell == "bash":
            # bash completes the text after `=` as its own word: hand back only that part.
            if "=" in incomplete and value.startswith("--"):
                value = value.partition("=")[2]
            lines.append(f"{kind},{value}")
        elif shell == "zsh":
            lines.extend([kind, value, _one_line(help_text) or "_"])
        else:
            lines.append(
                f"{kind},{value}\t{_one_line(help_text)}" if help_text else f"{kind},{value}"
            )
    return "".join(line + "\n" for line in lines)


def request(environ: dict[str, str] | os._Environ = os.environ) -> tuple[str, str] | None:
    """(shell, "complete"|"source") when the environment asks for completion, else None."""
    instruction = environ.get(COMPLETE_VAR, "")
    if not instruction:
        return None
    first, _, second = instruction.partition("_")
    if first in SHELLS and second in ("complete", "source"):
        return first, second
    if second in SHELLS and first == "source":
        return second, "source"
    return None


def answer(shell: str, action: str, environ: dict[str, str] | os._Environ = os.environ) -> str:
    if action == "source":
        return script(shell)
    words = environ.get("COMP_WORDS", "").split("\n")
    try:
        cword = int(environ.get("COMP_CWORD", ""))
    except ValueError:
        cword = len(words) - 1
    cword = max(cword, 1)
    words = words[: cword + 1] + [""] * (cword + 1 - len(words))
    if shell == "bash":
        words = _join_equals(words)
    args, incomplete = words[1:-1], words[-1]
    try:
        found = candidates(args, incomplete)
    except NeedsApp:
        found = app_candidates(args, incomplete)
    return format_candidates(shell, found, incomplete)


def app_candidates(args: list[str], incomplete: str) -> list[tuple[str, str, str]]:
    """The slow path, for values only a command's completion function knows: click's resolver
    on the live typer app."""
    import typer.main
    from typer._completion_classes import BashComplete

    from xerocli.cli.app import app

    resolver = BashComplete(typer.main.get_command(app), {}, "xero", COMPLETE_VAR)
    return [
        (item.type, item.value, item.help or "")
        for item in resolver.get_completions(args, incomplete)
    ]


def main() -> None:
    """Called by the entry point when `_XERO_COMPLETE` is set: answer and exit."""
    asked = request()
    if asked is None:
        return
    try:
        sys.stdout.write(answer(*asked))
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    sys.exit(0)


# The scripts. `xero` is looked up on PATH at every TAB, so a reinstall needs no new script.

BASH = r"""# bash completion for xero. Generated by `python -m xerocli.cli.generate`: do not edit.
# Install: xero completion bash > ~/.local/share/bash-completion/completions/xero
_xero_completion() {
    local IFS=$'\n'
    local response line
    response=$(env COMP_WORDS="${COMP_WORDS[*]:0:COMP_CWORD+1}" COMP_CWORD="$COMP_CWORD" \
        _XERO_COMPLETE=bash_complete "$1" 2>/dev/null) || return 0
    COMPREPLY=()
    for line in $response; do
        case "$line" in
            plain,*) COMPREPLY+=("${line#plain,}") ;;
            file,*) compopt -o default 2>/dev/null; COMPREPLY=(); return 0 ;;
            dir,*) compopt -o dirnames 2>/dev/null; COMPREPLY=(); return 0 ;;
        esac
    done
    return 0
}

complete -o nosort -F _xero_completion xero 2>/dev/null || complete -F _xero_completion xero
"""

ZSH = r"""#compdef xero
# zsh completion for xero. Generated by `python -m xerocli.cli.generate`: do not edit.
# Install: xero completion zsh > "${fpath[1]}/_xero"   (then: autoload -U compinit && compinit)
_xero() {
    local -a response described plain
    local kind value help
    response=("${(@f)$(env COMP_WORDS="${(F)words[1,CURRENT]}" COMP_CWORD=$((CURRENT-1)) \
        _XERO_COMPLETE=zsh_complete xero 2>/dev/null)}")
    for kind value help in "${response[@]}"; do
        case "$kind" in
            plain)
                if [[ "$help" == "_" ]]; then
                    plain+=("$value")
                else
                    described+=("${value//:/\\:}:$help")
                fi
                ;;
            file) _path_files -f ;;
            dir) _path_files -/ ;;
        esac
    done
    (( ${#described} )) && _describe -V unsorted described -U
    (( ${#plain} )) && compadd -U -V unsorted -a plain
    return 0
}

if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then
    _xero "$@"
else
    compdef _xero xero
fi
"""

FISH = r"""# fish completion for xero. Generated by `python -m xerocli.cli.generate`: do not edit.
# Install: xero completion fish > ~/.config/fish/completions/xero.fish
function __xero_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l cword (math (count (commandline -opc)))
    set -l response (env COMP_WORDS=(string join \n -- $words | string collect) COMP_CWORD=$cword \
        _XERO_COMPLETE=fish_complete xero 2>/dev/null)
    for line in $response
        set -l parts (string split -m 1 , -- $line)
        switch $parts[1]
            case plain
                printf '%s\n' $parts[2]
            case file
                __fish_complete_path (commandline -ct)
            case dir
                __fish_complete_directories (commandline -ct)
        end
    end
end

complete --command xero --no-files --keep-order --arguments '(__xero_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
#: Where each script goes in `completions/` (zsh wants `_NAME` on its fpath).
FILENAMES = {"bash": "xero.bash", "zsh": "_xero", "fish": "xero.fish"}


def script(shell: str) -> str:
    return SCRIPTS[shell]
