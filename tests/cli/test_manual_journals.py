"""`xero manual-journals`: balanced before anything is sent, posted into the books, voided out."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.helpers.cli import run_xero


def ytd(env, account: str, column: str) -> Decimal:
    rows = run_xero("--sandbox", "reports", "trial-balance", "--json", env=env).ok().json()
    found = next((r for r in rows if r["Account"] == account), None)
    return Decimal(str(found[column])) if found and found[column] is not None else Decimal(0)


def count(env, narration: str) -> int:
    answer = run_xero(
        "--sandbox", "api", "ManualJournals", "-f", f'where=Narration=="{narration}"', env=env
    )
    return len(answer.ok().json()["ManualJournals"])


def test_a_posted_journal_moves_the_books_and_voiding_moves_them_back(sandbox_env) -> None:
    rent, owed = ("Rent (469)", "YTD Debit"), ("Accrued Liabilities (826)", "YTD Credit")
    before = ytd(sandbox_env, *rent), ytd(sandbox_env, *owed)
    narration = f"November rent accrual {uuid.uuid4().hex[:6]}"
    created = run_xero(
        "--sandbox",
        "manual-journals",
        "create",
        "--narration",
        narration,
        "--line",
        "Rent,1200,469",
        "--line",
        "Owed to landlord,-1200,826",
        "--date",
        date.today().isoformat(),
        env=sandbox_env,
    )
    [journal] = created.ok().json()
    assert journal["Status"] == "DRAFT"  # a draft is not in the books yet
    assert (ytd(sandbox_env, *rent), ytd(sandbox_env, *owed)) == before
    journal_id = journal["ManualJournalID"]
    run_xero("--sandbox", "manual-journals", "post", journal_id, env=sandbox_env).ok()
    assert ytd(sandbox_env, *rent) - before[0] == Decimal("1200.00")
    assert ytd(sandbox_env, *owed) - before[1] == Decimal("1200.00")
    run_xero("--sandbox", "manual-journals", "void", journal_id, env=sandbox_env).ok()
    got = run_xero("--sandbox", "manual-journals", "get", journal_id, env=sandbox_env).ok()
    assert got.json()["Status"] == "VOIDED"
    assert (ytd(sandbox_env, *rent), ytd(sandbox_env, *owed)) == before


def test_unbalanced_journals_are_refused_before_anything_is_sent(sandbox_env, tmp_path) -> None:
    narration = f"Unbalanced {uuid.uuid4().hex[:6]}"
    result = run_xero(
        "--sandbox",
        "manual-journals",
        "create",
        "--narration",
        narration,
        "--line",
        "Rent,100,469",
        "--line",
        "Owed,-90,826",
        env=sandbox_env,
    )
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == (
        "xero: --line: the total debits (100.00) must equal the total credits (90.00)\n"
    )
    single = run_xero(
        "--sandbox", "manual-journals", "create", "--narration", narration,
        "--line", "Rent,100,469", env=sandbox_env,
    )  # fmt: skip
    assert single.code == 2 and single.stderr == "xero: --line: needs at least 2 entries\n"
    good = f"{narration} good"
    path = tmp_path / "journals.csv"
    path.write_text(
        "Narration,JournalLine.Description,JournalLine.LineAmount,JournalLine.AccountCode\n"
        f"{good},Dr,5,429\n,Cr,-5,826\n"
        f"{narration},Dr,5,429\n,Cr,-4.99,826\n"
    )
    result = run_xero(
        "--sandbox", "manual-journals", "create", "--file", str(path), env=sandbox_env
    )
    assert result.code == 2
    assert result.stderr.startswith("xero: row 4: JournalLines: the total debits (5.00)")
    assert count(sandbox_env, good) == count(sandbox_env, narration) == 0  # nothing half-sent


def test_csv_journals_load_and_export_with_their_lines(sandbox_env, tmp_path: Path) -> None:
    tag = uuid.uuid4().hex[:6]
    path = tmp_path / "journals.csv"
    path.write_text(
        "Narration,Status,JournalLine.Description,JournalLine.LineAmount,JournalLine.AccountCode\n"
        f"Depreciation {tag},POSTED,Depreciation,333.33,429\n"
        ",,Accumulated,-333.33,711\n"
        f"Reclass {tag},DRAFT,To office,12,453\n"
        ",,From general,-12,429\n"
    )
    created = run_xero(
        "--sandbox", "manual-journals", "create", "--file", str(path), env=sandbox_env
    )
    assert [j["Narration"] for j in created.ok().json()] == [
        f"Depreciation {tag}",
        f"Reclass {tag}",
    ]
    export = run_xero(
        "--sandbox", "export", "csv", "manual-journals", "--lines", "-o", "-", env=sandbox_env
    ).ok()
    rows = [r for r in csv.DictReader(io.StringIO(export.stdout)) if tag in r["Narration"]]
    assert [
        (r["Narration"], r["JournalLine.LineAmount"], r["JournalLine.AccountCode"]) for r in rows
    ] == [
        (f"Depreciation {tag}", "333.33", "429"),
        (f"Depreciation {tag}", "-333.33", "711"),
        (f"Reclass {tag}", "12.00", "453"),
        (f"Reclass {tag}", "-12.00", "429"),
    ]
