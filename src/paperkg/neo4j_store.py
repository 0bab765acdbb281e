"""Neo4j: load the graph into a Neo4j 5 server over Bolt, and run Cypher queries against it.

The loader creates the schema's constraints and indexes first, then writes nodes and relationships
in batched ``UNWIND ... MERGE`` transactions keyed by the schema's stable keys, so pushing twice
changes no counts. Managed write transactions retry transient errors; a failure that persists is
reported with what had been written before it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from paperkg.cypher import COUNT_NODES, COUNT_RELS, merge_nodes, merge_relationships
from paperkg.schema import GraphSchema, constraints_cypher, load_schema, schema_dir

__all__ = [
    "LoadReport",
    "Neo4jConnectionError",
    "Neo4jLoadError",
    "ReadyQuery",
    "connect",
    "count_graph",
    "ensure_schema",
    "format_records",
    "push_graph",
    "ready_queries",
    "run_query",
]


class Neo4jConnectionError(RuntimeError):
    """The server could not be reached or refused the credentials."""


class Neo4jLoadError(RuntimeError):
    """A write failed after retries; ``report`` says what had been written."""

    def __init__(self, message: str, report: LoadReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class LoadReport:
    """Counts from the server's own summaries of the writes."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    nodes_sent: int = 0
    relationships_sent: int = 0
    transactions: int = 0
    constraints: int = 0

    def __str__(self) -> str:
        return (
            f"nodes sent {self.nodes_sent} (created {self.nodes_created}), relationships sent "
            f"{self.relationships_sent} (created {self.relationships_created}), properties set "
            f"{self.properties_set}, {self.transactions} transactions"
        )


def connect(uri: str, user: str, password: str) -> Driver:
    """A verified driver; wrong credentials or an unreachable server raise :class:`Neo4jConnectionError`."""
    try:
        driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10)
        driver.verify_connectivity()
    except AuthError as exc:
        raise Neo4jConnectionError(f"Neo4j at {uri} refused user {user!r}: wrong user or password") from exc
    except (ServiceUnavailable, OSError) as exc:
        raise Neo4jConnectionError(f"cannot reach Neo4j at {uri}: {exc}") from exc
    except ValueError as exc:
        raise Neo4jConnectionError(f"bad Neo4j URI {uri!r}: {exc}") from exc
    return driver


def ensure_schema(driver: Driver, database: str | None = None, schema: GraphSchema | None = None) -> int:
    """Create the schema's constraints and indexes (IF NOT EXISTS); returns how many statements ran."""
    statements = constraints_cypher(schema)
    for stmt in statements:
        driver.execute_query(stmt, database_=database)
    return len(statements)


def _clean(props: dict[str, Any], allowed: dict[str, str]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k in allowed and v is not None and v != ""}


def _batches(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _write(driver: Driver, database: str | None, query: str, rows: list[dict], report: LoadReport) -> None:
    def work(tx: Any) -> Any:
        return tx.run(query, rows=rows).consume()

    with driver.session(database=database) as session:
        summary = session.execute_write(work)
    c = summary.counters
    report.nodes_created += c.nodes_created
    report.relationships_created += c.relationships_created
    report.properties_set += c.properties_set
    report.transactions += 1


def push_graph(
    driver: Driver,
    g: nx.MultiDiGraph,
    database: str | None = None,
    batch_size: int = 1000,
    on_progress: Callable[[int], None] | None = None,
    schema: GraphSchema | None = None,
) -> LoadReport:
    """Write ``g`` into Neo4j; ``batch_size=1`` gives one transaction per row (for comparison)."""
    schema = schema or load_schema()
    report = LoadReport()
    report.constraints = ensure_schema(driver, database, schema)
    by_label: dict[str, list[dict]] = defaultdict(list)
    for node, d in g.nodes(data=True):
        label = d["label"]
        by_label[label].append({"key": node, "props": _clean(d, schema.properties(label))})
    rel_props = schema.relationship_properties
    by_rel: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, k, d in g.edges(keys=True, data=True):
        lu, lv = g.nodes[u]["label"], g.nodes[v]["label"]
        schema.check_edge(k, lu, lv)
        by_rel[(k, lu, lv)].append({"s": u, "t": v, "props": _clean(d, rel_props)})
    try:
        for label, rows in by_label.items():
            query = merge_nodes(label, schema.key(label))
            for batch in _batches(rows, batch_size):
                _write(driver, database, query, batch, report)
                report.nodes_sent += len(batch)
                if on_progress:
                    on_progress(len(batch))
        for (rel, lu, lv), rows in sorted(by_rel.items()):
            query = merge_relationships(rel, lu, schema.key(lu), lv, schema.key(lv))
            for batch in _batches(rows, batch_size):
                _write(driver, database, query, batch, report)
                report.relationships_sent += len(batch)
                if on_progress:
                    on_progress(len(batch))
    except (Neo4jError, ServiceUnavailable) as exc:
        raise Neo4jLoadError(f"write failed after retries: {exc}; written so far: {report}", report) from exc
    return report


def count_graph(driver: Driver, database: str | None = None) -> tuple[int, int]:
    """(nodes, relationships) in the database."""
    n = driver.execute_query(COUNT_NODES, database_=database).records[0]["n"]
    r = driver.execute_query(COUNT_RELS, database_=database).records[0]["n"]
    return n, r


def run_query(
    driver: Driver, query: str, params: dict[str, Any] | None = None, database: str | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and rows (as plain dicts) of a read query."""
    records, _, keys = driver.execute_query(query, parameters_=params or {}, database_=database)
    return list(keys), [_plain(r.data()) for r in records]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def format_records(keys: list[str], rows: list[dict[str, Any]], fmt: str = "table") -> str:
    """Rows as an aligned text table, JSON Lines-free JSON array, or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in r.items()})
        return buf.getvalue().rstrip("\n")
    cells = [[str(r.get(k, "")) for k in keys] for r in rows]
    widths = [min(60, max([len(k)] + [len(c[i]) for c in cells])) for i, k in enumerate(keys)]
    line = lambda vals: "  ".join(v[:60].ljust(w) for v, w in zip(vals, widths, strict=True))  # noqa: E731
    out = [line(keys), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


@dataclass
class ReadyQuery:
    """A named Cypher query from ``graph_schema/queries`` with what it answers and its parameters."""

    name: str
    answers: str
    params: list[str]
    text: str
    path: Path
    example: dict[str, str] = field(default_factory=dict)


def ready_queries(folder: Path | None = None) -> dict[str, ReadyQuery]:
    """The ready queries by name. Each file starts with ``// answers:`` and ``// params:`` lines."""
    folder = folder or schema_dir() / "queries"
    out: dict[str, ReadyQuery] = {}
    for path in sorted(folder.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        meta = dict(re.findall(r"^//[ \t]*(\w+):[ \t]*(.*)$", text, flags=re.M))
        params = [p.strip() for p in meta.get("params", "").split(",") if p.strip()]
        example = dict(kv.split("=", 1) for kv in meta.get("example", "").split() if "=" in kv)
        out[path.stem] = ReadyQuery(path.stem, meta.get("answers", ""), params, text, path, example)
    return out
