"""``paperkg neo4j ...``: load the graph into a Neo4j server.

The password is read from NEO4J_PASSWORD or asked for at a prompt; it is never a command-line flag.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from paperkg.cli._common import (
    EXIT_OK,
    NEO4J_ENV,
    CliError,
    add_connection,
    driver_from_args,
    load_graph,
    positive_int,
    report_issues,
)

__all__ = ["register", "run_push"]


def run_push(args: argparse.Namespace) -> int:
    """Push a built graph (or a graph built from raw inputs) and print the server's counts."""
    from neo4j.exceptions import DriverError, Neo4jError

    from paperkg.neo4j_store import Neo4jLoadError, count_graph, push_graph
    from paperkg.progress import Progress

    issues = []
    source = Path(args.source)
    if source.suffix in {".json", ".graphml"} or (source.is_dir() and (source / "graph.json").is_file()):
        g = load_graph(args.source)
    else:
        from paperkg.pipeline import build

        result = build([args.source, *args.more], out=None, progress=not args.quiet)
        g, issues = result.graph, result.issues
    driver = driver_from_args(args)
    try:
        total = g.number_of_nodes() + g.number_of_edges()
        with Progress("pushing", unit="rows", total=total, enabled=not args.quiet) as bar:
            report = push_graph(driver, g, args.database, batch_size=args.batch_size, on_progress=bar.update)
        nodes, rels = count_graph(driver, args.database)
    except Neo4jLoadError as exc:
        raise CliError(str(exc)) from exc
    except Neo4jError as exc:  # before any write: a missing database, a refused schema statement
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise CliError(f"database {args.database!r} does not exist on {args.uri}") from exc
        raise CliError(f"Neo4j refused the push: {exc.message or exc}") from exc
    except DriverError as exc:
        raise CliError(f"Neo4j driver error: {exc}") from exc
    finally:
        driver.close()
    print(f"pushed to {args.uri}: {report}")
    print(f"database now holds {nodes} nodes and {rels} relationships")
    return report_issues(issues) if issues else EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``neo4j`` command group to the command parser."""
    neo = sub.add_parser(
        "neo4j",
        help="load the graph into a Neo4j server",
        description=f"Neo4j commands. {NEO4J_ENV}; the password comes only from NEO4J_PASSWORD or a prompt.",
        epilog="example:\n  paperkg neo4j push exports/graph.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    nsub = neo.add_subparsers(dest="neo4j_command", metavar="COMMAND", required=True)
    p = nsub.add_parser(
        "push",
        help="create constraints, then upsert nodes and relationships (idempotent)",
        description="Push a built graph (graph.json/graph.graphml/exports folder) or raw input files "
        "into Neo4j with batched UNWIND ... MERGE by stable keys. Pushing twice changes no counts.",
        epilog="example:\n  scripts/neo4j-server start\n  export NEO4J_PASSWORD=paperkg-test\n"
        "  paperkg neo4j push exports/graph.json --uri bolt://127.0.0.1:7687",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "source", metavar="GRAPH_OR_INPUT", help="graph.json, graph.graphml, an exports folder, or inputs"
    )
    p.add_argument("more", nargs="*", metavar="INPUT", help="more input files, when building from inputs")
    add_connection(p)
    p.add_argument(
        "--batch-size",
        type=positive_int,
        default=1000,
        metavar="N",
        help="rows per transaction (default 1000)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run_push)
