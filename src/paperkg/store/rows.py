"""Graph -> typed rows: one row list per node label and per (relationship type, source label, target
label), with exactly the schema's properties. Every store loader (embedded COPY FROM, Neo4j Bolt,
neo4j-admin CSVs) writes these rows, so the stores hold the same values.

The lookup keys live here too: ``name_key`` (the normalised name) and ``name_keys`` (every normalised
name and alias, between ``|``), made with the project's one name normaliser.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.names import name_key
from paperkg.schema import GraphSchema, load_schema

__all__ = [
    "ALIAS_SEPARATOR",
    "GraphRows",
    "RelGroup",
    "TableFiles",
    "content_hash",
    "graph_rows",
    "lookup_keys",
    "write_parquet_tables",
]

ALIAS_SEPARATOR = " | "


def lookup_keys(name: str, aliases: Iterable[str] = ()) -> tuple[str, str]:
    """``(name_key, name_keys)``: the normalised name and ``|k1|k2|...|`` of the name and its aliases."""
    key = name_key(name)
    keys = dict.fromkeys([key, *(name_key(a) for a in aliases if a)])
    return key, "|" + "|".join(k for k in keys if k) + "|"


def content_hash(props: dict[str, Any]) -> str:
    """A short hash of a row's non-null properties (endpoints excluded): equal rows, equal hashes.

    Neo4j keeps it as ``sync_hash`` so that a push skips rows that did not change.
    """
    items = sorted((k, v) for k, v in props.items() if v is not None and k not in {"from", "to"})
    return hashlib.blake2b(json.dumps(items, ensure_ascii=False).encode(), digest_size=8).hexdigest()


RelGroup = tuple[str, str, str]  # (relationship type, source label, target label)


@dataclass
class GraphRows:
    """Rows per node label and per relationship group, properties typed by the schema."""

    nodes: dict[str, list[dict[str, Any]]]
    relationships: dict[RelGroup, list[dict[str, Any]]]

    @property
    def n_rows(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.relationships.values()))


_CAST = {"string": str, "int": int, "float": float}


def _typed(props: dict[str, str], data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for p, kind in props.items():
        v = data.get(p)
        out[p] = None if v is None or v == "" else _CAST[kind](v)
    return out


def graph_rows(g: nx.MultiDiGraph, schema: GraphSchema | None = None) -> GraphRows:
    """Every node and edge of ``g`` as schema-typed rows (node key from the graph, lookup keys filled)."""
    schema = schema or load_schema()
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, d in g.nodes(data=True):
        label = d["label"]
        props = schema.properties(label)
        row = _typed(props, d)
        row[schema.key(label)] = node  # a graph read back from JSON keeps its ids as node keys only
        if "name_keys" in props and d.get("name"):
            aliases = str(d.get("aliases") or "").split(ALIAS_SEPARATOR)
            row["name_key"], row["name_keys"] = lookup_keys(str(d["name"]), aliases)
        nodes[label].append(row)
    rel_props = schema.relationship_properties
    rels: dict[RelGroup, list[dict[str, Any]]] = defaultdict(list)
    for u, v, k, d in g.edges(keys=True, data=True):
        group = (k, g.nodes[u]["label"], g.nodes[v]["label"])
        schema.check_edge(*group)
        rels[group].append({"from": u, "to": v, **_typed(rel_props, d)})
    return GraphRows(dict(nodes), dict(rels))


@dataclass
class TableFiles:
    """Node tables (one file per label) and relationship tables (one per type and endpoint labels).

    Node files hold the schema's properties in schema order; relationship files ``from``, ``to`` and
    then the relationship properties. Any producer of such files (CSV with a header, or Parquet) can
    feed :func:`paperkg.store.embedded.load_tables`.
    """

    nodes: dict[str, Path] = field(default_factory=dict)
    relationships: dict[RelGroup, Path] = field(default_factory=dict)


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}[kind]


def _write_parquet(rows: list[dict[str, Any]], columns: dict[str, str], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = [pa.array([r.get(c) for r in rows], type=_arrow_type(kind)) for c, kind in columns.items()]
    pq.write_table(pa.Table.from_arrays(arrays, names=list(columns)), path)


def write_parquet_tables(
    g: nx.MultiDiGraph, folder: str | Path, schema: GraphSchema | None = None
) -> TableFiles:
    """Write ``g`` as Parquet tables under ``folder``: ``nodes_<Label>.parquet``, ``rels_<T>_<A>_<B>.parquet``."""
    schema = schema or load_schema()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = graph_rows(g, schema)
    files = TableFiles()
    for label, label_rows in rows.nodes.items():
        path = folder / f"nodes_{label}.parquet"
        _write_parquet(label_rows, schema.properties(label), path)
        files.nodes[label] = path
    columns = {"from": "string", "to": "string", **schema.relationship_properties}
    for (rel, a, b), rel_rows in rows.relationships.items():
        path = folder / f"rels_{rel}_{a}_{b}.parquet"
        _write_parquet(rel_rows, columns, path)
        files.relationships[(rel, a, b)] = path
    return files
