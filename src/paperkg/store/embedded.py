"""The embedded graph store: a LadybugDB database file (in-process, Cypher, no server, no Java).

``paperkg build`` writes ``graph.lbug`` next to the exports: the node and relationship tables go to
Parquet files, the DDL generated from ``graph_schema/schema.json`` creates the tables, and ``COPY FROM``
bulk-loads each file. The database is built in a temporary folder and renamed into place, so a store
is complete or absent. Queries open it read-only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from paperkg.schema import GraphSchema, load_schema
from paperkg.store import StoreError
from paperkg.store.rows import TableFiles, write_parquet_tables
from paperkg.tables.layout import TableSet

__all__ = ["STORE_FILE", "EmbeddedStore", "ddl", "load_tables", "write_store"]

STORE_FILE = "graph.lbug"
_TYPES = {"string": "STRING", "int": "INT64", "float": "DOUBLE"}


def _q(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not an identifier: {name!r}")
    return f"`{name}`"


def ddl(schema: GraphSchema | None = None) -> list[str]:
    """``CREATE NODE TABLE`` / ``CREATE REL TABLE`` statements for every label and relationship type."""
    schema = schema or load_schema()
    out = []
    for label in schema.labels:
        cols = ", ".join(f"{_q(p)} {_TYPES[t]}" for p, t in schema.properties(label).items())
        out.append(f"CREATE NODE TABLE {_q(label)}({cols}, PRIMARY KEY({_q(schema.key(label))}))")
    rel_cols = ", ".join(f"{_q(p)} {_TYPES[t]}" for p, t in schema.relationship_properties.items())
    for rel in schema.relationship_types:
        spec = schema.relationship(rel)
        pairs = ", ".join(f"FROM {_q(a)} TO {_q(b)}" for a in spec["from"] for b in spec["to"])
        out.append(f"CREATE REL TABLE {_q(rel)}({pairs}, {rel_cols})")
    return out


def _lb() -> Any:
    import ladybug

    return ladybug


def _copy(table: str, path: Path, endpoints: tuple[str, str] | None = None) -> str:
    # the file name is ours (written by a table producer), never user text
    text = str(path.resolve())
    if '"' in text:
        raise StoreError(f"{path}: table file names may not contain double quotes")
    opts = [f'from="{endpoints[0]}"', f'to="{endpoints[1]}"'] if endpoints else []
    if path.suffix == ".csv":
        opts.append("header=true")
    return f'COPY {_q(table)} FROM "{text}"' + (f" ({', '.join(opts)})" if opts else "")


def load_tables(db_path: str | Path, tables: TableFiles, schema: GraphSchema | None = None) -> None:
    """Create a new database at ``db_path`` with the schema's tables and bulk-load ``tables`` into it."""
    lb = _lb()
    db = lb.Database(str(db_path))
    try:
        conn = lb.Connection(db)
        for stmt in ddl(schema):
            conn.execute(stmt)
        for label, path in tables.nodes.items():
            conn.execute(_copy(label, path))
        for (rel, a, b), path in tables.relationships.items():
            conn.execute(_copy(rel, path, (a, b)))
        conn.close()
    finally:
        db.close()


def write_store(g: nx.MultiDiGraph | TableSet, path: str | Path, schema: GraphSchema | None = None) -> Path:
    """Write ``g`` (a graph, or a build's Parquet tables, loaded as they are) as an embedded store at
    ``path`` (built aside, then renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=path.parent) as tmp:
        tables = (
            g.table_files()
            if isinstance(g, TableSet)
            else write_parquet_tables(g, Path(tmp) / "tables", schema)
        )
        db_file = Path(tmp) / path.name
        load_tables(db_file, tables, schema)
        for leftover in Path(tmp).glob(f"{path.name}.*"):  # a write-ahead log after a clean close
            leftover.unlink()
        os.replace(db_file, path)
    for stale in path.parent.glob(f"{path.name}.wal"):
        stale.unlink()
    return path


class EmbeddedStore:
    """A read-only connection to an embedded store; ``run`` answers Cypher with parameters."""

    engine = "ladybug"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            self.path = self.path / STORE_FILE
        if not self.path.is_file():
            raise StoreError(
                f"{path}: no embedded store (run 'paperkg build' first; it writes {STORE_FILE} "
                "next to the exports)"
            )
        lb = _lb()
        try:
            self._db = lb.Database(str(self.path), read_only=True)
            self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc

    def run(self, query: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Column names and rows (dicts) of ``query``; values travel as parameters."""
        try:
            result = self._conn.execute(query, params or {})
        except RuntimeError as exc:
            message = " ".join(str(exc).split())
            if "Cannot find property" in message or "does not exist" in message:
                message += f" (if the query is right, {self.path} may predate this paperkg: build again)"
            raise StoreError(message) from exc
        keys = list(result.get_column_names())
        rows = []
        while result.has_next():
            rows.append(dict(zip(keys, result.get_next(), strict=True)))
        return keys, rows

    def close(self) -> None:
        """Release the database file."""
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
