#!/usr/bin/env python3
"""Speed and memory of each stage at growing input sizes (a benchmark, not a test).

    python benchmarks/scale.py ../shared/corpora/paperlists_abstracts.jsonl.gz --sizes 1000 10000 all --jobs 2

For each size it runs, in a fresh process: parse, extract (one core, and ``--jobs`` processes), the
table build from those extractions (stage, keyed resolution, finish), loading the graph, and the
JSON/GraphML/CSV exports, timing each stage; then a full ``paperkg build`` (streaming,
``--jobs``) with its wall time and peak memory, and the same build again on unchanged input (served
from the extraction cache). Results go to stdout and, as a Markdown table, to
benchmarks/results/scale.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stages(path: str, jobs: int) -> dict:
    """Time each stage on one input file (run in its own process)."""
    from paperkg.export.graphml import write_graphml
    from paperkg.export.nodelink import write_node_link
    from paperkg.export.tables import write_edges_csv, write_nodes_csv
    from paperkg.extract import Extractor
    from paperkg.nlp import get_pipeline
    from paperkg.parse import PaperReader
    from paperkg.pipeline import ExtractRun
    from paperkg.tables.build import build_tables

    out: dict = {}
    get_pipeline()
    t = time.perf_counter()
    papers = list(PaperReader([path]))
    out["papers"] = len(papers)
    out["parse_s"] = time.perf_counter() - t
    extractor = Extractor()
    list(extractor.extract_many(papers[:1]))  # loads the model and its word lists, outside the timing
    t, cpu = time.perf_counter(), time.process_time()
    list(extractor.extract_many(papers))
    out["extract_1core_s"] = time.perf_counter() - t
    # CPU seconds too: on a shared machine wall time also counts the other jobs' turns
    out["extract_1core_cpu_s"] = time.process_time() - cpu
    with tempfile.TemporaryDirectory() as tmp:
        # extraction in `jobs` processes fills a cache, so the table build below times the rest alone
        run = ExtractRun([path], jobs=jobs, cache_dir=Path(tmp) / "cache")
        t = time.perf_counter()
        n = sum(1 for _ in run._docs(_NoBar()))
        out[f"extract_{jobs}jobs_s"] = time.perf_counter() - t
        assert n == len(papers)
        made = build_tables(papers, Path(tmp) / "tables", cache_dir=Path(tmp) / "cache")
        out["stage_cached_s"] = made.timings["stage"]
        out["resolve_s"] = made.timings["resolve"]
        out["finish_s"] = made.timings["finish"] + made.timings["entities"]
        t = time.perf_counter()
        g = made.tables.graph()
        out["graph_s"] = time.perf_counter() - t
        out["nodes"], out["edges"] = g.number_of_nodes(), g.number_of_edges()
        for name, write in [
            ("json", lambda: write_node_link(g, Path(tmp) / "g.json")),
            ("graphml", lambda: write_graphml(g, Path(tmp) / "g.graphml")),
            (
                "csv",
                lambda: (
                    write_nodes_csv(made.tables, Path(tmp) / "n.csv"),
                    write_edges_csv(made.tables, Path(tmp) / "e.csv"),
                ),
            ),
        ]:
            t = time.perf_counter()
            write()
            out[f"export_{name}_s"] = time.perf_counter() - t
    out["stages_peak_rss_mib"] = _rss_mib()
    return out


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass


def timed_build(path: str, out: Path, jobs: int) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MiB) of a full `paperkg build` run in a child process."""
    cmd = [
        sys.executable,
        "-m",
        "paperkg.cli",
        "build",
        path,
        "--out",
        str(out),
        "-q",
        "--jobs",
        str(jobs),
        "--formats",
        "json,graphml,csv",
    ]
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAP, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 3):
        raise SystemExit(proc.stderr)
    peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
    return wall, peak, proc.stdout.splitlines()[0]


# Runs a command and prints the peak RSS (KiB) of its largest process, so earlier runs do not count.
_WRAP = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r)"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--sizes", nargs="+", default=["1000", "10000", "all"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:  # child process: one size's stage timings as JSON
        print(json.dumps(stages(args.stage, args.jobs)))
        return
    rows = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    for size in args.sizes:
        n = len(lines) if size == "all" else int(size)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"corpus_{n}.jsonl"
            path.write_text("".join(lines[:n]), encoding="utf-8")
            proc = subprocess.run(
                [sys.executable, __file__, args.corpus, "--stage", str(path), "--jobs", str(args.jobs)],
                capture_output=True,
                text=True,
            )
            if proc.returncode:
                raise SystemExit(proc.stderr)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            r["size"] = n
            r["build_s"], r["build_peak_rss_mib"], r["build_summary"] = timed_build(
                str(path), Path(tmp) / "out", args.jobs
            )
            r["rebuild_s"], _, r["rebuild_summary"] = timed_build(str(path), Path(tmp) / "out", args.jobs)
            rows.append(r)
            print(json.dumps(r), flush=True)
    write_table(rows, args.jobs)


def write_table(rows: list[dict], jobs: int) -> None:
    cpu = platform.processor() or platform.machine()
    lines = [
        f"Machine: {os.cpu_count()} cores ({cpu}), {platform.python_implementation()} {platform.python_version()}, "
        f"Linux; `--jobs {jobs}`.",
        "",
        "| abstracts | parse/s | extract/s (1 core) | extract/CPU-s (1 core) | extract/s (jobs) | stage/s (cached extractions) | "
        "resolve s | finish/s | graph load s | json s | graphml s | csv s (from tables) | build s | "
        "build peak MiB | µs/abstract (build) | rebuild s (cached) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        n = r["papers"]
        jobs_s = r.get(f"extract_{jobs}jobs_s", r["extract_1core_s"])
        lines.append(
            f"| {n} | {n / r['parse_s']:.0f} | {n / r['extract_1core_s']:.0f} | "
            f"{n / r['extract_1core_cpu_s']:.0f} | {n / jobs_s:.0f} | "
            f"{n / r['stage_cached_s']:.0f} | {r['resolve_s']:.1f} | {n / r['finish_s']:.0f} | "
            f"{r['graph_s']:.1f} | {r['export_json_s']:.1f} | "
            f"{r['export_graphml_s']:.1f} | {r['export_csv_s']:.1f} | {r['build_s']:.1f} | "
            f"{r['build_peak_rss_mib']:.0f} | {1e6 * r['build_s'] / n:.0f} | {r['rebuild_s']:.1f} |"
        )
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "scale.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
