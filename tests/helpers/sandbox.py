"""Start `xero sandbox serve` as a user would, on a free loopback port, and talk to its panel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from filelock import FileLock

from tests.helpers import loopback
from tests.helpers.cli import isolated_env

URL_RE = re.compile(r"Xero sandbox on (http://127\.0\.0\.1:\d+)")


class RunningSandbox:
    """`xero sandbox serve` on a free port. Forked from the worker's warm fork server
    (`forkserver.py`: a cold start is ~0.4 s of CPU, and a run starts ~100 sandboxes) unless
    `cold`: a test that looks at the server's own process (its pid, its children) or at the
    command as a user starts it. Signals to `process` reach the sandbox (the fork client
    passes them on), but a SIGKILL only its client: such tests start it cold."""

    def __init__(self, data: Path, home: Path, *options: str, cold: bool = False) -> None:
        from tests.helpers import forkserver
        from tests.helpers.cli import fork_server

        self.data = data
        env = isolated_env(home)
        xero = [sys.executable, "-m", "xerocli"]
        if not cold and forkserver.enabled():
            xero = fork_server().client_argv(env)
        self.process = subprocess.Popen(
            [
                *xero,
                "sandbox",
                "serve",
                "--port",
                "0",
                "--data",
                str(data),
                *options,
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        assert self.process.stderr is not None
        seen = []
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError("sandbox exited: " + "".join(seen))
                continue
            seen.append(line)
            found = URL_RE.search(line)
            if found:
                return found.group(1)
        raise RuntimeError("sandbox did not start: " + "".join(seen))

    # --- the control panel ------------------------------------------------------------------
    def configure(self, **settings: Any) -> dict:
        answer = loopback.post(f"{self.url}/__sandbox/config", json=settings, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def stats(self) -> dict:
        return loopback.get(f"{self.url}/__sandbox/stats", timeout=10).json()

    def reset_stats(self) -> None:
        loopback.post(f"{self.url}/__sandbox/reset-stats", timeout=10).raise_for_status()

    def tenants(self) -> list[dict]:
        return loopback.get(f"{self.url}/__sandbox/tenants", timeout=10).json()

    def invoice_count(self, tenant: str | int = 0) -> int:
        """The invoices one demo company holds (by name or index): the seed's `--invoices N`
        and those its other documents made (quotes invoiced, credit allocated, batches paid),
        read from the sandbox's own file."""
        import sqlite3

        known = self.tenants()
        found = (
            known[tenant]
            if isinstance(tenant, int)
            else next(t for t in known if t["name"] == tenant)
        )
        with sqlite3.connect(f"file:{self.data}?mode=ro", uri=True) as db:
            (count,) = db.execute(
                "SELECT count(*) FROM records WHERE kind = 'Invoices' AND tenant_id = ?",
                (found["tenant_id"],),
            ).fetchone()
        return int(count)

    def advance_clock(self, seconds: float) -> dict:
        """Let `seconds` pass on the sandbox's clock (tokens, grace, limits, idempotency), so a
        test never sleeps to make something expire."""
        answer = loopback.post(f"{self.url}/__sandbox/clock", json={"advance": seconds}, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def expire_tokens(self) -> int:
        """Every access token issued so far dies now; refresh tokens live on."""
        answer = loopback.post(f"{self.url}/__sandbox/expire-tokens", timeout=10)
        answer.raise_for_status()
        return answer.json()["expired"]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()


def tenant_client(sandbox: RunningSandbox, token: dict, index: int) -> httpx.Client:
    """Plain HTTP to one demo company's Accounting API (`client.tenant` says which)."""
    from tests.helpers.oauth import api_headers

    tenant = sandbox.tenants()[index]
    client = loopback.client(
        base_url=f"{sandbox.url}/api.xro/2.0",
        headers={**api_headers(token, tenant["tenant_id"]), "Accept": "application/json"},
        timeout=30,
    )
    client.tenant = tenant  # type: ignore[attr-defined]
    return client


def seeded_copy(templates: Path, target: Path, invoices: int) -> Path:
    """`target`: a fresh copy of a demo-company database with `invoices` per company.

    Seeding 10,000 invoices a company takes seconds; each size is seeded once into
    `templates` (shared by every pytest worker of the run, under a lock) and copied per
    sandbox, so every sandbox still starts from the same untouched data.
    """
    from xerocli.sandbox.seed import SeedOptions, seed
    from xerocli.sandbox.store import Store

    templates.mkdir(parents=True, exist_ok=True)
    template = templates / f"seeded-{invoices}.sqlite"
    with FileLock(str(template) + ".lock"):
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.building")
            store = Store(building)
            seed(store, SeedOptions(invoices=invoices))
            store.close()  # the last connection folds the WAL into the file
            building.rename(template)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


def templates_dir(tmp_path_factory: Any) -> Path:
    """One folder per test run, shared by xdist workers (each has its own basetemp below it)."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return root / "seeded-sandboxes"


def start_seeded(tmp_path_factory: Any, name: str, invoices: int, *options: str) -> RunningSandbox:
    """`xero sandbox serve` on a copy of the shared seeded database (see `seeded_copy`)."""
    root = tmp_path_factory.mktemp(name)
    data = seeded_copy(templates_dir(tmp_path_factory), root / "sandbox.sqlite", invoices)
    return RunningSandbox(data, root, "--invoices", str(invoices), *options)


def document_body_reads(store: Any, monkeypatch: Any) -> list[tuple]:
    """The rows of documents' bodies `store` reads from now on (the journal's kinds; the
    chart's and contacts' bodies are read apart): a list that grows as they are read."""
    from xerocli.sandbox.ledger import journal_kinds

    journal = {kind for kind, _ in journal_kinds()}
    bodies: list[tuple] = []
    real_execute = store.execute

    def counting(sql: str, params: Any = ()) -> list:
        rows = real_execute(sql, params)
        if "body" in sql.split("FROM")[0] and set(params) & journal:
            bodies.extend(rows)
        return rows

    monkeypatch.setattr(store, "execute", counting)
    return bodies
