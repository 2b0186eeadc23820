"""How fast `wire.loads` parses a page of 1,000 invoices: `python benchmarks/wire_bench.py`.

Fetches real pages from a sandbox (`xero sandbox serve --invoices N`, its own process on
127.0.0.1, stopped before timing), then times, interleaved round by round so drift hits every
case alike, in-process:
  - old: `wire.loads` before issue 18 (tests/api/wire_reference.py: one regex that starts at
    every quote);
  - new: `wire.loads` now, with its cache of converted dates emptied before every call (the
    first page of an export) and, apart, as it is after the page before (the next page);
  - the two halves: the date pass alone (old vs new) and `json.loads(..., parse_float=Decimal)`;
  - msgspec (a dependency since issue 18's third pass: the decoder `wire.loads` uses),
    `msgspec.json.Decoder(float_hook=Decimal)` on the same date-converted text, against the
    standard library's decoder (kept as the fallback).
Each page as the sandbox sends it (`/Date(`) and as real Xero does (`\\/Date(`). Reports the
median ms per page and the median of the per-round ratios.

    python benchmarks/wire_bench.py [--rounds 31] [--invoices 2000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.api.wire_reference import OLD_MS_DATE, old_iso_dates, old_loads  # noqa: E402
from tests.helpers.oauth import login  # noqa: E402
from tests.helpers.sandbox import RunningSandbox, tenant_client  # noqa: E402
from xerocli.api import wire  # noqa: E402


def fetch_pages(invoices: int) -> list[str]:
    """Pages 1 and 2 of 1,000 invoices, as a client receives them."""
    with tempfile.TemporaryDirectory(prefix="xero-wire-bench-") as work:
        root = Path(work)
        print(f"seeding {invoices:,} invoices...", file=sys.stderr, flush=True)
        sandbox = RunningSandbox(root / "sandbox.sqlite", root, "--invoices", str(invoices))
        try:
            token = login(sandbox.url)
            with tenant_client(sandbox, token, 0) as client:
                return [
                    client.get("/Invoices", params={"page": page, "pageSize": 1000}).text
                    for page in (1, 2)
                ]
        finally:
            sandbox.stop()


def first_page() -> None:
    """Set-up for a call as on an export's first page: nothing converted before."""
    wire.clear_caches()


def nothing() -> None:
    """No set-up."""


Case = tuple[Callable[[], Any], Callable[[], Any]]  # (untimed set-up, timed call)


def timed(cases: dict[str, Case], rounds: int) -> dict[str, list[float]]:
    """Seconds of each case in each round; the order rotates so no case always runs first."""
    names = list(cases)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            setup, call = cases[name]
            setup()
            started = time.perf_counter()
            call()
            seconds[name].append(time.perf_counter() - started)
    return seconds


def ratio(seconds: dict[str, list[float]], slower: str, faster: str) -> float:
    """The median of the per-round ratios: pairs measured moments apart share the drift."""
    return statistics.median(a / b for a, b in zip(seconds[slower], seconds[faster], strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--invoices", type=int, default=2000, help="seeded per demo company")
    options = parser.parse_args()
    first, second = fetch_pages(options.invoices)
    escaped = first.replace("/Date(", "\\/Date(").replace(')/"', ')\\/"')
    for text in (first, second, escaped):
        assert repr(wire.loads(text)) == repr(old_loads(text)), "new loads differs from old"
    converted = wire.iso_dates(first)
    pairs = OLD_MS_DATE.findall(first)
    print(
        f"page: {len(first.encode()):,} bytes, {len(pairs):,} dates, "
        f"{len(set(pairs)):,} distinct key and date pairs"
    )

    def after_first_page() -> None:
        wire.clear_caches()
        wire.loads(first)

    cases: dict[str, Case] = {
        "old loads": (nothing, lambda: old_loads(first)),
        "new loads": (first_page, lambda: wire.loads(first)),
        "old loads, page 2": (nothing, lambda: old_loads(second)),
        "new loads, page 2 after page 1": (after_first_page, lambda: wire.loads(second)),
        "old loads, escaped slashes": (nothing, lambda: old_loads(escaped)),
        "new loads, escaped slashes": (first_page, lambda: wire.loads(escaped)),
        "old date pass": (nothing, lambda: old_iso_dates(first)),
        "new date pass": (first_page, lambda: wire.iso_dates(first)),
        "json.loads, parse_float=Decimal": (
            nothing,
            lambda: json.loads(converted, parse_float=Decimal),
        ),
    }
    try:
        import msgspec
    except ImportError:
        msgspec = None
    if msgspec is not None:
        decoder = msgspec.json.Decoder(float_hook=Decimal)
        assert repr(decoder.decode(converted)) == repr(json.loads(converted, parse_float=Decimal))
        cases["msgspec, float_hook=Decimal"] = (nothing, lambda: decoder.decode(converted))

    seconds = timed(cases, options.rounds)
    print(f"\nIn-process, Python {sys.version.split()[0]}, median of {options.rounds} rounds:\n")
    print("| case | ms per page |\n|---|---:|")
    for name, values in seconds.items():
        print(f"| {name} | {statistics.median(values) * 1000:.1f} |")
    print("\n| ratio (median of the per-round ratios) | |\n|---|---:|")
    rows = [
        ("old / new `loads`, page 1", "old loads", "new loads"),
        ("old / new `loads`, page 2", "old loads, page 2", "new loads, page 2 after page 1"),
        ("old / new `loads`, escaped slashes", "old loads, escaped slashes",
         "new loads, escaped slashes"),
        ("old / new date pass", "old date pass", "new date pass"),
        ("`json.loads` / new `loads` (its share)", "json.loads, parse_float=Decimal", "new loads"),
    ]  # fmt: skip
    if msgspec is not None:
        rows.append(
            ("`json.loads` / msgspec", "json.loads, parse_float=Decimal",
             "msgspec, float_hook=Decimal")
        )  # fmt: skip
    for label, slower, faster in rows:
        print(f"| {label} | {ratio(seconds, slower, faster):.2f}x |")


if __name__ == "__main__":
    main()
