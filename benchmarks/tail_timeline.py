"""When an export's calls go out at Xero's limits: what sets its tail past the floor.

Runs `XERO --debug ARGS...` (an export or a sync against a sandbox at the real limits, a fresh
home) and reads its debug lines as they come: the time each page call of the collection was
sent and answered, from the command's start. The tail past the floor is the first call's
time, plus the ledger's margin (a call is counted from its answer, plus 1 s), plus how far
the first minute's calls were spread (each waits for a page's client work), since the last
minute's calls go out a minute and the margin after those of the first.

    python benchmarks/tail_timeline.py .venv/bin/xero --sandbox export csv invoices --lines -o F

`--debug` adds its own work to each page, so the times run a little later than without it.
"""

from __future__ import annotations

import subprocess
import sys
import time


def main() -> None:
    argv = sys.argv[1:]
    if not argv:
        sys.exit(__doc__)
    xero, rest = argv[0], argv[1:]
    started = time.monotonic()
    process = subprocess.Popen(
        [xero, "--debug", *rest], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    sends: list[float] = []
    answers: list[float] = []
    assert process.stderr is not None
    for line in process.stderr:
        now = time.monotonic() - started
        if line.startswith("debug: > GET") and "/api.xro/" in line:
            sends.append(now)
        elif line.startswith("debug: < GET") and "/api.xro/" in line:
            answers.append(now)
    process.wait()
    end = time.monotonic() - started
    print(f"{len(sends)} calls; exit {process.returncode}; ended at {end:.2f} s")
    for index in range(0, min(60, len(sends)), 10):
        later = index + 60
        after = f"   call {later + 1} sent {sends[later]:7.2f}" if later < len(sends) else ""
        print(f"call {index + 1:3d} sent {sends[index]:7.2f} answered {answers[index]:7.2f}{after}")
    print(f"last call sent {sends[-1]:.2f}, answered {answers[-1]:.2f}")


if __name__ == "__main__":
    main()
