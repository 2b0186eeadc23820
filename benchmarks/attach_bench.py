"""Benchmark: a `--file` batch of bills with a receipt per row (issue 15), through faults.

It serves a fresh sandbox (limits lifted, so the tool and not the limiter is measured), writes
N receipts (distinct random bytes, a few KB each) and a CSV of N bills whose `Attachment`
column names each row's receipt, sets the sandbox's faults (503s before the sandbox acts,
answers cut off after it acted: the retry that could attach a file twice), then runs
`xero --sandbox invoices create --file bills.csv` as one child process (wall, CPU = user+sys,
peak RSS from `os.wait4`; calls and faults from the sandbox's counters).

Then, with the faults off, it checks over plain HTTP that every bill exists once (by its
Reference and line description), has exactly one attachment, named as its row said, whose
bytes are the receipt's exactly; and in the sandbox's own file that no upload was done twice
(one "Attached a file" history record per bill, one attachment row per bill).

    python benchmarks/attach_bench.py                     # 10,000 rows
    python benchmarks/attach_bench.py --rows 500 --unavailable 0.05 --drop 0.05
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.helpers.cli import isolated_env  # noqa: E402
from tests.helpers.oauth import ALL_SCOPES, login  # noqa: E402
from tests.helpers.sandbox import RunningSandbox, tenant_client  # noqa: E402

GENEROUS = ("--minute-limit", "1000000", "--app-minute-limit", "1000000", "--day-limit", "1000000")
HEADER = [
    "Type",
    "Contact.Name",
    "Reference",
    "Attachment",
    "LineItem.Description",
    "LineItem.Quantity",
    "LineItem.UnitAmount",
    "LineItem.AccountCode",
    "DueDate",
]


def run_child(args: list[str], env: dict[str, str], stdout: Path) -> dict[str, float | str]:
    """Wall seconds, CPU seconds, peak RSS (MB), exit code and stderr of one child process."""
    started = time.monotonic()
    with stdout.open("wb") as out:
        process = subprocess.Popen(
            args, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE
        )
        assert process.stderr is not None
        err = process.stderr.read().decode()  # the child's stderr, read while it runs
        _, status, usage = os.wait4(process.pid, 0)
    process.stderr.close()
    return {
        "wall": time.monotonic() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "code": os.waitstatus_to_exitcode(status),
        "stderr": err,
    }


def write_batch(folder: Path, rows: int, reference: str) -> dict[str, bytes]:
    """N receipts and the CSV naming them; returns each receipt's bytes by file name."""
    receipts = folder / "receipts"
    receipts.mkdir(parents=True)
    made: dict[str, bytes] = {}
    with (folder / "bills.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            name = f"receipt-{n:05d}.pdf"
            data = b"%PDF-1.4\n" + os.urandom(1000 + n % 3000)
            (receipts / name).write_bytes(data)
            made[name] = data
            writer.writerow(
                [
                    "ACCPAY",
                    f"Supplier {n % 40}",
                    reference,
                    f"receipts/{name}",
                    f"Expense {n:05d}",
                    "1",
                    f"{n % 500}.25",
                    "400",
                    "2026-12-31",
                ]
            )
    return made


def check(sandbox: RunningSandbox, reference: str, receipts: dict[str, bytes]) -> dict[str, int]:
    """Every bill once, one attachment each, bytes exact: over HTTP, then the sandbox's file."""
    token = login(sandbox.url, scope=ALL_SCOPES + " accounting.attachments")
    problems: list[str] = []
    bills: dict[str, str] = {}  # receipt name -> InvoiceID
    with tenant_client(sandbox, token, 0) as api:
        page = 1
        while True:
            found = api.get(
                "/Invoices",
                params={"where": f'Reference=="{reference}"', "page": page, "pageSize": 1000},
            ).json()["Invoices"]
            if not found:
                break
            for bill in found:
                n = bill["LineItems"][0]["Description"].split()[-1]
                name = f"receipt-{n}.pdf"
                if name in bills:
                    problems.append(f"row {n} was created twice")
                bills[name] = bill["InvoiceID"]
            page += 1
        missing = sorted(set(receipts) - set(bills))
        if missing:
            problems.append(f"{len(missing)} rows have no bill, e.g. {missing[0]}")
        downloaded = 0
        for name, invoice_id in bills.items():
            listed = api.get(f"/Invoices/{invoice_id}/Attachments").json()["Attachments"]
            if [a["FileName"] for a in listed] != [name]:
                problems.append(f"{name}: attachments {[a['FileName'] for a in listed]}")
                continue
            data = api.get(
                f"/Invoices/{invoice_id}/Attachments/{listed[0]['AttachmentID']}",
                headers={"Accept": "application/pdf"},
            ).content
            downloaded += 1
            if data != receipts[name]:
                problems.append(f"{name}: {len(data)} bytes back of {len(receipts[name])} sent")
    ids = [i.lower() for i in bills.values()]
    with sqlite3.connect(f"file:{sandbox.data}?mode=ro", uri=True) as db:
        db.execute("CREATE TEMP TABLE bills (id TEXT PRIMARY KEY)")
        db.executemany("INSERT INTO bills VALUES (?)", [(i,) for i in ids])
        attached_twice = db.execute(
            "SELECT count(*) FROM (SELECT record_id FROM history WHERE collection='Invoices'"
            " AND changes='Attached a file' AND record_id IN (SELECT id FROM bills)"
            " GROUP BY record_id HAVING count(*) > 1)"
        ).fetchone()[0]
        rows = db.execute(
            "SELECT count(*) FROM attachments WHERE collection='Invoices'"
            " AND lower(record_id) IN (SELECT id FROM bills)"
        ).fetchone()[0]
    if attached_twice:
        problems.append(f"{attached_twice} bills have two 'Attached a file' history records")
    if rows != len(receipts):
        problems.append(f"{rows} attachment rows for {len(receipts)} bills")
    for problem in problems[:20]:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return {
        "bills": len(bills),
        "downloaded": downloaded,
        "attachment rows": rows,
        "attached twice": attached_twice,
        "problems": len(problems),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--unavailable", type=float, default=0.01, help="share of 503s")
    parser.add_argument("--drop", type=float, default=0.01, help="share of dropped answers")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", help="work in this directory and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="attach-bench-") as temp:
        root = Path(args.keep or temp)
        root.mkdir(parents=True, exist_ok=True)
        reference = f"bench-{os.getpid()}"
        receipts = write_batch(root, args.rows, reference)
        sandbox = RunningSandbox(root / "sandbox.sqlite", root, "--invoices", "100", *GENEROUS)
        try:
            env = isolated_env(
                root / "home", XERO_SANDBOX_URL=sandbox.url, XERO_RATE_MINUTE_CALLS="1000000"
            )
            xero = [sys.executable, "-m", "xerocli", "--sandbox"]
            # log in first, so the batch's own calls are all that the counters see
            subprocess.run([*xero, "tenants", "list"], env=env, check=True, capture_output=True)
            sandbox.reset_stats()
            sandbox.configure(
                unavailable_rate=args.unavailable, drop_rate=args.drop, fault_seed=args.seed
            )
            try:
                batch = [*xero, "invoices", "create", "--file", str(root / "bills.csv")]
                run = run_child([*batch, "-o", "json"], env, root / "created.json")
                stats = sandbox.stats()
            finally:
                sandbox.configure(unavailable_rate=0, drop_rate=0)
            if run["code"] != 0:
                print(run["stderr"][-3000:], file=sys.stderr)
            checked = check(sandbox, reference, receipts)
        finally:
            sandbox.stop()
    faults = stats["faults"]
    lines = str(run["stderr"]).strip().splitlines()
    rows = [
        ("rows (bills, one receipt each)", f"{args.rows:,}"),
        ("faults asked: 503s / dropped answers", f"{args.unavailable:.0%} / {args.drop:.0%}"),
        ("exit code, last line", f"{run['code']}, {lines[-1] if lines else ''}"),
        ("calls (the sandbox's count)", f"{stats['api_calls']:,}"),
        ("faults injected: 503 / dropped", f"{faults['unavailable']} / {faults['drop']}"),
        ("wall / CPU", f"{run['wall']:.1f} s / {run['cpu']:.1f} s"),
        ("uploads a second (wall)", f"{args.rows / float(run['wall']):,.0f}"),
        ("peak RSS", f"{run['rss']:.0f} MB"),
        ("bills found once", f"{checked['bills']:,}"),
        ("attachments downloaded, bytes exact", f"{checked['downloaded']:,}"),
        ("attachment rows / uploads done twice", f"{checked['attachment rows']:,} / "
         f"{checked['attached twice']}"),
        ("problems", f"{checked['problems']}"),
    ]  # fmt: skip
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if checked["problems"] or run["code"] != 0:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
