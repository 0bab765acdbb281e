"""Cypher text used by the Neo4j loader, kept apart from the code that runs it.

Labels and relationship types are filled in from the schema (checked identifiers); every value
travels as a parameter (``$rows``), never inside the query string.
"""

from __future__ import annotations

import re

__all__ = ["COUNT_NODES", "COUNT_RELS", "merge_nodes", "merge_relationships"]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_RELS = "MATCH ()-[r]->() RETURN count(r) AS n"


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a Cypher identifier: {name!r}")
    return name


def merge_nodes(label: str, key: str) -> str:
    """Upsert a batch of nodes of one label by their key; ``$rows`` = [{key, props}]."""
    return f"UNWIND $rows AS row MERGE (n:{_ident(label)} {{{_ident(key)}: row.key}}) SET n += row.props"


def merge_relationships(
    rel: str, source_label: str, source_key: str, target_label: str, target_key: str
) -> str:
    """Upsert a batch of relationships of one type; ``$rows`` = [{s, t, props}]."""
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_ident(source_label)} {{{_ident(source_key)}: row.s}}) "
        f"MATCH (b:{_ident(target_label)} {{{_ident(target_key)}: row.t}}) "
        f"MERGE (a)-[r:{_ident(rel)}]->(b) SET r += row.props"
    )
