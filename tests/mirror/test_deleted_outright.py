"""Xero deletes items and accounts outright: a sync reads those unpaged lists whole every run
(one call, as a read by modification time costs), so a deleted one is marked `missing_since`
at the next plain `xero sync`; it stayed live in the mirror until a `--full` run."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.helpers.cli import run_xero
from tests.mirror.conftest import query


def test_a_deleted_item_is_marked_missing_by_the_next_sync(box_env, tmp_path: Path) -> None:
    db = str(tmp_path / "m.sqlite")
    code = f"GONE-{uuid.uuid4().hex[:6].upper()}"
    run_xero(
        "--sandbox", "items", "create", "--code", code, "--name", "Soon gone", env=box_env
    ).ok()  # fmt: skip
    run_xero("--sandbox", "sync", "items", "--db", db, env=box_env).ok()
    assert query(db, f"SELECT missing_since FROM items WHERE code = '{code}'") == [(None,)]
    run_xero("--sandbox", "items", "delete", code, env=box_env).ok()
    run_xero("--sandbox", "sync", "items", "--db", db, env=box_env).ok()
    [(missing,)] = query(db, f"SELECT missing_since FROM items WHERE code = '{code}'")
    assert missing is not None
    kept = query(db, "SELECT count(*) FROM items WHERE missing_since IS NULL")[0][0]
    assert kept == len(run_xero("--sandbox", "items", "list", "-o", "json", env=box_env).json())
