"""The graph schema, read from ``graph_schema/schema.json`` (the single source of truth).

Code asks this module which labels, keys and relationship types exist; the Neo4j constraints and
indexes are generated here from the same file (``graph_schema/constraints.cypher`` holds the
generated text, and a test fails if it drifts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["GraphSchema", "SchemaError", "constraints_cypher", "load_schema", "schema_dir"]


class SchemaError(ValueError):
    """A graph or query does not fit the schema."""


def schema_dir() -> Path:
    """The ``graph_schema`` folder: the repository's in a checkout, the packaged copy when installed."""
    repo = Path(__file__).resolve().parents[2] / "graph_schema"
    if (repo / "schema.json").is_file():
        return repo
    return Path(str(resources.files("paperkg") / "graph_schema"))


@dataclass(frozen=True)
class GraphSchema:
    """Labels with key property and properties, relationship types with their endpoints."""

    raw: dict[str, Any]

    @property
    def labels(self) -> list[str]:
        return list(self.raw["nodes"])

    @property
    def relationship_types(self) -> list[str]:
        return list(self.raw["relationships"])

    def key(self, label: str) -> str:
        return self.node(label)["key"]

    def node(self, label: str) -> dict[str, Any]:
        try:
            return self.raw["nodes"][label]
        except KeyError:
            raise SchemaError(
                f"unknown node label {label!r}; the schema has {', '.join(self.labels)}"
            ) from None

    def properties(self, label: str) -> dict[str, str]:
        return dict(self.node(label)["properties"])

    def relationship(self, rel: str) -> dict[str, Any]:
        try:
            return self.raw["relationships"][rel]
        except KeyError:
            raise SchemaError(f"unknown relationship type {rel!r}") from None

    @property
    def relationship_properties(self) -> dict[str, str]:
        return dict(self.raw["relationship_properties"])

    def check_edge(self, rel: str, source_label: str, target_label: str) -> None:
        """Raise :class:`SchemaError` unless ``(source)-[rel]->(target)`` is allowed."""
        spec = self.relationship(rel)
        if source_label not in spec["from"] or target_label not in spec["to"]:
            raise SchemaError(f"({source_label})-[:{rel}]->({target_label}) is not in the schema")

    def color(self, label: str) -> str:
        return self.node(label).get("color", "#999999")

    def shape(self, label: str) -> str:
        return self.node(label).get("shape", "dot")


@cache
def load_schema() -> GraphSchema:
    """The parsed schema (cached)."""
    return GraphSchema(json.loads((schema_dir() / "schema.json").read_text(encoding="utf-8")))


def constraints_cypher(schema: GraphSchema | None = None) -> list[str]:
    """Cypher statements creating one uniqueness constraint per label key plus the listed indexes
    (text indexes serve the ``name_keys CONTAINS`` look-ups)."""
    schema = schema or load_schema()
    out = []
    for label in schema.labels:
        key = schema.key(label)
        out.append(
            f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        )
        for prop in schema.node(label).get("indexes", []):
            out.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")
        for prop in schema.node(label).get("text_indexes", []):
            out.append(
                f"CREATE TEXT INDEX {label.lower()}_{prop}_text IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
            )
    return out


if __name__ == "__main__":  # python -m paperkg.schema > graph_schema/constraints.cypher
    print("// Generated from graph_schema/schema.json by `python -m paperkg.schema`; do not edit.")
    for _stmt in constraints_cypher():
        print(_stmt + ";")
