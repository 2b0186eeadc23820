"""The sandbox's speed rows of issue 18, each a ratio measured in one run, before and after.

`python benchmarks/sandbox_speed_bench.py --baseline /tmp/old-xerocli` (a tree made with
`git archive <commit> | tar -x -C /tmp/old-xerocli`) measures this tree and the baseline side
by side, interleaved, and prints medians:

1. start: `xero sandbox serve --invoices 100000 --reset` to its banner line (seeding included),
   alternating trees; the ratio is this tree's time to the baseline's.
2. page cost in N: pages of `--page-size` 100 from a 100,000-invoice and a 10,000-invoice
   company, pages spread evenly over each list, one request to each server in turn; the ratio
   is the median page time at 100,000 to that at 10,000 (flat in N is 1.0).
3. concurrent reads: pages/s of `--clients` keep-alive clients at once to the 100,000-invoice
   server, to that of one client (the server had one SQLite connection behind a lock).
4. the store's page path alone (count, then the page; no HTTP), in each tree's own code on
   the files its servers seeded: the same page-cost ratio without the HTTP round trip's noise.

Every server is its own process on 127.0.0.1 with the rate limits lifted. Heavy: each start of
100,000 invoices is a few hundred MB of SQLite and tens of seconds of CPU; run it once.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_trees import compiled

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import httpx  # noqa: E402
from sandbox_bench import login  # noqa: E402

URL_RE = re.compile(r"Xero sandbox on (http://127\.0\.0\.1:\d+)")
NO_LIMIT = str(10**9)


@dataclass
class Server:
    """One running `xero sandbox serve` of one tree, and how long it took to come up."""

    tree: str
    invoices: int
    process: subprocess.Popen
    url: str
    start_s: float
    headers: dict[str, str] = field(default_factory=dict)
    page_count: int = 0
    #: CPU seconds the server and its finished children (seeding workers) used to come up:
    #: what a busy machine does not change as much as it changes the wall time.
    start_cpu_s: tuple[float, float] | None = None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(tree: Path, label: str, invoices: int, work: Path) -> Server:
    """Start a fresh sandbox of `invoices` per company and time it to the banner line."""
    home = work / f"home-{label}-{invoices}"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    command = [
        sys.executable,
        "-m",
        "xerocli",
        "sandbox",
        "serve",
        "--port",
        "0",
        "--reset",
        "--data",
        str(work / f"{label}-{invoices}.sqlite"),
        "--invoices",
        str(invoices),
        "--minute-limit",
        NO_LIMIT,
        "--day-limit",
        NO_LIMIT,
        "--app-minute-limit",
        NO_LIMIT,
        "--concurrent-limit",
        "1000",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=tree,  # `-m` and `-c` put the working directory first on sys.path
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
            seconds = time.perf_counter() - started
            threading.Thread(target=process.stderr.read, daemon=True).start()  # drain
            server = Server(label, invoices, process, found.group(1), seconds)
            server.start_cpu_s = cpu_seconds(process.pid)
            return server
    process.wait()
    raise RuntimeError(f"{label} sandbox did not start:\n" + "".join(seen))


def cpu_seconds(pid: int) -> tuple[float, float] | None:
    """User + system CPU of a process, and of its waited-for children, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    own, children = fields[11:13], fields[13:15]  # utime, stime; cutime, cstime
    return sum(map(int, own)) / tick, sum(map(int, children)) / tick


def prepare(server: Server, page_size: int) -> None:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        server.headers = login(http)
        first = page(http, server, 1, page_size)
        server.page_count = first.json()["pagination"]["pageCount"]


def page(http: httpx.Client, server: Server, number: int, page_size: int) -> httpx.Response:
    answer = http.get(
        f"{server.url}/api.xro/2.0/Invoices",
        headers=server.headers,
        params={"page": number, "pageSize": page_size},
    )
    answer.raise_for_status()
    return answer


def page_times(servers: list[Server], page_size: int, samples: int) -> dict[str, list[float]]:
    """Seconds per page for each server, one request to each in turn, pages spread evenly."""
    times: dict[str, list[float]] = {key(s): [] for s in servers}
    clients = {key(s): httpx.Client(timeout=120) for s in servers}
    try:
        for s in servers:  # warm each connection and cache once
            page(clients[key(s)], s, 1, page_size)
        for i in range(samples):
            for s in servers[i % len(servers) :] + servers[: i % len(servers)]:
                number = 1 + (i * s.page_count) // samples
                t0 = time.perf_counter()
                page(clients[key(s)], s, number, page_size)
                times[key(s)].append(time.perf_counter() - t0)
    finally:
        for client in clients.values():
            client.close()
    return times


def throughput(server: Server, clients: int, requests: int, page_size: int) -> float:
    """Pages per second with `clients` keep-alive clients reading `requests` pages each."""
    barrier = threading.Barrier(clients + 1)
    errors: list[BaseException] = []

    def read(offset: int) -> None:
        try:
            with httpx.Client(timeout=120) as http:
                page(http, server, 1, page_size)
                barrier.wait()
                for n in range(requests):
                    number = 1 + ((offset + n * 7919) % server.page_count)
                    page(http, server, number, page_size)
        except BaseException as exc:  # reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=read, args=(k * 101,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    t0 = time.perf_counter()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return clients * requests / (time.perf_counter() - t0)


#: Run with a tree's PYTHONPATH: the store's own page path (kept count or COUNT, then the
#: page), no HTTP, over the big and the small file in turn; prints the two medians in ms.
STORE_PAGES = """
import statistics, sys, time
from xerocli.sandbox.store import Store
size, samples, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
stores = [Store(p) for p in paths]
tenants = [s.tenants()[0]["tenant_id"] for s in stores]
counts = [s.count(t, "Invoices") for s, t in zip(stores, tenants)]
times = [[] for _ in stores]
for i in range(samples):
    for k, (store, tenant, count) in enumerate(zip(stores, tenants, counts)):
        pages = (count + size - 1) // size
        page = 1 + (i * pages) // samples
        t0 = time.perf_counter()
        store.count(tenant, "Invoices")
        store.select_bodies(tenant, "Invoices", limit=size, offset=(page - 1) * size)
        times[k].append(time.perf_counter() - t0)
print(" ".join(f"{statistics.median(t) * 1000:.3f}" for t in times))
"""


def store_pages(tree: Path, paths: list[Path], size: int, samples: int) -> list[float]:
    """Median ms of the store's page path for each file, interleaved, in `tree`'s code (a
    file seeded by the other tree's code would do as well: the page path is the code's)."""
    answer = subprocess.run(
        [sys.executable, "-c", STORE_PAGES, str(size), str(samples), *map(str, paths)],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(x) for x in answer.stdout.split()]


def key(server: Server) -> str:
    return f"{server.tree}:{server.invoices}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="an extracted older tree to compare with")
    parser.add_argument("--big", type=int, default=100_000, help="invoices per company")
    parser.add_argument("--small", type=int, default=10_000, help="invoices per company")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--samples", type=int, default=100, help="pages per server")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=40, help="pages per client per round")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per tree")
    args = parser.parse_args()
    trees = [("this", compiled(REPO))] + (
        [("baseline", compiled(args.baseline))] if args.baseline else []
    )
    work = Path(tempfile.mkdtemp(prefix="xero-sandbox-speed-"))
    servers: list[Server] = []
    try:
        # 1. Starts, alternating trees (the big ones first, while the machine is as it was).
        for invoices in (args.big, args.small):
            for label, tree in trees if invoices == args.big else reversed(trees):
                server = start(tree, label, invoices, work)
                print(f"started {key(server)} in {server.start_s:.1f} s", file=sys.stderr)
                servers.append(server)
        for server in servers:
            prepare(server, args.page_size)
        # 2. Page cost, interleaved across every server.
        times = page_times(servers, args.page_size, args.samples)
        medians = {k: statistics.median(v) * 1000 for k, v in times.items()}
        # 3. Concurrency on the big servers, trees alternating, rounds interleaved.
        rates: dict[str, dict[int, list[float]]] = {
            label: {1: [], args.clients: []} for label, _ in trees
        }
        big = {s.tree: s for s in servers if s.invoices == args.big}
        for _ in range(args.rounds):
            for label, _ in trees:
                for clients in (1, args.clients):
                    requests = args.requests * (args.clients if clients == 1 else 1)
                    rate = throughput(big[label], clients, requests, args.page_size)
                    rates[label][clients].append(rate)
        for server in servers:
            server.stop()
        # 4. The store's page path alone, in each tree's code, on the files its server seeded.
        in_store = {
            label: store_pages(
                tree,
                [work / f"{label}-{args.big}.sqlite", work / f"{label}-{args.small}.sqlite"],
                args.page_size,
                args.samples * 5,
            )
            for label, tree in trees
        }
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    starts = {key(s): s.start_s for s in servers}
    cpus = {key(s): s.start_cpu_s for s in servers}

    def cpu(k: str) -> str:
        if cpus[k] is None:
            return ""
        own, children = cpus[k]
        return f" (CPU {own + children:.1f} s: {own:.1f} server + {children:.1f} workers)"

    rows = []
    for label, _ in trees:
        big_key, small_key = f"{label}:{args.big}", f"{label}:{args.small}"
        one = statistics.median(rates[label][1])
        many = statistics.median(rates[label][args.clients])
        store_big, store_small = in_store[label]
        rows.append(
            (
                label,
                f"{starts[big_key]:.1f} s{cpu(big_key)}",
                f"{starts[small_key]:.1f} s{cpu(small_key)}",
                f"{medians[big_key]:.1f} / {medians[small_key]:.1f} ms",
                f"{medians[big_key] / medians[small_key]:.2f}x",
                f"{store_big:.2f} / {store_small:.2f} ms",
                f"{store_big / store_small:.2f}x",
                f"{one:.0f} -> {many:.0f}",
                f"{many / one:.2f}x",
            )
        )
    header = (
        "tree",
        f"start {args.big:,}",
        f"start {args.small:,}",
        f"page {args.big:,} / {args.small:,}",
        "page ratio",
        "store page path",
        "store ratio",
        f"pages/s 1 -> {args.clients} clients",
        "concurrency ratio",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if args.baseline:
        this, base = (starts[f"{label}:{args.big}"] for label, _ in trees)
        print(f"\nstart {args.big:,}, this tree / baseline: {this / base:.2f}x")
    print(
        f"(medians of {args.samples} pages of {args.page_size} per server; "
        f"{args.rounds} throughput rounds of {args.requests} pages per client; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the end)"
    )


if __name__ == "__main__":
    main()
