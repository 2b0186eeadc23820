"""The sandbox's journals are Xero's: an append-only log, each journal numbered once.

Posting a document adds a journal with the next number; voiding it or deleting a payment adds a
reversing journal (the same lines negated, on the reversed journal's date); editing a posted
document adds a reversal and a new journal. No number is reused, a journal read once reads the
same later, and so `xero sync journals` (which asks only for the numbers after the last it has)
mirrors exactly the journals added since, and the mirror's lines of a month are that month's
trial balance. Run through the real `xero` against a sandbox of this module's own (its trial
balance must move with these tests' writes alone).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import UNLIMITED, UNLIMITED_CLIENT
from tests.helpers.cli import isolated_env, run_xero
from tests.helpers.sandbox import RunningSandbox, start_seeded

#: The seed's last month (its anchor is 31 October 2026): the documents here are dated in it.
MONTH, MONTH_END = "2026-10", "2026-10-31"
#: The months whose journals are checked against the trial balance, and their last days.
MONTH_ENDS = {"2026-09": "2026-09-30", MONTH: MONTH_END}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_seeded(tmp_path_factory, "journal-log", 20)
    running.configure(**UNLIMITED)
    yield running
    running.stop()


@pytest.fixture
def env(home: Path, books: RunningSandbox) -> dict[str, str]:
    return isolated_env(home, XERO_SANDBOX_URL=books.url, **UNLIMITED_CLIENT)


def xero(env: dict[str, str], *args: str):
    return run_xero("--sandbox", *args, env=env).ok()


def every_journal(env: dict[str, str]) -> list[dict]:
    listed = xero(env, "journals", "list", "--all", "-o", "ndjson").stdout
    return [json.loads(line, parse_float=Decimal) for line in listed.splitlines()]


def journals_after(env: dict[str, str], number: int) -> list[dict]:
    """`GET /Journals?offset=N` as `xero sync` asks it: the journals numbered above N."""
    answer = xero(env, "api", "Journals", "-f", f"offset={number}").stdout
    found = json.loads(answer, parse_float=Decimal)
    return found["Journals"] if isinstance(found, dict) else found


def lines_of(journal: dict) -> dict[str, Decimal]:
    return {line["AccountCode"]: line["NetAmount"] for line in journal["JournalLines"]}


def negated(lines: dict[str, Decimal]) -> dict[str, Decimal]:
    return {code: -amount for code, amount in lines.items()}


def invoice(env: dict[str, str], contact: str, amount: str, day: str) -> dict:
    [made] = xero(
        env, "invoices", "create", "--contact", contact, "--line", f"Work,1,{amount},200",
        "--status", "AUTHORISED", "--date", day, "--due-date", MONTH_END, "-o", "json",
    ).json()  # fmt: skip
    return made


def payment(env: dict[str, str], number: str, amount: str, day: str) -> dict:
    [made] = xero(
        env, "payments", "create", "--invoice", number, "--account", "090",
        "--amount", amount, "--date", day, "-o", "json",
    ).json()  # fmt: skip
    return made


def contact() -> str:
    return f"Journal Log {uuid.uuid4().hex[:8]}"


def test_a_void_and_a_payment_delete_add_reversing_journals_with_new_numbers(env) -> None:
    """An invoice and its part payment are two journals; deleting the payment and voiding the
    invoice add two more, each the negation of the one it reverses, on its date, with the
    next numbers; the first two stay as they were."""
    last = every_journal(env)[-1]["JournalNumber"]
    made = invoice(env, contact(), "200", f"{MONTH}-20")
    paid = payment(env, made["InvoiceNumber"], "30", f"{MONTH}-25")
    posted = journals_after(env, last)
    assert [(j["JournalNumber"], j["SourceType"], j["SourceID"]) for j in posted] == [
        (last + 1, "ACCREC", made["InvoiceID"]),
        (last + 2, "ACCRECPAYMENT", paid["PaymentID"]),
    ]
    assert lines_of(posted[0]) == {"610": Decimal("230.00"), "200": Decimal("-200.00"),
                                   "820": Decimal("-30.00")}  # fmt: skip

    xero(env, "payments", "delete", paid["PaymentID"])
    xero(env, "invoices", "void", made["InvoiceNumber"])
    after = journals_after(env, last)
    assert after[:2] == posted, "journals once answered are answered the same"
    assert [(j["JournalNumber"], j["SourceType"], j["SourceID"]) for j in after[2:]] == [
        (last + 3, "ACCRECPAYMENT", paid["PaymentID"]),
        (last + 4, "ACCREC", made["InvoiceID"]),
    ]
    for reversal, reversed_ in ((after[2], posted[1]), (after[3], posted[0])):
        assert lines_of(reversal) == negated(lines_of(reversed_))
        assert reversal["JournalDate"] == reversed_["JournalDate"]
        assert reversal["JournalID"] != reversed_["JournalID"]
    # Each reads the same by its number and by its ID.
    for journal in after:
        for key in (str(journal["JournalNumber"]), journal["JournalID"]):
            assert journals_by_key(env, key) == journal


def journals_by_key(env: dict[str, str], key: str) -> dict:
    found = json.loads(xero(env, "api", f"Journals/{key}").stdout, parse_float=Decimal)
    [journal] = found["Journals"] if isinstance(found, dict) else found
    return journal


def test_no_number_is_reused_and_a_journal_read_once_reads_the_same(env, tmp_path) -> None:
    """An authorised invoice whose line is edited is reversed and posted again; one authorised
    and voided with no read between still has both journals; a later invoice gets the next
    number, and every journal read before the changes reads the same after them."""
    before = every_journal(env)
    last = before[-1]["JournalNumber"]
    edited = invoice(env, contact(), "100", f"{MONTH}-10")
    change = tmp_path / "edit.json"
    change.write_text(json.dumps({"LineItems": [
        {"Description": "Work", "Quantity": 1, "UnitAmount": 150, "AccountCode": "200"}
    ]}))  # fmt: skip
    xero(env, "invoices", "update", edited["InvoiceNumber"], "--file", str(change))
    brief = invoice(env, contact(), "40", f"{MONTH}-11")
    xero(env, "invoices", "void", brief["InvoiceNumber"])
    later = invoice(env, contact(), "75", f"{MONTH}-13")

    after = every_journal(env)
    assert after[: len(before)] == before
    numbers = [j["JournalNumber"] for j in after]
    assert numbers == list(range(1, len(after) + 1)), "numbered once, none reused"
    assert len({j["JournalID"] for j in after}) == len(after)
    added = [(j["SourceID"], j["JournalDate"][:10]) for j in after[len(before) :]]
    assert added == [
        (edited["InvoiceID"], f"{MONTH}-10"),
        (edited["InvoiceID"], f"{MONTH}-10"),  # its reversal
        (edited["InvoiceID"], f"{MONTH}-10"),  # and the edited invoice's journal
        (brief["InvoiceID"], f"{MONTH}-11"),
        (brief["InvoiceID"], f"{MONTH}-11"),
        (later["InvoiceID"], f"{MONTH}-13"),
    ]
    first, reversal, again = after[last : last + 3]
    assert lines_of(reversal) == negated(lines_of(first))
    assert lines_of(again) == {"610": Decimal("172.50"), "200": Decimal("-150.00"),
                               "820": Decimal("-22.50")}  # fmt: skip


def mirror_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def month_of_trial_balance(env: dict[str, str], month: str) -> dict[str, Decimal]:
    """The month columns of the trial balance at the month's end: net debit per account."""
    rows = json.loads(
        xero(env, "reports", "trial-balance", "--date", MONTH_ENDS[month], "-o", "json").stdout,
        parse_float=Decimal,
    )
    moved = {
        row["Account"].rsplit("(", 1)[1].rstrip(")"): (row["Debit"] or 0) - (row["Credit"] or 0)
        for row in rows
        if row["RowType"] == "Row"
    }
    return {code: amount for code, amount in moved.items() if amount}


def month_of_mirror(db: Path, month: str) -> dict[str, Decimal]:
    """The mirror's journal lines of the month summed per account (exact, in 1/10,000ths)."""
    moved: dict[str, Decimal] = defaultdict(Decimal)
    for code, e4 in mirror_rows(
        db,
        "SELECT l.account_code, l.net_amount_e4 FROM journal_lines l JOIN journals j"
        f" USING (tenant_id, journal_id) WHERE j.journal_date LIKE '{month}-%'",
    ):
        moved[code] += Decimal(e4) / 10000
    return {code: amount for code, amount in moved.items() if amount}


def test_sync_journals_after_changes_gets_exactly_the_new_journals(env, tmp_path) -> None:
    """A mirror synced before a payment delete, a void, an invoice moved to the next month
    and a new invoice gets exactly the journals those added on the next `xero sync
    journals`, and each month of its journal lines is that month's trial balance, account by
    account (the moved invoice's reversal in the month it left, its new journal in the next)."""
    db = tmp_path / "mirror.sqlite"
    xero(env, "sync", "journals", "--db", str(db))
    [(mirrored, last)] = mirror_rows(db, "SELECT count(*), max(journal_number) FROM journals")
    assert mirrored == last

    made = invoice(env, contact(), "300", f"{MONTH}-05")
    paid = payment(env, made["InvoiceNumber"], "50", f"{MONTH}-06")
    moved = invoice(env, contact(), "80", "2026-09-28")
    xero(env, "sync", "journals", "--db", str(db))
    xero(env, "payments", "delete", paid["PaymentID"])
    xero(env, "invoices", "void", made["InvoiceNumber"])
    xero(env, "invoices", "update", moved["InvoiceNumber"], "--date", f"{MONTH}-03")
    newer = invoice(env, contact(), "120", f"{MONTH}-07")
    xero(env, "sync", "journals", "--db", str(db))

    sandbox = every_journal(env)
    mirrored = mirror_rows(
        db, "SELECT journal_number, source_type, source_id FROM journals ORDER BY journal_number"
    )
    assert mirrored == [(j["JournalNumber"], j["SourceType"], j["SourceID"]) for j in sandbox]
    assert mirrored[last:] == [
        (last + 1, "ACCREC", made["InvoiceID"]),
        (last + 2, "ACCRECPAYMENT", paid["PaymentID"]),
        (last + 3, "ACCREC", moved["InvoiceID"]),
        (last + 4, "ACCRECPAYMENT", paid["PaymentID"]),
        (last + 5, "ACCREC", made["InvoiceID"]),
        (last + 6, "ACCREC", moved["InvoiceID"]),
        (last + 7, "ACCREC", moved["InvoiceID"]),
        (last + 8, "ACCREC", newer["InvoiceID"]),
    ]
    for month in MONTH_ENDS:
        assert month_of_mirror(db, month) == month_of_trial_balance(env, month), month
