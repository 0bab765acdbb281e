"""Neo4j: connect to a Neo4j 5 server over Bolt, create the schema's constraints, run Cypher.

Loading and syncing a graph is :mod:`paperkg.store.neo4j_sync`; this module owns the connection, the
schema statements and :class:`Neo4jStore`, the query side.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from paperkg.schema import GraphSchema, constraints_cypher
from paperkg.store import StoreError
from paperkg.store.cypher import COUNT_NODES, COUNT_RELS

__all__ = [
    "Neo4jConnectionError",
    "Neo4jLoadError",
    "Neo4jStore",
    "connect",
    "count_graph",
    "ensure_schema",
    "run_query",
]


class Neo4jConnectionError(RuntimeError):
    """The server could not be reached or refused the credentials."""


class Neo4jLoadError(RuntimeError):
    """A write failed after retries; the message says what had been written."""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def connect(uri: str, user: str, password: str) -> Driver:
    """A verified driver; wrong credentials or an unreachable server raise :class:`Neo4jConnectionError`.

    Server notifications (deprecations, "null value eliminated") are switched off: the CLI prints
    answers, not the driver's warnings and query text.
    """
    try:
        driver = GraphDatabase.driver(
            uri, auth=(user, password), connection_timeout=10, notifications_min_severity="OFF"
        )
        driver.verify_connectivity()
    except AuthError as exc:
        raise Neo4jConnectionError(f"Neo4j at {uri} refused user {user!r}: wrong user or password") from exc
    except (ServiceUnavailable, OSError) as exc:
        reason = "connection refused" if "refused" in str(exc).lower() else _one_line(exc)
        raise Neo4jConnectionError(f"cannot reach Neo4j at {uri} ({reason})") from exc
    except ValueError as exc:
        raise Neo4jConnectionError(f"bad Neo4j URI {uri!r}: {_one_line(exc)}") from exc
    return driver


def ensure_schema(
    driver: Driver,
    database: str | None = None,
    schema: GraphSchema | None = None,
    which: str = "all",
) -> int:
    """Create the schema's constraints and indexes (IF NOT EXISTS); returns how many statements ran.

    ``which`` is ``constraints`` (the key constraints, which the loader's look-ups need), ``indexes``
    (the other indexes: a first load creates them after its writes, so that they are built once
    instead of being updated row by row) or ``all``.
    """
    statements = [
        stmt
        for stmt in constraints_cypher(schema)
        if which == "all" or (stmt.startswith("CREATE CONSTRAINT") == (which == "constraints"))
    ]
    for stmt in statements:
        driver.execute_query(stmt, database_=database)
    return len(statements)


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


class Neo4jStore:
    """A Neo4j database as a :class:`paperkg.store.GraphStore` (read queries through one driver)."""

    engine = "neo4j"

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        self.driver, self.database = driver, database

    def run(self, query: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
        """Column names and rows; a failing query raises :class:`paperkg.store.StoreError` (one line)."""
        try:
            return run_query(self.driver, query, params, self.database)
        except Neo4jError as exc:
            raise StoreError(_one_line(exc.message or exc)) from exc

    def close(self) -> None:
        """Close the driver."""
        self.driver.close()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
