"""Startup of `xero`: every TAB press and every one-liner in a script pays it.

Runs, interleaved so drift hits every case alike, N times each: a bare `python -c pass` (the
reference), `xero --version`, `xero --help`, `xero invoices list --help`, a TAB completion request
(`xero invoices list --output <TAB>`, the protocol of the generated scripts) and, for scale, the
import of the typer app (the least a typer-answered TAB would cost). Reports the median of each
and its ratio to the bare interpreter; `--write` puts the table into benchmarks/README.md between
the startup-bench markers.

    python benchmarks/startup_bench.py [--runs 21] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "benchmarks" / "README.md"
START = "<!-- startup-bench:start -->"
END = "<!-- startup-bench:end -->"

XERO = [sys.executable, "-m", "xerocli"]
CASES: list[tuple[str, list[str], dict[str, str]]] = [
    ("bare `python -c pass` (reference)", [sys.executable, "-c", "pass"], {}),
    ("`xero --version`", [*XERO, "--version"], {}),
    ("`xero --help`", [*XERO, "--help"], {}),
    ("`xero invoices list --help`", [*XERO, "invoices", "list", "--help"], {}),
    (
        "TAB: `xero invoices list --output <TAB>`",
        XERO,
        {
            "_XERO_COMPLETE": "bash_complete",
            "COMP_WORDS": "xero\ninvoices\nlist\n--output\n",
            "COMP_CWORD": "4",
        },
    ),
    (
        "for scale: import the typer app",
        [sys.executable, "-c", "import xerocli.cli.app"],
        {},
    ),
]


def environment(home: str) -> dict[str, str]:
    """A clean user; bytecode cached (in the temporary home) as an installed package has it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XERO_", "_XERO")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        HOME=home,
        PYTHONPATH=str(REPO),
        PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"),
        NO_COLOR="1",
        COLUMNS="100",
    )
    return env


def measure(runs: int) -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as home:
        base = environment(home)
        times: dict[str, list[float]] = {name: [] for name, _, _ in CASES}
        for _ in range(2):  # warm the page cache and .pyc files
            for _name, argv, extra in CASES:
                subprocess.run(argv, env={**base, **extra}, capture_output=True, check=False)
        for _ in range(runs):
            for name, argv, extra in CASES:
                started = time.perf_counter()
                done = subprocess.run(argv, env={**base, **extra}, capture_output=True)
                times[name].append(time.perf_counter() - started)
                if done.returncode != 0:
                    raise SystemExit(f"{name} exited {done.returncode}: {done.stderr.decode()}")
    return [(name, statistics.median(times[name])) for name, _, _ in CASES]


def table(results: list[tuple[str, float]], runs: int) -> str:
    reference = results[0][1]
    lines = [
        f"Median of {runs} runs each, {time.strftime('%Y-%m-%d')}, Python "
        f"{platform.python_version()} on {platform.system()} ({os.cpu_count()} CPUs):",
        "",
        "| command | median | ratio to bare python |",
        "|---|---:|---:|",
    ]
    for name, seconds in results:
        lines.append(f"| {name} | {seconds * 1000:.0f} ms | {seconds / reference:.1f}× |")
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
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--write", action="store_true", help="Update benchmarks/README.md.")
    args = parser.parse_args()
    text = table(measure(args.runs), args.runs)
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
