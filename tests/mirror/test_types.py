"""Each column's kind against the values Xero's records hold, a mirror of schema version 3
converted in place on the next sync, `xero sql` writing nothing on any backend, and a sync of
journals counting every call it made."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run_xero
from tests.helpers.oauth import login
from tests.helpers.sandbox import RunningSandbox, tenant_client
from tests.mirror.mirrors import BACKENDS, Mirror
from xerocli.api import wire
from xerocli.api.export import Tenant
from xerocli.api.resources import RESOURCES, Resource, resource
from xerocli.mirror import schema
from xerocli.mirror.load import CollectionLoad
from xerocli.mirror.migrate import open_mirror
from xerocli.mirror.run import sync_query
from xerocli.mirror.schema import Table
from xerocli.mirror.target import parse_target
from xerocli.output.paths import compile_path, read_steps

#: The collections that have a column version 3 stored as text.
RETYPED = (
    "journals",
    "batch-payments",
    "bank-transfers",
    "organisation",
    "invoice-reminders",
    "repeating-invoices",
    "branding-themes",
    "quotes",
    "expense-claims",
)
#: What a value of the wire may be stored as.
NUMBERS = (schema.DECIMAL, schema.INTEGER)
DAY = re.compile(r"\d{4}-\d\d-\d\d")


def raw_records(box: RunningSandbox, token: dict, index: int, res: Resource) -> Iterator[dict]:
    """Every record of `res` in one demo company, as the full decode gives it (what a sync
    without the fields decoder writes): `/Date(...)/` as ISO text, numbers as Decimals."""
    params: dict[str, Any] = dict(sync_query(res).params)
    if res.unitdp:
        params["unitdp"] = 4
    with tenant_client(box, token, index) as client:
        page, offset = 1, 0
        while True:
            query = dict(params)
            if res.offset_field:
                query["offset"] = offset
            elif res.paged:
                query.update(res.page_query(page, 1000))
            answer = client.get(res.list_path, params=query)
            assert answer.status_code == 200, answer.text
            records = wire.records_of(wire.loads(answer.text), res.records_key)
            yield from records
            if res.offset_field and records:
                offset = max(int(r[res.offset_field]) for r in records)
                continue
            if not res.paged or len(records) < res.records_per_page(1000):
                return
            page += 1


def _wrong_kinds(table: Table, records: list[dict], found: dict[str, set[str]]) -> None:
    for record in records:
        if not isinstance(record, dict):
            continue
        for column in table.columns:
            if not column.path:
                continue
            value = read_steps(record, compile_path(column.path))
            kind = column.kind
            wrong = (
                (isinstance(value, bool) and kind != schema.BOOL)
                or (isinstance(value, (int, Decimal)) and not isinstance(value, bool)
                    and kind not in NUMBERS)
                or (isinstance(value, str) and DAY.fullmatch(value) and kind != schema.DATE)
                or (isinstance(value, str) and kind in (*NUMBERS, schema.BOOL) and value != "")
            )  # fmt: skip
            if wrong:
                found.setdefault(f"{table.name}.{column.name} ({kind})", set()).add(repr(value))
        for child in table.children:
            _wrong_kinds(child, record.get(child.list_field) or [], found)


def test_every_mirrored_field_has_a_listed_kind() -> None:
    """A field in none of the lists would be text by default: a new field is classified, not
    guessed from its name (`NetAmount` was text, and summed as floats)."""
    lists = (schema.TEXTS, schema.INTEGERS, schema.BOOLS, schema.TIMESTAMPS, schema.DATES)
    lists += (schema.SIX_PLACES, schema.FOUR_PLACES)
    assert sum(map(len, lists)) == len(schema.KINDS), "a field is in two lists"
    unlisted = {
        f"{table.name}.{column.path}"
        for table in schema.all_tables()
        for column in table.columns
        if column.path
        and column.path not in schema.PATH_KINDS
        and column.path.rsplit(".", 1)[-1] not in schema.KINDS
    }
    assert unlisted == set()


def test_every_sandbox_value_lands_in_a_column_of_its_kind(mirror_box, box_env, tmp_path) -> None:
    """Every record of every collection of both demo companies: a flag is stored in a boolean
    column, a number in a decimal or integer one, a date in a date one, never as text; and
    the mirror sums the ledger to exactly zero."""
    token = login(mirror_box.url)
    found: dict[str, set[str]] = {}
    for index in range(len(mirror_box.tenants())):
        for res in RESOURCES:
            records = list(raw_records(mirror_box, token, index, res))
            _wrong_kinds(schema.collection_table(res), records, found)
    assert found == {}

    db = tmp_path / "m.sqlite"
    run_xero("--sandbox", "sync", "journals", "bank-transfers", "--db", str(db), env=box_env).ok()
    mirror = Mirror("sqlite", tmp_path)
    sums = mirror.query(
        "SELECT sum(net_amount_e4), sum(gross_amount_e4), sum(tax_amount_e4),"
        " typeof(sum(net_amount_e4)) FROM journal_lines"
    )
    assert sums == [(0, 0, 0, "integer")]
    numbers = mirror.query("SELECT max(journal_number), count(*) FROM journals")
    assert numbers[0][0] == numbers[0][1] > 99
    flags = mirror.query("SELECT count(*) FROM bank_transfers WHERE from_is_reconciled")
    assert flags[0][0] > 0


def _write_as_version_3(db: str, records: dict[str, list[dict]], tenant: Tenant) -> None:
    """A mirror as xero of schema version 3 wrote it: its tables, its (text) converters."""
    backend = open_mirror(parse_target(db), version=3)
    for noun, found in records.items():
        table = schema.collection_table(resource(noun)).at(3)
        assert table is not None
        load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
        load.open([tenant])
        load.write(tenant, found)
        load.commit()
    backend.close()


def _typed_rows(mirror: Mirror, table: Table) -> list[tuple]:
    """A table's rows, each value with its type, in the order of the column names (a
    converted column comes last in its table)."""
    names = sorted(set(mirror.columns(table.name)) - {schema.SYNCED_AT, schema.MISSING_SINCE})
    listed = ", ".join(f'"{name}"' for name in names)
    rows = mirror.query(f'SELECT {listed} FROM "{table.name}"')
    return sorted(
        (tuple((name, type(v).__name__, v) for name, v in zip(names, row, strict=True))
         for row in rows),
        key=repr,
    )  # fmt: skip


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_version_3_mirror_is_converted_on_the_next_sync(
    kind, mirror_box, box_env, tmp_path, request
) -> None:
    """Rows version 3 stored as text (money, flags, integers, dates) are, after the next
    `xero sync`, what a new mirror holds: the same values, of the same types."""
    postgres = request.getfixturevalue("postgres") if kind == "postgresql" else None
    token = login(mirror_box.url)
    tenant_row = mirror_box.tenants()[0]
    tenant = Tenant(tenant_row["tenant_id"], tenant_row["name"])
    records = {noun: list(raw_records(mirror_box, token, 0, resource(noun))) for noun in RETYPED}
    old = Mirror(kind, tmp_path, postgres, name="old")
    _write_as_version_3(old.db, records, tenant)
    with old.reading():
        assert old.query("SELECT max(version) FROM _schema") == [(3,)]
        texts = old.query("SELECT journal_number, net_amount FROM journal_lines JOIN journals"
                          " USING (tenant_id, journal_id) LIMIT 1")  # fmt: skip
    assert all(isinstance(value, str) for value in texts[0]), texts

    run_xero("--sandbox", "sync", *RETYPED, "--db", old.db, env=box_env).ok()
    new = Mirror(kind, tmp_path, postgres, name="new")
    run_xero("--sandbox", "sync", *RETYPED, "--db", new.db, env=box_env).ok()
    with old.reading(), new.reading():
        assert old.query("SELECT max(version) FROM _schema") == [(schema.VERSION,)]
        for noun in RETYPED:
            for table in schema.collection_table(resource(noun)).walk():
                assert _typed_rows(old, table) == _typed_rows(new, table), table.name
        if kind == "sqlite":
            assert old.query("SELECT sum(net_amount_e4) FROM journal_lines") == [(0,)]
        else:
            assert old.query("SELECT sum(net_amount) FROM journal_lines") == [(Decimal(0),)]


def _one_line_refusal(result: Any) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.code == 2 and len(lines) == 1 and lines[0].startswith("xero: QUERY: "), (
        result.code,
        result.stderr,
    )
    return lines[0]


@pytest.mark.parametrize("kind", BACKENDS)
def test_xero_sql_writes_nothing(kind, box_env, tmp_path, request) -> None:
    """`xero sql` is read-only: a statement that would write the mirror or any file (VACUUM
    INTO, ATTACH, COPY TO, EXPORT DATABASE, a read-write transaction) is one line, exit 2, and
    nothing is written."""
    postgres = request.getfixturevalue("postgres") if kind == "postgresql" else None
    mirror = Mirror(kind, tmp_path, postgres)
    open_mirror(parse_target(mirror.db)).close()
    out = tmp_path / "out"
    out.mkdir()
    refused = {
        "sqlite": [
            f"VACUUM INTO '{out / 'copy.db'}'",
            f"ATTACH DATABASE '{out / 'evil.db'}' AS e",
            "PRAGMA query_only = 0",
            "DELETE FROM invoices",
        ],
        "duckdb": [
            f"COPY invoices TO '{out / 'copy.csv'}'",
            f"EXPORT DATABASE '{out / 'export'}'",
            f"ATTACH '{out / 'evil.duckdb'}' AS e",
            "DELETE FROM invoices",
        ],
        "postgresql": [
            "BEGIN READ WRITE; CREATE TABLE evil (a int); COMMIT",
            "COMMIT; SET default_transaction_read_only = off; CREATE TABLE evil (a int)",
            "CREATE TABLE evil (a int)",
        ],
    }[kind]
    for sql in refused:
        _one_line_refusal(run_xero("sql", sql, "--db", mirror.db, env=box_env))
    assert sorted(out.iterdir()) == []
    assert "evil" not in mirror.tables()
    if kind == "sqlite":
        said = _one_line_refusal(run_xero("sql", refused[1], "--db", mirror.db, env=box_env))
        assert said == "xero: QUERY: ATTACH is refused: xero sql only reads the mirror"
    listed = run_xero("sql", "SELECT count(*) AS n FROM invoices", "--db", mirror.db, "-o",
                      "json", env=box_env).ok()  # fmt: skip
    assert listed.json() == [{"n": 0}]


def test_a_sync_of_journals_counts_the_call_that_found_none_new(
    mirror_box, box_env, tmp_path: Path
) -> None:
    """Journals go on from the last number mirrored: a run after no new journal makes one call
    (its answer empty), and says so."""
    db = str(tmp_path / "m.sqlite")
    run_xero("--sandbox", "sync", "journals", "--db", db, env=box_env).ok()
    mirror_box.reset_stats()
    again = run_xero("--sandbox", "sync", "journals", "--db", db, env=box_env).ok()
    assert mirror_box.stats()["api_calls"] == 1
    assert "Synced journals: 0 changed (0 rows, 1 call)." in again.stderr
    calls = Mirror("sqlite", tmp_path, name="m").query("SELECT last_run_calls FROM _sync_state")
    assert calls == [(1,)]


def test_line_tables_of_collections_whose_lists_leave_lines_out_are_filled(
    mirror_box, box_env, tmp_path: Path
) -> None:
    """Receipts: Xero's list carries no lines, so their line table stayed empty; each receipt
    the mark lets through is now read by its ID, each of those calls counted, and a second
    run reads none again. Repeating invoices (synced whole every run, no mark) are not read
    record by record: a call a template every run; their lines come with `export --lines`."""
    db = str(tmp_path / "m.sqlite")
    mirror_box.reset_stats()
    done = run_xero("--sandbox", "sync", "receipts", "--db", db, env=box_env).ok()
    mirror = Mirror("sqlite", tmp_path, name="m")
    records = run_xero("--sandbox", "receipts", "list", "--all", env=box_env).ok().json()
    wanted = 0
    for record in records:
        whole = run_xero("--sandbox", "receipts", "get", record["ReceiptID"], env=box_env).ok()
        wanted += len(whole.json()["LineItems"])
    assert records and wanted >= len(records)
    assert mirror.query("SELECT count(*) FROM receipt_lines") == [(wanted,)]
    assert f" {len(records) + 1} calls)." in done.stderr
    again = run_xero("--sandbox", "sync", "receipts", "--db", db, env=box_env).ok()
    assert "(0 rows, 1 call" in again.stderr
