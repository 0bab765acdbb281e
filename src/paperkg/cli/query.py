"""``paperkg query`` and ``paperkg queries``: run Cypher or a ready query, list the ready queries.

The embedded store written by ``paperkg build`` answers unless --uri (or $NEO4J_URI) names a Neo4j
server; a ready query runs in the dialect of whichever engine answers.
"""

from __future__ import annotations

import argparse

from paperkg.cli._common import (
    EXIT_OK,
    add_store_options,
    open_store,
    parse_params,
    run_ready,
    run_store_query,
)
from paperkg.cli._output import FORMATS, format_rows
from paperkg.store.queries import ready_queries

__all__ = ["register", "run_queries", "run_query"]


def run_query(args: argparse.Namespace) -> int:
    """Run the query and print its rows in --format."""
    values = parse_params(args.param)
    store = open_store(args)
    try:
        if args.cypher in ready_queries():
            keys, rows = run_ready(store, args.cypher, values)
        else:
            keys, rows = run_store_query(store, args.cypher, values)
    finally:
        store.close()
    print(format_rows(keys, rows, args.format, args.max_width))
    return EXIT_OK


def run_queries(args: argparse.Namespace) -> int:
    """Print each ready query's name, what it answers, its parameters and an example call."""
    for q in ready_queries().values():
        print(q.name)
        print(f"    {q.answers}")
        print("    parameters: " + (", ".join(map(str, q.params)) or "none"))
        example = " ".join(f"--param {k}={v}" for k, v in q.example.items())
        print(f"    example: paperkg query {q.name} {example}".rstrip())
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``query`` and ``queries`` to the command parser."""
    p = sub.add_parser(
        "query",
        help="run Cypher (or a ready query by name) on the embedded store or Neo4j",
        description="Run a Cypher query, or one of the ready queries by name (see 'paperkg queries'), "
        "and print the rows. The embedded store written by 'paperkg build' answers unless --uri or "
        "$NEO4J_URI names a Neo4j server. Values go in as parameters (--param name=value); ready "
        "queries take names as people type them (CIFAR-10, cifar10 or an alias).",
        epilog="examples:\n  paperkg query most_used_datasets\n"
        "  paperkg query methods_evaluated_on --param dataset=CIFAR-10 --format csv\n"
        "  paperkg query 'MATCH (m:Method) RETURN m.name AS name, m.n_papers AS papers "
        "ORDER BY papers DESC LIMIT 5'\n"
        "  NEO4J_PASSWORD=... paperkg query top_tasks --uri bolt://127.0.0.1:7687",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("cypher", metavar="CYPHER", help="a Cypher query, or a ready query's name")
    p.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="query parameter (repeatable)"
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument(
        "--max-width",
        type=int,
        default=60,
        metavar="N",
        help="in a table, cut values after N characters, marked with … (0: never; default 60)",
    )
    add_store_options(p)
    p.set_defaults(func=run_query)

    p = sub.add_parser(
        "queries",
        help="list the ready Cypher queries, what they answer and their parameters",
        description="List graph_schema/queries: each ready query's name, what it answers, its "
        "parameters (with defaults) and an example call.",
        epilog="examples:\n  paperkg queries\n  paperkg query most_used_datasets --param limit=10\n"
        "  paperkg query papers_with_code_for_method --param method=BERT --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=run_queries)
