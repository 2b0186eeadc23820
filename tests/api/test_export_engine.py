"""The export engine (`api/export.py`) on its own, as `xero sync` will use it: the command's
login (an AppContext) against the session sandbox over loopback, records handed to a
destination of the caller's, marks moved only after that destination committed, nothing
printed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from xerocli.api.export import ExportPlan, Tenant, run_export
from xerocli.api.marks import MarkStore
from xerocli.api.query import ListQuery
from xerocli.api.resources import resource
from xerocli.api.stopper import Stopper
from xerocli.cli.context import AppContext
from xerocli.output.progress import NoProgress


class Recorded:
    """A destination that keeps records in memory, the way a database mirror would."""

    def __init__(self, fail_commit: bool = False) -> None:
        self.fail_commit = fail_commit
        self.by_tenant: dict[str, list[dict]] = {}
        self.events: list[str] = []

    def open(self, tenants: Sequence[Tenant]) -> None:
        self.by_tenant = {tenant.name: [] for tenant in tenants}
        self.events.append("open")

    def write(self, tenant: Tenant, records: list[dict]) -> int:
        self.by_tenant[tenant.name].extend(records)
        return len(records)

    def commit(self) -> list[str]:
        self.events.append("commit")
        if self.fail_commit:
            raise OSError("the database is gone")
        return ["memory"]

    def discard(self) -> None:
        self.events.append("discard")


def export(login: AppContext, destination: Recorded, home: Path, **plan: bool):
    return run_export(
        ExportPlan(resource("contacts"), ListQuery(), profile="engine", **plan),
        login,
        destination,
        marks=MarkStore(home / "state" / "xerocli"),
        events=NoProgress(),
        stopper=Stopper(),
    )


def test_every_organisation_of_the_login_reaches_the_destination_and_nothing_is_printed(
    login: AppContext, home: Path, capfd: pytest.CaptureFixture[str], monkeypatch
) -> None:
    from xerocli.api import heap

    destination = Recorded()
    # The allocator is set for a flat resident size before anything is opened (api/heap.py).
    monkeypatch.setattr(heap, "keep_flat", lambda: destination.events.append("heap"))
    outcome = export(login, destination, home, all_tenants=True)
    assert set(destination.by_tenant) == {"Demo Company (NZ)", "Demo Company (Global)"}
    assert all(destination.by_tenant.values())
    assert outcome.records == outcome.rows == sum(map(len, destination.by_tenant.values()))
    assert outcome.paths == ["memory"] and destination.events == ["heap", "open", "commit"]
    assert capfd.readouterr() == ("", "")  # the core never prints


def test_the_collector_is_off_while_pages_are_written_and_restored_after(
    login: AppContext, home: Path
) -> None:
    """Pages are trees freed by reference counting: the cyclic collector is kept off them and
    what existed before is frozen (issue 18: it walked each page ~25 times, 60-75 ms of a
    10,000-invoice export); both are undone at the end."""
    import gc

    class Watching(Recorded):
        def write(self, tenant: Tenant, records: list[dict]) -> int:
            self.events.append(f"gc {gc.isenabled()}, frozen {gc.get_freeze_count() > 0}")
            return super().write(tenant, records)

        def open(self, tenants: Sequence[Tenant]) -> None:
            super().open(tenants)
            self.events.append(f"frozen {gc.get_freeze_count() > 0}")

    destination = Watching()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    export(login, destination, home)
    assert destination.events[:2] == ["open", "frozen False"]
    assert destination.events[2:-1] and set(destination.events[2:-1]) == {"gc False, frozen True"}
    assert gc.isenabled() and gc.get_freeze_count() == 0
    failing = Watching(fail_commit=True)
    with pytest.raises(OSError):
        export(login, failing, home)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # restored on a failure too


def test_a_full_export_reads_no_records_modification_time(
    login: AppContext, home: Path, monkeypatch
) -> None:
    """Only an incremental run follows the mark (issue 18: parsing each record's
    `UpdatedDateUTC` was 3% of an export's CPU for a mark a full run never moves)."""
    from xerocli.api import marks

    parsed: list[str] = []
    real = marks.parse_utc
    monkeypatch.setattr(marks, "parse_utc", lambda text: parsed.append(text) or real(text))
    destination = Recorded()
    outcome = export(login, destination, home)
    assert outcome.records > 0 and parsed == []
    assert not (home / "state" / "xerocli" / "export-marks").exists()
    export(login, Recorded(), home, incremental=True)
    assert len(parsed) >= outcome.records  # the incremental run still follows it


def test_marks_move_only_after_the_destination_committed(login: AppContext, home: Path) -> None:
    marks = home / "state" / "xerocli" / "export-marks" / "engine"
    failing = Recorded(fail_commit=True)
    with pytest.raises(OSError):
        export(login, failing, home, incremental=True)
    assert failing.events == ["open", "commit", "discard"]
    assert list(marks.rglob("*.json")) == []  # the failed run left no mark

    export(login, Recorded(), home, incremental=True)
    assert len(list(marks.rglob("contacts.json"))) == 1
    again = Recorded()
    assert export(login, again, home, incremental=True).records == 0
    assert again.by_tenant == {"Demo Company (NZ)": []}
