"""Every example in the README's sh blocks runs as written, and prints what the README says.

A tour whose commands fail is the first thing a new user meets; this keeps it honest. Each
line runs through bash, as a user would type it, with `xero` on PATH meaning this checkout
(`python -m xerocli`). What it printed is parsed and checked, line by line (CHECKS); a README
example without a check fails the test, so new examples get one.

- `xero --sandbox ...` lines run in one fresh home, in README order, on the real embedded
  sandbox (the first command seeds the demo company); the files they name (`invoices.csv`,
  `changes.json`, `payouts.csv`, `contact.json`) are written first, as a user would.
- The login block runs against a served sandbox (`XERO_SANDBOX_URL`); `auth login` is driven
  as a browser would be (tests.helpers.login), the rest run as written.
- The served-sandbox, export, limits and webhook lines run against `xero sandbox serve` as the
  README starts it; the fixed ports of the README (8750, 8760, 3000) are swapped for free ones,
  so parallel runs never collide.
- A line piped to jq or wc runs its `xero` part; the check applies the filter to what it
  printed (jq need not be installed).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers.cli import REPO, fork_server, isolated_env, run_xero
from tests.helpers.login import LoginProcess, consent, deliver, free_port, keyring_env, login
from tests.helpers.oauth import register_app
from tests.helpers.sandbox import URL_RE, seeded_copy, templates_dir

FENCE = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
README_PORTS = ("8750", "8760", "3000")


def readme_examples(readme: str) -> list[str]:
    """Every command of every sh block: continuation lines joined, comment lines dropped."""
    lines = []
    for block in FENCE.findall(readme):
        for line in re.sub(r"\s*\\\n\s*", " ", block).splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append(line.strip())
    return lines


def command_of(line: str) -> str:
    """The line without its trailing `# comment` (a `#` after a blank, outside quotes)."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and index and line[index - 1].isspace():
            return line[:index].rstrip()
    return line


def split_pipe(command: str) -> tuple[str, str | None]:
    """(`xero ...` part, the filter after the first unquoted `|`, if any)."""
    quote = None
    for index, char in enumerate(command):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "|":
            return command[:index].strip(), command[index + 1 :].strip()
    return command, None


@dataclass
class Printed:
    code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)

    def ndjson(self) -> list:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


class Shell:
    """bash with `xero` meaning this checkout, in one user's home and working directory."""

    def __init__(self, env: dict[str, str], cwd: Path, bin_dir: Path) -> None:
        self.env = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}
        self.cwd = cwd
        self.ports: dict[str, str] = {}

    def line(self, command: str) -> str:
        for readme_port, port in self.ports.items():
            command = command.replace(readme_port, port)
        return command

    def run(self, command: str, timeout: float = 180) -> Printed:
        done = subprocess.run(
            ["bash", "-c", self.line(command)],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        return Printed(done.returncode, done.stdout, done.stderr)

    def start(self, command: str) -> subprocess.Popen:
        return subprocess.Popen(
            ["bash", "-c", "exec " + self.line(command)],
            env=self.env,
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A `xero` on PATH that runs this checkout with this interpreter, each line's command a
    process forked from the tests' fork server (`XERO_TESTS_FORK=0`: a cold start)."""
    path = tmp_path_factory.mktemp("bin")
    fork_server().shim(path, isolated_env(path))
    return path


# --- what each example must print ---------------------------------------------------------
Check = Callable[[Printed, dict], None]


def _rows(printed: Printed) -> list[dict]:
    rows = printed.json()
    assert isinstance(rows, list) and rows, printed.stdout[:500]
    return rows


def check_table(printed: Printed, seen: dict) -> None:
    lines = printed.stdout.splitlines()
    assert lines[0].startswith("Invoices · Demo Company (NZ)"), lines[:2]
    assert lines[1].split()[:3] == ["Number", "Type", "Contact"], lines[1]
    assert any(line.startswith("INV-0001 ") for line in lines[2:]), printed.stdout[:500]


def check_authorised_totals(printed: Printed, seen: dict) -> None:
    rows = _rows(printed)  # jq '.[].Total': one number per invoice
    assert {(r["Status"], r["Type"]) for r in rows} == {("AUTHORISED", "ACCREC")}
    assert all(r["Date"] >= "2026-01-01" for r in rows)
    assert all(isinstance(r["Total"], (int, float)) for r in rows)


def check_several_statuses(printed: Printed, seen: dict) -> None:
    bills = _rows(printed)
    assert bills and {b["Type"] for b in bills} == {"ACCPAY"}
    assert {b["Status"] for b in bills} <= {"AUTHORISED", "PAID"}


def check_archived_contacts(printed: Printed, seen: dict) -> None:
    archived = _rows(printed)
    assert archived and {c["ContactStatus"] for c in archived} == {"ARCHIVED"}


def check_inv_9001_updated(printed: Printed, seen: dict) -> None:
    [invoice] = _rows(printed)
    assert (invoice["InvoiceNumber"], invoice["Reference"]) == ("INV-9001", "PO 4471")
    assert invoice["DueDate"] == "2027-01-31"
    assert "Updated invoice INV-9001" in printed.stderr, printed.stderr


def check_one_invoice(printed: Printed, seen: dict) -> None:
    assert printed.json()["InvoiceNumber"] == "INV-0041"


def check_global_csv(printed: Printed, seen: dict) -> None:
    lines = printed.stdout.splitlines()
    assert lines[0] == "InvoiceNumber,CurrencyCode,Total"
    currencies = {line.split(",")[1] for line in lines[1:]}
    assert "GBP" in currencies and currencies <= {"GBP", "USD", "EUR"}, currencies


def check_contacts(printed: Printed, seen: dict) -> None:
    assert all(r["ContactID"] and r["Name"] for r in _rows(printed))


def check_tax_rates(printed: Printed, seen: dict) -> None:
    assert {"OUTPUT2", "INPUT2", "NONE"} <= {r["TaxType"] for r in _rows(printed)}


def check_amounts_due(printed: Printed, seen: dict) -> None:
    rows = _rows(printed)  # jq: number and amount due of every invoice with something due
    due = [(r.get("InvoiceNumber", ""), r["AmountDue"]) for r in rows if r["AmountDue"] > 0]
    assert due and len(due) < len(rows)


def check_status_counts(printed: Printed, seen: dict) -> None:
    rows = printed.ndjson()  # jq -s: a count per status
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["Status"]] = counts.get(row["Status"], 0) + 1
    assert {"AUTHORISED", "PAID", "DRAFT"} <= set(counts) and sum(counts.values()) == len(rows)
    seen["invoices"] = len(rows)


def check_contact_update(printed: Printed, seen: dict) -> None:
    assert printed.json()[0]["EmailAddress"] == "accounts@kauri.example"
    assert "Updated contact Kauri Florists." in printed.stderr


def check_inv_9001(printed: Printed, seen: dict) -> None:
    invoice = printed.json()[0]
    assert (invoice["InvoiceNumber"], invoice["Status"]) == ("INV-9001", "AUTHORISED")
    assert [line["TaxType"] for line in invoice["LineItems"]][1] == "NONE"
    assert invoice["LineItems"][0]["UnitAmount"] == 150.1234
    seen["INV-9001 total"] = invoice["Total"]
    seen["created"] = seen.get("created", 0) + 1


def check_emailed(printed: Printed, seen: dict) -> None:
    assert "Emailed invoice INV-9001 to Kauri Florists." in printed.stderr + printed.stdout


def check_payment(printed: Printed, seen: dict) -> None:
    payment = printed.json()[0]
    assert (payment["Amount"], payment["Invoice"]["InvoiceNumber"]) == (100.0, "INV-9001")


def check_inv_9002(printed: Printed, seen: dict) -> None:
    assert printed.json()[0]["InvoiceNumber"] == "INV-9002"
    seen["created"] = seen.get("created", 0) + 1


def check_voided(printed: Printed, seen: dict) -> None:
    assert printed.json()[0]["Status"] == "VOIDED"


def check_journal(printed: Printed, seen: dict) -> None:
    journal = printed.json()[0]
    assert (journal["Narration"], journal["Status"]) == ("November rent accrual", "POSTED")
    assert sorted(line["LineAmount"] for line in journal["JournalLines"]) == [-1200, 1200]


def check_posted_journals(printed: Printed, seen: dict) -> None:
    rows = _rows(printed)
    assert {r["Status"] for r in rows} == {"POSTED"}
    assert "November rent accrual" in {r["Narration"] for r in rows}


def check_csv_created(printed: Printed, seen: dict) -> None:
    created = printed.json()
    assert [r["InvoiceNumber"] for r in created] == ["INV-9101"]
    assert len(created[0]["LineItems"]) == 2
    seen["created"] = seen.get("created", 0) + 1


def check_upserted(printed: Printed, seen: dict) -> None:
    updated = printed.json()
    assert [(r["InvoiceNumber"], r["Reference"]) for r in updated] == [("INV-9101", "changed")]


def check_dry_run(printed: Printed, seen: dict) -> None:
    rows = printed.json()
    assert [(r["Invoice"], r["Match"], r["PaymentID"]) for r in rows] == [
        ("INV-9001", "matched", None)
    ]
    assert "nothing paid" in printed.stderr


def check_trial_balance(printed: Printed, seen: dict) -> None:
    rows = _rows(printed)
    assert {"Revenue", "Expenses"} <= {r["Section"] for r in rows}
    total = next(r for r in rows if r["RowType"] == "SummaryRow" and r["Account"] == "Total")
    assert total["YTD Debit"] == total["YTD Credit"] > 0  # a trial balance balances


def check_profit_and_loss(printed: Printed, seen: dict) -> None:
    accounts = {r["Account"] for r in _rows(printed)}
    assert {"Total Income", "Net Profit"} <= accounts, accounts


def check_quarters(printed: Printed, seen: dict) -> None:
    net = next(r for r in _rows(printed) if r["Account"] == "Net Profit")
    assert [k for k in net if k[:1].isdigit()] == ["31 Oct 26", "31 Jul 26", "30 Apr 26"]


def check_aged(printed: Printed, seen: dict) -> None:
    total = next(r for r in _rows(printed) if r["Account"] == "Total")
    buckets = ("Current", "< 1 Month", "1 Month", "2 Months", "3 Months", "Older")
    cents = {key: Decimal(str(total[key])) for key in (*buckets, "Total")}  # not float sums
    assert cents["Total"] == sum(cents[b] for b in buckets) > 0  # aged by due date


def check_consolidated(printed: Printed, seen: dict) -> None:
    rows = {r["Account"]: r for r in _rows(printed)}
    assert rows["Net Assets"]["Consolidated"] == rows["Total Equity"]["Consolidated"]
    assert rows["GBP closing 2026-10-31"]["Rate"] == 2.15  # every rate used, listed


def check_balance_sheet_csv(printed: Printed, seen: dict) -> None:
    lines = printed.stdout.splitlines()
    assert lines[0] == "Section,RowType,Account,AccountID,31 Mar 2026"
    assert any(line.startswith("Assets,SummaryRow,Total Assets,") for line in lines)


def check_summary_rows(printed: Printed, seen: dict) -> None:
    summaries = [r for r in _rows(printed) if r["RowType"] == "SummaryRow"]
    total = next(r for r in summaries if r["Account"] == "Total")
    assert total["YTD Debit"] == total["YTD Credit"]  # a trial balance balances


def check_limits(printed: Printed, seen: dict) -> None:
    limits = printed.json()
    # The tour lifts the client's 60 a minute (see the tour test): the limit shown is the one
    # in force, and the calls counted are the tour's own.
    assert (limits["TenantName"], limits["MinuteLimit"]) == ("Demo Company (NZ)", 1_000_000)
    assert limits["CallsLastMinute"] > 0


def check_api_page(printed: Printed, seen: dict) -> None:
    page = printed.json()
    assert page["pagination"]["page"] == 1
    assert {r["Status"] for r in page["Invoices"]} == {"AUTHORISED"}


def check_api_paginate(printed: Printed, seen: dict) -> None:
    assert len(_rows(printed)) == seen["invoices"] + seen["created"]  # jq length


def check_api_post(printed: Printed, seen: dict) -> None:
    assert printed.json()["Contacts"][0]["Name"] == "Readme Contact"


def check_connections(printed: Printed, seen: dict) -> None:
    names = {c["tenantName"] for c in _rows(printed)}
    assert names == {"Demo Company (NZ)", "Demo Company (Global)"}


def check_raw_pdf(printed: Printed, seen: dict) -> None:
    pdf = (seen["cwd"] / "INV-0041.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert printed.stdout == ""


def check_synced(printed: Printed, seen: dict) -> None:
    assert "Synced invoices: " in printed.stderr and "is up to date" in printed.stderr


def check_sync_status(printed: Printed, seen: dict) -> None:
    rows = _rows(printed)  # piped: JSON
    assert {r["Collection"] for r in rows} >= {"invoices", "contacts", "tax_rates"}
    assert all(r["Rows"] > 0 and r["NextRunCalls"] == 1 for r in rows), rows


def check_ageing(printed: Printed, seen: dict) -> None:
    rows = _rows(printed)
    assert {r["age"] for r in rows} <= {"current", "1-30", "31-60", "61-90", "90+"}, rows
    assert all(r["invoices"] > 0 and r["due"] >= 0 for r in rows)


def check_revenue(printed: Printed, seen: dict) -> None:
    lines = printed.stdout.splitlines()
    assert lines[0] == "month,contact_name,currency_code,revenue", lines[:2]
    assert all(re.match(r"20\d\d-\d\d,", line) for line in lines[1:]), lines[:5]


#: The README's two queries on the mirror, as its continuation lines join them.
AGEING = (
    "xero sql \"SELECT CASE WHEN due_date >= date('now') THEN 'current'"
    " WHEN due_date >= date('now', '-30 days') THEN '1-30'"
    " WHEN due_date >= date('now', '-60 days') THEN '31-60'"
    " WHEN due_date >= date('now', '-90 days') THEN '61-90' ELSE '90+' END AS age, currency_code,"
    " count(*) AS invoices, sum(amount_due_e4) / 10000.0 AS due FROM invoices"
    " WHERE type = 'ACCREC' AND status = 'AUTHORISED' GROUP BY age, currency_code"
    ' ORDER BY max(due_date) DESC"'
)
REVENUE = (
    'xero sql "SELECT substr(date, 1, 7) AS month, contact_name, currency_code,'
    " sum(sub_total_e4) / 10000.0 AS revenue FROM invoices WHERE type = 'ACCREC'"
    " AND status IN ('AUTHORISED', 'PAID') GROUP BY month, contact_name, currency_code"
    ' ORDER BY month, revenue DESC" -o csv'
)


TOUR: dict[str, Check] = {
    "xero --sandbox sync": check_synced,
    "xero sync status": check_sync_status,
    AGEING: check_ageing,
    REVENUE: check_revenue,
    "xero --sandbox invoices list -o table": check_table,
    "xero --sandbox invoices list --status AUTHORISED --type ACCREC --from 2026-01-01 --all"
    " --json | jq '.[].Total'": check_authorised_totals,
    "xero --sandbox invoices list --status AUTHORISED,PAID --type ACCPAY": check_several_statuses,
    "xero --sandbox contacts list --status ARCHIVED": check_archived_contacts,
    "xero --sandbox invoices get INV-0041": check_one_invoice,
    'xero --sandbox --tenant "Demo Company (Global)" invoices list -o csv'
    " --fields InvoiceNumber,CurrencyCode,Total": check_global_csv,
    "xero --sandbox contacts list": check_contacts,
    "xero --sandbox tax-rates list": check_tax_rates,
    "xero --sandbox invoices list --all --json | jq -r '.[] | select(.AmountDue > 0)"
    " | [.InvoiceNumber, .AmountDue] | @tsv'": check_amounts_due,
    "xero --sandbox invoices list --all -o ndjson | jq -s 'group_by(.Status)"
    " | map({(.[0].Status): length}) | add'": check_status_counts,
    'xero --sandbox contacts update "Kauri Florists" --email accounts@kauri.example': (
        check_contact_update
    ),
    'xero --sandbox invoices create --contact "Kauri Florists" --number INV-9001'
    ' --line "Consulting,2,150.1234,200" --line "Travel,1,80,200,NONE" --status AUTHORISED'
    " --due-date 2026-12-31 --currency NZD": check_inv_9001,
    'xero --sandbox invoices update INV-9001 --reference "PO 4471" --due-date 2027-01-31': (
        check_inv_9001_updated
    ),
    "xero --sandbox invoices email INV-9001": check_emailed,
    "xero --sandbox payments create --invoice INV-9001 --account 090 --amount 100.00": (
        check_payment
    ),
    'xero --sandbox invoices create --contact "Kauri Florists" --number INV-9002'
    ' --line "Raised in error,1,10,200" --status AUTHORISED --due-date 2026-12-31': (
        check_inv_9002
    ),
    "xero --sandbox invoices void INV-9002": check_voided,
    'xero --sandbox manual-journals create --narration "November rent accrual"'
    ' --line "Rent,1200,469" --line "Owed to landlord,-1200,826" --status POSTED': (check_journal),
    "xero --sandbox manual-journals list --status POSTED": check_posted_journals,
    "xero --sandbox invoices create --file invoices.csv --idempotency-key nightly-2026-11-25": (
        check_csv_created
    ),
    "xero --sandbox invoices create --file changes.json --upsert": check_upserted,
    "xero --sandbox payments apply --file payouts.csv --account 090 --dry-run": check_dry_run,
    "xero --sandbox reports trial-balance": check_trial_balance,
    "xero --sandbox reports profit-and-loss --from 2026-04-01 --to 2026-11-30": (
        check_profit_and_loss
    ),
    "xero --sandbox reports profit-and-loss --to 2026-10-31 --periods 2 --timeframe QUARTER": (
        check_quarters
    ),
    "xero --sandbox reports balance-sheet --date 2026-03-31 -o csv": check_balance_sheet_csv,
    "xero --sandbox reports aged-receivables --date 2026-10-31": check_aged,
    "xero --sandbox reports consolidate balance-sheet --all-tenants --currency NZD"
    " --date 2026-10-31 --rates rates.csv": check_consolidated,
    "xero --sandbox reports trial-balance --json"
    " | jq '.[] | select(.RowType == \"SummaryRow\")'": check_summary_rows,
    "xero --sandbox limits": check_limits,
    "xero --sandbox api Invoices -f 'where=Status==\"AUTHORISED\"' -f page=1": check_api_page,
    "xero --sandbox api Invoices --paginate | jq length": check_api_paginate,
    "xero --sandbox api POST Contacts --input contact.json": check_api_post,
    "xero --sandbox api /connections": check_connections,
    'xero --sandbox api Invoices/INV-0041 -H "Accept: application/pdf" --raw > INV-0041.pdf': (
        check_raw_pdf
    ),
}


def write_tour_files(cwd: Path) -> None:
    """The files the `--file`/`--input` examples name, as a user would bring them."""
    (cwd / "invoices.csv").write_text(
        "Contact.Name,InvoiceNumber,Reference,LineItem.Description,LineItem.Quantity,"
        "LineItem.UnitAmount,LineItem.AccountCode\n"
        "Kauri Florists,INV-9101,readme,Pots,2,10.00,200\n"
        "Kauri Florists,INV-9101,readme,Soil,1,5.50,200\n",
        encoding="utf-8",
    )
    # An update by number is a whole invoice (the reader checks it like a new one).
    line = {"Description": "Pots", "Quantity": 3, "UnitAmount": 10, "AccountCode": "200"}
    changes = [
        {
            "InvoiceNumber": "INV-9101",
            "Contact": {"Name": "Kauri Florists"},
            "Reference": "changed",
            "LineItems": [line],
        }
    ]
    (cwd / "changes.json").write_text(json.dumps(changes), encoding="utf-8")
    (cwd / "contact.json").write_text(
        json.dumps({"Contacts": [{"Name": "Readme Contact"}]}), encoding="utf-8"
    )
    (cwd / "rates.csv").write_text(
        "date,currency,rate\n2026-03-31,GBP,2.05\n2026-10-31,GBP,2.15\n", encoding="utf-8"
    )


def run_checked(shell: Shell, line: str, check: Check, seen: dict) -> Printed:
    command, _filter = split_pipe(command_of(line))
    printed = shell.run(command)
    assert printed.code == 0, f"{line}\nexited {printed.code}:\n{printed.stderr}"
    assert "Traceback" not in printed.stderr, printed.stderr
    try:
        check(printed, seen)
    except Exception as exc:
        raise AssertionError(f"{line}\nprinted:\n{printed.stdout[:2000]}\n{exc!r}") from exc
    return printed


@pytest.fixture(scope="module")
def examples() -> list[str]:
    return readme_examples((REPO / "README.md").read_text(encoding="utf-8"))


def test_every_readme_example_has_a_check(examples: list[str]) -> None:
    checked = set(TOUR) | set(LOGIN) | set(SERVED) | set(COMPLETION)
    unchecked = [line for line in examples if command_of(line) not in checked]
    assert unchecked == [], unchecked
    assert len(examples) >= 50, examples


def test_the_sandbox_tour_runs_as_written(
    examples: list[str], home: Path, tmp_path: Path, bin_dir: Path
) -> None:
    cwd = tmp_path / "work"
    cwd.mkdir()
    write_tour_files(cwd)
    # The tour runs its ~40 commands back to back, far faster than anyone types them: at
    # Xero's 60 calls a minute the client would wait out the minute (no test waits on a real
    # clock), so the client's limiter is lifted as for every sandbox test (UNLIMITED_CLIENT).
    shell = Shell(isolated_env(home, XERO_RATE_MINUTE_CALLS="1000000"), cwd, bin_dir)
    seen: dict = {"cwd": cwd}
    tour = [line for line in examples if command_of(line) in TOUR]
    assert len(tour) == len(TOUR), tour
    for line in tour:
        if "payouts.csv" in line:
            # A payout for what INV-9001 still owes (its total less the 100.00 paid).
            due = round(seen["INV-9001 total"] - 100, 2)
            (cwd / "payouts.csv").write_text(f"Invoice,Amount\nINV-9001,{due:.2f}\n")
        printed = run_checked(shell, line, TOUR[command_of(line)], seen)
        if line.startswith("xero --sandbox invoices list -o table"):
            assert "Creating the demo company" in printed.stderr  # the real first run


# --- logging in ---------------------------------------------------------------------------
def check_login(printed: Printed, seen: dict) -> None:
    assert "Logged in profile 'default' with app YOUR_APP_ID" in printed.stderr, printed.stderr


def check_tenants_list(printed: Printed, seen: dict) -> None:
    assert "Demo Company (NZ)" in printed.stdout and "Demo Company (Global)" in printed.stdout


def check_tenants_select(printed: Printed, seen: dict) -> None:
    assert "Demo Company (NZ)" in printed.stdout + printed.stderr


def check_auth_status(printed: Printed, seen: dict) -> None:
    assert "Demo Company (NZ)" in printed.stdout and "default" in printed.stdout


def check_storage(printed: Printed, seen: dict) -> None:
    assert printed.json()["storage"] == "file"  # jq -r .storage: XERO_TOKEN_STORE=file here


def check_auth_token(printed: Printed, seen: dict) -> None:
    token = printed.stdout.strip()
    assert token and "\n" not in token and " " not in token, printed.stdout
    seen["token"] = token


def check_logout(printed: Printed, seen: dict) -> None:
    assert printed.stderr.startswith("Revoked the refresh token at Xero"), printed.stderr
    assert "Logged out profile 'default'" in printed.stderr


LOGIN: dict[str, Check] = {
    "xero auth login --client-id YOUR_APP_ID": check_login,
    "xero tenants list": check_tenants_list,
    'xero tenants select "Demo Company (NZ)"': check_tenants_select,
    "xero auth status": check_auth_status,
    "xero auth status --json | jq -r .storage": check_storage,
    "xero auth token": check_auth_token,
    "xero auth logout": check_logout,
}


def test_the_login_block_runs_against_a_served_sandbox(
    examples: list[str], home: Path, sandbox, bin_dir: Path
) -> None:
    env = keyring_env(home, XERO_SANDBOX_URL=sandbox.url, XERO_TOKEN_STORE="file")
    shell = Shell(env, home, bin_dir)
    seen: dict = {}
    block = [line for line in examples if command_of(line) in LOGIN]
    assert [command_of(line) for line in block] == list(LOGIN)
    register_app(sandbox.url, "YOUR_APP_ID")  # as the reader did at developer.xero.com
    for line in block:
        if line.startswith("xero auth login"):
            words = shlex.split(command_of(line))[1:]
            running = LoginProcess(env, *words[2:])
            page = deliver(consent(running.authorize_url()))
            assert page.status_code == 200, page.text
            done = running.finish()
            printed = Printed(done.code, done.stdout, done.stderr)
            assert printed.code == 0, printed.stderr
            LOGIN[command_of(line)](printed, seen)
            continue
        run_checked(shell, line, LOGIN[command_of(line)], seen)
    # Logged out: the token it printed is revoked, and nothing is left to use.
    after = shell.run("xero auth token")
    assert after.code == 4, after.stderr


# --- a served sandbox: exports, limits, webhooks ------------------------------------------
def started_by_the_scene(printed: Printed, seen: dict) -> None:
    """Not run to its end: a server the scene starts in the background (and checks it
    announces itself), or an `export` the scene applies to the environment it runs in."""
    raise AssertionError("this line is the scene's to run")


def check_sandbox_login(printed: Printed, seen: dict) -> None:
    assert "with app xerocli-sandbox" in printed.stderr, printed.stderr  # the demo app


def check_served_count(printed: Printed, seen: dict) -> None:
    assert len(printed.stdout.splitlines()) == seen["served invoices"]  # wc -l


def check_export_csv(printed: Printed, seen: dict, name: str = "invoices.csv") -> None:
    assert "Exported" in printed.stderr and printed.stdout == ""
    lines = (seen["cwd"] / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("InvoiceID,InvoiceNumber,")
    assert len(lines) - 1 == seen["served invoices"]


def check_export_lines(printed: Printed, seen: dict) -> None:
    lines = (seen["cwd"] / "lines.csv").read_text(encoding="utf-8").splitlines()
    assert "LineItem.Description" in lines[0].split(",")
    assert len(lines) - 1 > seen["served invoices"]  # one row per line item


def check_export_fields(printed: Printed, seen: dict) -> None:
    lines = printed.stdout.splitlines()
    assert lines[0] == "InvoiceNumber,Contact.Name,Total" and len(lines) > 1


def check_export_names(printed: Printed, seen: dict) -> None:
    names = [json.loads(line)["Name"] for line in printed.stdout.splitlines()]  # jq .Name
    assert names and all(names)


def check_incremental(printed: Printed, seen: dict) -> None:
    dated = list(seen["cwd"].glob("invoices-20??-??-??.csv"))
    assert len(dated) == 1, dated
    assert len(dated[0].read_text(encoding="utf-8").splitlines()) - 1 == seen["served invoices"]


def check_all_tenants(printed: Printed, seen: dict) -> None:
    lines = (seen["cwd"] / "all.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("TenantId,TenantName,")
    assert {line.split(",")[1] for line in lines[1:]} == set(seen["tenants"])
    assert len(lines) - 1 == sum(served_invoices(i) for i in range(len(seen["tenants"])))


def check_per_tenant(printed: Printed, seen: dict) -> None:
    files = sorted(p.name for p in seen["cwd"].glob("invoices-Demo-*.csv"))
    assert files == sorted(f"invoices-{slug}.csv" for slug in seen["tenants"].values())


def check_columns(printed: Printed, seen: dict) -> None:
    columns = printed.stdout.splitlines()
    assert columns[:2] == ["InvoiceID", "InvoiceNumber"] and "LineItem.Description" in columns


def check_cron_limits(printed: Printed, seen: dict) -> None:
    remaining = printed.json()["XeroDayRemaining"]  # jq .XeroDayRemaining
    assert isinstance(remaining, int) and 0 < remaining < 5000, remaining


def check_listen(printed: Printed, seen: dict) -> None:
    events = [json.loads(line)["eventCategory"] for line in printed.stdout.splitlines()]
    assert events and set(events) <= {"INVOICE", "CONTACT", "CREDITNOTE"}, printed.stdout


def check_forward(printed: Printed, seen: dict) -> None:
    assert seen["forwarded"], "nothing reached the app"


def check_fetch(printed: Printed, seen: dict) -> None:
    fetched = [json.loads(line) for line in printed.stdout.splitlines() if line.strip()]
    assert fetched and all(
        {"InvoiceID", "ContactID", "CreditNoteID"} & r.keys() for r in fetched
    ), printed.stdout


def check_trigger(printed: Printed, seen: dict) -> None:
    assert "answered 200" in printed.stderr, printed.stderr


SERVED: dict[str, Check] = {
    "xero sandbox serve --port 8750 --invoices 10000 --data big.sqlite": started_by_the_scene,
    "xero auth login --no-browser": check_sandbox_login,
    "export XERO_SANDBOX_URL=http://127.0.0.1:8750": started_by_the_scene,
    "xero --sandbox invoices list --all -o ndjson | wc -l": check_served_count,
    "export XERO_WEBHOOK_KEY=...": started_by_the_scene,
    "xero webhooks listen --port 8760 --path /webhooks | jq .eventCategory": check_listen,
    "xero webhooks listen --forward-to http://127.0.0.1:3000/xero": check_forward,
    "xero webhooks listen --fetch": check_fetch,
    "xero --sandbox-url http://127.0.0.1:8750 webhooks trigger"
    " --to http://127.0.0.1:8760/webhooks": check_trigger,
    "xero export csv invoices -o invoices.csv": check_export_csv,
    "xero export csv invoices --lines -o lines.csv": check_export_lines,
    "xero export csv invoices --status AUTHORISED --from 2026-01-01"
    " --fields InvoiceNumber,Contact.Name,Total": check_export_fields,
    "xero export ndjson contacts -o - | jq .Name": check_export_names,
    'xero export csv invoices --incremental -o "invoices-$(date +%F).csv"': check_incremental,
    "xero export csv invoices --all-tenants -o all.csv": check_all_tenants,
    "xero export csv invoices --all-tenants -o 'invoices-{tenant}.csv'": check_per_tenant,
    "xero export columns invoices --lines": check_columns,
    "xero limits --json | jq .XeroDayRemaining": check_cron_limits,
}

#: Invoices per company in the served sandbox's pre-seeded data: the README serves 10,000,
#: but paging that many is the paging tests' job; every check here reads the real count.
SERVED_INVOICES = 300


def served_invoices(company: int) -> int:
    """The invoices a demo company of the served sandbox holds: the generator's, and those
    other seeded records made (an invoiced quote's, the invoices credit was allocated to)."""
    from xerocli.sandbox.seed import SeedOptions, tenant_records

    rows = tenant_records(SeedOptions(invoices=SERVED_INVOICES), company)
    return sum(1 for row in rows if row.kind == "Invoices")


def first_line_matching(stream, pattern: re.Pattern, timeout: float = 60) -> re.Match:
    """Read `stream` until a line matches (a started server announcing its URL)."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen.append(line)
        found = pattern.search(line)
        if found:
            return found
    raise AssertionError("no line matching " + pattern.pattern + ": " + "".join(seen))


def stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


@pytest.fixture
def served(
    examples: list[str], home: Path, tmp_path: Path, bin_dir: Path, tmp_path_factory
) -> Iterator[tuple[Shell, dict]]:
    """`xero sandbox serve` started by its README line (on a free port, pre-seeded data),
    and a shell whose environment the README's `export` lines set."""
    cwd = tmp_path / "work"
    cwd.mkdir()
    env = keyring_env(home, XERO_TOKEN_STORE="file")
    # The README's `--data big.sqlite`, pre-seeded here with fewer invoices (see SERVED_INVOICES).
    seeded_copy(templates_dir(tmp_path_factory), cwd / "big.sqlite", SERVED_INVOICES)
    shell = Shell(env, cwd, bin_dir)
    shell.ports = {port: str(free_port()) for port in README_PORTS}
    shell.ports["--invoices 10000"] = f"--invoices {SERVED_INVOICES}"
    serve = next(line for line in examples if line.startswith("xero sandbox serve"))
    server = shell.start(command_of(serve))
    try:
        url = first_line_matching(server.stderr, URL_RE).group(1)
        assert url == f"http://127.0.0.1:{shell.ports['8750']}"
        # The user behind these lines has logged in (the login block, above in the README).
        logged_in = {**shell.env, "XERO_SANDBOX_URL": url}
        login(logged_in, "--client-id", "readme-nightly")
        run_xero("tenants", "select", "Demo Company (NZ)", env=logged_in).ok()
        yield shell, {"cwd": cwd, "url": url}
    finally:
        assert stop(server) in (0, -15, 143)


def apply_export(shell: Shell, line: str) -> None:
    name, _, value = command_of(line).removeprefix("export ").partition("=")
    shell.env[name] = shell.line(value)


def test_the_served_sandbox_exports_and_limits_run_as_written(
    examples: list[str], served: tuple[Shell, dict]
) -> None:
    shell, seen = served
    block = [
        line
        for line in examples
        if command_of(line) in SERVED
        and "webhook" not in line.lower()
        and not line.startswith("xero sandbox serve")
    ]
    for line in block:
        if line.startswith("export "):
            apply_export(shell, line)
            assert shell.env["XERO_SANDBOX_URL"] == seen["url"]
            seen["served invoices"] = served_invoices(0)
            continue
        if line.startswith("xero auth login"):
            # A browser login with the sandbox's demo app (no client id given), consented here.
            # A new user's profile has no app yet; this one's has the fixture's, so a fresh
            # profile stands for that user and the rest of the block keeps the fixture's.
            words = shlex.split(command_of(line))[3:]  # after `xero auth login`
            fresh = {**shell.env, "XERO_PROFILE": "new-user"}
            running = LoginProcess(fresh, *[w for w in words if w != "--no-browser"])
            assert deliver(consent(running.authorize_url())).status_code == 200
            done = running.finish()
            assert done.code == 0, done.stderr
            check_sandbox_login(Printed(done.code, done.stdout, done.stderr), seen)
            continue
        if "--all-tenants" in line:
            # The browser login above reached both demo companies.
            seen["tenants"] = {
                "Demo Company (NZ)": "Demo-Company-NZ",
                "Demo Company (Global)": "Demo-Company-Global",
            }
        run_checked(shell, line, SERVED[command_of(line)], seen)


def test_the_webhook_examples_run_as_written(
    examples: list[str], served: tuple[Shell, dict]
) -> None:
    from tests.helpers.webhooks import LISTENING_RE, Recorder

    shell, seen = served
    lines = [line for line in examples if command_of(line) in SERVED and "webhook" in line.lower()]
    key_line, listen_line, forward_line, fetch_line, trigger_line = lines
    apply_export(shell, key_line)
    assert shell.env["XERO_WEBHOOK_KEY"] == "..."
    shell.env["XERO_SANDBOX_URL"] = seen["url"]

    # `listen --port 8760 | jq .eventCategory`, and the README's trigger sent to it.
    listen, _ = split_pipe(command_of(listen_line))
    listener = shell.start(listen)
    try:
        first_line_matching(listener.stderr, LISTENING_RE)
        run_checked(shell, trigger_line, SERVED[command_of(trigger_line)], seen)
        event = listener.stdout.readline()
    finally:
        stop(listener)
    check_listen(Printed(0, event, ""), seen)

    # `--forward-to` (an app on port 3000) and `--fetch`: listeners on a port of their own.
    app = Recorder()
    shell.ports = {"http://127.0.0.1:3000/xero": app.url, **shell.ports}
    try:
        for line in (forward_line, fetch_line):
            process = shell.start(command_of(line) + " --port 0")
            try:
                url = first_line_matching(process.stderr, LISTENING_RE).group(1)
                sent = shell.run(f"xero webhooks trigger --to {url}")
                assert sent.code == 0, sent.stderr
                if line is forward_line:
                    body, headers = app.received.get(timeout=30)
                    seen["forwarded"] = json.loads(body)["events"]
                    assert "x-xero-signature" in headers
                    printed = Printed(0, "", "")
                else:
                    printed = Printed(0, process.stdout.readline(), "")
            finally:
                stop(process)
            SERVED[command_of(line)](printed, seen)
    finally:
        app.stop()


COMPLETION: dict[str, Check] = {}


def _completion_file(path: str, shell_name: str) -> Check:
    def check(printed: Printed, seen: dict) -> None:
        script = (seen["home"] / path).read_text(encoding="utf-8")
        assert "xero" in script and len(script) > 200, (shell_name, script[:200])

    return check


COMPLETION.update(
    {
        "mkdir -p ~/.local/share/bash-completion/completions": lambda printed, seen: None,
        "xero completion bash > ~/.local/share/bash-completion/completions/xero": (
            _completion_file(".local/share/bash-completion/completions/xero", "bash")
        ),
        "mkdir -p ~/.zfunc && xero completion zsh > ~/.zfunc/_xero": _completion_file(
            ".zfunc/_xero", "zsh"
        ),
        "xero completion fish > ~/.config/fish/completions/xero.fish": _completion_file(
            ".config/fish/completions/xero.fish", "fish"
        ),
    }
)


def test_the_completion_examples_install_scripts(
    examples: list[str], home: Path, bin_dir: Path
) -> None:
    (home / ".config" / "fish" / "completions").mkdir(parents=True)  # fish makes it itself
    shell = Shell(isolated_env(home), home, bin_dir)
    block = [line for line in examples if command_of(line) in COMPLETION]
    assert len(block) == len(COMPLETION), block
    for line in block:
        run_checked(shell, line, COMPLETION[command_of(line)], {"home": home})
