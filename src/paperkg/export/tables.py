"""Two plain CSV tables, ``nodes.csv`` and ``edges.csv``, for pandas, R or a spreadsheet.

Written row by row from a graph or from a build's Parquet tables (see :mod:`paperkg.export.rows`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from paperkg.export._io import PathOrFile, opened
from paperkg.export.rows import GraphSource, SourceRows
from paperkg.schema import load_schema

__all__ = ["EDGE_COLUMNS", "node_columns", "read_csv_tables", "write_edges_csv", "write_nodes_csv"]

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


def node_columns() -> list[str]:
    """``id``, ``label``, then every node property of the schema (first label first)."""
    schema = load_schema()
    cols = ["id", "label"]
    for label in schema.labels:
        cols.extend(p for p in schema.properties(label) if p not in cols)
    return cols


def write_nodes_csv(source: GraphSource, target: PathOrFile) -> None:
    """One row per node: id, label, then every property (empty where a label has none)."""
    rows = SourceRows(source)
    with opened(target, "w") as fh:
        w = csv.DictWriter(fh, fieldnames=node_columns(), extrasaction="ignore")
        w.writeheader()
        for label in load_schema().labels:
            for row in rows.nodes(label):
                w.writerow({**row, "label": label})


def write_edges_csv(source: GraphSource, target: PathOrFile) -> None:
    """One row per edge with its type and evidence."""
    rows = SourceRows(source)
    with opened(target, "w") as fh:
        w = csv.DictWriter(fh, fieldnames=EDGE_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for group in rows.groups():
            for row in rows.relationships(group):
                w.writerow({**row, "source": row["from"], "target": row["to"], "type": group[0]})


def read_csv_tables(nodes: str | Path, edges: str | Path) -> nx.MultiDiGraph:
    """Rebuild a graph from the two tables; numbers get back the types graph_schema gives them."""
    schema = load_schema()
    g = nx.MultiDiGraph()
    with open(nodes, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            types = schema.properties(row["label"]) if row.get("label") in schema.labels else {}
            g.add_node(row["id"], **{k: _typed(v, types.get(k)) for k, v in row.items() if v != ""})
    rel_types = schema.relationship_properties
    with open(edges, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            attrs = {k: _typed(v, rel_types.get(k)) for k, v in row.items() if v != "" and k not in _ENDS}
            g.add_edge(row["source"], row["target"], key=row["type"], **attrs)
    return g


_ENDS = {"source", "target"}


def _typed(value: str, kind: str | None) -> object:
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        pass
    return value
