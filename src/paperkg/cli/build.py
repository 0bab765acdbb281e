"""``paperkg build``: extract, build the graph and write its exports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paperkg.cli._common import (
    add_common,
    add_extract_options,
    export_formats,
    report_issues,
    report_warnings,
    show_progress,
)
from paperkg.export import DEFAULT_FORMATS, FILE_FORMATS
from paperkg.export.html import DEFAULT_BUDGET
from paperkg.tables.settings import GRAPH_LIMIT, PARTITION

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Build and print the summary and the files written."""
    from paperkg.pipeline import build
    from paperkg.resolve import ResolveOptions

    kwargs = {"formats": args.formats} if args.formats else {}
    result = build(
        args.inputs,
        out=args.out,
        fmt=args.input_format,
        options=ResolveOptions(min_confidence=args.min_confidence),
        progress=show_progress(args),
        max_nodes=args.max_nodes,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else (args.cache or Path(args.out) / ".cache"),
        cluster=args.cluster,
        scheduler=args.scheduler,
        graph_limit=args.graph_limit,
        partition_size=args.partition_size,
        wait=not args.no_wait,
        on_wait=lambda message: print(f"paperkg: {message}", file=sys.stderr),
        **kwargs,
    )
    report_warnings(result.warnings)
    s = result.summary
    print(
        f"papers: {result.papers} ({result.duplicates} duplicates merged; "
        f"{result.extracted} extracted, {result.cached} from cache)"
    )
    if result.up_to_date:
        print("nothing changed since the last build into this folder: its files are up to date")
    print("entities: " + ", ".join(f"{k} {v}" for k, v in result.entities_by_type.items()))
    print(f"repositories: {s['nodes'].get('Repository', 0)}, results: {s['nodes'].get('Result', 0)}")
    print("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()))
    print("files (checked: same size and SHA-256 as built):" if result.up_to_date else "files written:")
    tables = Path(args.out) / "tables"
    for f in result.files:
        if tables not in f.parents and tables.resolve() not in f.parents:
            print(f"  {f}")
    n_tables = len(result.files) - sum(1 for f in result.files if f.suffix != ".parquet")
    if n_tables:
        print(f"  {tables}/ ({n_tables} Parquet files: nodes per label, relationships per type, evidence)")
    for note in result.notes:
        print(f"note: {note}")
    return report_issues(result.issues)


def _cluster(value: str) -> str:
    kind, _, n = value.partition(":")
    if kind != "local" or not n.isdigit() or int(n) < 1:
        raise argparse.ArgumentTypeError(f"expected local:N with N >= 1 worker processes, got {value!r}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``build`` to the command parser."""
    p = sub.add_parser(
        "build",
        help="extract entities and write the graph files (JSON, GraphML, GEXF, CSV, HTML)",
        description="Read papers, extract entities and links, build the graph and write its exports. "
        "No server needed.",
        epilog="examples:\n  paperkg build examples/hf_daily --out exports\n"
        "  paperkg build papers.jsonl more.csv --formats json,html --max-nodes 800\n"
        "  paperkg build corpus.jsonl.gz --cluster local:2 --formats csv,html     # Dask, 2 local workers\n"
        "  paperkg build corpus.jsonl.gz --scheduler tcp://10.0.0.5:8786 --out /shared/kg\n\n"
        "The graph is written as Parquet tables under OUT/tables (nodes per label, relationships per\n"
        "type, evidence); the other formats are made from them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_extract_options(p)
    p.add_argument(
        "--out", default="exports", metavar="DIR", help="folder for the exports (default: exports)"
    )
    p.add_argument(
        "--formats",
        type=export_formats,
        metavar="LIST",
        help=f"comma-separated: {','.join(FILE_FORMATS)} (default: {','.join(DEFAULT_FORMATS)}; store is the "
        "embedded database graph.lbug that query, stats and leaderboard read; leaderboards is leaderboards.json)",
    )
    p.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_BUDGET,
        metavar="N",
        help=(
            "the HTML overview draws at most N nodes: the most-used methods, datasets, benchmarks, tasks, "
            "metrics and repositories (by number of papers) and the papers that connect them; on more than "
            "2,000 papers an entity-level view; search still finds every node (default %(default)s)"
        ),
    )
    p.add_argument(
        "--cache",
        metavar="DIR",
        help="extraction cache for incremental builds (default: OUT/.cache); unchanged papers are not "
        "extracted again",
    )
    p.add_argument("--no-cache", action="store_true", help="extract every paper, read and write no cache")
    p.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build is writing into OUT, stop at once with an error instead of waiting for it",
    )
    dist = p.add_mutually_exclusive_group()
    dist.add_argument(
        "--cluster",
        type=_cluster,
        metavar="local:N",
        help="run on a Dask cluster of N worker processes started on this machine (same result as --jobs)",
    )
    dist.add_argument(
        "--scheduler",
        metavar="URL",
        help="run on an existing Dask cluster, e.g. tcp://host:8786; OUT (and --cache) must be a folder "
        "every worker sees at the same path",
    )
    p.add_argument(
        "--graph-limit",
        type=int,
        default=GRAPH_LIMIT,
        metavar="N",
        help="load the graph into memory for json/graphml/gexf/html only up to N nodes plus relationships "
        f"(about 3 GiB per million; default {GRAPH_LIMIT:,}); over it html is an overview and the others "
        "are left out",
    )
    p.add_argument(
        "--partition-size",
        type=int,
        default=PARTITION,
        metavar="N",
        help=f"papers per task (default {PARTITION}); the result does not depend on it",
    )
    add_common(p)
    p.set_defaults(func=run)
