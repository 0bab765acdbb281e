"""``paperkg query`` and ``paperkg queries``: run Cypher or a ready query, list the ready queries."""

from __future__ import annotations

import argparse

from paperkg.cli._common import EXIT_OK, NEO4J_ENV, CliError, add_connection, driver_from_args, parse_params

__all__ = ["register", "run_queries", "run_query"]


def run_query(args: argparse.Namespace) -> int:
    """Run the query and print its rows in --format."""
    from neo4j.exceptions import Neo4jError

    from paperkg.neo4j_store import format_records, ready_queries, run_query

    text = args.cypher
    queries = ready_queries()
    if text in queries:
        text = queries[text].text
    params = parse_params(args.param)
    driver = driver_from_args(args)
    try:
        keys, rows = run_query(driver, text, params, args.database)
    except Neo4jError as exc:
        raise CliError(f"query failed: {exc.message or exc}") from exc
    finally:
        driver.close()
    print(format_records(keys, rows, args.format))
    return EXIT_OK


def run_queries(args: argparse.Namespace) -> int:
    """Print each ready query's name, what it answers and how to call it."""
    from paperkg.neo4j_store import ready_queries

    for q in ready_queries().values():
        params = " ".join(f"--param {p}=..." for p in q.params)
        print(f"{q.name}\n    {q.answers}\n    paperkg query {q.name} {params}".rstrip())
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``query`` and ``queries`` to the command parser."""
    p = sub.add_parser(
        "query",
        help="run Cypher (or a ready query by name) against Neo4j",
        description="Run a Cypher query, or one of the ready queries by name (see 'paperkg queries'), "
        f"and print the rows. Values go in as parameters: --param name=value. {NEO4J_ENV}.",
        epilog="examples:\n  export NEO4J_PASSWORD=...\n"
        "  paperkg query 'MATCH (m:Method) RETURN m.name AS name LIMIT 5'\n"
        "  paperkg query methods_evaluated_on --param dataset=CIFAR-10 --format csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("cypher", metavar="CYPHER", help="a Cypher query, or a ready query's name")
    p.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="query parameter (repeatable)"
    )
    p.add_argument(
        "--format", choices=["table", "json", "csv"], default="table", help="output format (default table)"
    )
    add_connection(p)
    p.set_defaults(func=run_query)

    p = sub.add_parser(
        "queries",
        help="list the ready Cypher queries and what they answer",
        description="List graph_schema/queries: each ready query's name, what it answers, parameters.",
        epilog="examples:\n  paperkg queries\n  paperkg query most_used_datasets --param limit=10\n"
        "  paperkg query papers_with_code_for_method --param method=BERT --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=run_queries)
