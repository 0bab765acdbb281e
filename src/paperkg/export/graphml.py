"""GraphML (for Gephi, Cytoscape, igraph, yEd), written and read back."""

from __future__ import annotations

import networkx as nx

from paperkg.export._io import PathOrFile, opened

__all__ = ["read_graphml", "write_graphml"]


def write_graphml(g: nx.MultiDiGraph, target: PathOrFile) -> None:
    """Write ``g`` as GraphML to a path or binary file handle."""
    with opened(target, "wb") as fh:
        nx.write_graphml(g, fh, named_key_ids=True)


def read_graphml(source: PathOrFile) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graphml`."""
    with opened(source, "rb") as fh:
        return nx.read_graphml(fh, force_multigraph=True)
