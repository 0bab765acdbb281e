#!/usr/bin/env python3
"""Memory of reading and de-duplicating an input, the driver's first job in every build.

    python benchmarks/read_memory.py ../shared/corpora/paperlists_abstracts.jsonl.gz

Iterates :class:`paperkg.parse.PaperReader` over the inputs, keeping nothing, and prints the papers
read, duplicates dropped, CPU seconds and the process's resident memory before, at its peak (sampled
every 50 ms) and after. The reader streams JSON Lines and CSV line by line and keeps a 64-bit digest
of each id and title, so the peak should stay near the base however large the input.
"""

from __future__ import annotations

import argparse
import threading
import time

import psutil

from paperkg.parse import PaperReader


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    proc = psutil.Process()
    peak = proc.memory_info().rss
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, proc.memory_info().rss)
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    base = proc.memory_info().rss
    cpu = time.process_time()
    reader = PaperReader(a.inputs)
    n = sum(1 for _ in reader)
    cpu = time.process_time() - cpu
    done.set()
    mib = 2**20
    print(
        f"papers {n:,}, duplicates {reader.duplicates:,}, {cpu:.1f} CPU s ({n / cpu:,.0f} papers/s); "
        f"RSS base {base / mib:.0f} MiB, peak {peak / mib:.0f} MiB, end {proc.memory_info().rss / mib:.0f} MiB"
    )


if __name__ == "__main__":
    main()
