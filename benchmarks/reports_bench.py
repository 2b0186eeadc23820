"""How fast the sandbox answers reports on a big company: the first report (one full read of
the books), every report after it, and a report after a write (only the written document is
parsed again). Not a test: run it by hand and read the times.

    python benchmarks/reports_bench.py --invoices 100000        # seeds a fresh sandbox first
    python benchmarks/reports_bench.py --data big.sqlite         # or reuses a seeded one
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--data", type=Path, help="a seeded sandbox database to reuse")
    args = parser.parse_args()
    data = args.data or Path(tempfile.mkdtemp()) / "sandbox.sqlite"
    started = time.perf_counter()
    sandbox = RunningSandbox(data, data.parent, "--invoices", str(args.invoices))
    print(f"sandbox up in {time.perf_counter() - started:.1f} s", flush=True)
    try:
        grant = login(sandbox.url, "reports-bench", f"{ALL_SCOPES} accounting.reports.read")
        with tenant_client(sandbox, grant, 0) as client:
            client.timeout = 600

            def timed(name: str, params: dict) -> None:
                began = time.perf_counter()
                answer = client.get(f"Reports/{name}", params=params)
                took = time.perf_counter() - began
                print(f"{name:28} {params!s:48} {answer.status_code} {took:7.3f} s", flush=True)

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
        print(httpx.get(f"{sandbox.url}/__sandbox/reports").json())
    finally:
        sandbox.stop()


if __name__ == "__main__":
    main()
