#!/usr/bin/env python3
"""The big-build benchmark: the 87k corpus replicated to a million abstracts, built end to end.

    nice -n 10 python benchmarks/million.py ../shared/corpora/paperlists_abstracts.jsonl.gz \\
        --sizes 87691 200000 1000000 --jobs 2

For each size it writes, into a temporary folder (never into the repository), the corpus repeated
with altered titles and ids (copy k > 0 gets " [k]" after the title and "#k" after the id, so no
copy is merged with another), then runs a full ``paperkg build`` of it in a child process with the
default formats and no extraction cache (``--jobs N`` processes, or ``--cluster local:N`` for Dask).
It records wall time, the peak memory of the whole process tree (driver plus workers, sampled every
0.2 s), seconds per build step, throughput per step, the staged relationships' size (what a cluster
shuffles between the two passes) and the resolver's name statistics, plus the machine's load
average (other work on a shared machine slows a run down: the table says so).

Results: one JSON line per run appended to benchmarks/results/million.jsonl and a Markdown table
of every recorded run in benchmarks/results/million.md (the hand-written estimate for 100M
abstracts on a cluster lives in benchmarks/results/cluster_estimate.md).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import count
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def replicate(corpus: str, size: int, target: Path) -> int:
    """Write ``size`` records: the corpus, then copies with altered titles and ids."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    written = 0
    with target.open("w", encoding="utf-8") as out:
        for k in count():
            for rec in records:
                if written == size:
                    return written
                if k:
                    rec = {**rec, "title": f"{rec['title']} [{k}]", "uid": f"{rec.get('uid', written)}#{k}"}
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                written += 1
    return written


def child(path: str, out: str, jobs: int, cluster: str | None, formats: str | None) -> None:
    """Run one build in this process and print its figures as JSON."""
    from paperkg.pipeline import build
    from paperkg.tables.build import build_tables  # noqa: F401  (imported before timing starts)

    kwargs = {"formats": formats.split(",")} if formats else {}
    t = time.perf_counter()
    result = build([path], out=out, jobs=jobs, cluster=cluster, **kwargs)
    wall = time.perf_counter() - t
    tables = Path(out) / "tables"
    print(
        json.dumps(
            {
                "papers": result.papers,
                "wall_s": round(wall, 1),
                "timings": result.timings,
                "counts": result.counts,
                "notes": result.notes,
                "staged_mib": round(result.table_build.staging_bytes / 2**20, 1),
                "name_stats": result.table_build.names,
                "tables_mib": round(sum(f.stat().st_size for f in tables.rglob("*.parquet")) / 2**20, 1),
                "exports_mib": round(
                    sum(f.stat().st_size for f in Path(out).iterdir() if f.is_file()) / 2**20, 1
                ),
            }
        )
    )


def _tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """Resident memory of the process and all its descendants, and of the largest one."""
    sizes = []
    with contextlib.suppress(psutil.Error):
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                sizes.append(p.memory_info().rss)
    return sum(sizes), max(sizes, default=0)


def measure(size: int, args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="paperkg-million-") as tmp:
        path = Path(tmp) / f"replica_{size}.jsonl"
        t = time.perf_counter()
        replicate(args.corpus, size, path)
        gen_s = time.perf_counter() - t
        cmd = [
            sys.executable,
            __file__,
            "--child",
            str(path),
            str(Path(tmp) / "out"),
            "--jobs",
            str(args.jobs),
        ]
        if args.cluster:
            cmd += ["--cluster", args.cluster]
        if args.formats:
            cmd += ["--formats", args.formats]
        load_before = os.getloadavg()[0]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ps = psutil.Process(proc.pid)
        peak = largest = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, largest
            while not done.is_set():
                total, one = _tree_rss(ps)
                peak, largest = max(peak, total), max(largest, one)
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = proc.communicate()
        done.set()
        sampler.join()
        if proc.returncode not in (0, 3):
            raise SystemExit(err[-3000:])
        r = json.loads(out.strip().splitlines()[-1])
        if args.keep:
            shutil.move(str(Path(tmp) / "out"), Path(args.keep) / f"build_{size}")
    r.update(
        size=size,
        generate_s=round(gen_s, 1),
        peak_mib=round(peak / 2**20),
        largest_process_mib=round(largest / 2**20),
        load_before=round(load_before, 1),
        load_after=round(os.getloadavg()[0], 1),
        runner=args.cluster or f"--jobs {args.jobs}",
        formats=args.formats or "default",
        cores=os.cpu_count(),
        when=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )
    return r


def _row(r: dict) -> str:
    t, n = r["timings"], r["papers"]
    edges = sum(r["counts"]["edges"].values())
    nodes = sum(r["counts"]["nodes"].values())
    return (
        f"| {n:,} | {r['runner']} | {r['formats']} | {r['wall_s']:.0f} | {r['peak_mib']:,} | "
        f"{r['largest_process_mib']:,} | "
        f"{n / t['stage']:.0f} | {t['resolve']:.1f} | {n / t['finish']:.0f} | {t['entities']:.1f} | "
        f"{t.get('exports', 0):.0f} | {nodes:,} / {edges:,} | {r['tables_mib']:.0f} | "
        f"{r['load_before']} / {r['load_after']} | {r['when']} |"
    )


def write_table() -> None:
    runs = [json.loads(line) for line in (RESULTS / "million.jsonl").read_text().splitlines() if line]
    lines = [
        "# Big builds: the 87k corpus replicated (altered titles and ids)",
        "",
        f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"{platform.python_implementation()} {platform.python_version()}, Linux. Written by "
        "`benchmarks/million.py`. *load* is the 1-minute load average before / after the run: on this "
        "shared 2-core machine a load above 2 means other work took CPU time from the build, so wall "
        "times are upper bounds.",
        "",
        "Steps: *stage* = read, extract, resolve within each paper, write Paper/Result tables and staged "
        "relationships (papers/s); *resolve* = cross-paper keyed resolution (s); *finish* = final keys, "
        "relationship and evidence tables (papers/s); *entities* = entity/repository tables (s); "
        "*exports* = the chosen formats from the tables (s).",
        "",
        "| abstracts | runner | formats | wall s | peak MiB (all processes) | peak MiB (largest process) | "
        "stage papers/s | resolve s | finish papers/s | entities s | exports s | nodes / relationships | "
        "tables MiB | load | when |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_row(r) for r in runs),
        "",
        "Raw figures (staged bytes, name statistics, notes): `benchmarks/results/million.jsonl`.",
    ]
    (RESULTS / "million.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--sizes", nargs="+", type=int, default=[87691, 1_000_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", metavar="DIR", help="move each build's output folder to DIR/build_SIZE")
    ap.add_argument("--cluster", help="local:N: build on a Dask LocalCluster instead of --jobs")
    ap.add_argument("--formats", help="comma-separated formats (default: the build's defaults)")
    ap.add_argument("--child", nargs=2, metavar=("INPUT", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child, args.jobs, args.cluster, args.formats)
        return
    if not args.corpus:
        ap.error("give the corpus (../shared/corpora/paperlists_abstracts.jsonl.gz)")
    RESULTS.mkdir(exist_ok=True)
    for size in args.sizes:
        r = measure(size, args)
        with (RESULTS / "million.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(r) + "\n")
        print(json.dumps(r), flush=True)
    write_table()


if __name__ == "__main__":
    main()
