"""``paperkg leaderboard``: a dataset's leaderboards, one per metric, ranked by the metric's direction."""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, CliError, load_graph

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Print each metric's leaderboard: levels best first by direction, then gains and reductions."""
    from paperkg.leaderboard import leaderboards

    g = load_graph(args.graph)
    try:
        boards = leaderboards(g, args.dataset, args.metric)
    except KeyError:
        raise CliError(f"no dataset or benchmark named {args.dataset!r} in {args.graph}") from None
    if not boards:
        print(f"no results stated on {args.dataset}" + (f" for {args.metric}" if args.metric else ""))
        return EXIT_OK
    for b in boards:
        way = {"higher": "higher is better", "lower": "lower is better"}.get(
            b.direction or "", "direction unknown"
        )
        print(f"== {b.dataset} / {b.metric or '(no metric named)'} ({way})")
        for title, rows in (
            ("levels, best first", b.levels[: args.top]),
            ("gains, reductions, baselines", b.changes),
        ):
            if not rows:
                continue
            print(f"  {title}:")
            print(f"  {'method':28} {'value':>12} {'kind':11} {'conf':>4}  paper")
            for r in rows:
                vs = f" vs {r.compared_to}" if r.compared_to else ""
                line = f"{(r.method or '-')[:28]:28} {r.value_text[:12]:>12} {r.kind:11} {r.confidence:4.2f}"
                print(f"  {line}  {r.paper[:60]}{vs}")
                if args.evidence:
                    print(f"      evidence: {r.evidence}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``leaderboard`` to the command parser."""
    p = sub.add_parser(
        "leaderboard",
        help="results stated on a dataset or benchmark: method, metric, value, paper",
        description="Print the leaderboards of a dataset or benchmark rebuilt from the result statements "
        "of the abstracts, one per metric: absolute levels ranked by the metric's direction (higher or lower "
        "is better), then gains, reductions and baselines apart (method, value, confidence, paper; "
        "--evidence adds the sentence). All leaderboards as JSON: paperkg export leaderboards GRAPH.",
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
    p.add_argument("--top", type=int, default=20, metavar="N", help="levels shown per metric (default 20)")
    p.add_argument("--evidence", action="store_true", help="print each result's sentence")
    p.set_defaults(func=run)
