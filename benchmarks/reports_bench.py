"""How fast the sandbox answers reports on a big company: the first report (a full read of
the books, or loading their saved totals), every report after it, and a report after a write
(only the written document is parsed again); then the same after each restart on the same file
(`--restarts`). Each answer's wall time and the serving process's CPU for it (from /proc: what
a busy machine changes least). Not a test: run it by hand and read the times.

    python benchmarks/reports_bench.py --invoices 100000        # seeds a fresh sandbox first
    python benchmarks/reports_bench.py --data big.sqlite         # or reuses a seeded one
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.oauth import ALL_SCOPES, login
from tests.helpers.sandbox import RunningSandbox, tenant_client

REPORTS = [
    ("TrialBalance", {}),
    ("TrialBalance", {"date": "2026-10-31"}),
    ("ProfitAndLoss", {"toDate": "2026-10-31", "periods": "11"}),
    ("BalanceSheet", {"periods": "11"}),
    ("AgedReceivablesByContact", {}),
    ("BankSummary", {}),
    ("ExecutiveSummary", {}),
    ("BudgetSummary", {}),
    ("ProfitAndLoss", {"paymentsOnly": "true"}),
]


def cpu(pid: int) -> tuple[float, float]:
    """(own, waited-for children's) CPU seconds of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick


def run(sandbox: RunningSandbox) -> None:
    grant = login(sandbox.url, "reports-bench", f"{ALL_SCOPES} accounting.reports.read")
    pid = sandbox.process.pid
    with tenant_client(sandbox, grant, 0) as client:
        client.timeout = 600

        def timed(name: str, params: dict) -> None:
            began, (own, _) = time.perf_counter(), cpu(pid)
            answer = client.get(f"Reports/{name}", params=params)
            took, used = time.perf_counter() - began, cpu(pid)[0] - own
            print(
                f"{name:28} {params!s:48} {answer.status_code} {took:7.3f} s (CPU {used:6.2f} s)",
                flush=True,
            )

        for name, params in REPORTS:
            timed(name, params)
        invoice = {
            "Type": "ACCREC",
            "Contact": {"Name": f"Bench {uuid.uuid4().hex[:6]}"},
            "Date": "2026-11-30",
            "DueDate": "2026-12-30",
            "Status": "AUTHORISED",
            "LineItems": [
                {
                    "Quantity": 1,
                    "UnitAmount": "10.00",
                    "AccountCode": "200",
                    "TaxType": "OUTPUT2",
                }
            ],
        }
        print("write:", client.put("Invoices", json={"Invoices": [invoice]}).status_code)
        for name, params in REPORTS[:5]:
            timed(name, params)
    own, children = cpu(pid)
    print(
        httpx.get(f"{sandbox.url}/__sandbox/reports").json(),
        f"serving CPU {own:.1f} s, children {children:.1f} s, load {os.getloadavg()[0]:.1f}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--data", type=Path, help="a seeded sandbox database to reuse")
    parser.add_argument("--restarts", type=int, default=0, help="runs again after a restart")
    args = parser.parse_args()
    data = args.data or Path(tempfile.mkdtemp()) / "sandbox.sqlite"
    for round_ in range(args.restarts + 1):
        started = time.perf_counter()
        sandbox = RunningSandbox(data, data.parent, "--invoices", str(args.invoices))
        label = "start" if round_ == 0 else f"restart {round_}"
        own, children = cpu(sandbox.process.pid)
        print(
            f"{label}: sandbox up in {time.perf_counter() - started:.1f} s"
            f" (CPU {own:.1f} s serving, {children:.1f} s children)",
            flush=True,
        )
        try:
            run(sandbox)
        finally:
            sandbox.stop()


if __name__ == "__main__":
    main()
