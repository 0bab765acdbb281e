"""Push a graph into Neo4j and keep it in sync: write what is new or changed, remove what this graph's
papers no longer state.

Rows come from :func:`paperkg.store.rows.graph_rows`, grouped by label and by relationship type, in
batched ``UNWIND`` transactions. A label or type that the database does not hold yet is written with
``CREATE`` (no look-up per row); otherwise ``MERGE`` by key, setting only rows whose ``sync_hash``
differs. A first load into an empty database creates the key constraints before its writes and the
other indexes after them (built once, not updated row by row). Then, for the papers of this graph, relationships (from the papers and from their Result
nodes) that the graph no longer has are deleted, with Result nodes no longer stated and entities
left without any relationship. Pushing the same graph twice creates, sets and removes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from paperkg.schema import GraphSchema, load_schema
from paperkg.store import cypher
from paperkg.store.neo4j import Neo4jLoadError, ensure_schema
from paperkg.store.rows import GraphRows, RelGroup, content_hash, graph_rows

__all__ = ["SyncReport", "push_graph"]


@dataclass
class SyncReport:
    """What a push changed, from the server's own counters."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_removed: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_removed: int = 0
    properties_set: int = 0
    rows_sent: int = 0
    transactions: int = 0
    constraints: int = 0

    @property
    def unchanged(self) -> bool:
        return not any(
            (self.nodes_created, self.nodes_updated, self.nodes_removed, self.relationships_created,
             self.relationships_updated, self.relationships_removed, self.properties_set)
        )  # fmt: skip

    def __str__(self) -> str:
        return (
            f"nodes created {self.nodes_created}, updated {self.nodes_updated}, removed {self.nodes_removed}; "
            f"relationships created {self.relationships_created}, updated {self.relationships_updated}, "
            f"removed {self.relationships_removed}; properties set {self.properties_set}; "
            f"{self.rows_sent} rows in {self.transactions} transactions"
        )


class _Writer:
    def __init__(self, driver: Driver, database: str | None, report: SyncReport, batch_size: int) -> None:
        self.driver, self.database, self.report, self.batch_size = driver, database, report, batch_size

    def count(self, query: str) -> int:
        return self.driver.execute_query(query, database_=self.database).records[0]["n"]

    def batches(self, rows: list[Any]) -> Iterator[list[Any]]:
        for i in range(0, len(rows), self.batch_size):
            yield rows[i : i + self.batch_size]

    def write(self, query: str, **params: Any) -> tuple[int, Any]:
        """Run one write transaction; (rows it reports changed, the server's counters)."""

        def work(tx: Any) -> tuple[int, Any]:
            result = tx.run(query, **params)
            record = result.single()
            return (record["changed"] if record else 0), result.consume().counters

        with self.driver.session(database=self.database) as session:
            changed, counters = session.execute_write(work)
        self.report.properties_set += counters.properties_set
        self.report.transactions += 1
        return changed, counters

    def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(query, parameters_=params, database_=self.database)
        return [r.data() for r in records]


def _send(w: _Writer, query: str, payload: list[dict], progress: Callable[[int], None]) -> tuple[int, int]:
    """Write ``payload`` in batches; (rows the query changed, nodes + relationships it created)."""
    changed = created = 0
    for batch in w.batches(payload):
        n, counters = w.write(query, rows=batch)
        changed += n
        created += counters.nodes_created + counters.relationships_created
        w.report.rows_sent += len(batch)
        progress(len(batch))
    return changed, created


def _write_nodes(w: _Writer, rows: GraphRows, schema: GraphSchema, progress: Callable[[int], None]) -> None:
    for label, label_rows in rows.nodes.items():
        key = schema.key(label)
        empty = w.count(cypher.count_label(label)) == 0
        query = cypher.create_nodes(label) if empty else cypher.merge_nodes(label, key)
        payload = [{"key": r[key], "props": _present(r), "h": content_hash(r)} for r in label_rows]
        changed, created = _send(w, query, payload, progress)
        w.report.nodes_created += created
        w.report.nodes_updated += changed - created


def _write_relationships(
    w: _Writer, rows: GraphRows, schema: GraphSchema, progress: Callable[[int], None]
) -> None:
    empty_types = {rel for rel in schema.relationship_types if w.count(cypher.count_type(rel)) == 0}
    for (rel, a, b), rel_rows in sorted(rows.relationships.items()):
        make = cypher.create_relationships if rel in empty_types else cypher.merge_relationships
        query = make(rel, a, schema.key(a), b, schema.key(b))
        payload = [
            {"s": r["from"], "t": r["to"], "props": _present(r), "h": content_hash(r)} for r in rel_rows
        ]
        changed, created = _send(w, query, payload, progress)
        w.report.relationships_created += created
        w.report.relationships_updated += changed - created


def _present(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None and k not in {"from", "to"}}


def _prune(w: _Writer, g: nx.MultiDiGraph, rows: GraphRows, schema: GraphSchema) -> None:
    """Delete what the database holds for this graph's papers and the graph no longer has."""
    papers = [r["id"] for r in rows.nodes.get("Paper", [])]
    results = w.read("UNWIND $ids AS id MATCH (r:Result {paper_id: id}) RETURN r.id AS id", ids=papers)
    stale_results = [r["id"] for r in results if r["id"] not in g]
    have: dict[RelGroup, list[dict[str, str]]] = defaultdict(list)
    for label, ids in (("Paper", papers), ("Result", [r["id"] for r in results if r["id"] in g])):
        for batch in w.batches(ids):
            for r in w.read(cypher.outgoing_relationships(label, schema.key(label)), ids=batch):
                if not g.has_edge(r["s"], r["t"], key=r["type"]):
                    have[(r["type"], label, r["target_label"])].append({"s": r["s"], "t": r["t"]})
    touched: dict[str, set[str]] = defaultdict(set)
    for (rel, a, b), gone in have.items():
        for batch in w.batches(gone):
            changed, _ = w.write(
                cypher.delete_relationships(rel, a, schema.key(a), b, schema.key(b)), rows=batch
            )
            w.report.relationships_removed += changed
        touched[b].update(r["t"] for r in gone if r["t"] not in g)
    for batch in w.batches(stale_results):
        _, counters = w.write(cypher.delete_nodes("Result", "id"), ids=batch)
        w.report.nodes_removed += counters.nodes_deleted
        w.report.relationships_removed += counters.relationships_deleted
    for label, ids in touched.items():
        for batch in w.batches(sorted(ids - set(stale_results))):
            _, counters = w.write(cypher.delete_orphans(label, schema.key(label)), ids=batch)
            w.report.nodes_removed += counters.nodes_deleted


def push_graph(
    driver: Driver,
    g: nx.MultiDiGraph,
    database: str | None = None,
    batch_size: int = 5000,
    on_progress: Callable[[int], None] | None = None,
    schema: GraphSchema | None = None,
    prune: bool = True,
) -> SyncReport:
    """Write ``g`` into Neo4j and (``prune``) remove what its papers no longer state."""
    schema = schema or load_schema()
    report = SyncReport()
    w = _Writer(driver, database, report, batch_size)
    rows = graph_rows(g, schema)
    # before any write: a missing database or a refused statement comes out as the driver's own error
    was_empty = w.count(cypher.COUNT_NODES) == 0
    report.constraints = ensure_schema(driver, database, schema, "constraints" if was_empty else "all")
    try:
        _write_nodes(w, rows, schema, on_progress or (lambda _n: None))
        _write_relationships(w, rows, schema, on_progress or (lambda _n: None))
        if was_empty:  # the other indexes are built once, over the loaded data
            report.constraints += ensure_schema(driver, database, schema, "indexes")
        elif prune:
            _prune(w, g, rows, schema)
    except (Neo4jError, ServiceUnavailable) as exc:
        raise Neo4jLoadError(
            f"write failed after retries: {' '.join(str(exc).split())}; so far: {report}"
        ) from exc
    return report
