"""``paperkg neo4j push`` and ``paperkg neo4j import``: load the graph into Neo4j.

``push`` syncs over Bolt (new and changed rows written, what this graph's papers no longer state
removed); ``import`` writes neo4j-admin files and runs ``neo4j-admin database import full`` for big
first loads into a stopped server. The password is read from NEO4J_PASSWORD or asked for at a
prompt; it is never a command-line flag.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

import networkx as nx

from paperkg.cli._common import (
    EXIT_OK,
    NEO4J_ENV,
    CliError,
    add_connection,
    driver_from_args,
    load_graph,
    positive_int,
    report_issues,
    report_warnings,
)

__all__ = ["register", "run_import", "run_push"]


def _graph(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, list]:
    source = Path(args.source)
    if source.suffix in {".json", ".graphml"} or (source.is_dir() and (source / "graph.json").is_file()):
        return load_graph(args.source), []
    from paperkg.pipeline import build

    result = build([args.source, *args.more], out=None, progress=not args.quiet)
    report_warnings(result.warnings)
    return result.graph, result.issues


def run_push(args: argparse.Namespace) -> int:
    """Sync a built graph (or one built from raw inputs) into Neo4j and print what changed."""
    from neo4j.exceptions import DriverError, Neo4jError

    from paperkg.progress import Progress
    from paperkg.store.neo4j import Neo4jLoadError, count_graph
    from paperkg.store.neo4j_sync import push_graph

    g, issues = _graph(args)
    driver = driver_from_args(args)
    try:
        total = g.number_of_nodes() + g.number_of_edges()
        with Progress("pushing", unit="rows", total=total, enabled=not args.quiet) as bar:
            report = push_graph(
                driver,
                g,
                args.database,
                batch_size=args.batch_size,
                on_progress=bar.update,
                prune=not args.keep,
            )
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


def run_import(args: argparse.Namespace) -> int:
    """Write neo4j-admin files for the graph and run the offline import."""
    from paperkg.export.neo4j_admin import write_neo4j_admin

    g, issues = _graph(args)
    with tempfile.TemporaryDirectory(prefix="paperkg-neo4j-import-") as tmp:
        write_neo4j_admin(g, tmp)
        # the argument file names its CSVs relative to its folder; the command runs from here
        arg_file = Path(tmp) / "import-absolute.args"
        lines = (Path(tmp) / "import.args").read_text(encoding="utf-8").splitlines()
        arg_file.write_text("\n".join(_absolute(line, Path(tmp)) for line in lines) + "\n", encoding="utf-8")
        command = [
            *shlex.split(args.admin),
            args.database,
            f"@{arg_file}",
            "--overwrite-destination=true",
            f"--report-file={Path(tmp) / 'import.report'}",
        ]
        start = time.perf_counter()
        try:
            proc = subprocess.run(command, capture_output=True, text=True)
        except FileNotFoundError:
            raise CliError(f"cannot run {command[0]!r}: give the neo4j-admin command with --admin") from None
        seconds = time.perf_counter() - start
    if proc.returncode != 0:
        last = next((ln for ln in reversed((proc.stderr + proc.stdout).splitlines()) if ln.strip()), "")
        raise CliError(f"neo4j-admin import failed (exit {proc.returncode}): {last.strip()}")
    rows = g.number_of_nodes() + g.number_of_edges()
    print(
        f"imported {g.number_of_nodes()} nodes and {g.number_of_edges()} relationships into database "
        f"{args.database} in {seconds:.1f} s ({rows / seconds:,.0f} rows/s); start the server to query it"
    )
    return report_issues(issues) if issues else EXIT_OK


def _absolute(line: str, folder: Path) -> str:
    """``--nodes=Label=h.csv,d.csv`` with the files' absolute paths."""
    if not line.startswith(("--nodes=", "--relationships=")):
        return line
    head, files = line.rsplit("=", 1)
    return head + "=" + ",".join(str(folder / f) for f in files.split(","))


def _source_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source", metavar="GRAPH_OR_INPUT", help="graph.json, graph.graphml, an exports folder, or inputs"
    )
    p.add_argument("more", nargs="*", metavar="INPUT", help="more input files, when building from inputs")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``neo4j`` command group to the command parser."""
    neo = sub.add_parser(
        "neo4j",
        help="load the graph into a Neo4j server (sync over Bolt, or neo4j-admin import)",
        description=f"Neo4j commands. {NEO4J_ENV}; the password comes only from NEO4J_PASSWORD or a prompt.",
        epilog="examples:\n  paperkg neo4j push exports/graph.json\n"
        "  paperkg neo4j import exports/graph.json --admin 'scripts/neo4j-server import --home .neo4j/home --'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    nsub = neo.add_subparsers(dest="neo4j_command", metavar="COMMAND", required=True)
    p = nsub.add_parser(
        "push",
        help="sync the graph into Neo4j: write new and changed rows, remove what its papers no longer state",
        description="Push a built graph (graph.json/graph.graphml/exports folder) or raw input files into "
        "Neo4j: constraints first, then batched UNWIND writes by label and type (CREATE into empty "
        "labels/types, MERGE by stable key elsewhere, unchanged rows skipped), then relationships, Result "
        "nodes and orphaned entities that this graph's papers no longer state are removed. Pushing the "
        "same graph twice changes nothing.",
        epilog="example:\n  scripts/neo4j-server start\n  export NEO4J_PASSWORD=paperkg-test\n"
        "  paperkg neo4j push exports/graph.json --uri bolt://127.0.0.1:7687",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _source_args(p)
    add_connection(p)
    p.add_argument(
        "--batch-size",
        type=positive_int,
        default=5000,
        metavar="N",
        help="rows per transaction (default 5000)",
    )
    p.add_argument(
        "--keep", action="store_true", help="only add and update; remove nothing the graph no longer states"
    )
    p.set_defaults(func=run_push)

    p = nsub.add_parser(
        "import",
        help="first load of a big graph with neo4j-admin (server stopped; replaces the database)",
        description="Write neo4j-admin import files for the graph into a temporary folder and run "
        "'neo4j-admin database import full DATABASE @import.args --overwrite-destination=true' there. "
        "The target server must be stopped; the database is replaced.",
        epilog="examples:\n  paperkg neo4j import exports/graph.json\n"
        "  paperkg neo4j import exports --admin 'scripts/neo4j-server import --home .neo4j/home --'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _source_args(p)
    p.add_argument(
        "--admin",
        default="neo4j-admin database import full",
        metavar="CMD",
        help="the import command up to its arguments (default: 'neo4j-admin database import full'; "
        "with this project's server: 'scripts/neo4j-server import --home DIR --')",
    )
    p.add_argument("--database", default="neo4j", help="database to replace (default: neo4j)")
    p.set_defaults(func=run_import)
