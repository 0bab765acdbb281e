"""The rows an exporter writes, from either a networkx graph or built Parquet tables.

Rows are the stores' rows (:func:`paperkg.store.rows.graph_rows`): schema-typed properties with the
node key, lookup keys filled, relationships with ``from`` and ``to``. From a build's tables they are
streamed batch by batch, so a big build is written without ever holding the graph in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from paperkg.schema import load_schema
from paperkg.store.rows import RelGroup, graph_rows
from paperkg.tables.layout import TableSet

__all__ = ["GraphSource", "SourceRows"]

GraphSource = nx.MultiDiGraph | TableSet


class SourceRows:
    """Node rows per label and relationship rows per group (type, from label, to label), in schema
    order, from a graph (converted once) or from tables (streamed)."""

    def __init__(self, source: GraphSource) -> None:
        self.tables = source if isinstance(source, TableSet) else None
        self.rows = None if self.tables is not None else graph_rows(source)

    def nodes(self, label: str) -> Iterator[dict[str, Any]]:
        if self.rows is not None:
            yield from self.rows.nodes.get(label, [])
            return
        for batch in self.tables.node_batches(label):
            yield from batch.to_pylist()

    def groups(self) -> list[RelGroup]:
        if self.tables is not None:
            return self.tables.rel_groups()
        order = {rel: i for i, rel in enumerate(load_schema().relationship_types)}
        return sorted(self.rows.relationships, key=lambda g: (order[g[0]], g))

    def relationships(self, group: RelGroup) -> Iterator[dict[str, Any]]:
        if self.rows is not None:
            yield from self.rows.relationships.get(group, [])
            return
        for batch in self.tables.rel_batches(*group):
            yield from batch.to_pylist()
