"""Benchmark: `xero sync` into SQLite, a first run and an incremental run after 1% changed.

For each size it serves a fresh sandbox (`xero sandbox serve --invoices N`, limits lifted so the
tool, not the limiter, is measured), then runs, each as its own child process:
  - the reference: `xero --sandbox export ndjson invoices -o FILE` (calls, wall);
  - a first `xero --sandbox sync invoices --db FILE`: calls, wall, CPU, peak RSS (the child's,
    `os.wait4`), rows written (invoices and their lines, payments, tracking), rows a second of
    wall time and line rows per CPU second of the whole process (fetching and parsing included),
    and of loading alone (its CPU less the export's, which fetches and parses the same pages);
  - 1% of the invoices changed over plain HTTP (a new reference, batches of 50), then the same
    sync again: calls, wall, records written;
  - the same first sync of every collection (`xero --sandbox sync`).
Beside each run count: the rate-limit floor at Xero's 60 calls a minute, (ceil(calls/60) - 1)
minutes, which a real sync cannot beat.

    python benchmarks/sync_bench.py                 # 10,000 invoices
    python benchmarks/sync_bench.py --sizes 10000 100000

At Xero's real limits (`--real-limits N`: 60 calls a minute and 5 in flight per app and
tenant, the sandbox's defaults and the client's): a first `xero --sandbox sync` of every
collection of a company of N invoices, its calls, wall time, the 429s the sandbox answered,
and the ratio of the wall time to the rate-limit floor, calls / 60 per minute (the issue's
goal: within 10 %, a ratio of 1.10 at most):

    python benchmarks/sync_bench.py --real-limits 150000     # ~300 calls: ~5 min at 60/min

Against a sandbox already served (`--url`; seeding 100,000 invoices takes a while, so it is
served once), set to Xero's limits through `/__sandbox/config`: a first sync of the collections
named (`--collections`, default invoices), a fresh home and database each run, the sandbox's
minute emptied first, trees alternating run by run (`--baseline`, e.g. a `git archive` of
main): calls, wall, CPU, 429s, and the ratio to the floor (ceil(calls/60) - 1) minutes:

    python benchmarks/sync_bench.py --url http://127.0.0.1:PORT --baseline /tmp/old --runs 1
    python benchmarks/sync_bench.py --url URL_30000 --baseline /tmp/old --collections all
"""

from __future__ import annotations

import argparse
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_trees import compiled

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.cli import isolated_env  # noqa: E402
from tests.helpers.oauth import login  # noqa: E402
from tests.helpers.sandbox import RunningSandbox, tenant_client  # noqa: E402

GENEROUS = ("--minute-limit", "1000000", "--app-minute-limit", "1000000", "--day-limit", "1000000")


def run_child(args: list[str], env: dict[str, str], cwd: Path | None = None) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one child process (`cwd`: the tree whose
    `xerocli` `python -m` imports, as it puts the working directory first on the path)."""
    started = time.monotonic()
    process = subprocess.Popen(
        args,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    err = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args[2:])} failed:\n{err}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def floor_seconds(calls: int, per_minute: int = 60) -> float:
    return max(0, math.ceil(calls / per_minute) - 1) * 60.0


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = ("invoices", "invoice_lines", "invoice_line_tracking", "invoice_payments")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def _editable(invoice: dict) -> bool:
    """Xero edits drafts, and authorised invoices with nothing paid or credited."""
    if invoice["Status"] in ("DRAFT", "SUBMITTED"):
        return True
    paid = invoice.get("AmountPaid") or 0
    credited = invoice.get("AmountCredited") or 0
    return invoice["Status"] == "AUTHORISED" and not paid and not credited


def change_one_percent(sandbox: RunningSandbox, size: int) -> int:
    """A new reference on 1% of the first company's invoices (editable ones), 50 a batch."""
    token = login(sandbox.url)
    changed = 0
    with tenant_client(sandbox, token, 0) as nz:
        ids: list[str] = []
        page = 1
        while len(ids) < size // 100:
            answer = nz.get(
                "/Invoices", params={"page": page, "pageSize": 1000, "summaryOnly": "true"}
            )
            found = answer.json()["Invoices"]
            if not found:
                break
            ids += [i["InvoiceID"] for i in found if _editable(i)]
            page += 1
        ids = ids[: max(1, size // 100)]
        for start in range(0, len(ids), 50):
            batch = [{"InvoiceID": i, "Reference": "bench"} for i in ids[start : start + 50]]
            answer = nz.post("/Invoices", json={"Invoices": batch})
            answer.raise_for_status()
            changed += len(batch)
    return changed


def measure(size: int, work: Path) -> list[tuple[str, str]]:
    root = work / f"n{size}"
    root.mkdir()
    print(f"seeding {size:,} invoices per tenant...", file=sys.stderr, flush=True)
    sandbox = RunningSandbox(root / "sandbox.sqlite", root, "--invoices", str(size), *GENEROUS)
    rows: list[tuple[str, str]] = []
    try:
        env = isolated_env(
            root / "home", XERO_SANDBOX_URL=sandbox.url, XERO_RATE_MINUTE_CALLS="1000000"
        )
        xero = [sys.executable, "-m", "xerocli", "--sandbox"]

        sandbox.reset_stats()
        export = run_child(
            [*xero, "export", "ndjson", "invoices", "-o", str(root / "x.ndjson")], env
        )
        export_calls = sandbox.stats()["api_calls"]
        rows.append(
            ("export ndjson invoices: calls, wall", f"{export_calls}, {export['wall']:.1f} s")
        )

        db = root / "mirror.sqlite"
        sandbox.reset_stats()
        first = run_child([*xero, "sync", "invoices", "--db", str(db)], env)
        calls = sandbox.stats()["api_calls"]
        written = counts(db)
        total = sum(written.values())
        load_cpu = max(first["cpu"] - export["cpu"], 1e-3)
        rows += [
            ("sync invoices (first): calls", f"{calls} (export: {export_calls})"),
            ("  wall / CPU", f"{first['wall']:.1f} s / {first['cpu']:.1f} s"),
            ("  rate-limit floor at 60/min", f"{floor_seconds(calls):.0f} s"),
            ("  rows written", f"{total:,} ({written['invoice_lines']:,} lines)"),
            ("  rows/s (wall)", f"{total / first['wall']:,.0f}"),
            ("  line rows per CPU second", f"{written['invoice_lines'] / first['cpu']:,.0f}"),
            (
                "  loading alone: CPU, line rows/s",
                f"{load_cpu:.2f} s, {written['invoice_lines'] / load_cpu:,.0f}"
                " (sync CPU less the export's: same pages fetched and parsed)",
            ),
            ("  peak RSS", f"{first['rss']:.0f} MB"),
        ]

        changed = change_one_percent(sandbox, size)
        sandbox.reset_stats()
        again = run_child([*xero, "sync", "invoices", "--db", str(db)], env)
        calls = sandbox.stats()["api_calls"]
        rows += [
            (f"sync invoices after {changed} changed: calls", f"{calls} (ceil(changes/1000) = "
             f"{math.ceil(changed / 1000)})"),
            ("  wall", f"{again['wall']:.2f} s"),
        ]  # fmt: skip

        whole = root / "whole.sqlite"
        sandbox.reset_stats()
        every = run_child([*xero, "sync", "--db", str(whole)], env)
        calls = sandbox.stats()["api_calls"]
        rows += [
            ("sync (every collection, first): calls", f"{calls}"),
            ("  wall / peak RSS", f"{every['wall']:.1f} s / {every['rss']:.0f} MB"),
            ("  rate-limit floor at 60/min", f"{floor_seconds(calls):.0f} s"),
        ]
    finally:
        sandbox.stop()
    return rows


REAL_LIMITS = ("--minute-limit", "60", "--concurrent-limit", "5", "--day-limit", "5000")


class _PatientSandbox(RunningSandbox):
    """Seeding a few hundred thousand invoices takes longer than a test's sandbox may."""

    def _wait_for_url(self, timeout: float = 1800) -> str:
        return super()._wait_for_url(timeout)


def measure_at_real_limits(size: int, work: Path) -> list[tuple[str, str]]:
    """A first sync of every collection with the sandbox and the client at Xero's limits."""
    root = work / f"real{size}"
    root.mkdir()
    print(f"seeding {size:,} invoices per tenant...", file=sys.stderr, flush=True)
    sandbox = _PatientSandbox(root / "sandbox.sqlite", root, "--invoices", str(size), *REAL_LIMITS)
    try:
        env = isolated_env(root / "home", XERO_SANDBOX_URL=sandbox.url)
        xero = [sys.executable, "-m", "xerocli", "--sandbox"]
        # logged in (and the minute's budget spent on it given back) before the clock starts
        subprocess.run([*xero, "tenants", "list"], env=env, check=True, capture_output=True)
        time.sleep(61)
        sandbox.reset_stats()
        print("syncing at 60 calls a minute...", file=sys.stderr, flush=True)
        run = run_child([*xero, "sync", "--db", str(root / "mirror.sqlite")], env)
        stats = sandbox.stats()
    finally:
        sandbox.stop()
    calls = stats["api_calls"]
    floor = calls  # seconds: calls / 60 a minute
    refused = stats["by_status"].get("429", 0)
    return [
        ("invoices per company", f"{size:,}"),
        ("calls (every collection, first sync)", f"{calls}"),
        ("429s answered by the sandbox", f"{refused} {stats['rate_limited']}"),
        ("wall / CPU", f"{run['wall']:.1f} s / {run['cpu']:.1f} s"),
        ("floor: calls / 60 per minute", f"{floor:.0f} s"),
        ("floor, a full first minute: (ceil(calls/60) - 1) min", f"{floor_seconds(calls):.0f} s"),
        ("ratio: wall / floor (goal <= 1.10)", f"{run['wall'] / floor:.3f}"),
        ("peak RSS", f"{run['rss']:.0f} MB"),
    ]


def sync_once(tree: Path, url: str, root: Path, collections: list[str]) -> dict[str, float]:
    """One first sync by the tree's CLI against a served sandbox at Xero's limits."""
    import httpx

    root.mkdir(parents=True)
    env = isolated_env(root / "home", XERO_SANDBOX_URL=url)
    env["PYTHONPATH"] = str(tree)
    xero = [sys.executable, "-m", "xerocli", "--sandbox"]
    # logged in (and that call's minute given back) before the clock starts
    subprocess.run([*xero, "tenants", "list"], env=env, check=True, capture_output=True, cwd=tree)
    time.sleep(61)
    before = httpx.get(f"{url}/__sandbox/stats", timeout=10).json()
    names = [] if collections == ["all"] else collections
    run = run_child([*xero, "sync", *names, "--db", str(root / "mirror.sqlite")], env, tree)
    after = httpx.get(f"{url}/__sandbox/stats", timeout=10).json()
    calls = after["api_calls"] - before["api_calls"]
    limited = after["by_status"].get("429", 0) - before["by_status"].get("429", 0)
    floor = floor_seconds(calls)
    return {**run, "calls": calls, "limited": limited, "floor": floor, "ratio": run["wall"] / floor}


def measure_served(url: str, trees: dict[str, Path], collections: list[str], runs: int) -> None:
    import httpx

    limits = {"minute_seconds": 60.0, "minute_limit": 60, "concurrent_limit": 5}
    httpx.post(f"{url}/__sandbox/config", json=limits, timeout=10).raise_for_status()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    names = list(trees)
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as temp:
        for run in range(runs):
            for name in names if run % 2 == 0 else names[::-1]:
                root = Path(temp) / f"{name.replace(' ', '-')}-{run}"
                result = sync_once(trees[name], url, root, collections)
                results[name].append(result)
                print(f"{name} run {run}: " + ", ".join(f"{k} {v:.2f}" for k, v in
                      result.items()), file=sys.stderr, flush=True)  # fmt: skip
    print("| tree | calls | floor (s) | wall (s) | ratio | tail (s) | 429s | CPU (s) | RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, done in results.items():
        for r in done:
            print(f"| {name} | {r['calls']:.0f} | {r['floor']:.0f} | {r['wall']:.1f} |"
                  f" {r['ratio']:.3f} | {r['wall'] - r['floor']:.1f} | {r['limited']:.0f} |"
                  f" {r['cpu']:.1f} | {r['rss']:.0f} MB |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--real-limits", type=int, metavar="N", help="see the module's doc")
    parser.add_argument("--url", help="a served sandbox, set to Xero's limits here")
    parser.add_argument("--baseline", type=Path, help="with --url: a tree to compare with")
    parser.add_argument(
        "--collections", nargs="+", default=["invoices"], help="with --url; `all`: every one"
    )
    parser.add_argument("--runs", type=int, default=1, help="with --url: runs of each tree")
    args = parser.parse_args()
    if args.url:
        trees = {"this tree": compiled(REPO)}
        if args.baseline:
            trees = {"baseline": compiled(args.baseline), **trees}
        measure_served(args.url, trees, args.collections, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as temp:
        if args.real_limits:
            print(f"\n## At Xero's limits, {args.real_limits:,} invoices a company\n")
            print("| measure | value |\n|---|---|")
            for name, value in measure_at_real_limits(args.real_limits, Path(temp)):
                print(f"| {name} | {value} |")
            return
        for size in args.sizes:
            print(f"\n## {size:,} invoices per tenant\n")
            print("| measure | value |\n|---|---|")
            for name, value in measure(size, Path(temp)):
                print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
