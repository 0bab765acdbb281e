"""``paperkg leaderboard``: results stated on a dataset or benchmark, best first."""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, CliError, load_graph

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Print the leaderboard rows (and evidence sentences with --evidence)."""
    from paperkg.leaderboard import leaderboard

    g = load_graph(args.graph)
    try:
        rows = leaderboard(g, args.dataset, args.metric, ascending=args.ascending)
    except KeyError:
        raise CliError(f"no dataset or benchmark named {args.dataset!r} in {args.graph}") from None
    if not rows:
        print(f"no results stated on {args.dataset}" + (f" for {args.metric}" if args.metric else ""))
        return EXIT_OK
    print(f"{'method':28} {'metric':18} {'value':>10} {'kind':11} paper")
    for r in rows:
        print(f"{r.method[:28]:28} {r.metric[:18]:18} {r.value_text[:10]:>10} {r.kind:11} {r.paper[:60]}")
        if args.evidence:
            print(f"    evidence: {r.evidence}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``leaderboard`` to the command parser."""
    p = sub.add_parser(
        "leaderboard",
        help="results stated on a dataset or benchmark: method, metric, value, paper",
        description="Print the leaderboard of a dataset or benchmark rebuilt from the result statements "
        "of the abstracts (value, metric, method, paper; --evidence adds the sentence).",
        epilog="examples:\n  paperkg leaderboard --dataset nuScenes\n"
        "  paperkg leaderboard exports/graph.json --dataset CIFAR-10 --metric accuracy --evidence",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?",
        default="exports/graph.json",
        help="graph.json, graph.graphml or the exports folder (default exports/graph.json)",
    )
    p.add_argument("--dataset", required=True, metavar="NAME", help="dataset or benchmark name or alias")
    p.add_argument("--metric", metavar="NAME", help="only results measured by this metric")
    p.add_argument("--ascending", action="store_true", help="lowest value first (for error-like metrics)")
    p.add_argument("--evidence", action="store_true", help="print each result's sentence")
    p.set_defaults(func=run)
