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
import resource
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
TICK = os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall seconds, and CPU seconds of this client and of the server process (``/proc/PID/stat``):
    on a shared machine the CPU seconds say what the work costs, the wall seconds what it took."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def _server_cpu(self) -> float:
        if not self.server_pid:
            return float("nan")
        fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def __enter__(self) -> Clock:
        self.t, self.c, self.s = time.perf_counter(), time.process_time(), self._server_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t
        self.client = time.process_time() - self.c
        self.server = self._server_cpu() - self.s

    def row(self, what: str, rows: int) -> str:
        cpu = self.client + self.server
        return (
            f"| {what} | {rows} | {self.wall:.1f} | {rows / self.wall:.0f} | {self.server:.1f} | "
            f"{self.client:.1f} | {rows / cpu:.0f} |"
        )


SCRIPT = HERE.parent / "scripts" / "neo4j-server"


def clear(driver) -> None:
    labels = load_schema().labels
    foreign = driver.execute_query(
        "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n", labels=labels
    ).records[0]["n"]
    if foreign:
        raise SystemExit(f"refusing to empty a database with {foreign} non-paperkg nodes")
    delete = "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c"
    while driver.execute_query(delete).records[0]["c"]:
        pass
    # a fresh database: no indexes beyond the key constraints' (a first load builds them after its writes)
    for r in driver.execute_query(
        "SHOW INDEXES YIELD name, owningConstraint, type WHERE owningConstraint IS NULL AND type <> 'LOOKUP' "
        "RETURN name"
    ).records:
        driver.execute_query(f"DROP INDEX `{r['name']}`")


def previous_loader(driver, g, batch_size: int = 1000) -> None:
    """The loader this project had before the sync: MERGE every row, ``SET += props``, no hash."""
    from paperkg.store.rows import graph_rows

    rows = graph_rows(g)
    for label, label_rows in rows.nodes.items():
        query = f"UNWIND $rows AS row MERGE (n:{label} {{id: row.key}}) SET n += row.props"
        payload = [
            {"key": r["id"], "props": {k: v for k, v in r.items() if v is not None}} for r in label_rows
        ]
        for i in range(0, len(payload), batch_size):
            driver.execute_query(query, rows=payload[i : i + batch_size])
    for (rel, a, b), rel_rows in rows.relationships.items():
        query = (
            f"UNWIND $rows AS row MATCH (a:{a} {{id: row.s}}) MATCH (b:{b} {{id: row.t}}) "
            f"MERGE (a)-[r:{rel}]->(b) SET r += row.props"
        )
        payload = [
            {
                "s": r["from"],
                "t": r["to"],
                "props": {k: v for k, v in r.items() if v is not None and k not in ("from", "to")},
            }
            for r in rel_rows
        ]
        for i in range(0, len(payload), batch_size):
            driver.execute_query(query, rows=payload[i : i + batch_size])


def sample(g, papers: int):
    """The first ``papers`` papers with everything they link to (and their results' links)."""
    keep: set[str] = set()
    for p in [n for n, d in g.nodes(data=True) if d["label"] == "Paper"][:papers]:
        keep |= {p, *g.successors(p)}
        keep |= {t for r in g.successors(p) if g.nodes[r]["label"] == "Result" for t in g.successors(r)}
    return g.subgraph(keep).copy()


def bolt(args: argparse.Namespace, g) -> list[str]:
    driver = connect(args.uri, "neo4j", os.environ["NEO4J_PASSWORD"])
    rows = g.number_of_nodes() + g.number_of_edges()
    out = []
    if args.sample:
        small = sample(g, args.sample)
        n = small.number_of_nodes() + small.number_of_edges()
        clear(driver)
        with Clock(args.server_pid) as c:
            previous_loader(driver, small)
        out.append(c.row(f"previous loader (MERGE every row, 1000 rows/tx), first {args.sample} papers", n))
        clear(driver)
        with Clock(args.server_pid) as c:
            push_graph(driver, small, batch_size=args.batch_size)
        out.append(c.row(f"Bolt sync, first push, same {args.sample} papers", n))
    clear(driver)
    with Clock(args.server_pid) as c:
        push_graph(driver, g, batch_size=args.batch_size)
    out.append(
        c.row(
            f"Bolt sync, first push into an empty database (CREATE by label/type, {args.batch_size} rows/tx)",
            rows,
        )
    )
    assert count_graph(driver) == (g.number_of_nodes(), g.number_of_edges())
    with Clock(args.server_pid) as c:
        second = push_graph(driver, g, batch_size=args.batch_size)
    assert second.unchanged, str(second)
    out.append(
        c.row(
            "Bolt sync, second push of the same graph (MERGE, hash compare, stale check): nothing changed",
            rows,
        )
    )
    clear(driver)  # leave the database as empty as it was found
    driver.close()
    return out


def admin(g) -> list[str]:
    rows = g.number_of_nodes() + g.number_of_edges()
    with tempfile.TemporaryDirectory() as tmp:
        with Clock(None) as files:
            write_neo4j_admin(g, Path(tmp) / "files")
        t = time.perf_counter()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(
            [str(SCRIPT), "import", "--home", str(Path(tmp) / "home"), "--", "neo4j", "@import.args"],
            cwd=Path(tmp) / "files",
            capture_output=True,
            text=True,
        )
        import_s = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        import_cpu = after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime
        if proc.returncode:
            raise SystemExit(proc.stdout[-2000:] + proc.stderr[-2000:])
    total_wall, total_cpu = files.wall + import_s, files.client + import_cpu
    return [
        f"| neo4j-admin files written by paperkg | {rows} | {files.wall:.1f} | {rows / files.wall:.0f} | - | "
        f"{files.client:.1f} | {rows / files.client:.0f} |",
        f"| neo4j-admin database import full (its JVM: server CPU column) | {rows} | {import_s:.1f} | "
        f"{rows / import_s:.0f} | {import_cpu:.1f} | - | {rows / import_cpu:.0f} |",
        f"| neo4j-admin path in all (files + import) | {rows} | {total_wall:.1f} | {rows / total_wall:.0f} | "
        f"{import_cpu:.1f} | {files.client:.1f} | {rows / total_cpu:.0f} |",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph", help="graph.json written by paperkg build")
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--note", default="", help="a line about the machine's load during the run")
    ap.add_argument("--server-pid", type=int, help="the Neo4j server's pid, to count its CPU seconds")
    ap.add_argument("--sample", type=int, default=0, help="also compare with the previous loader on N papers")
    args = ap.parse_args()
    g = read_node_link(args.graph)
    rows = g.number_of_nodes() + g.number_of_edges()
    out = [
        f"Graph: {g.number_of_nodes()} nodes + {g.number_of_edges()} relationships = {rows} rows "
        f"({args.graph}); Neo4j 5.26 Community (scripts/neo4j-server, 1 GiB heap) on the same 2-core machine. "
        + args.note,
        "",
        "| loader | rows | wall s | rows/s (wall) | server CPU s | client CPU s | rows per CPU second |",
        "|---|---|---|---|---|---|---|",
        *bolt(args, g),
        *admin(g),
    ]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "neo4j_load.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
