"""The generators read whatever tree they are given: the command reference and the completion
index of a small typer app, and the reference of the real one."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pytest
import typer
import typer.main

from tests.helpers.cli import REPO
from xerocli.cli import complete, completion, reference, tree


class Colour(str, Enum):
    red = "red"
    blue = "blue"


def small_app() -> typer.Typer:
    app = typer.Typer(name="xero", rich_markup_mode=None, add_completion=False)

    @app.callback()
    def root(verbose: bool = typer.Option(False, "--verbose", help="Say more.")) -> None:
        """A small tree.

        \b
        a  b
        c  d
        """

    paint = typer.Typer(name="paint", help="Paint things.")

    @paint.command("wall")
    def wall(
        name: str = typer.Argument(..., help="Which wall.", metavar="NAME"),
        colour: Colour = typer.Option(Colour.red, "--colour", "-c", help="The colour."),
        plan: Path | None = typer.Option(None, "--plan", help="A floor plan."),
        secret: str = typer.Option("", "--secret", hidden=True),
        brush: str = typer.Option(
            "", "--brush", help="Which brush.", autocompletion=lambda: ["flat", "round"]
        ),
    ) -> None:
        """Paint one wall."""

    @paint.command("hidden-thing", hidden=True)
    def hidden_thing() -> None:
        """Not shown."""

    app.add_typer(paint, name="paint")
    return app


def test_reference_of_a_small_tree() -> None:
    text = reference.render(typer.main.get_command(small_app()))
    section = text.split("\n## xero paint wall\n", 1)[1]
    usage = section.split("```\n", 2)[1]
    assert usage.startswith("xero paint wall [OPTIONS] ") and "NAME" in usage
    assert section.split("```\n", 2)[2].startswith("\nPaint one wall.\n")
    assert "- `-c, --colour <red|blue>`: The colour. [default: red]" in text
    assert "- `--plan <path>`: A floor plan." in text
    assert "- `--verbose`: Say more." in text
    assert "```\na  b\nc  d\n```" in text  # a \b paragraph keeps its lines
    assert "- [`wall`](#xero-paint-wall): Paint one wall." in text
    assert "--secret" not in text
    assert "hidden-thing" not in text


def test_completion_index_of_a_small_tree() -> None:
    index = completion.build_index(typer.main.get_command(small_app()))
    assert sorted(index) == ["", "paint", "paint wall"]
    assert index["paint"]["commands"] == {"wall": "Paint one wall."}

    def values(args: list[str], incomplete: str) -> list[str]:
        return [v for _, v, _ in complete.candidates(args, incomplete, index)]

    assert values(["--verbose"], "p") == ["paint"]
    assert values(["paint", "wall", "--colour"], "") == ["red", "blue"]
    assert values(["paint", "wall"], "--") == ["--colour", "--plan", "--brush", "--help"]
    assert complete.candidates(["paint", "wall", "--plan"], "fl", index) == [("file", "fl", "")]
    assert values(["paint"], "hid") == []
    # a completion function of the command's own: only the live tree can answer
    with pytest.raises(complete.NeedsApp):
        complete.candidates(["paint", "wall", "--brush"], "", index)


def test_the_slow_path_asks_the_live_app() -> None:
    assert complete.app_candidates(["invoices", "list", "--output"], "j") == [("plain", "json", "")]


def test_reference_covers_every_command_and_option() -> None:
    text = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    for node in tree.walk():
        title = " ".join(("xero", *node.path))
        section = text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
        for param in node.params():
            if tree.is_option(param):
                assert param.opts[0] in section, (title, param.opts)
