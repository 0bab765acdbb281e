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
from paperkg.export.html import DEFAULT_BUDGET

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
    for f in result.files:
        print(f"  {f}")
    return report_issues(result.issues)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``build`` to the command parser."""
    p = sub.add_parser(
        "build",
        help="extract entities and write the graph files (JSON, GraphML, GEXF, CSV, HTML)",
        description="Read papers, extract entities and links, build the graph and write its exports. "
        "No server needed.",
        epilog="examples:\n  paperkg build examples/hf_daily --out exports\n"
        "  paperkg build papers.jsonl more.csv --formats json,html --max-nodes 800",
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
        help="comma-separated: json,graphml,gexf,csv,html,store,neo4j-admin (default: all but neo4j-admin; "
        "store is the embedded database graph.lbug that query, stats and leaderboard read)",
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
    add_common(p)
    p.set_defaults(func=run)
