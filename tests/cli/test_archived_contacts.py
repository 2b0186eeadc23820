"""ARCHIVED contacts: Xero leaves them out of lists unless `includeArchived=true`, so a status
filter naming ARCHIVED must send it, in `contacts list` and in the export alike."""

from __future__ import annotations

from tests.helpers.cli import run_xero


def _statuses(records: list[dict]) -> set[str]:
    return {r["ContactStatus"] for r in records}


def test_status_archived_lists_the_archived_contacts(sandbox_env) -> None:
    archived = (
        run_xero("--sandbox", "contacts", "list", "--status", "archived", "--all", env=sandbox_env)
        .ok()
        .json()
    )
    assert archived, "the demo company has archived contacts"
    assert _statuses(archived) == {"ARCHIVED"}
    both = (
        run_xero(
            "--sandbox",
            "contacts",
            "list",
            "--status",
            "ACTIVE,ARCHIVED",
            "--all",
            env=sandbox_env,
        )
        .ok()
        .json()
    )
    assert _statuses(both) == {"ACTIVE", "ARCHIVED"}
    active = run_xero(
        "--sandbox", "contacts", "list", "--status", "ACTIVE", "--all", env=sandbox_env
    )
    assert len(both) == len(archived) + len(active.ok().json())


def test_export_with_status_archived_writes_the_archived_contacts(sandbox_env) -> None:
    exported = (
        run_xero(
            "--sandbox", "export", "ndjson", "contacts", "--status", "ARCHIVED", env=sandbox_env
        )
        .ok()
        .ndjson()
    )
    assert exported and _statuses(exported) == {"ARCHIVED"}
