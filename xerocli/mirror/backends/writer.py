"""A sync's SQLite statements run by a second process, so loading a page into SQLite takes the
second core while this one fetches, decodes and makes the rows of the next page.

At Xero's limits the client's work on the last minute's pages is the sync's tail past the
rate-limit floor, and SQLite's part of a page of 1,000 invoices (its `executemany`: ~400,000
rows a sync, each row's parameters bound and its keys put in the tables' indexes) is about as
much CPU as fetching, decoding and making its rows. A thread cannot share it: `executemany`
gives up and retakes the GIL at every row (benchmarks/README.md). So while `xero sync` runs,
the mirror's connection is a `WriterConnection`: each statement is sent down a pipe to this
module run as a script (`python -I -S writer.py DB`: the standard library only, started in a
few milliseconds), which holds the real connection, opened as `SqliteBackend` opens one.

- `executemany` is sent and not waited for (the page's rows, `marshal`led: ~1.5 ms a page,
  where making them costs ~20 ms); every other statement waits for its answer, so a COMMIT
  returns only once committed, and reads (`_sync_state`, counts) see the transaction.
- A failed `executemany` is answered at the next statement instead, which is then not run: a
  COMMIT after a failed page never commits. The error is the driver's own (a `sqlite3.Error`,
  pickled), so the command reports it as before: one line naming the database, exit 2.
- The pipe holds about two pages (`PIPE_BYTES`): the sender waits when the writer is behind,
  and memory stays flat.
- The writer runs in a session of its own and ignores SIGINT (a Ctrl-C is the command's to act
  on: it rolls back), and ends at the end of its input: when the command closes it, or dies
  (SIGKILL), the writer closes its connection, and a transaction not committed is rolled back
  by SQLite. A command whose exchange with the writer broke off (an exception between a
  statement and its answer) kills it, for the same outcome. A writer gone is the driver's
  error "the mirror's writer process ended".
"""

from __future__ import annotations

import marshal
import os
import pickle
import signal
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Sequence
from typing import IO, Any

try:
    import fcntl
except ImportError:  # not on Windows: the pipe keeps its default buffer
    fcntl = None  # type: ignore[assignment]

#: How `SqliteBackend` opens a mirror for writing; the writer opens its connection the same way.
WRITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON")
#: Seconds a connection waits for another sync's lock (`BEGIN IMMEDIATE`) before failing.
BUSY_TIMEOUT = 30

_HEADER = struct.Struct(">IB")  # payload length, kind
EXECUTE, MANY, RESULT, ERROR = 1, 2, 3, 4


#: The pipe's buffer, where the system lets it be set (Linux): a page of 1,000 invoices is
#: ~0.6 MB of rows, so the sender can be a page ahead of the writer instead of waiting for it
#: to take each page (the writer idle 1.7-2.9 s a sync of 100 pages with the default 64 KB,
#: 0.7-0.9 s with this).
PIPE_BYTES = 1 << 20


def _widen(stream: IO[bytes] | None) -> None:
    setting = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if stream is None or setting is None:
        return
    try:
        fcntl.fcntl(stream.fileno(), setting, PIPE_BYTES)
    except OSError:  # above the system's limit for this user: the default buffer will do
        pass


def _send(stream: IO[bytes], kind: int, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload), kind))
    stream.write(payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> tuple[int, bytes] | None:
    """The next frame, or None at the end of the stream."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    size, kind = _HEADER.unpack(head)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return kind, payload


def _error_payload(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # an exception that does not pickle: its text as the driver's error
        return pickle.dumps(sqlite3.OperationalError(f"{type(exc).__name__}: {exc}"))


class Result:
    """What a statement answered: the part of a sqlite3 cursor the backends read."""

    def __init__(self, description: Any, rows: list[tuple]) -> None:
        self.description = description
        self.rows = rows

    def fetchall(self) -> list[tuple]:
        return self.rows

    def fetchone(self) -> tuple | None:
        return self.rows[0] if self.rows else None


class WriterConnection:
    """A sqlite3 connection's `execute`/`executemany`/`close`, run by the writer process."""

    def __init__(self, path: str) -> None:
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-I", "-S", os.path.abspath(__file__), path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
            start_new_session=True,  # a Ctrl-C at the terminal reaches the command alone
        )
        _widen(self.process.stdin)

    def _streams(self) -> tuple[IO[bytes], IO[bytes]]:
        process = self.process
        if process is None or process.stdin is None or process.stdout is None:
            raise sqlite3.OperationalError("the mirror's writer process was stopped")
        return process.stdin, process.stdout

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        into, back = self._streams()
        try:
            _send(into, EXECUTE, marshal.dumps((sql, tuple(params))))
            frame = _receive(back)
        except OSError:  # a broken pipe: the writer is gone
            frame = None
        except BaseException:
            self._kill()
            raise
        if frame is None:
            self._kill()
            raise sqlite3.OperationalError("the mirror's writer process ended")
        kind, payload = frame
        if kind == ERROR:
            raise pickle.loads(payload)
        description, rows = marshal.loads(payload)
        return Result(description, rows)

    def executemany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        into, _ = self._streams()
        try:
            _send(into, MANY, marshal.dumps((sql, rows)))
        except BaseException as exc:
            self._kill()
            if isinstance(exc, OSError):  # a broken pipe: the writer is gone
                raise sqlite3.OperationalError("the mirror's writer process ended") from None
            raise

    def close(self) -> None:
        """End the writer (it closes its connection: a transaction still open rolls back)."""
        process, self.process = self.process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=BUSY_TIMEOUT + 5)
        except BaseException:
            process.kill()
            process.wait()
            raise
        finally:
            if process.stdout is not None:
                process.stdout.close()

    def _kill(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass


def serve(path: str, into: IO[bytes], out: IO[bytes]) -> None:
    """Run the statements that come in on `into` on a connection to `path`, answering on `out`."""
    failed: BaseException | None = None  # a failed executemany, answered at the next statement
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
        for pragma in WRITE_PRAGMAS:
            conn.execute(pragma)
    except sqlite3.Error as exc:
        broken: BaseException | None = exc
    else:
        broken = None
    while (frame := _receive(into)) is not None:
        kind, payload = frame
        sql, params = marshal.loads(payload)
        if kind == MANY:
            if failed is None and broken is None and conn is not None:
                try:
                    conn.executemany(sql, params)
                except Exception as exc:
                    failed = exc
            continue
        if broken is not None or failed is not None or conn is None:
            error = broken or failed or sqlite3.OperationalError("no connection")
            failed = None
            _send(out, ERROR, _error_payload(error))
            continue
        try:
            cursor = conn.execute(sql, params)
            answer = marshal.dumps((cursor.description, cursor.fetchall()))
        except Exception as exc:
            _send(out, ERROR, _error_payload(exc))
        else:
            _send(out, RESULT, answer)
    if conn is not None:
        conn.close()  # a transaction not committed is rolled back


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        serve(sys.argv[1], sys.stdin.buffer, sys.stdout.buffer)
    except BrokenPipeError:  # the command is gone: nothing to answer, nothing committed
        sys.exit(1)
