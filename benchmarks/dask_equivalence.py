#!/usr/bin/env python3
"""A build on a Dask LocalCluster equals the local build, on a sample of the corpus (run by hand).

    nice -n 10 python benchmarks/dask_equivalence.py ../shared/corpora/paperlists_abstracts.jsonl.gz --size 10000

Builds the first ``--size`` abstracts twice, with ``--jobs 2`` processes and on a LocalCluster of 2
worker processes, compares every table row by row (nodes, relationships, evidence; order-free), and
writes the outcome with both wall times to benchmarks/results/distributed.md. CI runs the same
comparison on 1,200 abstracts (tests/test_distributed.py).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import pyarrow.parquet as pq

from paperkg.parse import PaperReader
from paperkg.tables.build import build_tables
from paperkg.tables.layout import TableSet
from paperkg.tables.runner import DaskRunner, LocalRunner

HERE = Path(__file__).resolve().parent


def contents(tables: TableSet) -> dict[str, list[str]]:
    """Every table's rows as sorted text (an order-free fingerprint of the build)."""
    out: dict[str, list[str]] = {}
    for path in tables.files():
        name = str(path.parent.relative_to(tables.root))
        out.setdefault(name, []).extend(repr(sorted(r.items())) for r in pq.read_table(path).to_pylist())
    return {k: sorted(v) for k, v in sorted(out.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--size", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
            dst.writelines(islice(src, args.size))
        papers = list(PaperReader([str(sample)]))
        t = time.perf_counter()
        local = build_tables(papers, Path(tmp) / "local", runner=LocalRunner(2), partition_size=1000)
        local_s = time.perf_counter() - t
        runner = DaskRunner(cluster="local:2")
        try:
            t = time.perf_counter()
            dist = build_tables(papers, Path(tmp) / "dask", runner=runner, partition_size=1000)
            dask_s = time.perf_counter() - t
        finally:
            runner.close()
        a, b = contents(local.tables), contents(dist.tables)
        same = a == b
        rows = sum(map(len, a.values()))
    lines = [
        "# Dask build vs local build",
        "",
        f"`python benchmarks/dask_equivalence.py CORPUS --size {args.size}` on {os.cpu_count()} cores, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f} "
        "(a shared machine: wall times are upper bounds).",
        "",
        f"- abstracts: {len(papers):,} (partitions of 1,000)",
        f"- nodes: {local.counts['nodes']}",
        f"- relationships: {local.counts['edges']}",
        f"- table rows compared (nodes, relationships, evidence): {rows:,}",
        f"- identical: **{'yes' if same else 'NO'}**",
        f"- wall time: `--jobs 2` {local_s:.0f} s, LocalCluster of 2 worker processes {dask_s:.0f} s",
    ]
    (HERE / "results" / "distributed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
