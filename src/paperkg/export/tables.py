"""Two plain CSV tables, ``nodes.csv`` and ``edges.csv``, for pandas, R or a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from paperkg.export._io import PathOrFile, opened

__all__ = ["EDGE_COLUMNS", "read_csv_tables", "write_edges_csv", "write_nodes_csv"]

EDGE_COLUMNS = [
    "source",
    "target",
    "type",
    "paper_id",
    "sentence",
    "start",
    "end",
    "rule",
    "confidence",
    "n_mentions",
    "evidence",
]


def _node_columns(g: nx.MultiDiGraph) -> list[str]:
    cols = ["id", "label"]
    for _, data in g.nodes(data=True):
        cols.extend(k for k in data if k not in cols)
    return cols


def write_nodes_csv(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """One row per node: id, label, then every property any node has."""
    cols = _node_columns(g)
    with opened(target, "w") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for _, data in g.nodes(data=True):
            w.writerow(data)


def write_edges_csv(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """One row per edge with its type and evidence."""
    with opened(target, "w") as fh:
        w = csv.DictWriter(fh, fieldnames=EDGE_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for u, v, data in g.edges(data=True):
            w.writerow({"source": u, "target": v, **data})


def read_csv_tables(nodes: str | Path, edges: str | Path) -> nx.MultiDiGraph:
    """Rebuild a graph (all values as strings) from the two tables."""
    g = nx.MultiDiGraph()
    with open(nodes, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            g.add_node(row["id"], **{k: v for k, v in row.items() if v != ""})
    with open(edges, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            g.add_edge(row["source"], row["target"], key=row["type"], **row)
    return g
