"""``paperkg stats``: counts and the most connected entities of a built graph."""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, load_graph

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Print node/edge counts and the top entities by papers."""
    from paperkg.graph import graph_summary
    from paperkg.stats import top_entities

    g = load_graph(args.graph)
    s = graph_summary(g)
    print("nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes"].items()))
    print("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()))
    for label, rows in top_entities(g, args.top, args.type).items():
        print(f"\ntop {label} by papers:")
        for name, n in rows:
            print(f"  {n:5}  {name}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``stats`` to the command parser."""
    p = sub.add_parser(
        "stats",
        help="counts and the most connected entities of a built graph",
        description="Summarise a graph written by 'paperkg build' (graph.json, graph.graphml or the "
        "exports folder).",
        epilog="examples:\n  paperkg stats exports\n  paperkg stats exports/graph.json --type Dataset --top 20",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", metavar="GRAPH", help="graph.json, graph.graphml or the exports folder")
    p.add_argument("--top", type=int, default=10, metavar="N", help="entities to list per type (default 10)")
    p.add_argument(
        "--type",
        choices=["Method", "Dataset", "Benchmark", "Task", "Metric", "Repository"],
        help="list only this type",
    )
    p.set_defaults(func=run)
