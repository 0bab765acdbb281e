"""Cypher text used by the Neo4j loader, kept apart from the code that runs it.

Labels and relationship types are filled in from the schema (checked identifiers); every value
travels as a parameter (``$rows``, ``$ids``), never inside the query string. Each written node and
relationship carries ``sync_hash``, a hash of its properties, so an unchanged row is matched and left
alone (a second push sets nothing).
"""

from __future__ import annotations

import re

__all__ = [
    "COUNT_NODES",
    "COUNT_RELS",
    "count_label",
    "count_type",
    "create_nodes",
    "create_relationships",
    "delete_nodes",
    "delete_orphans",
    "delete_relationships",
    "merge_nodes",
    "merge_relationships",
    "outgoing_relationships",
]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_RELS = "MATCH ()-[r]->() RETURN count(r) AS n"


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a Cypher identifier: {name!r}")
    return name


def count_label(label: str) -> str:
    """Nodes of one label (answered from Neo4j's count store)."""
    return f"MATCH (n:{_ident(label)}) RETURN count(n) AS n"


def count_type(rel: str) -> str:
    """Relationships of one type (answered from Neo4j's count store)."""
    return f"MATCH ()-[r:{_ident(rel)}]->() RETURN count(r) AS n"


def merge_nodes(label: str, key: str) -> str:
    """Upsert a batch of nodes by key; only rows whose hash differs are written. ``$rows`` = [{key, props, h}]."""
    return (
        f"UNWIND $rows AS row MERGE (n:{_ident(label)} {{{_ident(key)}: row.key}}) "
        "WITH n, row WHERE n.sync_hash IS NULL OR n.sync_hash <> row.h "
        "SET n = row.props, n.sync_hash = row.h RETURN count(n) AS changed"
    )


def create_nodes(label: str) -> str:
    """Create a batch of nodes where the label is known to be empty (no look-up per row)."""
    return (
        f"UNWIND $rows AS row CREATE (n:{_ident(label)}) SET n = row.props, n.sync_hash = row.h "
        "RETURN count(n) AS changed"
    )


def _endpoints(source_label: str, source_key: str, target_label: str, target_key: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_ident(source_label)} {{{_ident(source_key)}: row.s}}) "
        f"MATCH (b:{_ident(target_label)} {{{_ident(target_key)}: row.t}}) "
    )


def merge_relationships(
    rel: str, source_label: str, source_key: str, target_label: str, target_key: str
) -> str:
    """Upsert a batch of relationships of one type; ``$rows`` = [{s, t, props, h}]."""
    return (
        _endpoints(source_label, source_key, target_label, target_key) + f"MERGE (a)-[r:{_ident(rel)}]->(b) "
        "WITH r, row WHERE r.sync_hash IS NULL OR r.sync_hash <> row.h "
        "SET r = row.props, r.sync_hash = row.h RETURN count(r) AS changed"
    )


def create_relationships(
    rel: str, source_label: str, source_key: str, target_label: str, target_key: str
) -> str:
    """Create a batch of relationships where the type is known to be empty."""
    return (
        _endpoints(source_label, source_key, target_label, target_key)
        + f"CREATE (a)-[r:{_ident(rel)}]->(b) SET r = row.props, r.sync_hash = row.h RETURN count(r) AS changed"
    )


def outgoing_relationships(label: str, key: str) -> str:
    """Every relationship leaving the nodes ``$ids`` of one label: source, type, target and labels."""
    return (
        f"UNWIND $ids AS id MATCH (a:{_ident(label)} {{{_ident(key)}: id}})-[r]->(b) "
        f"RETURN a.{_ident(key)} AS s, type(r) AS type, labels(b)[0] AS target_label, b.id AS t"
    )


def delete_relationships(
    rel: str, source_label: str, source_key: str, target_label: str, target_key: str
) -> str:
    """Delete the relationships ``$rows`` = [{s, t}] of one type."""
    return (
        f"UNWIND $rows AS row MATCH (a:{_ident(source_label)} {{{_ident(source_key)}: row.s}})"
        f"-[r:{_ident(rel)}]->(b:{_ident(target_label)} {{{_ident(target_key)}: row.t}}) "
        "DELETE r RETURN count(r) AS changed"
    )


def delete_nodes(label: str, key: str) -> str:
    """Delete the nodes ``$ids`` of one label with their relationships."""
    return (
        f"UNWIND $ids AS id MATCH (n:{_ident(label)} {{{_ident(key)}: id}}) DETACH DELETE n "
        "RETURN count(n) AS changed"
    )


def delete_orphans(label: str, key: str) -> str:
    """Delete those of the nodes ``$ids`` that no relationship touches any more."""
    return (
        f"UNWIND $ids AS id MATCH (n:{_ident(label)} {{{_ident(key)}: id}}) WHERE NOT (n)--() DELETE n "
        "RETURN count(n) AS changed"
    )
