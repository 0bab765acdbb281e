"""Export: write the graph to files, one format per module (``store`` hands the graph to the embedded
store, :mod:`paperkg.store.embedded`, which build writes by default).

``write_exports`` writes the chosen formats into a folder and returns the paths it wrote.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from paperkg.export.gexf import write_gexf
from paperkg.export.graphml import write_graphml
from paperkg.export.html import DEFAULT_BUDGET, write_html
from paperkg.export.leaderboards import write_leaderboards
from paperkg.export.neo4j_admin import write_cypher_script, write_neo4j_admin
from paperkg.export.nodelink import write_node_link
from paperkg.export.tables import write_edges_csv, write_nodes_csv
from paperkg.store.embedded import STORE_FILE, write_store

__all__ = ["DEFAULT_FORMATS", "FILE_FORMATS", "check_formats", "write_exports"]


def _csv(g: nx.MultiDiGraph, out: Path, **_: object) -> list[Path]:
    write_nodes_csv(g, out / "nodes.csv")
    write_edges_csv(g, out / "edges.csv")
    return [out / "nodes.csv", out / "edges.csv"]


def _one(name: str, writer: Callable[[nx.MultiDiGraph, Path], None]) -> Callable[..., list[Path]]:
    def write(g: nx.MultiDiGraph, out: Path, **_: object) -> list[Path]:
        writer(g, out / name)
        return [out / name]

    return write


def _html(g: nx.MultiDiGraph, out: Path, max_nodes: int = DEFAULT_BUDGET, **_: object) -> list[Path]:
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
    "leaderboards": _one("leaderboards.json", write_leaderboards),
}
DEFAULT_FORMATS = ("json", "graphml", "gexf", "csv", "html", "store")
log = logging.getLogger("paperkg")


def check_formats(formats: Iterable[str]) -> list[str]:
    """The formats as a list; ValueError naming the first unknown one (before any work is done)."""
    formats = [f.strip() for f in formats]
    for fmt in formats:
        if fmt not in FILE_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FILE_FORMATS)}")
    if not formats:
        raise ValueError(f"no export format given; choose from {', '.join(FILE_FORMATS)}")
    return formats


def write_exports(
    g: nx.MultiDiGraph,
    out: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    max_nodes: int = DEFAULT_BUDGET,
) -> list[Path]:
    """Write each format into ``out`` (each file atomically); returns every file written."""
    out = Path(out)
    written: list[Path] = []
    for fmt in check_formats(formats):
        t0 = time.perf_counter()
        paths = FILE_FORMATS[fmt](g, out, max_nodes=max_nodes)
        log.info(
            "%s: %s in %.2f s",
            fmt,
            ", ".join(f"{p} ({p.stat().st_size} bytes)" for p in paths),
            time.perf_counter() - t0,
        )
        written += paths
    return written
