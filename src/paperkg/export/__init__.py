"""Export: write the graph to files, one format per module (``store`` hands the graph to the embedded
store, :mod:`paperkg.store.embedded`, which build writes by default).

``write_exports`` writes the chosen formats of a networkx graph into a folder and returns the paths
it wrote. ``write_table_exports`` does the same from a build's Parquet tables: CSV and neo4j-admin
files are streamed from the tables and the embedded store bulk-loads them; the formats that need a
networkx graph (JSON, GraphML, GEXF, HTML, leaderboards) get one only when the graph is within
``graph_limit`` nodes plus relationships. Over it, the HTML page draws a bounded overview (and its
title says so) and the others are left out with a note.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from paperkg.export.gexf import write_gexf
from paperkg.export.graphml import write_graphml
from paperkg.export.html import DEFAULT_BUDGET, write_html
from paperkg.export.leaderboards import write_leaderboards
from paperkg.export.neo4j_admin import write_cypher_script, write_neo4j_admin
from paperkg.export.nodelink import write_node_link
from paperkg.export.rows import GraphSource
from paperkg.export.tables import write_edges_csv, write_nodes_csv
from paperkg.store.embedded import STORE_FILE, write_store
from paperkg.tables.layout import TableSet
from paperkg.tables.overview import overview_graph
from paperkg.tables.settings import GRAPH_LIMIT

__all__ = [
    "DEFAULT_FORMATS",
    "FILE_FORMATS",
    "GRAPH_FORMATS",
    "TableExports",
    "check_formats",
    "write_exports",
    "write_table_exports",
]


def _csv(g: GraphSource, out: Path, **_: object) -> list[Path]:
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


def _neo4j_admin(g: GraphSource, out: Path, **_: object) -> list[Path]:
    paths = write_neo4j_admin(g, out / "neo4j-admin")
    paths.append(write_cypher_script(g, out / "neo4j-admin" / "load.cypher"))
    return paths


def _store(g: GraphSource, out: Path, **_: object) -> list[Path]:
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
GRAPH_FORMATS = ("json", "graphml", "gexf", "html", "leaderboards")
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


@dataclass
class TableExports:
    """Files written from a build's tables, what was left out and why, and the graph if one was made."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    graph: nx.MultiDiGraph | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step ("graph", each format)


def write_table_exports(
    tables: TableSet,
    out: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    max_nodes: int = DEFAULT_BUDGET,
    graph_limit: int = GRAPH_LIMIT,
) -> TableExports:
    """Write each format into ``out`` from ``tables`` (see the module docstring).

    Formats made from the tables (store, csv, neo4j-admin) are written first, before the graph is
    loaded for the others: the store's bulk load needs a few hundred MB of its own, which then never
    adds to the graph's."""
    out = Path(out)
    formats = check_formats(formats)
    result = TableExports()
    size = tables.size()
    written: dict[str, list[Path]] = {}
    for fmt in sorted(formats, key=lambda f: f in GRAPH_FORMATS):
        t0 = time.perf_counter()
        if fmt in GRAPH_FORMATS and result.graph is None and size <= graph_limit:
            result.graph = tables.graph()
            result.timings["graph"] = round(time.perf_counter() - t0, 3)
            t0 = time.perf_counter()
        if fmt not in GRAPH_FORMATS:
            paths = FILE_FORMATS[fmt](tables, out, max_nodes=max_nodes)
        elif result.graph is not None:
            paths = FILE_FORMATS[fmt](result.graph, out, max_nodes=max_nodes)
        elif fmt == "html":
            note = (
                f"overview: the graph has {size:,} nodes and relationships, more than the build's graph "
                f"limit ({graph_limit:,}); drawn from its most-named entities and some of their papers"
            )
            write_html(
                overview_graph(tables, max_nodes), out / "graph.html", f"paperkg graph ({note})", max_nodes
            )
            paths = [out / "graph.html"]
            result.notes.append(f"graph.html: {note}")
        else:
            result.notes.append(
                f"{fmt}: not written: the graph has {size:,} nodes and relationships, more than the graph "
                f"limit ({graph_limit:,}); raise it with --graph-limit (about 3 GiB of memory per million) "
                f"or use the Parquet tables, csv or neo4j-admin files"
            )
            continue
        result.timings[fmt] = round(time.perf_counter() - t0, 3)
        log.info(
            "%s: %s in %.2f s",
            fmt,
            ", ".join(f"{p} ({p.stat().st_size} bytes)" for p in paths),
            time.perf_counter() - t0,
        )
        written[fmt] = paths
    result.files = [p for fmt in formats for p in written.get(fmt, [])]
    return result
