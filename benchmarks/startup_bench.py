"""Startup of the installed `xero` script: every TAB press and every one-liner in a script pays it.

Times whole processes of the console script (not `python -m xerocli`), each as a ratio to the
same venv's bare `python -c pass` measured in the same round: `--version`, `--help`,
`invoices --help`, `invoices list --help`, a TAB completion request, `invoices list` against a
local sandbox (logged in, tenant selected) and `--sandbox invoices list` on an already seeded
demo company. Every round runs every case once, interleaved (with `--before`, the older
script's cases too), so drift hits every case alike; each case reports the median of its
times and the median of its per-round ratios. `--write` puts the table into
benchmarks/README.md between the startup-bench markers.

    python benchmarks/startup_bench.py [--xero PATH] [--before PATH] [--runs 21] [--write]

Setup, not timed: one `xero sandbox serve` on 127.0.0.1 (from `--xero`'s venv, limits lifted)
and, per script, a home of its own logged in to it with `auth login --no-browser` (the
benchmark plays the browser; tokens in the 0600 file store) and a demo company selected, and
one `--sandbox` run to seed that home's embedded demo company.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
README = REPO / "benchmarks" / "README.md"
START = "<!-- startup-bench:start -->"
END = "<!-- startup-bench:end -->"
URL_RE = re.compile(r"Xero sandbox on (http://127\.0\.0\.1:\d+)")
GENEROUS = ("--minute-limit", "1000000", "--app-minute-limit", "1000000", "--day-limit", "1000000")

REFERENCE = "bare `python -c pass` (reference)"
#: (label, arguments after `xero`, environment: "plain", "served" or "embedded", target).
CASES: list[tuple[str, list[str], str, str]] = [
    ("`xero --version`", ["--version"], "plain", ""),
    ("`xero --help`", ["--help"], "plain", "<= 4x"),
    ("`xero invoices --help`", ["invoices", "--help"], "plain", "<= 4x"),
    ("`xero invoices list --help`", ["invoices", "list", "--help"], "plain", "<= 4x"),
    ("TAB: `xero invoices list --output <TAB>`", [], "tab", ""),
    ("`xero invoices list` (sandbox, logged in)", ["invoices", "list"], "served", "<= 6x"),
    ("`xero --sandbox invoices list` (seeded)", ["--sandbox", "invoices", "list"], "embedded", ""),
]
SANDBOX_TARGET = "<= 350 ms"
TAB = {
    "_XERO_COMPLETE": "bash_complete",
    "COMP_WORDS": "xero\ninvoices\nlist\n--output\n",
    "COMP_CWORD": "4",
}


@dataclass
class Script:
    """One installed `xero` and the home it runs in."""

    name: str  # "after" or "before"
    xero: Path
    home: Path
    url: str
    times: dict[str, list[float]] = field(default_factory=dict)
    ratios: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    @property
    def python(self) -> Path:
        return self.xero.parent / "python"

    def env(self, kind: str = "plain") -> dict[str, str]:
        """A clean user; bytecode cached in the home, as an installed package has it."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("XERO_", "_XERO"))
            and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")
        }
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            PYTHONPYCACHEPREFIX=str(self.home / "pycache"),
            NO_COLOR="1",
            COLUMNS="100",
            XERO_TOKEN_STORE="file",
            XERO_RATE_MINUTE_CALLS="1000000",
        )
        if kind == "served":
            env["XERO_SANDBOX_URL"] = self.url
        if kind == "tab":
            env.update(TAB)
        return env

    def argv(self, args: list[str]) -> list[str]:
        return [str(self.xero), *args]

    def run(self, args: list[str], kind: str = "plain") -> subprocess.CompletedProcess:
        done = subprocess.run(
            self.argv(args), env=self.env(kind), capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:
            raise SystemExit(
                f"{self.name}: xero {' '.join(args)} exited {done.returncode}:\n{done.stderr}"
            )
        return done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sandbox(xero: Path, root: Path) -> tuple[subprocess.Popen, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XERO_", "_XERO"))}
    env["HOME"] = str(root)
    process = subprocess.Popen(
        [
            str(xero),
            "sandbox",
            "serve",
            "--port",
            "0",
            "--data",
            str(root / "sandbox.sqlite"),
            *GENEROUS,
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    while True:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            raise SystemExit("sandbox did not start:\n" + "".join(seen))
        seen.append(line)
        found = URL_RE.search(line)
        if found:
            return process, found.group(1)


def log_in(script: Script) -> None:
    """`xero auth login --no-browser` with the benchmark as the browser, then select a company."""
    port = free_port()
    login = subprocess.Popen(
        script.argv(["auth", "login", "--no-browser", "--port", str(port)]),
        env=script.env("served"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert login.stderr is not None
    while True:
        line = login.stderr.readline()
        if not line:
            raise SystemExit(f"{script.name}: login printed no URL")
        if line.startswith("http") and "/identity/connect/authorize" in line:
            break
    consent = httpx.get(line.strip(), follow_redirects=False, timeout=30)
    httpx.get(consent.headers["location"], follow_redirects=False, timeout=30)
    _, err = login.communicate(timeout=60)
    if login.returncode != 0:
        raise SystemExit(f"{script.name}: login failed:\n{err}")
    listed = json.loads(script.run(["tenants", "list", "-o", "json"], "served").stdout)
    names = [row["tenantName"] for row in listed]
    script.run(["tenants", "select", names[0]], "served")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: the child's user + system time from `os.wait4`). On a
    shared box the wall time includes waiting for a core; the CPU time mostly does not."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}: {errors.decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime


def measure(scripts: list[Script], runs: int) -> None:
    for script in scripts:
        script.run(["--sandbox", "invoices", "list"])  # seeds the embedded demo company
        for _ in range(2):  # warm the page cache and the bytecode caches
            for _label, args, kind, _target in CASES:
                script.run(args, kind)
    for _ in range(runs):
        for script in scripts:
            bare, bare_cpu = timed([str(script.python), "-c", "pass"], script.env())
            script.times.setdefault(REFERENCE, []).append(bare)
            script.cpu.setdefault(REFERENCE, []).append(bare_cpu)
            for label, args, kind, _target in CASES:
                seconds, cpu = timed(script.argv(args), script.env(kind))
                script.times.setdefault(label, []).append(seconds)
                script.ratios.setdefault(label, []).append(seconds / bare)
                script.cpu.setdefault(label, []).append(cpu)


def table(scripts: list[Script], runs: int) -> str:
    heads = [f"{s.name}: median | {s.name}: ratio | {s.name}: CPU" for s in scripts]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        f"Median of {runs} interleaved rounds, {time.strftime('%Y-%m-%d %H:%M')}, Python "
        f"{platform.python_version()} on {platform.system()} ({os.cpu_count()} CPUs, load"
        f" average {load:.1f} at the end); the ratio is the median of each round's time over"
        " that round's bare python; CPU is the median user + system time of the process:",
        "",
        f"| command | {' | '.join(heads)} | target |",
        "|---|" + "---:|---:|---:|" * len(scripts) + "---|",
    ]
    for label, *_rest in [(REFERENCE,), *CASES]:
        target = next((c[3] for c in CASES if c[0] == label), "")
        if label.startswith("`xero --sandbox"):
            target = SANDBOX_TARGET
        cells = []
        for script in scripts:
            ms = statistics.median(script.times[label]) * 1000
            ratio = statistics.median(script.ratios[label]) if label in script.ratios else 1.0
            cpu = statistics.median(script.cpu[label]) * 1000
            cells.append(f"{ms:.0f} ms | {ratio:.1f}× | {cpu:.0f} ms")
        lines.append(f"| {label} | {' | '.join(cells)} | {target} |")
    return "\n".join(lines)


def write(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"{README}: no {START} ... {END} section to fill")
    head, rest = readme.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--xero",
        type=Path,
        default=Path(sys.executable).parent / "xero",
        help="The installed script to measure (default: the one beside this python).",
    )
    parser.add_argument("--before", type=Path, help="An older install's script, interleaved.")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--write", action="store_true", help="Update benchmarks/README.md.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root_dir:
        root = Path(root_dir)
        (root / "server").mkdir()
        server, url = start_sandbox(args.xero, root / "server")
        try:
            scripts = []
            for name, xero in (("before", args.before), ("after", args.xero)):
                if xero is None:
                    continue
                (root / name).mkdir()
                script = Script(name, xero.absolute(), root / name, url)
                log_in(script)
                scripts.append(script)
            measure(scripts, args.runs)
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = table(scripts, args.runs)
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
