"""Helpers every command shares: exit codes, the one-line error, argument groups, graph loading,
``--param`` parsing and Neo4j connection options.

Command modules import from here and never from each other, so the package has no import cycles.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.models import InputIssue
from paperkg.sources.base import one_line
from paperkg.store import GraphStore, StoreError
from paperkg.store.embedded import STORE_FILE, EmbeddedStore
from paperkg.store.queries import QueryError, ready_queries

__all__ = [
    "EXIT_FAIL",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
    "CliError",
    "add_common",
    "add_connection",
    "add_extract_options",
    "add_graph_source",
    "add_store_options",
    "default_bolt_uri",
    "driver_from_args",
    "export_formats",
    "find_store",
    "graph_problem",
    "int_at_least",
    "load_graph",
    "neo4j_uri",
    "open_store",
    "parse_params",
    "positive_int",
    "redact",
    "report_issues",
    "report_warnings",
    "run_ready",
    "run_store_query",
    "show_progress",
]

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3

NEO4J_ENV = "NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE set the defaults"

_FORMAT_HELP = (
    "input format for every file: hf (Hugging Face Daily Papers page dump), jsonl, json, csv, arxiv "
    "(Atom feed); default: detected per file from its extension and content"
)


class CliError(Exception):
    """A failure to report as one line and exit 1."""


def report_issues(issues: list[InputIssue]) -> int:
    """Print each skipped record on stderr; the exit code (3 when anything was skipped)."""
    for issue in issues:
        print(f"paperkg: skipped {one_line(str(issue), 500)}", file=sys.stderr)
    if issues:
        print(f"paperkg: {len(issues)} record(s) skipped", file=sys.stderr)
    return EXIT_SKIPPED if issues else EXIT_OK


def report_warnings(warnings: list[str]) -> None:
    """Print each warning (a cut abstract, a cache set aside) on stderr, one line each."""
    for warning in warnings:
        print(f"paperkg: warning: {one_line(warning, 500)}", file=sys.stderr)


def show_progress(args: argparse.Namespace) -> bool:
    """Progress bars on a terminal unless --quiet, or anywhere with --progress."""
    return (not args.quiet and sys.stderr.isatty()) or getattr(args, "progress", False)


def add_common(p: argparse.ArgumentParser) -> None:
    """--quiet and --progress."""
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--progress", action="store_true", help="show the progress bar even when stderr is not a terminal"
    )


def add_extract_options(p: argparse.ArgumentParser) -> None:
    """INPUT..., --jobs, --input-format, --min-confidence (build, extract, eval)."""
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="extract in N processes (0: one per CPU core; default 1)",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders of papers")
    p.add_argument(
        "--input-format", choices=["hf", "jsonl", "json", "csv", "arxiv"], metavar="FMT", help=_FORMAT_HELP
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="X",
        help="keep only entities whose confidence (the decision model's probability) is at least X "
        "(0-1, default 0: every entity the model keeps)",
    )


def int_at_least(minimum: int, meaning: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum`` (``meaning`` explains the smallest)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{text!r}: must be at least {minimum}{meaning}")
        return value

    return parse


positive_int = int_at_least(1)
_jobs = int_at_least(0, " (0: one process per core)")


def load_graph(path: str) -> nx.MultiDiGraph:
    """A built graph from graph.json, graph.graphml or an exports folder; CliError (one line) when it
    cannot be read or is not a paperkg graph (truncated, another program's file, wrong shapes)."""
    from paperkg.export.graphml import read_graphml
    from paperkg.export.nodelink import read_node_link

    p = Path(path)
    if p.is_dir():
        p = p / "graph.json"
    if not p.is_file():
        raise CliError(
            f"{path}: no such graph file (give a graph.json or graph.graphml, or the exports folder)"
        )
    try:
        g = read_graphml(p) if p.suffix == ".graphml" else read_node_link(p)
    except OSError as exc:
        raise CliError(f"{p}: cannot read: {exc.strerror or exc}") from exc
    except RecursionError as exc:
        raise CliError(f"{p}: not a paperkg graph (nested too deeply)") from exc
    except Exception as exc:
        raise CliError(f"{p}: not a paperkg graph ({type(exc).__name__}: {one_line(str(exc), 200)})") from exc
    if problem := graph_problem(g):
        raise CliError(f"{p}: not a paperkg graph ({problem})")
    return g


def graph_problem(g: nx.MultiDiGraph) -> str | None:
    """What makes ``g`` unlike a graph paperkg built (checked against graph_schema), or None."""
    from paperkg.schema import load_schema

    schema = load_schema()
    labels = set(schema.labels)
    kinds = {"int": int, "float": float}
    for node, d in g.nodes(data=True):
        label = d.get("label")
        if label not in labels:
            return f"node {str(node)[:80]!r} has label {label!r}, not one of {', '.join(sorted(labels))}"
        for prop, kind in schema.properties(label).items():
            value = d.get(prop)
            if value not in (None, "") and kind in kinds:
                try:
                    kinds[kind](value)
                except (TypeError, ValueError, OverflowError):
                    return f"node {str(node)[:80]!r}: {prop} is {str(value)[:40]!r}, not a number"
        if label == "Result" and d.get("paper_id") not in g:
            return f"result {str(node)[:80]!r} names no paper of the graph"
    rels = set(schema.relationship_types)
    for u, _, k in g.edges(keys=True):
        if k not in rels:
            return f"edge from {str(u)[:80]!r} has type {str(k)[:40]!r}, not one of the schema's"
    return None


def parse_params(pairs: list[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs as a dict.

    A value written as a plain integer (``10``, ``-3``) is an integer; everything else stays a string,
    ``0123`` included (leading zeros mean an identifier). ``NAME:TYPE=VALUE`` (str, int, float, bool)
    forces a type.
    """
    out: dict[str, object] = {}
    for pair in pairs:
        if "=" not in pair:
            raise CliError(f"--param {pair!r}: expected NAME=VALUE or NAME:TYPE=VALUE")
        k, v = pair.split("=", 1)
        name, _, kind = k.partition(":")
        if not name:
            raise CliError(f"--param {pair!r}: the name is empty")
        if kind:
            out[name] = _typed(pair, kind, v)
        else:
            out[name] = int(v) if _PLAIN_INT.fullmatch(v) else v
    return out


_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")


def _typed(pair: str, kind: str, value: str) -> object:
    try:
        if kind == "str":
            return value
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool" and value.lower() in {"true", "false", "1", "0", "yes", "no"}:
            return value.lower() in {"true", "1", "yes"}
    except ValueError:
        pass
    if kind not in {"str", "int", "float", "bool"}:
        raise CliError(f"--param {pair!r}: unknown type {kind!r} (str, int, float or bool)")
    raise CliError(f"--param {pair!r}: {value!r} is not a {kind}")


_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]+@")


def redact(text: str) -> str:
    """``text`` with any ``user:password@`` in a URI replaced by ``***@``."""
    return _USERINFO.sub(r"\1***@", text)


def neo4j_uri(text: str) -> str:
    """An argparse type: a Bolt/Neo4j URI without credentials in it."""
    scheme, sep, rest = text.partition("://")
    if _USERINFO.search(text):
        raise argparse.ArgumentTypeError(
            f"{redact(text)}: put the user in --user and the password in NEO4J_PASSWORD, not in the URI"
        )
    if not sep or scheme.lower() not in _SCHEMES or not rest.strip("/"):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a Neo4j URI: use {' or '.join(s + '://HOST:7687' for s in _SCHEMES[::3])} "
            "(http:// is the browser port, not Bolt)"
        )
    return text


def export_formats(text: str) -> list[str]:
    """An argparse type: a comma-separated list of export formats, each one known."""
    from paperkg.export import check_formats

    try:
        return check_formats(f for f in text.split(",") if f.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _password() -> str:
    pw = os.environ.get("NEO4J_PASSWORD")
    if pw:
        return pw
    if sys.stdin.isatty():
        return getpass.getpass("Neo4j password: ")
    raise CliError("no password: set NEO4J_PASSWORD (it is never taken as a command-line flag)")


def default_bolt_uri() -> str:
    """$NEO4J_URI, else the local server of scripts/neo4j-server on $NEO4J_BOLT_PORT (default 7687)."""
    return os.environ.get("NEO4J_URI") or f"bolt://127.0.0.1:{os.environ.get('NEO4J_BOLT_PORT', '7687')}"


def add_connection(p: argparse.ArgumentParser, required_server: bool = True) -> None:
    """--uri, --user, --database (the password only from NEO4J_PASSWORD or a prompt).

    Where a server is optional (query commands), --uri defaults to $NEO4J_URI and, when neither is
    given, the embedded store answers instead.
    """
    if required_server:
        uri_help = (
            "Bolt URI of the server (default: $NEO4J_URI, else bolt://127.0.0.1:$NEO4J_BOLT_PORT or 7687)"
        )
        default = default_bolt_uri()
    else:
        uri_help = "ask this Neo4j server (default: $NEO4J_URI; without either, the embedded store answers)"
        default = os.environ.get("NEO4J_URI") or None
    p.add_argument("--uri", type=neo4j_uri, default=default, help=uri_help)
    p.add_argument("--user", default=os.environ.get("NEO4J_USER", "neo4j"), help="user (default: neo4j)")
    p.add_argument(
        "--database",
        default=os.environ.get("NEO4J_DATABASE"),
        help="database name (default: the server's default database)",
    )


def add_graph_source(p: argparse.ArgumentParser) -> None:
    """The optional GRAPH argument of stats and leaderboard, and --uri/--user/--database."""
    p.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?",
        help=f"exports folder, {STORE_FILE}, graph.json or graph.graphml (default: Neo4j when --uri or "
        "$NEO4J_URI is set, else exports)",
    )
    add_connection(p, required_server=False)


def add_store_options(p: argparse.ArgumentParser) -> None:
    """--store plus the Neo4j connection options: which store answers the query commands."""
    p.add_argument(
        "--store",
        metavar="PATH",
        help=f"the embedded store written by 'paperkg build', or its folder (default: Neo4j when --uri "
        f"or $NEO4J_URI is set, else $PAPERKG_STORE or exports/{STORE_FILE})",
    )
    add_connection(p, required_server=False)


def driver_from_args(args: argparse.Namespace) -> Any:
    """A verified Neo4j driver for --uri/--user; CliError (one line) when it cannot connect."""
    from paperkg.store.neo4j import Neo4jConnectionError, connect

    try:
        return connect(args.uri, args.user, _password())
    except Neo4jConnectionError as exc:
        raise CliError(str(exc)) from exc


def find_store(path: str) -> Path | None:
    """The embedded store for a store file, an exports folder, or a graph file with a store beside it."""
    p = Path(path)
    if p.suffix == Path(STORE_FILE).suffix:
        candidate = p
    elif p.is_dir():
        candidate = p / STORE_FILE
    elif p.suffix in {".json", ".graphml"}:
        candidate = p.parent / STORE_FILE
    else:
        return None
    return candidate if candidate.is_file() else None


def open_store(args: argparse.Namespace, store: str | None = None) -> GraphStore:
    """The store a query command asks: a store named on the command line (``store`` or --store) first,
    else Neo4j when --uri/$NEO4J_URI names a server, else the default embedded store."""
    store = store or getattr(args, "store", None)
    if args.uri and not store:
        from paperkg.store.neo4j import Neo4jStore

        return Neo4jStore(driver_from_args(args), args.database)
    try:
        return EmbeddedStore(store or os.environ.get("PAPERKG_STORE") or f"exports/{STORE_FILE}")
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def run_ready(store: GraphStore, name: str, values: dict[str, object]) -> tuple[list[str], list[dict]]:
    """Run a ready query by name on ``store`` with its parameters bound; CliError on bad parameters."""
    query = ready_queries()[name]
    try:
        params = query.bind(values)
    except QueryError as exc:
        raise CliError(str(exc)) from exc
    return run_store_query(store, query.text_for(store.engine), params)


def run_store_query(store: GraphStore, text: str, params: dict[str, Any]) -> tuple[list[str], list[dict]]:
    """Run ``text`` on ``store``; any engine's query failure becomes one CliError line."""
    try:
        return store.run(text, params)
    except StoreError as exc:
        raise CliError(f"query failed: {exc}") from exc
