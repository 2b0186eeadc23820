"""Benchmark: an export at Xero's real limits (60 calls a minute, 5 in flight), against its floor.

The sandbox enforces the limits on a real clock, so this takes minutes: each run is
`xero --sandbox export csv invoices --lines -o FILE` as a child process with the client's
default budget (no XERO_RATE_* variables) and a fresh home (an empty rate-limit ledger), after
the sandbox's minute has emptied of the previous run's calls. Trees alternate run by run.

The floor is the least time the calls can take at 60 a minute: the last of them can go out
only once the minute of the first ones has passed, so `ceil(calls / 60) - 1` minutes. What the
export takes past the floor is its tail: the client's work on the pages of the last minute (they
can come no sooner), the limiter's margins, and any retry. 429 answers are counted.

    python benchmarks/tail_bench.py --url http://127.0.0.1:PORT --baseline /tmp/old --runs 1
    # or: --invoices 100000 --data /tmp/n100k.sqlite (served here; seeding takes a while)
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from bench_trees import compiled

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.cli import isolated_env  # noqa: E402
from tests.helpers.sandbox import RunningSandbox  # noqa: E402

REAL_LIMITS = {"minute_seconds": 60.0, "minute_limit": 60, "concurrent_limit": 5}


def export_once(tree: Path, url: str, home: Path, out: Path) -> dict[str, float]:
    """One export child at the real limits: wall and CPU seconds, peak RSS, calls, 429s."""
    before = httpx.get(f"{url}/__sandbox/stats", timeout=10).json()
    env = isolated_env(home, XERO_SANDBOX_URL=url)
    env["PYTHONPATH"] = str(tree)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "xerocli", "--sandbox", "export", "csv", "invoices", "--lines",
         "-o", str(out)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        cwd=tree,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    assert os.waitstatus_to_exitcode(status) == 0, f"export failed in {tree}: {errors}"
    after = httpx.get(f"{url}/__sandbox/stats", timeout=10).json()
    calls = after["api_calls"] - before["api_calls"]
    limited = after["by_status"].get("429", 0) - before["by_status"].get("429", 0)
    floor = (math.ceil(calls / 60) - 1) * 60.0
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "calls": calls,
        "limited": limited,
        "floor": floor,
        "tail": wall - floor,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="A tree to compare with (optional).")
    parser.add_argument("--url", help="A running sandbox (its limits are set to Xero's here).")
    parser.add_argument("--data", type=Path, help="The sandbox's data file (kept, reused).")
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1, help="Runs of each tree.")
    options = parser.parse_args()
    trees = {"this tree": compiled(REPO)}
    if options.baseline:
        trees = {"baseline": compiled(options.baseline), **trees}
    with tempfile.TemporaryDirectory(prefix="xero-tail-bench-") as work_name:
        work = Path(work_name)
        sandbox = None
        url = options.url
        if url is None:
            data = options.data or work / "sandbox.sqlite"
            sandbox = RunningSandbox(data, work, "--invoices", str(options.invoices),
                                     "--day-limit", "1000000")  # fmt: skip
            url = sandbox.url
        try:
            httpx.post(f"{url}/__sandbox/config", json=REAL_LIMITS, timeout=10).raise_for_status()
            results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
            names = list(trees)
            for run in range(options.runs):
                for name in names if run % 2 == 0 else names[::-1]:
                    time.sleep(61)  # the sandbox's minute empties of the last run's calls
                    home = work / f"home-{name.replace(' ', '-')}-{run}"
                    result = export_once(trees[name], url, home, work / "out.csv")
                    results[name].append(result)
                    print(f"{name} run {run}: " + ", ".join(f"{k} {v:.2f}" for k, v in
                          result.items()), file=sys.stderr, flush=True)  # fmt: skip
        finally:
            if sandbox is not None:
                sandbox.stop()
    print("| tree | calls | floor (s) | wall (s) | wall / floor | tail (s) | 429s | CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        floor = runs[0]["floor"]
        print(f"| {name} | {runs[0]['calls']:.0f} | {floor:.0f} | {wall:.1f} |"
              f" {wall / floor if floor else float('nan'):.3f}x | {wall - floor:.1f} |"
              f" {sum(r['limited'] for r in runs):.0f} |"
              f" {statistics.median(r['cpu'] for r in runs):.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
