"""How fast the sandbox seeds and serves: `python benchmarks/sandbox_bench.py`.

1. Seeding: build the demo companies with 100,000 invoices each into a fresh SQLite file
   (in-process, as `xero sandbox serve` does on first start); report seconds and invoices/s.
2. Serving: start `xero sandbox serve` on that file (a separate process on 127.0.0.1, limits
   lifted), log in with PKCE, and read pages of 1,000 invoices over one keep-alive httpx client;
   report pages/s and, as a machine-independent figure, the ratio of the sandbox's time per page
   to a plain `json.loads` of the same page bytes, measured in the same run.
Heavy (a few hundred MB of SQLite, a minute or so): run it once, not in a loop.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from xerocli.sandbox.seed import SeedOptions, seed  # noqa: E402
from xerocli.sandbox.store import Store  # noqa: E402

REDIRECT_URI = "http://localhost:8749/callback"
URL_RE = re.compile(r"Xero sandbox on (http://127\.0\.0\.1:\d+)")
NO_LIMIT = str(10**9)


def bench_seed(path: Path, invoices: int) -> dict:
    options = SeedOptions(invoices=invoices)
    store = Store(path)
    started = time.perf_counter()
    seed(store, options)
    seconds = time.perf_counter() - started
    store.close()
    tenants = len(options.tenants)
    return {
        "tenants": tenants,
        "seconds": seconds,
        "per_tenant": seconds / tenants,
        "invoices_per_s": invoices * tenants / seconds,
    }


def start_server(path: Path, home: Path) -> tuple[subprocess.Popen, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xerocli",
            "sandbox",
            "serve",
            "--port",
            "0",
            "--data",
            str(path),
            "--minute-limit",
            NO_LIMIT,
            "--day-limit",
            NO_LIMIT,
            "--app-minute-limit",
            NO_LIMIT,
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        found = URL_RE.search(line)
        if found:
            return process, found.group(1)
    process.wait()
    raise RuntimeError("sandbox did not start:\n" + "".join(seen))


def login(http: httpx.Client) -> dict[str, str]:
    """PKCE as any client does it; returns API headers for the first demo company."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    consent = http.get(
        "/identity/connect/authorize",
        params={
            "response_type": "code",
            "client_id": "bench",
            "redirect_uri": REDIRECT_URI,
            "scope": "offline_access accounting.transactions",
            "state": "bench",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    token = http.post(
        "/connect/token",
        data={
            "grant_type": "authorization_code",
            "client_id": "bench",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier,
        },
    ).json()
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    tenant = http.get("/connections", headers=bearer).json()[0]["tenantId"]
    return {**bearer, "xero-tenant-id": tenant, "Accept": "application/json"}


def bench_pages(url: str, page_size: int, max_pages: int) -> dict:
    with httpx.Client(base_url=url, timeout=120) as http:
        headers = login(http)

        def page(number: int) -> httpx.Response:
            answer = http.get(
                "/api.xro/2.0/Invoices",
                headers=headers,
                params={"page": number, "pageSize": page_size},
            )
            answer.raise_for_status()
            return answer

        first = page(1)  # warm-up: connection, SQLite cache
        pages = min(first.json()["pagination"]["pageCount"], max_pages)
        times: list[float] = []
        bodies: list[bytes] = []
        started = time.perf_counter()
        for number in range(1, pages + 1):
            t0 = time.perf_counter()
            answer = page(number)
            times.append(time.perf_counter() - t0)
            bodies.append(answer.content)
        total = time.perf_counter() - started
    parse_times = []
    for body in bodies:
        t0 = time.perf_counter()
        parsed = json.loads(body)
        parse_times.append(time.perf_counter() - t0)
        assert len(parsed["Invoices"]) <= page_size
    page_s = statistics.mean(times)
    parse_s = statistics.mean(parse_times)
    return {
        "pages": pages,
        "pages_per_s": pages / total,
        "page_ms": page_s * 1000,
        "page_bytes": statistics.mean(len(b) for b in bodies),
        "json_loads_ms": parse_s * 1000,
        "ratio": page_s / parse_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000, help="invoices per tenant")
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=100, help="at most this many pages")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xero-sandbox-bench-"))
    try:
        path = work / "sandbox.sqlite"
        seeded = bench_seed(path, args.invoices)
        process, url = start_server(path, work)
        try:
            served = bench_pages(url, args.page_size, args.pages)
        finally:
            process.terminate()
            process.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("seed: invoices per tenant", f"{args.invoices:,}"),
        ("seed: tenants", f"{seeded['tenants']}"),
        ("seed: total seconds", f"{seeded['seconds']:.1f}"),
        ("seed: seconds per tenant", f"{seeded['per_tenant']:.1f}"),
        ("seed: invoices/s", f"{seeded['invoices_per_s']:,.0f}"),
        ("serve: pages of 1,000 read", f"{served['pages']}"),
        ("serve: pages/s (keep-alive)", f"{served['pages_per_s']:.1f}"),
        ("serve: ms per page", f"{served['page_ms']:.1f}"),
        ("serve: KiB per page", f"{served['page_bytes'] / 1024:,.0f}"),
        ("ref: json.loads ms per page", f"{served['json_loads_ms']:.1f}"),
        ("ratio: page time / json.loads", f"{served['ratio']:.1f}x"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 10}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
