"""Where each table lives, its Arrow schema (from ``graph_schema/schema.json``) and how to read it.

:class:`TableSet` reads a built folder: node batches per label, relationship batches per type and
endpoints, evidence, counts (from the Parquet footers, without reading the data), and a networkx
graph of it all for the exports that need one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from paperkg.atomic import atomic_file
from paperkg.graph import NodeRow, graph_from_rows
from paperkg.schema import load_schema
from paperkg.store.rows import TableFiles

__all__ = [
    "EVIDENCE_SCHEMA",
    "STAGING_SCHEMA",
    "TableSet",
    "node_schema",
    "rel_schema",
    "write_table",
]

_ARROW = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}


def node_schema(label: str) -> pa.Schema:
    """A node table's columns: the label's key, then its other properties, typed as the schema says."""
    schema = load_schema()
    props = schema.properties(label)
    key = schema.key(label)
    names = [key] + [p for p in props if p != key]
    return pa.schema([pa.field(n, _ARROW[props[n]]) for n in names])


def rel_schema() -> pa.Schema:
    """A relationship table's columns: ``from``, ``to``, then the relationship properties."""
    props = load_schema().relationship_properties
    return pa.schema(
        [pa.field("from", pa.string()), pa.field("to", pa.string())]
        + [pa.field(p, _ARROW[t]) for p, t in props.items()]
    )


EVIDENCE_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("target", pa.string()),
        ("type", pa.string()),
        ("paper_id", pa.string()),
        ("sentence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("rule", pa.string()),
        ("confidence", pa.float64()),
    ]
)

# A partition's relationships before the final keys: endpoints' labels kept to route rows later.
STAGING_SCHEMA = pa.schema(
    [
        pa.field("type", pa.string()),
        pa.field("source_label", pa.string()),
        pa.field("target_label", pa.string()),
        *list(rel_schema()),
    ]
)


def write_table(table: pa.Table, path: Path) -> Path:
    """Write ``table`` to ``path`` whole or not at all (:func:`paperkg.atomic.atomic_file`)."""
    with atomic_file(path, "wb") as fh:
        pq.write_table(table, fh, compression="zstd")
    return path


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


@dataclass(frozen=True)
class TableSet:
    """A built tables folder (see :mod:`paperkg.tables`)."""

    root: Path

    def node_dir(self, label: str) -> Path:
        return self.root / "nodes" / label

    def rel_dir(self, rel: str, source_label: str, target_label: str) -> Path:
        return self.root / "relationships" / rel / f"{source_label}-{target_label}"

    @property
    def evidence_dir(self) -> Path:
        return self.root / "evidence"

    @property
    def staging_dir(self) -> Path:
        return self.root / ".staging"

    def node_files(self, label: str) -> list[Path]:
        return sorted(self.node_dir(label).glob("part-*.parquet"))

    def rel_groups(self) -> list[tuple[str, str, str]]:
        """Every ``(type, from label, to label)`` with a table, in schema order."""
        out = []
        for rel in load_schema().relationship_types:
            folder = self.root / "relationships" / rel
            for d in sorted(folder.iterdir()) if folder.is_dir() else []:
                if any(d.glob("part-*.parquet")):
                    source, target = d.name.split("-", 1)
                    out.append((rel, source, target))
        return out

    def rel_files(self, rel: str, source_label: str, target_label: str) -> list[Path]:
        return sorted(self.rel_dir(rel, source_label, target_label).glob("part-*.parquet"))

    def node_batches(self, label: str, batch_size: int = 20_000) -> Iterator[pa.RecordBatch]:
        for f in self.node_files(label):
            yield from pq.ParquetFile(f).iter_batches(batch_size=batch_size)

    def rel_batches(
        self, rel: str, source: str, target: str, batch_size: int = 20_000
    ) -> Iterator[pa.RecordBatch]:
        for f in self.rel_files(rel, source, target):
            yield from pq.ParquetFile(f).iter_batches(batch_size=batch_size)

    def evidence_batches(self, batch_size: int = 50_000) -> Iterator[pa.RecordBatch]:
        for f in sorted(self.evidence_dir.glob("part-*.parquet")):
            yield from pq.ParquetFile(f).iter_batches(batch_size=batch_size)

    def node_rows(self, label: str) -> Iterator[NodeRow]:
        key = load_schema().key(label)
        for batch in self.node_batches(label):
            for row in batch.to_pylist():
                yield NodeRow(row.pop(key), label, row)

    def edge_rows(self) -> Iterator[tuple[str, str, str, dict]]:
        """``(source, target, type, properties)`` for every relationship."""
        for rel, source, target in self.rel_groups():
            for batch in self.rel_batches(rel, source, target):
                for row in batch.to_pylist():
                    yield row.pop("from"), row.pop("to"), rel, row

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and edge counts by type, from the Parquet footers."""
        schema = load_schema()
        nodes = {
            label: sum(pq.ParquetFile(f).metadata.num_rows for f in self.node_files(label))
            for label in schema.labels
        }
        edges: dict[str, int] = {}
        for rel, s, t in self.rel_groups():
            edges[rel] = edges.get(rel, 0) + sum(
                pq.ParquetFile(f).metadata.num_rows for f in self.rel_files(rel, s, t)
            )
        return {
            "nodes": dict(sorted((k, v) for k, v in nodes.items() if v)),
            "edges": dict(sorted((k, v) for k, v in edges.items() if v)),
        }

    def size(self) -> int:
        """Nodes plus relationships."""
        c = self.counts()
        return sum(c["nodes"].values()) + sum(c["edges"].values())

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph in networkx (mind its size: see :meth:`size`)."""
        nodes = (row for label in load_schema().labels for row in self.node_rows(label))
        return graph_from_rows(nodes, self.edge_rows())

    def table_files(self) -> TableFiles:
        """The tables as the embedded store loads them (one glob of part files per table)."""
        files = TableFiles()
        for label in load_schema().labels:
            if self.node_files(label):
                files.nodes[label] = self.node_dir(label) / "part-*.parquet"
        for group in self.rel_groups():
            files.relationships[group] = self.rel_dir(*group) / "part-*.parquet"
        return files

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.parquet") if ".staging" not in p.parts)
