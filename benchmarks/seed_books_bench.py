"""The sandbox at 100,000 invoices, this tree against an older one (issues 16 and 18).

Three measures, each tree in its own processes, trees alternating round by round, medians:

    python benchmarks/seed_books_bench.py start --baseline /tmp/old --invoices 100000 --rounds 2
    python benchmarks/seed_books_bench.py full-read --baseline /tmp/old --data big.sqlite
    python benchmarks/seed_books_bench.py reports --baseline /tmp/old --data small.sqlite
    python benchmarks/seed_books_bench.py phases --baseline /tmp/old --invoices 100000

- start: `xero sandbox serve --invoices N --reset` to its banner line; wall time, and the CPU
  of the serving process and of its seeding workers (from /proc: what a busy machine changes
  least). The seeded file of the last round is kept (`--keep PATH`) for the next measure.
- full-read: the reports' first read of each company's books (`TenantBooks`), in-process CPU
  (`time.process_time`); the first round also hashes the books (entries, open items, bank
  flows, tax, tracking, running totals) so both trees are shown to build the same ones.
- reports: every report the sandbox serves, on a copy of `--data` per tree, both companies,
  several parameter sets each, one contact's aged documents, the published reports, asked
  on the first start, again after a restart (the books' saved totals), after writing one
  invoice, and after a restart that follows the write; the JSON answers (less Id,
  DateTimeUTC and UpdatedDateUTC) must be identical.

- phases: `seed()` in-process, each tree in a child process of its own: when each statement
  of the serving process began (a wrapper around its connection; the baseline's chunks of
  rows as the first and the last), so the serial tail after the workers (copies, indexes,
  commit) shows; CPU of the process and of its workers;
  then a hash of every stored row (all columns, `pos` too), count and sequence, which must be
  the same for both trees.

A baseline is a tree extracted with `git archive <commit> | tar -x -C /tmp/old`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_trees import compiled

REPO = Path(__file__).resolve().parents[1]

FULL_READ = r"""
import hashlib, sys, time
from xerocli.sandbox.books_cache import TenantBooks
from xerocli.sandbox.store import Store
store = Store(sys.argv[1])
began, digest = time.process_time(), hashlib.sha256()
for tenant in store.tenants():
    books = TenantBooks(store, tenant["tenant_id"]).snapshot()
    if sys.argv[2] == "1":
        for part in (sorted(books.entries.items()), books.open_items,
                     sorted(books.bank_flows.items()), sorted(books.tax.items()),
                     sorted(books.tracking.items()), sorted(books._running.items())):
            digest.update(repr(part).encode())
print(time.process_time() - began, digest.hexdigest()[:16], books.documents)
"""

PHASES = r"""
import hashlib, os, sys, time
from xerocli.sandbox.seed import SeedOptions, seed
from xerocli.sandbox.store import Store

class Timed:
    # The store's writer connection, noting when each statement starts (a trace callback
    # would cost the baseline seconds: it expands every row's 2 KB body into its SQL).
    def __init__(self, db, marks, began):
        self._db, self._marks, self._began = db, marks, began

    def _mark(self, how, sql):
        self._marks.append((time.perf_counter() - self._began, time.process_time(), how, sql))

    def execute(self, sql, *args):
        self._mark("", sql)
        return self._db.execute(sql, *args)

    def executemany(self, sql, *args):
        self._mark("many", sql)
        return self._db.executemany(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)

def main():
    path, invoices = sys.argv[1], int(sys.argv[2])
    store, began, marks = Store(path), time.perf_counter(), []
    store.db = Timed(store.db, marks, began)
    seed(store, SeedOptions(invoices=invoices))
    marks.append((time.perf_counter() - began, time.process_time(), "", "(seed returned)"))
    store.db = store.db._db
    shown = [m for m in marks if not m[3].startswith(("SELECT", "INSERT OR REPLACE INTO tenants",
             "DROP", "SAVEPOINT", "RELEASE", "CREATE TRIGGER", "PRAGMA synchronous"))]
    many = [m for m in shown if m[2] == "many"]
    if many:  # the baseline's chunks of rows: the first and the last
        print(f"  {len(many)} executemany of rows, the first at {many[0][0]:.2f} s, the last at"
              f" {many[-1][0]:.2f} s wall ({many[-1][1]:.2f} s CPU)")
    for wall, cpu, how, sql in shown:
        if how != "many":
            print(f"  {wall:6.2f} s wall {cpu:6.2f} s CPU  {sql[:58]}")
    times = os.times()
    print(f"  CPU: {times.user + times.system:.1f} s this process,"
          f" {times.children_user + times.children_system:.1f} s its workers")
    digest = hashlib.sha256()  # every stored row, count and sequence: the trees must agree
    for sql in ("SELECT * FROM tenants ORDER BY seq", "SELECT * FROM meta ORDER BY key",
                "SELECT * FROM records ORDER BY seq", "SELECT * FROM record_counts ORDER BY 1, 2",
                "SELECT * FROM sqlite_sequence", "SELECT type, name FROM sqlite_master ORDER BY 2"):
        for row in store.execute(sql):
            digest.update(repr(row).encode())
    print(f"  stored: {digest.hexdigest()[:16]}")

if __name__ == "__main__":
    main()
"""

#: (report, parameters) asked of both companies, before and after a write.
REPORT_SETS = [
    ("TrialBalance", {}),
    ("TrialBalance", {"date": "2026-06-15"}),
    ("TrialBalance", {"date": "2026-10-31", "paymentsOnly": "true"}),
    ("ProfitAndLoss", {}),
    (
        "ProfitAndLoss",
        {"fromDate": "2026-01-01", "toDate": "2026-10-31", "periods": "3", "timeframe": "QUARTER"},
    ),
    ("ProfitAndLoss", {"toDate": "2026-10-31", "periods": "11"}),
    ("ProfitAndLoss", {"paymentsOnly": "true", "fromDate": "2025-11-01", "toDate": "2026-10-31"}),
    ("BalanceSheet", {}),
    ("BalanceSheet", {"date": "2026-10-31", "periods": "4", "timeframe": "QUARTER"}),
    ("BalanceSheet", {"date": "2026-06-15", "paymentsOnly": "true"}),
    ("AgedReceivablesByContact", {}),
    ("AgedReceivablesByContact", {"date": "2026-06-15"}),
    ("AgedPayablesByContact", {}),
    ("AgedPayablesByContact", {"date": "2026-10-31"}),
    ("BankSummary", {}),
    ("BankSummary", {"fromDate": "2026-01-01", "toDate": "2026-06-30"}),
    ("BudgetSummary", {}),
    ("BudgetSummary", {"date": "2026-10-31", "periods": "6"}),
    ("ExecutiveSummary", {}),
    ("ExecutiveSummary", {"date": "2026-06-30"}),
    ("TenNinetyNine", {"reportYear": "2026"}),
]
VOLATILE = {"Id", "DateTimeUTC", "UpdatedDateUTC"}


def env_for(tree: Path, home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(tree),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def start_once(tree: Path, invoices: int, data: Path) -> tuple[float, float, float]:
    """(wall, serving CPU, workers' CPU) of one start to the banner line."""
    home = Path(tempfile.mkdtemp(prefix="seed-bench-"))
    command = [sys.executable, "-m", "xerocli", "sandbox", "serve", "--port", "0"]
    command += ["--data", str(data), "--reset", "--invoices", str(invoices)]
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env_for(tree, home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if "Xero sandbox on" in line:
            break
    wall = time.perf_counter() - began
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    own = (int(fields[11]) + int(fields[12])) / tick
    workers = (int(fields[13]) + int(fields[14])) / tick  # children waited for: the workers
    process.send_signal(signal.SIGTERM)
    process.wait()
    shutil.rmtree(home, ignore_errors=True)
    return wall, own, workers


def measure_start(trees: list[Path], args: argparse.Namespace) -> None:
    results: dict[Path, list[tuple[float, float, float]]] = {tree: [] for tree in trees}
    work = Path(tempfile.mkdtemp(prefix="seed-bench-data-"))
    for round_ in range(args.rounds):
        for tree in trees if round_ % 2 == 0 else trees[::-1]:
            data = work / f"{tree.name}.sqlite"
            results[tree].append(start_once(tree, args.invoices, data))
            wall, own, workers = results[tree][-1]
            print(
                f"{tree}: wall {wall:.1f} s, CPU {own:.1f} s serving + {workers:.1f} s "
                f"workers, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    for tree, runs in results.items():
        walls, cpus = [r[0] for r in runs], [r[1] + r[2] for r in runs]
        print(
            f"{tree}: median wall {statistics.median(walls):.1f} s, "
            f"CPU {statistics.median(cpus):.1f} s"
        )
    if args.keep:
        shutil.copy(work / f"{trees[-1].name}.sqlite", args.keep)
    shutil.rmtree(work, ignore_errors=True)


def measure_phases(trees: list[Path], args: argparse.Namespace) -> None:
    for tree in trees:
        work = Path(tempfile.mkdtemp(prefix="seed-bench-phases-"))
        script = work / "phases.py"  # a file: `spawn` workers re-import the main module
        script.write_text(PHASES)
        print(f"{tree}: load {os.getloadavg()[0]:.1f}", flush=True)
        subprocess.run(
            [sys.executable, str(script), str(work / "s.sqlite"), str(args.invoices)],
            env={**os.environ, "PYTHONPATH": str(tree)},
            check=True,
        )
        shutil.rmtree(work, ignore_errors=True)


def measure_full_read(trees: list[Path], args: argparse.Namespace) -> None:
    results: dict[Path, list[float]] = {tree: [] for tree in trees}
    for round_ in range(args.rounds):
        for tree in trees if round_ % 2 == 0 else trees[::-1]:
            answer = subprocess.run(
                [sys.executable, "-c", FULL_READ, str(args.data), "1" if round_ == 0 else "0"],
                env={**os.environ, "PYTHONPATH": str(tree)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            results[tree].append(float(answer[0]))
            if round_ == 0:
                print(f"{tree}: books digest {answer[1]}", flush=True)
    for tree, cpus in results.items():
        print(
            f"{tree}: full read CPU median {statistics.median(cpus):.2f} s "
            f"({', '.join(f'{c:.2f}' for c in cpus)})"
        )


REPORTS_CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from seed_books_bench import collect_reports
print(json.dumps(collect_reports(Path(sys.argv[1]), Path(sys.argv[2]))))
"""


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _ask_all(client, prefix: str, answers: dict[str, list]) -> None:
    """Every report set, the published reports' list and three of them, into `answers`."""
    for name, params in REPORT_SETS:
        got = client.get(f"Reports/{name}", params=params)
        key = f"{prefix}:{name}:{json.dumps(params, sort_keys=True)}"
        answers[key] = [got.status_code, _clean(got.json())]
    contact = client.get("Contacts").json()["Contacts"][0]["ContactID"]
    for name in ("AgedReceivablesByContact", "AgedPayablesByContact"):  # one contact's documents
        got = client.get(f"Reports/{name}", params={"contactId": contact, "date": "2026-10-31"})
        answers[f"{prefix}:{name}:contact"] = [got.status_code, _clean(got.json())]
    published = client.get("Reports")
    answers[f"{prefix}:published"] = [published.status_code, _clean(published.json())]
    for report in published.json().get("Reports", [])[:3]:
        one = client.get(f"Reports/{report['ReportID']}")
        answers[f"{prefix}:{report['ReportID']}"] = [one.status_code, _clean(one.json())]


def _write_invoice(client) -> None:
    contact = client.get("Contacts").json()["Contacts"][0]["ContactID"]
    line = {
        "Description": "bench",
        "Quantity": 2,
        "UnitAmount": 123.45,
        "AccountCode": "200",
        "TaxType": "OUTPUT2",
    }
    invoice = {
        "Type": "ACCREC",
        "Contact": {"ContactID": contact},
        "Date": "2026-06-10",
        "DueDate": "2026-07-10",
        "Status": "AUTHORISED",
        "LineAmountTypes": "Exclusive",
        "LineItems": [line],
    }
    written = client.post("Invoices", json={"Invoices": [invoice]})
    assert written.status_code == 200, written.text


def collect_reports(data: Path, work: Path) -> dict:
    """Every report's JSON from sandboxes of the tree on sys.path, on `data` (a copy): the
    first start ("first"), a restart ("restarted": the books' saved totals, where the tree
    keeps them), one invoice written ("after-write"), and a restart after it
    ("after-restart": the saved totals brought up to date from what was written)."""
    from tests.helpers.oauth import ALL_SCOPES, login
    from tests.helpers.sandbox import RunningSandbox, tenant_client

    answers: dict[str, list] = {}
    for phase in ("first", "restarted", "after-restart"):  # "after-write": in "restarted"
        sandbox = RunningSandbox(data, work)
        try:
            grant = login(sandbox.url, "seed-books-bench", f"{ALL_SCOPES} accounting.reports.read")
            for index in (0, 1):
                with tenant_client(sandbox, grant, index) as client:
                    client.timeout = 600
                    _ask_all(client, f"{index}:{phase}", answers)
                    if phase == "restarted":
                        _write_invoice(client)
                        _ask_all(client, f"{index}:after-write", answers)
        finally:
            sandbox.stop()
    return answers


def compare_reports(trees: list[Path], args: argparse.Namespace) -> None:
    found = []
    for tree in trees:
        work = Path(tempfile.mkdtemp(prefix="seed-bench-reports-"))
        copy = work / "sandbox.sqlite"
        shutil.copy(args.data, copy)
        answer = subprocess.run(
            [sys.executable, "-c", REPORTS_CHILD, str(copy), str(work), str(REPO / "benchmarks")],
            env={**os.environ, "PYTHONPATH": str(tree)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found.append(json.loads(answer))
        shutil.rmtree(work, ignore_errors=True)
    first = found[0]
    statuses = sorted({value[0] for value in first.values()})
    changed = sum(
        1
        for key in first
        if ":first:" in key and first[key] != first.get(key.replace(":first:", ":after-write:"))
    )
    print(f"{len(first)} answers (statuses {statuses}); {changed} changed by the write")
    for tree, answers in zip(trees[1:], found[1:], strict=True):
        differ = [key for key in first if answers.get(key) != first[key]]
        same = not differ and answers.keys() == first.keys()
        print(f"{tree}: {'identical' if same else f'{len(differ)} differ: {differ[:5]}'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measure", choices=("start", "full-read", "reports", "phases"))
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, help="a seeded file (full-read, reports)")
    parser.add_argument("--keep", type=Path, help="start: keep this tree's last seeded file")
    args = parser.parse_args()
    trees = [compiled(args.baseline), compiled(REPO)]
    measures = {
        "start": measure_start,
        "full-read": measure_full_read,
        "reports": compare_reports,
        "phases": measure_phases,
    }
    measures[args.measure](trees, args)


if __name__ == "__main__":
    main()
