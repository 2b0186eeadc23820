"""Every TAB press and one-liner runs `xero`: `--help` and `--version` must stay light."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from tests.helpers import loopback
from tests.helpers.cli import isolated_env

HEAVY = (
    "httpx",
    "keyring",
    "pydantic",
    "rich",
    "simplejson",
    "sqlite3",
    "filelock",
    "msgspec",
    "xerocli.api.client",
)

PROBE = """
import json, runpy, sys
present_at_start = set(sys.modules)
sys.argv = ["xero", *ARGS]
try:
    runpy.run_module("xerocli", run_name="__main__")
except SystemExit:
    pass
names = NAMES
loaded = {m for m, module in sys.modules.items() if module is not None} - present_at_start
heavy = sorted(m for m in loaded if m.split(".")[0] in names or m in names)
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["invoices", "--help"],
        ["invoices", "list", "--help"],
        ["export", "--help"],
    ],
)
def test_help_and_version_import_nothing_heavy(args: list[str], home) -> None:
    code = PROBE.replace("ARGS", repr(args)).replace("NAMES", repr(HEAVY))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env=isolated_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("HEAVY=")][-1]
    assert json.loads(line[len("HEAVY=") :]) == []


def _imported(
    args: list[str], home, names: tuple[str, ...], **extra_env: str
) -> tuple[list[str], str]:
    """(modules of `names` imported by `xero ARGS`, its stdout)."""
    code = PROBE.replace("ARGS", repr(args)).replace("NAMES", repr(names))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env=isolated_env(home, **extra_env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("HEAVY=")][-1]
    return json.loads(line[len("HEAVY=") :]), completed.stdout


def test_version_does_not_even_import_typer(home) -> None:
    assert _imported(["--version"], home, (*HEAVY, "typer", "click")) == ([], "xero 0.1.0\n")


@pytest.mark.parametrize(
    "words",
    [
        "xero\ninv",
        "xero\ninvoices\n",
        "xero\ninvoices\nlist\n--out",
        "xero\ninvoices\nlist\n--output\n",
    ],
)
def test_completion_request_imports_neither_typer_nor_the_app(words: str, home) -> None:
    """Every TAB press runs `xero`: answered from the generated index, before typer."""
    names = (*HEAVY, "typer", "click", "xerocli.cli.app", "xerocli.api", "xerocli.output")
    imported, answer = _imported(
        [],
        home,
        names,
        _XERO_COMPLETE="bash_complete",
        COMP_WORDS=words,
        COMP_CWORD=str(words.count("\n")),
    )
    assert imported == []
    assert answer.startswith("plain,")


BUILT_PROBE = """
import json, runpy, sys
sys.argv = ["xero", *ARGS]
import typer.main
import xerocli.cli.app as app_module
built, converted = [], []
build_one = app_module.build_one
lists = []
def recording_build(name):
    built.append(name)
    import xerocli.cli.objects as objects_module  # imported by any build: record its lists
    if not hasattr(objects_module.build_list, "recorded"):
        build_list = objects_module.build_list
        def recording_build_list(resource):
            lists.append(resource.noun)
            return build_list(resource)
        recording_build_list.recorded = True
        objects_module.build_list = recording_build_list
    return build_one(name)
app_module.build_one = recording_build
convert = typer.main.get_command_from_info
def recording_convert(*args, **kwargs):
    info = args[0] if args else kwargs["command_info"]
    converted.append(info.name or info.callback.__name__)
    return convert(*args, **kwargs)
typer.main.get_command_from_info = recording_convert
code = 0
try:
    runpy.run_module("xerocli", run_name="__main__")
except SystemExit as exc:
    code = exc.code
cli_modules = sorted(m for m in sys.modules if m.startswith("xerocli.cli."))
sys.stderr.write("BUILT=" + json.dumps([code, built, converted, cli_modules, lists]) + "\\n")
"""

#: Modules of top-level commands other than the object groups: none is needed to run another.
OTHER_COMMANDS = tuple(
    f"xerocli.cli.{name}"
    for name in ("api", "auth", "export", "limits", "reports", "sandbox", "tenants", "webhooks")
)


def _built(args: list[str], home) -> tuple[list[str], list[str], list[str], list[str]]:
    """(top-level commands built, click commands converted, xerocli.cli modules imported,
    resources whose `list` command was built)."""
    completed = subprocess.run(
        [sys.executable, "-c", BUILT_PROBE.replace("ARGS", repr(args))],
        env=isolated_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("BUILT=")][-1]
    code, built, converted, modules, lists = json.loads(line[len("BUILT=") :])
    assert code == 0, completed.stderr
    return built, converted, modules, lists


@pytest.mark.parametrize(
    ("args", "group"),
    [
        (["-q", "invoices", "list", "--help"], "invoices"),
        (["--no-color", "invoices", "--help"], "invoices"),
        (["--tenant", "x", "contacts", "get", "--help"], "contacts"),
        (["--debug", "export", "--help"], "export"),
    ],
)
def test_only_the_invoked_group_is_built(args: list[str], group: str, home) -> None:
    """The full tree is over a hundred commands; a command line converts its own group and
    nothing else (a global option first, so typer answers rather than the recorded pages)."""
    built, converted, modules, lists = _built(args, home)
    assert built == [group]
    assert 0 < len(converted) < 20  # the invoices group has 13 commands
    others = [m for m in OTHER_COMMANDS if m in modules and m != f"xerocli.cli.{group}"]
    assert others == []
    # An object group is built alone: not the other resources' signatures, nor their verbs;
    # and of its commands only the one invoked is converted (its help lists them all).
    assert lists == ([group] if group in ("invoices", "contacts") else [])
    if args[-2] in ("list", "get"):
        assert converted == [args[-2]]
    assert "xerocli.cli.payments_apply" not in modules


def test_root_help_builds_no_command(home) -> None:
    built, converted, modules, _lists = _built(["--no-color", "--help"], home)
    assert (built, converted) == ([], [])
    assert [m for m in (*OTHER_COMMANDS, "xerocli.cli.objects") if m in modules] == []


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_lazy_root_help_is_the_full_trees_help(columns: str, monkeypatch) -> None:
    """`xero --help` lists the commands from the generated index: it must read exactly as the
    full tree's own help, at any terminal width."""
    import typer.main

    from xerocli.cli import app as app_module

    monkeypatch.setenv("COLUMNS", columns)

    def help_of(command) -> str:
        with command.make_context("xero", [], resilient_parsing=True) as ctx:
            return command.get_help(ctx)

    full = typer.main.get_command(app_module.full_app())
    assert help_of(app_module.root_command()) == help_of(full)


def test_a_mistyped_command_is_still_offered_its_near_name(xero) -> None:
    result = xero("invocies", "list")
    assert result.code == 2
    assert "No such command 'invocies'. Did you mean 'invoices'?" in result.stderr


HTTP_PROBE = """
import json, runpy, ssl, sys
present_at_start = set(sys.modules)
sys.argv = ["xero", *ARGS]
import xerocli  # first, as `xero` imports it before httpx
import httpx
clients, contexts = [], []
client_init = httpx.Client.__init__
def counting_init(self, *args, **kwargs):
    clients.append(1)
    client_init(self, *args, **kwargs)
httpx.Client.__init__ = counting_init
context_new = ssl.SSLContext.__new__
def counting_new(cls, *args, **kwargs):
    contexts.append(1)
    return context_new(cls, *args, **kwargs)
ssl.SSLContext.__new__ = counting_new
code = 0
try:
    runpy.run_module("xerocli", run_name="__main__")
except SystemExit as exc:
    code = exc.code
heavy = ("httpcore", "h11", "certifi", "tomllib", "rich")
heavy += ("xerocli.output.table", "xerocli.api.tokens")
stacks = sorted(m for m in heavy if m in sys.modules and m not in present_at_start)
sys.stderr.write("HTTP=" + json.dumps([code, len(clients), len(contexts), stacks]) + "\\n")
"""


def _http_probe(args: list[str], env: dict[str, str]) -> tuple[int, int, int, list[str], str]:
    """(exit code, httpx clients made, TLS contexts made, httpcore/h11/certifi imported, stdout)
    of `xero ARGS`."""
    completed = subprocess.run(
        [sys.executable, "-c", HTTP_PROBE.replace("ARGS", repr(args))],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = [ln for ln in completed.stderr.splitlines() if ln.startswith("HTTP=")][-1]
    code, clients, contexts, stacks = json.loads(line[len("HTTP=") :])
    return code, clients, contexts, stacks, completed.stdout


def test_a_sandbox_command_makes_one_http_client_and_no_tls_context(sandbox_env, home) -> None:
    """`--sandbox` logs in (authorize, token), reads /connections and lists: four calls over
    one client, and plain http to the sandbox never builds a TLS context, nor imports httpx's
    https transport (httpcore, h11) or the CA bundle: it goes over `plain_http`. It logs in
    by itself, so neither a profile's config.toml is read (no tomllib) nor the token stores
    imported (`api.tokens`); and JSON to a pipe loads no table drawing (`output.table`, rich)."""
    config = home / "config" / "xerocli" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[profiles.default]\ntenant_id = "not-the-sandbox"\n', encoding="utf-8")
    code, clients, contexts, stacks, stdout = _http_probe(
        ["--sandbox", "contacts", "list", "-o", "json"], sandbox_env
    )
    assert code == 0
    assert json.loads(stdout)
    assert (clients, contexts, stacks) == (1, 0, [])


def test_a_sandbox_webhook_subscription_builds_no_tls_context(sandbox, home) -> None:
    """`xero webhooks subscribe` posts to the sandbox's panel over the one shared client: no
    TLS context for plain http (it was `httpx.post`, a client and a CA bundle of its own)."""
    from tests.helpers.webhooks import KEY, Listener

    env = isolated_env(home, XERO_WEBHOOK_KEY=KEY, XERO_SANDBOX_URL=sandbox.url)
    listener = Listener(env)
    try:
        code, clients, contexts, stacks, _ = _http_probe(
            ["webhooks", "subscribe", "--to", listener.url], env
        )
    finally:
        loopback.delete(f"{sandbox.url}/__sandbox/webhooks", timeout=10)
        listener.stop()
    assert code == 0
    assert (clients, contexts, stacks) == (1, 0, [])


def test_https_builds_its_tls_context_on_first_use(monkeypatch) -> None:
    """The shared client builds a transport per scheme on its first request: the standard
    library's for http, httpcore's with a TLS context for https (the port is closed, so the
    request fails after the transport is built)."""
    from xerocli.api import client as client_module
    from xerocli.api.plain_http import PlainHTTPTransport

    monkeypatch.setattr(client_module, "_shared", None)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    http = client_module.shared_http()
    try:
        assert client_module.shared_http() is http
        transport = http._transport
        assert transport.built() == []
        with pytest.raises(httpx.ConnectError):
            http.get("http://127.0.0.1:1/", timeout=5)
        assert transport.built() == ["http"]
        assert isinstance(transport.transport_for("http"), PlainHTTPTransport)
        with pytest.raises(httpx.ConnectError):
            http.get("https://127.0.0.1:1/", timeout=5)
        assert transport.built() == ["http", "https"]
        assert transport.transport_for("https")._pool._ssl_context is not None
    finally:
        client_module.close_shared_http()


@pytest.mark.parametrize("columns", ["52", "80", "200"])
def test_every_recorded_help_page_reads_as_typers_own(columns: str, monkeypatch) -> None:
    """`xero PATH --help` is answered from `_help_index.py` without typer: every page, at any
    terminal width, must be exactly the page typer would print."""
    from xerocli.cli import helptext, tree
    from xerocli.cli._help_index import PAGES

    monkeypatch.setenv("COLUMNS", columns)
    width = helptext.terminal_width()
    checked = 0
    for node in tree.walk():
        path = " ".join(node.path)
        assert helptext.render(PAGES[path], width) == node.command.get_help(node.ctx), path
        checked += 1
    assert checked == len(PAGES) > 70


@pytest.mark.parametrize(
    "args", [["--help"], ["invoices", "-h"], ["invoices", "list", "--help"], ["export", "--help"]]
)
def test_help_of_a_command_path_does_not_import_typer(args: list[str], home) -> None:
    imported, page = _imported(args, home, ("typer", "xerocli.cli.app"))
    assert imported == []
    assert page.startswith(f"Usage: xero {' '.join(args[:-1])}".rstrip() + " [OPTIONS]")


def test_help_after_other_options_is_still_typers(xero) -> None:
    """Only a bare command path is answered from the index; anything else is parsed by typer,
    and prints the same page."""
    recorded = xero("invoices", "list", "--help").ok().stdout
    assert xero("--sandbox", "invoices", "list", "--help").ok().stdout == recorded
    assert "Usage: xero invoices list [OPTIONS]" in recorded


RUN_PROBE = PROBE.replace('sys.stderr.write("HEAVY="', 'sys.stderr.write("\\nHEAVY="')


def _run_probe(
    args: list[str], env: dict[str, str], also: tuple[str, ...] = ()
) -> tuple[list[str], str, str]:
    """(typer, click and app modules, and `also`, imported by `xero ARGS`, its stdout, its
    stderr)."""
    names = ("typer", "click", "xerocli.cli.app", "xerocli.cli.objects", "xerocli.cli.options")
    names += ("subprocess",)  # only a pager needs it
    names += also
    code = RUN_PROBE.replace("ARGS", repr(args)).replace("NAMES", repr(names))
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    head, _, line = completed.stderr.rpartition("\nHEAVY=")
    return json.loads(line), completed.stdout, head


def test_a_listing_runs_without_typer_or_click(sandbox_env) -> None:
    """`xero invoices list` (`get`, the reports, `api`, `tenants list`, `auth token`) are parsed
    from the generated parse index and run their typer-free bodies: neither typer nor click nor
    the typer app is imported, and the command still does its work (options converted: a
    repeated filter, -o as its enum)."""
    imported, out, err = _run_probe(
        ["--sandbox", "invoices", "list", "--status", "AUTHORISED", "-ojson", "--limit=2"],
        sandbox_env,
        also=("uuid", "platform"),  # only writes (an Idempotency-Key) need them: ~3 ms
    )
    assert (imported, err) == ([], "")
    listed = json.loads(out)
    assert len(listed) == 2 and {r["Status"] for r in listed} == {"AUTHORISED"}
    number = listed[0]["InvoiceNumber"]
    imported, out, err = _run_probe(
        ["invoices", "get", number, "--sandbox", "--fields", "InvoiceNumber", "-o", "json"],
        sandbox_env,
    )
    assert (imported, json.loads(out), err) == ([], {"InvoiceNumber": number}, "")
    imported, out, err = _run_probe(
        ["--sandbox", "reports", "trial-balance", "-o", "json"], sandbox_env
    )
    assert (imported, err) == ([], "")
    assert any(row["RowType"] == "SummaryRow" for row in json.loads(out))
    imported, out, err = _run_probe(["--sandbox", "api", "Contacts", "-f", "page=1"], sandbox_env)
    assert (imported, err) == ([], "")
    assert json.loads(out)["Contacts"]
    imported, out, err = _run_probe(["--sandbox", "tenants", "list", "-o", "json"], sandbox_env)
    assert (imported, err) == ([], "")
    assert [row["selected"] for row in json.loads(out)].count(True) == 1
    imported, out, err = _run_probe(["--sandbox", "auth", "token"], sandbox_env)
    assert (imported, err, len(out.split())) == ([], "", 1)


def test_a_mistake_on_the_line_is_typers_own_error(sandbox_env) -> None:
    """What the fast parser would refuse goes to typer whole (its message, exit 2), and a
    usage error a body raises (`--json` with `-o csv`) prints typer's usage lines too: the
    same bytes as typer's path alone (`_XERO_TYPER_ONLY`)."""
    for args in (
        ["--sandbox", "invoices", "list", "--limit", "0"],
        ["--sandbox", "invoices", "list", "--json", "-o", "csv"],
    ):
        fast = subprocess.run(
            [sys.executable, "-m", "xerocli", *args], env=sandbox_env, capture_output=True
        )
        typer_env = {**sandbox_env, "_XERO_TYPER_ONLY": "1"}
        slow = subprocess.run(
            [sys.executable, "-m", "xerocli", *args], env=typer_env, capture_output=True
        )
        assert (fast.returncode, fast.stdout, fast.stderr) == (
            slow.returncode,
            slow.stdout,
            slow.stderr,
        )
        assert fast.returncode == 2 and b"Usage: xero invoices list [OPTIONS]" in fast.stderr
    imported, _, err = _run_probe(["--sandbox", "invoices", "list", "--limit", "0"], sandbox_env)
    assert "typer" in imported and "Invalid value for '--limit'" in err
