#!/usr/bin/env python3
"""Neo4j load rate: batched UNWIND ... MERGE versus one transaction per row (a benchmark, not a test).

    scripts/neo4j-server start
    NEO4J_PASSWORD=paperkg-test python benchmarks/neo4j_load.py ../shared/corpora/paperlists_abstracts.jsonl.gz

Builds the graph of the corpus (``--limit`` abstracts, default all; extraction is cached under
``--cache``), empties the database, pushes the whole graph with the batched loader and times it; then
empties it again and pushes a sample of ``--row-sample`` rows one transaction per row (the whole corpus
that way would take far longer; the rate is what is compared). Writes benchmarks/results/neo4j_load.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import tempfile
import time
from pathlib import Path

import networkx as nx

from paperkg.neo4j_store import connect, count_graph, push_graph
from paperkg.pipeline import build

HERE = Path(__file__).resolve().parent


def sample(g: nx.MultiDiGraph, rows: int) -> nx.MultiDiGraph:
    """A subgraph of about ``rows`` nodes + relationships: papers in input order with their neighbours."""
    keep: set[str] = set()
    for n, d in g.nodes(data=True):
        if d["label"] != "Paper":
            continue
        keep |= {n, *g.successors(n)}
        if len(keep) + g.subgraph(keep).number_of_edges() >= rows:
            break
    return g.subgraph(keep).copy()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--row-sample", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", default=str(HERE / ".cache"))
    args = ap.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()[: args.limit] if args.limit else fh.readlines()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        g = build([str(path)], out=None, jobs=args.jobs, cache_dir=args.cache).graph
    driver = connect(args.uri, "neo4j", os.environ["NEO4J_PASSWORD"])
    rows = g.number_of_nodes() + g.number_of_edges()

    def clear() -> None:
        while driver.execute_query(
            "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c"
        ).records[0]["c"]:
            pass

    clear()
    t = time.perf_counter()
    push_graph(driver, g, batch_size=args.batch_size)
    batched_s = time.perf_counter() - t
    assert count_graph(driver) == (g.number_of_nodes(), g.number_of_edges())
    t = time.perf_counter()
    second = push_graph(driver, g, batch_size=args.batch_size)
    again_s = time.perf_counter() - t
    assert second.nodes_created == 0 and second.relationships_created == 0
    small = sample(g, args.row_sample)
    small_rows = small.number_of_nodes() + small.number_of_edges()
    clear()
    t = time.perf_counter()
    push_graph(driver, small, batch_size=1)
    per_row_s = time.perf_counter() - t
    clear()
    driver.close()
    lines_out = [
        f"Corpus: {len(lines)} abstracts -> {g.number_of_nodes()} nodes + {g.number_of_edges()} relationships "
        f"= {rows} rows; Neo4j 5.26 Community (scripts/neo4j-server, 1 GiB heap) on the same 2-core machine.",
        "",
        "| loader | rows | seconds | rows/s |",
        "|---|---|---|---|",
        f"| batched UNWIND ... MERGE, {args.batch_size} rows/transaction (first push) | {rows} | {batched_s:.1f} | "
        f"{rows / batched_s:.0f} |",
        f"| batched, second push of the same graph (no changes) | {rows} | {again_s:.1f} | {rows / again_s:.0f} |",
        f"| one transaction per row (sample) | {small_rows} | {per_row_s:.1f} | {small_rows / per_row_s:.0f} |",
    ]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "neo4j_load.md").write_text("\n".join(lines_out) + "\n", encoding="utf-8")
    print("\n".join(lines_out))


if __name__ == "__main__":
    main()
