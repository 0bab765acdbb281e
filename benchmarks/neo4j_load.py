#!/usr/bin/env python3
"""Neo4j load rates on a built graph: the Bolt sync (first push into an empty database, second push of
the same graph) and the neo4j-admin offline import (a benchmark, not a test).

    scripts/neo4j-server start
    NEO4J_PASSWORD=paperkg-test python benchmarks/neo4j_load.py exports/graph.json

GRAPH is a graph.json written by ``paperkg build``. The database at --uri is emptied first (only
when it holds nothing but paperkg labels). The import goes into a fresh server home under a temporary
folder with ``scripts/neo4j-server import``. Writes benchmarks/results/neo4j_load.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from paperkg.export.neo4j_admin import write_neo4j_admin
from paperkg.export.nodelink import read_node_link
from paperkg.schema import load_schema
from paperkg.store.neo4j import connect, count_graph
from paperkg.store.neo4j_sync import push_graph

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent / "scripts" / "neo4j-server"


def clear(driver) -> None:
    labels = load_schema().labels
    foreign = driver.execute_query(
        "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n", labels=labels
    ).records[0]["n"]
    if foreign:
        raise SystemExit(f"refusing to empty a database with {foreign} non-paperkg nodes")
    while driver.execute_query("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c").records[
        0
    ]["c"]:
        pass


def bolt(args: argparse.Namespace, g) -> list[str]:
    driver = connect(args.uri, "neo4j", os.environ["NEO4J_PASSWORD"])
    rows = g.number_of_nodes() + g.number_of_edges()
    clear(driver)
    t = time.perf_counter()
    push_graph(driver, g, batch_size=args.batch_size)
    first_s = time.perf_counter() - t
    assert count_graph(driver) == (g.number_of_nodes(), g.number_of_edges())
    t = time.perf_counter()
    second = push_graph(driver, g, batch_size=args.batch_size)
    second_s = time.perf_counter() - t
    assert second.unchanged, str(second)
    driver.close()
    return [
        f"| Bolt sync, first push into an empty database (CREATE by label/type, {args.batch_size} rows/tx) "
        f"| {rows} | {first_s:.1f} | {rows / first_s:.0f} |",
        f"| Bolt sync, second push of the same graph (MERGE, hash compare, stale check; nothing changed: "
        f"{second}) | {rows} | {second_s:.1f} | {rows / second_s:.0f} |",
    ]


def admin(g) -> list[str]:
    rows = g.number_of_nodes() + g.number_of_edges()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_neo4j_admin(g, Path(tmp) / "files")
        write_s = time.perf_counter() - t
        t = time.perf_counter()
        proc = subprocess.run(
            [str(SCRIPT), "import", "--home", str(Path(tmp) / "home"), "--", "neo4j", "@import.args"],
            cwd=Path(tmp) / "files",
            capture_output=True,
            text=True,
        )
        import_s = time.perf_counter() - t
        if proc.returncode:
            raise SystemExit(proc.stdout[-2000:] + proc.stderr[-2000:])
    return [
        f"| neo4j-admin files written (paperkg) | {rows} | {write_s:.1f} | {rows / write_s:.0f} |",
        f"| neo4j-admin database import full (JVM start included) | {rows} | {import_s:.1f} | {rows / import_s:.0f} |",
        f"| neo4j-admin path in all (files + import) | {rows} | {write_s + import_s:.1f} | "
        f"{rows / (write_s + import_s):.0f} |",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph", help="graph.json written by paperkg build")
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--note", default="", help="a line about the machine's load during the run")
    args = ap.parse_args()
    g = read_node_link(args.graph)
    rows = g.number_of_nodes() + g.number_of_edges()
    out = [
        f"Graph: {g.number_of_nodes()} nodes + {g.number_of_edges()} relationships = {rows} rows "
        f"({args.graph}); Neo4j 5.26 Community (scripts/neo4j-server, 1 GiB heap) on the same 2-core machine. "
        + args.note,
        "",
        "| loader | rows | seconds | rows/s |",
        "|---|---|---|---|",
        *bolt(args, g),
        *admin(g),
    ]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "neo4j_load.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
