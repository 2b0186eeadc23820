"""`xero export csv|ndjson OBJECT` against the session sandbox: columns, rows, money, filters."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import SESSION_INVOICES
from tests.helpers.cli import run_xero
from xerocli.api.resources import RESOURCES

NZ = "Demo Company (NZ)"
GLOBAL = "Demo Company (Global)"


@pytest.fixture(autouse=True)
def fresh_budget(sandbox) -> None:
    """Each test starts with the sandbox's rate-limit windows empty (they are per minute)."""
    sandbox.reset_stats()


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def columns_of(noun: str, env: dict[str, str], *extra: str) -> list[str]:
    return run_xero("export", "columns", noun, *extra, env=env).ok().stdout.splitlines()


def listed(noun: str, env: dict[str, str], *extra: str) -> list[dict]:
    """The same records through `xero OBJECT list --all` (`xero OBJECT` for one with a single
    record, the organisation), numbers parsed exactly."""
    if next(r for r in RESOURCES if r.noun == noun).singleton:
        result = run_xero("--sandbox", *extra, noun, "-o", "json", env=env).ok()
        return [json.loads(result.stdout, parse_float=Decimal)]
    result = run_xero("--sandbox", *extra, noun, "list", "--all", "-o", "ndjson", env=env).ok()
    return [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]


def stored(collection: str, env: dict[str, str], tenant: str = NZ) -> int:
    """How many records the session sandbox holds now (other tests may have written some)."""
    answer = run_xero(
        "--sandbox", "--tenant", tenant, "api", collection, "-f", "page=1", "-f", "pageSize=1",
        env=env,
    ).ok()  # fmt: skip
    return int(answer.json()["pagination"]["itemCount"])


def pages(count: int) -> int:
    return -(-count // 1000)


def test_invoices_csv_has_every_record_in_fixed_columns_with_few_calls(
    sandbox, sandbox_env, tmp_path
) -> None:
    count = stored("Invoices", sandbox_env)
    assert count >= SESSION_INVOICES
    sandbox.reset_stats()
    target = tmp_path / "invoices.csv"
    result = run_xero("--sandbox", "export", "csv", "invoices", "-o", str(target), env=sandbox_env)
    result.ok()
    assert result.stdout == ""
    assert f"Exported {count} invoices to {target}" in result.stderr
    stats = sandbox.stats()
    # pageSize 1000: exactly one call a page, and never a 429.
    assert stats["api_calls"] == pages(count)
    assert "429" not in stats["by_status"]
    header, rows = read_csv(target)
    assert header == columns_of("invoices", sandbox_env)
    assert header[:6] == ["InvoiceID", "InvoiceNumber", "Type", "Status", "Contact.ContactID",
                          "Contact.Name"]  # fmt: skip
    assert len(rows) == count
    # Pages come back in order, whatever order the concurrent fetches finished in.
    expected = listed("invoices", sandbox_env)
    assert [row[0] for row in rows] == [inv["InvoiceID"] for inv in expected]
    by_id = {inv["InvoiceID"]: inv for inv in expected}
    at = {name: header.index(name) for name in header}
    for row in rows[:: max(len(rows) // 50, 1)]:
        invoice = by_id[row[0]]
        assert row[at["Contact.Name"]] == invoice["Contact"]["Name"]
        assert row[at["Total"]] == format(invoice["Total"], "f")
        assert row[at["Date"]] == invoice["Date"]
        assert row[at["UpdatedDateUTC"]] == invoice["UpdatedDateUTC"]
        assert row[at["SentToContact"]] in ("true", "false")
    assert not list(tmp_path.glob(".*xero-partial"))
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == len(rows) + 1 and not raw.startswith(b"\xef\xbb\xbf")


def test_lines_keep_four_decimal_unit_amounts_exactly(sandbox_env, tmp_path) -> None:
    target = tmp_path / "lines.csv"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--lines", "-o", str(target), env=sandbox_env
    ).ok()
    header, rows = read_csv(target)
    assert header == columns_of("invoices", sandbox_env, "--lines")
    assert header[-16:][:4] == [
        "LineItem.LineItemID",
        "LineItem.Description",
        "LineItem.Quantity",
        "LineItem.UnitAmount",
    ]
    invoices = listed("invoices", sandbox_env)
    lines = [(inv, line) for inv in invoices for line in inv["LineItems"]]
    assert len(rows) == len(lines)
    at = {name: header.index(name) for name in header}
    four_dp = 0
    for row, (invoice, line) in zip(rows, lines, strict=True):
        assert row[at["InvoiceID"]] == invoice["InvoiceID"]  # header fields repeated
        assert row[at["LineItem.LineItemID"]] == line["LineItemID"]
        assert row[at["LineItem.UnitAmount"]] == format(line["UnitAmount"], "f")
        assert row[at["LineItem.LineAmount"]] == format(line["LineAmount"], "f")
        if line["UnitAmount"] != line["UnitAmount"].quantize(Decimal("0.01")):
            four_dp += 1
            assert len(row[at["LineItem.UnitAmount"]].split(".")[1]) == 4
    assert four_dp > 0, "the seed has 4-decimal unit prices"


def test_fields_pick_and_order_columns_and_typos_fail_before_any_call(
    sandbox, sandbox_env, tmp_path
) -> None:
    target = tmp_path / "picked.csv"
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--lines",
        "--fields", "LineItem.UnitAmount,InvoiceNumber,Contact.Name",
        "-o", str(target), env=sandbox_env,
    ).ok()  # fmt: skip
    header, rows = read_csv(target)
    assert header == ["LineItem.UnitAmount", "InvoiceNumber", "Contact.Name"]
    assert all(len(row) == 3 for row in rows)
    sandbox.reset_stats()
    bad = run_xero(
        "--sandbox", "export", "csv", "invoices", "--fields", "Contact.Nmae",
        "-o", str(tmp_path / "bad.csv"), env=sandbox_env,
    )  # fmt: skip
    assert bad.code == 2
    assert "'Contact.Nmae' is not a field of invoices (did you mean 'Contact.Name'?)" in bad.stderr
    assert not (tmp_path / "bad.csv").exists()
    assert sandbox.stats()["api_calls"] == 0


#: Journals (paged by offset, one per posted document: thousands in the session sandbox) are
#: exported in tests/cli/test_settings_and_journals.py, on a sandbox of their own.
OTHER_NOUNS = [r.noun for r in RESOURCES if r.noun != "invoices" and not r.offset_field]


@pytest.mark.parametrize("noun", OTHER_NOUNS)
def test_other_seeded_objects_export_in_their_columns(noun, sandbox_env, tmp_path) -> None:
    resource = next(r for r in RESOURCES if r.noun == noun)
    target = tmp_path / f"{noun}.csv"
    run_xero("--sandbox", "export", "csv", noun, "-o", str(target), env=sandbox_env).ok()
    header, rows = read_csv(target)
    assert header == columns_of(noun, sandbox_env)
    records = listed(noun, sandbox_env)
    assert len(rows) == len(records) > 0
    at = {name: header.index(name) for name in header}
    for row, record in zip(rows, records, strict=True):
        key = record[resource.id_field]  # a setting's only field stands in for its ID
        assert row[at[resource.id_field]] == (str(key).lower() if isinstance(key, bool) else key)
        if resource.modified_since:
            assert row[at["UpdatedDateUTC"]] == record["UpdatedDateUTC"]
        if "Name" in at:
            assert row[at["Name"]] == record["Name"]
        if noun == "contacts":
            # Seeded contacts have a PO box and a phone; ones other tests created may not.
            addresses, phones = record.get("Addresses") or [], record.get("Phones") or []
            po_box = next((a for a in addresses if a["AddressType"] == "POBOX"), {})
            assert row[at["Addresses[POBOX].City"]] == po_box.get("City", "")
            phone = next((p for p in phones if p["PhoneType"] == "DEFAULT"), {})
            assert row[at["Phones[DEFAULT].PhoneNumber"]] == phone.get("PhoneNumber", "")
            assert row[at["IsCustomer"]] == str(record["IsCustomer"]).lower()


def test_ndjson_rows_have_the_csv_columns_and_exact_numbers(sandbox_env) -> None:
    result = run_xero(
        "--sandbox", "export", "ndjson", "invoices", "--lines", "--status", "PAID",
        "-o", "-", env=sandbox_env,
    ).ok()  # fmt: skip
    rows = [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]
    columns = columns_of("invoices", sandbox_env, "--lines")
    assert rows and all(list(row) == columns for row in rows)
    assert {row["Status"] for row in rows} == {"PAID"}
    assert all(isinstance(row["Total"], Decimal) for row in rows)
    assert rows[0]["TotalDiscount"] is None
    numbers = [v for row in rows for v in row.values() if isinstance(v, Decimal)]
    assert numbers and all("E" not in str(v) for v in numbers)  # never 1E+1 or floats
    assert any(str(row["LineItem.UnitAmount"]).endswith("00") for row in rows)  # 4 dp kept


def test_stdout_csv_is_data_only_and_filters_apply(sandbox_env) -> None:
    result = run_xero(
        "--sandbox", "export", "csv", "invoices", "--type", "accpay", "--from", "2026-01-01",
        "--to", "2026-03-31", "--where", "AmountDue>0", env=sandbox_env,
    ).ok()  # fmt: skip
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    header, body = rows[0], rows[1:]
    assert body, "the seed has unpaid bills in the first quarter"
    at = {name: header.index(name) for name in header}
    assert {row[at["Type"]] for row in body} == {"ACCPAY"}
    assert all("2026-01-01" <= row[at["Date"]] <= "2026-03-31" for row in body)
    assert all(Decimal(row[at["AmountDue"]]) > 0 for row in body)
    assert "Exported" in result.stderr


def test_excel_flavour_has_a_bom_and_excel_times(sandbox_env, tmp_path) -> None:
    target = tmp_path / "excel.csv"
    run_xero(
        "--sandbox", "export", "csv", "contacts", "--excel", "-o", str(target), env=sandbox_env
    ).ok()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, rows = read_csv(target)
    updated = header.index("UpdatedDateUTC")
    assert all(len(row[updated]) == 19 and row[updated][10] == " " for row in rows)


def test_re_export_keeps_the_old_files_mode_and_a_new_file_gets_the_umask(
    sandbox_env, tmp_path
) -> None:
    """The temp file renamed over a 0600 export used to leave it 0644 (created under the
    umask); a file made private stays private."""
    private = tmp_path / "accounts.csv"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    export = ("--sandbox", "export", "csv", "accounts", "-o")
    run_xero(*export, str(private), env=sandbox_env).ok()
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert read_csv(private)[1], "the old content was replaced by the export"
    fresh = tmp_path / "fresh.csv"
    run_xero(*export, str(fresh), env=sandbox_env).ok()
    umask = os.umask(0o022)  # the CLI ran with this process's umask; read it back unchanged
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_wrong_options_for_the_object_fail_with_usage(sandbox_env, tmp_path) -> None:
    for args, message in (
        (["items", "--lines"], "--lines: items have no line items"),
        (["accounts", "--contact", "x"], "--contact: accounts take no --contact filter"),
        (["widgets"], "'widgets' is not one of invoices"),
        (["invoices", "--since", "2026-01-01", "--incremental"], "--since and --incremental"),
    ):
        result = run_xero("--sandbox", "export", "csv", *args, env=sandbox_env)
        assert result.code == 2, result.stderr
        assert message in result.stderr
        assert result.stdout == ""


def test_all_tenants_in_one_file_and_one_file_per_tenant(sandbox, sandbox_env, tmp_path) -> None:
    target = tmp_path / "all.csv"
    run_xero(
        "--sandbox", "export", "csv", "contacts", "--all-tenants", "-o", str(target),
        env=sandbox_env,
    ).ok()  # fmt: skip
    header, rows = read_csv(target)
    assert header[:2] == ["TenantId", "TenantName"]
    assert header[2:] == columns_of("contacts", sandbox_env)
    names = [row[1] for row in rows]
    tenants = {t["name"]: t["tenant_id"] for t in sandbox.tenants()}
    assert names.count(NZ) == stored("Contacts", sandbox_env) > 0
    assert names.count(GLOBAL) == stored("Contacts", sandbox_env, GLOBAL) > 0
    assert len(names) == names.count(NZ) + names.count(GLOBAL)
    assert {row[0] for row in rows if row[1] == GLOBAL} == {tenants[GLOBAL]}

    counts = {tenant: stored("Invoices", sandbox_env, tenant) for tenant in (NZ, GLOBAL)}
    sandbox.reset_stats()
    pattern = str(tmp_path / "inv-{tenant}.csv")
    run_xero(
        "--sandbox", "export", "csv", "invoices", "--all-tenants", "-o", pattern, env=sandbox_env
    ).ok()
    files = sorted(p.name for p in tmp_path.glob("inv-*.csv"))
    assert files == ["inv-Demo-Company-Global.csv", "inv-Demo-Company-NZ.csv"]
    for name, tenant in (("inv-Demo-Company-NZ.csv", NZ), ("inv-Demo-Company-Global.csv", GLOBAL)):
        _, rows = read_csv(tmp_path / name)
        assert len(rows) == counts[tenant]
        assert {row[1] for row in rows} == {tenant}
    stats = sandbox.stats()
    assert stats["api_calls"] == pages(counts[NZ]) + pages(counts[GLOBAL])
    assert "429" not in stats["by_status"]


def test_an_export_runs_without_typer_and_writes_what_typers_path_writes(
    sandbox_env, tmp_path
) -> None:
    """`export csv|ndjson|xlsx` lines are parsed from the generated parse index and run their
    typer-free body (`cli/export_body.py`, issue 18): typer, click and the typer app are not
    imported, the file is the one typer's path writes, and a usage error the body raises is the
    same message and exit code."""
    import subprocess
    import sys

    from tests.cli.test_startup import _run_probe

    fast_file, typer_file = tmp_path / "fast.csv", tmp_path / "typer.csv"
    line = ["--sandbox", "export", "csv", "invoices", "--lines", "--status", "PAID", "-o"]
    imported, _, err = _run_probe([*line, str(fast_file)], sandbox_env)
    assert imported == [] and "Exported" in err
    typer_env = {**sandbox_env, "_XERO_TYPER_ONLY": "1"}
    run_xero(*line, str(typer_file), env=typer_env).ok()
    assert fast_file.read_bytes() == typer_file.read_bytes()
    assert fast_file.read_bytes().count(b",PAID,") > 10
    wrong = ["--sandbox", "export", "ndjson", "invoices", "--excel", "-o", str(tmp_path / "x")]
    wrong_object = ["--sandbox", "export", "csv", "nope"]
    for args in (wrong, wrong_object):
        fast = subprocess.run([sys.executable, "-m", "xerocli", *args], env=sandbox_env,
                              capture_output=True)  # fmt: skip
        slow = subprocess.run([sys.executable, "-m", "xerocli", *args], env=typer_env,
                              capture_output=True)  # fmt: skip
        assert (fast.returncode, fast.stderr) == (slow.returncode, slow.stderr)
        assert fast.returncode == 2


@pytest.mark.parametrize("noun", ["receipts", "repeating-invoices"])
def test_lines_of_a_collection_whose_list_leaves_them_out_are_read_per_record(
    noun: str, sandbox_env, tmp_path
) -> None:
    """Xero's unpaged lists (Receipts, RepeatingInvoices) carry no lines: `--lines` wrote one
    row per record with empty line columns, exit 0. Each record is now read by its ID."""
    resource = next(r for r in RESOURCES if r.noun == noun)
    out = tmp_path / "lines.csv"
    run_xero("--sandbox", "export", "csv", noun, "--lines", "-o", str(out), env=sandbox_env).ok()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    records = run_xero("--sandbox", noun, "list", "--all", env=sandbox_env).ok().json()
    assert records and {row[resource.id_field] for row in rows} == {
        record[resource.id_field] for record in records
    }
    assert all(row["LineItem.LineItemID"] for row in rows)
    for record in records[:3]:
        whole = run_xero(
            "--sandbox", noun, "get", record[resource.id_field], env=sandbox_env
        ).ok().json()  # fmt: skip
        exported = [r["LineItem.LineItemID"] for r in rows if r[resource.id_field] == whole[
            resource.id_field]]  # fmt: skip
        assert exported == [line["LineItemID"] for line in whole["LineItems"]]


def test_the_summary_counts_in_words(sandbox_env, tmp_path) -> None:
    """`Exported 1 invoices` read wrong: one record (and one row) is singular."""
    out = tmp_path / "one.csv"
    done = run_xero(
        "--sandbox", "export", "csv", "invoices", "--where", 'InvoiceNumber=="INV-0001"',
        "-o", str(out), env=sandbox_env,
    ).ok()  # fmt: skip
    assert f"Exported 1 invoice to {out}." in done.stderr
