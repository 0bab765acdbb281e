"""Helpers every command shares: exit codes, the one-line error, argument groups, graph loading,
``--param`` parsing and Neo4j connection options.

Command modules import from here and never from each other, so the package has no import cycles.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.models import InputIssue

__all__ = [
    "EXIT_FAIL",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
    "CliError",
    "add_common",
    "add_connection",
    "add_extract_options",
    "driver_from_args",
    "load_graph",
    "parse_params",
    "report_issues",
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
        print(f"paperkg: skipped {issue}", file=sys.stderr)
    if issues:
        print(f"paperkg: {len(issues)} record(s) skipped", file=sys.stderr)
    return EXIT_SKIPPED if issues else EXIT_OK


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
        type=int,
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
        default=0.5,
        metavar="X",
        help="keep entities whose confidence is at least X (0-1, default 0.5)",
    )


def load_graph(path: str) -> nx.MultiDiGraph:
    """A built graph from graph.json, graph.graphml or an exports folder; CliError when it is not one."""
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
        return read_graphml(p) if p.suffix == ".graphml" else read_node_link(p)
    except (ValueError, KeyError, json.JSONDecodeError) as exc:
        raise CliError(f"{p}: not a paperkg graph ({exc})") from exc


def parse_params(pairs: list[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs as a dict; integer-looking values become ints."""
    out: dict[str, object] = {}
    for pair in pairs:
        if "=" not in pair:
            raise CliError(f"--param {pair!r}: expected NAME=VALUE")
        k, v = pair.split("=", 1)
        out[k] = int(v) if v.lstrip("-").isdigit() else v
    return out


def _password() -> str:
    pw = os.environ.get("NEO4J_PASSWORD")
    if pw:
        return pw
    if sys.stdin.isatty():
        return getpass.getpass("Neo4j password: ")
    raise CliError("no password: set NEO4J_PASSWORD (it is never taken as a command-line flag)")


def add_connection(p: argparse.ArgumentParser) -> None:
    """--uri, --user, --database (the password only from NEO4J_PASSWORD or a prompt)."""
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


def driver_from_args(args: argparse.Namespace) -> Any:
    """A verified Neo4j driver for --uri/--user; CliError (one line) when it cannot connect."""
    from paperkg.neo4j_store import Neo4jConnectionError, connect

    try:
        return connect(args.uri, args.user, _password())
    except Neo4jConnectionError as exc:
        raise CliError(str(exc)) from exc
