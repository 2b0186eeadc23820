"""The fast parser (`cli/fastparse.py`, from the generated `_parse_index.py`) against typer.

For a corpus of command lines (every command of the tree with each of its options, valid and
invalid values in each spelling click accepts; every README example; every constant command
line the test suite runs), typer parses the line in-process with each command function
replaced by a recorder, and the fast parser parses it from the index. Where typer calls the
functions, the fast parser must give the same functions the same arguments (values and
types); where typer raises anything (a usage error, help, the KEY check), the fast parser must
fall back, so typer prints its own error. A fast parser that always fell back would fail: a
valid line may fall back only for a command the index marks unsupported.
"""

from __future__ import annotations

import ast
import functools
import shlex
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import strategies as st

from tests.helpers.cli import REPO
from xerocli.cli import fastparse, global_options, tree

RECORDED: list[tuple[Any, dict]] = []


@pytest.fixture(scope="module")
def typer_root() -> Iterator[Any]:
    """The full click tree as typer builds it, each function typer calls replaced by a
    recorder of the arguments typer passes (after its own conversions)."""
    import typer.main

    from xerocli.cli import app

    original = typer.main.get_callback

    def recording(*, callback: Any = None, **options: Any) -> Any:
        if callback is None:
            return original(callback=callback, **options)

        @functools.wraps(callback)
        def recorder(**kwargs: Any) -> None:
            RECORDED.append((callback, kwargs))

        return original(callback=recorder, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.main, "get_callback", recording)
        yield typer.main.get_command(app.full_app())


def typed(value: Any) -> Any:
    """A value with its type spelled out: `OutputFormat.json == "json"`, but typer passes
    one of them."""
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(item) for item in value])
    if isinstance(value, Enum):
        return (type(value).__qualname__, value.value)
    return (type(value).__name__, value)


def typer_outcome(root: Any, args: list[str]) -> list[tuple[Any, dict]] | str:
    """The (function, arguments) typer calls for the line, in order, or the name of what it
    raised."""
    RECORDED.clear()
    try:
        with root.make_context("xero", list(args)) as ctx:
            root.invoke(ctx)
    except (Exception, SystemExit) as exc:
        return type(exc).__name__
    return [(function, {k: v for k, v in kw.items() if k != "ctx"}) for function, kw in RECORDED]


def fast_outcome(args: list[str]) -> fastparse.Parsed | fastparse.Fallback:
    try:
        return fastparse.parse(args)
    except fastparse.Fallback as exc:
        return exc


def check(root: Any, line: list[str], tally: dict[str, int]) -> None:
    args = global_options.hoist(list(line))
    expected = typer_outcome(root, args)
    got = fast_outcome(args)
    if isinstance(expected, str):
        assert isinstance(got, fastparse.Fallback), f"typer raised {expected}: {line}"
        tally["error"] += 1
        return
    if isinstance(got, fastparse.Fallback):
        assert str(got).startswith("unsupported:"), f"fell back ({got}) on a valid line: {line}"
        tally["unsupported"] += 1
        return
    called = [level for level in got.levels if level.spec["callback"]]
    assert len(called) == len(expected), line
    for level, (function, kwargs) in zip(called, expected, strict=True):
        assert {k: typed(v) for k, v in level.kwargs().items()} == {
            k: typed(v) for k, v in kwargs.items()
        }, line
        assert getattr(function, "fast_target", None) == level.spec["target"], line
    tally["runnable" if got.target else "parsed"] += 1


# --- the corpus ---------------------------------------------------------------------------


def samples(param: Any) -> tuple[list[str], list[str]]:
    """(valid values, invalid values) for a click parameter's type."""
    kind = type(param.type).__name__
    if kind in ("IntRange", "IntParamType", "FloatRange", "FloatParamType"):
        low = getattr(param.type, "min", None)
        valid = [str(low if low is not None else 3), " 12 "]
        invalid = ["x"]
        if low is not None:
            invalid.append(str(low - 1))
        if getattr(param.type, "max", None) is not None:
            invalid.append(str(param.type.max + 1))
        return valid, invalid
    if kind == "TyperChoice":
        choices = [str(c) for c in param.type.choices]
        return [choices[0], choices[-1].upper()], ["bogus"]
    if kind == "BoolParamType":
        return ["yes", "0"], ["maybe"]
    return ["a=b c", "-dash"], []


def given(param: Any, value: str | None, form: str) -> list[str]:
    """The words that give `param` (a flag: `value` None) in one of click's spellings:
    "space" (`--opt v`), "attached" (`--opt=v`, or `-ov` for a short-only option)."""
    longs = [o for o in param.opts if o.startswith("--")]
    if value is None:
        return [param.opts[-1] if form == "attached" else param.opts[0]]
    if form == "attached":
        return [f"{longs[0]}={value}"] if longs else [f"{param.opts[0]}{value}"]
    shorts = [o for o in param.opts if not o.startswith("--")]
    return [shorts[0] if shorts else param.opts[0], value]


def option_lines(base: list[str], param: Any, first: bool) -> Iterator[list[str]]:
    """One option alone: valid (each spelling), invalid values, repeated, without its value."""
    if param.is_flag:
        for opt in [param.opts[-1], *param.secondary_opts]:
            yield [*base, opt]
        longs = [o for o in param.opts if o.startswith("--")]
        if first and longs:
            yield [*base, f"{longs[0]}=x"]
            yield [*base, param.opts[0], param.opts[0]]
        return
    valid, invalid = samples(param)
    yield [*base, *given(param, valid[0], "space")]
    yield [*base, *given(param, valid[-1], "attached")]
    for value in invalid:
        yield [*base, *given(param, value, "space")]
    if first:
        yield [*base, *given(param, valid[0], "space"), *given(param, valid[-1], "attached")]
        yield [*base, "".join(given(param, "", "attached")) or param.opts[0], ""]
        yield [*base, param.opts[0]]  # no value
        yield [*given(param, valid[0], "space"), *base]  # before the command


def everything(base: list[str], options: list[Any], pick: int, form: str) -> list[str]:
    """Every option of a command on one line, each with a valid value (or repeated)."""
    line = list(base)
    for param in options:
        value = None if param.is_flag else samples(param)[0][pick]
        line += given(param, value, form)
        if param.multiple:
            line += given(param, value, "space")
    return line


def command_lines(root: Any) -> Iterator[list[str]]:
    """Every command of the tree: bare, with its arguments, each option, and the mistakes."""
    for node in tree.walk(root):
        path = list(node.path)
        params = node.command.get_params(node.ctx)
        arguments = [p for p in params if getattr(p, "param_type_name", "") == "argument"]
        filled = [*path]
        for argument in arguments:
            filled += ["ARG1", "ARG2"] if argument.nargs == -1 else ["KEY-1"]
        yield path
        yield filled
        yield [*filled, "extra"]
        yield [*filled, "--bogus"]
        yield [*filled, "-Z"]
        yield [*filled, "--help" if len(path) % 2 else "-h"]
        yield [*filled, "--", "-dash"]
        yield [*filled, "--tenant", "Acme", "-q", "--debug"]
        yield ["--profile", "work", "--no-color", *filled]
        if arguments:
            yield [*path, *[""] * len(arguments)]
            yield [*path, "--", *["-k"] * len(arguments)]
        if node.is_group:
            yield [*path, "no-such-command"]
        options = [
            p for p in params if getattr(p, "param_type_name", "") == "option" and p.name != "help"
        ]
        firsts = [*options[:1], *[p for p in options if p.is_flag][:1]]
        for param in options:
            yield from option_lines(filled, param, first=param in firsts)
        if options:
            yield everything(filled, options, 0, "space")
            yield everything(filled, options, -1, "attached")
        shorts = [
            p.opts[0]
            for p in params
            if getattr(p, "is_flag", False) and len(p.opts[0]) == 2 and p.name != "help"
        ]
        if len(shorts) >= 2:
            yield [*filled, "-" + "".join(o[1] for o in shorts)]  # grouped short flags


STOP = {"|", ">", ">>", "<", "&&", "||", ";", "2>&1", "2>", "#"}


def readme_lines() -> Iterator[list[str]]:
    for text in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        text = text.strip().removeprefix("$ ")
        if not text.startswith("xero "):
            continue
        try:
            words = shlex.split(text, comments=True)
        except ValueError:
            continue
        line = []
        for word in words[1:]:
            if word in STOP or word.startswith(("$(", "`")):
                break
            line.append(word)
        yield line


def suite_lines() -> Iterator[list[str]]:
    """The constant command lines of the test suite's `xero(...)` and `run_xero(...)` calls."""
    for path in sorted((REPO / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in ("xero", "run_xero") or not node.args:
                continue
            if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                yield [a.value for a in node.args]


@pytest.fixture(scope="module")
def corpus(typer_root: Any) -> dict[str, list[list[str]]]:
    return {
        "tree": list(command_lines(typer_root)),
        "readme": list(readme_lines()),
        "suite": list(suite_lines()),
    }


def test_the_fast_parser_gives_what_typer_gives(
    typer_root: Any, corpus: dict[str, list[list[str]]], monkeypatch
) -> None:
    monkeypatch.delenv("XERO_PROFILE", raising=False)
    tally = {"error": 0, "unsupported": 0, "runnable": 0, "parsed": 0}
    lines = [*corpus["tree"], *corpus["readme"], *corpus["suite"]]
    for line in lines:
        check(typer_root, line, tally)
    monkeypatch.setenv("XERO_PROFILE", "from-env")  # the root's one environment variable
    for line in (["invoices", "list"], ["--profile", "given", "invoices", "list"]):
        check(typer_root, line, tally)
    monkeypatch.setenv("XERO_PROFILE", "")  # empty is unset, as click reads it
    check(typer_root, ["invoices", "list"], tally)
    # the corpus exercises both outcomes, and the valid lines of the tree parse fast
    assert len(lines) > 7_000
    assert min(tally["runnable"], tally["parsed"], tally["error"]) > 1_000, tally
    assert tally["unsupported"] < 60, tally  # `sandbox serve` (a Path with checks) alone


def test_the_corpus_holds_the_readme_and_the_suite(corpus: dict[str, list[list[str]]]) -> None:
    assert ["--sandbox", "invoices", "list", "-o", "table"] in corpus["readme"]
    assert ["invoices", "list", "--status", "a=b c", "--status=-dash"] in corpus["tree"]
    assert len(corpus["readme"]) > 40 and len(corpus["suite"]) > 150


def test_index_records_the_runnable_bodies() -> None:
    index = fastparse.load_index()
    assert index["invoices list"]["target"] == (
        "xerocli.cli.object_bodies",
        "list_records",
        ("invoices",),
    )
    assert index["sandbox serve"]["unsupported"]  # a Path with checks: typer parses it
    assert all(
        Path(REPO, "xerocli", *m.split(".")[1:]).with_suffix(".py").exists()
        for m in [spec["target"][0] for spec in index.values() if spec.get("target")]
    )


VALUES = ("x", "1", "0", "-1", " 2 ", "json", "JSON", "", "-", "--", "a=b", "-q", "--debug", "t")


@st.composite
def shuffled_lines(draw: st.DrawFn, paths: list[str], index: dict) -> list[str]:
    """A command path with words drawn from its own option strings (bare, `--opt=v`, `-ov`,
    grouped) and values that are numbers, choices, dashes and global options, in any order."""
    path = draw(st.sampled_from(paths))
    spec = index[path]
    options = [p for p in spec["params"] if p[0] != "help"]
    names = sorted({name for p in options for name in (*p[2], *p[3])}) or ["--x"]
    arguments = ["KEY-1" for p in spec["params"] if p[1] == "argument"]
    option = st.sampled_from(names)
    value = st.sampled_from(VALUES)
    word = st.one_of(
        st.tuples(option, value),
        st.tuples(option),
        st.tuples(value),
        st.builds(lambda o, v: (f"{o}={v}",), option, value),
        st.builds(lambda o, v: (f"{o}{v}",), option.filter(lambda o: len(o) == 2), value),
    )
    words = [w for group in draw(st.lists(word, max_size=4)) for w in group]
    before = draw(st.lists(st.sampled_from(["--tenant", "T", "-q", "--sandbox"]), max_size=2))
    return [*before, *path.split(), *arguments, *words]


def test_shuffled_lines_parse_as_typer_parses_them(typer_root: Any) -> None:
    """Orders and mixtures the enumerated corpus does not write out: whatever typer makes of a
    line, the fast parser makes the same, or leaves the line to typer."""
    index = fastparse.load_index()
    # Not the commands the fast parser leaves to typer whole (`unsupported`: `sandbox serve`),
    # which have no parameters in the index to draw words from.
    paths = [
        path
        for path, spec in index.items()
        if path and not spec["group"] and not spec.get("unsupported")
    ]
    tally = {"error": 0, "unsupported": 0, "runnable": 0, "parsed": 0}

    examples = max(200, hypothesis.settings.default.max_examples * 2)

    @hypothesis.settings(max_examples=examples)
    @hypothesis.given(shuffled_lines(paths, index))
    def check_line(line: list[str]) -> None:
        check(typer_root, line, tally)

    check_line()
    assert tally["runnable"] + tally["parsed"] > 30 and tally["error"] > 30, tally
