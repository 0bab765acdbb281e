"""The rows an exporter writes, from either a networkx graph or built Parquet tables.

Exporters that need no graph structure (CSV, neo4j-admin, the Cypher script) take a
:data:`GraphSource` and stream its rows, so a big build is written from its tables without ever
holding the graph in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from paperkg.schema import load_schema
from paperkg.tables.layout import TableSet

__all__ = ["GraphSource", "edge_rows", "node_rows"]

GraphSource = nx.MultiDiGraph | TableSet


def node_rows(source: GraphSource, label: str) -> Iterator[tuple[str, dict[str, object]]]:
    """``(id, properties)`` of every node with this label."""
    if isinstance(source, TableSet):
        for row in source.node_rows(label):
            yield row.id, row.props
        return
    for n, data in source.nodes(data=True):
        if data["label"] == label:
            yield n, {k: v for k, v in data.items() if k not in {"id", "label"}}


def edge_rows(source: GraphSource) -> Iterator[tuple[str, str, str, str, str, dict[str, object]]]:
    """``(source, target, type, source label, target label, properties)`` of every relationship,
    grouped by type (schema order) and endpoint labels."""
    if isinstance(source, TableSet):
        for rel, lu, lv in source.rel_groups():
            for batch in source.rel_batches(rel, lu, lv):
                for row in batch.to_pylist():
                    yield row.pop("source"), row.pop("target"), rel, lu, lv, row
        return
    order = {rel: i for i, rel in enumerate(load_schema().relationship_types)}
    labels = source.nodes(data="label")
    groups: dict[tuple[str, str, str], list[tuple[str, str, dict]]] = {}
    for u, v, k, data in source.edges(keys=True, data=True):
        groups.setdefault((k, labels[u], labels[v]), []).append((u, v, data))
    for (rel, lu, lv), items in sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0])):
        for u, v, data in items:
            yield u, v, rel, lu, lv, {k: val for k, val in data.items() if k != "type"}
