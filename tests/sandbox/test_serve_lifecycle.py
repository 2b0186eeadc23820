"""How `xero sandbox serve` stops and starts again: Ctrl-C exits 130 and SIGTERM 0, each after
one line saying it stopped and with the data file closed (no `-wal`/`-shm` beside it), and a
seed that was cut short is redone, with its progress, by the next run.

Each test starts the real command as a user does (its own interpreter, not the fork server:
the signals go to the command itself) on `--port 0` of 127.0.0.1, and kills whatever it
started, also when it fails.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import loopback
from tests.helpers.cli import isolated_env
from tests.helpers.sandbox import URL_RE
from xerocli.sandbox.books_warm import WARM_FROM_INVOICES
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store

#: How each stop ends: (signal, exit code, what its line names).
STOPS = [
    pytest.param(signal.SIGINT, 130, "Ctrl-C", id="ctrl-c"),
    pytest.param(signal.SIGTERM, 0, "SIGTERM", id="sigterm"),
]
#: Invoices a company for a seed that is still running when its first progress line is read:
#: ~40,000 in all, seconds of work, where a signal lands in milliseconds (and below
#: `PARALLEL_FROM`: built in the serving process, no workers to start).
BIG = 19_000
#: The command as a user runs it, in an interpreter of its own.
XERO = (sys.executable, "-m", "xerocli")
#: The last line of the banner: what comes after it is what the stop said.
BANNER_END = "Ctrl-C stops it."


class Serve:
    """`xero sandbox serve --port 0 --data DATA ...`, its stderr read a line at a time."""

    def __init__(self, data: Path, home: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            [*XERO, "sandbox", "serve", "--port", "0", "--data", str(data), *options],
            env=isolated_env(home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []

    def read_until(self, text: str) -> list[str]:
        """The stderr lines up to the first one holding `text` (which must come)."""
        assert self.process.stderr is not None
        start = len(self.lines)
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            if text in line:
                return self.lines[start:]
        raise AssertionError(f"no line with {text!r}; stderr:\n" + "\n".join(self.lines))

    @property
    def url(self) -> str:
        found = next(filter(None, map(URL_RE.search, self.lines)), None)
        assert found, self.lines
        return found.group(1)

    def stop(self, sig: int) -> tuple[int, list[str]]:
        """Send `sig`; the exit code and the stderr lines written after what was read."""
        self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=60)  # a bound on a hang, not a measurement
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {signal.Signals(sig).name}") from None
        assert self.process.stderr is not None
        return code, self.process.stderr.read().splitlines()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()


@pytest.fixture
def serving() -> Iterator[list[Serve]]:
    """Starts nothing itself: kills every `Serve` a test appends, however the test ends."""
    started: list[Serve] = []
    yield started
    for serve in started:
        serve.kill()


def start(serving: list[Serve], data: Path, home: Path, *options: str) -> Serve:
    serve = Serve(data, home, *options)
    serving.append(serve)
    return serve


def beside(data: Path) -> list[str]:
    """The files in the data file's folder whose names start with its own."""
    return sorted(p.name for p in data.parent.iterdir() if p.name.startswith(data.name))


def seeded(data: Path) -> SeedOptions | None:
    """The options the data file says it was seeded with (None: no seed in it)."""
    with closing(sqlite3.connect(f"file:{data}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT value FROM meta WHERE key = 'seed'").fetchall()
    return SeedOptions.from_fingerprint(rows[0][0]) if rows else None


@pytest.mark.parametrize(("sig", "code", "name"), STOPS)
def test_a_stop_exits_as_the_table_says_after_one_line_and_closes_the_file(
    tmp_path: Path, serving: list[Serve], sig: int, code: int, name: str
) -> None:
    """Ctrl-C exited 0 (the table says 130, as `webhooks listen` does); SIGTERM killed the
    process in the signal's default action (-15), leaving `-wal` and `-shm` beside the file."""
    data = tmp_path / "box.sqlite"
    serve = start(serving, data, tmp_path, "--invoices", "5")
    serve.read_until(BANNER_END)
    # A write the stop must leave in the data file itself (checkpointed, not in a WAL).
    added = loopback.post(
        f"{serve.url}/__sandbox/organisations", json={"country": "US"}, timeout=10
    )
    assert added.status_code == 201, added.text

    exit_code, said = serve.stop(sig)

    assert beside(data) == ["box.sqlite"], said
    assert exit_code == code, said
    assert said == [f"xero: stopped ({name}): the data is in {data}"]
    with closing(sqlite3.connect(f"file:{data}?mode=ro", uri=True)) as db:
        assert db.execute("SELECT COUNT(*) FROM tenants").fetchall() == [(3,)]


@pytest.mark.parametrize(("sig", "code", "name"), STOPS)
def test_a_seed_cut_short_is_rolled_back_closed_and_redone_with_its_progress(
    tmp_path: Path, serving: list[Serve], sig: int, code: int, name: str
) -> None:
    """Stopped mid-seed, a first run leaves the file without a seed (all or nothing) and
    closed; the next run seeds it anew and shows it (it used to decide from the file's size,
    which the empty tables make non-zero, and seed without a word)."""
    data = tmp_path / "box.sqlite"
    first = start(serving, data, tmp_path, "--invoices", str(BIG))
    first.read_until(f"Seeding the demo companies: 0 of {2 * BIG:,} invoices")

    exit_code, said = first.stop(sig)

    assert exit_code == code, said
    [line] = said
    assert line.startswith(f"xero: stopped ({name}) while seeding: {data} holds no demo")
    assert beside(data) == ["box.sqlite"] and seeded(data) is None

    again = start(serving, data, tmp_path, "--invoices", "5")
    lines = again.read_until(BANNER_END)
    assert lines[:2] == [
        f"xero: {data} holds an incomplete seed (one was interrupted): seeding it anew",
        "Seeding the demo companies: 0 of 10 invoices",
    ]
    assert any(line.startswith("Seeded the demo companies in ") for line in lines)
    assert again.stop(signal.SIGTERM)[0] == 0
    assert seeded(data) == SeedOptions(invoices=5)


def test_the_file_an_interrupted_seed_leaves_is_seeded_anew_shown_and_warmed(
    tmp_path: Path, serving: list[Serve]
) -> None:
    """Made as an interrupted seed makes it (the store's tables, their load rolled back), so
    nothing here races a signal: the run on it shows the progress and the redo, and saves the
    books beside the start (`worth_warming`) as after any seed it makes."""
    data = tmp_path / "box.sqlite"
    store = Store(data)

    def interrupt(done: int, total: int) -> None:
        if done >= 1000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        seed(store, SeedOptions(invoices=1500), interrupt, processes=1)
    store.close()
    assert data.stat().st_size > 0 and seeded(data) is None  # not empty, and no seed

    serve = start(serving, data, tmp_path, "--invoices", str(WARM_FROM_INVOICES))
    lines = serve.read_until(BANNER_END)
    total = 2 * WARM_FROM_INVOICES
    assert (
        lines[0] == f"xero: {data} holds an incomplete seed (one was interrupted): seeding it anew"
    )
    assert lines[1] == f"Seeding the demo companies: 0 of {total:,} invoices"
    assert f"Seeding the demo companies: {total:,} of {total:,} invoices" in lines
    assert saved_books(data, wanted=2) == 2, "the redone seed's books were not warmed"
    assert serve.stop(signal.SIGTERM)[0] == 0


def saved_books(data: Path, wanted: int) -> int:
    """The tenants whose books the warming process saved in the file, once there are
    `wanted` (or a minute went by: a bound on a stuck warm-up, not what is measured)."""
    deadline = time.monotonic() + 60
    found = 0
    while found < wanted and time.monotonic() < deadline:
        try:
            with closing(sqlite3.connect(f"file:{data}?mode=ro", uri=True)) as db:
                found = db.execute("SELECT COUNT(*) FROM books_saved").fetchall()[0][0]
        except sqlite3.OperationalError:  # no table yet, or the file busy a moment
            found = 0
        if found < wanted:
            time.sleep(0.1)
    return found
