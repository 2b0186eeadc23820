"""Commands built at run time from a table (resources, reports): a typer-readable signature
around one body, so a new table entry needs no hand-written command."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import typer

from xerocli.cli.options import OutputFormat, fields_option, json_option, output_option


def command_from(
    name: str, params: list[inspect.Parameter], body: Callable[..., None], help_text: str
) -> Callable[..., None]:
    """A function typer can read: `body(**options)` behind a signature built at run time."""

    def command(**kwargs: Any) -> None:
        body(**kwargs)

    command.__name__ = name
    command.__doc__ = help_text
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command


def fast_command(
    command: Callable[..., None], module: str, function: str, *args: str
) -> Callable[..., None]:
    """`command`, marked with the typer-free body it runs (`module.function(*args, **options)`,
    a module that does not import typer): the generated parse index records it, and the fast
    parser (`cli/fastparse.py`) calls that body with the arguments typer would pass."""
    command.fast_target = (module, function, args)  # type: ignore[attr-defined]
    return command


def option_param(name: str, default: Any, annotation: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def output_params() -> list[inspect.Parameter]:
    return [
        option_param("output", output_option(), OutputFormat | None),
        option_param("as_json", json_option(), bool),
        option_param("fields", fields_option(), str | None),
    ]


def file_params(file_help: str) -> list[inspect.Parameter]:
    """`--file` and its `--format`: what `create` (many records) and `update` (one) read."""
    from xerocli.cli.choices import offered

    return [
        option_param("file", typer.Option(None, "--file", help=file_help), str | None),
        option_param(
            "file_format",
            typer.Option(
                None,
                "--format",
                help="json, ndjson or csv (default: from the file).",
                click_type=offered(("json", "ndjson", "csv")),
            ),
            str | None,
        ),
    ]


def ctx_param() -> inspect.Parameter:
    return inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)


def key_param(help_text: str) -> inspect.Parameter:
    """The KEY argument of `get`, `void`, `delete`, `update`...: checked as it is parsed, so an
    empty or path-like key fails before the login is read or anything is sent."""

    def check(value: str) -> str:
        from xerocli.api.keys import checked_key

        return checked_key(value)

    check.fast_callback = "xerocli.api.keys:checked_key"  # type: ignore[attr-defined]
    return inspect.Parameter(
        "key",
        inspect.Parameter.KEYWORD_ONLY,
        default=typer.Argument(
            ..., help=help_text, show_default=False, metavar="KEY", callback=check
        ),
        annotation=str,
    )
