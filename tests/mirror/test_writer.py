"""A sync's SQLite statements run by a second process (`mirror/backends/writer.py`): the rows,
their marks and the errors are what they are in process, and nothing is committed unless the
command commits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone

import pytest

from tests.mirror.conftest import query
from xerocli import errors
from xerocli.api.export import Tenant
from xerocli.api.resources import resource
from xerocli.mirror import schema
from xerocli.mirror.load import CollectionLoad
from xerocli.mirror.migrate import open_mirror
from xerocli.mirror.target import parse_target

TENANT = Tenant("t-1", "Tenant")


def _running(pid: int) -> bool:
    """The process runs (a zombie, ended but not yet reaped by its new parent, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_sync_writes_through_a_second_process_and_a_failed_page_commits_nothing(
    tmp_path,
) -> None:
    db = tmp_path / "m.sqlite"
    backend = open_mirror(parse_target(str(db)))
    table = schema.collection_table(resource("contacts"))
    with backend.writing():
        writer = backend.conn.process
        assert writer.pid != os.getpid()
        assert os.getpgid(writer.pid) != os.getpgid(0)  # a Ctrl-C at the terminal: not for it
        load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
        load.open([TENANT])
        load.write(TENANT, [{"ContactID": "c-1", "Name": "One", "Phones": [{"PhoneType": "A"}]}])
        # Inside the transaction, a read sees the rows sent before it (one pipe, in order).
        assert backend.scalar('SELECT count(*) FROM "contact_phones"') == 1
        load.commit()
        load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
        load.open([TENANT])
        backend.execute("DROP TABLE contact_phones")  # the next page's child rows fail
        load.write(TENANT, [{"ContactID": "c-2", "Name": "Two", "Phones": [{"PhoneType": "X"}]}])
        with pytest.raises(errors.UsageError) as caught:
            load.commit()  # answered with the page's error, and not run
        assert caught.value.message.startswith(f"--db: committing to {db} failed: no such table")
        load.discard()
    assert writer.poll() is not None  # ended with the sync
    assert query(db, "SELECT contact_id FROM contacts") == [("c-1",)]
    assert query(db, "SELECT count(*) FROM contact_phones") == [(1,)]  # the drop rolled back
    assert query(db, "SELECT last_run_records FROM _sync_state") == [(1,)]
    backend.close()


def test_a_command_that_dies_mid_transaction_leaves_nothing_and_no_lock(tmp_path) -> None:
    """SIGKILL of the command: the writer reads the end of its input, closes its connection
    (SQLite rolls the transaction back) and ends; the next sync takes the lock at once."""
    db = tmp_path / "m.sqlite"
    open_mirror(parse_target(str(db))).close()
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import datetime, timezone
        from xerocli.api.export import Tenant
        from xerocli.api.resources import resource
        from xerocli.mirror import schema
        from xerocli.mirror.load import CollectionLoad
        from xerocli.mirror.migrate import open_mirror
        from xerocli.mirror.target import parse_target
        backend = open_mirror(parse_target({str(db)!r}))
        with backend.writing():
            table = schema.collection_table(resource("contacts"))
            load = CollectionLoad(backend, table, datetime.now(timezone.utc), full=True)
            tenant = Tenant("t-1", "Tenant")
            load.open([tenant])
            load.write(tenant, [{{"ContactID": "c-1", "Name": "One"}}])
            backend.scalar("SELECT count(*) FROM contacts")  # the page is in
            print(backend.conn.process.pid, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    writer = int(done.stdout.split()[0])
    for _ in range(500):  # the writer's end is prompt: it was idle, waiting for input
        if not _running(writer):
            break
        time.sleep(0.01)
    else:
        raise AssertionError("the writer outlived its command")
    assert query(db, "SELECT count(*) FROM contacts") == [(0,)]
    backend = open_mirror(parse_target(str(db)))
    backend.conn.execute("PRAGMA busy_timeout = 0")
    backend.begin()  # no lock left behind
    backend.rollback()
    backend.close()
