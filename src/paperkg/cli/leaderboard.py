"""``paperkg leaderboard``: results stated on a dataset or benchmark, best first.

It runs the ``leaderboard`` ready query on the embedded store (or Neo4j with --uri); a graph.json or
GraphML file without a store beside it is read into memory instead.
"""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, CliError, add_connection, load_graph, open_store, run_ready
from paperkg.cli.stats import find_store
from paperkg.store.embedded import STORE_FILE

__all__ = ["register", "run"]

_DATA_LABELS = {"Dataset", "Benchmark"}


def _rows_from_store(args: argparse.Namespace) -> list[dict]:
    path = find_store(args.graph)
    store = open_store(args, str(path) if path else None)
    try:
        _, found = run_ready(store, "find_entity", {"name": args.dataset})
        if not any(r["type"] in _DATA_LABELS for r in found):
            raise CliError(f"no dataset or benchmark named {args.dataset!r} in {path or args.uri}")
        params = {"dataset": args.dataset, "metric": args.metric or "", "lowest_first": args.ascending}
        _, rows = run_ready(store, "leaderboard", params)
    finally:
        store.close()
    return rows


def _rows_from_graph(args: argparse.Namespace) -> list[dict]:
    from paperkg.leaderboard import leaderboard

    g = load_graph(args.graph)
    try:
        rows = leaderboard(g, args.dataset, args.metric, ascending=args.ascending)
    except KeyError:
        raise CliError(f"no dataset or benchmark named {args.dataset!r} in {args.graph}") from None
    return [
        {
            "method": r.method,
            "metric": r.metric,
            "value_text": r.value_text,
            "kind": r.kind,
            "paper": r.paper,
            "evidence": r.evidence,
        }
        for r in rows
    ]


def run(args: argparse.Namespace) -> int:
    """Print the leaderboard rows (and evidence sentences with --evidence)."""
    rows = _rows_from_store(args) if (find_store(args.graph) or args.uri) else _rows_from_graph(args)
    if not rows:
        print(f"no results stated on {args.dataset}" + (f" for {args.metric}" if args.metric else ""))
        return EXIT_OK
    print(f"{'method':28} {'metric':18} {'value':>10} {'kind':11} paper")
    for r in rows:
        method, metric, value = (str(r.get(k) or "") for k in ("method", "metric", "value_text"))
        print(f"{method[:28]:28} {metric[:18]:18} {value[:10]:>10} {r.get('kind') or '':11} {r['paper']}")
        if args.evidence:
            print(f"    evidence: {' '.join(str(r.get('evidence') or '').split())}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``leaderboard`` to the command parser."""
    p = sub.add_parser(
        "leaderboard",
        help="results stated on a dataset or benchmark: method, metric, value, paper",
        description="Print the leaderboard of a dataset or benchmark rebuilt from the result statements "
        "of the abstracts (value, metric, method, paper; --evidence adds the sentence). Names as people "
        "type them: CIFAR-10, cifar10 or an alias.",
        epilog="examples:\n  paperkg leaderboard --dataset nuScenes\n"
        "  paperkg leaderboard exports --dataset cifar10 --metric accuracy --evidence",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?",
        default="exports",
        help=f"exports folder, {STORE_FILE}, graph.json or graph.graphml (default: exports)",
    )
    p.add_argument("--dataset", required=True, metavar="NAME", help="dataset or benchmark name or alias")
    p.add_argument("--metric", metavar="NAME", help="only results measured by this metric")
    p.add_argument("--ascending", action="store_true", help="lowest value first (for error-like metrics)")
    p.add_argument("--evidence", action="store_true", help="print each result's sentence")
    add_connection(p, required_server=False)
    p.set_defaults(func=run)
