"""The Neo4j commands of the CLI: ``paperkg neo4j push``, ``paperkg query`` and ``paperkg queries``.

The password is read from NEO4J_PASSWORD or asked for at a prompt; it is never a command-line flag.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

__all__ = ["add_neo4j_commands"]

_ENV = "NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE set the defaults"


def _password() -> str:
    pw = os.environ.get("NEO4J_PASSWORD")
    if pw:
        return pw
    if sys.stdin.isatty():
        return getpass.getpass("Neo4j password: ")
    from paperkg.cli import CliError

    raise CliError("no password: set NEO4J_PASSWORD (it is never taken as a command-line flag)")


def _connection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--uri",
        default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        help="Bolt URI of the server (default: $NEO4J_URI or bolt://127.0.0.1:7687)",
    )
    p.add_argument("--user", default=os.environ.get("NEO4J_USER", "neo4j"), help="user (default: neo4j)")
    p.add_argument(
        "--database",
        default=os.environ.get("NEO4J_DATABASE"),
        help="database name (default: the server's default database)",
    )


def _driver(args: argparse.Namespace):
    from paperkg.cli import CliError
    from paperkg.neo4j_store import Neo4jConnectionError, connect

    try:
        return connect(args.uri, args.user, _password())
    except Neo4jConnectionError as exc:
        raise CliError(str(exc)) from exc


def cmd_push(args: argparse.Namespace) -> int:
    from paperkg.cli import EXIT_OK, CliError, _load_graph, _report_issues
    from paperkg.neo4j_store import Neo4jLoadError, count_graph, push_graph
    from paperkg.progress import Progress

    issues = []
    source = Path(args.source)
    if source.suffix in {".json", ".graphml"} or (source.is_dir() and (source / "graph.json").is_file()):
        g = _load_graph(args.source)
    else:
        from paperkg.pipeline import build

        result = build([args.source, *args.more], out=None, progress=not args.quiet)
        g, issues = result.graph, result.issues
    driver = _driver(args)
    try:
        total = g.number_of_nodes() + g.number_of_edges()
        with Progress("pushing", unit="rows", total=total, enabled=not args.quiet) as bar:
            report = push_graph(driver, g, args.database, batch_size=args.batch_size, on_progress=bar.update)
        nodes, rels = count_graph(driver, args.database)
    except Neo4jLoadError as exc:
        raise CliError(str(exc)) from exc
    finally:
        driver.close()
    print(f"pushed to {args.uri}: {report}")
    print(f"database now holds {nodes} nodes and {rels} relationships")
    return _report_issues(issues) if issues else EXIT_OK


def _params(pairs: list[str]) -> dict[str, object]:
    from paperkg.cli import CliError

    out: dict[str, object] = {}
    for pair in pairs:
        if "=" not in pair:
            raise CliError(f"--param {pair!r}: expected NAME=VALUE")
        k, v = pair.split("=", 1)
        out[k] = int(v) if v.lstrip("-").isdigit() else v
    return out


def cmd_query(args: argparse.Namespace) -> int:
    from neo4j.exceptions import Neo4jError

    from paperkg.cli import EXIT_OK, CliError
    from paperkg.neo4j_store import format_records, ready_queries, run_query

    text = args.cypher
    queries = ready_queries()
    if text in queries:
        text = queries[text].text
    params = _params(args.param)
    driver = _driver(args)
    try:
        keys, rows = run_query(driver, text, params, args.database)
    except Neo4jError as exc:
        raise CliError(f"query failed: {exc.message or exc}") from exc
    finally:
        driver.close()
    print(format_records(keys, rows, args.format))
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from paperkg.neo4j_store import ready_queries

    for q in ready_queries().values():
        params = " ".join(f"--param {p}=..." for p in q.params)
        print(f"{q.name}\n    {q.answers}\n    paperkg query {q.name} {params}".rstrip())
    return 0


def add_neo4j_commands(sub: argparse._SubParsersAction) -> None:
    neo = sub.add_parser(
        "neo4j",
        help="load the graph into a Neo4j server",
        description=f"Neo4j commands. {_ENV}; the password comes only from NEO4J_PASSWORD or a prompt.",
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
    _connection(p)
    p.add_argument(
        "--batch-size", type=int, default=1000, metavar="N", help="rows per transaction (default 1000)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser(
        "query",
        help="run Cypher (or a ready query by name) against Neo4j",
        description="Run a Cypher query, or one of the ready queries by name (see 'paperkg queries'), "
        f"and print the rows. Values go in as parameters: --param name=value. {_ENV}.",
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
    _connection(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "queries",
        help="list the ready Cypher queries and what they answer",
        description="List graph_schema/queries: each ready query's name, what it answers, parameters.",
        epilog="examples:\n  paperkg queries\n  paperkg query most_used_datasets --param limit=10\n"
        "  paperkg query papers_with_code_for_method --param method=BERT --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=cmd_queries)
