"""Export: write the graph to files, one format per module (``store`` hands the graph to the embedded
store, :mod:`paperkg.store.embedded`, which build writes by default).

``write_exports`` writes the chosen formats into a folder and returns the paths it wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from paperkg.export.gexf import write_gexf
from paperkg.export.graphml import write_graphml
from paperkg.export.html import write_html
from paperkg.export.neo4j_admin import write_cypher_script, write_neo4j_admin
from paperkg.export.nodelink import write_node_link
from paperkg.export.tables import write_edges_csv, write_nodes_csv
from paperkg.store.embedded import STORE_FILE, write_store

__all__ = ["DEFAULT_FORMATS", "FILE_FORMATS", "write_exports"]


def _csv(g: nx.MultiDiGraph, out: Path, **_: object) -> list[Path]:
    write_nodes_csv(g, out / "nodes.csv")
    write_edges_csv(g, out / "edges.csv")
    return [out / "nodes.csv", out / "edges.csv"]


def _one(name: str, writer: Callable[[nx.MultiDiGraph, Path], None]) -> Callable[..., list[Path]]:
    def write(g: nx.MultiDiGraph, out: Path, **_: object) -> list[Path]:
        writer(g, out / name)
        return [out / name]

    return write


def _html(g: nx.MultiDiGraph, out: Path, max_nodes: int = 1500, **_: object) -> list[Path]:
    write_html(g, out / "graph.html", max_nodes=max_nodes)
    return [out / "graph.html"]


def _neo4j_admin(g: nx.MultiDiGraph, out: Path, **_: object) -> list[Path]:
    paths = write_neo4j_admin(g, out / "neo4j-admin")
    paths.append(write_cypher_script(g, out / "neo4j-admin" / "load.cypher"))
    return paths


def _store(g: nx.MultiDiGraph, out: Path, **_: object) -> list[Path]:
    return [write_store(g, out / STORE_FILE)]


FILE_FORMATS: dict[str, Callable[..., list[Path]]] = {
    "json": _one("graph.json", write_node_link),
    "graphml": _one("graph.graphml", write_graphml),
    "gexf": _one("graph.gexf", write_gexf),
    "csv": _csv,
    "html": _html,
    "neo4j-admin": _neo4j_admin,
    "store": _store,
}
DEFAULT_FORMATS = ("json", "graphml", "gexf", "csv", "html", "store")


def write_exports(
    g: nx.MultiDiGraph, out: str | Path, formats: Iterable[str] = DEFAULT_FORMATS, max_nodes: int = 1500
) -> list[Path]:
    """Write each format into ``out``; returns every file written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in formats:
        if fmt not in FILE_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FILE_FORMATS)}")
        written += FILE_FORMATS[fmt](g, out, max_nodes=max_nodes)
    return written
