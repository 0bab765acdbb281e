"""Stores: the graph in a database that answers Cypher. ``embedded`` (LadybugDB, a file written by
``paperkg build``, the default) or ``neo4j`` (a server, loaded over Bolt or with neo4j-admin).

Both answer the ready queries of ``graph_schema/queries`` (``queries``) through the same small
interface, :class:`GraphStore`; ``rows`` turns the networkx graph into the typed rows both load.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["GraphStore", "StoreError"]


class StoreError(RuntimeError):
    """A store is missing or unreadable, or a query against it failed (one line)."""


class GraphStore(Protocol):
    """What the query commands need from a store."""

    engine: str

    def run(self, query: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Column names and rows of a read query."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
