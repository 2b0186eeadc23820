"""Start each test's `xero` as its own process, forked from a warm interpreter.

The suite runs about a thousand `xero` commands. Started cold, each pays the interpreter's
start, the site packages' `.pth` files and the imports of typer, httpx and pydantic, about
200 ms of CPU before the first line of xerocli runs: most of the suite's time on a 2-core
machine. A fork server pays them once per pytest worker. Each command is still a process of
its own (its pid, its exit status, its signals), with its own stdin, stdout and stderr pipes,
its own environment and working directory, running xerocli's console-script entry point from
the start: the server has imported the libraries and xerocli's modules, and run nothing.

What a fork does not give a command: a fresh interpreter (the hash seed is the server's, and
modules a command would import lazily are already imported). The tests of those (startup
imports, `--help` cost, the console script itself) start real processes of their own, and
`XERO_TESTS_FORK=0` runs every command cold.

The protocol, over a Unix socket per server: the client sends one JSON line (argv, env, cwd)
with three file descriptors (stdin, stdout, stderr) attached; the server forks a watcher that
forks the command, sends back `{"pid": N}`, waits for it and sends `{"status": WAITSTATUS}`.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

#: The libraries commands import, loaded once by the server with every xerocli module
#: (`xerocli_modules`; definitions only: nothing here reads the environment or the user's files
#: at import time). The last ones are imported lazily, inside functions, so no module's import
#: brings them: without them and the package's lazily imported modules a forked `xero invoices
#: list` imported ~20 modules of its own (the fast parser, the context, the ledger, tomllib,
#: ...), ~70 ms of CPU a command on a slow 2-core box, 35-40 with them, and the suite runs
#: ~1,400 commands (each a watcher and a command process).
PRELOAD = (
    "typer",
    "typer.main",
    "httpx",
    "pydantic",
    "simplejson",
    "filelock",
    "sqlite3",
    "platformdirs",
    *("tomllib", "encodings.idna", "stringprep", "resource", "msgspec"),
)


def enabled() -> bool:
    return os.environ.get("XERO_TESTS_FORK", "1") != "0"


# --- the server ---------------------------------------------------------------------------------
def xerocli_modules() -> list[str]:
    """Every module of the package, for the server to import (definitions only: each is
    imported by some command anyway), but the scripts whose import runs them."""
    import pkgutil

    import xerocli

    return [
        info.name
        for info in pkgutil.walk_packages(xerocli.__path__, "xerocli.")
        if info.name not in RUN_ON_IMPORT
    ]


#: Modules that do their work when run (`python -m`), not imported.
RUN_ON_IMPORT = frozenset({"xerocli.__main__", "xerocli.mirror.backends.writer"})


def serve(socket_path: str) -> None:
    """Accept commands until the client goes away (stdin closes)."""
    import importlib

    for name in (*PRELOAD, *xerocli_modules()):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # a module renamed, an optional library missing: the command imports it
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    while True:
        connection, _ = listener.accept()
        _reap()
        if os.fork() == 0:
            listener.close()
            _watch(connection)
        connection.close()


def _exit_when_parent_goes() -> None:
    """Raw reads of fd 0: a thread blocked in `sys.stdin.read()` would hold the buffer's lock
    in every forked command."""
    while os.read(0, 1 << 10):
        pass
    os._exit(0)


def _reap() -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _watch(connection: socket.socket) -> None:
    """In the watcher: receive the command, fork it, report its pid and its end."""
    try:
        message, fds, _flags, _addr = socket.recv_fds(connection, 1 << 20, 3)
        request = json.loads(message)
        pid = os.fork()
        if pid == 0:
            connection.close()
            _run_command(request, fds)
        for fd in fds:
            os.close(fd)
        connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        _, status = os.waitpid(pid, 0)
        connection.sendall(json.dumps({"status": status}).encode() + b"\n")
    finally:
        os._exit(0)


def _run_command(request: dict, fds: list[int]) -> None:
    """In the command's process: become `xero ARGS` as a new process would be."""
    code = 1
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import tempfile
        import time

        tempfile.tempdir = None
        time.tzset()
        sys.dont_write_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
        sys.argv = ["xero", *request["argv"]]
        code = _entry_point()
    except BaseException:  # what the interpreter prints for an uncaught exception
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        code = _finish(code)
        os._exit(code)


def _entry_point() -> int:
    from xerocli.cli.entry import main

    try:
        main()
    except SystemExit as exc:
        return _exit_code(exc.code)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    return 0


def _exit_code(value: object) -> int:
    """What the interpreter makes of `SystemExit(value)`."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF
    print(value, file=sys.stderr)
    return 1


def _finish(code: int) -> int:
    """Run atexit functions and flush stdio, as an interpreter's exit does."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            code = code or 120
    return code


# --- the client ---------------------------------------------------------------------------------
class ForkServer:
    """One server per pytest worker process, started on first use."""

    def __init__(self, repo: Path) -> None:
        self._repo = repo
        self._process: subprocess.Popen | None = None
        self._socket_path = ""
        self._lock = threading.Lock()

    def shim(self, directory: Path, env: dict[str, str]) -> Path:
        """An executable `xero` in `directory` for shell lines: cold (`python -m xerocli`)
        when forking is off, else the stdlib-only client of this server (`fork_client.py`)."""
        script = directory / "xero"
        if enabled():
            line = "exec " + " ".join(f'"{part}"' for part in self.client_argv(env)) + ' "$@"'
        else:
            line = f'exec "{sys.executable}" -m xerocli "$@"'
        script.write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
        script.chmod(0o755)
        return script

    def client_argv(self, env: dict[str, str]) -> list[str]:
        """The command line of this server's client (`fork_client.py`, stdlib only): the
        arguments after it run as `xero ARGS` in a process forked from the warm server."""
        client = Path(__file__).with_name("fork_client.py")
        return [sys.executable, "-S", "-E", str(client), self._ensure(env)]

    def _ensure(self, env: dict[str, str]) -> str:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                import tempfile

                directory = tempfile.mkdtemp(prefix="xerocli-fork-")
                self._socket_path = os.path.join(directory, "socket")
                server_env = dict(env)
                server_env["PYTHONPATH"] = str(self._repo)
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "tests.helpers.forkserver", self._socket_path],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=server_env,
                    cwd=self._repo,
                )
                assert self._process.stdout is not None
                if self._process.stdout.readline().strip() != b"ready":
                    raise RuntimeError("the test fork server did not start")
                atexit.register(self.stop)
            return self._socket_path

    def stop(self) -> None:
        """End the server (it exits when its stdin closes) and wait for it."""
        process, self._process = self._process, None
        if self._socket_path:
            import shutil

            shutil.rmtree(os.path.dirname(self._socket_path), ignore_errors=True)
        if process is not None and process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def run(
        self,
        argv: list[str],
        *,
        env: dict[str, str],
        input: str | None,
        timeout: float,
        cwd: Path | None,
    ) -> subprocess.CompletedProcess:
        """Like `subprocess.run(capture_output=True, text=True)`, in a forked process."""
        path = self._ensure(env)
        stdin_read, stdin_write = os.pipe() if input is not None else (_devnull(), -1)
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(path)
            request = {"argv": argv, "env": env, "cwd": str(cwd or os.getcwd())}
            socket.send_fds(
                connection, [json.dumps(request).encode()], [stdin_read, out_write, err_write]
            )
        finally:
            for fd in (stdin_read, out_write, err_write):
                os.close(fd)
        replies = connection.makefile("rb")
        pid = json.loads(replies.readline())["pid"]
        outputs: dict[int, bytes] = {}
        readers = [
            threading.Thread(target=_read_all, args=(fd, outputs)) for fd in (out_read, err_read)
        ]
        for reader in readers:
            reader.start()
        if stdin_write >= 0:
            threading.Thread(
                target=_write_all, args=(stdin_write, input or ""), daemon=True
            ).start()
        connection.settimeout(timeout)
        try:
            line = replies.readline()
        except TimeoutError:
            _kill(pid)
            raise subprocess.TimeoutExpired(["xero", *argv], timeout) from None
        finally:
            for reader in readers:
                reader.join()
            connection.close()
        status = json.loads(line)["status"]
        return subprocess.CompletedProcess(
            ["xero", *argv],
            os.waitstatus_to_exitcode(status),
            _as_text(outputs.get(out_read, b"")),
            _as_text(outputs.get(err_read, b"")),
        )


def _as_text(data: bytes) -> str:
    """Decoded as `subprocess.run(text=True)` decodes: the locale's encoding, universal
    newlines."""
    import io
    import locale

    return io.TextIOWrapper(io.BytesIO(data), encoding=locale.getpreferredencoding(False)).read()


def _devnull() -> int:
    return os.open(os.devnull, os.O_RDONLY)


def _read_all(fd: int, into: dict[int, bytes]) -> None:
    chunks = []
    with open(fd, "rb", closefd=True) as stream:
        while chunk := stream.read1(1 << 16):
            chunks.append(chunk)
    into[fd] = b"".join(chunks)


def _write_all(fd: int, text: str) -> None:
    with open(fd, "wb", closefd=True) as stream:
        try:
            stream.write(text.encode("utf-8"))
        except BrokenPipeError:
            pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


if __name__ == "__main__":
    serve(sys.argv[1])
