"""Incremental-export high-water marks: one small JSON file per profile, tenant and object.

`xero export ... --incremental` sends `If-Modified-Since: <mark>` and, once the export file is
complete, moves the mark to the largest `UpdatedDateUTC` it exported. Xero's
`If-Modified-Since` is inclusive, so records updated exactly at the mark come back on the next
run; the mark remembers their IDs and the next run drops them if they are unchanged (same
`UpdatedDateUTC`), so a run after no changes exports nothing and a run after changes exports
exactly the changed records. Files live in the state dir and are replaced atomically; a state
dir that cannot take them (read-only, full) is the one-line exit-2 error every command gives.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from xerocli import config

if TYPE_CHECKING:
    from xerocli.api.resources import Resource

UPDATED = "UpdatedDateUTC"


OFFSET = "Offset"


@dataclass
class Mark:
    """Where the last run stopped: a modification time, or for a collection paged by offset
    (Journals) the last number exported (`since` None)."""

    since: datetime | None
    ids_at_mark: frozenset[str] = frozenset()
    offset: int | None = None

    def to_json(self) -> dict:
        if self.since is None:
            return {OFFSET: self.offset}
        return {
            UPDATED: iso_utc(self.since),
            "IDsAtMark": sorted(self.ids_at_mark),
        }

    @classmethod
    def from_json(cls, data: dict) -> Mark:
        if OFFSET in data:
            return cls(None, offset=int(data[OFFSET]))
        return cls(parse_utc(data[UPDATED]), frozenset(data.get("IDsAtMark") or ()))

    def describe(self) -> str:
        return f"offset {self.offset}" if self.since is None else iso_utc(self.since)


def iso_utc(moment: datetime) -> str:
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", part) or "_"


class MarkStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, profile: str, tenant_id: str, noun: str) -> Path:
        return (
            self.root / "export-marks" / _safe(profile) / _safe(tenant_id) / f"{_safe(noun)}.json"
        )

    def load(self, profile: str, tenant_id: str, noun: str) -> Mark | None:
        path = self.path(profile, tenant_id, noun)
        try:
            return Mark.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as exc:
            from xerocli import errors

            raise errors.UsageError(
                f"the export mark {path} is damaged ({type(exc).__name__}); delete it to export"
                " everything again"
            ) from None

    def check_writable(self, profile: str) -> None:
        """Fail before the export, not after its file is written: the profile's mark folder
        is created and takes a small file, or the state dir is named (exit 2)."""
        folder = self.root / "export-marks" / _safe(profile)
        probe = folder / f".probe.{os.getpid()}.tmp"
        try:
            config.make_dir(folder)
            probe.write_text("{}\n", encoding="utf-8")
        except OSError as exc:
            raise config.state_dir_error(folder, exc) from None
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()

    @contextlib.contextmanager
    def run_lock(self, profile: str, noun: str) -> Iterator[None]:
        """One `--incremental` run of a profile's collection at a time: two overlapping cron
        runs would both export the same changes, and the later to finish could move the mark
        back. The second one stops at once (exit 8, try again), as `flock -n` would."""
        from filelock import FileLock, Timeout

        from xerocli import errors

        folder = self.root / "locks"
        try:
            config.make_dir(folder)
        except OSError as exc:
            raise config.state_dir_error(folder, exc) from None
        lock = FileLock(str(folder / f"export-{_safe(profile)}-{_safe(noun)}.lock"), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise errors.UnavailableError(
                f"another `--incremental` export of {noun} (profile {profile!r}) is running;"
                " nothing was sent: run this one again once it has ended"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def save(self, profile: str, tenant_id: str, noun: str, mark: Mark) -> Path:
        path = self.path(profile, tenant_id, noun)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            config.make_dir(path.parent)
            temp.write_text(json.dumps(mark.to_json(), indent=2) + "\n", encoding="utf-8")
            os.replace(temp, path)
        except OSError as exc:
            raise config.state_dir_error(path, exc) from None
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        return path


@dataclass
class HighWater:
    """Follows the records of one run: drops the ones the last mark already covered, and
    finds the new mark (the largest `UpdatedDateUTC` and the IDs updated at that moment)."""

    id_field: str
    previous: Mark | None = None
    best: datetime | None = None
    best_ids: set[str] = field(default_factory=set)
    skipped: int = 0

    def filter(self, records: Iterable[dict]) -> Iterator[dict]:
        previous = self.previous
        for record in records:
            raw = record.get(UPDATED)
            if raw:
                moment = parse_utc(raw)
                record_id = str(record.get(self.id_field, ""))
                if (
                    previous is not None
                    and moment == previous.since
                    and record_id in previous.ids_at_mark
                ):
                    self.skipped += 1
                    continue
                if self.best is None or moment > self.best:
                    self.best, self.best_ids = moment, {record_id}
                elif moment == self.best:
                    self.best_ids.add(record_id)
            yield record

    def mark(self) -> Mark | None:
        """The mark after this run; None when nothing new was seen (keep the old one)."""
        if self.best is None:
            return None
        previous = self.previous
        if previous is not None and self.best == previous.since:
            return Mark(self.best, frozenset(self.best_ids | previous.ids_at_mark))
        return Mark(self.best, frozenset(self.best_ids))


@dataclass
class OffsetHighWater:
    """HighWater for a collection paged by offset: the server sends only records numbered
    above the last mark, so every record is new, and the new mark is the largest number."""

    field: str
    previous: Mark | None = None
    best: int | None = None
    skipped: int = 0

    def filter(self, records: Iterable[dict]) -> Iterator[dict]:
        for record in records:
            number = record.get(self.field)
            if number is not None and (self.best is None or int(number) > self.best):
                self.best = int(number)
            yield record

    def mark(self) -> Mark | None:
        """The mark after this run; None when nothing new was seen (keep the old one)."""
        return None if self.best is None else Mark(None, offset=self.best)

    @property
    def start(self) -> int:
        """The offset to ask for: the last run's mark, or 0."""
        return self.previous.offset or 0 if self.previous is not None else 0


def high_water_for(resource: Resource, previous: Mark | None) -> HighWater | OffsetHighWater:
    """The high water a run of `resource` follows: by journal number for a collection paged by
    offset (Journals), else by modification time."""
    if resource.offset_field:
        return OffsetHighWater(resource.offset_field, previous)
    return HighWater(resource.id_field, previous)
