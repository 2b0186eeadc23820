"""`xero sandbox serve` as a user starts it: what it says while seeding, and a data file seeded
with other sizes than asked for."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import URL_RE, RunningSandbox
from xerocli.output.seeding import SeedingProgress


def seeded_invoices(data: Path) -> int:
    """The per-company invoice count the data file says it was seeded with."""
    with sqlite3.connect(data) as db:
        [(text,)] = db.execute("SELECT value FROM meta WHERE key = 'seed'").fetchall()
    return json.loads(text)["invoices"]


def serve_until_banner(data: Path, home: Path, *options: str) -> list[str]:
    """Start `sandbox serve`, return its stderr lines up to the banner line, stop it."""
    serve = ("sandbox", "serve", "--port", "0", "--data", str(data), *options)
    process = subprocess.Popen(
        [sys.executable, "-m", "xerocli", *serve],
        env=isolated_env(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    try:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            if URL_RE.search(line):
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
    return lines


def test_a_size_other_than_the_data_files_stops_and_names_reset(tmp_path: Path) -> None:
    data = tmp_path / "box.sqlite"
    RunningSandbox(data, tmp_path, "--invoices", "5", cold=True).stop()
    env = isolated_env(tmp_path)
    serve = ("sandbox", "serve", "--port", "0", "--data", str(data))

    refused = run_xero(*serve, "--invoices", "7", env=env, timeout=60)
    assert refused.code == 2
    [message] = refused.stderr.splitlines()
    assert "--invoices 7" in message and "--invoices 5" in message and "--reset" in message
    assert str(data) in message
    assert seeded_invoices(data) == 5, "nothing was reseeded"

    refused = run_xero(*serve, "--seed", "43", env=env, timeout=60)
    assert refused.code == 2 and "--seed" in refused.stderr and "--reset" in refused.stderr


def test_the_data_files_own_size_or_no_size_serves_it_and_reset_reseeds(tmp_path: Path) -> None:
    data = tmp_path / "box.sqlite"
    RunningSandbox(data, tmp_path, "--invoices", "5", cold=True).stop()
    for options in (("--invoices", "5"), ()):
        running = RunningSandbox(data, tmp_path, *options, cold=True)
        running.stop()
        assert seeded_invoices(data) == 5
    RunningSandbox(data, tmp_path, "--reset", "--invoices", "7", cold=True).stop()
    assert seeded_invoices(data) == 7


def test_seeding_shows_progress_as_plain_lines_before_the_banner(tmp_path: Path) -> None:
    lines = serve_until_banner(tmp_path / "box.sqlite", tmp_path, "--invoices", "2500")
    assert lines[0] == "Seeding the demo companies: 0 of 5,000 invoices"
    counts = [line for line in lines if line.startswith("Seeding the demo companies: ")]
    assert counts[-1] == "Seeding the demo companies: 5,000 of 5,000 invoices"
    assert 3 <= len(counts) <= 5, "a few lines, not one per batch"
    assert not any("\r" in line for line in lines), "no terminal tricks in a log"
    assert lines[len(counts)].startswith("Seeded the demo companies in ")
    assert URL_RE.search(lines[len(counts) + 1])

    again = serve_until_banner(tmp_path / "box.sqlite", tmp_path)
    assert URL_RE.search(again[0]), "an existing data file is not seeded, so no progress"


def test_on_a_terminal_the_counter_is_rewritten_in_place() -> None:
    screen = io.StringIO()
    progress = SeedingProgress(screen, live=True)
    for done in range(0, 40_001, 1000):
        progress(done, 40_000)
    progress.finished(21.04)
    text = screen.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n"), "one line, ended once"
    assert text.count("\r") == 42
    last = text.rsplit("\r", 1)[1]
    assert last.rstrip() == "Seeded the demo companies in 21.0 s"
    assert "Seeding the demo companies: 17,000 of 40,000 invoices" in text


def test_a_port_that_is_taken_or_out_of_range_is_one_line_exit_2(tmp_path: Path) -> None:
    """`sandbox serve --port N` with N taken (a second sandbox) or past 65535 crashed with an
    AttributeError (exit 1); `webhooks listen --port 99999` with an OverflowError."""
    running = RunningSandbox(tmp_path / "a.sqlite", tmp_path, "--invoices", "5")
    try:
        port = running.url.rsplit(":", 1)[1]
        env = isolated_env(tmp_path)
        for asked, said in ((port, "Address already in use"), ("99999", "is not 0 to 65535")):
            taken = run_xero(
                "sandbox", "serve", "--port", asked, "--data", str(tmp_path / "b.sqlite"),
                "--invoices", "5", env=env,
            )  # fmt: skip
            assert taken.code == 2, taken.stderr
            assert (
                taken.stderr.splitlines()[-1].startswith(
                    f"xero: --port {asked}: cannot listen on 127.0.0.1 ("
                )
                and said in taken.stderr
            )
        listen = run_xero(
            "webhooks", "listen", "--port", "99999", env={**env, "XERO_WEBHOOK_KEY": "k"}
        )
        assert listen.code == 2 and listen.stderr.startswith("xero: --host 127.0.0.1 --port 99999")
    finally:
        running.stop()


def test_data_that_is_a_directory_or_no_database_is_one_line_exit_2(tmp_path: Path) -> None:
    """`--data DIR/` or a file of something else crashed (`unexpected error:
    OperationalError` / `DatabaseError`, exit 1)."""
    env = isolated_env(tmp_path)
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database\n")
    for data, said in ((tmp_path, "is a directory"), (other, "cannot open it as a sandbox's")):
        result = run_xero("sandbox", "serve", "--port", "0", "--data", str(data), env=env)
        assert result.code == 2 and said in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert other.read_text() == "not a database\n"  # left as it was
