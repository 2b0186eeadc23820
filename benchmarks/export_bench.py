"""Benchmark: `xero export csv invoices --lines` against the same export with Xero's SDK.

For each size it serves a fresh sandbox (`xero sandbox serve --invoices N` with limits generous
enough that the tool, not the limiter, is measured), then runs, each as its own child process:
  - xerocli: `xero --sandbox export csv invoices --lines -o FILE`
  - the SDK: benchmarks/sdk_export.py (xero-python, page=N, one CSV row per line item)
and reports API calls (from the sandbox's counters), wall time and peak RSS of the child
(`os.wait4` rusage, so the sandbox's own memory is not counted), and SDK/xerocli ratios.

    python benchmarks/export_bench.py                 # 1,000, 10,000 and 100,000 invoices
    python benchmarks/export_bench.py --sizes 1000 10000
    python benchmarks/export_bench.py --sdk-sizes 1000 10000   # skip the SDK at 100,000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.cli import isolated_env  # noqa: E402
from tests.helpers.oauth import login  # noqa: E402
from tests.helpers.sandbox import RunningSandbox  # noqa: E402

GENEROUS = ("--minute-limit", "1000000", "--app-minute-limit", "1000000", "--day-limit", "1000000")


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one child process."""
    started = time.monotonic()
    process = subprocess.Popen(
        args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.write(process.stderr.read().decode() if process.stderr else "")
    if process.stderr:
        process.stderr.close()
    return wall, usage.ru_maxrss / 1024, process.returncode


def measure(size: int, work: Path, with_sdk: bool) -> dict[str, dict[str, float]]:
    root = work / f"n{size}"
    root.mkdir()
    print(f"seeding {size:,} invoices per tenant...", file=sys.stderr, flush=True)
    sandbox = RunningSandbox(root / "sandbox.sqlite", root, "--invoices", str(size), *GENEROUS)
    try:
        results: dict[str, dict[str, float]] = {}
        # The client's own limiter gets the sandbox's generous budget too: the tool is measured
        # here, and Xero's real 60 calls a minute is reported beside (calls / 60).
        env = isolated_env(
            root / "home", XERO_SANDBOX_URL=sandbox.url, XERO_RATE_MINUTE_CALLS="1000000"
        )
        out = root / "xerocli.csv"
        sandbox.reset_stats()
        wall, rss, code = run_child(
            [sys.executable, "-m", "xerocli", "--sandbox", "export", "csv", "invoices",
             "--lines", "-o", str(out)],
            env,
        )  # fmt: skip
        assert code == 0, "xerocli export failed"
        rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        results["xerocli"] = {"calls": sandbox.stats()["api_calls"], "wall": wall, "rss": rss,
                              "rows": rows}  # fmt: skip
        if not with_sdk:
            return results

        token = login(sandbox.url)
        tenant = httpx.get(
            f"{sandbox.url}/connections",
            headers={"Authorization": f"Bearer {token['access_token']}"},
        ).json()[0]["tenantId"]
        out = root / "sdk.csv"
        sandbox.reset_stats()
        wall, rss, code = run_child(
            [sys.executable, str(REPO / "benchmarks" / "sdk_export.py"),
             f"{sandbox.url}/api.xro/2.0", token["access_token"], tenant, str(out)],
            env,
        )  # fmt: skip
        assert code == 0, "SDK export failed"
        rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
        results["sdk"] = {"calls": sandbox.stats()["api_calls"], "wall": wall, "rss": rss,
                          "rows": rows}  # fmt: skip
        return results
    finally:
        sandbox.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--sdk-sizes", type=int, nargs="*", default=None, help="Sizes to run the SDK at (all)."
    )
    options = parser.parse_args()
    sdk_sizes = options.sizes if options.sdk_sizes is None else options.sdk_sizes
    table = []
    with tempfile.TemporaryDirectory(prefix="xero-export-bench-") as work:
        for size in options.sizes:
            table.append((size, measure(size, Path(work), size in sdk_sizes)))
    print(
        "| invoices | tool | rows | API calls | wall (s) | peak RSS (MB) | min. at 60 calls/min |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size, results in table:
        for tool in [t for t in ("xerocli", "sdk") if t in results]:
            r = results[tool]
            print(f"| {size:,} | {tool} | {r['rows']:,} | {r['calls']:,} | {r['wall']:.1f} |"
                  f" {r['rss']:.0f} | {r['calls'] / 60:.1f} |")  # fmt: skip
    print()
    print("| invoices | calls SDK/xerocli | wall SDK/xerocli | peak RSS SDK/xerocli |")
    print("|---:|---:|---:|---:|")
    for size, results in table:
        if "sdk" not in results:
            continue
        ours, sdk = results["xerocli"], results["sdk"]
        calls, wall = sdk["calls"] / ours["calls"], sdk["wall"] / ours["wall"]
        print(f"| {size:,} | {calls:.1f}x | {wall:.2f}x | {sdk['rss'] / ours['rss']:.2f}x |")
    if len(table) > 1:
        small, large = table[0], table[-1]
        grew = large[1]["xerocli"]["rss"] - small[1]["xerocli"]["rss"]
        print(f"\nxerocli peak RSS, {large[0]:,} vs {small[0]:,} invoices: +{grew:.0f} MB")


if __name__ == "__main__":
    main()
