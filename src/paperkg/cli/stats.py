"""``paperkg stats``: counts and the most connected entities of a built graph.

It asks the embedded store (or Neo4j with --uri); a graph.json or GraphML file without a store next
to it is read into memory instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from paperkg.cli._common import EXIT_OK, add_graph_source, find_store, load_graph, open_store, run_ready
from paperkg.store.embedded import STORE_FILE

__all__ = ["ENTITY_LABELS", "register", "run"]

ENTITY_LABELS = ["Benchmark", "Dataset", "Method", "Metric", "Repository", "Task"]


def _print_summary(
    nodes: dict[str, int], edges: dict[str, int], top: dict[str, list[tuple[str, int]]]
) -> None:
    print("nodes: " + ", ".join(f"{k} {v}" for k, v in nodes.items()))
    print("edges: " + ", ".join(f"{k} {v}" for k, v in edges.items()))
    for label, rows in top.items():
        print(f"\ntop {label} by papers:")
        for name, n in rows:
            print(f"  {n:5}  {name}")


def _from_store(args: argparse.Namespace, store_path: Path | None) -> None:
    store = open_store(args, str(store_path) if store_path else None)
    try:
        _, nodes = run_ready(store, "node_counts", {})
        _, edges = run_ready(store, "relationship_counts", {})
        top = {}
        for label in [args.type] if args.type else ENTITY_LABELS:
            _, rows = run_ready(store, "top_entities", {"type": label, "limit": args.top})
            if rows:
                top[label] = [(str(r["name"]), int(r["papers"])) for r in rows]
    finally:
        store.close()
    _print_summary({r["label"]: r["n"] for r in nodes}, {r["type"]: r["n"] for r in edges}, top)


def run(args: argparse.Namespace) -> int:
    """Print node/edge counts and the top entities by papers."""
    if args.graph is None and args.uri:
        _from_store(args, None)
        return EXIT_OK
    args.graph = args.graph or "exports"
    store_path = find_store(args.graph)
    if store_path:
        _from_store(args, store_path)
        return EXIT_OK
    from paperkg.graph import graph_summary
    from paperkg.stats import top_entities

    g = load_graph(args.graph)
    s = graph_summary(g)
    _print_summary(s["nodes"], s["edges"], top_entities(g, args.top, args.type))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``stats`` to the command parser."""
    p = sub.add_parser(
        "stats",
        help="counts and the most connected entities of a built graph",
        description="Summarise a graph written by 'paperkg build': from its embedded store "
        f"({STORE_FILE}), or Neo4j with --uri; a graph.json/graph.graphml without a store beside it "
        "is read into memory.",
        epilog="examples:\n  paperkg stats\n  paperkg stats exports --type Dataset --top 20\n"
        "  NEO4J_PASSWORD=... paperkg stats --uri bolt://127.0.0.1:7687",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_source(p)
    p.add_argument("--top", type=int, default=10, metavar="N", help="entities to list per type (default 10)")
    p.add_argument("--type", choices=ENTITY_LABELS, help="list only this type")
    p.set_defaults(func=run)
