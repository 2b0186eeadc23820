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


def test_include_archived_lists_every_contact_and_only_contacts_take_it(sandbox_env) -> None:
    def listed(*options: str) -> list[dict]:
        args = ("--sandbox", "contacts", "list", *options, "--all")
        return run_xero(*args, env=sandbox_env).ok().json()

    every = listed("--include-archived")
    archived = listed("--status", "ARCHIVED")
    assert {c["ContactID"] for c in archived} < {c["ContactID"] for c in every}
    assert len(every) == len(listed()) + len(archived)
    exported = run_xero(
        "--sandbox", "export", "ndjson", "contacts", "--include-archived", env=sandbox_env
    )
    assert len(exported.ok().ndjson()) == len(every)
    refused = run_xero(
        "--sandbox", "export", "ndjson", "invoices", "--include-archived", env=sandbox_env
    )
    assert refused.code == 2 and "--include-archived" in refused.stderr, refused.stderr
