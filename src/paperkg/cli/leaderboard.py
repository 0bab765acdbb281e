"""``paperkg leaderboard``: a dataset's leaderboards, one per metric, ranked by the metric's direction.

The rows come from the ``leaderboard`` ready query on the embedded store (or Neo4j with --uri); a
graph.json or GraphML file without a store beside it is read into memory instead. Either way
:func:`paperkg.leaderboard.boards_from_rows` groups and ranks them.
"""

from __future__ import annotations

import argparse

from paperkg.cli._common import (
    EXIT_OK,
    CliError,
    add_graph_source,
    find_store,
    load_graph,
    open_store,
    run_ready,
)
from paperkg.leaderboard import Leaderboard, LeaderboardRow, boards_from_rows, cut, row_from_record
from paperkg.store.embedded import STORE_FILE

__all__ = ["register", "run"]

_DATA_LABELS = {"Dataset", "Benchmark"}


def _boards_from_store(args: argparse.Namespace) -> list[Leaderboard]:
    path = find_store(args.graph) if args.graph else None
    store = open_store(args, str(path) if path else None)
    try:
        _, found = run_ready(store, "find_entity", {"name": args.dataset})
        data = [r for r in found if r["type"] in _DATA_LABELS]
        if not data:
            raise CliError(f"no dataset or benchmark named {args.dataset!r} in {path or args.uri}")
        _, rows = run_ready(store, "leaderboard", {"dataset": args.dataset, "metric": args.metric or ""})
    finally:
        store.close()
    return boards_from_rows(data[0]["name"], [row_from_record(r) for r in rows])


def _boards_from_graph(args: argparse.Namespace) -> list[Leaderboard]:
    from paperkg.leaderboard import leaderboards

    g = load_graph(args.graph)
    try:
        return leaderboards(g, args.dataset, args.metric)
    except KeyError:
        raise CliError(f"no dataset or benchmark named {args.dataset!r} in {args.graph}") from None


def _print_levels(rows: list[LeaderboardRow], evidence: bool) -> None:
    print("  levels, best first:")
    print(f"  {'#':>3} {'method':30} {'value':>12} {'conf':>4}  paper")
    for n, r in enumerate(rows, 1):
        print(
            f"  {n:>3} {cut(r.method or '-', 30):30} {cut(r.value_text, 12):>12} {r.confidence:4.2f}  {r.paper}"
        )
        if evidence:
            print(f"      evidence: {' '.join(r.evidence.split())}")


def _print_changes(rows: list[LeaderboardRow], evidence: bool) -> None:
    print("  gains, reductions, baselines (not ranked with the levels):")
    print(f"  {'method':30} {'value':>12} {'kind':11} {'compared to':24} {'from':>8} {'conf':>4}  paper")
    for r in rows:
        base = f"{r.baseline:g}" if r.baseline is not None else ""
        print(
            f"  {cut(r.method or '-', 30):30} {cut(r.value_text, 12):>12} {r.kind:11} "
            f"{cut(r.compared_to, 24):24} {base:>8} {r.confidence:4.2f}  {r.paper}"
        )
        if evidence:
            print(f"      evidence: {' '.join(r.evidence.split())}")


def run(args: argparse.Namespace) -> int:
    """Print each metric's leaderboard: levels best first by direction, then gains and reductions."""
    if args.graph is None and not args.uri:
        args.graph = "exports"
    use_store = args.graph is None or find_store(args.graph) is not None
    boards = _boards_from_store(args) if use_store else _boards_from_graph(args)
    if not boards:
        print(f"no results stated on {args.dataset}" + (f" for {args.metric}" if args.metric else ""))
        return EXIT_OK
    for b in boards:
        way = {"higher": "higher is better", "lower": "lower is better"}.get(
            b.direction or "", "direction unknown"
        )
        print(f"== {b.dataset} / {b.metric or '(no metric named)'} ({way})")
        if b.levels:
            _print_levels(b.levels[: args.top], args.evidence)
        if b.changes:
            _print_changes(b.changes, args.evidence)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``leaderboard`` to the command parser."""
    p = sub.add_parser(
        "leaderboard",
        help="results stated on a dataset or benchmark: method, metric, value, paper",
        description="Print the leaderboards of a dataset or benchmark rebuilt from the result statements "
        "of the abstracts, one per metric: absolute levels ranked by the metric's direction (higher or lower "
        "is better), then gains, reductions and baselines apart (method, value, confidence, paper; "
        "--evidence adds the sentence). Names as people type them: CIFAR-10, cifar10 or an alias. "
        f"Reads the embedded store ({STORE_FILE}) or Neo4j with --uri. "
        "All leaderboards as JSON: paperkg export leaderboards GRAPH.",
        epilog="examples:\n  paperkg leaderboard --dataset nuScenes\n"
        '  paperkg leaderboard exports --dataset mnist --metric "test accuracy" --evidence',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_source(p)
    p.add_argument("--dataset", required=True, metavar="NAME", help="dataset or benchmark name or alias")
    p.add_argument("--metric", metavar="NAME", help="only results measured by this metric")
    p.add_argument("--top", type=int, default=20, metavar="N", help="levels shown per metric (default 20)")
    p.add_argument("--evidence", action="store_true", help="print each result's sentence")
    p.set_defaults(func=run)
