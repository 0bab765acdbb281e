"""A bounded overview of a graph too big for networkx: its most-named entities with some papers.

Read from the tables in batches (memory bounded by the overview's size, not the graph's): the top
entities and repositories by ``n_papers``, up to a few papers for each, and every relationship among
them. The HTML export draws this when the whole graph is over the build's graph limit.
"""

from __future__ import annotations

import heapq

import networkx as nx
import pyarrow as pa
import pyarrow.compute as pc

from paperkg.graph import NodeRow, graph_from_rows
from paperkg.schema import load_schema
from paperkg.tables.layout import TableSet

__all__ = ["overview_graph"]

_NOT_NAMED = {"Paper", "Result"}


def _top_nodes(tables: TableSet, k: int) -> dict[str, NodeRow]:
    heap: list[tuple[int, str, str, dict]] = []
    for label in load_schema().labels:
        if label in _NOT_NAMED:
            continue
        for batch in tables.node_batches(label):
            for row in batch.to_pylist():
                item = (row["n_papers"] or 0, row["id"], label, row)
                if len(heap) < k:
                    heapq.heappush(heap, item)
                elif item[:2] > heap[0][:2]:
                    heapq.heapreplace(heap, item)
    return {
        key: NodeRow(key, label, {c: v for c, v in row.items() if c != "id"}) for _, key, label, row in heap
    }


def _paper_edges(tables: TableSet, targets: pa.Array) -> list[tuple[str, str, str, pa.RecordBatch]]:
    out = []
    for rel, lu, lv in tables.rel_groups():
        if lu != "Paper" or lv in _NOT_NAMED:
            continue
        for batch in tables.rel_batches(rel, lu, lv):
            hit = batch.filter(pc.is_in(batch.column("to"), value_set=targets))
            if hit.num_rows:
                out.append((rel, lu, lv, hit))
    return out


def overview_graph(tables: TableSet, max_nodes: int) -> nx.MultiDiGraph:
    """The top ``max_nodes // 4`` entities by papers, up to ``max_nodes // entities`` papers each
    (first in table order), and the relationships between those papers and entities."""
    entities = _top_nodes(tables, max(1, max_nodes // 4))
    per = max(1, max_nodes // max(1, len(entities)))
    targets = pa.array(sorted(entities), pa.string())
    quota: dict[str, int] = {}
    papers: set[str] = set()
    edges = _paper_edges(tables, targets)
    for _, _, _, batch in edges:
        for u, v in zip(batch.column("from").to_pylist(), batch.column("to").to_pylist(), strict=True):
            if quota.get(v, 0) < per and u not in papers:
                quota[v] = quota.get(v, 0) + 1
                papers.add(u)
    chosen = pa.array(sorted(papers), pa.string())
    nodes = list(entities.values())
    for batch in tables.node_batches("Paper"):
        for row in batch.filter(pc.is_in(batch.column("id"), value_set=chosen)).to_pylist():
            nodes.append(NodeRow(row.pop("id"), "Paper", row))
    rows = []
    for rel, _, _, batch in edges:
        for row in batch.filter(pc.is_in(batch.column("from"), value_set=chosen)).to_pylist():
            rows.append((row.pop("from"), row.pop("to"), rel, row))
    return graph_from_rows(nodes, rows)
