"""GEXF (Gephi's native format), written and read back."""

from __future__ import annotations

import networkx as nx

from paperkg.export._io import PathOrFile, opened

__all__ = ["read_gexf", "write_gexf"]


def write_gexf(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """Write ``g`` as GEXF 1.2 to a path or binary file handle (labels become node names)."""
    h = g.copy()
    for _, data in h.nodes(data=True):
        data.setdefault("name", data.get("title", data["id"]))
    for _, _, data in h.edges(data=True):
        data.pop("id", None)
    with opened(target, "wb") as fh:
        nx.write_gexf(h, fh)


def read_gexf(source: PathOrFile) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_gexf`."""
    with opened(source, "rb") as fh:
        return nx.MultiDiGraph(nx.read_gexf(fh))
