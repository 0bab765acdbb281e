"""``paperkg export``: write a built graph in other formats."""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, export_formats, load_graph
from paperkg.export.html import DEFAULT_BUDGET

__all__ = ["register", "run"]


def run(args: argparse.Namespace) -> int:
    """Write the requested formats and print the files."""
    from paperkg.atomic import OutputLock, check_writable
    from paperkg.export import write_exports

    g = load_graph(args.graph)
    with OutputLock(args.out, wait=True):  # never into a folder a build is writing
        check_writable(args.out)
        files = write_exports(g, args.out, args.formats, max_nodes=args.max_nodes)
    for f in files:
        print(f)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``export`` to the command parser."""
    p = sub.add_parser(
        "export",
        help="write a built graph in other formats (e.g. neo4j-admin import files)",
        description="Convert a graph written by 'paperkg build' into other formats. 'leaderboards' writes "
        "leaderboards.json: every dataset's leaderboards (task, dataset, metric, rows with method, value, "
        "paper), close to the Papers with Code evaluation tables.",
        epilog="examples:\n  paperkg export neo4j-admin exports/graph.json --out exports/neo4j\n"
        "  paperkg export html exports/graph.json --max-nodes 500\n"
        "  paperkg export leaderboards exports/graph.json --out exports",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "formats",
        type=export_formats,
        metavar="FORMATS",
        help="comma-separated: json,graphml,gexf,csv,html,store,neo4j-admin,leaderboards",
    )
    p.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?",
        default="exports/graph.json",
        help="graph.json or graph.graphml (default exports/graph.json)",
    )
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports)")
    p.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_BUDGET,
        metavar="N",
        help="nodes in the HTML overview (default %(default)s; see paperkg build --help)",
    )
    p.set_defaults(func=run)
