"""Benchmark: the export's writing half (issue 18), this tree against a baseline tree.

Two measures, each a ratio of medians from rounds in which the two trees alternate:
  - cli: `xero --sandbox export csv invoices --lines -o FILE` as a child process per tree
    (PYTHONPATH=tree), against one sandbox with the limits lifted (XERO_RATE_MINUTE_CALLS
    for the client's own pacing): line rows per CPU second (user+sys of the child, from
    `os.wait4`), and the child's peak RSS;
  - sink: the same pages (fetched once, raw JSON) in one long-lived worker per tree: each
    round decodes them as that tree's export does (`wire.FieldsDecoder` where the tree has it,
    else `wire.loads`; caches emptied first, as at an export's start) and writes them with
    `ExportFiles.write` into a CSV file, timed with `time.process_time` (decode, write, and
    both); the two trees' files must be byte-identical.

    mkdir -p /tmp/old-sink && git archive BASE | tar -x -C /tmp/old-sink
    python benchmarks/sink_bench.py --baseline /tmp/old-sink --data /tmp/n10k.sqlite \\
        --invoices 10000 --rounds 5
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_trees import compiled

REPO = Path(__file__).resolve().parents[1]


def worker(pages_dir: Path, out: Path) -> None:
    """Child: on each `run` line of stdin, decode the pages and write them all as CSV."""
    from xerocli.api import wire
    from xerocli.api.export import Tenant
    from xerocli.api.resources import BY_NOUN
    from xerocli.cli.export import export_columns
    from xerocli.output.export_files import ExportFiles

    resource = BY_NOUN["invoices"]
    columns = export_columns(resource, lines=True, all_tenants=False)
    texts = [path.read_text() for path in sorted(pages_dir.glob("*.json"))]
    tenant = Tenant("t", "T")
    print("ready", flush=True)
    for _ in sys.stdin:
        wire.clear_caches()
        files = ExportFiles(str(out), "csv", resource, columns, lines=True)
        files.open([tenant])
        loads = wire.loads
        fields = getattr(files, "read_fields", lambda: None)()
        if fields is not None:  # as the engine does (`api/export.py`, `_page_decoder`)
            decoder = wire.FieldsDecoder(resource.records_key, fields)
            files.decoded_by(decoder)
            loads = decoder.loads
        decoding = writing = 0.0
        rows = 0
        for text in texts:
            started = time.process_time()
            page = wire.records_of(loads(text), resource.records_key)
            decoded = time.process_time()
            rows += files.write(tenant, page)
            del page
            writing += time.process_time() - decoded
            decoding += decoded - started
        files.commit()
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        print(f"{decoding} {writing} {rows} {digest}", flush=True)


def _env(tree: Path, home: Path, url: str) -> dict[str, str]:
    from tests.helpers.cli import isolated_env

    env = isolated_env(home, XERO_SANDBOX_URL=url, XERO_RATE_MINUTE_CALLS="1000000")
    env["PYTHONPATH"] = str(tree)
    return env


def cli_run(tree: Path, home: Path, url: str, out: Path) -> tuple[float, float, int]:
    """(CPU seconds, peak RSS MB, rows) of one export child."""
    process = subprocess.Popen(
        [sys.executable, "-m", "xerocli", "--sandbox", "export", "csv", "invoices", "--lines",
         "-o", str(out)],
        env=_env(tree, home, url), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, cwd=tree,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, f"export failed in {tree}"
    with out.open("rb") as stream:
        rows = sum(1 for _ in stream) - 1
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, rows


def fetch_pages(url: str, pages_dir: Path, limit: int) -> None:
    """Raw JSON of up to `limit` pages of 1,000 invoices, as the client asks for them."""
    import httpx

    from tests.helpers.oauth import api_headers, login

    token = login(url)
    tenant = httpx.get(f"{url}/connections", headers=api_headers(token)).json()[0]["tenantId"]
    with httpx.Client(headers=api_headers(token, tenant), timeout=120) as client:
        for page in range(1, limit + 1):
            answer = client.get(
                f"{url}/api.xro/2.0/Invoices", params={"page": page, "pageSize": 1000, "unitdp": 4}
            )
            answer.raise_for_status()
            (pages_dir / f"{page:05d}.json").write_bytes(answer.content)
            if b'"InvoiceID"' not in answer.content:
                (pages_dir / f"{page:05d}.json").unlink()
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="The tree to compare with.")
    parser.add_argument("--url", help="A running sandbox (else one is started on --data).")
    parser.add_argument("--data", type=Path, help="The sandbox's data file (kept, reused).")
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sink-pages", type=int, default=10, help="Pages the sink measure uses.")
    parser.add_argument("--skip-cli", action="store_true")
    options = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.helpers.sandbox import RunningSandbox

    trees = {"baseline": compiled(options.baseline), "this tree": compiled(REPO)}
    with tempfile.TemporaryDirectory(prefix="xero-sink-bench-") as work_name:
        work = Path(work_name)
        sandbox = None
        url = options.url
        if url is None:
            generous = ("--minute-limit", "1000000", "--app-minute-limit", "1000000",
                        "--day-limit", "1000000")  # fmt: skip
            data = options.data or work / "sandbox.sqlite"
            sandbox = RunningSandbox(data, work, "--invoices", str(options.invoices), *generous)
            url = sandbox.url
        try:
            report(options, trees, work, url)
        finally:
            if sandbox is not None:
                sandbox.stop()


def report(options: argparse.Namespace, trees: dict[str, Path], work: Path, url: str) -> None:
    names = list(trees)
    if not options.skip_cli:
        cpu: dict[str, list[float]] = {name: [] for name in names}
        rss: dict[str, list[float]] = {name: [] for name in names}
        rows = 0
        for round_no in range(options.rounds):
            for name in names if round_no % 2 == 0 else names[::-1]:
                seconds, peak, rows = cli_run(trees[name], work / "home", url, work / "x.csv")
                cpu[name].append(seconds)
                rss[name].append(peak)
                print(f"cli round {round_no} {name}: {seconds:.2f} s CPU, {peak:.0f} MB",
                      file=sys.stderr, flush=True)  # fmt: skip
        print(f"\ncli: `export csv invoices --lines`, {rows:,} line rows, "
              f"{options.rounds} rounds, medians")  # fmt: skip
        print("| tree | CPU (s) | line rows/s CPU | peak RSS (MB) |")
        print("|---|---:|---:|---:|")
        for name in names:
            median = statistics.median(cpu[name])
            print(f"| {name} | {median:.2f} | {rows / median:,.0f} |"
                  f" {statistics.median(rss[name]):.0f} |")  # fmt: skip
        ratio = statistics.median(cpu[names[0]]) / statistics.median(cpu[names[1]])
        print(f"| ratio baseline/this | {ratio:.2f}x | | |")

    pages_dir = work / "pages"
    pages_dir.mkdir()
    fetch_pages(url, pages_dir, options.sink_pages)
    workers = {}
    for name in names:
        env = _env(trees[name], work / "home", url)
        workers[name] = subprocess.Popen(
            [sys.executable, str(REPO / "benchmarks" / "sink_bench.py"), "--worker",
             str(pages_dir), str(work / f"sink-{names.index(name)}.csv")],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=trees[name],
        )  # fmt: skip
        assert workers[name].stdout.readline().strip() == "ready"  # type: ignore[union-attr]
    seconds: dict[str, list[float]] = {name: [] for name in names}
    decode: dict[str, list[float]] = {name: [] for name in names}
    write: dict[str, list[float]] = {name: [] for name in names}
    digests: dict[str, set[str]] = {name: set() for name in names}
    rows = 0
    for round_no in range(options.rounds * 2):
        for name in names if round_no % 2 == 0 else names[::-1]:
            process = workers[name]
            process.stdin.write("run\n")  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
            answer = process.stdout.readline().split()  # type: ignore[union-attr]
            decode_text, write_text, rows_text, digest = answer
            decode[name].append(float(decode_text))
            write[name].append(float(write_text))
            seconds[name].append(float(decode_text) + float(write_text))
            digests[name].add(digest)
            rows = int(rows_text)
    for process in workers.values():
        process.stdin.close()  # type: ignore[union-attr]
        process.wait()
    same = digests[names[0]] == digests[names[1]] and len(digests[names[0]]) == 1
    print(f"\nsink: decode + ExportFiles.write, {rows:,} line rows, {options.rounds * 2} rounds,"
          f" medians; files byte-identical: {same}")  # fmt: skip
    print("| tree | decode (s) | write (s) | both (s) | line rows/s CPU |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        median = statistics.median(seconds[name])
        parts = (statistics.median(decode[name]), statistics.median(write[name]), median)
        print(f"| {name} | {parts[0]:.3f} | {parts[1]:.3f} | {parts[2]:.3f} |"
              f" {rows / median:,.0f} |")  # fmt: skip
    ratio = statistics.median(seconds[names[0]]) / statistics.median(seconds[names[1]])
    print(f"| ratio baseline/this | | | {ratio:.2f}x | |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
